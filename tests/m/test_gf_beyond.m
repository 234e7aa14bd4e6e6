% Tests of gf_run beyond the gradient flow: the heavy-ball and Su-Boyd-Candes
% ODEs against their closed forms, the natural gradient flow, Langevin
% dynamics (covariance, reproducibility, T = 0), and bad input.

%!function X = sbc_exact(A, xs, x0, t)
%!  % theta(t) = theta* + V diag(2 J1(sqrt(lam) t) / (sqrt(lam) t)) V' (theta0 - theta*)
%!  [V, L] = eig(A); lam = diag(L); z0 = V' * (x0 - xs);
%!  X = zeros(numel(t), numel(x0));
%!  for i = 1:numel(t)
%!    s = sqrt(lam) * t(i);
%!    m = ones(size(s));
%!    k = s > 0;
%!    m(k) = 2 * besselj(1, s(k)) ./ s(k);
%!    X(i, :) = (xs + V * (m .* z0))';
%!  end
%!endfunction

%!function [X, W] = hb_exact(A, xs, x0, v0, g, t)
%!  % per eigen-mode: z'' + g z' + lam z = 0, a damped oscillator (w may be imaginary)
%!  [V, L] = eig(A); lam = diag(L); z0 = V' * (x0 - xs); w0 = V' * v0;
%!  w = sqrt(lam - g ^ 2 / 4 + 0i); c = w0 + g * z0 / 2;
%!  X = zeros(numel(t), numel(x0)); W = X;
%!  for i = 1:numel(t)
%!    e = exp(-g * t(i) / 2);
%!    z = e * (z0 .* cos(w * t(i)) + c .* sin(w * t(i)) ./ w);
%!    dz = -g / 2 * z + e * (-z0 .* w .* sin(w * t(i)) + c .* cos(w * t(i)));
%!    X(i, :) = (xs + V * real(z))';
%!    W(i, :) = (V * real(dz))';
%!  end
%!endfunction

%!test
%! % Su-Boyd-Candes ODE: rk45 at tight tolerance matches the Bessel closed form to 1e-6
%! A = gdf_test_spd(6, 0.1, 10, 1); b = randn(6, 1); prob = gd_quadratic(A, b); theta0 = randn(6, 1);
%! tt = linspace(0, 20, 81);
%! [t, Th, info] = gf_run(prob, theta0, tt, 'Method', 'nesterov', 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! E = sbc_exact(A, prob.theta_star, theta0, tt);
%! assert (t, tt');
%! assert (max(abs(Th(:) - E(:))) < 1e-6);
%! assert (info.exitflag, 1);
%! assert (info.integrator, 'rk45');
%! % info.f and info.gradnorm are f and the Euclidean gradient norm there
%! [f, G] = gd_eval(prob, Th');
%! assert (info.f, f', 1e-12 * max(abs(f)));
%! assert (info.gradnorm, sqrt(sum(G .^ 2, 1))', 1e-12 * max(info.gradnorm));
%! % the velocity is theta'; at t = 0 theta''(0) = -grad f(theta0)/4, so theta'(h) ~ -h grad f / 4
%! assert (size(info.velocity), size(Th));
%! assert (info.velocity(1, :), zeros(1, 6));
%! dTh = (Th(3:end, :) - Th(1:end - 2, :)) / (2 * (tt(2) - tt(1)));
%! assert (max(max(abs(dTh - info.velocity(2:end - 1, :)))) < 0.05 * max(abs(info.velocity(:))));
%! [~, g0] = gd_eval(prob, theta0);
%! h = 1e-4;
%! [~, Th2, info2] = gf_run(prob, theta0, [0 h], 'Method', 'nesterov', 'RelTol', 1e-12, 'AbsTol', 1e-14);
%! assert (info2.velocity(end, :)', -h * g0 / 4, 1e-6 * h * norm(g0));

%!test
%! % SBC bound: f(theta(t)) - f* <= 2 ||theta0 - theta*||^2 / t^2 along the whole trajectory
%! for seed = 1:3
%!   A = gdf_test_spd(5, 1e-3, 10, 10 + seed); b = randn(5, 1); prob = gd_quadratic(A, b); theta0 = 3 * randn(5, 1);
%!   [t, Th, info] = gf_run(prob, theta0, [0 200], 'Method', 'nesterov', 'RelTol', 1e-8, 'AbsTol', 1e-10);
%!   r2 = norm(theta0 - prob.theta_star) ^ 2;
%!   k = t > 0;
%!   assert (all(info.f(k) - prob.f_star <= 2 * r2 ./ t(k) .^ 2 + 1e-12));
%!   assert (numel(t) > 50);
%! end
%! % and the bound is tight enough to matter: f - f* gets within a factor 100 of it early on
%! gap = (info.f(k) - prob.f_star) .* t(k) .^ 2 / (2 * r2);
%! assert (max(gap) > 0.01);

%!test
%! % nesterov with the fixed-step integrators converges to the same solution
%! A = gdf_test_spd(4, 0.5, 5, 2); prob = gd_quadratic(A, zeros(4, 1)); theta0 = randn(4, 1);
%! E = sbc_exact(A, zeros(4, 1), theta0, 3);
%! err = zeros(1, 3); hs = [0.04 0.02 0.01];
%! for i = 1:3
%!   [~, Th] = gf_run(prob, theta0, [0 3], 'Method', 'nesterov', 'Integrator', 'rk4', 'Step', hs(i));
%!   err(i) = norm(Th(end, :) - E);
%! end
%! assert (err(3) < 1e-7);
%! p = polyfit(log(hs), log(err), 1);
%! assert (p(1) > 3.5);
%! [~, Th] = gf_run(prob, theta0, [0 3], 'Method', 'nesterov', 'Integrator', 'euler', 'Step', 1e-3);
%! assert (norm(Th(end, :) - E) < 1e-2);

%!test
%! % heavy ball: closed form per eigen-mode (under-, over- and critically-near damped) to 1e-6
%! A = gdf_test_spd(5, 0.05, 20, 3); b = randn(5, 1); prob = gd_quadratic(A, b); theta0 = randn(5, 1);
%! tt = linspace(0, 15, 61);
%! for g = [0.3 2 9]
%!   [t, Th, info] = gf_run(prob, theta0, tt, 'Method', 'heavyball', 'Damping', g, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%!   [E, W] = hb_exact(A, prob.theta_star, theta0, zeros(5, 1), g, tt);
%!   assert (max(abs(Th(:) - E(:))) < 1e-6);
%!   assert (max(abs(info.velocity(:) - W(:))) < 1e-6);
%!   assert (info.damping, g);
%! end
%! % with an initial velocity, from t0 = 2 (the ODE is autonomous)
%! v0 = randn(5, 1);
%! [t, Th, info] = gf_run(prob, theta0, 2 + tt, 'Method', 'heavyball', 'Damping', 1, 'InitialVelocity', v0, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! [E, W] = hb_exact(A, prob.theta_star, theta0, v0, 1, tt);
%! assert (max(abs(Th(:) - E(:))) < 1e-6);
%! assert (info.velocity(1, :), v0');
%! % the energy f + |theta'|^2 / 2 never increases
%! En = info.f + sum(info.velocity .^ 2, 2) / 2;
%! assert (all(diff(En) <= 1e-12));

%!test
%! % heavy ball: default Damping 2 sqrt(mu) (critical for the slowest mode), and 1 without mu
%! prob = gd_quadratic(diag([0.04 1 4]), [0; 0; 0]);
%! [~, ~, info] = gf_run(prob, [1; 1; 1], [0 1], 'Method', 'heavyball');
%! assert (info.damping, 2 * sqrt(0.04), 1e-15);
%! fg = @(x) deal(sum(x .^ 2) / 2, x);
%! [~, ~, info] = gf_run(fg, [1; 1], [0 1], 'Method', 'heavyball');
%! assert (info.damping, 1);
%! % fixed-step integrators: rk4 is 4th order on the first-order system
%! A = gdf_test_spd(3, 0.5, 4, 4); prob = gd_quadratic(A, ones(3, 1)); theta0 = randn(3, 1);
%! E = hb_exact(A, prob.theta_star, theta0, zeros(3, 1), 0.7, 2);
%! hs = [0.1 0.05 0.025]; err = zeros(1, 3);
%! for i = 1:3
%!   [~, Th] = gf_run(prob, theta0, [0 2], 'Method', 'heavyball', 'Damping', 0.7, 'Integrator', 'rk4', 'Step', hs(i));
%!   err(i) = norm(Th(end, :) - E);
%! end
%! p = polyfit(log(hs), log(err), 1);
%! assert (abs(p(1) - 4) < 0.3);

%!test
%! % heavy ball beats the gradient flow on an ill-conditioned bowl (critical damping of mu)
%! prob = gd_quadratic(diag([1e-2 1]), [0; 0]);
%! [~, ~, igf] = gf_run(prob, [1; 1], [0 100], 'RelTol', 1e-8);
%! [~, ~, ihb] = gf_run(prob, [1; 1], [0 100], 'Method', 'heavyball', 'RelTol', 1e-8);
%! assert (ihb.f(end) < 1e-3 * igf.f(end));

%!test
%! % GradTol stops heavyball at rest: |theta'| and |grad f| small
%! prob = gd_quadratic(diag([1 2]), [1; 1]);
%! [t, Th, info] = gf_run(prob, [3; 3], [0 1000], 'Method', 'heavyball', 'Damping', 1.5, 'GradTol', 1e-6);
%! assert (info.exitflag, 2);
%! assert (t(end) < 1000);
%! assert (norm(info.velocity(end, :)) <= 1e-6);
%! assert (info.gradnorm(end) <= 2.5e-6);
%! assert (~isempty(strfind(info.message, 'rest')));

%!test
%! % natural gradient flow with G = A on a quadratic: theta(t) = theta* + exp(-t) (theta0 - theta*)
%! A = gdf_test_spd(6, 1e-2, 1e2, 5); b = randn(6, 1); prob = gd_quadratic(A, b); theta0 = randn(6, 1);
%! tt = linspace(0, 8, 33);
%! [t, Th, info] = gf_run(prob, theta0, tt, 'Method', 'natural', 'Metric', A, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! E = (prob.theta_star + (theta0 - prob.theta_star) * exp(-tt))';
%! assert (max(abs(Th(:) - E(:))) < 1e-8 * max(1, norm(theta0 - prob.theta_star)));
%! % a straight line: every point on the segment from theta0 to theta*
%! D = Th - repmat(prob.theta_star', numel(tt), 1); u = (theta0 - prob.theta_star)' / norm(theta0 - prob.theta_star);
%! assert (max(max(abs(D - (D * u') * u))) < 1e-8);
%! % info.gradnorm is the Euclidean gradient norm
%! [~, G] = gd_eval(prob, Th');
%! assert (info.gradnorm, sqrt(sum(G .^ 2, 1))', 1e-12 * max(info.gradnorm));
%! % 'hessian' is the same metric here (plus 1e-10*I, which keeps Fisher matrices factorable); a handle too
%! [~, Th2] = gf_run(prob, theta0, tt, 'Method', 'natural', 'Metric', 'hessian', 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! assert (Th2, Th, 1e-6);
%! [~, Th3] = gf_run(prob, theta0, tt, 'Method', 'natural', 'Metric', @(x) A, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! assert (Th3, Th, 1e-9);
%! % a fixed-step integrator
%! [~, Th4, i4] = gf_run(prob, theta0, [0 8], 'Method', 'natural', 'Metric', A, 'Integrator', 'rk4', 'Step', 0.01);
%! assert (Th4(end, :), E(end, :), 1e-8);
%! assert (i4.integrator, 'rk4');

%!test
%! % a metric handle that stops being positive definite ends the run with exitflag -2
%! prob = gd_quadratic(eye(2), [0; 0]);
%! ws = warning('off', 'gdflow:diverged');
%! [t, Th, info] = gf_run(prob, [1; 1], [0 5], 'Method', 'natural', 'Metric', @(x) [1 0; 0 2 * x(1) - 1]);
%! warning(ws);
%! assert (info.exitflag, -2);
%! assert (all(isfinite(Th(:))));
%! assert (t(end) < log(2) + 0.1);   % G(theta) is singular when theta1 = exp(-t) = 1/2

%!test
%! % natural gradient flow with the Fisher metric on logistic regression: runs and decreases f
%! randn('seed', 7); rand('seed', 7);
%! m = 200; X = [ones(m, 1), randn(m, 2)]; w = [0.5; 2; -1];
%! y = double(rand(m, 1) < 1 ./ (1 + exp(-X * w)));
%! prob = gd_logistic(X, y, 0.1);
%! [t, Th, info] = gf_run(prob, zeros(3, 1), [0 10], 'Method', 'natural', 'Metric', 'fisher');
%! assert (info.exitflag, 1);
%! assert (all(diff(info.f) <= 1e-12));
%! assert (info.f(end) < info.f(1) - 0.1);
%! [~, ~, igf] = gf_run(prob, zeros(3, 1), [0 10]);
%! assert (info.f(end) <= igf.f(end) + 1e-12);   % natural gradient is faster here

%!test
%! % Langevin on a quadratic: the sample covariance of one long path is within 5% of
%! % T*inv(A - h*A^2/2), Euler-Maruyama's exact stationary covariance (h*lambda_max/2 = 1%,
%! % so also within 5% of T*inv(A)).  A has eigenvalues 1 and 2; the path runs to
%! % t = 20000 (10^6 steps of 0.02) and is kept every 0.1.  A variance estimate from a
%! % time average over t of an OU mode with rate lambda has relative standard error
%! % sqrt(2/(lambda t)) = 1% for lambda = 1 (the samples every 0.1 lose little: the
%! % correlation time is 1/lambda >= 0.5).  The error of the whole matrix in norm was
%! % 0.5% to 2.4% over Seeds 1..10, so the 5% bound is about a 4-sigma statement
%! % (confidence > 99.99%); the Seed is fixed, so the test is deterministic.
%! A = [1.5 0.5; 0.5 1.5]; prob = gd_quadratic(A, [0; 0]); T = 0.3; h = 0.02;
%! tt = 0:0.1:20000;
%! [t, Th, info] = gf_run(prob, [2; -2], tt, 'Method', 'langevin', 'Temperature', T, 'Step', h, 'Seed', 11);
%! assert (numel(t), numel(tt));
%! assert (info.nsteps, 1e6);
%! X = Th(101:end, :);                          % drop the first 10 time units
%! C = (X' * X) / size(X, 1);
%! Cem = T * inv(A - h * A ^ 2 / 2);
%! assert (norm(C - Cem) / norm(Cem) < 0.05);
%! assert (norm(C - T * inv(A)) / norm(T * inv(A)) < 0.05);
%! assert (norm(mean(X)) < 0.05);
%! assert (info.temperature, T);
%! assert (info.seed, 11);

%!test
%! % Langevin: same Seed, same path bit for bit; another Seed, another path; default Seed 0
%! prob = gd_testfun('himmelblau');
%! opts = {'Method', 'langevin', 'Temperature', 2, 'Step', 1e-3};
%! [t1, P1] = gf_run(prob, [0; 0], [0 1], opts{:}, 'Seed', 42);
%! [t2, P2] = gf_run(prob, [0; 0], [0 1], opts{:}, 'Seed', 42);
%! assert (isequal(P1, P2) && isequal(t1, t2));
%! [~, P3] = gf_run(prob, [0; 0], [0 1], opts{:}, 'Seed', 43);
%! assert (size(P3), size(P1));
%! assert (nnz(P3(2:end, :) ~= P1(2:end, :)) == numel(P1) - 2);
%! [~, P4] = gf_run(prob, [0; 0], [0 1], opts{:});
%! [~, P5] = gf_run(prob, [0; 0], [0 1], opts{:}, 'Seed', 0);
%! assert (isequal(P4, P5));
%! % a function handle and the struct give the same path
%! fg = @(x) deal((x(1)^2 + x(2) - 11)^2 + (x(1) + x(2)^2 - 7)^2, ...
%!               [4 * x(1) * (x(1)^2 + x(2) - 11) + 2 * (x(1) + x(2)^2 - 7); 2 * (x(1)^2 + x(2) - 11) + 4 * x(2) * (x(1) + x(2)^2 - 7)]);
%! [~, P6] = gf_run(fg, [0; 0], [0 1], opts{:}, 'Seed', 42);
%! assert (P6, P1, 1e-12 * max(abs(P1(:))));
%! % requested times on the grid: the same path at those steps
%! [t7, P7] = gf_run(prob, [0; 0], [0 0.1 0.25 1], opts{:}, 'Seed', 42);
%! assert (t7, [0 0.1 0.25 1]');
%! assert (isequal(P7, P1([1 101 251 1001], :)));

%!test
%! % Langevin with T = 0 is the euler method exactly (and euler is gradient descent)
%! A = gdf_test_spd(4, 0.5, 4, 6); prob = gd_quadratic(A, randn(4, 1)); theta0 = randn(4, 1);
%! [t1, P1, i1] = gf_run(prob, theta0, [0 1.05], 'Method', 'langevin', 'Temperature', 0, 'Step', 0.1, 'Seed', 5);
%! [t2, P2, i2] = gf_run(prob, theta0, [0 1.05], 'Method', 'euler', 'Step', 0.1);
%! assert (isequal(t1, t2) && isequal(P1, P2) && isequal(i1.f, i2.f) && isequal(i1.gradnorm, i2.gradnorm));
%! assert (i1.nsteps, i2.nsteps);

%!test
%! % options structs from gd_options carry the new options
%! o = gd_options('gf_run', 'Method', 'langevin', 'Temperature', 0.5, 'Seed', 3, 'Step', 0.01);
%! [~, P1] = gf_run(gd_quadratic(eye(2)), [1; 1], [0 1], o);
%! [~, P2] = gf_run(gd_quadratic(eye(2)), [1; 1], [0 1], 'Method', 'langevin', 'Temperature', 0.5, 'Seed', 3, 'Step', 0.01);
%! assert (isequal(P1, P2));

%% ---- bad input: identifiers gdflow:gf_run:<what> ----
%!shared prob
%! prob = gd_quadratic([2 0; 0 1], [1; 1]);
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Temperature', -1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Temperature', Inf)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Seed', 1.5)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Seed', -1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Seed', Inf)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Seed', 'abc')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'Seed', 2^60)
%!error id=gdflow:gf_run:noStep gf_run(prob, [1; 1], [0 1], 'Method', 'langevin')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'langevin', 'Step', 0.1, 'GradTol', 1e-3)
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [0 0.15 1], 'Method', 'langevin', 'Step', 0.1)
%!error id=gdflow:gf_run:badMetric gf_run(prob, [1; 1], [0 1], 'Method', 'natural', 'Metric', [1 2; 2 1])
%!error id=gdflow:gf_run:badMetric gf_run(prob, [1; 1], [0 1], 'Method', 'natural', 'Metric', [1 0.5; 0 1])
%!error id=gdflow:gf_run:badMetric gf_run(prob, [1; 1], [0 1], 'Method', 'natural', 'Metric', eye(3))
%!error id=gdflow:gf_run:badMetric gf_run(prob, [1; 1], [0 1], 'Method', 'natural')
%!error id=gdflow:gf_run:badMetric gf_run(prob, [1; 1], [0 1], 'Method', 'natural', 'Metric', 'fisher')
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [1 2], 'Method', 'nesterov')
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [-1 2], 'Method', 'nesterov')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'nesterov', 'InitialVelocity', [1; 0])
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'InitialVelocity', [1; 0; 0])
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Damping', 0)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Damping', -1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Damping', Inf)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Step', 0.1)
%!error id=gdflow:gf_run:noStep gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Integrator', 'rk4')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'heavyball', 'Integrator', 'implicit', 'Step', 0.1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Damping', 1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Metric', eye(2))
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Temperature', 1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Seed', 1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'euler', 'Step', 0.1, 'Integrator', 'rk4')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'natural', 'Metric', eye(2), 'InitialVelocity', [0; 0])

%!test
%! % many starts (theta0 d x m) = m separate runs, bit for bit, on the common grid
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! X0 = [2 -1 0; 1 3 0.5];
%! cases = {{[0 2], 'Method', 'euler', 'Step', 0.1}, {[0 2], 'Method', 'heun', 'Step', 0.1}, ...
%!          {[0 2], 'Method', 'rk4', 'Step', 0.25}, {[0 2], 'Method', 'implicit', 'Step', 0.5}, ...
%!          {linspace(0, 2, 7)}, {[0 2], 'Method', 'exact'}, ...
%!          {[0 2], 'Method', 'heavyball', 'Integrator', 'rk4', 'Step', 0.1}};
%! for c = 1:numel(cases)
%!   a = cases{c};
%!   [t, Th, info] = gf_run(prob, X0, a{:});
%!   assert (size (Th), [numel(t), 2, 3]);
%!   assert (size (info.f), [numel(t), 3]);
%!   for j = 1:3
%!     [tj, Thj, ij] = gf_run(prob, X0(:, j), a{:});
%!     assert (isequal (t, tj) && isequal (Th(:, :, j), Thj) && isequal (info.f(:, j), ij.f));
%!     assert (isequal (info.gradnorm(:, j), ij.gradnorm) && info.nsteps(j) == ij.nsteps);
%!     assert (info.exitflag(j) == ij.exitflag && strcmp (info.message{j}, ij.message));
%!     if isfield (ij, 'velocity')
%!       assert (isequal (info.velocity(:, :, j), ij.velocity));
%!     end
%!   end
%! end

%!test
%! % langevin: path j uses Seed + j - 1, path 1 is the single run's
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! X0 = [2 -1 0; 1 3 0.5];
%! [t, Th, info] = gf_run(prob, X0, [0 1], 'Method', 'langevin', 'Step', 0.05, 'Seed', 11);
%! assert (info.seed, [11 12 13]);
%! for j = 1:3
%!   [~, Thj] = gf_run(prob, X0(:, j), [0 1], 'Method', 'langevin', 'Step', 0.05, 'Seed', 10 + j);
%!   assert (isequal (Th(:, :, j), Thj));
%! end
%! assert (~isequal (Th(:, :, 1), Th(:, :, 2)));

%!test
%! % a start that stops early is padded with NaN; t is the longest start's
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! X0 = [2 -1 0.2; 1 3 0.4];   % the third start is next to theta* = [0.2; 0.4]
%! [t, Th, info] = gf_run(prob, X0, [0 20], 'Method', 'euler', 'Step', 0.1, 'GradTol', 1e-3);
%! assert (all (info.exitflag == 2));
%! assert (numel (t), max (info.nsteps) + 1);
%! for j = 1:3
%!   k = info.nsteps(j) + 1;
%!   head = Th(1:k, :, j);
%!   tail = Th(k + 1:end, :, j);
%!   assert (all (isfinite (head(:))) && all (isnan (tail(:))));
%!   assert (all (isnan (info.f(k + 1:end, j))));
%! end

%!test
%! % one start diverges (warning), the others run to the end
%! f = @(x) deal (x(1)^4 + x(2)^2, [4 * x(1)^3; 2 * x(2)]);
%! warning ('off', 'gdflow:diverged', 'local');
%! [t, Th, info] = gf_run (f, [0.5 10; 1 1], [0 2], 'Method', 'euler', 'Step', 0.1);
%! assert (info.exitflag, [1 -2]);
%! first = Th(:, :, 1);
%! assert (all (isfinite (first(:))));

% rk45 starts whose steps differ (since rk45 takes ode45's starting step and
% its growth limit 1.5, [2 -1; 1 3] happen to take the same steps: no error)
%!error id=gdflow:gf_run:badTspan gf_run (gd_quadratic ([3 1; 1 2], [1; 1]), [200 -100; 100 300], [0 2])
%!test
%! % a row vector is one start
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! [t, Th] = gf_run(prob, [2 1], [0 1], 'Method', 'euler', 'Step', 0.5);
%! assert (size (Th), [3 2]);
