% test_cw_sparse.m - gd_leastsq and gd_logistic keep a sparse X sparse
% (issue 14, "Sparse design matrices"): the sparse path against the dense
% one on the same X (f, gradient, Hessian, gd_run's methods, gf_run, many
% starts), empty rows and columns, the constructor's L (never below
% lambda_max), the same bits for any number of threads, a 1e6 x 1e5 X with
% 10 nonzeros per row in bounded memory (child process), bad sparse input.
% Run: test('tests/m/test_cw_sparse.m').

%!function X = sp_data(m, p, dens, seed)
%! % a sparse m x p X: an intercept column, empty columns 3 and p-1, empty
%! % rows 2 and m-1; a Park-Miller LCG, the same numbers in MATLAB
%! s = seed; n = round(dens * m * p); U = zeros(3 * n, 1);
%! for k = 1:3 * n
%!   s = mod(16807 * s, 2147483647); U(k) = s / 2147483647;
%! end
%! i = 1 + floor(m * U(1:n)); j = 2 + floor((p - 1) * U(n + 1:2 * n));
%! v = 2 * U(2 * n + 1:3 * n) - 1;
%! keep = j ~= 3 & j ~= p - 1 & i ~= 2 & i ~= m - 1;
%! X = sparse(i(keep), j(keep), v(keep), m, p);
%! X(:, 1) = 1; X([2, m - 1], 1) = 0;
%!function y = labels(m)
%! y = double(mod((1:m)' * 7, 5) < 2);

%% ---- sparse vs dense on the same X ----------------------------------------
%!test
%! % least squares: f and gradient to 1e-13, Hessian, constants, description
%! X = sp_data(400, 9, 0.2, 11); Xf = full(X); y = sin((1:400)');
%! ps = gd_leastsq(X, y); pd = gd_leastsq(Xf, y);
%! assert (issparse (ps.X));
%! assert (~isempty (strfind (ps.description, 'X sparse')));
%! assert (ps.L, pd.L, 1e-14 * pd.L);
%! assert (ps.mu, pd.mu);
%! assert (ps.f_star, pd.f_star);
%! t = cos((1:9)');
%! [fs, gs, Hs] = gd_eval(ps, t); [fd, gd, Hd] = gd_eval(pd, t);
%! assert (abs(fs - fd) <= 1e-13 * abs(fd));
%! assert (norm(gs - gd, Inf) <= 1e-13 * norm(gd, Inf));
%! assert (norm(Hs - Hd, Inf) <= 1e-13 * norm(Hd, Inf));
%! assert (gs(3), 0);              % an empty column
%! assert (all (Hs(3, :) == 0));

%!test
%! % logistic with lambda: f, gradient, Hessian to 1e-13; L as the dense
%! X = sp_data(500, 8, 0.25, 12); y = labels(500);
%! ps = gd_logistic(X, y, 0.3); pd = gd_logistic(full(X), y, 0.3);
%! assert (issparse (ps.X));
%! assert (ps.L, pd.L, 1e-14 * pd.L);
%! assert (ps.f_star, pd.f_star);
%! t = 0.5 * cos((1:8)');
%! [fs, gs, Hs] = gd_eval(ps, t); [fd, gd, Hd] = gd_eval(pd, t);
%! assert (abs(fs - fd) <= 1e-13 * abs(fd));
%! assert (norm(gs - gd, Inf) <= 1e-13 * norm(gd, Inf));
%! assert (norm(Hs - Hd, Inf) <= 1e-13 * norm(Hd, Inf));
%! assert (gs(3), 0.3 / 500 * t(3), 1e-18);   % an empty column: the penalty alone

%!test
%! % gd_run: every method of the dense families gives the dense iterates
%! X = sp_data(300, 6, 0.3, 13); y = cos((1:300)'); yl = labels(300);
%! probs = {gd_leastsq(X, y), gd_leastsq(full(X), y); ...
%!          gd_logistic(X, yl, 0.1), gd_logistic(full(X), yl, 0.1)};
%! opts = {{'MaxIter', 200}, {'Method', 'nesterov', 'MaxIter', 200}, ...
%!         {'Method', 'heavyball', 'MaxIter', 200}, ...
%!         {'StepSize', 'backtracking', 'MaxIter', 100}, ...
%!         {'Method', 'nesterov', 'StepSize', 'backtracking', 'MaxIter', 100}, ...
%!         {'Method', 'natural', 'Metric', 'hessian', 'MaxIter', 20}, ...
%!         {'Method', 'proximal', 'MaxIter', 10}};
%! probs{1, 2}.gram = 'off';   % the dense path's one-pass evaluation, as the sparse one
%! for c = 1:2
%!   for k = 1:numel(opts)
%!     [ts, is] = gd_run(probs{c, 1}, zeros(6, 1), opts{k}{:}, 'History', 'full');
%!     [td, id] = gd_run(probs{c, 2}, zeros(6, 1), opts{k}{:}, 'History', 'full');
%!     tol = 1e-12;
%!     if c == 1 && k == 4
%!       % plain GD with backtracking here takes steps beyond 2/L along some
%!       % eigenvector: a last-bit difference grows ~7x per iteration (the
%!       % iterates agree to 7e-18 after 1 step, 9e-11 after 11)
%!       tol = 1e-9;
%!     end
%!     assert (is.iterations, id.iterations);
%!     assert (norm(ts - td) <= tol * max(norm(td), 1));
%!     assert (max(abs(is.theta(:) - id.theta(:))) <= tol * max(norm(td), 1));
%!   end
%! end
%! % the Fisher metric of the logistic family
%! [ts, is] = gd_run(probs{2, 1}, zeros(6, 1), 'Method', 'natural', 'Metric', 'fisher', 'MaxIter', 15);
%! [td, id] = gd_run(probs{2, 2}, zeros(6, 1), 'Method', 'natural', 'Metric', 'fisher', 'MaxIter', 15);
%! assert (norm(ts - td) <= 1e-12 * norm(td));

%!test
%! % many starts and gf_run
%! X = sp_data(250, 5, 0.3, 14); y = labels(250);
%! ps = gd_logistic(X, y); pd = gd_logistic(full(X), y);
%! T0 = [zeros(5, 1), ones(5, 1), -0.5 * ones(5, 1)];
%! [ts, is] = gd_run(ps, T0, 'MaxIter', 150); [td, id] = gd_run(pd, T0, 'MaxIter', 150);
%! assert (size(ts), [5, 3]);
%! assert (max(abs(ts(:) - td(:))) <= 1e-12 * max(abs(td(:))));
%! [t1, Th1] = gf_run(ps, ones(5, 1), [0, 5]); [t2, Th2] = gf_run(pd, ones(5, 1), [0, 5]);
%! assert (numel(t1), numel(t2));
%! assert (max(abs(Th1(:) - Th2(:))) <= 1e-11);
%! [t1, Th1] = gf_run(ps, ones(5, 1), [0, 2], 'Method', 'implicit', 'Step', 0.5);
%! [t2, Th2] = gf_run(pd, ones(5, 1), [0, 2], 'Method', 'implicit', 'Step', 0.5);
%! assert (max(abs(Th1(:) - Th2(:))) <= 1e-11);

%!test
%! % the Gram form is never used with a sparse X (field gram ignored)
%! X = sp_data(2000, 4, 0.3, 15); y = sin((1:2000)');
%! ps = gd_leastsq(X, y); ps.gram = 'on'; pd = gd_leastsq(full(X), y); pd.gram = 'off';
%! [ts, is] = gd_run(ps, zeros(4, 1), 'MaxIter', 50, 'GradTol', 0);
%! [td, id] = gd_run(pd, zeros(4, 1), 'MaxIter', 50, 'GradTol', 0);
%! assert (norm(ts - td) <= 1e-12 * norm(td));

%% ---- the constructor's constants beyond m*p = 5e6 ---------------------------
%!test
%! % p <= 500: L and mu from eig(X'X/m), theta_star from the normal equations
%! X = sp_data(200000, 30, 0.02, 16); y = cos((1:200000)');
%! ps = gd_leastsq(X, y);
%! G = full(X' * X) / 200000; ev = eig((G + G') / 2);
%! assert (ps.L, max(ev), 1e-13 * max(ev));
%! assert (ps.mu, 0);             % empty columns 3 and 29
%! assert (isempty (ps.theta_star));
%! assert (isnan (ps.f_star));
%! X(:, [3, 29]) = sprandn(200000, 2, 0.01) + 0 * X(:, [3, 29]);
%! ps = gd_leastsq(X, y);
%! th = full(X' * X) \ full(X' * y);
%! assert (ps.mu > 0);
%! assert (norm(ps.theta_star - th) <= 1e-9 * norm(th));
%! assert (ps.f_star, norm(X * ps.theta_star - y) ^ 2 / 4e5, 1e-14);

%!test
%! % p > 500: L is an upper bound of lambda_max(X'X)/m, never below it
%! % (tight for X >= 0), for signed and non-negative X
%! X = abs(sp_data(12000, 600, 0.01, 17)); y = labels(12000);
%! lmax = max(eig(full(X' * X))) / 12000;
%! pl = gd_leastsq(X, y);
%! assert (pl.L >= lmax);
%! assert (pl.L <= lmax * (1 + 1e-6));
%! assert (isempty (pl.theta_star));
%! assert (isnan (pl.f_star));
%! assert (pl.mu, 0);            % empty columns
%! pg = gd_logistic(X, y, 2);
%! assert (pg.L >= lmax / 4 + 2 / 12000);
%! Xs = sp_data(12000, 600, 0.01, 18);
%! ps = gd_leastsq(Xs, y);
%! assert (ps.L >= max(eig(full(Xs' * Xs))) / 12000);
%! assert (~isempty (strfind (ps.description, 'upper bound')));
%! % a 1/L step is stable: f decreases monotonically
%! [~, info] = gd_run(ps, zeros(600, 1), 'MaxIter', 30, 'GradTol', 0, 'History', 'f');
%! assert (all (diff(info.f) <= 0));

%% ---- threads: the same bits --------------------------------------------------
%!test
%! X = sp_data(60000, 40, 0.1, 19); y = labels(60000);
%! p = gd_logistic(X, y, 0.5);
%! T0 = 0.1 * ones(40, 1);
%! p.threads = 1; [f1, g1] = gd_eval(p, T0); t1 = gd_run(p, T0, 'MaxIter', 20, 'GradTol', 0);
%! for nt = [2, 3, 0]
%!   p.threads = nt; [f2, g2] = gd_eval(p, T0); t2 = gd_run(p, T0, 'MaxIter', 20, 'GradTol', 0);
%!   assert (isequal (f1, f2) && isequal (g1, g2) && isequal (t1, t2));
%! end

%% ---- 1e6 x 1e5, 10 nonzeros per row: bounded memory, seconds ---------------
%!test
%! code = {
%!   'm = 1e6; p = 1e5; i = repmat((1:m)'', 10, 1);'
%!   'j = 1 + mod(i * 7919 + kron((0:9)'', ones(m, 1)) * 1009, p);'
%!   'X = sparse(i, j, 1 + mod(i + j, 4) / 4, m, p); clear i j'
%!   'y = double(mod((1:m)'', 3) == 0);'
%!   't0 = tic; P = gd_leastsq(X, y); Q = gd_logistic(X, y);'
%!   '[th, info] = gd_run(P, zeros(p, 1), ''MaxIter'', 5, ''GradTol'', 0);'
%!   '[th2, info2] = gd_run(Q, zeros(p, 1), ''MaxIter'', 5, ''GradTol'', 0);'
%!   'tt = toc(t0);'
%!   '[~, s] = system(sprintf(''grep VmHWM /proc/%d/status'', getpid()));'
%!   'fprintf(''RESULT %d %d %d %.17g %.17g %.3f %s\n'', issparse(P.X), issparse(Q.X), info.iterations, info.fval, info2.fval, tt, s);'
%!   };
%! out = gdf_test_child(code, 240);
%! r = regexp(out.text, 'RESULT (\d) (\d) (\d+) (\S+) (\S+) (\S+) VmHWM:\s*(\d+)', 'tokens', 'once');
%! assert (~out.timedout && numel(r) == 7, out.text);
%! assert (str2double(r{1}) == 1 && str2double(r{2}) == 1);   % X stays sparse
%! assert (str2double(r{3}), 5);
%! assert (str2double(r{4}) < 0.5 * 1 / 3);            % f(0) = mean(y.^2)/2 = 1/6
%! assert (str2double(r{5}) < log(2));
%! assert (str2double(r{6}) < 120);                     % seconds, on a loaded machine
%! assert (str2double(r{7}) < 3e6);                     % kB: dense X would be 800 GB

%% ---- bad sparse input ----------------------------------------------------------
%!error id=gdflow:gd_leastsq:nonFinite gd_leastsq(sparse([1 NaN; 0 1; 1 1]), [1; 2; 3])
%!error id=gdflow:gd_logistic:nonFinite gd_logistic(sparse([1 Inf; 0 1; 1 1]), [1; 0; 1])
%!error id=gdflow:gd_leastsq:complex gd_leastsq(sparse([1 1i; 0 1; 1 1]), [1; 2; 3])
%!error id=gdflow:gd_leastsq:badSize gd_leastsq(sparse([1 2; 0 1; 1 1]), [1; 2])
%!error id=gdflow:gd_logistic:badSize gd_logistic(sparse([1 2; 0 1; 1 1]), [1; 0; 1; 1])
%!error id=gdflow:gd_logistic:badLabels gd_logistic(sparse([1 2; 0 1; 1 1]), [1; 0; 2])
%!error id=gdflow:gd_logistic:badLambda gd_logistic(sparse([1 2; 0 1; 1 1]), [1; 0; 1], -1)
%!test
%! % a logical sparse X is converted to a sparse double (as a logical full X is): same problem
%! p1 = gd_leastsq(sparse([true false; true true]), [1; 2]);
%! p2 = gd_leastsq(sparse([1 0; 1 1]), [1; 2]);
%! assert (issparse(p1.X) && isa(p1.X, 'double'));
%! assert (p1.theta_star, p2.theta_star, 0);
%! assert (p1.L, p2.L, 0);
%!test
%! % a hand-made struct reaching the gateway with a bad sparse X
%! p = gd_leastsq(sparse([1 2; 0 1; 1 1]), [1; 2; 3]);
%! q = p; q.X(2, 2) = NaN;
%! assert (issparse (q.X));
%! try, gd_run(q, [0; 0]); err = ''; catch e, err = e.identifier; end
%! assert (err, 'gdflow:gd_run:nonFinite');
%! q = p; q.X = complex(q.X, q.X);
%! try, gd_eval(q, [0; 0]); err = ''; catch e, err = e.identifier; end
%! assert (any (strcmp (err, {'gdflow:gd_eval:complex', 'gdflow:gd_eval:notDouble'})));
%! q = p; q.y = [1; 2];
%! try, gf_run(q, [0; 0], [0 1]); err = ''; catch e, err = e.identifier; end
%! assert (err, 'gdflow:gf_run:badProblem');
%! q = gd_logistic(sparse([1 2; 0 1; 1 1]), [1; 0; 1]); q.y = [1; 0; 3];
%! try, gd_run(q, [0; 0]); err = ''; catch e, err = e.identifier; end
%! assert (err, 'gdflow:gd_run:badProblem');
%!test
%! % 'fisher' / 'hessian' with a sparse X: offered up to 2000 columns, then a
%! % clear error instead of a dense p x p factorization at every step
%! q = gd_logistic(sparse([1 2; 0 1; 1 1]), [1; 0; 1]);
%! q.X = sparse([1 1 1], [1 2 2001], [1 2 3], 3, 2001); q.d = 2001;
%! try, gd_run(q, zeros(2001, 1), 'Method', 'natural', 'Metric', 'fisher'); err = ''; catch e, err = e.identifier; end
%! assert (err, 'gdflow:gd_run:badMetric');
%! try, gf_run(q, zeros(2001, 1), [0 1], 'Method', 'natural', 'Metric', 'hessian'); err = ''; catch e, err = e.identifier; end
%! assert (err, 'gdflow:gf_run:badMetric');
%! [~, info] = gd_run(q, zeros(2001, 1), 'Method', 'nesterov', 'MaxIter', 5);
%! assert (info.iterations, 5);
