/* test_cw_sparse.c - least squares and logistic regression with X sparse
 * (gdf_sdata, issue 14) against the dense families on the same X: f, the
 * gradient, the Hessian and Hessian-vector products; empty rows and
 * columns, duplicate entries, unsorted rows; the same bits for any number
 * of threads; a 2e5 x 2e4 X with 10 nonzeros per row evaluated in bounded
 * memory (the workspace is O(m), never O(m p); the 1e6 x 1e5 case runs
 * through gd_run in tests/m/test_cw_sparse.m: too slow under valgrind here).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdflow.h"
#include "testprob.h"

/* a random m x p CSC with about `per` entries per column, column 1 all
 * ones (intercept), columns in `empty_cols` empty, rows in `empty_rows`
 * empty; its dense copy in D (m x p) when D != NULL */
typedef struct {
    ptrdiff_t m, p, nnz;
    ptrdiff_t *Xp, *Xi;
    double *Xx;
} csc;

static int is_in(ptrdiff_t v, const ptrdiff_t *set, int n)
{
    int k;
    for (k = 0; k < n; k++)
        if (set[k] == v)
            return 1;
    return 0;
}

static csc make_csc(ptrdiff_t m, ptrdiff_t p, double density, const ptrdiff_t *ec, int nec,
                    const ptrdiff_t *er, int ner, double *D)
{
    csc A;
    ptrdiff_t i, j, cap = (ptrdiff_t)(density * (double)m * (double)p) + m + 16;
    A.m = m;
    A.p = p;
    A.Xp = malloc((size_t)(p + 1) * sizeof(ptrdiff_t));
    A.Xi = malloc((size_t)cap * sizeof(ptrdiff_t));
    A.Xx = malloc((size_t)cap * sizeof(double));
    A.nnz = 0;
    if (D)
        memset(D, 0, (size_t)(m * p) * sizeof(double));
    for (j = 0; j < p; j++) {
        A.Xp[j] = A.nnz;
        if (is_in(j, ec, nec))
            continue;
        for (i = 0; i < m; i++) {
            double v;
            if (is_in(i, er, ner))
                continue;
            if (j == 0)
                v = 1.0;
            else if (tp_uniform() < density)
                v = tp_normal();
            else
                continue;
            if (A.nnz >= cap)
                break;
            A.Xi[A.nnz] = i;
            A.Xx[A.nnz] = v;
            A.nnz++;
            if (D)
                D[i + j * m] = v;
        }
    }
    A.Xp[p] = A.nnz;
    return A;
}

static void free_csc(csc *A)
{
    free(A->Xp);
    free(A->Xi);
    free(A->Xx);
}

static double max_rel(ptrdiff_t n, const double *a, const double *b)
{
    double num = 0.0, den = 0.0;
    ptrdiff_t i;
    for (i = 0; i < n; i++) {
        if (fabs(a[i] - b[i]) > num)
            num = fabs(a[i] - b[i]);
        if (fabs(b[i]) > den)
            den = fabs(b[i]);
    }
    return den > 0.0 ? num / den : num;
}

/* sparse vs dense on the same X (with empty rows and columns) */
static void test_vs_dense(void)
{
    ptrdiff_t m = 5000, p = 37, i, j;
    ptrdiff_t ec[3] = {3, 17, 36}, er[4] = {0, 9, 2500, 4999};
    double *D = malloc((size_t)(m * p) * sizeof(double)), *y = malloc((size_t)m * sizeof(double));
    double *wd, *ws, x[37], v[37], gd[37], gs[37], hvd[37], hvs[37];
    double *Hd = malloc((size_t)(p * p) * sizeof(double)), *Hs = malloc((size_t)(p * p) * sizeof(double));
    gdf_data qd;
    gdf_sdata qs;
    gdf_problem pd, ps;
    csc A;
    int logi;
    tp_seed(1401);
    A = make_csc(m, p, 0.1, ec, 3, er, 4, D);
    wd = malloc(gdf_data_work(m, p) * sizeof(double));
    ws = malloc(gdf_sdata_work(m, p) * sizeof(double));
    CHECK(gdf_sdata_work(m, p) <= 2 * (size_t)m + (size_t)m / GDF_SDATA_ROWBLK + 2,
          "the sparse workspace is O(m) (%lu doubles)", (unsigned long)gdf_sdata_work(m, p));
    for (j = 0; j < p; j++) {
        x[j] = 0.3 * tp_normal();
        v[j] = tp_normal();
    }
    for (logi = 0; logi < 2; logi++) {
        double fd, fs;
        for (i = 0; i < m; i++)
            y[i] = logi ? (tp_uniform() < 0.5 ? 1.0 : 0.0) : tp_normal();
        memset(&qd, 0, sizeof qd);
        memset(&qs, 0, sizeof qs);
        qd.m = qs.m = m;
        qd.p = qs.p = p;
        qd.X = D;
        qs.Xp = A.Xp;
        qs.Xi = A.Xi;
        qs.Xx = A.Xx;
        qd.y = qs.y = y;
        qd.lambda = qs.lambda = 0.7;
        qd.work = wd;
        qs.work = ws;
        qd.threads = qs.threads = 1;
        if (logi) {
            gdf_problem_logistic(&pd, &qd);
            gdf_problem_logistic_sparse(&ps, &qs);
        } else {
            gdf_problem_leastsq(&pd, &qd);
            gdf_problem_leastsq_sparse(&ps, &qs);
        }
        CHECK(ps.d == p && isnan(ps.L) && ps.hess && ps.hessvec && !ps.fg_batch, "the sparse vtable");
        gdf_eval(&pd, x, &fd, gd);
        gdf_eval(&ps, x, &fs, gs);
        CHECK(fabs(fs - fd) <= 1e-13 * fabs(fd), "%s: f sparse %.17g vs dense %.17g",
              logi ? "logistic" : "leastsq", fs, fd);
        CHECK(max_rel(p, gs, gd) <= 1e-13, "%s: gradient sparse vs dense (%.3g)",
              logi ? "logistic" : "leastsq", max_rel(p, gs, gd));
        CHECK(gs[3] == 0.7 * (1.0 / (double)m) * x[3] && gs[17] == 0.7 * (1.0 / (double)m) * x[17],
              "an empty column's gradient is the penalty alone");
        { /* f only and g only give the same numbers */
            double f2, g2[37];
            int same = 1;
            ps.fg(ps.ctx, x, &f2, NULL);
            ps.fg(ps.ctx, x, NULL, g2);
            for (j = 0; j < p; j++)
                same = same && g2[j] == gs[j];
            CHECK(f2 == fs && same, "f alone and g alone: the same bits");
        }
        pd.hess(pd.ctx, x, Hd);
        ps.hess(ps.ctx, x, Hs);
        CHECK(max_rel(p * p, Hs, Hd) <= 1e-13, "%s: Hessian sparse vs dense (%.3g)",
              logi ? "logistic" : "leastsq", max_rel(p * p, Hs, Hd));
        CHECK(Hs[3 + 3 * p] == 0.7 * (1.0 / (double)m) && Hs[3 + 5 * p] == 0.0 && Hs[5 + 3 * p] == 0.0,
              "an empty column: a zero row and column of X'WX");
        pd.hessvec(pd.ctx, x, v, hvd);
        ps.hessvec(ps.ctx, x, v, hvs);
        CHECK(max_rel(p, hvs, hvd) <= 1e-13, "%s: Hessian-vector product sparse vs dense (%.3g)",
              logi ? "logistic" : "leastsq", max_rel(p, hvs, hvd));
        /* the thread count never changes a bit */
        {
            int nts[6] = {2, 3, 4, 7, 0, 100}, k;
            for (k = 0; k < 6; k++) {
                double f3, g3[37], hv3[37];
                int same = 1;
                qs.threads = nts[k];
                gdf_eval(&ps, x, &f3, g3);
                ps.hessvec(ps.ctx, x, v, hv3);
                for (j = 0; j < p; j++)
                    same = same && g3[j] == gs[j] && hv3[j] == hvs[j];
                CHECK(f3 == fs && same, "%s: threads = %d (%d used): same bits as one thread",
                      logi ? "logistic" : "leastsq", nts[k], gdf_sdata_threads(&qs));
            }
            qs.threads = 1;
        }
        { /* NaN theta propagates (no skipped column hides it) */
            double f4, g4[37], xn[37];
            memcpy(xn, x, sizeof xn);
            xn[5] = NAN;
            gdf_eval(&ps, xn, &f4, g4);
            CHECK(isnan(f4), "NaN theta gives NaN f");
        }
    }
    free(D); free(y); free(wd); free(ws); free(Hd); free(Hs);
    free_csc(&A);
}

/* duplicates are added and rows may come in any order (as sparse(i,j,v)
 * would add them) */
static void test_duplicates(void)
{
    /* X = [1 2; 0 3; 4 0] with column 1 given as (2,4), (0,0.5), (0,0.5)
     * and column 2 as (1,3), (0,2) */
    ptrdiff_t Xp[3] = {0, 3, 5}, Xi[5] = {2, 0, 0, 1, 0};
    double Xx[5] = {4.0, 0.5, 0.5, 3.0, 2.0}, y[3] = {1.0, -1.0, 2.0}, w[64];
    double D[6] = {1.0, 0.0, 4.0, 2.0, 3.0, 0.0}, wd[4096], x[2] = {0.3, -0.2};
    double fs, fd, gs[2], gd[2], Hs[4], Hd[4];
    gdf_sdata qs;
    gdf_data qd;
    gdf_problem ps, pd;
    memset(&qs, 0, sizeof qs);
    memset(&qd, 0, sizeof qd);
    CHECK(gdf_sdata_work(3, 2) <= 64 && gdf_data_work(3, 2) <= 4096, "small workspaces");
    qs.m = qd.m = 3;
    qs.p = qd.p = 2;
    qs.Xp = Xp; qs.Xi = Xi; qs.Xx = Xx; qs.y = qd.y = y; qs.work = w;
    qd.X = D; qd.work = wd;
    gdf_problem_leastsq_sparse(&ps, &qs);
    gdf_problem_leastsq(&pd, &qd);
    gdf_eval(&ps, x, &fs, gs);
    gdf_eval(&pd, x, &fd, gd);
    CHECK(fabs(fs - fd) <= 1e-15 && fabs(gs[0] - gd[0]) <= 1e-15 && fabs(gs[1] - gd[1]) <= 1e-15,
          "duplicates and unsorted rows: f %.17g vs %.17g", fs, fd);
    ps.hess(ps.ctx, x, Hs);
    pd.hess(pd.ctx, x, Hd);
    CHECK(max_rel(4, Hs, Hd) <= 1e-15, "duplicates: the Hessian");
}

/* 2e5 x 2e4 with 10 nonzeros per row: the workspace is 2m doubles and a
 * few evaluations take well under a second each */
static void test_large(void)
{
    ptrdiff_t m = 200000, p = 20000, per = 10, i, j, k;
    size_t nnz = (size_t)(m * per);
    ptrdiff_t *Xp = malloc((size_t)(p + 1) * sizeof(ptrdiff_t)), *Xi = malloc(nnz * sizeof(ptrdiff_t));
    double *Xx = malloc(nnz * sizeof(double)), *y = malloc((size_t)m * sizeof(double));
    double *x = calloc((size_t)p, sizeof(double)), *g = malloc((size_t)p * sizeof(double));
    double *g1 = malloc((size_t)p * sizeof(double)), *work, f = 0.0, f1 = 0.0, t0, t1, step;
    gdf_sdata q;
    gdf_problem pb;
    int it, same = 1;
    /* column j holds the rows i with (i * 7919 + r * 1009) mod p == j for
     * r = 0..per-1: built column by column with counts */
    memset(Xp, 0, (size_t)(p + 1) * sizeof(ptrdiff_t));
    for (i = 0; i < m; i++)
        for (k = 0; k < per; k++)
            Xp[((i * 7919 + k * 1009) % p) + 1]++;
    for (j = 0; j < p; j++)
        Xp[j + 1] += Xp[j];
    {
        ptrdiff_t *next = malloc((size_t)p * sizeof(ptrdiff_t));
        memcpy(next, Xp, (size_t)p * sizeof(ptrdiff_t));
        for (i = 0; i < m; i++)
            for (k = 0; k < per; k++) {
                ptrdiff_t c = (i * 7919 + k * 1009) % p;
                Xi[next[c]] = i;
                Xx[next[c]] = 1.0 + (double)((i + k) % 5) * 0.25;
                next[c]++;
            }
        free(next);
    }
    for (i = 0; i < m; i++)
        y[i] = (i % 3 == 0) ? 1.0 : 0.0;
    work = malloc(gdf_sdata_work(m, p) * sizeof(double));
    CHECK(gdf_sdata_work(m, p) < 3 * (size_t)m, "workspace of the 2e5 x 2e4 problem: %lu doubles",
          (unsigned long)gdf_sdata_work(m, p));
    memset(&q, 0, sizeof q);
    q.m = m; q.p = p; q.Xp = Xp; q.Xi = Xi; q.Xx = Xx; q.y = y; q.work = work;
    gdf_problem_logistic_sparse(&pb, &q);
    { /* the step 1/L with L = ||X||_1 ||X||_inf / (4m) >= lambda_max(X'X) / (4m) */
        double c1 = 0.0, rinf = 1.25 * 2.0 * (double)per; /* |X(i,k)| <= 2 */
        for (j = 0; j < p; j++) {
            double s = 0.0;
            for (k = Xp[j]; k < Xp[j + 1]; k++)
                s += fabs(Xx[k]);
            c1 = s > c1 ? s : c1;
        }
        step = 4.0 * (double)m / (c1 * rinf);
    }
    t0 = gdf_now();
    for (it = 0; it < 3; it++) {
        gdf_eval(&pb, x, &f, g);
        for (j = 0; j < p; j++)
            x[j] -= step * g[j];
    }
    gdf_eval(&pb, x, &f, g);
    t1 = gdf_now() - t0;
    printf("test_cw_sparse: 2e5 x 2e4 logistic, %d threads: %.3f s per evaluation\n",
           gdf_sdata_threads(&q), t1 / 4.0);
    CHECK(isfinite(f) && f < log(2.0), "three GD steps lower f below log 2 (f = %g)", f);
    CHECK(t1 < 60.0, "four evaluations in %.2f s", t1);
    q.threads = 1;
    gdf_eval(&pb, x, &f1, g1);
    q.threads = 2;
    gdf_eval(&pb, x, &f, g);
    for (j = 0; j < p; j++)
        same = same && g[j] == g1[j];
    CHECK(f == f1 && same, "2e5 x 2e4: two threads give the bits of one");
    free(Xp); free(Xi); free(Xx); free(y); free(x); free(g); free(g1); free(work);
}

int main(void)
{
    (void)tp_spd; /* testprob.h's, unused here */
    test_vs_dense();
    test_duplicates();
    test_large();
    return check_report("test_cw_sparse");
}
