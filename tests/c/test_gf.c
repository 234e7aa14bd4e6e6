/* test_gf.c - unit tests of the gradient-flow integrators (gdf_gf.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_gf.h"
#include "gdf_second.h"
#include "check.h"
#include "testprob.h"
#include "testsink.h"

/* ------------------------------------------------------------------ */
/* exact flow of a quadratic through A = Q diag(lam) Q'                 */
/* ------------------------------------------------------------------ */
typedef struct {
    ptrdiff_t d;
    double *A, *b, *Q, *lam, *z0, *zs; /* z0 = Q'(theta0 - theta*), zs = Q' theta* */
    gdf_quad q;
} quadp;

static void quadp_make(quadp *P, ptrdiff_t d, double lmin, double lmax, const double *theta0,
                       uint64_t seed)
{
    ptrdiff_t i, j;
    double *w = malloc(gdf_syev_work(d) * sizeof(double));
    gdf_int *iw = malloc(gdf_syev_iwork(d) * sizeof(gdf_int));
    double *c = malloc((size_t)d * sizeof(double));
    tp_seed(seed);
    P->d = d;
    P->A = malloc((size_t)d * (size_t)d * sizeof(double));
    P->Q = malloc((size_t)d * (size_t)d * sizeof(double));
    P->b = malloc((size_t)d * sizeof(double));
    P->lam = malloc((size_t)d * sizeof(double));
    P->z0 = malloc((size_t)d * sizeof(double));
    P->zs = malloc((size_t)d * sizeof(double));
    tp_spd(d, lmin, lmax, P->A, c);
    for (i = 0; i < d; i++)
        P->b[i] = tp_normal();
    memcpy(P->Q, P->A, (size_t)d * (size_t)d * sizeof(double));
    gdf_syev(d, P->Q, P->lam, 1, w, iw);
    for (j = 0; j < d; j++) { /* zs_j = (q_j'b)/lam_j,  z0_j = q_j'theta0 - zs_j */
        double qb = 0.0, qt = 0.0;
        for (i = 0; i < d; i++) {
            qb += P->Q[i + j * d] * P->b[i];
            qt += P->Q[i + j * d] * theta0[i];
        }
        P->zs[j] = qb / P->lam[j];
        P->z0[j] = qt - P->zs[j];
    }
    P->q.d = d;
    P->q.A = P->A;
    P->q.b = P->b;
    P->q.c = 0.0;
    free(w);
    free(iw);
    free(c);
}

static void quadp_free(quadp *P)
{
    free(P->A);
    free(P->Q);
    free(P->b);
    free(P->lam);
    free(P->z0);
    free(P->zs);
}

/* theta(t) of the flow; or, when k >= 0, the k-th backward Euler iterate
 * with step h (z_j <- z_j / (1 + h lam_j)). */
static void quadp_at(const quadp *P, double t, long k, double h, double *out)
{
    ptrdiff_t i, j, d = P->d;
    for (i = 0; i < d; i++)
        out[i] = 0.0;
    for (j = 0; j < d; j++) {
        double z = k >= 0 ? P->z0[j] * pow(1.0 + h * P->lam[j], -(double)k)
                          : P->z0[j] * exp(-P->lam[j] * t);
        z += P->zs[j];
        for (i = 0; i < d; i++)
            out[i] += P->Q[i + j * d] * z;
    }
}

static double diffnorm(ptrdiff_t d, const double *a, const double *b)
{
    ptrdiff_t i;
    double s = 0.0;
    for (i = 0; i < d; i++)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return sqrt(s);
}

static double norm2(ptrdiff_t d, const double *a)
{
    ptrdiff_t i;
    double s = 0.0;
    for (i = 0; i < d; i++)
        s += a[i] * a[i];
    return sqrt(s);
}

/* least-squares slope of log(e) against log(h) */
static double loglog_slope(int n, const double *h, const double *e)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int i;
    for (i = 0; i < n; i++) {
        double x = log(h[i]), y = log(e[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

static void random_vec(ptrdiff_t d, double *x, double scale)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        x[i] = scale * tp_normal();
}

/* ------------------------------------------------------------------ */
/* 1. explicit Euler is gradient descent, bitwise                       */
/* ------------------------------------------------------------------ */
static void test_euler_is_gd(void)
{
    enum { D = 20 };
    double th0[D], x[D], g[D], f, tspan[2] = {0.0, 1.0};
    quadp P;
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    long k, same = 1;
    ptrdiff_t i;
    tp_seed(11);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 1.0, 10.0, th0, 12);
    gdf_problem_quad(&p, &P.q);
    gdf_gf_defaults(&o);
    o.method = GDF_GF_EULER;
    o.h = 0.05;
    sink_init(&s, D);
    CHECK(run(&p, th0, tspan, 2, &o, &s, &r) == GDF_OK, "euler run");
    CHECK(r.exitflag == 1 && r.why == GDF_GF_WHY_TEND, "euler exitflag %d", r.exitflag);
    CHECK(s.o.n == 21 && r.nsteps == 20, "euler n %ld nsteps %ld", s.o.n, r.nsteps);
    CHECK(r.nfevals == 21, "euler nfevals %ld", r.nfevals);
    memcpy(x, th0, sizeof x);
    for (k = 0; k < s.o.n; k++) {
        gdf_eval(&p, x, &f, g);
        if (memcmp(x, s.o.theta + k * D, sizeof x) != 0 || f != s.o.f[k] ||
            s.o.t[k] != (k < 20 ? 0.0 + (double)k * 0.05 : 1.0))
            same = 0;
        for (i = 0; i < D; i++)
            x[i] -= 0.05 * g[i];
    }
    CHECK(same, "euler iterates differ from the gradient descent loop");
    sink_free(&s);
    quadp_free(&P);
}

/* ------------------------------------------------------------------ */
/* 2. orders of euler, heun, rk4 against the exact flow                 */
/* ------------------------------------------------------------------ */
static void test_orders(void)
{
    enum { D = 10 };
    double th0[D], ex[D], tspan[2] = {0.0, 1.0}, hs[5], err[5];
    const int methods[3] = {GDF_GF_EULER, GDF_GF_HEUN, GDF_GF_RK4};
    const double order[3] = {1.0, 2.0, 4.0};
    quadp P;
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    int m, j;
    tp_seed(21);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 0.1, 4.0, th0, 22);
    gdf_problem_quad(&p, &P.q);
    quadp_at(&P, 1.0, -1, 0.0, ex);
    sink_init(&s, D);
    for (m = 0; m < 3; m++) {
        double sl;
        for (j = 0; j < 5; j++) {
            gdf_gf_defaults(&o);
            o.method = methods[m];
            o.h = hs[j] = ldexp(1.0, -4 - j);
            run(&p, th0, tspan, 2, &o, &s, &r);
            CHECK(r.exitflag == 1 && s.o.t[s.o.n - 1] == 1.0 && r.nsteps == (1L << (4 + j)),
                  "order run m=%d h=%g", methods[m], hs[j]);
            err[j] = diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex);
        }
        sl = loglog_slope(5, hs, err);
        CHECK(fabs(sl - order[m]) <= 0.15, "method %d: slope %.3f, expected %g", methods[m], sl,
              order[m]);
    }
    sink_free(&s);
    quadp_free(&P);
}

/* ------------------------------------------------------------------ */
/* 3. rk45: tolerance proportionality, accuracy, dense output           */
/* ------------------------------------------------------------------ */
static void test_rk45(void)
{
    enum { D = 50, NT = 11 };
    double th0[D], ex[D], tspan[2] = {0.0, 1.0}, tsp[NT], prev = INFINITY;
    const double rtols[4] = {1e-3, 1e-5, 1e-7, 1e-9};
    quadp P;
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    int j, ok;
    tp_seed(31);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 0.1, 10.0, th0, 32);
    gdf_problem_quad(&p, &P.q);
    quadp_at(&P, 1.0, -1, 0.0, ex);
    sink_init(&s, D);
    for (j = 0; j < 4; j++) {
        double e;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_RK45;
        o.rtol = rtols[j];
        o.atol = rtols[j] * 1e-3;
        CHECK(run(&p, th0, tspan, 2, &o, &s, &r) == GDF_OK && r.exitflag == 1, "rk45 run");
        e = diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex);
        CHECK(e < prev, "rk45 error %g at rtol %g not below %g", e, rtols[j], prev);
        CHECK(r.nfevals == 6 * (r.nsteps + r.nfailed) + 2, "rk45 nfevals %ld (%ld + %ld steps)",
              r.nfevals, r.nsteps, r.nfailed);
        prev = e;
    }
    /* accuracy at rtol 1e-8, atol 1e-10 */
    gdf_gf_defaults(&o);
    o.rtol = 1e-8;
    o.atol = 1e-10;
    run(&p, th0, tspan, 2, &o, &s, &r);
    CHECK(s.o.t[s.o.n - 1] == 1.0, "rk45 last time");
    CHECK(diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex) <= 1e-6 * norm2(D, ex),
          "rk45 rel error %g", diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex) / norm2(D, ex));
    /* dense output at NT times */
    for (j = 0; j < NT; j++)
        tsp[j] = 0.1 * j;
    tsp[NT - 1] = 1.0;
    o.max_step = 0.25; /* several output times per step */
    run(&p, th0, tsp, NT, &o, &s, &r);
    CHECK(s.o.n == NT && r.exitflag == 1, "rk45 dense n %ld", s.o.n);
    ok = 1;
    for (j = 0; j < s.o.n && j < NT; j++) {
        double e;
        quadp_at(&P, tsp[j], -1, 0.0, ex);
        e = diffnorm(D, s.o.theta + j * D, ex);
        if (s.o.t[j] != tsp[j] || e > 1e-6 * norm2(D, ex))
            ok = 0;
    }
    CHECK(ok, "rk45 dense output times/values");
    CHECK(r.nfevals == 6 * (r.nsteps + r.nfailed) + 2 + (NT - 2),
          "rk45 dense nfevals %ld (steps %ld+%ld)", r.nfevals, r.nsteps, r.nfailed);
    {   /* dense output forces no step: the same steps as with nt = 2 */
        double last[D];
        long ns = r.nsteps, nf = r.nfailed;
        memcpy(last, s.o.theta + (NT - 1) * D, sizeof last);
        run(&p, th0, tspan, 2, &o, &s, &r);
        CHECK(r.nsteps == ns && r.nfailed == nf &&
                  memcmp(last, s.o.theta + (s.o.n - 1) * D, sizeof last) == 0 &&
                  r.nsteps + 1 == s.o.n,
              "rk45: dense output changed the steps");
        CHECK(ns > 4 && ns != NT - 1, "rk45 dense: %ld steps", ns);
    }

    /* order of the continuous extension: one accepted step of size h from
     * the exact initial value, output at h/2 (local error O(h^5)), compared
     * with the step end (O(h^6)) */
    {
        double hh[4], emid[4], eend[4], sl_mid, sl_end;
        for (j = 0; j < 4; j++) {
            double t3[3];
            hh[j] = 0.1 * ldexp(1.0, -j);
            t3[0] = 0.0, t3[1] = 0.5 * hh[j], t3[2] = hh[j];
            gdf_gf_defaults(&o);
            o.h = hh[j];
            o.max_step = hh[j];
            o.rtol = o.atol = 1e6; /* always accept */
            run(&p, th0, t3, 3, &o, &s, &r);
            CHECK(r.nsteps == 1 && r.nfailed == 0 && s.o.n == 3, "single step");
            quadp_at(&P, t3[1], -1, 0.0, ex);
            emid[j] = diffnorm(D, s.o.theta + D, ex);
            quadp_at(&P, t3[2], -1, 0.0, ex);
            eend[j] = diffnorm(D, s.o.theta + 2 * D, ex);
        }
        sl_mid = loglog_slope(4, hh, emid);
        sl_end = loglog_slope(4, hh, eend);
        CHECK(sl_mid >= 4.7 && sl_mid <= 5.5, "dense output local order slope %.3f (5)", sl_mid);
        CHECK(sl_end >= 5.7, "rk45 local order slope %.3f (6)", sl_end);
    }
    sink_free(&s);
    quadp_free(&P);
}

/* ------------------------------------------------------------------ */
/* 4. monotone f, exact output times, grid landing                      */
/* ------------------------------------------------------------------ */
static int nonincreasing(const sink *s)
{
    long k;
    for (k = 1; k < s->o.n; k++)
        if (s->o.f[k] > s->o.f[k - 1] + 1e-13 * fabs(s->o.f[k - 1]))
            return 0;
    return 1;
}

static void test_output(void)
{
    enum { D = 30 };
    double th0[D], tspan[2] = {0.0, 1.0}, tsp[6] = {0.0, 0.13, 0.5, 0.77, 0.8, 1.0};
    const int methods[5] = {GDF_GF_EULER, GDF_GF_HEUN, GDF_GF_RK4, GDF_GF_RK45,
                            GDF_GF_IMPLICIT};
    quadp P;
    gdf_problem p, pr;
    gdf_testfun tf = {GDF_TF_ROSENBROCK, 2, 1.0, 100.0};
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s, s2;
    int m, j, ok;
    tp_seed(41);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 0.5, 10.0, th0, 42);
    gdf_problem_quad(&p, &P.q);
    sink_init(&s, D);
    sink_init(&s2, D);
    for (m = 0; m < 5; m++) {
        gdf_gf_defaults(&o);
        o.method = methods[m];
        o.h = methods[m] == GDF_GF_RK45 ? 0.0 : 0.1;
        run(&p, th0, tspan, 2, &o, &s2, &r);
        CHECK(r.exitflag == 1 && nonincreasing(&s2), "f not non-increasing, method %d",
              methods[m]);
        run(&p, th0, tsp, 6, &o, &s, &r);
        CHECK(r.exitflag == 1 && s.o.n == 6 && nonincreasing(&s), "method %d nt>2 n %ld",
              methods[m], s.o.n);
        ok = 1;
        for (j = 0; j < 6 && j < s.o.n; j++)
            ok &= s.o.t[j] == tsp[j];
        CHECK(ok, "method %d: output times are not tspan", methods[m]);
        if (methods[m] != GDF_GF_RK45) {
            /* the grid is not disturbed by the extra output times: same end
             * point and the same 10 steps, bitwise */
            CHECK(r.nsteps == 10 && memcmp(s.o.theta + 5 * D, s2.o.theta + 10 * D,
                                           D * sizeof(double)) == 0,
                  "method %d: grid disturbed", methods[m]);
            /* t = 0.8 is a grid point (0.8 vs 8*0.1 differ in the last bit) */
            CHECK(memcmp(s.o.theta + 4 * D, s2.o.theta + 8 * D, D * sizeof(double)) == 0,
                  "method %d: grid point output", methods[m]);
        }
        if (methods[m] == GDF_GF_EULER) { /* 0.13 = grid 0.1 + a partial step 0.03 */
            double x[D], g[D], f;
            ptrdiff_t i;
            memcpy(x, s2.o.theta + D, sizeof x);
            gdf_eval(&p, x, &f, g);
            for (i = 0; i < D; i++)
                x[i] -= (0.13 - 0.1) * g[i];
            CHECK(memcmp(x, s.o.theta + D, sizeof x) == 0, "euler partial step");
        }
    }
    /* rk45 on Rosenbrock: f non-increasing along the solver's steps */
    {
        double x0[2] = {-1.2, 1.0}, ts[2] = {0.0, 20.0};
        gdf_problem_testfun(&pr, &tf);
        gdf_gf_defaults(&o);
        o.rtol = 1e-8; /* (at 1e-3 the step is stability-limited near the
                          minimum and f wiggles up by ~1e-6 relative) */
        o.atol = 1e-10;
        run(&pr, x0, ts, 2, &o, &s, &r);
        CHECK(r.exitflag == 1 && s.o.n > 10 && nonincreasing(&s), "rosenbrock rk45 n %ld",
              s.o.n);
        CHECK(r.nfailed >= 0 && s.o.f[s.o.n - 1] < 1e-2, "rosenbrock rk45 f end %g",
              s.o.f[s.o.n - 1]);
    }
    /* landing on tf: h = 0.3 over [0, 1] is 0, .3, .6, .9, 1; h = 0.1 over
     * [0, 0.3] is three steps (0.3/0.1 = 2.9999999999999996) */
    {
        double ts[2] = {0.0, 1.0}, ts3[2] = {0.0, 0.3};
        gdf_gf_defaults(&o);
        o.method = GDF_GF_RK4;
        o.h = 0.3;
        run(&p, th0, ts, 2, &o, &s, &r);
        CHECK(s.o.n == 5 && s.o.t[3] == 0.0 + 3.0 * 0.3 && s.o.t[4] == 1.0, "landing n %ld",
              s.o.n);
        o.h = 0.1;
        run(&p, th0, ts3, 2, &o, &s, &r);
        CHECK(s.o.n == 4 && r.nsteps == 3 && s.o.t[3] == 0.3, "integer ratio n %ld", s.o.n);
    }
    sink_free(&s);
    sink_free(&s2);
    quadp_free(&P);
}

/* ------------------------------------------------------------------ */
/* 5. implicit Euler                                                    */
/* ------------------------------------------------------------------ */
/* a quadratic seen as a general problem (Newton path) */
static int q_fg(void *ctx, const double *x, double *f, double *g)
{
    gdf_problem *p = (gdf_problem *)ctx;
    return p->fg(p->ctx, x, f, g);
}
static int q_hess(void *ctx, const double *x, double *H)
{
    gdf_problem *p = (gdf_problem *)ctx;
    return p->hess(p->ctx, x, H);
}
static int q_hv(void *ctx, const double *x, const double *v, double *Hv)
{
    gdf_problem *p = (gdf_problem *)ctx;
    return p->hessvec(p->ctx, x, v, Hv);
}

static void test_implicit(void)
{
    enum { D = 20 };
    double th0[D], ex[D], ts[2] = {0.0, 50.0}, tsl[2] = {0.0, 1000.0}, h;
    quadp P;
    gdf_problem p, pn;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s, s2;
    long k;
    int ok;
    tp_seed(51);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 1.0, 100.0, th0, 52);
    gdf_problem_quad(&p, &P.q);
    sink_init(&s, D);
    sink_init(&s2, D);
    h = 100.0 / 100.0; /* 100 / L */
    gdf_gf_defaults(&o);
    o.method = GDF_GF_IMPLICIT;
    o.h = h;
    CHECK(run(&p, th0, ts, 2, &o, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == 51,
          "implicit run");
    ok = 1;
    for (k = 0; k < s.o.n; k++) {
        quadp_at(&P, 0.0, k, h, ex);
        if (diffnorm(D, s.o.theta + k * D, ex) > 1e-10 * norm2(D, ex))
            ok = 0;
        if (norm2(D, s.o.theta + k * D) > 10.0 * (norm2(D, th0) + norm2(D, ex)))
            ok = 0;
    }
    CHECK(ok, "implicit iterates differ from (I + hA)^-k");
    quadp_at(&P, INFINITY, -1, 0.0, ex); /* theta* */
    CHECK(diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex) <= 1e-10 * norm2(D, ex),
          "implicit does not reach theta*: %g", diffnorm(D, s.o.theta + (s.o.n - 1) * D, ex));
    CHECK(nonincreasing(&s), "implicit f not monotone");
    CHECK(r.nfevals == 2 + r.nsteps, "implicit dense quad nfevals %ld", r.nfevals);
    /* euler with the same h diverges: exitflag -2 and only finite output */
    o.method = GDF_GF_EULER;
    run(&p, th0, tsl, 2, &o, &s2, &r);
    CHECK(r.exitflag == -2 && r.why == GDF_GF_WHY_NONFINITE && s2.o.n > 2 && s2.o.n < 1001,
          "euler h = 100/L: exitflag %d n %ld", r.exitflag, s2.o.n);
    CHECK(gdf_all_finite(D * s2.o.n, s2.o.theta) && gdf_all_finite(s2.o.n, s2.o.f),
          "euler divergence output not finite");

    /* the Newton path (general problem) and the hessvec-column path agree
     * with the dense quadratic path; nt > 2 with off-grid times */
    {
        double tsp[5] = {0.0, 0.35, 2.0, 2.5, 4.0};
        gdf_problem_quad(&p, &P.q);
        o.method = GDF_GF_IMPLICIT;
        o.h = 0.5;
        run(&p, th0, tsp, 5, &o, &s, &r);
        CHECK(r.exitflag == 1 && s.o.n == 5, "implicit nt>2");
        memset(&pn, 0, sizeof pn);
        pn.d = D;
        pn.ctx = &p;
        pn.fg = q_fg;
        pn.hess = q_hess;
        pn.L = pn.mu = NAN;
        run(&pn, th0, tsp, 5, &o, &s2, &r);
        CHECK(r.exitflag == 1 && s2.o.n == 5, "implicit newton nt>2");
        ok = 1;
        for (k = 0; k < 5 * D; k++)
            if (fabs(s.o.theta[k] - s2.o.theta[k]) > 1e-9 * (1.0 + fabs(s.o.theta[k])))
                ok = 0;
        CHECK(ok, "implicit: Newton path differs from the dense quadratic path");
        pn.hess = NULL;
        pn.hessvec = q_hv;
        run(&pn, th0, tsp, 5, &o, &s2, &r);
        ok = r.exitflag == 1 && s2.o.n == 5;
        for (k = 0; ok && k < 5 * D; k++)
            if (fabs(s.o.theta[k] - s2.o.theta[k]) > 1e-9 * (1.0 + fabs(s.o.theta[k])))
                ok = 0;
        CHECK(ok, "implicit: hessvec path differs from the dense quadratic path");
        /* the off-grid point 0.35 is one backward Euler step of 0.35 */
        quadp_at(&P, 0.0, 1, 0.35, ex);
        CHECK(diffnorm(D, s.o.theta + D, ex) <= 1e-10 * norm2(D, ex), "implicit partial step");
        /* 2.0 is grid point k = 4 */
        quadp_at(&P, 0.0, 4, 0.5, ex);
        CHECK(diffnorm(D, s.o.theta + 2 * D, ex) <= 1e-10 * norm2(D, ex), "implicit grid point");
    }
    sink_free(&s);
    sink_free(&s2);
    quadp_free(&P);
}

/* sparse path: 1-D Laplacian (tridiagonal 2, -1) in CSC, against dense */
static void test_implicit_sparse(void)
{
    enum { D = 200 };
    ptrdiff_t Ap[D + 1], Ai[3 * D], i, j, nz = 0;
    double Ax[3 * D], *A = calloc((size_t)D * D, sizeof(double)), b[D], th0[D];
    double tsp[4] = {0.0, 0.7, 3.0, 10.0}, ts[2] = {0.0, 10.0}, worst = 0.0;
    gdf_squad sq;
    gdf_quad q;
    gdf_problem ps, pd;
    gdf_gf_opts o;
    gdf_gf_result r1, r2;
    sink s1, s2;
    long k;
    tp_seed(61);
    for (j = 0; j < D; j++) {
        Ap[j] = nz;
        for (i = j - 1; i <= j + 1; i++) {
            if (i < 0 || i >= D)
                continue;
            Ai[nz] = i;
            Ax[nz] = (i == j ? 2.0 : -1.0) * 100.0;
            A[i + j * D] = Ax[nz];
            nz++;
        }
    }
    Ap[D] = nz;
    random_vec(D, b, 1.0);
    random_vec(D, th0, 1.0);
    sq.d = D, sq.Ap = Ap, sq.Ai = Ai, sq.Ax = Ax, sq.b = b, sq.c = 0.0;
    q.d = D, q.A = A, q.b = b, q.c = 0.0;
    gdf_problem_squad(&ps, &sq);
    gdf_problem_quad(&pd, &q);
    CHECK(gdf_gf_work(D, GDF_GF_IMPLICIT, &ps) < (size_t)D * D, "sparse work is O(d)");
    CHECK(gdf_gf_iwork(D, GDF_GF_IMPLICIT, &ps) == 0, "sparse iwork");
    sink_init(&s1, D);
    sink_init(&s2, D);
    gdf_gf_defaults(&o);
    o.method = GDF_GF_IMPLICIT;
    o.h = 0.5;
    CHECK(run(&ps, th0, ts, 2, &o, &s1, &r1) == GDF_OK && r1.exitflag == 1, "sparse run");
    run(&pd, th0, ts, 2, &o, &s2, &r2);
    CHECK(s1.o.n == 21 && s2.o.n == 21, "sparse/dense n");
    for (k = 0; k < s1.o.n * D && k < s2.o.n * D; k++) {
        double e = fabs(s1.o.theta[k] - s2.o.theta[k]) / (1.0 + fabs(s2.o.theta[k]));
        worst = e > worst ? e : worst;
    }
    CHECK(worst <= 1e-9, "sparse vs dense implicit: %g", worst);
    worst = 0.0;
    run(&ps, th0, tsp, 4, &o, &s1, &r1);
    run(&pd, th0, tsp, 4, &o, &s2, &r2);
    CHECK(s1.o.n == 4 && s2.o.n == 4 && s1.o.t[1] == 0.7, "sparse nt>2");
    for (k = 0; k < s1.o.n * D && k < s2.o.n * D; k++) {
        double e = fabs(s1.o.theta[k] - s2.o.theta[k]) / (1.0 + fabs(s2.o.theta[k]));
        worst = e > worst ? e : worst;
    }
    CHECK(worst <= 1e-9, "sparse vs dense implicit nt>2: %g", worst);
    /* an indefinite "Laplacian" with h large makes I + hA indefinite: clear error */
    for (k = 0; k < nz; k++)
        Ax[k] = -Ax[k];
    o.h = 1.0;
    CHECK(run(&ps, th0, ts, 2, &o, &s1, &r1) == GDF_ENEWTON && r1.why == GDF_GF_WHY_CG &&
              s1.o.n == 1,
          "sparse indefinite: why %d", r1.why);
    sink_free(&s1);
    sink_free(&s2);
    free(A);
}

/* Newton path on Rosenbrock, exact and finite-difference Hessians */
static void test_implicit_newton(void)
{
    double x0[2] = {-1.2, 1.0}, ts[2] = {0.0, 1.0};
    const double hs[3] = {0.01, 0.1, 1.0};
    gdf_testfun tf = {GDF_TF_ROSENBROCK, 2, 1.0, 100.0};
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r1, r2;
    sink s1, s2;
    int j;
    gdf_problem_testfun(&p, &tf);
    sink_init(&s1, 2);
    sink_init(&s2, 2);
    for (j = 0; j < 3; j++) {
        long k;
        double worst = 0.0, wres = 0.0;
        int st1, st2;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_IMPLICIT;
        o.h = hs[j];
        ts[1] = j == 2 ? 20.0 : 1.0;
        gdf_problem_testfun(&p, &tf); /* exact Hessian */
        st1 = run(&p, x0, ts, 2, &o, &s1, &r1);
        p.hess = NULL;
        st2 = run(&p, x0, ts, 2, &o, &s2, &r2);
        CHECK(st1 == GDF_OK && st2 == GDF_OK && r1.exitflag == 1 && r2.exitflag == 1,
              "newton rosenbrock h=%g: %d %d", hs[j], st1, st2);
        CHECK(s1.o.n == s2.o.n && s1.o.n == r1.nsteps + 1, "newton n");
        for (k = 0; k < s1.o.n && k < s2.o.n; k++) {
            double e = fabs(s1.o.theta[2 * k] - s2.o.theta[2 * k]) +
                       fabs(s1.o.theta[2 * k + 1] - s2.o.theta[2 * k + 1]);
            worst = e > worst ? e : worst;
        }
        CHECK(worst <= 1e-6, "newton exact vs FD Hessian h=%g: %g", hs[j], worst);
        /* u + h grad f(u) = theta_k */
        for (k = 1; k < s1.o.n; k++) {
            sink *ss[2] = {&s1, &s2};
            int q;
            for (q = 0; q < 2; q++) {
                double g[2], *u = ss[q]->o.theta + 2 * k, *y = u - 2, e;
                gdf_eval(&p, u, NULL, g);
                e = hypot(u[0] + o.h * g[0] - y[0], u[1] + o.h * g[1] - y[1]) /
                    (1.0 + hypot(y[0], y[1]));
                wres = e > wres ? e : wres;
            }
        }
        CHECK(wres <= 1e-10, "newton residual h=%g: %g", hs[j], wres);
        CHECK(nonincreasing(&s1), "newton f monotone h=%g", hs[j]);
        CHECK(r2.nfevals > r1.nfevals, "FD costs evaluations");
        if (j == 2)
            CHECK(fabs(s1.o.theta[2 * (s1.o.n - 1)] - 1.0) < 1e-3, "proximal point reaches 1: %g",
                  s1.o.theta[2 * (s1.o.n - 1)]);
    }
    /* large steps on the nonconvex valley: I + hH is indefinite on the way
     * (modified Cholesky), and the residual meets its rounding floor
     * (h |grad f| eps) before newton_tol: both used to fail at h >= 100 */
    for (j = 0; j < 3; j++) {
        const double hl[3] = {100.0, 1000.0, 1e4};
        long k;
        double wres = 0.0;
        int st;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_IMPLICIT;
        o.h = hl[j];
        ts[1] = 10.0 * hl[j];
        gdf_problem_testfun(&p, &tf);
        st = run(&p, x0, ts, 2, &o, &s1, &r1);
        CHECK(st == GDF_OK && r1.exitflag == 1 && s1.o.n == 11, "newton rosenbrock h=%g: status %d, %ld points",
              hl[j], st, (long)s1.o.n);
        for (k = 1; k < s1.o.n; k++) {
            double g[2], *u = s1.o.theta + 2 * k, *y = u - 2, e;
            gdf_eval(&p, u, NULL, g);
            e = hypot(u[0] + o.h * g[0] - y[0], u[1] + o.h * g[1] - y[1]) / (1.0 + hypot(y[0], y[1]));
            wres = e > wres ? e : wres;
        }
        /* the floor: hs times the rounding error of grad f (|grad f| ~ 1e3
         * on the way, so ~1e-13 hs relative) */
        CHECK(wres <= fmax(1e-10, 1e-13 * hl[j]), "newton residual h=%g: %g", hl[j], wres);
        printf("  implicit Newton, Rosenbrock, h = %g: largest relative residual %.2g\n", hl[j], wres);
        CHECK(nonincreasing(&s1), "newton f monotone h=%g", hl[j]);
        CHECK(fabs(s1.o.theta[2 * (s1.o.n - 1)] - 1.0) < 1e-6, "h=%g reaches the minimizer: %g", hl[j],
              s1.o.theta[2 * (s1.o.n - 1)]);
    }
    /* newton_maxit = 1 with a large step cannot converge: GDF_ENEWTON */
    gdf_problem_testfun(&p, &tf);
    o.h = 1.0;
    o.newton_maxit = 1;
    ts[1] = 5.0;
    CHECK(run(&p, x0, ts, 2, &o, &s1, &r1) == GDF_ENEWTON && r1.why == GDF_GF_WHY_NEWTON &&
              s1.o.n >= 1,
          "newton failure status, why %d", r1.why);
    sink_free(&s1);
    sink_free(&s2);
}

/* ------------------------------------------------------------------ */
/* 6. stopping: GradTol, MaxSteps, MaxTime, sink full, non-finite,     */
/*    callback errors, bad arguments                                   */
/* ------------------------------------------------------------------ */
/* f = -x_0 (flow: x_0' = 1) with an Inf gradient once x_0 > 1.5 */
static int wall_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    if (f)
        *f = -x[0];
    if (g)
        g[0] = x[0] > 1.5 ? INFINITY : -1.0;
    return GDF_OK;
}
/* the quadratic, failing with GDF_ECALLBACK at call number *ctx */
typedef struct {
    gdf_problem *inner;
    long calls, fail_at;
} failing;
static int fail_fg(void *ctx, const double *x, double *f, double *g)
{
    failing *F = (failing *)ctx;
    if (++F->calls == F->fail_at)
        return GDF_ECALLBACK;
    return F->inner->fg(F->inner->ctx, x, f, g);
}

static void test_stops(void)
{
    enum { D = 10 };
    double th0[D], ts[2] = {0.0, 100.0}, tsp[4] = {0.0, 1.0, 2.0, 100.0};
    const int methods[5] = {GDF_GF_EULER, GDF_GF_HEUN, GDF_GF_RK4, GDF_GF_RK45,
                            GDF_GF_IMPLICIT};
    quadp P;
    gdf_problem p, pw, pf;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    failing F;
    int m, st;
    tp_seed(71);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 0.5, 5.0, th0, 72);
    gdf_problem_quad(&p, &P.q);
    sink_init(&s, D);
    for (m = 0; m < 5; m++) {
        int nt;
        for (nt = 2; nt <= 4; nt += 2) {
            long n;
            gdf_gf_defaults(&o);
            o.method = methods[m];
            o.h = methods[m] == GDF_GF_RK45 ? 0.0 : 0.1;
            o.grad_tol = 1e-3;
            run(&p, th0, nt == 2 ? ts : tsp, nt, &o, &s, &r);
            n = s.o.n;
            CHECK(r.exitflag == 2 && r.why == GDF_GF_WHY_GRADTOL && n >= 2,
                  "gradtol method %d nt %d: exitflag %d", methods[m], nt, r.exitflag);
            CHECK(n >= 2 && s.o.gnorm[n - 1] <= 1e-3 && s.o.gnorm[n - 2] > 1e-3 &&
                      s.o.t[n - 1] < 100.0,
                  "gradtol last points method %d nt %d", methods[m], nt);
            if (nt == 4)
                CHECK(n == 4 && s.o.t[1] == 1.0 && s.o.t[2] == 2.0 && s.o.t[3] > 2.0,
                      "gradtol nt>2: event point appended (n %ld)", n);
        }
        /* MaxSteps */
        gdf_gf_defaults(&o);
        o.method = methods[m];
        o.h = methods[m] == GDF_GF_RK45 ? 0.0 : 0.1;
        o.max_steps = 5;
        run(&p, th0, ts, 2, &o, &s, &r);
        CHECK(r.exitflag == 0 && r.why == GDF_GF_WHY_MAXSTEPS && r.nsteps == 5 && s.o.n == 6,
              "max_steps method %d", methods[m]);
        /* MaxTime */
        o.max_steps = LONG_MAX;
        o.max_time = 1e-12;
        run(&p, th0, ts, 2, &o, &s, &r);
        CHECK(r.exitflag == 0 && r.why == GDF_GF_WHY_MAXTIME && s.o.n >= 1, "max_time %d",
              methods[m]);
        /* a callback error is returned at once */
        F.inner = &p;
        F.calls = 0;
        F.fail_at = 7;
        memset(&pf, 0, sizeof pf);
        pf.d = D;
        pf.ctx = &F;
        pf.fg = fail_fg;
        o.max_time = 0.0;
        st = run(&pf, th0, ts, 2, &o, &s, &r);
        CHECK(st == GDF_ECALLBACK && r.why == GDF_GF_WHY_CALLBACK && s.o.n >= 1 &&
                  r.nfevals == 7,
              "callback error method %d: st %d", methods[m], st);
    }
    /* an output sink that cannot grow */
    {
        double t_[3], th_[3 * D];
        size_t nw = gdf_gf_work(D, GDF_GF_RK4, &p);
        double *w = malloc(nw * sizeof(double));
        gdf_gf_out out;
        memset(&out, 0, sizeof out);
        out.t = t_;
        out.theta = th_;
        out.cap = 3;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_RK4;
        o.h = 0.1;
        CHECK(gdf_gf_run(&p, th0, ts, 2, &o, &out, w, NULL, &r) == GDF_OK && r.exitflag == 0 &&
                  r.why == GDF_GF_WHY_OUTPUT_FULL && out.n == 3 && t_[2] == 0.2,
              "sink full");
        free(w);
    }
    /* non-finite: the gradient becomes Inf past x = 1.5 */
    memset(&pw, 0, sizeof pw);
    pw.d = 1;
    pw.fg = wall_fg;
    for (m = 0; m < 5; m++) {
        double x0 = 0.0, tw[2] = {0.0, 10.0};
        long k;
        int fin = 1;
        gdf_gf_defaults(&o);
        o.method = methods[m];
        o.h = methods[m] == GDF_GF_RK45 ? 0.0 : 0.25;
        st = run(&pw, &x0, tw, 2, &o, &s, &r);
        for (k = 0; k < s.o.n; k++)
            fin &= isfinite(s.o.theta[k]) && isfinite(s.o.f[k]) && isfinite(s.o.gnorm[k]) &&
                   s.o.theta[k] <= 1.5;
        if (methods[m] == GDF_GF_IMPLICIT) /* Newton cannot find a finite point */
            CHECK(st == GDF_ENEWTON && fin, "wall implicit st %d", st);
        else
            CHECK(st == GDF_OK && r.exitflag == -2 && r.why == GDF_GF_WHY_NONFINITE && fin &&
                      s.o.n >= 2,
                  "wall method %d: exitflag %d", methods[m], r.exitflag);
        if (methods[m] == GDF_GF_EULER)
            CHECK(s.o.n == 7 && s.o.theta[6] == 1.5, "wall euler n %ld", s.o.n);
        if (methods[m] == GDF_GF_RK45)
            CHECK(s.o.theta[s.o.n - 1] > 1.4, "rk45 approaches the wall: %g",
                  s.o.theta[s.o.n - 1]);
    }
    /* non-finite theta0 */
    {
        double bad[D];
        memcpy(bad, th0, sizeof bad);
        bad[3] = NAN;
        gdf_gf_defaults(&o);
        run(&p, bad, ts, 2, &o, &s, &r);
        CHECK(r.exitflag == -2 && s.o.n == 0, "NaN theta0");
    }
    /* bad arguments */
    {
        double t1[2] = {0.0, 0.0}, t2[3] = {0.0, 1.0, 0.5}, t3[2] = {0.0, NAN},
               t4[2] = {0.0, INFINITY}, t5[2] = {-INFINITY, 0.0};
        gdf_gf_defaults(&o);
        o.method = GDF_GF_EULER;
        o.h = 0.1;
        CHECK(run(&p, th0, t1, 2, &o, &s, &r) == GDF_EARG && r.why == GDF_GF_WHY_BADARG,
              "tspan equal");
        CHECK(run(&p, th0, t2, 3, &o, &s, &r) == GDF_EARG, "tspan decreasing");
        CHECK(run(&p, th0, t3, 2, &o, &s, &r) == GDF_EARG, "tspan NaN");
        CHECK(run(&p, th0, t4, 2, &o, &s, &r) == GDF_EARG, "tspan Inf");
        CHECK(run(&p, th0, t5, 2, &o, &s, &r) == GDF_EARG, "tspan -Inf");
        CHECK(run(&p, th0, ts, 1, &o, &s, &r) == GDF_EARG, "nt 1");
        CHECK(s.o.n == 0 && p.nfevals >= 0, "nothing written on EARG");
        o.h = 0.0;
        CHECK(run(&p, th0, ts, 2, &o, &s, &r) == GDF_EARG, "h 0");
        o.h = NAN;
        CHECK(run(&p, th0, ts, 2, &o, &s, &r) == GDF_EARG, "h NaN");
        o.h = 0.1;
        o.method = 42;
        CHECK(gdf_gf_run(&p, th0, ts, 2, &o, &s.o, th0, NULL, &r) == GDF_EARG, "method");
        o.method = GDF_GF_RK45;
        o.h = 0.0;
        o.rtol = -1.0;
        CHECK(run(&p, th0, ts, 2, &o, &s, &r) == GDF_EARG, "rtol < 0");
        o.rtol = 1e-3;
        CHECK(run(&p, th0, t4, 2, &o, &s, &r) == GDF_EARG, "rk45 tspan Inf");
        CHECK(run(&p, th0, t5, 2, &o, &s, &r) == GDF_EARG, "rk45 tspan -Inf");
        o.grad_tol = NAN;
        CHECK(run(&p, th0, ts, 2, &o, &s, &r) == GDF_EARG, "grad_tol NaN");
        o.grad_tol = 0.0;
        o.method = GDF_GF_IMPLICIT;
        o.h = 0.1;
        CHECK(gdf_gf_run(&p, th0, ts, 2, &o, &s.o, th0, NULL, &r) == GDF_EARG,
              "implicit dense quadratic needs iwork");
    }
    /* messages */
    CHECK(strlen(gdf_gf_why_message(GDF_GF_WHY_UNDERFLOW)) > 0 &&
              strcmp(gdf_gf_why_message(999), "unknown reason") == 0,
          "why messages");
    sink_free(&s);
    quadp_free(&P);
}

/* rk45 step-size underflow: x' = x^2 blows up at t = 1 (f = -x^3/3) */
static int blow_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    if (f)
        *f = -x[0] * x[0] * x[0] / 3.0;
    if (g)
        g[0] = -x[0] * x[0];
    return GDF_OK;
}

static void test_underflow(void)
{
    double x0 = 1.0, ts[2] = {0.0, 2.0};
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    memset(&p, 0, sizeof p);
    p.d = 1;
    p.fg = blow_fg;
    sink_init(&s, 1);
    gdf_gf_defaults(&o);
    o.rtol = 1e-6;
    o.atol = 1e-8;
    run(&p, &x0, ts, 2, &o, &s, &r);
    CHECK((r.exitflag == -3 && r.why == GDF_GF_WHY_UNDERFLOW) || r.exitflag == -2,
          "blow-up: exitflag %d", r.exitflag);
    CHECK(fabs(s.o.t[s.o.n - 1] - 1.0) < 1e-3 && r.nfailed > 0 && s.o.theta[s.o.n - 1] > 1e6,
          "blow-up reached t = %.17g", s.o.t[s.o.n - 1]);
    {   /* before the blow-up the solution is 1/(1 - t) to the tolerance */
        long k, ok = 1;
        for (k = 0; k < s.o.n && s.o.t[k] <= 0.9; k++)
            ok &= fabs(s.o.theta[k] - 1.0 / (1.0 - s.o.t[k])) <= 1e-4 * s.o.theta[k];
        CHECK(ok, "blow-up solution");
    }
    sink_free(&s);
}

/* ------------------------------------------------------------------ */
/* the stationary stop (gdf_gf.h) and enormous spans                    */
/* ------------------------------------------------------------------ */
static int zero_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    if (f)
        *f = 0.0;
    g[0] = 0.0 * x[0];
    return GDF_OK;
}

static void test_stationary(void)
{
    enum { D = 4 };
    double th0[D], ts[2] = {0.0, 1e300}, t3[3] = {0.0, 1.0, 1e300}, xs[D], w;
    double tlong[2] = {0.0, 100.0};
    quadp P;
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s, s2;
    long n, k;
    tp_seed(91);
    random_vec(D, th0, 1.0);
    quadp_make(&P, D, 0.5, 4.0, th0, 92);
    gdf_problem_quad(&p, &P.q);
    p.mu = P.lam[0];
    p.L = P.lam[D - 1];
    quadp_at(&P, INFINITY, -1, 0.0, xs);
    sink_init(&s, D);
    sink_init(&s2, D);

    /* S3: rk45 over [0 1e300] stops when the rest of the flow is within its
     * tolerance, and ends with a point at tf */
    gdf_gf_defaults(&o);
    run(&p, th0, ts, 2, &o, &s, &r);
    n = s.o.n;
    w = 1e-3 * norm2(D, xs) + 1e-6;
    CHECK(r.exitflag == 1 && r.why == GDF_GF_WHY_STATIONARY && r.nsteps < 2000,
          "rk45 [0 1e300]: exitflag %d why %d nsteps %ld", r.exitflag, r.why, r.nsteps);
    CHECK(n >= 3 && s.o.t[n - 1] == 1e300 && s.o.t[n - 2] == r.t_stationary &&
              r.t_stationary > 1.0 && r.t_stationary < 1e3,
          "rk45 [0 1e300]: ends at tf (t_stationary %g)", r.t_stationary);
    CHECK(n >= 3 && diffnorm(D, s.o.theta + (n - 1) * D, xs) <= w &&
              memcmp(s.o.theta + (n - 1) * D, s.o.theta + (n - 2) * D, D * sizeof(double)) == 0 &&
              s.o.f[n - 1] == s.o.f[n - 2] && s.o.gnorm[n - 1] == s.o.gnorm[n - 2],
          "rk45 [0 1e300]: the state at tf is theta* to the tolerance (%g)",
          n >= 1 ? diffnorm(D, s.o.theta + (n - 1) * D, xs) : -1.0);
    /* nt > 2: the remaining output times are filled */
    run(&p, th0, t3, 3, &o, &s, &r);
    CHECK(r.exitflag == 1 && r.why == GDF_GF_WHY_STATIONARY && s.o.n == 3 && s.o.t[2] == 1e300 &&
              diffnorm(D, s.o.theta + 2 * D, xs) <= w,
          "rk45 [0 1 1e300]: n %ld", s.o.n);
    /* without the stop the same run cannot finish: it stops at MaxSteps */
    o.stationary = 0;
    o.max_steps = 20000;
    run(&p, th0, ts, 2, &o, &s, &r);
    CHECK(r.exitflag == 0 && r.why == GDF_GF_WHY_MAXSTEPS && s.o.t[s.o.n - 1] < 1e6,
          "rk45 [0 1e300] without the stationary stop: exitflag %d", r.exitflag);
    /* without mu (unknown) S3 does not apply */
    gdf_gf_defaults(&o);
    o.max_steps = 3000;
    p.mu = NAN;
    run(&p, th0, ts, 2, &o, &s, &r);
    CHECK(r.why == GDF_GF_WHY_MAXSTEPS, "rk45 without mu: why %d", r.why);
    /* GradTol decides when given (S3 off), S1 still applies */
    p.mu = P.lam[0];
    gdf_gf_defaults(&o);
    o.grad_tol = 1e-9;
    o.rtol = 1e-10;
    o.atol = 1e-12;
    run(&p, th0, tlong, 2, &o, &s, &r);
    CHECK(r.exitflag == 2 && s.o.gnorm[s.o.n - 1] <= 1e-9, "GradTol with the stop on: exitflag %d",
          r.exitflag);

    /* S2: euler reaches a fixed point of its map; the output is bit for bit
     * that of the run without the stop, with fewer steps */
    gdf_gf_defaults(&o);
    o.method = GDF_GF_EULER;
    o.h = 0.2;
    run(&p, th0, tlong, 2, &o, &s, &r);
    k = r.nsteps;
    CHECK(r.exitflag == 1 && r.why == GDF_GF_WHY_STATIONARY && k < 500 && s.o.n == 501,
          "euler S2: why %d nsteps %ld n %ld", r.why, k, s.o.n);
    o.stationary = 0;
    run(&p, th0, tlong, 2, &o, &s2, &r);
    CHECK(r.exitflag == 1 && r.why == GDF_GF_WHY_TEND && r.nsteps == 500 && s2.o.n == s.o.n &&
              memcmp(s.o.theta, s2.o.theta, (size_t)s.o.n * D * sizeof(double)) == 0 &&
              memcmp(s.o.t, s2.o.t, (size_t)s.o.n * sizeof(double)) == 0 &&
              memcmp(s.o.f, s2.o.f, (size_t)s.o.n * sizeof(double)) == 0,
          "euler S2: the same output as without the stop (%ld steps instead of 500)", k);

    /* S1: g = 0 exactly at t0 */
    {
        gdf_problem pz;
        double x0 = 3.0;
        memset(&pz, 0, sizeof pz);
        pz.d = 1;
        pz.fg = zero_fg;
        pz.L = pz.mu = NAN;
        sink_free(&s);
        sink_init(&s, 1);
        gdf_gf_defaults(&o);
        run(&pz, &x0, ts, 2, &o, &s, &r);
        CHECK(r.why == GDF_GF_WHY_STATIONARY && r.nsteps == 0 && s.o.n == 2 && s.o.t[1] == 1e300 &&
                  s.o.theta[1] == 3.0 && r.t_stationary == 0.0,
              "S1 rk45 at t0: n %ld", s.o.n);
        o.method = GDF_GF_RK4;
        o.h = 1.0;
        run(&pz, &x0, tlong, 2, &o, &s, &r);
        CHECK(r.why == GDF_GF_WHY_STATIONARY && r.nsteps == 0 && s.o.n == 101 &&
                  s.o.t[100] == 100.0 && s.o.t[50] == 50.0 && s.o.theta[100] == 3.0,
              "S1 rk4 at t0: n %ld", s.o.n);
        sink_free(&s);
        sink_init(&s, D);
    }

    /* the heavy ball through gdf_second.c: the bound looks at theta and v */
    {
        gdf_second q;
        gdf_problem sp;
        double z0[2 * D], zs[2 * D], Gz[2 * D], R;
        memset(&q, 0, sizeof q);
        q.base = &p;
        q.kind = GDF_SECOND_HEAVYBALL;
        q.gamma = 2.0 * sqrt(p.mu);
        CHECK(gdf_problem_second(&sp, &q) == GDF_OK, "second set up");
        memcpy(z0, th0, D * sizeof(double));
        memset(z0 + D, 0, D * sizeof(double));
        /* at (theta*, 0): 0; at (theta*, v != 0): > 0 */
        memcpy(zs, xs, D * sizeof(double));
        memset(zs + D, 0, D * sizeof(double));
        gdf_eval(&sp, zs, NULL, Gz);
        R = gdf_second_reach(&q, zs, Gz, gdf_nrm2(2 * D, Gz));
        CHECK(R < 1e-12, "second reach at the equilibrium: %g", R);
        zs[D] = 1e-3;
        gdf_eval(&sp, zs, NULL, Gz);
        R = gdf_second_reach(&q, zs, Gz, gdf_nrm2(2 * D, Gz));
        CHECK(R >= 1e-3, "second reach with v != 0: %g", R);
        gdf_gf_defaults(&o);
        o.reach = gdf_second_reach;
        o.reach_ctx = &q;
        sink_free(&s);
        sink_init(&s, 2 * D);
        run(&sp, z0, t3, 3, &o, &s, &r);
        CHECK(r.why == GDF_GF_WHY_STATIONARY && s.o.n == 3 &&
                  diffnorm(D, s.o.theta + 2 * 2 * D, xs) <= 2.0 * w &&
                  norm2(D, s.o.theta + 2 * 2 * D + D) <= 2.0 * w,
              "heavy ball [0 1 1e300]: why %d", r.why);
        q.base->mu = NAN; /* unknown mu: no bound */
        CHECK(isinf(gdf_second_reach(&q, zs, Gz, 1.0)), "second reach without mu");
        p.mu = P.lam[0];
        sink_free(&s);
        sink_init(&s, D);
    }
    /* the descent-flow bound (natural gradient) */
    {
        double gs[D];
        gdf_gf_descent dq;
        dq.base = &p;
        dq.g = gs;
        dq.nfevals = 0;
        CHECK(fabs(gdf_gf_descent_reach(&dq, th0, NULL, 0.0) -
                   0.0) >= 0.0 && dq.nfevals == 1, "descent reach evaluates once");
        CHECK(gdf_gf_descent_reach(&dq, xs, NULL, 0.0) < 1e-12, "descent reach at theta*");
        p.mu = -1.0;
        CHECK(isinf(gdf_gf_descent_reach(&dq, th0, NULL, 0.0)), "descent reach without mu > 0");
        p.mu = P.lam[0];
    }

    /* what cannot finish is known up front */
    {
        double steps = 0.0;
        gdf_gf_defaults(&o);
        p.mu = 0.0; /* as a singular quadratic: no early stop */
        CHECK(gdf_gf_span_too_long(&p, ts, 2, &o, 1e6, &steps) == 1 && steps > 1e299,
              "span too long (rk45, L known): %g steps", steps);
        o.grad_tol = 1e-6;
        CHECK(gdf_gf_span_too_long(&p, ts, 2, &o, 1e6, &steps) == 0, "GradTol may stop it");
        p.mu = P.lam[0];
        o.grad_tol = 0.0;
        CHECK(gdf_gf_span_too_long(&p, ts, 2, &o, 1e6, &steps) == 0, "mu > 0: the stop may end it");
        CHECK(gdf_gf_span_too_long(&p, tlong, 2, &o, 1e6, &steps) == 0 && steps < 1e3,
              "[0 100] is fine: %g steps", steps);
        o.method = GDF_GF_EULER;
        o.h = 0.1;
        CHECK(gdf_gf_span_too_long(&p, ts, 2, &o, 1e6, &steps) == 1 && isinf(steps),
              "euler [0 1e300]: %g", steps);
        CHECK(gdf_gf_steps_needed(&p, tlong, 2, &o) == 1000.0, "euler [0 100]: 1000 steps");
    }
    /* grids the times cannot resolve, spans that overflow */
    {
        int sh;
        double big[2] = {-1.7e308, 1.7e308}, x0[D];
        CHECK(gdf_gf_grid(1e20, 1e20 + 131072.0, 1.0, &sh) == -1, "grid: step below 16 eps |t|");
        CHECK(gdf_gf_grid(1e20, 1e20 + 1048576.0, 262144.0, &sh) == 4, "grid: resolvable step");
        CHECK(gdf_gf_grid(-1.7e308, 1.7e308, 1e300, &sh) == -1, "grid: the span overflows");
        memcpy(x0, th0, sizeof x0);
        gdf_gf_defaults(&o);
        CHECK(run(&p, x0, big, 2, &o, &s, &r) == GDF_EARG, "rk45: a span that overflows");
        o.method = GDF_GF_EULER;
        o.h = 1e306;
        CHECK(run(&p, x0, big, 2, &o, &s, &r) == GDF_EARG, "euler: a span that overflows");
    }
    /* rk45 step underflow near huge t is reported at once */
    {
        double th[2] = {1e300, 2e300};
        gdf_gf_defaults(&o);
        o.stationary = 0;
        run(&p, th0, th, 2, &o, &s, &r);
        CHECK(r.exitflag == -3 && r.why == GDF_GF_WHY_UNDERFLOW && r.nsteps == 0,
              "[1e300 2e300]: exitflag %d", r.exitflag);
    }
    sink_free(&s);
    sink_free(&s2);
    quadp_free(&P);
}

int main(void)
{
    test_euler_is_gd();
    test_orders();
    test_rk45();
    test_output();
    test_implicit();
    test_implicit_sparse();
    test_implicit_newton();
    test_stops();
    test_underflow();
    test_stationary();
    return check_report("test_gf");
}
