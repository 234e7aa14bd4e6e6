% test_arch_gd - gd_run after its policy moved into the C library
% (gdf_gd_solve.c): the gateway's observable behaviour is pinned here.
% Error order of the step rule and Momentum checks, the non-finite start of
% one column stopping before later columns run, the default rules' names
% and values, proximal and plain GD on many starts equal to single runs.

%!function v = ifelse_nan(t)
%!  if t(1) == 3
%!    error('arch:col3', 'column 3 ran');
%!  elseif t(1) == 2
%!    v = NaN;
%!  else
%!    v = sum(t .^ 2);
%!  end
%!endfunction

%!test
%! % a non-finite f(theta0) in column 2 stops the call before column 3 runs
%! % (column 3 would raise its own error if it were evaluated; backtracking:
%! % the starts run one by one, not through the batch path)
%! try
%!   gd_run(@(t) deal(ifelse_nan(t), 2 * t), [1 2 3; 1 1 1], 'StepSize', 'backtracking');
%!   error('no error');
%! catch err
%!   assert(err.identifier, 'gdflow:gd_run:nonFiniteStart');
%! end

%!test
%! % the step rule's error comes before a bad Momentum's, as before
%! p = gd_quadratic([2 0; 0 1]);
%! p.mu = NaN;
%! try
%!   gd_run(p, [1; 1], 'Method', 'heavyball', 'StepSize', '2/(L+mu)', 'Momentum', 'wrong');
%!   error('no error');
%! catch err
%!   assert(err.identifier, 'gdflow:gd_run:noLipschitz');
%! end

%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'heavyball', 'Momentum', 'wrong')
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'heavyball', 'Momentum', 1)
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'heavyball', 'Momentum', NaN)
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'heavyball', 'Momentum', 'schedule')
%!error id=gdflow:gd_run:notString gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'nesterov', 'Momentum', 'a much too long string')
%!error <give Method 'heavyball' a number> gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'heavyball', 'StepSize', 'backtracking')
%!error id=gdflow:gd_run:noLipschitz gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1; 1], 'Method', 'proximal')
%!error <finite MaxIter> gd_run(gd_quadratic([2 0; 0 1]), [1; 1], 'Method', 'proximal', 'MaxIter', Inf)

%!test
%! % the default rules: names and values
%! p = gd_quadratic([9 0; 0 4]);
%! [~, i] = gd_run(p, [1; 1], 'Method', 'heavyball', 'MaxIter', 3);
%! assert(i.steprule, '4/(sqrt(L)+sqrt(mu))^2');
%! assert(i.stepsize, 4 / 25, 1e-15);
%! assert(i.momentum, 1 / 25, 1e-15);
%! [~, i] = gd_run(p, [1; 1], 'Method', 'nesterov', 'MaxIter', 3);
%! assert(i.steprule, '1/L');
%! assert(i.momentum, 1 / 5, 1e-15);
%! [~, i] = gd_run(p, [1; 1], 'StepSize', '2/(L+mu)', 'MaxIter', 3);
%! assert(i.stepsize, 2 / 13, 1e-15);
%! [~, i] = gd_run(p, [1; 1], 'Method', 'proximal', 'MaxIter', 3);
%! assert(i.steprule, '1/L');
%! assert(i.stepsize, 1 / 9, 1e-15);
%! [~, i] = gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1; 1], 'MaxIter', 3);
%! assert(i.steprule, 'backtracking');

%!test
%! % many starts equal single runs bitwise: proximal, plain GD (batch path)
%! p = gd_quadratic([3 1; 1 2], [1; -1]);
%! T0 = [1 -2 0.5; 2 0 -1];
%! for meth = {'proximal', 'gd'}
%!   [T, I] = gd_run(p, T0, 'Method', meth{1}, 'StepSize', 0.2, 'MaxIter', 40, 'History', 'full');
%!   for j = 1:3
%!     [t, i] = gd_run(p, T0(:, j), 'Method', meth{1}, 'StepSize', 0.2, 'MaxIter', 40, 'History', 'full');
%!     assert(isequal(T(:, j), t));
%!     assert(isequal(I.iterations(j), i.iterations));
%!     assert(isequal(I.exitflag(j), i.exitflag));
%!     n = i.iterations + 1;
%!     assert(isequal(I.f(j, 1:n), i.f));
%!     assert(isequal(I.theta(:, 1:n, j), i.theta));
%!   end
%! end
