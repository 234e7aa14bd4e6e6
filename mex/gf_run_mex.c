/* gf_run_mex.c - gateway: [t, Theta, info] = gf_run_mex(fun, theta0, tspan, options...)
 *
 * Gradient flow dtheta/dt = -grad f(theta) in C: euler, heun, rk4, rk45
 * (Dormand-Prince with dense output), implicit (backward Euler) and exact
 * (closed form, quadratics).  Beyond the gradient flow: heavyball and
 * nesterov (second-order ODEs as first-order systems, gdf_second.c, with the
 * same integrators), natural (theta' = -G^{-1} grad f, gdf_natural.c) and
 * langevin (Euler-Maruyama, gdf_langevin.c).  Outputs in the shape of
 * ode45: t a column, Theta one row per time.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gdf_exact.h"
#include "gdf_gf.h"
#include "gdf_langevin.h"
#include "gdf_mexutil.h"
#include "gdf_second.h"

static const char *FN = "gf_run";

/* the order of GF_RUN_SPEC in gdf_mexutil.c */
enum { GDF_GF_RUN_OPTIONS(GDF_OPT_X_ID) O_COUNT }; GDF_STATIC_ASSERT(O_COUNT == GDF_GF_RUN_NOPT, o_count);
/* order of the Method choices in the option table */
enum { M_RK45, M_EULER, M_HEUN, M_RK4, M_IMPLICIT, M_EXACT, M_HEAVYBALL, M_NESTEROV, M_NATURAL,
       M_LANGEVIN };
static const char *METHOD_NAMES[] = {"rk45", "euler", "heun", "rk4", "implicit", "exact",
                                     "heavyball", "nesterov", "natural", "langevin"};
/* order of the Integrator choices (heavyball, nesterov, natural) */
enum { I_RK45, I_EULER, I_HEUN, I_RK4 };
static const char *INTEGRATOR_NAMES[] = {"rk45", "euler", "heun", "rk4"};

typedef struct {
    ptrdiff_t d;
    long max_entries; /* -1: no limit */
} out_ctx;

/* gdf_mex_check_alloc, with absurd sizes (more than 1e18 doubles, or NaN)
 * refused here in a short message (no 300-digit count; up to 1e18 that
 * function's message, whose count has at most 19 digits) */
static void check_alloc(const char *what, double ndoubles)
{
    if (!(ndoubles <= 1e18))
        gdf_mex_error(FN, "tooLarge", "%s would need %.3g GB (%.3g doubles), more than any memory; ask "
                                      "for less (a shorter span, a larger Step or MaxStep, fewer times, "
                                      "or MaxSteps).", what, ndoubles * 8.0 / 1e9, ndoubles);
    gdf_mex_check_alloc(FN, what, ndoubles);
}

static int grow(void *ctx, long need, gdf_gf_out *o)
{
    out_ctx *c = (out_ctx *)ctx;
    long cap = gdf_mex_grow_cap(o->cap, need, c->max_entries);
    if (cap < 0)
        return 1;
    /* t, f, gnorm with Theta; during mxRealloc the old and the new blocks */
    check_alloc("the output Theta", ((double)cap + (double)o->cap) * ((double)c->d + 3.0));
    o->t = (double *)mxRealloc(o->t, (size_t)cap * sizeof(double));
    o->theta = (double *)mxRealloc(o->theta, (size_t)cap * (size_t)c->d * sizeof(double));
    o->f = (double *)mxRealloc(o->f, (size_t)cap * sizeof(double));
    o->gnorm = (double *)mxRealloc(o->gnorm, (size_t)cap * sizeof(double));
    o->cap = cap;
    return 0;
}

static mxArray *column_from(double *buf, long n)
{
    return gdf_mex_adopt(buf, (size_t)n, 1);
}

/* n x d, one row per time, from entries of `stride` doubles: entry i's
 * elements off .. off + d - 1 (the library's layout: stride d, off 0) */
static mxArray *rows_from_part(const double *theta, long n, ptrdiff_t stride, ptrdiff_t off,
                               ptrdiff_t d)
{
    mxArray *a = mxCreateDoubleMatrix((mwSize)n, (mwSize)d, mxREAL);
    double *T = mxGetPr(a);
    long i;
    ptrdiff_t j;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
            T[i + (size_t)j * (size_t)n] = theta[(size_t)i * (size_t)stride + (size_t)off + (size_t)j];
    return a;
}

static void check_tspan(const double *ts, ptrdiff_t nt)
{
    ptrdiff_t i;
    if (nt < 2)
        gdf_mex_error(FN, "badTspan", "tspan must have at least two entries [t0 tf].");
    for (i = 0; i < nt; i++)
        if (!isfinite(ts[i]))
            gdf_mex_error(FN, "badTspan", "tspan must hold finite times (tspan(%ld) = %g).", (long)(i + 1),
                          ts[i]);
    for (i = 1; i < nt; i++)
        if (!(ts[i] > ts[i - 1]))
            gdf_mex_error(FN, "badTspan", "tspan must be strictly increasing (tspan(%ld) = %g, tspan(%ld) = %g).",
                          (long)i, ts[i - 1], (long)(i + 1), ts[i]);
    if (!isfinite(ts[nt - 1] - ts[0]))
        gdf_mex_error(FN, "badTspan", "the span tf - t0 = %g - (%g) overflows; give times whose "
                                      "difference is finite.", ts[nt - 1], ts[0]);
}

/* 1 when MaxSteps was not given: the default limit GDF_GF_MAX_STEPS_DEFAULT
 * applies, spans that cannot finish within it are refused up front, and a
 * run that reaches it gets a warning */
static int maxsteps_default;
static long default_limit; /* GDF_GF_MAX_STEPS_DEFAULT(_CALLBACK) */

/* refuse up front what cannot finish: the fixed-step grid (and Langevin's)
 * must be representable, and without MaxSteps a run must not need more than
 * the default limit of steps unless it can stop early (GradTol, the
 * stationary stop of rk45 on a problem with mu > 0) */
static void check_span(const gdf_problem *p, const double *ts, ptrdiff_t nt, const gdf_gf_opts *o,
                       int grid_only)
{
    double t0 = ts[0], tf = ts[nt - 1], steps;
    if (grid_only && o->method != GDF_GF_RK45) {
        int sh;
        double tmax = fmax(fabs(t0), fabs(tf));
        if (!((tf - t0) / o->h < 4503599627370496.0))
            gdf_mex_error(FN, "spanTooLong", "the span [%.3g, %.3g] needs %.3g steps of Step = %.3g, more "
                                             "than the 2^52 a time grid can hold. Give a shorter span or "
                                             "a larger Step.", t0, tf, (tf - t0) / o->h, o->h);
        if (!(o->h >= 4.0 * 2.220446049250313e-16 * tmax))
            gdf_mex_error(FN, "badOption", "Step = %.3g is below the resolution of the times near "
                                           "t = %.3g (at least 4*eps*|t| = %.3g): the times t0 + k*Step "
                                           "would repeat. Give a larger Step or times nearer 0.",
                          o->h, tmax, 4.0 * 2.220446049250313e-16 * tmax);
        if (gdf_gf_grid(t0, tf, o->h, &sh) < 0)
            gdf_mex_error(FN, "badTspan", "the time grid t0 + k*Step over [%.3g, %.3g] with Step = %.3g "
                                          "cannot be represented.", t0, tf, o->h);
    }
    if (!grid_only && maxsteps_default &&
        gdf_gf_span_too_long(p, ts, nt, o, (double)default_limit, &steps))
        gdf_mex_error(FN, "spanTooLong",
                      "the span [%.3g, %.3g] needs about %.3g steps (%s), more than the default limit of "
                      "%.3g steps, and this run cannot stop earlier. Give a shorter span, a GradTol "
                      "(a terminal event), or MaxSteps (the steps to take at most; Inf for no limit).",
                      t0, tf, steps,
                      o->method != GDF_GF_RK45 ? "(tf - t0)/Step"
                      : o->max_step > 0.0      ? "(tf - t0)/MaxStep, or rk45's stability limit 3.3/L"
                                               : "rk45's stability limit: steps of at most 3.3/L",
                      (double)default_limit);
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
        if (!(h >= 4.0 * 2.220446049250313e-16 * fmax(fabs(t0), fabs(tf))))
            gdf_mex_error(FN, "badOption", "Step = %.3g is below the resolution of the times in [%.3g, %.3g]: "
                                           "the times t0 + k*Step would repeat. Give a larger Step or the "
                                           "output times (a tspan of more than two entries).", h, t0, tf);
        /* Th, its workspace, the entry layout and the returned copy: 4 n d */
        check_alloc("the output Theta", (nn + 1.0) * (4.0 * (double)d + 3.0));
        n = (ptrdiff_t)nn + 1;
        tt = (double *)mxMalloc((size_t)n * sizeof(double));
        for (i = 0; i < n; i++)
            tt[i] = t0 + (double)i * h;
        tt[n - 1] = tf;
    } else {
        n = nt;
        check_alloc("the output Theta", (double)n * (4.0 * (double)d + 3.0));
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
        gdf_mex_error(FN, "lapack", "the eigendecomposition of A failed: %s.", gdf_mex_status_text(st));
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

/* Integrate p from y0 (p->d doubles) over ts with the gradient-flow
 * integrators (o), or by Euler-Maruyama when lo is given.  out gets every
 * output point (entries of p->d doubles).  Errors are raised here. */
static void integrate(gdf_problem *p, const double *y0, const double *ts, ptrdiff_t nt,
                      const gdf_gf_opts *o, const gdf_langevin_opts *lo, gdf_gf_out *out,
                      gdf_gf_result *r, out_ctx *oc)
{
    ptrdiff_t D = p->d;
    long cap0;
    double *work;
    size_t nw;
    int status;
    gdf_gf_opts oe = *o;
    if (lo) { /* Euler-Maruyama runs on the euler grid, and never stops early */
        oe.method = GDF_GF_EULER;
        oe.grad_tol = 0.0;
        oe.stationary = 0;
    }
    /* the span: the grid first, then the memory of the output (as the steps
     * need it: at most MaxSteps when given), then the default step limit */
    check_span(p, ts, nt, &oe, 1);
    oc->d = D;
    oc->max_entries = -1;
    if (nt > 2) {
        oc->max_entries = (long)nt;
        cap0 = (long)nt;
    } else if (o->method != GDF_GF_RK45) {
        double nn = ceil((ts[1] - ts[0]) / o->h * (1.0 - 1e-12)) + 1.0;
        if (!maxsteps_default && o->max_steps < LONG_MAX && nn > (double)o->max_steps + 1.0)
            nn = (double)o->max_steps + 1.0;
        check_alloc("the output Theta", nn * (double)D);
        cap0 = nn < 4096.0 ? (long)nn : 4096;
    } else {
        cap0 = 256;
        if (o->max_step > 0.0) /* at least (tf - t0)/MaxStep steps, every one kept */
            check_alloc("the output Theta",
                                (maxsteps_default ? ceil((ts[1] - ts[0]) / o->max_step)
                                                  : fmin(ceil((ts[1] - ts[0]) / o->max_step),
                                                         (double)o->max_steps) + 1.0) *
                                    ((double)D + 3.0));
    }
    if (nt > 2)
        check_alloc("the output Theta", (double)nt * (double)D);
    check_span(p, ts, nt, &oe, 0);
    out->t = (double *)mxMalloc((size_t)cap0 * sizeof(double));
    out->theta = (double *)mxMalloc((size_t)cap0 * (size_t)D * sizeof(double));
    out->f = (double *)mxMalloc((size_t)cap0 * sizeof(double));
    out->gnorm = (double *)mxMalloc((size_t)cap0 * sizeof(double));
    out->cap = cap0;
    out->n = 0;
    out->grow = grow;
    out->ctx = oc;
    if (!lo && o->method == GDF_GF_IMPLICIT && !p->hess_constant && !p->hess)
        check_alloc("the finite-difference Jacobian", (double)D * (double)D);
    nw = lo ? gdf_langevin_work(D) : gdf_gf_work(D, o->method, p);
    if (nw == (size_t)-1)
        gdf_mex_error(FN, "tooLarge", "the workspace for d = %ld does not fit in memory.", (long)D);
    check_alloc("the workspace", (double)nw);
    work = (double *)mxMalloc((nw + 1) * sizeof(double));
    if (lo) {
        status = gdf_langevin_run(p, y0, ts, nt, lo, out, work, r);
    } else {
        size_t niw = gdf_gf_iwork(D, o->method, p);
        void *iwork = mxMalloc((niw + 1) * sizeof(ptrdiff_t));
        status = gdf_gf_run(p, y0, ts, nt, o, out, work, iwork, r);
    }
    if (status == GDF_ENEWTON)
        gdf_mex_error(FN, "newtonFailed",
                      "backward Euler near t = %g: %s",
                      out->n > 0 ? out->t[out->n - 1] : ts[0], gdf_gf_why_message(r->why));
    if (status == GDF_EARG)
        gdf_mex_error(FN, "badArgs", "the C core rejected the arguments: %s", gdf_gf_why_message(r->why));
    if (status != GDF_OK)
        gdf_mex_error(FN, "internal", "the C core failed: %s (%s).", gdf_mex_status_text(status),
                      gdf_gf_why_message(r->why));
}

/* f and ||grad f|| of the base problem at the theta part (the first d of
 * `stride` doubles) of every output entry: the wrappers of heavyball,
 * nesterov and natural report other gradients.  Returns the evaluations. */
static long reevaluate(gdf_mex_problem *mp, gdf_gf_out *out, ptrdiff_t stride)
{
    ptrdiff_t d = mp->p.d;
    double *g = (double *)mxMalloc((size_t)d * sizeof(double));
    long i;
    for (i = 0; i < out->n; i++) {
        int s = gdf_eval(&mp->p, out->theta + (size_t)i * (size_t)stride, out->f + i, g);
        if (s != GDF_OK)
            gdf_mex_error(FN, "internal", "evaluating f at the output points failed: %s.", gdf_mex_status_text(s));
        out->gnorm[i] = gdf_nrm2(d, g);
    }
    mxFree(g);
    return out->n;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gdf_mex_problem mp;
    gdf_mex_metric mm;
    gdf_second sec;
    gdf_problem sp;
    gdf_langevin_opts lo;
    gdf_optval ov[O_COUNT];
    gdf_gf_opts o;
    gdf_gf_out out;
    gdf_gf_result r;
    out_ctx oc;
    const gdf_optspec *spec;
    int nspec, method, integ = I_RK45, second;
    ptrdiff_t rows, cols, d, tm, tn, nt, D;
    const double *theta0, *ts, *v0 = NULL;
    const char *message;
    int stationary;
    char msgbuf[256];
    double damping = NAN, temperature = 1.0, seed = 0.0;

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
    if (nspec != O_COUNT)
        gdf_mex_error(FN, "internal", "the option table has %d entries, this gateway expects %d "
                                      "(rebuild the MEX files).", nspec, (int)O_COUNT);
    gdf_mex_options(FN, spec, nspec, nrhs - 3, prhs + 3, ov);

    method = ov[O_METHOD].set ? ov[O_METHOD].choice : M_RK45;
    second = method == M_HEAVYBALL || method == M_NESTEROV;
    /* options that belong to one method only */
    if (ov[O_DAMPING].set && method != M_HEAVYBALL)
        gdf_mex_error(FN, "badOption", "Damping applies to Method 'heavyball'.");
    if (ov[O_METRIC].set && method != M_NATURAL)
        gdf_mex_error(FN, "badOption", "Metric applies to Method 'natural'.");
    if (ov[O_TEMPERATURE].set && method != M_LANGEVIN)
        gdf_mex_error(FN, "badOption", "Temperature applies to Method 'langevin'.");
    if (ov[O_SEED].set && method != M_LANGEVIN)
        gdf_mex_error(FN, "badOption", "Seed applies to Method 'langevin'.");
    if (ov[O_INITVEL].set && !second)
        gdf_mex_error(FN, "badOption", "InitialVelocity applies to Method 'heavyball' (and 'nesterov', "
                                       "which starts from rest).");
    if (ov[O_INTEGRATOR].set && !second && method != M_NATURAL)
        gdf_mex_error(FN, "badOption", "Integrator applies to Method 'heavyball', 'nesterov' and "
                                       "'natural'; for the gradient flow choose the Method itself.");
    if (ov[O_GRADTOL].set && method == M_LANGEVIN)
        gdf_mex_error(FN, "badOption", "GradTol does not apply to Method 'langevin' (the noise keeps "
                                       "the gradient from vanishing); stop with tspan, MaxSteps or MaxTime.");
    if (ov[O_INTEGRATOR].set)
        integ = ov[O_INTEGRATOR].choice;

    gdf_gf_defaults(&o);
    switch (method) {
    case M_EULER:
    case M_LANGEVIN: o.method = GDF_GF_EULER; break;
    case M_HEUN: o.method = GDF_GF_HEUN; break;
    case M_RK4: o.method = GDF_GF_RK4; break;
    case M_IMPLICIT: o.method = GDF_GF_IMPLICIT; break;
    case M_HEAVYBALL:
    case M_NESTEROV:
    case M_NATURAL:
        o.method = integ == I_EULER ? GDF_GF_EULER
                   : integ == I_HEUN ? GDF_GF_HEUN
                   : integ == I_RK4  ? GDF_GF_RK4
                                     : GDF_GF_RK45;
        break;
    default: o.method = GDF_GF_RK45; break;
    }
    if (o.method == GDF_GF_RK45 || method == M_EXACT) {
        if (ov[O_STEP].set && method != M_EXACT)
            gdf_mex_error(FN, "badOption",
                          "Step fixes the step of 'euler', 'heun', 'rk4', 'implicit' and 'langevin' "
                          "(and of the Integrator of 'heavyball', 'nesterov', 'natural'); rk45 chooses "
                          "its own steps (use InitialStep, MaxStep, RelTol, AbsTol).");
    } else {
        if (!ov[O_STEP].set) {
            if (second || method == M_NATURAL)
                gdf_mex_error(FN, "noStep", "Method '%s' with Integrator '%s' takes a fixed step: give "
                                            "'Step', h.", METHOD_NAMES[method], INTEGRATOR_NAMES[integ]);
            gdf_mex_error(FN, "noStep", "Method '%s' takes a fixed step: give 'Step', h.",
                          METHOD_NAMES[method]);
        }
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
    maxsteps_default = !ov[O_MAXSTEPS].set;
    if (o.method != GDF_GF_RK45 || method == M_EXACT)
        default_limit = GDF_GF_MAX_STEPS_DEFAULT;
    else if (mp.kind == GDF_KIND_HANDLE || (method == M_NATURAL && ov[O_METRIC].set &&
                                            mxGetClassID(ov[O_METRIC].arr) == mxFUNCTION_CLASS))
        default_limit = GDF_GF_MAX_STEPS_DEFAULT_CALLBACK;
    else
        default_limit = GDF_GF_MAX_STEPS_DEFAULT_RK45;
    if (ov[O_MAXSTEPS].set)
        o.max_steps = isfinite(ov[O_MAXSTEPS].num) ? (long)ov[O_MAXSTEPS].num : LONG_MAX;
    else
        o.max_steps = default_limit;
    if (ov[O_GRADTOL].set)
        o.grad_tol = ov[O_GRADTOL].num;
    if (ov[O_MAXTIME].set)
        o.max_time = ov[O_MAXTIME].num;
    if (ov[O_NEWTONTOL].set)
        o.newton_tol = ov[O_NEWTONTOL].num;
    if (ov[O_NEWTONMAXIT].set)
        o.newton_maxit = isfinite(ov[O_NEWTONMAXIT].num) ? (int)fmin(ov[O_NEWTONMAXIT].num, 1e6) : 1000000;

    /* the options of the methods beyond the gradient flow */
    if (method == M_HEAVYBALL) {
        if (ov[O_DAMPING].set) {
            damping = ov[O_DAMPING].num;
            if (!isfinite(damping))
                gdf_mex_error(FN, "badOption", "option Damping must be a finite positive number.");
        } else {
            /* critical damping of the slowest mode of a quadratic when mu is known */
            damping = (mp.p.mu > 0.0 && isfinite(mp.p.mu)) ? 2.0 * sqrt(mp.p.mu) : 1.0;
        }
    }
    if (second && ov[O_INITVEL].set) {
        ptrdiff_t vm, vn, i;
        v0 = gdf_mex_dense(ov[O_INITVEL].arr, FN, "InitialVelocity", &vm, &vn);
        if (vm * vn != d || (vm != 1 && vn != 1))
            gdf_mex_error(FN, "badOption", "option InitialVelocity must be a vector of length %ld (as theta0).",
                          (long)d);
        if (method == M_NESTEROV)
            for (i = 0; i < d; i++)
                if (v0[i] != 0.0)
                    gdf_mex_error(FN, "badOption", "Method 'nesterov' starts from rest: the 3/t term "
                                                   "needs theta'(0) = 0, so InitialVelocity must be zero.");
    }
    if (method == M_NESTEROV && ts[0] != 0.0)
        gdf_mex_error(FN, "badTspan", "Method 'nesterov' (the Su-Boyd-Candes ODE, whose 3/t term is "
                                      "singular at t = 0) starts at t = 0: tspan(1) must be 0, not %g.", ts[0]);
    if (method == M_LANGEVIN) {
        ptrdiff_t j;
        if (ov[O_TEMPERATURE].set)
            temperature = ov[O_TEMPERATURE].num;
        if (!isfinite(temperature))
            gdf_mex_error(FN, "badOption", "option Temperature must be a finite non-negative number.");
        if (ov[O_SEED].set)
            seed = ov[O_SEED].num;
        if (!(seed <= 9007199254740992.0))
            gdf_mex_error(FN, "badOption", "option Seed must be a non-negative integer of at most 2^53.");
        if (nt > 2 && (j = gdf_langevin_offgrid(ts, nt, o.h)) >= 0)
            gdf_mex_error(FN, "badTspan", "Method 'langevin' returns its path on the grid t0 + k*Step: "
                                          "tspan(%ld) = %.17g is not on it (Step = %g).",
                          (long)(j + 1), ts[j], o.h);
    }

    memset(&out, 0, sizeof out);
    D = d;
    if (method == M_EXACT) {
        run_exact(&mp, theta0, ts, nt, ov[O_STEP].set ? ov[O_STEP].num : 0.0, &out, &r);
        message = "Reached the end of tspan (closed form).";
    } else if (method == M_LANGEVIN) {
        gdf_langevin_defaults(&lo);
        lo.h = o.h;
        lo.temperature = temperature;
        lo.seed = (uint64_t)seed;
        lo.max_steps = o.max_steps;
        lo.max_time = o.max_time;
        integrate(&mp.p, theta0, ts, nt, &o, &lo, &out, &r, &oc);
        message = gdf_gf_why_message(r.why);
    } else if (second) {
        double *z0;
        memset(&sec, 0, sizeof sec);
        sec.base = &mp.p;
        sec.kind = method == M_HEAVYBALL ? GDF_SECOND_HEAVYBALL : GDF_SECOND_SBC;
        sec.gamma = method == M_HEAVYBALL ? damping : 0.0;
        sec.r = 3.0;
        sec.t = ts[0];
        if (gdf_problem_second(&sp, &sec) != GDF_OK)
            gdf_mex_error(FN, "internal", "the second-order system could not be set up.");
        if (method == M_NESTEROV)
            o.stage_time = &sec.t;
        if (mp.p.mu > 0.0 && isfinite(mp.p.mu)) { /* the stationary stop of rk45 (gdf_gf.h, S3) */
            o.reach = gdf_second_reach;
            o.reach_ctx = &sec;
            /* the decay rate of the energy bound: the slowest mode of
             * theta'' + gamma theta' + lambda theta = 0 over lambda >= mu
             * (none known for the polynomial decay of nesterov's ODE) */
            if (method == M_HEAVYBALL && damping > 0.0)
                o.reach_rate = damping < 2.0 * sqrt(mp.p.mu) ? damping / 2.0 : mp.p.mu / damping;
        }
        D = 2 * d;
        z0 = (double *)mxCalloc((size_t)D, sizeof(double));
        memcpy(z0, theta0, (size_t)d * sizeof(double));
        if (v0)
            memcpy(z0 + d, v0, (size_t)d * sizeof(double));
        integrate(&sp, z0, ts, nt, &o, NULL, &out, &r, &oc);
        r.nfevals += reevaluate(&mp, &out, D);
        message = r.why == GDF_GF_WHY_GRADTOL
                      ? "at rest: norm([theta'; theta'']) at or below GradTol (terminal event)"
                      : gdf_gf_why_message(r.why);
    } else if (method == M_NATURAL) {
        gdf_gf_descent dq;
        gdf_mex_metric_init(ov[O_METRIC].set ? ov[O_METRIC].arr : NULL, &mp, FN, &mm);
        memset(&dq, 0, sizeof dq);
        if (mp.p.mu > 0.0 && isfinite(mp.p.mu)) { /* the stationary stop of rk45 (gdf_gf.h, S3) */
            dq.base = &mp.p;
            dq.g = (double *)mxMalloc((size_t)d * sizeof(double));
            o.reach = gdf_gf_descent_reach;
            o.reach_ctx = &dq; /* rate unknown (it depends on G) */
        }
        integrate(&mm.p, theta0, ts, nt, &o, NULL, &out, &r, &oc);
        r.nfevals += reevaluate(&mp, &out, d) + dq.nfevals;
        message = r.why == GDF_GF_WHY_GRADTOL
                      ? "natural-gradient norm ||G^{-1} grad f|| at or below GradTol (terminal event)"
                      : gdf_gf_why_message(r.why);
    } else {
        integrate(&mp.p, theta0, ts, nt, &o, NULL, &out, &r, &oc);
        message = gdf_gf_why_message(r.why);
    }
    if (r.why == GDF_GF_WHY_STATIONARY) {
        snprintf(msgbuf, sizeof msgbuf, "the flow reached a stationary point at t = %.6g; the state is "
                                        "constant from there to tf = %.6g (to the solver's tolerance)",
                 r.t_stationary, ts[nt - 1]);
        message = msgbuf;
    }
    if (r.why == GDF_GF_WHY_MAXSTEPS && maxsteps_default)
        gdf_mex_warning("gdflow:gf_run:maxSteps",
                        "gf_run (%s) stopped before tf = %.6g after the default limit of %.3g steps (last "
                        "output at t = %.6g): give MaxSteps (Inf for no limit), a shorter span or GradTol.",
                        METHOD_NAMES[method], ts[nt - 1], (double)default_limit,
                        out.n > 0 ? out.t[out.n - 1] : ts[0]);
    /* f or the gradient not finite at theta0 itself: an error for a handle,
     * as in gd_run (the C families are finite at every finite theta: there
     * it is overflow, reported as divergence below) */
    if (r.exitflag == -2 && out.n == 0 && mp.kind == GDF_KIND_HANDLE)
        gdf_mex_error(FN, "nonFiniteStart",
                      "f(theta0) or grad f(theta0) is not finite: the objective must be finite at "
                      "the starting point.");
    if (r.exitflag == -2 && method == M_NATURAL && mm.notspd > 0)
        gdf_mex_warning("gdflow:diverged",
                        "gf_run (natural) stopped at t = %g: the Metric G(theta) is not positive "
                        "definite beyond it (Cholesky failed), so the natural-gradient flow is not "
                        "defined there. The output up to that point is returned.",
                        out.n > 0 ? out.t[out.n - 1] : ts[0]);
    else if (r.exitflag == -2)
        gdf_mex_warning("gdflow:diverged",
                        "gf_run (%s) stopped at t = %g: the solution became non-finite%s. The output up to "
                        "that point is returned.",
                        METHOD_NAMES[method], out.n > 0 ? out.t[out.n - 1] : ts[0],
                        method == M_NATURAL ? " (or the metric G(theta) was not positive definite)" : "");

    /* a GradTol stop (the flow at rest) at a saddle or maximum is not a
     * minimizer: exitflag stays 2 (-3 is gf_run's step underflow), the
     * message, info.stationary and a warning say so (gdf_stationary) */
    stationary = GDF_STAT_NONE;
    if ((r.why == GDF_GF_WHY_GRADTOL || r.why == GDF_GF_WHY_STATIONARY) && out.n > 0) {
        int need = gdf_stationary_needs_work(&mp.p);
        double lam[2], *sw = need ? (double *)mxMalloc(gdf_stationary_work(d) * sizeof(double)) : NULL;
        void *siw = need ? mxMalloc(gdf_stationary_iwork(d) * sizeof(ptrdiff_t)) : NULL;
        stationary = gdf_stationary(&mp.p, out.theta + (size_t)(out.n - 1) * (size_t)D, sw, siw, lam);
        if (stationary == GDF_STAT_SADDLE || stationary == GDF_STAT_MAXIMUM) {
            message = stationary == GDF_STAT_SADDLE
                          ? "stopped at a saddle point, not a minimizer: the flow is at rest (gradient "
                            "norm at or below GradTol, or a stationary state) but the Hessian has a "
                            "negative eigenvalue"
                          : "stopped at a local maximum, not a minimizer: the flow is at rest (gradient "
                            "norm at or below GradTol, or a stationary state) but the Hessian is "
                            "negative definite";
            gdf_mex_warning("gdflow:gf_run:saddle",
                            "gf_run (%s) stopped at t = %g at a %s, not a minimizer: the flow is at "
                            "rest there but the Hessian has the eigenvalue %g < 0.",
                            METHOD_NAMES[method], out.t[out.n - 1],
                            stationary == GDF_STAT_SADDLE ? "saddle point" : "local maximum", lam[0]);
        }
        if (need) {
            mxFree(sw);
            mxFree(siw);
        }
    }
    {
        double a = fabs(mp.p.L) > fabs(mp.p.mu) ? fabs(mp.p.L) : fabs(mp.p.mu);
        int indef = isfinite(mp.p.mu) && mp.p.mu < -1e3 * 2.220446049250313e-16 * (isfinite(a) ? a : 0.0);
        if (mp.f_star == -INFINITY)
            gdf_mex_warning("gdflow:gf_run:unbounded",
                            "gf_run: this problem is unbounded below (f_star = -Inf%s): it has no "
                            "minimizer, so the flow tends to none.", indef ? ", the Hessian is indefinite" : "");
        else if (indef)
            gdf_mex_warning("gdflow:gf_run:nonconvex",
                            "gf_run: this problem is not convex (mu = %g < 0): a point where the "
                            "gradient vanishes need not be a minimizer.", mp.p.mu);
    }

    if (nlhs >= 3) { /* before column_from takes over out.f and out.gnorm */
        const char *names[15] = {"nsteps", "nfailed", "nfevals", "f", "gradnorm", "exitflag",
                                 "message", "method", "step", "time", "stationary"};
        int nf = 11;
        mxArray *info;
        if (second)
            names[nf++] = "velocity";
        if (second || method == M_NATURAL)
            names[nf++] = "integrator";
        if (method == M_HEAVYBALL)
            names[nf++] = "damping";
        if (method == M_LANGEVIN) {
            names[nf++] = "temperature";
            names[nf++] = "seed";
        }
        info = mxCreateStructMatrix(1, 1, nf, names);
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
        mxSetField(info, 0, "stationary", mxCreateString(gdf_stationary_name(stationary)));
        if (second)
            mxSetField(info, 0, "velocity", rows_from_part(out.theta, out.n, D, d, d));
        if (second || method == M_NATURAL)
            mxSetField(info, 0, "integrator", mxCreateString(INTEGRATOR_NAMES[integ]));
        if (method == M_HEAVYBALL)
            mxSetField(info, 0, "damping", mxCreateDoubleScalar(damping));
        if (method == M_LANGEVIN) {
            mxSetField(info, 0, "temperature", mxCreateDoubleScalar(temperature));
            mxSetField(info, 0, "seed", mxCreateDoubleScalar(seed));
        }
        plhs[2] = info;
    }
    if (nlhs >= 2)
        plhs[1] = rows_from_part(out.theta, out.n, D, 0, d);
    plhs[0] = column_from(out.t, out.n);
}
