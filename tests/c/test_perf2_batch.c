/* test_perf2_batch.c - issue 15 item 2: many starts at once.
 *
 * gdf_gd_batch's fused kernel for small dense quadratics (gdf_gd_batchq.c)
 * against single runs of gdf_gd_run, bit for bit: the final iterates, every
 * field of the results and the histories (f, ||g||, theta), with GradTol
 * stops at different iterations per column, columns that diverge (through
 * DivergenceLimit and through overflow), NaN and Inf starts, the other
 * stopping rules, d = 1..16 with partial blocks, b absent; the variants
 * (variant 0: the best the CPU has, AVX-512 or AVX2; 1: the portable SSE2
 * build; 2: at most AVX2); the general loop (least squares,
 * no fg_batch) against single runs.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200112L /* setenv */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdflow.h"

/* the kernel once more, built without AVX2 and renamed plain_ (a second
 * object of mex/gdf_gd_batchq.c, see the Makefile): the portable variant
 * must give the same bits */
int plain_gdf_gd_batchq_applies(const gdf_problem *p, const gdf_gd_opts *o);
int plain_gdf_gd_batchq(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o, gdf_history *h,
                        gdf_gd_result *res);

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* a random symmetric positive definite d x d matrix (a fixed sequence),
 * eigenvalues in about [1, 4] */
static double urand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (double)((*s >> 8) & 0xffffff) / 16777216.0;
}

static void spd(ptrdiff_t d, double *A, unsigned seed)
{
    ptrdiff_t i, j;
    unsigned s = seed;
    for (j = 0; j < d; j++)
        for (i = 0; i <= j; i++) {
            double v = i == j ? 2.0 + urand(&s) : 0.3 * (urand(&s) - 0.5) / (double)d;
            A[i + j * d] = A[j + i * d] = v;
        }
}

typedef struct {
    double *f, *g, *th;
} hist3;

/* m starts through gdf_gd_batch (fused when the problem allows) and one by
 * one through gdf_gd_run (hist: 0 none, 1 f, ||g|| and theta, 2 f and ||g||);
 * returns the number of starts that differ in any
 * bit (iterate, results, history) */
static int compare_runs(gdf_problem *p, ptrdiff_t m, const double *X0, const gdf_gd_opts *o, int hist,
                        int variant, int *whys)
{
    const ptrdiff_t d = p->d;
    const long cap = o->max_iter + 1;
    double *X = malloc((size_t)(d * m) * sizeof(double));
    double *wb = malloc(gdf_gd_batch_work(d, m) * sizeof(double));
    double *w = malloc(gdf_gd_work(d) * sizeof(double));
    double *F = NULL, *G = NULL, *T = NULL;
    gdf_gd_result *rb = malloc((size_t)m * sizeof *rb), r;
    gdf_history hb, hs;
    hist3 s;
    ptrdiff_t j, i;
    long k;
    int bad = 0, st;
    memcpy(X, X0, (size_t)(d * m) * sizeof(double));
    memset(&hb, 0, sizeof hb);
    if (hist) {
        F = malloc((size_t)cap * (size_t)m * sizeof(double));
        G = malloc((size_t)cap * (size_t)m * sizeof(double));
        T = malloc((size_t)cap * (size_t)m * (size_t)d * sizeof(double));
        for (i = 0; i < (ptrdiff_t)(cap * m); i++)
            F[i] = G[i] = -7.0;
        hb.f = F;
        hb.gnorm = G;
        hb.theta = hist == 1 ? T : NULL; /* 2: f and ||g|| only (written as rows) */
        hb.stride = m;
        hb.cap = cap;
    }
    s.f = malloc((size_t)cap * sizeof(double));
    s.g = malloc((size_t)cap * sizeof(double));
    s.th = malloc((size_t)cap * (size_t)d * sizeof(double));
    if (variant == 1) {
        st = plain_gdf_gd_batchq(p, m, X, o, hist ? &hb : NULL, rb);
    } else {
        if (variant == 2) /* at most AVX2 (the library's own switch) */
            setenv("GDF_NO_AVX512", "1", 1);
        st = gdf_gd_batch(p, m, X, o, hist ? &hb : NULL, wb, rb);
        unsetenv("GDF_NO_AVX512");
    }
    CHECK(st == GDF_OK, "batch status %d", st);
    for (j = 0; j < m; j++) {
        double th[GDF_GD_BATCHQ_DMAX * 4];
        int ok = 1;
        memcpy(th, X0 + j * d, (size_t)d * sizeof(double));
        memset(&hs, 0, sizeof hs);
        hs.f = s.f;
        hs.gnorm = s.g;
        hs.theta = s.th;
        hs.cap = cap;
        CHECK(gdf_gd_run(p, th, o, hist ? &hs : NULL, w, &r) == GDF_OK, "single status");
        for (i = 0; i < d; i++)
            ok &= same_bits(th[i], X[j * d + i]);
        ok &= r.iterations == rb[j].iterations && r.exitflag == rb[j].exitflag && r.why == rb[j].why &&
              same_bits(r.f, rb[j].f) && same_bits(r.gnorm, rb[j].gnorm) && r.nfevals == rb[j].nfevals;
        if (hist) {
            for (k = 0; k <= r.iterations; k++) {
                ok &= same_bits(F[j + k * m], s.f[k]) && same_bits(G[j + k * m], s.g[k]);
                for (i = 0; hist == 1 && i < d; i++)
                    ok &= same_bits(T[((size_t)j * (size_t)cap + (size_t)k) * (size_t)d + (size_t)i],
                                    s.th[k * d + i]);
            }
            if (r.iterations + 1 < cap) /* nothing written past the stop */
                ok &= F[j + (r.iterations + 1) * m] == -7.0 && G[j + (r.iterations + 1) * m] == -7.0;
        }
        if (whys && r.why >= 0 && r.why < GDF_WHY_COUNT)
            whys[r.why]++;
        if (!ok) {
            if (bad < 3)
                fprintf(stderr, "  start %ld: batch it %ld why %d f %.17g | single it %ld why %d f %.17g\n",
                        (long)j, rb[j].iterations, rb[j].why, rb[j].f, r.iterations, r.why, r.f);
            bad++;
        }
    }
    free(X);
    free(wb);
    free(w);
    free(F);
    free(G);
    free(T);
    free(rb);
    free(s.f);
    free(s.g);
    free(s.th);
    return bad;
}

/* the lecture's 2-D quadratic, GradTol: columns stop at different
 * iterations (starts at very different distances), some at theta_0 */
static void test_gradtol_d2(void)
{
    enum { M = 37 };
    double A[4] = {3.0, 1.0, 1.0, 2.0}, b[2] = {1.0, 1.0}, X0[2 * M];
    gdf_quad q = {2, A, b, 0.5};
    gdf_problem p;
    gdf_gd_opts o;
    int whys[GDF_WHY_COUNT], variant, hist;
    ptrdiff_t j;
    unsigned s = 7;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 0.1;
    o.max_iter = 400;
    o.grad_tol = 1e-6;
    CHECK(gdf_gd_batchq_applies(&p, &o), "the fused kernel applies to a 2-D quadratic");
    for (j = 0; j < 2 * M; j++)
        X0[j] = (urand(&s) - 0.5) * pow(10.0, (double)(j % 9) - 4.0);
    X0[2 * 5] = 0.2; /* the minimizer A \ b = (0.2, 0.4): GradTol at theta_0 */
    X0[2 * 5 + 1] = 0.4;
    for (variant = 0; variant < 3; variant++)
        for (hist = 0; hist < 3; hist++) {
            int bad;
            memset(whys, 0, sizeof whys);
            bad = compare_runs(&p, M, X0, &o, hist, variant, whys);
            CHECK(bad == 0, "d = 2 GradTol (variant %d, history %d): %d of %d starts differ", variant, hist,
                  bad, (int)M);
            CHECK(whys[GDF_WHY_GRADTOL] == M, "every start stops on GradTol (%d)", whys[GDF_WHY_GRADTOL]);
        }
    {
        /* the first vector of lanes stops at once, the rest runs on (the
         * history is then written lane by lane) */
        double Y0[2 * 8];
        for (j = 0; j < 8; j++) {
            Y0[2 * j] = j < 4 ? 0.2 : 1.0 + (double)j;
            Y0[2 * j + 1] = j < 4 ? 0.4 : -1.0;
        }
        for (variant = 0; variant < 3; variant++)
            for (hist = 1; hist < 3; hist++)
                CHECK(compare_runs(&p, 8, Y0, &o, hist, variant, NULL) == 0,
                      "half a block stopped (variant %d, history %d)", variant, hist);
    }
    {
        /* and they stop at different iterations */
        double X[2 * M], *wb = malloc(gdf_gd_batch_work(2, M) * sizeof(double));
        gdf_gd_result r[M];
        long kmin = LONG_MAX, kmax = 0;
        memcpy(X, X0, sizeof X);
        CHECK(gdf_gd_batch(&p, M, X, &o, NULL, wb, r) == GDF_OK, "batch status");
        free(wb);
        for (j = 0; j < M; j++) {
            kmin = r[j].iterations < kmin ? r[j].iterations : kmin;
            kmax = r[j].iterations > kmax ? r[j].iterations : kmax;
        }
        CHECK(kmin == 0 && kmax > 50, "stops from %ld to %ld iterations", kmin, kmax);
    }
}

/* divergence of some columns: A = diag(1, 10) with eta = 0.25 > 2/10; a
 * start whose second coordinate is at the minimizer's (b2/10 exactly: the
 * gradient's second component is 0) does not diverge */
static void test_divergence(void)
{
    enum { M = 19 };
    double A[4] = {1.0, 0.0, 0.0, 10.0}, b[2] = {1.0, 2.5}, X0[2 * M];
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gd_opts o;
    int whys[GDF_WHY_COUNT], variant, hist, pass;
    ptrdiff_t j;
    gdf_problem_quad(&p, &q);
    for (j = 0; j < M; j++) {
        X0[2 * j] = 3.0 - 0.5 * (double)j;
        X0[2 * j + 1] = j % 3 == 0 ? 0.25 : 0.25 + 1e-3 * (double)j;
    }
    for (pass = 0; pass < 2; pass++) {
        gdf_gd_defaults(&o);
        o.eta = 0.25;
        o.max_iter = pass ? 3000 : 300;
        o.grad_tol = 1e-9;
        if (pass)
            o.div_limit = INFINITY; /* no DivergenceLimit: overflow to Inf, then NaN */
        for (variant = 0; variant < 3; variant++)
            for (hist = 0; hist < 3; hist++) {
                int bad;
                memset(whys, 0, sizeof whys);
                bad = compare_runs(&p, M, X0, &o, hist, variant, whys);
                CHECK(bad == 0, "divergence pass %d (variant %d, history %d): %d starts differ", pass,
                      variant, hist, bad);
                CHECK(whys[pass ? GDF_WHY_NONFINITE : GDF_WHY_DIVLIMIT] == M - 7 && whys[GDF_WHY_GRADTOL] == 7,
                      "pass %d: %d diverged, %d converged", pass,
                      whys[pass ? GDF_WHY_NONFINITE : GDF_WHY_DIVLIMIT], whys[GDF_WHY_GRADTOL]);
            }
    }
}

/* NaN and Inf starts stop at theta_0; the others run on */
static void test_nonfinite_starts(void)
{
    enum { M = 11 };
    double A[4] = {3.0, 1.0, 1.0, 2.0}, b[2] = {1.0, 1.0}, X0[2 * M];
    gdf_quad q = {2, A, b, 0.0};
    gdf_problem p;
    gdf_gd_opts o;
    int whys[GDF_WHY_COUNT], variant, hist;
    ptrdiff_t j;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 0.1;
    o.max_iter = 200;
    for (j = 0; j < 2 * M; j++)
        X0[j] = 1.0 + 0.37 * (double)j;
    X0[2] = NAN;
    X0[9] = INFINITY;
    X0[14] = -INFINITY;
    X0[15] = NAN;
    for (variant = 0; variant < 3; variant++)
        for (hist = 0; hist < 3; hist++) {
            int bad;
            memset(whys, 0, sizeof whys);
            bad = compare_runs(&p, M, X0, &o, hist, variant, whys);
            CHECK(bad == 0, "NaN starts (variant %d, history %d): %d starts differ", variant, hist, bad);
            CHECK(whys[GDF_WHY_NONFINITE] == 3, "three non-finite starts (%d)", whys[GDF_WHY_NONFINITE]);
        }
}

/* d = 1..16 (the generic body), m not a multiple of the block, b absent or
 * given, c != 0, and every stopping rule */
static void test_dims_and_rules(void)
{
    enum { M = 13 };
    double A[16 * 16], b[16], X0[16 * M];
    ptrdiff_t d, j;
    int rule, seen[GDF_WHY_COUNT];
    memset(seen, 0, sizeof seen);
    for (d = 1; d <= 16; d++) {
        gdf_quad q;
        gdf_problem p;
        unsigned s = 11u + (unsigned)d;
        spd(d, A, 3u * (unsigned)d);
        for (j = 0; j < d; j++)
            b[j] = urand(&s) - 0.5;
        for (j = 0; j < d * M; j++)
            X0[j] = 4.0 * (urand(&s) - 0.5);
        q.d = d;
        q.A = A;
        q.b = d % 3 == 0 ? NULL : b;
        q.c = d % 2 ? 0.0 : 1.25;
        gdf_problem_quad(&p, &q);
        for (rule = 0; rule < 7; rule++) {
            gdf_gd_opts o;
            int bad, variant;
            gdf_gd_defaults(&o);
            o.eta = 0.2;
            o.max_iter = 150;
            o.grad_tol = 0.0;
            if (rule == 0)
                o.grad_tol = 1e-4;
            else if (rule == 1)
                o.step_tol = 1e-3;
            else if (rule == 2)
                o.fun_tol = 1e-7;
            else if (rule == 3) {
                o.eta = 1.2; /* beyond 2/L: f rises */
                o.div_limit = 50.0;
            } else if (rule == 4)
                o.max_fevals = 40;
            else if (rule == 5)
                gdf_gd_fixed_length(&o, 60); /* Iterations */
            else {
                o.grad_tol = 1e-8; /* a step below rounding: the fixed point */
                o.max_iter = 3000;
                o.eta = d % 2 ? 1e-300 : 1e-17;
            }
            CHECK(gdf_gd_batchq_applies(&p, &o), "applies at d = %ld", (long)d);
            for (variant = 0; variant < 3; variant++) {
                bad = compare_runs(&p, M, X0, &o, (rule + variant) % 3, variant, seen);
                CHECK(bad == 0, "d = %ld rule %d variant %d: %d starts differ", (long)d, rule, variant, bad);
            }
        }
    }
    CHECK(seen[GDF_WHY_GRADTOL] && seen[GDF_WHY_STEPTOL] && seen[GDF_WHY_FUNTOL] && seen[GDF_WHY_DIVLIMIT] &&
              seen[GDF_WHY_MAXFEVALS] && seen[GDF_WHY_MAXITER] && seen[GDF_WHY_STEPROUND],
          "every rule exercised: %d %d %d %d %d %d %d", seen[GDF_WHY_GRADTOL], seen[GDF_WHY_STEPTOL],
          seen[GDF_WHY_FUNTOL], seen[GDF_WHY_DIVLIMIT], seen[GDF_WHY_MAXFEVALS], seen[GDF_WHY_MAXITER],
          seen[GDF_WHY_STEPROUND]);
}

/* the fused kernel only where it is exact: not beyond d = 16, not without
 * fg_batch, not for momentum, backtracking or a monitor */
static void test_applies(void)
{
    double A[17 * 17];
    gdf_quad q;
    gdf_problem p;
    gdf_gd_opts o;
    spd(17, A, 5u);
    q.d = 17;
    q.A = A;
    q.b = NULL;
    q.c = 0.0;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    CHECK(!gdf_gd_batchq_applies(&p, &o), "d = 17: the general loop");
    q.d = 3;
    gdf_problem_quad(&p, &q);
    CHECK(gdf_gd_batchq_applies(&p, &o), "d = 3");
    p.fg_batch = NULL;
    CHECK(!gdf_gd_batchq_applies(&p, &o), "no fg_batch");
    gdf_problem_quad(&p, &q);
    o.method = GDF_GD_HEAVYBALL;
    CHECK(!gdf_gd_batchq_applies(&p, &o), "momentum");
    o.method = GDF_GD_PLAIN;
    o.step_rule = GDF_STEP_ARMIJO;
    CHECK(!gdf_gd_batchq_applies(&p, &o), "backtracking");
}

/* the general loop (no fg_batch: least squares) equals single runs too;
 * p = 40 > 32 columns: ||g|| by gdf_nrm2 (dnrm2) as a single run takes it,
 * not a plain sum of squares (the general loop's old batch_gnorm) */
static void test_leastsq_batch(void)
{
    enum { N = 60, PMAX = 40, M = 9 };
    static const ptrdiff_t ps[2] = {3, PMAX};
    double Xd[N * PMAX], y[N], X0[PMAX * M];
    int q;
    for (q = 0; q < 2; q++) {
        const ptrdiff_t P = ps[q];
        gdf_data dat;
        gdf_problem p;
        gdf_gd_opts o;
        int whys[GDF_WHY_COUNT], bad;
        ptrdiff_t i;
        unsigned s = 99;
        for (i = 0; i < N * P; i++)
            Xd[i] = i < N ? 1.0 : urand(&s) - 0.5;
        for (i = 0; i < N; i++)
            y[i] = 0.5 + Xd[N + i] - 2.0 * Xd[2 * N + i] + 0.01 * (urand(&s) - 0.5);
        for (i = 0; i < P * M; i++)
            X0[i] = 3.0 * (urand(&s) - 0.5);
        memset(&dat, 0, sizeof dat);
        dat.m = N;
        dat.p = P;
        dat.X = Xd;
        dat.y = y;
        dat.threads = 1;
        dat.work = malloc(gdf_data_work(N, P) * sizeof(double));
        gdf_problem_leastsq(&p, &dat);
        gdf_gd_defaults(&o);
        o.eta = P > 3 ? 0.2 : 1.0;
        o.max_iter = P > 3 ? 60 : 2000;
        o.grad_tol = 1e-7;
        CHECK(!gdf_gd_batchq_applies(&p, &o), "least squares: the general loop");
        memset(whys, 0, sizeof whys);
        bad = compare_runs(&p, M, X0, &o, 1, 0, whys);
        CHECK(bad == 0, "least squares p = %ld: %d of %d starts differ", (long)P, bad, (int)M);
        if (P == 3)
            CHECK(whys[GDF_WHY_GRADTOL] == M, "least squares: all converge (%d)", whys[GDF_WHY_GRADTOL]);
        free(dat.work);
    }
}

/* the starts' times are shares of the call's: they sum to at most its wall
 * time (each start was given the whole call's time in the general loop) */
static void test_time_shares(void)
{
    enum { M = 13, N = 40, P = 3 };
    double A[4] = {3.0, 1.0, 1.0, 2.0}, b[2] = {1.0, 1.0}, X[P * M], Xd[N * P], y[N];
    double *wb = malloc(gdf_gd_batch_work(P, M) * sizeof(double));
    gdf_quad q = {2, A, b, 0.0};
    gdf_data dat;
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r[M];
    int pass;
    ptrdiff_t j;
    unsigned s = 5;
    for (j = 0; j < N * P; j++)
        Xd[j] = urand(&s);
    for (j = 0; j < N; j++)
        y[j] = urand(&s);
    memset(&dat, 0, sizeof dat);
    dat.m = N;
    dat.p = P;
    dat.X = Xd;
    dat.y = y;
    dat.threads = 1;
    dat.work = malloc(gdf_data_work(N, P) * sizeof(double));
    for (pass = 0; pass < 2; pass++) {
        double t0, wall, sum = 0.0;
        if (pass == 0)
            gdf_problem_quad(&p, &q); /* the fused kernel */
        else
            gdf_problem_leastsq(&p, &dat); /* the general loop */
        gdf_gd_defaults(&o);
        o.eta = 0.1;
        o.max_iter = 20000;
        o.grad_tol = 0.0;
        for (j = 0; j < p.d * M; j++)
            X[j] = urand(&s);
        t0 = gdf_now();
        CHECK(gdf_gd_batch(&p, M, X, &o, NULL, wb, r) == GDF_OK, "time: status");
        wall = gdf_now() - t0;
        for (j = 0; j < M; j++)
            sum += r[j].time;
        CHECK(sum > 0.0 && sum <= 1.01 * wall + 1e-6, "pass %d: the starts' times sum to %g s, the call took %g s",
              pass, sum, wall);
    }
    free(dat.work);
    free(wb);
}

int main(void)
{
    test_gradtol_d2();
    test_divergence();
    test_nonfinite_starts();
    test_dims_and_rules();
    test_applies();
    test_leastsq_batch();
    test_time_shares();
    return check_report("test_perf2_batch");
}
