function S = gd_sweep(fun, theta0, varargin)
%GD_SWEEP  Run a grid of gd_run (or gf_run) configurations; tabulate rates against the theory.
%   S = GD_SWEEP(FUN, THETA0, 'Axes', {Name1, Values1, Name2, Values2, ...})
%   runs GD_RUN from THETA0 once for every point of the grid Values1 x
%   Values2 x ... and returns the results as arrays shaped like the grid.
%   S = GD_SWEEP(..., 'Fixed', {Name, Value, ...}) gives options every run
%   shares; further name-value pairs set the sweep's own options (below).
%
%   FUN     a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%           GD_TESTFUN) or a function handle returning [f, g] -- or a
%           problem MAKER: a handle taking the values of the axes whose
%           names are not options of the runner, in the order of the axes,
%           and returning a problem (e.g. @(kappa) gd_testfun('ellipse',
%           kappa) with an axis 'kappa').  FUN is a maker exactly when such
%           an axis is given.
%   THETA0  the start (a column vector), the same for every configuration
%
%   Axes: a cell {Name, Values, ...}.  Values is a numeric vector or a cell
%   (e.g. {'gd', 'heavyball', 'nesterov'}).  A Name is
%     an option of the runner  any name of GD_OPTIONS (gd_run) or
%                 GD_OPTIONS('gf_run'): 'StepSize', 'Method', 'Momentum',
%                 'MaxIter', 'Step', 'Temperature', ...
%     'StepSizeL' the step as a multiple of 1/L: the run gets StepSize =
%                 Value/L (Step = Value/L for gf_run) with L the problem's of
%                 that configuration, so 2 is the stability limit of GD on
%                 every problem of a kappa axis (the problem must know L)
%     'Seed'      the seed of the configuration's random numbers (below)
%     'TSpan'     (gf_run) the time span; Values a cell of spans
%     any other   a parameter of the problem maker FUN
%   Fixed: {Name, Value, ...} of the same kinds (not StepSizeL, not maker
%   parameters), given to every run; an axis may not repeat a fixed name.
%
%   Every configuration is an independent run: before it, the random number
%   generators are seeded (rng(s, 'twister')) with s = its 'Seed' (axis or
%   fixed) or else its linear index in the grid, and the runner gets 'Seed', s
%   when a Seed is given and the configuration's method takes one (gd_run
%   'sgd'; gf_run 'langevin', 'sgd-sde': the other methods refuse a Seed, and
%   the sweep's Seed then seeds only the maker).  So the results do not depend
%   on the backend, the number of workers or the order of the runs (bit for
%   bit).  The caller's generator state is restored afterwards.
%
%   Options of the sweep
%     Runner     'gd_run' (default) or 'gf_run' (gf_run(FUN, THETA0, TSpan,
%                ...), TSpan default [0 10])
%     Backend    'auto' (default: in Octave with its parallel package and
%                more than one worker (Workers, or the cores), the first
%                configuration runs here and is timed: if the rest would take
%                over a second serially, they go to 'parallel', else they run
%                serially; in MATLAB 'parfor'), 'serial', 'parallel'
%                (Octave's parallel package: parcellfun over its local worker
%                processes, one OpenMP thread each when they fill the cores)
%                or 'parfor' (MATLAB's parfor over the chunks; in
%                Octave, and in MATLAB without the Parallel Computing
%                Toolbox, it runs serially)
%     Workers    number of processes (default: the number of cores, nproc)
%     ChunkSize  configurations per chunk: per message to a worker (default:
%                8 chunks per worker), or serially between progress lines
%                and what Ctrl-C keeps (default: n/200, at most 50)
%     Display    'off' (default), 'final' (the table at the end) or 'on'
%                (also progress: done/total, elapsed, estimated remaining)
%     Theory     true (default) or false: skip the theory columns (NaN), about
%                0.5 ms a configuration in Octave (gd_theory is .m code)
%     MaxTime    seconds: start no new chunk (serial) or wave of chunks
%                (parallel, parfor) after this, the first always; the
%                unfinished configurations are NaN (default Inf)
%
%   S fields (every result array has the shape of the grid, S.size; one axis
%   of n values gives n-by-1)
%     axes       the axis names (cell);  values: their values (cell)
%     grid       struct: grid.(name) = the coordinate of every configuration
%                (numeric array, or a cell array for a cell axis)
%     size       the grid's size;  n: the number of configurations
%     f          final f;  gap: final f - f* (NaN when f* is unknown)
%     iterations iterations (gd_run) or steps (gf_run) taken
%     exitflag   the runner's exit flag (-2: diverged)
%     rate       the measured contraction factor of f - f* per iteration
%                (gd_run) or per unit time (gf_run), over the second half of
%                the run, as GD_COMPARE measures it (NaN: too short a run)
%     theory     the theory's rate (GD_THEORY: the one theory module)
%     theory_stable  the theory's verdict: 1, 0, NaN (no verdict)
%     stable     measured: finite, not diverged, f - f* not above its start
%     step, momentum, L, mu  the step and momentum the runner used, the
%                problem's L and mu
%     time       seconds per configuration (wall clock, not bit-identical)
%     fixed      the fixed runner options (a cell, as given in Fixed)
%     done       true where the configuration ran
%     complete   all done;  backend, workers, chunk, elapsed: how it ran
%
%   Ctrl-C stops the sweep; the finished configurations are kept and
%   S = GD_SWEEP('last') returns them (serially per chunk; 'parallel' and
%   'parfor' per wave of 4 chunks per worker; the SIGINT path is tested
%   serially only).  The gdflow:diverged
%   warning of each run is off during the sweep (exitflag -2 records it).
%   GD_SWEEP_PLOT draws a sweep.  Errors: gdflow:gd_sweep:<what>.
%
%   Example:
%     maker = @(kappa) gd_testfun('ellipse', kappa);
%     S = gd_sweep(maker, [1; 1], 'Axes', {'kappa', [1 10 100], 'StepSizeL', [0.5 1 1.9 2.1]}, ...
%                  'Fixed', {'MaxIter', 200, 'GradTol', 0}, 'Backend', 'serial');
%     disp(S.theory_stable)        % 1 below eta*L = 2, 0 above
%     disp(S.stable)               % the runs agree
%
%   See also GD_SWEEP_PLOT, GD_RUN, GF_RUN, GD_COMPARE, GD_THEORY.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin == 3 && ischar(fun) && strcmp(fun, '-chunk')
  % internal: a worker of the parallel backend runs a chunk (parcellfun sends
  % its function to the workers by name: a private function is not found there)
  S = gdf_sweep_chunk(theta0, varargin{1});
  return
end
if nargin == 1 && ischar(fun) && strcmpi(fun, 'last')
  S = gdf_sweep_store('get');
  if isempty(S)
    error('gdflow:gd_sweep:noPartial', 'gd_sweep: no interrupted sweep to return (gd_sweep(''last'')).');
  end
  return
end
if nargin < 2
  error('gdflow:gd_sweep:notEnoughInputs', ...
        'gd_sweep: usage: S = gd_sweep(fun, theta0, ''Axes'', {Name, Values, ...}, ''Fixed'', {...}, ...).');
end
[spec, opt] = gdf_sweep_spec(fun, theta0, varargin);
S = gdf_sweep_result(spec);
S.fixed = spec.fixed;

rs = rng();                                     % the caller's generators, restored at the end
ws = warning('off', 'gdflow:diverged');
cleaner = onCleanup(@() restore(rs, ws));
gdf_sweep_store('set', S);
t0 = tic;
todo = 1:S.n;
if strcmp(opt.backend, 'auto')
  % time the first configuration here: a sweep whose serial time would be
  % under a second stays serial (a call of the process backend costs 0.1-0.3 s)
  out = gdf_sweep_chunk(spec, 1);
  gdf_sweep_raise(out);
  gdf_sweep_store('put', 1, out);
  todo = 2:S.n;
  if toc(t0) * (S.n - 1) < 1
    opt.backend = 'serial';
    spec.threads1 = false;
  else
    opt.backend = 'parallel';
  end
  opt = gdf_sweep_chunksize(opt, numel(todo));
end
switch opt.backend
  case 'serial'
    gdf_sweep_serial(spec, opt, S, t0, todo);
  case 'parfor'
    gdf_sweep_parfor(spec, opt, S, t0, todo);
  case 'parallel'
    gdf_sweep_parallel(spec, opt, S, t0, todo);
end
gdf_sweep_store('stamp', toc(t0));
S = gdf_sweep_store('take');
S.backend = opt.backend;
S.workers = opt.workers;
S.chunk = opt.chunk;
if ~strcmp(opt.display, 'off')
  gdf_sweep_table(S);
end
end

function restore(rs, ws)
rng(rs);
warning(ws);
end

%!test
%! % a 1-D grid is a column; the coordinates are the axis values
%! p = gd_quadratic([3 1; 1 2], [1; 1]);
%! S = gd_sweep(p, [2; 1], 'Axes', {'StepSize', [0.1 0.4 0.7]}, 'Backend', 'serial');
%! assert (S.size, [3 1]);
%! assert (S.grid.StepSize, [0.1; 0.4; 0.7]);
%! assert (S.theory_stable', [1 1 0]);
%! assert (S.stable', [true true false]);
%! assert (S.complete);

%!error <Axes> gd_sweep(gd_quadratic(eye(2)), [1; 1], 'Axes', 3)
