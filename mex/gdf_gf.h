/* gdf_gf.h - gradient-flow integrators: dtheta/dt = -grad f(theta).
 *
 * Fixed-step explicit Euler (= gradient descent), Heun, classic RK4,
 * adaptive Dormand-Prince 5(4) with dense output (ode45-like), and
 * backward Euler (= the proximal point method); the right-hand side may
 * depend on time (gdf_gf_opts.fgt, the time passed as an argument; or the
 * older stage_time).  Pure C99, allocation-free:
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
    int stationary;      /* 1 (default): stop a flow that has become stationary
                            and fill the rest of the output with its state
                            (exitflag 1, why GDF_GF_WHY_STATIONARY); see
                            "Stationary stop" below.  0: step to tf.      */
    /* optional bound on the distance from the state y (with y' = -g, g the
     * right-hand side's "gradient" at y, ||g|| = gnorm) to the equilibrium
     * that the solution converges to, valid for all later times; the
     * integrators call it with *stage_time = the time of y.  Inf or NaN:
     * unknown.  NULL: the gradient-flow bound ||grad f||/mu when p->mu > 0. */
    double (*reach)(void *ctx, const double *y, const double *g, double gnorm);
    void *reach_ctx;
    double reach_rate;   /* with reach: a rate r > 0 at which the bound decays
                            at least like exp(-r t) along the exact solution
                            (0: unknown); without reach, p->mu is used    */
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
    /* A time-dependent right-hand side, the time passed as an argument (no
     * side channel): when fgt is set, every evaluation is fgt(fgt_ctx, t,
     * y, f, g) at its time t (the times as for stage_time) in place of
     * p->fg (p->nfevals still counts them; p->d, p->mu and the output are
     * as before), and reach_t, when set, is called in place of reach with
     * the time of y.  NULL (default): p->fg and reach.  gdf_second_fgt and
     * gdf_second_reach_t (gdf_second.h) are of this form. */
    int (*fgt)(void *ctx, double t, const double *y, double *f, double *g);
    void *fgt_ctx;
    double (*reach_t)(void *ctx, double t, const double *y, const double *g, double gnorm);
} gdf_gf_opts;
void gdf_gf_defaults(gdf_gf_opts *o);

/* Stationary stop (o->stationary = 1, the default).  After every accepted
 * step at time t with state y and g = grad f(y) (the right-hand side is -g):
 *  S1  g = 0 exactly: an equilibrium; the solution is constant (also for
 *      the time-dependent right-hand sides of gdf_second.c, whose g = 0
 *      means v = 0 and grad f = 0);
 *  S2  fixed-step methods with a time-independent right-hand side
 *      (stage_time and fgt NULL): a full step left y unchanged bit for bit; the
 *      method is a map of y alone, so every later step returns y as well;
 *  S3  rk45 without GradTol (with GradTol > 0 that event decides when the
 *      flow has converged), when a bound R on the distance to the limit is
 *      known (reach or reach_t, or ||grad f||/mu for mu > 0: along the gradient flow of
 *      a mu-strongly convex f, ||theta(s) - theta*|| <= ||grad f(theta(t))||/mu
 *      for all s >= t, and ||grad f|| decays at least like exp(-mu t)):
 *      (a) R <= max(AbsTol, RelTol ||y||_inf): the rest of the solution
 *          stays within the integrator's own error tolerance of the limit;
 *      (b) or, when a decay rate is known (mu without reach, else
 *          reach_rate > 0), R has halved at least once, but not during the
 *          last max(10/rate, 2 (t_h - t0)) units of time (t_h: its last
 *          halving): along the exact solution R would have
 *          fallen by exp(-10) there, so what is left is the integrator's own
 *          error.  Near an equilibrium rk45 steps at its stability limit
 *          (h ~ 3.3/L) and its state hovers at about its tolerance: without
 *          S3 it would take ~L/3.3 steps per unit of time to tf, for ever
 *          on [0 1e300].  The state is then within R of the limit.
 *      (The rule (a) fires on well-conditioned problems; (b) when R, which
 *      overestimates the distance by up to L/mu, stays above the tolerance.)
 * Then the remaining output times are filled with y (and its f, ||g||):
 * the rest of tspan for nt > 2, for nt == 2 the rest of the fixed-step grid
 * (bit for bit what the method would give in cases S1 and S2) or one point
 * at tf (rk45); exitflag 1, why GDF_GF_WHY_STATIONARY, r->t_stationary = t. */

/* A reach bound (gdf_gf_opts.reach, ctx = a gdf_gf_descent) for a descent
 * flow y' = -G(y)^{-1} grad f(y) of a mu-strongly convex base problem, G
 * symmetric positive definite (the natural-gradient wrapper): f decreases
 * along it, so for s >= t, ||y(s) - y*||^2 <= 2 (f(y(t)) - f*)/mu <=
 * ||grad f(y(t))||^2 / mu^2.  Evaluates grad f of the base problem into the
 * scratch g (base->d doubles; counted in nfevals); Inf when base->mu is not
 * > 0 or the evaluation fails. */
typedef struct {
    gdf_problem *base;
    double *g;
    long nfevals;
} gdf_gf_descent;
double gdf_gf_descent_reach(void *ctx, const double *y, const double *g, double gnorm);

/* Default step limits for callers that want one (gf_run when MaxSteps is
 * not given): 1e6 steps of a fixed-step method (their number is known up
 * front), 1e5 of rk45 (whose steps near an equilibrium are bounded by its
 * stability, ~3.3/L: some 2 s on a small logistic regression), 2e4 of rk45
 * on a problem evaluated through an interpreter callback (some 0.3 ms a
 * step: about 6 s). */
#define GDF_GF_MAX_STEPS_DEFAULT 1000000L
#define GDF_GF_MAX_STEPS_DEFAULT_RK45 100000L
#define GDF_GF_MAX_STEPS_DEFAULT_CALLBACK 20000L

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

/* exitflag: 1 reached the end of tspan (why TEND, or STATIONARY: the output
 * was completed to tf with the stationary state); 2 GradTol event; 0 MaxSteps,
 * MaxTime or output sink full; -2 non-finite value (the output holds
 * everything up to the last finite point); -3 rk45 step size underflow.
 * When gdf_gf_run returns an error status, exitflag is 0 and why tells
 * which (the output is consistent up to the last accepted step). */
typedef struct {
    long nsteps, nfailed, nfevals;
    int exitflag, why;
    double time;
    double t_stationary; /* why STATIONARY: the time of the stop; else NaN */
} gdf_gf_result;

/* The exit reasons are the library's one vocabulary (gdf_why.h, included by
 * gdflow.h); these names are the flow's spelling of the same values. */
#define GDF_GF_WHY_TEND        GDF_WHY_TEND        /* reached the end of tspan                   */
#define GDF_GF_WHY_GRADTOL     GDF_WHY_GRADTOL     /* ||grad f|| <= GradTol                      */
#define GDF_GF_WHY_MAXSTEPS    GDF_WHY_MAXSTEPS    /* MaxSteps accepted steps                    */
#define GDF_GF_WHY_MAXTIME     GDF_WHY_MAXTIME     /* MaxTime seconds                            */
#define GDF_GF_WHY_OUTPUT_FULL GDF_WHY_OUTPUT_FULL /* the output sink could not grow             */
#define GDF_GF_WHY_NONFINITE   GDF_WHY_NONFINITE   /* non-finite state, value or gradient        */
#define GDF_GF_WHY_UNDERFLOW   GDF_WHY_UNDERFLOW   /* rk45 step size below 10 eps |t|            */
#define GDF_GF_WHY_NEWTON      GDF_WHY_NEWTON      /* implicit: Newton's method did not converge */
#define GDF_GF_WHY_CG          GDF_WHY_CG          /* implicit, sparse quadratic: CG failed      */
#define GDF_GF_WHY_SINGULAR    GDF_WHY_SINGULAR    /* implicit: I + h H is singular              */
#define GDF_GF_WHY_CALLBACK    GDF_WHY_CALLBACK    /* the problem's callback returned an error   */
#define GDF_GF_WHY_BADARG      GDF_WHY_BADARG      /* invalid argument (GDF_EARG)                */
#define GDF_GF_WHY_STATIONARY  GDF_WHY_STATIONARY  /* the state became stationary (exitflag 1):
                                                      constant from r->t_stationary to tf        */
const char *gdf_gf_why_message(int why);
/* Append one output point (t, theta of length d, f, ||g||) to the sink,
 * growing it when needed; returns 1 when it is full (the integrators and
 * the Langevin sampler share it). */
int gdf_gf_push(gdf_gf_out *o, ptrdiff_t d, double t, const double *y, double f, double gn);
/* The fixed-step grid t0 + k h over [t0, tf] (h > 0): the number of steps
 * N, with *shortened = 1 when the last step is cut to land on tf (tf - t0
 * not a whole number of steps to 1e-12 relative).  -1 when the grid is not
 * representable: more than 2^52 steps, tf - t0 or a time not finite, NaN,
 * or h below the resolution of the times (h < 4 eps max(|t0|, |tf|): the
 * times t0 + k h would repeat). */
long gdf_gf_grid(double t0, double tf, double h, int *shortened);

/* Steps that gdf_gf_run (o->method) needs to reach tf when nothing stops it
 * earlier: the fixed-step grid's N (Inf when gdf_gf_grid refuses it); rk45:
 * at least (tf - t0)/MaxStep (MaxStep 0: (tf - t0)/10), and for a problem
 * with a constant Hessian and known L > 0 at least (tf - t0) L / 3.3, the
 * Dormand-Prince stability limit h <= 3.3/L (the flow of a quadratic never
 * leaves its stiffest mode entirely: rounding keeps it excited).  NaN for
 * bad arguments. */
double gdf_gf_steps_needed(const gdf_problem *p, const double *tspan, ptrdiff_t nt,
                           const gdf_gf_opts *o);
/* 1 when a run may end before tf without a step limit: GradTol > 0, or a
 * stationary stop that can recognize convergence before the state is
 * exactly stationary (rk45 with o->reach, or p->mu > 0 finite). */
int gdf_gf_may_stop_early(const gdf_problem *p, const gdf_gf_opts *o);
/* Refuse up front what cannot finish: 1 (with *steps) when the run would
 * need more than max_steps steps (gdf_gf_steps_needed) and
 * gdf_gf_may_stop_early is 0, else 0. */
int gdf_gf_span_too_long(const gdf_problem *p, const double *tspan, ptrdiff_t nt,
                         const gdf_gf_opts *o, double max_steps, double *steps);

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
 * increasing finite times, tf - t0 finite).  nt == 2: output at t0 and at
 * every accepted step (after a stationary stop, see above: the rest of the
 * grid, or tf); nt > 2: output exactly at the tspan times (plus the event
 * point when the GradTol event fires between them).  f and ||grad f|| are
 * reported at every output point.
 * Returns GDF_OK (see r->exitflag), GDF_EARG, the status of a failing
 * callback, GDF_ENEWTON (implicit step failed: Newton, CG or singular
 * system; r->why says which) or GDF_ELAPACK. */
int gdf_gf_run(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
               const gdf_gf_opts *o, gdf_gf_out *out, double *work, void *iwork,
               gdf_gf_result *r);

/* Many starts (X0 d x m, column j a start) of a fixed-step method (euler,
 * heun, rk4) on a dense quadratic with d <= GDF_GF_BATCH_DMAX over the grid
 * t_k = t0 + k h, k = 0..N (N, shortened: gdf_gf_grid; the last step
 * shortened to tf when shortened), all starts advanced together
 * (gdf_gf_batch.c).  Writes rows 0..N of T (n x d x m), F and Gn (n x m):
 * the state, f and norm(grad f) of each start, the bits of gdf_gf_run on it
 * with TSPAN = [t0 tf], Step h, the given stationary flag and no GradTol,
 * MaxTime or stage time.  redo[j] = 1: start j met what a single run treats
 * apart (a non-finite value, a stationary stop); its rows are not valid and
 * the caller runs it alone.  poll (may be NULL): its fg_batch is called
 * with no columns once per block and every 4096 steps (the gateway's
 * Ctrl-C check), its status returned.  GDF_EARG on bad arguments. */
#define GDF_GF_BATCH_DMAX 16
int gdf_gf_batch_fixed(gdf_problem *poll, const gdf_quad *q, int method, double t0, double tf, double h, long N, int shortened,
                       int stationary, ptrdiff_t m, const double *X0, ptrdiff_t n, double *T, double *F,
                       double *Gn, unsigned char *redo);

#ifdef __cplusplus
}
#endif

#endif
