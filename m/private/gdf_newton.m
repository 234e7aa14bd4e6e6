function [x, f, g, info] = gdf_newton(ev, x0, o)
%GDF_NEWTON  Safeguarded Newton's method with backtracking: gd_minimize's Newton path.
%   [X, F, G, INFO] = GDF_NEWTON(EV, X0, O) minimizes from X0 (a column).
%   EV holds handles and costs:
%     EV.trial(x) -> [f, g]  f at a trial point and its gradient, or g = []
%                            when the gradient costs extra (EV.grad gives it)
%     EV.grad(x, f) -> g     the gradient at an accepted point
%     EV.hess(x, g) -> H     the Hessian (symmetrized here)
%     EV.ctrial, EV.cgrad, EV.chess   evaluations of f each costs
%     EV.bfgs (optional) true: EV.hess only at the first iteration (and for
%                            the final second-order test), then damped BFGS
%                            updates (Powell), for gradients by differences
%     EV.hess = [] (with EV.bfgs): no Hessian at all (large d): the first
%                            metric is norm(g)*I (a unit first step), rescaled
%                            to (y'y)/(s'y)*I before the first update
%                            (Nocedal & Wright, 6.20); no second-order test
%                            (a stop at GradTol is 'unverified')
%   O: MaxIter, MaxFunEvals, GradTol (on norm(g, Inf)), StepTol, FunTol
%   (0 = off), MaxTime, OutputFcn (handle or []), Display ('off', 'iter'),
%   shape (size of theta0, for OutputFcn).
%
%   Each iteration: H = (H + H')/2; where chol fails, H + tau*I with tau =
%   max(0, -lambda_min) + sqrt(eps)*max(1, max|lambda|) (positive definite);
%   p = -H\g; Armijo backtracking on f alone, f(x + t p) <= f + 1e-4 t g'p,
%   t = 1, 1/2, ... (where f's change is lost in rounding, |f(x+tp) - f| <=
%   16 eps |f|, the trapezoid rule on the gradients decides, as in gd_run).
%   The gradient is computed only at the accepted point.  Stops, in gd_run's
%   exit flags: 1 norm(g, Inf) <= GradTol, 2 step <= StepTol*(1 + norm(x)) or the step fell
%   below rounding, 3 |f_k - f_k+1| <= FunTol*(1 + |f_k|), 0 MaxIter,
%   MaxFunEvals or MaxTime, -1 OutputFcn, -2 f not finite or below -1e20
%   (unbounded below).  After a stop 1, 2 or 3 the Hessian at X is checked:
%   a negative eigenvalue below -1e3*eps*max|lambda| means X is no minimizer
%   (the second-order condition): exit flag -3, stationary 'saddle' or
%   'maximum'.  INFO has gd_run's fields.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
t0 = tic;
x = x0(:);
d = numel(x);
[f, g] = ev.trial(x);
nfev = ev.ctrial;
if isempty(g)
  g = ev.grad(x, f);
  nfev = nfev + ev.cgrad;
end
g = g(:);
if ~(isfinite(f) && all(isfinite(g)))
  error('gdflow:gd_minimize:nonFiniteStart', ['gd_minimize: f(theta0) = %g and ||grad f(theta0)|| = %g: ' ...
        'the objective must be finite at the starting point.'], f, norm(g));
end
% the histories grow past 1000 entries (MaxIter may be Inf or 1e20)
nh = min(o.MaxIter, 1000);
fh = zeros(1, nh + 1);
gh = zeros(1, nh + 1);
eh = zeros(1, nh);
fh(1) = f;
gh(1) = norm(g);
k = 0;
flag = NaN;
why = '';
stationary = 'none';
shifted = 0;
step = NaN;
bfgs = isfield(ev, 'bfgs') && ev.bfgs;
H = [];
outf = o.OutputFcn;
if strcmp(o.Display, 'iter')
  fprintf('\n Iteration  Func-count        f(x)       Step-size   ||grad f||_inf\n');
  fprintf(' %9d  %10d  %14.6g  %14s  %14.4g\n', 0, nfev, f, '', norm(g, Inf));
end
if ~isempty(outf)
  if call_out(outf, x0, o.shape, 0, nfev, f, g, NaN, 'init') || call_out(outf, x0, o.shape, 0, nfev, f, g, NaN, 'iter')
    flag = -1;
    why = 'Stopped by OutputFcn.';
  end
end
while isnan(flag)
  if norm(g, Inf) <= o.GradTol
    flag = 1;
    why = 'gradient';
    break
  end
  if k >= o.MaxIter
    flag = 0;
    why = 'Stopped: MaxIter iterations reached.';
    break
  end
  if nfev >= o.MaxFunEvals
    flag = 0;
    why = 'Stopped: MaxFunEvals function evaluations reached.';
    break
  end
  if toc(t0) > o.MaxTime
    flag = 0;
    why = 'Stopped: MaxTime exceeded.';
    break
  end
  if (k == 0 || ~bfgs) && ~isempty(ev.hess)
    H = ev.hess(x, g);
    nfev = nfev + ev.chess;
  elseif k == 0
    H = norm(g) * eye(d);     % no Hessian: a first step of unit length
  else
    % damped BFGS update (Powell): the Hessian costs O(d^2) values of f
    % when the gradient itself is by differences
    yv = g - gprev;
    if k == 1 && isempty(ev.hess) && sv' * yv > 0
      H = ((yv' * yv) / (sv' * yv)) * eye(d);   % the curvature seen along the first step
    end
    Hs = H * sv;
    sHs = sv' * Hs;
    sy = sv' * yv;
    if sHs > 0
      th = 1;
      if sy < 0.2 * sHs
        th = 0.8 * sHs / (sHs - sy);
      end
      r = th * yv + (1 - th) * Hs;
      H = H - (Hs * Hs') / sHs + (r * r') / (sv' * r);
    end
  end
  H = (H + H') / 2;
  [R, bad] = chol(H);
  if bad || ~all(isfinite(H(:)))
    lam = eig(H);
    if ~all(isfinite(lam))
      flag = -2;
      why = 'Diverged: the Hessian became non-finite.';
      break
    end
    tau = max(0, -min(lam)) + sqrt(eps) * max(1, max(abs(lam)));
    H = H + tau * eye(d);     % (BFGS goes on from the positive definite matrix)
    R = chol(H);
    shifted = shifted + 1;
  end
  p = -(R \ (R' \ g));
  slope = g' * p;
  tstep = 1;
  ok = false;
  rounded = false;
  band = 16 * eps * abs(f);
  for tries = 1:60
    xt = x + tstep * p;
    if norm(xt - x, Inf) <= eps * max(norm(x, Inf), realmin)
      rounded = true;
      break
    end
    [ft, gt] = ev.trial(xt);
    nfev = nfev + ev.ctrial;
    if ft == -Inf
      x = xt;
      f = ft;
      flag = -2;
      why = 'Diverged: f = -Inf: the problem is unbounded below.';
      break
    end
    if isfinite(ft)
      if abs(ft - f) > band
        ok = ft <= f + 1e-4 * tstep * slope;
      else
        if isempty(gt)
          gt = ev.grad(xt, ft);
          nfev = nfev + ev.cgrad;
        end
        ok = all(isfinite(gt)) && (xt - x)' * (g + gt(:)) / 2 <= 1e-4 * tstep * slope;
      end
    end
    if ok
      break
    end
    tstep = tstep / 2;
  end
  if ~isnan(flag)
    break
  end
  if ~ok
    flag = 2;
    if rounded
      why = ['Stopped: the step fell below rounding level (it no longer changes theta): the ' ...
             'gradient may be wrong, or theta is optimal to working precision.'];
    else
      why = 'Stopped: backtracking found no step that decreases f.';
    end
    break
  end
  if isempty(gt)
    gt = ev.grad(xt, ft);
    nfev = nfev + ev.cgrad;
  end
  step = norm(xt - x);
  sv = xt - x;
  gprev = g;
  xn0 = norm(x);
  fold = f;
  x = xt;
  f = ft;
  g = gt(:);
  k = k + 1;
  fh(k + 1) = f;
  gh(k + 1) = norm(g);
  eh(k) = tstep;
  if strcmp(o.Display, 'iter')
    fprintf(' %9d  %10d  %14.6g  %14.6g  %14.4g\n', k, nfev, f, tstep, norm(g, Inf));
  end
  if ~all(isfinite(g))
    flag = -2;
    why = 'Diverged: f or its gradient became non-finite.';
    break
  end
  if f < -1e20
    flag = -2;
    why = 'Diverged: f fell below -1e20 (ObjectiveLimit): the problem is probably unbounded below.';
    break
  end
  if ~isempty(outf) && call_out(outf, x, o.shape, k, nfev, f, g, tstep, 'iter')
    flag = -1;
    why = 'Stopped by OutputFcn.';
    break
  end
  if o.StepTol > 0 && step <= o.StepTol * (1 + xn0)
    flag = 2;
    why = 'Stopped: step below StepTol.';
    break
  end
  if o.FunTol > 0 && abs(fold - f) <= o.FunTol * (1 + abs(fold))
    flag = 3;
    why = 'Stopped: change in f below FunTol.';
    break
  end
end
if any(flag == [1 2 3]) && isempty(ev.hess)
  if flag == 1
    stationary = 'unverified';      % no Hessian: the second-order test cannot be made
    why = 'Converged: gradient norm below GradTol.';
  end
elseif any(flag == [1 2 3])
  % a minimum only if the Hessian there has no negative eigenvalue (the
  % second-order necessary condition), whatever test stopped the run
  H = ev.hess(x, g);
  lam = eig((H + H') / 2);
  nfev = nfev + ev.chess;
  tol = gdf_eig_tol(lam);
  if min(lam) < -tol && max(lam) > tol
    flag = -3;
    stationary = 'saddle';
    why = 'Stopped at a saddle point, not a minimizer: the Hessian there has a negative eigenvalue.';
  elseif min(lam) < -tol
    flag = -3;
    stationary = 'maximum';
    why = 'Stopped at a local maximum, not a minimizer: the Hessian there is negative definite.';
  elseif flag == 1
    stationary = 'minimum';
    if min(lam) <= tol
      stationary = 'unverified';
    end
    why = 'Converged: gradient norm below GradTol.';
  end
end
if ~isempty(outf)
  call_out(outf, x, o.shape, k, nfev, f, g, NaN, 'done');
end
info.iterations = k;
info.exitflag = flag;
info.message = why;
info.stationary = stationary;
info.fval = f;
info.f = fh(1:k + 1);
info.gradnorm = gh(1:k + 1);
info.theta = [];
info.stepsize = eh(1:k);
info.steprule = 'backtracking';
info.method = 'natural';
info.momentum = [];
info.funccount = nfev;
info.time = toc(t0);
info.shifted = shifted;
info.laststep = step;
end

function stop = call_out(outf, x, shape, k, nfev, f, g, t, state)
% fminunc's optimValues (and gd_run's gradnorm); x shaped like theta0
x = reshape(x, shape);
ov.iteration = k;
ov.funccount = nfev;
ov.fval = f;
ov.gradient = g;
ov.firstorderopt = norm(g, Inf);
ov.gradnorm = norm(g);
ov.stepsize = t;
stop = outf(x, ov, state);
stop = ~isempty(stop) && stop(1);
end
