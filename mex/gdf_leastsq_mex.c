/* gdf_leastsq_mex.c - gateway of gd_leastsq's dense constructor:
 *   [G, ev, theta, f, rcond, solved, key, anchor] = gdf_leastsq_mex(X, y)
 * G = X'X/m formed once (gdf_gram_form, the Gram form's own routine), its
 * eigenvalues ev (ascending), the Cholesky least-squares solution theta and
 * f = f(theta) when solved is true (else theta = [], f = NaN: the caller
 * solves rank-revealing), rcond = ev_min/ev_max, anchor = [theta_k; g_k;
 * f_k] of the last exact pass ([] when not solved), and key, the uint64 1x8
 * fingerprint of X, y, G and anchor (gdf_gram_key) that lets gd_run, gf_run
 * and gd_eval use this G and anchor without forming them again
 * (gdf_mexutil.c).  p > GDF_GRAM_PMAX: G and key are [] (no Gram form).
 * Validates, converts, calls gdf_leastsq_setup (mex/gdf_gram.h).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdf_mexutil.h"

static const char *FN = "gd_leastsq";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    mxArray *out[8];
    double *Gbuf, *anc;
    int keep;
    int i;
    const double *X, *y;
    ptrdiff_t m, p, ym, yn, bad;
    double *G, *ev, *theta, *work, f = NAN, rcond = 0.0;
    uint64_t *key;
    int solved = 0, st;
    if (nrhs != 2)
        gdf_mex_error(FN, "badArgs", "usage: gdf_leastsq_mex(X, y).");
    if (nlhs > 8)
        gdf_mex_error(FN, "tooManyOutputs", "at most eight outputs.");
    X = gdf_mex_dense_any(prhs[0], FN, "X", &m, &p);
    y = gdf_mex_dense_any(prhs[1], FN, "y", &ym, &yn);
    if (m < 1 || p < 1)
        gdf_mex_error(FN, "badSize", "X must be non-empty.");
    if (ym * yn != m || (ym != 1 && yn != 1))
        gdf_mex_error(FN, "badSize", "y must be a vector with one entry per row of X (%ld), not %ld.",
                      (long)m, (long)(ym * yn));
    keep = p <= GDF_GRAM_PMAX; /* else no Gram form: G is not kept */
    out[6] = mxCreateNumericMatrix(keep ? 1 : 0, keep ? 8 : 0, mxUINT64_CLASS, mxREAL);
    key = keep ? (uint64_t *)mxGetData(out[6]) : (uint64_t *)mxCalloc(8, sizeof(uint64_t));
    bad = gdf_gram_key(X, (size_t)m * (size_t)p, key);
    if (bad >= 0)
        gdf_mex_error(FN, "nonFinite", "X must be finite (it has NaN or Inf entries).");
    if (gdf_gram_key(y, (size_t)m, key + 2) >= 0)
        gdf_mex_error(FN, "nonFinite", "y must be finite (it has NaN or Inf entries).");
    gdf_mex_check_alloc(FN, "the Gram matrix X'X and its workspace",
                        2.0 * (double)p * (double)p + (double)gdf_leastsq_setup_work(m, p));
    out[0] = keep ? mxCreateDoubleMatrix((mwSize)p, (mwSize)p, mxREAL) : mxCreateDoubleMatrix(0, 0, mxREAL);
    out[1] = mxCreateDoubleMatrix((mwSize)p, 1, mxREAL);
    Gbuf = keep ? NULL : (double *)mxMalloc((size_t)p * (size_t)p * sizeof(double));
    G = keep ? mxGetPr(out[0]) : Gbuf;
    ev = mxGetPr(out[1]);
    theta = (double *)mxMalloc((size_t)p * sizeof(double));
    anc = (double *)mxMalloc((size_t)(2 * p + 1) * sizeof(double));
    work = (double *)mxMalloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    st = gdf_leastsq_setup(m, p, X, y, 0, G, ev, theta, &f, &rcond, &solved, anc, work);
    mxFree(work);
    if (st != GDF_OK)
        gdf_mex_error(FN, "internal", "forming X'X and its spectrum failed (%s).",
                      gdf_mex_status_text(st));
    (void)gdf_gram_key(G, (size_t)p * (size_t)p, key + 4);
    if (Gbuf)
        mxFree(Gbuf);
    if (solved && keep) {
        out[7] = mxCreateDoubleMatrix((mwSize)(2 * p + 1), 1, mxREAL);
        memcpy(mxGetPr(out[7]), anc, (size_t)(2 * p + 1) * sizeof(double));
        (void)gdf_gram_key(anc, (size_t)(2 * p + 1), key + 6);
    } else {
        out[7] = mxCreateDoubleMatrix(0, 0, mxREAL);
        (void)gdf_gram_key(anc, 0, key + 6);
    }
    mxFree(anc);
    if (!keep)
        mxFree(key);
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
    for (i = 0; i < 8; i++) {
        if (i < nlhs || i == 0)
            plhs[i] = out[i];
        else
            mxDestroyArray(out[i]);
    }
}
