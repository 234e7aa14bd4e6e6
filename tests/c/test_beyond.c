/* test_beyond.c - unit tests of the dynamics beyond the gradient flow:
 * time-dependent right-hand sides in gdf_gf.c (stage_time), the heavy-ball
 * and Su-Boyd-Candes ODEs (gdf_second.c), the natural gradient flow
 * (gdf_natural.c through the integrators), and Euler-Maruyama Langevin
 * dynamics with its random numbers (gdf_langevin.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _XOPEN_SOURCE 600 /* j1() */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_gf.h"
#include "gdf_langevin.h"
#include "gdf_second.h"
#include "check.h"
#include "testprob.h"
#include "testsink.h"

static int run_em(gdf_problem *p, const double *y0, const double *tspan, ptrdiff_t nt,
                  const gdf_langevin_opts *o, sink *s, gdf_gf_result *r)
{
    double *w = malloc(gdf_langevin_work(p->d) * sizeof(double));
    int st;
    sink_free(s);
    sink_init(s, p->d);
    st = gdf_langevin_run(p, y0, tspan, nt, o, &s->o, w, r);
    free(w);
    return st;
}

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

/* ------------------------------------------------------------------ */
/* a quadratic f = 1/2 x'Ax - b'x with its eigendecomposition           */
/* ------------------------------------------------------------------ */
typedef struct {
    ptrdiff_t d;
    double *A, *b, *Q, *lam, *xs; /* xs = theta* */
    gdf_quad q;
    gdf_problem p;
} quad;

static void quad_make(quad *P, ptrdiff_t d, double lmin, double lmax, int with_b, uint64_t seed)
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
    P->xs = malloc((size_t)d * sizeof(double));
    tp_spd(d, lmin, lmax, P->A, c);
    for (i = 0; i < d; i++)
        P->b[i] = with_b ? tp_normal() : 0.0;
    memcpy(P->Q, P->A, (size_t)d * (size_t)d * sizeof(double));
    gdf_syev(d, P->Q, P->lam, 1, w, iw);
    for (i = 0; i < d; i++)
        P->xs[i] = 0.0;
    for (j = 0; j < d; j++) { /* theta* = Q diag(1/lam) Q'b */
        double qb = 0.0;
        for (i = 0; i < d; i++)
            qb += P->Q[i + j * d] * P->b[i];
        for (i = 0; i < d; i++)
            P->xs[i] += P->Q[i + j * d] * qb / P->lam[j];
    }
    P->q.d = d;
    P->q.A = P->A;
    P->q.b = P->b;
    P->q.c = 0.0;
    gdf_problem_quad(&P->p, &P->q);
    free(w);
    free(iw);
    free(c);
}

static void quad_free(quad *P)
{
    free(P->A);
    free(P->Q);
    free(P->b);
    free(P->lam);
    free(P->xs);
}

/* out = theta* + Q diag(m(lam_j)) Q'(x0 - theta*), modes from a callback */
typedef double (*mode_fn)(double lam, double t, double z0, double v0, const void *par);
static void quad_modes(const quad *P, mode_fn m, double t, const double *x0, const double *v0,
                       const void *par, double *out)
{
    ptrdiff_t i, j, d = P->d;
    for (i = 0; i < d; i++)
        out[i] = P->xs[i];
    for (j = 0; j < d; j++) {
        double z0 = 0.0, w0 = 0.0, z;
        for (i = 0; i < d; i++) {
            z0 += P->Q[i + j * d] * (x0[i] - P->xs[i]);
            if (v0)
                w0 += P->Q[i + j * d] * v0[i];
        }
        z = m(P->lam[j], t, z0, w0, par);
        for (i = 0; i < d; i++)
            out[i] += P->Q[i + j * d] * z;
    }
}

static double fquad(const quad *P, const double *x)
{
    ptrdiff_t i, j, d = P->d;
    double s = 0.0;
    for (j = 0; j < d; j++) {
        double ax = 0.0;
        for (i = 0; i < d; i++)
            ax += P->A[j + i * d] * x[i];
        s += x[j] * (0.5 * ax - P->b[j]);
    }
    return s;
}

static double dist(ptrdiff_t d, const double *a, const double *b)
{
    ptrdiff_t i;
    double s = 0.0;
    for (i = 0; i < d; i++)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return sqrt(s);
}

/* ------------------------------------------------------------------ */
/* 1. time-dependent right-hand sides: y1' = cos t, y2' = t - y2        */
/*    y1 = y1(0) + sin t,  y2 = t - 1 + (y2(0) + 1) e^{-t}               */
/* ------------------------------------------------------------------ */
typedef struct {
    double t;
} tctx;

static int tdep_fg(void *ctx, const double *y, double *f, double *g)
{
    double t = ((tctx *)ctx)->t;
    if (f)
        *f = 0.5 * (y[0] * y[0] + y[1] * y[1]);
    if (g) {
        g[0] = -cos(t);
        g[1] = y[1] - t;
    }
    return GDF_OK;
}

static void tdep_exact(double t, const double *y0, double *y)
{
    y[0] = y0[0] + sin(t);
    y[1] = t - 1.0 + (y0[1] + 1.0) * exp(-t);
}

static void test_stage_time(void)
{
    const double y0[2] = {0.3, -0.7}, tspan[2] = {0.0, 2.0};
    const double tsp[6] = {0.0, 0.13, 0.5, 0.77, 1.5, 2.0};
    const int methods[3] = {GDF_GF_EULER, GDF_GF_HEUN, GDF_GF_RK4};
    const double order[3] = {1.0, 2.0, 4.0};
    double hs[5], err[5], ex[2], y[2];
    tctx c = {0.0};
    gdf_problem p;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    int m, j;
    long k;
    memset(&p, 0, sizeof p);
    p.d = 2;
    p.ctx = &c;
    p.fg = tdep_fg;
    p.L = p.mu = NAN;
    sink_init(&s, 2);
    tdep_exact(2.0, y0, ex);
    /* the fixed-step methods keep their orders: every stage sees its own time */
    for (m = 0; m < 3; m++) {
        double sl;
        for (j = 0; j < 5; j++) {
            gdf_gf_defaults(&o);
            o.method = methods[m];
            o.h = hs[j] = ldexp(1.0, -3 - j);
            o.stage_time = &c.t;
            CHECK(run(&p, y0, tspan, 2, &o, &s, &r) == GDF_OK && r.exitflag == 1, "tdep run");
            err[j] = dist(2, s.o.theta + 2 * (s.o.n - 1), ex);
        }
        sl = loglog_slope(5, hs, err);
        CHECK(fabs(sl - order[m]) <= 0.15, "time-dependent, method %d: slope %.3f, expected %g",
              methods[m], sl, order[m]);
    }
    /* off-grid output times: partial steps start from the right time */
    for (m = 0; m < 3; m++) {
        double emax = 0.0;
        gdf_gf_defaults(&o);
        o.method = methods[m];
        o.h = 1e-3;
        o.stage_time = &c.t;
        CHECK(run(&p, y0, tsp, 6, &o, &s, &r) == GDF_OK && s.o.n == 6, "tdep tspan run");
        for (j = 0; j < 6; j++) {
            tdep_exact(tsp[j], y0, ex);
            emax = fmax(emax, dist(2, s.o.theta + 2 * j, ex));
        }
        CHECK(emax < (m == 0 ? 2e-3 : 1e-6), "tdep tspan method %d: error %g", methods[m], emax);
    }
    /* rk45: error control and dense output */
    {
        double emax = 0.0;
        gdf_gf_defaults(&o);
        o.rtol = 1e-10;
        o.atol = 1e-12;
        o.stage_time = &c.t;
        CHECK(run(&p, y0, tsp, 6, &o, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == 6, "tdep rk45");
        for (j = 0; j < 6; j++) {
            tdep_exact(tsp[j], y0, ex);
            emax = fmax(emax, dist(2, s.o.theta + 2 * j, ex));
            CHECK(s.o.t[j] == tsp[j], "rk45 output time");
        }
        CHECK(emax < 1e-8, "tdep rk45 error %g", emax);
        /* without stage_time the same problem is integrated at a frozen time: far off */
        c.t = 0.0;
        o.stage_time = NULL;
        run(&p, y0, tsp, 6, &o, &s, &r);
        tdep_exact(2.0, y0, ex);
        CHECK(dist(2, s.o.theta + 2 * 5, ex) > 0.1, "stage_time NULL must not move the time");
    }
    /* backward Euler evaluates every Newton iterate at the end of the step:
     * y1' = y1 + h cos t_{k+1},  y2' = (y2 + h t_{k+1}) / (1 + h) */
    {
        const double h = 0.1;
        double emax = 0.0;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_IMPLICIT;
        o.h = h;
        o.stage_time = &c.t;
        CHECK(run(&p, y0, tspan, 2, &o, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == 21,
              "tdep implicit");
        y[0] = y0[0];
        y[1] = y0[1];
        for (k = 1; k <= 20; k++) {
            double tk = (double)k * h;
            y[0] += h * cos(tk);
            y[1] = (y[1] + h * tk) / (1.0 + h);
            emax = fmax(emax, dist(2, s.o.theta + 2 * k, y));
        }
        CHECK(emax < 1e-10, "backward Euler with time: %g", emax);
    }
    sink_free(&s);
}

/* ------------------------------------------------------------------ */
/* 2. the Su-Boyd-Candes ODE against its closed form                    */
/* ------------------------------------------------------------------ */
static double sbc_mode(double lam, double t, double z0, double v0, const void *par)
{
    double s = sqrt(lam) * t;
    (void)v0;
    (void)par;
    return s < 1e-8 ? z0 * (1.0 - s * s / 8.0) : z0 * 2.0 * j1(s) / s;
}

static void test_sbc(void)
{
    enum { D = 5, NT = 41 };
    double th0[D], z0[2 * D], tsp[NT], ex[D], fstar, r0, emax = 0.0, bound_ok = 1, tiny = 0.0;
    quad P;
    gdf_second sq;
    gdf_problem sp;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    ptrdiff_t i;
    int j, wb;
    for (wb = 0; wb < 2; wb++) {
        quad_make(&P, D, 0.2, 20.0, wb, 41 + (uint64_t)wb);
        for (i = 0; i < D; i++)
            th0[i] = tp_normal();
        fstar = fquad(&P, P.xs);
        r0 = dist(D, th0, P.xs);
        for (j = 0; j < NT; j++)
            tsp[j] = 0.25 * j;
        memset(&sq, 0, sizeof sq);
        sq.base = &P.p;
        sq.kind = GDF_SECOND_SBC;
        sq.r = 3.0;
        CHECK(gdf_problem_second(&sp, &sq) == GDF_OK && sp.d == 2 * D, "second init");
        memcpy(z0, th0, sizeof th0);
        memset(z0 + D, 0, sizeof th0);
        gdf_gf_defaults(&o);
        o.rtol = 1e-11;
        o.atol = 1e-13;
        o.stage_time = &sq.t;
        sink_init(&s, 2 * D);
        CHECK(run(&sp, z0, tsp, NT, &o, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == NT,
              "sbc rk45");
        emax = 0.0;
        for (j = 0; j < NT; j++) {
            const double *x = s.o.theta + 2 * D * j;
            quad_modes(&P, sbc_mode, tsp[j], th0, NULL, NULL, ex);
            emax = fmax(emax, dist(D, x, ex));
            CHECK(s.o.f[j] == fquad(&P, x) || fabs(s.o.f[j] - fquad(&P, x)) <= 1e-12 * fabs(fstar) + 1e-13,
                  "wrapper f is f(theta)");
            if (j > 0 && !(fquad(&P, x) - fstar <= 2.0 * r0 * r0 / (tsp[j] * tsp[j]) + 1e-12))
                bound_ok = 0;
        }
        CHECK(emax < 1e-8 * (1.0 + r0), "SBC vs Bessel closed form: %g", emax);
        CHECK(bound_ok, "SBC bound f - f* <= 2 ||x0 - x*||^2 / t^2");
        /* the t = 0 limit: theta''(0) = -grad f(theta0) / 4 */
        {
            double g[2 * D], gf[D];
            sq.t = 0.0;
            sp.fg(sp.ctx, z0, NULL, g);
            P.p.fg(P.p.ctx, th0, NULL, gf);
            for (i = 0; i < D; i++)
                tiny = fmax(tiny, fabs(g[D + i] - 0.25 * gf[i]) + fabs(g[i]));
            CHECK(tiny == 0.0, "t = 0 limit is grad f / 4: %g", tiny);
            sq.t = -1.0;
            CHECK(sp.fg(sp.ctx, z0, NULL, g) == GDF_EARG, "negative time rejected");
            sq.t = 0.5; /* away from 0: (3/t) v + grad f */
            z0[D] = 1.0;
            sp.fg(sp.ctx, z0, NULL, g);
            CHECK(fabs(g[D] - (6.0 * 1.0 + gf[0])) <= 1e-14 * (6.0 + fabs(gf[0])), "3/t term");
            CHECK(g[0] == -1.0, "theta' = v");
            z0[D] = 0.0;
        }
        /* fixed steps converge to the same solution (RK4 and Heun) */
        {
            const int ms[2] = {GDF_GF_HEUN, GDF_GF_RK4};
            const double ord[2] = {2.0, 4.0};
            double tt[2] = {0.0, 4.0}, hs[4], err[4];
            int m, k;
            quad_modes(&P, sbc_mode, 4.0, th0, NULL, NULL, ex);
            for (m = 0; m < 2; m++) {
                double sl;
                for (k = 0; k < 4; k++) {
                    gdf_gf_defaults(&o);
                    o.method = ms[m];
                    o.h = hs[k] = ldexp(1.0, -5 - k);
                    o.stage_time = &sq.t;
                    run(&sp, z0, tt, 2, &o, &s, &r);
                    err[k] = dist(D, s.o.theta + 2 * D * (s.o.n - 1), ex);
                }
                sl = loglog_slope(4, hs, err);
                CHECK(sl > ord[m] - 0.3, "SBC fixed-step method %d: slope %.3f (errors %g .. %g)",
                      ms[m], sl, err[0], err[3]);
            }
        }
        /* a negative start time reaches the wrapper and is refused */
        {
            double tneg[2] = {-1.0, 1.0};
            gdf_gf_defaults(&o);
            o.stage_time = &sq.t;
            CHECK(run(&sp, z0, tneg, 2, &o, &s, &r) == GDF_EARG, "SBC from t0 < 0 refused");
        }
        sink_free(&s);
        quad_free(&P);
    }
    {
        gdf_second bad;
        gdf_problem bp;
        quad_make(&P, 2, 1.0, 2.0, 0, 5);
        memset(&bad, 0, sizeof bad);
        bad.base = &P.p;
        bad.kind = 7;
        CHECK(gdf_problem_second(&bp, &bad) == GDF_EARG, "bad kind");
        bad.kind = GDF_SECOND_HEAVYBALL;
        bad.gamma = -1.0;
        CHECK(gdf_problem_second(&bp, &bad) == GDF_EARG, "negative gamma");
        bad.gamma = NAN;
        CHECK(gdf_problem_second(&bp, &bad) == GDF_EARG, "NaN gamma");
        bad.kind = GDF_SECOND_SBC;
        bad.r = 0.0;
        CHECK(gdf_problem_second(&bp, &bad) == GDF_EARG, "r = 0");
        quad_free(&P);
    }
}

/* ------------------------------------------------------------------ */
/* 3. heavy ball: a damped oscillator per eigen-mode                    */
/*    z'' + gamma z' + lam z = 0, z(0) = z0, z'(0) = v0                  */
/* ------------------------------------------------------------------ */
static double hb_mode(double lam, double t, double z0, double v0, const void *par)
{
    double g = *(const double *)par, disc = lam - 0.25 * g * g, e = exp(-0.5 * g * t);
    double c = v0 + 0.5 * g * z0;
    if (disc > 0.0) {
        double w = sqrt(disc);
        return e * (z0 * cos(w * t) + c * sin(w * t) / w);
    }
    if (disc < 0.0) {
        double w = sqrt(-disc);
        return e * (z0 * cosh(w * t) + c * sinh(w * t) / w);
    }
    return e * (z0 + c * t);
}

static void test_heavyball(void)
{
    enum { D = 6, NT = 31 };
    double th0[D], v0[D], z0[2 * D], tsp[NT], ex[D], gammas[3] = {0.5, 2.0, 6.0};
    quad P;
    gdf_second sq;
    gdf_problem sp;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    ptrdiff_t i;
    int j, gi;
    quad_make(&P, D, 0.1, 10.0, 1, 51);
    for (i = 0; i < D; i++) {
        th0[i] = tp_normal();
        v0[i] = 0.5 * tp_normal();
    }
    for (j = 0; j < NT; j++)
        tsp[j] = 1.0 + 0.3 * j; /* autonomous: any start time */
    sink_init(&s, 2 * D);
    for (gi = 0; gi < 3; gi++) {
        double emax = 0.0, energy_up = 0.0;
        memset(&sq, 0, sizeof sq);
        sq.base = &P.p;
        sq.kind = GDF_SECOND_HEAVYBALL;
        sq.gamma = gammas[gi];
        CHECK(gdf_problem_second(&sp, &sq) == GDF_OK, "hb init");
        memcpy(z0, th0, sizeof th0);
        memcpy(z0 + D, v0, sizeof v0);
        gdf_gf_defaults(&o);
        o.rtol = 1e-11;
        o.atol = 1e-13;
        CHECK(run(&sp, z0, tsp, NT, &o, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == NT, "hb rk45");
        for (j = 0; j < NT; j++) {
            const double *z = s.o.theta + 2 * D * j;
            double E = fquad(&P, z), vv = 0.0;
            quad_modes(&P, hb_mode, tsp[j] - tsp[0], th0, v0, &gammas[gi], ex);
            emax = fmax(emax, dist(D, z, ex));
            for (i = 0; i < D; i++)
                vv += z[D + i] * z[D + i];
            E += 0.5 * vv; /* the energy f + |v|^2/2 decreases at rate gamma |v|^2 */
            if (j > 0) {
                const double *zp = s.o.theta + 2 * D * (j - 1);
                double Ep = fquad(&P, zp), vp = 0.0;
                for (i = 0; i < D; i++)
                    vp += zp[D + i] * zp[D + i];
                Ep += 0.5 * vp;
                energy_up = fmax(energy_up, E - Ep);
            }
        }
        CHECK(emax < 1e-8, "heavy ball gamma %g vs closed form: %g", gammas[gi], emax);
        CHECK(energy_up <= 1e-12, "heavy ball energy increased by %g", energy_up);
        /* RK4 with a fixed step, order 4 */
        {
            double tt[2] = {0.0, 3.0}, hs[4], err[4], sl;
            int k;
            quad_modes(&P, hb_mode, 3.0, th0, v0, &gammas[gi], ex);
            for (k = 0; k < 4; k++) {
                gdf_gf_defaults(&o);
                o.method = GDF_GF_RK4;
                o.h = hs[k] = ldexp(1.0, -4 - k);
                run(&sp, z0, tt, 2, &o, &s, &r);
                err[k] = dist(D, s.o.theta + 2 * D * (s.o.n - 1), ex);
            }
            sl = loglog_slope(4, hs, err);
            CHECK(fabs(sl - 4.0) < 0.3, "heavy ball rk4 slope %.3f", sl);
        }
    }
    sink_free(&s);
    quad_free(&P);
}

/* ------------------------------------------------------------------ */
/* 4. natural gradient flow with G = A on a quadratic: a straight line  */
/* ------------------------------------------------------------------ */
static void test_natural(void)
{
    enum { D = 7, NT = 21 };
    double th0[D], tsp[NT], emax = 0.0;
    quad P;
    gdf_natural nq;
    gdf_problem np;
    gdf_gf_opts o;
    gdf_gf_result r;
    sink s;
    ptrdiff_t i;
    int j;
    quad_make(&P, D, 0.01, 100.0, 1, 61);
    for (i = 0; i < D; i++)
        th0[i] = tp_normal();
    for (j = 0; j < NT; j++)
        tsp[j] = 0.5 * j;
    memset(&nq, 0, sizeof nq);
    nq.base = &P.p;
    nq.kind = GDF_METRIC_FIXED;
    nq.G = P.A;
    nq.work = malloc(gdf_natural_work(D) * sizeof(double));
    CHECK(gdf_problem_natural(&np, &nq) == GDF_OK, "natural init");
    gdf_gf_defaults(&o);
    o.rtol = 1e-10;
    o.atol = 1e-12;
    sink_init(&s, D);
    CHECK(run(&np, th0, tsp, NT, &o, &s, &r) == GDF_OK && r.exitflag == 1, "natural rk45");
    for (j = 0; j < NT; j++)
        for (i = 0; i < D; i++) {
            double e = P.xs[i] + exp(-tsp[j]) * (th0[i] - P.xs[i]);
            emax = fmax(emax, fabs(s.o.theta[D * j + i] - e));
        }
    CHECK(emax < 1e-8 * (1.0 + dist(D, th0, P.xs)), "natural flow, G = A: %g", emax);
    /* kappa = 1e4 does not slow it down: few steps */
    CHECK(r.nsteps < 200, "natural flow took %ld steps", r.nsteps);
    free(nq.work);
    sink_free(&s);
    quad_free(&P);
}

/* ------------------------------------------------------------------ */
/* 5. random numbers                                                    */
/* ------------------------------------------------------------------ */
static void test_rng(void)
{
    static const uint64_t sm0[3] = {UINT64_C(0xe220a8397b1dcdaf), UINT64_C(0x6e789e6aa1b965f4),
                                    UINT64_C(0x06c45d188009454f)};
    static const uint64_t xo[6] = {UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240),
                                   UINT64_C(1215971899390074240), UINT64_C(1216172134540287360),
                                   UINT64_C(607988272756665600)};
    uint64_t x = 0;
    gdf_rng g, g2;
    long i, n = 200000, inside = 0;
    double s1 = 0.0, s2 = 0.0, s4 = 0.0, umin = 1.0, umax = 0.0, mean, var, kurt;
    int k, same = 1;
    /* published test vectors: splitmix64 from 0; xoshiro256** from {1, 2, 3, 4} */
    for (k = 0; k < 3; k++)
        CHECK(gdf_splitmix64(&x) == sm0[k], "splitmix64 output %d", k);
    g.s[0] = 1, g.s[1] = 2, g.s[2] = 3, g.s[3] = 4;
    g.has_spare = 0;
    for (k = 0; k < 6; k++)
        CHECK(gdf_rng_next(&g) == xo[k], "xoshiro256** output %d", k);
    /* seeding: the state is splitmix64's first four outputs */
    gdf_rng_seed(&g, 0);
    for (k = 0; k < 3; k++)
        CHECK(g.s[k] == sm0[k], "seeded state word %d", k);
    /* uniform in [0, 1); normal moments over 2 10^5 draws (5 sigma bounds) */
    gdf_rng_seed(&g, 12345);
    for (i = 0; i < n; i++) {
        double u = gdf_rng_uniform(&g);
        umin = fmin(umin, u);
        umax = fmax(umax, u);
    }
    CHECK(umin >= 0.0 && umax < 1.0 && umin < 1e-4 && umax > 1.0 - 1e-4, "uniform range");
    for (i = 0; i < n; i++) {
        double z = gdf_rng_normal(&g);
        s1 += z;
        s2 += z * z;
        s4 += z * z * z * z;
        inside += fabs(z) < 1.0;
    }
    mean = s1 / n;
    var = s2 / n - mean * mean;
    kurt = s4 / n;
    CHECK(fabs(mean) < 5.0 / sqrt((double)n), "normal mean %g", mean);
    CHECK(fabs(var - 1.0) < 5.0 * sqrt(2.0 / n), "normal variance %g", var);
    CHECK(fabs(kurt - 3.0) < 5.0 * sqrt(96.0 / n), "normal 4th moment %g", kurt);
    CHECK(fabs((double)inside / n - 0.682689492137086) < 5.0 * sqrt(0.2166 / n),
          "P(|z| < 1) = %g", (double)inside / n);
    /* same seed, same numbers; another seed, others */
    gdf_rng_seed(&g, 99);
    gdf_rng_seed(&g2, 99);
    for (i = 0; i < 1000; i++)
        same &= gdf_rng_normal(&g) == gdf_rng_normal(&g2);
    CHECK(same, "same seed, same normals");
    gdf_rng_seed(&g, 99);
    gdf_rng_seed(&g2, 100);
    same = 1;
    for (i = 0; i < 10; i++)
        same &= gdf_rng_next(&g) == gdf_rng_next(&g2);
    CHECK(!same, "seeds 99 and 100 give different streams");
}

/* ------------------------------------------------------------------ */
/* 6. Langevin dynamics by Euler-Maruyama                               */
/* ------------------------------------------------------------------ */
static int nan_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    if (f)
        *f = x[0] > 3.0 ? NAN : 0.0;
    if (g)
        g[0] = 0.0;
    return GDF_OK;
}

static int zero_fg(void *ctx, const double *x, double *f, double *g)
{
    (void)ctx;
    (void)x;
    if (f)
        *f = 0.0;
    if (g)
        g[0] = 0.0;
    return GDF_OK;
}

static void test_langevin(void)
{
    enum { D = 2 };
    double A[4] = {2.0, 0.5, 0.5, 1.0}, th0[D] = {1.0, -1.0}, tspan[2] = {0.0, 50.0};
    gdf_quad q = {D, A, NULL, 0.0};
    gdf_problem p;
    gdf_langevin_opts lo;
    gdf_gf_opts o;
    gdf_gf_result r, r2;
    sink s, s2;
    long n;
    ptrdiff_t j;
    gdf_problem_quad(&p, &q);
    sink_init(&s, D);
    sink_init(&s2, D);

    /* T = 0 is euler, bit for bit (same grid, shortened last step included) */
    {
        double tt[2] = {0.0, 1.05};
        gdf_langevin_defaults(&lo);
        lo.h = 0.1;
        lo.temperature = 0.0;
        gdf_gf_defaults(&o);
        o.method = GDF_GF_EULER;
        o.h = 0.1;
        CHECK(run_em(&p, th0, tt, 2, &lo, &s, &r) == GDF_OK && r.exitflag == 1, "em T=0");
        CHECK(run(&p, th0, tt, 2, &o, &s2, &r2) == GDF_OK && r2.exitflag == 1, "euler");
        CHECK(s.o.n == s2.o.n && s.o.n == 12, "T=0: %ld vs %ld points", s.o.n, s2.o.n);
        CHECK(memcmp(s.o.theta, s2.o.theta, (size_t)(D * s.o.n) * sizeof(double)) == 0 &&
                  memcmp(s.o.t, s2.o.t, (size_t)s.o.n * sizeof(double)) == 0 &&
                  memcmp(s.o.f, s2.o.f, (size_t)s.o.n * sizeof(double)) == 0 &&
                  memcmp(s.o.gnorm, s2.o.gnorm, (size_t)s.o.n * sizeof(double)) == 0,
              "T = 0 equals euler bit for bit");
        CHECK(r.nsteps == r2.nsteps && r.nfevals == r2.nfevals, "T=0 counts");
    }
    /* same seed, same path; another seed, another path */
    gdf_langevin_defaults(&lo);
    lo.h = 0.01;
    lo.temperature = 0.5;
    lo.seed = 2024;
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == 5001,
          "em run (%ld points)", s.o.n);
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s2, &r2) == GDF_OK && s2.o.n == s.o.n, "em rerun");
    CHECK(memcmp(s.o.theta, s2.o.theta, (size_t)(D * s.o.n) * sizeof(double)) == 0,
          "same Seed, same path");
    lo.seed = 2025;
    run_em(&p, th0, tspan, 2, &lo, &s2, &r2);
    n = 0;
    for (j = 0; j < D * s.o.n; j++)
        n += s.o.theta[j] != s2.o.theta[j];
    CHECK(n > D * s.o.n - 10, "another Seed, another path (%ld of %ld entries differ)", n,
          (long)(D * s.o.n));
    /* output on requested grid times = the same entries of the full path */
    {
        double tt[6] = {0.0, 0.5, 1.0, 1.01, 20.0, 50.0};
        long idx[6] = {0, 50, 100, 101, 2000, 5000};
        int k, ok = 1;
        lo.seed = 2024;
        CHECK(run_em(&p, th0, tt, 6, &lo, &s2, &r2) == GDF_OK && s2.o.n == 6 && r2.exitflag == 1,
              "em tspan");
        for (k = 0; k < 6; k++)
            ok &= memcmp(s2.o.theta + D * k, s.o.theta + D * idx[k], D * sizeof(double)) == 0 &&
                  s2.o.t[k] == tt[k];
        CHECK(ok, "tspan output = the full path at those steps");
        tt[3] = 1.005;
        CHECK(gdf_langevin_offgrid(tt, 6, 0.01) == 3, "off-grid time found");
        CHECK(run_em(&p, th0, tt, 6, &lo, &s2, &r2) == GDF_EARG, "off-grid tspan refused");
    }
    /* stationary covariance: EM on a quadratic has exactly T (A - h A^2 / 2)^{-1}.
     * One run of 10^6 steps, h = 0.02 (t = 20000): the relative standard error
     * of a variance estimate is sqrt(2 / (lambda t)) <= 1.2% for the eigenvalues
     * lambda >= 0.79 of A; 4% is over 3 sigma.  The path is kept every 0.1
     * (5 steps, within the correlation time 1/lambda); the first 10 time
     * units (burn-in) are dropped. */
    {
        double *tt, S[3] = {0, 0, 0}, Sx[3], M[4], det, T = 0.5, h = 0.02;
        long k, cnt = 0, burn = 100, nt = 200001;
        tt = malloc((size_t)nt * sizeof(double));
        for (k = 0; k < nt; k++)
            tt[k] = 0.1 * (double)k;
        lo.h = h;
        lo.temperature = T;
        lo.seed = 7;
        CHECK(run_em(&p, th0, tt, nt, &lo, &s, &r) == GDF_OK && r.exitflag == 1 && s.o.n == nt &&
                  r.nsteps == 1000000,
              "long em run");
        free(tt);
        for (k = burn; k < s.o.n; k++) {
            const double *x = s.o.theta + D * k;
            S[0] += x[0] * x[0];
            S[1] += x[0] * x[1];
            S[2] += x[1] * x[1];
            cnt++;
        }
        S[0] /= cnt, S[1] /= cnt, S[2] /= cnt;
        /* M = A - h A^2 / 2, Sx = T M^{-1} */
        M[0] = A[0] - 0.5 * h * (A[0] * A[0] + A[1] * A[2]);
        M[1] = A[1] - 0.5 * h * (A[1] * A[0] + A[3] * A[1]);
        M[3] = A[3] - 0.5 * h * (A[2] * A[1] + A[3] * A[3]);
        det = M[0] * M[3] - M[1] * M[1];
        Sx[0] = T * M[3] / det;
        Sx[1] = -T * M[1] / det;
        Sx[2] = T * M[0] / det;
        {
            double nx = sqrt(Sx[0] * Sx[0] + 2 * Sx[1] * Sx[1] + Sx[2] * Sx[2]);
            double ne = sqrt((S[0] - Sx[0]) * (S[0] - Sx[0]) + 2 * (S[1] - Sx[1]) * (S[1] - Sx[1]) +
                             (S[2] - Sx[2]) * (S[2] - Sx[2]));
            CHECK(ne < 0.04 * nx, "EM covariance [%g %g %g] vs [%g %g %g]: rel. error %g", S[0],
                  S[1], S[2], Sx[0], Sx[1], Sx[2], ne / nx);
        }
    }
    /* MaxSteps, non-finite values, bad arguments */
    lo.h = 0.01;
    lo.temperature = 1.0;
    lo.max_steps = 7;
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s, &r) == GDF_OK && r.exitflag == 0 &&
              r.why == GDF_GF_WHY_MAXSTEPS && s.o.n == 8,
          "MaxSteps");
    {
        gdf_problem pn;
        double x0 = 0.0, tt[2] = {0.0, 1e6};
        memset(&pn, 0, sizeof pn);
        pn.d = 1;
        pn.fg = nan_fg;
        pn.L = pn.mu = NAN;
        gdf_langevin_defaults(&lo);
        lo.h = 1.0;
        lo.temperature = 1.0;
        CHECK(run_em(&pn, &x0, tt, 2, &lo, &s, &r) == GDF_OK && r.exitflag == -2 &&
                  r.why == GDF_GF_WHY_NONFINITE && s.o.n >= 1 && s.o.theta[s.o.n - 1] <= 3.0,
              "non-finite stops with -2");
        /* f = 0: the path is sqrt(2 T h) times a sum of the generator's normals */
        {
            double tt2[2] = {0.0, 5.0};
            gdf_rng g;
            int k, ok = 1;
            double acc = 0.0;
            lo.temperature = 0.5; /* sqrt(2 T h) = 1 */
            lo.seed = 31;
            pn.fg = zero_fg;
            CHECK(run_em(&pn, &x0, tt2, 2, &lo, &s, &r) == GDF_OK && s.o.n == 6, "f = 0 run");
            gdf_rng_seed(&g, 31);
            for (k = 1; k < 6; k++) {
                acc = (acc - 1.0 * 0.0) + 1.0 * gdf_rng_normal(&g);
                ok &= s.o.theta[k] == acc;
            }
            CHECK(ok, "the increments are the documented normals");
        }
    }
    gdf_langevin_defaults(&lo);
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s, &r) == GDF_EARG, "h = 0 refused");
    lo.h = 0.1;
    lo.temperature = -1.0;
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s, &r) == GDF_EARG, "T < 0 refused");
    lo.temperature = INFINITY;
    CHECK(run_em(&p, th0, tspan, 2, &lo, &s, &r) == GDF_EARG, "T = Inf refused");
    sink_free(&s);
    sink_free(&s2);
}

int main(void)
{
    test_stage_time();
    test_sbc();
    test_heavyball();
    test_natural();
    test_rng();
    test_langevin();
    return check_report("test_beyond");
}
