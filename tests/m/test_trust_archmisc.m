% test_trust_archmisc.m - issue 13 (architecture), items 1 and 6: gf_exact's
% choice of path by the one symmetry rule of gdflow (GDF_SYM_RTOL = 1e-12,
% as gd_quadratic and the gateways), now decided in the library
% (gdf_exact_solve).
%   test('tests/m/test_trust_archmisc.m')

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%!shared A, b, x0, t
%! A = [4 1 0.5; 1 3 0.25; 0.5 0.25 2];  b = [1; -2; 0.5];  x0 = [1; 2; 3];  t = [0 0.5 2];

%!test
%! % a plain matrix within 1e-12*max|A| of symmetric: 'eig' accepts it (the
%! % former 4*eps rule refused it) and 'auto' gives the eig path of (A + A')/2
%! Ap = A;  Ap(1, 2) = Ap(1, 2) + 1e-12;
%! Ts = gf_exact((Ap + Ap') / 2, b, x0, t, 'Method', 'eig');
%! assert (gf_exact(Ap, b, x0, t, 'Method', 'eig'), Ts);
%! assert (gf_exact(Ap, b, x0, t), Ts);
%! assert (gf_exact(Ap, b, x0, t, 'Method', 'expm'), Ts, 1e-10);

%!test
%! % beyond the rule: 'auto' is the expm path (equal to 'expm' bit for bit), 'eig' refused
%! Ap = A;  Ap(1, 2) = Ap(1, 2) + 1e-9;
%! assert (gf_exact(Ap, b, x0, t), gf_exact(Ap, b, x0, t, 'Method', 'expm'));
%! try
%!   gf_exact(Ap, b, x0, t, 'Method', 'eig');  id = '';
%! catch err
%!   id = err.identifier;
%!   assert (~isempty(strfind(err.message, '1e-12')), err.message);
%! end
%! assert (id, 'gdflow:gf_exact:notSymmetric');

%!test
%! % a problem struct: the same rule as gd_quadratic (gdf_sym_rtol)
%! p = gd_quadratic(A, b);
%! p.A(1, 2) = p.A(1, 2) + 1e-12;      % within 1e-12 * 4
%! assert (gf_exact(p, x0, t), gf_exact(A, b, x0, t), 1e-11);
%! p.A(1, 2) = p.A(1, 2) + 1e-10;      % beyond
%! try
%!   gf_exact(p, x0, t);  id = '';
%! catch err
%!   id = err.identifier;
%! end
%! assert (id, 'gdflow:gf_exact:notSymmetric');
%! % and gd_quadratic draws the line at the same place
%! try
%!   gd_quadratic(p.A, b);  id = '';
%! catch err
%!   id = err.identifier;
%! end
%! assert (id, 'gdflow:gd_quadratic:notSymmetric');

%!test
%! % the errors the library now reports keep their identifiers and messages
%! try
%!   gf_exact(A, b, x0, [0 1.5 2], 'Iterates', 0.1);  msg = '';
%! catch err
%!   assert (err.identifier, 'gdflow:gf_exact:badIndex');  msg = err.message;
%! end
%! assert (~isempty(strfind(msg, 'entry 2 is 1.5')), msg);
%! try
%!   gf_exact(A, b, x0, 1, 'Iterates', Inf);  id = '';
%! catch err
%!   id = err.identifier;
%! end
%! assert (id, 'gdflow:gf_exact:badOption');
%! try
%!   gf_exact(diag([1 -1]), [], [1; 1], 1e3);  id = '';
%! catch err
%!   id = err.identifier;
%! end
%! assert (id, 'gdflow:gf_exact:overflow');
%! assert (size(gf_exact(A, b, x0, zeros(1, 0))), [0 3]);

%!test
%! % no 'nonSymmetric' identifier is left anywhere in m/ (the one name is notSymmetric)
%! d = fileparts(which('gf_exact'));
%! f = [dir(fullfile(d, '*.m')); dir(fullfile(d, 'private', '*.m'))];
%! for i = 1:numel(f)
%!   s = fileread(fullfile(f(i).folder, f(i).name));
%!   assert (isempty(strfind(s, 'nonSymmetric')), f(i).name);
%! end

%!test
%! % item 4: the option tables are generated from mex/gdf_opt_*.h; names, order and
%! % choices are those of the former hand-written tables
%! assert (fieldnames(gd_options('gd_run'))', {'StepSize', 'MaxIter', 'GradTol', 'FunTol', ...
%!   'StepTol', 'MaxTime', 'History', 'Display', 'OutputFcn', 'DivergenceLimit', 'Method', ...
%!   'InitialStep', 'Momentum', 'Metric', 'Iterations', 'MaxFunEvals', ...
%!   'BatchSize', 'Sampling', 'Seed', 'Schedule', 'ScheduleK0', 'Averaging', 'AverageFrom', ...
%!   'HistoryStride', 'NumExamples'});   % issue 16 (Method 'sgd'): appended at the end
%! assert (fieldnames(gd_options('gf_run'))', {'Method', 'Step', 'RelTol', 'AbsTol', ...
%!   'InitialStep', 'MaxStep', 'MaxSteps', 'GradTol', 'MaxTime', 'NewtonTol', 'NewtonMaxIter', ...
%!   'Damping', 'Metric', 'Temperature', 'Seed', 'InitialVelocity', 'Integrator', ...
%!   'StepSize', 'BatchSize', 'Sampling', 'NoiseCov'});   % issue 16 (Method 'sgd-sde'): appended at the end
%! c = {{'gd_run', 'Method', 'gd|heavyball|nesterov|proximal|natural|sgd'}, ...
%!      {'gd_run', 'Sampling', 'with-replacement|without-replacement|cyclic'}, ...
%!      {'gd_run', 'StepSize', '1/l|2/(l+mu)|backtracking'}, ...
%!      {'gd_run', 'History', 'none|f|full'}, {'gd_run', 'Display', 'off|final|iter'}, ...
%!      {'gf_run', 'Method', 'rk45|euler|heun|rk4|implicit|exact|heavyball|nesterov|natural|langevin|sgd-sde'}, ...
%!      {'gf_run', 'Sampling', 'with-replacement|independent-batches'}, ...
%!      {'gf_run', 'Integrator', 'rk45|euler|heun|rk4'}};
%! for i = 1:numel(c)
%!   try
%!     gd_options(c{i}{1}, c{i}{2}, 'zz');  msg = '';
%!   catch err
%!     msg = err.message;
%!   end
%!   assert (~isempty(strfind(msg, ['''', c{i}{3}, ''''])), msg);
%! end
%! try
%!   gf_exact(1, 1, 1, 1, 'Method', 'zz');  msg = '';
%! catch err
%!   msg = err.message;
%! end
%! assert (~isempty(strfind(msg, '''auto|eig|expm''')), msg);
%! % every Method choice reaches its own code path (positions match the enums)
%! A = [2 1; 1 3];  b = [1; 1];
%! assert (gf_exact(A, b, [0; 0], 1, 'Method', 'eig'), gf_exact(A, b, [0; 0], 1, 'Method', 'expm'), 1e-13);
%! [~, info] = gd_run(gd_quadratic(A, b), [0; 0], 'Method', 'nesterov', 'MaxIter', 3);
%! assert (info.method, 'nesterov');
%! [~, ~, info] = gf_run(gd_quadratic(A, b), [0; 0], [0 1], 'Method', 'heun', 'Step', 0.1);
%! assert (info.method, 'heun');

%!test
%! % gd_testfun rosenbrock: b < 0 is unbounded below (f_star -Inf, no theta_star)
%! p = gd_testfun('rosenbrock', 2, [1 -1]);
%! assert (p.f_star, -Inf);  assert (isempty(p.theta_star));
%! assert (isnan(p.mu) || p.mu < 0);
%! f = gd_eval(p, [1; 1e3]);  assert (f < -1e5);   % f really goes down
%! p = gd_testfun('rosenbrock', 5, [0.5 -2]);
%! assert (p.f_star, -Inf);  assert (isempty(p.theta_star));
%! % a = 0: the minimizer is 0 in any dimension
%! for d = [2 3 6]
%!   p = gd_testfun('rosenbrock', d, [0 100]);
%!   assert (p.theta_star, zeros(d, 1));  assert (p.f_star, 0);
%!   [f, g] = gd_eval(p, p.theta_star);  assert (f, 0);  assert (g, zeros(d, 1));
%! end
%! % a = 1: ones; d = 2 any a: [a; a^2]
%! p = gd_testfun('rosenbrock', 4);  assert (p.theta_star, ones(4, 1));  assert (p.f_star, 0);
%! p = gd_testfun('rosenbrock', 2, [3 7]);  assert (p.theta_star, [3; 9]);  assert (p.f_star, 0);
%! assert (gd_eval(p, p.theta_star), 0);
%! % d > 2, a not in {0, 1}: minimum > 0, unknown
%! p = gd_testfun('rosenbrock', 3, [2 100]);
%! assert (isnan(p.f_star));  assert (isempty(p.theta_star));
%! % b = 0: f = sum (a - x(i))^2 for i < d, 0 at the returned point
%! p = gd_testfun('rosenbrock', 4, [2 0]);
%! assert (p.f_star, 0);  assert (gd_eval(p, p.theta_star), 0);

%!test
%! % item 6, checked on the sources (skipped in an installed copy without them):
%! % no C test includes a library .c file; gdf_problems.c does not include
%! % gdf_gram.h; the Gram limit 4096 is written once (GDF_GRAM_PMAX)
%! root = gdf_test_root();
%! if exist(fullfile(root, 'tests', 'c'), 'dir') && exist(fullfile(root, 'mex', 'gdf_gram.h'), 'file')
%!   f = dir(fullfile(root, 'tests', 'c', '*.c'));
%!   for i = 1:numel(f)
%!     s = fileread(fullfile(root, 'tests', 'c', f(i).name));
%!     assert (isempty(regexp(s, '#include\s+"\.\./\.\./mex/[^"]*\.c"', 'once')), f(i).name);
%!   end
%!   s = fileread(fullfile(root, 'mex', 'gdf_problems.c'));
%!   assert (isempty(strfind(s, '#include "gdf_gram.h"')));
%!   assert (~isempty(regexp(fileread(fullfile(root, 'mex', 'gdf_gram.h')), 'define GDF_GRAM_PMAX 4096', 'once')));
%!   for n = {'gdf_gram.c', 'gdf_mexutil.c'}
%!     assert (isempty(regexp(fileread(fullfile(root, 'mex', n{1})), 'p\s*[<>]=?\s*4096', 'once')), n{1});
%!   end
%! end
