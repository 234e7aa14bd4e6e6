/* test_trust_archfin.c - rules written once (issue 13, "Architecture"):
 *  - "an eigenvalue counts as negative below -gdf_eig_tol" decides the
 *    flow's convexity (gdf_gf_convexity) and the second-order test
 *    (gdf_stationary) alike, at the same boundary;
 *  - the two exact solutions (gdf_exact_sym, gdf_exact_gen) refuse the same
 *    arguments and skip the same empty requests (one shared prologue).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "gdflow.h"
#include "gdf_exact.h"
#include "gdf_gf_solve.h"
#include "check.h"

static double QA[4] = {1.0, 0.0, 0.0, 0.0};
static gdf_quad QQ;

/* diag(1, mu) with its spectrum recorded: L = 1 and mu */
static void diag_quad(gdf_problem *p, double mu)
{
    QA[3] = mu;
    QQ.d = 2;
    QQ.A = QA;
    QQ.b = NULL;
    QQ.c = 0.0;
    gdf_problem_quad(p, &QQ);
    p->L = 1.0;
    p->mu = mu;
}

static void test_eig_tol_agrees(void)
{
    double tol = gdf_eig_tol(1.0, 0.0), x[2] = {0.0, 0.0}, lam[2];
    gdf_problem p;
    CHECK(tol == 1e3 * DBL_EPSILON, "gdf_eig_tol(1, 0) = 1e3 eps (%g)", tol);
    /* just inside the tolerance: 0 to rounding for both */
    diag_quad(&p, -0.5 * tol);
    CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_CONVEX_OK, "mu = -tol/2: convex for the flow");
    CHECK(gdf_stationary(&p, x, NULL, NULL, lam) == GDF_STAT_MINIMUM,
          "mu = -tol/2: a minimum for the second-order test");
    /* just outside: negative for both */
    diag_quad(&p, -2.0 * tol);
    CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_NONCONVEX, "mu = -2 tol: nonconvex for the flow");
    CHECK(gdf_gf_convexity(&p, -INFINITY) == GDF_GFS_UNBOUNDED_INDEF,
          "mu = -2 tol, f unbounded: indefinite");
    CHECK(gdf_stationary(&p, x, NULL, NULL, lam) == GDF_STAT_SADDLE,
          "mu = -2 tol: a saddle for the second-order test");
    /* an infinite L makes no infinite tolerance: any mu < 0 is negative */
    diag_quad(&p, -1e-300);
    p.L = INFINITY;
    CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_NONCONVEX, "L = Inf, mu = -1e-300: nonconvex");
    p.mu = NAN;
    CHECK(gdf_gf_convexity(&p, NAN) == GDF_GFS_CONVEX_OK, "mu unknown: not declared nonconvex");
}

/* one call of either exact solution, with work when asked */
static int exact(int gen, ptrdiff_t d, ptrdiff_t m, ptrdiff_t nt, const double *t, int iterates,
                 double eta, int with_work)
{
    static const double A[4] = {2.0, 0.0, 0.0, 1.0}, th0[4] = {1.0, 1.0, 1.0, 1.0};
    double Theta[64];
    size_t lw = 1, liw = 1;
    double *w;
    void *iw;
    int st;
    if (with_work && d > 0 && nt > 0 && m > 0) {
        lw = gen ? gdf_exact_gen_work(d, nt, m) : gdf_exact_sym_work(d, nt, m);
        liw = gen ? gdf_exact_gen_iwork(d) : gdf_exact_sym_iwork(d);
    }
    w = with_work ? malloc(lw * sizeof(double)) : NULL;
    iw = with_work ? malloc(liw * sizeof(ptrdiff_t)) : NULL;
    st = gen ? gdf_exact_gen(d, A, NULL, m, th0, nt, t, iterates, eta, Theta, w, iw)
             : gdf_exact_sym(d, A, NULL, m, th0, nt, t, iterates, eta, Theta, w, iw);
    free(w);
    free(iw);
    return st;
}

static void test_exact_prologue(void)
{
    const double t[2] = {0.0, 1.0}, kbad[2] = {0.0, 1.5};
    int gen;
    for (gen = 0; gen < 2; gen++) {
        const char *w = gen ? "gen" : "sym";
        CHECK(exact(gen, -1, 1, 2, t, 0, 0.0, 1) == GDF_EARG, "%s: d < 0 refused", w);
        CHECK(exact(gen, 2, -1, 2, t, 0, 0.0, 1) == GDF_EARG, "%s: m < 0 refused", w);
        CHECK(exact(gen, 2, 1, -1, t, 0, 0.0, 1) == GDF_EARG, "%s: nt < 0 refused", w);
        CHECK(exact(gen, 2, 1, 2, t, 1, NAN, 1) == GDF_EARG, "%s: eta NaN refused", w);
        CHECK(exact(gen, 2, 1, 2, t, 1, 0.0, 1) == GDF_EARG, "%s: eta 0 refused", w);
        CHECK(exact(gen, 2, 1, 2, NULL, 0, 0.0, 1) == GDF_EARG, "%s: t NULL refused", w);
        CHECK(exact(gen, 2, 1, 2, kbad, 1, 0.1, 1) == GDF_EARG, "%s: index 1.5 refused", w);
        /* the argument checks come before "nothing to compute" */
        CHECK(exact(gen, 0, 1, 2, kbad, 1, 0.1, 0) == GDF_EARG, "%s: d = 0 still checks t", w);
        /* nothing to compute: no workspace needed */
        CHECK(exact(gen, 0, 1, 2, t, 0, 0.0, 0) == GDF_OK, "%s: d = 0 needs no work", w);
        CHECK(exact(gen, 2, 0, 2, t, 0, 0.0, 0) == GDF_OK, "%s: m = 0 needs no work", w);
        CHECK(exact(gen, 2, 1, 0, NULL, 0, 0.0, 0) == GDF_OK, "%s: nt = 0 needs no work", w);
        /* something to compute without workspace */
        CHECK(exact(gen, 2, 1, 2, t, 0, 0.0, 0) == GDF_EARG, "%s: work NULL refused", w);
        CHECK(exact(gen, 2, 1, 2, t, 0, 0.0, 1) == GDF_OK, "%s: a valid call runs", w);
    }
}

int main(void)
{
    test_eig_tol_agrees();
    test_exact_prologue();
    return check_report("test_trust_archfin");
}
