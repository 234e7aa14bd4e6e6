/* gdf_call_mex.c - the benchmarks' floor for a MEX call (not part of gdflow).
 *   gdf_call_mex(0)      returns nothing: an empty MEX call
 *   S = gdf_call_mex(N)  returns a 1x1 struct of N double-scalar fields (N <= 32):
 *                        what Octave or MATLAB charges for handing back a struct
 *                        such as gd_run's info (19 fields), whatever computes it
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include "mex.h"

static const char *NAMES[32] = {"f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08",
                                "f09", "f10", "f11", "f12", "f13", "f14", "f15", "f16",
                                "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24",
                                "f25", "f26", "f27", "f28", "f29", "f30", "f31", "f32"};

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    int n = nrhs > 0 ? (int)mxGetScalar(prhs[0]) : 0, i;
    (void)nlhs;
    if (n <= 0)
        return;
    if (n > 32)
        n = 32;
    plhs[0] = mxCreateStructMatrix(1, 1, n, NAMES);
    for (i = 0; i < n; i++)
        mxSetFieldByNumber(plhs[0], 0, i, mxCreateDoubleScalar((double)i));
}
