%% Sufficient decrease and the O(1/k) rate of GD on a convex, not strongly convex problem
% Claims (lecture section 2.1, and 3.2 for the flow):
%
%     sufficient decrease  f(theta_{k+1}) <= f(theta_k) - eta*(1 - L*eta/2)*||grad f(theta_k)||^2
%                          for every step, whenever 0 < eta < 2/L;
%     O(1/k) rate          f(theta_k) - f* <= L*||theta_0 - theta*||^2 / (2k) for eta = 1/L,
%                          and f(theta(t)) - f* <= ||theta_0 - theta*||^2 / (2t) for the flow.
%
% The problem is rank-deficient least squares (gd_leastsq): the Hessian
% X'X/m has eigenvalues 1/i^2, i = 1..r, and p - r zeros, so f is convex
% and L-smooth but not strongly convex (mu = 0) and there is no linear
% rate to fall back on.  theta_0 = 0, so theta* (the minimum-norm
% minimizer) is the minimizer closest to theta_0.
%
% Shows: f - f* of GD (eta = 1/L) against k and of the flow against t L on
% log-log axes beside the bound L R^2/(2k) (one curve: t = k/L); the
% decrease of each GD step divided by the guaranteed eta (1 - L eta/2) norm(g)^2
% at four step sizes (never below 1).  Tables: measured f_k - f* against the bound at
% several k, the smallest ratio (actual decrease)/(guaranteed decrease)
% over all steps at four step sizes, and gd_compare's summary.  The demo
% stops with an error if any bound is violated.
%
% Figure: convex_rate.png.  GDF_QUICK = true: fewer iterations; GDF_FIGDIR: output folder.
%
% Run:  cd demos; demo_convex_rate

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
K = 5000;
if GDF_QUICK
  K = 600;
end
fprintf('\n=== demo_convex_rate: sufficient decrease and f_k - f* <= L R^2/(2k) (mu = 0) ===\n');

%% Hypotheses and runs
% Hypotheses: f convex and L-smooth (here mu = 0: no linear rate), a fixed
% step 0 < eta < 2/L for sufficient decrease and eta = 1/L for the O(1/k)
% rate.  Runs of GD at several steps and of the flow.

% ---- rank-deficient least squares: Hessian eigenvalues 1/i^2 and zeros ------
% theta* has components c_i = i^(-1/2) on the eigenvectors: then f_k - f* ~ 1/k
% until k ~ r^2 (sum_i i^-3 (1 - i^-2)^(2k) ~ 1/(4k)), the regime of the bound
m = 200;
p = 120;
r = 100;
randn('seed', 7);
[U, ~] = qr(randn(m, p), 0);
[V, ~] = qr(randn(p));
s = zeros(p, 1);
s(1:r) = sqrt(m) ./ (1:r)';                     % eigenvalues of X'X/m: 1/i^2
X = U * diag(s) * V';
theta_true = V(:, 1:r) * (1:r)' .^ -0.5;
noise = randn(m, 1);
noise = noise - U(:, 1:r) * (U(:, 1:r)' * noise);   % outside the range of X: f* > 0
y = X * theta_true + noise;
prob = gd_leastsq(X, y);
L = prob.L;
theta0 = zeros(p, 1);
R2 = sum((theta0 - prob.theta_star) .^ 2);
fprintf('least squares, m = %d, p = %d, rank %d: L = %.4g, mu = %g, f* = %.6g, ||theta_0 - theta*||^2 = %.4g\n', ...
        m, p, r, L, prob.mu, prob.f_star, R2);

% ---- GD at eta = 1/L and the flow -------------------------------------------
[~, info] = gd_run(prob, theta0, 'StepSize', '1/L', 'MaxIter', K, 'GradTol', 0);
k = 1:K;
gap = info.f(2:end) - prob.f_star;
bound = L * R2 ./ (2 * k);
A = (X' * X) / m;
b = (X' * y) / m;
tk = unique(round(logspace(0, log10(K), 60))) / L;   % flow times t = k/L
Theta = gf_exact(A, b, theta0, tk);
gf_gap = gd_eval(prob, Theta') - prob.f_star;
gf_bound = R2 ./ (2 * tk);

% ---- sufficient decrease at four step sizes ---------------------------------
etas = [0.5, 1, 1.5, 1.9] / L;
Kd = min(K, 400);
minratio = zeros(size(etas));
dec = cell(size(etas));
guar = cell(size(etas));
for i = 1:numel(etas)
  [~, inf_i] = gd_run(prob, theta0, 'StepSize', etas(i), 'MaxIter', Kd, 'GradTol', 0);
  dec{i} = -diff(inf_i.f);
  guar{i} = etas(i) * (1 - L * etas(i) / 2) * inf_i.gradnorm(1:end - 1) .^ 2;
  use = guar{i} > 1e4 * eps * abs(prob.f_star);   % above the rounding of f
  minratio(i) = min(dec{i}(use) ./ guar{i}(use));
end


%% The gap against L R^2/(2k), and the decrease ratio
% Look at the left panel: the gap of GD and of the flow stay below the bound
% line for every k.  Right: the ratio of actual to guaranteed decrease stays
% at or above 1 for every step size.
% ---- the figure -----------------------------------------------------------------
fig = gdf_demo_figure(1400, 780);
subplot(1, 2, 1);
loglog(k, gap, '-', 'color', [0 0.447 0.698], 'linewidth', 3.5);
hold on;
loglog(tk * L, gf_gap, 'o', 'color', [0 0.620 0.451], 'markersize', 5, 'linewidth', 1.5);
loglog(k, bound, 'k-', 'linewidth', 2.5);
xlabel('iteration k   (flow: t L)');
ylabel('f - f^*');
title(sprintf('rank-deficient least squares (rank %d of %d), \\mu = 0', r, p));
legend({'GD, \eta = 1/L', 'gradient flow at t = k/L', 'bound L||\theta_0-\theta^*||^2/(2k) = ||\theta_0-\theta^*||^2/(2t)'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
grid on;
xlim([1 K]);
hold off;
subplot(1, 2, 2);
cols = gdf_demo_palette(numel(etas));
labs = cell(1, numel(etas) + 1);
for i = 1:numel(etas)
  kk = 0:numel(dec{i}) - 1;
  use = guar{i} > 1e4 * eps * abs(prob.f_star);
  semilogy(kk(use), dec{i}(use) ./ guar{i}(use), '-', 'color', cols(i, :), 'linewidth', 3);
  hold on;
  labs{i} = sprintf('\\eta = %.2g/L', etas(i) * L);
end
semilogy([0 Kd], [1 1], 'k--', 'linewidth', 2);
labs{end} = 'ratio 1: the guaranteed decrease';
xlabel('iteration k');
ylabel('(f_k - f_{k+1}) / (\eta(1-L\eta/2) ||grad f_k||^2)');
title('sufficient decrease: actual / guaranteed \geq 1 at every step');
legend(labs, 'location', 'southoutside', 'orientation', 'horizontal');
grid on;
xlim([0 Kd]);
ylim([0.8 1000]);
hold off;
f1 = gdf_demo_save(fig, outdir, 'convex_rate.png');

%% Tables

% ---- tables -------------------------------------------------------------------
fprintf('\nO(1/k): GD with eta = 1/L, and the flow at t = k/L (bound R^2/(2t) = L R^2/(2k)):\n');
fprintf('  %8s %16s %16s %10s %16s %10s\n', 'k', 'GD f_k - f*', 'L R^2/(2k)', 'ratio', 'GF f(t) - f*', 'ratio');
for kk = unique(round(logspace(0, log10(K), 7)))
  [~, j] = min(abs(tk * L - kk));
  fprintf('  %8d %16.6e %16.6e %10.4f %16.6e %10.4f\n', kk, gap(kk), bound(kk), gap(kk) / bound(kk), ...
          gf_gap(j), gf_gap(j) / gf_bound(j));
end
kf = 10:min(K, 1000);
slope = polyfit(log(kf), log(gap(kf)), 1);
fprintf('  log-log slope of GD f_k - f* over k = %d..%d: %.3f (the bound has slope -1)\n', kf(1), kf(end), slope(1));

fprintf('\nSufficient decrease over %d steps: min over k of (f_k - f_{k+1}) / (eta (1 - L eta/2) ||grad f_k||^2):\n', Kd);
fprintf('  %10s %10s %22s %14s\n', 'eta', 'eta*L', 'eta(1 - L eta/2) * L', 'min ratio');
for i = 1:numel(etas)
  fprintf('  %10.4g %10.2f %22.4f %14.6f\n', etas(i), etas(i) * L, etas(i) * (1 - L * etas(i) / 2) * L, minratio(i));
end

T = gd_compare(prob, theta0, {'1/L', struct('method', 'gf', 'solver', 'exact', 'T', K / L)}, 'MaxIter', K);


%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(gap <= bound * (1 + 1e-12)), 'GD: f_k - f* <= L R^2/(2k) for all k = 1..%d (max ratio %.4f)', ...
               K, max(gap ./ bound));
gdf_demo_claim(all(gf_gap <= gf_bound * (1 + 1e-12)), 'flow: f(theta(t)) - f* <= R^2/(2t) at all %d times (max ratio %.4f)', ...
               numel(tk), max(gf_gap ./ gf_bound));
gdf_demo_claim(all(minratio >= 1 - 1e-6), 'sufficient decrease holds at every step for eta*L = %s', ...
               strjoin(arrayfun(@(v) sprintf('%.1f', v), etas * L, 'UniformOutput', false), ', '));
gdf_demo_claim(all([T.within] == 1), 'gd_compare: final f - f* within its bound for GD and for the flow');
fprintf('\nFigure written to %s:\n  %s\n', outdir, f1);
