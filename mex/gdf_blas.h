/* gdf_blas.h - the BLAS/LAPACK routines gdflow calls, declared once.
 *
 * Octave ships no blas.h, so the Fortran prototypes are declared here.
 * The integer type is chosen at build time:
 *   default            32-bit Fortran INTEGER (Debian's reference BLAS,
 *                      OpenBLAS, the BLAS that Octave links)
 *   -DGDF_BLAS_INT64   ptrdiff_t (MATLAB's -lmwblas -lmwlapack, ILP64)
 * Symbol names carry a trailing underscore unless -DGDF_BLAS_NO_UNDERSCORE.
 * Character arguments are followed by their hidden Fortran length (a size_t
 * per CHARACTER argument, appended at the end): gfortran-built libraries
 * expect it, C-implemented ones (OpenBLAS, MKL) ignore extra arguments.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef GDF_BLAS_H
#define GDF_BLAS_H

#include <stddef.h>

#ifdef GDF_BLAS_INT64
typedef ptrdiff_t gdf_int;
#else
typedef int gdf_int;
#endif

#ifdef GDF_BLAS_NO_UNDERSCORE
#define GDF_F77(name) name
#else
#define GDF_F77(name) name##_
#endif

typedef size_t gdf_flen; /* hidden length of a CHARACTER argument */

#ifdef __cplusplus
extern "C" {
#endif

/* level 1 */
double GDF_F77(ddot)(const gdf_int *n, const double *x, const gdf_int *incx,
                     const double *y, const gdf_int *incy);
double GDF_F77(dnrm2)(const gdf_int *n, const double *x, const gdf_int *incx);
void GDF_F77(daxpy)(const gdf_int *n, const double *a, const double *x,
                    const gdf_int *incx, double *y, const gdf_int *incy);
void GDF_F77(dscal)(const gdf_int *n, const double *a, double *x, const gdf_int *incx);
void GDF_F77(dcopy)(const gdf_int *n, const double *x, const gdf_int *incx,
                    double *y, const gdf_int *incy);

/* level 2 */
void GDF_F77(dgemv)(const char *trans, const gdf_int *m, const gdf_int *n,
                    const double *alpha, const double *A, const gdf_int *lda,
                    const double *x, const gdf_int *incx, const double *beta,
                    double *y, const gdf_int *incy, gdf_flen ltrans);
void GDF_F77(dsymv)(const char *uplo, const gdf_int *n, const double *alpha,
                    const double *A, const gdf_int *lda, const double *x,
                    const gdf_int *incx, const double *beta, double *y,
                    const gdf_int *incy, gdf_flen luplo);
void GDF_F77(dger)(const gdf_int *m, const gdf_int *n, const double *alpha,
                   const double *x, const gdf_int *incx, const double *y,
                   const gdf_int *incy, double *A, const gdf_int *lda);

/* level 3 */
void GDF_F77(dgemm)(const char *ta, const char *tb, const gdf_int *m,
                    const gdf_int *n, const gdf_int *k, const double *alpha,
                    const double *A, const gdf_int *lda, const double *B,
                    const gdf_int *ldb, const double *beta, double *C,
                    const gdf_int *ldc, gdf_flen lta, gdf_flen ltb);
void GDF_F77(dsyrk)(const char *uplo, const char *trans, const gdf_int *n,
                    const gdf_int *k, const double *alpha, const double *A,
                    const gdf_int *lda, const double *beta, double *C,
                    const gdf_int *ldc, gdf_flen luplo, gdf_flen ltrans);

/* LAPACK */
void GDF_F77(dsyevd)(const char *jobz, const char *uplo, const gdf_int *n,
                     double *A, const gdf_int *lda, double *w, double *work,
                     const gdf_int *lwork, gdf_int *iwork, const gdf_int *liwork,
                     gdf_int *info, gdf_flen ljobz, gdf_flen luplo);
void GDF_F77(dpotrf)(const char *uplo, const gdf_int *n, double *A,
                     const gdf_int *lda, gdf_int *info, gdf_flen luplo);
void GDF_F77(dpotrs)(const char *uplo, const gdf_int *n, const gdf_int *nrhs,
                     const double *A, const gdf_int *lda, double *B,
                     const gdf_int *ldb, gdf_int *info, gdf_flen luplo);
void GDF_F77(dgesv)(const gdf_int *n, const gdf_int *nrhs, double *A,
                    const gdf_int *lda, gdf_int *ipiv, double *B,
                    const gdf_int *ldb, gdf_int *info);
void GDF_F77(dgetrf)(const gdf_int *m, const gdf_int *n, double *A,
                     const gdf_int *lda, gdf_int *ipiv, gdf_int *info);
void GDF_F77(dgetrs)(const char *trans, const gdf_int *n, const gdf_int *nrhs,
                     const double *A, const gdf_int *lda, const gdf_int *ipiv,
                     double *B, const gdf_int *ldb, gdf_int *info, gdf_flen ltrans);
void GDF_F77(dgebal)(const char *job, const gdf_int *n, double *A, const gdf_int *lda,
                     gdf_int *ilo, gdf_int *ihi, double *scale, gdf_int *info, gdf_flen ljob);

#ifdef __cplusplus
}
#endif

#endif
