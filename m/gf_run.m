function [t, Theta, info] = gf_run(fun, theta0, tspan, varargin)
%GF_RUN  Gradient flow dtheta/dt = -grad f(theta), integrated in C.
%
%   [T, THETA, INFO] = GF_RUN(FUN, THETA0, TSPAN) integrates the gradient
%   flow from THETA0 over TSPAN.  The outputs have the shape of ODE45's: T is
%   a column of times and THETA has one row per time.  With TSPAN = [T0 TF]
%   the solver's own steps are returned; with a longer, increasing TSPAN the
%   solution at exactly those times (dense output for rk45, no extra steps).
%   [T, THETA, INFO] = GF_RUN(FUN, THETA0, TSPAN, Name, Value, ...) sets
%   options (or pass a struct from GD_OPTIONS('gf_run', ...)).
%
%   FUN is a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%   GD_TESTFUN), evaluated in C, or a function handle returning [f, g]; a
%   handle that returns f alone gets its gradient by central differences
%   (GD_RUN's rule, 2*d more calls per evaluation).
%
%   Method
%     'rk45'      (default) Dormand-Prince 5(4), FSAL, error norm, starting
%                 step and step-size control of Octave's ode45 (so the same
%                 steps, and the same error, at the same RelTol/AbsTol),
%                 4th-order continuous extension for dense output
%     'euler'     forward Euler with fixed Step h: exactly GD with step h
%     'heun'      Heun's method (order 2), fixed Step
%     'rk4'       the classic Runge-Kutta method (order 4), fixed Step
%     'implicit'  backward Euler = the proximal point method, fixed Step:
%                 one Cholesky factorization of I + hA for dense quadratics,
%                 conjugate gradients for sparse ones, Newton's method (with
%                 the family's Hessian, or finite differences of the gradient
%                 for handles) otherwise; stable for any Step on convex f
%     'exact'     the closed form (dense quadratics; see GF_EXACT); with
%                 TSPAN = [T0 TF] the times T0:Step:TF (or 101 points)
%   Beyond the gradient flow (section 7 of the lecture)
%     'heavyball' theta'' + gamma theta' + grad f(theta) = 0, theta'(0) = 0
%                 (or InitialVelocity); gamma is the Damping option
%     'nesterov'  the Su-Boyd-Candes ODE theta'' + (3/t) theta' + grad f = 0,
%                 the limit of Nesterov's method; from rest at t = 0 (TSPAN
%                 must start at 0).  The 3/t term is singular at t = 0; with
%                 theta'(0) = 0 its limit gives theta''(0) = -grad f(theta0)/4,
%                 and the right-hand side uses exactly that at t = 0
%     'natural'   theta' = -G(theta)^(-1) grad f(theta), G from the Metric
%                 option (solved with by Cholesky, never inverted)
%     'langevin'  d theta = -grad f dt + sqrt(2 T) dW, T = Temperature = 1/beta,
%                 by Euler-Maruyama with a fixed Step: a sample path, at
%                 every step for TSPAN = [T0 TF], else at the TSPAN times,
%                 which must lie on the grid T0 + k*Step.  On a quadratic its
%                 stationary covariance is T*inv(A - Step*A^2/2): T*inv(A)
%                 up to an O(Step) bias
%     'sgd-sde'   the SDE model of SGD with step eta = StepSize and batch size
%                 B = BatchSize (issue 16): d theta = -grad f dt +
%                 sqrt(eta*kappa) C^(1/2) dW, kappa = 1/B (with replacement)
%                 or (m - B)/((m - 1)*B) (Sampling 'independent-batches'), C
%                 the per-example gradient covariance at theta*, held
%                 constant (for a GD_LEASTSQ problem with a dense X computed
%                 from it at PROB.theta_star, as GD_SGD_COV does; else give
%                 NoiseCov).  Euler-Maruyama as langevin, with the diffusion
%                 F = sqrt(eta*kappa) V*diag(sqrt(c)) (C = V*diag(c)*V'): the
%                 integrator's Step h is independent of eta, and time t
%                 corresponds to SGD's step k = t/eta.  With Step h = eta the
%                 path is the linearised SGD recursion with additive noise;
%                 its stationary covariance solves A*S + S*A - h*A*S*A =
%                 eta*kappa*C (GD_SGD_COV's Sigma_discrete when h = eta),
%                 Sigma_sde as h -> 0
%     heavyball and nesterov integrate the first-order system z = (theta,
%     theta') of length 2d in C with the Integrator chosen ('rk45' with its
%     error control on all of z, or 'euler', 'heun', 'rk4' with a fixed
%     Step); THETA holds theta only, INFO.velocity theta'.  natural takes
%     an Integrator too.  For all three, INFO.f and INFO.gradnorm are f and
%     the Euclidean norm(grad f) at the returned times (evaluated there).
%   Other options
%     Step        fixed step h of euler, heun, rk4, implicit, langevin (and
%                 of a fixed-step Integrator)
%     RelTol, AbsTol   rk45 tolerances (defaults 1e-3 and 1e-6, as ode45)
%     InitialStep, MaxStep   rk45 (MaxStep defaults to |TF - T0|/10)
%     GradTol     a terminal event: stop when the speed of the state is at
%                 most GradTol: norm(grad f) for the gradient flow,
%                 norm(G^(-1) grad f) for natural, norm([theta'; theta''])
%                 for heavyball and nesterov (at rest, so norm(grad f) <=
%                 (1 + gamma) GradTol, or (1 + 3/t) GradTol); not for langevin
%     MaxSteps    limit on the number of steps (default 1e6 for the fixed-
%                 step methods, 1e5 for rk45, 2e4 for rk45 on a function
%                 handle or with a Metric handle: about 6 s of callbacks).  A run stopped by the default limit warns
%                 (gdflow:gf_run:maxSteps); give MaxSteps (Inf: no limit) to
%                 allow more.  Without MaxSteps, a TSPAN that needs more
%                 steps than the default and cannot end earlier is refused
%                 before any work (gdflow:gf_run:spanTooLong, with the
%                 estimated number of steps): a fixed-step grid (TF - T0)/Step,
%                 or rk45 on a quadratic with known L but no mu > 0 (its steps
%                 are at most 3.3/L, the stability limit)
%     MaxTime     seconds
%     NewtonTol, NewtonMaxIter   the implicit solve (1e-12, 50)
%     Integrator  'rk45' (default), 'euler', 'heun' or 'rk4': the solver of
%                 heavyball, nesterov and natural (not 'implicit': its
%                 Newton solve assumes a symmetric Jacobian, and theirs is not)
%     Damping     gamma > 0 of heavyball; default 2*sqrt(mu) when the problem
%                 knows mu > 0 (critical damping of the slowest mode of a
%                 quadratic: the fastest decay, rate sqrt(mu)), else 1
%     InitialVelocity  theta'(0) of heavyball (default zeros; nesterov
%                 starts from rest)
%     Metric      natural: a d x d SPD matrix G, a handle G = metric(theta),
%                 'fisher' (GD_LOGISTIC problems: the Fisher information,
%                 their default) or 'hessian' (Newton's flow, problems with
%                 a Hessian)
%     Temperature T >= 0 of langevin (default 1); T = 0 is the euler method,
%                 bit for bit
%     StepSize, BatchSize, Sampling, NoiseCov   sgd-sde: the SGD step eta
%                 (required), the batch size B (default 1), 'with-replacement'
%                 (default) or 'independent-batches' (B distinct examples
%                 drawn afresh at each step; GD_RUN's 'without-replacement',
%                 epochs of a random permutation, is not this model: see
%                 GD_SGD_COV), and the d x d per-
%                 example gradient covariance C (positive semidefinite;
%                 default: from a GD_LEASTSQ problem).  INFO.noisecov is the C
%                 used, INFO.stepsize and INFO.batchsize eta and B
%     Seed        langevin, sgd-sde: a non-negative integer (default 0, at most
%                 2^53); the same Seed gives the same path, bit for bit.
%                 The generator is gdflow's own, in C (splitmix64 seeding,
%                 xoshiro256**, Marsaglia's polar method), not RANDN
%
%   Stationary stop (always on): a flow that has come to rest is not
%   stepped on to TF; the rest of the output (the remaining TSPAN times, or
%   one point at TF for rk45 with TSPAN = [T0 TF], or the rest of the grid
%   of a fixed-step method) holds its last state, f and norm(grad f), and
%   INFO.message says 'the flow reached a stationary point at t = ...; the
%   state is constant from there to tf'.  It applies when
%     - the right-hand side is exactly zero;
%     - a fixed-step method's step leaves theta unchanged bit for bit (its
%       later steps would too: the output is the same as without the stop);
%     - rk45 without GradTol, on a problem that knows mu > 0 (f strongly
%       convex; for heavyball and nesterov through the energy
%       f - f* + |theta'|^2/2, for natural through f): the distance to the
%       minimizer, at most norm(grad f)/mu, is below max(AbsTol, RelTol *
%       max(abs(theta))), or it no longer decreases (gradient flow and
%       heavyball: not halved within 10/rate units of time, rate = mu) as
%       rk45 hovers at its tolerance near the minimizer.  So
%       GF_RUN(prob, theta0, [0 1 1e300]) returns theta* (to the tolerance)
%       at t = 1e300 after a few hundred steps.
%   Without mu (function handles, test functions) only the first two rules
%   apply, and MaxSteps ends an endless run.  rk45 at huge times (T0 =
%   1e300) stops at once with exitflag -3: its step falls below 10*eps*|t|.
%
%   INFO fields: nsteps, nfailed (rejected rk45 steps), nfevals, f and
%   gradnorm (columns, at the returned times), exitflag (1 reached the end
%   of TSPAN, also by the stationary stop, 2 GradTol event, 0 MaxSteps or MaxTime, -2 non-finite: stops
%   with a gdflow:diverged warning and the solution up to that point, -3 step
%   size underflow; a handle that is not finite at THETA0 is an error,
%   gdflow:gf_run:nonFiniteStart), message, method, step, time, stationary
%   (after a GradTol event: 'minimum', 'unverified', or 'saddle'/'maximum' --
%   not a minimizer: exitflag stays 2, the message says so and a warning
%   gdflow:gf_run:saddle is issued; 'none' otherwise; see GD_RUN); also velocity (n x d:
%   heavyball, nesterov), integrator (heavyball, nesterov, natural), damping
%   (heavyball), temperature and seed (langevin), seed, stepsize, batchsize
%   and noisecov (sgd-sde).  nfevals counts every
%   evaluation of f, those at the returned times included.
%
%   THETA0 may be d-by-m (d > 1): m starting points, each integrated in C
%   with the same options (results equal m separate runs bit for bit;
%   langevin path j uses Seed + j - 1, so path 1 is the single run's).
%   euler, heun and rk4 on a dense quadratic with d <= 16 and TSPAN = [T0
%   TF] advance the starts together (8 at a time); otherwise one after
%   another.
%   The times must be common: fixed-step methods and 'exact' share their
%   grid; rk45 needs the output times (a TSPAN of more than two entries).
%   Then THETA is n-by-d-by-m, INFO.f and INFO.gradnorm n-by-m (column j:
%   start j), INFO.nsteps, nfailed, nfevals, exitflag and seed 1-by-m,
%   INFO.message and INFO.stationary 1-by-m cells, INFO.velocity n-by-d-by-m, INFO.time the
%   total; a start that stopped early (GradTol, divergence) is padded with
%   NaN after its last time.  A row vector THETA0 is one start.
%
%   Example:
%     prob = gd_quadratic([3 1; 1 2], [1; 1]);
%     [t, Theta, info] = gf_run(prob, [2; 1], [0 5], 'RelTol', 1e-8, 'AbsTol', 1e-10);
%     fprintf('%d steps, theta(5) = [%.6f %.6f]\n', info.nsteps, Theta(end, :));
%     [t, Theta, info] = gf_run(prob, [2; 1], [0 5], 'Method', 'nesterov', 'RelTol', 1e-8);
%     fprintf('Su-Boyd-Candes ODE: f(theta(5)) - f* = %.2e\n', info.f(end) - prob.f_star);
%
%   See also GF_EXACT, GD_RUN, GD_OPTIONS, GD_SGD_COV, ODE45.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
% The common path is one builtin call (nargout) and one MEX call that asks
% for the outputs wanted (Theta and info are built in C only when asked
% for).  Several starting points (theta0 d x m) run in that one call for
% the fixed-step methods (euler, heun, rk4); for the others the MEX refuses
% them and the starts run one call each (run_starts), after its error, as
% does the message for too few inputs.
nout = nargout;
try
  if nout < 2
    t = gf_run_mex(fun, theta0, tspan, varargin{:});
  elseif nout == 2
    [t, Theta] = gf_run_mex(fun, theta0, tspan, varargin{:});
  else
    [t, Theta, info] = gf_run_mex(fun, theta0, tspan, varargin{:});
  end
catch err
  if nargin < 3
    error('gdflow:gf_run:notEnoughInputs', 'gf_run: usage: [t, Theta, info] = gf_run(fun, theta0, tspan, Name, Value, ...).');
  end
  if isa(fun, 'function_handle') && gdf_f_only(err, fun, theta0)
    fun = @(x) gdf_fd_grad(fun, x, [], 'gf_run');   % FUN returns f only: central differences, as gd_run
    try
      [t, Theta, info] = gf_run(fun, theta0, tspan, varargin{:});
    catch err
      gdf_rethrow(err);
    end
    return
  end
  if ~(strcmp(err.identifier, 'gdflow:gf_run:badSize') && ~isempty(strfind(err.message, '(many starts)')))
    gdf_rethrow(err);      % not the MEX's refusal of d x m starts for this method
  end
  try
    [t, Theta, info] = run_starts(fun, theta0, tspan, varargin);
  catch err
    gdf_rethrow(err);
  end
end
end

function [t, Theta, info] = run_starts(fun, theta0, tspan, opts)
% m starts, one gf_run_mex call each, collected on the common time grid.
[d, m] = size(theta0);
ts = cell(1, m);
ths = cell(1, m);
infos = cell(1, m);
[ts{1}, ths{1}, infos{1}] = gf_run_mex(fun, theta0(:, 1), tspan, opts{:});
langevin = isfield(infos{1}, 'seed');
for j = 2:m
  oj = opts;
  if langevin
    oj = [opts, {'Seed', infos{1}.seed + j - 1}];
  end
  [ts{j}, ths{j}, infos{j}] = gf_run_mex(fun, theta0(:, j), tspan, oj{:});
  k = min(numel(ts{1}), numel(ts{j}));
  if ~isequal(ts{1}(1:k), ts{j}(1:k))   % at once, not after m runs
    error('gdflow:gf_run:badTspan', ['gf_run: with several starting points the output times ' ...
          'must be common: rk45 chooses its own steps for each start, so give the output ' ...
          'times (a tspan of more than two entries).']);
  end
end
len = cellfun(@numel, ts);
[n, jmax] = max(len);
t = ts{jmax};
try
  Theta = NaN(n, d, m);
catch err
  error('gdflow:gf_run:tooLarge', 'gf_run: the output Theta (%d x %d x %d) does not fit in memory: %s', ...
        n, d, m, err.message);
end
info = infos{1};
names = {'nsteps', 'nfailed', 'nfevals', 'exitflag'};
for q = 1:numel(names)
  info.(names{q}) = cellfun(@(s) s.(names{q}), infos);
end
info.message = cellfun(@(s) s.message, infos, 'UniformOutput', false);
info.stationary = cellfun(@(s) s.stationary, infos, 'UniformOutput', false);
info.time = sum(cellfun(@(s) s.time, infos));
info.f = NaN(n, m);
info.gradnorm = NaN(n, m);
if langevin
  info.seed = cellfun(@(s) s.seed, infos);
end
if isfield(info, 'velocity')
  info.velocity = NaN(n, d, m);
end
for j = 1:m
  k = len(j);
  Theta(1:k, :, j) = ths{j};
  info.f(1:k, j) = infos{j}.f;
  info.gradnorm(1:k, j) = infos{j}.gradnorm;
  if isfield(info, 'velocity')
    info.velocity(1:k, :, j) = infos{j}.velocity;
  end
end
end

% Tests of gf_run (Octave: test gf_run; the long suites are tests/m/test_gf_*.m)
%!shared prob, ts
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! ts = [3 1; 1 2] \ [1; 1];

%!test
%! % rk45 matches the closed form gf_exact at the requested times (ode45's shape)
%! tt = linspace(0, 2, 9);
%! [t, Theta, info] = gf_run(prob, [2; 1], tt, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! assert (t, tt(:), 0);
%! assert (size(Theta), [9, 2]);
%! assert (Theta, gf_exact(prob, [2; 1], tt), 1e-8);
%! assert (numel(info.f), 9);
%! assert (all(diff(info.f) <= 0));

%!test
%! % TSPAN = [T0 TF]: the solver's own steps, ending at TF, converging to theta*
%! [t, Theta] = gf_run(prob, [2; 1], [0 20], 'RelTol', 1e-8, 'AbsTol', 1e-12);
%! assert (t(1), 0);
%! assert (t(end), 20);
%! assert (all(diff(t) > 0));
%! assert (size(Theta), [numel(t), 2]);
%! assert (Theta(end, :)', ts, 1e-8);

%!test
%! % forward Euler with step h is GD with step h, bit for bit
%! [~, Te] = gf_run(prob, [2; 1], [0 1], 'Method', 'euler', 'Step', 0.1);
%! [~, gi] = gd_run(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0, 'History', 'full');
%! assert (isequal(Te', gi.theta));

%!test
%! % backward Euler is stable far past 2/L: each step contracts toward theta*
%! h = 50 * 2 / prob.L;
%! [~, Th] = gf_run(prob, [2; 1], [0 5 * h], 'Method', 'implicit', 'Step', h);
%! err = sqrt(sum((Th - ts') .^ 2, 2));
%! assert (all(diff(err) < 0));
%! assert (err(end) < 1e-6 * err(1));

%!error id=gdflow:gf_run:notEnoughInputs gf_run(prob, [1; 1])
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [1 1])
%!error id=gdflow:gf_run:dimMismatch gf_run(prob, [1; 1; 1], [0 1])
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'foo')
%!error id=gdflow:gf_run:noStep gf_run(prob, [1; 1], [0 1], 'Method', 'euler')
