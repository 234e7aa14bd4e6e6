/* gdf_exact.c - closed forms of the gradient flow and the GD iterates of a
 * quadratic, and the matrix exponential (see gdf_exact.h for the API).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_exact.h"

#define GDF_KMAX 9007199254740992.0 /* 2^53: every integer below is exact */

static const gdf_int I_ONE = 1;

static int valid_index(double k) /* NaN fails every comparison */
{
    return k >= 0.0 && k <= GDF_KMAX && k == floor(k);
}

static int times_ok(ptrdiff_t nt, const double *t, int iterates)
{
    ptrdiff_t i;
    for (i = 0; i < nt; i++)
        if (iterates ? !valid_index(t[i]) : !isfinite(t[i]))
            return 0;
    return 1;
}

/* ================================================================== */
/* Symmetric A                                                         */
/* ================================================================== */

/* Flow of z' = -lam z + c: z(t) = g z0 + h c with g = e^{-lam t} and
 * h = (1 - e^{-lam t}) / lam = -expm1(-lam t) / lam, which is t to double
 * precision once |lam t| < 2^-60 (its relative error there is |lam t|/2). */
static void flow_coef(double lam, double t, double *g, double *h)
{
    double x = lam * t;
    *g = exp(-x);
    *h = fabs(x) < 0x1p-60 ? t : -expm1(-x) / lam;
}

/* GD on z: z_k = g z0 + h c with r = 1 - w, w = eta lam, g = r^k and
 * h = (1 - r^k) / lam, without cancellation:
 *   r > 0:  r^k = exp(k log1p(-w)),  1 - r^k = -expm1(k log1p(-w));
 *   r = 0:  r^k = 0 for k >= 1;
 *   r < 0:  |r|^k = exp(k log1p(w - 2)) (w - 2 is exact for w in [1, 4]),
 *           1 - r^k = -expm1(k log|r|) for even k and 1 + |r|^k for odd k;
 *   |k w| < 2^-60 (lam = 0 among them): h = eta k to double precision.  */
static void iter_coef(double lam, double eta, double k, double *g, double *h)
{
    double w = eta * lam;
    if (k == 0.0) {
        *g = 1.0;
        *h = 0.0;
    } else if (fabs(w) * k < 0x1p-60) {
        *g = exp(k * log1p(-w));
        *h = eta * k;
    } else if (w < 1.0) {
        double L = k * log1p(-w);
        *g = exp(L);
        *h = -expm1(L) / lam;
    } else if (w == 1.0) {
        *g = 0.0;
        *h = 1.0 / lam;
    } else {
        double L = k * log1p(w - 2.0), a = exp(L);
        int odd = fmod(k, 2.0) != 0.0;
        *g = odd ? -a : a;
        *h = odd ? (1.0 + a) / lam : -expm1(L) / lam;
    }
}

int gdf_exact_sym_factor(ptrdiff_t d, const double *A, double *V, double *lam,
                         double *work, void *iwork)
{
    ptrdiff_t i, j;
    if (d < 0 || (d > 0 && (!A || !V || !lam || !work || !iwork)))
        return GDF_EARG;
    for (j = 0; j < d; j++)
        for (i = j; i < d; i++)
            if (!isfinite(A[i + j * d]))
                return GDF_EARG;
    if (V != A)
        memcpy(V, A, (size_t)d * (size_t)d * sizeof(double));
    return gdf_syev(d, V, lam, 1, work, iwork);
}

size_t gdf_exact_sym_eval_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m)
{
    if (d < 0 || nt < 0 || m < 0)
        return 1;
    return 1 + (size_t)d * (size_t)m + (size_t)d + (size_t)nt * (size_t)d;
}

int gdf_exact_sym_eval(ptrdiff_t d, const double *V, const double *lam,
                       const double *b, ptrdiff_t m, const double *Theta0,
                       ptrdiff_t nt, const double *t, int iterates, double eta,
                       double *Theta, double *work)
{
    ptrdiff_t i, j, p;
    double *Z0, *c, *W;
    const double one = 1.0, zero = 0.0;
    gdf_int nd, nm, nnt;

    if (d < 0 || nt < 0 || m < 0)
        return GDF_EARG;
    if (iterates && !(eta > 0.0 && isfinite(eta)))
        return GDF_EARG;
    if (nt > 0 && !t)
        return GDF_EARG;
    if (!times_ok(nt, t, iterates))
        return GDF_EARG;
    if (d == 0 || nt == 0 || m == 0)
        return GDF_OK;
    if (!V || !lam || !Theta0 || !Theta || !work)
        return GDF_EARG;
    if (b && !gdf_all_finite(d, b))
        return GDF_EARG;

    nd = (gdf_int)d;
    nm = (gdf_int)m;
    nnt = (gdf_int)nt;
    Z0 = work;              /* d x m: V'Theta0 */
    c = Z0 + d * m;         /* d: V'b          */
    W = c + d;              /* nt x d: one start's Z */

    GDF_F77(dgemm)("T", "N", &nd, &nm, &nd, &one, V, &nd, Theta0, &nd, &zero, Z0, &nd, 1, 1);
    if (b)
        GDF_F77(dgemv)("T", &nd, &nd, &one, V, &nd, b, &I_ONE, &zero, c, &I_ONE, 1);
    else
        for (p = 0; p < d; p++)
            c[p] = 0.0;

    /* Z of every start goes into Theta first (same layout), ... */
    for (p = 0; p < d; p++) {
        for (i = 0; i < nt; i++) {
            double g, h, hc;
            if (iterates)
                iter_coef(lam[p], eta, t[i], &g, &h);
            else
                flow_coef(lam[p], t[i], &g, &h);
            hc = c[p] == 0.0 ? 0.0 : h * c[p]; /* Inf * 0 must stay 0 */
            for (j = 0; j < m; j++) {
                double z0 = Z0[p + d * j];
                Theta[i + nt * (p + d * j)] = (z0 == 0.0 ? 0.0 : g * z0) + hc;
            }
        }
    }
    /* ... then Theta_j = Z_j V', one dgemm per start. */
    for (j = 0; j < m; j++) {
        double *Tj = Theta + nt * d * j;
        memcpy(W, Tj, (size_t)nt * (size_t)d * sizeof(double));
        GDF_F77(dgemm)("N", "T", &nnt, &nd, &nd, &one, W, &nnt, V, &nd, &zero, Tj, &nnt, 1, 1);
    }
    return GDF_OK;
}

size_t gdf_exact_sym_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m)
{
    size_t a, e;
    if (d < 0 || nt < 0 || m < 0)
        return 1;
    a = gdf_syev_work(d);
    e = gdf_exact_sym_eval_work(d, nt, m);
    return (size_t)d * (size_t)d + (size_t)d + (a > e ? a : e);
}

size_t gdf_exact_sym_iwork(ptrdiff_t d)
{
    return gdf_syev_iwork(d);
}

/* The checks gdf_exact_sym and gdf_exact_gen share, in this order: GDF_EARG
 * for a bad size, step or time, GDF_OK when there is nothing to compute,
 * EXACT_GO to go on. */
#define EXACT_GO (-1)
static int exact_prologue(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m, const double *t, int iterates,
                          double eta)
{
    if (d < 0 || nt < 0 || m < 0)
        return GDF_EARG;
    if (iterates && !(eta > 0.0 && isfinite(eta)))
        return GDF_EARG;
    if ((nt > 0 && !t) || !times_ok(nt, t, iterates))
        return GDF_EARG;
    if (d == 0 || nt == 0 || m == 0)
        return GDF_OK;
    return EXACT_GO;
}

int gdf_exact_sym(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                  const double *Theta0, ptrdiff_t nt, const double *t,
                  int iterates, double eta, double *Theta, double *work,
                  void *iwork)
{
    double *V, *lam, *rest;
    int st;
    if ((st = exact_prologue(d, nt, m, t, iterates, eta)) != EXACT_GO)
        return st;
    if (!A || !work || !iwork)
        return GDF_EARG;
    V = work;
    lam = V + d * d;
    rest = lam + d;
    st = gdf_exact_sym_factor(d, A, V, lam, rest, iwork);
    if (st != GDF_OK)
        return st;
    return gdf_exact_sym_eval(d, V, lam, b, m, Theta0, nt, t, iterates, eta, Theta, rest);
}

/* ================================================================== */
/* The matrix exponential                                              */
/* ================================================================== */
/*
 * Reference: A. H. Al-Mohy and N. J. Higham, "A new scaling and squaring
 * algorithm for the matrix exponential", SIAM J. Matrix Anal. Appl. 31(3),
 * 970-989, 2009 (Algorithm 5.1 and Code Fragment 2.1).
 *
 * r_m(X) = p_m(X) / p_m(-X) is the [m/m] Pade approximant to e^X,
 * p_m(x) = sum_j b_j x^j with b_j = (2m-j)! / (j! (m-j)!) (scaled so that
 * b_m = 1; generated below in exact integer arithmetic).  With
 * U = odd part, V = even part of p_m(X): r_m(X) = (V - U) \ (V + U).
 * Degree m is used without scaling when
 *     max(d_{2p}, d_{2p+2}) <= theta_m   and   ell(X, m) = 0,
 * where d_k = ||X^k||_1^{1/k} (exact for k = 4, 6 from the powers that
 * the evaluation forms anyway; for k = 8, 10 the block 1-norm estimator of
 * Higham & Tisseur (t = 2) on X4 X4 and X4 X6 applied to n x 2 blocks, as
 * in the paper, when n >= 4 - for n <= 3 the two products are cheaper and
 * exact) and
 *     theta_3 = 1.495585217958292e-2, theta_5 = 2.539398330063230e-1,
 *     theta_7 = 9.504178996162932e-1, theta_9 = 2.097847961257068e0,
 *     theta_13 = 4.25 (Algorithm 5.1's value for degree 13).
 * These bound the backward error by the unit roundoff u = 2^-53 in terms of
 * the d_k, which may be far smaller than ||X||_1 for nonnormal X.  For
 * degree 13, s = max(0, ceil(log2(min(max(d6,d8), max(d8,d10)) / theta_13)))
 * and then s += ell(2^-s X, 13).
 *
 * ell(X, m) = max(0, ceil(log2(alpha / u) / (2m))),
 *     alpha = |c_{2m+1}| || |X|^{2m+1} ||_1 / ||X||_1,
 *     |c_{2m+1}| = (m!)^2 / ((2m)! (2m+1)!),
 * the leading coefficient of the error e^{-x} r_m(x) - 1: it adds squarings
 * only when the rounding errors of evaluating r_m at a badly scaled X would
 * exceed u, and so prevents the overscaling of the 2005 algorithm (whose
 * s depended on ||X||_1 alone) on matrices such as [1 b; 0 -1], b >> 1.
 * || |X|^p ||_1 is exact here too: p products of a row vector with |X|,
 * rescaled by powers of 2 at each step (no overflow).
 *
 * For upper triangular X, the diagonal and the first superdiagonal of
 * every r_m(2^-s X)^(2^i) are replaced by their exact values (Code
 * Fragment 2.1; the superdiagonal uses the divided difference
 * t12 exp((l1+l2)/2) sinh((l1-l2)/2) / ((l1-l2)/2)).
 *
 * Added here: matrices with ||X||_1 > 2^96 are scaled by 2^-s0 first (the
 * squarings are added back), so the powers up to X^10 cannot overflow;
 * s0 is bounded via n max|x_ij| when the column sums overflow (ilogb(Inf)
 * = INT_MAX made that 2^31 squarings: a hang), and the total number of
 * squarings is capped at GDF_EXPM_SMAX.  Lower triangular X is computed
 * as expm(X')' and a permuted triangular X through dgebal's permutation,
 * so the triangular fix-ups apply to them too.
 *
 * Not cured here: a nonnormal X whose exponential is ill conditioned, e.g.
 * I + c [1 1; -1 -1] (exp = e (I + N), relative condition number about
 * (2c)^2 / 6): errors 1e-12, 1e-9, 6e-7 for c = 1e2, 1e3, 1e4, within
 * two orders of magnitude of cond * u, as for any scaling and squaring.
 */

#define TH3 1.495585217958292e-2
#define TH5 2.539398330063230e-1
#define TH7 9.504178996162932e-1
#define TH9 2.097847961257068e0
#define TH13 4.25

static double norm1(ptrdiff_t n, const double *X)
{
    ptrdiff_t i, j;
    double mx = 0.0;
    for (j = 0; j < n; j++) {
        double s = 0.0;
        const double *c = X + j * n;
        for (i = 0; i < n; i++)
            s += fabs(c[i]);
        if (s > mx || s != s)
            mx = s;
    }
    return mx;
}

/* C = X Y, all n x n */
static void mm(ptrdiff_t n, const double *X, const double *Y, double *C)
{
    gdf_int nn = (gdf_int)n;
    const double one = 1.0, zero = 0.0;
    GDF_F77(dgemm)("N", "N", &nn, &nn, &nn, &one, X, &nn, Y, &nn, &zero, C, &nn, 1, 1);
}

/* log2 || |X|^p ||_1 (-Inf when zero).  || B^p ||_1 = max_j (1'B^p)_j for
 * B >= 0; the row vector is rescaled by 2^-e at each step (exactly). */
static double log2_norm1_abspow(ptrdiff_t n, const double *X, int p, double *x, double *y)
{
    ptrdiff_t i, j;
    int q, e;
    double lg = 0.0, mx = 0.0, *tmp;
    for (i = 0; i < n; i++)
        x[i] = 1.0;
    for (q = 0; q < p; q++) {
        mx = 0.0;
        for (j = 0; j < n; j++) {
            double s = 0.0;
            const double *c = X + j * n;
            for (i = 0; i < n; i++)
                s += x[i] * fabs(c[i]);
            y[j] = s;
            if (s > mx)
                mx = s;
        }
        if (mx == 0.0)
            return -HUGE_VAL;
        (void)frexp(mx, &e);
        for (j = 0; j < n; j++)
            y[j] = ldexp(y[j], -e);
        lg += e;
        tmp = x;
        x = y;
        y = tmp;
    }
    mx = 0.0;
    for (i = 0; i < n; i++)
        if (x[i] > mx)
            mx = x[i];
    return lg + log2(mx);
}

/* Y = P Q X (trans 0) or Q' P' X (trans 1); X, Y n x 2, T n x 2 scratch */
static void apply_pq(ptrdiff_t n, const double *P, const double *Q, int trans, const double *X,
                     double *Y, double *T)
{
    gdf_int nn = (gdf_int)n, two = 2;
    const double one = 1.0, zero = 0.0;
    if (!trans) {
        GDF_F77(dgemm)("N", "N", &nn, &two, &nn, &one, Q, &nn, X, &nn, &zero, T, &nn, 1, 1);
        GDF_F77(dgemm)("N", "N", &nn, &two, &nn, &one, P, &nn, T, &nn, &zero, Y, &nn, 1, 1);
    } else {
        GDF_F77(dgemm)("T", "N", &nn, &two, &nn, &one, P, &nn, X, &nn, &zero, T, &nn, 1, 1);
        GDF_F77(dgemm)("T", "N", &nn, &two, &nn, &one, Q, &nn, T, &nn, &zero, Y, &nn, 1, 1);
    }
}

/* A lower bound (almost always the exact value) of ||P Q||_1 by the block
 * 1-norm estimator of Higham & Tisseur (2000, Algorithm 2.4) with t = 2
 * columns and at most 5 iterations, using products of P, Q and their
 * transposes with n x 2 blocks only (P Q is never formed).  The random
 * +-1 columns of the paper come from a fixed sequence (a deterministic
 * result).  w: 10n doubles; hist: n chars (indices already used). */
static double normest1_pq(ptrdiff_t n, const double *P, const double *Q, double *w,
                          unsigned char *hist)
{
    /* the h_i of the paper overwrite Y's first column */
    double *X = w, *Y = X + 2 * n, *S = Y + 2 * n, *So = S + 2 * n, *T = So + 2 * n;
    double est = 0.0, est_old = 0.0;
    ptrdiff_t i, ind[2] = {0, 0}, best = 0;
    int k, j, c;
    unsigned long rng = 12345u;

    memset(hist, 0, (size_t)n);
    for (i = 0; i < n; i++) {
        X[i] = 1.0 / (double)n;
        X[i + n] = (i & 1 ? -1.0 : 1.0) / (double)n;
    }
    for (i = 0; i < 2 * n; i++)
        So[i] = 0.0;
    for (k = 1; k <= 5; k++) {
        double cs[2];
        apply_pq(n, P, Q, 0, X, Y, T);
        for (j = 0; j < 2; j++) {
            cs[j] = 0.0;
            for (i = 0; i < n; i++)
                cs[j] += fabs(Y[i + j * n]);
        }
        c = cs[1] > cs[0];
        est = cs[c];
        if (k >= 2 && est <= est_old) {
            est = est_old;
            break;
        }
        est_old = est;
        if (k >= 2)
            best = ind[c];
        if (k == 5)
            break;
        for (i = 0; i < 2 * n; i++)
            S[i] = Y[i] >= 0.0 ? 1.0 : -1.0;
        { /* every column of S parallel to one of S_old: converged */
            int par = 1;
            for (j = 0; j < 2 && par; j++) {
                int any = 0, q;
                for (q = 0; q < 2 && !any; q++) {
                    double dot = 0.0;
                    for (i = 0; i < n; i++)
                        dot += S[i + j * n] * So[i + q * n];
                    any = fabs(dot) == (double)n;
                }
                par = any;
            }
            if (par)
                break;
        }
        /* column 2 parallel to column 1 (or to S_old): resample it */
        for (c = 0; c < 8; c++) {
            double dot = 0.0, d0 = 0.0, d1 = 0.0;
            for (i = 0; i < n; i++) {
                dot += S[i] * S[i + n];
                d0 += S[i + n] * So[i];
                d1 += S[i + n] * So[i + n];
            }
            if (fabs(dot) < (double)n && fabs(d0) < (double)n && fabs(d1) < (double)n)
                break;
            for (i = 0; i < n; i++) {
                rng = rng * 1103515245u + 12345u;
                S[i + n] = (rng >> 16) & 1u ? 1.0 : -1.0;
            }
        }
        memcpy(So, S, 2 * (size_t)n * sizeof(double));
        apply_pq(n, P, Q, 1, S, Y, T); /* Z = B' S in Y */
        {
            double hmax = -1.0, h1 = -1.0, h2 = -1.0;
            ptrdiff_t i1 = -1, i2 = -1;
            for (i = 0; i < n; i++) {
                double v = fabs(Y[i]) > fabs(Y[i + n]) ? fabs(Y[i]) : fabs(Y[i + n]);
                if (v > hmax)
                    hmax = v;
                Y[i] = v; /* h */
            }
            if (k >= 2 && Y[best] == hmax)
                break;
            /* the two largest h_i not used before (ties: the lowest index) */
            for (i = 0; i < n; i++) {
                double v = Y[i];
                if (hist[i])
                    continue;
                if (v > h1) {
                    h2 = h1;
                    i2 = i1;
                    h1 = v;
                    i1 = i;
                } else if (v > h2) {
                    h2 = v;
                    i2 = i;
                }
            }
            if (i1 < 0)
                break;
            ind[0] = i1;
            ind[1] = i2 >= 0 ? i2 : i1;
            for (i = 0; i < 2 * n; i++)
                X[i] = 0.0;
            X[ind[0]] = 1.0;
            X[ind[1] + n] = 1.0;
            hist[ind[0]] = 1;
            hist[ind[1]] = 1;
        }
    }
    return est;
}

/* ell(2^-s X, m); normX = ||X||_1 */
static int ell(ptrdiff_t n, const double *X, double normX, int m, int s, double *x, double *y)
{
    double lg, lc = 0.0, la, v;
    int i;
    if (normX == 0.0)
        return 0;
    lg = log2_norm1_abspow(n, X, 2 * m + 1, x, y);
    if (lg == -HUGE_VAL)
        return 0;
    /* log2 (m!)^2 / ((2m)! (2m+1)!):  m!/(2m)! = 1 / prod_{i=1..m} (m+i)
     * and m!/(2m+1)! = 1 / ((2m+1) prod_{i=1..m} (m+i)) */
    for (i = 1; i <= m; i++)
        lc -= 2.0 * log2((double)(m + i));
    lc -= log2((double)(2 * m + 1));
    la = lc + (lg - (double)s * (2 * m + 1)) - (log2(normX) - (double)s);
    v = ceil((la + 53.0) / (2.0 * m));
    if (!(v < 4096.0)) /* no (int) of a huge or NaN value: s > GDF_EXPM_SMAX */
        return 4096;
    return v > 0.0 ? (int)v : 0;
}

/* Pade coefficients b_0..b_m of degree m (b_m = 1), exact integers. */
static void pade_coef(int m, double *bc)
{
    uint64_t v = 1;
    int j;
    bc[m] = 1.0;
    for (j = m; j >= 1; j--) {
        v = v * (uint64_t)j * (uint64_t)(2 * m - j + 1) / (uint64_t)(m - j + 1);
        bc[j - 1] = (double)v;
    }
}

/* Y = sum_q w[q] P[q] (+ w0 on the diagonal); P[q] n x n, np terms */
static void lincomb(ptrdiff_t n, int np, const double *const *P, const double *w,
                    double w0, double *Y)
{
    ptrdiff_t i, nn = n * n;
    int q;
    for (i = 0; i < nn; i++) {
        double s = 0.0;
        for (q = 0; q < np; q++)
            s += w[q] * P[q][i];
        Y[i] = s;
    }
    for (i = 0; i < n; i++)
        Y[i + i * n] += w0;
}

/* exp of the 2x2 upper triangular [l1 t12; 0 l2]: the (1,2) entry */
static double expm2_offdiag(double l1, double l2, double t12)
{
    double a = 0.5 * (l1 + l2), x = 0.5 * (l1 - l2);
    if (t12 == 0.0)
        return 0.0;
    if (fabs(x) < 300.0)
        return t12 * exp(a) * (x == 0.0 ? 1.0 : sinh(x) / x);
    return t12 * (exp(l1) - exp(l2)) / (l1 - l2);
}

static void tri_fix(ptrdiff_t n, double *X, const double *dg, const double *sp, int i)
{
    ptrdiff_t k;
    for (k = 0; k < n; k++)
        X[k + k * n] = exp(ldexp(dg[k], -i));
    for (k = 0; k + 1 < n; k++)
        X[k + (k + 1) * n] = expm2_offdiag(ldexp(dg[k], -i), ldexp(dg[k + 1], -i),
                                           ldexp(sp[k], -i));
}

size_t gdf_expm_work(ptrdiff_t n)
{
    if (n <= 0)
        return 1;
    /* the core's 7 n^2 + 4n, the balanced copy n^2 and its scaling n */
    return 8 * (size_t)n * (size_t)n + 5 * (size_t)n;
}

size_t gdf_expm_iwork(ptrdiff_t n)
{
    return n <= 0 ? 1 : (size_t)n;
}

/* ||P Q||_1^r: estimated (normest1_pq, W its workspace) when est, else
 * formed in T and measured exactly; the d_p = ||X^p||^(1/p) of the degree
 * choice (Al-Mohy and Higham's Algorithm 5.1) */
static double norm_root(ptrdiff_t n, const double *P, const double *Q, int est, double *W,
                        double *T, void *iwork, double r)
{
    if (est)
        return pow(normest1_pq(n, P, Q, W, (unsigned char *)iwork), r);
    mm(n, P, Q, T);
    return pow(norm1(n, T), r);
}

/* Entry (i, j) of an n x n matrix read with strides rs (rows) and cs
 * (columns): (1, n) reads X, (n, 1) reads X'. */
#define AT(X, i, j, rs, cs) ((X)[(i) * (rs) + (j) * (cs)])

/* every entry below the diagonal is 0 (of X: (1, n); of X': (n, 1)) */
static int upper_s(ptrdiff_t n, const double *X, ptrdiff_t rs, ptrdiff_t cs)
{
    ptrdiff_t i, j;
    for (j = 0; j < n; j++)
        for (i = j + 1; i < n; i++)
            if (AT(X, i, j, rs, cs) != 0.0)
                return 0;
    return 1;
}

/* X upper triangular (is_upper), or X' upper triangular (is_upper_t) */
static int is_upper(ptrdiff_t n, const double *X) { return upper_s(n, X, 1, n); }
static int is_upper_t(ptrdiff_t n, const double *X) { return upper_s(n, X, n, 1); }

/* E(i, :) = e_i' for every zero row i of X (strides (1, n)); with strides
 * (n, 1) the same for columns */
static void zero_lines(ptrdiff_t n, const double *X, double *E, ptrdiff_t rs, ptrdiff_t cs)
{
    ptrdiff_t i, j;
    for (i = 0; i < n; i++) {
        int z = 1;
        for (j = 0; j < n && z; j++)
            z = AT(X, i, j, rs, cs) == 0.0;
        if (z)
            for (j = 0; j < n; j++)
                AT(E, i, j, rs, cs) = i == j ? 1.0 : 0.0;
    }
}

/* E(i, :) = e_i' for every zero row i of X, E(:, j) = e_j for every zero
 * column j (exact properties of exp(X)) */
static void zero_rows_cols(ptrdiff_t n, const double *X, double *E)
{
    zero_lines(n, X, E, 1, n);
    zero_lines(n, X, E, n, 1);
}
#undef AT

/* internal status: more than smax squarings would be needed (nothing is
 * computed beyond the norm estimates) */
#define EXPM_EBIG 65

static int expm_core(ptrdiff_t n, const double *A, double *E, double *work, void *iwork,
                     int *degree, int *squarings, int smax)
{
    ptrdiff_t i, j, nn;
    double *X, *X2, *X4, *X6, *X8, *T1, *T2, *vx, *vy, *dg, *sp, *R;
    double normX, d4, d6, d8, d10, eta1, eta3, eta5, bc[14], w[6];
    const double *P[6];
    int tri, lower = 0, m = 0, s = 0, s0 = 0, stot, q, est = n >= 4;
    gdf_int nf, info = 0;

    nn = n * n;
    X = work;
    X2 = X + nn;
    X4 = X2 + nn;
    X6 = X4 + nn;
    X8 = X6 + nn;
    T1 = X8 + nn;
    T2 = T1 + nn;
    vx = T2 + nn;
    vy = vx + n;
    dg = vy + n;
    sp = dg + n;

    /* everything read from A before E (which may alias it) is written.
     * A lower triangular A is handled as expm(A')' so that it gets the
     * exact diagonal and superdiagonal too (transposition is exact). */
    tri = is_upper(n, A);
    if (!tri && is_upper_t(n, A))
        tri = lower = 1;
    if (lower) {
        for (j = 0; j < n; j++)
            for (i = 0; i < n; i++)
                X[i + j * n] = A[j + i * n];
    } else {
        memcpy(X, A, (size_t)nn * sizeof(double));
    }
    for (i = 0; i < n; i++) {
        dg[i] = X[i + i * n];
        sp[i] = i + 1 < n ? X[i + (i + 1) * n] : 0.0;
    }

    normX = norm1(n, X);
    if (!(normX <= 0x1p96)) { /* keep X^10 finite */
        /* finite entries whose column sums overflow: ilogb(Inf) would be
         * INT_MAX (2^31 squarings); bound the norm by n max|x_ij| instead */
        if (!isfinite(normX)) {
            double amax = 0.0;
            for (i = 0; i < nn; i++)
                if (fabs(X[i]) > amax)
                    amax = fabs(X[i]);
            s0 = ilogb(amax) + ilogb((double)n) + 2 - 95;
        } else {
            s0 = ilogb(normX) - 95;
        }
        for (i = 0; i < nn; i++)
            X[i] = ldexp(X[i], -s0);
        normX = norm1(n, X);
    }

    mm(n, X, X, X2);
    mm(n, X2, X2, X4);
    mm(n, X4, X2, X6);
    d4 = pow(norm1(n, X4), 0.25);
    d6 = pow(norm1(n, X6), 1.0 / 6.0);
    eta1 = d4 > d6 ? d4 : d6;
    if (eta1 <= TH3 && ell(n, X, normX, 3, 0, vx, vy) == 0)
        m = 3;
    else if (eta1 <= TH5 && ell(n, X, normX, 5, 0, vx, vy) == 0)
        m = 5;
    if (m == 0) {
        /* d8, d10 by the estimator on X4 X4 and X4 X6 applied to n x 2
         * blocks (n >= 4: its 10n doubles fit in X8, T1, T2); X8 is formed
         * only for degree 9, which evaluates it */
        d8 = norm_root(n, X4, X4, est, X8, X8, iwork, 0.125);
        eta3 = d6 > d8 ? d6 : d8;
        if (eta3 <= TH7 && ell(n, X, normX, 7, 0, vx, vy) == 0)
            m = 7;
        else if (eta3 <= TH9 && ell(n, X, normX, 9, 0, vx, vy) == 0)
            m = 9;
        if (m == 9 && est)
            mm(n, X4, X4, X8);
        if (m == 0) {
            double eta4;
            m = 13;
            d10 = norm_root(n, X4, X6, est, X8, T1, iwork, 0.1);
            eta4 = d8 > d10 ? d8 : d10;
            eta5 = eta3 < eta4 ? eta3 : eta4;
            if (eta5 > TH13) {
                double sd = ceil(log2(eta5 / TH13));
                s = sd < 4096.0 ? (int)sd : 4096; /* NaN, Inf: > GDF_EXPM_SMAX */
            }
            s += ell(n, X, normX, 13, s, vx, vy);
        }
    }

    /* finite A: s0 <= 1024 + log2(n) - 93 and s, ell at most ~120 each */
    if (squarings)
        *squarings = s + s0;
    if (s + s0 > smax || s < 0)
        return smax < GDF_EXPM_SMAX ? EXPM_EBIG : GDF_EXACT_EOVERFLOW;
    pade_coef(m, bc);
    if (m < 13) {
        int np = (m - 1) / 2; /* X2 .. X^(m-1) */
        P[0] = X2;
        P[1] = X4;
        P[2] = X6;
        P[3] = X8;
        for (q = 0; q < np; q++)
            w[q] = bc[2 * q + 3];
        lincomb(n, np, P, w, bc[1], T1);
        mm(n, X, T1, T2); /* U */
        for (q = 0; q < np; q++)
            w[q] = bc[2 * q + 2];
        lincomb(n, np, P, w, bc[0], T1); /* V */
        R = T1;                          /* V in T1, U in T2 */
        for (i = 0; i < nn; i++) {
            double u = T2[i], v = T1[i];
            E[i] = v + u;
            T1[i] = v - u;
        }
    } else {
        if (s > 0) {
            for (i = 0; i < nn; i++) {
                X[i] = ldexp(X[i], -s);
                X2[i] = ldexp(X2[i], -2 * s);
                X4[i] = ldexp(X4[i], -4 * s);
                X6[i] = ldexp(X6[i], -6 * s);
            }
        }
        P[0] = X6;
        P[1] = X4;
        P[2] = X2;
        w[0] = bc[13]; w[1] = bc[11]; w[2] = bc[9];
        lincomb(n, 3, P, w, 0.0, T1);
        mm(n, X6, T1, T2);
        w[0] = bc[7]; w[1] = bc[5]; w[2] = bc[3];
        lincomb(n, 3, P, w, bc[1], T1);
        for (i = 0; i < nn; i++)
            T2[i] += T1[i];
        mm(n, X, T2, T1); /* U in T1 */
        w[0] = bc[12]; w[1] = bc[10]; w[2] = bc[8];
        lincomb(n, 3, P, w, 0.0, X8);
        mm(n, X6, X8, T2);
        w[0] = bc[6]; w[1] = bc[4]; w[2] = bc[2];
        lincomb(n, 3, P, w, bc[0], X8);
        for (i = 0; i < nn; i++) {
            double u = T1[i], v = T2[i] + X8[i];
            E[i] = v + u;
            T2[i] = v - u;
        }
        R = T2;
    }
    /* r_m = (V - U) \ (V + U) */
    nf = (gdf_int)n;
    GDF_F77(dgesv)(&nf, &nf, R, &nf, (gdf_int *)iwork, E, &nf, &info);
    if (info != 0)
        return GDF_ELAPACK;
    /* A zero row (column) i of X gives row (column) i of exp(X) = e_i
     * exactly, and the squarings keep it exact.  r_m(X) has it only to
     * rounding: the eigenvalue 1 it belongs to came out as 1 - 1.1e-16 on
     * the augmented [-tA tb; 0 0] of gdf_exact_gen, and 2^s squarings made
     * that a relative error of 2^s u in theta(t) (1e-7 at t = 1e9). */
    zero_rows_cols(n, X, E);

    stot = s + s0;
    {
        double *cur = E, *oth = T1;
        int k;
        if (tri)
            tri_fix(n, cur, dg, sp, stot);
        for (k = stot - 1; k >= 0; k--) {
            double *tmp;
            mm(n, cur, cur, oth);
            tmp = cur;
            cur = oth;
            oth = tmp;
            if (tri)
                tri_fix(n, cur, dg, sp, k);
        }
        if (cur != E)
            memcpy(E, cur, (size_t)nn * sizeof(double));
    }
    if (lower)
        for (j = 0; j < n; j++)
            for (i = j + 1; i < n; i++) {
                double tmp = E[i + j * n];
                E[i + j * n] = E[j + i * n];
                E[j + i * n] = tmp;
            }
    if (degree)
        *degree = m;
    if (squarings)
        *squarings = stot;
    return GDF_OK;
}

/* Balancing (LAPACK dgebal, 'B'): B = D^-1 P' A P D with a permutation P
 * that isolates eigenvalues and a diagonal D of powers of 2 that evens out
 * the 1-norms of rows and columns, so expm(A) = P D expm(B) D^-1 P'.  It is
 * used only when it makes the 1-norm smaller (a smaller norm means fewer
 * squarings); as in Higham's expm, balancing can also hurt, so a matrix whose
 * norm it does not reduce is left alone.  Moler's example
 * [0 1e-8 0; -(2e10 + 4e8/6) -3 2e10; 200/3 0 -200/3]: relative error
 * 3.0e-13 without, 5.4e-14 with (Octave 7.3 expm: 6.1e-14), against an
 * 80-digit reference (tests/c/test_exact.c, tests/c/ref/expm_ref.py). */
static int expm_balanced(ptrdiff_t n, const double *A, double *E, double *work,
                         void *iwork, int *degree, int *squarings, int smax)
{
    ptrdiff_t nn, i, j;
    double *B, *scale;
    gdf_int nf, ilo = 0, ihi = 0, info = 0;
    int s;

    if (degree)
        *degree = 0;
    if (squarings)
        *squarings = 0;
    if (n < 0)
        return GDF_EARG;
    if (n == 0)
        return GDF_OK;
    if (!A || !E || !work || !iwork)
        return GDF_EARG;
    nn = n * n;
    if (!gdf_all_finite(nn, A))
        return GDF_EARG;
    if (n == 1) {
        E[0] = exp(A[0]);
        return GDF_OK;
    }
    B = work + 7 * (size_t)nn + 4 * (size_t)n;
    scale = B + nn;
    memcpy(B, A, (size_t)nn * sizeof(double));
    nf = (gdf_int)n;
    GDF_F77(dgebal)("B", &nf, B, &nf, &ilo, &ihi, scale, &info, 1);
    /* balanced when that reduces the 1-norm, or when its permutations turn
     * a (permuted) triangular A into a triangular B: the triangular
     * fix-ups then apply */
    if (info != 0 || !(norm1(n, B) < norm1(n, A) ||
                       (!is_upper(n, A) && !is_upper_t(n, A) &&
                        (is_upper(n, B) || is_upper_t(n, B)))))
        return expm_core(n, A, E, work, iwork, degree, squarings, smax);
    if ((s = expm_core(n, B, E, work, iwork, degree, squarings, smax)) != GDF_OK)
        return s;
    /* E = D E D^-1, D = diag(scale) on ilo..ihi (1-based), 1 elsewhere ... */
    for (j = 0; j < n; j++) {
        double dj = (j >= ilo - 1 && j < ihi) ? scale[j] : 1.0;
        for (i = 0; i < n; i++)
            if (i >= ilo - 1 && i < ihi)
                E[i + j * n] *= scale[i] / dj;
            else if (dj != 1.0)
                E[i + j * n] /= dj;
    }
    /* ... then the interchanges, in dgebak's order: ilo-1 down to 1, then
     * ihi+1 up to n; each swaps rows and columns i and scale(i) */
    for (j = 1; j <= n; j++) {
        ptrdiff_t ii = j, k, c;
        if (j >= ilo && j <= ihi)
            continue;
        if (j < ilo)
            ii = ilo - j;
        k = (ptrdiff_t)scale[ii - 1];
        if (k == ii)
            continue;
        for (c = 0; c < n; c++) { /* rows ii and k */
            double t = E[(ii - 1) + c * n];
            E[(ii - 1) + c * n] = E[(k - 1) + c * n];
            E[(k - 1) + c * n] = t;
        }
        for (c = 0; c < n; c++) { /* columns ii and k */
            double t = E[c + (ii - 1) * n];
            E[c + (ii - 1) * n] = E[c + (k - 1) * n];
            E[c + (k - 1) * n] = t;
        }
    }
    return GDF_OK;
}

int gdf_expm(ptrdiff_t n, const double *A, double *E, double *work, void *iwork)
{
    return gdf_expm_detail(n, A, E, work, iwork, NULL, NULL);
}

int gdf_expm_detail(ptrdiff_t n, const double *A, double *E, double *work,
                    void *iwork, int *degree, int *squarings)
{
    int st = expm_balanced(n, A, E, work, iwork, degree, squarings, GDF_EXPM_SMAX);
    /* exp(A) out of range: E holds Inf/NaN, which is no answer */
    if (st == GDF_OK && n > 0 && !gdf_all_finite(n * n, E))
        return GDF_EXACT_EOVERFLOW;
    return st;
}

/* ================================================================== */
/* General A                                                           */
/* ================================================================== */

void GDF_F77(dgeev)(const char *jobvl, const char *jobvr, const gdf_int *n, double *A,
                    const gdf_int *lda, double *wr, double *wi, double *vl,
                    const gdf_int *ldvl, double *vr, const gdf_int *ldvr, double *work,
                    const gdf_int *lwork, gdf_int *info, gdf_flen ljobvl, gdf_flen ljobvr);

/* The flow at a time t where scaling and squaring would need more than
 * GDF_EXACT_SBIG = 32 squarings (or -t [A b] is not even representable):
 * every mode of -tA that neither decays nor overflows (a rotation, a zero
 * eigenvalue) would lose its digits (each squaring doubles the relative
 * error of an eigenvalue of modulus 1; its condition number is about
 * |t| ||A||).  Decided from the eigenvalues lambda of A (dgeev):
 *   theta(t) = theta* + e^{-tA} (theta0 - theta*),  A theta* = b,
 * and with alpha = min Re(sign(t) lambda) > 2^-20 ||A||_F, the departure from
 * normality nu = ||N||_F of a Schur form A = Q (D + N) Q^H, computed as
 * sqrt(||A||_F^2 - sum |lambda|^2) (unitarily invariant; a rounding margin
 * is added), van Loan's bound
 *   ||e^{-tA}||_2 <= e^{-|t| alpha} sum_{k<d} (|t| nu)^k / k!
 * says when the remainder is below u/4 ||theta*||_2 (or below the
 * smallest subnormal when theta* = 0): the exact limit theta* is then the
 * flow to double precision.  Returns 1 (thstar = theta*), 0 (all modes
 * decay but the bound is not small: the caller may scale and square),
 * -1 (some mode does not decay: no finite limit), or GDF_ELAPACK + 100
 * when dgeev fails.  S: d*d + 4d doubles (+ d*d when b), ipiv: d. */
static int flow_limit(ptrdiff_t d, const double *A, const double *b, double t, ptrdiff_t m,
                      const double *Theta0, double *thstar, double *S, void *ipiv)
{
    ptrdiff_t i, j;
    double *wr = S + d * d, *wi = wr + d, *wk = wi + d, alpha = HUGE_VAL, f2 = 0.0, l2 = 0.0;
    double amax = 0.0;
    double nu, at = fabs(t), lsum, lx, tol, sg = t > 0.0 ? 1.0 : -1.0;
    gdf_int nf = (gdf_int)d, one = 1, lw = (gdf_int)(3 * d > 1 ? 3 * d : 1), info = 0;
    memcpy(S, A, (size_t)d * (size_t)d * sizeof(double));
    GDF_F77(dgeev)("N", "N", &nf, S, &nf, wr, wi, NULL, &one, NULL, &one, wk, &lw, &info, 1, 1);
    if (info != 0)
        return GDF_ELAPACK + 100;
    /* Frobenius norms scaled by amax = max|a_ij| (entries near realmax) */
    for (i = 0; i < d * d; i++)
        if (fabs(A[i]) > amax)
            amax = fabs(A[i]);
    if (amax == 0.0)
        return -1; /* A = 0: no mode decays */
    for (i = 0; i < d; i++) {
        double r = sg * wr[i], x = wr[i] / amax, y = wi[i] / amax;
        if (r < alpha)
            alpha = r;
        l2 += x * x + y * y;
    }
    for (i = 0; i < d * d; i++)
        f2 += (A[i] / amax) * (A[i] / amax);
    /* a computed eigenvalue is off by up to ~u^(1/k) ||A|| (a Jordan block
     * of order k): a zero eigenvalue may come out as +1e-17; demand a
     * decay rate clearly above that (2^-20 ||A||_F), else no limit */
    if (!(alpha / amax > 0x1p-20 * sqrt(f2)))
        return -1;
    nu = (f2 > l2 ? f2 - l2 : 0.0) + 16.0 * (double)d * DBL_EPSILON * f2; /* (nu/amax)^2 */
    /* log sum_{k<d} x^k / k!, x = |t| nu, stably (all terms positive) */
    lx = log(at) + log(amax) + 0.5 * log(nu); /* |t| nu may overflow, its log not */
    lsum = 0.0;
    if (d > 1 && nu > 0.0) {
        double mx = 0.0, acc = 0.0;
        for (i = 0; i < d; i++) {
            double lt = (double)i * lx - lgamma((double)i + 1.0);
            if (lt > mx)
                mx = lt;
        }
        for (i = 0; i < d; i++)
            acc += exp((double)i * lx - lgamma((double)i + 1.0) - mx);
        lsum = mx + log(acc);
    }
    /* theta* */
    if (b) {
        double *L = wk; /* d*d more */
        gdf_int info2 = 0;
        memcpy(L, A, (size_t)d * (size_t)d * sizeof(double));
        memcpy(thstar, b, (size_t)d * sizeof(double));
        GDF_F77(dgesv)(&nf, &one, L, &nf, (gdf_int *)ipiv, thstar, &nf, &info2);
        if (info2 != 0 || !gdf_all_finite(d, thstar))
            return 0;
    } else {
        for (i = 0; i < d; i++)
            thstar[i] = 0.0;
    }
    {
        double ns = 0.0;
        for (i = 0; i < d; i++)
            ns += thstar[i] * thstar[i];
        ns = sqrt(ns);
        tol = ns > 0.0 ? log(0.25 * DBL_EPSILON * 0.5 * ns) : -1075.0 * 0.6931471805599453 /* log 2^-1075 */;
    }
    for (j = 0; j < m; j++) {
        double r = 0.0, lb;
        for (i = 0; i < d; i++) {
            double e = Theta0[i + d * j] - thstar[i];
            r += e * e;
        }
        if (r == 0.0)
            continue;
        if (!isfinite(r)) /* |theta0| near realmax: scale */
            return 0;
        lb = -at * alpha + lsum + 0.5 * log(r);
        if (!(lb < tol))
            return 0;
    }
    return 1;
}

/* E = t [-A b; 0 0] (n = d + 1) or -t A (n = d, b NULL), n x n */
static void form_flow(ptrdiff_t d, ptrdiff_t n, const double *A, const double *b, double t,
                      double *E)
{
    ptrdiff_t p, q;
    for (q = 0; q < d; q++) {
        for (p = 0; p < d; p++)
            E[p + q * n] = -t * A[p + q * d];
        if (b)
            E[d + q * n] = 0.0;
    }
    if (b) {
        for (p = 0; p < d; p++)
            E[p + d * n] = t * b[p];
        E[d + d * n] = 0.0;
    }
}

/* 1 when every eigenvalue mu = 1 - eta lambda of I - eta A has |mu| <
 * 1 - 2^-20 (GD contracts every mode), 0 otherwise, GDF_ELAPACK + 100 when
 * dgeev fails.  S: d*d + 5d doubles. */
static int iter_contracts(ptrdiff_t d, const double *A, double eta, double *S)
{
    double *wr = S + d * d, *wi = wr + d, *wk = wi + d;
    gdf_int nf = (gdf_int)d, one = 1, lw = (gdf_int)(3 * d > 1 ? 3 * d : 1), info = 0;
    ptrdiff_t i;
    memcpy(S, A, (size_t)d * (size_t)d * sizeof(double));
    GDF_F77(dgeev)("N", "N", &nf, S, &nf, wr, wi, NULL, &one, NULL, &one, wk, &lw, &info, 1, 1);
    if (info != 0)
        return GDF_ELAPACK + 100;
    for (i = 0; i < d; i++)
        if (!(hypot(1.0 - eta * wr[i], eta * wi[i]) < 1.0 - 0x1p-20))
            return 0;
    return 1;
}

size_t gdf_exact_gen_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m)
{
    size_t n, flow, iter;
    if (d < 0 || nt < 0 || m < 0)
        return 1;
    n = (size_t)d + 1;
    /* + theta* (d); flow_limit's scratch 2 d^2 + 4d fits in expm's 8 n^2 */
    flow = n * n + gdf_expm_work((ptrdiff_t)n) + (size_t)d * (size_t)m + (size_t)d;
    iter = 2 * n * n + 2 * (size_t)d * (size_t)m;
    return flow > iter ? flow : iter;
}

size_t gdf_exact_gen_iwork(ptrdiff_t d)
{
    return gdf_expm_iwork(d + 1);
}

int gdf_exact_gen(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                  const double *Theta0, ptrdiff_t nt, const double *t,
                  int iterates, double eta, double *Theta, double *work,
                  void *iwork)
{
    ptrdiff_t n, i, j, p, q;
    const double one = 1.0, zero = 0.0;
    gdf_int nd, nm, nn;
    int st;

    if ((st = exact_prologue(d, nt, m, t, iterates, eta)) != EXACT_GO)
        return st;
    if (!A || !Theta0 || !Theta || !work || !iwork)
        return GDF_EARG;
    if (!gdf_all_finite(d * d, A) || (b && !gdf_all_finite(d, b)))
        return GDF_EARG;

    n = b ? d + 1 : d;
    nd = (gdf_int)d;
    nm = (gdf_int)m;
    nn = (gdf_int)n;

    if (!iterates) {
        double *E = work, *W = E + n * n, *Y = W + gdf_expm_work(n), *ths = Y + d * m;
        double nrm = 0.0; /* ||[A b]||_1 */
        for (q = 0; q <= d; q++) {
            double cs = 0.0;
            if (q == d && !b)
                break;
            for (p = 0; p < d; p++)
                cs += fabs(q < d ? A[p + q * d] : b[p]);
            if (cs > nrm)
                nrm = cs;
        }
        for (i = 0; i < nt; i++) {
            int st, lim = 0; /* 0: E holds expm(-t M) */
            double ti = t[i], h = fabs(ti) * nrm;
            if (!(h <= DBL_MAX)) { /* -t [A b] is not representable */
                lim = flow_limit(d, A, b, ti, m, Theta0, ths, W, iwork);
                if (lim == 0)
                    lim = -1;
            } else {
                form_flow(d, n, A, b, ti, E);
                /* at most GDF_EXACT_SBIG squarings; beyond, only modes that
                 * decay keep their digits: decided from the spectrum */
                st = expm_balanced(n, E, E, W, iwork, NULL, NULL, GDF_EXACT_SBIG);
                if (st == EXPM_EBIG) {
                    lim = flow_limit(d, A, b, ti, m, Theta0, ths, W, iwork);
                    if (lim == 0) { /* every mode decays: square as needed */
                        form_flow(d, n, A, b, ti, E);
                        st = gdf_expm(n, E, E, W, iwork);
                        if (st != GDF_OK)
                            return st;
                    }
                } else if (st != GDF_OK) {
                    return st;
                } else if (!gdf_all_finite(n * n, E)) {
                    return GDF_EXACT_EOVERFLOW;
                }
            }
            if (lim >= 100)
                return lim - 100;
            if (lim == -1)
                return GDF_EXACT_EOVERFLOW;
            if (lim == 1) {
                for (j = 0; j < m; j++)
                    for (p = 0; p < d; p++)
                        Theta[i + nt * (p + d * j)] = ths[p];
                continue;
            }
            GDF_F77(dgemm)("N", "N", &nd, &nm, &nd, &one, E, &nn, Theta0, &nd, &zero, Y, &nd, 1, 1);
            for (j = 0; j < m; j++)
                for (p = 0; p < d; p++) {
                    double v = Y[p + d * j] + (b ? E[p + d * n] : 0.0);
                    if (!isfinite(v))
                        return GDF_EXACT_EOVERFLOW;
                    Theta[i + nt * (p + d * j)] = v;
                }
        }
        return GDF_OK;
    }

    /* iterates: G = [I - eta A, eta b; 0 1]; bits of k from the lowest:
     * x <- G^(2^bit) x for every index with that bit set, then square. */
    {
        double *P = work, *P2 = P + n * n, *X = P2 + n * n, *Y = X + d * m;
        uint64_t kmax = 0;
        int bit;
        for (i = 0; i < nt; i++)
            if ((uint64_t)t[i] > kmax)
                kmax = (uint64_t)t[i];
        /* k > 2^32: a mode with |1 - eta lambda| near 1 keeps no digit
         * through more than 32 squarings (its condition number is about
         * k u); only a contraction is computed (the rest overflows or is
         * meaningless): decided from the spectrum before anything else */
        if (kmax > ((uint64_t)1 << GDF_EXACT_SBIG)) {
            int c = iter_contracts(d, A, eta, work);
            if (c >= 100)
                return c - 100;
            if (!c)
                return GDF_EXACT_EOVERFLOW;
        }
        for (i = 0; i < nt; i++) {
            for (j = 0; j < m; j++)
                for (p = 0; p < d; p++)
                    Theta[i + nt * (p + d * j)] = Theta0[p + d * j];
        }
        for (q = 0; q < n; q++)
            for (p = 0; p < n; p++)
                P[p + q * n] = p == q ? 1.0 : 0.0;
        for (q = 0; q < d; q++)
            for (p = 0; p < d; p++)
                P[p + q * n] -= eta * A[p + q * d];
        if (b)
            for (p = 0; p < d; p++)
                P[p + d * n] = eta * b[p];
        for (bit = 0; bit < 64 && (kmax >> bit) != 0; bit++) {
            for (i = 0; i < nt; i++) {
                uint64_t k = (uint64_t)t[i];
                if (!((k >> bit) & 1u))
                    continue;
                for (j = 0; j < m; j++)
                    for (p = 0; p < d; p++)
                        X[p + d * j] = Theta[i + nt * (p + d * j)];
                GDF_F77(dgemm)("N", "N", &nd, &nm, &nd, &one, P, &nn, X, &nd, &zero, Y, &nd, 1, 1);
                for (j = 0; j < m; j++)
                    for (p = 0; p < d; p++)
                        Theta[i + nt * (p + d * j)] = Y[p + d * j] + (b ? P[p + d * n] : 0.0);
                /* (at most 53 squarings: no hang; overflow is reported below) */
            }
            if (bit + 1 < 64 && (kmax >> (bit + 1)) != 0) {
                if (!gdf_all_finite(n * n, P)) /* G^(2^bit) overflowed, G^kmax too */
                    return GDF_EXACT_EOVERFLOW;
                double *tmp;
                mm(n, P, P, P2);
                tmp = P;
                P = P2;
                P2 = tmp;
            }
        }
        if (!gdf_all_finite(nt * d * m, Theta))
            return GDF_EXACT_EOVERFLOW;
    }
    return GDF_OK;
}

/* ================================================================== */
/* The one entry point: validate, decide, symmetrize, run             */
/* ================================================================== */

size_t gdf_exact_solve_work(ptrdiff_t d, ptrdiff_t nt, ptrdiff_t m)
{
    size_t s, g;
    if (d < 0 || nt < 0 || m < 0)
        return 1;
    s = (size_t)d * (size_t)d + gdf_exact_sym_work(d, nt, m);
    g = gdf_exact_gen_work(d, nt, m);
    return s > g ? s : g;
}

size_t gdf_exact_solve_iwork(ptrdiff_t d)
{
    size_t s, g;
    if (d < 0)
        return 1;
    s = gdf_exact_sym_iwork(d);
    g = gdf_exact_gen_iwork(d);
    return s > g ? s : g;
}

int gdf_exact_solve(ptrdiff_t d, const double *A, const double *b, ptrdiff_t m,
                    const double *Theta0, ptrdiff_t nt, const double *t,
                    int iterates, double eta, int method, double *Theta,
                    double *work, void *iwork, gdf_exact_info *info)
{
    gdf_exact_info loc;
    double asym = 0.0, amax = 0.0, tmax = 0.0;
    const double *As = A;
    ptrdiff_t i, j;
    int sym, st;

    if (!info)
        info = &loc;
    memset(info, 0, sizeof *info);
    info->bad = -1;
    if (d < 0 || nt < 0 || m < 0 || (d > 0 && !A) || (nt > 0 && !t))
        return GDF_EARG;
    if (method != GDF_EXACT_AUTO && method != GDF_EXACT_EIG && method != GDF_EXACT_EXPM)
        return GDF_EARG;
    for (i = 0; i < nt; i++)
        if (fabs(t[i]) > tmax)
            tmax = fabs(t[i]);
    info->tmax = tmax;
    if (iterates) {
        if (!isfinite(eta))
            return GDF_EXACT_EETA;
        if (!(eta > 0.0))
            return GDF_EARG;
        for (i = 0; i < nt; i++)
            if (!valid_index(t[i])) {
                info->bad = i;
                return GDF_EXACT_EINDEX;
            }
    } else if (!times_ok(nt, t, 0)) {
        return GDF_EARG;
    }

    /* symmetric?  The one rule: max|A - A'| <= GDF_SYM_RTOL * max|A| */
    for (j = 0; j < d; j++)
        for (i = 0; i < d; i++) {
            double a = fabs(A[i + j * d]), e = fabs(A[i + j * d] - A[j + i * d]);
            if (a > amax)
                amax = a;
            if (e > asym)
                asym = e;
        }
    info->asym = asym;
    info->amax = amax;
    sym = asym <= GDF_SYM_RTOL * amax;
    info->sym = method == GDF_EXACT_EXPM ? 0 : sym;
    if (method == GDF_EXACT_EIG && !sym)
        return GDF_EXACT_ENOTSYM;
    if (method == GDF_EXACT_EXPM)
        sym = 0;
    if (d == 0 || nt == 0 || m == 0)
        return GDF_OK;
    if (!Theta0 || !Theta || !work || !iwork)
        return GDF_EARG;

    if (!sym)
        return gdf_exact_gen(d, A, b, m, Theta0, nt, t, iterates, eta, Theta, work, iwork);
    if (asym > 0.0) { /* (A + A')/2 at the front of work, the path after it */
        double *S = work;
        for (j = 0; j < d; j++)
            for (i = 0; i < d; i++)
                S[i + j * d] = 0.5 * (A[i + j * d] + A[j + i * d]);
        As = S;
    }
    st = gdf_exact_sym(d, As, b, m, Theta0, nt, t, iterates, eta, Theta,
                       work + (size_t)d * (size_t)d, iwork);
    if (st == GDF_OK) /* the symmetric closed form gives Inf or NaN there */
        for (i = 0; i < nt * d * m; i++)
            if (!isfinite(Theta[i]))
                return GDF_EXACT_EOVERFLOW;
    return st;
}
