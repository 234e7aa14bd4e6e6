/* gdf_sgd.c - stochastic gradient descent on finite sums (gdf_sgd.h).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "gdf_sgd.h"

static int isfin(double x) { return x - x == 0.0; }

/* ------------------------------------------------------------------ */
/* sampling                                                            */
/* ------------------------------------------------------------------ */
uint64_t gdf_sgd_uniform_int(gdf_rng *g, uint64_t n)
{
    if (n <= 1)
        return 0;
    if (n <= UINT64_C(0xffffffff)) {
        /* Lemire (2019): floor(x n / 2^32) for a 32-bit x, rejecting the
         * low products below 2^32 mod n: exactly uniform */
        uint32_t n32 = (uint32_t)n;
        uint64_t mprod = (gdf_rng_next(g) >> 32) * (uint64_t)n32;
        uint32_t lo = (uint32_t)mprod;
        if (lo < n32) {
            uint32_t t = (uint32_t)(-n32) % n32; /* 2^32 mod n */
            while (lo < t) {
                mprod = (gdf_rng_next(g) >> 32) * (uint64_t)n32;
                lo = (uint32_t)mprod;
            }
        }
        return mprod >> 32;
    } else {
        /* reject the top 2^64 mod n values, then the remainder is uniform */
        uint64_t t = (0 - n) % n, x;
        do
            x = gdf_rng_next(g);
        while (x < t);
        return x % n;
    }
}

static void shuffle(gdf_sgd_sampler *s)
{
    ptrdiff_t i, *p = s->perm;
    for (i = s->n - 1; i > 0; i--) { /* Fisher-Yates: p[i] <-> p[j], j uniform in [0, i] */
        ptrdiff_t j = (ptrdiff_t)gdf_sgd_uniform_int(&s->rng, (uint64_t)i + 1);
        ptrdiff_t t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

void gdf_sgd_sampler_init(gdf_sgd_sampler *s, ptrdiff_t n, int scheme, uint64_t seed, ptrdiff_t *perm)
{
    ptrdiff_t i;
    s->n = n;
    s->scheme = scheme;
    s->perm = perm;
    s->pos = 0;
    gdf_rng_seed(&s->rng, seed);
    if (scheme == GDF_SGD_WITHOUT)
        for (i = 0; i < n; i++)
            perm[i] = i;
}

void gdf_sgd_sample(gdf_sgd_sampler *s, ptrdiff_t b, ptrdiff_t *idx)
{
    ptrdiff_t j;
    switch (s->scheme) {
    case GDF_SGD_WITHOUT:
        for (j = 0; j < b; j++) {
            if (s->pos == 0)
                shuffle(s); /* a new epoch */
            idx[j] = s->perm[s->pos];
            if (++s->pos == s->n)
                s->pos = 0;
        }
        break;
    case GDF_SGD_CYCLIC:
        for (j = 0; j < b; j++) {
            idx[j] = s->pos;
            if (++s->pos == s->n)
                s->pos = 0;
        }
        break;
    default:
        for (j = 0; j < b; j++)
            idx[j] = (ptrdiff_t)gdf_sgd_uniform_int(&s->rng, (uint64_t)s->n);
    }
}

/* ------------------------------------------------------------------ */
/* schedules                                                           */
/* ------------------------------------------------------------------ */
double gdf_sgd_schedule(int schedule, double eta0, double k0, long k)
{
    switch (schedule) {
    case GDF_SGD_INVERSE:
        return eta0 / (1.0 + (double)k / k0);
    case GDF_SGD_INVSQRT:
        return eta0 / sqrt(1.0 + (double)k / k0);
    default:
        return eta0;
    }
}

/* ------------------------------------------------------------------ */
/* minibatch kernels                                                   */
/* ------------------------------------------------------------------ */
void gdf_sgd_transpose(ptrdiff_t n, ptrdiff_t p, const double *X, double *Xr)
{
    const ptrdiff_t BLK = 64;
    ptrdiff_t i0, j0, i, j;
    for (i0 = 0; i0 < n; i0 += BLK) {
        ptrdiff_t i1 = i0 + BLK < n ? i0 + BLK : n;
        for (j0 = 0; j0 < p; j0 += BLK) {
            ptrdiff_t j1 = j0 + BLK < p ? j0 + BLK : p;
            for (i = i0; i < i1; i++)
                for (j = j0; j < j1; j++)
                    Xr[j + i * p] = X[i + j * n];
        }
    }
}

void gdf_sgd_csr(ptrdiff_t n, ptrdiff_t p, const ptrdiff_t *Xp, const ptrdiff_t *Xi, const double *Xx,
                 ptrdiff_t *Rp, ptrdiff_t *Rj, double *Rx)
{
    ptrdiff_t i, j, k;
    for (i = 0; i <= n; i++)
        Rp[i] = 0;
    for (k = 0; k < Xp[p]; k++)
        Rp[Xi[k] + 1]++;
    for (i = 0; i < n; i++)
        Rp[i + 1] += Rp[i];
    /* Rp[i] is used as the fill pointer of row i, then shifted back */
    for (j = 0; j < p; j++)
        for (k = Xp[j]; k < Xp[j + 1]; k++) {
            ptrdiff_t at = Rp[Xi[k]]++;
            Rj[at] = j;
            Rx[at] = Xx[k];
        }
    for (i = n; i > 0; i--)
        Rp[i] = Rp[i - 1];
    Rp[0] = 0;
}

/* z = x_i' theta for row i (dense or sparse) */
static double row_dot(const gdf_sgd_data *q, ptrdiff_t i, const double *theta)
{
    const ptrdiff_t p = q->p;
    ptrdiff_t j;
    if (q->Xr) {
        const double *x = q->Xr + (size_t)i * (size_t)p;
        double s0 = 0.0, s1 = 0.0;
        for (j = 0; j + 1 < p; j += 2) {
            s0 += x[j] * theta[j];
            s1 += x[j + 1] * theta[j + 1];
        }
        if (j < p)
            s0 += x[j] * theta[j];
        return s0 + s1;
    } else if (q->Rp) {
        double s = 0.0;
        ptrdiff_t k;
        for (k = q->Rp[i]; k < q->Rp[i + 1]; k++)
            s += q->Rx[k] * theta[q->Rj[k]];
        return s;
    } else {
        double s = 0.0;
        for (j = 0; j < p; j++)
            s += q->X[i + j * q->n] * theta[j];
        return s;
    }
}

/* g += c x_i */
static void row_axpy(const gdf_sgd_data *q, ptrdiff_t i, double c, double *g)
{
    const ptrdiff_t p = q->p;
    ptrdiff_t j;
    if (q->Xr) {
        const double *x = q->Xr + (size_t)i * (size_t)p;
        for (j = 0; j < p; j++)
            g[j] += c * x[j];
    } else if (q->Rp) {
        ptrdiff_t k;
        for (k = q->Rp[i]; k < q->Rp[i + 1]; k++)
            g[q->Rj[k]] += c * q->Rx[k];
    } else {
        for (j = 0; j < p; j++)
            g[j] += c * q->X[i + j * q->n];
    }
}

static int data_fg(void *ctx, const double *theta, ptrdiff_t b, const ptrdiff_t *idx, double *f,
                   double *g)
{
    const gdf_sgd_data *q = (const gdf_sgd_data *)ctx;
    const ptrdiff_t p = q->p;
    const double inv_b = 1.0 / (double)b;
    double acc = 0.0;
    ptrdiff_t t, j;
    for (j = 0; j < p; j++)
        g[j] = 0.0;
    for (t = 0; t < b; t++) {
        ptrdiff_t i = idx[t];
        double z = row_dot(q, i, theta), r;
        if (!q->logistic) {
            r = z - q->y[i];
            if (f)
                acc += r * r;
        } else {
            /* softplus(w) and (1 - 2y) sigmoid(w), w = (1 - 2y) z, as the
             * full pass (gdf_problems.c): no cancellation */
            double e = exp(-fabs(z)), sg = 1.0 - 2.0 * q->y[i], w = sg * z;
            if (f)
                acc += (w > 0.0 ? w : 0.0) + log1p(e);
            r = sg * ((w >= 0.0 ? 1.0 : e) / (1.0 + e));
        }
        row_axpy(q, i, r, g);
    }
    for (j = 0; j < p; j++)
        g[j] *= inv_b;
    if (f)
        *f = q->logistic ? acc * inv_b : 0.5 * acc * inv_b;
    if (q->lambda != 0.0 && p > 1) {
        double s = 0.0, lm = q->lambda / (double)q->n;
        for (j = 1; j < p; j++) {
            s += theta[j] * theta[j];
            g[j] += lm * theta[j];
        }
        if (f)
            *f += 0.5 * lm * s;
    }
    return GDF_OK;
}

void gdf_sgd_source_data(gdf_sgd_source *s, gdf_sgd_data *q)
{
    s->n = q->n;
    s->ctx = q;
    s->fg = data_fg;
}

/* ------------------------------------------------------------------ */
/* the run                                                             */
/* ------------------------------------------------------------------ */
void gdf_sgd_defaults(gdf_sgd_opts *o)
{
    memset(o, 0, sizeof *o);
    o->batch = 1;
    o->sampling = GDF_SGD_WITH;
    o->eta0 = 1e-3;
    o->schedule = GDF_SGD_CONSTANT;
    o->k0 = 1.0;
    o->max_iter = 1000;
    o->max_time = 0.0;
    o->div_limit = 1e8;
    o->stride = 1;
    o->record_f = 1;
}

size_t gdf_sgd_work(ptrdiff_t d)
{
    return 3 * (size_t)d + 1;
}

size_t gdf_sgd_iwork(ptrdiff_t n, ptrdiff_t batch, int sampling)
{
    return (size_t)batch + (sampling == GDF_SGD_WITHOUT ? (size_t)n : 0) + 1;
}

/* entry h->n: (k, f, gnorm, theta); nonzero when there is no room */
static int record(gdf_sgd_hist *h, ptrdiff_t d, long k, const double *theta, double f, double gnorm)
{
    long at;
    if (!h)
        return 0;
    at = h->n;
    if (at >= h->cap && (!h->grow || h->grow(h->hctx, at + 1, h) || at >= h->cap))
        return 1;
    if (h->k)
        h->k[at] = (double)k;
    if (h->f)
        h->f[at] = f;
    if (h->gnorm)
        h->gnorm[at] = gnorm;
    if (h->theta)
        memcpy(h->theta + (size_t)at * (size_t)d, theta, (size_t)d * sizeof(double));
    h->n = at + 1;
    return 0;
}

static int step_size(const gdf_sgd_opts *o, long k, double *eta, gdf_sgd_result *r)
{
    if (o->schedule == GDF_SGD_USER) {
        int st = o->eta_fn(o->ectx, k, eta);
        if (st != GDF_OK)
            return st;
    } else {
        *eta = gdf_sgd_schedule(o->schedule, o->eta0, o->k0, k);
    }
    if (!(*eta > 0.0) || !isfin(*eta)) {
        r->bad_eta = *eta;
        return GDF_EARG;
    }
    return GDF_OK;
}

int gdf_sgd_run(gdf_problem *full, const gdf_sgd_source *src, double *theta, const gdf_sgd_opts *o,
                gdf_sgd_hist *h, double *avg, double *work, ptrdiff_t *iwork, gdf_sgd_result *r)
{
    const ptrdiff_t d = full->d;
    const ptrdiff_t n = src ? src->n : 0;
    const int fullbatch = !src || o->batch >= n;
    const ptrdiff_t B = fullbatch ? n : o->batch;
    const long stride = o->stride >= 1 ? o->stride : 1;
    double *g = work, *xn = work + d, *prev = work + 2 * d, *cur = theta, *tmp;
    ptrdiff_t *idx = iwork, i;
    gdf_sgd_sampler smp;
    double f = NAN, gnorm = NAN, f0 = NAN, eta = 0.0, t_start = gdf_now();
    gdf_timer timer = gdf_timer_make(o->max_time, t_start);
    const long nf0 = full->nfevals;
    const long avg_from = o->avg_from > 1 ? o->avg_from : 1;
    long k = 0, last_rec = -1;
    int st = GDF_OK, why = GDF_WHY_NONE, have_fg = 0;

    memset(r, 0, sizeof *r);
    r->bad_eta = NAN;
    if (!fullbatch)
        gdf_sgd_sampler_init(&smp, n, o->sampling, o->seed,
                             o->sampling == GDF_SGD_WITHOUT ? iwork + B : NULL);
    if (o->momentum != 0.0)
        memcpy(prev, theta, (size_t)d * sizeof(double)); /* theta_{-1} = theta_0 */
    if (o->averaging && avg)
        memcpy(avg, theta, (size_t)d * sizeof(double));

    /* theta_0: always evaluated (f_0 anchors the divergence test) */
    st = gdf_eval(full, cur, &f, g);
    if (st != GDF_OK)
        goto fail;
    gnorm = gdf_nrm2(d, g);
    f0 = f;
    have_fg = 1;
    if (!isfin(f) || !isfin(gnorm)) {
        record(h, d, 0, cur, f, gnorm);
        last_rec = 0;
        why = GDF_WHY_NONFINITE;
        goto done;
    }
    if (record(h, d, 0, cur, f, gnorm)) {
        why = GDF_WHY_MAXITER;
        goto done;
    }
    last_rec = 0;
    for (;;) {
        double beta = o->momentum;
        int bad = 0;
        if (k >= o->max_iter) {
            why = GDF_WHY_MAXITER;
            break;
        }
        if (gdf_timer_expired(&timer, k)) {
            why = GDF_WHY_MAXTIME;
            break;
        }
        st = step_size(o, k, &eta, r);
        if (st != GDF_OK) {
            r->iterations = k;
            goto fail;
        }
        if (!fullbatch) {
            gdf_sgd_sample(&smp, B, idx);
            st = src->fg(src->ctx, cur, B, idx, NULL, g);
            if (st != GDF_OK)
                goto fail;
        } /* else g is the full gradient at cur, from the last evaluation */
        if (beta != 0.0) {
            for (i = 0; i < d; i++) {
                xn[i] = cur[i] - eta * g[i] + beta * (cur[i] - prev[i]);
                bad |= !isfin(xn[i]);
            }
        } else {
            for (i = 0; i < d; i++) {
                xn[i] = cur[i] - eta * g[i];
                bad |= !isfin(xn[i]);
            }
        }
        if (bad) {
            why = GDF_WHY_NONFINITE;
            have_fg = 0;
            break;
        }
        k++;
        /* rotate: prev <- cur <- xn (no copies) */
        if (beta != 0.0) {
            tmp = prev;
            prev = cur;
            cur = xn;
            xn = tmp;
        } else {
            tmp = cur;
            cur = xn;
            xn = tmp;
        }
        if (o->averaging && avg && k >= avg_from) {
            double c = 1.0 / (double)(k - avg_from + 1);
            for (i = 0; i < d; i++)
                avg[i] += c * (cur[i] - avg[i]);
            r->navg++;
        }
        have_fg = 0;
        if (fullbatch || (o->record_f && k % stride == 0)) {
            st = gdf_eval(full, cur, &f, g);
            if (st != GDF_OK)
                goto fail;
            gnorm = gdf_nrm2(d, g);
            have_fg = 1;
            if (!isfin(f) || !isfin(gnorm)) {
                record(h, d, k, cur, f, gnorm);
                last_rec = k;
                why = GDF_WHY_NONFINITE;
                break;
            }
        }
        if (k % stride == 0) {
            if (record(h, d, k, cur, have_fg ? f : NAN, have_fg ? gnorm : NAN)) {
                why = GDF_WHY_MAXITER;
                break;
            }
            last_rec = k;
            if (have_fg && f - f0 > o->div_limit * (fabs(f0) > 1.0 ? fabs(f0) : 1.0)) {
                why = GDF_WHY_DIVLIMIT;
                break;
            }
        }
    }
done:
    /* the returned theta: f and ||grad f|| there, and its record */
    if (!have_fg) {
        st = gdf_eval(full, cur, &f, g);
        if (st != GDF_OK)
            goto fail;
        gnorm = gdf_nrm2(d, g);
    }
    if (last_rec != k)
        record(h, d, k, cur, f, gnorm); /* no room: the last record stays the last */
    if (why == GDF_WHY_MAXITER || why == GDF_WHY_MAXTIME)
        r->exitflag = GDF_EXIT_MAXITER;
    else
        r->exitflag = GDF_EXIT_DIVERGED;
    r->why = why;
    r->f = f;
    r->gnorm = gnorm;
    st = GDF_OK;
fail:
    if (cur != theta)
        memcpy(theta, cur, (size_t)d * sizeof(double));
    if (o->averaging && avg && r->navg == 0)
        memcpy(avg, theta, (size_t)d * sizeof(double));
    if (st != GDF_OK && r->iterations == 0)
        r->iterations = k;
    if (st == GDF_OK)
        r->iterations = k;
    r->nsamples = k * (long)B;
    r->epochs = n > 0 ? (double)k * (double)B / (double)n : 0.0;
    r->nfevals = full->nfevals - nf0;
    r->time = gdf_now() - t_start;
    return st;
}
