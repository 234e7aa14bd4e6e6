%% Tests of gd_sweep and gd_sweep_plot (issue 18)
%  Grid shape and coordinates, values equal to direct gd_run / gf_run calls
%  bit for bit, identical results on every backend, worker count and chunk
%  size, the theory's stability limits, bad input, partial results on
%  MaxTime and on a real SIGINT.

%!shared maker, kap, etl, S
%! maker = @(kappa) gd_testfun('ellipse', kappa);
%! kap = [1 10 100];
%! etl = [0.5 1.5 1.9 2.1];
%! S = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kap, 'StepSizeL', etl}, ...
%!              'Fixed', {'MaxIter', 200, 'GradTol', 0}, 'Backend', 'serial');

%!test
%! % the grid: one dimension per axis, in the order given; coordinates as ndgrid
%! assert (S.size, [3 4]);
%! assert (S.n, 12);
%! assert (S.axes, {'kappa', 'StepSizeL'});
%! [K, E] = ndgrid(kap, etl);
%! assert (S.grid.kappa, K);
%! assert (S.grid.StepSizeL, E);
%! assert (all(S.done(:)) && S.complete);
%! for f = {'f', 'gap', 'iterations', 'exitflag', 'rate', 'theory', 'theory_stable', 'stable', 'L', 'mu', 'time'}
%!   assert (size(S.(f{1})), [3 4]);
%! end
%! % a cell axis: the coordinates are a cell shaped like the grid
%! T = gd_sweep(maker(10), [1; 1], 'Axes', {'Method', {'gd', 'heavyball', 'nesterov'}, 'StepSize', [0.01 0.05]}, ...
%!              'Backend', 'serial');
%! assert (T.size, [3 2]);
%! assert (T.grid.Method, {'gd', 'gd'; 'heavyball', 'heavyball'; 'nesterov', 'nesterov'});
%! assert (T.grid.StepSize, [0.01 0.05; 0.01 0.05; 0.01 0.05]);

%!test
%! % every entry is what a direct gd_run call gives, bit for bit
%! for i = 1:3
%!   for j = 1:4
%!     p = maker(kap(i));
%!     [~, info] = gd_run(p, [1; 1], 'MaxIter', 200, 'GradTol', 0, 'StepSize', etl(j) / p.L);
%!     assert (S.f(i, j), info.f(end));
%!     assert (S.gap(i, j), info.f(end) - p.f_star);
%!     assert (S.iterations(i, j), info.iterations);
%!     assert (S.exitflag(i, j), info.exitflag);
%!     assert (S.step(i, j), etl(j) / p.L);
%!     assert ([S.L(i, j), S.mu(i, j)], [p.L, p.mu]);
%!   end
%! end
%! % the same for gf_run (fixed-step Euler, a TSpan)
%! G = gd_sweep(maker(10), [1; 1], 'Runner', 'gf_run', 'Axes', {'Step', [0.05 0.1]}, ...
%!              'Fixed', {'Method', 'euler', 'TSpan', [0 2]}, 'Backend', 'serial');
%! [~, ~, info] = gf_run(maker(10), [1; 1], [0 2], 'Method', 'euler', 'Step', 0.1);
%! assert (G.f(2), info.f(end));
%! assert (G.iterations(2), info.nsteps);

%!test
%! % the theory's verdict and rate: GD on a quadratic is stable iff eta*L < 2,
%! % and the measured rate over the second half of 200 steps is the theory's
%! % max|1 - eta lambda|^2 up to the other mode: relative error at most
%! % c*s^100/100 with s < 1 their ratio (here < 1e-3 off the crossing point)
%! assert (S.theory_stable, repmat([1 1 1 0], 3, 1));
%! assert (S.stable, S.theory_stable == 1);
%! assert (all(S.exitflag(:, 4) == -2));
%! ok = isfinite(S.rate) & S.gap > 1e-250;
%! assert (nnz(ok) >= 8);
%! assert (S.rate(ok), S.theory(ok), 1e-3 * S.theory(ok));

%!test
%! % the stability limits of the momentum methods (eta*L on quadratics):
%! % heavy ball 2(1 + beta), Nesterov 2(1 + beta)/(1 + 2 beta) (Jury's
%! % criterion); just below stable, just above not, in gd_theory and in runs
%! p = maker(100);
%! for beta = [0 0.3 0.8]
%!   a = 2 * (1 + beta);
%!   assert (gd_theory(p, 'heavyball', a * (1 - 1e-6) / p.L, [], [], beta).stable, 1);
%!   assert (gd_theory(p, 'heavyball', a * (1 + 1e-6) / p.L, [], [], beta).stable, 0);
%!   a = 2 * (1 + beta) / (1 + 2 * beta);
%!   assert (gd_theory(p, 'nesterov', a * (1 - 1e-6) / p.L, [], [], beta).stable, 1);
%!   assert (gd_theory(p, 'nesterov', a * (1 + 1e-6) / p.L, [], [], beta).stable, 0);
%! end
%! N = gd_sweep(p, [1; 1], 'Axes', {'StepSizeL', [1.2 1.3 1.4 1.5], 'Momentum', [0.5]}, ...
%!              'Fixed', {'Method', 'nesterov', 'MaxIter', 3000, 'GradTol', 0}, 'Backend', 'serial');
%! % limit 2*1.5/2 = 1.5: 1.2, 1.3, 1.4 stable; 1.5 is on it (radius 1: no decay)
%! assert (N.theory_stable(1:3)', [1 1 1]);
%! assert (N.stable(1:3)', [true true true]);
%! assert (N.rate(1:3), N.theory(1:3), 1e-3 * N.theory(1:3));

%!test
%! % serial, parfor (serial in Octave) and chunk sizes: identical results;
%! % a problem maker drawing random data gets the same data everywhere
%! rmaker = @(lam) gd_leastsq([ones(30, 1), randn(30, 2)], randn(30, 1) + lam);
%! args = {rmaker, zeros(3, 1), 'Axes', {'lam', [0 1], 'StepSizeL', [0.5 1.5], 'Seed', 1:3}, ...
%!         'Fixed', {'MaxIter', 50, 'GradTol', 0}};
%! state = rand('state');
%! A = gd_sweep(args{:}, 'Backend', 'serial');
%! assert (rand('state'), state);              % the caller's generator is left as it was
%! B = gd_sweep(args{:}, 'Backend', 'parfor', 'ChunkSize', 5);
%! C = gd_sweep(args{:}, 'Backend', 'serial', 'ChunkSize', 7);
%! f = setdiff(fieldnames(A), {'time', 'elapsed', 'backend', 'workers', 'chunk'});
%! for k = 1:numel(f)
%!   assert (isequaln(A.(f{k}), B.(f{k})), f{k});
%!   assert (isequaln(A.(f{k}), C.(f{k})), f{k});
%! end
%! % the seed axis matters: another seed, another data set
%! assert (A.f(1, 1, 1) ~= A.f(1, 1, 2));
%! % configuration (lam = 0, eta*L = 0.5, Seed = 3) is what its seed gives:
%! % the generators are seeded before the maker draws its data (the run
%! % before it has Seed 2)
%! rand('twister', 3);  randn('twister', 3);
%! p = rmaker(0);
%! [~, info] = gd_run(p, zeros(3, 1), 'MaxIter', 50, 'GradTol', 0, 'StepSize', 0.5 / p.L);
%! assert (A.f(1, 1, 3), info.f(end));
%! assert (A.L(1, 1, 3), p.L);

%!testif ; ~isempty(pkg('list', 'parallel')) && nproc() >= 1
%! % the process backend (Octave's parallel package), 1 and 2 workers, two
%! % chunk sizes: the same bits as serial (skipped without octave-parallel)
%! rmaker = @(lam) gd_leastsq([ones(30, 1), randn(30, 2)], randn(30, 1) + lam);
%! args = {rmaker, zeros(3, 1), 'Axes', {'lam', [0 1], 'StepSizeL', [0.5 1.5], 'Seed', 1:3}, ...
%!         'Fixed', {'MaxIter', 50, 'GradTol', 0}};
%! A = gd_sweep(args{:}, 'Backend', 'serial');
%! B = gd_sweep(args{:}, 'Backend', 'parallel', 'Workers', 2, 'ChunkSize', 1);
%! C = gd_sweep(args{:}, 'Backend', 'parallel', 'Workers', 2);
%! D = gd_sweep(args{:}, 'Backend', 'parallel', 'Workers', 1);
%! assert (B.backend, 'parallel');
%! f = setdiff(fieldnames(A), {'time', 'elapsed', 'backend', 'workers', 'chunk'});
%! for k = 1:numel(f)
%!   assert (isequaln(A.(f{k}), B.(f{k})), f{k});
%!   assert (isequaln(A.(f{k}), C.(f{k})), f{k});
%!   assert (isequaln(A.(f{k}), D.(f{k})), f{k});
%! end
%! % a worker's error comes back with its identifier
%! bad = @(k) error('my:maker', 'no problem %d', k);
%! try
%!   gd_sweep(bad, [1; 1], 'Axes', {'k', 1:4}, 'Backend', 'parallel', 'Workers', 2);
%!   assert (false);
%! catch err
%!   assert (err.identifier, 'gdflow:gd_sweep:makerFailed');
%!   assert (~isempty(strfind(err.message, 'no problem')));
%! end

%!test
%! % Theory false: the theory columns are NaN, every measured one the same
%! T = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kap, 'StepSizeL', etl}, ...
%!              'Fixed', {'MaxIter', 200, 'GradTol', 0}, 'Backend', 'serial', 'Theory', false);
%! assert (all(isnan(T.theory(:))) && all(isnan(T.theory_stable(:))));
%! for f = {'f', 'gap', 'iterations', 'exitflag', 'rate', 'stable', 'step', 'L', 'mu'}
%!   assert (isequaln(T.(f{1}), S.(f{1})), f{1});
%! end

%!test
%! % MaxTime: no chunk starts after it, the first always runs: with MaxTime 0
%! % exactly the first chunk; the rest is NaN and not done
%! P = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kap, 'StepSizeL', etl}, 'Fixed', {'MaxIter', 50}, ...
%!              'Backend', 'serial', 'ChunkSize', 5, 'MaxTime', 0);
%! assert (nnz(P.done), 5);
%! assert (all(P.done(1:5)));
%! assert (~P.complete);
%! assert (all(isnan(P.f(6:end))));
%! Q = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kap, 'StepSizeL', etl}, 'Fixed', {'MaxIter', 50}, ...
%!              'Backend', 'serial');
%! assert (P.f(1:5), Q.f(1:5));                % the finished ones are the full sweep's

%!testif ; isunix() && exist(fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), 'file') == 2 && system('command -v timeout > /dev/null') == 0
%! % Ctrl-C: a real SIGINT (sent by the maker to its own process at
%! % configuration 5) stops the sweep; the prompt comes back and
%! % gd_sweep('last') returns the finished configurations
%! root = make_absolute_filename(fileparts(which('gd_sweep')));
%! d = tempname(); mkdir(d);
%! c = onCleanup(@() confirm_recursive_rmdir(false, 'local') + rmdir(d, 's'));
%! script = fullfile(d, 'in.m'); out = fullfile(d, 'out.txt');
%! fid = fopen(script, 'w');
%! fprintf(fid, 'addpath(''%s'');\n', root);
%! fprintf(fid, 'mk = @(k) gd_testfun(''ellipse'', k + 0 * sum(cellfun(@(z) kill(getpid(), 2), cell(1, k == 5))));\n');
%! fprintf(fid, 'S = gd_sweep(mk, [1; 1], ''Axes'', {''k'', 1:20}, ''Backend'', ''serial'', ''ChunkSize'', 1); disp(''NOT INTERRUPTED'');\n');
%! fprintf(fid, 'S = gd_sweep(''last''); printf(''DONE %%d FIRST %%d COMPLETE %%d\\n'', nnz(S.done), all(S.done(1:4)), S.complete);\n');
%! fprintf(fid, 'w = warning(''query'', ''gdflow:diverged''); printf(''WARNING %%s\\n'', w.state);\n');
%! fclose(fid);
%! cmd = sprintf('timeout -s KILL 60 %s --norc --no-gui --interactive --no-line-editing < %s > %s 2>&1', ...
%!               fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), script, out);
%! system(cmd);
%! txt = fileread(out);
%! assert (isempty(strfind(txt, 'NOT INTERRUPTED')));
%! tok = regexp(txt, 'DONE (\d+) FIRST (\d) COMPLETE (\d)', 'tokens', 'once');
%! assert (~isempty(tok), txt);
%! assert (str2double(tok{1}) >= 4 && str2double(tok{1}) < 20);
%! assert (tok{2}, '1');
%! assert (tok{3}, '0');
%! assert (~isempty(strfind(txt, 'WARNING on')));   % the sweep's warning state was restored

%!test
%! % the plot: a heat map with the theory's limit at eta = 2/L on each row
%! h0 = figure('visible', 'off');
%! c = onCleanup(@() close(h0));
%! P = gd_sweep(maker, [1; 1], 'Axes', {'kappa', [1 10 100], 'StepSize', [0.005 0.02 0.1 0.5 1.5]}, ...
%!              'Fixed', {'MaxIter', 50, 'GradTol', 0}, 'Backend', 'serial');
%! h = gd_sweep_plot(P);
%! assert (~isempty(h.image) && ~isempty(h.boundary) && ~isempty(h.optimal));
%! % the boundary's x coordinates are log10(2/L) of the rows (a log axis)
%! assert (unique(get(h.boundary, 'xdata')), sort(log10(2 ./ [1 10 100])), 1e-12);
%! clf;
%! h = gd_sweep_plot(P, 'Plot', 'curves', 'X', 'StepSize');
%! assert (numel(h.lines), 6);

%!test
%! % demo_sweep_stability in quick mode: its figures, and every claim checked
%! root = gdf_test_root();
%! old = pwd();
%! figdir = tempname();  mkdir(figdir);
%! c = onCleanup(@() cd(old));
%! c2 = onCleanup(@() confirm_recursive_rmdir(false, 'local') + rmdir(figdir, 's'));
%! cd(fullfile(root, 'demos'));
%! out = evalc('GDF_QUICK = true; GDF_FIGDIR = figdir; demo_sweep_stability');
%! for f = {'sweep_stability.png', 'sweep_limits.png'}
%!   d = dir(fullfile(figdir, f{1}));
%!   assert (numel(d) == 1 && d.bytes > 10000);
%! end
%! assert (numel(strfind(out, 'claim holds')), 5);
%! tok = regexp(out, 'brackets the theory''s limit to the grid spacing [\d.]+ \((\d+) of (\d+)', 'tokens', 'once');
%! assert (str2double(tok{1}) >= str2double(tok{2}) - 2);

%!error <Axes> gd_sweep(gd_quadratic(eye(2)), [1; 1])
%!error <usage> gd_sweep(gd_quadratic(eye(2)))
%!test
%! p = gd_quadratic(eye(2));
%! ids = {};
%! calls = {{p, [1; 1], 'Axes', 3}, ...
%!          {p, [1; 1], 'Axes', {'kappa', [1 2]}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', []}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1, 'StepSize', 0.2}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Fixed', {'StepSize', 0.2}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Fixed', {'Stepsise', 0.2}}, ...
%!          {p, [1; 1], 'Axes', {'Seed', [1 -2]}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Backend', 'cluster'}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Workers', 0}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Display', 'yes'}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Speed', 2}, ...
%!          {p, [NaN; 1], 'Axes', {'StepSize', 0.1}}, ...
%!          {42, [1; 1], 'Axes', {'StepSize', 0.1}}, ...
%!          {@(k) 42, [1; 1], 'Axes', {'k', 1}}, ...
%!          {@(t) deal(sum(t .^ 2), 2 * t), [1; 1], 'Axes', {'StepSizeL', 1}}, ...
%!          {p, [1; 1], 'Axes', {'StepSizeL', 1, 'StepSize', 1}}, ...
%!          {p, [1; 1], 'Axes', {'StepSize', 0.1}, 'Theory', 'yes'}};
%! want = {'badAxes', 'badAxes', 'badAxes', 'badAxes', 'badFixed', 'badFixed', 'badSeed', 'badBackend', ...
%!         'badWorkers', 'badDisplay', 'badOption', 'badStart', 'badProblem', 'badMaker', 'noL', 'badAxes', ...
%!         'badTheory'};
%! for k = 1:numel(calls)
%!   try
%!     gd_sweep(calls{k}{:});
%!     ids{k} = 'no error';
%!   catch err
%!     ids{k} = err.identifier;
%!   end
%!   assert (ids{k}, ['gdflow:gd_sweep:', want{k}]);
%! end
%!error <gd_sweep_plot> gd_sweep_plot(42)

%!test
%! % a Seed axis reaches the runner only where the method takes a Seed: GD on
%! % random problems (the Seed seeds the maker; gd_run's plain methods refuse
%! % Seed), and SGD, whose runs equal gd_run(..., 'Method', 'sgd', 'Seed', s)
%! rand('twister', 5); randn('twister', 5);
%! X = randn(40, 3);  y = X * [1; -1; 2] + 0.1 * randn(40, 1);
%! p = gd_leastsq(X, y);
%! rmaker = @(lam) gd_leastsq(X, y + lam);
%! S = gd_sweep(rmaker, zeros(3, 1), 'Axes', {'lam', [0 1], 'Seed', 1:2}, 'Fixed', {'MaxIter', 20}, ...
%!              'Backend', 'serial');
%! assert (all(S.exitflag(:) == 0));
%! S = gd_sweep(p, zeros(3, 1), 'Axes', {'Seed', [3 4]}, ...
%!              'Fixed', {'Method', 'sgd', 'BatchSize', 4, 'MaxIter', 200}, 'Backend', 'serial');
%! for s = [3 4]
%!   [~, info] = gd_run(p, zeros(3, 1), 'Method', 'sgd', 'BatchSize', 4, 'MaxIter', 200, 'Seed', s);
%!   assert (S.f(S.grid.Seed == s), info.fval);
%! end
%! assert (S.f(1) ~= S.f(2));
%! % a fixed Seed with a plain method seeds the maker only (no badOption)
%! S = gd_sweep(rmaker, zeros(3, 1), 'Axes', {'lam', [0 1]}, 'Fixed', {'Seed', 7, 'MaxIter', 20}, ...
%!              'Backend', 'serial');
%! assert (all(S.exitflag(:) == 0));

%!test
%! % SGD in a sweep: the theory's per-epoch rate of the mean (rho^(2m/B)) beside a
%! % per-epoch measurement, both in the same unit
%! rand('twister', 2); randn('twister', 2);
%! X = randn(200, 2) * diag([1 0.5]);  y = X * [1; 2] + 0.05 * randn(200, 1);
%! p = gd_leastsq(X, y);
%! S = gd_sweep(p, [5; 5], 'Axes', {'StepSizeL', [0.2 0.5]}, ...
%!              'Fixed', {'Method', 'sgd', 'BatchSize', 20, 'MaxIter', 400, 'HistoryStride', 10}, 'Backend', 'serial');
%! lam = eig(X' * X / 200);               % f = mean of (x_i'theta - y_i)^2 / 2
%! assert (max(lam), p.L, 1e-12 * p.L);
%! for j = 1:2
%!   eta = S.step(j);
%!   assert (S.theory(j), max(abs(1 - eta * lam)) ^ (2 * 200 / 20), 1e-10);
%! end
%! assert (all(isfinite(S.rate)));
