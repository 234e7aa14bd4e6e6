/* gdf_opt_gd_run.h - the options of gd_run, defined once.
 * X(id, name, kind, choices): id indexes the gdf_optval array of gd_run_mex.c
 * (the gateway expands this into its O_* enum), name/kind/choices make the
 * row of gd_run's option table in gdf_mexutil.c (gdf_mex_optspec("gd_run"),
 * also used by gd_options through gdf_options_mex.c).  The order is free;
 * only this list fixes it.  GDF_GD_RUN_METHODS, _STEPSIZES, _HISTORY and
 * _DISPLAY (X(id, name)): the choices of Method, StepSize, History and
 * Display in the order of the choice index; the choices strings of those
 * rows are generated from them (a gateway can expand them with
 * GDF_OPT_X_CHOICE_ID / GDF_OPT_X_NAME into its enum and names table).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_OPT_GD_RUN_H
#define GDF_OPT_GD_RUN_H

#define GDF_GD_RUN_METHODS(X)                                                                      \
    X(M_GD, "gd")                                                                                  \
    X(M_HEAVYBALL, "heavyball")                                                                    \
    X(M_NESTEROV, "nesterov")                                                                      \
    X(M_PROXIMAL, "proximal")                                                                      \
    X(M_NATURAL, "natural")                                                                        \
    X(M_SGD, "sgd")

#define GDF_GD_RUN_STEPSIZES(X)                                                                    \
    X(S_INV_L, "1/l")                                                                              \
    X(S_TWO_L_MU, "2/(l+mu)")                                                                      \
    X(S_BACKTRACKING, "backtracking")

#define GDF_GD_RUN_HISTORY(X)                                                                      \
    X(H_NONE, "none")                                                                              \
    X(H_F, "f")                                                                                    \
    X(H_FULL, "full")

#define GDF_GD_RUN_DISPLAY(X)                                                                      \
    X(D_OFF, "off")                                                                                \
    X(D_FINAL, "final")                                                                            \
    X(D_ITER, "iter")

/* Method 'sgd' (issue 16): the Sampling choices, in gdf_sgd.h's GDF_SGD_* order */
#define GDF_GD_RUN_SAMPLING(X)                                                                     \
    X(SMP_WITH, "with-replacement")                                                                \
    X(SMP_WITHOUT, "without-replacement")                                                          \
    X(SMP_CYCLIC, "cyclic")

#define GDF_GD_RUN_OPTIONS(X)                                                                      \
    X(O_STEP, "StepSize", GDF_OPT_POS_OR_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_STEPSIZES))              \
    X(O_MAXITER, "MaxIter", GDF_OPT_COUNT, NULL)                                                   \
    X(O_GRADTOL, "GradTol", GDF_OPT_NONNEG, NULL)                                                  \
    X(O_FUNTOL, "FunTol", GDF_OPT_NONNEG, NULL)                                                    \
    X(O_STEPTOL, "StepTol", GDF_OPT_NONNEG, NULL)                                                  \
    X(O_MAXTIME, "MaxTime", GDF_OPT_POS, NULL)                                                     \
    X(O_HISTORY, "History", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_HISTORY))                     \
    X(O_DISPLAY, "Display", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_DISPLAY))                     \
    X(O_OUTPUTFCN, "OutputFcn", GDF_OPT_HANDLE, NULL)                                              \
    X(O_DIVLIMIT, "DivergenceLimit", GDF_OPT_POS, NULL)                                            \
    X(O_METHOD, "Method", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_METHODS))                       \
    X(O_INITSTEP, "InitialStep", GDF_OPT_POS, NULL)                                                \
    X(O_MOMENTUM, "Momentum", GDF_OPT_ARRAY, NULL)                                                 \
    X(O_METRIC, "Metric", GDF_OPT_ARRAY, NULL)                                                     \
    X(O_ITERATIONS, "Iterations", GDF_OPT_COUNT, NULL)                                             \
    X(O_MAXFEVALS, "MaxFunEvals", GDF_OPT_COUNT, NULL)                                             \
    X(O_BATCHSIZE, "BatchSize", GDF_OPT_ARRAY, NULL)                                               \
    X(O_SAMPLING, "Sampling", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GD_RUN_SAMPLING))                  \
    X(O_SEED, "Seed", GDF_OPT_ARRAY, NULL)                                                         \
    X(O_SCHEDULE, "Schedule", GDF_OPT_ARRAY, NULL)                                                 \
    X(O_SCHEDK0, "ScheduleK0", GDF_OPT_POS, NULL)                                                  \
    X(O_AVERAGING, "Averaging", GDF_OPT_ENUM, "off|on")                                            \
    X(O_AVGFROM, "AverageFrom", GDF_OPT_COUNT, NULL)                                               \
    X(O_HSTRIDE, "HistoryStride", GDF_OPT_ARRAY, NULL)                                             \
    X(O_NUMEXAMPLES, "NumExamples", GDF_OPT_ARRAY, NULL)

/* the number of options, a compile-time constant */
#define GDF_GD_RUN_NOPT (0 GDF_GD_RUN_OPTIONS(GDF_OPT_X_ONE))

#endif
