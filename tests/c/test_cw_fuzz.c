/* test_cw_fuzz.c - issue 14 fuzz findings in the C library:
 *   - gdf_leastsq_setup with fewer rows than columns (m < p): the spectrum
 *     of X'X/m is that of XX'/m and p - m zeros, ascending, equal to a full
 *     p x p eigensolve of G; rcond 0, not solved; and fast: 2 x 3000 ran a
 *     3000 x 3000 eigensolver before (about 5 s of CPU; gd_leastsq(ones(1,
 *     4097), 1) took over a minute on the shared machine: a fuzz hang).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "gdflow.h"
#include "gdf_gram.h"

static double urand(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(*s >> 11) / 9007199254740992.0 - 0.5;
}

/* m x p, m < p: the same spectrum as a full eigensolve of G */
static void test_wide(long m, long p, unsigned long seed)
{
    double *X = (double *)malloc((size_t)(m * p) * sizeof(double));
    double *y = (double *)malloc((size_t)m * sizeof(double));
    double *G = (double *)malloc((size_t)(p * p) * sizeof(double));
    double *G2 = (double *)malloc((size_t)(p * p) * sizeof(double));
    double *ev = (double *)malloc((size_t)p * sizeof(double));
    double *ev2 = (double *)malloc((size_t)p * sizeof(double));
    double *th = (double *)malloc((size_t)p * sizeof(double));
    double *sw = (double *)malloc(gdf_syev_work(p) * sizeof(double));
    double *siw = (double *)malloc(gdf_syev_iwork(p) * sizeof(double));
    double *w = (double *)malloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    double f = 1.0, rc = 1.0, emax;
    int solved = 1;
    long i;
    for (i = 0; i < m * p; i++)
        X[i] = urand(&seed);
    if (m > 1)
        memcpy(X + 1, X, sizeof(double)); /* some structure: X(2,1) = X(1,1) */
    for (i = 0; i < m; i++)
        y[i] = urand(&seed);
    CHECK(gdf_leastsq_setup(m, p, X, y, 0, G, ev, th, &f, &rc, &solved, NULL, w) == GDF_OK,
          "%ld x %ld: setup runs", m, p);
    CHECK(solved == 0 && rc == 0.0, "%ld x %ld: rank <= m < p: handed back (solved %d, rcond %g)", m, p,
          solved, rc);
    memcpy(G2, G, (size_t)(p * p) * sizeof(double));
    CHECK(gdf_syev(p, G2, ev2, 0, sw, siw) == GDF_OK, "full eigensolve");
    emax = fmax(fabs(ev2[0]), fabs(ev2[p - 1]));
    for (i = 1; i < p; i++)
        CHECK(ev[i - 1] <= ev[i], "%ld x %ld: ev ascending at %ld", m, p, i);
    for (i = 0; i < p; i++)
        CHECK(fabs(ev[i] - ev2[i]) <= 1e-12 * emax, "%ld x %ld: ev(%ld) %.17g vs %.17g", m, p, i, ev[i],
              ev2[i]);
    CHECK(fabs(ev[p - 1] - ev2[p - 1]) <= 1e-13 * emax, "%ld x %ld: L", m, p);
    free(X);
    free(y);
    free(G);
    free(G2);
    free(ev);
    free(ev2);
    free(th);
    free(sw);
    free(siw);
    free(w);
}

static void test_wide_fast(void)
{
    const long m = 2, p = 3000;
    double *X = (double *)malloc((size_t)(m * p) * sizeof(double));
    double y[2] = {1.0, -1.0};
    double *G = (double *)malloc((size_t)(p * p) * sizeof(double));
    double *ev = (double *)malloc((size_t)p * sizeof(double));
    double *th = (double *)malloc((size_t)p * sizeof(double));
    double *w = (double *)malloc(gdf_leastsq_setup_work(m, p) * sizeof(double));
    double f, rc, cpu, cpu_g;
    int solved;
    long i;
    unsigned long seed = 3;
    clock_t c0;
    for (i = 0; i < m * p; i++)
        X[i] = urand(&seed);
    c0 = clock();
    gdf_gram_form(m, p, X, G);
    cpu_g = (double)(clock() - c0) / CLOCKS_PER_SEC;
    c0 = clock();
    CHECK(gdf_leastsq_setup(m, p, X, y, 0, G, ev, th, &f, &rc, &solved, NULL, w) == GDF_OK, "2 x 3000 runs");
    cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
    /* the setup forms G (2 * 3000^2 flops) and mirrors it; the eigensolve
     * of the 3000 x 3000 G took about 5 s of CPU, some 200 times the time
     * of forming G.  Relative to G's own time, so that valgrind and ASan
     * (make check-mem), which slow both alike, do not matter */
    CHECK(cpu <= 20.0 * cpu_g + 0.2, "2 x 3000: %.2f s of CPU, forming G %.3f s (the p x p eigensolver "
          "took some 200 times as long)", cpu, cpu_g);
    CHECK(ev[0] == 0.0 && ev[p - 3] == 0.0 && ev[p - 2] > 0.0, "2 x 3000: p - 2 zero eigenvalues");
    free(X);
    free(G);
    free(ev);
    free(th);
    free(w);
}

int main(void)
{
    alarm(120); /* a regression to the O(p^3) eigensolver must not hang make ctest */
    test_wide(1, 5, 1);
    test_wide(3, 40, 2);
    test_wide(7, 8, 5);
    test_wide(2, 300, 9);
    test_wide_fast();
    return check_report("test_cw_fuzz");
}
