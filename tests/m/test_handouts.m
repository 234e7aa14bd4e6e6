% Handouts (make handouts, issue 17): every demo is written in cell mode with
% prose, and publish turns a demo into an HTML page that embeds every figure
% the demo saves, its printed tables and its checked claims.  The full build
% is "make handouts"; here three demos are published in quick mode.

%!function [titles, prose] = cells(file)
%!  % the %% section titles of FILE and, per section, its leading prose lines
%!  lines = regexp(fileread(file), '\r?\n', 'split');
%!  k = find(strncmp(lines, '%%', 2));
%!  titles = cell(1, numel(k));
%!  prose = cell(1, numel(k));
%!  for j = 1:numel(k)
%!    titles{j} = strtrim(lines{k(j)}(3:end));
%!    i = k(j) + 1;
%!    p = {};
%!    while i <= numel(lines) && ~isempty(regexp(lines{i}, '^%( |$)', 'once'))
%!      p{end + 1} = lines{i}(2:end);
%!      i = i + 1;
%!    end
%!    prose{j} = strtrim(strjoin(p, ' '));
%!  end
%!endfunction

%!test
%! % every demo (any demos/demo_*.m, also ones added later) is in cell mode: it
%! % opens with a titled section whose prose states the claim and its
%! % hypotheses, has at least two more sections, and tells what to look at
%! root = gdf_test_root();
%! d = dir(fullfile(root, 'demos', 'demo_*.m'));
%! assert (numel(d) >= 15);
%! for i = 1:numel(d)
%!   f = fullfile(root, 'demos', d(i).name);
%!   src = fileread(f);
%!   assert (strncmp(src, '%% ', 3), sprintf('%s does not start with a %%%% title', d(i).name));
%!   [t, p] = cells(f);
%!   assert (numel(t) >= 3, sprintf('%s has %d sections', d(i).name, numel(t)));
%!   assert (all(~cellfun(@isempty, t)), sprintf('%s has a section without a title', d(i).name));
%!   assert (numel(p{1}) >= 200, sprintf('%s: the first section has too little prose', d(i).name));
%!   allprose = lower(strjoin(p, ' '));
%!   assert (~isempty(strfind(allprose, 'claim')), sprintf('%s: the prose states no claim', d(i).name));
%!   assert (~isempty(strfind(allprose, 'hypothes')), sprintf('%s: the prose states no hypotheses', d(i).name));
%!   assert (~isempty(strfind(allprose, 'look at')), sprintf('%s: the prose says not what to look at', d(i).name));
%!   % a figure is created and saved in the same section: publish prints and
%!   % deletes the open figures at the end of each section
%!   parts = regexp(src, '(^|\n)%%[^\n]*', 'split');
%!   for j = 1:numel(parts)
%!     nfig = numel(regexp(parts{j}, 'gdf_demo_figure\(', 'match'));
%!     nsave = numel(regexp(parts{j}, 'gdf_demo_save\(', 'match'));
%!     assert (nfig == nsave, sprintf('%s, section %d: %d figures opened, %d saved', d(i).name, j, nfig, nsave));
%!   end
%!   % no figure bypasses the helpers (they carry the style and the publish hook)
%!   assert (isempty(regexp(src, '(^|\n)[^%\n]*\<print\(', 'once')), sprintf('%s prints a figure itself', d(i).name));
%!   assert (isempty(regexp(src, '(^|\n)[^%\n]*\<figure\(', 'once')), sprintf('%s opens a figure itself', d(i).name));
%! end

%!test
%! % publish (through make_handouts, quick sizes) embeds every figure the demo
%! % saved, in the same shape, after the section that drew it; the page
%! % carries the sections, the tables and the checked claims; index.html links it
%! root = gdf_test_root();
%! out = tempname();
%! old = pwd();
%! c2 = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos'));
%! names = {'demo_zigzag', 'demo_overview', 'demo_coursework'};   % coursework reads demos/data
%! [index, saved] = make_handouts(out, true, names);
%! assert (exist(index, 'file') == 2);
%! idx = fileread(index);
%! for i = 1:numel(names)
%!   page = fullfile(out, [names{i} '.html']);
%!   html = fileread(page);
%!   assert (~isempty(strfind(idx, ['href="' names{i} '.html"'])));
%!   img = regexp(html, '<img src="([^"]+)"', 'tokens');
%!   img = cellfun(@(c) c{1}, img, 'UniformOutput', false);
%!   assert (numel(saved{i}) >= 1);
%!   assert (numel(img) == numel(saved{i}), sprintf('%s: %d figures saved, %d embedded', names{i}, numel(saved{i}), numel(img)));
%!   for k = 1:numel(img)
%!     a = imfinfo(fullfile(out, img{k}));       % a PNG publish wrote, of slide width
%!     assert (strcmpi(a.Format, 'png') && a.Width >= 800 && a.Height >= 400);
%!   end
%!   [t, ~] = cells(fullfile(root, 'demos', [names{i} '.m']));
%!   for j = 1:numel(t)
%!     assert (~isempty(strfind(html, t{j})), sprintf('%s: section "%s" missing', names{i}, t{j}));
%!   end
%!   assert (~isempty(strfind(html, 'claim holds')));
%!   % no prose turned bold, italic or monospace by publish's markup (*...*,
%!   % _..._, |...|): a norm written ||x|| or two f* in a paragraph did
%!   assert (isempty(regexp(html, '<(b|i|code)>', 'once')), sprintf('%s: markup in the prose', names{i}));
%!   assert (isempty(strfind(html, 'claim violated')));
%!   assert (~isempty(strfind(html, 'max-width: 100%')));      % the figures use the page's width
%! end
%! % zigzag: one three-panel figure; overview: the landscape and the convergence
%! % plot; coursework: its data read from demos/data although publish runs it
%! % inside publish.m (mfilename is publish's there)
%! assert (numel(saved{1}), 1);
%! assert (numel(saved{2}), 2);
%! assert (numel(saved{3}), 1);
%! if exist(out, 'dir')
%!   confirm_recursive_rmdir(false, 'local');
%!   rmdir(out, 's');
%! end
