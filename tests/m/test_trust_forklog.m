% test_trust_forklog.m - issue 12 ("Trust"): the threaded pass in a fork()
% child, and constructors that never guess f_star / theta_star.
% Run: octave-cli --eval "addpath([pwd '/m'], [pwd '/tests/m']); test tests/m/test_trust_forklog.m"

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%% ---- fork(): the threaded least-squares pass in a child --------------------
%!testif ; isunix() && exist('fork') ~= 0 && exist(fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), 'file') == 2 && system('command -v timeout > /dev/null') == 0
%! % A parent that used the 2-thread pass on 300000 x 4 data forks (Octave's
%! % own fork()); the child computes the same gd_eval (its gateway loaded in
%! % the parent) and a gd_run (a gateway loaded for the first time in the
%! % child).  Used to hang forever in libgomp.  The whole scenario runs in a
%! % child octave-cli under timeout -s KILL, the parent polls waitpid with a
%! % deadline and kills a hung child, so a regression fails, never hangs.
%! root = make_absolute_filename(fileparts(which('gd_run')));
%! d = tempname(); mkdir(d);
%! c = onCleanup(@() confirm_recursive_rmdir(false, 'local') + rmdir(d, 's'));
%! script = fullfile(d, 'forkcase.m'); res = fullfile(d, 'child.bin');
%! fid = fopen(script, 'w');
%! fprintf(fid, 'addpath(''%s'');\n', root);
%! fprintf(fid, 'randn(''state'', 12); m = 300000; X = [ones(m, 1), randn(m, 3)]; y = X * [1; -2; 0.5; 3] + randn(m, 1);\n');
%! fprintf(fid, 'p = gd_leastsq(X, y); p.threads = 2; th = [0.1; 0.2; 0.3; 0.4];\n');
%! fprintf(fid, 'yl = double(rand(m, 1) < 0.5); pl = gd_logistic(X(:, 1:3), yl); pl.threads = 2;\n');
%! fprintf(fid, '[f0, g0] = gd_eval(p, th); [f0l, g0l] = gd_eval(pl, th(1:3));\n');
%! fprintf(fid, 'pid = fork();\n');
%! fprintf(fid, 'if pid == 0\n');
%! fprintf(fid, '  [f, g] = gd_eval(p, th); [fl, gl] = gd_eval(pl, th(1:3));\n');
%! fprintf(fid, '  code = 2 * ~(isequal(f, f0) && isequal(g, g0)) + 4 * ~(isequal(fl, f0l) && isequal(gl, g0l));\n');
%! fprintf(fid, '  thr = gd_run(p, th, ''StepSize'', 0.1, ''MaxIter'', 5);\n');
%! fprintf(fid, '  save(''-binary'', ''%s'', ''thr'');\n', res);
%! fprintf(fid, '  exit(code);\n');
%! fprintf(fid, 'end\n');
%! fprintf(fid, 't0 = tic; q = 0;\n');
%! fprintf(fid, 'while toc(t0) < 40\n');
%! fprintf(fid, '  [q, st] = waitpid(pid, WNOHANG());\n');
%! fprintf(fid, '  if q == pid, break; end\n');
%! fprintf(fid, '  pause(0.02);\n');
%! fprintf(fid, 'end\n');
%! fprintf(fid, 'if q ~= pid, kill(pid, 9); waitpid(pid); printf(''CHILD HUNG\\n''); exit(9); end\n');
%! fprintf(fid, 'printf(''CHILD EXITED %%d CODE %%d\\n'', WIFEXITED(st), WEXITSTATUS(st));\n');
%! fprintf(fid, 'thp = gd_run(p, th, ''StepSize'', 0.1, ''MaxIter'', 5); s = load(''%s'');\n', res);
%! fprintf(fid, 'printf(''RUN SAME %%d\\n'', isequal(s.thr, thp));\n');
%! fclose(fid);
%! t0 = tic;
%! [st, out] = system(sprintf('timeout -s KILL 60 %s --no-gui --norc %s 2>&1', ...
%!                            fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), script));
%! assert (isempty(strfind(out, 'CHILD HUNG')), out);
%! assert (~isempty(strfind(out, 'CHILD EXITED 1 CODE 0')), out);  % f and g: the parent's bits
%! assert (~isempty(strfind(out, 'RUN SAME 1')), out);            % gd_run first loaded in the child
%! assert (st, 0, out);
%! assert (toc(t0) < 55);
