/* test_perf2_small.c - issue 15, item 1: the library's own kernels for small
 * and medium dense quadratics (mex/gdf_kernels.c) against the BLAS path.
 *
 *  - gdf_symv_lower: the plain C, SSE2 and AVX2 variants give the same bits
 *    (where built and where the CPU has them), for every d mod 4;
 *  - it reads the lower triangle only (the strictly upper triangle holds NaN);
 *  - it agrees with dsymv('L') to the rounding bound: both compute each
 *    (A x)_i as a sum of d products in some order, so each is within
 *    gamma_d (|A| |x|)_i of the exact value (gamma_d = d u / (1 - d u),
 *    u = 2^-53; Higham, Accuracy and Stability, 3.1), and the two are within
 *    2 gamma_d (|A| |x|)_i of each other; the exact value is taken in long
 *    double, and each is checked against it too;
 *  - the quadratic (gdf_problem_quad) on both sides of the thresholds
 *    (d = 16/17 and GDF_SYMV_OWN_MAX / +1): g and f against a dsymv
 *    reference to that bound, f alone against f with g, the Hessian-vector
 *    product against the gradient (the same kernel: bit for bit);
 *  - gdf_dot_own / gdf_nrm2_own against long double, and the norm's
 *    fallback under over- and underflow.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_kernels.h"
#include "check.h"
#include "testprob.h"

static double gam(ptrdiff_t n)
{
    double u = ldexp(1.0, -53);
    return (double)n * u / (1.0 - (double)n * u);
}

/* A symmetric random with NaN in the strictly upper triangle when poison */
static void make_A(ptrdiff_t d, double *A, int poison)
{
    ptrdiff_t i, j;
    for (j = 0; j < d; j++)
        for (i = j; i < d; i++) {
            double v = tp_normal();
            A[i + j * d] = v;
            A[j + i * d] = (poison && i != j) ? NAN : v;
        }
}

/* exact-ish A x from the lower triangle, and |A| |x| */
static void ref_Ax(ptrdiff_t d, const double *A, const double *x, double *y, double *ay)
{
    ptrdiff_t i, j;
    for (i = 0; i < d; i++) {
        long double s = 0.0L, t = 0.0L;
        for (j = 0; j < d; j++) {
            double a = i >= j ? A[i + j * d] : A[j + i * d];
            s += (long double)a * (long double)x[j];
            t += fabsl((long double)a * (long double)x[j]);
        }
        y[i] = (double)s;
        ay[i] = (double)t;
    }
}

static void test_symv(void)
{
    static const ptrdiff_t ds[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 31, 50, 63, 64, 65, 99, 200, 257};
    size_t k;
    for (k = 0; k < sizeof ds / sizeof ds[0]; k++) {
        ptrdiff_t d = ds[k], i;
        double *A = malloc((size_t)(d * d) * sizeof *A), *x = malloc((size_t)d * sizeof *x);
        double *y0 = malloc((size_t)d * sizeof *y0), *yv = malloc((size_t)d * sizeof *yv);
        double *yb = malloc((size_t)d * sizeof *yb), *yr = malloc((size_t)d * sizeof *yr);
        double *ay = malloc((size_t)d * sizeof *ay), g = gam(d);
        int v, bad_bits = 0, bad_own = 0, bad_blas = 0, bad_pair = 0, nan_seen = 0;
        gdf_int n = (gdf_int)d, one = 1;
        const double al = 1.0, be = 0.0;
        make_A(d, A, 1);
        for (i = 0; i < d; i++)
            x[i] = tp_normal();
        CHECK(gdf_symv_lower_variant(0, d, A, x, y0) == 1, "plain variant always there");
        for (v = 1; v <= 2; v++) {
            for (i = 0; i < d; i++)
                yv[i] = -1.0;
            if (gdf_symv_lower_variant(v, d, A, x, yv))
                bad_bits += memcmp(yv, y0, (size_t)d * sizeof *y0) != 0;
        }
        gdf_symv_lower(d, A, x, yv); /* the dispatched kernel */
        bad_bits += memcmp(yv, y0, (size_t)d * sizeof *y0) != 0;
        GDF_F77(dsymv)("L", &n, &al, A, &n, x, &one, &be, yb, &one, 1);
        ref_Ax(d, A, x, yr, ay);
        for (i = 0; i < d; i++) {
            nan_seen += !isfinite(y0[i]);
            bad_own += !(fabs(y0[i] - yr[i]) <= g * ay[i] + 1e-300);
            bad_blas += !(fabs(yb[i] - yr[i]) <= g * ay[i] + 1e-300);
            bad_pair += !(fabs(y0[i] - yb[i]) <= 2.0 * g * ay[i] + 1e-300);
        }
        CHECK(bad_bits == 0, "d = %ld: the SIMD variants differ from the plain loop", (long)d);
        CHECK(nan_seen == 0, "d = %ld: the kernel read the upper triangle (NaN)", (long)d);
        CHECK(bad_own == 0, "d = %ld: %d entries beyond gamma_d |A||x| of the exact product", (long)d, bad_own);
        CHECK(bad_blas == 0, "d = %ld: dsymv beyond the bound (%d)", (long)d, bad_blas);
        CHECK(bad_pair == 0, "d = %ld: own and dsymv differ by more than 2 gamma_d |A||x| (%d)", (long)d,
              bad_pair);
        free(A); free(x); free(y0); free(yv); free(yb); free(yr); free(ay);
    }
}

/* a wrong kernel fails the bound: one product left out is far beyond it */
static void test_bound_is_tight(void)
{
    ptrdiff_t d = 50, i;
    double A[2500], x[50], y[50], yr[50], ay[50], worst = 0.0;
    make_A(d, A, 0);
    for (i = 0; i < d; i++)
        x[i] = tp_normal();
    gdf_symv_lower(d, A, x, y);
    ref_Ax(d, A, x, yr, ay);
    for (i = 0; i < d; i++) {
        double r = fabs(y[i] - yr[i]) / (gam(d) * ay[i]);
        if (r > worst)
            worst = r;
    }
    CHECK(worst <= 1.0, "worst error %.3g of the bound", worst);
    /* the product a_{d-1,0} x_0 missing from y_{d-1}: beyond the bound */
    y[d - 1] -= A[d - 1] * x[0];
    CHECK(fabs(y[d - 1] - yr[d - 1]) > 2.0 * gam(d) * ay[d - 1], "a missing term goes unnoticed");
}

static void test_quad(void)
{
    static const ptrdiff_t ds[] = {16, 17, 50, 201, GDF_SYMV_OWN_MAX, GDF_SYMV_OWN_MAX + 1};
    size_t k;
    for (k = 0; k < sizeof ds / sizeof ds[0]; k++) {
        ptrdiff_t d = ds[k], i;
        double *A = malloc((size_t)(d * d) * sizeof *A), *x = malloc((size_t)d * sizeof *x);
        double *b = malloc((size_t)d * sizeof *b), *g = malloc((size_t)d * sizeof *g);
        double *hv = malloc((size_t)d * sizeof *hv), *yr = malloc((size_t)d * sizeof *yr);
        double *ay = malloc((size_t)d * sizeof *ay), f, f1, fr, fb = 0.0, ab = 0.0, gm = gam(d + 1);
        int bad = 0, hv_same = 1;
        gdf_quad q;
        gdf_problem p;
        make_A(d, A, 0);
        for (i = 0; i < d; i++) {
            x[i] = tp_normal();
            b[i] = tp_normal();
        }
        q.d = d;
        q.A = A;
        q.b = b;
        q.c = 0.75;
        gdf_problem_quad(&p, &q);
        CHECK(p.fg(p.ctx, x, &f, g) == GDF_OK, "fg");
        CHECK(p.fg(p.ctx, x, &f1, NULL) == GDF_OK, "f only");
        CHECK(p.hessvec(p.ctx, x, x, hv) == GDF_OK, "hessvec");
        ref_Ax(d, A, x, yr, ay);
        {
            long double xAx = 0.0L, axax = 0.0L, bx = 0.0L;
            for (i = 0; i < d; i++) {
                double gi = yr[i] - b[i];
                bad += !(fabs(g[i] - gi) <= gm * (ay[i] + fabs(b[i])) + 1e-300);
                xAx += (long double)x[i] * (long double)yr[i];
                axax += fabsl((long double)x[i]) * (long double)ay[i];
                bx += (long double)b[i] * (long double)x[i];
                ab += fabs(b[i] * x[i]);
                /* hessvec(x) is the gradient's A x: g = A x - b in the same bits */
                if (d <= GDF_SYMV_OWN_MAX && d > 16 && !(hv[i] - b[i] == g[i]))
                    hv_same = 0;
            }
            fr = (double)(0.5L * xAx - bx + 0.75L);
            fb = 0.5 * (double)axax + ab + 0.75;
        }
        /* f: each of x'Ax and b'x within gamma_{2d+2} of its |.| sum */
        CHECK(bad == 0, "d = %ld: %d gradient entries beyond the bound", (long)d, bad);
        CHECK(fabs(f - fr) <= gam(2 * d + 4) * fb, "d = %ld: f %.17g vs %.17g", (long)d, f, fr);
        CHECK(fabs(f1 - fr) <= gam(2 * d + 4) * fb, "d = %ld: f alone %.17g vs %.17g", (long)d, f1, fr);
        CHECK(hv_same, "d = %ld: hessvec and the gradient use different kernels", (long)d);
        free(A); free(x); free(b); free(g); free(hv); free(yr); free(ay);
    }
}

static void test_dot_nrm(void)
{
    ptrdiff_t n, i;
    for (n = 0; n <= 70; n += 7) {
        double x[80], y[80], ax = 0.0;
        long double s = 0.0L, ss = 0.0L;
        for (i = 0; i < n; i++) {
            x[i] = tp_normal();
            y[i] = tp_normal();
            s += (long double)x[i] * y[i];
            ss += (long double)x[i] * x[i];
            ax += fabs(x[i] * y[i]);
        }
        CHECK(fabs(gdf_dot_own(n, x, y) - (double)s) <= gam(n) * ax + 1e-300, "dot n = %ld", (long)n);
        CHECK(fabs(gdf_nrm2_own(n, x) - (double)sqrtl(ss)) <= (gam(n) + 2e-16) * sqrt((double)ss) + 1e-300,
              "nrm2 n = %ld", (long)n);
    }
    {
        double big[40], tiny[40];
        for (i = 0; i < 40; i++) {
            big[i] = 1e200;
            tiny[i] = 1e-200;
        }
        CHECK_CLOSE(gdf_nrm2_own(40, big) / 1e200, sqrt(40.0), 1e-14, "nrm2 without overflow");
        CHECK_CLOSE(gdf_nrm2_own(40, tiny) / 1e-200, sqrt(40.0), 1e-14, "nrm2 without underflow");
        CHECK(gdf_nrm2_own(0, big) == 0.0, "nrm2 of nothing");
        big[7] = INFINITY;
        CHECK(isinf(gdf_nrm2_own(40, big)), "nrm2 with an Inf");
        big[9] = NAN;
        CHECK(isnan(gdf_nrm2_own(40, big)), "nrm2 with a NaN");
        for (i = 0; i < 40; i++)
            tiny[i] = 0.0;
        CHECK(gdf_nrm2_own(40, tiny) == 0.0, "nrm2 of zeros");
    }
}

int main(void)
{
    tp_seed(1515);
    (void)tp_spd;
    test_symv();
    test_bound_is_tight();
    test_quad();
    test_dot_nrm();
    return check_report("test_perf2_small");
}
