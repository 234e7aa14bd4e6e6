/* gdf_gram.c - least squares in the Gram form (see gdf_gram.h).
 *
 * Rounding-error bounds use the standard model fl(a op b) = (a op b)(1 + e),
 * |e| <= u = eps/2, to first order, with gamma_n = n u / (1 - n u) for a sum
 * of n products in any order (any BLAS blocking, with or without FMA).
 * With D_i = sqrt(H_ii) (H = G + Lambda positive semidefinite, so
 * |H_ij| <= D_i D_j) and a = sum_i |d_i| D_i:
 *   forming G (blocked dsyrk, nbG rows per call, nblk calls) perturbs each
 *     G_ij by at most gamma_G D_i D_j, gamma_G = gamma(nbG + nblk + 2):
 *     |d'E d| <= gamma_G a^2;
 *   v = H d:  |dv_i| <= gamma(p+2) D_i a;   q = d'v:  |dq| <= 2 gamma(p+2) a^2;
 *   l = g_r'd: |dl| <= gamma(p) sum |g_r,i d_i|;
 *   f = f_r + l + q/2: 2u (|f_r| + |l| + |q|/2);   d = fl(theta - theta_r): u sum |g_i d_i|;
 *   the anchor pass (one pass over X, rows in blocks): residuals r_k carry
 *     |e_k| <= gamma(p+1) s_k with ||s|| <= sqrt(m) S, S = sum |theta_j| D_j + ||y||/sqrt(m);
 *     sums over rows gamma_acc = gamma(nb + nblocks + 2).  Hence the plain
 *     pass's own bounds P_f = gamma(p+1) S sqrt(2 f) + (gamma(p+1) S)^2 / 2
 *     + gamma_acc f and (per gradient entry, in units of D_i)
 *     P_g = gamma(p+1) S + gamma_acc sqrt(2 f), and the anchor gradient's
 *     error enters f through e'X d / m <= gamma(p+1) S_r sqrt(d'G d)
 *     + gamma_acc sqrt(2 f_r) a.
 * f here is the least-squares part (the lambda term is exact to gamma(p)).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_gram.h"

#if !defined(GDF_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64) || \
                              (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define GDF_GRAM_KEY_SSE2 1
#endif

static double gam(double n)
{
    double nu = n * (0.5 * DBL_EPSILON);
    return nu < 0.5 ? nu / (1.0 - nu) : 1.0;
}

size_t gdf_gram_work(ptrdiff_t m, ptrdiff_t p)
{
    (void)m;
    if (p < 1)
        p = 1;
    return (size_t)p * (size_t)p + 5 * (size_t)p;
}

long gdf_gram_switch_default(ptrdiff_t m, ptrdiff_t p)
{
    if (p < 1 || m < 4 * p || p > GDF_GRAM_PMAX)
        return -1;
    /* Forming G costs m p^2 flops and reads X once; a pass costs 2 m p
     * flops and reads X once.  dsyrk runs much faster per flop than a pass,
     * so forming G costs a few passes (bench_leastsq; figures in
     * bench/README.md); the last plain pass becomes the first anchor. */
    return 1 + (long)((p + 15) / 16);
}

/* layout of q->work */
#define G_(q) ((q)->work)
#define D_(q) ((q)->work + (size_t)(q)->data.p * (size_t)(q)->data.p)
#define TR_(q) (D_(q) + (q)->data.p)
#define GR_(q) (TR_(q) + (q)->data.p)
#define V_(q) (GR_(q) + (q)->data.p)
#define DL_(q) (V_(q) + (q)->data.p)

static double reg_part(const gdf_lsgram *q, const double *theta)
{
    ptrdiff_t i, p = q->data.p;
    double s = 0.0;
    if (q->data.lambda == 0.0)
        return 0.0;
    for (i = 1; i < p; i++)
        s += theta[i] * theta[i];
    return 0.5 * q->data.lambda / (double)q->data.m * s;
}

/* S(theta) = sum |theta_j| D_j + ||y|| / sqrt(m) */
static double scale_S(const gdf_lsgram *q, const double *theta)
{
    ptrdiff_t j, p = q->data.p;
    const double *D = D_(q);
    double s = 0.0;
    for (j = 0; j < p; j++)
        s += fabs(theta[j]) * D[j];
    return s + q->ynorm_rms;
}

static double bound_Pf(const gdf_lsgram *q, double S, double fls)
{
    double gr = gam((double)q->data.p + 1.0) * S;
    if (!(fls > 0.0))
        fls = 0.0;
    return gr * sqrt(2.0 * fls) + 0.5 * gr * gr + q->gamma_acc * fls;
}

static double bound_Pg(const gdf_lsgram *q, double S, double fls)
{
    if (!(fls > 0.0))
        fls = 0.0;
    return gam((double)q->data.p + 1.0) * S + q->gamma_acc * sqrt(2.0 * fls);
}

/* v = G d from the lower triangle of G.  For p <= 256 (G in cache, a few
 * microseconds) a plain loop: OpenBLAS would hand these small products to
 * a second thread, which costs more than the product (and much more when
 * the other core is busy: 1500 iterations went from 0.1 s to 0.36 s). */
static void symv_lower(ptrdiff_t p, const double *G, const double *d, double *v)
{
    ptrdiff_t i, j;
    if (p > 256) {
        gdf_int np = (gdf_int)p, one = 1;
        const double done = 1.0, dzero = 0.0;
        GDF_F77(dsymv)("L", &np, &done, G, &np, d, &one, &dzero, v, &one, 1);
        return;
    }
    for (i = 0; i < p; i++)
        v[i] = 0.0;
    for (j = 0; j < p; j++) {
        const double *Gj = G + j * p;
        double dj = d[j], s = Gj[j] * dj;
        for (i = j + 1; i < p; i++) {
            v[i] += Gj[i] * dj;
            s += Gj[i] * d[i];
        }
        v[j] += s;
    }
}

/* the row blocks of gdf_gram_form: nbG rows per dsyrk call */
static ptrdiff_t gram_rows(ptrdiff_t m)
{
    ptrdiff_t nbG = (ptrdiff_t)ceil(sqrt((double)m));
    if (nbG < 64)
        nbG = 64;
    if (nbG > m)
        nbG = m;
    return nbG;
}

void gdf_gram_form(ptrdiff_t m, ptrdiff_t p, const double *X, double *G)
{
    ptrdiff_t i0, nbG = gram_rows(m);
    gdf_int np = (gdf_int)p, ldx = (gdf_int)m;
    double alpha = 1.0 / (double)m;
    for (i0 = 0; i0 < m; i0 += nbG) {
        gdf_int k = (gdf_int)((m - i0) < nbG ? (m - i0) : nbG);
        double beta = i0 == 0 ? 0.0 : 1.0;
        GDF_F77(dsyrk)("L", "T", &np, &k, &alpha, X + i0, &ldx, &beta, G, &np, 1, 1);
    }
}

/* G = X'X/m (lower triangle) by row blocks, or the caller's G_in (formed by
 * gdf_gram_form too); D; the constants of the bounds */
static void form_gram(gdf_lsgram *q)
{
    const gdf_data *dt = &q->data;
    ptrdiff_t m = dt->m, p = dt->p, j, nbG = gram_rows(m), nblk, nb;
    gdf_int one = 1;
    double *G = G_(q), *D = D_(q), lm = dt->lambda / (double)m;
    if (q->G_in)
        for (j = 0; j < p; j++)
            memcpy(G + j * p + j, q->G_in + j * p + j, (size_t)(p - j) * sizeof(double));
    else
        gdf_gram_form(m, p, dt->X, G);
    nblk = (m + nbG - 1) / nbG;
    q->gamma_G = gam((double)(nbG + nblk + 2));
    nb = gdf_data_block(m, p);
    q->gamma_acc = gam((double)(nb + (m + nb - 1) / nb + 2));
    for (j = 0; j < p; j++) {
        double h = G[j + j * p] + (j > 0 ? lm : 0.0);
        D[j] = h > 0.0 ? sqrt(h) : 0.0;
    }
    {
        gdf_int mm = (gdf_int)m;
        q->ynorm_rms = GDF_F77(dnrm2)(&mm, dt->y, &one) / sqrt((double)m);
    }
    q->formed = 1;
}

/* an exact pass at theta, which becomes the anchor (before G exists, S_r
 * waits for D: form_gram's caller sets it) */
static int anchor(gdf_lsgram *q, const double *theta, double *f, double *g)
{
    ptrdiff_t p = q->data.p;
    double *gr = GR_(q);
    int s = q->plain.fg(q->plain.ctx, theta, &q->f_r, gr);
    q->npasses++;
    q->nanchors++;
    q->anchored = 0;
    if (s != GDF_OK)
        return s;
    memcpy(TR_(q), theta, (size_t)p * sizeof(double));
    q->fls_r = q->f_r - reg_part(q, theta);
    if (!(q->fls_r > 0.0))
        q->fls_r = 0.0;
    q->anchored = 1;
    q->S_r = q->formed ? scale_S(q, theta) : 0.0;
    if (f)
        *f = q->f_r;
    if (g)
        memcpy(g, gr, (size_t)p * sizeof(double));
    return GDF_OK;
}

static int gram_fg(void *ctx, const double *theta, double *f, double *g)
{
    gdf_lsgram *q = (gdf_lsgram *)ctx;
    const gdf_data *dt = &q->data;
    ptrdiff_t p = dt->p, i;
    const double u = 0.5 * DBL_EPSILON, lm = dt->lambda / (double)dt->m;
    double *dl, *v, *gr, *D, fhat, l = 0.0, qq = 0.0, a = 0.0, sgl = 0.0, sgd = 0.0, gmaxD = 0.0;
    double Bf, Bg, S, fls, gp2, reg;

    if (!q->formed) {
        if (q->switch_after < 0 || q->npasses + 1 < q->switch_after) {
            q->npasses++;
            return q->plain.fg(q->plain.ctx, theta, f, g);
        }
        if (q->npasses + 1 == q->switch_after) /* the last plain pass: the first anchor */
            return anchor(q, theta, f, g);
        form_gram(q);
        if (!q->anchored)
            return anchor(q, theta, f, g);
        q->S_r = scale_S(q, TR_(q));
    }
    if (!q->anchored) /* G given (G_in): the first evaluation is the first anchor */
        return anchor(q, theta, f, g);
    dl = DL_(q);
    v = V_(q);
    gr = GR_(q);
    D = D_(q);
    for (i = 0; i < p; i++)
        dl[i] = theta[i] - TR_(q)[i];
    symv_lower(p, G_(q), dl, v);
    if (lm != 0.0)
        for (i = 1; i < p; i++)
            v[i] += lm * dl[i];
    for (i = 0; i < p; i++) {
        double gi = gr[i] + v[i];
        l += gr[i] * dl[i];
        qq += dl[i] * v[i];
        a += fabs(dl[i]) * D[i];
        sgl += fabs(gr[i] * dl[i]);
        sgd += fabs(gi * dl[i]);
        if (D[i] > 0.0 && fabs(gi) / D[i] > gmaxD)
            gmaxD = fabs(gi) / D[i];
        if (g)
            g[i] = gi;
    }
    fhat = (q->f_r + l) + 0.5 * qq;
    gp2 = gam((double)p + 2.0);
    Bf = bound_Pf(q, q->S_r, q->fls_r) + gam((double)p + 1.0) * q->S_r * sqrt(qq > 0.0 ? qq : 0.0) +
         q->gamma_acc * sqrt(2.0 * q->fls_r) * a + (0.5 * q->gamma_G + gp2) * a * a +
         gam((double)p) * sgl + 2.0 * u * (fabs(q->f_r) + fabs(l) + 0.5 * fabs(qq)) + u * sgd;
    Bg = bound_Pg(q, q->S_r, q->fls_r) + (q->gamma_G + 2.0 * gp2) * a + u * gmaxD;
    reg = reg_part(q, theta);
    fls = fhat - reg;
    S = scale_S(q, theta);
    Bf += gam((double)p) * reg;
    if (fhat - fhat == 0.0 && Bf <= fmax(q->rtol * fabs(fhat), q->kappa * bound_Pf(q, S, fls)) &&
        Bg <= fmax(q->rtol * gmaxD, q->kappa * bound_Pg(q, S, fls))) {
        q->ngram++;
        if (f)
            *f = fhat;
        return GDF_OK;
    }
    return anchor(q, theta, f, g);
}

static int gram_hess(void *ctx, const double *theta, double *H)
{
    gdf_lsgram *q = (gdf_lsgram *)ctx;
    ptrdiff_t p = q->data.p, i, j;
    double lm = q->data.lambda / (double)q->data.m;
    if (!q->formed)
        return q->plain.hess(q->plain.ctx, theta, H);
    for (j = 0; j < p; j++)
        for (i = j; i < p; i++)
            H[i + j * p] = H[j + i * p] = G_(q)[i + j * p];
    if (lm != 0.0)
        for (i = 1; i < p; i++)
            H[i + i * p] += lm;
    return GDF_OK;
}

static int gram_hessvec(void *ctx, const double *theta, const double *v, double *Hv)
{
    gdf_lsgram *q = (gdf_lsgram *)ctx;
    ptrdiff_t p = q->data.p, i;
    double lm = q->data.lambda / (double)q->data.m;
    if (!q->formed)
        return q->plain.hessvec(q->plain.ctx, theta, v, Hv);
    symv_lower(p, G_(q), v, Hv);
    if (lm != 0.0)
        for (i = 1; i < p; i++)
            Hv[i] += lm * v[i];
    return GDF_OK;
}

void gdf_problem_leastsq_gram(gdf_problem *p, gdf_lsgram *q)
{
    gdf_problem_leastsq(&q->plain, &q->data);
    q->npasses = q->nanchors = q->ngram = 0;
    q->formed = q->anchored = 0;
    q->f_r = q->fls_r = q->S_r = q->ynorm_rms = 0.0;
    q->gamma_G = q->gamma_acc = 0.0;
    if (!(q->rtol > 0.0))
        q->rtol = GDF_GRAM_RTOL;
    if (!(q->kappa > 0.0))
        q->kappa = GDF_GRAM_KAPPA;
    memset(p, 0, sizeof *p);
    p->d = q->data.p;
    p->ctx = q;
    p->fg = gram_fg;
    p->hess = gram_hess;
    p->hessvec = gram_hessvec;
    p->L = p->mu = NAN;
    if (q->G_in && q->switch_after >= 0) {
        form_gram(q);
        if (q->anchor_in && q->data.lambda == 0.0) {
            ptrdiff_t d = q->data.p;
            memcpy(TR_(q), q->anchor_in, (size_t)d * sizeof(double));
            memcpy(GR_(q), q->anchor_in + d, (size_t)d * sizeof(double));
            q->f_r = q->anchor_in[2 * d];
            q->fls_r = q->f_r > 0.0 ? q->f_r : 0.0;
            q->S_r = scale_S(q, TR_(q));
            q->anchored = 1;
        }
    }
}


/* ---- the fingerprint of X and y (gdf_gram.h) ----------------------------
 * Eight independent lanes (element i goes to lane i mod 8), each keeping
 * a = the sum of the bits and c = the sum of (a ^ (bits >> 7)), mod 2^64
 * (position-dependent and not linear, so neither an edit nor a swap of two
 * entries leaves both unchanged except by a coincidence of 2^-64); the
 * non-finite test is on the bits (exponent all ones).  Adds, xors and
 * compares only, no branch: a compiler can vectorize it, and it costs less
 * than the plain finiteness loop it replaces (0.16 ms against 0.31 ms for
 * 3e5 entries at -O2). */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int key_chunk(const double *x, size_t n, uint64_t key[2])
{
    const uint64_t EXP = 0x7ff0000000000000ULL;
    uint64_t a[8] = {0}, c[8] = {0}, bad[8] = {0}, k0, k1;
    size_t i, j, n8 = n - n % 8;
#ifdef GDF_GRAM_KEY_SSE2
    {
        /* the same lanes in four SSE2 vectors (gcc -O2 leaves the loop below
         * scalar); the non-finite test compares the high 32 bits of each lane */
        __m128i va[4], vc[4], vbad = _mm_setzero_si128();
        const __m128i hexp = _mm_set_epi32(0x7ff00000, 0, 0x7ff00000, 0);
        const __m128i hmask = _mm_set_epi32(-1, 0, -1, 0);
        for (j = 0; j < 4; j++)
            va[j] = vc[j] = _mm_setzero_si128();
        for (i = 0; i < n8; i += 8)
            for (j = 0; j < 4; j++) {
                __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(x + i + 2 * j));
                va[j] = _mm_add_epi64(va[j], b);
                vc[j] = _mm_add_epi64(vc[j], _mm_xor_si128(va[j], _mm_srli_epi64(b, 7)));
                vbad = _mm_or_si128(vbad, _mm_and_si128(_mm_cmpeq_epi32(_mm_and_si128(b, hexp), hexp), hmask));
            }
        for (j = 0; j < 4; j++) {
            _mm_storeu_si128((__m128i *)(void *)(a + 2 * j), va[j]);
            _mm_storeu_si128((__m128i *)(void *)(c + 2 * j), vc[j]);
        }
        _mm_storeu_si128((__m128i *)(void *)bad, vbad);
    }
#else
    for (i = 0; i < n8; i += 8)
        for (j = 0; j < 8; j++) {
            uint64_t b;
            memcpy(&b, x + i + j, sizeof b);
            a[j] += b;
            c[j] += a[j] ^ (b >> 7);
            bad[j] |= (uint64_t)((b & EXP) == EXP);
        }
#endif
    for (i = n8; i < n; i++) {
        uint64_t b;
        memcpy(&b, x + i, sizeof b);
        a[i - n8] += b;
        c[i - n8] += a[i - n8] ^ (b >> 7);
        bad[0] |= (uint64_t)((b & EXP) == EXP);
    }
    k0 = mix64((uint64_t)n);
    k1 = mix64(k0 + 1);
    for (j = 0; j < 8; j++) {
        k0 = mix64(k0 ^ a[j]);
        k1 = mix64(k1 ^ c[j]);
        bad[0] |= bad[j];
    }
    key[0] = k0;
    key[1] = k1;
    return bad[0] != 0;
}

/* Chunks of GDF_KEY_CHUNK entries, each fingerprinted alone and the chunk
 * keys combined in order: the same key for any number of threads; threads
 * (OpenMP, as many as a pass over X of n entries would use) only when n is
 * at least GDF_DATA_PAR_MIN. */
#define GDF_KEY_CHUNK ((size_t)1 << 18)

ptrdiff_t gdf_gram_key(const double *x, size_t n, uint64_t key[2])
{
    const uint64_t EXP = 0x7ff0000000000000ULL;
    size_t nc = n / GDF_KEY_CHUNK + 1, c, i;
    uint64_t k0 = mix64((uint64_t)n), k1 = mix64(k0 + 1);
    int bad = 0;
    if (nc == 1) {
        bad = key_chunk(x, n, key);
        key[0] = mix64(k0 ^ key[0]);
        key[1] = mix64(k1 ^ key[1]);
    } else {
        /* at most 64 chunks' keys at a time on the stack (16 Mi entries) */
        uint64_t ck[2 * 64];
        size_t c0;
        for (c0 = 0; c0 < nc; c0 += 64) {
            long cn = (long)(nc - c0 < 64 ? nc - c0 : 64), cc;
            int badc = 0;
#ifdef _OPENMP
            int nt = (double)n >= GDF_DATA_PAR_MIN && gdf_threads_usable() ? omp_get_max_threads() : 1;
            if (nt > GDF_DATA_MAX_THREADS)
                nt = GDF_DATA_MAX_THREADS;
#pragma omp parallel for num_threads(nt) schedule(static) reduction(|| : badc) if (nt > 1)
#endif
            for (cc = 0; cc < cn; cc++) {
                size_t lo = (c0 + (size_t)cc) * GDF_KEY_CHUNK;
                size_t len = lo >= n ? 0 : (n - lo < GDF_KEY_CHUNK ? n - lo : GDF_KEY_CHUNK);
                badc = key_chunk(x + lo, len, ck + 2 * cc) || badc;
            }
            bad = bad || badc;
            for (c = 0; c < (size_t)cn; c++) {
                k0 = mix64(k0 ^ ck[2 * c]);
                k1 = mix64(k1 ^ ck[2 * c + 1]);
            }
        }
        key[0] = k0;
        key[1] = k1;
    }
    if (bad)
        for (i = 0; i < n; i++) {
            uint64_t b;
            memcpy(&b, x + i, sizeof b);
            if ((b & EXP) == EXP)
                return (ptrdiff_t)i;
        }
    return -1;
}

/* ---- the constructor (gdf_gram.h: gdf_leastsq_setup) ------------------- */
size_t gdf_leastsq_setup_work(ptrdiff_t m, ptrdiff_t p)
{
    if (p < 1)
        p = 1;
    /* Cholesky factor, c = X'y/m, g, the eigenvalue workspace (its integer
     * part in doubles), the pass's workspace */
    return (size_t)p * (size_t)p + 2 * (size_t)p + gdf_syev_work(p) + gdf_syev_iwork(p) +
           gdf_data_work(m, p);
}

int gdf_leastsq_setup(ptrdiff_t m, ptrdiff_t p, const double *X, const double *y, int threads,
                      double *G, double *ev, double *theta, double *f, double *rcond,
                      int *solved, double *anchor, double *work)
{
    double *R = work, *c = R + (size_t)p * (size_t)p, *g = c + p, *sw = g + p;
    double *siw = sw + gdf_syev_work(p), *dw = siw + gdf_syev_iwork(p);
    double alpha, zero = 0.0, fv, emax;
    gdf_int np = (gdf_int)p, mm = (gdf_int)m, one = 1, info = 0;
    ptrdiff_t i, j;
    int s, steps, k;
    gdf_data dq;
    gdf_problem pr;

    *solved = 0;
    *rcond = 0.0;
    if (m < 1 || p < 1 || !X || !y || !G || !ev || !theta || !f || !work)
        return GDF_EARG;
    /* G once, by the Gram form's own routine; both triangles for the caller */
    gdf_gram_form(m, p, X, G);
    for (j = 0; j < p; j++)
        for (i = j + 1; i < p; i++)
            G[j + i * p] = G[i + j * p];
    /* the spectrum: L, mu, and the condition number that decides the solve.
     * Fewer rows than columns: rank X <= m < p, G is singular (no Cholesky
     * solve), and its spectrum is that of XX'/m (m x m) with p - m zeros:
     * O(m^2 p + m^3) instead of the O(p^3) of a p x p eigensolver (1 x 4097
     * took a minute).  ev stays ascending: the rounding-level negative
     * eigenvalues of XX'/m, the zeros, the rest. */
    if (m < p) {
        ptrdiff_t neg = 0, n0 = p - m;
        alpha = 1.0 / (double)m;
        GDF_F77(dsyrk)("L", "N", &mm, &np, &alpha, X, &mm, &zero, R, &mm, 1, 1);
        s = gdf_syev(m, R, ev + n0, 0, sw, siw);
        if (s != GDF_OK)
            return s;
        while (neg < m && ev[n0 + neg] < 0.0)
            neg++;
        memmove(ev, ev + n0, (size_t)neg * sizeof(double));
        for (i = neg; i < neg + n0; i++)
            ev[i] = 0.0;
        return GDF_OK; /* *rcond = 0: a rank-revealing solve */
    }
    memcpy(R, G, (size_t)p * (size_t)p * sizeof(double));
    s = gdf_syev(p, R, ev, 0, sw, siw);
    if (s != GDF_OK)
        return s;
    emax = fmax(fabs(ev[0]), fabs(ev[p - 1]));
    *rcond = emax > 0.0 ? ev[0] / emax : 0.0;
    if (!(*rcond >= GDF_LSQ_RCOND))
        return GDF_OK; /* singular or too ill-conditioned: a rank-revealing solve */
    memcpy(R, G, (size_t)p * (size_t)p * sizeof(double));
    GDF_F77(dpotrf)("L", &np, R, &np, &info, 1);
    if (info != 0)
        return GDF_OK;
    /* theta = G \ (X'y/m) */
    alpha = 1.0 / (double)m;
    GDF_F77(dgemv)("T", &mm, &np, &alpha, X, &mm, y, &one, &zero, c, &one, 1);
    memcpy(theta, c, (size_t)p * sizeof(double));
    GDF_F77(dpotrs)("L", &np, &one, R, &np, theta, &np, &info, 1);
    if (info != 0)
        return GDF_OK;
    /* refinement: theta -= G \ grad f(theta), the gradient X'(X theta - y)/m
     * from an exact pass (the normal equations alone square the condition
     * number; with the residual's gradient from X the error is that of a QR
     * solve).  f at the refined theta = theta_k - delta by the exact
     * expansion around the exactly evaluated theta_k: f_k - g_k'delta +
     * delta'G delta/2, whose corrections are tiny next to f_k (no
     * cancellation: this is not 1/2 theta'G theta - c'theta + y'y/(2m)) */
    memset(&dq, 0, sizeof dq);
    dq.m = m;
    dq.p = p;
    dq.X = X;
    dq.y = y;
    dq.lambda = 0.0;
    dq.work = dw;
    dq.threads = threads;
    gdf_problem_leastsq(&pr, &dq);
    steps = *rcond >= 1e-4 ? 1 : 2;
    for (k = 0; k < steps; k++) {
        double gd = 0.0;
        s = pr.fg(pr.ctx, theta, &fv, g);
        if (s != GDF_OK)
            return s;
        if (anchor) {
            memcpy(anchor, theta, (size_t)p * sizeof(double));
            memcpy(anchor + p, g, (size_t)p * sizeof(double));
            anchor[2 * p] = fv;
        }
        memcpy(c, g, (size_t)p * sizeof(double));
        GDF_F77(dpotrs)("L", &np, &one, R, &np, g, &np, &info, 1);
        if (info != 0)
            return GDF_OK;
        /* g = delta now, c = the gradient: G delta = c to rounding */
        for (i = 0; i < p; i++) {
            gd += c[i] * g[i];
            theta[i] -= g[i];
        }
        fv -= 0.5 * gd; /* f - g'delta + delta'G delta/2 with G delta = g */
    }
    *f = fv;
    *solved = 1;
    return GDF_OK;
}
