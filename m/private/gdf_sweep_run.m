function row = gdf_sweep_run(spec, i)
%GDF_SWEEP_RUN  Run configuration I of a sweep; its results as one row (GDF_SWEEP_FIELDS order).
%   The run depends on SPEC and I alone (its problem, options and seed), so
%   any backend, worker or order gives the same row, bit for bit (but time).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
na = numel(spec.dims);
sub = cell(1, na);
params = cell(1, 0);
opts = spec.fixed;
stepL = NaN;
seed = spec.seed;
seed_axis = false;
tspan = spec.tspan;
r = i - 1;                                    % ind2sub by hand (ind2sub costs 0.1 ms a call)
for k = 1:na
  j = rem(r, spec.dims(k));
  r = (r - j) / spec.dims(k);
  j = j + 1;
  sub{k} = j;
  if spec.iscellv(k)
    x = spec.values{k}{j};
  else
    x = spec.values{k}(j);
  end
  c = spec.kcode(k);                          % 1 option, 2 maker parameter, 3 StepSizeL, 4 Seed, 5 TSpan
  if c == 1
    opts = [opts, {spec.keys{k}, x}]; %#ok<AGROW>
  elseif c == 2
    params{end + 1} = x; %#ok<AGROW>
  elseif c == 3
    stepL = x;
  elseif c == 4
    seed = x;
    seed_axis = true;
  else
    tspan = x;
  end
end
if isnan(seed)
  seed = i;                                   % its own stream, whatever the backend
end
% seeded before the maker: a maker that draws random data draws the same
% data on every backend
if spec.octave
  rand('twister', seed);                      % Octave: 8x faster than rng(seed, 'twister'), the same streams
  randn('twister', seed);
else
  rng(seed, 'twister');
end
prob = spec.fun;
if spec.maker
  try
    prob = spec.fun(params{:});
  catch err
    error('gdflow:gd_sweep:makerFailed', 'gd_sweep: the problem maker failed at configuration %d (%s): %s', ...
          i, describe(spec, sub), err.message);
  end
  if ~((isstruct(prob) && numel(prob) == 1 && isfield(prob, 'type')) || isa(prob, 'function_handle'))
    error('gdflow:gd_sweep:badMaker', ['gd_sweep: the problem maker must return a problem struct or a ' ...
          'function handle; at configuration %d (%s) it did not.'], i, describe(spec, sub));
  end
end
if ~isnan(stepL)
  if ~(isstruct(prob) && isfinite(prob.L) && prob.L > 0)
    error('gdflow:gd_sweep:noL', 'gd_sweep: StepSizeL needs the problem''s L; configuration %d (%s) does not know it.', ...
          i, describe(spec, sub));
  end
  if strcmp(spec.runner, 'gd_run')
    opts = [opts, {'StepSize', stepL / prob.L}];
  else
    opts = [opts, {'Step', stepL / prob.L}];
  end
end
if (seed_axis || ~isnan(spec.seed)) && spec.seed_option && takes_seed(spec.runner, opts)
  opts = [opts, {'Seed', seed}];
end
if spec.threads1 && isstruct(prob) && any(strcmp(prob.type, {'leastsq', 'logistic'})) && ...
   (~isfield(prob, 'threads') || isempty(prob.threads) || prob.threads == 0)
  prob.threads = 1;                           % the workers fill the cores already
end
if ~spec.maker && ~isempty(spec.P)
  P = spec.P;                                 % one problem: its constants once
elseif spec.theory || ~isstruct(prob)
  P = gdf_theory_problem(prob, [], [], []);
else
  P = struct('L', prob.L, 'mu', prob.mu, 'fstar', prob.f_star);   % no theory: the constants only
end
t0 = tic;
if strcmp(spec.runner, 'gd_run')
  [theta, info] = gd_run(prob, spec.theta0, opts{:}); %#ok<ASGLU>
  time = toc(t0);
  f = info.f(:);
  if isempty(f)
    f = info.fval;
  end
  x = (0:numel(f) - 1)';
  iters = info.iterations;
  step = NaN;
  if ~strcmp(info.steprule, 'backtracking') && isnumeric(info.stepsize) && isscalar(info.stepsize)
    step = info.stepsize;
  end
  mom = info.momentum;
  run = struct('method', info.method, 'step', step, 'momentum', mom);
  if strcmp(info.method, 'sgd')
    % SGD: f is recorded every HistoryStride steps (info.k); rates per epoch
    % (m/B steps), the unit of the theory's SGD entry (the mean's contraction)
    if numel(info.k) == numel(f)
      x = info.k(:) * info.batchsize / info.numexamples;
    end
    run.batch = info.batchsize;
    run.m = info.numexamples;
    run.schedule = info.schedule;
    run.cov = [];
  end
  if ~isnumeric(mom)
    mom = NaN;                                % 'schedule'
  end
else
  [t, Theta, info] = gf_run(prob, spec.theta0, tspan, opts{:}); %#ok<ASGLU>
  time = toc(t0);
  f = info.f(:);
  x = t(:);
  if numel(x) ~= numel(f)
    x = (0:numel(f) - 1)';
  end
  iters = info.nsteps;
  step = NaN;
  if isnumeric(info.step) && isscalar(info.step)
    step = info.step;
  end
  mom = NaN;
  method = info.method;
  if any(strcmp(method, {'rk45', 'exact'}))
    method = 'flow';
  end
  run = struct('method', method, 'step', step, 'momentum', NaN);
end
fs = P.fstar;
fl = 1e3 * eps * max([abs(fs), abs(f(1)), realmin]);   % rounding floor of f - f*, as gd_compare's
gap = NaN;
rate = NaN;
if isfinite(fs)
  e = f - fs;
  gap = e(end);
  rate = tail_rate(x, e, fl);
  stable = all(isfinite(e)) && info.exitflag ~= -2 && e(end) <= e(1) * (1 + 1e-12) + fl;
else
  stable = all(isfinite(f)) && info.exitflag ~= -2 && f(end) <= f(1) + abs(f(1)) * 1e-12 + fl;
end
trate = NaN;
tstable = NaN;
if spec.theory
  P.R2 = NaN;
  P.e0 = gap;
  th = gdf_theory(P, run, zeros(0, 1));
  trate = th.rate;
  tstable = th.stable;
end
row = [f(end), gap, iters, info.exitflag, rate, trate, tstable, double(stable), step, mom, P.L, P.mu, time];
end

function r = tail_rate(x, e, fl)
% gd_compare's measured rate: the factor of f - f* per unit of x over the
% second half of the part of the run above the rounding floor
r = NaN;
ok = isfinite(e) & e > fl;
last = find(~ok, 1) - 1;
if isempty(last)
  last = numel(e);
end
if last < 3
  return
end
mid = find(x(1:last) >= x(1) + (x(last) - x(1)) / 2, 1);
if mid >= last
  mid = last - 1;
end
r = (e(last) / e(mid)) ^ (1 / (x(last) - x(mid)));
end

function s = describe(spec, sub)
parts = cell(1, numel(sub));
for k = 1:numel(sub)
  v = spec.values{k};
  if iscell(v)
    x = v{sub{k}};
  else
    x = v(sub{k});
  end
  if ischar(x)
    parts{k} = sprintf('%s = %s', spec.names{k}, x);
  elseif isnumeric(x) && isscalar(x)
    parts{k} = sprintf('%s = %g', spec.names{k}, x);
  else
    parts{k} = sprintf('%s = (value %d)', spec.names{k}, sub{k});
  end
end
s = strjoin(parts, ', ');
end

function yes = takes_seed(runner, opts)
% whether the configuration's method draws random numbers of its own, i.e.
% takes the runner's Seed option: gd_run 'sgd'; gf_run 'langevin', 'sgd-sde'.
% Any other method refuses Seed, and the sweep's Seed then only seeds the
% maker and the generators (a Seed axis over GD on random problems)
if strcmp(runner, 'gd_run')
  method = 'gd';
  seeded = {'sgd'};
else
  method = 'rk45';
  seeded = {'langevin', 'sgd-sde'};
end
for k = 1:2:numel(opts) - 1
  if ischar(opts{k}) && strcmpi(opts{k}, 'Method') && ischar(opts{k + 1})
    method = lower(opts{k + 1});
  end
end
yes = any(strcmp(method, seeded));
end
