/* gdf_problems.c - the native objective families of gdflow.
 *
 * Each family fills a gdf_problem vtable: value and gradient (either may be
 * skipped), a dense Hessian and a Hessian-vector product.  Everything is
 * evaluated in C with BLAS; nothing allocates.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_gram.h"

static const gdf_int ONE = 1;

/* ------------------------------------------------------------------ */
/* dense quadratic: f = 1/2 x'Ax - b'x + c, g = Ax - b; A symmetric (the  */
/* matrix-vector products of large A read its lower triangle only)     */
/* ------------------------------------------------------------------ */
static int quad_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    gdf_int n = (gdf_int)q->d;
    ptrdiff_t j;
    if (q->d <= 16) { /* lecture sizes: a plain loop beats the BLAS call */
        ptrdiff_t i, d = q->d;
        double xAx = 0.0, bx = 0.0;
        for (j = 0; j < d; j++) {
            double s = 0.0;
            const double *Aj = q->A + j * d;
            for (i = 0; i < d; i++)
                s += Aj[i] * x[i]; /* (A x)_j = column j . x (A symmetric) */
            xAx += x[j] * s;
            if (q->b) {
                bx += q->b[j] * x[j];
                s -= q->b[j];
            }
            if (g)
                g[j] = s;
        }
        if (f)
            *f = 0.5 * xAx - bx + q->c;
        return GDF_OK;
    }
    if (g) {
        /* A is symmetric (gd_quadratic makes it so): dsymv reads its lower
         * triangle only, half the bytes of dgemv, and this matrix-vector
         * product is memory-bound (bench_quad_dense: 2x faster at d = 4000) */
        const double alpha = 1.0, beta = 0.0;
        GDF_F77(dsymv)("L", &n, &alpha, q->A, &n, x, &ONE, &beta, g, &ONE, 1);
        if (f) {
            double xAx = gdf_dot(q->d, x, g);
            double bx = q->b ? gdf_dot(q->d, q->b, x) : 0.0;
            *f = 0.5 * xAx - bx + q->c;
        }
        if (q->b)
            for (j = 0; j < q->d; j++)
                g[j] -= q->b[j];
    } else if (f) {
        double xAx = 0.0, bx = q->b ? gdf_dot(q->d, q->b, x) : 0.0;
        for (j = 0; j < q->d; j++) /* column j of A dotted with x */
            xAx += x[j] * GDF_F77(ddot)(&n, q->A + j * q->d, &ONE, x, &ONE);
        *f = 0.5 * xAx - bx + q->c;
    }
    return GDF_OK;
}

/* all columns at once: the per-column arithmetic of quad_fg for small d
 * (bitwise the same values), one dgemm otherwise */
static int quad_fg_batch(void *ctx, ptrdiff_t m, const double *X, double *f, double *G)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    ptrdiff_t d = q->d, c, i, j;
    if (d <= 16) {
        for (c = 0; c < m; c++) {
            const double *x = X + c * d;
            double *g = G + c * d;
            double xAx = 0.0, bx = 0.0;
            for (j = 0; j < d; j++) {
                double s = 0.0;
                const double *Aj = q->A + j * d;
                for (i = 0; i < d; i++)
                    s += Aj[i] * x[i];
                xAx += x[j] * s;
                if (q->b) {
                    bx += q->b[j] * x[j];
                    s -= q->b[j];
                }
                g[j] = s;
            }
            if (f)
                f[c] = 0.5 * xAx - bx + q->c;
        }
        return GDF_OK;
    }
    {
        gdf_int n = (gdf_int)d, mm = (gdf_int)m;
        const double one = 1.0, zero = 0.0;
        GDF_F77(dgemm)("N", "N", &n, &mm, &n, &one, q->A, &n, X, &n, &zero, G, &n, 1, 1);
        for (c = 0; c < m; c++) {
            const double *x = X + c * d;
            double *g = G + c * d;
            if (f) {
                double xAx = gdf_dot(d, x, g);
                double bx = q->b ? gdf_dot(d, q->b, x) : 0.0;
                f[c] = 0.5 * xAx - bx + q->c;
            }
            if (q->b)
                for (j = 0; j < d; j++)
                    g[j] -= q->b[j];
        }
    }
    return GDF_OK;
}

static int quad_hess(void *ctx, const double *x, double *H)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    (void)x;
    memcpy(H, q->A, (size_t)q->d * (size_t)q->d * sizeof(double));
    return GDF_OK;
}

static int quad_hessvec(void *ctx, const double *x, const double *v, double *Hv)
{
    const gdf_quad *q = (const gdf_quad *)ctx;
    gdf_int n = (gdf_int)q->d;
    const double alpha = 1.0, beta = 0.0;
    (void)x;
    GDF_F77(dsymv)("L", &n, &alpha, q->A, &n, v, &ONE, &beta, Hv, &ONE, 1);
    return GDF_OK;
}

void gdf_problem_quad(gdf_problem *p, gdf_quad *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = quad_fg;
    p->hess = quad_hess;
    p->hessvec = quad_hessvec;
    p->fg_batch = quad_fg_batch;
    p->hess_constant = 1;
    p->L = p->mu = NAN;
}

/* ------------------------------------------------------------------ */
/* sparse quadratic (CSC, symmetric: A x = A' x, computed as column    */
/* dot products, which reads A once and writes y once)                 */
/* ------------------------------------------------------------------ */
void gdf_squad_matvec(const gdf_squad *q, const double *x, double *y)
{
    ptrdiff_t j, k;
    for (j = 0; j < q->d; j++) {
        double s = 0.0;
        for (k = q->Ap[j]; k < q->Ap[j + 1]; k++)
            s += q->Ax[k] * x[q->Ai[k]];
        y[j] = s;
    }
}

static int squad_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_squad *q = (const gdf_squad *)ctx;
    ptrdiff_t j, k;
    double xAx = 0.0, bx = 0.0;
    for (j = 0; j < q->d; j++) {
        double s = 0.0;
        for (k = q->Ap[j]; k < q->Ap[j + 1]; k++)
            s += q->Ax[k] * x[q->Ai[k]];
        xAx += x[j] * s;
        if (q->b) {
            bx += q->b[j] * x[j];
            s -= q->b[j];
        }
        if (g)
            g[j] = s;
    }
    if (f)
        *f = 0.5 * xAx - bx + q->c;
    return GDF_OK;
}

static int squad_hessvec(void *ctx, const double *x, const double *v, double *Hv)
{
    (void)x;
    gdf_squad_matvec((const gdf_squad *)ctx, v, Hv);
    return GDF_OK;
}

void gdf_problem_squad(gdf_problem *p, gdf_squad *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = squad_fg;
    p->hess = NULL; /* d may be 1e6: a dense Hessian is never formed */
    p->hessvec = squad_hessvec;
    p->hess_constant = 1;
    p->L = p->mu = NAN;
}

/* ------------------------------------------------------------------ */
/* data problems: least squares and logistic regression               */
/* One pass over X by blocks of rows: the block is read from memory    */
/* once for X_b theta and reused from cache for X_b' r.                */
/* The block holds about GDF_BLOCK_BYTES of X (nb rows x p columns).   */
/* Measured (bench/README.md): 2 MiB blocks are the fastest from p = 5 */
/* to p = 500, with 1 and 2 OpenBLAS threads; the former 256 KiB blocks */
/* made each dgemv so small that OpenBLAS's threading cost more than    */
/* it gained (1.5x slower with 2 threads).  Each column segment of a    */
/* block is then >= 16 KiB long, which the hardware prefetchers stream  */
/* well, and the block still fits the last-level cache for X_b' r.     */
/* ------------------------------------------------------------------ */
#define GDF_BLOCK_BYTES (2.0 * 1024.0 * 1024.0)

ptrdiff_t gdf_data_block(ptrdiff_t m, ptrdiff_t p)
{
    double nbd = GDF_BLOCK_BYTES / (8.0 * (double)(p > 0 ? p : 1));
    ptrdiff_t nb = nbd > 1e9 ? (ptrdiff_t)1000000000 : (ptrdiff_t)nbd;
    if (nb < 8)
        nb = 8;
    if (nb > m)
        nb = m;
    return nb > 0 ? nb : 1;
}

static ptrdiff_t data_block(ptrdiff_t m, ptrdiff_t p) { return gdf_data_block(m, p); }

size_t gdf_data_work(ptrdiff_t m, ptrdiff_t p)
{
    /* residual block + a scaled copy of the block for Hessians */
    ptrdiff_t nb = data_block(m, p);
    return (size_t)nb * (size_t)(p + 1);
}

static double sigmoid(double z)
{
    if (z >= 0.0)
        return 1.0 / (1.0 + exp(-z));
    else {
        double e = exp(z);
        return e / (1.0 + e);
    }
}

/* logistic = 0: least squares; 1: logistic loss.
 * f is accumulated per block (partial sums added once per block), so its
 * rounding error grows with nb + m/nb, not with m.  Logistic rows: see the
 * loop (one exp and one log1p per row, no overflow, no cancellation). */
static int data_fg(const gdf_data *q, int logistic, const double *x, double *f, double *g)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), i0, i;
    double *r = q->work;
    double acc = 0.0, inv_m = 1.0 / (double)m;
    gdf_int ldx = (gdf_int)m, np = (gdf_int)p;
    if (g)
        memset(g, 0, (size_t)p * sizeof(double));
    for (i0 = 0; i0 < m; i0 += nb) {
        gdf_int nr = (gdf_int)((m - i0) < nb ? (m - i0) : nb);
        const double one = 1.0, zero = 0.0;
        const double *Xb = q->X + i0;
        const double *yb = q->y + i0;
        double s0 = 0.0, s1 = 0.0;
        GDF_F77(dgemv)("N", &nr, &np, &one, Xb, &ldx, x, &ONE, &zero, r, &ONE, 1);
        if (!logistic) {
            for (i = 0; i + 1 < nr; i += 2) {
                r[i] -= yb[i];
                r[i + 1] -= yb[i + 1];
                s0 += r[i] * r[i];
                s1 += r[i + 1] * r[i + 1];
            }
            for (; i < nr; i++) {
                r[i] -= yb[i];
                s0 += r[i] * r[i];
            }
        } else {
            /* labels are 0 or 1, so with w = (1 - 2y) z the loss
             * softplus(z) - y z is softplus(w) and the residual
             * sigmoid(z) - y is (1 - 2y) sigmoid(w): both without
             * cancellation, also for well-classified rows (y = 1, z = 30:
             * loss and residual 9.4e-14 keep every digit).  One
             * e = exp(-|z|) per row gives softplus(w) = max(w, 0) + log1p(e)
             * and sigmoid(w) = 1/(1 + e) or e/(1 + e). */
            double *restrict t = q->work + nb;
            for (i = 0; i < nr; i++) {
                double z = r[i], e = exp(-fabs(z)), sg = 1.0 - 2.0 * yb[i], w = sg * z;
                t[i] = (w > 0.0 ? w : 0.0) + log1p(e);
                r[i] = sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
            }
            for (i = 0; i + 1 < nr; i += 2) {
                s0 += t[i];
                s1 += t[i + 1];
            }
            for (; i < nr; i++)
                s0 += t[i];
        }
        acc += s0 + s1;
        if (g)
            GDF_F77(dgemv)("T", &nr, &np, &inv_m, Xb, &ldx, r, &ONE, &one, g, &ONE, 1);
    }
    if (f)
        *f = logistic ? acc * inv_m : 0.5 * acc * inv_m;
    if (q->lambda != 0.0 && p > 1) {
        double s = 0.0, lm = q->lambda * inv_m;
        for (i = 1; i < p; i++) {
            s += x[i] * x[i];
            if (g)
                g[i] += lm * x[i];
        }
        if (f)
            *f += 0.5 * lm * s;
    }
    return GDF_OK;
}

/* H = X' diag(w) X / m + lambda/m diag(0, 1, ..., 1), w = 1 (least
 * squares) or s (1 - s) (logistic), accumulated with dsyrk per block. */
static int data_hess(const gdf_data *q, int logistic, const double *x, double *H)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), i0, i, j;
    double *r = q->work, *Xs = q->work + nb;
    double inv_m = 1.0 / (double)m;
    gdf_int ldx = (gdf_int)m, np = (gdf_int)p, ldp = (gdf_int)(p > 0 ? p : 1);
    memset(H, 0, (size_t)p * (size_t)p * sizeof(double));
    for (i0 = 0; i0 < m; i0 += nb) {
        ptrdiff_t nr = (m - i0) < nb ? (m - i0) : nb;
        gdf_int nrr = (gdf_int)nr;
        const double one = 1.0, zero = 0.0;
        const double *Xb = q->X + i0;
        if (logistic) {
            GDF_F77(dgemv)("N", &nrr, &np, &one, Xb, &ldx, x, &ONE, &zero, r, &ONE, 1);
            for (i = 0; i < nr; i++) {
                double s = sigmoid(r[i]);
                r[i] = sqrt(s * (1.0 - s));
            }
        } else {
            for (i = 0; i < nr; i++)
                r[i] = 1.0;
        }
        for (j = 0; j < p; j++)
            for (i = 0; i < nr; i++)
                Xs[i + j * nr] = r[i] * Xb[i + j * m];
        GDF_F77(dsyrk)("L", "T", &np, &nrr, &inv_m, Xs, &nrr, &one, H, &ldp, 1, 1);
    }
    for (j = 0; j < p; j++) /* mirror the lower triangle */
        for (i = j + 1; i < p; i++)
            H[j + i * p] = H[i + j * p];
    if (q->lambda != 0.0)
        for (i = 1; i < p; i++)
            H[i + i * p] += q->lambda * inv_m;
    return GDF_OK;
}

static int data_hessvec(const gdf_data *q, int logistic, const double *x, const double *v,
                        double *Hv)
{
    ptrdiff_t m = q->m, p = q->p, nb = data_block(m, p), i0, i;
    double *r = q->work, *z = q->work + nb;
    double inv_m = 1.0 / (double)m;
    gdf_int ldx = (gdf_int)m, np = (gdf_int)p;
    memset(Hv, 0, (size_t)p * sizeof(double));
    for (i0 = 0; i0 < m; i0 += nb) {
        gdf_int nr = (gdf_int)((m - i0) < nb ? (m - i0) : nb);
        const double one = 1.0, zero = 0.0;
        const double *Xb = q->X + i0;
        GDF_F77(dgemv)("N", &nr, &np, &one, Xb, &ldx, v, &ONE, &zero, r, &ONE, 1);
        if (logistic) {
            GDF_F77(dgemv)("N", &nr, &np, &one, Xb, &ldx, x, &ONE, &zero, z, &ONE, 1);
            for (i = 0; i < nr; i++) {
                double s = sigmoid(z[i]);
                r[i] *= s * (1.0 - s);
            }
        }
        GDF_F77(dgemv)("T", &nr, &np, &inv_m, Xb, &ldx, r, &ONE, &one, Hv, &ONE, 1);
    }
    if (q->lambda != 0.0)
        for (i = 1; i < p; i++)
            Hv[i] += q->lambda * inv_m * v[i];
    return GDF_OK;
}

static int ls_fg(void *c, const double *x, double *f, double *g) { return data_fg(c, 0, x, f, g); }
static int ls_hess(void *c, const double *x, double *H) { return data_hess(c, 0, x, H); }
static int ls_hv(void *c, const double *x, const double *v, double *Hv) { return data_hessvec(c, 0, x, v, Hv); }
static int lg_fg(void *c, const double *x, double *f, double *g) { return data_fg(c, 1, x, f, g); }
static int lg_hess(void *c, const double *x, double *H) { return data_hess(c, 1, x, H); }
static int lg_hv(void *c, const double *x, const double *v, double *Hv) { return data_hessvec(c, 1, x, v, Hv); }

static void data_init(gdf_problem *p, gdf_data *q, int logistic)
{
    memset(p, 0, sizeof *p);
    p->d = q->p;
    p->ctx = q;
    p->fg = logistic ? lg_fg : ls_fg;
    p->hess = logistic ? lg_hess : ls_hess;
    p->hessvec = logistic ? lg_hv : ls_hv;
    p->L = p->mu = NAN;
}

void gdf_problem_leastsq(gdf_problem *p, gdf_data *q) { data_init(p, q, 0); }
void gdf_problem_logistic(gdf_problem *p, gdf_data *q) { data_init(p, q, 1); }

/* ------------------------------------------------------------------ */
/* test functions                                                     */
/* ------------------------------------------------------------------ */
static int tf_fg(void *ctx, const double *x, double *f, double *g)
{
    const gdf_testfun *q = (const gdf_testfun *)ctx;
    ptrdiff_t i, d = q->d;
    double F = 0.0;
    switch (q->kind) {
    case GDF_TF_ROSENBROCK: {
        double a = q->a, b = q->b;
        if (g)
            memset(g, 0, (size_t)d * sizeof(double));
        for (i = 0; i + 1 < d; i++) {
            double u = x[i + 1] - x[i] * x[i], v = a - x[i];
            F += b * u * u + v * v;
            if (g) {
                g[i] += -4.0 * b * x[i] * u - 2.0 * v;
                g[i + 1] += 2.0 * b * u;
            }
        }
        break;
    }
    case GDF_TF_BEALE: {
        double X = x[0], Y = x[1], Y2 = Y * Y, Y3 = Y2 * Y;
        double t1 = 1.5 - X + X * Y, t2 = 2.25 - X + X * Y2, t3 = 2.625 - X + X * Y3;
        F = t1 * t1 + t2 * t2 + t3 * t3;
        if (g) {
            g[0] = 2.0 * (t1 * (Y - 1.0) + t2 * (Y2 - 1.0) + t3 * (Y3 - 1.0));
            g[1] = 2.0 * (t1 * X + t2 * 2.0 * X * Y + t3 * 3.0 * X * Y2);
        }
        break;
    }
    case GDF_TF_HIMMELBLAU: {
        double X = x[0], Y = x[1];
        double u = X * X + Y - 11.0, v = X + Y * Y - 7.0;
        F = u * u + v * v;
        if (g) {
            g[0] = 4.0 * X * u + 2.0 * v;
            g[1] = 2.0 * u + 4.0 * Y * v;
        }
        break;
    }
    default:
        return GDF_EARG;
    }
    if (f)
        *f = F;
    return GDF_OK;
}

static int tf_hess(void *ctx, const double *x, double *H)
{
    const gdf_testfun *q = (const gdf_testfun *)ctx;
    ptrdiff_t i, d = q->d;
    switch (q->kind) {
    case GDF_TF_ROSENBROCK: {
        double a = q->a, b = q->b;
        (void)a;
        memset(H, 0, (size_t)d * (size_t)d * sizeof(double));
        for (i = 0; i + 1 < d; i++) {
            H[i + i * d] += 12.0 * b * x[i] * x[i] - 4.0 * b * x[i + 1] + 2.0;
            H[i + (i + 1) * d] += -4.0 * b * x[i];
            H[(i + 1) + i * d] += -4.0 * b * x[i];
            H[(i + 1) + (i + 1) * d] += 2.0 * b;
        }
        break;
    }
    case GDF_TF_BEALE: {
        double X = x[0], Y = x[1], Y2 = Y * Y, Y3 = Y2 * Y;
        double t1 = 1.5 - X + X * Y, t2 = 2.25 - X + X * Y2, t3 = 2.625 - X + X * Y3;
        double a1 = Y - 1.0, b1 = X, a2 = Y2 - 1.0, b2 = 2.0 * X * Y, a3 = Y3 - 1.0,
               b3 = 3.0 * X * Y2;
        H[0] = 2.0 * (a1 * a1 + a2 * a2 + a3 * a3);
        H[1] = H[2] = 2.0 * (a1 * b1 + a2 * b2 + a3 * b3 + t1 + t2 * 2.0 * Y + t3 * 3.0 * Y2);
        H[3] = 2.0 * (b1 * b1 + b2 * b2 + b3 * b3 + t2 * 2.0 * X + t3 * 6.0 * X * Y);
        break;
    }
    case GDF_TF_HIMMELBLAU: {
        double X = x[0], Y = x[1];
        H[0] = 12.0 * X * X + 4.0 * Y - 42.0;
        H[1] = H[2] = 4.0 * X + 4.0 * Y;
        H[3] = 4.0 * X + 12.0 * Y * Y - 26.0;
        break;
    }
    default:
        return GDF_EARG;
    }
    return GDF_OK;
}

void gdf_problem_testfun(gdf_problem *p, gdf_testfun *q)
{
    memset(p, 0, sizeof *p);
    p->d = q->d;
    p->ctx = q;
    p->fg = tf_fg;
    p->hess = tf_hess;
    p->hessvec = NULL;
    p->L = p->mu = NAN;
}
