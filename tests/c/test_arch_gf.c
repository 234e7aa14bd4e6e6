/* test_arch_gf.c - gf_run's decisions in the library (gdf_gf_solve.c): the
 * defaults, the method mapping, the span refusal, the closed form, the
 * re-evaluation, and the dispatch of every method bit for bit equal to the
 * direct calls the gateway made before (issue 13, item 1).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_exact.h"
#include "gdf_gf.h"
#include "gdf_gf_solve.h"
#include "gdf_langevin.h"
#include "gdf_second.h"
#include "check.h"
#include "testsink.h"

/* a 2 x 2 quadratic, mu and L known (as gd_quadratic gives them) */
static double QA[4] = {3.0, 1.0, 1.0, 2.0}, QB[2] = {1.0, -1.0};
static gdf_quad QQ;
static void quad2(gdf_problem *p)
{
    QQ.d = 2;
    QQ.A = QA;
    QQ.b = QB;
    QQ.c = 0.0;
    gdf_problem_quad(p, &QQ);
    p->mu = (5.0 - sqrt(5.0)) / 2.0;
    p->L = (5.0 + sqrt(5.0)) / 2.0;
}

static int same_out(const gdf_gf_out *a, const gdf_gf_out *b, ptrdiff_t stride)
{
    if (a->n != b->n)
        return 0;
    return memcmp(a->t, b->t, (size_t)a->n * sizeof(double)) == 0 &&
           memcmp(a->theta, b->theta, (size_t)a->n * (size_t)stride * sizeof(double)) == 0 &&
           memcmp(a->f, b->f, (size_t)a->n * sizeof(double)) == 0 &&
           memcmp(a->gnorm, b->gnorm, (size_t)a->n * sizeof(double)) == 0;
}

/* gdf_gf_solve with fresh workspace into the sink s (stride from the plan) */
static int solve(gdf_problem *p, gdf_gf_spec *spec, const double *th0, const double *ts, ptrdiff_t nt,
                 sink *s, gdf_gf_solve_result *r, gdf_gf_plan *pl)
{
    double *w;
    void *iw;
    int st;
    if (gdf_gf_solve_plan(p, spec, ts, nt, pl) != GDF_OK)
        return -100;
    w = malloc((pl->work + 1) * sizeof(double));
    iw = malloc((pl->iwork + 1) * sizeof(ptrdiff_t));
    sink_free(s);
    sink_init(s, pl->stride);
    st = gdf_gf_solve(p, spec, th0, ts, nt, &s->o, w, iw, r);
    free(w);
    free(iw);
    return st;
}

static void test_defaults(void)
{
    CHECK(gdf_gf_default_damping(4.0) == 4.0, "damping 2 sqrt(mu), mu = 4");
    CHECK(gdf_gf_default_damping(0.25) == 1.0, "damping 2 sqrt(0.25) = 1");
    CHECK(gdf_gf_default_damping(0.0) == 1.0 && gdf_gf_default_damping(NAN) == 1.0 &&
              gdf_gf_default_damping(INFINITY) == 1.0 && gdf_gf_default_damping(-1.0) == 1.0,
          "damping 1 without a finite mu > 0");
    CHECK(gdf_gf_heavyball_rate(1.0, 1.0) == 0.5 && gdf_gf_heavyball_rate(4.0, 1.0) == 0.25,
          "heavyball decay rate: gamma/2 under-damped, mu/gamma over-damped");
    CHECK(gdf_gf_solve_integrator(GDF_GFS_RK45, GDF_GFS_INT_RK4) == GDF_GF_RK45 &&
              gdf_gf_solve_integrator(GDF_GFS_EULER, 0) == GDF_GF_EULER &&
              gdf_gf_solve_integrator(GDF_GFS_LANGEVIN, 0) == GDF_GF_EULER &&
              gdf_gf_solve_integrator(GDF_GFS_IMPLICIT, 0) == GDF_GF_IMPLICIT &&
              gdf_gf_solve_integrator(GDF_GFS_HEAVYBALL, GDF_GFS_INT_HEUN) == GDF_GF_HEUN &&
              gdf_gf_solve_integrator(GDF_GFS_NESTEROV, GDF_GFS_INT_RK4) == GDF_GF_RK4 &&
              gdf_gf_solve_integrator(GDF_GFS_NATURAL, GDF_GFS_INT_RK45) == GDF_GF_RK45 &&
              gdf_gf_solve_integrator(GDF_GFS_EXACT, 0) == GDF_GF_RK45,
          "method -> integrator");
    CHECK(gdf_gf_solve_default_limit(GDF_GFS_EULER, 0, 1) == GDF_GF_MAX_STEPS_DEFAULT &&
              gdf_gf_solve_default_limit(GDF_GFS_EXACT, 0, 1) == GDF_GF_MAX_STEPS_DEFAULT &&
              gdf_gf_solve_default_limit(GDF_GFS_RK45, 0, 0) == GDF_GF_MAX_STEPS_DEFAULT_RK45 &&
              gdf_gf_solve_default_limit(GDF_GFS_NATURAL, 0, 1) == GDF_GF_MAX_STEPS_DEFAULT_CALLBACK &&
              gdf_gf_solve_default_limit(GDF_GFS_HEAVYBALL, GDF_GFS_INT_EULER, 1) == GDF_GF_MAX_STEPS_DEFAULT,
          "default MaxSteps limits");
    {
        gdf_problem p;
        quad2(&p);
        CHECK(gdf_gf_convexity(&p, -1.0) == GDF_GFS_CONVEX_OK, "convex");
        CHECK(gdf_gf_convexity(&p, -INFINITY) == GDF_GFS_UNBOUNDED, "unbounded");
        p.mu = -1.0;
        CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_NONCONVEX, "nonconvex");
        CHECK(gdf_gf_convexity(&p, -INFINITY) == GDF_GFS_UNBOUNDED_INDEF, "unbounded, indefinite");
        p.mu = -1e-20; /* rounding of mu = 0 */
        CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_CONVEX_OK, "mu = -1e-20 is 0 to rounding");
    }
}

/* defaults resolved into the spec: damping, o.method, o.max_steps */
static void test_resolve(void)
{
    gdf_problem p;
    gdf_gf_spec s;
    gdf_gf_plan pl;
    double ts[2] = {0.0, 10.0};
    quad2(&p);
    gdf_gf_spec_defaults(&s);
    s.method = GDF_GFS_HEAVYBALL;
    CHECK(gdf_gf_solve_plan(&p, &s, ts, 2, &pl) == GDF_OK, "plan heavyball");
    CHECK(s.damping == 2.0 * sqrt(p.mu), "heavyball default damping 2 sqrt(mu)");
    CHECK(s.o.method == GDF_GF_RK45 && s.o.max_steps == GDF_GF_MAX_STEPS_DEFAULT_RK45, "rk45 default limit");
    CHECK(pl.stride == 4, "heavyball stride 2d");
    gdf_gf_spec_defaults(&s);
    s.method = GDF_GFS_EULER;
    s.o.h = 0.1;
    s.max_steps_given = 1;
    s.o.max_steps = 7;
    CHECK(gdf_gf_solve_plan(&p, &s, ts, 2, &pl) == GDF_OK && s.o.max_steps == 7 &&
              s.o.method == GDF_GF_EULER && pl.cap0 == 8,
          "MaxSteps given: kept, the output sized to it (cap0 %ld)", pl.cap0);
}

/* refusals: the grid, the step resolution, the default limit, exact */
static void test_refusals(void)
{
    gdf_problem p;
    gdf_gf_spec s;
    gdf_gf_plan pl;
    gdf_gf_solve_result r;
    sink k;
    double x0[2] = {2.0, 1.0};
    double huge[2] = {0.0, 1e300}, far[2] = {1e20, 1e20 + 1048576.0}, long7[2] = {0.0, 1e7};
    quad2(&p);
    sink_init(&k, 2);
    gdf_gf_spec_defaults(&s);
    s.method = GDF_GFS_EULER;
    s.o.h = 1.0;
    gdf_gf_solve_plan(&p, &s, huge, 2, &pl);
    CHECK(pl.grid_refusal == GDF_GFS_REFUSE_GRID_LONG && pl.grid_value == 1e300, "2^52 grid");
    gdf_gf_solve_plan(&p, &s, far, 2, &pl);
    CHECK(pl.grid_refusal == GDF_GFS_REFUSE_STEP_RES && pl.grid_value == 4.0 * DBL_EPSILON * (1e20 + 1048576.0),
          "step below the resolution of the times");
    s.o.h = 0.1;
    gdf_gf_solve_plan(&p, &s, long7, 2, &pl);
    CHECK(pl.grid_refusal == 0 && pl.span_refusal == GDF_GFS_REFUSE_SPAN_LONG && pl.span_steps == 1e8 &&
              pl.default_limit == GDF_GF_MAX_STEPS_DEFAULT,
          "default limit refuses 1e8 euler steps (%g)", pl.span_steps);
    CHECK(solve(&p, &s, x0, long7, 2, &k, &r, &pl) == GDF_EARG && r.fail == GDF_GFS_FAIL_PLAN,
          "gdf_gf_solve refuses it too");
    s.o.grad_tol = 1e-3; /* can stop early: no refusal */
    gdf_gf_solve_plan(&p, &s, long7, 2, &pl);
    CHECK(pl.span_refusal == 0, "GradTol: no refusal");
    s.o.grad_tol = 0.0;
    s.max_steps_given = 1;
    gdf_gf_solve_plan(&p, &s, long7, 2, &pl);
    CHECK(pl.span_refusal == 0 && pl.out_doubles[0] > 0.0, "MaxSteps given: no refusal");
    gdf_gf_spec_defaults(&s);
    s.method = GDF_GFS_EXACT;
    gdf_gf_solve_plan(&p, &s, long7, 2, &pl);
    CHECK(pl.grid_refusal == GDF_GFS_REFUSE_NOT_QUADRATIC, "exact without A");
    s.A = QA;
    s.b = QB;
    s.exact_step = 1e-20;
    gdf_gf_solve_plan(&p, &s, far, 2, &pl);
    CHECK(pl.grid_refusal == GDF_GFS_REFUSE_EXACT_STEP && pl.grid_value == 1e-20, "exact step resolution");
    sink_free(&k);
}

/* the closed form equals gdf_exact_sym and f, ||g|| evaluated there */
static void test_exact(void)
{
    gdf_problem p;
    gdf_gf_spec s;
    gdf_gf_plan pl;
    gdf_gf_solve_result r;
    sink k;
    double x0[2] = {2.0, 1.0}, ts[2] = {0.0, 3.0}, ts3[3] = {0.0, 0.5, 3.0};
    ptrdiff_t n = 13, i, j;
    double tt[13], Th[26], *w = malloc(gdf_exact_sym_work(2, 13, 1) * sizeof(double));
    void *iw = malloc(gdf_exact_sym_iwork(2) * sizeof(ptrdiff_t));
    int ok = 1;
    quad2(&p);
    sink_init(&k, 2);
    gdf_gf_spec_defaults(&s);
    s.method = GDF_GFS_EXACT;
    s.A = QA;
    s.b = QB;
    s.exact_step = 0.25;
    CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK && k.o.n == n, "exact: 13 points (%ld)", k.o.n);
    for (i = 0; i < n; i++)
        tt[i] = (double)i * 0.25;
    gdf_exact_sym(2, QA, QB, 1, x0, n, tt, 0, 0.0, Th, w, iw);
    for (i = 0; i < n && ok; i++) {
        double f, g[2], x[2];
        for (j = 0; j < 2; j++)
            x[j] = Th[i + j * n];
        gdf_eval(&p, x, &f, g);
        ok = k.o.t[i] == tt[i] && memcmp(k.o.theta + 2 * i, x, sizeof x) == 0 && k.o.f[i] == f &&
             k.o.gnorm[i] == gdf_nrm2(2, g);
    }
    CHECK(ok, "exact = gdf_exact_sym + evaluation, bit for bit (point %ld)", (long)i);
    CHECK(r.run.exitflag == 1 && r.run.why == 0 && r.run.nfevals == n && r.run.nsteps == 0 &&
              strcmp(r.message, "Reached the end of tspan (closed form).") == 0,
          "exact: the record");
    s.exact_step = 0.0; /* 100 intervals */
    CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK && k.o.n == 101 && k.o.t[100] == 3.0 &&
              k.o.t[1] == 0.03,
          "exact: 100 intervals by default");
    CHECK(solve(&p, &s, x0, ts3, 3, &k, &r, &pl) == GDF_OK && k.o.n == 3 && k.o.t[1] == 0.5,
          "exact: the tspan times");
    free(w);
    free(iw);
    sink_free(&k);
}

static void test_reevaluate(void)
{
    gdf_problem p;
    sink k;
    double th[3 * 4] = {1, 2, 9, 9, -1, 0.5, 9, 9, 0, 0, 9, 9}, g[2];
    long i;
    int ok = 1;
    quad2(&p);
    sink_init(&k, 4);
    for (i = 0; i < 3; i++)
        gdf_gf_push(&k.o, 4, (double)i, th + 4 * i, NAN, NAN);
    CHECK(gdf_gf_reevaluate(&p, &k.o, 4, g) == GDF_OK, "reevaluate");
    for (i = 0; i < 3; i++) {
        double f, gg[2];
        gdf_eval(&p, th + 4 * i, &f, gg);
        ok = ok && k.o.f[i] == f && k.o.gnorm[i] == gdf_nrm2(2, gg);
    }
    CHECK(ok, "reevaluation equals direct evaluation at the theta part");
    sink_free(&k);
}

/* every method through gdf_gf_solve equals the old gateway's direct calls */
static void direct_second(gdf_problem *p, int kind, double gamma, const double *x0, const double *ts,
                          ptrdiff_t nt, gdf_gf_opts o, sink *k, gdf_gf_result *r)
{
    gdf_second sec;
    gdf_problem sp;
    double z0[4] = {0, 0, 0, 0}, g[2];
    memset(&sec, 0, sizeof sec);
    sec.base = p;
    sec.kind = kind;
    sec.gamma = gamma;
    sec.r = 3.0;
    sec.t = ts[0];
    gdf_problem_second(&sp, &sec);
    if (kind == GDF_SECOND_SBC)
        o.stage_time = &sec.t;
    o.reach = gdf_second_reach;
    o.reach_ctx = &sec;
    if (kind == GDF_SECOND_HEAVYBALL)
        o.reach_rate = gamma < 2.0 * sqrt(p->mu) ? gamma / 2.0 : p->mu / gamma;
    memcpy(z0, x0, 2 * sizeof(double));
    run(&sp, z0, ts, nt, &o, k, r);
    gdf_gf_reevaluate(p, &k->o, 4, g);
    r->nfevals += k->o.n;
}

static void test_dispatch(void)
{
    gdf_problem p;
    gdf_gf_spec s;
    gdf_gf_plan pl;
    gdf_gf_solve_result r;
    gdf_gf_result rd;
    gdf_gf_opts o;
    sink k, kd;
    double x0[2] = {2.0, 1.0}, ts[2] = {0.0, 5.0}, ts4[4] = {0.0, 0.35, 1.0, 5.0};
    int m;
    quad2(&p);
    sink_init(&k, 2);
    sink_init(&kd, 2);
    for (m = GDF_GFS_RK45; m <= GDF_GFS_IMPLICIT; m++) {
        int pass;
        for (pass = 0; pass < 2; pass++) {
            const double *t = pass ? ts4 : ts;
            ptrdiff_t nt = pass ? 4 : 2;
            gdf_gf_spec_defaults(&s);
            s.method = m;
            s.o.h = m == GDF_GFS_RK45 ? 0.0 : 0.1;
            CHECK(solve(&p, &s, x0, t, nt, &k, &r, &pl) == GDF_OK, "solve method %d", m);
            o = s.o; /* resolved: method, max_steps */
            run(&p, x0, t, nt, &o, &kd, &rd);
            CHECK(same_out(&k.o, &kd.o, 2) && r.run.nsteps == rd.nsteps && r.run.nfevals == rd.nfevals &&
                      r.run.why == rd.why && r.run.exitflag == rd.exitflag,
                  "method %d (nt %ld): gdf_gf_solve = gdf_gf_run bit for bit", m, (long)nt);
        }
    }
    /* heavyball (default damping) and nesterov, rk45 and a fixed step */
    for (m = 0; m < 4; m++) {
        int hb = m < 2;
        gdf_gf_spec_defaults(&s);
        s.method = hb ? GDF_GFS_HEAVYBALL : GDF_GFS_NESTEROV;
        if (m % 2) {
            s.integrator = GDF_GFS_INT_RK4;
            s.o.h = 0.05;
        }
        CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK, "solve second %d", m);
        o = s.o;
        direct_second(&p, hb ? GDF_SECOND_HEAVYBALL : GDF_SECOND_SBC, hb ? 2.0 * sqrt(p.mu) : 0.0, x0, ts,
                      2, o, &kd, &rd);
        CHECK(same_out(&k.o, &kd.o, 4) && r.run.nfevals == rd.nfevals && r.run.why == rd.why,
              "%s %d: gdf_gf_solve = second-order wrapper + reevaluation", hb ? "heavyball" : "nesterov", m);
        CHECK(!hb || r.damping == 2.0 * sqrt(p.mu), "info.damping");
    }
    /* langevin = gdf_langevin_run */
    {
        gdf_langevin_opts lo;
        double *w = malloc(gdf_langevin_work(2) * sizeof(double));
        gdf_gf_spec_defaults(&s);
        s.method = GDF_GFS_LANGEVIN;
        s.o.h = 0.01;
        s.temperature = 0.3;
        s.seed = 7;
        CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK, "solve langevin");
        gdf_langevin_defaults(&lo);
        lo.h = 0.01;
        lo.temperature = 0.3;
        lo.seed = 7;
        lo.max_steps = GDF_GF_MAX_STEPS_DEFAULT;
        sink_free(&kd);
        sink_init(&kd, 2);
        gdf_langevin_run(&p, x0, ts, 2, &lo, &kd.o, w, &rd);
        CHECK(same_out(&k.o, &kd.o, 2) && r.run.nsteps == rd.nsteps, "langevin: = gdf_langevin_run");
        free(w);
    }
    /* natural with a fixed metric = the wrapper + descent reach + reevaluation */
    {
        double G[4] = {2.0, 0.0, 0.0, 1.0}, *nw = malloc(gdf_natural_work(2) * sizeof(double)), g[2], gq[2];
        gdf_natural nat;
        gdf_problem np;
        gdf_gf_descent dq;
        memset(&nat, 0, sizeof nat);
        nat.base = &p;
        nat.kind = GDF_METRIC_FIXED;
        nat.G = G;
        nat.work = nw;
        CHECK(gdf_problem_natural(&np, &nat) == GDF_OK, "natural wrapper");
        gdf_gf_spec_defaults(&s);
        s.method = GDF_GFS_NATURAL;
        s.natural = &np;
        CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK, "solve natural");
        o = s.o;
        memset(&dq, 0, sizeof dq);
        dq.base = &p;
        dq.g = gq;
        o.reach = gdf_gf_descent_reach;
        o.reach_ctx = &dq;
        run(&np, x0, ts, 2, &o, &kd, &rd);
        gdf_gf_reevaluate(&p, &kd.o, 2, g);
        rd.nfevals += kd.o.n + dq.nfevals;
        CHECK(same_out(&k.o, &kd.o, 2) && r.run.nfevals == rd.nfevals && r.run.why == rd.why,
              "natural: = wrapper + reach + reevaluation (nfevals %ld, %ld)", r.run.nfevals, rd.nfevals);
        free(nw);
    }
    sink_free(&k);
    sink_free(&kd);
}

/* a rest stop at a saddle is classified, the message says so */
static void test_saddle(void)
{
    static double A[4] = {1.0, 0.0, 0.0, -1.0}, b[2] = {0.0, 0.0};
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gf_spec s;
    gdf_gf_plan pl;
    gdf_gf_solve_result r;
    sink k;
    double x0[2] = {1.0, 0.0}, ts[2] = {0.0, 50.0};
    gdf_problem_quad(&p, &q);
    p.L = 1.0;
    p.mu = -1.0;
    sink_init(&k, 2);
    gdf_gf_spec_defaults(&s);
    s.o.grad_tol = 1e-6;
    CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK && r.run.why == GDF_GF_WHY_GRADTOL, "saddle run");
    CHECK(r.stationary == GDF_STAT_SADDLE && r.lam_min == -1.0 && strstr(r.message, "saddle point") != NULL,
          "saddle: classified (%d, %g), message", r.stationary, r.lam_min);
    /* a plain end of the span: no classification, the why message */
    s.o.grad_tol = 0.0;
    s.o.stationary = 0;
    ts[1] = 1.0;
    CHECK(solve(&p, &s, x0, ts, 2, &k, &r, &pl) == GDF_OK && r.stationary == GDF_STAT_NONE &&
              strcmp(r.message, gdf_gf_why_message(GDF_GF_WHY_TEND)) == 0,
          "no rest stop: no classification");
    sink_free(&k);
}


/* the time passed to the right-hand side (o.fgt, o.reach_t) gives the
 * same run, bit for bit, as the side channel stage_time, for every
 * integrator on the Su-Boyd-Candes ODE */
static void test_fgt(void)
{
    gdf_problem p, sp;
    gdf_second q;
    gdf_gf_opts o;
    gdf_gf_result r1, r2;
    sink k1, k2;
    double z0[4] = {2.0, 1.0, 0.0, 0.0}, ts[2] = {0.0, 4.0}, ts4[4] = {0.0, 0.35, 1.0, 4.0};
    double z[4] = {0.3, -0.2, 0.1, 0.5}, f1, f2, g1[4], g2[4];
    int m, pass;
    quad2(&p);
    memset(&q, 0, sizeof q);
    q.base = &p;
    q.kind = GDF_SECOND_SBC;
    q.r = 3.0;
    CHECK(gdf_problem_second(&sp, &q) == GDF_OK, "SBC wrapper");
    q.t = 0.7;
    gdf_eval(&sp, z, &f1, g1);
    q.t = -5.0; /* not read */
    CHECK(gdf_second_fgt(&q, 0.7, z, &f2, g2) == GDF_OK && f1 == f2 && memcmp(g1, g2, sizeof g1) == 0 &&
              q.t == -5.0,
          "gdf_second_fgt(t) = the problem at q.t = t, q.t untouched");
    CHECK(gdf_second_fgt(&q, -1.0, z, &f2, g2) == GDF_EARG, "SBC: t < 0 refused");
    q.t = 0.7;
    CHECK(gdf_second_reach(&q, z, g1, 0.0) == gdf_second_reach_t(&q, 0.7, z, g1, 0.0), "reach_t = reach at q.t");
    sink_init(&k1, 4);
    sink_init(&k2, 4);
    for (m = GDF_GF_EULER; m <= GDF_GF_IMPLICIT; m++)
        for (pass = 0; pass < 2; pass++) {
            gdf_gf_defaults(&o);
            o.method = m;
            o.h = m == GDF_GF_RK45 ? 0.0 : 0.05;
            o.reach = gdf_second_reach;
            o.reach_ctx = &q;
            o.stage_time = &q.t;
            q.t = 0.0;
            run(&sp, z0, pass ? ts4 : ts, pass ? 4 : 2, &o, &k1, &r1);
            o.stage_time = NULL;
            o.reach = NULL;
            o.reach_t = gdf_second_reach_t;
            o.fgt = gdf_second_fgt;
            o.fgt_ctx = &q;
            q.t = -1.0; /* the wrapper's q.t must not matter */
            run(&sp, z0, pass ? ts4 : ts, pass ? 4 : 2, &o, &k2, &r2);
            CHECK(same_out(&k1.o, &k2.o, 4) && r1.nsteps == r2.nsteps && r1.nfevals == r2.nfevals &&
                      r1.why == r2.why && r1.exitflag == r2.exitflag && k1.o.n > 2,
                  "method %d nt %d: fgt = stage_time bit for bit (n %ld, %ld)", m, pass ? 4 : 2, k1.o.n,
                  k2.o.n);
        }
    sink_free(&k1);
    sink_free(&k2);
}

/* ------------------------------------------------------------------ */
/* golden runs (issue 13, item 2): every integrator on fixed problems,   */
/* the whole output hashed bit for bit; the hashes were recorded from     */
/* the code before the steppers and drivers were separated.  Run with     */
/* GDF_GOLDEN_PRINT=1 in the environment to print the table.             */
/* ------------------------------------------------------------------ */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= c[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The goldens were recorded while the flow had a numbering of its own
 * (GDF_GF_WHY_TEND = 1 ... STATIONARY = 13); since the one vocabulary
 * (gdf_why.h) the same reasons have other numbers: hash the old ones. */
static int old_flow_why(int why)
{
    static const int order[] = {GDF_GF_WHY_TEND, GDF_GF_WHY_GRADTOL, GDF_GF_WHY_MAXSTEPS,
                                GDF_GF_WHY_MAXTIME, GDF_GF_WHY_OUTPUT_FULL, GDF_GF_WHY_NONFINITE,
                                GDF_GF_WHY_UNDERFLOW, GDF_GF_WHY_NEWTON, GDF_GF_WHY_CG,
                                GDF_GF_WHY_SINGULAR, GDF_GF_WHY_CALLBACK, GDF_GF_WHY_BADARG,
                                GDF_GF_WHY_STATIONARY};
    int i;
    for (i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
        if (order[i] == why)
            return i + 1;
    return why == 0 ? 0 : -1;
}

static uint64_t hash_run(const sink *k, ptrdiff_t stride, const gdf_gf_result *r)
{
    uint64_t h = 14695981039346656037ULL;
    long v[5];
    v[0] = k->o.n, v[1] = r->nsteps, v[2] = r->nfailed, v[3] = r->nfevals, v[4] = r->exitflag * 100 + old_flow_why(r->why);
    h = fnv(h, v, sizeof v);
    h = fnv(h, k->o.t, (size_t)k->o.n * sizeof(double));
    h = fnv(h, k->o.theta, (size_t)k->o.n * (size_t)stride * sizeof(double));
    h = fnv(h, k->o.f, (size_t)k->o.n * sizeof(double));
    return fnv(h, k->o.gnorm, (size_t)k->o.n * sizeof(double));
}

typedef struct {
    const char *name;
    uint64_t hash, alt; /* alt: another BLAS's last bits (0: none) */
} golden_rec;
static const golden_rec GOLDEN[] = {
#include "ref/arch_gf_golden.h"
};

static int golden_print;
static void golden_check(int idx, const char *name, uint64_t h)
{
    if (golden_print) {
        printf("    {\"%s\", 0x%016llxULL, 0},\n", name, (unsigned long long)h);
        return;
    }
    CHECK(idx < (int)(sizeof GOLDEN / sizeof GOLDEN[0]) && strcmp(GOLDEN[idx].name, name) == 0 &&
              (GOLDEN[idx].hash == h || (GOLDEN[idx].alt != 0 && GOLDEN[idx].alt == h)),
          "golden %s: output bit for bit as recorded", name);
}

static void test_golden(void)
{
    enum { D = 6 };
    gdf_problem pq, pr, ps, pd5;
    gdf_testfun tf = {GDF_TF_ROSENBROCK, 2, 1.0, 100.0};
    static double A5[D * D], b5[D], x5[D];
    static ptrdiff_t Ap[D + 1], Ai[3 * D];
    static double Ax[3 * D];
    gdf_quad q5;
    gdf_squad sq;
    double x0[2] = {2.0, 1.0}, xr[2] = {-1.2, 1.0};
    double ts[2] = {0.0, 5.0}, ts4[4] = {0.0, 0.35, 1.0, 5.0}, tsr[2] = {0.0, 20.0};
    ptrdiff_t i, j, nz = 0;
    int idx = 0, m, pass;
    sink k;
    gdf_gf_result rr;
    gdf_gf_opts o;
    golden_print = getenv("GDF_GOLDEN_PRINT") != NULL;
    quad2(&pq);
    gdf_problem_testfun(&pr, &tf);
    for (j = 0; j < D; j++) {
        Ap[j] = nz;
        for (i = 0; i < D; i++)
            A5[i + j * D] = (i == j ? 2.0 + (double)i : 0.0) + 1.0 / (double)(i + j + 1);
        for (i = j - 1; i <= j + 1; i++) {
            if (i < 0 || i >= D)
                continue;
            Ai[nz] = i;
            Ax[nz] = i == j ? 3.0 : -1.0;
            nz++;
        }
        b5[j] = (double)(j % 3) - 1.0;
        x5[j] = 1.0 + 0.5 * (double)j;
    }
    Ap[D] = nz;
    q5.d = D, q5.A = A5, q5.b = b5, q5.c = 0.0;
    sq.d = D, sq.Ap = Ap, sq.Ai = Ai, sq.Ax = Ax, sq.b = b5, sq.c = 0.0;
    gdf_problem_quad(&pd5, &q5);
    gdf_problem_squad(&ps, &sq);
    sink_init(&k, 2);
    /* every gradient-flow integrator, grid output and tspan output, with
     * and without the stationary stop and GradTol */
    for (m = GDF_GF_EULER; m <= GDF_GF_IMPLICIT; m++)
        for (pass = 0; pass < 4; pass++) {
            char name[64];
            gdf_gf_defaults(&o);
            o.method = m;
            o.h = m == GDF_GF_RK45 ? 0.0 : 0.1;
            if (pass == 2)
                o.grad_tol = 1e-2;
            if (pass == 3) {
                o.stationary = 0;
                o.max_steps = 17;
            }
            run(&pq, x0, pass == 1 ? ts4 : ts, pass == 1 ? 4 : 2, &o, &k, &rr);
            snprintf(name, sizeof name, "quad2 m%d p%d", m, pass);
            golden_check(idx++, name, hash_run(&k, 2, &rr));
            run(&pd5, x5, pass == 1 ? ts4 : ts, pass == 1 ? 4 : 2, &o, &k, &rr);
            snprintf(name, sizeof name, "quad6 m%d p%d", m, pass);
            golden_check(idx++, name, hash_run(&k, D, &rr));
            run(&ps, x5, pass == 1 ? ts4 : ts, pass == 1 ? 4 : 2, &o, &k, &rr);
            snprintf(name, sizeof name, "squad6 m%d p%d", m, pass);
            golden_check(idx++, name, hash_run(&k, D, &rr));
            o.h = m == GDF_GF_RK45 ? 0.0 : (m == GDF_GF_IMPLICIT ? 2.0 : 1e-3);
            run(&pr, xr, pass == 1 ? ts4 : tsr, pass == 1 ? 4 : 2, &o, &k, &rr);
            snprintf(name, sizeof name, "rosen m%d p%d", m, pass);
            golden_check(idx++, name, hash_run(&k, 2, &rr));
        }
    /* rk45 with InitialStep, MaxStep, tight tolerances */
    gdf_gf_defaults(&o);
    o.h = 0.01;
    o.max_step = 0.2;
    o.rtol = 1e-8;
    o.atol = 1e-10;
    run(&pr, xr, ts4, 4, &o, &k, &rr);
    golden_check(idx++, "rosen rk45 tight", hash_run(&k, 2, &rr));
    /* the second-order methods and Langevin through gdf_gf_solve */
    for (m = 0; m < 6; m++) {
        gdf_gf_spec s;
        gdf_gf_plan pl;
        gdf_gf_solve_result r;
        char name[64];
        gdf_gf_spec_defaults(&s);
        s.method = m < 2 ? GDF_GFS_HEAVYBALL : m < 4 ? GDF_GFS_NESTEROV : GDF_GFS_LANGEVIN;
        if (m == 1 || m == 3) {
            s.integrator = m == 1 ? GDF_GFS_INT_EULER : GDF_GFS_INT_HEUN;
            s.o.h = 0.05;
        }
        if (m >= 4) {
            s.o.h = 0.01;
            s.temperature = m == 4 ? 0.5 : 0.0;
            s.seed = 3;
        }
        solve(&pq, &s, x0, m == 2 ? ts4 : ts, m == 2 ? 4 : 2, &k, &r, &pl);
        snprintf(name, sizeof name, "solve m%d", m);
        golden_check(idx++, name, hash_run(&k, pl.stride, &r.run));
    }
    CHECK(golden_print || idx == (int)(sizeof GOLDEN / sizeof GOLDEN[0]), "golden: %d runs", idx);
    sink_free(&k);
}

int main(void)
{
    test_defaults();
    test_resolve();
    test_refusals();
    test_exact();
    test_reevaluate();
    test_dispatch();
    test_saddle();
    test_fgt();
    test_golden();
    return check_report("test_arch_gf");
}
