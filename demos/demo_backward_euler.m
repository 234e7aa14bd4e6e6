%% Backward Euler (the proximal point method) is stable far beyond eta = 2/L
% Claim (lecture section 4.3, "Backward Euler"): the implicit step
% theta_{k+1} = theta_k - eta grad f(theta_{k+1}) is the proximal point step
% theta_{k+1} = argmin_u f(u) + norm(u - theta_k)^2/(2 eta); it has no upper
% bound on eta for stability, whereas GD (forward Euler) needs eta < 2/L.
% On a quadratic each eigen-component is multiplied by 1/(1 + eta lambda_i)
% per step, so norm(theta_k - theta*) contracts by 1/(1 + eta mu) for every eta > 0.
%
% Problems: a 2-D quadratic with eigenvalues 1 and 100 (2/L = 0.02), and
% the Rosenbrock function (Newton's method solves each implicit step).
% Backward Euler runs are gf_run(..., 'Method', 'implicit', 'Step', eta),
% GD runs gd_run.  Checked: GD diverges above 2/L, backward Euler converges
% at every step size up to 5000/L with the predicted factor, and each step
% satisfies the proximal optimality condition grad f(theta_{k+1}) +
% (theta_{k+1} - theta_k)/eta = 0 (and, for the quadratic, equals the
% closed-form prox (I + eta A) \ (theta_k + eta b)).  The demo stops with
% an error if any of this fails.
%
% Figure: backward_euler.png.  GDF_FIGDIR: output folder (the demo is fast;
% GDF_QUICK changes nothing).
%
% Run:  cd demos; demo_backward_euler

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
fprintf('\n=== demo_backward_euler: the implicit step (proximal point) is stable for any eta ===\n');

%% Hypotheses and runs
% Hypotheses: f is a quadratic with Hessian eigenvalues mu <= lambda_i <= L
% (strongly convex) for the rates; on the Rosenbrock function the implicit step
% is solved by Newton iterations inside gf_run.  GD and backward Euler run at
% the same step sizes, below and above 2/L.

% ---- 1. the quadratic ------------------------------------------------------------------
R = [cos(pi / 7), -sin(pi / 7); sin(pi / 7), cos(pi / 7)];
A = R * diag([1 100]) * R';
A = (A + A') / 2;
b = [1; 2];
prob = gd_quadratic(A, b);
L = prob.L;
mu = prob.mu;
ts = prob.theta_star;
theta0 = ts + [-3; 2.5];
mult = [0.5, 1.25, 5, 50, 500, 5000];             % eta in units of 2/L
K = 30;
ws = warning('off', 'gdflow:diverged');
gd_ratio = zeros(size(mult));
be_rate = zeros(size(mult));
be_theory = 1 ./ (1 + mult * 2 / L * mu);
prox_dev = zeros(size(mult));
opt_res = zeros(size(mult));
be_err = cell(size(mult));
be_path = cell(size(mult));
for i = 1:numel(mult)
  eta = mult(i) * 2 / L;
  th = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'DivergenceLimit', Inf);
  gd_ratio(i) = norm(th - ts) / norm(theta0 - ts);
  [~, Th] = gf_run(prob, theta0, [0, K * eta], 'Method', 'implicit', 'Step', eta);
  E = sqrt(sum(bsxfun(@minus, Th, ts') .^ 2, 2));
  be_err{i} = E / E(1);
  be_path{i} = Th';
  last = find(E > 1e-10 * E(1), 1, 'last');     % above the accuracy of the linear solves
  mid = ceil(last / 2);                           % second half: the slow mode alone
  be_rate(i) = (E(last) / E(mid)) ^ (1 / (last - mid));
  % the proximal point step in closed form, and its optimality condition
  M = eye(2) + eta * A;
  dev = 0;
  res = 0;
  for k = 1:size(Th, 1) - 1
    prox = M \ (Th(k, :)' + eta * b);
    dev = max(dev, norm(Th(k + 1, :)' - prox) / max(norm(Th(k, :)'), 1));
    [~, g] = gd_eval(prob, Th(k + 1, :)');
    res = max(res, norm(g + (Th(k + 1, :)' - Th(k, :)') / eta) / max(norm(Th(k + 1, :)' - Th(k, :)') / eta, 1));
  end
  prox_dev(i) = dev;
  opt_res(i) = res;
end

% ---- 2. Rosenbrock -------------------------------------------------------------------------
rosen = gd_testfun('rosenbrock');
start = [-1.2; 1];
[~, ~, Hs] = gd_eval(rosen, rosen.theta_star);
Lloc = max(eig(Hs));
KG = 20000;
[~, gd_small] = gd_run(rosen, start, 'StepSize', 0.001, 'MaxIter', KG, 'GradTol', 0);
[~, gd_big] = gd_run(rosen, start, 'StepSize', 0.01, 'MaxIter', KG, 'GradTol', 0);
warning(ws);
hs = [0.01, 1, 10];
KB = [3000, 40, 40];
rb = cell(size(hs));
rb_res = zeros(size(hs));
for i = 1:numel(hs)
  [~, Th, info] = gf_run(rosen, start, [0, KB(i) * hs(i)], 'Method', 'implicit', 'Step', hs(i));
  rb{i} = info.f - rosen.f_star;
  res = 0;
  for k = 1:size(Th, 1) - 1
    [~, g] = gd_eval(rosen, Th(k + 1, :)');
    step = (Th(k + 1, :)' - Th(k, :)') / hs(i);
    res = max(res, norm(g + step) / max(norm(step), 1));
  end
  rb_res(i) = res;
end


%% Errors of both methods at large steps
% Look at the left panel: above 2/L the GD errors (solid) grow, while the
% backward Euler errors keep falling at their predicted factor 1/(1 + eta mu)
% (dashed).  The right panel shows the same on the Rosenbrock valley.
% ---- the figure -------------------------------------------------------------------------------
fig = gdf_demo_figure(1950, 820);
subplot(1, 3, 1);
[~, gdp] = gd_run(prob, theta0, 'StepSize', 1.25 * 2 / L, 'MaxIter', 8, 'GradTol', 0, 'DivergenceLimit', Inf, 'History', 'full');
c = ts;
hp = gd_plot(prob, {gdp, be_path{2}, be_path{4}}, 'Limits', [c(1) - 4, c(1) + 2, c(2) - 3, c(2) + 3], 'Field', false, ...
             'LineWidth', 2, 'Labels', {'GD \eta = 2.5/L', 'backward Euler \eta = 2.5/L', 'backward Euler \eta = 100/L'}, ...
             'Title', 'eigenvalues 1 and 100: GD blows up, backward Euler does not');
legend(hp.paths, {'GD \eta = 2.5/L', 'BE \eta = 2.5/L', 'BE \eta = 100/L'}, 'location', 'southoutside', 'orientation', 'horizontal');
subplot(1, 3, 2);
cols = gdf_demo_palette(numel(mult));
h = zeros(1, 0);
labs = {};
for i = 2:numel(mult)
  k = 0:numel(be_err{i}) - 1;
  ok = be_err{i} > 1e-15;
  h(end + 1) = semilogy(k(ok), be_err{i}(ok), 'o-', 'color', cols(i, :), 'linewidth', 2.5, 'markersize', 5); %#ok<SAGROW>
  hold on;
  semilogy(k, be_theory(i) .^ k, '--', 'color', cols(i, :), 'linewidth', 1.5);
  labs{end + 1} = sprintf('BE \\eta = %g/L', 2 * mult(i)); %#ok<SAGROW>
end
[~, gdk] = gd_run(prob, theta0, 'StepSize', 1.25 * 2 / L, 'MaxIter', K, 'GradTol', 0, 'DivergenceLimit', Inf, 'History', 'full');
egd = sqrt(sum(bsxfun(@minus, gdk.theta, ts) .^ 2, 1)) / norm(theta0 - ts);
h(end + 1) = semilogy(0:K, egd, 'ks-', 'linewidth', 2.5, 'markersize', 6);
labs{end + 1} = 'GD \eta = 2.5/L';
xlabel('step k');
ylabel('||\theta_k - \theta^*|| / ||\theta_0 - \theta^*||');
title('quadratic: measured (solid), (1+\eta\mu)^{-k} (dashed)');
legend(h, labs, 'location', 'southoutside', 'orientation', 'horizontal');
ylim([1e-15 1e14]);
set(gca, 'ytick', 10 .^ (-15:3:12));
xlim([0 K]);
grid on;
hold off;
subplot(1, 3, 3);
semilogy(0:numel(gd_small.f) - 1, gd_small.f - rosen.f_star, '-', 'color', [0 0.447 0.698], 'linewidth', 3);
hold on;
ng = numel(gd_big.f);
semilogy(0:ng - 1, gd_big.f - rosen.f_star, 'k-', 'linewidth', 3);
cols = [0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655];
for i = 1:numel(hs)
  ok = rb{i} > 1e-15;                              % above the rounding of f
  k = 0:numel(rb{i}) - 1;
  mk = 'o-';
  if numel(rb{i}) > 100
    mk = '-';
  end
  semilogy(k(ok), rb{i}(ok), mk, 'color', cols(i, :), 'linewidth', 2.5, 'markersize', 5);
end
set(gca, 'xscale', 'log');
xlabel('step k (log scale)');
ylabel('f(\theta_k) - f^*');
title(sprintf('Rosenbrock from (-1.2, 1); 2/\\lambda_{max} at \\theta^* = %.4f', 2 / Lloc));
legend({'GD \eta = 0.001', sprintf('GD \\eta = 0.01: diverged at k = %d', ng - 1), 'BE \eta = 0.01', 'BE \eta = 1', 'BE \eta = 10'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
ylim([1e-15 1e14]);
set(gca, 'ytick', 10 .^ (-15:3:12));
grid on;
hold off;
f1 = gdf_demo_save(fig, outdir, 'backward_euler.png');

%% Measured factors against the theory

% ---- tables -------------------------------------------------------------------------------------
fprintf('\nQuadratic, eigenvalues %g and %g, 2/L = %g; %d steps from ||theta_0 - theta*|| = %.3g:\n', mu, L, 2 / L, K, norm(theta0 - ts));
fprintf('  %10s %10s %16s %8s %14s %14s %14s %12s\n', 'eta', 'eta/(2/L)', 'GD ||e_K||/||e0||', 'GD', ...
        'BE rate/step', '1/(1+eta mu)', 'prox dev.', 'opt. resid.');
yesno = {'DIVERGES', 'ok'};
for i = 1:numel(mult)
  fprintf('  %10.4g %10g %16.4e %8s %14.6f %14.6f %14.2e %12.2e\n', mult(i) * 2 / L, mult(i), gd_ratio(i), ...
          yesno{(gd_ratio(i) < 1) + 1}, be_rate(i), be_theory(i), prox_dev(i), opt_res(i));
end
T = gd_compare(prob, theta0, {1.25 * 2 / L, struct('solver', 'implicit', 'step', 1.25 * 2 / L, 'T', K * 1.25 * 2 / L), ...
                               struct('solver', 'implicit', 'step', 50 * 2 / L, 'T', K * 50 * 2 / L)}, 'MaxIter', K);
fprintf('\nRosenbrock from (-1.2, 1); the Hessian at theta* has lambda_max = %.2f, so GD needs eta < %.5f there:\n', Lloc, 2 / Lloc);
fprintf('  %-22s %8s %16s %22s\n', 'method', 'steps', 'f - f* (end)', 'max prox opt. residual');
fprintf('  %-22s %8d %16.4e %22s\n', 'GD eta = 0.001', numel(gd_small.f) - 1, gd_small.f(end), '-');
fprintf('  %-22s %8d %16.4e %22s\n', 'GD eta = 0.01', numel(gd_big.f) - 1, gd_big.f(end), sprintf('diverged (flag %d)', gd_big.exitflag));
for i = 1:numel(hs)
  fprintf('  %-22s %8d %16.4e %22.2e\n', sprintf('BE eta = %g', hs(i)), numel(rb{i}) - 1, rb{i}(end), rb_res(i));
end


%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(isequal(gd_ratio < 1, mult < 1), 'GD converges only for eta < 2/L (it diverges at %s x 2/L)', ...
               strjoin(arrayfun(@num2str, mult(mult > 1), 'UniformOutput', false), ', '));
% the theory module's rate of f - f* for the proximal point method on this
% quadratic is max_i (1 + eta lambda_i)^(-2): the square of the text's factor
prox_theory = zeros(size(mult));
for i = 1:numel(mult)
  th = gd_theory(prob, 'proximal', mult(i) * 2 / L);
  prox_theory(i) = sqrt(th.rate);
end
gdf_demo_claim(all(abs(be_rate - be_theory) <= 1e-4 * be_theory) && all(abs(prox_theory - be_theory) <= 1e-12 * be_theory), ...
               'backward Euler contracts ||e|| by 1/(1 + eta mu) per step at every eta up to %g/L (gd_theory: its square for f)', ...
               2 * max(mult));
gdf_demo_claim(all(prox_dev < 1e-10) && all(opt_res < 1e-8), ...
               'each implicit step is the proximal point: max deviation from (I + eta A)\\(theta_k + eta b) %.1e', max(prox_dev));
gdf_demo_claim(gd_big.exitflag == -2 && all(cellfun(@(v) v(end), rb) < 1e-6) && all(rb_res < 1e-6), ...
               'Rosenbrock: GD at eta = 0.01 diverges, backward Euler converges at eta = 0.01, 1, 10 (f - f* <= %.1e)', ...
               max(cellfun(@(v) v(end), rb)));
gdf_demo_claim(~T(1).stable && T(2).stable && T(3).stable, 'gd_compare: GD at 2.5/L unstable, backward Euler at 2.5/L and 100/L stable');
fprintf('\nFigure written to %s:\n  %s\n', outdir, f1);
