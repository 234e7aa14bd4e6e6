% test_trust_gd.m - GD methods that never return a silent wrong answer
% (issue 12, "Trust"): Nesterov with backtracking restarts instead of drifting
% uphill at f's rounding floor; a line search whose step no longer changes
% theta fails (exitflag 2) instead of "accepting" it; a fixed step stuck at a
% floating-point fixed point stops; a gradient-norm stop at a saddle or a
% maximum is reported as such (exitflag -3 in gd_run, info.stationary, the
% warnings gdflow:gd_run:saddle / gdflow:gf_run:saddle / :unbounded).
% Run: test('tests/m/test_trust_gd.m').

%% ---- Nesterov + backtracking on logistic regression, ex2-like data --------
%!function [X, y] = ex2_data()
%! % the shape of the ML course's ex2 data: two unscaled exam scores in
%! % [30, 100], 100 examples, labels 0/1 drawn from a logistic model (so not
%! % separable); a Park-Miller LCG, exact in doubles: the same in MATLAB
%! s = 12345; U = zeros(300, 1);
%! for i = 1:300
%!   s = mod(16807 * s, 2147483647); U(i) = s / 2147483647;
%! end
%! x1 = 30 + 70 * U(1:100); x2 = 30 + 70 * U(101:200);
%! z = -25.16 + 0.2062 * x1 + 0.2015 * x2;
%! y = double(U(201:300) < 1 ./ (1 + exp(-z)));
%! X = [ones(100, 1), x1, x2];
%!function [theta, f] = newton_logistic(X, y)
%! % the optimum to working precision, independently of gdflow
%! m = numel(y); theta = zeros(size(X, 2), 1);
%! for it = 1:100
%!   s = 1 ./ (1 + exp(-X * theta));
%!   g = X' * (s - y) / m; H = X' * (X .* (s .* (1 - s))) / m;
%!   dt = H \ g; theta = theta - dt;
%!   if norm(dt) <= 1e-15 * norm(theta), break; end
%! end
%! z = X * theta; f = mean(max(z, 0) + log1p(exp(-abs(z))) - y .* z);

%!test
%! % the reported defect: ~7800 iterations to the optimum, then the step
%! % collapsed and momentum drifted uphill; exitflag 0 and a theta worse than
%! % the best visited.  Now: restart, the optimum to 1e-9, a defined stop,
%! % f monotone (to rounding) and the returned point the best one
%! [X, y] = ex2_data();
%! assert (sum(y) > 20 && sum(y) < 80);
%! [ts, fs] = newton_logistic(X, y);
%! p = gd_logistic(X, y);
%! assert (p.theta_star, ts, 1e-6 * norm(ts));          % not separable: an optimum exists
%! [th, info] = gd_run(p, zeros(3, 1), 'Method', 'nesterov', 'StepSize', 'backtracking', 'MaxIter', 20000);
%! assert (abs(info.fval - fs) <= 1e-9 * abs(fs));
%! assert (any(info.exitflag == [1 2]));               % today: 1, GradTol
%! if info.exitflag == 2
%!   assert (~isempty(strfind(info.message, 'below rounding level')));
%! end
%! assert (info.iterations < 20000);                    % it stopped, not ran out
%! % never worse than the best iterate visited (old code: by ~1e-6)
%! assert (info.fval <= min(info.f) + 64 * eps * abs(fs));
%! % f monotone: a rise is rejected (a restart), up to rounding noise
%! assert (all(diff(info.f) <= 16 * eps * abs(info.f(1:end-1))));
%! % the step recovers after restarts (old code: halved to 6e-15 for good)
%! assert (min(info.stepsize) > 1e-12);
%! assert (gd_eval(p, th), info.fval);

%!test
%! % the same with the (k-1)/(k+2) schedule given explicitly, and through a
%! % handle (the driver, not the problem family, does the restarting)
%! [X, y] = ex2_data();
%! [~, fs] = newton_logistic(X, y);
%! fg = @(t) deal(mean(max(X * t, 0) + log1p(exp(-abs(X * t))) - y .* (X * t)), ...
%!                X' * (1 ./ (1 + exp(-X * t)) - y) / 100);
%! [th, info] = gd_run(fg, zeros(3, 1), 'Method', 'nesterov', 'Momentum', 'schedule', ...
%!                     'StepSize', 'backtracking', 'InitialStep', 1e-3, 'MaxIter', 20000);
%! assert (abs(info.fval - fs) <= 1e-9 * abs(fs));
%! assert (any(info.exitflag == [1 2]));
%! assert (info.fval <= min(info.f) + 64 * eps * abs(fs));
%! assert (all(diff(info.f) <= 16 * eps * abs(info.f(1:end-1))));

%% ---- line searches at rounding level ----------------------------------------
%!test
%! % a handle whose gradient has the WRONG SIGN: backtracking used to accept a
%! % step of 5.6e-17 (theta unchanged, f unchanged: Armijo "holds") and run to
%! % MaxIter with exitflag 0; now it fails within a few iterations with
%! % exitflag 2, having moved theta (uphill) by rounding noise at most
%! fg = @(t) deal(0.5 * sum(t .^ 2), -t);
%! for meth = {'gd', 'nesterov'}
%!   [th, info] = gd_run(fg, [1; 2], 'Method', meth{1}, 'StepSize', 'backtracking', 'MaxIter', 1000);
%!   assert (info.exitflag, 2);
%!   assert (info.iterations <= 10);
%!   assert (th, [1; 2], 1e-13);
%!   assert (info.fval - 2.5 <= 32 * eps * 2.5);
%!   assert (~isempty(strfind(info.message, 'below rounding level')));
%!   assert (~isempty(strfind(info.message, 'gradient may be wrong')));
%! end
%! % the same on a badly scaled point (one large component)
%! [th, info] = gd_run(fg, [1e8; 1e-3], 'StepSize', 'backtracking', 'MaxIter', 1000);
%! assert (info.exitflag, 2); assert (info.iterations < 1000);

%!test
%! % a correct gradient still converges with backtracking (GradTol), and a
%! % run at f's rounding floor ends with a defined flag, not at MaxIter
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th, info] = gd_run(q, [2; 1], 'StepSize', 'backtracking');
%! assert (info.exitflag, 1); assert (th, q.theta_star, 1e-8);
%! % below f's rounding floor the decrease is judged from the gradients, so
%! % theta still converges to working precision (not only f)
%! [th, info] = gd_run(q, [2; 1], 'StepSize', 'backtracking', 'GradTol', 0, 'MaxIter', 1e5);
%! assert (any(info.exitflag == [1 2])); assert (info.iterations < 1e5);
%! assert (th, q.theta_star, 1e-14);
%! [th, info] = gd_run(q, [2; 1], 'Method', 'nesterov', 'StepSize', 'backtracking', 'GradTol', 0, 'MaxIter', 1e5);
%! assert (any(info.exitflag == [1 2])); assert (info.iterations < 1e5);
%! assert (th, q.theta_star, 1e-14);

%% ---- fixed steps that do not move theta -----------------------------------
%!test
%! % a fixed step below rounding used to spin to MaxIter; now 100 iterations
%! % at the floating-point fixed point end the run (exitflag 2)
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th, info] = gd_run(q, [1; 1], 'StepSize', 1e-300, 'MaxIter', 1e6);
%! assert (info.exitflag, 2); assert (info.iterations, 100); assert (th, [1; 1]);
%! assert (~isempty(strfind(info.message, 'below rounding level')));
%! [~, info] = gd_run(q, [1; 1], 'StepSize', 1e-300, 'MaxIter', Inf, 'GradTol', 0, 'History', 'none');
%! assert (info.exitflag, 2); assert (info.iterations, 100);
%! for meth = {'heavyball', 'nesterov'}
%!   [~, info] = gd_run(q, [1; 1], 'Method', meth{1}, 'StepSize', 1e-300, 'Momentum', 0.5, 'MaxIter', 1e6);
%!   assert (info.exitflag, 2); assert (info.iterations, 100);
%! end
%! % natural gradient runs through the same driver
%! [~, info] = gd_run(q, [1; 1], 'Method', 'natural', 'Metric', eye(2), 'StepSize', 1e-300, 'MaxIter', 1e6);
%! assert (info.exitflag, 2); assert (info.iterations, 100);
%! % many starts (all columns at once): the same rule, column by column
%! [th, info] = gd_run(q, [1 1 q.theta_star(1); 1 1 q.theta_star(2)] + [0 0 0.5; 0 0 0], 'StepSize', 1e-300, 'MaxIter', 1e6);
%! assert (info.exitflag, [2 2 2]); assert (info.iterations, [100 100 100]);
%! % GradTol 0 with a finite MaxIter asks for exactly MaxIter steps
%! [th, info] = gd_run(q, [1; 1], 'StepSize', 1e-300, 'MaxIter', 300, 'GradTol', 0);
%! assert (info.exitflag, 0); assert (info.iterations, 300);
%! % an ordinary slow run is not affected
%! [th, info] = gd_run(q, [1; 1], 'StepSize', 1e-9, 'MaxIter', 300);
%! assert (info.exitflag, 0); assert (info.iterations, 300);

%% ---- saddles and maxima: GradTol is not convergence to a minimizer --------
%!test
%! % on the stable manifold of the saddle of f = (x^2 - y^2)/2, GD,
%! % proximal and the implicit flow reach the saddle with gradient 0
%! p = gd_quadratic(diag([1 -1]));
%! assert (p.mu < 0); assert (p.f_star, -Inf);
%! ws = warning('off', 'gdflow:gd_run:unbounded');
%! lastwarn('');
%! [th, info] = gd_run(p, [1; 0]);
%! [~, id] = lastwarn(); warning(ws);
%! assert (id, 'gdflow:gd_run:saddle');
%! assert (info.exitflag, -3); assert (info.stationary, 'saddle');
%! assert (~isempty(strfind(info.message, 'saddle point, not a minimizer')));
%! assert (norm(th) <= 1e-8);
%! ws = warning('off', 'all');
%! [~, info] = gd_run(p, [1; 0], 'Method', 'proximal', 'StepSize', 0.5);
%! assert (info.exitflag, -3); assert (info.stationary, 'saddle');
%! [~, info] = gd_run(p, [1; 0], 'Method', 'nesterov');
%! assert (info.exitflag, -3); assert (info.stationary, 'saddle');
%! [~, info] = gd_run(p, [1; 0], 'Method', 'natural', 'Metric', [2 0; 0 1]);
%! assert (info.exitflag, -3); assert (info.stationary, 'saddle');  % G^{-1} g = 0 iff g = 0
%! [~, info] = gd_run(p, [1 2; 0 0]);                     % many starts
%! assert (info.exitflag, [-3 -3]); assert (info.stationary, {'saddle', 'saddle'});
%! s = evalc('gd_run(p, [1 2; 0 0]);');
%! assert (~isempty(strfind(s, '0 converged'))); assert (~isempty(strfind(s, '2 at saddles')));
%! % a maximum: f = -|theta|^2/2 started at its maximum
%! [~, info] = gd_run(gd_quadratic(-eye(2)), [0; 0]);
%! assert (info.exitflag, -3); assert (info.stationary, 'maximum');
%! assert (~isempty(strfind(info.message, 'local maximum, not a minimizer')));
%! warning(ws);

%!test
%! % gf_run: the implicit flow comes to rest at the saddle: exitflag stays 2
%! % (the GradTol event; -3 is gf_run's step underflow), the rest says so
%! p = gd_quadratic(diag([1 -1]));
%! ws = warning('off', 'gdflow:gf_run:unbounded');
%! lastwarn('');
%! [t, Th, info] = gf_run(p, [1; 0], [0 200], 'Method', 'implicit', 'Step', 0.5, 'GradTol', 1e-8);
%! [~, id] = lastwarn(); warning(ws);
%! assert (id, 'gdflow:gf_run:saddle');
%! assert (info.exitflag, 2); assert (info.stationary, 'saddle');
%! assert (~isempty(strfind(info.message, 'saddle point, not a minimizer')));
%! assert (t(end) < 200);
%! ws = warning('off', 'all');
%! [~, ~, info] = gf_run(p, [1 2; 0 0], [0 200], 'Method', 'implicit', 'Step', 0.5, 'GradTol', 1e-8);
%! assert (info.stationary, {'saddle', 'saddle'});
%! [~, ~, info] = gf_run(gd_quadratic([2 1; 1 2]), [1; 0], [0 200], 'Method', 'implicit', 'Step', 0.5, 'GradTol', 1e-8);
%! assert (info.exitflag, 2); assert (info.stationary, 'minimum');
%! [~, ~, info] = gf_run(gd_quadratic([2 1; 1 2]), [1; 0], [0 1]);
%! assert (info.exitflag, 1); assert (info.stationary, 'none');
%! warning(ws);

%!test
%! % Himmelblau: its saddles and its maximum through the Hessian path (the
%! % problem knows neither L nor mu); its minima still exitflag 1
%! h = gd_testfun('himmelblau');
%! pts = [0.086677 -3.073026 3.385154 -0.127961 -0.270845; 2.884254 -0.081353 0.073852 -1.953715 -0.923039];
%! kinds = {'saddle', 'saddle', 'saddle', 'saddle', 'maximum'};
%! ws = warning('off', 'all');
%! for j = 1:5
%!   x = pts(:, j);
%!   for it = 1:20                                    % Newton: the point to working precision
%!     [~, g, H] = gd_eval(h, x); x = x - H \ g;
%!   end
%!   [th, info] = gd_run(h, x);
%!   assert (info.iterations, 0); assert (info.exitflag, -3); assert (info.stationary, kinds{j});
%!   assert (th, x);
%! end
%! warning(ws);
%! lastwarn('');
%! [th, info] = gd_run(h, [0; 0], 'StepSize', 'backtracking');
%! assert (isempty(lastwarn()));
%! assert (info.exitflag, 1); assert (info.stationary, 'minimum');
%! [~, info] = gd_run(gd_testfun('rosenbrock'), [-1.2; 1], 'StepSize', 'backtracking', 'MaxIter', 1e5);
%! assert (info.exitflag, 1); assert (info.stationary, 'minimum');

%!test
%! % a convex problem: exitflag 1 and 'minimum' exactly as before, no warning;
%! % a handle: 'unverified'; a stop on anything else: 'none'
%! lastwarn('');
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [~, info] = gd_run(q, [2; 1]);
%! assert (info.exitflag, 1); assert (info.stationary, 'minimum');
%! [~, info] = gd_run(q, [2 0; 1 0]);
%! assert (info.exitflag, [1 1]); assert (info.stationary, {'minimum', 'minimum'});
%! [~, info] = gd_run(q, [2; 1], 'Method', 'proximal', 'StepSize', 1);
%! assert (info.exitflag, 1); assert (info.stationary, 'minimum');
%! [~, info] = gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1; 0]);
%! assert (info.exitflag, 1); assert (info.stationary, 'unverified');
%! [~, info] = gd_run(q, [2; 1], 'MaxIter', 2);
%! assert (info.exitflag, 0); assert (info.stationary, 'none');
%! % singular positive semidefinite with b in the range: convex, a minimum
%! [~, info] = gd_run(gd_quadratic([1 0; 0 0], [1; 0]), [3; 1]);
%! assert (info.exitflag, 1); assert (info.stationary, 'minimum');
%! assert (isempty(lastwarn()));

%!test
%! % a problem that knows it is unbounded below warns whatever the exit
%! p = gd_quadratic(diag([1 -1]));
%! lastwarn('');
%! [~, info] = gd_run(p, [1; 1e-3], 'MaxIter', 5);
%! [~, id] = lastwarn();
%! assert (info.exitflag, 0); assert (id, 'gdflow:gd_run:unbounded');
%! lastwarn('');
%! [~, ~, info] = gf_run(p, [1; 1e-3], [0 1]);
%! [~, id] = lastwarn();
%! assert (id, 'gdflow:gf_run:unbounded');
%! % not convex but bounded (the record says mu < 0, f_star finite): nonconvex
%! p.f_star = NaN;
%! lastwarn('');
%! [~, info] = gd_run(p, [1; 1e-3], 'MaxIter', 5);
%! [~, id] = lastwarn();
%! assert (id, 'gdflow:gd_run:nonconvex');
