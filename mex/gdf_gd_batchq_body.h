/* gdf_gd_batchq_body.h - the body of the fused many-start kernel for a small
 * dense quadratic (gdf_gd_batchq.c includes it once per instruction set:
 * BQ_ATTR is the function attribute, BQ_SUFFIX names the variant, BQ_VW the
 * doubles in one of its vectors, BQ_ANY(m) tests a mask vector).
 *
 * One block of BQ_WV starts (lanes) is run through all its steps with the
 * state in lane-interleaved vectors: x[i][v] holds coordinate i of lanes
 * v*BQ_VW .. v*BQ_VW + BQ_VW-1.  Every lane performs exactly the scalar
 * operations of quad_small (gdf_problems.c) and gdf_gd_run (gdf_gd.c) in the
 * same order: GCC's vectors are lane-wise IEEE operations, there is no fused
 * multiply-add (the AVX2 variant does not enable FMA, and -std=c99 turns
 * contraction off), so each lane gives the bits of a single run.  The
 * stopping rules are lane masks, tested once per block and step; whatever
 * they flag is settled lane by lane on a copy (bq_lanes) by the rare-path
 * functions of gdf_gd_batchq.c.  A lane that stops leaves its final state
 * in X and r and then idles at 0 until the block is done.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */

#define BQ_CAT2(a, b) a##b
#define BQ_CAT(a, b) BQ_CAT2(a, b)
#define BQ_BODY BQ_CAT(bq_body_, BQ_SUFFIX)
#define BQ_RUN BQ_CAT(bq_run_, BQ_SUFFIX)
#define BQ_VD BQ_CAT(bq_vd_, BQ_SUFFIX)
#define BQ_VM BQ_CAT(bq_vm_, BQ_SUFFIX)
#define BQ_NV (BQ_WV / BQ_VW)
/* complete unrolling of the loops over the vectors (and over i, j for the
 * constant d = 2): the state's arrays then become registers (-O2 alone
 * unrolls nothing that grows the code) */
#if defined(__clang__)
#define BQ_UNROLL _Pragma("unroll")
#else
#define BQ_UNROLL _Pragma("GCC unroll 16")
#endif

typedef double BQ_VD __attribute__((vector_size(BQ_VW * sizeof(double))));
typedef long long BQ_VM __attribute__((vector_size(BQ_VW * sizeof(long long))));
/* unaligned views of the copy's lanes (the state itself is never
 * address-taken, or it would not stay in registers) */
typedef double BQ_CAT(bq_vdu_, BQ_SUFFIX) __attribute__((vector_size(BQ_VW * sizeof(double)), aligned(8), may_alias));
typedef long long BQ_CAT(bq_vmu_, BQ_SUFFIX) __attribute__((vector_size(BQ_VW * sizeof(long long)), aligned(8), may_alias));

/* the vectors <-> the lanes of the copy */
#define BQ_PUT(dst, src) (*(BQ_CAT(bq_vdu_, BQ_SUFFIX) *)(void *)(dst) = (BQ_VD)(src))
#define BQ_GET(dst, src) ((dst) = *(const BQ_CAT(bq_vdu_, BQ_SUFFIX) *)(const void *)(src))
#define BQ_PUTM(dst, src) (*(BQ_CAT(bq_vmu_, BQ_SUFFIX) *)(void *)(dst) = (src))
#define BQ_GETM(dst, src) ((dst) = *(const BQ_CAT(bq_vmu_, BQ_SUFFIX) *)(const void *)(src))

#define BQ_SAVE()                                                                                  \
    do {                                                                                           \
        BQ_UNROLL                                                                                  \
        for (v = 0; v < BQ_NV; v++) {                                                              \
            for (i = 0; i < d; i++) {                                                              \
                BQ_PUT(S.x[i] + v * BQ_VW, x[i][v]);                                               \
                BQ_PUT(S.g[i] + v * BQ_VW, g[i][v]);                                               \
            }                                                                                      \
            BQ_PUT(S.f + v * BQ_VW, f[v]);                                                         \
            BQ_PUT(S.g2 + v * BQ_VW, g2[v]);                                                       \
            BQ_PUTM(S.alive + v * BQ_VW, alive[v]);                                                \
        }                                                                                          \
    } while (0)
#define BQ_ALIVE()                                                                                 \
    do {                                                                                           \
        BQ_UNROLL                                                                                  \
        for (v = 0; v < BQ_NV; v++)                                                                \
            BQ_GETM(alive[v], S.alive + v * BQ_VW);                                                \
    } while (0)

static inline __attribute__((always_inline)) BQ_ATTR void BQ_BODY(bq_ctx *cx, ptrdiff_t c0, int nb,
                                                                  const int D)
{
    const gdf_gd_opts *o = cx->o;
    const double *A = cx->q->A, *b = cx->q->b;
    const double cq = cx->q->c, eta = o->eta;
    const ptrdiff_t d = D;
    /* the state: never address-taken (the rare paths get copies), so that
     * for d = 2 it stays in registers */
    BQ_VD x[BQ_DMAX][BQ_NV], g[BQ_DMAX][BQ_NV], xn[BQ_DMAX][BQ_NV], gq[BQ_DMAX][BQ_NV];
    BQ_VD f[BQ_NV], f0[BQ_NV], divl[BQ_NV], g2[BQ_NV], stuck[BQ_NV], fn[BQ_NV], g2n[BQ_NV];
    BQ_VM alive[BQ_NV];
    BQ_VD zero = {0.0}, one, etav, g2cand, lo, lo2, hi;
    bq_lanes S; /* the rare paths' copy of the state */
    long k = 0;
    ptrdiff_t i, j;
    int l, v;
    gdf_timer timer = gdf_timer_make(o->max_time, gdf_now());
    const double t0 = gdf_now();

    for (l = 0; l < BQ_VW; l++) {
        zero[l] = 0.0;
        one[l] = 1.0;
        etav[l] = eta;
        g2cand[l] = cx->g2cand;
        lo[l] = 1e-280;
        lo2[l] = cx->g2cand > 1e-280 ? cx->g2cand : 1e-280;
        hi[l] = 1e280;
    }
    /* theta_0: f and gradient through the problem (also polls Ctrl-C) */
    if (bq_start(cx, c0, nb, &S) != GDF_OK)
        return;
    BQ_UNROLL
    for (v = 0; v < BQ_NV; v++) {
        for (i = 0; i < d; i++) {
            BQ_GET(x[i][v], S.x[i] + v * BQ_VW);
            BQ_GET(g[i][v], S.g[i] + v * BQ_VW);
        }
        BQ_GET(f[v], S.f + v * BQ_VW);
        BQ_GET(f0[v], S.f0 + v * BQ_VW);
        BQ_GET(divl[v], S.divl + v * BQ_VW);
        BQ_GET(g2[v], S.g2 + v * BQ_VW);
        BQ_GETM(alive[v], S.alive + v * BQ_VW);
        stuck[v] = zero;
    }
    /* GradTol at theta_0 */
    if (cx->gradtest) {
        BQ_VM ev = alive[0] & ((g2[0] <= g2cand) | ~((g2[0] > lo) & (g2[0] < hi)));
        BQ_UNROLL
        for (v = 1; v < BQ_NV; v++)
            ev |= alive[v] & ((g2[v] <= g2cand) | ~((g2[v] > lo) & (g2[v] < hi)));
        if (BQ_ANY(ev)) {
            bq_gradtol(cx, c0, nb, &S, d, 0, t0);
            BQ_ALIVE();
        }
    }
    for (;;) {
        BQ_VM ev, any;
        int stopped = 0, rare;
        /* ---- before the step: MaxIter, MaxFunEvals, MaxTime (all lanes) ---- */
        any = alive[0];
        BQ_UNROLL
        for (v = 1; v < BQ_NV; v++)
            any |= alive[v];
        if (!BQ_ANY(any))
            break;
        {
            int why = 0;
            if (k >= o->max_iter)
                why = GDF_WHY_MAXITER;
            else if (o->max_fevals > 0 && k + 1 >= o->max_fevals)
                why = GDF_WHY_MAXFEVALS;
            else if (timer.on && gdf_timer_expired(&timer, k)) /* (no call without MaxTime) */
                why = GDF_WHY_MAXTIME;
            if (why) {
                BQ_SAVE();
                bq_stop_all(cx, c0, nb, &S, d, k, why, t0);
                break;
            }
        }
        if ((k & 8191) == 8191 && bq_poll(cx) != GDF_OK)
            return;
        /* ---- the step ---- */
        BQ_UNROLL
        for (v = 0; v < BQ_NV; v++)
            for (i = 0; i < d; i++)
                xn[i][v] = x[i][v] - etav * g[i][v];
        if (cx->stuck_stops) {
            ev = zero > one; /* all clear */
            BQ_UNROLL
            for (v = 0; v < BQ_NV; v++) {
                BQ_VM same = (xn[0][v] == x[0][v]);
                for (i = 1; i < d; i++)
                    same &= (xn[i][v] == x[i][v]);
                stuck[v] = (BQ_VD)((BQ_VM)(stuck[v] + one) & same); /* +1 where unchanged, else 0 */
                ev |= alive[v] & (stuck[v] > (double)GDF_GD_STUCK);
            }
            if (BQ_ANY(ev)) { /* a floating-point fixed point (stops before f is evaluated) */
                BQ_SAVE();
                BQ_UNROLL
                for (v = 0; v < BQ_NV; v++)
                    BQ_PUT(S.stuck + v * BQ_VW, stuck[v]);
                bq_stuck(cx, c0, nb, &S, d, k, t0);
                BQ_ALIVE();
                stopped = 1;
            }
        }
        /* ---- f and gradient at xn: quad_small's arithmetic, lane by lane ---- */
        ev = zero > one;
        {
            BQ_VD xAx[BQ_NV], bx[BQ_NV];
            BQ_UNROLL
            for (v = 0; v < BQ_NV; v++)
                xAx[v] = bx[v] = zero;
            j = 0;
            if (D > 4) /* four columns of A at a time: eight independent sums */
                for (; j + 3 < d; j += 4) {
                    const double *A0 = A + j * d, *A1 = A0 + d, *A2 = A1 + d, *A3 = A2 + d;
                    BQ_VD s0[BQ_NV], s1[BQ_NV], s2[BQ_NV], s3[BQ_NV];
                    int q;
                    BQ_UNROLL
                    for (v = 0; v < BQ_NV; v++) {
                        s0[v] = zero + A0[0] * xn[0][v];
                        s1[v] = zero + A1[0] * xn[0][v];
                        s2[v] = zero + A2[0] * xn[0][v];
                        s3[v] = zero + A3[0] * xn[0][v];
                    }
                    for (i = 1; i < d; i++) {
                        const double a0 = A0[i], a1 = A1[i], a2 = A2[i], a3 = A3[i];
                        BQ_UNROLL
                        for (v = 0; v < BQ_NV; v++) {
                            const BQ_VD xi = xn[i][v];
                            s0[v] += a0 * xi;
                            s1[v] += a1 * xi;
                            s2[v] += a2 * xi;
                            s3[v] += a3 * xi;
                        }
                    }
                    BQ_UNROLL
                    for (q = 0; q < 4; q++) /* xAx, b'x and g in the order of j */
                        BQ_UNROLL
                        for (v = 0; v < BQ_NV; v++) {
                            BQ_VD sq = q == 0 ? s0[v] : q == 1 ? s1[v] : q == 2 ? s2[v] : s3[v];
                            xAx[v] += xn[j + q][v] * sq;
                            if (b) {
                                bx[v] += b[j + q] * xn[j + q][v];
                                sq -= b[j + q];
                            }
                            gq[j + q][v] = sq;
                        }
                }
            for (; j < d; j++) {
                /* (A x)_j = column j . x (A symmetric), i in order; one load
                 * of A_ij serves every vector of lanes */
                const double *Aj = A + j * d;
                BQ_VD s[BQ_NV];
                BQ_UNROLL
                for (v = 0; v < BQ_NV; v++)
                    s[v] = zero + Aj[0] * xn[0][v];
                for (i = 1; i < d; i++) {
                    const double a = Aj[i];
                    BQ_UNROLL
                    for (v = 0; v < BQ_NV; v++)
                        s[v] += a * xn[i][v];
                }
                BQ_UNROLL
                for (v = 0; v < BQ_NV; v++) {
                    xAx[v] += xn[j][v] * s[v];
                    if (b) {
                        bx[v] += b[j] * xn[j][v];
                        s[v] -= b[j];
                    }
                    gq[j][v] = s[v];
                }
            }
            BQ_UNROLL
            for (v = 0; v < BQ_NV; v++)
                fn[v] = 0.5 * xAx[v] - bx[v] + cq;
        }
        BQ_UNROLL
        for (v = 0; v < BQ_NV; v++) {
            g2n[v] = zero + gq[0][v] * gq[0][v];
            for (i = 1; i < d; i++)
                g2n[v] += gq[i][v] * gq[i][v];
            /* non-finite, ||g||^2 outside sqrt's safe range or a GradTol
             * candidate (lo2 = max(1e-280, g2cand)), DivergenceLimit */
            ev |= alive[v] & (~((fn[v] - fn[v] == zero) & (g2n[v] > lo2) & (g2n[v] < hi)) |
                              (fn[v] - f0[v] > divl[v]));
        }
        rare = cx->rare_always;
        if (cx->hrows && !rare && !BQ_ANY(ev)) {
            /* History f (and ||g||): entry k+1 of the whole block as rows,
             * ||g|| = sqrt(g2n) as gdf_nrm2 takes it in its safe range (no
             * lane is outside it: ev is clear) */
            BQ_VM all = alive[0];
            BQ_UNROLL
            for (v = 1; v < BQ_NV; v++)
                all &= alive[v];
            if (nb == BQ_WV && BQ_ALL(all)) {
                double *hf = cx->h->f, *hg = cx->h->gnorm;
                const size_t at = (size_t)c0 + (size_t)(k + 1) * (size_t)cx->st;
                BQ_UNROLL
                for (v = 0; v < BQ_NV; v++) {
                    if (hf)
                        BQ_PUT(hf + at + v * BQ_VW, fn[v]);
                    if (hg)
                        BQ_PUT(hg + at + v * BQ_VW, BQ_SQRT(g2n[v]));
                }
            } else {
                rare = 1; /* some lanes stopped: lane by lane below */
            }
        }
        if (rare || BQ_ANY(ev)) {
            /* the rare path (every step with a history or StepTol/FunTol):
             * the rules lane by lane on a copy, in gdf_gd_run's order */
            BQ_SAVE();
            BQ_UNROLL
            for (v = 0; v < BQ_NV; v++) {
                for (i = 0; i < d; i++) {
                    BQ_PUT(S.xn[i] + v * BQ_VW, xn[i][v]);
                    BQ_PUT(S.gq[i] + v * BQ_VW, gq[i][v]);
                }
                BQ_PUT(S.fn + v * BQ_VW, fn[v]);
                BQ_PUT(S.g2n + v * BQ_VW, g2n[v]);
            }
            bq_after(cx, c0, nb, &S, d, k, t0);
            BQ_ALIVE();
            stopped = 1;
        }
        k++;
        BQ_UNROLL
        for (v = 0; v < BQ_NV; v++) {
            for (i = 0; i < d; i++) {
                x[i][v] = xn[i][v];
                g[i][v] = gq[i][v];
            }
            f[v] = fn[v];
            g2[v] = g2n[v];
        }
        if (stopped) /* stopped lanes idle at 0 (no overflow, no subnormals) */
            BQ_UNROLL
            for (v = 0; v < BQ_NV; v++)
                for (i = 0; i < d; i++) {
                    x[i][v] = (BQ_VD)((BQ_VM)x[i][v] & alive[v]);
                    g[i][v] = (BQ_VD)((BQ_VM)g[i][v] & alive[v]);
                }
    }
}

/* one block: the dimension as a constant for the lecture's d = 2 (the
 * compiler keeps the state in registers), a loop bound otherwise */
static BQ_ATTR void BQ_RUN(bq_ctx *cx, ptrdiff_t c0, int nb)
{
    if (cx->q->d == 2)
        BQ_BODY(cx, c0, nb, 2);
    else
        BQ_BODY(cx, c0, nb, (int)cx->q->d);
}

#undef BQ_BODY
#undef BQ_RUN
#undef BQ_VD
#undef BQ_VM
#undef BQ_NV
#undef BQ_UNROLL
#undef BQ_PUT
#undef BQ_GET
#undef BQ_PUTM
#undef BQ_GETM
#undef BQ_SAVE
#undef BQ_ALIVE
