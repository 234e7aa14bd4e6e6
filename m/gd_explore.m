function h = gd_explore(prob, varargin)
%GD_EXPLORE  A live step-size explorer: sliders for eta (and kappa) redraw GD.
%   GD_EXPLORE(PROB) opens a figure for the 2-D problem PROB (known L > 0):
%   on the left the contours of f, the GD path from THETA0 and the gradient
%   flow from THETA0 up to the same time t = N*eta; on the right f - f*
%   against k (log scale) beside the theory's bound (GD_THEORY).  A slider
%   sets the step eta in units of 1/L (0.05 to 2.2: across the stability
%   limit 2/L); for the built-in bowl (GD_TESTFUN('ellipse', KAPPA, ANGLE))
%   a second slider sets the condition number kappa (1 to 100, or to the
%   bowl's own kappa when larger).  Moving a
%   slider reruns GD and redraws all three.  An unstable step (eta > 2/L)
%   shows the divergence message in the titles.
%   GD_EXPLORE() explores GD_TESTFUN('ellipse', 10, pi/6).
%   H = GD_EXPLORE(...) returns the handles: figure, axes (landscape,
%   convergence), eta_slider, kappa_slider ([] unless the bowl), path (the
%   GD path), flow, curve (f - f*), bound, message (the text under the
%   sliders); H.update(H.figure) redraws from the sliders' values (what the
%   sliders' callbacks call), and H.state(H.figure) returns the current
%   state: prob, theta0, eta, kappa, iterations, info (the gd_run result).
%
%   Options (name-value):
%     'Theta0'      the start (default theta* + [-3; 2], or [-3; 2])
%     'Eta'         the first step in units of 1/L (default 1)
%     'Iterations'  N, the number of GD steps drawn (default 40, at most 1e4)
%     'Visible'     'on' or 'off' (default 'on' with a display and a
%                   toolkit that draws sliders, Qt or MATLAB; else 'off':
%                   headless: the sliders' callbacks still work)
%
%   The path is exactly gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', N,
%   'GradTol', 0, 'DivergenceLimit', Inf, 'History', 'full') with eta = the
%   slider's value / L (a diverging path is drawn until it first leaves
%   the frame).  Works in Octave's Qt toolkit and in MATLAB (uicontrol).
%
%   Example:
%     h = gd_explore(gd_testfun('ellipse', 10, pi / 6), 'Visible', 'off');
%     set(h.eta_slider, 'Value', 2.1);            % what a user's drag does
%     h.update(h.figure);
%     disp(get(h.message, 'String'));
%     close(h.figure);
%
%   See also GD_RUN, GD_PLOT, GD_THEORY, GD_TESTFUN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1 || isempty(prob)
  prob = gd_testfun('ellipse', 10, pi / 6);
end
if ~isstruct(prob) || numel(prob) ~= 1 || ~all(isfield(prob, {'type', 'd', 'L', 'mu', 'f_star', 'theta_star'}))
  error('gdflow:gd_explore:badProblem', ['gd_explore: PROB must be a problem struct (gd_quadratic, ' ...
        'gd_testfun, ...).']);
end
if ~isequal(prob.d, 2)
  error('gdflow:gd_explore:notTwoD', 'gd_explore: PROB must be a 2-D problem (d = 2) to draw its landscape.');
end
if ~(isnumeric(prob.L) && isscalar(prob.L) && isfinite(prob.L) && prob.L > 0)
  error('gdflow:gd_explore:noL', ['gd_explore: PROB must know its smoothness constant L > 0 ' ...
        '(the slider sets eta in units of 1/L).']);
end
opt = struct('Theta0', [], 'Eta', 1, 'Iterations', 40, 'Visible', '');
opt = gdf_parse_options('gd_explore', opt, varargin);
opt = check_options(prob, opt);

bowl = isfield(prob, 'name') && strcmp(prob.name, 'ellipse') && isfield(prob, 'kappa');
S = struct('prob', prob, 'theta0', opt.Theta0, 'eta', opt.Eta / prob.L, 'kappa', NaN, ...
           'angle', NaN, 'iterations', opt.Iterations, 'info', [], 'bowl', bowl, 'limits', []);
if bowl
  S.kappa = prob.kappa;
  S.angle = bowl_angle(prob);
end
fig = figure('visible', opt.Visible, 'color', 'w', 'position', [50 50 1100 560], ...
             'name', 'gd_explore', 'numbertitle', 'off', 'defaultaxesfontsize', 14, ...
             'defaulttextfontsize', 14);
H = struct('figure', fig, 'axes', [], 'eta_slider', [], 'kappa_slider', [], 'path', [], ...
           'flow', [], 'curve', [], 'bound', [], 'message', [], 'contour', [], 'star', [], ...
           'titles', [], 'eta_text', [], 'kappa_text', [], 'update', @update, 'state', @state);
H.axes = [axes('parent', fig, 'position', [0.06 0.26 0.40 0.66]), ...
          axes('parent', fig, 'position', [0.57 0.26 0.40 0.66])];
ok = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451];   % Okabe-Ito blue, vermillion, green
hold(H.axes(1), 'on');
H.flow = plot(H.axes(1), NaN, NaN, '-', 'color', ok(3, :), 'linewidth', 2.5);
H.path = plot(H.axes(1), NaN, NaN, '.-', 'color', ok(1, :), 'linewidth', 2, 'markersize', 14);
H.star = plot(H.axes(1), NaN, NaN, 'kp', 'markersize', 14, 'markerfacecolor', [0.941 0.894 0.259]);
hold(H.axes(1), 'off');
xlabel(H.axes(1), '\theta_1');
ylabel(H.axes(1), '\theta_2');
H.curve = semilogy(H.axes(2), 0:1, [1 1], '.-', 'color', ok(1, :), 'linewidth', 2, 'markersize', 12);
hold(H.axes(2), 'on');
H.bound = semilogy(H.axes(2), 0:1, [1 1], '--', 'color', ok(2, :), 'linewidth', 2);
hold(H.axes(2), 'off');
grid(H.axes(2), 'on');
xlabel(H.axes(2), 'iteration k');
ylabel(H.axes(2), 'f(\theta_k) - f^*');
H.titles = [title(H.axes(1), ''), title(H.axes(2), '')];
cb = @(src, evt) update(fig);
uicontrol(fig, 'style', 'text', 'units', 'normalized', 'position', [0.02 0.08 0.14 0.05], ...
          'string', 'step eta (1/L)', 'backgroundcolor', 'w', 'fontsize', 12);
H.eta_slider = uicontrol(fig, 'style', 'slider', 'units', 'normalized', 'position', [0.17 0.09 0.30 0.04], ...
                         'min', 0.05, 'max', 2.2, 'value', opt.Eta, 'sliderstep', [0.01 0.1] / 2.15, ...
                         'callback', cb, 'tag', 'eta');
H.eta_text = uicontrol(fig, 'style', 'text', 'units', 'normalized', 'position', [0.48 0.08 0.10 0.05], ...
                       'string', '', 'backgroundcolor', 'w', 'fontsize', 12);
if bowl
  uicontrol(fig, 'style', 'text', 'units', 'normalized', 'position', [0.58 0.08 0.10 0.05], ...
            'string', 'kappa', 'backgroundcolor', 'w', 'fontsize', 12);
  H.kappa_slider = uicontrol(fig, 'style', 'slider', 'units', 'normalized', 'position', [0.68 0.09 0.20 0.04], ...
                             'min', 1, 'max', max(100, S.kappa), 'value', S.kappa, ...
                             'sliderstep', [1 10] / (max(100, S.kappa) - 1), 'callback', cb, 'tag', 'kappa');
  H.kappa_text = uicontrol(fig, 'style', 'text', 'units', 'normalized', 'position', [0.89 0.08 0.09 0.05], ...
                           'string', '', 'backgroundcolor', 'w', 'fontsize', 12);
end
H.message = uicontrol(fig, 'style', 'text', 'units', 'normalized', 'position', [0.02 0.005 0.96 0.06], ...
                      'string', '', 'backgroundcolor', 'w', 'fontsize', 12, 'horizontalalignment', 'left');
S.handles = H;
set(fig, 'userdata', S);
update(fig);
h = H;
end

function S = state(fig)
% the explorer's current state (its figure's UserData)
S = get(fig, 'userdata');
S = rmfield(S, 'handles');
end

function v = slider_value(h)
% a slider's value within its range (set programmatically it can be
% anything: NaN or -1 reached gd_run as a StepSize, its error, not ours)
v = get(h, 'value');
lo = get(h, 'min');
hi = get(h, 'max');
if ~(isnumeric(v) && isscalar(v) && isreal(v) && ~isnan(v))
  v = lo;
end
v = min(max(double(v), lo), hi);
set(h, 'value', v);
end

function update(fig)
% the sliders' callback: read eta (and kappa), rerun GD and the flow, redraw
S = get(fig, 'userdata');
H = S.handles;
etaL = slider_value(H.eta_slider);
if S.bowl
  kappa = slider_value(H.kappa_slider);
  if kappa ~= S.kappa
    S.prob = gd_testfun('ellipse', kappa, S.angle);
    S.kappa = kappa;
  end
end
prob = S.prob;
L = prob.L;
eta = etaL / L;
S.eta = eta;
N = S.iterations;
theta0 = S.theta0;
% the frame: around the start and the minimizer, fixed while eta moves
pts = theta0;
if ~isempty(prob.theta_star)
  pts = [pts, prob.theta_star(:, 1)];
end
c = (min(pts, [], 2) + max(pts, [], 2)) / 2;
w = max(max(pts, [], 2) - min(pts, [], 2)) / 2 * 1.3 + 0.5;
lim = [c(1) - w, c(1) + w, c(2) - w, c(2) + w];
S.limits = lim;
ws = warning('off', 'gdflow:diverged');
wc = onCleanup(@() warning(ws));
[~, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', N, 'GradTol', 0, ...
                   'DivergenceLimit', Inf, 'History', 'full');
S.info = info;
% the landscape: contours (redrawn: kappa may have changed), path, flow
ax = H.axes(1);
if ~isempty(H.contour) && all(ishghandle(H.contour))
  delete(H.contour);
end
n = 101;
[X, Y] = meshgrid(linspace(lim(1), lim(2), n), linspace(lim(3), lim(4), n));
F = reshape(gd_eval(prob, [X(:)'; Y(:)']), size(X));
fmin = min(F(:));
levels = unique(fmin + (max(F(:)) - fmin) * linspace(0.02, 1, 15) .^ 2);
hold(ax, 'on');
[~, H.contour] = contour(ax, X, Y, F, levels);
hold(ax, 'off');
P = info.theta;
P = P(:, all(isfinite(P), 1));
out = P(1, :) < lim(1) | P(1, :) > lim(2) | P(2, :) < lim(3) | P(2, :) > lim(4);
if any(out)
  P = P(:, 1:find(out, 1));                    % drawn until it first leaves the frame
end
set(H.path, 'XData', P(1, :), 'YData', P(2, :));
t = [0, logspace(-3, log10(max(N * eta, 2e-3)), 300)];
t = unique([t(t <= N * eta), N * eta]);
if strcmp(prob.type, 'quadratic')
  Q = gf_exact(prob, theta0, t);
else
  [~, Q] = gf_run(prob, theta0, t, 'RelTol', 1e-6, 'AbsTol', 1e-9);
end
set(H.flow, 'XData', Q(:, 1)', 'YData', Q(:, 2)');
if ~isempty(prob.theta_star)
  set(H.star, 'XData', prob.theta_star(1, :), 'YData', prob.theta_star(2, :));
end
axis(ax, lim);
axis(ax, 'square');
% the convergence panel: f - f* and the theory's bound
k = 0:numel(info.f) - 1;
fs = prob.f_star;
if ~isfinite(fs)
  fs = min(info.f) - eps(min(info.f));
end
e = info.f - fs;
e(~(e > 0) | ~isfinite(e)) = NaN;
set(H.curve, 'XData', k, 'YData', e);
th = gd_theory(prob, 'gd', eta, theta0, 0:N);
b = th.bound(:)';
b(~(b > 0)) = NaN;
set(H.bound, 'XData', 0:N, 'YData', b);
y = [e, b];
y = y(isfinite(y) & y > 0);
if ~isempty(y)
  lo = max(min(y), 1e-20 * max(y));
  hi = max(y);
  if hi > lo
    set(H.axes(2), 'ylim', [lo / 2, hi * 2]);
  end
end
set(H.axes(2), 'xlim', [0, max(N, 1)]);
% the words: the step in the titles, the verdict under the sliders
set(H.titles(1), 'string', sprintf('GD, \\eta = %.3g/L = %.3g, and the flow to t = N\\eta', etaL, eta));
if th.stable == 0 || info.exitflag == -2
  msg = sprintf(['eta = %.3g/L > 2/L: unstable, |1 - eta L| = %.3g > 1, GD diverges ' ...
                 '(f - f* grows like %.3g^k)'], etaL, abs(1 - etaL), th.rate);
  set(H.titles(2), 'string', sprintf('\\eta = %.3g/L: diverges', etaL));
else
  msg = sprintf('eta = %.3g/L: stable, f - f* contracts by %.3g per step (%s); after %d steps f - f* = %.3g', ...
                etaL, th.rate, th.kind, N, info.f(end) - fs);
  if ~isfinite(th.rate)
    msg = sprintf('eta = %.3g/L: %s; after %d steps f - f* = %.3g', etaL, th.reason, N, info.f(end) - fs);
  end
  set(H.titles(2), 'string', sprintf('\\eta = %.3g/L: f - f^* and the bound', etaL));
end
lab = th.label;
if ~any(isfinite(b))
  lab = ['no bound: ' th.reason];
end
legend(H.axes(2), [H.curve, H.bound], {'GD: f(\theta_k) - f^*', lab}, 'location', 'southwest');
set(H.message, 'string', msg);
set(H.eta_text, 'string', sprintf('%.3g', etaL));
if S.bowl
  set(H.kappa_text, 'string', sprintf('%.3g', S.kappa));
end
S.handles = H;
set(fig, 'userdata', S);
drawnow();
end

function a = bowl_angle(prob)
% the rotation of gd_testfun's ellipse: its stiff axis (eigenvalue kappa)
% is the rotated y axis [-sin(a); cos(a)]
[V, D] = eig(prob.A);
[~, i] = max(diag(D));
v = V(:, i);
a = atan2(-v(1), v(2));
end

function opt = check_options(prob, opt)
v = opt.Theta0;
if isempty(v)
  v = [-3; 2];
  if ~isempty(prob.theta_star)
    v = prob.theta_star(:, 1) + v;
  end
end
if ~(isnumeric(v) && isreal(v) && numel(v) == 2 && all(isfinite(v(:))) && all(abs(v(:)) <= 1e150))
  error('gdflow:gd_explore:badOption', 'gd_explore: Theta0 must be a finite 2-vector.');
end
opt.Theta0 = double(v(:));
v = opt.Eta;
if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 0.05 && v <= 2.2)
  error('gdflow:gd_explore:badOption', 'gd_explore: Eta must be the step in units of 1/L, 0.05 to 2.2.');
end
opt.Eta = double(v);
v = opt.Iterations;
if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 1 && v <= 1e4 && v == round(v))
  error('gdflow:gd_explore:badOption', 'gd_explore: Iterations must be a whole number, 1 to 10000.');
end
opt.Iterations = double(v);
v = opt.Visible;
if isempty(v)
  v = 'on';
  if exist('OCTAVE_VERSION', 'builtin')
    if isempty(getenv('DISPLAY')) || strcmp(graphics_toolkit(), 'gnuplot')
      v = 'off';
    end
  elseif ~usejava('jvm') || ~feature('ShowFigureWindows')
    v = 'off';
  end
end
if ~(ischar(v) && any(strcmpi(v, {'on', 'off'})))
  error('gdflow:gd_explore:badOption', 'gd_explore: Visible must be ''on'' or ''off''.');
end
opt.Visible = lower(v);
end
