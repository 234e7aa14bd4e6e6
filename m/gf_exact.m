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
%   linear ODE runs backwards too), but must be finite.
%
%   Symmetric A (max|A - A'| <= 1e-12*max|A|, the one symmetry rule of
%   gdflow, as in GD_QUADRATIC; then (A + A')/2 is used): one
%   eigendecomposition A = V*diag(lambda)*V'; each component is a scalar
%   closed form, evaluated with expm1/log1p so that zero eigenvalues (B
%   outside the range of A: a drift t*c) and negative ones are exact, with
%   no pseudo-inverse.  Any other A (a general linear flow): the matrix
%   exponential of the augmented matrix [-A B; 0 0]*t by scaling and
%   squaring (Al-Mohy and Higham, 2009; balanced with LAPACK dgebal when
%   that reduces its 1-norm), and for the iterates the power
%   [I - ETA*A, ETA*B; 0 1]^K by repeated squaring.
%
%   Overflow: a value that overflows (a growing mode, divergent GD) raises
%   gdflow:gf_exact:overflow; so does a time at which the matrix
%   exponential would need more than 32 squarings (or -t*A is not even
%   representable, e.g. t = 1e308) unless every mode decays there (all
%   eigenvalues of A with real part > 0 for t > 0, < 0 for t < 0): the
%   flow has then converged, to rounding, to its limit A\B, returned as
%   such.  A mode with eigenvalue 0 or on the imaginary axis has no correct
%   digit left at such times (its condition number is |t|*norm(A)).  In
%   the same way, nonsymmetric 'Iterates' with K > 2^32 are computed only
%   when every mode of I - ETA*A contracts (|1 - ETA*lambda| < 1 - 2^-20).
%
%   A problem struct is checked as GD_RUN checks it: its A must be
%   symmetric by the rule above (else gdflow:gf_exact:notSymmetric; pass
%   a nonsymmetric A as a matrix for the general flow), B [] or a finite
%   d-vector.
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
if nargin >= 1 && isstruct(A)
  if nargin < 3
    error('gdflow:gf_exact:notEnoughInputs', ...
          'gf_exact: usage: Theta = gf_exact(prob, theta0, t, Name, Value, ...).');
  end
  prob = A;
  if numel(prob) ~= 1
    error('gdflow:gf_exact:badProblem', ...
          'gf_exact: the problem (from gd_quadratic) must be a 1x1 struct, not a %dx%d struct array (%d elements).', ...
          size(prob, 1), size(prob, 2), numel(prob));
  end
  if ~isfield(prob, 'A') || ~isfield(prob, 'b') || isempty(prob.A)
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
  % validated as gd_run/gd_eval validate a problem struct: a quadratic's A
  % is symmetric (the one rule of gdflow, gdf_sym_rtol: GDF_SYM_RTOL of the
  % gateways and of gdf_exact_solve's 'auto' choice);
  % a nonsymmetric A is the expm path only when given as a matrix
  if ~isnumeric(A) || ~isreal(A) || ndims(A) ~= 2 || size(A, 1) ~= size(A, 2)
    error('gdflow:gf_exact:badProblem', ...
          'gf_exact: the problem''s A must be a real square matrix (it is %s %s).', ...
          gdf_size_str(A), class(A));
  end
  if ~all(isfinite(A(:)))
    error('gdflow:gf_exact:nonFinite', 'gf_exact: the problem''s A has NaN or Inf entries.');
  end
  asym = full(max(max(abs(A - A.'))));
  if asym > gdf_sym_rtol() * full(max(abs(A(:))))
    error('gdflow:gf_exact:notSymmetric', ...
          ['gf_exact: the problem''s A is not symmetric (max|A - A''| = %g): a quadratic ', ...
           'problem needs a symmetric A (gd_run and gd_eval refuse it too); for the flow of ', ...
           'a nonsymmetric A call gf_exact(A, b, theta0, t).'], asym);
  end
  if ~isnumeric(b) || ~isreal(b) || ~(isempty(b) || (isvector(b) && numel(b) == size(A, 1)))
    error('gdflow:gf_exact:badProblem', ...
          'gf_exact: the problem''s b must be [] or a real vector of length %d (it is %s %s).', ...
          size(A, 1), gdf_size_str(b), class(b));
  end
  if ~all(isfinite(b(:)))
    error('gdflow:gf_exact:nonFinite', 'gf_exact: the problem''s b has NaN or Inf entries.');
  end
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
% full() for every matrix that reaches the gateway: a diagonal or
% permutation matrix (eye(3), diag(v), P(:, perm)) read by a MEX file leaks
% ~80 bytes per call in Octave 7.3; full() of a full matrix does not copy
% (only numeric and logical values: anything else reaches the gateway as
% it is, to be refused there by name)
if isnumeric(A) || islogical(A)
  A = full(A);
end
if isnumeric(b) || islogical(b)
  b = full(b);
end
if isnumeric(theta0) || islogical(theta0)
  theta0 = full(theta0);
end
if isnumeric(t) || islogical(t)
  t = full(t);
end
for i = 2:2:numel(varargin) % option values ('Iterates', eye(1) * 0.1)
  if isnumeric(varargin{i})
    varargin{i} = full(varargin{i});
  end
end
try
  Theta = gf_exact_mex(A, b, theta0, t, varargin{:});
catch err
  gdf_rethrow(err);
end
end

function s = gdf_size_str(x)
% '3x2', the size of x as text
s = sprintf('%dx', size(x));
s = s(1:end - 1);
end

% Tests of gf_exact (Octave: test gf_exact; the long suites are tests/m/test_gf_exact.m, test_trust_expm.m)
%!shared A, b, ts
%! A = [3 1; 1 2];
%! b = [1; 1];
%! ts = A \ b;

%!test
%! % the flow is theta* + expm(-A t)(theta0 - theta*), one row per time
%! t = [0 0.5 2 -0.3];
%! Theta = gf_exact(A, b, [2; 1], t);
%! assert (size(Theta), [4, 2]);
%! for i = 1:4
%!   assert (Theta(i, :)', ts + expm(-A * t(i)) * ([2; 1] - ts), 1e-13);
%! end

%!test
%! % the GD iterates are theta* + (I - eta A)^k (theta0 - theta*), k up to 1e6 at no cost
%! eta = 0.4;
%! K = gf_exact(A, b, [2; 1], [0 1 10 1e6], 'Iterates', eta);
%! ks = [0 1 10];
%! for i = 1:3
%!   k = ks(i);
%!   assert (K(i, :)', ts + (eye(2) - eta * A) ^ k * ([2; 1] - ts), 1e-13);
%! end
%! assert (K(4, :)', ts, 1e-14);

%!test
%! % a problem struct gives the same as (A, b); eig and expm agree
%! p = gd_quadratic(A, b);
%! t = [0.1 1 3];
%! assert (gf_exact(p, [2; 1], t), gf_exact(A, b, [2; 1], t), 0);
%! assert (gf_exact(A, b, [2; 1], t, 'Method', 'eig'), gf_exact(A, b, [2; 1], t, 'Method', 'expm'), 1e-13);

%!test
%! % m starting points: numel(T)-by-d-by-m
%! Theta = gf_exact(A, b, [2 0; 1 -1], [0 1 2]);
%! assert (size(Theta), [3, 2, 2]);
%! assert (Theta(:, :, 2), gf_exact(A, b, [0; -1], [0 1 2]), 0);

%!error id=gdflow:gf_exact:notEnoughInputs gf_exact(A, [], [1; 2])
%!error id=gdflow:gf_exact:notSquare gf_exact([1 2 3; 4 5 6], [], [1; 2], 1)
%!error id=gdflow:gf_exact:nonFinite gf_exact(A, [], [NaN; 2], 1)
%!error id=gdflow:gf_exact:badIndex gf_exact(A, [], [1; 2], 1.5, 'Iterates', 0.5)
%!error id=gdflow:gf_exact:notSymmetric gf_exact([1 2; 0 1], [], [1; 2], 1, 'Method', 'eig')
%!error id=gdflow:gf_exact:overflow gf_exact(-eye(2), [], [1; 1], 1e3)
