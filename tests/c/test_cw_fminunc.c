/* test_cw_fminunc.c - MaxFunEvals (gdf_gd_opts.max_fevals): the driver stops
 * before a step once the run has made max_fevals fg calls, with exit flag 0
 * and its own reason (GDF_WHY_MAXFEVALS), in gdf_gd_run (fixed step,
 * backtracking, Nesterov) and in gdf_gd_batch; 0 means no limit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_why.h"
#include "check.h"

static int run(gdf_problem *p, double *theta, const gdf_gd_opts *o, gdf_gd_result *r)
{
    double *w = malloc(gdf_gd_work(p->d) * sizeof(double));
    int st = gdf_gd_run(p, theta, o, NULL, w, r);
    free(w);
    return st;
}

static void rosen(gdf_problem *p, gdf_testfun *q)
{
    memset(q, 0, sizeof *q);
    q->kind = GDF_TF_ROSENBROCK;
    q->d = 2;
    q->a = 1.0;
    q->b = 100.0;
    gdf_problem_testfun(p, q);
}

/* backtracking on Rosenbrock: a line search takes several evaluations per
 * iteration; the stop comes at the first iteration start with >= limit */
static void test_backtracking(void)
{
    gdf_problem p;
    gdf_testfun q;
    gdf_gd_opts o;
    gdf_gd_result r;
    double th[2] = {-1.2, 1.0};
    long limits[] = {1, 2, 10, 57};
    int i;
    for (i = 0; i < 4; i++) {
        th[0] = -1.2;
        th[1] = 1.0;
        rosen(&p, &q);
        gdf_gd_defaults(&o);
        o.step_rule = GDF_STEP_ARMIJO;
        o.eta = 1.0;
        o.max_iter = 100000;
        o.max_fevals = limits[i];
        CHECK(run(&p, th, &o, &r) == GDF_OK, "run");
        CHECK(r.why == GDF_WHY_MAXFEVALS, "limit %ld: why %d", limits[i], r.why);
        CHECK(r.exitflag == 0, "exit flag 0 at MaxFunEvals, got %d", r.exitflag);
        CHECK(gdf_why_exitflag(GDF_WHY_MAXFEVALS) == 0, "gdf_why_exitflag");
        CHECK(r.nfevals >= limits[i], "count %ld reached the limit %ld", r.nfevals, limits[i]);
        CHECK(r.nfevals == p.nfevals, "the result's count is the problem's");
        if (limits[i] == 1)
            CHECK(r.iterations == 0 && r.nfevals == 1, "limit 1: no step (%ld iterations)", r.iterations);
    }
    CHECK(strstr(gdf_why_message(GDF_WHY_MAXFEVALS), "MaxFunEvals") != NULL, "message names MaxFunEvals");
}

/* fixed step: one evaluation per iteration, so the stop is exact: limit n
 * gives n - 1 iterations; 0 means no limit (MaxIter stops) */
static void test_fixed(void)
{
    gdf_problem p;
    gdf_testfun q;
    gdf_gd_opts o;
    gdf_gd_result r;
    double th[2] = {-1.2, 1.0};
    rosen(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 1e-4;
    o.max_iter = 1000;
    o.max_fevals = 25;
    CHECK(run(&p, th, &o, &r) == GDF_OK, "run");
    CHECK(r.iterations == 24 && r.nfevals == 25 && r.why == GDF_WHY_MAXFEVALS,
          "fixed step: %ld iterations, %ld evaluations, why %d", r.iterations, r.nfevals, r.why);
    th[0] = -1.2;
    th[1] = 1.0;
    o.max_fevals = 0;
    o.max_iter = 30;
    CHECK(run(&p, th, &o, &r) == GDF_OK, "run");
    CHECK(r.iterations == 30 && r.why == GDF_WHY_MAXITER, "0 = no limit: %ld, why %d", r.iterations, r.why);
    /* Nesterov with backtracking and restarts stops on the count too */
    th[0] = -1.2;
    th[1] = 1.0;
    o.method = GDF_GD_NESTEROV;
    o.momentum_schedule = 1;
    o.step_rule = GDF_STEP_ARMIJO;
    o.eta = 1.0;
    o.max_iter = 100000;
    o.max_fevals = 40;
    CHECK(run(&p, th, &o, &r) == GDF_OK, "run");
    CHECK(r.why == GDF_WHY_MAXFEVALS && r.nfevals >= 40 && r.exitflag == 0, "nesterov: why %d, %ld", r.why,
          r.nfevals);
}

/* many starts: each column counts theta_0 and one evaluation per step */
static void test_batch(void)
{
    gdf_problem p;
    gdf_testfun q;
    gdf_gd_opts o;
    gdf_gd_result r[2];
    double X[4] = {-1.2, 1.0, 0.5, 0.5};
    double *w = malloc(gdf_gd_batch_work(2, 2) * sizeof(double));
    rosen(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 1e-4;
    o.max_iter = 1000;
    o.max_fevals = 11;
    CHECK(gdf_gd_batch(&p, 2, X, &o, NULL, w, r) == GDF_OK, "batch");
    CHECK(r[0].iterations == 10 && r[1].iterations == 10, "batch: %ld, %ld iterations", r[0].iterations,
          r[1].iterations);
    CHECK(r[0].why == GDF_WHY_MAXFEVALS && r[1].exitflag == 0 && r[0].nfevals == 11, "batch: why %d, %ld",
          r[0].why, r[0].nfevals);
    free(w);
}

int main(void)
{
    test_backtracking();
    test_fixed();
    test_batch();
    return check_report("test_cw_fminunc");
}
