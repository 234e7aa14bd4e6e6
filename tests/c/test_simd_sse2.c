/* test_simd_sse2.c - the SSE2 kernels (gdf_problems.c built with
 * -DGDF_NO_AVX2) against the library's own (AVX2 where the CPU has it):
 * with test_simd.c, plain C == AVX2 == SSE2, bit for bit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define GDF_NO_AVX2 1
#define TEST_NAME "test_simd_sse2"
#include "test_simd.c"
