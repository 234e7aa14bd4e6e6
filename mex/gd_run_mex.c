/* gd_run_mex.c - gateway: [theta, info] = gd_run_mex(fun, theta0, options...)
 *
 * Validates, converts, calls gdf_gd_run and builds info.  History arrays are
 * mxMalloc'd, grown by doubling and handed to the outputs without a copy.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "gdf_mexutil.h"

static const char *FN = "gd_run";

enum { O_STEP, O_MAXITER, O_GRADTOL, O_FUNTOL, O_STEPTOL, O_MAXTIME, O_HISTORY, O_DISPLAY,
       O_OUTPUTFCN, O_DIVLIMIT, O_METHOD, O_INITSTEP, O_COUNT };
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
    long cap = h->cap * 2;
    if (cap < need)
        cap = need;
    if (c->max_entries > 0 && cap > c->max_entries)
        cap = c->max_entries;
    if (cap < need)
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
    ptrdiff_t rows, cols; /* shape of theta0 */
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
        if (mxIsEmpty(out[0]))
            stop = 0;
        else if ((mxIsLogical(out[0]) || mxIsNumeric(out[0])) && !mxIsComplex(out[0]))
            stop = mxGetScalar(out[0]) != 0.0;
        else
            gdf_mex_error(FN, "badOutputFcn", "OutputFcn must return a logical scalar (true to stop).");
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
    mxArray *a = mxCreateDoubleMatrix(0, 0, mxREAL);
    buf = (double *)mxRealloc(buf, (size_t)(n > 0 ? n : 1) * sizeof(double));
    mxSetPr(a, buf);
    mxSetM(a, 1);
    mxSetN(a, (mwSize)n);
    return a;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gdf_mex_problem mp;
    gdf_optval ov[O_COUNT];
    gdf_gd_opts o;
    gdf_history h;
    gdf_gd_result r;
    hist_ctx hc;
    mon_ctx mc;
    const gdf_optspec *spec;
    int nspec, hist, display, status, step_rule_fixed = 1;
    ptrdiff_t rows, cols, d;
    const double *theta0;
    double *theta, *work, L, mu;
    long cap0;
    const char *step_name = NULL;

    if (nrhs < 2)
        gdf_mex_error(FN, "notEnoughInputs", "usage: [theta, info] = gd_run(fun, theta0, Name, Value, ...).");
    if (nlhs > 2)
        gdf_mex_error(FN, "tooManyOutputs", "at most two outputs: [theta, info].");
    theta0 = gdf_mex_dense(prhs[1], FN, "theta0", &rows, &cols);
    if (rows * cols < 1)
        gdf_mex_error(FN, "badSize", "theta0 must be a non-empty vector.");
    if (rows != 1 && cols != 1)
        gdf_mex_error(FN, "badSize", "theta0 must be a vector (d x 1), not %ldx%ld.", (long)rows,
                      (long)cols);
    d = rows * cols;
    gdf_mex_problem_init(prhs[0], d, FN, &mp);

    spec = gdf_mex_optspec(FN, &nspec);
    gdf_mex_options(FN, spec, nspec, nrhs - 2, prhs + 2, ov);

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

    /* step size rule: a number, 1/L, 2/(L+mu) or backtracking */
    {
        int choice = ov[O_STEP].set ? ov[O_STEP].choice : (isfinite(L) && L > 0.0 ? 0 : 2);
        if (ov[O_STEP].set && choice < 0) {
            o.step_rule = GDF_STEP_FIXED;
            o.eta = ov[O_STEP].num;
            step_name = "fixed";
        } else if (choice == 0) {
            if (!(isfinite(L) && L > 0.0))
                gdf_mex_error(FN, "noLipschitz",
                              "StepSize '1/L' needs the Lipschitz constant L of the gradient, which "
                              "this problem does not know; give a number or 'backtracking'.");
            o.eta = 1.0 / L;
            step_name = "1/L";
        } else if (choice == 1) {
            if (!(isfinite(L) && L > 0.0 && isfinite(mu) && mu > 0.0))
                gdf_mex_error(FN, "noLipschitz",
                              "StepSize '2/(L+mu)' needs L and a strong convexity modulus mu > 0, "
                              "which this problem does not know; give a number or 'backtracking'.");
            o.eta = 2.0 / (L + mu);
            step_name = "2/(L+mu)";
        } else {
            o.step_rule = GDF_STEP_ARMIJO;
            step_rule_fixed = 0;
            o.eta = ov[O_INITSTEP].set ? ov[O_INITSTEP].num : (isfinite(L) && L > 0.0 ? 1.0 / L : 1.0);
            step_name = "backtracking";
        }
    }

    hist = ov[O_HISTORY].set ? ov[O_HISTORY].choice : H_F;
    display = ov[O_DISPLAY].set ? ov[O_DISPLAY].choice : D_OFF;

    /* history buffers: MaxIter + 1 entries at most, grown on demand */
    hc.d = d;
    hc.full = hist == H_FULL;
    hc.max_entries = o.max_iter < LONG_MAX ? o.max_iter + 1 : -1;
    cap0 = hc.max_entries > 0 && hc.max_entries < 4096 ? hc.max_entries : 4096;
    if (hist == H_FULL && hc.max_entries > 0)
        gdf_mex_check_alloc(FN, "History 'full'", (double)hc.max_entries * (double)d);
    memset(&h, 0, sizeof h);
    if (hist != H_NONE) {
        h.f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        h.gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        if (!step_rule_fixed)
            h.eta = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        if (hist == H_FULL)
            h.theta = (double *)mxMalloc((size_t)cap0 * (size_t)d * sizeof(double));
        h.cap = cap0;
        h.grow = grow;
        h.hctx = &hc;
    }

    mc.display = display;
    mc.outfcn = ov[O_OUTPUTFCN].set && !mxIsEmpty(ov[O_OUTPUTFCN].arr) ? ov[O_OUTPUTFCN].arr : NULL;
    mc.p = &mp.p;
    mc.nfevals0 = mp.p.nfevals;
    mc.d = d;
    mc.rows = rows;
    mc.cols = cols;
    if (display == D_ITER || mc.outfcn) {
        o.monitor = monitor;
        o.mctx = &mc;
    }

    plhs[0] = mxCreateDoubleMatrix((mwSize)rows, (mwSize)cols, mxREAL);
    theta = mxGetPr(plhs[0]);
    memcpy(theta, theta0, (size_t)d * sizeof(double));
    work = (double *)mxMalloc(gdf_gd_work(d) * sizeof(double));

    status = gdf_gd_run(&mp.p, theta, &o, hist != H_NONE ? &h : NULL, work, &r);
    if (status != GDF_OK)
        gdf_mex_error(FN, "internal", "the C core failed with status %d.", status);
    if (r.iterations == 0 && r.why == GDF_WHY_NONFINITE)
        gdf_mex_error(FN, "nonFiniteStart",
                      "f(theta0) = %g and ||grad f(theta0)|| = %g: the objective must be finite "
                      "at the starting point.", r.f, r.gnorm);
    if (mc.outfcn)
        call_outfcn(&mc, r.iterations, theta, r.f, r.gnorm, NAN, "done");

    if (r.exitflag == GDF_EXIT_DIVERGED) {
        if (step_rule_fixed && isfinite(L) && L > 0.0 && o.eta >= 2.0 / L)
            gdf_mex_warning("gdflow:diverged",
                            "gd_run diverged at iteration %ld (f = %g): step size %g is not below "
                            "2/L = %g. The history up to that point is returned.",
                            r.iterations, r.f, o.eta, 2.0 / L);
        else
            gdf_mex_warning("gdflow:diverged",
                            "gd_run diverged at iteration %ld (f = %g, step size %g): %s The history "
                            "up to that point is returned.",
                            r.iterations, r.f, o.eta, gdf_why_message(r.why));
    }
    if (display != D_OFF)
        mexPrintf("gd_run: %s  %ld iterations, f = %.10g, ||grad f|| = %.3g, %.3g s.\n",
                  gdf_why_message(r.why), r.iterations, r.f, r.gnorm, r.time);

    if (nlhs >= 2) {
        static const char *names[] = {"iterations", "exitflag", "message", "fval", "f",
                                      "gradnorm", "theta", "stepsize", "steprule", "L", "mu",
                                      "f_star", "funccount", "time"};
        mxArray *info = mxCreateStructMatrix(1, 1, 14, names);
        long n = r.iterations + 1;
        mxSetField(info, 0, "iterations", mxCreateDoubleScalar((double)r.iterations));
        mxSetField(info, 0, "exitflag", mxCreateDoubleScalar((double)r.exitflag));
        mxSetField(info, 0, "message", mxCreateString(gdf_why_message(r.why)));
        mxSetField(info, 0, "fval", mxCreateDoubleScalar(r.f));
        if (hist != H_NONE) {
            mxSetField(info, 0, "f", row_from(h.f, n));
            mxSetField(info, 0, "gradnorm", row_from(h.gnorm, n));
        } else {
            mxSetField(info, 0, "f", mxCreateDoubleScalar(r.f));
            mxSetField(info, 0, "gradnorm", mxCreateDoubleScalar(r.gnorm));
        }
        if (hist == H_FULL) {
            mxArray *T = mxCreateDoubleMatrix(0, 0, mxREAL);
            h.theta = (double *)mxRealloc(h.theta, (size_t)n * (size_t)d * sizeof(double));
            mxSetPr(T, h.theta);
            mxSetM(T, (mwSize)d);
            mxSetN(T, (mwSize)n);
            mxSetField(info, 0, "theta", T);
        } else {
            mxSetField(info, 0, "theta", mxCreateDoubleMatrix(0, 0, mxREAL));
        }
        if (step_rule_fixed) {
            mxSetField(info, 0, "stepsize", mxCreateDoubleScalar(o.eta));
        } else if (hist != H_NONE) {
            /* eta[k] is the step that produced theta_k, k = 1..iterations */
            mxArray *E = mxCreateDoubleMatrix(1, (mwSize)r.iterations, mxREAL);
            if (r.iterations > 0)
                memcpy(mxGetPr(E), h.eta + 1, (size_t)r.iterations * sizeof(double));
            mxSetField(info, 0, "stepsize", E);
        } else {
            mxSetField(info, 0, "stepsize", mxCreateDoubleMatrix(0, 0, mxREAL));
        }
        mxSetField(info, 0, "steprule", mxCreateString(step_name));
        mxSetField(info, 0, "L", mxCreateDoubleScalar(L));
        mxSetField(info, 0, "mu", mxCreateDoubleScalar(mu));
        mxSetField(info, 0, "f_star", mxCreateDoubleScalar(mp.f_star));
        mxSetField(info, 0, "funccount", mxCreateDoubleScalar((double)r.nfevals));
        mxSetField(info, 0, "time", mxCreateDoubleScalar(r.time));
        plhs[1] = info;
    }
}
