% Tests of gd_run: closed forms, the coursework loop, the handle path,
% sufficient decrease, divergence, stopping rules, options.
% Run: octave-cli --eval "addpath m tests/m; test tests/m/test_gd_run.m"

%!function A = spd(d, kappa, seed)
%!  rand('seed', seed); randn('seed', seed);
%!  [Q, ~] = qr(randn(d));
%!  lam = logspace(0, log10(kappa), d);
%!  A = Q * diag(lam) * Q';
%!  A = (A + A') / 2;
%!endfunction

%!function X = closed_form_iterates(A, b, theta0, eta, K)
%!  % theta_k = theta* + (I - eta A)^k (theta0 - theta*), k = 0..K
%!  [V, D] = eig(A); lam = diag(D);
%!  ts = A \ b; z0 = V' * (theta0 - ts);
%!  X = zeros(numel(theta0), K + 1);
%!  for k = 0:K
%!    X(:, k + 1) = ts + V * ((1 - eta * lam) .^ k .* z0);
%!  endfor
%!endfunction

%!test
%! % iterates equal the closed form to 1e-12 relative: dense, d = 2, 10, 200
%! for d = [2 10 200]
%!   A = spd(d, 50, d); b = randn(d, 1); theta0 = randn(d, 1);
%!   prob = gd_quadratic(A, b);
%!   eta = 1 / prob.L; K = 60;
%!   [theta, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
%!   X = closed_form_iterates(prob.A, b, theta0, eta, K);
%!   scale = norm(theta0) + norm(prob.theta_star);
%!   assert (info.iterations, K);
%!   assert (max(sqrt(sum((info.theta - X) .^ 2, 1))) / scale < 1e-12);
%!   assert (norm(theta - X(:, end)) / scale < 1e-12);
%! endfor

%!test
%! % the same with sparse A
%! for d = [2 10 200]
%!   A = spd(d, 20, 100 + d); A(abs(A) < 0.05) = 0; A = A + d * eye(d);   % sparse pattern, still SPD
%!   S = sparse(A); b = randn(d, 1); theta0 = randn(d, 1);
%!   prob = gd_quadratic(S, b);
%!   assert (issparse(prob.A));
%!   eta = 1.9 / prob.L; K = 40;
%!   [theta, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
%!   X = closed_form_iterates(full(prob.A), b, theta0, eta, K);
%!   assert (max(sqrt(sum((info.theta - X) .^ 2, 1))) / (norm(theta0) + norm(prob.theta_star)) < 1e-12);
%! endfor

%!test
%! % a wrong step (eta off by 1e-9 relative) is caught by the closed-form comparison
%! A = spd(10, 50, 7); b = randn(10, 1); theta0 = randn(10, 1); prob = gd_quadratic(A, b);
%! eta = 1 / prob.L; K = 60;
%! [~, info] = gd_run(prob, theta0, 'StepSize', eta * (1 + 1e-9), 'MaxIter', K, 'GradTol', 0, 'History', 'full');
%! X = closed_form_iterates(prob.A, b, theta0, eta, K);
%! assert (max(sqrt(sum((info.theta - X) .^ 2, 1))) / norm(theta0) > 1e-12);

%!test
%! % the coursework loop (ex1, alpha = 0.01, 1500 iterations) and gd_run agree on theta and every J
%! data = load(fullfile(fileparts(which('gd_reference')), '..', 'data', 'ex1data1.txt'));
%! X = [ones(size(data, 1), 1), data(:, 1)]; y = data(:, 2); m = numel(y);
%! alpha = 0.01; N = 1500; theta = zeros(2, 1); J = zeros(N, 1);
%! for i = 1:N
%!   theta = theta - alpha / m * X' * (X * theta - y);
%!   J(i) = sum((X * theta - y) .^ 2) / (2 * m);
%! endfor
%! [th, info] = gd_run(gd_leastsq(X, y), zeros(2, 1), 'StepSize', alpha, 'MaxIter', N);
%! assert (info.iterations, N);
%! assert (th, theta, 1e-12 * norm(theta));
%! assert (info.f(2:end)', J, -1e-12);
%! assert (info.f(1), sum(y .^ 2) / (2 * m), -1e-14);
%! % the published answer of the exercise: theta = [-3.6303; 1.1664]
%! assert (th, [-3.6303; 1.1664], 1e-4);

%!test
%! % multi-variable coursework data, normalised features, alpha = 0.01, 400 iterations
%! data = load(fullfile(fileparts(which('gd_reference')), '..', 'data', 'ex1data2.txt'));
%! Xr = data(:, 1:2); y = data(:, 3); m = numel(y);
%! Xn = (Xr - mean(Xr)) ./ std(Xr); X = [ones(m, 1), Xn];
%! [theta, fh] = gd_reference(@(t) deal(sum((X * t - y) .^ 2) / (2 * m), X' * (X * t - y) / m), zeros(3, 1), 0.01, 400);
%! [th, info] = gd_run(gd_leastsq(X, y), zeros(3, 1), 'StepSize', 0.01, 'MaxIter', 400);
%! assert (th, theta, 1e-12 * norm(theta));
%! assert (info.f, fh, -1e-12);

%!test
%! % the handle path gives the same iterates as the native path
%! A = spd(5, 10, 3); b = randn(5, 1); theta0 = randn(5, 1);
%! prob = gd_quadratic(A, b);
%! fg = @(t) deal(0.5 * t' * prob.A * t - b' * t, prob.A * t - b);
%! [t1, i1] = gd_run(prob, theta0, 'StepSize', 0.5 / prob.L, 'MaxIter', 200, 'GradTol', 0, 'History', 'full');
%! [t2, i2] = gd_run(fg, theta0, 'StepSize', 0.5 / prob.L, 'MaxIter', 200, 'GradTol', 0, 'History', 'full');
%! assert (i2.theta, i1.theta, 1e-13 * max(abs(i1.theta(:))));
%! assert (i2.f, i1.f, -1e-12);
%! [t3, f3] = gd_reference(fg, theta0, 0.5 / prob.L, 200);
%! assert (t1, t3, 1e-13 * norm(t3));

%!test
%! % native least squares and logistic agree with a handle on the same data
%! randn('seed', 11); rand('seed', 11);
%! X = [ones(300, 1), randn(300, 3)]; w = [0.5; 1; -2; 0.3];
%! y = double(rand(300, 1) < 1 ./ (1 + exp(-X * w)));
%! for lambda = [0 2]
%!   prob = gd_logistic(X, y, lambda);
%!   fg = @(t) deal(mean(log1p(exp(X * t)) - y .* (X * t)) + lambda / 600 * sum(t(2:end) .^ 2), ...
%!                  X' * (1 ./ (1 + exp(-X * t)) - y) / 300 + lambda / 300 * [0; t(2:end)]);
%!   [t1, i1] = gd_run(prob, zeros(4, 1), 'StepSize', 1 / prob.L, 'MaxIter', 300, 'GradTol', 0);
%!   [t2, i2] = gd_run(fg, zeros(4, 1), 'StepSize', 1 / prob.L, 'MaxIter', 300, 'GradTol', 0);
%!   assert (t1, t2, 1e-12 * norm(t2));
%!   assert (i1.f, i2.f, -1e-12);
%! endfor

%!test
%! % sufficient decrease f(k+1) <= f(k) - eta (1 - L eta / 2) ||g_k||^2 at every step, eta < 2/L
%! A = spd(20, 100, 5); b = randn(20, 1); prob = gd_quadratic(A, b);
%! for c = [0.1 0.5 1 1.5 1.9 1.99]
%!   eta = c / prob.L;
%!   [~, info] = gd_run(prob, 10 * randn(20, 1), 'StepSize', eta, 'MaxIter', 300, 'GradTol', 0);
%!   lhs = info.f(2:end);
%!   rhs = info.f(1:end - 1) - eta * (1 - prob.L * eta / 2) * info.gradnorm(1:end - 1) .^ 2;
%!   assert (all(lhs <= rhs + 1e-12 * abs(info.f(1:end - 1)) + 1e-13));
%!   assert (all(diff(info.f) <= 1e-13 * abs(info.f(1))));
%! endfor

%!test
%! % ... and it is tight: along the top eigenvector it holds with equality,
%! % so a step off by 1e-6 relative breaks it (the test can fail)
%! A = spd(20, 100, 5); [V, D] = eig(A); prob = gd_quadratic(A);
%! theta0 = V(:, end); eta = 1.3 / prob.L;
%! [~, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', 10, 'GradTol', 0);
%! lhs = info.f(2:end); rhs = info.f(1:end - 1) - eta * (1 - prob.L * eta / 2) * info.gradnorm(1:end - 1) .^ 2;
%! assert (lhs, rhs, -1e-10);
%! [~, info] = gd_run(prob, theta0, 'StepSize', eta * (1 + 1e-6), 'MaxIter', 10, 'GradTol', 0);
%! lhs = info.f(2:end); rhs = info.f(1:end - 1) - eta * (1 - prob.L * eta / 2) * info.gradnorm(1:end - 1) .^ 2;
%! assert (max(abs(lhs - rhs) ./ abs(rhs)) > 1e-8);

%!test
%! % eta = 2.05/L: stops with exitflag -2, warning gdflow:diverged, history up to the blow-up
%! A = spd(10, 30, 9); b = randn(10, 1); prob = gd_quadratic(A, b); theta0 = randn(10, 1);
%! lastwarn('');
%! [theta, info] = gd_run(prob, theta0, 'StepSize', 2.05 / prob.L, 'MaxIter', 100000, 'History', 'full');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:diverged');
%! assert (info.exitflag, -2);
%! assert (info.iterations < 1000);
%! assert (numel(info.f), info.iterations + 1);
%! assert (size(info.theta, 2), info.iterations + 1);
%! assert (theta, info.theta(:, end));
%! assert (info.f(end) - info.f(1) > 1e8 * max(1, abs(info.f(1))));
%! assert (all(isfinite(info.f)));
%! X = closed_form_iterates(prob.A, b, theta0, 2.05 / prob.L, info.iterations);
%! assert (info.theta, X, 1e-9 * max(abs(X(:))));

%!test
%! % a non-finite value mid-run: exitflag -2, history of the finite iterates
%! fg = @(t) deal(ifelse_nan(t), 2 * t);
%! warning('off', 'gdflow:diverged');
%! [theta, info] = gd_run(@(t) deal(sum(t .^ 2) + 1 / (t(1) > 0.3), 2 * t), [1; 0], 'StepSize', 0.1, 'MaxIter', 100);
%! warning('on', 'gdflow:diverged');
%! assert (info.exitflag, -2);
%! assert (all(isfinite(info.f)));
%! assert (theta(1) > 0.3);
%! assert (numel(info.f), info.iterations + 1);
%!function v = ifelse_nan(t)
%!  v = 0;
%!endfunction

%!test
%! % step rules: 1/L default, 2/(L+mu) reaches the rate ((kappa-1)/(kappa+1))^k, backtracking decreases f
%! prob = gd_testfun('ellipse', 10);
%! [~, info] = gd_run(prob, [1; 1]);
%! assert (info.steprule, '1/L'); assert (info.stepsize, 0.1, eps);
%! [~, info] = gd_run(prob, [1; 1], 'StepSize', '2/(L+mu)', 'MaxIter', 20, 'GradTol', 0, 'History', 'full');
%! assert (info.stepsize, 2 / 11, eps);
%! err = sqrt(sum(info.theta .^ 2, 1)); k = 0:20;
%! assert (all(err <= (9 / 11) .^ k * err(1) * (1 + 1e-12)));
%! [th, info] = gd_run(prob, [1; 1], 'StepSize', 'backtracking', 'MaxIter', 500);
%! assert (info.steprule, 'backtracking');
%! assert (all(diff(info.f) < 0));
%! assert (numel(info.stepsize), info.iterations);
%! assert (info.exitflag, 1); assert (norm(th) < 1e-7);

%!test
%! % backtracking on Rosenbrock from the classic start converges to (1, 1)
%! [th, info] = gd_run(gd_testfun('rosenbrock'), [-1.2; 1], 'MaxIter', 50000, 'GradTol', 1e-6);
%! assert (info.exitflag, 1); assert (th, [1; 1], 1e-5);
%! % Armijo condition holds at every accepted step
%! f = info.f; g = info.gradnorm; eta = info.stepsize;
%! assert (all(f(2:end) <= f(1:end - 1) - 1e-4 * eta .* g(1:end - 1) .^ 2 + 1e-15));

%!test
%! % stopping rules and exit flags
%! prob = gd_quadratic(diag([1 10]), [1; 1]);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'GradTol', 1e-3); assert (i.exitflag, 1); assert (i.gradnorm(end) <= 1e-3); assert (i.gradnorm(end - 1) > 1e-3);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'GradTol', 0, 'StepTol', 1e-6, 'MaxIter', 1e6); assert (i.exitflag, 2);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'GradTol', 0, 'FunTol', 1e-10, 'MaxIter', 1e6); assert (i.exitflag, 3);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'MaxIter', 7); assert (i.exitflag, 0); assert (i.iterations, 7);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 1e-9, 'GradTol', 0, 'MaxIter', Inf, 'MaxTime', 0.05, 'History', 'none');
%! assert (i.exitflag, 0); assert (i.time < 1); assert (~isempty(strfind(i.message, 'MaxTime')));
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'OutputFcn', @(x, ov, st) ov.iteration >= 3); assert (i.exitflag, -1); assert (i.iterations, 3);
%! [~, i] = gd_run(prob, [5; 5], 'StepSize', 0.05, 'MaxIter', 0); assert (i.iterations, 0); assert (numel(i.f), 1);

%!test
%! % OutputFcn sees init, iter and done with the right iterates
%! global GDF_TRACE
%! GDF_TRACE = {};
%! prob = gd_quadratic(diag([1 3]));
%! [~, info] = gd_run(prob, [1; 1], 'StepSize', 0.1, 'MaxIter', 4, 'GradTol', 0, 'History', 'full', 'OutputFcn', @gdf_test_trace);
%! states = cellfun(@(c) c{1}, GDF_TRACE, 'UniformOutput', false);
%! assert (states, {'init', 'iter', 'iter', 'iter', 'iter', 'iter', 'done'});
%! assert (GDF_TRACE{4}{2}, info.theta(:, 3));
%! assert (GDF_TRACE{4}{3}, 2);
%! clear global GDF_TRACE

%!test
%! % options: structs, case-insensitivity, overriding, History none/f/full, row theta0
%! prob = gd_quadratic(diag([1 2]), [1; 1]);
%! o = gd_options('stepsize', 0.3, 'MAXITER', 5);
%! [t1, i1] = gd_run(prob, [1; 1], o, 'GradTol', 0);
%! [t2, i2] = gd_run(prob, [1; 1], 'StepSize', 0.3, 'MaxIter', 5, 'GradTol', 0);
%! assert (t1, t2); assert (i1.iterations, 5);
%! [~, i3] = gd_run(prob, [1; 1], o, 'MaxIter', 2, 'GradTol', 0); assert (i3.iterations, 2);
%! [t4, i4] = gd_run(prob, [1, 1], 'StepSize', 0.3, 'MaxIter', 5, 'GradTol', 0, 'History', 'none');
%! assert (size(t4), [1 2]); assert (t4, t2'); assert (i4.f, i2.f(end)); assert (isempty(i4.theta));
%! [~, i5] = gd_run(prob, [3; -1], 'History', 'full', 'MaxIter', 3, 'GradTol', 0); assert (size(i5.theta), [2 4]);

%!test
%! % Display 'iter' prints a table; 'final' one line
%! prob = gd_quadratic(diag([1 2]));
%! s = evalc('gd_run(prob, [1; 1], ''Display'', ''iter'', ''MaxIter'', 3, ''GradTol'', 0);');
%! assert (~isempty(strfind(s, 'Iteration'))); assert (numel(strfind(s, sprintf('\n'))) >= 5);
%! s = evalc('gd_run(prob, [1; 1], ''Display'', ''final'');');
%! assert (~isempty(strfind(s, 'Converged')));

%!test
%! % d = 1, a huge MaxIter with History 'f' allocates only what is used
%! [th, info] = gd_run(gd_quadratic(4, 8), 0, 'StepSize', 0.1, 'MaxIter', 1e12);
%! assert (th, 2, 1e-8); assert (info.exitflag, 1); assert (numel(info.f) < 1000);

%% ---- bad input: identifiers gdflow:gd_run:<what> ----
%!shared prob
%! prob = gd_quadratic([2 0; 0 1], [1; 1]);
%!error <usage> gd_run(prob)
%!error id=gdflow:gd_run:notDouble gd_run(prob, 'ab')
%!error id=gdflow:gd_run:notDouble gd_run(prob, int32([1; 2]))
%!error id=gdflow:gd_run:complex gd_run(prob, [1; 2i])
%!error id=gdflow:gd_run:nonFinite gd_run(prob, [1; NaN])
%!error id=gdflow:gd_run:nonFinite gd_run(prob, [Inf; 1])
%!error id=gdflow:gd_run:sparse gd_run(prob, sparse([1; 1]))
%!error id=gdflow:gd_run:dimMismatch gd_run(prob, [1; 2; 3])
%!error id=gdflow:gd_run:badSize gd_run(prob, [])
%!error id=gdflow:gd_run:dimMismatch gd_run(prob, ones(3, 2))
%!error id=gdflow:gd_run:badProblem gd_run(42, [1; 2])
%!error id=gdflow:gd_run:badProblem gd_run(struct('type', 'nonsense'), [1; 2])
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', 0)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', -1)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', Inf)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', '1/M')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'MaxIter', -1)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'MaxIter', 2.5)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'MaxIter', 'many')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'GradTol', -1)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'History', 'some')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'Display', 3)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'OutputFcn', 3)
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', [1 2])
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', 1i)
%!error <did you mean 'StepSize'> gd_run(prob, [1; 1], 'StepSiz', 0.1)
%!error id=gdflow:gd_run:unknownOption gd_run(prob, [1; 1], 'Momentumm', 0.1)
%!error id=gdflow:gd_run:missingValue gd_run(prob, [1; 1], 'StepSize')
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 3, 4)
%!error id=gdflow:gd_run:noLipschitz gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1; 1], 'StepSize', '1/L')
%!error id=gdflow:gd_run:noLipschitz gd_run(gd_testfun('rosenbrock'), [1; 1], 'StepSize', '2/(L+mu)')
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) deal(sum(t .^ 2), [1; 2; 3]), [1; 1])
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) deal([1 2], 2 * t), [1; 1])
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) deal('a', 2 * t), [1; 1])
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) deal(1i, 2 * t), [1; 1])
%!error id=gdflow:gd_run:nonFiniteStart gd_run(@(t) deal(NaN, 2 * t), [1; 1], 'StepSize', 0.1)
%!error id=gdflow:gd_run:nonFiniteStart gd_run(@(t) deal(1, [Inf; 0]), [1; 1], 'StepSize', 0.1)
%!error <my own failure> gd_run(@(t) error('user:fail', 'my own failure'), [1; 1], 'StepSize', 0.1)
%!error id=gdflow:gd_run:tooLarge gd_run(gd_quadratic(speye(1e6)), ones(1e6, 1), 'History', 'full', 'MaxIter', 1e7)
%!error <too many outputs> [a, b, c, d] = gd_run(prob, [1; 1])   % three since issue 14 (J_history)
