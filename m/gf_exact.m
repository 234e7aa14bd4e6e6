function Theta = gf_exact(A, b, theta0, t, varargin)
%GF_EXACT  Closed-form gradient flow and GD iterates of a quadratic.
%   THETA = GF_EXACT(A, B, THETA0, T) is the exact solution of the gradient
%   flow theta'(t) = -(A*theta - B), theta(0) = THETA0, of
%   f = 1/2*theta'*A*theta - B'*theta, at the times T: one ROW per time, as
%   ode45 returns it (numel(T)-by-d).
%   THETA = GF_EXACT(PROB, THETA0, T) takes A and B from a problem struct
%   made by GD_QUADRATIC (any struct with fields A and b).
%   THETA = GF_EXACT(..., 'Iterates', ETA) gives instead the gradient
%   descent iterates theta_{k+1} = theta_k - ETA*(A*theta_k - B) at the
%   indices K = T (non-negative integers up to 2^53): THETA(i, :) is
%   theta_{K(i)}.  K = 1e6 costs the same as K = 1.
%   THETA = GF_EXACT(..., 'Method', M) with M 'auto' (default), 'eig' or
%   'expm' chooses the algorithm (see below).
%
%   A is a real d-by-d matrix (full or sparse; it is used as full), B a
%   d-vector or [] (zero), THETA0 a d-vector, or a d-by-m matrix of m
%   starting points: THETA is then numel(T)-by-d-by-m, THETA(:, :, j) the
%   path from THETA0(:, j).  T may be unsorted and negative (the flow of a
%   linear ODE runs backwards too).
%
%   Symmetric A (max|A - A'| <= 4*eps*max|A|, then (A + A')/2 is used): one
%   eigendecomposition A = V*diag(lambda)*V'; each component is a scalar
%   closed form, evaluated with expm1/log1p so that zero eigenvalues (B
%   outside the range of A: a drift t*c) and negative ones are exact, with
%   no pseudo-inverse.  Any other A (a general linear flow): the matrix
%   exponential of the augmented matrix [-A B; 0 0]*t by scaling and
%   squaring (Al-Mohy and Higham, 2009; balanced with LAPACK dgebal when
%   that reduces its 1-norm), and for the iterates the power
%   [I - ETA*A, ETA*B; 0 1]^K by repeated squaring.  Values that overflow
%   (growing modes, divergent GD) come out as Inf or NaN.
%
%   Bad input raises errors with identifiers gdflow:gf_exact:<what>.
%
%   Example:
%     A = [3 1; 1 2];  b = [1; 1];  t = linspace(0, 3, 7);
%     Theta = gf_exact(A, b, [2; 1], t);         % 7-by-2, one row per time
%     K = gf_exact(A, b, [2; 1], [0 1 10 100], 'Iterates', 0.4);
%     fprintf('theta(3) = [%.6f %.6f], theta_100 = [%.6f %.6f]\n', ...
%             Theta(end, :), K(end, :));
%
%   See also GF_RUN, GD_RUN, GD_QUADRATIC.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%   References
%   A. H. Al-Mohy and N. J. Higham, A new scaling and squaring algorithm for
%   the matrix exponential, SIAM J. Matrix Anal. Appl. 31(3), 970-989, 2009.
fn = 'gf_exact';
if nargin >= 1 && isstruct(A)
  if nargin < 3
    error('gdflow:gf_exact:notEnoughInputs', ...
          'gf_exact: usage: Theta = gf_exact(prob, theta0, t, Name, Value, ...).');
  end
  prob = A;
  if numel(prob) ~= 1 || ~isfield(prob, 'A') || ~isfield(prob, 'b') || isempty(prob.A)
    error('gdflow:gf_exact:badProblem', ...
          'gf_exact: a problem struct needs fields A and b (as made by gd_quadratic).');
  end
  if nargin >= 4
    varargin = [{t}, varargin];
  end
  t = theta0;
  theta0 = b;
  A = prob.A;
  b = prob.b;
elseif nargin < 4
  error('gdflow:gf_exact:notEnoughInputs', ...
        'gf_exact: usage: Theta = gf_exact(A, b, theta0, t, Name, Value, ...).');
end
if issparse(A)
  if size(A, 1) * size(A, 2) > 1e8
    error('gdflow:gf_exact:tooLarge', 'gf_exact: A is %dx%d; the closed forms need it as a full matrix.', ...
          size(A, 1), size(A, 2));
  end
  A = full(A);
end
if issparse(b)
  b = full(b);
end
try
  Theta = gf_exact_mex(A, b, theta0, t, varargin{:});
catch err
  gdf_rethrow(err);
end
end
