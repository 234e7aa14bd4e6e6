% Tests of gd_compare: measured rates against the exact worst case, verdicts, bounds, bad specs.
% Run: octave-cli --eval "addpath('m'); test('tests/m/test_gd_compare.m')"

%!test
%! % measured rate = the exact worst case when theta0 has components on both extreme eigenvectors
%! A = diag([1 4 10]);  prob = gd_quadratic(A);
%! T = gd_compare(prob, [1; 1; 1], [0.15, 0.05, 2 / 11], 'MaxIter', 120, 'Display', 'off');
%! for i = 1:3
%!   eta = T(i).step;
%!   assert (T(i).theory, max(abs(1 - eta * [1 10])) ^ 2, 1e-15);
%!   assert (T(i).rate, T(i).theory, 1e-9);
%!   assert (T(i).stable && T(i).within == 1);
%!   assert (T(i).gap <= T(i).bound);
%! end
%! assert (T(3).rate, (9 / 11) ^ 2, 1e-12);
%! % only the fast mode excited: the measured rate is faster than the worst case
%! T2 = gd_compare(prob, [0; 0; 1], 0.05, 'MaxIter', 50, 'Display', 'off');
%! assert (T2.rate, 0.25, 1e-9);
%! assert (T2.rate < T2.theory);

%!test
%! % an unstable step is flagged, with the growth factor |1 - eta L|^2
%! prob = gd_testfun('ellipse', 10);
%! T = gd_compare(prob, [-3; 1], {0.21, '1/L'}, 'MaxIter', 200, 'Display', 'off');
%! assert (~T(1).stable);
%! assert (T(1).theory_stable, 0);
%! assert (strcmp(T(1).kind, 'unstable'));
%! assert (T(1).exitflag, -2);
%! assert (T(1).rate, 1.1 ^ 2, 1e-6);
%! assert (T(2).stable);
%! assert (T(2).rate, 0.9 ^ 2, 1e-9);
%! assert (T(2).label, 'GD eta = 1/L = 0.1');

%!test
%! % the exact flow decays at exp(-2 mu) per unit time; defaults: T = MaxIter/L
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! T = gd_compare(prob, [2; 1], {'gf', struct('method', 'gf', 'solver', 'exact', 'T', 12)}, ...
%!                'MaxIter', 40, 'Display', 'off');
%! assert (T(1).T, 40 / prob.L, 1e-12);
%! assert (T(2).T, 12);
%! assert (strcmp(T(1).solver, 'exact') && strcmp(T(1).unit, 'time'));
%! assert (T(2).theory, exp(-2 * prob.mu), 1e-15);
%! assert (T(2).rate, T(2).theory, 1e-6);
%! assert (T(2).gap <= T(2).bound);

%!test
%! % the printed table has every row, the columns and the verdicts
%! prob = gd_testfun('ellipse', 10);
%! out = evalc('gd_compare(prob, [-3; 1], {0.05, ''2/(L+mu)'', 0.21}, ''MaxIter'', 60);');
%! assert (~isempty(strfind(out, 'GD eta = 2/(L+mu) = 0.1818')));
%! assert (~isempty(strfind(out, 'rate theory')));
%! assert (~isempty(strfind(out, 'NO')));
%! assert (numel(strfind(out, 'yes')), 2);

%!test
%! % convex, not strongly convex: no rate, the O(1/k) bound L R^2/(2k) holds
%! X = [1 0 0; 0 1 0; 0 0 0; 1 1 0];  y = [1; 2; 3; 0];
%! prob = gd_leastsq(X, y);
%! T = gd_compare(prob, [0; 0; 0], {'1/L'}, 'MaxIter', 30, 'Display', 'off');
%! assert (strcmp(T.kind, 'sublinear'));
%! R2 = sum(prob.theta_star .^ 2);
%! assert (T.bound <= prob.L * R2 / (2 * 30) * (1 + 1e-12));
%! assert (T.within, 1);

%!test
%! % a handle with constants supplied as options; f* unknown is measured against min f
%! f = @(x) deal(0.5 * (x(1) ^ 2 + 4 * x(2) ^ 2), [x(1); 4 * x(2)]);
%! T = gd_compare(f, [1; 1], {0.2, 'backtracking'}, 'L', 4, 'mu', 1, 'FStar', 0, 'MaxIter', 40, 'Display', 'off');
%! assert (T(1).rate, 0.8 ^ 2, 1e-9);
%! assert (isnan(T(2).theory));
%! T = gd_compare(f, [1; 1], 0.2, 'MaxIter', 40, 'Display', 'off');
%! assert (T.gap, 0);

%!error <usage> gd_compare(gd_testfun('ellipse'), [1; 1])
%!error <unknown field 'stepsize'> gd_compare(gd_testfun('ellipse'), [1; 1], struct('stepsize', 0.1))
%!error <method must be> gd_compare(gd_testfun('ellipse'), [1; 1], struct('method', 'adam'))
%!error <step must be a positive number> gd_compare(gd_testfun('ellipse'), [1; 1], -0.1)
%!error <step must be a positive number> gd_compare(gd_testfun('ellipse'), [1; 1], struct('step', '1/mu'))
%!error <solver must be one of> gd_compare(gd_testfun('ellipse'), [1; 1], struct('solver', 'ode23'))
%!error <exact flow needs a quadratic> gd_compare(gd_testfun('beale'), [1; 1], struct('solver', 'exact'))
%!error <needs a fixed step> gd_compare(gd_testfun('ellipse'), [1; 1], struct('solver', 'euler'))
%!error <T must be a positive> gd_compare(gd_testfun('ellipse'), [1; 1], struct('method', 'gf', 'T', -1))
%!error <iters must be a positive integer> gd_compare(gd_testfun('ellipse'), [1; 1], struct('iters', 2.5))
%!error <needs L> gd_compare(@(x) deal(x' * x, 2 * x), [1; 1], '1/L')
%!error <unknown option 'MaxIters'> gd_compare(gd_testfun('ellipse'), [1; 1], 0.1, 'MaxIters', 3)
%!error <not a run> gd_compare(gd_testfun('ellipse'), [1; 1], 'fast')
%!error <RUNS must be> gd_compare(gd_testfun('ellipse'), [1; 1], {})
%!error <belong to gf runs> gd_compare(gd_testfun('ellipse'), [1; 1], struct('method', 'gd', 'T', 3))
%!test
%! ids = {};
%! bad = {struct('stepsize', 0.1), struct('method', 'adam'), -0.1, struct('solver', 'ode23'), ...
%!        struct('solver', 'euler'), struct('method', 'gf', 'T', -1), struct('iters', 0), {}};
%! want = {'unknownField', 'badMethod', 'badStep', 'badSolver', 'badStep', 'badHorizon', 'badIters', 'badRuns'};
%! for i = 1:numel(bad)
%!   try
%!     gd_compare(gd_testfun('ellipse'), [1; 1], bad{i});
%!     error('no error');
%!   catch err
%!     assert (err.identifier, ['gdflow:gd_compare:' want{i}]);
%!   end
%! end

%!test
%! % the mixed list of the design: GD steps, the flow by rk45 and in closed form, Euler = GD
%! prob = gd_testfun('ellipse', 10, pi / 6);
%! runs = {struct('method', 'gd', 'step', 0.1), struct('method', 'gd', 'step', '2/(L+mu)'), ...
%!         struct('method', 'gf', 'solver', 'rk45', 'T', 10), struct('method', 'gf', 'solver', 'exact', 'T', 10), ...
%!         struct('method', 'gf', 'solver', 'euler', 'step', 0.1, 'T', 10)};
%! T = gd_compare(prob, [-3; 2], runs, 'Display', 'off');
%! assert (numel(T), 5);
%! assert ({T.method}, {'gd', 'gd', 'gf', 'gf', 'gf'});
%! assert (T(2).step, 2 / 11, 1e-15);
%! assert ([T(3:5).T], [10 10 10], 1e-12);
%! % rk45 follows the closed form, both decay at exp(-2 mu) per unit time
%! assert (T(3).gap, T(4).gap, 1e-6 * T(4).gap);
%! assert (T(3).rate, exp(-2), 1e-6);
%! assert (T(4).rate, exp(-2), 1e-9);
%! % forward Euler with h = eta is GD: the same iterates, per-step theory ^(1/h)
%! assert (T(5).steps, 100);
%! assert (T(5).gap, T(1).gap, 1e-12 * T(1).gap);
%! assert (T(5).theory, T(1).theory ^ (1 / 0.1), 1e-12);
%! assert (all([T.stable]) && all([T.within] == 1));
