% Every Example: block of every help text runs (the doctest of the help):
% the public functions, the build scripts of the source tree and the demos.
% The runner is gdf_help_examples; figures are invisible and closed.

%!test
%! p = gdf_public_files();
%! old = path(); c = onCleanup(@() path(old));
%! addpath(p.fndir);
%! if p.source
%!   addpath(gdf_test_root());   % gdflow_setup and gdflow_build, as after cd to the tree
%! end
%! [failures, ran] = gdf_help_examples([p.functions, p.tools, p.demos]);
%! if ~isempty(failures)
%!   error('%d help examples failed:\n%s', numel(failures), strjoin(failures, sprintf('\n\n')));
%! end
%! % every public function has an example (test_help checks the format)
%! assert (numel(ran) >= numel(p.functions) + numel(p.tools));

%!test
%! % the runner fails on an example that errors, and stops at the blank line
%! f = [tempname() '.m'];
%! fid = fopen(f, 'w');
%! fprintf(fid, 'function gdf_broken__()\n%%GDF_BROKEN__  A broken example.\n%%   Example:\n');
%! fprintf(fid, '%%     x = 41 + 1;\n%%     error(''gdf:broken'', ''boom %%d'', x);\n%%\n');
%! fprintf(fid, '%%     this line is not code\n%%\n%%   See also NOTHING.\nend\n');
%! fclose(fid);
%! [failures, ran] = gdf_help_examples({f});
%! delete(f);
%! assert (numel(failures), 1);
%! assert (~isempty(strfind(failures{1}, 'boom 42')));
%! assert (isempty(ran));
