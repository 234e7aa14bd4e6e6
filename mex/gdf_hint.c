/* gdf_hint.c - the hint of a gradient descent run stuck at MaxIter on an
 * ill-conditioned problem (gd_run's info.hint, Display 'final' and its
 * printed summary): the one place where that text is built.  See
 * gdf_gd_hint in gdflow.h for when there is one.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gdflow.h"

/* append to buf (n bytes, *len used so far), truncating */
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    va_list ap;
    int w;
    if (*len + 1 >= n)
        return;
    va_start(ap, fmt);
    w = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w < 0)
        return;
    *len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
}

int gdf_gd_hint(const gdf_gd_hint_in *in, char *buf, size_t n)
{
    double kappa_m, need;
    size_t len = 0;
    int momentum;
    if (!buf || n == 0)
        return 0;
    buf[0] = '\0';
    if (!in || in->why != GDF_WHY_MAXITER || in->exact_iter || !(in->grad_tol > 0.0))
        return 0;
    if (in->method != GDF_GDM_GD && in->method != GDF_GDM_HEAVYBALL && in->method != GDF_GDM_NESTEROV)
        return 0;
    if (!(in->kappa >= GDF_HINT_KAPPA) || !isfinite(in->kappa))
        return 0;
    if (!(in->gnorm > in->grad_tol) || !isfinite(in->gnorm))
        return 0;
    momentum = in->method != GDF_GDM_GD;
    kappa_m = momentum ? sqrt(in->kappa) : in->kappa;
    need = kappa_m * log(in->gnorm / in->grad_tol);
    if (!(need > (double)in->iterations))
        return 0;
    put(buf, n, &len, "Stopped at MaxIter (%.0f iterations) far from converged: the problem is "
                      "ill-conditioned (condition number kappa = %.2g), ", (double)in->iterations,
        in->kappa);
    put(buf, n, &len, momentum ? "and this method needs about sqrt(kappa)*log(||grad f||/GradTol) "
                                 "= %.2g iterations to reach GradTol."
                               : "and plain GD needs about kappa*log(||grad f||/GradTol) = %.2g "
                                 "iterations to reach GradTol.",
        need);
    if (in->has_data && in->scale_ratio >= GDF_HINT_SCALE && isfinite(in->scale_ratio))
        put(buf, n, &len, " The features are on very different scales (the columns of X differ in "
                          "scale by a factor ~1e%d): scale the columns of X, e.g. (X - mean(X)) "
                          "./ std(X), keeping the intercept column.",
            (int)floor(log10(in->scale_ratio) + 0.5));
    put(buf, n, &len, " Or use a better method: Method %s'natural'%s, or gd_minimize.",
        in->method == GDF_GDM_NESTEROV ? "" : "'nesterov' or ",
        in->fisher ? "" : " (with Metric 'hessian')");
    return 1;
}
