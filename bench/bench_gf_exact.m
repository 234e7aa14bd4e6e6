function r = bench_gf_exact(quick)
%BENCH_GF_EXACT  gf_exact at 200 times, d = 200, against Octave baselines.
%   Baselines, same run: expm(-A*t_i) in a loop (the flow of theta' = -A theta
%   + b via the augmented matrix, as a user would write it with expm), and the
%   hand-written vectorized eigen closed form.  Targets: >= 100x the expm
%   loop, no slower than 1.2x the eigen form.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
d = 200;
nt = 200;
if quick
  d = 20;
  nt = 20;
end
randn('seed', 7);
[Q, ~] = qr(randn(d));
A = Q * diag(logspace(-1, 1, d)) * Q';
A = (A + A') / 2;
b = randn(d, 1);
theta0 = randn(d, 1);
t = linspace(0, 10, nt);
prob = gd_quadratic(A, b);
t_gf = bench_median(@() gf_exact(A, b, theta0, t), 5);
Theta = gf_exact(A, b, theta0, t);
M = [-A, b; zeros(1, d + 1)];
t_expm = bench_median(@() expm_loop(M, theta0, t), 1);
E1 = expm_loop(M, theta0, t);
t_eig = bench_median(@() eig_form(A, b, theta0, t), 5);
E2 = eig_form(A, b, theta0, t);
e1 = max(abs(Theta(:) - E1(:))) / max(abs(E1(:)));
e2 = max(abs(Theta(:) - E2(:))) / max(abs(E2(:)));
fprintf('\n[bench_gf_exact] d = %d, %d times\n', d, nt);
fprintf('  gf_exact %s   expm loop %s (%.0fx)   eigen form in Octave %s (%.2fx)   rel. differences %.1e, %.1e\n', ...
        bench_fmt_time(t_gf), bench_fmt_time(t_expm), t_expm / t_gf, bench_fmt_time(t_eig), t_eig / t_gf, e1, e2);
r = struct('name', {'bench_gf_exact', 'bench_gf_exact'}, ...
           'case', {sprintf('gf_exact vs expm loop, d=%d, %d t', d, nt), sprintf('gf_exact vs Octave eig form, d=%d', d)}, ...
           'gdflow', {t_gf, t_gf}, 'baseline', {t_expm, t_eig}, 'ratio', {t_expm / t_gf, t_eig / t_gf}, ...
           'target', {'>=100', '>=0.83'}, 'note', {sprintf('agree to %.0e', e1), sprintf('agree to %.0e', e2)});
end

function Theta = expm_loop(M, theta0, t)
d = numel(theta0);
Theta = zeros(numel(t), d);
for i = 1:numel(t)
  y = expm(M * t(i)) * [theta0; 1];
  Theta(i, :) = y(1:d)';
end
end

function Theta = eig_form(A, b, theta0, t)
[V, D] = eig(A);
lam = diag(D)';
z0 = (V' * theta0)';
c = (V' * b)';
E = exp(-t(:) * lam);
Z = E .* z0 + (-expm1(-t(:) * lam)) ./ lam .* c;
Theta = Z * V';
end
