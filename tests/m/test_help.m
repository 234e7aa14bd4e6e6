% Help texts: MATLAB-style format for every public function, Contents.m and
% gdflow.m list everything, help and lookfor give useful answers in Octave.

%!test
%! % H1 line 'NAME  Text.', calling forms in capitals, Example:, See also
%! p = gdf_public_files();
%! bad = {};
%! for f = [p.functions, p.tools]
%!   [~, name] = fileparts(f{1});
%!   [help, h1] = gdf_help_text(f{1});
%!   NAME = upper(name);
%!   if isempty(regexp(h1, ['^' NAME '  \S.*\.$'], 'once'))
%!     bad{end + 1} = sprintf('%s: H1 line must be "%%%s  Text ending with a period.", not "%s"', name, NAME, h1);
%!   end
%!   ex = find(~cellfun(@isempty, regexp(help, '^\s*Examples?:\s*$', 'once')), 1);
%!   see = find(~cellfun(@isempty, regexp(help, '^\s*See also\s+\S', 'once')), 1);
%!   if isempty(ex) || ex == numel(help) || isempty(strtrim(help{ex + 1}))
%!     bad{end + 1} = sprintf('%s: no Example: block', name);
%!   end
%!   if isempty(see) || (~isempty(ex) && see < ex)
%!     bad{end + 1} = sprintf('%s: no See also line after the example', name);
%!   end
%!   form = ['^\s*(\[[^\]]*\]\s*=\s*|\w+\s*=\s*)?' NAME '(\(|\s|$)'];
%!   if ~any(~cellfun(@isempty, regexp(help(2:end), form, 'once')))
%!     bad{end + 1} = sprintf('%s: no calling form (a line "   [OUT] = %s(...)" or "   %s ...")', name, NAME, NAME);
%!   end
%! end
%! if ~isempty(bad)
%!   error('%s\n', bad{:});
%! end

%!test
%! % lookfor shows the H1 line: Octave's first help sentence is the H1 line
%! p = gdf_public_files();
%! old = path(); c = onCleanup(@() path(old));
%! addpath(p.fndir);
%! if p.source
%!   addpath(gdf_test_root());
%! end
%! for f = [p.functions, p.tools]
%!   [~, name] = fileparts(f{1});
%!   [~, h1] = gdf_help_text(f{1});
%!   s = strtrim(regexprep(get_first_help_sentence(name, 1024), '\s+', ' '));
%!   assert (s, regexprep(h1, '\s+', ' '));
%! end

%!test
%! % lookfor gradient finds the toolbox
%! p = gdf_public_files();
%! old = path(); c = onCleanup(@() path(old));
%! addpath(p.fndir);
%! out = evalc('lookfor gradient');
%! for name = {'gd_run', 'gf_run', 'gf_exact', 'gd_eval'}
%!   assert (~isempty(regexp(out, ['(^|\n)' name{1} '\s'], 'once')), [name{1} ' missing from lookfor gradient']);
%! end

%!test
%! % Contents.m lists every public function and demo, and only those; its
%! % list is the list in gdflow.m's help; help gdflow shows it
%! p = gdf_public_files();
%! root = gdf_test_root();
%! lines = gdf_help_text(p.contents);
%! section = '';
%! listed = {};
%! for i = 1:numel(lines)
%!   t = regexp(lines{i}, '^   (\w+)\s+- \S', 'tokens', 'once');
%!   if ~isempty(t)
%!     listed{end + 1} = t{1};
%!     place = {fullfile(p.fndir, [t{1} '.m']), fullfile(root, 'demos', [t{1} '.m']), fullfile(root, [t{1} '.m'])};
%!     here = any(cellfun(@(x) exist(x, 'file') == 2, place));
%!     % the build scripts live in the source tree only, not in the package
%!     assert (here || (~p.source && strncmp(section, 'Building', 8)), ['Contents.m lists ' t{1} ', which does not exist']);
%!   elseif ~isempty(regexp(lines{i}, '^ \S', 'once')) && i > 3
%!     section = strtrim(lines{i});
%!   end
%! end
%! assert (numel(unique(listed)), numel(listed));
%! names = @(c) cellfun(@(f) regexprep(f, '^.*[\\/]|\.m$', ''), c, 'UniformOutput', false);
%! demos = names(p.demos);
%! demos = demos(strncmp(demos, 'demo_', 5));
%! missing = setdiff([names(p.functions), names(p.tools), demos], listed);
%! if ~isempty(missing)
%!   all_files = [p.functions, p.tools, p.demos];
%!   add = {};
%!   for n = missing
%!     f = all_files{strcmp(names(all_files), n{1})};
%!     [~, h1] = gdf_help_text(f);
%!     add{end + 1} = sprintf('%%   %-19s - %s', n{1}, regexprep(h1, '^\S+\s+', ''));
%!   end
%!   error('Contents.m does not list everything; add these lines to m/Contents.m and m/gdflow.m (same list):\n%s', strjoin(add, sprintf('\n')));
%! end
%! % gdflow.m carries the same list (help gdflow shows it wherever the toolbox is)
%! g = gdf_help_text(fullfile(p.fndir, 'gdflow.m'));
%! body = lines(4:end);
%! k = find(strcmp(g, body{1}), 1);
%! assert (~isempty(k) && numel(g) >= k + numel(body) - 1, 'the list of Contents.m is missing from gdflow.m');
%! assert (g(k:k + numel(body) - 1), body);
%! % help gdflow (everywhere) and help m (in the source tree) show the list
%! old = path(); c = onCleanup(@() path(old));
%! addpath(p.fndir);
%! out = evalc('help gdflow');
%! for n = listed
%!   assert (~isempty(strfind(out, n{1})));
%! end
%! if p.source
%!   here = pwd(); c2 = onCleanup(@() cd(here));
%!   cd(root);
%!   out = evalc('help m');
%!   assert (~isempty(strfind(out, 'gd_run')) && ~isempty(strfind(out, 'Version')));
%! end

%!test
%! % gdflow prints the version line
%! out = evalc('gdflow');
%! assert (~isempty(strfind(out, ['gdflow ' gdflow_version() ' '])));
%! [v, info] = gdflow_version();
%! assert (ischar(v) && ~isempty(regexp(v, '^\d+\.\d+\.\d+$', 'once')));
%! assert (info.version, v);
%! assert (strcmp(info.license, 'GPL-3.0-or-later'));
%! assert (strcmp(info.host, 'Octave'));
%! assert (strcmp(info.mexext, 'mex'));
%! % every gateway is compiled beside the functions in use
%! assert (numel(info.gateways) >= 5);
%! assert (any(strcmp(info.gateways, 'gd_run_mex')));
%! out = evalc('gdflow_version()');
%! assert (~isempty(strfind(out, sprintf('%d compiled gateways', numel(info.gateways)))));
