/* gdf_options_mex.c - gateway: opts = gdf_options_mex(fname, options...)
 * Validates options with the same tables gd_run and gf_run use and returns
 * a struct with one field per option ([] when not given).
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gdf_mexutil.h"

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char fname[32];
    const gdf_optspec *spec;
    gdf_optval val[64];
    const char *names[64];
    int nspec, i;
    if (nrhs < 1)
        gdf_mex_error("gd_options", "notEnoughInputs", "usage: opts = gdf_options_mex(fname, ...).");
    if (nlhs > 1)
        gdf_mex_error("gd_options", "tooManyOutputs", "one output at most.");
    gdf_mex_string(prhs[0], "gd_options", "the function name", fname, sizeof fname);
    spec = gdf_mex_optspec(fname, &nspec);
    if (!spec || nspec > 64)
        gdf_mex_error("gd_options", "badFunction", "options are known for gd_run and gf_run, not '%s'.", fname);
    gdf_mex_options("gd_options", spec, nspec, nrhs - 1, prhs + 1, val);
    for (i = 0; i < nspec; i++)
        names[i] = spec[i].name;
    plhs[0] = mxCreateStructMatrix(1, 1, nspec, names);
    for (i = 0; i < nspec; i++)
        if (val[i].set)
            mxSetFieldByNumber(plhs[0], 0, i, mxDuplicateArray(val[i].arr));
}
