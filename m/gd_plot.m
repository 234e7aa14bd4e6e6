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
%                    bound), or 'both' (two subplots)
%     'Limits'       [xmin xmax ymin ymax] of the landscape (default: around the
%                    paths and the minimizer)
%     'Levels'       number of contour levels (default 25) or a vector of levels
%     'Field'        true (default) to draw the field -grad f
%     'Streamlines'  2-by-m starting points of gradient-flow trajectories, drawn
%                    as smooth curves (GF_EXACT for quadratics, GF_RUN rk45
%                    otherwise); [] for none
%     'Horizon'      time span of the streamlines (default 20/mu or 20)
%     'Labels'       cell array of legend labels for RUNS
%     'Title'        a title string
%     'LineWidth'    width of the GD paths and streamlines (default 1.2 and
%                    1.5); larger values read better on a projector
%     'Parent'       axes to draw into (default: the current axes)
%
%   H is a struct of graphics handles: axes, contour, quiver, paths,
%   streamlines, bounds.  Works headless: figure('visible', 'off') and print.
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
  error('gdflow:gd_plot:badOption', 'gd_plot: Limits must be [xmin xmax ymin ymax] (finite, xmin < xmax, ymin < ymax).');
end
opt.Limits = double(v);
v = opt.Levels;
if ~(isnumeric(v) && isreal(v) && ~issparse(v) && isvector(v) && all(isfinite(v)) && numel(v) <= 1000 && ...
     (~isscalar(v) || (v >= 1 && v <= 1000 && v == round(v))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Levels must be a number of levels (1 to 1000) or a vector of levels.');
end
opt.Levels = double(v);
v = opt.Field;
if ~((islogical(v) || isnumeric(v)) && isscalar(v) && isreal(v) && ~isnan(v))
  error('gdflow:gd_plot:badOption', 'gd_plot: Field must be true or false.');
end
v = opt.Streamlines;
if ~(isnumeric(v) && (isempty(v) || (isreal(v) && ~issparse(v) && ndims(v) == 2 && size(v, 1) == 2 && ...
                                      size(v, 2) <= 1000 && all(isfinite(v(:))))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Streamlines must be a 2-by-m matrix of finite starting points (m <= 1000).');
end
opt.Streamlines = double(v);
names = {'Horizon', 'LineWidth'};
for i = 1:numel(names)
  v = opt.(names{i});
  if ~(isnumeric(v) && (isempty(v) || (isreal(v) && isscalar(v) && v > 0 && isfinite(v))))
    error('gdflow:gd_plot:badOption', 'gd_plot: %s must be a positive finite number.', names{i});
  end
  opt.(names{i}) = double(v);
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
             'Horizon', [], 'Labels', {{}}, 'Title', '', 'Parent', [], 'LineWidth', []);
names = fieldnames(opt);
if mod(numel(args), 2) ~= 0
  error('gdflow:gd_plot:badOption', 'gd_plot: options must be name-value pairs.');
end
for i = 1:2:numel(args)
  k = [];
  if ischar(args{i}) && size(args{i}, 1) == 1
    k = find(strcmpi(args{i}, names));
  end
  if isempty(k)
    if ischar(args{i}) && size(args{i}, 1) == 1
      given = ['''' args{i} ''''];
    else
      given = ['of class ' class(args{i})];   % num2str fails on cells and structs
    end
    error('gdflow:gd_plot:unknownOption', 'gd_plot: unknown option %s; valid: %s.', ...
          given, strjoin(names', ', '));
  end
  opt.(names{k}) = args{i + 1};
end
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
end
lw = opt.LineWidth;
if isempty(lw)
  lw = 1.2;
end
n = 121;
[X, Y] = meshgrid(linspace(lim(1), lim(2), n), linspace(lim(3), lim(4), n));
F = reshape(gd_eval(prob, [X(:)'; Y(:)']), size(X));
axes(ax);
hold(ax, 'on');
levels = opt.Levels;
if isscalar(levels)
  % levels spaced evenly in sqrt(f - fmin): rings of a bowl look even
  fmin = min(F(:));
  fmax = max(F(:));
  levels = fmin + (fmax - fmin) * linspace(0.02, 1, levels) .^ 2;
end
[~, h.contour] = contour(ax, X, Y, F, levels);
if opt.Field
  m = 17;
  [QX, QY] = meshgrid(linspace(lim(1), lim(2), m), linspace(lim(3), lim(4), m));
  [~, G] = gd_eval(prob, [QX(:)'; QY(:)']);
  U = -reshape(G(1, :), size(QX));
  V = -reshape(G(2, :), size(QX));
  s = sqrt(U .^ 2 + V .^ 2);
  s(s == 0) = 1;
  % unit arrows: the direction is the message, the length would hide it
  h.quiver = quiver(ax, QX, QY, U ./ s, V ./ s, 0.45, 'color', [0.55 0.55 0.55]);
end
starts = opt.Streamlines;
h.streamlines = [];
if ~isempty(starts)
  T = opt.Horizon;
  if isempty(T)
    if isfinite(prob.mu) && prob.mu > 0
      T = 20 / prob.mu;
    else
      T = 20;
    end
  end
  for j = 1:size(starts, 2)
    P = streamline_points(prob, starts(:, j), T);
    h.streamlines(end + 1) = plot(ax, P(:, 1), P(:, 2), '-', 'color', [0.1 0.55 0.2], 'linewidth', lw + 0.3);
  end
end
colors = lines(max(numel(paths), 1));
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
  h.paths(end + 1) = plot(ax, P(1, :), P(2, :), '.-', 'color', colors(i, :), 'markersize', 10, 'linewidth', lw);
end
if isfield(prob, 'theta_star') && ~isempty(prob.theta_star)
  plot(ax, prob.theta_star(1, :), prob.theta_star(2, :), 'kp', 'markersize', 12, 'markerfacecolor', 'y');
end
axis(ax, lim);
axis(ax, 'square');
xlabel(ax, '\theta_1');
ylabel(ax, '\theta_2');
if ~isempty(opt.Labels) && ~isempty(h.paths)
  n = min(numel(h.paths), numel(opt.Labels));   % fewer labels than paths: label the first ones
  legend(h.paths(1:n), opt.Labels{1:n}, 'location', 'northeastoutside');
end
if ~isempty(opt.Title)
  title(ax, opt.Title);
end
hold(ax, 'off');
h.axes = ax;
end

function P = streamline_points(prob, theta0, T)
t = [0, logspace(-3, log10(T), 300)];
if strcmp(prob.type, 'quadratic')
  P = gf_exact(prob, theta0, t);
else
  [~, P] = gf_run(prob, theta0, t, 'RelTol', 1e-6, 'AbsTol', 1e-9);
end
end

function h = convergence(ax, prob, runs, opt, h)
axes(ax);
fstar = prob.f_star;
colors = lines(max(numel(runs), 1));
h.paths = [];
h.bounds = [];
labels = {};
for i = 1:numel(runs)
  r = runs{i};
  if ~isstruct(r) || ~isfield(r, 'f')
    continue
  end
  fs = fstar;
  if ~isfinite(fs)
    fs = r.f_star;
  end
  if ~isfinite(fs)
    fs = min(r.f) - eps(min(r.f));
  end
  k = 0:numel(r.f) - 1;
  e = max(r.f - fs, realmin);
  h.paths(end + 1) = semilogy(ax, k, e, '-', 'color', colors(i, :), 'linewidth', 1.5);
  hold(ax, 'on');
  lab = sprintf('step %s', step_label(r));
  if numel(opt.Labels) >= i
    lab = opt.Labels{i};
  end
  labels{end + 1} = lab; %#ok<AGROW>
  if isscalar(r.stepsize)
    L = first_finite(prob.L, r.L);
    mu = first_finite(prob.mu, r.mu);
    [q, kind] = gdf_rate(L, mu, r.stepsize, strcmp(prob.type, 'quadratic'));
    if strcmp(kind, 'linear') || strcmp(kind, 'unstable')
      b = (r.f(1) - fs) * q .^ k;
      h.bounds(end + 1) = semilogy(ax, k, max(b, realmin), '--', 'color', colors(i, :));
      if strcmp(kind, 'linear')
        labels{end + 1} = sprintf('bound %.4g^k', q); %#ok<AGROW>
      else
        labels{end + 1} = sprintf('growth |1-\\eta L|^{2k} = %.4g^k', q); %#ok<AGROW>
      end
    elseif strcmp(kind, 'sublinear') && isfield(prob, 'theta_star') && ~isempty(prob.theta_star) && size(r.theta, 2) == numel(k)
      R2 = sum((r.theta(:, 1) - prob.theta_star(:, 1)) .^ 2);
      b = L * R2 ./ (2 * max(k, 1));
      h.bounds(end + 1) = semilogy(ax, k, b, '--', 'color', colors(i, :));
      labels{end + 1} = 'bound L||\theta_0-\theta^*||^2/(2k)'; %#ok<AGROW>
    end
  end
end
xlabel(ax, 'iteration k');
ylabel(ax, 'f(\theta_k) - f^*');
grid(ax, 'on');
if ~isempty(labels)
  legend(ax, labels, 'location', 'northeast');
end
if ~isempty(opt.Title)
  title(ax, opt.Title);
end
hold(ax, 'off');
h.axes = ax;
end

function v = first_finite(a, b)
v = a;
if ~(isfinite(v))
  v = b;
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
