%% The stability threshold of gradient descent: eta < 2/L
% Claim (lecture sections 2.3 and 4.3): on the scalar test problem
% f = 1/2 lambda theta^2, GD is theta_k = (1 - eta lambda)^k * theta_0 and
% converges if and only if abs(1 - eta lambda) < 1, i.e. eta < 2/lambda, while
% the gradient flow theta(t) = exp(-lambda t) theta_0 decays for every
% lambda > 0; on a quadratic the error is e_k = (I - eta A)^k * e_0 and GD
% converges if and only if the spectral radius rho(I - eta A) =
% max_i abs(1 - eta lambda_i) is below 1, i.e. eta < 2/L with L = lambda_max(A).
%
% Shows: GD iterates of the scalar problem at four step sizes (monotone,
% oscillating, oscillating, diverging) beside the flow; abs(theta_K) after K
% steps over a sweep of eta across 2/lambda against abs(1 - eta lambda)^K;
% on a 2-D quadratic, the GD paths just below and just above 2/L and the
% measured per-step contraction of norm(theta_k - theta*) over a sweep of eta
% against rho(I - eta A).  The table puts the measured numbers (gd_run,
% gd_compare) beside rho(I - eta A); the demo stops with an error if a
% step below 2/L diverges, a step above converges, or a measured rate is
% off the spectral radius.
%
% Figures: stability_scalar.png, stability_quadratic.png.
% Set GDF_QUICK = true for a smaller sweep, GDF_FIGDIR to write elsewhere.
%
% Run:  cd demos; demo_stability

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
nsweep = 141;
if GDF_QUICK
  nsweep = 36;
end
fprintf('\n=== demo_stability: GD converges iff eta < 2/L (the flow always does) ===\n');

%% Scalar test problem: theta_{k+1} = (1 - eta lambda) theta_k
% Hypotheses: f(theta) = lambda theta^2/2 with lambda > 0, a fixed step eta.
% GD converges exactly when the factor 1 - eta lambda has modulus below 1,
% i.e. eta < 2/lambda.  Look at the left panel (iterates oscillate and grow
% above 2/lambda) and the right one (theta_K against eta lambda).

% ---- 1. the scalar test problem f = 1/2*lambda*theta^2 -----------------------
lambda = 4;
scalar = gd_quadratic(lambda);
K = 40;
etas_path = [0.3, 1.6, 1.9, 2.1] / lambda;
fig = gdf_demo_figure(1400, 700);
subplot(1, 2, 1);
colors = gdf_demo_palette(numel(etas_path));
hp = zeros(1, numel(etas_path) + 1);
labels = cell(1, numel(etas_path) + 1);
Kp = 14;
for i = 1:numel(etas_path)
  [~, info] = gd_run(scalar, 1, 'StepSize', etas_path(i), 'MaxIter', Kp, 'GradTol', 0, ...
                     'DivergenceLimit', Inf, 'History', 'full');
  hp(i) = plot(0:Kp, info.theta, 'o-', 'color', colors(i, :), 'markersize', 5, 'linewidth', 1.8);
  hold on;
  labels{i} = sprintf('GD, \\eta\\lambda = %.1f', etas_path(i) * lambda);
end
% the flow, plotted against t/eta for the smallest step (its time axis)
t = linspace(0, Kp * etas_path(1), 200);
gf = gf_exact(lambda, 0, 1, t);
hp(end) = plot(t / etas_path(1), gf, 'k--', 'linewidth', 2);
labels{end} = 'flow e^{-\lambda t} (t = 0.3k/\lambda)';
plot([0 Kp], [0 0], 'k-', 'linewidth', 1.5);
ylim([-3.2 3.2]);
xlim([0 Kp]);
xlabel('iteration k');
ylabel('\theta_k');
title(sprintf('f = \\lambda\\theta^2/2, \\lambda = %g: \\theta_k = (1-\\eta\\lambda)^k \\theta_0', lambda));
legend(hp, labels, 'location', 'eastoutside');
grid on;
hold off;

% sweep of eta across 2/lambda: |theta_K| measured by gd_run
eta_s = linspace(0.02, 2.6, nsweep) / lambda;
thK = zeros(size(eta_s));
for i = 1:numel(eta_s)
  thK(i) = abs(gd_run(scalar, 1, 'StepSize', eta_s(i), 'MaxIter', K, 'GradTol', 0, 'DivergenceLimit', Inf));
end
subplot(1, 2, 2);
eta_f = linspace(eta_s(1), eta_s(end), 600);
semilogy(eta_f * lambda, max(abs(1 - eta_f * lambda) .^ K, 1e-300), 'k-', 'linewidth', 1.5);
hold on;
stable_s = thK < 1;
semilogy(eta_s(stable_s) * lambda, max(thK(stable_s), 1e-300), 'o', 'color', [0 0.447 0.698], ...
         'markerfacecolor', [0 0.447 0.698], 'markersize', 5);
semilogy(eta_s(~stable_s) * lambda, thK(~stable_s), 'x', 'color', [0.835 0.369 0], 'markersize', 8, 'linewidth', 2);
yl = [1e-16 1e10];
set(gca, 'ytick', 10 .^ (-15:5:10));
semilogy([2 2], yl, '--', 'color', [0.835 0.369 0], 'linewidth', 1.5);
ylim(yl);
xlim([0 2.6]);
xlabel('\eta\lambda');
ylabel(sprintf('|\\theta_K| / |\\theta_0| after K = %d steps', K));
title('final error across the threshold \eta = 2/\lambda');
legend({sprintf('theory |1-\\eta\\lambda|^{%d}', K), 'GD: converged', 'GD: diverged', '\eta = 2/\lambda'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
grid on;
hold off;
f1 = gdf_demo_save(fig, outdir, 'stability_scalar.png');

%% Table for the scalar problem

fprintf('\nScalar test problem, lambda = %g, 2/lambda = %g, K = %d steps from theta_0 = 1:\n', lambda, 2 / lambda, K);
fprintf('  %-10s %-8s %16s %16s %9s\n', 'eta', 'eta*lam', '|theta_K| (GD)', '|1-eta*lam|^K', 'stable?');
show = unique(round(linspace(1, numel(eta_s), 7)));
show = unique([show, find(eta_s * lambda < 2, 1, 'last'), find(eta_s * lambda > 2, 1)]);
for i = show
  st = 'yes';
  if ~stable_s(i)
    st = 'NO';
  end
  fprintf('  %-10.4g %-8.3f %16.6e %16.6e %9s\n', eta_s(i), eta_s(i) * lambda, thK(i), abs(1 - eta_s(i) * lambda) ^ K, st);
end
% the closed form of GD and the threshold, both measured
relerr = abs(thK - abs(1 - eta_s * lambda) .^ K) ./ max(abs(1 - eta_s * lambda) .^ K, realmin);

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(max(relerr(thK > 1e-280)) < 1e-9, ...
               'scalar GD: |theta_K| = |1 - eta*lambda|^K (max relative deviation %.1e)', max(relerr(thK > 1e-280)));
gdf_demo_claim(isequal(stable_s, eta_s * lambda < 2), ...
               'scalar GD: converges exactly for eta < 2/lambda = %g (%d of %d steps)', 2 / lambda, ...
               sum(stable_s), numel(eta_s));


%% A 2-D quadratic: the rate maxabs(1 - eta lambda_i) and the threshold 2/L
% Hypotheses: f a quadratic with Hessian eigenvalues mu, L > 0.  Look at the
% measured rates (markers) on the V-shaped theoretical curve, crossing 1
% exactly at eta = 2/L.
% ---- 2. a 2-D quadratic: the spectral radius of I - eta A --------------------
R = [cos(pi / 5), -sin(pi / 5); sin(pi / 5), cos(pi / 5)];
A = R * diag([1 10]) * R';
A = (A + A') / 2;
prob = gd_quadratic(A, [1; -1]);
L = prob.L;
mu = prob.mu;
theta0 = prob.theta_star + [-2.5; 1.5];
K2 = 60;
eta2 = linspace(0.05, 1.2, nsweep) * 2 / L;
rho = zeros(size(eta2));
meas = zeros(size(eta2));
for i = 1:numel(eta2)
  rho(i) = max(abs(eig(eye(2) - eta2(i) * A)));
  [~, info] = gd_run(prob, theta0, 'StepSize', eta2(i), 'MaxIter', K2, 'GradTol', 0, ...
                     'DivergenceLimit', Inf, 'History', 'full');
  err = sqrt(sum(bsxfun(@minus, info.theta, prob.theta_star) .^ 2, 1));
  meas(i) = (err(end) / err(K2 / 2 + 1)) ^ (2 / K2);        % per-step factor, second half
end

fig = gdf_demo_figure(1400, 760);
subplot(1, 2, 1);
ws = warning('off', 'gdflow:diverged');
[~, below] = gd_run(prob, theta0, 'StepSize', 0.95 * 2 / L, 'MaxIter', 25, 'GradTol', 0, 'History', 'full');
[~, above] = gd_run(prob, theta0, 'StepSize', 1.05 * 2 / L, 'MaxIter', 25, 'GradTol', 0, 'History', 'full');
warning(ws);
c = prob.theta_star;
gd_plot(prob, {below, above}, 'Limits', [c(1) - 4, c(1) + 4, c(2) - 4, c(2) + 4], ...
        'Streamlines', theta0, 'Labels', {'\eta = 0.95 (2/L)', '\eta = 1.05 (2/L)'}, ...
        'Title', sprintf('A with eigenvalues %g and %g: GD just below / above 2/L', mu, L));
legend('location', 'southoutside', 'orientation', 'horizontal');
subplot(1, 2, 2);
eta_f = linspace(eta2(1), eta2(end), 600);
rho_f = zeros(size(eta_f));                      % from the theory module: its rate of f - f* is
for i = 1:numel(eta_f)                           % rho^2, rho = max|1 - eta*lambda| (also past 2/L)
  th = gd_theory(prob, 'gd', eta_f(i));
  rho_f(i) = sqrt(th.rate);
end
rho_t = zeros(size(eta2));                       % the same at the swept steps
for i = 1:numel(eta2)
  th = gd_theory(prob, 'gd', eta2(i));
  rho_t(i) = sqrt(th.rate);
end
plot(eta_f * L / 2, rho_f, 'k-', 'linewidth', 1.5);
hold on;
plot(eta2 * L / 2, meas, 'o', 'color', [0 0.447 0.698], 'markersize', 6);
plot([0 1.2], [1 1], 'k:', 'linewidth', 1.5);
plot([1 1], [0 1.5], '--', 'color', [0.835 0.369 0], 'linewidth', 1.5);
plot([1 1] * 2 / (L + mu) * L / 2, [0 1.5], '--', 'color', [0 0.620 0.451], 'linewidth', 1.5);
ylim([0 1.5]);
xlim([0 1.2]);
xlabel('\eta / (2/L)');
ylabel('contraction per step of ||\theta_k - \theta^*||');
title('measured rate against \rho(I - \eta A)');
legend({'\rho(I-\eta A) = max_i|1-\eta\lambda_i|', 'GD, measured', 'rate 1', '\eta = 2/L', '\eta = 2/(L+\mu)'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
grid on;
hold off;
f2 = gdf_demo_save(fig, outdir, 'stability_quadratic.png');

%% Table for the 2-D quadratic

fprintf('\n2-D quadratic with eigenvalues %g and %g (L = %g, 2/L = %g); rates per step over k = %d..%d:\n', ...
        mu, L, L, 2 / L, K2 / 2, K2);
pick = [0.25, 0.5, 2 / (L + mu) * L / 2, 0.95, 1.05] * 2 / L;
runs = num2cell(pick);
T = gd_compare(prob, theta0, runs, 'MaxIter', K2, 'Display', 'off');
fprintf('  %-10s %-8s %14s %18s %16s %16s %9s %9s\n', 'eta', 'eta*L/2', 'rho(I-eta*A)', '||e_k|| rate (GD)', ...
        'f rate (GD)', 'rho^2 (theory)', 'stable?', 'eta<2/L?');
mt = zeros(size(pick));
rt = zeros(size(pick));
for i = 1:numel(pick)
  [~, info] = gd_run(prob, theta0, 'StepSize', pick(i), 'MaxIter', K2, 'GradTol', 0, ...
                     'DivergenceLimit', Inf, 'History', 'full');
  err = sqrt(sum(bsxfun(@minus, info.theta, prob.theta_star) .^ 2, 1));
  m = (err(end) / err(K2 / 2 + 1)) ^ (2 / K2);
  r = max(abs(eig(eye(2) - pick(i) * A)));
  yesno = {'NO', 'yes'};
  fprintf('  %-10.4g %-8.3f %14.6f %18.6f %16.6f %16.6f %9s %9s\n', pick(i), pick(i) * L / 2, r, m, ...
          T(i).rate, T(i).theory, yesno{T(i).stable + 1}, yesno{(pick(i) < 2 / L) + 1});
  mt(i) = m;
  rt(i) = r;
end
% asymptotic rates: the slower mode leads by (ratio of the two modes)^30 after 30 steps

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(abs(mt - rt) < 1e-4 * rt) && all(abs([T.rate] - rt .^ 2) < 1e-4 * rt .^ 2), ...
               'table: measured ||e|| rate = rho(I - eta*A) and f rate = rho^2 to 1e-4 (relative)');
gdf_demo_claim(isequal([T.stable], pick < 2 / L), 'table: gd_compare flags exactly the steps above 2/L as unstable');
gdf_demo_claim(isequal(meas < 1, eta2 < 2 / L), ...
               '2-D quadratic: GD contracts exactly for the %d swept steps below 2/L, grows for the %d above', ...
               sum(eta2 < 2 / L), sum(eta2 >= 2 / L));
gdf_demo_claim(max(abs(meas - rho) ./ rho) < 0.02 && max(abs(rho_t - rho) ./ rho) < 1e-12, ...
               'measured contraction within %.2g%% of rho(I - eta*A) over the whole sweep (= gd_theory''s, to %.0e)', ...
               100 * max(abs(meas - rho) ./ rho), max(abs(rho_t - rho) ./ rho));
fprintf('\nFigures written to %s:\n  %s\n  %s\n', outdir, f1, f2);
