/* gdf_util.c - small numerical helpers shared by the gdflow library.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200112L /* clock_gettime, pthread_atfork */
#include <math.h>
#include <time.h>
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#endif
#if defined(_OPENMP) && !defined(_WIN32)
#include <pthread.h>
#include <signal.h>
#define GDF_FORK_GUARD 1
#endif

#include "gdflow.h"
#include "gdf_blas.h"

double gdf_nrm2(ptrdiff_t n, const double *x)
{
    gdf_int nn = (gdf_int)n, one = 1;
    if (n <= 0)
        return 0.0;
    if (n <= 32) { /* small vectors: skip the BLAS call overhead */
        double s = 0.0;
        ptrdiff_t i;
        for (i = 0; i < n; i++)
            s += x[i] * x[i];
        if (s > 1e-280 && s < 1e280)
            return sqrt(s);
        /* under- or overflow (or NaN): let dnrm2 scale */
    }
    return GDF_F77(dnrm2)(&nn, x, &one);
}

double gdf_dot(ptrdiff_t n, const double *x, const double *y)
{
    gdf_int nn = (gdf_int)n, one = 1;
    if (n <= 0)
        return 0.0;
    if (n <= 32) {
        double s = 0.0;
        ptrdiff_t i;
        for (i = 0; i < n; i++)
            s += x[i] * y[i];
        return s;
    }
    return GDF_F77(ddot)(&nn, x, &one, y, &one);
}

int gdf_all_finite(ptrdiff_t n, const double *x)
{
    ptrdiff_t i, n4 = n > 0 ? n - n % 4 : 0;
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    /* x*0 is 0 for finite x and NaN for Inf/NaN: one pass, no branches;
     * four sums, so that the loop is not bound by the latency of one chain
     * of additions (it runs once or twice per GD / rk45 step) */
    for (i = 0; i < n4; i += 4) {
        s0 += x[i] * 0.0;
        s1 += x[i + 1] * 0.0;
        s2 += x[i + 2] * 0.0;
        s3 += x[i + 3] * 0.0;
    }
    for (; i < n; i++)
        s0 += x[i] * 0.0;
    return (s0 + s1) + (s2 + s3) == 0.0;
}

double gdf_now(void)
{
#ifdef _WIN32 /* MSVC and MinGW (MATLAB's mex on Windows): no clock_gettime */
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#endif
}

gdf_timer gdf_timer_make(double max_time, double t_start)
{
    gdf_timer t;
    t.t_start = t.t_last = t_start;
    t.max_time = max_time;
    t.on = max_time > 0.0 && max_time - max_time == 0.0;
    t.next = 0;
    t.stride = 1;
    return t;
}

int gdf_timer_expired(gdf_timer *t, long k)
{
    double now;
    if (!t->on || k < t->next)
        return 0;
    now = gdf_now();
    if (now - t->t_start > t->max_time)
        return 1;
    /* `stride` iterations took under 0.1 ms: look half as often (up to every
     * 64th); slower: look at every iteration */
    if (now - t->t_last < 1e-4)
        t->stride = t->stride < 64 ? 2 * t->stride : 64;
    else
        t->stride = 1;
    t->t_last = now;
    t->next = k + t->stride;
    return 0;
}

/* dsyevd workspace for jobz = 'V' (enough for 'N' too) */
size_t gdf_syev_work(ptrdiff_t d)
{
    return d <= 1 ? 1 : (size_t)(1 + 6 * d + 2 * d * d);
}

size_t gdf_syev_iwork(ptrdiff_t d)
{
    return d <= 1 ? 1 : (size_t)(3 + 5 * d);
}

int gdf_syev(ptrdiff_t d, double *A, double *w, int want_vectors, double *work, void *iwork)
{
    gdf_int n = (gdf_int)d, lda = (gdf_int)(d > 0 ? d : 1), info = 0;
    gdf_int lwork = (gdf_int)gdf_syev_work(d), liwork = (gdf_int)gdf_syev_iwork(d);
    const char *jobz = want_vectors ? "V" : "N";
    if (d <= 0)
        return GDF_OK;
    GDF_F77(dsyevd)(jobz, "L", &n, A, &lda, w, work, &lwork, (gdf_int *)iwork, &liwork,
                    &info, 1, 1);
    return info == 0 ? GDF_OK : GDF_ELAPACK;
}

/* ---- threads and fork() (gdflow.h: gdf_threads_usable) ----------------
 * GNU libgomp keeps its worker threads in a pool; fork() copies only the
 * calling thread, so in the child the pool's bookkeeping says the workers
 * exist and the first parallel region waits for them forever.  Two guards,
 * both pthread_atfork handlers, registered when this object is loaded (a
 * constructor: gcc and clang) and, for other compilers, before the first
 * parallel region (pthread_once):
 *   - child: sets a flag that every parallel region of the library asks
 *     first (gdf_threads_usable): the child runs every pass serially;
 *   - prepare (GNU libgomp 10 and later): omp_pause_resource_all() in the
 *     parent just before fork() ends the parent's pool (libgomp makes a new
 *     one at the next parallel region), so the child inherits none.  This
 *     covers what the flag cannot: each MEX file links its own copy of this
 *     library with its own flag, and a gateway loaded for the first time in
 *     the child has never seen the fork.  It also frees the child's other
 *     OpenMP code.  It is a no-op when there is no pool, and refused (-1,
 *     nothing done) inside a parallel region.
 * Not covered: a process that used the pool, then unloaded every gdflow MEX
 * file (Octave: clear all), then forked.  No handler is left to run, and
 * ending the pool from a destructor deadlocks (dlclose holds the loader lock
 * that the exiting workers need).
 * The flag is one word written only by the child handler, while the child
 * has one thread.  Every fork() child runs serially, whether or not the
 * parent's pool existed: the pool is libgomp's and cannot be asked.  glibc
 * removes the handlers of an object when it is unloaded (dlclose). */
#ifdef GDF_FORK_GUARD
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#include <omp.h>
#define GDF_OMP_PAUSE 1
#endif
static volatile sig_atomic_t fork_child_flag = 0;
static pthread_once_t fork_once = PTHREAD_ONCE_INIT;

static void fork_prepare(void)
{
#ifdef GDF_OMP_PAUSE
    (void)omp_pause_resource_all(omp_pause_soft);
#endif
}

static void fork_child(void) { fork_child_flag = 1; }

static void fork_register(void) { (void)pthread_atfork(fork_prepare, NULL, fork_child); }

#if defined(__GNUC__)
__attribute__((constructor)) static void fork_register_at_load(void)
{
    (void)pthread_once(&fork_once, fork_register);
}
#endif

int gdf_threads_usable(void)
{
    (void)pthread_once(&fork_once, fork_register);
    return !fork_child_flag;
}
#else
int gdf_threads_usable(void) { return 1; }
#endif
