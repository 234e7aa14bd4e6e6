% Legible at projector size (issue 17): gd_plot's figures and the demos' use
% fonts >= 14 pt, lines >= 1.5, the Okabe-Ito colour-blind-safe palette, and
% legends outside the plot box, where they cannot cover the data; gd_plot's 'Style' is 'slides' or 'paper'.

%!function c = okabe_ito()
%!  c = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; ...
%!       0.337 0.706 0.914; 0.902 0.624 0; 0.941 0.894 0.259; 0 0 0];
%!endfunction

%!function tf = in_palette(rgb)
%!  % an Okabe-Ito colour, or a grey (r = g = b: black, the field's arrows)
%!  d = min(max(abs(bsxfun(@minus, okabe_ito(), rgb(:)')), [], 2));
%!  tf = d < 1e-3 || (abs(rgb(1) - rgb(2)) < 1e-9 && abs(rgb(2) - rgb(3)) < 1e-9);
%!endfunction

%!function check_text(ax, pt)
%!  % the tick labels, the title and the axis labels of AX are at least PT
%!  assert (get(ax, 'fontsize') >= pt);
%!  for p = {'title', 'xlabel', 'ylabel'}
%!    assert (get(get(ax, p{1}), 'fontsize') >= pt, sprintf('%s below %g pt', p{1}, pt));
%!  end
%!endfunction

%!function check_legend_outside(lh)
%!  % the legend is placed outside the plot box, so it cannot cover a data
%!  % point: gnuplot draws its key itself ("set key outside"), larger than the
%!  % legend's position property says, so the location is what decides
%!  loc = get(lh, 'location');
%!  assert (numel(loc) > 7 && strcmp(loc(end - 6:end), 'outside'), sprintf('legend inside the axes (%s)', loc));
%!endfunction

%!shared prob, runs
%! prob = gd_testfun('ellipse', 20, pi / 6);
%! ws = warning('off', 'gdflow:diverged');
%! runs = cell(1, 3);
%! etas = [0.3, 2 / (1 + 1 / 20), 2.1] / prob.L;
%! for i = 1:3
%!   [~, runs{i}] = gd_run(prob, [-3; 2.5], 'StepSize', etas(i), 'MaxIter', 40, 'GradTol', 0, 'History', 'full');
%! end
%! warning(ws);

%!test
%! % landscape, default Style ('slides'): 16 pt text, lines >= 1.5 (paths 2.5),
%! % Okabe-Ito paths, black streamlines, the legend outside the axes
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, runs, 'Limits', [-4.5 4.5 -4.5 4.5], 'Streamlines', [3.5; -2.5], 'Labels', {'a', 'b', 'c'}, ...
%!             'Title', 'landscape');
%! check_text(h.axes, 16);
%! assert (all(cell2mat(get(h.paths, 'linewidth')) >= 2.5));
%! assert (get(h.streamlines, 'linewidth') >= 1.5);
%! assert (get(h.contour, 'linewidth') >= 1.5);
%! col = cell2mat(get(h.paths, 'color'));
%! assert (col, okabe_ito()(1:3, :));
%! assert (get(h.streamlines, 'color'), [0 0 0]);
%! lh = findall(f, 'tag', 'legend');
%! assert (numel(lh), 1);
%! assert (get(lh, 'fontsize') >= 16);
%! check_legend_outside(lh);

%!test
%! % convergence (a diverging run among them): text >= 16 pt, curves and
%! % bounds >= 1.5, Okabe-Ito colours, and the legend covers no data point
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, runs, 'Plot', 'convergence', 'Title', 'convergence');
%! check_text(h.axes, 16);
%! lines_ = [h.paths, h.bounds];
%! assert (all(cell2mat(get(lines_, 'linewidth')) >= 1.5));
%! for l = lines_
%!   assert (in_palette(get(l, 'color')));
%! end
%! lh = findall(f, 'tag', 'legend');
%! assert (get(lh, 'fontsize') >= 16);
%! check_legend_outside(lh);

%!test
%! % 'both': the legend beside a landscape is no longer shrunk (it was 7 pt)
%! f = figure('visible', 'off', 'position', [0 0 1400 600]);
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, runs(1:2), 'Plot', 'both');
%! lh = findall(f, 'tag', 'legend');
%! assert (numel(lh), 1);
%! assert (get(lh, 'fontsize') >= 14);
%! check_legend_outside(lh);
%! for ax = h.axes
%!   check_text(ax, 14);
%! end

%!test
%! % Style 'paper': 14 pt, lines 1.5; 'slides' 16 pt, lines 2.5; LineWidth still wins
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, runs(1), 'Style', 'paper');
%! check_text(h.axes, 14);
%! assert (get(h.axes, 'fontsize'), 14);
%! assert (get(h.paths, 'linewidth'), 1.5);
%! clf(f);
%! h = gd_plot(prob, runs(1), 'Style', 'slides', 'Plot', 'convergence');
%! assert (get(h.axes, 'fontsize'), 16);
%! assert (get(h.paths, 'linewidth'), 2.5);
%! clf(f);
%! h = gd_plot(prob, runs(1), 'Style', 'paper', 'LineWidth', 4);
%! assert (get(h.paths, 'linewidth'), 4);

%!error <Style must be 'slides' or 'paper'> gd_plot(gd_testfun('ellipse', 5), {}, 'Style', 'poster')
%!error id=gdflow:gd_plot:badOption gd_plot(gd_testfun('ellipse', 5), {}, 'Style', 3)

%!test
%! % the demos' figure: slides by default (16 pt, lines 2.5, Okabe-Ito colour
%! % order); GDF_STYLE = 'paper' in the demo's workspace: 14 pt, lines 1.5
%! root = gdf_test_root();
%! old = pwd();
%! c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos'));
%! f = gdf_demo_figure(800, 400);
%! c2 = onCleanup(@() close(f));
%! assert (get(f, 'defaultaxesfontsize'), 16);
%! assert (get(f, 'defaultlinelinewidth'), 2.5);
%! assert (get(f, 'defaultaxescolororder'), okabe_ito()(1:7, :));
%! GDF_STYLE = 'paper';
%! g = gdf_demo_figure(800, 400);
%! c3 = onCleanup(@() close(g));
%! assert (get(g, 'defaultaxesfontsize'), 14);
%! assert (get(g, 'defaultlinelinewidth'), 1.5);
%! p = get(g, 'position');
%! assert (p(3:4), round(0.85 * [800 400]));
%! GDF_STYLE = 'poster';
%! fail ('gdf_demo_figure(800, 400)', 'GDF_STYLE must be');

%!test
%! % every demo's source: no default MATLAB/Octave colour map for lines
%! % (lines(), 'r'/'g' format strings: red against green), every RGB colour
%! % an Okabe-Ito one or a grey, no font below 14 pt, no line below 1.5
%! root = gdf_test_root();
%! d = dir(fullfile(root, 'demos', 'demo_*.m'));
%! for i = 1:numel(d)
%!   src = fileread(fullfile(root, 'demos', d(i).name));
%!   code = regexprep(src, '(^|\n)\s*%[^\n]*', '$1');           % comment lines out
%!   assert (isempty(regexp(code, '\<(lines|jet|hsv)\(', 'once')), sprintf('%s uses a default colour map', d(i).name));
%!   assert (isempty(regexp(code, '''[rgbmcy]([-:.]|[osx^*+])+''', 'once')), sprintf('%s uses a pure red/green/blue colour letter', d(i).name));
%!   rgb = regexp(code, '\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]', 'tokens');
%!   for k = 1:numel(rgb)
%!     v = str2double(rgb{k});
%!     if all(v <= 1) && ~isempty(regexp(code, ['''(color|facecolor|markerfacecolor)'',\s*\[\s*' regexprep(rgb{k}{1}, '\.', '\\.') '\s'], 'once'))
%!       assert (in_palette(v), sprintf('%s: colour [%s] is not Okabe-Ito', d(i).name, strjoin(rgb{k}, ' ')));
%!     end
%!   end
%!   fs = regexp(code, '''fontsize'',\s*([\d.]+)', 'tokens');
%!   assert (all(cellfun(@(t) str2double(t{1}), fs) >= 14), sprintf('%s sets a font below 14 pt', d(i).name));
%!   lw = regexp(code, '''linewidth'',\s*([\d.]+)', 'tokens');
%!   assert (all(cellfun(@(t) str2double(t{1}), lw) >= 1.5), sprintf('%s sets a line below 1.5', d(i).name));
%! end

%!test
%! % a landscape has one unit on both axes through its plot box (not through
%! % dataaspectratio, which under gnuplot leaves "size ratio" set for the next
%! % subplot and squashes it): the box's aspect is the frame's
%! f = figure('visible', 'off', 'position', [0 0 1200 500]);
%! c = onCleanup(@() close(f));
%! subplot(1, 2, 1);
%! h = gd_plot(prob, runs(1), 'Limits', [-4 2 -3 1]);
%! assert (get(h.axes, 'dataaspectratiomode'), 'auto');
%! r = get(h.axes, 'plotboxaspectratio');
%! assert (r(2) / r(1), 4 / 6, 1e-12);
%! % a square frame filling the height, with a legend below: the box is taller
%! % by the key gnuplot cuts from it (no room below a box that fills the height)
%! clf(f);
%! subplot(1, 2, 1);
%! h = gd_plot(prob, runs, 'Limits', [-4 2 -3 3], 'Labels', {'a', 'b', 'c'});
%! r = get(h.axes, 'plotboxaspectratio');
%! if strcmp(graphics_toolkit(), 'gnuplot')
%!   assert (r(2) / r(1) > 1);
%! else
%!   assert (r(2) / r(1), 1, 1e-12);
%! end
