%% Zig-zag and conditioning: GD paths on bowls of condition number 1, 10 and 100
% Claims (lecture sections 5 and 6): on a well-conditioned bowl GD goes
% straight to the minimum; on an elongated one (large kappa = L/mu) a
% large stable step makes the path zig-zag across the valley while the
% gradient flow glides smoothly, and the best fixed step, eta = 2/(L+mu),
% only achieves the factor ((kappa-1)/(kappa+1))^2 per iteration, so the
% iteration count grows with kappa.  A small step (eta = 0.3/L) follows
% the flow without zig-zag, but slowly.
%
% The bowls are gd_testfun('ellipse', kappa, pi/6).  Measured (gd_run,
% gd_compare): iterations until the gap f - f* is below 1e-8 of its start, the per-step
% factor of f - f*, and the zig-zag index: the mean cosine between
% consecutive steps theta_{k+1} - theta_k (near -1: the path reverses
% direction every step; near +1: it goes straight).  The demo stops with an
% error if a measured rate is off the theory or the zig-zag does not grow
% with kappa.
%
% Figure: zigzag.png.  GDF_FIGDIR: output folder (the demo is fast).
%
% Run:  cd demos; demo_zigzag

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
fprintf('\n=== demo_zigzag: GD zig-zags on ill-conditioned bowls; the flow does not ===\n');

%% Paths on the three bowls
% Hypotheses: each bowl is a mu-strongly convex, L-smooth quadratic; GD
% uses a fixed step below 2/L.  For each kappa, 40 steps of GD at
% eta = 2/(L+mu) and at eta = 0.3/L beside the exact gradient flow
% (gf_exact, dashed black).  Look at the middle and right panels: the large
% step crosses the valley at every iteration, the small one and the flow
% slide along it.  The titles give the iterations to reach 1e-8.

kappas = [1 10 100];
theta0 = [-3.5; 2.5];
epsilon = 1e-8;
Kshow = 40;
fig = gdf_demo_figure(1950, 720);
rows = struct('kappa', {}, 'rule', {}, 'iters', {}, 'rate', {}, 'theory', {}, 'zigzag', {});
for j = 1:numel(kappas)
  kap = kappas(j);
  prob = gd_testfun('ellipse', kap, pi / 6);
  L = prob.L;
  mu = prob.mu;
  etas = [2 / (L + mu), 0.3 / L];
  names = {'2/(L+mu)', '0.3/L'};
  runs = cell(1, 2);
  for s = 1:2
    [~, runs{s}] = gd_run(prob, theta0, 'StepSize', etas(s), 'MaxIter', Kshow, 'GradTol', 0, 'History', 'full');
    % iterations to epsilon and the zig-zag index, from a long run
    [~, info] = gd_run(prob, theta0, 'StepSize', etas(s), 'MaxIter', 100000, 'GradTol', 0, ...
                       'FunTol', 0, 'History', 'full', 'MaxTime', 10);
    g = (info.f - prob.f_star) / (info.f(1) - prob.f_star);
    it = find(g <= epsilon, 1) - 1;
    D = diff(info.theta(:, 1:it + 1), 1, 2);
    nd = sqrt(sum(D .^ 2, 1));
    D = D(:, nd > 0);
    nd = nd(nd > 0);
    if size(D, 2) >= 2
      c = sum(D(:, 1:end - 1) .* D(:, 2:end), 1) ./ (nd(1:end - 1) .* nd(2:end));
      zz = mean(c);
    else
      zz = NaN;                                   % one step: nothing to zig-zag
    end
    T = gd_compare(prob, theta0, etas(s), 'MaxIter', min(max(it, 4), 2000), 'Display', 'off');
    rows(end + 1) = struct('kappa', kap, 'rule', names{s}, 'iters', it, 'rate', T.rate, ...
                           'theory', T.theory, 'zigzag', zz); %#ok<SAGROW>
  end
  subplot(1, 3, j);
  hp = gd_plot(prob, runs, 'Limits', [-4.5 4.5 -4.5 4.5], 'Field', false, 'LineWidth', 2, ...
               'Levels', 14, 'Title', sprintf('\\kappa = %g: %d (2/(L+\\mu)) and %d (0.3/L) iterations to 10^{-8}', ...
                                              kap, rows(end - 1).iters, rows(end).iters));
  hold on;
  P = gf_exact(prob, theta0, [0, logspace(-3, log10(40 / mu), 400)]);
  hf = plot(P(:, 1), P(:, 2), 'k--', 'linewidth', 2.5);
  hold off;
  if j == 1
    legend([hp.paths, hf], {'GD \eta = 2/(L+\mu)', 'GD \eta = 0.3/L', 'gradient flow'}, 'location', 'south');
  end
  set(gca, 'position', [0.04 + (j - 1) * 0.33, 0.1, 0.28, 0.8]);
end
f1 = gdf_demo_save(fig, outdir, 'zigzag.png');

%% Rates and zig-zag against the theory
% Look at the measured rate beside ((kappa-1)/(kappa+1))^2, and at the
% zig-zag index: near -1 for the large step as kappa grows, positive for
% the small step.

fprintf('\nGD from (%g, %g) on gd_testfun(''ellipse'', kappa, pi/6); rates are per iteration, of f - f*:\n', theta0);
fprintf('  %6s %-10s %12s %14s %14s %20s\n', 'kappa', 'step', sprintf('iters to %g', epsilon), 'measured rate', ...
        'theory rate', 'zig-zag (mean cos)');
for i = 1:numel(rows)
  r = rows(i);
  if isnan(r.rate)
    mr = '- (1 step)';
  else
    mr = sprintf('%.6f', r.rate);
  end
  fprintf('  %6g %-10s %12d %14s %14.6f %20.4f\n', r.kappa, r.rule, r.iters, mr, r.theory, r.zigzag);
end
fprintf('  theory for eta = 2/(L+mu): ((kappa-1)/(kappa+1))^2 = %s\n', ...
        strjoin(arrayfun(@(k) sprintf('%.6f', ((k - 1) / (k + 1)) ^ 2), kappas, 'UniformOutput', false), ', '));
opt = rows(strcmp({rows.rule}, '2/(L+mu)'));
small = rows(strcmp({rows.rule}, '0.3/L'));

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(opt(1).iters == 1, 'kappa = 1: eta = 2/(L+mu) = 1/L reaches the minimum in one step');
gdf_demo_claim(all(abs([opt(2:end).rate] - [opt(2:end).theory]) < 1e-6), ...
               'eta = 2/(L+mu): measured rate = ((kappa-1)/(kappa+1))^2 for kappa = 10, 100');
gdf_demo_claim(all(diff([opt.iters]) > 0) && all(diff([small.iters]) > 0), 'iterations grow with kappa at both steps');
gdf_demo_claim(opt(3).zigzag < -0.9 && opt(2).zigzag < 0 && all([small.zigzag] > 0.5 | isnan([small.zigzag])), ...
               'eta = 2/(L+mu) zig-zags (mean cos %.3f, %.3f at kappa = 10, 100); eta = 0.3/L does not (>= %.3f)', ...
               opt(2).zigzag, opt(3).zigzag, min([small.zigzag]));
fprintf('\nFigure written to %s:\n  %s\n', outdir, f1);
