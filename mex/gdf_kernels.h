/* gdf_kernels.h - the library's own cache-resident kernels for small and
 * medium dense problems (issue 15, item 1).  Internal: not part of the API.
 *
 * gdf_symv_lower(d, A, x, y): y = A x for a symmetric d x d A (column-major,
 * leading dimension d) reading its lower triangle only (i >= j), as dsymv
 * with uplo 'L' does.  Below GDF_SYMV_OWN_MAX the dense quadratic uses it
 * instead of dsymv: a threaded BLAS pays more for waking its threads than a
 * 50 x 50 product costs (bench/bench_small_dense.m), and the numbers then do
 * not depend on the BLAS or its thread count.
 *
 * The order of every sum is fixed, and the plain C, SSE2 and AVX2 variants
 * give the same bits (no fused multiply-add anywhere; tests/c/test_perf2_small.c):
 * columns are taken four at a time (j .. j+3); for the rows i >= j+4 below
 * that group,
 *     y_i += (a0_i x_j + a1_i x_j+1) + (a2_i x_j+2 + a3_i x_j+3)
 * element by element, and column k's dot product t_k = sum_i ak_i x_i over
 * those rows has four accumulators q_l (rows j+4+4m+l), combined as
 * (q0 + q2) + (q1 + q3), then the last (d-j-4) mod 4 rows in order.  The
 * 4 x 4 diagonal block is then added in plain order (gdf_kernels.c).  The
 * last d mod 4 columns go one at a time.
 *
 * gdf_dot_own / gdf_nrm2_own: dot product and Euclidean norm with the same
 * four-accumulator order (no BLAS call; gdf_nrm2_own is gdf_nrm2 for n <= 32,
 * whose plain loop it keeps bit for bit; when the sum of squares under- or
 * overflows it scales by the largest |x_i|).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_KERNELS_H
#define GDF_KERNELS_H

#include <stddef.h>

/* the largest d for which the dense quadratic uses gdf_symv_lower instead
 * of dsymv (chosen from bench/bench_small_dense.m; bench/README.md) */
#ifndef GDF_SYMV_OWN_MAX
#define GDF_SYMV_OWN_MAX 256
#endif

void gdf_symv_lower(ptrdiff_t d, const double *A, const double *x, double *y);
double gdf_dot_own(ptrdiff_t n, const double *x, const double *y);
double gdf_nrm2_own(ptrdiff_t n, const double *x);

/* the variants, for the tests: 0 plain C, 1 SSE2, 2 AVX2.  Returns 0 when
 * that variant is not built or the CPU lacks it (y untouched). */
int gdf_symv_lower_variant(int variant, ptrdiff_t d, const double *A, const double *x, double *y);

#endif
