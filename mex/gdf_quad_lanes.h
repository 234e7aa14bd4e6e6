/* gdf_quad_lanes.h - f and g of a dense quadratic at many points at once,
 * each point with the bits of the single evaluation (quad_fg_own).
 *
 * gdf_quad_fg_lanes(q, m, X, f, G, g2, work): for the m columns of X (d x m,
 * GDF_GD_BATCHQ_DMAX < d <= GDF_SYMV_OWN_MAX), f[c] and the
 * column c of G exactly as quad_fg_own computes them for column c alone
 * (gdf_symv_lower's order of every sum, then g = A x - b and
 * f = 1/2 x'(g - b) + c in its four chains), and g2[c] = ||g||^2 in some
 * fixed order (a filter for the stopping rules, not gdf_nrm2's value).
 * Blocks of GDF_QL_W columns run as lanes of one vector each (GCC vector
 * extensions: AVX-512, AVX2 or SSE2, chosen at run time; no fused
 * multiply-add, so every variant gives the same bits); the columns after
 * the last full block go one at a time through the same lane code.
 * work: gdf_quad_fg_lanes_work(d) doubles (0 at the sizes it does not
 * serve).  Returns 0 when it does not apply (then nothing is written).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_QUAD_LANES_H
#define GDF_QUAD_LANES_H
#include <stddef.h>

#include "gdflow.h"

#define GDF_QL_W 8
int gdf_quad_lanes_applies(const gdf_quad *q);
size_t gdf_quad_fg_lanes_work(ptrdiff_t d);
int gdf_quad_fg_lanes(const gdf_quad *q, ptrdiff_t m, const double *X, double *f, double *G, double *g2,
                      double *work);
#endif
