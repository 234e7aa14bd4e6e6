/* gdf_sgdcov.h - the stationary covariance of constant-step SGD near a
 * minimiser theta*, predicted (issue 16).
 *
 * SGD with step eta and batch size B on f = (1/m) sum f_i near theta*:
 *     e_{k+1} = e_k - eta g_B(theta* + e_k),   e = theta - theta*,
 * g_B the mean of B per-example gradients.  Let A = Hessian of f at theta*
 * and C = (1/m) sum g_i g_i' - gbar gbar' the covariance of ONE per-example
 * gradient at theta* (population normalisation 1/m; gbar = grad f(theta*)
 * = 0 at a minimiser).  The batch mean has covariance q C with
 *     kappa = 1/B                       (B draws with replacement),
 *     kappa = (m - B)/((m - 1) B)       (B distinct examples, drawn afresh
 *                                        at every step: the finite-population
 *                                        factor),
 * and q = eta kappa is the scale below.  Three predictions of Sigma =
 * E[e e'] in the stationary regime:
 *
 *   SDE (continuous):  A S + S A = eta kappa C                  (Sigma_sde)
 *       the stationary law of d theta = -grad f dt + sqrt(eta kappa) C^(1/2) dW
 *       (Mandt, Hoffman, Blei 2017; Li, Tai, E 2017), t = k eta.
 *   discrete (additive noise): the linear recursion
 *       e_{k+1} = (I - eta A) e_k + eta xi_k,  Cov xi = kappa C,
 *       has  A S + S A - eta A S A = eta kappa C                (Sigma_discrete)
 *       a stationary law only when 0 < eta lambda_i < 2 for every eigenvalue.
 *   exact for least squares (f_i = (x_i' theta - y_i)^2 / 2): the gradient
 *       noise is multiplicative too, g_B(theta) = H_B e + g_B(theta*) with
 *       H_B the batch mean of x_i x_i'; E[e] = 0 at stationarity and the
 *       batch is independent of e_k, so the second moment solves
 *       A S + S A - eta A S A - eta kappa (M(S) - A S A) = eta kappa C,
 *       M(S) = (1/m) sum (x_i' S x_i) x_i x_i'                  (Sigma_exact)
 *       exactly, for batches drawn independently at every step.
 * Both eigenbasis solves use A = V diag(lambda) V' (dsyevd):
 *   S = V (Ct ./ D) V' q,  Ct = V' C V,  D_ij = lambda_i + lambda_j (SDE) or
 *   lambda_i + lambda_j - eta lambda_i lambda_j (discrete).
 * The exact one is a dense p^2 x p^2 solve (dgesv), p <= GDF_SGDCOV_EXACT_DMAX.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_SGDCOV_H
#define GDF_SGDCOV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GDF_SGDCOV_EXACT_DMAX 24

/* Least squares f = 1/(2m) ||X theta - y||^2, X m x p column-major:
 * A = X'X/m, gbar = X'(X theta - y)/m and C = (1/m) sum r_i^2 x_i x_i' -
 * gbar gbar' (r_i = x_i' theta - y_i), both triangles filled.  work: m
 * doubles (gdf_lsq_gradcov_work).  Returns GDF_OK or GDF_EARG. */
size_t gdf_lsq_gradcov_work(ptrdiff_t m, ptrdiff_t p);
int gdf_lsq_gradcov(ptrdiff_t m, ptrdiff_t p, const double *X, const double *y,
                    const double *theta, double *A, double *C, double *gbar, double *work);

/* The eigenbasis solves.  A, C d x d symmetric (read only); q = eta kappa
 * >= 0; eta > 0.  Out: V (eigenvectors, columns), lambda (ascending), Ct =
 * V'CV, Ssde and Sdisc (NULL: not wanted).  When eta lambda_max >= 2 the
 * discrete recursion has no stationary law: Sdisc is filled with NaN (the
 * caller decides whether that is an error).  Returns GDF_ENOTSPD when
 * lambda_min <= gdf_eig_tol(lambda_min, lambda_max) (A singular or
 * indefinite: no unique stationary law; V, lambda are set), GDF_ELAPACK,
 * GDF_EARG or GDF_OK.  work: gdf_sgdcov_work(d) doubles, iwork
 * gdf_sgdcov_iwork(d) LAPACK integers. */
size_t gdf_sgdcov_work(ptrdiff_t d);
size_t gdf_sgdcov_iwork(ptrdiff_t d);
int gdf_sgdcov_solve(ptrdiff_t d, const double *A, const double *C, double q, double eta,
                     double *V, double *lambda, double *Ct, double *Ssde, double *Sdisc,
                     double *work, void *iwork);

/* The exact least-squares second moment (see above), p <= GDF_SGDCOV_EXACT_DMAX:
 * S p x p (symmetrised).  It is the stationary second moment only when it is
 * positive semidefinite (then the second-moment recursion contracts; the
 * caller checks).  Returns GDF_ELAPACK when the p^2 x p^2 system is singular.
 * work: gdf_sgdcov_exact_work(p) doubles, iwork gdf_sgdcov_exact_iwork(p)
 * LAPACK integers. */
size_t gdf_sgdcov_exact_work(ptrdiff_t p);
size_t gdf_sgdcov_exact_iwork(ptrdiff_t p);
int gdf_sgdcov_exact(ptrdiff_t m, ptrdiff_t p, const double *X, const double *A, const double *C,
                     double eta, double kappa, double *S, double *work, void *iwork);

/* A square root of the symmetric positive semidefinite C, scaled:
 * F = s V diag(sqrt(max(c_i, 0))) with C = V diag(c) V' (dsyevd), so that
 * F F' = s^2 C also for a singular C (where Cholesky fails): the diffusion
 * matrix of gf_run's 'sgd-sde'.  Eigenvalues of C below -gdf_eig_tol are a
 * C that is not positive semidefinite: GDF_ENOTSPD.  work:
 * gdf_sgdcov_factor_work(d) doubles, iwork gdf_sgdcov_iwork(d). */
size_t gdf_sgdcov_factor_work(ptrdiff_t d);
int gdf_sgdcov_factor(ptrdiff_t d, const double *C, double s, double *F, double *work, void *iwork);

#ifdef __cplusplus
}
#endif

#endif
