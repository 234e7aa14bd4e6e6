function opts = gd_options(varargin)
%GD_OPTIONS  Build and validate an options struct for gd_run or gf_run.
%   OPTS = GD_OPTIONS(Name, Value, ...) checks the name-value pairs against
%   the options of GD_RUN and returns a struct with every option of GD_RUN as
%   a field: the given values, and [] for the ones left at their defaults
%   (as OPTIMSET does).  OPTS = GD_OPTIONS(OLDOPTS, Name, Value, ...) updates
%   an options struct.  OPTS = GD_OPTIONS('gf_run', ...) does the same for
%   the options of GF_RUN.  GD_OPTIONS with no arguments lists the option
%   names.
%
%   OPTS = GD_OPTIONS(OPTIMSET(...)) (or a MATLAB optimoptions object, or a
%   struct mixing both kinds of names) translates fminunc's options into
%   gd_run's as GD_RUN documents it (MaxIter, MaxFunEvals, TolFun, TolX,
%   Display, OutputFcn and their optimoptions names); GradObj 'on'/'off'
%   is kept as the field GradObj, which GD_RUN reads; any other non-empty
%   fminunc option is named in a warning gdflow:gd_options:ignoredOptions.  Names are case-insensitive; a misspelled name is an error
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
grad = '';
if strcmp(target, 'gd_run') && any(cellfun('isclass', args, 'struct') | cellfun(@isobject, args))
  [args, grad] = gdf_optimset('gd_options', args, NaN);
end
try
  opts = gdf_options_mex(target, args{:});
catch err
  gdf_rethrow(err);
end
if ~isempty(grad)
  opts.GradObj = grad;     % gd_run reads it: 'off' = central differences
end
end

% Tests of gd_options (Octave: test gd_options)
%!test
%! % every option of gd_run is a field; unset ones are []
%! o = gd_options('StepSize', 0.1, 'maxiter', 500);
%! assert (o.StepSize, 0.1);
%! assert (o.MaxIter, 500);
%! assert (isempty(o.GradTol));
%! assert (all(isfield(o, {'StepSize', 'MaxIter', 'GradTol', 'History', 'Method', 'Momentum', 'Metric'})));

%!test
%! % an options struct runs gd_run as the name-value pairs do; it can be updated
%! p = gd_quadratic(eye(2));
%! o = gd_options('StepSize', 0.5, 'MaxIter', 3, 'GradTol', 0);
%! [t1, i1] = gd_run(p, [1; 1], o);
%! [t2, i2] = gd_run(p, [1; 1], 'StepSize', 0.5, 'MaxIter', 3, 'GradTol', 0);
%! assert (t1, t2, 0);
%! assert (i1.iterations, 3);
%! o2 = gd_options(o, 'MaxIter', 7);
%! assert (o2.MaxIter, 7);
%! assert (o2.StepSize, 0.5);

%!test
%! % the options of gf_run
%! o = gd_options('gf_run', 'Method', 'rk4', 'Step', 0.1);
%! assert (o.Method, 'rk4');
%! assert (o.Step, 0.1);
%! assert (isfield(o, 'RelTol'));

%!error id=gdflow:gd_options:unknownOption gd_options('StepSiz', 1)
%!error <did you mean 'StepSize'> gd_options('StepSiz', 1)
