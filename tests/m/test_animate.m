% gd_plot(..., 'Animate', file): GIF animations, read back with imfinfo and
% imread (issue 17).  The frames are rendered headless (print to PNG), so
% these tests run under gnuplot as under Qt or MATLAB.

%!function [r, c] = gdf_anim_marker__(X, idx)
%!  % centre (row, column) of the large current-iterate marker (a disc 14 px
%!  % across): pixels of palette index idx whose 7-by-7 neighbourhood is at
%!  % least 40/49 that colour (the renderer leaves a stray pixel or two in
%!  % the disc; the path line, 2 px wide, and its 5 px dots reach about 20)
%!  m = double(X) == idx;
%!  core = conv2(double(m), ones(7), 'same') >= 40;
%!  [rr, cc] = find(core);
%!  r = mean(rr);
%!  c = mean(cc);
%!endfunction

%!function [r, c] = gdf_anim_pixel__(X, map, ax, x, y)
%!  % data (x, y) to pixel (row, column) of frame X: the axes are read off the
%!  % frame (the x axis: the row that is most dark grey, from its first to
%!  % its last dark pixel; the y axis: the column that is most dark grey,
%!  % from its first dark pixel down), the axis limits from the axes
%!  B = ismember(double(X), find(all(map < 0.3, 2)) - 1);
%!  [~, row] = max(sum(B, 2));
%!  [~, col] = max(sum(B, 1));
%!  c0 = find(B(row, :), 1, 'first'); c1 = find(B(row, :), 1, 'last');
%!  r0 = find(B(:, col), 1, 'first');
%!  xl = xlim(ax); yl = ylim(ax);
%!  c = c0 + (x - xl(1)) / (xl(2) - xl(1)) * (c1 - c0);
%!  r = row - (y - yl(1)) / (yl(2) - yl(1)) * (row - r0);
%!endfunction

%!shared prob, info, file, h, fig
%! prob = gd_testfun('ellipse', 2, pi / 5);
%! [~, info] = gd_run(prob, [-2.5; 1.5], 'StepSize', 0.1 / prob.L, 'History', 'full', ...
%!                    'MaxIter', 7, 'GradTol', 0);
%! file = [tempname() '.gif'];
%! fig = figure('visible', 'off');
%! h = gd_plot(prob, info, 'Field', false, 'Levels', 6, 'Animate', file, 'Frames', 8, ...
%!             'Delay', 0.3, 'Size', [400 320], 'Limits', [-3 1 -2 2]);

%!test
%! % the file exists, with the requested frame count, delay, size, looping
%! assert (exist(file, 'file') == 2);
%! fi = imfinfo(file);
%! assert (numel(fi), 8);
%! assert ([fi.DelayTime], 30 * ones(1, 8));          % hundredths of a second
%! assert ([fi(1).Width, fi(1).Height], [400 320]);
%! assert (h.animation.frames, 8);
%! assert (h.animation.k, 0:7);                         % one frame per iterate
%! d = dir(file);
%! assert (d.bytes < 5e5);

%!test
%! % frame k shows iterate k-1: the marker's pixel centre is the data-to-pixel
%! % transform of theta_{k-1} (within 3 px: the marker is 14 px wide, the
%! % renderer rounds the box to whole pixels); consecutive iterates are more
%! % than 3 x 3 px apart, so frames out of order or all alike fail
%! idx = 0;
%! map = h.animation.map;
%! col = get(h.paths(1), 'color');
%! [~, idx] = min(sum(bsxfun(@minus, map, col) .^ 2, 2));
%! idx = idx - 1;                                       % GIF indices are 0-based
%! for k = 1:8
%!   X = imread(file, k);
%!   [pr, pc] = gdf_anim_pixel__(X, map, h.axes, info.theta(1, :), info.theta(2, :));
%!   assert (all(hypot(diff(pr), diff(pc)) > 9));
%!   [r, c] = gdf_anim_marker__(X, idx);
%!   assert (hypot(r - pr(k), c - pc(k)) < 3, sprintf('frame %d: marker at (%g, %g), iterate at (%g, %g)', ...
%!           k, r, c, pr(k), pc(k)));
%! end
