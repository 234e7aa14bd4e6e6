function T = gd_compare(fun, theta0, runs, varargin)
%GD_COMPARE  Run GD and GF variants on one problem; tabulate measured against theoretical rates.
%   T = GD_COMPARE(FUN, THETA0, RUNS) runs every method in RUNS from THETA0
%   on the problem FUN, prints one table row per run and returns the rows
%   as a struct array.  T = GD_COMPARE(..., Name, Value, ...) sets options.
%
%   FUN is a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%   GD_TESTFUN) or a function handle returning [f, g]; for a handle, give
%   'L', 'mu' and 'FStar' as options to get the theory columns.
%
%   RUNS is a list of run specs: a struct array, or a cell array whose
%   elements are structs or the short forms below.  Fields of a spec (names
%   are case-insensitive; all but the ones a method needs are optional):
%     method  'gd' (gradient descent, GD_RUN) or 'gf' (gradient flow).
%             Default 'gf' when solver or T is given, else 'gd'.
%     step    GD: a positive number, '1/L', '2/(L+mu)' or 'backtracking'
%             (default '1/L', or 'backtracking' when L is unknown).
%             GF: the fixed step h of euler, heun, rk4 and implicit (a
%             number, '1/L' or '2/(L+mu)'); not used by rk45 and exact.
%     iters   GD: the number of iterations (default: option MaxIter).
%     solver  GF: 'exact' (closed form, GF_EXACT; quadratics and least
%             squares only), 'rk45',
%             'euler' (= GD with eta = h), 'heun', 'rk4', 'implicit'
%             (backward Euler = proximal point), or 'auto' (default:
%             exact for quadratics, else rk45).  All but exact use GF_RUN.
%     T       GF: the time horizon (default: option T).
%     label   the name of the row (default: made from the spec).
%   Short forms: a number is a GD step size (so a numeric vector of step
%   sizes is a list of GD runs); '1/L', '2/(L+mu)' and 'backtracking' are
%   GD runs with that step; 'gf' is a GF run with the 'auto' solver.
%
%   Options (name-value):
%     MaxIter   GD iterations when a spec has no iters (default 100, at most 1e8)
%     T         GF horizon when a spec has none (default MaxIter/L, the
%               time that MaxIter GD steps of 1/L cover; 10 if L unknown)
%     GradTol   stop a run early at this gradient norm (default 0: every
%               run goes the full length, so rates are measured cleanly)
%     RelTol, AbsTol  rk45 tolerances (defaults 1e-8 and 1e-12)
%     Samples   output times of exact and rk45 runs (default 201)
%     L, mu, FStar    override the problem's constants (or supply them
%               for a handle; when f* is unknown, f - min f over all runs
%               is reported instead, and the header says so)
%     Display   'on' (default) prints the table, 'off' is silent
%
%   Each row of T has the fields
%     label, method, solver    the run, as printed
%     step      the step size (GD eta, GF h; NaN for rk45, exact, backtracking)
%     steps     GD iterations or GF solver steps (NaN for the closed form)
%     T         the time covered: K*eta for GD, the horizon for GF
%     gap0, gap f(theta0) - f* and the final f - f*
%     bound     the theoretical bound on the final f - f* (NaN when the
%               theory gives none): q^K*gap0 for linear rates (times L/mu
%               for GD steps in (1/L, 2/(L+mu)] on non-quadratics),
%               L*R^2/(2K)-type bounds when mu = 0 (R = norm(theta0 - theta*)),
%               gap0*exp(-2*mu*T) or R^2/(2T) for the flow
%     rate      the measured contraction factor of f - f*, per iteration
%               (GD) or per unit time (GF): (e(end)/e(mid))^(1/(x(end) - x(mid)))
%               over the second half of the run above the rounding floor,
%               i.e. the asymptotic rate (a growth factor > 1 if unstable)
%     theory    the rate of the lecture's theory, in the same unit:
%               GD on quadratics max|1 - eta*lambda|^2 (the exact worst
%               case over the spectrum), else 1 - mu/L for eta = 1/L and
%               max(|1 - eta*L|, |1 - eta*mu|)^2 for other steps; GF
%               exp(-2*mu); euler, heun, rk4 and implicit steps on
%               quadratics max over the eigenvalues of |R(-h*lambda)|^2 with
%               R the method's stability function (1/(1 + h*mu)^2 for
%               implicit), per unit time: ^(1/h)
%     unit      'iter' or 'time'
%     kind      'linear', 'sublinear' (mu = 0: no rate, only the bound),
%               'unstable' or 'unknown'
%     stable    measured: the run stayed finite and ended below f(theta0)
%     theory_stable  the theory's verdict (eta < 2/L for GD and euler, ...)
%     within    1 if gap <= bound (up to rounding), 0 if not, NaN if no bound
%     exitflag  of GD_RUN or GF_RUN (1 for the closed form)
%     x, e      columns: k or t, and f - f* there
%     theta     the final iterate (column)
%
%   Bad specs raise errors with identifiers gdflow:gd_compare:<what>
%   (badRuns, unknownField, badMethod, badStep, badSolver, badHorizon,
%   badIters, badLabel, needL, unknownOption, badOption).
%
%   Example:
%     prob = gd_testfun('ellipse', 10);
%     T = gd_compare(prob, [-3; 1], {0.05, '2/(L+mu)', 0.21, ...
%                    struct('method', 'gf', 'solver', 'exact', 'T', 6)}, 'MaxIter', 60);
%     fprintf('%s: measured %.6f, theory %.6f\n', T(2).label, T(2).rate, T(2).theory);
%
%   See also GD_RUN, GF_RUN, GF_EXACT, GD_PLOT.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%   The rates are those of the lecture text (../shared/seed) with the
%   quadratic case made exact; the O(1/k) bound for steps in (1/L, 2/L) is
%   Theorem 2.1.14 of Y. Nesterov, Introductory Lectures on Convex
%   Optimization, 2004; the proximal-point rates follow from
%   f(x+) + |x+ - x|^2/(2h) <= f(x) and the PL inequality.
if nargin < 3
  error('gdflow:gd_compare:notEnoughInputs', 'gd_compare: usage: T = gd_compare(fun, theta0, runs, Name, Value, ...).');
end
if ~(isstruct(fun) && numel(fun) == 1 && all(isfield(fun, {'type', 'L', 'mu', 'f_star', 'theta_star', 'description'}))) && ...
   ~isa(fun, 'function_handle')
  error('gdflow:gd_compare:badProblem', 'gd_compare: FUN must be a problem struct (gd_quadratic, ...) or a function handle.');
end
if ~isnumeric(theta0) || ~isreal(theta0) || isempty(theta0) || ~isvector(theta0) || any(~isfinite(theta0))
  error('gdflow:gd_compare:badStart', 'gd_compare: THETA0 must be a finite real vector.');
end
theta0 = double(theta0(:));
opt = parse_options(varargin);
P = problem_info(fun, opt);
specs = normalize_runs(runs, P, opt);

ws = warning('off', 'gdflow:diverged');
cleanup = onCleanup(@() warning(ws));
rows = cell(1, numel(specs));
for i = 1:numel(specs)
  rows{i} = run_one(fun, theta0, specs{i}, P, opt);
end
T = [rows{:}];
% f* unknown: measure against the smallest value any run reached
P.fstar_note = '';
if ~isfinite(P.fstar)
  fmin = Inf;
  for i = 1:numel(T)
    fmin = min([fmin; T(i).e(isfinite(T(i).e))]);
  end
  for i = 1:numel(T)
    T(i).e = T(i).e - fmin;
    T(i).gap0 = T(i).e(1);
    T(i).gap = T(i).e(end);
    T(i).rate = tail_rate(T(i).x, T(i).e, floor_of(fmin, T(i).e(1) + fmin));
  end
  P.fstar_note = sprintf(' (f* unknown: f - min f = %.6g over the runs)', fmin);
end
if strcmpi(opt.Display, 'on')
  print_table(T, P, theta0, fun);
end
end

% ---------------------------------------------------------------------------
function opt = parse_options(args)
opt = struct('MaxIter', 100, 'T', [], 'GradTol', 0, 'RelTol', 1e-8, 'AbsTol', 1e-12, ...
             'Samples', 201, 'L', [], 'mu', [], 'FStar', [], 'Display', 'on');
names = fieldnames(opt);
if mod(numel(args), 2) ~= 0
  error('gdflow:gd_compare:badOption', 'gd_compare: options must be name-value pairs.');
end
for i = 1:2:numel(args)
  if ~ischar(args{i})
    error('gdflow:gd_compare:badOption', 'gd_compare: option names must be strings.');
  end
  k = find(strcmpi(args{i}, names));
  if isempty(k)
    error('gdflow:gd_compare:unknownOption', 'gd_compare: unknown option ''%s''; valid: %s.', ...
          args{i}, strjoin(names', ', '));
  end
  opt.(names{k}) = args{i + 1};
end
pos = {'MaxIter', 'Samples'};
top = [1e8, 1e7];   % every f is kept: longer runs would not finish, or not fit
for i = 1:numel(pos)
  v = opt.(pos{i});
  if ~isnumeric(v) || ~isscalar(v) || ~(v >= 1) || v ~= round(v) || ~(v <= top(i))
    error('gdflow:gd_compare:badOption', 'gd_compare: %s must be a positive integer (at most %g).', pos{i}, top(i));
  end
end
nonneg = {'GradTol', 'RelTol', 'AbsTol'};
for i = 1:numel(nonneg)
  v = opt.(nonneg{i});
  if ~isnumeric(v) || ~isscalar(v) || ~(v >= 0)
    error('gdflow:gd_compare:badOption', 'gd_compare: %s must be a non-negative number.', nonneg{i});
  end
end
if ~isempty(opt.T) && (~isnumeric(opt.T) || ~isscalar(opt.T) || ~(opt.T > 0) || ~isfinite(opt.T))
  error('gdflow:gd_compare:badHorizon', 'gd_compare: T must be a positive finite number.');
end
consts = {'L', 'mu', 'FStar'};
for i = 1:numel(consts)
  v = opt.(consts{i});
  if ~isempty(v) && (~isnumeric(v) || ~isscalar(v) || ~isreal(v))
    error('gdflow:gd_compare:badOption', 'gd_compare: %s must be a real scalar.', consts{i});
  end
end
if ~ischar(opt.Display) || ~any(strcmpi(opt.Display, {'on', 'off'}))
  error('gdflow:gd_compare:badOption', 'gd_compare: Display must be ''on'' or ''off''.');
end
end

function P = problem_info(fun, opt)
P = struct('L', NaN, 'mu', NaN, 'fstar', NaN, 'theta_star', [], 'quadratic', false, 'A', [], 'b', [], ...
           'eigs', [], 'desc', 'a function handle', 'fstar_note', '');
if isstruct(fun)
  P.L = fun.L;
  P.mu = fun.mu;
  P.fstar = fun.f_star;
  if ~isempty(fun.theta_star)
    P.theta_star = fun.theta_star(:, 1);
  end
  P.desc = fun.description;
  % least squares is a quadratic too: A = X'X/m, b = X'y/m
  if strcmp(fun.type, 'quadratic')
    P.quadratic = true;
    P.A = fun.A;
    P.b = fun.b;
  elseif strcmp(fun.type, 'leastsq') && size(fun.X, 2) <= 2000
    P.quadratic = true;
    m = size(fun.X, 1);
    P.A = full(fun.X' * fun.X) / m;
    P.A = (P.A + P.A') / 2;
    P.b = full(fun.X' * fun.y) / m;
  end
  if P.quadratic && fun.d <= 2000
    P.eigs = eig(full(P.A));
  end
end
if ~isempty(opt.L)
  P.L = double(opt.L);
end
if ~isempty(opt.mu)
  P.mu = double(opt.mu);
end
if ~isempty(opt.FStar)
  P.fstar = double(opt.FStar);
end
if isempty(P.eigs) && P.quadratic
  P.eigs = [P.mu; P.L];
end
end

% ---------------------------------------------------------------------------
function specs = normalize_runs(runs, P, opt)
if isnumeric(runs) && ~isempty(runs)
  runs = num2cell(runs(:)');
elseif ischar(runs)
  runs = {runs};
elseif isstruct(runs)
  runs = num2cell(runs(:)');
end
if ~iscell(runs) || isempty(runs)
  error('gdflow:gd_compare:badRuns', ...
        'gd_compare: RUNS must be a non-empty struct array, cell array, numeric vector of GD steps or a step rule.');
end
specs = cell(1, numel(runs));
for i = 1:numel(runs)
  specs{i} = normalize_spec(runs{i}, i, P, opt);
end
end

function s = normalize_spec(r, i, P, opt)
s = struct('method', '', 'step', [], 'iters', [], 'solver', '', 'T', [], 'label', '');
if isnumeric(r)
  if ~isscalar(r)
    error('gdflow:gd_compare:badRuns', 'gd_compare: run %d: a numeric run is one GD step size (put vectors of steps directly as RUNS).', i);
  end
  s.method = 'gd';
  s.step = r;
elseif ischar(r)
  if any(strcmpi(r, {'1/L', '2/(L+mu)', 'backtracking'}))
    s.method = 'gd';
    s.step = r;
  elseif strcmpi(r, 'gf')
    s.method = 'gf';
  else
    error('gdflow:gd_compare:badRuns', ...
          'gd_compare: run %d: ''%s'' is not a run; short forms are a step size, ''1/L'', ''2/(L+mu)'', ''backtracking'' or ''gf''.', i, r);
  end
elseif isstruct(r) && isscalar(r)
  valid = fieldnames(s);
  given = fieldnames(r);
  for j = 1:numel(given)
    k = find(strcmpi(given{j}, valid));
    if isempty(k)
      error('gdflow:gd_compare:unknownField', 'gd_compare: run %d: unknown field ''%s''; valid: %s.', ...
            i, given{j}, strjoin(valid', ', '));
    end
    s.(valid{k}) = r.(given{j});
  end
  if isempty(s.method)
    if ~isempty(s.solver) || ~isempty(s.T)
      s.method = 'gf';
    else
      s.method = 'gd';
    end
  end
else
  error('gdflow:gd_compare:badRuns', 'gd_compare: run %d must be a struct, a step size or a step rule.', i);
end
if ~ischar(s.method) || ~any(strcmpi(s.method, {'gd', 'gf'}))
  error('gdflow:gd_compare:badMethod', 'gd_compare: run %d: method must be ''gd'' or ''gf''.', i);
end
s.method = lower(s.method);
if ~ischar(s.label)
  error('gdflow:gd_compare:badLabel', 'gd_compare: run %d: label must be a string.', i);
end
if strcmp(s.method, 'gd')
  if ~isempty(s.solver) || ~isempty(s.T)
    error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: solver and T belong to gf runs; a gd run has step and iters.', i);
  end
  if isempty(s.step)
    if isfinite(P.L)
      s.step = '1/L';
    else
      s.step = 'backtracking';
    end
  end
  [s.step, rule] = resolve_step(s.step, P, i, true);
  if isempty(s.iters)
    s.iters = opt.MaxIter;
  end
  if ~isnumeric(s.iters) || ~isscalar(s.iters) || ~(s.iters >= 1) || s.iters ~= round(s.iters) || ~(s.iters <= 1e8)
    error('gdflow:gd_compare:badIters', 'gd_compare: run %d: iters must be a positive integer (at most 1e8).', i);
  end
  s.solver = '';
  if isempty(s.label)
    if strcmp(rule, 'backtracking')
      s.label = 'GD backtracking';
    elseif isempty(rule)
      s.label = sprintf('GD eta = %.4g', s.step);
    else
      s.label = sprintf('GD eta = %s = %.4g', rule, s.step);
    end
  end
else
  if ~isempty(s.iters)
    error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: a gf run has a horizon T, not iters.', i);
  end
  if isempty(s.solver)
    s.solver = 'auto';
  end
  solvers = {'auto', 'exact', 'rk45', 'euler', 'heun', 'rk4', 'implicit'};
  if ~ischar(s.solver) || ~any(strcmpi(s.solver, solvers))
    error('gdflow:gd_compare:badSolver', 'gd_compare: run %d: solver must be one of %s.', i, strjoin(solvers, ', '));
  end
  s.solver = lower(s.solver);
  if strcmp(s.solver, 'auto')
    if P.quadratic
      s.solver = 'exact';
    else
      s.solver = 'rk45';
    end
  end
  if strcmp(s.solver, 'exact') && ~P.quadratic
    error('gdflow:gd_compare:badSolver', 'gd_compare: run %d: the exact flow needs a quadratic (gd_quadratic, gd_leastsq); use rk45.', i);
  end
  fixed = any(strcmp(s.solver, {'euler', 'heun', 'rk4', 'implicit'}));
  rule = '';
  if fixed
    if isempty(s.step)
      error('gdflow:gd_compare:badStep', 'gd_compare: run %d: the %s solver needs a fixed step (field step).', i, s.solver);
    end
    [s.step, rule] = resolve_step(s.step, P, i, false);
  elseif ~isempty(s.step)
    error('gdflow:gd_compare:badStep', 'gd_compare: run %d: the %s solver takes no step.', i, s.solver);
  else
    s.step = NaN;
  end
  if isempty(s.T)
    if ~isempty(opt.T)
      s.T = opt.T;
    elseif isfinite(P.L) && P.L > 0
      s.T = opt.MaxIter / P.L;
    else
      s.T = 10;
    end
  end
  if ~isnumeric(s.T) || ~isscalar(s.T) || ~(s.T > 0) || ~isfinite(s.T)
    error('gdflow:gd_compare:badHorizon', 'gd_compare: run %d: T must be a positive finite number.', i);
  end
  if isempty(s.label)
    if fixed && isempty(rule)
      s.label = sprintf('GF %s h = %.4g', s.solver, s.step);
    elseif fixed
      s.label = sprintf('GF %s h = %s', s.solver, rule);
    else
      s.label = sprintf('GF %s', s.solver);
    end
  end
end
end

function [eta, rule] = resolve_step(step, P, i, allow_bt)
rule = '';
if ischar(step)
  rule = step;
  switch lower(step)
    case '1/l'
      need_L(P, i, step);
      eta = 1 / P.L;
      rule = '1/L';
    case '2/(l+mu)'
      need_L(P, i, step);
      if ~(isfinite(P.mu) && P.mu >= 0)
        error('gdflow:gd_compare:needL', 'gd_compare: run %d: step ''2/(L+mu)'' needs mu (option mu).', i);
      end
      eta = 2 / (P.L + P.mu);
      rule = '2/(L+mu)';
    case 'backtracking'
      if ~allow_bt
        error('gdflow:gd_compare:badStep', 'gd_compare: run %d: a gf solver needs a numeric step, not backtracking.', i);
      end
      eta = NaN;
      rule = 'backtracking';
    otherwise
      error('gdflow:gd_compare:badStep', ...
            'gd_compare: run %d: step must be a positive number, ''1/L'', ''2/(L+mu)'' or ''backtracking''.', i);
  end
elseif isnumeric(step) && isscalar(step) && isreal(step) && step > 0 && isfinite(step)
  eta = double(step);
else
  error('gdflow:gd_compare:badStep', ...
        'gd_compare: run %d: step must be a positive number, ''1/L'', ''2/(L+mu)'' or ''backtracking''.', i);
end
end

function need_L(P, i, step)
if ~(isfinite(P.L) && P.L > 0)
  error('gdflow:gd_compare:needL', 'gd_compare: run %d: step ''%s'' needs L, which the problem does not know (option L).', i, step);
end
end

% ---------------------------------------------------------------------------
function row = run_one(fun, theta0, s, P, opt)
row = struct('label', s.label, 'method', s.method, 'solver', s.solver, 'step', s.step, ...
             'steps', NaN, 'T', NaN, 'gap0', NaN, 'gap', NaN, 'bound', NaN, 'rate', NaN, ...
             'theory', NaN, 'unit', 'iter', 'kind', 'unknown', 'stable', false, ...
             'theory_stable', NaN, 'within', NaN, 'exitflag', NaN, 'x', [], 'e', [], 'theta', []);
if strcmp(s.method, 'gd')
  if isnan(s.step)
    stepsize = 'backtracking';
  else
    stepsize = s.step;
  end
  [theta, info] = gd_run(fun, theta0, 'StepSize', stepsize, 'MaxIter', s.iters, ...
                         'GradTol', opt.GradTol, 'History', 'f');
  f = info.f(:);
  row.x = (0:numel(f) - 1)';
  row.steps = info.iterations;
  if isnan(s.step)
    row.T = sum(info.stepsize);
  else
    row.T = info.iterations * s.step;
  end
  row.exitflag = info.exitflag;
  row.theta = theta(:);
else
  row.unit = 'time';
  switch s.solver
    case 'exact'
      t = linspace(0, s.T, opt.Samples)';
      Theta = gf_exact(P.A, P.b, theta0, t);
      f = gd_eval(fun, Theta')';
      row.exitflag = 1;
      row.steps = NaN;
    case 'rk45'
      t = linspace(0, s.T, opt.Samples)';
      args = {'Method', 'rk45', 'RelTol', opt.RelTol, 'AbsTol', opt.AbsTol};
      if opt.GradTol > 0
        args = [args, {'GradTol', opt.GradTol}];
      end
      [t, Theta, info] = gf_run(fun, theta0, t, args{:});
      f = info.f(:);
      row.exitflag = info.exitflag;
      row.steps = info.nsteps;
    otherwise
      args = {'Method', s.solver, 'Step', s.step};
      if opt.GradTol > 0
        args = [args, {'GradTol', opt.GradTol}];
      end
      [t, Theta, info] = gf_run(fun, theta0, [0, s.T], args{:});
      f = info.f(:);
      row.exitflag = info.exitflag;
      row.steps = info.nsteps;
  end
  row.x = t(:);
  row.T = t(end);
  row.theta = Theta(end, :)';
end
fs = P.fstar;
if ~isfinite(fs)
  fs = 0;              % replaced by min f over the runs in gd_compare
end
e = f - fs;
row.e = e;
row.gap0 = e(1);
row.gap = e(end);
row.stable = all(isfinite(e)) && row.exitflag ~= -2 && e(end) <= e(1) * (1 + 1e-12) + floor_of(fs, f(1));
row.rate = tail_rate(row.x, e, floor_of(fs, f(1)));
row = theory(row, s, P, theta0);
if isfinite(row.bound)
  row.within = double(row.gap <= row.bound * (1 + 1e-9) + floor_of(fs, f(1)));
end
end

function fl = floor_of(fstar, f0)
% f - f* below this is rounding noise (f is summed from terms of size ~ |f|)
fl = 1e3 * eps * max([abs(fstar), abs(f0), realmin]);
end

function r = tail_rate(x, e, fl)
r = NaN;
ok = isfinite(e) & e > fl;
last = find(~ok, 1) - 1;
if isempty(last)
  last = numel(e);
end
if last < 3
  return
end
mid = find(x(1:last) >= x(1) + (x(last) - x(1)) / 2, 1);
if mid >= last
  mid = last - 1;
end
r = (e(last) / e(mid)) ^ (1 / (x(last) - x(mid)));
end

% ---------------------------------------------------------------------------
function row = theory(row, s, P, theta0)
L = P.L;
mu = P.mu;
R2 = NaN;
if ~isempty(P.theta_star) && numel(P.theta_star) == numel(theta0)
  R2 = sum((theta0 - P.theta_star) .^ 2);
end
e0 = row.gap0;
if strcmp(s.method, 'gd') || strcmp(s.solver, 'euler')
  eta = s.step;
  K = full_steps(row, s);
  if isnan(eta)
    row.theory_stable = NaN;
    return                                   % backtracking: no fixed-step theory
  end
  [q, kind] = gdf_rate(L, mu, eta, P.quadratic);
  row.kind = kind;
  if ~strcmp(kind, 'unknown')
    row.theory_stable = double(eta < 2 / L);
  end
  switch kind
    case 'linear'
      c = 1;
      if ~P.quadratic && abs(eta * L - 1) > 1e-12
        if eta <= 2 / (L + mu)
          c = L / mu;                          % via ||theta_k - theta*||^2
        else
          c = NaN;                             % (2/(L+mu), 2/L): the O(1/k) bound only
        end
      end
      row.theory = q;
      if isfinite(c)
        row.bound = c * q ^ K * e0;
      else
        row.bound = sublinear_bound(L, eta, K, R2, e0);
      end
    case 'sublinear'
      row.bound = sublinear_bound(L, eta, K, R2, e0);
    case 'unstable'
      row.theory = q;                          % growth factor of the top mode
  end
  if strcmp(s.solver, 'euler') && isfinite(row.theory)
    row.theory = row.theory ^ (1 / eta);
  end
  return
end
% the flow and its other discretizations
h = s.step;
switch s.solver
  case {'exact', 'rk45'}
    row.theory_stable = 1;
    [row.theory, row.bound, row.kind] = flow_theory(mu, row.T, e0, R2);
  case 'implicit'
    row.theory_stable = 1;
    K = full_steps(row, s);
    if isfinite(mu) && mu > 0
      if P.quadratic
        q = 1 / (1 + h * mu) ^ 2;
      else
        q = 1 / (1 + h * mu);
      end
      row.kind = 'linear';
      row.theory = q ^ (1 / h);
      row.bound = q ^ K * e0;
    elseif isfinite(mu) && mu == 0
      row.kind = 'sublinear';
      row.bound = R2 / (2 * h * K);
    end
  otherwise                                    % heun, rk4
    K = full_steps(row, s);
    if P.quadratic && ~isempty(P.eigs)
      z = -h * P.eigs;
      if strcmp(s.solver, 'heun')
        Rz = 1 + z + z .^ 2 / 2;
      else
        Rz = 1 + z + z .^ 2 / 2 + z .^ 3 / 6 + z .^ 4 / 24;
      end
      q = max(abs(Rz)) ^ 2;
      row.theory_stable = double(q < 1);
      row.theory = q ^ (1 / h);
      if q < 1
        row.kind = 'linear';
        row.bound = q ^ K * e0;
      else
        row.kind = 'unstable';
      end
    else
      limit = 2;
      if strcmp(s.solver, 'rk4')
        limit = 2.785293563405282;             % the real stability interval of RK4
      end
      if isfinite(L)
        row.theory_stable = double(h * L < limit);
      end
      [row.theory, ~, row.kind] = flow_theory(mu, row.T, e0, R2);
    end
end
end

function K = full_steps(row, s)
% GD: the iterations; a fixed-step GF run whose horizon is not a multiple of
% h ends with a shorter step, which contracts less: count only full steps
K = row.steps;
if strcmp(s.method, 'gf')
  K = min(K, floor(row.T / s.step * (1 + 1e-12)));
end
end

function [q, bound, kind] = flow_theory(mu, T, e0, R2)
q = NaN;
bound = NaN;
kind = 'unknown';
if isfinite(mu) && mu > 0
  kind = 'linear';
  q = exp(-2 * mu);
  bound = e0 * exp(-2 * mu * T);
elseif isfinite(mu) && mu == 0
  kind = 'sublinear';
  bound = R2 / (2 * T);
end
end

function b = sublinear_bound(L, eta, K, R2, e0)
% eta <= 1/L: R^2/(2 eta K) (the text's L R^2/(2k) at eta = 1/L);
% 0 < eta < 2/L: 2 e0 R^2 / (2 R^2 + K eta (2 - L eta) e0) (Nesterov 2.1.14)
b = NaN;
if ~isfinite(R2) || K < 1 || ~(eta < 2 / L)
  return
end
b = 2 * e0 * R2 / (2 * R2 + K * eta * (2 - L * eta) * e0);
if eta <= 1 / L * (1 + 1e-12)
  b = min(b, R2 / (2 * eta * K));
end
end

% ---------------------------------------------------------------------------
function print_table(T, P, theta0, fun)
if isstruct(fun)
  desc = P.desc;
else
  desc = 'a function handle';
end
fprintf('\ngd_compare on %s: L = %.6g, mu = %.6g, f* = %.6g%s, f(theta0) - f* = %.6g\n', ...
        desc, P.L, P.mu, P.fstar, P.fstar_note, T(1).gap0);
fprintf('%-30s %7s %9s %13s %13s %12s %12s %5s %8s\n', 'run', 'steps', 'time T', 'f - f* (end)', ...
        'bound (end)', 'rate meas.', 'rate theory', 'per', 'stable?');
for i = 1:numel(T)
  r = T(i);
  if isnan(r.steps)
    steps = '-';
  else
    steps = sprintf('%d', r.steps);
  end
  st = 'yes';
  if ~r.stable
    st = 'NO';
  end
  if isfinite(r.theory_stable) && r.theory_stable ~= r.stable
    st = [st, '(!)'];
  end
  unit = 'iter';
  if strcmp(r.unit, 'time')
    unit = 't';
  end
  th = num(r.theory, '%12.6f');
  if strcmp(r.kind, 'sublinear')
    th = 'O(1/k)';
    if strcmp(r.unit, 'time')
      th = 'O(1/t)';
    end
  end
  fprintf('%-30s %7s %9.4g %13s %13s %12s %12s %5s %8s\n', r.label, steps, r.T, num(r.gap, '%13.4e'), ...
          num(r.bound, '%13.4e'), num(r.rate, '%12.6f'), th, unit, st);
end
fprintf(['rates: per-iteration (GD) or per-unit-time (GF) factor of f - f*, measured over the\n' ...
         'second half of each run; the theory is the worst case over the spectrum.\n']);
end

function s = num(v, fmt)
if isfinite(v)
  s = sprintf(fmt, v);
elseif isnan(v)
  s = '-';
else
  s = sprintf('%g', v);
end
end
