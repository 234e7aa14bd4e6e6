/* gdf_quad_lanes.c - f and g of a dense quadratic at GDF_QL_W points at once,
 * each with the bits of its single evaluation (see gdf_quad_lanes.h).
 *
 * Why: gdf_gd_batch evaluated the m columns of a d = 50 quadratic with one
 * dgemm per step (quad_fg_batch), which rounds differently from the single
 * run's gdf_symv_lower (the starts of a batch agreed with their single runs
 * only to rounding) and is no faster than Octave's own X - eta*(A*X - b)
 * (bench_gd_batch, issue 15).  Here every lane repeats symv_plain's scalar
 * operations, so a start of a batch and the same start run alone give the
 * same bits, and one load of A_ij serves GDF_QL_W columns.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>

#include "gdf_kernels.h"
#include "gdf_quad_lanes.h"

#if defined(__GNUC__) && !defined(GDF_NO_QLANES)

typedef double ql_vd __attribute__((vector_size(GDF_QL_W * sizeof(double))));
static const double ql_zeros[GDF_SYMV_OWN_MAX]; /* b when the quadratic has none */

#define QL_ATTR
#define QL_SUFFIX plain
#include "gdf_quad_lanes_body.h"
#undef QL_ATTR
#undef QL_SUFFIX

#if !defined(GDF_NO_SIMD) && !defined(GDF_NO_AVX2) && (defined(__x86_64__) || defined(__i386__)) && \
    (__GNUC__ >= 5 || defined(__clang__))
#define QL_HAVE_AVX2 1
#define QL_ATTR __attribute__((target("avx2")))
#define QL_SUFFIX avx2
#include "gdf_quad_lanes_body.h"
#undef QL_ATTR
#undef QL_SUFFIX
#if !defined(GDF_NO_AVX512) && (__GNUC__ >= 7 || defined(__clang__))
#define QL_HAVE_AVX512 1
#define QL_ATTR __attribute__((target("avx512f")))
#define QL_SUFFIX avx512
#include "gdf_quad_lanes_body.h"
#undef QL_ATTR
#undef QL_SUFFIX
#endif
#endif

int gdf_quad_lanes_applies(const gdf_quad *q)
{
    return q && q->d > GDF_GD_BATCHQ_DMAX && q->d <= GDF_SYMV_OWN_MAX;
}

size_t gdf_quad_fg_lanes_work(ptrdiff_t d)
{
    /* XI and YI (d vectors each) and room to align them to a vector; none
     * outside the sizes the kernel serves (gdf_quad_lanes_applies) */
    if (d <= GDF_GD_BATCHQ_DMAX || d > GDF_SYMV_OWN_MAX)
        return 0;
    return 2 * (size_t)d * GDF_QL_W + GDF_QL_W;
}

static int ql_variant(void)
{
    static int known = -1; /* a benign race: every thread stores the same value */
    if (known < 0) {
        int v = 0;
#ifdef QL_HAVE_AVX2
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2"))
            v = 1;
#ifdef QL_HAVE_AVX512
        if (v && __builtin_cpu_supports("avx512f"))
            v = 2;
#endif
#endif
        known = v;
    }
    return known;
}

int gdf_quad_fg_lanes(const gdf_quad *q, ptrdiff_t m, const double *X, double *f, double *G, double *g2,
                      double *work)
{
    const ptrdiff_t d = q->d;
    ql_vd *XI, *YI;
    ptrdiff_t c0, i;
    int l, variant;
    if (!gdf_quad_lanes_applies(q))
        return 0;
    variant = ql_variant();
    if (variant == 2 && getenv("GDF_NO_AVX512")) /* as gdf_gd_batchq: the AVX2 variant for tests */
        variant = 1;
    XI = (ql_vd *)(void *)(work + ((GDF_QL_W - ((uintptr_t)work / sizeof(double)) % GDF_QL_W) % GDF_QL_W));
    YI = XI + d;
    for (c0 = 0; c0 < m; c0 += GDF_QL_W) {
        const int nb = m - c0 < GDF_QL_W ? (int)(m - c0) : GDF_QL_W;
        double fb[GDF_QL_W], gb[GDF_QL_W];
        double *xs = (double *)(void *)XI, *ys = (double *)(void *)YI; /* scalar views of the lanes */
        for (l = 0; l < nb; l++) { /* the columns into lanes */
            const double *x = X + (c0 + l) * d;
            for (i = 0; i < d; i++)
                xs[i * GDF_QL_W + l] = x[i];
        }
        for (; l < GDF_QL_W; l++) /* idle lanes at 0 */
            for (i = 0; i < d; i++)
                xs[i * GDF_QL_W + l] = 0.0;
#ifdef QL_HAVE_AVX512
        if (variant == 2)
            ql_block_avx512(q, XI, YI, fb, gb);
        else
#endif
#ifdef QL_HAVE_AVX2
        if (variant == 1)
            ql_block_avx2(q, XI, YI, fb, gb);
        else
#endif
            ql_block_plain(q, XI, YI, fb, gb);
        for (l = 0; l < nb; l++) {
            double *g = G + (c0 + l) * d;
            for (i = 0; i < d; i++)
                g[i] = ys[i * GDF_QL_W + l];
            f[c0 + l] = fb[l];
            if (g2)
                g2[c0 + l] = gb[l];
        }
    }
    return 1;
}

#else

int gdf_quad_lanes_applies(const gdf_quad *q)
{
    (void)q;
    return 0;
}

size_t gdf_quad_fg_lanes_work(ptrdiff_t d)
{
    (void)d;
    return 0;
}

int gdf_quad_fg_lanes(const gdf_quad *q, ptrdiff_t m, const double *X, double *f, double *G, double *g2,
                      double *work)
{
    (void)q;
    (void)m;
    (void)X;
    (void)f;
    (void)G;
    (void)g2;
    (void)work;
    return 0;
}

#endif
