% One version everywhere: DESCRIPTION (the Octave package), gdflow_version,
% Contents.m, README.md, CHANGELOG.md and the name of the tarball that
% make dist writes.  Source tree only (the package is checked by test-dist).

%!testif ; exist(fullfile(gdf_test_root(), 'DESCRIPTION'), 'file') == 2
%! root = gdf_test_root();
%! desc = fileread(fullfile(root, 'DESCRIPTION'));
%! dv = regexp(desc, '(?m)^Version:\s*(\S+)', 'tokens', 'once');
%! dd = regexp(desc, '(?m)^Date:\s*(\S+)', 'tokens', 'once');
%! assert (~isempty(dv) && ~isempty(dd));
%! [v, info] = gdflow_version();
%! assert (v, dv{1});
%! assert (info.date, dd{1});
%! assert (~isempty(regexp(desc, '(?m)^License:\s*GPL-3.0-or-later\s*$', 'once')));
%! assert (~isempty(regexp(desc, '(?m)^Name:\s*gdflow\s*$', 'once')));
%! % Contents.m: "% Version 0.1.0 25-Nov-2026" (the form MATLAB's ver reads)
%! c = fileread(fullfile(root, 'm', 'Contents.m'));
%! cv = regexp(c, '(?m)^% Version (\S+) (\S+)\s*$', 'tokens', 'once');
%! assert (cv{1}, v);
%! assert (cv{2}, datestr(datenum(info.date, 'yyyy-mm-dd'), 'dd-mmm-yyyy'));
%! % README.md: the "Version and licence" section names this version
%! r = fileread(fullfile(root, 'README.md'));
%! k = strfind(r, sprintf('\n## Version and licence\n'));
%! assert (numel(k) == 1, 'README.md needs one "## Version and licence" section');
%! sec = r(k + 1:end);
%! e = strfind(sec, sprintf('\n## '));
%! if ~isempty(e)
%!   sec = sec(1:e(1));
%! end
%! assert (~isempty(strfind(sec, ['gdflow ' v])));
%! assert (~isempty(strfind(sec, 'GPL-3.0-or-later')));
%! assert (~isempty(strfind(sec, ['gdflow-' v '.tar.gz'])));
%! % CHANGELOG.md: the newest entry is this version, with the same date
%! ch = fileread(fullfile(root, 'CHANGELOG.md'));
%! top = regexp(ch, '(?m)^## \[?(\d+\.\d+\.\d+)\]? - (\S+)', 'tokens', 'once');
%! assert (top{1}, v);
%! assert (top{2}, info.date);

%!testif ; exist(fullfile(gdf_test_root(), 'DESCRIPTION'), 'file') == 2 && exist(fullfile(gdf_test_root(), 'Makefile'), 'file') == 2
%! % the tarball name make dist uses (and the tarball, when one was made)
%! root = gdf_test_root();
%! v = gdflow_version();
%! [st, out] = system(sprintf('make -s --no-print-directory -C "%s" distname', root));
%! assert (st, 0);
%! assert (strtrim(out), ['gdflow-' v '.tar.gz']);
%! tarball = fullfile(root, ['gdflow-' v '.tar.gz']);
%! if exist(tarball, 'file')
%!   [st, desc] = system(sprintf('tar -xzOf "%s" gdflow-%s/DESCRIPTION', tarball, v));
%!   assert (st, 0);
%!   assert (~isempty(regexp(desc, ['(?m)^Version:\s*' regexptranslate('escape', v) '\s*$'], 'once')));
%! end
