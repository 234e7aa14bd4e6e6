function prob = gdf_sparse_problem(fn, X, y, lambda)
%GDF_SPARSE_PROBLEM  gd_leastsq / gd_logistic with a sparse X, kept sparse.
%   PROB = GDF_SPARSE_PROBLEM('gd_leastsq', X, Y, []) and
%   GDF_SPARSE_PROBLEM('gd_logistic', X, Y, LAMBDA) (private helper of the
%   two constructors; X is sparse).  X is densified only for the
%   constructor and only when m*p <= 5e6 and p <= 500: gd_run, gf_run and
%   gd_eval evaluate f and the gradient in C from the compressed columns
%   (z = X*theta by a column scatter, then the per-row loss, then one
%   gather X(:,j)'*r per column; the bits do not depend on the number of
%   threads).  The Gram form is never used.
%   PROB.X is the sparse X (issparse(PROB.X) says the problem is sparse) and
%   PROB.description says 'X sparse' and how L, mu, theta_star and f_star
%   were obtained:
%     - m*p <= 5e6 and p <= 500: the dense constructor on full(X) gives
%       them (exactly the dense problem's numbers);
%     - p <= 500 otherwise: G = full(X'*X)/m (sparse product, p-by-p) and
%       eig(G) give L (and mu for least squares, 0 for logistic as in the dense
%       family); least squares with mu > 0 and L/mu <= 1e8: theta_star from
%       the normal equations (Cholesky) plus one step of refinement with
%       the residual of X, f_star = f(theta_star); else theta_star = [],
%       f_star = NaN;
%     - p > 500: L is a certified UPPER bound of lambda_max(X'*X)/m (never
%       an underestimate: a 1/L step must not diverge): the smallest of
%       ||X||_1*||X||_inf and the Collatz-Wielandt bounds
%       max_i (B*x)_i/x_i of B = |X|'*|X| over 5 power iterates x > 0
%       (rho(X'*X) <= rho(|X|'*|X|) <= max_i (B*x)_i/x_i for every x > 0;
%       equality in the limit for X >= 0, e.g. counts or tf-idf), times
%       1 + 2*(m+p+2)*eps for the rounding of the non-negative sums.  A
%       power-iteration LOWER estimate is given in the description.  mu is
%       0 when it is known to be (p > m, or an empty column; logistic: 0),
%       else NaN; theta_star = [] and f_star = NaN (not computed).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
logistic = strcmp(fn, 'gd_logistic');
gdf_check_matrix(X, fn, 'X', true);
if islogical(y)
  y = double(y);
end
gdf_check_matrix(y, fn, 'y', true);
if logistic
  if isempty(lambda)
    lambda = 0;
  end
  gdf_check_matrix(lambda, fn, 'lambda', false);
end
[m, p] = gdf_check_xy(X, y, fn);
y = full(y(:));
if logistic
  if any(y ~= 0 & y ~= 1)
    error('gdflow:gd_logistic:badLabels', 'gd_logistic: labels y must be 0 or 1.');
  end
  if numel(lambda) ~= 1 || lambda < 0
    error('gdflow:gd_logistic:badLambda', 'gd_logistic: lambda must be a non-negative scalar.');
  end
end
nz = nnz(X);
head = sprintf('m = %d, p = %d, X sparse (nnz = %d, kept sparse)', m, p, nz);
if m * p <= 5e6 && p <= 500
  % small: the dense family's own numbers (X densified for the constructor only)
  if logistic
    prob = gd_logistic(full(X), y, lambda);
  else
    prob = gd_leastsq(full(X), y);
  end
  prob.X = X;
  prob.description = [prob.description, sprintf('; X sparse (nnz = %d, kept sparse); L, mu, theta_star, f_star from full(X)', nz)];
  return
end
theta_star = [];
f_star = NaN;
if p <= 500
  G = full(X' * X) / m;
  G = (G + G') / 2;
  ev = eig(G);
  lmax = max(ev);
  lmin = min(ev);
  if lmin <= gdf_eig_tol(ev)
    lmin = 0;
  end
  note = 'L from eig(full(X''*X)/m)';
  if ~logistic
    mu = lmin;
    if mu > 0 && lmax / mu <= 1e8
      [R, bad] = chol(G);
    else
      bad = 1;
    end
    if ~bad
      c = full(X' * y) / m;
      theta_star = R \ (R' \ c);
      r = X * theta_star - y;
      theta_star = theta_star - R \ (R' \ (full(X' * r) / m));   % one step of refinement
      r = X * theta_star - y;
      f_star = (r' * r) / (2 * m);
      note = [note, '; theta_star from the normal equations with one step of refinement'];
    else
      note = [note, '; theta_star, f_star not computed (X''*X singular or ill-conditioned)'];
    end
  else
    mu = 0;
    note = [note, '; theta_star, f_star not computed (sparse X with m*p > 5e6)'];
  end
else
  [lmax, lo] = sparse_lmax(X, m, p);
  note = sprintf(['L from a certified upper bound of lambda_max(X''*X)/m = %.6g ' ...
                  '(a power-iteration lower estimate is %.6g)'], lmax, lo);
  colused = full(any(X, 1));
  if logistic || p > m || ~all(colused)
    mu = 0;
  else
    mu = NaN;
    note = [note, '; mu unknown (not computed)'];
  end
  note = [note, '; theta_star, f_star not computed (sparse X with p > 500)'];
end
if logistic
  L = lmax / 4 + lambda / m;
  prob = gdf_problem_struct('logistic', 'logistic', p, struct('X', X, 'y', y, 'lambda', lambda), ...
                            L, mu, theta_star, f_star, ...
                            sprintf('logistic regression, %s, lambda = %g; %s', head, lambda, note));
else
  prob = gdf_problem_struct('leastsq', 'leastsq', p, struct('X', X, 'y', y), lmax, mu, ...
                            theta_star, f_star, sprintf('least squares, %s; %s', head, note));
end
prob.convex = true;   % both families are convex, whether mu is known or not
end

function [ub, lo] = sparse_lmax(X, m, p)
% ub >= lambda_max(X'*X)/m, certified; lo <= lambda_max(X'*X)/m (Rayleigh
% quotient of a power iterate).  Every bound is of a non-negative quantity
% computed by sums of non-negative terms: its relative rounding error is at
% most (m+p)*eps to first order, covered by the factor 1 + 2*(m+p+2)*eps.
signed = nnz(X < 0) > 0;
if signed
  A = abs(X);           % one temporary copy of X
else
  A = X;
end
n1 = full(max(sum(A, 1)));          % ||X||_1 (largest column sum)
ninf = full(max(sum(A, 2)));        % ||X||_inf (largest row sum)
ub = n1 * ninf;
x = ones(p, 1);
lo = 0;
for it = 1:5
  ax = A * x;
  if ~signed
    lo = max(lo, (ax' * ax) / (x' * x));   % Rayleigh quotient of X'*X (A = X)
  end
  bx = A' * ax;
  ub = min(ub, max(bx ./ x));       % Collatz-Wielandt: x > 0
  mx = max(bx);
  if ~(mx > 0)
    break
  end
  x = max(bx / mx, 1e-12);          % stays strictly positive
end
ub = ub * (1 + 2 * (m + p + 2) * eps) / m;
if signed
  % lower estimate: Rayleigh quotients of power iterates of X'*X
  clear A
  u = x;
  for it = 1:4
    w = X * u;
    lo = max(lo, (w' * w) / (u' * u));
    u = X' * w;
    mx = max(abs(u));
    if ~(mx > 0)
      break
    end
    u = u / mx;
  end
end
lo = lo / m;
end
