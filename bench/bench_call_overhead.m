function r = bench_call_overhead(quick)
%BENCH_CALL_OVERHEAD  Fixed cost of one gd_run / gf_run call, and where it goes.
%   Lecture sweeps call gd_run hundreds of times; a 2-D gf_run is mostly
%   fixed cost.  Times (median over rounds of the mean of N calls; the cases
%   interleaved in each round, so they share the machine's load) of
%     empty MEX call        gdf_call_mex(0) (bench/private): the interpreter's
%                           price of any MEX call
%     19-field struct       gdf_call_mex(19): a MEX call that only returns a
%                           struct of 19 scalars, the size of gd_run's info:
%                           the interpreter's price of handing info back
%     gd_run_mex direct     the gateway itself (from m/private), with info
%     gd_run, 1 output      through the .m wrapper, theta only (no info built)
%     gd_run, 2 outputs     through the .m wrapper, [theta, info]
%   for gd_run(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0) on
%   a 2-D quadratic, and for gf_run rk45 on bench_gf_rk45's d = 2 quadratic
%   (RelTol 1e-6, AbsTol 1e-8, tspan [0 10]), [t, Theta] and [t, Theta, info],
%   against ode45 with the same tolerances ([t, Y], Octave's own, median of
%   5 calls).  The split printed: the .m wrapper (gd_run - gd_run_mex), the
%   gateway beyond an empty call and beyond its info struct.
%   Targets: a gd_run call <= 25 us; gf_run d = 2 rk45 >= 400x ode45 (the
%   [t, Theta] call; the one with info is printed too).  The inputParser
%   parse of the same options (what a plain .m toolbox pays before any work)
%   is printed for scale.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
N = 400;
rounds = 7;
if quick
  N = 20;
  rounds = 2;
end
prob = gd_quadratic([3 1; 1 2], [1; 1]);
opts = {'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0};
% bench_gf_rk45's d = 2 problem
d = 2;
randn('seed', d);
[Q, ~] = qr(randn(d));
A = Q * diag(logspace(-1, 1, d)) * Q';
A = (A + A') / 2;
b = randn(d, 1);
x0 = randn(d, 1);
qp = gd_quadratic(A, b);
rt = 1e-6;
at = 1e-8;
T = 10;
have_mex = build_call_mex();
priv = fullfile(fileparts(which('gd_run')), 'private');
names = {'empty MEX call', '19-field struct from MEX', 'gd_run_mex direct, [theta, info]', ...
         'gd_run, theta only', 'gd_run, [theta, info]', 'gf_run rk45 d=2, [t, Theta]', ...
         'gf_run rk45 d=2, [t, Theta, info]'};
tt = NaN(rounds, numel(names));
for k = 1:rounds
  if have_mex
    t0 = tic;
    for i = 1:N
      gdf_call_mex(0);
    end
    tt(k, 1) = toc(t0) / N;
    t0 = tic;
    for i = 1:N
      s = gdf_call_mex(19); %#ok<NASGU>
    end
    tt(k, 2) = toc(t0) / N;
  end
  tt(k, 3) = time_private(priv, prob, opts, N);
  t0 = tic;
  for i = 1:N
    th = gd_run(prob, [2; 1], opts{:}); %#ok<NASGU>
  end
  tt(k, 4) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    [th, info] = gd_run(prob, [2; 1], opts{:}); %#ok<ASGLU>
  end
  tt(k, 5) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    [t, Y] = gf_run(qp, x0, [0 T], 'RelTol', rt, 'AbsTol', at); %#ok<ASGLU>
  end
  tt(k, 6) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    [t, Y, info] = gf_run(qp, x0, [0 T], 'RelTol', rt, 'AbsTol', at); %#ok<ASGLU>
  end
  tt(k, 7) = toc(t0) / N;
end
tm = median(tt, 1);
ode = odeset('RelTol', rt, 'AbsTol', at);
rhs = @(t, x) b - A * x;
to = zeros(1, 5 - 3 * (quick ~= 0));
for i = 1:numel(to)
  t0 = tic;
  [t, Y] = ode45(rhs, [0 T], x0, ode); %#ok<ASGLU>
  to(i) = toc(t0);
end
t_ode = median(to);
t0 = tic;
for i = 1:N
  p = inputParser;
  p.addParameter('StepSize', 0.1);
  p.addParameter('MaxIter', 1000);
  p.addParameter('GradTol', 1e-8);
  p.parse('StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
end
t_ip = toc(t0) / N;

fprintf('\n[bench_call_overhead] fixed cost of a call (median over %d rounds of %d calls)\n', rounds, N);
fprintf('  gd_run(prob, [2; 1], ''StepSize'', 0.1, ''MaxIter'', 10, ''GradTol'', 0), 2-D quadratic;\n');
fprintf('  gf_run rk45, d = 2, RelTol %g, AbsTol %g, tspan [0 %g]\n', rt, at, T);
for j = 1:numel(names)
  fprintf('  %-36s %10s\n', names{j}, bench_fmt_time(tm(j)));
end
fprintf('  split of gd_run, [theta, info]: .m wrapper %s, gateway %s (of which the empty call %s,\n', ...
        bench_fmt_time(tm(5) - tm(3)), bench_fmt_time(tm(3)), bench_fmt_time(tm(1)));
fprintf('    handing back a 19-field struct %s, info not asked for saves %s); C loop %s\n', ...
        bench_fmt_time(tm(2) - tm(1)), bench_fmt_time(tm(5) - tm(4)), bench_fmt_time(info_time(prob, opts)));
fprintf('  ode45 [t, Y] %s: gf_run [t, Theta] %.0fx faster, [t, Theta, info] %.0fx\n', bench_fmt_time(t_ode), ...
        t_ode / tm(6), t_ode / tm(7));
fprintf('  one inputParser parse of the same options %s\n', bench_fmt_time(t_ip));
r = struct('name', {'bench_call_overhead', 'bench_call_overhead'}, ...
           'case', {'one gd_run call, MaxIter 10', 'gf_run rk45 d=2 call vs ode45'}, ...
           'gdflow', {tm(5), tm(6)}, 'baseline', {t_ip, t_ode}, ...
           'ratio', {t_ip / tm(5), t_ode / tm(6)}, 'target', {'<=25us', '>=400'}, ...
           'note', {sprintf('%.0f us per call (vs inputParser)', tm(5) * 1e6), ...
                    sprintf('with info %.0fx', t_ode / tm(7))});
end

function t = time_private(priv, prob, opts, N)
% the gateway called directly: from its own folder (NaN where that is not
% possible)
t = NaN;
here = pwd();
try
  cd(priv);
  c = onCleanup(@() cd(here));
  [th, info] = gd_run_mex(prob, [2; 1], opts{:}); %#ok<ASGLU>
  t0 = tic;
  for i = 1:N
    [th, info] = gd_run_mex(prob, [2; 1], opts{:}); %#ok<ASGLU>
  end
  t = toc(t0) / N;
catch
  cd(here);
end
end

function t = info_time(prob, opts)
[~, info] = gd_run(prob, [2; 1], opts{:});
t = info.time;
end

function ok = build_call_mex()
% compile private/gdf_call_mex.c on first use, with the host's mex command
here = fullfile(fileparts(mfilename('fullpath')), 'private');
src = fullfile(here, 'gdf_call_mex.c');
out = fullfile(here, ['gdf_call_mex.' mexext()]);
s = dir(src);
o = dir(out);
ok = true;
if ~isempty(o) && o.datenum >= s.datenum
  return
end
try
  if exist('OCTAVE_VERSION', 'builtin') ~= 0
    [msg, status] = mkoctfile('--mex', '-o', out, src);
    if status ~= 0
      error('gdflow:bench:compile', '%s', msg);
    end
  else
    mex('-silent', '-outdir', here, src);
  end
  clear('gdf_call_mex');
catch err
  fprintf('  (empty MEX kernel not compiled: %s)\n', err.message);
  ok = false;
end
end
