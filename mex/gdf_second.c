/* gdf_second.c - heavy-ball and Su-Boyd-Candes ODEs as first-order systems
 * for the gradient-flow integrators (see gdf_second.h for the derivation of
 * the t = 0 limit).
 *   W. Su, S. Boyd, E. J. Candes, "A differential equation for modeling
 *   Nesterov's accelerated gradient method: theory and insights", JMLR 17
 *   (2016) 1-43, eq. (3) and Theorem 3.
 *   B. T. Polyak, "Some methods of speeding up the convergence of iteration
 *   methods", USSR Comput. Math. Math. Phys. 4 (1964) 1-17.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_second.h"

/* z = (theta, v) at time t: f = f(theta); g = (-v, c(t) v + grad f(theta)) */
static int second_eval(gdf_second *q, double t, const double *z, double *f, double *g)
{
    gdf_problem *b = q->base;
    ptrdiff_t i, d = b->d;
    const double *v = z + d;
    double c;
    int s;
    if (q->kind == GDF_SECOND_SBC && !(t >= 0.0 && isfinite(t)))
        return GDF_EARG;
    s = gdf_eval(b, z, f, g ? g + d : NULL); /* grad f(theta) into the second half */
    if (s != GDF_OK || !g)
        return s;
    if (q->kind == GDF_SECOND_SBC && t == 0.0) {
        /* the limit t -> 0 with v(0) = 0: v'(0) = -grad f / (1 + r) */
        double w = 1.0 / (1.0 + q->r);
        for (i = 0; i < d; i++) {
            g[i] = -v[i];
            g[d + i] *= w;
        }
        return GDF_OK;
    }
    c = q->kind == GDF_SECOND_SBC ? q->r / t : q->gamma;
    for (i = 0; i < d; i++) {
        g[i] = -v[i];
        g[d + i] += c * v[i];
    }
    return GDF_OK;
}

/* as a problem: at the time q->t (gdf_gf_opts.stage_time) */
static int second_fg(void *ctx, const double *z, double *f, double *g)
{
    gdf_second *q = (gdf_second *)ctx;
    return second_eval(q, q->t, z, f, g);
}

int gdf_second_fgt(void *ctx, double t, const double *z, double *f, double *g)
{
    gdf_second *q = (gdf_second *)ctx;
    if (!q || !q->base)
        return GDF_EARG;
    return second_eval(q, t, z, f, g);
}

int gdf_problem_second(gdf_problem *p, gdf_second *q)
{
    if (!p || !q || !q->base || !q->base->fg || q->base->d < 1)
        return GDF_EARG;
    if (q->kind == GDF_SECOND_HEAVYBALL) {
        if (!(q->gamma >= 0.0) || !isfinite(q->gamma))
            return GDF_EARG;
    } else if (q->kind == GDF_SECOND_SBC) {
        if (!(q->r > 0.0) || !isfinite(q->r))
            return GDF_EARG;
    } else {
        return GDF_EARG;
    }
    memset(p, 0, sizeof *p);
    p->d = 2 * q->base->d;
    p->ctx = q;
    p->fg = second_fg;
    p->hess = NULL;
    p->hessvec = NULL;
    p->L = p->mu = NAN;
    p->hess_constant = 0;
    p->nfevals = 0;
    return GDF_OK;
}

static double second_reach(gdf_second *q, double t, const double *z, const double *G)
{
    ptrdiff_t i, d;
    double mu, c, gf2 = 0.0, v2 = 0.0, e2;
    if (!q || !q->base || !z || !G)
        return INFINITY;
    mu = q->base->mu;
    d = q->base->d;
    if (!(mu > 0.0) || !isfinite(mu))
        return INFINITY;
    if (q->kind == GDF_SECOND_SBC && !(t >= 0.0 && isfinite(t)))
        return INFINITY;
    c = q->kind == GDF_SECOND_SBC ? (t > 0.0 ? q->r / t : 0.0) : q->gamma;
    for (i = 0; i < d; i++) {
        double v = z[d + i];
        /* G = (-v, c v + grad f); at t = 0 (SBC) G2 = grad f / (1 + r) */
        double gf = (q->kind == GDF_SECOND_SBC && t == 0.0) ? G[d + i] * (1.0 + q->r) : G[d + i] - c * v;
        gf2 += gf * gf;
        v2 += v * v;
    }
    e2 = gf2 / mu + v2; /* >= 2 E */
    return sqrt(e2 / mu + e2);
}

double gdf_second_reach(void *ctx, const double *z, const double *G, double gnorm)
{
    gdf_second *q = (gdf_second *)ctx;
    (void)gnorm;
    return second_reach(q, q ? q->t : NAN, z, G);
}

double gdf_second_reach_t(void *ctx, double t, const double *z, const double *G, double gnorm)
{
    (void)gnorm;
    return second_reach((gdf_second *)ctx, t, z, G);
}
