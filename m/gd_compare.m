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
%     method  'gd' (gradient descent, GD_RUN), 'gf' (gradient flow) or
%             'sgd' (stochastic gradient descent, GD_RUN's Method 'sgd', on
%             a GD_LEASTSQ or GD_LOGISTIC problem; see "SGD runs" below).
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
%     batch, epochs, schedule, seed   SGD: the batch size B (default 1),
%             the number of epochs (default: option MaxIter; m/B steps
%             each), the step schedule ('constant' (default), 'inverse',
%             'inverse-sqrt') and the Seed (default 0)
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
%     bound     the theoretical bound on the final f - f* (NaN when no
%               theorem applies: see note): from the one theory module that
%               GD_PLOT draws too; quadratics (gd_quadratic, gd_leastsq):
%               rho^(2K)*gap0, rho = max|1 - eta*lambda| over the spectrum;
%               other L-smooth mu-strongly convex f: the smaller of
%               (1 - mu*eta*(2 - L*eta))^K*gap0 and (L/2)*rho^(2K)*R^2
%               (R = norm(theta0 - theta*)); mu = 0: Nesterov's
%               2*gap0*R^2/(2R^2 + K*eta*(2 - L*eta)*gap0) for eta < 2/L, and
%               R^2/(2*eta*K) when eta <= 1/L (= L*R^2/(2K) at 1/L); the flow
%               gap0*exp(-2*mu*T) or R^2/(2T)
%     bound_curve  the bound at every x (what GD_PLOT draws)
%     rate      the measured contraction factor of f - f*, per iteration
%               (GD) or per unit time (GF): (e(end)/e(mid))^(1/(x(end) - x(mid)))
%               over the second half of the run above the rounding floor,
%               i.e. the asymptotic rate (a growth factor > 1 if unstable)
%     theory    the rate of the theory, in the same unit: GD on quadratics
%               max|1 - eta*lambda|^2 (the exact worst case over the
%               spectrum), on other strongly convex f max(|1 - eta*L|,
%               |1 - eta*mu|)^2 (the rate of the bound above); GF
%               exp(-2*mu); euler, heun, rk4 and implicit steps on
%               quadratics max over the eigenvalues of |R(-h*lambda)|^2 with
%               R the method's stability function (1/(1 + h*mu) for
%               implicit on other f), per unit time: ^(1/h)
%     unit      'iter' or 'time'
%     kind      'linear', 'sublinear' (mu = 0: no rate, only the bound),
%               'unstable', 'unbounded' (f* = -Inf: gap, rates and bounds
%               are NaN), 'nonconvex' (mu < 0: no convex theory) or 'unknown'
%     stable    measured: the run stayed finite and ended below f(theta0)
%     theory_stable  the theory's verdict (eta < 2/L for GD and euler, ...)
%     within    1 if gap <= bound (up to rounding), 0 if not, NaN if no bound
%     exitflag  of GD_RUN or GF_RUN (1 for the closed form)
%     note      why the theory columns are empty ('' when they are not), and
%               'stopped at a saddle, not a minimizer' after such a stop,
%               e.g. 'unbounded below', 'nonconvex (mu < 0): ...'; printed
%     x, e      columns: k or t, and f - f* there
%     theta     the final iterate (column)
%     floor, floor_sde, floor_meas, floor_se   SGD runs (NaN otherwise)
%
%   Step rules are gd_run's: '1/L' needs L, '2/(L+mu)' needs L and mu > 0;
%   a GD run on the problem's own constants hands the rule to GD_RUN and
%   reports the step GD_RUN used.  A GF horizon T is at most 1e8/L (1e8
%   steps of 1/L; 1e6 when L is unknown) and at most 1e8 fixed steps.
%   Options may also be given as an options struct; a misspelled name gets
%   the nearest valid one suggested.
%
%   Bad specs raise errors with identifiers gdflow:gd_compare:<what>
%   (badRuns, unknownField, badMethod, badStep, badSolver, badHorizon,
%   badIters, badLabel, noLipschitz, unknownOption, missingValue, badOption).
%
%   Example:
%     prob = gd_testfun('ellipse', 10);
%     T = gd_compare(prob, [-3; 1], {0.05, '2/(L+mu)', 0.21, ...
%                    struct('method', 'gf', 'solver', 'exact', 'T', 6)}, 'MaxIter', 60);
%     fprintf('%s: measured %.6f, theory %.6f\n', T(2).label, T(2).rate, T(2).theory);
%
%   SGD runs (issue 16): f - f* is the full-data value once per epoch; the
%   x column counts epochs and the rates are per epoch (unit 'epoch').  The
%   theory is GDF_THEORY's: on least squares the mean of the iterates obeys
%   GD exactly, so the transient contracts at rho^(2m/B) per epoch (rho =
%   max|1 - eta*lambda|), measured on the part of the run where f - f* is
%   above 1000 times the noise floor; with a constant step f - f* then
%   fluctuates around the floor E[f - f*] = trace(A*Sigma)/2 with Sigma from
%   GD_SGD_COV (the exact least-squares prediction; the SDE's
%   eta*trace(C)/(4B) is in the field floor_sde).  The bound column shows
%   that floor; floor_meas is the mean of f - f* over the second half of
%   the run, floor_se its standard error (batch means), and within is 1
%   when they agree within 4 standard errors.  The note prints both.
%
%   See also GD_RUN, GF_RUN, GF_EXACT, GD_PLOT, GD_SGD_COV.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%   The rates and bounds, with their theorems and hypotheses, are in
%   private/gdf_theory.m (shared with gd_plot).
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
P = gdf_theory_problem(fun, opt.L, opt.mu, opt.FStar);
specs = normalize_runs(runs, P, opt);

ws = warning('off', 'gdflow:diverged');
cleanup = onCleanup(@() warning(ws));
rows = cell(1, numel(specs));
for i = 1:numel(specs)
  rows{i} = run_one(fun, theta0, specs{i}, P, opt);
end
T = [rows{:}];
% f* unknown (NaN; not -Inf, which means unbounded below): measure against
% the smallest value any run reached
P.fstar_note = '';
if isnan(P.fstar)
  fmin = Inf;
  for i = 1:numel(T)
    fmin = min([fmin; T(i).e(isfinite(T(i).e))]);
  end
  for i = 1:numel(T)
    T(i).e = T(i).e - fmin;
    T(i).gap0 = T(i).e(1);
    T(i).gap = T(i).e(end);
    T(i).rate = gdf_tail_rate(T(i).x, T(i).e, floor_of(fmin, T(i).e(1) + fmin));
  end
  P.fstar_note = sprintf(' (f* unknown: f - min f = %.6g over the runs)', fmin);
elseif P.fstar == -Inf
  P.fstar_note = ' (f is unbounded below: no f - f*, rates or bounds)';
end
if strcmpi(opt.Display, 'on')
  print_table(T, P);
end
end

% ---------------------------------------------------------------------------
function opt = parse_options(args)
opt = struct('MaxIter', 100, 'T', [], 'GradTol', 0, 'RelTol', 1e-8, 'AbsTol', 1e-12, ...
             'Samples', 201, 'L', [], 'mu', [], 'FStar', [], 'Display', 'on');
opt = gdf_parse_options('gd_compare', opt, args);
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
  if ~isempty(v) && (~isnumeric(v) || ~isscalar(v) || ~isreal(v) || isnan(v))
    error('gdflow:gd_compare:badOption', 'gd_compare: %s must be a real scalar.', consts{i});
  end
end
if ~isempty(opt.L) && ~(opt.L > 0 && isfinite(opt.L))
  error('gdflow:gd_compare:badOption', 'gd_compare: L must be a positive finite number (the Lipschitz constant of the gradient).');
end
if ~isempty(opt.mu) && ~isfinite(opt.mu)
  error('gdflow:gd_compare:badOption', 'gd_compare: mu must be a finite real number.');
end
if ~isempty(opt.FStar) && isequal(opt.FStar, Inf)
  error('gdflow:gd_compare:badOption', 'gd_compare: FStar must be finite, or -Inf for a problem unbounded below.');
end
if ~ischar(opt.Display) || ~any(strcmpi(opt.Display, {'on', 'off'}))
  error('gdflow:gd_compare:badOption', 'gd_compare: Display must be ''on'' or ''off''.');
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
s = struct('method', '', 'step', [], 'iters', [], 'solver', '', 'T', [], 'label', '', ...
           'batch', [], 'epochs', [], 'schedule', [], 'seed', []);
fields = fieldnames(s);
s.rule = '';
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
  valid = fields;
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
if ~ischar(s.method) || ~any(strcmpi(s.method, {'gd', 'gf', 'sgd'}))
  error('gdflow:gd_compare:badMethod', 'gd_compare: run %d: method must be ''gd'', ''gf'' or ''sgd''.', i);
end
s.method = lower(s.method);
if ~ischar(s.label)
  error('gdflow:gd_compare:badLabel', 'gd_compare: run %d: label must be a string.', i);
end
if ~strcmp(s.method, 'sgd') && ~(isempty(s.batch) && isempty(s.epochs) && isempty(s.schedule) && isempty(s.seed))
  error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: batch, epochs, schedule and seed belong to sgd runs.', i);
end
if strcmp(s.method, 'sgd')
  s = normalize_sgd(s, i, P, opt);
elseif strcmp(s.method, 'gd')
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
  s.rule = rule;
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
  if strcmp(s.solver, 'exact') && ~(P.quadratic && (~isempty(P.A) || P.d <= 2000))
    error('gdflow:gd_compare:badSolver', ['gd_compare: run %d: the exact flow needs a quadratic (gd_quadratic, ' ...
          'gd_leastsq with at most 2000 columns); use rk45.'], i);
  end
  fixed = any(strcmp(s.solver, {'euler', 'heun', 'rk4', 'implicit'}));
  rule = '';
  if fixed
    if isempty(s.step)
      error('gdflow:gd_compare:badStep', 'gd_compare: run %d: the %s solver needs a fixed step (field step).', i, s.solver);
    end
    [s.step, rule] = resolve_step(s.step, P, i, false);
    s.rule = rule;
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
  check_horizon(s, P, i);
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

function s = normalize_sgd(s, i, P, opt)
% an SGD run: a fixed step eta0 (a number, '1/L', '2/(L+mu)'), B, epochs, schedule, seed
if ~isempty(s.solver) || ~isempty(s.T) || ~isempty(s.iters)
  error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: an sgd run has step, batch, epochs, schedule and seed (no solver, T or iters).', i);
end
if isempty(s.step)
  s.step = '1/L';
end
[s.step, s.rule] = resolve_step(s.step, P, i, false);
if isempty(s.batch)
  s.batch = 1;
end
if ~(isnumeric(s.batch) && isscalar(s.batch) && isreal(s.batch) && s.batch >= 1 && s.batch == round(s.batch))
  error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: batch must be a positive integer.', i);
end
s.batch = full(double(s.batch));          % sparse batch/epochs/seed reached gd_run as MaxIter's error
if isempty(s.epochs)
  s.epochs = opt.MaxIter;
end
if ~(isnumeric(s.epochs) && isscalar(s.epochs) && isreal(s.epochs) && s.epochs > 0 && isfinite(s.epochs))
  error('gdflow:gd_compare:badIters', 'gd_compare: run %d: epochs must be a positive number.', i);
end
s.epochs = full(double(s.epochs));
if isempty(s.schedule)
  s.schedule = 'constant';
end
if ~(ischar(s.schedule) && any(strcmpi(s.schedule, {'constant', 'inverse', 'inverse-sqrt'})))
  error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: schedule must be ''constant'', ''inverse'' or ''inverse-sqrt''.', i);
end
s.schedule = lower(s.schedule);
if isempty(s.seed)
  s.seed = 0;
end
if ~(isnumeric(s.seed) && isscalar(s.seed) && isreal(s.seed) && s.seed >= 0 && s.seed <= 2 ^ 53 && ...
     s.seed == round(s.seed))
  error('gdflow:gd_compare:badSpec', 'gd_compare: run %d: seed must be a nonnegative integer (at most 2^53).', i);
end
s.seed = full(double(s.seed));
s.solver = '';
if isempty(s.label)
  s.label = sprintf('SGD eta = %.4g B = %d', s.step, s.batch);
  if ~strcmp(s.schedule, 'constant')
    s.label = sprintf('SGD %s eta0 = %.3g B = %d', s.schedule, s.step, s.batch);
  end
end
end

function [eta, rule] = resolve_step(step, P, i, allow_bt)
% The step rules of gd_run, with its conditions and its error identifier
% (noLipschitz): gd_compare needs the step before running (fixed-step GF
% solvers take a number; L and mu may be options that gd_run does not see).
% GD runs on a problem's own constants pass the rule itself to gd_run, which
% resolves it (run_one); the two must agree.
rule = '';
if ischar(step)
  switch lower(step)
    case '1/l'
      rule = '1/L';
      if ~(isfinite(P.L) && P.L > 0)
        error('gdflow:gd_compare:noLipschitz', ['gd_compare: run %d: step ''1/L'' needs L, the Lipschitz ' ...
              'constant of the gradient, which the problem does not know; give option L, a number or ''backtracking''.'], i);
      end
      eta = 1 / P.L;
    case '2/(l+mu)'
      rule = '2/(L+mu)';
      if ~(isfinite(P.L) && P.L > 0 && isfinite(P.mu) && P.mu > 0)
        error('gdflow:gd_compare:noLipschitz', ['gd_compare: run %d: step ''2/(L+mu)'' needs L and a strong ' ...
              'convexity modulus mu > 0 (here L = %g, mu = %g); give options L and mu, a number or ''backtracking''.'], ...
              i, P.L, P.mu);
      end
      eta = 2 / (P.L + P.mu);
    case 'backtracking'
      if ~allow_bt
        error('gdflow:gd_compare:badStep', 'gd_compare: run %d: a gf solver or an sgd run needs a numeric step, not backtracking.', i);
      end
      eta = NaN;
      rule = 'backtracking';
    otherwise
      error('gdflow:gd_compare:badStep', ...
            'gd_compare: run %d: step must be a positive number, ''1/L'', ''2/(L+mu)'' or ''backtracking''.', i);
  end
elseif isnumeric(step) && isscalar(step) && isreal(step) && step > 0 && isfinite(step)
  eta = full(double(step));                 % (a sparse step reached gd_run: its error, not ours)
else
  error('gdflow:gd_compare:badStep', ...
        'gd_compare: run %d: step must be a positive number, ''1/L'', ''2/(L+mu)'' or ''backtracking''.', i);
end
end

function check_horizon(s, P, i)
% A horizon the solvers can cover: at most 1e8 fixed steps (the MaxIter cap),
% and T*L <= 1e8 (rk45 on a problem of curvature L takes steps of about 1/L;
% 1e8/L is also 1e8 GD steps of 1/L); T <= 1e6 when L is unknown.
if ~isnumeric(s.T) || ~isscalar(s.T) || ~isreal(s.T) || ~(s.T > 0) || ~isfinite(s.T)
  error('gdflow:gd_compare:badHorizon', 'gd_compare: run %d: T must be a positive finite number.', i);
end
if isfinite(s.step) && s.T / s.step > 1e8
  error('gdflow:gd_compare:badHorizon', ['gd_compare: run %d: T = %g is %.3g steps of h = %g; ' ...
        'at most 1e8 steps (choose a smaller T or a larger step).'], i, s.T, s.T / s.step, s.step);
end
if isfinite(P.L) && P.L > 0
  if s.T * P.L > 1e8
    error('gdflow:gd_compare:badHorizon', ['gd_compare: run %d: T = %g is too long: at most 1e8/L = %g ' ...
          '(1e8 steps of 1/L); the flow has long converged by then.'], i, s.T, 1e8 / P.L);
  end
elseif s.T > 1e6
  error('gdflow:gd_compare:badHorizon', 'gd_compare: run %d: T = %g is too long: at most 1e6 when L is unknown.', i, s.T);
end
end

% ---------------------------------------------------------------------------
function row = run_one(fun, theta0, s, P, opt)
stop_note = '';
row = struct('label', s.label, 'method', s.method, 'solver', s.solver, 'step', s.step, ...
             'steps', NaN, 'T', NaN, 'gap0', NaN, 'gap', NaN, 'bound', NaN, 'rate', NaN, ...
             'theory', NaN, 'unit', 'iter', 'kind', 'unknown', 'stable', false, ...
             'theory_stable', NaN, 'within', NaN, 'exitflag', NaN, 'note', '', 'x', [], 'e', [], ...
             'bound_curve', [], 'theta', [], 'floor', NaN, 'floor_sde', NaN, 'floor_meas', NaN, ...
             'floor_se', NaN);
sgd = [];
if strcmp(s.method, 'sgd')
  [row, f, sgd] = run_sgd(row, fun, theta0, s, P);
elseif strcmp(s.method, 'gd')
  if strcmp(s.rule, 'backtracking') || (isstruct(fun) && ~P.overridden && ~isempty(s.rule))
    stepsize = s.rule;                         % gd_run resolves its own rules
  else
    stepsize = s.step;                         % a number, or the rule with the caller's L, mu
  end
  [theta, info] = gd_run(fun, theta0, 'StepSize', stepsize, 'MaxIter', s.iters, ...
                         'GradTol', opt.GradTol, 'History', 'f');
  f = info.f(:);
  row.x = (0:numel(f) - 1)';
  row.steps = info.iterations;
  if strcmp(info.steprule, 'backtracking')
    row.step = NaN;
    row.T = sum(info.stepsize);
  else
    row.step = info.stepsize;
    row.T = info.iterations * info.stepsize;
  end
  row.exitflag = info.exitflag;
  row.theta = theta(:);
  stop_note = stationary_note(info);
else
  row.unit = 'time';
  switch s.solver
    case 'exact'
      t = linspace(0, s.T, opt.Samples)';
      [A, b] = quadratic_of(fun);
      Theta = gf_exact(A, b, theta0, t);
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
      stop_note = stationary_note(info);
    otherwise
      args = {'Method', s.solver, 'Step', s.step};
      if opt.GradTol > 0
        args = [args, {'GradTol', opt.GradTol}];
      end
      [t, Theta, info] = gf_run(fun, theta0, [0, s.T], args{:});
      f = info.f(:);
      row.exitflag = info.exitflag;
      row.steps = info.nsteps;
      stop_note = stationary_note(info);
  end
  row.x = t(:);
  row.T = t(end);
  row.theta = Theta(end, :)';
end
fs = P.fstar;
if P.fstar == -Inf
  % unbounded below: there is no f - f*, so no gap, rate, bound or verdict
  row.e = NaN(size(f));
  row.kind = 'unbounded';
  row.note = 'unbounded below';
  if ~isempty(stop_note)
    row.note = [stop_note, '; unbounded below'];
  end
  row.bound_curve = NaN(size(f));
  row.stable = false;
  return
end
if ~isfinite(fs)
  fs = 0;              % replaced by min f over the runs in gd_compare
end
e = f - fs;
row.e = e;
row.gap0 = e(1);
row.gap = e(end);
row.stable = all(isfinite(e)) && row.exitflag ~= -2 && e(end) <= e(1) * (1 + 1e-12) + floor_of(fs, f(1));
row.rate = gdf_tail_rate(row.x, e, floor_of(fs, f(1)));
row = theory(row, s, P, theta0, sgd);
if ~isempty(sgd)
  row = sgd_measure(row, e, floor_of(fs, f(1)), sgd, P.mu);
end
if ~isempty(stop_note) && isempty(row.note)   % a gradient stop at a saddle
  row.note = stop_note;                         % or maximum is not a minimizer
elseif ~isempty(stop_note)
  row.note = [stop_note, '; ', row.note];
end
if isfinite(row.bound) && ~strcmp(row.unit, 'epoch')   % sgd: the floor's own test (sgd_measure)
  row.within = double(row.gap <= row.bound * (1 + 1e-9) + floor_of(fs, f(1)));
end
end

function [A, b] = quadratic_of(fun)
% the quadratic 1/2 x'Ax - b'x (+ c) of gd_quadratic, or of least squares:
% 1/(2m)||X theta - y||^2 has A = X'X/m, b = X'y/m
if strcmp(fun.type, 'leastsq')
  m = size(fun.X, 1);
  A = full(fun.X' * fun.X) / m;
  A = (A + A') / 2;
  b = full(fun.X' * fun.y) / m;
else
  A = fun.A;
  b = fun.b;
end
end

function fl = floor_of(fstar, f0)
% f - f* below this is rounding noise (f is summed from terms of size ~ |f|)
fl = 1e3 * eps * max([abs(fstar), abs(f0), realmin]);
end

% ---------------------------------------------------------------------------
function row = theory(row, s, P, theta0, sgd)
% the rate, bound and verdict of gdf_theory (the module gd_plot uses too)
P.R2 = NaN;
if ~isempty(P.theta_star) && numel(P.theta_star) == numel(theta0)
  P.R2 = sum((theta0 - P.theta_star) .^ 2);
end
P.e0 = row.gap0;
if strcmp(s.method, 'sgd')
  run = sgd;
  n = row.x;
elseif strcmp(s.method, 'gd')
  run = struct('method', 'gd', 'step', row.step, 'momentum', NaN);
  n = row.x;
elseif any(strcmp(s.solver, {'exact', 'rk45'}))
  run = struct('method', 'flow', 'step', NaN, 'momentum', NaN);
  n = row.x;
else
  run = struct('method', s.solver, 'step', s.step, 'momentum', NaN);
  % a fixed-step run whose horizon is not a multiple of h ends with a shorter
  % step, which contracts less: count only full steps
  n = floor(row.x / s.step * (1 + 1e-12));
end
th = gdf_theory(P, run, n);
row.theory = th.rate;
row.kind = th.kind;
row.theory_stable = th.stable;
row.bound_curve = th.bound;
row.bound = th.bound(end);
row.note = th.reason;
if isfield(th, 'floor')
  row.floor = th.floor;
  row.floor_sde = th.floor_sde;
end
end

% ---------------------------------------------------------------------------
function [row, f, run] = run_sgd(row, fun, theta0, s, P)
% SGD through gd_run, full-data f once per epoch; the prediction of gd_sgd_cov
if ~(isstruct(fun) && any(strcmp(fun.type, {'leastsq', 'logistic'})))
  error('gdflow:gd_compare:badSpec', 'gd_compare: sgd runs need a gd_leastsq or gd_logistic problem (its rows are the examples).');
end
m = size(fun.X, 1);
B = s.batch;
if B > m
  error('gdflow:gd_compare:badSpec', 'gd_compare: batch = %d exceeds the number of examples m = %d.', B, m);
end
K = ceil(s.epochs * m / B);
if K > 1e8
  error('gdflow:gd_compare:badIters', 'gd_compare: %g epochs of %g steps: at most 1e8 SGD steps.', s.epochs, m / B);
end
[theta, info] = gd_run(fun, theta0, 'Method', 'sgd', 'StepSize', s.step, 'BatchSize', B, 'MaxIter', K, ...
                       'Schedule', s.schedule, 'Seed', s.seed, 'History', 'f');
f = info.f(:);
row.x = info.k(:) * B / m;
row.steps = K;
row.step = s.step;
row.T = K * s.step;
row.exitflag = info.exitflag;
row.theta = theta(:);
row.unit = 'epoch';
cov = [];
if strcmp(fun.type, 'leastsq') && strcmp(s.schedule, 'constant') && isfinite(P.L) && s.step < 2 / P.L && ~P.overridden
  try
    cov = gd_sgd_cov(fun, s.step, B);
  catch
    cov = [];                                  % singular A: no floor (the note says so)
  end
end
run = struct('method', 'sgd', 'step', s.step, 'momentum', NaN, 'batch', B, 'm', m, ...
             'schedule', s.schedule, 'cov', cov);
end

function row = sgd_measure(row, e, fl, run, mu)
% the rate per epoch over the transient (f - f* above 1000 floors) and the
% floor measured over the second half: mean, standard error from batch means
% each at least 10 relaxation times long (f - f* relaxes at 2*eta*mu per
% step, tau = B/(2*m*eta*mu) epochs; 2 to 10 batches, else no measurement)
x = row.x;
if isfinite(row.floor) && row.floor > 0
  last = find(~(e > 1e3 * row.floor), 1) - 1;
  if isempty(last)
    last = numel(e);
  end
  row.rate = gdf_tail_rate(x(1:last), e(1:last), fl);
  half = find(x >= x(end) / 2, 1);
  v = e(half:end);
  n = numel(v);
  tau = run.batch / (2 * run.m * run.step * mu);
  nb = min([10, floor(n / 2), floor((x(end) - x(half)) / (10 * tau))]);
  if nb >= 2
    Lb = floor(n / nb);
    mb = zeros(nb, 1);
    for b = 1:nb
      mb(b) = mean(v((b - 1) * Lb + 1:b * Lb));
    end
    row.floor_meas = mean(v);
    row.floor_se = std(mb) / sqrt(nb);
    row.within = double(abs(row.floor_meas - row.floor) <= 4 * row.floor_se);
  end
  if nb >= 2
    txt = sprintf('floor: measured %.3g +- %.2g, predicted %.3g (SDE %.3g)', row.floor_meas, ...
                  row.floor_se, row.floor, row.floor_sde);
  else
    txt = sprintf(['floor: predicted %.3g (SDE %.3g); run too short to measure it (its second half ' ...
                   'needs 20 relaxation times of %.3g epochs)'], row.floor, row.floor_sde, tau);
  end
  if isempty(row.note)
    row.note = txt;
  else
    row.note = [row.note, '; ', txt];
  end
end
end

% ---------------------------------------------------------------------------
function note = stationary_note(info)
% 'stopped at a saddle' / 'at a local maximum' when gd_run or gf_run says so
note = '';
if isfield(info, 'stationary') && ischar(info.stationary)
  if strcmp(info.stationary, 'saddle')
    note = 'stopped at a saddle, not a minimizer';
  elseif strcmp(info.stationary, 'maximum')
    note = 'stopped at a local maximum, not a minimizer';
  end
end
end

% ---------------------------------------------------------------------------
function print_table(T, P)
gap0 = sprintf(', f(theta0) - f* = %.6g', T(1).gap0);
if P.fstar == -Inf
  gap0 = '';
end
fprintf('\ngd_compare on %s: L = %.6g, mu = %.6g, f* = %.6g%s%s\n', P.desc, P.L, P.mu, P.fstar, P.fstar_note, gap0);
fprintf('%-30s %7s %9s %13s %13s %12s %12s %5s %8s  %s\n', 'run', 'steps', 'time T', 'f - f* (end)', ...
        'bound (end)', 'rate meas.', 'rate theory', 'per', 'stable?', 'note');
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
  if strcmp(r.kind, 'unbounded')
    st = '-';
  end
  unit = 'iter';
  if strcmp(r.unit, 'time')
    unit = 't';
  elseif strcmp(r.unit, 'epoch')
    unit = 'epoch';
  end
  th = num(r.theory, '%12.6f');
  if strcmp(r.kind, 'sublinear') && ~isfinite(r.theory)
    th = 'O(1/k)';
    if strcmp(r.unit, 'time')
      th = 'O(1/t)';
    end
  end
  line = sprintf('%-30s %7s %9.4g %13s %13s %12s %12s %5s %8s', r.label, steps, r.T, num(r.gap, '%13.4e'), ...
                 num(r.bound, '%13.4e'), num(r.rate, '%12.6f'), th, unit, st);
  if ~isempty(r.note)
    line = [line, '  ', r.note];             %#ok<AGROW>
  end
  fprintf('%s\n', line);
end
fprintf(['rates: per-iteration (GD) or per-unit-time (GF) factor of f - f*, measured over the\n' ...
         'second half of each run; the theory is the worst case over the spectrum (quadratics)\n' ...
         'or over all L-smooth mu-strongly convex f; a note says why a theory column is empty.\n']);
if any(strcmp({T.unit}, 'epoch'))
  fprintf(['SGD: f - f* of the full data once per epoch; rate per epoch over the transient (f - f* above\n' ...
           '1000 noise floors; theory: the mean, which obeys GD); bound = the predicted noise floor\n' ...
           'E[f - f*] of a constant step (gd_sgd_cov), beside its measurement in the note.\n']);
end
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

% Tests of gd_compare (Octave: test gd_compare; the long suites are tests/m/test_gd_compare.m, test_trust_theory.m)
%!shared prob
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);

%!test
%! % one row per run; on a quadratic the measured rate is the theory's max|1 - eta lambda|^2
%! T = gd_compare(prob, [2; 1], [0.1 0.4 0.7], 'Display', 'off');
%! assert (numel(T), 3);
%! assert (all(isfield(T, {'label', 'method', 'step', 'steps', 'gap', 'bound', 'rate', 'theory', 'stable', 'theory_stable', 'within', 'note'})));
%! lam = eig(prob.A);
%! for i = 1:2
%!   assert (T(i).theory, max(abs(1 - T(i).step * lam)) ^ 2, 1e-12);
%!   assert (T(i).rate, T(i).theory, 1e-3);
%!   assert (T(i).within, 1);
%!   assert (T(i).theory_stable, 1);
%! end
%! % 0.7 > 2/L: unstable, by measurement and by theory
%! assert (T(3).stable, false);
%! assert (T(3).theory_stable, 0);
%! assert (T(3).kind, 'unstable');

%!test
%! % the exact flow contracts f - f* at exp(-2 mu) per unit time at worst
%! T = gd_compare(prob, [2; 1], {struct('method', 'gf', 'solver', 'exact', 'T', 5)}, 'Display', 'off');
%! assert (T.unit, 'time');
%! assert (T.theory, exp(-2 * prob.mu), 1e-14);
%! assert (T.within, 1);
%! assert (T.gap <= T.bound);

%!test
%! % Display 'on' prints the table with a header naming the problem
%! out = evalc('gd_compare(prob, [2; 1], 0.4);');
%! assert (~isempty(strfind(out, 'rate theory')));
%! assert (~isempty(strfind(out, 'GD eta = 0.4')));

%!error id=gdflow:gd_compare:notEnoughInputs gd_compare(prob, [1; 1])
%!error id=gdflow:gd_compare:badStart gd_compare(prob, [1; NaN], 0.1)
%!error id=gdflow:gd_compare:unknownField gd_compare(prob, [1; 1], {struct('metod', 'gd')})
%!error id=gdflow:gd_compare:unknownOption gd_compare(prob, [1; 1], 0.1, 'MaxIterr', 3)
%!error id=gdflow:gd_compare:noLipschitz gd_compare(@(x) deal(x' * x, 2 * x), [1; 1], {'1/L'})
