function r = bench_scaling(quick)
%BENCH_SCALING  GD time per iteration against the size, beside the machine's limits.
%   Two families, each from cache-resident to memory-bound sizes:
%     dense quadratic   gd_quadratic(A, b), d = 8 .. 4096 (A is 0.5 KB .. 134 MB);
%                       per iteration one A*theta (dsymv: the lower triangle,
%                       8*d*(d+1)/2 bytes) and 2*d^2 flops
%     least squares     gd_leastsq(X, y) with p = 20 and n = 50 .. 409600, the
%                       one-pass form (prob.gram = 'off': X read once per
%                       iteration, 8*(n*p + n) bytes) and 4*n*p flops
%   The time per iteration is the C loop's (info.time / info.iterations,
%   median of several calls: gd_per_iter), so the interpreter's fixed cost
%   of a call is left out (bench_call_overhead measures it).  Beside it, the
%   two limits no implementation can beat:
%     bandwidth limit   bytes per iteration / the read bandwidth measured by
%                       the suite (read_bandwidth: a C streaming kernel)
%     flop limit        flops per iteration / the machine's dgemm rate
%                       (read_flops: C = A*B at n = 1000, BLAS with its
%                       default threads: the most this machine does)
%   and the fraction of the limit reached (limit / time; 100% = at the
%   limit).  Data that fit in the last-level cache (its size from lscpu,
%   printed and drawn as a vertical line) are not held back by the memory
%   bandwidth: there the limit is the flop limit alone (and the time may
%   beat the bandwidth line); above it, the slower of the two.  A reader sees where gdflow sits at every size, not at one
%   chosen point.  Writes bench/figures/scaling.png (log-log, both families,
%   time per iteration and the two limit lines).  QUICK: three tiny sizes
%   per family and a figure in tempdir (seconds; make test).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
dims = [8 16 32 64 128 256 512 1024 2048 4096];
ns = [50 200 800 3200 12800 51200 204800 409600];
p = 20;
reps = 5;
here = fileparts(mfilename('fullpath'));
outdir = fullfile(here, 'figures');
if quick
  dims = [8 32 128];
  ns = [50 400 3200];
  reps = 2;
  outdir = tempdir();
end
bw = read_bandwidth(quick);
fl = read_flops(quick);
fl.llc = llc_bytes();
fprintf(['\n[bench_scaling] GD time per iteration against size; limits: read bandwidth %.1f GB/s, ' ...
         'dgemm %.1f GFLOP/s; last-level cache %.0f MB\n'], bw.gbps, fl.gflops, fl.llc / 2^20);

% dense quadratics
Q = struct('size', dims, 'bytes', 0 * dims, 'flops', 0 * dims, 't', 0 * dims);
fprintf('  %-22s %10s %12s %12s %12s %9s %s\n', 'dense quadratic', 'bytes/iter', 'gd_run/iter', ...
        'bw limit', 'flop limit', 'of limit', 'bound by');
for i = 1:numel(dims)
  d = dims(i);
  randn('seed', d);
  R = randn(d) / sqrt(d);
  A = (R + R') / 2 + 3 * eye(d);   % eigenvalues in about [1.6, 4.4]
  clear R
  prob = gd_quadratic(A, randn(d, 1));
  clear A
  Q.bytes(i) = 8 * d * (d + 1) / 2 + 8 * 4 * d;
  Q.flops(i) = 2 * d * d + 6 * d;
  K = iterations_for(Q.bytes(i), quick);
  Q.t(i) = gd_per_iter(prob, zeros(d, 1), 1 / prob.L, K, reps);
  print_row(sprintf('d = %d', d), Q, i, bw, fl);
  clear prob
end

% least squares, one pass over X per iteration
S = struct('size', ns * p, 'bytes', 0 * ns, 'flops', 0 * ns, 't', 0 * ns);
fprintf('  %-22s %10s %12s %12s %12s %9s %s\n', sprintf('least squares, p = %d', p), 'bytes/iter', ...
        'gd_run/iter', 'bw limit', 'flop limit', 'of limit', 'bound by');
for i = 1:numel(ns)
  n = ns(i);
  randn('seed', n);
  X = [ones(n, 1), randn(n, p - 1)];
  y = X * randn(p, 1) + 0.5 * randn(n, 1);
  prob = gd_leastsq(X, y);
  clear X y
  prob.gram = 'off';   % X once per iteration, not the p x p Gram form
  S.bytes(i) = 8 * (n * p + n);
  S.flops(i) = 4 * n * p + 3 * n;
  K = iterations_for(S.bytes(i), quick);
  S.t(i) = gd_per_iter(prob, zeros(p, 1), 1 / prob.L, K, reps);
  print_row(sprintf('n = %d (n*p = %d)', n, n * p), S, i, bw, fl);
  clear prob
end

if ~exist(outdir, 'dir')
  mkdir(outdir);
end
file = fullfile(outdir, 'scaling.png');
plotted = make_figure(Q, S, p, bw, fl, file);
if plotted
  fprintf('  figure: %s\n', file);
end
[fq, bq] = of_limit(Q, numel(dims), bw, fl);
[fs, bs] = of_limit(S, numel(ns), bw, fl);
r = struct('name', {'bench_scaling', 'bench_scaling'}, ...
           'case', {sprintf('dense quad d=%d vs its limit', dims(end)), ...
                    sprintf('leastsq n*p=%d vs its limit', ns(end) * p)}, ...
           'gdflow', {Q.t(end), S.t(end)}, 'baseline', {fq * Q.t(end), fs * S.t(end)}, ...
           'ratio', {fq, fs}, 'target', {'curve', 'curve'}, ...
           'note', {sprintf('%s-bound; all sizes above', bq), sprintf('%s-bound; all sizes above', bs)});
end

function K = iterations_for(bytes, quick)
% about 20 ms of work per call at 5 GB/s, between 5 and 20000 iterations
K = max(5, min(20000, round(0.02 * 5e9 / max(bytes, 1))));
if quick
  K = max(3, round(K / 50));
end
end

function [frac, what] = of_limit(C, i, bw, fl)
% the limit over the measured time: the flop limit for data in the
% last-level cache, else the slower of the two limits
tb = C.bytes(i) / (bw.gbps * 1e9);
tf = C.flops(i) / (fl.gflops * 1e9);
if C.bytes(i) <= fl.llc || tf > tb
  frac = tf / C.t(i);
  what = 'flop';
else
  frac = tb / C.t(i);
  what = 'bandwidth';
end
if C.bytes(i) <= fl.llc
  what = 'flop (in cache)';
end
end

function b = llc_bytes()
% the last-level cache from lscpu ('L3 cache: 32 MiB ...'), else 8 MB
b = 8 * 2^20;
[st, out] = system('LC_ALL=C lscpu 2>/dev/null');
if st ~= 0
  return
end
tok = regexp(out, 'L3 cache:\s*([0-9.]+)\s*([KMG])i?B?', 'tokens', 'once');
if isempty(tok)
  tok = regexp(out, 'L2 cache:\s*([0-9.]+)\s*([KMG])i?B?', 'tokens', 'once');
end
if ~isempty(tok)
  b = str2double(tok{1}) * 2 ^ (10 * (strfind('KMG', tok{2})));
end
end

function print_row(label, C, i, bw, fl)
[frac, what] = of_limit(C, i, bw, fl);
fprintf('  %-22s %10s %12s %12s %12s %8.0f%% %s\n', label, fmt_bytes(C.bytes(i)), bench_fmt_time(C.t(i)), ...
        bench_fmt_time(C.bytes(i) / (bw.gbps * 1e9)), bench_fmt_time(C.flops(i) / (fl.gflops * 1e9)), ...
        100 * frac, what);
end

function s = fmt_bytes(b)
if b >= 1e6
  s = sprintf('%.1f MB', b / 1e6);
elseif b >= 1e3
  s = sprintf('%.1f kB', b / 1e3);
else
  s = sprintf('%.0f B', b);
end
end

function ok = make_figure(Q, S, p, bw, fl, file)
% log-log: time per iteration (markers) and the two limits (lines), one
% panel per family, against the bytes the iteration must read.  Legible in
% a lecture room: Okabe-Ito colours (blue, vermillion, bluish green; the
% cache line black), fonts >= 14 pt, lines >= 1.5, the legend below the
% panels (outside the data)
ok = false;
oi = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0 0 0];
fs = 16;
try
  fig = figure('visible', 'off', 'position', [0 0 1600 900], 'color', 'w');
  panels = {Q, S};
  titles = {'dense quadratic: one A*theta per iteration', ...
            sprintf('least squares, p = %d: one pass over X', p)};
  % (a superscript in both labels: gnuplot then leaves room between the
  % label and the legend below; without one the legend overlaps the label)
  xl = {'d   (A is d x d; 4 d^2 bytes per iteration)', 'n p   (X is n x p; 8 n p bytes per iteration)^{ }'};
  for k = 1:2
    C = panels{k};
    ax = subplot(1, 2, k);
    tb = C.bytes / (bw.gbps * 1e9);
    tf = C.flops / (fl.gflops * 1e9);
    x = C.size;
    h = zeros(1, 4);
    h(1) = loglog(x, C.t * 1e6, 'o-', 'linewidth', 3.5, 'markersize', 9, 'color', oi(1, :), ...
                  'markerfacecolor', oi(1, :));
    hold on
    h(2) = loglog(x, tb * 1e6, 's-', 'linewidth', 2.5, 'markersize', 7, 'color', oi(2, :));
    h(3) = loglog(x, tf * 1e6, '^--', 'linewidth', 2.5, 'markersize', 7, 'color', oi(3, :));
    if k == 1   % the size whose data fill the last-level cache
      xc = sqrt(fl.llc / 4);
    else
      xc = fl.llc / 8;
    end
    yl = [min([C.t, tb, tf]) max([C.t, tb, tf])] * 1e6 .* [0.5 2];
    h(4) = loglog([xc xc], yl, '-.', 'linewidth', 2.5, 'color', oi(4, :));
    text(xc / 1.3, yl(1) * 1.6, 'in cache', 'fontsize', 14, 'color', oi(4, :), 'horizontalalignment', 'right');
    text(xc * 1.3, yl(1) * 1.6, 'in memory', 'fontsize', 14, 'color', oi(4, :), 'horizontalalignment', 'left');
    hold off
    ylim(yl);
    xlim([x(1) / 1.5, x(end) * 1.5]);
    grid on
    set(ax, 'fontsize', fs, 'linewidth', 1);
    xlabel(xl{k}, 'fontsize', fs);
    ylabel('time per iteration (us)', 'fontsize', fs);
    title(titles{k}, 'fontsize', fs + 2);
    lg = legend(h, {'gd_run, C loop (median)', sprintf('bandwidth limit (%.1f GB/s read)', bw.gbps), ...
                    sprintf('flop limit (dgemm %.1f GFLOP/s)', fl.gflops), ...
                    sprintf('last-level cache (%.0f MB)', fl.llc / 2^20)}, 'location', 'southoutside');
    set(lg, 'fontsize', 14, 'interpreter', 'none');
  end
  print(fig, file, '-dpng', '-r100');
  close(fig);
  ok = true;
catch err
  fprintf('  (figure not written: %s)\n', err.message);
end
end
