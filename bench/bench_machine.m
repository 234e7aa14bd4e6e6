function s = bench_machine()
%BENCH_MACHINE  One line describing the machine the benchmarks ran on.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
cpu = 'unknown CPU';
[st, out] = system('grep -m1 "model name" /proc/cpuinfo');
if st == 0
  cpu = strtrim(regexprep(out, '^.*:\s*', ''));
end
[st, n] = system('nproc');
if st ~= 0
  n = '?';
end
s = sprintf('%s, %s cores, Octave %s', cpu, strtrim(n), version());
end
