/* bench_quad_lanes.c - the many-start lane kernel (gdf_quad_fg_lanes: f and g
 * of a dense quadratic at 1000 columns, eight per vector) against the single
 * run's gdf_symv_lower column by column, by thread CPU time (200 repetitions),
 * printed as ns per column and as GFLOP/s of 2 d^2 flops.  Not in make bench;
 * from the repository root, after make build:
 *   cc -O2 -std=c99 -Imex bench/c/bench_quad_lanes.c build/libgdflow.a -fopenmp \
 *      -llapack -lblas -lm -o /tmp/bench_quad_lanes && /tmp/bench_quad_lanes 50
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "gdf_kernels.h"
#include "gdf_quad_lanes.h"
#include "gdflow.h"

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    int d = argc > 1 ? atoi(argv[1]) : 50, m = 1000, reps = 200, i, j, r;
    double *A, *b, *X, *G, *f, *w, t0, t1, t2, tl, ts;
    gdf_quad q;
    if (d <= GDF_GD_BATCHQ_DMAX || d > GDF_SYMV_OWN_MAX) {
        fprintf(stderr, "d must be in (%d, %d]\n", GDF_GD_BATCHQ_DMAX, GDF_SYMV_OWN_MAX);
        return 1;
    }
    A = malloc(sizeof(double) * (size_t)(d * d));
    b = malloc(sizeof(double) * (size_t)d);
    X = malloc(sizeof(double) * (size_t)(d * m));
    G = malloc(sizeof(double) * (size_t)(d * m));
    f = malloc(sizeof(double) * (size_t)m);
    w = malloc(sizeof(double) * gdf_quad_fg_lanes_work(d));
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
            A[i + j * d] = (i == j ? 2.0 : 0.0) + 0.01 * ((i * 7 + j * 7) % 13);
    for (i = 0; i < d; i++)
        b[i] = 0.1 * i;
    for (i = 0; i < d * m; i++)
        X[i] = (double)rand() / RAND_MAX;
    q.d = d;
    q.A = A;
    q.b = b;
    q.c = 0.0;
    t0 = cpu();
    for (r = 0; r < reps; r++)
        gdf_quad_fg_lanes(&q, m, X, f, G, NULL, w);
    t1 = cpu();
    for (r = 0; r < reps; r++)
        for (j = 0; j < m; j++)
            gdf_symv_lower(d, A, X + j * d, G + j * d);
    t2 = cpu();
    tl = 1e9 * (t1 - t0) / reps / m;
    ts = 1e9 * (t2 - t1) / reps / m;
    printf("d = %d: lane kernel (f and g) %.1f ns per column (%.1f GFLOP/s of 2 d^2), "
           "gdf_symv_lower alone %.1f ns (%.1f GFLOP/s)\n", d, tl, 2.0 * d * d / tl, ts, 2.0 * d * d / ts);
    free(A);
    free(b);
    free(X);
    free(G);
    free(f);
    free(w);
    return 0;
}
