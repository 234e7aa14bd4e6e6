/* gdf_gf_solve.c - gf_run's decisions in one library entry point (see
 * gdf_gf_solve.h): method mapping, defaults, span refusal, output sizing,
 * the closed form of the exact method, the wrapped methods (heavyball,
 * nesterov, natural) with the re-evaluation of their outputs, Langevin, and
 * the classification of a stationary stop.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_exact.h"
#include "gdf_gf.h"
#include "gdf_gf_solve.h"
#include "gdf_langevin.h"
#include "gdf_second.h"

void gdf_gf_spec_defaults(gdf_gf_spec *s)
{
    memset(s, 0, sizeof *s);
    s->method = GDF_GFS_RK45;
    s->integrator = GDF_GFS_INT_RK45;
    gdf_gf_defaults(&s->o);
    s->damping = NAN;
    s->temperature = 1.0;
    s->seed = 0;
}

int gdf_gf_solve_integrator(int method, int integrator)
{
    switch (method) {
    case GDF_GFS_EULER:
    case GDF_GFS_LANGEVIN: return GDF_GF_EULER;
    case GDF_GFS_HEUN: return GDF_GF_HEUN;
    case GDF_GFS_RK4: return GDF_GF_RK4;
    case GDF_GFS_IMPLICIT: return GDF_GF_IMPLICIT;
    case GDF_GFS_HEAVYBALL:
    case GDF_GFS_NESTEROV:
    case GDF_GFS_NATURAL:
        return integrator == GDF_GFS_INT_EULER ? GDF_GF_EULER
               : integrator == GDF_GFS_INT_HEUN ? GDF_GF_HEUN
               : integrator == GDF_GFS_INT_RK4  ? GDF_GF_RK4
                                                : GDF_GF_RK45;
    default: return GDF_GF_RK45;
    }
}

long gdf_gf_solve_default_limit(int method, int integrator, int callback)
{
    if (gdf_gf_solve_integrator(method, integrator) != GDF_GF_RK45 || method == GDF_GFS_EXACT)
        return GDF_GF_MAX_STEPS_DEFAULT;
    return callback ? GDF_GF_MAX_STEPS_DEFAULT_CALLBACK : GDF_GF_MAX_STEPS_DEFAULT_RK45;
}

double gdf_gf_default_damping(double mu)
{
    return (mu > 0.0 && isfinite(mu)) ? 2.0 * sqrt(mu) : 1.0;
}

double gdf_gf_heavyball_rate(double damping, double mu)
{
    return damping < 2.0 * sqrt(mu) ? damping / 2.0 : mu / damping;
}

static int is_second(int m) { return m == GDF_GFS_HEAVYBALL || m == GDF_GFS_NESTEROV; }
static int mu_known(const gdf_problem *p) { return p->mu > 0.0 && isfinite(p->mu); }

/* o.method, o.max_steps, damping from the method (idempotent) */
static void resolve(const gdf_problem *p, gdf_gf_spec *s, long *limit)
{
    s->o.method = gdf_gf_solve_integrator(s->method, s->integrator);
    *limit = gdf_gf_solve_default_limit(s->method, s->integrator, s->callback);
    if (!s->max_steps_given)
        s->o.max_steps = *limit;
    if (s->method == GDF_GFS_HEAVYBALL && isnan(s->damping))
        s->damping = gdf_gf_default_damping(p->mu);
}

/* the closed form's output times: n and the grid step (nt == 2) */
static double exact_count(const double *ts, ptrdiff_t nt, double step, double *h)
{
    double t0 = ts[0], tf = ts[1];
    if (nt != 2)
        return (double)nt;
    *h = step > 0.0 ? step : (tf - t0) / 100.0;
    return ceil((tf - t0) / *h * (1.0 - 1e-12)) + 1.0;
}

static int plan_exact(gdf_problem *p, gdf_gf_spec *s, const double *ts, ptrdiff_t nt, gdf_gf_plan *pl)
{
    double h = 0.0, n = exact_count(ts, nt, s->exact_step, &h), d = (double)p->d;
    pl->stride = p->d;
    if (!s->A || !s->b) {
        pl->grid_refusal = GDF_GFS_REFUSE_NOT_QUADRATIC;
        return GDF_OK;
    }
    if (nt == 2 && !(h >= 4.0 * DBL_EPSILON * fmax(fabs(ts[0]), fabs(ts[1])))) {
        pl->grid_refusal = GDF_GFS_REFUSE_EXACT_STEP;
        pl->grid_value = h;
        return GDF_OK;
    }
    /* Theta, its workspace, the entry layout and the returned copy: 4 n d */
    pl->out_doubles[0] = n * (4.0 * d + 3.0);
    if (!(pl->out_doubles[0] <= 1e18))
        return GDF_OK; /* the caller refuses it before using the sizes */
    pl->cap0 = (long)n;
    pl->max_entries = (long)n;
    {
        size_t nn = (size_t)n, dd = (size_t)p->d;
        pl->work = nn * dd + 2 * nn + dd + dd + gdf_exact_sym_work(p->d, (ptrdiff_t)nn, 1);
        pl->iwork = gdf_exact_sym_iwork(p->d);
    }
    return GDF_OK;
}

/* the effective problem and options of the integration, as the old gateway
 * passed them to its span checks */
static void integ_opts(const gdf_problem *p, const gdf_gf_spec *s, gdf_gf_opts *oe)
{
    *oe = s->o;
    if (s->method == GDF_GFS_LANGEVIN) { /* Euler-Maruyama: the euler grid, no early stop */
        oe->method = GDF_GF_EULER;
        oe->grad_tol = 0.0;
        oe->stationary = 0;
    }
    if ((is_second(s->method) || s->method == GDF_GFS_NATURAL) && mu_known(p))
        oe->reach = is_second(s->method) ? gdf_second_reach : gdf_gf_descent_reach;
}

static void plan_span(const gdf_problem *P, const gdf_gf_opts *oe, const double *ts, ptrdiff_t nt,
                      int check_default, gdf_gf_plan *pl)
{
    double t0 = ts[0], tf = ts[nt - 1];
    if (oe->method != GDF_GF_RK45) {
        int sh;
        double tmax = fmax(fabs(t0), fabs(tf));
        pl->grid_h = oe->h;
        pl->grid_tmax = tmax;
        if (!((tf - t0) / oe->h < 4503599627370496.0)) {
            pl->grid_refusal = GDF_GFS_REFUSE_GRID_LONG;
            pl->grid_value = (tf - t0) / oe->h;
        } else if (!(oe->h >= 4.0 * DBL_EPSILON * tmax)) {
            pl->grid_refusal = GDF_GFS_REFUSE_STEP_RES;
            pl->grid_value = 4.0 * DBL_EPSILON * tmax;
        } else if (gdf_gf_grid(t0, tf, oe->h, &sh) < 0) {
            pl->grid_refusal = GDF_GFS_REFUSE_GRID;
        }
    }
    if (check_default &&
        gdf_gf_span_too_long(P, ts, nt, oe, (double)pl->default_limit, &pl->span_steps)) {
        pl->span_refusal = GDF_GFS_REFUSE_SPAN_LONG;
        pl->span_how = oe->method != GDF_GF_RK45 ? "(tf - t0)/Step"
                       : oe->max_step > 0.0      ? "(tf - t0)/MaxStep, or rk45's stability limit 3.3/L"
                                                 : "rk45's stability limit: steps of at most 3.3/L";
    }
}

/* the output's capacity and memory, as the steps need it */
static void plan_output(const gdf_gf_spec *s, const double *ts, ptrdiff_t nt, gdf_gf_plan *pl)
{
    const gdf_gf_opts *o = &s->o;
    double D = (double)pl->stride;
    pl->max_entries = -1;
    if (nt > 2) {
        pl->max_entries = (long)nt;
        pl->cap0 = (long)nt;
    } else if (o->method != GDF_GF_RK45) {
        double nn = ceil((ts[1] - ts[0]) / o->h * (1.0 - 1e-12)) + 1.0;
        if (s->max_steps_given && o->max_steps < LONG_MAX && nn > (double)o->max_steps + 1.0)
            nn = (double)o->max_steps + 1.0;
        pl->out_doubles[0] = nn * D;
        pl->cap0 = nn < (double)GDF_OUT_CAP0 ? (long)nn : GDF_OUT_CAP0;
    } else {
        pl->cap0 = 256;
        if (o->max_step > 0.0) /* at least (tf - t0)/MaxStep steps, every one kept */
            pl->out_doubles[0] = (!s->max_steps_given ? ceil((ts[1] - ts[0]) / o->max_step)
                                                      : fmin(ceil((ts[1] - ts[0]) / o->max_step),
                                                             (double)o->max_steps) + 1.0) *
                                 (D + 3.0);
    }
    if (nt > 2)
        pl->out_doubles[1] = (double)nt * D;
}

static size_t add_sat(size_t a, size_t b) { return (a == (size_t)-1 || b > (size_t)-1 - a) ? (size_t)-1 : a + b; }
static size_t max_sz(size_t a, size_t b) { return a > b ? a : b; }

int gdf_gf_solve_plan(gdf_problem *p, gdf_gf_spec *s, const double *ts, ptrdiff_t nt, gdf_gf_plan *pl)
{
    gdf_gf_opts oe;
    gdf_problem sp, *P;
    gdf_second sec;
    ptrdiff_t d;
    size_t nw;
    if (!pl)
        return GDF_EARG;
    memset(pl, 0, sizeof *pl);
    if (!p || !s || !ts || nt < 2 || p->d < 1 || s->method < GDF_GFS_RK45 || s->method > GDF_GFS_LANGEVIN)
        return GDF_EARG;
    d = p->d;
    resolve(p, s, &pl->default_limit);
    pl->integrator_method = s->o.method;
    if (s->method == GDF_GFS_EXACT)
        return plan_exact(p, s, ts, nt, pl);
    if (s->method == GDF_GFS_NATURAL && !s->natural)
        return GDF_EARG;
    P = p;
    pl->stride = d;
    if (is_second(s->method)) {
        memset(&sec, 0, sizeof sec);
        sec.base = p;
        sec.kind = s->method == GDF_GFS_HEAVYBALL ? GDF_SECOND_HEAVYBALL : GDF_SECOND_SBC;
        sec.gamma = s->method == GDF_GFS_HEAVYBALL ? s->damping : 0.0;
        sec.r = 3.0;
        if (gdf_problem_second(&sp, &sec) != GDF_OK) {
            pl->setup_fail = 1; /* gdf_gf_solve fails with GDF_GFS_FAIL_SETUP */
            return GDF_OK;
        }
        P = &sp;
        pl->stride = 2 * d;
    } else if (s->method == GDF_GFS_NATURAL) {
        P = s->natural;
    }
    integ_opts(p, s, &oe);
    plan_span(P, &oe, ts, nt, !s->max_steps_given, pl);
    plan_output(s, ts, nt, pl);
    if (s->method != GDF_GFS_LANGEVIN && s->o.method == GDF_GF_IMPLICIT && !P->hess_constant && !P->hess)
        pl->jac_doubles = (double)d * (double)d;
    nw = s->method == GDF_GFS_LANGEVIN ? gdf_langevin_work(d) : gdf_gf_work(pl->stride, s->o.method, P);
    if (nw == (size_t)-1) {
        pl->work = nw;
        return GDF_OK;
    }
    /* [integrator | z0 (stride) | g (d)], the classification reusing the integrator's part */
    pl->work = add_sat(add_sat(max_sz(nw, gdf_stationary_work(d)), (size_t)pl->stride), (size_t)d);
    pl->iwork = max_sz(s->method == GDF_GFS_LANGEVIN ? 0 : gdf_gf_iwork(pl->stride, s->o.method, P),
                       gdf_stationary_iwork(d));
    return GDF_OK;
}

int gdf_gf_reevaluate(gdf_problem *p, gdf_gf_out *out, ptrdiff_t stride, double *g)
{
    long i;
    for (i = 0; i < out->n; i++) {
        int s = gdf_eval(p, out->theta + (size_t)i * (size_t)stride, out->f + i, g);
        if (s != GDF_OK)
            return s;
        out->gnorm[i] = gdf_nrm2(p->d, g);
    }
    return GDF_OK;
}

/* closed form for a dense quadratic: Theta at the times, f and ||g|| there */
static int solve_exact(gdf_problem *p, const gdf_gf_spec *s, const double *theta0, const double *ts,
                       ptrdiff_t nt, gdf_gf_out *out, double *work, void *iwork, gdf_gf_solve_result *r)
{
    ptrdiff_t d = p->d, n, i, j;
    double h = 0.0, t_start = gdf_now();
    double *tt, *rel, *Th, *x, *g, *ew;
    int st;
    n = (ptrdiff_t)exact_count(ts, nt, s->exact_step, &h);
    Th = work;
    tt = Th + (size_t)n * (size_t)d;
    rel = tt + n;
    x = rel + n;
    g = x + d;
    ew = g + d;
    if (nt == 2) { /* no solver steps: a uniform grid of Step, or 100 intervals */
        for (i = 0; i < n; i++)
            tt[i] = ts[0] + (double)i * h;
        tt[n - 1] = ts[1];
    } else {
        memcpy(tt, ts, (size_t)n * sizeof(double));
    }
    for (i = 0; i < n; i++)
        rel[i] = tt[i] - tt[0];
    st = gdf_exact_sym(d, s->A, s->b, 1, theta0, n, rel, 0, 0.0, Th, ew, iwork);
    if (st != GDF_OK) {
        r->fail = GDF_GFS_FAIL_LAPACK;
        r->fail_status = st;
        return st;
    }
    for (i = 0; i < n; i++) {
        double f;
        for (j = 0; j < d; j++)
            x[j] = Th[i + (size_t)j * (size_t)n];
        gdf_eval(p, x, &f, g);
        if (gdf_gf_push(out, d, tt[i], x, f, gdf_nrm2(d, g)))
            break;
    }
    memset(&r->run, 0, sizeof r->run);
    r->run.exitflag = 1;
    r->run.nsteps = 0;
    r->run.nfevals = n;
    r->run.time = gdf_now() - t_start;
    snprintf(r->message, sizeof r->message, "%s", "Reached the end of tspan (closed form).");
    return GDF_OK;
}

static int solve_langevin(gdf_problem *p, const gdf_gf_spec *s, const double *theta0, const double *ts,
                          ptrdiff_t nt, gdf_gf_out *out, double *work, gdf_gf_solve_result *r)
{
    gdf_langevin_opts lo;
    gdf_langevin_defaults(&lo);
    lo.h = s->o.h;
    lo.temperature = s->temperature;
    lo.seed = s->seed;
    lo.diffusion = s->diffusion;
    lo.max_steps = s->o.max_steps;
    lo.max_time = s->o.max_time;
    return gdf_langevin_run(p, theta0, ts, nt, &lo, out, work, &r->run);
}

/* heavyball, nesterov: z = (theta, v) through gdf_second.c */
static int solve_second(gdf_problem *p, gdf_gf_spec *s, const double *theta0, const double *ts,
                        ptrdiff_t nt, gdf_gf_out *out, double *work, void *iwork, size_t nw,
                        gdf_gf_solve_result *r)
{
    gdf_second sec;
    gdf_problem sp;
    gdf_gf_opts o = s->o;
    ptrdiff_t d = p->d, D = 2 * d;
    double *z0 = work + nw, *g = z0 + D;
    int st;
    memset(&sec, 0, sizeof sec);
    sec.base = p;
    sec.kind = s->method == GDF_GFS_HEAVYBALL ? GDF_SECOND_HEAVYBALL : GDF_SECOND_SBC;
    sec.gamma = s->method == GDF_GFS_HEAVYBALL ? s->damping : 0.0;
    sec.r = 3.0;
    sec.t = ts[0];
    if (gdf_problem_second(&sp, &sec) != GDF_OK) {
        r->fail = GDF_GFS_FAIL_SETUP;
        return GDF_EARG;
    }
    if (s->method == GDF_GFS_NESTEROV) { /* time-dependent: t passed to the right-hand side */
        o.fgt = gdf_second_fgt;
        o.fgt_ctx = &sec;
    }
    if (mu_known(p)) { /* the stationary stop of rk45 (gdf_gf.h, S3) */
        if (s->method == GDF_GFS_NESTEROV)
            o.reach_t = gdf_second_reach_t;
        else
            o.reach = gdf_second_reach;
        o.reach_ctx = &sec;
        /* the decay rate of the energy bound (none known for the
         * polynomial decay of nesterov's ODE) */
        if (s->method == GDF_GFS_HEAVYBALL && s->damping > 0.0)
            o.reach_rate = gdf_gf_heavyball_rate(s->damping, p->mu);
    }
    memset(z0, 0, (size_t)D * sizeof(double));
    memcpy(z0, theta0, (size_t)d * sizeof(double));
    if (s->v0)
        memcpy(z0 + d, s->v0, (size_t)d * sizeof(double));
    st = gdf_gf_run(&sp, z0, ts, nt, &o, out, work, iwork, &r->run);
    if (st != GDF_OK)
        return st;
    if ((st = gdf_gf_reevaluate(p, out, D, g)) != GDF_OK) {
        r->fail = GDF_GFS_FAIL_REEVAL;
        return st;
    }
    r->run.nfevals += out->n;
    return GDF_OK;
}

static int solve_natural(gdf_problem *p, gdf_gf_spec *s, const double *theta0, const double *ts,
                         ptrdiff_t nt, gdf_gf_out *out, double *work, void *iwork, size_t nw,
                         gdf_gf_solve_result *r)
{
    gdf_gf_descent dq;
    gdf_gf_opts o = s->o;
    ptrdiff_t d = p->d;
    double *g = work + nw + d;
    int st;
    memset(&dq, 0, sizeof dq);
    if (mu_known(p)) { /* the stationary stop of rk45 (gdf_gf.h, S3) */
        dq.base = p;
        dq.g = work + nw; /* the z0 slot, unused here */
        o.reach = gdf_gf_descent_reach;
        o.reach_ctx = &dq; /* rate unknown (it depends on G) */
    }
    st = gdf_gf_run(s->natural, theta0, ts, nt, &o, out, work, iwork, &r->run);
    if (st != GDF_OK)
        return st;
    if ((st = gdf_gf_reevaluate(p, out, d, g)) != GDF_OK) {
        r->fail = GDF_GFS_FAIL_REEVAL;
        return st;
    }
    r->run.nfevals += out->n + dq.nfevals;
    return GDF_OK;
}

/* info.message of a run that did not fail */
static void set_message(const gdf_gf_spec *s, const double *ts, ptrdiff_t nt, gdf_gf_solve_result *r)
{
    const char *m = gdf_gf_why_message(r->run.why);
    if (r->run.why == GDF_GF_WHY_GRADTOL && is_second(s->method))
        m = "at rest: norm([theta'; theta'']) at or below GradTol (terminal event)";
    else if (r->run.why == GDF_GF_WHY_GRADTOL && s->method == GDF_GFS_NATURAL)
        m = "natural-gradient norm ||G^{-1} grad f|| at or below GradTol (terminal event)";
    if (r->run.why == GDF_GF_WHY_STATIONARY)
        snprintf(r->message, sizeof r->message,
                 "the flow reached a stationary point at t = %.6g; the state is constant from "
                 "there to tf = %.6g (to the solver's tolerance)",
                 r->run.t_stationary, ts[nt - 1]);
    else
        snprintf(r->message, sizeof r->message, "%s", m);
    if (r->stationary == GDF_STAT_SADDLE)
        snprintf(r->message, sizeof r->message, "%s",
                 "stopped at a saddle point, not a minimizer: the flow is at rest (gradient "
                 "norm at or below GradTol, or a stationary state) but the Hessian has a "
                 "negative eigenvalue");
    else if (r->stationary == GDF_STAT_MAXIMUM)
        snprintf(r->message, sizeof r->message, "%s",
                 "stopped at a local maximum, not a minimizer: the flow is at rest (gradient "
                 "norm at or below GradTol, or a stationary state) but the Hessian is "
                 "negative definite");
}

int gdf_gf_solve(gdf_problem *p, gdf_gf_spec *s, const double *theta0, const double *ts, ptrdiff_t nt,
                 gdf_gf_out *out, double *work, void *iwork, gdf_gf_solve_result *r)
{
    gdf_gf_plan pl;
    size_t nw;
    int st;
    if (!r)
        return GDF_EARG;
    memset(r, 0, sizeof *r);
    r->damping = NAN;
    r->lam_min = NAN;
    r->run.t_stationary = NAN;
    if (!theta0 || !out || !work || gdf_gf_solve_plan(p, s, ts, nt, &pl) != GDF_OK)
        return GDF_EARG;
    if (pl.setup_fail) {
        r->fail = GDF_GFS_FAIL_SETUP;
        return GDF_EARG;
    }
    if (pl.grid_refusal || pl.span_refusal || pl.work == (size_t)-1 ||
        (s->method == GDF_GFS_EXACT && !(pl.out_doubles[0] <= 1e18))) {
        r->fail = GDF_GFS_FAIL_PLAN;
        return GDF_EARG;
    }
    if (s->method == GDF_GFS_HEAVYBALL)
        r->damping = s->damping;
    if (s->method == GDF_GFS_EXACT)
        return solve_exact(p, s, theta0, ts, nt, out, work, iwork, r);
    nw = pl.work - (size_t)pl.stride - (size_t)p->d; /* the integrator's part */
    if (s->method == GDF_GFS_LANGEVIN)
        st = solve_langevin(p, s, theta0, ts, nt, out, work, r);
    else if (is_second(s->method))
        st = solve_second(p, s, theta0, ts, nt, out, work, iwork, nw, r);
    else if (s->method == GDF_GFS_NATURAL)
        st = solve_natural(p, s, theta0, ts, nt, out, work, iwork, nw, r);
    else
        st = gdf_gf_run(p, theta0, ts, nt, &s->o, out, work, iwork, &r->run);
    if (st != GDF_OK) {
        if (!r->fail)
            r->fail = GDF_GFS_FAIL_RUN;
        r->fail_status = st;
        return st;
    }
    r->maxsteps_warn = r->run.why == GDF_GF_WHY_MAXSTEPS && !s->max_steps_given;
    /* a GradTol stop (the flow at rest) at a saddle or maximum is not a
     * minimizer: exitflag stays 2, the message says so (gdf_stationary) */
    r->stationary = GDF_STAT_NONE;
    if ((r->run.why == GDF_GF_WHY_GRADTOL || r->run.why == GDF_GF_WHY_STATIONARY) && out->n > 0) {
        double lam[2];
        int need = gdf_stationary_needs_work(p);
        r->stationary = gdf_stationary(p, out->theta + (size_t)(out->n - 1) * (size_t)pl.stride,
                                       need ? work : NULL, need ? iwork : NULL, lam);
        r->lam_min = lam[0];
    }
    set_message(s, ts, nt, r);
    return GDF_OK;
}

int gdf_gf_convexity(const gdf_problem *p, double f_star)
{
    /* gdf_eig_tol: the one rule for "an eigenvalue counts as negative"
     * (a tolerance made infinite by an infinite L counts as 0, as before) */
    double tol = gdf_eig_tol(p->L, p->mu);
    int indef = isfinite(p->mu) && p->mu < -(isfinite(tol) ? tol : 0.0);
    if (f_star == -INFINITY)
        return indef ? GDF_GFS_UNBOUNDED_INDEF : GDF_GFS_UNBOUNDED;
    return indef ? GDF_GFS_NONCONVEX : GDF_GFS_CONVEX_OK;
}
