/* gdf_sgdcov.c - the stationary covariance of constant-step SGD near a
 * minimiser: the per-example gradient covariance of least squares, the
 * Lyapunov solves (SDE and discrete) in the eigenbasis of the Hessian, and
 * the exact least-squares second moment.  See gdf_sgdcov.h.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_sgdcov.h"

size_t gdf_lsq_gradcov_work(ptrdiff_t m, ptrdiff_t p)
{
    (void)p;
    return m > 0 ? (size_t)m : 1;
}

int gdf_lsq_gradcov(ptrdiff_t m, ptrdiff_t p, const double *X, const double *y,
                    const double *theta, double *A, double *C, double *gbar, double *work)
{
    ptrdiff_t i, j, k;
    double *r = work;
    if (m < 1 || p < 1 || !X || !y || !theta || !A || !C || !gbar || !work)
        return GDF_EARG;
    for (i = 0; i < m; i++)
        r[i] = -y[i];
    for (j = 0; j < p; j++) {
        const double *xj = X + (size_t)j * (size_t)m;
        double tj = theta[j];
        for (i = 0; i < m; i++)
            r[i] += xj[i] * tj;
    }
    for (j = 0; j < p; j++) {
        const double *xj = X + (size_t)j * (size_t)m;
        double s = 0.0;
        for (i = 0; i < m; i++)
            s += xj[i] * r[i];
        gbar[j] = s / (double)m;
    }
    /* lower triangles, then mirrored */
    for (k = 0; k < p; k++) {
        const double *xk = X + (size_t)k * (size_t)m;
        for (j = k; j < p; j++) {
            const double *xj = X + (size_t)j * (size_t)m;
            double sa = 0.0, sc = 0.0;
            for (i = 0; i < m; i++) {
                double xx = xj[i] * xk[i];
                sa += xx;
                sc += xx * r[i] * r[i];
            }
            A[j + (size_t)k * (size_t)p] = sa / (double)m;
            C[j + (size_t)k * (size_t)p] = sc / (double)m - gbar[j] * gbar[k];
        }
    }
    for (k = 0; k < p; k++)
        for (j = 0; j < k; j++) {
            A[j + (size_t)k * (size_t)p] = A[k + (size_t)j * (size_t)p];
            C[j + (size_t)k * (size_t)p] = C[k + (size_t)j * (size_t)p];
        }
    return GDF_OK;
}

size_t gdf_sgdcov_work(ptrdiff_t d)
{
    size_t n = d > 0 ? (size_t)d : 1;
    return 2 * n * n + gdf_syev_work(d);
}

size_t gdf_sgdcov_iwork(ptrdiff_t d)
{
    return gdf_syev_iwork(d);
}

/* S = q V (Ct ./ D) V', D_ij = l_i + l_j - c l_i l_j; T, U: d x d scratch */
static void back(ptrdiff_t d, const double *V, const double *l, const double *Ct, double q,
                 double c, double *S, double *T, double *U)
{
    gdf_int n = (gdf_int)d;
    double one = 1.0, zero = 0.0;
    ptrdiff_t i, j;
    for (j = 0; j < d; j++)
        for (i = 0; i < d; i++)
            T[i + (size_t)j * (size_t)d] =
                q * Ct[i + (size_t)j * (size_t)d] / (l[i] + l[j] - c * l[i] * l[j]);
    /* U = V T, S = U V' */
    GDF_F77(dgemm)("N", "N", &n, &n, &n, &one, V, &n, T, &n, &zero, U, &n, 1, 1);
    GDF_F77(dgemm)("N", "T", &n, &n, &n, &one, U, &n, V, &n, &zero, S, &n, 1, 1);
    for (j = 0; j < d; j++) /* exactly symmetric */
        for (i = j + 1; i < d; i++) {
            double s = 0.5 * (S[i + (size_t)j * (size_t)d] + S[j + (size_t)i * (size_t)d]);
            S[i + (size_t)j * (size_t)d] = s;
            S[j + (size_t)i * (size_t)d] = s;
        }
}

int gdf_sgdcov_solve(ptrdiff_t d, const double *A, const double *C, double q, double eta,
                     double *V, double *lambda, double *Ct, double *Ssde, double *Sdisc,
                     double *work, void *iwork)
{
    gdf_int n = (gdf_int)d;
    double one = 1.0, zero = 0.0, lo, hi;
    double *T, *U;
    size_t dd;
    int s;
    if (d < 1 || !A || !C || !V || !lambda || !Ct || !work || !iwork || !(q >= 0.0) ||
        !isfinite(q) || !(eta > 0.0) || !isfinite(eta))
        return GDF_EARG;
    dd = (size_t)d * (size_t)d;
    T = work;
    U = work + dd;
    memcpy(V, A, dd * sizeof(double));
    s = gdf_syev(d, V, lambda, 1, work + 2 * dd, iwork);
    if (s != GDF_OK)
        return s;
    /* Ct = V' (C V) */
    GDF_F77(dgemm)("N", "N", &n, &n, &n, &one, C, &n, V, &n, &zero, T, &n, 1, 1);
    GDF_F77(dgemm)("T", "N", &n, &n, &n, &one, V, &n, T, &n, &zero, Ct, &n, 1, 1);
    lo = lambda[0];
    hi = lambda[d - 1];
    if (!(lo > gdf_eig_tol(lo, hi)))
        return GDF_ENOTSPD;
    if (Ssde)
        back(d, V, lambda, Ct, q, 0.0, Ssde, T, U);
    if (Sdisc) {
        if (!(eta * hi < 2.0)) {
            size_t i;
            for (i = 0; i < dd; i++)
                Sdisc[i] = NAN;
        } else {
            back(d, V, lambda, Ct, q, eta, Sdisc, T, U);
        }
    }
    return GDF_OK;
}

size_t gdf_sgdcov_exact_work(ptrdiff_t p)
{
    size_t n = p > 0 ? (size_t)p : 1;
    return n * n * n * n + n * n;
}

size_t gdf_sgdcov_exact_iwork(ptrdiff_t p)
{
    size_t n = p > 0 ? (size_t)p : 1;
    return n * n;
}

int gdf_sgdcov_exact(ptrdiff_t m, ptrdiff_t p, const double *X, const double *A, const double *C,
                     double eta, double kappa, double *S, double *work, void *iwork)
{
    size_t P = (size_t)p, N = P * P, r, c;
    ptrdiff_t i, j, k, l, n;
    double *K = work, *x = work + N * N; /* x: one row of X (p doubles) */
    gdf_int nn = (gdf_int)N, one = 1, info = 0;
    if (m < 1 || p < 1 || p > GDF_SGDCOV_EXACT_DMAX || !X || !A || !C || !S || !work || !iwork ||
        !(eta > 0.0) || !isfinite(eta) || !(kappa >= 0.0) || !isfinite(kappa))
        return GDF_EARG;
    /* K = I(x)A + A(x)I - eta A(x)A - eta kappa (M - A(x)A), row (i, j) = i + p j,
     * column (k, l) = k + p l; M = (1/m) sum (x x')(x)(x x') first */
    memset(K, 0, N * N * sizeof(double));
    for (n = 0; n < m; n++) {
        for (i = 0; i < p; i++)
            x[i] = X[(size_t)n + (size_t)i * (size_t)m];
        for (l = 0; l < p; l++)
            for (k = 0; k < p; k++) {
                double xkl = x[k] * x[l];
                c = (size_t)k + P * (size_t)l;
                if (xkl == 0.0)
                    continue;
                for (j = 0; j < p; j++) {
                    double xjkl = xkl * x[j];
                    for (i = 0; i < p; i++)
                        K[((size_t)i + P * (size_t)j) + N * c] += xjkl * x[i];
                }
            }
    }
    for (l = 0; l < p; l++)
        for (k = 0; k < p; k++) {
            c = (size_t)k + P * (size_t)l;
            for (j = 0; j < p; j++)
                for (i = 0; i < p; i++) {
                    double aa = A[j + l * p] * A[i + k * p];
                    double v = -eta * kappa * (K[((size_t)i + P * (size_t)j) + N * c] / (double)m - aa) -
                               eta * aa;
                    if (j == l)
                        v += A[i + k * p];
                    if (i == k)
                        v += A[j + l * p];
                    K[((size_t)i + P * (size_t)j) + N * c] = v;
                }
        }
    for (r = 0; r < N; r++)
        S[r] = eta * kappa * C[r];
    GDF_F77(dgesv)(&nn, &one, K, &nn, (gdf_int *)iwork, S, &nn, &info);
    if (info != 0)
        return GDF_ELAPACK;
    for (j = 0; j < p; j++)
        for (i = j + 1; i < p; i++) {
            double s = 0.5 * (S[i + j * p] + S[j + i * p]);
            S[i + j * p] = s;
            S[j + i * p] = s;
        }
    return GDF_OK;
}

size_t gdf_sgdcov_factor_work(ptrdiff_t d)
{
    return (size_t)(d > 0 ? d : 1) + gdf_syev_work(d);
}

int gdf_sgdcov_factor(ptrdiff_t d, const double *C, double s, double *F, double *work, void *iwork)
{
    double *c = work;
    ptrdiff_t i, j;
    int st;
    if (d < 1 || !C || !F || !work || !iwork || !(s >= 0.0) || !isfinite(s))
        return GDF_EARG;
    for (i = 0; i < d * d; i++)
        if (!isfinite(C[i]))
            return GDF_EARG;
    memcpy(F, C, (size_t)d * (size_t)d * sizeof(double));
    st = gdf_syev(d, F, c, 1, work + d, iwork);
    if (st != GDF_OK)
        return st;
    if (c[0] < -gdf_eig_tol(c[0], c[d - 1]))
        return GDF_ENOTSPD;
    for (j = 0; j < d; j++) {
        double r = s * sqrt(c[j] > 0.0 ? c[j] : 0.0);
        for (i = 0; i < d; i++)
            F[i + j * d] *= r;
    }
    return GDF_OK;
}
