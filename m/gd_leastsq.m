function prob = gd_leastsq(X, y)
%GD_LEASTSQ  Least-squares objective f = 1/(2m)*norm(X*theta - y)^2.
%   PROB = GD_LEASTSQ(X, Y) with X an m-by-p design matrix (include a column
%   of ones for an intercept) and Y an m-vector (a column or a row; X and Y
%   may be logical, single or integer: they are converted to double).  This
%   is the convention of the classic machine-learning coursework: J(theta) =
%   1/(2m) sum((X*theta - y).^2), gradient X'*(X*theta - y)/m.  PROB records
%   p as d, L and mu (the extreme eigenvalues of X'*X/m, LAPACK via eig),
%   theta_star (the minimum-norm least-squares solution), f_star, kappa =
%   L/mu (NaN when mu = 0) and scale_ratio (the largest over the smallest
%   root-mean-square of X's columns; both make gd_run's MaxIter hint,
%   INFO.hint).  gd_run evaluates it in C in one pass over X per iteration.
%
%   The constructor forms X'*X/m once, in C (the same blocked level-3 BLAS
%   routine as the Gram form below), and derives L and mu (LAPACK dsyevd)
%   and theta_star (Cholesky with iterative refinement, as accurate as X\y;
%   X\y itself when eig(X'*X/m) has min/max < 1e-8, pinv(X)*y when X is
%   rank deficient) from it; f_star comes from one exact pass over X.
%   PROB.G holds that X'*X/m, PROB.Ganchor the values of the constructor's
%   last exact pass over X (a first anchor for the Gram form), and PROB.Gkey
%   a fingerprint of X, y, G and Ganchor: gd_run, gf_run and gd_eval use G
%   and the anchor instead of forming them again when the fingerprint
%   matches, so a run of the Gram form need not pass over X at all.  If you
%   edit PROB.X, PROB.y, PROB.G or PROB.Ganchor afterwards, the fingerprint
%   no longer matches and the run forms its own G (as it does when G is
%   missing, [] or of the wrong size), with the same numbers as before this
%   cache existed; the check shares the pass over X that checks X for NaN
%   and Inf, so it costs nothing extra.  PROB.G and Gkey are [] when
%   p > 4096 (no Gram form).
%
%   Long data (m >= 4p): after a few evaluations gd_run, gf_run and gd_eval
%   form X'*X/m once (level-3 BLAS) and evaluate f and the gradient from it
%   in O(p^2), expanded around an anchor point evaluated exactly, so f does
%   not suffer the cancellation of 1/2*theta'*G*theta - c'*theta + y'*y/(2m);
%   a rounding-error bound is checked at every evaluation and the anchor is
%   renewed by an exact pass over X when needed.  f and the gradient are
%   within 1e-10 relative, or 4 times the one-pass evaluation's own
%   worst-case rounding bound, of their exact values.  The field PROB.gram
%   = 'auto' (default), 'on' (from the first evaluation) or 'off' (always
%   one pass over X) overrides the choice.
%
%   Threads: gdflow built with OpenMP (the Makefile's default when the
%   compiler has it) shares the pass over X among OMP_NUM_THREADS threads
%   (all cores by default; one thread when X has fewer than 2^20 = 1048576
%   entries, where handing half a pass to a second thread costs more than
%   it saves).  The field PROB.threads = k uses at most k threads (0 or []:
%   automatic).  The numbers do not depend on the number of threads.
%
%   Example:
%     X = [ones(5, 1), (1:5)'];  y = [1.1; 1.9; 3.2; 3.9; 5.1];
%     [theta, info] = gd_run(gd_leastsq(X, y), [0; 0], 'StepSize', 0.1, 'MaxIter', 2000);
%     disp(theta')
%
%   A sparse X stays sparse: f and the gradient take one pass over its
%   nonzeros (CSC, in C), never the Gram form; L, mu, theta_star and f_star
%   are computed exactly for p <= 500, and for larger p L is a certified
%   upper bound of lambda_max(X'*X)/m (theta_star [] and f_star NaN);
%   PROB.description says which.
%
%   See also GD_RUN, GD_LOGISTIC, GD_QUADRATIC.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fn = 'gd_leastsq';
if nargin < 2
  error('gdflow:gd_leastsq:notEnoughInputs', 'gd_leastsq: usage: prob = gd_leastsq(X, y).');
end
X = gdf_check_matrix(X, fn, 'X', true, true);   % logical/integer/single -> double
y = gdf_check_matrix(y, fn, 'y', true, true);
if issparse(X)   % kept sparse end to end: m/private/gdf_sparse_problem.m
  prob = gdf_sparse_problem(fn, X, y, []);
  return
end
[m, p] = gdf_check_xy(X, y, fn);
y = full(y(:));
X = full(X);
% X'X/m formed once, in C (the blocked dsyrk of the Gram form), its
% spectrum, and theta_star by Cholesky with iterative refinement; G and
% the fingerprint key of X and y go into the struct, so that gd_run, gf_run
% and gd_eval do not form G again
[G, ev, theta_star, f_star, ~, solved, key, anchor] = gdf_leastsq_mex(X, y);
L = max(ev);
mu = max(min(ev), 0);
if min(ev) <= gdf_eig_tol(ev)
  mu = 0;
  theta_star = pinv(X) * y;       % minimum-norm solution (rank deficient X)
  solved = false;
elseif ~solved
  theta_star = X \ y;             % too ill-conditioned for the normal equations: QR
end
if ~solved
  r = X * theta_star - y;
  f_star = (r' * r) / (2 * m);
end
prob = gdf_problem_struct('leastsq', 'leastsq', p, ...
                          struct('X', X, 'y', y, 'G', G, 'Gkey', key, 'Ganchor', anchor), L, mu, ...
                          theta_star, f_star, sprintf('least squares, m = %d, p = %d', m, p));
end

% Tests of gd_leastsq (Octave: test gd_leastsq)
%!shared X, y
%! X = [ones(6, 1), (1:6)', [2; -1; 0; 3; 1; -2]];
%! y = [1.1; 1.9; 3.2; 3.9; 5.1; 5.8];

%!test
%! % theta_star = X\y, f_star = 1/(2m)||X theta* - y||^2, L and mu from X'X/m
%! p = gd_leastsq(X, y);
%! m = size(X, 1);
%! assert (p.d, 3);
%! assert (p.theta_star, X \ y, 1e-12);
%! assert (p.f_star, norm(X * (X \ y) - y) ^ 2 / (2 * m), 1e-14);
%! e = eig(X' * X / m);
%! assert (p.L, max(e), 1e-12 * max(e));
%! assert (p.mu, min(e), 1e-12 * max(e));

%!test
%! % f and the gradient are the coursework's J and X'(X theta - y)/m; GD reaches X\y
%! p = gd_leastsq(X, y);
%! t = [0.1; 0.2; -0.3];
%! [f, g] = gd_eval(p, t);
%! assert (f, sum((X * t - y) .^ 2) / 12, 1e-14);
%! assert (g, X' * (X * t - y) / 6, 1e-13);
%! theta = gd_run(p, zeros(3, 1), 'MaxIter', 20000, 'GradTol', 1e-12);
%! assert (theta, X \ y, 1e-9);

%!test
%! % rank-deficient X: mu = 0 and the minimum-norm solution pinv(X)*y
%! Xr = [X(:, 1:2), X(:, 2)];
%! p = gd_leastsq(Xr, y);
%! assert (p.mu, 0);
%! assert (p.theta_star, pinv(Xr) * y, 1e-10);

%!error id=gdflow:gd_leastsq:notEnoughInputs gd_leastsq(X)
%!error id=gdflow:gd_leastsq:badSize gd_leastsq(X, [y; 1])
