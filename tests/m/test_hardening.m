% Hardening (issue 7): edge cases with a defined outcome, divergence and
% non-finite values, faults in user handles, nested runs, MaxTime, outputs
% refused before allocation, gateway leaks and Ctrl-C.
% tests/README.md says what each outcome is and why; tests/fuzz/ holds the
% fuzz harness and the long leak check.
% Run: octave-cli --eval "addpath([pwd '/m'], [pwd '/tests/m']); test tests/m/test_hardening.m"

%!function f = nan_when_close(t)
%!  % finite far from the minimiser, NaN once the iterates come close
%!  if norm(t) < 0.5
%!    f = NaN;
%!  else
%!    f = sum(t .^ 2);
%!  end
%!endfunction

%!function f = throw_when_close(t)
%!  if norm(t) < 0.5
%!    error('hardening:objective', 'objective failed at |theta| = %.3f', norm(t));
%!  end
%!  f = sum(t .^ 2);
%!endfunction

%!function [f, g] = slow_objective(t)
%!  pause(0.02);
%!  f = sum(t .^ 2);
%!  g = 2 * t;
%!endfunction

%!function [f, g] = nested_objective(t)
%!  % f(t) = |t - s(t)|^2 with s(t) = 5 GD steps on a fixed quadratic from t
%!  q = gd_quadratic([3 1; 1 2], [1; 1]);
%!  s = gd_run(q, t, 'StepSize', 0.1, 'MaxIter', 5, 'GradTol', 0);
%!  [~, T] = gf_run(q, t, [0 0.5], 'Method', 'rk4', 'Step', 0.1);
%!  s = s + 0 * T(end, :)';
%!  f = sum((t - s) .^ 2);
%!  g = 2 * (t - s);
%!endfunction

%!function stop = nested_outfcn(theta, ov, state)
%!  global HARDENING_NESTED
%!  q = gd_quadratic([3 1; 1 2], [1; 1]);
%!  [th, info] = gd_run(q, [2; 1], 'StepSize', 0.4);
%!  HARDENING_NESTED(end + 1, :) = [th', info.iterations, ov.iteration];
%!  stop = false;
%!endfunction

%!function restore_dir_path(d, p, w)
%!  cd(d);
%!  path(p);
%!  warning(w);
%!endfunction

%!function kb = rss_kb()
%!  txt = fileread('/proc/self/status');
%!  tok = regexp(txt, 'VmRSS:\s*(\d+)', 'tokens', 'once');
%!  kb = str2double(tok{1});
%!endfunction

%% ---- d = 1 and d = 0 ------------------------------------------------------
%!test
%! % d = 1 works everywhere: f = x^2 - x, minimiser 1/2
%! q = gd_quadratic(2, 1);
%! assert ([q.L, q.mu, q.theta_star], [2, 2, 0.5]);
%! [th, info] = gd_run(q, 3);
%! assert (th, 0.5, 1e-15); assert (info.exitflag, 1);
%! [th, info] = gd_run(@(t) deal(t ^ 2 - t, 2 * t - 1), 3, 'StepSize', 0.25, 'GradTol', 1e-12);
%! assert (th, 0.5, 1e-12); assert (info.exitflag, 1);
%! [t, T] = gf_run(q, 3, [0 1 2]);
%! assert (T, 0.5 + 2.5 * exp(-2 * [0; 1; 2]), 1e-5);
%! assert (gf_exact(2, 1, 3, [0 1 2]), 0.5 + 2.5 * exp(-2 * [0; 1; 2]), 1e-14);
%! [f, g, H] = gd_eval(q, 3);
%! assert ([f, g, H], [6, 5, 2]);
%! th = gd_run(gd_leastsq([1; 2; 3], [2; 4; 6]), 0, 'MaxIter', 200);
%! assert (th, 2, 1e-10);
%!error id=gdflow:gd_run:badSize gd_run(gd_quadratic(2), zeros(0, 1))
%!error id=gdflow:gd_run:badSize gd_run(@(t) deal(0, t), [])
%!error id=gdflow:gf_run:badSize gf_run(gd_quadratic(2), zeros(1, 0), [0 1])
%!error id=gdflow:gd_quadratic:notSquare gd_quadratic([])
%!error id=gdflow:gd_leastsq:badSize gd_leastsq(zeros(3, 0), [1; 2; 3])
%!error id=gdflow:gf_exact:notSquare gf_exact([], [], [], 1)
%!error id=gdflow:gd_eval:badSize gd_eval(@(t) deal(0, t), zeros(0, 3))

%% ---- spectra, singular and rank-deficient problems -------------------------
%!test
%! % eigenvalues 1e-12 .. 1e12 (condition number 1e24): every method stays
%! % finite and GD with 1/L decreases f monotonically
%! [Q, ~] = qr(reshape(sin(1:36), 6, 6));
%! lam = logspace(-12, 12, 6)';
%! A = Q * diag(lam) * Q'; A = (A + A') / 2;
%! q = gd_quadratic(A, Q * ones(6, 1));
%! assert (q.L, 1e12, 1e-3 * 1e12);
%! [th, info] = gd_run(q, ones(6, 1), 'MaxIter', 500, 'GradTol', 0);
%! assert (all(isfinite(th)) && all(isfinite(info.f)));
%! assert (all(diff(info.f) <= 1e-9 * abs(info.f(1:end - 1))));
%! [t, T, ii] = gf_run(q, ones(6, 1), [0 1], 'Method', 'implicit', 'Step', 0.1);
%! assert (all(isfinite(T(:))) && ii.exitflag == 1);
%! T = gf_exact(q, ones(6, 1), [0 1 1e6]);
%! assert (all(isfinite(T(:))));
%! % the component along lambda = 1e12 is gone at t = 1, the 1e-12 one is not
%! z = Q' * T(2, :)' - 1 ./ lam .* ones(6, 1);
%! z0 = Q' * ones(6, 1) - 1 ./ lam;
%! assert (abs(z(6)) < 1e-12 * abs(z0(6)) + 1e-15);
%! assert (z(1), z0(1) * exp(-1e-12), 1e-9 * abs(z0(1)));
%!test
%! % singular PSD A in gf_exact: b outside the range of A drifts at speed
%! % |c| along the null space (exactly t*c), b inside converges
%! A = [2 0; 0 0];
%! T = gf_exact(A, [2; 3], [0; 0], [0 1 10 1e6]);
%! assert (T(:, 2), 3 * [0; 1; 10; 1e6], 1e-12 * 3e6);
%! assert (T(:, 1), 1 - exp(-2 * [0; 1; 10; 1e6]), 1e-14);
%! T = gf_exact(A, [2; 0], [0; 5], [0 1 100]);
%! assert (T, [1 - exp(-2 * [0; 1; 100]), [5; 5; 5]], 1e-14);
%! K = gf_exact(A, [2; 3], [0; 0], [0 1 1e6], 'Iterates', 0.25);
%! assert (K(:, 2), 0.75 * [0; 1; 1e6], 1e-9);
%! q = gd_quadratic(A, [2; 3]);
%! assert (q.f_star, -Inf); assert (isempty(q.theta_star)); assert (q.mu, 0);
%!test
%! % rank-deficient X in gd_leastsq: mu = 0, theta_star the minimum-norm
%! % solution, and GD from 0 (which stays in the row space) converges to it
%! X = [1 2; 2 4; 3 6]; y = [1; 2; 2];
%! p = gd_leastsq(X, y);
%! assert (p.mu, 0);
%! assert (p.theta_star, pinv(X) * y, 1e-12);
%! [th, info] = gd_run(p, [0; 0], 'MaxIter', 5000, 'GradTol', 1e-13);
%! assert (info.exitflag, 1);
%! assert (th, pinv(X) * y, 1e-10);
%!test
%! % separable data in gd_logistic: no minimiser (theta_star empty, f_star 0);
%! % GD reports it by running out of iterations with f -> 0 and |theta|
%! % growing without bound; nothing overflows, no warning
%! X = [ones(6, 1), [-3; -2; -1; 1; 2; 3]]; y = [0; 0; 0; 1; 1; 1];
%! p = gd_logistic(X, y);
%! assert (isempty(p.theta_star)); assert (p.f_star, 0);
%! lastwarn('');
%! [th, info] = gd_run(p, [0; 0], 'MaxIter', 20000, 'GradTol', 0, 'History', 'full');
%! assert (isempty(lastwarn()));
%! assert (info.exitflag, 0);
%! assert (all(isfinite(info.theta(:))) && all(isfinite(info.f)));
%! nrm = sqrt(sum(info.theta .^ 2, 1));
%! assert (all(diff(nrm(2:end)) > 0));       % grows at every step
%! assert (all(diff(info.f) < 0)); assert (info.f(end) < 1e-3);
%! % backtracking goes further (to the underflow of f) and stops there
%! [th, info] = gd_run(p, [0; 0], 'StepSize', 'backtracking', 'MaxIter', 1e6, 'GradTol', 0);
%! assert (any(info.exitflag == [0 2])); assert (all(isfinite(th)));
%! assert (norm(th) > 100);

%% ---- denormals and huge values ---------------------------------------------
%!test
%! % denormal starting points, steps and matrix entries are ordinary numbers
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th, info] = gd_run(q, [1e-310; -1e-310]);
%! assert (th, q.theta_star, 1e-8); assert (info.exitflag, 1);
%! [th, info] = gd_run(q, [1; 1], 'StepSize', 4.9e-324, 'MaxIter', 10);
%! assert (th, [1; 1]); assert (info.exitflag, 0);
%! qd = gd_quadratic([1e-310 0; 0 1]);
%! [th, info] = gd_run(qd, [1; 1], 'MaxIter', 100);
%! assert (all(isfinite(th))); assert (th(2), 0);
%! T = gf_exact([1e-310 0; 0 1], [], [1; 1], [0 1]);
%! assert (T(2, :), [1, exp(-1)], 1e-15);
%!test
%! % theta0 of huge magnitude: f(theta0) overflows to Inf.  For the C
%! % families that is divergence: exitflag -2, warning gdflow:diverged, no
%! % iterations, theta = theta0 and the history [Inf]; never garbage
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! for method = {'gd', 'heavyball', 'nesterov', 'proximal'}
%!   lastwarn('');
%!   evalc('[th, info] = gd_run(q, [1e200; 1e200], ''Method'', method{1}, ''StepSize'', 0.1);');
%!   [~, wid] = lastwarn();
%!   assert (wid, 'gdflow:diverged');
%!   assert ([info.exitflag, info.iterations], [-2, 0]);
%!   assert (th, [1e200; 1e200]); assert (info.f, Inf);
%! end
%! % the first step overflows although f(theta0) is finite: divergence too
%! lastwarn('');
%! evalc('[th, info] = gd_run(gd_testfun(''rosenbrock''), [1e60; 1e60], ''StepSize'', 1e-3);');
%! [~, wid] = lastwarn();
%! assert (wid, 'gdflow:diverged');
%! assert ([info.exitflag, info.iterations], [-2, 0]);
%! assert (th, [1e60; 1e60]); assert (isfinite(info.f));
%! % the unstable step from 1e150 overflows after a few iterations: the
%! % history up to the last finite iterate is kept
%! evalc('[th, info] = gd_run(q, [1e150; 1e150], ''StepSize'', 1, ''History'', ''full'');');
%! assert (info.exitflag, -2);
%! assert (all(isfinite(info.f)) && all(isfinite(th)));
%! assert (info.theta(:, end), th);
%! % a handle whose f(theta0) overflows is an error (it is more likely wrong)
%! try
%!   gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1e200; 1e200], 'StepSize', 0.1);
%!   assert (false);
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:nonFiniteStart');
%! end
%! % gf_run keeps nothing when f(theta0) is not finite: empty output, -2
%! lastwarn('');
%! evalc('[t, T, ii] = gf_run(q, [1e200; 1e200], [0 1]);');
%! [~, wid] = lastwarn();
%! assert (wid, 'gdflow:diverged');
%! assert (ii.exitflag, -2); assert (isempty(t)); assert (size(T), [0 2]);
%! % gf_exact is linear algebra: huge values come out as they are (or Inf)
%! T = gf_exact([3 1; 1 2], [1; 1], [1e200; 1e200], [0 1]);
%! assert (T(1, :), [1e200 1e200], -1e-15); assert (all(isfinite(T(:))));
%!test
%! % option values too large to be counts mean no limit (they were cast to
%! % a negative long: 0 iterations)
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th, info] = gd_run(q, [1; 1], 'MaxIter', 1e308);
%! assert (info.exitflag, 1); assert (th, q.theta_star, 1e-8);
%! [th, info] = gd_run(q, [1; 1], 'MaxIter', 2 ^ 63);
%! assert (info.exitflag, 1);
%! [t, T, ii] = gf_run(q, [1; 1], [0 1], 'MaxSteps', 1e300);
%! assert (ii.exitflag, 1);

%% ---- faults in user handles --------------------------------------------------
%!test
%! % a handle that returns NaN mid-run: exitflag -2, warning gdflow:diverged,
%! % the history up to the last finite iterate is kept
%! lastwarn('');
%! evalc('[th, info] = gd_run(@(t) deal(nan_when_close(t), 2 * t), [1; 1], ''StepSize'', 0.1, ''History'', ''full'');');
%! [~, wid] = lastwarn();
%! assert (wid, 'gdflow:diverged');
%! assert (info.exitflag, -2);
%! assert (info.iterations, 4);          % |theta_5| = 0.8^5 sqrt(2) < 0.5
%! assert (numel(info.f), 5); assert (all(isfinite(info.f)));
%! assert (th, 0.8 ^ 4 * [1; 1], 1e-15);
%! assert (info.theta(:, end), th);
%! % gf_run: the same, the solution up to the last finite point
%! lastwarn('');
%! evalc('[t, T, ii] = gf_run(@(t) deal(nan_when_close(t), 2 * t), [1; 1], [0 5], ''Method'', ''euler'', ''Step'', 0.1);');
%! [~, wid] = lastwarn();
%! assert (wid, 'gdflow:diverged'); assert (ii.exitflag, -2);
%! assert (all(isfinite(T(:)))); assert (numel(t), 5);
%!test
%! % a handle that throws: its identifier and message propagate unchanged,
%! % from the first call and from inside the loop, in gd_run, gf_run, gd_eval
%! calls = {@() gd_run(@(t) deal(throw_when_close(t), 2 * t), [1; 1], 'StepSize', 0.1), ...
%!          @() gd_run(@(t) deal(throw_when_close(t), 2 * t), [0.1; 0], 'StepSize', 0.1), ...
%!          @() gf_run(@(t) deal(throw_when_close(t), 2 * t), [1; 1], [0 5]), ...
%!          @() gd_eval(@(t) deal(throw_when_close(t), 2 * t), [0.1; 0]), ...
%!          @() gd_run(gd_quadratic(eye(2)), [1; 1], 'OutputFcn', @(t, o, s) throw_when_close(t) < 0)};
%! for i = 1:numel(calls)
%!   try
%!     calls{i}();
%!     assert (false, 'no error');
%!   catch err
%!     assert (err.identifier, 'hardening:objective');
%!     assert (~isempty(regexp(err.message, '^objective failed at', 'once')));
%!   end
%! end
%! % and gd_run still works afterwards
%! [th, info] = gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [2; 1], 'StepSize', 0.4);
%! assert ([th', info.iterations], [0.2 0.4 26], 1e-6);
%!testif ; exist('/proc/self/status', 'file') == 2
%! % ... without leaking the C workspace: 3000 throwing runs, memory flat
%! f = @(t) deal(throw_when_close(t), 2 * t);
%! for k = 1:300
%!   try, gd_run(f, [1; 1], 'StepSize', 0.1, 'History', 'full'); catch, end
%! end
%! r0 = rss_kb();
%! for k = 1:3000
%!   try, gd_run(f, [1; 1], 'StepSize', 0.1, 'History', 'full'); catch, end
%! end
%! assert (rss_kb() - r0 < 1024);

%% ---- nested runs -----------------------------------------------------------
%!test
%! % an objective that itself calls gd_run and gf_run: the same result as the
%! % same objective evaluated outside (re-entrancy of the gateways)
%! [th, info] = gd_run(@nested_objective, [1; 1], 'StepSize', 0.1, 'MaxIter', 10, 'History', 'full');
%! x = [1; 1]; X = x;
%! for k = 1:10
%!   [~, g] = nested_objective(x);
%!   x = x - 0.1 * g; X(:, end + 1) = x;
%! end
%! assert (info.theta, X, 1e-14); assert (th, x, 1e-14);
%! [t, T] = gf_run(@nested_objective, [1; 1], [0 1], 'Method', 'euler', 'Step', 0.1);
%! assert (T(end, :)', x, 1e-14);
%!test
%! % an OutputFcn that runs gd_run at every iteration: the inner runs equal
%! % an un-nested run, the outer run equals an un-nested run
%! global HARDENING_NESTED
%! HARDENING_NESTED = zeros(0, 4);
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th, info] = gd_run(q, [2; 1], 'StepSize', 0.3, 'OutputFcn', @nested_outfcn);
%! [th0, info0] = gd_run(q, [2; 1], 'StepSize', 0.3);
%! [thi, infoi] = gd_run(q, [2; 1], 'StepSize', 0.4);
%! assert (th, th0); assert (info.f, info0.f);
%! assert (size(HARDENING_NESTED, 1), info.iterations + 3);   % init, iter 0..k, done
%! assert (HARDENING_NESTED(:, 1:2), repmat(thi', info.iterations + 3, 1));
%! assert (HARDENING_NESTED(:, 3), repmat(infoi.iterations, info.iterations + 3, 1));
%! clear global HARDENING_NESTED

%% ---- MaxTime -----------------------------------------------------------------
%!test
%! % MaxTime bounds the wall clock, also when each iteration is slow (the
%! % clock is read at every slow iteration, not every 64th)
%! t0 = tic;
%! [th, info] = gd_run(@slow_objective, [1; 1], 'StepSize', 1e-3, 'GradTol', 0, 'MaxTime', 0.3);
%! el = toc(t0);
%! assert (info.exitflag, 0); assert (info.message, 'Stopped: MaxTime exceeded.');
%! assert (el < 0.3 + 0.25);
%! t0 = tic;
%! [th, info] = gd_run(gd_quadratic(eye(2)), [1; 1], 'StepSize', 1e-12, 'MaxIter', Inf, ...
%!                     'GradTol', 0, 'History', 'none', 'MaxTime', 0.3);
%! el = toc(t0);
%! assert (info.message, 'Stopped: MaxTime exceeded.'); assert (el < 0.6);
%! t0 = tic;
%! [t, T, ii] = gf_run(@slow_objective, [1; 1], [0 1e6], 'MaxTime', 0.3);
%! el = toc(t0);
%! assert (ii.exitflag, 0); assert (el < 0.3 + 0.4);   % a step is 6 evaluations

%% ---- outputs refused before allocation -------------------------------------
%!test
%! % too large for memory: gdflow:<fn>:tooLarge with the size in the message,
%! % raised before anything is allocated (fast, memory unchanged)
%! q = gd_quadratic(eye(2));
%! cases = {@() gd_run(gd_quadratic(eye(1000)), ones(1000, 1), 'History', 'full', 'MaxIter', 1e12), 'gd_run'; ...
%!          @() gf_exact(eye(2), [], ones(2, 1e5), zeros(1, 1e5)), 'gf_exact'; ...
%!          @() gf_run(q, [1; 1], [0 1e6], 'Method', 'euler', 'Step', 1e-9), 'gf_run'; ...
%!          @() gf_run(q, [1; 1], [0 1], 'MaxStep', 1e-15), 'gf_run'; ...
%!          @() gf_run(q, [1; 1], [0 1e9], 'Method', 'exact', 'Step', 1e-6), 'gf_run'; ...
%!          @() gd_eval(struct('type', 'quadratic', 'A', speye(1e6)), ones(1e6, 1)), 'gd_eval'};
%! for i = 1:rows(cases)
%!   t0 = tic;
%!   try
%!     if i == rows(cases)
%!       [f, g, H] = cases{i, 1}();   % the Hessian, 1e6 x 1e6
%!     else
%!       cases{i, 1}();
%!     end
%!     ok = false;
%!   catch err
%!     ok = strcmp(err.identifier, ['gdflow:' cases{i, 2} ':tooLarge']) && ...
%!          ~isempty(regexp(err.message, 'would need [0-9.e+]+ GB \([0-9.]+(e\+[0-9]+)? doubles\)', 'once'));
%!   end
%!   assert (ok, sprintf('case %d', i));
%!   assert (toc(t0) < 2);
%! end

%% ---- the gateways do not leak ------------------------------------------------
%!testif ; exist('/proc/self/status', 'file') == 2 && exist(fullfile(gdf_test_root(), 'tests', 'fuzz', 'fuzz_leak.m'), 'file') == 2
%! % every gateway, good and bad calls (tests/fuzz/fuzz_leak.m; the full
%! % check, 1e5 calls of each, is part of make fuzz)
%! root = gdf_test_root();
%! c = onCleanup(@() restore_dir_path(pwd(), path(), warning()));
%! warning('off', 'all');   % cd warns about relative folders other tests left on the path
%! addpath(fullfile(root, 'tests', 'fuzz'));
%! cd(fullfile(root, 'm', 'private'));
%! % (4000 calls are enough: the mxSetPr leak of 80 bytes per call that this
%! % found showed as 65 and 129 bytes per call in gd_run_mex and gf_run_mex)
%! R = fuzz_leak(4000);
%! for i = 1:numel(R)
%!   assert (R(i).ok, sprintf('%s: %.1f bytes per call', R(i).gateway, R(i).bytes_per_call));
%! end

%% ---- Ctrl-C ------------------------------------------------------------------
%!testif ; isunix() && exist(fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), 'file') == 2 && system('command -v timeout > /dev/null') == 0
%! % SIGINT to an octave-cli inside a long gd_run on a C problem (no
%! % callback): the run stops within a fraction of a second, the prompt
%! % comes back, the session and gd_run still work (not killed)
%! root = make_absolute_filename(fileparts(which('gd_run')));
%! d = tempname(); mkdir(d);
%! c = onCleanup(@() confirm_recursive_rmdir(false, 'local') + rmdir(d, 's'));
%! script = fullfile(d, 'in.m'); out = fullfile(d, 'out.txt');
%! fid = fopen(script, 'w');
%! fprintf(fid, 'addpath(''%s''); q = gd_quadratic([3 1; 1 2], [1; 1]); t0 = tic;\n', root);
%! fprintf(fid, 'disp(''STARTED''); [th, info] = gd_run(q, [1; 1], ''StepSize'', 1e-9, ''MaxIter'', Inf, ''GradTol'', 0, ''MaxTime'', 60, ''History'', ''none''); disp(''NOT INTERRUPTED'');\n');
%! fprintf(fid, 'printf(''ELAPSED %%.2f\\n'', toc(t0));\n');
%! fprintf(fid, '[th, info] = gd_run(q, [2; 1], ''StepSize'', 0.4); printf(''STILL WORKS %%d\\n'', info.iterations);\n');
%! fclose(fid);
%! cmd = sprintf(['cd %s && : > out.txt && (timeout -s KILL 30 %s --norc --no-gui --interactive --no-line-editing < %s > %s 2>&1 & pid=$!; ' ...
%!                'for i in $(seq 100); do grep -q STARTED %s && break; sleep 0.1; done; sleep 1; kill -INT $pid; wait $pid)'], ...
%!               d, fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), script, out, out);
%! system(cmd);
%! txt = fileread(out);
%! assert (isempty(strfind(txt, 'NOT INTERRUPTED')));
%! tok = regexp(txt, 'ELAPSED ([0-9.]+)', 'tokens', 'once');
%! assert (~isempty(tok)); assert (str2double(tok{1}) < 10);
%! assert (~isempty(strfind(txt, 'STILL WORKS 26')));
