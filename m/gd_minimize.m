function [x, fval, exitflag, output, grad] = gd_minimize(fun, theta0, varargin)
%GD_MINIMIZE  Minimize like fminunc: [x, fval, exitflag, output, grad], gdflow inside.
%   X = GD_MINIMIZE(FUN, THETA0) finds a local minimizer of FUN from THETA0.
%   X = GD_MINIMIZE(FUN, THETA0, OPTIONS) takes an OPTIMSET struct (or a
%   MATLAB optimoptions object), a GD_OPTIONS struct, or name-value pairs
%   (gd_run's names: Method, StepSize, ... and GradTol, MaxIter, ...).
%   [X, FVAL, EXITFLAG, OUTPUT, GRAD] = GD_MINIMIZE(...) returns fminunc's
%   outputs, so that
%     [theta, cost] = fminunc(@(t) costFunction(t, X, y), initial_theta, options);
%   becomes the same line with GD_MINIMIZE.
%
%   FUN is a function handle returning [f, g] (gradient), or f alone (the
%   gradient is then computed by central differences, 2*d more values of f
%   per gradient; GradObj 'off' forces this), or a gdflow problem struct
%   (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC, GD_TESTFUN), evaluated in C.
%   X has the shape of THETA0.
%
%   The method (without a Method option):
%     problem struct with a Hessian (dense gd_quadratic, gd_leastsq,
%       gd_testfun; gd_logistic, whose Hessian is its Fisher information:
%       Newton's method is the natural gradient for the canonical link) and
%       d <= 2000: Newton steps (gdflow's 'natural' step with G = the
%       Hessian) with backtracking on f, so that a step cannot overshoot
%       (nearly separable data);
%     function handle with d <= 100: the same with the Hessian from central
%       differences of the gradient (symmetrized; where it is not positive
%       definite it is shifted by tau*I, tau = max(0, -lambda_min) +
%       sqrt(eps)*max(1, max|lambda|)); each Hessian costs 2*d gradients;
%     function handle with 100 < d <= 1000 (ex3's 401 unknowns, say):
%       quasi-Newton, the same steps with G a damped BFGS estimate of the
%       Hessian built from the gradients alone (first metric a scaled
%       identity; O(d^2) memory, one Cholesky factorization per iteration),
%       as fminunc's quasi-newton does; no second-order test;
%     a handle that returns f only: with d <= 10 the Hessian by central
%       differences at THETA0 (2*d*(2*d+1) values of f), then damped BFGS;
%       with 10 < d <= 1000 BFGS from a scaled identity (a gradient costs
%       2*d values of f);
%     otherwise (d > 1000, sparse quadratics, or a Method given): GD_RUN
%       with Method 'nesterov' and StepSize 'backtracking' (adaptive restart)
%       unless the options say otherwise.
%   OUTPUT.algorithm says which was used.  The line search evaluates f only;
%   a central-difference gradient is computed at the accepted point alone.
%
%   Options (fminunc's names and meanings; gdflow's names work as well)
%     MaxIter (MaxIterations)          default 400
%     MaxFunEvals (MaxFunctionEvaluations)  default 100*d; a gradient by
%                                      central differences counts 1+2d
%     TolFun (OptimalityTolerance)     stop when norm(grad, Inf) <= TolFun
%                                      (default 1e-6; fminunc's absolute
%                                      first-order optimality; MATLAB may
%                                      scale it by max(1, norm(grad f(x0),
%                                      Inf)), gdflow does not).  TolFun also
%                                      sets FunTol; on the GD_RUN path the
%                                      test is gd_run's norm(grad) (2-norm)
%     FunctionTolerance (FunTol)       stop when |f_k - f_k+1| <= FunTol*(1 + |f_k|)
%                                      (default off)
%     TolX (StepTolerance, StepTol)    stop when the step <= TolX*(1 + norm(x))
%                                      (default 1e-6)
%     Display    'off' (default, as Octave's fminunc), 'iter', 'final'
%                ('notify' and the '-detailed' forms as 'final')
%     OutputFcn  STOP = OUTFCN(x, optimValues, state), states 'init',
%                'iter', 'done'; optimValues has fminunc's iteration,
%                funccount, fval, stepsize, and on the Newton path also
%                gradient and firstorderopt (gd_run's path: gradnorm)
%     GradObj (SpecifyObjectiveGradient)  'on': FUN returns [f, g];
%                'off': central differences.  Not given: [f, g] if FUN
%                returns two outputs, else central differences
%   Other fminunc options are named in a warning gdflow:gd_minimize:ignoredOptions.
%
%   EXITFLAG (fminunc's meanings)
%      1  the gradient is small (norm(grad, Inf) <= TolFun) at a minimum
%      2  the step was small (TolX), or could not decrease f any more
%      3  the change in f was small (FunctionTolerance)
%      0  MaxIter or MaxFunEvals (or MaxTime) reached
%     -1  stopped by OutputFcn
%     -3  the objective is unbounded below (f = -Inf or below -1e20) or
%         the run diverged
%     -2  (gdflow's addition) the run stopped (on any of the tests of 1, 2
%         or 3) at a point whose Hessian has a negative eigenvalue (below
%         -1e3*eps*max|lambda|): a saddle point or a local maximum, NOT a
%         minimizer; warning gdflow:gd_minimize:saddle.  The test needs a
%         Hessian: problem structs, handles with d <= 100 (central
%         differences of the gradient) and f-only handles with d <= 10
%   OUTPUT fields: iterations, funcCount, firstorderopt (norm(grad, Inf) at
%   X), message, algorithm, stepsize (the length of the last step), and
%   info (gd_run's INFO, or the Newton run's in the same format, with
%   info.gradient 'analytic' or 'central differences').  GRAD is the
%   gradient at X, shaped like THETA0.  funcCount counts values of f (a
%   gradient by central differences 2*d of them, a Hessian of a problem
%   struct one); not counted: the one call that finds out whether FUN
%   returns a gradient, and on gd_run's path the final gradient for GRAD.
%
%   Example:
%     fg = @(t) deal((t(1) - 1)^2 + 10*(t(2) + 2)^2, [2*(t(1) - 1); 20*(t(2) + 2)]);
%     [x, fval, exitflag, output] = gd_minimize(fg, [0; 0], optimset('GradObj', 'on'));
%     fprintf('x = [%.6f; %.6f], exitflag %d, %d iterations\n', x, exitflag, output.iterations);
%
%   See also GD_RUN, GD_OPTIONS, GD_LOGISTIC, FMINUNC, OPTIMSET.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 2
  error('gdflow:gd_minimize:notEnoughInputs', ['gd_minimize: usage: [x, fval, exitflag, output, grad] = ' ...
        'gd_minimize(fun, theta0, options).']);
end
if ~(isa(fun, 'function_handle') || isstruct(fun))
  error('gdflow:gd_minimize:badProblem', ['gd_minimize: FUN must be a function handle (returning f, ' ...
        'or [f, g]) or a problem struct (gd_quadratic, gd_leastsq, gd_logistic, gd_testfun), not a %s.'], class(fun));
end
if isstruct(fun) && numel(fun) ~= 1     % its fields are read below (fun.type)
  dims = sprintf('%dx', size(fun));
  error('gdflow:gd_minimize:badProblem', 'gd_minimize: a problem struct FUN must be 1x1, not a %s struct array.', ...
        dims(1:end - 1));
end
if ~(isnumeric(theta0) && isreal(theta0) && ~isempty(theta0))
  error('gdflow:gd_minimize:badTheta0', 'gd_minimize: THETA0 must be a non-empty real numeric array.');
end
theta0 = double(theta0);
shape = size(theta0);
d = numel(theta0);
args = varargin;
gradopt = '';
if ~isempty(args) && any(cellfun('isclass', args, 'struct') | cellfun(@isobject, args))
  [args, gradopt] = gdf_optimset('gd_minimize', args, d, isstruct(fun));
end
names = fieldnames(gdf_options_mex('gd_run'));
o = gdf_parse_options('gd_minimize', cell2struct(cell(numel(names), 1), names, 1), args);
if isempty(o.MaxIter), o.MaxIter = 400; end
if isempty(o.MaxFunEvals), o.MaxFunEvals = 100 * d; end
if isempty(o.GradTol), o.GradTol = 1e-6; end
if isempty(o.StepTol), o.StepTol = 1e-6; end
if isempty(o.FunTol), o.FunTol = 0; end
if isempty(o.MaxTime), o.MaxTime = Inf; end
if isempty(o.Display), o.Display = 'off'; end
check_opts(o);
o.MaxIter = double(o.MaxIter);         % counts of any numeric class, used in arithmetic
o.MaxFunEvals = double(o.MaxFunEvals);
if isempty(o.OutputFcn)
  o.OutputFcn = [];                    % {} or '' mean none, as in gd_run
end
display = lower(o.Display);
hasH = isstruct(fun) && isfield(fun, 'type') && any(strcmp(fun.type, {'quadratic', 'leastsq', 'logistic', 'testfun'})) ...
       && ~(isfield(fun, 'A') && issparse(fun.A)) && d <= 2000;
newton = isempty(o.Method) && (hasH || (isa(fun, 'function_handle') && d <= 1000));
ws = warning('off', 'gdflow:gd_run:saddle');     % one warning, gd_minimize's
cw = onCleanup(@() warning(ws));
if newton
  [ev, gtype, algo] = newton_evaluators(fun, theta0, shape, gradopt);
  no = struct('MaxIter', o.MaxIter, 'MaxFunEvals', o.MaxFunEvals, 'GradTol', o.GradTol, ...
              'StepTol', o.StepTol, 'FunTol', o.FunTol, 'MaxTime', o.MaxTime, ...
              'OutputFcn', {o.OutputFcn}, 'Display', display, 'shape', shape);
  [xc, fval, g, info] = gdf_newton(ev, theta0(:), no);
  info.gradient = gtype;
  if isstruct(fun)
    info.L = field_or_nan(fun, 'L');
    info.mu = field_or_nan(fun, 'mu');
    info.f_star = field_or_nan(fun, 'f_star');
  else
    info.L = NaN;
    info.mu = NaN;
    info.f_star = NaN;
  end
  x = reshape(xc, shape);
  laststep = info.laststep;
  info = rmfield(info, 'laststep');
else
  ro = o;
  if isempty(ro.Method)
    ro.Method = 'nesterov';
    if isempty(ro.StepSize)
      ro.StepSize = 'backtracking';
    end
  end
  algo = sprintf('gdflow gd_run, Method ''%s'', StepSize %s', ro.Method, step_text(ro.StepSize));
  if strcmpi(ro.Method, 'nesterov') && strcmpi(step_text(ro.StepSize), '''backtracking''')
    algo = ['Nesterov''s accelerated gradient with backtracking and adaptive restart (' algo ')'];
  end
  if ~strcmp(display, 'iter')
    ro.Display = 'off';
  end
  if ~isempty(gradopt)
    ro.GradObj = gradopt;
  end
  ro = prune(ro);
  [x, info] = gd_run(fun, theta0, ro);
  fval = info.fval;
  g = [];
  if any(info.exitflag == [1 2 3]) && (hasH || (isa(fun, 'function_handle') && d <= 100))
    % the second-order test gd_run cannot make (handles; stops other than
    % GradTol): a negative eigenvalue of the Hessian at x means no minimizer
    ev = newton_evaluators(fun, theta0, shape, gradopt);
    H = ev.hess(x(:), []);
    lam = eig((H + H') / 2);
    tol = gdf_eig_tol(lam);
    if min(lam) < -tol
      info.exitflag = -3;
      if max(lam) > tol
        info.stationary = 'saddle';
      else
        info.stationary = 'maximum';
      end
      info.message = sprintf('Stopped at a %s, not a minimizer: the Hessian there has a negative eigenvalue.', ...
                             strrep(strrep(info.stationary, 'saddle', 'saddle point'), 'maximum', 'local maximum'));
    end
  end
  laststep = NaN;
  if isfield(info, 'theta') && size(info.theta, 2) >= 2
    laststep = norm(info.theta(:, end) - info.theta(:, end - 1));
  elseif isnumeric(info.stepsize) && ~isempty(info.stepsize) && info.iterations > 0
    laststep = info.stepsize(end) * info.gradnorm(max(end - 1, 1));
  end
end
map = [1 1; 2 2; 3 3; 0 0; -1 -1; -2 -3; -3 -2];
exitflag = map(map(:, 1) == info.exitflag, 2);
if isempty(g)      % gd_run's path: one more gradient, for GRAD and firstorderopt
  g = gradient_at(fun, x, gradopt, info.gradient);
end
if exitflag == -2
  warning('gdflow:gd_minimize:saddle', ['gd_minimize stopped at a %s, not a minimizer: the Hessian ' ...
          'there has a negative eigenvalue (exitflag -2).'], info.stationary);
end
lead = {'Local minimum found.', 'Local minimum possible.', 'Local minimum possible.', ...
        'Solver stopped prematurely.', 'Stopped by the output function.', ...
        'Objective unbounded below or diverged.', 'Not a minimizer.'};
msg = sprintf('%s %s', lead{find(map(:, 2) == exitflag, 1)}, info.message);
if exitflag == 1
  msg = sprintf(['Local minimum found: the gradient''s infinity norm %.3g is below ' ...
                 'OptimalityTolerance (TolFun) = %g.'], norm(g(:), Inf), o.GradTol);
  if isfield(info, 'stationary') && strcmp(info.stationary, 'unverified')
    % no Hessian was at hand (or it is singular there): a saddle is not ruled out
    msg = [msg(1:end - 1) '; the second-order condition was not checked (a saddle point is not ruled out).'];
  end
end
if any(strcmp(display, {'final', 'iter'}))
  fprintf('gd_minimize: %s\n', msg);
end
if nargout >= 4
  output.iterations = info.iterations;
  output.funcCount = info.funccount;
  output.firstorderopt = norm(g(:), Inf);
  output.message = msg;
  output.algorithm = algo;
  output.stepsize = laststep;
  output.info = info;
end
grad = reshape(g, shape);
end

function [ev, gtype, algo] = newton_evaluators(fun, theta0, shape, gradopt)
d = numel(theta0);
if isstruct(fun)
  ev.trial = @(x) gd_eval(fun, x);
  ev.ctrial = 1;
  ev.grad = @(x, f) grad_of(fun, x);
  ev.cgrad = 1;
  ev.hess = @(x, g) hess_of(fun, x);
  ev.chess = 1;
  gtype = 'analytic';
  if strcmp(fun.type, 'logistic')
    what = 'Fisher information, which is the Hessian (Newton''s method)';
  else
    what = 'Hessian (Newton''s method)';
  end
  algo = sprintf(['Newton''s method: gdflow ''natural'' steps with G = the %s, in C (gd_eval), ' ...
                  'with backtracking on f'], what);
  return
end
analytic = strcmp(gradopt, 'on');
if isempty(gradopt)
  t = theta0;
  try
    [f, g] = fun(t); %#ok<ASGLU>
    analytic = exist('g', 'var') == 1;
  catch err
    if ~gdf_f_only(err, fun, theta0)
      rethrow(err);
    end
  end
end
if analytic
  ev.trial = @(x) fg_of(fun, x, shape);
  ev.ctrial = 1;
  ev.grad = @(x, f) grad2_of(fun, x, shape);
  ev.cgrad = 1;
  gfun = @(x) grad2_of(fun, x, shape);
  ev.hess = @(x, g) fd_jac(gfun, x, eps ^ (1 / 3));
  ev.chess = 2 * d;
  gtype = 'analytic';
  if d > 100      % 2d gradients per Hessian is too many: BFGS from the gradients alone
    ev.hess = [];
    ev.chess = 0;
    ev.bfgs = true;
    algo = ['Quasi-Newton: gdflow ''natural'' steps with G = a BFGS estimate of the Hessian ' ...
            '(damped updates from the analytic gradients, first metric a scaled identity), ' ...
            'with backtracking on f; no second-order test (d > 100)'];
    return
  end
else
  if strcmp(gradopt, 'off')
    fun = gdf_f_of(fun, theta0);
  end
  f1 = @(x) f_of(fun, x, shape);
  ev.trial = @(x) deal(f1(x), []);
  ev.ctrial = 1;
  ev.grad = @(x, f) fd_grad_known(f1, x, f);
  ev.cgrad = 2 * d;
  ev.hess = @(x, g) fd_jac(@(z) fd_grad_only(f1, z), x, eps ^ (1 / 4));
  ev.chess = 2 * d * (2 * d + 1);
  ev.bfgs = true;
  gtype = 'central differences';
  algo = ['Quasi-Newton: gdflow ''natural'' steps with G = the Hessian from central differences ' ...
          'of the central-difference gradient at theta0, then damped BFGS updates (positive ' ...
          'definite), with backtracking on f'];
  if d > 10       % a Hessian by differences of differences costs 4 d^2 values of f
    ev.hess = [];
    ev.chess = 0;
    algo = ['Quasi-Newton: gdflow ''natural'' steps with G = a BFGS estimate of the Hessian ' ...
            '(damped updates from central-difference gradients, first metric a scaled ' ...
            'identity), with backtracking on f; no second-order test (d > 10)'];
  end
  return
end
algo = ['Newton''s method: gdflow ''natural'' steps with G = the Hessian from central ' ...
        'differences of the analytic gradient (shifted to positive definite where it is not), ' ...
        'with backtracking on f'];
end

function [f, g] = fg_of(fun, x, shape)
[f, g] = fun(reshape(x, shape));
check_f(f);
check_g(g, numel(x));
g = g(:);
end

function g = grad2_of(fun, x, shape)
[f, g] = fun(reshape(x, shape)); %#ok<ASGLU>
check_g(g, numel(x));
g = g(:);
end

function f = f_of(fun, x, shape)
f = fun(reshape(x, shape));
check_f(f);
end

function check_f(f)
% the handle's f: a real scalar (NaN and Inf are values: the line search rejects them)
if ~(isnumeric(f) && isscalar(f) && isreal(f))
  error('gdflow:gd_minimize:badHandleOutput', ['gd_minimize: the objective handle must return f ' ...
        'as a real scalar (got a %s %s of size %s).'], cplx(f), class(f), mat2str(size(f)));
end
end

function check_g(g, d)
% the handle's gradient: a real vector with one entry per unknown
if ~(isnumeric(g) && isreal(g) && numel(g) == d)
  error('gdflow:gd_minimize:badHandleOutput', ['gd_minimize: the objective handle must return ' ...
        '[f, g] with g a real vector of %d elements, one per entry of theta0 (got a %s %s of ' ...
        'size %s).'], d, cplx(g), class(g), mat2str(size(g)));
end
end

function s = cplx(v)
s = 'real';
if isnumeric(v) && ~isreal(v)
  s = 'complex';
end
end

function g = grad_of(fun, x)
[f, g] = gd_eval(fun, x); %#ok<ASGLU>
end

function H = hess_of(fun, x)
[f, g, H] = gd_eval(fun, x); %#ok<ASGLU>
end

function g = fd_grad_known(f1, x, f)
[f, g] = gdf_fd_grad(f1, x, f); %#ok<ASGLU>
end

function g = fd_grad_only(f1, x)
[f, g] = gdf_fd_grad(f1, x); %#ok<ASGLU>
end

function H = fd_jac(gfun, x, c)
% central differences of the gradient, column by column
d = numel(x);
H = zeros(d);
h = c * max(abs(x), 1);
for i = 1:d
  xp = x;
  xm = x;
  xp(i) = x(i) + h(i);
  xm(i) = x(i) - h(i);
  H(:, i) = (gfun(xp) - gfun(xm)) / (xp(i) - xm(i));
end
end

function g = gradient_at(fun, x, gradopt, gtype)
% the gradient at the returned point (gd_run's path, and GRAD)
if isstruct(fun)
  [f, g] = gd_eval(fun, x(:)); %#ok<ASGLU>
elseif strcmp(gtype, 'analytic')
  [f, g] = fun(x); %#ok<ASGLU>
else
  if strcmp(gradopt, 'off')
    fun = gdf_f_of(fun, x);
  end
  [f, g] = gdf_fd_grad(fun, x); %#ok<ASGLU>
end
g = g(:);
end

function v = field_or_nan(s, name)
v = NaN;
if isfield(s, name) && isnumeric(s.(name)) && isscalar(s.(name))
  v = s.(name);
end
end

function s = step_text(v)
% only for the text of output.algorithm: gd_run checks the value
if ischar(v)
  s = ['''' v(:)' ''''];
elseif isempty(v)
  s = 'default';
elseif (isnumeric(v) || islogical(v)) && ndims(v) == 2
  s = num2str(v);
else
  s = sprintf('(a %s)', class(v));
end
end

function o = prune(o)
% the options given (empty ones dropped: gd_run's defaults; an object such
% as an empty containers.Map is not "empty" to gd_run, which refuses it)
f = fieldnames(o);
for k = 1:numel(f)
  if isempty(o.(f{k})) && ~isobject(o.(f{k}))
    o = rmfield(o, f{k});
  end
end
end

function check_opts(o)
nonneg = {'GradTol', 'StepTol', 'FunTol', 'MaxTime', 'MaxIter', 'MaxFunEvals'};
for k = 1:numel(nonneg)
  v = o.(nonneg{k});
  if ~(isnumeric(v) && isscalar(v) && isreal(v) && v >= 0)
    error('gdflow:gd_minimize:badOption', 'gd_minimize: option %s must be a non-negative real scalar.', nonneg{k});
  end
  % counts: whole numbers (or Inf), the rule of gd_run's parser
  if any(strcmp(nonneg{k}, {'MaxIter', 'MaxFunEvals'})) && isfinite(double(v)) && double(v) ~= floor(double(v))
    error('gdflow:gd_minimize:badOption', 'gd_minimize: option %s must be a whole number or Inf, not %g.', ...
          nonneg{k}, double(v));
  end
end
if ~(isempty(o.Method) || (ischar(o.Method) && size(o.Method, 1) == 1))
  error('gdflow:gd_minimize:badOption', 'gd_minimize: option Method must be a string (a Method of gd_run), not a %s.', ...
        class(o.Method));
end
if ~(ischar(o.Display) && any(strcmpi(o.Display, {'off', 'iter', 'final'})))
  error('gdflow:gd_minimize:badOption', 'gd_minimize: option Display must be ''off'', ''iter'' or ''final''.');
end
if ~(isempty(o.OutputFcn) || isa(o.OutputFcn, 'function_handle'))
  error('gdflow:gd_minimize:badOption', 'gd_minimize: option OutputFcn must be a function handle.');
end
end

% Tests of gd_minimize (Octave: test gd_minimize; more in tests/m/test_cw_fminunc.m)
%!test
%! % a quadratic handle: one Newton step; fminunc's outputs
%! A = [3 1; 1 2];  b = [1; 1];
%! fg = @(t) deal(0.5 * t' * A * t - b' * t, A * t - b);
%! [x, fval, exitflag, output, grad] = gd_minimize(fg, [2; 1], optimset('GradObj', 'on'));
%! assert (x, A \ b, 1e-8);
%! assert (fval, -0.5 * b' * (A \ b), 1e-12);
%! assert (exitflag, 1);
%! assert (output.firstorderopt, norm(grad, Inf));
%! assert (output.firstorderopt <= 1e-6);
%! assert (all(isfield(output, {'iterations', 'funcCount', 'firstorderopt', 'message', 'algorithm', 'stepsize', 'info'})));
%! assert (output.info.gradient, 'analytic');
%! assert (output.iterations <= 2);

%!test
%! % the shape of theta0 is kept; f-only handles by central differences
%! f = @(T) sum(sum((T - [1 2; 3 4]) .^ 2));
%! [X, fval, exitflag, output] = gd_minimize(f, zeros(2));
%! assert (X, [1 2; 3 4], 1e-6);
%! assert (exitflag > 0);
%! assert (output.info.gradient, 'central differences');

%!test
%! % problem structs: Newton on logistic regression (the Fisher metric) and least squares
%! X = [ones(6, 1), [1; 2; 3; 4; 5; 6]];  y = [0; 0; 1; 0; 1; 1];
%! [t, f, fl, out] = gd_minimize(gd_logistic(X, y), [0; 0]);
%! [~, g] = gd_eval(gd_logistic(X, y), t);
%! assert (norm(g, Inf) <= 1e-6);
%! assert (fl, 1);
%! assert (out.iterations < 20);
%! p = gd_leastsq(X, [1; 2; 2; 4; 5; 5]);
%! [t, f, fl] = gd_minimize(p, [0; 0]);
%! assert (t, X \ [1; 2; 2; 4; 5; 5], 1e-8);

%!test
%! % a Method option: gd_run's path, exit flags mapped, gd_run's info kept
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! [x, fval, fl, out] = gd_minimize(p, [2; 1], 'Method', 'gd', 'StepSize', 0.4);
%! assert (any(fl == [1 2]));        % TolX (StepTol 1e-6) may come first, as in fminunc
%! assert (x, p.theta_star, 1e-5);
%! assert (out.info.method, 'gd');
%! assert (~isempty(strfind(out.algorithm, 'gd_run')));
%! [x, fval, fl] = gd_minimize(p, [2; 1], 'Method', 'gd', 'StepSize', 0.01, 'MaxIter', 3);
%! assert (fl, 0);

%!error id=gdflow:gd_minimize:notEnoughInputs gd_minimize(@(t) t' * t)
%!error id=gdflow:gd_minimize:badProblem gd_minimize(42, [1; 2])
%!error id=gdflow:gd_minimize:unknownOption gd_minimize(@(t) t' * t, [1; 2], 'MaxIterr', 3)
%!error id=gdflow:gd_minimize:badOption gd_minimize(@(t) t' * t, [1; 2], 'GradTol', -1)
