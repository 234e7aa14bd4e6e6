/* test_cw_shapes.c - issue 14 (coursework drop-in), the library side of
 * "shapes": fixed-length runs (gdf_gd_fixed_length: gd_run's Iterations)
 * and the MaxIter hint (gdf_gd_hint).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdflow.h"

/* f = 1/2 theta'A theta - b'theta, A = [3 1; 1 2], b = [1; 1]:
 * theta* = [0.2; 0.4], L = 3.618 */
static const double A2[4] = {3.0, 1.0, 1.0, 2.0};
static const double B2[2] = {1.0, 1.0};

static void quad(gdf_problem *p, gdf_quad *q)
{
    memset(q, 0, sizeof *q);
    q->d = 2;
    q->A = A2;
    q->b = B2;
    gdf_problem_quad(p, q);
}

/* a run of n steps from theta* itself (gradient exactly 0 there) */
static void test_exact_from_minimizer(void)
{
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result r;
    gdf_history h;
    double theta[2] = {0.2, 0.4}, g[2], work[12], f[31], gn[31];
    quad(&p, &q);
    /* the minimizer to the last bit: A*theta - b is exactly 0? use the
     * point where the computed gradient is 0 */
    p.fg(p.ctx, theta, NULL, g);
    if (g[0] != 0.0 || g[1] != 0.0) {
        theta[0] = 0.0; /* f = 1/2 t'At - b't with b = 0 below */
        theta[1] = 0.0;
        q.b = NULL;
        gdf_problem_quad(&p, &q);
    }
    p.fg(p.ctx, theta, NULL, g);
    CHECK(g[0] == 0.0 && g[1] == 0.0, "the start has a zero gradient");

    /* before: GradTol 0 still stops at a zero gradient (iteration 0) */
    gdf_gd_defaults(&o);
    o.eta = 0.1;
    o.grad_tol = 0.0;
    o.max_iter = 30;
    memset(&h, 0, sizeof h);
    h.f = f;
    h.gnorm = gn;
    h.cap = 31;
    gdf_gd_run(&p, theta, &o, &h, work, &r);
    CHECK(r.iterations == 0 && r.why == GDF_WHY_GRADTOL, "GradTol 0 stops at a zero gradient (%ld)",
          r.iterations);

    /* Iterations 30: exactly 30 steps, the message of MaxIter, exit flag 0 */
    gdf_gd_defaults(&o);
    o.eta = 0.1;
    gdf_gd_fixed_length(&o, 30);
    CHECK(o.max_iter == 30 && o.exact_iter == 1 && o.grad_tol == 0.0 && o.fun_tol == 0.0 &&
          o.step_tol == 0.0 && isinf(o.div_limit), "gdf_gd_fixed_length sets the options");
    gdf_gd_run(&p, theta, &o, &h, work, &r);
    CHECK(r.iterations == 30 && r.exitflag == GDF_EXIT_MAXITER && r.why == GDF_WHY_MAXITER,
          "a fixed-length run from a zero gradient takes every step (%ld, why %d)", r.iterations,
          r.why);
    CHECK(f[30] == f[0], "and stays where it is");

    /* the same through gdf_gd_batch (two starts) */
    {
        double X[4], bwork[64], bf[62], bg[62];
        gdf_gd_result rb[2];
        gdf_history hb;
        X[0] = theta[0];
        X[1] = theta[1];
        X[2] = 1.0;
        X[3] = -1.0;
        memset(&hb, 0, sizeof hb);
        hb.f = bf;
        hb.gnorm = bg;
        hb.stride = 2;
        hb.cap = 31;
        CHECK(gdf_gd_batch_work(2, 2) <= 64, "batch work fits");
        CHECK(gdf_gd_batch(&p, 2, X, &o, &hb, bwork, rb) == GDF_OK, "batch runs");
        CHECK(rb[0].iterations == 30 && rb[1].iterations == 30, "batch: 30 steps each (%ld, %ld)",
              rb[0].iterations, rb[1].iterations);
    }
}

/* past 2/L: no DivergenceLimit stop, only the overflow ends the run */
static void test_exact_diverges(void)
{
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result r, r0;
    double theta[2] = {1.0, 1.0}, work[12];
    quad(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 1.0; /* > 2/L = 0.553: growth |1 - 3.618| = 2.618 per step */
    o.grad_tol = 0.0;
    o.max_iter = 5000;
    gdf_gd_run(&p, theta, &o, NULL, work, &r0);
    CHECK(r0.why == GDF_WHY_DIVLIMIT, "MaxIter + GradTol 0: DivergenceLimit stops it (why %d)", r0.why);
    theta[0] = theta[1] = 1.0;
    gdf_gd_fixed_length(&o, 5000);
    gdf_gd_run(&p, theta, &o, NULL, work, &r);
    CHECK(r.exitflag == GDF_EXIT_DIVERGED && r.why == GDF_WHY_NONFINITE,
          "Iterations: only a non-finite value stops it (exitflag %d, why %d)", r.exitflag, r.why);
    CHECK(r.iterations > r0.iterations && r.iterations < 5000, "later than DivergenceLimit (%ld > %ld)",
          r.iterations, r0.iterations);
    CHECK(isfinite(r.f) && isfinite(theta[0]), "theta and f are the last finite ones");
}

/* the proximal method: n steps even at rest */
static void test_exact_proximal(void)
{
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result r;
    double theta[2] = {0.0, 0.0};
    double t[21], th[42], f[21], gn[21], *w;
    void *iw;
    long n = 0;
    memset(&q, 0, sizeof q);
    q.d = 2;
    q.A = A2;
    gdf_problem_quad(&p, &q); /* b = 0: theta = 0 is the minimizer */
    p.L = 3.618;
    p.mu = 1.38;
    gdf_gd_defaults(&o);
    o.eta = 0.5;
    gdf_gd_fixed_length(&o, 20);
    w = (double *)malloc(gdf_gd_proximal_work(&p) * sizeof(double));
    iw = malloc(gdf_gd_proximal_iwork(&p) * sizeof(ptrdiff_t));
    CHECK(gdf_gd_proximal(&p, theta, &o, t, th, f, gn, &n, w, iw, &r, NULL) == GDF_OK, "proximal runs");
    CHECK(r.iterations == 20 && n == 21 && r.why == GDF_WHY_MAXITER,
          "proximal Iterations 20 at the minimizer: 20 steps (%ld, why %d)", r.iterations, r.why);
    free(w);
    free(iw);
}

static gdf_gd_hint_in ex2_like(void)
{
    gdf_gd_hint_in in;
    memset(&in, 0, sizeof in);
    in.method = GDF_GDM_GD;
    in.why = GDF_WHY_MAXITER;
    in.has_data = 1;
    in.fisher = 1;
    in.iterations = 400;
    in.kappa = 1.7e6;
    in.scale_ratio = 71.3;
    in.gnorm = 0.08;
    in.grad_tol = 1e-8;
    return in;
}

static void test_hint(void)
{
    char buf[768], small[24];
    gdf_gd_hint_in in = ex2_like(), v;
    CHECK(gdf_gd_hint(&in, buf, sizeof buf) == 1, "ex2-like: a hint");
    CHECK(strstr(buf, "MaxIter (400 iterations)") != NULL, "names MaxIter: %s", buf);
    CHECK(strstr(buf, "kappa = 1.7e+06") != NULL, "gives kappa: %s", buf);
    CHECK(strstr(buf, "factor ~1e2") != NULL, "gives the scale factor: %s", buf);
    CHECK(strstr(buf, "(X - mean(X)) ./ std(X), keeping the intercept column") != NULL, "scaling");
    CHECK(strstr(buf, "Method 'nesterov' or 'natural', or gd_minimize") != NULL, "methods: %s", buf);
    /* no hint */
    v = in; v.why = GDF_WHY_MAXTIME;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0 && buf[0] == '\0', "MaxTime: none");
    v = in; v.exact_iter = 1;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0 && buf[0] == '\0', "Iterations: none");
    v = in; v.why = GDF_WHY_GRADTOL;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "converged: none");
    v = in; v.kappa = 999.0;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "kappa < 1e3: none");
    v = in; v.kappa = NAN;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "kappa unknown: none");
    v = in; v.grad_tol = 0.0;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "GradTol 0: none");
    v = in; v.method = GDF_GDM_NATURAL;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "natural: none");
    v = in; v.kappa = 1e3; v.gnorm = 2e-8; v.iterations = 1000; /* 1e3*log(2) = 693 < 1000 */
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 0, "nearly converged: none");
    v.iterations = 600;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 1, "693 > 600 iterations: a hint");
    /* no scaling sentence without data or with similar scales; Metric for non-logistic */
    v = in; v.has_data = 0; v.fisher = 0;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 1 && strstr(buf, "scale") == NULL &&
          strstr(buf, "Metric 'hessian'") != NULL, "a quadratic: methods only: %s", buf);
    v = in; v.scale_ratio = 3.0;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 1 && strstr(buf, "std(X)") == NULL, "similar scales");
    /* Nesterov: sqrt(kappa) and no Nesterov advice */
    v = in; v.method = GDF_GDM_NESTEROV;
    CHECK(gdf_gd_hint(&v, buf, sizeof buf) == 1 && strstr(buf, "sqrt(kappa)") != NULL &&
          strstr(buf, "'nesterov'") == NULL, "Nesterov: %s", buf);
    /* a small buffer: truncated, terminated */
    memset(small, 'x', sizeof small);
    CHECK(gdf_gd_hint(&in, small, sizeof small) == 1 && small[sizeof small - 1] == '\0' &&
          strlen(small) == sizeof small - 1, "truncated to the buffer");
    CHECK(gdf_gd_hint(&in, NULL, 0) == 0, "no buffer");
}

int main(void)
{
    test_exact_from_minimizer();
    test_exact_diverges();
    test_exact_proximal();
    test_hint();
    return check_report("test_cw_shapes");
}
