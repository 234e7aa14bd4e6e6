function results = bench_all(mode)
%BENCH_ALL  Run every gdflow benchmark and print a summary table.
%   BENCH_ALL runs the full suite (make bench); BENCH_ALL('quick') runs each
%   benchmark at a tiny size only to check that the scripts work (make
%   bench-quick, also part of make test).  Every benchmark times gdflow and
%   a baseline in the same run and reports their ratio: the machines are
%   shared and noisy, so only same-run ratios are meaningful; times are
%   medians of several repetitions.  The suite first measures the machine's
%   streaming read bandwidth with a C kernel (private/gdf_bw_mex.c, compiled
%   on first use); bandwidth-bound benchmarks print the bytes they move per
%   iteration, the GB/s achieved and the fraction of that bandwidth.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1
  mode = 'full';
end
quick = strcmp(mode, 'quick');
fprintf('gdflow benchmarks (%s), %s, %s\n', mode, datestr(now, 'yyyy-mm-dd HH:MM'), bench_machine());
bw = read_bandwidth(quick);
fprintf('read bandwidth (C streaming kernel, %.0f MiB, median): %.1f GB/s with 1 thread, %.1f GB/s with 2\n', ...
        bw.nbytes / 2^20, bw.gbps1, bw.gbps2);
names = {'bench_gd_small', 'bench_call_overhead'};
extra = {'bench_gf_rk45', 'bench_gf_exact', 'bench_gd_batch', 'bench_leastsq', 'bench_logistic', ...
         'bench_quad_dense', 'bench_sparse_heat', 'bench_sparse_design', 'bench_threads', ...
         'bench_coursework_scale', 'bench_small_dense', 'bench_scaling'};
extra{end + 1} = 'bench_info_return';   % issue 15, round 5: how info is handed back
extra{end + 1} = 'bench_sgd';   % issue 16: SGD, BatchSize 1, against the Octave loop
         'bench_coursework_scale', 'bench_small_dense', 'bench_scaling', ...
         'bench_gf_batch'};
         'bench_coursework_scale', 'bench_small_dense', 'bench_scaling', ...
         'bench_sweep'};
for i = 1:numel(extra)
  if exist(extra{i}, 'file')
    names{end + 1} = extra{i}; %#ok<AGROW>
  end
end
results = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
for i = 1:numel(names)
  r = feval(names{i}, quick);
  results = [results, r]; %#ok<AGROW>
end
fprintf('\nSummary (ratio = baseline time / gdflow time; higher is better)\n');
fprintf('%-22s %-42s %12s %12s %9s %8s\n', 'benchmark', 'case', 'gdflow', 'baseline', 'ratio', 'target');
for i = 1:numel(results)
  r = results(i);
  fprintf('%-22s %-42s %12s %12s %9.2f %8s  %s\n', r.name, r.case, bench_fmt_time(r.gdflow), ...
          bench_fmt_time(r.baseline), r.ratio, r.target, r.note);
end
end
