/* test_arch_misc.c - the library decides (issue 13): gdf_exact_solve's choice
 * of path (eig / expm), its 'Method' override and its status codes; the
 * shared constants of the Gram switch.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_exact.h"
#include "check.h"

#define D 3
#define NT 4
#define M 2

static double *work_, *iwork_;

static double maxdiff(ptrdiff_t n, const double *x, const double *y)
{
    double e = 0.0;
    ptrdiff_t i;
    for (i = 0; i < n; i++)
        if (!(fabs(x[i] - y[i]) <= e))
            e = fabs(x[i] - y[i]);
    return e;
}

static int solve(const double *A, const double *b, const double *T0, const double *t, int iterates,
                 double eta, int method, double *Theta, gdf_exact_info *info)
{
    return gdf_exact_solve(D, A, b, M, T0, NT, t, iterates, eta, method, Theta, work_, iwork_,
                           info);
}

static void test_choice(void)
{
    /* symmetric positive definite A, b, two starts, four times */
    const double A[D * D] = {4, 1, 0.5, 1, 3, 0.25, 0.5, 0.25, 2};
    const double b[D] = {1, -2, 0.5};
    const double T0[D * M] = {1, 2, 3, -1, 0, 1};
    const double t[NT] = {0, 0.5, 2, 0.1};
    const double k[NT] = {0, 1, 7, 30};
    double Ta[NT * D * M], Tb[NT * D * M], Ap[D * D], As[D * D];
    double *ws = malloc(gdf_exact_sym_work(D, NT, M) * sizeof(double));
    ptrdiff_t *iws = malloc(gdf_exact_sym_iwork(D) * sizeof(ptrdiff_t));
    gdf_exact_info info;
    int st, i, j;

    /* symmetric, auto: the eig path, bit for bit gdf_exact_sym */
    st = solve(A, b, T0, t, 0, 0.0, GDF_EXACT_AUTO, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 1, "auto on symmetric A: st %d sym %d", st, info.sym);
    st = gdf_exact_sym(D, A, b, M, T0, NT, t, 0, 0.0, Tb, ws, iws);
    CHECK(st == GDF_OK && maxdiff(NT * D * M, Ta, Tb) == 0.0, "auto = gdf_exact_sym (%g)",
          maxdiff(NT * D * M, Ta, Tb));
    /* iterates too */
    st = solve(A, b, T0, k, 1, 0.2, GDF_EXACT_AUTO, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 1, "auto iterates: st %d", st);
    st = gdf_exact_sym(D, A, b, M, T0, NT, k, 1, 0.2, Tb, ws, iws);
    CHECK(st == GDF_OK && maxdiff(NT * D * M, Ta, Tb) == 0.0, "auto iterates = gdf_exact_sym");
    CHECK(info.tmax == 30.0, "tmax %g", info.tmax);

    /* Method expm on a symmetric A: the general path, same numbers to rounding */
    st = solve(A, b, T0, t, 0, 0.0, GDF_EXACT_EXPM, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 0, "expm override: st %d sym %d", st, info.sym);
    st = gdf_exact_gen(D, A, b, M, T0, NT, t, 0, 0.0, Tb, work_, iwork_);
    CHECK(st == GDF_OK && maxdiff(NT * D * M, Ta, Tb) == 0.0, "expm = gdf_exact_gen");
    st = gdf_exact_sym(D, A, b, M, T0, NT, t, 0, 0.0, Tb, ws, iws);
    CHECK(maxdiff(NT * D * M, Ta, Tb) < 1e-13, "expm vs eig %g", maxdiff(NT * D * M, Ta, Tb));

    /* within GDF_SYM_RTOL: still symmetric, the eig path of (A + A')/2 */
    memcpy(Ap, A, sizeof Ap);
    Ap[0 + 1 * D] += 0.5 * GDF_SYM_RTOL * 4.0; /* max|A| = 4 */
    for (j = 0; j < D; j++)
        for (i = 0; i < D; i++)
            As[i + j * D] = 0.5 * (Ap[i + j * D] + Ap[j + i * D]);
    st = solve(Ap, b, T0, t, 0, 0.0, GDF_EXACT_AUTO, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 1, "auto within rtol: st %d sym %d", st, info.sym);
    CHECK(info.asym > 0.0 && info.amax == 4.0, "asym %g amax %g", info.asym, info.amax);
    st = gdf_exact_sym(D, As, b, M, T0, NT, t, 0, 0.0, Tb, ws, iws);
    CHECK(maxdiff(NT * D * M, Ta, Tb) == 0.0, "eig of (A + A')/2 (%g)", maxdiff(NT * D * M, Ta, Tb));
    st = solve(Ap, b, T0, t, 0, 0.0, GDF_EXACT_EIG, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 1, "eig within rtol: st %d", st);
    /* 16 eps: symmetric by the one rule (gf_exact's former 4 eps rule said no) */
    memcpy(Ap, A, sizeof Ap);
    Ap[0 + 1 * D] *= 1.0 + 16 * 2.220446049250313e-16;
    st = solve(Ap, b, T0, t, 0, 0.0, GDF_EXACT_AUTO, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 1, "16 eps is symmetric: sym %d", info.sym);

    /* beyond GDF_SYM_RTOL: auto -> expm path, eig -> ENOTSYM */
    memcpy(Ap, A, sizeof Ap);
    Ap[0 + 1 * D] += 4.0 * GDF_SYM_RTOL * 4.0;
    st = solve(Ap, b, T0, t, 0, 0.0, GDF_EXACT_AUTO, Ta, &info);
    CHECK(st == GDF_OK && info.sym == 0, "auto beyond rtol: st %d sym %d", st, info.sym);
    st = gdf_exact_gen(D, Ap, b, M, T0, NT, t, 0, 0.0, Tb, work_, iwork_);
    CHECK(maxdiff(NT * D * M, Ta, Tb) == 0.0, "auto nonsym = gdf_exact_gen");
    st = solve(Ap, b, T0, t, 0, 0.0, GDF_EXACT_EIG, Ta, &info);
    CHECK(st == GDF_EXACT_ENOTSYM, "eig on nonsymmetric A: st %d", st);
    CHECK(info.asym > GDF_SYM_RTOL * info.amax, "info reports the asymmetry %g", info.asym);
    /* a clearly nonsymmetric A (rotation-like): expm path, finite */
    {
        const double R[D * D] = {1, -2, 0, 2, 1, 0, 0, 0, 3};
        st = solve(R, NULL, T0, t, 0, 0.0, GDF_EXACT_AUTO, Ta, &info);
        CHECK(st == GDF_OK && info.sym == 0, "rotation: st %d sym %d", st, info.sym);
        st = solve(R, NULL, T0, t, 0, 0.0, GDF_EXACT_EIG, Ta, &info);
        CHECK(st == GDF_EXACT_ENOTSYM, "rotation, eig: st %d", st);
    }
    free(ws);
    free(iws);
}

static void test_status(void)
{
    const double A[D * D] = {2, 0, 0, 0, 1, 0, 0, 0, -1};
    const double T0[D * M] = {1, 1, 1, 1, 1, 1};
    double Theta[NT * D * M];
    gdf_exact_info info;
    double t[NT] = {0, 1, 2, 3};
    int st;

    st = solve(A, NULL, T0, t, 1, INFINITY, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EETA, "eta Inf: %d", st);
    st = solve(A, NULL, T0, t, 1, NAN, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EETA, "eta NaN: %d", st);
    st = solve(A, NULL, T0, t, 1, -0.1, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EARG, "eta < 0: %d", st);
    t[2] = 2.5;
    st = solve(A, NULL, T0, t, 1, 0.1, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EINDEX && info.bad == 2, "index 2.5: %d at %ld", st, (long)info.bad);
    t[2] = -1.0;
    st = solve(A, NULL, T0, t, 1, 0.1, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EINDEX && info.bad == 2, "index -1: %d", st);
    t[2] = 9007199254740994.0; /* 2^53 + 2 */
    st = solve(A, NULL, T0, t, 1, 0.1, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EINDEX && info.bad == 2, "index 2^53+2: %d", st);
    /* the index check comes before the symmetry check */
    {
        const double R[D * D] = {1, -2, 0, 2, 1, 0, 0, 0, 3};
        st = solve(R, NULL, T0, t, 1, 0.1, GDF_EXACT_EIG, Theta, &info);
        CHECK(st == GDF_EXACT_EINDEX, "index before symmetry: %d", st);
    }
    t[2] = 2.5; /* times may be fractional, and negative */
    t[3] = -1.0;
    st = solve(A, NULL, T0, t, 0, 0.0, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_OK, "fractional and negative times: %d", st);
    t[3] = NAN;
    st = solve(A, NULL, T0, t, 0, 0.0, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EARG, "NaN time: %d", st);
    t[3] = 3.0;
    st = solve(A, NULL, T0, t, 0, 0.0, 3, Theta, &info);
    CHECK(st == GDF_EARG, "bad method: %d", st);
    st = gdf_exact_solve(-1, A, NULL, M, T0, NT, t, 0, 0.0, 0, Theta, work_, iwork_, NULL);
    CHECK(st == GDF_EARG, "d < 0: %d", st);
    /* info may be NULL */
    st = gdf_exact_solve(D, A, NULL, M, T0, NT, t, 0, 0.0, 0, Theta, work_, iwork_, NULL);
    CHECK(st == GDF_OK, "info NULL: %d", st);
    /* nt = 0: validated, nothing to compute (eig on nonsymmetric still refused) */
    st = gdf_exact_solve(D, A, NULL, M, T0, 0, NULL, 0, 0.0, 0, NULL, NULL, NULL, &info);
    CHECK(st == GDF_OK, "nt = 0: %d", st);
    {
        const double R[D * D] = {1, -2, 0, 2, 1, 0, 0, 0, 3};
        st = gdf_exact_solve(D, R, NULL, M, T0, 0, NULL, 0, 0.0, GDF_EXACT_EIG, NULL, NULL, NULL,
                             &info);
        CHECK(st == GDF_EXACT_ENOTSYM, "nt = 0, eig, nonsymmetric: %d", st);
    }
    /* overflow of the symmetric closed form (eigenvalue -1, t = 1e3) */
    t[3] = 1e3;
    st = solve(A, NULL, T0, t, 0, 0.0, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EOVERFLOW && info.sym == 1 && info.tmax == 1e3, "sym overflow: %d", st);
    st = solve(A, NULL, T0, t, 0, 0.0, GDF_EXACT_EXPM, Theta, &info);
    CHECK(st == GDF_EXACT_EOVERFLOW && info.sym == 0, "gen overflow: %d", st);
    /* divergent GD iterates: eta = 2 on eigenvalue 2 gives |1 - 4| = 3 */
    t[3] = 1e4;
    t[2] = 2.0;
    st = solve(A, NULL, T0, t, 1, 2.0, GDF_EXACT_AUTO, Theta, &info);
    CHECK(st == GDF_EXACT_EOVERFLOW, "divergent iterates: %d", st);
    /* a non-finite A: refused by the path */
    {
        double B[D * D] = {2, 0, 0, 0, 1, 0, 0, 0, NAN};
        t[3] = 3.0;
        st = solve(B, NULL, T0, t, 0, 0.0, GDF_EXACT_EXPM, Theta, &info);
        CHECK(st == GDF_EARG, "NaN in A, expm: %d", st);
    }
    /* workspace sizes cover both paths */
    CHECK(gdf_exact_solve_work(D, NT, M) >= gdf_exact_gen_work(D, NT, M) &&
              gdf_exact_solve_work(D, NT, M) >= D * D + gdf_exact_sym_work(D, NT, M),
          "solve_work covers both paths");
    CHECK(gdf_exact_solve_iwork(D) >= gdf_exact_gen_iwork(D) &&
              gdf_exact_solve_iwork(D) >= gdf_exact_sym_iwork(D),
          "solve_iwork covers both paths");
}

int main(void)
{
    work_ = malloc(gdf_exact_solve_work(D, NT, M) * sizeof(double));
    iwork_ = malloc(gdf_exact_solve_iwork(D) * sizeof(ptrdiff_t));
    test_choice();
    test_status();
    free(work_);
    free(iwork_);
    return check_report("test_arch_misc");
}
