%% Gradient descent is forward Euler on the gradient flow: global error O(eta), local O(eta^2)
% Claims (lecture section 4): the GD update theta_{k+1} = theta_k - eta grad f(theta_k)
% is the forward Euler step of theta' = -grad f(theta) with time step eta;
% its local truncation error is O(eta^2) per step, with leading term
% (eta^2/2) theta''(t) = (eta^2/2) Hess f grad f, and over a fixed horizon
% T = K eta the global error norm(theta_K - theta(T)) is O(eta): for small eta
% the GD path follows the flow.
%
% Problems: the bowl gd_testfun('ellipse', 10, pi/6) (exact flow by
% gf_exact) and the non-quadratic Himmelblau function (reference flow by
% gf_run rk45 at RelTol 1e-13).  GD iterates come from gd_run; Heun (order 2)
% and RK4 (order 4) from gf_run are shown for contrast.  The slopes of the
% log-log error curves are fitted and printed next to the theoretical
% orders; the demo stops with an error if they disagree.
%
% Figures: euler_paths.png (GD paths over the flow at several eta),
% euler_error.png (global and local error against eta).
% GDF_QUICK = true: fewer step sizes; GDF_FIGDIR: output folder.
%
% Run:  cd demos; demo_euler_error

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
Ks = 2 .^ (3:12);
if GDF_QUICK
  Ks = 2 .^ (3:8);
end
fprintf('\n=== demo_euler_error: GD = forward Euler; global error O(eta), local error O(eta^2) ===\n');

%% Hypotheses and paths
% Hypotheses: f is C2 with a Lipschitz gradient on the region the paths
% visit; the flow is computed exactly (gf_exact) or to RelTol 1e-13.  Look at
% the paths: GD at small eta lies on the flow, at large eta it cuts corners.

bowl = gd_testfun('ellipse', 10, pi / 6);
L = bowl.L;
theta0 = [-3.5; 2];
himm = gd_testfun('himmelblau');
theta0h = [0; 0];

% ---- GD paths over the flow ---------------------------------------------------------
T = 1.5;
etas = [1.2, 0.6, 0.15] / L;
runs = cell(1, numel(etas));
labels = cell(1, numel(etas));
for i = 1:numel(etas)
  [~, runs{i}] = gd_run(bowl, theta0, 'StepSize', etas(i), 'MaxIter', round(T / etas(i)), 'GradTol', 0, 'History', 'full');
  labels{i} = sprintf('GD \\eta = %.2g/L', etas(i) * L);
end
fig = gdf_demo_figure(1450, 680);
subplot(1, 2, 1);
hp = gd_plot(bowl, runs, 'Limits', [-4 1 -2 3], 'Labels', labels, 'Field', false, 'LineWidth', 2, ...
             'Title', sprintf('ellipse, \\kappa = 10: GD against the flow up to t = %g', T));
hold on;
P = gf_exact(bowl, theta0, linspace(0, T, 300));
hf = plot(P(:, 1), P(:, 2), 'k--', 'linewidth', 2);
hold off;
legend([hp.paths, hf], [labels, {'gradient flow'}], 'location', 'southoutside', 'orientation', 'horizontal');
subplot(1, 2, 2);
[~, hr] = gd_run(himm, theta0h, 'StepSize', 0.01, 'MaxIter', 20, 'GradTol', 0, 'History', 'full');
[~, hr2] = gd_run(himm, theta0h, 'StepSize', 0.0025, 'MaxIter', 80, 'GradTol', 0, 'History', 'full');
hp = gd_plot(himm, {hr, hr2}, 'Limits', [-1 4 -1 4], 'Levels', linspace(0.5, 15, 12) .^ 2, 'Field', false, ...
             'LineWidth', 2, 'Labels', {'GD \eta = 0.01', 'GD \eta = 0.0025'}, ...
             'Title', 'Himmelblau from (0, 0), up to t = 0.2');
hold on;
[~, P] = gf_run(himm, theta0h, linspace(0, 0.2, 300), 'RelTol', 1e-8);
hf = plot(P(:, 1), P(:, 2), 'k--', 'linewidth', 2);
hold off;
legend([hp.paths, hf], {'GD \eta = 0.01', 'GD \eta = 0.0025', 'gradient flow'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
f1 = gdf_demo_save(fig, outdir, 'euler_paths.png');

%% Global and local errors against eta
% Look at the slopes on the log-log axes: about 1 for the global error of GD,
% 2 for its local error, and 2 and 4 for Heun and RK4.

% ---- global error at a fixed horizon -----------------------------------------------------
Tq = 1;            % bowl: horizon (K = 8 steps is then below 2/L)
Th = 0.1;          % Himmelblau: horizon (mid-way to the minimizer)
exact_q = gf_exact(bowl, theta0, Tq)';
[~, ref] = gf_run(himm, theta0h, [0 Th / 2 Th], 'RelTol', 1e-13, 'AbsTol', 1e-15);
exact_h = ref(end, :)';
eq = zeros(size(Ks));
eh = zeros(size(Ks));
eheun = zeros(size(Ks));
erk4 = zeros(size(Ks));
for i = 1:numel(Ks)
  K = Ks(i);
  eq(i) = norm(gd_run(bowl, theta0, 'StepSize', Tq / K, 'MaxIter', K, 'GradTol', 0) - exact_q);
  eh(i) = norm(gd_run(himm, theta0h, 'StepSize', Th / K, 'MaxIter', K, 'GradTol', 0) - exact_h);
  [~, X2] = gf_run(himm, theta0h, [0 Th], 'Method', 'heun', 'Step', Th / K);
  [~, X4] = gf_run(himm, theta0h, [0 Th], 'Method', 'rk4', 'Step', Th / K);
  eheun(i) = norm(X2(end, :)' - exact_h);
  erk4(i) = norm(X4(end, :)' - exact_h);
end
etaq = Tq ./ Ks;
etah = Th ./ Ks;
slope = @(x, y) subsref(polyfit(log(x), log(y), 1), struct('type', '()', 'subs', {{1}}));
sq = slope(etaq, eq);
sh = slope(etah, eh);
sheun = slope(etah, eheun);
ok4 = erk4 > 1e-11;                              % above rounding
srk4 = slope(etah(ok4), erk4(ok4));

% ---- local error of one step -----------------------------------------------------------
etal = 2 .^ -(2:12) / L;
if GDF_QUICK
  etal = 2 .^ -(2:8) / L;
end
[~, g0, H0] = gd_eval(bowl, theta0);
lead = norm(H0 * g0) / 2;                          % ||theta''(0)|| / 2
el = zeros(size(etal));
for i = 1:numel(etal)
  th1 = gd_run(bowl, theta0, 'StepSize', etal(i), 'MaxIter', 1, 'GradTol', 0);
  el(i) = norm(th1 - gf_exact(bowl, theta0, etal(i))');
end
sl = slope(etal(4:end), el(4:end));              % the asymptotic regime
etalh = 2 .^ -(4:14);
if GDF_QUICK
  etalh = 2 .^ -(4:10);
end
[~, g0h, H0h] = gd_eval(himm, theta0h);
leadh = norm(H0h * g0h) / 2;
elh = zeros(size(etalh));
for i = 1:numel(etalh)
  th1 = gd_run(himm, theta0h, 'StepSize', etalh(i), 'MaxIter', 1, 'GradTol', 0);
  [~, R1] = gf_run(himm, theta0h, [0 etalh(i) / 2 etalh(i)], 'RelTol', 1e-13, 'AbsTol', 1e-16);
  elh(i) = norm(th1 - R1(end, :)');
end
slh = slope(etalh(4:end), elh(4:end));

fig = gdf_demo_figure(1450, 860);
subplot(1, 2, 1);
loglog(etaq, eq, 'o-', 'color', [0 0.447 0.698], 'linewidth', 3, 'markersize', 7, 'markerfacecolor', [0 0.447 0.698]);
hold on;
loglog(etah, eh, 's-', 'color', [0.835 0.369 0], 'linewidth', 3, 'markersize', 7, 'markerfacecolor', [0.835 0.369 0]);
loglog(etah, eheun, 'd-', 'color', [0 0.620 0.451], 'linewidth', 2, 'markersize', 6);
loglog(etah(ok4), erk4(ok4), '^-', 'color', [0.800 0.475 0.655], 'linewidth', 2, 'markersize', 6);
loglog(etaq, eq(end) * etaq / etaq(end), 'k--', 'linewidth', 1.5);
xlabel('step \eta');
ylabel('||\theta_K - \theta(T)||');
title('global error at a fixed horizon T = K\eta');
legend({sprintf('GD, ellipse (T = %g): slope %.3f', Tq, sq), sprintf('GD, Himmelblau (T = %g): slope %.3f', Th, sh), ...
        sprintf('Heun, Himmelblau: slope %.2f', sheun), sprintf('RK4, Himmelblau: slope %.2f', srk4), 'slope 1'}, ...
       'location', 'southoutside', 'orientation', 'horizontal');
grid on;
hold off;
subplot(1, 2, 2);
loglog(etal, el, 'o-', 'color', [0 0.447 0.698], 'linewidth', 3, 'markersize', 7, 'markerfacecolor', [0 0.447 0.698]);
hold on;
loglog(etal, lead * etal .^ 2, 'k--', 'linewidth', 1.5);
loglog(etalh, elh, 's-', 'color', [0.835 0.369 0], 'linewidth', 3, 'markersize', 7, 'markerfacecolor', [0.835 0.369 0]);
loglog(etalh, leadh * etalh .^ 2, 'k:', 'linewidth', 2);
xlabel('step \eta');
ylabel('||\theta_1 - \theta(\eta)||');
title('local error of one step from \theta_0');
legend({sprintf('ellipse: slope %.3f', sl), '(\eta^2/2) ||Hess f grad f||, ellipse', ...
        sprintf('Himmelblau: slope %.3f', slh), '(\eta^2/2) ||Hess f grad f||, Himmelblau'}, 'location', 'southoutside', 'orientation', 'horizontal');
grid on;
hold off;
f2 = gdf_demo_save(fig, outdir, 'euler_error.png');


%% Tables
% ---- tables ------------------------------------------------------------------------------------
fprintf('\nGlobal error ||theta_K - theta(T)|| of GD (gd_run) against the flow (gf_exact / gf_run rk45):\n');
fprintf('  %6s %12s %14s %10s %12s %14s %10s %12s %12s\n', 'K', 'eta (ell.)', 'ellipse', 'err/eta', ...
        'eta (Himm.)', 'Himmelblau', 'err/eta', 'Heun', 'RK4');
for i = 1:numel(Ks)
  fprintf('  %6d %12.4e %14.6e %10.4f %12.4e %14.6e %10.4f %12.3e %12.3e\n', Ks(i), etaq(i), eq(i), eq(i) / etaq(i), ...
          etah(i), eh(i), eh(i) / etah(i), eheun(i), erk4(i));
end
fprintf('  fitted orders: GD %.3f (ellipse), %.3f (Himmelblau); Heun %.3f; RK4 %.3f.  Theory: 1, 1, 2, 4\n', ...
        sq, sh, sheun, srk4);
fprintf('\nLocal error of one GD step, against the leading Taylor term (eta^2/2) ||Hess f(theta_0) grad f(theta_0)||:\n');
fprintf('  %12s %14s %14s %10s   %12s %14s %14s %10s\n', 'eta (ell.)', 'measured', 'leading term', 'ratio', ...
        'eta (Himm.)', 'measured', 'leading term', 'ratio');
for i = 1:max(numel(etal), numel(etalh))
  a = '';
  b = '';
  if i <= numel(etal)
    a = sprintf('%12.4e %14.6e %14.6e %10.6f', etal(i), el(i), lead * etal(i) ^ 2, el(i) / (lead * etal(i) ^ 2));
  else
    a = sprintf('%53s', '');
  end
  if i <= numel(etalh)
    b = sprintf('%12.4e %14.6e %14.6e %10.6f', etalh(i), elh(i), leadh * etalh(i) ^ 2, elh(i) / (leadh * etalh(i) ^ 2));
  end
  fprintf('  %s   %s\n', a, b);
end
fprintf('  fitted orders of the local error (from the 4th eta on): %.3f (ellipse), %.3f (Himmelblau).  Theory: 2\n', sl, slh);

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(abs(sq - 1) < 0.05 && abs(sh - 1) < 0.05, 'GD global error is first order (slopes %.3f, %.3f)', sq, sh);
gdf_demo_claim(abs(sl - 2) < 0.05 && abs(slh - 2) < 0.05, 'GD local error is second order (slopes %.3f, %.3f)', sl, slh);
gdf_demo_claim(abs(el(end) / (lead * etal(end) ^ 2) - 1) < 0.01 && abs(elh(end) / (leadh * etalh(end) ^ 2) - 1) < 0.01, ...
               'the local error tends to (eta^2/2) ||Hess f grad f|| (ratios %.4f, %.4f at the smallest eta)', ...
               el(end) / (lead * etal(end) ^ 2), elh(end) / (leadh * etalh(end) ^ 2));
gdf_demo_claim(abs(sheun - 2) < 0.15 && abs(srk4 - 4) < 0.3, 'contrast: Heun is second order (%.2f), RK4 fourth (%.2f)', sheun, srk4);
fprintf('\nFigures written to %s:\n  %s\n  %s\n', outdir, f1, f2);
