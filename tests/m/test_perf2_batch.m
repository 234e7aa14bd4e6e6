% test_perf2_batch - issue 15 item 2: many starts at once.
%   gd_run with theta0 d x m (the fused C kernel for small dense quadratics,
%   the general batch loop otherwise) equals m single runs bit for bit:
%   iterates, iterations, exit flags, f, gradnorm, funccount, messages and
%   the histories, with GradTol stops at different iterations, diverging
%   columns, d = 2 and d = 7, m below and above the shared-string threshold.
%   gf_run with theta0 d x m equals the per-column runs.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%!function check_batch(p, T0, varargin)
%!  w = warning('off', 'all');
%!  [T, I] = gd_run(p, T0, varargin{:});
%!  m = size(T0, 2);
%!  for j = 1:m
%!    [t, i] = gd_run(p, T0(:, j), varargin{:});
%!    assert(isequal(T(:, j), t), sprintf('start %d: theta', j));
%!    assert(isequal(I.iterations(j), i.iterations));
%!    assert(isequal(I.exitflag(j), i.exitflag));
%!    assert(isequal(I.fval(j), i.fval));
%!    assert(isequal(I.funccount(j), i.funccount));
%!    assert(isequal(I.message{j}, i.message));
%!    assert(isequal(I.stationary{j}, i.stationary));
%!    assert(isequal(I.hint{j}, i.hint));
%!    n = i.iterations + 1;
%!    if any(strcmp(varargin, 'none'))   % no history: the final values
%!      assert(isequal(I.f(j), i.f) && isequal(I.gradnorm(j), i.gradnorm));
%!      continue;
%!    end
%!    assert(isequal(I.f(j, 1:n), i.f), sprintf('start %d: f history', j));
%!    assert(isequal(I.gradnorm(j, 1:n), i.gradnorm));
%!    assert(all(isnan(I.f(j, n + 1:end))));
%!    if isfield(i, 'theta') && ~isempty(i.theta)
%!      assert(isequal(I.theta(:, 1:n, j), i.theta));
%!    end
%!  end
%!  warning(w);
%!endfunction

%!test
%! % d = 2, GradTol: the starts stop at different iterations (40 starts:
%! % above the shared-string threshold of 32)
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! randn('seed', 3);
%! T0 = randn(2, 40) .* repmat(10 .^ (2 * mod(0:39, 5) - 4), 2, 1);
%! T0(:, 7) = [0.2; 0.4];   % the minimizer: GradTol at theta_0
%! check_batch(p, T0, 'StepSize', 0.1, 'MaxIter', 500, 'GradTol', 1e-7);
%! [~, I] = gd_run(p, T0, 'StepSize', 0.1, 'MaxIter', 500, 'GradTol', 1e-7, 'History', 'full');
%! assert(min(I.iterations) == 0 && max(I.iterations) > 100);
%! check_batch(p, T0, 'StepSize', 0.1, 'MaxIter', 500, 'GradTol', 1e-7, 'History', 'full');
%! check_batch(p, T0, 'StepSize', 0.1, 'MaxIter', 500, 'GradTol', 1e-7, 'History', 'none');

%!test
%! % divergence of some columns (StepSize beyond 2/L in the second
%! % coordinate only for the starts not at its minimizer), 5 starts
%! p = gd_quadratic([1 0; 0 10], [1; 2.5]);
%! T0 = [3 2 1 0 -1; 0.25 0.26 0.25 0.3 0.25];
%! check_batch(p, T0, 'StepSize', 0.25, 'MaxIter', 300, 'GradTol', 1e-9);
%! w = warning('off', 'all');
%! [~, I] = gd_run(p, T0, 'StepSize', 0.25, 'MaxIter', 300, 'GradTol', 1e-9);
%! warning(w);
%! assert(I.exitflag, [1 -2 1 -2 1]);

%!test
%! % d = 7 (the generic body of the kernel), FunTol and StepTol, 9 starts
%! randn('seed', 4);
%! Q = randn(7);
%! p = gd_quadratic(Q' * Q / 7 + eye(7), randn(7, 1));
%! T0 = randn(7, 9);
%! check_batch(p, T0, 'StepSize', 0.2, 'MaxIter', 200, 'FunTol', 1e-9);
%! check_batch(p, T0, 'StepSize', 0.2, 'MaxIter', 200, 'StepTol', 1e-6, 'History', 'full');
%! check_batch(p, T0, 'Iterations', 50);

%!test
%! % least squares through the one-pass evaluation (the general batch loop)
%! % as well.  (The Gram form, the default for long data, keeps an anchor
%! % between evaluations: its starts agree with single runs to its accuracy
%! % bound, not bitwise -- nor did the per-start loop's.)
%! randn('seed', 5);
%! X = [ones(50, 1), randn(50, 2)];
%! p = gd_leastsq(X, X * [1; -2; 0.5] + 0.01 * randn(50, 1));
%! p.gram = 'off';
%! check_batch(p, randn(3, 6), 'StepSize', 0.5, 'MaxIter', 300);

%!function [t, Theta, info] = gf_loop(fun, theta0, tspan, varargin)
%! % the loop gf_run ran in its m-file before issue 15 (one call per start)
%! [d, m] = size(theta0);
%! ts = cell(1, m); ths = cell(1, m); infos = cell(1, m);
%! for j = 1:m
%!   [ts{j}, ths{j}, infos{j}] = gf_run(fun, theta0(:, j), tspan, varargin{:});
%! end
%! len = cellfun(@numel, ts);
%! [n, jmax] = max(len);
%! t = ts{jmax};
%! Theta = NaN(n, d, m);
%! info = infos{1};
%! names = {'nsteps', 'nfailed', 'nfevals', 'exitflag'};
%! for q = 1:numel(names)
%!   info.(names{q}) = cellfun(@(s) s.(names{q}), infos);
%! end
%! info.message = cellfun(@(s) s.message, infos, 'UniformOutput', false);
%! info.stationary = cellfun(@(s) s.stationary, infos, 'UniformOutput', false);
%! info.time = sum(cellfun(@(s) s.time, infos));
%! info.f = NaN(n, m);
%! info.gradnorm = NaN(n, m);
%! for j = 1:m
%!   k = len(j);
%!   Theta(1:k, :, j) = ths{j};
%!   info.f(1:k, j) = infos{j}.f;
%!   info.gradnorm(1:k, j) = infos{j}.gradnorm;
%! end
%!endfunction

%!test
%! % gf_run with theta0 d x m, fixed-step methods: one C call, the outputs of
%! % the per-start loop bit for bit (GradTol stops some starts early)
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! randn('seed', 6);
%! T0 = randn(2, 12);
%! T0(:, 4) = [0.2; 0.4];
%! for meth = {'euler', 'heun', 'rk4'}
%!   for extra = {{}, {'GradTol', 1e-3}}
%!     args = [{'Method', meth{1}, 'Step', 0.05}, extra{1}];
%!     [t1, T1, i1] = gf_run(p, T0, [0 4], args{:});
%!     [t2, T2, i2] = gf_loop(p, T0, [0 4], args{:});
%!     assert(isequal(t1, t2) && isequaln(T1, T2), meth{1});   % NaN after a start stopped
%!     i1.time = 0; i2.time = 0;
%!     assert(isequal(fieldnames(i1), fieldnames(i2)));
%!     assert(isequaln(i1, i2), meth{1});
%!   end
%! end
%! [~, ~, i1] = gf_run(p, T0, [0 4], 'Method', 'rk4', 'Step', 0.05, 'GradTol', 1e-3);
%! assert(numel(unique(i1.nsteps)) > 2);
%! % 40 starts: the messages through the shared-string cell
%! T0 = randn(2, 40);
%! T0(:, 9) = [0.2; 0.4];
%! [t1, T1, i1] = gf_run(p, T0, [0 2], 'Method', 'rk4', 'Step', 0.05, 'GradTol', 1e-4);
%! [t2, T2, i2] = gf_loop(p, T0, [0 2], 'Method', 'rk4', 'Step', 0.05, 'GradTol', 1e-4);
%! i1.time = 0; i2.time = 0;
%! assert(isequal(t1, t2) && isequaln(T1, T2) && isequaln(i1, i2));
%! assert(iscell(i1.message) && numel(i1.message) == 40 && numel(unique(i1.message)) >= 2);
%! % the options as a struct (gd_options) take the same path
%! o = gd_options('gf_run', 'Method', 'heun', 'Step', 0.05);
%! [t1, T1, i1] = gf_run(p, T0, [0 4], o);
%! [t2, T2, i2] = gf_loop(p, T0, [0 4], 'Method', 'heun', 'Step', 0.05);
%! i1.time = 0; i2.time = 0;
%! assert(isequal(t1, t2) && isequaln(T1, T2) && isequaln(i1, i2));

%!test
%! % a tspan with output times, and rk45 (still start by start) unchanged
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! T0 = [1 -1 2; 0 3 -2];
%! [t1, T1] = gf_run(p, T0, linspace(0, 2, 5), 'Method', 'heun', 'Step', 0.1);
%! [t2, T2] = gf_loop(p, T0, linspace(0, 2, 5), 'Method', 'heun', 'Step', 0.1);
%! assert(isequal(t1, t2) && isequal(T1, T2));
%! [t1, T1] = gf_run(p, T0, linspace(0, 2, 5));
%! [t2, T2] = gf_loop(p, T0, linspace(0, 2, 5));
%! assert(isequal(t1, t2) && isequal(T1, T2));
