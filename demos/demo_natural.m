%% Natural gradient against gradient descent
% Claim (section 7 of the lecture): replacing the Euclidean gradient by the
% Riemannian one, theta+ = theta - eta G(theta)^{-1}*grad f, adapts the
% direction to the geometry.  With G = A on a quadratic the natural step
% points straight at the minimizer (one unit step lands on it, whatever the
% condition number); for logistic regression, G = the Fisher information
% gives Newton-like steps.  The demo draws GD and natural-gradient paths on
% an ill-conditioned bowl and on a 2-parameter logistic regression (its
% log-loss contours), and prints iterations to norm(grad f) <= 1e-8.
%
% Run:  cd demos; demo_natural

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

% a bowl with kappa = 30, and a logistic regression in 2 parameters
bowl = gd_testfun('ellipse', 30, pi / 6);
rand('seed', 3);
randn('seed', 3);
x = [randn(60, 1) - 1; randn(60, 1) + 1.5];
X = [ones(120, 1), x];
y = [zeros(60, 1); ones(60, 1)];
flip = rand(120, 1) < 0.1;
y(flip) = 1 - y(flip);     % some label noise: a finite minimizer exists
logi = gd_logistic(X, y);

theta0 = [-3; 2.5];
[~, g1] = gd_run(bowl, theta0, 'MaxIter', 2000, 'GradTol', 1e-8, 'History', 'full');
[~, n1] = gd_run(bowl, theta0, 'Method', 'natural', 'Metric', bowl.A, 'StepSize', 0.25, 'MaxIter', 2000, 'GradTol', 1e-8, 'History', 'full');
[~, u1] = gd_run(bowl, theta0, 'Method', 'natural', 'Metric', bowl.A, 'MaxIter', 10, 'GradTol', 1e-8, 'History', 'full');
t0 = [-2; 2];
[~, g2] = gd_run(logi, t0, 'MaxIter', 20000, 'GradTol', 1e-8, 'History', 'full');
[~, n2] = gd_run(logi, t0, 'Method', 'natural', 'Metric', 'fisher', 'StepSize', 0.5, 'MaxIter', 200, 'GradTol', 1e-8, 'History', 'full');


%% Paths
% Hypotheses: the metric G(theta) is the Hessian of the bowl (or the Fisher
% information of the logistic model), positive definite.  Look at the
% natural gradient paths: straight to the minimum, where GD bends.
fig = gdf_demo_figure(1300, 700);
subplot(1, 2, 1);
gd_plot(bowl, {g1.theta(:, 1:min(end, 60)), n1.theta}, 'Limits', [-4 4 -4 4], 'Field', false, ...
        'Labels', {'GD, 1/L', 'natural, G = A, \eta = 0.25'}, 'Title', 'bowl, \kappa = 30');
subplot(1, 2, 2);
gd_plot(logi, {g2.theta(:, 1:min(end, 400)), n2.theta}, 'Limits', [-4 4 -4 4], 'Field', false, ...
        'Labels', {'GD, 1/L', 'natural, Fisher, \eta = 0.5'}, 'Title', 'logistic regression: log-loss contours');
f1 = gdf_demo_save(fig, outdir, 'natural.png');

%% Iterations and the claim

fprintf('\nIterations to ||grad f|| <= 1e-8\n');
fprintf('%-34s %10s %12s %14s\n', 'problem', 'GD (1/L)', 'natural', 'natural, eta=1');
fprintf('%-34s %10d %12d %14d\n', 'bowl, kappa = 30 (G = A)', g1.iterations, n1.iterations, u1.iterations);
% the full step (eta = 1, Newton's method for logistic regression) converges
% only near the minimizer: from [0; 0] it does, from t0 it overshoots
[~, n3] = gd_run(logi, [0; 0], 'Method', 'natural', 'Metric', 'fisher', 'MaxIter', 200, 'GradTol', 1e-8);
fprintf('%-34s %10d %12d %14d  (eta = 1 from [0; 0])\n', 'logistic, 120 points (Fisher)', g2.iterations, n2.iterations, n3.iterations);
fprintf(['\nWith G = A and eta = 1 the first step lands on theta*: error after one step %.1e.\n' ...
         'Natural-gradient paths on the bowl are straight lines to the minimizer.\n'], norm(u1.theta(:, 2) - bowl.theta_star));
% the claims, checked
if norm(u1.theta(:, 2) - bowl.theta_star) > 1e-10 || n3.iterations >= g2.iterations / 10
  error('gdflow:demo_natural:claim', 'natural gradient did not behave as the theory says');
end
fprintf('Figure written to %s\n', f1);
