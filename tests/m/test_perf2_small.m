% Tests of issue 15, item 1: dense quadratics with 16 < d <= GDF_SYMV_OWN_MAX
% (256, mex/gdf_kernels.h) are evaluated by gdflow's own lower-triangle
% kernel, not by the BLAS's dsymv.  Each test compares gd_run / gf_run / gd_eval
% with a reference computed here in Octave, to a tolerance from the rounding
% bound (a kernel that drops or doubles one product of A x is off by far more),
% and checks that the numbers do not depend on OPENBLAS_NUM_THREADS.
% No timings are asserted here (bench/bench_small_dense.m measures them).
% Run: octave-cli --eval "addpath m tests/m; test tests/m/test_perf2_small.m"

%!function [prob, A, b] = spd(d, seed)
%!  randn('seed', seed);
%!  [Q, ~] = qr(randn(d));
%!  A = Q * diag(logspace(-1, 1, d)) * Q';
%!  A = (A + A') / 2;
%!  b = randn(d, 1);
%!  prob = gd_quadratic(A, b);
%!endfunction

%!test
%! % gd_eval: f and g = A x - b at several points, every d mod 4, both sides
%! % of the thresholds (16 | 17 and 256 | 257); the bound: each (A x)_i is a
%! % sum of d products, within d*eps*(|A||x|)_i of the exact value (both sides)
%! for d = [16 17 18 19 20 50 63 201 256 257]
%!   [prob, A, b] = spd(d, d);
%!   X = randn(d, 3);
%!   [f, G] = gd_eval(prob, X);
%!   for j = 1:3
%!     x = X(:, j);
%!     tol = 2 * d * eps * (abs(A) * abs(x) + abs(b));
%!     assert (all(abs(G(:, j) - (A * x - b)) <= tol), sprintf('g, d = %d', d));
%!     fr = 0.5 * x' * A * x - b' * x;
%!     ftol = 4 * d * eps * (0.5 * abs(x)' * abs(A) * abs(x) + abs(b)' * abs(x));
%!     assert (abs(f(j) - fr) <= ftol, sprintf('f, d = %d', d));
%!     assert (abs(gd_eval(prob, x) - fr) <= ftol, sprintf('f alone, d = %d', d));
%!   end
%! end

%!test
%! % a wrong kernel fails the tolerance above: one product of A x missing
%! % moves g by |a_ij x_j|, thousands of times the bound
%! d = 50;
%! [prob, A, b] = spd(d, 7);
%! x = randn(d, 1);
%! [~, g] = gd_eval(prob, x);
%! tol = 2 * d * eps * (abs(A) * abs(x) + abs(b));
%! gw = g;
%! gw(d) = gw(d) - A(d, 1) * x(1);
%! assert (any(abs(gw - (A * x - b)) > tol));
%! assert (all(abs(g - (A * x - b)) <= tol));

%!test
%! % gd_run, 300 steps of 1/L on d = 50 and 203 (kappa 100): the iterates and
%! % the f history against the Octave loop; the iteration contracts (factor
%! % 1 - 1/kappa), so rounding stays within kappa * d * eps of the iterate
%! for d = [50 203]
%!   [prob, A, b] = spd(d, 3);
%!   x = randn(d, 1);
%!   eta = 1 / max(eig(A));
%!   [th, info] = gd_run(prob, x, 'StepSize', eta, 'MaxIter', 300, 'GradTol', 0);
%!   fr = zeros(301, 1);
%!   for k = 1:301
%!     fr(k) = 0.5 * x' * A * x - b' * x;
%!     if k <= 300
%!       x = x - eta * (A * x - b);
%!     end
%!   end
%!   assert (info.iterations, 300);
%!   assert (norm(th - x) <= 100 * d * eps * norm(x), sprintf('theta, d = %d', d));
%!   assert (max(abs(info.f(:) - fr)) <= 100 * d * eps * max(abs(fr)), sprintf('f, d = %d', d));
%! end

%!test
%! % gf_run rk45 at RelTol 1e-8 on d = 50: the path against the closed form
%! % (gf_exact), within 100 * RelTol of the solution's size (a wrong gradient
%! % changes the flow itself)
%! d = 50;
%! prob = spd(d, 50);
%! th0 = randn(d, 1);
%! [t, Y, info] = gf_run(prob, th0, [0 10], 'RelTol', 1e-8, 'AbsTol', 1e-10);
%! R = gf_exact(prob, th0, t);
%! err = max(sqrt(sum((Y - R) .^ 2, 2))) / max(sqrt(sum(R .^ 2, 2)));
%! assert (info.exitflag >= 0);
%! assert (err < 1e-6);

%!test
%! % the numbers do not depend on OpenBLAS's thread count: gd_run and gf_run
%! % (d = 50, 200 and 256), run in child processes with OPENBLAS_NUM_THREADS = 1
%! % and 2, give the same bits
%! % (the matrix is built elementwise: qr and A * B would use the BLAS's threads)
%! code = {'rand(''seed'', 5); out = [];', ...
%!         'for d = [50 200 256]', ...
%!         '  R = rand(d); A = (R + R.'') / 2 + d * eye(d);', ...
%!         '  b = rand(d, 1); x = rand(d, 1); p = gd_quadratic(A, b);', ...
%!         '  [th, info] = gd_run(p, x, ''StepSize'', 0.5 / d, ''MaxIter'', 200, ''GradTol'', 0);', ...
%!         '  [~, Y] = gf_run(p, x, [0 5], ''RelTol'', 1e-8, ''AbsTol'', 1e-10);', ...
%!         '  out = [out; th; info.f(:); Y(:)];', ...
%!         'end', ...
%!         'fid = fopen(OUTFILE, ''w''); fwrite(fid, out, ''double''); fclose(fid);'};
%! old = getenv('OPENBLAS_NUM_THREADS');
%! c = onCleanup(@() setenv('OPENBLAS_NUM_THREADS', old));
%! res = cell(1, 2);
%! for nt = 1:2
%!   f = [tempname() '.bin'];
%!   setenv('OPENBLAS_NUM_THREADS', sprintf('%d', nt));
%!   o = gdf_test_child([{sprintf('OUTFILE = ''%s'';', f)}, code], 60);
%!   assert (o.status, 0, o.text);
%!   fid = fopen(f, 'r');
%!   res{nt} = fread(fid, Inf, 'double');
%!   fclose(fid);
%!   delete(f);
%! end
%! assert (numel(res{1}) > 1000);
%! assert (isequal(res{1}, res{2}));
