% Tests of issue 15 (round 5), flow item 2: gf_run with theta0 d x m and a
% fixed-step method (euler, heun, rk4) on a small dense quadratic (d <= 16)
% runs the starts together (mex/gdf_gf_batch.c); each start must give the
% bits of a single run on it: Theta, info.f, info.gradnorm, nsteps, nfevals,
% exitflag, message.  The starts that a single run treats apart (a zero
% gradient, a stationary stop, a non-finite value) go back to the single
% path and must agree too.  No timing is asserted (bench/bench_gf_batch.m).
% Run: octave-cli --eval "addpath m tests/m; test tests/m/test_perf2_flowbatch.m"

%!function check_same(prob, X0, tspan, varargin)
%!  [t, Th, info] = gf_run(prob, X0, tspan, varargin{:});
%!  for j = 1:size(X0, 2)
%!    [tj, Tj, ij] = gf_run(prob, X0(:, j), tspan, varargin{:});
%!    k = numel(tj);
%!    lbl = sprintf('start %d of %d, d = %d', j, size(X0, 2), size(X0, 1));
%!    assert (isequal(t(1:k), tj), [lbl ': t']);
%!    assert (isequal(Th(1:k, :, j), Tj), [lbl ': Theta bit for bit']);
%!    assert (all(all(isnan(Th(k + 1:end, :, j)))), [lbl ': padding']);
%!    assert (isequal(info.f(1:k, j), ij.f), [lbl ': f']);
%!    assert (isequal(info.gradnorm(1:k, j), ij.gradnorm), [lbl ': gradnorm']);
%!    assert (info.nsteps(j), ij.nsteps, lbl);
%!    assert (info.nfevals(j), ij.nfevals, lbl);
%!    assert (info.exitflag(j), ij.exitflag, lbl);
%!    assert (info.message{j}, ij.message, lbl);
%!  end
%!endfunction

%!test
%! % d = 2 .. 16, every method, 13 starts (a full block of 8 and a partial
%! % one), a span that is a whole number of steps and one whose last step is
%! % shortened
%! for d = [2 3 7 16]
%!   A = gdf_test_spd(d, 0.5, 4, d);
%!   randn('seed', 100 + d);
%!   b = randn(d, 1);
%!   prob = gd_quadratic(A, b);
%!   X0 = randn(d, 13);
%!   for meth = {'euler', 'heun', 'rk4'}
%!     check_same(prob, X0, [0 1], 'Method', meth{1}, 'Step', 0.05);
%!     check_same(prob, X0, [0.3 1.234], 'Method', meth{1}, 'Step', 0.1);
%!   end
%! end

%!test
%! % starts a single run treats apart, mixed with plain ones: theta* itself
%! % (grad f = 0 exactly: S1), starts that come to rest bit for bit (S2) on
%! % a long span, a start with c and without b
%! A = [2 0; 0 4];
%! prob = gd_quadratic(A, [2; 4]);          % theta* = [1; 1], g(theta*) = 0 exactly
%! X0 = [1 2 -3 1 0.5 4 1 -1 2 3; 1 1 2 1 0.5 -4 1 5 2 3];
%! for meth = {'euler', 'heun', 'rk4'}
%!   check_same(prob, X0, [0 60], 'Method', meth{1}, 'Step', 0.1);
%! end
%! p2 = gd_quadratic([3 1; 1 2]);
%! p2.c = 1.5;
%! check_same(p2, [1 2 3; -1 0.5 2], [0 2], 'Method', 'rk4', 'Step', 0.1);

%!test
%! % non-finite values: an unstable step (h * lambda_max > 2 for euler)
%! % makes every start overflow; the runs stop as single runs do
%! warning('off', 'gdflow:diverged', 'local');
%! warning('off', 'all', 'local');
%! prob = gd_quadratic([300 0; 0 1], [0; 0]);
%! check_same(prob, [1 0 2; 1 1 0], [0 100], 'Method', 'euler', 'Step', 0.01);

%!test
%! % above d = 16 (the general path) and with GradTol (the single path):
%! % the same bits as single runs as before
%! A = gdf_test_spd(20, 0.5, 4, 20);
%! randn('seed', 20);
%! prob = gd_quadratic(A, randn(20, 1));
%! check_same(prob, randn(20, 9), [0 0.5], 'Method', 'rk4', 'Step', 0.05);
%! p2 = gd_quadratic([3 1; 1 2], [1; 1]);
%! check_same(p2, [2 -1 0.2; 1 3 0.4], [0 20], 'Method', 'heun', 'Step', 0.1, 'GradTol', 1e-3);

%!test
%! % one, two or three outputs: the same t and Theta (the kernel writes in place
%! % into the outputs asked for, into scratch otherwise)
%! prob = gd_quadratic([2 0; 0 4], [2; 4]);
%! X0 = [1 0 2 1 3 1 0.5 1; 1 1 2 1 0.5 4 -1 9] * 0.5;
%! X0(:, 4) = [1; 1];                        % theta*, g = 0 exactly: run alone (S1)
%! [t3, T3, info] = gf_run(prob, X0, [0 3], 'Method', 'heun', 'Step', 0.1);
%! [t2, T2] = gf_run(prob, X0, [0 3], 'Method', 'heun', 'Step', 0.1);
%! t1 = gf_run(prob, X0, [0 3], 'Method', 'heun', 'Step', 0.1);
%! assert (isequal(t1, t2, t3));
%! assert (isequal(T2, T3));
%! assert (info.exitflag, ones(1, 8));
%! assert (~isempty(strfind(info.message{4}, 'stationary')));
%! assert (all(all(T3(:, :, 4) == 1)));       % the state held from t0 on
