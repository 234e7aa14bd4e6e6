/* gf_run_mex.c - gateway: [t, Theta, info] = gf_run_mex(fun, theta0, tspan, options...)
 *
 * Gradient flow dtheta/dt = -grad f(theta) in C: euler, heun, rk4, rk45
 * (Dormand-Prince with dense output), implicit (backward Euler) and exact
 * (closed form, quadratics).  Outputs in the shape of ode45: t a column,
 * Theta one row per time.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "gdf_exact.h"
#include "gdf_gf.h"
#include "gdf_mexutil.h"

static const char *FN = "gf_run";

enum { O_METHOD, O_STEP, O_RELTOL, O_ABSTOL, O_INITSTEP, O_MAXSTEP, O_MAXSTEPS, O_GRADTOL,
       O_MAXTIME, O_NEWTONTOL, O_NEWTONMAXIT, O_COUNT };
/* order of the Method choices in the option table */
enum { M_RK45, M_EULER, M_HEUN, M_RK4, M_IMPLICIT, M_EXACT };
static const char *METHOD_NAMES[] = {"rk45", "euler", "heun", "rk4", "implicit", "exact"};

typedef struct {
    ptrdiff_t d;
    long max_entries; /* -1: no limit */
} out_ctx;

static int grow(void *ctx, long need, gdf_gf_out *o)
{
    out_ctx *c = (out_ctx *)ctx;
    long cap = o->cap * 2;
    if (cap < need)
        cap = need;
    if (c->max_entries > 0 && cap > c->max_entries)
        cap = c->max_entries;
    if (cap < need)
        return 1;
    gdf_mex_check_alloc(FN, "the output Theta", (double)cap * (double)c->d);
    o->t = (double *)mxRealloc(o->t, (size_t)cap * sizeof(double));
    o->theta = (double *)mxRealloc(o->theta, (size_t)cap * (size_t)c->d * sizeof(double));
    o->f = (double *)mxRealloc(o->f, (size_t)cap * sizeof(double));
    o->gnorm = (double *)mxRealloc(o->gnorm, (size_t)cap * sizeof(double));
    o->cap = cap;
    return 0;
}

static mxArray *column_from(double *buf, long n)
{
    mxArray *a = mxCreateDoubleMatrix(0, 0, mxREAL);
    buf = (double *)mxRealloc(buf, (size_t)(n > 0 ? n : 1) * sizeof(double));
    mxSetPr(a, buf);
    mxSetM(a, (mwSize)n);
    mxSetN(a, 1);
    return a;
}

/* Theta (n x d, one row per time) from the library's d-per-entry layout */
static mxArray *rows_from(const double *theta, long n, ptrdiff_t d)
{
    mxArray *a = mxCreateDoubleMatrix((mwSize)n, (mwSize)d, mxREAL);
    double *T = mxGetPr(a);
    long i;
    ptrdiff_t j;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
            T[i + (size_t)j * (size_t)n] = theta[(size_t)i * (size_t)d + (size_t)j];
    return a;
}

static void check_tspan(const double *ts, ptrdiff_t nt)
{
    ptrdiff_t i;
    if (nt < 2)
        gdf_mex_error(FN, "badTspan", "tspan must have at least two entries [t0 tf].");
    for (i = 1; i < nt; i++)
        if (!(ts[i] > ts[i - 1]))
            gdf_mex_error(FN, "badTspan", "tspan must be strictly increasing (tspan(%ld) = %g, tspan(%ld) = %g).",
                          (long)i, ts[i - 1], (long)(i + 1), ts[i]);
}

/* closed form for a dense quadratic: Theta at the times, f and ||g|| there */
static void run_exact(gdf_mex_problem *mp, const double *theta0, const double *ts, ptrdiff_t nt,
                      double step, gdf_gf_out *out, gdf_gf_result *r)
{
    ptrdiff_t d = mp->p.d, n, i;
    double *tt, *rel, *Th, *work, t_start = gdf_now();
    void *iwork;
    int st;
    if (mp->kind != GDF_KIND_QUAD)
        gdf_mex_error(FN, "notQuadratic",
                      "Method 'exact' needs a dense quadratic problem (gd_quadratic with a full A); "
                      "use 'rk45' or 'implicit' for other problems.");
    if (nt == 2) { /* no solver steps: a uniform grid of Step, or 100 intervals */
        double t0 = ts[0], tf = ts[1];
        double h = step > 0.0 ? step : (tf - t0) / 100.0;
        double nn = ceil((tf - t0) / h * (1.0 - 1e-12));
        gdf_mex_check_alloc(FN, "the output Theta", (nn + 1.0) * (double)d);
        n = (ptrdiff_t)nn + 1;
        tt = (double *)mxMalloc((size_t)n * sizeof(double));
        for (i = 0; i < n; i++)
            tt[i] = t0 + (double)i * h;
        tt[n - 1] = tf;
    } else {
        n = nt;
        gdf_mex_check_alloc(FN, "the output Theta", (double)n * (double)d);
        tt = (double *)mxMalloc((size_t)n * sizeof(double));
        memcpy(tt, ts, (size_t)n * sizeof(double));
    }
    rel = (double *)mxMalloc((size_t)n * sizeof(double));
    for (i = 0; i < n; i++)
        rel[i] = tt[i] - tt[0];
    Th = (double *)mxMalloc((size_t)n * (size_t)d * sizeof(double));
    work = (double *)mxMalloc(gdf_exact_sym_work(d, n, 1) * sizeof(double));
    iwork = mxMalloc(gdf_exact_sym_iwork(d) * sizeof(ptrdiff_t));
    st = gdf_exact_sym(d, mp->u.quad.A, mp->u.quad.b, 1, theta0, n, rel, 0, 0.0, Th, work, iwork);
    if (st != GDF_OK)
        gdf_mex_error(FN, "lapack", "the eigendecomposition of A failed (status %d).", st);
    /* to the library's entry layout (d per entry), with f and ||g|| */
    out->t = tt;
    out->theta = (double *)mxMalloc((size_t)n * (size_t)d * sizeof(double));
    out->f = (double *)mxMalloc((size_t)n * sizeof(double));
    out->gnorm = (double *)mxMalloc((size_t)n * sizeof(double));
    {
        double *g = (double *)mxMalloc((size_t)d * sizeof(double));
        ptrdiff_t j;
        for (i = 0; i < n; i++) {
            double *x = out->theta + (size_t)i * (size_t)d;
            for (j = 0; j < d; j++)
                x[j] = Th[i + (size_t)j * (size_t)n];
            gdf_eval(&mp->p, x, out->f + i, g);
            out->gnorm[i] = gdf_nrm2(d, g);
        }
    }
    out->n = n;
    out->cap = n;
    memset(r, 0, sizeof *r);
    r->exitflag = 1;
    r->nsteps = 0;
    r->nfevals = n;
    r->time = gdf_now() - t_start;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gdf_mex_problem mp;
    gdf_optval ov[O_COUNT];
    gdf_gf_opts o;
    gdf_gf_out out;
    gdf_gf_result r;
    out_ctx oc;
    const gdf_optspec *spec;
    int nspec, method, status;
    ptrdiff_t rows, cols, d, tm, tn, nt;
    const double *theta0, *ts;
    const char *message;

    if (nrhs < 3)
        gdf_mex_error(FN, "notEnoughInputs", "usage: [t, Theta, info] = gf_run(fun, theta0, tspan, Name, Value, ...).");
    if (nlhs > 3)
        gdf_mex_error(FN, "tooManyOutputs", "at most three outputs: [t, Theta, info].");
    theta0 = gdf_mex_dense(prhs[1], FN, "theta0", &rows, &cols);
    if (rows * cols < 1 || (rows != 1 && cols != 1))
        gdf_mex_error(FN, "badSize", "theta0 must be a non-empty vector (d x 1).");
    d = rows * cols;
    ts = gdf_mex_dense(prhs[2], FN, "tspan", &tm, &tn);
    if (tm != 1 && tn != 1)
        gdf_mex_error(FN, "badTspan", "tspan must be a vector of times.");
    nt = tm * tn;
    check_tspan(ts, nt);
    gdf_mex_problem_init(prhs[0], d, FN, &mp);
    spec = gdf_mex_optspec(FN, &nspec);
    gdf_mex_options(FN, spec, nspec, nrhs - 3, prhs + 3, ov);

    method = ov[O_METHOD].set ? ov[O_METHOD].choice : M_RK45;
    gdf_gf_defaults(&o);
    switch (method) {
    case M_EULER: o.method = GDF_GF_EULER; break;
    case M_HEUN: o.method = GDF_GF_HEUN; break;
    case M_RK4: o.method = GDF_GF_RK4; break;
    case M_IMPLICIT: o.method = GDF_GF_IMPLICIT; break;
    default: o.method = GDF_GF_RK45; break;
    }
    if (method == M_RK45 || method == M_EXACT) {
        if (ov[O_STEP].set && method == M_RK45)
            gdf_mex_error(FN, "badOption",
                          "Step fixes the step of 'euler', 'heun', 'rk4' and 'implicit'; rk45 chooses "
                          "its own steps (use InitialStep, MaxStep, RelTol, AbsTol).");
    } else {
        if (!ov[O_STEP].set)
            gdf_mex_error(FN, "noStep", "Method '%s' takes a fixed step: give 'Step', h.",
                          METHOD_NAMES[method]);
        if (!isfinite(ov[O_STEP].num))
            gdf_mex_error(FN, "badOption", "Step must be finite.");
        o.h = ov[O_STEP].num;
    }
    if (ov[O_INITSTEP].set)
        o.h = ov[O_INITSTEP].num;
    if (ov[O_RELTOL].set)
        o.rtol = ov[O_RELTOL].num;
    if (ov[O_ABSTOL].set)
        o.atol = ov[O_ABSTOL].num;
    if (ov[O_MAXSTEP].set)
        o.max_step = ov[O_MAXSTEP].num;
    if (ov[O_MAXSTEPS].set)
        o.max_steps = isfinite(ov[O_MAXSTEPS].num) ? (long)ov[O_MAXSTEPS].num : LONG_MAX;
    if (ov[O_GRADTOL].set)
        o.grad_tol = ov[O_GRADTOL].num;
    if (ov[O_MAXTIME].set)
        o.max_time = ov[O_MAXTIME].num;
    if (ov[O_NEWTONTOL].set)
        o.newton_tol = ov[O_NEWTONTOL].num;
    if (ov[O_NEWTONMAXIT].set)
        o.newton_maxit = isfinite(ov[O_NEWTONMAXIT].num) ? (int)fmin(ov[O_NEWTONMAXIT].num, 1e6) : 1000000;

    memset(&out, 0, sizeof out);
    if (method == M_EXACT) {
        run_exact(&mp, theta0, ts, nt, ov[O_STEP].set ? ov[O_STEP].num : 0.0, &out, &r);
        message = "Reached the end of tspan (closed form).";
    } else {
        long cap0;
        double *work;
        void *iwork;
        size_t niw;
        oc.d = d;
        oc.max_entries = -1;
        if (nt > 2) {
            oc.max_entries = (long)nt;
            cap0 = (long)nt;
        } else if (o.method != GDF_GF_RK45) {
            double nn = ceil((ts[1] - ts[0]) / o.h * (1.0 - 1e-12)) + 1.0;
            if (o.max_steps < LONG_MAX && nn > (double)o.max_steps + 1.0)
                nn = (double)o.max_steps + 1.0;
            gdf_mex_check_alloc(FN, "the output Theta", nn * (double)d);
            cap0 = nn < 4096.0 ? (long)nn : 4096;
        } else {
            cap0 = 256;
        }
        if (nt > 2)
            gdf_mex_check_alloc(FN, "the output Theta", (double)nt * (double)d);
        out.t = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        out.theta = (double *)mxMalloc((size_t)cap0 * (size_t)d * sizeof(double));
        out.f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        out.gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
        out.cap = cap0;
        out.n = 0;
        out.grow = grow;
        out.ctx = &oc;
        if (o.method == GDF_GF_IMPLICIT && !mp.p.hess_constant && !mp.p.hess)
            gdf_mex_check_alloc(FN, "the finite-difference Jacobian", (double)d * (double)d);
        {
            size_t nw = gdf_gf_work(d, o.method, &mp.p);
            if (nw == (size_t)-1)
                gdf_mex_error(FN, "tooLarge", "the workspace for d = %ld does not fit in memory.", (long)d);
            gdf_mex_check_alloc(FN, "the workspace", (double)nw);
            work = (double *)mxMalloc((nw + 1) * sizeof(double));
        }
        niw = gdf_gf_iwork(d, o.method, &mp.p);
        iwork = mxMalloc((niw + 1) * sizeof(ptrdiff_t));
        status = gdf_gf_run(&mp.p, theta0, ts, nt, &o, &out, work, iwork, &r);
        if (status == GDF_ENEWTON)
            gdf_mex_error(FN, "newtonFailed",
                          "backward Euler near t = %g: %s",
                          out.n > 0 ? out.t[out.n - 1] : ts[0], gdf_gf_why_message(r.why));
        if (status == GDF_EARG)
            gdf_mex_error(FN, "badArgs", "the C core rejected the arguments: %s", gdf_gf_why_message(r.why));
        if (status != GDF_OK)
            gdf_mex_error(FN, "internal", "the C core failed with status %d (%s).", status,
                          gdf_gf_why_message(r.why));
        message = gdf_gf_why_message(r.why);
    }
    if (r.exitflag == -2)
        gdf_mex_warning("gdflow:diverged",
                        "gf_run (%s) stopped at t = %g: the solution became non-finite. The output up to "
                        "that point is returned.",
                        METHOD_NAMES[method], out.n > 0 ? out.t[out.n - 1] : ts[0]);

    plhs[0] = column_from(out.t, out.n);
    if (nlhs >= 2)
        plhs[1] = rows_from(out.theta, out.n, d);
    if (nlhs >= 3) {
        static const char *names[] = {"nsteps", "nfailed", "nfevals", "f", "gradnorm", "exitflag",
                                      "message", "method", "step", "time"};
        mxArray *info = mxCreateStructMatrix(1, 1, 10, names);
        mxSetField(info, 0, "nsteps", mxCreateDoubleScalar((double)r.nsteps));
        mxSetField(info, 0, "nfailed", mxCreateDoubleScalar((double)r.nfailed));
        mxSetField(info, 0, "nfevals", mxCreateDoubleScalar((double)r.nfevals));
        mxSetField(info, 0, "f", column_from(out.f, out.n));
        mxSetField(info, 0, "gradnorm", column_from(out.gnorm, out.n));
        mxSetField(info, 0, "exitflag", mxCreateDoubleScalar((double)r.exitflag));
        mxSetField(info, 0, "message", mxCreateString(message));
        mxSetField(info, 0, "method", mxCreateString(METHOD_NAMES[method]));
        mxSetField(info, 0, "step", mxCreateDoubleScalar(o.method != GDF_GF_RK45 || method == M_EXACT
                                                             ? (ov[O_STEP].set ? ov[O_STEP].num : NAN)
                                                             : NAN));
        mxSetField(info, 0, "time", mxCreateDoubleScalar(r.time));
        plhs[2] = info;
    }
}
