function h = gd_plot(prob, runs, varargin)
%GD_PLOT  Landscapes and convergence plots of gradient descent and gradient flow.
%   H = GD_PLOT(PROB, RUNS) draws, for a 2-D problem, the contour lines of f,
%   the negative-gradient field (arrows, perpendicular to the contours) and
%   the GD paths in RUNS; for any problem it can draw convergence curves.
%   H = GD_PLOT(INFO) draws the convergence curve of one gd_run result.
%
%   RUNS is an INFO struct from GD_RUN with History 'full', a cell array of
%   them, or d-by-k matrices of iterates.
%
%   Options (name-value):
%     'Plot'         'landscape' (default for d = 2), 'convergence' (f - f* on a
%                    log scale against k, each run beside its theoretical
%                    bound), or 'both' (two subplots).  The bounds are
%                    GD_COMPARE's (one theory module, private/gdf_theory.m):
%                    a run whose theorem's hypotheses fail (f* unknown,
%                    mu < 0, eta >= 2/L, backtracking, ...) gets no curve
%                    and the reason in the legend.  A problem unbounded
%                    below (f_star = -Inf) has no f - f*: an error.
%     'Limits'       [xmin xmax ymin ymax] of the landscape (default: around the
%                    paths and the minimizer); finite, |values| <= 1e150, each
%                    span at least 1e-10 of the largest |value|, and f finite
%                    on the frame (gdflow:gd_plot:badLimits otherwise)
%     'Levels'       number of contour levels (default 25) or a vector of levels
%     'Field'        true (default) to draw the field -grad f
%     'Streamlines'  2-by-m starting points of gradient-flow trajectories, drawn
%                    as smooth black curves (GF_EXACT for quadratics, GF_RUN
%                    rk45 otherwise); [] for none
%     'Horizon'      time span of the streamlines (default 20/mu, or 20); at
%                    most 1e6/L (1e4 when L is unknown) and at most 1e3/mu
%                    when mu > 0: gdflow:gd_plot:badHorizon
%     'Labels'       cell array of legend labels for RUNS
%     'Title'        a title string
%     'LineWidth'    width of the GD paths and streamlines (default: the
%                    Style's, 2.5 and 2.8 for 'slides', 1.5 and 1.8 for 'paper')
%     'Style'        'slides' (default: 16 pt axes, tick and legend fonts,
%                    thick lines, readable from the back of a lecture room)
%                    or 'paper' (14 pt, lines 1.5).  Colours are always the
%                    Okabe-Ito palette (blue, vermillion, bluish green, ...),
%                    distinguishable by colour-blind viewers
%     'Parent'       axes to draw into (default: the current axes)
%     'Animate'      name of a GIF file: the plot is also written as an
%                    animation, iterate by iterate: frame j shows iterates
%                    0..k_j of each path (a marker on k_j), the streamlines
%                    traced up to the same time t = k_j*eta (eta: the first
%                    run's step size), the convergence curves up to k_j
%                    (a file that cannot be written: gdflow:gd_plot:cannotWrite)
%     'Frames'       number of frames (default: one per iterate, at most 60)
%     'Delay'        seconds per frame (default 0.1)
%     'Size'         [width height] of the frames in pixels (default
%                    [640 480], [1000 450] for 'both'); the figure is resized
%     'Trail'        'line' (default): the iterates joined by a line; 'dots':
%                    the iterates alone (a cloud of samples, e.g. Langevin)
%
%   Options may also be given as an options struct; names are
%   case-insensitive, and a misspelled one gets the nearest name suggested.
%
%   H is a struct of graphics handles: axes, contour, quiver, paths,
%   streamlines, bounds (one per INFO run in the convergence plot: its
%   YData is the bound, NaN where no theorem applies), and with 'Animate'
%   animation (file, frames, delay, size, bytes, k: the iterate shown by
%   each frame).  Works headless: figure('visible', 'off') and print.
%
%   Example:
%     prob = gd_testfun('ellipse', 10, pi / 6);
%     [~, info] = gd_run(prob, [-3; 2], 'StepSize', '2/(L+mu)', 'History', 'full');
%     f = figure('visible', 'off');
%     h = gd_plot(prob, info, 'Streamlines', [-3 3; 2 -2]);
%     close(f);
%
%   See also GD_RUN, GF_RUN, GF_EXACT, GD_COMPARE.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1
  error('gdflow:gd_plot:notEnoughInputs', 'gd_plot: usage: h = gd_plot(prob, runs, Name, Value, ...) or gd_plot(info).');
end
if nargin == 1 && isstruct(prob) && isfield(prob, 'exitflag')
  runs = {prob};
  prob = struct('type', '', 'd', NaN, 'L', prob.L, 'mu', prob.mu, 'f_star', prob.f_star, 'theta_star', []);
  varargin = {'Plot', 'convergence'};
elseif nargin < 2
  runs = {};
end
opt = parse_options(varargin);
opt = check_inputs(prob, runs, opt);
opt = gdf_animate_check(opt);                  % Animate, Frames, Delay, Size, Trail
if ~iscell(runs)
  runs = {runs};
end
paths = cell(size(runs));
for i = 1:numel(runs)
  r = runs{i};
  if isstruct(r)
    if isempty(r.theta)
      paths{i} = [];
    else
      paths{i} = r.theta;
    end
  else
    paths{i} = r;
  end
end
kind = opt.Plot;
if isempty(kind)
  if isfield(prob, 'd') && isequal(prob.d, 2)
    kind = 'landscape';
  else
    kind = 'convergence';
  end
end
h = struct('axes', [], 'contour', [], 'quiver', [], 'paths', [], 'streamlines', [], 'bounds', []);
if any(strcmp(kind, {'convergence', 'both'})) && isequal(prob.f_star, -Inf)
  error('gdflow:gd_plot:unbounded', ['gd_plot: f is unbounded below (f* = -Inf): there is no f - f* ' ...
        'to plot; use ''Plot'', ''landscape'' (2-D) or plot info.f.']);
end
if ~isempty(opt.Animate)
  % the frame size before drawing: a landscape's box (one unit on both axes,
  % room for the legend below it) is sized from the figure's pixels, so a
  % figure resized only when the frames were printed had stretched boxes
  if isempty(opt.Size)
    opt.Size = [640 480];
    if strcmp(kind, 'both')
      opt.Size = [1000 450];
    end
  end
  if isempty(opt.Parent)
    fig = gcf();
  else
    fig = ancestor(opt.Parent, 'figure');
  end
  pos = get(fig, 'position');
  set(fig, 'position', [pos(1:2), opt.Size]);
end
switch kind
  case 'landscape'
    h = landscape(parent_axes(opt), prob, paths, opt, h);
  case 'convergence'
    h = convergence(parent_axes(opt), prob, runs, opt, h);
  case 'both'
    h1 = landscape(subplot(1, 2, 1), prob, paths, opt, h);
    h2 = convergence(subplot(1, 2, 2), prob, runs, opt, h);
    h = h1;
    h.axes = [h1.axes, h2.axes];
    h.bounds = h2.bounds;
  otherwise
    error('gdflow:gd_plot:badOption', 'gd_plot: Plot must be ''landscape'', ''convergence'' or ''both''.');
end
if strcmp(opt.Trail, 'dots') && ~strcmp(kind, 'convergence') && ~isempty(h.paths)
  set(h.paths, 'linestyle', 'none', 'marker', '.', 'markersize', 5);
end
if ~isempty(opt.Animate)
  h.animation = gdf_animate_plot(h, kind, prob, runs, opt);
end
end

function opt = check_inputs(prob, runs, opt)
% Every bad input raises gdflow:gd_plot:<what> before anything is drawn
% (without these checks, bad values failed deep in the graphics code).
if ~isstruct(prob) || numel(prob) ~= 1 || ~all(isfield(prob, {'type', 'd', 'L', 'mu', 'f_star', 'theta_star'}))
  error('gdflow:gd_plot:badProblem', ['gd_plot: PROB must be a problem struct (gd_quadratic, ' ...
        'gd_testfun, ...), or the INFO struct of one gd_run as the only argument.']);
end
if ~iscell(runs)
  runs = {runs};
end
for i = 1:numel(runs)
  r = runs{i};
  if ~((isstruct(r) && numel(r) == 1 && all(isfield(r, {'f', 'theta', 'stepsize', 'L', 'mu'}))) || ...
       (isnumeric(r) && isreal(r) && ~issparse(r) && ndims(r) == 2 && all(isfinite(r(:))) && ...
        (isempty(r) || ~isequal(prob.d, 2) || size(r, 1) == 2)))
    error('gdflow:gd_plot:badRuns', ['gd_plot: run %d must be an INFO struct from gd_run or a d-by-k ' ...
          'matrix of (finite) iterates.'], i);
  end
end
if ~ischar(opt.Plot) || ~(isempty(opt.Plot) || any(strcmpi(opt.Plot, {'landscape', 'convergence', 'both'})))
  error('gdflow:gd_plot:badOption', 'gd_plot: Plot must be ''landscape'', ''convergence'' or ''both''.');
end
opt.Plot = lower(opt.Plot);
v = opt.Limits;
if ~(isnumeric(v) && (isempty(v) || (isreal(v) && numel(v) == 4 && all(isfinite(v(:))) && v(1) < v(2) && v(3) < v(4))))
  error('gdflow:gd_plot:badLimits', 'gd_plot: Limits must be [xmin xmax ymin ymax] (finite, xmin < xmax, ymin < ymax).');
end
opt.Limits = double(v(:)');
if ~isempty(opt.Limits)
  check_limits(opt.Limits, 'Limits');
end
v = opt.Levels;
if ~(isnumeric(v) && isreal(v) && ~issparse(v) && isvector(v) && all(isfinite(v)) && numel(v) <= 1000 && ...
     (~isscalar(v) || (v >= 1 && v <= 1000 && v == round(v))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Levels must be a number of levels (1 to 1000) or a vector of levels.');
end
opt.Levels = double(v);
if ~isscalar(opt.Levels)
  opt.Levels = unique(opt.Levels(:)');      % contour wants increasing levels
  if isscalar(opt.Levels)                    % one level, given twice: contour reads a
    opt.Levels = [opt.Levels opt.Levels];    % scalar as a count (1e308 levels), [c c] as c
  end
end
v = opt.Field;
if ~((islogical(v) || isnumeric(v)) && isscalar(v) && isreal(v) && ~isnan(v))
  error('gdflow:gd_plot:badOption', 'gd_plot: Field must be true or false.');
end
v = opt.Streamlines;
if ~(isnumeric(v) && (isempty(v) || (isreal(v) && ~issparse(v) && ndims(v) == 2 && size(v, 1) == 2 && ...
                                      size(v, 2) <= 1000 && all(isfinite(v(:))))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Streamlines must be a 2-by-m matrix of finite starting points (m <= 1000).');
end
if any(abs(v(:)) > 1e150)
  error('gdflow:gd_plot:badOption', 'gd_plot: Streamlines must start at points of magnitude at most 1e150 (as Limits).');
end
opt.Streamlines = double(v);
if ~(ischar(opt.Style) && any(strcmpi(opt.Style, {'slides', 'paper'})))
  error('gdflow:gd_plot:badOption', 'gd_plot: Style must be ''slides'' or ''paper''.');
end
opt.Style = lower(opt.Style);
names = {'Horizon', 'LineWidth'};
for i = 1:numel(names)
  v = opt.(names{i});
  if ~(isnumeric(v) && (isempty(v) || (isreal(v) && isscalar(v) && v > 0 && isfinite(v))))
    error('gdflow:gd_plot:badOption', 'gd_plot: %s must be a positive finite number.', names{i});
  end
  opt.(names{i}) = double(v);
end
if ~isempty(opt.LineWidth) && opt.LineWidth > 100
  error('gdflow:gd_plot:badOption', 'gd_plot: LineWidth must be at most 100.');
end
[opt.Horizon, top, why] = horizon(prob, opt.Horizon);
if opt.Horizon > top
  error('gdflow:gd_plot:badHorizon', ['gd_plot: Horizon = %g is too long: at most %g (%s): ' ...
        'the integration would not finish, or the flow has long converged.'], opt.Horizon, top, why);
end
if ischar(opt.Labels) && size(opt.Labels, 1) <= 1
  opt.Labels = {opt.Labels};
end
if ~iscellstr(opt.Labels)
  error('gdflow:gd_plot:badOption', 'gd_plot: Labels must be a cell array of strings.');
end
if ~ischar(opt.Title) || size(opt.Title, 1) > 1
  error('gdflow:gd_plot:badOption', 'gd_plot: Title must be a string.');
end
% legend and title pass text through regexprep, which refuses bytes that are
% not UTF-8 (Octave); refuse them here, with this function's identifier
txt = [opt.Labels(:)', {opt.Title}];
for i = 1:numel(txt)
  try
    regexprep(txt{i}, 'x', 'x');
  catch
    error('gdflow:gd_plot:badOption', 'gd_plot: Labels and Title must be valid text (UTF-8).');
  end
end
v = opt.Parent;
if ~((isnumeric(v) && isempty(v)) || (isscalar(v) && ishghandle(v) && strcmp(get(v, 'type'), 'axes')))
  error('gdflow:gd_plot:badOption', 'gd_plot: Parent must be an axes handle.');
end
end

function opt = parse_options(args)
opt = struct('Plot', '', 'Limits', [], 'Levels', 25, 'Field', true, 'Streamlines', [], ...
             'Horizon', [], 'Labels', {{}}, 'Title', '', 'Parent', [], 'LineWidth', [], ...
             'Animate', '', 'Frames', [], 'Delay', 0.1, 'Size', [], 'Trail', 'line', 'Style', 'slides');
opt = gdf_parse_options('gd_plot', opt, args);
end

function lim = default_limits(prob, paths, starts)
pts = zeros(2, 0);
if isfield(prob, 'theta_star') && ~isempty(prob.theta_star)
  pts = [pts, prob.theta_star];
end
for i = 1:numel(paths)
  P = paths{i};
  if ~isempty(P)
    P = P(:, all(isfinite(P), 1));
    % a diverging path would blow the frame up: frame its first iterates
    P = P(:, 1:min(size(P, 2), 6));
    pts = [pts, P]; %#ok<AGROW>
  end
end
if ~isempty(starts)
  pts = [pts, starts];
end
if isempty(pts)
  pts = [-1 1; -1 1];
end
lo = min(pts, [], 2);
hi = max(pts, [], 2);
c = (lo + hi) / 2;
w = max(hi - lo) / 2 * 1.25 + 0.5;
lim = [c(1) - w, c(1) + w, c(2) - w, c(2) + w];
end

function h = landscape(ax, prob, paths, opt, h)
if ~isfield(prob, 'd') || ~isequal(prob.d, 2)
  error('gdflow:gd_plot:notTwoD', 'gd_plot: a landscape needs a 2-D problem.');
end
lim = opt.Limits;
if isempty(lim)
  lim = default_limits(prob, paths, opt.Streamlines);
  check_limits(lim, 'the frame around the paths (give Limits)');
end
st = style(opt.Style);
lw = opt.LineWidth;
if isempty(lw)
  lw = st.line;
end
n = 121;
[X, Y] = meshgrid(linspace(lim(1), lim(2), n), linspace(lim(3), lim(4), n));
F = reshape(gd_eval(prob, [X(:)'; Y(:)']), size(X));
if ~all(isfinite(F(:))) || ~isfinite(max(F(:)) - min(F(:)))
  error('gdflow:gd_plot:badLimits', ['gd_plot: f overflows on the frame [%g %g %g %g] (f is not finite, or ' ...
        'its range is); choose smaller Limits.'], lim);
end
axes(ax);
hold(ax, 'on');
levels = opt.Levels;
if isscalar(levels)
  % levels spaced evenly in sqrt(f - fmin): rings of a bowl look even
  fmin = min(F(:));
  fmax = max(F(:));
  levels = unique(fmin + (fmax - fmin) * linspace(0.02, 1, levels) .^ 2);
end
[~, h.contour] = contour(ax, X, Y, F, levels);
set(h.contour, 'linewidth', 1.5);
if opt.Field
  m = 17;
  [QX, QY] = meshgrid(linspace(lim(1), lim(2), m), linspace(lim(3), lim(4), m));
  [~, G] = gd_eval(prob, [QX(:)'; QY(:)']);
  G(~isfinite(G)) = 0;                         % a gradient that overflows: no arrow there
  U = -reshape(G(1, :), size(QX));
  V = -reshape(G(2, :), size(QX));
  s = sqrt(U .^ 2 + V .^ 2);
  s(s == 0) = 1;
  % unit arrows: the direction is the message, the length would hide it
  h.quiver = quiver(ax, QX, QY, U ./ s, V ./ s, 0.45, 'color', [0.6 0.6 0.6], 'linewidth', 1.5);
end
starts = opt.Streamlines;
h.streamlines = [];
if ~isempty(starts)
  T = opt.Horizon;
  for j = 1:size(starts, 2)
    P = streamline_points(prob, starts(:, j), T);
    h.streamlines(end + 1) = plot(ax, P(:, 1), P(:, 2), '-', 'color', [0 0 0], 'linewidth', lw + 0.3);
  end
end
colors = palette(numel(paths));
h.paths = [];
for i = 1:numel(paths)
  P = paths{i};
  if isempty(P)
    continue
  end
  P = P(:, all(isfinite(P), 1));
  % a path that ends outside the frame (diverging) is cut one iterate after
  % it first leaves it; one that comes back is drawn whole (and clipped)
  outside = P(1, :) < lim(1) | P(1, :) > lim(2) | P(2, :) < lim(3) | P(2, :) > lim(4);
  if outside(end)
    P = P(:, 1:find(outside, 1));
  end
  h.paths(end + 1) = plot(ax, P(1, :), P(2, :), '.-', 'color', colors(i, :), 'markersize', 4 * lw + 6, 'linewidth', lw);
end
if isfield(prob, 'theta_star') && ~isempty(prob.theta_star)
  plot(ax, prob.theta_star(1, :), prob.theta_star(2, :), 'kp', 'markersize', 16, 'markerfacecolor', [0.941 0.894 0.259], 'linewidth', 1.5);
end
axis(ax, lim);
xlabel(ax, '\theta_1');
ylabel(ax, '\theta_2');
keyh = 0;
if ~isempty(opt.Labels) && ~isempty(h.paths)
  n = min(numel(h.paths), numel(opt.Labels));   % fewer labels than paths: label the first ones
  % below the frame, in rows: it covers no path, and takes less of the box
  % than a column beside it
  lh = legend(h.paths(1:n), opt.Labels{1:n}, 'location', 'southoutside', 'orientation', 'horizontal');
  set(lh, 'fontsize', st.font);
  keyh = key_height(ax, opt.Labels(1:n), st.font);
end
frame_aspect(ax, lim, keyh);
h = finish_axes(h, ax, opt);
end

function P = streamline_points(prob, theta0, T)
t = [0, logspace(min(-3, log10(T) - 2), log10(T), 300)];
if strcmp(prob.type, 'quadratic')
  P = gf_exact(prob, theta0, t);
else
  [~, P] = gf_run(prob, theta0, t, 'RelTol', 1e-6, 'AbsTol', 1e-9);
end
end

function h = convergence(ax, prob, runs, opt, h)
% f - f* of each run beside its bound from gdf_theory, the module gd_compare
% prints from: h.bounds(i) is the bound of the i-th run with a history of f
% (all NaN, with the reason in the legend, when no theorem applies)
axes(ax);
P = gdf_theory_problem(prob, [], [], []);
st = style(opt.Style);
lw = opt.LineWidth;
if isempty(lw)
  lw = st.line;
end
colors = palette(numel(runs));
h.paths = [];
h.bounds = [];
labels = {};
e0s = [];
for i = 1:numel(runs)
  r = runs{i};
  if ~isstruct(r) || ~isfield(r, 'f')
    continue
  end
  fs = P.fstar;
  if ~isfinite(fs) && isfinite(r.f_star)
    fs = r.f_star;
    P.fstar = fs;
  end
  Pi = P;
  if ~isfinite(fs)
    fs = min(r.f) - eps(min(r.f));             % f* unknown: draw f - min f (no bound)
  end
  k = 0:numel(r.f) - 1;
  e = r.f - fs;
  e(~(e > 0)) = NaN;                           % exactly f*: off a log scale
  e0s(end + 1) = r.f(1) - fs; %#ok<AGROW>
  h.paths(end + 1) = semilogy(ax, k, e, '-', 'color', colors(i, :), 'linewidth', lw);
  hold(ax, 'on');
  lab = sprintf('step %s', step_label(r));
  if numel(opt.Labels) >= i
    lab = opt.Labels{i};
  end
  labels{end + 1} = lab; %#ok<AGROW>
  th = run_theory(Pi, r, fs);
  b = th.bound(:)';
  b(~(b > 0)) = NaN;
  h.bounds(end + 1) = semilogy(ax, k, b, '--', 'color', colors(i, :), 'linewidth', max(1.5, 0.6 * lw));
  if isempty(th.reason) || any(isfinite(b))
    labels{end + 1} = th.label; %#ok<AGROW>
  else
    labels{end + 1} = ['no bound: ' th.reason]; %#ok<AGROW>
  end
end
% the view: from the rounding floor of f - f* (1e-20 of the largest f_0 - f*)
% up; a bound far below it would stretch the log axis over 300 decades
y = [get(h.paths, 'YData'); get(h.bounds, 'YData')];
if iscell(y)
  y = [y{:}];
end
y = y(isfinite(y) & y > 0);
if ~isempty(y) && any(e0s > 0)
  lo = max(min(y), 1e-20 * max(e0s));
  hi = max(y);
  if hi > lo
    ylim(ax, [lo / 2, hi * 2]);
  end
end
xlabel(ax, 'iteration k');
ylabel(ax, 'f(\theta_k) - f^*');
grid(ax, 'on');
if ~isempty(labels)
  % outside the axes: a box inside covers the curve of a diverging run (and
  % gnuplot draws its key larger than the legend's position says)
  if strcmp(opt.Plot, 'both')
    lh = legend(ax, labels, 'location', 'southoutside');
  else
    lh = legend(ax, labels, 'location', 'eastoutside');
  end
  set(lh, 'fontsize', st.font);
end
h = finish_axes(h, ax, opt);
end

function th = run_theory(P, r, fs)
% the theory of one gd_run result: its method, step and momentum
P.e0 = r.f(1) - fs;
P.R2 = NaN;
if ~isempty(P.theta_star) && ~isempty(r.theta) && size(r.theta, 1) == numel(P.theta_star)
  P.R2 = sum((r.theta(:, 1) - P.theta_star) .^ 2);
end
step = NaN;
if isscalar(r.stepsize) && ~strcmp(r.steprule, 'backtracking')
  step = r.stepsize;
end
momentum = NaN;
if isfield(r, 'momentum')
  momentum = r.momentum;
end
method = 'gd';
if isfield(r, 'method')
  method = r.method;
end
th = gdf_theory(P, struct('method', method, 'step', step, 'momentum', momentum), 0:numel(r.f) - 1);
end

function check_limits(lim, what)
% A frame that a double grid and the axes can resolve, on which a problem's
% f does not overflow for ordinary sizes: |values| <= 1e150, spans finite
% and at least 1e-10 of the largest |value| (and 1e-150).
big = max(abs(lim));
dx = lim(2) - lim(1);
dy = lim(4) - lim(3);
if ~(big <= 1e150) || ~(dx > 0 && dy > 0 && isfinite(dx) && isfinite(dy))
  error('gdflow:gd_plot:badLimits', ['gd_plot: %s [%g %g %g %g]: the limits must be finite numbers of ' ...
        'magnitude at most 1e150, xmin < xmax, ymin < ymax.'], what, lim);
end
if min(dx, dy) < max(1e-10 * big, 1e-150)
  error('gdflow:gd_plot:badLimits', ['gd_plot: %s [%g %g %g %g]: a span of %g is too small for the ' ...
        'grid to resolve (at least 1e-10 of the largest |limit|, and 1e-150).'], what, lim, min(dx, dy));
end
end

function [H, top, why] = horizon(prob, H)
% The largest streamline horizon: 1e6/L when L is known (1e6 steps of 1/L:
% the integrator's work grows with T*L), 1e4 when it is not, and at most
% 1e3/mu when mu > 0 (exp(-2000) of the way is left).  The default is 20/mu
% (20 when mu is unknown or 0), within that limit.
mu = prob.mu;
L = prob.L;
top = 1e4;
why = 'L unknown';
if isnumeric(L) && isscalar(L) && isfinite(L) && L > 0
  top = max(1e6 / L, 20);
  why = '1e6/L';
end
T0 = 20;
if isnumeric(mu) && isscalar(mu) && isfinite(mu) && mu > 0
  T0 = 20 / mu;
  if 1e3 / mu < top
    top = 1e3 / mu;
    why = '1e3/mu';
  end
end
if isempty(H)
  H = min(T0, top);
end
end

function s = step_label(r)
if isscalar(r.stepsize)
  s = sprintf('%.3g (%s)', r.stepsize, r.steprule);
else
  s = r.steprule;
end
end

function ax = parent_axes(opt)
% The axes to draw in: Parent when given, else the current axes.
ax = opt.Parent;
if isempty(ax)
  ax = gca();
end
end

function h = finish_axes(h, ax, opt)
% the end of either panel: the Style's fonts, its title, hold released, its
% axes recorded
st = style(opt.Style);
set(ax, 'fontsize', st.font, 'linewidth', 1);
if ~isempty(opt.Title)
  title(ax, opt.Title, 'fontsize', round(1.1 * st.font));
end
hold(ax, 'off');
h.axes = ax;
end

function frame_aspect(ax, lim, keyh)
% One unit on both axes (the arrows then look perpendicular to the
% contours), through the plot box's aspect ratio rather than
% dataaspectratio: with gnuplot, a manual dataaspectratio leaves "set size
% ratio" behind for the next axes of a subplot figure, which then shrink to
% a sliver.  A very elongated frame gets a square box.  A key below the box
% is cut from the box by gnuplot: KEYH (pixels, estimated) is added to the
% box's height so that the rest keeps the data's aspect.
sx = lim(2) - lim(1);
sy = lim(4) - lim(3);
if max(sx, sy) > 4 * min(sx, sy)
  axis(ax, 'square');
  return
end
r = sy / sx;
gnuplot = false;
try
  gnuplot = strcmp(get(ancestor(ax, 'figure'), '__graphics_toolkit__'), 'gnuplot');
catch
  gnuplot = false;                             % MATLAB: the legend shrinks the axes itself
end
if gnuplot && keyh > 0
  u = get(ax, 'units');
  set(ax, 'units', 'pixels');
  pp = get(ax, 'position');
  set(ax, 'units', u);
  W = pp(3);
  H = pp(4);
  % the key goes first into the room the box leaves below it (a box that
  % fills the width); only what does not fit there is cut from the box
  if H > keyh && W * r > H - keyh
    r = max(r * H / (H - keyh), r);            % the box fills the height
  end
end
set(ax, 'plotboxaspectratio', [1, r, 1]);
end

function hk = key_height(ax, labels, font)
% the height in pixels of gnuplot's key of LABELS at FONT points in rows
% below the axes AX (measured: about 4 font sizes a row, and 3 for the gap), with as many
% entries a row as fit the axes' width; TeX commands count as one character
n = 0;
for i = 1:numel(labels)
  t = regexprep(labels{i}, '\\[a-zA-Z]+', 'x');
  t = regexprep(t, '[\^_{}]', '');
  n = max(n, numel(t));
end
u = get(ax, 'units');
set(ax, 'units', 'pixels');
pp = get(ax, 'position');
set(ax, 'units', u);
per_row = max(1, floor(pp(3) / ((0.55 * n + 4.5) * font)));
hk = (ceil(numel(labels) / per_row) * 4 + 3) * font;
end

function st = style(name)
% font size (points) and default line width of a Style
if strcmp(name, 'paper')
  st = struct('font', 14, 'line', 1.5);
else
  st = struct('font', 16, 'line', 2.5);
end
end

function c = palette(n)
% the first N colours of the Okabe-Ito palette (cycling), without its yellow
% (too pale on a projector): blue, vermillion, bluish green, reddish purple,
% sky blue, orange, black
oi = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; ...
      0.337 0.706 0.914; 0.902 0.624 0; 0 0 0];
c = oi(mod(0:max(n, 1) - 1, size(oi, 1)) + 1, :);
end

% Tests of gd_plot (Octave: test gd_plot; more in tests/m/test_gd_compare.m, test_trust_theory.m)

%!shared prob
%! prob = gd_testfun('ellipse', 10, pi / 6);

%!test
%! % a landscape: contours, the field, the GD path, a streamline; handles returned
%! [~, info] = gd_run(prob, [-3; 2], 'StepSize', '2/(L+mu)', 'History', 'full', 'MaxIter', 30);
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, info, 'Streamlines', [-3; 2], 'Horizon', 5);
%! assert (all(isfield(h, {'axes', 'contour', 'quiver', 'paths', 'streamlines'})));
%! assert (ishghandle(h.axes));
%! assert (numel(h.paths), 1);
%! x = get(h.paths(1), 'xdata');
%! assert (x(:), info.theta(1, :)', 0);

%!test
%! % the convergence plot draws each run's bound: rho^(2k) (f0 - f*) for GD on a quadratic
%! eta = 0.05;
%! [~, info] = gd_run(prob, [-3; 2], 'StepSize', eta, 'MaxIter', 20, 'GradTol', 0, 'History', 'full');
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, info, 'Plot', 'convergence');
%! assert (numel(h.bounds), 1);
%! q = max(abs(1 - eta * [prob.mu, prob.L])) ^ 2;
%! y = get(h.bounds(1), 'ydata');
%! assert (y(:), (info.f(1) - prob.f_star) * q .^ (0:20)', 1e-12 * info.f(1));
%! assert (all(info.f - prob.f_star <= y * (1 + 1e-12)));

%!error id=gdflow:gd_plot:notEnoughInputs gd_plot()
%!error id=gdflow:gd_plot:notTwoD gd_plot(gd_quadratic(eye(3)), {}, 'Plot', 'landscape')
%!error id=gdflow:gd_plot:badOption gd_plot(prob, {}, 'Plot', 'nope')
%!error id=gdflow:gd_plot:unknownOption gd_plot(prob, {}, 'Levl', 3)
%!error id=gdflow:gd_plot:badLimits gd_plot(prob, {}, 'Limits', [1 0 0 1])
