function opt = gdf_sweep_chunksize(opt, n)
%GDF_SWEEP_CHUNKSIZE  The backend's workers and default ChunkSize for N configurations.
%   Serial: chunks of at most 50 (n/200): the granularity of the progress
%   line and of what Ctrl-C keeps.  Parallel: 8 chunks per worker, so that
%   a message to a worker carries many small runs and the load still
%   balances.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if strcmp(opt.backend, 'serial')
  opt.workers = 1;
end
if ~opt.chunk_given
  if strcmp(opt.backend, 'serial')
    opt.chunk = max(1, min(50, ceil(n / 200)));
  else
    opt.chunk = max(1, ceil(n / (8 * opt.workers)));
  end
end
end
