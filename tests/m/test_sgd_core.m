% test_sgd_core.m - gd_run(..., 'Method', 'sgd') (issue 16): SGD in C.
% Run: test test_sgd_core   (with m/ and tests/m on the path)
%
% Theory used for the tolerances:
% - BatchSize = m takes the full gradient with GD's update: the same bits.
% - A minibatch gradient is the mean of per-example gradients: compared
%   against an Octave handle computing exactly that (rounding only).
% - Averaged SGD with eta_k = eta0/(1 + k/k0) on a strongly convex
%   quadratic: E||theta_avg,k - theta*||^2 = O(1/k) (Polyak & Juditsky
%   1992; Bach & Moulines 2011): doubling k must roughly halve the mean
%   error; the test checks the ratio over 4x more steps is <= 1/4 times a
%   factor derived from the sampling error of the mean over the seeds.

%!shared X, y, prob, m, ts
%! s = rand('state'); r = randn('state');
%! rand('state', 16); randn('state', 16);
%! m = 200;
%! X = [ones(m, 1), randn(m, 2)];
%! y = X * [1; 2; -1] + 0.3 * randn(m, 1);
%! prob = gd_leastsq(X, y);
%! ts = prob.theta_star;
%! rand('state', s); randn('state', r);

%!test
%! % BatchSize = m is full-batch GD: GD's iterates bit for bit (plain and heavy ball)
%! [t1, i1] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.3, 'BatchSize', m, ...
%!                   'MaxIter', 40, 'HistoryStride', 1, 'History', 'full');
%! [t2, i2] = gd_run(prob, [0; 0; 0], 'StepSize', 0.3, 'MaxIter', 40, 'GradTol', 0, 'History', 'full');
%! assert (isequal(t1, t2));
%! assert (isequal(i1.theta, i2.theta));
%! assert (isequal(i1.f, i2.f));
%! assert (isequal(i1.gradnorm, i2.gradnorm));
%! assert (i1.k, 0:40);
%! assert (i1.epochs, 40);
%! [t3, i3] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.2, 'Momentum', 0.5, ...
%!                   'BatchSize', m, 'MaxIter', 30, 'HistoryStride', 1, 'History', 'full');
%! [t4, i4] = gd_run(prob, [0; 0; 0], 'Method', 'heavyball', 'StepSize', 0.2, 'Momentum', 0.5, ...
%!                   'MaxIter', 30, 'GradTol', 0, 'History', 'full');
%! assert (isequal(t3, t4));
%! assert (isequal(i3.theta, i4.theta));

%!test
%! % same Seed: the same run bit for bit; another Seed: another run
%! o = {'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 3000, 'History', 'full', 'HistoryStride', 100};
%! for s = {'with-replacement', 'without-replacement', 'cyclic'}
%!   [t1, i1] = gd_run(prob, [0; 0; 0], o{:}, 'Sampling', s{1}, 'Seed', 7, 'BatchSize', 3);
%!   [t2, i2] = gd_run(prob, [0; 0; 0], o{:}, 'Sampling', s{1}, 'Seed', 7, 'BatchSize', 3);
%!   [t3, i3] = gd_run(prob, [0; 0; 0], o{:}, 'Sampling', s{1}, 'Seed', 8, 'BatchSize', 3);
%!   assert (isequal(t1, t2) && isequal(i1.theta, i2.theta) && isequal(i1.f, i2.f));
%!   if strcmp(s{1}, 'cyclic')
%!     assert (isequal(t1, t3));          % no randomness in cyclic order
%!   else
%!     assert (~isequal(t1, t3));
%!   end
%!   assert (i1.seed, 7);
%!   assert (i1.sampling, s{1});
%! end

%!test
%! % info: the records at the stride (full-data f and ||grad f||), epochs, k
%! [t, info, J] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 1000, ...
%!                       'HistoryStride', 300, 'Seed', 1);
%! assert (info.k, [0 300 600 900 1000]);
%! assert (info.epochs, 1000 / m);
%! assert (info.iterations, 1000);
%! assert (info.exitflag, 0);
%! assert (info.method, 'sgd');
%! assert (info.f(1), gd_eval(prob, [0; 0; 0]), 1e-12 * info.f(1));
%! [fe, ge] = gd_eval(prob, t);
%! assert (info.fval, fe, 1e-12 * fe);
%! assert (info.f(end), fe, 1e-12 * fe);
%! assert (info.gradnorm(end), norm(ge), 1e-10 * norm(ge));
%! assert (J, info.f(2:end).');
%! assert (isempty(info.theta_avg));
%! % default: one record per epoch, 100 epochs
%! [~, i2] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.01);
%! assert (i2.iterations, 100 * m);
%! assert (i2.k, 0:m:100 * m);

%!test
%! % the minibatch gradient is the mean of the per-example gradients: a
%! % handle computing exactly that (in Octave) gives the native run's
%! % iterates to rounding, for each sampling scheme and batch size
%! fun = @(t, idx) deal(0.5 * mean((X(idx, :) * t - y(idx)) .^ 2), X(idx, :)' * (X(idx, :) * t - y(idx)) / numel(idx));
%! for B = [1 5]
%!   for s = {'with-replacement', 'without-replacement', 'cyclic'}
%!     o = {'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 300, 'BatchSize', B, 'Sampling', s{1}, ...
%!          'Seed', 11, 'HistoryStride', 100};
%!     [t1, i1] = gd_run(prob, [0; 0; 0], o{:});
%!     [t2, i2] = gd_run(fun, [0; 0; 0], o{:}, 'NumExamples', m);
%!     assert (t2, t1, 1e-12 * norm(t1));
%!     assert (i2.f, i1.f, 1e-12 * max(i1.f));
%!   end
%! end

%!test
%! % cyclic sampling with BatchSize 1 visits 1, 2, ..., m in order: the handle sees it
%! global GDF_SGD_SEEN
%! GDF_SGD_SEEN = [];
%! fun = @(t, idx) gdf_test_sgd_record(t, idx);
%! gd_run(fun, 0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 7, 'BatchSize', 3, ...
%!        'Sampling', 'cyclic', 'MaxIter', 5, 'History', 'none');
%! % 5 steps of 3 (the full-data evaluations at theta_0 and at the end pass 1..7)
%! seen = GDF_SGD_SEEN;
%! steps = seen(cellfun(@numel, seen) == 3);
%! assert (cat(1, steps{:}).', [1 2 3 4 5 6 7 1 2 3 4 5 6 7 1]);
%! % without replacement: each epoch of 7 draws is a permutation of 1..7
%! GDF_SGD_SEEN = [];
%! gd_run(fun, 0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 7, 'BatchSize', 1, ...
%!        'Sampling', 'without-replacement', 'MaxIter', 70, 'History', 'none', 'Seed', 5);
%! seen = GDF_SGD_SEEN;
%! steps = cat(1, seen{cellfun(@numel, seen) == 1});
%! assert (numel(steps), 70);
%! for e = 0:9
%!   assert (sort(steps(7 * e + (1:7))).', 1:7);
%! end
%! assert (~isequal(steps(1:7), steps(8:14)));   % a new permutation each epoch
%! clear global GDF_SGD_SEEN

%!test
%! % the schedules: eta_k for k = 0, 1, 2 read back from the iterates of a
%! % one-example problem f = (theta - 1)^2/2 (theta_k+1 = theta_k - eta_k (theta_k - 1))
%! p1 = gd_leastsq(1, 1);
%! eta0 = 0.5; k0 = 2;
%! sched = {'constant', @(k) eta0 + 0 * k; 'inverse', @(k) eta0 ./ (1 + k / k0); ...
%!          'inverse-sqrt', @(k) eta0 ./ sqrt(1 + k / k0); @(k) 0.1 * (k + 1), @(k) 0.1 * (k + 1)};
%! for j = 1:rows(sched)
%!   [~, info] = gd_run(p1, 3, 'Method', 'sgd', 'StepSize', eta0, 'Schedule', sched{j, 1}, ...
%!                      'ScheduleK0', k0, 'MaxIter', 3, 'HistoryStride', 1, 'History', 'full');
%!   th = info.theta;
%!   eta = (th(1:3) - th(2:4)) ./ (th(1:3) - 1);
%!   assert (eta, sched{j, 2}(0:2), 1e-14);
%! end

%!test
%! % Averaging: theta_avg is the mean of theta_1..theta_k (or from AverageFrom)
%! [~, info] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 50, ...
%!                    'HistoryStride', 1, 'History', 'full', 'Averaging', 'on', 'Seed', 2);
%! assert (info.theta_avg, mean(info.theta(:, 2:end), 2), 1e-13);
%! [~, info] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 50, ...
%!                    'HistoryStride', 1, 'History', 'full', 'Averaging', 'on', 'AverageFrom', 20, 'Seed', 2);
%! assert (info.theta_avg, mean(info.theta(:, 21:end), 2), 1e-13);

%!test
%! % divergence: eta far above 2/L stops with exitflag -2, the warning and the history so far
%! ws = warning('off', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! [t, info] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 50 / prob.L, 'MaxIter', 1e5, ...
%!                    'HistoryStride', 1);
%! assert (info.exitflag, -2);
%! assert (info.iterations < 1e5);
%! assert (all(isfinite(t)));
%! assert (numel(info.f), numel(info.k));
%! assert (info.k(end), info.iterations);

%!warning id=gdflow:diverged gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 50 / prob.L, 'MaxIter', 1e5);

%!error id=gdflow:gd_run:badBatchSize gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'BatchSize', 0)
%!error id=gdflow:gd_run:badBatchSize gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'BatchSize', m + 1)
%!error id=gdflow:gd_run:badBatchSize gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'BatchSize', 2.5)
%!error <BatchSize must be an integer from 1 to the number of examples> gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'BatchSize', 0)
%!error id=gdflow:gd_run:badOption gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Sampling', 'shuffle')
%!error id=gdflow:gd_run:badSchedule gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Schedule', @(k) 0.1 - 0.05 * k)
%!error id=gdflow:gd_run:badSchedule gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Schedule', @(k) NaN)
%!error <at k = 2 it gave 0 \(the Schedule handle\)> gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Schedule', @(k) 0.1 - 0.05 * k)
%!error id=gdflow:gd_run:badSchedule gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Schedule', 'cosine')
%!error id=gdflow:gd_run:noNumExamples gd_run(@(t, idx) deal(sum(t .^ 2), 2 * t), [1; 1], 'Method', 'sgd', 'StepSize', 0.1)
%!error id=gdflow:gd_run:badSeed gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Seed', -1)
%!error id=gdflow:gd_run:badSeed gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'Seed', 1.5)
%!error id=gdflow:gd_run:sgdManyStarts gd_run(prob, zeros(3, 2), 'Method', 'sgd')
%!error id=gdflow:gd_run:badOption gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'GradTol', 1e-6)
%!error id=gdflow:gd_run:badOption gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 'backtracking')
%!error id=gdflow:gd_run:badOption gd_run(prob, [0; 0; 0], 'BatchSize', 4)
%!error id=gdflow:gd_run:badProblem gd_run(gd_quadratic(eye(2), [1; 1]), [0; 0], 'Method', 'sgd')
%!error id=gdflow:gd_run:noLipschitz gd_run(@(t, idx) deal(sum(t .^ 2), 2 * t), [1; 1], 'Method', 'sgd', 'NumExamples', 3)

%!test
%! % Polyak-Ruppert: with eta_k = eta0/sqrt(1 + k/k0) (decreasing slower than
%! % 1/k) the averaged iterate has E||theta_avg,k - theta*||^2 ~ tr(H^-1 C H^-1)/k
%! % (Polyak & Juditsky 1992; Bach & Moulines 2011), so 4x more steps divide
%! % the mean squared error by 4, while the last iterate's error only halves
%! % (~ eta_k).  Tolerance: over S independent seeds each mean has relative
%! % standard deviation <= sqrt(2/S) (||e||^2 of a Gaussian e has
%! % Var <= 2 E^2), their ratio <= 2/sqrt(S); 3 standard deviations:
%! % ratio <= (1/4)(1 + 6/sqrt(S)) = 0.4 for S = 100 -- which the last
%! % iterate's 1/2 (a wrong theta_avg) fails.
%! randn('state', 3); mm = 100;
%! Xa = [ones(mm, 1), randn(mm, 2)];
%! pa = gd_leastsq(Xa, Xa * [1; 2; -1] + 0.5 * randn(mm, 1));
%! tsa = pa.theta_star;
%! S = 100; K = [4000 16000];
%! e = zeros(S, 2);
%! for j = 1:2
%!   for s = 1:S
%!     [~, info] = gd_run(pa, tsa, 'Method', 'sgd', 'StepSize', 0.2, 'Schedule', 'inverse-sqrt', ...
%!                        'ScheduleK0', 10, 'Averaging', 'on', 'MaxIter', K(j), 'Seed', s, 'History', 'none');
%!     e(s, j) = sum((info.theta_avg - tsa) .^ 2);
%!   end
%! end
%! ratio = mean(e(:, 2)) / mean(e(:, 1));
%! assert (ratio <= 0.25 * (1 + 6 / sqrt(S)));
%! assert (ratio >= 0.25 * (1 - 6 / sqrt(S)));   % not faster than 1/k either (no bias in the test)

%!test
%! % the same Seed gives the same bits with 1 and 2 threads (OMP_NUM_THREADS,
%! % OPENBLAS_NUM_THREADS) in child processes; X has 2^20+ entries, so the
%! % full-data records run threaded where OpenMP is available
%! mdir = fileparts(which('gd_run'));
%! out = {[tempname() '.mat'], [tempname() '.mat']};
%! code = ['addpath(''%s''); randn(''state'', 1); X = randn(30000, 40); y = X * ones(40, 1) + randn(30000, 1); ' ...
%!         '[t, i] = gd_run(gd_leastsq(X, y), zeros(40, 1), ''Method'', ''sgd'', ''StepSize'', 0.01, ' ...
%!         '''BatchSize'', 8, ''MaxIter'', 20000, ''HistoryStride'', 5000, ''Seed'', 3, ''Averaging'', ''on''); ' ...
%!         'f = i.f; a = i.theta_avg; save(''-binary'', ''%s'', ''t'', ''f'', ''a'');'];
%! for j = 1:2
%!   cmd = sprintf('OMP_NUM_THREADS=%d OPENBLAS_NUM_THREADS=%d timeout 60 octave-cli --no-gui --norc --eval "%s" > /dev/null 2>&1', ...
%!                 j, j, sprintf(code, mdir, out{j}));
%!   system(cmd);
%! end
%! r1 = load(out{1}); r2 = load(out{2});
%! delete(out{1}); delete(out{2});
%! assert (isequal(r1.t, r2.t) && isequal(r1.f, r2.f) && isequal(r1.a, r2.a));
%! assert (numel(r1.f), 5);

%!test
%! % logistic regression (lambda > 0), dense and sparse X: the native
%! % minibatch gradient is the mean of the per-example gradients plus
%! % lambda/m theta(2:end) -- an Octave handle computing exactly that gives
%! % the same iterates to rounding; dense and sparse X agree to rounding
%! randn('state', 5); rand('state', 5);
%! mm = 150; Xl = [ones(mm, 1), randn(mm, 3)]; Xl(abs(Xl) < 0.7) = 0; Xl(:, 1) = 1;
%! yl = double(rand(mm, 1) < 1 ./ (1 + exp(-Xl * [0.5; 1; -1; 2])));
%! lam = 0.5;
%! sig = @(z) 1 ./ (1 + exp(-z));
%! fun = @(t, idx) deal(mean(log1p(exp(Xl(idx, :) * t)) - yl(idx) .* (Xl(idx, :) * t)) + lam / (2 * mm) * sum(t(2:end) .^ 2), ...
%!                      Xl(idx, :)' * (sig(Xl(idx, :) * t) - yl(idx)) / numel(idx) + lam / mm * [0; t(2:end)]);
%! o = {'Method', 'sgd', 'StepSize', 0.2, 'MaxIter', 600, 'BatchSize', 4, 'Seed', 3, 'HistoryStride', 200};
%! [t1, i1] = gd_run(gd_logistic(Xl, yl, lam), zeros(4, 1), o{:});
%! [t2, i2] = gd_run(gd_logistic(sparse(Xl), yl, lam), zeros(4, 1), o{:});
%! [t3, i3] = gd_run(fun, zeros(4, 1), o{:}, 'NumExamples', mm);
%! assert (t2, t1, 1e-13 * norm(t1));
%! assert (t3, t1, 1e-12 * norm(t1));
%! assert (i3.f, i1.f, 1e-12 * max(i1.f));
%! assert (i1.k, [0 200 400 600]);
%! % sparse least squares too
%! [t4, i4] = gd_run(gd_leastsq(sparse(Xl), Xl * [1; 2; 3; 4]), zeros(4, 1), o{:});
%! [t5, i5] = gd_run(gd_leastsq(Xl, Xl * [1; 2; 3; 4]), zeros(4, 1), o{:});
%! assert (t4, t5, 1e-13 * norm(t5));

%!test
%! % MaxTime stops an unlimited run (exitflag 0); History 'none' gives the final values only
%! [~, info] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.01, 'MaxIter', Inf, 'MaxTime', 0.05, ...
%!                    'History', 'none');
%! assert (info.exitflag, 0);
%! assert (info.message, 'Stopped: MaxTime exceeded.');
%! assert (info.k, info.iterations);
%! assert (isscalar(info.f) && info.f == info.fval);
%! assert (info.funccount, 2);   % theta_0 and the end: no records in between

%!test
%! % Ctrl-C reaches a long run of minibatch steps (which calls nothing back):
%! % a child process gets SIGINT after 3 s and must end without the KILL that
%! % timeout sends 20 s later (exit status 137; 124 = stopped by the INT)
%! mdir = fileparts(which('gd_run'));
%! code = sprintf(['addpath(''%s''); X = [ones(1000, 1), cos((1:1000)'')]; p = gd_leastsq(X, X * [1; 2]); ' ...
%!                 'gd_run(p, [0; 0], ''Method'', ''sgd'', ''StepSize'', 0.01, ''MaxIter'', Inf, ''History'', ''none'');'], mdir);
%! st = system(sprintf('timeout -k 20 -s INT 3 octave-cli --no-gui --norc --eval "%s" > /dev/null 2>&1', code));
%! assert (st ~= 137);

%!test
%! % OutputFcn at the records: states init, iter..., done; iteration = info.k;
%! % fval the full-data f; returning true stops the run (exitflag -1)
%! global GDF_SGD_OV
%! GDF_SGD_OV = {};
%! out = @(t, ov, st) gdf_test_sgd_outfcn(t, ov, st, 400);
%! [t, info] = gd_run(prob, [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 1000, ...
%!                    'HistoryStride', 200, 'OutputFcn', out, 'Seed', 4);
%! calls = GDF_SGD_OV;
%! clear global GDF_SGD_OV
%! assert (info.exitflag, -1);
%! assert (info.message, 'Stopped by OutputFcn.');
%! assert (info.iterations, 400);
%! assert (info.k, [0 200 400]);
%! st = cellfun(@(c) c{2}, calls, 'UniformOutput', false);
%! assert (st, {'init', 'iter', 'iter', 'iter', 'done'});
%! its = cellfun(@(c) c{1}.iteration, calls);
%! assert (its, [0 0 200 400 400]);
%! assert (calls{3}{1}.fval, info.f(2));
%! assert (calls{3}{1}.epoch, 200 / m);

%!test
%! % Display 'iter': a header and one row per record (k = 0, 20, 40), then the final line
%! out = evalc('gd_run(prob, [0; 0; 0], ''Method'', ''sgd'', ''StepSize'', 0.05, ''MaxIter'', 45, ''HistoryStride'', 20, ''Display'', ''iter'');');
%! rows_ = regexp(out, '^\s+(\d+)\s+\S+\s+\S+\s+\S+\s*$', 'tokens', 'lineanchors');
%! assert (cellfun(@(c) str2double(c{1}), rows_), [0 20 40]);
%! assert (~isempty(strfind(out, '45 steps')));
%!error <OutputFcn must return a logical scalar .* at step 0 \(state 'init'\) it returned an empty array> gd_run(gd_leastsq([1 0; 0 1; 1 1], [1; 2; 3]), [0; 0], 'Method', 'sgd', 'MaxIter', 10, 'OutputFcn', @(t, o, s) [])
