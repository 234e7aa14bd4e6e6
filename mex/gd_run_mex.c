/* gd_run_mex.c - gateway: [theta, info] = gd_run_mex(fun, theta0, options...)
 *
 * Parses the options into a gdf_gd_spec, lets the library resolve the step
 * rule and momentum (gdf_gd_resolve), runs the starts through the one entry
 * point gdf_gd_solve (gdf_gd_run, gdf_gd_batch or gdf_gd_proximal inside),
 * classifies GradTol stops (gdf_gd_classify) and builds info.  All numerics and
 * policy live in the library (gdf_gd.c, gdf_gd_solve.c).  History arrays are
 * mxMalloc'd, grown by doubling and handed to the outputs without a copy.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gdf_mexutil.h"

static const char *FN = "gd_run";

enum { GDF_GD_RUN_OPTIONS(GDF_OPT_X_ID) O_COUNT }; GDF_STATIC_ASSERT(O_COUNT == GDF_GD_RUN_NOPT, o_count);
/* the Method choices in the option table are gdflow.h's GDF_GDM_* in order */
enum { GDF_GD_RUN_METHODS(GDF_OPT_X_CHOICE_ID) M_COUNT };
GDF_STATIC_ASSERT((int)M_GD == (int)GDF_GDM_GD && (int)M_HEAVYBALL == (int)GDF_GDM_HEAVYBALL &&
                  (int)M_NESTEROV == (int)GDF_GDM_NESTEROV && (int)M_PROXIMAL == (int)GDF_GDM_PROXIMAL &&
                  (int)M_NATURAL == (int)GDF_GDM_NATURAL && (int)M_SGD == (int)GDF_GDM_SGD &&
                  M_COUNT == 6, method_order);
enum { GDF_GD_RUN_HISTORY(GDF_OPT_X_CHOICE_ID) H_COUNT };
enum { GDF_GD_RUN_DISPLAY(GDF_OPT_X_CHOICE_ID) D_COUNT };
#include "gdf_sgd_gw.h" /* Method 'sgd' (issue 16): sgd_gateway */

typedef struct {
    ptrdiff_t d;
    long max_entries; /* MaxIter + 1, or -1 for no limit */
    int full;
} hist_ctx;

static int grow(void *hctx, long need, gdf_history *h)
{
    hist_ctx *c = (hist_ctx *)hctx;
    long cap = gdf_mex_grow_cap(h->cap, need, c->max_entries);
    if (cap < 0)
        return 1;
    if (c->full)
        gdf_mex_check_alloc(FN, "History 'full'", (double)cap * (double)c->d);
    if (h->f)
        h->f = (double *)mxRealloc(h->f, (size_t)cap * sizeof(double));
    if (h->gnorm)
        h->gnorm = (double *)mxRealloc(h->gnorm, (size_t)cap * sizeof(double));
    if (h->eta)
        h->eta = (double *)mxRealloc(h->eta, (size_t)cap * sizeof(double));
    if (h->theta)
        h->theta = (double *)mxRealloc(h->theta, (size_t)cap * (size_t)c->d * sizeof(double));
    h->cap = cap;
    return 0;
}

typedef struct {
    int display;
    const mxArray *outfcn;
    long nfevals0;
    gdf_problem *p;
    ptrdiff_t d;
    ptrdiff_t rows, cols; /* shape of one start (theta0, or a column of it) */
} mon_ctx;

static mxArray *theta_array(const mon_ctx *m, const double *theta)
{
    mxArray *a = mxCreateDoubleMatrix((mwSize)m->rows, (mwSize)m->cols, mxREAL);
    memcpy(mxGetPr(a), theta, (size_t)m->d * sizeof(double));
    return a;
}

/* stop = outfcn(theta, optimValues, state) */
static int call_outfcn(mon_ctx *m, long k, const double *theta, double f, double gnorm,
                       double eta, const char *state)
{
    static const char *names[] = {"iteration", "fval", "gradnorm", "stepsize", "funccount"};
    double vals[5];
    vals[0] = (double)k;
    vals[1] = f;
    vals[2] = gnorm;
    vals[3] = eta;
    vals[4] = (double)(m->p->nfevals - m->nfevals0);
    return gdf_mex_call_outfcn(FN, m->outfcn, theta_array(m, theta), 5, names, vals, k, "iteration", state);
}

static int monitor(void *mctx, long k, const double *theta, double f, double gnorm, double eta)
{
    mon_ctx *m = (mon_ctx *)mctx;
    if (m->display == D_ITER) {
        if (k == 0)
            mexPrintf("\n Iteration  Func-count        f(x)       Step-size   ||grad f||\n");
        if (k == 0)
            mexPrintf(" %9ld  %10ld  %14.6g  %14s  %11.4g\n", k, m->p->nfevals - m->nfevals0, f, "",
                      gnorm);
        else
            mexPrintf(" %9ld  %10ld  %14.6g  %14.6g  %11.4g\n", k, m->p->nfevals - m->nfevals0, f,
                      eta, gnorm);
    }
    if (m->outfcn) {
        if (k == 0 && call_outfcn(m, k, theta, f, gnorm, eta, "init"))
            return 1;
        return call_outfcn(m, k, theta, f, gnorm, eta, "iter");
    }
    return 0;
}

static mxArray *row_from(double *buf, long n)
{
    return gdf_mex_adopt(buf, 1, (size_t)n);
}

/* One run's results, kept until all starts are done. */
typedef struct {
    gdf_gd_result r;
    gdf_history h;
    hist_ctx hc;
    int stationary; /* GDF_STAT_*: what the GradTol stop found (NONE otherwise) */
    char *hint;     /* gdf_gd_hint's text, mxMalloc'd; NULL when none */
} run_rec;

/* Everything one call needs, from parse to build_info. */
typedef struct {
    gdf_mex_problem mp;
    gdf_mex_metric mm;
    gdf_problem *prob;    /* the problem run (the metric wrapper for 'natural') */
    gdf_optval ov[O_COUNT];
    gdf_gd_opts o;
    mon_ctx mc;
    int method, hist, display, fixed;
    const char *step_name;
    ptrdiff_t rows, cols, d, m;
    const double *theta0;
    run_rec *runs;
    long kmax, block_cap;
    double *fblock, *gblock, *eblock, *tblock;
    double *swork;
    void *siwork;
    int saddle_warned;
    double kappa, scale_ratio; /* the problem's (for the hint; NaN unknown) */
} gd_call;

/* raise the error of a gdf_gd_resolve / gdf_gd_proximal_check code */
static void spec_error(int code, int method)
{
    char buf[256];
    gdf_mex_error(FN, gdf_gd_spec_id(code), "%s", gdf_gd_spec_message(code, method, buf, sizeof buf));
}

/* A GradTol stop is a minimizer only if the second-order test says so
 * (gdf_gd_classify): at a saddle or a maximum the run ends with exitflag -3
 * and a gdflow:gd_run:saddle warning (once per call).  The test uses the
 * problem itself (for Method 'natural' the base problem: G^{-1} g = 0 iff
 * g = 0). */
static void classify(gd_call *c, const double *theta, run_rec *rr, ptrdiff_t j)
{
    double lam[2];
    rr->stationary = GDF_STAT_NONE;
    if (rr->r.why != GDF_WHY_GRADTOL)
        return;
    if (!c->swork && gdf_stationary_needs_work(&c->mp.p)) {
        c->swork = (double *)mxMalloc(gdf_stationary_work(c->d) * sizeof(double));
        c->siwork = mxMalloc(gdf_stationary_iwork(c->d) * sizeof(ptrdiff_t));
    }
    rr->stationary = gdf_gd_classify(&c->mp.p, theta, &rr->r, c->swork, c->siwork, lam);
    if (rr->stationary != GDF_STAT_SADDLE && rr->stationary != GDF_STAT_MAXIMUM)
        return;
    if (!c->saddle_warned) {
        char col[48] = "";
        if (c->m > 1)
            snprintf(col, sizeof col, " (start %ld)", (long)(j + 1));
        gdf_mex_warning("gdflow:gd_run:saddle",
                        "gd_run%s stopped at a %s, not a minimizer: ||grad f|| = %g is below GradTol "
                        "but the Hessian there has the eigenvalue %g < 0 (exitflag -3).",
                        col, rr->stationary == GDF_STAT_SADDLE ? "saddle point" : "local maximum",
                        rr->r.gnorm, lam[0]);
        c->saddle_warned = 1;
    }
}

/* start j's history sink for the proximal method: MaxIter + 1 entries of
 * f, gnorm and theta (the integrator's output), handed to info */
static void proximal_sink(gd_call *c, gdf_history *h)
{
    long K = c->o.max_iter;
    if (c->hist == H_FULL)
        gdf_mex_check_alloc(FN, "History 'full'", (double)(K + 1) * (double)c->d);
    memset(h, 0, sizeof *h);
    h->theta = (double *)mxMalloc((size_t)(K + 1) * (size_t)c->d * sizeof(double));
    h->f = (double *)mxMalloc((size_t)(K + 1) * sizeof(double));
    h->gnorm = (double *)mxMalloc((size_t)(K + 1) * sizeof(double));
    h->cap = K + 1;
}

/* start j's history sink for gdf_gd_run: in the shared block, or buffers of
 * its own (MaxIter + 1 entries at most, grown on demand) */
static void run_sink(gd_call *c, gdf_history *h, hist_ctx *hc, ptrdiff_t j)
{
    long cap0;
    hc->d = c->d;
    hc->full = c->hist == H_FULL;
    hc->max_entries = c->o.max_iter < LONG_MAX ? c->o.max_iter + 1 : -1;
    cap0 = hc->max_entries > 0 && hc->max_entries < GDF_OUT_CAP0 ? hc->max_entries : GDF_OUT_CAP0;
    memset(h, 0, sizeof *h);
    if (c->block_cap > 0) {
        /* f and gnorm straight into the m x (K+1) output layout */
        size_t off = (size_t)j * (size_t)c->block_cap;
        h->f = c->fblock + j;
        h->gnorm = c->gblock + j;
        h->stride = c->m;
        h->eta = c->eblock ? c->eblock + j : NULL;
        h->theta = c->tblock ? c->tblock + off * (size_t)c->d : NULL;
        h->cap = c->block_cap; /* MaxIter + 1: never grows */
    } else {
        h->f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        h->gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        if (!c->fixed)
            h->eta = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        if (c->hist == H_FULL)
            h->theta = (double *)mxMalloc((size_t)cap0 * (size_t)c->d * sizeof(double));
        h->cap = cap0;
        h->grow = grow;
        h->hctx = hc;
    }
}

/* Momentum as given, without raising: a bad value is reported by the
 * library after the step rule (get_momentum then raises the exact error). */
static void momentum_of(const mxArray *a, gdf_gd_spec *s)
{
    s->momentum_kind = GDF_MOM_INVALID;
    if (gdf_mex_is_string(a)) {
        char buf[16];
        size_t i;
        if (mxGetString(a, buf, (mwSize)sizeof buf) != 0)
            return;
        for (i = 0; buf[i]; i++)
            buf[i] = (char)tolower((unsigned char)buf[i]);
        if (strcmp(buf, "schedule") == 0)
            s->momentum_kind = GDF_MOM_SCHEDULE;
        return;
    }
    if (mxIsNumeric(a) && !mxIsComplex(a) && mxGetNumberOfElements(a) == 1 && !mxIsSparse(a)) {
        s->momentum_kind = GDF_MOM_VALUE;
        s->momentum = mxGetScalar(a);
    }
}

static void get_momentum(const mxArray *a)
{
    char s[16];
    if (gdf_mex_is_string(a))
        gdf_mex_string(a, FN, "Momentum", s, sizeof s);
    gdf_mex_error(FN, "badOption", "option Momentum must be a number in [0, 1) or 'schedule'.");
}

/* a real double scalar field of a problem struct, NaN when absent */
static double scalar_field(const mxArray *prob, const char *name)
{
    const mxArray *a;
    if (!mxIsStruct(prob) || mxGetNumberOfElements(prob) != 1)
        return NAN;
    a = mxGetField(prob, 0, name);
    if (!a || !mxIsDouble(a) || mxIsComplex(a) || mxIsSparse(a) || mxGetNumberOfElements(a) != 1)
        return NAN;
    return mxGetScalar(a);
}

/* theta0 and the problem: d x m starts (a row vector is one start) */
static void parse_problem(gd_call *c, int nrhs, const mxArray *prhs[])
{
    ptrdiff_t dprob = -1;
    c->theta0 = gdf_mex_dense(prhs[1], FN, "theta0", &c->rows, &c->cols);
    if (c->rows * c->cols < 1)
        gdf_mex_error(FN, "badSize", "theta0 must be non-empty.");
    if (mxIsStruct(prhs[0])) {
        const mxArray *fd;
        /* a 1x1 struct before any field is read (p([]) crashed Octave here) */
        gdf_mex_struct1(prhs[0], FN, "badProblem", "the problem (from gd_quadratic, gd_leastsq, "
                                                   "gd_logistic or gd_testfun)");
        fd = mxGetField(prhs[0], 0, "d");
        if (fd && mxIsDouble(fd) && mxGetNumberOfElements(fd) == 1 && mxGetScalar(fd) == 1.0)
            dprob = 1; /* (no cast: d = 1e300 or NaN is refused in gdf_mex_problem_init) */
    }
    if (c->rows == 1 && c->cols > 1 && dprob != 1) {
        c->d = c->cols;
        c->m = 1;
    } else {
        c->d = c->rows;
        c->m = c->cols;
    }
    gdf_mex_problem_init(prhs[0], c->d, FN, &c->mp);
    c->prob = &c->mp.p;
    c->kappa = scalar_field(prhs[0], "kappa");
    c->scale_ratio = scalar_field(prhs[0], "scale_ratio");
    if (isnan(c->kappa) && c->mp.kind != GDF_KIND_HANDLE && c->mp.kind != GDF_KIND_TESTFUN &&
        c->mp.kind != GDF_KIND_LOGISTIC && c->mp.p.mu > 0.0 && isfinite(c->mp.p.mu) &&
        isfinite(c->mp.p.L))
        c->kappa = c->mp.p.L / c->mp.p.mu; /* quadratic, least squares: L/mu */
}

/* Iterations, N: exactly N steps (gdf_gd_fixed_length); the stopping
 * options it replaces may not be given with it */
static void fixed_length(gd_call *c)
{
    static const int clash[] = {O_MAXITER, O_GRADTOL, O_FUNTOL, O_STEPTOL, O_DIVLIMIT, O_MAXFEVALS};
    static const char *names[] = {"MaxIter", "GradTol", "FunTol", "StepTol", "DivergenceLimit",
                                  "MaxFunEvals"};
    char given[96] = "";
    size_t i, len = 0;
    int n = 0;
    for (i = 0; i < sizeof clash / sizeof clash[0]; i++)
        if (c->ov[clash[i]].set) {
            int w = snprintf(given + len, sizeof given - len, "%s%s", n ? ", " : "", names[i]);
            if (w > 0 && (size_t)w < sizeof given - len)
                len += (size_t)w;
            n++;
        }
    if (n)
        gdf_mex_error(FN, "conflictingOptions",
                      "Iterations (exactly N steps: no GradTol, FunTol, StepTol or divergence stop) "
                      "cannot be combined with %s; give either Iterations or %s.",
                      given, n > 1 ? "those options" : "that option");
    if (!isfinite(c->ov[O_ITERATIONS].num))
        gdf_mex_error(FN, "badOption", "option Iterations must be a finite non-negative integer "
                                       "(the number of steps to take), not Inf.");
    gdf_gd_fixed_length(&c->o, (long)c->ov[O_ITERATIONS].num);
}

/* the options: tolerances into c->o, the method's step and momentum resolved
 * by the library (gdf_gd_resolve) */
static void parse_options(gd_call *c, int nrhs, const mxArray *prhs[])
{
    gdf_optval *ov = c->ov;
    gdf_gd_spec sp;
    int nspec, code;
    const gdf_optspec *spec = gdf_mex_optspec(FN, &nspec);
    gdf_mex_options(FN, spec, nspec, nrhs - 2, prhs + 2, ov);
    c->method = ov[O_METHOD].set ? ov[O_METHOD].choice : GDF_GDM_GD;
    if (c->method == GDF_GDM_SGD)
        return; /* sgd_gateway parses its own (gdf_sgd_gw.h) */
    {
        static const int sgd_only[] = {O_BATCHSIZE, O_SAMPLING, O_SEED, O_SCHEDULE, O_SCHEDK0,
                                       O_AVERAGING, O_AVGFROM, O_HSTRIDE, O_NUMEXAMPLES};
        size_t q;
        for (q = 0; q < sizeof sgd_only / sizeof sgd_only[0]; q++)
            if (ov[sgd_only[q]].set)
                gdf_mex_error(FN, "badOption", "option %s applies to Method 'sgd' only.",
                              spec[sgd_only[q]].name);
    }
    gdf_gd_defaults(&c->o);
    if (ov[O_MAXITER].set)
        c->o.max_iter = isfinite(ov[O_MAXITER].num) ? (long)ov[O_MAXITER].num : LONG_MAX;
    if (ov[O_GRADTOL].set)
        c->o.grad_tol = ov[O_GRADTOL].num;
    if (ov[O_FUNTOL].set)
        c->o.fun_tol = ov[O_FUNTOL].num;
    if (ov[O_STEPTOL].set)
        c->o.step_tol = ov[O_STEPTOL].num;
    if (ov[O_MAXTIME].set)
        c->o.max_time = ov[O_MAXTIME].num;
    if (ov[O_MAXFEVALS].set) /* Inf: no limit (0); 0 acts as 1 (f(theta0) is one evaluation) */
        c->o.max_fevals = !isfinite(ov[O_MAXFEVALS].num) ? 0
                          : ov[O_MAXFEVALS].num < 1.0 ? 1 : (long)ov[O_MAXFEVALS].num;
    if (ov[O_DIVLIMIT].set)
        c->o.div_limit = ov[O_DIVLIMIT].num;
    if (ov[O_ITERATIONS].set)
        fixed_length(c);
    if (ov[O_MOMENTUM].set && c->method != GDF_GDM_HEAVYBALL && c->method != GDF_GDM_NESTEROV)
        gdf_mex_error(FN, "badOption", "Momentum applies to Method 'heavyball' and 'nesterov'.");
    if (ov[O_METRIC].set && c->method != GDF_GDM_NATURAL)
        gdf_mex_error(FN, "badOption", "Metric applies to Method 'natural'.");
    if (c->method == GDF_GDM_PROXIMAL && (ov[O_STEPTOL].set || ov[O_FUNTOL].set || ov[O_OUTPUTFCN].set))
        gdf_mex_error(FN, "badOption", "Method 'proximal' stops on GradTol, MaxIter and MaxTime only "
                                       "(StepTol, FunTol and OutputFcn are not available).");
    if (c->method == GDF_GDM_PROXIMAL && ov[O_MAXFEVALS].set)
        gdf_mex_error(FN, "badOption", "Method 'proximal' stops on GradTol, MaxIter and MaxTime only "
                                       "(MaxFunEvals is not available).");
    memset(&sp, 0, sizeof sp);
    sp.method = c->method;
    /* StepSize: a number (choice < 0), '1/L', '2/(L+mu)', 'backtracking' */
    sp.step_rule = !ov[O_STEP].set ? GDF_RULE_DEFAULT
                   : ov[O_STEP].choice < 0 ? GDF_RULE_FIXED
                   : ov[O_STEP].choice == 0 ? GDF_RULE_INVL
                   : ov[O_STEP].choice == 1 ? GDF_RULE_TWOLMU : GDF_RULE_BACKTRACK;
    sp.step = ov[O_STEP].num;
    sp.init_step = ov[O_INITSTEP].set ? ov[O_INITSTEP].num : NAN;
    sp.momentum_kind = GDF_MOM_DEFAULT;
    if (ov[O_MOMENTUM].set)
        momentum_of(ov[O_MOMENTUM].arr, &sp);
    sp.L = c->mp.p.L;
    sp.mu = c->mp.p.mu;
    code = gdf_gd_resolve(&sp, &c->o, &c->step_name);
    if (code == GDF_GDS_BAD_MOMENTUM)
        get_momentum(ov[O_MOMENTUM].arr);
    if (code != GDF_GDS_OK)
        spec_error(code, c->method);
    c->fixed = c->o.step_rule == GDF_STEP_FIXED;
    if (c->method == GDF_GDM_NATURAL) {
        /* no Metric on gd_logistic: its Fisher information (gdf_mex_metric_init) */
        gdf_mex_metric_init(ov[O_METRIC].set ? ov[O_METRIC].arr : NULL, &c->mp, FN, &c->mm);
        c->prob = &c->mm.p;
    }
    c->hist = ov[O_HISTORY].set ? ov[O_HISTORY].choice : H_F;
    c->display = ov[O_DISPLAY].set ? ov[O_DISPLAY].choice : D_OFF;
    if (c->m > 1 && (c->display == D_ITER || ov[O_OUTPUTFCN].set))
        gdf_mex_error(FN, "badOption", "Display 'iter' and OutputFcn take one starting point (theta0 d x 1).");
}

/* the monitor (Display 'iter', OutputFcn) */
static void setup_monitor(gd_call *c)
{
    mon_ctx *mc = &c->mc;
    mc->display = c->display;
    mc->outfcn = c->ov[O_OUTPUTFCN].set && !mxIsEmpty(c->ov[O_OUTPUTFCN].arr) ? c->ov[O_OUTPUTFCN].arr
                                                                               : NULL;
    mc->p = c->prob;
    mc->nfevals0 = c->prob->nfevals;
    mc->d = c->d;
    mc->rows = c->m == 1 ? c->rows : c->d;
    mc->cols = c->m == 1 ? c->cols : 1;
    if (c->display == D_ITER || mc->outfcn) {
        c->o.monitor = monitor;
        c->o.mctx = mc;
    }
}

/* many starts: one block per history array (Octave's mxMalloc costs
 * ~40 us per call, which 1000 starts would pay 2000 times) */
static void alloc_blocks(gd_call *c)
{
    ptrdiff_t k;
    size_t nb;
    c->block_cap = gdf_gd_block_cap(c->method, c->d, c->m, c->o.max_iter, c->hist);
    if (c->block_cap <= 0)
        return;
    nb = (size_t)c->block_cap * (size_t)c->m;
    c->fblock = (double *)mxMalloc(nb * sizeof(double));
    c->gblock = (double *)mxMalloc(nb * sizeof(double));
    if (!c->fixed)
        c->eblock = (double *)mxMalloc(nb * sizeof(double));
    if (c->hist == H_FULL)
        c->tblock = (double *)mxMalloc(nb * (size_t)c->d * sizeof(double));
    (void)k; /* NaN after a start has stopped: written after the run (nan_tails) */
}

/* the block's entries after each start's last iterate, up to the longest
 * run's, NaN (info.f and info.gradnorm keep kmax + 1 columns): written once
 * the runs are done, only where a start stopped early (filling the whole
 * block first cost as much as the 1000-start, 1000-step run itself) */
static void nan_tails(gd_call *c, const gdf_gd_result *rs, ptrdiff_t done)
{
    long kmax = 0, k;
    ptrdiff_t j, m = c->m;
    if (c->block_cap <= 0)
        return;
    for (j = 0; j < done; j++)
        if (rs[j].iterations > kmax)
            kmax = rs[j].iterations;
    for (j = 0; j < m; j++) {
        long k0 = j < done ? rs[j].iterations + 1 : 0;
        for (k = k0; k <= kmax && k < c->block_cap; k++)
            c->fblock[j + (size_t)k * (size_t)m] = c->gblock[j + (size_t)k * (size_t)m] = NAN;
    }
}

/* the history sinks of the m starts: one shared sink for the batch path
 * (returned), one per start in hs otherwise; NULL without a history */
static gdf_history *make_sinks(gd_call *c, int flags, gdf_history *hb, gdf_history *hs)
{
    ptrdiff_t j;
    int code;
    if (flags & GDF_SOLVE_BATCH) {
        if (c->hist == H_NONE)
            return NULL;
        memset(hb, 0, sizeof *hb);
        hb->f = c->fblock;
        hb->gnorm = c->gblock;
        hb->theta = c->tblock;
        hb->stride = c->m;
        hb->cap = c->block_cap;
        return hb;
    }
    if (c->method == GDF_GDM_PROXIMAL) {
        code = gdf_gd_proximal_check(&c->o);
        if (code != GDF_GDS_OK)
            spec_error(code, c->method);
        for (j = 0; j < c->m; j++)
            proximal_sink(c, &hs[j]);
        return hs;
    }
    if (c->hist == H_NONE)
        return NULL;
    for (j = 0; j < c->m; j++)
        run_sink(c, &hs[j], &c->runs[j].hc, j);
    return hs;
}

/* the results and histories of the starts run, as info wants them */
static void keep_runs(gd_call *c, const gdf_gd_result *rs, const gdf_history *hs, ptrdiff_t done,
                      int flags)
{
    ptrdiff_t j;
    for (j = 0; j < done; j++) {
        run_rec *rr = &c->runs[j];
        rr->r = rs[j];
        if (flags & GDF_SOLVE_BATCH) {
            rr->h.theta = c->tblock ? c->tblock + (size_t)j * (size_t)c->block_cap * (size_t)c->d : NULL;
        } else if (c->method == GDF_GDM_PROXIMAL) {
            if (c->hist != H_NONE) {
                rr->h = hs[j];
                if (c->hist != H_FULL)
                    rr->h.theta = NULL;
            }
        } else if (c->hist != H_NONE) {
            rr->h = hs[j];
        }
    }
}

/* raise the error of a failing gdf_gd_solve */
static void solve_error(gd_call *c, int st, const char *why)
{
    if (c->method == GDF_GDM_PROXIMAL && st == GDF_ENEWTON)
        gdf_mex_error(FN, "newtonFailed", "proximal step: %s", why);
    if (c->method == GDF_GDM_PROXIMAL)
        gdf_mex_error(FN, "internal", "the proximal iteration (backward Euler) failed: %s",
                      why ? why : gdf_mex_status_text(st));
    gdf_mex_error(FN, "internal", "the C core failed: %s.", gdf_mex_status_text(st));
}

/* info.message: the library's sentence, or a fixed-length run's own */
static const char *run_message(const gd_call *c, int why)
{
    if (c->o.exact_iter && why == GDF_WHY_MAXITER)
        return "Done: the requested number of Iterations was taken.";
    return gdf_why_message(why);
}

/* the hint of a run stopped at MaxIter on an ill-conditioned problem (the
 * text: gdf_gd_hint, the one place it is built) */
static void make_hint(const gd_call *c, run_rec *rr)
{
    gdf_gd_hint_in in;
    char buf[768];
    memset(&in, 0, sizeof in);
    in.method = c->method;
    in.why = rr->r.why;
    in.exact_iter = c->o.exact_iter;
    in.has_data = c->mp.kind == GDF_KIND_LEASTSQ || c->mp.kind == GDF_KIND_LOGISTIC;
    in.fisher = c->mp.kind == GDF_KIND_LOGISTIC;
    in.iterations = rr->r.iterations;
    in.kappa = c->kappa;
    in.scale_ratio = c->scale_ratio;
    in.gnorm = rr->r.gnorm;
    in.grad_tol = c->o.grad_tol;
    if (gdf_gd_hint(&in, buf, sizeof buf)) { /* rare: no room kept per start otherwise */
        rr->hint = (char *)mxMalloc(strlen(buf) + 1);
        memcpy(rr->hint, buf, strlen(buf) + 1);
    }
}

/* after one start: the checks, warnings and display that follow a run */
static void after_run(gd_call *c, double *th, run_rec *rr, ptrdiff_t j)
{
    double limit;
    /* f(theta0) itself non-finite (not the first step): an error for a
     * handle; for the C families, finite at every finite theta, it is
     * overflow and ends as divergence (exitflag -2, warning) below */
    if (rr->r.iterations == 0 && rr->r.why == GDF_WHY_NONFINITE && c->mp.kind == GDF_KIND_HANDLE &&
        !(isfinite(rr->r.f) && isfinite(rr->r.gnorm)))
        gdf_mex_error(FN, "nonFiniteStart",
                      "f(theta0) = %g and ||grad f(theta0)|| = %g: the objective must be finite "
                      "at the starting point%s.", rr->r.f, rr->r.gnorm,
                      c->m > 1 ? " (every column of theta0)" : "");
    classify(c, th, rr, j);
    if (rr->r.iterations > c->kmax)
        c->kmax = rr->r.iterations;
    if (c->mc.outfcn)
        call_outfcn(&c->mc, rr->r.iterations, th, rr->r.f, rr->r.gnorm, NAN, "done");
    if (rr->r.exitflag == GDF_EXIT_DIVERGED) {
        char col[48] = "";
        if (c->m > 1)
            snprintf(col, sizeof col, " (start %ld)", (long)(j + 1));
        if (gdf_gd_step_unstable(c->method, c->fixed, c->o.eta, c->mp.p.L, &limit))
            gdf_mex_warning("gdflow:diverged",
                            "gd_run%s diverged at iteration %ld (f = %g): step size %g is not below "
                            "2/L = %g. The history up to that point is returned.",
                            col, rr->r.iterations, rr->r.f, c->o.eta, limit);
        else
            gdf_mex_warning("gdflow:diverged",
                            "gd_run%s (%s) diverged at iteration %ld (f = %g, step size %g): %s The "
                            "history up to that point is returned.",
                            col, gdf_gd_method_name(c->method), rr->r.iterations, rr->r.f, c->o.eta,
                            gdf_why_message(rr->r.why));
    }
    make_hint(c, rr);
    if (c->display != D_OFF) {
        mexPrintf("gd_run%s: %s  %ld iterations, f = %.10g, ||grad f|| = %.3g, %.3g s.\n",
                  c->m > 1 ? " (one start)" : "", run_message(c, rr->r.why), rr->r.iterations,
                  rr->r.f, rr->r.gnorm, rr->r.time);
        if (rr->hint)
            mexPrintf("  Hint: %s\n", rr->hint);
    }
}

/* every start through gdf_gd_solve, then what follows each run, then the
 * warnings about the problem itself */
static void run_all(gd_call *c, double *theta)
{
    gdf_gd_result *rs = (gdf_gd_result *)mxCalloc((size_t)c->m, sizeof(gdf_gd_result));
    gdf_history hb, *hs = NULL, *h;
    double *work;
    void *iwork;
    const char *why = NULL;
    ptrdiff_t j, done = 0;
    size_t nw;
    int flags = 0, st;
    c->runs = (run_rec *)mxCalloc((size_t)c->m, sizeof(run_rec));
    if (c->hist == H_FULL && c->o.max_iter < LONG_MAX)
        gdf_mex_check_alloc(FN, "History 'full'",
                            (double)(c->o.max_iter + 1) * (double)c->d * (double)c->m);
    alloc_blocks(c);
    if (gdf_gd_use_batch(c->method, c->fixed, c->o.monitor != NULL, c->m, c->hist, c->block_cap))
        flags |= GDF_SOLVE_BATCH;
    if (c->mp.kind == GDF_KIND_HANDLE) /* f(theta0) non-finite is an error: stop there */
        flags |= GDF_SOLVE_STOP_NONFINITE;
    if (!(flags & GDF_SOLVE_BATCH)) /* per-start sinks (the batch path shares one) */
        hs = (gdf_history *)mxCalloc((size_t)c->m, sizeof(gdf_history));
    h = make_sinks(c, flags, &hb, hs);
    nw = gdf_gd_solve_work(c->prob, c->method, c->m, c->o.max_iter, flags);
    if (nw == (size_t)-1)
        gdf_mex_error(FN, "tooLarge", "the workspace for d = %ld does not fit in memory.", (long)c->d);
    if ((flags & GDF_SOLVE_BATCH) || c->method == GDF_GDM_PROXIMAL)
        gdf_mex_check_alloc(FN, "the workspace", (double)nw);
    work = (double *)mxMalloc(nw * sizeof(double));
    iwork = mxMalloc(gdf_gd_solve_iwork(c->prob, c->method) * sizeof(ptrdiff_t));
    st = gdf_gd_solve(c->prob, c->method, &c->o, c->m, theta, h, flags, work, iwork, rs, &done, &why);
    mxFree(work);
    mxFree(iwork);
    nan_tails(c, rs, done);
    keep_runs(c, rs, hs, done, flags);
    if (c->method == GDF_GDM_NATURAL)
        gdf_mex_metric_check(&c->mm);
    for (j = 0; j < done - (st != GDF_OK); j++)
        after_run(c, theta + j * c->d, &c->runs[j], j);
    if (st != GDF_OK)
        solve_error(c, st, why);
    mxFree(rs);
    mxFree(hs);
    /* the problem itself knows it has no minimizer, or that its stationary
     * points need not be minima: say so once, whatever the exit */
    if (c->mp.f_star == -INFINITY)
        gdf_mex_warning("gdflow:gd_run:unbounded",
                        "gd_run: this problem is unbounded below (f_star = -Inf%s): it has no "
                        "minimizer, so no theta or f this run returns is a minimum.",
                        gdf_gd_nonconvex(c->mp.p.L, c->mp.p.mu) ? ", the Hessian is indefinite" : "");
    else if (gdf_gd_nonconvex(c->mp.p.L, c->mp.p.mu))
        gdf_mex_warning("gdflow:gd_run:nonconvex",
                        "gd_run: this problem is not convex (mu = %g < 0): a point where the "
                        "gradient vanishes need not be a minimizer.", c->mp.p.mu);
}

/* 1 x m per-start values as a row */
static mxArray *row_of(const gd_call *c, int what)
{
    mxArray *a = mxCreateDoubleMatrix(1, (mwSize)c->m, mxREAL);
    double *pa = mxGetPr(a);
    ptrdiff_t j;
    for (j = 0; j < c->m; j++) {
        const gdf_gd_result *r = &c->runs[j].r;
        pa[j] = what == 0 ? (double)r->iterations : what == 1 ? (double)r->exitflag
              : what == 2 ? r->f : what == 3 ? (double)r->nfevals : r->gnorm;
    }
    return a;
}

/* info's fields, in their order: one static table, set by number (the
 * 'gradient' field is set here too, 'analytic'; gd_run.m's central-difference
 * path overwrites it) */
#define GDF_GD_INFO_FIELDS(X)                                                                   \
    X(iterations) X(exitflag) X(message) X(fval) X(f) X(gradnorm) X(theta) X(stepsize)          \
    X(steprule) X(method) X(momentum) X(L) X(mu) X(f_star) X(funccount) X(time) X(stationary)    \
    X(hint) X(gradient)
#define GDF_INFO_X_ID(name) I_##name,
#define GDF_INFO_X_NAME(name) #name,
enum { GDF_GD_INFO_FIELDS(GDF_INFO_X_ID) I_COUNT };
static const char *INFO_NAMES[] = {GDF_GD_INFO_FIELDS(GDF_INFO_X_NAME)};

/* info.f and info.gradnorm: a row (one start) or m x (kmax+1), NaN after a
 * start stopped; without a history the final values */
static void info_history_fg(gd_call *c, mxArray *info)
{
    long n = c->kmax + 1, k;
    ptrdiff_t j, m = c->m;
    if (c->hist != H_NONE && m == 1) {
        mxSetFieldByNumber(info, 0, I_f, row_from(c->runs[0].h.f, n));
        mxSetFieldByNumber(info, 0, I_gradnorm, row_from(c->runs[0].h.gnorm, n));
    } else if (c->hist != H_NONE && c->block_cap > 0) { /* already m x (K+1): trim to kmax+1 */
        mxSetFieldByNumber(info, 0, I_f, gdf_mex_adopt(c->fblock, (size_t)m, (size_t)n));
        mxSetFieldByNumber(info, 0, I_gradnorm, gdf_mex_adopt(c->gblock, (size_t)m, (size_t)n));
    } else if (c->hist != H_NONE) { /* m x (kmax+1), NaN after a start stopped */
        mxArray *F = mxCreateDoubleMatrix((mwSize)m, (mwSize)n, mxREAL);
        mxArray *G = mxCreateDoubleMatrix((mwSize)m, (mwSize)n, mxREAL);
        double *pF = mxGetPr(F), *pG = mxGetPr(G);
        for (k = 0; k < n; k++) /* write order follows the output's memory */
            for (j = 0; j < m; j++) {
                int in = k <= c->runs[j].r.iterations;
                pF[j + k * m] = in ? c->runs[j].h.f[k] : NAN;
                pG[j + k * m] = in ? c->runs[j].h.gnorm[k] : NAN;
            }
        mxSetFieldByNumber(info, 0, I_f, F);
        mxSetFieldByNumber(info, 0, I_gradnorm, G);
    } else {
        mxSetFieldByNumber(info, 0, I_f, row_of(c, 2));
        mxSetFieldByNumber(info, 0, I_gradnorm, row_of(c, 4));
    }
}

/* info.theta: d x (kmax+1) (one start) or d x (kmax+1) x m, NaN after a
 * start stopped; [] without History 'full' */
static void info_history_theta(gd_call *c, mxArray *info)
{
    long n = c->kmax + 1, k;
    ptrdiff_t j, q, d = c->d, m = c->m;
    if (c->hist == H_FULL && m == 1) {
        mxSetFieldByNumber(info, 0, I_theta, gdf_mex_adopt(c->runs[0].h.theta, (size_t)d, (size_t)n));
    } else if (c->hist == H_FULL) {
        mwSize dims[3];
        mxArray *T;
        double *pT;
        dims[0] = (mwSize)d;
        dims[1] = (mwSize)n;
        dims[2] = (mwSize)m;
        T = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
        pT = mxGetPr(T);
        for (j = 0; j < m; j++)
            for (k = 0; k < n; k++) {
                double *dst = pT + ((size_t)j * (size_t)n + (size_t)k) * (size_t)d;
                if (k <= c->runs[j].r.iterations)
                    memcpy(dst, c->runs[j].h.theta + (size_t)k * (size_t)d, (size_t)d * sizeof(double));
                else
                    for (q = 0; q < d; q++)
                        dst[q] = NAN;
            }
        mxSetFieldByNumber(info, 0, I_theta, T);
    } else {
        mxSetFieldByNumber(info, 0, I_theta, mxCreateDoubleMatrix(0, 0, mxREAL));
    }
}

/* what = 0: the message, 1: the stationary class, 2: the hint of start j */
static const char *string_of(const gd_call *c, int what, ptrdiff_t j)
{
    const run_rec *rr = &c->runs[j];
    return what == 1 ? gdf_stationary_name(rr->stationary)
         : what == 2 ? (rr->hint ? rr->hint : "") : run_message(c, rr->r.why);
}

/* a string (one start) or a 1 x m cell of strings */
static mxArray *strings_of(const gd_call *c, int what)
{
    ptrdiff_t j;
    mxArray *cell;
    const char **s;
    if (c->m == 1)
        return mxCreateString(string_of(c, what, 0));
    s = (const char **)mxMalloc((size_t)c->m * sizeof *s);
    for (j = 0; j < c->m; j++)
        s[j] = string_of(c, what, j);
    cell = gdf_mex_cell_of_strings(s, c->m);
    mxFree(s);
    return cell;
}

/* info: one mxCreateStructMatrix from the static name table, every field
 * set by number, each value created once (no temporary copies) */
static mxArray *build_info(gd_call *c)
{
    mxArray *info = mxCreateStructMatrix(1, 1, I_COUNT, INFO_NAMES);
    double tsum = 0.0;
    ptrdiff_t j;
    for (j = 0; j < c->m; j++)
        tsum += c->runs[j].r.time;
    mxSetFieldByNumber(info, 0, I_iterations, row_of(c, 0));
    mxSetFieldByNumber(info, 0, I_exitflag, row_of(c, 1));
    mxSetFieldByNumber(info, 0, I_message, strings_of(c, 0));
    mxSetFieldByNumber(info, 0, I_fval, row_of(c, 2));
    info_history_fg(c, info);
    info_history_theta(c, info);
    if (c->fixed) {
        mxSetFieldByNumber(info, 0, I_stepsize, mxCreateDoubleScalar(c->o.eta));
    } else if (c->hist != H_NONE && c->m == 1) {
        /* eta[k] is the step that produced theta_k, k = 1..iterations */
        mxArray *E = mxCreateDoubleMatrix(1, (mwSize)c->runs[0].r.iterations, mxREAL);
        if (c->runs[0].r.iterations > 0)
            memcpy(mxGetPr(E), c->runs[0].h.eta + 1, (size_t)c->runs[0].r.iterations * sizeof(double));
        mxSetFieldByNumber(info, 0, I_stepsize, E);
    } else {
        mxSetFieldByNumber(info, 0, I_stepsize, mxCreateDoubleMatrix(0, 0, mxREAL));
    }
    mxSetFieldByNumber(info, 0, I_steprule, mxCreateString(c->step_name));
    mxSetFieldByNumber(info, 0, I_method, mxCreateString(gdf_gd_method_name(c->method)));
    mxSetFieldByNumber(info, 0, I_momentum,
                       (c->method == GDF_GDM_HEAVYBALL || c->method == GDF_GDM_NESTEROV)
                           ? (c->o.momentum_schedule ? mxCreateString("schedule")
                                                     : mxCreateDoubleScalar(c->o.momentum))
                           : mxCreateDoubleScalar(0.0));
    mxSetFieldByNumber(info, 0, I_L, mxCreateDoubleScalar(c->mp.p.L));
    mxSetFieldByNumber(info, 0, I_mu, mxCreateDoubleScalar(c->mp.p.mu));
    mxSetFieldByNumber(info, 0, I_f_star, mxCreateDoubleScalar(c->mp.f_star));
    mxSetFieldByNumber(info, 0, I_funccount, row_of(c, 3));
    mxSetFieldByNumber(info, 0, I_time, mxCreateDoubleScalar(tsum));
    mxSetFieldByNumber(info, 0, I_stationary, strings_of(c, 1));
    mxSetFieldByNumber(info, 0, I_hint, strings_of(c, 2));
    mxSetFieldByNumber(info, 0, I_gradient, mxCreateString("analytic"));
    return info;
}

/* J_history: f after each iteration as columns, K x m (info.f(:, 2:end).',
 * the course's gradientDescent shape), NaN after a start stopped */
static mxArray *j_history(const mxArray *F)
{
    size_t m = mxGetM(F), n = mxGetN(F), k, j;
    size_t K = n > 0 ? n - 1 : 0;
    mxArray *J = mxCreateDoubleMatrix((mwSize)K, (mwSize)m, mxREAL);
    const double *pF = mxGetPr(F);
    double *pJ = mxGetPr(J);
    for (j = 0; j < m; j++)
        for (k = 0; k < K; k++)
            pJ[k + j * K] = pF[j + (k + 1) * m];
    return J;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gd_call c;
    double *theta;
    if (nrhs < 2)
        gdf_mex_error(FN, "notEnoughInputs", "usage: [theta, info] = gd_run(fun, theta0, Name, Value, ...).");
    if (nlhs > 3)
        gdf_mex_error(FN, "tooManyOutputs", "at most three outputs: [theta, info, J_history].");
    memset(&c, 0, sizeof c);
    parse_problem(&c, nrhs, prhs);
    parse_options(&c, nrhs, prhs);
    if (c.method == GDF_GDM_SGD) {
        sgd_gateway(nlhs, plhs, prhs, c.ov, &c.mp, c.theta0, c.rows, c.cols, c.d, c.m);
        return;
    }
    if (nlhs > 2 && c.hist == H_NONE)
        gdf_mex_error(FN, "badOption", "J_history (the third output: f after each iteration) needs "
                                       "History 'f' or 'full', not 'none'.");
    setup_monitor(&c);
    plhs[0] = mxCreateDoubleMatrix((mwSize)c.rows, (mwSize)c.cols, mxREAL);
    theta = mxGetPr(plhs[0]);
    memcpy(theta, c.theta0, (size_t)(c.d * c.m) * sizeof(double));
    run_all(&c, theta);
    if (nlhs >= 2)
        plhs[1] = build_info(&c);
    if (nlhs >= 3)
        plhs[2] = j_history(mxGetFieldByNumber(plhs[1], 0, I_f));
}
