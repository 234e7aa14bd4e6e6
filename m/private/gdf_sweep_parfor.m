function S = gdf_sweep_parfor(spec, opt, S, t0, todo)
%GDF_SWEEP_PARFOR  GD_SWEEP's parfor backend (MATLAB's Parallel Computing Toolbox).
%   parfor over the chunks of a wave (4 chunks per worker), with at most
%   opt.workers workers.  Without the toolbox, and in Octave, parfor runs
%   the loop serially here, with the same results.  Between waves: progress,
%   MaxTime, and the finished results stored (Ctrl-C keeps them).  The MATLAB
%   parallel path is reviewed on paper, not run (no MATLAB here).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
chunks = gdf_sweep_chunks(todo, opt.chunk);
done = S.n - numel(todo);
nw = opt.workers;
wave = 4 * nw;
last = -Inf;
for w0 = 1:wave:numel(chunks)
  if w0 > 1 && toc(t0) > opt.maxtime
    break
  end
  these = chunks(w0:min(numel(chunks), w0 + wave - 1));
  out = cell(1, numel(these));
  parfor (k = 1:numel(these), nw)
    out{k} = gdf_sweep_chunk(spec, these{k});
  end
  [done, last] = gdf_sweep_collect(opt, spec, these, out, done, t0, last);
end
S = [];                                       % the results are in GDF_SWEEP_STORE
end
