/* gdf_exact.h - closed forms of the gradient flow and of the GD iterates of
 * a quadratic f = 1/2 theta'A theta - b'theta, and the matrix exponential.
 *
 *   flow:      theta'(t) = -(A theta - b),          theta(0) = theta0
 *   iterates:  theta_{k+1} = theta_k - eta (A theta_k - b)
 *
 * Layout shared by every routine here (as Octave's ode45 returns a path):
 *   Theta0  d x m, column-major: m starting points, one per column.
 *   t       nt values: times (flow) or iteration indices k (iterates).
 *   Theta   nt x d x m, column-major: Theta[i + nt*(p + d*j)] is component
 *           p of the path from start j at t[i]; for m = 1 the nt x d matrix
 *           with one ROW per time.
 * Times may be in any order and negative (the backward flow: the linear ODE
 * is solvable both ways).  Indices k must be integers with
 * 0 <= k <= 2^53 (given as doubles).  Results that overflow (indefinite A
 * with large t, divergent GD) come out as Inf/NaN from the symmetric
 * routines (the caller decides; gf_exact_mex raises gdflow:gf_exact:overflow)
 * and as GDF_EXACT_EOVERFLOW from the general ones.
 *
 * Workspaces follow gdflow.h: `work` counts doubles, `iwork` counts
 * gdf_int (gdf_blas.h; allocating that many ptrdiff_t is always enough).
 * Return values: GDF_OK, GDF_EARG (sizes < 0, NULL arrays, non-finite A or
 * t, eta <= 0 or non-finite, bad k), GDF_ELAPACK (dsyevd/dgesv/dgeev
 * failed), GDF_EXACT_EOVERFLOW (general path only, see below).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef GDF_EXACT_H
#define GDF_EXACT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status of the general path beyond gdflow.h's codes (a value no gdflow.h
 * code uses): the flow at some requested time cannot be represented -
 * a value overflows, or expm(-t M) would need more than GDF_EXACT_SBIG
 * squarings while some mode of -t A does not decay (see gdf_exact_gen). */
#define GDF_EXACT_EOVERFLOW 64
/* at most this many squarings in gdf_expm (finite A needs fewer than 1200) */
#define GDF_EXPM_SMAX 1200
/* more squarings than this for expm(-t M): gdf_exact_gen's limit decision */
#define GDF_EXACT_SBIG 32

/* ---- symmetric A: one eigendecomposition A = V diag(lam) V' --------- *
 * With z = V'theta, c = V'b, each component obeys a scalar equation:
 *   flow      z_i(t) = e^{-lam_i t} z0_i + (1 - e^{-lam_i t})/lam_i c_i
 *   iterates  z_i(k) = r_i^k z0_i + (1 - r_i^k)/lam_i c_i,  r_i = 1 - eta lam_i
 * evaluated without cancellation (expm1, log1p); the second coefficient is
 * exactly t (resp. eta k) in the limit lam_i -> 0, so semidefinite A with b
 * outside range(A) (the drift t c_i) and indefinite A are exact, with no
 * pseudo-inverse.  The cost does not depend on t or k.                  */

/* Factor once: V (d x d) and lam (d, ascending) from A; only the lower
 * triangle of A is read.  work: gdf_syev_work(d), iwork: gdf_syev_iwork(d). */
int gdf_exact_sym_factor(ptrdiff_t d, const double *A, double *V, double *lam,
                         double *work, void *iwork);

/* Evaluate at nt times / indices for m starts, reusing a factorization.
 * b may be NULL (zero).  iterates: 0 = flow at times t, 1 = GD iterates
 * at indices t with step eta (eta ignored for the flow).
 * work: gdf_exact_sym_eval_work(d, nt, m) doubles. */
size_t gdf_exact_sym_eval_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m);
int gdf_exact_sym_eval(ptrdiff_t d, const double *V, const double *lam,
                       const double *b, ptrdiff_t m, const double *Theta0,
                       ptrdiff_t nt, const double *t, int iterates, double eta,
                       double *Theta, double *work);

/* Both steps in one call.  work: gdf_exact_sym_work(d, nt, m) doubles,
 * iwork: gdf_exact_sym_iwork(d) gdf_ints. */
size_t gdf_exact_sym_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m);
size_t gdf_exact_sym_iwork(ptrdiff_t d);
int gdf_exact_sym(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                  const double *Theta0, ptrdiff_t nt, const double *t,
                  int iterates, double eta, double *Theta, double *work,
                  void *iwork);

/* ---- the matrix exponential ----------------------------------------- *
 * E = expm(A), n x n, by scaling and squaring with Pade approximants of
 * degree 3, 5, 7, 9 or 13 (Al-Mohy & Higham 2009, Algorithm 5.1: exact
 * 1-norms of A^2, A^4, A^6, which the Pade evaluation forms anyway, the
 * block 1-norm estimator of Higham & Tisseur for ||A^8||, ||A^10|| when
 * n >= 4 (exact products below), the ell(A, m) correction on |A|^(2m+1)
 * exactly (nonnegative powers applied to a vector); for triangular A
 * (upper, lower via the transpose, or permuted to triangular by dgebal)
 * the diagonal and first superdiagonal are recomputed exactly at every
 * squaring, their Code Fragment 2.1; a zero row or column i of A gives
 * row or column i of E = e_i exactly), after balancing (LAPACK dgebal) when
 * that reduces the 1-norm of A.  At most GDF_EXPM_SMAX squarings, whatever
 * the norm (a finite A never needs that many; beyond: GDF_EXACT_EOVERFLOW).
 * E may be the same array as A.  Non-finite A: GDF_EARG; exp(A) out of
 * range (E holds Inf/NaN): GDF_EXACT_EOVERFLOW.  work: gdf_expm_work(n) doubles,
 * iwork: gdf_expm_iwork(n) gdf_ints.  gdf_expm_detail also returns the
 * Pade degree and the number of squarings (either pointer may be NULL). */
size_t gdf_expm_work(ptrdiff_t n);
size_t gdf_expm_iwork(ptrdiff_t n);
int gdf_expm(ptrdiff_t n, const double *A, double *E, double *work, void *iwork);
int gdf_expm_detail(ptrdiff_t n, const double *A, double *E, double *work,
                    void *iwork, int *degree, int *squarings);

/* ---- general (nonsymmetric) A --------------------------------------- *
 * flow:     [theta(t); 1] = expm(t M) [theta0; 1],  M = [-A b; 0 0]
 *           (just expm(-t A) theta0 when b is NULL): one expm per time.
 * iterates: [theta_k; 1] = G^k [theta0; 1],  G = [I - eta A, eta b; 0 1],
 *           G^k by binary powering: the squarings G^(2^j) are formed once
 *           (about log2(max k) products of order d+1) and applied to every
 *           start and index by matrix-vector products.
 * A is d x d (any matrix), b may be NULL.  Same layout as above.
 * Flow at a time where expm(-t M) needs more than GDF_EXACT_SBIG (32)
 * squarings (their number is set by ||(tA)^k||^(1/k), not by ||tA||: a
 * huge nilpotent part costs few), or -t M is not representable: decided
 * from the eigenvalues of A (dgeev) - when every mode
 * of -tA decays (real parts of sign(t) lambda > 2^-20 ||A||_F) and van
 * Loan's bound puts e^{-tA}(theta0 - theta*) below u/4 ||theta*|| (below
 * the underflow threshold when theta* = 0), the exact limit theta* = A\b
 * (0 without b); when every mode decays but not that far, scaling and
 * squaring (at most GDF_EXPM_SMAX squarings); otherwise (a mode that does
 * not decay: its digits would all be lost, or it overflows)
 * GDF_EXACT_EOVERFLOW.  Iterates with max k > 2^GDF_EXACT_SBIG: computed
 * only when every eigenvalue of I - eta A has modulus < 1 - 2^-20 (a mode
 * of modulus ~1 keeps no digit through more than 32 squarings), else
 * GDF_EXACT_EOVERFLOW.  Any value that overflows (flow or iterates):
 * GDF_EXACT_EOVERFLOW.  GDF_ELAPACK: dgesv (singular Pade denominator) or
 * dgeev failed.
 * work: gdf_exact_gen_work(d, nt, m) doubles, iwork: gdf_exact_gen_iwork(d). */
size_t gdf_exact_gen_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m);
size_t gdf_exact_gen_iwork(ptrdiff_t d);
int gdf_exact_gen(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                  const double *Theta0, ptrdiff_t nt, const double *t,
                  int iterates, double eta, double *Theta, double *work,
                  void *iwork);

/* ---- the one entry point: the library decides ------------------------ *
 * gdf_exact_solve validates the arguments, decides between the symmetric
 * (eigendecomposition) path and the general (expm) path, symmetrizes A,
 * runs it and reports what it did in *info (which may be NULL).
 *   method  GDF_EXACT_AUTO: A symmetric within GDF_SYM_RTOL (the one
 *           symmetry rule of the toolbox: max|A - A'| <= GDF_SYM_RTOL *
 *           max|A|) -> the symmetric path on (A + A')/2, else the general
 *           path; GDF_EXACT_EIG: the symmetric path, GDF_EXACT_ENOTSYM when
 *           A is not symmetric by that rule; GDF_EXACT_EXPM: always the
 *           general path.
 * Checks, in this order: sizes / NULL arrays / method (GDF_EARG);
 * iterates with eta not finite (GDF_EXACT_EETA; eta <= 0: GDF_EARG); an
 * index that is not an integer in [0, 2^53] (GDF_EXACT_EINDEX, info->bad
 * its 0-based position) or a time that is not finite (GDF_EARG); the
 * symmetry (GDF_EXACT_ENOTSYM).  A must be finite (GDF_EARG otherwise, from
 * the path).  Then the path's own statuses, and GDF_EXACT_EOVERFLOW also
 * when the symmetric closed form gives Inf or NaN.
 * work: gdf_exact_solve_work(d, nt, m) doubles (enough for either path and
 * the symmetrized copy of A), iwork: gdf_exact_solve_iwork(d) gdf_ints. */
#ifndef GDF_SYM_RTOL
#define GDF_SYM_RTOL 1e-12
#endif
enum { GDF_EXACT_AUTO = 0, GDF_EXACT_EIG = 1, GDF_EXACT_EXPM = 2 };
#define GDF_EXACT_ENOTSYM 65 /* Method eig on a nonsymmetric A */
#define GDF_EXACT_EINDEX 66  /* an iteration index is not an integer in [0, 2^53] */
#define GDF_EXACT_EETA 67    /* iterates with eta not finite */
typedef struct {
    int sym;       /* 1: the symmetric path ran (or would have), 0: general */
    double asym;   /* max |A(i,j) - A(j,i)| */
    double amax;   /* max |A(i,j)| */
    double tmax;   /* max |t(i)| */
    ptrdiff_t bad; /* GDF_EXACT_EINDEX: the 0-based position of the index */
} gdf_exact_info;
size_t gdf_exact_solve_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m);
size_t gdf_exact_solve_iwork(ptrdiff_t d);
int gdf_exact_solve(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                    const double *Theta0, ptrdiff_t nt, const double *t,
                    int iterates, double eta, int method, double *Theta,
                    double *work, void *iwork, gdf_exact_info *info);

#ifdef __cplusplus
}
#endif

#endif
