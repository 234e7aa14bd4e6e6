% demo_sgd (issue 16) in the lecture room (issue 17): its handout renders the
% prose as written and embeds the four figures, and in every figure the
% legends stay off the data: outside the plot box, or in an empty column of
% their own beside square landscapes.

%!function figs = eval_code_helper(figdir)
%!  % runs demo_sgd in quick mode; gdf_demo_save leaves the figures open when
%!  % called under a function of this name (publish's), so they can be inspected
%!  root = gdf_test_root();
%!  old = pwd();
%!  c = onCleanup(@() cd(old));
%!  cd(fullfile(root, 'demos'));
%!  before = findall(0, 'type', 'figure');
%!  GDF_QUICK = true;
%!  GDF_FIGDIR = figdir;
%!  evalc('demo_sgd');
%!  figs = setdiff(findall(0, 'type', 'figure'), before);
%!endfunction

%!test
%! % the figures: four, every legend outside its axes' box or in an axes that
%! % shows nothing (axis off, no data inside its limits); the landscapes of
%! % sgd_paths square with one unit on both axes
%! figdir = tempname();
%! mkdir(figdir);
%! figs = eval_code_helper(figdir);
%! c = onCleanup(@() close(figs));
%! assert (numel(figs), 4);
%! nland = 0;
%! for f = figs(:)'
%!   for lh = findall(f, 'tag', 'legend')'
%!     loc = get(lh, 'location');
%!     outside = numel(loc) > 7 && strcmp(loc(end - 6:end), 'outside');
%!     if ~outside
%!       % the legend of a column of its own: nothing drawn inside its frame
%!       axs = findall(f, 'type', 'axes', 'visible', 'off');
%!       assert (~isempty(axs), sprintf('legend inside the axes (%s)', loc));
%!       for a = axs(:)'
%!         lim = axis(a);
%!         for l = findall(a, 'type', 'line')'
%!           x = get(l, 'xdata');  y = get(l, 'ydata');
%!           assert (all(x < lim(1) | x > lim(2) | y < lim(3) | y > lim(4)));
%!         end
%!       end
%!     end
%!   end
%!   for a = findall(f, 'type', 'axes', 'visible', 'on')'
%!     if strcmp(get(get(a, 'xlabel'), 'string'), '\theta_1')       % a landscape (gd_plot)
%!       nland = nland + 1;
%!       lim = axis(a);
%!       r = get(a, 'plotboxaspectratio');
%!       assert (r(2) / r(1), (lim(4) - lim(3)) / (lim(2) - lim(1)), 1e-9);
%!     end
%!   end
%! end
%! assert (nland, 4);                 % two landscapes and their two noise balls
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(figdir, 's');

%!test
%! % the handout (make handouts, quick sizes): the four figures embedded, the
%! % claims checked, and no prose turned bold, italic or monospace by
%! % publish's markup (theta* twice in a paragraph, a norm written E|...|)
%! root = gdf_test_root();
%! out = tempname();
%! old = pwd();
%! c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos'));
%! [~, saved] = make_handouts(out, true, {'demo_sgd'});
%! html = fileread(fullfile(out, 'demo_sgd.html'));
%! assert (numel(saved{1}), 4);
%! assert (numel(regexp(html, '<img src="', 'match')), 4);
%! assert (numel(strfind(html, 'claim holds')) >= 12);
%! assert (isempty(strfind(html, 'claim violated')));
%! m = regexp(html, '<(b|i|code)>[^<]{0,60}', 'match');
%! assert (isempty(m), sprintf('markup in the prose: %s', strjoin(m, ' | ')));
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(out, 's');
