function R = gd_sgd_cov(varargin)
%GD_SGD_COV  Predicted stationary covariance of constant-step SGD near the minimiser.
%   R = GD_SGD_COV(PROB, ETA, B) predicts the covariance of the iterates of
%   SGD (GD_RUN with Method 'sgd', StepSize ETA, BatchSize B) on the least-
%   squares problem PROB = GD_LEASTSQ(X, Y) once the run has forgotten its
%   start: the iterates fluctuate around theta* = PROB.theta_star with
%   covariance Sigma.  A = X'*X/m is the Hessian, and C the covariance of ONE
%   per-example gradient g_i = x_i*(x_i'*theta* - y_i) over the m examples,
%       C = (1/m) sum_i g_i*g_i' - gbar*gbar'   (normalised by m; gbar =
%                                                grad f(theta*) = 0).
%   A batch mean of B gradients has covariance kappa*C, kappa = 1/B (B draws
%   with replacement).  Three predictions, the first two in the eigenbasis
%   A = V*diag(lambda)*V' (LAPACK dsyevd, in C):
%     Sigma_sde       A*S + S*A = eta*kappa*C: the stationary law of the SDE
%                     d theta = -grad f dt + sqrt(eta*kappa) C^(1/2) dW (time
%                     t = k*eta), Mandt, Hoffman and Blei (2017), Li, Tai and
%                     E (2017); S = V*((V'*C*V) ./ (l_i + l_j))*V'*eta*kappa.
%     Sigma_discrete  A*S + S*A - eta*A*S*A = eta*kappa*C: the linear SGD
%                     recursion e(k+1) = (I - eta*A)*e(k) + eta*noise with the
%                     noise taken at theta* (additive); denominators
%                     l_i + l_j - eta*l_i*l_j.  It is where the SDE picture
%                     breaks as eta -> 2/L: the two differ by the factor
%                     1/(1 - eta*l_i/2) along the i-th eigenvector.
%     Sigma_exact     least squares only, p <= 24: the gradient noise is also
%                     multiplicative, g_B(theta) = H_B*e + g_B(theta*) with H_B
%                     the batch mean of x_i*x_i'; the stationary second moment
%                     solves A*S + S*A - eta*A*S*A - eta*kappa*(M(S) - A*S*A) =
%                     eta*kappa*C, M(S) = (1/m) sum (x_i'*S*x_i)*x_i*x_i', exactly
%                     (a p^2 x p^2 solve in C).  When this S is not positive
%                     semidefinite the second moment of SGD grows without
%                     bound although eta < 2/L: R.exact_stable is false and
%                     Sigma_exact is NaN.
%   R = GD_SGD_COV(A, C, ETA, B) does the same for a quadratic with Hessian A
%   and per-example gradient covariance C given (no Sigma_exact).
%   R = GD_SGD_COV(..., Name, Value) with the options
%     'Sampling'    'with-replacement' (default): kappa = 1/B, the model of
%                   GD_RUN's 'with-replacement' (exact for it);
%                   'independent-batches': B distinct examples drawn afresh at
%                   each step, kappa = (m - B)/((m - 1)*B), the
%                   finite-population factor.  GD_RUN's 'without-replacement'
%                   is NOT this scheme: it draws epochs of a random permutation
%                   (random reshuffling), whose batches within an epoch are
%                   negatively correlated (their noise sums to zero over the
%                   epoch), and its stationary variance lies below every
%                   prediction here when an epoch (m/B steps) is not long
%                   against the relaxation time 1/(eta*lambda) steps (measured
%                   on the line fit of DEMO_SGD, m = 400, eta = 0.2: B = 4 0.93
%                   and 0.77 of the prediction, B = 100 0.25 and 0.09).
%                   'without-replacement' is therefore refused
%                   (gdflow:gd_sgd_cov:reshuffling) rather than answered with a
%                   number that does not describe GD_RUN's runs; 'cyclic' is
%                   refused too (a fixed order has no stationary law of this kind).
%     'NumExamples' m, for the (A, C) form with 'independent-batches'
%     'Theta'       the point where C is taken (default PROB.theta_star)
%
%   R is a struct with the fields
%     Sigma_sde, Sigma_discrete, Sigma_exact   d x d ([] where not defined)
%     var_sde, var_discrete, var_exact   the variances along the eigenvectors
%                   (diag(V'*Sigma*V), d x 1, lambda ascending)
%     floor_sde, floor_discrete, floor_exact   the stationary mean excess
%                   E[f - f*] = trace(A*Sigma)/2 (exact for a quadratic f);
%                   floor_sde = eta*kappa*trace(C)/4
%     A, C, V, lambda, theta_star, eta, B, m, kappa, sampling, exact_stable
%     hypotheses    a cell array of sentences: what the prediction assumes
%
%   Errors (identifiers gdflow:gd_sgd_cov:<what>): notEnoughInputs,
%   notLeastSquares (a problem the theory here does not cover: logistic,
%   test functions, handles, a quadratic without its C), noMinimiser (no
%   theta_star), badStepSize, badBatchSize, badSampling, badSize,
%   badNumExamples, indefinite (C not positive semidefinite), overflow
%   (a covariance beyond realmax), singular
%   (A has an eigenvalue <= 0 to rounding: along that direction SGD has no
%   restoring force, so no unique stationary law), unstable (eta >= 2/L: the
%   discrete recursion has no stationary law).
%
%   Example:
%     X = [ones(200, 1), linspace(-1, 1, 200)'];
%     y = X * [1; 2] + 0.3 * sin(37 * (1:200)');
%     R = gd_sgd_cov(gd_leastsq(X, y), 0.1, 4);
%     fprintf('%-10s %11s %11s %11s\n', 'lambda', 'SDE', 'discrete', 'exact');
%     fprintf('%-10.4f %11.4e %11.4e %11.4e\n', [R.lambda, R.var_sde, R.var_discrete, R.var_exact]');
%
%   See also GD_RUN, GF_RUN (Method 'sgd-sde'), GD_COMPARE, GD_LEASTSQ.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fn = 'gd_sgd_cov';
if nargin < 3
  error('gdflow:gd_sgd_cov:notEnoughInputs', ['gd_sgd_cov: usage: R = gd_sgd_cov(prob, eta, B, ...) ' ...
        'or R = gd_sgd_cov(A, C, eta, B, ...).']);
end
X = [];
if isstruct(varargin{1})
  prob = varargin{1};
  if numel(prob) ~= 1 || ~isfield(prob, 'type')
    error('gdflow:gd_sgd_cov:notLeastSquares', 'gd_sgd_cov: PROB must be a 1x1 problem struct from gd_leastsq.');
  end
  if ~strcmp(prob.type, 'leastsq')
    extra = '';
    if strcmp(prob.type, 'quadratic')
      extra = ' For a quadratic give its per-example gradient covariance: gd_sgd_cov(prob.A, C, eta, B).';
    end
    error('gdflow:gd_sgd_cov:notLeastSquares', ['gd_sgd_cov: the prediction covers least squares ' ...
          '(gd_leastsq), whose Hessian is constant, not a problem of type ''%s''.%s'], prob.type, extra);
  end
  rest = varargin(2:end);
  form = 'lsq';
else
  if nargin < 4
    error('gdflow:gd_sgd_cov:notEnoughInputs', 'gd_sgd_cov: usage: R = gd_sgd_cov(A, C, eta, B, ...).');
  end
  A = check_square(varargin{1}, 'A', fn);
  C = check_square(varargin{2}, 'C', fn);
  if ~isequal(size(A), size(C))
    error('gdflow:gd_sgd_cov:badSize', 'gd_sgd_cov: A and C must have the same size (%d x %d and %d x %d).', ...
          size(A, 1), size(A, 2), size(C, 1), size(C, 2));
  end
  % C is a covariance: an indefinite C gave negative variances
  e = eig(C);
  if min(e) < -gdf_eig_tol(e)
    error('gdflow:gd_sgd_cov:indefinite', ['gd_sgd_cov: C must be positive semidefinite (the covariance ' ...
          'of one per-example gradient); its smallest eigenvalue is %.3g.'], min(e));
  end
  rest = varargin(3:end);
  form = 'AC';
end
eta = rest{1};
B = rest{2};
opt = gdf_parse_options(fn, struct('Sampling', 'with-replacement', 'NumExamples', [], 'Theta', []), rest(3:end));
if ~(isnumeric(eta) && isreal(eta) && isscalar(eta) && isfinite(eta) && eta > 0)
  error('gdflow:gd_sgd_cov:badStepSize', 'gd_sgd_cov: the step eta must be a finite positive number.');
end
eta = double(eta);
if strcmp(form, 'lsq')
  if ~isfield(prob, 'X') || isempty(prob.X)
    error('gdflow:gd_sgd_cov:notLeastSquares', 'gd_sgd_cov: PROB has no data X.');
  end
  X = full(prob.X);
  y = full(prob.y(:));
  m = size(X, 1);
  theta = opt.Theta;
  if isempty(theta) && isfield(prob, 'theta_star')
    theta = prob.theta_star;
  end
  if isempty(theta)
    error('gdflow:gd_sgd_cov:noMinimiser', ['gd_sgd_cov: PROB has no theta_star (a sparse X with p > 500); ' ...
          'give the point with ''Theta''.']);
  end
  if ~(isnumeric(theta) && isreal(theta) && numel(theta) == size(X, 2) && all(isfinite(theta(:))))
    error('gdflow:gd_sgd_cov:badSize', 'gd_sgd_cov: Theta must be a finite vector of length %d.', size(X, 2));
  end
  theta = double(theta(:));
  [A, C] = gd_sgd_cov_mex('lsq', X, y, theta);
  if ~all(isfinite([A(:); C(:)]))
    error('gdflow:gd_sgd_cov:overflow', ['gd_sgd_cov: the Hessian X''*X/m or the gradient covariance at ' ...
          'Theta overflows (entries beyond realmax): rescale X, y or Theta.']);
  end
  if ~(isnumeric(opt.NumExamples) && (isempty(opt.NumExamples) || ...
                                     (isscalar(opt.NumExamples) && opt.NumExamples == m)))
    error('gdflow:gd_sgd_cov:badNumExamples', ['gd_sgd_cov: NumExamples is for the (A, C) form; a ' ...
          'gd_leastsq problem has m = %d examples (the rows of X).'], m);
  end
else
  m = opt.NumExamples;
  if ~(isnumeric(m) && (isempty(m) || (isreal(m) && isscalar(m) && isfinite(m) && m >= 1 && m == round(m))))
    error('gdflow:gd_sgd_cov:badNumExamples', ['gd_sgd_cov: NumExamples must be a positive integer ' ...
          '(the number of examples m).']);
  end
  m = double(m);
  theta = [];
end
if ~(isnumeric(B) && isreal(B) && isscalar(B) && isfinite(B) && B >= 1 && B == round(B))
  error('gdflow:gd_sgd_cov:badBatchSize', 'gd_sgd_cov: the batch size B must be a positive integer.');
end
B = double(B);
if ~isempty(m) && B > m
  error('gdflow:gd_sgd_cov:badBatchSize', 'gd_sgd_cov: the batch size B = %d exceeds the number of examples m = %d.', B, m);
end
if ~(ischar(opt.Sampling) && size(opt.Sampling, 1) <= 1)
  error('gdflow:gd_sgd_cov:badSampling', 'gd_sgd_cov: Sampling must be ''with-replacement'' or ''independent-batches''.');
end
switch lower(opt.Sampling)
  case 'with-replacement'
    kappa = 1 / B;
  case 'without-replacement'
    error('gdflow:gd_sgd_cov:reshuffling', ['gd_sgd_cov: Sampling ''without-replacement'' (gd_run''s epochs of ' ...
          'a random permutation, random reshuffling) is not covered by this model: the batches of an epoch ' ...
          'are negatively correlated and the stationary variance is below the prediction (measured 0.09 to ' ...
          '0.93 of it). The model covers ''with-replacement'' (gd_run''s default) and ''independent-batches'' ' ...
          '(B distinct examples drawn afresh at each step).']);
  case 'independent-batches'
    if isempty(m)
      error('gdflow:gd_sgd_cov:badSampling', ['gd_sgd_cov: Sampling ''independent-batches'' needs the ' ...
            'number of examples: give ''NumExamples'', m.']);
    end
    if m == 1
      kappa = 0;
    else
      kappa = (m - B) / ((m - 1) * B);
    end
  case 'cyclic'
    error('gdflow:gd_sgd_cov:badSampling', ['gd_sgd_cov: Sampling ''cyclic'' visits the examples in a fixed ' ...
          'order: the iterates settle on a deterministic cycle, not a stationary law; the prediction covers ' ...
          '''with-replacement'' and ''independent-batches''.']);
  otherwise
    error('gdflow:gd_sgd_cov:badSampling', ['gd_sgd_cov: Sampling must be ''with-replacement'' or ' ...
          '''independent-batches'', not ''%s''.'], opt.Sampling);
end
[V, lambda, Ct, Ssde, Sdisc, st] = gd_sgd_cov_mex('solve', A, C, eta * kappa, eta);
if st ~= 0
  error('gdflow:gd_sgd_cov:singular', ['gd_sgd_cov: the Hessian A has the eigenvalue %.3g <= 0 (to rounding): ' ...
        'along its eigenvector the gradient has no restoring force, so SGD has no unique stationary law ' ...
        '(the noise accumulates as a random walk, or the iterate keeps its start). The prediction needs A ' ...
        'positive definite (least squares: X of full column rank).'], lambda(1));
end
L = lambda(end);
if eta * L >= 2
  error('gdflow:gd_sgd_cov:unstable', ['gd_sgd_cov: eta = %.4g >= 2/L = %.4g: the linearised SGD recursion ' ...
        'grows along the top eigenvector (|1 - eta*L| = %.3g >= 1); no stationary law.'], eta, 2 / L, abs(1 - eta * L));
end
if ~all(isfinite([Ssde(:); Sdisc(:); Ct(:)]))
  error('gdflow:gd_sgd_cov:overflow', ['gd_sgd_cov: the predicted covariance overflows (entries beyond ' ...
        'realmax; eta*C/B against the eigenvalues of A): rescale the problem.']);
end
R = struct();
R.Sigma_sde = Ssde;
R.Sigma_discrete = Sdisc;
R.Sigma_exact = [];
% (written so that no intermediate overflows: 2*lambda - eta*lambda.^2 of
% lambda = 1e308 was Inf - Inf = NaN)
R.var_sde = (eta * kappa * diag(Ct) ./ lambda) / 2;
R.var_discrete = (eta * kappa * diag(Ct) ./ lambda) ./ (2 - eta * lambda);
if ~all(isfinite([R.var_sde; R.var_discrete]))
  error('gdflow:gd_sgd_cov:overflow', ['gd_sgd_cov: the predicted variances overflow (entries beyond ' ...
        'realmax; eta*C/B against the eigenvalues of A): rescale the problem.']);
end
R.var_exact = [];
R.floor_sde = trace(A * Ssde) / 2;
R.floor_discrete = trace(A * Sdisc) / 2;
R.floor_exact = [];
R.exact_stable = [];
if ~isempty(X) && size(X, 2) <= 24
  Se = gd_sgd_cov_mex('exact', X, A, C, eta, kappa);
  ok = all(isfinite(Se(:)));
  if ok
    e = eig((Se + Se') / 2);
    ok = min(e) >= -gdf_eig_tol(e);
  end
  R.exact_stable = ok;
  if ~ok
    Se = NaN(size(Se));
  end
  R.Sigma_exact = Se;
  R.var_exact = sum(V .* (Se * V), 1)';
  R.floor_exact = trace(A * Se) / 2;
end
R.A = A;
R.C = C;
R.V = V;
R.lambda = lambda;
R.theta_star = theta;
R.eta = eta;
R.B = B;
R.m = m;
R.kappa = kappa;
R.sampling = lower(opt.Sampling);
h = {sprintf(['constant step eta = %.4g < 2/L = %.4g, batches of B = %d drawn independently at every ' ...
              'step (%s): the batch gradient has covariance kappa*C, kappa = %.4g'], eta, 2 / L, B, R.sampling, kappa), ...
     'C is the per-example gradient covariance at theta* (normalised by m), taken as constant near theta*', ...
     sprintf('A positive definite (lambda_min = %.4g): a unique stationary law, mean theta*', lambda(1)), ...
     'stationary regime: the run is long compared with the slowest relaxation time 1/(eta*lambda_min) steps', ...
     'Sigma_sde: small eta (eta*lambda_max << 1); Sigma_discrete: any eta < 2/L, noise additive (taken at theta*)'};
if ~isempty(R.exact_stable)
  h{end + 1} = 'Sigma_exact: least squares, the multiplicative part of the noise included, no further approximation';
end
if strcmp(R.sampling, 'independent-batches')
  h{end + 1} = ['independent batches: B distinct examples drawn afresh at each step (not gd_run''s ' ...
                '''without-replacement'', whose epochs of one random permutation correlate the batches)'];
end
R.hypotheses = h';
end

function A = check_square(A, name, fn)
if ~(isnumeric(A) && isreal(A) && ndims(A) == 2 && size(A, 1) == size(A, 2) && ~isempty(A))
  error(['gdflow:' fn ':badSize'], '%s: %s must be a non-empty real square matrix.', fn, name);
end
A = full(double(A));
if ~all(isfinite(A(:)))
  error(['gdflow:' fn ':badSize'], '%s: %s must be finite.', fn, name);
end
% scaled, so that entries near realmax do not overflow (A - A' or A + A'
% of 1e308 entries was Inf: 'must be symmetric' or 'must be finite' of a
% finite symmetric matrix)
s = max(abs(A(:)));
if s > 0 && norm(A / s - A' / s, 'fro') > gdf_sym_rtol() * numel(A)
  error(['gdflow:' fn ':badSize'], '%s: %s must be symmetric.', fn, name);
end
A = A / 2 + A' / 2;
end

%!test
%! % the SDE prediction solves A S + S A = (eta/B) C; the discrete one A S + S A - eta A S A = (eta/B) C
%! X = [ones(50, 1), linspace(-1, 1, 50)', cos(1:50)'];
%! y = X * [1; 2; -1] + 0.5 * sin(37 * (1:50)');
%! p = gd_leastsq(X, y);
%! R = gd_sgd_cov(p, 0.3, 2);
%! A = X' * X / 50;
%! assert (R.A, A, 1e-14);
%! S = R.Sigma_sde;  D = R.Sigma_discrete;
%! assert (norm(A * S + S * A - 0.15 * R.C), 0, 1e-13 * norm(R.C));
%! assert (norm(A * D + D * A - 0.3 * A * D * A - 0.15 * R.C), 0, 1e-13 * norm(R.C));
%! assert (R.floor_sde, 0.15 * trace(R.C) / 4, 1e-13);
%! assert (all(R.var_discrete > R.var_sde));
%! assert (R.exact_stable);
%! assert (all(R.var_exact >= R.var_discrete));

%!error id=gdflow:gd_sgd_cov:notEnoughInputs gd_sgd_cov(1, 2)
%!error id=gdflow:gd_sgd_cov:unstable gd_sgd_cov(diag([1 2]), eye(2), 1, 1)
%!error id=gdflow:gd_sgd_cov:singular gd_sgd_cov(diag([0 2]), eye(2), 0.1, 1)
%!error id=gdflow:gd_sgd_cov:notLeastSquares gd_sgd_cov(gd_quadratic(eye(2)), 0.1, 1)
%!error id=gdflow:gd_sgd_cov:badSampling gd_sgd_cov(eye(2), eye(2), 0.1, 1, 'Sampling', 'cyclic')
%!error id=gdflow:gd_sgd_cov:reshuffling gd_sgd_cov(eye(2), eye(2), 0.1, 1, 'Sampling', 'without-replacement', 'NumExamples', 10)
%!error id=gdflow:gd_sgd_cov:badBatchSize gd_sgd_cov(eye(2), eye(2), 0.1, 0)
