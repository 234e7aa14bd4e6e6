/* test_perf2_logistic.c - the library's own exp and log1p (mex/gdf_mathfn.h)
 * and the logistic pass built on them (issue 15, item 3).
 *  1. accuracy against long-double references (expl, log1pl: 11 more bits
 *     than a double) over dense sweeps of the whole range: exp on
 *     [-746, 710], log1p on [0, 1] (the pass's range: log1p(exp(-|z|))), on
 *     (-1, 0] and out to 1e308; the largest error in ulps is printed and
 *     must stay below 1.  Also softplus(-a) = log1p(exp(-a)) and
 *     1/(1 + exp(-a)) as the pass computes them.
 *  2. edge cases: 0, -0, subnormals, +-Inf, NaN, the overflow and underflow
 *     thresholds of exp, -1 and below for log1p.
 *  3. the SSE2 and AVX2 kernels give the scalar function's bits everywhere.
 *  4. the logistic f and gradient against a long-double sum over the rows
 *     (log1pl, expl) to 1e-14 relative, with 1 and 2 threads (the same
 *     bits), also for well-classified rows (|z| = 30) and |z| > 745.
 * Under valgrind long double is computed in double precision: the ulp
 * measurements are then skipped (a note is printed), the rest runs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdf_mathfn.h"
#include "gdflow.h"
#include "testprob.h"

/* does long double carry more bits than double here?  (not under valgrind) */
static int have_extended(void)
{
    volatile long double a = 1.0L, b = ldexpl(1.0L, -60);
    volatile long double c = a + b;
    return c != a;
}

/* |y - ref| in units of the last place of the double nearest ref (subnormal
 * ulp below 2^-1022); exact agreement on Inf, NaN, and an overflowing ref */
static double ulp_err(double y, long double ref)
{
    double rd = (double)ref;
    long double u;
    int e;
    if (isnan(ref))
        return isnan(y) ? 0.0 : 1e300;
    if (isinf(rd))
        return y == rd ? 0.0 : 1e300;
    if (ref == 0.0L)
        return y == 0.0 ? 0.0 : 1e300;
    frexpl(fabsl(ref), &e); /* |ref| in [2^(e-1), 2^e) */
    u = ldexpl(1.0L, e - 53);
    if (u < ldexpl(1.0L, -1074))
        u = ldexpl(1.0L, -1074);
    return (double)(fabsl((long double)y - ref) / u);
}

static int same_bits(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0;
}

/* the vector kernels of both instruction sets against the scalar function */
static void check_isa(const char *what, int lg, ptrdiff_t n, const double *x)
{
    double *y0 = malloc((size_t)n * sizeof *y0), *y1 = malloc((size_t)n * sizeof *y1);
    int isa;
    for (isa = 1; isa <= 2; isa++) {
        ptrdiff_t i, bad = -1;
        int ran = lg ? gdf_log1p_array(0, n, x, y0) && gdf_log1p_array(isa, n, x, y1)
                     : gdf_exp_array(0, n, x, y0) && gdf_exp_array(isa, n, x, y1);
        if (!ran) {
            printf("  %s: no %s kernels in this build or CPU\n", what, isa == 1 ? "SSE2" : "AVX2");
            continue;
        }
        for (i = 0; i < n && bad < 0; i++)
            if (!same_bits(y0[i], y1[i]))
                bad = i;
        CHECK(bad < 0, "%s: %s kernel == scalar bits (first difference at x = %.17g)", what,
              isa == 1 ? "SSE2" : "AVX2", bad < 0 ? 0.0 : x[bad]);
    }
    free(y0);
    free(y1);
}

/* largest ulp error of exp / log1p over x[0..n) */
static double sweep(int lg, ptrdiff_t n, const double *x, double *where)
{
    ptrdiff_t i;
    double worst = 0.0;
    for (i = 0; i < n; i++) {
        double e = lg ? ulp_err(gdf_log1p(x[i]), log1pl((long double)x[i]))
                      : ulp_err(gdf_exp(x[i]), expl((long double)x[i]));
        if (e > worst) {
            worst = e;
            *where = x[i];
        }
    }
    return worst;
}

static void test_functions(int ext)
{
    ptrdiff_t n = ext ? 1000000 : 100000, i;
    double *x = malloc((size_t)n * sizeof *x), at = 0.0, w;
    /* exp: an even grid on [-746, 710] plus random points */
    for (i = 0; i < n / 2; i++)
        x[i] = -746.0 + 1456.0 * (double)i / (double)(n / 2 - 1);
    for (; i < n; i++)
        x[i] = -746.0 + 1456.0 * tp_uniform();
    check_isa("exp on [-746, 710]", 0, n, x);
    if (ext) {
        w = sweep(0, n, x, &at);
        printf("  exp   [-746, 710]    max error %.3f ulp (at %.17g)\n", w, at);
        CHECK(w < 1.0, "exp: %.3f ulp at %.17g (want < 1)", w, at);
        /* |x| small: [-1, 1] densely, and tiny arguments */
        for (i = 0; i < n; i++)
            x[i] = i < n / 2 ? -1.0 + 2.0 * tp_uniform() : (tp_uniform() - 0.5) * ldexp(1.0, -(int)(i % 60));
        w = sweep(0, n, x, &at);
        printf("  exp   [-1, 1], tiny  max error %.3f ulp (at %.17g)\n", w, at);
        CHECK(w < 1.0, "exp near 0: %.3f ulp at %.17g (want < 1)", w, at);
        /* the subnormal results */
        for (i = 0; i < n; i++)
            x[i] = -745.2 + (745.2 - 708.3) * tp_uniform();
        w = sweep(0, n, x, &at);
        printf("  exp   subnormal      max error %.3f ulp (at %.17g)\n", w, at);
        CHECK(w < 1.0, "exp, subnormal results: %.3f ulp at %.17g (want < 1)", w, at);
    }
    check_isa("exp near 0", 0, n, x);

    /* log1p on [0, 1]: the pass's range (e = exp(-|z|)) */
    for (i = 0; i < n / 2; i++)
        x[i] = (double)i / (double)(n / 2 - 1);
    for (; i < n; i++)
        x[i] = exp(-40.0 * tp_uniform()); /* small e: well-classified rows */
    check_isa("log1p on [0, 1]", 1, n, x);
    /* the pass's log1p01 (no special cases): log1p's bits on [0, 1], on
     * every instruction set */
    {
        double *y0 = malloc((size_t)n * sizeof *y0), *y1 = malloc((size_t)n * sizeof *y1);
        int isa;
        gdf_log1p_array(0, n, x, y0);
        for (isa = 0; isa <= 2; isa++) {
            ptrdiff_t bad = -1;
            if (!gdf_log1p01_array(isa, n, x, y1))
                continue;
            for (i = 0; i < n && bad < 0; i++)
                if (!same_bits(y0[i], y1[i]))
                    bad = i;
            CHECK(bad < 0, "log1p01, isa %d: log1p's bits on [0, 1] (first difference at %.17g)", isa,
                  bad < 0 ? 0.0 : x[bad]);
        }
        free(y0);
        free(y1);
    }
    if (ext) {
        w = sweep(1, n, x, &at);
        printf("  log1p [0, 1]         max error %.3f ulp (at %.17g)\n", w, at);
        CHECK(w < 1.0, "log1p on [0, 1]: %.3f ulp at %.17g (want < 1)", w, at);
    }
    /* (-1, 0] and out to 1e308 */
    for (i = 0; i < n; i++)
        x[i] = i < n / 2 ? -tp_uniform() : -1.0 + pow(10.0, -16.0 + 324.0 * tp_uniform());
    check_isa("log1p on (-1, 1e308]", 1, n, x);
    if (ext) {
        w = sweep(1, n, x, &at);
        printf("  log1p (-1, 1e308]    max error %.3f ulp (at %.17g)\n", w, at);
        CHECK(w < 1.0, "log1p on (-1, 1e308]: %.3f ulp at %.17g (want < 1)", w, at);
    }

    /* softplus(-a) = log1p(exp(-a)) and sigmoid = 1/(1 + exp(-a)), composed
     * as in the pass: two functions' errors, reported */
    if (ext) {
        double wsp = 0.0, wsg = 0.0, asp = 0.0, asg = 0.0;
        for (i = 0; i < n; i++) {
            double a = i < n / 2 ? 40.0 * (double)i / (double)(n / 2) : 750.0 * tp_uniform();
            long double el = expl(-(long double)a);
            double e = gdf_exp(-a);
            double esp = ulp_err(gdf_log1p(e), log1pl(el)), esg = ulp_err(1.0 / (1.0 + e), 1.0L / (1.0L + el));
            if (esp > wsp) {
                wsp = esp;
                asp = a;
            }
            if (esg > wsg) {
                wsg = esg;
                asg = a;
            }
        }
        printf("  softplus(-a), a in [0, 750]: max error %.3f ulp (at a = %.17g)\n", wsp, asp);
        printf("  1/(1 + exp(-a)):            max error %.3f ulp (at a = %.17g)\n", wsg, asg);
        CHECK(wsp < 2.0 && wsg < 2.0, "softplus %.3f, sigmoid %.3f ulp (want < 2)", wsp, wsg);
    } else
        printf("  long double has no extra precision here (valgrind?): ulp errors not measured\n");
    free(x);
}

static void test_edges(int ext)
{
    /* the references are long-double literals: rounded to double without
     * extended precision (valgrind), then 1.5 ulp */
    double tol = ext ? 1.0 : 1.5;
    const double big = 709.782712893383973096; /* largest x with exp(x) finite */
    const double small = -745.13321910194110842; /* smallest with exp(x) > 0 */
    double xs[] = {0.0, -0.0, 1e-300, -1e-300, 4.9406564584124654e-324, -4.9406564584124654e-324,
                   INFINITY, -INFINITY, NAN, big, nextafter(big, INFINITY), small,
                   nextafter(small, -INFINITY), -708.39641853226408, 1.0, -1.0, -2.0, 1e300,
                   DBL_MAX, -DBL_MAX, 0.5, -0.5, nextafter(-1.0, 0.0), 2.0};
    int k, nx = (int)(sizeof xs / sizeof xs[0]);
    double y[32];
    CHECK(gdf_exp(0.0) == 1.0 && gdf_exp(-0.0) == 1.0, "exp(+-0) = 1");
    CHECK(gdf_exp(INFINITY) == INFINITY && gdf_exp(-INFINITY) == 0.0, "exp(+Inf) = Inf, exp(-Inf) = 0");
    CHECK(isnan(gdf_exp(NAN)) && isnan(gdf_log1p(NAN)), "NaN gives NaN");
    CHECK(gdf_exp(big) == exp(big) && isfinite(gdf_exp(big)), "exp(709.78...) = DBL_MAX-ish, finite: %.17g",
          gdf_exp(big));
    CHECK(gdf_exp(nextafter(big, INFINITY)) == INFINITY, "exp overflows to +Inf past the threshold");
    CHECK(gdf_exp(710.0) == INFINITY && gdf_exp(1e300) == INFINITY, "exp(710), exp(1e300) = Inf");
    CHECK(gdf_exp(small) == 4.9406564584124654e-324, "exp(-745.13...) = the smallest subnormal");
    CHECK(gdf_exp(nextafter(small, -INFINITY)) == 0.0 && gdf_exp(-746.0) == 0.0 && gdf_exp(-1e300) == 0.0,
          "exp underflows to 0 past the threshold");
    CHECK(gdf_exp(-708.39641853226408) == exp(-708.39641853226408), "exp at the smallest normal result");
    CHECK(gdf_exp(1e-300) == 1.0 && gdf_exp(-1e-300) == 1.0, "exp(tiny) = 1");
    CHECK(ulp_err(gdf_exp(1.0), 2.71828182845904523536L) < tol &&
          ulp_err(gdf_exp(-1.0), 0.36787944117144232160L) < tol, "exp(+-1) within 1 ulp");
    CHECK(gdf_log1p(0.0) == 0.0 && !signbit(gdf_log1p(0.0)), "log1p(0) = +0");
    CHECK(gdf_log1p(-0.0) == 0.0 && signbit(gdf_log1p(-0.0)), "log1p(-0) = -0");
    CHECK(gdf_log1p(1e-300) == 1e-300 && gdf_log1p(-4.9406564584124654e-324) == -4.9406564584124654e-324,
          "log1p(tiny) = tiny");
    CHECK(gdf_log1p(-1.0) == -INFINITY, "log1p(-1) = -Inf");
    CHECK(isnan(gdf_log1p(-2.0)) && isnan(gdf_log1p(-INFINITY)) && isnan(gdf_log1p(-DBL_MAX)),
          "log1p(x < -1) = NaN");
    CHECK(gdf_log1p(INFINITY) == INFINITY, "log1p(Inf) = Inf");
    CHECK(gdf_log1p(DBL_MAX) == log1p(DBL_MAX), "log1p(DBL_MAX) = %.17g", gdf_log1p(DBL_MAX));
    CHECK(ulp_err(gdf_log1p(1.0), 0.69314718055994530942L) < tol &&
          ulp_err(gdf_log1p(2.0), 1.09861228866810969140L) < tol, "log1p(1) = ln 2, log1p(2) = ln 3 within 1 ulp");
    CHECK(gdf_log1p(nextafter(-1.0, 0.0)) == log1p(nextafter(-1.0, 0.0)), "log1p just above -1");
    /* the same on every instruction set, lane by lane */
    for (k = 1; k <= 2; k++) {
        int i, ok = 1;
        if (!gdf_exp_array(k, nx, xs, y))
            continue;
        for (i = 0; i < nx; i++)
            ok = ok && same_bits(y[i], gdf_exp(xs[i]));
        gdf_log1p_array(k, nx, xs, y);
        for (i = 0; i < nx; i++)
            ok = ok && same_bits(y[i], gdf_log1p(xs[i]));
        CHECK(ok, "edge cases: isa %d == scalar", k);
    }
}

/* f and g of the logistic problem against a long-double sum */
static void test_pass(int ext)
{
    ptrdiff_t m = 3001, p = 6, i, j;
    double *X = malloc((size_t)(m * p) * sizeof *X), *y = malloc((size_t)m * sizeof *y);
    double *w1 = malloc(gdf_data_work(m, p) * sizeof *w1), x[6], g1[6], g2[6], f1, f2;
    long double F = 0.0L, G[6] = {0};
    int th, scale;
    tp_seed(15);
    for (i = 0; i < m * p; i++)
        X[i] = tp_normal();
    for (i = 0; i < m; i++) {
        X[i] = 1.0; /* intercept */
        y[i] = tp_uniform() < 0.5 ? 1.0 : 0.0;
    }
    for (scale = 0; scale < 3; scale++) {
        /* |z| ~ 1, ~ 30 (well classified and badly), ~ 1000 (exp(-|z|) = 0) */
        double sc = scale == 0 ? 0.3 : scale == 1 ? 10.0 : 400.0, tol = 1e-14;
        for (j = 0; j < p; j++)
            x[j] = sc * (j % 2 ? 1.0 : -0.7);
        F = 0.0L;
        for (j = 0; j < p; j++)
            G[j] = 0.0L;
        for (i = 0; i < m; i++) {
            long double z = 0.0L, loss, res;
            for (j = 0; j < p; j++)
                z += (long double)X[i + j * m] * x[j];
            /* softplus(z) - y z and sigmoid(z) - y, stably */
            loss = (z > 0 ? z : 0.0L) + log1pl(expl(-fabsl(z))) - y[i] * z;
            res = (z >= 0 ? 1.0L / (1.0L + expl(-z)) : expl(z) / (1.0L + expl(z))) - y[i];
            F += loss;
            for (j = 0; j < p; j++)
                G[j] += res * X[i + j * m];
        }
        F /= m;
        for (j = 0; j < p; j++)
            G[j] /= m;
        for (th = 1; th <= 2; th++) {
            gdf_data q;
            gdf_problem pb;
            double gerr = 0.0, gn = 0.0;
            memset(&q, 0, sizeof q);
            q.m = m; q.p = p; q.X = X; q.y = y; q.work = w1; q.threads = th;
            gdf_problem_logistic(&pb, &q);
            pb.fg(pb.ctx, x, th == 1 ? &f1 : &f2, th == 1 ? g1 : g2);
            for (j = 0; j < p; j++) {
                double d = fabs((double)((long double)(th == 1 ? g1 : g2)[j] - G[j]));
                gerr = d > gerr ? d : gerr;
                gn = fabs((double)G[j]) > gn ? fabs((double)G[j]) : gn;
            }
            if (!ext) /* the reference is only a double sum here */
                tol = 1e-12;
            CHECK(fabs((double)((long double)(th == 1 ? f1 : f2) - F)) <= tol * fabs((double)F),
                  "scale %g, %d thread(s): f %.17g vs %.17Lg", sc, th, th == 1 ? f1 : f2, F);
            CHECK(gerr <= tol * gn, "scale %g, %d thread(s): gradient error %.3g of %.3g", sc, th, gerr, gn);
        }
        CHECK(f1 == f2 && memcmp(g1, g2, sizeof g1) == 0, "scale %g: 1 and 2 threads give the same bits", sc);
    }
    /* one row, y = 1, z = 30: loss and residual keep every digit */
    {
        double X1[1] = {30.0}, y1[1] = {1.0}, t[1] = {1.0}, work[64], f, g;
        gdf_data q;
        gdf_problem pb;
        memset(&q, 0, sizeof q);
        q.m = 1; q.p = 1; q.X = X1; q.y = y1; q.work = work; q.threads = 1;
        CHECK(gdf_data_work(1, 1) <= 64, "work size");
        gdf_problem_logistic(&pb, &q);
        pb.fg(pb.ctx, t, &f, &g);
        /* log1p(exp(-30)) = 9.35762296883973677938e-14,
         * sigmoid(30) - 1 = -9.35762296883929895384e-14 */
        CHECK(fabs(f - 9.35762296883973677938e-14) <= 4e-16 * 9.36e-14, "y = 1, z = 30: loss %.17g", f);
        CHECK(fabs(g + 30.0 * 9.35762296883929895384e-14) <= 4e-16 * 30.0 * 9.36e-14,
              "y = 1, z = 30: gradient %.17g", g);
        X1[0] = NAN;
        pb.fg(pb.ctx, t, &f, &g);
        CHECK(isnan(f) && isnan(g), "a NaN in X gives NaN f and g");
    }
    free(X);
    free(y);
    free(w1);
}

int main(void)
{
    int ext = have_extended();
    (void)tp_spd; /* testprob.h: only the random numbers are used here */
    tp_seed(2026);
    test_edges(ext);
    test_functions(ext);
    test_pass(ext);
    return check_report("test_perf2_logistic");
}
