function chunks = gdf_sweep_chunks(n, chunk)
%GDF_SWEEP_CHUNKS  The configurations 1..N cut into consecutive pieces of at most CHUNK (a cell).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
starts = 1:chunk:n;
chunks = cell(1, numel(starts));
for k = 1:numel(starts)
  chunks{k} = starts(k):min(n, starts(k) + chunk - 1);
end
end
