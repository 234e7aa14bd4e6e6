%% Gradient flow dissipates energy: df/dt = -norm(grad f)^2, and e^{-2 mu t} decay
% Claims (lecture section 3):
%
%     3.1  along the flow theta' = -grad f(theta), d/dt f(theta(t)) = -||grad f(theta(t))||^2 <= 0:
%          f is a Lyapunov function and decreases for any differentiable f
%          (here the non-convex Rosenbrock function);
%     3.2  if f is mu-strongly convex, f(theta(t)) - f* <= (f(theta_0) - f*) e^{-2 mu t}
%          and ||theta(t) - theta*||^2 <= ||theta_0 - theta*||^2 e^{-2 mu t}
%          (here ridge-regularized logistic regression, mu = lambda);
%     3.3  for a quadratic the eigen-components z_i = v_i'(theta - theta*) decouple:
%          z_i(t) = z_i(0) e^{-lambda_i t}.
%
% Every trajectory is integrated numerically by gf_run (Dormand-Prince 5(4)
% with dense output); df/dt is measured by finite differences of the
% computed f(theta(t)) and set beside the computed -norm(grad f)^2, and the
% energy balance f(0) - f(t) = int_0^t norm(grad f)^2 ds by the trapezoidal rule.
%
% Figures: gf_energy.png (Rosenbrock flow, energy identity), gf_exponential.png
% (the e^{-2 mu t} bounds), gf_modes.png (eigen-modes).  The demo stops with
% an error if a claim is violated.  GDF_QUICK = true: coarser grids;
% GDF_FIGDIR: output folder.
%
% Run:  cd demos; demo_gf_energy

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
nt = 4000;
if GDF_QUICK
  nt = 3000;
end
fprintf('\n=== demo_gf_energy: df/dt = -||grad f||^2 along the flow; e^{-2 mu t}; decoupled modes ===\n');

%% 3.1: energy dissipation on the Rosenbrock function
% Hypotheses: f is C1 (here non-convex); no convexity is needed for
% df/dt = -norm(grad f)^2.  Look at the left panel: -df/dt and norm(grad f)^2
% lie on top of each other; right: their relative difference stays small.

% ---- 1. energy identity along the flow of the Rosenbrock function ------------------
rosen = gd_testfun('rosenbrock');
T1 = 40;               % later, f ~ 1e-15 is below what the integration resolves
t = [0, logspace(-5, log10(T1), nt)]';
[t, Th, info] = gf_run(rosen, [-1.2; 1], t, 'RelTol', 1e-11, 'AbsTol', 1e-14);
f = info.f;
g2 = info.gradnorm .^ 2;
% df/dt by the three-point formula on the non-uniform grid (second order)
h1 = t(2:end - 1) - t(1:end - 2);
h2 = t(3:end) - t(2:end - 1);
dfdt = -h2 ./ (h1 .* (h1 + h2)) .* f(1:end - 2) + (h2 - h1) ./ (h1 .* h2) .* f(2:end - 1) ...
       + h1 ./ (h2 .* (h1 + h2)) .* f(3:end);
tm = t(2:end - 1);
use = g2(2:end - 1) > 1e-10 * g2(1);                  % where f still changes measurably
rel = abs(dfdt(use) + g2([false; use; false])) ./ g2([false; use; false]);
% energy balance f(0) - f(t) = int_0^t ||grad f||^2 ds
dissipated = [0; cumsum((g2(1:end - 1) + g2(2:end)) / 2 .* diff(t))];
balance = abs((f(1) - f) - dissipated) / (f(1) - f(end));

fig = gdf_demo_figure(1900, 800);
% the landscape has one unit on both axes: in a third of the width it would
% be a small square beside two tall panels, so it gets a wider slot (the
% other two keep room for their legends below)
subplot('position', [0.035 0.10 0.28 0.80]);
gd_plot(rosen, {}, 'Limits', [-2 2 -1 3], 'Streamlines', [-1.2 -1.5 1.8 0.5; 1 2.5 2.8 -0.8], 'Horizon', T1, ...
        'Levels', 10 .^ linspace(-1, 3.3, 14), 'LineWidth', 3, 'Title', 'Rosenbrock: gradient-flow paths');
subplot('position', [0.39 0.10 0.26 0.80]);
pos = -dfdt > 0;
loglog(tm(pos), -dfdt(pos), '-', 'color', [0 0.447 0.698], 'linewidth', 4);
hold on;
loglog(t, g2, '--', 'color', [0.835 0.369 0], 'linewidth', 2);
loglog(t(2:end), f(2:end) - rosen.f_star, '-', 'color', [0 0.620 0.451], 'linewidth', 2.5);
xlabel('time t');
ylabel('value');
title('from (-1.2, 1): energy and its dissipation');
legend({'-d f(\theta(t))/dt, measured', '||grad f(\theta(t))||^2', 'f(\theta(t)) - f^*'}, 'location', 'southoutside', 'orientation', 'horizontal');
xlim([1e-5 T1]);
ylim([1e-16 1e6]);
set(gca, 'ytick', 10 .^ (-16:4:4));
grid on;
hold off;
subplot('position', [0.725 0.10 0.26 0.80]);
loglog(tm(use), rel, '-', 'color', [0 0.447 0.698], 'linewidth', 2.5);
hold on;
loglog(t(2:end), balance(2:end), '-', 'color', [0.835 0.369 0], 'linewidth', 2.5);
xlabel('time t');
ylabel('relative difference');
title('|df/dt + ||grad f||^2| / ||grad f||^2');
legend({'pointwise (3-point differences)', 'energy balance: f(0) - f(t) vs integral of ||grad f||^2'}, 'location', 'southoutside', 'orientation', 'horizontal');
xlim([1e-5 T1]);
ylim([1e-12 1]);
grid on;
hold off;
f1 = gdf_demo_save(fig, outdir, 'gf_energy.png');

fprintf('\nRosenbrock flow from (-1.2, 1), %d steps of rk45, %d output times up to t = %g:\n', info.nsteps, numel(t), T1);
fprintf('  %10s %14s %16s %16s %12s\n', 't', 'f(theta(t))', '-df/dt (meas.)', '||grad f||^2', 'rel. diff');
for tq = [1e-4 1e-3 1e-2 0.1 1 10 30]
  [~, i] = min(abs(tm - tq));
  fprintf('  %10.4g %14.6e %16.6e %16.6e %12.2e\n', tm(i), f(i + 1), -dfdt(i), g2(i + 1), ...
          abs(dfdt(i) + g2(i + 1)) / g2(i + 1));
end
fprintf('  max relative difference of -df/dt and ||grad f||^2: %.2e (%d times)\n', max(rel), sum(use));
fprintf('  energy balance |f(0) - f(t) - int ||grad f||^2| / (f(0) - f(T)): max %.2e\n', max(balance));

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(diff(f) <= 1e-12 * abs(f(1:end - 1))), 'f(theta(t)) never increases along the flow (%d times)', numel(t));
gdf_demo_claim(max(rel) < 1e-3, 'df/dt = -||grad f||^2 to %.1e relative at every measured time', max(rel));
gdf_demo_claim(max(balance) < 1e-4, 'f(0) - f(t) = int_0^t ||grad f||^2 ds to %.1e', max(balance));

%% 3.2: e^{-2 mu t} decay on ridge logistic regression
% Hypotheses: f is mu-strongly convex (mu = lambda, the ridge weight).  Look
% at both curves staying below their dashed e^{-2 mu t} bounds.

% ---- 2. the exponential bounds for a strongly convex f ------------------------------
m = 200;
p = 10;
randn('seed', 5);
Xl = [ones(m, 1), randn(m, p - 1)];
yl = double(Xl * randn(p, 1) + 0.5 * randn(m, 1) > 0);
lambda = 0.05;
sp = @(z) max(z, 0) + log1p(exp(-abs(z)));
sg = @(z) 1 ./ (1 + exp(-z));
logi = @(th) deal(mean(sp(Xl * th) - yl .* (Xl * th)) + lambda / 2 * (th' * th), ...
                  Xl' * (sg(Xl * th) - yl) / m + lambda * th);
mu = lambda;
L = max(eig(Xl' * Xl)) / (4 * m) + lambda;
theta0 = 2 * ones(p, 1);
% theta* and f*: the flow itself, run long to a tiny gradient
[~, Ts, ins] = gf_run(logi, theta0, [0 400], 'RelTol', 1e-12, 'AbsTol', 1e-14, 'GradTol', 1e-12);
tstar = Ts(end, :)';
fstar = ins.f(end);
T2 = 90;
t2 = linspace(0, T2, 451)';
[t2, Th2, in2] = gf_run(logi, theta0, t2, 'RelTol', 1e-11, 'AbsTol', 1e-14);
gap = (in2.f - fstar) / (in2.f(1) - fstar);
e2 = sum(bsxfun(@minus, Th2, tstar') .^ 2, 2);
e2 = e2 / e2(1);
bnd = exp(-2 * mu * t2);
fl = 1e-12;                                        % below: the accuracy of f* and theta*
ok_f = gap <= bnd * (1 + 1e-6) | gap < fl;
ok_e = e2 <= bnd * (1 + 1e-6) | e2 < fl;
lastf = find(gap > fl, 1, 'last');
laste = find(e2 > fl, 1, 'last');
rate_f = -log(gap(lastf) / gap(ceil(lastf / 2))) / (t2(lastf) - t2(ceil(lastf / 2)));
rate_e = -log(e2(laste) / e2(ceil(laste / 2))) / (t2(laste) - t2(ceil(laste / 2)));

fig = gdf_demo_figure(1000, 650);
semilogy(t2(1:lastf), gap(1:lastf), '-', 'color', [0 0.447 0.698], 'linewidth', 3.5);
hold on;
semilogy(t2(1:laste), e2(1:laste), '-', 'color', [0.835 0.369 0], 'linewidth', 3.5);
semilogy(t2, bnd, 'k--', 'linewidth', 2);
xlabel('time t');
ylabel('relative error');
title(sprintf('ridge logistic regression (\\mu = %g, L = %.3g): the flow, integrated by rk45', mu, L));
legend({'(f(\theta(t)) - f^*) / (f(\theta_0) - f^*)', '||\theta(t) - \theta^*||^2 / ||\theta_0 - \theta^*||^2', ...
        'bound e^{-2\mu t}'}, 'location', 'southwest');
grid on;
ylim([1e-12 2]);
xlim([0 T2]);
set(gca, 'ytick', 10 .^ (-12:2:0));
hold off;
f2 = gdf_demo_save(fig, outdir, 'gf_exponential.png');

fprintf('\nRidge logistic regression, mu = %g, L = %.4g; flow by gf_run (rk45) over t in [0, %g]:\n', mu, L, T2);
fprintf('  %8s %18s %18s %14s\n', 't', '(f - f*)/(f0 - f*)', '||e||^2/||e0||^2', 'e^{-2 mu t}');
for tq = [0 1 2 5 10 20 40 60 90]
  [~, i] = min(abs(t2 - tq));
  fprintf('  %8.3g %18.6e %18.6e %14.6e\n', t2(i), gap(i), e2(i), bnd(i));
end
fprintf('  measured decay exponents (second half): f - f*: %.4f, ||e||^2: %.4f; the bound''s 2 mu = %.4f\n', ...
        rate_f, rate_e, 2 * mu);
zs = Xl * tstar;
w = sg(zs) .* (1 - sg(zs));
mu_loc = min(eig(Xl' * bsxfun(@times, w, Xl) / m + lambda * eye(p)));
fprintf(['  the bound uses the global mu = lambda; near theta* the Hessian''s smallest eigenvalue is %.4f,\n' ...
         '  so the asymptotic exponent is 2 lambda_min(Hessian(theta*)) = %.4f\n'], mu_loc, 2 * mu_loc);

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(ok_f) && all(ok_e), ['f(theta(t)) - f* <= (f_0 - f*) e^{-2 mu t} and ' ...
                                        '||theta(t) - theta*||^2 <= ||theta_0 - theta*||^2 e^{-2 mu t} at %d times'], numel(t2));


%% 3.3: the eigen-components of a quadratic decouple
% Hypotheses: f is a quadratic with Hessian eigenvalues lambda_i.  Look at
% the straight lines on the log scale: slope -lambda_i for each component.
% ---- 3. eigen-modes of a quadratic -------------------------------------------------
lam = [0.25 0.5 1 2 4];
randn('seed', 11);
[V, ~] = qr(randn(5));
A = V * diag(lam) * V';
A = (A + A') / 2;
quad = gd_quadratic(A, randn(5, 1));
z0 = [1; -1; 1; -1; 1];
theta0 = quad.theta_star + V * z0;
T3 = 12;
t3 = linspace(0, T3, 241)';
[t3, Th3, in3] = gf_run(quad, theta0, t3, 'RelTol', 1e-11, 'AbsTol', 1e-14);
Z = bsxfun(@minus, Th3, quad.theta_star') * V;          % rows: z(t)'
meas = zeros(size(lam));
for i = 1:numel(lam)
  ok = abs(Z(:, i)) > 1e-9;                         % above the integration accuracy
  pf = polyfit(t3(ok), log(abs(Z(ok, i))), 1);
  meas(i) = -pf(1);
end
Zex = bsxfun(@times, z0', exp(-t3 * lam));
devz = max(abs(Z(:) - Zex(:)));

fig = gdf_demo_figure(1000, 650);
cols = gdf_demo_palette(numel(lam));
h = zeros(1, numel(lam));
for i = 1:numel(lam)
  ok = abs(Z(:, i)) > 1e-13;                       % above the integration accuracy
  h(i) = semilogy(t3(ok), abs(Z(ok, i)), '-', 'color', cols(i, :), 'linewidth', 4);
  hold on;
  semilogy(t3, abs(z0(i)) * exp(-lam(i) * t3), 'k--', 'linewidth', 1.5);
end
xlabel('time t');
ylabel('|z_i(t)| = |v_i^T(\theta(t) - \theta^*)|');
title('quadratic flow: each eigen-component decays as e^{-\lambda_i t} (dashed)');
legend(h, arrayfun(@(v) sprintf('\\lambda_i = %g', v), lam, 'UniformOutput', false), 'location', 'southwest');
grid on;
ylim([1e-14 3]);
set(gca, 'ytick', 10 .^ (-14:2:0));
hold off;
f3 = gdf_demo_save(fig, outdir, 'gf_modes.png');

fprintf('\nQuadratic with eigenvalues %s, flow by gf_run (rk45), components z_i = v_i''(theta(t) - theta*):\n', mat2str(lam));
fprintf('  %10s %22s %14s\n', 'lambda_i', 'measured decay rate', 'rel. diff');
for i = 1:numel(lam)
  fprintf('  %10g %22.8f %14.2e\n', lam(i), meas(i), abs(meas(i) - lam(i)) / lam(i));
end
fprintf('  max |z_i(t) - z_i(0) e^{-lambda_i t}| over the grid: %.2e\n', devz);

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(max(abs(meas - lam) ./ lam) < 1e-6 && devz < 1e-8, ...
               'each mode decays at its own eigenvalue: rates within %.1e (relative)', max(abs(meas - lam) ./ lam));
fprintf('\nFigures written to %s:\n  %s\n  %s\n  %s\n', outdir, f1, f2, f3);
