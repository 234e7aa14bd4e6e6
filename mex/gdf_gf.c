/* gdf_gf.c - gradient-flow integrators for dtheta/dt = -grad f(theta).
 *
 * Methods and references
 *   euler     explicit Euler; bitwise the same iterates as gradient descent
 *             with step h (theta_i - h*g_i, nothing fused or reordered).
 *   heun      explicit trapezoidal rule (order 2).
 *   rk4       the classic fourth-order Runge-Kutta method.
 *   rk45      Dormand-Prince 5(4) with FSAL:
 *               J. R. Dormand, P. J. Prince, "A family of embedded
 *               Runge-Kutta formulae", J. Comput. Appl. Math. 6 (1980) 19-26;
 *             error norm, starting step and step size controller those
 *             of Octave's ode45 (AbsRel_norm, starting_stepsize,
 *             integrate_adaptive: max norm, weights max(atol,
 *             rtol*max(|y|,|ynew|)); h *= min(1.5, max(0.8,
 *             0.38^(1/6) err^(-1/6))), after E. Hairer, S. P. Norsett,
 *             G. Wanner, "Solving Ordinary Differential Equations I",
 *             2nd ed., Springer 1993, Sec. II.4), so that an rk45 run
 *             takes ode45's steps and its error is ode45's; 4th-order
 *             continuous extension of
 *             Dormand-Prince (Shampine, "Some practical Runge-Kutta
 *             formulas", Math. Comp. 46 (1986) 135-150; written in the
 *             nested form of Hairer-Norsett-Wanner II.6).
 *   implicit  backward Euler = proximal point method,
 *             theta_{k+1} = theta_k - h grad f(theta_{k+1}):
 *               dense quadratic   one Cholesky (else LU) of I + hA;
 *               sparse quadratic  conjugate gradients on (I + hA) u = rhs
 *                                 (Hestenes-Stiefel), warm-started;
 *               general           damped Newton on u + h grad f(u) = theta_k,
 *                                 a backtracking line search on the merit
 *                                 phi(u) = f(u) + ||u - theta_k||^2 / (2h)
 *                                 (Nocedal-Wright, Numerical Optimization,
 *                                 Sec. 3.1 and 11.2).
 *
 * Layout (as GSL odeiv2, or Octave's ode45 and its private steppers):
 *   steppers  one table (STEPPERS) of one signature: euler, heun, rk4,
 *             implicit (dense quadratic / CG / Newton, the solvers above
 *             it), Dormand-Prince (dp_advance: the stages);
 *   drivers   run_fixed (the grid, partial steps to off-grid output times,
 *             the stationary stops S1/S2; Euler-Maruyama of gdf_langevin.c
 *             is this driver with the euler stepper plus noise,
 *             gdf_gf_drive.h) and run_rk45 (dp_error: error norm,
 *             ctrl_next: controller, dp_dense: dense output,
 *             rk45_settled: S3), sharing drive_start (the first point),
 *             drive_limits (MaxSteps, MaxTime, the end) and drive_emit (the
 *             output point and the GradTol event).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_kernels.h"
#include "gdf_gf.h"
#include "gdf_gf_drive.h"

/* ------------------------------------------------------------------ */
/* Dormand-Prince 5(4) tableau.  The nodes c_i, the stage weights a_ij, */
/* the 5th-order weights b_i (= row 7, FSAL), the error weights        */
/* e_i = b_i - bhat_i and the dense-output weights d_i.                 */
/* ------------------------------------------------------------------ */
#define DP_A21 (1.0 / 5.0)
#define DP_A31 (3.0 / 40.0)
#define DP_A32 (9.0 / 40.0)
#define DP_A41 (44.0 / 45.0)
#define DP_A42 (-56.0 / 15.0)
#define DP_A43 (32.0 / 9.0)
#define DP_A51 (19372.0 / 6561.0)
#define DP_A52 (-25360.0 / 2187.0)
#define DP_A53 (64448.0 / 6561.0)
#define DP_A54 (-212.0 / 729.0)
#define DP_A61 (9017.0 / 3168.0)
#define DP_A62 (-355.0 / 33.0)
#define DP_A63 (46732.0 / 5247.0)
#define DP_A64 (49.0 / 176.0)
#define DP_A65 (-5103.0 / 18656.0)
#define DP_B1 (35.0 / 384.0)
#define DP_B3 (500.0 / 1113.0)
#define DP_B4 (125.0 / 192.0)
#define DP_B5 (-2187.0 / 6784.0)
#define DP_B6 (11.0 / 84.0)
#define DP_E1 (71.0 / 57600.0)
#define DP_E3 (-71.0 / 16695.0)
#define DP_E4 (71.0 / 1920.0)
#define DP_E5 (-17253.0 / 339200.0)
#define DP_E6 (22.0 / 525.0)
#define DP_E7 (-1.0 / 40.0)
#define DP_D1 (-12715105075.0 / 11282082432.0)
#define DP_D3 (87487479700.0 / 32700410799.0)
#define DP_D4 (-10690763975.0 / 1880347072.0)
#define DP_D5 (701980252875.0 / 199316789632.0)
#define DP_D6 (-1453857185.0 / 822651844.0)
#define DP_D7 (69997945.0 / 29380423.0)

/* step size controller (Octave's ode45, integrate_adaptive.m; ctrl_next) */
#define CTRL_SAFE 0.85106735593851446 /* 0.38^(1/6) */
#define CTRL_FACMIN 0.8               /* hnew >= 0.8 h */
#define CTRL_FACMAX 1.5               /* hnew <= 1.5 h */
#define CTRL_BAD 0.2                  /* after a non-finite error */

/* internal stop codes (never returned to the caller) */
enum { GF_STOP_NONE = 0, GF_STOP_TIME = 100 };

/* implicit paths */
enum { IMP_DENSEQ = 1, IMP_CG, IMP_NEWTON };

typedef struct {
    gdf_problem *p;
    ptrdiff_t d;
    const gdf_gf_opts *o;
    gdf_gf_out *out;
    double t_start;
    int why;
    /* implicit */
    int path;
    double h;          /* the nominal step */
    double *g0;        /* grad f(0) (quadratics), NULL otherwise */
    double *M, *W;     /* dense quadratic: factor of I + hA; factor for other steps */
    int m_ready, m_lu, w_lu;
    double w_h;        /* step W is factored for (0: none) */
    gdf_int *ipiv_m, *ipiv_w;
    double *dsave, *v1, *v2, *v3, *v4, *v5; /* scratch vectors */
    /* the stepper and its stages */
    const struct gf_stepper_s *st;
    double *s1, *s2, *s3;           /* heun, rk4; s1: Dormand-Prince's yt */
    double *k2, *k3, *k4, *k5, *k6; /* Dormand-Prince */
    const gdf_gf_fixed_ext *ext;    /* Euler-Maruyama (gdf_gf_drive.h) or NULL */
    double t_eval;                  /* the time of the next evaluation (at) */
} gf_ctx;

static int gf_method_ok(int m) { return m >= GDF_GF_EULER && m <= GDF_GF_IMPLICIT; }

static int implicit_path(const gdf_problem *p)
{
    if (p && p->hess_constant && p->hess)
        return IMP_DENSEQ;
    if (p && p->hess_constant && p->hessvec)
        return IMP_CG;
    return IMP_NEWTON;
}

void gdf_gf_defaults(gdf_gf_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = GDF_GF_RK45;
    o->h = 0.0;
    o->rtol = 1e-3;
    o->atol = 1e-6;
    o->max_step = 0.0;
    o->max_steps = LONG_MAX;
    o->grad_tol = 0.0;
    o->stationary = 1;
    o->reach = NULL;
    o->reach_ctx = NULL;
    o->reach_rate = 0.0;
    o->max_time = 0.0;
    o->newton_tol = 1e-12;
    o->newton_maxit = 50;
    o->stage_time = NULL;
    o->fgt = NULL;
    o->fgt_ctx = NULL;
    o->reach_t = NULL;
}

const char *gdf_gf_why_message(int why)
{
    return gdf_why_text(why, GDF_WHY_FOR_FLOW); /* the one vocabulary, the flow's phrases */
}

/* ------------------------------------------------------------------ */
/* workspace                                                           */
/* ------------------------------------------------------------------ */
size_t gdf_gf_work(ptrdiff_t d, int method, const gdf_problem *p)
{
    double dd = d > 0 ? (double)d : 1.0, need;
    switch (method) {
    case GDF_GF_EULER: need = 4.0 * dd; break;
    case GDF_GF_HEUN: need = 6.0 * dd; break;
    case GDF_GF_RK4: need = 7.0 * dd; break;
    case GDF_GF_RK45: need = 10.0 * dd; break;
    case GDF_GF_IMPLICIT:
        switch (implicit_path(p)) {
        case IMP_DENSEQ: need = 6.0 * dd + 2.0 * dd * dd; break;
        case IMP_CG: need = 9.0 * dd; break;
        default: need = 10.0 * dd + dd * dd; break;
        }
        break;
    default: return 0;
    }
    if (need * (double)sizeof(double) >= (double)SIZE_MAX)
        return (size_t)-1;
    return (size_t)need;
}

size_t gdf_gf_iwork(ptrdiff_t d, int method, const gdf_problem *p)
{
    size_t n = d > 0 ? (size_t)d : 1;
    if (method != GDF_GF_IMPLICIT)
        return 0;
    switch (implicit_path(p)) {
    case IMP_DENSEQ: return 2 * n;
    case IMP_NEWTON: return n;
    default: return 0;
    }
}

/* ------------------------------------------------------------------ */
/* small helpers                                                       */
/* ------------------------------------------------------------------ */
/* the right-hand side at the time announced last (at): p->fg, or the
 * time-dependent o->fgt with that time as its argument */
static int eval(gf_ctx *c, const double *x, double *f, double *g)
{
    int s;
    if (c->o->fgt) {
        c->p->nfevals++;
        s = c->o->fgt(c->o->fgt_ctx, c->t_eval, x, f, g);
    } else {
        s = gdf_eval(c->p, x, f, g);
    }
    if (s != GDF_OK)
        c->why = GDF_GF_WHY_CALLBACK;
    return s;
}

/* the time of the next evaluations: kept for o->fgt, and stored for the
 * older side channel gdf_gf_opts.stage_time when that is given */
static void at(gf_ctx *c, double t)
{
    c->t_eval = t;
    if (c->o->stage_time)
        *c->o->stage_time = t;
}

static int point_finite(ptrdiff_t d, const double *y, double f, const double *g)
{
    return isfinite(f) && gdf_all_finite(d, y) && gdf_all_finite(d, g);
}

static int time_up(const gf_ctx *c)
{
    double mt = c->o->max_time;
    return mt > 0.0 && isfinite(mt) && gdf_now() - c->t_start >= mt;
}

int gdf_gf_push(gdf_gf_out *o, ptrdiff_t d, double t, const double *y, double f, double gn)
{
    if (o->n >= o->cap) {
        if (!o->grow || o->grow(o->ctx, o->n + 1, o) != 0 || o->cap <= o->n)
            return 1;
    }
    if (o->t)
        o->t[o->n] = t;
    if (o->theta)
        memcpy(o->theta + (size_t)o->n * (size_t)d, y, (size_t)d * sizeof(double));
    if (o->f)
        o->f[o->n] = f;
    if (o->gnorm)
        o->gnorm[o->n] = gn;
    o->n++;
    return 0;
}

static int push(gf_ctx *c, double t, const double *y, double f, double gn)
{
    return gdf_gf_push(c->out, c->d, t, y, f, gn);
}

static void swap_ptr(double **a, double **b)
{
    double *t = *a;
    *a = *b;
    *b = t;
}

/* ------------------------------------------------------------------ */
/* dense linear algebra for the implicit step: M = I + hs*H, factored   */
/* by Cholesky (lower triangle) or, when that fails, by LU.  H is        */
/* symmetrized; the strictly upper triangle and the saved diagonal       */
/* let LU restart from the same matrix without re-forming it.            */
/* Returns 0 factored (*is_lu set), 1 singular, or an error status.      */
/* ------------------------------------------------------------------ */
static int factor_shifted(ptrdiff_t d, double *M, double hs, double *dsave, gdf_int *ipiv,
                          int *is_lu)
{
    gdf_int n = (gdf_int)d, lda = (gdf_int)d, info = 0;
    ptrdiff_t i, j;
    for (j = 0; j < d; j++) {
        for (i = j + 1; i < d; i++) {
            double s = 0.5 * hs * (M[i + j * d] + M[j + i * d]);
            M[i + j * d] = M[j + i * d] = s;
        }
        M[j + j * d] = 1.0 + hs * M[j + j * d];
        dsave[j] = M[j + j * d];
    }
    GDF_F77(dpotrf)("L", &n, M, &lda, &info, 1);
    if (info == 0) {
        *is_lu = 0;
        return 0;
    }
    if (info < 0)
        return GDF_ELAPACK;
    for (j = 0; j < d; j++) { /* restore the lower triangle from the upper */
        for (i = j + 1; i < d; i++)
            M[i + j * d] = M[j + i * d];
        M[j + j * d] = dsave[j];
    }
    GDF_F77(dgetrf)(&n, &n, M, &lda, ipiv, &info);
    if (info < 0)
        return GDF_ELAPACK;
    if (info > 0)
        return 1;
    *is_lu = 1;
    return 0;
}

/* Newton's matrix of the proximal merit, I + hs H (H symmetrized), made
 * positive definite where it is not: Cholesky of (1 + tau) I + hs H with tau
 * = 0, then 1e-3 max|diag|, growing tenfold (Nocedal-Wright, Numerical
 * Optimization, Alg. 3.3, "Cholesky with added multiple of the identity").
 * Far from a minimizer of phi on a nonconvex f (Rosenbrock with h = 100)
 * I + hs H is indefinite; the LU solve of factor_shifted then gives no
 * descent direction and steepest descent crawls along the valley.
 * Returns 0 (factored, *tau_used set), 1 (no shift up to 1e30 worked) or
 * GDF_ELAPACK. */
static int factor_modified(ptrdiff_t d, double *M, double hs, double *dsave, double *tau_used)
{
    gdf_int n = (gdf_int)d, lda = (gdf_int)d, info = 0;
    ptrdiff_t i, j;
    double tau = 0.0, dmax = 1.0;
    int k;
    for (j = 0; j < d; j++) {
        for (i = j + 1; i < d; i++) {
            double s = 0.5 * hs * (M[i + j * d] + M[j + i * d]);
            M[i + j * d] = M[j + i * d] = s;
        }
        M[j + j * d] = 1.0 + hs * M[j + j * d];
        dsave[j] = M[j + j * d];
        if (fabs(dsave[j]) > dmax)
            dmax = fabs(dsave[j]);
    }
    for (k = 0; k < 40; k++) {
        GDF_F77(dpotrf)("L", &n, M, &lda, &info, 1);
        if (info == 0) {
            *tau_used = tau;
            return 0;
        }
        if (info < 0)
            return GDF_ELAPACK;
        tau = tau == 0.0 ? 1e-3 * dmax : 10.0 * tau;
        if (!(tau < 1e30 * dmax))
            break;
        for (j = 0; j < d; j++) { /* restore the lower triangle, shift the diagonal */
            for (i = j + 1; i < d; i++)
                M[i + j * d] = M[j + i * d];
            M[j + j * d] = dsave[j] + tau;
        }
    }
    return 1;
}

static int solve_factored(ptrdiff_t d, const double *M, const gdf_int *ipiv, int is_lu, double *x)
{
    gdf_int n = (gdf_int)d, lda = (gdf_int)d, nrhs = 1, info = 0;
    if (is_lu)
        GDF_F77(dgetrs)("N", &n, &nrhs, M, &lda, ipiv, x, &lda, &info, 1);
    else
        GDF_F77(dpotrs)("L", &n, &nrhs, M, &lda, x, &lda, &info, 1);
    return info == 0 ? GDF_OK : GDF_ELAPACK;
}

/* M = I + hs A from the problem's Hessian, factored (Cholesky, else LU) */
static int factor_hess(gf_ctx *c, const double *y, double hs, double *M, gdf_int *ipiv, int *lu)
{
    int s = c->p->hess(c->p->ctx, y, M);
    if (s) {
        c->why = GDF_GF_WHY_CALLBACK;
        return s;
    }
    s = factor_shifted(c->d, M, hs, c->dsave, ipiv, lu);
    if (s == 1) {
        c->why = GDF_GF_WHY_SINGULAR;
        return GDF_ENEWTON;
    }
    return s;
}

/* dense quadratic: (I + hs A) u = y - hs g0.  The nominal step's matrix is
 * factored once (M); a shorter last step has its own (W), kept while its
 * size repeats. */
static int step_denseq(gf_ctx *c, const double *y, double hs, double *u)
{
    ptrdiff_t i, d = c->d;
    double *F;
    gdf_int *piv;
    int lu, s;
    if (hs == c->h) {
        if (!c->m_ready) {
            if ((s = factor_hess(c, y, hs, c->M, c->ipiv_m, &c->m_lu)))
                return s;
            c->m_ready = 1;
        }
        F = c->M, piv = c->ipiv_m, lu = c->m_lu;
    } else {
        if (c->w_h != hs) {
            c->w_h = 0.0;
            if ((s = factor_hess(c, y, hs, c->W, c->ipiv_w, &c->w_lu)))
                return s;
            c->w_h = hs;
        }
        F = c->W, piv = c->ipiv_w, lu = c->w_lu;
    }
    for (i = 0; i < d; i++)
        u[i] = y[i] - hs * c->g0[i];
    return solve_factored(d, F, piv, lu, u);
}

/* (I + hs A) v -> out, A v via hessvec (scratch: out holds A v first) */
static int shifted_matvec(gf_ctx *c, const double *x, double hs, const double *v, double *out)
{
    ptrdiff_t i;
    int s = c->p->hessvec(c->p->ctx, x, v, out);
    if (s) {
        c->why = GDF_GF_WHY_CALLBACK;
        return s;
    }
    for (i = 0; i < c->d; i++)
        out[i] = v[i] + hs * out[i];
    return GDF_OK;
}

/* sparse quadratic: conjugate gradients on (I + hs A) u = y - hs g0,
 * started from u = y.  Converged when the residual (the recursively
 * updated one, then confirmed on the true one) is <= newton_tol ||rhs||. */
static int step_cg(gf_ctx *c, const double *y, double hs, double *u)
{
    ptrdiff_t i, d = c->d;
    double *rhs = c->v2, *r = c->v3, *pd = c->v4, *Ap = c->v5;
    double nb, tol, rr, rrn;
    long it = 0, maxit = 2 * (long)d + 1000;
    int restart, s;
    for (i = 0; i < d; i++) {
        rhs[i] = y[i] - hs * c->g0[i];
        u[i] = y[i];
    }
    nb = gdf_nrm2(d, rhs);
    if (!isfinite(nb)) { /* let the caller see the non-finite state */
        memcpy(u, rhs, (size_t)d * sizeof(double));
        return GDF_OK;
    }
    if (nb == 0.0) {
        memset(u, 0, (size_t)d * sizeof(double));
        return GDF_OK;
    }
    tol = c->o->newton_tol * nb;
    for (restart = 0;; restart++) {
        double nr;
        if ((s = shifted_matvec(c, y, hs, u, Ap)))
            return s;
        for (i = 0; i < d; i++)
            r[i] = rhs[i] - Ap[i];
        rr = gdf_dot(d, r, r);
        nr = sqrt(rr);
        if (nr <= tol)
            return GDF_OK;
        if (restart == 3) { /* the true residual stalls at its rounding floor */
            if (nr <= sqrt(DBL_EPSILON) * nb)
                return GDF_OK;
            break;
        }
        memcpy(pd, r, (size_t)d * sizeof(double));
        for (;;) { /* until the recursive residual is small */
            double pAp, alpha, beta;
            if ((s = shifted_matvec(c, y, hs, pd, Ap)))
                return s;
            pAp = gdf_dot(d, pd, Ap);
            if (!(pAp > 0.0) || !isfinite(pAp)) { /* I + hA not positive definite */
                c->why = GDF_GF_WHY_CG;
                return GDF_ENEWTON;
            }
            alpha = rr / pAp;
            for (i = 0; i < d; i++) {
                u[i] += alpha * pd[i];
                r[i] -= alpha * Ap[i];
            }
            rrn = gdf_dot(d, r, r);
            if (sqrt(rrn) <= tol)
                break;
            if (++it > maxit || !isfinite(rrn)) {
                c->why = GDF_GF_WHY_CG;
                return GDF_ENEWTON;
            }
            if ((it & 63) == 0 && time_up(c))
                return GF_STOP_TIME;
            beta = rrn / rr;
            rr = rrn;
            for (i = 0; i < d; i++)
                pd[i] = r[i] + beta * pd[i];
        }
    }
    c->why = GDF_GF_WHY_CG;
    return GDF_ENEWTON;
}

/* H(u) into M (d x d): p->hess, else columns of p->hessvec, else forward
 * differences of the gradient, column j = (g(u + del e_j) - g(u)) / del,
 * del = sqrt(eps) (1 + |u_j|) (rounded so that u_j + del is exact). */
static int assemble_hess(gf_ctx *c, double *u, const double *gu, double *M)
{
    ptrdiff_t i, j, d = c->d;
    gdf_problem *p = c->p;
    double *e = c->v5;
    int s;
    if (p->hess) {
        s = p->hess(p->ctx, u, M);
        if (s)
            c->why = GDF_GF_WHY_CALLBACK;
        return s;
    }
    if (p->hessvec) {
        memset(e, 0, (size_t)d * sizeof(double));
        for (j = 0; j < d; j++) {
            e[j] = 1.0;
            s = p->hessvec(p->ctx, u, e, M + j * d);
            e[j] = 0.0;
            if (s) {
                c->why = GDF_GF_WHY_CALLBACK;
                return s;
            }
        }
        return GDF_OK;
    }
    for (j = 0; j < d; j++) {
        double uj = u[j], del = sqrt(DBL_EPSILON) * (1.0 + fabs(uj));
        volatile double up = uj + del;
        del = up - uj;
        u[j] = up;
        s = eval(c, u, NULL, e);
        u[j] = uj;
        if (s)
            return s;
        for (i = 0; i < d; i++)
            M[i + j * d] = (e[i] - gu[i]) / del;
    }
    return GDF_OK;
}

/* phi(x) - f(x) = ||x - y||^2 / (2 hs) */
static double prox_term(ptrdiff_t d, const double *x, const double *y, double hs)
{
    ptrdiff_t i;
    double s = 0.0;
    for (i = 0; i < d; i++)
        s += (x[i] - y[i]) * (x[i] - y[i]);
    return s / (2.0 * hs);
}

/* ||x + hs gx - y|| */
static double prox_resid(ptrdiff_t d, const double *x, const double *gx, const double *y, double hs)
{
    ptrdiff_t i;
    double s = 0.0;
    for (i = 0; i < d; i++) {
        double v = x[i] + hs * gx[i] - y[i];
        s += v * v;
    }
    return sqrt(s);
}

/* general problem: damped Newton on F(u) = u + hs grad f(u) - y = 0.
 * On success u, *fu, gu hold the solution and f, grad f there. */
static int step_newton(gf_ctx *c, const double *y, const double *gy, double fy, double hs,
                       double *u, double *fu, double *gu)
{
    ptrdiff_t i, d = c->d;
    double *F = c->v1, *sd = c->v2, *ut = c->v3, *gt = c->v4;
    double tol = c->o->newton_tol * (1.0 + gdf_nrm2(d, y)), ft, phi, nF, tau = 0.0;
    int it, s, ls, is_lu = 0;
    const double cdec = 1e-4;

    /* start: the explicit Euler predictor when it has the lower merit */
    for (i = 0; i < d; i++)
        ut[i] = y[i] - hs * gy[i];
    if ((s = eval(c, ut, &ft, gt)))
        return s;
    if (point_finite(d, ut, ft, gt) && ft + prox_term(d, ut, y, hs) < fy) {
        memcpy(u, ut, (size_t)d * sizeof(double));
        memcpy(gu, gt, (size_t)d * sizeof(double));
        *fu = ft;
    } else {
        memcpy(u, y, (size_t)d * sizeof(double));
        memcpy(gu, gy, (size_t)d * sizeof(double));
        *fu = fy;
    }
    for (it = 0;; it++) {
        double slope, a = 1.0;
        int fallback = 0, ok = 0;
        for (i = 0; i < d; i++)
            F[i] = u[i] + hs * gu[i] - y[i];
        nF = gdf_nrm2(d, F);
        if (nF <= tol)
            return GDF_OK;
        if (it >= c->o->newton_maxit || !isfinite(nF)) {
            c->why = GDF_GF_WHY_NEWTON;
            return GDF_ENEWTON;
        }
        phi = *fu + prox_term(d, u, y, hs);
        /* Newton direction (I + hs H) sd = -F */
        if ((s = assemble_hess(c, u, gu, c->W)))
            return s;
        /* a non-finite Hessian (a finite difference across a wall) would
         * factor into a zero correction: steepest descent instead */
        s = gdf_all_finite(d * d, c->W) ? factor_modified(d, c->W, hs, c->dsave, &tau) : 1;
        if (s > 1)
            return s;
        if (s == 1) {
            fallback = 1;
        } else {
            for (i = 0; i < d; i++)
                sd[i] = -F[i];
            if ((s = solve_factored(d, c->W, c->ipiv_w, is_lu, sd)))
                return s;
        }
        /* the residual has a rounding floor (hs times the error of grad f:
         * 2e-11 for Rosenbrock at hs = 1000 against a tolerance of 2e-12):
         * converged also when the full Newton correction is below the
         * tolerance relative to u */
        if (!fallback && tau == 0.0 && gdf_all_finite(d, sd) &&
            gdf_nrm2(d, sd) <= c->o->newton_tol * (1.0 + gdf_nrm2(d, u))) {
            for (i = 0; i < d; i++) /* the last correction, then done */
                ut[i] = u[i] + sd[i];
            if ((s = eval(c, ut, &ft, gt)))
                return s;
            if (point_finite(d, ut, ft, gt)) {
                memcpy(u, ut, (size_t)d * sizeof(double));
                memcpy(gu, gt, (size_t)d * sizeof(double));
                *fu = ft;
            }
            return GDF_OK;
        }
        slope = fallback ? 0.0 : gdf_dot(d, F, sd) / hs; /* grad phi = F / hs */
        if (fallback || !(slope < 0.0) || !gdf_all_finite(d, sd)) {
            for (i = 0; i < d; i++) /* steepest descent on phi */
                sd[i] = -F[i];
            slope = -nF * nF / hs;
        }
        for (ls = 0; ls < 60; ls++) {
            for (i = 0; i < d; i++)
                ut[i] = u[i] + a * sd[i];
            if ((s = eval(c, ut, &ft, gt)))
                return s;
            if (point_finite(d, ut, ft, gt)) {
                double phit = ft + prox_term(d, ut, y, hs);
                double nFt = prox_resid(d, ut, gt, y, hs);
                if (phit <= phi + cdec * a * slope || nFt <= (1.0 - cdec * a) * nF) {
                    ok = 1;
                    break;
                }
            }
            a *= 0.5;
        }
        if (!ok) {
            c->why = GDF_GF_WHY_NEWTON;
            return GDF_ENEWTON;
        }
        memcpy(u, ut, (size_t)d * sizeof(double));
        memcpy(gu, gt, (size_t)d * sizeof(double));
        *fu = ft;
    }
}

/* ------------------------------------------------------------------ */
/* steppers (one table, one signature): one step of size h from time t  */
/* (state y, g = grad f(y), fy) to tn, the time of its end as the driver */
/* reckons it (t + h, or tf exactly), the new state into yn.  A stepper  */
/* with evaluates_end evaluates f and g at yn itself (into *fn, gn); for */
/* the others the driver does, after adding its noise (Euler-Maruyama).  */
/* The right-hand side is -g; every evaluation is announced at its time. */
/* ------------------------------------------------------------------ */
typedef int (*gf_advance)(gf_ctx *c, double t, double tn, double h, const double *y, const double *g,
                          double fy, double *yn, double *fn, double *gn);
typedef struct gf_stepper_s {
    int method;
    int evaluates_end;
    gf_advance advance;
} gf_stepper;

static int euler_advance(gf_ctx *c, double t, double tn, double h, const double *y, const double *g,
                         double fy, double *yn, double *fn, double *gn)
{
    ptrdiff_t i;
    (void)t, (void)tn, (void)fy, (void)fn, (void)gn;
    for (i = 0; i < c->d; i++)
        yn[i] = y[i] - h * g[i];
    return GDF_OK;
}

static int heun_advance(gf_ctx *c, double t, double tn, double h, const double *y, const double *g,
                        double fy, double *yn, double *fn, double *gn)
{
    ptrdiff_t i, d = c->d;
    double *s1 = c->s1, *s2 = c->s2;
    int s;
    (void)t, (void)fy, (void)fn, (void)gn;
    for (i = 0; i < d; i++)
        s1[i] = y[i] - h * g[i];
    at(c, tn);
    if ((s = eval(c, s1, NULL, s2)))
        return s;
    for (i = 0; i < d; i++)
        yn[i] = y[i] - 0.5 * h * (g[i] + s2[i]);
    return GDF_OK;
}

static int rk4_advance(gf_ctx *c, double t, double tn, double h, const double *y, const double *g,
                       double fy, double *yn, double *fn, double *gn)
{
    ptrdiff_t i, d = c->d;
    double *s1 = c->s1, *s2 = c->s2, *s3 = c->s3, hh = 0.5 * h;
    int s;
    (void)fy, (void)fn, (void)gn;
    for (i = 0; i < d; i++)
        s1[i] = y[i] - hh * g[i];
    at(c, t + hh);
    if ((s = eval(c, s1, NULL, s2))) /* k2 */
        return s;
    for (i = 0; i < d; i++) {
        s3[i] = g[i] + 2.0 * s2[i];
        s1[i] = y[i] - hh * s2[i];
    }
    if ((s = eval(c, s1, NULL, s2))) /* k3 */
        return s;
    for (i = 0; i < d; i++) {
        s3[i] += 2.0 * s2[i];
        s1[i] = y[i] - h * s2[i];
    }
    at(c, tn);
    if ((s = eval(c, s1, NULL, s2))) /* k4 */
        return s;
    for (i = 0; i < d; i++)
        yn[i] = y[i] - (h / 6.0) * (s3[i] + s2[i]);
    return GDF_OK;
}

/* backward Euler: every evaluation of the step is at its end */
static int implicit_advance(gf_ctx *c, double t, double tn, double h, const double *y, const double *g,
                            double fy, double *yn, double *fn, double *gn)
{
    int s;
    (void)t;
    at(c, tn);
    if (c->path == IMP_NEWTON)
        return step_newton(c, y, g, fy, h, yn, fn, gn);
    s = c->path == IMP_DENSEQ ? step_denseq(c, y, h, yn) : step_cg(c, y, h, yn);
    if (s)
        return s;
    return eval(c, yn, fn, gn);
}

/* Dormand-Prince 5(4): the stages k2..k6 (c->k2..k6; k_j holds grad f,
 * the slope is -k_j), the 5th-order yn and, FSAL, k7 = grad f(yn) */
static int dp_advance(gf_ctx *c, double t, double tn, double h, const double *y, const double *k1,
                      double fy, double *yn, double *fn, double *k7)
{
    ptrdiff_t i, d = c->d;
    double *yt = c->s1, *k2 = c->k2, *k3 = c->k3, *k4 = c->k4, *k5 = c->k5, *k6 = c->k6;
    int s;
    (void)fy;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h * (DP_A21 * k1[i]);
    at(c, t + 0.2 * h);
    if ((s = eval(c, yt, NULL, k2)))
        return s;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h * (DP_A31 * k1[i] + DP_A32 * k2[i]);
    at(c, t + 0.3 * h);
    if ((s = eval(c, yt, NULL, k3)))
        return s;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h * (DP_A41 * k1[i] + DP_A42 * k2[i] + DP_A43 * k3[i]);
    at(c, t + 0.8 * h);
    if ((s = eval(c, yt, NULL, k4)))
        return s;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h * (DP_A51 * k1[i] + DP_A52 * k2[i] + DP_A53 * k3[i] + DP_A54 * k4[i]);
    at(c, t + (8.0 / 9.0) * h);
    if ((s = eval(c, yt, NULL, k5)))
        return s;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h * (DP_A61 * k1[i] + DP_A62 * k2[i] + DP_A63 * k3[i] + DP_A64 * k4[i] +
                            DP_A65 * k5[i]);
    at(c, tn);
    if ((s = eval(c, yt, NULL, k6)))
        return s;
    for (i = 0; i < d; i++)
        yn[i] = y[i] - h * (DP_B1 * k1[i] + DP_B3 * k3[i] + DP_B4 * k4[i] + DP_B5 * k5[i] + DP_B6 * k6[i]);
    return eval(c, yn, fn, k7);
}

/* indexed by method - GDF_GF_EULER */
static const gf_stepper STEPPERS[] = {
    {GDF_GF_EULER, 0, euler_advance},   {GDF_GF_HEUN, 0, heun_advance},
    {GDF_GF_RK4, 0, rk4_advance},       {GDF_GF_RK45, 1, dp_advance},
    {GDF_GF_IMPLICIT, 1, implicit_advance},
};

/* the result record, on every way out */
static int finish(gf_ctx *c, gdf_gf_result *r, long nfev0, int status, int exitflag, int why)
{
    r->nfevals = c->p->nfevals - nfev0;
    r->time = gdf_now() - c->t_start;
    if (status == GF_STOP_TIME) {
        status = GDF_OK;
        exitflag = 0;
        why = GDF_GF_WHY_MAXTIME;
    } else if (status != GDF_OK) {
        exitflag = 0;
        why = c->why ? c->why : (status == GDF_EARG ? GDF_GF_WHY_BADARG : GDF_GF_WHY_CALLBACK);
    }
    r->exitflag = exitflag;
    r->why = why;
    return status;
}

/* ------------------------------------------------------------------ */
/* stationary stop (gdf_gf.h): the bound on the distance to the limit,  */
/* and the filling of the remaining output                              */
/* ------------------------------------------------------------------ */
static double reach_bound(gf_ctx *c, double t, const double *y, const double *g, double gnorm)
{
    const gdf_gf_opts *o = c->o;
    double mu = c->p->mu;
    if (o->reach_t || o->reach) {
        double R;
        at(c, t);
        R = o->reach_t ? o->reach_t(o->reach_ctx, t, y, g, gnorm) : o->reach(o->reach_ctx, y, g, gnorm);
        return R >= 0.0 ? R : INFINITY; /* NaN: unknown */
    }
    if (mu > 0.0 && isfinite(mu))
        return gnorm / mu;
    return INFINITY;
}

static double norm_inf(ptrdiff_t d, const double *y)
{
    ptrdiff_t i;
    double m = 0.0;
    for (i = 0; i < d; i++)
        if (fabs(y[i]) > m)
            m = fabs(y[i]);
    return m;
}

/* S3 of rk45 (gdf_gf.h): the bound R on the distance to the limit is
 * within the tolerance, or it has stopped halving (the state hovers at the
 * integrator's error level).  *Rref, *tref: the last halving (*tref NaN
 * before the first call). */
static int rk45_settled(gf_ctx *c, double t0, double t, const double *y, const double *g,
                        double gnorm, double rtol, double atol, double *Rref, double *tref)
{
    const gdf_gf_opts *o = c->o;
    double w, R, rate, win;
    if (!o->stationary)
        return 0;
    if (gnorm == 0.0)
        return 1;
    if (o->grad_tol > 0.0) /* the caller's own convergence test decides */
        return 0;
    if (!o->reach && !o->reach_t && !(c->p->mu > 0.0 && isfinite(c->p->mu)))
        return 0;
    R = reach_bound(c, t, y, g, gnorm);
    if (!(R < INFINITY))
        return 0;
    w = rtol * norm_inf(c->d, y);
    if (w < atol)
        w = atol;
    if (R <= w)
        return 1;
    if (isnan(*tref)) { /* the first call: no halving yet */
        *Rref = R;
        *tref = t0;
        return 0;
    }
    if (R <= 0.5 * *Rref) {
        *Rref = R;
        *tref = t;
        return 0;
    }
    if (!(*tref > t0)) /* R has never halved: nothing known about the floor */
        return 0;
    rate = (o->reach || o->reach_t) ? o->reach_rate : c->p->mu;
    if (!(rate > 0.0) || !isfinite(rate)) /* no decay rate known: (a) only */
        return 0;
    win = 2.0 * (*tref - t0);
    if (10.0 / rate > win)
        win = 10.0 / rate;
    return t - *tref >= win;
}

/* the stationary state y at every remaining output time: tspan[jout..] for
 * nt > 2, else the grid points k+1 .. N (fixed step, N >= 0) or tf (rk45,
 * N < 0; nothing when t is tf already).  Returns 1 when the sink is full. */
static int fill_stationary(gf_ctx *c, const double *tspan, ptrdiff_t nt, ptrdiff_t jout,
                           double t, long k, long N, double h, const double *y, double fy,
                           double gnorm)
{
    double t0 = tspan[0], tf = tspan[nt - 1];
    if (nt > 2) {
        for (; jout < nt; jout++)
            if (push(c, tspan[jout], y, fy, gnorm))
                return 1;
        return 0;
    }
    if (N < 0)
        return t < tf ? push(c, tf, y, fy, gnorm) : 0;
    for (k = k + 1; k <= N; k++)
        if (push(c, k == N ? tf : t0 + (double)k * h, y, fy, gnorm))
            return 1;
    return 0;
}

static int finish_stationary(gf_ctx *c, gdf_gf_result *r, long nfev0, double t)
{
    int s = finish(c, r, nfev0, GDF_OK, 1, GDF_GF_WHY_STATIONARY);
    r->t_stationary = t;
    return s;
}

long gdf_gf_grid(double t0, double tf, double h, int *shortened)
{
    double ratio = (tf - t0) / h, rn, tmax = fmax(fabs(t0), fabs(tf));
    if (!(ratio < 4503599627370496.0)) /* 2^52: the grid t0 + k h is not representable */
        return -1;
    /* NaN, non-finite times or span, or a step the times cannot resolve */
    if (!isfinite(t0) || !isfinite(tf) || !isfinite(tf - t0) || !(h >= 4.0 * DBL_EPSILON * tmax))
        return -1;
    rn = floor(ratio + 0.5);
    if (rn >= 1.0 && fabs(ratio - rn) <= 1e-12 * ratio) {
        *shortened = 0;
        return (long)rn;
    }
    *shortened = 1;
    return (long)ceil(ratio);
}

/* ------------------------------------------------------------------ */
/* what every driver does: the first output point, the limits before a  */
/* step, and the output and GradTol event after one.  Each sets *stop   */
/* when the run ends (the status is then finish's).                     */
/* ------------------------------------------------------------------ */
static int drive_start(gf_ctx *c, gdf_gf_result *r, long nfev0, const double *theta0, double t0, double *y,
                       double *fy, double *g, double *gnorm, int *stop)
{
    ptrdiff_t d = c->d;
    int s;
    *stop = 1;
    memcpy(y, theta0, (size_t)d * sizeof(double));
    at(c, t0);
    if ((s = eval(c, y, fy, g)))
        return finish(c, r, nfev0, s, 0, 0);
    if (!point_finite(d, y, *fy, g))
        return finish(c, r, nfev0, GDF_OK, -2, GDF_GF_WHY_NONFINITE);
    *gnorm = gdf_nrm2(d, g);
    if (push(c, t0, y, *fy, *gnorm))
        return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
    if (c->o->grad_tol > 0.0 && *gnorm <= c->o->grad_tol)
        return finish(c, r, nfev0, GDF_OK, 2, GDF_GF_WHY_GRADTOL);
    *stop = 0;
    return GDF_OK;
}

static int drive_limits(gf_ctx *c, gdf_gf_result *r, long nfev0, int at_end, int *stop)
{
    *stop = 1;
    if (at_end)
        return finish(c, r, nfev0, GDF_OK, 1, GDF_GF_WHY_TEND);
    if (r->nsteps >= c->o->max_steps)
        return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_MAXSTEPS);
    if (time_up(c))
        return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_MAXTIME);
    *stop = 0;
    return GDF_OK;
}

/* after an accepted step to tn: the output point (every step for nt ==
 * 2, else when tspan[*jout] is tn: at_time), then the GradTol event (its
 * point is output when it was not yet) */
static int drive_emit(gf_ctx *c, gdf_gf_result *r, long nfev0, const double *tspan, ptrdiff_t nt,
                      ptrdiff_t *jout, double tn, int at_time, const double *y, double fy, double gnorm,
                      int *stop)
{
    int pushed = 0;
    *stop = 1;
    if (nt == 2 || at_time) {
        if (push(c, nt == 2 ? tn : tspan[*jout], y, fy, gnorm))
            return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
        if (nt > 2)
            (*jout)++;
        pushed = 1;
    }
    if (c->o->grad_tol > 0.0 && gnorm <= c->o->grad_tol) {
        if (!pushed && push(c, tn, y, fy, gnorm))
            return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
        return finish(c, r, nfev0, GDF_OK, 2, GDF_GF_WHY_GRADTOL);
    }
    *stop = 0;
    return GDF_OK;
}

/* ------------------------------------------------------------------ */
/* fixed-step driver: grid t_k = t0 + k h, the last step shortened to   */
/* land on tf; off-grid output times by one partial step from the grid  */
/* point before them.  With c->ext (Euler-Maruyama, gdf_langevin.c):   */
/* noise after each update, and for nt > 2 output at the grid points    */
/* whose index matches the tspan time's (no partial steps).             */
/* ------------------------------------------------------------------ */
static int fixed_step(gf_ctx *c, double tk, double hs, const double *y, const double *g, double fy,
                      double *yn, double *fn, double *gn)
{
    double tn = tk + hs;
    int s = c->st->advance(c, tk, tn, hs, y, g, fy, yn, fn, gn);
    if (s || c->st->evaluates_end)
        return s;
    if (c->ext && c->ext->noise)
        c->ext->noise(c->ext->noise_ctx, c->d, hs, yn);
    at(c, tn);
    return eval(c, yn, fn, gn);
}

/* the implicit method's scratch in work (after y, g, yn, gn) */
static void implicit_setup(gf_ctx *c, double h, double *work)
{
    ptrdiff_t d = c->d;
    c->h = h;
    c->path = implicit_path(c->p);
    if (c->path == IMP_DENSEQ) {
        c->M = work + 6 * d;
        c->W = c->M + (size_t)d * (size_t)d;
        c->g0 = work + 4 * d;
        c->dsave = work + 5 * d;
    } else if (c->path == IMP_CG) {
        c->g0 = work + 4 * d;
        c->v2 = work + 5 * d;
        c->v3 = work + 6 * d;
        c->v4 = work + 7 * d;
        c->v5 = work + 8 * d;
    } else {
        c->v1 = work + 4 * d;
        c->v2 = work + 5 * d;
        c->v3 = work + 6 * d;
        c->v4 = work + 7 * d;
        c->v5 = work + 8 * d;
        c->dsave = work + 9 * d;
        c->W = work + 10 * d;
    }
}

/* An output point inside a step (a partial step to a tspan time, or the
 * dense output): a non-finite point ends the run (-2), a full output ends
 * it too.  Returns 1 when the run ends, with finish's status in *ret. */
static int emit_inside(gf_ctx *c, gdf_gf_result *r, long nfev0, double t, const double *y, double f,
                       const double *g, int *ret)
{
    if (!point_finite(c->d, y, f, g)) {
        *ret = finish(c, r, nfev0, GDF_OK, -2, GDF_GF_WHY_NONFINITE);
        return 1;
    }
    if (push(c, t, y, f, gdf_nrm2(c->d, g))) {
        *ret = finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
        return 1;
    }
    return 0;
}

/* partial steps to the output times strictly between tk and tn */
static int fixed_partial(gf_ctx *c, gdf_gf_result *r, long nfev0, const double *tspan, ptrdiff_t nt,
                         ptrdiff_t *jout, double tk, double tn, double ttol, const double *y, const double *g,
                         double fy, double *yn, double *gn, int *stop)
{
    double fn;
    int s;
    *stop = 1;
    while (!c->ext && nt > 2 && *jout < nt && tspan[*jout] < tn - ttol) {
        if ((s = fixed_step(c, tk, tspan[*jout] - tk, y, g, fy, yn, &fn, gn)))
            return finish(c, r, nfev0, s, 0, 0);
        if (emit_inside(c, r, nfev0, tspan[*jout], yn, fn, gn, &s))
            return s;
        (*jout)++;
    }
    *stop = 0;
    return GDF_OK;
}

static int run_fixed(gf_ctx *c, const double *theta0, const double *tspan, ptrdiff_t nt,
                     double *work, gdf_gf_result *r, long nfev0)
{
    const gdf_gf_opts *o = c->o;
    ptrdiff_t d = c->d, jout = 1;
    int s, stop;
    double h = o->h, t0 = tspan[0], tf = tspan[nt - 1], fy, fn, gnorm;
    double ttol = 1e-12 * h;
    double *y = work, *g = work + d, *yn = work + 2 * d, *gn = work + 3 * d;
    long N, k = 0;
    int shortened;

    if (c->ext && nt > 2) {
        N = c->ext->N;
        shortened = 0;
    } else if ((N = gdf_gf_grid(t0, tf, h, &shortened)) < 0) {
        return finish(c, r, nfev0, GDF_EARG, 0, GDF_GF_WHY_BADARG);
    }
    if (o->method == GDF_GF_HEUN || o->method == GDF_GF_RK4) { /* their stages */
        c->s1 = work + 4 * d;
        c->s2 = work + 5 * d;
        c->s3 = o->method == GDF_GF_RK4 ? work + 6 * d : NULL;
    }
    if (o->method == GDF_GF_IMPLICIT)
        implicit_setup(c, h, work);
    if (c->g0) { /* quadratics: grad f(u) = A u + g0, g0 = grad f(0) by one evaluation */
        memset(yn, 0, (size_t)d * sizeof(double));
        at(c, t0);
        if ((s = eval(c, yn, NULL, c->g0)))
            return finish(c, r, nfev0, s, 0, 0);
    }
    s = drive_start(c, r, nfev0, theta0, t0, y, &fy, g, &gnorm, &stop);
    if (stop)
        return s;
    if (o->stationary && gnorm == 0.0 && N > 0) { /* S1 at t0 */
        if (fill_stationary(c, tspan, nt, jout, t0, 0, N, h, y, fy, gnorm))
            return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
        return finish_stationary(c, r, nfev0, t0);
    }

    for (;;) {
        double tk = t0 + (double)k * h, tn, hs;
        int at_time;
        s = drive_limits(c, r, nfev0, k >= N, &stop);
        if (stop)
            return s;
        tn = k + 1 == N ? tf : t0 + (double)(k + 1) * h;
        hs = (k + 1 == N && shortened) ? tf - tk : h;
        s = fixed_partial(c, r, nfev0, tspan, nt, &jout, tk, tn, ttol, y, g, fy, yn, gn, &stop);
        if (stop)
            return s;
        if ((s = fixed_step(c, tk, hs, y, g, fy, yn, &fn, gn)))
            return finish(c, r, nfev0, s, 0, 0);
        if (!point_finite(d, yn, fn, gn))
            return finish(c, r, nfev0, GDF_OK, -2, GDF_GF_WHY_NONFINITE);
        swap_ptr(&y, &yn);
        swap_ptr(&g, &gn);
        fy = fn;
        k++;
        r->nsteps++;
        gnorm = gdf_nrm2(d, g);
        at_time = nt > 2 && jout < nt &&
                  (c->ext ? (double)k == c->ext->grid_index(tspan[jout], t0, h) : tspan[jout] <= tn + ttol);
        s = drive_emit(c, r, nfev0, tspan, nt, &jout, tn, at_time, y, fy, gnorm, &stop);
        if (stop)
            return s;
        /* stationary stop: S1, or S2 (a full step of a time-independent
         * right-hand side left y unchanged bit for bit; yn holds the old y) */
        if (o->stationary && k < N &&
            (gnorm == 0.0 ||
             (!o->stage_time && !o->fgt && hs == h && memcmp(y, yn, (size_t)d * sizeof(double)) == 0))) {
            if (fill_stationary(c, tspan, nt, jout, tn, k, N, h, y, fy, gnorm))
                return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
            return finish_stationary(c, r, nfev0, tn);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Dormand-Prince 5(4)                                                  */
/* ------------------------------------------------------------------ */

/* the starting step of Octave's ode45 (starting_stepsize.m, after Hairer-
 * Norsett-Wanner I, II.4, with ode45's order 5): in the max norm of
 * dp_error, each vector weighted by its own max(atol, rtol |v_i|),
 * d0 = |y|, d1 = |f|; h0 = 0.01 d0/d1 (1e-6 when d0 or d1 < 1e-5); one
 * Euler step to y + h0 f gives d2 = |f(y + h0 f) - f| / h0; h1 =
 * (0.01 / max(d1, d2))^(1/6) (max(1e-6, 1e-3 h0) when max(d1, d2) <=
 * 1e-15); h = min(100 h0, h1, hmax).  y' = -g (one evaluation). */
static double maxnorm_self(ptrdiff_t d, const double *v, double scale, double rtol, double atol)
{
    ptrdiff_t i;
    double m = 0.0;
    for (i = 0; i < d; i++) {
        double a = fabs(scale * v[i]), sc = rtol * a;
        double q = a / (sc > atol ? sc : atol);
        if (m == m && !(q <= m)) /* a NaN sticks */
            m = q;
    }
    return m;
}

static int dp_hinit(gf_ctx *c, double t, const double *y, const double *g, double hmax,
                    double *yt, double *gt, double *hout)
{
    ptrdiff_t i, d = c->d;
    const gdf_gf_opts *o = c->o;
    double rtol = o->rtol > 100.0 * DBL_EPSILON ? o->rtol : 100.0 * DBL_EPSILON, atol = o->atol;
    double d0, d1, d2, h0, h1, dm;
    int s;
    d0 = maxnorm_self(d, y, 1.0, rtol, atol);
    d1 = maxnorm_self(d, g, 1.0, rtol, atol); /* |f| = |-g| */
    h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * (d0 / d1);
    if (!isfinite(h0))
        h0 = 1e-6;
    for (i = 0; i < d; i++)
        yt[i] = y[i] - h0 * g[i];
    at(c, t + h0);
    if ((s = eval(c, yt, NULL, gt)))
        return s;
    for (i = 0; i < d; i++)
        yt[i] = gt[i] - g[i]; /* -(f(y + h0 f) - f): the same norm */
    d2 = maxnorm_self(d, yt, 1.0, rtol, atol) / h0;
    dm = d1 > d2 ? d1 : d2;
    if (!isfinite(dm)) {
        *hout = h0 < hmax ? h0 : hmax;
        return GDF_OK;
    }
    h1 = dm <= 1e-15 ? (h0 * 1e-3 > 1e-6 ? h0 * 1e-3 : 1e-6) : pow(0.01 / dm, 1.0 / 6.0);
    h1 = h1 < 100.0 * h0 ? h1 : 100.0 * h0;
    *hout = h1 < hmax ? h1 : hmax;
    return GDF_OK;
}

/* ------------------------------------------------------------------ */
/* adaptive driver (Dormand-Prince 5(4)): the stages (dp_advance), the   */
/* error norm, the PI controller, the dense output, the driver          */
/* ------------------------------------------------------------------ */

/* error estimate in the norm of Octave's ode45 (AbsRel_norm without
 * NormControl): max_i |e_i| / max(atol, rtol max(|y_i|, |yn_i|)); NaN when
 * the new point is not finite */
static double dp_error(const gf_ctx *c, double h, const double *y, const double *yn, double fn,
                       const double *k1, const double *k7, double rtol, double atol)
{
    ptrdiff_t i, d = c->d;
    const double *k3 = c->k3, *k4 = c->k4, *k5 = c->k5, *k6 = c->k6;
    double err = 0.0;
    for (i = 0; i < d; i++) {
        double e = h * (DP_E1 * k1[i] + DP_E3 * k3[i] + DP_E4 * k4[i] + DP_E5 * k5[i] + DP_E6 * k6[i] +
                        DP_E7 * k7[i]);
        double ay = fabs(y[i]), an = fabs(yn[i]);
        double sc = rtol * (ay > an ? ay : an);
        double q = fabs(e) / (sc > atol ? sc : atol);
        if (err == err && !(q <= err)) /* a NaN sticks */
            err = q;
    }
    if (!isfinite(fn) || !gdf_all_finite(d, k7) || !gdf_all_finite(d, yn))
        err = NAN;
    return err;
}

/* the step size controller of Octave's ode45 (integrate_adaptive.m), after
 * an accepted step and after a rejected one alike: h *= min(FACMAX,
 * max(FACMIN, SAFE (1/(err + eps))^(1/6))) with SAFE = 0.38^(1/6) (the
 * local error aimed at is 0.38 of the tolerance), FACMIN = 0.8, FACMAX =
 * 1.5, then at most hmax.  A PI controller (Hairer-Wanner IV.2, beta =
 * 0.04, safety 0.9, factors 0.2..10) aims at 0.9^(1/0.13) = 0.44 of the
 * tolerance and lets the step grow tenfold: fewer steps, an error above
 * ode45's at the same RelTol/AbsTol (issue 15).  A non-finite error
 * (*bad = 1) shrinks the step by 0.2 instead. */
static double ctrl_next(double err, double h, double hmax, int *bad)
{
    double fac;
    if (!(err == err) || err == INFINITY) {
        *bad = 1;
        return h * CTRL_BAD;
    }
    *bad = 0;
    fac = CTRL_SAFE * pow(1.0 / (err + DBL_EPSILON), 1.0 / 6.0);
    if (!(fac >= CTRL_FACMIN))
        fac = CTRL_FACMIN;
    if (fac > CTRL_FACMAX)
        fac = CTRL_FACMAX;
    h *= fac;
    return h < hmax ? h : hmax;
}

/* dense output at the tspan times inside (t, tn): the 4th-order
 * continuous extension; yt, gt scratch */
static int dp_dense(gf_ctx *c, gdf_gf_result *r, long nfev0, const double *tspan, ptrdiff_t nt,
                    ptrdiff_t *jout, double t, double h, double tn, const double *y, const double *yn,
                    const double *k1, const double *k7, double *yt, double *gt, int *stop)
{
    ptrdiff_t i, d = c->d;
    const double *k3 = c->k3, *k4 = c->k4, *k5 = c->k5, *k6 = c->k6;
    int s;
    *stop = 1;
    while (nt > 2 && *jout < nt && tspan[*jout] < tn) {
        double th = (tspan[*jout] - t) / h, th1 = 1.0 - th, fo;
        for (i = 0; i < d; i++) {
            double dy = yn[i] - y[i];
            double r3 = -h * k1[i] - dy;
            double r4 = dy + h * k7[i] - r3;
            double r5 = -h * (DP_D1 * k1[i] + DP_D3 * k3[i] + DP_D4 * k4[i] + DP_D5 * k5[i] +
                              DP_D6 * k6[i] + DP_D7 * k7[i]);
            yt[i] = y[i] + th * (dy + th1 * (r3 + th * (r4 + th1 * r5)));
        }
        at(c, tspan[*jout]);
        if ((s = eval(c, yt, &fo, gt)))
            return finish(c, r, nfev0, s, 0, 0);
        if (emit_inside(c, r, nfev0, tspan[*jout], yt, fo, gt, &s))
            return s;
        (*jout)++;
    }
    *stop = 0;
    return GDF_OK;
}

static int run_rk45(gf_ctx *c, const double *theta0, const double *tspan, ptrdiff_t nt,
                    double *work, gdf_gf_result *r, long nfev0)
{
    const gdf_gf_opts *o = c->o;
    ptrdiff_t d = c->d, jout = 1;
    double t0 = tspan[0], tf = tspan[nt - 1], t = t0, h, hmax, fy, fn, gnorm;
    double rtol = o->rtol > 100.0 * DBL_EPSILON ? o->rtol : 100.0 * DBL_EPSILON, atol = o->atol;
    double *y = work, *yn = work + d, *k1 = work + 3 * d, *k7 = work + 9 * d;
    int s, stop, bad_reject = 0;
    double Rref = INFINITY, tref = NAN; /* the stationary stop's record of R */

    c->s1 = work + 2 * d; /* yt */
    c->k2 = work + 4 * d;
    c->k3 = work + 5 * d;
    c->k4 = work + 6 * d;
    c->k5 = work + 7 * d;
    c->k6 = work + 8 * d;
    hmax = o->max_step > 0.0 ? o->max_step : fabs(tf - t0) / 10.0;
    s = drive_start(c, r, nfev0, theta0, t0, y, &fy, k1, &gnorm, &stop);
    if (stop)
        return s;
    if (rk45_settled(c, t0, t0, y, k1, gnorm, rtol, atol, &Rref, &tref)) {
        if (fill_stationary(c, tspan, nt, jout, t0, 0, -1, 0.0, y, fy, gnorm))
            return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
        return finish_stationary(c, r, nfev0, t0);
    }
    if (o->h > 0.0) {
        h = o->h < hmax ? o->h : hmax;
    } else if ((s = dp_hinit(c, t0, y, k1, hmax, c->s1, c->k2, &h))) {
        return finish(c, r, nfev0, s, 0, 0);
    }

    for (;;) {
        double err, tn;
        int last = 0;
        s = drive_limits(c, r, nfev0, t >= tf, &stop);
        if (stop)
            return s;
        if (!(0.1 * h > fabs(t) * DBL_EPSILON) || !(h >= DBL_MIN)) {
            if (bad_reject)
                return finish(c, r, nfev0, GDF_OK, -2, GDF_GF_WHY_NONFINITE);
            return finish(c, r, nfev0, GDF_OK, -3, GDF_GF_WHY_UNDERFLOW);
        }
        if (t + h >= tf) { /* as ode45: h = min(h, tf - t), no stretch */
            h = tf - t;
            last = 1;
        }
        tn = last ? tf : t + h;
        if ((s = dp_advance(c, t, tn, h, y, k1, fy, yn, &fn, k7)))
            return finish(c, r, nfev0, s, 0, 0);
        err = dp_error(c, h, y, yn, fn, k1, k7, rtol, atol);
        if (!(err <= 1.0)) {
            r->nfailed++;
            h = ctrl_next(err, h, hmax, &bad_reject);
            continue;
        }
        {
            int bad;
            double hnew = ctrl_next(err, h, hmax, &bad);
            r->nsteps++;
            s = dp_dense(c, r, nfev0, tspan, nt, &jout, t, h, tn, y, yn, k1, k7, c->s1, c->k2, &stop);
            if (stop)
                return s;
            swap_ptr(&y, &yn);
            swap_ptr(&k1, &k7); /* FSAL */
            fy = fn;
            t = tn;
            gnorm = gdf_nrm2_own(d, k1); /* no BLAS call per step (gdf_kernels.h) */
            s = drive_emit(c, r, nfev0, tspan, nt, &jout, tn, nt > 2 && jout < nt && tspan[jout] == tn, y,
                           fy, gnorm, &stop);
            if (stop)
                return s;
            if (t < tf && rk45_settled(c, t0, t, y, k1, gnorm, rtol, atol, &Rref, &tref)) {
                if (fill_stationary(c, tspan, nt, jout, t, 0, -1, 0.0, y, fy, gnorm))
                    return finish(c, r, nfev0, GDF_OK, 0, GDF_GF_WHY_OUTPUT_FULL);
                return finish_stationary(c, r, nfev0, t);
            }
            bad_reject = 0;
            h = hnew;
        }
    }
}

/* ------------------------------------------------------------------ */
/* entry point                                                          */
/* ------------------------------------------------------------------ */
int gdf_gf_run(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
               const gdf_gf_opts *o, gdf_gf_out *out, double *work, void *iwork,
               gdf_gf_result *r)
{
    gf_ctx c;
    gdf_gf_opts def;
    gdf_gf_result rdummy;
    ptrdiff_t j, d;
    long nfev0;
    int m;

    if (!r)
        r = &rdummy;
    memset(r, 0, sizeof *r);
    r->why = GDF_GF_WHY_BADARG;
    r->t_stationary = NAN;
    if (!o) {
        gdf_gf_defaults(&def);
        o = &def;
    }
    if (!p || !p->fg || p->d < 1 || !theta0 || !tspan || nt < 2 || !out || !work || out->n < 0)
        return GDF_EARG;
    d = p->d;
    m = o->method;
    if (!gf_method_ok(m))
        return GDF_EARG;
    for (j = 0; j < nt; j++)
        if (!isfinite(tspan[j]) || (j > 0 && !(tspan[j] > tspan[j - 1])))
            return GDF_EARG;
    if (!isfinite(tspan[nt - 1] - tspan[0])) /* the span itself overflows */
        return GDF_EARG;
    if (m == GDF_GF_RK45) {
        if (!(o->h >= 0.0) || !isfinite(o->h) || !(o->rtol > 0.0) || !(o->atol > 0.0) ||
            !isfinite(o->rtol) || !isfinite(o->atol) || !(o->max_step >= 0.0))
            return GDF_EARG;
    } else if (!(o->h > 0.0) || !isfinite(o->h)) {
        return GDF_EARG;
    }
    if (!(o->grad_tol >= 0.0) || o->max_steps < 0)
        return GDF_EARG;
    if (m == GDF_GF_IMPLICIT) {
        if (!(o->newton_tol > 0.0) || o->newton_maxit < 1)
            return GDF_EARG;
        if (gdf_gf_iwork(d, m, p) > 0 && !iwork)
            return GDF_EARG;
    }

    memset(&c, 0, sizeof c);
    c.p = p;
    c.d = d;
    c.o = o;
    c.out = out;
    c.st = &STEPPERS[m - GDF_GF_EULER];
    c.t_start = gdf_now();
    if (m == GDF_GF_IMPLICIT && iwork) {
        c.ipiv_m = (gdf_int *)iwork;
        c.ipiv_w = implicit_path(p) == IMP_DENSEQ ? c.ipiv_m + d : c.ipiv_m;
    }
    nfev0 = p->nfevals;
    if (m == GDF_GF_RK45)
        return run_rk45(&c, theta0, tspan, nt, work, r, nfev0);
    return run_fixed(&c, theta0, tspan, nt, work, r, nfev0);
}

int gdf_gf_run_fixed_ext(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
                         const gdf_gf_opts *o, const gdf_gf_fixed_ext *ext, gdf_gf_out *out,
                         double *work, gdf_gf_result *r)
{
    gf_ctx c;
    memset(r, 0, sizeof *r);
    r->t_stationary = NAN;
    if (o->method != GDF_GF_EULER)
        return GDF_EARG;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.d = p->d;
    c.o = o;
    c.out = out;
    c.st = &STEPPERS[0];
    c.ext = ext;
    c.t_start = gdf_now();
    return run_fixed(&c, theta0, tspan, nt, work, r, p->nfevals);
}

/* ------------------------------------------------------------------ */
/* what a run needs before it starts                                    */
/* ------------------------------------------------------------------ */
/* Dormand-Prince 5(4): the real stability interval of the 5th-order
 * method is about [-3.3, 0] (Hairer-Wanner I, Fig. II.4.1/IV.2) */
#define DP_STAB 3.3

double gdf_gf_steps_needed(const gdf_problem *p, const double *tspan, ptrdiff_t nt,
                           const gdf_gf_opts *o)
{
    double t0, tf, span, n;
    if (!p || !tspan || nt < 2 || !o)
        return NAN;
    t0 = tspan[0];
    tf = tspan[nt - 1];
    span = tf - t0;
    if (!(span > 0.0))
        return NAN;
    if (!isfinite(span))
        return INFINITY;
    if (o->method != GDF_GF_RK45) {
        int sh;
        long N;
        if (!(o->h > 0.0))
            return NAN;
        N = gdf_gf_grid(t0, tf, o->h, &sh);
        return N < 0 ? INFINITY : (double)N;
    }
    n = o->max_step > 0.0 ? span / o->max_step : 10.0;
    if (p->hess_constant && p->L > 0.0 && isfinite(p->L)) {
        double ns = span * p->L / DP_STAB;
        if (ns > n)
            n = ns;
    }
    return ceil(n);
}

int gdf_gf_may_stop_early(const gdf_problem *p, const gdf_gf_opts *o)
{
    if (!p || !o)
        return 0;
    if (o->grad_tol > 0.0)
        return 1;
    if (!o->stationary || o->method != GDF_GF_RK45)
        return 0;
    return o->reach != NULL || o->reach_t != NULL || (p->mu > 0.0 && isfinite(p->mu));
}

int gdf_gf_span_too_long(const gdf_problem *p, const double *tspan, ptrdiff_t nt,
                         const gdf_gf_opts *o, double max_steps, double *steps)
{
    double n = gdf_gf_steps_needed(p, tspan, nt, o);
    if (steps)
        *steps = n;
    return n > max_steps && !gdf_gf_may_stop_early(p, o);
}

double gdf_gf_descent_reach(void *ctx, const double *y, const double *g, double gnorm)
{
    gdf_gf_descent *q = (gdf_gf_descent *)ctx;
    double mu, gn;
    (void)g;
    (void)gnorm;
    if (!q || !q->base || !q->g || !y)
        return INFINITY;
    mu = q->base->mu;
    if (!(mu > 0.0) || !isfinite(mu))
        return INFINITY;
    q->nfevals++;
    if (gdf_eval(q->base, y, NULL, q->g) != GDF_OK)
        return INFINITY;
    gn = gdf_nrm2(q->base->d, q->g);
    return isfinite(gn) ? gn / mu : INFINITY;
}
