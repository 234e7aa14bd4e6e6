%% Linear convergence of GD under strong convexity, and O(kappa log(1/eps)) iterations
% Claims (lecture section 2.2): if f is L-smooth and mu-strongly convex,
%
%     eta = 1/L:         ||theta_k - theta*||^2 <= (1 - mu/L)^k ||theta_0 - theta*||^2
%                        f(theta_k) - f*        <= (1 - mu/L)^k (f(theta_0) - f*)
%     eta = 2/(L+mu):    ||theta_k - theta*||^2 <= ((kappa-1)/(kappa+1))^(2k) ||theta_0 - theta*||^2
%
% and the number of iterations to reach f - f* <= eps (f_0 - f*) is
% O(kappa log(1/eps)), kappa = L/mu.
%
% Problems: a quadratic in d = 50 with eigenvalues spread from mu = 1 to
% L = 50 and theta_0 with components on every eigenvector; ridge-regularized
% logistic regression (a function handle, so the C loop calls back into the
% interpreter), f = mean(log(1 + exp(X theta)) - y.*X theta) + lambda/2 norm(theta)^2
% with mu = lambda and L = lambda_max(X'X)/(4m) + lambda.  A sweep of
% quadratics with kappa from 2 to 1000 gives the iteration counts.
%
% Figures: linear_rate.png (errors against the bounds), linear_rate_kappa.png
% (iterations to eps against kappa).  The demo stops with an error if a
% bound is violated.  GDF_QUICK = true: a shorter sweep; GDF_FIGDIR: output folder.
%
% Run:  cd demos; demo_linear_rate

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
kappas = round(logspace(log10(2), 3, 12));
if GDF_QUICK
  kappas = [2 10 50 200];
end
fprintf('\n=== demo_linear_rate: linear rates (1 - mu/L)^k and ((kappa-1)/(kappa+1))^(2k); O(kappa log(1/eps)) ===\n');

%% Hypotheses and runs
% Hypotheses: f is mu-strongly convex and L-smooth; a fixed step 1/L or
% 2/(L+mu).  Two problems: a quadratic and ridge-regularized logistic
% regression.

% ---- the two problems ------------------------------------------------------------
d = 50;
randn('seed', 3);
[Q, ~] = qr(randn(d));
A = Q * diag(logspace(0, log10(50), d)) * Q';
A = (A + A') / 2;
quad = gd_quadratic(A, randn(d, 1));
theta0_q = quad.theta_star + Q * ones(d, 1);          % every eigen-component 1

m = 200;
p = 10;
Xl = [ones(m, 1), randn(m, p - 1)];
yl = double(Xl * randn(p, 1) + 0.5 * randn(m, 1) > 0);
lambda = 0.05;
sp = @(z) max(z, 0) + log1p(exp(-abs(z)));           % log(1 + exp(z)), stable
sg = @(z) 1 ./ (1 + exp(-z));
logi = @(th) deal(mean(sp(Xl * th) - yl .* (Xl * th)) + lambda / 2 * (th' * th), ...
                  Xl' * (sg(Xl * th) - yl) / m + lambda * th);
L_l = max(eig(Xl' * Xl)) / (4 * m) + lambda;
mu_l = lambda;
theta0_l = zeros(p, 1);
% theta* and f* of the logistic problem, by GD itself run to a tiny gradient
[ts_l, info_l] = gd_run(logi, theta0_l, 'StepSize', 1 / L_l, 'MaxIter', 100000, 'GradTol', 1e-13);
fs_l = info_l.fval;

names = {sprintf('quadratic, d = %d, kappa = %g', d, quad.L / quad.mu), ...
         sprintf('ridge logistic (handle), kappa = %.3g', L_l / mu_l)};
probs = {quad, logi};
theta0s = {theta0_q, theta0_l};
tstar = {quad.theta_star, ts_l};
fstar = {quad.f_star, fs_l};
Ls = [quad.L, L_l];
mus = [quad.mu, mu_l];
K = 200;
% ||theta_k - theta*||^2 / ||theta_0 - theta*||^2 is only measurable above the
% accuracy of theta*: rounding for the quadratic, ~(GradTol/mu)^2 for the logistic one
floors = [1e-26, 1e-18];
res = struct('e2', {}, 'gap', {}, 'eta', {}, 'rule', {});
for j = 1:2
  for s = 1:2
    if s == 1
      eta = 1 / Ls(j);
      rule = '1/L';
    else
      eta = 2 / (Ls(j) + mus(j));
      rule = '2/(L+mu)';
    end
    [~, info] = gd_run(probs{j}, theta0s{j}, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
    e2 = sum(bsxfun(@minus, info.theta, tstar{j}) .^ 2, 1);
    res(j, s).e2 = e2 / e2(1);
    g = info.f - fstar{j};
    res(j, s).gap = g / g(1);
    res(j, s).eta = eta;
    res(j, s).rule = rule;
  end
end


%% Errors against the linear rates
% Look at each panel: the measured curves (solid) stay below the rate lines
% (dashed) of the theory, and become parallel to them.
% ---- figure 1: errors against the bounds ---------------------------------------------
fig = gdf_demo_figure(1450, 860);
k = 0:K;
for j = 1:2
  subplot(1, 2, j);
  kap = Ls(j) / mus(j);
  c1 = (1 - 1 / kap) .^ k;
  c2 = ((kap - 1) / (kap + 1)) .^ (2 * k);
  cut = @(v) v(1:min([find(v <= floors(j), 1) - 1, numel(v)]));
  cutf = @(v) v(1:min([find(v <= 1e-12, 1) - 1, numel(v)]));     % f - f* above its rounding
  semilogy(k(1:numel(cut(res(j, 1).e2))), cut(res(j, 1).e2), '-', 'color', [0 0.447 0.698], 'linewidth', 3);
  hold on;
  semilogy(k(1:numel(cutf(res(j, 1).gap))), cutf(res(j, 1).gap), '-', 'color', [0.337 0.706 0.914], 'linewidth', 3);
  semilogy(k(1:numel(cut(res(j, 2).e2))), cut(res(j, 2).e2), '-', 'color', [0.835 0.369 0], 'linewidth', 3);
  semilogy(k, c1, '--', 'color', [0 0.447 0.698], 'linewidth', 1.5);
  semilogy(k, c2, '--', 'color', [0.835 0.369 0], 'linewidth', 1.5);
  leg = {'||\theta_k-\theta^*||^2, \eta = 1/L', 'f - f^*, \eta = 1/L', '||\theta_k-\theta^*||^2, \eta = 2/(L+\mu)', ...
         'bound (1-\mu/L)^k', 'bound ((\kappa-1)/(\kappa+1))^{2k}'};
  if j == 1
    % the text's c = 1 - mu/L is not tight for quadratics: the exact factor is (1 - mu/L)^2
    semilogy(k, c1 .^ 2, '-.', 'color', [0 0.447 0.698], 'linewidth', 1.5);
    leg{end + 1} = 'quadratic worst case (1-\mu/L)^{2k}'; %#ok<SAGROW>
  end
  ylim([1e-16 10]);
  set(gca, 'ytick', 10 .^ (-16:4:0));
  xlabel('iteration k');
  ylabel('relative error');
  title(names{j});
  if j == 1
    legend(leg, 'location', 'southoutside', 'orientation', 'horizontal');
  else
    legend(leg, 'location', 'southoutside', 'orientation', 'horizontal');
  end
  grid on;
  hold off;
end
f1 = gdf_demo_save(fig, outdir, 'linear_rate.png');

%% Per-step factors

fprintf('\nGD for K = %d steps; measured per-step factors over the second half (gd_compare for f):\n', K);
fprintf('  %-38s %-9s %12s %12s %14s %14s %12s\n', 'problem', 'step', '||e||^2 rate', 'f rate', ...
        'text bound c', 'quadratic c', 'max e2/bound');
ok = true;
for j = 1:2
  kap = Ls(j) / mus(j);
  if j == 1
    T = gd_compare(quad, theta0_q, {'1/L', '2/(L+mu)'}, 'MaxIter', K, 'Display', 'off');
  else
    T = gd_compare(logi, theta0_l, {'1/L', '2/(L+mu)'}, 'MaxIter', K, 'L', L_l, 'mu', mu_l, ...
                   'FStar', fs_l, 'Display', 'off');
  end
  for s = 1:2
    e2 = res(j, s).e2;
    use = find(e2 <= floors(j), 1) - 1;              % above the accuracy of theta*
    if isempty(use)
      use = numel(e2);
    end
    h = floor(use / 2);
    rate = (e2(use) / e2(h)) ^ (1 / (use - h));
    if s == 1
      cbound = 1 - 1 / kap;
    else
      cbound = ((kap - 1) / (kap + 1)) ^ 2;
    end
    cq = NaN;                                    % the exact worst case, quadratics only
    if j == 1
      thq = gd_theory(quad, 'gd', res(j, s).eta); % max|1 - eta*lambda|^2 over the spectrum
      cq = thq.rate;
    end
    worst = max(e2(1:use) ./ cbound .^ k(1:use));
    fprintf('  %-38s %-9s %12.6f %12.6f %14.6f %14.6f %12.4f\n', names{j}, res(j, s).rule, rate, T(s).rate, ...
            cbound, cq, worst);
    ok = ok && worst <= 1 + 1e-9;
    if s == 1
      ok = ok && all(res(j, s).gap <= cbound .^ k * (1 + 1e-9) + 1e-12);
    end
  end
end

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(ok, ['||theta_k - theta*||^2 within (1 - mu/L)^k (eta = 1/L) and ((kappa-1)/(kappa+1))^(2k) ' ...
                    '(eta = 2/(L+mu)), f - f* within (1 - mu/L)^k, on both problems, all k']);


%% Iterations against kappa
% Look at the log-log plot: the count grows like kappa (slope 1), under the
% bound kappa log(1/eps).
% ---- figure 2: iterations to eps against kappa ------------------------------------------
epsilon = 1e-6;
Kmeas = zeros(2, numel(kappas));
for i = 1:numel(kappas)
  kap = kappas(i);
  Ak = Q * diag(logspace(0, log10(kap), d)) * Q';
  pk = gd_quadratic((Ak + Ak') / 2);
  t0 = Q * ones(d, 1);
  rules = {'1/L', '2/(L+mu)'};
  for s = 1:2
    [~, info] = gd_run(pk, t0, 'StepSize', rules{s}, 'MaxIter', ceil(kap * log(1 / epsilon)) + 10, 'GradTol', 0);
    g = (info.f - pk.f_star) / (info.f(1) - pk.f_star);
    Kmeas(s, i) = find(g <= epsilon, 1) - 1;
  end
end
Kbound = ceil(log(epsilon) ./ log(1 - 1 ./ kappas));        % from (1 - mu/L)^k <= eps
Ktext = kappas * log(1 / epsilon);
fig = gdf_demo_figure(1000, 680);
loglog(kappas, Kmeas(1, :), 'o-', 'color', [0 0.447 0.698], 'linewidth', 3, 'markersize', 8, 'markerfacecolor', [0 0.447 0.698]);
hold on;
loglog(kappas, Kmeas(2, :), 's-', 'color', [0.835 0.369 0], 'linewidth', 3, 'markersize', 8, 'markerfacecolor', [0.835 0.369 0]);
loglog(kappas, Ktext, 'k-', 'linewidth', 2.5);
loglog(kappas, Kbound, 'k--', 'linewidth', 2);
xlabel('condition number \kappa = L/\mu');
ylabel(sprintf('iterations until f - f^* \\leq %g (f_0 - f^*)', epsilon));
title(sprintf('GD on quadratics (d = %d, eigenvalues from \\mu = 1 to L = \\kappa)', d));
legend({'GD \eta = 1/L (measured)', 'GD \eta = 2/(L+\mu) (measured)', '\kappa log(1/\epsilon)', ...
        'bound from (1-\mu/L)^k \leq \epsilon'}, 'location', 'southeast');
grid on;
hold off;
f2 = gdf_demo_save(fig, outdir, 'linear_rate_kappa.png');

sl = polyfit(log(kappas), log(Kmeas(1, :)), 1);
fprintf('\nIterations until f - f* <= %g (f_0 - f*), measured by gd_run, against kappa:\n', epsilon);
fprintf('  %8s %12s %16s %14s %16s\n', 'kappa', 'K (1/L)', 'K (2/(L+mu))', 'bound K', 'kappa log(1/eps)');
for i = 1:numel(kappas)
  fprintf('  %8g %12d %16d %14d %16.1f\n', kappas(i), Kmeas(1, i), Kmeas(2, i), Kbound(i), Ktext(i));
end
fprintf('  log-log slope of K (eta = 1/L) against kappa: %.3f (theory: 1)\n', sl(1));
% for a quadratic the exact count is about kappa/2 log(1/eps): the text's kappa log(1/eps) is a bound

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(Kmeas(1, :) <= Kbound) && all(Kbound <= ceil(Ktext)), ...
               'K(eps) <= log(eps)/log(1 - 1/kappa) <= kappa log(1/eps) for every kappa');
gdf_demo_claim(abs(sl(1) - 1) < 0.2, 'iterations grow linearly in kappa (slope %.3f, within 0.2 of 1)', sl(1));
fprintf('\nFigures written to %s:\n  %s\n  %s\n', outdir, f1, f2);
