/* test_core.c - unit tests of the native families and the GD driver.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "check.h"
#include "testprob.h"

/* central finite differences of f against the analytic gradient */
static double fd_error(gdf_problem *p, const double *x0)
{
    ptrdiff_t d = p->d, i;
    double *x = malloc((size_t)d * sizeof *x), *g = malloc((size_t)d * sizeof *g);
    double f, worst = 0.0, gmax = 0.0;
    memcpy(x, x0, (size_t)d * sizeof *x);
    gdf_eval(p, x, &f, g);
    for (i = 0; i < d; i++)
        gmax = fmax(gmax, fabs(g[i]));
    for (i = 0; i < d; i++) {
        double h = 1e-5 * (1.0 + fabs(x0[i])), fp, fm, fd;
        x[i] = x0[i] + h;
        gdf_eval(p, x, &fp, NULL);
        x[i] = x0[i] - h;
        gdf_eval(p, x, &fm, NULL);
        x[i] = x0[i];
        fd = (fp - fm) / (2.0 * h);
        worst = fmax(worst, fabs(fd - g[i]) / (1.0 + gmax));
    }
    free(x);
    free(g);
    return worst;
}

/* f computed with and without the gradient must agree */
static double f_consistency(gdf_problem *p, const double *x)
{
    double f1, f2, *g = malloc((size_t)p->d * sizeof *g);
    gdf_eval(p, x, &f1, g);
    gdf_eval(p, x, &f2, NULL);
    free(g);
    return fabs(f1 - f2) / (1.0 + fabs(f1));
}

/* Hessian against finite differences of the gradient */
static double hess_error(gdf_problem *p, const double *x0)
{
    ptrdiff_t d = p->d, i, j;
    double *H = malloc((size_t)(d * d) * sizeof *H), *x = malloc((size_t)d * sizeof *x);
    double *gp = malloc((size_t)d * sizeof *gp), *gm = malloc((size_t)d * sizeof *gm);
    double worst = 0.0, hmax = 0.0;
    p->hess(p->ctx, x0, H);
    for (i = 0; i < d * d; i++)
        hmax = fmax(hmax, fabs(H[i]));
    memcpy(x, x0, (size_t)d * sizeof *x);
    for (j = 0; j < d; j++) {
        double h = 1e-5 * (1.0 + fabs(x0[j]));
        x[j] = x0[j] + h;
        gdf_eval(p, x, NULL, gp);
        x[j] = x0[j] - h;
        gdf_eval(p, x, NULL, gm);
        x[j] = x0[j];
        for (i = 0; i < d; i++)
            worst = fmax(worst, fabs((gp[i] - gm[i]) / (2.0 * h) - H[i + j * d]) / (1.0 + hmax));
    }
    free(H);
    free(x);
    free(gp);
    free(gm);
    return worst;
}

static void test_families(void)
{
    ptrdiff_t d = 7, m = 40, i, j;
    double *A = malloc(49 * sizeof *A), *w = malloc(7 * sizeof *w), b[7], x[7];
    tp_seed(1);
    tp_spd(d, 0.5, 20.0, A, w);
    for (i = 0; i < d; i++) {
        b[i] = tp_normal();
        x[i] = tp_normal();
    }
    { /* dense quadratic (BLAS path d > 16 is exercised below) */
        gdf_quad q = {d, A, b, 0.7};
        gdf_problem p;
        gdf_problem_quad(&p, &q);
        CHECK(fd_error(&p, x) < 1e-8, "quad gradient");
        CHECK(f_consistency(&p, x) < 1e-14, "quad f with/without g");
        CHECK(hess_error(&p, x) < 1e-8, "quad Hessian");
    }
    { /* dense quadratic, d = 40: the BLAS path */
        ptrdiff_t n = 40;
        double *B = malloc((size_t)(n * n) * sizeof *B), *ww = malloc((size_t)n * sizeof *ww);
        double *bb = malloc((size_t)n * sizeof *bb), *xx = malloc((size_t)n * sizeof *xx);
        gdf_quad q;
        gdf_problem p;
        tp_spd(n, 1.0, 10.0, B, ww);
        for (i = 0; i < n; i++) {
            bb[i] = tp_normal();
            xx[i] = tp_normal();
        }
        q.d = n; q.A = B; q.b = bb; q.c = -1.0;
        gdf_problem_quad(&p, &q);
        CHECK(fd_error(&p, xx) < 1e-8, "quad40 gradient");
        CHECK(f_consistency(&p, xx) < 1e-13, "quad40 f with/without g");
        free(B); free(ww); free(bb); free(xx);
    }
    { /* sparse quadratic: the dense A stored in CSC must give identical values */
        ptrdiff_t Ap[8], Ai[49], nnz = 0;
        double Ax[49], fd_, fs, gd_[7], gs[7];
        gdf_squad s;
        gdf_quad q = {d, A, b, 0.7};
        gdf_problem ps, pd;
        for (j = 0; j < d; j++) {
            Ap[j] = nnz;
            for (i = 0; i < d; i++)
                if (i == j || fabs(A[i + j * d]) > 0.0) {
                    Ai[nnz] = i;
                    Ax[nnz++] = A[i + j * d];
                }
        }
        Ap[d] = nnz;
        s.d = d; s.Ap = Ap; s.Ai = Ai; s.Ax = Ax; s.b = b; s.c = 0.7;
        gdf_problem_squad(&ps, &s);
        gdf_problem_quad(&pd, &q);
        gdf_eval(&ps, x, &fs, gs);
        gdf_eval(&pd, x, &fd_, gd_);
        CHECK_CLOSE(fs, fd_, 1e-13, "sparse f");
        for (i = 0; i < d; i++)
            CHECK_CLOSE(gs[i], gd_[i], 1e-13, "sparse g");
        CHECK(ps.hess == NULL && ps.hessvec != NULL && ps.hess_constant, "sparse vtable");
    }
    { /* least squares and logistic, with and without lambda; m > block size too */
        ptrdiff_t mm[2] = {m, 5000};
        int k;
        for (k = 0; k < 2; k++) {
            ptrdiff_t M = mm[k], P = 4;
            double *X = malloc((size_t)(M * P) * sizeof *X), *y = malloc((size_t)M * sizeof *y);
            double *work, th[4] = {0.3, -0.2, 0.5, 1.0}, lam;
            gdf_data q;
            gdf_problem p;
            memset(&q, 0, sizeof q);
            for (i = 0; i < M; i++) {
                X[i] = 1.0;
                for (j = 1; j < P; j++)
                    X[i + j * M] = 2.0 * tp_normal();
                y[i] = tp_uniform() < 0.5 ? 1.0 : 0.0;
            }
            work = malloc(gdf_data_work(M, P) * sizeof *work);
            for (lam = 0.0; lam <= 3.0; lam += 3.0) {
                q.m = M; q.p = P; q.X = X; q.y = y; q.lambda = lam; q.work = work;
                gdf_problem_leastsq(&p, &q);
                CHECK(fd_error(&p, th) < 1e-8, "leastsq gradient (m=%ld, lambda=%g)", (long)M, lam);
                CHECK(hess_error(&p, th) < 1e-7, "leastsq Hessian");
                gdf_problem_logistic(&p, &q);
                CHECK(fd_error(&p, th) < 1e-8, "logistic gradient (m=%ld, lambda=%g)", (long)M, lam);
                CHECK(f_consistency(&p, th) < 1e-14, "logistic f with/without g");
                CHECK(hess_error(&p, th) < 1e-7, "logistic Hessian");
            }
            { /* stability: huge |X theta| gives finite f and g, no log(0) */
                double big[4] = {0.0, 400.0, -400.0, 800.0}, f, g[4];
                q.lambda = 0.0;
                gdf_problem_logistic(&p, &q);
                gdf_eval(&p, big, &f, g);
                CHECK(isfinite(f) && f > 0.0 && gdf_all_finite(4, g), "logistic overflow-safe");
            }
            free(X); free(y); free(work);
        }
    }
    { /* exact value of least squares: f = ||X t - y||^2 / (2m) */
        double X[6] = {1, 1, 1, 0, 1, 2}, y[3] = {1, 2, 2}, t[2] = {0.5, 1.0}, f, g[2], work[64];
        gdf_data q = {3, 2, X, y, 0.0, work, 0, 0};
        gdf_problem p;
        CHECK(gdf_data_work(3, 2) <= 64, "workspace of a 3 x 2 problem: %lu doubles",
              (unsigned long)gdf_data_work(3, 2));
        gdf_problem_leastsq(&p, &q);
        gdf_eval(&p, t, &f, g);
        /* residuals: 0.5-1, 1.5-2, 2.5-2 = -0.5, -0.5, 0.5 */
        CHECK_CLOSE(f, 0.75 / 6.0, 1e-15, "leastsq value");
        CHECK_CLOSE(g[0], -0.5 / 3.0, 1e-15, "leastsq g0");
        CHECK_CLOSE(g[1], 0.5 / 3.0, 1e-15, "leastsq g1");
    }
    { /* test functions: gradients, Hessians, minimizers */
        gdf_testfun tf;
        gdf_problem p;
        double r5[5] = {-1.2, 1.0, 0.7, -0.3, 1.1}, ones[5] = {1, 1, 1, 1, 1};
        double bx[2] = {0.7, -0.4}, bstar[2] = {3.0, 0.5}, hx[2] = {-1.0, 2.0};
        double hstar[2] = {3.584428340330492, -1.848126526964404}, f, g[5];
        tf.kind = GDF_TF_ROSENBROCK; tf.d = 5; tf.a = 1.0; tf.b = 100.0;
        gdf_problem_testfun(&p, &tf);
        CHECK(fd_error(&p, r5) < 1e-7, "rosenbrock gradient");
        CHECK(hess_error(&p, r5) < 1e-7, "rosenbrock Hessian");
        gdf_eval(&p, ones, &f, g);
        CHECK(f == 0.0 && gdf_nrm2(5, g) == 0.0, "rosenbrock minimizer");
        tf.d = 2;
        gdf_problem_testfun(&p, &tf);
        gdf_eval(&p, r5, &f, NULL);
        CHECK_CLOSE(f, 24.2, 1e-14, "rosenbrock f(-1.2, 1)");
        tf.kind = GDF_TF_BEALE;
        gdf_problem_testfun(&p, &tf);
        CHECK(fd_error(&p, bx) < 1e-8, "beale gradient");
        CHECK(hess_error(&p, bx) < 1e-7, "beale Hessian");
        gdf_eval(&p, bstar, &f, g);
        CHECK(f == 0.0 && g[0] == 0.0 && g[1] == 0.0, "beale minimizer");
        tf.kind = GDF_TF_HIMMELBLAU;
        gdf_problem_testfun(&p, &tf);
        CHECK(fd_error(&p, hx) < 1e-8, "himmelblau gradient");
        CHECK(hess_error(&p, hx) < 1e-7, "himmelblau Hessian");
        gdf_eval(&p, hstar, &f, g);
        CHECK(f < 1e-26 && gdf_nrm2(2, g) < 1e-12, "himmelblau minimizer");
    }
    free(A);
    free(w);
}

/* history growing through realloc, as the gateway does with mxRealloc */
static int grow_cb(void *ctx, long need, gdf_history *h)
{
    long cap = h->cap * 2 > need ? h->cap * 2 : need;
    ptrdiff_t d = *(ptrdiff_t *)ctx;
    h->f = realloc(h->f, (size_t)cap * sizeof(double));
    h->gnorm = realloc(h->gnorm, (size_t)cap * sizeof(double));
    h->theta = realloc(h->theta, (size_t)(cap * d) * sizeof(double));
    h->cap = cap;
    return 0;
}

static void test_gd(void)
{
    ptrdiff_t d = 30, i, k;
    const long K = 200;
    double *A = malloc((size_t)(d * d) * sizeof *A), *V = malloc((size_t)(d * d) * sizeof *V);
    double *lam = malloc((size_t)d * sizeof *lam), *w = malloc((size_t)d * sizeof *w);
    double *b = malloc((size_t)d * sizeof *b), *x0 = malloc((size_t)d * sizeof *x0);
    double *x = malloc((size_t)d * sizeof *x), *work = malloc(gdf_gd_work(d) * sizeof *work);
    double *sw = malloc(gdf_syev_work(d) * sizeof *sw);
    int *iw = malloc(gdf_syev_iwork(d) * sizeof *iw);
    gdf_quad q;
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r;
    gdf_history h;
    tp_seed(2);
    tp_spd(d, 1.0, 30.0, A, w);
    for (i = 0; i < d; i++) {
        b[i] = 0.0; /* theta* = 0: error e_k = (I - eta A)^k e_0 */
        x0[i] = tp_normal();
    }
    memcpy(V, A, (size_t)(d * d) * sizeof *A);
    CHECK(gdf_syev(d, V, lam, 1, sw, iw) == GDF_OK, "syev");
    CHECK_CLOSE(lam[0], 1.0, 1e-12, "lambda_min");
    CHECK_CLOSE(lam[d - 1], 30.0, 1e-12, "lambda_max");
    q.d = d; q.A = A; q.b = b; q.c = 0.0;
    gdf_problem_quad(&p, &q);
    gdf_gd_defaults(&o);
    o.eta = 1.0 / 30.0;
    o.max_iter = K;
    o.grad_tol = 0.0;
    memset(&h, 0, sizeof h);
    h.cap = 3; /* tiny: growth is exercised many times */
    h.f = malloc(3 * sizeof(double));
    h.gnorm = malloc(3 * sizeof(double));
    h.theta = malloc((size_t)(3 * d) * sizeof(double));
    h.grow = grow_cb;
    h.hctx = &d;
    memcpy(x, x0, (size_t)d * sizeof *x);
    CHECK(gdf_gd_run(&p, x, &o, &h, work, &r) == GDF_OK, "gd run");
    CHECK(r.iterations == K && r.exitflag == GDF_EXIT_MAXITER, "gd MaxIter");
    CHECK(h.cap >= K + 1, "history grew");
    { /* closed form: V diag((1 - eta lam)^k) V' x0 */
        double worst = 0.0, *z0 = malloc((size_t)d * sizeof *z0);
        for (i = 0; i < d; i++)
            z0[i] = gdf_dot(d, V + i * d, x0);
        for (k = 0; k <= K; k += 25) {
            ptrdiff_t r_;
            for (r_ = 0; r_ < d; r_++) {
                double s = 0.0;
                for (i = 0; i < d; i++)
                    s += V[r_ + i * d] * pow(1.0 - lam[i] / 30.0, (double)k) * z0[i];
                worst = fmax(worst, fabs(s - h.theta[k * d + r_]));
            }
        }
        CHECK(worst < 1e-13 * gdf_nrm2(d, x0), "GD iterates = closed form (err %g)", worst);
        free(z0);
    }
    /* f and ||g|| in the history match direct evaluation */
    {
        double f, *g = malloc((size_t)d * sizeof *g);
        gdf_eval(&p, h.theta + 17 * d, &f, g);
        CHECK_CLOSE(h.f[17], f, 1e-15, "history f");
        CHECK_CLOSE(h.gnorm[17], gdf_nrm2(d, g), 1e-15, "history gnorm");
        free(g);
    }
    /* divergence: eta = 2.05/L stops with DIVLIMIT, last iterate finite */
    o.eta = 2.05 / 30.0;
    o.max_iter = 1000000;
    memcpy(x, x0, (size_t)d * sizeof *x);
    gdf_gd_run(&p, x, &o, &h, work, &r);
    CHECK(r.exitflag == GDF_EXIT_DIVERGED && r.why == GDF_WHY_DIVLIMIT, "divergence flag");
    CHECK(r.iterations < 1000 && gdf_all_finite(d, x), "divergence early and finite");
    CHECK(h.f[r.iterations] - h.f[0] > 1e8 * fmax(1.0, fabs(h.f[0])), "divergence limit");
    /* gradient tolerance */
    o.eta = 1.0 / 30.0;
    o.grad_tol = 1e-6;
    memcpy(x, x0, (size_t)d * sizeof *x);
    gdf_gd_run(&p, x, &o, &h, work, &r);
    CHECK(r.exitflag == GDF_EXIT_GRADTOL && r.gnorm <= 1e-6 && h.gnorm[r.iterations - 1] > 1e-6,
          "GradTol");
    /* Armijo: monotone, converges, accepted steps satisfy the condition */
    o.step_rule = GDF_STEP_ARMIJO;
    o.eta = 1.0;
    memcpy(x, x0, (size_t)d * sizeof *x);
    gdf_gd_run(&p, x, &o, &h, work, &r);
    CHECK(r.exitflag == GDF_EXIT_GRADTOL, "Armijo converges");
    for (k = 0; k < r.iterations; k++)
        CHECK(h.f[k + 1] < h.f[k], "Armijo monotone at %ld", (long)k);
    /* no history at all */
    o.step_rule = GDF_STEP_FIXED;
    o.eta = 1.0 / 30.0;
    memcpy(x, x0, (size_t)d * sizeof *x);
    CHECK(gdf_gd_run(&p, x, &o, NULL, work, &r) == GDF_OK && r.exitflag == GDF_EXIT_GRADTOL,
          "no history");
    free(A); free(V); free(lam); free(w); free(b); free(x0); free(x); free(work);
    free(sw); free(iw); free(h.f); free(h.gnorm); free(h.theta);
}

/* a problem that turns non-finite past x = 0.3 */
static int nan_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    if (f)
        *f = x[0] > 0.3 ? x[0] * x[0] : NAN;
    if (g)
        g[0] = 2.0 * x[0];
    return GDF_OK;
}

static void test_nonfinite(void)
{
    gdf_problem p;
    gdf_gd_opts o;
    gdf_gd_result r;
    double x = 1.0, work[3], hf[100], hg[100];
    gdf_history h;
    memset(&p, 0, sizeof p);
    p.d = 1;
    p.fg = nan_fg;
    gdf_gd_defaults(&o);
    o.eta = 0.1;
    memset(&h, 0, sizeof h);
    h.f = hf;
    h.gnorm = hg;
    h.cap = 100;
    gdf_gd_run(&p, &x, &o, &h, work, &r);
    CHECK(r.exitflag == GDF_EXIT_DIVERGED && r.why == GDF_WHY_NONFINITE, "NaN stops");
    CHECK(x > 0.3 && isfinite(hf[r.iterations]), "last finite iterate kept (x=%g)", x);
    /* fixed-size history without grow: stops cleanly */
    x = 1.0;
    o.grad_tol = 0.0;
    h.cap = 3;
    p.fg = NULL;
    {
        gdf_quad q;
        double A = 1.0, xx = 5.0;
        q.d = 1; q.A = &A; q.b = NULL; q.c = 0.0;
        gdf_problem_quad(&p, &q);
        o.max_iter = 100;
        gdf_gd_run(&p, &xx, &o, &h, work, &r);
        CHECK(r.iterations == 2 && r.exitflag == GDF_EXIT_MAXITER, "full history stops");
    }
}

int main(void)
{
    test_families();
    test_gd();
    test_nonfinite();
    return check_report("test_core");
}
