function r = bench_call_overhead(quick)
%BENCH_CALL_OVERHEAD  Fixed cost of one gd_run call (MaxIter 10), .m wrapper included.
%   Lecture sweeps call gd_run hundreds of times.  Target: <= 100 us per call.
%   Baseline in the same run: one inputParser parse of the same options (what
%   a plain .m toolbox pays before doing any work).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
n = 2000;
if quick
  n = 50;
end
prob = gd_quadratic([3 1; 1 2], [1; 1]);
t0 = tic;
for i = 1:n
  [~, info] = gd_run(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0); %#ok<ASGLU>
end
t_call = toc(t0) / n;
t0 = tic;
for i = 1:n
  p = inputParser;
  p.addParameter('StepSize', 0.1);
  p.addParameter('MaxIter', 1000);
  p.addParameter('GradTol', 1e-8);
  p.parse('StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
end
t_ip = toc(t0) / n;
fprintf('\n[bench_call_overhead] gd_run(prob, theta0, ''StepSize'', 0.1, ''MaxIter'', 10)\n');
fprintf('  one call %s   one inputParser parse %s   ratio %.1fx\n', bench_fmt_time(t_call), ...
        bench_fmt_time(t_ip), t_ip / t_call);
r = struct('name', 'bench_call_overhead', 'case', 'one gd_run call, MaxIter 10', ...
           'gdflow', t_call, 'baseline', t_ip, 'ratio', t_ip / t_call, 'target', '<=100us', ...
           'note', sprintf('%.0f us per call', t_call * 1e6));
end
