% test_cw_shapes.m - issue 14 (coursework drop-in), "shapes": labels as
% coursework writes them, 'natural' -> Fisher on gd_logistic, fixed-length
% runs (Iterations), J_history as a column, and the MaxIter hint.
% Run: test test_cw_shapes   (with m/ and tests/m/ on the path)
1;

%!function [X, y] = ex2_like()
%! % the shape of ML ex2data1: two unscaled exam scores in 30..100 and an
%! % intercept column, admitted by a noisy linear rule; a fixed seed
%! rand('state', 14);
%! m = 100;
%! s = 30 + 70 * rand(m, 2);
%! y = double(s(:, 1) + s(:, 2) + 25 * (rand(m, 1) - 0.5) > 130);
%! X = [ones(m, 1), s];
%!endfunction

%!function [X, y] = ex1data2_like()
%! % the shape of ML ex1data2: house size (852..4478 sq ft), bedrooms (1..5), price
%! rand('state', 2);
%! m = 47;
%! sz = round(852 + (4478 - 852) * rand(m, 1));
%! bd = min(5, max(1, round(sz / 800 + rand(m, 1))));
%! y = round(150 * sz - 8000 * bd + 60000 + 40000 * (rand(m, 1) - 0.5));   % whole dollars
%! X = [sz, bd];
%!endfunction

%!function Xs = scaled(X)
%! % the course's featureNormalize, keeping the intercept column
%! F = X(:, 2:end);
%! Xs = [X(:, 1), (F - mean(F)) ./ std(F)];
%!endfunction

%!function assert_same_problem(p, q)
%! % two problem structs evaluate alike and have the same reference values
%! t = (1:p.d)' / 10;
%! [f1, g1] = gd_eval(p, t);
%! [f2, g2] = gd_eval(q, t);
%! assert (f2, f1);
%! assert (g2, g1);
%! assert (q.X, p.X);
%! assert (q.y, p.y);
%! assert (q.theta_star, p.theta_star);
%! assert (q.f_star, p.f_star);
%! assert (q.L, p.L);
%!endfunction

%% ---- 1. labels -------------------------------------------------------

%!test
%! % gd_logistic(X, y == c): logical labels (ex3's one-vs-all) are 0/1 labels
%! [X, y] = ex2_like();
%! c = [1 2 1 3 2 1 3 3 1 2]';
%! c = repmat(c, 10, 1);
%! p = gd_logistic(X, double(c == 2));
%! assert_same_problem(p, gd_logistic(X, c == 2));
%! assert (class(gd_logistic(X, c == 2).y), 'double');
%! % with lambda, as in ex3's oneVsAll
%! assert_same_problem(gd_logistic(X, double(c == 3), 0.1), gd_logistic(X, c == 3, 0.1));

%!test
%! % labels as a row, and of integer or single class
%! [X, y] = ex2_like();
%! p = gd_logistic(X, y);
%! assert_same_problem(p, gd_logistic(X, y'));
%! assert_same_problem(p, gd_logistic(X, logical(y')));
%! assert_same_problem(p, gd_logistic(X, int8(y)));
%! assert_same_problem(p, gd_logistic(X, uint8(y')));
%! assert_same_problem(p, gd_logistic(X, single(y)));
%! assert_same_problem(p, gd_logistic(X, y, int32(0)));

%!test
%! % X of logical, integer or single class is converted exactly (uint8 pixels)
%! B = [1 0 1; 1 1 0; 1 1 1; 1 0 0; 1 1 0; 1 0 1];
%! y = [1; 0; 1; 0; 1; 0];
%! assert_same_problem(gd_logistic(B, y, 1), gd_logistic(logical(B), y == 1, 1));
%! assert_same_problem(gd_logistic(B * 200, y, 1), gd_logistic(uint8(B * 200), y, 1));
%! assert_same_problem(gd_leastsq(B, y), gd_leastsq(int16(B), logical(y)));

%!test
%! % gd_leastsq: the same class of labels (logical/integer/single/row y) works
%! [X, y] = ex1data2_like();
%! X = [ones(size(X, 1), 1), X];
%! p = gd_leastsq(X, y);
%! assert_same_problem(p, gd_leastsq(X, y'));
%! assert_same_problem(p, gd_leastsq(X, int32(y)));
%! assert_same_problem(p, gd_leastsq(int32(X), y));
%! q = gd_leastsq(X, y > 300000);
%! assert (q.y, double(y > 300000));

%!error <the value\(s\) 2\.  Map them to 0/1 first> gd_logistic([ones(4, 1), (1:4)'], [1; 2; 1; 2])
%!error <the value\(s\) -1> gd_logistic([ones(4, 1), (1:4)'], [-1; 1; -1; 1])
%!error <for labels -1/\+1> gd_logistic([ones(4, 1), (1:4)'], int8([-1; 1; -1; 1]))
%!error id=gdflow:gd_logistic:badLabels gd_logistic([ones(4, 1), (1:4)'], [0; 1; 0.5; 1])
%!error id=gdflow:gd_logistic:notDouble gd_logistic([ones(4, 1), (1:4)'], {0, 1, 0, 1})
%!error id=gdflow:gd_logistic:notDouble gd_logistic('abcd', [0; 1; 0; 1])
%!error id=gdflow:gd_leastsq:notDouble gd_leastsq({1, 2}, [1; 2])
%!error id=gdflow:gd_logistic:complex gd_logistic([ones(4, 1), (1:4)'], single([0; 1; 0; 1i]))
%!error id=gdflow:gd_logistic:nonFinite gd_logistic([ones(4, 1), (1:4)'], single([0; 1; 0; NaN]))
%!error id=gdflow:gd_logistic:badSize gd_logistic([ones(4, 1), (1:4)'], true(1, 3))

%% ---- 2. 'natural' on gd_logistic: the Fisher metric by default -----------

%!test
%! [X, y] = ex2_like();
%! p = gd_logistic(X, y);
%! [t1, i1] = gd_run(p, [0; 0; 0], 'Method', 'natural', 'MaxIter', 50);
%! [t2, i2] = gd_run(p, [0; 0; 0], 'Method', 'natural', 'Metric', 'fisher', 'MaxIter', 50);
%! assert (isequal(t1, t2));
%! i1 = rmfield(i1, 'time');
%! i2 = rmfield(i2, 'time');
%! assert (isequal(i1, i2));
%! assert (i1.exitflag, 1);
%! assert (t1, p.theta_star, 1e-6 * norm(p.theta_star));

%!error id=gdflow:gd_run:badMetric gd_run(gd_quadratic([3 1; 1 2]), [1; 1], 'Method', 'natural')

%% ---- 3. fixed-length runs: Iterations ----------------------------------

%!test
%! % exactly N steps, even from a point with a zero gradient (GradTol 1e-8
%! % stopped at iteration 0 before: J_history was empty)
%! p = gd_quadratic(eye(2));
%! [theta, info, J] = gd_run(p, [0; 0], 'StepSize', 0.5, 'Iterations', 10);
%! assert (info.iterations, 10);
%! assert (size(J), [10, 1]);
%! assert (info.exitflag, 0);
%! assert (info.message, 'Done: the requested number of Iterations was taken.');
%! assert (info.hint, '');
%! [~, info] = gd_run(p, [0; 0], 'StepSize', 0.5, 'Iterations', 0);
%! assert (info.iterations, 0);

%!test
%! % no GradTol, FunTol, StepTol or fixed-point stop: a run that converges
%! % (and then sits at a floating-point fixed point) still takes all N steps
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! [~, info, J] = gd_run(p, [2; 1], 'StepSize', 0.4, 'Iterations', 500);
%! assert (info.iterations, 500);
%! assert (size(J), [500, 1]);
%! [~, i0] = gd_run(p, [2; 1], 'StepSize', 0.4, 'MaxIter', 500);
%! assert (i0.iterations < 500);
%! assert (J(1:i0.iterations), i0.f(2:end).');
%! % every method
%! for meth = {'gd', 'heavyball', 'nesterov', 'proximal'}
%!   [~, info] = gd_run(p, [2; 1], 'Method', meth{1}, 'Iterations', 300);
%!   assert (info.iterations, 300, meth{1});
%! end
%! [~, info] = gd_run(p, [2; 1], 'Method', 'natural', 'Metric', 'hessian', 'Iterations', 30);
%! assert (info.iterations, 30);

%!test
%! % past 2/L: no DivergenceLimit stop; only the overflow stops it, with the
%! % gdflow:diverged warning naming gd_run and the history up to that iterate
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! ws = warning('off', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! [theta, info, J] = gd_run(p, [1; 1], 'StepSize', 1, 'Iterations', 5000);
%! assert (info.exitflag, -2);
%! assert (info.iterations > 300 && info.iterations < 5000);
%! assert (size(J), [info.iterations, 1]);
%! assert (all(isfinite(J)));
%! [~, i0] = gd_run(p, [1; 1], 'StepSize', 1, 'MaxIter', 5000, 'GradTol', 0);
%! assert (i0.iterations < info.iterations);   % DivergenceLimit stopped that one

%!warning <gd_run diverged at iteration [0-9]+ \(f = > [~, ~, J] = gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], 'StepSize', 1, 'Iterations', 5000);

%!test
%! % the course's learning-rate exploration on scaled ex1data2: one line per
%! % rate, the course loop's J_history (50 iterations), or up to the overflow
%! [X, y] = ex1data2_like();
%! m = size(X, 1);
%! Xs = scaled([ones(m, 1), X]);
%! p = gd_leastsq(Xs, y);
%! ws = warning('off', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! rates = [0.01 0.03 0.1 0.3 1 1.3 3];
%! for a = rates
%!   [theta, info, J] = gd_run(p, zeros(3, 1), 'StepSize', a, 'Iterations', 50);
%!   % the course's gradientDescentMulti
%!   t = zeros(3, 1);
%!   Jc = zeros(50, 1);
%!   for it = 1:50
%!     t = t - a / m * (Xs' * (Xs * t - y));
%!     Jc(it) = sum((Xs * t - y) .^ 2) / (2 * m);
%!   end
%!   if a < 2 / p.L
%!     assert (size(J), [50, 1]);
%!     assert (J, Jc, 1e-10 * max(abs(Jc)));
%!     assert (theta, t, 1e-9 * norm(t));
%!   else
%!     % past 2/L: 50 rows when f stays finite, else up to the overflow
%!     assert (info.exitflag == 0 || info.exitflag == -2);
%!     assert (size(J), [info.iterations, 1]);
%!     assert (J, Jc(1:info.iterations), 1e-8 * max(abs(Jc(1:info.iterations))));
%!     assert (J(end) > J(1));
%!   end
%! end
%! assert (1.3 > 2 / p.L);   % the exercise's unstable rate is among them

%!test
%! % m starts: K-by-m
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! [T, info, J] = gd_run(p, [2 -1 0; 1 3 0], 'StepSize', 0.3, 'Iterations', 20);
%! assert (size(J), [20, 3]);
%! assert (info.iterations, [20 20 20]);
%! assert (J, info.f(:, 2:end).');

%!error <cannot be combined with MaxIter;> gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 5, 'MaxIter', 5)
%!error <cannot be combined with GradTol;> gd_run(gd_quadratic(eye(2)), [1; 1], 'GradTol', 0, 'Iterations', 5)
%!error <cannot be combined with FunTol;> gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 5, 'FunTol', 1e-9)
%!error <cannot be combined with StepTol;> gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 5, 'StepTol', 1e-9)
%!error <cannot be combined with DivergenceLimit;> gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 5, 'DivergenceLimit', 10)
%!error <MaxIter, GradTol, FunTol> gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 5, 'MaxIter', 5, 'GradTol', 0, 'FunTol', 0)
%!error id=gdflow:gd_run:conflictingOptions gd_run(gd_quadratic(eye(2)), [1; 1], gd_options('MaxIter', 9), 'Iterations', 5)
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', Inf)
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', 2.5)
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic(eye(2)), [1; 1], 'Iterations', -1)

%!test
%! % gd_options knows Iterations
%! o = gd_options('Iterations', 50);
%! assert (o.Iterations, 50);
%! [~, info] = gd_run(gd_quadratic(eye(2)), [1; 1], o, 'StepSize', 0.1);
%! assert (info.iterations, 50);

%% ---- 4. J_history -------------------------------------------------------

%!test
%! % a column, f after each iteration; info.f stays a row
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! [t, info, J] = gd_run(p, [2; 1], 'StepSize', 0.4);
%! assert (size(J), [info.iterations, 1]);
%! assert (J, info.f(2:end).');
%! assert (size(info.f), [1, info.iterations + 1]);
%! [t2, i2] = gd_run(p, [2; 1], 'StepSize', 0.4);
%! assert (t2, t);
%! assert (i2.f, info.f);
%! % History 'full' too; and zero iterations: 0-by-1
%! [~, info, J] = gd_run(p, [2; 1], 'StepSize', 0.4, 'History', 'full');
%! assert (J, info.f(2:end).');
%! [~, info, J] = gd_run(p, [3 1; 1 2] \ [1; 1], 'StepSize', 0.4);
%! assert (info.iterations, 0);
%! assert (size(J), [0, 1]);

%!test
%! % m starts: K-by-m, NaN after a start stopped
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! [T, info, J] = gd_run(p, [2 0.2; 1 0.4 + 1e-3], 'StepSize', 0.4);
%! K = max(info.iterations);
%! assert (size(J), [K, 2]);
%! assert (J, info.f(:, 2:end).');
%! assert (all(isnan(J(info.iterations(2) + 1:end, 2))));
%! assert (all(isfinite(J(:, 1))));

%!test
%! % a function handle, a backtracking run
%! fg = @(t) deal(sum((t - [1; 2]) .^ 2), 2 * (t - [1; 2]));
%! [~, info, J] = gd_run(fg, [0; 0], 'MaxIter', 7, 'GradTol', 0, 'StepSize', 0.1);
%! assert (size(J), [7, 1]);
%! assert (J, info.f(2:end).');

%!error id=gdflow:gd_run:badOption [~, ~, J] = gd_run(gd_quadratic(eye(2)), [1; 1], 'History', 'none');

%% ---- 5. the hint ---------------------------------------------------------

%!test
%! % the problem records its condition number and the scale of X's columns
%! [X, y] = ex2_like();
%! p = gd_logistic(X, y);
%! assert (p.kappa >= 1e3);
%! assert (p.scale_ratio >= 10 && p.scale_ratio < 1e3);
%! ps = gd_logistic(scaled(X), y);
%! assert (ps.kappa < 1e3);
%! assert (ps.scale_ratio < 10);
%! % the Hessian at theta_star
%! e = exp(-abs(X * p.theta_star));
%! H = X' * (X .* (e ./ (1 + e) .^ 2)) / size(X, 1);
%! assert (p.kappa, cond(H), 1e-6 * cond(H));
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! assert (q.kappa, q.L / q.mu, 1e-15);
%! assert (isnan(gd_quadratic([1 0; 0 0]).kappa));
%! assert (isnan(gd_testfun('rosenbrock').kappa));
%! assert (isnan(gd_logistic([ones(6, 1), [-2; -1; -0.5; 0.5; 1; 2]], [0; 0; 0; 1; 1; 1]).kappa));   % separable
%! l = gd_leastsq([ones(6, 1), (1:6)'], (1:6)');
%! assert (l.kappa, l.L / l.mu, 1e-12 * l.L / l.mu);

%!test
%! % ex2-like data, plain GD with MaxIter 400: the hint, naming the scaling
%! [X, y] = ex2_like();
%! p = gd_logistic(X, y);
%! [~, info] = gd_run(p, zeros(3, 1), 'MaxIter', 400);
%! assert (info.exitflag, 0);
%! assert (~isempty(strfind(info.hint, 'Stopped at MaxIter (400 iterations) far from converged')));
%! assert (~isempty(strfind(info.hint, 'columns of X differ in scale by a factor ~1e2')));
%! assert (~isempty(strfind(info.hint, 'scale the columns of X, e.g. (X - mean(X)) ./ std(X), keeping the intercept column')));
%! assert (~isempty(strfind(info.hint, 'Method ''nesterov'' or ''natural'', or gd_minimize')));
%! % Display 'final' and the printed summary show it
%! s = evalc('gd_run(p, zeros(3, 1), ''MaxIter'', 400, ''Display'', ''final'');');
%! assert (~isempty(strfind(s, ['Hint: ' info.hint])));
%! s = evalc('gd_run(p, zeros(3, 1), ''MaxIter'', 400)');
%! assert (~isempty(strfind(s, ['  Hint: ' info.hint])));
%! % m starts: a cell
%! [~, info] = gd_run(p, zeros(3, 2), 'MaxIter', 400);
%! assert (iscell(info.hint) && numel(info.hint) == 2 && ~isempty(info.hint{1}));

%!test
%! % no hint: after scaling, a converged run, MaxTime, Iterations, GradTol 0
%! [X, y] = ex2_like();
%! ps = gd_logistic(scaled(X), y);
%! [~, info] = gd_run(ps, zeros(3, 1), 'MaxIter', 400);
%! assert (info.exitflag, 0);
%! assert (info.hint, '');
%! s = evalc('gd_run(ps, zeros(3, 1), ''MaxIter'', 400, ''Display'', ''final'');');
%! assert (isempty(strfind(s, 'Hint')));
%! [~, info] = gd_run(ps, zeros(3, 1), 'MaxIter', 1e5);
%! assert (info.exitflag, 1);
%! assert (info.hint, '');
%! p = gd_logistic(X, y);
%! [~, info] = gd_run(p, zeros(3, 1), 'Method', 'natural');
%! assert (info.exitflag, 1);
%! assert (info.hint, '');
%! [~, info] = gd_run(p, zeros(3, 1), 'Iterations', 400);
%! assert (info.hint, '');
%! [~, info] = gd_run(p, zeros(3, 1), 'MaxIter', 400, 'GradTol', 0);
%! assert (info.hint, '');
%! [~, info] = gd_run(p, zeros(3, 1), 'MaxIter', Inf, 'MaxTime', 0.05);
%! assert (info.hint, '');
%! % a well-conditioned quadratic stopped early: no hint either
%! [~, info] = gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [2; 1], 'MaxIter', 3);
%! assert (info.hint, '');

%!test
%! % an ill-conditioned quadratic (no X): the methods only, Metric 'hessian'
%! q = gd_quadratic(diag([1 1e4]));
%! [~, info] = gd_run(q, [1; 1], 'MaxIter', 1000);
%! assert (~isempty(strfind(info.hint, 'kappa = 1e+04')));
%! assert (isempty(strfind(info.hint, 'std(X)')));
%! assert (~isempty(strfind(info.hint, '(with Metric ''hessian'')')));
%! % Nesterov needs sqrt(kappa)*log(...) = 100*18 > 1000: a hint; 1e4 iterations: converged
%! [~, info] = gd_run(q, [1; 1], 'Method', 'nesterov', 'MaxIter', 1000);
%! assert (~isempty(strfind(info.hint, 'sqrt(kappa)')));
%! [~, info] = gd_run(q, [1; 1], 'Method', 'nesterov', 'MaxIter', 1e4);
%! assert (info.hint, '');

%!test
%! % gf_run's natural flow on gd_logistic also defaults to the Fisher metric (one rule, in the
%! % conversion layer): the same path as 'Metric', 'fisher', bit for bit
%! X = [ones(6, 1), [-2; -1; -0.5; 0.5; 1; 2]];
%! y = [0; 0; 1; 0; 1; 1];
%! p = gd_logistic(X, y);
%! [t1, T1] = gf_run(p, [0; 0], [0 5], 'Method', 'natural');
%! [t2, T2] = gf_run(p, [0; 0], [0 5], 'Method', 'natural', 'Metric', 'fisher');
%! assert (t1, t2, 0);
%! assert (T1, T2, 0);

%!error id=gdflow:gf_run:badMetric gf_run(gd_quadratic(eye(2)), [1; 1], [0 1], 'Method', 'natural')
