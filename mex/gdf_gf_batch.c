/* gdf_gf_batch.c - many starts of a fixed-step gradient flow (euler, heun,
 * rk4) on a small dense quadratic (d <= GDF_GF_BATCH_DMAX), all starts
 * advanced together.
 *
 * gdf_gf_run integrates one start at a time: every stage of every step
 * evaluates A x - b for one point through the problem's callback, and at
 * d = 2 the calls, not the arithmetic, set the cost.  Here blocks of BW
 * starts run through the whole grid together, their state held lane by lane
 * (x[i][l]: coordinate i of start l), so that each stage is one pass of
 * plain loops over the lanes that the compiler vectorizes.  Every lane does
 * exactly the operations of gdf_gf_run on its start, in the same order (the
 * gradient as quad_small in gdf_problems.c: s = 0, s += A(i,j) x_i over i,
 * then s - b_j; f = 0.5 x'Ax - b'x + c from the same sums; the stages of
 * euler_advance, heun_advance, rk4_advance; norm(g) as gdf_nrm2), so each
 * start gives the bits of a single run (tests/m/test_perf2_flowbatch.m).
 *
 * What a single run would do differently is left to it: a lane that meets
 * a non-finite value, a zero gradient or a step that leaves it unchanged
 * bit for bit (the stationary stops S1/S2 of gdf_gf.h, when stationary is
 * set) is marked in redo[] and its output is not used; the caller runs it
 * alone.  The caller also keeps this path to the plain case: TSPAN = [t0
 * tf] (output on the grid), no GradTol, MaxTime or MaxSteps below N, no
 * time-dependent right-hand side.  Ctrl-C: poll's fg_batch with no columns
 * (the gateway's check, as gdf_gd_batchq.c) every 4096 steps of a block.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_gf.h"

#define BW 8 /* starts per block */
#define DMAX GDF_GF_BATCH_DMAX

typedef double lanes[DMAX][BW];

/* g = A x - b for every lane, and f when asked (quad_small's arithmetic) */
static void lanes_fg(const gdf_quad *q, lanes x, lanes g, double *f)
{
    ptrdiff_t i, j, d = q->d;
    double xAx[BW], bx[BW];
    int l;
    for (l = 0; l < BW; l++)
        xAx[l] = bx[l] = 0.0;
    for (j = 0; j < d; j++) {
        const double *Aj = q->A + j * d;
        double s[BW];
        for (l = 0; l < BW; l++)
            s[l] = 0.0;
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                s[l] += Aj[i] * x[i][l];
        for (l = 0; l < BW; l++)
            xAx[l] += x[j][l] * s[l];
        if (q->b) {
            double bj = q->b[j];
            for (l = 0; l < BW; l++) {
                bx[l] += bj * x[j][l];
                s[l] -= bj;
            }
        }
        for (l = 0; l < BW; l++)
            g[j][l] = s[l];
    }
    if (f)
        for (l = 0; l < BW; l++)
            f[l] = 0.5 * xAx[l] - bx[l] + q->c;
}

static double lane_nrm2(lanes g, ptrdiff_t d, int l)
{
    double t[DMAX];
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        t[i] = g[i][l];
    return gdf_nrm2(d, t);
}

static int lane_finite(lanes v, ptrdiff_t d, int l)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++)
        if (!isfinite(v[i][l]))
            return 0;
    return 1;
}

static int lane_same(lanes a, lanes b, ptrdiff_t d, int l)
{
    ptrdiff_t i;
    for (i = 0; i < d; i++) {
        uint64_t u, v;
        memcpy(&u, &a[i][l], sizeof u);
        memcpy(&v, &b[i][l], sizeof v);
        if (u != v)
            return 0;
    }
    return 1;
}

typedef struct {
    lanes y, g, yn, gn, s1, s2, s3;
    double f[BW], fn[BW];
} bstate;

/* one step of size hs from (y, g) to (yn, gn, fn), as the steppers of gdf_gf.c */
static void lanes_step(const gdf_quad *q, int method, double hs, bstate *b)
{
    ptrdiff_t i, d = q->d;
    int l;
    if (method == GDF_GF_EULER) {
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                b->yn[i][l] = b->y[i][l] - hs * b->g[i][l];
    } else if (method == GDF_GF_HEUN) {
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                b->s1[i][l] = b->y[i][l] - hs * b->g[i][l];
        lanes_fg(q, b->s1, b->s2, NULL);
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                b->yn[i][l] = b->y[i][l] - 0.5 * hs * (b->g[i][l] + b->s2[i][l]);
    } else { /* rk4 */
        double hh = 0.5 * hs, h6 = hs / 6.0;
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                b->s1[i][l] = b->y[i][l] - hh * b->g[i][l];
        lanes_fg(q, b->s1, b->s2, NULL); /* k2 */
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++) {
                b->s3[i][l] = b->g[i][l] + 2.0 * b->s2[i][l];
                b->s1[i][l] = b->y[i][l] - hh * b->s2[i][l];
            }
        lanes_fg(q, b->s1, b->s2, NULL); /* k3 */
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++) {
                b->s3[i][l] += 2.0 * b->s2[i][l];
                b->s1[i][l] = b->y[i][l] - hs * b->s2[i][l];
            }
        lanes_fg(q, b->s1, b->s2, NULL); /* k4 */
        for (i = 0; i < d; i++)
            for (l = 0; l < BW; l++)
                b->yn[i][l] = b->y[i][l] - h6 * (b->s3[i][l] + b->s2[i][l]);
    }
    lanes_fg(q, b->yn, b->gn, b->fn);
}

/* row k of the lanes' outputs (lane l is start j0 + l); norm(g) as
 * gdf_nrm2 takes it for d <= 32 (the sum of squares in order, its square
 * root; gdf_nrm2 itself outside its range) */
static void emit(ptrdiff_t d, ptrdiff_t n, long k, ptrdiff_t j0, int nl, lanes y, const double *f, lanes g,
                 double *T, double *F, double *Gn)
{
    double s2[BW];
    int l;
    ptrdiff_t i;
    for (l = 0; l < BW; l++)
        s2[l] = 0.0;
    for (i = 0; i < d; i++)
        for (l = 0; l < BW; l++)
            s2[l] += g[i][l] * g[i][l];
    for (l = 0; l < nl; l++) {
        size_t j = (size_t)(j0 + l);
        double *Tj = T + (size_t)k + j * (size_t)n * (size_t)d;
        for (i = 0; i < d; i++)
            Tj[(size_t)i * (size_t)n] = y[i][l];
        F[(size_t)k + j * (size_t)n] = f[l];
        Gn[(size_t)k + j * (size_t)n] = (s2[l] > 1e-280 && s2[l] < 1e280) ? sqrt(s2[l]) : lane_nrm2(g, d, l);
    }
}

int gdf_gf_batch_fixed(gdf_problem *poll, const gdf_quad *q, int method, double t0, double tf, double h, long N, int shortened,
                       int stationary, ptrdiff_t m, const double *X0, ptrdiff_t n, double *T, double *F,
                       double *Gn, unsigned char *redo)
{
    bstate st, *b = &st;
    ptrdiff_t d, j0, i;
    (void)t0, (void)tf;
    if (!q || q->d < 1 || q->d > DMAX || !q->A || m < 0 || N < 0 || n < N + 1 || !X0 || !T || !F ||
        !Gn || !redo || !(h > 0.0) ||
        (method != GDF_GF_EULER && method != GDF_GF_HEUN && method != GDF_GF_RK4))
        return GDF_EARG;
    d = q->d;
    memset(b, 0, sizeof *b);
    for (j0 = 0; j0 < m; j0 += BW) {
        int nl = m - j0 < BW ? (int)(m - j0) : BW, l, live = 0;
        long k;
        unsigned char *rd = redo + j0;
        for (l = 0; l < BW; l++) /* idle lanes repeat the block's first start */
            for (i = 0; i < d; i++)
                b->y[i][l] = X0[(size_t)(j0 + (l < nl ? l : 0)) * (size_t)d + (size_t)i];
        lanes_fg(q, b->y, b->g, b->f);
        for (l = 0; l < nl; l++) {
            rd[l] = !(isfinite(b->f[l]) && lane_finite(b->y, d, l) && lane_finite(b->g, d, l)) ||
                    (stationary && N > 0 && lane_nrm2(b->g, d, l) == 0.0);
            live += !rd[l];
        }
        emit(d, n, 0, j0, nl, b->y, b->f, b->g, T, F, Gn);
        for (k = 0; k < N && live; k++) {
            double tk = t0 + (double)k * h;
            if ((k & 4095) == 0 && poll && poll->fg_batch) {
                int s = poll->fg_batch(poll->ctx, 0, NULL, NULL, NULL);
                if (s != GDF_OK)
                    return s;
            }
            double hs = (k + 1 == N && shortened) ? tf - tk : h;
            lanes_step(q, method, hs, b);
            emit(d, n, k + 1, j0, nl, b->yn, b->fn, b->gn, T, F, Gn);
            for (l = 0; l < nl; l++) {
                if (rd[l])
                    continue;
                if (!(isfinite(b->fn[l]) && lane_finite(b->yn, d, l) && lane_finite(b->gn, d, l)) ||
                    (stationary && k + 1 < N &&
                     (Gn[(size_t)(k + 1) + (size_t)(j0 + l) * (size_t)n] == 0.0 ||
                      (hs == h && lane_same(b->y, b->yn, d, l))))) {
                    rd[l] = 1;
                    live--;
                }
            }
            memcpy(b->y, b->yn, (size_t)d * sizeof b->y[0]); /* the d rows in use */
            memcpy(b->g, b->gn, (size_t)d * sizeof b->g[0]);
            memcpy(b->f, b->fn, sizeof b->f);
        }
    }
    return GDF_OK;
}
