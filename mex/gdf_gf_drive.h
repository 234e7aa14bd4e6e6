/* gdf_gf_drive.h - library-internal: the fixed-step driver of gdf_gf.c for
 * Euler-Maruyama (gdf_langevin.c), which is the euler stepper plus noise.
 * Not part of the public interface.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_GF_DRIVE_H
#define GDF_GF_DRIVE_H

#include <stddef.h>

#include "gdflow.h"
#include "gdf_gf.h"

typedef struct {
    /* added to every update y before it is evaluated (step h) */
    void (*noise)(void *ctx, ptrdiff_t d, double h, double *y);
    void *noise_ctx;
    /* nt > 2: every tspan time is on the grid; N is tf's index, and the
     * output is at the grid points whose index grid_index gives */
    long N;
    double (*grid_index)(double t, double t0, double h);
} gdf_gf_fixed_ext;

/* gdf_gf_run's fixed-step driver with o->method euler (arguments checked
 * by the caller: p, theta0, tspan increasing and finite, o->h > 0, work of
 * gdf_gf_work(d, GDF_GF_EULER, p) doubles). */
int gdf_gf_run_fixed_ext(gdf_problem *p, const double *theta0, const double *tspan, ptrdiff_t nt,
                         const gdf_gf_opts *o, const gdf_gf_fixed_ext *ext, gdf_gf_out *out,
                         double *work, gdf_gf_result *r);

#endif
