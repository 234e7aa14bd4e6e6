/* gd_run_mex.c - gateway: [theta, info] = gd_run_mex(fun, theta0, options...)
 *
 * Validates, converts, calls gdf_gd_run and builds info.  History arrays are
 * mxMalloc'd, grown by doubling and handed to the outputs without a copy.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gdf_gf.h"
#include "gdf_mexutil.h"

static const char *FN = "gd_run";

enum { GDF_GD_RUN_OPTIONS(GDF_OPT_X_ID) O_COUNT }; GDF_STATIC_ASSERT(O_COUNT == GDF_GD_RUN_NOPT, o_count);
/* order of the Method choices in the option table */
enum { M_GD, M_HEAVYBALL, M_NESTEROV, M_PROXIMAL, M_NATURAL };
static const char *METHOD_NAMES[] = {"gd", "heavyball", "nesterov", "proximal", "natural"};
enum { H_NONE, H_F, H_FULL };
enum { D_OFF, D_FINAL, D_ITER };

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
    mxArray *in[4], *out[1] = {NULL};
    int stop = 0;
    in[0] = (mxArray *)m->outfcn;
    in[1] = theta_array(m, theta);
    in[2] = mxCreateStructMatrix(1, 1, 5, names);
    mxSetField(in[2], 0, "iteration", mxCreateDoubleScalar((double)k));
    mxSetField(in[2], 0, "fval", mxCreateDoubleScalar(f));
    mxSetField(in[2], 0, "gradnorm", mxCreateDoubleScalar(gnorm));
    mxSetField(in[2], 0, "stepsize", mxCreateDoubleScalar(eta));
    mxSetField(in[2], 0, "funccount", mxCreateDoubleScalar((double)(m->p->nfevals - m->nfevals0)));
    in[3] = mxCreateString(state);
    mexCallMATLAB(1, out, 4, in, "feval");
    if (out[0]) {
        /* a logical (or numeric) scalar, nothing else: a vector's first
         * element, [] or NaN would be a guess at what the user meant */
        double v = NAN;
        size_t ne = mxGetNumberOfElements(out[0]);
        if ((mxIsLogical(out[0]) || mxIsNumeric(out[0])) && !mxIsComplex(out[0]) && ne == 1)
            v = mxGetScalar(out[0]);
        if (v != v)
            gdf_mex_error(FN, "badOutputFcn",
                          "OutputFcn must return a logical scalar (true to stop, false to go on); "
                          "at iteration %ld (state '%s') it returned %s.", k, state,
                          ne != 1 ? (ne == 0 ? "an empty array" : "an array of several elements")
                          : (mxIsLogical(out[0]) || mxIsNumeric(out[0])) && !mxIsComplex(out[0])
                              ? "NaN"
                              : mxIsComplex(out[0]) ? "a complex number" : mxGetClassName(out[0]));
        stop = v != 0.0;
        mxDestroyArray(out[0]);
    }
    mxDestroyArray(in[1]);
    mxDestroyArray(in[2]);
    mxDestroyArray(in[3]);
    return stop;
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
} run_rec;

/* The tolerance below which gd_quadratic calls an eigenvalue zero. */
static double eig_tol(double L, double mu)
{
    double a = fabs(L) > fabs(mu) ? fabs(L) : fabs(mu);
    return 1e3 * 2.220446049250313e-16 * (isfinite(a) ? a : 0.0);
}

/* A GradTol stop is a minimizer only if the second-order test says so
 * (gdf_stationary): at a saddle or a maximum the run ends with exitflag -3
 * and a gdflow:gd_run:saddle warning (once per call).  p is the problem
 * itself (for Method 'natural' the base problem: G^{-1} g = 0 iff g = 0). */
static void classify(gdf_problem *p, const double *theta, run_rec *rr, double **swork, void **siwork,
                     int *warned, ptrdiff_t j, ptrdiff_t m)
{
    double lam[2];
    rr->stationary = GDF_STAT_NONE;
    if (rr->r.why != GDF_WHY_GRADTOL)
        return;
    if (!*swork && gdf_stationary_needs_work(p)) {
        *swork = (double *)mxMalloc(gdf_stationary_work(p->d) * sizeof(double));
        *siwork = mxMalloc(gdf_stationary_iwork(p->d) * sizeof(ptrdiff_t));
    }
    rr->stationary = gdf_stationary(p, theta, *swork, *siwork, lam);
    if (rr->stationary != GDF_STAT_SADDLE && rr->stationary != GDF_STAT_MAXIMUM)
        return;
    rr->r.exitflag = GDF_EXIT_SADDLE;
    rr->r.why = rr->stationary == GDF_STAT_SADDLE ? GDF_WHY_SADDLE : GDF_WHY_MAXIMUM;
    if (!*warned) {
        char col[48] = "";
        if (m > 1)
            snprintf(col, sizeof col, " (start %ld)", (long)(j + 1));
        gdf_mex_warning("gdflow:gd_run:saddle",
                        "gd_run%s stopped at a %s, not a minimizer: ||grad f|| = %g is below GradTol "
                        "but the Hessian there has the eigenvalue %g < 0 (exitflag -3).",
                        col, rr->stationary == GDF_STAT_SADDLE ? "saddle point" : "local maximum",
                        rr->r.gnorm, lam[0]);
        *warned = 1;
    }
}

/* The proximal point method = backward Euler with step eta, through the
 * implicit integrator of gdf_gf.c (one Cholesky of I + eta A for dense
 * quadratics, CG for sparse ones, Newton otherwise).  Fills a GD-style
 * result and history (entries theta_0..theta_k). */
static void run_proximal(gdf_problem *p, double *theta, const gdf_gd_opts *o, int hist,
                         run_rec *rr)
{
    ptrdiff_t d = p->d;
    gdf_gf_opts go;
    gdf_gf_out out;
    gdf_gf_result gr;
    double tspan[2], *work;
    void *iwork;
    long n, K = o->max_iter;
    size_t nw;
    int st;
    if (K >= 100000000L)
        gdf_mex_error(FN, "badOption", "Method 'proximal' needs a finite MaxIter (at most 1e8).");
    gdf_gf_defaults(&go);
    go.method = GDF_GF_IMPLICIT;
    go.h = o->eta;
    go.grad_tol = o->grad_tol;
    go.max_time = o->max_time;
    tspan[0] = 0.0;
    tspan[1] = (double)(K > 0 ? K : 1) * o->eta;
    if (hist == H_FULL)
        gdf_mex_check_alloc(FN, "History 'full'", (double)(K + 1) * (double)d);
    memset(&out, 0, sizeof out);
    out.cap = K + 1;
    out.t = (double *)mxMalloc((size_t)out.cap * sizeof(double));
    out.theta = (double *)mxMalloc((size_t)out.cap * (size_t)d * sizeof(double));
    out.f = (double *)mxMalloc((size_t)out.cap * sizeof(double));
    out.gnorm = (double *)mxMalloc((size_t)out.cap * sizeof(double));
    go.max_steps = K;
    nw = gdf_gf_work(d, GDF_GF_IMPLICIT, p);
    if (nw == (size_t)-1)
        gdf_mex_error(FN, "tooLarge", "the workspace for d = %ld does not fit in memory.", (long)d);
    gdf_mex_check_alloc(FN, "the workspace", (double)nw);
    work = (double *)mxMalloc((nw + 1) * sizeof(double));
    iwork = mxMalloc((gdf_gf_iwork(d, GDF_GF_IMPLICIT, p) + 1) * sizeof(ptrdiff_t));
    if (K == 0) {
        double f, *g = (double *)mxMalloc((size_t)d * sizeof(double));
        gdf_eval(p, theta, &f, g);
        out.t[0] = 0.0;
        memcpy(out.theta, theta, (size_t)d * sizeof(double));
        out.f[0] = f;
        out.gnorm[0] = gdf_nrm2(d, g);
        out.n = 1;
        memset(&gr, 0, sizeof gr);
        gr.exitflag = 0;
        gr.why = GDF_GF_WHY_MAXSTEPS;
    } else {
        st = gdf_gf_run(p, theta, tspan, 2, &go, &out, work, iwork, &gr);
        if (st == GDF_ENEWTON)
            gdf_mex_error(FN, "newtonFailed", "proximal step: %s", gdf_gf_why_message(gr.why));
        if (st != GDF_OK)
            gdf_mex_error(FN, "internal", "the proximal iteration (backward Euler) failed: %s",
                          gdf_gf_why_message(gr.why));
    }
    n = out.n;
    if (n == 0) { /* f(theta0) non-finite: the flow keeps nothing; entry 0 is theta0 */
        double *g = (double *)mxMalloc((size_t)d * sizeof(double));
        out.t[0] = 0.0;
        memcpy(out.theta, theta, (size_t)d * sizeof(double));
        gdf_eval(p, theta, out.f, g);
        out.gnorm[0] = gdf_nrm2(d, g);
        n = out.n = 1;
    }
    memset(&rr->r, 0, sizeof rr->r);
    rr->r.iterations = n - 1;
    rr->r.f = out.f[n - 1];
    rr->r.gnorm = out.gnorm[n - 1];
    rr->r.nfevals = gr.nfevals;
    rr->r.time = gr.time;
    if (gr.exitflag == 2 || (n == 1 && out.gnorm[0] <= o->grad_tol)) {
        rr->r.exitflag = GDF_EXIT_GRADTOL;
        rr->r.why = GDF_WHY_GRADTOL;
    } else if (gr.exitflag == -2) {
        rr->r.exitflag = GDF_EXIT_DIVERGED;
        rr->r.why = GDF_WHY_NONFINITE;
    } else {
        rr->r.exitflag = GDF_EXIT_MAXITER;
        rr->r.why = gr.why == GDF_GF_WHY_MAXTIME ? GDF_WHY_MAXTIME : GDF_WHY_MAXITER;
    }
    memcpy(theta, out.theta + (size_t)(n - 1) * (size_t)d, (size_t)d * sizeof(double));
    memset(&rr->h, 0, sizeof rr->h);
    if (hist != H_NONE) {
        rr->h.f = out.f;
        rr->h.gnorm = out.gnorm;
        rr->h.theta = hist == H_FULL ? out.theta : NULL;
        rr->h.cap = out.cap;
    }
}

static double get_momentum(const gdf_optval *v, int *schedule)
{
    *schedule = 0;
    if (gdf_mex_is_string(v->arr)) {
        char s[16];
        gdf_mex_string(v->arr, FN, "Momentum", s, sizeof s);
        if (strcmp(s, "schedule") != 0)
            gdf_mex_error(FN, "badOption", "option Momentum must be a number in [0, 1) or 'schedule'.");
        *schedule = 1;
        return NAN;
    }
    if (!mxIsNumeric(v->arr) || mxIsComplex(v->arr) || mxGetNumberOfElements(v->arr) != 1 ||
        mxIsSparse(v->arr) || !(mxGetScalar(v->arr) >= 0.0) || !(mxGetScalar(v->arr) < 1.0))
        gdf_mex_error(FN, "badOption", "option Momentum must be a number in [0, 1) or 'schedule'.");
    return mxGetScalar(v->arr);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gdf_mex_problem mp;
    gdf_mex_metric mm;
    gdf_problem *prob;
    gdf_optval ov[O_COUNT];
    gdf_gd_opts o;
    mon_ctx mc;
    run_rec *runs;
    const gdf_optspec *spec;
    int nspec, hist, display, status, step_rule_fixed = 1, method;
    ptrdiff_t rows, cols, d, m, j, k, dprob = -1;
    const double *theta0;
    double *theta, *work, L, mu;
    long cap0, kmax = 0, block_cap = 0;
    int batched = 0, saddle_warned = 0;
    double *swork = NULL;
    void *siwork = NULL;
    double *fblock = NULL, *gblock = NULL, *eblock = NULL, *tblock = NULL;
    const char *step_name = NULL;

    if (nrhs < 2)
        gdf_mex_error(FN, "notEnoughInputs", "usage: [theta, info] = gd_run(fun, theta0, Name, Value, ...).");
    if (nlhs > 2)
        gdf_mex_error(FN, "tooManyOutputs", "at most two outputs: [theta, info].");
    theta0 = gdf_mex_dense(prhs[1], FN, "theta0", &rows, &cols);
    if (rows * cols < 1)
        gdf_mex_error(FN, "badSize", "theta0 must be non-empty.");
    /* d x m: m starting points; a row vector is one start (d = its length) */
    if (mxIsStruct(prhs[0])) {
        const mxArray *fd;
        /* a 1x1 struct before any field is read (p([]) crashed Octave here) */
        gdf_mex_struct1(prhs[0], FN, "badProblem", "the problem (from gd_quadratic, gd_leastsq, "
                                                   "gd_logistic or gd_testfun)");
        fd = mxGetField(prhs[0], 0, "d");
        if (fd && mxIsDouble(fd) && mxGetNumberOfElements(fd) == 1 && mxGetScalar(fd) == 1.0)
            dprob = 1; /* (no cast: d = 1e300 or NaN is refused in gdf_mex_problem_init) */
    }
    if (rows == 1 && cols > 1 && dprob != 1) {
        d = cols;
        m = 1;
    } else {
        d = rows;
        m = cols;
    }
    gdf_mex_problem_init(prhs[0], d, FN, &mp);
    prob = &mp.p;

    spec = gdf_mex_optspec(FN, &nspec);
    gdf_mex_options(FN, spec, nspec, nrhs - 2, prhs + 2, ov);
    method = ov[O_METHOD].set ? ov[O_METHOD].choice : M_GD;

    gdf_gd_defaults(&o);
    L = mp.p.L;
    mu = mp.p.mu;
    if (ov[O_MAXITER].set)
        o.max_iter = isfinite(ov[O_MAXITER].num) ? (long)ov[O_MAXITER].num : LONG_MAX;
    if (ov[O_GRADTOL].set)
        o.grad_tol = ov[O_GRADTOL].num;
    if (ov[O_FUNTOL].set)
        o.fun_tol = ov[O_FUNTOL].num;
    if (ov[O_STEPTOL].set)
        o.step_tol = ov[O_STEPTOL].num;
    if (ov[O_MAXTIME].set)
        o.max_time = ov[O_MAXTIME].num;
    if (ov[O_DIVLIMIT].set)
        o.div_limit = ov[O_DIVLIMIT].num;
    if (ov[O_MOMENTUM].set && method != M_HEAVYBALL && method != M_NESTEROV)
        gdf_mex_error(FN, "badOption", "Momentum applies to Method 'heavyball' and 'nesterov'.");
    if (ov[O_METRIC].set && method != M_NATURAL)
        gdf_mex_error(FN, "badOption", "Metric applies to Method 'natural'.");
    if (method == M_PROXIMAL && (ov[O_STEPTOL].set || ov[O_FUNTOL].set || ov[O_OUTPUTFCN].set))
        gdf_mex_error(FN, "badOption", "Method 'proximal' stops on GradTol, MaxIter and MaxTime only "
                                       "(StepTol, FunTol and OutputFcn are not available).");

    /* step size rule: a number, 1/L, 2/(L+mu) or backtracking */
    {
        int choice = ov[O_STEP].set ? ov[O_STEP].choice : (isfinite(L) && L > 0.0 ? 0 : 2);
        int kn = isfinite(L) && L > 0.0 && isfinite(mu) && mu > 0.0;
        if (!ov[O_STEP].set && method == M_NATURAL) {
            choice = -1;
            o.eta = 1.0; /* the natural step: exact for a quadratic with G = A */
            step_name = "fixed";
        } else if (!ov[O_STEP].set && method == M_HEAVYBALL && kn) {
            choice = -1;
            o.eta = 4.0 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu)));
            step_name = "4/(sqrt(L)+sqrt(mu))^2";
        } else if (!ov[O_STEP].set && method == M_PROXIMAL) {
            if (!(isfinite(L) && L > 0.0))
                gdf_mex_error(FN, "noLipschitz", "Method 'proximal' needs a StepSize (any positive number: it is stable for all of them).");
            choice = -1;
            o.eta = 1.0 / L;
            step_name = "1/L";
        } else if (ov[O_STEP].set && choice < 0) {
            o.eta = ov[O_STEP].num;
            step_name = "fixed";
        }
        if (choice < 0) {
            o.step_rule = GDF_STEP_FIXED;
        } else if (choice == 0) {
            if (!(isfinite(L) && L > 0.0))
                gdf_mex_error(FN, "noLipschitz",
                              "StepSize '1/L' needs the Lipschitz constant L of the gradient, which "
                              "this problem does not know; give a number or 'backtracking'.");
            if (method == M_NATURAL)
                gdf_mex_error(FN, "badOption", "Method 'natural' takes a numeric StepSize (default 1).");
            o.eta = 1.0 / L;
            step_name = "1/L";
        } else if (choice == 1) {
            if (!kn)
                gdf_mex_error(FN, "noLipschitz",
                              "StepSize '2/(L+mu)' needs L and a strong convexity modulus mu > 0, "
                              "which this problem does not know; give a number or 'backtracking'.");
            if (method == M_NATURAL)
                gdf_mex_error(FN, "badOption", "Method 'natural' takes a numeric StepSize (default 1).");
            o.eta = 2.0 / (L + mu);
            step_name = "2/(L+mu)";
        } else {
            if (method != M_GD && method != M_NESTEROV)
                gdf_mex_error(FN, "badOption", "StepSize 'backtracking' is available for Method 'gd' "
                                               "and 'nesterov'; give Method '%s' a number.",
                              METHOD_NAMES[method]);
            o.step_rule = GDF_STEP_ARMIJO;
            step_rule_fixed = 0;
            o.eta = ov[O_INITSTEP].set ? ov[O_INITSTEP].num : (isfinite(L) && L > 0.0 ? 1.0 / L : 1.0);
            step_name = "backtracking";
        }
    }
    /* momentum: given, or the classical choices from L and mu */
    if (method == M_HEAVYBALL || method == M_NESTEROV) {
        double sk = (isfinite(L) && L > 0.0 && isfinite(mu) && mu > 0.0) ? sqrt(L / mu) : NAN;
        o.method = method == M_HEAVYBALL ? GDF_GD_HEAVYBALL : GDF_GD_NESTEROV;
        if (ov[O_MOMENTUM].set) {
            o.momentum = get_momentum(&ov[O_MOMENTUM], &o.momentum_schedule);
            if (o.momentum_schedule && method == M_HEAVYBALL)
                gdf_mex_error(FN, "badOption", "Momentum 'schedule' is Nesterov's (k-1)/(k+2); heavy ball takes a number.");
        } else if (method == M_HEAVYBALL) {
            o.momentum = isfinite(sk) ? ((sk - 1.0) / (sk + 1.0)) * ((sk - 1.0) / (sk + 1.0)) : 0.9;
        } else if (isfinite(sk)) {
            o.momentum = (sk - 1.0) / (sk + 1.0);
        } else {
            o.momentum_schedule = 1;
        }
    }
    if (method == M_NATURAL) {
        gdf_mex_metric_init(ov[O_METRIC].set ? ov[O_METRIC].arr : NULL, &mp, FN, &mm);
        prob = &mm.p;
    }

    hist = ov[O_HISTORY].set ? ov[O_HISTORY].choice : H_F;
    display = ov[O_DISPLAY].set ? ov[O_DISPLAY].choice : D_OFF;
    if (m > 1 && (display == D_ITER || ov[O_OUTPUTFCN].set))
        gdf_mex_error(FN, "badOption", "Display 'iter' and OutputFcn take one starting point (theta0 d x 1).");

    mc.display = display;
    mc.outfcn = ov[O_OUTPUTFCN].set && !mxIsEmpty(ov[O_OUTPUTFCN].arr) ? ov[O_OUTPUTFCN].arr : NULL;
    mc.p = prob;
    mc.nfevals0 = prob->nfevals;
    mc.d = d;
    mc.rows = m == 1 ? rows : d;
    mc.cols = m == 1 ? cols : 1;
    if (display == D_ITER || mc.outfcn) {
        o.monitor = monitor;
        o.mctx = &mc;
    }

    plhs[0] = mxCreateDoubleMatrix((mwSize)rows, (mwSize)cols, mxREAL);
    theta = mxGetPr(plhs[0]);
    memcpy(theta, theta0, (size_t)(d * m) * sizeof(double));
    work = (double *)mxMalloc(gdf_gd_work(d) * sizeof(double));
    runs = (run_rec *)mxCalloc((size_t)m, sizeof(run_rec));
    if (hist == H_FULL && o.max_iter < LONG_MAX)
        gdf_mex_check_alloc(FN, "History 'full'", (double)(o.max_iter + 1) * (double)d * (double)m);

    /* many starts: one block per history array (Octave's mxMalloc costs
     * ~40 us per call, which 1000 starts would pay 2000 times) */
    {
        double per = (o.max_iter < LONG_MAX) ? (double)o.max_iter + 1.0 : 0.0;
        double cells = per * (double)m * (hist == H_FULL ? (double)d + 3.0 : 3.0);
        block_cap = (m > 1 && hist != H_NONE && method != M_PROXIMAL && per > 0.0 &&
                     cells <= 16777216.0) ? (long)per : 0;
        if (block_cap > 0) {
            size_t nb = (size_t)block_cap * (size_t)m;
            fblock = (double *)mxMalloc(nb * sizeof(double));
            gblock = (double *)mxMalloc(nb * sizeof(double));
            if (!step_rule_fixed)
                eblock = (double *)mxMalloc(nb * sizeof(double));
            if (hist == H_FULL)
                tblock = (double *)mxMalloc(nb * (size_t)d * sizeof(double));
            for (k = 0; k < (ptrdiff_t)nb; k++) /* NaN after a start has stopped */
                fblock[k] = gblock[k] = NAN;
        }
    }

    /* plain GD with a fixed step on many starts: all columns together */
    if (m > 1 && method == M_GD && step_rule_fixed && !o.monitor &&
        (hist == H_NONE || block_cap > 0)) {
        gdf_history hb;
        gdf_gd_result *rb = (gdf_gd_result *)mxCalloc((size_t)m, sizeof(gdf_gd_result));
        double *wb;
        gdf_mex_check_alloc(FN, "the workspace", (double)gdf_gd_batch_work(d, m));
        wb = (double *)mxMalloc(gdf_gd_batch_work(d, m) * sizeof(double));
        memset(&hb, 0, sizeof hb);
        hb.f = fblock;
        hb.gnorm = gblock;
        hb.theta = tblock;
        hb.stride = m;
        hb.cap = block_cap;
        status = gdf_gd_batch(prob, m, theta, &o, hist == H_NONE ? NULL : &hb, wb, rb);
        if (status != GDF_OK)
            gdf_mex_error(FN, "internal", "the C core failed: %s.", gdf_mex_status_text(status));
        for (j = 0; j < m; j++) {
            runs[j].r = rb[j];
            runs[j].h.theta = tblock ? tblock + (size_t)j * (size_t)block_cap * (size_t)d : NULL;
        }
        batched = 1;
    }

    for (j = 0; j < m; j++) {
        run_rec *rr = &runs[j];
        double *th = theta + j * d;
        if (batched)
            goto after_run;
        if (method == M_PROXIMAL) {
            run_proximal(prob, th, &o, hist, rr);
        } else {
            /* history buffers: MaxIter + 1 entries at most, grown on demand */
            rr->hc.d = d;
            rr->hc.full = hist == H_FULL;
            rr->hc.max_entries = o.max_iter < LONG_MAX ? o.max_iter + 1 : -1;
            cap0 = rr->hc.max_entries > 0 && rr->hc.max_entries < 4096 ? rr->hc.max_entries : 4096;
            if (block_cap > 0) {
                /* f and gnorm straight into the m x (K+1) output layout */
                size_t off = (size_t)j * (size_t)block_cap;
                rr->h.f = fblock + j;
                rr->h.gnorm = gblock + j;
                rr->h.stride = m;
                rr->h.eta = eblock ? eblock + j : NULL;
                rr->h.theta = tblock ? tblock + off * (size_t)d : NULL;
                rr->h.cap = block_cap; /* MaxIter + 1: never grows */
            } else if (hist != H_NONE) {
                rr->h.f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
                rr->h.gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
                if (!step_rule_fixed)
                    rr->h.eta = (double *)mxMalloc((size_t)cap0 * sizeof(double));
                if (hist == H_FULL)
                    rr->h.theta = (double *)mxMalloc((size_t)cap0 * (size_t)d * sizeof(double));
                rr->h.cap = cap0;
                rr->h.grow = grow;
                rr->h.hctx = &rr->hc;
            }
            status = gdf_gd_run(prob, th, &o, hist != H_NONE ? &rr->h : NULL, work, &rr->r);
            if (status != GDF_OK)
                gdf_mex_error(FN, "internal", "the C core failed: %s.", gdf_mex_status_text(status));
        }
    after_run:
        /* f(theta0) itself non-finite (not the first step): an error for a
         * handle; for the C families, finite at every finite theta, it is
         * overflow and ends as divergence (exitflag -2, warning) below */
        if (rr->r.iterations == 0 && rr->r.why == GDF_WHY_NONFINITE && mp.kind == GDF_KIND_HANDLE &&
            !(isfinite(rr->r.f) && isfinite(rr->r.gnorm)))
            gdf_mex_error(FN, "nonFiniteStart",
                          "f(theta0) = %g and ||grad f(theta0)|| = %g: the objective must be finite "
                          "at the starting point%s.", rr->r.f, rr->r.gnorm,
                          m > 1 ? " (every column of theta0)" : "");
        classify(&mp.p, th, rr, &swork, &siwork, &saddle_warned, j, m);
        if (rr->r.iterations > kmax)
            kmax = rr->r.iterations;
        if (mc.outfcn)
            call_outfcn(&mc, rr->r.iterations, th, rr->r.f, rr->r.gnorm, NAN, "done");
        if (rr->r.exitflag == GDF_EXIT_DIVERGED) {
            char col[48] = "";
            if (m > 1)
                snprintf(col, sizeof col, " (start %ld)", (long)(j + 1));
            if (step_rule_fixed && method == M_GD && isfinite(L) && L > 0.0 && o.eta >= 2.0 / L)
                gdf_mex_warning("gdflow:diverged",
                                "gd_run%s diverged at iteration %ld (f = %g): step size %g is not below "
                                "2/L = %g. The history up to that point is returned.",
                                col, rr->r.iterations, rr->r.f, o.eta, 2.0 / L);
            else
                gdf_mex_warning("gdflow:diverged",
                                "gd_run%s (%s) diverged at iteration %ld (f = %g, step size %g): %s The "
                                "history up to that point is returned.",
                                col, METHOD_NAMES[method], rr->r.iterations, rr->r.f, o.eta,
                                gdf_why_message(rr->r.why));
        }
        if (display != D_OFF)
            mexPrintf("gd_run%s: %s  %ld iterations, f = %.10g, ||grad f|| = %.3g, %.3g s.\n",
                      m > 1 ? " (one start)" : "", gdf_why_message(rr->r.why), rr->r.iterations,
                      rr->r.f, rr->r.gnorm, rr->r.time);
    }

    /* the problem itself knows it has no minimizer, or that its stationary
     * points need not be minima: say so once, whatever the exit */
    if (mp.f_star == -INFINITY)
        gdf_mex_warning("gdflow:gd_run:unbounded",
                        "gd_run: this problem is unbounded below (f_star = -Inf%s): it has no "
                        "minimizer, so no theta or f this run returns is a minimum.",
                        isfinite(mu) && mu < -eig_tol(L, mu) ? ", the Hessian is indefinite" : "");
    else if (isfinite(mu) && mu < -eig_tol(L, mu))
        gdf_mex_warning("gdflow:gd_run:nonconvex",
                        "gd_run: this problem is not convex (mu = %g < 0): a point where the "
                        "gradient vanishes need not be a minimizer.", mu);

    if (nlhs >= 2) {
        static const char *names[] = {"iterations", "exitflag", "message", "fval", "f",
                                      "gradnorm", "theta", "stepsize", "steprule", "method",
                                      "momentum", "L", "mu", "f_star", "funccount", "time",
                                      "stationary"};
        mxArray *info = mxCreateStructMatrix(1, 1, 17, names);
        mxArray *it, *ef, *fv, *fc, *msg;
        long n = kmax + 1;
        double *pit, *pef, *pfv, *pfc, tsum = 0.0;
        it = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
        ef = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
        fv = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
        fc = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
        pit = mxGetPr(it);
        pef = mxGetPr(ef);
        pfv = mxGetPr(fv);
        pfc = mxGetPr(fc);
        for (j = 0; j < m; j++) {
            pit[j] = (double)runs[j].r.iterations;
            pef[j] = (double)runs[j].r.exitflag;
            pfv[j] = runs[j].r.f;
            pfc[j] = (double)runs[j].r.nfevals;
            tsum += runs[j].r.time;
        }
        if (m == 1) {
            msg = mxCreateString(gdf_why_message(runs[0].r.why));
        } else {
            msg = mxCreateCellMatrix(1, (mwSize)m);
            for (j = 0; j < m; j++)
                mxSetCell(msg, (mwIndex)j, mxCreateString(gdf_why_message(runs[j].r.why)));
        }
        mxSetField(info, 0, "iterations", it);
        mxSetField(info, 0, "exitflag", ef);
        mxSetField(info, 0, "message", msg);
        mxSetField(info, 0, "fval", fv);
        if (hist != H_NONE && m == 1) {
            mxSetField(info, 0, "f", row_from(runs[0].h.f, n));
            mxSetField(info, 0, "gradnorm", row_from(runs[0].h.gnorm, n));
        } else if (hist != H_NONE && block_cap > 0) { /* already m x (K+1): trim to kmax+1 */
            mxSetField(info, 0, "f", gdf_mex_adopt(fblock, (size_t)m, (size_t)n));
            mxSetField(info, 0, "gradnorm", gdf_mex_adopt(gblock, (size_t)m, (size_t)n));
        } else if (hist != H_NONE) { /* m x (kmax+1), NaN after a start stopped */
            mxArray *F = mxCreateDoubleMatrix((mwSize)m, (mwSize)n, mxREAL);
            mxArray *G = mxCreateDoubleMatrix((mwSize)m, (mwSize)n, mxREAL);
            double *pF = mxGetPr(F), *pG = mxGetPr(G);
            for (k = 0; k < n; k++) /* write order follows the output's memory */
                for (j = 0; j < m; j++) {
                    int in = k <= runs[j].r.iterations;
                    pF[j + k * m] = in ? runs[j].h.f[k] : NAN;
                    pG[j + k * m] = in ? runs[j].h.gnorm[k] : NAN;
                }
            mxSetField(info, 0, "f", F);
            mxSetField(info, 0, "gradnorm", G);
        } else {
            mxSetField(info, 0, "f", mxDuplicateArray(fv));
            {
                mxArray *G = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
                for (j = 0; j < m; j++)
                    mxGetPr(G)[j] = runs[j].r.gnorm;
                mxSetField(info, 0, "gradnorm", G);
            }
        }
        if (hist == H_FULL && m == 1) {
            mxSetField(info, 0, "theta", gdf_mex_adopt(runs[0].h.theta, (size_t)d, (size_t)n));
        } else if (hist == H_FULL) { /* d x (kmax+1) x m, NaN after a start stopped */
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
                    if (k <= runs[j].r.iterations)
                        memcpy(dst, runs[j].h.theta + (size_t)k * (size_t)d, (size_t)d * sizeof(double));
                    else {
                        ptrdiff_t q;
                        for (q = 0; q < d; q++)
                            dst[q] = NAN;
                    }
                }
            mxSetField(info, 0, "theta", T);
        } else {
            mxSetField(info, 0, "theta", mxCreateDoubleMatrix(0, 0, mxREAL));
        }
        if (step_rule_fixed) {
            mxSetField(info, 0, "stepsize", mxCreateDoubleScalar(o.eta));
        } else if (hist != H_NONE && m == 1) {
            /* eta[k] is the step that produced theta_k, k = 1..iterations */
            mxArray *E = mxCreateDoubleMatrix(1, (mwSize)runs[0].r.iterations, mxREAL);
            if (runs[0].r.iterations > 0)
                memcpy(mxGetPr(E), runs[0].h.eta + 1, (size_t)runs[0].r.iterations * sizeof(double));
            mxSetField(info, 0, "stepsize", E);
        } else {
            mxSetField(info, 0, "stepsize", mxCreateDoubleMatrix(0, 0, mxREAL));
        }
        mxSetField(info, 0, "steprule", mxCreateString(step_name));
        mxSetField(info, 0, "method", mxCreateString(METHOD_NAMES[method]));
        mxSetField(info, 0, "momentum", (method == M_HEAVYBALL || method == M_NESTEROV)
                                            ? (o.momentum_schedule ? mxCreateString("schedule")
                                                                   : mxCreateDoubleScalar(o.momentum))
                                            : mxCreateDoubleScalar(0.0));
        mxSetField(info, 0, "L", mxCreateDoubleScalar(L));
        mxSetField(info, 0, "mu", mxCreateDoubleScalar(mu));
        mxSetField(info, 0, "f_star", mxCreateDoubleScalar(mp.f_star));
        mxSetField(info, 0, "funccount", fc);
        mxSetField(info, 0, "time", mxCreateDoubleScalar(tsum));
        if (m == 1) {
            mxSetField(info, 0, "stationary", mxCreateString(gdf_stationary_name(runs[0].stationary)));
        } else {
            mxArray *c = mxCreateCellMatrix(1, (mwSize)m);
            for (j = 0; j < m; j++)
                mxSetCell(c, (mwIndex)j, mxCreateString(gdf_stationary_name(runs[j].stationary)));
            mxSetField(info, 0, "stationary", c);
        }
        plhs[1] = info;
    }
}
