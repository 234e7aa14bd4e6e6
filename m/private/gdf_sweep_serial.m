function S = gdf_sweep_serial(spec, opt, S, t0, todo)
%GDF_SWEEP_SERIAL  GD_SWEEP's serial backend: the chunks one after another in this process.
%   The finished chunks are in GDF_SWEEP_STORE as they finish, so Ctrl-C
%   leaves them for GD_SWEEP('last').  MaxTime: no chunk starts after it
%   (the first always runs).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
chunks = gdf_sweep_chunks(todo, opt.chunk);
done = S.n - numel(todo);
last = -Inf;
for k = 1:numel(chunks)
  if k > 1 && toc(t0) > opt.maxtime
    break
  end
  [done, last] = gdf_sweep_collect(opt, spec, chunks(k), {gdf_sweep_chunk(spec, chunks{k})}, done, t0, last);
end
S = [];                                       % the results are in GDF_SWEEP_STORE
end
