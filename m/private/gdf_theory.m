function th = gdf_theory(P, run, n)
%GDF_THEORY  The theory of the lecture text: rates, bounds and stability, each with its hypotheses.
%   TH = GDF_THEORY(P, RUN, N) is the one place where gd_compare and gd_plot
%   (and users and the demos through them and GD_THEORY, its public face)
%   get a theoretical rate or bound.  Every
%   formula is used only when the hypotheses of its theorem hold; otherwise
%   the rate and the bound are NaN and TH.reason says which hypothesis fails.
%
%   P     the problem, from GDF_THEORY_PROBLEM: L, mu, fstar, quadratic (f is
%         1/2 x'Ax - b'x + c, least squares included), plus R2 = ||theta0 - theta*||^2 (NaN if unknown) and
%         e0 = f(theta0) - f*
%   RUN   struct: method  'gd', 'heavyball', 'nesterov', 'proximal',
%                         'natural' (GD_RUN methods), 'flow' (the exact
%                         gradient flow, solved exactly or by rk45), 'euler',
%                         'heun', 'rk4', 'implicit' (fixed-step GF solvers)
%                 step    eta or h (NaN: backtracking or none)
%                 momentum  beta of heavy ball / Nesterov (NaN or 'schedule')
%   N     the points at which to evaluate the bound: numbers of steps k for
%         the discrete methods, times t for 'flow'
%
%   TH fields
%     rate    the contraction factor of f - f* per iteration (gd, heavyball,
%             nesterov, proximal) or per unit time (flow and the GF solvers:
%             the per-step factor ^(1/h)); a growth factor > 1 if unstable
%     unit    'iter' or 'time'
%     bound   the bound on f - f* at each N (NaN where no theorem applies)
%     kind    'linear', 'sublinear', 'unstable', 'unbounded', 'nonconvex'
%             or 'unknown'
%     stable  the theory's stability verdict: 1, 0, or NaN (no verdict)
%     reason  '' when the formulas apply, else a short reason
%     label   a legend text for the bound (TeX)
%
%   The theorems (f L-smooth: ||grad f(x) - grad f(y)|| <= L||x - y||;
%   e_k = f(theta_k) - f*; R = ||theta_0 - theta*||; rho = max|1 - eta*lambda|):
%   GD, quadratic with A > 0 (mu > 0): theta_k - theta* = (I - eta A)^k (theta_0 -
%     theta*), so e_k = sum_i lambda_i (1 - eta lambda_i)^(2k) c_i^2 / 2 <=
%     rho^(2k) e_0 with rho over the spectrum of A: exact, attained by an
%     eigenvector; the max over the spectrum is at lambda = mu or L.
%     Stable iff eta < 2/L.
%   GD, general f, mu-strongly convex, 0 < eta < 2/L, two bounds, min of both:
%     (a) descent lemma f(x - eta g) <= f(x) - eta (1 - L eta/2)||g||^2 and
%         the PL inequality ||g||^2 >= 2 mu (f - f*) (Polyak 1963; Karimi,
%         Nutini and Schmidt, ECML 2016, Thm 1 for eta = 1/L):
%         e_k <= (1 - mu eta (2 - L eta))^k e_0; 1 - mu/L at eta = 1/L.
%     (b) I - eta grad f is a contraction with factor rho = max(|1 - eta L|,
%         |1 - eta mu|) for 0 < eta < 2/L (Ryu and Boyd, A primer on monotone
%         operator methods, 2016; for C^2 f: the mean-value Hessian has its
%         spectrum in [mu, L]); with e <= (L/2)||theta - theta*||^2:
%         e_k <= (L/2) rho^(2k) R^2 <= (L/mu) rho^(2k) e_0 (mu R^2/2 <= e_0).
%     Bound (b) decays at rho^2 <= 1 - mu eta (2 - L eta), the rate reported.
%     The factor L R^2/(2 e_0) in (b) is needed: the bound is on the iterates.
%   GD, convex (mu = 0), 0 < eta < 2/L: e_k <= 2 e_0 R^2 / (2 R^2 + k eta
%     (2 - L eta) e_0) (Nesterov, Introductory Lectures on Convex
%     Optimization, 2004, Thm 2.1.14); for eta <= 1/L also e_k <= R^2/(2 eta k)
%     (the text's L R^2/(2k) at eta = 1/L; e.g. Beck, First-Order Methods in
%     Optimization, 2017, Thm 10.21).  No bound for eta >= 2/L.
%   Heavy ball on quadratics (mu > 0): the 2x2 companion matrices [1 + beta -
%     eta lambda, -beta; 1, 0] have spectral radius r(lambda); the asymptotic
%     rate of e_k is max r(lambda)^2 (Polyak 1964); at the optimal (eta, beta)
%     the matrices are defective, so no bound with constant 1: rate only.
%     No global rate for non-quadratic f (Lessard, Recht and Packard 2016).
%   Nesterov, mu > 0, eta = 1/L, beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1),
%     y_0 = theta_0: e_k <= (1 - sqrt(mu/L))^k (e_0 + mu R^2/2) (Nesterov
%     2004, Thm 2.2.3 with gamma_0 = mu, constant step scheme III).
%   Proximal point = backward Euler with step h on convex f: f(x+) +
%     ||x+ - x||^2/(2h) <= f(x) and PL give e_k <= (1 + h mu)^(-k) e_0; on a
%     quadratic exactly max_i (1 + h lambda_i)^(-2k); mu = 0: e_k <= R^2/(2hk)
%     (Gueler, SIAM J. Control Optim. 29, 1991).  Stable for every h.
%   Heun and RK4 on quadratics: e_k <= max_i |R(-h lambda_i)|^(2k) e_0 with R
%     the stability function (convex and positive on the real axis, so the
%     maximum over [mu, L] is at an end).
%   Gradient flow: de/dt = -||grad f||^2 <= -2 mu e (PL), so e(t) <= e_0
%     exp(-2 mu t); convex: e(t) <= R^2/(2t) (the energy t e + ||x - x*||^2/2
%     does not increase); both never above e_0.
%   Nesterov on quadratics with any constant beta in [0, 1) and step eta:
%     the asymptotic rate max r(lambda)^2 of the companion matrices [(1 +
%     beta)(1 - eta lambda), -beta(1 - eta lambda); 1, 0]; stable iff eta L
%     < 2(1 + beta)/(1 + 2 beta) (Jury's criterion; derived in
%     demos/demo_sweep_stability.m).
%   ETA = GDF_THEORY('stepmax', METHOD, BETA) is the stability limit of the
%     step times L on quadratics: 2 (gd), 2(1 + beta) (heavyball),
%     2(1 + beta)/(1 + 2 beta) (nesterov); eta*L below it is stable for every
%     spectrum in (0, L], at or above it the top mode does not decay.
%   None of these applies when f is unbounded below (f* = -Inf), nonconvex
%   (mu < 0), or when L or mu is unknown.
%   SGD (issue 16; RUN.method 'sgd' with RUN.batch B, RUN.m examples,
%     RUN.schedule and RUN.cov, GD_SGD_COV's prediction or []): unit
%     'epoch' (m/B steps).  On least squares the mean obeys GD exactly,
%     E[theta_k+1] - theta* = (I - eta A)(E[theta_k] - theta*) (E[H_B] = A,
%     the batch gradient's noise has mean 0), so the transient of E[f] - f*
%     contracts at rho^(2m/B) per epoch, rho = max|1 - eta lambda| over the
%     spectrum (the rate reported).  With a constant step E[f - f*] does not
%     tend to 0 but to the noise floor trace(A Sigma)/2 (exact for a
%     quadratic f, Sigma the stationary second moment of GD_SGD_COV:
%     Sigma_exact for least squares, else Sigma_discrete); the SDE's value is
%     eta kappa trace(C)/4, kappa = 1/B (with replacement).  TH.floor,
%     TH.floor_sde carry them, TH.bound is the floor at every N (a level,
%     not a bound on a single run's f - f*, which fluctuates around it).
%     Decreasing steps: no floor (E[f - f*] -> 0), no rate.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ischar(P) && strcmp(P, 'stepmax')
  th = step_max(run, n);                      % gdf_theory('stepmax', method, beta)
  return
end
n = n(:);
th = struct('rate', NaN, 'unit', 'iter', 'bound', NaN(size(n)), 'kind', 'unknown', 'stable', NaN, ...
            'reason', '', 'label', '');
method = lower(run.method);
if any(strcmp(method, {'flow', 'euler', 'heun', 'rk4', 'implicit'}))
  th.unit = 'time';
end
L = P.L;
mu = P.mu;
h = run.step;
e0 = P.e0;
if isfield(P, 'fstar') && isequal(P.fstar, -Inf)
  th.kind = 'unbounded';
  th.reason = 'unbounded below (f* = -Inf)';
  return
end
if isfinite(mu) && mu < 0
  th.kind = 'nonconvex';
  th.reason = 'nonconvex (mu < 0): no convex theory';
  return
end
if strcmp(method, 'sgd')
  th.unit = 'epoch';
  th.floor = NaN;
  th.floor_sde = NaN;
end
switch method
  case 'sgd'
    th = sgd_theory(th, P, run, n);
  case {'gd', 'euler'}
    th = gd_theory(th, P, h, n, e0);
  case 'heavyball'
    th = heavyball_theory(th, P, h, run.momentum);
  case 'nesterov'
    th = nesterov_theory(th, P, h, run.momentum, n, e0);
  case {'proximal', 'implicit'}
    th = proximal_theory(th, P, h, n, e0);
  case {'heun', 'rk4'}
    th = rk_theory(th, P, h, n, e0, method);
  case 'flow'
    th = flow_theory(th, P, n, e0);
  otherwise
    th.reason = sprintf('%s: no rate theorem here', method);
end
if ~strcmp(method, 'flow') && strcmp(th.unit, 'time') && isfinite(th.rate)
  th.rate = th.rate ^ (1 / h);                 % per step -> per unit time
end
% a bound on f - f* needs f*: with f* unknown only the rates remain
if isfield(P, 'fstar') && isnan(P.fstar) && any(~isnan(th.bound))
  th.bound(:) = NaN;
  th.label = '';
  th.reason = 'f* unknown: no bound on f - f*';
end
% GD and euler with eta < 2/L (descent lemma), the proximal point method and
% the flow never increase f: their bounds are at most e_0 (this also gives
% R^2/(2 eta k) its value e_0 at k = 0); Nesterov's method is not monotone
if any(strcmp(method, {'gd', 'euler', 'proximal', 'implicit', 'flow'})) && isfinite(e0) && e0 >= 0
  has = ~isnan(th.bound);
  th.bound(has) = min(th.bound(has), e0);
end
end

% ---------------------------------------------------------------------------
function th = sgd_theory(th, P, run, n)
% SGD on a finite sum (issue 16): the mean's rate per epoch and the noise floor
L = P.L;
eta = run.step;
if ~(isfinite(L) && L > 0 && isfinite(P.mu))
  th.reason = 'L or mu unknown';
  return
end
if ~(isfinite(eta) && eta > 0)
  th.reason = 'no fixed step';
  return
end
th.stable = double(eta < 2 / L);
per = run.m / run.batch;                       % steps per epoch
if eta >= 2 / L
  th.kind = 'unstable';
  th.rate = (eta * L - 1) ^ (2 * per);
  th.reason = sprintf('eta >= 2/L: the mean grows by %.4g/step', (eta * L - 1) ^ 2);
  return
end
if ~strcmpi(run.schedule, 'constant')
  % eta0/(1 + k/k0) (k0 = m/B, gd_run's default) on a mu-strongly convex f:
  % E[f - f*] = O(1/k) when eta0*k0*mu > 1 (Bottou, Curtis, Nocedal, SIAM
  % Review 60, 2018, Thm 4.7); slower otherwise, and for eta0/sqrt(1 + k/k0)
  if strcmpi(run.schedule, 'inverse') && P.mu > 0 && eta * per * P.mu > 1
    th.kind = 'sublinear';
  end
  th.reason = 'decreasing steps: no noise floor, E[f - f*] -> 0';
  return
end
if ~P.quadratic
  th.reason = 'not least squares: no exact mean recursion or floor here';
  return
end
th.kind = 'linear';
if P.mu > 0
  th.rate = max(abs(1 - eta * spectrum(P))) ^ (2 * per);
end
c = run.cov;
if isempty(c)
  th.reason = 'noise floor: least squares (gd_sgd_cov) only';
  return
end
th.floor_sde = c.floor_sde;
if ~isempty(c.exact_stable) && ~c.exact_stable
  th.stable = 0;
  th.kind = 'unstable';
  th.reason = 'eta < 2/L but the second moment grows (multiplicative noise; gd_sgd_cov)';
  return
end
if ~isempty(c.floor_exact)
  th.floor = c.floor_exact;
else
  th.floor = c.floor_discrete;
end
th.bound = th.floor * ones(size(n));
th.label = sprintf('noise floor E[f-f^*] = %.3g', th.floor);
end

% ---------------------------------------------------------------------------
function th = gd_theory(th, P, eta, n, e0)
L = P.L;
mu = P.mu;
if ~(isfinite(L) && L > 0)
  th.reason = 'L unknown';
  return
end
if ~(isfinite(eta) && eta > 0)
  th.reason = 'no fixed step (backtracking)';
  return
end
if ~isfinite(mu)
  th.reason = 'mu unknown (convexity not known)';
  return
end
% stability: e_k <= e_0 for every convex L-smooth f iff eta < 2/L (the top
% mode of L x^2/2 grows by |1 - eta L|^2 per step otherwise)
th.stable = double(eta < 2 / L);
if eta >= 2 / L
  th.kind = 'unstable';
  th.rate = (eta * L - 1) ^ 2;
  th.reason = sprintf('eta >= 2/L: unstable, growth %.4g/step', th.rate);
  return
end
if mu == 0
  th = sublinear(th, P, eta, n, e0);
  return
end
th.kind = 'linear';
if P.quadratic
  lam = spectrum(P);
  q = max(abs(1 - eta * lam)) ^ 2;
  th.rate = q;
  th.bound = e0 * q .^ n;
  th.label = sprintf('bound %.4g^k (f_0-f^*)', q);
  return
end
q = max(abs(1 - eta * L), abs(1 - eta * mu)) ^ 2;
qpl = 1 - mu * eta * (2 - L * eta);
if isfinite(P.R2)
  c = L * P.R2 / 2;                            % (L/2) R^2
else
  c = L / mu * e0;                             % >= (L/2) R^2
end
th.rate = q;
th.bound = min(e0 * qpl .^ n, c * q .^ n);
th.label = sprintf('bound min(%.4g^k (f_0-f^*), %.4g^k L R^2/2)', qpl, q);
end

function th = sublinear(th, P, eta, n, e0)
th.kind = 'sublinear';
if ~isfinite(P.R2)
  th.reason = 'theta* unknown: no R = ||theta_0 - theta*||';
  return
end
R2 = P.R2;
L = P.L;
b = 2 * e0 * R2 ./ (2 * R2 + n * eta * (2 - L * eta) * e0);  % Nesterov 2004, Thm 2.1.14
th.label = 'bound 2(f_0-f^*)R^2/(2R^2 + k\eta(2-L\eta)(f_0-f^*))';
if eta * L <= 1 + 1e-12
  b = min(b, R2 ./ (2 * eta * n));             % eta <= 1/L: R^2/(2 eta k)
  th.label = 'bound min(R^2/(2\eta k), Nesterov 2.1.14)';
end
th.bound = b;
end

function lam = spectrum(P)
% the extreme eigenvalues of A: every formula used with them is extremal at
% an end of [mu, L] (|1 - eta lambda| and the Runge-Kutta stability functions
% are convex in lambda, 1/(1 + h lambda) is monotone, and the heavy-ball
% radius is sqrt(beta) between its real-root ends)
lam = [P.mu; P.L];
end

% ---------------------------------------------------------------------------
function th = heavyball_theory(th, P, eta, beta)
if ~P.quadratic
  th.reason = 'heavy ball: no global rate for non-quadratic f';
  return
end
if ~(isfinite(P.L) && P.L > 0 && isfinite(P.mu) && P.mu > 0)
  th.reason = 'heavy ball: rate needs L and mu > 0';
  return
end
if ~(isnumeric(beta) && isscalar(beta) && beta >= 0 && beta < 1 && isfinite(eta) && eta > 0)
  th.reason = 'heavy ball: rate needs a fixed step and momentum';
  return
end
lam = spectrum(P);
r = 0;
for i = 1:numel(lam)
  r = max(r, max(abs(roots([1, -(1 + beta - eta * lam(i)), beta]))));
end
th.rate = r ^ 2;
th.stable = double(r < 1);
if r < 1
  th.kind = 'linear';
  th.reason = 'asymptotic rate only (no bound with constant 1)';
else
  th.kind = 'unstable';
  th.reason = 'heavy ball unstable: spectral radius >= 1';
end
end

function th = nesterov_theory(th, P, eta, beta, n, e0)
L = P.L;
mu = P.mu;
if ~(isfinite(L) && L > 0 && isfinite(mu) && mu > 0)
  th.reason = 'Nesterov: the bound needs L and mu > 0';
  return
end
sk = sqrt(L / mu);
if ~(isnumeric(beta) && isscalar(beta) && abs(beta - (sk - 1) / (sk + 1)) <= 1e-12 && ...
     abs(eta * L - 1) <= 1e-12)
  if P.quadratic && isnumeric(beta) && isscalar(beta) && beta >= 0 && beta < 1 && isfinite(eta) && eta > 0
    % constant beta on a quadratic: per eigenvalue lambda, with a = eta*lambda,
    % x_{k+1} = (1 + beta)(1 - a) x_k - beta (1 - a) x_{k-1} (the iteration
    % matrix of Lessard, Recht and Packard 2016, sec. 2); its roots have
    % modulus < 1 (Jury's criterion) iff 0 < a < 2(1 + beta)/(1 + 2 beta).
    % The radius falls then rises in a, so its max over [mu, L] is at an end.
    r = 0;
    for lam = spectrum(P)'
      c = 1 - eta * lam;
      r = max(r, max(abs(roots([1, -(1 + beta) * c, beta * c]))));
    end
    th.rate = r ^ 2;
    th.stable = double(r < 1);
    if r < 1
      th.kind = 'linear';
      th.reason = 'asymptotic rate only (constant beta on a quadratic)';
    else
      th.kind = 'unstable';
      th.reason = 'Nesterov unstable: spectral radius >= 1 (eta*L >= 2(1+beta)/(1+2beta))';
    end
    return
  end
  th.reason = 'Nesterov: bound only for eta = 1/L, beta = (sqrt(kappa)-1)/(sqrt(kappa)+1)';
  return
end
q = 1 - sqrt(mu / L);
if isfinite(P.R2)
  c = e0 + mu * P.R2 / 2;
else
  c = 2 * e0;                                  % mu R^2/2 <= e_0
end
th.kind = 'linear';
th.stable = 1;
th.rate = q;
th.bound = c * q .^ n;
th.label = sprintf('bound %.4g^k (f_0-f^* + \\mu R^2/2)', q);
end

% ---------------------------------------------------------------------------
function th = proximal_theory(th, P, h, n, e0)
mu = P.mu;
if ~(isfinite(h) && h > 0)
  th.reason = 'no fixed step';
  return
end
if ~isfinite(mu)
  th.reason = 'mu unknown (convexity not known)';
  return
end
th.stable = 1;
if mu == 0
  th.kind = 'sublinear';
  if ~isfinite(P.R2)
    th.reason = 'theta* unknown: no R = ||theta_0 - theta*||';
    return
  end
  th.bound = P.R2 ./ (2 * h * n);
  th.label = 'bound R^2/(2hk)';
  return
end
th.kind = 'linear';
if P.quadratic
  q = max(1 ./ (1 + h * spectrum(P))) ^ 2;
else
  q = 1 / (1 + h * mu);
end
th.rate = q;
th.bound = e0 * q .^ n;
th.label = sprintf('bound %.4g^k (f_0-f^*)', q);
end

function th = rk_theory(th, P, h, n, e0, method)
if ~P.quadratic
  th.reason = sprintf('%s: rate theorem for quadratics only', method);
  return
end
if ~(isfinite(P.L) && P.L > 0 && isfinite(P.mu) && isfinite(h) && h > 0)
  th.reason = 'L or mu unknown';
  return
end
z = -h * spectrum(P);
if strcmp(method, 'heun')
  Rz = 1 + z + z .^ 2 / 2;
else
  Rz = 1 + z + z .^ 2 / 2 + z .^ 3 / 6 + z .^ 4 / 24;
end
q = max(abs(Rz)) ^ 2;
th.rate = q;
th.stable = double(q < 1);
if q < 1
  th.kind = 'linear';
  th.bound = e0 * q .^ n;
  th.label = sprintf('bound %.4g^k (f_0-f^*)', q);
elseif P.mu == 0
  th.kind = 'sublinear';
  th.stable = double(all(abs(Rz(z < 0)) < 1));
  th.rate = NaN;
  th.reason = sprintf('%s with mu = 0: no bound here', method);
else
  th.kind = 'unstable';
  th.reason = sprintf('%s unstable at this h', method);
end
end

function th = flow_theory(th, P, t, e0)
mu = P.mu;
if ~isfinite(mu)
  th.reason = 'mu unknown (convexity not known)';
  return
end
th.stable = 1;
if mu > 0
  th.kind = 'linear';
  th.rate = exp(-2 * mu);
  th.bound = e0 * exp(-2 * mu * t);
  th.label = 'bound e^{-2\mu t}(f_0-f^*)';
  return
end
th.kind = 'sublinear';
if ~isfinite(P.R2)
  th.reason = 'theta* unknown: no R = ||theta_0 - theta*||';
  return
end
th.bound = P.R2 ./ (2 * t);
th.label = 'bound R^2/(2t)';
end

% ---------------------------------------------------------------------------
function a = step_max(method, beta)
% the largest stable eta*L on quadratics (the top eigenvalue decides):
% GD |1 - a| < 1; heavy ball z^2 - (1 + beta - a) z + beta: Jury's
% |1 + beta - a| < 1 + beta; Nesterov z^2 - (1 + beta)(1 - a) z + beta(1 - a):
% (1 + beta)(a - 1) < 1 + beta(1 - a) for a > 1
beta = double(beta);
switch lower(method)
  case 'gd'
    a = 2 + 0 * beta;
  case 'heavyball'
    a = 2 * (1 + beta);
  case 'nesterov'
    a = 2 * (1 + beta) ./ (1 + 2 * beta);
  otherwise
    a = NaN(size(beta));
end
end
