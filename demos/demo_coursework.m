%% The coursework linear-regression loop, replaced by one gd_run call
% Claim: the classic machine-learning exercise 1 loop
%
%       for iter = 1:num_iters
%         theta = theta - alpha/m * X' * (X*theta - y);
%         J_history(iter) = computeCost(X, y, theta);
%       end
%
% is gradient descent on f = 1/(2m)norm(X theta - y)^2, so one call
%
%       [theta, info] = gd_run(gd_leastsq(X, y), theta0, 'StepSize', alpha, 'MaxIter', num_iters)
%
% gives the same theta and J_history = info.f(2:end) (to rounding), and
% the step-size limit is 2/lambda_max(X'X/m): just above it the run diverges.
% Data: ex1data1.txt (population, food-truck profit; alpha = 0.01, 1500
% iterations) and ex1data2.txt (house size, bedrooms, price; normalised
% features, alpha = 0.01, 400 iterations), copied into demos/data/.
%
% Run:  cd demos; demo_coursework

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

% ---- exercise 1, one variable -------------------------------------------
data = load(fullfile(here, 'data', 'ex1data1.txt'));
X = [ones(size(data, 1), 1), data(:, 1)];
y = data(:, 2);
m = numel(y);
alpha = 0.01;
num_iters = 1500;
theta = zeros(2, 1);
J_history = zeros(num_iters, 1);
t0 = tic;
for iter = 1:num_iters                  % the coursework loop, as students write it
  theta = theta - alpha / m * X' * (X * theta - y);
  J_history(iter) = sum((X * theta - y) .^ 2) / (2 * m);
end
t_loop = toc(t0);
prob = gd_leastsq(X, y);
t0 = tic;
[th, info] = gd_run(prob, [0; 0], 'StepSize', alpha, 'MaxIter', num_iters);
t_gd = toc(t0);
dtheta = norm(th - theta) / norm(theta);
dJ = max(abs(info.f(2:end)' - J_history) ./ J_history);
p35 = [1, 3.5] * th * 10000;
p70 = [1, 7] * th * 10000;

% the stability limit of the step: 2/lambda_max(X'X/m) = 2/L
etamax = 2 / prob.L;
ws = warning('off', 'gdflow:diverged');
[~, above] = gd_run(prob, [0; 0], 'StepSize', 1.02 * etamax, 'MaxIter', 3000);
[~, below] = gd_run(prob, [0; 0], 'StepSize', 0.98 * etamax, 'MaxIter', 3000);
warning(ws);


%% The fit and the cost history
% Look at the left panel (the fitted line through the data) and at the
% right one: just below the step limit the cost falls, just above it it blows up.
fig = gdf_demo_figure(1500, 800);
subplot(1, 2, 1);
plot(data(:, 1), y, 'x', 'color', [0.835 0.369 0], 'markersize', 9, 'linewidth', 1.5);
hold on;
xs = [min(data(:, 1)), max(data(:, 1))];
plot(xs, th(1) + th(2) * xs, '-', 'color', [0 0.447 0.698], 'linewidth', 2.5);
hold off;
grid on;
xlabel('population of city in 10,000s');
ylabel('profit in $10,000s');
legend({'training data', sprintf('one gdflow call: %.4f + %.4f x', th)}, 'location', 'southoutside', 'orientation', 'horizontal');
title('ex1data1: linear regression, the coursework loop replaced');
subplot(1, 2, 2);
semilogy(0:num_iters, info.f, '-', 'color', [0 0.447 0.698], 'linewidth', 2.5);
hold on;
semilogy(1:num_iters, J_history, 'k--', 'linewidth', 1.5);
semilogy(0:below.iterations, below.f, '-', 'color', [0 0.620 0.451]);
semilogy(0:above.iterations, above.f, '-', 'color', [0.835 0.369 0]);
hold off;
grid on;
ylim([3 1e3]);
xlabel('iteration');
ylabel('cost J(\theta)');
legend({'gdflow: info.f', 'coursework loop: J history', sprintf('step 0.98 x 2/L = %.4f', 0.98 * etamax), ...
        sprintf('step 1.02 x 2/L: diverges')}, 'location', 'southoutside', 'orientation', 'horizontal');
title('cost history, and the step-size limit 2/\lambda_{max}(X''X/m)');
f1 = gdf_demo_save(fig, outdir, 'coursework.png');

%% The same loop on ex1data2, and the comparison
% Hypotheses: the cost is a least-squares quadratic, so GD converges for
% alpha < 2/lambda_max(XtX/m) and diverges above.

% ---- exercise 1, several variables (normalised features) ------------------
data2 = load(fullfile(here, 'data', 'ex1data2.txt'));
Xr = data2(:, 1:2);
y2 = data2(:, 3);
mu_x = mean(Xr);
sigma_x = std(Xr);
X2 = [ones(numel(y2), 1), (Xr - mu_x) ./ sigma_x];
theta2 = zeros(3, 1);
J2 = zeros(400, 1);
for iter = 1:400
  theta2 = theta2 - 0.01 / numel(y2) * X2' * (X2 * theta2 - y2);
  J2(iter) = sum((X2 * theta2 - y2) .^ 2) / (2 * numel(y2));
end
[th2, info2] = gd_run(gd_leastsq(X2, y2), zeros(3, 1), 'StepSize', 0.01, 'MaxIter', 400);
price = [1, ([1650 3] - mu_x) ./ sigma_x] * th2;

fprintf('\nex1data1 (m = %d): alpha = %g, %d iterations\n', m, alpha, num_iters);
fprintf('  coursework loop theta = [%.4f; %.4f]   gd_run theta = [%.4f; %.4f]\n', theta, th);
fprintf('  relative difference in theta %.1e, largest relative difference in J_history %.1e\n', dtheta, dJ);
fprintf('  predictions: population 35,000 -> profit %.2f; 70,000 -> %.2f\n', p35, p70);
fprintf('  time: loop %.1f ms, gd_run %.2f ms (the constructor, with its eigenvalues, not included)\n', 1e3 * t_loop, 1e3 * t_gd);
fprintf('  step-size limit 2/lambda_max(X''X/m) = %.5f: 0.98x converges (exitflag %d), 1.02x diverges (exitflag %d at iteration %d)\n', ...
        etamax, below.exitflag, above.exitflag, above.iterations);
fprintf('\nex1data2 (m = %d, normalised): gd_run theta = [%.1f; %.1f; %.1f], loop theta = [%.1f; %.1f; %.1f]\n', ...
        numel(y2), th2, theta2);
fprintf('  largest relative difference in J_history %.1e; predicted price of a 1650 sq-ft, 3-bedroom house: $%.0f\n', ...
        max(abs(info2.f(2:end)' - J2) ./ J2), price);

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(dtheta < 1e-12 && dJ < 1e-12, 'gd_run reproduces the coursework theta and J_history to 1e-12');
gdf_demo_claim(above.exitflag == -2 && below.exitflag ~= -2, 'the step limit is 2/lambda_max(X''X/m): above it GD diverges, below it converges');
fprintf('Figure written to %s\n', f1);
