% tools/octave_clean_exit.sh, which `make demo`, `make demos`, `make gallery`
% and `make animations` run Octave through, with --no-history (issue 17): it drops exactly the
% line of Octave bug #62515 from standard error and keeps the exit status.
% Source tree only (the package has no Makefile).

%!function [status, out, err] = gdf_clean_run__(cmd)
%!  % run cmd in a shell (with a 60 s timeout); its stdout and stderr apart
%!  o = [tempname() '.out']; e = [tempname() '.err'];
%!  status = system(sprintf('timeout 60 %s > %s 2> %s', cmd, o, e));
%!  out = fileread(o); err = fileread(e);
%!  delete(o); delete(e);
%!endfunction

%!function q = gdf_clean_q__(s)
%!  % s in single quotes for the shell
%!  q = ['''' strrep(s, '''', '''\''''') ''''];
%!endfunction

%!shared wrap, bug
%! wrap = fullfile(gdf_test_root(), 'tools', 'octave_clean_exit.sh');
%! bug = 'error: ignoring const execution_exception& while preparing to exit';

%!testif ; exist(fullfile(gdf_test_root(), 'tools', 'octave_clean_exit.sh'), 'file') == 2
%! % a command that prints the line among others and fails with status 5:
%! % the line goes, the rest stays (in order), stdout untouched, status 5
%! script = sprintf(['echo out1; echo "%s" >&2; echo "error: a real error" >&2; ' ...
%!                   'echo "x %s" >&2; echo out2; exit 5'], bug, bug);
%! [status, out, err] = gdf_clean_run__(sprintf('bash %s sh -c %s', wrap, gdf_clean_q__(script)));
%! assert (status, 5);
%! assert (out, sprintf('out1\nout2\n'));
%! % only the exact line is dropped: a line that merely contains it is kept
%! assert (err, sprintf('error: a real error\nx %s\n', bug));
%! % success stays success, with nothing on stderr
%! [status, out, err] = gdf_clean_run__(sprintf('bash %s sh -c %s', wrap, ...
%!                                      gdf_clean_q__(sprintf('echo ok; echo "%s" >&2', bug))));
%! assert (status, 0);
%! assert (out, sprintf('ok\n'));
%! assert (isempty(err));
%! % no command: usage, status 2
%! assert (gdf_clean_run__(sprintf('bash %s', wrap)), 2);

%!testif ; exist(fullfile(gdf_test_root(), 'tools', 'octave_clean_exit.sh'), 'file') == 2
%! % the real thing: octave-cli with a HOME that has no ~/.local/share/octave
%! % prints the line at exit (the newcomer's case); through the wrapper it
%! % does not, and a failing script keeps its nonzero status
%! home = tempname();
%! mkdir(home);
%! c = onCleanup(@() rmdir(home, 's'));
%! oct = sprintf('env HOME=%s %s --no-gui --norc --eval', home, fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'));
%! [s0, ~, err0] = gdf_clean_run__(sprintf('%s %s', oct, gdf_clean_q__('disp(41 + 1)')));
%! assert (s0, 0);
%! [s1, out1, err1] = gdf_clean_run__(sprintf('bash %s %s %s', wrap, oct, gdf_clean_q__('disp(41 + 1)')));
%! assert (s1, 0);
%! assert (strtrim(out1), '42');
%! assert (isempty(strfind(err1, bug)));
%! if isempty(strfind(err0, bug))
%!   % this Octave (or environment) does not print the line: nothing to drop
%!   assert (strtrim(err1), strtrim(err0));
%! end
%! [s2, ~, err2] = gdf_clean_run__(sprintf('bash %s %s %s', wrap, oct, gdf_clean_q__('error(''gdf:boom'', ''boom'')')));
%! assert (s2 ~= 0);
%! assert (~isempty(strfind(err2, 'error: boom')));
%! assert (isempty(strfind(err2, bug)));
%! [s3, ~, ~] = gdf_clean_run__(sprintf('bash %s %s %s', wrap, oct, gdf_clean_q__('exit(3)')));
%! assert (s3, 3);

%!testif ; exist(fullfile(gdf_test_root(), 'Makefile'), 'file') == 2
%! % every demo target runs Octave through the wrapper, with --no-history
%! mk = fileread(fullfile(gdf_test_root(), 'Makefile'));
%! run = regexp(mk, '\nOCTAVE_RUN\s*:=\s*([^\n]*)', 'tokens', 'once');
%! assert (~isempty(run));
%! assert (~isempty(strfind(run{1}, 'tools/octave_clean_exit.sh $(OCTAVE) --no-history')));
%! for t = {'demo', 'demos', 'gallery', 'animations'}
%!   body = regexp(mk, ['\n' t{1} ':[^\n]*\n((?:\t[^\n]*\n)+)'], 'tokens', 'once');
%!   assert (~isempty(body), ['no target ' t{1}]);
%!   oct = regexp(body{1}, '\$\((OCTAVE\w*)\)', 'tokens');
%!   oct = [oct{:}];
%!   assert (~isempty(oct) && all(strcmp(oct, 'OCTAVE_RUN')), ['make ' t{1} ' runs Octave without the wrapper']);
%! end
