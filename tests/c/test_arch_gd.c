/* test_arch_gd.c - gd_run's policy, moved out of the gateway into the
 * library (gdf_gd_solve.c), tested from C: each default step rule and
 * momentum, the error codes and their order, the proximal method's mapping
 * of the flow's exits, many starts through gdf_gd_batch equal to single
 * runs bitwise, the saddle/maximum reporting, and the small decisions
 * (divergence explanation, convexity, batch path); one stop test for
 * gdf_gd_run and gdf_gd_batch (every stopping rule gives the same stop in
 * both), one vocabulary of reasons (gdf_why.h) that keeps gd_run's numbers
 * and messages and words every flow reason as gdf_gf_why_message does.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_gf.h"
#include "gdf_why.h"
#include "check.h"

static gdf_gd_spec spec_of(int method, int rule, double L, double mu)
{
    gdf_gd_spec s;
    memset(&s, 0, sizeof s);
    s.method = method;
    s.step_rule = rule;
    s.step = NAN;
    s.init_step = NAN;
    s.momentum_kind = GDF_MOM_DEFAULT;
    s.L = L;
    s.mu = mu;
    return s;
}

static int resolve(const gdf_gd_spec *s, gdf_gd_opts *o, const char **name)
{
    gdf_gd_defaults(o);
    return gdf_gd_resolve(s, o, name);
}

static void test_default_rules(void)
{
    const double L = 9.0, mu = 4.0, sk = sqrt(L / mu);
    gdf_gd_spec s;
    gdf_gd_opts o;
    const char *nm;
    /* gd: 1/L when L is known, else backtracking from 1 (or InitialStep) */
    s = spec_of(GDF_GDM_GD, GDF_RULE_DEFAULT, L, mu);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 / L && o.step_rule == GDF_STEP_FIXED &&
          strcmp(nm, "1/L") == 0 && o.method == GDF_GD_PLAIN, "gd default: 1/L (eta %g)", o.eta);
    s = spec_of(GDF_GDM_GD, GDF_RULE_DEFAULT, NAN, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 && o.step_rule == GDF_STEP_ARMIJO &&
          strcmp(nm, "backtracking") == 0, "gd default without L: backtracking from 1");
    s.init_step = 0.25;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 0.25, "backtracking from InitialStep");
    s = spec_of(GDF_GDM_GD, GDF_RULE_BACKTRACK, L, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 / L && o.step_rule == GDF_STEP_ARMIJO,
          "backtracking from 1/L");
    /* numbers, 1/L, 2/(L+mu) */
    s = spec_of(GDF_GDM_GD, GDF_RULE_FIXED, L, mu);
    s.step = 0.125;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 0.125 && strcmp(nm, "fixed") == 0,
          "a fixed step");
    s = spec_of(GDF_GDM_GD, GDF_RULE_TWOLMU, L, mu);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 2.0 / (L + mu) && strcmp(nm, "2/(L+mu)") == 0,
          "2/(L+mu) = %g", o.eta);
    s = spec_of(GDF_GDM_GD, GDF_RULE_INVL, L, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 / L, "1/L given");
    /* heavy ball: 4/(sqrt(L)+sqrt(mu))^2 and ((sk-1)/(sk+1))^2 */
    s = spec_of(GDF_GDM_HEAVYBALL, GDF_RULE_DEFAULT, L, mu);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.method == GDF_GD_HEAVYBALL &&
          o.eta == 4.0 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu))) && o.eta == 4.0 / 25.0 &&
          strcmp(nm, "4/(sqrt(L)+sqrt(mu))^2") == 0, "heavy ball step %.17g", o.eta);
    CHECK(o.momentum == ((sk - 1.0) / (sk + 1.0)) * ((sk - 1.0) / (sk + 1.0)) && !o.momentum_schedule,
          "heavy ball momentum %.17g", o.momentum);
    CHECK_CLOSE(o.momentum, 0.04, 1e-15, "heavy ball momentum (1/5)^2");
    s = spec_of(GDF_GDM_HEAVYBALL, GDF_RULE_DEFAULT, L, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 / L && o.momentum == 0.9,
          "heavy ball without mu: 1/L and 0.9");
    s.momentum_kind = GDF_MOM_VALUE;
    s.momentum = 0.5;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.momentum == 0.5, "heavy ball momentum given");
    /* Nesterov: (sk-1)/(sk+1), or the (k-1)/(k+2) schedule */
    s = spec_of(GDF_GDM_NESTEROV, GDF_RULE_DEFAULT, L, mu);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.method == GDF_GD_NESTEROV && o.eta == 1.0 / L &&
          o.momentum == (sk - 1.0) / (sk + 1.0) && !o.momentum_schedule, "nesterov momentum");
    s = spec_of(GDF_GDM_NESTEROV, GDF_RULE_DEFAULT, L, 0.0);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.momentum_schedule, "nesterov without mu: schedule");
    s.momentum_kind = GDF_MOM_SCHEDULE;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.momentum_schedule && isnan(o.momentum),
          "nesterov schedule given");
    /* natural: 1; proximal: 1/L */
    s = spec_of(GDF_GDM_NATURAL, GDF_RULE_DEFAULT, NAN, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 && strcmp(nm, "fixed") == 0 &&
          o.method == GDF_GD_PLAIN, "natural default 1");
    s = spec_of(GDF_GDM_PROXIMAL, GDF_RULE_DEFAULT, L, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_OK && o.eta == 1.0 / L && strcmp(nm, "1/L") == 0,
          "proximal default 1/L");
}

static void test_codes(void)
{
    gdf_gd_spec s;
    gdf_gd_opts o;
    const char *nm;
    char buf[256];
    s = spec_of(GDF_GDM_PROXIMAL, GDF_RULE_DEFAULT, NAN, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_PROX_NOL, "proximal without L");
    s = spec_of(GDF_GDM_GD, GDF_RULE_INVL, -1.0, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_INVL_NOL, "1/L without L");
    s = spec_of(GDF_GDM_GD, GDF_RULE_TWOLMU, 2.0, 0.0); /* mu = 0: refused */
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_TWOLMU_NOL, "2/(L+mu) with mu = 0");
    s = spec_of(GDF_GDM_NATURAL, GDF_RULE_INVL, 2.0, NAN);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_NATURAL_RULE, "natural with 1/L");
    s = spec_of(GDF_GDM_NATURAL, GDF_RULE_INVL, NAN, NAN); /* L first, as before */
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_INVL_NOL, "natural with 1/L and no L");
    s = spec_of(GDF_GDM_HEAVYBALL, GDF_RULE_BACKTRACK, 2.0, 1.0);
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_BACKTRACK_METHOD, "heavy ball backtracking");
    gdf_gd_spec_message(GDF_GDS_BACKTRACK_METHOD, GDF_GDM_HEAVYBALL, buf, sizeof buf);
    CHECK(strstr(buf, "give Method 'heavyball' a number.") != NULL, "message names the method: %s", buf);
    s = spec_of(GDF_GDM_HEAVYBALL, GDF_RULE_DEFAULT, 2.0, 1.0);
    s.momentum_kind = GDF_MOM_SCHEDULE;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_HB_SCHEDULE, "heavy ball schedule");
    s.momentum_kind = GDF_MOM_VALUE;
    s.momentum = 1.0;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_BAD_MOMENTUM, "momentum 1");
    s.momentum = NAN;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_BAD_MOMENTUM, "momentum NaN");
    s.momentum_kind = GDF_MOM_INVALID;
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_BAD_MOMENTUM, "momentum invalid");
    s.step_rule = GDF_RULE_TWOLMU;
    s.mu = NAN; /* the step rule's error comes first */
    CHECK(resolve(&s, &o, &nm) == GDF_GDS_TWOLMU_NOL, "step error before momentum error");
    CHECK(strcmp(gdf_gd_spec_id(GDF_GDS_PROX_NOL), "noLipschitz") == 0 &&
          strcmp(gdf_gd_spec_id(GDF_GDS_INVL_NOL), "noLipschitz") == 0 &&
          strcmp(gdf_gd_spec_id(GDF_GDS_TWOLMU_NOL), "noLipschitz") == 0 &&
          strcmp(gdf_gd_spec_id(GDF_GDS_NATURAL_RULE), "badOption") == 0 &&
          strcmp(gdf_gd_spec_id(GDF_GDS_BAD_MOMENTUM), "badOption") == 0, "identifiers");
    {
        int c;
        for (c = GDF_GDS_PROX_NOL; c <= GDF_GDS_BAD_MOMENTUM; c++) {
            gdf_gd_spec_message(c, GDF_GDM_GD, buf, sizeof buf);
            CHECK(strlen(buf) > 20 && strcmp(buf, "unknown code.") != 0, "message %d: %s", c, buf);
        }
    }
    CHECK(strcmp(gdf_gd_method_name(GDF_GDM_PROXIMAL), "proximal") == 0 &&
          strcmp(gdf_gd_method_name(GDF_GDM_NATURAL), "natural") == 0, "method names");
}

/* f = 1/2 x'Ax - b'x, A = diag(a) */
static void quad(gdf_problem *p, gdf_quad *q, double *A, const double *a, const double *b)
{
    A[0] = a[0];
    A[1] = A[2] = 0.0;
    A[3] = a[1];
    memset(q, 0, sizeof *q);
    q->d = 2;
    q->A = A;
    q->b = b;
    gdf_problem_quad(p, q);
}

typedef struct {
    long n;
    double *t, *th, *f, *g, *w;
    void *iw;
} prox_buf;

static int prox(gdf_problem *p, double *theta, const gdf_gd_opts *o, prox_buf *b, gdf_gd_result *r)
{
    long K = o->max_iter;
    const char *why;
    int st;
    b->t = malloc((size_t)(K + 1) * sizeof(double));
    b->th = malloc((size_t)(K + 1) * 2 * sizeof(double));
    b->f = malloc((size_t)(K + 1) * sizeof(double));
    b->g = malloc((size_t)(K + 1) * sizeof(double));
    b->w = malloc(gdf_gd_proximal_work(p) * sizeof(double));
    b->iw = malloc(gdf_gd_proximal_iwork(p) * sizeof(ptrdiff_t));
    st = gdf_gd_proximal(p, theta, o, b->t, b->th, b->f, b->g, &b->n, b->w, b->iw, r, &why);
    return st;
}

static void prox_free(prox_buf *b)
{
    free(b->t);
    free(b->th);
    free(b->f);
    free(b->g);
    free(b->w);
    free(b->iw);
}

static int nan_fg(void *ctx, const double *x, double *f, double *g)
{
    if (f)
        *f = NAN;
    if (g)
        g[0] = g[1] = NAN;
    return GDF_OK;
}

static void test_proximal(void)
{
    double A[4], a[2] = {1.0, 4.0}, b[2] = {1.0, 2.0}, th[2], x[2];
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result r;
    prox_buf pb;
    long k;
    quad(&p, &q, A, a, b);
    gdf_gd_defaults(&o);
    o.eta = 0.5;
    /* MaxIter 0: theta_0 alone, exit MaxIter */
    o.max_iter = 0;
    th[0] = 3.0;
    th[1] = -1.0;
    CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK && pb.n == 1 && r.iterations == 0 &&
          r.exitflag == GDF_EXIT_MAXITER && r.why == GDF_WHY_MAXITER && th[0] == 3.0 && th[1] == -1.0 &&
          pb.f[0] == 0.5 * (9.0 + 4.0) - (3.0 - 2.0), "MaxIter 0: f %g", pb.f[0]);
    prox_free(&pb);
    /* a few steps: backward Euler (I + eta A) x+ = x + eta b, component by
     * component, and exit MaxIter */
    o.max_iter = 3;
    o.grad_tol = 0.0;
    th[0] = x[0] = 3.0;
    th[1] = x[1] = -1.0;
    CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK && pb.n == 4 && r.iterations == 3 &&
          r.exitflag == GDF_EXIT_MAXITER && r.why == GDF_WHY_MAXITER, "3 steps: n %ld, why %d", pb.n, r.why);
    for (k = 0; k < 3; k++) {
        x[0] = (x[0] + 0.5 * b[0]) / (1.0 + 0.5 * a[0]);
        x[1] = (x[1] + 0.5 * b[1]) / (1.0 + 0.5 * a[1]);
    }
    CHECK_CLOSE(th[0], x[0], 1e-12, "prox x1");
    CHECK_CLOSE(th[1], x[1], 1e-12, "prox x2");
    CHECK(th[0] == pb.th[6] && th[1] == pb.th[7] && r.f == pb.f[3] && r.gnorm == pb.g[3],
          "theta and result are the last history entry");
    prox_free(&pb);
    /* GradTol reached: exit 1 */
    o.max_iter = 1000;
    o.grad_tol = 1e-6;
    th[0] = 3.0;
    th[1] = -1.0;
    CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK && r.exitflag == GDF_EXIT_GRADTOL &&
          r.why == GDF_WHY_GRADTOL && r.gnorm <= 1e-6 && r.iterations > 0 && r.iterations < 1000,
          "GradTol: exit %d after %ld", r.exitflag, r.iterations);
    prox_free(&pb);
    /* theta_0 already below GradTol: GradTol at once */
    th[0] = 1.0;
    th[1] = 0.5; /* the minimizer A \ b */
    CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK && r.exitflag == GDF_EXIT_GRADTOL && r.iterations == 0,
          "start at the minimizer: exit %d", r.exitflag);
    prox_free(&pb);
    /* a non-finite objective: Diverged, entry 0 is theta_0 */
    {
        gdf_problem pn = p;
        pn.fg = nan_fg;
        pn.hess = NULL;
        pn.hessvec = NULL;
        pn.fg_batch = NULL;
        pn.hess_constant = 0;
        th[0] = 3.0;
        th[1] = -1.0;
        CHECK(prox(&pn, th, &o, &pb, &r) == GDF_OK && pb.n == 1 && r.exitflag == GDF_EXIT_DIVERGED &&
              r.why == GDF_WHY_NONFINITE && th[0] == 3.0 && pb.th[0] == 3.0,
              "non-finite: exit %d why %d n %ld", r.exitflag, r.why, pb.n);
        prox_free(&pb);
    }
    /* MaxTime: the flow's MaxTime exit becomes exit flag 0, why MAXTIME */
    o.max_iter = 100000;
    o.grad_tol = 0.0;
    o.max_time = 1e-300;
    th[0] = 3.0;
    th[1] = -1.0;
    CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK && r.exitflag == GDF_EXIT_MAXITER && r.why == GDF_WHY_MAXTIME &&
          r.iterations < 100000 && pb.n == r.iterations + 1, "MaxTime: exit %d why %d after %ld", r.exitflag,
          r.why, r.iterations);
    prox_free(&pb);
    o.max_time = INFINITY;
    /* MaxIter too large: refused before anything runs */
    o.max_iter = GDF_GD_PROX_MAXITER;
    CHECK(gdf_gd_proximal_check(&o) == GDF_GDS_PROX_MAXITER, "proximal MaxIter 1e8");
    CHECK(gdf_gd_proximal(&p, th, &o, NULL, NULL, NULL, NULL, &k, NULL, NULL, &r, NULL) == GDF_EARG,
          "proximal refuses MaxIter 1e8");
    o.max_iter = GDF_GD_PROX_MAXITER - 1;
    CHECK(gdf_gd_proximal_check(&o) == GDF_GDS_OK, "proximal MaxIter 1e8 - 1");
}

/* many starts through gdf_gd_batch equal single runs bitwise */
static void test_batch_equals_single(void)
{
    enum { M = 5 };
    double A[4], a[2] = {1.0, 10.0}, b[2] = {0.5, -1.0}, X[2 * M], X0[2 * M], *wb, *w;
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result rb[M], r;
    ptrdiff_t j;
    int fails = 0;
    quad(&p, &q, A, a, b);
    gdf_gd_defaults(&o);
    o.eta = 0.15;
    o.max_iter = 400;
    o.grad_tol = 1e-9;
    for (j = 0; j < 2 * M; j++)
        X0[j] = X[j] = (double)((j * 7) % 11) - 5.0 + 0.1 * (double)j;
    X[2 * 3] = X0[2 * 3] = 0.05; /* one start at the minimizer's first coordinate */
    CHECK(gdf_gd_use_batch(GDF_GDM_GD, 1, 0, M, 0, 0), "the batch path applies");
    wb = malloc(gdf_gd_batch_work(2, M) * sizeof(double));
    w = malloc(gdf_gd_work(2) * sizeof(double));
    CHECK(gdf_gd_batch(&p, M, X, &o, NULL, wb, rb) == GDF_OK, "batch status");
    for (j = 0; j < M; j++) {
        double th[2];
        th[0] = X0[2 * j];
        th[1] = X0[2 * j + 1];
        CHECK(gdf_gd_run(&p, th, &o, NULL, w, &r) == GDF_OK, "single status");
        if (!(th[0] == X[2 * j] && th[1] == X[2 * j + 1] && r.iterations == rb[j].iterations &&
              r.exitflag == rb[j].exitflag && r.why == rb[j].why && r.f == rb[j].f &&
              r.gnorm == rb[j].gnorm && r.nfevals == rb[j].nfevals))
            fails++;
    }
    CHECK(fails == 0, "batch differs from single runs in %d of %d starts", fails, (int)M);
    free(wb);
    free(w);
}

static void test_classify(void)
{
    double A[4], b0[2] = {0.0, 0.0}, th[2] = {0.0, 0.0}, lam[2];
    double as[2] = {1.0, -2.0}, am[2] = {-1.0, -3.0}, ap[2] = {1.0, 3.0};
    gdf_problem p;
    gdf_quad q;
    gdf_gd_result r;
    double *w = malloc(gdf_stationary_work(2) * sizeof(double));
    void *iw = malloc(gdf_stationary_iwork(2) * sizeof(ptrdiff_t));
    int kind;
    memset(&r, 0, sizeof r);
    r.exitflag = GDF_EXIT_GRADTOL;
    r.why = GDF_WHY_GRADTOL;
    quad(&p, &q, A, as, b0);
    kind = gdf_gd_classify(&p, th, &r, w, iw, lam);
    CHECK(kind == GDF_STAT_SADDLE && r.exitflag == GDF_EXIT_SADDLE && r.why == GDF_WHY_SADDLE &&
          lam[0] == -2.0, "saddle: kind %d exit %d lam %g", kind, r.exitflag, lam[0]);
    r.exitflag = GDF_EXIT_GRADTOL;
    r.why = GDF_WHY_GRADTOL;
    quad(&p, &q, A, am, b0);
    kind = gdf_gd_classify(&p, th, &r, w, iw, lam);
    CHECK(kind == GDF_STAT_MAXIMUM && r.exitflag == GDF_EXIT_SADDLE && r.why == GDF_WHY_MAXIMUM,
          "maximum: kind %d", kind);
    r.exitflag = GDF_EXIT_GRADTOL;
    r.why = GDF_WHY_GRADTOL;
    quad(&p, &q, A, ap, b0);
    kind = gdf_gd_classify(&p, th, &r, w, iw, lam);
    CHECK(kind == GDF_STAT_MINIMUM && r.exitflag == GDF_EXIT_GRADTOL && r.why == GDF_WHY_GRADTOL,
          "minimum: kind %d", kind);
    /* not a GradTol stop: nothing to classify, r untouched */
    r.exitflag = GDF_EXIT_MAXITER;
    r.why = GDF_WHY_MAXITER;
    quad(&p, &q, A, as, b0);
    CHECK(gdf_gd_classify(&p, th, &r, w, iw, lam) == GDF_STAT_NONE && r.why == GDF_WHY_MAXITER &&
          r.exitflag == GDF_EXIT_MAXITER, "MaxIter: no class");
    free(w);
    free(iw);
}

static void test_decisions(void)
{
    double lim;
    CHECK(gdf_gd_step_unstable(GDF_GDM_GD, 1, 0.5, 4.0, &lim) == 1 && lim == 0.5, "eta = 2/L: unstable");
    CHECK(gdf_gd_step_unstable(GDF_GDM_GD, 1, 0.49, 4.0, &lim) == 0, "eta < 2/L");
    CHECK(gdf_gd_step_unstable(GDF_GDM_GD, 0, 0.5, 4.0, &lim) == 0, "backtracking: not the step");
    CHECK(gdf_gd_step_unstable(GDF_GDM_HEAVYBALL, 1, 0.5, 4.0, &lim) == 0, "heavy ball: not this text");
    CHECK(gdf_gd_step_unstable(GDF_GDM_GD, 1, 0.5, NAN, &lim) == 0, "L unknown");
    CHECK(gdf_gd_nonconvex(1.0, -1.0) && !gdf_gd_nonconvex(1.0, 0.0) && !gdf_gd_nonconvex(NAN, NAN) &&
          !gdf_gd_nonconvex(1.0, -1e-14) && gdf_gd_nonconvex(1.0, -1e-12) &&
          gdf_gd_nonconvex(INFINITY, -1.0) && gdf_gd_nonconvex(NAN, -1e-300),
          "nonconvex at 1e3 eps max(|L|, |mu|)");
    CHECK(gdf_eig_tol(1.0, -2.0) == 1e3 * DBL_EPSILON * 2.0 && gdf_eig_tol(-3.0, 0.5) == 1e3 * DBL_EPSILON * 3.0,
          "one eigenvalue tolerance");
    CHECK(gdf_gd_block_cap(GDF_GDM_GD, 3, 10, 99, 1) == 100, "block of MaxIter + 1");
    CHECK(gdf_gd_block_cap(GDF_GDM_GD, 3, 1, 99, 1) == 0, "one start: no block");
    CHECK(gdf_gd_block_cap(GDF_GDM_GD, 3, 10, 99, 0) == 0, "no history: no block");
    CHECK(gdf_gd_block_cap(GDF_GDM_PROXIMAL, 3, 10, 99, 1) == 0, "proximal: no block");
    CHECK(gdf_gd_block_cap(GDF_GDM_GD, 3, 10, LONG_MAX, 1) == 0, "no MaxIter: no block");
    CHECK(gdf_gd_block_cap(GDF_GDM_GD, 1000, 100, 1000, 2) == 0, "too large: no block");
    CHECK(gdf_gd_use_batch(GDF_GDM_GD, 1, 0, 10, 1, 100) && !gdf_gd_use_batch(GDF_GDM_GD, 1, 0, 10, 1, 0) &&
          !gdf_gd_use_batch(GDF_GDM_GD, 0, 0, 10, 0, 0) && !gdf_gd_use_batch(GDF_GDM_GD, 1, 1, 10, 0, 0) &&
          !gdf_gd_use_batch(GDF_GDM_NESTEROV, 1, 0, 10, 0, 0) && !gdf_gd_use_batch(GDF_GDM_GD, 1, 0, 1, 0, 0),
          "batch path");
}

/* batch and single runs agree for every stopping rule (one gd_stop_test) */
static void test_stop_rules_agree(void)
{
    enum { M = 4 };
    double A[4], a[2] = {1.0, 10.0}, b[2] = {0.5, -1.0}, *wb, *w;
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result rb[M], r;
    int rule, seen[GDF_WHY_COUNT];
    memset(seen, 0, sizeof seen);
    quad(&p, &q, A, a, b);
    wb = malloc(gdf_gd_batch_work(2, M) * sizeof(double));
    w = malloc(gdf_gd_work(2) * sizeof(double));
    for (rule = 0; rule < 5; rule++) {
        double X[2 * M], X0[2 * M];
        ptrdiff_t j;
        int fails = 0;
        gdf_gd_defaults(&o);
        o.eta = 0.15;
        o.max_iter = 300;
        o.grad_tol = 0.0;
        if (rule == 0)
            o.grad_tol = 1e-6;               /* GradTol */
        else if (rule == 1)
            o.step_tol = 1e-4;               /* StepTol */
        else if (rule == 2)
            o.fun_tol = 1e-6;                /* FunTol */
        else if (rule == 3) {
            o.eta = 0.25;                    /* > 2/L = 0.2: f rises */
            o.div_limit = 10.0;              /* DivergenceLimit */
        } else
            o.max_iter = 7;                  /* MaxIter */
        for (j = 0; j < 2 * M; j++)
            X0[j] = X[j] = 3.0 - 1.7 * (double)j;
        CHECK(gdf_gd_batch(&p, M, X, &o, NULL, wb, rb) == GDF_OK, "batch status");
        for (j = 0; j < M; j++) {
            double th[2];
            th[0] = X0[2 * j];
            th[1] = X0[2 * j + 1];
            CHECK(gdf_gd_run(&p, th, &o, NULL, w, &r) == GDF_OK, "run status");
            if (!(th[0] == X[2 * j] && th[1] == X[2 * j + 1] && r.iterations == rb[j].iterations &&
                  r.exitflag == rb[j].exitflag && r.why == rb[j].why && r.f == rb[j].f))
                fails++;
            if (r.why > 0 && r.why < GDF_WHY_COUNT)
                seen[r.why] = 1;
            CHECK(r.exitflag == gdf_why_exitflag(r.why), "exit flag of reason %d", r.why);
        }
        CHECK(fails == 0, "rule %d: batch and single runs differ in %d starts", rule, fails);
    }
    CHECK(seen[GDF_WHY_GRADTOL] && seen[GDF_WHY_STEPTOL] && seen[GDF_WHY_FUNTOL] &&
          seen[GDF_WHY_DIVLIMIT] && seen[GDF_WHY_MAXITER], "every rule was exercised (%d %d %d %d %d)",
          seen[GDF_WHY_GRADTOL], seen[GDF_WHY_STEPTOL], seen[GDF_WHY_FUNTOL], seen[GDF_WHY_DIVLIMIT],
          seen[GDF_WHY_MAXITER]);
    free(wb);
    free(w);
}

/* one vocabulary: GD numbers and texts kept, every flow reason distinct and
 * worded as the flows word it */
static void test_why_vocabulary(void)
{
    static const int gf[][2] = {
        {GDF_GF_WHY_TEND, GDF_WHY_TEND},           {GDF_GF_WHY_GRADTOL, GDF_WHY_GRADTOL},
        {GDF_GF_WHY_MAXSTEPS, GDF_WHY_MAXSTEPS},   {GDF_GF_WHY_MAXTIME, GDF_WHY_MAXTIME},
        {GDF_GF_WHY_OUTPUT_FULL, GDF_WHY_OUTPUT_FULL}, {GDF_GF_WHY_NONFINITE, GDF_WHY_NONFINITE},
        {GDF_GF_WHY_UNDERFLOW, GDF_WHY_UNDERFLOW}, {GDF_GF_WHY_NEWTON, GDF_WHY_NEWTON},
        {GDF_GF_WHY_CG, GDF_WHY_CG},               {GDF_GF_WHY_SINGULAR, GDF_WHY_SINGULAR},
        {GDF_GF_WHY_CALLBACK, GDF_WHY_CALLBACK},   {GDF_GF_WHY_BADARG, GDF_WHY_BADARG},
        {GDF_GF_WHY_STATIONARY, GDF_WHY_STATIONARY}};
    size_t i;
    int w;
    /* gd_run's numbers (info and tests rely on them) */
    CHECK(GDF_WHY_GRADTOL == 1 && GDF_WHY_STEPTOL == 2 && GDF_WHY_FUNTOL == 3 && GDF_WHY_MAXITER == 4 &&
          GDF_WHY_MAXTIME == 5 && GDF_WHY_OUTPUTFCN == 6 && GDF_WHY_NONFINITE == 7 &&
          GDF_WHY_DIVLIMIT == 8 && GDF_WHY_LINESEARCH == 9 && GDF_WHY_STEPROUND == 10 &&
          GDF_WHY_SADDLE == 11 && GDF_WHY_MAXIMUM == 12, "GD reasons keep their numbers");
    CHECK(strcmp(gdf_why_message(GDF_WHY_GRADTOL), "Converged: gradient norm below GradTol.") == 0 &&
          strcmp(gdf_why_message(GDF_WHY_MAXITER), "Stopped: MaxIter iterations reached.") == 0 &&
          strcmp(gdf_why_message(GDF_WHY_NONFINITE), "Diverged: f or its gradient became non-finite.") == 0 &&
          strcmp(gdf_why_message(99), "Unknown reason.") == 0, "gd_run's messages");
    for (w = GDF_WHY_GRADTOL; w <= GDF_WHY_MAXIMUM; w++)
        CHECK(gdf_why_message(w)[0] >= 'A' && gdf_why_message(w)[0] <= 'Z' &&
              strchr(gdf_why_message(w), '.') != NULL, "GD message %d is a sentence", w);
    CHECK(gdf_why_exitflag(GDF_WHY_GRADTOL) == GDF_EXIT_GRADTOL &&
          gdf_why_exitflag(GDF_WHY_STEPTOL) == GDF_EXIT_STEPTOL &&
          gdf_why_exitflag(GDF_WHY_FUNTOL) == GDF_EXIT_FUNTOL &&
          gdf_why_exitflag(GDF_WHY_MAXITER) == GDF_EXIT_MAXITER &&
          gdf_why_exitflag(GDF_WHY_MAXTIME) == GDF_EXIT_MAXITER &&
          gdf_why_exitflag(GDF_WHY_OUTPUTFCN) == GDF_EXIT_OUTPUTFCN &&
          gdf_why_exitflag(GDF_WHY_NONFINITE) == GDF_EXIT_DIVERGED &&
          gdf_why_exitflag(GDF_WHY_DIVLIMIT) == GDF_EXIT_DIVERGED &&
          gdf_why_exitflag(GDF_WHY_LINESEARCH) == GDF_EXIT_STEPTOL &&
          gdf_why_exitflag(GDF_WHY_STEPROUND) == GDF_EXIT_STEPTOL &&
          gdf_why_exitflag(GDF_WHY_SADDLE) == GDF_EXIT_SADDLE &&
          gdf_why_exitflag(GDF_WHY_MAXIMUM) == GDF_EXIT_SADDLE, "exit flags of the GD reasons");
    /* the alias table of gdf_why.h keeps every flow message */
    for (i = 0; i < sizeof gf / sizeof gf[0]; i++) {
        CHECK(strcmp(gdf_why_text(gf[i][1], GDF_WHY_FOR_FLOW), gdf_gf_why_message(gf[i][0])) == 0,
              "flow reason %d: '%s' vs '%s'", gf[i][0], gdf_why_text(gf[i][1], GDF_WHY_FOR_FLOW),
              gdf_gf_why_message(gf[i][0]));
        CHECK(gf[i][1] > 0 && gf[i][1] < GDF_WHY_COUNT, "flow reason %d in range", gf[i][1]);
    }
    /* the flows' own reasons have values of their own, distinct from GD's */
    for (i = 0; i < sizeof gf / sizeof gf[0]; i++) {
        size_t j;
        int shared = gf[i][1] == GDF_WHY_GRADTOL || gf[i][1] == GDF_WHY_MAXTIME ||
                     gf[i][1] == GDF_WHY_NONFINITE;
        CHECK(shared || gf[i][1] > GDF_WHY_MAXIMUM, "flow reason %d clashes with a GD reason", gf[i][1]);
        for (j = i + 1; j < sizeof gf / sizeof gf[0]; j++)
            CHECK(gf[i][1] != gf[j][1], "flow reasons %d and %d share a value", (int)i, (int)j);
    }
    CHECK(strcmp(gdf_why_text(GDF_WHY_TEND, GDF_WHY_FOR_GD), "reached the end of the time span") == 0,
          "a flow reason in GD context keeps its words");
}

/* counts calls; non-finite at x[0] > 100 */
static long ctr_calls;
static int ctr_fg(void *ctx, const double *x, double *f, double *g)
{
    ctr_calls++;
    if (x[0] > 100.0) {
        *f = NAN;
        if (g)
            g[0] = g[1] = NAN;
        return GDF_OK;
    }
    if (f)
        *f = 0.5 * (x[0] * x[0] + 3.0 * x[1] * x[1]);
    if (g) {
        g[0] = x[0];
        g[1] = 3.0 * x[1];
    }
    return GDF_OK;
}

/* gdf_gd_solve: many starts through the one entry point equal single runs
 * bitwise, for every path (batch, gdf_gd_run, proximal) */
static void test_solve(void)
{
    enum { M = 3 };
    double A[4], a[2] = {1.0, 10.0}, b[2] = {0.5, -1.0}, X[2 * M], X0[2 * M], *w;
    gdf_problem p;
    gdf_quad q;
    gdf_gd_opts o;
    gdf_gd_result rs[M], r;
    ptrdiff_t j, done;
    int path, fails;
    void *iw;
    quad(&p, &q, A, a, b);
    for (path = 0; path < 4; path++) {
        int method = path == 2 ? GDF_GDM_PROXIMAL : path == 3 ? GDF_GDM_NESTEROV : GDF_GDM_GD;
        int flags = path == 0 ? GDF_SOLVE_BATCH : 0;
        gdf_history hs[M], *h = NULL;
        double *hf = NULL, *hg = NULL, *ht = NULL;
        gdf_gd_defaults(&o);
        o.eta = 0.15;
        o.max_iter = 60;
        o.grad_tol = 1e-7;
        if (method == GDF_GDM_NESTEROV) {
            o.method = GDF_GD_NESTEROV;
            o.momentum_schedule = 1;
        }
        if (method == GDF_GDM_PROXIMAL) { /* the proximal sinks: K + 1 entries of each */
            hf = malloc((size_t)M * 61 * sizeof(double));
            hg = malloc((size_t)M * 61 * sizeof(double));
            ht = malloc((size_t)M * 61 * 2 * sizeof(double));
            for (j = 0; j < M; j++) {
                memset(&hs[j], 0, sizeof hs[j]);
                hs[j].f = hf + 61 * j;
                hs[j].gnorm = hg + 61 * j;
                hs[j].theta = ht + 122 * j;
                hs[j].cap = 61;
            }
            h = hs;
        }
        for (j = 0; j < 2 * M; j++)
            X0[j] = X[j] = 2.0 - 1.3 * (double)j;
        CHECK(gdf_gd_solve_work(&p, method, M, o.max_iter, flags) != (size_t)-1, "solve work");
        w = malloc(gdf_gd_solve_work(&p, method, M, o.max_iter, flags) * sizeof(double));
        iw = malloc(gdf_gd_solve_iwork(&p, method) * sizeof(ptrdiff_t));
        CHECK(gdf_gd_solve(&p, method, &o, M, X, h, flags, w, iw, rs, &done, NULL) == GDF_OK && done == M,
              "solve path %d: done %ld", path, (long)done);
        free(w);
        free(iw);
        fails = 0;
        for (j = 0; j < M; j++) {
            double th[2];
            th[0] = X0[2 * j];
            th[1] = X0[2 * j + 1];
            if (method == GDF_GDM_PROXIMAL) {
                prox_buf pb;
                CHECK(prox(&p, th, &o, &pb, &r) == GDF_OK, "proximal status");
                if (pb.n != r.iterations + 1 || memcmp(pb.f, hs[j].f, (size_t)pb.n * sizeof(double)) != 0)
                    fails++;
                prox_free(&pb);
            } else {
                double *wk = malloc(gdf_gd_work(2) * sizeof(double));
                CHECK(gdf_gd_run(&p, th, &o, NULL, wk, &r) == GDF_OK, "single status");
                free(wk);
            }
            if (!(th[0] == X[2 * j] && th[1] == X[2 * j + 1] && r.iterations == rs[j].iterations &&
                  r.exitflag == rs[j].exitflag && r.why == rs[j].why && r.f == rs[j].f &&
                  r.gnorm == rs[j].gnorm && r.nfevals == rs[j].nfevals))
                fails++;
        }
        CHECK(fails == 0, "solve path %d differs from single runs (%d)", path, fails);
        free(hf);
        free(hg);
        free(ht);
    }
    /* proximal needs its sinks; MaxIter 1e8 is too large for its workspace */
    o.max_iter = 10;
    CHECK(gdf_gd_solve(&p, GDF_GDM_PROXIMAL, &o, 1, X, NULL, 0, NULL, NULL, rs, &done, NULL) == GDF_EARG,
          "proximal without sinks");
    CHECK(gdf_gd_solve_work(&p, GDF_GDM_PROXIMAL, 1, GDF_GD_PROX_MAXITER, 0) == (size_t)-1,
          "proximal MaxIter 1e8: no workspace");
    /* STOP_NONFINITE: the start after a non-finite f(theta_0) is not run */
    {
        gdf_problem pc;
        double Y[6] = {1.0, 1.0, 200.0, 0.0, 2.0, 2.0};
        memset(&pc, 0, sizeof pc);
        pc.d = 2;
        pc.fg = ctr_fg;
        pc.L = pc.mu = NAN;
        gdf_gd_defaults(&o);
        o.eta = 0.1;
        w = malloc(gdf_gd_work(2) * sizeof(double));
        ctr_calls = 0;
        CHECK(gdf_gd_solve(&pc, GDF_GDM_GD, &o, 3, Y, NULL, GDF_SOLVE_STOP_NONFINITE, w, NULL, rs, &done,
                           NULL) == GDF_OK && done == 2 && rs[1].why == GDF_WHY_NONFINITE &&
              rs[1].iterations == 0 && Y[4] == 2.0, "stopped after start 2: done %ld", (long)done);
        CHECK(ctr_calls == rs[0].nfevals + 1, "start 3 never evaluated (%ld calls)", ctr_calls);
        Y[0] = Y[1] = 1.0;
        Y[2] = 200.0;
        Y[3] = 0.0;
        CHECK(gdf_gd_solve(&pc, GDF_GDM_GD, &o, 3, Y, NULL, 0, w, NULL, rs, &done, NULL) == GDF_OK &&
              done == 3 && rs[2].exitflag == GDF_EXIT_GRADTOL, "without the flag all starts run");
        free(w);
    }
}

int main(void)
{
    test_default_rules();
    test_codes();
    test_proximal();
    test_batch_equals_single();
    test_classify();
    test_decisions();
    test_stop_rules_agree();
    test_why_vocabulary();
    test_solve();
    return check_report("test_arch_gd");
}
