% Tests of issue 14, "performance a course at scale sees" (helper lsqperf):
% gd_leastsq forms X'X/m once in C and derives L, mu, theta_star (Cholesky
% with refinement, X\y or pinv where that is not accurate) and f_star from
% it; it hands G and a first anchor to gd_run/gf_run/gd_eval through the
% fields G, Gkey, Ganchor, used only while the fingerprint Gkey matches X,
% y, G and Ganchor; and the first calls on a 1e5 x 3 problem give the same
% numbers as later ones.  No timings are asserted (bench_coursework_scale).
% Run: octave-cli --eval "addpath m tests/m; test tests/m/test_cw_lsqperf.m"

%!function [X, y] = lsdata(n, p, kappa, seed)
%!  randn('seed', seed);
%!  [U, ~] = qr(randn(n, p), 0);
%!  [V, ~] = qr(randn(p));
%!  X = U * diag(logspace(0, -log10(kappa), p)) * V' * sqrt(n);
%!  y = X * randn(p, 1) + 1e-2 * randn(n, 1);
%!endfunction

%!test
%! % theta_star and f_star as accurate as X\y from well- to ill-conditioned
%! % X (condition numbers 1 to 1e7: Cholesky with refinement up to 1e4, X\y
%! % beyond); L and mu the extreme eigenvalues of X'X/m
%! for kappa = [1 1e2 1e3 3e3 1e4 1e5 1e7]
%!   [X, y] = lsdata(3000, 7, kappa, 1);
%!   p = gd_leastsq(X, y);
%!   ref = X \ y;  r = X * ref - y;  fr = (r' * r) / 6000;
%!   assert (norm(p.theta_star - ref) <= 1e-15 * kappa ^ 2 * norm(ref) + 1e-13 * norm(ref));
%!   assert (abs(p.f_star - fr) <= 1e-12 * fr);
%!   r2 = X * p.theta_star - y;
%!   assert (p.f_star, (r2' * r2) / 6000, 1e-13 * fr);
%!   e = eig(X' * X / 3000);
%!   assert (p.L, max(e), 1e-12 * max(e));
%!   assert (p.mu, min(e), 1e-9 * max(e));
%! end

%!test
%! % the cache: G = X'X/m, Gkey uint64 1x8, Ganchor [theta; g; f] of an
%! % exact pass; [] for other families and for a rank-deficient X's anchor
%! [X, y] = lsdata(2000, 5, 10, 2);
%! p = gd_leastsq(X, y);
%! assert (p.G, X' * X / 2000, 1e-14 * norm(X' * X / 2000, Inf));
%! assert (isequal (p.G, p.G'));
%! assert (isa(p.Gkey, 'uint64') && isequal (size(p.Gkey), [1 8]));
%! assert (size(p.Ganchor), [11 1]);
%! th = p.Ganchor(1:5);  r = X * th - y;
%! assert (p.Ganchor(11), (r' * r) / 4000, 1e-13 * p.Ganchor(11));
%! assert (p.Ganchor(6:10), X' * r / 2000, 1e-12 * norm(X' * r / 2000) + 1e-15);
%! q = gd_quadratic(eye(2), [1; 1]);
%! assert (isempty(q.G) && isempty(q.Gkey) && isempty(q.Ganchor));
%! assert (isequal (fieldnames(q), fieldnames(p)));
%! pr = gd_leastsq([X(:, 1:4), X(:, 4)], y);
%! assert (pr.mu, 0);  assert (isempty(pr.Ganchor));
%! assert (pr.theta_star, pinv([X(:, 1:4), X(:, 4)]) * y, 1e-10);

%!test
%! % the handed G and anchor give the one-pass path's iterates (1e-10) and f
%! % against the exact residual, in gd_run, gf_run and gd_eval
%! [X, y] = lsdata(20000, 10, 30, 3);
%! prob = gd_leastsq(X, y);
%! opts = {'StepSize', 1 / prob.L, 'MaxIter', 300, 'GradTol', 0, 'History', 'full'};
%! poff = prob;  poff.gram = 'off';
%! [t1, i1] = gd_run(prob, zeros(10, 1), opts{:});
%! [t3, i3] = gd_run(poff, zeros(10, 1), opts{:});
%! assert (max(abs(i1.theta(:) - i3.theta(:))) <= 1e-10 * max(abs(i3.theta(:))));
%! assert (max(abs(i1.f - i3.f) ./ i3.f) <= 1e-10);
%! for k = [1 2 50 301]
%!   r = X * i1.theta(:, k) - y;
%!   assert (abs(i1.f(k) - (r' * r) / 40000) <= 1e-10 * i1.f(k));
%! end
%! [~, Y1] = gf_run(prob, zeros(10, 1), [0 1 5], 'Method', 'euler', 'Step', 0.1);
%! [~, Y2] = gf_run(poff, zeros(10, 1), [0 1 5], 'Method', 'euler', 'Step', 0.1);
%! assert (max(abs(Y1(:) - Y2(:))) <= 1e-10 * max(abs(Y2(:))));
%! T = randn(10, 3);
%! [f, g] = gd_eval(prob, T);
%! for j = 1:3
%!   r = X * T(:, j) - y;
%!   assert (abs(f(j) - (r' * r) / 40000) <= 1e-10 * f(j));
%!   assert (norm(g(:, j) - X' * r / 20000) <= 1e-10 * norm(X' * r / 20000));
%! end

%!test
%! % editing X, y, G or Ganchor after the constructor: the fingerprint no
%! % longer matches and the run forms its own (f is the edited problem's);
%! % a G of the wrong size or class, or none, is ignored; lambda set later
%! % gets its term
%! [X, y] = lsdata(8000, 6, 10, 4);
%! p = gd_leastsq(X, y);
%! t = randn(6, 1);
%! fx = @(X, y) sum((X * t - y) .^ 2) / 16000;
%! q = p;  q.X(17, 3) = q.X(17, 3) + 1;
%! assert (abs(gd_eval(q, t) - fx(q.X, y)) <= 1e-10 * fx(q.X, y));
%! q = p;  q.X = 2 * q.X;
%! assert (abs(gd_eval(q, t) - fx(2 * X, y)) <= 1e-10 * fx(2 * X, y));
%! q = p;  q.y = q.y + 1;
%! assert (abs(gd_eval(q, t) - fx(X, y + 1)) <= 1e-10 * fx(X, y + 1));
%! q = p;  q.X([1 2], :) = q.X([2 1], :);           % two rows swapped
%! assert (abs(gd_eval(q, t) - fx(q.X, y)) <= 1e-10 * fx(q.X, y));
%! q = p;  q.G = 2 * q.G;                            % an edited G is not used
%! assert (abs(gd_eval(q, t) - fx(X, y)) <= 1e-10 * fx(X, y));
%! [~, ~, H] = gd_eval(q, t);
%! assert (H, X' * X / 8000, 1e-12 * norm(X' * X / 8000, Inf));
%! q = p;  q.Ganchor(end) = 0;                       % an edited anchor is not used
%! assert (abs(gd_eval(q, t) - fx(X, y)) <= 1e-10 * fx(X, y));
%! bad = {[], zeros(3), NaN(6), single(p.G), sparse(p.G), 'G', {p.G}};
%! for i = 1:numel(bad)
%!   q = p;  q.G = bad{i};
%!   assert (abs(gd_eval(q, t) - fx(X, y)) <= 1e-10 * fx(X, y));
%! end
%! keys = {[], uint64(1:8), p.Gkey(1:6), double(p.Gkey), 'k'};
%! for i = 1:numel(keys)
%!   q = p;  q.Gkey = keys{i};  q.G = NaN(6);
%!   assert (abs(gd_eval(q, t) - fx(X, y)) <= 1e-10 * fx(X, y));
%! end
%! q = rmfield(p, {'G', 'Gkey', 'Ganchor'});
%! assert (abs(gd_eval(q, t) - fx(X, y)) <= 1e-10 * fx(X, y));
%! q = p;  q.lambda = 3;
%! fl = fx(X, y) + 3 / 16000 * sum(t(2:end) .^ 2);
%! assert (abs(gd_eval(q, t) - fl) <= 1e-10 * fl);

%!test
%! % input checks as before: a NaN/Inf in X or y; finite entries whose sum
%! % overflows are finite (gdf_check_matrix's quick sum falls back)
%! X = [ones(6, 1), (1:6)'];  y = (1:6)';
%! Xb = X;  Xb(4, 2) = NaN;
%! try, gd_leastsq(Xb, y); error('no error'); catch err, assert (err.identifier, 'gdflow:gd_leastsq:nonFinite'); end
%! Xb = X;  Xb(2, 1) = -Inf;
%! try, gd_leastsq(Xb, y); error('no error'); catch err, assert (err.identifier, 'gdflow:gd_leastsq:nonFinite'); end
%! try, gd_leastsq(X, [y(1:5); Inf]); error('no error'); catch err, assert (err.identifier, 'gdflow:gd_leastsq:nonFinite'); end
%! q = gd_quadratic(diag([1e308 1e308]), [1; 1]);
%! assert (q.L, 1e308);

%!test
%! % the first calls in a fresh session (issue 14: they took ~20 ms, later
%! % ones ~1.3 ms): correctness only; the same bits in the first and the
%! % tenth call, and for 1, 2 threads and automatic
%! code = {'randn(''seed'', 5); n = 1e5; X = [ones(n, 1), randn(n, 2)]; y = X * [1; 2; 3] + randn(n, 1);', ...
%!         'q = gd_leastsq(X, y); T = zeros(3, 10); F = zeros(1, 10);', ...
%!         'for k = 1:10, [T(:, k), info] = gd_run(q, zeros(3, 1), ''StepSize'', 0.5, ''MaxIter'', 100, ''GradTol'', 0); F(k) = gd_eval(q, [0.1; 0.2; 0.3]); end', ...
%!         'ok = all(all(T == T(:, 1))) && all(F == F(1));', ...
%!         'for nt = [1 2 0], q.threads = nt; t = gd_run(q, zeros(3, 1), ''StepSize'', 0.5, ''MaxIter'', 100, ''GradTol'', 0); ok = ok && isequal(t, T(:, 1)) && gd_eval(q, [0.1; 0.2; 0.3]) == F(1); end', ...
%!         'ok = ok && norm(T(:, 1) - X \ y) < 1e-8 * norm(X \ y);', ...
%!         'printf(''RESULT %d\n'', ok);'};
%! r = gdf_test_child(code, 120);
%! assert (~r.timedout, r.text);
%! assert (~isempty(strfind(r.text, 'RESULT 1')), r.text);
