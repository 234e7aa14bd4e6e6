/* test_perf2_flowbatch.c - gdf_gf_batch_fixed (mex/gdf_gf_batch.c): many
 * starts of euler / heun / rk4 on a small dense quadratic, all together.
 * Each start must give the bits of gdf_gf_run on it (t grid, theta, f,
 * norm(grad f) at every grid point); a start that gdf_gf_run stops apart
 * (theta* itself, a stationary stop, an overflow) must be flagged in redo;
 * bad arguments give GDF_EARG.  Runs under valgrind and ASan (make check-mem).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdflow.h"
#include "gdf_gf.h"
#include "testsink.h"

static int same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof(double)) == 0;
}

/* m starts of method on q over [t0, tf] with step h: batch against single runs */
static void compare(gdf_quad *q, int method, double t0, double tf, double h, ptrdiff_t m, const double *X0,
                    int stationary, const char *what, int *nredo)
{
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink k;
    int shortened;
    ptrdiff_t d = q->d, j, i;
    double ts[2];
    long N = gdf_gf_grid(t0, tf, h, &shortened), n, kk;
    double *T, *F, *G;
    unsigned char *redo;
    ts[0] = t0;
    ts[1] = tf;
    CHECK(N >= 0, "%s: grid", what);
    n = N + 1;
    T = malloc((size_t)n * (size_t)d * (size_t)m * sizeof(double));
    F = malloc((size_t)n * (size_t)m * sizeof(double));
    G = malloc((size_t)n * (size_t)m * sizeof(double));
    redo = calloc((size_t)m, 1);
    gdf_problem_quad(&p, q);
    CHECK(gdf_gf_batch_fixed(NULL, q, method, t0, tf, h, N, shortened, stationary, m, X0, n, T, F, G, redo) ==
              GDF_OK, "%s: runs", what);
    gdf_gf_defaults(&o);
    o.method = method;
    o.h = h;
    o.stationary = stationary;
    sink_init(&k, d);
    *nredo = 0;
    for (j = 0; j < m; j++) {
        int plain;
        run(&p, X0 + j * d, ts, 2, &o, &k, &r);
        plain = r.exitflag == 1 && r.why == GDF_GF_WHY_TEND && r.nsteps == N && k.o.n == n;
        /* redo exactly when the single run is not the plain one */
        CHECK(redo[j] == !plain, "%s: start %ld flagged %d, single run exitflag %d why %d", what, (long)j,
              redo[j], r.exitflag, r.why);
        *nredo += redo[j];
        if (redo[j] || !plain)
            continue;
        for (kk = 0; kk < n; kk++) {
            double th[GDF_GF_BATCH_DMAX];
            for (i = 0; i < d; i++)
                th[i] = T[(size_t)kk + (size_t)i * (size_t)n + (size_t)j * (size_t)n * (size_t)d];
            if (!same_bits(th, k.o.theta + kk * d, (size_t)d) || !same_bits(&F[kk + j * n], &k.o.f[kk], 1) ||
                !same_bits(&G[kk + j * n], &k.o.gnorm[kk], 1)) {
                CHECK(0, "%s: start %ld row %ld bit for bit", what, (long)j, kk);
                break;
            }
        }
    }
    sink_free(&k);
    free(T);
    free(F);
    free(G);
    free(redo);
}

int main(void)
{
    static double A[16 * 16], b[16], X0[16 * 21];
    int dims[] = {1, 2, 3, 5, 16}, di, method, nredo;
    ptrdiff_t i, j;
    gdf_quad q;
    char what[96];
    unsigned char redo[4];
    double T[64], F[16], G[16];
    for (di = 0; di < (int)(sizeof dims / sizeof dims[0]); di++) {
        ptrdiff_t d = dims[di];
        for (j = 0; j < d; j++)
            for (i = 0; i < d; i++)
                A[i + j * d] = (i == j ? 2.0 + 0.25 * (double)i : 0.0) + 0.1 / (double)(1 + i + j);
        for (i = 0; i < d; i++)
            b[i] = 0.5 - 0.3 * (double)(i % 4);
        for (j = 0; j < 21; j++)
            for (i = 0; i < d; i++)
                X0[i + j * d] = sin(1.0 + (double)(3 * j + 7 * i));
        q.d = d, q.A = A, q.b = (di % 2) ? b : NULL, q.c = 0.25 * (double)di;
        for (method = GDF_GF_EULER; method <= GDF_GF_RK4; method++) {
            snprintf(what, sizeof what, "d = %ld method %d [0, 1]", (long)d, method);
            compare(&q, method, 0.0, 1.0, 0.05, 21, X0, 1, what, &nredo);
            CHECK(nredo == 0, "%s: no start redone (%d)", what, nredo);
            snprintf(what, sizeof what, "d = %ld method %d shortened", (long)d, method);
            compare(&q, method, 0.3, 1.234, 0.1, 21, X0, 1, what, &nredo);
            CHECK(nredo == 0, "%s: no start redone (%d)", what, nredo);
        }
    }
    /* theta* = (1, 1) exactly (S1), long spans that come to rest (S2), an
     * overflow (euler with h lambda > 2) */
    {
        static double A2[4] = {2.0, 0.0, 0.0, 4.0}, b2[2] = {2.0, 4.0};
        static double X2[12] = {1.0, 1.0, 2.0, 1.0, -3.0, 2.0, 1.0, 1.0, 0.5, 0.5, 4.0, -4.0};
        static double A3[4] = {300.0, 0.0, 0.0, 1.0};
        q.d = 2, q.A = A2, q.b = b2, q.c = 0.0;
        for (method = GDF_GF_EULER; method <= GDF_GF_RK4; method++) {
            snprintf(what, sizeof what, "rest, method %d", method);
            compare(&q, method, 0.0, 60.0, 0.1, 6, X2, 1, what, &nredo);
            CHECK(nredo == 6, "%s: every start redone (theta* or at rest; %d)", what, nredo);
            snprintf(what, sizeof what, "rest, method %d, stationary off", method);
            compare(&q, method, 0.0, 60.0, 0.1, 6, X2, 0, what, &nredo);
            CHECK(nredo == 0, "%s: none redone (%d)", what, nredo);
        }
        q.A = A3, q.b = NULL;
        compare(&q, GDF_GF_EULER, 0.0, 100.0, 0.01, 6, X2, 1, "overflow", &nredo);
        CHECK(nredo == 6, "overflow: every start redone (%d)", nredo);
        /* refusals */
        CHECK(gdf_gf_batch_fixed(NULL, &q, GDF_GF_RK45, 0.0, 1.0, 0.1, 10, 0, 1, 1, X2, 11, T, F, G, redo) ==
                  GDF_EARG, "rk45 refused");
        CHECK(gdf_gf_batch_fixed(NULL, &q, GDF_GF_RK4, 0.0, 1.0, 0.1, 10, 0, 1, 1, X2, 10, T, F, G, redo) ==
                  GDF_EARG, "n < N + 1 refused");
        q.d = 17;
        CHECK(gdf_gf_batch_fixed(NULL, &q, GDF_GF_RK4, 0.0, 1.0, 0.1, 1, 0, 1, 1, X2, 2, T, F, G, redo) ==
                  GDF_EARG, "d > GDF_GF_BATCH_DMAX refused");
    }
    return check_report("test_perf2_flowbatch");
}
