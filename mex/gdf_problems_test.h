/* gdf_problems_test.h - a second build of gdf_problems.c for the C unit
 * tests tests/c/test_simd.c and test_simd_sse2.c, which compare the vector
 * kernels of the least-squares / logistic pass with the plain C loops (or the
 * SSE2 ones) bit for bit in one program.  The Makefile compiles gdf_problems.c
 * a second time with -DGDF_PLAIN_BUILD and -DGDF_NO_SIMD (or -DGDF_NO_AVX2)
 * into a test object; GDF_PLAIN_BUILD gives that build's external names the
 * prefix plain_, so it links beside the library.  Not part of the API.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_PROBLEMS_TEST_H
#define GDF_PROBLEMS_TEST_H

#include <stddef.h>

#include "gdflow.h"

#ifdef GDF_PLAIN_BUILD /* only in the test object's build of gdf_problems.c */
#define gdf_problem_quad plain_problem_quad
#define gdf_squad_matvec plain_squad_matvec
#define gdf_problem_squad plain_problem_squad
#define gdf_data_block plain_data_block
#define gdf_data_work plain_data_work
#define gdf_data_threads plain_data_threads
#define gdf_problem_leastsq plain_problem_leastsq
#define gdf_problem_logistic plain_problem_logistic
#define gdf_problem_testfun plain_problem_testfun
#define gdf_sdata_work plain_sdata_work
#define gdf_sdata_threads plain_sdata_threads
#define gdf_problem_leastsq_sparse plain_problem_leastsq_sparse
#define gdf_problem_logistic_sparse plain_problem_logistic_sparse
#endif

/* what the tests call in the second build */
void plain_problem_leastsq(gdf_problem *p, gdf_data *q);
void plain_problem_logistic(gdf_problem *p, gdf_data *q);
size_t plain_data_work(ptrdiff_t m, ptrdiff_t p);

#endif
