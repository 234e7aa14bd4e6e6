/* test_gd15_lanes.c - issue 15 item 2 (round 5): many starts of a medium
 * dense quadratic (16 < d <= GDF_SYMV_OWN_MAX) give, start by start, the bits
 * of the single run.
 *
 * 1. gdf_quad_fg_lanes (the lane kernel) against the problem's own f and g
 *    (quad_fg_own: gdf_symv_lower) column by column, bit for bit: d = 17..256
 *    (every d mod 4), m not a multiple of the block, b absent, c != 0, zero,
 *    -0, huge and non-finite entries; the variants (the best the CPU has,
 *    at most AVX2, the portable build).
 * 2. gdf_gd_batch against gdf_gd_run on each start: final iterates, every
 *    result field and the history (f, ||g||, theta), with GradTol stops at
 *    different iterations, DivergenceLimit, overflow, NaN starts, MaxIter,
 *    StepTol, FunTol, MaxFunEvals, with and without a history (without
 *    one, ||g|| is taken only where a rule needs it or a start stops).
 *    Before this change the batch path used one dgemm per step and these
 *    agreed only to rounding (2e-16), so every bitwise check here failed.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200112L /* setenv */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdflow.h"
#include "gdf_kernels.h"
#include "gdf_quad_lanes.h"

/* the kernel once more, built without AVX2 and renamed plain_ (a second
 * object of mex/gdf_quad_lanes.c, see the Makefile): the portable variant
 * must give the same bits */
int plain_gdf_quad_lanes_applies(const gdf_quad *q);
size_t plain_gdf_quad_fg_lanes_work(ptrdiff_t d);
int plain_gdf_quad_fg_lanes(const gdf_quad *q, ptrdiff_t m, const double *X, double *f, double *G, double *g2,
                            double *work);

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b); }

static double urand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (double)((*s >> 8) & 0xffffff) / 16777216.0;
}

/* a symmetric d x d matrix, eigenvalues in about [1, 4] (indefinite if neg) */
static void sym(ptrdiff_t d, double *A, unsigned seed, int neg)
{
    ptrdiff_t i, j;
    unsigned s = seed;
    for (j = 0; j < d; j++)
        for (i = 0; i <= j; i++) {
            double v = i == j ? 2.0 + urand(&s) : 0.6 * (urand(&s) - 0.5) / sqrt((double)d);
            if (i == j && neg && j % 7 == 3)
                v = -v;
            A[i + j * d] = A[j + i * d] = v;
        }
}

/* 1. the kernel against the single evaluation */
static void test_kernel(void)
{
    static const ptrdiff_t dims[] = {17, 18, 19, 20, 21, 33, 50, 64, 101, 128, 255, 256};
    enum { M = 13 };
    size_t t;
    for (t = 0; t < sizeof dims / sizeof dims[0]; t++) {
        const ptrdiff_t d = dims[t];
        double *A = malloc((size_t)(d * d) * sizeof(double)), *b = malloc((size_t)d * sizeof(double));
        double *X = malloc((size_t)(d * M) * sizeof(double)), *G = malloc((size_t)(d * M) * sizeof(double));
        double *w = malloc(gdf_quad_fg_lanes_work(d) * sizeof(double)), g1[256], f[M], g2[M], f1;
        gdf_quad q;
        gdf_problem p;
        unsigned s = 5u + (unsigned)d;
        ptrdiff_t i, j;
        int variant, nb;
        sym(d, A, 7u * (unsigned)d, (int)(d % 2));
        for (i = 0; i < d; i++)
            b[i] = urand(&s) - 0.5;
        for (i = 0; i < d * M; i++)
            X[i] = 6.0 * (urand(&s) - 0.5);
        for (i = 0; i < d; i++) { /* column 1: zeros and -0; column 2: huge; column 3: one NaN, column 4: Inf */
            X[d + i] = i % 2 ? -0.0 : 0.0;
            X[2 * d + i] = (i % 3 ? 1.0 : -1.0) * 1e200;
        }
        X[3 * d + d / 2] = NAN;
        X[4 * d + 1] = INFINITY;
        q.d = d;
        q.A = A;
        q.b = t % 3 == 1 ? NULL : b;
        q.c = t % 2 ? 0.0 : -1.75;
        gdf_problem_quad(&p, &q);
        CHECK(gdf_quad_lanes_applies(&q), "the lane kernel applies at d = %ld", (long)d);
        for (variant = 0; variant < 3; variant++) {
            int ok;
            memset(G, 0, (size_t)(d * M) * sizeof(double));
            if (variant == 1)
                setenv("GDF_NO_AVX512", "1", 1);
            ok = variant == 2 ? plain_gdf_quad_fg_lanes(&q, M, X, f, G, g2, w)
                              : gdf_quad_fg_lanes(&q, M, X, f, G, g2, w);
            unsetenv("GDF_NO_AVX512");
            CHECK(ok, "kernel ran (d = %ld, variant %d)", (long)d, variant);
            for (j = 0, nb = 0; j < M; j++) {
                int same = 1;
                double ss = 0.0;
                CHECK(p.fg(p.ctx, X + j * d, &f1, g1) == GDF_OK, "single evaluation");
                same &= same_bits(f[j], f1);
                for (i = 0; i < d; i++) {
                    same &= same_bits(G[j * d + i], g1[i]);
                    ss += g1[i] * g1[i];
                }
                /* g2 is ||g||^2 in another order: equal to rounding */
                if (isfinite(ss) && ss > 0.0)
                    same &= fabs(g2[j] - ss) <= 1e-13 * ss;
                nb += !same;
            }
            CHECK(nb == 0, "d = %ld, variant %d, b %s: %d of %d columns differ from the single evaluation",
                  (long)d, variant, q.b ? "given" : "absent", nb, (int)M);
        }
        free(A);
        free(b);
        free(X);
        free(G);
        free(w);
    }
}

/* 2. m starts through gdf_gd_batch and one by one through gdf_gd_run (with
 * the history of f, ||g|| and theta); the number of starts that differ */
static int compare_runs(gdf_problem *p, ptrdiff_t m, const double *X0, const gdf_gd_opts *o, int hist,
                        int *whys)
{
    const ptrdiff_t d = p->d;
    const long cap = o->max_iter + 1;
    double *X = malloc((size_t)(d * m) * sizeof(double)), *th = malloc((size_t)d * sizeof(double));
    double *wb = malloc(gdf_gd_batch_work(d, m) * sizeof(double));
    double *w = malloc(gdf_gd_work(d) * sizeof(double));
    double *F = malloc((size_t)cap * (size_t)m * sizeof(double)), *G = malloc((size_t)cap * (size_t)m * sizeof(double));
    double *T = malloc((size_t)cap * (size_t)m * (size_t)d * sizeof(double));
    double *sf = malloc((size_t)cap * sizeof(double)), *sg = malloc((size_t)cap * sizeof(double));
    double *st = malloc((size_t)cap * (size_t)d * sizeof(double));
    gdf_gd_result *rb = malloc((size_t)m * sizeof *rb), r;
    gdf_history hb, hs;
    ptrdiff_t j, i;
    long k;
    int bad = 0;
    memcpy(X, X0, (size_t)(d * m) * sizeof(double));
    memset(&hb, 0, sizeof hb);
    hb.f = F;
    hb.gnorm = G;
    hb.theta = T;
    hb.stride = m;
    hb.cap = cap;
    CHECK(gdf_gd_batch(p, m, X, o, hist ? &hb : NULL, wb, rb) == GDF_OK, "batch status");
    for (j = 0; j < m; j++) {
        int ok = 1;
        memcpy(th, X0 + j * d, (size_t)d * sizeof(double));
        memset(&hs, 0, sizeof hs);
        hs.f = sf;
        hs.gnorm = sg;
        hs.theta = st;
        hs.cap = cap;
        CHECK(gdf_gd_run(p, th, o, hist ? &hs : NULL, w, &r) == GDF_OK, "single status");
        for (i = 0; i < d; i++)
            ok &= same_bits(th[i], X[j * d + i]);
        ok &= r.iterations == rb[j].iterations && r.exitflag == rb[j].exitflag && r.why == rb[j].why &&
              same_bits(r.f, rb[j].f) && same_bits(r.gnorm, rb[j].gnorm) && r.nfevals == rb[j].nfevals;
        for (k = 0; hist && k <= r.iterations; k++) {
            ok &= same_bits(F[j + k * m], sf[k]) && same_bits(G[j + k * m], sg[k]);
            for (i = 0; i < d; i++)
                ok &= same_bits(T[((size_t)j * (size_t)cap + (size_t)k) * (size_t)d + (size_t)i], st[k * d + i]);
        }
        if (whys && r.why >= 0 && r.why < GDF_WHY_COUNT)
            whys[r.why]++;
        if (!ok) {
            if (bad < 3)
                fprintf(stderr, "  start %ld: batch it %ld why %d f %.17g g %.17g nf %ld | single it %ld why %d f %.17g g %.17g nf %ld\n",
                        (long)j, rb[j].iterations, rb[j].why, rb[j].f, rb[j].gnorm, rb[j].nfevals, r.iterations, r.why, r.f, r.gnorm, r.nfevals);
            bad++;
        }
    }
    free(X);
    free(th);
    free(wb);
    free(w);
    free(F);
    free(G);
    free(T);
    free(sf);
    free(sg);
    free(st);
    free(rb);
    return bad;
}

static void test_runs(void)
{
    static const ptrdiff_t dims[] = {17, 50, 131};
    enum { M = 21 };
    size_t t;
    for (t = 0; t < sizeof dims / sizeof dims[0]; t++) {
        const ptrdiff_t d = dims[t];
        double *A = malloc((size_t)(d * d) * sizeof(double)), *b = malloc((size_t)d * sizeof(double));
        double *X0 = malloc((size_t)(d * M) * sizeof(double));
        unsigned s = 3u + (unsigned)d;
        ptrdiff_t i, j;
        int rule, whys[GDF_WHY_COUNT];
        sym(d, A, 11u * (unsigned)d, 0);
        for (i = 0; i < d; i++)
            b[i] = urand(&s) - 0.5;
        for (j = 0; j < M; j++) /* starts at very different distances: GradTol at different iterations */
            for (i = 0; i < d; i++)
                X0[j * d + i] = (urand(&s) - 0.5) * pow(10.0, (double)(j % 7) - 3.0);
        X0[5 * d + 2] = NAN; /* a NaN start stops at theta_0 */
        for (rule = 0; rule < 8; rule++) {
            gdf_quad q;
            gdf_problem p;
            gdf_gd_opts o;
            int bad;
            q.d = d;
            q.A = A;
            q.b = rule == 3 ? NULL : b;
            q.c = 0.5;
            gdf_problem_quad(&p, &q);
            gdf_gd_defaults(&o);
            o.eta = 0.3;
            o.max_iter = 120;
            o.grad_tol = 0.0;
            if (rule == 0) {
                o.grad_tol = 1e-7;
                o.max_iter = 400;
            } else if (rule == 1) {
                o.eta = 0.9; /* beyond 2/L: DivergenceLimit */
                o.div_limit = 1e3;
            } else if (rule == 2) {
                o.eta = 0.9; /* beyond 2/L, no DivergenceLimit: overflow */
                o.div_limit = INFINITY;
                o.max_iter = 3000;
                o.grad_tol = 1e-9;
            } else if (rule == 4) {
                o.step_tol = 1e-4; /* StepTol (needs ||g|| every step) */
                o.max_iter = 400;
            } else if (rule == 5) {
                o.fun_tol = 1e-9;
                o.max_iter = 400;
            } else if (rule == 6) {
                o.max_fevals = 37;
            } else if (rule == 7) {
                o.grad_tol = 1e-3; /* large: GradTol at theta_0 for the nearest starts */
                o.max_iter = 400;
            }
            /* without a history ||g|| is taken only where needed (lazy) */
            bad = compare_runs(&p, M, X0, &o, 1, NULL);
            CHECK(bad == 0, "d = %ld rule %d, history: %d of %d starts differ from their single runs", (long)d,
                  rule, bad, (int)M);
            memset(whys, 0, sizeof whys);
            bad = compare_runs(&p, M, X0, &o, 0, whys);
            CHECK(bad == 0, "d = %ld rule %d, no history: %d of %d starts differ from their single runs", (long)d,
                  rule, bad, (int)M);
            CHECK(whys[GDF_WHY_NONFINITE] >= 1, "the NaN start stops (%d)", whys[GDF_WHY_NONFINITE]);
            if (rule == 0)
                CHECK(whys[GDF_WHY_GRADTOL] == M - 1, "GradTol stops: %d", whys[GDF_WHY_GRADTOL]);
            if (rule == 1)
                CHECK(whys[GDF_WHY_DIVLIMIT] >= M / 2, "DivergenceLimit stops: %d", whys[GDF_WHY_DIVLIMIT]);
            if (rule == 2)
                CHECK(whys[GDF_WHY_NONFINITE] >= M / 2, "overflow stops: %d", whys[GDF_WHY_NONFINITE]);
            if (rule == 4)
                CHECK(whys[GDF_WHY_STEPTOL] >= M / 2, "StepTol stops: %d", whys[GDF_WHY_STEPTOL]);
            if (rule == 5)
                CHECK(whys[GDF_WHY_FUNTOL] >= M / 2, "FunTol stops: %d", whys[GDF_WHY_FUNTOL]);
            if (rule == 6)
                CHECK(whys[GDF_WHY_MAXFEVALS] == M - 1, "MaxFunEvals stops: %d", whys[GDF_WHY_MAXFEVALS]);
            if (rule == 7)
                CHECK(whys[GDF_WHY_GRADTOL] == M - 1, "GradTol stops: %d", whys[GDF_WHY_GRADTOL]);
        }
        free(A);
        free(b);
        free(X0);
    }
}

int main(void)
{
    test_kernel();
    test_runs();
    return check_report("test_gd15_lanes");
}
