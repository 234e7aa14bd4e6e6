% Tests of gf_run: the GD identity, orders of accuracy, rk45 against the
% closed form and ode45, energy dissipation, backward Euler, events, errors.

%!test
%! % forward Euler with step h IS gradient descent with step h, iterate for iterate
%! A = gdf_test_spd(8, 0.5, 5, 1); b = randn(8, 1); prob = gd_quadratic(A, b); theta0 = randn(8, 1); h = 0.07;
%! [t, Theta, info] = gf_run(prob, theta0, [0, 50 * h], 'Method', 'euler', 'Step', h);
%! [~, gi] = gd_run(prob, theta0, 'StepSize', h, 'MaxIter', 50, 'GradTol', 0, 'History', 'full');
%! assert (numel(t), 51);
%! assert (t, h * (0:50)', 1e-14);
%! assert (Theta', gi.theta, 1e-14 * max(abs(gi.theta(:))));
%! assert (info.f', gi.f, -1e-14);
%! % ... also through a function handle
%! fg = @(x) deal(0.5 * x' * prob.A * x - b' * x, prob.A * x - b);
%! [~, Th2] = gf_run(fg, theta0, [0, 50 * h], 'Method', 'euler', 'Step', h);
%! assert (Th2, Theta, 1e-14 * max(abs(Theta(:))));

%!test
%! % orders of accuracy: global error at T = 1 against gf_exact, slopes 1, 2, 4
%! A = gdf_test_spd(6, 0.5, 4, 2); b = randn(6, 1); prob = gd_quadratic(A, b); theta0 = randn(6, 1);
%! exact = gf_exact(prob, theta0, 1);
%! hs = 2 .^ -(4:8);
%! methods = {'euler', 'heun', 'rk4'}; orders = [1 2 4];
%! for m = 1:3
%!   err = zeros(size(hs));
%!   for i = 1:numel(hs)
%!     [~, Th] = gf_run(prob, theta0, [0 1], 'Method', methods{m}, 'Step', hs(i));
%!     err(i) = norm(Th(end, :) - exact);
%!   end
%!   p = polyfit(log(hs), log(err), 1);
%!   assert (abs(p(1) - orders(m)) < 0.15, sprintf('%s: slope %.3f', methods{m}, p(1)));
%! end

%!test
%! % rk45: error scales with RelTol; at 1e-8/1e-10 it matches gf_exact to 1e-6 (d = 50)
%! A = gdf_test_spd(50, 0.1, 10, 3); b = randn(50, 1); prob = gd_quadratic(A, b); theta0 = randn(50, 1);
%! tt = linspace(0, 5, 11);
%! E = gf_exact(prob, theta0, tt);
%! tols = [1e-3 1e-5 1e-7 1e-9]; err = zeros(size(tols));
%! for i = 1:numel(tols)
%!   [t, Th] = gf_run(prob, theta0, tt, 'RelTol', tols(i), 'AbsTol', tols(i) / 100);
%!   assert (t, tt', 0);
%!   err(i) = max(sqrt(sum((Th - E) .^ 2, 2))) / max(sqrt(sum(E .^ 2, 2)));
%! end
%! assert (all(diff(log10(err)) < -1));
%! [t, Th, info] = gf_run(prob, theta0, tt, 'RelTol', 1e-8, 'AbsTol', 1e-10);
%! assert (max(sqrt(sum((Th - E) .^ 2, 2))) / max(sqrt(sum(E .^ 2, 2))) < 1e-6);
%! assert (info.exitflag, 1);

%!test
%! % rk45 on Rosenbrock's flow agrees with Octave's ode45 at the same tight tolerance
%! prob = gd_testfun('rosenbrock');
%! tt = linspace(0, 2, 21);
%! [t, Th] = gf_run(prob, [-1.2; 1], tt, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! rhs = @(s, x) -[-400 * x(1) * (x(2) - x(1)^2) - 2 * (1 - x(1)); 200 * (x(2) - x(1)^2)];
%! [~, Y] = ode45(rhs, tt, [-1.2; 1], odeset('RelTol', 1e-10, 'AbsTol', 1e-12));
%! assert (Th, Y, 1e-6 * max(abs(Y(:))));

%!test
%! % energy: f(theta(t)) is non-increasing on every returned trajectory
%! probs = {gd_quadratic(gdf_test_spd(5, 0.2, 20, 4), randn(5, 1)), gd_testfun('himmelblau'), gd_testfun('beale')};
%! starts = {randn(5, 1), [-1; 2], [1; 1]};
%! for i = 1:numel(probs)
%!   for m = {'rk45', 'euler', 'rk4', 'implicit'}
%!     opts = {'Method', m{1}};
%!     if ~strcmp(m{1}, 'rk45')
%!       opts = [opts, {'Step', 1e-3}];
%!     else
%!       opts = [opts, {'RelTol', 1e-8, 'AbsTol', 1e-10}];
%!     end
%!     [~, ~, info] = gf_run(probs{i}, starts{i}, [0 2], opts{:});
%!     assert (all(diff(info.f) <= 1e-12 * max(1, abs(info.f(1)))), sprintf('%s on problem %d', m{1}, i));
%!   end
%! end

%!test
%! % df/dt = -||grad f||^2 along the flow of a quadratic (dense output, central differences)
%! prob = gd_quadratic(gdf_test_spd(4, 0.5, 3, 5), randn(4, 1));
%! tt = linspace(0, 3, 301); dt = tt(2) - tt(1);
%! [~, ~, info] = gf_run(prob, randn(4, 1), tt, 'RelTol', 1e-10, 'AbsTol', 1e-12);
%! dfdt = (info.f(3:end) - info.f(1:end - 2)) / (2 * dt);
%! g2 = info.gradnorm(2:end - 1) .^ 2;
%! assert (dfdt, -g2, 1e-3 * max(g2));   % central differences: O(dt^2) truncation
%! % and a wrong sign or factor would be far off
%! assert (max(abs(dfdt + 0.9 * g2)) > 1e-2 * max(g2));

%!test
%! % backward Euler is stable at h = 100/L where forward Euler diverges
%! prob = gd_quadratic(gdf_test_spd(10, 1, 50, 6), randn(10, 1)); theta0 = randn(10, 1);
%! h = 100 / prob.L;
%! [t, Th, info] = gf_run(prob, theta0, [0, 20 * h], 'Method', 'implicit', 'Step', h);
%! assert (info.exitflag, 1);
%! assert (norm(Th(end, :)' - prob.theta_star) < 1e-3 * norm(theta0 - prob.theta_star));
%! assert (all(diff(info.f) <= 1e-13 * abs(info.f(1))));
%! % closed form of backward Euler: (I + hA)^-k
%! x = theta0; M = eye(10) + h * prob.A;
%! for k = 1:20
%!   x = M \ (x + h * prob.b);
%! end
%! assert (Th(end, :)', x, 1e-10 * norm(x));
%! ws = warning('off', 'gdflow:diverged');
%! [~, ~, info2] = gf_run(prob, theta0, [0, 1e5 * h], 'Method', 'euler', 'Step', h);
%! warning(ws);
%! assert (info2.exitflag, -2);
%! assert (all(isfinite(info2.f)));

%!test
%! % backward Euler on non-quadratics: Newton with the Hessian, and with finite differences for handles
%! prob = gd_testfun('rosenbrock');
%! [~, T1] = gf_run(prob, [-1.2; 1], [0 1], 'Method', 'implicit', 'Step', 0.1);
%! fg = @(x) deal(100 * (x(2) - x(1)^2)^2 + (1 - x(1))^2, [-400 * x(1) * (x(2) - x(1)^2) - 2 * (1 - x(1)); 200 * (x(2) - x(1)^2)]);
%! [~, T2] = gf_run(fg, [-1.2; 1], [0 1], 'Method', 'implicit', 'Step', 0.1);
%! assert (T2, T1, 1e-6);
%! % each step solves u + h grad f(u) = theta_k
%! for k = 1:size(T1, 1) - 1
%!   [~, g] = gd_eval(prob, T1(k + 1, :)');
%!   assert (norm(T1(k + 1, :)' + 0.1 * g - T1(k, :)') < 1e-9);
%! end

%!test
%! % sparse quadratic: implicit (CG) and explicit methods agree with the dense path
%! n = 30; e = ones(n, 1); S = spdiags([-e 2 * e -e], -1:1, n, n);
%! ps = gd_quadratic(S, e); pd = gd_quadratic(full(S), e); theta0 = zeros(n, 1);
%! for m = {'implicit', 'rk4', 'euler'}
%!   [~, Ts] = gf_run(ps, theta0, [0 2], 'Method', m{1}, 'Step', 0.1);
%!   [~, Td] = gf_run(pd, theta0, [0 2], 'Method', m{1}, 'Step', 0.1);
%!   assert (Ts, Td, 1e-9 * max(abs(Td(:))));
%! end

%!test
%! % the exact method equals gf_exact; tspan [t0 tf] gives Step-spaced times
%! prob = gd_quadratic([2 1; 1 3], [1; -1]);
%! [t, Th, info] = gf_run(prob, [1; 1], [1 3], 'Method', 'exact', 'Step', 0.5);
%! assert (t, (1:0.5:3)', 1e-15);
%! assert (Th, gf_exact(prob, [1; 1], t - 1), 1e-14);
%! assert (info.f, gd_eval(prob, Th')', 1e-14);

%!test
%! % GradTol is a terminal event; MaxSteps stops with exitflag 0; nt > 2 returns exactly those times
%! prob = gd_quadratic(diag([1 4]), [1; 1]);
%! [t, Th, info] = gf_run(prob, [3; 3], [0 100], 'GradTol', 1e-3);
%! assert (info.exitflag, 2); assert (info.gradnorm(end) <= 1e-3); assert (t(end) < 100);
%! [t, ~, info] = gf_run(prob, [3; 3], [0 100], 'Method', 'rk4', 'Step', 0.01, 'MaxSteps', 10);
%! assert (info.exitflag, 0); assert (numel(t), 11);
%! tt = [0 0.1 0.25 1 2.5 7];
%! for m = {'rk45', 'euler', 'heun', 'rk4', 'implicit'}
%!   opts = {'Method', m{1}};
%!   if ~strcmp(m{1}, 'rk45'), opts = [opts, {'Step', 0.05}]; end
%!   [t, Th] = gf_run(prob, [3; 3], tt, opts{:});
%!   assert (t, tt');
%!   assert (size(Th), [numel(tt) 2]);
%! end

%% ---- bad input: identifiers gdflow:gf_run:<what> ----
%!shared prob
%! prob = gd_quadratic([2 0; 0 1], [1; 1]);
%!error <usage> gf_run(prob, [1; 1])
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [1 0])
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [0 1 1])
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], 5)
%!error id=gdflow:gf_run:badTspan gf_run(prob, [1; 1], [0 1; 2 3])
%!error id=gdflow:gf_run:nonFinite gf_run(prob, [1; 1], [0 Inf])
%!error id=gdflow:gf_run:nonFinite gf_run(prob, [1; 1], [NaN 1])
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'leapfrog')
%!error id=gdflow:gf_run:noStep gf_run(prob, [1; 1], [0 1], 'Method', 'euler')
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'euler', 'Step', 0)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Method', 'rk4', 'Step', -0.1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'RelTol', 0)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'AbsTol', -1)
%!error id=gdflow:gf_run:badOption gf_run(prob, [1; 1], [0 1], 'Step', 0.1)
%!error id=gdflow:gf_run:notQuadratic gf_run(gd_testfun('rosenbrock'), [1; 1], [0 1], 'Method', 'exact')
%!error id=gdflow:gf_run:notQuadratic gf_run(@(x) deal(sum(x .^ 2), 2 * x), [1; 1], [0 1], 'Method', 'exact')
%!error id=gdflow:gf_run:unknownOption gf_run(prob, [1; 1], [0 1], 'Reltol2', 1e-3)
%!error id=gdflow:gf_run:dimMismatch gf_run(prob, [1; 1; 1], [0 1])
%!error id=gdflow:gf_run:complex gf_run(prob, [1; 1i], [0 1])
%!error id=gdflow:gf_run:badHandleOutput gf_run(@(x) deal(1, [1; 2; 3]), [1; 1], [0 1])
%!error id=gdflow:gf_run:tooLarge gf_run(gd_quadratic(speye(1e5)), ones(1e5, 1), [0 1], 'Method', 'euler', 'Step', 1e-6)
%!error <user failure> gf_run(@(x) error('a:b', 'user failure'), [1; 1], [0 1])

%!error id=gdflow:gf_run:nonFiniteStart gf_run (@(x) deal (1 / x(1), [1; 1]), [0; 1], [0 1])
%!error id=gdflow:gf_run:nonFiniteStart gf_run (@(x) deal (sum (x), [NaN; 1]), [0; 1], [0 1], 'Method', 'euler', 'Step', 0.1)
%!test
%! % a handle that becomes non-finite later is divergence, with the output up to it
%! f = @(x) deal (x(1)^4, [4 * x(1)^3; 0]);
%! warning ('off', 'gdflow:diverged', 'local');
%! [t, Y, info] = gf_run (f, [10; 0], [0 50], 'Method', 'euler', 'Step', 1);
%! assert (info.exitflag, -2);
%! assert (Y(1, :), [10 0]);
%! assert (rows (Y) >= 3);
%! assert (all (isfinite (Y(:))));
%!test
%! % backward Euler with large steps on the Rosenbrock valley (Newton with a
%! % modified Cholesky; the residual at its rounding floor): every step solves
%! % u + h grad f(u) = theta_k and f never increases (proximal point)
%! prob = gd_testfun('rosenbrock');
%! for h = [100 1000]
%!   [t, Th, info] = gf_run(prob, [-1.2; 1], [0 10 * h], 'Method', 'implicit', 'Step', h);
%!   assert (info.exitflag, 1);
%!   assert (Th(end, :), [1 1], 1e-8);
%!   assert (all (diff (info.f) <= 0));
%!   for k = 2:rows (Th)
%!     [~, g] = gd_eval(prob, Th(k, :)');
%!     r = Th(k, :)' + h * g - Th(k - 1, :)';
%!     assert (norm (r) <= 1e-13 * h * (1 + norm (Th(k - 1, :))));
%!   end
%! end
