/* test_simd.c - the vector kernels of the least-squares / logistic pass
 * (AVX2 where the CPU has it, else SSE2) give the same bits as the plain C
 * loops (gdf_problems.c built a second time with -DGDF_NO_SIMD, linked
 * under other names), for every shape of the row and column tails.  test_simd_sse2.c
 * includes this file to compare the SSE2 kernels (-DGDF_NO_AVX2) instead.
 * On a machine without SSE2 both sides are the plain loops.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "check.h"
#include "testprob.h"

/* the plain (or SSE2) build of gdf_problems.c: a test object that the
 * Makefile compiles with -DGDF_PLAIN_BUILD -DGDF_NO_SIMD (test_simd) or
 * -DGDF_NO_AVX2 (test_simd_sse2), its external names prefixed plain_
 * (mex/gdf_problems_test.h) */
#include "gdf_problems_test.h"
#ifndef TEST_NAME
#define TEST_NAME "test_simd"
#endif

int main(void)
{
    /* rows: whole groups of 4 and 1-3 left over, in several blocks; columns:
     * groups of 4 and 1-3 left over */
    ptrdiff_t ms[5] = {9, 4001, 20002, 60003, 60005}, ps[6] = {1, 2, 3, 4, 7, 50};
    int a, b, lg, th;
    (void)tp_spd; /* testprob.h: only the random numbers are used here */
    tp_seed(77);
    for (a = 0; a < 5; a++)
        for (b = 0; b < 6; b++) {
            ptrdiff_t m = ms[a], p = ps[b], i, same = 1;
            double *X = malloc((size_t)(m * p) * sizeof *X), *y = malloc((size_t)m * sizeof *y);
            double *w1 = malloc(gdf_data_work(m, p) * sizeof *w1), *w2 = malloc(gdf_data_work(m, p) * sizeof *w2);
            double *x = malloc((size_t)p * sizeof *x), *g1 = malloc((size_t)p * sizeof *g1),
                   *g2 = malloc((size_t)p * sizeof *g2), f1, f2;
            for (i = 0; i < m * p; i++)
                X[i] = tp_normal();
            for (i = 0; i < m; i++)
                y[i] = tp_uniform() < 0.5 ? 1.0 : 0.0;
            for (i = 0; i < p; i++)
                x[i] = 0.3 * tp_normal();
            for (lg = 0; lg < 2; lg++)
                for (th = 1; th <= 2; th++) {
                    gdf_data q1, q2;
                    gdf_problem p1, p2;
                    memset(&q1, 0, sizeof q1);
                    q1.m = m; q1.p = p; q1.X = X; q1.y = y; q1.lambda = 0.25; q1.threads = th;
                    q2 = q1;
                    q1.work = w1;
                    q2.work = w2;
                    if (lg) {
                        gdf_problem_logistic(&p1, &q1);
                        plain_problem_logistic(&p2, &q2);
                    } else {
                        gdf_problem_leastsq(&p1, &q1);
                        plain_problem_leastsq(&p2, &q2);
                    }
                    p1.fg(p1.ctx, x, &f1, g1);
                    p2.fg(p2.ctx, x, &f2, g2);
                    for (i = 0; i < p; i++)
                        same = same && g1[i] == g2[i];
                    CHECK(f1 == f2 && same, "%s m=%ld p=%ld threads=%d: the same bits as the other kernels",
                          lg ? "logistic" : "leastsq", (long)m, (long)p, th);
                }
            free(X); free(y); free(w1); free(w2); free(x); free(g1); free(g2);
        }
    return check_report(TEST_NAME);
}
