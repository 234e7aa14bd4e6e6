/* gd_sgd_cov_mex.c - gateway of gd_sgd_cov's numerics (mex/gdf_sgdcov.c):
 *   [A, C, gbar]                     = gd_sgd_cov_mex('lsq', X, y, theta)
 *   [V, lambda, Ct, Ssde, Sdisc, st] = gd_sgd_cov_mex('solve', A, C, q, eta)
 *   S                                = gd_sgd_cov_mex('exact', X, A, C, eta, kappa)
 * st: 0 solved, 1 A not positive definite (V, lambda set; the rest []).
 * Sdisc is NaN when eta lambda_max >= 2.  gd_sgd_cov.m checks the
 * arguments' meaning and raises the user-facing errors; this gateway checks
 * classes and sizes.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdf_mexutil.h"
#include "gdf_sgdcov.h"

static const char *FN = "gd_sgd_cov";

static const double *square(const mxArray *a, const char *name, ptrdiff_t d)
{
    ptrdiff_t r, c;
    const double *x = gdf_mex_dense(a, FN, name, &r, &c);
    if (r != d || c != d)
        gdf_mex_error(FN, "badSize", "%s must be %ld x %ld, not %ld x %ld.", name, (long)d, (long)d,
                      (long)r, (long)c);
    return x;
}

static void set_out(int nlhs, mxArray *plhs[], mxArray **out, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        if (i < nlhs || i == 0)
            plhs[i] = out[i];
        else
            mxDestroyArray(out[i]);
    }
}

static void do_lsq(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t m, p, ym, yn, tm, tn;
    const double *X, *y, *th;
    mxArray *out[3];
    double *w;
    int s;
    if (nrhs != 4)
        gdf_mex_error(FN, "badArgs", "usage: gd_sgd_cov_mex('lsq', X, y, theta).");
    X = gdf_mex_dense(prhs[1], FN, "X", &m, &p);
    y = gdf_mex_dense(prhs[2], FN, "y", &ym, &yn);
    th = gdf_mex_dense(prhs[3], FN, "theta", &tm, &tn);
    if (m < 1 || p < 1 || ym * yn != m || tm * tn != p)
        gdf_mex_error(FN, "badSize", "X must be m x p (non-empty), y of length m, theta of length p.");
    gdf_mex_check_alloc(FN, "the matrices A and C", 2.0 * (double)p * (double)p + (double)m);
    out[0] = mxCreateDoubleMatrix((mwSize)p, (mwSize)p, mxREAL);
    out[1] = mxCreateDoubleMatrix((mwSize)p, (mwSize)p, mxREAL);
    out[2] = mxCreateDoubleMatrix((mwSize)p, 1, mxREAL);
    w = (double *)mxMalloc(gdf_lsq_gradcov_work(m, p) * sizeof(double));
    s = gdf_lsq_gradcov(m, p, X, y, th, mxGetPr(out[0]), mxGetPr(out[1]), mxGetPr(out[2]), w);
    mxFree(w);
    if (s != GDF_OK)
        gdf_mex_error(FN, "internal", "the gradient covariance failed (%s).", gdf_mex_status_text(s));
    set_out(nlhs, plhs, out, 3);
}

static void do_solve(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, c;
    const double *A, *C;
    double q, eta, *w;
    void *iw;
    mxArray *out[6];
    int s, i;
    if (nrhs != 5)
        gdf_mex_error(FN, "badArgs", "usage: gd_sgd_cov_mex('solve', A, C, q, eta).");
    (void)gdf_mex_dense(prhs[1], FN, "A", &d, &c);
    if (d < 1 || c != d)
        gdf_mex_error(FN, "badSize", "A must be a non-empty square matrix.");
    A = square(prhs[1], "A", d);
    C = square(prhs[2], "C", d);
    q = gdf_mex_scalar(prhs[3], FN, "q");
    eta = gdf_mex_scalar(prhs[4], FN, "eta");
    if (!(q >= 0.0) || !isfinite(q) || !(eta > 0.0) || !isfinite(eta))
        gdf_mex_error(FN, "badArgs", "q must be finite and >= 0, eta finite and > 0.");
    gdf_mex_check_alloc(FN, "the covariance matrices and their workspace",
                        5.0 * (double)d * (double)d + (double)gdf_sgdcov_work(d));
    out[0] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
    out[1] = mxCreateDoubleMatrix((mwSize)d, 1, mxREAL);
    out[2] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
    out[3] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
    out[4] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
    w = (double *)mxMalloc(gdf_sgdcov_work(d) * sizeof(double));
    iw = mxMalloc(gdf_sgdcov_iwork(d) * sizeof(ptrdiff_t)); /* >= sizeof(gdf_int) */
    s = gdf_sgdcov_solve(d, A, C, q, eta, mxGetPr(out[0]), mxGetPr(out[1]), mxGetPr(out[2]),
                         mxGetPr(out[3]), mxGetPr(out[4]), w, iw);
    mxFree(w);
    mxFree(iw);
    if (s != GDF_OK && s != GDF_ENOTSPD)
        gdf_mex_error(FN, "internal", "the Lyapunov solve failed (%s).", gdf_mex_status_text(s));
    if (s == GDF_ENOTSPD)
        for (i = 2; i < 5; i++) {
            mxDestroyArray(out[i]);
            out[i] = mxCreateDoubleMatrix(0, 0, mxREAL);
        }
    out[5] = mxCreateDoubleScalar(s == GDF_OK ? 0.0 : 1.0);
    set_out(nlhs, plhs, out, 6);
}

static void do_exact(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t m, p;
    const double *X, *A, *C;
    double eta, kappa, *w;
    void *iw;
    mxArray *out[1];
    int s;
    if (nrhs != 6)
        gdf_mex_error(FN, "badArgs", "usage: gd_sgd_cov_mex('exact', X, A, C, eta, kappa).");
    X = gdf_mex_dense(prhs[1], FN, "X", &m, &p);
    if (m < 1 || p < 1 || p > GDF_SGDCOV_EXACT_DMAX)
        gdf_mex_error(FN, "badSize", "X must be m x p with 1 <= p <= %d.", GDF_SGDCOV_EXACT_DMAX);
    A = square(prhs[2], "A", p);
    C = square(prhs[3], "C", p);
    eta = gdf_mex_scalar(prhs[4], FN, "eta");
    kappa = gdf_mex_scalar(prhs[5], FN, "kappa");
    if (!(eta > 0.0) || !isfinite(eta) || !(kappa >= 0.0) || !isfinite(kappa))
        gdf_mex_error(FN, "badArgs", "eta must be finite and > 0, kappa finite and >= 0.");
    out[0] = mxCreateDoubleMatrix((mwSize)p, (mwSize)p, mxREAL);
    w = (double *)mxMalloc(gdf_sgdcov_exact_work(p) * sizeof(double));
    iw = mxMalloc(gdf_sgdcov_exact_iwork(p) * sizeof(ptrdiff_t));
    s = gdf_sgdcov_exact(m, p, X, A, C, eta, kappa, mxGetPr(out[0]), w, iw);
    mxFree(w);
    mxFree(iw);
    if (s == GDF_ELAPACK) { /* singular second-moment operator: no stationary second moment */
        size_t i, n = (size_t)p * (size_t)p;
        for (i = 0; i < n; i++)
            mxGetPr(out[0])[i] = NAN;
    } else if (s != GDF_OK) {
        gdf_mex_error(FN, "internal", "the exact second moment failed (%s).", gdf_mex_status_text(s));
    }
    set_out(nlhs, plhs, out, 1);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char mode[8];
    if (nrhs < 1)
        gdf_mex_error(FN, "badArgs", "usage: gd_sgd_cov_mex(mode, ...).");
    gdf_mex_string(prhs[0], FN, "mode", mode, sizeof mode);
    if (!strcmp(mode, "lsq"))
        do_lsq(nlhs, plhs, nrhs, prhs);
    else if (!strcmp(mode, "solve"))
        do_solve(nlhs, plhs, nrhs, prhs);
    else if (!strcmp(mode, "exact"))
        do_exact(nlhs, plhs, nrhs, prhs);
    else
        gdf_mex_error(FN, "badArgs", "unknown mode '%s'.", mode);
}
