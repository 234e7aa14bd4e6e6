function [done, last] = gdf_sweep_collect(opt, spec, these, out, done, t0, last)
%GDF_SWEEP_COLLECT  Hand the results of finished chunks to GDF_SWEEP_STORE.
%   [DONE, LAST] = GDF_SWEEP_COLLECT(OPT, SPEC, THESE, OUT, DONE, T0, LAST):
%   THESE the chunks (cells of configuration indices), OUT their results
%   (GDF_SWEEP_CHUNK's rows, or the error struct it returned); raises the
%   first chunk's error with its identifier, else stores the rows, stamps
%   the elapsed time and prints the progress line.  One step shared by the
%   serial, parallel and parfor backends.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
for k = 1:numel(these)
  gdf_sweep_raise(out{k});
end
gdf_sweep_store('put', [these{:}], vertcat(out{:}));
done = done + numel([these{:}]);
gdf_sweep_store('stamp', toc(t0));
last = gdf_sweep_progress(opt, done, prod(spec.dims), t0, last);
end
