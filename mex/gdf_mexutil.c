/* gdf_mexutil.c - argument checking, options and problems for the gateways.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "gdf_mexutil.h"
#include "gdf_gram.h"
#include "gdf_blas.h"

/* The library takes CSC indices as ptrdiff_t; mwIndex must match in size
 * (int64_t in Octave, size_t in MATLAB: both 8 bytes on 64-bit hosts). */
typedef char gdf_mwindex_size_check[sizeof(mwIndex) == sizeof(ptrdiff_t) ? 1 : -1];

/* ------------------------------------------------------------------ */
/* errors                                                              */
/* ------------------------------------------------------------------ */
void gdf_mex_error(const char *fn, const char *what, const char *fmt, ...)
{
    char id[160], msg[1024];
    va_list ap;
    snprintf(id, sizeof id, "gdflow:%s:%s", fn, what);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mexErrMsgIdAndTxt(id, "%s: %s", fn, msg);
    for (;;) /* mexErrMsgIdAndTxt does not return */
        ;
}

const char *gdf_mex_status_text(int status)
{
    switch (status) {
    case GDF_OK: return "no error";
    case GDF_EARG: return "an argument was out of range";
    case GDF_ECALLBACK: return "a user callback failed";
    case GDF_ELAPACK: return "a LAPACK routine failed";
    case GDF_ENOTSPD: return "a matrix that must be positive definite is not (Cholesky failed)";
    case GDF_ENEWTON: return "Newton's method for an implicit step did not converge";
    case GDF_ENOHESS: return "the problem provides no Hessian";
    case GDF_ESIZE: return "an output was larger than its buffer";
    default: return "an unknown status of the C library";
    }
}

/* Through the interpreter's warning(id, '%s', msg): Octave's
 * mexWarnMsgIdAndTxt prefixes the text with the MEX file's name
 * ("gd_run_mex: ..."), which names a private file the user never called.
 * warning() honours the user's warning states ('off', 'error') the same. */
void gdf_mex_warning(const char *id, const char *fmt, ...)
{
    char msg[1024];
    mxArray *in[3];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    in[0] = mxCreateString(id);
    in[1] = mxCreateString("%s");
    in[2] = mxCreateString(msg);
    mexCallMATLAB(0, NULL, 3, in, "warning");
    mxDestroyArray(in[0]);
    mxDestroyArray(in[1]);
    mxDestroyArray(in[2]);
}

/* ------------------------------------------------------------------ */
/* arrays and scalars                                                  */
/* ------------------------------------------------------------------ */
static const double *dense(const mxArray *a, const char *fn, const char *name, ptrdiff_t *m,
                           ptrdiff_t *n, int finite_only)
{
    const double *x;
    size_t i, k;
    if (!a || !mxIsDouble(a))
        gdf_mex_error(fn, "notDouble", "%s must be a real double array, not %s.", name,
                      a ? mxGetClassName(a) : "missing");
    if (mxIsComplex(a))
        gdf_mex_error(fn, "complex", "%s must be real, not complex.", name);
    if (mxIsSparse(a))
        gdf_mex_error(fn, "sparse", "%s must be a full (not sparse) matrix.", name);
    /* the data BEFORE the size: Octave 7.3 leaks ~80 bytes per call when a
     * MEX asks a diagonal, permutation or range matrix (eye(3), diag(v),
     * P(:, perm), 0:2) for its size (mxGetM/N, mxGetNumberOfDimensions) and
     * then for its data; in this order nothing leaks (tests/README.md) */
    x = mxGetPr(a);
    if (mxGetNumberOfDimensions(a) > 2)
        gdf_mex_error(fn, "badSize", "%s must be a matrix or vector, not an N-D array.", name);
    k = mxGetNumberOfElements(a);
    if (finite_only)
        for (i = 0; i < k; i++)
            if (!(x[i] - x[i] == 0.0))
                gdf_mex_error(fn, "nonFinite",
                              "%s must be finite; entry %lu is %s.", name,
                              (unsigned long)(i + 1), x[i] != x[i] ? "NaN" : "Inf");
    if (m)
        *m = (ptrdiff_t)mxGetM(a);
    if (n)
        *n = (ptrdiff_t)mxGetN(a);
    return x;
}

const double *gdf_mex_dense(const mxArray *a, const char *fn, const char *name, ptrdiff_t *m,
                            ptrdiff_t *n)
{
    return dense(a, fn, name, m, n, 1);
}

const double *gdf_mex_dense_any(const mxArray *a, const char *fn, const char *name,
                                ptrdiff_t *m, ptrdiff_t *n)
{
    return dense(a, fn, name, m, n, 0);
}

/* "0x0", "2x1", "1x0x3" */
static void dims_text(const mxArray *a, char *buf, size_t len)
{
    const mwSize *dv = mxGetDimensions(a);
    mwSize nd = mxGetNumberOfDimensions(a), i;
    size_t used = 0;
    buf[0] = 0;
    for (i = 0; i < nd && used + 24 < len; i++)
        used += (size_t)snprintf(buf + used, len - used, i ? "x%lu" : "%lu", (unsigned long)dv[i]);
}

void gdf_mex_struct1(const mxArray *a, const char *fn, const char *what, const char *name)
{
    char dt[64];
    if (!a || !mxIsStruct(a))
        gdf_mex_error(fn, what, "%s must be a 1x1 struct, not %s.", name,
                      a ? mxGetClassName(a) : "missing");
    if (mxGetNumberOfElements(a) != 1) {
        dims_text(a, dt, sizeof dt);
        gdf_mex_error(fn, what, "%s must be a 1x1 struct, not a %s struct array (%lu elements).",
                      name, dt, (unsigned long)mxGetNumberOfElements(a));
    }
}

/* ------------------------------------------------------------------ */
/* symmetry: one rule, GDF_SYM_RTOL (gdf_mexutil.h)                    */
/* ------------------------------------------------------------------ */
int gdf_mex_asym(const double *A, ptrdiff_t d, double *asym, double *amax, ptrdiff_t *ii,
                 ptrdiff_t *jj)
{
    /* one pass over A, by 32 x 32 tiles below the diagonal and their
     * mirrors (the transposed reads stay in cache): max|A|, max|A - A'|
     * and finiteness together, so that a problem's A is read once */
    enum { B = 32 };
    double am = 0.0, as = 0.0;
    ptrdiff_t i, j, I, J, bi = 0, bj = 0;
    for (J = 0; J < d; J += B)
        for (I = J; I < d; I += B) {
            ptrdiff_t je = J + B < d ? J + B : d, ie = I + B < d ? I + B : d;
            for (j = J; j < je; j++)
                for (i = (I > j ? I : j); i < ie; i++) {
                    double x = A[i + j * d], y = A[j + i * d], v = fabs(x - y);
                    if (!(x - x == 0.0) || !(y - y == 0.0)) {
                        if (ii)
                            *ii = (x - x == 0.0 ? j : i) + 1;
                        if (jj)
                            *jj = (x - x == 0.0 ? i : j) + 1;
                        return -1;
                    }
                    if (fabs(x) > am)
                        am = fabs(x);
                    if (fabs(y) > am)
                        am = fabs(y);
                    if (v > as) {
                        as = v;
                        bi = i;
                        bj = j;
                    }
                }
        }
    if (asym)
        *asym = as;
    if (amax)
        *amax = am;
    if (ii)
        *ii = bi + 1;
    if (jj)
        *jj = bj + 1;
    return as > GDF_SYM_RTOL * am;
}

int gdf_mex_asym_sparse(const mxArray *A, const char *fn, double *asym, double *amax, ptrdiff_t *ii,
                        ptrdiff_t *jj)
{
    const double *Ax = mxGetPr(A);
    const mwIndex *Jc = mxGetJc(A), *Ir = mxGetIr(A);
    ptrdiff_t n = (ptrdiff_t)mxGetN(A), i, j, bi = 0, bj = 0;
    size_t nnz = (size_t)Jc[n], k, *Tp, *next;
    ptrdiff_t *Ti;
    double *Tx, am = 0.0, as = 0.0;
    gdf_mex_check_alloc(fn, "the symmetry check of A", 2.0 * (double)nnz + 2.0 * (double)n);
    Tp = (size_t *)mxMalloc(((size_t)n + 1) * sizeof(size_t));
    next = (size_t *)mxMalloc(((size_t)n + 1) * sizeof(size_t));
    Ti = (ptrdiff_t *)mxMalloc((nnz + 1) * sizeof(ptrdiff_t));
    Tx = (double *)mxMalloc((nnz + 1) * sizeof(double));
    /* the transpose (row-major copy) by counting; rows come out sorted */
    memset(Tp, 0, ((size_t)n + 1) * sizeof(size_t));
    for (k = 0; k < nnz; k++) {
        Tp[Ir[k] + 1]++;
        if (fabs(Ax[k]) > am)
            am = fabs(Ax[k]);
    }
    for (i = 0; i < n; i++)
        Tp[i + 1] += Tp[i];
    memcpy(next, Tp, ((size_t)n + 1) * sizeof(size_t));
    for (j = 0; j < n; j++)
        for (k = (size_t)Jc[j]; k < (size_t)Jc[j + 1]; k++) {
            size_t q = next[Ir[k]]++;
            Ti[q] = j;
            Tx[q] = Ax[k];
        }
    /* column j of A against column j of A' (row j of A): merge by row index */
    for (j = 0; j < n; j++) {
        size_t a = Jc[j], ae = Jc[j + 1], t = Tp[j], te = Tp[j + 1];
        while (a < ae || t < te) {
            ptrdiff_t ra = a < ae ? (ptrdiff_t)Ir[a] : n, rt = t < te ? Ti[t] : n, r;
            double v;
            if (ra == rt) {
                v = fabs(Ax[a++] - Tx[t++]);
                r = ra;
            } else if (ra < rt) {
                v = fabs(Ax[a++]);
                r = ra;
            } else {
                v = fabs(Tx[t++]);
                r = rt;
            }
            if (v > as) {
                as = v;
                bi = r;
                bj = j;
            }
        }
    }
    mxFree(Tp);
    mxFree(next);
    mxFree(Ti);
    mxFree(Tx);
    if (asym)
        *asym = as;
    if (amax)
        *amax = am;
    if (ii)
        *ii = bi + 1;
    if (jj)
        *jj = bj + 1;
    return as > GDF_SYM_RTOL * am;
}

static int is_real_scalar(const mxArray *a)
{
    return a && mxIsNumeric(a) && !mxIsComplex(a) && mxGetNumberOfElements(a) == 1 &&
           !mxIsSparse(a);
}

double gdf_mex_scalar(const mxArray *a, const char *fn, const char *name)
{
    double v;
    if (!is_real_scalar(a))
        gdf_mex_error(fn, "notScalar", "%s must be a real numeric scalar.", name);
    v = mxGetScalar(a);
    if (!(v - v == 0.0))
        gdf_mex_error(fn, "nonFinite", "%s must be finite.", name);
    return v;
}

int gdf_mex_is_string(const mxArray *a)
{
    return a && mxIsChar(a) && mxGetNumberOfDimensions(a) == 2 &&
           (mxGetM(a) == 1 || mxGetNumberOfElements(a) == 0);
}

void gdf_mex_string(const mxArray *a, const char *fn, const char *name, char *buf, size_t len)
{
    size_t i;
    if (!gdf_mex_is_string(a))
        gdf_mex_error(fn, "notString", "%s must be a character vector.", name);
    if (mxGetString(a, buf, (mwSize)len) != 0)
        gdf_mex_error(fn, "notString", "%s is too long (at most %lu characters).", name,
                      (unsigned long)(len - 1));
    for (i = 0; buf[i]; i++)
        buf[i] = (char)tolower((unsigned char)buf[i]);
}

/* ------------------------------------------------------------------ */
/* options                                                             */
/* ------------------------------------------------------------------ */
/* the tables, from the lists in gdf_opt_gd_run.h / gdf_opt_gf_run.h, which
 * the gateways expand into their option enums */
static const gdf_optspec GD_RUN_SPEC[] = {GDF_GD_RUN_OPTIONS(GDF_OPT_X_ROW)};
static const gdf_optspec GF_RUN_SPEC[] = {GDF_GF_RUN_OPTIONS(GDF_OPT_X_ROW)};
GDF_STATIC_ASSERT(sizeof GD_RUN_SPEC / sizeof GD_RUN_SPEC[0] == GDF_GD_RUN_NOPT, gd_run_nopt);
GDF_STATIC_ASSERT(sizeof GF_RUN_SPEC / sizeof GF_RUN_SPEC[0] == GDF_GF_RUN_NOPT, gf_run_nopt);

const gdf_optspec *gdf_mex_optspec(const char *fn, int *nspec)
{
    if (strcmp(fn, "gd_run") == 0) {
        *nspec = (int)(sizeof GD_RUN_SPEC / sizeof GD_RUN_SPEC[0]);
        return GD_RUN_SPEC;
    }
    if (strcmp(fn, "gf_run") == 0) {
        *nspec = (int)(sizeof GF_RUN_SPEC / sizeof GF_RUN_SPEC[0]);
        return GF_RUN_SPEC;
    }
    *nspec = 0;
    return NULL;
}

/* case-insensitive comparison that also ignores blanks */
static int same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        if (!*a)
            return 1;
        a++;
        b++;
    }
}

static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), i, j;
    int row[64];
    if (la > 63 || lb > 63)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

static int find_option(const char *fn, const gdf_optspec *spec, int nspec, const char *name,
                       int complain)
{
    int i, best = -1, bestd = 1 << 30;
    for (i = 0; i < nspec; i++)
        if (same_name(spec[i].name, name))
            return i;
    if (!complain)
        return -1;
    for (i = 0; i < nspec; i++) {
        int dd = edit_distance(name, spec[i].name);
        if (dd < bestd) {
            bestd = dd;
            best = i;
        }
    }
    {
        char list[512] = "";
        for (i = 0; i < nspec; i++) {
            strncat(list, spec[i].name, sizeof list - strlen(list) - 3);
            if (i + 1 < nspec)
                strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        if (best >= 0 && bestd <= 3)
            gdf_mex_error(fn, "unknownOption", "unknown option '%s'; did you mean '%s'? Valid options: %s.",
                          name, spec[best].name, list);
        gdf_mex_error(fn, "unknownOption", "unknown option '%s'. Valid options: %s.", name, list);
    }
}

/* index of s among the '|'-separated choices, or -1 */
static int find_choice(const char *choices, const char *s)
{
    int idx = 0;
    const char *p = choices;
    char buf[64];
    while (*p) {
        size_t n = strcspn(p, "|");
        if (n < sizeof buf) {
            memcpy(buf, p, n);
            buf[n] = 0;
            if (same_name(buf, s))
                return idx;
        }
        p += n;
        if (*p == '|')
            p++;
        idx++;
    }
    return -1;
}

static void set_option(const char *fn, const gdf_optspec *sp, const mxArray *v, gdf_optval *out)
{
    char s[64];
    double x = NAN;
    int numeric = is_real_scalar(v) && !mxIsLogical(v);
    if (numeric)
        x = mxGetScalar(v);
    out->arr = v;
    out->choice = -1;
    switch (sp->kind) {
    case GDF_OPT_POS:
        if (!numeric || !(x > 0.0))
            gdf_mex_error(fn, "badOption", "option %s must be a positive real scalar.", sp->name);
        break;
    case GDF_OPT_NONNEG:
        if (!numeric || !(x >= 0.0))
            gdf_mex_error(fn, "badOption", "option %s must be a non-negative real scalar.",
                          sp->name);
        break;
    case GDF_OPT_REAL:
        if (!numeric || !(x - x == 0.0))
            gdf_mex_error(fn, "badOption", "option %s must be a finite real scalar.", sp->name);
        break;
    case GDF_OPT_COUNT:
        if (!numeric || !(x >= 0.0) || (isfinite(x) && x != floor(x)))
            gdf_mex_error(fn, "badOption",
                          "option %s must be a non-negative integer (or Inf).", sp->name);
        if (x >= 9.0e15) /* beyond 2^53 no count is exact, and (long)1e308 */
            x = INFINITY; /* is undefined: such a limit means no limit     */
        break;
    case GDF_OPT_ENUM:
    case GDF_OPT_POS_OR_ENUM:
        if (sp->kind == GDF_OPT_POS_OR_ENUM && numeric) {
            if (!(x > 0.0) || !isfinite(x))
                gdf_mex_error(fn, "badOption",
                              "option %s must be a positive finite number or one of '%s'.",
                              sp->name, sp->choices);
            break;
        }
        if (!gdf_mex_is_string(v) || mxGetNumberOfElements(v) >= sizeof s)
            goto bad_choice;
        mxGetString(v, s, sizeof s);
        out->choice = find_choice(sp->choices, s);
        if (out->choice < 0)
            goto bad_choice;
        break;
    case GDF_OPT_HANDLE:
        if (!mxIsEmpty(v) && mxGetClassID(v) != mxFUNCTION_CLASS)
            gdf_mex_error(fn, "badOption", "option %s must be a function handle (or []).",
                          sp->name);
        break;
    default:
        break;
    }
    out->num = x;
    out->set = 1;
    return;
bad_choice:
    gdf_mex_error(fn, "badOption", "option %s must be %s'%s' (choices separated by |).",
                  sp->name, sp->kind == GDF_OPT_POS_OR_ENUM ? "a positive number or one of " : "one of ",
                  sp->choices);
}

void gdf_mex_options(const char *fn, const gdf_optspec *spec, int nspec, int n,
                     const mxArray *const *args, gdf_optval *val)
{
    int i = 0, j;
    for (j = 0; j < nspec; j++) {
        val[j].set = 0;
        val[j].num = NAN;
        val[j].choice = -1;
        val[j].arr = NULL;
    }
    while (i < n) {
        const mxArray *a = args[i];
        if (mxIsStruct(a)) {
            int nf = mxGetNumberOfFields(a), f;
            if (mxGetNumberOfElements(a) != 1) { /* before any field is read */
                char dt[64];
                dims_text(a, dt, sizeof dt);
                gdf_mex_error(fn, "badOption", "an options struct must be a 1x1 struct, not a %s "
                                               "struct array (argument position %d).", dt, i + 1);
            }
            for (f = 0; f < nf; f++) {
                const char *name = mxGetFieldNameByNumber(a, f);
                const mxArray *v = mxGetFieldByNumber(a, 0, f);
                int k;
                if (!v || mxIsEmpty(v))
                    continue; /* unset, as in optimset */
                k = find_option(fn, spec, nspec, name, 1);
                set_option(fn, &spec[k], v, &val[k]);
            }
            i++;
            continue;
        }
        if (!gdf_mex_is_string(a)) {
            gdf_mex_error(fn, "badOption",
                          "expected an option name (a character vector) or an options struct "
                          "at argument position %d.", i + 1);
        }
        {
            char name[64];
            int k;
            if (mxGetNumberOfElements(a) >= sizeof name)
                gdf_mex_error(fn, "unknownOption", "option name too long.");
            mxGetString(a, name, sizeof name);
            k = find_option(fn, spec, nspec, name, 1);
            if (i + 1 >= n)
                gdf_mex_error(fn, "missingValue", "option %s has no value.", spec[k].name);
            set_option(fn, &spec[k], args[i + 1], &val[k]);
            i += 2;
        }
    }
}

/* ------------------------------------------------------------------ */
/* problems                                                            */
/* ------------------------------------------------------------------ */
static const mxArray *field(const mxArray *s, const char *name)
{
    return mxGetField(s, 0, name);
}

/* An optional real double scalar field (NaN when absent or []); present
 * with another class or size it is an error (it used to read as NaN). */
static double opt_field_scalar(const mxArray *s, const char *name, const char *fn)
{
    const mxArray *v = field(s, name);
    if (!v || mxIsEmpty(v))
        return NAN;
    if (!is_real_scalar(v) || !mxIsDouble(v))
        gdf_mex_error(fn, "badProblem", "problem field %s must be a real double scalar (or []), "
                                        "not a %s of %lu elements.", name, mxGetClassName(v),
                      (unsigned long)mxGetNumberOfElements(v));
    return mxGetScalar(v);
}

/* optional vector of length d (NULL when absent or empty) */
static const double *opt_vector(const mxArray *s, const char *name, ptrdiff_t d, const char *fn)
{
    const mxArray *v = field(s, name);
    char what[64];
    ptrdiff_t m, n;
    const double *x;
    if (!v || mxIsEmpty(v))
        return NULL;
    snprintf(what, sizeof what, "problem field %s", name);
    x = gdf_mex_dense(v, fn, what, &m, &n);
    if (!((m == d && n == 1) || (m == 1 && n == d)))
        gdf_mex_error(fn, "badProblem", "problem field %s must be a vector of length %ld.", name,
                      (long)d);
    return x;
}

/* Ctrl-C.  SIGINT only sets a flag that the interpreter reads between
 * statements, so a C loop that never returns to it cannot be interrupted.
 * Evaluating a string with mexEvalString (documented MEX API) makes Octave
 * read the flag: a pending interrupt then unwinds the MEX call (Octave frees
 * every mxMalloc'd buffer and mxArray on the way) back to the prompt.  In
 * MATLAB, drawnow is the documented way to let Ctrl+C through.  Every
 * evaluation of the objective counts; the clock is read every poll_stride
 * evaluations (the stride adapts so that this happens about every
 * millisecond) and the string is evaluated at most every GDF_POLL_SECONDS
 * (no measurable cost: tests/README.md has the measurements and the test). */
#define GDF_POLL_SECONDS 0.1
static void poll_interrupt(gdf_mex_problem *mp)
{
    double t;
    if (++mp->poll_count < mp->poll_stride)
        return;
    mp->poll_count = 0;
    t = gdf_now();
    if (t - mp->poll_tcheck < 5e-4) {
        if (mp->poll_stride < 1048576L)
            mp->poll_stride *= 2;
    } else if (t - mp->poll_tcheck > 2e-3 && mp->poll_stride > 1) {
        mp->poll_stride /= 2;
    }
    mp->poll_tcheck = t;
    if (t - mp->poll_tlast >= GDF_POLL_SECONDS) {
        mp->poll_tlast = t;
#ifdef HAVE_OCTAVE
        mexEvalString("");
#else
        mexEvalString("drawnow;");
#endif
    }
}

/* The C families keep their data in mp->u and the library hands that
 * back as ctx: the problem is found from it, ctx itself is left alone (so
 * hess, hessvec and whatever the vtable gains later keep working). */
static gdf_mex_problem *problem_of(void *ctx)
{
    return (gdf_mex_problem *)((char *)ctx - offsetof(gdf_mex_problem, u));
}

static int poll_fg(void *ctx, const double *x, double *f, double *g)
{
    gdf_mex_problem *mp = problem_of(ctx);
    poll_interrupt(mp);
    return mp->inner.fg(ctx, x, f, g);
}

static int poll_fg_batch(void *ctx, ptrdiff_t m, const double *X, double *f, double *G)
{
    gdf_mex_problem *mp = problem_of(ctx);
    poll_interrupt(mp);
    return mp->inner.fg_batch(ctx, m, X, f, G);
}

static int handle_fg(void *ctx, const double *x, double *f, double *g)
{
    gdf_mex_problem *mp = (gdf_mex_problem *)ctx;
    ptrdiff_t d = mp->p.d;
    mxArray *in[2], *out[2] = {NULL, NULL};
    int nout = g ? 2 : 1;
    poll_interrupt(mp); /* a handle to a built-in never reads the flag */
    in[0] = (mxArray *)mp->src;
    in[1] = mxCreateDoubleMatrix((mwSize)d, 1, mxREAL);
    memcpy(mxGetPr(in[1]), x, (size_t)d * sizeof(double));
    mp->calls++;
    /* an error thrown by the handle propagates from here, unchanged */
    mexCallMATLAB(nout, out, 2, in, "feval");
    mxDestroyArray(in[1]);
    if (!out[0] || !mxIsDouble(out[0]) || mxIsComplex(out[0]) ||
        mxGetNumberOfElements(out[0]) != 1 || mxIsSparse(out[0]))
        gdf_mex_error(mp->fn, "badHandleOutput",
                      "the objective handle must return f as a real double scalar "
                      "(call %ld returned %s).",
                      mp->calls, out[0] ? mxGetClassName(out[0]) : "nothing");
    if (f)
        *f = mxGetScalar(out[0]);
    mxDestroyArray(out[0]);
    if (g) {
        if (!out[1] || !mxIsDouble(out[1]) || mxIsComplex(out[1]) || mxIsSparse(out[1]) ||
            (ptrdiff_t)mxGetNumberOfElements(out[1]) != d)
            gdf_mex_error(mp->fn, "badHandleOutput",
                          "the objective handle must return [f, g] with g a real double vector "
                          "of %ld elements (got %lu elements of class %s).",
                          (long)d, out[1] ? (unsigned long)mxGetNumberOfElements(out[1]) : 0UL,
                          out[1] ? mxGetClassName(out[1]) : "none");
        memcpy(g, mxGetPr(out[1]), (size_t)d * sizeof(double));
        mxDestroyArray(out[1]);
    }
    return GDF_OK;
}

/* One helper per problem family, then the checks they share.  The order
 * in which the checks fire is part of the interface (tests/m/
 * test_trust_gate.m, test_hardening.m and tests/fuzz pin the first error
 * a bad struct raises): each helper keeps its family's order. */

/* a function handle [f, g] = fun(theta) of dimension d */
static void problem_handle(ptrdiff_t d, const char *fn, gdf_mex_problem *mp)
{
    if (d < 1)
        gdf_mex_error(fn, "badProblem", "a function handle needs a starting point theta0.");
    mp->kind = GDF_KIND_HANDLE;
    memset(&mp->p, 0, sizeof mp->p);
    mp->p.d = d;
    mp->p.ctx = mp;
    mp->p.fg = handle_fg;
    mp->p.L = mp->p.mu = NAN;
}

/* the checks every problem struct passes before its family reads it:
 * a 1x1 struct with a string field type (copied into type) */
static void problem_struct_type(const mxArray *fun, const char *fn, char *type, size_t len)
{
    if (!fun || !mxIsStruct(fun))
        gdf_mex_error(fn, "badProblem",
                      "the objective must be a function handle returning [f, g] or a problem "
                      "struct from gd_quadratic, gd_leastsq, gd_logistic or gd_testfun.");
    /* before any field is read: p([]) or [p; p] is no problem */
    gdf_mex_struct1(fun, fn, "badProblem", "the problem (from gd_quadratic, gd_leastsq, "
                                           "gd_logistic or gd_testfun)");
    if (!field(fun, "type"))
        gdf_mex_error(fn, "badProblem",
                      "the problem struct has no field type: make it with gd_quadratic, "
                      "gd_leastsq, gd_logistic or gd_testfun.");
    gdf_mex_string(field(fun, "type"), fn, "problem field type", type, len);
}

/* The CSC index arrays of a sparse mxArray (n columns) as ptrdiff_t, for
 * the library: mxGetJc / mxGetIr (mwIndex) in place when mwIndex and
 * ptrdiff_t have the same size (every 64-bit build), else converted into
 * mxMalloc'd copies (a build with 32-bit mwIndex, e.g. MATLAB's
 * -compatibleArrayDims, or an Octave without 64-bit indexing). */
static void sparse_index(const mxArray *a, size_t n, const ptrdiff_t **pp, const ptrdiff_t **pi)
{
    const mwIndex *jc = mxGetJc(a), *ir = mxGetIr(a);
    size_t k, nnz = (size_t)jc[n];
    if (sizeof(mwIndex) == sizeof(ptrdiff_t)) {
        *pp = (const ptrdiff_t *)(const void *)jc;
        *pi = (const ptrdiff_t *)(const void *)ir;
    } else {
        ptrdiff_t *cp = (ptrdiff_t *)mxMalloc((n + 1) * sizeof(ptrdiff_t));
        ptrdiff_t *ci = (ptrdiff_t *)mxMalloc((nnz > 0 ? nnz : 1) * sizeof(ptrdiff_t));
        for (k = 0; k <= n; k++)
            cp[k] = (ptrdiff_t)jc[k];
        for (k = 0; k < nnz; k++)
            ci[k] = (ptrdiff_t)ir[k];
        *pp = cp;
        *pi = ci;
    }
}

/* Field A of a quadratic: a real double, square, finite, symmetric matrix
 * (dense or sparse).  Returns its order. */
static ptrdiff_t quadratic_check_A(const mxArray *A, const char *fn)
{
    ptrdiff_t m, n, ai = 0, aj = 0;
    double asym = 0.0, amax = 0.0;
    int nonsym;
    if (!A || !mxIsDouble(A) || mxIsComplex(A))
        gdf_mex_error(fn, "badProblem", "problem field A must be a real double matrix.");
    (void)mxGetPr(A); /* the data before the size (the leak in dense()) */
    if (mxGetNumberOfDimensions(A) != 2)
        gdf_mex_error(fn, "badProblem", "problem field A must be a real double matrix.");
    m = (ptrdiff_t)mxGetM(A);
    n = (ptrdiff_t)mxGetN(A);
    if (m != n || m < 1)
        gdf_mex_error(fn, "badProblem", "problem field A must be square and non-empty (it is %ldx%ld).",
                      (long)m, (long)n);
    if (mxIsSparse(A)) {
        const double *Ax = mxGetPr(A);
        const mwIndex *Jc = mxGetJc(A);
        size_t k, nnz = (size_t)Jc[n];
        for (k = 0; k < nnz; k++)
            if (!(Ax[k] - Ax[k] == 0.0))
                gdf_mex_error(fn, "nonFinite", "problem field A has non-finite entries.");
        nonsym = gdf_mex_asym_sparse(A, fn, &asym, &amax, &ai, &aj);
    } else {
        /* finiteness in the same single pass as the symmetry */
        nonsym = gdf_mex_asym(gdf_mex_dense_any(A, fn, "problem field A", NULL, NULL), n, &asym,
                              &amax, &ai, &aj);
        if (nonsym < 0)
            gdf_mex_error(fn, "nonFinite", "problem field A must be finite; A(%ld,%ld) is not.",
                          (long)ai, (long)aj);
    }
    /* the library reads one triangle of A: a nonsymmetric A would give
     * the gradient of the symmetric part of neither triangle */
    if (nonsym)
        gdf_mex_error(fn, "notSymmetric",
                      "problem field A must be symmetric: |A(%ld,%ld) - A(%ld,%ld)| = %.3g exceeds "
                      "%g * max|A| = %.3g. A nonsymmetric A defines no objective f; build the "
                      "problem with gd_quadratic((A + A')/2, b), or use gf_exact for the linear "
                      "flow of a general A.", (long)ai, (long)aj, (long)aj, (long)ai, asym,
                      GDF_SYM_RTOL, GDF_SYM_RTOL * amax);
    return n;
}

/* gd_quadratic: f = 1/2 x'Ax - b'x + c, A dense or sparse */
static void problem_quadratic(const mxArray *fun, const char *fn, gdf_mex_problem *mp)
{
    const mxArray *A = field(fun, "A"), *c = field(fun, "c");
    ptrdiff_t n = quadratic_check_A(A, fn);
    if (mxIsSparse(A)) {
        mp->kind = GDF_KIND_SQUAD;
        mp->u.squad.d = n;
        sparse_index(A, (size_t)n, &mp->u.squad.Ap, &mp->u.squad.Ai);
        mp->u.squad.Ax = mxGetPr(A);
        mp->u.squad.b = opt_vector(fun, "b", n, fn);
        mp->u.squad.c = (c && !mxIsEmpty(c)) ? gdf_mex_scalar(c, fn, "problem field c") : 0.0;
        gdf_problem_squad(&mp->p, &mp->u.squad);
    } else {
        mp->kind = GDF_KIND_QUAD;
        mp->u.quad.d = n;
        mp->u.quad.A = gdf_mex_dense(A, fn, "problem field A", NULL, NULL);
        mp->u.quad.b = opt_vector(fun, "b", n, fn);
        mp->u.quad.c = (c && !mxIsEmpty(c)) ? gdf_mex_scalar(c, fn, "problem field c") : 0.0;
        gdf_problem_quad(&mp->p, &mp->u.quad);
    }
}

/* The fields gd_leastsq and gd_logistic share whatever X is (dense or
 * sparse): y (m entries; 0/1 for logistic), lambda >= 0 and the optional
 * threads (0 or [] automatic, k >= 1 at most k). */
static void data_common(const mxArray *fun, const char *fn, int logistic, ptrdiff_t m,
                        const double **y_out, double *lambda, int *threads)
{
    const mxArray *lam = field(fun, "lambda"), *th = field(fun, "threads");
    const double *y = opt_vector(fun, "y", m, fn);
    ptrdiff_t i;
    if (!y)
        gdf_mex_error(fn, "badProblem", "problem field y is missing.");
    if (logistic)
        for (i = 0; i < m; i++)
            if (y[i] != 0.0 && y[i] != 1.0)
                gdf_mex_error(fn, "badProblem", "logistic labels y must be 0 or 1 (y(%ld) = %g).",
                              (long)(i + 1), y[i]);
    *y_out = y;
    *lambda = (lam && !mxIsEmpty(lam)) ? gdf_mex_scalar(lam, fn, "problem field lambda") : 0.0;
    if (*lambda < 0.0)
        gdf_mex_error(fn, "badProblem", "problem field lambda must be >= 0.");
    if (th && !mxIsEmpty(th)) {
        double t = is_real_scalar(th) ? mxGetScalar(th) : NAN;
        if (!(t >= 0.0 && t <= 1024.0 && t == floor(t)))
            gdf_mex_error(fn, "badProblem",
                          "problem field threads must be 0 (automatic) or a positive integer <= 1024.");
        *threads = (int)t;
    }
}

/* The data of gd_leastsq / gd_logistic (X, y, lambda, threads) into q,
 * with its workspace.  xkey != NULL: X's finiteness check also computes
 * its fingerprint (gdf_gram_key) in the same pass. */
static void problem_data_fields(const mxArray *fun, const char *fn, int logistic, gdf_data *q,
                                uint64_t *xkey)
{
    ptrdiff_t m, p;
    memset(q, 0, sizeof *q);
    if (xkey) {
        ptrdiff_t bad;
        q->X = gdf_mex_dense_any(field(fun, "X"), fn, "problem field X", &m, &p);
        bad = gdf_gram_key(q->X, (size_t)m * (size_t)p, xkey);
        if (bad >= 0) /* dense()'s message */
            gdf_mex_error(fn, "nonFinite", "problem field X must be finite; entry %lu is %s.",
                          (unsigned long)(bad + 1), q->X[bad] != q->X[bad] ? "NaN" : "Inf");
    } else
        q->X = gdf_mex_dense(field(fun, "X"), fn, "problem field X", &m, &p);
    if (m < 1 || p < 1)
        gdf_mex_error(fn, "badProblem", "problem field X must be non-empty.");
    q->m = m;
    q->p = p;
    data_common(fun, fn, logistic, m, &q->y, &q->lambda, &q->threads);
    q->work = (double *)mxMalloc(gdf_data_work(m, p) * sizeof(double));
}

/* X sparse (issue 14): a real double sparse matrix with finite values,
 * handed to the library as CSC (gdf_sdata) without a copy of the values;
 * the index arrays through sparse_index (in place on 64-bit builds).  The
 * Gram form is never used with a sparse X (its p x p matrix is dense: for
 * the long, wide text-classification X this path is for, p^2 is the memory
 * the user does not have; a small-p X gains nothing from being sparse). */
static void problem_sdata_fields(const mxArray *fun, const char *fn, int logistic, gdf_sdata *q)
{
    const mxArray *X = field(fun, "X");
    const mwIndex *jc;
    const double *xv;
    ptrdiff_t m, p;
    size_t k, nnz;
    memset(q, 0, sizeof *q);
    if (!mxIsDouble(X))
        gdf_mex_error(fn, "notDouble", "problem field X must be a real double matrix, not %s.",
                      mxGetClassName(X));
    if (mxIsComplex(X))
        gdf_mex_error(fn, "complex", "problem field X must be real, not complex.");
    xv = mxGetPr(X);
    m = (ptrdiff_t)mxGetM(X);
    p = (ptrdiff_t)mxGetN(X);
    if (m < 1 || p < 1)
        gdf_mex_error(fn, "badProblem", "problem field X must be non-empty.");
    jc = mxGetJc(X);
    nnz = (size_t)jc[p];
    for (k = 0; k < nnz; k++)
        if (!(xv[k] - xv[k] == 0.0))
            gdf_mex_error(fn, "nonFinite", "problem field X must be finite (it has NaN or Inf "
                                           "entries).");
    q->m = m;
    q->p = p;
    q->Xx = xv;
    data_common(fun, fn, logistic, m, &q->y, &q->lambda, &q->threads);
    sparse_index(X, (size_t)p, &q->Xp, &q->Xi);
    gdf_mex_check_alloc(fn, "the workspace of the sparse X", (double)gdf_sdata_work(m, p));
    q->work = (double *)mxMalloc(gdf_sdata_work(m, p) * sizeof(double));
}

/* Least squares: the Gram form (gdf_gram.h) once it pays (the switch rule
 * is gdf_gram_switch_default's alone); the optional field gram = 'auto'
 * (default), 'on' (from the first evaluation) or 'off' (always one pass
 * over X).  Returns the evaluation after which to switch, -1 never. */
static long leastsq_gram_switch(const mxArray *fun, const char *fn, ptrdiff_t m, ptrdiff_t p)
{
    const mxArray *gm = field(fun, "gram");
    char c[8] = "";
    if (!gm || mxIsEmpty(gm))
        return gdf_gram_switch_default(m, p);
    if (gdf_mex_is_string(gm) && mxGetNumberOfElements(gm) < sizeof c)
        gdf_mex_string(gm, fn, "problem field gram", c, sizeof c);
    else if ((mxIsLogical(gm) || mxIsNumeric(gm)) && mxGetNumberOfElements(gm) == 1)
        strcpy(c, mxGetScalar(gm) != 0.0 ? "on" : "off");
    if (strcmp(c, "on") == 0)
        return p <= GDF_GRAM_PMAX ? 0 : -1;
    if (strcmp(c, "off") == 0)
        return -1;
    if (strcmp(c, "auto") != 0)
        gdf_mex_error(fn, "badProblem", "problem field gram must be 'auto', 'on' or 'off'.");
    return gdf_gram_switch_default(m, p);
}

/* The G that gd_leastsq formed (fields G and Gkey), if it is there, of the
 * right class and size, and its fingerprint matches X, y and G as they are
 * now (an edited X, y or G, or a G of another problem, is not used: the run
 * forms its own).  NULL otherwise.  xkey: X's fingerprint.  *anchor: the
 * field Ganchor when it too is of the right size and matches, else NULL. */
static const double *leastsq_given_gram(const mxArray *fun, const gdf_data *dq, const uint64_t *xkey,
                                        const double **anchor)
{
    const mxArray *G = field(fun, "G"), *K = field(fun, "Gkey"), *A = field(fun, "Ganchor");
    const uint64_t *k;
    const double *Gp;
    uint64_t yk[2], gk[2];
    *anchor = NULL;
    if (!G || !K || !mxIsDouble(G) || mxIsComplex(G) || mxIsSparse(G) || !mxIsUint64(K) ||
        mxGetNumberOfElements(K) != 8)
        return NULL;
    Gp = mxGetPr(G); /* the data before the size (dense()) */
    if (mxGetNumberOfDimensions(G) != 2 || (ptrdiff_t)mxGetM(G) != dq->p ||
        (ptrdiff_t)mxGetN(G) != dq->p)
        return NULL;
    k = (const uint64_t *)mxGetData(K);
    if (k[0] != xkey[0] || k[1] != xkey[1])
        return NULL;
    (void)gdf_gram_key(dq->y, (size_t)dq->m, yk);
    if (k[2] != yk[0] || k[3] != yk[1])
        return NULL;
    (void)gdf_gram_key(Gp, (size_t)dq->p * (size_t)dq->p, gk);
    if (k[4] != gk[0] || k[5] != gk[1])
        return NULL;
    if (A && mxIsDouble(A) && !mxIsComplex(A) && !mxIsSparse(A) &&
        mxGetNumberOfElements(A) == (size_t)(2 * dq->p + 1)) {
        const double *Ap = mxGetPr(A);
        (void)gdf_gram_key(Ap, (size_t)(2 * dq->p + 1), gk);
        if (k[6] == gk[0] && k[7] == gk[1])
            *anchor = Ap;
    }
    return Gp;
}

/* gd_leastsq and gd_logistic */
static void problem_data(const mxArray *fun, const char *fn, int logistic, gdf_mex_problem *mp)
{
    gdf_data dq; /* filled here, then copied into the union member used */
    long sw;
    const mxArray *X = field(fun, "X");
    uint64_t xkey[2];
    const mxArray *Gf;
    int want_key;
    mp->kind = logistic ? GDF_KIND_LOGISTIC : GDF_KIND_LEASTSQ;
    if (X && mxIsSparse(X)) {
        mp->sparse_x = 1;
        problem_sdata_fields(fun, fn, logistic, &mp->u.sdata);
        if (logistic)
            gdf_problem_logistic_sparse(&mp->p, &mp->u.sdata);
        else
            gdf_problem_leastsq_sparse(&mp->p, &mp->u.sdata);
        return;
    }
    Gf = logistic ? NULL : field(fun, "G");
    want_key = Gf && !mxIsEmpty(Gf);
    problem_data_fields(fun, fn, logistic, &dq, want_key ? xkey : NULL);
    if (logistic) {
        mp->u.data = dq;
        gdf_problem_logistic(&mp->p, &mp->u.data);
        return;
    }
    sw = leastsq_gram_switch(fun, fn, dq.m, dq.p);
    if (sw >= 0) {
        gdf_lsgram *lg = &mp->u.lsgram;
        gdf_mex_check_alloc(fn, "the Gram matrix X'X", (double)gdf_gram_work(dq.m, dq.p));
        memset(lg, 0, sizeof *lg);
        lg->data = dq;
        lg->switch_after = sw;
        /* gd_leastsq's G: the Gram form from the first evaluation */
        lg->G_in = want_key ? leastsq_given_gram(fun, &dq, xkey, &lg->anchor_in) : NULL;
        if (lg->G_in)
            lg->switch_after = 0;
        lg->work = (double *)mxMalloc(gdf_gram_work(dq.m, dq.p) * sizeof(double));
        gdf_problem_leastsq_gram(&mp->p, lg);
    } else {
        mp->u.data = dq;
        gdf_problem_leastsq(&mp->p, &mp->u.data);
    }
}

/* gd_testfun: Rosenbrock (any d >= 2, params [a b]), Beale, Himmelblau */
static void problem_testfun(const mxArray *fun, const char *fn, gdf_mex_problem *mp)
{
    char name[32];
    gdf_testfun *q = &mp->u.tf;
    double dd = opt_field_scalar(fun, "d", fn);
    gdf_mex_string(field(fun, "name"), fn, "problem field name", name, sizeof name);
    if (strcmp(name, "rosenbrock") == 0)
        q->kind = GDF_TF_ROSENBROCK;
    else if (strcmp(name, "beale") == 0)
        q->kind = GDF_TF_BEALE;
    else if (strcmp(name, "himmelblau") == 0)
        q->kind = GDF_TF_HIMMELBLAU;
    else
        gdf_mex_error(fn, "badProblem", "unknown test function '%s'.", name);
    if (!(dd >= 2.0) || dd != floor(dd) || dd > 1e9 || (q->kind != GDF_TF_ROSENBROCK && dd != 2.0))
        gdf_mex_error(fn, "badProblem", "problem field d is invalid for test function '%s'.", name);
    q->d = (ptrdiff_t)dd;
    q->a = 1.0;
    q->b = 100.0;
    if (q->kind == GDF_TF_ROSENBROCK) {
        const mxArray *pa = field(fun, "params");
        if (pa && !mxIsEmpty(pa)) {
            ptrdiff_t pm, pn;
            const double *pv = gdf_mex_dense(pa, fn, "problem field params", &pm, &pn);
            if (pm * pn != 2)
                gdf_mex_error(fn, "badProblem", "rosenbrock params must be [a b].");
            q->a = pv[0];
            q->b = pv[1];
        }
    }
    mp->kind = GDF_KIND_TESTFUN;
    gdf_problem_testfun(&mp->p, q);
}

/* The constants the constructors record: checked as far as they can be
 * without the spectrum (L and mu are eigenvalues of a symmetric matrix,
 * f_star a finite minimum or -Inf when f is unbounded below); then the
 * field d and theta0's length against the data. */
static void problem_constants(const mxArray *fun, ptrdiff_t d, const char *fn, gdf_mex_problem *mp)
{
    mp->p.L = opt_field_scalar(fun, "L", fn);
    mp->p.mu = opt_field_scalar(fun, "mu", fn);
    mp->f_star = opt_field_scalar(fun, "f_star", fn);
    if (isinf(mp->p.L) || isinf(mp->p.mu))
        gdf_mex_error(fn, "badProblem", "problem fields L and mu must be finite or NaN (unknown); "
                                        "L = %g, mu = %g.", mp->p.L, mp->p.mu);
    if (mp->p.mu > mp->p.L + 1e-12 * fabs(mp->p.L))
        gdf_mex_error(fn, "badProblem", "problem field mu = %.6g exceeds L = %.6g (mu <= L: the "
                                        "smallest and largest curvature).", mp->p.mu, mp->p.L);
    if (mp->f_star == INFINITY)
        gdf_mex_error(fn, "badProblem", "problem field f_star must be finite, -Inf (unbounded "
                                        "below) or NaN (unknown), not +Inf.");
    if (mp->kind != GDF_KIND_TESTFUN) {
        double dd = opt_field_scalar(fun, "d", fn);
        if (!isnan(dd) && dd != (double)mp->p.d)
            gdf_mex_error(fn, "badProblem", "problem field d = %.6g does not match the data "
                                            "(dimension %ld).", dd, (long)mp->p.d);
    }
    if (d >= 0 && d != mp->p.d)
        gdf_mex_error(fn, "dimMismatch", "theta0 has %ld rows but the problem has dimension %ld.",
                      (long)d, (long)mp->p.d);
}

void gdf_mex_problem_init(const mxArray *fun, ptrdiff_t d, const char *fn, gdf_mex_problem *mp)
{
    char type[32];
    memset(mp, 0, sizeof *mp);
    mp->src = fun;
    mp->fn = fn;
    mp->f_star = NAN;
    mp->poll_stride = 1;
    mp->poll_tlast = gdf_now();
    if (fun && mxGetClassID(fun) == mxFUNCTION_CLASS) {
        problem_handle(d, fn, mp);
        return;
    }
    problem_struct_type(fun, fn, type, sizeof type);
    if (strcmp(type, "quadratic") == 0)
        problem_quadratic(fun, fn, mp);
    else if (strcmp(type, "leastsq") == 0 || strcmp(type, "logistic") == 0)
        problem_data(fun, fn, type[1] == 'o', mp);
    else if (strcmp(type, "testfun") == 0)
        problem_testfun(fun, fn, mp);
    else
        gdf_mex_error(fn, "badProblem", "unknown problem type '%s'.", type);
    problem_constants(fun, d, fn, mp);
    /* every evaluation through the poll (Ctrl-C) */
    if (mp->p.ctx == (void *)&mp->u) {
        mp->inner = mp->p;
        mp->p.fg = poll_fg;
        if (mp->p.fg_batch)
            mp->p.fg_batch = poll_fg_batch;
    }
}

/* ------------------------------------------------------------------ */
/* natural-gradient metrics                                            */
/* ------------------------------------------------------------------ */
static int metric_cb(void *mctx, const double *theta, double *G)
{
    gdf_mex_metric *mm = (gdf_mex_metric *)mctx;
    ptrdiff_t d = mm->d;
    mxArray *in[2], *out[1] = {NULL};
    in[0] = (mxArray *)mm->handle;
    in[1] = mxCreateDoubleMatrix((mwSize)d, 1, mxREAL);
    memcpy(mxGetPr(in[1]), theta, (size_t)d * sizeof(double));
    const double *Gp;
    char where[64];
    double asym, amax;
    ptrdiff_t ai = 1, aj = 1;
    int st;
    mm->calls++;
    mexCallMATLAB(1, out, 2, in, "feval");
    mxDestroyArray(in[1]);
    if (mm->calls_are_iterations)
        snprintf(where, sizeof where, "at iteration %ld", mm->calls - 1);
    else
        snprintf(where, sizeof where, "at evaluation %ld of the Metric", mm->calls);
    if (!out[0] || !mxIsDouble(out[0]) || mxIsComplex(out[0]) || mxIsSparse(out[0]))
        gdf_mex_error(mm->fn, "badMetric",
                      "the Metric handle must return a real full %ldx%ld matrix G(theta) (%s it "
                      "returned %s).", (long)d, (long)d, where,
                      out[0] ? mxGetClassName(out[0]) : "nothing");
    Gp = mxGetPr(out[0]); /* the data before the size (the leak in dense()) */
    if ((ptrdiff_t)mxGetM(out[0]) != d || (ptrdiff_t)mxGetN(out[0]) != d ||
        mxGetNumberOfDimensions(out[0]) != 2)
        gdf_mex_error(mm->fn, "badMetric",
                      "the Metric handle must return a real full %ldx%ld matrix G(theta) (%s it "
                      "returned a %lux%lu array).", (long)d, (long)d, where,
                      (unsigned long)mxGetM(out[0]), (unsigned long)mxGetN(out[0]));
    memcpy(G, Gp, (size_t)d * (size_t)d * sizeof(double));
    mxDestroyArray(out[0]);
    /* checked as a fixed Metric is: finite and symmetric (the one rule, one
     * pass); positive definiteness is the library's Cholesky (gdf_natural
     * records the first failure: gdf_mex_metric_check) */
    st = gdf_mex_asym(G, d, &asym, &amax, &ai, &aj);
    if (st < 0) {
        double v = G[(ai - 1) + (aj - 1) * d];
        gdf_mex_error(mm->fn, "badMetric", "G(theta) %s has a %s entry: the Metric handle "
                                           "must return a finite symmetric positive definite "
                                           "matrix.", where, v != v ? "NaN" : "Inf");
    }
    if (st > 0)
        gdf_mex_error(mm->fn, "badMetric",
                      "G(theta) %s is not symmetric: |G(%ld,%ld) - G(%ld,%ld)| = %.3g exceeds %g * "
                      "max|G| = %.3g (only one triangle would be used).", where, (long)ai, (long)aj,
                      (long)aj, (long)ai, asym, GDF_SYM_RTOL, GDF_SYM_RTOL * amax);
    return GDF_OK;
}

void gdf_mex_metric_check(const gdf_mex_metric *mm)
{
    if (mm->nat.kind != GDF_METRIC_FUNC || mm->nat.fail_col <= 0)
        return;
    gdf_mex_error(mm->fn, "badMetric",
                  "G(theta) at iteration %ld is not positive definite (Cholesky failed at column "
                  "%d): the Metric handle must return a symmetric positive definite matrix.",
                  mm->nat.fail_eval, mm->nat.fail_col);
}

void gdf_mex_metric_init(const mxArray *metric, gdf_mex_problem *mp, const char *fn,
                         gdf_mex_metric *mm)
{
    ptrdiff_t d = mp->p.d;
    int st;
    memset(mm, 0, sizeof *mm);
    mm->fn = fn;
    mm->d = d;
    mm->nat.base = &mp->p;
    gdf_mex_check_alloc(fn, "the metric", (double)d * (double)d);
    mm->nat.work = (double *)mxMalloc(gdf_natural_work(d) * sizeof(double));
    /* no Metric: gd_logistic's default is its Fisher information (gd_run
     * and gf_run alike); every other problem must say which */
    if (!metric && mp->kind != GDF_KIND_LOGISTIC)
        gdf_mex_error(fn, "badMetric", "Method 'natural' needs a Metric: an SPD matrix, a handle "
                                       "G = metric(theta), 'fisher' (logistic, its default) or "
                                       "'hessian'.");
    if (!metric || gdf_mex_is_string(metric)) {
        char name[16] = "fisher";
        if (metric)
            gdf_mex_string(metric, fn, "Metric", name, sizeof name);
        if (strcmp(name, "fisher") == 0) {
            if (mp->kind != GDF_KIND_LOGISTIC)
                gdf_mex_error(fn, "badMetric", "Metric 'fisher' is the Fisher information of a "
                                               "gd_logistic problem; this problem is not one.");
        } else if (strcmp(name, "hessian") != 0) {
            gdf_mex_error(fn, "badMetric", "Metric must be an SPD matrix, a function handle, "
                                           "'fisher' or 'hessian', not '%s'.", name);
        }
        if (!mp->p.hess)
            gdf_mex_error(fn, "badMetric", "Metric '%s' needs a problem with a Hessian "
                                           "(function handles and sparse quadratics have none).", name);
        /* a sparse X: the metric is a dense p x p X'WX/m, formed in
         * O(p nnz / 2) and factored in O(p^3 / 3) at every evaluation --
         * cheap for a few hundred columns, never for a text-sized p */
        if (mp->sparse_x && d > GDF_SPARSE_METRIC_PMAX)
            gdf_mex_error(fn, "badMetric", "Metric '%s' with a sparse X of %ld columns would form "
                                           "and factor a dense %ldx%ld matrix at every step; it is "
                                           "offered up to %d columns. Use a first-order Method "
                                           "('gd', 'nesterov', 'heavyball').", name, (long)d,
                          (long)d, (long)d, GDF_SPARSE_METRIC_PMAX);
        mm->nat.kind = GDF_METRIC_HESS;
        mm->nat.damping = 1e-10; /* keeps the Fisher matrix of separable data factorable */
    } else if (mxGetClassID(metric) == mxFUNCTION_CLASS) {
        mm->nat.kind = GDF_METRIC_FUNC;
        mm->handle = metric;
        mm->calls_are_iterations = strcmp(fn, "gd_run") == 0; /* one gradient per iteration */
        mm->nat.metric = metric_cb;
        mm->nat.mctx = mm;
    } else {
        ptrdiff_t m, n, ai, aj;
        double asym, amax;
        const double *G = gdf_mex_dense(metric, fn, "Metric", &m, &n);
        if (m != d || n != d)
            gdf_mex_error(fn, "badMetric", "Metric must be %ldx%ld (it is %ldx%ld).", (long)d,
                          (long)d, (long)m, (long)n);
        if (gdf_mex_asym(G, d, &asym, &amax, &ai, &aj))
            gdf_mex_error(fn, "badMetric", "Metric must be symmetric positive definite: "
                                           "|G(%ld,%ld) - G(%ld,%ld)| = %.3g exceeds %g * max|G| = %.3g.",
                          (long)ai, (long)aj, (long)aj, (long)ai, asym, GDF_SYM_RTOL,
                          GDF_SYM_RTOL * amax);
        mm->nat.kind = GDF_METRIC_FIXED;
        mm->nat.G = G;
    }
    st = gdf_problem_natural(&mm->p, &mm->nat);
    if (st == GDF_ENOTSPD)
        gdf_mex_error(fn, "badMetric", "Metric must be symmetric positive definite (Cholesky failed).");
    if (st == GDF_ENOHESS)
        gdf_mex_error(fn, "badMetric", "Metric 'hessian' needs a problem with a Hessian.");
    if (st != GDF_OK)
        gdf_mex_error(fn, "badMetric", "the metric could not be set up: unknown metric kind "
                                       "(an internal error; please report it).");
}

/* ------------------------------------------------------------------ */
/* memory guard                                                        */
/* ------------------------------------------------------------------ */
static double available_bytes(void)
{
    FILE *fp = fopen("/proc/meminfo", "r");
    double kb = -1.0;
    if (fp) {
        char line[256];
        while (fgets(line, sizeof line, fp))
            if (sscanf(line, "MemAvailable: %lf kB", &kb) == 1)
                break;
        fclose(fp);
        if (kb > 0.0)
            return kb * 1024.0;
    }
#ifdef _WIN32
    {
        MEMORYSTATUSEX ms;
        ms.dwLength = sizeof ms;
        if (GlobalMemoryStatusEx(&ms) && ms.ullAvailPhys > 0)
            return (double)ms.ullAvailPhys;
    }
#endif
#if defined(_SC_AVPHYS_PAGES) && defined(_SC_PAGE_SIZE)
    {
        long pages = sysconf(_SC_AVPHYS_PAGES), psz = sysconf(_SC_PAGE_SIZE);
        if (pages > 0 && psz > 0)
            return (double)pages * (double)psz;
    }
#endif
    return 1e18; /* unknown: let the allocator decide */
}

mxArray *gdf_mex_adopt(double *buf, size_t m, size_t n)
{
    mxArray *a = mxCreateDoubleMatrix(0, 0, mxREAL);
    size_t mn = m * n;
    buf = (double *)mxRealloc(buf, (mn > 0 ? mn : 1) * sizeof(double));
    mxFree(mxGetPr(a));
    mxSetPr(a, buf);
    mxSetM(a, (mwSize)m);
    mxSetN(a, (mwSize)n);
    return a;
}

long gdf_mex_grow_cap(long cap, long need, long max_entries)
{
    long c = cap > LONG_MAX / 2 ? LONG_MAX : cap * 2;
    if (c < need)
        c = need;
    if (max_entries > 0 && c > max_entries)
        c = max_entries;
    return c < need ? -1 : c;
}

void gdf_mex_check_alloc(const char *fn, const char *what, double ndoubles)
{
    double bytes = ndoubles * 8.0;
    if (bytes < 64.0 * 1024.0 * 1024.0)
        return; /* small: never worth a system call */
    {
        /* 80%: Octave needs room too (the outputs, the caller's copies);
         * written so that a NaN size is refused as well */
        double avail = available_bytes();
        if (!(bytes <= 0.8 * avail) || !(ndoubles <= 9e15))
            gdf_mex_error(fn, "tooLarge",
                          "%s would need %.3g GB (%.3g doubles) but only %.3g GB of memory is "
                          "available (one request may take 80%% of it); ask for less (e.g. "
                          "History 'f', a smaller MaxIter, fewer times).",
                          what, bytes / 1e9, ndoubles, avail / 1e9);
    }
}

/* gdf_mexutil.h: a 1 x m cell of strings s[j]; for m >= 32 the distinct
 * ones (at most 16) indexed by subsref, shared in Octave (one
 * mxCreateString per start cost ~0.6 us each, half of a 1000-start,
 * 1000-step call on a 2-D quadratic: bench_gd_batch); one string per start
 * otherwise */
mxArray *gdf_mex_cell_of_strings(const char *const *s, ptrdiff_t m)
{
    static const char *snames[] = {"type", "subs"};
    const char *u[16];
    mxArray *U, *I, *S, *sub, *in[2], *out[1] = {NULL}, *cell;
    double *pi;
    ptrdiff_t j;
    int nu = 0, q;
    I = mxCreateDoubleMatrix(1, (mwSize)m, mxREAL);
    pi = mxGetPr(I);
    for (j = 0; j < m && m >= 32; j++) {
        for (q = 0; q < nu; q++)
            if (u[q] == s[j] || strcmp(u[q], s[j]) == 0)
                break;
        if (q == nu) {
            if (nu == 16)
                break;
            u[nu++] = s[j];
        }
        pi[j] = (double)(q + 1);
    }
    if (j < m) { /* few starts, or many distinct strings */
        mxDestroyArray(I);
        cell = mxCreateCellMatrix(1, (mwSize)m);
        for (j = 0; j < m; j++)
            mxSetCell(cell, (mwIndex)j, mxCreateString(s[j]));
        return cell;
    }
    U = mxCreateCellMatrix(1, (mwSize)nu);
    for (q = 0; q < nu; q++)
        mxSetCell(U, (mwIndex)q, mxCreateString(u[q]));
    S = mxCreateStructMatrix(1, 1, 2, snames);
    sub = mxCreateCellMatrix(1, 1);
    mxSetCell(sub, 0, I);
    mxSetField(S, 0, "type", mxCreateString("()"));
    mxSetField(S, 0, "subs", sub);
    in[0] = U;
    in[1] = S;
    mexCallMATLAB(1, out, 2, in, "subsref");
    mxDestroyArray(U);
    mxDestroyArray(S);
    return out[0];
}

int gdf_mex_call_outfcn(const char *fn, const mxArray *outfcn, mxArray *x, int nf, const char **names,
                        const double *vals, long k, const char *unit, const char *state)
{
    mxArray *in[4], *out[1] = {NULL};
    int i, stop = 0;
    in[0] = (mxArray *)outfcn;
    in[1] = x;
    in[2] = mxCreateStructMatrix(1, 1, nf, names);
    for (i = 0; i < nf; i++)
        mxSetFieldByNumber(in[2], 0, i, mxCreateDoubleScalar(vals[i]));
    in[3] = mxCreateString(state);
    mexCallMATLAB(1, out, 4, in, "feval");
    if (out[0]) {
        /* a logical (or numeric) scalar, nothing else: a vector's first
         * element, [] or NaN would be a guess at what the user meant */
        double v = NAN;
        size_t ne = mxGetNumberOfElements(out[0]);
        int real_num = (mxIsLogical(out[0]) || mxIsNumeric(out[0])) && !mxIsComplex(out[0]);
        if (real_num && ne == 1)
            v = mxGetScalar(out[0]);
        if (v != v)
            gdf_mex_error(fn, "badOutputFcn",
                          "OutputFcn must return a logical scalar (true to stop, false to go on); "
                          "at %s %ld (state '%s') it returned %s.", unit, k, state,
                          ne != 1 ? (ne == 0 ? "an empty array" : "an array of several elements")
                          : real_num ? "NaN"
                          : mxIsComplex(out[0]) ? "a complex number" : mxGetClassName(out[0]));
        stop = v != 0.0;
        mxDestroyArray(out[0]);
    }
    mxDestroyArray(in[1]);
    mxDestroyArray(in[2]);
    mxDestroyArray(in[3]);
    return stop;
}
