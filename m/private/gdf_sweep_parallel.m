function S = gdf_sweep_parallel(spec, opt, S, t0)
%GDF_SWEEP_PARALLEL  GD_SWEEP's process backend: Octave's parcellfun over forked local workers.
%   The chunks go out in waves of 4 per worker (2 waves with the default
%   ChunkSize): between waves the progress is printed, MaxTime is checked
%   and the finished results are stored (Ctrl-C keeps them).  Each chunk
%   is one message to a worker, so small runs are not sent one by one.  A
%   worker's error is raised here with its identifier.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
chunks = gdf_sweep_chunks(S.n, opt.chunk);
nw = min(opt.workers, numel(chunks));
wave = 4 * nw;
gdf_sweep_store('set', S);
clear S
last = -Inf;
done = 0;
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
  for k = 1:numel(these)
    gdf_sweep_raise(out{k});
  end
  gdf_sweep_store('put', [these{:}], vertcat(out{:}));
  done = done + numel([these{:}]);
  gdf_sweep_store('stamp', toc(t0));
  last = gdf_sweep_progress(opt, done, prod(spec.dims), t0, last);
end
S = gdf_sweep_store('take');
end

function out = worker_error(err, varargin)
% an error outside GDF_SWEEP_CHUNK's own try (e.g. the function not found in
% the worker): the same struct, raised by the parent
out = struct('identifier', 'gdflow:gd_sweep:workerFailed', ...
             'message', sprintf('gd_sweep: a worker failed: %s', err.message));
end
