function R = fuzz_leak(n, verbose, only)
%FUZZ_LEAK  Call every gateway N times in one session; resident memory must stay flat.
%   R = FUZZ_LEAK(N) calls each gateway (m/private/*_mex) N times, cycling
%   through a list of good calls and bad ones (errors raised at every stage:
%   argument checks, option parsing after scratch memory was allocated, a
%   handle that throws from inside the C loop, a handle or OutputFcn that
%   returns the wrong thing, divergence warnings), and samples the resident
%   set size (VmRSS of /proc/self/status).  The first N/10 calls are a
%   warm-up.  Octave's allocator pools make RSS creep by a few MB and then
%   stop; a leak grows in proportion to the calls.  So the verdict looks at
%   the second half of the calls: R.bytes_per_call is the growth from call
%   N/2 to call N divided by N/2, and ok means below 16 bytes per call (the
%   smallest leak, one empty mxArray's data per call, is ~80 bytes) with a
%   total growth below 4 MB.  R is a struct array with fields gateway,
%   calls, rss0_kb (after the warm-up), rss1_kb (at the end), growth_kb,
%   bytes_per_call, seconds and ok.  FUZZ_LEAK(N, true) prints one line per
%   gateway.
%   FUZZ_LEAK(N, VERBOSE, ONLY) runs only the groups whose label is in the
%   cell array ONLY (e.g. {'sgd', 'sgd-sde', 'lanes'}; '' is a gateway's
%   first, unlabelled group; 'gd_sgd_cov_mex' names that gateway's group).
%   FUZZ_LEAK(0, VERBOSE, ONLY) lists the outcome of each call once.
%   Gateways the list does not know (added later) get generic bad calls.
%   Run from m/private (the gateways are called directly), m/ on the path;
%   needs Linux (/proc).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 2
  verbose = false;
end
ws = warning('off', 'all');
cleanup = onCleanup(@() warning(ws));
th0 = [0.5; 0.5];
q = gd_quadratic([3 1; 1 2], [1; 1]);
ls = gd_leastsq([1 1; 1 2; 1 3], [1; 2; 2]);
lg = gd_logistic([1 -1; 1 0.5; 1 2; 1 -2], [0; 1; 1; 0], 0.1);
% 280,000 entries: below GDF_DATA_PAR_MIN (2^20 since issue 14), where the
% automatic choice (threads 0) is one thread; the field threads = 2 forces
% two (gdf_data_threads: an explicit count is used at any size), so these
% calls do run the threaded pass
randn('seed', 7);
Xt = [ones(40000, 1), randn(40000, 6)];
lst = gd_leastsq(Xt, Xt * ones(7, 1));
lst.gram = 'off';
lst.threads = 2;
lgt = gd_logistic(Xt, double(Xt(:, 2) > 0));
lgt.threads = 2;
rb = gd_testfun('rosenbrock');
fh = @(x) deal(sum(x .^ 2), 2 * x);
thrower = @(x) error('fuzz:leak', 'thrown from the objective');
late = @(x) deal(late_throw(x), 2 * x);
badout = @(x) deal(1, [x; x]);
qbad = q;
qbad.b = 'x';
lsbad = ls;
lsbad.y = [1; 2];
outbad = @(t, o, s) struct();

L = struct('name', {}, 'calls', {}, 'label', {});
L(end + 1) = gw('gd_run_mex', { ...
  {q, th0, 'MaxIter', 20, 'History', 'full'}, ...
  {q, th0, 'StepSize', 1, 'MaxIter', 50}, ...                 % diverges: warning
  {ls, th0, 'StepSize', 'backtracking', 'MaxIter', 10}, ...
  {lg, th0, 'MaxIter', 10, 'History', 'none'}, ...
  {rb, th0, 'StepSize', 1e-3, 'MaxIter', 10}, ...
  {fh, th0, 'StepSize', 0.1, 'MaxIter', 5, 'OutputFcn', @(t, o, s) false}, ...
  {fh, th0, 'StepSize', 0.1, 'MaxIter', 5, 'OutputFcn', outbad}, ...  % error in the monitor
  {thrower, th0, 'StepSize', 0.1}, ...                        % error from the first call
  {late, th0, 'StepSize', 0.1, 'MaxIter', 20}, ...            % error from inside the loop
  {badout, th0, 'StepSize', 0.1}, ...
  {ls, th0, 'StepSiz', 0.1}, ...                              % after the data workspace
  {lsbad, th0}, {qbad, th0}, {q, int32(th0)}, {q, [th0; 1]}, {q}, ...
  {lst, zeros(7, 1), 'MaxIter', 2}, {lgt, zeros(7, 1), 'MaxIter', 2}});   % threaded
L(end + 1) = gw('gf_run_mex', { ...
  {q, th0, [0 1]}, ...
  {q, th0, [0 0.5 1], 'Method', 'rk4', 'Step', 0.1}, ...
  {ls, th0, [0 1], 'Method', 'implicit', 'Step', 0.1}, ...
  {q, th0, [0 1], 'Method', 'exact'}, ...
  {q, th0, [0 10], 'Method', 'euler', 'Step', 1}, ...         % diverges: warning
  {fh, th0, [0 1], 'Method', 'heun', 'Step', 0.1}, ...
  {late, th0, [0 1]}, {thrower, th0, [0 1]}, {badout, th0, [0 1]}, ...
  {q, th0, [1 0]}, {q, th0, [0 1], 'Method', 'euler'}, {lsbad, th0, [0 1]}, {q, th0}});
L(end + 1) = gw('gf_exact_mex', { ...
  {[3 1; 1 2], [1; 1], th0, [0 0.5 1]}, ...
  {[3 1; 0 2], [1; 1], [th0, -th0], [0 1 2]}, ...
  {[3 1; 1 2], [1; 1], th0, [0 1 10], 'Iterates', 0.1}, ...
  {[3 1; 1 2], [1; 1], th0, [0 0.5], 'Iterates', 0.1}, ...    % bad index
  {[3 1; 1 2], [1; 1], th0, [0 1], 'Method', 'eigen'}, ...
  {[3 1; 0 2], [], th0, 1, 'Method', 'eig'}, ...
  {ones(2, 3), [], th0, 1}, {[3 1; 1 2], 'b', th0, 1}});
L(end + 1) = gw('gd_eval_mex', { ...
  {q, [th0, -th0]}, {ls, th0}, {lg, th0}, {rb, [th0, th0]}, {fh, th0}, ...
  {thrower, th0}, {badout, th0}, {qbad, th0}, {q, int32(th0)}, {q}});
L(end + 1) = gw('gdf_options_mex', { ...
  {'gd_run', 'StepSize', 0.1, 'MaxIter', 10}, {'gf_run', 'Method', 'rk4'}, ...
  {'gd_run', 'StepSiz', 0.1}, {'gd_run', 'History', 'most'}, {'gd_run', 'StepSize'}, ...
  {'nope'}, {5}});
% Octave's diagonal, permutation and range matrices (eye, diag, P(:, perm),
% a:b): Octave 7.3 leaks ~80 bytes when a MEX asks for their size (mxGetM,
% mxGetN, mxGetNumberOfDimensions) and then for their data (mxGetPr); the
% gateways read the data first.  Every slot that takes a matrix gets one.
dg = @(v) diag(v);              % a diagonal matrix
P2 = eye(2);
P2 = P2(:, [2 1]);              % a permutation matrix
qd = q;
qd.A = diag([3 2]);             % hand-edited: the constructor stores full A
qp = q;
qp.A = 2 * P2 + 3 * eye(2);     % (full after arithmetic: a control)
lsd = ls;
lsd.X = [eye(2); 1 1];          % full after concatenation: a control
rng = 0:1;                      % a range (row vector)
fhd = @(x) deal(sum(x .^ 2), (0:1) + 2 * x');   % gradient a (row) range + x: full; a control
fhr = @(x) deal(sum(x .^ 2), 0:1);              % gradient a range
mh = @(x) eye(2);               % Metric handle returning a diagonal matrix
mp = @(x) P2 + 2 * eye(2);
L(end + 1) = gw('gd_run_mex', { ...
  {qd, th0, 'MaxIter', 5}, {q, eye(2), 'MaxIter', 5}, {q, P2, 'MaxIter', 5}, ...
  {q, rng, 'MaxIter', 5}, {q, dg([1 2]), 'MaxIter', 5}, ...
  {q, th0, 'Method', 'natural', 'Metric', eye(2), 'MaxIter', 5}, ...
  {q, th0, 'Method', 'natural', 'Metric', dg([2 3]), 'MaxIter', 5}, ...
  {q, th0, 'Method', 'natural', 'Metric', mh, 'MaxIter', 5}, ...
  {fhr, th0, 'StepSize', 0.1, 'MaxIter', 3}, {fhd, th0, 'StepSize', 0.1, 'MaxIter', 3}}, 'diag');
L(end + 1) = gw('gf_run_mex', { ...
  {qd, th0, [0 1]}, {q, rng', 0:0.5:1, 'Method', 'rk4', 'Step', 0.1}, ...
  {q, th0, 0:0.25:1}, {q, P2(:, 1), [0 1]}, ...
  {q, th0, [0 1], 'Method', 'heavyball', 'InitialVelocity', rng, 'Step', 0.1}, ...
  {q, th0, [0 1], 'Method', 'natural', 'Metric', eye(2), 'Step', 0.1}, ...
  {q, th0, [0 1], 'Method', 'natural', 'Metric', mh, 'Step', 0.1}, ...
  {q, th0, [0 1], 'Method', 'natural', 'Metric', mp, 'Step', 0.1}, ...
  {fhr, th0, [0 1], 'Method', 'euler', 'Step', 0.1}}, 'diag');
L(end + 1) = gw('gf_exact_mex', { ...
  {eye(2), [1; 1], th0, [0 1]}, {dg([1 2]), rng, th0, 0:0.5:1}, {P2 + eye(2), [], eye(2), 1}, ...
  {[3 1; 1 2], [], P2, [0 1], 'Iterates', 0.1}, {dg([1 2]), [], th0, 0:2, 'Iterates', 0.1}}, 'diag');
L(end + 1) = gw('gd_eval_mex', { ...
  {qd, th0}, {q, eye(2)}, {q, P2}, {q, rng'}, {qd, dg([1 2])}, {fhr, th0}, {lsd, th0}}, 'diag');
L(end + 1) = gw('gdf_options_mex', { ...
  {'gd_run', 'Metric', eye(2)}, {'gf_run', 'InitialVelocity', rng}, {'gd_run', 'StepSize', eye(1)}}, 'diag');
% issue 14: gd_leastsq's gateway (good calls, no G for p > 4096, errors
% after the key array was made), and the three problem gateways on sparse X
% (kept sparse) and on least-squares structs carrying G, Gkey, Ganchor (the
% hand-over used, refused by the fingerprint, or garbage), good and bad
Xl = [1 1; 1 2; 1 3];
yl = [1; 2; 2];
L(end + 1) = gw('gdf_leastsq_mex', { ...
  {Xl, yl}, {[Xl, Xl(:, 2) .^ 2; 1 4 16], [yl; 1]}, {ones(3, 2), yl}, {ones(1, 5), 1}, ...
  {[Xl(1:2, :); NaN 1], yl}, {Xl, [1; NaN; 2]}, {Xl, [1; 2]}, {zeros(0, 2), []}, {int32(Xl), yl}, ...
  {sparse(Xl), yl}, {Xl}, {eye(3), yl}});
Xs = sparse([1 1; 1 0; 0 3; 1 2]);
lss = gd_leastsq(Xs, [1; 2; 2; 0]);           % X sparse, G from full(X)
lgs = gd_logistic(Xs, [0; 1; 1; 0] == 1, 0.1);
% (a sparse X reaches the CSC kernels at any size; the constructors' path
% beyond 5e6 entries is in fuzz_cases: here it would cost ~15 ms a call)
Xb = sparse([1:100, 1:100], [ones(1, 100), 2 * ones(1, 100)], [ones(1, 100), 1:100], 5000, 2);
yb = zeros(5000, 1);
yb(1:100) = 1;
lsb = gd_leastsq(Xb, yb);
lgb = gd_logistic(Xb, yb == 1, 0.1);
lsbad2 = lss;
lsbad2.X = Xs(1:3, :);                        % edited: rows do not match y
lgbad = lgs;
lgbad.y = [0; 1; 2; 0];
lsG = ls;
lsG.G = ls.G + 1;                             % fingerprint refuses it
lsK = ls;
lsK.Gkey = zeros(1, 8, 'uint64');
lsA = ls;
lsA.Ganchor = NaN(5, 1);
lsX = ls;
lsX.X = ls.X + [0 0; 0 0; 0 1];               % X edited after construction
lsS = ls;
lsS.X = sparse(ls.X);                         % sparse X with a dense G
lsGbad = ls;
lsGbad.G = {1};
lsE = ls;
lsE.X = [ls.X; 1 1];                          % error after the key was computed
for r = 1:2
  switch r
    case 1
      lab = 'sparse X';
      gd = {{lss, th0, 'MaxIter', 20}, {lgs, th0, 'Method', 'natural', 'MaxIter', 5}, ...
            {lss, [th0, -th0], 'StepSize', 'backtracking', 'MaxIter', 10}, {lsb, th0, 'MaxIter', 2}, ...
            {lgb, th0, 'MaxIter', 2}, {lsbad2, th0}, {lgbad, th0}, {lss, th0, 'StepSiz', 1}, {lss, [th0; 1]}};
      gf = {{lss, th0, [0 1]}, {lgs, th0, [0 1], 'Method', 'rk4', 'Step', 0.1}, {lsb, th0, [0 0.5], 'Method', 'euler', 'Step', 0.25}, ...
            {lsbad2, th0, [0 1]}, {lgbad, th0, [0 1]}, {lss, th0, [1 0]}};
      ev = {{lss, [th0, -th0]}, {lgs, th0}, {lsb, th0}, {lgb, th0}, {lsbad2, th0}, {lgbad, th0}, {lss, int8(th0)}};
    case 2
      lab = 'G';
      gd = {{ls, th0, 'MaxIter', 20}, {lsG, th0, 'MaxIter', 20}, {lsK, th0, 'MaxIter', 20}, ...
            {lsA, th0, 'Method', 'nesterov', 'MaxIter', 20}, {lsX, th0, 'MaxIter', 20}, {lsS, th0, 'MaxIter', 20}, ...
            {lsGbad, th0, 'MaxIter', 5}, {lsE, th0}, {ls, th0, 'StepSiz', 1}, {lsG, th0, 'Method', 'natural', 'Metric', 'hessian'}};
      gf = {{ls, th0, [0 1]}, {lsG, th0, [0 1], 'Method', 'exact'}, {lsX, th0, [0 1], 'Method', 'implicit', 'Step', 0.1}, ...
            {lsS, th0, [0 1]}, {lsE, th0, [0 1]}, {lsA, th0, [1 0]}};
      ev = {{ls, [th0, -th0]}, {lsG, th0}, {lsK, th0}, {lsX, th0}, {lsS, th0}, {lsE, th0}, {lsGbad, th0}};
  end
  L(end + 1) = gw('gd_run_mex', gd, lab); %#ok<AGROW>
  L(end + 1) = gw('gd_eval_mex', ev, lab); %#ok<AGROW>
  L(end + 1) = gw('gf_run_mex', gf, lab); %#ok<AGROW>
end
% round 5 (fuzz5): Method 'sgd' on dense, sparse and handle problems
% (good calls, every option, errors from the option checks after the
% row-major copy / CSR copy / index list were made, a Schedule or handle
% that throws or returns garbage inside the loop, an OutputFcn that
% stops), gd_sgd_cov's gateway ('lsq', 'solve', 'exact', bad calls), gf_run
% 'sgd-sde' (with and without NoiseCov, errors), and the many-start lane
% kernels (gd_run d x m for 16 < d <= 256, gf_run d x m fixed step d <= 16)
Xg = [ones(60, 1), sin(1:60)', cos(2 * (1:60))'];
yg = Xg * [1; -1; 0.5] + 0.1 * sin(7 * (1:60)');
sls = gd_leastsq(Xg, yg);
ssp = gd_leastsq(sparse(Xg .* (abs(Xg) > 0.3)), yg);
slg = gd_logistic(Xg, yg > 1, 0.1);
hsg = @(x, idx) deal(mean((Xg(idx, :) * x - yg(idx)) .^ 2) / 2, Xg(idx, :)' * (Xg(idx, :) * x - yg(idx)) / numel(idx));
hsbad = @(x, idx) deal(1, [x; x]);
hslate = @(x, idx) deal(late_throw(x), x);
t3 = zeros(3, 1);
sgo = {'Method', 'sgd', 'StepSize', 0.05};
L(end + 1) = gw('gd_run_mex', { ...
  [{sls, t3}, sgo, {'MaxIter', 200}], ...
  [{sls, t3}, sgo, {'MaxIter', 200, 'BatchSize', 4, 'Sampling', 'without-replacement', 'Averaging', 'on', 'History', 'full'}], ...
  [{sls, t3}, sgo, {'MaxIter', 100, 'Sampling', 'cyclic', 'Schedule', 'inverse', 'Momentum', 0.5, 'HistoryStride', 7}], ...
  [{sls, t3}, sgo, {'MaxIter', 50, 'Schedule', @(k) 0.05 / (1 + k)}], ...
  [{sls, t3}, sgo, {'MaxIter', 50, 'Schedule', @(k) -1}], ...                                  % badSchedule inside the loop
  [{sls, t3}, sgo, {'MaxIter', 50, 'Schedule', @(k) error('fuzz:leak', 'schedule throws')}], ...
  [{sls, t3}, sgo, {'MaxIter', 50, 'OutputFcn', @(t, o, s) o.iteration > 20, 'HistoryStride', 5}], ...
  [{sls, t3}, sgo, {'MaxIter', 50, 'OutputFcn', @(t, o, s) struct()}], ...
  [{sls, t3}, {'Method', 'sgd', 'StepSize', 50, 'MaxIter', 100}], ...                        % diverges: warning
  [{sls, t3}, sgo, {'BatchSize', 61}], [{sls, t3}, sgo, {'GradTol', 1e-3}], [{sls, t3}, sgo, {'Seed', -1}], ...
  [{sls, [t3, t3]}, sgo], [{sls, t3}, sgo, {'HistoryStride', 0}], [{sls, t3}, sgo, {'Schedule', 'nope'}], ...
  [{ssp, t3}, sgo, {'MaxIter', 200, 'BatchSize', 3, 'History', 'full'}], ...
  [{ssp, t3}, sgo, {'MaxIter', 200, 'Sampling', 'without-replacement', 'AverageFrom', 50}], ...
  [{ssp, t3}, sgo, {'BatchSize', 0}], [{ssp, t3}, sgo, {'MaxIter', 10, 'Momentum', 1}], ...   % after the CSR copy
  [{slg, t3}, sgo, {'MaxIter', 100, 'BatchSize', 5}], ...
  [{hsg, t3}, sgo, {'NumExamples', 60, 'MaxIter', 40, 'BatchSize', 3}], ...
  [{hsg, t3}, sgo, {'NumExamples', 60, 'MaxIter', 40, 'Sampling', 'without-replacement', 'History', 'full', 'HistoryStride', 4}], ...
  [{hsbad, t3}, sgo, {'NumExamples', 60, 'MaxIter', 10}], ...
  [{hslate, t3}, sgo, {'NumExamples', 60, 'MaxIter', 400}], ...
  [{thrower, t3}, sgo, {'NumExamples', 60}], [{hsg, t3}, sgo], [{hsg, t3}, sgo, {'NumExamples', 1.5}], ...
  [{hsg, t3}, sgo, {'NumExamples', 2 ^ 53}]}, 'sgd');                                        % tooLarge
Ag = [2 0.5; 0.5 1];
Cg = [1 0.2; 0.2 0.5];
L(end + 1) = gw('gd_sgd_cov_mex', { ...
  {'lsq', Xg, yg, [1; -1; 0.5]}, {'solve', Ag, Cg, 0.05, 0.1}, {'solve', [1 0; 0 0], Cg, 0.05, 0.1}, ...
  {'exact', Xg, Xg' * Xg / 60, eye(3), 0.1, 0.5}, {'lsq', Xg, yg(1:5), [1; 2; 3]}, {'lsq', Xg, yg, [1; 2]}, ...
  {'solve', Ag, eye(3), 0.1, 0.1}, {'solve', Ag, Cg, NaN, 0.1}, {'exact', ones(3, 30), eye(30), eye(30), 0.1, 1}, ...
  {'solve', [Inf 0; 0 1], Cg, 0.1, 0.1}, {'nope'}, {}, {'lsq', sparse(Xg), yg, [1; 2; 3]}, ...
  {'solve', int32(Ag), Cg, 0.1, 0.1}, {'solve', Ag, Cg}});
L(end + 1) = gw('gf_run_mex', { ...
  {sls, t3, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.05}, ...
  {sls, t3, [0 0.5 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'BatchSize', 4, 'Sampling', 'independent-batches'}, ...
  {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'NoiseCov', Cg, 'Seed', 3}, ...
  {sls, [t3, -t3], [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, ...
  {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'NoiseCov', [1 0; 0 -1]}, ...
  {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'NoiseCov', NaN(2)}, ...
  {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, ...                    % no C
  {sls, t3, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'BatchSize', 61}, ...
  {sls, t3, [0 1], 'Method', 'sgd-sde', 'Step', 0.1}, {ssp, t3, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, ...
  {q, th0, [0 100], 'Method', 'sgd-sde', 'StepSize', 1, 'Step', 2, 'NoiseCov', Cg}}, 'sgd-sde');   % diverges
Q20 = gd_quadratic(eye(20) + 0.05, ones(20, 1));
Q64 = gd_quadratic(eye(64) + 0.01 * ones(64), ones(64, 1));
Q8 = gd_quadratic(eye(8) + 0.1, ones(8, 1));
T20 = repmat((1:6) / 6, 20, 1);
T64 = repmat((1:3) / 3, 64, 1);
T8 = repmat((1:40) / 40, 8, 1);
T8n = T8;
T8n(1, 5) = NaN;
L(end + 1) = gw('gd_run_mex', { ...
  {Q20, T20, 'MaxIter', 30}, {Q20, T20, 'MaxIter', 30, 'History', 'full', 'Method', 'nesterov'}, ...
  {Q64, T64, 'MaxIter', 20, 'StepSize', 5}, {Q64, T64, 'MaxIter', 20, 'Method', 'heavyball', 'Momentum', 0.5}, ...
  {Q20, [T20, NaN(20, 1)], 'MaxIter', 5}, {Q20, T20(1:19, :)}, {Q64, T64, 'StepSiz', 1}}, 'lanes');
L(end + 1) = gw('gf_run_mex', { ...
  {Q8, T8, [0 1], 'Method', 'rk4', 'Step', 0.1}, {Q8, T8, [0 0.5 1], 'Method', 'heun', 'Step', 0.1}, ...
  {Q8, T8, [0 1], 'Method', 'euler', 'Step', 5}, {Q8, T8n, [0 1], 'Method', 'rk4', 'Step', 0.1}, ...
  {Q8, T8(1:7, :), [0 1], 'Method', 'rk4', 'Step', 0.1}, {Q20, T20, [0 1], 'Method', 'rk4', 'Step', 0.1}}, 'lanes');
nout = struct('gd_run_mex', 2, 'gf_run_mex', 3, 'gf_exact_mex', 1, 'gd_eval_mex', 3, ...
              'gdf_options_mex', 1, 'gdf_leastsq_mex', 8, 'gd_sgd_cov_mex', 2);
% gateways added later: generic bad calls
found = dir(fullfile(pwd(), '*_mex.mex'));
for k = 1:numel(found)
  name = strrep(found(k).name, '.mex', '');
  if ~any(strcmp(name, {L.name}))
    L(end + 1) = gw(name, {{}, {q}, {q, th0}, {int32(1), 'x'}, {q, th0, 'NoSuchOption', 1}, ...
                           {eye(2), eye(2)}, {q, diag([1 2])}}); %#ok<AGROW>
    nout.(name) = 1;
  end
end

if nargin >= 3 && ~isempty(only)
  sel = false(1, numel(L));
  for g = 1:numel(L)
    sel(g) = any(strcmp(L(g).label, only)) || any(strcmp(L(g).name, only));
  end
  L = L(sel);
end
if n == 0
  % FUZZ_LEAK(0, ...) lists what each call of the groups does (ok or the
  % error identifier): that the good calls are good and the bad ones fail
  for g = 1:numel(L)
    for k = 1:numel(L(g).calls)
      out = cell(1, nout.(L(g).name));
      try
        [out{:}] = feval(L(g).name, L(g).calls{k}{:}); %#ok<NASGU>
        r = 'ok';
      catch err
        r = [err.identifier ' ' err.message(1:min(end, 60))];
      end
      fprintf('  %s (%s) call %d: %s\n', L(g).name, L(g).label, k, r);
    end
  end
  R = [];
  return
end
R = struct('gateway', {}, 'calls', {}, 'rss0_kb', {}, 'rss1_kb', {}, 'growth_kb', {}, ...
           'bytes_per_call', {}, 'seconds', {}, 'ok', {});
for g = 1:numel(L)
  calls = L(g).calls;
  m = numel(calls);
  no = nout.(L(g).name);
  warm = max(1, round(n / 10));
  t0 = tic;
  for k = 1:warm
    one_call(L(g).name, calls{1 + mod(k - 1, m)}, no);
  end
  r0 = rss_kb();
  half = floor(n / 2);
  for k = 1:n
    one_call(L(g).name, calls{1 + mod(k - 1, m)}, no);
    if k == half
      rmid = rss_kb();
    end
  end
  r1 = rss_kb();
  grow = r1 - r0;
  bpc = 1024 * (r1 - rmid) / max(n - half, 1);
  gname = L(g).name;
  if ~isempty(L(g).label)
    gname = [gname ' (' L(g).label ')'];
  end
  R(end + 1) = struct('gateway', gname, 'calls', n, 'rss0_kb', r0, 'rss1_kb', r1, ...
                      'growth_kb', grow, 'bytes_per_call', bpc, 'seconds', toc(t0), ...
                      'ok', grow < 4096 && bpc < 16); %#ok<AGROW>
  if verbose
    fprintf('  %-23s %7d calls (%2d kinds) in %5.1f s: VmRSS %7d kB -> %7d kB, growth %5d kB, second half %.2f bytes/call: %s\n', ...
            R(end).gateway, n, m, R(end).seconds, r0, r1, grow, R(end).bytes_per_call, ...
            ternary(R(end).ok, 'flat', 'GROWING'));
  end
end
end

function s = gw(name, calls, label)
if nargin < 3
  label = '';
end
s = struct('name', name, 'calls', {calls}, 'label', label);
end

function one_call(fn, args, nout)
out = cell(1, nout);
try
  [out{1:nout}] = feval(fn, args{:});
catch %#ok<CTCH>
end
end

function f = late_throw(x)
% throws once the iterates come close to the minimiser (after a few steps)
if norm(x) < 0.3
  error('fuzz:leak', 'thrown from inside the loop');
end
f = sum(x .^ 2);
end

function kb = rss_kb()
txt = fileread('/proc/self/status');
tok = regexp(txt, 'VmRSS:\s*(\d+)', 'tokens', 'once');
kb = str2double(tok{1});
end

function s = ternary(c, a, b)
if c
  s = a;
else
  s = b;
end
end
