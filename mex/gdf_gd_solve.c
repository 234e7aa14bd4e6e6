/* gdf_gd_solve.c - gd_run's policy, in the library where C tests reach it:
 * the default step rules and momenta from L and mu, the proximal point
 * method through the implicit integrator, the second-order check of a
 * GradTol stop, and the small decisions the gateway used to make itself
 * (the divergence explanation, the convexity warning, the batch path).
 * The gateway parses options into a gdf_gd_spec, calls these functions,
 * and turns their codes into gdflow:gd_run:* errors.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_gf.h"

static const char *METHOD_NAMES[] = {"gd", "heavyball", "nesterov", "proximal", "natural", "sgd"};

const char *gdf_gd_method_name(int method)
{
    return method >= GDF_GDM_GD && method <= GDF_GDM_SGD ? METHOD_NAMES[method] : "unknown";
}

static int known_L(double L) { return isfinite(L) && L > 0.0; }

/* the step rule: fills o->step_rule, o->eta, *fixed and *step_name */
static int resolve_step(const gdf_gd_spec *s, gdf_gd_opts *o, const char **step_name)
{
    const double L = s->L, mu = s->mu;
    const int kn = known_L(L) && isfinite(mu) && mu > 0.0;
    int rule = s->step_rule;
    if (rule == GDF_RULE_DEFAULT) {
        if (s->method == GDF_GDM_NATURAL) {
            o->eta = 1.0; /* the natural step: exact for a quadratic with G = A */
            *step_name = "fixed";
            rule = GDF_RULE_FIXED;
        } else if (s->method == GDF_GDM_HEAVYBALL && kn) {
            o->eta = 4.0 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu)));
            *step_name = "4/(sqrt(L)+sqrt(mu))^2";
            rule = GDF_RULE_FIXED;
        } else if (s->method == GDF_GDM_PROXIMAL) {
            if (!known_L(L))
                return GDF_GDS_PROX_NOL;
            o->eta = 1.0 / L;
            *step_name = "1/L";
            rule = GDF_RULE_FIXED;
        } else {
            rule = known_L(L) ? GDF_RULE_INVL : GDF_RULE_BACKTRACK;
        }
    } else if (rule == GDF_RULE_FIXED) {
        o->eta = s->step;
        *step_name = "fixed";
    }
    if (rule == GDF_RULE_FIXED) {
        o->step_rule = GDF_STEP_FIXED;
    } else if (rule == GDF_RULE_INVL) {
        if (!known_L(L))
            return GDF_GDS_INVL_NOL;
        if (s->method == GDF_GDM_NATURAL)
            return GDF_GDS_NATURAL_RULE;
        o->step_rule = GDF_STEP_FIXED;
        o->eta = 1.0 / L;
        *step_name = "1/L";
    } else if (rule == GDF_RULE_TWOLMU) {
        if (!kn)
            return GDF_GDS_TWOLMU_NOL;
        if (s->method == GDF_GDM_NATURAL)
            return GDF_GDS_NATURAL_RULE;
        o->step_rule = GDF_STEP_FIXED;
        o->eta = 2.0 / (L + mu);
        *step_name = "2/(L+mu)";
    } else {
        if (s->method != GDF_GDM_GD && s->method != GDF_GDM_NESTEROV)
            return GDF_GDS_BACKTRACK_METHOD;
        o->step_rule = GDF_STEP_ARMIJO;
        o->eta = !isnan(s->init_step) ? s->init_step : (known_L(L) ? 1.0 / L : 1.0);
        *step_name = "backtracking";
    }
    return GDF_GDS_OK;
}

/* momentum: given, or the classical choices from L and mu */
static int resolve_momentum(const gdf_gd_spec *s, gdf_gd_opts *o)
{
    const double L = s->L, mu = s->mu;
    const double sk = (known_L(L) && isfinite(mu) && mu > 0.0) ? sqrt(L / mu) : NAN;
    o->method = s->method == GDF_GDM_HEAVYBALL ? GDF_GD_HEAVYBALL : GDF_GD_NESTEROV;
    if (s->momentum_kind == GDF_MOM_INVALID ||
        (s->momentum_kind == GDF_MOM_VALUE && !(s->momentum >= 0.0 && s->momentum < 1.0)))
        return GDF_GDS_BAD_MOMENTUM;
    if (s->momentum_kind == GDF_MOM_SCHEDULE) {
        if (s->method == GDF_GDM_HEAVYBALL)
            return GDF_GDS_HB_SCHEDULE;
        o->momentum = NAN;
        o->momentum_schedule = 1;
    } else if (s->momentum_kind == GDF_MOM_VALUE) {
        o->momentum = s->momentum;
        o->momentum_schedule = 0;
    } else if (s->method == GDF_GDM_HEAVYBALL) {
        o->momentum = isfinite(sk) ? ((sk - 1.0) / (sk + 1.0)) * ((sk - 1.0) / (sk + 1.0)) : 0.9;
    } else if (isfinite(sk)) {
        o->momentum = (sk - 1.0) / (sk + 1.0);
    } else {
        o->momentum_schedule = 1;
    }
    return GDF_GDS_OK;
}

int gdf_gd_resolve(const gdf_gd_spec *s, gdf_gd_opts *o, const char **step_name)
{
    int code;
    *step_name = NULL;
    code = resolve_step(s, o, step_name);
    if (code != GDF_GDS_OK)
        return code;
    if (s->method == GDF_GDM_HEAVYBALL || s->method == GDF_GDM_NESTEROV)
        return resolve_momentum(s, o);
    return GDF_GDS_OK;
}

const char *gdf_gd_spec_id(int code)
{
    return code == GDF_GDS_PROX_NOL || code == GDF_GDS_INVL_NOL || code == GDF_GDS_TWOLMU_NOL
               ? "noLipschitz"
               : "badOption";
}

const char *gdf_gd_spec_message(int code, int method, char *buf, size_t n)
{
    const char *s;
    switch (code) {
    case GDF_GDS_OK:
        s = "no error.";
        break;
    case GDF_GDS_PROX_NOL:
        s = "Method 'proximal' needs a StepSize (any positive number: it is stable for all of them).";
        break;
    case GDF_GDS_INVL_NOL:
        s = "StepSize '1/L' needs the Lipschitz constant L of the gradient, which "
            "this problem does not know; give a number or 'backtracking'.";
        break;
    case GDF_GDS_TWOLMU_NOL:
        s = "StepSize '2/(L+mu)' needs L and a strong convexity modulus mu > 0, "
            "which this problem does not know; give a number or 'backtracking'.";
        break;
    case GDF_GDS_NATURAL_RULE:
        s = "Method 'natural' takes a numeric StepSize (default 1).";
        break;
    case GDF_GDS_BACKTRACK_METHOD:
        snprintf(buf, n, "StepSize 'backtracking' is available for Method 'gd' "
                         "and 'nesterov'; give Method '%s' a number.", gdf_gd_method_name(method));
        return buf;
    case GDF_GDS_HB_SCHEDULE:
        s = "Momentum 'schedule' is Nesterov's (k-1)/(k+2); heavy ball takes a number.";
        break;
    case GDF_GDS_PROX_MAXITER:
        s = "Method 'proximal' needs a finite MaxIter (at most 1e8).";
        break;
    case GDF_GDS_BAD_MOMENTUM:
        s = "option Momentum must be a number in [0, 1) or 'schedule'.";
        break;
    default:
        s = "unknown code.";
        break;
    }
    snprintf(buf, n, "%s", s);
    return buf;
}

/* ------------------------------------------------------------------ */
/* the proximal point method                                           */
/* ------------------------------------------------------------------ */
int gdf_gd_proximal_check(const gdf_gd_opts *o)
{
    return o->max_iter >= GDF_GD_PROX_MAXITER ? GDF_GDS_PROX_MAXITER : GDF_GDS_OK;
}

size_t gdf_gd_proximal_work(const gdf_problem *p)
{
    size_t nw = gdf_gf_work(p->d, GDF_GF_IMPLICIT, p);
    if (nw == (size_t)-1)
        return nw;
    return (nw > (size_t)p->d ? nw : (size_t)p->d) + 1;
}

size_t gdf_gd_proximal_iwork(const gdf_problem *p)
{
    return gdf_gf_iwork(p->d, GDF_GF_IMPLICIT, p) + 1;
}

int gdf_gd_proximal(gdf_problem *p, double *theta, const gdf_gd_opts *o, double *t, double *th,
                    double *f, double *gnorm, long *n_out, double *work, void *iwork,
                    gdf_gd_result *r, const char **why_text)
{
    const ptrdiff_t d = p->d;
    const long K = o->max_iter;
    gdf_gf_opts go;
    gdf_gf_out out;
    gdf_gf_result gr;
    double tspan[2];
    long n;
    int st;
    if (why_text)
        *why_text = NULL;
    memset(r, 0, sizeof *r);
    if (gdf_gd_proximal_check(o) != GDF_GDS_OK)
        return GDF_EARG;
    gdf_gf_defaults(&go);
    go.method = GDF_GF_IMPLICIT;
    go.h = o->eta;
    go.grad_tol = o->grad_tol;
    if (o->exact_iter)
        go.stationary = 0; /* a fixed-length run: every step, even at rest */
    go.max_time = o->max_time;
    go.max_steps = K;
    tspan[0] = 0.0;
    tspan[1] = (double)(K > 0 ? K : 1) * o->eta;
    memset(&out, 0, sizeof out);
    out.cap = K + 1;
    out.t = t;
    out.theta = th;
    out.f = f;
    out.gnorm = gnorm;
    if (K == 0) { /* theta_0 alone (the flow would take one step) */
        gdf_eval(p, theta, f, work);
        t[0] = 0.0;
        memcpy(th, theta, (size_t)d * sizeof(double));
        gnorm[0] = gdf_nrm2(d, work);
        out.n = 1;
        memset(&gr, 0, sizeof gr);
        gr.exitflag = 0;
        gr.why = GDF_GF_WHY_MAXSTEPS;
    } else {
        st = gdf_gf_run(p, theta, tspan, 2, &go, &out, work, iwork, &gr);
        if (st != GDF_OK) {
            if (why_text)
                *why_text = gdf_gf_why_message(gr.why);
            return st;
        }
    }
    n = out.n;
    if (n == 0) { /* f(theta0) non-finite: the flow keeps nothing; entry 0 is theta0 */
        t[0] = 0.0;
        memcpy(th, theta, (size_t)d * sizeof(double));
        gdf_eval(p, theta, f, work);
        gnorm[0] = gdf_nrm2(d, work);
        n = 1;
    }
    r->iterations = n - 1;
    r->f = f[n - 1];
    r->gnorm = gnorm[n - 1];
    r->nfevals = gr.nfevals;
    r->time = gr.time;
    if (!o->exact_iter && (gr.exitflag == 2 || (n == 1 && gnorm[0] <= o->grad_tol))) {
        r->exitflag = GDF_EXIT_GRADTOL;
        r->why = GDF_WHY_GRADTOL;
    } else if (gr.exitflag == -2) {
        r->exitflag = GDF_EXIT_DIVERGED;
        r->why = GDF_WHY_NONFINITE;
    } else {
        r->exitflag = GDF_EXIT_MAXITER;
        r->why = gr.why == GDF_GF_WHY_MAXTIME ? GDF_WHY_MAXTIME : GDF_WHY_MAXITER;
    }
    memcpy(theta, th + (size_t)(n - 1) * (size_t)d, (size_t)d * sizeof(double));
    *n_out = n;
    return GDF_OK;
}

/* ------------------------------------------------------------------ */
/* the entry point                                                     */
/* ------------------------------------------------------------------ */
size_t gdf_gd_solve_work(const gdf_problem *p, int method, ptrdiff_t m, long max_iter, int flags)
{
    if (flags & GDF_SOLVE_BATCH)
        return gdf_gd_batch_work(p->d, m);
    if (method == GDF_GDM_PROXIMAL) {
        size_t nw = gdf_gd_proximal_work(p);
        if (nw == (size_t)-1 || max_iter < 0 || max_iter >= GDF_GD_PROX_MAXITER)
            return (size_t)-1;
        return nw + (size_t)max_iter + 1; /* and t: max_iter + 1 entries */
    }
    return gdf_gd_work(p->d);
}

size_t gdf_gd_solve_iwork(const gdf_problem *p, int method)
{
    return method == GDF_GDM_PROXIMAL ? gdf_gd_proximal_iwork(p) : 1;
}

static int nonfinite_start(const gdf_gd_result *r)
{
    return r->iterations == 0 && r->why == GDF_WHY_NONFINITE && !(isfinite(r->f) && isfinite(r->gnorm));
}

int gdf_gd_solve(gdf_problem *p, int method, const gdf_gd_opts *o, ptrdiff_t m, double *theta,
                 gdf_history *h, int flags, double *work, void *iwork, gdf_gd_result *r,
                 ptrdiff_t *done, const char **why_text)
{
    const ptrdiff_t d = p->d;
    ptrdiff_t j;
    int st = GDF_OK;
    if (why_text)
        *why_text = NULL;
    *done = 0;
    if (flags & GDF_SOLVE_BATCH) {
        st = gdf_gd_batch(p, m, theta, o, h, work, r);
        *done = m;
        return st;
    }
    if (method == GDF_GDM_PROXIMAL && !h)
        return GDF_EARG;
    for (j = 0; j < m; j++) {
        double *th = theta + j * d;
        *done = j + 1;
        if (method == GDF_GDM_PROXIMAL) {
            long n = 0;
            size_t nw = gdf_gd_proximal_work(p);
            st = gdf_gd_proximal(p, th, o, work + nw, h[j].theta, h[j].f, h[j].gnorm, &n, work, iwork,
                                 &r[j], why_text);
        } else {
            st = gdf_gd_run(p, th, o, h ? &h[j] : NULL, work, &r[j]);
        }
        if (st != GDF_OK)
            return st;
        if ((flags & GDF_SOLVE_STOP_NONFINITE) && nonfinite_start(&r[j]))
            return GDF_OK;
    }
    return GDF_OK;
}

/* ------------------------------------------------------------------ */
/* small decisions                                                     */
/* ------------------------------------------------------------------ */
int gdf_gd_classify(gdf_problem *p, const double *theta, gdf_gd_result *r, double *work,
                    void *iwork, double *lam)
{
    int kind;
    if (r->why != GDF_WHY_GRADTOL)
        return GDF_STAT_NONE;
    kind = gdf_stationary(p, theta, work, iwork, lam);
    if (kind == GDF_STAT_SADDLE || kind == GDF_STAT_MAXIMUM) {
        r->exitflag = GDF_EXIT_SADDLE;
        r->why = kind == GDF_STAT_SADDLE ? GDF_WHY_SADDLE : GDF_WHY_MAXIMUM;
    }
    return kind;
}

int gdf_gd_step_unstable(int method, int fixed, double eta, double L, double *limit)
{
    *limit = known_L(L) ? 2.0 / L : NAN;
    return fixed && method == GDF_GDM_GD && known_L(L) && eta >= 2.0 / L;
}

int gdf_gd_nonconvex(double L, double mu)
{
    double tol = gdf_eig_tol(L, mu);
    if (!isfinite(tol)) /* L infinite or NaN: no scale, the sign alone */
        tol = 0.0;
    return isfinite(mu) && mu < -tol;
}

long gdf_gd_block_cap(int method, ptrdiff_t d, ptrdiff_t m, long max_iter, int hist)
{
    double per = max_iter < LONG_MAX ? (double)max_iter + 1.0 : 0.0;
    double cells = per * (double)m * (hist == 2 ? (double)d + 3.0 : 3.0);
    return (m > 1 && hist != 0 && method != GDF_GDM_PROXIMAL && per > 0.0 && cells <= 16777216.0)
               ? (long)per
               : 0;
}

int gdf_gd_use_batch(int method, int fixed, int monitored, ptrdiff_t m, int hist, long block_cap)
{
    return m > 1 && method == GDF_GDM_GD && fixed && !monitored && (hist == 0 || block_cap > 0);
}
