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
%!  % frame (the y axis: the column that is most dark grey, from its first
%!  % dark pixel down; the x axis: the row that is most dark grey, from the
%!  % y axis to its last dark pixel -- not from the row's first dark pixel,
%!  % which may be a tick label left of the box), the limits from the axes
%!  B = ismember(double(X), find(all(map < 0.3, 2)) - 1);
%!  [~, row] = max(sum(B, 2));
%!  [~, col] = max(sum(B, 1));
%!  c0 = col; c1 = find(B(row, :), 1, 'last');
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
%!             'Delay', 0.3, 'Size', [560 448], 'Limits', [-3 1 -2 2]);

%!test
%! % the file exists, with the requested frame count, delay and size
%! assert (exist(file, 'file') == 2);
%! fi = imfinfo(file);
%! assert (numel(fi), 8);
%! assert ([fi.DelayTime], 30 * ones(1, 8));          % hundredths of a second
%! assert ([fi(1).Width, fi(1).Height], [560 448]);
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

%!test
%! % after writing, the figure shows the whole plot again (the frames' markers gone)
%! assert (get(h.paths(1), 'xdata'), info.theta(1, :), 0);
%! assert (get(h.paths(1), 'ydata'), info.theta(2, :), 0);
%! assert (numel(findobj(h.axes, 'type', 'line', 'marker', 'o')), 0);

%!test
%! % the flow is traced in the same time: its streamline passes through the
%! % exact flow at every t = k*eta (a point of gf_exact, not an interpolation),
%! % and the frames are k = round(linspace(0, K, Frames))
%! f2 = [tempname() '.gif'];
%! c = onCleanup(@() delete(f2));
%! g = figure('visible', 'off');
%! c2 = onCleanup(@() close(g));
%! h2 = gd_plot(prob, info, 'Streamlines', [-2.5; 1.5], 'Field', false, 'Levels', 4, ...
%!              'Animate', f2, 'Frames', 3, 'Size', [200 160], 'Delay', 0.05);
%! assert (h2.animation.k, [0 4 7]);
%! assert (h2.animation.eta, info.stepsize);
%! assert (numel(imfinfo(f2)), 3);
%! assert (unique([imfinfo(f2).DelayTime]), 5);
%! P = [get(h2.streamlines(1), 'xdata'); get(h2.streamlines(1), 'ydata')];
%! Q = gf_exact(prob, [-2.5; 1.5], (0:7) * info.stepsize)';
%! for k = 1:8
%!   assert (min(sum(abs(bsxfun(@minus, P, Q(:, k))), 1)) < 1e-12);
%! end

%!test
%! % Trail 'dots': the iterates without the joining line (a cloud of samples)
%! g = figure('visible', 'off');
%! c = onCleanup(@() close(g));
%! h3 = gd_plot(prob, info, 'Trail', 'dots', 'Field', false, 'Levels', 3);
%! assert (get(h3.paths(1), 'linestyle'), 'none');
%! assert (get(h3.paths(1), 'marker'), '.');

%!test
%! % demos/make_animations.m (GDF_QUICK: 2 frames each) writes its four GIFs
%! root = gdf_test_root();
%! if exist(fullfile(root, 'demos', 'make_animations.m'), 'file') == 2
%!   GDF_QUICK = true;
%!   GDF_ANIMDIR = tempname();
%!   c = onCleanup(@() rmdir(GDF_ANIMDIR, 's'));
%!   old = pwd(); c2 = onCleanup(@() cd(old));
%!   cd(fullfile(root, 'demos'));
%!   out = evalc('make_animations');
%!   names = {'gd_vs_flow', 'three_steps', 'nesterov_ode', 'langevin'};
%!   for i = 1:4
%!     f = fullfile(GDF_ANIMDIR, [names{i} '.gif']);
%!     assert (numel(imfinfo(f)), 2);
%!     d = dir(f);
%!     assert (d.bytes < 5e6);
%!   end
%!   % the Langevin chain fills the Gibbs ellipses r = 1, 2, 3 in the Gaussian's
%!   % proportions p = 1 - exp(-r^2/2) = 0.39, 0.86, 0.99.  Time averages over
%!   % a time of 975: the indicators decorrelate at least as fast as the slowest
%!   % mode (rate mu = 1), so the standard error is at most sqrt(2 p (1-p) / 975)
%!   % = 0.022, 0.016, 0.005; plus 0.01 for Euler-Maruyama's bias (covariance
%!   % T inv(A - h A^2/2): 2% more variance); allowed: 3 standard errors + bias
%!   v = sscanf(out(strfind(out, 'r = 1, 2, 3:') + 12:end), '%f', 3);
%!   p = 1 - exp(-[1 4 9] / 2);
%!   assert (all(abs(v(:)' - p) <= 3 * sqrt(2 * p .* (1 - p) / 975) + 0.01));
%! end

%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 'x.png')
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 3)
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', fullfile(tempname(), 'x.gif'))
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 'x.gif', 'Frames', 0)
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 'x.gif', 'Frames', 2.5)
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 'x.gif', 'Delay', 0)
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Animate', 'x.gif', 'Size', [10 10])
%!error id=gdflow:gd_plot:badOption gd_plot(prob, info, 'Trail', 'wiggly')
