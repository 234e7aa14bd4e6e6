function r = gdf_tail_rate(x, e, fl)
%GDF_TAIL_RATE  Measured rate of a run: the factor of E per unit of X over the tail.
%   R = GDF_TAIL_RATE(X, E, FL) is (E(last)/E(mid))^(1/(X(last) - X(mid)))
%   over the second half (in X) of the part of the run where E is finite and
%   above the rounding floor FL: the per-unit factor of f - f* that
%   gd_compare reports and gd_sweep tabulates (one definition for both).
%   NaN when fewer than three points lie above the floor.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
r = NaN;
ok = isfinite(e) & e > fl;
last = find(~ok, 1) - 1;
if isempty(last)
  last = numel(e);
end
if last < 3
  return
end
mid = find(x(1:last) >= x(1) + (x(last) - x(1)) / 2, 1);
if mid >= last
  mid = last - 1;
end
r = (e(last) / e(mid)) ^ (1 / (x(last) - x(mid)));
end
