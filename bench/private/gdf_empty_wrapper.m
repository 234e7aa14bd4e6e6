function [theta, info, J_history] = gdf_empty_wrapper(fun, theta0, varargin) %#ok<INUSD,STOUT>
%GDF_EMPTY_WRAPPER  An .m function with gd_run's signature that does nothing:
%   what Octave charges for calling gd_run.m at all (bench_info_return).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
theta = 1;
end
