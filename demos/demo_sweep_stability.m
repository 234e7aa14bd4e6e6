%% demo_sweep_stability: the stability regions of GD, heavy ball and Nesterov over (eta, kappa)
% *Claim.* On a quadratic with Hessian spectrum in [mu, L] (kappa = L/mu), a
% fixed step eta is stable (f - f* decays) exactly when eta*L is below a
% limit that depends only on the method and its momentum beta:
%
% * GD: eta*L < 2 (|1 - eta*lambda| < 1 for every eigenvalue);
% * heavy ball, theta+ = theta - eta*g + beta*(theta - theta_prev): eta*L <
%   2(1 + beta) (Polyak 1964; per eigenvalue the characteristic polynomial
%   z^2 - (1 + beta - a) z + beta, a = eta*lambda, has its roots in the unit
%   disc iff |1 + beta - a| < 1 + beta, by Jury's criterion);
% * Nesterov, y = theta + beta*(theta - theta_prev), theta+ = y - eta*grad f(y):
%   eta*L < 2(1 + beta)/(1 + 2 beta).  Derivation: per eigenvalue the
%   iteration is x+ = (1 + beta)(1 - a) x - beta (1 - a) x_prev (the
%   iteration matrix of Lessard, Recht and Packard, SIAM J. Optim. 26, 2016,
%   sec. 2); Jury's criterion for z^2 - (1 + beta)(1 - a) z + beta (1 - a)
%   asks |beta(1 - a)| < 1 and |(1 + beta)(1 - a)| < 1 + beta(1 - a); for
%   a > 1 the second is (1 + beta)(a - 1) < 1 - beta(a - 1), i.e.
%   a < 2(1 + beta)/(1 + 2 beta).  With gd_run's default beta =
%   (sqrt(kappa) - 1)/(sqrt(kappa) + 1) this is 4 sqrt(kappa)/(3 sqrt(kappa) - 1):
%   2 at kappa = 1, falling to 4/3: Nesterov's stable steps shrink while
%   heavy ball's (default beta = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2) grow
%   towards 4/L.
%
% *Hypotheses.* f = 1/2 (x^2 + kappa y^2) (gd_testfun('ellipse', kappa): L =
% kappa, mu = 1), theta0 = [1; 1] (both modes present), constant step and
% momentum.  The limits are for quadratics; for other f they are necessary
% (the Hessian at the minimizer is such a quadratic), not sufficient.
%
% *What to look at.* The heat maps: colour is the measured per-step rate of
% f - f* (grey: above 1, diverging); the black staircase is the theory's
% limit on each row; white dashed (GD) the optimal step 2/(L + mu).  The
% second figure puts the three limits against kappa with the last stable
% and first unstable step of a fine sweep in eta*L.  The checks stop the
% demo if a run off the limit disagrees with the theory, or if GD's
% measured rate is off max|1 - eta*lambda|^2 by more than the derived bound.
%
% Figures: sweep_stability.png, sweep_limits.png.  Set GDF_QUICK = true for
% a smaller grid, GDF_FIGDIR to write elsewhere.  Run: cd demos; demo_sweep_stability

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%% Set-up: the grid
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir] = gdf_demo_setup(here);
nk = 13;
ne = 60;
K = 400;
if GDF_QUICK
  nk = 5;
  ne = 24;
  K = 200;
end
fprintf('\n=== demo_sweep_stability: where GD, heavy ball and Nesterov stop converging ===\n');
kappas = logspace(0, 3, nk);
etas = logspace(-3, log10(3.5), ne);
methods = {'gd', 'heavyball', 'nesterov'};
maker = @(kappa) gd_testfun('ellipse', kappa);

%% The sweep: one gd_sweep call, every configuration an independent run
S = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kappas, 'StepSize', etas, 'Method', methods}, ...
             'Fixed', {'MaxIter', K, 'GradTol', 0});
fprintf('%d runs (%d kappa x %d eta x %d methods) in %.1f s, backend %s with %d worker(s)\n', ...
        S.n, nk, ne, numel(methods), S.elapsed, S.backend, S.workers);

%% The theory's limit of eta*L on each row, with the momentum the runs used
etaL = S.step .* S.L;                            % eta*L of every run
limit = NaN(size(S.rate));
for m = 1:numel(methods)
  beta = S.momentum(:, :, m);
  if strcmp(methods{m}, 'gd')
    limit(:, :, m) = 2;
  elseif strcmp(methods{m}, 'heavyball')
    limit(:, :, m) = 2 * (1 + beta);
  else
    limit(:, :, m) = 2 * (1 + beta) ./ (1 + 2 * beta);
  end
end
sk = sqrt(kappas(:));
fprintf('\n%10s %12s %12s %12s   (eta*L limit: theory | last stable, first unstable step of the grid)\n', ...
        'kappa', 'GD', 'heavy ball', 'Nesterov');
for i = 1:nk
  cells = cell(1, 3);
  for m = 1:3
    st = S.stable(i, :, m);
    lastst = max([0, etaL(i, st, m)]);
    firstun = min([Inf, etaL(i, ~st, m)]);
    cells{m} = sprintf('%.3f|%.2f,%.2f', limit(i, 1, m), lastst, firstun);
  end
  fprintf('%10.4g %12s %12s %12s\n', kappas(i), cells{:});
end

%% Claim 1: off the limit, the measured verdict is the theory's
% Within 5% of the limit the growth or decay per step is close to 1 and
% K steps may not decide; away from it the spectral radius is bounded off 1
% (at 1.05 x limit GD grows by 1.1^2 per step; the momentum methods faster).
off = abs(etaL ./ limit - 1) > 0.05;
agree = S.stable == (etaL < limit);
gdf_demo_claim(all(agree(off)), ['measured stability equals eta*L < limit for all %d runs off the limit ' ...
               '(GD 2, heavy ball 2(1+beta), Nesterov 2(1+beta)/(1+2beta))'], nnz(off));
gdf_demo_claim(isequal(S.theory_stable(off) == 1, etaL(off) < limit(off)), ...
               'gd_theory''s verdict (the one theory module) gives the same limits');
nes = 4 * sk ./ (3 * sk - 1);
gdf_demo_claim(max(abs(limit(:, 1, 3) - nes)) < 1e-12 && limit(1, 1, 3) == 2 && all(diff(limit(:, 1, 3)) < 0), ...
               'Nesterov''s limit with its default beta is 4 sqrt(kappa)/(3 sqrt(kappa) - 1), from 2 down towards 4/3');

%% Claim 2: GD's measured rate is max|1 - eta*lambda|^2
% f - f* = a1 q1^k + a2 q2^k (a = [1, kappa]/2 from theta0 = [1; 1]); the rate
% measured over the second half of n steps is q1 times a factor within
% (1 + c)^(1/(n/2)) of 1, c <= kappa the ratio of the mode weights: relative
% error at most log(1 + kappa)/(n/2).
g = S.rate(:, :, 1);
t = S.theory(:, :, 1);
n = S.iterations(:, :, 1);
kk = repmat(kappas(:), 1, ne);
ok = isfinite(g) & isfinite(t) & n >= 10;
tol = log(1 + kk) ./ floor(n / 2);
err = abs(g - t) ./ t;
gdf_demo_claim(all(err(ok) <= tol(ok)) && nnz(ok) > 0.5 * numel(ok), ...
               'GD''s measured rate matches max|1 - eta lambda|^2 within log(1 + kappa)/(n/2) in %d runs (largest error %.2g)', ...
               nnz(ok), max(err(ok)));

%% Figure 1: the heat maps
fig = gdf_demo_figure(1800, 560);
for m = 1:3
  subplot(1, 3, m);
  gd_sweep_plot(S, 'Slice', {'Method', methods{m}}, 'Title', sprintf('%s (black: theory''s limit)', methods{m}));
end
gdf_demo_save(fig, outdir, 'sweep_stability.png');

%% Claim 3: a fine sweep across the limits brackets every one of them
% eta*L on a grid of spacing h straddling the limits (no grid point within
% 1e-3 of one); for each kappa and method the last stable and the first
% unstable run must bracket the theory's limit: last < limit < first, and
% first - last = h (the measured stability region is an interval).
nf = 129;
if GDF_QUICK
  nf = 41;
end
aL = linspace(1.01, 4.21, nf);
F = gd_sweep(maker, [1; 1], 'Axes', {'kappa', kappas, 'StepSizeL', aL, 'Method', methods}, ...
             'Fixed', {'MaxIter', K, 'GradTol', 0});
flim = NaN(nk, 3);
lo = NaN(nk, 3);
hi = NaN(nk, 3);
for m = 1:3
  for i = 1:nk
    beta = F.momentum(i, 1, m);
    switch methods{m}
      case 'gd'
        flim(i, m) = 2;
      case 'heavyball'
        flim(i, m) = 2 * (1 + beta);
      otherwise
        flim(i, m) = 2 * (1 + beta) / (1 + 2 * beta);
    end
    st = F.stable(i, :, m);
    lo(i, m) = max([-Inf, aL(st)]);
    hi(i, m) = min([Inf, aL(~st)]);
  end
end
h = aL(2) - aL(1);
far = min(abs(repmat(aL, numel(flim), 1) - flim(:)), [], 2) > 1e-3;
inside = lo < flim & flim < hi & abs(hi - lo - h) < 1e-9;
gdf_demo_claim(all(inside(far)), ['every measured stability boundary brackets the theory''s limit to the grid ' ...
               'spacing %.3f (%d of %d kappa x method pairs; the others have a grid point within 1e-3 of the limit)'], ...
               h, nnz(far), numel(far));

%% Figure 2: the limits of eta*L against kappa, theory and the fine sweep
okabe = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451];
fig = gdf_demo_figure(1000, 620);
names = {'GD: 2', 'heavy ball: 2(1+\beta)', 'Nesterov: 2(1+\beta)/(1+2\beta)'};
kf = logspace(0, 3, 200);
bhb = ((sqrt(kf) - 1) ./ (sqrt(kf) + 1)) .^ 2;
bn = (sqrt(kf) - 1) ./ (sqrt(kf) + 1);
curves = {2 + 0 * kf, 2 * (1 + bhb), 2 * (1 + bn) ./ (1 + 2 * bn)};
hl = zeros(1, 3);
for m = 1:3
  hl(m) = semilogx(kf, curves{m}, '-', 'color', okabe(m, :), 'linewidth', 2.5);
  hold on;
  semilogx(kappas, lo(:, m), 'o', 'color', okabe(m, :), 'markersize', 8, 'linewidth', 1.5);
  semilogx(kappas, hi(:, m), 'x', 'color', okabe(m, :), 'markersize', 10, 'linewidth', 1.5);
end
xlabel('\kappa = L/\mu', 'fontsize', 14);
ylabel('\eta L', 'fontsize', 14);
title('stability limit of \eta L: lines theory, o last stable run, x first unstable', 'fontsize', 14);
legend(hl, names, 'location', 'northwest', 'fontsize', 14);
ylim([1 4.3]);
set(gca, 'fontsize', 14, 'linewidth', 1.5);
gdf_demo_save(fig, outdir, 'sweep_limits.png');
