/* bench_pass.c - the one-pass least-squares / logistic evaluation of
 * mex/gdf_problems.c in C, without Octave: ms per pass at n = 2e5, p = 50
 * (medians of 41 passes) with 1 and 2 threads.  `make bench-c` compiles it
 * five times, with the kernels as shipped and with -DGDF_NO_AVX2 (SSE2),
 * -DGDF_NO_SIMD (plain C loops), -DGDF_ZIGZAG=0 (every pass forwards) and
 * without -fopenmp (one thread), and prints one table.  The numbers of every variant must agree bit for bit;
 * the line ends with two checksums of f and the gradient, least squares then
 * logistic (the logistic rows use the library's own exp and log1p,
 * mex/gdf_mathfn.h: the same bits in plain C, SSE2 and AVX2), to show it.
 * Usage: bench_pass LABEL [n p]
 *        bench_pass --rows LABEL: the logistic row transform alone (8192
 *        rows in cache, best of 200): ns per row of the old loop with the C
 *        library's exp and log1p, and of this build's kernel (gdf_mathfn.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../mex/gdf_problems.c"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* the row transform as it was before issue 15: the C library's exp, log1p */
static double rows_libm(const double *yb, ptrdiff_t nr, double *r)
{
    double s0 = 0.0, s1 = 0.0;
    ptrdiff_t i;
    for (i = 0; i < nr; i++) {
        double z = r[i], e = exp(-fabs(z)), sg = 1.0 - 2.0 * yb[i], w = sg * z;
        double loss = (w > 0.0 ? w : 0.0) + log1p(e);
        if (i & 1)
            s1 += loss;
        else
            s0 += loss;
        r[i] = sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
    }
    return s0 + s1;
}

static int bench_rows(const char *label)
{
    enum { N = 8192 };
    static double z[N], r[N], y[N];
    data_kernels k = pick_kernels();
    double (*fn[2])(const double *, ptrdiff_t, double *) = {rows_libm, k.lg}, best[2], acc[2];
    int i, f, rep;
    srand(1);
    for (i = 0; i < N; i++) {
        z[i] = 8.0 * (rand() / (double)RAND_MAX - 0.5);
        y[i] = rand() % 2;
    }
    for (f = 0; f < 2; f++) {
        best[f] = 1e300;
        acc[f] = 0.0;
        for (rep = 0; rep < 200; rep++) {
            double t0, t;
            memcpy(r, z, sizeof r);
            t0 = gdf_now();
            acc[f] += fn[f](y, N, r);
            t = gdf_now() - t0;
            best[f] = t < best[f] ? t : best[f];
        }
    }
    printf("%-10s  libm exp+log1p %6.2f ns/row   gdflow kernel %6.2f ns/row   (loss sums %.6g %.6g)\n",
           label, 1e9 * best[0] / N, 1e9 * best[1] / N, acc[0], acc[1]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--rows") == 0)
        return bench_rows(argv[2]);
    ptrdiff_t n = argc > 3 ? atol(argv[2]) : 200000, p = argc > 3 ? atol(argv[3]) : 50, i;
    if (n < 1 || p < 1)
        return 2;
    const char *label = argc > 1 ? argv[1] : "shipped";
    double *X = malloc((size_t)(n * p) * sizeof *X), *y = malloc((size_t)n * sizeof *y);
    double *work = malloc(gdf_data_work(n, p) * sizeof *work), *x = malloc((size_t)p * sizeof *x);
    double *g = malloc((size_t)p * sizeof *g), t[41], f, sum[2] = {0.0, 0.0};
    int lg, th, k;
    if (!X || !y || !work || !x || !g)
        return 1;
    srand(1);
    for (i = 0; i < n * p; i++)
        X[i] = rand() / (double)RAND_MAX - 0.5;
    for (i = 0; i < n; i++)
        y[i] = rand() % 2;
    for (i = 0; i < p; i++)
        x[i] = 0.01 * (double)i - 0.2;
    printf("%-10s", label);
    for (lg = 0; lg < 2; lg++)
        for (th = 1; th <= 2; th++) {
            gdf_data q;
            gdf_problem pb;
            memset(&q, 0, sizeof q);
            q.m = n; q.p = p; q.X = X; q.y = y; q.work = work; q.threads = th;
            if (lg)
                gdf_problem_logistic(&pb, &q);
            else
                gdf_problem_leastsq(&pb, &q);
            for (k = 0; k < 41; k++) {
                double t0 = gdf_now();
                pb.fg(pb.ctx, x, &f, g);
                t[k] = gdf_now() - t0;
            }
            qsort(t, 41, sizeof t[0], cmp);
            printf("  %8.2f", 1e3 * t[20]);
            sum[lg] += f;
            for (i = 0; i < p; i++)
                sum[lg] += g[i] * (double)(i + 1);
        }
    printf("   %.17g %.17g\n", sum[0], sum[1]);
    free(X); free(y); free(work); free(x); free(g);
    return 0;
}
