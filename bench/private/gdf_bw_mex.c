/* gdf_bw_mex.c - the read bandwidth of this machine, measured by the
 * benchmark suite itself (a helper of bench/, not part of gdflow's API; it
 * is compiled on first use by bench/private/read_bandwidth.m).
 *
 *   [gbps, sum] = gdf_bw_mex(nbytes, reps, nthreads)
 *
 * allocates and writes a buffer of nbytes, then reads it reps times with
 * nthreads threads (1 or 2; POSIX threads where available, else 1), each
 * thread summing its contiguous half with 8 independent accumulators: the
 * loop gcc -O2 turns into a pure streaming read (it runs at the speed of a
 * plain memory copy's read side).  gbps(r) = nbytes / seconds of repetition
 * r / 1e9; sum keeps the compiler from dropping the reads.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200112L
#endif
#include <stdlib.h>
#include <time.h>

#include "mex.h"

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define GDF_BW_THREADS 1
#endif

static double now(void)
{
#if defined(CLOCK_MONOTONIC)
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#else
    return (double)clock() / (double)CLOCKS_PER_SEC;
#endif
}

typedef struct {
    const double *x;
    size_t n;
    double s;
} part;

static void *sum8(void *arg)
{
    part *q = (part *)arg;
    const double *x = q->x;
    size_t n = q->n, i;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (i = 0; i + 8 <= n; i += 8) {
        s0 += x[i];
        s1 += x[i + 1];
        s2 += x[i + 2];
        s3 += x[i + 3];
        s4 += x[i + 4];
        s5 += x[i + 5];
        s6 += x[i + 6];
        s7 += x[i + 7];
    }
    for (; i < n; i++)
        s0 += x[i];
    q->s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    return NULL;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    double nbytes, *gb, total = 0.0;
    size_t n, i;
    int reps, nthreads, r;
    double *x;
    if (nrhs != 3)
        mexErrMsgIdAndTxt("gdflow:gdf_bw_mex:usage", "usage: [gbps, sum] = gdf_bw_mex(nbytes, reps, nthreads)");
    nbytes = mxGetScalar(prhs[0]);
    reps = (int)mxGetScalar(prhs[1]);
    nthreads = (int)mxGetScalar(prhs[2]);
    if (!(nbytes >= 8.0 * 1024.0) || reps < 1 || nthreads < 1)
        mexErrMsgIdAndTxt("gdflow:gdf_bw_mex:usage", "nbytes >= 8192, reps >= 1, nthreads >= 1");
#ifndef GDF_BW_THREADS
    nthreads = 1;
#endif
    if (nthreads > 2)
        nthreads = 2;
    n = (size_t)(nbytes / 8.0);
    x = (double *)malloc(n * sizeof(double));
    if (!x)
        mexErrMsgIdAndTxt("gdflow:gdf_bw_mex:noMemory", "cannot allocate %g bytes", nbytes);
    for (i = 0; i < n; i++) /* first touch: the pages exist before timing */
        x[i] = 1.0 / (double)(1 + (i & 1023));
    plhs[0] = mxCreateDoubleMatrix(1, (mwSize)reps, mxREAL);
    gb = mxGetPr(plhs[0]);
    for (r = 0; r < reps; r++) {
        part a[2];
        double t0;
        a[0].x = x;
        a[0].n = nthreads == 2 ? n / 2 : n;
        a[1].x = x + a[0].n;
        a[1].n = n - a[0].n;
        a[1].s = 0.0;
        t0 = now();
#ifdef GDF_BW_THREADS
        if (nthreads == 2) {
            pthread_t th;
            int started = pthread_create(&th, NULL, sum8, &a[1]) == 0;
            sum8(&a[0]);
            if (started)
                pthread_join(th, NULL);
            else
                sum8(&a[1]);
        } else
#endif
        {
            sum8(&a[0]);
            a[1].s = 0.0;
        }
        gb[r] = (double)n * 8.0 / (now() - t0) / 1e9;
        total += a[0].s + a[1].s;
    }
    free(x);
    if (nlhs > 1)
        plhs[1] = mxCreateDoubleScalar(total);
}
