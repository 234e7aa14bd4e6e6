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
#include <string.h>

#include "gdf_gf.h"
#include "gdf_gf_solve.h"
#include "gdf_langevin.h"
#include "gdf_mexutil.h"
#include "gdf_sgdcov.h"

static const char *FN = "gf_run";

/* the order of GF_RUN_SPEC in gdf_mexutil.c */
enum { GDF_GF_RUN_OPTIONS(GDF_OPT_X_ID) O_COUNT }; GDF_STATIC_ASSERT(O_COUNT == GDF_GF_RUN_NOPT, o_count);
/* order of the Method choices in the option table */
enum { M_RK45, M_EULER, M_HEUN, M_RK4, M_IMPLICIT, M_EXACT, M_HEAVYBALL, M_NESTEROV, M_NATURAL,
       M_LANGEVIN, M_SGDSDE };
/* the choices' order is the library's (gdf_gf_solve.h) */
typedef char method_order_check[((int)M_RK45 == (int)GDF_GFS_RK45 && (int)M_EXACT == (int)GDF_GFS_EXACT &&
                                 (int)M_LANGEVIN == (int)GDF_GFS_LANGEVIN) ? 1 : -1];
static const char *METHOD_NAMES[] = {"rk45", "euler", "heun", "rk4", "implicit", "exact",
                                     "heavyball", "nesterov", "natural", "langevin", "sgd-sde"};
/* 'sgd-sde' (issue 16) is Euler-Maruyama (the library's langevin method) with
 * the diffusion matrix sqrt(eta kappa) C^(1/2) instead of sqrt(2 T) I */
enum { GDF_GF_RUN_SAMPLINGS(GDF_OPT_X_CHOICE_ID) }; /* S_WITH, S_INDEP: from the option list */
/* order of the Integrator choices (heavyball, nesterov, natural) */
enum { I_RK45, I_EULER, I_HEUN, I_RK4 };
typedef char integrator_order_check[((int)I_RK45 == (int)GDF_GFS_INT_RK45 && (int)I_RK4 == (int)GDF_GFS_INT_RK4) ? 1 : -1];
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

/* the parsed call */
typedef struct {
    gdf_mex_problem mp;
    gdf_mex_metric mm;
    gdf_optval ov[O_COUNT];
    gdf_gf_spec spec;
    int method, integ, second;
    ptrdiff_t d, nt;
    ptrdiff_t m; /* starts: theta0 is d x m (m > 1 for the fixed-step methods only) */
    const double *theta0, *ts;
    double *F;     /* sgd-sde: the diffusion matrix (d x d) */
    mxArray *C;    /* sgd-sde: the gradient covariance used (info.noisecov) */
    double eta, batch;
} gf_call;

/* options that belong to one method only */
static void check_method_options(const gf_call *a)
{
    const gdf_optval *ov = a->ov;
    int method = a->method, second = a->second;
    if (ov[O_DAMPING].set && method != M_HEAVYBALL)
        gdf_mex_error(FN, "badOption", "Damping applies to Method 'heavyball'.");
    if (ov[O_METRIC].set && method != M_NATURAL)
        gdf_mex_error(FN, "badOption", "Metric applies to Method 'natural'.");
    if (ov[O_TEMPERATURE].set && method != M_LANGEVIN)
        gdf_mex_error(FN, "badOption", "Temperature applies to Method 'langevin'.");
    if (ov[O_SEED].set && method != M_LANGEVIN && method != M_SGDSDE)
        gdf_mex_error(FN, "badOption", "Seed applies to Method 'langevin' and 'sgd-sde'.");
    if ((ov[O_STEPSIZE].set || ov[O_BATCHSIZE].set || ov[O_SAMPLING].set || ov[O_NOISECOV].set) &&
        method != M_SGDSDE)
        gdf_mex_error(FN, "badOption", "StepSize, BatchSize, Sampling and NoiseCov apply to Method "
                                       "'sgd-sde' (the SDE model of SGD; the integrator's own step is 'Step').");
    if (ov[O_INITVEL].set && !second)
        gdf_mex_error(FN, "badOption", "InitialVelocity applies to Method 'heavyball' (and 'nesterov', "
                                       "which starts from rest).");
    if (ov[O_INTEGRATOR].set && !second && method != M_NATURAL)
        gdf_mex_error(FN, "badOption", "Integrator applies to Method 'heavyball', 'nesterov' and "
                                       "'natural'; for the gradient flow choose the Method itself.");
    if (ov[O_GRADTOL].set && (method == M_LANGEVIN || method == M_SGDSDE))
        gdf_mex_error(FN, "badOption", "GradTol does not apply to Method 'langevin' or 'sgd-sde' (the noise keeps "
                                       "the gradient from vanishing); stop with tspan, MaxSteps or MaxTime.");
}

/* Step (fixed-step methods) and the integrator options into spec.o */
static void parse_steps(gf_call *a)
{
    const gdf_optval *ov = a->ov;
    gdf_gf_opts *o = &a->spec.o;
    int method = a->method, im = gdf_gf_solve_integrator(a->spec.method, a->integ);
    if (im == GDF_GF_RK45 || method == M_EXACT) {
        if (ov[O_STEP].set && method != M_EXACT)
            gdf_mex_error(FN, "badOption",
                          "Step fixes the step of 'euler', 'heun', 'rk4', 'implicit', 'langevin' and 'sgd-sde' "
                          "(and of the Integrator of 'heavyball', 'nesterov', 'natural'); rk45 chooses "
                          "its own steps (use InitialStep, MaxStep, RelTol, AbsTol).");
    } else {
        if (!ov[O_STEP].set) {
            if (a->second || method == M_NATURAL)
                gdf_mex_error(FN, "noStep", "Method '%s' with Integrator '%s' takes a fixed step: give "
                                            "'Step', h.", METHOD_NAMES[method], INTEGRATOR_NAMES[a->integ]);
            gdf_mex_error(FN, "noStep", "Method '%s' takes a fixed step: give 'Step', h.",
                          METHOD_NAMES[method]);
        }
        if (!isfinite(ov[O_STEP].num))
            gdf_mex_error(FN, "badOption", "Step must be finite.");
        o->h = ov[O_STEP].num;
    }
    a->spec.exact_step = ov[O_STEP].set ? ov[O_STEP].num : 0.0;
    if (ov[O_INITSTEP].set)
        o->h = ov[O_INITSTEP].num;
    if (ov[O_RELTOL].set)
        o->rtol = ov[O_RELTOL].num;
    if (ov[O_ABSTOL].set)
        o->atol = ov[O_ABSTOL].num;
    if (ov[O_MAXSTEP].set)
        o->max_step = ov[O_MAXSTEP].num;
    a->spec.max_steps_given = ov[O_MAXSTEPS].set;
    if (ov[O_MAXSTEPS].set)
        o->max_steps = isfinite(ov[O_MAXSTEPS].num) ? (long)ov[O_MAXSTEPS].num : LONG_MAX;
    if (ov[O_GRADTOL].set)
        o->grad_tol = ov[O_GRADTOL].num;
    if (ov[O_MAXTIME].set)
        o->max_time = ov[O_MAXTIME].num;
    if (ov[O_NEWTONTOL].set)
        o->newton_tol = ov[O_NEWTONTOL].num;
    if (ov[O_NEWTONMAXIT].set)
        o->newton_maxit = isfinite(ov[O_NEWTONMAXIT].num) ? (int)fmin(ov[O_NEWTONMAXIT].num, 1e6) : 1000000;
}

/* the options of the methods beyond the gradient flow */
/* Method 'sgd-sde': the diffusion F = sqrt(eta kappa) C^(1/2) (F F' = eta
 * kappa C), C from NoiseCov or, for a dense gd_leastsq problem, the
 * per-example gradient covariance at its theta_star (gdf_lsq_gradcov) */
static void parse_sgdsde(gf_call *a, const mxArray *prob)
{
    const gdf_optval *ov = a->ov;
    ptrdiff_t d = a->d, r, c;
    double eta, B, kappa, m = NAN, *w;
    const double *C;
    double *Cbuf = NULL;
    void *iw;
    int st;
    if (ov[O_TEMPERATURE].set)
        gdf_mex_error(FN, "badOption", "Temperature applies to Method 'langevin'; the noise of 'sgd-sde' "
                                       "is set by StepSize, BatchSize and the gradient covariance.");
    if (!ov[O_STEPSIZE].set || !isfinite(ov[O_STEPSIZE].num))
        gdf_mex_error(FN, "badOption", "Method 'sgd-sde' models SGD with step eta: give 'StepSize', eta "
                                       "(a finite positive number; the integrator's step is 'Step').");
    eta = ov[O_STEPSIZE].num;
    B = ov[O_BATCHSIZE].set ? ov[O_BATCHSIZE].num : 1.0;
    if (!(B >= 1.0) || !isfinite(B)) {
        /* a count option of 9e15 or more arrives as Inf ("no limit"): say
         * what was given, not "not inf" */
        if (isinf(B))
            gdf_mex_error(FN, "badBatchSize", "BatchSize must be a positive integer (at most the number of "
                                              "examples m), not a value of 9e15 or more.");
        gdf_mex_error(FN, "badBatchSize", "BatchSize must be a positive integer, not %g.", B);
    }
    if (ov[O_NOISECOV].set) {
        C = gdf_mex_dense(ov[O_NOISECOV].arr, FN, "NoiseCov", &r, &c);
        if (r != d || c != d)
            gdf_mex_error(FN, "badOption", "option NoiseCov must be a %ld x %ld matrix (the per-example "
                                           "gradient covariance), not %ld x %ld.", (long)d, (long)d, (long)r, (long)c);
        {
            double asym, amax;
            ptrdiff_t ii, jj;
            if (gdf_mex_asym(C, d, &asym, &amax, &ii, &jj) != 0)
                gdf_mex_error(FN, "badOption", "option NoiseCov must be a finite symmetric matrix.");
        }
    } else {
        const mxArray *X = mxIsStruct(prob) ? mxGetField(prob, 0, "X") : NULL;
        const mxArray *y = mxIsStruct(prob) ? mxGetField(prob, 0, "y") : NULL;
        const mxArray *ts = mxIsStruct(prob) ? mxGetField(prob, 0, "theta_star") : NULL;
        const double *Xp, *yp, *tp;
        ptrdiff_t xm, xp, ym, yn, tm, tn;
        if (a->mp.kind != GDF_KIND_LEASTSQ || a->mp.sparse_x || !X || !y || !ts || mxIsSparse(X) ||
            mxIsEmpty(ts))
            gdf_mex_error(FN, "badOption", "Method 'sgd-sde' takes the gradient covariance C at theta* from "
                                           "a gd_leastsq problem with a dense X and its theta_star; for "
                                           "other problems give it: 'NoiseCov', C (d x d).");
        Xp = gdf_mex_dense(X, FN, "prob.X", &xm, &xp);
        yp = gdf_mex_dense(y, FN, "prob.y", &ym, &yn);
        tp = gdf_mex_dense(ts, FN, "prob.theta_star", &tm, &tn);
        if (xp != d || ym * yn != xm || tm * tn != d || xm < 1)
            gdf_mex_error(FN, "badProblem", "the problem's X, y and theta_star do not match (d = %ld).", (long)d);
        m = (double)xm;
        Cbuf = (double *)mxMalloc(2 * (size_t)d * (size_t)d * sizeof(double) + (size_t)d * sizeof(double));
        w = (double *)mxMalloc(gdf_lsq_gradcov_work(xm, xp) * sizeof(double));
        st = gdf_lsq_gradcov(xm, xp, Xp, yp, tp, Cbuf + (size_t)d * (size_t)d, Cbuf,
                             Cbuf + 2 * (size_t)d * (size_t)d, w);
        mxFree(w);
        if (st != GDF_OK)
            gdf_mex_error(FN, "internal", "the gradient covariance failed (%s).", gdf_mex_status_text(st));
        C = Cbuf;
    }
    if (ov[O_BATCHSIZE].set && isfinite(m) && B > m)
        gdf_mex_error(FN, "badBatchSize", "BatchSize = %g exceeds the number of examples m = %g.", B, m);
    if (ov[O_SAMPLING].set && ov[O_SAMPLING].choice == S_INDEP) {
        if (!isfinite(m))
            gdf_mex_error(FN, "badOption", "Sampling 'independent-batches' needs the number of examples "
                                           "(a gd_leastsq problem; with NoiseCov use with-replacement and "
                                           "scale C by (m - B)/(m - 1) yourself).");
        kappa = m > 1.0 ? (m - B) / ((m - 1.0) * B) : 0.0;
    } else {
        kappa = 1.0 / B;
    }
    a->F = (double *)mxMalloc((size_t)d * (size_t)d * sizeof(double));
    w = (double *)mxMalloc(gdf_sgdcov_factor_work(d) * sizeof(double));
    iw = mxMalloc(gdf_sgdcov_iwork(d) * sizeof(ptrdiff_t));
    st = gdf_sgdcov_factor(d, C, sqrt(eta * kappa), a->F, w, iw);
    mxFree(w);
    mxFree(iw);
    /* C computed from the problem (no NoiseCov given): say so, not
     * "NoiseCov must be finite" about an option the user never set */
    if (st != GDF_OK && Cbuf)
        gdf_mex_error(FN, "badProblem", "the gradient covariance C computed from the problem's X, y and "
                                        "theta_star is not usable (%s: entries beyond realmax?); rescale the "
                                        "data or give 'NoiseCov', C.",
                      st == GDF_ENOTSPD ? "not positive semidefinite" : gdf_mex_status_text(st));
    if (st == GDF_ENOTSPD)
        gdf_mex_error(FN, "badOption", "the gradient covariance (NoiseCov) must be positive semidefinite.");
    if (st != GDF_OK)
        gdf_mex_error(FN, "badOption", "the gradient covariance (NoiseCov) must be finite (%s).",
                      gdf_mex_status_text(st));
    a->C = mxCreateDoubleMatrix((mwSize)d, (mwSize)d, mxREAL);
    memcpy(mxGetPr(a->C), C, (size_t)d * (size_t)d * sizeof(double));
    if (Cbuf)
        mxFree(Cbuf);
    a->eta = eta;
    a->batch = B;
    a->spec.diffusion = a->F;
}

static void parse_beyond(gf_call *a, const mxArray *prhs0)
{
    const gdf_optval *ov = a->ov;
    gdf_gf_spec *sp = &a->spec;
    ptrdiff_t d = a->d;
    double seed = 0.0;
    if (a->method == M_HEAVYBALL && ov[O_DAMPING].set) {
        sp->damping = ov[O_DAMPING].num;
        if (!isfinite(sp->damping))
            gdf_mex_error(FN, "badOption", "option Damping must be a finite positive number.");
    }
    if (a->second && ov[O_INITVEL].set) {
        ptrdiff_t vm, vn, i;
        sp->v0 = gdf_mex_dense(ov[O_INITVEL].arr, FN, "InitialVelocity", &vm, &vn);
        if (vm * vn != d || (vm != 1 && vn != 1))
            gdf_mex_error(FN, "badOption", "option InitialVelocity must be a vector of length %ld (as theta0).",
                          (long)d);
        if (a->method == M_NESTEROV)
            for (i = 0; i < d; i++)
                if (sp->v0[i] != 0.0)
                    gdf_mex_error(FN, "badOption", "Method 'nesterov' starts from rest: the 3/t term "
                                                   "needs theta'(0) = 0, so InitialVelocity must be zero.");
    }
    if (a->method == M_NESTEROV && a->ts[0] != 0.0)
        gdf_mex_error(FN, "badTspan", "Method 'nesterov' (the Su-Boyd-Candes ODE, whose 3/t term is "
                                      "singular at t = 0) starts at t = 0: tspan(1) must be 0, not %g.",
                      a->ts[0]);
    if (a->method == M_LANGEVIN || a->method == M_SGDSDE) {
        ptrdiff_t j;
        if (ov[O_TEMPERATURE].set)
            sp->temperature = ov[O_TEMPERATURE].num;
        if (!isfinite(sp->temperature))
            gdf_mex_error(FN, "badOption", "option Temperature must be a finite non-negative number.");
        if (ov[O_SEED].set)
            seed = ov[O_SEED].num;
        if (!(seed <= 9007199254740992.0))
            gdf_mex_error(FN, "badOption", "option Seed must be a non-negative integer of at most 2^53.");
        sp->seed = (uint64_t)seed;
        if (a->nt > 2 && (j = gdf_langevin_offgrid(a->ts, a->nt, sp->o.h)) >= 0)
            gdf_mex_error(FN, "badTspan", "Method '%s' returns its path on the grid t0 + k*Step: "
                                          "tspan(%ld) = %.17g is not on it (Step = %g).",
                          METHOD_NAMES[a->method], (long)(j + 1), a->ts[j], sp->o.h);
    }
    if (a->method == M_SGDSDE)
        parse_sgdsde(a, prhs0);
}

static void parse(int nlhs, int nrhs, const mxArray *prhs[], gf_call *a)
{
    ptrdiff_t rows, cols, tm, tn;
    const gdf_optspec *spec;
    int nspec;
    if (nrhs < 3)
        gdf_mex_error(FN, "notEnoughInputs", "usage: [t, Theta, info] = gf_run(fun, theta0, tspan, Name, Value, ...).");
    if (nlhs > 3)
        gdf_mex_error(FN, "tooManyOutputs", "at most three outputs: [t, Theta, info].");
    a->theta0 = gdf_mex_dense(prhs[1], FN, "theta0", &rows, &cols);
    if (rows * cols < 1)
        gdf_mex_error(FN, "badSize", "theta0 must be a non-empty vector (d x 1).");
    a->m = 1;
    a->d = rows * cols;
    if (rows != 1 && cols != 1) { /* d x m: many starts (fixed-step methods, checked below) */
        a->d = rows;
        a->m = cols;
    }
    a->ts = gdf_mex_dense(prhs[2], FN, "tspan", &tm, &tn);
    if (tm != 1 && tn != 1)
        gdf_mex_error(FN, "badTspan", "tspan must be a vector of times.");
    a->nt = tm * tn;
    check_tspan(a->ts, a->nt);
    gdf_mex_problem_init(prhs[0], a->d, FN, &a->mp);
    spec = gdf_mex_optspec(FN, &nspec);
    if (nspec != O_COUNT)
        gdf_mex_error(FN, "internal", "the option table has %d entries, this gateway expects %d "
                                      "(rebuild the MEX files).", nspec, (int)O_COUNT);
    gdf_mex_options(FN, spec, nspec, nrhs - 3, prhs + 3, a->ov);
    a->method = a->ov[O_METHOD].set ? a->ov[O_METHOD].choice : M_RK45;
    a->second = a->method == M_HEAVYBALL || a->method == M_NESTEROV;
    if (a->m > 1 && a->method != M_EULER && a->method != M_HEUN && a->method != M_RK4)
        gdf_mex_error(FN, "badSize", "theta0 d x m (many starts) is run here for Method 'euler', "
                                     "'heun' and 'rk4'; gf_run runs the others start by start.");
    check_method_options(a);
    a->integ = a->ov[O_INTEGRATOR].set ? a->ov[O_INTEGRATOR].choice : I_RK45;
    gdf_gf_spec_defaults(&a->spec);
    a->spec.method = a->method == M_SGDSDE ? (int)GDF_GFS_LANGEVIN : a->method;
    a->spec.integrator = a->integ;
    parse_steps(a);
    a->spec.callback = a->mp.kind == GDF_KIND_HANDLE ||
                       (a->method == M_NATURAL && a->ov[O_METRIC].set &&
                        mxGetClassID(a->ov[O_METRIC].arr) == mxFUNCTION_CLASS);
    parse_beyond(a, prhs[0]);
    if (a->method == M_EXACT && a->mp.kind == GDF_KIND_QUAD) {
        a->spec.A = a->mp.u.quad.A;
        a->spec.b = a->mp.u.quad.b;
    }
}

/* the plan's refusals as errors, in the order the checks were made */
static void refuse(const gf_call *a, const gdf_gf_plan *pl)
{
    double t0 = a->ts[0], tf = a->ts[a->nt - 1];
    if (pl->setup_fail)
        gdf_mex_error(FN, "internal", "the second-order system could not be set up.");
    switch (pl->grid_refusal) {
    case GDF_GFS_REFUSE_NOT_QUADRATIC:
        gdf_mex_error(FN, "notQuadratic",
                      "Method 'exact' needs a dense quadratic problem (gd_quadratic with a full A); "
                      "use 'rk45' or 'implicit' for other problems.");
        break;
    case GDF_GFS_REFUSE_EXACT_STEP:
        gdf_mex_error(FN, "badOption", "Step = %.3g is below the resolution of the times in [%.3g, %.3g]: "
                                       "the times t0 + k*Step would repeat. Give a larger Step or the "
                                       "output times (a tspan of more than two entries).", pl->grid_value, t0, tf);
        break;
    case GDF_GFS_REFUSE_GRID_LONG:
        gdf_mex_error(FN, "spanTooLong", "the span [%.3g, %.3g] needs %.3g steps of Step = %.3g, more "
                                         "than the 2^52 a time grid can hold. Give a shorter span or "
                                         "a larger Step.", t0, tf, pl->grid_value, pl->grid_h);
        break;
    case GDF_GFS_REFUSE_STEP_RES:
        gdf_mex_error(FN, "badOption", "Step = %.3g is below the resolution of the times near "
                                       "t = %.3g (at least 4*eps*|t| = %.3g): the times t0 + k*Step "
                                       "would repeat. Give a larger Step or times nearer 0.",
                      pl->grid_h, pl->grid_tmax, pl->grid_value);
        break;
    case GDF_GFS_REFUSE_GRID:
        gdf_mex_error(FN, "badTspan", "the time grid t0 + k*Step over [%.3g, %.3g] with Step = %.3g "
                                      "cannot be represented.", t0, tf, pl->grid_h);
        break;
    default: break;
    }
    if (pl->out_doubles[0] > 0.0)
        check_alloc("the output Theta", pl->out_doubles[0]);
    if (pl->out_doubles[1] > 0.0)
        check_alloc("the output Theta", pl->out_doubles[1]);
    if (pl->span_refusal)
        gdf_mex_error(FN, "spanTooLong",
                      "the span [%.3g, %.3g] needs about %.3g steps (%s), more than the default limit of "
                      "%.3g steps, and this run cannot stop earlier. Give a shorter span, a GradTol "
                      "(a terminal event), or MaxSteps (the steps to take at most; Inf for no limit).",
                      t0, tf, pl->span_steps, pl->span_how, (double)pl->default_limit);
}

/* plan, allocate, run: errors are raised here */
static void run(gf_call *a, gdf_gf_plan *pl, gdf_gf_out *out, out_ctx *oc, gdf_gf_solve_result *r)
{
    double *work;
    void *iwork;
    int status;
    if (a->method == M_NATURAL)
        gdf_mex_metric_init(a->ov[O_METRIC].set ? a->ov[O_METRIC].arr : NULL, &a->mp, FN, &a->mm);
    a->spec.natural = &a->mm.p;
    if (gdf_gf_solve_plan(&a->mp.p, &a->spec, a->ts, a->nt, pl) != GDF_OK)
        gdf_mex_error(FN, "internal", "the C core rejected the run's set-up.");
    refuse(a, pl);
    memset(out, 0, sizeof *out);
    oc->d = pl->stride;
    oc->max_entries = pl->max_entries;
    out->t = (double *)mxMalloc((size_t)pl->cap0 * sizeof(double));
    out->theta = (double *)mxMalloc((size_t)pl->cap0 * (size_t)pl->stride * sizeof(double));
    out->f = (double *)mxMalloc((size_t)pl->cap0 * sizeof(double));
    out->gnorm = (double *)mxMalloc((size_t)pl->cap0 * sizeof(double));
    out->cap = pl->cap0;
    out->grow = grow;
    out->ctx = oc;
    if (pl->jac_doubles > 0.0)
        check_alloc("the finite-difference Jacobian", pl->jac_doubles);
    if (pl->work == (size_t)-1)
        gdf_mex_error(FN, "tooLarge", "the workspace for d = %ld does not fit in memory.", (long)a->d);
    check_alloc("the workspace", (double)pl->work);
    work = (double *)mxMalloc((pl->work + 1) * sizeof(double));
    iwork = mxMalloc((pl->iwork + 1) * sizeof(ptrdiff_t));
    status = gdf_gf_solve(&a->mp.p, &a->spec, a->theta0, a->ts, a->nt, out, work, iwork, r);
    if (status == GDF_OK) {
        mxFree(work); /* (many starts: one workspace at a time) */
        mxFree(iwork);
        return;
    }
    if (r->fail == GDF_GFS_FAIL_LAPACK)
        gdf_mex_error(FN, "lapack", "the eigendecomposition of A failed: %s.", gdf_mex_status_text(status));
    if (r->fail == GDF_GFS_FAIL_REEVAL)
        gdf_mex_error(FN, "internal", "evaluating f at the output points failed: %s.", gdf_mex_status_text(status));
    if (r->fail == GDF_GFS_FAIL_SETUP)
        gdf_mex_error(FN, "internal", "the second-order system could not be set up.");
    if (status == GDF_ENEWTON)
        gdf_mex_error(FN, "newtonFailed", "backward Euler near t = %g: %s",
                      out->n > 0 ? out->t[out->n - 1] : a->ts[0], gdf_gf_why_message(r->run.why));
    if (status == GDF_EARG)
        gdf_mex_error(FN, "badArgs", "the C core rejected the arguments: %s", gdf_gf_why_message(r->run.why));
    gdf_mex_error(FN, "internal", "the C core failed: %s (%s).", gdf_mex_status_text(status),
                  gdf_gf_why_message(r->run.why));
}

/* the warnings (and the error for a handle not finite at theta0) of a run */
static void warn(const gf_call *a, const gdf_gf_plan *pl, const gdf_gf_out *out, const gdf_gf_solve_result *r)
{
    const char *mname = METHOD_NAMES[a->method];
    double tlast = out->n > 0 ? out->t[out->n - 1] : a->ts[0];
    int cv;
    if (r->maxsteps_warn)
        gdf_mex_warning("gdflow:gf_run:maxSteps",
                        "gf_run (%s) stopped before tf = %.6g after the default limit of %.3g steps (last "
                        "output at t = %.6g): give MaxSteps (Inf for no limit), a shorter span or GradTol.",
                        mname, a->ts[a->nt - 1], (double)pl->default_limit, tlast);
    /* f or the gradient not finite at theta0 itself: an error for a handle,
     * as in gd_run (the C families are finite at every finite theta: there
     * it is overflow, reported as divergence below) */
    if (r->run.exitflag == -2 && out->n == 0 && a->mp.kind == GDF_KIND_HANDLE)
        gdf_mex_error(FN, "nonFiniteStart",
                      "f(theta0) or grad f(theta0) is not finite: the objective must be finite at "
                      "the starting point.");
    if (r->run.exitflag == -2 && a->method == M_NATURAL && a->mm.nat.fail_col > 0)
        gdf_mex_warning("gdflow:diverged",
                        "gf_run (natural) stopped at t = %g: the Metric G(theta) is not positive "
                        "definite beyond it (Cholesky failed), so the natural-gradient flow is not "
                        "defined there. The output up to that point is returned.", tlast);
    else if (r->run.exitflag == -2)
        gdf_mex_warning("gdflow:diverged",
                        "gf_run (%s) stopped at t = %g: the solution became non-finite%s. The output up to "
                        "that point is returned.", mname, tlast,
                        a->method == M_NATURAL ? " (or the metric G(theta) was not positive definite)" : "");
    if (r->stationary == GDF_STAT_SADDLE || r->stationary == GDF_STAT_MAXIMUM)
        gdf_mex_warning("gdflow:gf_run:saddle",
                        "gf_run (%s) stopped at t = %g at a %s, not a minimizer: the flow is at "
                        "rest there but the Hessian has the eigenvalue %g < 0.", mname, tlast,
                        r->stationary == GDF_STAT_SADDLE ? "saddle point" : "local maximum", r->lam_min);
    cv = gdf_gf_convexity(&a->mp.p, a->mp.f_star);
    if (cv == GDF_GFS_UNBOUNDED || cv == GDF_GFS_UNBOUNDED_INDEF)
        gdf_mex_warning("gdflow:gf_run:unbounded",
                        "gf_run: this problem is unbounded below (f_star = -Inf%s): it has no "
                        "minimizer, so the flow tends to none.",
                        cv == GDF_GFS_UNBOUNDED_INDEF ? ", the Hessian is indefinite" : "");
    else if (cv == GDF_GFS_NONCONVEX)
        gdf_mex_warning("gdflow:gf_run:nonconvex",
                        "gf_run: this problem is not convex (mu = %g < 0): a point where the "
                        "gradient vanishes need not be a minimizer.", a->mp.p.mu);
}

/* info's fields in their order: one static table (the common eleven, then
 * velocity, integrator, damping, temperature, seed where the method has
 * them); the fields are set by number, each value created once */
enum { F_NSTEPS, F_NFAILED, F_NFEVALS, F_F, F_GRADNORM, F_EXITFLAG, F_MESSAGE, F_METHOD, F_STEP,
       F_TIME, F_STATIONARY, F_COMMON, F_VELOCITY = F_COMMON, F_INTEGRATOR, F_DAMPING,
       F_TEMPERATURE, F_SEED, F_STEPSIZE, F_BATCHSIZE, F_NOISECOV, F_ALL };
static const char *INFO_NAMES[F_ALL] = {"nsteps", "nfailed", "nfevals", "f", "gradnorm", "exitflag",
                                        "message", "method", "step", "time", "stationary",
                                        "velocity", "integrator", "damping", "temperature", "seed",
                                        "stepsize", "batchsize", "noisecov"};

/* info (before column_from takes over out.f and out.gnorm) */
static mxArray *build_info(const gf_call *a, const gdf_gf_plan *pl, gdf_gf_out *out,
                           const gdf_gf_solve_result *r)
{
    const char *names[F_ALL];
    int nf = F_COMMON, method = a->method, k;
    int has_vel = a->second, has_integ = a->second || method == M_NATURAL;
    int has_damp = method == M_HEAVYBALL, has_temp = method == M_LANGEVIN, has_sgd = method == M_SGDSDE;
    mxArray *info;
    memcpy(names, INFO_NAMES, F_COMMON * sizeof names[0]);
    if (has_vel)
        names[nf++] = INFO_NAMES[F_VELOCITY];
    if (has_integ)
        names[nf++] = INFO_NAMES[F_INTEGRATOR];
    if (has_damp)
        names[nf++] = INFO_NAMES[F_DAMPING];
    if (has_temp) {
        names[nf++] = INFO_NAMES[F_TEMPERATURE];
        names[nf++] = INFO_NAMES[F_SEED];
    }
    if (has_sgd) {
        names[nf++] = INFO_NAMES[F_SEED];
        names[nf++] = INFO_NAMES[F_STEPSIZE];
        names[nf++] = INFO_NAMES[F_BATCHSIZE];
        names[nf++] = INFO_NAMES[F_NOISECOV];
    }
    info = mxCreateStructMatrix(1, 1, nf, names);
    mxSetFieldByNumber(info, 0, F_NSTEPS, mxCreateDoubleScalar((double)r->run.nsteps));
    mxSetFieldByNumber(info, 0, F_NFAILED, mxCreateDoubleScalar((double)r->run.nfailed));
    mxSetFieldByNumber(info, 0, F_NFEVALS, mxCreateDoubleScalar((double)r->run.nfevals));
    mxSetFieldByNumber(info, 0, F_F, column_from(out->f, out->n));
    mxSetFieldByNumber(info, 0, F_GRADNORM, column_from(out->gnorm, out->n));
    mxSetFieldByNumber(info, 0, F_EXITFLAG, mxCreateDoubleScalar((double)r->run.exitflag));
    mxSetFieldByNumber(info, 0, F_MESSAGE, mxCreateString(r->message));
    mxSetFieldByNumber(info, 0, F_METHOD, mxCreateString(METHOD_NAMES[method]));
    mxSetFieldByNumber(info, 0, F_STEP,
                       mxCreateDoubleScalar(pl->integrator_method != GDF_GF_RK45 || method == M_EXACT
                                                ? (a->ov[O_STEP].set ? a->ov[O_STEP].num : NAN)
                                                : NAN));
    mxSetFieldByNumber(info, 0, F_TIME, mxCreateDoubleScalar(r->run.time));
    mxSetFieldByNumber(info, 0, F_STATIONARY, mxCreateString(gdf_stationary_name(r->stationary)));
    k = F_COMMON; /* the optional fields, in the order of names */
    if (has_vel)
        mxSetFieldByNumber(info, 0, k++, rows_from_part(out->theta, out->n, pl->stride, a->d, a->d));
    if (has_integ)
        mxSetFieldByNumber(info, 0, k++, mxCreateString(INTEGRATOR_NAMES[a->integ]));
    if (has_damp)
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar(r->damping));
    if (has_temp) {
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar(a->spec.temperature));
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar((double)a->spec.seed));
    }
    if (has_sgd) {
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar((double)a->spec.seed));
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar(a->eta));
        mxSetFieldByNumber(info, 0, k++, mxCreateDoubleScalar(a->batch));
        mxSetFieldByNumber(info, 0, k++, mxDuplicateArray(a->C));
    }
    return info;
}

/* many starts (theta0 d x m, Method euler, heun or rk4): each start runs
 * exactly as a call of its own would (run, warn), in one MEX call; the
 * outputs are collected as gf_run.m's loop of calls collected them: t of
 * the longest run, Theta n x d x m and info.f, info.gradnorm n x m with NaN
 * after a start stopped, per-start rows and cells, the times summed, the
 * other fields from the first start. */
typedef struct {
    gdf_gf_out out;
    out_ctx oc;
    gdf_gf_solve_result r;
    int batched; /* the rows are in the shared kernel's arrays (run_many) */
} gf_start;

/* the plain case of many fixed-step starts that the shared kernel
 * (gdf_gf_batch_fixed) runs: gradient flow on a small dense quadratic,
 * output on the grid of TSPAN = [t0 tf], nothing that stops a start early
 * but the stationary stops (which the kernel hands back to run()) */
static int batch_ok(const gf_call *a)
{
    const gdf_gf_opts *o = &a->spec.o;
    return (a->method == M_EULER || a->method == M_HEUN || a->method == M_RK4) && a->mp.kind == GDF_KIND_QUAD &&
           a->d <= GDF_GF_BATCH_DMAX && a->nt == 2 && !a->spec.callback && !(o->grad_tol > 0.0) &&
           !(o->max_time > 0.0) && !o->fgt && !o->stage_time;
}

static void set_field(mxArray *s, const char *name, mxArray *v)
{
    mxArray *old = mxGetField(s, 0, name);
    if (old)
        mxDestroyArray(old);
    mxSetField(s, 0, name, v);
}

/* the shared fixed-step kernel of run_many: start 1 ran alone and went the
 * whole grid, so starts 2..m run together (the same steps, bit for bit), save
 * those that a single run treats apart (sh->redo[j - 1] set: run alone).  The
 * kernel writes in place into the outputs asked for (made here, sh->oT/oF/oG)
 * or into scratch rows.  Returns the time spent. */
typedef struct {
    double *T, *F, *G;     /* the kernel's rows of starts 2..m (n x d x (m-1), n x (m-1)) */
    mxArray *oT, *oF, *oG; /* the outputs, made early when the kernel runs */
    unsigned char *redo;
    long nb;               /* rows per start: the grid's N + 1 */
} gf_shared;

static double run_shared(gf_call *a, const gf_start *st, const double *theta0, int nlhs, gf_shared *sh)
{
    const ptrdiff_t d = a->d, m = a->m;
    const gdf_gf_opts *o = &a->spec.o;
    int shortened;
    long N = gdf_gf_grid(a->ts[0], a->ts[1], o->h, &shortened);
    double t0c;
    mwSize dims[3];
    if (!(N >= 0 && st[0].r.run.exitflag == 1 && st[0].r.run.why == GDF_GF_WHY_TEND && st[0].r.run.nsteps == N &&
          st[0].out.n == N + 1))
        return 0.0;
    t0c = gdf_now();
    sh->nb = N + 1; /* every start's rows: no run has more than the grid */
    dims[0] = (mwSize)sh->nb;
    dims[1] = (mwSize)d;
    dims[2] = (mwSize)m;
    check_alloc("the output Theta", (double)sh->nb * (double)d * (double)m);
    if (nlhs >= 2) {
        sh->oT = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
        sh->T = mxGetPr(sh->oT) + (size_t)sh->nb * (size_t)d;
    } else {
        sh->T = (double *)mxMalloc((size_t)sh->nb * (size_t)d * (size_t)(m - 1) * sizeof(double));
    }
    if (nlhs >= 3) {
        sh->oF = mxCreateDoubleMatrix((mwSize)sh->nb, (mwSize)m, mxREAL);
        sh->oG = mxCreateDoubleMatrix((mwSize)sh->nb, (mwSize)m, mxREAL);
        sh->F = mxGetPr(sh->oF) + sh->nb;
        sh->G = mxGetPr(sh->oG) + sh->nb;
    } else {
        sh->F = (double *)mxMalloc((size_t)sh->nb * (size_t)(m - 1) * sizeof(double));
        sh->G = (double *)mxMalloc((size_t)sh->nb * (size_t)(m - 1) * sizeof(double));
    }
    sh->redo = (unsigned char *)mxCalloc((size_t)(m - 1), 1);
    if (gdf_gf_batch_fixed(&a->mp.p, &a->mp.u.quad, o->method, a->ts[0], a->ts[1], o->h, N, shortened,
                           o->stationary, m - 1, theta0 + d, sh->nb, sh->T, sh->F, sh->G, sh->redo) != GDF_OK)
        memset(sh->redo, 1, (size_t)(m - 1));
    return gdf_now() - t0c;
}

static void run_many(gf_call *a, int nlhs, mxArray *plhs[])
{
    const ptrdiff_t d = a->d, m = a->m;
    const double *theta0 = a->theta0;
    gf_start *st = (gf_start *)mxCalloc((size_t)m, sizeof(gf_start));
    gdf_gf_plan pl;
    mxArray *info = NULL;
    double *T, tsum = 0.0;
    gf_shared sh = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    long n = 0, i, k;
    ptrdiff_t j, jmax = 0, q;
    for (j = 0; j < m; j++) {
        gf_start *s = &st[j];
        a->theta0 = theta0 + j * d;
        if (j == 1 && batch_ok(a))
            tsum += run_shared(a, st, theta0, nlhs, &sh);
        if (j > 0 && sh.redo && !sh.redo[j - 1]) {
            s->batched = 1;
            s->r = st[0].r;
            s->r.run.time = 0.0;
            s->out.n = sh.nb;
            continue;
        }
        run(a, &pl, &s->out, &s->oc, &s->r);
        warn(a, &pl, &s->out, &s->r);
        if (j > 0) { /* the output times must be common (at once, not after m runs) */
            long kk = s->out.n < st[0].out.n ? s->out.n : st[0].out.n;
            for (i = 0; i < kk; i++)
                if (s->out.t[i] != st[0].out.t[i])
                    gdf_mex_error(FN, "badTspan", "with several starting points the output times must be "
                                                  "common: rk45 chooses its own steps for each start, so "
                                                  "give the output times (a tspan of more than two entries).");
        }
        if (s->out.n > n) {
            n = s->out.n;
            jmax = j;
        }
        tsum += s->r.run.time;
    }
    a->theta0 = theta0;
    if (nlhs >= 2) {
        mwSize dims[3];
        dims[0] = (mwSize)n;
        dims[1] = (mwSize)d;
        dims[2] = (mwSize)m;
        check_alloc("the output Theta", (double)n * (double)d * (double)m);
        plhs[1] = sh.oT ? sh.oT : mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL); /* oT: n == nb */
        T = mxGetPr(plhs[1]);
        for (j = 0; j < m; j++) {
            const gf_start *s = &st[j];
            double *Tj = T + (size_t)j * (size_t)n * (size_t)d;
            if (s->batched) /* in place already */
                continue;
            for (q = 0; q < d; q++)
                for (k = 0; k < n; k++)
                    Tj[k + q * n] = k < s->out.n ? s->out.theta[(size_t)k * (size_t)pl.stride + (size_t)q] : NAN;
        }
    }
    if (nlhs >= 3) {
        mxArray *F = sh.oF ? sh.oF : mxCreateDoubleMatrix((mwSize)n, (mwSize)m, mxREAL);
        mxArray *G = sh.oG ? sh.oG : mxCreateDoubleMatrix((mwSize)n, (mwSize)m, mxREAL);
        mxArray *rows[4];
        const char **smsg = (const char **)mxCalloc((size_t)m, sizeof(char *));
        const char **ssta = (const char **)mxCalloc((size_t)m, sizeof(char *));
        double *pF = mxGetPr(F), *pG = mxGetPr(G);
        static const char *rnames[4] = {"nsteps", "nfailed", "nfevals", "exitflag"};
        for (q = 0; q < 4; q++)
            rows[q] = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
        for (j = 0; j < m; j++) {
            const gf_start *s = &st[j];
            mxGetPr(rows[0])[j] = (double)s->r.run.nsteps;
            mxGetPr(rows[1])[j] = (double)s->r.run.nfailed;
            mxGetPr(rows[2])[j] = (double)s->r.run.nfevals;
            mxGetPr(rows[3])[j] = (double)s->r.run.exitflag;
            smsg[j] = s->r.message;
            ssta[j] = gdf_stationary_name(s->r.stationary);
            for (k = 0; k < n && !s->batched; k++) { /* a batched start's rows are in place */
                pF[k + (size_t)j * (size_t)n] = k < s->out.n ? s->out.f[k] : NAN;
                pG[k + (size_t)j * (size_t)n] = k < s->out.n ? s->out.gnorm[k] : NAN;
            }
        }
        info = build_info(a, &pl, &st[0].out, &st[0].r); /* takes over start 1's f and gnorm */
        st[0].out.f = st[0].out.gnorm = NULL;
        for (q = 0; q < 4; q++)
            set_field(info, rnames[q], rows[q]);
        set_field(info, "message", gdf_mex_cell_of_strings(smsg, m));
        set_field(info, "stationary", gdf_mex_cell_of_strings(ssta, m));
        mxFree(smsg);
        mxFree(ssta);
        set_field(info, "time", mxCreateDoubleScalar(tsum));
        set_field(info, "f", F);
        set_field(info, "gradnorm", G);
        plhs[2] = info;
    }
    plhs[0] = mxCreateDoubleMatrix((mwSize)n, 1, mxREAL);
    memcpy(mxGetPr(plhs[0]), st[jmax].out.t, (size_t)n * sizeof(double));
    for (j = 0; j < m; j++) {
        if (st[j].batched)
            continue;
        mxFree(st[j].out.t);
        mxFree(st[j].out.theta);
        if (st[j].out.f)
            mxFree(st[j].out.f);
        if (st[j].out.gnorm)
            mxFree(st[j].out.gnorm);
    }
    if (sh.redo) { /* the scratch rows of outputs not asked for */
        if (!sh.oT)
            mxFree(sh.T);
        if (!sh.oF) {
            mxFree(sh.F);
            mxFree(sh.G);
        }
        mxFree(sh.redo);
    }
    mxFree(st);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    gf_call a;
    gdf_gf_plan pl;
    gdf_gf_out out;
    out_ctx oc;
    gdf_gf_solve_result r;
    memset(&a, 0, sizeof a);
    parse(nlhs, nrhs, prhs, &a);
    if (a.m > 1) {
        run_many(&a, nlhs, plhs);
        return;
    }
    run(&a, &pl, &out, &oc, &r);
    warn(&a, &pl, &out, &r);
    if (nlhs >= 3)
        plhs[2] = build_info(&a, &pl, &out, &r);
    if (nlhs >= 2)
        plhs[1] = rows_from_part(out.theta, out.n, pl.stride, 0, a.d);
    plhs[0] = column_from(out.t, out.n);
    if (a.C) /* sgd-sde: info holds a copy */
        mxDestroyArray(a.C);
    if (a.F)
        mxFree(a.F);
}
