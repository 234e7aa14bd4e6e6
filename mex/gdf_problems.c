/* gdf_problems.c - the native objective families of gdflow.
 *
 * Each family fills a gdf_problem vtable: value and gradient (either may be
 * skipped), a dense Hessian and a Hessian-vector product.  Everything is
 * evaluated in C with BLAS; nothing allocates.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdf_problems_test.h" /* first: renames this file's externals in the test build */
#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_kernels.h"
#include "gdf_mathfn.h"

static const gdf_int ONE = 1;

/* ------------------------------------------------------------------ */
/* dense quadratic: f = 1/2 x'Ax - b'x + c, g = Ax - b; A symmetric (the  */
/* matrix-vector products of large A read its lower triangle only)     */
/* ------------------------------------------------------------------ */
/* Column j's share of f and g once s = (A x)_j is known (A symmetric:
 * column j dotted with x): the quadratic's formula, written once for the
 * dense and the sparse A. */
static inline void quad_col(const double *b, ptrdiff_t j, const double *x, double s, double *xAx,
                            double *bx, double *g)
{
    *xAx += x[j] * s;
    if (b) {
        *bx += b[j] * x[j];
        s -= b[j];
    }
    if (g)
        g[j] = s;
}

/* lecture sizes (d <= 16): a plain loop beats the BLAS call; f and g
 * (either may be NULL) for one point */
static void quad_small(const gdf_quad *q, const double *x, double *f, double *g)
{
    ptrdiff_t i, j, d = q->d;
    double xAx = 0.0, bx = 0.0;
    for (j = 0; j < d; j++) {
        double s = 0.0;
        const double *Aj = q->A + j * d;
        for (i = 0; i < d; i++)
            s += Aj[i] * x[i]; /* (A x)_j = column j . x (A symmetric) */
        quad_col(q->b, j, x, s, &xAx, &bx, g);
    }
    if (f)
        *f = 0.5 * xAx - bx + q->c;
}

/* g holds A x: f (when asked) from it, then g = A x - b */
static void quad_from_Ax(const gdf_quad *q, const double *x, double *f, double *g)
{
    ptrdiff_t j;
    if (f) {
        double xAx = gdf_dot(q->d, x, g);
        double bx = q->b ? gdf_dot(q->d, q->b, x) : 0.0;
        *f = 0.5 * xAx - bx + q->c;
    }
    if (q->b)
        for (j = 0; j < q->d; j++)
            g[j] -= q->b[j];
}

/* Cache-resident sizes (16 < d <= GDF_SYMV_OWN_MAX): the library's own
 * kernels (gdf_kernels.c), not the BLAS: a threaded BLAS spends more on
 * waking its threads than a 50 x 50 product costs (issue 15; the threshold is
 * measured in bench/bench_small_dense.m), and the numbers then depend neither
 * on the BLAS nor on its thread count.  The same lower triangle as dsymv. */
static int quad_own(const gdf_quad *q) { return q->d > 16 && q->d <= GDF_SYMV_OWN_MAX; }

/* f and g (either may be NULL) with the own kernels.  With g: g = A x - b,
 * and f = 1/2 x'(g - b) + c = 1/2 x'Ax - b'x + c in the same pass over g
 * (four accumulators, i mod 4, then the tail: gdf_dot_own's order). */
static void quad_fg_own(const gdf_quad *q, const double *x, double *f, double *g)
{
    ptrdiff_t j, d = q->d;
    const double *b = q->b;
    if (g) {
        gdf_symv_lower(d, q->A, x, g); /* g = A x */
        if (f && b) {
            ptrdiff_t d4 = d - d % 4;
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s;
            for (j = 0; j < d4; j += 4) {
                double g0 = g[j] - b[j], g1 = g[j + 1] - b[j + 1];
                double g2 = g[j + 2] - b[j + 2], g3 = g[j + 3] - b[j + 3];
                g[j] = g0;
                g[j + 1] = g1;
                g[j + 2] = g2;
                g[j + 3] = g3;
                s0 += x[j] * (g0 - b[j]);
                s1 += x[j + 1] * (g1 - b[j + 1]);
                s2 += x[j + 2] * (g2 - b[j + 2]);
                s3 += x[j + 3] * (g3 - b[j + 3]);
            }
            s = (s0 + s2) + (s1 + s3);
            for (; j < d; j++) {
                g[j] -= b[j];
                s += x[j] * (g[j] - b[j]);
            }
            *f = 0.5 * s + q->c;
        } else if (f) {
            *f = 0.5 * gdf_dot_own(d, x, g) + q->c;
        } else if (b) {
            for (j = 0; j < d; j++)
                g[j] -= b[j];
        }
    } else if (f) {
        /* x'Ax from the lower triangle: sum_j x_j (a_jj x_j + 2 sum_{i>j} a_ij x_i) */
        double xAx = 0.0, bx = b ? gdf_dot_own(d, b, x) : 0.0;
        for (j = 0; j < d; j++) {
            const double *Aj = q->A + j * d;
            xAx += x[j] * (Aj[j] * x[j] + 2.0 * gdf_dot_own(d - j - 1, Aj + j + 1, x + j + 1));
        }
        *f = 0.5 * xAx - bx + q->c;
    }
}

static int quad_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    gdf_int n = (gdf_int)q->d;
    ptrdiff_t j;
    if (q->d <= 16) {
        quad_small(q, x, f, g);
        return GDF_OK;
    }
    if (quad_own(q)) {
        quad_fg_own(q, x, f, g);
        return GDF_OK;
    }
    if (g) {
        /* A is symmetric (gd_quadratic makes it so): dsymv reads its lower
         * triangle only, half the bytes of dgemv, and this matrix-vector
         * product is memory-bound (bench_quad_dense: 2x faster at d = 4000) */
        const double alpha = 1.0, beta = 0.0;
        GDF_F77(dsymv)("L", &n, &alpha, q->A, &n, x, &ONE, &beta, g, &ONE, 1);
        quad_from_Ax(q, x, f, g);
    } else if (f) {
        double xAx = 0.0, bx = q->b ? gdf_dot(q->d, q->b, x) : 0.0;
        for (j = 0; j < q->d; j++) /* column j of A dotted with x */
            xAx += x[j] * GDF_F77(ddot)(&n, q->A + j * q->d, &ONE, x, &ONE);
        *f = 0.5 * xAx - bx + q->c;
    }
    return GDF_OK;
}

/* all columns at once: quad_fg's arithmetic for small d (bitwise the same
 * values), one dgemm otherwise */
static int quad_fg_batch(void *ctx, ptrdiff_t m, const double *X, double *f, double *G)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    ptrdiff_t d = q->d, c;
    if (d <= 16) {
        for (c = 0; c < m; c++)
            quad_small(q, X + c * d, f ? f + c : NULL, G + c * d);
        return GDF_OK;
    }
    {
        gdf_int n = (gdf_int)d, mm = (gdf_int)m;
        const double one = 1.0, zero = 0.0;
        GDF_F77(dgemm)("N", "N", &n, &mm, &n, &one, q->A, &n, X, &n, &zero, G, &n, 1, 1);
        for (c = 0; c < m; c++)
            quad_from_Ax(q, X + c * d, f ? f + c : NULL, G + c * d);
    }
    return GDF_OK;
}

static int quad_hess(void *ctx, const double *x, double *H)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    (void)x;
    memcpy(H, q->A, (size_t)q->d * (size_t)q->d * sizeof(double));
    return GDF_OK;
}

static int quad_hessvec(void *ctx, const double *x, const double *v, double *Hv)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    gdf_int n = (gdf_int)q->d;
    const double alpha = 1.0, beta = 0.0;
    (void)x;
    if (q->d <= GDF_SYMV_OWN_MAX) { /* the gradient's kernel (quad_own) */
        gdf_symv_lower(q->d, q->A, v, Hv);
        return GDF_OK;
    }
    GDF_F77(dsymv)("L", &n, &alpha, q->A, &n, v, &ONE, &beta, Hv, &ONE, 1);
    return GDF_OK;
}

void gdf_problem_quad(gdf_problem *p, gdf_quad *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = quad_fg;
    p->hess = quad_hess;
    p->hessvec = quad_hessvec;
    p->fg_batch = quad_fg_batch;
    p->dense_quad = q; /* gdf_gd_batchq inlines quad_small's arithmetic */
    p->hess_constant = 1;
    p->L = p->mu = NAN;
}

/* ------------------------------------------------------------------ */
/* sparse quadratic (CSC, symmetric: A x = A' x, computed as column    */
/* dot products, which reads A once and writes y once)                 */
/* ------------------------------------------------------------------ */
void gdf_squad_matvec(const gdf_squad *q, const double *x, double *y)
{
    ptrdiff_t j, k;
    for (j = 0; j < q->d; j++) {
        double s = 0.0;
        for (k = q->Ap[j]; k < q->Ap[j + 1]; k++)
            s += q->Ax[k] * x[q->Ai[k]];
        y[j] = s;
    }
}

static int squad_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_squad *q = (const gdf_squad *)ctx;
    ptrdiff_t j, k;
    double xAx = 0.0, bx = 0.0;
    for (j = 0; j < q->d; j++) {
        double s = 0.0;
        for (k = q->Ap[j]; k < q->Ap[j + 1]; k++)
            s += q->Ax[k] * x[q->Ai[k]];
        quad_col(q->b, j, x, s, &xAx, &bx, g);
    }
    if (f)
        *f = 0.5 * xAx - bx + q->c;
    return GDF_OK;
}

static int squad_hessvec(void *ctx, const double *x, const double *v, double *Hv)
{
    (void)x;
    gdf_squad_matvec((const gdf_squad *)ctx, v, Hv);
    return GDF_OK;
}

void gdf_problem_squad(gdf_problem *p, gdf_squad *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = squad_fg;
    p->hess = NULL; /* d may be 1e6: a dense Hessian is never formed */
    p->hessvec = squad_hessvec;
    p->hess_constant = 1;
    p->L = p->mu = NAN;
}

/* ------------------------------------------------------------------ */
/* data problems: least squares and logistic regression               */
/* One pass over X by blocks of rows: the block is read from memory    */
/* once for X_b theta and reused from cache for X_b' r.  A block holds  */
/* about GDF_BLOCK_BYTES of X (nb rows x p columns, nb <= 16384).       */
/* The blocks are split into one contiguous range per thread (OpenMP);  */
/* each block writes its own partial f and X_b' r, which are added in   */
/* block order afterwards, so the numbers do not depend on the number   */
/* of threads.  Every other pass runs through the blocks backwards: the */
/* blocks read last are still in the last-level cache when the next     */
/* pass begins with them (bench/README.md: 10-20% at n = 2e5, p = 50). */
/* The kernels are plain C loops, not dgemv: several threads calling a  */
/* threaded BLAS at once would contend for its own thread pool, and the */
/* order of every sum is then ours, on every BLAS.                     */
/* ------------------------------------------------------------------ */
#ifdef _OPENMP
#include <omp.h>
#endif

#ifndef GDF_BLOCK_BYTES /* overridable for bench/c/bench_pass.c experiments */
#define GDF_BLOCK_BYTES (2.0 * 1024.0 * 1024.0)
#endif
#ifndef GDF_ZIGZAG /* bench/c/bench_pass.c builds it with -DGDF_ZIGZAG=0 */
#define GDF_ZIGZAG 1
#endif
#define GDF_BLOCK_ROWS_MAX 16384

ptrdiff_t gdf_data_block(ptrdiff_t m, ptrdiff_t p)
{
    double nbd = GDF_BLOCK_BYTES / (8.0 * (double)(p > 0 ? p : 1));
    ptrdiff_t nb = nbd > GDF_BLOCK_ROWS_MAX ? (ptrdiff_t)GDF_BLOCK_ROWS_MAX : (ptrdiff_t)nbd;
    if (nb < 8)
        nb = 8;
    if (nb > m)
        nb = m;
    return nb > 0 ? nb : 1;
}

static ptrdiff_t data_block(ptrdiff_t m, ptrdiff_t p) { return gdf_data_block(m, p); }

static ptrdiff_t data_nblk(ptrdiff_t m, ptrdiff_t p)
{
    ptrdiff_t nb = data_block(m, p);
    return m > 0 ? (m + nb - 1) / nb : 0;
}

size_t gdf_data_work(ptrdiff_t m, ptrdiff_t p)
{
    /* Hessians: a residual block and a scaled copy of the block;
     * f and g: one row buffer per thread and every block's partial sums */
    size_t nb = (size_t)data_block(m, p), nblk = (size_t)data_nblk(m, p);
    size_t hess = nb * (size_t)(p + 1);
    size_t pass = (size_t)GDF_DATA_MAX_THREADS * nb + nblk * (size_t)(p + 1);
    return hess > pass ? hess : pass;
}

int gdf_data_threads(const gdf_data *q)
{
#ifdef _OPENMP
    ptrdiff_t nblk = data_nblk(q->m, q->p);
    int t;
    if (!gdf_threads_usable()) /* a fork() child: libgomp's pool is gone */
        return 1;
    t = q->threads > 0 ? q->threads : omp_get_max_threads();
    if (q->threads <= 0 && (double)q->m * (double)q->p < GDF_DATA_PAR_MIN)
        t = 1;
    if (t > GDF_DATA_MAX_THREADS)
        t = GDF_DATA_MAX_THREADS;
    if ((ptrdiff_t)t > nblk)
        t = (int)nblk;
    return t > 1 ? t : 1;
#else
    (void)q;
    return 1;
#endif
}

static double sigmoid(double z)
{
    if (z >= 0.0)
        return 1.0 / (1.0 + exp(-z));
    else {
        double e = exp(z);
        return e / (1.0 + e);
    }
}

/* The two kernels of the pass.  Both give the same bits on every code
 * path: plain C (built with -DGDF_NO_SIMD, or not on x86), SSE2 (every
 * x86-64) and AVX2 (chosen at run time where the CPU has it; gcc and clang
 * only).  No fused multiply-add anywhere, so each product and sum rounds as
 * in the plain loops.
 *
 * r = X_b theta: for each group of four columns, r_i += (a_i t0 + b_i t1) +
 * (c_i t2 + d_i t3), element by element (vectors change nothing).
 *
 * gb = X_b' r: every column's sum has eight accumulators, q_k for the rows
 * i = k (mod 8) of the whole groups of eight rows, combined as
 * ((q0 + q4) + (q2 + q6)) + ((q1 + q5) + (q3 + q7)), then the last nr mod 8
 * rows in order.  AVX2 keeps (q0..q3) and (q4..q7) in two vectors per
 * column, SSE2 four vectors of two per column (two columns at a time).  The
 * reduction was the slower half of the pass in scalar code (gcc does not
 * vectorize a reduction without -ffast-math); SSE2 roughly halves it and
 * AVX2 speeds up the whole pass again (figures: bench/README.md). */
#if !defined(GDF_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64) || \
                              (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define GDF_SSE2 1
#endif
#if defined(GDF_SSE2) && !defined(GDF_NO_AVX2) && defined(__GNUC__) && \
    (defined(__x86_64__) || defined(__i386__)) && (__GNUC__ >= 5 || defined(__clang__))
#include <immintrin.h>
#define GDF_AVX2 1
#endif

static void blk_matvec(const double *X, ptrdiff_t ldx, ptrdiff_t nr, ptrdiff_t p,
                       const double *th, double *restrict r)
{
    ptrdiff_t i, j;
    for (j = 0; j + 3 < p; j += 4) {
        const double *a = X + j * ldx, *b = a + ldx, *c = b + ldx, *d = c + ldx;
        double t0 = th[j], t1 = th[j + 1], t2 = th[j + 2], t3 = th[j + 3];
        for (i = 0; i < nr; i++)
            r[i] += (a[i] * t0 + b[i] * t1) + (c[i] * t2 + d[i] * t3);
    }
    for (; j < p; j++) {
        const double *a = X + j * ldx;
        double t = th[j];
        for (i = 0; i < nr; i++)
            r[i] += a[i] * t;
    }
}

static double col_tail(const double *a, const double *r, ptrdiff_t i, ptrdiff_t nr, double s)
{
    for (; i < nr; i++)
        s += a[i] * r[i];
    return s;
}

#ifdef GDF_SSE2
/* (x0 + x2) + (x1 + x3) for x0..x3 = the accumulators (q0 q1), (q2 q3),
 * (q4 q5), (q6 q7): ((q0 + q4) + (q2 + q6)) + ((q1 + q5) + (q3 + q7)) */
static double comb_sse2(__m128d x0, __m128d x1, __m128d x2, __m128d x3)
{
    double q[2];
    _mm_storeu_pd(q, _mm_add_pd(_mm_add_pd(x0, x2), _mm_add_pd(x1, x3)));
    return q[0] + q[1];
}
#endif

static void blk_tmatvec(const double *X, ptrdiff_t ldx, ptrdiff_t nr, ptrdiff_t p,
                        const double *r, double *gb)
{
    ptrdiff_t i, j, n8 = nr - nr % 8;
#ifdef GDF_SSE2
    for (j = 0; j + 1 < p; j += 2) {
        const double *a = X + j * ldx, *b = a + ldx;
        __m128d a0 = _mm_setzero_pd(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (i = 0; i < n8; i += 8) {
            __m128d r0 = _mm_loadu_pd(r + i), r1 = _mm_loadu_pd(r + i + 2);
            __m128d r2 = _mm_loadu_pd(r + i + 4), r3 = _mm_loadu_pd(r + i + 6);
            a0 = _mm_add_pd(a0, _mm_mul_pd(_mm_loadu_pd(a + i), r0));
            a1 = _mm_add_pd(a1, _mm_mul_pd(_mm_loadu_pd(a + i + 2), r1));
            a2 = _mm_add_pd(a2, _mm_mul_pd(_mm_loadu_pd(a + i + 4), r2));
            a3 = _mm_add_pd(a3, _mm_mul_pd(_mm_loadu_pd(a + i + 6), r3));
            b0 = _mm_add_pd(b0, _mm_mul_pd(_mm_loadu_pd(b + i), r0));
            b1 = _mm_add_pd(b1, _mm_mul_pd(_mm_loadu_pd(b + i + 2), r1));
            b2 = _mm_add_pd(b2, _mm_mul_pd(_mm_loadu_pd(b + i + 4), r2));
            b3 = _mm_add_pd(b3, _mm_mul_pd(_mm_loadu_pd(b + i + 6), r3));
        }
        gb[j] = col_tail(a, r, n8, nr, comb_sse2(a0, a1, a2, a3));
        gb[j + 1] = col_tail(b, r, n8, nr, comb_sse2(b0, b1, b2, b3));
    }
#else
    j = 0;
#endif
    for (; j < p; j++) {
        const double *a = X + j * ldx;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
        for (i = 0; i < n8; i += 8) {
            q0 += a[i] * r[i];
            q1 += a[i + 1] * r[i + 1];
            q2 += a[i + 2] * r[i + 2];
            q3 += a[i + 3] * r[i + 3];
            q4 += a[i + 4] * r[i + 4];
            q5 += a[i + 5] * r[i + 5];
            q6 += a[i + 6] * r[i + 6];
            q7 += a[i + 7] * r[i + 7];
        }
        gb[j] = col_tail(a, r, n8, nr, ((q0 + q4) + (q2 + q6)) + ((q1 + q5) + (q3 + q7)));
    }
}

#ifdef GDF_AVX2
__attribute__((target("avx2"))) static void blk_matvec_avx2(const double *X, ptrdiff_t ldx,
                                                             ptrdiff_t nr, ptrdiff_t p,
                                                             const double *th, double *restrict r)
{
    ptrdiff_t i, j, n4 = nr - nr % 4;
    for (j = 0; j + 3 < p; j += 4) {
        const double *a = X + j * ldx, *b = a + ldx, *c = b + ldx, *d = c + ldx;
        __m256d t0 = _mm256_set1_pd(th[j]), t1 = _mm256_set1_pd(th[j + 1]);
        __m256d t2 = _mm256_set1_pd(th[j + 2]), t3 = _mm256_set1_pd(th[j + 3]);
        for (i = 0; i < n4; i += 4) {
            __m256d u = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(a + i), t0),
                                      _mm256_mul_pd(_mm256_loadu_pd(b + i), t1));
            __m256d v = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(c + i), t2),
                                      _mm256_mul_pd(_mm256_loadu_pd(d + i), t3));
            _mm256_storeu_pd(r + i, _mm256_add_pd(_mm256_loadu_pd(r + i), _mm256_add_pd(u, v)));
        }
        for (; i < nr; i++)
            r[i] += (a[i] * th[j] + b[i] * th[j + 1]) + (c[i] * th[j + 2] + d[i] * th[j + 3]);
    }
    for (; j < p; j++) {
        const double *a = X + j * ldx;
        double t = th[j];
        for (i = 0; i < nr; i++)
            r[i] += a[i] * t;
    }
}

__attribute__((target("avx2"))) static double comb_avx2(__m256d x, __m256d y)
{
    /* x + y = (q0 + q4, q1 + q5, q2 + q6, q3 + q7) = (w0 w1 w2 w3):
     * (w0 + w2) + (w1 + w3) */
    __m256d w = _mm256_add_pd(x, y);
    __m128d h = _mm_add_pd(_mm256_castpd256_pd128(w), _mm256_extractf128_pd(w, 1));
    double q[2];
    _mm_storeu_pd(q, h);
    return q[0] + q[1];
}

__attribute__((target("avx2"))) static void blk_tmatvec_avx2(const double *X, ptrdiff_t ldx,
                                                              ptrdiff_t nr, ptrdiff_t p,
                                                              const double *r, double *gb)
{
    ptrdiff_t i, j, n8 = nr - nr % 8;
    for (j = 0; j + 3 < p; j += 4) {
        const double *a = X + j * ldx, *b = a + ldx, *c = b + ldx, *d = c + ldx;
        __m256d A0 = _mm256_setzero_pd(), A1 = A0, A2 = A0, A3 = A0, B0 = A0, B1 = A0, B2 = A0, B3 = A0;
        for (i = 0; i < n8; i += 8) {
            __m256d r0 = _mm256_loadu_pd(r + i), r1 = _mm256_loadu_pd(r + i + 4);
            A0 = _mm256_add_pd(A0, _mm256_mul_pd(_mm256_loadu_pd(a + i), r0));
            B0 = _mm256_add_pd(B0, _mm256_mul_pd(_mm256_loadu_pd(a + i + 4), r1));
            A1 = _mm256_add_pd(A1, _mm256_mul_pd(_mm256_loadu_pd(b + i), r0));
            B1 = _mm256_add_pd(B1, _mm256_mul_pd(_mm256_loadu_pd(b + i + 4), r1));
            A2 = _mm256_add_pd(A2, _mm256_mul_pd(_mm256_loadu_pd(c + i), r0));
            B2 = _mm256_add_pd(B2, _mm256_mul_pd(_mm256_loadu_pd(c + i + 4), r1));
            A3 = _mm256_add_pd(A3, _mm256_mul_pd(_mm256_loadu_pd(d + i), r0));
            B3 = _mm256_add_pd(B3, _mm256_mul_pd(_mm256_loadu_pd(d + i + 4), r1));
        }
        gb[j] = col_tail(a, r, n8, nr, comb_avx2(A0, B0));
        gb[j + 1] = col_tail(b, r, n8, nr, comb_avx2(A1, B1));
        gb[j + 2] = col_tail(c, r, n8, nr, comb_avx2(A2, B2));
        gb[j + 3] = col_tail(d, r, n8, nr, comb_avx2(A3, B3));
    }
    if (j < p) /* the last 1-3 columns */
        blk_tmatvec(X + j * ldx, ldx, nr, p - j, r, gb + j);
}

static int cpu_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#endif

/* The logistic rows of a block (labels 0 or 1).  With w = (1 - 2y) z the
 * loss softplus(z) - y z is softplus(w) and the residual sigmoid(z) - y is
 * (1 - 2y) sigmoid(w): both without cancellation, also for well-classified
 * rows (y = 1, z = 30: loss and residual 9.4e-14 keep every digit).  One
 * e = exp(-|z|) per row gives softplus(w) = max(w, 0) + log1p(e) and
 * sigmoid(w) = 1/(1 + e) or e/(1 + e).  exp and log1p are the library's own
 * (gdf_mathfn.h), the same bits in plain C, SSE2 and AVX2.  r holds z on
 * entry, the residual on return; the result is the sum of the losses: four
 * partial sums q_k over the rows i = k (mod 4) of the whole groups of four,
 * (q0 + q2) + (q1 + q3), then the last nr mod 4 rows in order. */
static inline double lg_row(double z, double yi, double *loss)
{
    double e = gdf_exp_s(-fabs(z)), sg = 1.0 - 2.0 * yi, w = sg * z;
    *loss = (w > 0.0 ? w : 0.0) + gdf_log1p01_s(e);
    return sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
}

static double lg_tail(const double *y, ptrdiff_t i, ptrdiff_t nr, double *r, double s)
{
    double loss;
    for (; i < nr; i++) {
        r[i] = lg_row(r[i], y[i], &loss);
        s += loss;
    }
    return s;
}

/* The kernels work in chunks of LG_CHUNK rows: every e = exp(-|z|) of the
 * chunk, then every log1p(e), then the losses and residuals.  One row's
 * exp, log1p and division form a dependency chain of some 200 cycles: in
 * one loop the processor overlaps only two or three rows, in three short
 * loops many (AVX2 7 -> 3.5 ns per row, plain C 21 -> 15 ns; glibc's exp
 * and log1p cost 12 ns: bench/README.md, Issue 15). */
#define LG_CHUNK 256

#ifdef GDF_SSE2
static double lg_rows(const double *y, ptrdiff_t nr, double *r)
{
    ptrdiff_t i, j, n4 = nr - nr % 4;
    const __m128d one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0), zero = _mm_setzero_pd();
    const __m128d sign = _mm_set1_pd(-0.0);
    __m128d A = zero, B = zero; /* (q0 q1), (q2 q3) */
    double q[2], eb[LG_CHUNK], lb[LG_CHUNK];
    for (j = 0; j < n4; j += LG_CHUNK) {
        ptrdiff_t nc = n4 - j < LG_CHUNK ? n4 - j : LG_CHUNK;
        double *rj = r + j;
        const double *yj = y + j;
        for (i = 0; i < nc; i += 2)
            _mm_storeu_pd(eb + i, gdf_exp_sse2(_mm_or_pd(_mm_loadu_pd(rj + i), sign)));
        for (i = 0; i < nc; i += 2)
            _mm_storeu_pd(lb + i, gdf_log1p01_sse2(_mm_loadu_pd(eb + i)));
        for (i = 0; i < nc; i += 4) {
            __m128d z0 = _mm_loadu_pd(rj + i), e0 = _mm_loadu_pd(eb + i);
            __m128d z1 = _mm_loadu_pd(rj + i + 2), e1 = _mm_loadu_pd(eb + i + 2);
            __m128d s0 = _mm_sub_pd(one, _mm_mul_pd(two, _mm_loadu_pd(yj + i))), w0 = _mm_mul_pd(s0, z0);
            __m128d s1 = _mm_sub_pd(one, _mm_mul_pd(two, _mm_loadu_pd(yj + i + 2))), w1 = _mm_mul_pd(s1, z1);
            __m128d n0 = gdf_mf_sel2(_mm_cmpge_pd(w0, zero), one, e0);
            __m128d n1 = gdf_mf_sel2(_mm_cmpge_pd(w1, zero), one, e1);
            _mm_storeu_pd(rj + i, _mm_mul_pd(s0, _mm_div_pd(n0, _mm_add_pd(one, e0))));
            _mm_storeu_pd(rj + i + 2, _mm_mul_pd(s1, _mm_div_pd(n1, _mm_add_pd(one, e1))));
            A = _mm_add_pd(A, _mm_add_pd(_mm_max_pd(w0, zero), _mm_loadu_pd(lb + i)));
            B = _mm_add_pd(B, _mm_add_pd(_mm_max_pd(w1, zero), _mm_loadu_pd(lb + i + 2)));
        }
    }
    _mm_storeu_pd(q, _mm_add_pd(A, B)); /* (q0 + q2, q1 + q3) */
    return lg_tail(y, n4, nr, r, q[0] + q[1]);
}
#else
static double lg_rows(const double *y, ptrdiff_t nr, double *r)
{
    ptrdiff_t i, j, n4 = nr - nr % 4;
    double q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0, eb[LG_CHUNK], lb[LG_CHUNK];
    for (j = 0; j < n4; j += LG_CHUNK) {
        ptrdiff_t nc = n4 - j < LG_CHUNK ? n4 - j : LG_CHUNK;
        double *rj = r + j;
        const double *yj = y + j;
        for (i = 0; i < nc; i++)
            eb[i] = gdf_exp_s(-fabs(rj[i]));
        for (i = 0; i < nc; i++)
            lb[i] = gdf_log1p01_s(eb[i]);
        for (i = 0; i < nc; i += 4) { /* lg_row's operations */
            ptrdiff_t k;
            double l[4];
            for (k = 0; k < 4; k++) {
                double z = rj[i + k], e = eb[i + k], sg = 1.0 - 2.0 * yj[i + k], w = sg * z;
                l[k] = (w > 0.0 ? w : 0.0) + lb[i + k];
                rj[i + k] = sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
            }
            q0 += l[0];
            q1 += l[1];
            q2 += l[2];
            q3 += l[3];
        }
    }
    return lg_tail(y, n4, nr, r, (q0 + q2) + (q1 + q3));
}
#endif

#ifdef GDF_AVX2
__attribute__((target("avx2"))) static double lg_rows_avx2(const double *y, ptrdiff_t nr, double *r)
{
    ptrdiff_t i, j, n4 = nr - nr % 4;
    const __m256d one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0), zero = _mm256_setzero_pd();
    const __m256d sign = _mm256_set1_pd(-0.0);
    __m256d A = zero; /* (q0 q1 q2 q3) */
    double q[2], eb[LG_CHUNK], lb[LG_CHUNK];
    for (j = 0; j < n4; j += LG_CHUNK) {
        ptrdiff_t nc = n4 - j < LG_CHUNK ? n4 - j : LG_CHUNK;
        double *rj = r + j;
        const double *yj = y + j;
        for (i = 0; i < nc; i += 4)
            _mm256_storeu_pd(eb + i, gdf_exp_avx2(_mm256_or_pd(_mm256_loadu_pd(rj + i), sign)));
        for (i = 0; i < nc; i += 4)
            _mm256_storeu_pd(lb + i, gdf_log1p01_avx2(_mm256_loadu_pd(eb + i)));
        for (i = 0; i < nc; i += 4) {
            __m256d z = _mm256_loadu_pd(rj + i), e = _mm256_loadu_pd(eb + i);
            __m256d sg = _mm256_sub_pd(one, _mm256_mul_pd(two, _mm256_loadu_pd(yj + i)));
            __m256d w = _mm256_mul_pd(sg, z);
            __m256d num = gdf_mf_sel4(_mm256_cmp_pd(w, zero, _CMP_GE_OQ), one, e);
            _mm256_storeu_pd(rj + i, _mm256_mul_pd(sg, _mm256_div_pd(num, _mm256_add_pd(one, e))));
            A = _mm256_add_pd(A, _mm256_add_pd(_mm256_max_pd(w, zero), _mm256_loadu_pd(lb + i)));
        }
    }
    /* (q0 + q2, q1 + q3) */
    _mm_storeu_pd(q, _mm_add_pd(_mm256_castpd256_pd128(A), _mm256_extractf128_pd(A, 1)));
    return lg_tail(y, n4, nr, r, q[0] + q[1]);
}
#endif

/* the kernels of one pass: AVX2 where the CPU has it, else SSE2 / plain */
typedef struct {
    void (*mv)(const double *, ptrdiff_t, ptrdiff_t, ptrdiff_t, const double *, double *restrict);
    void (*tmv)(const double *, ptrdiff_t, ptrdiff_t, ptrdiff_t, const double *, double *);
    double (*lg)(const double *, ptrdiff_t, double *); /* logistic rows */
} data_kernels;

static data_kernels pick_kernels(void)
{
    data_kernels k;
    k.mv = blk_matvec;
    k.tmv = blk_tmatvec;
    k.lg = lg_rows;
#ifdef GDF_AVX2
    if (cpu_avx2()) {
        k.mv = blk_matvec_avx2;
        k.tmv = blk_tmatvec_avx2;
        k.lg = lg_rows_avx2;
    }
#endif
    return k;
}

/* One block: its partial f (sum of squared residuals or of losses) into
 * *fb, X_b' r into gb when gb. */
static void data_block_fg(const gdf_data *q, int logistic, const data_kernels *kn, ptrdiff_t i0,
                          ptrdiff_t nr, const double *x, double *restrict r, double *fb, double *gb)
{
    const double *Xb = q->X + i0, *yb = q->y + i0;
    double s0 = 0.0, s1 = 0.0;
    ptrdiff_t i;
    memset(r, 0, (size_t)nr * sizeof(double));
    kn->mv(Xb, q->m, nr, q->p, x, r);
    if (!logistic) {
        for (i = 0; i + 1 < nr; i += 2) {
            r[i] -= yb[i];
            r[i + 1] -= yb[i + 1];
            s0 += r[i] * r[i];
            s1 += r[i + 1] * r[i + 1];
        }
        if (i < nr) {
            r[i] -= yb[i];
            s0 += r[i] * r[i];
        }
        *fb = s0 + s1;
    } else
        *fb = kn->lg(yb, nr, r); /* loss sum; r becomes the residual */
    if (gb)
        kn->tmv(Xb, q->m, nr, q->p, r, gb);
}

/* Thread t of T: its contiguous range of blocks (every block writes only
 * its own partial sums, so any T gives the same bits). */
static void data_range(gdf_data *q, int logistic, const data_kernels *kn, const double *x, int t,
                       int T, int back, double *fpart, double *gpart, int want_g)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), nblk = data_nblk(m, p), lo, hi, k;
    lo = nblk * t / T;
    hi = nblk * (t + 1) / T;
    for (k = lo; k < hi; k++) {
        ptrdiff_t bk = back ? lo + hi - 1 - k : k, i0 = bk * nb;
        ptrdiff_t nr = (m - i0) < nb ? (m - i0) : nb;
        data_block_fg(q, logistic, kn, i0, nr, x, q->work + (size_t)t * (size_t)nb, fpart + bk,
                      want_g ? gpart + (size_t)bk * (size_t)p : NULL);
    }
}

/* logistic = 0: least squares; 1: logistic loss.
 * f is accumulated per block (partial sums added once per block), so its
 * rounding error grows with nb + m/nb, not with m.  One thread never enters
 * an OpenMP region (not even `if (0)`): in a fork() child any region may
 * wait for the parent's dead thread pool (gdf_threads_usable). */
static int data_fg(gdf_data *q, int logistic, const double *x, double *f, double *g)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), nblk = data_nblk(m, p), b, i;
    double *fpart = q->work + (size_t)GDF_DATA_MAX_THREADS * (size_t)nb;
    double *gpart = fpart + nblk;
    double acc = 0.0, inv_m = 1.0 / (double)m;
    int nt = gdf_data_threads(q), back = GDF_ZIGZAG && (q->calls & 1u);
    data_kernels kn = pick_kernels();
    q->calls++;
#ifdef _OPENMP
    if (nt > 1) {
#pragma omp parallel num_threads(nt)
        data_range(q, logistic, &kn, x, omp_get_thread_num(), omp_get_num_threads(), back, fpart,
                   gpart, g != NULL);
    } else
#else
    (void)nt;
#endif
        data_range(q, logistic, &kn, x, 0, 1, back, fpart, gpart, g != NULL);
    for (b = 0; b < nblk; b++)
        acc += fpart[b];
    if (g) {
        memcpy(g, gpart, (size_t)p * sizeof(double));
        for (b = 1; b < nblk; b++) {
            const double *gb = gpart + (size_t)b * (size_t)p;
            for (i = 0; i < p; i++)
                g[i] += gb[i];
        }
        for (i = 0; i < p; i++)
            g[i] *= inv_m;
    }
    if (f)
        *f = logistic ? acc * inv_m : 0.5 * acc * inv_m;
    if (q->lambda != 0.0 && p > 1) {
        double s = 0.0, lm = q->lambda * inv_m;
        for (i = 1; i < p; i++) {
            s += x[i] * x[i];
            if (g)
                g[i] += lm * x[i];
        }
        if (f)
            *f += 0.5 * lm * s;
    }
    return GDF_OK;
}

/* H = X' diag(w) X / m + lambda/m diag(0, 1, ..., 1), w = 1 (least
 * squares) or s (1 - s) (logistic), accumulated with dsyrk per block. */
static int data_hess(const gdf_data *q, int logistic, const double *x, double *H)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), i0, i, j;
    double *r = q->work, *Xs = q->work + nb;
    double inv_m = 1.0 / (double)m;
    gdf_int ldx = (gdf_int)m, np = (gdf_int)p, ldp = (gdf_int)(p > 0 ? p : 1);
    memset(H, 0, (size_t)p * (size_t)p * sizeof(double));
    for (i0 = 0; i0 < m; i0 += nb) {
        ptrdiff_t nr = (m - i0) < nb ? (m - i0) : nb;
        gdf_int nrr = (gdf_int)nr;
        const double one = 1.0, zero = 0.0;
        const double *Xb = q->X + i0;
        if (logistic) {
            GDF_F77(dgemv)("N", &nrr, &np, &one, Xb, &ldx, x, &ONE, &zero, r, &ONE, 1);
            for (i = 0; i < nr; i++) {
                double s = sigmoid(r[i]);
                r[i] = sqrt(s * (1.0 - s));
            }
        } else {
            for (i = 0; i < nr; i++)
                r[i] = 1.0;
        }
        for (j = 0; j < p; j++)
            for (i = 0; i < nr; i++)
                Xs[i + j * nr] = r[i] * Xb[i + j * m];
        GDF_F77(dsyrk)("L", "T", &np, &nrr, &inv_m, Xs, &nrr, &one, H, &ldp, 1, 1);
    }
    for (j = 0; j < p; j++) /* mirror the lower triangle */
        for (i = j + 1; i < p; i++)
            H[j + i * p] = H[i + j * p];
    if (q->lambda != 0.0)
        for (i = 1; i < p; i++)
            H[i + i * p] += q->lambda * inv_m;
    return GDF_OK;
}

static int data_hessvec(const gdf_data *q, int logistic, const double *x, const double *v,
                        double *Hv)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), i0, i;
    double *r = q->work, *z = q->work + nb;
    double inv_m = 1.0 / (double)m;
    gdf_int ldx = (gdf_int)m, np = (gdf_int)p;
    memset(Hv, 0, (size_t)p * sizeof(double));
    for (i0 = 0; i0 < m; i0 += nb) {
        gdf_int nr = (gdf_int)((m - i0) < nb ? (m - i0) : nb);
        const double one = 1.0, zero = 0.0;
        const double *Xb = q->X + i0;
        GDF_F77(dgemv)("N", &nr, &np, &one, Xb, &ldx, v, &ONE, &zero, r, &ONE, 1);
        if (logistic) {
            GDF_F77(dgemv)("N", &nr, &np, &one, Xb, &ldx, x, &ONE, &zero, z, &ONE, 1);
            for (i = 0; i < nr; i++) {
                double s = sigmoid(z[i]);
                r[i] *= s * (1.0 - s);
            }
        }
        GDF_F77(dgemv)("T", &nr, &np, &inv_m, Xb, &ldx, r, &ONE, &one, Hv, &ONE, 1);
    }
    if (q->lambda != 0.0)
        for (i = 1; i < p; i++)
            Hv[i] += q->lambda * inv_m * v[i];
    return GDF_OK;
}

static int ls_fg(void *c, const double *x, double *f, double *g) { return data_fg(c, 0, x, f, g); }
static int ls_hess(void *c, const double *x, double *H) { return data_hess(c, 0, x, H); }
static int ls_hv(void *c, const double *x, const double *v, double *Hv) { return data_hessvec(c, 0, x, v, Hv); }
static int lg_fg(void *c, const double *x, double *f, double *g) { return data_fg(c, 1, x, f, g); }
static int lg_hess(void *c, const double *x, double *H) { return data_hess(c, 1, x, H); }
static int lg_hv(void *c, const double *x, const double *v, double *Hv) { return data_hessvec(c, 1, x, v, Hv); }

static void data_init(gdf_problem *p, gdf_data *q, int logistic)
{
    memset(p, 0, sizeof *p);
    p->d = q->p;
    p->ctx = q;
    p->fg = logistic ? lg_fg : ls_fg;
    p->hess = logistic ? lg_hess : ls_hess;
    p->hessvec = logistic ? lg_hv : ls_hv;
    p->L = p->mu = NAN;
}

void gdf_problem_leastsq(gdf_problem *p, gdf_data *q) { data_init(p, q, 0); }
void gdf_problem_logistic(gdf_problem *p, gdf_data *q) { data_init(p, q, 1); }

/* ------------------------------------------------------------------ */
/* data problems with X sparse (CSC): gdflow.h, gdf_sdata              */
/* z = X theta: one scatter over the columns in order (serial: columns  */
/* write to shared rows).  Loss and residual: fixed blocks of rows,     */
/* each with its own partial sum.  g = X'r: one gather per column, in   */
/* index order, columns shared among the threads.  No step depends on   */
/* the number of threads, so neither do the bits.                      */
/* ------------------------------------------------------------------ */
static ptrdiff_t sdata_nblk(ptrdiff_t m) { return m > 0 ? (m + GDF_SDATA_ROWBLK - 1) / GDF_SDATA_ROWBLK : 0; }

size_t gdf_sdata_work(ptrdiff_t m, ptrdiff_t p)
{
    (void)p;
    /* z / r, a second vector (Hessians), the row blocks' partial sums */
    return 2 * (size_t)(m > 0 ? m : 1) + (size_t)sdata_nblk(m) + 1;
}

int gdf_sdata_threads(const gdf_sdata *q)
{
#ifdef _OPENMP
    int t;
    double nnz = q->p > 0 ? (double)q->Xp[q->p] : 0.0;
    if (!gdf_threads_usable()) /* a fork() child: libgomp's pool is gone */
        return 1;
    t = q->threads > 0 ? q->threads : omp_get_max_threads();
    if (q->threads <= 0 && nnz + (double)q->m < GDF_DATA_PAR_MIN)
        t = 1;
    if (t > GDF_DATA_MAX_THREADS)
        t = GDF_DATA_MAX_THREADS;
    if ((ptrdiff_t)t > q->p)
        t = (int)q->p;
    return t > 1 ? t : 1;
#else
    (void)q;
    return 1;
#endif
}

/* z = X x (z: m) by columns in order; a zero x_j adds nothing (X finite) */
static void sdata_matvec(const gdf_sdata *q, const double *x, double *restrict z)
{
    const ptrdiff_t *Xp = q->Xp, *Xi = q->Xi;
    const double *Xx = q->Xx;
    ptrdiff_t j, k, p = q->p;
    memset(z, 0, (size_t)q->m * sizeof(double));
    for (j = 0; j < p; j++) {
        double t = x[j];
        ptrdiff_t k1 = Xp[j + 1];
        if (t == 0.0)
            continue;
        for (k = Xp[j]; k < k1; k++)
            z[Xi[k]] += Xx[k] * t;
    }
}

/* g_j = scale * X(:,j)'r for every column: one gather each, in index
 * order; columns independent, so any thread split gives the same bits */
static void sdata_gather_cols(const gdf_sdata *q, ptrdiff_t j0, ptrdiff_t j1, const double *r,
                              double scale, double *g)
{
    const ptrdiff_t *Xp = q->Xp, *Xi = q->Xi;
    const double *Xx = q->Xx;
    ptrdiff_t j, k;
    for (j = j0; j < j1; j++) {
        double s = 0.0;
        ptrdiff_t k1 = Xp[j + 1];
        for (k = Xp[j]; k < k1; k++)
            s += Xx[k] * r[Xi[k]];
        g[j] = s * scale;
    }
}

static void sdata_tmatvec(const gdf_sdata *q, const double *r, double scale, double *g, int nt)
{
#ifdef _OPENMP
    if (nt > 1) {
        ptrdiff_t c, nc = (q->p + 255) / 256;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
        for (c = 0; c < nc; c++) {
            ptrdiff_t j1 = (c + 1) * 256 < q->p ? (c + 1) * 256 : q->p;
            sdata_gather_cols(q, c * 256, j1, r, scale, g);
        }
        return;
    }
#else
    (void)nt;
#endif
    sdata_gather_cols(q, 0, q->p, r, scale, g);
}

/* rows [i0, i1): residual into r (in place over z), the loss sum returned;
 * the same per-row arithmetic as data_block_fg */
static double sdata_rows(const gdf_sdata *q, int logistic, ptrdiff_t i0, ptrdiff_t i1, double *r)
{
    const double *y = q->y;
    double s0 = 0.0, s1 = 0.0;
    ptrdiff_t i;
    if (!logistic) {
        for (i = i0; i < i1; i++) {
            r[i] -= y[i];
            if ((i - i0) & 1)
                s1 += r[i] * r[i];
            else
                s0 += r[i] * r[i];
        }
    } else {
        /* softplus(w) and (1 - 2y) sigmoid(w), w = (1 - 2y) z: see
         * data_block_fg (no cancellation for well-classified rows) */
        for (i = i0; i < i1; i++) {
            double z = r[i], e = exp(-fabs(z)), sg = 1.0 - 2.0 * y[i], w = sg * z;
            double loss = (w > 0.0 ? w : 0.0) + log1p(e);
            if ((i - i0) & 1)
                s1 += loss;
            else
                s0 += loss;
            r[i] = sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
        }
    }
    return s0 + s1;
}

static int sdata_fg(gdf_sdata *q, int logistic, const double *x, double *f, double *g)
{
    ptrdiff_t m = q->m, p = q->p, nblk = sdata_nblk(m), b, i;
    double *z = q->work, *fpart = q->work + 2 * (size_t)m;
    double acc = 0.0, inv_m = 1.0 / (double)m;
    int nt = gdf_sdata_threads(q);
    sdata_matvec(q, x, z);
#ifdef _OPENMP
    if (nt > 1 && nblk > 1) {
#pragma omp parallel for num_threads(nt) schedule(static)
        for (b = 0; b < nblk; b++) {
            ptrdiff_t i0 = b * GDF_SDATA_ROWBLK, i1 = i0 + GDF_SDATA_ROWBLK < m ? i0 + GDF_SDATA_ROWBLK : m;
            fpart[b] = sdata_rows(q, logistic, i0, i1, z);
        }
    } else
#endif
        for (b = 0; b < nblk; b++) {
            ptrdiff_t i0 = b * GDF_SDATA_ROWBLK, i1 = i0 + GDF_SDATA_ROWBLK < m ? i0 + GDF_SDATA_ROWBLK : m;
            fpart[b] = sdata_rows(q, logistic, i0, i1, z);
        }
    for (b = 0; b < nblk; b++)
        acc += fpart[b];
    if (g)
        sdata_tmatvec(q, z, inv_m, g, nt);
    if (f)
        *f = logistic ? acc * inv_m : 0.5 * acc * inv_m;
    if (q->lambda != 0.0 && p > 1) {
        double s = 0.0, lm = q->lambda * inv_m;
        for (i = 1; i < p; i++) {
            s += x[i] * x[i];
            if (g)
                g[i] += lm * x[i];
        }
        if (f)
            *f += 0.5 * lm * s;
    }
    return GDF_OK;
}

/* the Hessian weights w (m): 1 (least squares) or s (1 - s) at z = X x */
static void sdata_weights(const gdf_sdata *q, int logistic, const double *x, double *w)
{
    ptrdiff_t i;
    if (!logistic) {
        for (i = 0; i < q->m; i++)
            w[i] = 1.0;
        return;
    }
    sdata_matvec(q, x, w);
    for (i = 0; i < q->m; i++) {
        double s = sigmoid(w[i]);
        w[i] = s * (1.0 - s);
    }
}

/* H = X' diag(w) X / m + lambda/m diag(0, 1, ..., 1): column j of X times
 * w scattered into v (dense, zero outside column j's rows), then
 * H(l, j) = X(:,l)'v for l >= j by gathers; v is cleared row by row. */
static int sdata_hess(gdf_sdata *q, int logistic, const double *x, double *H)
{
    ptrdiff_t m = q->m, p = q->p, i, j, l, k;
    double *w = q->work, *v = q->work + m, inv_m = 1.0 / (double)m;
    sdata_weights(q, logistic, x, w);
    memset(v, 0, (size_t)m * sizeof(double));
    for (j = 0; j < p; j++) {
        if (q->Xp[j] == q->Xp[j + 1]) { /* an empty column: a zero row and column */
            for (l = j; l < p; l++)
                H[l + j * p] = 0.0;
            continue;
        }
        for (k = q->Xp[j]; k < q->Xp[j + 1]; k++)
            v[q->Xi[k]] += w[q->Xi[k]] * q->Xx[k];
        for (l = j; l < p; l++) {
            double s = 0.0;
            for (k = q->Xp[l]; k < q->Xp[l + 1]; k++)
                s += q->Xx[k] * v[q->Xi[k]];
            H[l + j * p] = s * inv_m;
        }
        for (k = q->Xp[j]; k < q->Xp[j + 1]; k++)
            v[q->Xi[k]] = 0.0;
    }
    for (j = 0; j < p; j++) /* mirror the lower triangle */
        for (i = j + 1; i < p; i++)
            H[j + i * p] = H[i + j * p];
    if (q->lambda != 0.0)
        for (i = 1; i < p; i++)
            H[i + i * p] += q->lambda * inv_m;
    return GDF_OK;
}

/* Hv = X'(w .* (X v)) / m + lambda/m (0, v_2, ..., v_p) */
static int sdata_hessvec(gdf_sdata *q, int logistic, const double *x, const double *v, double *Hv)
{
    ptrdiff_t m = q->m, i;
    double *u = q->work, *w = q->work + m, inv_m = 1.0 / (double)m;
    sdata_matvec(q, v, u);
    if (logistic) {
        sdata_weights(q, 1, x, w);
        for (i = 0; i < m; i++)
            u[i] *= w[i];
    }
    sdata_tmatvec(q, u, inv_m, Hv, gdf_sdata_threads(q));
    if (q->lambda != 0.0)
        for (i = 1; i < q->p; i++)
            Hv[i] += q->lambda * inv_m * v[i];
    return GDF_OK;
}

static int sls_fg(void *c, const double *x, double *f, double *g) { return sdata_fg(c, 0, x, f, g); }
static int sls_hess(void *c, const double *x, double *H) { return sdata_hess(c, 0, x, H); }
static int sls_hv(void *c, const double *x, const double *v, double *Hv) { return sdata_hessvec(c, 0, x, v, Hv); }
static int slg_fg(void *c, const double *x, double *f, double *g) { return sdata_fg(c, 1, x, f, g); }
static int slg_hess(void *c, const double *x, double *H) { return sdata_hess(c, 1, x, H); }
static int slg_hv(void *c, const double *x, const double *v, double *Hv) { return sdata_hessvec(c, 1, x, v, Hv); }

static void sdata_init(gdf_problem *p, gdf_sdata *q, int logistic)
{
    memset(p, 0, sizeof *p);
    p->d = q->p;
    p->ctx = q;
    p->fg = logistic ? slg_fg : sls_fg;
    p->hess = logistic ? slg_hess : sls_hess;
    p->hessvec = logistic ? slg_hv : sls_hv;
    p->L = p->mu = NAN;
}

void gdf_problem_leastsq_sparse(gdf_problem *p, gdf_sdata *q) { sdata_init(p, q, 0); }
void gdf_problem_logistic_sparse(gdf_problem *p, gdf_sdata *q) { sdata_init(p, q, 1); }

/* ------------------------------------------------------------------ */
/* test functions                                                     */
/* ------------------------------------------------------------------ */
static int tf_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_testfun *q = (const gdf_testfun *)ctx;
    ptrdiff_t i, d = q->d;
    double F = 0.0;
    switch (q->kind) {
    case GDF_TF_ROSENBROCK: {
        double a = q->a, b = q->b;
        if (g)
            memset(g, 0, (size_t)d * sizeof(double));
        for (i = 0; i + 1 < d; i++) {
            double u = x[i + 1] - x[i] * x[i], v = a - x[i];
            F += b * u * u + v * v;
            if (g) {
                g[i] += -4.0 * b * x[i] * u - 2.0 * v;
                g[i + 1] += 2.0 * b * u;
            }
        }
        break;
    }
    case GDF_TF_BEALE: {
        double X = x[0], Y = x[1], Y2 = Y * Y, Y3 = Y2 * Y;
        double t1 = 1.5 - X + X * Y, t2 = 2.25 - X + X * Y2, t3 = 2.625 - X + X * Y3;
        F = t1 * t1 + t2 * t2 + t3 * t3;
        if (g) {
            g[0] = 2.0 * (t1 * (Y - 1.0) + t2 * (Y2 - 1.0) + t3 * (Y3 - 1.0));
            g[1] = 2.0 * (t1 * X + t2 * 2.0 * X * Y + t3 * 3.0 * X * Y2);
        }
        break;
    }
    case GDF_TF_HIMMELBLAU: {
        double X = x[0], Y = x[1];
        double u = X * X + Y - 11.0, v = X + Y * Y - 7.0;
        F = u * u + v * v;
        if (g) {
            g[0] = 4.0 * X * u + 2.0 * v;
            g[1] = 2.0 * u + 4.0 * Y * v;
        }
        break;
    }
    default:
        return GDF_EARG;
    }
    if (f)
        *f = F;
    return GDF_OK;
}

static int tf_hess(void *ctx, const double *x, double *H)
{
    const gdf_testfun *q = (const gdf_testfun *)ctx;
    ptrdiff_t i, d = q->d;
    switch (q->kind) {
    case GDF_TF_ROSENBROCK: {
        double a = q->a, b = q->b;
        (void)a;
        memset(H, 0, (size_t)d * (size_t)d * sizeof(double));
        for (i = 0; i + 1 < d; i++) {
            H[i + i * d] += 12.0 * b * x[i] * x[i] - 4.0 * b * x[i + 1] + 2.0;
            H[i + (i + 1) * d] += -4.0 * b * x[i];
            H[(i + 1) + i * d] += -4.0 * b * x[i];
            H[(i + 1) + (i + 1) * d] += 2.0 * b;
        }
        break;
    }
    case GDF_TF_BEALE: {
        double X = x[0], Y = x[1], Y2 = Y * Y, Y3 = Y2 * Y;
        double t1 = 1.5 - X + X * Y, t2 = 2.25 - X + X * Y2, t3 = 2.625 - X + X * Y3;
        double a1 = Y - 1.0, b1 = X, a2 = Y2 - 1.0, b2 = 2.0 * X * Y, a3 = Y3 - 1.0,
               b3 = 3.0 * X * Y2;
        H[0] = 2.0 * (a1 * a1 + a2 * a2 + a3 * a3);
        H[1] = H[2] = 2.0 * (a1 * b1 + a2 * b2 + a3 * b3 + t1 + t2 * 2.0 * Y + t3 * 3.0 * Y2);
        H[3] = 2.0 * (b1 * b1 + b2 * b2 + b3 * b3 + t2 * 2.0 * X + t3 * 6.0 * X * Y);
        break;
    }
    case GDF_TF_HIMMELBLAU: {
        double X = x[0], Y = x[1];
        H[0] = 12.0 * X * X + 4.0 * Y - 42.0;
        H[1] = H[2] = 4.0 * X + 4.0 * Y;
        H[3] = 4.0 * X + 12.0 * Y * Y - 26.0;
        break;
    }
    default:
        return GDF_EARG;
    }
    return GDF_OK;
}

void gdf_problem_testfun(gdf_problem *p, gdf_testfun *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = tf_fg;
    p->hess = tf_hess;
    p->hessvec = NULL;
    p->L = p->mu = NAN;
}
