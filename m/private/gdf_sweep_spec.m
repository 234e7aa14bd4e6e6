function [spec, opt] = gdf_sweep_spec(fun, theta0, args)
%GDF_SWEEP_SPEC  Check GD_SWEEP's inputs; the sweep's description SPEC and its options OPT.
%   SPEC is all a worker needs to run configuration i (GDF_SWEEP_RUN): the
%   problem or maker, THETA0, the runner, the axes (name, values, kind) and
%   the fixed options.  OPT: backend, workers, chunk, display, maxtime.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~((isstruct(fun) && numel(fun) == 1 && isfield(fun, 'type')) || isa(fun, 'function_handle'))
  error('gdflow:gd_sweep:badProblem', ...
        'gd_sweep: FUN must be a problem struct (gd_quadratic, ...), a function handle returning [f, g], or a problem maker handle.');
end
if ~(isnumeric(theta0) && isreal(theta0) && isvector(theta0) && ~isempty(theta0) && all(isfinite(theta0(:))))
  error('gdflow:gd_sweep:badStart', 'gd_sweep: THETA0 must be a finite real vector (one start).');
end
if mod(numel(args), 2) ~= 0
  error('gdflow:gd_sweep:badOption', 'gd_sweep: options must be name-value pairs after THETA0.');
end
opt = struct('axes', {{}}, 'fixed', {{}}, 'runner', 'gd_run', 'backend', 'auto', 'workers', NaN, ...
             'chunk', NaN, 'display', 'off', 'maxtime', Inf, 'theory', true);
known = {'Axes', 'Fixed', 'Runner', 'Backend', 'Workers', 'ChunkSize', 'Display', 'MaxTime', 'Theory'};
for k = 1:2:numel(args)
  name = args{k};
  v = args{k + 1};
  if ~(ischar(name) && size(name, 1) == 1 && any(strcmpi(name, known)))
    error('gdflow:gd_sweep:badOption', 'gd_sweep: unknown option; expected one of %s.', strjoin(known, ', '));
  end
  switch lower(name)
    case 'axes'
      if ~(iscell(v) && mod(numel(v), 2) == 0 && ~isempty(v))
        error('gdflow:gd_sweep:badAxes', 'gd_sweep: Axes must be a cell {Name1, Values1, Name2, Values2, ...}.');
      end
      opt.axes = v(:)';
    case 'fixed'
      if ~(iscell(v) && mod(numel(v), 2) == 0)
        error('gdflow:gd_sweep:badFixed', 'gd_sweep: Fixed must be a cell {Name, Value, ...} of runner options.');
      end
      opt.fixed = v(:)';
    case 'runner'
      if ~(ischar(v) && any(strcmpi(v, {'gd_run', 'gf_run'})))
        error('gdflow:gd_sweep:badRunner', 'gd_sweep: Runner must be ''gd_run'' or ''gf_run''.');
      end
      opt.runner = lower(v);
    case 'backend'
      if ~(ischar(v) && any(strcmpi(v, {'auto', 'serial', 'parallel', 'parfor'})))
        error('gdflow:gd_sweep:badBackend', 'gd_sweep: Backend must be ''auto'', ''serial'', ''parallel'' or ''parfor''.');
      end
      opt.backend = lower(v);
    case 'workers'
      if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 1 && v <= 1024 && v == round(v))
        error('gdflow:gd_sweep:badWorkers', 'gd_sweep: Workers must be an integer from 1 to 1024.');
      end
      opt.workers = double(v);
    case 'chunksize'
      if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 1 && v <= 1e9 && v == round(v))
        error('gdflow:gd_sweep:badChunkSize', 'gd_sweep: ChunkSize must be a positive integer.');
      end
      opt.chunk = double(v);
    case 'display'
      if ~(ischar(v) && any(strcmpi(v, {'off', 'final', 'on'})))
        error('gdflow:gd_sweep:badDisplay', 'gd_sweep: Display must be ''off'', ''final'' or ''on''.');
      end
      opt.display = lower(v);
    case 'theory'
      if ~((islogical(v) || isnumeric(v)) && isscalar(v) && (v == 0 || v == 1))
        error('gdflow:gd_sweep:badTheory', 'gd_sweep: Theory must be true or false.');
      end
      opt.theory = logical(v);
    case 'maxtime'
      if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 0)
        error('gdflow:gd_sweep:badMaxTime', 'gd_sweep: MaxTime must be a non-negative number of seconds (Inf: no limit).');
      end
      opt.maxtime = double(v);
  end
end
if isempty(opt.axes)
  error('gdflow:gd_sweep:badAxes', 'gd_sweep: give at least one axis: ''Axes'', {Name, Values, ...}.');
end

% ---- the axes and the fixed options
if strcmp(opt.runner, 'gd_run')
  optnames = fieldnames(gd_options());
else
  optnames = fieldnames(gd_options('gf_run'));
end
has_seed = any(strcmpi(optnames, 'Seed'));
na = numel(opt.axes) / 2;
spec = struct('fun', fun, 'theta0', double(theta0(:)), 'runner', opt.runner, 'maker', false, ...
              'names', {cell(1, na)}, 'keys', {cell(1, na)}, 'values', {cell(1, na)}, ...
              'kinds', {cell(1, na)}, 'dims', zeros(1, na), 'fixed', {{}}, 'seed', NaN, ...
              'seed_option', has_seed, 'tspan', [0 10], 'threads1', false, 'P', [], ...
              'octave', exist('OCTAVE_VERSION', 'builtin') ~= 0, 'theory', opt.theory);
for k = 1:na
  name = opt.axes{2 * k - 1};
  v = opt.axes{2 * k};
  if ~(ischar(name) && size(name, 1) == 1 && ~isempty(name) && isvarname(name))
    error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis %d: the name must be a text such as ''StepSize'' or ''kappa''.', k);
  end
  if iscell(v)
    v = v(:)';
  elseif isnumeric(v) || islogical(v)
    if ~(isreal(v) && isvector(v) && all(~isnan(v(:))))
      error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis ''%s'': the values must be a real vector or a cell.', name);
    end
    v = double(v(:)');
  else
    error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis ''%s'': the values must be a numeric vector or a cell.', name);
  end
  if isempty(v)
    error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis ''%s'' has no values.', name);
  end
  i = find(strcmpi(name, optnames), 1);
  if ~isempty(i) && ~strcmpi(name, 'Seed')
    spec.kinds{k} = 'option';
    spec.keys{k} = optnames{i};
  elseif strcmpi(name, 'StepSizeL')
    spec.kinds{k} = 'stepL';
    spec.keys{k} = 'StepSizeL';
    if ~(isnumeric(v) && all(v > 0 & isfinite(v)))
      error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis StepSizeL: the values (eta*L) must be positive finite numbers.');
    end
    if isstruct(fun) && ~(isfield(fun, 'L') && isnumeric(fun.L) && isscalar(fun.L) && isfinite(fun.L) && fun.L > 0)
      error('gdflow:gd_sweep:noL', 'gd_sweep: axis StepSizeL needs the problem''s L; this problem does not know it.');
    end
  elseif strcmpi(name, 'Seed')
    spec.kinds{k} = 'seed';
    spec.keys{k} = 'Seed';
    check_seed(v);
  elseif strcmpi(name, 'TSpan') && strcmp(opt.runner, 'gf_run')
    spec.kinds{k} = 'tspan';
    spec.keys{k} = 'TSpan';
    if ~iscell(v)
      error('gdflow:gd_sweep:badAxes', 'gd_sweep: axis TSpan: the values must be a cell of time spans.');
    end
  else
    spec.kinds{k} = 'param';
    spec.keys{k} = name;
    spec.maker = true;
  end
  spec.names{k} = name;
  spec.values{k} = v;
  spec.dims(k) = numel(v);
end
[~, spec.kcode] = ismember(spec.kinds, {'option', 'param', 'stepL', 'seed', 'tspan'});
spec.iscellv = cellfun('isclass', spec.values, 'cell');
if numel(unique(lower(spec.keys))) < na
  error('gdflow:gd_sweep:badAxes', 'gd_sweep: an axis name appears twice.');
end
if spec.maker && ~isa(fun, 'function_handle')
  p = spec.names(strcmp(spec.kinds, 'param'));
  error('gdflow:gd_sweep:badAxes', ['gd_sweep: ''%s'' is not an option of %s, and FUN is a problem struct, ' ...
        'not a maker handle taking it (e.g. @(kappa) gd_testfun(''ellipse'', kappa)).'], p{1}, opt.runner);
end
fixed = opt.fixed;
for k = 1:2:numel(fixed)
  name = fixed{k};
  if ~(ischar(name) && size(name, 1) == 1)
    error('gdflow:gd_sweep:badFixed', 'gd_sweep: Fixed must be a cell {Name, Value, ...}; entry %d is not a name.', k);
  end
  if any(strcmpi(name, spec.keys))
    error('gdflow:gd_sweep:badFixed', 'gd_sweep: ''%s'' is given both as an axis and in Fixed.', name);
  end
  i = find(strcmpi(name, optnames), 1);
  if strcmpi(name, 'TSpan') && strcmp(opt.runner, 'gf_run')
    spec.tspan = fixed{k + 1};
  elseif strcmpi(name, 'Seed')
    check_seed(fixed{k + 1});
    if ~isscalar(fixed{k + 1})
      error('gdflow:gd_sweep:badSeed', 'gd_sweep: a fixed Seed must be one integer (use an axis for several).');
    end
    spec.seed = double(fixed{k + 1});               % given to the runner by gdf_sweep_run where its method takes one
  elseif isempty(i)
    error('gdflow:gd_sweep:badFixed', 'gd_sweep: ''%s'' in Fixed is not an option of %s (see gd_options).', name, opt.runner);
  else
    spec.fixed = [spec.fixed, {optnames{i}, fixed{k + 1}}];
  end
end
if any(strcmpi(spec.keys, 'StepSize') | strcmpi(spec.keys, 'Step')) && any(strcmp(spec.kinds, 'stepL'))
  error('gdflow:gd_sweep:badAxes', 'gd_sweep: give the step either as StepSizeL or as %s, not both.', ...
        spec.keys{strcmpi(spec.keys, 'StepSize') | strcmpi(spec.keys, 'Step')});
end
if any(strcmp(spec.kinds, 'stepL')) && any(strcmpi(spec.fixed(1:2:end), 'StepSize') | strcmpi(spec.fixed(1:2:end), 'Step'))
  error('gdflow:gd_sweep:badFixed', 'gd_sweep: a StepSizeL axis and a fixed step together.');
end
if ~spec.maker
  spec.P = gdf_theory_problem(fun, [], [], []);
end
n = prod(spec.dims);
if n > 1e8
  error('gdflow:gd_sweep:tooLarge', 'gd_sweep: %g configurations; at most 1e8.', n);
end
% the result arrays (13 per configuration), the grid's coordinates (one per
% axis) and the per-configuration rows: about (16 + 2 * axes) doubles per
% configuration, held at once.  A 10^4 x 5001 grid spent 47 s filling
% 5 GB before its first run; 1e8 configurations (allowed above) need
% about 17 GB: Octave's own out-of-memory error, or the kernel's OOM
% killer.  Checked against the memory available (Linux: /proc/meminfo)
need = n * 8 * (16 + 2 * numel(spec.dims));
avail = available_bytes();
if need > 0.5 * avail
  error('gdflow:gd_sweep:tooLarge', ['gd_sweep: %g configurations need about %.3g GB for their results ' ...
        'but %.3g GB of memory is available (at most half of it is used); sweep a coarser grid.'], ...
        n, need / 1e9, avail / 1e9);
end

% ---- the backend
if isnan(opt.workers)
  opt.workers = gdf_sweep_ncores();
end
octave = exist('OCTAVE_VERSION', 'builtin') ~= 0;
if strcmp(opt.backend, 'auto')
  if ~octave
    opt.backend = 'parfor';
  elseif opt.workers > 1 && n > 1 && gdf_sweep_haspar()
    opt.backend = 'auto';                     % GD_SWEEP times the first run, then decides
  else
    opt.backend = 'serial';
  end
end
if strcmp(opt.backend, 'parallel')
  if ~octave || ~gdf_sweep_haspar()
    error('gdflow:gd_sweep:noParallel', ['gd_sweep: Backend ''parallel'' needs Octave''s parallel package ' ...
          '(Debian: apt-get install octave-parallel; make deps installs it).']);
  end
end
opt.chunk_given = ~isnan(opt.chunk);
opt = gdf_sweep_chunksize(opt, n);
% one library thread per worker when the workers fill the cores
spec.threads1 = any(strcmp(opt.backend, {'parallel', 'parfor', 'auto'})) && opt.workers >= gdf_sweep_ncores();
end

function check_seed(v)
if ~(isnumeric(v) && isreal(v) && ~isempty(v) && all(v(:) >= 0 & v(:) < 2 ^ 32 & v(:) == round(v(:))))
  error('gdflow:gd_sweep:badSeed', 'gd_sweep: a Seed must be an integer from 0 to 2^32 - 1.');
end
end

function b = available_bytes()
% MemAvailable of /proc/meminfo (Linux); Inf where it cannot be read
b = Inf;
try
  txt = fileread('/proc/meminfo');
  tok = regexp(txt, 'MemAvailable:\s*(\d+)\s*kB', 'tokens', 'once');
  if ~isempty(tok)
    b = 1024 * str2double(tok{1});
  end
catch %#ok<CTCH>
end
end
