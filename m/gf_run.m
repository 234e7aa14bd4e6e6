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
%   GD_TESTFUN), evaluated in C, or a function handle returning [f, g].
%
%   Method
%     'rk45'      (default) Dormand-Prince 5(4), FSAL, error control in the
%                 norm of Octave's ode45, PI step-size control, 4th-order
%                 continuous extension for dense output
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
%   Other options
%     Step        fixed step h of euler, heun, rk4, implicit
%     RelTol, AbsTol   rk45 tolerances (defaults 1e-3 and 1e-6, as ode45)
%     InitialStep, MaxStep   rk45 (MaxStep defaults to |TF - T0|/10)
%     GradTol     stop early when norm(grad f) <= GradTol (a terminal event)
%     MaxSteps    limit on the number of steps;   MaxTime  seconds
%     NewtonTol, NewtonMaxIter   the implicit solve (1e-12, 50)
%
%   INFO fields: nsteps, nfailed (rejected rk45 steps), nfevals, f and
%   gradnorm (columns, at the returned times), exitflag (1 reached the end
%   of TSPAN, 2 GradTol event, 0 MaxSteps or MaxTime, -2 non-finite: stops
%   with a gdflow:diverged warning and the solution up to that point, -3 step
%   size underflow), message, method, step, time.
%
%   Example:
%     prob = gd_quadratic([3 1; 1 2], [1; 1]);
%     [t, Theta, info] = gf_run(prob, [2; 1], [0 5], 'RelTol', 1e-8, 'AbsTol', 1e-10);
%     fprintf('%d steps, theta(5) = [%.6f %.6f]\n', info.nsteps, Theta(end, :));
%
%   See also GF_EXACT, GD_RUN, GD_OPTIONS, ODE45.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 3
  error('gdflow:gf_run:notEnoughInputs', 'gf_run: usage: [t, Theta, info] = gf_run(fun, theta0, tspan, Name, Value, ...).');
end
try
  [t, Theta, info] = gf_run_mex(fun, theta0, tspan, varargin{:});
catch err
  gdf_rethrow(err);
end
end
