/* gdf_symv_bench_mex.c - timings for bench/bench_small_dense.m (a helper of
 * bench/, not part of gdflow's API; compiled on first use with
 * mex/gdf_kernels.c and mex/gdf_util.c).
 *
 *   T = gdf_symv_bench_mex(d, reps, what)
 *
 * times y = A x for a random symmetric d x d A, reps timings of a batch of
 * calls each (a batch lasts about a millisecond), and returns the seconds per
 * call of every timing.  what:
 *   0  gdflow's own kernel (gdf_symv_lower, lower triangle)
 *   1  the BLAS's dsymv('L') with its current threads
 *   2  the BLAS's dsymv('L') with one thread (OpenBLAS's
 *      openblas_set_num_threads, restored afterwards; NaN without OpenBLAS)
 *   3  a scalar loop: column dot products with four independent accumulators
 *      (compiled without vectorization: -fno-tree-vectorize): 2 d^2 flops at
 *      this machine's scalar rate
 *   4  the same with one accumulator (the textbook loop: bound by the
 *      latency of the addition)
 * gdf_symv_bench_mex(0, 0, -1) returns GDF_SYMV_OWN_MAX of the kernels built in.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200112L
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdlib.h>
#include <time.h>
#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#define GDF_HAVE_DLSYM 1
#endif

#include "mex.h"
#include "gdf_blas.h"
#include "gdf_kernels.h"

static double now(void)
{
#if defined(CLOCK_MONOTONIC)
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#else
    return (double)clock() / CLOCKS_PER_SEC;
#endif
}

static volatile double sink;

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-vectorize")))
#endif
static void scalar4(ptrdiff_t d, const double *A, const double *x, double *y)
{
    ptrdiff_t i, j, d4 = d - d % 4;
    for (j = 0; j < d; j++) {
        const double *a = A + j * d;
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (i = 0; i < d4; i += 4) {
            s0 += a[i] * x[i];
            s1 += a[i + 1] * x[i + 1];
            s2 += a[i + 2] * x[i + 2];
            s3 += a[i + 3] * x[i + 3];
        }
        for (; i < d; i++)
            s0 += a[i] * x[i];
        y[j] = (s0 + s1) + (s2 + s3);
    }
}

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-vectorize")))
#endif
static void scalar1(ptrdiff_t d, const double *A, const double *x, double *y)
{
    ptrdiff_t i, j;
    for (j = 0; j < d; j++) {
        const double *a = A + j * d;
        double s = 0.0;
        for (i = 0; i < d; i++)
            s += a[i] * x[i];
        y[j] = s;
    }
}

typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, i, j;
    long reps, r, k, batch;
    int what, old_threads = -1;
    double *A, *x, *y, *T;
    gdf_int n, one = 1;
    const double al = 1.0, be = 0.0;
    set_threads_fn set_threads = NULL;
    (void)nlhs;
    if (nrhs != 3)
        mexErrMsgIdAndTxt("gdflow:bench:args", "expected gdf_symv_bench_mex(d, reps, what)");
    d = (ptrdiff_t)mxGetScalar(prhs[0]);
    reps = (long)mxGetScalar(prhs[1]);
    what = (int)mxGetScalar(prhs[2]);
    if (what == -1) {
        plhs[0] = mxCreateDoubleScalar((double)GDF_SYMV_OWN_MAX);
        return;
    }
    if (d < 1 || reps < 1 || what < 0 || what > 4)
        mexErrMsgIdAndTxt("gdflow:bench:args", "expected d >= 1, reps >= 1, what in 0..4");
    plhs[0] = mxCreateDoubleMatrix(1, (mwSize)reps, mxREAL);
    T = mxGetPr(plhs[0]);
    if (what == 2) {
#ifdef GDF_HAVE_DLSYM
        get_threads_fn get_threads = (get_threads_fn)dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
        set_threads = (set_threads_fn)dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
        if (get_threads && set_threads) {
            old_threads = get_threads();
            set_threads(1);
        } else {
            set_threads = NULL;
        }
#endif
        if (!set_threads) {
            for (r = 0; r < reps; r++)
                T[r] = NAN;
            return;
        }
    }
    A = mxMalloc(sizeof(double) * (size_t)d * (size_t)d);
    x = mxMalloc(sizeof(double) * (size_t)d);
    y = mxMalloc(sizeof(double) * (size_t)d);
    srand(15);
    for (j = 0; j < d; j++) {
        x[j] = (double)rand() / RAND_MAX - 0.5;
        for (i = j; i < d; i++)
            A[i + j * d] = A[j + i * d] = (double)rand() / RAND_MAX - 0.5;
    }
    n = (gdf_int)d;
    batch = (long)(1e6 / (2.0 * (double)d * (double)d + 500.0)) + 1; /* ~1 ms at 1-2 GFlop/s */
    for (r = -1; r < reps; r++) { /* r = -1: warm-up */
        double t0 = now();
        for (k = 0; k < batch; k++) {
            switch (what) {
            case 0: gdf_symv_lower(d, A, x, y); break;
            case 3: scalar4(d, A, x, y); break;
            case 4: scalar1(d, A, x, y); break;
            default: GDF_F77(dsymv)("L", &n, &al, A, &n, x, &one, &be, y, &one, 1); break;
            }
            x[0] += 1e-300 * y[d - 1]; /* a dependence: no call can be skipped */
        }
        if (r >= 0)
            T[r] = (now() - t0) / (double)batch;
    }
    sink = y[0];
    if (set_threads && old_threads > 0)
        set_threads(old_threads);
    mxFree(A);
    mxFree(x);
    mxFree(y);
}
