function S = gdf_sweep_parallel(spec, opt, S, t0, todo)
%GDF_SWEEP_PARALLEL  GD_SWEEP's process backend: Octave's parcellfun over forked local workers.
%   The package (4.x) keeps its worker processes between calls (started at
%   the first, not forked per call) and sends each call the function, the
%   folder and the path: about 0.1-0.3 s a call, so a sweep makes few calls.
%   The chunks go out in waves of 4 per worker (2 waves with the default
%   ChunkSize): between waves the progress is printed, MaxTime is checked
%   and the finished results are stored (Ctrl-C keeps them).  Each chunk
%   is one message to a worker, so small runs are not sent one by one.  A
%   worker's error is raised here with its identifier.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
chunks = gdf_sweep_chunks(todo, opt.chunk);
done = S.n - numel(todo);
nw = min(opt.workers, numel(chunks));
wave = 4 * nw;
last = -Inf;
% One OpenMP thread per worker when the workers fill the cores.  The
% package's workers are separate Octave processes, started at their first
% use; they read the environment then (workers already running keep theirs;
% the library's own data passes are capped by prob.threads = 1 in
% GDF_SWEEP_RUN either way).  OpenBLAS (Debian's pthread build) falls back to
% OMP_NUM_THREADS, and its sums depend on its thread count (X'*X in a maker
% differed in the last bit), so OPENBLAS_NUM_THREADS is pinned to the
% caller's count: Octave's own arithmetic in a worker is the caller's, bit
% for bit.  The caller's environment is restored.
if spec.threads1
  names = {'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS'};
  old = {getenv(names{1}), getenv(names{2})};
  blas = old{2};
  if isempty(blas)
    blas = getenv('GOTO_NUM_THREADS');
  end
  if isempty(blas)
    blas = old{1};
  end
  if isempty(blas)
    blas = sprintf('%d', nproc('overridable'));
  end
  setenv(names{1}, '1');
  setenv(names{2}, blas);
  envback = onCleanup(@() restore_env(names, old));
end
fn = @(c) gd_sweep('-chunk', spec, c);   % public: the workers cannot see private functions
for w0 = 1:wave:numel(chunks)
  if w0 > 1 && toc(t0) > opt.maxtime
    break
  end
  these = chunks(w0:min(numel(chunks), w0 + wave - 1));
  if nw > 1 && numel(these) > 1
    out = parcellfun(min(nw, numel(these)), fn, these, 'UniformOutput', false, 'VerboseLevel', 0, 'ErrorHandler', @worker_error);
  else
    out = cellfun(fn, these, 'UniformOutput', false);
  end
  [done, last] = gdf_sweep_collect(opt, spec, these, out, done, t0, last);
end
S = [];                                       % the results are in GDF_SWEEP_STORE
end

function out = worker_error(err, varargin)
% an error outside GDF_SWEEP_CHUNK's own try (e.g. the function not found in
% the worker): the same struct, raised by the parent
out = struct('identifier', 'gdflow:gd_sweep:workerFailed', ...
             'message', sprintf('gd_sweep: a worker failed: %s', err.message));
end

function restore_env(names, old)
for k = 1:numel(names)
  if isempty(old{k})
    unsetenv(names{k});
  else
    setenv(names{k}, old{k});
  end
end
end
