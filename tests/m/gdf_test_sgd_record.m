function [f, g] = gdf_test_sgd_record(t, idx)
%GDF_TEST_SGD_RECORD  A handle for Method 'sgd' tests (test_sgd_core.m):
%   f = mean((t - idx).^2)/2 over the examples idx, g its gradient; every
%   idx it is called with is appended to the global cell GDF_SGD_SEEN.
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
global GDF_SGD_SEEN
GDF_SGD_SEEN{end + 1} = idx(:);
f = 0.5 * mean((t - idx) .^ 2);
g = mean(t - idx);
end
