%% Langevin dynamics: gradient flow plus noise samples the Gibbs density
% Claim (section 7 of the lecture): stochastic gradient flow
%
%       d theta = -grad f(theta) dt + sqrt(2 T) dW      (T = 1/beta)
%
% no longer converges to a point: its samples are distributed with the
% Gibbs density exp(-f/T)/Z.  For a quadratic that is the Gaussian with
% covariance T inv(A); Euler-Maruyama with step h samples the nearby
% Gaussian with covariance T inv(A - h A^2/2).  The demo runs gf_run
% 'langevin' on a 2-D bowl, draws the samples over the contours with the
% Gibbs ellipses, compares a marginal histogram with the Gibbs density,
% and prints the sample covariance next to the theory.  The same Seed
% reproduces the same path.
%
% Run:  cd demos; demo_langevin

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

prob = gd_testfun('ellipse', 4, pi / 4);     % A with eigenvalues 1 and 4
A = prob.A;
Temp = 0.5;
h = 0.01;
nsteps = 1e6;
if GDF_QUICK
  nsteps = 2e5;
end
burn = 1000;
[t, Th] = gf_run(prob, [3; -3], [0, nsteps * h], 'Method', 'langevin', 'Temperature', Temp, 'Step', h, 'Seed', 42);
S = Th(burn + 1:end, :);
C = cov(S);
Cgibbs = Temp * inv(A);
Cem = Temp * inv(A - h * A * A / 2);
relerr = norm(C - Cem) / norm(Cem);
[~, Th2] = gf_run(prob, [3; -3], [0, 1000 * h], 'Method', 'langevin', 'Temperature', Temp, 'Step', h, 'Seed', 42);
same = isequal(Th2, Th(1:1001, :));


%% Samples against the Gibbs density
% Hypotheses: f is a strongly convex quadratic 0.5 theta^T A theta, temperature
% T > 0, and the step h is below 2/L.  Look at the left panel: the samples
% fill the level sets of the Gibbs density; right: the running covariance
% settles at the value the discretization predicts.
fig = gdf_demo_figure(1500, 640);
subplot(1, 2, 1);
idx = burn + (1:20:min(size(Th, 1) - burn, 100000));
gd_plot(prob, {}, 'Limits', [-3.5 3.5 -3.5 3.5], 'Field', false, 'Levels', 12, ...
        'Title', sprintf('Langevin samples, T = %g, h = %g', Temp, h));
set(gca, 'position', [0.06 0.12 0.3 0.76]);   % a square landscape, no blank beside it
hold on;
plot(Th(1:300, 1), Th(1:300, 2), '-', 'color', [0.835 0.369 0], 'linewidth', 1.5);
plot(Th(idx, 1), Th(idx, 2), '.', 'color', [0 0.447 0.698], 'markersize', 3);
ang = linspace(0, 2 * pi, 200);
[V, D] = eig(Cgibbs);
for r = [1 2 3]
  E = V * sqrt(D) * [cos(ang); sin(ang)] * r;
  plot(E(1, :), E(2, :), 'k-', 'linewidth', 1.5);
end
hold off;
subplot(1, 2, 2);
set(gca, 'position', [0.45 0.12 0.53 0.76]);
u = S * V(:, 2);                       % the slow direction (largest variance)
[cnt, ctr] = hist(u, 60);
w = ctr(2) - ctr(1);
bar(ctr, cnt / (sum(cnt) * w), 1, 'facecolor', [0.337 0.706 0.914], 'edgecolor', 'none');
hold on;
sd = sqrt(D(2, 2));
x = linspace(min(ctr), max(ctr), 200);
plot(x, exp(-x .^ 2 / (2 * sd ^ 2)) / (sqrt(2 * pi) * sd), 'k-', 'linewidth', 2);
hold off;
grid on;
xlabel('component along the slow eigenvector');
ylabel('density');
ylim([0, 1.5 * max(cnt / (sum(cnt) * w))]);      % room for the legend above the density
legend({'samples', 'Gibbs density exp(-f/T)/Z'}, 'location', 'northeast');
title('a marginal of the samples against the Gibbs density');
f1 = gdf_demo_save(fig, outdir, 'langevin.png');

%% The covariance and the claims

fprintf('\nLangevin dynamics on gd_testfun(''ellipse'', 4, pi/4), T = %g, h = %g, %d steps (Seed 42)\n', Temp, h, nsteps);
fprintf('%26s %12s %12s %12s\n', '', 'C(1,1)', 'C(1,2)', 'C(2,2)');
fprintf('%26s %12.5f %12.5f %12.5f\n', 'samples', C(1, 1), C(1, 2), C(2, 2));
fprintf('%26s %12.5f %12.5f %12.5f\n', 'Euler-Maruyama theory', Cem(1, 1), Cem(1, 2), Cem(2, 2));
fprintf('%26s %12.5f %12.5f %12.5f\n', 'Gibbs T*inv(A)', Cgibbs(1, 1), Cgibbs(1, 2), Cgibbs(2, 2));
% ~1e6 correlated samples: the slow mode's correlation time is 1/(lambda_min h) = 100
% steps, so ~1e4 effective samples and a relative standard error of ~1-2%
gdf_demo_claim(relerr < 0.05, 'the sample covariance is within 5%% of T*inv(A - hA^2/2) (%.1f%%)', 100 * relerr);
gdf_demo_claim(same, 'the same Seed reproduces the same path bit for bit');
fprintf('Figure written to %s\n', f1);
