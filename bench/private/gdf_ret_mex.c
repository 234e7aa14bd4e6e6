/* gdf_ret_mex.c - ways a MEX can hand back gd_run's info (not part of gdflow;
 * bench_info_return and info_return_ir.sh time them).  info has 19 fields:
 * 13 numbers and 6 strings (message, steprule, method, stationary, hint,
 * gradient: fields 3, 9, 10, 17, 18, 19).
 *   gdf_ret_mex(0)            nothing (the call alone)
 *   S = gdf_ret_mex(1)        the struct itself, as gd_run_mex builds it
 *   V = gdf_ret_mex(2)        the 19 values as one 1 x 19 double vector
 *   [V, C] = gdf_ret_mex(3)   the 13 numbers in V (1 x 19, the string places
 *                             unused) and the 6 strings in a 1 x 6 cell C
 *   C = gdf_ret_mex(4)        a 19 x 1 cell of the values
 *   [T, a1, ..., a19] = gdf_ret_mex(5)  every value an output of its own
 *   gdf_ret_mex(6, S)         reads one field of the struct S (Octave converts
 *                             every field of S at the first read: the price
 *                             gd_run_mex pays for its problem struct)
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include "mex.h"

static const char *NAMES[19] = {"iterations", "exitflag", "message", "fval", "f", "gradnorm", "theta",
                                "stepsize", "steprule", "method", "momentum", "L", "mu", "f_star",
                                "funccount", "time", "stationary", "hint", "gradient"};
static const char *MSG = "Stopped: the maximum number of iterations was reached.";

static int is_string(int i) { return i == 2 || i == 8 || i == 9 || i == 16 || i == 17 || i == 18; }

static mxArray *value(int i)
{
    return is_string(i) ? mxCreateString(MSG) : mxCreateDoubleScalar((double)i);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    int mode = nrhs > 0 ? (int)mxGetScalar(prhs[0]) : 0, i, k;
    double *v;
    switch (mode) {
    case 1:
        plhs[0] = mxCreateStructMatrix(1, 1, 19, NAMES);
        for (i = 0; i < 19; i++)
            mxSetFieldByNumber(plhs[0], 0, i, value(i));
        break;
    case 2:
    case 3:
        plhs[0] = mxCreateDoubleMatrix(1, 19, mxREAL);
        v = mxGetPr(plhs[0]);
        for (i = 0; i < 19; i++)
            v[i] = (double)i;
        if (mode == 3 && nlhs > 1) {
            plhs[1] = mxCreateCellMatrix(1, 6);
            for (i = 0, k = 0; i < 19; i++)
                if (is_string(i))
                    mxSetCell(plhs[1], k++, value(i));
        }
        break;
    case 4:
        plhs[0] = mxCreateCellMatrix(19, 1);
        for (i = 0; i < 19; i++)
            mxSetCell(plhs[0], i, value(i));
        break;
    case 5:
        for (i = 0; i < nlhs && i < 20; i++)
            plhs[i] = i == 0 ? mxCreateDoubleScalar(0.0) : value(i - 1);
        break;
    case 6:
        if (nrhs > 1 && mxIsStruct(prhs[1]))
            (void)mxGetField(prhs[1], 0, "A");
        break;
    default:
        break;
    }
}
