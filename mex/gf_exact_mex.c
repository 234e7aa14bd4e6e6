/* gf_exact_mex.c - gateway: Theta = gf_exact_mex(A, b, theta0, t, Name, Value, ...)
 * Closed-form gradient flow (times t) or GD iterates ('Iterates', eta; indices
 * t = k) of f = 1/2 theta'A theta - b'theta.  theta0 is a d-vector or d x m;
 * Theta is nt x d (one row per time) or nt x d x m.  Options:
 *   Iterates  eta > 0: GD iterates at the indices t (integers, 0 <= k <= 2^53)
 *   Method    'auto' (symmetric A: eigendecomposition, else expm),
 *             'eig' (A must be symmetric) or 'expm' (always the expm path)
 * The gateway parses, converts, calls gdf_exact_solve (which validates,
 * decides the path by the one symmetry rule GDF_SYM_RTOL, symmetrizes and
 * runs it) and shapes the output and the errors.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include "gdf_mexutil.h"
#include "gdf_exact.h"

static const char *FN = "gf_exact";

/* option index and table from one list (gdf_opt_gf_exact.h) */
enum { GDF_GF_EXACT_OPTIONS(GDF_OPT_X_ID) NOPT };
static const gdf_optspec SPEC[] = {GDF_GF_EXACT_OPTIONS(GDF_OPT_X_ROW)};
GDF_STATIC_ASSERT(sizeof SPEC / sizeof SPEC[0] == NOPT, nopt);
/* the Method choice index is gdf_exact_solve's method: each id at its place */
#define METHOD_POS(id, name) P_##id,
#define METHOD_MISPLACED(id, name) || (int)(id) != (int)P_##id
enum { GDF_GF_EXACT_METHODS(METHOD_POS) P_COUNT };
GDF_STATIC_ASSERT(!(0 GDF_GF_EXACT_METHODS(METHOD_MISPLACED)), method_order);

/* the arguments after parsing */
typedef struct {
    const double *A, *b, *T0, *t;
    ptrdiff_t d, m, nt;
    int iterates, method;
    double eta;
} exact_args;

/* A, b, theta0, t and the options: sizes checked here, values by the library */
static void parse(int nrhs, const mxArray *prhs[], exact_args *a)
{
    ptrdiff_t n, mb, nb, m0, n0, mt, ntt;
    gdf_optval val[NOPT];
    /* A */
    a->A = gdf_mex_dense(prhs[0], FN, "A", &a->d, &n);
    if (a->d != n || a->d < 1)
        gdf_mex_error(FN, "notSquare", "A must be square and non-empty (it is %ldx%ld).",
                      (long)a->d, (long)n);
    /* b: [] or a d-vector */
    a->b = NULL;
    if (!mxIsEmpty(prhs[1]) || !mxIsDouble(prhs[1])) {
        a->b = gdf_mex_dense(prhs[1], FN, "b", &mb, &nb);
        if (!((mb == a->d && nb == 1) || (mb == 1 && nb == a->d)))
            gdf_mex_error(FN, "badSize", "b must be [] or a vector of length %ld (it is %ldx%ld).",
                          (long)a->d, (long)mb, (long)nb);
    } else if (mxIsComplex(prhs[1])) {
        gdf_mex_error(FN, "complex", "b must be real, not complex.");
    }
    /* theta0: a d-vector, or d x m */
    a->T0 = gdf_mex_dense(prhs[2], FN, "theta0", &m0, &n0);
    if ((m0 == 1 && n0 == a->d) || (m0 == a->d && n0 == 1))
        a->m = 1;
    else if (m0 == a->d && n0 >= 1)
        a->m = n0;
    else
        gdf_mex_error(FN, "badSize", "theta0 must be a vector of length %ld or a %ld-by-m matrix "
                      "(it is %ldx%ld).", (long)a->d, (long)a->d, (long)m0, (long)n0);
    /* t: a vector (or []) */
    a->t = gdf_mex_dense(prhs[3], FN, "t", &mt, &ntt);
    if (mt > 1 && ntt > 1)
        gdf_mex_error(FN, "badSize", "t must be a vector (it is %ldx%ld).", (long)mt, (long)ntt);
    a->nt = mt * ntt;

    gdf_mex_options(FN, SPEC, NOPT, nrhs - 4, prhs + 4, val);
    a->iterates = val[OPT_ITERATES].set;
    a->eta = a->iterates ? val[OPT_ITERATES].num : 0.0;
    /* the choices of Method are in the order GDF_EXACT_AUTO, _EIG, _EXPM */
    a->method = val[OPT_METHOD].set ? val[OPT_METHOD].choice : GDF_EXACT_AUTO;
}

/* Output and workspace, checked together: they are alive at the same time
 * (no workspace when there is nothing to compute: the library only checks).
 * Returns the library's status; *out is the nt x d (x m) output. */
static int run(const exact_args *a, mxArray **out, gdf_exact_info *info)
{
    size_t lw = a->nt > 0 ? gdf_exact_solve_work(a->d, a->nt, a->m) : 0;
    size_t liw = a->nt > 0 ? gdf_exact_solve_iwork(a->d) : 0;
    double *work;
    void *iwork;
    mwSize dims[3];
    int st;
    gdf_mex_check_alloc(FN, "the output Theta with its workspace",
                        (double)a->nt * (double)a->d * (double)a->m + (double)lw);
    dims[0] = (mwSize)a->nt;
    dims[1] = (mwSize)a->d;
    dims[2] = (mwSize)a->m;
    *out = mxCreateNumericArray(a->m > 1 ? 3 : 2, dims, mxDOUBLE_CLASS, mxREAL);
    work = lw ? (double *)mxMalloc(lw * sizeof(double)) : NULL;
    iwork = liw ? mxMalloc(liw * sizeof(ptrdiff_t)) : NULL; /* at least as wide as gdf_int */
    st = gdf_exact_solve(a->d, a->A, a->b, a->m, a->T0, a->nt, a->t, a->iterates, a->eta,
                         a->method, mxGetPr(*out), work, iwork, info);
    if (work)
        mxFree(work);
    if (iwork)
        mxFree(iwork);
    return st;
}

/* the library's status, as the error the user sees */
static void raise_status(int st, const exact_args *a, const gdf_exact_info *info)
{
    switch (st) {
    case GDF_EXACT_EETA:
        gdf_mex_error(FN, "badOption", "option Iterates (the step size eta) must be finite.");
    case GDF_EXACT_EINDEX:
        gdf_mex_error(FN, "badIndex",
                      "with 'Iterates', t holds iteration indices: non-negative integers "
                      "up to 2^53 (entry %ld is %g).", (long)(info->bad + 1), a->t[info->bad]);
    case GDF_EXACT_ENOTSYM:
        gdf_mex_error(FN, "notSymmetric",
                      "Method 'eig' needs a symmetric A (max |A - A'| = %g exceeds %g * max|A| "
                      "= %g); use 'auto' or 'expm'.", info->asym, GDF_SYM_RTOL,
                      GDF_SYM_RTOL * info->amax);
    case GDF_ELAPACK:
        gdf_mex_error(FN, "lapack", "LAPACK failed: %s.",
                      info->sym ? "dsyevd (the eigendecomposition of the symmetric A) did not "
                                  "converge"
                                : "dgesv found the Pade denominator of the matrix exponential "
                                  "singular, or dgeev (the eigenvalues of A) did not converge");
    case GDF_EXACT_EOVERFLOW:
        if (a->iterates)
            gdf_mex_error(FN, "overflow",
                          "the GD iterates cannot be computed for k up to %.17g with eta = "
                          "%g: some entry of theta_k exceeds realmax (GD diverges on this A "
                          "and eta)%s; use smaller k, or eta < 2/max|eig(A)| for a "
                          "symmetric positive definite A.", info->tmax, a->eta,
                          info->sym ? ""
                                    : ", or k > 2^32 while some mode of I - eta*A does not "
                                      "contract (|1 - eta*lambda| >= 1 - 2^-20), which leaves it no "
                                      "correct digit");
        gdf_mex_error(FN, "overflow",
                      "theta(t) cannot be computed for |t| up to %g: %s. Use smaller |t|; "
                      "at such times the flow is returned only when every mode decays "
                      "(eigenvalues of A with real part > 0 for t > 0, < 0 for t < 0), "
                      "as its limit theta* = A\\b.", info->tmax,
                      info->sym ? "a value exceeds realmax (an eigenvalue of A of the sign "
                                  "opposite to t makes the flow grow like exp(|lambda t|))"
                                : "a value exceeds realmax, or expm(-t A) would need more than "
                                  "32 squarings, which leave no correct digit in a mode that "
                                  "does not decay (an eigenvalue of A with real part 0 or of "
                                  "the sign opposite to t)");
    default:
        gdf_mex_error(FN, "internal",
                      "the library refused arguments that this gateway had checked (%s); "
                      "please report this as a bug.",
                      st == GDF_EARG ? "GDF_EARG: a size, array, value or index out of range"
                                     : "an unknown status");
    }
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    exact_args a;
    gdf_exact_info info;
    int st;
    if (nrhs < 4)
        gdf_mex_error(FN, "badArgs",
                      "usage: Theta = gf_exact(A, b, theta0, t) or gf_exact(A, b, theta0, k, "
                      "'Iterates', eta).");
    if (nlhs > 1)
        gdf_mex_error(FN, "tooManyOutputs", "one output: Theta.");
    parse(nrhs, prhs, &a);
    st = run(&a, &plhs[0], &info);
    if (st != GDF_OK)
        raise_status(st, &a, &info);
}
