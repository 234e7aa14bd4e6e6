/* test_sgd.c - the SGD core (mex/gdf_sgd.c, issue 16): samplers, schedules,
 * minibatch kernels, the run.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdf_sgd.h"

#define NR 40
#define NC 4

static double X[NR * NC], Xr[NR * NC], y[NR], ylab[NR];

static void make_data(void)
{
    gdf_rng g;
    int i, j;
    gdf_rng_seed(&g, 99);
    for (i = 0; i < NR; i++) {
        X[i] = 1.0;
        for (j = 1; j < NC; j++) {
            double v = gdf_rng_normal(&g);
            X[i + j * NR] = fabs(v) < 0.5 ? 0.0 : v; /* some zeros: the sparse path */
        }
        y[i] = X[i] + 2.0 * X[i + NR] - X[i + 2 * NR] + 0.1 * gdf_rng_normal(&g);
        ylab[i] = gdf_rng_uniform(&g) < 0.5 ? 0.0 : 1.0;
    }
    gdf_sgd_transpose(NR, NC, X, Xr);
}

static void test_uniform_int(void)
{
    gdf_rng g;
    long i, low = 0, N = 30000, cnt[10] = {0};
    const uint64_t big = UINT64_C(3) << 30; /* 3 * 2^30: (x >> 32) % n would favour [0, 2^30) 2:1 */
    double chi2 = 0.0, p, sd;
    int ok = 1;
    gdf_rng_seed(&g, 1);
    for (i = 0; i < 1000; i++) {
        ok &= gdf_sgd_uniform_int(&g, 1) == 0;
        ok &= gdf_sgd_uniform_int(&g, 7) < 7;
        ok &= gdf_sgd_uniform_int(&g, (UINT64_C(1) << 32) + 5) < (UINT64_C(1) << 32) + 5;
    }
    CHECK(ok, "uniform_int: a value out of range");
    /* frequencies, n = 10, 1e5 draws: Pearson's chi-square with 9 degrees of
     * freedom stays below its 1 - 1e-4 quantile 33.72 (a fixed seed: the
     * test is deterministic; a biased or broken generator fails it) */
    for (i = 0; i < 100000; i++)
        cnt[gdf_sgd_uniform_int(&g, 10)]++;
    for (i = 0; i < 10; i++)
        chi2 += (cnt[i] - 10000.0) * (cnt[i] - 10000.0) / 10000.0;
    CHECK(chi2 < 33.72, "with-replacement frequencies: chi-square %g >= 33.72 (9 dof, p = 1e-4)", chi2);
    /* no modulo bias: for n = 3 2^30, P(x < 2^30) = 1/3 (a modulo reduction of
     * 32 random bits gives 1/2); 5 standard deviations of the estimate */
    for (i = 0; i < N; i++)
        low += gdf_sgd_uniform_int(&g, big) < (UINT64_C(1) << 30);
    p = (double)low / (double)N;
    sd = sqrt((1.0 / 3.0) * (2.0 / 3.0) / (double)N);
    CHECK(fabs(p - 1.0 / 3.0) < 5.0 * sd, "no modulo bias: P(x < 2^30) = %g, not 1/3 +- %g", p, 5 * sd);
}

static void test_samplers(void)
{
    gdf_sgd_sampler s;
    ptrdiff_t perm[13], idx[5], stream[13 * 20 + 5];
    int e, i, ok = 1, differ = 0;
    /* without replacement, batches of 5 straddling epochs of 13: every epoch
     * of 13 consecutive draws is a permutation of 0..12 */
    gdf_sgd_sampler_init(&s, 13, GDF_SGD_WITHOUT, 4, perm);
    for (i = 0; i < 13 * 20; i += 5) {
        gdf_sgd_sample(&s, 5, idx);
        memcpy(stream + i, idx, sizeof idx);
    }
    for (e = 0; e < 20; e++) {
        int seen[13] = {0};
        for (i = 0; i < 13; i++)
            if (stream[13 * e + i] >= 0 && stream[13 * e + i] < 13)
                seen[stream[13 * e + i]]++;
        for (i = 0; i < 13; i++)
            ok &= seen[i] == 1;
        if (e > 0)
            differ += memcmp(stream + 13 * e, stream + 13 * (e - 1), 13 * sizeof(ptrdiff_t)) != 0;
    }
    CHECK(ok, "without replacement: an epoch is not a permutation");
    CHECK(differ >= 18, "without replacement: only %d of 19 epochs differ from the one before", differ);
    /* cyclic: 0, 1, ..., 12, 0, 1, ... */
    gdf_sgd_sampler_init(&s, 13, GDF_SGD_CYCLIC, 4, NULL);
    ok = 1;
    for (i = 0; i < 13 * 3; i += 3) {
        ptrdiff_t b[3];
        int t;
        gdf_sgd_sample(&s, 3, b);
        for (t = 0; t < 3; t++)
            ok &= b[t] == (i + t) % 13;
    }
    CHECK(ok, "cyclic order");
    /* the same seed, the same stream; another seed, another */
    {
        gdf_sgd_sampler a, b, c;
        ptrdiff_t ia[50], ib[50], ic[50];
        gdf_sgd_sampler_init(&a, 1000, GDF_SGD_WITH, 5, NULL);
        gdf_sgd_sampler_init(&b, 1000, GDF_SGD_WITH, 5, NULL);
        gdf_sgd_sampler_init(&c, 1000, GDF_SGD_WITH, 6, NULL);
        gdf_sgd_sample(&a, 50, ia);
        gdf_sgd_sample(&b, 50, ib);
        gdf_sgd_sample(&c, 50, ic);
        CHECK(memcmp(ia, ib, sizeof ia) == 0, "same seed, same indices");
        CHECK(memcmp(ia, ic, sizeof ia) != 0, "another seed, other indices");
    }
}

static void test_schedules(void)
{
    CHECK(gdf_sgd_schedule(GDF_SGD_CONSTANT, 0.5, 3.0, 7) == 0.5, "constant");
    CHECK(gdf_sgd_schedule(GDF_SGD_INVERSE, 0.5, 4.0, 0) == 0.5, "inverse at 0");
    CHECK_CLOSE(gdf_sgd_schedule(GDF_SGD_INVERSE, 0.5, 4.0, 12), 0.125, 1e-15, "inverse 0.5/(1+3)");
    CHECK_CLOSE(gdf_sgd_schedule(GDF_SGD_INVSQRT, 0.5, 4.0, 12), 0.25, 1e-15, "inverse-sqrt 0.5/2");
}

/* the minibatch gradient = the mean of the per-example gradients (long
 * double reference) + lambda/n theta(2:end), for every row layout */
static void test_kernels(void)
{
    ptrdiff_t Xp[NC + 1], Xi[NR * NC], Rp[NR + 1], Rj[NR * NC];
    double Xx[NR * NC], Rx[NR * NC], theta[NC] = {0.3, -0.2, 0.7, 0.1}, g[NC], f;
    ptrdiff_t idx[6] = {3, 17, 3, 39, 0, 22};
    int lay, lg, nz = 0, i, j, t;
    for (j = 0; j < NC; j++) { /* CSC of X */
        Xp[j] = nz;
        for (i = 0; i < NR; i++)
            if (X[i + j * NR] != 0.0) {
                Xi[nz] = i;
                Xx[nz++] = X[i + j * NR];
            }
    }
    Xp[NC] = nz;
    gdf_sgd_csr(NR, NC, Xp, Xi, Xx, Rp, Rj, Rx);
    for (lg = 0; lg < 2; lg++)
        for (lay = 0; lay < 3; lay++) {
            gdf_sgd_data q;
            gdf_sgd_source s;
            long double gr[NC] = {0}, fr = 0;
            memset(&q, 0, sizeof q);
            q.n = NR;
            q.p = NC;
            q.y = lg ? ylab : y;
            q.lambda = 0.7;
            q.logistic = lg;
            if (lay == 0)
                q.Xr = Xr;
            else if (lay == 1) {
                q.Rp = Rp;
                q.Rj = Rj;
                q.Rx = Rx;
            } else
                q.X = X;
            gdf_sgd_source_data(&s, &q);
            s.fg(s.ctx, theta, 6, idx, &f, g);
            for (t = 0; t < 6; t++) {
                long double z = 0, r;
                i = (int)idx[t];
                for (j = 0; j < NC; j++)
                    z += (long double)X[i + j * NR] * theta[j];
                if (lg) {
                    r = 1.0L / (1.0L + expl(-z)) - q.y[i];
                    fr += log1pl(expl(z)) - q.y[i] * z;
                } else {
                    r = z - q.y[i];
                    fr += r * r / 2;
                }
                for (j = 0; j < NC; j++)
                    gr[j] += r * X[i + j * NR] / 6.0L;
            }
            fr /= 6;
            for (j = 1; j < NC; j++) {
                gr[j] += 0.7L / NR * theta[j];
                fr += 0.35L / NR * theta[j] * theta[j];
            }
            for (j = 0; j < NC; j++)
                CHECK_CLOSE(g[j], (double)gr[j], 1e-14, lg ? "logistic minibatch gradient"
                                                           : "least-squares minibatch gradient");
            CHECK_CLOSE(f, (double)fr, 1e-14, "minibatch loss");
        }
}

/* a run: B = n is gdf_gd_run bit for bit; same seed = same run; another
 * seed another; a bad schedule value is GDF_EARG; divergence stops at the
 * last finite iterate */
static int bad_eta(void *ctx, long k, double *eta)
{
    *eta = k < 3 ? 0.1 : -1.0;
    return GDF_OK;
}

static void test_run(void)
{
    gdf_problem p;
    gdf_data dq;
    gdf_sgd_data q;
    gdf_sgd_source s;
    gdf_sgd_opts o;
    gdf_sgd_result r;
    gdf_gd_opts go;
    gdf_gd_result gr;
    double *dwork = malloc(gdf_data_work(NR, NC) * sizeof(double));
    double work[3 * NC + 1], gwork[6 * NC + 8], th1[NC], th2[NC], th3[NC], avg[NC];
    ptrdiff_t iwork[NR + NR + 1];
    double hk[64], hf[64], hg[64], hth[64 * NC], gf[64], gg[64], gth[64 * NC];
    gdf_sgd_hist h;
    gdf_history gh;
    int i;
    memset(&dq, 0, sizeof dq);
    dq.m = NR;
    dq.p = NC;
    dq.X = X;
    dq.y = y;
    dq.work = dwork;
    dq.threads = 1;
    gdf_problem_leastsq(&p, &dq);
    memset(&q, 0, sizeof q);
    q.n = NR;
    q.p = NC;
    q.Xr = Xr;
    q.y = y;
    gdf_sgd_source_data(&s, &q);

    /* B = n: GD's bits */
    gdf_sgd_defaults(&o);
    o.batch = NR;
    o.eta0 = 0.3;
    o.max_iter = 30;
    o.stride = 1;
    memset(&h, 0, sizeof h);
    h.k = hk;
    h.f = hf;
    h.gnorm = hg;
    h.theta = hth;
    h.cap = 64;
    memset(th1, 0, sizeof th1);
    CHECK(gdf_sgd_run(&p, &s, th1, &o, &h, NULL, work, iwork, &r) == GDF_OK, "run B = n");
    gdf_gd_defaults(&go);
    go.eta = 0.3;
    go.max_iter = 30;
    go.grad_tol = 0.0;
    memset(&gh, 0, sizeof gh);
    gh.f = gf;
    gh.gnorm = gg;
    gh.theta = gth;
    gh.cap = 64;
    memset(th2, 0, sizeof th2);
    CHECK(gdf_gd_run(&p, th2, &go, &gh, gwork, &gr) == GDF_OK, "gd run");
    CHECK(r.iterations == 30 && gr.iterations == 30 && h.n == 31, "B = n: 30 steps, 31 records");
    CHECK(memcmp(th1, th2, sizeof th1) == 0, "B = n: the last iterate is GD's, bit for bit");
    CHECK(memcmp(hth, gth, 31 * NC * sizeof(double)) == 0 && memcmp(hf, gf, 31 * sizeof(double)) == 0,
          "B = n: every iterate and f is GD's, bit for bit");

    /* same seed, same run (with averaging, momentum, without replacement) */
    o.batch = 3;
    o.sampling = GDF_SGD_WITHOUT;
    o.seed = 42;
    o.momentum = 0.3;
    o.averaging = 1;
    o.eta0 = 0.05;
    o.max_iter = 500;
    o.stride = 100;
    memset(th1, 0, sizeof th1);
    memset(th2, 0, sizeof th2);
    memset(th3, 0, sizeof th3);
    gdf_sgd_run(&p, &s, th1, &o, NULL, avg, work, iwork, &r);
    CHECK(r.iterations == 500 && r.exitflag == 0 && r.navg == 500, "500 steps, all averaged");
    CHECK(fabs(r.epochs - 500.0 * 3 / NR) < 1e-12, "epochs");
    gdf_sgd_run(&p, &s, th2, &o, NULL, avg, work, iwork, &r);
    CHECK(memcmp(th1, th2, sizeof th1) == 0, "same seed, same run");
    o.seed = 43;
    gdf_sgd_run(&p, &s, th3, &o, NULL, avg, work, iwork, &r);
    CHECK(memcmp(th1, th3, sizeof th1) != 0, "another seed, another run");

    /* a schedule that turns negative at k = 3 */
    o.schedule = GDF_SGD_USER;
    o.eta_fn = bad_eta;
    memset(th1, 0, sizeof th1);
    CHECK(gdf_sgd_run(&p, &s, th1, &o, NULL, avg, work, iwork, &r) == GDF_EARG, "bad eta: GDF_EARG");
    CHECK(r.iterations == 3 && r.bad_eta == -1.0, "bad eta at k = 3 (%ld, %g)", r.iterations, r.bad_eta);

    /* divergence: a huge constant step */
    o.schedule = GDF_SGD_CONSTANT;
    o.eta0 = 1e3;
    o.momentum = 0.0;
    o.max_iter = 100000;
    for (i = 0; i < NC; i++)
        th1[i] = 1.0;
    CHECK(gdf_sgd_run(&p, &s, th1, &o, NULL, avg, work, iwork, &r) == GDF_OK, "divergent run");
    CHECK(r.exitflag == GDF_EXIT_DIVERGED && r.iterations < 100000, "diverged: exit flag %d after %ld",
          r.exitflag, r.iterations);
    CHECK(gdf_all_finite(NC, th1), "diverged: theta is the last finite iterate");
    free(dwork);
}

int main(void)
{
    make_data();
    test_uniform_int();
    test_samplers();
    test_schedules();
    test_kernels();
    test_run();
    return check_report("test_sgd");
}
