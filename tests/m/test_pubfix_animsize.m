% gd_plot(..., 'Animate', file, 'Size', [w h]): the frames are drawn at
% their size.  A landscape's box (one unit on both axes, room for a legend
% below) is sized from the figure's pixels when gd_plot draws; the figure
% used to be resized to Size only when the frames were printed, so a
% landscape drawn in a default figure came out stretched (in make_animations'
% nesterov_ode.gif one unit of theta_1 was about 0.55 units of theta_2).

%!test
%! prob = gd_testfun('ellipse', 4, pi / 5);
%! [~, a] = gd_run(prob, [-2.5; 1.5], 'StepSize', 0.5 / prob.L, 'History', 'full', 'MaxIter', 6, 'GradTol', 0);
%! [~, b] = gd_run(prob, [-2.5; 1.5], 'StepSize', 1 / prob.L, 'History', 'full', 'MaxIter', 6, 'GradTol', 0);
%! file = [tempname() '.gif'];
%! fig = figure('visible', 'off');                 % the default size, not the frame's
%! c = onCleanup(@() close(fig));
%! h = gd_plot(prob, {a, b}, 'Field', false, 'Levels', 6, 'Limits', [-3 2 -2.5 2.5], ...
%!             'Labels', {'eta = 0.5/L', 'eta = 1/L'}, 'Animate', file, 'Frames', 2, 'Size', [720 760]);
%! fi = imfinfo(file);
%! assert ([fi(1).Width, fi(1).Height], [720 760]);
%! % the box in pixels, read off the last frame: the x axis is the row with
%! % the most dark pixels, the y axis the column with the most
%! X = imread(file, 2);
%! B = ismember(double(X), find(all(h.animation.map < 0.3, 2)) - 1);
%! [~, row] = max(sum(B, 2));
%! [~, col] = max(sum(B, 1));
%! w = find(B(row, :), 1, 'last') - find(B(row, :), 1, 'first');
%! ht = row - find(B(:, col), 1, 'first');
%! % one unit on both axes (5 by 5 units), close to: with gnuplot and a legend
%! % below, gd_plot estimates the key's height (key_height: about 4 font
%! % sizes a row), so the sides agree within 10% (535 x 579 here); drawn in
%! % the default figure and resized afterwards the box was 423 x 579
%! assert (abs(w / ht - 1) < 0.1, sprintf('box %d x %d pixels for 5 x 5 units', w, ht));
%! assert (w > 400);                                % and it uses the frame
%! delete(file);
