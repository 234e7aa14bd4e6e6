% Issue 15 item 2 (round 5): gd_run with theta0 d x m gives, start by start,
% the bits of gd_run on that start alone, for the small dense quadratic
% (d <= 16, the fused kernel) and now also for 16 < d <= 256 (the lane
% kernel: the batch path used one dgemm per step there, which rounds
% differently from the single run's own symv kernel, so these isequal checks
% failed before), in every output: theta, info.f and info.gradnorm rows (NaN
% after a start stopped), info.theta pages, iterations, exitflag, message,
% funccount (a start where f(theta0) is not finite counts 1 evaluation, as
% its single run does; the general batch loop counted 2).
% Octave: test('tests/m/test_gd15_batch.m').

%!function check_starts(prob, X0, varargin)
%!  [T, info] = gd_run(prob, X0, varargin{:});
%!  m = size(X0, 2);
%!  assert (size(T), size(X0));
%!  for j = 1:m
%!    [t1, i1] = gd_run(prob, X0(:, j), varargin{:});
%!    k = i1.iterations;
%!    assert (isequaln(T(:, j), t1), sprintf('start %d: theta', j));
%!    assert (isequal(info.iterations(j), k), sprintf('start %d: iterations', j));
%!    assert (isequal(info.exitflag(j), i1.exitflag), sprintf('start %d: exitflag', j));
%!    assert (strcmp(info.message{j}, i1.message), sprintf('start %d: message', j));
%!    assert (isequal(info.funccount(j), i1.funccount), sprintf('start %d: funccount %d vs %d', j, info.funccount(j), i1.funccount));
%!    assert (isequaln(info.fval(j), i1.fval), sprintf('start %d: fval', j));
%!    if size(info.f, 1) == m   % a history (m x (K+1); without one: 1 x m final values)
%!      assert (isequaln(info.f(j, 1:k + 1), i1.f), sprintf('start %d: f history', j));
%!      assert (isequaln(info.gradnorm(j, 1:k + 1), i1.gradnorm), sprintf('start %d: gradnorm history', j));
%!      assert (all(isnan(info.f(j, k + 2:end))));
%!    else
%!      assert (isequaln(info.gradnorm(j), i1.gradnorm(end)), sprintf('start %d: gradnorm', j));
%!    end
%!    if ~isempty(i1.theta)
%!      assert (isequaln(info.theta(:, 1:k + 1, j), i1.theta), sprintf('start %d: theta history', j));
%!    end
%!  end
%!endfunction

%!shared P50, X50
%! randn('seed', 15);
%! Q = randn(50);
%! A = Q' * Q / 50 + eye(50);
%! P50 = gd_quadratic(A, randn(50, 1));
%! % starts at very different distances: GradTol stops at different iterations
%! X50 = randn(50, 19) .* repmat(10 .^ (mod(0:18, 5) - 2), 50, 1);
%! X50(:, 7) = 1e200;   % f(theta0) overflows: stops at theta0 after one evaluation

%!test
%! % d = 50, GradTol: History 'f' (the default), 'none', 'full'
%! ws = warning('off', 'gdflow:diverged');   % the overflowing start
%! cw = onCleanup(@() warning(ws));
%! eta = 1 / P50.L;
%! check_starts(P50, X50, 'StepSize', eta, 'GradTol', 1e-6, 'MaxIter', 300);
%! check_starts(P50, X50, 'StepSize', eta, 'GradTol', 1e-6, 'MaxIter', 300, 'History', 'none');
%! check_starts(P50, X50(:, 1:9), 'StepSize', eta, 'GradTol', 1e-6, 'MaxIter', 200, 'History', 'full');

%!test
%! % d = 50, the step beyond 2/L: DivergenceLimit stops (warnings expected)
%! ws = warning('off', 'gdflow:diverged');
%! cw = onCleanup(@() warning(ws));
%! check_starts(P50, X50(:, 1:11), 'StepSize', 2.5 / P50.L, 'GradTol', 0, 'MaxIter', 400);

%!test
%! % d = 20 (d mod 4 = 0) and d = 131 (3): the lane kernel's head columns; b = 0 given
%! for d = [20 131]
%!   randn('seed', d);
%!   Q = randn(d);
%!   prob = gd_quadratic(Q' * Q / d + eye(d), zeros(d, 1));
%!   X0 = randn(d, 10);
%!   check_starts(prob, X0, 'StepSize', 1 / prob.L, 'GradTol', 1e-8, 'MaxIter', 150);
%! end

%!test
%! % d = 2 (the fused kernel), a start where f overflows: funccount 1 as alone
%! ws = warning('off', 'gdflow:diverged');
%! cw = onCleanup(@() warning(ws));
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! X0 = [randn(2, 20), [1e200; 1e200]];
%! check_starts(prob, X0, 'StepSize', 0.1, 'GradTol', 1e-8);
%! [~, info] = gd_run(prob, X0, 'StepSize', 0.1, 'GradTol', 1e-8);
%! assert (info.funccount(end), 1);
%! assert (info.exitflag(end), -2);

%!test
%! % the general batch loop (least squares, d = 3): a start where f overflows
%! % counts one evaluation
%! ws = warning('off', 'gdflow:diverged');
%! cw = onCleanup(@() warning(ws));
%! randn('seed', 3);
%! X = randn(40, 3);
%! prob = gd_leastsq(X, randn(40, 1));
%! T0 = [randn(3, 4), [1e200; 1e200; 1e200]];
%! [~, info] = gd_run(prob, T0, 'StepSize', 0.01, 'MaxIter', 20, 'GradTol', 0);
%! [~, i1] = gd_run(prob, T0(:, end), 'StepSize', 0.01, 'MaxIter', 20, 'GradTol', 0);
%! assert (i1.funccount, 1);
%! assert (info.funccount(end), i1.funccount);
