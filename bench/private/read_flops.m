function fl = read_flops(quick)
%READ_FLOPS  This machine's floating-point rate: a dgemm that runs at peak.
%   FL = READ_FLOPS(QUICK) times C = A*B for n x n matrices (n = 1000; 200
%   when QUICK), BLAS with its default threads, 5 times (3 when QUICK), and
%   returns the fields
%     gflops  2*n^3 / (median time) / 1e9: the most the machine does, the
%             flop limit the benchmarks draw beside a kernel's time
%     n       the order used
%   The result is kept for the rest of the session (per QUICK).  A helper
%   of the benchmark suite, not part of gdflow.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent cache
key = 1 + (quick ~= 0);
if ~isempty(cache) && numel(cache) >= key && ~isempty(cache{key})
  fl = cache{key};
  return
end
n = 1000;
reps = 5;
if quick
  n = 200;
  reps = 3;
end
randn('seed', 7);
A = randn(n);
B = randn(n);
C = A * B;   % warm-up (threads started, pages touched)
t = zeros(1, reps);
for i = 1:reps
  t0 = tic;
  C = A * B; %#ok<NASGU>
  t(i) = toc(t0);
end
fl = struct('gflops', 2 * n ^ 3 / median(t) / 1e9, 'n', n);
if isempty(cache)
  cache = cell(1, 2);
end
cache{key} = fl;
end
