function s = bench_fmt_time(t)
%BENCH_FMT_TIME  Seconds as a short string with a unit.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if t >= 1
  s = sprintf('%.3g s', t);
elseif t >= 1e-3
  s = sprintf('%.3g ms', t * 1e3);
else
  s = sprintf('%.3g us', t * 1e6);
end
end
