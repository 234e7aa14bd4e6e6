/* gdf_gram.h - least squares in the Gram form, for long data (m >> p).
 *
 * f(theta) = ||X theta - y||^2 / (2m) + lambda/(2m) ||theta(2:end)||^2 is a
 * quadratic with Hessian H = X'X/m + lambda/m diag(0, 1, ..., 1).  Once
 * G = X'X/m is formed (level-3 BLAS, one pass over X), f and its gradient
 * cost O(p^2) per evaluation instead of a pass over X (O(mp)).
 *
 * Stability.  The textbook form f = 1/2 theta'G theta - c'theta + y'y/(2m)
 * cancels catastrophically when the residual is small (relative error
 * ~ eps ||y||^2 / ||r||^2).  Here f and g are expanded exactly around an
 * anchor theta_r whose f_r, g_r come from an exact pass over X:
 *     f(theta) = f_r + g_r'd + 1/2 d'H d,   g(theta) = g_r + H d,   d = theta - theta_r,
 * and every Gram evaluation computes a worst-case rounding-error bound
 * (standard model, first order: the error of forming G by blocked dsyrk,
 * of H d, of the dot products, of the anchor's own pass over X, of d).
 * The value is accepted only when
 *     bound(f) <= max(rtol |f|, kappa * P_f(theta))   and
 *     bound(g) <= max(rtol max|g_i|/D_i, kappa * P_g(theta)),
 * where P_f, P_g are the worst-case bounds of the plain one-pass evaluation
 * at the same theta and D_i = sqrt(H_ii); otherwise theta becomes the new
 * anchor (one exact pass over X, whose values are returned).  So f and g are
 * never less accurate than max(rtol relative, kappa x the plain path's own
 * worst-case bound); defaults rtol = 1e-10, kappa = 4.  A run re-anchors a
 * few times (each time f has dropped by a large factor), not per iteration.
 *
 * When: the first switch_after evaluations are plain passes (the last of
 * them is kept as the first anchor); then G is formed (ski rental: the
 * passes already paid for about what forming G costs, so a run never pays
 * much more than twice the cheaper of the two strategies).  gdf_gram_switch_default(m, p) chooses switch_after, and -1
 * (never) when m < 4p (the Gram form would not save much per iteration) or
 * p > GDF_GRAM_PMAX (G would take too much memory and time to form).
 *
 * Nothing allocates; work holds gdf_gram_work(m, p) doubles (G and 5
 * vectors of length p) and must stay untouched between calls.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_GRAM_H
#define GDF_GRAM_H

#include <stddef.h>
#include <stdint.h>

#include "gdflow.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GDF_GRAM_RTOL 1e-10
#define GDF_GRAM_KAPPA 4.0
/* no Gram form beyond this many columns (G would take too much memory and
 * time to form): gdf_gram_switch_default, and gram = 'on' in gdf_mexutil.c */
#define GDF_GRAM_PMAX 4096

typedef struct {
    gdf_data data;      /* X, y, lambda and work, as for gdf_problem_leastsq (first
                           member: a gdf_lsgram starts like a gdf_data) */
    long switch_after;  /* plain evaluations before G is formed: 0 = at the first
                           evaluation, < 0 = never (then this is exactly
                           gdf_problem_leastsq); default gdf_gram_switch_default */
    double rtol, kappa; /* acceptance test above (GDF_GRAM_RTOL, GDF_GRAM_KAPPA) */
    double *work;       /* gdf_gram_work(m, p) doubles */
    const double *G_in; /* optional: G = X'X/m as gdf_gram_form formed it (full
                           p x p, the lower triangle is read), e.g. by
                           gdf_leastsq_setup; the caller vouches that it belongs
                           to this X (gdf_gram_key).  Then G is not formed again
                           and the first evaluation is the first anchor. */
    const double *anchor_in; /* optional, with G_in: an anchor [theta_r; g_r; f_r]
                           (2p+1) from an exact pass (gdf_leastsq_setup's last),
                           used as the first anchor when lambda == 0: then a
                           run need not pass over X at all */
    /* counters, read-only for the caller */
    long npasses;       /* evaluations by a pass over X (plain ones and anchors) */
    long nanchors;      /* of which (re-)anchorings of the Gram form */
    long ngram;         /* evaluations from the Gram matrix, O(p^2) each */
    int formed;         /* 1 once G has been formed */
    int anchored;       /* 1 while an anchor is held */
    /* internal */
    gdf_problem plain;
    double f_r, fls_r, S_r, ynorm_rms, gamma_G, gamma_acc;
} gdf_lsgram;

size_t gdf_gram_work(ptrdiff_t m, ptrdiff_t p);
long gdf_gram_switch_default(ptrdiff_t m, ptrdiff_t p);
/* q->data, q->work, q->switch_after, q->rtol and q->kappa must be set;
 * counters and state are reset here.  rtol <= 0 or kappa <= 0: defaults. */
void gdf_problem_leastsq_gram(gdf_problem *p, gdf_lsgram *q);

/* G = X'X/m, lower triangle, by blocked dsyrk (ceil(sqrt(m)) rows per call,
 * at least 64): the formation whose rounding-error bound (gamma_G above) the
 * Gram form relies on.  Every G the Gram form uses is formed here. */
void gdf_gram_form(ptrdiff_t m, ptrdiff_t p, const double *X, double *G);

/* A 128-bit fingerprint of n doubles (of their bits; not cryptographic: it
 * tells an edited X or y from the one G was formed from), in the same pass a
 * finiteness check: returns the index of the first non-finite entry, or -1. */
ptrdiff_t gdf_gram_key(const double *x, size_t n, uint64_t key[2]);

/* The constructor's numbers, from G formed once (gd_leastsq):
 *   G     (p*p)  X'X/m by gdf_gram_form, both triangles;
 *   ev    (p)    its eigenvalues, ascending (LAPACK dsyevd);
 *   theta (p)    the least-squares solution by Cholesky of G (dpotrf/dpotrs),
 *                improved by iterative refinement with gradients from exact
 *                passes over X (1 step, 2 when ev_min/ev_max < 1e-4), so it
 *                is as accurate as a QR solve (semi-normal equations with
 *                refinement) as long as ev_min/ev_max >= GDF_LSQ_RCOND;
 *   *f           f(theta) = ||X theta - y||^2/(2m) by one exact pass;
 *   *rcond       ev_min/ev_max (the reciprocal condition number of G);
 *   anchor (2p+1) [theta_k; g_k; f_k] of the last exact pass (at the last
 *                iterate but one of the refinement, next to theta): a first
 *                anchor for the Gram form (gdf_lsgram.anchor_in); may be NULL.
 * *solved = 1 when theta and *f are set; 0 when G is too ill-conditioned
 * (rcond < GDF_LSQ_RCOND) or Cholesky fails: then the caller must use a
 * rank-revealing solve (theta and *f untouched).  threads: as gdf_data's.
 * work: gdf_leastsq_setup_work(m, p) doubles.  Returns GDF_OK, GDF_EARG, or
 * GDF_ELAPACK when dsyevd fails. */
#define GDF_LSQ_RCOND 1e-8
size_t gdf_leastsq_setup_work(ptrdiff_t m, ptrdiff_t p);
int gdf_leastsq_setup(ptrdiff_t m, ptrdiff_t p, const double *X, const double *y, int threads,
                      double *G, double *ev, double *theta, double *f, double *rcond,
                      int *solved, double *anchor, double *work);

/* The error bounds above use gdf_data_block (gdflow.h): the rows per block
 * of the one-pass evaluation. */

#ifdef __cplusplus
}
#endif

#endif
