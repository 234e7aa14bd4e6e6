/* gdf_gd.c - the gradient descent driver of gdflow.
 *
 *   theta_{k+1} = theta_k - eta_k grad f(theta_k)
 *
 * with a fixed step or Armijo backtracking, the stopping rules of
 * gd_run (GradTol, StepTol, FunTol, MaxIter, MaxTime, OutputFcn) and
 * divergence detection (non-finite values, f rising past DivergenceLimit).
 * The loop allocates nothing: scratch comes from the caller, history is
 * written straight into the caller's arrays.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_quad_lanes.h"

void gdf_gd_defaults(gdf_gd_opts *o)
{
    memset(o, 0, sizeof *o);
    o->step_rule = GDF_STEP_FIXED;
    o->eta = 1e-3;
    o->armijo_c = 1e-4;
    o->armijo_shrink = 0.5;
    o->armijo_maxtries = 60;
    o->max_iter = 1000;
    o->grad_tol = 1e-8;
    o->fun_tol = 0.0;
    o->step_tol = 0.0;
    o->max_time = INFINITY;
    o->div_limit = 1e8;
    o->monitor = NULL;
    o->mctx = NULL;
    o->method = GDF_GD_PLAIN;
    o->momentum = 0.0;
    o->momentum_schedule = 0;
    o->exact_iter = 0;
}

void gdf_gd_fixed_length(gdf_gd_opts *o, long n)
{
    o->max_iter = n;
    o->exact_iter = 1;
    o->grad_tol = 0.0;
    o->fun_tol = 0.0;
    o->step_tol = 0.0;
    o->div_limit = INFINITY;
}

size_t gdf_gd_work(ptrdiff_t d)
{
    /* g, xn, gn; momentum: previous iterate, y and grad f(y) */
    return 6 * (size_t)(d > 0 ? d : 1);
}

/* Store iterate k into the history, growing it when needed.
 * Returns 0, or nonzero when the history cannot grow. */
static int record(gdf_history *h, ptrdiff_t d, long k, const double *theta, double f,
                  double gnorm, double eta)
{
    if (!h)
        return 0;
    if (k >= h->cap) {
        if (!h->grow || h->grow(h->hctx, k + 1, h) || k >= h->cap)
            return 1;
    }
    {
        size_t at = (size_t)k * (size_t)(h->stride > 0 ? h->stride : 1);
        if (h->f)
            h->f[at] = f;
        if (h->gnorm)
            h->gnorm[at] = gnorm;
        if (h->eta)
            h->eta[at] = eta;
    }
    if (h->theta)
        memcpy(h->theta + (size_t)k * (size_t)d, theta, (size_t)d * sizeof(double));
    return 0;
}

static int isfin(double x) { return x - x == 0.0; } /* not finite(): glibc declares one */

/* (xn - base).(gb + gn) / 2: the trapezoid rule for f(xn) - f(base) along
 * the segment, from the gradients at its ends (exact for a quadratic) */
static double trapezoid(ptrdiff_t d, const double *xn, const double *base, const double *gb,
                        const double *gn)
{
    double s = 0.0;
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        s += (xn[i] - base[i]) * (gb[i] + gn[i]);
    return 0.5 * s;
}

/* 1 when x equals y bitwise-as-numbers in every component */
static int same_point(ptrdiff_t d, const double *x, const double *y)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

/* 1 when the trial point xn does not change base at working precision:
 * ||xn - base||_inf <= eps max(||base||_inf, DBL_MIN) (the infinity norms
 * cannot overflow or underflow as a sum of squares could) */
static int below_rounding(ptrdiff_t d, const double *xn, const double *base)
{
    double dmax = 0.0, bmax = DBL_MIN;
    ptrdiff_t i;
    for (i = 0; i < d; i++) {
        double di = fabs(xn[i] - base[i]), bi = fabs(base[i]);
        if (!(di <= dmax)) /* also catches NaN: not below rounding */
            dmax = di;
        if (bi > bmax)
            bmax = bi;
    }
    return dmax <= DBL_EPSILON * bmax;
}

/* Armijo backtracking from the last accepted step, doubled; for Nesterov the
 * condition of Beck and Teboulle's FISTA, f(y - t g) <= f(y) - t/2 ||g||^2,
 * with t non-increasing within one momentum sequence (reset at a restart).
 * Once the step is below rounding, xn == base, fn == fb and the test passes
 * with nothing gained (and a wrong-sign gradient is "accepted"): a trial
 * that no longer changes the point ends the search as a failure (rounded).
 * A strict fn < fb is NOT required: at f's rounding floor a step that moves
 * theta without changing f is progress. There, where f(xn) - f(base) is lost
 * in rounding (|fn - fb| <= band), the decrease is judged from the gradients
 * alone (Hager & Zhang's approximate Wolfe idea; the f test would pass on
 * noise, accepting steps that overshoot): the trapezoid estimate (xn -
 * base).(gb + gn)/2, exact for a quadratic, must show the sufficient
 * decrease; fn must stay within band of the best f seen, so a wrong gradient
 * can move f up by rounding noise at most.
 * One trial step after another from base (gradient gb, value fb, g2 =
 * ||gb||^2), eta shrunk by armijo_shrink after each rejected trial: *ok = 1
 * when xn (value *fn, gradient gn) is accepted, *rounded = 1 when the trial
 * stopped changing the point.  Returns GDF_OK or a failing evaluation's
 * status. */
static int armijo_search(gdf_problem *p, const gdf_gd_opts *o, const double *base, const double *gb,
                         double fb, double g2, double fbest, double *eta_io, double *xn, double *fn,
                         double *gn, int *ok, int *rounded)
{
    const ptrdiff_t d = p->d;
    const double c_armijo = o->method == GDF_GD_NESTEROV ? 0.5 : o->armijo_c;
    const double band = GDF_GD_FNOISE * DBL_EPSILON * fabs(fb);
    double eta = *eta_io;
    int tries, status = GDF_OK;
    ptrdiff_t i;
    *ok = *rounded = 0;
    for (tries = 0; tries < o->armijo_maxtries; tries++) {
        for (i = 0; i < d; i++)
            xn[i] = base[i] - eta * gb[i];
        if (below_rounding(d, xn, base)) {
            *rounded = 1;
            break;
        }
        status = gdf_eval(p, xn, fn, gn);
        if (status != GDF_OK)
            break;
        if (isfin(*fn) && gdf_all_finite(d, gn) &&
            (fabs(*fn - fb) > band ? *fn <= fb - c_armijo * eta * g2
                                   : (*fn <= fbest + band &&
                                      trapezoid(d, xn, base, gb, gn) <= -c_armijo * eta * g2))) {
            *ok = 1;
            break;
        }
        eta *= o->armijo_shrink;
    }
    *eta_io = eta;
    return status;
}

/* The momentum coefficient of step k (k0: where the momentum sequence
 * (re)started): 0 for plain GD and at the first step of a sequence,
 * Nesterov's (k-k0-1)/(k-k0+2) with the schedule, o->momentum otherwise. */
static double momentum_at(const gdf_gd_opts *o, long k, long k0)
{
    if (o->method == GDF_GD_PLAIN || k <= k0)
        return 0.0;
    if (o->method == GDF_GD_NESTEROV && o->momentum_schedule)
        return (double)(k - k0 - 1) / (double)(k - k0 + 2);
    return o->momentum;
}

/* The stopping rules of gd_run, one copy for gdf_gd_run and gdf_gd_batch.
 * GD_BEFORE_STEP, at iterate k: GradTol, MaxIter, MaxFunEvals (nfev fg calls
 * made so far by this run), MaxTime (in this order).
 * GD_AFTER_STEP, once iterate k (value fn, gradient norm gnorm) is taken
 * after f: DivergenceLimit (f rose past div_limit max(1, |f0|)), the
 * monitor (OutputFcn, Display 'iter': called only when no rule before it
 * fired), StepTol (step <= step_tol (1 + tn), tn = ||theta_{k-1}||), FunTol
 * (|f - fn| <= fun_tol (1 + |f|)).  Returns the reason (GDF_WHY_*), 0 to go
 * on; gdf_why_exitflag gives its exit flag. */
enum { GD_BEFORE_STEP, GD_AFTER_STEP };
typedef struct {
    long k, nfev;
    double gnorm;
    int out_of_time;          /* before a step: the MaxTime clock ran out */
    double f, fn, f0;         /* after a step: previous, new, first value */
    double step, tn, eta;
    const double *theta;      /* the new iterate (for the monitor) */
} gd_state;

/* inlined at each call: the phase is a constant there, so one branch is
 * left, and the state's fields stay in registers (out of line, the call and
 * the stores cost a third of a 2-D iteration) */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int gd_stop_test(const gdf_gd_opts *o, int phase, const gd_state *s)
{
    if (phase == GD_BEFORE_STEP) {
        if (s->gnorm <= o->grad_tol && !o->exact_iter)
            return GDF_WHY_GRADTOL;
        if (s->k >= o->max_iter)
            return GDF_WHY_MAXITER;
        if (o->max_fevals > 0 && s->nfev >= o->max_fevals)
            return GDF_WHY_MAXFEVALS;
        if (s->out_of_time)
            return GDF_WHY_MAXTIME;
        return 0;
    }
    if (s->fn - s->f0 > o->div_limit * (fabs(s->f0) > 1.0 ? fabs(s->f0) : 1.0))
        return GDF_WHY_DIVLIMIT;
    if (o->monitor && o->monitor(o->mctx, s->k, s->theta, s->fn, s->gnorm, s->eta))
        return GDF_WHY_OUTPUTFCN;
    if (o->step_tol > 0.0 && s->step <= o->step_tol * (1.0 + s->tn))
        return GDF_WHY_STEPTOL;
    if (o->fun_tol > 0.0 && fabs(s->f - s->fn) <= o->fun_tol * (1.0 + fabs(s->f)))
        return GDF_WHY_FUNTOL;
    return 0;
}

int gdf_gd_run(gdf_problem *p, double *theta, const gdf_gd_opts *o, gdf_history *h,
               double *work, gdf_gd_result *r)
{
    const ptrdiff_t d = p->d;
    double *g = work, *xn = work + d, *gn = work + 2 * d, *tmp;
    double *prev = work + 3 * d, *y = work + 4 * d, *gy = work + 5 * d;
    const double *base, *gb;
    double fb, beta;
    double f, fn = 0.0, f0, gnorm, eta = o->eta, t_start = gdf_now();
    gdf_timer timer = gdf_timer_make(o->max_time, t_start);
    long k = 0, k0 = 0, nf0 = p->nfevals; /* k0: where the momentum sequence (re)started */
    int status, exitflag, why;
    const int restart = o->method == GDF_GD_NESTEROV && o->step_rule == GDF_STEP_ARMIJO;
    /* fixed step: consecutive iterations at a floating-point fixed point */
    long stuck = 0;
    double fbest; /* the lowest f accepted: anchors the rounding-level test */
    const int stuck_stops = !o->exact_iter && (o->grad_tol > 0.0 || o->max_iter == LONG_MAX);
    ptrdiff_t i;

    memset(r, 0, sizeof *r);
    status = gdf_eval(p, theta, &f, g);
    if (status != GDF_OK)
        return status;
    gnorm = gdf_nrm2(d, g);
    f0 = f;
    fbest = f;
    if (o->method != GDF_GD_PLAIN)
        memcpy(prev, theta, (size_t)d * sizeof(double)); /* theta_{-1} = theta_0 */
    if (!isfin(f) || !isfin(gnorm)) {
        record(h, d, 0, theta, f, gnorm, NAN);
        exitflag = GDF_EXIT_DIVERGED;
        why = GDF_WHY_NONFINITE;
        goto done;
    }
    if (record(h, d, 0, theta, f, gnorm, NAN)) {
        exitflag = GDF_EXIT_MAXITER;
        why = GDF_WHY_MAXITER;
        goto done;
    }
    if (o->monitor && o->monitor(o->mctx, 0, theta, f, gnorm, NAN)) {
        exitflag = GDF_EXIT_OUTPUTFCN;
        why = GDF_WHY_OUTPUTFCN;
        goto done;
    }
    for (;;) {
        double step;
        gd_state s;
        s.k = k;
        s.nfev = p->nfevals - nf0;
        s.gnorm = gnorm;
        /* the clock only when GradTol and MaxIter have not stopped the run */
        s.out_of_time = gnorm > o->grad_tol && k < o->max_iter && gdf_timer_expired(&timer, k);
        why = gd_stop_test(o, GD_BEFORE_STEP, &s);
        if (why) {
            exitflag = gdf_why_exitflag(why);
            break;
        }
        if (h && k + 1 >= h->cap &&
            (!h->grow || h->grow(h->hctx, k + 2, h) || k + 1 >= h->cap)) {
            exitflag = GDF_EXIT_MAXITER; /* no room for the next iterate */
            why = GDF_WHY_MAXITER;
            break;
        }
        /* the point the step starts from: theta, or Nesterov's look-ahead y */
        base = theta;
        gb = g;
        fb = f;
        beta = momentum_at(o, k, k0);
        if (o->method == GDF_GD_NESTEROV) {
            for (i = 0; i < d; i++)
                y[i] = theta[i] + beta * (theta[i] - prev[i]);
            status = gdf_eval(p, y, &fb, gy);
            if (status != GDF_OK)
                goto fail;
            if (!isfin(fb) || !gdf_all_finite(d, gy)) {
                exitflag = GDF_EXIT_DIVERGED;
                why = GDF_WHY_NONFINITE;
                break;
            }
            base = y;
            gb = gy;
        }
        if (o->step_rule == GDF_STEP_FIXED) {
            if (o->method == GDF_GD_HEAVYBALL)
                for (i = 0; i < d; i++)
                    xn[i] = theta[i] - eta * g[i] + beta * (theta[i] - prev[i]);
            else
                for (i = 0; i < d; i++)
                    xn[i] = base[i] - eta * gb[i];
            /* a floating-point fixed point: every further iteration would
             * compute the same theta again (with momentum: only once the
             * previous iterate is the same point too) */
            if (stuck_stops && same_point(d, xn, theta) &&
                (o->method == GDF_GD_PLAIN || same_point(d, theta, prev))) {
                if (++stuck > GDF_GD_STUCK) {
                    exitflag = GDF_EXIT_STEPTOL;
                    why = GDF_WHY_STEPROUND;
                    break;
                }
            } else {
                stuck = 0;
            }
            status = gdf_eval(p, xn, &fn, gn);
            if (status != GDF_OK)
                goto fail;
            if (!isfin(fn) || !gdf_all_finite(d, gn)) {
                exitflag = GDF_EXIT_DIVERGED;
                why = GDF_WHY_NONFINITE;
                break;
            }
        } else { /* Armijo backtracking (armijo_search) */
            int ok, rounded;
            status = armijo_search(p, o, base, gb, fb, gb == g ? gnorm * gnorm : gdf_dot(d, gb, gb), fbest,
                                   &eta, xn, &fn, gn, &ok, &rounded);
            if (status != GDF_OK)
                goto fail;
            if (ok && restart && k > k0 && fn - f > GDF_GD_FNOISE * DBL_EPSILON * fabs(f)) {
                /* adaptive restart (O'Donoghue & Candes): the momentum took
                 * f uphill; reject the step, restart from theta */
                memcpy(prev, theta, (size_t)d * sizeof(double));
                k0 = k;
                eta = o->eta;
                continue;
            }
            if (!ok && restart && k > k0) {
                /* the search failed from a look-ahead point: the failure may
                 * be the momentum's; retry once from theta itself */
                memcpy(prev, theta, (size_t)d * sizeof(double));
                k0 = k;
                eta = o->eta;
                continue;
            }
            if (!ok) {
                exitflag = GDF_EXIT_STEPTOL;
                why = rounded ? GDF_WHY_STEPROUND : GDF_WHY_LINESEARCH;
                break;
            }
        }
        if (o->method == GDF_GD_PLAIN) {
            step = eta * gnorm;
        } else {
            double s2 = 0.0;
            for (i = 0; i < d; i++)
                s2 += (xn[i] - theta[i]) * (xn[i] - theta[i]);
            step = sqrt(s2);
        }
        k++;
        {
            double tn = 0.0;
            if (o->step_tol > 0.0)
                tn = gdf_nrm2(d, theta);
            if (o->method != GDF_GD_PLAIN)
                memcpy(prev, theta, (size_t)d * sizeof(double));
            memcpy(theta, xn, (size_t)d * sizeof(double));
            tmp = g;
            g = gn;
            gn = tmp;
            gnorm = gdf_nrm2(d, g);
            if (record(h, d, k, theta, fn, gnorm, eta)) {
                f = fn;
                exitflag = GDF_EXIT_MAXITER;
                why = GDF_WHY_MAXITER;
                break;
            }
            s.k = k;
            s.gnorm = gnorm;
            s.f = f;
            s.fn = fn;
            s.f0 = f0;
            s.step = step;
            s.tn = tn;
            s.eta = eta;
            s.theta = theta;
            why = gd_stop_test(o, GD_AFTER_STEP, &s);
            f = fn;
            if (why) {
                exitflag = gdf_why_exitflag(why);
                break;
            }
            if (fn < fbest)
                fbest = fn;
        }
        if (o->step_rule == GDF_STEP_ARMIJO && o->method != GDF_GD_NESTEROV)
            eta /= o->armijo_shrink; /* let the next trial grow again */
    }
    status = GDF_OK;
    goto done;
fail: /* a failing evaluation (status): reported as non-finite */
    exitflag = GDF_EXIT_DIVERGED;
    why = GDF_WHY_NONFINITE;
done:
    /* the gradient for the returned theta is in g; nothing else to restore */
    r->iterations = k;
    r->exitflag = exitflag;
    r->why = why;
    r->f = f;
    r->gnorm = gnorm;
    r->nfevals = p->nfevals - nf0;
    r->time = gdf_now() - t_start;
    return status;
}

/* ------------------------------------------------------------------ */
/* many starts at once                                                 */
/* ------------------------------------------------------------------ */
size_t gdf_gd_batch_work(ptrdiff_t d, ptrdiff_t m)
{
    /* G, XN, GN (d x m each), f, fn, gnorm, f0 (m each), state (m), stuck
     * (m), ||g||^2 (m), and the lane kernel's blocks (gdf_quad_fg_lanes) */
    return (size_t)(d > 0 ? d : 1) * (size_t)m * 3 + 7 * (size_t)m + gdf_quad_fg_lanes_work(d);
}

/* the lane kernel serves this problem (batch_eval) */
static int batch_lanes(const gdf_problem *p)
{
    const gdf_quad *q = (const gdf_quad *)p->dense_quad;
    return q && q->d == p->d && p->fg_batch && gdf_quad_lanes_applies(q);
}

/* f and G at the m columns of X.  A dense quadratic of medium size (the
 * single run's gdf_symv_lower) goes through the lane kernel, which gives
 * each column the bits of its single evaluation (a dgemm does not: the
 * starts would agree with their single runs only to rounding) and ||g||^2
 * in g2; Ctrl-C is then polled by a zero-column fg_batch call, as in
 * gdf_gd_batchq. */
static int batch_eval(gdf_problem *p, ptrdiff_t m, const double *X, double *f, double *G, double *g2,
                      double *lw)
{
    ptrdiff_t c, d = p->d;
    const gdf_quad *q = (const gdf_quad *)p->dense_quad;
    if (batch_lanes(p)) {
        int st = p->fg_batch(p->ctx, 0, X, NULL, G);
        if (st != GDF_OK)
            return st;
        p->nfevals += m;
        gdf_quad_fg_lanes(q, m, X, f, G, g2, lw);
        return GDF_OK;
    }
    if (p->fg_batch) {
        p->nfevals += m;
        return p->fg_batch(p->ctx, m, X, f, G);
    }
    for (c = 0; c < m; c++) {
        int s = gdf_eval(p, X + c * d, f + c, G + c * d);
        if (s != GDF_OK)
            return s;
    }
    return GDF_OK;
}

/* entry k of start c in the batch history (f, gnorm at c + k st; theta at
 * (c cap + k) d); h may be NULL */
static void batch_record(gdf_history *h, ptrdiff_t st, ptrdiff_t d, ptrdiff_t c, long k, double f,
                         double gnorm, const double *x)
{
    if (!h)
        return;
    if (h->f)
        h->f[c + (size_t)k * (size_t)st] = f;
    if (h->gnorm)
        h->gnorm[c + (size_t)k * (size_t)st] = gnorm;
    if (h->theta)
        memcpy(h->theta + ((size_t)c * (size_t)h->cap + (size_t)k) * (size_t)d, x, (size_t)d * sizeof(double));
}

int gdf_gd_batch(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o, gdf_history *h,
                 double *work, gdf_gd_result *r)
{
    const ptrdiff_t d = p->d;
    double *Xc = X, *G = work, *XN = work + d * m, *GN = work + 2 * d * m, *tmp;
    double *f = work + 3 * d * m, *fn = f + m, *gn = f + 2 * m, *f0 = f + 3 * m;
    double *active = f + 4 * m; /* 1.0 while the start runs */
    double *stuck = f + 5 * m;  /* consecutive steps that left the column unchanged */
    double *g2 = f + 6 * m;     /* ||g||^2 from the lane kernel */
    double *lw = f + 7 * m;     /* the lane kernel's blocks */
    /* ||g|| (gdf_nrm2, a BLAS call beyond 32 entries) only where a rule or
     * the history needs it: with the lane kernel's ||g||^2, a column whose
     * ||g||^2 is in sqrt's safe range and above GradTol^2 (1 + 1e-10) can
     * pass no GradTol test, and its entries are finite; gn[c] is then NaN
     * until the column stops (then it is taken as a single run has it) */
    const int lazy = batch_lanes(p) && !(h && h->gnorm) && !(o->step_tol > 0.0);
    double g2cand = o->grad_tol >= 0.0 ? o->grad_tol * o->grad_tol * (1.0 + 1e-10) : -1.0, lo2;
    const int stuck_stops = !o->exact_iter && (o->grad_tol > 0.0 || o->max_iter == LONG_MAX);
    const double eta = o->eta, t_start = gdf_now();
    double t_end;
    gdf_timer timer = gdf_timer_make(o->max_time, t_start);
    const ptrdiff_t st = h && h->stride > 0 ? h->stride : m;
    long k = 0;
    ptrdiff_t c, i, nact = m;
    int status, why;
    gd_state s;

    if (o->step_rule != GDF_STEP_FIXED || o->method != GDF_GD_PLAIN || o->monitor)
        return GDF_EARG;
    if (h && h->cap < (o->max_iter < 0x7fffffffL ? o->max_iter + 1 : 0x7fffffffL))
        return GDF_ESIZE;
    if (gdf_gd_batchq_applies(p, o)) /* a small dense quadratic: the fused kernel */
        return gdf_gd_batchq(p, m, X, o, h, r);
    memset(r, 0, (size_t)m * sizeof *r);
    if (g2cand != g2cand)
        g2cand = INFINITY;
    lo2 = g2cand > 1e-280 ? g2cand : 1e-280;
    status = batch_eval(p, m, Xc, f, G, g2, lw);
    if (status != GDF_OK)
        return status;
    for (c = 0; c < m; c++) {
        double gnm = gdf_nrm2(d, G + c * d);
        gn[c] = gnm;
        f0[c] = f[c];
        active[c] = 1.0;
        stuck[c] = 0.0;
        batch_record(h, st, d, c, 0, f[c], gnm, Xc + c * d);
        if (!isfin(f[c]) || !isfin(gnm)) {
            r[c].exitflag = GDF_EXIT_DIVERGED;
            r[c].why = GDF_WHY_NONFINITE;
            r[c].nfevals = 1; /* theta_0 only, as a single run counts (was 2: no step was tried) */
            active[c] = 0.0;
            nact--;
        }
    }
    while (nact > 0) {
        int out_of_time = gdf_timer_expired(&timer, k);
        /* stopping rules at iterate k */
        for (c = 0; c < m; c++) {
            if (active[c] == 0.0)
                continue;
            s.k = k;
            s.nfev = k + 1; /* as a separate run counts: theta_0 and one per step */
            s.gnorm = gn[c];
            s.out_of_time = out_of_time;
            why = gd_stop_test(o, GD_BEFORE_STEP, &s);
            if (why) {
                r[c].exitflag = gdf_why_exitflag(why);
                r[c].why = why;
                active[c] = 0.0;
                nact--;
                if (gn[c] != gn[c]) /* lazy: ||g|| of the iterate it stops at */
                    gn[c] = gdf_nrm2(d, G + c * d);
            }
        }
        if (nact == 0)
            break;
        /* the step; stopped columns are carried along unchanged */
        for (c = 0; c < m; c++) {
            const double *x = Xc + c * d, *g = G + c * d;
            double *xn = XN + c * d;
            if (active[c] != 0.0) {
                for (i = 0; i < d; i++)
                    xn[i] = x[i] - eta * g[i];
                if (!stuck_stops) {
                    /* no fixed-point stop: nothing to compare (as in gdf_gd_run) */
                } else if (!same_point(d, xn, x)) {
                    stuck[c] = 0.0;
                } else if ((stuck[c] += 1.0) > GDF_GD_STUCK) {
                    /* a floating-point fixed point, as in gdf_gd_run */
                    r[c].exitflag = GDF_EXIT_STEPTOL;
                    r[c].why = GDF_WHY_STEPROUND;
                    active[c] = 0.0;
                    nact--;
                    if (gn[c] != gn[c])
                        gn[c] = gdf_nrm2(d, g);
                }
            } else {
                for (i = 0; i < d; i++)
                    xn[i] = x[i];
            }
        }
        if (nact == 0)
            break;
        status = batch_eval(p, m, XN, fn, GN, g2, lw);
        if (status != GDF_OK)
            goto fail;
        k++;
        for (c = 0; c < m; c++) {
            double *x = Xc + c * d, *xn = XN + c * d, *gnew = GN + c * d, gnm, tn = 0.0;
            const double step = eta * gn[c];
            if (active[c] == 0.0)
                continue;
            /* the tests and the norm of gdf_gd_run (gdf_nrm2: dnrm2 beyond 32
             * entries, which a plain sum of squares would not match bitwise) */
            /* (a finite ||g||^2 below 1e280: every entry finite) */
            if (!isfin(fn[c]) || ((!lazy || !(g2[c] < 1e280)) && !gdf_all_finite(d, gnew))) {
                /* keep the last finite iterate */
                for (i = 0; i < d; i++)
                    xn[i] = x[i];
                r[c].exitflag = GDF_EXIT_DIVERGED;
                r[c].why = GDF_WHY_NONFINITE;
                active[c] = 0.0;
                nact--;
                if (gn[c] != gn[c])
                    gn[c] = gdf_nrm2(d, G + c * d);
                continue;
            }
            gnm = !lazy || !(g2[c] > lo2 && g2[c] < 1e280) ? gdf_nrm2(d, gnew) : NAN;
            if (o->step_tol > 0.0)
                tn = gdf_nrm2(d, x);
            r[c].iterations = k;
            batch_record(h, st, d, c, k, fn[c], gnm, xn);
            {
                s.k = k;
                s.gnorm = gnm;
                s.f = f[c];
                s.fn = fn[c];
                s.f0 = f0[c];
                s.step = step;
                s.tn = tn;
                s.eta = eta;
                s.theta = xn;
                why = gd_stop_test(o, GD_AFTER_STEP, &s); /* no monitor here */
                f[c] = fn[c];
                gn[c] = gnm;
                if (!why)
                    continue;
                if (gnm != gnm)
                    gn[c] = gdf_nrm2(d, gnew);
                r[c].exitflag = gdf_why_exitflag(why);
                r[c].why = why;
                active[c] = 0.0;
                nact--;
            }
        }
        /* the new iterates become current: swap the buffers */
        tmp = Xc;
        Xc = XN;
        XN = tmp;
        tmp = G;
        G = GN;
        GN = tmp;
    }
    status = GDF_OK;
fail:
    if (Xc != X)
        memcpy(X, Xc, (size_t)d * (size_t)m * sizeof(double));
    t_end = gdf_now();
    for (c = 0; c < m; c++) {
        if (gn[c] != gn[c] && active[c] != 0.0) /* lazy, stopped by a failure */
            gn[c] = gdf_nrm2(d, G + c * d);
        r[c].f = f[c];
        r[c].gnorm = gn[c];
        /* as a separate run would count: theta_0 and every step tried */
        if (r[c].nfevals == 0)
            r[c].nfevals = r[c].iterations + 1 + (r[c].why == GDF_WHY_NONFINITE && r[c].iterations < k);
        r[c].time = (t_end - t_start) / (double)m; /* a share: info.time sums to the call's time */
        if (status != GDF_OK && active[c] != 0.0) {
            r[c].exitflag = GDF_EXIT_DIVERGED;
            r[c].why = GDF_WHY_NONFINITE;
        }
    }
    return status;
}
