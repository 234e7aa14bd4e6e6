/* gdf_gf_solve.h - gf_run's decisions in one library entry point.
 *
 * gdf_gf_solve runs one gf_run method on a problem: the gradient-flow
 * integrators (gdf_gf.c), the closed form of a dense quadratic (exact,
 * gdf_exact.c), the second-order ODEs (heavyball, nesterov: gdf_second.c),
 * the natural-gradient flow (a wrapped problem, gdf_natural.c) and
 * Euler-Maruyama (langevin, gdf_langevin.c).  The defaults (the damping
 * 2 sqrt(mu), the default MaxSteps limits), the mapping of a method to its
 * integrator, the refusal of spans that cannot finish, the re-evaluation of
 * f and ||grad f|| on the wrapped methods' outputs and the classification
 * of a stationary stop are made here; a caller (the MEX gateway) parses,
 * converts, sizes with gdf_gf_solve_plan, calls gdf_gf_solve and turns the
 * codes into messages.  Pure C99, allocation-free.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_GF_SOLVE_H
#define GDF_GF_SOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "gdflow.h"
#include "gdf_gf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* the methods of gf_run, in the order of its Method choices */
enum { GDF_GFS_RK45 = 0, GDF_GFS_EULER, GDF_GFS_HEUN, GDF_GFS_RK4, GDF_GFS_IMPLICIT, GDF_GFS_EXACT,
       GDF_GFS_HEAVYBALL, GDF_GFS_NESTEROV, GDF_GFS_NATURAL, GDF_GFS_LANGEVIN };
/* the integrators of heavyball, nesterov, natural (order of the Integrator choices) */
enum { GDF_GFS_INT_RK45 = 0, GDF_GFS_INT_EULER, GDF_GFS_INT_HEUN, GDF_GFS_INT_RK4 };

typedef struct {
    int method;             /* GDF_GFS_* */
    int integrator;         /* GDF_GFS_INT_* (heavyball, nesterov, natural) */
    gdf_gf_opts o;          /* integrator options; o.method and (unless
                               max_steps_given) o.max_steps are set by
                               gdf_gf_solve from method/integrator */
    int max_steps_given;    /* 0: the default limit applies (and spans that
                               cannot finish within it are refused) */
    int callback;           /* 1: evaluations go through an interpreter
                               callback (the smaller rk45 default limit) */
    double damping;         /* heavyball; NaN: gdf_gf_default_damping(mu) */
    const double *v0;       /* heavyball: initial velocity (d), NULL: rest */
    double temperature;     /* langevin (1) */
    uint64_t seed;          /* langevin (0) */
    gdf_problem *natural;   /* natural: the problem y' = -G^{-1} grad f */
    const double *A, *b;    /* exact: dense quadratic f = x'Ax/2 - b'x..., as
                               gdf_exact_sym takes them; NULL: not one */
    double exact_step;      /* exact with nt == 2: the grid step (0: 100 intervals) */
    const double *diffusion; /* langevin: d x d F, noise sqrt(h) F xi (gf_run's
                               'sgd-sde', issue 16); NULL: sqrt(2 T h) xi */
} gdf_gf_spec;
void gdf_gf_spec_defaults(gdf_gf_spec *s);

/* the integrator (GDF_GF_*) a method runs on */
int gdf_gf_solve_integrator(int method, int integrator);
/* the default MaxSteps limit (GDF_GF_MAX_STEPS_DEFAULT*) of a method */
long gdf_gf_solve_default_limit(int method, int integrator, int callback);
/* heavyball's default damping: critical damping 2 sqrt(mu) of the slowest
 * mode of a quadratic when mu > 0 is known, else 1 */
double gdf_gf_default_damping(double mu);
/* heavyball's decay rate of the energy bound for the stationary stop: the
 * slowest mode of theta'' + gamma theta' + lambda theta = 0 over lambda >= mu */
double gdf_gf_heavyball_rate(double damping, double mu);

/* Refusals found by gdf_gf_solve_plan (the data for a message in the plan) */
enum {
    GDF_GFS_REFUSE_NONE = 0,
    GDF_GFS_REFUSE_GRID_LONG,     /* more than 2^52 steps (value: (tf - t0)/h)        */
    GDF_GFS_REFUSE_STEP_RES,      /* Step below 4 eps max|t| (value: 4 eps max|t|)    */
    GDF_GFS_REFUSE_GRID,          /* the grid is not representable                    */
    GDF_GFS_REFUSE_NOT_QUADRATIC, /* exact on a problem that is no dense quadratic    */
    GDF_GFS_REFUSE_EXACT_STEP,    /* exact: step below the resolution (value: step)   */
    GDF_GFS_REFUSE_SPAN_LONG      /* default limit: needs value steps and cannot stop */
};

typedef struct {
    int setup_fail;        /* heavyball, nesterov: the second-order system
                              cannot be set up (first; nothing else is sized) */
    int grid_refusal;      /* GDF_GFS_REFUSE_* found before the output is sized */
    double grid_value, grid_h, grid_tmax;
    double out_doubles[2]; /* the output's memory to check, in this order (0: none) */
    int span_refusal;      /* GDF_GFS_REFUSE_SPAN_LONG or NONE */
    double span_steps;
    const char *span_how;  /* how the steps were counted, for the message */
    double jac_doubles;    /* implicit with a finite-difference Jacobian: d^2 */
    int integrator_method; /* GDF_GF_* */
    long default_limit;
    ptrdiff_t stride;      /* doubles per output entry (2d: heavyball, nesterov) */
    long cap0;             /* initial capacity of the output sink */
    long max_entries;      /* the most entries the output can need (-1: unknown) */
    size_t work, iwork;    /* gdf_gf_solve's scratch: doubles, ptrdiff_t
                              entries; (size_t)-1 when it overflows */
} gdf_gf_plan;
/* Size and check a run (spec is resolved in place: o.method, o.max_steps,
 * damping).  Returns GDF_OK (the refusals are in the plan) or GDF_EARG. */
int gdf_gf_solve_plan(gdf_problem *p, gdf_gf_spec *spec, const double *tspan, ptrdiff_t nt,
                      gdf_gf_plan *plan);

/* what failed when gdf_gf_solve does not return GDF_OK */
enum { GDF_GFS_FAIL_NONE = 0, GDF_GFS_FAIL_PLAN, GDF_GFS_FAIL_RUN, GDF_GFS_FAIL_SETUP,
       GDF_GFS_FAIL_LAPACK, GDF_GFS_FAIL_REEVAL };

typedef struct {
    gdf_gf_result run;  /* nsteps, nfailed, nfevals (with the re-evaluations),
                           exitflag, why (0 for exact), time, t_stationary */
    int fail;           /* GDF_GFS_FAIL_* */
    int fail_status;    /* the failing part's status */
    double damping;     /* heavyball: the damping used (else NaN) */
    int maxsteps_warn;  /* stopped by the default MaxSteps limit */
    int stationary;     /* GDF_STAT_* of the last state after a rest stop */
    double lam_min;     /* its smallest Hessian eigenvalue (saddle, maximum) */
    char message[320];  /* info.message */
} gdf_gf_solve_result;

/* Run spec on p from theta0 over tspan into out (entries of plan.stride
 * doubles; a velocity follows theta for heavyball and nesterov).  work,
 * iwork: plan.work doubles and plan.iwork ptrdiff_t entries.  Returns
 * GDF_OK (see r->run.exitflag) or an error status with r->fail. */
int gdf_gf_solve(gdf_problem *p, gdf_gf_spec *spec, const double *theta0, const double *tspan,
                 ptrdiff_t nt, gdf_gf_out *out, double *work, void *iwork, gdf_gf_solve_result *r);

/* f and ||grad f|| of p at the first p->d doubles of every output entry
 * (entries of stride doubles); g: p->d doubles scratch.  Returns GDF_OK or
 * the failing evaluation's status. */
int gdf_gf_reevaluate(gdf_problem *p, gdf_gf_out *out, ptrdiff_t stride, double *g);

/* What gf_run warns about a problem: 0 nothing, 1 unbounded below, 2
 * unbounded with an indefinite Hessian, 3 not convex (mu < 0) */
enum { GDF_GFS_CONVEX_OK = 0, GDF_GFS_UNBOUNDED, GDF_GFS_UNBOUNDED_INDEF, GDF_GFS_NONCONVEX };
int gdf_gf_convexity(const gdf_problem *p, double f_star);

#ifdef __cplusplus
}
#endif

#endif
