% test_trust_forklog.m - issue 12 ("Trust"): the threaded pass in a fork()
% child, and constructors that never guess f_star / theta_star.
% Run: octave-cli --eval "addpath([pwd '/m'], [pwd '/tests/m']); test tests/m/test_trust_forklog.m"

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%% ---- fork(): the threaded least-squares pass in a child --------------------
%!testif ; isunix() && exist('fork') ~= 0 && exist(fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), 'file') == 2 && system('command -v timeout > /dev/null') == 0
%! % A parent that used the 2-thread pass on 300000 x 4 data forks (Octave's
%! % own fork()); the child computes the same gd_eval (its gateway loaded in
%! % the parent) and a gd_run (a gateway loaded for the first time in the
%! % child).  Used to hang forever in libgomp.  The whole scenario runs in a
%! % child octave-cli under timeout -s KILL, the parent polls waitpid with a
%! % deadline and kills a hung child, so a regression fails, never hangs.
%! root = make_absolute_filename(fileparts(which('gd_run')));
%! d = tempname(); mkdir(d);
%! c = onCleanup(@() confirm_recursive_rmdir(false, 'local') + rmdir(d, 's'));
%! script = fullfile(d, 'forkcase.m'); res = fullfile(d, 'child.bin');
%! fid = fopen(script, 'w');
%! fprintf(fid, 'addpath(''%s'');\n', root);
%! fprintf(fid, 'randn(''state'', 12); m = 300000; X = [ones(m, 1), randn(m, 3)]; y = X * [1; -2; 0.5; 3] + randn(m, 1);\n');
%! fprintf(fid, 'p = gd_leastsq(X, y); p.threads = 2; th = [0.1; 0.2; 0.3; 0.4];\n');
%! fprintf(fid, 'yl = double(rand(m, 1) < 0.5); pl = gd_logistic(X(:, 1:3), yl); pl.threads = 2;\n');
%! fprintf(fid, '[f0, g0] = gd_eval(p, th); [f0l, g0l] = gd_eval(pl, th(1:3));\n');
%! fprintf(fid, 'pid = fork();\n');
%! fprintf(fid, 'if pid == 0\n');
%! fprintf(fid, '  [f, g] = gd_eval(p, th); [fl, gl] = gd_eval(pl, th(1:3));\n');
%! fprintf(fid, '  code = 2 * ~(isequal(f, f0) && isequal(g, g0)) + 4 * ~(isequal(fl, f0l) && isequal(gl, g0l));\n');
%! fprintf(fid, '  thr = gd_run(p, th, ''StepSize'', 0.1, ''MaxIter'', 5);\n');
%! fprintf(fid, '  save(''-binary'', ''%s'', ''thr'');\n', res);
%! fprintf(fid, '  exit(code);\n');
%! fprintf(fid, 'end\n');
%! fprintf(fid, 't0 = tic; q = 0;\n');
%! fprintf(fid, 'while toc(t0) < 40\n');
%! fprintf(fid, '  [q, st] = waitpid(pid, WNOHANG());\n');
%! fprintf(fid, '  if q == pid, break; end\n');
%! fprintf(fid, '  pause(0.02);\n');
%! fprintf(fid, 'end\n');
%! fprintf(fid, 'if q ~= pid, kill(pid, 9); waitpid(pid); printf(''CHILD HUNG\\n''); exit(9); end\n');
%! fprintf(fid, 'printf(''CHILD EXITED %%d CODE %%d\\n'', WIFEXITED(st), WEXITSTATUS(st));\n');
%! fprintf(fid, 'thp = gd_run(p, th, ''StepSize'', 0.1, ''MaxIter'', 5); s = load(''%s'');\n', res);
%! fprintf(fid, 'printf(''RUN SAME %%d\\n'', isequal(s.thr, thp));\n');
%! fclose(fid);
%! t0 = tic;
%! [st, out] = system(sprintf('timeout -s KILL 60 %s --no-gui --norc %s 2>&1', ...
%!                            fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), script));
%! assert (isempty(strfind(out, 'CHILD HUNG')), out);
%! assert (~isempty(strfind(out, 'CHILD EXITED 1 CODE 0')), out);  % f and g: the parent's bits
%! assert (~isempty(strfind(out, 'RUN SAME 1')), out);            % gd_run first loaded in the child
%! assert (st == 0, 'child octave-cli failed: %s', out);
%! assert (toc(t0) < 55);

%% ---- gd_logistic: f_star / theta_star established, never guessed -----------
%!test
%! % large non-separable data (random labels, lambda = 0): f* ~ log 2.  The old
%! % Newton solve stalled at |g| ~ 5e-9 (absolute tolerance 1e-10 below the
%! % rounding of the line search on f) and the fallback said "separable":
%! % f_star = 0, theta_star = [].
%! rand('seed', 3); randn('seed', 3);
%! m = 1.5e5; X = [ones(m, 1), randn(m, 2)]; y = double(rand(m, 1) < 0.5);
%! p = gd_logistic(X, y);
%! assert (numel(p.theta_star), 3);
%! assert (abs(p.f_star - log(2)) < 1e-3);
%! [f, g] = gd_eval(p, p.theta_star);
%! assert (abs(f - p.f_star) <= 1e-13 * p.f_star);
%! % gradient at its rounding level: sqrt(m)*eps*|X(:,j)|*|s-y|/m ~ 1e-13
%! assert (norm(g) < 32 * sqrt(m) * eps * norm(sqrt(sum(X .^ 2))) * 0.5 / sqrt(m));
%! assert (~isempty(strfind(p.description, 'theta_star from Newton')));
%!test
%! % separable (lambda = 0): no minimizer, the infimum 0
%! randn('seed', 5); X = [ones(200, 1), randn(200, 2)]; y = double(X(:, 2) + 0.3 * X(:, 3) > 0.1);
%! p = gd_logistic(X, y);
%! assert (p.f_star, 0);
%! assert (isempty(p.theta_star));
%! assert (~isempty(strfind(p.description, 'separable')));
%! % nearly separable (one label flipped): a minimizer far out, found
%! k = find(y == 1, 1); y(k) = 0;
%! q = gd_logistic(X, y);
%! assert (numel(q.theta_star), 3);
%! assert (q.f_star > 0 && q.f_star < 0.1);
%! [f, g] = gd_eval(q, q.theta_star);
%! assert (norm(g) < 1e-12);
%! assert (abs(f - q.f_star) <= 1e-14);
%! % lambda > 0: always a minimizer here (the ones column does not separate)
%! r = gd_logistic(X, double(X(:, 2) > 0.1), 1);
%! assert (numel(r.theta_star), 3);
%! [f, g] = gd_eval(r, r.theta_star);
%! assert (norm(g) < 1e-12);
%! assert (r.f_star, f, 1e-14);
%! % lambda > 0 with the unpenalized intercept alone separating (all y = 1):
%! % no minimizer, infimum 0
%! s = gd_logistic(X, ones(200, 1), 1);
%! assert (s.f_star, 0);
%! assert (isempty(s.theta_star));
%!test
%! % quasi-complete separation (two rows on the boundary with both labels,
%! % the rest separated): no minimizer, and f tends to 2*log(2)/6 only in
%! % the limit; the gradient at Newton's last iterate is at rounding level
%! % only because the other rows are saturated.  Not a minimizer: NaN.
%! X = [ones(6, 1), [-2; -1; 0; 0; 1; 2]]; y = [0; 0; 0; 1; 1; 1];
%! p = gd_logistic(X, y);
%! assert (isnan(p.f_star));
%! assert (isempty(p.theta_star));
%! assert (~isempty(strfind(p.description, 'quasi-complete separation')));
%! % unscaled features (coursework-style scores 30..100) and a duplicated
%! % column (rank-deficient X): minimizers, gradient at rounding level
%! randn('seed', 9); rand('seed', 9);
%! s = 30 + 70 * rand(100, 2); y = double(s(:, 1) + s(:, 2) + 15 * randn(100, 1) > 130);
%! for X = {[ones(100, 1), s], [ones(100, 1), s(:, 1), s(:, 1)]}
%!   q = gd_logistic(X{1}, y);
%!   assert (numel(q.theta_star), 3);
%!   [f, g] = gd_eval(q, q.theta_star);
%!   assert (norm(g) < 1e-12);
%!   assert (f, q.f_star, 1e-14);
%! end
%!test
%! % too costly to solve (m*p^2 > 2e8): f_star unknown, NaN, never a guess
%! randn('seed', 1); X = randn(20001, 100); y = double(rand(20001, 1) < 0.5);
%! p = gd_logistic(X, y);
%! assert (isnan(p.f_star));
%! assert (isempty(p.theta_star));
%! assert (~isempty(strfind(p.description, 'unknown')));

%% ---- the same class: gd_quadratic and gd_leastsq reference values ----------
%!test
%! % singular PSD A, b not in its range: unbounded below, at any scale (an
%! % absolute 1e-8 range test called these "in range", finite f_star)
%! q = gd_quadratic(1e-12 * [1 0; 0 0], [1e-12; 1e-9]);
%! assert (q.f_star, -Inf); assert (isempty(q.theta_star));
%! q = gd_quadratic([1 0; 0 0], [1; 1e-9]);
%! assert (q.f_star, -Inf); assert (isempty(q.theta_star));
%! % b in the range (to rounding): a minimizer, f_star = f(theta_star)
%! q = gd_quadratic([1 0; 0 0], [1; 0]);
%! assert (q.f_star, -0.5); assert (q.theta_star, [1; 0]);
%! randn('seed', 7); B = randn(5, 3); A = B * B'; b = A * randn(5, 1);
%! q = gd_quadratic(A, b);
%! assert (norm(A * q.theta_star - b) < 1e-12 * norm(b));
%! assert (q.f_star, -0.5 * b' * q.theta_star, 1e-12 * abs(q.f_star));
%! % mu = 0 everywhere: A = 0 with b = 0 (every point a minimizer), b ~= 0 (unbounded)
%! q = gd_quadratic(zeros(2), [0; 0], 3);
%! assert (q.f_star, 3);
%! q = gd_quadratic(zeros(2), [0; 1e-20]);
%! assert (q.f_star, -Inf);
%!test
%! % rank-deficient least squares: theta_star a minimizer (gradient at
%! % rounding), f_star its value, no warning escapes
%! X = [1 1; 1 1; 1 1]; y = [1; 2; 3];
%! lastwarn('');
%! p = gd_leastsq(X, y);
%! assert (isempty(lastwarn()));
%! assert (p.f_star, 1 / 3, 1e-15);
%! assert (p.theta_star, [1; 1], 1e-14);
%! [f, g] = gd_eval(p, p.theta_star);
%! assert (norm(g) < 1e-14); assert (f, p.f_star, 1e-15);
