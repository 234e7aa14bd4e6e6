function chunks = gdf_sweep_chunks(todo, chunk)
%GDF_SWEEP_CHUNKS  The configurations TODO (a vector of indices) cut into consecutive pieces of at most CHUNK (a cell).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
todo = todo(:)';
starts = 1:chunk:numel(todo);
chunks = cell(1, numel(starts));
for k = 1:numel(starts)
  chunks{k} = todo(starts(k):min(numel(todo), starts(k) + chunk - 1));
end
end
