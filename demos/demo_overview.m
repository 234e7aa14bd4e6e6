%% Gradient descent on an ill-conditioned bowl at three step sizes
% The whole story of the lecture on one 2-D quadratic with condition
% number kappa = 20 (the bowl gd_testfun('ellipse', 20, pi/6)):
%
%     - contour lines of f, the field -grad f (perpendicular to the contours)
%       and gradient-flow streamlines (the continuous path, exact, gf_exact);
%     - GD paths from one start at a small step 0.3/L (follows the flow),
%       the optimal step 2/(L+mu) (fast, zig-zags) and 2.1/L (just past the
%       stability threshold 2/L: diverges);
%     - f(theta_k) - f* on a log scale beside the bound of the theory;
%     - a table of measured against theoretical rates (GD_THEORY), and the
%       claim that GD is stable exactly below 2/L, within its rate there.
%
% Figures are written to demos/figures/ (the folder is printed), or to
% GDF_FIGDIR when that variable is set.
%
% Run:  make demo      or, in Octave/MATLAB:  cd demos; demo_overview

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

kappa = 20;
prob = gd_testfun('ellipse', kappa, pi / 6);
L = prob.L;
mu = prob.mu;
theta0 = [-3.5; 2.5];
etas = [0.3 / L, 2 / (L + mu), 2.1 / L];
labels = {'\eta = 0.3/L (small)', '\eta = 2/(L+\mu) (optimal)', '\eta = 2.1/L (unstable)'};
K = 40;

runs = cell(1, 3);
ws = warning('off', 'gdflow:diverged');
for i = 1:3
  [~, runs{i}] = gd_run(prob, theta0, 'StepSize', etas(i), 'MaxIter', K, 'GradTol', 1e-12, 'History', 'full');
end
warning(ws);


%% The landscape and the three paths
% Hypotheses: f is a mu-strongly convex, L-smooth quadratic (an
% ill-conditioned bowl); GD with a fixed step.  Look at the three paths:
% small step slow, 2/(L+mu) fast, above 2/L diverging.
% ---- the landscape ------------------------------------------------------
fig = gdf_demo_figure(1000, 860);
starts = [theta0, [3.5; -2.5], [-3.5; -2.5], [3.5; 2.5], [0; 3.2], [0; -3.2]];
gd_plot(prob, runs, 'Limits', [-4.5 4.5 -4.5 4.5], 'Streamlines', starts, 'Labels', labels, ...
        'Title', sprintf('GD on a bowl with \\kappa = %g: GD paths, the field -grad f (arrows), the flow (black)', kappa));
f1 = gdf_demo_save(fig, outdir, 'overview_landscape.png');


%% Convergence beside the theory
% Look at each run against its bound (dashed); the diverging run has none.
% ---- convergence against the bounds --------------------------------------
fig = gdf_demo_figure(1400, 640);
gd_plot(prob, runs, 'Plot', 'convergence', 'Labels', labels, ...
        'Title', 'f(\theta_k) - f^* (solid) and the theoretical bound (dashed)');
f2 = gdf_demo_save(fig, outdir, 'overview_convergence.png');


%% The table and the claim
% ---- the table: measured against theory ---------------------------------
fprintf('\nGD on gd_testfun(''ellipse'', %g, pi/6): L = %g, mu = %g, kappa = %g, 2/L = %.4g\n', ...
        kappa, L, mu, L / mu, 2 / L);
fprintf('%-26s %10s %6s %14s %14s %14s %8s\n', 'step size', 'eta', 'iters', 'f_K - f*', ...
        'measured rate', 'theory rate', 'stable?');
measured = zeros(1, 3);
theory = zeros(1, 3);
verdict = zeros(1, 3);
for i = 1:3
  r = runs{i};
  e = r.f - prob.f_star;
  k = r.iterations;
  measured(i) = (e(end) / e(1)) ^ (1 / k);        % per-iteration factor of f - f*
  th = gd_theory(prob, 'gd', etas(i));            % max |1 - eta*lambda|^2; stable iff eta < 2/L
  theory(i) = th.rate;
  verdict(i) = th.stable;
  stable = 'yes';
  if th.stable ~= 1
    stable = 'NO';
  end
  fprintf('%-26s %10.4g %6d %14.4g %14.6f %14.6f %8s\n', strrep(strrep(labels{i}, '\eta', 'eta'), '\mu', 'mu'), ...
          etas(i), k, e(end), measured(i), theory(i), stable);
end
% on a quadratic f_k - f* <= rate^k (f_0 - f*) exactly (the worst eigenvector attains it)
gdf_demo_claim(isequal(verdict, etas < 2 / L) && all(measured(1:2) <= theory(1:2) * (1 + 1e-9)) && measured(3) > 1, ...
               ['stable exactly below 2/L; measured factors %.6f, %.6f within the theory''s %.6f, %.6f; ' ...
                '%.4f > 1 past 2/L'], measured(1), measured(2), theory(1), theory(2), measured(3));
fprintf(['\nThe rate of f - f* is max|1 - eta*lambda_i|^2 over the eigenvalues lambda_i of A;\n' ...
         'for eta = 2/(L+mu) it is ((kappa-1)/(kappa+1))^2 = %.6f, the best any fixed step achieves.\n'], ...
        ((kappa - 1) / (kappa + 1)) ^ 2);
fprintf('\nFigures written to %s:\n  %s\n  %s\n', outdir, f1, f2);
