/* test_cw_lsqperf.c - issue 14, least squares at scale (mex/gdf_gram.h):
 *   - gdf_gram_key: the same key for any thread count and for equal data,
 *     another key after one edited entry or two swapped entries, the first
 *     non-finite entry found, at chunk boundaries;
 *   - gdf_leastsq_setup: G = gdf_gram_form's, symmetric; ev ascending;
 *     theta the least-squares solution (gradient at rounding level, as
 *     accurate as the conditioning allows); f = the exact f(theta); the
 *     anchor = an exact pass; ill-conditioned and rank-deficient X are
 *     handed back (solved = 0);
 *   - the Gram form with G_in and anchor_in: no pass over X at the first
 *     evaluations, f and g as the plain pass's to 1e-10.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "check.h"
#include "gdflow.h"
#include "gdf_gram.h"

static double urand(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(*s >> 11) / 9007199254740992.0 - 0.5;
}

static void test_key(void)
{
    size_t sizes[] = {0, 1, 7, 8, 9, 1000, ((size_t)1 << 18) - 1, (size_t)1 << 18, ((size_t)1 << 18) + 1,
                      ((size_t)1 << 20) + 13};
    size_t i, t;
    unsigned long s = 7;
    for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t];
        double *x = (double *)malloc((n + 1) * sizeof(double));
        x[n] = 0.25; /* read by the n + 1 key below when n = 0 */
        uint64_t k1[2], k2[2], k3[2];
        for (i = 0; i < n; i++)
            x[i] = urand(&s);
        CHECK(gdf_gram_key(x, n, k1) == -1, "key n=%lu: all finite", (unsigned long)n);
#ifdef _OPENMP
        {
            int nt0 = omp_get_max_threads();
            omp_set_num_threads(1);
            (void)gdf_gram_key(x, n, k2);
            omp_set_num_threads(3);
            (void)gdf_gram_key(x, n, k3);
            omp_set_num_threads(nt0);
            CHECK(k1[0] == k2[0] && k1[1] == k2[1] && k1[0] == k3[0] && k1[1] == k3[1],
                  "key n=%lu: the same for 1, 3 and the default threads", (unsigned long)n);
        }
#endif
        (void)gdf_gram_key(x, n, k2);
        CHECK(k1[0] == k2[0] && k1[1] == k2[1], "key n=%lu: deterministic", (unsigned long)n);
        if (n >= 2) {
            double a = x[n / 2];
            x[n / 2] = nextafter(a, 1.0); /* one ulp */
            (void)gdf_gram_key(x, n, k2);
            CHECK(k1[0] != k2[0] || k1[1] != k2[1], "key n=%lu: one ulp of one entry changes it",
                  (unsigned long)n);
            x[n / 2] = a;
            a = x[0];
            x[0] = x[n - 1];
            x[n - 1] = a;
            (void)gdf_gram_key(x, n, k2);
            CHECK(k1[0] != k2[0] || k1[1] != k2[1], "key n=%lu: a swap changes it", (unsigned long)n);
            x[n - 1] = x[0];
            x[0] = a;
            x[n - 2] = NAN;
            x[n - 1] = INFINITY;
            CHECK(gdf_gram_key(x, n, k2) == (ptrdiff_t)(n - 2), "key n=%lu: the first non-finite entry",
                  (unsigned long)n);
            x[0] = -INFINITY;
            CHECK(gdf_gram_key(x, n, k2) == 0, "key n=%lu: -Inf at entry 0", (unsigned long)n);
        }
        {
            uint64_t k4[2];
            (void)gdf_gram_key(x, n, k3);
            (void)gdf_gram_key(x, n + (n > 0 ? 0 : 1), k4);
            CHECK(n > 0 || k3[0] != k4[0] || k3[1] != k4[1], "key: n = 0 and n = 1 differ");
        }
        free(x);
    }
}

/* X = U diag(s) V' scaled, m x p, s from 1 to 1/kappa (approximately: random
 * columns scaled), y = X th + noise */
static void make_ls(long m, long p, double kappa, unsigned long seed, double *X, double *y)
{
    long i, j;
    unsigned long s = seed;
    for (j = 0; j < p; j++) {
        double sc = p > 1 ? pow(kappa, -(double)j / (double)(p - 1)) : 1.0;
        for (i = 0; i < m; i++)
            X[i + j * m] = (j == 0 ? 1.0 : 0.0) + sc * urand(&s);
    }
    for (i = 0; i < m; i++) {
        double r = 0.0;
        for (j = 0; j < p; j++)
            r += X[i + j * m] * (1.0 + j);
        y[i] = r + 0.1 * urand(&s);
    }
}

static double exact_f(long m, long p, const double *X, const double *y, const double *th, double *g)
{
    long i, j;
    long double f = 0.0L;
    for (j = 0; j < p; j++)
        g[j] = 0.0;
    for (i = 0; i < m; i++) {
        long double r = -(long double)y[i];
        for (j = 0; j < p; j++)
            r += (long double)X[i + j * m] * th[j];
        f += r * r;
        for (j = 0; j < p; j++)
            g[j] += (double)(r * X[i + j * m]);
    }
    for (j = 0; j < p; j++)
        g[j] /= (double)m;
    return (double)(f / (2.0L * m));
}

static void test_setup(void)
{
    const long m = 3000, p = 6;
    double kappas[] = {1.0, 1e2, 1e3, 1e9};
    double *X = (double *)malloc((size_t)(m * p) * sizeof(double)), *y = (double *)malloc((size_t)m * sizeof(double));
    double *w = (double *)malloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    double G[36], G2[36], ev[6], th[6], an[13], g[6], f, rc;
    int solved, t;
    long i, j;
    for (t = 0; t < 4; t++) {
        make_ls(m, p, kappas[t], 11 + (unsigned long)t, X, y);
        CHECK(gdf_leastsq_setup(m, p, X, y, 0, G, ev, th, &f, &rc, &solved, an, w) == GDF_OK, "setup runs");
        gdf_gram_form(m, p, X, G2);
        for (j = 0; j < p; j++)
            for (i = j; i < p; i++)
                CHECK(G[i + j * p] == G2[i + j * p] && G[j + i * p] == G[i + j * p],
                      "G is gdf_gram_form's, symmetric (%ld, %ld)", i, j);
        for (i = 1; i < p; i++)
            CHECK(ev[i - 1] <= ev[i], "ev ascending");
        CHECK_CLOSE(rc, ev[0] / ev[p - 1], 1e-15, "rcond = ev_min/ev_max");
        if (kappas[t] < 1e6) {
            double gn = 0.0, gs = 0.0, fe;
            CHECK(solved == 1, "kappa %g: solved by Cholesky (rcond %g)", kappas[t], rc);
            fe = exact_f(m, p, X, y, th, g);
            for (i = 0; i < p; i++) {
                gn = fmax(gn, fabs(g[i]) / sqrt(G[i + i * p]));
                gs = fmax(gs, sqrt(G[i + i * p]) * fabs(th[i]));
            }
            /* the optimality residual at rounding level (the normal
             * equations alone leave kappa(G) * eps there) */
            CHECK(gn <= 1e-13 * (gs + sqrt(2.0 * fe)), "kappa %g: gradient %g at theta (scale %g)",
                  kappas[t], gn, gs);
            CHECK(fabs(f - fe) <= 1e-13 * fe, "kappa %g: f %.17g vs exact %.17g", kappas[t], f, fe);
            /* the anchor is an exact pass: f and g at its theta */
            fe = exact_f(m, p, X, y, an, g);
            CHECK(fabs(an[2 * p] - fe) <= 1e-13 * fe, "anchor f");
            for (i = 0; i < p; i++)
                CHECK(fabs(an[p + i] - g[i]) <= 1e-12 * sqrt(G[i + i * p]) * sqrt(2.0 * fe),
                      "anchor g(%ld)", i);
        } else
            CHECK(solved == 0, "kappa %g: too ill-conditioned, handed back (rcond %g)", kappas[t], rc);
    }
    /* rank deficient: two equal columns */
    make_ls(m, p, 1.0, 5, X, y);
    memcpy(X + m, X + 2 * m, (size_t)m * sizeof(double));
    CHECK(gdf_leastsq_setup(m, p, X, y, 0, G, ev, th, &f, &rc, &solved, NULL, w) == GDF_OK && solved == 0,
          "rank deficient: handed back");
    CHECK(gdf_leastsq_setup(0, p, X, y, 0, G, ev, th, &f, &rc, &solved, NULL, w) == GDF_EARG, "m = 0 refused");
    free(X);
    free(y);
    free(w);
}

/* the Gram form from gd_leastsq's G and anchor */
static void test_handover(void)
{
    const long m = 4000, p = 5;
    double *X = (double *)malloc((size_t)(m * p) * sizeof(double)), *y = (double *)malloc((size_t)m * sizeof(double));
    double *w = (double *)malloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    double G[25], ev[5], th[5], an[11], f, rc, th2[5], g[5], gp[5], fp;
    int solved, k, use;
    long i;
    make_ls(m, p, 10.0, 3, X, y);
    CHECK(gdf_leastsq_setup(m, p, X, y, 0, G, ev, th, &f, &rc, &solved, an, w) == GDF_OK && solved, "setup");
    for (use = 0; use < 3; use++) {
        gdf_lsgram q;
        gdf_problem pr, plain;
        gdf_data dq, dp;
        double *gw = (double *)malloc(gdf_gram_work(m, p) * sizeof(double));
        double *dw = (double *)malloc(gdf_data_work(m, p) * sizeof(double));
        double *pw = (double *)malloc(gdf_data_work(m, p) * sizeof(double));
        memset(&dq, 0, sizeof dq);
        dq.m = m; dq.p = p; dq.X = X; dq.y = y; dq.work = dw;
        dp = dq;
        dp.work = pw;
        gdf_problem_leastsq(&plain, &dp);
        memset(&q, 0, sizeof q);
        q.data = dq;
        q.work = gw;
        q.switch_after = use ? 0 : gdf_gram_switch_default(m, p);
        q.G_in = use ? G : NULL;
        q.anchor_in = use == 2 ? an : NULL;
        gdf_problem_leastsq_gram(&pr, &q);
        for (k = 0; k < 30; k++) {
            for (i = 0; i < p; i++)
                th2[i] = th[i] * (1.0 - pow(0.7, k)) + 0.01 * (i + 1) * pow(0.7, k);
            CHECK(pr.fg(pr.ctx, th2, &f, g) == GDF_OK && plain.fg(plain.ctx, th2, &fp, gp) == GDF_OK, "fg");
            CHECK(fabs(f - fp) <= 1e-10 * fp, "use %d, k %d: f %.17g vs plain %.17g", use, k, f, fp);
            for (i = 0; i < p; i++)
                CHECK(fabs(g[i] - gp[i]) <= 1e-10 * sqrt(G[i + i * p]) * (sqrt(2.0 * fp) + 1e-300),
                      "use %d, k %d: g(%ld)", use, k, i);
        }
        if (use)
            CHECK(q.formed == 1, "G given: formed from the start");
        if (use == 2)
            CHECK(q.npasses == 0 && q.nanchors == 0 && q.ngram == 30,
                  "G and anchor given: no pass over X in 30 evaluations (%ld passes, %ld Gram)", q.npasses,
                  q.ngram);
        if (use == 1)
            CHECK(q.npasses >= 1 && q.nanchors >= 1, "G given without anchor: the first evaluation anchors");
        free(gw);
        free(dw);
        free(pw);
    }
    free(X);
    free(y);
    free(w);
}

int main(void)
{
    test_key();
    test_setup();
    test_handover();
    return check_report("test_cw_lsqperf");
}
