/* gdf_natural.c - natural-gradient wrapper problem: grad -> G(theta)^{-1} grad.
 *
 * The metric is factored with Cholesky (dpotrf) and applied with dpotrs:
 * G is never inverted.  A fixed metric is factored once; a metric that
 * depends on theta (a callback, or the Hessian: the Fisher information of
 * logistic regression) is factored at every evaluation.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"

size_t gdf_natural_work(ptrdiff_t d)
{
    return (size_t)d * (size_t)d + 1;
}

/* Cholesky of L + damping I in place: 0, or the column where it failed */
static long factor(ptrdiff_t d, double *L, double damping)
{
    gdf_int n = (gdf_int)d, info = 0;
    ptrdiff_t i;
    if (damping != 0.0)
        for (i = 0; i < d; i++)
            L[i + i * d] += damping;
    GDF_F77(dpotrf)("L", &n, L, &n, &info, 1);
    return (long)info;
}

static int natural_fg(void *ctx, const double *theta, double *f, double *g)
{
    gdf_natural *q = (gdf_natural *)ctx;
    gdf_problem *b = q->base;
    ptrdiff_t d = b->d;
    gdf_int n = (gdf_int)d, one = 1, info = 0;
    long col;
    int s = gdf_eval(b, theta, f, g);
    if (s != GDF_OK || !g)
        return s;
    if (!gdf_all_finite(d, g))
        return GDF_OK; /* let the driver see the non-finite gradient */
    if (q->kind == GDF_METRIC_FUNC || q->kind == GDF_METRIC_HESS) {
        if (q->kind == GDF_METRIC_FUNC)
            s = q->metric(q->mctx, theta, q->work);
        else
            s = b->hess ? b->hess(b->ctx, theta, q->work) : GDF_ENOHESS;
        if (s != GDF_OK)
            return s;
        q->nmetric++;
        col = gdf_all_finite(d * d, q->work) ? factor(d, q->work, q->damping) : -1;
        if (col != 0) {
            ptrdiff_t i; /* not SPD here: report a non-finite direction */
            if (q->fail_col == 0) {
                q->fail_col = (int)col;
                q->fail_eval = q->nmetric - 1;
            }
            for (i = 0; i < d; i++)
                g[i] = NAN;
            return GDF_OK;
        }
    }
    GDF_F77(dpotrs)("L", &n, &one, q->work, &n, g, &n, &info, 1);
    return info == 0 ? GDF_OK : GDF_ELAPACK;
}

int gdf_problem_natural(gdf_problem *p, gdf_natural *q)
{
    ptrdiff_t d = q->base->d;
    memset(p, 0, sizeof *p);
    p->d = d;
    p->ctx = q;
    p->fg = natural_fg;
    p->L = p->mu = NAN;
    q->factored = 0;
    q->nmetric = q->fail_eval = 0;
    q->fail_col = 0;
    if (q->kind == GDF_METRIC_FIXED) {
        memcpy(q->work, q->G, (size_t)d * (size_t)d * sizeof(double));
        if (factor(d, q->work, q->damping) != 0)
            return GDF_ENOTSPD;
        q->factored = 1;
    } else if (q->kind == GDF_METRIC_HESS && !q->base->hess) {
        return GDF_ENOHESS;
    } else if (q->kind != GDF_METRIC_FUNC && q->kind != GDF_METRIC_HESS) {
        return GDF_EARG;
    }
    return GDF_OK;
}
