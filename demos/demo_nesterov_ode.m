%% Nesterov's method and its ODE (Su, Boyd and Candes 2016)
% Claim (section 7 of the lecture): accelerated methods are discretizations
% of second-order ODEs.  Nesterov's iterates with step s and momentum
% (k-1)/(k+2) follow the solution of
%
%       theta'' + (3/t) theta' + grad f(theta) = 0,  theta(0) = theta0, theta'(0) = 0
%
% at the times t = k sqrt(s), and the closer the smaller s.  On the
% quadratic of the paper's first figure, f = 0.02 x^2 + 0.005 y^2 from
% (1, 1), the ODE has the closed form theta_i(t) = 2 J_1(sqrt(lambda_i) t) /
% (sqrt(lambda_i) t) theta0_i (Bessel J_1), and the gap f(theta(t)) - f* is
% at most 2 norm(theta0 - theta*)^2 / t^2.  The demo integrates the ODE with gf_run 'nesterov'
% (rk45; the singular 3/t is handled by its limit at t = 0), compares it
% with the Bessel form, and overlays Nesterov's iterates for s = 1, 0.25,
% 0.04; the table shows the gap shrinking with s.
%
% Run:  cd demos; demo_nesterov_ode

%% Set-up
%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
[GDF_QUICK, outdir, here] = gdf_demo_setup(here);   % ../m on the path; GDF_QUICK, GDF_FIGDIR; HERE under publish

A = diag([0.04, 0.01]);            % f = 0.02 x^2 + 0.005 y^2
prob = gd_quadratic(A);
theta0 = [1; 1];
T = 300;
tt = linspace(0, T, 1201);
[~, Th, info] = gf_run(prob, theta0, tt, 'Method', 'nesterov', 'RelTol', 1e-10, 'AbsTol', 1e-12);
% the closed form through Bessel functions (limit 1 at t = 0)
lam = diag(A)';
arg = sqrt(lam) .* tt(:);
B = 2 * besselj(1, arg) ./ arg;
B(tt == 0, :) = 1;
exact = B .* theta0';
err_ode = max(max(abs(Th - exact)));
R2 = sum((theta0 - prob.theta_star) .^ 2);
fgap = info.f - prob.f_star;
bound = 2 * R2 ./ tt(:) .^ 2;
ok_bound = all(fgap(2:end) <= bound(2:end) * (1 + 1e-9));

steps = [1, 0.25, 0.04];
gap = zeros(size(steps));
its = cell(size(steps));
for i = 1:numel(steps)
  s = steps(i);
  K = floor(T / sqrt(s));
  [~, r] = gd_run(prob, theta0, 'Method', 'nesterov', 'Momentum', 'schedule', 'StepSize', s, ...
                  'MaxIter', K, 'GradTol', 0, 'History', 'full');
  tk = (0:K) * sqrt(s);
  [~, Tk] = gf_run(prob, theta0, tk, 'Method', 'nesterov', 'RelTol', 1e-10, 'AbsTol', 1e-12);
  gap(i) = max(sqrt(sum((r.theta' - Tk) .^ 2, 2)));
  its{i} = struct('t', tk, 'theta', r.theta, 'f', r.f);
end


%% Iterates on the ODE trajectory
% Hypotheses: f is convex and L-smooth (here a quadratic), Nesterov step s,
% time t = k sqrt(s).  Look at the left panel: the iterates sit on the ODE
% curve, closer for smaller s; right: f - f* under the bound 2R^2/t^2.
fig = gdf_demo_figure(1500, 760);
subplot(1, 2, 1);
plot(tt, Th(:, 1), 'k-', 'linewidth', 2.5);
hold on;
colors = gdf_demo_palette(numel(steps));
for i = 1:numel(steps)
  plot(its{i}.t, its{i}.theta(1, :), 'o', 'color', colors(i, :), 'markersize', 4);
end
hold off;
grid on;
xlabel('t = k sqrt(s)');
ylabel('\theta_1');
legend([{'the ODE (rk45)'}, arrayfun(@(s) sprintf('Nesterov, s = %g', s), steps, 'UniformOutput', false)], ...
       'location', 'northeast');
title('Nesterov''s iterates follow the ODE as s shrinks');
subplot(1, 2, 2);
semilogy(tt(2:end), fgap(2:end), 'k-', 'linewidth', 2.5);
hold on;
semilogy(tt(2:end), bound(2:end), 'k--');
for i = 1:numel(steps)
  semilogy(its{i}.t(2:end), max(its{i}.f(2:end) - prob.f_star, 1e-300), '-', 'color', colors(i, :));
end
hold off;
grid on;
ylim([1e-8 10]);
xlabel('t');
ylabel('f - f^*');
legend([{'ODE', '2||\theta_0-\theta^*||^2/t^2'}, arrayfun(@(s) sprintf('Nesterov, s = %g', s), steps, 'UniformOutput', false)], ...
       'location', 'southoutside', 'orientation', 'horizontal');
title('f - f^* against the O(1/t^2) bound');
f1 = gdf_demo_save(fig, outdir, 'nesterov_ode.png');

%% Tables

fprintf('\nSu-Boyd-Candes ODE for f = 0.02 x^2 + 0.005 y^2 from (1, 1), t in [0, %g]\n', T);
fprintf('  gf_run ''nesterov'' (rk45, RelTol 1e-10) against the Bessel closed form: max error %.2e\n', err_ode);
fprintf('  f - f* <= 2||theta0 - theta*||^2/t^2 along the trajectory: %s\n', gdf_demo_yesno(ok_bound));
fprintf('\n%10s %10s %28s\n', 'step s', 'iterations', 'max ||theta_k - theta(k sqrt(s))||');
for i = 1:numel(steps)
  fprintf('%10g %10d %28.4e\n', steps(i), numel(its{i}.t) - 1, gap(i));
end

%% The claims, checked
% Each line below is one claim of the lecture measured on this run; a
% violated claim stops the demo (and make handouts) with an error.
gdf_demo_claim(err_ode < 1e-6, 'the ODE solution matches the Bessel closed form to 1e-6 (%.1e)', err_ode);
gdf_demo_claim(ok_bound, 'f(theta(t)) - f* <= 2||theta0 - theta*||^2/t^2 for all t');
gdf_demo_claim(all(diff(gap) < 0), 'the gap between Nesterov''s iterates and the ODE shrinks with s (%.3g, %.3g, %.3g)', gap);
fprintf('Figure written to %s\n', f1);
