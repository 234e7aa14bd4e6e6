/* gdf_second.h - second-order gradient dynamics as first-order systems.
 *
 * The heavy-ball ODE and the Su-Boyd-Candes ODE,
 *     theta'' + gamma theta' + grad f(theta) = 0        (heavy ball)
 *     theta'' + (r/t) theta' + grad f(theta) = 0        (Su-Boyd-Candes, r = 3)
 * are written for the state z = (theta, v), v = theta', of length 2d:
 *     z' = (v, -c(t) v - grad f(theta)),   c = gamma, or r/t.
 * gdf_problem_second builds a problem of dimension 2d whose "gradient" is
 * minus that right-hand side, G(z) = (-v, c(t) v + grad f(theta)), so the
 * gradient-flow integrators of gdf_gf.c (z' = -G(z)) solve the ODE: every
 * explicit method, rk45 with its error control and dense output included.
 *
 * The singular coefficient r/t at t = 0.  With theta'(0) = 0 the solution
 * has v(t) = theta''(0) t + O(t^2), so (r/t) v(t) -> r theta''(0) and the
 * ODE at t = 0 reads theta''(0) + r theta''(0) + grad f(theta0) = 0:
 *     theta''(0) = -grad f(theta0) / (1 + r)      (= -grad f / 4 for r = 3).
 * The wrapper uses exactly this limit when the evaluation time is 0, and
 * r/t otherwise; nothing is shifted to t = eps.  (The limit needs v = 0 at
 * t = 0: start the SBC ODE at t0 = 0 from rest.)  The solution is smooth at
 * t = 0 (for a quadratic it is 2 J_1(sqrt(lambda) t) / (sqrt(lambda) t) per
 * eigen-mode, an even entire function of t).
 *
 * The time of each evaluation reaches the wrapper as an argument: set
 * o.fgt = gdf_second_fgt, o.fgt_ctx = &q (and o.reach_t = gdf_second_reach_t,
 * o.reach_ctx = &q for the stationary stop) before gdf_gf_run; or, through
 * the older side channel, o.stage_time = &q.t (the problem p then reads
 * q.t; the heavy ball needs neither).  f of the wrapper is f(theta) of the base problem; hess and hessvec
 * are not provided (the implicit method does not apply: its Newton solve
 * assumes a symmetric Jacobian).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_SECOND_H
#define GDF_SECOND_H

#include <stddef.h>

#include "gdflow.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { GDF_SECOND_HEAVYBALL = 1, GDF_SECOND_SBC };

typedef struct {
    gdf_problem *base;  /* f on R^d */
    int kind;           /* GDF_SECOND_HEAVYBALL or GDF_SECOND_SBC */
    double gamma;       /* heavy ball: damping, finite and >= 0 */
    double r;           /* SBC: the coefficient r of r/t, finite and > 0 (3) */
    double t;           /* time of the next evaluation (gdf_gf_opts.stage_time) */
} gdf_second;

/* p gets dimension 2 base->d.  Returns GDF_EARG for a bad kind or
 * coefficient.  At evaluation time the SBC wrapper returns GDF_EARG for
 * t < 0 or non-finite t. */
int gdf_problem_second(gdf_problem *p, gdf_second *q);

/* For gdf_gf_opts.reach (ctx = q): a bound on the distance from z = (theta,
 * v), G = the wrapper's gradient at z (evaluated at time q->t), to the
 * equilibrium (theta*, 0), valid for all later times, when the base problem
 * knows mu > 0 (f mu-strongly convex); Inf otherwise.  Both ODEs dissipate
 * E = f(theta) - f* + ||v||^2/2 (E' = -c(t) ||v||^2 <= 0, c = gamma >= 0 or
 * r/t > 0), and f - f* <= ||grad f||^2/(2 mu), f - f* >= mu/2 ||theta -
 * theta*||^2, so for s >= t: ||theta(s) - theta*||^2 <= 2E(t)/mu and
 * ||v(s)||^2 <= 2E(t), with 2E(t) <= ||grad f||^2/mu + ||v||^2.  The bound
 * looks at both halves of z: a state at rest (v = 0) far from theta* still
 * has ||grad f|| > 0, and one passing through theta* has v != 0. */
double gdf_second_reach(void *q, const double *z, const double *G, double gnorm);

/* The same with the time t passed in (gdf_gf_opts.fgt and .reach_t, ctx =
 * q): the right-hand side's "gradient" at time t, and the bound at time t;
 * q->t is neither read nor written. */
int gdf_second_fgt(void *q, double t, const double *z, double *f, double *g);
double gdf_second_reach_t(void *q, double t, const double *z, const double *G, double gnorm);

#ifdef __cplusplus
}
#endif

#endif
