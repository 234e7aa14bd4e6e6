%% The lecture's cheat sheet (section 9), every row evaluated on one problem
% Claim: each row of the table "Gradient Descent vs. Gradient Flow" holds,
% measured on one quadratic f = 1/2 theta'A theta - b'theta (eigenvalues
% mu = 1 and L = 10, theta* away from the origin):
%
%     update rule / ODE     GD is theta_{k+1} = theta_k - eta grad f(theta_k);
%                           GF solves d theta/dt = -grad f(theta)
%     function decrease     f_{k+1} <= f_k - eta(1 - L eta/2)||grad f_k||^2;  df/dt = -||grad f||^2
%     stability             GD needs 0 < eta < 2/L;  GF is stable for all t
%     rate, convex          f_k - f* <= L||theta_0 - theta*||^2/(2k);  f(t) - f* <= ||theta_0 - theta*||^2/(2t)
%     rate, strongly convex f_k - f* <= (1 - mu/L)^k (f_0 - f*);  f(t) - f* <= (f_0 - f*) e^{-2 mu t}
%     quadratic             theta_k - theta* = (I - eta A)^k (theta_0 - theta*);
%                           theta(t) - theta* = e^{-At} (theta_0 - theta*)
%
% plus the comparison of section 5, done right: the text sets GD's
% parameter error (1 - eta mu)^k against GF's function-value rate
% e^{-2 mu t}; measured in the same quantity, GD with a small step decays
% like the flow, f - f* ~ (1 - eta mu)^{2k} ~ e^{-2 mu t} at t = k eta.
%
% GD numbers come from gd_run and gd_compare, GF numbers from gf_run
% (rk45) and gf_exact; the theory column is evaluated from L, mu and the
% matrix A (expm, matrix powers).  The table is printed and also written
% as cheatsheet.md; the demo stops with an error if a row fails.
%
% Figures: cheatsheet.png.  GDF_FIGDIR: output folder (the demo is fast).
%
% Run:  cd demos; demo_cheatsheet

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish
fprintf('\n=== demo_cheatsheet: the cheat sheet of section 9, theory beside measurement ===\n');

%% Measuring every row
% Hypotheses: the quadratic is mu-strongly convex and L-smooth, so every row
% of the sheet applies (the convex rows with mu = 0 hold a fortiori).  Each
% quantity below is computed from gd_run and gf_run output.

R = [cos(pi / 5), -sin(pi / 5); sin(pi / 5), cos(pi / 5)];
A = R * diag([1 10]) * R';
A = (A + A') / 2;
b = [1; -2];
prob = gd_quadratic(A, b);
L = prob.L;
mu = prob.mu;
ts = prob.theta_star;
fs = prob.f_star;
theta0 = ts + [-3; 2];
R2 = sum((theta0 - ts) .^ 2);
e0 = gd_eval(prob, theta0) - fs;
K = 60;
eta = 1 / L;
rows = cell(0, 6);

% ---- update rule / ODE ------------------------------------------------------------------
[~, gd] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'full');
[~, G] = gd_eval(prob, gd.theta(:, 1:end - 1));
upd = max(sqrt(sum((gd.theta(:, 2:end) - gd.theta(:, 1:end - 1) + eta * G) .^ 2, 1)) ./ ...
          max(sqrt(sum(gd.theta(:, 1:end - 1) .^ 2, 1)), 1));
Tf = 6;
t = linspace(0, Tf, 1201)';
[t, Th, gfi] = gf_run(prob, theta0, t, 'RelTol', 1e-12, 'AbsTol', 1e-14);
dt = t(2) - t(1);
d5 = @(Y) (-Y(5:end, :) + 8 * Y(4:end - 1, :) - 8 * Y(2:end - 3, :) + Y(1:end - 4, :)) / (12 * dt);  % 4th order
dTh = d5(Th);
[~, Gt] = gd_eval(prob, Th(3:end - 2, :)');
ode = max(sqrt(sum((dTh' + Gt) .^ 2, 1)) ./ sqrt(sum(Gt .^ 2, 1)));
rows(end + 1, :) = {'update rule / ODE', 'theta_{k+1} = theta_k - eta grad f_k', ...
                    sprintf('gd_run: max rel. dev. %.1e', upd), 'dtheta/dt = -grad f', ...
                    sprintf('gf_run: max rel. norm(dtheta/dt + grad f) %.1e', ode), upd < 1e-13 && ode < 1e-5};

% ---- function decrease ---------------------------------------------------------------------
etas = [0.5 1 1.5 1.9] / L;
minratio = Inf;
for i = 1:numel(etas)
  [~, r] = gd_run(prob, theta0, 'StepSize', etas(i), 'MaxIter', K, 'GradTol', 0);
  guar = etas(i) * (1 - L * etas(i) / 2) * r.gradnorm(1:end - 1) .^ 2;
  dec = -diff(r.f);
  use = guar > 1e4 * eps * max(abs(r.f));
  minratio = min(minratio, min(dec(use) ./ guar(use)));
end
dfdt = d5(gfi.f);
g2 = gfi.gradnorm(3:end - 2) .^ 2;
use = g2 > 1e-8 * g2(1);
fdec = max(abs(dfdt(use) + g2(use)) ./ g2(use));
rows(end + 1, :) = {'function decrease', 'decrease >= eta(1 - L eta/2)||grad f||^2', ...
                    sprintf('min ratio %.4f (eta L = 0.5..1.9)', minratio), 'df/dt = -||grad f||^2', ...
                    sprintf('max rel. dev. %.1e', fdec), minratio >= 1 - 1e-9 && fdec < 1e-5};

% ---- stability: the GD threshold by bisection, the flow over a long horizon ----------------
ws = warning('off', 'gdflow:diverged');
lo = 1 / L;
hi = 3 / L;
for it = 1:40
  mid = (lo + hi) / 2;
  th = gd_run(prob, theta0, 'StepSize', mid, 'MaxIter', 2000, 'GradTol', 0, 'DivergenceLimit', Inf);
  if norm(th - ts) < norm(theta0 - ts)
    lo = mid;
  else
    hi = mid;
  end
end
warning(ws);
[~, ~, gl] = gf_run(prob, theta0, [0 1000], 'RelTol', 1e-8);
gf_stable = all(diff(gl.f) <= 1e-12 * max(abs(gl.f))) && all(isfinite(gl.f));
rows(end + 1, :) = {'stability', sprintf('0 < eta < 2/L = %.6f', 2 / L), sprintf('threshold (bisection) %.6f', lo), ...
                    'stable for all t', sprintf('f non-increasing on [0, 1000]: %s', gdf_demo_yesno(gf_stable)), ...
                    abs(lo - 2 / L) < 1e-3 * 2 / L && gf_stable};

% ---- rate, convex (a strongly convex f is convex: the O(1/k) bounds apply) -------------------
k = 1:K;
conv_gd = max((gd.f(2:end) - fs) ./ (L * R2 ./ (2 * k)));
tt = t(2:end);
conv_gf = max((gfi.f(2:end) - fs) ./ (R2 ./ (2 * tt)));
rows(end + 1, :) = {'rate, L-smooth convex', 'f_k - f* <= L R^2/(2k)', sprintf('max ratio %.4f', conv_gd), ...
                    'f(t) - f* <= R^2/(2t)', sprintf('max ratio %.4f', conv_gf), conv_gd <= 1 && conv_gf <= 1};

% ---- rate, strongly convex ------------------------------------------------------------------------
T = gd_compare(prob, theta0, {'1/L', struct('method', 'gf', 'solver', 'rk45', 'T', Tf)}, 'MaxIter', K, ...
               'Display', 'off');
sc_gd = max((gd.f(2:end) - fs) ./ ((1 - mu / L) .^ (1:K) * e0));      % k >= 1 (k = 0 is equality)
sc_gf = max((gfi.f(2:end) - fs) ./ (exp(-2 * mu * t(2:end)) * e0));
rows(end + 1, :) = {'rate, mu-strongly convex', sprintf('(1 - mu/L)^k, factor %.4f', 1 - mu / L), ...
                    sprintf('factor %.4f, max ratio %.4f', T(1).rate, sc_gd), sprintf('e^{-2 mu t}, exponent %.4f', 2 * mu), ...
                    sprintf('exponent %.4f, max ratio %.4f', -log(T(2).rate), sc_gf), sc_gd <= 1 + 1e-9 && sc_gf <= 1 + 1e-6};

% ---- the quadratic closed forms ------------------------------------------------------------------
M = eye(2) - eta * A;
devk = 0;
for kk = 0:K
  ref = ts + M ^ kk * (theta0 - ts);
  devk = max(devk, norm(gd.theta(:, kk + 1) - ref) / norm(theta0 - ts));
end
devt = 0;
for i = 1:20:numel(t)
  ref = ts + expm(-A * t(i)) * (theta0 - ts);
  devt = max(devt, norm(Th(i, :)' - ref) / norm(theta0 - ts));
end
rows(end + 1, :) = {'quadratic', 'theta_k - theta* = (I - eta A)^k e_0', sprintf('gd_run vs (I - eta A)^k: %.1e', devk), ...
                    'theta(t) - theta* = e^{-At} e_0', sprintf('gf_run vs expm: %.1e', devt), devk < 1e-12 && devt < 1e-9};

% ---- section 5, corrected: the same quantity on both sides --------------------------------------
eta_s = 0.01 / L;
Ts = 8;
Tc = gd_compare(prob, theta0, {eta_s, struct('method', 'gf', 'solver', 'exact', 'T', Ts)}, ...
                'MaxIter', round(Ts / eta_s), 'Display', 'off');
gd_exp = -log(Tc(1).rate) / eta_s;                   % per unit time t = k eta
gf_exp = -log(Tc(2).rate);
rows(end + 1, :) = {'SC, same quantity (sec. 5)', sprintf('f: (1-eta mu)^{2k} ~ e^{-2 mu t}, 2mu = %g', 2 * mu), ...
                    sprintf('eta = 0.01/L: exponent %.4f per unit t', gd_exp), sprintf('f: e^{-2 mu t}, 2mu = %g', 2 * mu), ...
                    sprintf('exponent %.4f per unit t', gf_exp), abs(gd_exp - 2 * mu) < 0.01 * 2 * mu && abs(gf_exp - 2 * mu) < 1e-6};


%% The sheet, theory beside measurement
% Look at the last column: every row must say yes.  The same table is
% written as Markdown (cheatsheet.md).
% ---- print, and write as Markdown -------------------------------------------------------------------
fprintf('\nProblem: quadratic with eigenvalues mu = %g, L = %g; theta_0 - theta* = (-3, 2); GD eta = 1/L, K = %d\n', mu, L, K);
w = [27 42 40 32 42 5];
hdr = {'aspect', 'GD theory', 'GD measured', 'GF theory', 'GF measured', 'holds'};
fprintf('%s\n', gdf_demo_row(hdr, w));
fprintf('%s\n', repmat('-', 1, sum(w) + 2 * numel(w)));
md = sprintf('| %s |\n', strjoin(hdr, ' | '));
md = [md, sprintf('|%s\n', repmat(' --- |', 1, numel(hdr)))];
for i = 1:size(rows, 1)
  r = rows(i, :);
  r{6} = gdf_demo_yesno(r{6});
  fprintf('%s\n', gdf_demo_row(r, w));
  md = [md, sprintf('| %s |\n', strjoin(r, ' | '))]; %#ok<AGROW>
end
fprintf(['On a quadratic GD with eta = 1/L contracts f - f* by (1 - mu/L)^2 = %.4f per step: the text''s\n' ...
         '1 - mu/L is a bound, tight only for general strongly convex f.\n'], (1 - mu / L) ^ 2);
fprintf(['Section 5 of the text compares GD''s parameter error (1 - eta mu)^k with GF''s function rate e^{-2 mu t};\n' ...
         'in the same quantity the two agree: ||theta - theta*|| ~ e^{-mu t} and f - f* ~ e^{-2 mu t} for both.\n']);
mdfile = fullfile(outdir, 'cheatsheet.md');
fid = fopen(mdfile, 'w');
fprintf(fid, '%s', md);
fclose(fid);

%% GD and the flow on one time axis
% Look at the two curves of f - f* against t = k eta: GD (markers) and the
% flow (line) stay below their bounds (dashed).

% ---- the figure --------------------------------------------------------------------------------------
fig = gdf_demo_figure(1500, 650);
subplot(1, 2, 1);
[~, gds] = gd_run(prob, theta0, 'StepSize', 0.1 / L, 'MaxIter', 60, 'GradTol', 0, 'History', 'full');
c = ts;
hp = gd_plot(prob, {gd, gds}, 'Limits', [c(1) - 3.5, c(1) + 1.5, c(2) - 2, c(2) + 3], 'Field', true, 'LineWidth', 2, ...
             'Title', 'GD (\eta = 1/L, 0.1/L) and the flow');
hold on;
P = gf_exact(prob, theta0, linspace(0, Tf, 400));
hf = plot(P(:, 1), P(:, 2), 'k--', 'linewidth', 2.5);
hold off;
set(gca, 'position', [0.05 0.12 0.3 0.76]);     % a square landscape, no blank beside it
subplot(1, 2, 2);
set(gca, 'position', [0.47 0.12 0.42 0.76]);   % the legend (eastoutside) names the colours of both
tk = (0:K) * eta;
semilogy(tk, gd.f - fs, 'o-', 'color', [0 0.447 0.698], 'linewidth', 2.5, 'markersize', 4);
hold on;
tks = (0:numel(gds.f) - 1) * 0.1 / L;
semilogy(tks, gds.f - fs, '-', 'color', [0.835 0.369 0], 'linewidth', 3);
semilogy(t, gfi.f - fs, 'k-', 'linewidth', 2);
semilogy(tk, (1 - mu / L) .^ (0:K) * e0, '--', 'color', [0 0.447 0.698], 'linewidth', 1.5);
semilogy(t, exp(-2 * mu * t) * e0, 'k--', 'linewidth', 1.5);
semilogy(t(2:end), R2 ./ (2 * t(2:end)), 'k:', 'linewidth', 2);
xlabel('time t (GD: t = k\eta)');
ylabel('f - f^*');
title('f - f^* against time, with the cheat-sheet bounds');
legend({'GD \eta = 1/L', 'GD \eta = 0.1/L', 'gradient flow', '(1-\mu/L)^k (f_0 - f^*)', 'e^{-2\mu t} (f_0 - f^*)', ...
        '||\theta_0-\theta^*||^2/(2t)'}, 'location', 'eastoutside');
xlim([0 Tf]);
ylim([1e-6 1e3]);
grid on;
hold off;
f1 = gdf_demo_save(fig, outdir, 'cheatsheet.png');

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(all(cell2mat(rows(:, 6))), 'every row of the cheat sheet holds on this problem (%d rows)', size(rows, 1));
fprintf('\nFigure and table written to %s:\n  %s\n  %s\n', outdir, f1, mdfile);
