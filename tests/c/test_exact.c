/* test_exact.c - closed-form gradient flow / GD iterates and expm (gdf_exact.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L /* alarm() */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gdflow.h"
#include "gdf_exact.h"
#include "check.h"
#include "testprob.h"

#define NMAX 12
#define E1 2.718281828459045 /* e */

/* max |x - r| / max |r| */
static double relerr(ptrdiff_t n, const double *x, const double *r)
{
    double num = 0.0, den = 0.0;
    ptrdiff_t i;
    for (i = 0; i < n; i++) {
        double e = fabs(x[i] - r[i]);
        if (e > num || e != e)
            num = e;
        if (fabs(r[i]) > den)
            den = fabs(r[i]);
    }
    return den > 0.0 ? num / den : num;
}

/* max_i |x_i - r_i| / |r_i| over r_i != 0, plus |x_i| where r_i == 0 */
static double relerr_elem(ptrdiff_t n, const double *x, const double *r)
{
    double mx = 0.0;
    ptrdiff_t i;
    for (i = 0; i < n; i++) {
        double e = r[i] != 0.0 ? fabs(x[i] - r[i]) / fabs(r[i]) : fabs(x[i]);
        if (e > mx || e != e)
            mx = e;
    }
    return mx;
}

/* C = X Y (n x n), plain loops */
static void matmul(int n, const double *X, const double *Y, double *C)
{
    int i, j, k;
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++) {
            double s = 0.0;
            for (k = 0; k < n; k++)
                s += X[i + k * n] * Y[k + j * n];
            C[i + j * n] = s;
        }
}

static void transpose(int n, const double *X, double *Y)
{
    int i, j;
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++)
            Y[j + i * n] = X[i + j * n];
}

/* Q = H1 H2 (two random Householder reflections), orthogonal d x d */
static void rand_orth(int d, double *Q)
{
    double w[NMAX], H[NMAX * NMAX], T[NMAX * NMAX];
    int r, i, j;
    for (i = 0; i < d * d; i++)
        Q[i] = 0.0;
    for (i = 0; i < d; i++)
        Q[i + i * d] = 1.0;
    for (r = 0; r < 2; r++) {
        double nn = 0.0;
        for (i = 0; i < d; i++) {
            w[i] = tp_normal();
            nn += w[i] * w[i];
        }
        for (j = 0; j < d; j++)
            for (i = 0; i < d; i++)
                H[i + j * d] = (i == j) - 2.0 * w[i] * w[j] / nn;
        matmul(d, Q, H, T);
        memcpy(Q, T, sizeof(double) * d * d);
    }
}

/* A = Q diag(lam) Q', exactly symmetric */
static void sym_from_eig(int d, const double *Q, const double *lam, double *A)
{
    int i, j, k;
    for (j = 0; j < d; j++)
        for (i = 0; i <= j; i++) {
            double s = 0.0;
            for (k = 0; k < d; k++)
                s += Q[i + k * d] * lam[k] * Q[j + k * d];
            A[i + j * d] = A[j + i * d] = s;
        }
}

/* Reference flow by stepping with a Taylor series of exp(h M), M = [-A b; 0 0]:
 * h ||M||_1 <= 1/4, 30 terms (truncation far below u), N steps. */
static void ref_flow(int d, const double *A, const double *b, const double *th0,
                     double t, double *out)
{
    int n = d + 1, i, j, k, N;
    double M[(NMAX + 1) * (NMAX + 1)], S[(NMAX + 1) * (NMAX + 1)], P[(NMAX + 1) * (NMAX + 1)],
        T[(NMAX + 1) * (NMAX + 1)], x[NMAX + 1], y[NMAX + 1], nrm = 0.0, h;
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++)
            M[i + j * n] = (i < d && j < d) ? -A[i + j * d] : (i < d && j == d && b ? b[i] : 0.0);
    for (j = 0; j < n; j++) {
        double s = 0.0;
        for (i = 0; i < n; i++)
            s += fabs(M[i + j * n]);
        if (s > nrm)
            nrm = s;
    }
    N = (int)ceil(fabs(t) * nrm / 0.25);
    if (N < 1)
        N = 1;
    h = t / N;
    for (i = 0; i < n * n; i++) {
        M[i] *= h;
        S[i] = P[i] = (i % (n + 1) == 0) ? 1.0 : 0.0;
    }
    for (k = 1; k <= 30; k++) { /* P = (hM)^k / k! */
        matmul(n, P, M, T);
        for (i = 0; i < n * n; i++) {
            P[i] = T[i] / k;
            S[i] += P[i];
        }
    }
    for (i = 0; i < d; i++)
        x[i] = th0[i];
    x[d] = 1.0;
    for (k = 0; k < N; k++) {
        for (i = 0; i < n; i++) {
            double s = 0.0;
            for (j = 0; j < n; j++)
                s += S[i + j * n] * x[j];
            y[i] = s;
        }
        memcpy(x, y, sizeof(double) * n);
    }
    memcpy(out, x, sizeof(double) * d);
}

/* plain GD loop: out[kk*d ..] = theta_kk, kk = 0..K */
static void gd_loop(int d, const double *A, const double *b, const double *th0,
                    double eta, long K, double *out, int keep_all)
{
    double x[NMAX], g[NMAX];
    long k;
    int i, j;
    memcpy(x, th0, sizeof(double) * d);
    if (keep_all)
        memcpy(out, x, sizeof(double) * d);
    for (k = 1; k <= K; k++) {
        for (i = 0; i < d; i++) {
            double s = 0.0;
            for (j = 0; j < d; j++)
                s += A[i + j * d] * x[j];
            g[i] = s - (b ? b[i] : 0.0);
        }
        for (i = 0; i < d; i++)
            x[i] -= eta * g[i];
        if (keep_all)
            memcpy(out + k * d, x, sizeof(double) * d);
    }
    if (!keep_all)
        memcpy(out, x, sizeof(double) * d);
}

/* ---- wrappers that allocate workspaces ---- */
static int run_sym(int d, const double *A, const double *b, int m, const double *Th0, int nt,
                   const double *t, int it, double eta, double *Theta)
{
    double *w = malloc(sizeof(double) * gdf_exact_sym_work(d, nt, m));
    ptrdiff_t *iw = malloc(sizeof(ptrdiff_t) * gdf_exact_sym_iwork(d));
    int st = gdf_exact_sym(d, A, b, m, Th0, nt, t, it, eta, Theta, w, iw);
    free(w);
    free(iw);
    return st;
}

static int run_gen(int d, const double *A, const double *b, int m, const double *Th0, int nt,
                   const double *t, int it, double eta, double *Theta)
{
    double *w = malloc(sizeof(double) * gdf_exact_gen_work(d, nt, m));
    ptrdiff_t *iw = malloc(sizeof(ptrdiff_t) * gdf_exact_gen_iwork(d));
    int st = gdf_exact_gen(d, A, b, m, Th0, nt, t, it, eta, Theta, w, iw);
    free(w);
    free(iw);
    return st;
}

static int run_expm(int n, const double *A, double *E, int *deg, int *s)
{
    double *w = malloc(sizeof(double) * gdf_expm_work(n));
    ptrdiff_t *iw = malloc(sizeof(ptrdiff_t) * gdf_expm_iwork(n));
    int st = gdf_expm_detail(n, A, E, w, iw, deg, s);
    free(w);
    free(iw);
    return st;
}

/* row i of an nt x d x m result, start j */
static void row(const double *Theta, int nt, int d, int i, int j, double *x)
{
    int p;
    for (p = 0; p < d; p++)
        x[p] = Theta[i + nt * (p + d * j)];
}

/* ------------------------------------------------------------------ */
static void test_sym_flow(void)
{
    enum { d = 6, nt = 5, m = 2 };
    double A[d * d], Q[d * d], lam[d] = {0.1, 0.3, 1.0, 2.5, 5.0, 10.0}, b[d], Th0[d * m];
    double t[nt] = {0.0, 0.05, 0.7, 2.0, -0.1}, Theta[nt * d * m], Tg[nt * d * m], x[d], r[d];
    int i, j, st;
    char what[80];
    tp_seed(11);
    rand_orth(d, Q);
    sym_from_eig(d, Q, lam, A);
    for (i = 0; i < d; i++)
        b[i] = tp_normal();
    for (i = 0; i < d * m; i++)
        Th0[i] = tp_normal();
    st = run_sym(d, A, b, m, Th0, nt, t, 0, 0.0, Theta);
    CHECK(st == GDF_OK, "sym flow status %d", st);
    for (j = 0; j < m; j++)
        for (i = 0; i < nt; i++) {
            row(Theta, nt, d, i, j, x);
            ref_flow(d, A, b, Th0 + d * j, t[i], r);
            sprintf(what, "sym flow vs Taylor stepping, t=%g start %d", t[i], j);
            CHECK(relerr(d, x, r) <= 1e-12, "%s: relerr %.3g", what, relerr(d, x, r));
        }
    /* t = 0 returns theta0 to rounding */
    row(Theta, nt, d, 0, 1, x);
    CHECK(relerr(d, x, Th0 + d) <= 1e-14, "sym flow t=0: %.3g", relerr(d, x, Th0 + d));
    /* the expm path agrees */
    st = run_gen(d, A, b, m, Th0, nt, t, 0, 0.0, Tg);
    CHECK(st == GDF_OK, "gen flow status %d", st);
    CHECK(relerr(nt * d * m, Tg, Theta) <= 1e-12, "gen vs sym flow: %.3g",
          relerr(nt * d * m, Tg, Theta));
    /* b = NULL equals b = 0 */
    {
        double z[d] = {0}, T1[nt * d * m], T2[nt * d * m];
        run_sym(d, A, NULL, m, Th0, nt, t, 0, 0.0, T1);
        run_sym(d, A, z, m, Th0, nt, t, 0, 0.0, T2);
        CHECK(relerr(nt * d * m, T1, T2) == 0.0, "b NULL vs zeros");
        run_gen(d, A, NULL, m, Th0, nt, t, 0, 0.0, T2);
        CHECK(relerr(nt * d * m, T2, T1) <= 1e-12, "gen b NULL vs sym: %.3g",
              relerr(nt * d * m, T2, T1));
    }
    /* factor once, evaluate twice: the same numbers */
    {
        double V[d * d], lm[d], *w = malloc(sizeof(double) * gdf_syev_work(d)),
               *we = malloc(sizeof(double) * gdf_exact_sym_eval_work(d, nt, m)), T1[nt * d * m];
        ptrdiff_t iw[64];
        st = gdf_exact_sym_factor(d, A, V, lm, w, iw);
        CHECK(st == GDF_OK, "factor status");
        for (i = 0; i < d; i++)
            CHECK_CLOSE(lm[i], lam[i], 1e-13, "eigenvalue");
        st = gdf_exact_sym_eval(d, V, lm, b, m, Th0, nt, t, 0, 0.0, T1, we);
        CHECK(st == GDF_OK && relerr(nt * d * m, T1, Theta) == 0.0, "factor+eval == one call");
        free(w);
        free(we);
    }
}

/* semidefinite A, b outside range(A): exact drift */
static void test_sym_semidef(void)
{
    enum { d = 5, nt = 4 };
    double A[d * d], Q[d * d], lam[d] = {0.0, 0.0, 0.5, 1.0, 4.0}, b[d], th0[d], c[d], z0[d];
    double t[nt] = {0.5, 3.0, 100.0, 1e3}, Theta[nt * d], x[d], r[d];
    int i, p, k, st;
    tp_seed(5);
    rand_orth(d, Q);
    sym_from_eig(d, Q, lam, A);
    for (i = 0; i < d; i++) {
        b[i] = tp_normal();
        th0[i] = tp_normal();
    }
    for (p = 0; p < d; p++) { /* c = Q'b, z0 = Q'th0 with the known Q */
        c[p] = z0[p] = 0.0;
        for (k = 0; k < d; k++) {
            c[p] += Q[k + p * d] * b[k];
            z0[p] += Q[k + p * d] * th0[k];
        }
    }
    CHECK(fabs(c[0]) > 0.1 || fabs(c[1]) > 0.1, "b has a null-space part");
    st = run_sym(d, A, b, 1, th0, nt, t, 0, 0.0, Theta);
    CHECK(st == GDF_OK, "semidef status");
    for (i = 0; i < nt; i++) {
        double z[d];
        for (p = 0; p < d; p++)
            z[p] = lam[p] == 0.0 ? z0[p] + t[i] * c[p]
                                 : exp(-lam[p] * t[i]) * z0[p] - expm1(-lam[p] * t[i]) / lam[p] * c[p];
        for (k = 0; k < d; k++) {
            r[k] = 0.0;
            for (p = 0; p < d; p++)
                r[k] += Q[k + p * d] * z[p];
        }
        row(Theta, nt, 1 == 1 ? d : d, i, 0, x);
        CHECK(relerr(d, x, r) <= 1e-12, "semidef drift t=%g: relerr %.3g", t[i], relerr(d, x, r));
    }
    /* exactly representable singular A (eigenvalues exactly 0): t = 1e6 */
    {
        double D[9] = {0, 0, 0, 0, 2.0, 0, 0, 0, 0}, bb[3] = {1.0, 2.0, -3.0}, x0[3] = {1, 1, 1};
        double tt[2] = {1e6, 1e-3}, T3[6], ex[3];
        st = run_sym(3, D, bb, 1, x0, 2, tt, 0, 0.0, T3);
        CHECK(st == GDF_OK, "diag semidef status");
        ex[0] = 1.0 + 1e6 * 1.0;
        ex[1] = 1.0;           /* e^{-2e6} * 1 + (1 - 0)/2 * 2 = 1 */
        ex[2] = 1.0 - 3e6;
        for (i = 0; i < 3; i++)
            CHECK_CLOSE(T3[2 * i], ex[i], 1e-15, "diag semidef t=1e6");
        CHECK_CLOSE(T3[1 + 2 * 1], exp(-2e-3) + (-expm1(-2e-3)), 1e-15, "diag semidef t=1e-3");
    }
    /* the expm path agrees on the semidefinite problem */
    {
        double Tg[nt * d];
        run_gen(d, A, b, 1, th0, nt, t, 0, 0.0, Tg);
        CHECK(relerr(nt * d, Tg, Theta) <= 1e-11, "gen vs sym semidef: %.3g",
              relerr(nt * d, Tg, Theta));
    }
}

/* indefinite A: growth, exact */
static void test_sym_indefinite(void)
{
    enum { d = 4, nt = 3 };
    double A[d * d], Q[d * d], lam[d] = {-2.0, -0.5, 1.0, 3.0}, b[d], th0[d];
    double t[nt] = {0.3, 1.0, 4.0}, Theta[nt * d], Tg[nt * d], x[d], r[d];
    int i, st;
    tp_seed(7);
    rand_orth(d, Q);
    sym_from_eig(d, Q, lam, A);
    for (i = 0; i < d; i++) {
        b[i] = tp_normal();
        th0[i] = tp_normal();
    }
    st = run_sym(d, A, b, 1, th0, nt, t, 0, 0.0, Theta);
    CHECK(st == GDF_OK, "indef status");
    for (i = 0; i < nt; i++) {
        row(Theta, nt, d, i, 0, x);
        ref_flow(d, A, b, th0, t[i], r);
        CHECK(relerr(d, x, r) <= 1e-12, "indef t=%g relerr %.3g", t[i], relerr(d, x, r));
    }
    st = run_gen(d, A, b, 1, th0, nt, t, 0, 0.0, Tg);
    CHECK(st == GDF_OK && relerr(nt * d, Tg, Theta) <= 1e-12, "gen vs sym indef %.3g",
          relerr(nt * d, Tg, Theta));
}

/* iterates: against a plain GD loop */
static void test_iterates(void)
{
    enum { d = 5, K = 50 };
    double A[d * d], Q[d * d], b[d], th0[d], t[K + 1], Theta[(K + 1) * d], Tg[(K + 1) * d];
    double ref[(K + 1) * d], x[d];
    /* eigenvalue sets: SPD, semidefinite, indefinite; etas put r on both
     * sides of 0, on 0 exactly (eta lam = 1) and at -1 (eta lam = 2)    */
    double lams[4][d] = {{0.2, 0.5, 1.0, 2.0, 4.0},
                         {0.0, 0.0, 1.0, 2.0, 3.0},
                         {-0.3, 0.1, 0.5, 1.0, 2.0},
                         {0.25, 0.5, 1.0, 2.0, 4.0}};
    double etas[4] = {0.4, 0.45, 0.3, 0.5};
    int cs, i, k, st;
    tp_seed(3);
    for (k = 0; k <= K; k++)
        t[k] = k;
    for (cs = 0; cs < 4; cs++) {
        double eta = etas[cs], worst = 0.0, worstg = 0.0;
        rand_orth(d, Q);
        sym_from_eig(d, Q, lams[cs], A);
        if (cs == 3) { /* exactly representable: A diagonal, eta lam = 1 and 2 hit */
            memset(A, 0, sizeof A);
            for (i = 0; i < d; i++)
                A[i + i * d] = lams[cs][i];
        }
        for (i = 0; i < d; i++) {
            b[i] = tp_normal();
            th0[i] = tp_normal();
        }
        gd_loop(d, A, b, th0, eta, K, ref, 1);
        st = run_sym(d, A, b, 1, th0, K + 1, t, 1, eta, Theta);
        CHECK(st == GDF_OK, "iterates status case %d", cs);
        st = run_gen(d, A, b, 1, th0, K + 1, t, 1, eta, Tg);
        CHECK(st == GDF_OK, "gen iterates status case %d", cs);
        for (k = 0; k <= K; k++) {
            double e;
            row(Theta, K + 1, d, k, 0, x);
            e = relerr(d, x, ref + k * d);
            if (e > worst)
                worst = e;
            row(Tg, K + 1, d, k, 0, x);
            e = relerr(d, x, ref + k * d);
            if (e > worstg)
                worstg = e;
        }
        CHECK(worst <= 1e-12, "sym iterates vs GD loop case %d: %.3g", cs, worst);
        CHECK(worstg <= 1e-12, "gen iterates vs GD loop case %d: %.3g", cs, worstg);
    }
    /* k = 1e6: finite, equal to the loop; same cost as k = 1 */
    for (cs = 0; cs < 2; cs++) {
        double kk[2] = {1e6, 1.0}, T2[2 * d], Tg2[2 * d], r1[d], eta = etas[cs];
        rand_orth(d, Q);
        sym_from_eig(d, Q, lams[cs], A);
        for (i = 0; i < d; i++) {
            b[i] = tp_normal();
            th0[i] = tp_normal();
        }
        gd_loop(d, A, b, th0, eta, 1000000L, r1, 0);
        st = run_sym(d, A, b, 1, th0, 2, kk, 1, eta, T2);
        row(T2, 2, d, 0, 0, x);
        CHECK(st == GDF_OK && gdf_all_finite(d, x), "k=1e6 finite case %d", cs);
        CHECK(relerr(d, x, r1) <= 1e-9, "k=1e6 vs loop case %d: %.3g", cs, relerr(d, x, r1));
        st = run_gen(d, A, b, 1, th0, 2, kk, 1, eta, Tg2);
        row(Tg2, 2, d, 0, 0, x);
        CHECK(st == GDF_OK && relerr(d, x, r1) <= 1e-9, "gen k=1e6 vs loop case %d: %.3g", cs,
              relerr(d, x, r1));
    }
    /* semidefinite drift at k = 1e6 with exact zero eigenvalue: eta k c */
    {
        double D[4] = {0.0, 0.0, 0.0, 1.0}, bb[2] = {2.0, 1.0}, x0[2] = {0.5, -1.0};
        double kk[1] = {1e6}, T1[2];
        st = run_sym(2, D, bb, 1, x0, 1, kk, 1, 0.1, T1);
        CHECK(st == GDF_OK, "drift status");
        CHECK_CLOSE(T1[0], 0.5 + 0.1 * 1e6 * 2.0, 1e-15, "iterate drift");
        CHECK_CLOSE(T1[1], 1.0, 1e-15, "iterate limit");
    }
}

/* several starts: equal to one call per start */
static void test_multistart(void)
{
    enum { d = 4, nt = 3, m = 3 };
    double A[d * d], b[d], Th0[d * m], t[nt] = {0.2, 1.0, 3.0}, k[nt] = {0, 7, 123};
    double T[nt * d * m], T1[nt * d], w[d];
    int j, i, it, gen;
    tp_seed(21);
    for (i = 0; i < d * d; i++)
        A[i] = tp_normal() / 2.0 + (i % (d + 1) == 0 ? 2.0 : 0.0);
    for (i = 0; i < d; i++)
        b[i] = tp_normal();
    for (i = 0; i < d * m; i++)
        Th0[i] = tp_normal();
    for (gen = 0; gen < 2; gen++)
        for (it = 0; it < 2; it++) {
            double As[d * d];
            const double *tt = it ? k : t;
            memcpy(As, A, sizeof A);
            if (!gen) {
                tp_spd(d, 0.5, 3.0, As, w);
            }
            if (gen)
                run_gen(d, As, b, m, Th0, nt, tt, it, 0.2, T);
            else
                run_sym(d, As, b, m, Th0, nt, tt, it, 0.2, T);
            for (j = 0; j < m; j++) {
                if (gen)
                    run_gen(d, As, b, 1, Th0 + d * j, nt, tt, it, 0.2, T1);
                else
                    run_sym(d, As, b, 1, Th0 + d * j, nt, tt, it, 0.2, T1);
                CHECK(relerr(nt * d, T + nt * d * j, T1) <= 1e-14,
                      "multistart gen=%d it=%d start %d: %.3g", gen, it, j,
                      relerr(nt * d, T + nt * d * j, T1));
            }
        }
}

/* nonsymmetric flow against Taylor stepping */
static void test_gen_flow(void)
{
    enum { d = 5, nt = 4 };
    double A[d * d], b[d], th0[d], t[nt] = {0.0, 0.1, 1.0, 3.0}, Theta[nt * d], x[d], r[d];
    int i, st;
    tp_seed(99);
    for (i = 0; i < d * d; i++)
        A[i] = tp_normal();
    for (i = 0; i < d; i++) {
        A[i + i * d] += 2.0;
        b[i] = tp_normal();
        th0[i] = tp_normal();
    }
    A[0 + 4 * d] = 30.0; /* nonnormal */
    st = run_gen(d, A, b, 1, th0, nt, t, 0, 0.0, Theta);
    CHECK(st == GDF_OK, "gen flow status");
    for (i = 0; i < nt; i++) {
        row(Theta, nt, d, i, 0, x);
        ref_flow(d, A, b, th0, t[i], r);
        CHECK(relerr(d, x, r) <= 1e-12, "gen flow t=%g relerr %.3g", t[i], relerr(d, x, r));
    }
}

/* ------------------------------------------------------------------ */
/* expm                                                                 */
/* ------------------------------------------------------------------ */
static void test_expm_rotation(void)
{
    double ws[4] = {0.01, 1.0, 10.0, 100.0};
    int i;
    for (i = 0; i < 4; i++) {
        double w = ws[i], A[4] = {0.0, w, -w, 0.0}, E[4], R[4];
        int deg, s;
        R[0] = cos(w);
        R[1] = sin(w);
        R[2] = -sin(w);
        R[3] = cos(w);
        CHECK(run_expm(2, A, E, &deg, &s) == GDF_OK, "rotation status");
        CHECK(relerr(4, E, R) <= (w > 50 ? 1e-12 : 1e-14), "rotation w=%g: relerr %.3g (m=%d s=%d)",
              w, relerr(4, E, R), deg, s);
    }
}

static void test_expm_jordan(void)
{
    enum { n = 6 };
    double lams[3] = {0.0, -1.0, 2.5};
    int c, i, j;
    for (c = 0; c < 3; c++) {
        double J[n * n], Jt[n * n], E[n * n], R[n * n], Rt[n * n], f = 1.0;
        int deg, s;
        memset(J, 0, sizeof J);
        memset(R, 0, sizeof R);
        for (i = 0; i < n; i++) {
            J[i + i * n] = lams[c];
            if (i + 1 < n)
                J[i + (i + 1) * n] = 1.0;
        }
        /* exp(lam I + N) = e^lam sum N^k / k!: entry (i, i+k) = e^lam / k! */
        for (i = 0; i < n; i++) {
            f = 1.0;
            for (j = i; j < n; j++) {
                if (j > i)
                    f /= (double)(j - i);
                R[i + j * n] = exp(lams[c]) * f;
            }
        }
        CHECK(run_expm(n, J, E, &deg, &s) == GDF_OK, "jordan status");
        CHECK(relerr_elem(n * n, E, R) <= 1e-13, "jordan lam=%g (upper): elem relerr %.3g",
              lams[c], relerr_elem(n * n, E, R));
        transpose(n, J, Jt);
        transpose(n, R, Rt);
        CHECK(run_expm(n, Jt, E, &deg, &s) == GDF_OK, "jordan' status");
        CHECK(relerr_elem(n * n, E, Rt) <= 1e-13, "jordan lam=%g (lower): elem relerr %.3g",
              lams[c], relerr_elem(n * n, E, Rt));
    }
}

static void test_expm_diag(void)
{
    enum { n = 5 };
    double dg[n] = {-700.0, -1e-3, 0.0, 1.0, 30.0}, D[n * n], E[n * n], R[n * n], Q[n * n];
    double QD[n * n], A[n * n], T[n * n];
    int i, deg, s;
    memset(D, 0, sizeof D);
    memset(R, 0, sizeof R);
    for (i = 0; i < n; i++) {
        D[i + i * n] = dg[i];
        R[i + i * n] = exp(dg[i]);
    }
    CHECK(run_expm(n, D, E, &deg, &s) == GDF_OK, "diag status");
    CHECK(relerr_elem(n * n, E, R) <= 1e-15, "diag spread (m=%d s=%d): elem relerr %.3g", deg, s,
          relerr_elem(n * n, E, R));
    /* full symmetric matrix Q D Q' with the same spectrum: normwise */
    tp_seed(8);
    rand_orth(n, Q);
    dg[0] = -60.0;
    sym_from_eig(n, Q, dg, A);
    for (i = 0; i < n; i++)
        R[i] = exp(dg[i]);
    sym_from_eig(n, Q, R, T);
    CHECK(run_expm(n, A, E, &deg, &s) == GDF_OK, "QDQ' status");
    CHECK(relerr(n * n, E, T) <= 1e-13, "Q diag(spread) Q': relerr %.3g (m=%d s=%d)",
          relerr(n * n, E, T), deg, s);
    (void)QD;
}

/* 3x3 upper triangular: exp(T)_{ij} by divided differences */
static double dd1(double a, double b) { return (exp(a) - exp(b)) / (a - b); }
static void test_expm_triangular(void)
{
    double l1 = 0.5, l2 = -1.25, l3 = 2.0, a = 3.0, bq = -2.0, c = 7.0;
    double T[9] = {l1, 0, 0, a, l2, 0, bq, c, l3}, Tt[9], E[9], R[9], Rt[9];
    double f123 = (dd1(l1, l2) - dd1(l2, l3)) / (l1 - l3);
    int deg, s;
    memset(R, 0, sizeof R);
    R[0] = exp(l1);
    R[4] = exp(l2);
    R[8] = exp(l3);
    R[3] = a * dd1(l1, l2);
    R[7] = c * dd1(l2, l3);
    R[6] = bq * dd1(l1, l3) + a * c * f123;
    CHECK(run_expm(3, T, E, &deg, &s) == GDF_OK, "tri status");
    CHECK(relerr_elem(9, E, R) <= 1e-14, "triangular (upper): elem relerr %.3g",
          relerr_elem(9, E, R));
    transpose(3, T, Tt);
    transpose(3, R, Rt);
    CHECK(run_expm(3, Tt, E, &deg, &s) == GDF_OK, "tri' status");
    CHECK(relerr_elem(9, E, Rt) <= 1e-13, "triangular (lower): elem relerr %.3g",
          relerr_elem(9, E, Rt));
}

/* Al-Mohy & Higham's overscaling example */
static void test_expm_overscaling(void)
{
    double bs[3] = {1e6, 1e7, 1e8};
    int i;
    for (i = 0; i < 3; i++) {
        double bb = bs[i], A[4] = {1.0, 0.0, bb, -1.0}, At[4], E[4], R[4], Rt[4];
        int deg, s;
        R[0] = E1;
        R[1] = 0.0;
        R[2] = bb * sinh(1.0); /* b (e - 1/e) / 2 */
        R[3] = 1.0 / E1;
        CHECK(run_expm(2, A, E, &deg, &s) == GDF_OK, "overscaling status");
        CHECK(relerr_elem(4, E, R) <= 1e-14, "[1 b; 0 -1], b=%g: elem relerr %.3g (m=%d s=%d)", bb,
              relerr_elem(4, E, R), deg, s);
        transpose(2, A, At);
        transpose(2, R, Rt);
        CHECK(run_expm(2, At, E, &deg, &s) == GDF_OK, "overscaling' status");
        CHECK(relerr_elem(4, E, Rt) <= 1e-13, "[1 0; b -1], b=%g: elem relerr %.3g (m=%d s=%d)",
              bb, relerr_elem(4, E, Rt), deg, s);
        CHECK(s <= 6, "[1 0; b -1], b=%g: no overscaling (s=%d)", bb, s);
        if (i == 2)
            printf("overscaling b=1e8 (lower, Alg. 5.1 path): m=%d s=%d elem relerr %.2e\n", deg,
                   s, relerr_elem(4, E, Rt));
    }
    /* the same at degree 13: [5 0; b -5], exp = [e^5 0; b sinh(5)/5 e^-5] */
    for (i = 0; i < 3; i++) {
        double bb = bs[i], A[4] = {5.0, bb, 0.0, -5.0}, E[4], R[4];
        int deg, s;
        R[0] = exp(5.0);
        R[1] = bb * sinh(5.0) / 5.0;
        R[2] = 0.0;
        R[3] = exp(-5.0);
        CHECK(run_expm(2, A, E, &deg, &s) == GDF_OK, "overscaling 13 status");
        CHECK(deg == 13 && s <= 3, "[5 0; b -5], b=%g: m=%d s=%d", bb, deg, s);
        CHECK(relerr_elem(4, E, R) <= 1e-13, "[5 0; b -5], b=%g: elem relerr %.3g (m=%d s=%d)", bb,
              relerr_elem(4, E, R), deg, s);
    }
}

/* normal (symmetric) matrices, spectral radius sweeping the theta_m: the
 * exponential is perfectly conditioned, so every degree / scaling choice
 * must deliver full accuracy */
static void test_expm_sym_sweep(void)
{
    enum { n = 5, NR = 14 };
    double rhos[NR] = {0.9, 1.5, 2.0, 2.2, 2.6, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 15.0};
    double base[n] = {-1.0, -0.4, 0.0, 0.3, 0.95}, lam[n], el[n], Q[n * n], A[n * n], E[n * n],
           R[n * n], worst = 0.0;
    int i, r, deg, s, wdeg = 0, ws = 0;
    tp_seed(31);
    rand_orth(n, Q);
    for (r = 0; r < NR; r++) {
        double e;
        for (i = 0; i < n; i++) {
            lam[i] = rhos[r] * base[i];
            el[i] = exp(lam[i]);
        }
        sym_from_eig(n, Q, lam, A);
        sym_from_eig(n, Q, el, R);
        CHECK(run_expm(n, A, E, &deg, &s) == GDF_OK, "sym sweep status");
        e = relerr(n * n, E, R);
        CHECK(e <= 2e-14, "symmetric, rho=%g (m=%d s=%d): relerr %.3g", rhos[r], deg, s, e);
        if (e > worst) {
            worst = e;
            wdeg = deg;
            ws = s;
        }
    }
    printf("symmetric sweep: worst relerr %.2e (m=%d s=%d)\n", worst, wdeg, ws);
}

/* ell(A, m) of Al-Mohy & Higham on an exactly nilpotent A = c [1 1; -1 -1]:
 * every d_k is 0, so only ell decides.  By hand, alpha = |c_{2m+1}|
 * || |A|^{2m+1} ||_1 / ||A||_1 = |c_{2m+1}| (2c)^{2m}: for c = 1, ell(A, m)
 * = 8, 3, 2, 0 for m = 3, 5, 7, 9, so degree 9 without scaling; for c = 16,
 * ell = 12, 7, 6, 4 and ell(A, 13) = ceil((26 log2(32) - 116.45 + 53) / 26)
 * = 3: degree 13, s = 3.  exp(A) = I + A exactly.  (For c = 2^10 the rule
 * gives s = 9, and the 9 squarings cost 1e-9 relative accuracy on this
 * exactly nilpotent A, where s = 0 would be exact: ell is a heuristic.) */
static void test_expm_ell(void)
{
    double cs[2] = {1.0, 16.0};
    int want_m[2] = {9, 13}, want_s[2] = {0, 3}, i;
    for (i = 0; i < 2; i++) {
        double c = cs[i], A[4] = {c, -c, c, -c}, E[4], R[4] = {1.0 + c, -c, c, 1.0 - c};
        int deg, s;
        CHECK(run_expm(2, A, E, &deg, &s) == GDF_OK, "ell status");
        CHECK(deg == want_m[i] && s == want_s[i], "nilpotent c=%g: m=%d s=%d, expected m=%d s=%d",
              c, deg, s, want_m[i], want_s[i]);
        CHECK(relerr(4, E, R) <= 1e-13, "nilpotent c=%g: relerr %.3g", c, relerr(4, E, R));
    }
}

/* every Pade degree: against a Taylor series of exp(A / 2^N) (||.|| <= 1/8,
 * 40 terms) squared N times; scales sweep until all five degrees appear */
/* balancing (dgebal): Moler's example, and a matrix with isolated
 * eigenvalues (permutations) around a badly scaled block, against 80-digit
 * references (tests/c/ref/expm_ref.py, mpmath) */
static const double moler_ref[9] = {
    4.468494682831737842e-1,
    -5.743067779479561738e+6,
    4.4772297784949330989e-1,
    1.5404415738395201465e-9,
    -1.5283003868682250089e-2,
    1.5427048451959121974e-9,
    4.6281145355877362632e-1,
    -4.5265427127841015679e+6,
    4.6348064883765004214e-1
};
static const double perm_ref[25] = {
    3.678794411714423216e-1,
    3.9247587507075318768e+5,
    8.9401469349440019919e-1,
    3.7203665046185706279e+5,
    5.5311337623678656824e-4,
    0.0,
    1.8910866155735874791e-1,
    1.003078352894240531e-7,
    6.8602528323899997428e-1,
    7.8495072011427175706e-11,
    0.0,
    1.0030783552490927368e+5,
    8.8879321339946117449e-2,
    1.9419422978543677514e+5,
    1.7880290730085123899e-4,
    0.0,
    0.0,
    0.0,
    6.065306597126334236e-1,
    0.0,
    0.0,
    7.8495843905365114459e+4,
    1.7880314278606726955e-1,
    7.441003560702206934e+4,
    3.6799006393022141391e-1
};

static double norm1_diff(int n, const double *X, const double *R, double *nr)
{
    double best = 0.0, bn = 0.0;
    int i, j;
    for (j = 0; j < n; j++) {
        double s = 0.0, t = 0.0;
        for (i = 0; i < n; i++) {
            s += fabs(X[i + j * n] - R[i + j * n]);
            t += fabs(R[i + j * n]);
        }
        best = s > best ? s : best;
        bn = t > bn ? t : bn;
    }
    *nr = bn;
    return best;
}

static void test_expm_balancing(void)
{
    double M[9] = {0.0, -(2e10 + 4e8 / 6), 200.0 / 3, 1e-8, -3.0, 0.0, 0.0, 2e10, -200.0 / 3};
    double P[25] = {-1, 2, 5, 1, 0, 0, -2, 1e-6, 2, 0, 0, 1e6, -3, 3, 1e-3,
                    0, 0, 0, -0.5, 0, 0, 3, 1, 4, -1};
    double E[25], nr, e;
    int deg, s, sm, i;
    CHECK(run_expm(3, M, E, &deg, &sm) == GDF_OK, "moler status");
    e = norm1_diff(3, E, moler_ref, &nr) / nr;
    printf("  expm, Moler's example: relative 1-norm error %.2g (m = %d, s = %d)\n", e, deg, sm);
    CHECK(e <= 1e-13, "moler: relative error %.3g (3.0e-13 without balancing)", e);
    CHECK(run_expm(5, P, E, &deg, &s) == GDF_OK, "perm status");
    e = norm1_diff(5, E, perm_ref, &nr) / nr;
    printf("  expm, isolated eigenvalues + scaled block: relative 1-norm error %.2g\n", e);
    CHECK(e <= 1e-14, "perm: relative error %.3g", e);
    for (i = 0; i < 25; i++) /* the zero pattern of the exact exponential */
        if (perm_ref[i] == 0.0)
            CHECK(E[i] == 0.0, "perm: entry %d stays 0 (%g)", i, E[i]);
    /* in place (E aliasing A), as gdf_exact_gen calls it */
    memcpy(E, M, sizeof M);
    CHECK(run_expm(3, E, E, &deg, &s) == GDF_OK && norm1_diff(3, E, moler_ref, &nr) / nr <= 1e-13,
          "moler in place");
}

static void test_expm_degrees(void)
{
    enum { n = 4, NS = 40 };
    int seen[14] = {0}, c, i, k;
    double B[n * n], nrm = 0.0;
    tp_seed(17);
    for (i = 0; i < n * n; i++)
        B[i] = tp_normal();
    for (k = 0; k < n; k++) {
        double cs = 0.0;
        for (i = 0; i < n; i++)
            cs += fabs(B[i + k * n]);
        if (cs > nrm)
            nrm = cs;
    }
    for (c = 0; c < NS; c++) {
        double scale = 1e-4 * pow(5e5, (double)c / (NS - 1)); /* 1e-4 .. 50 */
        double A[n * n], E[n * n], R[n * n], P[n * n], T[n * n], Ah[n * n], h;
        int deg, s, N = 0;
        for (i = 0; i < n * n; i++)
            A[i] = B[i] * (scale / nrm);
        while (scale / ldexp(1.0, N) > 0.125)
            N++;
        h = ldexp(1.0, -N);
        for (i = 0; i < n * n; i++) {
            R[i] = P[i] = (i % (n + 1) == 0) ? 1.0 : 0.0;
            Ah[i] = A[i] * h;
        }
        for (k = 1; k <= 40; k++) {
            matmul(n, P, Ah, T);
            for (i = 0; i < n * n; i++) {
                P[i] = T[i] / k;
                R[i] += P[i];
            }
        }
        for (k = 0; k < N; k++) {
            matmul(n, R, R, T);
            memcpy(R, T, sizeof T);
        }
        CHECK(run_expm(n, A, E, &deg, &s) == GDF_OK, "degree test status");
        seen[deg] = 1;
        CHECK(relerr(n * n, E, R) <= (scale > 10 ? 1e-12 : scale > 1 ? 1e-13 : 2e-14),
              "||A||_1 = %g (m=%d s=%d): relerr %.3g", scale, deg, s, relerr(n * n, E, R));
        if (scale <= 4.0) { /* exp(A) exp(-A) = I while both are modest */
            double Am[n * n], Em[n * n], I4[n * n];
            for (i = 0; i < n * n; i++) {
                Am[i] = -A[i];
                I4[i] = (i % (n + 1) == 0) ? 1.0 : 0.0;
            }
            run_expm(n, Am, Em, NULL, NULL);
            matmul(n, E, Em, T);
            CHECK(relerr(n * n, T, I4) <= 1e-13, "exp(A)exp(-A)=I, ||A|| = %g: %.3g", scale,
                  relerr(n * n, T, I4));
        }
    }
    CHECK(seen[3] && seen[5] && seen[7] && seen[9] && seen[13],
          "degrees used: 3:%d 5:%d 7:%d 9:%d 13:%d", seen[3], seen[5], seen[7], seen[9], seen[13]);
}

static void test_expm_misc(void)
{
    double Z[9] = {0}, E[9], I3[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1}, A1[1] = {-3.0}, E1v[1];
    double A[4] = {1.0, 2.0, 3.0, 4.0}, R[4];
    double *w = malloc(sizeof(double) * gdf_expm_work(3));
    ptrdiff_t iw[3];
    int deg, s;
    CHECK(run_expm(3, Z, E, &deg, &s) == GDF_OK && relerr(9, E, I3) == 0.0, "expm(0) = I");
    CHECK(run_expm(1, A1, E1v, &deg, &s) == GDF_OK && E1v[0] == exp(-3.0), "1x1");
    CHECK(gdf_expm(0, NULL, NULL, NULL, NULL) == GDF_OK, "n = 0");
    /* E aliasing A */
    run_expm(2, A, R, NULL, NULL);
    CHECK(gdf_expm(2, A, A, w, iw) == GDF_OK && relerr(4, A, R) == 0.0, "E == A aliasing");
    /* non-finite input */
    Z[4] = NAN;
    CHECK(gdf_expm(3, Z, E, w, iw) == GDF_EARG, "NaN -> EARG");
    Z[4] = INFINITY;
    CHECK(gdf_expm(3, Z, E, w, iw) == GDF_EARG, "Inf -> EARG");
    /* huge norm: prescaled, still correct (diagonal: exact values) */
    {
        double H[4] = {-1e50, 0.0, 1.0, -2e50}, Ht[4], R2[4];
        transpose(2, H, Ht); /* lower triangular: Alg. 5.1 path */
        CHECK(run_expm(2, Ht, E, &deg, &s) == GDF_OK, "huge status");
        R2[0] = 0.0;
        R2[1] = 0.0;
        R2[2] = 0.0;
        R2[3] = 0.0;
        CHECK(gdf_all_finite(4, E) && relerr(4, E, R2) == 0.0, "huge: exp(-1e30) = 0 (s=%d)", s);
    }
    free(w);
}

static void test_args(void)
{
    double A[4] = {2, 0, 0, 1}, b[2] = {1, 1}, x0[2] = {0, 0}, T[8];
    double bad[4][1] = {{-1.0}, {0.5}, {NAN}, {1e17}};
    int i;
    for (i = 0; i < 4; i++) {
        CHECK(run_sym(2, A, b, 1, x0, 1, bad[i], 1, 0.1, T) == GDF_EARG, "sym bad k %g", bad[i][0]);
        CHECK(run_gen(2, A, b, 1, x0, 1, bad[i], 1, 0.1, T) == GDF_EARG, "gen bad k %g", bad[i][0]);
    }
    {
        double k1[1] = {3.0}, tn[1] = {INFINITY};
        CHECK(run_sym(2, A, b, 1, x0, 1, k1, 1, 0.0, T) == GDF_EARG, "eta = 0");
        CHECK(run_sym(2, A, b, 1, x0, 1, k1, 1, -1.0, T) == GDF_EARG, "eta < 0");
        CHECK(run_gen(2, A, b, 1, x0, 1, k1, 1, NAN, T) == GDF_EARG, "eta NaN");
        CHECK(run_sym(2, A, b, 1, x0, 1, tn, 0, 0.0, T) == GDF_EARG, "t Inf");
        CHECK(run_gen(2, A, b, 1, x0, 1, tn, 0, 0.0, T) == GDF_EARG, "gen t Inf");
        CHECK(run_sym(-1, A, b, 1, x0, 1, k1, 0, 0.0, T) == GDF_EARG, "d < 0");
        A[1] = NAN;
        CHECK(run_sym(2, A, b, 1, x0, 1, k1, 0, 0.0, T) == GDF_EARG, "A NaN sym");
        CHECK(run_gen(2, A, b, 1, x0, 1, k1, 0, 0.0, T) == GDF_EARG, "A NaN gen");
        A[1] = 0.0;
        CHECK(run_sym(2, A, b, 1, x0, 0, NULL, 0, 0.0, T) == GDF_OK, "nt = 0");
    }
}


/* ------------------------------------------------------------------ */
/* issue 12 (Trust): hard cases with closed forms, overflow, no hang    */
/* ------------------------------------------------------------------ */

/* ||X - R||_1 / ||R||_1 */
static double rel1(int n, const double *X, const double *R)
{
    double nr;
    double e = norm1_diff(n, X, R, &nr);
    return e / nr;
}

/* expm(A) and expm(A') against R and R', relative 1-norm error <= tol */
static void hard_case(const char *name, int n, const double *A, const double *R, double tol)
{
    double E[64], At[64], Rt[64], e1, e2;
    int deg, s, deg2, s2;
    CHECK(run_expm(n, A, E, &deg, &s) == GDF_OK, "%s: status", name);
    e1 = rel1(n, E, R);
    transpose(n, A, At);
    transpose(n, R, Rt);
    CHECK(run_expm(n, At, E, &deg2, &s2) == GDF_OK, "%s': status", name);
    e2 = rel1(n, E, Rt);
    printf("  hard %-32s m=%2d s=%2d err %.2e | transposed m=%2d s=%2d err %.2e\n", name, deg, s,
           e1, deg2, s2, e2);
    CHECK(e1 <= tol, "%s: relative 1-norm error %.3g > %.0e (m=%d s=%d)", name, e1, tol, deg, s);
    CHECK(e2 <= tol, "%s (transposed): relative 1-norm error %.3g > %.0e (m=%d s=%d)", name, e2,
          tol, deg2, s2);
}

/* The classic hard cases (Higham 2005/2009, Al-Mohy & Higham 2009, Moler &
 * Van Loan), each with its exponential in closed form, each also
 * transposed (lower triangular for the triangular ones).  Errors of the
 * previous algorithm are in the comments (relative 1-norm). */
static void test_expm_hard(void)
{
    char nm[96];
    int k, i, j;
    /* [1 b; 0 -1]: exp = [e, b sinh(1); 0, 1/e] */
    {
        double bs[2] = {1e8, 1e10};
        for (k = 0; k < 2; k++) {
            double b = bs[k], A[4] = {1, 0, b, -1}, R[4] = {E1, 0, b * sinh(1.0), 1 / E1};
            sprintf(nm, "[1 b; 0 -1], b = %g", b);
            hard_case(nm, 2, A, R, 1e-12);
        }
    }
    /* [x 0; y -x]: exp = [e^x 0; y sinh(x)/x e^-x] */
    {
        double xs[2] = {0.5, 10.0}, ys[2] = {1e8, 1e10};
        for (k = 0; k < 4; k++) {
            double x = xs[k / 2], y = ys[k % 2], A[4] = {x, y, 0, -x};
            double R[4] = {exp(x), y * sinh(x) / x, 0, exp(-x)};
            sprintf(nm, "[x 0; y -x], x = %g, y = %g", x, y);
            hard_case(nm, 2, A, R, 1e-12);
        }
    }
    /* I + N, N = c (strictly upper ones), 4x4: exp = e (I + N + N^2/2 + N^3/6);
     * also permuted (P (I + N) P', not triangular: dgebal's permutation).
     * Old: transposed c = 1e6 1.5e-9; permuted c = 1e6 1.4e-10 */
    {
        double cs[3] = {1e2, 1e4, 1e6};
        int pm[4] = {2, 0, 3, 1};
        for (k = 0; k < 3; k++) {
            double c = cs[k], N[16] = {0}, N2[16], N3[16], A[16], R[16], Ap[16], Rp[16];
            for (j = 0; j < 4; j++)
                for (i = 0; i < j; i++)
                    N[i + j * 4] = c;
            matmul(4, N, N, N2);
            matmul(4, N2, N, N3);
            for (i = 0; i < 16; i++) {
                A[i] = N[i] + (i % 5 == 0);
                R[i] = E1 * ((i % 5 == 0) + N[i] + N2[i] / 2 + N3[i] / 6);
            }
            sprintf(nm, "I + N (4x4), c = %g", c);
            hard_case(nm, 4, A, R, 1e-12);
            for (j = 0; j < 4; j++)
                for (i = 0; i < 4; i++) {
                    Ap[pm[i] + pm[j] * 4] = A[i + j * 4];
                    Rp[pm[i] + pm[j] * 4] = R[i + j * 4];
                }
            sprintf(nm, "P (I + N) P', c = %g", c);
            hard_case(nm, 4, Ap, Rp, 1e-12);
        }
    }
    /* upper triangular 3x3 with huge off-diagonal entries, distinct
     * diagonal: divided differences.  Old: transposed h = 1e10 4.9e-10 */
    {
        double hs[2] = {1e6, 1e10};
        for (k = 0; k < 2; k++) {
            double l1 = 0.5, l2 = -1.25, l3 = 2.0, a = 3 * hs[k], bq = -2 * hs[k], c = 7 * hs[k];
            double T[9] = {l1, 0, 0, a, l2, 0, bq, c, l3}, R[9] = {0};
            double f123 = (dd1(l1, l2) - dd1(l2, l3)) / (l1 - l3);
            R[0] = exp(l1);
            R[4] = exp(l2);
            R[8] = exp(l3);
            R[3] = a * dd1(l1, l2);
            R[7] = c * dd1(l2, l3);
            R[6] = bq * dd1(l1, l3) + a * c * f123;
            sprintf(nm, "triangular 3x3, off-diagonal %g", hs[k]);
            hard_case(nm, 3, T, R, 1e-12);
        }
    }
    /* nilpotent Jordan block 6x6 with superdiagonal c: exp = sum N^k/k! */
    {
        double cs[3] = {1.0, 1e2, 1e3};
        for (k = 0; k < 3; k++) {
            double A[36] = {0}, R[36] = {0}, c = cs[k];
            for (i = 0; i + 1 < 6; i++)
                A[i + (i + 1) * 6] = c;
            for (i = 0; i < 6; i++) {
                double f = 1.0;
                for (j = i; j < 6; j++) {
                    if (j > i)
                        f *= c / (j - i);
                    R[i + j * 6] = f;
                }
            }
            sprintf(nm, "nilpotent Jordan 6x6, c = %g", c);
            hard_case(nm, 6, A, R, 1e-12);
        }
    }
    /* block-diagonal rotations (angles w, 2w): exact cos/sin (n = 4: the
     * 1-norm estimator decides d8, d10) */
    {
        double ws[3] = {1.0, 30.0, 100.0};
        for (k = 0; k < 3; k++) {
            double w = ws[k], A[16] = {0}, R[16] = {0};
            A[1] = w;
            A[4] = -w;
            A[2 + 3 * 4] = -2 * w;
            A[3 + 2 * 4] = 2 * w;
            R[0] = R[5] = cos(w);
            R[1] = sin(w);
            R[4] = -sin(w);
            R[10] = R[15] = cos(2 * w);
            R[3 + 2 * 4] = sin(2 * w);
            R[2 + 3 * 4] = -sin(2 * w);
            sprintf(nm, "rotation blocks, w = %g", w);
            hard_case(nm, 4, A, R, 1e-12);
        }
    }
    /* [a -w; w a]: e^a [cos w -sin w; sin w cos w] */
    {
        double as[3] = {-2.0, 0.0, 1.0}, ws[3] = {20.0, 3.0, 50.0};
        for (k = 0; k < 3; k++) {
            double a = as[k], w = ws[k], A[4] = {a, w, -w, a};
            double R[4] = {exp(a) * cos(w), exp(a) * sin(w), -exp(a) * sin(w), exp(a) * cos(w)};
            sprintf(nm, "[a -w; w a], a = %g, w = %g", a, w);
            hard_case(nm, 2, A, R, 1e-12);
        }
    }
    /* Moler & Van Loan's [-49 24; -64 31] = V diag(-1, -17) V^-1, V = [1 3; 2 4] */
    {
        double A[4] = {-49, -64, 24, 31}, V[4] = {1, 2, 3, 4}, Vi[4] = {-2, 1, 1.5, -0.5};
        double D[4] = {exp(-1.0), 0, 0, exp(-17.0)}, T[4], R[4];
        matmul(2, V, D, T);
        matmul(2, T, Vi, R);
        hard_case("Moler-Van Loan [-49 24; -64 31]", 2, A, R, 1e-12);
    }
    /* V diag(lambda) V^-1 with V = [1 1 0; 0 1 1; 1 0 1] (condition 2;
     * V^-1 = [1 -1 1; 1 1 -1; -1 1 1]/2: A is exact in binary) */
    {
        double lams[3][3] = {{-2, 0.5, 3}, {-30, 4, 25}, {-1, -1e-3, 40}};
        for (k = 0; k < 3; k++) {
            double V[9] = {1, 0, 1, 1, 1, 0, 0, 1, 1};
            double Vi[9] = {0.5, 0.5, -0.5, -0.5, 0.5, 0.5, 0.5, -0.5, 0.5};
            double D[9] = {0}, ED[9] = {0}, T[9], A[9], R[9];
            for (i = 0; i < 3; i++) {
                D[i * 4] = lams[k][i];
                ED[i * 4] = exp(lams[k][i]);
            }
            matmul(3, V, D, T);
            matmul(3, T, Vi, A);
            matmul(3, V, ED, T);
            matmul(3, T, Vi, R);
            sprintf(nm, "V diag(%g, %g, %g) V^-1", lams[k][0], lams[k][1], lams[k][2]);
            hard_case(nm, 3, A, R, 1e-12);
        }
    }
    /* I + c [1 1; -1 -1] (exp = e (I + N)): ill conditioned for large c
     * (relative condition number ~ (2c)^2/6, so cond * u = 7e-13, 7e-11,
     * 7e-9 for c = 1e2, 1e3, 1e4): 1e-12 only for small c; beyond, a guard
     * against getting worse than today (1.0e-12, 9.9e-10, 6.2e-7) */
    {
        double cs[4] = {10.0, 1e2, 1e3, 1e4}, tol[4] = {1e-13, 3e-12, 3e-9, 2e-6};
        for (k = 0; k < 4; k++) {
            double c = cs[k], A[4] = {1 + c, -c, c, 1 - c}, R[4];
            for (i = 0; i < 4; i++)
                R[i] = E1 * A[i];
            sprintf(nm, "I + c [1 1; -1 -1], c = %g", c);
            hard_case(nm, 2, A, R, tol[k]);
        }
    }
}

/* The flow with b at large t: the augmented [-tA tb; 0 0] has a zero
 * last row, whose eigenvalue 1 in r_m(X) came out as 1 - 1.1e-16, and
 * 2^s squarings turned that into a relative error 2^s u in theta(t) ->
 * theta* (old: 1.1e-10 at t = 1e6, 1.2e-7 at t = 1e9, 1.2e-4 at 1e12
 * through gdf_expm).  Now the zero row is exact: errors ~1e-16. */
static void test_gen_converged(void)
{
    double A[9] = {4, -1, 0.3, 1, 4, 0, 0, 0.5, 3.5}, b[3] = {1, 2, 3}, x0[3] = {1, -1, 2};
    double ts[3] = {1e3, 1e6, 1e9}, T[9], th[3], M[9];
    int i, j, k;
    /* theta* = A \ b by Gaussian elimination (no pivoting needed here) */
    memcpy(M, A, sizeof M);
    memcpy(th, b, sizeof th);
    for (k = 0; k < 3; k++)
        for (i = k + 1; i < 3; i++) {
            double f = M[i + k * 3] / M[k + k * 3];
            for (j = k; j < 3; j++)
                M[i + j * 3] -= f * M[k + j * 3];
            th[i] -= f * th[k];
        }
    for (i = 2; i >= 0; i--) {
        for (j = i + 1; j < 3; j++)
            th[i] -= M[i + j * 3] * th[j];
        th[i] /= M[i + i * 3];
    }
    CHECK(run_gen(3, A, b, 1, x0, 3, ts, 0, 0.0, T) == GDF_OK, "converged flow status");
    for (k = 0; k < 3; k++) {
        double e = 0.0, nt = 0.0;
        for (i = 0; i < 3; i++) {
            e += fabs(T[k + 3 * i] - th[i]);
            nt += fabs(th[i]);
        }
        printf("  flow with b at t = %g: relative error to theta* %.2e\n", ts[k], e / nt);
        CHECK(e / nt <= 1e-14, "flow with b, t = %g: relative error %.3g to theta*", ts[k], e / nt);
    }
}

static void on_alarm(int sig)
{
    (void)sig;
    fprintf(stderr, "test_exact: a call did not return within the time limit (hang)\n");
    _exit(2);
}

/* Overflowing scaled norms: each call returns at once (alarm guards the
 * old hang: ilogb(Inf) = INT_MAX squarings), with the exact limit where it
 * exists and GDF_EXACT_EOVERFLOW otherwise, never Inf/NaN or garbage. */
static void test_exact_overflow(void)
{
    double x0[2] = {1.0, 1.0}, T[8], b[2] = {1.0, 1.0};
    int deg, s, st;
    signal(SIGALRM, on_alarm);
    alarm(60);
    {   /* column sums overflow (old: ~2^31 squarings); e^{1e308} overflows */
        double a = 1e308, A[4] = {a, a, -a, a}, E[4];
        st = run_expm(2, A, E, &deg, &s);
        CHECK(st == GDF_EXACT_EOVERFLOW, "expm [a -a; a a], a = 1e308: status %d", st);
        CHECK(s <= GDF_EXPM_SMAX, "squarings %d capped", s);
    }
    {   /* the same decaying: e^{-a} (rotation) underflows to exact 0 */
        double a = 1e308, A[4] = {-a, a, -a, -a}, E[4], Z[4] = {0, 0, 0, 0};
        st = run_expm(2, A, E, &deg, &s);
        CHECK(st == GDF_OK && relerr(4, E, Z) == 0.0, "expm [-a -a; a -a]: status %d, 0", st);
    }
    {   /* gen flow, t = 1e308: -tA not representable; A = [2 1; 0 3] has
         * eigenvalues 2, 3 > 0, so the flow has converged to theta* = A\b */
        double A[4] = {2, 0, 1, 3}, t[3] = {1e308, 1e10, 1e300}, ts[2] = {1.0 / 3, 1.0 / 3};
        int i;
        st = run_gen(2, A, b, 1, x0, 3, t, 0, 0.0, T);
        CHECK(st == GDF_OK, "limit: status %d", st);
        for (i = 0; i < 3; i++)
            CHECK(fabs(T[i] - ts[0]) <= 1e-16 && fabs(T[i + 3] - ts[1]) <= 1e-16,
                  "t = %g: theta = (%.17g, %.17g), theta* = (1/3, 1/3)", t[i], T[i], T[i + 3]);
        st = run_gen(2, A, NULL, 1, x0, 1, t, 0, 0.0, T);
        CHECK(st == GDF_OK && T[0] == 0.0 && T[1] == 0.0, "limit without b: 0 (status %d)", st);
        /* backwards: it grows: overflow */
        t[0] = -1e308;
        CHECK(run_gen(2, A, b, 1, x0, 1, t, 0, 0.0, T) == GDF_EXACT_EOVERFLOW, "t = -1e308");
        t[0] = -1e3; /* e^{3000}: overflows, no Inf/NaN result */
        CHECK(run_gen(2, A, b, 1, x0, 1, t, 0, 0.0, T) == GDF_EXACT_EOVERFLOW, "t = -1e3");
    }
    {   /* eigenvalues 0 and 2: the old code returned 0 at t = 1e307 (the
         * answer is the projection [-0.5; 0.25]); now: no limit claimed */
        double A[4] = {1, 0.5, 2, 1}, t[1] = {1e307};
        st = run_gen(2, A, NULL, 1, x0, 1, t, 0, 0.0, T);
        CHECK(st == GDF_EXACT_EOVERFLOW, "zero eigenvalue, t = 1e307: status %d", st);
        t[0] = 30.0; /* ordinary t: the projection to 1e-12 */
        st = run_gen(2, A, NULL, 1, x0, 1, t, 0, 0.0, T);
        CHECK(st == GDF_OK && fabs(T[0] + 0.5) <= 1e-12 && fabs(T[1] - 0.25) <= 1e-12,
              "t = 30: (%.17g, %.17g)", T[0], T[1]);
    }
    {   /* a rotation: cos(1e20) has no digits: error, not garbage */
        double A[4] = {0, -1, 1, 0}, t[1] = {1e20};
        CHECK(run_gen(2, A, NULL, 1, x0, 1, t, 0, 0.0, T) == GDF_EXACT_EOVERFLOW, "rotation");
    }
    {   /* entries near realmax, t = 1: an eigenvalue < 0 -> overflow */
        double A[4] = {1e308, 0.5e308, 1e308, 1}, t[1] = {1.0};
        CHECK(run_gen(2, A, NULL, 1, x0, 1, t, 0, 0.0, T) == GDF_EXACT_EOVERFLOW, "realmax");
    }
    {   /* iterates with k = 2^53: divergent GD overflows (53 squarings) */
        double A[4] = {2, 1, 1, -2}, k[1] = {9007199254740992.0};
        CHECK(run_gen(2, A, b, 1, x0, 1, k, 1, 1.0, T) == GDF_EXACT_EOVERFLOW, "GD 2^53");
        /* convergent: theta_k = theta* exactly in the limit */
        A[0] = 2;
        A[1] = 0;
        A[2] = 1;
        A[3] = 3;
        CHECK(run_gen(2, A, b, 1, x0, 1, k, 1, 0.25, T) == GDF_OK &&
                  fabs(T[0] - 1.0 / 3) <= 1e-15 && fabs(T[1] - 1.0 / 3) <= 1e-15,
              "GD 2^53 convergent: (%.17g, %.17g)", T[0], T[1]);
    }
    {   /* GD with a mode that neither contracts nor grows (eigenvalues of
         * A: 0 and 2.56; the computed 0 is ~1e-17): the old code drifted
         * silently (k = 2^53: 25% off).  k <= 2^32: computed; beyond: error */
        double A[4] = {1.1, 0.7, 2.3, 0.0}, k[1];
        A[3] = A[2] * A[1] / A[0];
        k[0] = 1e6;
        st = run_gen(2, A, NULL, 1, x0, 1, k, 1, 0.25, T);
        CHECK(st == GDF_OK, "GD neutral mode, k = 1e6: status %d", st);
        k[0] = 9007199254740992.0;
        st = run_gen(2, A, NULL, 1, x0, 1, k, 1, 0.25, T);
        CHECK(st == GDF_EXACT_EOVERFLOW, "GD neutral mode, k = 2^53: status %d", st);
    }
    alarm(0);
}

int main(void)
{
    test_sym_flow();
    test_sym_semidef();
    test_sym_indefinite();
    test_iterates();
    test_multistart();
    test_gen_flow();
    test_expm_rotation();
    test_expm_jordan();
    test_expm_diag();
    test_expm_triangular();
    test_expm_overscaling();
    test_expm_sym_sweep();
    test_expm_ell();
    test_expm_degrees();
    test_expm_balancing();
    test_expm_misc();
    test_args();
    test_expm_hard();
    test_exact_overflow();
    test_gen_converged();
    return check_report("test_exact");
}
