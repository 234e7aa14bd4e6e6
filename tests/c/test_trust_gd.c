/* test_trust_gd.c - the GD driver never returns a silent wrong answer:
 * line searches that reach rounding level fail (GDF_WHY_STEPROUND), fixed
 * steps stuck at a floating-point fixed point stop, Nesterov backtracking
 * restarts instead of drifting uphill, and gdf_stationary tells a minimum
 * from a saddle or a maximum.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "check.h"

/* f = |x|^2/2 with the gradient's sign flipped */
static int wrong_sign_fg(void *ctx, const double *x, double *f, double *g)
{
    ptrdiff_t i, d = *(ptrdiff_t *)ctx;
    double s = 0.0;
    for (i = 0; i < d; i++) {
        s += x[i] * x[i];
        if (g)
            g[i] = -x[i];
    }
    if (f)
        *f = 0.5 * s;
    return GDF_OK;
}

static int run(gdf_problem *p, double *theta, const gdf_gd_opts *o, gdf_gd_result *r)
{
    double *w = malloc(gdf_gd_work(p->d) * sizeof(double));
    int st = gdf_gd_run(p, theta, o, NULL, w, r);
    free(w);
    return st;
}

static int classify(gdf_problem *p, const double *theta, double *lam)
{
    double *w = malloc(gdf_stationary_work(p->d) * sizeof(double));
    void *iw = malloc(gdf_stationary_iwork(p->d) * sizeof(ptrdiff_t));
    int k = gdf_stationary(p, theta, w, iw, lam);
    free(w);
    free(iw);
    return k;
}

static void test_wrong_sign(void)
{
    ptrdiff_t d = 2;
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r;
    int meth;
    for (meth = 0; meth < 2; meth++) {
        double th[2] = {1.0, 2.0};
        memset(&p, 0, sizeof p);
        p.d = d;
        p.ctx = &d;
        p.fg = wrong_sign_fg;
        p.L = p.mu = NAN;
        gdf_gd_defaults(&o);
        o.method = meth ? GDF_GD_NESTEROV : GDF_GD_PLAIN;
        o.momentum_schedule = meth;
        o.step_rule = GDF_STEP_ARMIJO;
        o.eta = 1.0;
        o.max_iter = 1000;
        CHECK(run(&p, th, &o, &r) == GDF_OK, "wrong sign: status");
        CHECK(r.exitflag == GDF_EXIT_STEPTOL && r.why == GDF_WHY_STEPROUND,
              "wrong sign (method %d): exitflag %d why %d, expected 2 / STEPROUND", meth, r.exitflag, r.why);
        CHECK(r.iterations <= 10, "wrong sign: %ld iterations", r.iterations);
        CHECK(fabs(th[0] - 1.0) <= 1e-13 && fabs(th[1] - 2.0) <= 1e-13, "wrong sign: theta moved");
    }
}

static void test_fixed_stuck(void)
{
    double A[4] = {3, 1, 1, 2}, b[2] = {1, 1};
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r, rb[2];
    double th[2] = {1.0, 1.0}, X[4] = {1.0, 1.0, 2.0, 1.0}, *wb;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 1e-300;
    o.max_iter = 1000000;
    CHECK(run(&p, th, &o, &r) == GDF_OK, "stuck: status");
    CHECK(r.exitflag == GDF_EXIT_STEPTOL && r.why == GDF_WHY_STEPROUND && r.iterations == GDF_GD_STUCK,
          "stuck: exitflag %d why %d after %ld iterations", r.exitflag, r.why, r.iterations);
    /* GradTol 0 and a finite MaxIter: exactly MaxIter steps */
    o.grad_tol = 0.0;
    o.max_iter = 300;
    CHECK(run(&p, th, &o, &r) == GDF_OK && r.exitflag == GDF_EXIT_MAXITER && r.iterations == 300,
          "stuck, GradTol 0: exitflag %d after %ld iterations", r.exitflag, r.iterations);
    /* no limit at all: the fixed point ends it */
    o.max_iter = LONG_MAX;
    CHECK(run(&p, th, &o, &r) == GDF_OK && r.why == GDF_WHY_STEPROUND && r.iterations == GDF_GD_STUCK,
          "stuck, MaxIter Inf: why %d after %ld iterations", r.why, r.iterations);
    /* heavy ball */
    o.grad_tol = 1e-8;
    o.max_iter = 1000000;
    o.method = GDF_GD_HEAVYBALL;
    o.momentum = 0.5;
    CHECK(run(&p, th, &o, &r) == GDF_OK && r.why == GDF_WHY_STEPROUND && r.iterations == GDF_GD_STUCK,
          "stuck, heavy ball: why %d after %ld iterations", r.why, r.iterations);
    /* many starts at once */
    gdf_gd_defaults(&o);
    o.eta = 1e-300;
    o.max_iter = 1000000;
    wb = malloc(gdf_gd_batch_work(2, 2) * sizeof(double));
    CHECK(gdf_gd_batch(&p, 2, X, &o, NULL, wb, rb) == GDF_OK, "stuck batch: status");
    CHECK(rb[0].why == GDF_WHY_STEPROUND && rb[1].why == GDF_WHY_STEPROUND &&
          rb[0].iterations == GDF_GD_STUCK && rb[1].iterations == GDF_GD_STUCK,
          "stuck batch: why %d %d iterations %ld %ld", rb[0].why, rb[1].why, rb[0].iterations,
          rb[1].iterations);
    free(wb);
}

/* Nesterov + backtracking on a badly conditioned quadratic run far past the
 * optimum: f never rises (restart), theta reaches the minimizer */
static void test_nesterov_restart(void)
{
    double A[4] = {1000, 0, 0, 1e-3}, b[2] = {1000, 1e-3}, th[2] = {0.0, 0.0};
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r;
    gdf_history h;
    double *f = malloc(200001 * sizeof(double)), *w;
    long k, rises = 0;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.method = GDF_GD_NESTEROV;
    o.momentum_schedule = 1;
    o.step_rule = GDF_STEP_ARMIJO;
    o.eta = 1.0;
    o.grad_tol = 0.0;
    o.max_iter = 200000;
    memset(&h, 0, sizeof h);
    h.f = f;
    h.cap = 200001;
    w = malloc(gdf_gd_work(2) * sizeof(double));
    CHECK(gdf_gd_run(&p, th, &o, &h, w, &r) == GDF_OK, "restart: status");
    free(w);
    for (k = 1; k <= r.iterations; k++)
        if (f[k] > f[k - 1] + GDF_GD_FNOISE * DBL_EPSILON * fabs(f[k - 1]))
            rises++;
    CHECK(rises == 0, "restart: f rose %ld times", rises);
    CHECK(r.iterations < 200000 && r.exitflag == GDF_EXIT_STEPTOL,
          "restart: %ld iterations, exitflag %d (a defined stop expected)", r.iterations, r.exitflag);
    CHECK(fabs(th[0] - 1.0) <= 1e-12 && fabs(th[1] - 1.0) <= 1e-9, "restart: theta = %g %g", th[0], th[1]);
    free(f);
}

/* plain backtracking past f's rounding floor: the trapezoid test keeps
 * theta converging (the f test alone stalls ~1e-12 from theta*), and the
 * run ends with a defined flag */
static void test_rounding_floor(void)
{
    double A[4] = {3, 1, 1, 2}, b[2] = {1, 1}, th[2] = {2.0, 1.0};
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.step_rule = GDF_STEP_ARMIJO;
    o.eta = 1.0;
    o.grad_tol = 0.0;
    o.max_iter = 100000;
    CHECK(run(&p, th, &o, &r) == GDF_OK, "floor: status");
    CHECK(r.iterations < 100000 && (r.exitflag == GDF_EXIT_GRADTOL || r.why == GDF_WHY_STEPROUND),
          "floor: %ld iterations, exitflag %d why %d", r.iterations, r.exitflag, r.why);
    /* theta* = A \ b = [0.2; 0.4] */
    CHECK(fabs(th[0] - 0.2) <= 1e-15 && fabs(th[1] - 0.4) <= 1e-15, "floor: theta - theta* = %g %g",
          th[0] - 0.2, th[1] - 0.4);
}

static void test_stationary(void)
{
    double lam[2], z[2] = {0.0, 0.0};
    /* quadratics: from L and mu, and from the Hessian when they are unknown */
    {
        double A[4] = {1, 0, 0, -1};
        gdf_quad q = {2, A, NULL, 0.0};
        gdf_problem p;
        gdf_problem_quad(&p, &q);
        CHECK(classify(&p, z, lam) == GDF_STAT_SADDLE && lam[0] == -1.0 && lam[1] == 1.0,
              "saddle via Hessian: %g %g", lam[0], lam[1]);
        p.L = 1.0;
        p.mu = -1.0;
        CHECK(classify(&p, z, lam) == GDF_STAT_SADDLE, "saddle via L, mu");
    }
    {
        double A[4] = {-2, 1, 1, -3};
        gdf_quad q = {2, A, NULL, 0.0};
        gdf_problem p;
        gdf_problem_quad(&p, &q);
        CHECK(classify(&p, z, lam) == GDF_STAT_MAXIMUM, "maximum via Hessian");
    }
    {
        double A[4] = {2, 1, 1, 2};
        gdf_quad q = {2, A, NULL, 0.0};
        gdf_problem p;
        gdf_problem_quad(&p, &q);
        CHECK(classify(&p, z, lam) == GDF_STAT_MINIMUM, "minimum via Hessian");
        p.mu = 1.0;
        p.L = 3.0;
        CHECK(classify(&p, z, lam) == GDF_STAT_MINIMUM && isnan(lam[0]), "minimum from mu > 0, no work");
    }
    {   /* singular PSD: convex, a minimum; the same Hessian on a
         * non-quadratic would be inconclusive */
        double A[4] = {1, 0, 0, 0};
        gdf_quad q = {2, A, NULL, 0.0};
        gdf_problem p;
        gdf_problem_quad(&p, &q);
        CHECK(classify(&p, z, lam) == GDF_STAT_MINIMUM, "singular PSD quadratic");
        p.hess_constant = 0;
        CHECK(classify(&p, z, lam) == GDF_STAT_UNVERIFIED, "degenerate Hessian, not constant");
    }
    {   /* no Hessian: unverified */
        ptrdiff_t d = 2;
        gdf_problem p;
        memset(&p, 0, sizeof p);
        p.d = d;
        p.ctx = &d;
        p.fg = wrong_sign_fg;
        p.L = p.mu = NAN;
        CHECK(classify(&p, z, lam) == GDF_STAT_UNVERIFIED, "no Hessian");
    }
    {   /* Himmelblau: the minimum (3, 2), the maximum near (-0.2708, -0.9230) */
        gdf_testfun tf = {GDF_TF_HIMMELBLAU, 2, 1, 100};
        gdf_problem p;
        double xmin[2] = {3.0, 2.0}, xmax[2] = {-0.270845, -0.923039}, xs[2] = {0.086677, 2.884254};
        gdf_problem_testfun(&p, &tf);
        CHECK(classify(&p, xmin, lam) == GDF_STAT_MINIMUM, "Himmelblau minimum");
        CHECK(classify(&p, xmax, lam) == GDF_STAT_MAXIMUM, "Himmelblau maximum");
        CHECK(classify(&p, xs, lam) == GDF_STAT_SADDLE, "Himmelblau saddle");
    }
    CHECK(strcmp(gdf_stationary_name(GDF_STAT_SADDLE), "saddle") == 0 &&
          strcmp(gdf_stationary_name(GDF_STAT_NONE), "none") == 0, "names");
    CHECK(gdf_stationary_work(GDF_STATIONARY_MAXD + 1) == 1, "no workspace above the limit");
}

int main(void)
{
    test_wrong_sign();
    test_fixed_stuck();
    test_nesterov_restart();
    test_rounding_floor();
    test_stationary();
    return check_report("test_trust_gd");
}
