function r = bench_info_return(quick)
%BENCH_INFO_RETURN  What handing back gd_run's info costs, by the way it is built.
%   gd_run's info has 19 fields (13 numbers, 6 strings).  Times (median over
%   rounds of the mean of N calls, the cases interleaved) of a MEX
%   (private/gdf_ret_mex.c, compiled on first use) that returns
%     - nothing (the call alone),
%     - the struct itself (what gd_run_mex does),
%     - (a) the numbers as one vector and the strings in a cell, the struct
%       built in the .m with cell2struct over a fixed field list,
%     - (b) a 19 x 1 cell of the values, cell2struct in the .m,
%     - (e) every value as an output of its own, struct() in the .m.
%   and, for the floor of a gd_run call: an empty .m function with gd_run's
%   signature (private/gdf_empty_wrapper.m, called as gd_run is), and a MEX
%   call that reads one field of a gd_quadratic problem struct (Octave
%   converts all of its fields at the first read).
%   Instruction counts of the info cases, which the machine's load does not
%   move: bench/info_return_ir.sh.  Issue 15 item 4 (round 5).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
N = 400;
rounds = 7;
if quick
  N = 20;
  rounds = 2;
end
here = fullfile(fileparts(mfilename('fullpath')), 'private');
build_ret_mex(here);
names = {'iterations', 'exitflag', 'message', 'fval', 'f', 'gradnorm', 'theta', 'stepsize', 'steprule', ...
         'method', 'momentum', 'L', 'mu', 'f_star', 'funccount', 'time', 'stationary', 'hint', 'gradient'};
namesc = names';
sidx = [3 9 10 17 18 19];
labels = {'the call alone', 'the struct from the MEX (gd_run_mex)', '(a) vector + strings, cell2struct in .m', ...
          '(b) 19 x 1 cell, cell2struct in .m', '(e) 19 outputs, struct() in .m', ...
          'an empty .m with gd_run''s signature', 'the MEX reads a field of the problem'};
prob = gd_quadratic([3 1; 1 2], [1; 1]);
tt = zeros(rounds + 1, numel(labels));
for k = 1:rounds + 1   % round 1: a warm-up (first calls, the struct() and cell2struct lookups), not counted
  t0 = tic;
  for i = 1:N
    gdf_ret_mex(0);
  end
  tt(k, 1) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    s = gdf_ret_mex(1); %#ok<NASGU>
  end
  tt(k, 2) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    [v, c] = gdf_ret_mex(3);
    cc = num2cell(v);
    cc(sidx) = c;
    s = cell2struct(cc, names, 2); %#ok<NASGU>
  end
  tt(k, 3) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    c = gdf_ret_mex(4);
    s = cell2struct(c, namesc, 1); %#ok<NASGU>
  end
  tt(k, 4) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    [~, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19] = gdf_ret_mex(5);
    s = struct('iterations', a1, 'exitflag', a2, 'message', a3, 'fval', a4, 'f', a5, 'gradnorm', a6, ...
               'theta', a7, 'stepsize', a8, 'steprule', a9, 'method', a10, 'momentum', a11, 'L', a12, ...
               'mu', a13, 'f_star', a14, 'funccount', a15, 'time', a16, 'stationary', a17, 'hint', a18, ...
               'gradient', a19); %#ok<NASGU>
  end
  tt(k, 5) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    th = gdf_empty_wrapper(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0); %#ok<NASGU>
  end
  tt(k, 6) = toc(t0) / N;
  t0 = tic;
  for i = 1:N
    gdf_ret_mex(6, prob);
  end
  tt(k, 7) = toc(t0) / N;
end
tm = median(tt(2:end, :), 1);
fprintf('\n[bench_info_return] handing back a 19-field info (median over %d rounds of %d calls)\n', rounds, N);
for j = 1:numel(labels)
  fprintf('  %-44s %10s   (%+.1f us over the empty MEX call)\n', labels{j}, bench_fmt_time(tm(j)), 1e6 * (tm(j) - tm(1)));
end
r = struct('name', 'bench_info_return', 'case', labels, 'gdflow', num2cell(tm), 'baseline', tm(2), ...
           'ratio', num2cell(tm(2) ./ tm), 'target', '-', 'note', 'ratio: the MEX struct / this way');
end

function build_ret_mex(here)
% compile private/gdf_ret_mex.c on first use, with the host's mex command
src = fullfile(here, 'gdf_ret_mex.c');
out = fullfile(here, ['gdf_ret_mex.' mexext()]);
s = dir(src);
o = dir(out);
if ~isempty(o) && o.datenum >= s.datenum
  return
end
if exist('OCTAVE_VERSION', 'builtin') ~= 0
  [msg, status] = mkoctfile('--mex', '-o', out, src);
  if status ~= 0
    error('gdflow:bench:compile', '%s', msg);
  end
else
  mex('-silent', '-outdir', here, src);
end
clear('gdf_ret_mex');
end
