/* gd_eval_mex.c - gateway: [f, G, H] = gd_eval_mex(fun, Theta)
 * Evaluates a problem at the columns of Theta (d x m): f (1 x m), G (d x m),
 * and, for a single point, the dense Hessian H (d x d) where the family has one.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gdf_mexutil.h"

static const char *FN = "gd_eval";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gdf_mex_problem mp;
    ptrdiff_t d, m, j;
    const double *T;
    double *f, *G = NULL;
    if (nrhs != 2)
        gdf_mex_error(FN, "badArgs", "usage: [f, g, H] = gd_eval(fun, Theta) with Theta d-by-m.");
    if (nlhs > 3)
        gdf_mex_error(FN, "tooManyOutputs", "at most three outputs: [f, g, H].");
    T = gdf_mex_dense_any(prhs[1], FN, "Theta", &d, &m);
    if (d < 1)
        gdf_mex_error(FN, "badSize", "Theta must have at least one row.");
    gdf_mex_problem_init(prhs[0], d, FN, &mp);
    plhs[0] = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
    f = mxGetPr(plhs[0]);
    if (nlhs >= 2) {
        gdf_mex_check_alloc(FN, "the gradients", (double)d * (double)m);
        plhs[1] = mxCreateDoubleMatrix((mwSize)d, (mwSize)m, mxREAL);
        G = mxGetPr(plhs[1]);
    }
    for (j = 0; j < m; j++) {
        int st = gdf_eval(&mp.p, T + j * d, f + j, G ? G + j * d : NULL);
        if (st != GDF_OK)
            gdf_mex_error(FN, "internal", "evaluating f and the gradient at column %ld of Theta "
                                          "failed (%s).", (long)(j + 1),
                          st == GDF_ELAPACK ? "a LAPACK call failed" : "the C core refused the call");
    }
    if (nlhs >= 3) {
        int st;
        if (m != 1)
            gdf_mex_error(FN, "badSize", "the Hessian is returned for a single point (Theta d-by-1).");
        if (!mp.p.hess) {
            if (mp.p.hessvec) { /* sparse quadratic: assemble from products (constant) */
                double *e, *H;
                gdf_mex_check_alloc(FN, "the Hessian", (double)d * (double)d);
                plhs[2] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
                H = mxGetPr(plhs[2]);
                e = (double *)mxCalloc((size_t)d, sizeof(double));
                for (j = 0; j < d; j++) {
                    e[j] = 1.0;
                    mp.p.hessvec(mp.p.ctx, T, e, H + j * d);
                    e[j] = 0.0;
                }
                return;
            }
            gdf_mex_error(FN, "noHessian", "this problem provides no Hessian (function handles do not).");
        }
        gdf_mex_check_alloc(FN, "the Hessian", (double)d * (double)d);
        plhs[2] = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
        st = mp.p.hess(mp.p.ctx, T, mxGetPr(plhs[2]));
        if (st != GDF_OK)
            gdf_mex_error(FN, "internal", "evaluating the Hessian failed (%s).",
                          st == GDF_ENOHESS ? "this problem has no Hessian"
                                            : "the C core refused the call");
    }
}
