function [m, p] = gdf_check_xy(X, y, fn)
%GDF_CHECK_XY  The sizes of the data of gd_leastsq and gd_logistic.
%   [M, P] = GDF_CHECK_XY(X, Y, FN): X non-empty m-by-p and Y a vector of m
%   entries, or error gdflow:<fn>:badSize (X and Y already passed
%   gdf_check_matrix).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
[m, p] = size(X);
if m < 1 || p < 1
  error(['gdflow:' fn ':badSize'], '%s: X must be non-empty.', fn);
end
if ~isvector(y) || numel(y) ~= m
  error(['gdflow:' fn ':badSize'], '%s: y must be a vector with one entry per row of X (%d), not %d.', fn, m, numel(y));
end
end
