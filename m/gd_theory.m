function th = gd_theory(fun, method, step, theta0, n, momentum)
%GD_THEORY  Theoretical rate, bound and stability of a GD or GF method on a problem.
%   TH = GD_THEORY(FUN, METHOD, STEP) is what the theory of the lecture says
%   about running METHOD with step STEP on the problem FUN: the contraction
%   rate of f - f*, the kind of convergence and the stability verdict, each
%   only when the hypotheses of its theorem hold (otherwise NaN, and
%   TH.reason says which hypothesis fails).
%   TH = GD_THEORY(FUN, METHOD, STEP, THETA0, N) also gives the bound on
%   f - f* after N(i) steps (or at the times N(i), for 'flow') from THETA0.
%   TH = GD_THEORY(FUN, METHOD, STEP, THETA0, N, MOMENTUM) gives the
%   momentum beta of 'heavyball' and 'nesterov' (a number, or 'schedule').
%
%   FUN     a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%           GD_TESTFUN); its L, mu, f_star and theta_star are used.  A
%           function handle knows none of them: every answer is NaN.
%   METHOD  'gd', 'heavyball', 'nesterov', 'proximal', 'natural' (the
%           methods of GD_RUN), 'flow' (the exact gradient flow), or a
%           fixed-step solver of GF_RUN: 'euler', 'heun', 'rk4', 'implicit'
%   STEP    the step eta (or h) as a number, NaN for none (backtracking, or
%           the flow).  Step rules such as '1/L' are GD_RUN's: give the
%           step it used (INFO.stepsize).
%   THETA0  the start (a d-vector; [] for none): the bound needs
%           f(THETA0) - f* and, for some theorems, norm(THETA0 - theta*)
%   N       the numbers of steps k (or times t for 'flow') at which to
%           evaluate the bound; [] for none
%
%   TH is a struct with the fields
%     rate    the contraction factor of f - f* per iteration (gd, heavyball,
%             nesterov, proximal) or per unit time (flow, euler, heun, rk4,
%             implicit); a growth factor > 1 when unstable; NaN: no rate
%     unit    'iter' or 'time'
%     bound   the bound on f - f* at each N (the shape of N; NaN where no
%             theorem applies)
%     kind    'linear', 'sublinear', 'unstable', 'unbounded', 'nonconvex'
%             or 'unknown'
%     stable  the theory's verdict: 1 stable, 0 unstable, NaN no verdict
%             (for 'gd' and 'euler': STEP < 2/L)
%     reason  '' when the formulas apply, else a short reason
%     label   a legend text for the bound (TeX)
%
%   The theorems, with their hypotheses and references, are those of
%   GD_COMPARE's theory columns and GD_PLOT's bounds (one module): on
%   quadratics (and least squares) the exact worst case over the spectrum,
%   e.g. max|1 - eta*lambda|^2 for GD; on other L-smooth mu-strongly convex
%   f the descent-lemma and contraction bounds; mu = 0 the O(1/k) bounds;
%   the flow exp(-2*mu*t) or R^2/(2t).
%
%   Bad input raises errors with identifiers gdflow:gd_theory:<what>
%   (notEnoughInputs, badProblem, badMethod, badStep, badStart, badPoints,
%   badMomentum).
%
%   Example:
%     prob = gd_quadratic([3 1; 1 2], [1; 1]);
%     th = gd_theory(prob, 'gd', 0.4, [2; 1], 0:5);
%     fprintf('rate %.6f (%s), stable %d, bound after 5 steps %.3g\n', ...
%             th.rate, th.kind, th.stable, th.bound(end));
%     th = gd_theory(prob, 'gd', 0.7);
%     disp(th.reason)
%
%   See also GD_COMPARE, GD_PLOT, GD_RUN, GF_RUN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%   The formulas are in private/gdf_theory.m (with gd_compare and gd_plot).
if nargin < 3
  error('gdflow:gd_theory:notEnoughInputs', ...
        'gd_theory: usage: th = gd_theory(fun, method, step, theta0, n, momentum).');
end
if nargin < 4
  theta0 = [];
end
if nargin < 5
  n = [];
end
if nargin < 6
  momentum = NaN;
end
if ~(isstruct(fun) && numel(fun) == 1 && all(isfield(fun, {'type', 'd', 'L', 'mu', 'f_star', 'theta_star'}))) && ...
   ~isa(fun, 'function_handle')
  error('gdflow:gd_theory:badProblem', ...
        'gd_theory: FUN must be a problem struct (gd_quadratic, gd_leastsq, gd_logistic, gd_testfun) or a function handle.');
end
methods = {'gd', 'heavyball', 'nesterov', 'proximal', 'natural', 'flow', 'euler', 'heun', 'rk4', 'implicit'};
if ~(ischar(method) && size(method, 1) == 1 && any(strcmpi(method, methods)))
  error('gdflow:gd_theory:badMethod', 'gd_theory: METHOD must be one of %s.', strjoin(methods, ', '));
end
method = lower(method);
if isempty(step)
  step = NaN;
end
if ~(isnumeric(step) && isreal(step) && isscalar(step) && (isnan(step) || (step > 0 && isfinite(step))))
  error('gdflow:gd_theory:badStep', ['gd_theory: STEP must be a positive finite number or NaN (none); ' ...
        'for a step rule such as ''1/L'' give the step gd_run used (info.stepsize).']);
end
if ~isempty(theta0) && ~(isnumeric(theta0) && isreal(theta0) && isvector(theta0) && all(isfinite(theta0)))
  error('gdflow:gd_theory:badStart', 'gd_theory: THETA0 must be a finite real vector, or [].');
end
if ~(isnumeric(n) && isreal(n) && (isempty(n) || isvector(n)) && all(n(:) >= 0) && all(~isnan(n(:))))
  error('gdflow:gd_theory:badPoints', 'gd_theory: N must be a vector of non-negative numbers (steps k or times t), or [].');
end
if ~((isnumeric(momentum) && isreal(momentum) && isscalar(momentum) && (isnan(momentum) || ...
      (momentum >= 0 && momentum < 1))) || (ischar(momentum) && strcmpi(momentum, 'schedule')))
  error('gdflow:gd_theory:badMomentum', 'gd_theory: MOMENTUM must be a number in [0, 1), ''schedule'' or NaN (none).');
end

P = gdf_theory_problem(fun, [], [], []);
P.R2 = NaN;
P.e0 = NaN;
if ~isempty(theta0)
  theta0 = double(theta0(:));
  if isstruct(fun) && numel(theta0) ~= fun.d
    error('gdflow:gd_theory:badStart', 'gd_theory: THETA0 must have %d entries (the dimension of FUN), not %d.', ...
          fun.d, numel(theta0));
  end
  if ~isempty(P.theta_star) && numel(P.theta_star) == numel(theta0)
    P.R2 = sum((theta0 - P.theta_star) .^ 2);
  end
  if isfinite(P.fstar)
    P.e0 = gd_eval(fun, theta0) - P.fstar;
  end
end
th = gdf_theory(P, struct('method', method, 'step', double(step), 'momentum', momentum), double(n));
th.bound = reshape(th.bound, size(n));
end

% Tests of gd_theory (Octave: test gd_theory; the module's long suite is tests/m/test_trust_theory.m)
%!shared prob
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);

%!test
%! % GD on a quadratic: rate max|1 - eta lambda|^2, bound rate^k (f0 - f*), stable for eta < 2/L
%! eta = 0.4;
%! th = gd_theory(prob, 'gd', eta, [2; 1], 0:5);
%! q = max(abs(1 - eta * eig(prob.A))) ^ 2;
%! assert (th.rate, q, 1e-14);
%! assert (th.unit, 'iter');
%! assert (th.kind, 'linear');
%! assert (th.stable, 1);
%! assert (th.reason, '');
%! e0 = gd_eval(prob, [2; 1]) - prob.f_star;
%! assert (th.bound, e0 * q .^ (0:5), 1e-14 * e0);
%! % and GD itself stays within it
%! [~, info] = gd_run(prob, [2; 1], 'StepSize', eta, 'MaxIter', 5, 'GradTol', 0);
%! assert (all(info.f - prob.f_star <= th.bound * (1 + 1e-12)));

%!test
%! % past 2/L: unstable, growth (eta L - 1)^2 per step, no bound
%! th = gd_theory(prob, 'gd', 2.05 / prob.L, [2; 1], 0:3);
%! assert (th.stable, 0);
%! assert (th.kind, 'unstable');
%! assert (th.rate, 1.05 ^ 2, 1e-12);
%! assert (all(isnan(th.bound)));
%! assert (~isempty(strfind(th.reason, '2/L')));

%!test
%! % the flow: exp(-2 mu) per unit time; backward Euler stable at any step
%! th = gd_theory(prob, 'flow', NaN, [2; 1], [0 1 2]);
%! assert (th.unit, 'time');
%! assert (th.rate, exp(-2 * prob.mu), 1e-15);
%! e0 = gd_eval(prob, [2; 1]) - prob.f_star;
%! assert (th.bound, e0 * exp(-2 * prob.mu * [0 1 2]), 1e-14 * e0);
%! th = gd_theory(prob, 'implicit', 100);
%! assert (th.stable, 1);
%! assert (th.rate ^ 100, (1 / (1 + 100 * prob.mu)) ^ 2, 1e-12);

%!test
%! % the answers gd_compare prints are this function's
%! T = gd_compare(prob, [2; 1], [0.1 0.7], 'Display', 'off');
%! for i = 1:2
%!   th = gd_theory(prob, 'gd', T(i).step, [2; 1], T(i).x);
%!   assert (th.rate, T(i).theory, 0);
%!   assert (th.stable, T(i).theory_stable);
%!   assert (th.bound(:), T(i).bound_curve(:), 0);
%! end

%!test
%! % hypotheses that fail give NaN and a reason: no L (a handle, Rosenbrock), unbounded below
%! th = gd_theory(@(t) deal(t' * t, 2 * t), 'gd', 0.1);
%! assert (isnan(th.rate) && isnan(th.stable));
%! assert (th.reason, 'L unknown');
%! th = gd_theory(gd_testfun('rosenbrock'), 'gd', 1e-3, [-1.2; 1], 0:2);
%! assert (isnan(th.rate) && all(isnan(th.bound)));
%! assert (th.reason, 'L unknown');
%! th = gd_theory(gd_quadratic([1 0; 0 -1]), 'gd', 0.1);
%! assert (th.kind, 'unbounded');
%! th = gd_theory(gd_quadratic([1 0; 0 0], [0; 1]), 'flow', NaN);
%! assert (th.kind, 'unbounded');

%!test
%! % heavy ball at its optimal parameters: f rate ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2
%! p = gd_testfun('ellipse', 100);
%! [~, info] = gd_run(p, [1; 1], 'Method', 'heavyball', 'MaxIter', 1);
%! th = gd_theory(p, 'heavyball', info.stepsize, [], [], info.momentum);
%! assert (th.rate, ((10 - 1) / (10 + 1)) ^ 2, 1e-6);
%! assert (th.stable, 1);

%!error id=gdflow:gd_theory:notEnoughInputs gd_theory(prob, 'gd')
%!error id=gdflow:gd_theory:badProblem gd_theory(42, 'gd', 0.1)
%!error id=gdflow:gd_theory:badMethod gd_theory(prob, 'newton', 0.1)
%!error id=gdflow:gd_theory:badStep gd_theory(prob, 'gd', '1/L')
%!error id=gdflow:gd_theory:badStep gd_theory(prob, 'gd', -1)
%!error id=gdflow:gd_theory:badStart gd_theory(prob, 'gd', 0.1, [1; 2; 3], 1)
%!error id=gdflow:gd_theory:badPoints gd_theory(prob, 'gd', 0.1, [1; 2], -1)
%!error id=gdflow:gd_theory:badMomentum gd_theory(prob, 'heavyball', 0.1, [], [], 1)
