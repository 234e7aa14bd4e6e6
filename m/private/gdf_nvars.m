function d = gdf_nvars(fun, theta0)
%GDF_NVARS  The number of variables of one start, as gd_run counts it.
%   D = GDF_NVARS(FUN, THETA0): numel(THETA0) for a row vector (one start,
%   unless FUN is a problem struct with d = 1), else size(THETA0, 1).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if size(theta0, 1) == 1 && ~(isstruct(fun) && isfield(fun, 'd') && isequal(fun(1).d, 1))
  d = numel(theta0);
else
  d = size(theta0, 1);
end
end
