function out = gdf_test_child(code, limit)
%GDF_TEST_CHILD  Run Octave code in a child octave-cli that is killed after LIMIT seconds.
%   OUT = GDF_TEST_CHILD(CODE, LIMIT) writes CODE (a character row, or a cell
%   array of lines) to a script in a new temporary folder and runs it there in
%   a child octave-cli with this session's path (so the child tests the same
%   gdflow: the source tree's m/ or the installed package).  A test of a crash
%   or a hang runs its call this way, so that a regression kills the child,
%   not make test.  The child gets SIGKILL after LIMIT seconds: an Octave
%   stuck in a MEX call ignores SIGTERM for minutes, then saves a workspace.
%   OUT.status is the exit status (137 when killed), OUT.text what the child
%   printed (stdout and stderr), OUT.time the wall time in seconds,
%   OUT.timedout whether the limit was reached.  The folder is removed.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if iscell(code)
  code = sprintf('%s\n', code{:});
end
d = tempname();
mkdir(d);
c = onCleanup(@() remove_dir(d));
fid = fopen(fullfile(d, 'gdf_child.m'), 'w');
fprintf(fid, 'crash_dumps_octave_core(false);\npath(''%s'');\n', strrep(path(), '''', ''''''));
fprintf(fid, '%s\n', code);
fclose(fid);
octave = fullfile(OCTAVE_HOME(), 'bin', 'octave-cli');
if exist(octave, 'file') ~= 2
  octave = 'octave-cli';
end
t0 = tic();
[status, text] = system(sprintf('cd "%s" && timeout -s KILL %d "%s" --no-gui --norc --no-history gdf_child.m 2>&1', ...
                                d, round(limit), octave));
out.time = toc(t0);
out.status = status;
out.text = text;
out.timedout = status == 137 || status == 124;
end

function remove_dir(d)
confirm_recursive_rmdir(false, 'local');
if exist(d, 'dir')
  rmdir(d, 's');
end
end
