/* test_simd_sse2.c - the SSE2 kernels (gdf_problems.c built a second time
 * with -DGDF_NO_AVX2: the Makefile links that test object here) against the
 * library's own (AVX2 where the CPU has it): with test_simd.c, plain C ==
 * AVX2 == SSE2, bit for bit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define TEST_NAME "test_simd_sse2"
#include "test_simd.c"
