/* gdf_sgd.h - stochastic gradient descent on finite sums (issue 16).
 *
 * f(theta) = (1/n) sum_i l_i(theta) + r(theta), n examples.  One SGD step:
 *   idx   = B example indices (the sampler: with replacement, without
 *           replacement = epochs of a random permutation, or cyclic),
 *   g     = (1/B) sum_{i in idx} grad l_i(theta) + grad r(theta),
 *   theta+ = theta - eta_k g + beta (theta - theta-)    (beta = 0: plain SGD)
 * with eta_k from the schedule (constant, eta0/(1 + k/k0),
 * eta0/sqrt(1 + k/k0), or a callback), k = 0, 1, ... the step index.
 * BatchSize B = n takes the full gradient p->fg instead (no sampling): the
 * iterates of gdf_gd_run with the same fixed step, bit for bit (the same
 * evaluations in the same order, the same update arithmetic).
 *
 * The random numbers are gdflow's xoshiro256** (gdf_langevin.h) seeded by
 * splitmix64 from Seed; nothing depends on the number of threads (the
 * minibatch kernels are serial; the full-data evaluations are
 * thread-invariant by construction, gdflow.h).  Nothing allocates: the
 * caller provides work (gdf_sgd_work doubles) and iwork (gdf_sgd_iwork
 * ptrdiff_t).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_SGD_H
#define GDF_SGD_H

#include <stddef.h>
#include <stdint.h>

#include "gdflow.h"
#include "gdf_langevin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- sampling ---- */
enum { GDF_SGD_WITH = 0, GDF_SGD_WITHOUT = 1, GDF_SGD_CYCLIC = 2 };

/* A uniform integer in [0, n), n >= 1, without modulo bias (Lemire's
 * multiply-shift with rejection on 32-bit halves for n < 2^32, rejection of
 * the top remainder otherwise). */
uint64_t gdf_sgd_uniform_int(gdf_rng *g, uint64_t n);

/* The stream of example indices: with replacement, independent uniform
 * draws; without replacement, the concatenation of independent uniform
 * random permutations of 0..n-1 (Fisher-Yates at the start of each epoch);
 * cyclic, 0, 1, ..., n-1, 0, 1, ...  A batch takes the next B entries of
 * the stream (it may straddle two epochs).  perm: n entries (used only
 * without replacement; may be NULL otherwise). */
typedef struct {
    ptrdiff_t n;
    int scheme;
    gdf_rng rng;
    ptrdiff_t *perm;
    ptrdiff_t pos; /* position in the current epoch (without replacement, cyclic) */
} gdf_sgd_sampler;
void gdf_sgd_sampler_init(gdf_sgd_sampler *s, ptrdiff_t n, int scheme, uint64_t seed, ptrdiff_t *perm);
void gdf_sgd_sample(gdf_sgd_sampler *s, ptrdiff_t b, ptrdiff_t *idx);

/* ---- step schedules ---- */
enum { GDF_SGD_CONSTANT = 0, GDF_SGD_INVERSE = 1, GDF_SGD_INVSQRT = 2, GDF_SGD_USER = 3 };
/* eta_k of the built-in schedules (k0 > 0): eta0, eta0/(1 + k/k0),
 * eta0/sqrt(1 + k/k0). */
double gdf_sgd_schedule(int schedule, double eta0, double k0, long k);

/* ---- minibatch gradients ---- */
/* fg(ctx, theta, b, idx, f, g): f (may be NULL) and g (d) = the mean over
 * idx[0..b-1] of the per-example losses and gradients, plus the
 * regularisation's value and gradient.  Returns GDF_OK or an error status. */
typedef struct {
    ptrdiff_t n; /* the number of examples */
    void *ctx;
    int (*fg)(void *ctx, const double *theta, ptrdiff_t b, const ptrdiff_t *idx, double *f, double *g);
} gdf_sgd_source;

/* Least squares (l_i = (x_i'theta - y_i)^2 / 2) and logistic regression
 * (l_i = softplus(x_i'theta) - y_i x_i'theta), regularised as gdf_data:
 * r = lambda/(2n) ||theta(2:end)||^2 (so the mean of the minibatch
 * gradients over all examples is exactly the full gradient).  The rows of
 * X come from one of, in this order of preference:
 *   Xr   dense, row-major: row i at Xr + i p (that is X' column-major, as
 *        gdf_sgd_transpose makes it): one contiguous pass per example;
 *   Rp, Rj, Rx  sparse rows (CSR, 0-based: row i is Rj/Rx[Rp[i] .. Rp[i+1]),
 *        as gdf_sgd_csr makes it from X's CSC);
 *   X    dense column-major n x p (strided rows: slow for large n).
 * One pass over the B rows, no BLAS call, no allocation. */
typedef struct {
    ptrdiff_t n, p;
    const double *Xr, *X;
    const ptrdiff_t *Rp, *Rj;
    const double *Rx;
    const double *y;
    double lambda;
    int logistic;
} gdf_sgd_data;
void gdf_sgd_source_data(gdf_sgd_source *s, gdf_sgd_data *q);
/* Xr (p x n) = X' for the n x p column-major X (blocked). */
void gdf_sgd_transpose(ptrdiff_t n, ptrdiff_t p, const double *X, double *Xr);
/* CSR of the n x p CSC matrix (Xp[p+1], Xi, Xx): Rp[n+1], Rj[nnz], Rx[nnz]
 * (within a row, columns in increasing order). */
void gdf_sgd_csr(ptrdiff_t n, ptrdiff_t p, const ptrdiff_t *Xp, const ptrdiff_t *Xi, const double *Xx,
                 ptrdiff_t *Rp, ptrdiff_t *Rj, double *Rx);

/* ---- the run ---- */
typedef struct {
    ptrdiff_t batch;  /* B, 1 <= B <= n; B == n: the full gradient (GD) */
    int sampling;     /* GDF_SGD_WITH, _WITHOUT, _CYCLIC */
    uint64_t seed;
    double eta0;      /* > 0 */
    int schedule;     /* GDF_SGD_* */
    double k0;        /* > 0 (inverse, inverse-sqrt) */
    /* GDF_SGD_USER: *eta = eta_k (status GDF_OK, else the run stops with
     * that status); a non-finite or non-positive eta stops the run with
     * GDF_EARG (r->bad_eta, r->iterations = k) */
    int (*eta_fn)(void *ectx, long k, double *eta);
    void *ectx;
    double momentum;  /* heavy-ball beta in [0, 1); 0: plain SGD */
    int averaging;    /* 1: Polyak-Ruppert average of theta_k, k >= max(1, avg_from) */
    long avg_from;
    long max_iter;    /* the number of steps (LONG_MAX: no limit) */
    double max_time;  /* seconds; <= 0 or Inf: none */
    double div_limit; /* f_k - f_0 > div_limit max(1, |f_0|) at a record: diverged */
    long stride;      /* a record every stride steps (>= 1), and at the last step */
    int record_f;     /* 1: full-data f and ||grad f|| at the records (a full
                       * pass each when B < n); 0: only theta_0 and the end */
} gdf_sgd_opts;
void gdf_sgd_defaults(gdf_sgd_opts *o);

/* Records: entry j = (k[j], f[j], gnorm[j], theta[j*d..]); any pointer may
 * be NULL.  When entry n >= cap is needed, grow(hctx, n + 1, h) must
 * enlarge the arrays or return nonzero (the run then stops as MaxIter). */
typedef struct gdf_sgd_hist {
    double *k, *f, *gnorm, *theta;
    long cap, n;
    int (*grow)(void *hctx, long need, struct gdf_sgd_hist *h);
    void *hctx;
} gdf_sgd_hist;

typedef struct {
    long iterations;  /* SGD steps taken */
    int exitflag, why;
    double f, gnorm;  /* full data, at the returned theta */
    double time;
    long nfevals;     /* full-data evaluations */
    long nsamples;    /* examples drawn (iterations * B) */
    double epochs;    /* nsamples / n */
    long navg;        /* iterates in the average (0: none) */
    double bad_eta;   /* the offending eta_k of a GDF_EARG stop */
} gdf_sgd_result;

size_t gdf_sgd_work(ptrdiff_t d);
size_t gdf_sgd_iwork(ptrdiff_t n, ptrdiff_t batch, int sampling);
/* theta: in theta_0, out the last finite iterate.  full: the full-data
 * problem (records, the final f, and the steps when B == n); src: the
 * minibatch gradients (unused when B == n).  avg (d, may be NULL unless
 * o->averaging): the averaged iterate (theta itself when no iterate was
 * averaged).  Stops: max_iter steps (exit flag 0), max_time (0), a
 * non-finite minibatch gradient or iterate or full-data f (-2, why
 * NONFINITE: theta is the last finite iterate), div_limit at a record (-2,
 * why DIVLIMIT).  Returns GDF_OK or the failing status. */
int gdf_sgd_run(gdf_problem *full, const gdf_sgd_source *src, double *theta, const gdf_sgd_opts *o,
                gdf_sgd_hist *h, double *avg, double *work, ptrdiff_t *iwork, gdf_sgd_result *r);

#ifdef __cplusplus
}
#endif

#endif
