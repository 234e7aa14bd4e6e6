%MAKE_ANIMATIONS  Four GIF animations for the lecture room.
%   Writes four GIFs with gd_plot(..., 'Animate', file) into docs/animations/
%   (in an installed package: ./animations; set GDF_ANIMDIR to write them
%   elsewhere, GDF_QUICK = true for two frames each).  Each frame is drawn
%   headless and printed; the GIFs loop forever.
%
%   gd_vs_flow.gif    GD iterates appearing step by step beside the gradient
%                     flow traced in the same time t = k*eta
%   three_steps.gif   three step sizes side by side (small, optimal
%                     2/(L+mu), unstable > 2/L): landscape and f - f* live
%   nesterov_ode.gif  Nesterov's method beside the Su-Boyd-Candes ODE
%                     theta'' + (3/t) theta' + grad f = 0 at t = k*sqrt(s)
%   langevin.gif      a Langevin chain filling the Gibbs density exp(-f/T)/Z
%
%   Run:  make animations     or, in Octave/MATLAB:  cd demos; make_animations

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
if exist(fullfile(here, '..', 'm'), 'dir')
  addpath(fullfile(here, '..', 'm'));
end
if ~exist('GDF_QUICK', 'var')
  GDF_QUICK = false;
end
if ~exist('GDF_ANIMDIR', 'var') || isempty(GDF_ANIMDIR)
  GDF_ANIMDIR = fullfile(fileparts(here), 'docs', 'animations');   % the source tree
  if ~exist(fullfile(fileparts(here), 'docs'), 'dir')
    GDF_ANIMDIR = fullfile(pwd(), 'animations');                    % an installed package
  end
end
if ~exist(GDF_ANIMDIR, 'dir')
  mkdir(GDF_ANIMDIR);
end
nframes = 60;
if GDF_QUICK
  nframes = 2;
end
anim_files = {};

%% 1. GD beside the gradient flow, in the same time t = k*eta
% Claim: GD with step eta is forward Euler on the gradient flow
% theta' = -grad f(theta); iterate k sits near the flow at time t = k*eta,
% closer the smaller eta.  Look at the two markers: they move together
% along the same curve, GD cutting the corners of the flow.
prob = gd_testfun('ellipse', 10, pi / 6);
theta0 = [-3; 2];
eta = 0.4 / prob.L;
[~, info] = gd_run(prob, theta0, 'StepSize', eta, 'History', 'full', 'MaxIter', 40, 'GradTol', 0);
% Each figure is opened at its frame size (sz, also passed as 'Size'):
% gd_plot sizes a landscape's box when it draws (one unit on both axes,
% room for the legend below), so a figure resized only afterwards, by
% 'Size', had stretched landscapes and, in three_steps, legends over each
% other.
sz = [640 480];
fig = figure('visible', 'off', 'position', [0 0 sz], 'color', 'w', 'defaultaxesfontsize', 14, 'defaulttextfontsize', 14);
file = fullfile(GDF_ANIMDIR, 'gd_vs_flow.gif');
h = gd_plot(prob, info, 'Streamlines', theta0, 'Field', false, 'Levels', 15, 'LineWidth', 2, ...
            'Limits', [-3.5 1.5 -1.5 2.5], 'Title', sprintf('GD, \\eta = %.2g/L, and the flow', eta * prob.L), ...
            'Animate', file, 'Frames', min(nframes, 41), 'Delay', 0.15, 'Size', sz);
close(fig);
anim_files{end + 1} = file;

%% 2. Three step sizes: small, optimal 2/(L+mu), unstable > 2/L
% Claim: on a quadratic GD converges iff eta < 2/L, fastest at
% eta = 2/(L+mu) (rate (kappa-1)/(kappa+1)); above 2/L the stiff direction
% is amplified by |1 - eta*L| > 1 each step.  Look at the right panel: the
% unstable curve turns upwards while the others fall.
prob = gd_testfun('ellipse', 5, pi / 6);
theta0 = [-2.5; 1.5];
steps = [0.3 / prob.L, 2 / (prob.L + prob.mu), 2.15 / prob.L];
runs = cell(1, 3);
for i = 1:3
  [~, runs{i}] = gd_run(prob, theta0, 'StepSize', steps(i), 'History', 'full', 'MaxIter', 30, ...
                        'GradTol', 0, 'DivergenceLimit', Inf);
end
sz = [1200 820];
fig = figure('visible', 'off', 'position', [0 0 sz], 'color', 'w', 'defaultaxesfontsize', 14, 'defaulttextfontsize', 14);
file = fullfile(GDF_ANIMDIR, 'three_steps.gif');
h = gd_plot(prob, runs, 'Plot', 'both', 'Field', false, 'Levels', 12, 'LineWidth', 2, ...
            'Limits', [-3 3 -3 3], 'Labels', {sprintf('\\eta = %.2f/L', steps(1) * prob.L), ...
            '\eta = 2/(L+\mu)', sprintf('\\eta = %.2f/L', steps(3) * prob.L)}, ...
            'Animate', file, 'Frames', min(nframes, 31), 'Delay', 0.2, 'Size', sz);
close(fig);
anim_files{end + 1} = file;

%% 3. Nesterov's method beside the Su-Boyd-Candes ODE
% Claim (Su, Boyd, Candes 2016): Nesterov's iterates with step s and
% momentum (k-1)/(k+2) follow theta'' + (3/t) theta' + grad f(theta) = 0 at
% the times t = k*sqrt(s).  Look at the overshoot and the spiral: the
% iterates and the ODE turn together.
prob = gd_testfun('ellipse', 20, pi / 5);
theta0 = [-2.5; 1.5];
s = 0.05 / prob.L;
K = 80;
[~, nes] = gd_run(prob, theta0, 'Method', 'nesterov', 'Momentum', 'schedule', 'StepSize', s, ...
                  'History', 'full', 'MaxIter', K, 'GradTol', 0);
[~, ode] = gf_run(prob, theta0, (0:K) * sqrt(s), 'Method', 'nesterov', 'RelTol', 1e-8, 'AbsTol', 1e-10);
sz = [720 760];
fig = figure('visible', 'off', 'position', [0 0 sz], 'color', 'w', 'defaultaxesfontsize', 14, 'defaulttextfontsize', 14);
file = fullfile(GDF_ANIMDIR, 'nesterov_ode.gif');
h = gd_plot(prob, {ode', nes}, 'Field', false, 'Levels', 15, 'LineWidth', 2, 'Limits', [-3 2 -2.5 2.5], ...
            'Labels', {'ODE at t = k sqrt(s)', 'Nesterov, s = 0.05/L'}, 'Title', 'Nesterov and its ODE', ...
            'Animate', file, 'Frames', min(nframes, 41), 'Delay', 0.15, 'Size', sz);
close(fig);
anim_files{end + 1} = file;

%% 4. Langevin samples filling the Gibbs density
% Claim: d theta = -grad f dt + sqrt(2T) dW has the stationary density
% exp(-f/T)/Z; for f = 1/2 theta'A theta that is the Gaussian with
% covariance T*inv(A).  The contours drawn are the levels f = T r^2/2,
% r = 1, 2, 3: the Gibbs ellipses holding 39%, 86% and 99% of the mass.
% Look at the cloud: it fills the ellipses in those proportions (printed
% for the whole chain, 10^5 steps).
prob = gd_testfun('ellipse', 4, pi / 4);
Temp = 0.5;
hstep = 0.01;
[~, Th] = gf_run(prob, [2.5; -2.5], [0, 1e5 * hstep], 'Method', 'langevin', ...
                 'Temperature', Temp, 'Step', hstep, 'Seed', 42);
S = Th(1:10:15000, :)';                       % 1500 samples drawn, 10 steps apart
sz = [640 480];
% the three ellipses in dark grey (the colour map's yellow for r = 3 was
% barely visible on white)
fig = figure('visible', 'off', 'position', [0 0 sz], 'color', 'w', 'defaultaxesfontsize', 14, 'defaulttextfontsize', 14, ...
             'colormap', repmat([0.25 0.25 0.25], 64, 1));
file = fullfile(GDF_ANIMDIR, 'langevin.gif');
h = gd_plot(prob, S, 'Field', false, 'Levels', Temp * [1 4 9] / 2, 'Trail', 'dots', ...
            'Limits', [-3 3 -3 3], 'Title', sprintf('Langevin, T = %g: the Gibbs ellipses r = 1, 2, 3', Temp), ...
            'Animate', file, 'Frames', nframes, 'Delay', 0.1, 'Size', sz);
close(fig);
anim_files{end + 1} = file;
% the whole chain (time 1000) after a burn-in of time 25: the fraction of
% time spent inside each ellipse against the Gibbs mass 1 - exp(-r^2/2)
U = Th(2501:end, :)';
inside = mean(bsxfun(@le, sum(U .* (prob.A * U), 1) / Temp, [1; 4; 9]), 2);
fprintf('langevin: fraction of samples inside the ellipses r = 1, 2, 3: %.3f %.3f %.3f (Gibbs: %.3f %.3f %.3f)\n', ...
        inside, 1 - exp(-[1 4 9] / 2));

%% The files
for i = 1:numel(anim_files)
  d = dir(anim_files{i});
  fi = imfinfo(anim_files{i});
  fprintf('%-50s %3d frames, %4d x %3d, %6.0f kB\n', anim_files{i}, numel(fi), fi(1).Width, fi(1).Height, d.bytes / 1024);
end
