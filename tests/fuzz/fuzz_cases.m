function C = fuzz_cases(step, lo, hi)
%FUZZ_CASES  Every call of the fuzz harness, in a fixed order.
%   C = FUZZ_CASES() returns a struct array with one element per call:
%     fn     the function to call: a gateway (m/private/*_mex) or a public
%            function of m/
%     args   the input arguments (a cell array)
%     nout   the number of outputs to ask for
%     label  a short description, e.g. 'gd_run_mex: theta0 = int32([1;2])'
%   The calls are generated, not random-per-run: case i is the same call on
%   every run (the random combinations use a fixed seed), so a case number
%   reproduces a finding (tests/fuzz/run_fuzz.sh --case i).
%   Must be called with m/ on the path and the current folder m/private, so
%   that the gateways can be called directly.
%
%   Kinds of calls, for every gateway and every public function:
%     slot     one argument replaced by each value of FUZZ_VALUES
%     option   each option name given each value of FUZZ_VALUES (option
%              names and enum choices are read from gd_options at run time,
%              so options added later are fuzzed too)
%     name     misspelled, truncated, padded and non-char option names
%     arity    too few and too many inputs, 0 to max+2 outputs
%     field    each field of each problem family's struct replaced by each
%              value, or removed
%     method   every Method choice on every problem family
%     combo    random combinations of 2-4 bad slots/options (fixed seed)
%     generic  gateways and public functions the harness does not know
%              (added later): 0-4 arguments from the pool
%     trust    the classes of issue 12: struct arrays of 0, 2, 3 and 4
%              elements as the problem and as an options struct; problem
%              structs edited by hand (nonsymmetric A, dense and sparse,
%              just above and below the tolerance, diagonal and permutation
%              A, NaN, constants out of range) through every method;
%              Metric handles returning nonsymmetric, indefinite, NaN,
%              diagonal, wrong-size matrices; OutputFcn returning vectors,
%              [] or NaN; and, each in its own child process with a
%              timeout (field child, seconds), the calls that hung before
%              the other fixes of issue 12: gf_exact with overflowing
%              scales, gf_run and gd_plot over enormous spans, a fork
%              after a threaded pass.  Their labels say which fix they
%              need ('[needs expm]', '[needs span]', '[needs forklog]';
%              '[needs theory]': gd_compare on hand-edited structs, errors
%              without an identifier).  run_fuzz.sh --quick skips the
%              '[needs ...]' cases (make test must not depend on them).
%   C(i).child is 0 for a call made in the batch's own process.
%   C = FUZZ_CASES(STEP, LO, HI) fills in only the cases LO, LO + STEP, ...
%   up to HI (the others have an empty fn; numel(C) is the same): what one
%   batch of run_fuzz.sh runs, faster to build.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
[vals, vlab] = fuzz_values();
nv = numel(vals);
% the table is gathered in preallocated cells (growing a struct array one
% element at a time cost 8 of the 16 s it takes to build) and made a struct
% array at the end
if nargin < 1
  step = 1;
  lo = 1;
  hi = Inf;
end
nc = 0;
Cfn = cell(1, 150000);
Cargs = Cfn;
Cnout = Cfn;
Clab = Cfn;
Cchild = Cfn;

% ---- valid baselines ---------------------------------------------------
th0 = [0.5; 0.5];
fam = struct('name', {}, 'prob', {});
fam(end + 1) = struct('name', 'quadratic', 'prob', gd_quadratic([3 1; 1 2], [1; 1]));
fam(end + 1) = struct('name', 'sparse quadratic', 'prob', gd_quadratic(sparse([3 1; 1 2]), [1; 1]));
fam(end + 1) = struct('name', 'leastsq', 'prob', gd_leastsq([1 1; 1 2; 1 3], [1; 2; 2]));
fam(end + 1) = struct('name', 'logistic', 'prob', gd_logistic([1 -1; 1 0.5; 1 2; 1 -2], [0; 1; 1; 0], 0.1));
fam(end + 1) = struct('name', 'rosenbrock', 'prob', gd_testfun('rosenbrock'));
fam(end + 1) = struct('name', 'beale', 'prob', gd_testfun('beale'));
fam(end + 1) = struct('name', 'himmelblau', 'prob', gd_testfun('himmelblau'));
fam(end + 1) = struct('name', 'ellipse', 'prob', gd_testfun('ellipse', 10, 0.3));
fam(end + 1) = struct('name', 'handle', 'prob', @(x) deal(sum(x .^ 2), 2 * x));
% issue 14: an f-only handle (central differences), sparse X (small: kept
% sparse in X, G and the constants from full(X))
ffo = @(x) sum((x(:) - [1; 2]) .^ 2) + x(1) * x(2);
Xs = sparse([1 1; 1 0; 0 3; 1 2]);
fam(end + 1) = struct('name', 'f-only handle', 'prob', ffo);
fam(end + 1) = struct('name', 'sparse leastsq', 'prob', gd_leastsq(Xs, [1; 2; 2; 0]));
fam(end + 1) = struct('name', 'sparse logistic', 'prob', gd_logistic(Xs, [0; 1; 1; 0] == 1, 0.1));
q = fam(1).prob;
[~, info_full] = gd_run(q, th0, 'StepSize', 0.3, 'MaxIter', 20, 'History', 'full');

gd_names = fieldnames(gd_options());
gf_names = fieldnames(gd_options('gf_run'));
gd_methods = choices_of('gd_run', 'Method');
gf_methods = choices_of('gf_run', 'Method');
gd_good = struct('StepSize', 0.1, 'MaxIter', 50, 'GradTol', 1e-8, 'FunTol', 0, 'StepTol', 0, ...
                 'MaxTime', 1, 'History', 'full', 'Display', 'off', ...
                 'OutputFcn', @(t, o, s) false, 'DivergenceLimit', 1e8, 'Method', 'gd', ...
                 'InitialStep', 1, 'Momentum', 0.5, 'Metric', eye(2));
gf_good = struct('Method', 'rk4', 'Step', 0.1, 'RelTol', 1e-3, 'AbsTol', 1e-6, 'InitialStep', 0.01, ...
                 'MaxStep', 0.5, 'MaxSteps', 100, 'GradTol', 0, 'MaxTime', 1, 'NewtonTol', 1e-10, ...
                 'NewtonMaxIter', 20);

% target table: name, valid positional arguments, option names, outputs
T = struct('fn', {}, 'base', {}, 'names', {}, 'good', {}, 'nout', {}, 'maxout', {}, 'obase', {});
T(end + 1) = tgt('gd_run_mex', {q, th0}, gd_names, gd_good, 2, 2);
T(end + 1) = tgt('gd_run', {q, th0}, gd_names, gd_good, 3, 3);
T(end + 1) = tgt('gf_run_mex', {q, th0, [0 1]}, gf_names, gf_good, 3, 3);
T(end + 1) = tgt('gf_run', {q, th0, [0 1]}, gf_names, gf_good, 3, 3);
% option values are fuzzed after 'MaxTime', 1: a valid but huge request
% (MaxStep 1e-300: 1e300 steps) must end in time, not count as a hang
for it = 1:numel(T)
  T(it).obase = [T(it).base, {'MaxTime', 1}];
end
T(end + 1) = tgt('gf_exact_mex', {[3 1; 1 2], [1; 1], th0, [0 0.5 1]}, {'Iterates', 'Method'}, ...
                 struct('Iterates', 0.1, 'Method', 'auto'), 1, 1);
T(end + 1) = tgt('gf_exact', {[3 1; 1 2], [1; 1], th0, [0 0.5 1]}, {'Iterates', 'Method'}, ...
                 struct('Iterates', 0.1, 'Method', 'auto'), 1, 1);
T(end + 1) = tgt('gf_exact', {q, th0, [0 0.5 1]}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_eval_mex', {q, [th0, -th0]}, {}, struct(), 2, 3);
T(end + 1) = tgt('gd_eval', {q, th0}, {}, struct(), 3, 3);
T(end + 1) = tgt('gdf_options_mex', {'gd_run', 'StepSize', 0.1}, {}, struct(), 1, 1);
T(end + 1) = tgt('gdf_options_mex', {'gf_run', 'Step', 0.1}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_options', {'StepSize', 0.1}, gd_names, gd_good, 1, 1);
T(end + 1) = tgt('gd_options', {'gf_run', 'Step', 0.1}, gf_names, gf_good, 1, 1);
T(end + 1) = tgt('gd_quadratic', {[3 1; 1 2], [1; 1], 2}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_leastsq', {[1 1; 1 2; 1 3], [1; 2; 2]}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_logistic', {[1 -1; 1 0.5; 1 2; 1 -2], [0; 1; 1; 0], 0.1}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_testfun', {'rosenbrock', 3, [1 100]}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_testfun', {'ellipse', 10, 0.3}, {}, struct(), 1, 1);
T(end + 1) = tgt('gd_compare', {q, th0, [0.1 0.2]}, ...
                 {'MaxIter', 'T', 'GradTol', 'RelTol', 'AbsTol', 'Samples', 'L', 'mu', 'FStar', 'Display'}, ...
                 struct('MaxIter', 20, 'T', 2, 'GradTol', 0, 'RelTol', 1e-6, 'AbsTol', 1e-9, 'Samples', 21, ...
                        'L', 4, 'mu', 1, 'FStar', 0, 'Display', 'off'), 1, 1);
T(end + 1) = tgt('gd_plot', {q, info_full}, ...
                 {'Plot', 'Limits', 'Levels', 'Field', 'Streamlines', 'Horizon', 'Labels', 'Title', ...
                  'LineWidth', 'Parent'}, ...
                 struct('Plot', 'landscape', 'Limits', [-1 1 -1 1], 'Levels', 5, 'Field', false, ...
                        'Streamlines', [], 'Horizon', 1, 'Labels', {{'a'}}, 'Title', 't', ...
                        'LineWidth', 1, 'Parent', []), 1, 1);
T(end + 1) = tgt('gdflow_version', {}, {}, struct(), 2, 2);
% issue 14: gd_minimize (fminunc's names as name-value pairs too), the
% least-squares constructor's gateway, gd_run/gd_eval on an f-only handle
fh = fam(9).prob;
mini_names = {'MaxIter', 'MaxIterations', 'MaxFunEvals', 'MaxFunctionEvaluations', 'TolFun', ...
              'OptimalityTolerance', 'FunctionTolerance', 'TolX', 'StepTolerance', 'Display', 'GradObj', ...
              'SpecifyObjectiveGradient', 'OutputFcn', 'Method', 'StepSize', 'GradTol', 'StepTol', 'FunTol'};
mini_good = struct('MaxIter', 50, 'MaxIterations', 50, 'MaxFunEvals', 500, 'MaxFunctionEvaluations', 500, ...
                   'TolFun', 1e-6, 'OptimalityTolerance', 1e-6, 'FunctionTolerance', 1e-9, 'TolX', 1e-6, ...
                   'StepTolerance', 1e-6, 'Display', 'off', 'GradObj', 'on', 'SpecifyObjectiveGradient', true, ...
                   'OutputFcn', @(t, o, s) false, 'Method', 'nesterov', 'StepSize', 'backtracking', ...
                   'GradTol', 1e-6, 'StepTol', 1e-6, 'FunTol', 0);
T(end + 1) = tgt('gd_minimize', {fh, th0}, mini_names, mini_good, 2, 5);
T(end).obase = [T(end).base, {'MaxTime', 1}];
T(end + 1) = tgt('gd_minimize', {fam(3).prob, th0}, {}, struct(), 5, 5);
T(end + 1) = tgt('gd_minimize', {ffo, th0}, {}, struct(), 5, 5);
T(end + 1) = tgt('gdf_leastsq_mex', {[1 1; 1 2; 1 3], [1; 2; 2]}, {}, struct(), 8, 8);
T(end + 1) = tgt('gd_run', {ffo, th0}, gd_names, gd_good, 3, 3);
T(end).obase = [T(end).base, {'MaxTime', 1, 'MaxIter', 50}];
T(end + 1) = tgt('gd_eval', {ffo, th0}, {}, struct(), 3, 3);
T(end + 1) = tgt('gdflow', {}, {}, struct(), 0, 0);

for it = 1:numel(T)
  t = T(it);
  % slot: each positional argument replaced by each pool value
  for s = 1:numel(t.base)
    for v = 1:nv
      a = t.base;
      a{s} = vals{v};
      add(t.fn, a, t.nout, sprintf('slot %d = %s', s, vlab{v}));
    end
  end
  % option: each option given each pool value
  for k = 1:numel(t.names)
    for v = 1:nv
      add(t.fn, [t.obase, {t.names{k}, vals{v}}], t.nout, sprintf('%s = %s', t.names{k}, vlab{v}));
    end
  end
  % name: misspelled and malformed option names (with a valid value)
  for k = 1:numel(t.names)
    nm = t.names{k};
    bad = {nm(1:end - 1), [nm 'x'], upper(nm), [' ' nm ' '], fliplr(nm), nm(1:min(3, end))};
    for b = 1:numel(bad)
      add(t.fn, [t.obase, {bad{b}, good_value(t, nm)}], t.nout, sprintf('name ''%s''', bad{b}));
    end
    add(t.fn, [t.base, {nm}], t.nout, sprintf('name %s without value', nm));
    add(t.fn, [t.base, {good_value(t, nm), nm}], t.nout, sprintf('value before name %s', nm));
  end
  if ~isempty(t.names)
    for v = 1:nv
      add(t.fn, [t.base, {vals{v}, 1}], t.nout, sprintf('option name = %s', vlab{v}));
    end
    add(t.fn, [t.base, {'NoSuchOption', 1}], t.nout, 'name ''NoSuchOption''');
    add(t.fn, [t.base, {repmat('StepSize', 1, 20), 1}], t.nout, 'name x160 chars');
  end
  % arity: fewer and more inputs, 0..maxout+2 outputs
  for n = 0:numel(t.base) - 1
    add(t.fn, t.base(1:n), t.nout, sprintf('%d inputs', n));
  end
  add(t.fn, [t.base, {1}], t.nout, 'one extra input');
  add(t.fn, [t.base, {1, 2, 3}], t.nout, 'three extra inputs');
  for n = 0:t.maxout + 2
    add(t.fn, t.base, n, sprintf('%d outputs', n));
  end
end

% field: every field of every problem family's struct replaced or removed
for f = 1:numel(fam)
  if ~isstruct(fam(f).prob)
    continue
  end
  P = fam(f).prob;
  fields = [fieldnames(P)', {'L', 'mu', 'f_star'}];
  fields = unique(fields);
  for k = 1:numel(fields)
    for g = {'gd_run_mex', 'gd_eval_mex', 'gf_run_mex'}
      fn = g{1};
      a = field_base(fn, th0);
      P2 = P;
      if isfield(P2, fields{k})
        P2 = rmfield(P2, fields{k});
        add(fn, [{P2}, a], nout_of(fn), sprintf('%s: field %s removed', fam(f).name, fields{k}));
      end
      for v = 1:nv
        P2 = P;
        P2.(fields{k}) = vals{v};
        add(fn, [{P2}, a], nout_of(fn), sprintf('%s: field %s = %s', fam(f).name, fields{k}, vlab{v}));
      end
    end
  end
  % as a struct array, and with an extra unknown field
  add('gd_run_mex', {[P, P], th0}, 2, sprintf('%s: 1x2 struct array', fam(f).name));
  P2 = P;
  P2.zzz = {1};
  add('gd_run_mex', {P2, th0}, 2, sprintf('%s: extra field', fam(f).name));
end

% method: every Method on every family, through the gateways and gd_run/gf_run
for f = 1:numel(fam)
  for m = 1:numel(gd_methods)
    for fn = {'gd_run_mex', 'gd_run'}
      add(fn{1}, {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 30}, 2, ...
          sprintf('%s: Method %s', fam(f).name, gd_methods{m}));
    end
    add('gd_run_mex', {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 30, 'StepSize', 'backtracking', ...
        'History', 'full'}, 2, sprintf('%s: Method %s, backtracking', fam(f).name, gd_methods{m}));
    add('gd_run_mex', {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 30, 'Momentum', 0.9, ...
        'Metric', eye(2), 'StepSize', 2}, 2, sprintf('%s: Method %s, unstable step', fam(f).name, gd_methods{m}));
    for v = 1:nv
      add('gd_run_mex', {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 30, 'Momentum', vals{v}}, 2, ...
          sprintf('%s: Method %s, Momentum = %s', fam(f).name, gd_methods{m}, vlab{v}));
      add('gd_run_mex', {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 30, 'Metric', vals{v}}, 2, ...
          sprintf('%s: Method %s, Metric = %s', fam(f).name, gd_methods{m}, vlab{v}));
    end
  end
  for m = 1:numel(gf_methods)
    for fn = {'gf_run_mex', 'gf_run'}
      add(fn{1}, {fam(f).prob, th0, [0 1], 'Method', gf_methods{m}, 'Step', 0.1, 'MaxTime', 1}, 3, ...
          sprintf('%s: gf Method %s', fam(f).name, gf_methods{m}));
      add(fn{1}, {fam(f).prob, th0, [0 0.3 1], 'Method', gf_methods{m}, 'Step', 0.1, 'MaxTime', 1}, 3, ...
          sprintf('%s: gf Method %s, 3 times', fam(f).name, gf_methods{m}));
    end
    add('gf_run_mex', {fam(f).prob, th0, [0 1], 'Method', gf_methods{m}, 'Step', 5, 'MaxTime', 1}, 3, ...
        sprintf('%s: gf Method %s, unstable step', fam(f).name, gf_methods{m}));
    for v = 1:nv
      add('gf_run_mex', {fam(f).prob, th0, [0 1], 'Method', gf_methods{m}, 'Step', vals{v}, 'MaxTime', 1}, 3, ...
          sprintf('%s: gf Method %s, Step = %s', fam(f).name, gf_methods{m}, vlab{v}));
    end
  end
end

% gd_compare run specs: each field of a spec given each value
spec_fields = {'method', 'step', 'iters', 'solver', 'T', 'label', 'nosuchfield'};
for k = 1:numel(spec_fields)
  for v = 1:nv
    add('gd_compare', {q, th0, {struct(spec_fields{k}, {vals(v)})}, 'Display', 'off'}, 1, ...
        sprintf('run spec %s = %s', spec_fields{k}, vlab{v}));
  end
end

% generic: gateways and public functions the table does not know
known = unique({T.fn});
here = pwd();
gw = dir(fullfile(here, '*_mex.mex'));
pub = dir(fullfile(fileparts(here), '*.m'));
extra = setdiff([strrep({gw.name}, '.mex', ''), strrep({pub.name}, '.m', '')], [known, {'Contents'}]);
for e = 1:numel(extra)
  for n = 0:3
    add(extra{e}, num2cell(ones(1, n)), 1, sprintf('generic, %d inputs', n));
  end
  for s = 1:4
    for v = 1:nv
      a = {q, th0, [0 1], 1};
      a = a(1:s);
      a{s} = vals{v};
      add(extra{e}, a, 1, sprintf('generic, slot %d of %d = %s', s, s, vlab{v}));
    end
  end
end

% combo: random combinations (fixed seed), bounded in time by MaxTime
old_state = rand('state');
rand('state', 20261125);
targets = {'gd_run_mex', 'gd_run', 'gf_run_mex', 'gf_run', 'gf_exact_mex', 'gd_eval_mex'};
ncombo = 4000;
for c = 1:ncombo
  fn = targets{1 + floor(rand() * numel(targets))};
  it = find(strcmp({T.fn}, fn), 1);
  t = T(it);
  a = t.base;
  if any(strcmp(fn, {'gd_run_mex', 'gd_run', 'gf_run_mex', 'gf_run', 'gd_eval_mex'}))
    a{1} = fam(1 + floor(rand() * numel(fam))).prob;
  end
  lab = sprintf('combo %d:', c);
  for s = 1:numel(a)
    if rand() < 0.2
      v = 1 + floor(rand() * nv);
      a{s} = vals{v};
      lab = sprintf('%s slot %d = %s;', lab, s, vlab{v});
    end
  end
  nopt = floor(rand() * 4);
  for k = 1:min(nopt, numel(t.names))
    nm = t.names{1 + floor(rand() * numel(t.names))};
    if rand() < 0.5
      v = 1 + floor(rand() * nv);
      a = [a, {nm, vals{v}}];
      lab = sprintf('%s %s = %s;', lab, nm, vlab{v});
    else
      a = [a, {nm, good_value(t, nm)}];
      lab = sprintf('%s %s good;', lab, nm);
    end
  end
  if any(strcmp(fn, {'gd_run_mex', 'gd_run', 'gf_run_mex', 'gf_run'}))
    a = [a, {'MaxTime', 1}];
  end
  nout = t.nout;
  if rand() < 0.1
    nout = floor(rand() * (t.maxout + 2));
  end
  add(fn, a, nout, lab);
end
rand('state', old_state);

% ---- trust (issue 12): the classes of its findings ---------------------
P2 = eye(2);
P2 = P2(:, [2 1]);
% struct arrays as the problem: every function that takes one; gd_run_mex
% also with a row theta0 (that path read field d before the count)
SA = {q([]), struct('d', {}), repmat(q, 0, 1), [q; q], repmat(q, 1, 3), repmat(q, 2, 2), ...
      struct('type', {'quadratic', 'quadratic'}), repmat(fam(3).prob, 0, 1)};
SAl = {'p([])', 'struct(''d'',{})', 'repmat(p,0,1)', '[p;p]', 'repmat(p,1,3)', 'repmat(p,2,2)', ...
       'struct(''type'',{2 types})', 'repmat(leastsq,0,1)'};
for k = 1:numel(SA)
  l = ['trust: problem ' SAl{k}];
  add('gd_run_mex', {SA{k}, th0}, 2, l);
  add('gd_run_mex', {SA{k}, th0'}, 2, [l ', row theta0']);
  add('gd_run', {SA{k}, th0}, 2, l);
  add('gf_run_mex', {SA{k}, th0, [0 1]}, 3, l);
  add('gf_run', {SA{k}, th0, [0 1]}, 3, l);
  add('gf_run', {SA{k}, [th0, -th0], [0 0.5 1]}, 3, [l ', 2 starts']);
  add('gd_eval_mex', {SA{k}, th0}, 3, l);
  add('gd_eval', {SA{k}, th0}, 3, l);
  add('gf_exact', {SA{k}, th0, 1}, 1, l);
  add('gd_compare', {SA{k}, th0, [0.1 0.2], 'Display', 'off'}, 1, l);
  add('gd_plot', {SA{k}, info_full}, 1, l);
end
% struct arrays as an options struct
o = gd_options('MaxIter', 3);
og = gd_options('gf_run', 'MaxSteps', 3);
OA = {o([]), repmat(o, 0, 1), [o; o], repmat(o, 1, 3), struct([])};
OG = {og([]), repmat(og, 0, 1), [og; og], repmat(og, 1, 3), struct([])};
OAl = {'o([])', 'repmat(o,0,1)', '[o;o]', 'repmat(o,1,3)', 'struct([])'};
for k = 1:numel(OA)
  l = ['trust: options ' OAl{k}];
  add('gd_run_mex', {q, th0, OA{k}}, 2, l);
  add('gd_run_mex', {q, th0, 'MaxIter', 2, OA{k}}, 2, [l ' after a pair']);
  add('gd_run', {q, th0, OA{k}}, 2, l);
  add('gf_run_mex', {q, th0, [0 1], OG{k}}, 3, l);
  add('gf_run', {q, th0, [0 1], OG{k}}, 3, l);
  add('gdf_options_mex', {'gd_run', OA{k}}, 1, l);
  add('gdf_options_mex', {'gf_run', OG{k}}, 1, l);
  add('gd_options', {OA{k}}, 1, l);
  add('gd_options', {'gf_run', OG{k}, 'Step', 0.1}, 1, l);
end
% problem structs edited by hand: A nonsymmetric (dense, sparse, above
% and below the one tolerance 1e-12 * max|A|), diagonal, permutation,
% non-finite, huge; through every method of gd_run and gf_run
AS = {[3 1; 0 2], sparse([3 1; 0 2]), [3 1; 1 + 1e-9, 2], [3 1; 1 + 1e-13, 2], ...
      sparse([3 1; 1 + 1e-9, 2]), diag([3 2]), P2 + 2 * eye(2), [3 NaN; NaN 2], ...
      [3 1; 1 2] * 1e308, [1e308 -1e308; 1e308 1e308], [3 1; 1 2; 0 0], sparse([3 0; 1 2])};
ASl = {'[3 1;0 2]', 'sparse [3 1;0 2]', 'asym 1e-9', 'asym 1e-13', 'sparse asym 1e-9', ...
       'diag([3 2])', 'perm+2I', 'NaN', '1e308*A', '[1e308 -1e308;1e308 1e308]', '3x2', 'sparse lower'};
for k = 1:numel(AS)
  qa = q;
  qa.A = AS{k};
  l = ['trust: hand-edited A = ' ASl{k}];
  for m = 1:numel(gd_methods)
    extra = {};
    if strcmp(gd_methods{m}, 'natural')
      extra = {'Metric', 'hessian'};
    end
    add('gd_run_mex', [{qa, th0, 'Method', gd_methods{m}, 'MaxIter', 20}, extra], 2, [l ', ' gd_methods{m}]);
  end
  for m = 1:numel(gf_methods)
    extra = {'Step', 0.1};
    if any(strcmp(gf_methods{m}, {'rk45', 'exact'}))
      extra = {};
    end
    if strcmp(gf_methods{m}, 'natural')
      extra = {'Metric', eye(2), 'Integrator', 'rk45'};
    end
    add('gf_run_mex', [{qa, th0, [0 1], 'Method', gf_methods{m}, 'MaxTime', 1}, extra], 3, [l ', gf ' gf_methods{m}]);
  end
  add('gd_eval_mex', {qa, th0}, 3, l);
  add('gd_eval', {qa, [th0, -th0]}, 2, l);
  if any(k == [9 10])   % huge entries: the expm path on main hangs
    addc('gf_exact', {qa, th0, [0 1]}, 1, [l ' [needs expm]'], 20);
  else
    add('gf_exact', {qa, th0, [0 1]}, 1, l);
  end
  if any(k == [8 9 10 11])   % gd_compare's eig on main: errors without an identifier
    add('gd_compare', {qa, th0, [0.1 0.2], 'Display', 'off'}, 1, [l ' [needs theory]']);
  else
    add('gd_compare', {qa, th0, [0.1 0.2], 'Display', 'off'}, 1, l);
  end
end
% hand-edited constants and sizes (beyond the per-field pool above)
K = {'mu', 10; 'mu', 1e308; 'L', -Inf; 'L', Inf; 'mu', -Inf; 'f_star', Inf; 'f_star', -Inf; ...
     'd', 3; 'd', 1e300; 'd', NaN; 'd', -1; 'd', 1.5; 'b', [1; 1; 1]; 'b', [1 1]; 'c', [1 2]};
for k = 1:size(K, 1)
  qa = q;
  qa.(K{k, 1}) = K{k, 2};
  l = sprintf('trust: hand-edited %s = %s', K{k, 1}, mat2str(K{k, 2}));
  add('gd_run_mex', {qa, th0}, 2, l);
  add('gd_run_mex', {qa, th0'}, 2, [l ', row theta0']);
  add('gf_run_mex', {qa, th0, [0 1]}, 3, l);
  add('gd_eval_mex', {qa, th0}, 3, l);
end
% Metric handles: what G(theta) may come back as
MH = {@(x) [2 1; 0 2], @(x) -eye(2), @(x) [1 0; 0 x(1)], @(x) [1 NaN; NaN 1], @(x) [1 Inf; Inf 1], ...
      @(x) eye(2), @(x) diag([1 2]), @(x) P2 + 2 * eye(2), @(x) eye(3), @(x) sparse(eye(2)), ...
      @(x) single(eye(2)), @(x) eye(2) + 1e-13 * [0 1; 0 0], @(x) [1 1; 1 1], @(x) [1 2 3 4], ...
      @(x) zeros(2, 2, 2), @(x) complex(eye(2)), @(x) int32(eye(2)), @(x) {eye(2)}, @(x) []};
MHl = {'[2 1;0 2]', '-eye(2)', '[1 0;0 x(1)]', 'NaN', 'Inf', 'eye(2)', 'diag([1 2])', 'perm+2I', ...
       'eye(3)', 'sparse', 'single', 'asym 1e-13', 'singular', '1x4', '2x2x2', 'complex', 'int32', ...
       'cell', '[]'};
fq = @(x) deal(sum(x .^ 2), 2 * x);
for k = 1:numel(MH)
  l = ['trust: Metric handle returning ' MHl{k}];
  add('gd_run_mex', {q, th0, 'Method', 'natural', 'Metric', MH{k}, 'MaxIter', 20}, 2, l);
  add('gd_run_mex', {q, th0, 'Method', 'natural', 'Metric', MH{k}, 'MaxIter', 20, 'StepSize', 1.5}, 2, [l ', step 1.5']);
  add('gd_run_mex', {fq, th0, 'Method', 'natural', 'Metric', MH{k}, 'MaxIter', 20}, 2, [l ', handle objective']);
  add('gd_run', {q, th0, 'Method', 'natural', 'Metric', MH{k}, 'MaxIter', 20}, 2, l);
  add('gf_run_mex', {q, th0, [0 2], 'Method', 'natural', 'Metric', MH{k}, 'MaxTime', 1}, 3, l);
  add('gf_run_mex', {q, th0, [0 2], 'Method', 'natural', 'Metric', MH{k}, 'Integrator', 'euler', ...
                     'Step', 0.1, 'MaxTime', 1}, 3, [l ', euler']);
  add('gf_run', {fq, th0, [0 1], 'Method', 'natural', 'Metric', MH{k}, 'MaxTime', 1}, 3, [l ', handle objective']);
end
% OutputFcn: a logical scalar or nothing
OF = {@(t, o, s) [false true], @(t, o, s) [], @(t, o, s) NaN, @(t, o, s) 'no', @(t, o, s) int8(1), ...
      @(t, o, s) sparse(true), @(t, o, s) {true}, @(t, o, s) 1i, @(t, o, s) zeros(1, 0), ...
      @(t, o, s) o.iteration >= 3 + [0 0]};
OFl = {'[false true]', '[]', 'NaN', '''no''', 'int8(1)', 'sparse(true)', '{true}', '1i', 'zeros(1,0)', ...
       'a vector from iteration 3'};
for k = 1:numel(OF)
  l = ['trust: OutputFcn returning ' OFl{k}];
  add('gd_run_mex', {q, th0, 'OutputFcn', OF{k}, 'MaxIter', 10}, 2, l);
  add('gd_run', {fq, th0, 'StepSize', 0.1, 'OutputFcn', OF{k}, 'MaxIter', 10}, 2, l);
end
% every matrix slot of the gateways with Octave's special matrix types
SP = {eye(2), diag([1 2]), P2, 0:1, (0:1)', eye(1)};
SPl = {'eye(2)', 'diag([1 2])', 'perm', '0:1', '(0:1)''', 'eye(1)'};
for k = 1:numel(SP)
  l = ['trust: ' SPl{k}];
  add('gd_run_mex', {q, SP{k}, 'MaxIter', 5}, 2, [l ' as theta0']);
  add('gf_run_mex', {q, th0, SP{k}, 'MaxTime', 1}, 3, [l ' as tspan']);
  add('gf_run_mex', {q, th0, [0 1], 'Method', 'heavyball', 'Step', 0.1, 'InitialVelocity', SP{k}}, 3, ...
      [l ' as InitialVelocity']);
  add('gd_run_mex', {q, th0, 'Method', 'natural', 'Metric', SP{k}, 'MaxIter', 5}, 2, [l ' as Metric']);
  add('gf_exact_mex', {SP{k}(:, 1) * SP{k}(:, 1)' + eye(2), SP{k}(:, 1), th0, [0 1]}, 1, [l ' in A, b']);
  add('gf_exact_mex', {[3 1; 1 2], [], SP{k}, [0 1]}, 1, [l ' as theta0']);
  add('gd_eval_mex', {q, SP{k}}, 3, [l ' as Theta']);
end

% ---- trust, each in a child process with a timeout: calls that hung or
% crashed on main before the other fixes of issue 12 (helper branches
% expm, span, forklog).  On a branch without the fix such a call is
% killed after its timeout and reported as an error 'fuzz:timeout' (a
% finding) instead of stopping the batch.
X = [1 1; 0 1];
addc('gf_exact', {X, [], th0, 1e308}, 1, 'nonsymmetric A, t = 1e308 [needs expm]', 20);
addc('gf_exact', {X, [], th0, realmax}, 1, 'nonsymmetric A, t = realmax [needs expm]', 20);
addc('gf_exact', {X, [], th0, [0 1 1e308]}, 1, 'nonsymmetric A, t = [0 1 1e308] [needs expm]', 20);
addc('gf_exact', {X, [], th0, 1e308, 'Method', 'expm'}, 1, 'Method expm, t = 1e308 [needs expm]', 20);
addc('gf_exact', {[3 1; 1 2], [], th0, 1e308, 'Method', 'expm'}, 1, 'symmetric A, Method expm, t = 1e308 [needs expm]', 20);
addc('gf_exact', {[1 realmax; 0 1], [], th0, 1}, 1, 'A(1,2) = realmax [needs expm]', 20);
addc('gf_exact', {[realmax 1; 0 -realmax], [], th0, 1}, 1, 'A = diag(+-realmax) + 1 [needs expm]', 20);
addc('gf_exact', {[1e308 1e308; -1e308 1e308], [1; 1], th0, 1}, 1, 'rotation scaled 1e308 [needs expm]', 20);
addc('gf_exact_mex', {X, [], th0, 1e308, 'Iterates', 1e308}, 1, 'GD iterates, eta = 1e308 [needs expm]', 20);
addc('gf_run', {q, th0, [0 1e300]}, 3, 'rk45 over [0 1e300] [needs span]', 20);
addc('gf_run', {q, th0, [0 1 1e300]}, 3, 'rk45 over [0 1 1e300] [needs span]', 20);
addc('gf_run', {q, th0, [0 realmax]}, 3, 'rk45 over [0 realmax] [needs span]', 20);
addc('gf_run_mex', {fam(5).prob, th0, [0 1e300], 'GradTol', 1e-6}, 3, 'rosenbrock rk45 over [0 1e300] [needs span]', 20);
addc('gf_run', {q, th0, [0 1e300], 'Method', 'heavyball'}, 3, 'heavyball rk45 over [0 1e300] [needs span]', 20);
addc('gf_run', {q, th0, [0 1e300], 'Method', 'natural', 'Metric', eye(2)}, 3, 'natural rk45 over [0 1e300] [needs span]', 20);
addc('gd_plot', {q, info_full, 'Streamlines', th0, 'Horizon', 1e300}, 1, 'Horizon 1e300 [needs span]', 20);
addc('gd_plot', {q, info_full, 'Limits', [-1e308 1e308 -1e308 1e308]}, 1, 'Limits +-1e308 [needs span]', 20);
addc('gd_compare', {q, th0, {struct('method', 'gf', 'solver', 'rk45', 'T', 1e300)}, 'Display', 'off'}, 1, ...
     'gf spec T = 1e300 [needs span]', 20);
addc('gd_compare', {q, th0, {'gf'}, 'T', 1e300, 'Display', 'off'}, 1, 'option T = 1e300 [needs span]', 20);
addc('fuzz_fork', {}, 1, 'fork() after a threaded least-squares pass [needs forklog]', 40);
addc('fuzz_fork', {'logistic'}, 1, 'fork() after a threaded logistic pass [needs forklog]', 40);

% ---- cw (issue 14): gd_minimize, optimset structs, f-only handles,
% gdf_leastsq_mex, the G/Gkey/Ganchor hand-over, sparse X --------------
cw_cases();
% ---- fuzz5 (round 5): Method 'sgd', gd_sgd_cov, gf_run 'sgd-sde',
% gd_plot 'Animate', gd_explore, the many-start kernels ------------------
fz5_cases();
C = struct('fn', Cfn(1:nc), 'args', Cargs(1:nc), 'nout', Cnout(1:nc), 'label', Clab(1:nc), ...
           'child', Cchild(1:nc));

  % -- nested helpers (share C) --
  function add(fn, args, nout, label)
    put(fn, args, nout, [fn ': ' label], 0);
  end
  function put(fn, args, nout, label, child)
    nc = nc + 1;
    if nc > numel(Cfn)
      Cfn{2 * nc} = [];
      Cargs{2 * nc} = [];
      Cnout{2 * nc} = [];
      Clab{2 * nc} = [];
      Cchild{2 * nc} = [];
    end
    if nc < lo || nc > hi || mod(nc - lo, step) ~= 0
      return
    end
    Cfn{nc} = fn;
    Cargs{nc} = args;
    Cnout{nc} = nout;
    Clab{nc} = label;
    Cchild{nc} = child;
  end
  function cw_cases()
    ls = fam(3).prob;
    lsp = fam(11).prob;
    % optimset structs in the option slot: one fminunc (or gdflow) name with
    % each pool value, alone and in Octave's full optimset() (every other
    % field []), through gd_run, gd_minimize, gd_options
    fmn = [mini_names, {'Algorithm', 'HessUpdate', 'FinDiffType', 'TypicalX', 'MaxTime', 'Iterations'}];
    os0 = optimset();
    for k = 1:numel(fmn)
      for v = 1:nv
        sv = struct(fmn{k}, {vals{v}});
        l = sprintf('cw: optimset %s = %s', fmn{k}, vlab{v});
        add('gd_run', {q, th0, sv, 'MaxTime', 1}, 3, l);
        add('gd_minimize', {fh, th0, sv, 'MaxTime', 1}, 5, l);
        add('gd_options', {sv}, 1, l);
        os = os0;
        os.(fmn{k}) = vals{v};
        os.MaxTime = 1;
        add('gd_minimize', {ffo, th0, os}, 5, [l ' (full optimset, f only)']);
      end
    end
    % Iterations and MaxFunEvals: f-only handle, J_history asked for
    for v = 1:nv
      add('gd_run', {ffo, th0, 'Iterations', vals{v}, 'MaxTime', 1}, 3, sprintf('cw: f only, Iterations = %s', vlab{v}));
      add('gd_run', {ffo, th0, 'MaxFunEvals', vals{v}, 'MaxTime', 1}, 3, sprintf('cw: f only, MaxFunEvals = %s', vlab{v}));
      add('gd_run', {q, [th0, -th0], 'Iterations', vals{v}, 'MaxTime', 1}, 3, sprintf('cw: 2 starts, Iterations = %s', vlab{v}));
      add('gd_eval', {ffo, vals{v}}, 3, sprintf('cw: f only, Theta = %s', vlab{v}));
    end
    % gd_minimize on every family, every method, and with an optimset
    for f = 1:numel(fam)
      add('gd_minimize', {fam(f).prob, th0}, 5, sprintf('cw: %s', fam(f).name));
      add('gd_minimize', {fam(f).prob, th0', struct('MaxIter', 3, 'Display', 'off')}, 5, ...
          sprintf('cw: %s, row theta0, optimset', fam(f).name));
      add('gd_minimize', {fam(f).prob, th0, struct('GradObj', 'off', 'MaxFunEvals', 7)}, 5, ...
          sprintf('cw: %s, GradObj off, MaxFunEvals 7', fam(f).name));
      for m = 1:numel(gd_methods)
        add('gd_minimize', {fam(f).prob, th0, 'Method', gd_methods{m}, 'MaxIter', 20}, 5, ...
            sprintf('cw: %s, Method %s', fam(f).name, gd_methods{m}));
      end
      add('gd_run', {fam(f).prob, th0, 'Iterations', 7}, 3, sprintf('cw: %s, Iterations 7', fam(f).name));
      add('gd_run', {fam(f).prob, th0, 'StepSize', 1e3, 'Iterations', 7}, 3, ...
          sprintf('cw: %s, Iterations 7, diverging', fam(f).name));
    end
    % hand-edited least-squares structs: G, Gkey, Ganchor; X, y after
    % construction; another problem's G
    ls2 = gd_leastsq([1 1; 1 2; 1 4], [1; 2; 2]);
    ls3 = gd_leastsq([1 1; 1 2; 1 3], [1; 2; 5]);
    E = {};
    E(end + 1, :) = {'G = ones(3)', 'G', ones(3)};
    E(end + 1, :) = {'G + 1', 'G', ls.G + 1};
    E(end + 1, :) = {'G + 1 ulp', 'G', ls.G + eps(ls.G)};
    E(end + 1, :) = {'single G', 'G', single(ls.G)};
    E(end + 1, :) = {'int32 G', 'G', int32(ls.G)};
    E(end + 1, :) = {'sparse G', 'G', sparse(ls.G)};
    E(end + 1, :) = {'G NaN', 'G', NaN(2)};
    E(end + 1, :) = {'G Inf', 'G', [Inf 1; 1 Inf]};
    E(end + 1, :) = {'G * 1e308', 'G', ls.G * 1e308};
    E(end + 1, :) = {'complex G', 'G', complex(ls.G, 1)};
    E(end + 1, :) = {'G 1x4', 'G', ls.G(:)'};
    E(end + 1, :) = {'G cell', 'G', {ls.G}};
    E(end + 1, :) = {'G []', 'G', []};
    E(end + 1, :) = {'-G', 'G', -ls.G};
    E(end + 1, :) = {'G 2x2x2', 'G', cat(3, ls.G, ls.G)};
    E(end + 1, :) = {'G diag', 'G', eye(2)};
    E(end + 1, :) = {'G nonsymmetric', 'G', ls.G + [0 1; 0 0]};
    E(end + 1, :) = {'Gkey zeros', 'Gkey', zeros(1, 8, 'uint64')};
    E(end + 1, :) = {'Gkey double', 'Gkey', double(ls.Gkey)};
    E(end + 1, :) = {'Gkey(1:7)', 'Gkey', ls.Gkey(1:7)};
    E(end + 1, :) = {'Gkey column', 'Gkey', ls.Gkey'};
    E(end + 1, :) = {'Gkey int64', 'Gkey', int64(ls.Gkey)};
    E(end + 1, :) = {'Gkey []', 'Gkey', []};
    E(end + 1, :) = {'Gkey char', 'Gkey', 'abcdefgh'};
    E(end + 1, :) = {'Gkey + 1', 'Gkey', ls.Gkey + 1};
    E(end + 1, :) = {'Gkey 1x16', 'Gkey', [ls.Gkey, ls.Gkey]};
    E(end + 1, :) = {'Gkey intmax', 'Gkey', repmat(intmax('uint64'), 1, 8)};
    E(end + 1, :) = {'Ganchor []', 'Ganchor', []};
    E(end + 1, :) = {'Ganchor NaN', 'Ganchor', NaN(5, 1)};
    E(end + 1, :) = {'Ganchor short', 'Ganchor', ls.Ganchor(1:4)};
    E(end + 1, :) = {'Ganchor row', 'Ganchor', ls.Ganchor'};
    E(end + 1, :) = {'Ganchor single', 'Ganchor', single(ls.Ganchor)};
    E(end + 1, :) = {'Ganchor + 1', 'Ganchor', ls.Ganchor + 1};
    E(end + 1, :) = {'Ganchor sparse', 'Ganchor', sparse(ls.Ganchor)};
    E(end + 1, :) = {'Ganchor Inf', 'Ganchor', Inf(5, 1)};
    E(end + 1, :) = {'X edited', 'X', ls.X + [0 0; 0 0; 0 1]};
    E(end + 1, :) = {'X * 2', 'X', 2 * ls.X};
    E(end + 1, :) = {'X sparse, G dense', 'X', sparse(ls.X)};
    E(end + 1, :) = {'X 4x2', 'X', [ls.X; 1 5]};
    E(end + 1, :) = {'X 3x3', 'X', [ls.X, [1; 0; 0]]};
    E(end + 1, :) = {'X NaN', 'X', [ls.X(1:2, :); NaN 1]};
    E(end + 1, :) = {'X int32', 'X', int32(ls.X)};
    E(end + 1, :) = {'X single', 'X', single(ls.X)};
    E(end + 1, :) = {'X logical', 'X', ls.X > 1};
    E(end + 1, :) = {'y edited', 'y', ls.y + 1};
    E(end + 1, :) = {'y NaN', 'y', [NaN; 2; 2]};
    E(end + 1, :) = {'y row', 'y', ls.y'};
    E(end + 1, :) = {'y logical', 'y', ls.y > 1};
    E(end + 1, :) = {'y sparse', 'y', sparse(ls.y)};
    E(end + 1, :) = {'G, Gkey, Ganchor of another X', {'G', 'Gkey', 'Ganchor'}, {ls2.G, ls2.Gkey, ls2.Ganchor}};
    E(end + 1, :) = {'G, Gkey, Ganchor of another y', {'G', 'Gkey', 'Ganchor'}, {ls3.G, ls3.Gkey, ls3.Ganchor}};
    E(end + 1, :) = {'X, y of another problem', {'X', 'y'}, {ls2.X, ls2.y}};
    E(end + 1, :) = {'G of another, key kept', {'G', 'Ganchor'}, {ls2.G, ls2.Ganchor}};
    E(end + 1, :) = {'X, y, G, Gkey of another, anchor kept', {'X', 'y', 'G', 'Gkey'}, {ls2.X, ls2.y, ls2.G, ls2.Gkey}};
    E(end + 1, :) = {'X sparse and edited, G dense', 'X', sparse(ls.X + [0 0; 0 0; 0 1])};
    E(end + 1, :) = {'type logistic with G', 'type', 'logistic'};
    for k = 1:size(E, 1)
      for b = 1:2
        if b == 1
          P = ls;
          pl = 'leastsq';
        else
          P = lsp;
          pl = 'sparse leastsq';
        end
        if iscell(E{k, 2})
          for j = 1:numel(E{k, 2})
            P.(E{k, 2}{j}) = E{k, 3}{j};
          end
        else
          P.(E{k, 2}) = E{k, 3};
        end
        if strcmp(E{k, 2}, 'type')
          P.lambda = 0;
          P.y = double(P.y > 1.5);
        end
        l = sprintf('cw: hand-edited %s, %s', pl, E{k, 1});
        for m = 1:numel(gd_methods)
          extra = {};
          if strcmp(gd_methods{m}, 'natural')
            extra = {'Metric', 'hessian'};
          end
          add('gd_run_mex', [{P, th0, 'Method', gd_methods{m}, 'MaxIter', 20, 'MaxTime', 1}, extra], 2, ...
              [l ', ' gd_methods{m}]);
        end
        add('gd_run_mex', {P, [th0, -th0, th0 * 3], 'MaxIter', 20}, 2, [l ', 3 starts']);
        for m = {'rk4', 'exact', 'implicit', 'rk45'}
          st = {'Step', 0.1};
          if any(strcmp(m{1}, {'rk45', 'exact'}))
            st = {};     % they choose their own steps (Step is refused)
          end
          add('gf_run_mex', [{P, th0, [0 0.5 1], 'Method', m{1}, 'MaxTime', 1}, st], 3, [l ', gf ' m{1}]);
        end
        add('gd_eval_mex', {P, [th0, -th0]}, 3, l);
        add('gd_run', {P, th0, 'Iterations', 5}, 3, l);
        add('gf_run', {P, th0, [0 1]}, 3, l);
        add('gd_eval', {P, th0}, 3, l);
        add('gd_minimize', {P, th0}, 5, l);
        add('gf_exact', {P, th0, [0 1]}, 1, l);
      end
    end
    % gdf_leastsq_mex: shapes and sizes beyond the pool (p > GDF_GRAM_PMAX
    % means no G), rank deficiency, ill conditioning, huge entries
    LM = {{ones(3, 2), [1; 2; 3]}, {[1 1; 1 1 + 1e-12; 1 1], [1; 2; 3]}, {1e154 * [1 1; 1 2; 1 3], [1; 2; 3]}, ...
          {1e300 * [1 1; 1 2; 1 3], [1; 2; 3]}, {[1 1; 1 2; 1 3], 1e300 * [1; 2; 3]}, {1e-300 * [1 1; 1 2; 1 3], [1; 2; 3]}, ...
          {ones(1, 4097), 1}, {ones(2, 5), [1; 2]}, {zeros(3, 2), zeros(3, 1)}, {[1 2 3], [1 2 3]}, ...
          {reshape(sin(1:150), 50, 3), (1:50)'}, {sparse([1 1; 1 2; 1 3]), [1; 2; 2]}, {[1 1; 1 2; 1 3], sparse([1; 2; 2])}, ...
          {single([1 1; 1 2; 1 3]), [1; 2; 2]}, {[1 1; 1 2; 1 3], int8([1; 2; 2])}, {[true true; true false; false true], [1; 0; 1]}, ...
          {[1 1; 1 2; 1 3], [1 2 2]}, {[1 1; 1 2; 1 3]', [1; 2]}, {eye(3), [1; 2; 3]}, {[1 1; 1 2; 1 3] * (1 + 1i), [1; 2; 2]}};
    LMl = {'ones(3,2) (rank 1)', 'nearly rank 1', '1e154 * X', '1e300 * X', '1e300 * y', '1e-300 * X', ...
           '1x4097 (no G)', '2x5 (p > m)', 'zeros', 'row X, row y', 'sin 50x3', 'sparse X', 'sparse y', ...
           'single X', 'int8 y', 'logical X', 'row y', 'X'' (2x3)', 'eye(3) (diagonal)', 'complex X'};
    for k = 1:numel(LM)
      for no = [0 1 8]
        add('gdf_leastsq_mex', LM{k}, no, sprintf('cw: %s, %d outputs', LMl{k}, no));
      end
      add('gd_leastsq', LM{k}, 1, ['cw: ' LMl{k}]);
    end
    % sparse X beyond 5e6 entries: no dense copy, no G; gd_run, gd_eval,
    % gf_run, gd_minimize through every method; hand-edited fields
    mbig = 2500001;
    Xb = sparse([1:1000, 1:1000], [ones(1, 1000), 2 * ones(1, 1000)], [ones(1, 1000), 1:1000], mbig, 2);
    yb = zeros(mbig, 1);
    yb(1:1000) = 1;
    for r = 1:2
      if r == 1
        PB = gd_leastsq(Xb, yb);
        bl = 'cw: big sparse leastsq';
      else
        PB = gd_logistic(Xb, yb == 1, 0.1);
        bl = 'cw: big sparse logistic';
      end
      for m = 1:numel(gd_methods)
        extra = {};
        if strcmp(gd_methods{m}, 'natural')
          extra = {'Metric', 'hessian'};
        end
        add('gd_run_mex', [{PB, th0, 'Method', gd_methods{m}, 'MaxIter', 5, 'MaxTime', 1}, extra], 2, ...
            [bl ', ' gd_methods{m}]);
      end
      add('gd_eval_mex', {PB, [th0, -th0]}, 3, bl);
      add('gf_run_mex', {PB, th0, [0 1], 'Method', 'rk4', 'Step', 0.25, 'MaxTime', 1}, 3, bl);
      add('gd_minimize', {PB, th0, 'MaxIter', 3}, 5, bl);
      PE = {PB, PB, PB, PB, PB, PB};
      PE{1}.G = eye(2);
      PE{2}.X = Xb(1:10, :);
      PE{3}.y = yb(1:10);
      PE{4}.X = -Xb;
      PE{5}.X = full(Xb(1:3, :));
      PE{6}.X = Xb';
      PEl = {'G = eye(2)', 'X 10 rows', 'y 10 rows', 'X negated', 'X full 3 rows', 'X'''};
      for k = 1:numel(PE)
        add('gd_run_mex', {PE{k}, th0, 'MaxIter', 3, 'MaxTime', 1}, 2, [bl ', ' PEl{k}]);
        add('gd_eval_mex', {PE{k}, th0}, 3, [bl ', ' PEl{k}]);
      end
    end
  end
  function fz5_cases()
    fz5_vals = [vals, {2 ^ 53 + 1, 1.5, 1e300, 1e9, 4, 5, -0.5, int8(2), uint64(3), true, ...
                       sparse(2), 2 + 0i, @(k) 0.1, @(k) error('fuzz:callback', 'schedule throws'), ...
                       @(k) [0.1 0.1], @(k) 0.1i, @(k) NaN, @(k) -1, @(k) [], @(k) 'a', @(k) int32(1), ...
                       @(k) Inf, @(k) 1e300, @(k) struct(), @(k, j) 0.1}];
    fz5_lab = [vlab, {'2^53+1', '1.5', '1e300', '1e9', '4 (=m)', '5 (=m+1)', '-0.5', 'int8(2)', ...
                      'uint64(3)', 'true', 'sparse(2)', '2+0i', '@(k) 0.1', '@(k) throws', '@(k) [0.1 0.1]', ...
                      '@(k) 0.1i', '@(k) NaN', '@(k) -1', '@(k) []', '@(k) ''a''', '@(k) int32(1)', '@(k) Inf', ...
                      '@(k) 1e300', '@(k) struct()', '@(k, j) 0.1'}];
    nf = numel(fz5_vals);
    Xl = [1 1; 1 2; 1 3; 1 5];
    yl = [1; 2; 2; 4];
    sls = gd_leastsq(Xl, yl);
    ssp = gd_leastsq(sparse(Xl), yl);
    slg = gd_logistic(Xl, [0; 1; 0; 1], 0.1);
    hfi = @(x, idx) deal(mean((Xl(idx, :) * x - yl(idx)) .^ 2) / 2, Xl(idx, :)' * (Xl(idx, :) * x - yl(idx)) / numel(idx));
    sfam = {sls, ssp, slg, hfi};
    sfl = {'leastsq', 'sparse leastsq', 'logistic', 'handle(theta, idx)'};
    sgd_names = {'BatchSize', 'Sampling', 'Seed', 'Schedule', 'ScheduleK0', 'Averaging', 'AverageFrom', ...
                 'HistoryStride', 'NumExamples', 'Momentum', 'StepSize', 'History', 'MaxIter', 'Iterations', ...
                 'DivergenceLimit', 'OutputFcn', 'Display', 'MaxTime', 'GradTol', 'Metric'};
    % every SGD option x every value, on every family (a handle needs
    % NumExamples), through the gateway and gd_run
    for f = 1:numel(sfam)
      base = {sfam{f}, th0, 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 200, 'MaxTime', 1};
      if f == 4
        base = [base, {'NumExamples', 4}];
      end
      for k = 1:numel(sgd_names)
        for v = 1:nf
          l = sprintf('fz5: sgd %s, %s = %s', sfl{f}, sgd_names{k}, fz5_lab{v});
          add('gd_run_mex', [base, {sgd_names{k}, fz5_vals{v}}], 2, l);
          if f == 1 || f == 4
            add('gd_run', [base, {sgd_names{k}, fz5_vals{v}}], 3, l);
          end
        end
      end
      % theta0 slot
      for v = 1:nf
        a = base;
        a{2} = fz5_vals{v};
        add('gd_run_mex', a, 2, sprintf('fz5: sgd %s, theta0 = %s', sfl{f}, fz5_lab{v}));
      end
      % pairs of SGD options (fixed seed)
      rs = rand('state');
      rand('state', 4242 + f);
      for r = 1:400
        a = base;
        for j = 1:2
          a = [a, {sgd_names{randi(numel(sgd_names))}, fz5_vals{randi(nf)}}]; %#ok<AGROW>
        end
        add('gd_run_mex', a, 2, sprintf('fz5: sgd %s, combo %d', sfl{f}, r));
      end
      rand('state', rs);
    end
    % SGD handles fun(theta, idx) that misbehave
    HB = {@(x, idx) error('fuzz:callback', 'sgd handle throws'), @(x, idx) deal(1, [x; x]), ...
          @(x, idx) deal(1, 1i * x), @(x, idx) deal(NaN, x), @(x, idx) deal(1, NaN * x), ...
          @(x, idx) deal(1, Inf * x), @(x, idx) 1, @(x) deal(1, x), @() 1, @(x, idx) deal([1 2], x), ...
          @(x, idx) deal(1, x'), @(x, idx) deal(int32(1), x), @(x, idx) deal(1, single(x)), ...
          @(x, idx) deal(1, sparse(x)), @(x, idx) deal(1, x(idx)), @(x, idx) deal(1, {x}), ...
          @(x, idx) deal(1e300, 1e300 * x), @(x, idx) deal(numel(idx), idx(1) * x), @(x, idx) deal(1, [])};
    HBl = {'throws', 'grad too long', 'complex grad', 'f NaN', 'grad NaN', 'grad Inf', 'f only', ...
           'one input', 'no input', 'f 1x2', 'grad row', 'int32 f', 'single grad', 'sparse grad', ...
           'grad x(idx)', 'grad cell', 'huge', 'uses idx', 'grad []'};
    for k = 1:numel(HB)
      for ne = {4, 1, 0, 1e300, NaN, 2 ^ 53 + 1}
        add('gd_run_mex', {HB{k}, th0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', ne{1}, ...
                           'MaxIter', 50, 'MaxTime', 1}, 2, sprintf('fz5: sgd handle %s, NumExamples %g', HBl{k}, ne{1}));
      end
      add('gd_run', {HB{k}, th0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 4, 'BatchSize', 2, ...
                     'History', 'full', 'HistoryStride', 1, 'MaxIter', 20}, 3, sprintf('fz5: sgd handle %s, gd_run', HBl{k}));
    end
    % (a call cannot be interrupted: each takes 1 s, and MaxTime 0.5 must
    % stop the run after the first few, not after MaxIter = 1e4 of them)
    addc('gd_run_mex', {@(x, idx) deal(1 + 0 * numel(evalc('pause(1)')), x), th0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 4, ...
                        'MaxIter', 1e4, 'MaxTime', 0.5}, 2, 'fz5: sgd handle that takes 1 s, MaxTime 0.5', 20);
    addc('gd_run_mex', {sls, th0, 'Method', 'sgd', 'StepSize', 0.1, 'Schedule', @(k) 0.1 + 0 * numel(evalc('pause(1)')), ...
                        'MaxIter', 1e4, 'MaxTime', 0.5}, 2, 'fz5: sgd Schedule that takes 1 s, MaxTime 0.5', 20);
    addc('gd_run_mex', {sls, th0, 'Method', 'sgd', 'StepSize', 0.1, 'MaxIter', 1e300, 'MaxTime', 1}, 2, ...
         'fz5: sgd MaxIter 1e300, MaxTime 1', 20);
    addc('gd_run_mex', {sls, th0, 'Method', 'sgd', 'StepSize', 0.1, 'MaxIter', 1e12, 'HistoryStride', 1, ...
                        'History', 'full', 'MaxTime', 1}, 2, 'fz5: sgd 1e12 steps, full history stride 1', 20);
    addc('gd_run_mex', {sls, th0, 'Method', 'sgd', 'StepSize', 0.1, 'BatchSize', 1e9, 'Sampling', 'without-replacement', ...
                        'MaxTime', 1}, 2, 'fz5: sgd BatchSize 1e9 without replacement', 20);
    addc('gd_run_mex', {hfi, th0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 1e15, 'BatchSize', 1e9, ...
                        'Sampling', 'without-replacement', 'MaxTime', 1}, 2, 'fz5: sgd handle NumExamples 1e15, B 1e9', 20);
    addc('gd_run_mex', {hfi, th0, 'Method', 'sgd', 'StepSize', 0.1, 'NumExamples', 2 ^ 40, ...
                        'Sampling', 'without-replacement', 'MaxIter', 3, 'MaxTime', 1}, 2, ...
         'fz5: sgd handle NumExamples 2^40 without replacement (a permutation of 2^40)', 20);
    % data edge cases: X with 1 row, 1 column, zeros, Inf, sparse empty
    XE = {[1 2], [1; 2; 3], zeros(4, 2), [1 Inf; 1 2; 1 3], sparse(4, 2), sparse(0, 2), [1 1; 1 2; 1 NaN], ...
          1e200 * Xl, ones(4, 300)};
    XEl = {'1 row', '1 column', 'all zero', 'Inf entry', 'sparse all zero', 'sparse 0 rows', 'NaN entry', ...
           '1e200 * X', '4 x 300'};
    for k = 1:numel(XE)
      Xk = XE{k};
      yk = ones(size(Xk, 1), 1);
      t0k = zeros(size(Xk, 2), 1);
      l = sprintf('fz5: X %s', XEl{k});
      add('gd_leastsq', {Xk, yk}, 1, l);
      P = sls;
      P.X = Xk;
      P.y = yk;
      if isfield(P, 'G')
        P = rmfield(P, intersect(fieldnames(P), {'G', 'Gkey', 'Ganchor'}));
      end
      P.d = size(Xk, 2);
      for smp = {'with-replacement', 'without-replacement', 'cyclic'}
        add('gd_run_mex', {P, t0k, 'Method', 'sgd', 'StepSize', 0.1, 'Sampling', smp{1}, 'MaxIter', 50, ...
                           'MaxTime', 1}, 2, [l ' (hand-edited), ' smp{1}]);
      end
      add('gd_run_mex', {P, t0k, 'Method', 'sgd', 'StepSize', 0.1, 'BatchSize', 2, 'Averaging', 'on', ...
                         'History', 'full', 'HistoryStride', 1, 'MaxIter', 20}, 2, [l ' (hand-edited), B 2, averaging']);
      add('gd_run', {P, t0k, 'Method', 'sgd', 'StepSize', 0.1, 'MaxIter', 20}, 3, [l ' (hand-edited), gd_run']);
      add('gd_sgd_cov', {P, 0.1, 1}, 1, [l ' (hand-edited)']);
      add('gf_run', {P, t0k, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, [l ' (hand-edited), sgd-sde']);
      try
        Pc = gd_leastsq(Xk, yk);
        add('gd_run', {Pc, t0k, 'Method', 'sgd', 'StepSize', 0.1, 'MaxIter', 20}, 3, [l ', gd_run']);
        add('gd_sgd_cov', {Pc, 0.1, 1}, 1, l);
        add('gd_sgd_cov', {Pc, 0.1, size(Xk, 1) + 1}, 1, [l ', B = m + 1']);
        add('gf_run', {Pc, t0k, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, [l ', sgd-sde']);
      catch %#ok<CTCH>
      end
    end
    % gd_sgd_cov: every slot and option, both forms
    A2 = [2 0.5; 0.5 1];
    C2 = [1 0.2; 0.2 0.5];
    SC = {{sls, 0.1, 2}, {A2, C2, 0.1, 2}};
    for b = 1:numel(SC)
      for s = 1:numel(SC{b})
        for v = 1:nf
          a = SC{b};
          a{s} = fz5_vals{v};
          add('gd_sgd_cov', a, 1, sprintf('fz5: form %d, slot %d = %s', b, s, fz5_lab{v}));
        end
      end
      for nm = {'Sampling', 'NumExamples', 'Theta', 'NoSuchOption'}
        for v = 1:nf
          add('gd_sgd_cov', [SC{b}, {nm{1}, fz5_vals{v}}], 1, sprintf('fz5: form %d, %s = %s', b, nm{1}, fz5_lab{v}));
        end
      end
      for n = 0:numel(SC{b}) - 1
        add('gd_sgd_cov', SC{b}(1:n), 1, sprintf('fz5: form %d, %d inputs', b, n));
      end
    end
    % A, C singular, indefinite, nonsymmetric; eta at and beyond 2/L; B = 0, m, m + 1
    AM = {A2, zeros(2), [1 0; 0 0], [1 0; 0 -1], [2 1; 0 1], [1 0; 0 1e-17], [1e308 0; 0 1], NaN(2), ...
          sparse(A2), diag([2 1]), eye(3), [2 1e-13; 0 1], -A2};
    AMl = {'good', 'zeros', 'singular', 'indefinite', 'nonsymmetric', 'nearly singular', '1e308', 'NaN', ...
           'sparse', 'diagonal', '3x3', 'nonsymmetric 1e-13', 'negative definite'};
    for k = 1:numel(AM)
      add('gd_sgd_cov', {AM{k}, C2, 0.1, 2}, 1, sprintf('fz5: A %s', AMl{k}));
      add('gd_sgd_cov', {A2, AM{k}, 0.1, 2}, 1, sprintf('fz5: C %s', AMl{k}));
      add('gd_sgd_cov', {AM{k}, AM{k}, 0.1, 2, 'Sampling', 'independent-batches', 'NumExamples', 10}, 1, ...
          sprintf('fz5: A = C %s, independent-batches', AMl{k}));
      add('gf_run', {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'NoiseCov', AM{k}}, 3, ...
          sprintf('fz5: sgd-sde NoiseCov %s', AMl{k}));
    end
    Lq = max(eig(A2));
    for eta = [2 / Lq, 2 / Lq * (1 - eps), 2 / Lq * (1 + eps), 1.999 / Lq, 3 / Lq, 1e300, realmin, 1e-300]
      add('gd_sgd_cov', {A2, C2, eta, 2}, 1, sprintf('fz5: eta = %.17g (2/L = %.17g)', eta, 2 / Lq));
      add('gd_sgd_cov', {sls, eta, 2}, 1, sprintf('fz5: leastsq, eta = %.17g', eta));
    end
    for B = [0, 1, 3, 4, 5, 1e300, 2 ^ 53 + 1, -1, 0.5]
      for smp = {'with-replacement', 'independent-batches'}
        add('gd_sgd_cov', {sls, 0.1, B, 'Sampling', smp{1}}, 1, sprintf('fz5: leastsq m = 4, B = %g, %s', B, smp{1}));
        add('gd_sgd_cov', {A2, C2, 0.1, B, 'Sampling', smp{1}, 'NumExamples', 4}, 1, ...
            sprintf('fz5: (A, C) m = 4, B = %g, %s', B, smp{1}));
        add('gf_run', {sls, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'BatchSize', B, ...
                       'Sampling', smp{1}}, 3, sprintf('fz5: sgd-sde m = 4, B = %g, %s', B, smp{1}));
      end
    end
    % gf_run 'sgd-sde': every option x value, through gateway and wrapper
    sde_names = {'StepSize', 'BatchSize', 'Sampling', 'NoiseCov', 'Seed', 'Step', 'Method', 'MaxSteps'};
    for fb = 1:2
      if fb == 1
        sb = {sls, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'MaxTime', 1};
      else
        sb = {q, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1, 'NoiseCov', C2, 'MaxTime', 1};
      end
      for k = 1:numel(sde_names)
        for v = 1:nf
          l = sprintf('fz5: sgd-sde base %d, %s = %s', fb, sde_names{k}, fz5_lab{v});
          add('gf_run_mex', [sb, {sde_names{k}, fz5_vals{v}}], 3, l);
          add('gf_run', [sb, {sde_names{k}, fz5_vals{v}}], 3, l);
        end
      end
      for v = 1:nf
        a = sb;
        a{2} = fz5_vals{v};
        add('gf_run_mex', a, 3, sprintf('fz5: sgd-sde base %d, theta0 = %s', fb, fz5_lab{v}));
        a = sb;
        a{3} = fz5_vals{v};
        add('gf_run_mex', a, 3, sprintf('fz5: sgd-sde base %d, tspan = %s', fb, fz5_lab{v}));
      end
      add('gf_run_mex', [sb(1:3), {'Method', 'sgd-sde'}], 3, sprintf('fz5: sgd-sde base %d, no StepSize', fb));
      add('gf_run', {sfam{4}, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, ...
          'fz5: sgd-sde on an (theta, idx) handle');
      add('gf_run', {slg, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, 'fz5: sgd-sde on logistic');
      add('gf_run', {sls, [th0, -th0], [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, 'fz5: sgd-sde 2 starts');
    end
    addc('gf_run', {sls, th0, [0 1e300], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 0.1}, 3, ...
         'fz5: sgd-sde over [0 1e300]', 20);
    addc('gf_run', {sls, th0, [0 1], 'Method', 'sgd-sde', 'StepSize', 0.1, 'Step', 1e-300}, 3, ...
         'fz5: sgd-sde Step 1e-300', 20);
    % gd_compare with SGD runs
    gsp = {struct('method', 'sgd', 'step', 0.05, 'iters', 50), struct('method', 'sgd'), ...
           struct('method', 'sgd', 'step', 0.05, 'iters', 50, 'batch', 2), ...
           struct('method', 'sgd', 'step', -1), struct('method', 'sgd', 'step', 0.05, 'iters', 1e300), ...
           struct('method', 'sgd', 'step', 0.05, 'iters', 50, 'BatchSize', 1e9), ...
           struct('method', 'sgd', 'step', 0.05, 'iters', 50, 'Seed', NaN), {'sgd'}, 'sgd'};
    for k = 1:numel(gsp)
      for P = {sls, q, hfi, slg}
        sp = gsp{k};
        if ~iscell(sp)
          sp = {sp};
        end
        add('gd_compare', {P{1}, th0, sp, 'Display', 'off', 'MaxIter', 50}, 1, sprintf('fz5: gd_compare sgd spec %d', k));
      end
    end
    % gd_compare SGD specs: each field (step, batch, epochs, schedule, seed,
    % label) given each value
    for fld = {'step', 'batch', 'epochs', 'schedule', 'seed', 'label', 'iters'}
      for v = 1:nf
        sp = struct('method', 'sgd', 'step', 0.1, 'batch', 2, 'epochs', 3);
        sp.(fld{1}) = fz5_vals{v};
        add('gd_compare', {sls, th0, {sp}, 'Display', 'off'}, 1, sprintf('fz5: gd_compare sgd %s = %s', fld{1}, fz5_lab{v}));
      end
    end
    % gd_sweep (issue 18, merged at 13:45): every slot and option x value,
    % hostile axes (huge grids, NaN values, repeated names, StepSizeL
    % without L, makers that throw or return garbage), serial backend in
    % this process, the parallel backend in children; gd_sweep_plot on
    % sweeps, edited sweeps and garbage
    if exist('gd_sweep', 'file') == 2
      qs = gd_quadratic([3 1; 1 2], [1; 1]);
      swb = {qs, th0, 'Axes', {'StepSize', [0.1 0.4]}, 'Backend', 'serial', 'Fixed', {'MaxIter', 20}};
      for sl = [1 2 4 6 8]
        for v = 1:nf
          a = swb;
          a{sl} = fz5_vals{v};
          add('gd_sweep', a, 1, sprintf('fz5: sweep slot %d = %s', sl, fz5_lab{v}));
        end
      end
      for nm = {'Runner', 'Backend', 'Workers', 'ChunkSize', 'Display', 'Theory', 'MaxTime', 'NoSuch'}
        for v = 1:nf
          add('gd_sweep', [swb, {nm{1}, fz5_vals{v}}], 1, sprintf('fz5: sweep %s = %s', nm{1}, fz5_lab{v}));
        end
      end
      for an = {'StepSize', 'StepSizeL', 'Method', 'Momentum', 'MaxIter', 'Seed', 'kappa', 'TSpan', 'Step'}
        for v = 1:nf
          add('gd_sweep', {qs, th0, 'Axes', {an{1}, fz5_vals{v}}, 'Backend', 'serial', 'Fixed', {'MaxIter', 10}}, 1, ...
              sprintf('fz5: sweep axis %s values = %s', an{1}, fz5_lab{v}));
          add('gd_sweep', {qs, th0, 'Axes', {'StepSize', [0.1 0.2]}, 'Backend', 'serial', 'Fixed', {an{1}, fz5_vals{v}}}, 1, ...
              sprintf('fz5: sweep fixed %s = %s', an{1}, fz5_lab{v}));
        end
      end
      mk = {@(kappa) gd_testfun('ellipse', kappa), @(kappa) error('fuzz:callback', 'maker throws'), @(kappa) 5, ...
            @(kappa) gd_quadratic(eye(3), ones(3, 1)), @(kappa) @(x) deal(sum(x .^ 2), 2 * x), @() 1, ...
            @(kappa) gd_quadratic([1 0; 0 -1], [0; 0]), @(kappa) gd_testfun('rosenbrock'), @(kappa) struct()};
      mkl = {'ellipse', 'throws', 'returns 5', 'returns 3-D', 'returns a handle', 'no input', 'indefinite', ...
             'rosenbrock (no L)', 'struct()'};
      for k = 1:numel(mk)
        for ax = {{'kappa', [1 10]}, {'kappa', [1 10], 'StepSizeL', [0.5 2.1]}, {'kappa', [NaN Inf -1 0]}}
          add('gd_sweep', {mk{k}, th0, 'Axes', ax{1}, 'Backend', 'serial', 'Fixed', {'MaxIter', 10}}, 1, ...
              sprintf('fz5: sweep maker %s, axes %d', mkl{k}, numel(ax{1}) / 2));
        end
      end
      SAx = {{'StepSize', [0.1 0.2], 'StepSize', [0.3 0.4]}, {'StepSize', 1:1e4, 'Momentum', 0:1e-4:0.5}, ...
             {'StepSize', linspace(0.01, 0.6, 3000)}, {'StepSize', [0.1 0.2], 'MaxIter', 1e300}, {'StepSize'}, ...
             {'StepSize', {}}, {'StepSize', []}, {'', [1 2]}, {5, [1 2]}, {'StepSize', [0.1 0.2], 'Method', {'gd', 'sgd'}}, ...
             {'Method', {'gd', 'heavyball', 'nesterov', 'natural', 'sgd', 'bogus'}}, {'Seed', [-1 1.5 NaN 2 ^ 60]}, ...
             {'TSpan', {[0 1], [1 0], [0 1e300]}}, {'StepSizeL', [1 2], 'StepSize', [0.1 0.2]}};
      for k = 1:numel(SAx)
        addc('gd_sweep', {qs, th0, 'Axes', SAx{k}, 'Backend', 'serial', 'Fixed', {'MaxIter', 10}, 'MaxTime', 2}, 1, ...
             sprintf('fz5: sweep hostile axes %d', k), 60);
        addc('gd_sweep', {qs, th0, 'Axes', SAx{k}, 'Runner', 'gf_run', 'Backend', 'serial', 'MaxTime', 2}, 1, ...
             sprintf('fz5: sweep hostile axes %d, gf_run', k), 60);
      end
      for k = {0, 1, 2, 1e6, NaN, -1, 1.5}
        addc('gd_sweep', {qs, th0, 'Axes', {'StepSize', linspace(0.05, 0.7, 40)}, 'Backend', 'parallel', ...
                          'Workers', k{1}, 'Fixed', {'MaxIter', 20}}, 1, sprintf('fz5: sweep parallel, Workers %g', k{1}), 120);
      end
      addc('gd_sweep', {@(x) deal(sum(x .^ 2), 2 * x), th0, 'Axes', {'StepSize', [0.1 0.2 0.3]}, 'Backend', 'parallel', ...
                        'Workers', 2}, 1, 'fz5: sweep parallel, a handle problem', 120);
      addc('gd_sweep', {@(kappa) error('fuzz:callback', 'maker throws'), th0, 'Axes', {'kappa', 1:20}, ...
                        'Backend', 'parallel', 'Workers', 2}, 1, 'fz5: sweep parallel, maker throws', 120);
      S0 = gd_sweep(@(kappa) gd_testfun('ellipse', kappa), th0, 'Axes', {'kappa', [1 10], 'StepSizeL', [0.5 1.9 2.1]}, ...
                    'Fixed', {'MaxIter', 20}, 'Backend', 'serial');
      S1 = gd_sweep(qs, th0, 'Axes', {'StepSize', [0.1 0.4 0.7]}, 'Fixed', {'MaxIter', 20}, 'Backend', 'serial');
      SE = {S0, S1, rmfield(S0, 'rate'), setfield(S0, 'rate', NaN(2, 3)), setfield(S0, 'rate', []), ...
            setfield(S0, 'axes', {}), setfield(S0, 'size', [1e9 1e9]), setfield(S0, 'values', {}), [S0 S0], struct(), ...
            setfield(S0, 'rate', Inf(2, 3)), setfield(S0, 'L', -ones(2, 3)), setfield(S1, 'grid', 5), 5};
      SEl = {'2-axis', '1-axis', 'no rate', 'rate NaN', 'rate []', 'axes {}', 'size 1e9', 'values {}', '1x2', ...
             'struct()', 'rate Inf', 'L -1', 'grid 5', '5'};
      for k = 1:numel(SE)
        addc('gd_sweep_plot', {SE{k}}, 1, sprintf('fz5: sweep_plot %s', SEl{k}), 60);
        add('gd_sweep_plot', {SE{k}, 'Plot', 'curves'}, 1, sprintf('fz5: sweep_plot %s, curves', SEl{k}));
      end
      for nm = {'Plot', 'Value', 'X', 'Y', 'Slice', 'Title', 'NoSuch'}
        for v = [1:8:nv, nv + (1:5)]
          add('gd_sweep_plot', {S0, nm{1}, fz5_vals{v}}, 1, sprintf('fz5: sweep_plot %s = %s', nm{1}, fz5_lab{v}));
        end
      end
    end
    % gd_plot 'Animate', Frames, Delay, Size, Trail, Style: in a child (graphics)
    [~, info_sgd] = gd_run(sls, th0, 'Method', 'sgd', 'StepSize', 0.05, 'MaxIter', 40, 'HistoryStride', 1, ...
                           'History', 'full');
    gif = [tempname() '.gif'];
    AN = {{'Animate', '/nonexistent_dir_fz5/a.gif'}, {'Animate', '/proc/a.gif'}, {'Animate', ''}, {'Animate', 5}, ...
          {'Animate', gif, 'Frames', 0}, {'Animate', gif, 'Frames', 1e6}, {'Animate', gif, 'Frames', NaN}, ...
          {'Animate', gif, 'Frames', 1}, {'Animate', gif, 'Frames', 2.5}, {'Animate', gif, 'Size', [1e6 1e6]}, ...
          {'Animate', gif, 'Size', [0 0]}, {'Animate', gif, 'Size', [NaN 10]}, {'Animate', gif, 'Size', 100}, ...
          {'Animate', gif, 'Delay', -1}, {'Animate', gif, 'Delay', Inf}, {'Animate', gif, 'Delay', 1e300}, ...
          {'Animate', gif, 'Trail', 'x'}, {'Trail', 5}, {'Style', 'x'}, {'Style', {}}, {'Frames', 3}, ...
          {'Animate', repmat('x', 1, 5000)}, {'Animate', gif, 'Size', [2^31 2]}, {'Animate', gif, 'Frames', -1}};
    ANl = {'unwritable dir', '/proc', 'empty', 'number', 'Frames 0', 'Frames 1e6', 'Frames NaN', 'Frames 1', ...
           'Frames 2.5', 'Size 1e6', 'Size 0', 'Size NaN', 'Size scalar', 'Delay -1', 'Delay Inf', 'Delay 1e300', ...
           'Trail x', 'Trail 5', 'Style x', 'Style {}', 'Frames without Animate', 'name x5000', 'Size 2^31', ...
           'Frames -1'};
    for k = 1:numel(AN)
      addc('gd_plot', [{sls, info_sgd}, AN{k}], 1, ['fz5: gd_plot ' ANl{k}], 60);
    end
    % gd_explore: non-2-D problems and bad options, headless
    EX = {{gd_quadratic(eye(3), [1; 1; 1]), 'Visible', 'off'}, {sls, 'Visible', 'off'}, ...
          {gd_testfun('rosenbrock', 3), 'Visible', 'off'}, {hfi, 'Visible', 'off'}, {@(x) deal(sum(x .^ 2), 2 * x), 'Visible', 'off'}, ...
          {gd_quadratic([1 0; 0 -1], [0; 0]), 'Visible', 'off'}, {gd_quadratic(zeros(2), [0; 0]), 'Visible', 'off'}, ...
          {q, 'Visible', 'off', 'Eta', NaN}, {q, 'Visible', 'off', 'Eta', 1e300}, {q, 'Visible', 'off', 'Iterations', 1e300}, ...
          {q, 'Visible', 'off', 'Iterations', 0}, {q, 'Visible', 'off', 'Theta0', [1; 2; 3]}, ...
          {q, 'Visible', 'off', 'Theta0', [NaN; 1]}, {q, 'Visible', 'off', 'Theta0', [1e300; 1]}, ...
          {q, 'Visible', 5}, {q, 'Visible', 'off', 'NoSuch', 1}, {5}, {'x'}, {slg, 'Visible', 'off'}, ...
          {gd_testfun('ellipse', 1e300, 0), 'Visible', 'off'}};
    for k = 1:numel(EX)
      addc('gd_explore', EX{k}, 1, sprintf('fz5: gd_explore case %d', k), 60);
    end
    % many-start kernels: gd_run d x m (16 < d <= 256), gf_run d x m fixed step (d <= 16)
    for d = [17, 64, 256, 257]
      Qd = gd_quadratic(eye(d) + 0.1, ones(d, 1));
      T0 = repmat((1:4) / 4, d, 1);
      TB = {T0, [T0(:, 1:2), NaN(d, 1), Inf(d, 1)], T0 * 1e300, T0(:, []), int32(T0), single(T0), sparse(T0), complex(T0, 1)};
      TBl = {'good', 'NaN and Inf starts', '1e300', 'no starts', 'int32', 'single', 'sparse', 'complex'};
      for k = 1:numel(TB)
        add('gd_run_mex', {Qd, TB{k}, 'MaxIter', 30}, 2, sprintf('fz5: %d x 4 starts, %s', d, TBl{k}));
        add('gd_run_mex', {Qd, TB{k}, 'MaxIter', 30, 'StepSize', 5}, 2, sprintf('fz5: %d x 4 starts, %s, diverging', d, TBl{k}));
        add('gd_run_mex', {Qd, TB{k}, 'MaxIter', 30, 'History', 'full', 'Method', 'nesterov'}, 2, ...
            sprintf('fz5: %d x 4 starts, %s, nesterov full', d, TBl{k}));
        add('gf_run_mex', {Qd, TB{k}, [0 1], 'Method', 'rk4', 'Step', 0.1}, 3, sprintf('fz5: gf %d x 4 starts, %s', d, TBl{k}));
        add('gf_run_mex', {Qd, TB{k}, [0 0.5 1], 'Method', 'heun', 'Step', 5}, 3, sprintf('fz5: gf %d x 4 starts, %s, unstable', d, TBl{k}));
      end
    end
    for d = [1, 2, 8, 16, 17]
      Qd = gd_quadratic(eye(d) + 0.1, ones(d, 1));
      for m0 = [1, 2, 5, 64]
        T0 = repmat((1:m0) / m0, d, 1);
        T0(1, end) = NaN;
        for me = {'euler', 'rk4', 'heun', 'rk45', 'implicit'}
          add('gf_run_mex', {Qd, T0, [0 0.3 1], 'Method', me{1}, 'Step', 0.1, 'MaxTime', 1}, 3, ...
              sprintf('fz5: gf %d x %d starts, last NaN, %s', d, m0, me{1}));
        end
      end
    end
  end
  function addc(fn, args, nout, label, secs)
    put(fn, args, nout, [fn ': trust (child, ' sprintf('%d s', secs) '): ' label], secs);
  end
end

function t = tgt(fn, base, names, good, nout, maxout)
t = struct('fn', fn, 'base', {base}, 'names', {names}, 'good', good, 'nout', nout, 'maxout', maxout, ...
           'obase', {base});
end

function v = good_value(t, nm)
if isfield(t.good, nm)
  v = t.good.(nm);
else
  v = 1;
end
end

function a = field_base(fn, th0)
switch fn
  case 'gf_run_mex'
    a = {th0, [0 1], 'MaxTime', 1};
  case 'gd_eval_mex'
    a = {th0};
  otherwise
    a = {th0, 'MaxIter', 100, 'MaxTime', 1};
end
end

function n = nout_of(fn)
switch fn
  case 'gf_run_mex'
    n = 3;
  case 'gd_eval_mex'
    n = 3;
  otherwise
    n = 2;
end
end

function c = choices_of(fn, name)
% the enum choices of an option, read from the error gd_options raises
c = {};
try
  gd_options(fn, name, '?no such choice?');
catch err
  tok = regexp(err.message, '''([^'']*\|[^'']*)''', 'tokens');
  if ~isempty(tok)
    c = strsplit(tok{end}{1}, '|');
  end
end
end
