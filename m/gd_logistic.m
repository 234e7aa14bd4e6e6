function prob = gd_logistic(X, y, lambda)
%GD_LOGISTIC  Logistic-regression objective (mean log-loss, optional L2 term).
%   PROB = GD_LOGISTIC(X, Y) and GD_LOGISTIC(X, Y, LAMBDA) with X m-by-p
%   (include a column of ones for an intercept), labels Y in {0, 1} and
%   LAMBDA >= 0:
%     f(theta) = mean(log(1 + exp(X*theta)) - y.*(X*theta))
%                + lambda/(2m) * sum(theta(2:end).^2)
%   (the coursework convention: the intercept theta(1) is not penalized).
%   It is evaluated stably in C (no log(0), no overflow for large |X*theta|).
%   PROB.L is the standard bound lambda_max(X'*X)/(4m) + lambda/m; PROB.mu is
%   0 (the loss is convex, but not strongly convex along the intercept).
%   theta_star and f_star come from Newton's method when it converges to a
%   gradient norm below 1e-10 (separable data without lambda has no
%   minimizer: then theta_star = [] and f_star = 0 is the infimum).
%   gd_run evaluates f and the gradient in one pass over X, shared among
%   threads as for GD_LEASTSQ (the field PROB.threads).
%
%   Example:
%     X = [ones(6, 1), [-2; -1; -0.5; 0.5; 1; 2]];  y = [0; 0; 1; 0; 1; 1];
%     [theta, info] = gd_run(gd_logistic(X, y), [0; 0], 'MaxIter', 5000);
%     fprintf('%.4f\n', info.fval);
%
%   See also GD_RUN, GD_LEASTSQ.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fn = 'gd_logistic';
if nargin < 2
  error('gdflow:gd_logistic:notEnoughInputs', 'gd_logistic: usage: prob = gd_logistic(X, y, lambda).');
end
if nargin < 3 || isempty(lambda)
  lambda = 0;
end
gdf_check_matrix(X, fn, 'X', false);
gdf_check_matrix(y, fn, 'y', false);
gdf_check_matrix(lambda, fn, 'lambda', false);
[m, p] = size(X);
if m < 1 || p < 1
  error('gdflow:gd_logistic:badSize', 'gd_logistic: X must be non-empty.');
end
if ~isvector(y) || numel(y) ~= m
  error('gdflow:gd_logistic:badSize', 'gd_logistic: y must be a vector with one entry per row of X (%d), not %d.', m, numel(y));
end
if any(y ~= 0 & y ~= 1)
  error('gdflow:gd_logistic:badLabels', 'gd_logistic: labels y must be 0 or 1.');
end
if numel(lambda) ~= 1 || lambda < 0
  error('gdflow:gd_logistic:badLambda', 'gd_logistic: lambda must be a non-negative scalar.');
end
y = full(y(:));
X = full(X);
G = X' * X;
L = max(eig((G + G') / 2)) / (4 * m) + lambda / m;
mu = 0;
[theta_star, f_star] = newton(X, y, lambda, m, p);
prob = gdf_problem_struct('logistic', 'logistic', p, struct('X', X, 'y', y, 'lambda', lambda), ...
                          L, mu, theta_star, f_star, ...
                          sprintf('logistic regression, m = %d, p = %d, lambda = %g', m, p, lambda));
end

function [theta, f] = newton(X, y, lambda, m, p)
% Damped Newton's method for the reference minimizer (skipped when costly).
theta = [];
f = NaN;
if m * p * p > 2e8
  return
end
R = (lambda / m) * diag([0; ones(p - 1, 1)]);
x = zeros(p, 1);
fx = logobj(x, X, y, lambda, m);
for it = 1:100
  z = X * x;
  s = 1 ./ (1 + exp(-z));
  g = X' * (s - y) / m + R * x;
  if norm(g) <= 1e-10
    if lambda == 0 && all((2 * y - 1) .* z > 0)
      break   % every margin positive: separable, f -> 0 along x, no minimizer
    end
    theta = x;
    f = fx;
    return
  end
  w = s .* (1 - s);
  H = X' * (X .* w) / m + R;
  dx = -(H + 1e-14 * trace(H) * eye(p)) \ g;
  t = 1;
  while t > 1e-12
    fn = logobj(x + t * dx, X, y, lambda, m);
    if fn <= fx + 1e-4 * t * (g' * dx)
      break
    end
    t = t / 2;
  end
  x = x + t * dx;
  fx = fn;
  if any(~isfinite(x)) || norm(x) > 1e8
    break
  end
end
if lambda == 0
  f = 0;   % no minimizer found: for separable data the infimum is 0
end
end

function v = logobj(t, X, y, lambda, m)
zz = X * t;
v = mean(max(zz, 0) + log1p(exp(-abs(zz))) - y .* zz) + (lambda / (2 * m)) * sum(t(2:end) .^ 2);
end

% Tests of gd_logistic (Octave: test gd_logistic)
%!shared X, y
%! X = [ones(6, 1), [-2; -1; -0.5; 0.5; 1; 2]];
%! y = [0; 0; 1; 0; 1; 1];

%!test
%! % f is the mean log-loss plus lambda/(2m) ||theta(2:end)||^2; the gradient matches
%! lambda = 0.3;
%! p = gd_logistic(X, y, lambda);
%! t = [0.2; -0.7];
%! z = X * t;
%! [f, g] = gd_eval(p, t);
%! assert (f, mean(log(1 + exp(z)) - y .* z) + lambda / 12 * t(2) ^ 2, 1e-14);
%! assert (g, X' * (1 ./ (1 + exp(-z)) - y) / 6 + lambda / 6 * [0; t(2)], 1e-14);
%! assert (p.mu, 0);
%! assert (p.L, max(eig(X' * X)) / 24 + lambda / 6, 1e-12);

%!test
%! % theta_star is a minimizer: zero gradient there, and GD reaches f_star
%! p = gd_logistic(X, y);
%! [~, g] = gd_eval(p, p.theta_star);
%! assert (norm(g) <= 1e-10);
%! [~, info] = gd_run(p, [0; 0], 'MaxIter', 20000, 'GradTol', 1e-9);
%! assert (info.fval, p.f_star, 1e-12);

%!test
%! % separable data without lambda: no minimizer, f_star = 0 is the infimum
%! p = gd_logistic(X, [0; 0; 0; 1; 1; 1]);
%! assert (isempty(p.theta_star));
%! assert (p.f_star, 0);

%!error id=gdflow:gd_logistic:notEnoughInputs gd_logistic(X)
%!error id=gdflow:gd_logistic:badLabels gd_logistic(X, [0; 1; 2; 0; 1; 1])
%!error id=gdflow:gd_logistic:badLambda gd_logistic(X, y, -1)
%!error id=gdflow:gd_logistic:badSize gd_logistic(X, [y; 1])
