/* gdf_opt_gf_run.h - the options of gf_run, defined once.
 * X(id, name, kind, choices): id indexes the gdf_optval array of gf_run_mex.c
 * (the gateway expands this into its O_* enum), name/kind/choices make the
 * row of gf_run's option table in gdf_mexutil.c (gdf_mex_optspec("gf_run"),
 * also used by gd_options through gdf_options_mex.c).  GDF_GF_RUN_METHODS and
 * GDF_GF_RUN_INTEGRATORS (X(id, name)): the Method and Integrator choices in
 * the order of the choice index; the choices strings are generated from them.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_OPT_GF_RUN_H
#define GDF_OPT_GF_RUN_H

#define GDF_GF_RUN_METHODS(X)                                                                      \
    X(M_RK45, "rk45")                                                                              \
    X(M_EULER, "euler")                                                                            \
    X(M_HEUN, "heun")                                                                              \
    X(M_RK4, "rk4")                                                                                \
    X(M_IMPLICIT, "implicit")                                                                      \
    X(M_EXACT, "exact")                                                                            \
    X(M_HEAVYBALL, "heavyball")                                                                    \
    X(M_NESTEROV, "nesterov")                                                                      \
    X(M_NATURAL, "natural")                                                                        \
    X(M_LANGEVIN, "langevin")                                                                      \
    X(M_SGDSDE, "sgd-sde")

#define GDF_GF_RUN_INTEGRATORS(X)                                                                  \
    X(I_RK45, "rk45")                                                                              \
    X(I_EULER, "euler")                                                                            \
    X(I_HEUN, "heun")                                                                              \
    X(I_RK4, "rk4")

/* the Sampling choices of Method 'sgd-sde' (issue 16) */
#define GDF_GF_RUN_SAMPLINGS(X)                                                                    \
    X(S_WITH, "with-replacement")                                                                  \
    X(S_INDEP, "independent-batches")

#define GDF_GF_RUN_OPTIONS(X)                                                                      \
    X(O_METHOD, "Method", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GF_RUN_METHODS))                       \
    X(O_STEP, "Step", GDF_OPT_POS, NULL)                                                           \
    X(O_RELTOL, "RelTol", GDF_OPT_POS, NULL)                                                       \
    X(O_ABSTOL, "AbsTol", GDF_OPT_POS, NULL)                                                       \
    X(O_INITSTEP, "InitialStep", GDF_OPT_POS, NULL)                                                \
    X(O_MAXSTEP, "MaxStep", GDF_OPT_POS, NULL)                                                     \
    X(O_MAXSTEPS, "MaxSteps", GDF_OPT_COUNT, NULL)                                                 \
    X(O_GRADTOL, "GradTol", GDF_OPT_NONNEG, NULL)                                                  \
    X(O_MAXTIME, "MaxTime", GDF_OPT_POS, NULL)                                                     \
    X(O_NEWTONTOL, "NewtonTol", GDF_OPT_POS, NULL)                                                 \
    X(O_NEWTONMAXIT, "NewtonMaxIter", GDF_OPT_COUNT, NULL)                                         \
    X(O_DAMPING, "Damping", GDF_OPT_POS, NULL)                                                     \
    X(O_METRIC, "Metric", GDF_OPT_ARRAY, NULL)                                                     \
    X(O_TEMPERATURE, "Temperature", GDF_OPT_NONNEG, NULL)                                          \
    X(O_SEED, "Seed", GDF_OPT_COUNT, NULL)                                                         \
    X(O_INITVEL, "InitialVelocity", GDF_OPT_ARRAY, NULL)                                           \
    X(O_INTEGRATOR, "Integrator", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GF_RUN_INTEGRATORS))             \
    X(O_STEPSIZE, "StepSize", GDF_OPT_POS, NULL)                                                   \
    X(O_BATCHSIZE, "BatchSize", GDF_OPT_COUNT, NULL)                                               \
    X(O_SAMPLING, "Sampling", GDF_OPT_ENUM, GDF_OPT_CHOICES(GDF_GF_RUN_SAMPLINGS))                 \
    X(O_NOISECOV, "NoiseCov", GDF_OPT_ARRAY, NULL)

/* the number of options, a compile-time constant */
#define GDF_GF_RUN_NOPT (0 GDF_GF_RUN_OPTIONS(GDF_OPT_X_ONE))

#endif
