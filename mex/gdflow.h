/* gdflow.h - the pure C core of gdflow: problems, gradient descent, flows.
 *
 * Nothing here knows of mxArray: the MEX gateways (*_mex.c) validate and
 * convert, then call these functions; the C unit tests (tests/c) call them
 * directly.  The library never allocates: every routine takes its scratch
 * memory from the caller (the size is given by a *_work() function, counted
 * in doubles) and reports failures through an int status (GDF_OK == 0).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef GDFLOW_H
#define GDFLOW_H

#include <stddef.h>

#include "gdf_why.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */
enum {
    GDF_OK = 0,
    GDF_EARG = 1,       /* an argument is out of range                  */
    GDF_ECALLBACK = 2,  /* a user callback failed (the gateway knows why) */
    GDF_ELAPACK = 3,    /* LAPACK returned info != 0                    */
    GDF_ENOTSPD = 4,    /* Cholesky failed: matrix not positive definite */
    GDF_ENEWTON = 5,    /* Newton's method for an implicit step failed   */
    GDF_ENOHESS = 6,    /* the problem provides no Hessian              */
    GDF_ESIZE = 7       /* output larger than the caller's buffers      */
};

/* ------------------------------------------------------------------ */
/* The problem vtable                                                  */
/* ------------------------------------------------------------------ */
/* fg: value and gradient at theta (length d).  f or g may be NULL when
 *     that part is not wanted.  Returns GDF_OK, or an error status (the
 *     caller stops and passes it on).  Non-finite values are NOT errors
 *     here: the drivers detect them and stop with exit flag -2.
 * hess: dense Hessian (d x d, column-major) at theta, or NULL (sparse
 *     quadratics have none: use hessvec).
 * hessvec: Hv = H(theta) v, or NULL.
 * L, mu: gradient Lipschitz constant and strong convexity modulus,
 *     NaN when unknown.  nfevals counts fg calls made through gdf_eval.  */
typedef struct gdf_problem {
    ptrdiff_t d;
    void *ctx;
    int (*fg)(void *ctx, const double *theta, double *f, double *g);
    int (*hess)(void *ctx, const double *theta, double *H);
    int (*hessvec)(void *ctx, const double *theta, const double *v, double *Hv);
    /* optional: f and gradients at the m columns of X (d x m); f may be NULL.
     * Must give the same values as fg column by column (to rounding). */
    int (*fg_batch)(void *ctx, ptrdiff_t m, const double *X, double *f, double *G);
    double L, mu;
    int hess_constant;  /* 1 for quadratics: the Hessian never changes */
    long nfevals;
    /* the gdf_quad behind fg and fg_batch (set by gdf_problem_quad, NULL
     * otherwise): gdf_gd_batch may then run quad_fg's arithmetic inline.  A
     * wrapper that changes what fg computes must clear it. */
    const void *dense_quad;
} gdf_problem;

static inline int gdf_eval(gdf_problem *p, const double *theta, double *f, double *g)
{
    p->nfevals++;
    return p->fg(p->ctx, theta, f, g);
}

/* ---- native families (gdf_problems.c) ---- */

/* f = 1/2 theta'A theta - b'theta + c, A dense symmetric d x d.  b may be NULL. */
typedef struct {
    ptrdiff_t d;
    const double *A, *b;
    double c;
} gdf_quad;
void gdf_problem_quad(gdf_problem *p, gdf_quad *q);

/* The same with A sparse symmetric in compressed sparse columns
 * (0-based Ap[d+1], Ai[nnz], Ax[nnz]). */
typedef struct {
    ptrdiff_t d;
    const ptrdiff_t *Ap, *Ai;
    const double *Ax, *b;
    double c;
} gdf_squad;
void gdf_problem_squad(gdf_problem *p, gdf_squad *q);
/* y = A x for the sparse symmetric A (gather form over columns). */
void gdf_squad_matvec(const gdf_squad *q, const double *x, double *y);

/* Least squares f = 1/(2m) ||X theta - y||^2 and logistic regression
 * f = mean(softplus(X theta) - y .* (X theta)) + lambda/(2m) ||theta(2:end)||^2.
 * X is m x p column-major.  work must hold gdf_data_work(m, p) doubles and
 * stay untouched between calls.  Evaluated in one pass over X by row blocks
 * (gdf_data_block rows each), the blocks shared among `threads` threads when
 * the library is built with OpenMP: 0 = automatic (OpenMP's default number,
 * i.e. OMP_NUM_THREADS or the cores; one thread below GDF_DATA_PAR_MIN
 * elements of X), k >= 1 = at most k (never more than GDF_DATA_MAX_THREADS).
 * The result does not depend on the number of threads: every block keeps its
 * own partial sums, added in block order.  `calls` is internal state (the
 * direction of the next pass) and starts at 0 or anything else. */
#define GDF_DATA_MAX_THREADS 16
/* 2^20 entries (8 MiB, about 1 ms for one thread): a smaller pass gains at
 * most a fraction of a millisecond from a second thread, and loses 5-20 ms
 * whenever that thread is not running at once (asleep, its core busy with
 * another process, or with OpenBLAS's workers, which busy-wait after every
 * threaded BLAS call): issue 14's "first calls 20 ms, later 1.3 ms" on
 * 1e5 x 3 (bench_coursework_scale, bench/README.md).  Was 262144. */
#define GDF_DATA_PAR_MIN 1048576.0
typedef struct {
    ptrdiff_t m, p;
    const double *X, *y;
    double lambda;
    double *work;
    int threads;
    unsigned calls;
} gdf_data;
size_t gdf_data_work(ptrdiff_t m, ptrdiff_t p);
ptrdiff_t gdf_data_block(ptrdiff_t m, ptrdiff_t p);
/* The number of threads an evaluation of q uses (1 without OpenMP, and 1 in
 * a process made by fork(): see gdf_threads_usable). */
int gdf_data_threads(const gdf_data *q);
/* 1 if this process may run OpenMP parallel regions, 0 in a child made by
 * fork() (gdf_util.c).  GNU libgomp's thread pool does not survive fork(): the
 * child's first parallel region waits forever for the parent's workers.  A
 * pthread_atfork child handler (registered when the library is loaded, and
 * again before the first parallel region) marks the child, which then runs
 * every pass serially: the same block kernels, in the same order, so the same
 * bits (the numbers never depend on the number of threads).  Always 1
 * without OpenMP and on Windows (no fork). */
int gdf_threads_usable(void);
void gdf_problem_leastsq(gdf_problem *p, gdf_data *q);
void gdf_problem_logistic(gdf_problem *p, gdf_data *q);

/* ---- the same two families with X sparse (gdf_problems.c, issue 14) ----
 * X is m x p in compressed sparse columns: column pointers Xp[p+1] (0-based,
 * Xp[0] = 0), row indices Xi[nnz] (0 <= Xi[k] < m, any order within a
 * column, duplicates added), values Xx[nnz], nnz = Xp[p].  f and g are those
 * of gdf_problem_leastsq / gdf_problem_logistic, to rounding.  One
 * evaluation: z = X theta by a column scatter (serial, columns in order),
 * the per-row loss and residual r in fixed row blocks of GDF_SDATA_ROWBLK
 * rows (partial sums added in block order), then g_j = X(:,j)'r / m as one
 * gather per column, each in index order, the columns shared among the
 * threads: the bits never depend on the number of threads.  threads as for
 * gdf_data (0 automatic: one thread below GDF_DATA_PAR_MIN of nnz + m).
 * The Hessian (dense p x p) costs O(p nnz / 2 + m) (column j scattered into
 * a dense row vector, gathered by columns j..p-1): at most the dense path's
 * O(m p^2).  work: gdf_sdata_work(m, p) doubles (2 m + m / GDF_SDATA_ROWBLK
 * + 1, no O(nnz) memory); untouched between calls. */
#define GDF_SDATA_ROWBLK 4096
typedef struct {
    ptrdiff_t m, p;
    const ptrdiff_t *Xp, *Xi;
    const double *Xx, *y;
    double lambda;
    double *work;
    int threads;
} gdf_sdata;
size_t gdf_sdata_work(ptrdiff_t m, ptrdiff_t p);
int gdf_sdata_threads(const gdf_sdata *q);
void gdf_problem_leastsq_sparse(gdf_problem *p, gdf_sdata *q);
void gdf_problem_logistic_sparse(gdf_problem *p, gdf_sdata *q);

/* Test functions. */
enum { GDF_TF_ROSENBROCK = 1, GDF_TF_BEALE, GDF_TF_HIMMELBLAU };
typedef struct {
    int kind;
    ptrdiff_t d;     /* rosenbrock: any d >= 2; others: 2 */
    double a, b;     /* rosenbrock parameters (1, 100) */
} gdf_testfun;
void gdf_problem_testfun(gdf_problem *p, gdf_testfun *q);

/* ---- natural-gradient wrapper (gdf_natural.c) ---- */
/* A problem whose "gradient" is G(theta)^{-1} grad f(theta): run through the
 * GD driver it gives the natural-gradient method, through the integrators
 * the natural gradient flow theta' = -G^{-1} grad f.  G is solved with, never
 * inverted (Cholesky).  Kinds of metric:
 *   GDF_METRIC_FIXED  a fixed SPD matrix G (factored once at init)
 *   GDF_METRIC_FUNC   metric(mctx, theta, G) fills G(theta) (d x d)
 *   GDF_METRIC_HESS   the base problem's Hessian (the Fisher information for
 *                     logistic regression) plus damping * I
 * f is the base f; hess/hessvec are not provided.  work: gdf_natural_work(d). */
enum { GDF_METRIC_FIXED = 1, GDF_METRIC_FUNC, GDF_METRIC_HESS };
typedef struct {
    gdf_problem *base;
    int kind;
    const double *G;    /* GDF_METRIC_FIXED */
    int (*metric)(void *mctx, const double *theta, double *G);
    void *mctx;
    double damping;     /* added to the diagonal (>= 0) */
    double *work;
    int factored;       /* internal */
    /* varying metrics (FUNC, HESS): the evaluations of G so far, and the
     * first one that was not positive definite (0-based) with the column
     * where its Cholesky failed (0: none yet; -1: G not finite).  The
     * direction there is reported non-finite, so the drivers stop. */
    long nmetric, fail_eval;
    int fail_col;
} gdf_natural;
size_t gdf_natural_work(ptrdiff_t d);
/* Returns GDF_ENOTSPD when a fixed G is not positive definite. */
int gdf_problem_natural(gdf_problem *p, gdf_natural *q);

/* ------------------------------------------------------------------ */
/* Small helpers (gdf_util.c)                                          */
/* ------------------------------------------------------------------ */
double gdf_nrm2(ptrdiff_t n, const double *x);
double gdf_dot(ptrdiff_t n, const double *x, const double *y);
int gdf_all_finite(ptrdiff_t n, const double *x);
double gdf_now(void); /* monotonic wall-clock seconds */
/* A wall-clock limit (MaxTime) for iteration loops: gdf_timer_expired(t, k)
 * is 1 once max_time seconds have passed since t_start.  The clock is read
 * every iteration while iterations are slow (a callback) and at most every
 * 64th while they are fast, so the limit is overshot by about one iteration
 * and the clock costs nothing.  max_time <= 0, NaN or Inf: no limit. */
typedef struct {
    double t_start, max_time, t_last;
    long next, stride;
    int on;
} gdf_timer;
gdf_timer gdf_timer_make(double max_time, double t_start);
int gdf_timer_expired(gdf_timer *t, long k);
/* Eigenvalues (ascending) of the symmetric d x d matrix A; A is
 * destroyed (eigenvectors when want_vectors, else garbage).  work must
 * hold gdf_syev_work(d) doubles, iwork gdf_syev_iwork(d) gdf_ints. */
size_t gdf_syev_work(ptrdiff_t d);
size_t gdf_syev_iwork(ptrdiff_t d);
int gdf_syev(ptrdiff_t d, double *A, double *w, int want_vectors, double *work, void *iwork);

/* ------------------------------------------------------------------ */
/* Gradient descent (gdf_gd.c)                                         */
/* ------------------------------------------------------------------ */
enum { GDF_STEP_FIXED = 0, GDF_STEP_ARMIJO = 1 };

/* Exit flags (info.exitflag) and the reason behind each. */
enum {
    GDF_EXIT_GRADTOL = 1,
    GDF_EXIT_STEPTOL = 2,
    GDF_EXIT_FUNTOL = 3,
    GDF_EXIT_MAXITER = 0,
    GDF_EXIT_OUTPUTFCN = -1,
    GDF_EXIT_DIVERGED = -2,
    GDF_EXIT_SADDLE = -3   /* GradTol reached at a point shown not to be a
                            * minimizer (gdf_stationary: saddle or maximum);
                            * set by the callers of the driver, never by it */
};
/* Why a run stopped: GDF_WHY_* and gdf_why_message(), gdf_why_exitflag()
 * in gdf_why.h (one vocabulary with the flows'). */

/* Per-iteration monitor (Display 'iter', OutputFcn): return nonzero to stop. */
typedef int (*gdf_monitor_fn)(void *mctx, long k, const double *theta,
                              double f, double gnorm, double eta);

/* Methods of the GD driver.  Momentum methods keep the previous iterate:
 *   GDF_GD_HEAVYBALL  theta+ = theta - eta grad f(theta) + beta (theta - theta-)   (Polyak)
 *   GDF_GD_NESTEROV   y = theta + beta_k (theta - theta-),  theta+ = y - eta grad f(y)
 *                     beta_k = momentum, or (k-1)/(k+2) with momentum_schedule
 *                     (k = index of theta; beta_0 = beta_1 = 0)
 * Nesterov with GDF_STEP_ARMIJO is FISTA's backtracking (f(y - t g) <=
 * f(y) - t/2 ||g||^2, t non-increasing within one momentum sequence) with
 * function-value adaptive restart (O'Donoghue & Candes 2015): a step that
 * would raise f above f(theta_k), or a line search that fails while momentum
 * is in effect, is rejected; the momentum restarts (theta- = theta, the
 * (k-1)/(k+2) counter from 0) and t is reset to o->eta.  Every accepted
 * iterate therefore has f no larger than the one before: the returned theta
 * is the best iterate visited.  Fixed-step Nesterov is the textbook method
 * (non-monotone, no restart).
 * Where f(x+) - f(base) is lost in rounding (|f(x+) - f(base)| <=
 * GDF_GD_FNOISE eps |f(base)|, and f(x+) within that of the lowest f so far)
 * a line search judges the decrease from the gradients alone: the
 * trapezoid estimate (x+ - base).(g_base + g+)/2 must show it.
 * Every line search fails with GDF_WHY_STEPROUND (exit flag 2) when its
 * trial step no longer changes theta, ||x+ - base||_inf <= eps
 * max(||base||_inf, DBL_MIN): below that an Armijo test passes trivially
 * (x+ == base, f(x+) == f(base)), even for a gradient of the wrong sign.
 * A fixed step whose new iterate equals the current one bitwise (and, with
 * momentum, the previous one) is a floating-point fixed point: after
 * GDF_GD_STUCK such iterations in a row (they are taken) the run stops with GDF_WHY_STEPROUND
 * too instead of spinning to MaxIter -- when grad_tol > 0 (GradTol could
 * never be reached) or max_iter == LONG_MAX (no limit); grad_tol == 0 with
 * a finite max_iter asks for exactly max_iter steps and gets them.          */
#define GDF_GD_STUCK 100
/* the restart test f(theta+) > f(theta) ignores rises up to GDF_GD_FNOISE eps
 * |f(theta)|: at f's rounding floor the computed f is noise of a few ulps,
 * and a restart there only throws away steps that still reduce the gradient */
#define GDF_GD_FNOISE 16.0
enum { GDF_GD_PLAIN = 0, GDF_GD_HEAVYBALL = 1, GDF_GD_NESTEROV = 2 };

typedef struct {
    int method;             /* GDF_GD_PLAIN (default), _HEAVYBALL, _NESTEROV */
    double momentum;        /* beta in [0, 1) */
    int momentum_schedule;  /* Nesterov: beta_k = (k-1)/(k+2) instead of momentum */
    int step_rule;          /* GDF_STEP_FIXED or GDF_STEP_ARMIJO (plain and Nesterov) */
    double eta;             /* fixed step; first trial step for Armijo */
    double armijo_c;        /* sufficient decrease constant (1e-4) */
    double armijo_shrink;   /* backtracking factor (0.5) */
    int armijo_maxtries;    /* backtracks per iteration before giving up (60) */
    long max_iter;
    double grad_tol;        /* ||g|| <= grad_tol                        */
    double fun_tol;         /* |f_k - f_{k+1}| <= fun_tol (1 + |f_k|)    */
    double step_tol;        /* ||dtheta|| <= step_tol (1 + ||theta||)    */
    double max_time;        /* seconds; <= 0 or Inf: none                */
    double div_limit;       /* f_k - f_0 > div_limit max(1, |f_0|): diverged */
    gdf_monitor_fn monitor; /* may be NULL */
    void *mctx;
    int exact_iter;         /* 1: a fixed-length run (gdf_gd_fixed_length) */
    long max_fevals;        /* stop (GDF_WHY_MAXFEVALS, exit flag 0) before a step once the
                             * run has made this many fg calls (0: no limit); tested with
                             * MaxIter, so one iteration's line search may pass it */
} gdf_gd_opts;
void gdf_gd_defaults(gdf_gd_opts *o);
/* A fixed-length run (gd_run's Iterations, n): exactly n steps.  Sets
 * max_iter = n, exact_iter = 1 (no GradTol stop, not even at a gradient
 * that is exactly 0), grad_tol = fun_tol = step_tol = 0 (so no fixed-point
 * stop either) and div_limit = Inf: only a non-finite f or gradient ends the
 * run early (exit flag -2) -- or what the caller asked for besides: MaxTime,
 * a monitor, or a line search that can no longer move theta (backtracking,
 * exit flag 2).  The proximal method takes the same n steps (its flow stops
 * on nothing else either). */
void gdf_gd_fixed_length(gdf_gd_opts *o, long n);

/* History sink: caller-owned arrays with room for `cap` entries
 * (entry k = theta_k, k = 0..iterations).  Any pointer may be NULL.
 * theta holds d doubles per entry.  When an entry k >= cap is needed,
 * grow(hctx, k + 1, h) is called and must enlarge the arrays (updating
 * the pointers and cap) or return nonzero (the run then stops as if
 * MaxIter had been reached). */
/* the first capacity of a growing output (gd_run's histories, gf_run's
 * fixed-step trajectory): room for this many entries at most, grown on
 * demand beyond */
#define GDF_OUT_CAP0 4096
typedef struct gdf_history {
    double *f, *gnorm, *theta, *eta;
    ptrdiff_t stride;   /* entry k of f, gnorm, eta at [k * stride]; 0 means 1 */
    long cap;
    int (*grow)(void *hctx, long need, struct gdf_history *h);
    void *hctx;
} gdf_history;

typedef struct {
    long iterations;
    int exitflag, why;
    double f, gnorm, time;
    long nfevals;
} gdf_gd_result;

size_t gdf_gd_work(ptrdiff_t d);

/* Many starts at once: plain GD with a fixed step on the m columns of X
 * (d x m, in: the starts, out: the last finite iterates), each column
 * stopping on its own rules exactly as gdf_gd_run would (no monitor).
 * Uses p->fg_batch when present (one call per iteration for all columns).
 * History: f and gnorm entry k of start j at [j + k*m] (set h->stride = m
 * yourself or leave it 0: it is taken as m), theta entry k of start j at
 * theta + (j*cap + k)*d; cap must hold o->max_iter + 1 entries (no growth).
 * r holds m results.  work: gdf_gd_batch_work(d, m) doubles. */
size_t gdf_gd_batch_work(ptrdiff_t d, ptrdiff_t m);
/* gdf_gd_batch's own kernel for a dense quadratic with d <= GDF_GD_BATCHQ_DMAX
 * (gdf_gd_batchq.c; used by gdf_gd_batch when gdf_gd_batchq_applies): blocks
 * of starts advanced together with quad_fg's arithmetic inline, the bits of
 * gdf_gd_run on every start; MaxTime counts per block of 8 starts.  Needs
 * no workspace. */
#define GDF_GD_BATCHQ_DMAX 16
int gdf_gd_batchq_applies(const gdf_problem *p, const gdf_gd_opts *o);
int gdf_gd_batchq(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o, gdf_history *h,
                  gdf_gd_result *r);
int gdf_gd_batch(gdf_problem *p, ptrdiff_t m, double *X, const gdf_gd_opts *o,
                 gdf_history *h, double *work, gdf_gd_result *r);
/* theta: in theta_0, out the last finite iterate. */
int gdf_gd_run(gdf_problem *p, double *theta, const gdf_gd_opts *o,
               gdf_history *h, double *work, gdf_gd_result *r);

/* ---- gd_run's policy (gdf_gd_solve.c): methods, step rules, momentum ---- */
/* The Method choices of gd_run, in the order of its option table. */
enum { GDF_GDM_GD = 0, GDF_GDM_HEAVYBALL, GDF_GDM_NESTEROV, GDF_GDM_PROXIMAL, GDF_GDM_NATURAL,
       GDF_GDM_SGD /* stochastic gradient descent: gdf_sgd.h, not gdf_gd_solve */ };
const char *gdf_gd_method_name(int method); /* "gd", "heavyball", ... */
/* The step rule as the user gave it (StepSize): DEFAULT (not given), FIXED
 * (a number), INVL (1/L), TWOLMU (2/(L+mu)), BACKTRACK (Armijo). */
enum { GDF_RULE_DEFAULT = -2, GDF_RULE_FIXED = -1, GDF_RULE_INVL = 0, GDF_RULE_TWOLMU = 1,
       GDF_RULE_BACKTRACK = 2 };
/* Momentum as given: DEFAULT (from L and mu), VALUE (momentum), SCHEDULE,
 * INVALID (anything else: gdf_gd_resolve returns GDF_GDS_BAD_MOMENTUM once
 * the step rule is resolved, so a step rule error is reported first). */
enum { GDF_MOM_DEFAULT = 0, GDF_MOM_VALUE, GDF_MOM_SCHEDULE, GDF_MOM_INVALID };
typedef struct {
    int method;        /* GDF_GDM_* */
    int step_rule;     /* GDF_RULE_* */
    double step;       /* GDF_RULE_FIXED: the step */
    double init_step;  /* GDF_RULE_BACKTRACK: first trial step; NaN: 1/L (or 1) */
    int momentum_kind; /* GDF_MOM_* */
    double momentum;   /* GDF_MOM_VALUE: beta in [0, 1) */
    double L, mu;      /* the problem's constants (NaN: unknown) */
} gdf_gd_spec;
/* Codes of gdf_gd_resolve and gdf_gd_proximal_check (0 = fine). */
enum { GDF_GDS_OK = 0, GDF_GDS_PROX_NOL, GDF_GDS_INVL_NOL, GDF_GDS_TWOLMU_NOL,
       GDF_GDS_NATURAL_RULE, GDF_GDS_BACKTRACK_METHOD, GDF_GDS_HB_SCHEDULE,
       GDF_GDS_PROX_MAXITER, GDF_GDS_BAD_MOMENTUM };
/* Resolve the step rule and the momentum of spec into o (method, step_rule,
 * eta, momentum, momentum_schedule; the tolerances of o are left alone):
 *   natural, no StepSize: eta = 1 (exact for a quadratic with G = A);
 *   heavy ball, no StepSize, L and mu > 0 known: eta = 4/(sqrt(L)+sqrt(mu))^2;
 *   proximal, no StepSize: eta = 1/L (L needed);
 *   otherwise no StepSize: 1/L when L is known, else backtracking;
 *   1/L, 2/(L+mu) (mu > 0 needed), backtracking (gd and nesterov only,
 *   first trial InitialStep or 1/L or 1);
 *   heavy-ball momentum ((sqrt(L/mu)-1)/(sqrt(L/mu)+1))^2 or 0.9, Nesterov's
 *   (sqrt(L/mu)-1)/(sqrt(L/mu)+1) or the (k-1)/(k+2) schedule.
 * *step_name receives the rule's name for info.steprule ("fixed", "1/L",
 * "2/(L+mu)", "4/(sqrt(L)+sqrt(mu))^2", "backtracking").  Returns a
 * GDF_GDS_* code; gdf_gd_spec_id / gdf_gd_spec_message give its identifier
 * and text. */
int gdf_gd_resolve(const gdf_gd_spec *spec, gdf_gd_opts *o, const char **step_name);
const char *gdf_gd_spec_id(int code); /* "noLipschitz" or "badOption" */
/* The message for code (method names the Method where the text needs it);
 * written into buf (n bytes), which is returned. */
const char *gdf_gd_spec_message(int code, int method, char *buf, size_t n);

/* The proximal point method theta+ = argmin f(x) + |x - theta|^2/(2 eta),
 * i.e. backward Euler with step eta through gdf_gf_run's implicit integrator
 * over [0, max(K,1) eta], K = o->max_iter (at most GDF_GD_PROX_MAXITER:
 * gdf_gd_proximal_check).  It stops on grad_tol, max_iter and max_time only.
 * The caller gives K+1 entries of t, f, gnorm and (K+1) d of th (history
 * entries theta_0..theta_k); *n receives the number of entries written (>= 1).
 * The flow's exits are mapped to gd_run's: GradTol event (or theta_0
 * already below GradTol) -> GRADTOL; non-finite -> DIVERGED/NONFINITE;
 * MaxTime -> MAXITER/MAXTIME; anything else -> MAXITER/MAXITER.
 * work: gdf_gd_proximal_work(p) doubles ((size_t)-1: too large), iwork:
 * gdf_gd_proximal_iwork(p) ptrdiff_t.  Returns GDF_OK or the failing status
 * of gdf_gf_run (GDF_ENEWTON: Newton failed); *why_text (may be NULL) then
 * receives the integrator's reason. */
#define GDF_GD_PROX_MAXITER 100000000L
int gdf_gd_proximal_check(const gdf_gd_opts *o);
size_t gdf_gd_proximal_work(const gdf_problem *p);
size_t gdf_gd_proximal_iwork(const gdf_problem *p);
int gdf_gd_proximal(gdf_problem *p, double *theta, const gdf_gd_opts *o, double *t, double *th,
                    double *f, double *gnorm, long *n, double *work, void *iwork,
                    gdf_gd_result *r, const char **why_text);

/* gd_run's one entry point: run the m starts (theta: d x m, in the starts,
 * out the last finite iterates) with the resolved options o (gdf_gd_resolve)
 * and Method method (GDF_GDM_*; for 'natural' p is the metric wrapper):
 *   flags & GDF_SOLVE_BATCH: plain GD, fixed step, all starts together
 *     (gdf_gd_batch; see gdf_gd_use_batch); h (may be NULL) is then ONE
 *     shared sink laid out as gdf_gd_batch wants it;
 *   otherwise each start on its own: gdf_gd_proximal for 'proximal'
 *     (h[j] must then hold max_iter + 1 entries of f, gnorm and theta:
 *     gdf_gd_proximal_check first), gdf_gd_run for the rest (h[j] as for
 *     gdf_gd_run); h may be NULL (no history) except for 'proximal';
 *   flags & GDF_SOLVE_STOP_NONFINITE: stop after the first start whose
 *     f(theta_0) or gradient is non-finite (the caller reports it).
 * r: m results; *done: the starts run (m, or fewer after such a stop or a
 * failure: the failing start is then *done - 1).  work:
 * gdf_gd_solve_work doubles ((size_t)-1: too large), iwork:
 * gdf_gd_solve_iwork ptrdiff_t.  Returns GDF_OK or the failing status
 * (*why_text, may be NULL, gets the implicit integrator's reason for a
 * failing proximal step, NULL otherwise).  GradTol stops are not
 * classified here: gdf_gd_classify. */
enum { GDF_SOLVE_BATCH = 1, GDF_SOLVE_STOP_NONFINITE = 2 };
size_t gdf_gd_solve_work(const gdf_problem *p, int method, ptrdiff_t m, long max_iter, int flags);
size_t gdf_gd_solve_iwork(const gdf_problem *p, int method);
int gdf_gd_solve(gdf_problem *p, int method, const gdf_gd_opts *o, ptrdiff_t m, double *theta,
                 gdf_history *h, int flags, double *work, void *iwork, gdf_gd_result *r,
                 ptrdiff_t *done, const char **why_text);

/* After a GradTol stop: classify theta (gdf_stationary) and, at a saddle or
 * a maximum, turn r into exitflag GDF_EXIT_SADDLE, why GDF_WHY_SADDLE or
 * GDF_WHY_MAXIMUM.  Returns the class (GDF_STAT_NONE when r is no GradTol
 * stop).  work/iwork as for gdf_stationary (only used when
 * gdf_stationary_needs_work(p)). */
int gdf_gd_classify(gdf_problem *p, const double *theta, gdf_gd_result *r, double *work,
                    void *iwork, double *lam);
/* 1 when a divergence is explained by a fixed plain-GD step eta >= 2/L
 * (*limit receives 2/L), else 0. */
int gdf_gd_step_unstable(int method, int fixed, double eta, double L, double *limit);
/* The hint of a run that stopped at MaxIter far from converged on an
 * ill-conditioned problem (gdf_hint.c; gd_run's info.hint, its Display
 * 'final' and summary).  There is a hint when all of these hold:
 *   - the run stopped at MaxIter (why GDF_WHY_MAXITER; not MaxTime, not a
 *     fixed-length run, not with GradTol 0: no convergence test failed);
 *   - the method is 'gd', 'heavyball' or 'nesterov' (the natural gradient
 *     and the proximal method do not depend on kappa this way);
 *   - the condition number kappa is known and >= GDF_HINT_KAPPA;
 *   - the run's progress shows it: the iterations that GD with the best
 *     fixed step needs to bring ||grad f|| from where it stopped down to
 *     GradTol, kappa_m log(gnorm / grad_tol) (kappa_m = kappa for 'gd',
 *     sqrt(kappa) for the momentum methods: their rates), exceed the
 *     iterations already taken.
 * The text says so, and suggests scaling the columns of X when the problem
 * has data (least squares, logistic) whose columns differ in scale by a
 * factor >= GDF_HINT_SCALE, and a better method ('natural' with Metric
 * 'hessian' unless fisher: logistic regression's default Metric).  Returns 1 with the text in
 * buf (n bytes, truncated to fit), or 0 with buf = "". */
#define GDF_HINT_KAPPA 1e3
#define GDF_HINT_SCALE 10.0
typedef struct {
    int method;          /* GDF_GDM_* */
    int why;             /* the run's GDF_WHY_* */
    int exact_iter;      /* a fixed-length run (Iterations) */
    int has_data;        /* least squares or logistic: columns of X to scale */
    int fisher;          /* logistic: Method 'natural' needs no Metric (Fisher) */
    long iterations;     /* the iterations taken (= MaxIter at such a stop) */
    double kappa;        /* the condition number (NaN: unknown) */
    double scale_ratio;  /* max/min column RMS of X (NaN: unknown) */
    double gnorm;        /* ||grad f|| where the run stopped */
    double grad_tol;
} gdf_gd_hint_in;
int gdf_gd_hint(const gdf_gd_hint_in *in, char *buf, size_t n);
/* 1 when mu < -1e3 eps max(|L|, |mu|): the problem is not convex (the
 * tolerance with which gd_quadratic calls an eigenvalue zero). */
int gdf_gd_nonconvex(double L, double mu);
/* Entries per start of one shared history block for m starts (0: no block,
 * allocate per start): m > 1, a history kept, a finite max_iter, not the
 * proximal method, and at most 2^24 doubles in all.  hist: 0 none, 1 f and
 * gnorm, 2 full (with theta). */
long gdf_gd_block_cap(int method, ptrdiff_t d, ptrdiff_t m, long max_iter, int hist);
/* 1 when the m starts run together through gdf_gd_batch: plain GD, a fixed
 * step, no monitor, m > 1 and (no history, or a shared block). */
int gdf_gd_use_batch(int method, int fixed, int monitored, ptrdiff_t m, int hist, long block_cap);

/* ------------------------------------------------------------------ */
/* What kind of stationary point (gdf_stationary.c)                     */
/* ------------------------------------------------------------------ */
/* Classify theta, a point where a run stopped on its gradient norm:
 *   GDF_STAT_MINIMUM     the problem is convex (hess_constant with mu >= 0,
 *                        or mu > 0 known), or the Hessian there is positive
 *                        definite (lambda_min > tol)
 *   GDF_STAT_MAXIMUM     every eigenvalue < -tol (a strict local maximum)
 *   GDF_STAT_SADDLE      lambda_min < -tol otherwise: a direction of
 *                        negative curvature, so not a minimizer
 *   GDF_STAT_UNVERIFIED  no Hessian, d > GDF_STATIONARY_MAXD, or a
 *                        degenerate point (lambda_min within tol of 0 on a
 *                        non-quadratic problem: the second-order test says
 *                        nothing there), or the Hessian callback failed
 * with tol = 1e3 eps max|lambda| (the rounding level of the computed
 * eigenvalues, as gd_quadratic decides mu < 0).  Quadratics
 * (hess_constant) with both L = lambda_max and mu = lambda_min known are
 * classified from their signs without touching the Hessian; mu > 0 known
 * costs nothing at all.  lam (may be NULL) receives lambda_min, lambda_max
 * (NaN when not computed).  work: gdf_stationary_work(d) doubles, iwork:
 * gdf_stationary_iwork(d) ptrdiff_t (both >= 1), used only when
 * gdf_stationary_needs_work(p) is 1 (else they may be NULL: callers that
 * allocate skip it in the common case).  Returns the class (>= 1). */
enum { GDF_STAT_NONE = 0, GDF_STAT_MINIMUM, GDF_STAT_SADDLE, GDF_STAT_MAXIMUM,
       GDF_STAT_UNVERIFIED };
#define GDF_STATIONARY_MAXD 500
size_t gdf_stationary_work(ptrdiff_t d);
size_t gdf_stationary_iwork(ptrdiff_t d);
int gdf_stationary(gdf_problem *p, const double *theta, double *work, void *iwork, double *lam);
int gdf_stationary_needs_work(const gdf_problem *p);
/* The rounding level of computed eigenvalues between lo and hi,
 * 1e3 eps max(|lo|, |hi|): below -tol an eigenvalue is negative (the one
 * tolerance of gdf_stationary, gdf_gd_nonconvex, gdf_gf_convexity and, in
 * the .m layer, m/private/gdf_eig_tol.m: gd_quadratic, gd_leastsq ...). */
double gdf_eig_tol(double lo, double hi);
/* "none", "minimum", "saddle", "maximum", "unverified" */
const char *gdf_stationary_name(int kind);

#ifdef __cplusplus
}
#endif

#endif
