/* gdf_gf.h - gradient-flow integrators: dtheta/dt = -grad f(theta).
 *
 * Fixed-step explicit Euler (= gradient descent), Heun, classic RK4,
 * adaptive Dormand-Prince 5(4) with dense output (ode45-like), and
 * backward Euler (= the proximal point method); the right-hand side may
 * depend on time (gdf_gf_opts.stage_time).  Pure C99, allocation-free:
 * the caller provides the scratch memory; nothing is printed.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef GDF_GF_H
#define GDF_GF_H

#include <stddef.h>

#include "gdflow.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { GDF_GF_EULER = 1, GDF_GF_HEUN, GDF_GF_RK4, GDF_GF_RK45, GDF_GF_IMPLICIT };

typedef struct {
    int method;
    double h;            /* fixed step (euler/heun/rk4/implicit), > 0;
                            rk45: initial step, 0 = automatic            */
    double rtol, atol;   /* rk45 (defaults 1e-3, 1e-6 as ode45); rtol is
                            raised to 100*eps if smaller                 */
    double max_step;     /* rk45; 0 = |tf - t0|/10 as ode45               */
    long max_steps;      /* accepted steps before stopping (exit 0);
                            default LONG_MAX (no limit)                   */
    double grad_tol;     /* terminal event: stop when ||grad f|| <= grad_tol (0 = off) */
    double max_time;     /* wall clock seconds (<= 0, NaN or Inf: none)   */
    double newton_tol;   /* implicit: relative tolerance of the Newton / CG solve (1e-12) */
    int newton_maxit;    /* implicit: Newton iterations per step (50)     */
    double *stage_time;  /* NULL (default), or where the integrators store
                            the time of every evaluation just before making
                            it (each Runge-Kutta stage at t + c_i h, dense
                            output points at their times, all evaluations
                            of an implicit step at its end).  This makes a
                            time-dependent right-hand side possible: point
                            it into the problem's context (gdf_second.t). */
} gdf_gf_opts;
void gdf_gf_defaults(gdf_gf_opts *o);

/* Output sink, appended to as the integrator produces output points.
 * theta holds d doubles per entry (entry j at theta + j*d); any of
 * t/theta/f/gnorm may be NULL.  When entry n >= cap is needed,
 * grow(ctx, need, o) must enlarge the arrays (updating pointers and cap)
 * or return nonzero (the run then stops: exit 0, why OUTPUT_FULL). */
typedef struct gdf_gf_out {
    double *t, *theta, *f, *gnorm;
    long n, cap;
    int (*grow)(void *ctx, long need, struct gdf_gf_out *o);
    void *ctx;
} gdf_gf_out;

/* exitflag: 1 reached the end of tspan; 2 GradTol event; 0 MaxSteps,
 * MaxTime or output sink full; -2 non-finite value (the output holds
 * everything up to the last finite point); -3 rk45 step size underflow.
 * When gdf_gf_run returns an error status, exitflag is 0 and why tells
 * which (the output is consistent up to the last accepted step). */
typedef struct {
    long nsteps, nfailed, nfevals;
    int exitflag, why;
    double time;
} gdf_gf_result;

enum {
    GDF_GF_WHY_TEND = 1,     /* reached the end of tspan                   */
    GDF_GF_WHY_GRADTOL,      /* ||grad f|| <= GradTol                      */
    GDF_GF_WHY_MAXSTEPS,     /* MaxSteps accepted steps                    */
    GDF_GF_WHY_MAXTIME,      /* MaxTime seconds                            */
    GDF_GF_WHY_OUTPUT_FULL,  /* the output sink could not grow             */
    GDF_GF_WHY_NONFINITE,    /* non-finite state, value or gradient        */
    GDF_GF_WHY_UNDERFLOW,    /* rk45 step size below 16 eps |t|            */
    GDF_GF_WHY_NEWTON,       /* implicit: Newton's method did not converge */
    GDF_GF_WHY_CG,           /* implicit, sparse quadratic: CG failed      */
    GDF_GF_WHY_SINGULAR,     /* implicit: I + h H is singular              */
    GDF_GF_WHY_CALLBACK,     /* the problem's callback returned an error   */
    GDF_GF_WHY_BADARG        /* invalid argument (GDF_EARG)                */
};
const char *gdf_gf_why_message(int why);
/* Append one output point (t, theta of length d, f, ||g||) to the sink,
 * growing it when needed; returns 1 when it is full (the integrators and
 * the Langevin sampler share it). */
int gdf_gf_push(gdf_gf_out *o, ptrdiff_t d, double t, const double *y, double f, double gn);
/* The fixed-step grid t0 + k h over [t0, tf] (h > 0): the number of steps
 * N, with *shortened = 1 when the last step is cut to land on tf (tf - t0
 * not a whole number of steps to 1e-12 relative).  -1 when the grid is not
 * representable (more than 2^52 steps, or NaN). */
long gdf_gf_grid(double t0, double tf, double h, int *shortened);

/* Scratch sizes for gdf_gf_run with this method and problem (the implicit
 * method's size depends on p->hess_constant, p->hess and p->hessvec, so
 * pass the same problem).  work in doubles, iwork in gdf_int entries
 * (gdf_blas.h; may be 0, then iwork may be NULL).  Implicit method:
 *   p->hess_constant && p->hess   (dense quadratic): 2 d^2 + O(d), the
 *       factor of I + hA and one for partial steps to off-grid times;
 *   p->hess_constant && p->hessvec (sparse quadratic): conjugate
 *       gradients, O(d);
 *   otherwise Newton's method: d^2 + O(d).
 * Returns (size_t)-1 when the size overflows. */
size_t gdf_gf_work(ptrdiff_t d, int method, const gdf_problem *p);
size_t gdf_gf_iwork(ptrdiff_t d, int method, const gdf_problem *p);

/* Integrate from theta0 (p->d doubles) over tspan (nt >= 2 strictly
 * increasing finite times).  nt == 2: output at t0 and at every accepted
 * step; nt > 2: output exactly at the tspan times (plus the event point
 * when the GradTol event fires between them).  f and ||grad f|| are
 * reported at every output point.
 * Returns GDF_OK (see r->exitflag), GDF_EARG, the status of a failing
 * callback, GDF_ENEWTON (implicit step failed: Newton, CG or singular
 * system; r->why says which) or GDF_ELAPACK. */
int gdf_gf_run(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
               const gdf_gf_opts *o, gdf_gf_out *out, double *work, void *iwork,
               gdf_gf_result *r);

#ifdef __cplusplus
}
#endif

#endif
