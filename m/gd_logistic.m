function prob = gd_logistic(X, y, lambda)
%GD_LOGISTIC  Logistic-regression objective (mean log-loss, optional L2 term).
%   PROB = GD_LOGISTIC(X, Y) and GD_LOGISTIC(X, Y, LAMBDA) with X m-by-p
%   (include a column of ones for an intercept), labels Y in {0, 1} and
%   LAMBDA >= 0.  Y may be a column or a row, double, logical (Y == c, as
%   in one-vs-all), single or integer; X may be logical, single or integer
%   too (both are converted to double).  Other labels (1/2, -1/+1) are an
%   error (gdflow:gd_logistic:badLabels) saying which values it found.
%   The objective:
%     f(theta) = mean(log(1 + exp(X*theta)) - y.*(X*theta))
%                + lambda/(2m) * sum(theta(2:end).^2)
%   (the coursework convention: the intercept theta(1) is not penalized).
%   It is evaluated stably in C (no log(0), no overflow for large |X*theta|).
%   PROB.L is the standard bound lambda_max(X'*X)/(4m) + lambda/m; PROB.mu is
%   0 (the loss is convex, but not strongly convex along the intercept).
%   theta_star and f_star come from Newton's method, and are never guessed:
%     - a minimizer: the gradient norm reaches the rounding level of its sum
%       (about sqrt(m)*eps times the norm of |X|'*|s - y|/m), or f is flat to
%       its own rounding and a further Newton step no longer lowers the
%       gradient norm: theta_star = that point, f_star = f(theta_star);
%     - separable data without lambda (proved: at some iterate every margin
%       (2y-1).*(X*theta) is positive beyond its rounding error, so f(t*theta)
%       tends to 0): no minimizer, theta_star = [] and f_star = 0, the
%       infimum.  Likewise with lambda > 0 when the unpenalized first column
%       alone separates the labels;
%     - neither established (or m*p^2 > 2e8: not computed, too costly):
%       theta_star = [] and f_star = NaN.  This includes quasi-complete
%       separation without lambda (some margins 0, the others positive, at
%       the limit): the iterate runs off along a direction where every row
%       that sees it is saturated; no minimizer, and the infimum is not
%       established.
%   PROB.description says which case holds.  PROB.kappa is the condition
%   number of the Hessian at theta_star (NaN when theta_star is not
%   established or that Hessian is singular), PROB.scale_ratio the ratio
%   of the largest to the smallest root-mean-square of the columns of X:
%   gd_run's hint (INFO.hint) uses both.
%   gd_run evaluates f and the gradient in one pass over X, shared among
%   threads as for GD_LEASTSQ (the field PROB.threads).
%
%   Example:
%     X = [ones(6, 1), [-2; -1; -0.5; 0.5; 1; 2]];  y = [0; 0; 1; 0; 1; 1];
%     [theta, info] = gd_run(gd_logistic(X, y), [0; 0], 'MaxIter', 5000);
%     fprintf('%.4f\n', info.fval);
%
%   A sparse X stays sparse (text classification): f and the gradient take
%   one pass over its nonzeros, in C; for p > 500 PROB.L is a certified
%   upper bound and theta_star/f_star are not computed (PROB.description).
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
X = gdf_check_matrix(X, fn, 'X', true, true);
y = gdf_check_matrix(y, fn, 'y', true, true);
lambda = gdf_check_matrix(lambda, fn, 'lambda', false, true);
[m, p] = gdf_check_xy(X, y, fn);
if any(y(:) ~= 0 & y(:) ~= 1)
  bad = unique(y(y(:) ~= 0 & y(:) ~= 1));
  vals = sprintf(' %g', bad(1:min(3, numel(bad))));
  if numel(bad) > 3
    vals = [vals ' ...'];
  end
  error('gdflow:gd_logistic:badLabels', ['gd_logistic: labels y must be 0 or 1 (numeric or ' ...
        'logical), but y has the value(s)%s.  Map them to 0/1 first: y == c for the class c ' ...
        '(one-vs-all), y == 2 for labels 1/2, y > 0 for labels -1/+1.'], vals);
end
if numel(lambda) ~= 1 || lambda < 0
  error('gdflow:gd_logistic:badLambda', 'gd_logistic: lambda must be a non-negative scalar.');
end
if issparse(X)   % kept sparse end to end: m/private/gdf_sparse_problem.m
  prob = gdf_sparse_problem(fn, X, y, lambda);
  return
end
y = full(y(:));
X = full(X);
G = X' * X;
L = max(eig((G + G') / 2)) / (4 * m) + lambda / m;
mu = 0;
[theta_star, f_star, note] = newton(X, y, lambda, m, p);
prob = gdf_problem_struct('logistic', 'logistic', p, struct('X', X, 'y', y, 'lambda', lambda, ...
                                                           'colms', diag(G) / m), ...
                          L, mu, theta_star, f_star, ...
                          sprintf('logistic regression, m = %d, p = %d, lambda = %g; %s', m, p, lambda, note));
prob.kappa = hessian_kappa(X, theta_star, lambda, m, p);
end

function kappa = hessian_kappa(X, theta, lambda, m, p)
% The condition number of the Hessian X'*diag(s.*(1-s))*X/m + lambda/m*I
% (intercept unpenalized) at theta_star; NaN without theta_star or when
% that Hessian is singular to rounding.
kappa = NaN;
if isempty(theta)
  return
end
e = exp(-abs(X * theta));
H = X' * (X .* (e ./ (1 + e) .^ 2)) / m + diag(lambda / m * [0; ones(p - 1, 1)]);
ev = eig((H + H') / 2);
if min(ev) > gdf_eig_tol(ev)
  kappa = max(ev) / min(ev);
end
end

function [theta, f, note] = newton(X, y, lambda, m, p)
% Newton's method for the reference minimizer; f_star is NaN unless a
% minimizer or the infimum of separable data is established (never a guess).
theta = [];
f = NaN;
if m * p * p > 2e8
  note = 'f_star unknown: Newton''s method skipped (m*p^2 > 2e8)';
  return
end
sg = 2 * y - 1;                        % +1 / -1: the margin of row i is sg(i)*z(i)
pen = (lambda / m) * [0; ones(p - 1, 1)];
cn = sqrt(sum(X .^ 2, 1))';             % column norms: |X(:,j)|'*|r| <= cn(j)*norm(r)
cmax = max(abs(X), [], 1)';            % |X(i,:)|*|x| <= cmax'*|x| for every row
if lambda > 0
  % the first coordinate is not penalized: if the first column alone
  % separates the labels strictly, f(t*e1) -> 0 as t -> +-Inf (f > 0):
  % the infimum 0, no minimizer
  c = sg .* X(:, 1);
  if all(c > 0) || all(c < 0)
    f = 0;
    note = 'the unpenalized first column separates the labels: no minimizer, f_star = 0 is the infimum';
    return
  end
end
x = zeros(p, 1);
[fx, g, gmag, z, hw] = logfg(x, X, sg, pen, m, cn);
for it = 1:200
  % separability, proved: every margin positive beyond the rounding error
  % of z = X*x (at most about p*eps*|X(i,:)|*|x| <= p*eps*cmax'*|x|)
  if lambda == 0 && all(sg .* z > 2 * p * eps * (cmax' * abs(x)) + realmin)
    f = 0;
    note = 'separable data: no minimizer, f_star = 0 is the infimum';
    return
  end
  % the rounding level of the computed gradient: component j is a sum of
  % m terms X(i,j)*(s(i)-y(i))/m, whose rounding error is about sqrt(m)*eps
  % (a random walk of m roundings) times the sum of their magnitudes,
  % |X(:,j)|'*|s-y|/m <= cn(j)*norm(s-y)/m (gmag); 32 leaves room for the
  % BLAS's order of summation and the few ulps of each term.  For the
  % 1.5e5 x 3 random-label data this is ~1e-12, where the old absolute
  % 1e-10 was out of reach of the line search on f (stalled at 5e-9).
  gtol = 32 * sqrt(m) * eps * norm(gmag) + realmin;
  if norm(g) <= gtol
    [theta, f, note] = accept(x, fx, X, hw, lambda, m, ...
                              'theta_star from Newton''s method');
    return
  end
  H = X' * (X .* hw) / m + diag(pen);
  dx = -(H + 1e-14 * trace(H) * eye(p)) \ g;
  dec = -(g' * dx);                    % Newton decrement squared
  % the rounding level of f = mean of m non-negative losses
  ftol = 4 * sqrt(m) * eps * max(fx, realmin);
  if ~(dec > 0) || ~all(isfinite(dx))
    break
  end
  if dec / 2 <= ftol
    % f is flat to its rounding: the line search cannot judge a step.
    % Full Newton steps while they lower the gradient norm; where they no
    % longer do, the gradient is at the level the arithmetic resolves.
    [f1, g1, gmag1, z1, hw1] = logfg(x + dx, X, sg, pen, m, cn);
    if all(isfinite(g1)) && norm(g1) < 0.5 * norm(g)
      x = x + dx; fx = f1; g = g1; gmag = gmag1; z = z1; hw = hw1;
      continue
    end
    [theta, f, note] = accept(x, fx, X, hw, lambda, m, ...
                              'theta_star from Newton''s method (f flat to rounding)');
    return
  end
  t = 1;
  while t > 1e-12
    fn = logfg(x + t * dx, X, sg, pen, m, cn);
    if fn <= fx - 1e-4 * t * dec
      break
    end
    t = t / 2;
  end
  if t <= 1e-12 || ~all(isfinite(x + t * dx))
    break
  end
  x = x + t * dx;
  [fx, g, gmag, z, hw] = logfg(x, X, sg, pen, m, cn);
end
note = 'f_star unknown: Newton''s method established neither a minimizer nor separability';
end

function [theta, f, note] = accept(x, fx, X, hw, lambda, m, why)
% A Newton point with the gradient at rounding level is a minimizer unless
% the iterate ran off along a direction v on which every row that sees it
% (X(i,:)*v ~= 0) is saturated, s(1-s) < 1e-10 in the mean: quasi-complete
% separation, where f decreases to its infimum along v for ever and the
% gradient is tiny only because exp(-|z|) is.  Measured by the smallest
% eigenvalue of H0 = X'*diag(s.*(1-s))*X/m relative to G = X'*X/m on the
% range of G (a rank-deficient X, with directions no row sees, is fine).
theta = x;
f = fx;
note = why;
if lambda ~= 0
  return
end
G = X' * X / m;
G = (G + G') / 2;
[V, D] = eig(G);
ev = diag(D);
k = ev > gdf_eig_tol(ev);
W = V(:, k) ./ sqrt(ev(k))';
H0 = W' * (X' * (X .* hw) / m) * W;
if min(eig((H0 + H0') / 2)) < 1e-10
  theta = [];
  f = NaN;
  note = sprintf('f_star unknown: quasi-complete separation, no minimizer (f -> about %.6g)', fx);
end
end

function [v, g, gmag, z, hw] = logfg(t, X, sg, pen, m, cn)
% f, gradient, the magnitude of the gradient's sums, z = X*t and the
% Hessian weights s.*(1-s); each without cancellation (w = -sg.*z: loss
% softplus(w), residual s - y = -sg.*sigmoid(w), weight
% sigmoid(w)*sigmoid(-w) = e/(1+e)^2 with e = exp(-|w|))
z = X * t;
wz = -sg .* z;
e = exp(-abs(wz));
v = mean(max(wz, 0) + log1p(e)) + 0.5 * sum(pen .* t .^ 2);
if nargout > 1
  sw = e ./ (1 + e);
  sw(wz >= 0) = 1 ./ (1 + e(wz >= 0));   % sigmoid(wz)
  r = -sg .* sw;
  g = X' * r / m + pen .* t;
  gmag = cn * (norm(r) / m) + abs(pen .* t);
  hw = e ./ (1 + e) .^ 2;
end
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
