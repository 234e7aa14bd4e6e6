/* gdf_sgd_gw.h - gd_run's Method 'sgd' (issue 16): the gateway part,
 * included by gd_run_mex.c after its O_* option enum (static functions,
 * validation and conversion only; the numerics are gdf_sgd.c's).
 *
 *   sgd_gateway(nlhs, plhs, prhs, ov, mp, theta0, rows, cols, d, m)
 *
 * runs gdf_sgd_run on a gd_leastsq / gd_logistic problem (dense X: a
 * row-major copy X' is made once, so a step reads its B rows contiguously;
 * sparse X: a CSR copy) or on a handle [f, g] = fun(theta, idx), called
 * once per step (and with idx = (1:n)' for the full-data records), and
 * builds theta, info and J_history.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_SGD_GW_H
#define GDF_SGD_GW_H

#include "gdf_sgd.h"

enum { GDF_GD_RUN_SAMPLING(GDF_OPT_X_CHOICE_ID) SMP_COUNT };
GDF_STATIC_ASSERT((int)SMP_WITH == (int)GDF_SGD_WITH && (int)SMP_WITHOUT == (int)GDF_SGD_WITHOUT &&
                  (int)SMP_CYCLIC == (int)GDF_SGD_CYCLIC, sampling_order);
static const char *SGD_SAMPLING_NAMES[] = {GDF_GD_RUN_SAMPLING(GDF_OPT_X_NAME)};

/* ---- a handle [f, g] = fun(theta, idx) ---- */
typedef struct {
    const mxArray *fun;
    ptrdiff_t d, n, rows, cols;
    mxArray *all; /* (1:n)' */
} sgd_handle;

static void sgd_handle_call(sgd_handle *h, const double *theta, mxArray *idx, double *f, double *g)
{
    mxArray *in[3], *out[2] = {NULL, NULL};
    const char *bad = NULL;
    in[0] = (mxArray *)h->fun;
    in[1] = mxCreateDoubleMatrix((mwSize)h->rows, (mwSize)h->cols, mxREAL);
    memcpy(mxGetPr(in[1]), theta, (size_t)h->d * sizeof(double));
    in[2] = idx;
    mexCallMATLAB(2, out, 3, in, "feval");
    if (!out[0] || !mxIsDouble(out[0]) || mxIsComplex(out[0]) || mxIsSparse(out[0]) ||
        mxGetNumberOfElements(out[0]) != 1)
        bad = "f must be a real double scalar";
    else if (!out[1] || !mxIsDouble(out[1]) || mxIsComplex(out[1]) || mxIsSparse(out[1]) ||
             (ptrdiff_t)mxGetNumberOfElements(out[1]) != h->d)
        bad = "g must be a real double vector of the length of theta";
    if (bad)
        gdf_mex_error(FN, "badHandleOutput",
                      "Method 'sgd': [f, g] = fun(theta, idx) must return the mean loss over the "
                      "examples idx and its gradient: %s.", bad);
    if (f)
        *f = mxGetScalar(out[0]);
    memcpy(g, mxGetPr(out[1]), (size_t)h->d * sizeof(double));
    mxDestroyArray(out[0]);
    mxDestroyArray(out[1]);
    mxDestroyArray(in[1]);
}

static int sgd_handle_batch(void *ctx, const double *theta, ptrdiff_t b, const ptrdiff_t *idx,
                            double *f, double *g)
{
    sgd_handle *h = (sgd_handle *)ctx;
    mxArray *I = mxCreateDoubleMatrix((mwSize)b, 1, mxREAL);
    double *pi = mxGetPr(I);
    ptrdiff_t j;
    for (j = 0; j < b; j++)
        pi[j] = (double)(idx[j] + 1);
    sgd_handle_call(h, theta, I, f, g);
    mxDestroyArray(I);
    return GDF_OK;
}

/* a full-data record hands the handle the indices 1..m: in one call up to
 * SGD_FULL_CHUNK examples (h->all, made once), beyond that in chunks whose
 * means are combined with the weights len/m (f and g are means over idx, so
 * the result is the full mean up to rounding).  One list of 10^9 indices
 * was 8 GB, copied into every call: minutes per record */
#define SGD_FULL_CHUNK ((ptrdiff_t)1 << 20)
static int sgd_handle_full(void *ctx, const double *theta, double *f, double *g)
{
    sgd_handle *h = (sgd_handle *)ctx;
    double fl, *gg = g;
    if (!g) /* a full evaluation always wants the gradient: scratch */
        gg = (double *)mxMalloc((size_t)h->d * sizeof(double));
    if (h->n <= SGD_FULL_CHUNK) {
        sgd_handle_call(h, theta, h->all, &fl, gg);
    } else {
        double *gc = (double *)mxMalloc((size_t)h->d * sizeof(double)), fc;
        ptrdiff_t s, j, k;
        fl = 0.0;
        memset(gg, 0, (size_t)h->d * sizeof(double));
        for (s = 0; s < h->n; s += SGD_FULL_CHUNK) {
            ptrdiff_t len = h->n - s < SGD_FULL_CHUNK ? h->n - s : SGD_FULL_CHUNK;
            double w = (double)len / (double)h->n, *pi;
            mxArray *I = mxCreateDoubleMatrix((mwSize)len, 1, mxREAL);
            pi = mxGetPr(I);
            for (j = 0; j < len; j++)
                pi[j] = (double)(s + j + 1);
            sgd_handle_call(h, theta, I, &fc, gc);
            mxDestroyArray(I);
            fl += w * fc;
            for (k = 0; k < h->d; k++)
                gg[k] += w * gc[k];
        }
        mxFree(gc);
    }
    if (f)
        *f = fl;
    if (gg != g)
        mxFree(gg);
    return GDF_OK;
}

/* ---- a user schedule eta = sched(k) ---- */
static int sgd_user_eta(void *ctx, long k, double *eta)
{
    mxArray *in[2], *out[1] = {NULL};
    in[0] = (mxArray *)ctx;
    in[1] = mxCreateDoubleScalar((double)k);
    mexCallMATLAB(1, out, 2, in, "feval");
    if (!out[0] || !(mxIsDouble(out[0]) || mxIsSingle(out[0])) || mxIsComplex(out[0]) ||
        mxGetNumberOfElements(out[0]) != 1)
        gdf_mex_error(FN, "badSchedule",
                      "the Schedule handle must return a positive finite scalar step eta_k; at "
                      "k = %ld it returned %s.", k,
                      !out[0] ? "nothing" : mxGetNumberOfElements(out[0]) != 1
                          ? "an array that is not a scalar" : "a value that is not a real number");
    *eta = mxGetScalar(out[0]);
    mxDestroyArray(out[0]);
    mxDestroyArray(in[1]);
    return GDF_OK;
}

/* ---- Ctrl-C: a long run of minibatch steps makes no other callback;
 * every GDF_SGD_POLL_EVERY steps, and at most every 0.1 s, give
 * the interpreter a chance to act on a pending interrupt (as
 * gdf_mexutil.c's poll of the objective does) ---- */
static void sgd_poll(void *pctx)
{
    double *tlast = (double *)pctx, t = gdf_now();
    if (t - *tlast < 0.1) /* seconds, as gdf_mexutil.c's GDF_POLL_SECONDS */
        return;
    *tlast = t;
#ifdef HAVE_OCTAVE
    mexEvalString("");
#else
    mexEvalString("drawnow;");
#endif
}

/* ---- OutputFcn at the records: stop = outfcn(theta, optimValues, state),
 * optimValues with iteration (the step k), fval and gradnorm (full data;
 * NaN with History 'none'), stepsize (the eta that led to theta_k; NaN at
 * k = 0), funccount (full-data evaluations) and epoch (k B / m) ---- */
typedef struct {
    const mxArray *fn;
    ptrdiff_t d, rows, cols;
    double bpn; /* B / m */
    const gdf_problem *full;
    long nf0;
    int iter; /* Display 'iter' */
} sgd_mon;

static int sgd_outfcn(sgd_mon *m, long k, const double *theta, double f, double gnorm, double eta,
                      const char *state)
{
    static const char *names[] = {"iteration", "fval", "gradnorm", "stepsize", "funccount", "epoch"};
    double vals[6];
    mxArray *x = mxCreateDoubleMatrix((mwSize)m->rows, (mwSize)m->cols, mxREAL);
    memcpy(mxGetPr(x), theta, (size_t)m->d * sizeof(double));
    vals[0] = (double)k;
    vals[1] = f;
    vals[2] = gnorm;
    vals[3] = eta;
    vals[4] = (double)(m->full->nfevals - m->nf0);
    vals[5] = (double)k * m->bpn;
    return gdf_mex_call_outfcn(FN, m->fn, x, 6, names, vals, k, "step", state);
}

static int sgd_monitor(void *mctx, long k, const double *theta, double f, double gnorm, double eta)
{
    sgd_mon *m = (sgd_mon *)mctx;
    if (m->iter) { /* Display 'iter': a row per record, as the run goes */
        if (k == 0)
            mexPrintf("\n      Step      Epochs   full-data f(x)   ||grad f||\n");
        mexPrintf(" %9ld  %10.4g  %15.8g  %11.4g\n", k, (double)k * m->bpn, f, gnorm);
    }
    if (!m->fn)
        return 0;
    if (k == 0 && sgd_outfcn(m, k, theta, f, gnorm, eta, "init"))
        return 1;
    return sgd_outfcn(m, k, theta, f, gnorm, eta, "iter");
}

/* ---- history sinks ---- */
typedef struct {
    ptrdiff_t d;
    long max_entries;
} sgd_hctx;

static int sgd_grow(void *hctx, long need, gdf_sgd_hist *h)
{
    sgd_hctx *c = (sgd_hctx *)hctx;
    long cap = gdf_mex_grow_cap(h->cap, need, c->max_entries);
    if (cap < 0)
        return 1;
    if (h->theta)
        gdf_mex_check_alloc(FN, "History 'full'", (double)cap * (double)c->d);
    h->k = (double *)mxRealloc(h->k, (size_t)cap * sizeof(double));
    h->f = (double *)mxRealloc(h->f, (size_t)cap * sizeof(double));
    h->gnorm = (double *)mxRealloc(h->gnorm, (size_t)cap * sizeof(double));
    if (h->theta)
        h->theta = (double *)mxRealloc(h->theta, (size_t)cap * (size_t)c->d * sizeof(double));
    h->cap = cap;
    return 0;
}

/* a positive integer option (BatchSize, HistoryStride, NumExamples), or
 * Seed (nonneg): the error says what was expected */
static double sgd_int_opt(const gdf_optval *v, const char *name, const char *what, double lo,
                          double hi, const char *expect)
{
    const mxArray *a = v->arr;
    double x;
    if (!(mxIsNumeric(a) || mxIsLogical(a)) || mxIsComplex(a) || mxIsSparse(a) ||
        mxGetNumberOfElements(a) != 1)
        gdf_mex_error(FN, what, "option %s must be %s.", name, expect);
    x = mxGetScalar(a);
    if (!(x >= lo && x <= hi) || x != floor(x))
        gdf_mex_error(FN, what, "option %s must be %s, not %g.", name, expect, x);
    return x;
}

static mxArray *sgd_row(const double *buf, long n)
{
    mxArray *a = mxCreateDoubleMatrix(1, (mwSize)n, mxREAL);
    if (n > 0)
        memcpy(mxGetPr(a), buf, (size_t)n * sizeof(double));
    return a;
}

#define GDF_SGD_INFO_FIELDS(X)                                                                  \
    X(iterations) X(exitflag) X(message) X(fval) X(f) X(gradnorm) X(theta) X(stepsize)          \
    X(steprule) X(method) X(momentum) X(L) X(mu) X(f_star) X(funccount) X(time) X(stationary)    \
    X(hint) X(gradient) X(k) X(epochs) X(theta_avg) X(seed) X(batchsize) X(sampling)            \
    X(schedule) X(numexamples)
#define GDF_SGD_X_ID(name) SI_##name,
#define GDF_SGD_X_NAME(name) #name,
enum { GDF_SGD_INFO_FIELDS(GDF_SGD_X_ID) SI_COUNT };
static const char *SGD_INFO_NAMES[] = {GDF_SGD_INFO_FIELDS(GDF_SGD_X_NAME)};

static mxArray *sgd_info(const gdf_sgd_opts *po, const gdf_sgd_result *pr, const gdf_sgd_hist *ph,
                         int hist, ptrdiff_t d, ptrdiff_t n, const double *avg, const char *steprule,
                         const char *schedname, double L, double mu, double f_star);

static void sgd_gateway(int nlhs, mxArray *plhs[], const mxArray *prhs[], const gdf_optval *ov,
                        gdf_mex_problem *mp, const double *theta0, ptrdiff_t rows, ptrdiff_t cols,
                        ptrdiff_t d, ptrdiff_t m)
{
    static const int refused[] = {O_GRADTOL, O_FUNTOL, O_STEPTOL, O_MAXFEVALS, O_METRIC,
                                  O_INITSTEP};
    static const char *refused_names[] = {"GradTol", "FunTol", "StepTol", "MaxFunEvals", "Metric",
                                          "InitialStep"};
    gdf_sgd_opts o;
    gdf_sgd_source src;
    gdf_sgd_data q;
    gdf_sgd_hist h;
    sgd_hctx hc;
    sgd_handle hh;
    gdf_problem full;
    gdf_sgd_result r;
    sgd_mon mon;
    ptrdiff_t n = 0, i;
    int hist, display, st, sched_handle = 0;
    double L = mp->p.L, mu = mp->p.mu, *theta, *avg = NULL, *work, t_poll = gdf_now();
    ptrdiff_t *iwork;
    const char *steprule = "fixed", *schedname = "constant";
    size_t j;

    if (m > 1)
        gdf_mex_error(FN, "sgdManyStarts",
                      "Method 'sgd' takes one starting point (theta0 d x 1); run the starts one "
                      "after another (each with its own Seed).");
    for (j = 0; j < sizeof refused / sizeof refused[0]; j++)
        if (ov[refused[j]].set)
            gdf_mex_error(FN, "badOption",
                          "%s does not apply to Method 'sgd' (stochastic steps: SGD stops on "
                          "MaxIter, Iterations, MaxTime and divergence only).", refused_names[j]);
    if (ov[O_ITERATIONS].set && ov[O_MAXITER].set)
        gdf_mex_error(FN, "conflictingOptions", "give either Iterations or MaxIter (for Method "
                                                "'sgd' both are the number of SGD steps).");
    gdf_sgd_defaults(&o);
    memset(&q, 0, sizeof q);
    memset(&src, 0, sizeof src);
    full = mp->p;

    /* the problem: a finite sum of n examples */
    if (mp->kind == GDF_KIND_LEASTSQ || mp->kind == GDF_KIND_LOGISTIC) {
        q.logistic = mp->kind == GDF_KIND_LOGISTIC;
        if (ov[O_NUMEXAMPLES].set)
            gdf_mex_error(FN, "badOption", "NumExamples is for a function handle; a %s problem "
                                           "knows its examples (the rows of X).",
                          q.logistic ? "gd_logistic" : "gd_leastsq");
        if (mp->sparse_x) {
            const gdf_sdata *s = &mp->u.sdata;
            ptrdiff_t nnz = s->Xp[s->p];
            ptrdiff_t *Rp, *Rj;
            double *Rx;
            q.n = s->m;
            q.p = s->p;
            q.y = s->y;
            q.lambda = s->lambda;
            gdf_mex_check_alloc(FN, "the rows of the sparse X", 2.0 * (double)nnz + (double)q.n);
            Rp = (ptrdiff_t *)mxMalloc((size_t)(q.n + 1) * sizeof(ptrdiff_t));
            Rj = (ptrdiff_t *)mxMalloc((size_t)(nnz > 0 ? nnz : 1) * sizeof(ptrdiff_t));
            Rx = (double *)mxMalloc((size_t)(nnz > 0 ? nnz : 1) * sizeof(double));
            gdf_sgd_csr(q.n, q.p, s->Xp, s->Xi, s->Xx, Rp, Rj, Rx);
            q.Rp = Rp;
            q.Rj = Rj;
            q.Rx = Rx;
        } else {
            const gdf_data *s = &mp->u.data; /* a gdf_lsgram starts with its gdf_data */
            q.n = s->m;
            q.p = s->p;
            q.y = s->y;
            q.lambda = s->lambda;
            q.X = s->X;
        }
        n = q.n;
        gdf_sgd_source_data(&src, &q);
    } else if (mp->kind == GDF_KIND_HANDLE) {
        if (!ov[O_NUMEXAMPLES].set)
            gdf_mex_error(FN, "noNumExamples",
                          "Method 'sgd' on a function handle needs 'NumExamples', m: the handle is "
                          "called as [f, g] = fun(theta, idx) with idx a column of indices in 1..m.");
        n = (ptrdiff_t)sgd_int_opt(&ov[O_NUMEXAMPLES], "NumExamples", "badOption", 1, 9007199254740992.0,
                                   "a positive integer (the number of examples m)");
        hh.fun = prhs[0];
        hh.d = d;
        hh.n = n;
        hh.rows = rows;
        hh.cols = cols;
        hh.all = NULL; /* (1:m)': made after every option check, below */
        src.n = n;
        src.ctx = &hh;
        src.fg = sgd_handle_batch;
        full.ctx = &hh;
        full.fg = sgd_handle_full;
        full.fg_batch = NULL;
        full.hess = NULL;
        full.hessvec = NULL;
    } else {
        gdf_mex_error(FN, "badProblem",
                      "Method 'sgd' needs a finite sum of examples: a gd_leastsq or gd_logistic "
                      "problem, or a handle [f, g] = fun(theta, idx) with 'NumExamples', m.");
    }

    /* the options */
    if (ov[O_BATCHSIZE].set)
        o.batch = (ptrdiff_t)sgd_int_opt(&ov[O_BATCHSIZE], "BatchSize", "badBatchSize", 1, (double)n,
                                         n > 1 ? "an integer from 1 to the number of examples m"
                                               : "1 (the problem has one example)");
    if (o.batch > n) /* (only n < 1 could get here) */
        gdf_mex_error(FN, "badBatchSize", "BatchSize %ld exceeds the number of examples %ld.",
                      (long)o.batch, (long)n);
    o.sampling = ov[O_SAMPLING].set ? ov[O_SAMPLING].choice : GDF_SGD_WITH;
    if (ov[O_SEED].set)
        o.seed = (uint64_t)sgd_int_opt(&ov[O_SEED], "Seed", "badSeed", 0, 9007199254740992.0,
                                       "a nonnegative integer (at most 2^53)");
    /* the step eta0 */
    if (!ov[O_STEP].set || ov[O_STEP].choice == 0) {
        if (!(isfinite(L) && L > 0.0))
            gdf_mex_error(FN, "noLipschitz",
                          "Method 'sgd' needs a StepSize: the problem has no known Lipschitz "
                          "constant L for the default '1/L'.");
        o.eta0 = 1.0 / L;
        steprule = "1/L";
    } else if (ov[O_STEP].choice == 1) {
        if (!(isfinite(L) && L > 0.0 && isfinite(mu) && mu > 0.0))
            gdf_mex_error(FN, "noLipschitz", "StepSize '2/(L+mu)' needs the problem's L and mu > 0.");
        o.eta0 = 2.0 / (L + mu);
        steprule = "2/(L+mu)";
    } else if (ov[O_STEP].choice == 2) {
        gdf_mex_error(FN, "badOption", "StepSize 'backtracking' does not apply to Method 'sgd' "
                                       "(a line search on a minibatch is not a descent test); "
                                       "give a number, '1/L' or '2/(L+mu)'.");
    } else {
        o.eta0 = ov[O_STEP].num;
    }
    if (ov[O_SCHEDULE].set) {
        const mxArray *a = ov[O_SCHEDULE].arr;
        if (mxGetClassID(a) == mxFUNCTION_CLASS) {
            o.schedule = GDF_SGD_USER;
            o.eta_fn = sgd_user_eta;
            o.ectx = (void *)a;
            sched_handle = 1;
            schedname = "handle";
        } else {
            char s[32] = "";
            if (gdf_mex_is_string(a) && mxGetNumberOfElements(a) < sizeof s)
                gdf_mex_string(a, FN, "Schedule", s, sizeof s);
            if (strcmp(s, "constant") == 0)
                o.schedule = GDF_SGD_CONSTANT;
            else if (strcmp(s, "inverse") == 0)
                o.schedule = GDF_SGD_INVERSE;
            else if (strcmp(s, "inverse-sqrt") == 0)
                o.schedule = GDF_SGD_INVSQRT;
            else
                gdf_mex_error(FN, "badSchedule",
                              "option Schedule must be 'constant', 'inverse' (eta0/(1 + k/k0)), "
                              "'inverse-sqrt' (eta0/sqrt(1 + k/k0)) or a handle @(k) eta_k.");
            schedname = o.schedule == GDF_SGD_CONSTANT ? "constant"
                        : o.schedule == GDF_SGD_INVERSE ? "inverse" : "inverse-sqrt";
        }
    }
    o.k0 = ov[O_SCHEDK0].set ? ov[O_SCHEDK0].num : (double)n / (double)o.batch;
    if (!isfinite(o.k0))
        gdf_mex_error(FN, "badOption", "option ScheduleK0 must be a positive finite number.");
    if (ov[O_MOMENTUM].set) {
        const mxArray *a = ov[O_MOMENTUM].arr;
        double b = NAN;
        if (mxIsNumeric(a) && !mxIsComplex(a) && !mxIsSparse(a) && mxGetNumberOfElements(a) == 1)
            b = mxGetScalar(a);
        if (!(b >= 0.0 && b < 1.0))
            gdf_mex_error(FN, "badOption", "option Momentum for Method 'sgd' must be a heavy-ball "
                                           "beta in [0, 1).");
        o.momentum = b;
    }
    o.averaging = ov[O_AVERAGING].set && ov[O_AVERAGING].choice == 1;
    if (ov[O_AVGFROM].set) {
        if (!isfinite(ov[O_AVGFROM].num))
            gdf_mex_error(FN, "badOption", "option AverageFrom must be a finite step index.");
        o.avg_from = (long)ov[O_AVGFROM].num;
        o.averaging = o.averaging || !ov[O_AVERAGING].set; /* AverageFrom alone turns it on */
    }
    /* MaxIter: default 100 epochs' worth of steps */
    if (ov[O_ITERATIONS].set || ov[O_MAXITER].set) {
        double v = ov[O_ITERATIONS].set ? ov[O_ITERATIONS].num : ov[O_MAXITER].num;
        o.max_iter = isfinite(v) ? (long)v : LONG_MAX;
    } else {
        o.max_iter = (long)ceil(100.0 * (double)n / (double)o.batch);
    }
    if (ov[O_MAXTIME].set)
        o.max_time = ov[O_MAXTIME].num;
    if (ov[O_DIVLIMIT].set)
        o.div_limit = ov[O_DIVLIMIT].num;
    o.stride = n / o.batch > 1 ? (long)(n / o.batch) : 1;
    if (ov[O_HSTRIDE].set)
        o.stride = (long)sgd_int_opt(&ov[O_HSTRIDE], "HistoryStride", "badOption", 1, 9007199254740992.0,
                                     "a positive integer (SGD steps between full-data records)");
    hist = ov[O_HISTORY].set ? ov[O_HISTORY].choice : H_F;
    display = ov[O_DISPLAY].set ? ov[O_DISPLAY].choice : D_OFF;
    o.record_f = hist != H_NONE;
    o.poll = sgd_poll;
    o.pctx = &t_poll;
    memset(&mon, 0, sizeof mon);
    mon.iter = display == D_ITER;
    if (mon.iter || (ov[O_OUTPUTFCN].set && !mxIsEmpty(ov[O_OUTPUTFCN].arr))) {
        mon.fn = ov[O_OUTPUTFCN].set && !mxIsEmpty(ov[O_OUTPUTFCN].arr) ? ov[O_OUTPUTFCN].arr : NULL;
        mon.d = d;
        mon.rows = rows;
        mon.cols = cols;
        mon.bpn = (double)o.batch / (double)n;
        mon.full = &full;
        mon.nf0 = full.nfevals;
        o.monitor = sgd_monitor;
        o.mctx = &mon;
    }
    if (nlhs > 2 && hist == H_NONE)
        gdf_mex_error(FN, "badOption", "J_history (the third output) needs History 'f' or 'full'.");

    /* a contiguous copy of the rows when the run reads them more than the
     * copy costs (a dense X, B < n, at least n/4 examples drawn) */
    if (q.X && o.batch < n && (double)o.max_iter * (double)o.batch >= 0.25 * (double)n) {
        double *Xr;
        gdf_mex_check_alloc(FN, "the row-major copy of X", (double)n * (double)q.p);
        Xr = (double *)mxMalloc((size_t)n * (size_t)q.p * sizeof(double));
        gdf_sgd_transpose(n, q.p, q.X, Xr);
        q.Xr = Xr;
    }

    /* history sinks */
    memset(&h, 0, sizeof h);
    hc.d = d;
    hc.max_entries = o.max_iter < LONG_MAX ? o.max_iter / o.stride + 2 : -1;
    {
        long cap0 = hc.max_entries > 0 && hc.max_entries < GDF_OUT_CAP0 ? hc.max_entries : GDF_OUT_CAP0;
        if (hist != H_NONE) {
            h.k = (double *)mxMalloc((size_t)cap0 * sizeof(double));
            h.f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
            h.gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
            if (hist == H_FULL) {
                gdf_mex_check_alloc(FN, "History 'full'", (double)cap0 * (double)d);
                h.theta = (double *)mxMalloc((size_t)cap0 * (size_t)d * sizeof(double));
            }
            h.cap = cap0;
            h.grow = sgd_grow;
            h.hctx = &hc;
        }
    }

    plhs[0] = mxCreateDoubleMatrix((mwSize)rows, (mwSize)cols, mxREAL);
    theta = mxGetPr(plhs[0]);
    memcpy(theta, theta0, (size_t)d * sizeof(double));
    if (o.averaging)
        avg = (double *)mxMalloc((size_t)d * sizeof(double));
    work = (double *)mxMalloc(gdf_sgd_work(d) * sizeof(double));
    /* 'without-replacement' keeps a permutation of the m examples */
    gdf_mex_check_alloc(FN, "the SGD index workspace (a permutation of the m examples for "
                            "'without-replacement')", (double)gdf_sgd_iwork(n, o.batch, o.sampling));
    iwork = (ptrdiff_t *)mxMalloc(gdf_sgd_iwork(n, o.batch, o.sampling) * sizeof(ptrdiff_t));
    if (mp->kind == GDF_KIND_HANDLE) {
        /* the full-data index list 1..m, sized by the user's m: checked
         * (m = 2^53 asked Octave for 64 PB: its out-of-memory error without
         * an identifier), and made only now that every option has been
         * checked (m = 1e9 with a bad BatchSize spent 28 s filling 8 GB
         * before the error) */
        gdf_mex_check_alloc(FN, "the index list 1..NumExamples of the full-data records", (double)n);
        if (n <= SGD_FULL_CHUNK) {
            hh.all = mxCreateDoubleMatrix((mwSize)n, 1, mxREAL);
            for (i = 0; i < n; i++)
                mxGetPr(hh.all)[i] = (double)(i + 1);
        }
    }
    st = gdf_sgd_run(&full, &src, theta, &o, hist != H_NONE ? &h : NULL, avg, work, iwork, &r);
    if (st == GDF_EARG)
        gdf_mex_error(FN, "badSchedule",
                      "the step schedule must give a positive finite step eta_k; at k = %ld it gave "
                      "%g%s.", r.iterations, r.bad_eta, sched_handle ? " (the Schedule handle)" : "");
    if (st != GDF_OK)
        gdf_mex_error(FN, "internal", "the SGD core failed: %s.", gdf_mex_status_text(st));
    if (mon.fn)
        sgd_outfcn(&mon, r.iterations, theta, r.f, r.gnorm, NAN, "done");
    if (r.exitflag == GDF_EXIT_DIVERGED)
        gdf_mex_warning("gdflow:diverged",
                        "gd_run (sgd) diverged at step %ld (f = %g, step size %g%s%s): %s The history "
                        "up to that point is returned.", r.iterations, r.f, o.eta0,
                        o.schedule != GDF_SGD_CONSTANT ? " at k = 0" : "",
                        isfinite(L) && o.eta0 >= 2.0 / L ? ", not below 2/L" : "",
                        gdf_why_message(r.why));
    /* no iterate reached AverageFrom (or no step was taken): the core
     * hands back the last iterate as theta_avg; say so rather than return
     * it as an average */
    if (o.averaging && r.navg == 0)
        gdf_mex_warning("gdflow:gd_run:noAverage",
                        "gd_run (sgd): no iterate was averaged (AverageFrom = %ld, the run took %ld "
                        "steps): INFO.theta_avg is the last iterate, not an average.",
                        o.avg_from > 1 ? o.avg_from : 1L, r.iterations);
    if (display != D_OFF) {
        mexPrintf("gd_run (sgd): %s  %ld steps (%.4g epochs), f = %.10g, ||grad f|| = %.3g, %.3g s.\n",
                  gdf_why_message(r.why), r.iterations, r.epochs, r.f, r.gnorm, r.time);
    }

    if (nlhs >= 2)
        plhs[1] = sgd_info(&o, &r, &h, hist, d, n, avg, steprule, schedname, L, mu, mp->f_star);
    if (nlhs > 2) {
        long K = h.n > 0 ? h.n - 1 : 0, t;
        mxArray *J = mxCreateDoubleMatrix((mwSize)K, 1, mxREAL);
        for (t = 0; t < K; t++)
            mxGetPr(J)[t] = h.f[t + 1];
        plhs[2] = J;
    }
    /* everything this call allocated (an error unwinding the call frees
     * it too: the MEX interface) */
    mxFree(work);
    mxFree(iwork);
    if (avg)
        mxFree(avg);
    if (h.k) {
        mxFree(h.k);
        mxFree(h.f);
        mxFree(h.gnorm);
    }
    if (h.theta)
        mxFree(h.theta);
    if (q.Xr)
        mxFree((void *)q.Xr);
    if (q.Rp) {
        mxFree((void *)q.Rp);
        mxFree((void *)q.Rj);
        mxFree((void *)q.Rx);
    }
    if (mp->kind == GDF_KIND_HANDLE)
        if (hh.all)
            mxDestroyArray(hh.all);
}

static mxArray *sgd_info(const gdf_sgd_opts *po, const gdf_sgd_result *pr, const gdf_sgd_hist *ph,
                         int hist, ptrdiff_t d, ptrdiff_t n, const double *avg, const char *steprule,
                         const char *schedname, double L, double mu, double f_star)
{
    const gdf_sgd_opts o = *po;
    const gdf_sgd_result r = *pr;
    const gdf_sgd_hist h = *ph;
    mxArray *info;
    info = mxCreateStructMatrix(1, 1, SI_COUNT, SGD_INFO_NAMES);
    mxSetFieldByNumber(info, 0, SI_iterations, mxCreateDoubleScalar((double)r.iterations));
    mxSetFieldByNumber(info, 0, SI_exitflag, mxCreateDoubleScalar((double)r.exitflag));
    mxSetFieldByNumber(info, 0, SI_message, mxCreateString(gdf_why_message(r.why)));
    mxSetFieldByNumber(info, 0, SI_fval, mxCreateDoubleScalar(r.f));
    if (hist != H_NONE) {
        mxSetFieldByNumber(info, 0, SI_f, sgd_row(h.f, h.n));
        mxSetFieldByNumber(info, 0, SI_gradnorm, sgd_row(h.gnorm, h.n));
        mxSetFieldByNumber(info, 0, SI_k, sgd_row(h.k, h.n));
    } else {
        /* History 'none': the final values only */
        mxSetFieldByNumber(info, 0, SI_f, mxCreateDoubleScalar(r.f));
        mxSetFieldByNumber(info, 0, SI_gradnorm, mxCreateDoubleScalar(r.gnorm));
        mxSetFieldByNumber(info, 0, SI_k, mxCreateDoubleScalar((double)r.iterations));
    }
    if (hist == H_FULL) {
        mxArray *T = mxCreateDoubleMatrix((mwSize)d, (mwSize)h.n, mxREAL);
        memcpy(mxGetPr(T), h.theta, (size_t)h.n * (size_t)d * sizeof(double));
        mxSetFieldByNumber(info, 0, SI_theta, T);
    } else {
        mxSetFieldByNumber(info, 0, SI_theta, mxCreateDoubleMatrix(0, 0, mxREAL));
    }
    mxSetFieldByNumber(info, 0, SI_stepsize, mxCreateDoubleScalar(o.eta0));
    mxSetFieldByNumber(info, 0, SI_steprule, mxCreateString(steprule));
    mxSetFieldByNumber(info, 0, SI_method, mxCreateString("sgd"));
    mxSetFieldByNumber(info, 0, SI_momentum, mxCreateDoubleScalar(o.momentum));
    mxSetFieldByNumber(info, 0, SI_L, mxCreateDoubleScalar(L));
    mxSetFieldByNumber(info, 0, SI_mu, mxCreateDoubleScalar(mu));
    mxSetFieldByNumber(info, 0, SI_f_star, mxCreateDoubleScalar(f_star));
    mxSetFieldByNumber(info, 0, SI_funccount, mxCreateDoubleScalar((double)r.nfevals));
    mxSetFieldByNumber(info, 0, SI_time, mxCreateDoubleScalar(r.time));
    mxSetFieldByNumber(info, 0, SI_stationary, mxCreateString("none"));
    mxSetFieldByNumber(info, 0, SI_hint, mxCreateString(""));
    mxSetFieldByNumber(info, 0, SI_gradient, mxCreateString("analytic"));
    mxSetFieldByNumber(info, 0, SI_epochs, mxCreateDoubleScalar(r.epochs));
    if (o.averaging) {
        mxArray *A = mxCreateDoubleMatrix((mwSize)d, 1, mxREAL);
        memcpy(mxGetPr(A), avg, (size_t)d * sizeof(double));
        mxSetFieldByNumber(info, 0, SI_theta_avg, A);
    } else {
        mxSetFieldByNumber(info, 0, SI_theta_avg, mxCreateDoubleMatrix(0, 0, mxREAL));
    }
    mxSetFieldByNumber(info, 0, SI_seed, mxCreateDoubleScalar((double)o.seed));
    mxSetFieldByNumber(info, 0, SI_batchsize, mxCreateDoubleScalar((double)o.batch));
    mxSetFieldByNumber(info, 0, SI_sampling, mxCreateString(SGD_SAMPLING_NAMES[o.sampling]));
    mxSetFieldByNumber(info, 0, SI_schedule, mxCreateString(schedname));
    mxSetFieldByNumber(info, 0, SI_numexamples, mxCreateDoubleScalar((double)n));
    return info;
}

#endif
