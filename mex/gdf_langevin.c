/* gdf_langevin.c - Euler-Maruyama for overdamped Langevin dynamics, with its
 * own pseudo-random numbers (splitmix64 seeding, xoshiro256**, the polar
 * method).  See gdf_langevin.h for the method and the references.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_gf.h"
#include "gdf_langevin.h"
#include "gdf_gf_drive.h"

/* ------------------------------------------------------------------ */
/* random numbers                                                      */
/* ------------------------------------------------------------------ */
uint64_t gdf_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void gdf_rng_seed(gdf_rng *g, uint64_t seed)
{
    uint64_t x = seed;
    int i;
    for (i = 0; i < 4; i++)
        g->s[i] = gdf_splitmix64(&x);
    if (!(g->s[0] | g->s[1] | g->s[2] | g->s[3])) /* the one forbidden state */
        g->s[0] = 1;
    g->spare = 0.0;
    g->has_spare = 0;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t gdf_rng_next(gdf_rng *g)
{
    uint64_t *s = g->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double gdf_rng_uniform(gdf_rng *g)
{
    return (double)(gdf_rng_next(g) >> 11) * (1.0 / 9007199254740992.0); /* 2^-53 */
}

double gdf_rng_normal(gdf_rng *g)
{
    double u, v, s, m;
    if (g->has_spare) {
        g->has_spare = 0;
        return g->spare;
    }
    do {
        u = 2.0 * gdf_rng_uniform(g) - 1.0; /* exact: [-1, 1) on a 2^-52 grid */
        v = 2.0 * gdf_rng_uniform(g) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    m = sqrt(-2.0 * log(s) / s);
    g->spare = v * m;
    g->has_spare = 1;
    return u * m;
}

/* ------------------------------------------------------------------ */
/* Euler-Maruyama                                                      */
/* ------------------------------------------------------------------ */
void gdf_langevin_defaults(gdf_langevin_opts *o)
{
    memset(o, 0, sizeof *o);
    o->h = 0.0;
    o->temperature = 1.0;
    o->seed = 0;
    o->max_steps = LONG_MAX;
    o->max_time = 0.0;
    o->diffusion = NULL;
}

size_t gdf_langevin_work(ptrdiff_t d)
{
    return 5 * (size_t)(d > 0 ? d : 1); /* euler's 4 d, the diffusion's d normals */
}

/* k with t = t0 + k h, or -1 when t is not on the grid */
static double grid_index(double t, double t0, double h)
{
    double x = (t - t0) / h, k = floor(x + 0.5);
    if (!(k >= 0.0) || !(k < 4503599627370496.0)) /* 2^52 */
        return -1.0;
    return fabs(x - k) <= 1e-9 * (k > 1.0 ? k : 1.0) ? k : -1.0;
}

ptrdiff_t gdf_langevin_offgrid(const double *tspan, ptrdiff_t nt, double h)
{
    ptrdiff_t j;
    double prev = -1.0;
    for (j = 0; j < nt; j++) {
        double k = grid_index(tspan[j], tspan[0], h);
        if (k < 0.0 || (j > 0 && !(k > prev)))
            return j;
        prev = k;
    }
    return -1;
}

/* Euler-Maruyama's noise: sqrt(2 T h) xi after the euler update (none at T = 0),
 * or sqrt(h) F xi with a diffusion matrix F (xi drawn first, in order) */
typedef struct {
    gdf_rng rng;
    double T;
    const double *F;
    double *xi; /* d doubles */
} em_noise_ctx;

static void em_noise(void *ctx, ptrdiff_t d, double hs, double *yn)
{
    em_noise_ctx *q = (em_noise_ctx *)ctx;
    ptrdiff_t i, j;
    if (q->F) {
        double sh = sqrt(hs);
        for (j = 0; j < d; j++)
            q->xi[j] = sh * gdf_rng_normal(&q->rng);
        for (j = 0; j < d; j++) {
            const double *fj = q->F + (size_t)j * (size_t)d;
            double xj = q->xi[j];
            for (i = 0; i < d; i++)
                yn[i] += fj[i] * xj;
        }
    } else if (q->T > 0.0) {
        double sig = sqrt(2.0 * q->T * hs);
        for (i = 0; i < d; i++)
            yn[i] += sig * gdf_rng_normal(&q->rng);
    }
}

int gdf_langevin_run(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
                     const gdf_langevin_opts *o, gdf_gf_out *out, double *work,
                     gdf_gf_result *r)
{
    gdf_gf_result rdummy;
    gdf_gf_opts go;
    gdf_gf_fixed_ext ext;
    em_noise_ctx nz;
    ptrdiff_t j;
    double h, T;
    long N = 0;
    int shortened, s;

    if (!r)
        r = &rdummy;
    memset(r, 0, sizeof *r);
    r->why = GDF_GF_WHY_BADARG;
    if (!p || !p->fg || p->d < 1 || !theta0 || !tspan || nt < 2 || !out || !work || !o ||
        out->n < 0)
        return GDF_EARG;
    h = o->h;
    T = o->temperature;
    if (!(h > 0.0) || !isfinite(h) || !(T >= 0.0) || !isfinite(T) || o->max_steps < 0)
        return GDF_EARG;
    for (j = 0; j < nt; j++)
        if (!isfinite(tspan[j]) || (j > 0 && !(tspan[j] > tspan[j - 1])))
            return GDF_EARG;
    /* the grid of gdf_gf_run's euler method */
    if (gdf_gf_grid(tspan[0], tspan[nt - 1], h, &shortened) < 0)
        return GDF_EARG;
    if (nt > 2) {
        if (gdf_langevin_offgrid(tspan, nt, h) >= 0)
            return GDF_EARG;
        N = (long)grid_index(tspan[nt - 1], tspan[0], h);
    }
    /* euler on the same grid, with the noise, without the early stops */
    gdf_gf_defaults(&go);
    go.method = GDF_GF_EULER;
    go.h = h;
    go.max_steps = o->max_steps;
    go.max_time = o->max_time;
    go.grad_tol = 0.0;
    go.stationary = 0;
    gdf_rng_seed(&nz.rng, o->seed);
    nz.T = T;
    nz.F = o->diffusion;
    nz.xi = work + 4 * p->d; /* past euler's 4 d */
    if (nz.F)
        for (j = 0; j < p->d * p->d; j++)
            if (!isfinite(nz.F[j]))
                return GDF_EARG;
    ext.noise = em_noise;
    ext.noise_ctx = &nz;
    ext.N = N;
    ext.grid_index = grid_index;
    s = gdf_gf_run_fixed_ext(p, theta0, tspan, nt, &go, &ext, out, work, r);
    r->t_stationary = 0.0; /* as before the drivers were shared: unset */
    if (s != GDF_OK && r->why == GDF_GF_WHY_CALLBACK && s == GDF_EARG)
        r->why = GDF_GF_WHY_BADARG;
    return s;
}
