/* testprob.h - deterministic random data for the C unit tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_TESTPROB_H
#define GDF_TESTPROB_H
#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* xorshift64* uniform in (0, 1) */
static uint64_t tp_state_ = 88172645463325252ULL;
static void tp_seed(uint64_t s) { tp_state_ = s ? s : 88172645463325252ULL; }
static double tp_uniform(void)
{
    tp_state_ ^= tp_state_ >> 12;
    tp_state_ ^= tp_state_ << 25;
    tp_state_ ^= tp_state_ >> 27;
    return ((tp_state_ * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0) + 1e-300;
}
static double tp_normal(void)
{
    double u = tp_uniform(), v = tp_uniform();
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}
/* A = Q diag(lam) Q' with Q from Householder reflections of random vectors,
 * eigenvalues spread geometrically from lmin to lmax.  A is d x d; w holds
 * d doubles of scratch. */
static void tp_spd(ptrdiff_t d, double lmin, double lmax, double *A, double *w)
{
    ptrdiff_t i, j, r;
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
            A[i + j * d] = 0.0;
    for (i = 0; i < d; i++)
        A[i + i * d] = d > 1 ? lmin * pow(lmax / lmin, (double)i / (double)(d - 1)) : lmin;
    for (r = 0; r < 3; r++) { /* A <- H A H, H = I - 2 w w' / w'w */
        double nn = 0.0;
        for (i = 0; i < d; i++) { w[i] = tp_normal(); nn += w[i] * w[i]; }
        for (i = 0; i < d; i++) w[i] /= sqrt(nn);
        /* left: A <- A - 2 w (w'A) ; right: A <- A - 2 (A w) w' */
        for (j = 0; j < d; j++) {
            double s = 0.0;
            for (i = 0; i < d; i++) s += w[i] * A[i + j * d];
            for (i = 0; i < d; i++) A[i + j * d] -= 2.0 * w[i] * s;
        }
        for (i = 0; i < d; i++) {
            double s = 0.0;
            for (j = 0; j < d; j++) s += A[i + j * d] * w[j];
            for (j = 0; j < d; j++) A[i + j * d] -= 2.0 * s * w[j];
        }
    }
    for (i = 0; i < d; i++) /* exact symmetry */
        for (j = i + 1; j < d; j++)
            A[i + j * d] = A[j + i * d] = 0.5 * (A[i + j * d] + A[j + i * d]);
}
#endif
