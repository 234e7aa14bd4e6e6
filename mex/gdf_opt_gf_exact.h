/* gdf_opt_gf_exact.h - the options of gf_exact, defined once.
 * X(id, name, kind, choices): the gateway gf_exact_mex.c expands it into its
 * option enum and its option table.  GDF_GF_EXACT_METHODS(X): the Method
 * choices in the order of the choice index, which is gdf_exact_solve's
 * method argument (GDF_EXACT_AUTO, _EIG, _EXPM; gf_exact_mex.c checks it).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_OPT_GF_EXACT_H
#define GDF_OPT_GF_EXACT_H

#define GDF_GF_EXACT_METHODS(X)                                                                    \
    X(GDF_EXACT_AUTO, "auto")                                                                      \
    X(GDF_EXACT_EIG, "eig")                                                                        \
    X(GDF_EXACT_EXPM, "expm")

#define GDF_GF_EXACT_OPTIONS(X)                                                                    \
    X(OPT_ITERATES, "Iterates", GDF_OPT_POS, NULL)                                                 \
    X(OPT_METHOD, "Method", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GF_EXACT_METHODS))

#define GDF_GF_EXACT_NOPT (0 GDF_GF_EXACT_OPTIONS(GDF_OPT_X_ONE))

#endif
