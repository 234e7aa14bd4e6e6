function r = bench_small_dense(quick)
%BENCH_SMALL_DENSE  Small and medium dense quadratics without BLAS threads (issue 15, item 1).
%   1. gf_run rk45 against Octave's ode45 at RelTol 1e-8, AbsTol 1e-10 over
%      [0 10] on a random SPD quadratic (eigenvalues 0.1 .. 10) with d = 50
%      and d = 200; the error of each solver is measured against the closed
%      form (gf_exact) at its own steps (the largest over the steps, relative
%      to the largest norm of the solution).  Targets: >= 60x at d = 50,
%      >= 10x at d = 200, with an error no larger than ode45's.
%   2. gd_run on the d = 50 quadratic, 1e4 GD steps (the whole call, median of
%      9, divided by 1e4) against 2 d^2 flops at this machine's scalar rate:
%      the time of a scalar C loop computing the same A x (column dot
%      products, four independent accumulators, compiled without
%      vectorization; bench/private/gdf_symv_bench_mex.c).  Target: within
%      2x (ratio >= 0.5).
%   3. (not in quick mode) the threshold GDF_SYMV_OWN_MAX (mex/gdf_kernels.h):
%      one y = A x with gdflow's own kernel and with the BLAS's dsymv, with
%      its default threads and with one thread, for d from 16 to 3000
%      (medians of 7 timings of about a millisecond each).
%   gf_run and gd_run are whatever is on the path: with an older build's m/
%   first on the path this script measures that build (bench/README.md,
%   "Small dense (P1)", before/after).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
dims = [50 200];
T = 10;
K = 1e4;
if quick
  dims = 20;
  T = 1;
  K = 1e3;
end
rt = 1e-8;
at = 1e-10;
opts = odeset('RelTol', rt, 'AbsTol', at);
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_small_dense] gf_run rk45 vs ode45, RelTol %g, AbsTol %g, tspan [0 %g], random SPD quadratic\n', ...
        rt, at, T);
fprintf('  %-6s %7s %7s %11s %11s %8s %11s %11s %12s\n', 'd', 'steps', 'ode45', 'gf_run', 'ode45', 'ratio', ...
        'err gdflow', 'err ode45', 'C per step');
targets = {'>=60', '>=10'};
for i = 1:numel(dims)
  d = dims(i);
  [prob, A, b, theta0] = spd_problem(d);
  rhs = @(t, x) b - A * x;
  [t1, Y1, info] = gf_run(prob, theta0, [0 T], 'RelTol', rt, 'AbsTol', at);
  [t2, Y2] = ode45(rhs, [0 T], theta0, opts);
  t_gf = bench_median(@() gf_run(prob, theta0, [0 T], 'RelTol', rt, 'AbsTol', at), 21);
  t_ode = bench_median(@() ode45(rhs, [0 T], theta0, opts), 3);
  e1 = path_error(Y1, gf_exact(prob, theta0, t1));
  e2 = path_error(Y2, gf_exact(prob, theta0, t2));
  % the same steps as ode45 (its controller, issue 15 round 5): the errors
  % differ by the rounding of the two implementations, at most 8 eps per step
  ok = sprintf('ok (%.4f)', e1 / e2);
  if e1 > e2 + 8 * (numel(t1) - 1) * eps
    ok = sprintf('ERROR LARGER (%.4f)', e1 / e2);
  end
  fprintf('  %-6d %7d %7d %11s %11s %7.0fx %11.2e %11.2e %12s  %s\n', d, numel(t1) - 1, numel(t2) - 1, ...
          bench_fmt_time(t_gf), bench_fmt_time(t_ode), t_ode / t_gf, e1, e2, ...
          bench_fmt_time(info.time / (numel(t1) - 1)), ok);
  r(end + 1) = struct('name', 'bench_small_dense', 'case', sprintf('rk45 vs ode45, RelTol 1e-8, d = %d', d), ...
                      'gdflow', t_gf, 'baseline', t_ode, 'ratio', t_ode / t_gf, ...
                      'target', targets{min(i, 2)}, 'note', sprintf('err %.1e vs %.1e %s', e1, e2, ok)); %#ok<AGROW>
end

% 2. gd_run, d = 50, K steps, against 2 d^2 flops at the scalar rate
d = 50;
[prob, ~, ~, theta0] = spd_problem(d);
t_call = bench_median(@() gd_run(prob, theta0, 'StepSize', 0.1, 'MaxIter', K, 'GradTol', 0), 9);
t_step = t_call / K;
fprintf('\n  gd_run, d = %d, %d steps (StepSize 0.1, GradTol 0): %s per step (whole call %s)\n', d, K, ...
        bench_fmt_time(t_step), bench_fmt_time(t_call));
if build_helper()
  t4 = median(gdf_symv_bench_mex(d, 21, 3));
  t1s = median(gdf_symv_bench_mex(d, 21, 4));
  fprintf(['  scalar rate (C loop, column dot products, no SIMD): %.2f GFlop/s with 4 accumulators ' ...
           '(2 d^2 flops in %s), %.2f GFlop/s with one (%s)\n'], 2 * d^2 / t4 / 1e9, bench_fmt_time(t4), ...
          2 * d^2 / t1s / 1e9, bench_fmt_time(t1s));
  fprintf('  GD step / (2 d^2 flops at the scalar rate) = %.2f (target <= 2); gd_run''s rate on 2 d^2: %.2f GFlop/s\n', ...
          t_step / t4, 2 * d^2 / t_step / 1e9);
  r(end + 1) = struct('name', 'bench_small_dense', 'case', sprintf('gd_run d = %d step vs 2d^2 scalar flops', d), ...
                      'gdflow', t_step, 'baseline', t4, 'ratio', t4 / t_step, 'target', '>=0.5', ...
                      'note', sprintf('scalar %.1f GFlop/s', 2 * d^2 / t4 / 1e9));
  if ~quick
    threshold_table();
  end
else
  fprintf('  (scalar rate and threshold table skipped: helper not compiled)\n');
end
end

function [prob, A, b, theta0] = spd_problem(d)
% bench_gf_rk45's problem: eigenvalues logspace(-1, 1, d), random eigenvectors
randn('seed', d);
[Q, ~] = qr(randn(d));
A = Q * diag(logspace(-1, 1, d)) * Q';
A = (A + A') / 2;
b = randn(d, 1);
theta0 = randn(d, 1);
prob = gd_quadratic(A, b);
end

function e = path_error(Y, R)
e = max(sqrt(sum((Y - R) .^ 2, 2))) / max(sqrt(sum(R .^ 2, 2)));
end

function threshold_table()
dl = [16 32 50 64 100 128 160 200 224 256 288 320 400 512 700 1000 1500 2000 3000];
fprintf(['\n  y = A x (A symmetric, lower triangle): gdflow''s kernel vs dsymv, medians of 7 (ns);' ...
         ' gdflow uses its kernel for 16 < d <= GDF_SYMV_OWN_MAX = %d\n'], gdf_symv_bench_mex(0, 0, -1));
fprintf('  %6s %12s %14s %14s %12s %12s\n', 'd', 'own', 'dsymv default', 'dsymv 1 thr', 'default/own', '1 thr/own');
first = NaN;
for d = dl
  t0 = median(gdf_symv_bench_mex(d, 7, 0));
  tb = median(gdf_symv_bench_mex(d, 7, 1));
  t1 = median(gdf_symv_bench_mex(d, 7, 2));
  fprintf('  %6d %12.0f %14.0f %14.0f %12.2f %12.2f\n', d, 1e9 * t0, 1e9 * tb, 1e9 * t1, tb / t0, t1 / t0);
  if isnan(first) && tb < t0
    first = d;
  end
end
fprintf('  smallest d of the list where dsymv (default threads) beats the own kernel: %g\n', first);
end

function ok = build_helper()
here = fullfile(fileparts(mfilename('fullpath')), 'private');
src = fullfile(here, 'gdf_symv_bench_mex.c');
mexdir = fullfile(fileparts(mfilename('fullpath')), '..', 'mex');
ksrc = fullfile(mexdir, 'gdf_kernels.c');
usrc = fullfile(mexdir, 'gdf_util.c');
out = fullfile(here, ['gdf_symv_bench_mex.' mexext()]);
o = dir(out);
s1 = dir(src);
s2 = dir(ksrc);
ok = true;
if isempty(s2)
  fprintf('  (no mex/gdf_kernels.c next to bench/)\n');
  ok = false;
  return
end
if ~isempty(o) && o.datenum >= max(s1.datenum, s2.datenum)
  return
end
try
  if exist('OCTAVE_VERSION', 'builtin') ~= 0
    old = getenv('CFLAGS');
    setenv('CFLAGS', [strtrim(mkoctfile('-p', 'CFLAGS')) ' -std=c99 -O2']);
    [msg, status] = mkoctfile('--mex', '-o', out, ['-I' mexdir], src, ksrc, usrc, '-ldl');
    setenv('CFLAGS', old);
    if status ~= 0
      error('gdflow:bench:compile', '%s', msg);
    end
  else
    % MATLAB's BLAS: 64-bit integers, no trailing underscore on Windows (as gdflow_build)
    flags = {'-DGDF_BLAS_INT64'};
    if ispc()
      flags{end + 1} = '-DGDF_BLAS_NO_UNDERSCORE';
    end
    mex('-silent', '-outdir', here, ['-I' mexdir], flags{:}, src, ksrc, usrc, '-lmwblas');
  end
  clear('gdf_symv_bench_mex');
catch err
  fprintf('  (gdf_symv_bench_mex not compiled: %s)\n', err.message);
  ok = false;
end
end
