/* gdf_gd_batchq.c - many starts of plain GD with a fixed step on a small
 * dense quadratic (d <= GDF_GD_BATCHQ_DMAX), all columns advanced together.
 *
 * gdf_gd_batch's general loop evaluates the gradients through fg_batch and
 * then visits every column for the step and the stopping rules: at d = 2
 * that costs ~18 ns per column and step, more than Octave's vectorized
 * X = X - eta*(A*X - b) (bench_gd_batch).  Here blocks of BQ_W starts run
 * through all their iterations with the state in lane-interleaved vectors
 * (gdf_gd_batchq_body.h): f, the gradient, the step and the tests are fused
 * into one pass over registers, the stopping rules are lane masks checked
 * once per block and step, and ||g|| is taken (by gdf_nrm2, as a single run
 * does) only when a rule or the history needs it.  Each start gives the bits
 * of gdf_gd_run on the same start (tests/c/test_perf2_batch.c).
 *
 * Differences from the general loop, none in the numbers: MaxTime counts
 * from the start of each block (every start has the budget a single run
 * would have), and Ctrl-C is polled through a zero-column fg_batch call
 * once per block and every 8192 steps.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"

#if defined(__GNUC__) && !defined(GDF_NO_BATCHQ)

#define BQ_W 16 /* starts per block at most (the copy's lanes); BQ_WV per variant */
#define BQ_DMAX GDF_GD_BATCHQ_DMAX

typedef struct {
    gdf_problem *p;
    const gdf_quad *q;
    const gdf_gd_opts *o;
    double *X;
    gdf_history *h;
    ptrdiff_t st;
    gdf_gd_result *r;
    int gradtest, stuck_stops, steptest, funtest, status;
    int width;       /* starts per block of the variant run */
    int rare_always; /* every step lane by lane: StepTol, FunTol, History 'full' */
    int hrows;       /* History of f and ||g|| only: written as rows by the block */
    double g2cand;
    double tnow; /* the clock at the current stop event (NaN: not read yet) */
    long nfev;
    double f0[BQ_W], G0[BQ_W * BQ_DMAX];
} bq_ctx;

/* the lanes' state as the rare paths see it: the current iterate (x, g, f,
 * g2 = ||g||^2), the trial (xn, gq, fn, g2n), f(theta_0), the DivergenceLimit threshold, the steps that
 * left the lane unchanged; alive: -1 while the start runs */
typedef struct {
    double x[BQ_DMAX][BQ_W], g[BQ_DMAX][BQ_W], xn[BQ_DMAX][BQ_W], gq[BQ_DMAX][BQ_W];
    double f[BQ_W], g2[BQ_W], fn[BQ_W], g2n[BQ_W], f0[BQ_W], divl[BQ_W], stuck[BQ_W];
    long long alive[BQ_W];
} bq_lanes;

static int isfin(double x) { return x - x == 0.0; }

/* ||v|| of lane l exactly as gdf_gd_run takes it (gdf_nrm2) */
static double bq_lane_nrm2(double v[][BQ_W], ptrdiff_t d, int l)
{
    double t[BQ_DMAX];
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        t[i] = v[i][l];
    return gdf_nrm2(d, t);
}

static int bq_lane_finite(double v[][BQ_W], ptrdiff_t d, int l)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        if (!isfin(v[i][l]))
            return 0;
    return 1;
}

/* lane l stops at iterate k (xs: its iterate): the column of X and r as
 * gdf_gd_run leaves them; failed: a step was evaluated and refused */
static void bq_stop(bq_ctx *cx, ptrdiff_t c0, int l, bq_lanes *S, double xs[][BQ_W], ptrdiff_t d,
                    double f, double gnorm, long k, int why, int failed, double t0)
{
    gdf_gd_result *r = &cx->r[c0 + l];
    double *col = cx->X + (c0 + l) * d;
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        col[i] = xs[i][l];
    r->iterations = k;
    r->why = why;
    r->exitflag = gdf_why_exitflag(why);
    r->f = f;
    r->gnorm = gnorm;
    r->nfevals = k + 1 + failed;
    if (!(cx->tnow >= t0)) /* the clock once per stop event, not per lane (1000 lanes: ~8% of a call) */
        cx->tnow = gdf_now();
    r->time = (cx->tnow - t0) / cx->width; /* the block's time shared: info.time sums to the call's */
    cx->nfev += r->nfevals;
    S->alive[l] = 0;
}

/* history entry k of lane l (the layout of gdf_gd_batch) */
static void bq_record(bq_ctx *cx, ptrdiff_t c0, int l, double xs[][BQ_W], ptrdiff_t d, long k, double f,
                      double gn)
{
    gdf_history *h = cx->h;
    const size_t at = (size_t)(c0 + l) + (size_t)k * (size_t)cx->st;
    ptrdiff_t i;
    if (h->f)
        h->f[at] = f;
    if (h->gnorm)
        h->gnorm[at] = gn;
    if (h->theta) {
        double *t = h->theta + ((size_t)(c0 + l) * (size_t)h->cap + (size_t)k) * (size_t)d;
        for (i = 0; i < d; i++)
            t[i] = xs[i][l];
    }
}

/* GradTol before a step at iterate k: only the lanes whose ||g||^2 could
 * pass are looked at, with gdf_nrm2 as a single run */
static void bq_gradtol(bq_ctx *cx, ptrdiff_t c0, int nb, bq_lanes *S, ptrdiff_t d, long k, double t0)
{
    int l;
    cx->tnow = NAN;
    for (l = 0; l < nb; l++) {
        double gn;
        if (!S->alive[l] || !(S->g2[l] <= cx->g2cand || !(S->g2[l] > 1e-280 && S->g2[l] < 1e280)))
            continue;
        gn = bq_lane_nrm2(S->g, d, l);
        if (gn <= cx->o->grad_tol)
            bq_stop(cx, c0, l, S, S->x, d, S->f[l], gn, k, GDF_WHY_GRADTOL, 0, t0);
    }
}

/* MaxIter, MaxFunEvals or MaxTime: every live lane stops at iterate k */
static void bq_stop_all(bq_ctx *cx, ptrdiff_t c0, int nb, bq_lanes *S, ptrdiff_t d, long k, int why,
                        double t0)
{
    int l;
    cx->tnow = NAN;
    for (l = 0; l < nb; l++)
        if (S->alive[l])
            bq_stop(cx, c0, l, S, S->x, d, S->f[l], bq_lane_nrm2(S->g, d, l), k, why, 0, t0);
}

/* a floating-point fixed point: more than GDF_GD_STUCK steps in a row left
 * the lane unchanged (gdf_gd_run's test, before f is evaluated) */
static void bq_stuck(bq_ctx *cx, ptrdiff_t c0, int nb, bq_lanes *S, ptrdiff_t d, long k, double t0)
{
    int l;
    cx->tnow = NAN;
    for (l = 0; l < nb; l++)
        if (S->alive[l] && S->stuck[l] > (double)GDF_GD_STUCK)
            bq_stop(cx, c0, l, S, S->x, d, S->f[l], bq_lane_nrm2(S->g, d, l), k, GDF_WHY_STEPROUND, 0,
                    t0);
}

/* after the trial of step k -> k+1, lane by lane in gdf_gd_run's order: a
 * non-finite trial stops at theta_k; otherwise theta_{k+1} is taken
 * (history), then DivergenceLimit, StepTol, FunTol, and GradTol before the
 * next step */
static void bq_after(bq_ctx *cx, ptrdiff_t c0, int nb, bq_lanes *S, ptrdiff_t d, long k, double t0)
{
    const gdf_gd_opts *o = cx->o;
    int l;
    cx->tnow = NAN;
    for (l = 0; l < nb; l++) {
        double gnew, step = 0.0, tn = 0.0, f = S->f[l], fn = S->fn[l];
        int why = 0;
        if (!S->alive[l])
            continue;
        if (!isfin(fn) || !(S->g2n[l] > 1e-280 && S->g2n[l] < 1e280 ? 1 : bq_lane_finite(S->gq, d, l))) {
            bq_stop(cx, c0, l, S, S->x, d, f, bq_lane_nrm2(S->g, d, l), k, GDF_WHY_NONFINITE, 1, t0);
            continue;
        }
        if (cx->steptest) {
            step = o->eta * bq_lane_nrm2(S->g, d, l);
            tn = bq_lane_nrm2(S->x, d, l);
        }
        gnew = bq_lane_nrm2(S->gq, d, l);
        if (cx->h)
            bq_record(cx, c0, l, S->xn, d, k + 1, fn, gnew);
        if (fn - S->f0[l] > S->divl[l])
            why = GDF_WHY_DIVLIMIT;
        else if (cx->steptest && step <= o->step_tol * (1.0 + tn))
            why = GDF_WHY_STEPTOL;
        else if (cx->funtest && fabs(f - fn) <= o->fun_tol * (1.0 + fabs(f)))
            why = GDF_WHY_FUNTOL;
        else if (cx->gradtest && gnew <= o->grad_tol)
            why = GDF_WHY_GRADTOL;
        if (why)
            bq_stop(cx, c0, l, S, S->xn, d, fn, gnew, k + 1, why, 0, t0);
    }
}

/* f and the gradient at the block's starts through the problem itself (the
 * values of a single run's first evaluation; polls Ctrl-C), entry 0 of the
 * history, the starts that are not finite stopped; the lanes loaded into S
 * (lanes past nb idle at 0) */
static int bq_start(bq_ctx *cx, ptrdiff_t c0, int nb, bq_lanes *S)
{
    const ptrdiff_t d = cx->q->d;
    const double *X0 = cx->X + c0 * d;
    ptrdiff_t i;
    int l, st;
    st = cx->p->fg_batch(cx->p->ctx, nb, X0, cx->f0, cx->G0); /* counted per start at its stop */
    if (st != GDF_OK) {
        cx->status = st;
        return st;
    }
    memset(S, 0, sizeof *S);
    for (l = 0; l < nb; l++) {
        const double *gc = cx->G0 + l * d;
        double s = 0.0, gn = gdf_nrm2(d, gc), f = cx->f0[l];
        for (i = 0; i < d; i++) {
            S->x[i][l] = X0[l * d + i];
            S->g[i][l] = gc[i];
            s += gc[i] * gc[i];
        }
        S->g2[l] = s;
        S->f[l] = S->f0[l] = f;
        S->divl[l] = cx->o->div_limit * (fabs(f) > 1.0 ? fabs(f) : 1.0);
        S->alive[l] = -1;
        if (cx->h)
            bq_record(cx, c0, l, S->x, d, 0, f, gn);
        if (!isfin(f) || !isfin(gn)) {
            gdf_gd_result *r = &cx->r[c0 + l];
            r->why = GDF_WHY_NONFINITE;
            r->exitflag = GDF_EXIT_DIVERGED;
            r->f = f;
            r->gnorm = gn;
            r->nfevals = 1;
            cx->nfev += 1;
            S->alive[l] = 0;
            for (i = 0; i < d; i++) /* idle at 0 */
                S->x[i][l] = S->g[i][l] = 0.0;
        }
    }
    return GDF_OK;
}

/* Ctrl-C: a zero-column fg_batch call (the gateway's poll wraps it) */
static int bq_poll(bq_ctx *cx)
{
    int st = cx->p->fg_batch(cx->p->ctx, 0, cx->X, NULL, cx->G0);
    if (st != GDF_OK)
        cx->status = st;
    return st;
}

/* the portable variant: vectors of two (SSE2 on every x86-64) */
#define BQ_ATTR
#define BQ_SUFFIX plain
#define BQ_VW 2
#define BQ_WV 8
#define BQ_ANY(m) (((m)[0] | (m)[1]) != 0)
#define BQ_ALL(m) (((m)[0] & (m)[1]) != 0)
#if defined(__SSE2__) && !defined(GDF_NO_SIMD)
#include <emmintrin.h>
#define BQ_SQRT(x) ((bq_vd_plain)_mm_sqrt_pd((__m128d)(x)))
#else
#define BQ_SQRT(x) ((bq_vd_plain){sqrt((x)[0]), sqrt((x)[1])})
#endif
#include "gdf_gd_batchq_body.h"
#undef BQ_ATTR
#undef BQ_SUFFIX
#undef BQ_VW
#undef BQ_WV
#undef BQ_ANY
#undef BQ_ALL
#undef BQ_SQRT

#if !defined(GDF_NO_SIMD) && !defined(GDF_NO_AVX2) && (defined(__x86_64__) || defined(__i386__)) && \
    (__GNUC__ >= 5 || defined(__clang__))
#include <immintrin.h>
#define BQ_HAVE_AVX2 1
#define BQ_ATTR __attribute__((target("avx2")))
#define BQ_SUFFIX avx2
#define BQ_VW 4
#define BQ_WV 8
#define BQ_ANY(m) (_mm256_movemask_pd((__m256d)(m)) != 0)
#define BQ_ALL(m) (_mm256_movemask_pd((__m256d)(m)) == 15)
#define BQ_SQRT(x) ((bq_vd_avx2)_mm256_sqrt_pd((__m256d)(x)))
#include "gdf_gd_batchq_body.h"
#undef BQ_ATTR
#undef BQ_SUFFIX
#undef BQ_VW
#undef BQ_WV
#undef BQ_ANY
#undef BQ_ALL
#undef BQ_SQRT
#endif

#if defined(BQ_HAVE_AVX2) && !defined(GDF_NO_AVX512) && (__GNUC__ >= 7 || defined(__clang__))
#define BQ_HAVE_AVX512 1
#define BQ_ATTR __attribute__((target("avx512f")))
#define BQ_SUFFIX avx512
#define BQ_VW 8
#define BQ_WV 16
#define BQ_ANY(m) (_mm512_test_epi64_mask((__m512i)(m), (__m512i)(m)) != 0)
#define BQ_ALL(m) (_mm512_test_epi64_mask((__m512i)(m), (__m512i)(m)) == 0xff)
#define BQ_SQRT(x) ((bq_vd_avx512)_mm512_sqrt_pd((__m512d)(x)))
#include "gdf_gd_batchq_body.h"
#undef BQ_ATTR
#undef BQ_SUFFIX
#undef BQ_VW
#undef BQ_WV
#undef BQ_ANY
#undef BQ_ALL
#undef BQ_SQRT
#endif

int gdf_gd_batchq_applies(const gdf_problem *p, const gdf_gd_opts *o)
{
    const gdf_quad *q = (const gdf_quad *)p->dense_quad;
    return q && p->fg_batch && q->d == p->d && q->d >= 1 && q->d <= BQ_DMAX &&
           o->step_rule == GDF_STEP_FIXED && o->method == GDF_GD_PLAIN && !o->monitor;
}

int gdf_gd_batchq(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o, gdf_history *h,
                  gdf_gd_result *r)
{
    bq_ctx cx;
    ptrdiff_t c0;
    int use_avx2 = 0;
    if (!gdf_gd_batchq_applies(p, o))
        return GDF_EARG;
    memset(&cx, 0, sizeof cx);
    cx.p = p;
    cx.q = (const gdf_quad *)p->dense_quad;
    cx.o = o;
    cx.X = X;
    cx.h = h && (h->f || h->gnorm || h->theta) ? h : NULL;
    cx.st = h && h->stride > 0 ? h->stride : m;
    cx.r = r;
    cx.gradtest = !o->exact_iter;
    /* ||g|| <= GradTol needs ||g||^2 <= GradTol^2 (1 + 3 eps): other lanes
     * are not looked at */
    cx.g2cand = o->grad_tol >= 0.0 ? o->grad_tol * o->grad_tol * (1.0 + 1e-10) : -1.0;
    if (cx.g2cand != cx.g2cand)
        cx.g2cand = INFINITY;
    cx.stuck_stops = !o->exact_iter && (o->grad_tol > 0.0 || o->max_iter == LONG_MAX);
    cx.steptest = o->step_tol > 0.0;
    cx.funtest = o->fun_tol > 0.0;
    cx.rare_always = (cx.h && cx.h->theta) || cx.steptest || cx.funtest;
    cx.hrows = cx.h != NULL;
    memset(r, 0, (size_t)m * sizeof *r);
#ifdef BQ_HAVE_AVX2
    __builtin_cpu_init();
    use_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
#ifdef BQ_HAVE_AVX512
    if (use_avx2 && __builtin_cpu_supports("avx512f") && !getenv("GDF_NO_AVX512"))
        use_avx2 = 2;
#endif
#endif
    (void)use_avx2;
    cx.width = use_avx2 == 2 ? 16 : 8;
    for (c0 = 0; c0 < m; c0 += cx.width) {
        int nb = m - c0 < cx.width ? (int)(m - c0) : cx.width;
#ifdef BQ_HAVE_AVX512
        if (use_avx2 == 2)
            bq_run_avx512(&cx, c0, nb);
        else
#endif
#ifdef BQ_HAVE_AVX2
        if (use_avx2)
            bq_run_avx2(&cx, c0, nb);
        else
#endif
            bq_run_plain(&cx, c0, nb);
        if (cx.status != GDF_OK)
            break;
    }
    p->nfevals += cx.nfev;
    if (cx.status != GDF_OK) { /* the starts not finished: as the general loop reports them */
        ptrdiff_t c;
        for (c = c0; c < m; c++)
            if (r[c].why == 0) {
                r[c].exitflag = GDF_EXIT_DIVERGED;
                r[c].why = GDF_WHY_NONFINITE;
            }
    }
    return cx.status;
}

#else /* no GNU vector extensions: the general loop of gdf_gd_batch */

int gdf_gd_batchq_applies(const gdf_problem *p, const gdf_gd_opts *o)
{
    (void)p;
    (void)o;
    return 0;
}

int gdf_gd_batchq(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o, gdf_history *h,
                  gdf_gd_result *r)
{
    (void)p;
    (void)m;
    (void)X;
    (void)o;
    (void)h;
    (void)r;
    return GDF_EARG;
}

#endif
