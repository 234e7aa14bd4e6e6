/* gdf_kernels.c - the library's own cache-resident kernels for small and
 * medium dense problems: the symmetric matrix-vector product of the dense
 * quadratic (lower triangle), a dot product and a norm.  The order of every
 * sum is fixed in gdf_kernels.h; the plain C, SSE2 and AVX2 variants give the
 * same bits (no fused multiply-add: the scalar parts are compiled for the
 * base architecture, the AVX2 loop uses separate multiplies and adds).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "gdf_kernels.h"
#include "gdflow.h"

#if !defined(GDF_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64) || \
                              (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define GDF_K_SSE2 1
#endif
#if defined(GDF_K_SSE2) && !defined(GDF_NO_AVX2) && defined(__GNUC__) && \
    (defined(__x86_64__) || defined(__i386__)) && (__GNUC__ >= 5 || defined(__clang__))
#include <immintrin.h>
#define GDF_K_AVX2 1
#endif

/* ------------------------------------------------------------------ */
/* y = A x, A symmetric, lower triangle                                 */
/* ------------------------------------------------------------------ */
/* The order (every variant): r = d mod 4.  First the r head columns j, one
 * at a time: their panel rows i in [r, d) (a multiple of four) do
 * y_i += a_i x_j and put a_i x_i into the accumulator q_l, l = (i - r) mod 4
 * (q_l starts at +0); t_j = (q0 + q1) + (q2 + q3); then the head block
 * (rows j < i < r) in order (head_col).  Then the groups of four columns
 * j .. j+3 (j = r, r+4, ...), rows i in [j, d) by fours (no row tails):
 *     y_i += (c0_i x_j + c1_i x_j+1) + (c2_i x_j+2 + c3_i x_j+3)
 *     column k's accumulator q_l, l = (i - j) mod 4: q_l = b_i x_i on the
 *     first four rows, then q_l += b_i x_i
 * where b = ak and c = ak below the diagonal block, and in the diagonal
 * block (rows j .. j+3) b is ak on and below the diagonal, 0.0 above, c is
 * ak strictly below the diagonal, 0.0 on and above (the upper triangle is
 * never used: the zeros are selected, not multiplied from A); then
 * t_k = (q0 + q1) + (q2 + q3) and y_j+k += t_k. */

/* head column j < r: the rows j < i < r, then y_j += s + t */
static void head_col(const double *a, ptrdiff_t j, ptrdiff_t r, const double *x, double *y, double t)
{
    ptrdiff_t i;
    double xj = x[j], s = a[j] * xj;
    for (i = j + 1; i < r; i++) {
        y[i] += a[i] * xj;
        s += a[i] * x[i];
    }
    y[j] += s + t;
}

static void zero(ptrdiff_t d, double *y)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        y[i] = 0.0;
}

static double comb_plain(const double q[4]) { return (q[0] + q[1]) + (q[2] + q[3]); }

static void symv_plain(ptrdiff_t d, const double *A, const double *x, double *y)
{
    ptrdiff_t i, j, l, k, r = d % 4;
    zero(d, y);
    for (j = 0; j < r; j++) {
        const double *a = A + j * d;
        double xj = x[j], q[4] = {0, 0, 0, 0};
        for (i = r; i < d; i += 4)
            for (l = 0; l < 4; l++) {
                y[i + l] += a[i + l] * xj;
                q[l] += a[i + l] * x[i + l];
            }
        head_col(a, j, r, x, y, comb_plain(q));
    }
    for (j = r; j < d; j += 4) {
        const double *a[4];
        double xj[4], q[4][4];
        for (k = 0; k < 4; k++) {
            a[k] = A + (j + k) * d;
            xj[k] = x[j + k];
        }
        for (l = 0; l < 4; l++) { /* the diagonal block */
            double b[4], c[4], xi = x[j + l];
            for (k = 0; k < 4; k++) {
                b[k] = l >= k ? a[k][j + l] : 0.0;
                c[k] = l > k ? a[k][j + l] : 0.0;
                q[k][l] = b[k] * xi;
            }
            y[j + l] += (c[0] * xj[0] + c[1] * xj[1]) + (c[2] * xj[2] + c[3] * xj[3]);
        }
        for (i = j + 4; i < d; i += 4)
            for (l = 0; l < 4; l++) {
                ptrdiff_t m = i + l;
                double xi = x[m];
                y[m] += (a[0][m] * xj[0] + a[1][m] * xj[1]) + (a[2][m] * xj[2] + a[3][m] * xj[3]);
                for (k = 0; k < 4; k++)
                    q[k][l] += a[k][m] * xi;
            }
        for (k = 0; k < 4; k++)
            y[j + k] += comb_plain(q[k]);
    }
}

#ifdef GDF_K_SSE2
/* two columns' accumulators, lo = (q0 q1) and hi = (q2 q3) each:
 * ((q0 + q1) + (q2 + q3)) of column a and of column b */
static __m128d comb2(__m128d la, __m128d ha, __m128d lb, __m128d hb)
{
    __m128d l = _mm_add_pd(_mm_unpacklo_pd(la, lb), _mm_unpackhi_pd(la, lb));
    __m128d h = _mm_add_pd(_mm_unpacklo_pd(ha, hb), _mm_unpackhi_pd(ha, hb));
    return _mm_add_pd(l, h);
}

#define MUL _mm_mul_pd
#define ADD _mm_add_pd
static void symv_sse2(ptrdiff_t d, const double *A, const double *x, double *y)
{
    ptrdiff_t i, j, r = d % 4;
    zero(d, y);
    for (j = 0; j < r; j++) {
        const double *a = A + j * d;
        __m128d X = _mm_set1_pd(x[j]), L = _mm_setzero_pd(), H = L;
        double q[2];
        for (i = r; i < d; i += 4) {
            __m128d b = _mm_loadu_pd(a + i), c = _mm_loadu_pd(a + i + 2);
            _mm_storeu_pd(y + i, ADD(_mm_loadu_pd(y + i), MUL(b, X)));
            _mm_storeu_pd(y + i + 2, ADD(_mm_loadu_pd(y + i + 2), MUL(c, X)));
            L = ADD(L, MUL(b, _mm_loadu_pd(x + i)));
            H = ADD(H, MUL(c, _mm_loadu_pd(x + i + 2)));
        }
        _mm_storeu_pd(q, comb2(L, H, L, H));
        head_col(a, j, r, x, y, q[0]);
    }
    for (j = r; j < d; j += 4) {
        const double *a0 = A + j * d, *a1 = a0 + d, *a2 = a1 + d, *a3 = a2 + d;
        __m128d X0 = _mm_set1_pd(x[j]), X1 = _mm_set1_pd(x[j + 1]);
        __m128d X2 = _mm_set1_pd(x[j + 2]), X3 = _mm_set1_pd(x[j + 3]);
        __m128d Z = _mm_setzero_pd(), L0, L1, L2, L3, H0, H1, H2, H3;
        {   /* the diagonal block: lo = rows j, j+1; hi = rows j+2, j+3 */
            __m128d xl = _mm_loadu_pd(x + j), xh = _mm_loadu_pd(x + j + 2);
            __m128d b0 = _mm_loadu_pd(a0 + j), c0 = _mm_loadu_pd(a0 + j + 2);
            __m128d b1 = _mm_move_sd(_mm_loadu_pd(a1 + j), Z), c1 = _mm_loadu_pd(a1 + j + 2);
            __m128d c2 = _mm_loadu_pd(a2 + j + 2), c3 = _mm_move_sd(_mm_loadu_pd(a3 + j + 2), Z);
            /* strictly lower: column 0 (0, a0_1 | a0_2, a0_3), column 1
             * (0, 0 | a1_2, a1_3), column 2 (0, 0 | 0, a2_3), column 3 zero */
            __m128d u = ADD(ADD(MUL(_mm_move_sd(b0, Z), X0), MUL(Z, X1)), ADD(MUL(Z, X2), MUL(Z, X3)));
            __m128d v = ADD(ADD(MUL(c0, X0), MUL(c1, X1)), ADD(MUL(_mm_move_sd(c2, Z), X2), MUL(Z, X3)));
            _mm_storeu_pd(y + j, ADD(_mm_loadu_pd(y + j), u));
            _mm_storeu_pd(y + j + 2, ADD(_mm_loadu_pd(y + j + 2), v));
            /* on and below: column 0 all, 1 (0, a | a, a), 2 (0, 0 | a, a), 3 (0, 0 | 0, a) */
            L0 = MUL(b0, xl);
            H0 = MUL(c0, xh);
            L1 = MUL(b1, xl);
            H1 = MUL(c1, xh);
            L2 = MUL(Z, xl);
            H2 = MUL(c2, xh);
            L3 = MUL(Z, xl);
            H3 = MUL(c3, xh);
        }
        for (i = j + 4; i < d; i += 4) {
            __m128d xl = _mm_loadu_pd(x + i), xh = _mm_loadu_pd(x + i + 2);
            __m128d b0 = _mm_loadu_pd(a0 + i), b1 = _mm_loadu_pd(a1 + i);
            __m128d b2 = _mm_loadu_pd(a2 + i), b3 = _mm_loadu_pd(a3 + i);
            __m128d c0 = _mm_loadu_pd(a0 + i + 2), c1 = _mm_loadu_pd(a1 + i + 2);
            __m128d c2 = _mm_loadu_pd(a2 + i + 2), c3 = _mm_loadu_pd(a3 + i + 2);
            __m128d u = ADD(ADD(MUL(b0, X0), MUL(b1, X1)), ADD(MUL(b2, X2), MUL(b3, X3)));
            __m128d v = ADD(ADD(MUL(c0, X0), MUL(c1, X1)), ADD(MUL(c2, X2), MUL(c3, X3)));
            _mm_storeu_pd(y + i, ADD(_mm_loadu_pd(y + i), u));
            _mm_storeu_pd(y + i + 2, ADD(_mm_loadu_pd(y + i + 2), v));
            L0 = ADD(L0, MUL(b0, xl));
            L1 = ADD(L1, MUL(b1, xl));
            L2 = ADD(L2, MUL(b2, xl));
            L3 = ADD(L3, MUL(b3, xl));
            H0 = ADD(H0, MUL(c0, xh));
            H1 = ADD(H1, MUL(c1, xh));
            H2 = ADD(H2, MUL(c2, xh));
            H3 = ADD(H3, MUL(c3, xh));
        }
        _mm_storeu_pd(y + j, ADD(_mm_loadu_pd(y + j), comb2(L0, H0, L1, H1)));
        _mm_storeu_pd(y + j + 2, ADD(_mm_loadu_pd(y + j + 2), comb2(L2, H2, L3, H3)));
    }
}
#undef MUL
#undef ADD
#endif

#ifdef GDF_K_AVX2
/* four columns' accumulators Qk = (qk0 qk1 qk2 qk3):
 * ((qk0 + qk1) + (qk2 + qk3)) for k = 0..3, in one vector */
__attribute__((target("avx2"))) static inline __m256d comb4(__m256d Q0, __m256d Q1, __m256d Q2,
                                                             __m256d Q3)
{
    __m256d h01 = _mm256_hadd_pd(Q0, Q1); /* (q00+q01, q10+q11, q02+q03, q12+q13) */
    __m256d h23 = _mm256_hadd_pd(Q2, Q3);
    return _mm256_add_pd(_mm256_permute2f128_pd(h01, h23, 0x20), _mm256_permute2f128_pd(h01, h23, 0x31));
}

#define MUL _mm256_mul_pd
#define ADD _mm256_add_pd
__attribute__((target("avx2"))) static void symv_avx2(ptrdiff_t d, const double *A, const double *x,
                                                       double *y)
{
    ptrdiff_t i, j, r = d % 4;
    zero(d, y);
    for (j = 0; j < r; j++) {
        const double *a = A + j * d;
        __m256d X = _mm256_set1_pd(x[j]), Q = _mm256_setzero_pd();
        double t[4];
        for (i = r; i < d; i += 4) {
            __m256d b = _mm256_loadu_pd(a + i);
            _mm256_storeu_pd(y + i, ADD(_mm256_loadu_pd(y + i), MUL(b, X)));
            Q = ADD(Q, MUL(b, _mm256_loadu_pd(x + i)));
        }
        _mm256_storeu_pd(t, comb4(Q, Q, Q, Q));
        head_col(a, j, r, x, y, t[0]);
    }
    for (j = r; j < d; j += 4) {
        const double *a0 = A + j * d, *a1 = a0 + d, *a2 = a1 + d, *a3 = a2 + d;
        __m256d X0 = _mm256_set1_pd(x[j]), X1 = _mm256_set1_pd(x[j + 1]);
        __m256d X2 = _mm256_set1_pd(x[j + 2]), X3 = _mm256_set1_pd(x[j + 3]);
        __m256d Z = _mm256_setzero_pd(), Q0, Q1, Q2, Q3;
        {   /* the diagonal block: zeros selected by blend (bit l: row j+l) */
            __m256d xv = _mm256_loadu_pd(x + j);
            __m256d b0 = _mm256_loadu_pd(a0 + j), b1 = _mm256_loadu_pd(a1 + j);
            __m256d b2 = _mm256_loadu_pd(a2 + j), b3 = _mm256_loadu_pd(a3 + j);
            __m256d u = ADD(ADD(MUL(_mm256_blend_pd(b0, Z, 0x1), X0), MUL(_mm256_blend_pd(b1, Z, 0x3), X1)),
                            ADD(MUL(_mm256_blend_pd(b2, Z, 0x7), X2), MUL(Z, X3)));
            _mm256_storeu_pd(y + j, ADD(_mm256_loadu_pd(y + j), u));
            Q0 = MUL(b0, xv);
            Q1 = MUL(_mm256_blend_pd(b1, Z, 0x1), xv);
            Q2 = MUL(_mm256_blend_pd(b2, Z, 0x3), xv);
            Q3 = MUL(_mm256_blend_pd(b3, Z, 0x7), xv);
        }
        for (i = j + 4; i < d; i += 4) {
            __m256d xv = _mm256_loadu_pd(x + i);
            __m256d b0 = _mm256_loadu_pd(a0 + i), b1 = _mm256_loadu_pd(a1 + i);
            __m256d b2 = _mm256_loadu_pd(a2 + i), b3 = _mm256_loadu_pd(a3 + i);
            __m256d u = ADD(ADD(MUL(b0, X0), MUL(b1, X1)), ADD(MUL(b2, X2), MUL(b3, X3)));
            _mm256_storeu_pd(y + i, ADD(_mm256_loadu_pd(y + i), u));
            Q0 = ADD(Q0, MUL(b0, xv));
            Q1 = ADD(Q1, MUL(b1, xv));
            Q2 = ADD(Q2, MUL(b2, xv));
            Q3 = ADD(Q3, MUL(b3, xv));
        }
        _mm256_storeu_pd(y + j, ADD(_mm256_loadu_pd(y + j), comb4(Q0, Q1, Q2, Q3)));
    }
}
#undef MUL
#undef ADD

static int have_avx2(void)
{
    static int known = -1; /* a benign race: every thread stores the same value */
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return known;
}
#endif

int gdf_symv_lower_variant(int variant, ptrdiff_t d, const double *A, const double *x, double *y)
{
    switch (variant) {
    case 0:
        symv_plain(d, A, x, y);
        return 1;
#ifdef GDF_K_SSE2
    case 1:
        symv_sse2(d, A, x, y);
        return 1;
#endif
#ifdef GDF_K_AVX2
    case 2:
        if (!have_avx2())
            return 0;
        symv_avx2(d, A, x, y);
        return 1;
#endif
    default:
        return 0;
    }
}

void gdf_symv_lower(ptrdiff_t d, const double *A, const double *x, double *y)
{
#ifdef GDF_K_AVX2
    if (have_avx2()) {
        symv_avx2(d, A, x, y);
        return;
    }
#endif
#ifdef GDF_K_SSE2
    symv_sse2(d, A, x, y);
#else
    symv_plain(d, A, x, y);
#endif
}

/* ------------------------------------------------------------------ */
/* dot product and norm: four accumulators q_l (i = l mod 4 over the    */
/* whole groups of four), (q0 + q2) + (q1 + q3), then the tail in order */
/* ------------------------------------------------------------------ */
double gdf_dot_own(ptrdiff_t n, const double *x, const double *y)
{
    ptrdiff_t i, n4 = n > 0 ? n - n % 4 : 0;
    double q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0, s;
    for (i = 0; i < n4; i += 4) {
        q0 += x[i] * y[i];
        q1 += x[i + 1] * y[i + 1];
        q2 += x[i + 2] * y[i + 2];
        q3 += x[i + 3] * y[i + 3];
    }
    s = (q0 + q2) + (q1 + q3);
    for (; i < n; i++)
        s += x[i] * y[i];
    return s;
}

double gdf_nrm2_own(ptrdiff_t n, const double *x)
{
    ptrdiff_t i, n4;
    double s, m = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0;
    if (n <= 32) /* gdf_nrm2's own loop (no BLAS call there): the same bits */
        return gdf_nrm2(n, x);
    s = gdf_dot_own(n, x, x);
    if (s > 1e-280 && s < 1e280)
        return sqrt(s);
    /* under- or overflow, or not finite: scaled by the largest |x_i| (not
     * dnrm2: OpenBLAS's relies on x87 extended range, which valgrind lacks) */
    for (i = 0; i < n; i++) {
        double a = fabs(x[i]);
        if (a != a)
            return a; /* NaN */
        if (a > m)
            m = a;
    }
    if (m == 0.0 || isinf(m))
        return m;
    n4 = n - n % 4;
    for (i = 0; i < n4; i += 4) {
        double a0 = x[i] / m, a1 = x[i + 1] / m, a2 = x[i + 2] / m, a3 = x[i + 3] / m;
        q0 += a0 * a0;
        q1 += a1 * a1;
        q2 += a2 * a2;
        q3 += a3 * a3;
    }
    s = (q0 + q2) + (q1 + q3);
    for (; i < n; i++)
        s += (x[i] / m) * (x[i] / m);
    return m * sqrt(s);
}
