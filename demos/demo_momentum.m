%% Heavy ball and Nesterov against gradient descent on an ill-conditioned bowl
% Claim (section 7 of the lecture, Polyak 1964, Nesterov 1983): momentum
% methods, discretizations of the damped oscillator theta'' + gamma theta'
% + grad f = 0, converge at a rate governed by sqrt(kappa) instead of kappa:
%
%     GD, eta = 2/(L+mu):                        ||e_k|| <= ((kappa-1)/(kappa+1))^k ||e_0||
%     heavy ball, eta = 4/(sqrt(L)+sqrt(mu))^2:  ||e_k|| ~ ((sqrt(kappa)-1)/(sqrt(kappa)+1))^k
%     Nesterov, eta = 1/L, beta = (sqrt(kappa)-1)/(sqrt(kappa)+1):
%                                                f_k - f* <= 2 (1 - 1/sqrt(kappa))^k (f_0 - f*)
%
% The demo draws the three paths on the bowl gd_testfun('ellipse', 50, pi/5),
% their errors against these rates, and prints iterations to reach 1e-8
% next to kappa log(1/eps) and sqrt(kappa) log(1/eps).
%
% Run:  cd demos; demo_momentum

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

kappa = 50;
prob = gd_testfun('ellipse', kappa, pi / 5);
theta0 = [-3; 2.5];
K = 120;
names = {'GD, 2/(L+\mu)', 'heavy ball (optimal)', 'Nesterov'};
[~, r1] = gd_run(prob, theta0, 'StepSize', '2/(L+mu)', 'MaxIter', K, 'GradTol', 0, 'History', 'full');
[~, r2] = gd_run(prob, theta0, 'Method', 'heavyball', 'MaxIter', K, 'GradTol', 0, 'History', 'full');
[~, r3] = gd_run(prob, theta0, 'Method', 'nesterov', 'MaxIter', K, 'GradTol', 0, 'History', 'full');
runs = {r1, r2, r3};


%% Paths and errors
% Hypotheses: f is a mu-strongly convex, L-smooth quadratic (kappa = 50), the
% steps and momenta are the tuned ones above.  Look at the left panel: GD
% zig-zags, heavy ball and Nesterov overshoot and spiral in; right: the
% errors (solid) follow their rates (dashed), momentum much faster.
fig = gdf_demo_figure(1500, 660);
subplot(1, 2, 1);
gd_plot(prob, {r1.theta(:, 1:30), r2.theta(:, 1:30), r3.theta(:, 1:30)}, 'Limits', [-6 6 -6 6], ...
        'Field', false, 'Title', sprintf('first 30 iterates, \\kappa = %g', kappa));
set(gca, 'position', [0.06 0.12 0.3 0.76]);   % a square landscape (colours as on the right)
subplot(1, 2, 2);
set(gca, 'position', [0.47 0.12 0.42 0.76]);   % the legend (eastoutside) takes its right part
k = 0:K;
e0 = norm(theta0 - prob.theta_star);
q = [(kappa - 1) / (kappa + 1), (sqrt(kappa) - 1) / (sqrt(kappa) + 1), sqrt(1 - 1 / sqrt(kappa))];
colors = gdf_demo_palette(3);
for i = 1:3
  e = sqrt(sum((runs{i}.theta - prob.theta_star) .^ 2, 1));
  semilogy(k, max(e, 1e-300), '-', 'color', colors(i, :), 'linewidth', 3);
  hold on;
end
for i = 1:3
  semilogy(k, e0 * q(i) .^ k, '--', 'color', colors(i, :), 'linewidth', 1.5);
end
hold off;
grid on;
ylim([1e-16 1e2]);
xlabel('iteration k');
ylabel('||\theta_k - \theta^*||');
legend([names, {'((\kappa-1)/(\kappa+1))^k', '((sqrt(\kappa)-1)/(sqrt(\kappa)+1))^k', '(1-1/sqrt(\kappa))^{k/2}'}], ...
       'location', 'eastoutside');
title('errors (solid) against the rates of the theory (dashed)');
f1 = gdf_demo_save(fig, outdir, 'momentum.png');

%% Iterations against kappa
% Look at the growth from kappa = 10 to 1e4: about 1000x for GD, about
% sqrt(1000) = 32x for the momentum methods.

% iterations to 1e-8 over a sweep of condition numbers
kappas = [10 100 1000 10000];
fprintf('\nIterations to ||grad f|| <= 1e-8 from theta0 = [-3; 2.5] on gd_testfun(''ellipse'', kappa, pi/5)\n');
fprintf('%8s %10s %12s %10s %14s %18s\n', 'kappa', 'GD 2/(L+mu)', 'heavy ball', 'Nesterov', 'kappa*log(1e8)', 'sqrt(kappa)*log(1e8)');
its = zeros(numel(kappas), 3);
for i = 1:numel(kappas)
  p = gd_testfun('ellipse', kappas(i), pi / 5);
  [~, a] = gd_run(p, theta0, 'StepSize', '2/(L+mu)', 'MaxIter', 1e6, 'GradTol', 1e-8, 'History', 'none');
  [~, b] = gd_run(p, theta0, 'Method', 'heavyball', 'MaxIter', 1e6, 'GradTol', 1e-8, 'History', 'none');
  [~, c] = gd_run(p, theta0, 'Method', 'nesterov', 'MaxIter', 1e6, 'GradTol', 1e-8, 'History', 'none');
  its(i, :) = [a.iterations, b.iterations, c.iterations];
  fprintf('%8g %10d %12d %10d %14.0f %18.0f\n', kappas(i), its(i, :), kappas(i) * log(1e8), sqrt(kappas(i)) * log(1e8));
end
% the claim, checked: momentum's count grows like sqrt(kappa), GD's like kappa
growth = its(end, :) ./ its(1, :);
fprintf('\nGrowth of the count from kappa = 10 to 1e4: GD %.0fx, heavy ball %.0fx, Nesterov %.0fx (kappa ratio 1000, sqrt 32)\n', growth);
if ~(growth(1) > 300 && growth(2) < 100 && growth(3) < 100)
  error('gdflow:demo_momentum:claim', 'the iteration counts do not scale as the theory says');
end
fprintf('Figure written to %s\n', f1);
