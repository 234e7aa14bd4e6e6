/* gdf_mathfn.h - the library's own exp and log1p, the same bits in plain C,
 * SSE2 and AVX2.
 *
 * The logistic pass (gdf_problems.c) needs one exp and one log1p per row of
 * X.  The C library's calls cannot be vectorized, and a vector libm (glibc's
 * libmvec: 4 ulp) would give other bits than the scalar calls.  These
 * functions are written once in plain IEEE operations (+ - * /, comparisons,
 * integer operations on the bits) and the vector versions perform exactly
 * the same operations lane by lane, so every build and every code path gives
 * the same bits:
 *   gdf_exp_s / gdf_exp_sse2 / gdf_exp_avx2        exp(x), every x
 *   gdf_log1p_s / gdf_log1p_sse2 / gdf_log1p_avx2  log1p(x), every x
 *   gdf_log1p01_s / _sse2 / _avx2     log1p(x) for 0 <= x <= 1 (or NaN),
 *                                     the same bits without the special cases
 * No fused multiply-add: the library is compiled as ISO C (-std=c99, where
 * gcc does not contract a * b + c) for a target without FMA (x86-64
 * baseline; the AVX2 functions enable "avx2" only, not "fma"); clang is told
 * by the pragma below.  Accuracy (tests/c/test_perf2_logistic.c, against
 * long-double references): at most 0.87 ulp over the whole range.
 *
 * exp: x = k ln2 + r, |r| <= ln2/2, with ln2 in two parts (the high part
 * has 32 significant bits, so k ln2_hi is exact); exp(r) from the rational
 * form of fdlibm's e_exp.c (Remez polynomial of degree 5 in r^2; its
 * coefficients and those of log1p below come from fdlibm, whose notice
 * reads: "Copyright (C) 1993 by Sun Microsystems, Inc. All rights
 * reserved.  Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved."); 2^k in two halves 2^k1 2^k2 built in the
 * exponent bits (exact for y 2^k1, one rounding for the product: correct
 * also for subnormal results and at the overflow threshold).  x is first
 * clamped to [-746, 710] (a NaN stays NaN): overflow gives +Inf, underflow
 * 0, without a branch.
 *
 * log1p: u = 1 + x rounded, c = (1 + x) - u exactly, log1p(x) = log(u) +
 * c/u; log(u) = k ln2 + log(m), m in [sqrt(2)/2, sqrt(2)), from fdlibm's
 * s_log1p.c kernel (s = f/(2 + f), polynomial Lg1..Lg7 in s^2).  x = 0
 * (either sign), -1, < -1, +Inf are selected at the end (no branch).
 *
 * The vector functions are defined when the build has them (GDF_MF_SSE2:
 * every x86-64 unless -DGDF_NO_SIMD; GDF_MF_AVX2: gcc/clang on x86 unless
 * -DGDF_NO_AVX2, to be called only where the CPU has AVX2).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_MATHFN_H
#define GDF_MATHFN_H

#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#if !defined(GDF_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64) || \
                              (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define GDF_MF_SSE2 1
#endif
#if defined(GDF_MF_SSE2) && !defined(GDF_NO_AVX2) && defined(__GNUC__) && \
    (defined(__x86_64__) || defined(__i386__)) && (__GNUC__ >= 5 || defined(__clang__))
#include <immintrin.h>
#define GDF_MF_AVX2 1
#endif

/* exported scalar forms (gdf_mathfn.c) */
double gdf_exp(double x);
double gdf_log1p(double x);
/* y[i] = exp(x[i]) / log1p(x[i]) with the kernels of one instruction set:
 * isa 0 plain C, 1 SSE2, 2 AVX2.  Returns 0 when this build or this CPU
 * has no such kernels (y untouched), else 1.  For the tests. */
int gdf_exp_array(int isa, ptrdiff_t n, const double *x, double *y);
int gdf_log1p_array(int isa, ptrdiff_t n, const double *x, double *y);
int gdf_log1p01_array(int isa, ptrdiff_t n, const double *x, double *y); /* 0 <= x <= 1 */

/* ---- constants ---------------------------------------------------------- */
#define GDF_MF_XMIN (-746.0) /* exp(-746) < 2^-1075: 0 */
#define GDF_MF_XMAX 710.0    /* exp(710) > DBL_MAX: +Inf */
#define GDF_MF_INVLN2 1.44269504088896338700e+00
#define GDF_MF_LN2HI 6.93147180369123816490e-01 /* 0x3fe62e42fee00000 */
#define GDF_MF_LN2LO 1.90821492927058770002e-10 /* 0x3dea39ef35793c76 */
#define GDF_MF_SHIFT 6755399441055744.0         /* 1.5 * 2^52: rounds to an integer */
#define GDF_MF_SHIFT_BITS 0x4338000000000000ULL
#define GDF_MF_KBIAS (2048ULL - GDF_MF_SHIFT_BITS) /* bits(t) + KBIAS = k + 2048 */
#define GDF_MF_P1 1.66666666666666019037e-01
#define GDF_MF_P2 (-2.77777777770155933842e-03)
#define GDF_MF_P3 6.61375632143793436117e-05
#define GDF_MF_P4 (-1.65339022054652515390e-06)
#define GDF_MF_P5 4.13813679705723846039e-08
#define GDF_MF_LG1 6.666666666666735130e-01
#define GDF_MF_LG2 3.999999999940941908e-01
#define GDF_MF_LG3 2.857142874366239149e-01
#define GDF_MF_LG4 2.222219843214978396e-01
#define GDF_MF_LG5 1.818357216161805012e-01
#define GDF_MF_LG6 1.531383769920937332e-01
#define GDF_MF_LG7 1.479819860511658591e-01
#define GDF_MF_LOFF 0x00095f6200000000ULL   /* (0x3ff00000 - 0x3fe6a09e) << 32 */
#define GDF_MF_MBASE 0x3fe6a09e00000000ULL  /* m = [sqrt(2)/2, sqrt(2)) */
#define GDF_MF_MANT 0x000fffffffffffffULL
#define GDF_MF_TWO52 0x4330000000000000ULL   /* bits of 2^52 */
#define GDF_MF_KOFF (4503599627370496.0 + 1023.0) /* 2^52 + 1023 */

static inline uint64_t gdf_mf_bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double gdf_mf_dbl(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* ---- plain C -------------------------------------------------------------- */
static inline double gdf_exp_s(double x)
{
    double t, kd, hi, lo, r, r2, c, y;
    uint64_t kb, h;
    x = GDF_MF_XMIN > x ? GDF_MF_XMIN : x; /* as max_pd(XMIN, x): NaN stays */
    x = GDF_MF_XMAX < x ? GDF_MF_XMAX : x; /* as min_pd(XMAX, x) */
    t = x * GDF_MF_INVLN2;
    t = t + GDF_MF_SHIFT;
    kd = t - GDF_MF_SHIFT;
    hi = x - kd * GDF_MF_LN2HI;
    lo = kd * GDF_MF_LN2LO;
    r = hi - lo;
    r2 = r * r;
    c = r - r2 * (GDF_MF_P1 + r2 * (GDF_MF_P2 + r2 * (GDF_MF_P3 + r2 * (GDF_MF_P4 + r2 * GDF_MF_P5))));
    y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    kb = gdf_mf_bits(t) + GDF_MF_KBIAS; /* k + 2048 */
    h = kb >> 1;                          /* floor(k/2) + 1024 */
    return (y * gdf_mf_dbl((h - 1) << 52)) * gdf_mf_dbl((kb - h - 1) << 52);
}

/* log(u) + c/u for u = 1 + x rounded, c = (1 + x) - u: the common part of
 * gdf_log1p_s (every x) and gdf_log1p01_s (0 <= x <= 1, the logistic
 * pass's range, where both give the same bits) */
static inline double gdf_mf_log1p_core_s(double u, double c)
{
    double kd, m, f, hfsq, s, z, w, t1, t2, R;
    uint64_t I = gdf_mf_bits(u) + GDF_MF_LOFF;
    kd = gdf_mf_dbl(GDF_MF_TWO52 | (I >> 52)) - GDF_MF_KOFF;
    m = gdf_mf_dbl((I & GDF_MF_MANT) + GDF_MF_MBASE);
    f = m - 1.0;
    hfsq = 0.5 * f;
    hfsq = hfsq * f;
    s = f / (2.0 + f);
    z = s * s;
    w = z * z;
    t1 = w * (GDF_MF_LG2 + w * (GDF_MF_LG4 + w * GDF_MF_LG6));
    t2 = z * (GDF_MF_LG1 + w * (GDF_MF_LG3 + w * (GDF_MF_LG5 + w * GDF_MF_LG7)));
    R = t2 + t1;
    c = c / u;
    return s * (hfsq + R) + (kd * GDF_MF_LN2LO + c) - hfsq + f + kd * GDF_MF_LN2HI;
}

static inline double gdf_log1p_s(double x)
{
    double u = 1.0 + x, res;
    double c_big = 1.0 - (u - x), c_small = x - (u - 1.0);
    res = gdf_mf_log1p_core_s(u, x > 1.0 ? c_big : c_small);
    res = x == 0.0 ? x : res;           /* -0 stays -0 */
    res = x == INFINITY ? x : res;      /* +Inf */
    res = x == -1.0 ? -INFINITY : res;  /* -Inf */
    res = x < -1.0 ? NAN : res;         /* NaN */
    return res;
}

/* log1p(x) for 0 <= x <= 1 (or NaN): gdf_log1p_s's bits without its
 * special cases */
static inline double gdf_log1p01_s(double x)
{
    double u = 1.0 + x;
    return gdf_mf_log1p_core_s(u, x - (u - 1.0));
}

/* ---- SSE2: the same operations on two lanes ----------------------------- */
#ifdef GDF_MF_SSE2
/* b ? x : y lane by lane, b a comparison mask */
static inline __m128d gdf_mf_sel2(__m128d b, __m128d x, __m128d y)
{
    return _mm_or_pd(_mm_and_pd(b, x), _mm_andnot_pd(b, y));
}

static inline __m128d gdf_exp_sse2(__m128d x)
{
    const __m128d one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0), sh = _mm_set1_pd(GDF_MF_SHIFT);
    __m128d t, kd, hi, lo, r, r2, c, y;
    __m128i kb, h, e1, e2;
    x = _mm_max_pd(_mm_set1_pd(GDF_MF_XMIN), x);
    x = _mm_min_pd(_mm_set1_pd(GDF_MF_XMAX), x);
    t = _mm_mul_pd(x, _mm_set1_pd(GDF_MF_INVLN2));
    t = _mm_add_pd(t, sh);
    kd = _mm_sub_pd(t, sh);
    hi = _mm_sub_pd(x, _mm_mul_pd(kd, _mm_set1_pd(GDF_MF_LN2HI)));
    lo = _mm_mul_pd(kd, _mm_set1_pd(GDF_MF_LN2LO));
    r = _mm_sub_pd(hi, lo);
    r2 = _mm_mul_pd(r, r);
    c = _mm_add_pd(_mm_set1_pd(GDF_MF_P4), _mm_mul_pd(r2, _mm_set1_pd(GDF_MF_P5)));
    c = _mm_add_pd(_mm_set1_pd(GDF_MF_P3), _mm_mul_pd(r2, c));
    c = _mm_add_pd(_mm_set1_pd(GDF_MF_P2), _mm_mul_pd(r2, c));
    c = _mm_add_pd(_mm_set1_pd(GDF_MF_P1), _mm_mul_pd(r2, c));
    c = _mm_sub_pd(r, _mm_mul_pd(r2, c));
    y = _mm_div_pd(_mm_mul_pd(r, c), _mm_sub_pd(two, c));
    y = _mm_sub_pd(one, _mm_sub_pd(_mm_sub_pd(lo, y), hi));
    kb = _mm_add_epi64(_mm_castpd_si128(t), _mm_set1_epi64x((long long)GDF_MF_KBIAS));
    h = _mm_srli_epi64(kb, 1);
    e1 = _mm_slli_epi64(_mm_sub_epi64(h, _mm_set1_epi64x(1)), 52);
    e2 = _mm_slli_epi64(_mm_sub_epi64(_mm_sub_epi64(kb, h), _mm_set1_epi64x(1)), 52);
    return _mm_mul_pd(_mm_mul_pd(y, _mm_castsi128_pd(e1)), _mm_castsi128_pd(e2));
}

static inline __m128d gdf_mf_log1p_core_sse2(__m128d u, __m128d c)
{
    const __m128d one = _mm_set1_pd(1.0);
    __m128d kd, m, f, hfsq, s, z, w, t1, t2, R, res;
    __m128i I = _mm_add_epi64(_mm_castpd_si128(u), _mm_set1_epi64x((long long)GDF_MF_LOFF));
    kd = _mm_castsi128_pd(_mm_or_si128(_mm_set1_epi64x((long long)GDF_MF_TWO52), _mm_srli_epi64(I, 52)));
    kd = _mm_sub_pd(kd, _mm_set1_pd(GDF_MF_KOFF));
    m = _mm_castsi128_pd(_mm_add_epi64(_mm_and_si128(I, _mm_set1_epi64x((long long)GDF_MF_MANT)),
                                       _mm_set1_epi64x((long long)GDF_MF_MBASE)));
    f = _mm_sub_pd(m, one);
    hfsq = _mm_mul_pd(_mm_mul_pd(_mm_set1_pd(0.5), f), f);
    s = _mm_div_pd(f, _mm_add_pd(_mm_set1_pd(2.0), f));
    z = _mm_mul_pd(s, s);
    w = _mm_mul_pd(z, z);
    t1 = _mm_add_pd(_mm_set1_pd(GDF_MF_LG4), _mm_mul_pd(w, _mm_set1_pd(GDF_MF_LG6)));
    t1 = _mm_mul_pd(w, _mm_add_pd(_mm_set1_pd(GDF_MF_LG2), _mm_mul_pd(w, t1)));
    t2 = _mm_add_pd(_mm_set1_pd(GDF_MF_LG5), _mm_mul_pd(w, _mm_set1_pd(GDF_MF_LG7)));
    t2 = _mm_add_pd(_mm_set1_pd(GDF_MF_LG3), _mm_mul_pd(w, t2));
    t2 = _mm_mul_pd(z, _mm_add_pd(_mm_set1_pd(GDF_MF_LG1), _mm_mul_pd(w, t2)));
    R = _mm_add_pd(t2, t1);
    c = _mm_div_pd(c, u);
    res = _mm_add_pd(_mm_mul_pd(s, _mm_add_pd(hfsq, R)),
                     _mm_add_pd(_mm_mul_pd(kd, _mm_set1_pd(GDF_MF_LN2LO)), c));
    res = _mm_add_pd(_mm_sub_pd(res, hfsq), f);
    return _mm_add_pd(res, _mm_mul_pd(kd, _mm_set1_pd(GDF_MF_LN2HI)));
}

static inline __m128d gdf_log1p_sse2(__m128d x)
{
    const __m128d one = _mm_set1_pd(1.0);
    __m128d u = _mm_add_pd(one, x), res;
    res = gdf_mf_log1p_core_sse2(u, gdf_mf_sel2(_mm_cmpgt_pd(x, one), _mm_sub_pd(one, _mm_sub_pd(u, x)),
                                                _mm_sub_pd(x, _mm_sub_pd(u, one))));
    res = gdf_mf_sel2(_mm_cmpeq_pd(x, _mm_setzero_pd()), x, res);
    res = gdf_mf_sel2(_mm_cmpeq_pd(x, _mm_set1_pd(INFINITY)), x, res);
    res = gdf_mf_sel2(_mm_cmpeq_pd(x, _mm_set1_pd(-1.0)), _mm_set1_pd(-INFINITY), res);
    res = gdf_mf_sel2(_mm_cmplt_pd(x, _mm_set1_pd(-1.0)), _mm_set1_pd(NAN), res);
    return res;
}

static inline __m128d gdf_log1p01_sse2(__m128d x)
{
    const __m128d one = _mm_set1_pd(1.0);
    __m128d u = _mm_add_pd(one, x);
    return gdf_mf_log1p_core_sse2(u, _mm_sub_pd(x, _mm_sub_pd(u, one)));
}
#endif

/* ---- AVX2: the same operations on four lanes ---------------------------- */
#ifdef GDF_MF_AVX2
__attribute__((target("avx2"))) static inline __m256d gdf_exp_avx2(__m256d x)
{
    const __m256d one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0), sh = _mm256_set1_pd(GDF_MF_SHIFT);
    __m256d t, kd, hi, lo, r, r2, c, y;
    __m256i kb, h, e1, e2;
    x = _mm256_max_pd(_mm256_set1_pd(GDF_MF_XMIN), x);
    x = _mm256_min_pd(_mm256_set1_pd(GDF_MF_XMAX), x);
    t = _mm256_mul_pd(x, _mm256_set1_pd(GDF_MF_INVLN2));
    t = _mm256_add_pd(t, sh);
    kd = _mm256_sub_pd(t, sh);
    hi = _mm256_sub_pd(x, _mm256_mul_pd(kd, _mm256_set1_pd(GDF_MF_LN2HI)));
    lo = _mm256_mul_pd(kd, _mm256_set1_pd(GDF_MF_LN2LO));
    r = _mm256_sub_pd(hi, lo);
    r2 = _mm256_mul_pd(r, r);
    c = _mm256_add_pd(_mm256_set1_pd(GDF_MF_P4), _mm256_mul_pd(r2, _mm256_set1_pd(GDF_MF_P5)));
    c = _mm256_add_pd(_mm256_set1_pd(GDF_MF_P3), _mm256_mul_pd(r2, c));
    c = _mm256_add_pd(_mm256_set1_pd(GDF_MF_P2), _mm256_mul_pd(r2, c));
    c = _mm256_add_pd(_mm256_set1_pd(GDF_MF_P1), _mm256_mul_pd(r2, c));
    c = _mm256_sub_pd(r, _mm256_mul_pd(r2, c));
    y = _mm256_div_pd(_mm256_mul_pd(r, c), _mm256_sub_pd(two, c));
    y = _mm256_sub_pd(one, _mm256_sub_pd(_mm256_sub_pd(lo, y), hi));
    kb = _mm256_add_epi64(_mm256_castpd_si256(t), _mm256_set1_epi64x((long long)GDF_MF_KBIAS));
    h = _mm256_srli_epi64(kb, 1);
    e1 = _mm256_slli_epi64(_mm256_sub_epi64(h, _mm256_set1_epi64x(1)), 52);
    e2 = _mm256_slli_epi64(_mm256_sub_epi64(_mm256_sub_epi64(kb, h), _mm256_set1_epi64x(1)), 52);
    return _mm256_mul_pd(_mm256_mul_pd(y, _mm256_castsi256_pd(e1)), _mm256_castsi256_pd(e2));
}

__attribute__((target("avx2"))) static inline __m256d gdf_mf_sel4(__m256d b, __m256d x, __m256d y)
{
    return _mm256_blendv_pd(y, x, b);
}

__attribute__((target("avx2"))) static inline __m256d gdf_mf_log1p_core_avx2(__m256d u, __m256d c)
{
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d kd, m, f, hfsq, s, z, w, t1, t2, R, res;
    __m256i I = _mm256_add_epi64(_mm256_castpd_si256(u), _mm256_set1_epi64x((long long)GDF_MF_LOFF));
    kd = _mm256_castsi256_pd(_mm256_or_si256(_mm256_set1_epi64x((long long)GDF_MF_TWO52),
                                             _mm256_srli_epi64(I, 52)));
    kd = _mm256_sub_pd(kd, _mm256_set1_pd(GDF_MF_KOFF));
    m = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_and_si256(I, _mm256_set1_epi64x((long long)GDF_MF_MANT)),
                                             _mm256_set1_epi64x((long long)GDF_MF_MBASE)));
    f = _mm256_sub_pd(m, one);
    hfsq = _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd(0.5), f), f);
    s = _mm256_div_pd(f, _mm256_add_pd(_mm256_set1_pd(2.0), f));
    z = _mm256_mul_pd(s, s);
    w = _mm256_mul_pd(z, z);
    t1 = _mm256_add_pd(_mm256_set1_pd(GDF_MF_LG4), _mm256_mul_pd(w, _mm256_set1_pd(GDF_MF_LG6)));
    t1 = _mm256_mul_pd(w, _mm256_add_pd(_mm256_set1_pd(GDF_MF_LG2), _mm256_mul_pd(w, t1)));
    t2 = _mm256_add_pd(_mm256_set1_pd(GDF_MF_LG5), _mm256_mul_pd(w, _mm256_set1_pd(GDF_MF_LG7)));
    t2 = _mm256_add_pd(_mm256_set1_pd(GDF_MF_LG3), _mm256_mul_pd(w, t2));
    t2 = _mm256_mul_pd(z, _mm256_add_pd(_mm256_set1_pd(GDF_MF_LG1), _mm256_mul_pd(w, t2)));
    R = _mm256_add_pd(t2, t1);
    c = _mm256_div_pd(c, u);
    res = _mm256_add_pd(_mm256_mul_pd(s, _mm256_add_pd(hfsq, R)),
                        _mm256_add_pd(_mm256_mul_pd(kd, _mm256_set1_pd(GDF_MF_LN2LO)), c));
    res = _mm256_add_pd(_mm256_sub_pd(res, hfsq), f);
    return _mm256_add_pd(res, _mm256_mul_pd(kd, _mm256_set1_pd(GDF_MF_LN2HI)));
}

__attribute__((target("avx2"))) static inline __m256d gdf_log1p_avx2(__m256d x)
{
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d u = _mm256_add_pd(one, x), res, c;
    c = gdf_mf_sel4(_mm256_cmp_pd(x, one, _CMP_GT_OQ), _mm256_sub_pd(one, _mm256_sub_pd(u, x)),
                    _mm256_sub_pd(x, _mm256_sub_pd(u, one)));
    res = gdf_mf_log1p_core_avx2(u, c);
    res = gdf_mf_sel4(_mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_EQ_OQ), x, res);
    res = gdf_mf_sel4(_mm256_cmp_pd(x, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ), x, res);
    res = gdf_mf_sel4(_mm256_cmp_pd(x, _mm256_set1_pd(-1.0), _CMP_EQ_OQ), _mm256_set1_pd(-INFINITY), res);
    res = gdf_mf_sel4(_mm256_cmp_pd(x, _mm256_set1_pd(-1.0), _CMP_LT_OQ), _mm256_set1_pd(NAN), res);
    return res;
}

__attribute__((target("avx2"))) static inline __m256d gdf_log1p01_avx2(__m256d x)
{
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d u = _mm256_add_pd(one, x);
    return gdf_mf_log1p_core_avx2(u, _mm256_sub_pd(x, _mm256_sub_pd(u, one)));
}
#endif

#endif
