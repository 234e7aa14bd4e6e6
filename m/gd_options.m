function opts = gd_options(varargin)
%GD_OPTIONS  Build and validate an options struct for gd_run or gf_run.
%   OPTS = GD_OPTIONS(Name, Value, ...) checks the name-value pairs against
%   the options of GD_RUN and returns a struct with every option of GD_RUN as
%   a field: the given values, and [] for the ones left at their defaults
%   (as OPTIMSET does).  OPTS = GD_OPTIONS(OLDOPTS, Name, Value, ...) updates
%   an options struct.  OPTS = GD_OPTIONS('gf_run', ...) does the same for
%   the options of GF_RUN.  GD_OPTIONS with no arguments lists the option
%   names.  Names are case-insensitive; a misspelled name is an error
%   (gdflow:gd_options:unknownOption) that suggests the closest valid name.
%
%   Example:
%     opts = gd_options('StepSize', 0.1, 'MaxIter', 500);
%     [theta, info] = gd_run(gd_quadratic(eye(2)), [1; 1], opts, 'Display', 'off');
%     disp(info.iterations)
%
%   See also GD_RUN, GF_RUN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
target = 'gd_run';
args = varargin;
if ~isempty(args) && ischar(args{1}) && any(strcmpi(args{1}, {'gd_run', 'gf_run'}))
  target = lower(args{1});
  args = args(2:end);
end
try
  opts = gdf_options_mex(target, args{:});
catch err
  gdf_rethrow(err);
end
end
