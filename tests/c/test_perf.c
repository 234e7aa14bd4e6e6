/* test_perf.c - the fast paths of issue 6 against the plain formulas.
 *   - the one-pass (row-block) least-squares / logistic evaluation against
 *     the two-pass formula X'(X theta - y)/m in long double;
 *   - dense quadratics (dsymv, lower triangle) against A x in long double;
 *   - the Gram form of least squares (gdf_gram.h): the same GD iterates as
 *     the plain path to 1e-10, f within its documented bound of the exact
 *     value (long double residuals), including data fitted exactly (f -> 0,
 *     where the textbook Gram formula loses every digit), ill-conditioned
 *     columns and lambda > 0; Hessians; the automatic switch.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_gram.h"
#include "check.h"
#include "testprob.h"

/* exact-ish f and g of least squares / logistic in long double, two passes */
static void ref_data(const gdf_data *q, int logistic, const double *x, long double *f,
                     long double *g)
{
    ptrdiff_t m = q->m, p = q->p, i, j;
    long double acc = 0.0L;
    for (j = 0; j < p; j++)
        g[j] = 0.0L;
    for (i = 0; i < m; i++) {
        long double z = 0.0L, r;
        for (j = 0; j < p; j++)
            z += (long double)q->X[i + j * m] * x[j];
        if (logistic) { /* the loss as softplus((1 - 2y) z): no cancellation */
            long double e = expl(-fabsl(z)), w = q->y[i] != 0.0 ? -z : z;
            acc += (w > 0 ? w : 0.0L) + log1pl(e);
            r = (w >= 0 ? 1.0L / (1.0L + e) : e / (1.0L + e)) * (q->y[i] != 0.0 ? -1 : 1);
        } else {
            r = z - q->y[i];
            acc += r * r;
        }
        for (j = 0; j < p; j++)
            g[j] += (long double)q->X[i + j * m] * r;
    }
    *f = (logistic ? acc : 0.5L * acc) / m;
    for (j = 0; j < p; j++)
        g[j] /= m;
    if (q->lambda != 0.0) {
        long double s = 0.0L;
        for (j = 1; j < p; j++) {
            s += (long double)x[j] * x[j];
            g[j] += (long double)q->lambda / m * x[j];
        }
        *f += 0.5L * q->lambda / m * s;
    }
}

static double max_rel_g(ptrdiff_t p, const double *g, const long double *gr)
{
    ptrdiff_t j;
    long double num = 0.0L, den = 0.0L;
    for (j = 0; j < p; j++) {
        long double e = fabsl(g[j] - gr[j]);
        if (e > num)
            num = e;
        if (fabsl(gr[j]) > den)
            den = fabsl(gr[j]);
    }
    return (double)(num / (den > 0 ? den : 1.0L));
}

static void fill_data(ptrdiff_t m, ptrdiff_t p, double *X, double *y, int labels)
{
    ptrdiff_t i, j;
    for (i = 0; i < m; i++) {
        X[i] = 1.0;
        for (j = 1; j < p; j++)
            X[i + j * m] = 3.4 * (tp_uniform() - 0.5); /* variance ~1, cheaper than normals */
        y[i] = labels ? (tp_uniform() < 0.4 ? 1.0 : 0.0) : 6.9 * (tp_uniform() - 0.5);
    }
}

static void test_block_rule(void)
{
    ptrdiff_t ps[5] = {1, 5, 50, 500, 100000}, k;
    for (k = 0; k < 5; k++) {
        ptrdiff_t p = ps[k], nb = gdf_data_block(10000000, p);
        CHECK(nb >= 8 && nb <= 16384 && (nb == 8 || (double)nb * (double)p * 8.0 <= 2.0 * 1048576.0 + 8.0 * p),
              "block of p = %ld: %ld rows", (long)p, (long)nb);
        CHECK(gdf_data_block(3, p) == 3, "block never exceeds m");
    }
}

/* the one-pass evaluation against the two-pass formula, several blocks */
static void test_fused_pass(void)
{
    ptrdiff_t cases[3][2] = {{100000, 3}, {12000, 50}, {700, 9}}, c, j;
    for (c = 0; c < 3; c++) {
        ptrdiff_t m = cases[c][0], p = cases[c][1];
        double *X = malloc((size_t)(m * p) * sizeof *X), *y = malloc((size_t)m * sizeof *y);
        double *yl = malloc((size_t)m * sizeof *yl), *work = malloc(gdf_data_work(m, p) * sizeof *work);
        double x[50], g[50], f, lam;
        long double fr, gr[50];
        gdf_data q;
        gdf_problem pb;
        int logi;
        memset(&q, 0, sizeof q);
        tp_seed(100 + (uint64_t)c);
        fill_data(m, p, X, y, 0);
        {
            ptrdiff_t i;
            for (i = 0; i < m; i++)
                yl[i] = tp_uniform() < 0.4 ? 1.0 : 0.0;
        }
        for (j = 0; j < p; j++)
            x[j] = 0.3 * tp_normal();
        CHECK(m > gdf_data_block(m, p) || c == 2, "case %ld spans several blocks", (long)c);
        for (logi = 0; logi < 2; logi++)
            for (lam = 0.0; lam <= 2.0; lam += 2.0) {
                q.m = m; q.p = p; q.X = X; q.y = logi ? yl : y; q.lambda = lam; q.work = work;
                if (logi)
                    gdf_problem_logistic(&pb, &q);
                else
                    gdf_problem_leastsq(&pb, &q);
                gdf_eval(&pb, x, &f, g);
                ref_data(&q, logi, x, &fr, gr);
                CHECK(fabsl(f - fr) <= 1e-13L * fabsl(fr), "%s f, m=%ld p=%ld lambda=%g: %.17g vs %.17Lg",
                      logi ? "logistic" : "leastsq", (long)m, (long)p, lam, f, fr);
                CHECK(max_rel_g(p, g, gr) <= 1e-12, "%s g, m=%ld p=%ld: rel err %.3g",
                      logi ? "logistic" : "leastsq", (long)m, (long)p, max_rel_g(p, g, gr));
                {
                    double f2;
                    gdf_eval(&pb, x, &f2, NULL);
                    CHECK(f2 == f, "f without g is the same number");
                }
            }
        free(X); free(y); free(yl); free(work);
    }
}

/* logistic loss of single rows, well and badly classified: relative accuracy */
static void test_logistic_rows(void)
{
    double zs[10] = {0.5, -0.5, 5.0, -5.0, 30.0, -30.0, 300.0, -300.0, 700.0, -700.0}, work[64];
    int k, lab;
    CHECK(gdf_data_work(1, 1) <= 64, "workspace of a 1 x 1 problem");
    for (k = 0; k < 10; k++)
        for (lab = 0; lab < 2; lab++) {
            double X[1], y[1], one = 1.0, f, g;
            long double fr, gr[1];
            gdf_data q;
            gdf_problem pb;
            memset(&q, 0, sizeof q);
            X[0] = zs[k];
            y[0] = lab;
            q.m = 1; q.p = 1; q.X = X; q.y = y; q.lambda = 0.0; q.work = work;
            gdf_problem_logistic(&pb, &q);
            gdf_eval(&pb, &one, &f, &g);
            ref_data(&q, 1, &one, &fr, gr);
            CHECK(fabsl(f - fr) <= 4e-16L * fabsl(fr), "logistic loss at z = %g, y = %d: %.17g vs %.17Lg",
                  zs[k], lab, f, fr);
            CHECK(fabsl(g - gr[0]) <= 4e-16L * fabsl(gr[0]) + 1e-300L, "logistic gradient at z = %g, y = %d",
                  zs[k], lab);
        }
}

/* dense quadratic: g = A x - b from the lower triangle (dsymv) */
static void test_dense_quad(void)
{
    ptrdiff_t d = 300, i, j;
    double *A = malloc((size_t)(d * d) * sizeof *A), *w = malloc((size_t)d * sizeof *w);
    double *x = malloc((size_t)d * sizeof *x), *b = malloc((size_t)d * sizeof *b);
    double *g = malloc((size_t)d * sizeof *g), *hv = malloc((size_t)d * sizeof *hv), f;
    long double err = 0.0L, gmax = 0.0L, fr = 0.0L;
    gdf_quad q;
    gdf_problem pb;
    tp_seed(7);
    tp_spd(d, 0.1, 10.0, A, w);
    for (i = 0; i < d; i++) {
        x[i] = tp_normal();
        b[i] = tp_normal();
    }
    q.d = d; q.A = A; q.b = b; q.c = 0.5;
    gdf_problem_quad(&pb, &q);
    gdf_eval(&pb, x, &f, g);
    pb.hessvec(pb.ctx, x, x, hv);
    for (j = 0; j < d; j++) {
        long double s = 0.0L;
        for (i = 0; i < d; i++)
            s += (long double)A[j + i * d] * x[i];
        fr += 0.5L * x[j] * s - (long double)b[j] * x[j];
        s -= b[j];
        if (fabsl(g[j] - s) > err)
            err = fabsl(g[j] - s);
        if (fabsl(s) > gmax)
            gmax = fabsl(s);
        CHECK(fabsl(hv[j] - (s + b[j])) <= 1e-12L * (1.0L + fabsl(s + b[j])), "dense hessvec %ld", (long)j);
    }
    fr += 0.5L;
    CHECK(err <= 1e-13L * gmax, "dense quadratic gradient (dsymv): rel err %.3Lg", err / gmax);
    CHECK(fabsl(f - fr) <= 1e-13L * (1.0L + fabsl(fr)), "dense quadratic f %.17g vs %.17Lg", f, fr);
    free(A); free(w); free(x); free(b); free(g); free(hv);
}

/* ---- the Gram form ------------------------------------------------- */
typedef struct {
    ptrdiff_t m, p;
    double *X, *y;
} lsdata;

/* GD with a fixed step, K iterations; Theta (p x (K+1)) and F (K+1) */
static void run_gd(gdf_problem *pb, ptrdiff_t p, const double *x0, double eta, long K, double *Theta,
                   double *F, double *Gn)
{
    double *g = malloc((size_t)p * sizeof *g), *x = malloc((size_t)p * sizeof *x);
    long k;
    ptrdiff_t j;
    memcpy(x, x0, (size_t)p * sizeof *x);
    for (k = 0; k <= K; k++) {
        gdf_eval(pb, x, &F[k], g);
        memcpy(Theta + (size_t)k * (size_t)p, x, (size_t)p * sizeof *x);
        if (Gn)
            Gn[k] = gdf_nrm2(p, g);
        for (j = 0; j < p; j++)
            x[j] -= eta * g[j];
    }
    free(g);
    free(x);
}

/* exact f at theta (long double residuals) and the plain path's worst-case
 * bound P_f there (gdf_gram.h), for checking the documented accuracy */
static long double exact_f(const gdf_data *q, const double *x)
{
    long double f, g[64];
    ref_data(q, 0, x, &f, g);
    return f;
}

static double lipschitz(const gdf_data *q)
{ /* power iteration on X'X/m */
    ptrdiff_t m = q->m, p = q->p, i, j, it;
    double v[64], w[64], L = 0.0;
    for (j = 0; j < p; j++)
        v[j] = 1.0 / sqrt((double)p);
    for (it = 0; it < 30; it++) {
        double nv = 0.0;
        for (j = 0; j < p; j++)
            w[j] = 0.0;
        for (i = 0; i < m; i++) {
            double z = 0.0;
            for (j = 0; j < p; j++)
                z += q->X[i + j * m] * v[j];
            for (j = 0; j < p; j++)
                w[j] += q->X[i + j * m] * z / (double)m;
        }
        nv = gdf_nrm2(p, w);
        L = nv;
        for (j = 0; j < p; j++)
            v[j] = w[j] / nv;
    }
    return L + q->lambda / (double)m;
}

/* compare the Gram path (switch at evaluation `sw`) with the plain path */
static void gram_vs_plain(const char *what, gdf_data *q, long K, long sw, double fbound_rel,
                          long max_anchors)
{
    ptrdiff_t p = q->p, j;
    long k, worst_k = 0;
    double *T1 = malloc((size_t)(p * (K + 1)) * sizeof(double)), *T2 = malloc((size_t)(p * (K + 1)) * sizeof(double));
    double *F1 = malloc((size_t)(K + 1) * sizeof(double)), *F2 = malloc((size_t)(K + 1) * sizeof(double));
    double *x0 = calloc((size_t)p, sizeof(double)), eta = 1.0 / lipschitz(q), terr = 0.0, tmax = 0.0;
    double ferr_gram = 0.0, ferr_plain = 0.0;
    gdf_problem pg, pp;
    gdf_lsgram lg;
    memset(&lg, 0, sizeof lg);
    lg.data = *q;
    lg.switch_after = sw;
    lg.work = malloc(gdf_gram_work(q->m, p) * sizeof(double));
    gdf_problem_leastsq_gram(&pg, &lg);
    gdf_problem_leastsq(&pp, q);
    for (j = 0; j < p; j++)
        x0[j] = 0.5;
    run_gd(&pg, p, x0, eta, K, T1, F1, NULL);
    run_gd(&pp, p, x0, eta, K, T2, F2, NULL);
    CHECK(lg.formed && lg.ngram > 0, "%s: the Gram form was used (%ld Gram evaluations)", what, lg.ngram);
    CHECK(lg.nanchors <= max_anchors, "%s: %ld anchors (at most %ld expected)", what, lg.nanchors, max_anchors);
    for (k = 0; k <= K; k++)
        for (j = 0; j < p; j++) {
            double e = fabs(T1[k * p + j] - T2[k * p + j]);
            if (e > terr)
                terr = e;
            if (fabs(T2[k * p + j]) > tmax)
                tmax = fabs(T2[k * p + j]);
        }
    CHECK(terr <= 1e-10 * tmax, "%s: iterates agree to %.3g relative (1e-10 required)", what, terr / tmax);
    for (k = 0; k <= K; k += (K / 10 > 0 ? K / 10 : 1)) {
        long double fe = exact_f(q, T1 + k * p), fe2 = exact_f(q, T2 + k * p);
        double e1 = (double)(fabsl(F1[k] - fe) / fe), e2 = (double)(fabsl(F2[k] - fe2) / fe2);
        if (e1 > ferr_gram) {
            ferr_gram = e1;
            worst_k = k;
        }
        if (e2 > ferr_plain)
            ferr_plain = e2;
    }
    CHECK(ferr_gram <= fbound_rel, "%s: f relative error %.3g at k = %ld (plain path: %.3g; bound %.3g)",
          what, ferr_gram, worst_k, ferr_plain, fbound_rel);
    free(T1); free(T2); free(F1); free(F2); free(x0); free(lg.work);
}

static void test_gram(void)
{
    ptrdiff_t m = 2000, p = 12, i, j;
    double *X = malloc((size_t)(m * p) * sizeof *X), *y = malloc((size_t)m * sizeof *y);
    double *y0 = malloc((size_t)m * sizeof *y0), *work = malloc(gdf_data_work(m, p) * sizeof *work);
    double th[12];
    gdf_data q;
    memset(&q, 0, sizeof q);
    tp_seed(11);
    fill_data(m, p, X, y, 0);
    for (j = 0; j < p; j++)
        th[j] = tp_normal();
    for (i = 0; i < m; i++) { /* y0 = X th exactly representable? no: a consistent system up to rounding */
        double s = 0.0;
        for (j = 0; j < p; j++)
            s += X[i + j * m] * th[j];
        y0[i] = s;
        y[i] = s + 0.1 * y[i];
    }
    q.m = m; q.p = p; q.X = X; q.y = y; q.lambda = 0.0; q.work = work;
    gram_vs_plain("noisy data", &q, 400, 0, 1e-10, 5);
    gram_vs_plain("noisy data, switch after 7", &q, 400, 7, 1e-10, 5);
    q.lambda = 30.0;
    gram_vs_plain("noisy data, lambda = 30", &q, 400, 0, 1e-10, 5);
    q.lambda = 0.0;
    /* fitted exactly: f falls from O(1) to the rounding floor; the plain
     * path itself has only absolute accuracy there, so compare both */
    q.y = y0;
    {
        ptrdiff_t K = 200;
        double *T1 = malloc((size_t)(p * (K + 1)) * sizeof(double)), *F1 = malloc((size_t)(K + 1) * sizeof(double));
        double *T2 = malloc((size_t)(p * (K + 1)) * sizeof(double)), *F2 = malloc((size_t)(K + 1) * sizeof(double));
        double x0[12], eta = 1.0 / lipschitz(&q), worst = 0.0, worst_naive = 0.0;
        gdf_problem pg, pp;
        gdf_lsgram lg;
        long k;
        long double G[144], c[12], yy = 0.0L;
        double Dj[12], yrms = 0.0;
        memset(&lg, 0, sizeof lg);
        lg.data = q; lg.switch_after = 0; lg.work = malloc(gdf_gram_work(m, p) * sizeof(double));
        gdf_problem_leastsq_gram(&pg, &lg);
        gdf_problem_leastsq(&pp, &q);
        for (j = 0; j < p; j++)
            x0[j] = 0.0;
        run_gd(&pg, p, x0, eta, K, T1, F1, NULL);
        run_gd(&pp, p, x0, eta, K, T2, F2, NULL);
        /* the textbook Gram formula, in double, for contrast */
        for (j = 0; j < p * p; j++)
            G[j] = 0.0L;
        for (j = 0; j < p; j++) {
            ptrdiff_t l;
            c[j] = 0.0L;
            for (i = 0; i < m; i++)
                c[j] += (long double)X[i + j * m] * y0[i];
            for (l = 0; l < p; l++) {
                double s = 0.0;
                for (i = 0; i < m; i++)
                    s += X[i + j * m] * X[i + l * m];
                G[j + l * p] = s / m;
            }
            c[j] /= m;
        }
        for (i = 0; i < m; i++)
            yy += (long double)y0[i] * y0[i];
        yy /= 2 * m;
        for (j = 0; j < p; j++) {
            double Gjj = 0.0;
            for (i = 0; i < m; i++)
                Gjj += X[i + j * m] * X[i + j * m];
            Dj[j] = sqrt(Gjj / m);
        }
        for (i = 0; i < m; i++)
            yrms += y0[i] * y0[i];
        yrms = sqrt(yrms / m);
        for (k = 0; k <= K; k++) {
            const double *x = T1 + k * p;
            long double fe, fe2;
            double fn = 0.0, S = 0.0, Pf, gr;
            ptrdiff_t l;
            if (k % 4 != 0 && k != K)
                continue;
            fe = exact_f(&q, x);
            fe2 = exact_f(&q, T2 + k * p);
            /* the plain path's worst-case bound at x (gdf_gram.h), for the documented accuracy */
            for (j = 0; j < p; j++)
                S += fabs(x[j]) * Dj[j];
            S += yrms;
            gr = (p + 1) * DBL_EPSILON / 2 * S;
            Pf = gr * sqrt(2.0 * (double)fe) + 0.5 * gr * gr + 1e-12 * (double)fe;
            {
                double allowed = fmax(1e-10 * (double)fe, 4.0 * Pf) + Pf;
                double e = (double)fabsl(F1[k] - fe);
                if (e / allowed > worst)
                    worst = e / allowed;
                CHECK(e <= allowed, "exact fit: f_%ld = %.17g, exact %.17Lg, allowed error %.3g", k, F1[k], fe, allowed);
                CHECK((double)fabsl(F2[k] - fe2) <= Pf * 1.0001 + 1e-300, "plain path within its own bound at %ld", k);
            }
            /* textbook: 1/2 x'Gx - c'x + y'y/(2m) in double */
            {
                double xGx = 0.0, cx = 0.0;
                for (j = 0; j < p; j++) {
                    for (l = 0; l < p; l++)
                        xGx += (double)G[j + l * p] * x[j] * x[l];
                    cx += (double)c[j] * x[j];
                }
                fn = 0.5 * xGx - cx + (double)yy;
                if (fabs(fn - (double)fe) / (double)fe > worst_naive)
                    worst_naive = fabs(fn - (double)fe) / (double)fe;
            }
        }
        CHECK(F1[K] < 1e-20 * F1[0], "exact fit: f fell from %.3g to %.3g", F1[0], F1[K]);
        CHECK(worst_naive > 1.0, "the textbook Gram formula loses all digits here (rel err %.3g)", worst_naive);
        CHECK(lg.nanchors <= 40, "exact fit: %ld anchors over %ld iterations", lg.nanchors, (long)K);
        free(T1); free(F1); free(T2); free(F2); free(lg.work);
    }
    q.y = y;
    /* ill-conditioned columns: scales 1e-3 .. 1e3 and two nearly equal columns */
    {
        double *Xs = malloc((size_t)(m * p) * sizeof *Xs);
        for (j = 0; j < p; j++)
            for (i = 0; i < m; i++)
                Xs[i + j * m] = X[i + j * m] * pow(10.0, -3.0 + 6.0 * (double)j / (double)(p - 1));
        for (i = 0; i < m; i++)
            Xs[i + 2 * m] = Xs[i + 1 * m] * (1.0 + 1e-6 * X[i + 2 * m]);
        q.X = Xs;
        gram_vs_plain("ill-conditioned columns", &q, 300, 0, 1e-10, 10);
        q.X = X;
        free(Xs);
    }
    /* Hessian and Hessian-vector product from G equal the plain ones */
    {
        gdf_problem pg, pp;
        gdf_lsgram lg;
        double *H1 = malloc((size_t)(p * p) * sizeof(double)), *H2 = malloc((size_t)(p * p) * sizeof(double));
        double v[12], x[12], h1[12], h2[12], f, g[12], hmax = 0.0, err = 0.0;
        memset(&lg, 0, sizeof lg);
        q.lambda = 5.0;
        lg.data = q; lg.switch_after = 0; lg.work = malloc(gdf_gram_work(m, p) * sizeof(double));
        gdf_problem_leastsq_gram(&pg, &lg);
        gdf_problem_leastsq(&pp, &q);
        for (j = 0; j < p; j++) {
            v[j] = tp_normal();
            x[j] = tp_normal();
        }
        pg.hess(pg.ctx, x, H1); /* before G exists: the plain Hessian */
        gdf_eval(&pg, x, &f, g);
        CHECK(lg.formed, "G formed at the first evaluation with switch_after = 0");
        pg.hess(pg.ctx, x, H1);
        pp.hess(pp.ctx, x, H2);
        pg.hessvec(pg.ctx, x, v, h1);
        pp.hessvec(pp.ctx, x, v, h2);
        for (j = 0; j < p * p; j++) {
            err = fmax(err, fabs(H1[j] - H2[j]));
            hmax = fmax(hmax, fabs(H2[j]));
        }
        CHECK(err <= 1e-13 * hmax, "Gram Hessian = plain Hessian (%.3g)", err / hmax);
        for (j = 0; j < p; j++)
            CHECK(fabs(h1[j] - h2[j]) <= 1e-12 * (1.0 + fabs(h2[j])), "Gram Hessian-vector product %ld", (long)j);
        q.lambda = 0.0;
        free(H1); free(H2); free(lg.work);
    }
    /* the automatic switch: plain passes first, then O(p^2) evaluations */
    {
        gdf_problem pg;
        gdf_lsgram lg;
        double x[12], f, g[12];
        long k, sw = gdf_gram_switch_default(m, p);
        CHECK(sw >= 2 && sw <= 4, "switch after %ld evaluations for p = 12", sw);
        CHECK(gdf_gram_switch_default(100, 30) < 0, "no Gram form when m < 4p");
        CHECK(gdf_gram_switch_default(100000, 5000) < 0, "no Gram form when p > GDF_GRAM_PMAX");
        CHECK(gdf_gram_switch_default(4 * (GDF_GRAM_PMAX + 1), GDF_GRAM_PMAX + 1) < 0 &&
                  gdf_gram_switch_default(4 * GDF_GRAM_PMAX, GDF_GRAM_PMAX) >= 0,
              "the Gram limit is GDF_GRAM_PMAX columns");
        memset(&lg, 0, sizeof lg);
        lg.data = q; lg.switch_after = sw; lg.work = malloc(gdf_gram_work(m, p) * sizeof(double));
        gdf_problem_leastsq_gram(&pg, &lg);
        for (j = 0; j < p; j++)
            x[j] = 0.0;
        for (k = 0; k < 100; k++) {
            gdf_eval(&pg, x, &f, g);
            if (k < sw)
                CHECK(!lg.formed && lg.npasses == k + 1, "evaluation %ld is a plain pass", k);
            for (j = 0; j < p; j++)
                x[j] -= 0.5 * g[j];
        }
        CHECK(lg.formed && lg.ngram >= 90 && lg.npasses <= sw + 5,
              "100 evaluations: %ld passes over X, %ld from G", lg.npasses, lg.ngram);
        /* a non-finite point goes through the plain path and gives non-finite f */
        x[0] = NAN;
        gdf_eval(&pg, x, &f, g);
        CHECK(isnan(f), "NaN theta gives NaN f");
        free(lg.work);
    }
    free(X); free(y); free(y0); free(work);
}

/* the threaded pass: the same bits for any number of threads and either
 * direction of the pass, and the two-pass formula's value */
static void test_threads(void)
{
    ptrdiff_t cases[2][2] = {{100003, 7}, {40001, 50}}, c, j;
    int nts[6] = {1, 2, 3, 5, 0, 100}, logi;
    for (c = 0; c < 2; c++) {
        ptrdiff_t m = cases[c][0], p = cases[c][1];
        double *X = malloc((size_t)(m * p) * sizeof *X), *y = malloc((size_t)m * sizeof *y);
        double *work = malloc(gdf_data_work(m, p) * sizeof *work), x[50], g0[50], g[50], f0, f;
        long double fr, gr[50];
        gdf_data q;
        gdf_problem pb;
        memset(&q, 0, sizeof q);
        tp_seed(500 + (uint64_t)c);
        fill_data(m, p, X, y, 0);
        for (j = 0; j < p; j++)
            x[j] = 0.2 * tp_normal();
        q.m = m; q.p = p; q.X = X; q.y = y; q.lambda = 0.5; q.work = work;
        CHECK(m / gdf_data_block(m, p) >= 3, "case %ld has several blocks per thread", (long)c);
        for (logi = 0; logi < 2; logi++) {
            int k, rep;
            if (logi) {
                ptrdiff_t i;
                for (i = 0; i < m; i++)
                    y[i] = y[i] > 0.0 ? 1.0 : 0.0;
                gdf_problem_logistic(&pb, &q);
            } else {
                gdf_problem_leastsq(&pb, &q);
            }
            q.threads = 1;
            gdf_eval(&pb, x, &f0, g0);
            ref_data(&q, logi, x, &fr, gr);
            CHECK(fabsl(f0 - fr) <= 1e-13L * fabsl(fr) && max_rel_g(p, g0, gr) <= 1e-12,
                  "%s, one thread: f and g against the two-pass formula", logi ? "logistic" : "leastsq");
            for (k = 0; k < 6; k++)
                for (rep = 0; rep < 2; rep++) { /* rep: the pass in the other direction */
                    int same = 1;
                    q.threads = nts[k];
                    gdf_eval(&pb, x, &f, g);
                    for (j = 0; j < p; j++)
                        same = same && g[j] == g0[j];
                    CHECK(f == f0 && same, "%s, m=%ld p=%ld, threads=%d (%d used), pass %d: same bits as 1 thread",
                          logi ? "logistic" : "leastsq", (long)m, (long)p, nts[k], gdf_data_threads(&q), rep);
                }
        }
#ifdef _OPENMP
        q.threads = 3;
        CHECK(gdf_data_threads(&q) == 3, "threads = 3 gives 3");
        q.threads = 100;
        CHECK(gdf_data_threads(&q) == GDF_DATA_MAX_THREADS || gdf_data_threads(&q) == (int)(m / gdf_data_block(m, p) + 1),
              "threads = 100 is capped (%d)", gdf_data_threads(&q));
#endif
        free(X); free(y); free(work);
    }
    { /* small problems stay on one thread unless asked */
        double X[40], y[20], work[1024];
        gdf_data q;
        memset(&q, 0, sizeof q);
        q.m = 20; q.p = 2; q.X = X; q.y = y; q.work = work;
        CHECK(gdf_data_work(20, 2) <= 1024, "workspace of a 20 x 2 problem");
        CHECK(gdf_data_threads(&q) == 1, "a 20 x 2 problem uses one thread");
        q.threads = 4;
        CHECK(gdf_data_threads(&q) == 1, "one block is one thread");
    }
}

int main(void)
{
    test_block_rule();
    test_fused_pass();
    test_threads();
    test_logistic_rows();
    test_dense_quad();
    test_gram();
    return check_report("test_perf");
}
