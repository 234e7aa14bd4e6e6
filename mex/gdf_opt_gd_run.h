/* gdf_opt_gd_run.h - the options of gd_run, defined once.
 * X(id, name, kind, choices): id indexes the gdf_optval array of gd_run_mex.c
 * (the gateway expands this into its O_* enum), name/kind/choices make the
 * row of gd_run's option table in gdf_mexutil.c (gdf_mex_optspec("gd_run"),
 * also used by gd_options through gdf_options_mex.c).  The order is free;
 * only this list fixes it.  GDF_GD_RUN_METHODS(X): the Method choices, in
 * the order of the choice index (X(id, name)); the choices string of the
 * Method row is generated from it.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_OPT_GD_RUN_H
#define GDF_OPT_GD_RUN_H

#define GDF_GD_RUN_METHODS(X)                                                                      \
    X(M_GD, "gd")                                                                                  \
    X(M_HEAVYBALL, "heavyball")                                                                    \
    X(M_NESTEROV, "nesterov")                                                                      \
    X(M_PROXIMAL, "proximal")                                                                      \
    X(M_NATURAL, "natural")

#define GDF_GD_RUN_OPTIONS(X)                                                                      \
    X(O_STEP, "StepSize", GDF_OPT_POS_OR_ENUM, "1/l|2/(l+mu)|backtracking")                      \
    X(O_MAXITER, "MaxIter", GDF_OPT_COUNT, NULL)                                                   \
    X(O_GRADTOL, "GradTol", GDF_OPT_NONNEG, NULL)                                                  \
    X(O_FUNTOL, "FunTol", GDF_OPT_NONNEG, NULL)                                                    \
    X(O_STEPTOL, "StepTol", GDF_OPT_NONNEG, NULL)                                                  \
    X(O_MAXTIME, "MaxTime", GDF_OPT_POS, NULL)                                                     \
    X(O_HISTORY, "History", GDF_OPT_ENUM, "none|f|full")                                           \
    X(O_DISPLAY, "Display", GDF_OPT_ENUM, "off|final|iter")                                        \
    X(O_OUTPUTFCN, "OutputFcn", GDF_OPT_HANDLE, NULL)                                              \
    X(O_DIVLIMIT, "DivergenceLimit", GDF_OPT_POS, NULL)                                            \
    X(O_METHOD, "Method", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_METHODS))                       \
    X(O_INITSTEP, "InitialStep", GDF_OPT_POS, NULL)                                                \
    X(O_MOMENTUM, "Momentum", GDF_OPT_ARRAY, NULL)                                                 \
    X(O_METRIC, "Metric", GDF_OPT_ARRAY, NULL)

/* the number of options, a compile-time constant */
#define GDF_GD_RUN_NOPT (0 GDF_GD_RUN_OPTIONS(GDF_OPT_X_ONE))

#endif
