function out = gdf_animate_plot(h, kind, prob, runs, opt)
%GDF_ANIMATE_PLOT  gd_plot's 'Animate': the drawn plot as a GIF, iterate by iterate.
%   OUT = GDF_ANIMATE_PLOT(H, KIND, PROB, RUNS, OPT) takes the plot gd_plot
%   has just drawn (handles H, KIND 'landscape', 'convergence' or 'both')
%   and writes OPT.Animate: frame j shows the iterates 0..k_j of every GD
%   path with a large marker on iterate k_j, and every streamline (the
%   gradient flow) traced up to the same time t = k_j * eta, with a marker
%   there; in a convergence panel the curves grow up to k = k_j.  k_j =
%   round(linspace(0, K, Frames)), K the longest path.  ETA is the step size
%   of the first run with a constant one (else 1/L, else 1).  The figure is
%   resized to OPT.Size and left showing the whole plot.  OUT: file, frames,
%   delay, size, map, bytes (gdf_animate_write) and k (the k_j).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~iscell(runs)
  runs = {runs};
end
eta = NaN;
for i = 1:numel(runs)
  r = runs{i};
  if isstruct(r) && isscalar(r.stepsize) && isfinite(r.stepsize) && r.stepsize > 0 && ...
     ~(isfield(r, 'steprule') && strcmp(r.steprule, 'backtracking'))
    eta = r.stepsize;
    break
  end
end
if ~isfinite(eta)
  eta = 1;
  if isnumeric(prob.L) && isscalar(prob.L) && isfinite(prob.L) && prob.L > 0
    eta = 1 / prob.L;
  end
end
% the animated lines: {handle, time of each point (in iterations), marker:
% 0 none, 1 a filled disc (an iterate), 2 a ring (the flow's point)}
items = {};
switch kind
  case 'landscape'
    land = h.axes(1);
    conv = [];
  case 'convergence'
    land = [];
    conv = h.axes(1);
  otherwise
    land = h.axes(1);
    conv = h.axes(2);
end
if ~isempty(land)
  for i = 1:numel(h.paths)
    n = numel(get(h.paths(i), 'XData'));
    items(end + 1, :) = {h.paths(i), 0:n - 1, 1}; %#ok<AGROW>
  end
  K = max_k(items);                            % the paths set the length
  if K == 0
    K = 100;                                   % streamlines alone: 100 steps of eta
  end
  for i = 1:numel(h.streamlines)
    [P, t] = flow_points(prob, h.streamlines(i), opt.Horizon, eta, K);
    set(h.streamlines(i), 'XData', P(:, 1)', 'YData', P(:, 2)');
    items(end + 1, :) = {h.streamlines(i), t / eta, 2}; %#ok<AGROW>
  end
end
if ~isempty(conv)
  lines = findobj(conv, 'type', 'line');
  for i = 1:numel(lines)
    x = get(lines(i), 'XData');
    % the runs' curves (solid) get a marker, their bounds (dashed) do not
    items(end + 1, :) = {lines(i), x, double(strcmp(get(lines(i), 'LineStyle'), '-'))}; %#ok<AGROW>
  end
end
if isempty(land)
  K = max_k(items);
end
nF = opt.Frames;
if isempty(nF)
  nF = min(K + 1, 60);
end
kj = round(linspace(0, K, nF));
fig = ancestor(h.axes(1), 'figure');
sz = opt.Size;
if isempty(sz)
  sz = [640 480];
  if strcmp(kind, 'both')
    sz = [1000 450];
  end
end
pos = get(fig, 'position');
set(fig, 'position', [pos(1:2), sz]);
% freeze the axes: the frame must not rescale as the curves grow
for a = h.axes(:)'
  axis(a, 'manual');
  set(a, 'xlimmode', 'manual', 'ylimmode', 'manual');
end
full = cell(size(items, 1), 2);
marks = cell(1, size(items, 1));              % (a cell: graphics objects in MATLAB)
for i = 1:size(items, 1)
  li = items{i, 1};
  full{i, 1} = get(li, 'XData');
  full{i, 2} = get(li, 'YData');
  if items{i, 3} > 0
    a = ancestor(li, 'axes');
    hold(a, 'on');
    if items{i, 3} == 2
      % the flow's point: a ring, so that an iterate under it stays visible
      marks{i} = plot(a, NaN, NaN, 'o', 'markersize', 20, 'markerfacecolor', 'none', ...
                      'markeredgecolor', get(li, 'color'), 'linewidth', 3);
    else
      marks{i} = plot(a, NaN, NaN, 'o', 'markersize', 15, 'markerfacecolor', get(li, 'color'), ...
                      'markeredgecolor', 'k', 'linewidth', 1, 'color', get(li, 'color'));
    end
    hold(a, 'off');
  end
end
titles = cell(size(h.axes));
for a = 1:numel(h.axes)
  titles{a} = get(get(h.axes(a), 'title'), 'string');
end
S = struct('items', {items}, 'full', {full}, 'marks', {marks}, 'kj', kj, 'eta', eta, 'axes', h.axes, 'titles', {titles}, ...
           'flow', ~isempty(land) && ~isempty(h.streamlines));
out = gdf_animate_write(fig, opt.Animate, nF, opt.Delay, @(j) frame(j, S));
out.k = kj;
out.eta = eta;
% leave the whole plot on the figure, without the frame markers
for i = 1:size(items, 1)
  set(items{i, 1}, 'XData', full{i, 1}, 'YData', full{i, 2});
end
for i = 1:numel(marks)
  if ~isempty(marks{i})
    delete(marks{i});
  end
end
for a = 1:numel(h.axes)
  title(h.axes(a), titles{a});
end
end

function K = max_k(items)
K = 0;
for i = 1:size(items, 1)
  t = items{i, 2};
  t = t(isfinite(t));
  if ~isempty(t)
    K = max(K, max(t));
  end
end
K = round(K);
end

function [P, t] = flow_points(prob, line, T, eta, K)
% the streamline again, through the times k*eta as well (its point at the
% time of iterate k is a point of the flow, not an interpolation)
x = get(line, 'XData');
y = get(line, 'YData');
theta0 = [x(1); y(1)];
t = [0, logspace(min(-3, log10(T) - 2), log10(T), 300), (0:K) * eta];
t = unique(t(t <= T));
if strcmp(prob.type, 'quadratic')
  P = gf_exact(prob, theta0, t);
else
  [~, P] = gf_run(prob, theta0, t, 'RelTol', 1e-6, 'AbsTol', 1e-9);
end
end

function frame(j, S)
  k = S.kj(j);
  for ii = 1:size(S.items, 1)
    keep = S.items{ii, 2} <= k + 1e-9;
    x = S.full{ii, 1};
    y = S.full{ii, 2};
    set(S.items{ii, 1}, 'XData', x(keep), 'YData', y(keep));
    if ~isempty(S.marks{ii})
      last = find(keep, 1, 'last');
      if isempty(last) || ~isfinite(y(last))
        set(S.marks{ii}, 'XData', NaN, 'YData', NaN);
      else
        set(S.marks{ii}, 'XData', x(last), 'YData', y(last));
      end
    end
  end
  for aa = 1:numel(S.axes)
    t = S.titles{aa};
    if iscell(t)
      t = sprintf('%s ', t{:});
    end
    what = sprintf('k = %d', k);
    if S.flow
      what = sprintf('k = %d,  t = k\\eta = %.3g', k, k * S.eta);
    end
    if isempty(t) || aa > 1
      title(S.axes(aa), what);
    else
      title(S.axes(aa), sprintf('%s   (%s)', t, what));
    end
  end
end
