/* gdf_langevin.h - overdamped Langevin dynamics by Euler-Maruyama, and the
 * pseudo-random numbers behind it.
 *
 *     d theta = -grad f(theta) dt + sqrt(2 T) dW,   T = 1/beta >= 0,
 *     theta_{k+1} = theta_k - h grad f(theta_k) + sqrt(2 T h) xi_k,
 * xi_k independent standard normal d-vectors.  T = 0 is forward Euler
 * (gdf_gf.c, method euler) bit for bit: no random numbers are drawn and the
 * update is the same expression.
 *
 * Random numbers (all in gdf_langevin.c, no library generator involved):
 *   seeding   splitmix64 (Steele, Lea, Flood, "Fast splittable pseudorandom
 *             number generators", OOPSLA 2014; Vigna's splitmix64.c): the
 *             64-bit Seed gives the four state words of
 *   generator xoshiro256** (Blackman, Vigna, "Scrambled linear pseudorandom
 *             number generators", ACM TOMS 47 (2021)), period 2^256 - 1;
 *   uniform   the top 53 bits: k 2^-53, k in 0 .. 2^53 - 1;
 *   normal    Marsaglia's polar method (Marsaglia, Bray, SIAM Review 6
 *             (1964) 260-264): u, v uniform on (-1, 1) until
 *             0 < s = u^2 + v^2 < 1, then u m and v m with
 *             m = sqrt(-2 log(s) / s) are two independent N(0, 1) numbers
 *             (the second one is kept for the next call).
 * Same Seed, same path, bit for bit, on the same build (log and sqrt come
 * from the C library; sqrt is correctly rounded, log may differ in the last
 * bit between C libraries).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_LANGEVIN_H
#define GDF_LANGEVIN_H

#include <stddef.h>
#include <stdint.h>

#include "gdflow.h"
#include "gdf_gf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- random numbers ---- */
typedef struct {
    uint64_t s[4];   /* xoshiro256** state */
    double spare;    /* the second normal of the last polar pair */
    int has_spare;
} gdf_rng;
uint64_t gdf_splitmix64(uint64_t *x);  /* advances *x, returns the next output */
void gdf_rng_seed(gdf_rng *g, uint64_t seed);
uint64_t gdf_rng_next(gdf_rng *g);     /* xoshiro256** */
double gdf_rng_uniform(gdf_rng *g);    /* [0, 1), 53 random bits */
double gdf_rng_normal(gdf_rng *g);     /* N(0, 1), polar method */

/* ---- Euler-Maruyama ---- */
typedef struct {
    double h;            /* step, > 0 */
    double temperature;  /* T = 1/beta, finite, >= 0 */
    uint64_t seed;
    long max_steps;      /* steps before stopping (exit 0); LONG_MAX: none */
    double max_time;     /* wall clock seconds (<= 0, NaN or Inf: none) */
    /* issue 16 (gf_run Method 'sgd-sde'): a d x d column-major matrix F;
     * the noise of a step of length h is then sqrt(h) F xi (the SDE
     * d theta = -grad f dt + F dW; temperature is not used); NULL: the
     * isotropic sqrt(2 T h) xi above.  Same Seed, same xi. */
    const double *diffusion;
} gdf_langevin_opts;
void gdf_langevin_defaults(gdf_langevin_opts *o); /* h 0 (must be set), T 1, seed 0, no diffusion */
size_t gdf_langevin_work(ptrdiff_t d);           /* 5 d doubles */

/* -1 when every tspan time is on the grid t0 + k h (k integer, to within
 * 1e-9 max(1, k) steps, strictly increasing k), else the index of the first
 * time that is not. */
ptrdiff_t gdf_langevin_offgrid(const double *tspan, ptrdiff_t nt, double h);

/* Sample path from theta0 over tspan (nt >= 2 increasing finite times).
 * nt == 2: output at t0 and after every step, on the grid of the euler
 * method of gdf_gf_run (t0 + k h; a last, shorter step lands on tf unless
 * tf is on the grid, and its noise is scaled to its length).  nt > 2: the
 * times must be on the grid (gdf_langevin_offgrid), output exactly there.
 * f and ||grad f|| are reported at the output points.  r: nsteps, nfevals,
 * exitflag (1 end of tspan, 0 MaxSteps/MaxTime/output full, -2 non-finite:
 * the output holds everything up to the last finite point), why (the
 * GDF_GF_WHY_* codes).  Returns GDF_OK, GDF_EARG or a failing callback's
 * status. */
int gdf_langevin_run(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
                     const gdf_langevin_opts *o, gdf_gf_out *out, double *work,
                     gdf_gf_result *r);

#ifdef __cplusplus
}
#endif

#endif
