%% Stochastic gradient descent: the noise ball, its covariance, and where the SDE picture breaks
% Claim (section 7 of the lecture, which names SGD as the reason for the
% stochastic gradient flow d theta = -grad f dt + noise): constant-step SGD
% does not converge to the minimiser theta* but fills a noise ball around
% it, whose covariance gd_sgd_cov predicts: the SDE (Lyapunov) covariance
% A S + S A = (eta/B) C to first order in eta, the discrete recursion's, and
% the exact least-squares second moment.  Decreasing steps and iterate
% averaging converge; as eta approaches 2/L the SDE picture breaks.
% Hypotheses: least-squares problems (f = mean of m per-example squared
% residuals, A = X' X/m positive definite), constant step eta < 2/L, batches
% of B examples drawn independently with replacement, the stationary regime
% (long runs after a burn-in of 20 relaxation times).  Every claim is
% checked with a tolerance from the sample itself (4 batch-means standard
% errors) plus, where a model with a known bias is compared, that bias
% computed.  Look at: the noise ball against the predicted ellipses
% (sgd_paths.png), measured against predicted variances on the diagonal
% (sgd_covariance.png), the noise floor of f - f* (sgd_schedules.png), and
% the SDE's line leaving the measured points near eta = 2/L
% (sgd_sde_breaks.png).
%
% Run cell by cell, or:  cd demos; demo_sgd

%% Set-up: two least-squares problems
% (a) The lecture bowl f = 1/2 theta' A theta - b' theta, A = [3 1; 1 2],
%     b = [1; 1], written as a finite sum of m = 200 squared residuals: X =
%     Z chol(A) with Z' Z/m = I, and y = X theta* + sigma r with r orthogonal
%     to Z's columns, so X' X/m = A and X' y/m = b exactly (f is the bowl up
%     to a constant).  (b) A line fit: m = 400 points, X = [1, x], x evenly
%     spaced in [-1, 1], residuals 0.5 sin(37 i).
% Hypotheses of every prediction below: A = X' X/m positive definite,
% constant step, batches drawn independently with replacement, the
% stationary regime (long runs, a burn-in of 20 relaxation times).
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
oi = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; 0.337 0.706 0.914; ...
      0.902 0.624 0; 0.941 0.894 0.259; 0 0 0];
fs = 14;
K = 2e6;                               % SGD steps of a measured run
if GDF_QUICK
  K = 4e5;
end
m1 = 200;  i1 = (1:m1)';
Abowl = [3 1; 1 2];  tstar = Abowl \ [1; 1];
[Q, ~] = qr([sin(0.37 * i1), cos(1.13 * i1), sin(2.9 * i1 + 1)], 0);
X1 = sqrt(m1) * Q(:, 1:2) * chol(Abowl);
bowl = gd_leastsq(X1, X1 * tstar + 1.0 * sqrt(m1) * Q(:, 3));
m2 = 400;  x = linspace(-1, 1, m2)';
X2 = [ones(m2, 1), x];
lfit = gd_leastsq(X2, X2 * [1; 2] + 0.5 * sin(37 * (1:m2)'));
fprintf('\n(a) the lecture bowl as a sum of %d squares: X''X/m = A to %.1e, theta* = [%.4f; %.4f]\n', m1, ...
        norm(X1' * X1 / m1 - Abowl), bowl.theta_star);
fprintf('(b) a line fit, m = %d: L = %.4f, mu = %.4f\n', m2, lfit.L, lfit.mu);

%% 1. SGD against GD: GD converges to theta*, SGD to a noise ball around it
% Claim: with a constant step GD (the full gradient) reaches theta* and stays
% there, while SGD (one example per step) keeps fluctuating; the ball it fills
% has a mean squared distance from theta* equal to trace(Sigma), the second
% moment predicted by gd_sgd_cov.
% Look at: on the left (one row per problem), the GD path ending at theta*
% and the first 150 SGD steps reaching the ball; on the right, the dashed
% box enlarged: the last 60 steps of that SGD path and 3000 iterates of a
% long run (dots) inside the ellipses {e : e' inv(Sigma) e = 1, 4} of the
% prediction.  (GD's error after 400 steps is at most (1 - eta mu)^400 =
% 1e-12 to 1e-30 of the start's: the 1e-8 of the claim leaves room for
% rounding.)
probs = {bowl, lfit};
names = {'the lecture bowl (m = 200)', 'line fit (m = 400)'};
starts = {[2; 1], [0; 0]};
etas = [0.05, 0.2];
fig = gdf_demo_figure(1500, 1250);
fsf = max(fs, get(fig, 'defaultaxesfontsize'));   % the style's font now: gdf_demo_save would re-lay the legends out
for j = 1:2
  p = probs{j};
  eta = etas(j);
  R = gd_sgd_cov(p, eta, 1);
  [thg, ig] = gd_run(p, starts{j}, 'StepSize', eta, 'Iterations', 400, 'History', 'full');
  [~, is] = gd_run(p, starts{j}, 'Method', 'sgd', 'StepSize', eta, 'MaxIter', 600, 'History', 'full', ...
                   'HistoryStride', 1, 'Seed', 1);
  [~, il] = gd_run(p, p.theta_star, 'Method', 'sgd', 'StepSize', eta, 'MaxIter', K, 'History', 'full', ...
                   'HistoryStride', 10, 'Seed', 2);
  burn = ceil(20 / (eta * R.lambda(1)) / 10);
  [v, se] = gdf_sgd_vars(il.theta - p.theta_star, eye(2), burn);
  ts = p.theta_star;
  [Vs, Ds] = eig(R.Sigma_exact);
  ang = linspace(0, 2 * pi, 200);
  y0 = 0.56 - 0.49 * (j - 1);                  % two rows: a square landscape, its noise ball enlarged
  % left: the whole landscape
  axes('position', [0.05 y0 0.3 0.37]);
  w = max(abs(starts{j} - ts)) * 1.15 + 0.2;
  gd_plot(p, {}, 'Limits', [ts(1) - w, ts(1) + w, ts(2) - w, ts(2) + w], 'Field', false, 'Levels', 12, ...
          'Title', sprintf('%s, \\eta = %g', names{j}, eta));
  hold on;
  plot(is.theta(1, 1:151), is.theta(2, 1:151), '-', 'color', oi(2, :), 'linewidth', 2.5);
  plot(ig.theta(1, :), ig.theta(2, :), '-', 'color', oi(3, :), 'linewidth', 3);
  z = 3.2 * sqrt(max(diag(Ds)));               % the enlarged frame: the 2-sigma ellipse and a margin
  plot(ts(1) + z * [-1 1 1 -1 -1], ts(2) + z * [-1 -1 1 1 -1], '--', 'color', oi(8, :), 'linewidth', 2);
  plot(ts(1), ts(2), 'p', 'color', oi(8, :), 'markerfacecolor', oi(7, :), 'markersize', 18, 'linewidth', 1.5);
  hold off;
  set(gca, 'fontsize', fsf);
  % right: the noise ball
  axes('position', [0.42 y0 0.3 0.37]);
  gd_plot(p, {}, 'Limits', [ts(1) - z, ts(1) + z, ts(2) - z, ts(2) + z], 'Field', false, 'Levels', 8, ...
          'Title', sprintf('the noise ball: E|\\theta - \\theta^*|^2 = %.3g', sum(v)));
  hold on;
  nrec = size(il.theta, 2) - burn;
  idx = burn + round(linspace(1, nrec, 3000));
  plot(il.theta(1, idx), il.theta(2, idx), '.', 'color', oi(5, :), 'markersize', 7);
  plot(ig.theta(1, :), ig.theta(2, :), '-', 'color', oi(3, :), 'linewidth', 3);
  plot(is.theta(1, end - 60:end), is.theta(2, end - 60:end), '.-', 'color', oi(2, :), 'linewidth', 2.5, ...
       'markersize', 14);
  for r = [1 2]
    E = Vs * sqrt(Ds) * [cos(ang); sin(ang)] * r + ts;
    plot(E(1, :), E(2, :), '-', 'color', oi(8, :), 'linewidth', 3.5);
  end
  plot(ts(1), ts(2), 'p', 'color', oi(8, :), 'markerfacecolor', oi(7, :), 'markersize', 18, 'linewidth', 1.5);
  hold off;
  set(gca, 'fontsize', fsf);
  fprintf('\n%s, eta = %g: GD error after 400 steps %.1e; SGD E|theta - theta*|^2 = %.4e +- %.1e, predicted %.4e (SDE %.4e)\n', ...
          names{j}, eta, norm(thg - ts), sum(v), sum(se), trace(R.Sigma_exact), trace(R.Sigma_sde));
  gdf_demo_claim(norm(thg - ts) < 1e-8, '%s: GD converges to theta* (error %.1e)', names{j}, norm(thg - ts));
  gdf_demo_claim(abs(sum(v) - trace(R.Sigma_exact)) <= 4 * sum(se), ...
                 '%s: SGD''s mean-square distance from theta* is the prediction within 4 standard errors', names{j});
end
% the legend in a column of its own, beside the squares (a key outside a
% square box makes gnuplot drop the box's aspect): samples of each style
% drawn outside that column's invisible frame
axes('position', [0.76 0.07 0.22 0.86]);
hold on;
hg = plot([5 6], [5 6], '-', 'color', oi(3, :), 'linewidth', 3);
hs = plot([5 6], [5 6], '.-', 'color', oi(2, :), 'linewidth', 2.5, 'markersize', 14);
hc = plot(5, 5, '.', 'color', oi(5, :), 'markersize', 14);
he = plot([5 6], [5 6], '-', 'color', oi(8, :), 'linewidth', 3.5);
hb = plot([5 6], [5 6], '--', 'color', oi(8, :), 'linewidth', 2);
hold off;
axis([0 1 0 1]);
axis off;
legend([hg, hs, hc, he, hb], {'GD', 'SGD, B = 1', 'SGD, a long run', 'prediction: 1 and 2 \sigma', ...
        'frame enlarged'}, 'location', 'west', 'fontsize', fsf);
f1 = gdf_demo_save(fig, outdir, 'sgd_paths.png');

%% 2. The stationary covariance: measured against the Lyapunov prediction, for several eta and B
% Claim: the variance of the SGD iterates along each eigenvector v_i of A is
% predicted by gd_sgd_cov.  To first order in eta it is the SDE's
% (eta/B) * v_i' C v_i/(2 lambda_i): it depends on eta/B only (rows with
% eta/B = 0.05 agree); the exact least-squares prediction (the discrete
% recursion plus the multiplicative part of the noise) accounts for the rest.
% Look at: the measured column against 'exact' (relative error within a few
% standard errors) and against 'SDE' (off by O(eta lambda)); in the figure,
% the round markers on the diagonal, the squares off it.
cfg = [0.05 1; 0.1 2; 0.2 4; 0.2 1; 0.4 2; 0.8 8];
p = lfit;
fprintf('\nline fit: variance along each eigenvector of A, %d SGD steps per row (records every 10 steps)\n', K);
fprintf('%6s %3s %6s %7s %11s %11s %11s %11s %8s %8s\n', 'eta', 'B', 'eta/B', 'lambda', 'SDE', 'exact', ...
        'measured', 'std.err.', 'meas/ex', 'meas/SDE');
P = zeros(0, 4);
ok_exact = true;
ok_scale = true;
for c = 1:size(cfg, 1)
  eta = cfg(c, 1);  B = cfg(c, 2);
  R = gd_sgd_cov(p, eta, B);
  [~, il] = gd_run(p, p.theta_star, 'Method', 'sgd', 'StepSize', eta, 'BatchSize', B, 'MaxIter', K, ...
                   'History', 'full', 'HistoryStride', 10, 'Seed', 10 + c);
  burn = ceil(20 / (eta * R.lambda(1)) / 10);
  [v, se] = gdf_sgd_vars(il.theta - p.theta_star, R.V, burn);
  for i = 1:2
    fprintf('%6.3g %3d %6.3g %7.4f %11.4e %11.4e %11.4e %11.1e %8.4f %8.4f\n', eta, B, eta / B, R.lambda(i), ...
            R.var_sde(i), R.var_exact(i), v(i), se(i), v(i) / R.var_exact(i), v(i) / R.var_sde(i));
  end
  P = [P; R.var_sde, R.var_exact, v, se];                %#ok<AGROW>
  ok_exact = ok_exact && all(abs(v - R.var_exact) <= 4 * se);
  if abs(eta / B - 0.05) < 1e-12
    ok_scale = ok_scale && all(abs(v - R.var_sde) <= abs(R.var_exact - R.var_sde) + 4 * se);
  end
end
gdf_demo_claim(ok_exact, 'every measured variance is the exact prediction within 4 standard errors');
gdf_demo_claim(ok_scale, ['at eta/B = 0.05 the measured variances are the SDE''s (eta/B)-only value up to ' ...
               'the computed O(eta) correction, within 4 standard errors']);
fig = gdf_demo_figure(1250, 700);
lo = min(P(:, 1:3)) / 1.5;  hi = max(P(:, 1:3)) * 1.5;
hd = loglog([min(lo) max(hi)], [min(lo) max(hi)], '-', 'color', oi(8, :), 'linewidth', 1.5);
hold on;
h1 = loglog(P(:, 2), P(:, 3), 'o', 'color', oi(1, :), 'markerfacecolor', oi(1, :), 'markersize', 10, 'linewidth', 1.5);
h2 = loglog(P(:, 1), P(:, 3), 's', 'color', oi(2, :), 'markersize', 11, 'linewidth', 2);
axis([min(lo) max(hi) min(lo) max(hi)]);
tk = kron(10 .^ (-6:2), [1 2 5]);              % labelled ticks 1, 2, 5 per decade: the frame spans about one
tk = tk(tk >= min(lo) & tk <= max(hi));
tl = arrayfun(@(t) sprintf('%g', t), tk, 'UniformOutput', false);
set(gca, 'xtick', tk, 'ytick', tk, 'xticklabel', tl, 'yticklabel', tl);
hold off;
grid on;
set(gca, 'fontsize', fs);
xlabel('predicted variance along an eigenvector');
ylabel('measured variance of SGD');
title('SGD''s stationary variance: measured against predicted');
legend([h1, h2, hd], {'exact (least squares)', 'SDE (Lyapunov, \eta/B)', 'measured = predicted'}, 'location', 'eastoutside', ...
       'fontsize', fs);
f2 = gdf_demo_save(fig, outdir, 'sgd_covariance.png');

%% 3. Decreasing steps converge, constant steps do not
% Claim: with a constant step f - f* settles at the noise floor E[f - f* ] =
% trace(A Sigma)/2 > 0 (gdf_theory through gd_compare); with eta_k = eta0/(1 +
% k/k0) (k0 = one epoch, eta0 k0 mu > 1) it keeps decreasing like 1/k, and
% the Polyak-Ruppert average of the constant-step iterates converges too.
% Look at: the constant-step curve flattening on the predicted floor, the
% decreasing-step curve going through it.  Tolerances: the floor within 4
% batch-means standard errors; with eta_k ~ eta0 k0/k the local floor at
% epoch k is about floor/k, so the last quarter of 100 or 200 epochs sits
% near floor/100, and the claim "below floor/10" has a margin of 10; the
% averaged iterate converges at O(1/k) on least squares (Bach and Moulines,
% NIPS 2013), far below floor/10 after 50 epochs of averaging.
epochs = 200;
if GDF_QUICK
  epochs = 100;
end
Kc = epochs * m2;
eta = 0.2;
R = gd_sgd_cov(p, eta, 1);
[~, ic] = gd_run(p, [0; 0], 'Method', 'sgd', 'StepSize', eta, 'MaxIter', Kc, 'History', 'f', 'Seed', 5, ...
                 'Averaging', 'on', 'AverageFrom', ceil(Kc / 2));
[~, id] = gd_run(p, [0; 0], 'Method', 'sgd', 'StepSize', eta, 'Schedule', 'inverse', 'MaxIter', Kc, ...
                 'History', 'f', 'Seed', 5);
ep = ic.k(:) / m2;
ec = ic.f(:) - p.f_star;
ed = id.f(:) - p.f_star;
eavg = gd_eval(p, ic.theta_avg) - p.f_star;
half = ep >= ep(end) / 2;
v = ec(half);
nb = 10;  Lb = floor(numel(v) / nb);
mb = mean(reshape(v(1:nb * Lb), Lb, nb), 1);
fl_meas = mean(v);  fl_se = std(mb) / sqrt(nb);
last = ep >= 0.75 * ep(end);
fprintf('\nline fit, eta = %g, B = 1, %d epochs: floor measured %.4e +- %.1e, predicted %.4e (SDE %.4e)\n', ...
        eta, epochs, fl_meas, fl_se, R.floor_exact, R.floor_sde);
fprintf('decreasing steps: mean f - f* over the last quarter %.3e; averaged iterate (second half) %.3e\n', ...
        mean(ed(last)), eavg);
gdf_demo_claim(abs(fl_meas - R.floor_exact) <= 4 * fl_se, ...
               'constant step: f - f* fluctuates around the predicted floor %.3g (measured %.3g +- %.1g)', ...
               R.floor_exact, fl_meas, fl_se);
gdf_demo_claim(mean(ed(last)) < R.floor_exact / 10, 'decreasing steps: f - f* goes below a tenth of that floor');
gdf_demo_claim(eavg < R.floor_exact / 10, 'the averaged constant-step iterate goes below a tenth of the floor too');
fig = gdf_demo_figure(1400, 650);
semilogy(ep, ec, '-', 'color', oi(2, :), 'linewidth', 1.5);
hold on;
semilogy(ep, ed, '-', 'color', oi(1, :), 'linewidth', 2.5);
semilogy([0 ep(end)], R.floor_exact * [1 1], '--', 'color', oi(8, :), 'linewidth', 3);
semilogy(ep(end), eavg, 'd', 'color', oi(3, :), 'markerfacecolor', oi(3, :), 'markersize', 14);
xlim([0 1.04 * ep(end)]);                     % the average's marker whole, not cut by the frame
hold off;
grid on;
set(gca, 'fontsize', fs);
xlabel('epochs (m = 400 steps of B = 1)');
ylabel('f - f^* (full data)');
title(sprintf('SGD on the line fit, \\eta_0 = %g', eta));
legend({'constant \eta', '\eta_0/(1 + k/k_0)', 'predicted noise floor', 'Polyak-Ruppert average'}, ...
       'location', 'eastoutside', 'fontsize', fs);
f3 = gdf_demo_save(fig, outdir, 'sgd_schedules.png');

%% 4. Where the SDE picture breaks: eta towards 2/L
% Claim: along the top eigenvector (lambda = L) the SDE predicts a variance
% proportional to eta, but the discrete recursion e <- (1 - eta L) e + noise
% has the extra factor 1/(1 - eta L/2), which blows up at eta = 2/L.  With a
% large batch (B = 32: little multiplicative noise) the discrete prediction
% stays right while the SDE is off by a factor 10 at eta L = 1.9.  With B = 1
% the multiplicative noise makes the second moment diverge already below
% 2/L (gd_sgd_cov: exact_stable false), and SGD diverges.
% Look at: measured points on the discrete curve, leaving the SDE's line.
B = 32;
etaL = [0.25 1 1.5 1.8 1.9];
fprintf('\nline fit, B = %d: variance along the top eigenvector (lambda = L = %.4f)\n', B, p.L);
fprintf('%6s %11s %11s %11s %11s %9s %8s\n', 'eta*L', 'SDE', 'discrete', 'exact', 'measured', 'std.err.', 'meas/SDE');
M = zeros(numel(etaL), 5);
ok_disc = true;
for c = 1:numel(etaL)
  eta = etaL(c) / p.L;
  R = gd_sgd_cov(p, eta, B);
  [~, il] = gd_run(p, p.theta_star, 'Method', 'sgd', 'StepSize', eta, 'BatchSize', B, 'MaxIter', K, ...
                   'History', 'full', 'HistoryStride', 10, 'Seed', 30 + c);
  burn = ceil(20 / (eta * R.lambda(1)) / 10);
  [v, se] = gdf_sgd_vars(il.theta - p.theta_star, R.V(:, 2), burn);
  M(c, :) = [R.var_sde(2), R.var_discrete(2), R.var_exact(2), v, se];
  fprintf('%6.2f %11.4e %11.4e %11.4e %11.4e %9.1e %8.2f\n', etaL(c), M(c, 1:5), v / R.var_sde(2));
  ok_disc = ok_disc && abs(v - R.var_discrete(2)) <= abs(R.var_exact(2) - R.var_discrete(2)) + 4 * se;
end
gdf_demo_claim(ok_disc, ['the discrete prediction is right up to its computed multiplicative-noise term ' ...
               '(within 4 standard errors) at every eta < 2/L']);
gdf_demo_claim(M(end, 4) > 5 * M(end, 1) && M(end, 4) - M(end, 1) > 10 * M(end, 5), ...
               'at eta*L = 1.9 the SDE is off by a factor %.1f', M(end, 4) / M(end, 1));
R1 = gd_sgd_cov(p, 1.5 / p.L, 1);
ws = warning('off', 'gdflow:diverged');
[~, idv] = gd_run(p, p.theta_star, 'Method', 'sgd', 'StepSize', 1.5 / p.L, 'MaxIter', 1e5, 'Seed', 1);
warning(ws);
fprintf('B = 1, eta*L = 1.5: exact_stable = %d, gd_run exitflag %d after %d steps\n', R1.exact_stable, ...
        idv.exitflag, idv.iterations);
gdf_demo_claim(~R1.exact_stable && idv.exitflag == -2, ['B = 1 at eta*L = 1.5 < 2: the predicted second moment ' ...
               'has no stationary value, and SGD diverges']);
fig = gdf_demo_figure(1450, 650);
g = linspace(0.05, 1.97, 200);
cs = zeros(size(g));  cdi = cs;  ce = cs;
for c = 1:numel(g)
  R = gd_sgd_cov(p, g(c) / p.L, B);
  cs(c) = R.var_sde(2);  cdi(c) = R.var_discrete(2);  ce(c) = R.var_exact(2);
end
semilogy(g, cs, '-', 'color', oi(2, :), 'linewidth', 3);
hold on;
semilogy(g, cdi, '-', 'color', oi(1, :), 'linewidth', 3);
semilogy(g, ce, '--', 'color', oi(3, :), 'linewidth', 3);
he = errorbar(etaL, M(:, 4), 4 * M(:, 5), 'o');
set(he, 'color', oi(8, :), 'markerfacecolor', oi(8, :), 'markersize', 10, 'linewidth', 2);
xlim([0 2.1]);
yl = ylim();
semilogy([2 2], yl, '-.', 'color', oi(4, :), 'linewidth', 4);
hold off;
grid on;
set(gca, 'fontsize', fs);
xlabel('\eta L');
ylabel('variance along the top eigenvector');
title(sprintf('line fit, B = %d: the SDE picture breaks as \\eta \\rightarrow 2/L', B));
legend({'SDE (Lyapunov)', 'discrete recursion', 'exact (least squares)', 'measured (\pm 4 s.e.)', '\eta = 2/L'}, ...
       'location', 'eastoutside', 'fontsize', fs);
f4 = gdf_demo_save(fig, outdir, 'sgd_sde_breaks.png');
fprintf('Figures written to %s, %s, %s, %s\n', f1, f2, f3, f4);
