% gd_run beyond vanilla GD: heavy ball, Nesterov, proximal point, natural
% gradient, many starting points at once.

%!test
%! % heavy ball with its optimal pair reaches ((sqrt(kappa)-1)/(sqrt(kappa)+1))^k up to a polynomial factor
%! kappa = 100; A = gdf_test_spd(20, 1, kappa, 1); b = randn(20, 1); prob = gd_quadratic(A, b); theta0 = randn(20, 1);
%! % (120 iterations: beyond that the error reaches the rounding floor)
%! [~, info] = gd_run(prob, theta0, 'Method', 'heavyball', 'MaxIter', 120, 'GradTol', 0, 'History', 'full');
%! q = (sqrt(kappa) - 1) / (sqrt(kappa) + 1);
%! assert (info.stepsize, 4 / (sqrt(prob.L) + sqrt(prob.mu))^2, 1e-14);
%! assert (info.momentum, q^2, 1e-14);
%! e = sqrt(sum((info.theta - prob.theta_star) .^ 2, 1)); k = 0:120;
%! assert (all(e <= 2 * (k + 1) .* q .^ k * e(1)));
%! % ... far beyond plain GD with its best fixed step, whose rate is (kappa-1)/(kappa+1)
%! [~, g] = gd_run(prob, theta0, 'StepSize', '2/(L+mu)', 'MaxIter', 120, 'GradTol', 0, 'History', 'full');
%! eg = sqrt(sum((g.theta - prob.theta_star) .^ 2, 1));
%! assert (e(end) < 1e-6 * eg(end));
%! % heavy ball = its own recurrence, written out in Octave
%! x = theta0; xp = theta0; eta = info.stepsize; beta = info.momentum;
%! for k = 1:50
%!   xn = x - eta * (prob.A * x - b) + beta * (x - xp); xp = x; x = xn;
%! end
%! assert (info.theta(:, 51), x, 1e-12 * norm(x));

%!test
%! % Nesterov beats GD's iteration count at kappa = 1e3
%! A = gdf_test_spd(30, 1, 1e3, 2); b = randn(30, 1); prob = gd_quadratic(A, b); theta0 = randn(30, 1);
%! [~, n] = gd_run(prob, theta0, 'Method', 'nesterov', 'MaxIter', 1e5, 'GradTol', 1e-8);
%! [~, g] = gd_run(prob, theta0, 'MaxIter', 1e5, 'GradTol', 1e-8);
%! assert (n.exitflag, 1); assert (g.exitflag, 1);
%! assert (n.iterations < g.iterations / 5);
%! assert (n.momentum, (sqrt(1e3) - 1) / (sqrt(1e3) + 1), 1e-3);
%! % the recurrence, written out
%! [~, info] = gd_run(prob, theta0, 'Method', 'nesterov', 'MaxIter', 40, 'GradTol', 0, 'History', 'full');
%! x = theta0; xp = theta0; eta = info.stepsize; beta = info.momentum;
%! for k = 0:39
%!   bk = beta * (k > 0);
%!   y = x + bk * (x - xp); xp = x; x = y - eta * (prob.A * y - b);
%! end
%! assert (info.theta(:, end), x, 1e-12 * norm(x));

%!test
%! % Nesterov's (k-1)/(k+2) schedule on a convex, not strongly convex problem:
%! % f_k - f* <= 2 L ||theta0 - theta*||^2 / (k+1)^2 with eta = 1/L
%! randn('seed', 3); X = randn(40, 60); y = randn(40, 1);     % rank-deficient least squares
%! prob = gd_leastsq(X, y); theta0 = zeros(60, 1);
%! [~, info] = gd_run(prob, theta0, 'Method', 'nesterov', 'MaxIter', 500, 'GradTol', 0);
%! assert (info.momentum, 'schedule');
%! k = 1:500; R2 = sum((theta0 - prob.theta_star) .^ 2);
%! assert (all(info.f(2:end) - prob.f_star <= 2 * prob.L * R2 ./ (k + 1) .^ 2 + 1e-12));

%!test
%! % backtracking works with Nesterov (Armijo at the look-ahead point): a convex
%! % problem whose L the method is not told
%! randn('seed', 8); X = randn(50, 10); y = randn(50, 1); prob = gd_leastsq(X, y);
%! fg = @(t) deal(sum((X * t - y) .^ 2) / 100, X' * (X * t - y) / 50);
%! [th, info] = gd_run(fg, zeros(10, 1), 'Method', 'nesterov', 'StepSize', 'backtracking', 'MaxIter', 5000, 'GradTol', 1e-9);
%! assert (info.exitflag, 1); assert (th, prob.theta_star, 1e-6);
%! assert (all(info.stepsize > 0));

%!test
%! % proximal point = backward Euler: (I + eta A) theta_{k+1} = theta_k + eta b, stable for any eta
%! A = gdf_test_spd(8, 1, 50, 4); b = randn(8, 1); prob = gd_quadratic(A, b); theta0 = randn(8, 1);
%! eta = 100 / prob.L;
%! [th, info] = gd_run(prob, theta0, 'Method', 'proximal', 'StepSize', eta, 'MaxIter', 30, 'GradTol', 0, 'History', 'full');
%! x = theta0;
%! for k = 1:30
%!   x = (eye(8) + eta * A) \ (x + eta * b);
%!   assert (info.theta(:, k + 1), x, 1e-10 * norm(x));
%! end
%! assert (info.iterations, 30); assert (th, x, 1e-10 * norm(x));
%! assert (all(diff(info.f) <= 1e-13 * abs(info.f(1))));
%! % and it stops on GradTol
%! [~, info] = gd_run(prob, theta0, 'Method', 'proximal', 'StepSize', eta, 'MaxIter', 1000, 'GradTol', 1e-6);
%! assert (info.exitflag, 1); assert (info.gradnorm(end) <= 1e-6);

%!test
%! % proximal on a non-quadratic: each step solves u + eta grad f(u) = theta_k
%! prob = gd_testfun('rosenbrock');
%! [~, info] = gd_run(prob, [-1.2; 1], 'Method', 'proximal', 'StepSize', 0.5, 'MaxIter', 20, 'GradTol', 0, 'History', 'full');
%! for k = 1:20
%!   [~, g] = gd_eval(prob, info.theta(:, k + 1));
%!   assert (norm(info.theta(:, k + 1) + 0.5 * g - info.theta(:, k)) < 1e-9);
%! end

%!test
%! % natural gradient with G = A on a quadratic: one unit step lands on theta*
%! A = gdf_test_spd(6, 1, 1e4, 5); b = randn(6, 1); prob = gd_quadratic(A, b);
%! [th, info] = gd_run(prob, randn(6, 1), 'Method', 'natural', 'Metric', prob.A, 'MaxIter', 5);
%! assert (th, prob.theta_star, 1e-9 * norm(prob.theta_star));
%! assert (info.iterations <= 2);
%! % a metric handle gives the same iterates as the fixed matrix
%! [t2, i2] = gd_run(prob, randn(6, 1), 'Method', 'natural', 'Metric', @(t) prob.A, 'MaxIter', 5);
%! assert (t2, prob.theta_star, 1e-9 * norm(prob.theta_star));
%! % G = Hessian: Newton's method, quadratic convergence on logistic regression
%! randn('seed', 6); rand('seed', 6); X = [ones(200, 1), randn(200, 2)];
%! y = double(rand(200, 1) < 1 ./ (1 + exp(-X * [0.3; 1; -1])));
%! lp = gd_logistic(X, y);
%! [th, info] = gd_run(lp, zeros(3, 1), 'Method', 'natural', 'Metric', 'fisher', 'MaxIter', 50, 'GradTol', 1e-10);
%! [~, gi] = gd_run(lp, zeros(3, 1), 'MaxIter', 5000, 'GradTol', 1e-10);
%! assert (info.exitflag, 1); assert (info.iterations < 15);
%! assert (info.iterations < gi.iterations / 3);
%! assert (th, lp.theta_star, 1e-6);

%!test
%! % many starting points: theta0 d x m equals m separate runs
%! A = gdf_test_spd(3, 1, 20, 7); b = randn(3, 1); prob = gd_quadratic(A, b); T0 = randn(3, 5);
%! for method = {'gd', 'heavyball', 'nesterov', 'proximal'}
%!   [TH, info] = gd_run(prob, T0, 'Method', method{1}, 'StepSize', 0.05, 'MaxIter', 60, 'History', 'full', 'GradTol', 1e-6);
%!   assert (size(TH), [3 5]);
%!   assert (size(info.iterations), [1 5]);
%!   assert (size(info.f), [5, max(info.iterations) + 1]);
%!   assert (size(info.theta), [3, max(info.iterations) + 1, 5]);
%!   for j = 1:5
%!     [th, ij] = gd_run(prob, T0(:, j), 'Method', method{1}, 'StepSize', 0.05, 'MaxIter', 60, 'History', 'full', 'GradTol', 1e-6);
%!     assert (TH(:, j), th, 1e-14);
%!     k = ij.iterations;
%!     assert (info.f(j, 1:k + 1), ij.f, 1e-14);
%!     assert (all(isnan(info.f(j, k + 2:end))));
%!     assert (info.theta(:, 1:k + 1, j), ij.theta, 1e-14);
%!   end
%! end

%% ---- bad input ----
%!shared prob
%! prob = gd_quadratic([2 0; 0 1], [1; 1]);
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'heavyball', 'Momentum', 1)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'heavyball', 'Momentum', -0.1)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'nesterov', 'Momentum', 'lots')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'heavyball', 'Momentum', 'schedule')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Momentum', 0.5)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'momentum')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'heavyball', 'StepSize', 'backtracking')
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural')
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural', 'Metric', [1 0; 0 -1])
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural', 'Metric', [1 2; 0 1])
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural', 'Metric', eye(3))
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural', 'Metric', 'fisher')
%!error id=gdflow:gd_run:badMetric gd_run(prob, [1; 1], 'Method', 'natural', 'Metric', @(t) eye(3))
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Metric', eye(2))
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Method', 'proximal', 'StepTol', 1e-3)
%!error id=gdflow:gd_run:badOption gd_run(prob, ones(2, 3), 'Display', 'iter')
