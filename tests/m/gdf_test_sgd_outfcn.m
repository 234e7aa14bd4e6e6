function stop = gdf_test_sgd_outfcn(theta, ov, state, kstop)
%GDF_TEST_SGD_OUTFCN  An OutputFcn for the Method 'sgd' tests (test_sgd_core.m):
%   appends {optimValues, state} to the global cell GDF_SGD_OV and asks to
%   stop once optimValues.iteration >= KSTOP.
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
global GDF_SGD_OV
GDF_SGD_OV{end + 1} = {ov, state};
stop = ov.iteration >= kstop && ~strcmp(state, 'done');
end
