% Issue 15, item 4 (fixed cost of a call): gd_run and gf_run ask the MEX for
% the outputs wanted only, info is built in C from a static field table
% (gd_run's info.gradient too), and the .m error paths (too few inputs,
% fminunc options, f-only handles, gf_run's d x m starts) run after the MEX
% error.  Every info field and value stays what it was: the full structs of
% a set of runs are checked here (names in order, classes, sizes, values).
% Octave: test('tests/m/test_perf2_overhead.m').

%!shared q, x0, GDN, GFN, same
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! x0 = [2; 1];
%! GDN = {'iterations'; 'exitflag'; 'message'; 'fval'; 'f'; 'gradnorm'; 'theta'; 'stepsize'; ...
%!        'steprule'; 'method'; 'momentum'; 'L'; 'mu'; 'f_star'; 'funccount'; 'time'; ...
%!        'stationary'; 'hint'; 'gradient'};
%! GFN = {'nsteps'; 'nfailed'; 'nfevals'; 'f'; 'gradnorm'; 'exitflag'; 'message'; 'method'; ...
%!        'step'; 'time'; 'stationary'};
%! % two info structs equal in every field but the clock: names in order, class, size, value
%! same = @(a, b) isequal(fieldnames(a), fieldnames(b)) && ...
%!        isequaln(rmfield(a, 'time'), rmfield(b, 'time')) && ...
%!        all(cellfun(@(n) strcmp(class(a.(n)), class(b.(n))) && isequal(size(a.(n)), size(b.(n))), ...
%!                    fieldnames(a)));

%!test
%! % a fixed-step run: every field against values computed here
%! eta = 0.1;
%! [th, info] = gd_run(q, x0, 'StepSize', eta, 'MaxIter', 10, 'GradTol', 0);
%! assert (fieldnames(info), GDN);
%! T = zeros(2, 11);
%! T(:, 1) = x0;
%! for k = 1:10
%!   T(:, k + 1) = T(:, k) - eta * (q.A * T(:, k) - q.b);
%! end
%! fk = 0.5 * sum(T .* (q.A * T), 1) - q.b' * T;
%! gk = sqrt(sum((q.A * T - q.b) .^ 2, 1));
%! assert (th, T(:, end), 1e-14);
%! assert (info.iterations, 10);
%! assert (info.exitflag, 0);
%! assert (ischar(info.message) && ~isempty(info.message));
%! assert (info.fval, fk(end), 1e-14);
%! assert (info.f, fk, 1e-14);
%! assert (info.gradnorm, gk, 1e-14);
%! assert (isequal(info.theta, []));
%! assert (info.stepsize, eta);
%! assert (info.steprule, 'fixed');
%! assert (info.method, 'gd');
%! assert (info.momentum, 0);
%! assert ([info.L, info.mu, info.f_star], [q.L, q.mu, q.f_star]);
%! assert (info.funccount, 11);
%! assert (info.time >= 0 && info.time < 1);
%! assert (info.stationary, 'none');
%! assert (info.hint, '');
%! assert (info.gradient, 'analytic');

%!test
%! % every method, History 'full' and 'none', many starts: the field list and order
%! ws = warning('off', 'gdflow:diverged');   % natural with this metric and step 1 diverges: fine here
%! cw = onCleanup(@() warning(ws));
%! runs = {{q, x0}, {q, x0, 'Method', 'heavyball'}, {q, x0, 'Method', 'nesterov', 'StepSize', 'backtracking'}, ...
%!         {q, x0, 'Method', 'nesterov', 'Momentum', 'schedule', 'MaxIter', 30}, ...
%!         {q, x0, 'Method', 'proximal', 'StepSize', 1}, ...
%!         {q, x0, 'Method', 'natural', 'Metric', [2 0; 0 1], 'MaxIter', 50}, ...
%!         {q, x0, 'StepSize', 'backtracking', 'History', 'full', 'MaxIter', 40}, ...
%!         {q, x0, 'History', 'none'}, {q, [2 -1 0; 1 3 0.5], 'StepSize', 0.4}, ...
%!         {q, [2 -1; 1 3], 'StepSize', 'backtracking', 'MaxIter', 15}, {q, x0, 'Iterations', 12}};
%! for k = 1:numel(runs)
%!   [~, info] = gd_run(runs{k}{:});
%!   assert (fieldnames(info), GDN);
%!   assert (info.gradient, 'analytic');
%! end

%!test
%! % theta-only calls (no info built) return the same theta; J_history = info.f(2:end).'
%! for args = {{'StepSize', 0.4}, {'Method', 'heavyball'}, {'StepSize', 'backtracking', 'MaxIter', 15}}
%!   a = args{1};
%!   t1 = gd_run(q, [2 -1; 1 3], a{:});
%!   [t2, i2] = gd_run(q, [2 -1; 1 3], a{:});
%!   [t3, i3, J] = gd_run(q, [2 -1; 1 3], a{:});
%!   assert (isequal(t1, t2, t3));
%!   assert (same(i2, i3));
%!   assert (isequaln(J, i3.f(:, 2:end).'));
%! end

%!test
%! % the error path (an optimset struct, translated and run again) gives the
%! % info of the common path with the same options
%! [ta, ia] = gd_run(q, x0, 'MaxIter', 15);
%! [tb, ib] = gd_run(q, x0, optimset('MaxIter', 15));
%! assert (isequal(ta, tb));
%! assert (same(ia, ib));
%! [~, ic, Jc] = gd_run(q, x0, optimset('MaxIter', 15));
%! assert (same(ia, ic));
%! assert (isequal(Jc, ia.f(2:end).'));

%!test
%! % handles: [f, g] is 'analytic'; f alone is 'central differences' (the .m path), same fields
%! fg = @(t) deal(0.5 * t' * q.A * t - q.b' * t, q.A * t - q.b);
%! [~, i1] = gd_run(fg, x0, 'StepSize', 0.2, 'MaxIter', 20);
%! [t2, i2] = gd_run(@(t) 0.5 * t' * q.A * t - q.b' * t, x0, 'MaxIter', 20);
%! assert (fieldnames(i1), GDN);
%! assert (fieldnames(i2), GDN);
%! assert (i1.gradient, 'analytic');
%! assert (i2.gradient, 'central differences');
%! assert (mod(i2.funccount, 1 + 2 * 2), 0);   % values of f: 1 + 2d per gradient
%! assert (i2.fval < i2.f(1) && isequal(size(t2), [2, 1]));

%!test
%! % the gateway itself sets info.gradient (no field added by the .m)
%! here = pwd();
%! c = onCleanup(@() cd(here));
%! cd(fullfile(fileparts(which('gd_run')), 'private'));
%! [~, info] = gd_run_mex(q, x0, 'MaxIter', 5);
%! assert (fieldnames(info), GDN);
%! assert (info.gradient, 'analytic');

%!test
%! % nargout 0 prints the summary (info asked for on that path)
%! s = evalc('gd_run(q, x0, ''StepSize'', 0.4);');
%! assert (~isempty(strfind(s, 'gd_run (gd): ')));
%! assert (~isempty(strfind(s, '26 iterations')));

%!error id=gdflow:gd_run:notEnoughInputs gd_run(q)
%!error id=gdflow:gd_run:notEnoughInputs gd_run()
%!error id=gdflow:gf_run:notEnoughInputs gf_run(q, [2; 1])
%!error id=gdflow:gd_run:badOption gd_run(q, [2; 1], 'StepSize', -1)
%!error id=gdflow:gf_run:badOption gf_run(q, [2; 1], [0 1], 'RelTol', -1)

%!test
%! % gf_run: the field list of every method, and the values against the 3-output call
%! cases = {{[0 10], {}}, {0:0.5:5, {'Method', 'rk4', 'Step', 0.1}}, {[0 3], {'Method', 'euler', 'Step', 0.05}}, ...
%!          {0:1:5, {'Method', 'exact'}}, {[0 4], {'Method', 'implicit', 'Step', 0.1}}, ...
%!          {0:1:5, {'Method', 'heavyball', 'Integrator', 'rk4', 'Step', 0.01}}, ...
%!          {0:1:5, {'Method', 'nesterov'}}, {0:1:5, {'Method', 'natural', 'Metric', [2 0; 0 1]}}, ...
%!          {0:0.5:2, {'Method', 'langevin', 'Step', 0.01, 'Temperature', 0.1, 'Seed', 3}}};
%! extra = {{}, {}, {}, {}, {}, {'velocity'; 'integrator'; 'damping'}, {'velocity'; 'integrator'}, ...
%!          {'integrator'}, {'temperature'; 'seed'}};
%! methods = {'rk45', 'rk4', 'euler', 'exact', 'implicit', 'heavyball', 'nesterov', 'natural', 'langevin'};
%! for k = 1:numel(cases)
%!   ts = cases{k}{1};
%!   o = cases{k}{2};
%!   [t3, Y3, info] = gf_run(q, x0, ts, o{:});
%!   [t2, Y2] = gf_run(q, x0, ts, o{:});
%!   t1 = gf_run(q, x0, ts, o{:});
%!   assert (fieldnames(info), [GFN; extra{k}]);
%!   assert (isequal(t1, t2, t3));
%!   assert (isequal(Y2, Y3));
%!   assert (isscalar(info.nsteps) && isscalar(info.exitflag) && ischar(info.message));
%!   assert (size(info.f), [numel(t3), 1]);
%!   assert (info.method, methods{k});
%! end

%!test
%! % gf_run's info values for rk45 against the closed form and the run's own counts
%! [t, Y, info] = gf_run(q, x0, [0 10], 'RelTol', 1e-6, 'AbsTol', 1e-8);
%! E = gf_exact(q, x0, t);
%! assert (max(max(abs(Y - E))) < 1e-5);
%! assert (info.f, 0.5 * sum((Y * q.A) .* Y, 2) - Y * q.b, 1e-12);
%! assert (info.gradnorm, sqrt(sum((Y * q.A - q.b') .^ 2, 2)), 1e-12);
%! assert (info.nsteps, numel(t) - 1);
%! assert (info.method, 'rk45');
%! assert (isnan(info.step));
%! assert (info.exitflag, 1);
%! assert (info.message, 'reached the end of the time span');

%!test
%! % several starting points still go through the start loop (after the MEX refuses d x m)
%! X0 = [2 -1; 1 3];
%! [t, Y, info] = gf_run(q, X0, 0:0.5:3, 'Method', 'rk4', 'Step', 0.1);
%! [t1, Y1] = gf_run(q, X0(:, 1), 0:0.5:3, 'Method', 'rk4', 'Step', 0.1);
%! [~, Y2] = gf_run(q, X0(:, 2), 0:0.5:3, 'Method', 'rk4', 'Step', 0.1);
%! assert (isequal(t, t1));
%! assert (isequal(Y(:, :, 1), Y1) && isequal(Y(:, :, 2), Y2));
%! assert (size(info.exitflag), [1, 2]);
