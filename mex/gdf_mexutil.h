/* gdf_mexutil.h - the one conversion layer between mxArray and the C core.
 *
 * Every gateway (mex/NAME_mex.c) validates its inputs through these helpers,
 * so checks and error identifiers are written once.  Errors are raised with
 * mexErrMsgIdAndTxt as "gdflow:<function>:<what>" and never return; all
 * scratch memory comes from mxMalloc/mxCalloc, which the MEX interface frees
 * when an error unwinds the call.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_MEXUTIL_H
#define GDF_MEXUTIL_H

#include <stddef.h>

#include "mex.h"
#include "gdflow.h"
#include "gdf_gram.h"
#include "gdf_exact.h" /* GDF_SYM_RTOL, defined there for the library's use */

/* The one symmetry rule of the toolbox: a matrix A counts as symmetric when
 * max|A - A'| <= GDF_SYM_RTOL * max|A| (the same number in gd_quadratic.m,
 * through m/private/gdf_sym_rtol.m).  Problem fields refused as
 * gdflow:<fn>:notSymmetric; Metric matrices as gdflow:<fn>:badMetric.
 * GDF_SYM_RTOL (1e-12) is defined in gdf_exact.h: gdf_exact_solve applies the
 * same rule to choose its path. */

/* Error with identifier gdflow:<fn>:<what> and a printf-style message. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 3, 4)))
#endif
void gdf_mex_error(const char *fn, const char *what, const char *fmt, ...);

/* The capacity a growing output buffer (histories, gf_run's output) moves
 * to: twice cap, at least need, at most max_entries when that is > 0;
 * -1 when need itself exceeds max_entries. */
long gdf_mex_grow_cap(long cap, long need, long max_entries);

/* An m x n double array that takes over buf (mxMalloc'ed, at least m*n
 * doubles; shrunk to m*n here) without copying.  mxSetPr does not free the
 * data it replaces, so the empty array's own is freed first (a leak per
 * call otherwise). */
mxArray *gdf_mex_adopt(double *buf, size_t m, size_t n);

/* What a library status code (gdflow.h) means, in words, for messages. */
const char *gdf_mex_status_text(int status);

/* Warning with identifier id (complete, e.g. "gdflow:diverged"). */
/* A 1 x m cell of the strings s[0..m-1] (many starts' messages): for m >=
 * 32 and at most 16 distinct strings, built by subsref from a cell of the
 * distinct ones (shared storage in Octave). */
mxArray *gdf_mex_cell_of_strings(const char *const *s, ptrdiff_t m);
void gdf_mex_warning(const char *id, const char *fmt, ...);

/* A real, full (non-sparse), double array with finite entries.  Returns its
 * data; m, n get its size (either may be NULL).  Errors (what): notDouble,
 * complex, sparse, nonFinite.  `name` is used in the messages. */
const double *gdf_mex_dense(const mxArray *a, const char *fn, const char *name,
                            ptrdiff_t *m, ptrdiff_t *n);
/* The same, but NaN/Inf entries are allowed. */
const double *gdf_mex_dense_any(const mxArray *a, const char *fn, const char *name,
                                ptrdiff_t *m, ptrdiff_t *n);
/* Raise gdflow:<fn>:<what> unless a is a 1x1 struct (a struct array of
 * any other size, 0x0 included, is refused before any field is read). */
void gdf_mex_struct1(const mxArray *a, const char *fn, const char *what, const char *name);
/* 0 when the dense d x d A (column-major) is symmetric within GDF_SYM_RTOL;
 * else 1, with the largest |A(i,j) - A(j,i)| in *asym, max|A| in *amax and
 * its place (1-based) in *ii, *jj (any pointer may be NULL); -1 when A has
 * a NaN or Inf entry (its place in *ii, *jj).  One pass over A. */
int gdf_mex_asym(const double *A, ptrdiff_t d, double *asym, double *amax, ptrdiff_t *ii,
                 ptrdiff_t *jj);
/* The same for a sparse (CSC) d x d matrix in O(nnz + d): the transpose is
 * formed in mxMalloc'd scratch and compared column by column. */
int gdf_mex_asym_sparse(const mxArray *A, const char *fn, double *asym, double *amax, ptrdiff_t *ii,
                        ptrdiff_t *jj);
/* A real finite scalar of any numeric class (not logical/char).  Error: notScalar. */
double gdf_mex_scalar(const mxArray *a, const char *fn, const char *name);
/* 1 if a is a char row vector. */
int gdf_mex_is_string(const mxArray *a);
/* Copy a char row vector into buf, lowercased; error notString. */
void gdf_mex_string(const mxArray *a, const char *fn, const char *name, char *buf, size_t len);

/* ---- name-value options -------------------------------------------- */
enum {
    GDF_OPT_POS = 1,     /* real scalar > 0 (Inf allowed)                     */
    GDF_OPT_NONNEG,      /* real scalar >= 0 (Inf allowed)                    */
    GDF_OPT_COUNT,       /* non-negative integer (Inf allowed: no limit)      */
    GDF_OPT_ENUM,        /* one of the '|'-separated choices (case-insensitive) */
    GDF_OPT_POS_OR_ENUM, /* a positive finite scalar or one of the choices    */
    GDF_OPT_HANDLE,      /* a function handle, or empty                       */
    GDF_OPT_ARRAY,       /* any array, checked by the gateway                 */
    GDF_OPT_REAL         /* real finite scalar                                */
};
typedef struct {
    const char *name;    /* canonical name, e.g. "StepSize" */
    int kind;
    const char *choices; /* "none|f|full" for enums, else NULL */
} gdf_optspec;
typedef struct {
    int set;             /* 1 when given */
    double num;          /* numeric value */
    int choice;          /* index into choices, -1 when numeric */
    const mxArray *arr;  /* the value itself */
} gdf_optval;
/* Parse args[0..n-1]: any number of options structs (from gd_options) and
 * name-value pairs, later ones overriding earlier ones; empty struct fields
 * are ignored (as in optimset).  Names are case-insensitive; an unknown name
 * is an error (unknownOption) naming the closest valid one; a bad value is an
 * error (badOption) saying what was expected.  val[i] matches spec[i]. */
void gdf_mex_options(const char *fn, const gdf_optspec *spec, int nspec, int n,
                     const mxArray *const *args, gdf_optval *val);
/* The option tables of the public functions ("gd_run", "gf_run"), made
 * from the X-macro lists in gdf_opt_gd_run.h and gdf_opt_gf_run.h. */
const gdf_optspec *gdf_mex_optspec(const char *fn, int *nspec);

/* Expanders for the option lists X(id, name, kind, choices) of
 * mex/gdf_opt_<function>.h and the choice lists X(id, name):
 *   enum { GDF_GD_RUN_OPTIONS(GDF_OPT_X_ID) O_COUNT };     the option index
 *   {GDF_GD_RUN_OPTIONS(GDF_OPT_X_ROW)}                    the option table
 *   GDF_OPT_CHOICES(GDF_GD_RUN_METHODS)                    "gd|heavyball|..."
 *   {GDF_GD_RUN_METHODS(GDF_OPT_X_NAME)}                   {"gd", ...}
 * GDF_STATIC_ASSERT(cond, tag): a compile-time check (C99, no _Static_assert). */
#define GDF_OPT_X_ID(id, name, kind, choices) id,
#define GDF_OPT_X_ROW(id, name, kind, choices) {name, kind, choices},
#define GDF_OPT_X_ONE(id, name, kind, choices) +1
#define GDF_OPT_X_CHOICE(id, name) "|" name
#define GDF_OPT_X_NAME(id, name) name,
#define GDF_OPT_X_CHOICE_ID(id, name) id,
/* "|a|b|c" + 1: the '|'-separated string without its leading '|' */
#define GDF_OPT_CHOICES(LIST) (LIST(GDF_OPT_X_CHOICE) + 1)
#define GDF_STATIC_ASSERT(cond, tag) typedef char gdf_static_assert_##tag[(cond) ? 1 : -1]

#include "gdf_opt_gd_run.h"
#include "gdf_opt_gf_run.h"
#include "gdf_opt_gf_exact.h"

/* ---- problems -------------------------------------------------------- */
enum { GDF_KIND_QUAD = 1, GDF_KIND_SQUAD, GDF_KIND_LEASTSQ, GDF_KIND_LOGISTIC,
       GDF_KIND_TESTFUN, GDF_KIND_HANDLE };
typedef struct {
    gdf_problem p;       /* the vtable to hand to the library */
    int kind;
    union {
        gdf_quad quad;
        gdf_squad squad;
        gdf_data data;
        gdf_sdata sdata;     /* X sparse (issue 14): kind LEASTSQ / LOGISTIC, sparse_x = 1 */
        gdf_lsgram lsgram;   /* least squares in the Gram form (gdf_gram.h) */
        gdf_testfun tf;
    } u;
    int sparse_x;        /* gd_leastsq / gd_logistic with X sparse: u.sdata */
    const mxArray *src;  /* the struct or handle */
    const char *fn;      /* calling function, for messages */
    double f_star;       /* NaN when unknown */
    /* function-handle path: errors the handle throws propagate unchanged
     * (the MEX interface frees every mxMalloc'd buffer on the way out);
     * outputs of the wrong class or size raise gdflow:<fn>:badHandleOutput. */
    long calls;
    /* Ctrl-C: the family's own vtable; p.fg and p.fg_batch wrap it so
     * that a long run lets a pending interrupt through (gdf_mexutil.c) */
    gdf_problem inner;
    long poll_count, poll_stride;
    double poll_tcheck, poll_tlast;
} gdf_mex_problem;
/* Convert a problem struct (gd_quadratic, gd_leastsq, gd_logistic,
 * gd_testfun) or a function handle [f, g] = fun(theta) of dimension d
 * (d is the length of theta0; -1 for a struct: taken from the struct) into
 * a vtable.  Raises gdflow:<fn>:badProblem / dimMismatch on bad input. */
void gdf_mex_problem_init(const mxArray *fun, ptrdiff_t d, const char *fn,
                          gdf_mex_problem *mp);

/* ---- natural-gradient metrics ---------------------------------------- */
typedef struct {
    gdf_natural nat;     /* library wrapper */
    gdf_problem p;       /* the wrapped problem: its gradient is G^{-1} grad f */
    const mxArray *handle;
    const char *fn;
    ptrdiff_t d;
    long calls;
    int calls_are_iterations; /* gd_run: call k+1 is at iteration k; a G that is
                               * not SPD is an error (badMetric) there, while
                               * gf_run's flow stops (exitflag -2) */
} gdf_mex_metric;
/* After a gd_run with a Metric handle: badMetric "G(theta) at iteration k is
 * not positive definite" when the library's Cholesky of a returned G failed
 * (gdf_natural.fail_col); nothing for other metrics or when it never did. */
void gdf_mex_metric_check(const gdf_mex_metric *mm);
/* 'fisher' / 'hessian' with a sparse X (issue 14): up to this many columns
 * (the dense p x p metric is formed and factored at every evaluation) */
#define GDF_SPARSE_METRIC_PMAX 2000
/* Wrap mp's problem with the metric given as the Metric option: a d x d SPD
 * matrix, a handle G = metric(theta) returning one, 'fisher' (logistic
 * problems: the Fisher information) or 'hessian' (any problem with a Hessian:
 * G = Hessian, i.e. Newton's direction).  Errors: gdflow:<fn>:badMetric. */
void gdf_mex_metric_init(const mxArray *metric, gdf_mex_problem *mp, const char *fn,
                         gdf_mex_metric *mm);

/* Refuse outputs that cannot fit in memory before allocating them:
 * error gdflow:<fn>:tooLarge with the size in the message. */
void gdf_mex_check_alloc(const char *fn, const char *what, double ndoubles);

/* stop = outfcn(x, optimValues, state), fminunc's OutputFcn convention, for
 * every gateway that offers one: optimValues has the NF fields NAMES with
 * the scalar values VALS; X is consumed (destroyed here).  The output must be
 * a logical (or real numeric) scalar, else gdflow:<fn>:badOutputFcn naming
 * the UNIT ("iteration", "step") K and STATE.  Returns the stop flag. */
int gdf_mex_call_outfcn(const char *fn, const mxArray *outfcn, mxArray *x, int nf, const char **names,
                        const double *vals, long k, const char *unit, const char *state);

#endif
