% Tests of the fast paths of issue 6, each against the plain formula:
% the one-pass least-squares / logistic evaluation (row blocks), dense
% quadratics through dsymv, and the Gram form of least squares (prob.gram
% 'auto' | 'on' | 'off'), which must give the same iterates as the plain
% path to 1e-10 and f within its documented accuracy (mex/gdf_gram.h).
% No timings are asserted here (bench/ measures them).
% Run: octave-cli --eval "addpath m tests/m; test tests/m/test_perf.m"

%!function [X, y, th] = lsdata(n, p, noise, seed)
%!  randn('seed', seed);
%!  X = [ones(n, 1), randn(n, p - 1)];
%!  th = randn(p, 1);
%!  y = X * th + noise * randn(n, 1);
%!endfunction

%!test
%! % one pass over X by row blocks = the two-pass formula (3 blocks of rows)
%! [X, y] = lsdata(30000, 20, 1, 1);
%! prob = gd_leastsq(X, y); prob.gram = 'off';
%! T = randn(20, 3);
%! [f, g] = gd_eval(prob, T);
%! for j = 1:3
%!   r = X * T(:, j) - y;
%!   assert (f(j), (r' * r) / (2 * 30000), 1e-13 * f(j));
%!   assert (g(:, j), X' * r / 30000, 1e-12 * norm(X' * r / 30000, Inf));
%! end
%! yl = double(y > 0);
%! pl = gd_logistic(X, yl, 3);
%! [f, g] = gd_eval(pl, T / 10);
%! for j = 1:3
%!   z = X * T(:, j) / 10;
%!   h = 1 ./ (1 + exp(-z));
%!   fr = mean(max(z, 0) + log1p(exp(-abs(z))) - yl .* z) + 3 / (2 * 30000) * sum(T(2:end, j) .^ 2 / 100);
%!   gr = X' * (h - yl) / 30000 + 3 / 30000 * [0; T(2:end, j) / 10];
%!   assert (f(j), fr, 1e-12 * fr);
%!   assert (g(:, j), gr, 1e-12 * norm(gr, Inf));
%! end

%!test
%! % the pass shared among threads (prob.threads): the same bits for 1, 2, 3
%! % threads and automatic, the same gd_run iterates; 9 blocks of rows
%! [X, y] = lsdata(40000, 50, 1, 3);
%! yl = double(y > 0);
%! T = randn(50, 2) / 10;
%! for fam = 1:2
%!   if fam == 1
%!     prob = gd_leastsq(X, y); prob.gram = 'off';
%!   else
%!     prob = gd_logistic(X, yl, 0.5);
%!   end
%!   prob.threads = 1;
%!   [f1, g1] = gd_eval(prob, T);
%!   [th1, i1] = gd_run(prob, zeros(50, 1), 'MaxIter', 20, 'GradTol', 0);
%!   for nt = [2, 3, 0]
%!     prob.threads = nt;
%!     [f, g] = gd_eval(prob, T);
%!     assert (isequal (f, f1) && isequal (g, g1));
%!     [th, info] = gd_run(prob, zeros(50, 1), 'MaxIter', 20, 'GradTol', 0);
%!     assert (isequal (th, th1) && isequal (info.f, i1.f));
%!   end
%! end

%!error id=gdflow:gd_eval:badProblem (gd_eval (setfield (gd_leastsq (ones (3, 1), ones (3, 1)), 'threads', -1), 1))
%!error <threads must be 0 \(automatic\) or a positive integer> (gd_run (setfield (gd_logistic ([1; 1], [0; 1]), 'threads', 1.5), 0))
%!test
%! % a small problem runs the same with threads asked for
%! prob = gd_leastsq([ones(5, 1), (1:5)'], [1.1; 1.9; 3.2; 3.9; 5.1]);
%! th = gd_run(prob, [0; 0], 'StepSize', 0.1, 'MaxIter', 50);
%! prob.threads = 4;
%! assert (isequal (gd_run(prob, [0; 0], 'StepSize', 0.1, 'MaxIter', 50), th));

%!test
%! % dense quadratic through dsymv (lower triangle) = A*theta - b
%! randn('seed', 2);
%! R = randn(200); A = R' * R / 200 + eye(200); b = randn(200, 1);
%! prob = gd_quadratic(A, b);
%! T = randn(200, 2);
%! [f, g] = gd_eval(prob, T);
%! for j = 1:2
%!   assert (g(:, j), prob.A * T(:, j) - b, 1e-12 * norm(prob.A * T(:, j), Inf));
%!   assert (f(j), 0.5 * T(:, j)' * prob.A * T(:, j) - b' * T(:, j), 1e-12 * abs(f(j)));
%! end

%!test
%! % the Gram form: the same iterates as the one-pass path to 1e-10, f to 1e-10
%! [X, y] = lsdata(20000, 30, 0.3, 3);
%! prob = gd_leastsq(X, y);
%! opts = {'StepSize', 1 / prob.L, 'MaxIter', 300, 'GradTol', 0, 'History', 'full'};
%! pon = prob; pon.gram = 'on';
%! poff = prob; poff.gram = 'off';
%! [t1, i1] = gd_run(prob, zeros(30, 1), opts{:});
%! [t2, i2] = gd_run(pon, zeros(30, 1), opts{:});
%! [t3, i3] = gd_run(poff, zeros(30, 1), opts{:});
%! scale = max(abs(i3.theta(:)));
%! assert (max(abs(i1.theta(:) - i3.theta(:))) <= 1e-10 * scale);
%! assert (max(abs(i2.theta(:) - i3.theta(:))) <= 1e-10 * scale);
%! assert (max(abs(i1.f - i3.f) ./ i3.f) <= 1e-10);
%! assert (max(abs(i2.f - i3.f) ./ i3.f) <= 1e-10);
%! % and f against the exact residual at every 30th iterate
%! for k = 1:30:301
%!   r = X * i2.theta(:, k) - y;
%!   assert (abs(i2.f(k) - (r' * r) / 40000) <= 1e-10 * i2.f(k));
%! end

%!test
%! % data fitted exactly: f falls to the rounding floor.  The textbook Gram
%! % formula 1/2 t'Gt - c't + y'y/(2m) loses every digit there; the Gram
%! % path keeps f within max(1e-10 f, 4 P) + P of the exact value, P the
%! % plain path's own worst-case rounding bound (mex/gdf_gram.h)
%! [X, ~, th] = lsdata(5000, 8, 0, 4);
%! y = X * th;
%! prob = gd_leastsq(X, y); prob.gram = 'on';
%! [~, info] = gd_run(prob, zeros(8, 1), 'StepSize', 1 / prob.L, 'MaxIter', 200, 'GradTol', 0, 'History', 'full');
%! assert (info.f(end) < 1e-20 * info.f(1));
%! m = 5000; D = sqrt(sum(X .^ 2, 1)' / m);
%! G = X' * X / m; c = X' * y / m; yy = (y' * y) / (2 * m);
%! worst_naive = 0;
%! for k = [1:10:201, 201]
%!   t = info.theta(:, k);
%!   r = X * t - y;
%!   fe = (r' * r) / (2 * m);          % rounding error of this reference: below P
%!   S = abs(t)' * D + norm(y) / sqrt(m);
%!   gr = 9 * eps / 2 * S;
%!   P = gr * sqrt(2 * fe) + gr ^ 2 / 2 + 1e-12 * fe;
%!   assert (abs(info.f(k) - fe) <= max(1e-10 * fe, 4 * P) + 2 * P);
%!   naive = 0.5 * t' * G * t - c' * t + yy;
%!   worst_naive = max(worst_naive, abs(naive - fe) / fe);
%! end
%! assert (worst_naive > 1);

%!test
%! % gf_run on least squares (euler) with the Gram form = without it
%! [X, y] = lsdata(8000, 10, 0.5, 5);
%! prob = gd_leastsq(X, y);
%! poff = prob; poff.gram = 'off';
%! tspan = linspace(0, 20, 11);
%! [~, Y1] = gf_run(prob, zeros(10, 1), tspan, 'Method', 'euler', 'Step', 0.1);
%! [~, Y2] = gf_run(poff, zeros(10, 1), tspan, 'Method', 'euler', 'Step', 0.1);
%! assert (max(abs(Y1(:) - Y2(:))) <= 1e-10 * max(abs(Y2(:))));
%! [~, Y3] = gf_run(prob, zeros(10, 1), tspan, 'Method', 'rk45', 'RelTol', 1e-8, 'AbsTol', 1e-10);
%! [~, Y4] = gf_run(poff, zeros(10, 1), tspan, 'Method', 'rk45', 'RelTol', 1e-8, 'AbsTol', 1e-10);
%! assert (max(abs(Y3(:) - Y4(:))) <= 1e-9 * max(abs(Y4(:))));

%!test
%! % the Hessian from the Gram matrix = X'X/m (+ lambda), through gd_eval
%! [X, y] = lsdata(4000, 6, 1, 6);
%! prob = gd_leastsq(X, y); prob.gram = 'on';
%! [~, ~, H] = gd_eval(prob, randn(6, 1));
%! assert (H, X' * X / 4000, 1e-13 * norm(X' * X / 4000, Inf));

%!test
%! % the field gram: 'auto', 'on', 'off', true, false; m < 4p falls back
%! [X, y] = lsdata(40, 20, 1, 7);
%! prob = gd_leastsq(X, y);
%! vals = {'auto', 'on', 'off', true, false, 'ON'};
%! for i = 1:numel(vals)
%!   prob.gram = vals{i};
%!   t = gd_run(prob, zeros(20, 1), 'StepSize', 1 / prob.L, 'MaxIter', 20);
%!   assert (all(isfinite(t)));
%! end

%!error <gram must be 'auto', 'on' or 'off'>
%! prob = gd_leastsq([ones(10, 1), (1:10)'], (1:10)');
%! prob.gram = 'maybe';
%! gd_run(prob, [0; 0]);

%!error <gram must be>
%! prob = gd_leastsq([ones(10, 1), (1:10)'], (1:10)');
%! prob.gram = [1 2];
%! gd_run(prob, [0; 0]);
