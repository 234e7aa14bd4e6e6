function S = gdf_sweep_result(spec)
%GDF_SWEEP_RESULT  GD_SWEEP's result struct for SPEC, every configuration not yet run (NaN).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
dims = spec.dims;
shape = dims;
if numel(shape) == 1
  shape = [shape, 1];
end
n = prod(dims);
S = struct();
S.axes = spec.names;
S.values = spec.values;
S.size = shape;
S.n = n;
S.runner = spec.runner;
grid = struct();
idx = cell(1, numel(dims));
[idx{:}] = ind2sub(shape, (1:n)');
for k = 1:numel(dims)
  v = spec.values{k};
  c = v(idx{k});
  grid.(spec.names{k}) = reshape(c, shape);
end
S.grid = grid;
names = gdf_sweep_fields();
for k = 1:numel(names)
  S.(names{k}) = NaN(shape);
end
S.stable = false(shape);
S.done = false(shape);
S.complete = false;
S.backend = '';
S.workers = 1;
S.chunk = 1;
S.elapsed = NaN;
end
