%% test_trust_gate.m - issue 12 ("Trust"), the gateways: every input validated,
%% no crash, no leak, messages that say what was wrong (tests/README.md).
%% This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%% helpers (defined before the blocks that use them)
%!function delete_files(names)
%! for i = 1:numel(names)
%!   if exist(names{i}, 'file')
%!     delete(names{i});
%!   end
%! end
%!function kb = rss_kb()
%! txt = fileread('/proc/self/status');
%! tok = regexp(txt, 'VmRSS:\s*(\d+)', 'tokens', 'once');
%! kb = str2double(tok{1});

%% ---- crash: struct arrays of any size but 1x1 (in a child process) ----------
%!testif ; isunix() && exist(fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), 'file') == 2 && system('command -v timeout > /dev/null') == 0
%! % p([]) segfaulted Octave: gd_run_mex read field d before counting the
%! % elements.  Every gateway, every empty and larger struct array, as the
%! % problem and as an options struct; the child prints one identifier per call
%! root = make_absolute_filename(fileparts(which('gd_run')));
%! script = [tempname() '.m'];
%! out = [tempname() '.txt'];
%! c = onCleanup(@() delete_files({script, out}));
%! fid = fopen(script, 'w');
%! fprintf(fid, 'addpath(''%s'');\n', root);
%! fprintf(fid, 'p = gd_quadratic(eye(2)); o = gd_options(''MaxIter'', 3);\n');
%! fprintf(fid, 'P = {p([]), struct(''d'', {}), repmat(p, 0, 1), [p; p], repmat(p, 1, 3), struct(''type'', {''quadratic'', ''quadratic''})};\n');
%! fprintf(fid, 'O = {o([]), repmat(o, 0, 1), [o; o]};\n');
%! fprintf(fid, 'F = {@(q) gd_run(q, [1; 1]), @(q) gd_run(q, [1 1]), @(q) gf_run(q, [1; 1], [0 1]), @(q) gd_eval(q, [1; 1]), @(q) gf_exact(q, [1; 1], 1)};\n');
%! fprintf(fid, 'G = {@(o) gd_run(p, [1; 1], o), @(o) gf_run(p, [1; 1], [0 1], o), @(o) gd_options(o), @(o) gd_options(''gf_run'', o), @(o) gd_run(p, [1; 1], ''MaxIter'', 2, o)};\n');
%! fprintf(fid, 'fid = fopen(''%s'', ''w'');\n', out);
%! fprintf(fid, 'for i = 1:numel(P), for j = 1:numel(F), try, F{j}(P{i}); fprintf(fid, ''none\\n''); catch e, fprintf(fid, ''%%s\\n'', e.identifier); end, end, end\n');
%! fprintf(fid, 'for i = 1:numel(O), for j = 1:numel(G), try, G{j}(O{i}); fprintf(fid, ''none\\n''); catch e, fprintf(fid, ''%%s\\n'', e.identifier); end, end, end\n');
%! fprintf(fid, 'fprintf(fid, ''done\\n''); fclose(fid);\n');
%! fclose(fid);
%! r = gdf_test_child(fileread(script), 60);   % killed after 60 s
%! status = r.status;
%! txt = fileread(out);
%! ids = strsplit(strtrim(txt), "\n");
%! assert (status, 0);
%! assert (ids{end}, 'done');
%! ids = ids(1:end - 1);
%! assert (numel(ids), 6 * 5 + 3 * 5);
%! for k = 1:30   % problems: badProblem from the function that was called
%!   assert (~isempty(regexp(ids{k}, '^gdflow:(gd_run|gf_run|gd_eval|gf_exact):badProblem$', 'once')), ids{k});
%! end
%! for k = 31:45  % options structs
%!   assert (~isempty(regexp(ids{k}, '^gdflow:(gd_run|gf_run|gd_options):badOption$', 'once')), ids{k});
%! end

%!error <must be a 1x1 struct, not a 0x0 struct array> gd_run(struct('type', {}), [1; 1])
%!error <must be a 1x1 struct, not a 2x1 struct array> gd_eval(repmat(gd_quadratic(eye(2)), 2, 1), [1; 1])
%!error <options struct must be a 1x1 struct, not a 0x0> gd_run(gd_quadratic(eye(2)), [1; 1], struct([]))

%% ---- problem structs edited by hand: every field checked at every call ------
%!shared p, th
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! th = [1; 1];
%!test
%! % a nonsymmetric A: the library reads one triangle, so this gave A'*theta - b
%! q = p;
%! q.A = [3 1; 0 2];
%! for f = {@() gd_run(q, th), @() gf_run(q, th, [0 1]), @() gd_eval(q, th), ...
%!          @() gd_run(q, th, 'Method', 'proximal', 'StepSize', 0.1), ...
%!          @() gf_run(q, th, [0 1], 'Method', 'exact')}
%!   try
%!     f{1}();
%!     error('test:noError', 'no error');
%!   catch err
%!     assert (~isempty(regexp(err.identifier, '^gdflow:(gd_run|gf_run|gd_eval):notSymmetric$', 'once')), err.identifier);
%!     assert (~isempty(strfind(err.message, 'must be symmetric')));
%!     assert (~isempty(strfind(err.message, '|A(2,1) - A(1,2)| = 1 ')));
%!   end
%! end
%!error id=gdflow:gd_run:notSymmetric  q = p; q.A = sparse([3 1; 0 2]); gd_run(q, th);
%!error id=gdflow:gd_eval:notSymmetric q = p; q.A = sparse([3 0 1e-9; 0 2 0; 0 0 1]); q.b = [1; 1; 1]; q.d = 3; gd_eval(q, [1; 1; 1]);
%!error id=gdflow:gf_run:notSymmetric  q = p; q.A = [3 1; 1 + 1e-9, 2]; gf_run(q, th, [0 1]);
%!error id=gdflow:gd_quadratic:notSymmetric gd_quadratic([3 1; 1 + 1e-9, 2])
%!test
%! % the one tolerance: max|A - A'| <= 1e-12 * max|A| is symmetric (gd_quadratic,
%! % the gateways, sparse and full alike); just above it is not
%! A = [3 1; 1 + 2.9e-12, 2];          % 2.9e-12 <= 1e-12 * 3
%! q = p;
%! q.A = A;
%! f = gd_eval(q, th);
%! assert (abs(f - gd_eval(p, th)) < 1e-10);
%! q.A = sparse(A);
%! assert (abs(gd_eval(q, th) - f) < 1e-10);
%! prob = gd_quadratic(A);
%! assert (isequal(prob.A, prob.A'));  % stored exactly symmetric
%! q.A = [3 1; 1 + 3.1e-12, 2];
%! try
%!   gd_eval(q, th);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_eval:notSymmetric');
%! end
%! try
%!   gd_quadratic(q.A);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_quadratic:notSymmetric');
%! end
%!test
%! % sparse A: pattern and values, found wherever they sit
%! n = 50;
%! A = spdiags([-ones(n, 1), 4 * ones(n, 1), -ones(n, 1)], -1:1, n, n);
%! q = gd_quadratic(A);
%! gd_eval(q, ones(n, 1));               % symmetric: fine
%! B = A;
%! B(40, 7) = 1e-6;                      % one entry without its mirror
%! q.A = B;
%! try
%!   gd_eval(q, ones(n, 1));
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_eval:notSymmetric');
%!   assert (~isempty(strfind(err.message, 'A(40,7) - A(7,40)')), err.message);
%! end
%!error id=gdflow:gd_run:nonFinite   q = p; q.A = [3 NaN; NaN 2]; gd_run(q, th);
%!error id=gdflow:gd_run:nonFinite   q = p; q.b = [1; Inf]; gd_run(q, th);
%!error id=gdflow:gd_run:nonFinite   q = p; q.c = NaN; gd_run(q, th);
%!error id=gdflow:gd_run:badProblem  q = p; q.b = [1; 1; 1]; gd_run(q, th);
%!error id=gdflow:gd_run:badProblem  q = p; q.A = ones(2, 3); gd_run(q, th);
%!error id=gdflow:gd_run:badProblem  q = p; q.A = int32([3 1; 1 2]); gd_run(q, th);
%!error <problem field L must be a real double scalar> q = p; q.L = 'x'; gd_run(q, th);
%!error <problem field L must be a real double scalar> q = p; q.L = [1 2]; gd_run(q, th);
%!error <problem field mu must be a real double scalar> q = p; q.mu = 1i; gd_run(q, th);
%!error <problem field mu = 10 exceeds L> q = p; q.mu = 10; gd_run(q, th);
%!error <L and mu must be finite or NaN> q = p; q.L = Inf; gf_run(q, th, [0 1]);
%!error <f_star must be finite, -Inf .* or NaN> q = p; q.f_star = Inf; gd_eval(q, th);
%!error <problem field d = 3 does not match> q = p; q.d = 3; gd_run(q, th);
%!error <problem field d = 1e\+300 does not match> q = p; q.d = 1e300; gd_run(q, th');
%!error id=gdflow:gd_run:nonFinite   q = gd_leastsq([1 1; 1 2; 1 3], [1; 2; 2]); q.X(2, 2) = NaN; gd_run(q, th);
%!error id=gdflow:gd_run:nonFinite   q = gd_leastsq([1 1; 1 2; 1 3], [1; 2; 2]); q.y(3) = Inf; gd_run(q, th);
%!error id=gdflow:gd_eval:nonFinite  q = gd_logistic([1 1; 1 2; 1 3], [0; 1; 0]); q.lambda = NaN; gd_eval(q, th);
%!error id=gdflow:gd_eval:badProblem q = gd_logistic([1 1; 1 2; 1 3], [0; 1; 0]); q.lambda = -1; gd_eval(q, th);
%!error id=gdflow:gd_eval:badProblem q = gd_logistic([1 1; 1 2; 1 3], [0; 1; 0]); q.y = [0; 2; 0]; gd_eval(q, th);
%!error id=gdflow:gd_eval:notString  q = p; q.type = 5; gd_eval(q, th);
%!test
%! % what the constructors make passes, every family (the checks refuse nothing valid)
%! probs = {p, gd_quadratic(sparse([2 -1; -1 2])), gd_quadratic([1 0; 0 -1]), gd_quadratic(zeros(2)), ...
%!          gd_leastsq([1 1; 1 2; 1 3], [1; 2; 2]), gd_logistic([1 1; 1 2; 1 3], [0; 1; 0], 0.1), ...
%!          gd_testfun('rosenbrock'), gd_testfun('beale'), gd_testfun('booth'), gd_testfun('ellipse', 10, 0.3)};
%! for k = 1:numel(probs)
%!   [f, g] = gd_eval(probs{k}, [0.5; 0.5]);
%!   assert (isfinite(f) && all(isfinite(g)));
%! end

%% ---- Metric handle outputs: checked as a fixed Metric is --------------------
%!test
%! % a nonsymmetric G(theta) was used through its lower triangle (a wrong step, no error)
%! try
%!   gd_run(p, th, 'Method', 'natural', 'Metric', @(t) [2 1; 0 2]);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:badMetric');
%!   assert (~isempty(strfind(err.message, 'G(theta) at iteration 0 is not symmetric')), err.message);
%! end
%! try
%!   gf_run(p, th, [0 1], 'Method', 'natural', 'Metric', @(t) [2 1; 0 2]);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gf_run:badMetric');
%!   assert (~isempty(strfind(err.message, 'not symmetric')), err.message);
%! end
%!test
%! % not positive definite: badMetric naming the iteration (was nonFiniteStart
%! % "f(theta0) = 2 and ||grad f(theta0)|| = nan" for a handle objective)
%! fh = @(x) deal(x' * x, 2 * x);
%! try
%!   gd_run(fh, th, 'Method', 'natural', 'Metric', @(t) -eye(2));
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:badMetric');
%!   assert (~isempty(strfind(err.message, 'G(theta) at iteration 0 is not positive definite')), err.message);
%! end
%! % positive definite at theta0 = [1; 1], not after the first step (theta(1) < 0)
%! try
%!   gd_run(p, th, 'Method', 'natural', 'Metric', @(t) [1 0; 0 t(1)], 'StepSize', 1.5);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:badMetric');
%!   assert (~isempty(strfind(err.message, 'G(theta) at iteration 1 is not positive definite')), err.message);
%! end
%!test
%! % gf_run: the flow reaches the set where G(theta) is singular and stops
%! % there (exitflag -2, as before); the warning now says it was the metric
%! q = gd_quadratic(eye(2), [0; 0]);
%! ws = warning('on', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! lastwarn('');
%! evalc('[t, Th, info] = gf_run(q, [1; 1], [0 5], ''Method'', ''natural'', ''Metric'', @(x) [1 0; 0 2 * x(1) - 1]);');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:diverged');
%! assert (~isempty(strfind(msg, 'the Metric G(theta) is not positive definite')), msg);
%! assert (info.exitflag, -2);
%! assert (abs(t(end) - log(2)) < 0.05);
%!error <G\(theta\) at iteration 0 has a NaN entry> gd_run(p, th, 'Method', 'natural', 'Metric', @(t) [1 NaN; NaN 1])
%!error <returned a 3x3 array> gd_run(p, th, 'Method', 'natural', 'Metric', @(t) eye(3))
%!error <Metric must be symmetric positive definite: \|G\(2,1\) - G\(1,2\)\|> gd_run(p, th, 'Method', 'natural', 'Metric', [2 1; 0 2])
%!test
%! % a symmetric positive definite handle output (also a diagonal matrix) works
%! % and equals the fixed metric
%! [t1, i1] = gd_run(p, th, 'Method', 'natural', 'Metric', @(t) eye(2), 'StepSize', 0.1, 'MaxIter', 20);
%! [t2, i2] = gd_run(p, th, 'Method', 'natural', 'Metric', eye(2), 'StepSize', 0.1, 'MaxIter', 20);
%! assert (t1, t2, 1e-14);
%! [t1, i1] = gd_run(p, th, 'Method', 'natural', 'Metric', @(t) p.A);
%! assert (i1.exitflag, 1);
%! assert (t1, p.theta_star, 1e-10);

%% ---- OutputFcn: a logical scalar, nothing else -------------------------------
%!error <OutputFcn must return a logical scalar .* it returned an array of several elements> gd_run(p, th, 'OutputFcn', @(t, o, s) [false true])
%!error <it returned an empty array> gd_run(p, th, 'OutputFcn', @(t, o, s) [])
%!error <it returned NaN> gd_run(p, th, 'OutputFcn', @(t, o, s) NaN)
%!error <at iteration 2 \(state 'iter'\) it returned an array> gd_run(p, th, 'StepSize', 0.1, 'OutputFcn', @(t, o, s) repmat(o.iteration >= 2, 1, 1 + (o.iteration >= 2)))
%!error id=gdflow:gd_run:badOutputFcn gd_run(p, th, 'OutputFcn', @(t, o, s) 'no')
%!test
%! [~, info] = gd_run(p, th, 'StepSize', 0.1, 'OutputFcn', @(t, o, s) o.iteration >= 3);
%! assert (info.exitflag, -1);
%! assert (info.iterations, 3);
%! [~, info] = gd_run(p, th, 'StepSize', 0.1, 'OutputFcn', @(t, o, s) int8(o.iteration >= 2));
%! assert (info.iterations, 2);

%% ---- messages -----------------------------------------------------------------
%!test
%! % the divergence warning names gd_run / gf_run, not the private gd_run_mex
%! % (a warning that is off sets no lastwarn: on, with the output captured)
%! ws = warning('on', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! lastwarn('');
%! evalc('gd_run(p, th, ''StepSize'', 1, ''MaxIter'', 50);');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:diverged');
%! assert (strncmp(msg, 'gd_run diverged', 15), msg);
%! assert (isempty(strfind(msg, '_mex')), msg);
%! lastwarn('');
%! evalc('gf_run(p, th, [0 1000], ''Method'', ''euler'', ''Step'', 1.5);');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:diverged');
%! assert (strncmp(msg, 'gf_run (euler) stopped', 22), msg);
%! assert (isempty(strfind(msg, '_mex')), msg);
%!test
%! % the printed text too (and warning('off', id) still silences it)
%! ws = warning('on', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! lastwarn('');
%! txt = evalc('[~, info] = gd_run(p, th, ''StepSize'', 1, ''MaxIter'', 50);');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:diverged');
%! assert (strncmp(msg, 'gd_run diverged', 15), msg);
%! assert (isempty(strfind(txt, '_mex')), txt);
%! % where evalc sees the printed warning (not under pkg test's harness), it names gd_run
%! if ~isempty(strfind(txt, 'warning:'))
%!   assert (~isempty(strfind(txt, 'warning: gd_run diverged')), txt);
%! end
%! warning('off', 'gdflow:diverged');
%! lastwarn('');
%! txt = evalc('[~, info] = gd_run(p, th, ''StepSize'', 1, ''MaxIter'', 50);');
%! assert (isempty(strfind(txt, 'diverged')), txt);
%! assert (isempty(lastwarn()));
%!test
%! % warning('error', id) turns it into an error with that identifier
%! ws = warning('error', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! try
%!   gd_run(p, th, 'StepSize', 1, 'MaxIter', 50);
%!   error('test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:diverged');
%! end
%!test
%! % tooLarge: sizes in %.3g, not a 16-digit (or 150-digit) integer
%! cases = {@() gd_run(p, th, 'History', 'full', 'MaxIter', 1e15), ...
%!          @() gd_run(p, th, 'History', 'full', 'MaxIter', 9e15 - 2)};
%! for k = 1:numel(cases)
%!   try
%!     cases{k}();
%!     error('test:noError', 'no error');
%!   catch err
%!     assert (err.identifier, 'gdflow:gd_run:tooLarge');
%!     assert (isempty(regexp(err.message, '[0-9]{8}', 'once')), err.message);
%!     assert (~isempty(regexp(err.message, '\([0-9.]+e\+[0-9]+ doubles\)', 'once')), err.message);
%!   end
%! end

%% ---- leak: diagonal, permutation and range matrices -----------------------------
%!testif ; exist('/proc/self/status', 'file') == 2
%! % Octave 7.3 leaked ~80 bytes per call when a gateway asked such a matrix
%! % for its size before its data (measured: 109, 29, 128, 57 bytes per call of
%! % gd_run_mex, gf_run_mex, gf_exact_mex, gd_eval_mex on the inputs below);
%! % 3000 calls over these slots after a warm-up round: flat
%! q = p;
%! q.A = diag([3 2]);
%! P2 = eye(2);
%! P2 = P2(:, [2 1]);
%! calls = {@() gd_eval(q, th), @() gd_eval(p, eye(2)), @() gd_eval(p, P2), ...
%!          @() gd_run(p, 0:1, 'MaxIter', 2), @() gf_run(p, th, 0:0.5:1, 'Method', 'euler', 'Step', 0.5), ...
%!          @() gf_exact(eye(2), [], th, 0:0.5:1), ...
%!          @() gd_run(p, th, 'Method', 'natural', 'Metric', diag([2 3]), 'MaxIter', 2), ...
%!          @() gd_run(p, th, 'Method', 'natural', 'Metric', @(t) eye(2), 'MaxIter', 2)};
%! n = 3000;
%! for i = 1:n   % warm-up: Octave's pools grow by ~1.3 MB over the first round, then stop
%!   x = calls{1 + mod(i, numel(calls))}();
%! end
%! r0 = rss_kb();
%! for i = 1:n
%!   x = calls{1 + mod(i, numel(calls))}();
%! end
%! r1 = rss_kb();
%! % measured: 336 kB per round before the fix (115 bytes per call), 0 kB after
%! assert (r1 - r0 < 120, sprintf('%d kB over %d calls', r1 - r0, n));

%% gf_exact (its struct check is in gf_exact.m) says so too
%!error <must be a 1x1 struct, not a 0x0 struct array \(0 elements\)> p = gd_quadratic(eye(2)); gf_exact(p([]), [1; 1], 1)
%!error <must be a 1x1 struct, not a 2x1 struct array> p = gd_quadratic(eye(2)); gf_exact([p; p], [1; 1], 1)
