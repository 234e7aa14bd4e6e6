function h = gd_sweep_plot(S, varargin)
%GD_SWEEP_PLOT  Heat map or rate curves of a GD_SWEEP, with the theory's stability boundary.
%   GD_SWEEP_PLOT(S) draws the sweep S of GD_SWEEP into the current figure:
%   a heat map over two axes, or the rates against one axis.
%   GD_SWEEP_PLOT(S, Name, Value, ...) with
%     Plot    'heatmap' (default for two or more axes) or 'curves' (default
%             for one axis): measured rate (markers) and theory rate (lines)
%             against the X axis, one colour per value of the other axis
%     Value   what the heat map shows: 'rate' (default; the measured rate,
%             clipped to [0, 1.2]: above 1 diverges) or 'gap' (log10 of
%             the final f - f*)
%     X, Y    the axis names for x and y (default: the step axis
%             (StepSize, StepSizeL or Step) as X if there is one, else the
%             first; Y the other)
%     Slice   {Name, Value, ...}: fix the other axes of a sweep with more
%             than two (e.g. {'Method', 'nesterov'})
%     Title   a title (default: the method and what is shown)
%   Over the heat map, when X is the step: the theory's stability limit
%   eta*L = 2 (GD), 2(1 + beta) (heavy ball), 2(1 + beta)/(1 + 2 beta)
%   (Nesterov), beta the momentum the runs used, drawn at eta = limit/L of
%   each row's problem (a vertical line for StepSizeL), and for GD the
%   optimal step eta = 2/(L + mu).  The colours are viridis; the lines the
%   Okabe-Ito palette; fonts 14 pt.
%   H is a struct of the graphics handles (image, boundary, optimal, lines).
%
%   Example:
%     maker = @(kappa) gd_testfun('ellipse', kappa);
%     S = gd_sweep(maker, [1; 1], 'Axes', {'kappa', [1 3 10 30 100], ...
%                  'StepSizeL', linspace(0.1, 2.5, 13)}, 'Fixed', {'MaxIter', 100, 'GradTol', 0}, ...
%                  'Backend', 'serial');
%     figure('visible', 'off');  gd_sweep_plot(S);  close(gcf);
%
%   See also GD_SWEEP, GD_PLOT.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~(isstruct(S) && isscalar(S) && all(isfield(S, {'axes', 'values', 'size', 'rate', 'theory', 'L', 'mu'})))
  error('gdflow:gd_sweep_plot:badSweep', 'gd_sweep_plot: S must be the result of gd_sweep.');
end
check_sweep(S);
if mod(numel(varargin), 2) ~= 0
  error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: options must be name-value pairs.');
end
o = struct('plot', '', 'value', 'rate', 'x', '', 'y', '', 'slice', {{}}, 'title', '');
for k = 1:2:numel(varargin)
  name = varargin{k};
  v = varargin{k + 1};
  if ~(ischar(name) && any(strcmpi(name, {'Plot', 'Value', 'X', 'Y', 'Slice', 'Title'})))
    error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: unknown option; expected Plot, Value, X, Y, Slice or Title.');
  end
  o.(lower(name)) = v;
end
if ~(isempty(o.plot) || (ischar(o.plot) && any(strcmpi(o.plot, {'heatmap', 'curves'}))))
  error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: Plot must be ''heatmap'' or ''curves''.');
end
if ~(ischar(o.value) && any(strcmpi(o.value, {'rate', 'gap'})))
  error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: Value must be ''rate'' or ''gap''.');
end
if ~(ischar(o.title) && size(o.title, 1) <= 1)
  error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: Title must be a string.');
end
if strcmpi(o.value, 'gap') && ~(isfield(S, 'gap') && isnumeric(S.gap) && numel(S.gap) == numel(S.rate))
  error('gdflow:gd_sweep_plot:badSweep', 'gd_sweep_plot: Value ''gap'' needs the field gap of gd_sweep''s result.');
end
if ~iscell(o.slice) || mod(numel(o.slice), 2) ~= 0
  error('gdflow:gd_sweep_plot:badOption', 'gd_sweep_plot: Slice must be a cell {Name, Value, ...}.');
end
na = numel(S.axes);
% ---- select the slice: every axis but X and Y fixed at one value
sel = repmat({':'}, 1, max(na, 2));
free = true(1, na);
method = fixed_of(S, 'Method', 'gd');
for k = 1:2:numel(o.slice)
  a = find(strcmpi(o.slice{k}, S.axes), 1);
  if isempty(a)
    error('gdflow:gd_sweep_plot:badSlice', 'gd_sweep_plot: Slice names ''%s'', which is not an axis of S.', o.slice{k});
  end
  [i, label] = index_of(S.values{a}, o.slice{k + 1});
  if isempty(i)
    error('gdflow:gd_sweep_plot:badSlice', 'gd_sweep_plot: Slice: %s is not a value of the axis %s.', label, S.axes{a});
  end
  sel{a} = i;
  free(a) = false;
  if strcmpi(S.axes{a}, 'Method')
    method = label;
  end
end
fa = find(free);
if isempty(o.plot)
  o.plot = 'curves';
  if numel(fa) >= 2
    o.plot = 'heatmap';
  end
end
steps = find(any(strcmpi(repmat(S.axes(fa)', 1, 3), repmat({'StepSize', 'StepSizeL', 'Step'}, numel(fa), 1)), 2));
if isempty(o.x)
  if ~isempty(steps)
    ix = fa(steps(1));
  else
    ix = fa(1);
  end
else
  ix = find(strcmpi(o.x, S.axes), 1);
end
rest = setdiff(fa, ix);
if isempty(o.y)
  iy = rest(1:min(1, numel(rest)));
else
  iy = find(strcmpi(o.y, S.axes), 1);
end
if isempty(ix) || (strcmpi(o.plot, 'heatmap') && isempty(iy)) || numel(setdiff(fa, [ix, iy])) > 0
  error('gdflow:gd_sweep_plot:badAxes', ['gd_sweep_plot: choose X (and Y for a heat map) among the axes of S, ' ...
        'and fix every other axis with Slice.']);
end
if iscell(S.values{ix})
  error('gdflow:gd_sweep_plot:badAxes', 'gd_sweep_plot: X must be a numeric axis.');
end
perm = [ix, iy, setdiff(1:max(na, 2), [ix, iy])];
pick = @(A) squeeze_to(permute(A(sel{:}), perm), numel(iy));
R = pick(S.rate);
T = pick(S.theory);
Lg = pick(S.L);
mug = pick(S.mu);
mom = pick(S.momentum);
xv = S.values{ix}(:)';
okabe = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; 0.337 0.706 0.914; ...
         0.902 0.624 0; 0.941 0.894 0.259; 0 0 0];
h = struct('image', [], 'boundary', [], 'optimal', [], 'lines', []);
xlog = is_log(xv);
xc = coord(xv, xlog);
isstep = any(strcmpi(S.axes{ix}, {'StepSize', 'StepSizeL', 'Step'}));
inL = strcmpi(S.axes{ix}, 'StepSizeL');
if strcmpi(o.plot, 'heatmap')
  yv = S.values{iy};
  if iscell(yv)
    ylog = false;
    yc = 1:numel(yv);
  else
    yv = yv(:)';
    ylog = is_log(yv);
    yc = coord(yv, ylog);
  end
  if strcmpi(o.value, 'rate')
    Z = min(max(R, 0), 1.2);
    clabel = 'measured rate of f - f^* (grey: > 1)';
    clim = [0 1.2];
  else
    Z = log10(max(pick(S.gap), realmin));
    clabel = 'log_{10} final f - f^*';
    clim = [min(Z(isfinite(Z))), max(Z(isfinite(Z)))];
    if isempty(clim) || clim(1) == clim(2)
      clim = [-1 1];
    end
  end
  % cells from midpoint to midpoint (the grid need not be uniform): pcolor
  % colours each cell by its lower-left corner, so pad Z by one row and column
  xe = edges(xc);
  ye = edges(yc);
  Zp = Z';
  Zp = [Zp, Zp(:, end)];
  Zp = [Zp; Zp(end, :)];
  h.image = pcolor(xe, ye, Zp);
  set(h.image, 'edgecolor', 'none');
  axis([xe(1), xe(end), ye(1), ye(end)]);
  if strcmpi(o.value, 'rate')
    colormap(gca, [viridis(50); repmat([0.6 0.6 0.6], 10, 1)]);   % grey: rate > 1, diverges
  else
    colormap(gca, viridis(64));
  end
  caxis(clim);
  cb = colorbar();
  ylabel(cb, clabel, 'fontsize', 14);
  hold on;
  if isstep && any(strcmpi(method, {'gd', 'heavyball', 'nesterov'}))
    beta = median_finite(mom, 2);              % the momentum of each row
    if strcmpi(method, 'gd')
      beta = zeros(size(beta));
    end
    amax = gdf_theory('stepmax', method, beta);
    Lr = median_finite(Lg, 2);
    mur = median_finite(mug, 2);
    if inL
      bx = amax;
      ox = 2 * Lr ./ (Lr + mur);
    else
      bx = amax ./ Lr;
      ox = 2 ./ (Lr + mur);
    end
    [by, bxs] = staircase(yc, coord(bx(:)', xlog));
    h.boundary = plot(bxs, by, '-', 'color', okabe(8, :), 'linewidth', 2.5);
    if strcmpi(method, 'gd')
      [oy, oxs] = staircase(yc, coord(ox(:)', xlog));
      h.optimal = plot(oxs, oy, '--', 'color', [1 1 1], 'linewidth', 2);
    end
  end
  set_ticks('y', yv, yc, ylog);
  ylabel(label_of(S.axes{iy}), 'fontsize', 14);
else
  Rm = R;
  Tm = T;
  if isvector(Rm)
    Rm = Rm(:);
    Tm = Tm(:);
  end
  nl = size(Rm, 2);
  h.lines = zeros(1, 2 * nl);
  for j = 1:nl
    c = okabe(1 + mod(j - 1, 8), :);
    h.lines(2 * j - 1) = semilogy(xc, Tm(:, j), '-', 'color', c, 'linewidth', 2);
    hold on;
    h.lines(2 * j) = semilogy(xc, Rm(:, j), 'o', 'color', c, 'markersize', 7, 'linewidth', 1.5);
  end
  plot(xc([1 end]), [1 1], 'k:', 'linewidth', 1.5);
  ylabel('rate of f - f^* (lines: theory, o: measured)', 'fontsize', 14);
  if ~isempty(iy)
    yv = S.values{iy};
    lab = cell(1, nl);
    for j = 1:nl
      if iscell(yv)
        lab{j} = sprintf('%s', yv{j});
      else
        lab{j} = sprintf('%s = %g', S.axes{iy}, yv(j));
      end
    end
    legend(h.lines(1:2:end), lab, 'location', 'southwest');
  end
end
set_ticks('x', xv, xc, xlog);
xlabel(label_of(S.axes{ix}), 'fontsize', 14);
if isempty(o.title)
  o.title = sprintf('%s: measured %s', method, lower(o.value));
  if strcmpi(o.plot, 'heatmap') && isstep
    o.title = [o.title, ' (black: theory''s limit)'];
  end
end
title(o.title, 'fontsize', 14);
set(gca, 'fontsize', 14, 'linewidth', 1.5);
hold off;
end

function check_sweep(S)
% the fields the plot reads, consistent with each other (an S edited by hand
% -- axes {}, values {}, rate [] -- failed inside the indexing, no identifier)
ok = iscell(S.axes) && ~isempty(S.axes) && all(cellfun(@(a) ischar(a) && size(a, 1) == 1, S.axes)) && ...
     iscell(S.values) && numel(S.values) == numel(S.axes) && ...
     all(cellfun(@(v) (isnumeric(v) || iscell(v)) && ~isempty(v), S.values)) && ...
     isnumeric(S.size) && isreal(S.size) && all(S.size >= 1) && all(S.size == round(S.size));
if ok
  n = prod(S.size);
  ok = n == prod(cellfun(@numel, S.values));
  for f = {'rate', 'theory', 'L', 'mu'}
    ok = ok && isnumeric(S.(f{1})) && isreal(S.(f{1})) && numel(S.(f{1})) == n;
  end
end
if ~ok
  error('gdflow:gd_sweep_plot:badSweep', ['gd_sweep_plot: S must be the result of gd_sweep (axes, values, size ' ...
        'and the rate, theory, L, mu arrays of the grid''s size, consistent with each other).']);
end
end

function v = fixed_of(S, name, def)
v = def;
if isfield(S, 'fixed')
  i = find(strcmpi(S.fixed(1:2:end), name), 1);
  if ~isempty(i)
    v = S.fixed{2 * i};
  end
end
end

function [i, label] = index_of(vals, x)
i = [];
if iscell(vals)
  label = x;
  if ischar(x)
    i = find(strcmp(vals, x), 1);
  elseif isnumeric(x) && isscalar(x) && x >= 1 && x <= numel(vals)
    i = x;
    label = vals{x};
  end
else
  label = num2str(x);
  if isnumeric(x) && isscalar(x)
    i = find(vals == x, 1);
  end
end
if ~ischar(label)
  label = '?';
end
end

function A = squeeze_to(A, ny)
sz = size(A);
if ny == 0
  A = A(:);
else
  A = reshape(A, sz(1), sz(2));
end
end

function t = is_log(v)
t = all(v > 0) && numel(v) > 2 && max(v) / min(v) > 20;
end

function c = coord(v, lg)
if lg
  c = log10(v);
else
  c = v;
end
end

function m = median_finite(A, ~)
% one value per column (a row of the heat map): the median of its finite entries
m = NaN(size(A, 2), 1);
for j = 1:numel(m)
  r = A(:, j);
  r = r(isfinite(r));
  if ~isempty(r)
    m(j) = median(r);
  end
end
end

function e = edges(c)
c = c(:)';
if numel(c) == 1
  e = c + [-0.5 0.5];
  return
end
e = [c(1) - (c(2) - c(1)) / 2, (c(1:end - 1) + c(2:end)) / 2, c(end) + (c(end) - c(end - 1)) / 2];
end

function [y, x] = staircase(yc, xb)
% the boundary of each row (cell from midpoint to midpoint) as a step line
yc = yc(:)';
xb = xb(:)';
if numel(yc) == 1
  y = yc + [-0.5 0.5];
  x = [xb xb];
  return
end
e = [yc(1) - (yc(2) - yc(1)) / 2, (yc(1:end - 1) + yc(2:end)) / 2, yc(end) + (yc(end) - yc(end - 1)) / 2];
y = reshape([e(1:end - 1); e(2:end)], 1, []);
x = reshape([xb; xb], 1, []);
end

function set_ticks(ax, v, c, lg)
if iscell(v)
  lab = v;
  for j = 1:numel(lab)
    if ~ischar(lab{j})
      lab{j} = sprintf('#%d', j);
    end
  end
  set(gca, [ax, 'tick'], c, [ax, 'ticklabel'], lab);
elseif lg
  k = ceil(min(c)):floor(max(c));
  if numel(k) < 2
    lab = cell(1, numel(v));
    for j = 1:numel(v)
      lab{j} = sprintf('%g', v(j));
    end
    set(gca, [ax, 'tick'], c, [ax, 'ticklabel'], lab);
    return
  end
  lab = cell(1, numel(k));
  for j = 1:numel(k)
    lab{j} = sprintf('10^{%d}', k(j));
  end
  set(gca, [ax, 'tick'], k, [ax, 'ticklabel'], lab);
end
end

function s = label_of(name)
switch lower(name)
  case 'stepsizel'
    s = '\eta L (step size times L)';
  case 'stepsize'
    s = 'step size \eta';
  case 'kappa'
    s = '\kappa = L/\mu';
  otherwise
    s = name;
end
end
