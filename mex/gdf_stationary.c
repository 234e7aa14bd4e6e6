/* gdf_stationary.c - what kind of point a gradient-norm stop found.
 *
 * A run that stops because ||grad f|| <= GradTol has found a stationary
 * point, not necessarily a minimizer: on an indefinite quadratic a start on
 * the stable manifold of the saddle converges to the saddle.  This file
 * applies the second-order test where it is cheap and conclusive:
 *   - known convexity (mu >= 0 recorded by the problem): a minimum, at no cost;
 *   - quadratics (constant Hessian) with lambda_min = mu and lambda_max = L
 *     known: the signs decide;
 *   - a dense Hessian and d <= GDF_STATIONARY_MAXD: its eigenvalues (LAPACK
 *     dsyevd through gdf_syev) at theta.
 * Tolerance: tol = 1e3 eps max|lambda|.  The computed eigenvalues of the
 * computed Hessian are exact for a matrix within a few d eps ||H|| of it
 * (backward stability of dsyevd, plus the rounding of the Hessian entries),
 * so an eigenvalue below -tol is negative for the true Hessian too; the same
 * threshold decides mu < 0 in gd_quadratic, so the two never disagree.
 * Eigenvalues within tol of 0 make the second-order test inconclusive
 * (f = x^3 at 0, f = x^4 at 0): "unverified", unless the Hessian is constant
 * (a positive semidefinite quadratic is convex: any stationary point is a
 * global minimizer).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>

#include "gdflow.h"

size_t gdf_stationary_work(ptrdiff_t d)
{
    if (d < 1 || d > GDF_STATIONARY_MAXD)
        return 1;
    return (size_t)d * (size_t)d + (size_t)d + gdf_syev_work(d);
}

size_t gdf_stationary_iwork(ptrdiff_t d)
{
    if (d < 1 || d > GDF_STATIONARY_MAXD)
        return 1;
    return gdf_syev_iwork(d);
}

const char *gdf_stationary_name(int kind)
{
    switch (kind) {
    case GDF_STAT_MINIMUM:
        return "minimum";
    case GDF_STAT_SADDLE:
        return "saddle";
    case GDF_STAT_MAXIMUM:
        return "maximum";
    case GDF_STAT_UNVERIFIED:
        return "unverified";
    default:
        return "none";
    }
}

static int isfin(double x) { return x - x == 0.0; }

double gdf_eig_tol(double lo, double hi)
{
    return 1e3 * DBL_EPSILON * (fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi));
}

/* the class from the extreme eigenvalues lo <= hi */
static int from_signs(double lo, double hi, int constant)
{
    double tol = gdf_eig_tol(lo, hi);
    if (lo > tol)
        return GDF_STAT_MINIMUM;
    if (lo < -tol)
        return hi < -tol ? GDF_STAT_MAXIMUM : GDF_STAT_SADDLE;
    return constant ? GDF_STAT_MINIMUM : GDF_STAT_UNVERIFIED;
}

/* 0: decided by what the problem records; 1: the Hessian's eigenvalues are
 * needed (and possible); 2: no way to decide */
static int path(const gdf_problem *p)
{
    if (isfin(p->mu) && p->mu >= 0.0) /* known convex: any stationary point is a global minimizer */
        return 0;
    if (p->hess_constant && isfin(p->mu) && isfin(p->L) && p->L >= p->mu)
        return 0;                     /* a quadratic with both extreme eigenvalues known */
    if (!p->hess || p->d < 1 || p->d > GDF_STATIONARY_MAXD)
        return 2;
    return 1;
}

int gdf_stationary_needs_work(const gdf_problem *p)
{
    return path(p) == 1;
}

int gdf_stationary(gdf_problem *p, const double *theta, double *work, void *iwork, double *lam)
{
    const ptrdiff_t d = p->d;
    double *H = work, *w;
    int kind, how = path(p);
    if (lam)
        lam[0] = lam[1] = NAN;
    if (how == 0 && isfin(p->mu) && p->mu >= 0.0)
        return GDF_STAT_MINIMUM;
    if (how == 0) {
        if (lam) {
            lam[0] = p->mu;
            lam[1] = p->L;
        }
        return from_signs(p->mu, p->L, 1);
    }
    if (how == 2 || !work || !iwork)
        return GDF_STAT_UNVERIFIED;
    w = work + (size_t)d * (size_t)d;
    if (p->hess(p->ctx, theta, H) != GDF_OK || !gdf_all_finite(d * d, H))
        return GDF_STAT_UNVERIFIED;
    if (gdf_syev(d, H, w, 0, w + d, iwork) != GDF_OK || !isfin(w[0]) || !isfin(w[d - 1]))
        return GDF_STAT_UNVERIFIED;
    kind = from_signs(w[0], w[d - 1], p->hess_constant);
    if (lam) {
        lam[0] = w[0];
        lam[1] = w[d - 1];
    }
    return kind;
}
