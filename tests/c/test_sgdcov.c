/* test_sgdcov.c - the stationary-covariance predictions of gdf_sgdcov.c:
 * the eigenbasis Lyapunov solves against a Kronecker-product solve (small d)
 * and by their residual (larger d), the least-squares gradient covariance
 * against its definition, the exact least-squares second moment against the
 * second-moment recursion iterated to its fixed point, and the refusals.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testsink.h"
#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_langevin.h"
#include "gdf_sgdcov.h"

static gdf_rng rng;

static double maxabs(const double *a, size_t n)
{
    double s = 0.0;
    size_t i;
    for (i = 0; i < n; i++)
        if (fabs(a[i]) > s)
            s = fabs(a[i]);
    return s;
}

/* A = Q diag(ev) Q' with Q from Gram-Schmidt of normal columns */
static void spd(ptrdiff_t d, const double *ev, double *A, double *Q)
{
    ptrdiff_t i, j, k;
    for (i = 0; i < d * d; i++)
        Q[i] = gdf_rng_normal(&rng);
    for (j = 0; j < d; j++) {
        double nr = 0.0;
        for (k = 0; k < j; k++) {
            double s = 0.0;
            for (i = 0; i < d; i++)
                s += Q[i + j * d] * Q[i + k * d];
            for (i = 0; i < d; i++)
                Q[i + j * d] -= s * Q[i + k * d];
        }
        for (i = 0; i < d; i++)
            nr += Q[i + j * d] * Q[i + j * d];
        nr = sqrt(nr);
        for (i = 0; i < d; i++)
            Q[i + j * d] /= nr;
    }
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++) {
            double s = 0.0;
            for (k = 0; k < d; k++)
                s += Q[i + k * d] * ev[k] * Q[j + k * d];
            A[i + j * d] = s;
        }
    for (i = 0; i < d; i++) /* exactly symmetric */
        for (j = 0; j < i; j++)
            A[j + i * d] = A[i + j * d];
}

/* C = F F' / d, F normal: positive semidefinite, generic */
static void psd(ptrdiff_t d, double *C, double *F)
{
    ptrdiff_t i, j, k;
    for (i = 0; i < d * d; i++)
        F[i] = gdf_rng_normal(&rng);
    for (i = 0; i < d; i++)
        for (j = 0; j <= i; j++) {
            double s = 0.0;
            for (k = 0; k < d; k++)
                s += F[i + k * d] * F[j + k * d];
            C[i + j * d] = C[j + i * d] = s / (double)d;
        }
}

/* (I(x)A + A(x)I - c A(x)A) vec S = q vec C by dgesv */
static int kron_solve(ptrdiff_t d, const double *A, const double *C, double q, double c, double *S)
{
    size_t N = (size_t)(d * d);
    double *K = (double *)calloc(N * N, sizeof(double));
    gdf_int *ip = (gdf_int *)malloc(N * sizeof(gdf_int));
    gdf_int nn = (gdf_int)N, one = 1, info = 0;
    ptrdiff_t i, j, k, l;
    for (l = 0; l < d; l++)
        for (k = 0; k < d; k++)
            for (j = 0; j < d; j++)
                for (i = 0; i < d; i++) {
                    double v = -c * A[j + l * d] * A[i + k * d];
                    if (j == l)
                        v += A[i + k * d];
                    if (i == k)
                        v += A[j + l * d];
                    K[(size_t)(i + d * j) + N * (size_t)(k + d * l)] = v;
                }
    for (i = 0; i < (ptrdiff_t)N; i++)
        S[i] = q * C[i];
    GDF_F77(dgesv)(&nn, &one, K, &nn, ip, S, &nn, &info);
    free(K);
    free(ip);
    return (int)info;
}

static void test_small(void)
{
    const ptrdiff_t d = 4;
    double ev[4] = {0.5, 1.0, 2.0, 4.0}, A[16], Q[16], C[16], F[16], V[16], lam[4], Ct[16];
    double Ss[16], Sd[16], Ks[16], Kd[16];
    double *work = (double *)malloc(gdf_sgdcov_work(d) * sizeof(double));
    void *iwork = malloc(gdf_sgdcov_iwork(d) * sizeof(gdf_int));
    double eta = 0.3, q = eta / 5.0, es, ed;
    size_t i;
    int s;
    spd(d, ev, A, Q);
    psd(d, C, F);
    s = gdf_sgdcov_solve(d, A, C, q, eta, V, lam, Ct, Ss, Sd, work, iwork);
    CHECK(s == GDF_OK, "solve status %d", s);
    CHECK(kron_solve(d, A, C, q, 0.0, Ks) == 0, "kron sde");
    CHECK(kron_solve(d, A, C, q, eta, Kd) == 0, "kron discrete");
    /* both are backward stable solves of systems with condition number
     * <= (2 lmax)/(2 lmin) = 8 (SDE) and (lmax (2 - eta lmax)... ) <= 40 (discrete):
     * forward error <= cond * d^2 * eps * small constant; 1e-12 leaves room */
    es = ed = 0.0;
    for (i = 0; i < 16; i++) {
        es = fmax(es, fabs(Ss[i] - Ks[i]));
        ed = fmax(ed, fabs(Sd[i] - Kd[i]));
    }
    CHECK(es <= 1e-12 * maxabs(Ks, 16), "SDE solve vs Kronecker: %g (max %g)", es, maxabs(Ks, 16));
    CHECK(ed <= 1e-12 * maxabs(Kd, 16), "discrete solve vs Kronecker: %g", ed);
    /* eigenvalues ascending and those of A */
    for (i = 0; i < 4; i++)
        CHECK_CLOSE(lam[i], ev[i], 1e-13, "eigenvalue");
    /* the discrete one exceeds the SDE one along each eigenvector when eta > 0:
     * diag(V'SdV) = q Ct_ii / (2 l_i - eta l_i^2) > q Ct_ii / (2 l_i) */
    for (i = 0; i < 4; i++) {
        double vs = 0.0, vd = 0.0;
        ptrdiff_t a, b;
        for (a = 0; a < d; a++)
            for (b = 0; b < d; b++) {
                vs += V[a + i * d] * Ss[a + b * d] * V[b + i * d];
                vd += V[a + i * d] * Sd[a + b * d] * V[b + i * d];
            }
        CHECK_CLOSE(vs, q * Ct[i + i * d] / (2.0 * lam[i]), 1e-12, "SDE variance along v_i");
        CHECK_CLOSE(vd, q * Ct[i + i * d] / (2.0 * lam[i] - eta * lam[i] * lam[i]), 1e-12,
                    "discrete variance along v_i");
    }
    /* eta lmax > 2: no stationary law for the discrete recursion (NaN) */
    s = gdf_sgdcov_solve(d, A, C, q, 0.55, V, lam, Ct, Ss, Sd, work, iwork);
    CHECK(s == GDF_OK && isnan(Sd[0]) && isnan(Sd[15]) && isfinite(Ss[0]), "eta = 2.2/L: Sdisc NaN");
    /* singular A: no unique stationary law */
    ev[0] = 0.0;
    spd(d, ev, A, Q);
    s = gdf_sgdcov_solve(d, A, C, q, eta, V, lam, Ct, Ss, Sd, work, iwork);
    CHECK(s == GDF_ENOTSPD, "singular A: status %d", s);
    ev[0] = -1.0;
    spd(d, ev, A, Q);
    s = gdf_sgdcov_solve(d, A, C, q, eta, V, lam, Ct, Ss, Sd, work, iwork);
    CHECK(s == GDF_ENOTSPD, "indefinite A: status %d", s);
    CHECK(gdf_sgdcov_solve(d, A, C, -1.0, eta, V, lam, Ct, Ss, Sd, work, iwork) == GDF_EARG, "q < 0");
    CHECK(gdf_sgdcov_solve(d, A, C, q, 0.0, V, lam, Ct, Ss, Sd, work, iwork) == GDF_EARG, "eta 0");
    free(work);
    free(iwork);
}

/* d = 60: the residual of A S + S A - c A S A = q C, relative to the terms:
 * backward stability of dsyevd and dgemm give O(d eps) */
static void test_large(void)
{
    const ptrdiff_t d = 60;
    size_t dd = (size_t)(d * d), i;
    double *A = (double *)malloc(dd * sizeof(double)), *Q = (double *)malloc(dd * sizeof(double));
    double *C = (double *)malloc(dd * sizeof(double)), *F = (double *)malloc(dd * sizeof(double));
    double *V = (double *)malloc(dd * sizeof(double)), *Ct = (double *)malloc(dd * sizeof(double));
    double *S[2], *R = (double *)malloc(dd * sizeof(double)), lam[60], ev[60];
    double *work = (double *)malloc(gdf_sgdcov_work(d) * sizeof(double));
    void *iwork = malloc(gdf_sgdcov_iwork(d) * sizeof(gdf_int));
    double eta = 0.19, q = 0.02, c;
    int t, s;
    ptrdiff_t a, b, k;
    S[0] = (double *)malloc(dd * sizeof(double));
    S[1] = (double *)malloc(dd * sizeof(double));
    for (k = 0; k < d; k++)
        ev[k] = 0.1 + 10.0 * (double)k / (double)(d - 1); /* eta L = 1.919 */
    spd(d, ev, A, Q);
    psd(d, C, F);
    s = gdf_sgdcov_solve(d, A, C, q, eta, V, lam, Ct, S[0], S[1], work, iwork);
    CHECK(s == GDF_OK, "d = 60 status %d", s);
    for (t = 0; t < 2; t++) {
        double nA = maxabs(A, dd), nS = maxabs(S[t], dd), rmax;
        c = t ? eta : 0.0;
        /* R = A S + S A - c A S A - q C, plain loops */
        for (a = 0; a < d; a++)
            for (b = 0; b < d; b++) {
                double as = 0.0, sa = 0.0;
                for (k = 0; k < d; k++) {
                    as += A[a + k * d] * S[t][k + b * d];
                    sa += S[t][a + k * d] * A[k + b * d];
                }
                F[a + b * d] = as; /* F = A S */
                R[a + b * d] = as + sa - q * C[a + b * d];
            }
        for (a = 0; a < d; a++)
            for (b = 0; b < d; b++) {
                double asa = 0.0;
                for (k = 0; k < d; k++)
                    asa += F[a + k * d] * A[k + b * d];
                R[a + b * d] -= c * asa;
            }
        rmax = maxabs(R, dd);
        /* terms of size d nA nS (times 1 + c nA <= 3): a residual of
         * 1e2 d eps times that is backward stability with a generous constant */
        CHECK(rmax <= 1e2 * (double)d * DBL_EPSILON * (double)d * nA * nS * 3.0,
              "residual %s: %g (scale %g)", t ? "discrete" : "SDE", rmax, (double)d * nA * nS);
        /* symmetric, positive semidefinite diagonal */
        for (i = 0; i < dd; i += (size_t)d + 1)
            CHECK(S[t][i] > 0.0, "diagonal positive");
    }
    free(A); free(Q); free(C); free(F); free(V); free(Ct); free(S[0]); free(S[1]); free(R);
    free(work); free(iwork);
}

/* gradient covariance of least squares against its definition */
static void test_gradcov(void)
{
    enum { m = 7, p = 3 };
    double X[m * p], y[m], th[p] = {0.3, -0.2, 0.7}, A[9], C[9], g[3], w[m], G[m][p];
    double gb[3] = {0, 0, 0};
    ptrdiff_t i, j, k;
    for (i = 0; i < m * p; i++)
        X[i] = gdf_rng_normal(&rng);
    for (i = 0; i < m; i++)
        y[i] = gdf_rng_normal(&rng);
    CHECK(gdf_lsq_gradcov(m, p, X, y, th, A, C, g, w) == GDF_OK, "gradcov status");
    for (i = 0; i < m; i++) {
        double r = -y[i];
        for (j = 0; j < p; j++)
            r += X[i + j * m] * th[j];
        for (j = 0; j < p; j++) {
            G[i][j] = X[i + j * m] * r;
            gb[j] += G[i][j] / m;
        }
    }
    for (j = 0; j < p; j++) {
        CHECK_CLOSE(g[j], gb[j], 1e-14, "gbar");
        for (k = 0; k < p; k++) {
            double c = 0.0, a = 0.0;
            for (i = 0; i < m; i++) {
                c += (G[i][j] - gb[j]) * (G[i][k] - gb[k]) / m;
                a += X[i + j * m] * X[i + k * m] / m;
            }
            CHECK_CLOSE(C[j + k * p], c, 1e-13, "C entry");
            CHECK_CLOSE(A[j + k * p], a, 1e-14, "A entry");
        }
    }
    CHECK(gdf_lsq_gradcov(0, p, X, y, th, A, C, g, w) == GDF_EARG, "m = 0");
}

/* the exact least-squares second moment, B = 1 with replacement (kappa = 1):
 * the fixed point of S <- (1/m) sum (I - eta x x') S (I - eta x x') + eta^2 C,
 * iterated (a contraction here) */
static void test_exact(void)
{
    enum { m = 9, p = 3 };
    double X[m * p], y[m], th[p], A[9], C[9], g[3], w[m], S[9], R[9], T[9], Sd[9];
    double *work = (double *)malloc(gdf_sgdcov_exact_work(p) * sizeof(double));
    void *iwork = malloc(gdf_sgdcov_exact_iwork(p) * sizeof(gdf_int));
    double *w2 = (double *)malloc(gdf_sgdcov_work(p) * sizeof(double));
    void *iw2 = malloc(gdf_sgdcov_iwork(p) * sizeof(gdf_int));
    double V[9], lam[3], Ct[9], eta, err, nrm;
    ptrdiff_t i, j, k, n, it;
    int s;
    for (i = 0; i < m * p; i++)
        X[i] = gdf_rng_normal(&rng);
    for (i = 0; i < m; i++)
        y[i] = gdf_rng_normal(&rng);
    for (j = 0; j < p; j++)
        th[j] = 0.1 * (double)j;
    gdf_lsq_gradcov(m, p, X, y, th, A, C, g, w);
    s = gdf_sgdcov_solve(p, A, C, 1.0, 1.0, V, lam, Ct, NULL, NULL, w2, iw2);
    CHECK(s == GDF_OK, "A SPD");
    eta = 0.2 / lam[p - 1];
    s = gdf_sgdcov_exact(m, p, X, A, C, eta, 1.0, S, work, iwork);
    CHECK(s == GDF_OK, "exact status %d", s);
    memset(R, 0, sizeof R);
    for (it = 0; it < 20000; it++) {
        double Tn[9] = {0};
        for (n = 0; n < m; n++) {
            double M[9]; /* I - eta x x' */
            for (i = 0; i < p; i++)
                for (j = 0; j < p; j++)
                    M[i + j * p] = (i == j) - eta * X[n + i * m] * X[n + j * m];
            for (i = 0; i < p; i++)
                for (j = 0; j < p; j++) {
                    double s2 = 0.0;
                    ptrdiff_t a, b;
                    for (a = 0; a < p; a++)
                        for (b = 0; b < p; b++)
                            s2 += M[i + a * p] * R[a + b * p] * M[b + j * p];
                    Tn[i + j * p] += s2 / m;
                }
        }
        for (k = 0; k < 9; k++)
            T[k] = Tn[k] + eta * eta * C[k];
        memcpy(R, T, sizeof R);
    }
    err = 0.0;
    for (k = 0; k < 9; k++)
        err = fmax(err, fabs(S[k] - R[k]));
    nrm = maxabs(R, 9);
    CHECK(err <= 1e-11 * nrm, "exact vs iterated recursion: %g (max %g)", err, nrm);
    /* kappa = 0 removes the multiplicative term and the noise: S = 0; with the
     * noise of the discrete model (q = eta kappa) and no M term it is Sdisc:
     * checked through kappa -> the additive equation at m = 1 with x = 0 */
    s = gdf_sgdcov_solve(p, A, C, eta, eta, V, lam, Ct, NULL, Sd, w2, iw2);
    CHECK(s == GDF_OK, "discrete status");
    /* the exact one differs from the additive one by O(eta): same sign on the
     * diagonal and larger (the multiplicative noise adds variance) */
    for (k = 0; k < 9; k += 4)
        CHECK(S[k] >= Sd[k] && S[k] <= 2.0 * Sd[k], "exact >= discrete on the diagonal (%g, %g)",
              S[k], Sd[k]);
    CHECK(gdf_sgdcov_exact(m, GDF_SGDCOV_EXACT_DMAX + 1, X, A, C, eta, 1.0, S, work, iwork) ==
              GDF_EARG, "p too large");
    free(work); free(iwork); free(w2); free(iw2);
}

/* the diffusion factor: F F' = s^2 C, also for a singular C; an
 * indefinite C is refused */
static void test_factor(void)
{
    enum { d = 4 };
    double C[16], F[16], V[16], Q[16], ev[4] = {0.0, 0.5, 1.0, 3.0}, s = 0.3, e = 0.0;
    double *work = (double *)malloc(gdf_sgdcov_factor_work(d) * sizeof(double));
    void *iwork = malloc(gdf_sgdcov_iwork(d) * sizeof(gdf_int));
    ptrdiff_t i, j, k;
    (void)V;
    spd(d, ev, C, Q);
    CHECK(gdf_sgdcov_factor(d, C, s, F, work, iwork) == GDF_OK, "factor status");
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++) {
            double t = 0.0;
            for (k = 0; k < d; k++)
                t += F[i + k * d] * F[j + k * d];
            e = fmax(e, fabs(t - s * s * C[i + j * d]));
        }
    CHECK(e <= 1e-14 * 3.0, "F F' = s^2 C: %g", e);
    ev[0] = -0.5;
    spd(d, ev, C, Q);
    CHECK(gdf_sgdcov_factor(d, C, s, F, work, iwork) == GDF_ENOTSPD, "indefinite C refused");
    free(work);
    free(iwork);
}

/* Euler-Maruyama with a diffusion matrix F (gf_run's 'sgd-sde'): F = 0 is
 * the noiseless path (T = 0, i.e. euler) bit for bit; F = sqrt(2T) I is the
 * temperature-T path to rounding (the same normals, sqrt(h) sqrt(2T) xi
 * against sqrt(2 T h) xi); a non-finite F is refused */
static void test_diffusion(void)
{
    enum { D = 2 };
    double A[4] = {2.0, 0.5, 0.5, 1.0}, th0[D] = {1.0, -1.0}, tspan[2] = {0.0, 5.0};
    double F[4] = {0, 0, 0, 0}, T = 0.7, e = 0.0;
    double *w = (double *)malloc(gdf_langevin_work(D) * sizeof(double));
    gdf_quad q = {D, A, NULL, 0.0};
    gdf_problem p;
    gdf_langevin_opts lo;
    gdf_gf_result r;
    sink s1, s2;
    long j;
    (void)run; /* testsink.h's gdf_gf_run helper, not used here */
    gdf_problem_quad(&p, &q);
    sink_init(&s1, D);
    sink_init(&s2, D);
    gdf_langevin_defaults(&lo);
    lo.h = 0.01;
    lo.seed = 5;
    lo.temperature = 0.0;
    CHECK(gdf_langevin_run(&p, th0, tspan, 2, &lo, &s1.o, w, &r) == GDF_OK && r.exitflag == 1, "T = 0");
    lo.temperature = 3.0; /* ignored with a diffusion matrix */
    lo.diffusion = F;
    CHECK(gdf_langevin_run(&p, th0, tspan, 2, &lo, &s2.o, w, &r) == GDF_OK && r.exitflag == 1, "F = 0");
    CHECK(s1.o.n == 501 && s2.o.n == s1.o.n &&
              memcmp(s1.o.theta, s2.o.theta, (size_t)(D * s1.o.n) * sizeof(double)) == 0,
          "F = 0 is the noiseless path bit for bit");
    lo.diffusion = NULL;
    lo.temperature = T;
    sink_free(&s1);
    sink_init(&s1, D);
    CHECK(gdf_langevin_run(&p, th0, tspan, 2, &lo, &s1.o, w, &r) == GDF_OK, "T path");
    F[0] = F[3] = sqrt(2.0 * T);
    lo.diffusion = F;
    sink_free(&s2);
    sink_init(&s2, D);
    CHECK(gdf_langevin_run(&p, th0, tspan, 2, &lo, &s2.o, w, &r) == GDF_OK, "F path");
    for (j = 0; j < D * s1.o.n; j++)
        e = fmax(e, fabs(s1.o.theta[j] - s2.o.theta[j]));
    CHECK(s1.o.n == s2.o.n && e <= 1e-12, "F = sqrt(2T) I is the T path to rounding: %g", e);
    F[1] = NAN;
    CHECK(gdf_langevin_run(&p, th0, tspan, 2, &lo, &s2.o, w, &r) == GDF_EARG, "NaN in F refused");
    sink_free(&s1);
    sink_free(&s2);
    free(w);
}

int main(void)
{
    gdf_rng_seed(&rng, 16);
    test_small();
    test_large();
    test_gradcov();
    test_exact();
    test_factor();
    test_diffusion();
    return check_report("test_sgdcov");
}
