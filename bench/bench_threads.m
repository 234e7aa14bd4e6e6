function r = bench_threads(quick)
%BENCH_THREADS  1 and 2 threads (OpenBLAS and gdflow's OpenMP), each in its own octave-cli.
%   OpenBLAS reads OPENBLAS_NUM_THREADS once, when Octave loads it, so each
%   setting runs in a child octave-cli (BENCH_THREADS_WORKER) started with
%   the variable set.  Measured there (medians): the one-pass least-squares
%   and logistic iterations, the dense d = 4000 GD iteration, a whole
%   1500-iteration Gram-form run, and the Octave loops they are compared
%   with.  The table gives the time with 1 and 2 threads and the speed-up.
%   No target: the figures choose the recommended default (bench/README.md).
%   Skipped (no rows) outside Octave or when no octave-cli is found.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_threads] threads (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS), 1 vs 2, each in a child octave-cli\n');
if exist('OCTAVE_VERSION', 'builtin') == 0
  fprintf('  skipped: needs Octave (octave-cli)\n');
  return
end
exe = fullfile(OCTAVE_HOME(), 'bin', 'octave-cli');
if exist(exe, 'file') ~= 2
  exe = 'octave-cli';
end
here = fileparts(mfilename('fullpath'));
mdir = fullfile(here, '..', 'm');
res = cell(1, 2);
for nt = 1:2
  q = char(34);   % a double quote, for the shell
  cmd = sprintf(['OPENBLAS_NUM_THREADS=%d OMP_NUM_THREADS=%d %s%s%s --no-gui --norc --no-history --eval ' ...
                 '%saddpath(''%s''); cd(''%s''); bench_threads_worker(%d);%s 2>&1'], ...
                nt, nt, q, exe, q, q, mdir, here, quick ~= 0, q);
  [st, out] = system(cmd);
  tok = regexp(out, 'RESULT (\w+) (\S+)', 'tokens');
  if st ~= 0 || isempty(tok)
    fprintf('  skipped: the child octave-cli failed:\n%s\n', out);
    return
  end
  s = struct();
  for i = 1:numel(tok)
    s.(tok{i}{1}) = str2double(tok{i}{2});
  end
  res{nt} = s;
end
labels = {'ls_pass', 'LS one pass, per iter'; 'oct_ls', 'Octave loop X''*(X*theta - y)'; ...
          'lg_pass', 'logistic one pass, per iter'; 'oct_lg', 'Octave logistic loop'; ...
          'quad', 'dense quadratic, per iter'; 'oct_quad', 'Octave loop A*theta'; ...
          'ls_gram', 'LS Gram form, whole call'};
fprintf('  %-38s %12s %12s %9s\n', 'case', '1 thread', '2 threads', 'speed-up');
for i = 1:size(labels, 1)
  t1 = res{1}.(labels{i, 1});
  t2 = res{2}.(labels{i, 1});
  fprintf('  %-38s %12s %12s %8.2fx\n', labels{i, 2}, bench_fmt_time(t1), bench_fmt_time(t2), t1 / t2);
  r(end + 1) = struct('name', 'bench_threads', 'case', ['2 vs 1 thr: ' labels{i, 2}], ...
                      'gdflow', t2, 'baseline', t1, 'ratio', t1 / t2, 'target', 'measure', ...
                      'note', 'ratio = speed-up'); %#ok<AGROW>
end
fprintf('  gd_run vs the Octave loop, 1 thread: LS %.2fx, logistic %.2fx, dense %.2fx; 2 threads: LS %.2fx, logistic %.2fx, dense %.2fx\n', ...
        res{1}.oct_ls / res{1}.ls_pass, res{1}.oct_lg / res{1}.lg_pass, res{1}.oct_quad / res{1}.quad, ...
        res{2}.oct_ls / res{2}.ls_pass, res{2}.oct_lg / res{2}.lg_pass, res{2}.oct_quad / res{2}.quad);
end
