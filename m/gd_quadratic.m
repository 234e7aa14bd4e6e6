function prob = gd_quadratic(A, b, c)
%GD_QUADRATIC  Quadratic objective f = 1/2*theta'*A*theta - b'*theta + c.
%   PROB = GD_QUADRATIC(A) with b = 0 and c = 0.
%   PROB = GD_QUADRATIC(A, B) and GD_QUADRATIC(A, B, C).
%
%   A is a real symmetric d-by-d matrix, full or sparse (symmetric means
%   max|A - A'| <= 1e-12*max|A|, the rule every gdflow function applies;
%   PROB.A is then (A + A')/2, exactly symmetric); B a d-vector (or []); C a
%   scalar.  The gradient is A*theta - b and the Hessian A, so
%   L = lambda_max(A) and mu = lambda_min(A) are the smoothness and strong
%   convexity constants.  PROB is a struct that gd_run and gf_run evaluate
%   entirely in C; it records
%     d, L, mu          dimension and extreme eigenvalues of A (LAPACK, via eig;
%                       eigs for d > 1500; mu is NaN for d > 20000; for sparse A
%                       with d > 200000, L is the Gershgorin bound
%                       max_i sum_j |A_ij| >= lambda_max, still a valid
%                       Lipschitz constant of the gradient)
%     theta_star        the minimizer A\b (the minimum-norm one when A is
%                       singular and b is in its range; [] when f is unbounded
%                       below or the size makes it too costly)
%     f_star            f(theta_star), -Inf when f is unbounded below, NaN unknown
%     convex            mu >= 0
%     kappa             the condition number L/mu when mu > 0, else NaN (the
%                       MaxIter hint of gd_run, INFO.hint, uses it)
%
%   Example:
%     prob = gd_quadratic([3 1; 1 2], [1; 1]);
%     [theta, info] = gd_run(prob, [2; 1], 'StepSize', '1/L');
%     disp(norm(theta - prob.theta_star) < 1e-6)
%
%   See also GD_RUN, GF_RUN, GF_EXACT, GD_LEASTSQ, GD_TESTFUN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fn = 'gd_quadratic';
if nargin < 1
  error('gdflow:gd_quadratic:notEnoughInputs', 'gd_quadratic: usage: prob = gd_quadratic(A, b, c).');
end
gdf_check_matrix(A, fn, 'A', true);
[d, n] = size(A);
if d ~= n || d < 1
  error('gdflow:gd_quadratic:notSquare', 'gd_quadratic: A must be square and non-empty (it is %dx%d).', d, n);
end
if nargin < 2 || isempty(b)
  b = zeros(d, 1);
else
  gdf_check_matrix(b, fn, 'b', false);
  if ~isvector(b) || numel(b) ~= d
    error('gdflow:gd_quadratic:badSize', 'gd_quadratic: b must be a vector of length %d.', d);
  end
  b = b(:);
end
if nargin < 3 || isempty(c)
  c = 0;
else
  gdf_check_matrix(c, fn, 'c', false);
  if numel(c) ~= 1
    error('gdflow:gd_quadratic:badSize', 'gd_quadratic: c must be a scalar.');
  end
end
% symmetry: f only exists for symmetric A (the gradient of x'Bx/2 is (B+B')x/2)
D = A - A';
if issparse(D)
  asym = full(max(abs(nonzeros(D))));
  scale = full(max(abs(nonzeros(A))));
else
  asym = max(abs(D(:)));
  scale = max(abs(A(:)));
end
if isempty(asym)
  asym = 0;
end
if isempty(scale)
  scale = 0;
end
if asym > gdf_sym_rtol() * scale   % the one rule (GDF_SYM_RTOL in mex/gdf_mexutil.h)
  error('gdflow:gd_quadratic:notSymmetric', ...
        ['gd_quadratic: A must be symmetric (max |A - A''| = %g): a nonsymmetric A defines no ' ...
         'objective f; use gf_exact for the general linear flow, or pass (A + A'')/2.'], asym);
end
if asym > 0
  A = (A + A') / 2;
end
if ~issparse(A)
  A = full(A);   % Octave's diagonal/permutation matrices would be converted at every MEX call
end
[L, mu, theta_star, f_star] = spectrum(A, b, c, d);
if mu > 0
  desc = sprintf('quadratic, d = %d, kappa = %.3g', d, L / mu);
elseif mu == 0
  desc = sprintf('quadratic, d = %d, convex, not strongly (mu = 0)', d);
else   % kappa = L/mu would be a negative number that means nothing
  desc = sprintf('quadratic, d = %d, indefinite (mu = %.3g < 0)', d, mu);
end
if f_star == -Inf
  desc = [desc ', unbounded below'];
end
prob = gdf_problem_struct('quadratic', 'quadratic', d, struct('A', A, 'b', b, 'c', c), ...
                          L, mu, theta_star, f_star, desc);
end

function [L, mu, theta_star, f_star] = spectrum(A, b, c, d)
theta_star = [];
f_star = NaN;
if d <= 1500
  ev = eig(full(A));
  L = max(ev);
  mu = min(ev);
elseif issparse(A) && d > 200000
  % eigs can take minutes here (and fail: the top eigenvalues of a 2-D
  % Laplacian on a 1000 x 1000 grid are clustered); the Gershgorin bound
  % max_i sum_j |A_ij| >= lambda_max is a valid Lipschitz constant, so a
  % step 1/L stays stable, and costs one pass over A
  L = max(sum(abs(A), 2));
  mu = NaN;
else
  opts.tol = 1e-10;
  opts.disp = 0;
  L = eigs(A, 1, 'la', opts);
  if d <= 20000
    mu = eigs(A, 1, 'sa', opts);
  else
    mu = NaN;
  end
end
tol = gdf_eig_tol([L mu]);
if mu > tol
  if d <= 200000
    theta_star = A \ b;
  end
elseif abs(mu) <= tol && d <= 1500
  % singular PSD: a minimizer exists iff b is in the range of A, i.e. iff
  % A*pinv(A)*b gives b back to the rounding of that product (a relative
  % test: the former absolute 1e-8 took b = [1e-12; 1e-9] to be in the
  % range of 1e-12*diag([1 0]), and [1; 1e-9] in that of diag([1 0]), and
  % gave a finite f_star to functions unbounded below)
  Af = full(A);
  x = pinv(Af) * b;
  if norm(Af * x - b) <= 1e3 * d * eps * (norm(Af) * norm(x) + norm(b))
    theta_star = x;
  else
    f_star = -Inf;
  end
elseif mu < -tol
  f_star = -Inf;   % indefinite: unbounded below
end
if ~isempty(theta_star)
  f_star = c - 0.5 * (b' * theta_star);
end
L = full(L);
mu = full(mu);
end

% Tests of gd_quadratic (Octave: test gd_quadratic)
%!test
%! % L and mu are the extreme eigenvalues, theta_star = A\b, f_star its value
%! A = [3 1; 1 2]; b = [1; 1];
%! p = gd_quadratic(A, b);
%! assert (p.d, 2);
%! assert (p.L, max(eig(A)), 1e-14);
%! assert (p.mu, min(eig(A)), 1e-14);
%! assert (p.theta_star, A \ b, 1e-14);
%! assert (p.f_star, -0.5 * b' * (A \ b), 1e-14);
%! assert (p.convex);

%!test
%! % b and c are optional; f_star carries c
%! p = gd_quadratic(2 * eye(3));
%! assert (p.theta_star, zeros(3, 1));
%! assert (p.f_star, 0);
%! p = gd_quadratic(eye(2), [], 4);
%! assert (p.f_star, 4);

%!test
%! % singular A: mu = 0; b outside its range: unbounded below, no minimizer
%! p = gd_quadratic([1 0; 0 0], [0; 1]);
%! assert (p.mu, 0);
%! assert (p.f_star, -Inf);
%! assert (isempty(p.theta_star));

%!test
%! % indefinite A: mu < 0, not convex
%! p = gd_quadratic([1 0; 0 -1]);
%! assert (p.mu, -1, 1e-14);
%! assert (~p.convex);

%!error id=gdflow:gd_quadratic:notSquare gd_quadratic(ones(2, 3))
%!error id=gdflow:gd_quadratic:notSymmetric gd_quadratic([1 2; 3 4])
%!error id=gdflow:gd_quadratic:badSize gd_quadratic(eye(2), [1; 2; 3])
%!test
%! % no kappa = L/mu for an indefinite or singular A (it would be a meaningless number)
%! p = gd_quadratic(diag([1 -1]));
%! assert (isempty(strfind(p.description, 'kappa')));
%! assert (~isempty(strfind(p.description, 'indefinite')) && ~isempty(strfind(p.description, 'unbounded below')));
%! p = gd_quadratic(diag([1 0]), [1; 0]);
%! assert (~isempty(strfind(p.description, 'mu = 0')));
%! p = gd_quadratic([3 1; 1 2]);
%! assert (~isempty(strfind(p.description, 'kappa = 2.62')));
