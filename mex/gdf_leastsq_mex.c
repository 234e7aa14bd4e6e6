/* gdf_leastsq_mex.c - gateway of gd_leastsq's dense constructor:
 *   [G, ev, theta, f, rcond, solved, key] = gdf_leastsq_mex(X, y)
 * G = X'X/m formed once (gdf_gram_form, the Gram form's own routine), its
 * eigenvalues ev (ascending), the Cholesky least-squares solution theta and
 * f = f(theta) when solved is true (else theta = [], f = NaN: the caller
 * solves rank-revealing), rcond = ev_min/ev_max, and key, the uint64 1x6
 * fingerprint of X, y and G (gdf_gram_key) that lets gd_run, gf_run and
 * gd_eval use this G without forming it again (gdf_mexutil.c).  Validates, converts, calls
 * gdf_leastsq_setup (mex/gdf_gram.h).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdf_mexutil.h"

static const char *FN = "gd_leastsq";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    mxArray *out[7];
    int i;
    const double *X, *y;
    ptrdiff_t m, p, ym, yn, bad;
    double *G, *ev, *theta, *work, f = NAN, rcond = 0.0;
    uint64_t *key;
    int solved = 0, st;
    if (nrhs != 2)
        gdf_mex_error(FN, "badArgs", "usage: gdf_leastsq_mex(X, y).");
    if (nlhs > 7)
        gdf_mex_error(FN, "tooManyOutputs", "at most seven outputs.");
    X = gdf_mex_dense_any(prhs[0], FN, "X", &m, &p);
    y = gdf_mex_dense_any(prhs[1], FN, "y", &ym, &yn);
    if (m < 1 || p < 1)
        gdf_mex_error(FN, "badSize", "X must be non-empty.");
    if (ym * yn != m || (ym != 1 && yn != 1))
        gdf_mex_error(FN, "badSize", "y must be a vector with one entry per row of X (%ld), not %ld.",
                      (long)m, (long)(ym * yn));
    out[6] = mxCreateNumericMatrix(1, 6, mxUINT64_CLASS, mxREAL);
    key = (uint64_t *)mxGetData(out[6]);
    bad = gdf_gram_key(X, (size_t)m * (size_t)p, key);
    if (bad >= 0)
        gdf_mex_error(FN, "nonFinite", "X must be finite (it has NaN or Inf entries).");
    if (gdf_gram_key(y, (size_t)m, key + 2) >= 0)
        gdf_mex_error(FN, "nonFinite", "y must be finite (it has NaN or Inf entries).");
    gdf_mex_check_alloc(FN, "the Gram matrix X'X and its workspace",
                        2.0 * (double)p * (double)p + (double)gdf_leastsq_setup_work(m, p));
    out[0] = mxCreateDoubleMatrix((mwSize)p, (mwSize)p, mxREAL);
    out[1] = mxCreateDoubleMatrix((mwSize)p, 1, mxREAL);
    G = mxGetPr(out[0]);
    ev = mxGetPr(out[1]);
    theta = (double *)mxMalloc((size_t)p * sizeof(double));
    work = (double *)mxMalloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    st = gdf_leastsq_setup(m, p, X, y, 0, G, ev, theta, &f, &rcond, &solved, work);
    mxFree(work);
    if (st != GDF_OK)
        gdf_mex_error(FN, "internal", "forming X'X and its spectrum failed (%s).",
                      gdf_mex_status_text(st));
    (void)gdf_gram_key(G, (size_t)p * (size_t)p, key + 4);
    if (solved) {
        out[2] = mxCreateDoubleMatrix((mwSize)p, 1, mxREAL);
        memcpy(mxGetPr(out[2]), theta, (size_t)p * sizeof(double));
    } else {
        out[2] = mxCreateDoubleMatrix(0, 0, mxREAL);
        f = NAN;
    }
    mxFree(theta);
    out[3] = mxCreateDoubleScalar(f);
    out[4] = mxCreateDoubleScalar(rcond);
    out[5] = mxCreateLogicalScalar(solved ? 1 : 0);
    /* plhs holds max(nlhs, 1) slots: the outputs not asked for are freed */
    for (i = 0; i < 7; i++) {
        if (i < nlhs || i == 0)
            plhs[i] = out[i];
        else
            mxDestroyArray(out[i]);
    }
}
