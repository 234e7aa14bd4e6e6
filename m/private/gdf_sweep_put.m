function S = gdf_sweep_put(S, idx, rows)
%GDF_SWEEP_PUT  Write the result ROWS (GDF_SWEEP_RUN's, one per configuration) of the configurations IDX into S.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = gdf_sweep_fields();
for k = 1:numel(names)
  if strcmp(names{k}, 'stable')
    S.stable(idx) = rows(:, k) ~= 0;
  else
    S.(names{k})(idx) = rows(:, k);
  end
end
S.done(idx) = true;
end
