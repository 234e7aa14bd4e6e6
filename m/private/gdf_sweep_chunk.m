function out = gdf_sweep_chunk(spec, idx)
%GDF_SWEEP_CHUNK  Run the configurations IDX of a sweep: one row each (GDF_SWEEP_RUN).
%   In a worker process an error comes back as a struct (identifier,
%   message) in OUT, for the parent to raise with its identifier.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
ncol = numel(gdf_sweep_fields());
out = zeros(numel(idx), ncol);
try
  ws = warning('off', 'gdflow:diverged');
  for j = 1:numel(idx)
    out(j, :) = gdf_sweep_run(spec, idx(j));
  end
  warning(ws);
catch err
  warning(ws);
  out = struct('identifier', err.identifier, 'message', err.message);
end
end
