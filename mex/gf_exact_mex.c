/* gf_exact_mex.c - gateway: Theta = gf_exact_mex(A, b, theta0, t, Name, Value, ...)
 * Closed-form gradient flow (times t) or GD iterates ('Iterates', eta; indices
 * t = k) of f = 1/2 theta'A theta - b'theta.  theta0 is a d-vector or d x m;
 * Theta is nt x d (one row per time) or nt x d x m.  Options:
 *   Iterates  eta > 0: GD iterates at the indices t (integers, 0 <= k <= 2^53)
 *   Method    'auto' (symmetric A: eigendecomposition, else expm),
 *             'eig' (A must be symmetric) or 'expm' (always the expm path)
 * A counts as symmetric when max|A - A'| <= 4 eps max|A|; it is then
 * replaced by (A + A')/2.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <string.h>

#include "gdf_mexutil.h"
#include "gdf_exact.h"

static const char *FN = "gf_exact";

static const gdf_optspec SPEC[] = {
    {"Iterates", GDF_OPT_POS, NULL},
    {"Method", GDF_OPT_ENUM, "auto|eig|expm"},
};
enum { OPT_ITERATES = 0, OPT_METHOD, NOPT };
enum { M_AUTO = 0, M_EIG, M_EXPM };

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    const double *A, *b = NULL, *T0, *t;
    double *As = NULL, *Theta, *work, eta = 0.0, asym = 0.0, amax = 0.0;
    void *iwork;
    ptrdiff_t d, n, mb, nb, m0, n0, m, mt, ntt, nt, i, j;
    gdf_optval val[NOPT];
    int iterates, method, sym, st;
    size_t lw, liw;
    mwSize dims[3];

    if (nrhs < 4)
        gdf_mex_error(FN, "badArgs",
                      "usage: Theta = gf_exact(A, b, theta0, t) or gf_exact(A, b, theta0, k, "
                      "'Iterates', eta).");
    if (nlhs > 1)
        gdf_mex_error(FN, "tooManyOutputs", "one output: Theta.");

    /* A */
    A = gdf_mex_dense(prhs[0], FN, "A", &d, &n);
    if (d != n || d < 1)
        gdf_mex_error(FN, "notSquare", "A must be square and non-empty (it is %ldx%ld).", (long)d,
                      (long)n);
    /* b: [] or a d-vector */
    if (!mxIsEmpty(prhs[1]) || !mxIsDouble(prhs[1])) {
        b = gdf_mex_dense(prhs[1], FN, "b", &mb, &nb);
        if (!((mb == d && nb == 1) || (mb == 1 && nb == d)))
            gdf_mex_error(FN, "badSize", "b must be [] or a vector of length %ld (it is %ldx%ld).",
                          (long)d, (long)mb, (long)nb);
    } else if (mxIsComplex(prhs[1])) {
        gdf_mex_error(FN, "complex", "b must be real, not complex.");
    }
    /* theta0: a d-vector, or d x m */
    T0 = gdf_mex_dense(prhs[2], FN, "theta0", &m0, &n0);
    if ((m0 == 1 && n0 == d) || (m0 == d && n0 == 1))
        m = 1;
    else if (m0 == d && n0 >= 1)
        m = n0;
    else
        gdf_mex_error(FN, "badSize", "theta0 must be a vector of length %ld or a %ld-by-m matrix "
                      "(it is %ldx%ld).", (long)d, (long)d, (long)m0, (long)n0);
    /* t: a vector (or []) */
    t = gdf_mex_dense(prhs[3], FN, "t", &mt, &ntt);
    if (mt > 1 && ntt > 1)
        gdf_mex_error(FN, "badSize", "t must be a vector (it is %ldx%ld).", (long)mt, (long)ntt);
    nt = mt * ntt;

    gdf_mex_options(FN, SPEC, NOPT, nrhs - 4, prhs + 4, val);
    iterates = val[OPT_ITERATES].set;
    if (iterates) {
        eta = val[OPT_ITERATES].num;
        if (!isfinite(eta))
            gdf_mex_error(FN, "badOption", "option Iterates (the step size eta) must be finite.");
        for (i = 0; i < nt; i++)
            if (!(t[i] >= 0.0 && t[i] <= 9007199254740992.0 && t[i] == floor(t[i])))
                gdf_mex_error(FN, "badIndex",
                              "with 'Iterates', t holds iteration indices: non-negative integers "
                              "up to 2^53 (entry %ld is %g).", (long)(i + 1), t[i]);
    }
    method = val[OPT_METHOD].set ? val[OPT_METHOD].choice : M_AUTO;

    /* symmetric? */
    for (j = 0; j < d; j++)
        for (i = 0; i < d; i++) {
            double a = fabs(A[i + j * d]), e = fabs(A[i + j * d] - A[j + i * d]);
            if (a > amax)
                amax = a;
            if (e > asym)
                asym = e;
        }
    sym = asym <= 4.0 * DBL_EPSILON * amax;
    if (method == M_EIG && !sym)
        gdf_mex_error(FN, "notSymmetric",
                      "Method 'eig' needs a symmetric A (max |A - A'| = %g); use 'auto' or 'expm'.",
                      asym);
    if (method == M_EXPM)
        sym = 0;

    /* output and workspaces, checked together: they are alive at the same time */
    if (sym) {
        lw = gdf_exact_sym_work(d, nt, m);
        liw = gdf_exact_sym_iwork(d);
    } else {
        lw = gdf_exact_gen_work(d, nt, m);
        liw = gdf_exact_gen_iwork(d);
    }
    gdf_mex_check_alloc(FN, "the output Theta with its workspace",
                        (double)nt * (double)d * (double)m + (double)lw +
                            (sym && asym > 0.0 ? (double)d * d : 0.0));
    dims[0] = (mwSize)nt;
    dims[1] = (mwSize)d;
    dims[2] = (mwSize)m;
    plhs[0] = mxCreateNumericArray(m > 1 ? 3 : 2, dims, mxDOUBLE_CLASS, mxREAL);
    Theta = mxGetPr(plhs[0]);
    if (nt == 0)
        return;
    work = (double *)mxMalloc(lw * sizeof(double));
    iwork = mxMalloc(liw * sizeof(ptrdiff_t)); /* at least as wide as gdf_int */

    if (sym && asym > 0.0) {
        As = (double *)mxMalloc((size_t)d * (size_t)d * sizeof(double));
        for (j = 0; j < d; j++)
            for (i = 0; i < d; i++)
                As[i + j * d] = 0.5 * (A[i + j * d] + A[j + i * d]);
        A = As;
    }
    if (sym)
        st = gdf_exact_sym(d, A, b, m, T0, nt, t, iterates, eta, Theta, work, iwork);
    else
        st = gdf_exact_gen(d, A, b, m, T0, nt, t, iterates, eta, Theta, work, iwork);
    if (st == GDF_OK && sym) /* the symmetric closed form gives Inf or NaN there */
        for (i = 0; i < nt * d * m; i++)
            if (!isfinite(Theta[i])) {
                st = GDF_EXACT_EOVERFLOW;
                break;
            }
    if (st != GDF_OK) {
        double tmax = 0.0;
        for (i = 0; i < nt; i++)
            if (fabs(t[i]) > tmax)
                tmax = fabs(t[i]);
        mxFree(work);
        mxFree(iwork);
        if (As)
            mxFree(As);
        if (st == GDF_ELAPACK)
            gdf_mex_error(FN, "lapack", "LAPACK failed: %s.",
                          sym ? "dsyevd (the eigendecomposition of the symmetric A) did not "
                                "converge"
                              : "dgesv found the Pade denominator of the matrix exponential "
                                "singular, or dgeev (the eigenvalues of A) did not converge");
        if (st == GDF_EXACT_EOVERFLOW && iterates)
            gdf_mex_error(FN, "overflow",
                          "the GD iterates cannot be computed for k up to %.17g with eta = "
                          "%g: some entry of theta_k exceeds realmax (GD diverges on this A "
                          "and eta)%s; use smaller k, or eta < 2/max|eig(A)| for a "
                          "symmetric positive definite A.", tmax, eta,
                          sym ? ""
                              : ", or k > 2^32 while some mode of I - eta*A does not "
                                "contract (|1 - eta*lambda| >= 1 - 2^-20), which leaves it no "
                                "correct digit");
        if (st == GDF_EXACT_EOVERFLOW)
            gdf_mex_error(FN, "overflow",
                          "theta(t) cannot be computed for |t| up to %g: %s. Use smaller |t|; "
                          "at such times the flow is returned only when every mode decays "
                          "(eigenvalues of A with real part > 0 for t > 0, < 0 for t < 0), "
                          "as its limit theta* = A\\b.", tmax,
                          sym ? "a value exceeds realmax (an eigenvalue of A of the sign "
                                "opposite to t makes the flow grow like exp(|lambda t|))"
                              : "a value exceeds realmax, or expm(-t A) would need more than "
                                "32 squarings, which leave no correct digit in a mode that "
                                "does not decay (an eigenvalue of A with real part 0 or of "
                                "the sign opposite to t)");
        gdf_mex_error(FN, "internal",
                      "the library refused arguments that this gateway had checked (%s); "
                      "please report this as a bug.",
                      st == GDF_EARG ? "GDF_EARG: a size, array, value or index out of range"
                                     : "an unknown status");
    }
    mxFree(work);
    mxFree(iwork);
    if (As)
        mxFree(As);
}
