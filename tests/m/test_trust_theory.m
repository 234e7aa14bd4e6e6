% Tests of the one theory module (m/private/gdf_theory.m) as gd_compare and gd_plot use it:
% hypotheses checked before a rate or bound is printed or drawn, the same bound in both,
% unbounded and nonconvex problems flagged, gd_run's step rules, checked limits and horizons,
% and the shared option parser (issue "Trust", gd_compare/gd_plot item; issue "Architecture" item 5).
% Run: octave-cli --eval "addpath('m', 'tests/m'); test('tests/m/test_trust_theory.m')"

%!function e = gdf_tt_gap(info, fstar)
%!  e = info.f(:) - fstar;
%!endfunction

%!function y = gdf_tt_bound_ydata(prob, info)
%!  % the bound curve gd_plot draws for one run (read from the returned handle)
%!  fig = figure('visible', 'off');
%!  c = onCleanup(@() close(fig));
%!  h = gd_plot(prob, info, 'Plot', 'convergence');
%!  assert (numel(h.bounds), 1);
%!  y = get(h.bounds(1), 'YData');
%!  y = y(:);
%!endfunction

%!test
%! % an indefinite quadratic is unbounded below: no gap, rate, bound or "stable yes"
%! prob = gd_quadratic(diag([1 -1]));
%! assert (prob.f_star, -Inf);
%! T = gd_compare(prob, [1; 1], {0.1, '1/L', struct('method', 'gf', 'T', 2)}, 'MaxIter', 20, 'Display', 'off');
%! for i = 1:numel(T)
%!   assert (T(i).kind, 'unbounded');
%!   assert (T(i).note, 'unbounded below');
%!   assert (isnan(T(i).gap) && isnan(T(i).gap0) && isnan(T(i).rate) && isnan(T(i).theory) && isnan(T(i).bound));
%!   assert (~T(i).stable);
%!   assert (isnan(T(i).theory_stable));
%! end

%!test
%! % the printed table says "unbounded below" (a singular PSD A with b outside its range), and no "yes"
%! prob = gd_quadratic([1 0; 0 0], [1; 1]);
%! assert (prob.f_star, -Inf);
%! out = evalc('gd_compare(prob, [0; 0], {0.5, ''1/L''}, ''MaxIter'', 30);');
%! assert (numel(strfind(out, 'unbounded below')) >= 2);
%! assert (isempty(strfind(out, 'yes')));
%! assert (isempty(strfind(out, 'O(1/k)')));

%!test
%! % nonconvex with a known f*: measured numbers, but no convex theory (old: the O(1/k) kind)
%! f = @(x) deal(0.25 * (x(1) ^ 2 - 1) ^ 2 + 0.5 * x(2) ^ 2, [x(1) ^ 3 - x(1); x(2)]);
%! T = gd_compare(f, [0.5; 1], 0.1, 'L', 3, 'mu', -1, 'FStar', 0, 'MaxIter', 200, 'Display', 'off');
%! assert (T.kind, 'nonconvex');
%! assert (isnan(T.theory) && isnan(T.bound) && isnan(T.theory_stable));
%! assert (~isempty(strfind(T.note, 'nonconvex')));
%! assert (T.gap < T.gap0);
%! out = evalc('gd_compare(f, [0.5; 1], 0.1, ''L'', 3, ''mu'', -1, ''FStar'', 0, ''MaxIter'', 20);');
%! assert (~isempty(strfind(out, 'nonconvex (mu < 0)')));

%!test
%! % gd_plot refuses the convergence plot of an unbounded problem; its landscape is fine
%! prob = gd_quadratic(diag([1 -1]));
%! [~, info] = gd_run(prob, [1; 1], 'StepSize', 0.1, 'MaxIter', 5, 'History', 'full');
%! fig = figure('visible', 'off');
%! c = onCleanup(@() close(fig));
%! try
%!   gd_plot(prob, info, 'Plot', 'convergence');
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:unbounded');
%! end
%! try
%!   gd_plot(info);                                 % the INFO-only form knows f_star = -Inf too
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:unbounded');
%! end
%! h = gd_plot(prob, info, 'Plot', 'landscape', 'Limits', [-2 2 -2 2]);
%! assert (numel(h.paths), 1);

%!test
%! % '2/(L+mu)' needs mu > 0, as in gd_run, with gd_run's identifier (old gd_compare took mu = 0)
%! X = [1 0 0; 0 1 0; 0 0 0; 1 1 0];  y = [1; 2; 3; 0];
%! prob = gd_leastsq(X, y);
%! assert (prob.mu, 0);
%! try
%!   gd_run(prob, [0; 0; 0], 'StepSize', '2/(L+mu)');
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:noLipschitz');
%! end
%! bad = {{prob, [0; 0; 0], '2/(L+mu)'}, ...
%!        {gd_testfun('ellipse'), [1; 1], '2/(L+mu)', 'mu', 0}, ...
%!        {gd_testfun('ellipse'), [1; 1], struct('method', 'gf', 'solver', 'euler', 'step', '2/(L+mu)'), 'mu', 0}, ...
%!        {@(x) deal(x' * x, 2 * x), [1; 1], '2/(L+mu)', 'L', 2}};
%! for i = 1:numel(bad)
%!   try
%!     gd_compare(bad{i}{:}, 'Display', 'off');
%!     error('no error %d', i);
%!   catch err
%!     assert (err.identifier, 'gdflow:gd_compare:noLipschitz');
%!   end
%! end

%!test
%! % GD step rules are resolved by gd_run: the step and label are what gd_run used
%! prob = gd_testfun('ellipse', 10);
%! T = gd_compare(prob, [-3; 1], {'1/L', '2/(L+mu)', 'backtracking'}, 'MaxIter', 20, 'Display', 'off');
%! [~, i1] = gd_run(prob, [-3; 1], 'StepSize', '1/L', 'MaxIter', 20, 'GradTol', 0);
%! [~, i2] = gd_run(prob, [-3; 1], 'StepSize', '2/(L+mu)', 'MaxIter', 20, 'GradTol', 0);
%! assert (T(1).step, i1.stepsize);
%! assert (T(2).step, i2.stepsize);
%! assert (isnan(T(3).step) && isnan(T(3).theory) && isnan(T(3).bound));
%! assert (T(2).label, 'GD eta = 2/(L+mu) = 0.1818');
%! % with the caller's L (a handle), the same rule with the caller's constants
%! f = @(x) deal(0.5 * (x(1) ^ 2 + 4 * x(2) ^ 2), [x(1); 4 * x(2)]);
%! T = gd_compare(f, [1; 1], {'1/L', '2/(L+mu)'}, 'L', 4, 'mu', 1, 'FStar', 0, 'MaxIter', 10, 'Display', 'off');
%! assert ([T.step], [1 / 4, 2 / 5], 1e-15);

%!test
%! % gd_plot's bound curve is gd_compare's bound, for the same run: quadratic, least squares
%! % (a quadratic: old gd_plot drew (1 - mu/L)^k there, gd_compare the exact rate), convex logistic
%! cases = {};
%! cases{end + 1} = {gd_testfun('ellipse', 10, pi / 6), [-3; 2], 0.15};
%! X = [ones(6, 1), (1:6)'];  y = [1.1; 1.9; 3.2; 3.9; 5.1; 6.2];
%! ls = gd_leastsq(X, y);
%! cases{end + 1} = {ls, [0; 0], 1 / ls.L};
%! lg = gd_logistic([1 -1; 1 0.5; 1 2; 1 -2; 1 0.3], [0; 1; 1; 0; 0], 0.1);
%! cases{end + 1} = {lg, [1; -1], 1 / lg.L};
%! cases{end + 1} = {lg, [1; -1], 1.5 / lg.L};
%! for c = 1:numel(cases)
%!   [prob, th0, eta] = deal(cases{c}{:});
%!   K = 25;
%!   [~, info] = gd_run(prob, th0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
%!   T = gd_compare(prob, th0, eta, 'MaxIter', K, 'Display', 'off');
%!   yd = gdf_tt_bound_ydata(prob, info);
%!   assert (numel(yd), K + 1);
%!   assert (all(isfinite(T.bound_curve)));
%!   assert (yd, T.bound_curve(:), 1e-12 * max(T.bound_curve));
%!   assert (yd(end), T.bound, 1e-12 * T.bound);
%!   % and the bound holds on the measured run
%!   e = gdf_tt_gap(info, prob.f_star);
%!   assert (all(e <= T.bound_curve(:) * (1 + 1e-9) + 1e-13));
%! end

%!test
%! % the O(1/k) bound only under its hypothesis, and a wrong formula is caught:
%! % f = 1/2 x1^2 (mu = 0, L = 1), eta = 1.9/L: e_k = 0.81^k/2 > L R^2/(2k) = 1/(2k) at k = 2, 3, ...
%! prob = gd_quadratic(diag([1 0]), [1; 0]);
%! assert (prob.mu == 0 && prob.L == 1 && prob.f_star == -0.5);
%! K = 12;
%! [~, info] = gd_run(prob, [0; 0], 'StepSize', 1.9, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
%! e = gdf_tt_gap(info, prob.f_star);
%! k = (0:K)';
%! R2 = 1;
%! wrong = prob.L * R2 ./ (2 * max(k, 1));            % L R^2/(2k), drawn for any eta by the old gd_plot
%! assert (any(e > wrong * 1.1));
%! T = gd_compare(prob, [0; 0], 1.9, 'MaxIter', K, 'Display', 'off');
%! assert (T.kind, 'sublinear');
%! assert (all(e <= T.bound_curve(:) * (1 + 1e-12)));
%! assert (T.within, 1);
%! % Nesterov's Thm 2.1.14 at eta = 1.9: 2 e0 R^2/(2 R^2 + k eta (2 - L eta) e0)
%! assert (T.bound, 2 * 0.5 / (2 + K * 1.9 * 0.1 * 0.5), 1e-14);
%! yd = gdf_tt_bound_ydata(prob, info);
%! assert (all(e <= yd * (1 + 1e-12)));
%! % at eta = 1/L the text's L R^2/(2k) is part of the bound and holds
%! T = gd_compare(prob, [0; 0], 1, 'MaxIter', K, 'Display', 'off');
%! assert (T.bound <= prob.L * R2 / (2 * T.steps) * (1 + 1e-12));
%! % eta >= 2/L: no O(1/k) bound at all
%! T = gd_compare(prob, [0; 0], 2.1, 'MaxIter', K, 'Display', 'off');
%! assert (isnan(T.bound) && T.theory_stable == 0);
%! assert (~isempty(strfind(T.note, '2/L')));

%!test
%! % f - f* <= (L/2)||theta - theta*||^2: a bound on the iterates needs the factor L/2; without it
%! % (rho^(2k) R^2) it is violated on the top mode of an ellipse; the theory's bound holds (tight)
%! prob = gd_testfun('ellipse', 10);                   % A = diag([1 10]), theta* = 0
%! K = 30;  eta = 0.19;                                % rho = max(|1 - 1.9|, |1 - 0.19|) = 0.9
%! [~, info] = gd_run(prob, [0; 1], 'StepSize', eta, 'MaxIter', K, 'GradTol', 0);
%! e = gdf_tt_gap(info, 0);
%! k = (0:K)';
%! wrong = 0.81 .^ k * 1;                              % rho^(2k) ||theta0 - theta*||^2
%! assert (all(e(2:end) > wrong(2:end)));
%! T = gd_compare(prob, [0; 1], eta, 'MaxIter', K, 'Display', 'off');
%! assert (T.theory, 0.81, 1e-15);
%! assert (all(e <= T.bound_curve(:) * (1 + 1e-12)));
%! assert (T.bound_curve(:), 5 * 0.81 .^ k, 1e-12);

%!test
%! % a smooth strongly convex non-quadratic f: the bound min((1 - mu eta (2 - L eta))^k e0, (L/mu) rho^(2k) e0)
%! % holds on the measured run at eta = 1/L, 2/(L+mu) and 1.8/L (where the old table had no linear bound)
%! mu = 0.1;  L = 1 + mu;
%! f = @(x) deal(sum(log(cosh(x))) + mu / 2 * (x' * x), tanh(x) + mu * x);
%! T = gd_compare(f, [3; -2], {'1/L', '2/(L+mu)', 1.8 / L}, 'L', L, 'mu', mu, 'FStar', 0, 'MaxIter', 60, 'Display', 'off');
%! for i = 1:3
%!   assert (T(i).kind, 'linear');
%!   eta = T(i).step;
%!   rho2 = max(abs(1 - eta * L), abs(1 - eta * mu)) ^ 2;
%!   assert (T(i).theory, rho2, 1e-15);
%!   assert (all(T(i).e <= T(i).bound_curve * (1 + 1e-9) + 1e-14));
%!   assert (T(i).within, 1);
%!   qpl = 1 - mu * eta * (2 - L * eta);
%!   K = T(i).steps;                                 % eta = 1/L reaches grad f = 0 exactly and stops
%!   assert (T(i).bound, min(qpl ^ K * T(i).gap0, L / mu * rho2 ^ K * T(i).gap0), 1e-12 * T(i).bound);
%! end
%! assert (T(1).bound <= (1 - mu / L) ^ T(1).steps * T(1).gap0 * (1 + 1e-12));   % the text's theorem at 1/L

%!test
%! % f* unknown: the rates stay, no bound relative to a guessed f*
%! f = @(x) deal(0.5 * (x(1) ^ 2 + 4 * x(2) ^ 2), [x(1); 4 * x(2)]);
%! T = gd_compare(f, [1; 1], 0.2, 'L', 4, 'mu', 1, 'MaxIter', 40, 'Display', 'off');
%! assert (isnan(T.bound));
%! assert (T.theory, 0.8 ^ 2, 1e-15);
%! assert (~isempty(strfind(T.note, 'f* unknown')));

%!test
%! % Nesterov's constant-momentum bound (Thm 2.2.3) in gd_plot holds; heavy ball gets its rate only
%! prob = gd_testfun('ellipse', 25, 0.4);
%! [~, info] = gd_run(prob, [-3; 2], 'Method', 'nesterov', 'MaxIter', 80, 'GradTol', 0, 'History', 'full');
%! yd = gdf_tt_bound_ydata(prob, info);
%! e = gdf_tt_gap(info, 0);
%! ok = ~isnan(yd);
%! assert (all(ok(e > 0)));
%! assert (all(e(ok) <= yd(ok) * (1 + 1e-12)));
%! [~, info] = gd_run(prob, [-3; 2], 'Method', 'heavyball', 'MaxIter', 20, 'GradTol', 0, 'History', 'full');
%! yd = gdf_tt_bound_ydata(prob, info);
%! assert (all(isnan(yd)));

%!test
%! % gd_plot: limits a grid cannot resolve or on which f overflows are refused up front, and the
%! % figure stays usable (old: Octave's bad-alloc / "dataaspectratio must be finite")
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! [~, info] = gd_run(prob, [2; 1], 'StepSize', 0.4, 'History', 'full', 'MaxIter', 10);
%! fig = figure('visible', 'off');
%! c = onCleanup(@() close(fig));
%! bad = {[-1e308 1e308 -1 1], [-1e308 1e308 -1e308 1e308], [0 1e-300 0 1], [1 1 + 1e-14 0 1], ...
%!        [-1e200 1e200 -1 1], [-1e140 1e140 -1e-140 1e-140]};
%! for i = 1:numel(bad)
%!   try
%!     gd_plot(prob, info, 'Limits', bad{i});
%!     error('no error %d', i);
%!   catch err
%!     assert (err.identifier, 'gdflow:gd_plot:badLimits');
%!   end
%! end
%! % f overflows on a frame of ordinary size
%! try
%!   gd_plot(gd_quadratic(1e20 * eye(2)), {}, 'Limits', [-1e150 1e150 -1e150 1e150]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:badLimits');
%!   assert (~isempty(strfind(err.message, 'overflows')));
%! end
%! % a diverged path far out: the default frame is refused with the same identifier
%! try
%!   gd_plot(prob, [1e300 -1e300; 1e300 1e300]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:badLimits');
%! end
%! h = gd_plot(prob, info, 'Limits', [-2 2 -2 2]);
%! assert (ishghandle(h.axes) && numel(h.paths) == 1);

%!test
%! % an enormous horizon is refused before any integration: in a child process (the old code hung)
%! code = ['r = gd_testfun(''rosenbrock''); ids = {}; ' ...
%!         'try, gd_compare(r, [-1; 1], struct(''method'', ''gf'', ''solver'', ''rk45'', ''T'', 1e300), ''Display'', ''off''); ' ...
%!         'catch e, ids{end + 1} = e.identifier; end; ' ...
%!         'try, gd_compare(gd_testfun(''ellipse''), [1; 1], struct(''method'', ''gf'', ''T'', 1e300), ''Display'', ''off''); ' ...
%!         'catch e, ids{end + 1} = e.identifier; end; ' ...
%!         'try, gd_compare(gd_testfun(''ellipse''), [1; 1], struct(''solver'', ''euler'', ''step'', 1e-3, ''T'', 1e9), ''Display'', ''off''); ' ...
%!         'catch e, ids{end + 1} = e.identifier; end; ' ...
%!         'f = figure(''visible'', ''off''); ' ...
%!         'try, gd_plot(r, {}, ''Limits'', [-2 2 -1 3], ''Streamlines'', [-1; 1], ''Horizon'', 1e300); ' ...
%!         'catch e, ids{end + 1} = e.identifier; end; ' ...
%!         'fprintf(''IDS %s\n'', strjoin(ids, '',''));'];
%! c = gdf_test_child(code, 60);   % this session's path; killed after 60 s
%! out = c.text;
%! assert (c.status, 0, out);
%! assert (~isempty(strfind(out, ['IDS gdflow:gd_compare:badHorizon,gdflow:gd_compare:badHorizon,' ...
%!                                'gdflow:gd_compare:badHorizon,gdflow:gd_plot:badHorizon'])), out);

%!test
%! % one option parser: case-insensitive names, options structs, "did you mean"
%! prob = gd_testfun('ellipse', 10);
%! T = gd_compare(prob, [1; 1], 0.1, 'maxiter', 7, 'DISPLAY', 'off');
%! assert (T.steps, 7);
%! T = gd_compare(prob, [1; 1], 0.1, struct('MaxIter', 5, 'Display', 'off', 'mu', []));
%! assert (T.steps, 5);
%! try
%!   gd_compare(prob, [1; 1], 0.1, 'MaxIters', 3);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_compare:unknownOption');
%!   assert (~isempty(strfind(err.message, 'did you mean ''MaxIter''?')));
%! end
%! try
%!   gd_compare(prob, [1; 1], 0.1, 'MaxIter');
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_compare:missingValue');
%! end
%! fig = figure('visible', 'off');
%! c = onCleanup(@() close(fig));
%! try
%!   gd_plot(prob, {}, 'limitz', [-1 1 -1 1]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:unknownOption');
%!   assert (~isempty(strfind(err.message, 'did you mean ''Limits''?')));
%! end
%! h = gd_plot(prob, {}, struct('Limits', [-1 1 -1 1], 'Field', false));
%! assert (isempty(h.quiver));

%!test
%! % the default streamline horizon 20/mu is capped for a tiny mu (1e6/L here), and a horizon
%! % within the limits works; Horizon above the limit is refused before any integration
%! prob = gd_quadratic(diag([1 1e-12]));
%! fig = figure('visible', 'off');
%! c = onCleanup(@() close(fig));
%! h = gd_plot(prob, {}, 'Limits', [-2 2 -2 2], 'Streamlines', [1; 1], 'Field', false);
%! assert (numel(h.streamlines), 1);
%! x = get(h.streamlines(1), 'XData');
%! assert (abs(x(end)) < 1e-6);                      % the fast mode has converged by t = 1e6
%! try
%!   gd_plot(prob, {}, 'Limits', [-2 2 -2 2], 'Streamlines', [1; 1], 'Horizon', 2e6);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_plot:badHorizon');
%! end

%% ---- Levels given as a vector of equal values: one level, not a count -------
%!test
%! % [1e308; 1e308] became the scalar 1e308 after unique(): a count of levels
%! % ("out of memory or dimension too large", found by make fuzz)
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! p = gd_quadratic(eye(2));
%! h = gd_plot(p, [], 'Levels', [0.5; 0.5]);
%! lev = get(h.contour, 'LevelList');
%! assert (unique(lev), 0.5);
%! h = gd_plot(p, [], 'Levels', [1e308; 1e308]);
%! lev = get(h.contour, 'LevelList');
%! assert (unique(lev), 1e308);

%% ---- a run that stopped at a saddle says so in gd_compare's table ----------
%!test
%! % GD from the stable manifold of the saddle of diag([1 -1]) stops there
%! % (gd_run exitflag -3): the row's note says it is not a minimizer
%! ws = warning('off', 'all');
%! c = onCleanup(@() warning(ws));
%! T = gd_compare(gd_quadratic(diag([1 -1])), [1; 0], 0.5, 'Display', 'off', 'GradTol', 1e-8);
%! assert (T(1).exitflag, -3);
%! assert (~isempty(strfind(T(1).note, 'stopped at a saddle, not a minimizer')), T(1).note);
%! assert (~isempty(strfind(T(1).note, 'unbounded below')), T(1).note);
%! T = gd_compare(gd_quadratic([3 1; 1 2], [1; 1]), [2; 1], 0.4, 'Display', 'off');
%! assert (isempty(strfind(T(1).note, 'saddle')));
