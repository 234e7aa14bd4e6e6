function [args, grad, changed] = gdf_optimset(fn, args, d, isprob)
%GDF_OPTIMSET  fminunc's optimset/optimoptions names translated into gdflow's options.
%   [ARGS, GRAD, CHANGED] = GDF_OPTIMSET(FN, ARGS, D) walks the option list ARGS (a
%   cell of name-value pairs and options structs, as gd_run takes it) and
%   replaces every options struct that holds an optimset or optimoptions
%   name of fminunc (any such name that is not also a gdflow option name)
%   by a struct of gdflow names; a MATLAB optimoptions object (isobject) is
%   read through its properties the same way.  A struct without such names
%   (from gd_options) is left as it is; a struct mixing both is translated
%   and keeps its gdflow fields.  D is the number of variables (for
%   MATLAB's '100*numberOfVariables' style values; NaN when unknown).
%   CHANGED is true when any argument was translated (ARGS differs).
%   ISPROB (default false): FUN is a problem struct, whose gradient is exact
%   in C: GradObj 'off' is then one of the ignored options.
%
%   The mapping (fminunc's meaning -> gdflow):
%     MaxIter, MaxIterations             -> MaxIter
%     MaxFunEvals, MaxFunctionEvaluations -> MaxFunEvals
%     TolFun                             -> GradTol and FunTol (MATLAB's
%                                           legacy TolFun is both its
%                                           OptimalityTolerance and its
%                                           FunctionTolerance; Octave's
%                                           fminunc tests the gradient and
%                                           the change in f with it)
%     OptimalityTolerance                -> GradTol
%     FunctionTolerance                  -> FunTol
%     TolX, StepTolerance                -> StepTol
%     Display  'off'/'none' -> 'off'; 'iter'/'iter-detailed' -> 'iter';
%              'final'/'final-detailed'/'notify'/'notify-detailed' -> 'final'
%     OutputFcn  a handle, or a cell of handles (all are called; any true
%                stops)
%     GradObj, SpecifyObjectiveGradient  returned in GRAD: 'on' (FUN
%                returns [f, g]), 'off' (central differences), '' (not given)
%   Every other non-empty optimset/optimoptions field is named in one
%   warning gdflow:FN:ignoredOptions.  Empty fields are unset (optimset
%   fills every field with []).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 4
  isprob = false;
end
grad = '';
changed = false;
ignored = {};
gnames = fieldnames(gdf_options_mex('gd_run'));
i = 1;
while i <= numel(args)
  a = args{i};
  if ischar(a)
    i = i + 2;
    continue
  end
  % MATLAB's optimoptions objects (optim.options.Fminunc, ...) and objects
  % with fminunc's property names; any other object (containers.Map, whose
  % private properties cannot be read) is left to the parser, which rejects it
  isobj = isobject(a) && ~isstruct(a) && is_options_object(a);
  if ~(isstruct(a) && numel(a) == 1) && ~isobj
    i = i + 1;     % the C parser reports it
    continue
  end
  if isobj
    [s, dropdef] = object_fields(a);
  else
    s = a;
    dropdef = false;
  end
  f = fieldnames(s);
  known = fminunc_names();
  lf = lower(f);
  isg = ismember(lf, lower(gnames));
  isk = ismember(lf, lower(known)) & ~isg;
  if ~isobj && ~any(isk) && ~fminunc_values(s)
    i = i + 1;     % a gd_options struct: as it is
    continue
  end
  out = struct();
  for j = 1:numel(f)
    v = s.(f{j});
    if isempty(v) && ~isa(v, 'function_handle')
      continue
    end
    name = lf{j};
    switch name
      case {'maxiter', 'maxiterations'}
        out.MaxIter = count_value(v, d, f{j}, fn);
      case {'maxfunevals', 'maxfunctionevaluations'}
        out.MaxFunEvals = count_value(v, d, f{j}, fn);
      case 'tolfun'
        out.GradTol = v;
        out.FunTol = v;
      case 'optimalitytolerance'
        out.GradTol = v;
      case 'functiontolerance'
        out.FunTol = v;
      case {'tolx', 'steptolerance'}
        out.StepTol = v;
      case 'display'
        out.Display = display_value(v);
      case 'outputfcn'
        out.OutputFcn = outfcn_value(v);
      case {'gradobj', 'specifyobjectivegradient'}
        gv = gradobj_value(v, fn);
        if ~isprob
          grad = gv;
        elseif strcmp(gv, 'off') && ~(dropdef && is_default(f{j}, v))
          ignored{end + 1} = f{j}; %#ok<AGROW>   (a problem struct's gradient is exact)
        end
      otherwise
        if isg(j)
          out.(gnames{strcmpi(gnames, f{j})}) = v;
        elseif isk(j)
          if ~(dropdef && is_default(f{j}, v))
            ignored{end + 1} = f{j}; %#ok<AGROW>
          end
        else
          out.(f{j}) = v;     % unknown: the parser names it (with a suggestion)
        end
    end
  end
  args{i} = out;
  changed = true;
  i = i + 1;
end
if ~isempty(ignored)
  warning(['gdflow:' fn ':ignoredOptions'], ['%s: these fminunc options have no gdflow ' ...
          'counterpart and are ignored: %s.'], fn, strjoin(unique(ignored), ', '));
end
end

function tf = fminunc_values(s)
% a struct of gdflow names only, but with a value only fminunc takes:
% optimset('Display', 'iter-detailed') or optimset('OutputFcn', {...})
tf = false;
f = fieldnames(s);
for j = 1:numel(f)
  v = s.(f{j});
  if strcmpi(f{j}, 'Display') && ischar(v) && ~any(strcmpi(v, {'off', 'final', 'iter'}))
    tf = true;
  elseif strcmpi(f{j}, 'OutputFcn') && iscell(v)
    tf = true;
  elseif any(strcmpi(f{j}, {'MaxIter', 'MaxFunEvals'})) && ischar(v)
    tf = true;
  end
end
end

function v = count_value(v, d, name, fn)
% a number, or MATLAB's '100*numberOfVariables' style default
if ischar(v)
  t = lower(strrep(v, ' ', ''));
  k = strfind(t, '*numberofvariables');
  c = str2double(t(1:max(k - 1, 0)));
  if strcmp(t, 'numberofvariables')
    c = 1;
    k = 1;
  end
  if isempty(k) || isnan(c) || isnan(d)
    error(['gdflow:' fn ':badOption'], ['%s: option %s must be a count (or ''N*numberOfVariables'' ' ...
          'when the number of variables is known), not ''%s''.'], fn, name, v);
  end
  v = c * d;
end
end

function v = display_value(v)
if ischar(v)
  switch lower(v)
    case {'off', 'none'}
      v = 'off';
    case {'iter', 'iter-detailed'}
      v = 'iter';
    case {'final', 'final-detailed', 'notify', 'notify-detailed'}
      v = 'final';
  end
end
end

function v = outfcn_value(v)
% a cell of output functions: one handle calling each (stop if any says so);
% a cell holding anything else goes on as it is (gd_run's parser refuses it)
if iscell(v) && ~isempty(v) && all(cellfun(@(h) isa(h, 'function_handle'), v(:)))
  fs = v;
  if numel(fs) == 1
    v = fs{1};
  else
    v = @(x, ov, st) call_all(fs, x, ov, st);
  end
end
end

function stop = call_all(fs, x, ov, st)
stop = false;
for k = 1:numel(fs)
  stop = fs{k}(x, ov, st) || stop;
end
end

function g = gradobj_value(v, fn)
% true/false (logical or a numeric 0 or 1), 'on'/'off'; anything else (NaN
% reached "invalid conversion from NaN to logical", [1 0] meant 'off') is refused
if (islogical(v) || isnumeric(v)) && isscalar(v) && isreal(v) && (v == 0 || v == 1)
  if v
    g = 'on';
  else
    g = 'off';
  end
elseif ischar(v) && size(v, 1) == 1 && any(strcmpi(v, {'on', 'off'}))
  g = lower(v);
else
  error(['gdflow:' fn ':badOption'], '%s: option GradObj/SpecifyObjectiveGradient must be ''on'', ''off'', true or false.', fn);
end
end

function tf = is_options_object(a)
tf = strncmp(class(a), 'optim.options.', 14);
if ~tf
  try
    tf = any(ismember(lower(properties(a)), lower(fminunc_names())));
  catch %#ok<CTCH>
    tf = false;
  end
end
end

function [s, dropdef] = object_fields(a)
% MATLAB's optimoptions object: its public properties (this path cannot be
% tested in Octave, which has no optimoptions)
s = struct();
p = properties(a);
for k = 1:numel(p)
  s.(p{k}) = a.(p{k});
end
dropdef = true;
end

function tf = is_default(name, v)
% an optimoptions object fills every property: fminunc's documented
% defaults are not the user's choices and are not reported
defs = {'Algorithm', 'quasi-newton'; 'CheckGradients', false; 'Diagnostics', 'off'; ...
        'DiffMaxChange', Inf; 'DiffMinChange', 0; 'FiniteDifferenceStepSize', 'sqrt(eps)'; ...
        'FiniteDifferenceType', 'forward'; 'HessianApproximation', 'bfgs'; 'HessUpdate', 'bfgs'; ...
        'ObjectiveLimit', -1e20; 'PrecondBandWidth', 0; 'SubproblemAlgorithm', 'cg'; ...
        'TolPCG', 0.1; 'TypicalX', 'ones(numberOfVariables,1)'; 'UseParallel', false; ...
        'HessPattern', 'sparse(ones(numberOfVariables))'; 'MaxPCGIter', 'max(1,floor(numberOfVariables/2))'; ...
        'FunValCheck', 'off'; 'SpecifyObjectiveGradient', false};
k = find(strcmpi(defs(:, 1), name), 1);
tf = ~isempty(k) && isequal(v, defs{k, 2});
end

function n = fminunc_names()
% the option names of optimset (MATLAB's and Octave's) and of MATLAB's
% optimoptions for fminunc
n = {'ActiveConstrTol', 'Algorithm', 'AlwaysHonorConstraints', 'AutoScaling', 'CheckGradients', ...
     'ComplexEqn', 'DerivativeCheck', 'Diagnostics', 'DiffMaxChange', 'DiffMinChange', 'Display', ...
     'FinDiffRelStep', 'FinDiffType', 'FiniteDifferenceStepSize', 'FiniteDifferenceType', ...
     'FunctionTolerance', 'FunValCheck', 'GoalsExactAchieve', 'GradConstr', 'GradObj', 'HessFcn', ...
     'Hessian', 'HessianApproximation', 'HessianFcn', 'HessianMultiplyFcn', 'HessMult', 'HessPattern', ...
     'HessUpdate', 'InitBarrierParam', 'InitialHessMatrix', 'InitialHessType', 'InitTrustRegionRadius', ...
     'Jacobian', 'JacobMult', 'JacobPattern', 'LargeScale', 'MaxFunctionEvaluations', 'MaxFunEvals', ...
     'MaxIter', 'MaxIterations', 'MaxNodes', 'MaxPCGIter', 'MaxProjCGIter', 'MaxSQPIter', 'MeritFunction', ...
     'MinAbsMax', 'NoStopIfFlatInfeas', 'ObjectiveLimit', 'OptimalityTolerance', 'OutputFcn', ...
     'PhaseOneTotalScaling', 'PlotFcn', 'PlotFcns', 'Preconditioner', 'PrecondBandWidth', ...
     'RelLineSrchBnd', 'RelLineSrchBndDuration', 'ScaleProblem', 'Simplex', 'SpecifyObjectiveGradient', ...
     'StepTolerance', 'SubproblemAlgorithm', 'TolCon', 'TolConSQP', 'TolFun', 'TolGradCon', 'TolPCG', ...
     'TolProjCG', 'TolProjCGAbs', 'TolX', 'TypicalX', 'Updating', 'UseParallel'};
end
