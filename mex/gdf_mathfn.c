/* gdf_mathfn.c - the exported forms of the library's exp and log1p
 * (gdf_mathfn.h has the functions themselves, inline, and says how they
 * are computed): scalar calls, and array calls through the kernels of one
 * instruction set, which the tests compare bit for bit.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include "gdf_mathfn.h"

double gdf_exp(double x) { return gdf_exp_s(x); }
double gdf_log1p(double x) { return gdf_log1p_s(x); }

#ifdef GDF_MF_AVX2
static int mf_cpu_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

__attribute__((target("avx2"))) static void mf_array_avx2(int lg, ptrdiff_t n, const double *x, double *y)
{
    ptrdiff_t i;
    for (i = 0; i + 3 < n; i += 4) {
        __m256d v = _mm256_loadu_pd(x + i);
        _mm256_storeu_pd(y + i, lg == 2 ? gdf_log1p01_avx2(v) : lg ? gdf_log1p_avx2(v) : gdf_exp_avx2(v));
    }
    for (; i < n; i++)
        y[i] = lg == 2 ? gdf_log1p01_s(x[i]) : lg ? gdf_log1p_s(x[i]) : gdf_exp_s(x[i]);
}
#endif

#ifdef GDF_MF_SSE2
static void mf_array_sse2(int lg, ptrdiff_t n, const double *x, double *y)
{
    ptrdiff_t i;
    for (i = 0; i + 1 < n; i += 2) {
        __m128d v = _mm_loadu_pd(x + i);
        _mm_storeu_pd(y + i, lg == 2 ? gdf_log1p01_sse2(v) : lg ? gdf_log1p_sse2(v) : gdf_exp_sse2(v));
    }
    for (; i < n; i++)
        y[i] = lg == 2 ? gdf_log1p01_s(x[i]) : lg ? gdf_log1p_s(x[i]) : gdf_exp_s(x[i]);
}
#endif

static int mf_array(int lg, int isa, ptrdiff_t n, const double *x, double *y)
{
    ptrdiff_t i;
    switch (isa) {
    case 0:
        for (i = 0; i < n; i++)
            y[i] = lg == 2 ? gdf_log1p01_s(x[i]) : lg ? gdf_log1p_s(x[i]) : gdf_exp_s(x[i]);
        return 1;
#ifdef GDF_MF_SSE2
    case 1:
        mf_array_sse2(lg, n, x, y);
        return 1;
#endif
#ifdef GDF_MF_AVX2
    case 2:
        if (!mf_cpu_avx2())
            return 0;
        mf_array_avx2(lg, n, x, y);
        return 1;
#endif
    default:
        return 0;
    }
}

int gdf_exp_array(int isa, ptrdiff_t n, const double *x, double *y) { return mf_array(0, isa, n, x, y); }
int gdf_log1p_array(int isa, ptrdiff_t n, const double *x, double *y) { return mf_array(1, isa, n, x, y); }
int gdf_log1p01_array(int isa, ptrdiff_t n, const double *x, double *y) { return mf_array(2, isa, n, x, y); }
