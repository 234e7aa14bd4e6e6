% The lecture demos run headless in quick mode, write their figures, and the
% measured numbers they print satisfy the claims printed next to them.
% (Each demo also stops with gdflow:demo:claimViolated when a claim fails.)
% demo_overview is run by test_demos_bench.m.

%!function out = run_demo(name, figdir)
%!  % the demo in a workspace of its own, quick sizes, figures into FIGDIR
%!  root = gdf_test_root();
%!  old = pwd();
%!  c = onCleanup(@() cd(old));
%!  cd(fullfile(root, 'demos'));
%!  GDF_QUICK = true;
%!  GDF_FIGDIR = figdir;
%!  out = evalc(name);
%!endfunction

%!function check_pngs(figdir, names)
%!  for i = 1:numel(names)
%!    d = dir(fullfile(figdir, names{i}));
%!    assert (numel(d) == 1, sprintf('%s was not written', names{i}));
%!    assert (d.bytes > 10000, sprintf('%s is only %d bytes', names{i}, d.bytes));
%!  end
%!endfunction

%!function v = num_after(out, pattern)
%!  % the numbers captured by the groups of the regular expression PATTERN
%!  tok = regexp(out, pattern, 'tokens', 'once');
%!  assert (~isempty(tok), sprintf('no match for %s', pattern));
%!  v = reshape(str2double(tok), 1, []);
%!endfunction

%!shared figdir
%! figdir = tempname();
%! mkdir(figdir);

%!test
%! out = run_demo('demo_stability', figdir);
%! check_pngs(figdir, {'stability_scalar.png', 'stability_quadratic.png'});
%! % the 2-D table: eta = 2/(L+mu) has measured rates equal to rho and rho^2, 2.1/L is unstable
%! v = num_after(out, '0\.1818\s+0\.909\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+yes\s+yes');
%! assert (v(1), 9 / 11, 1e-6);
%! assert (v(2), v(1), 1e-6);
%! assert (v(3), v(4), 1e-6);
%! assert (v(4), (9 / 11) ^ 2, 1e-6);
%! assert (~isempty(regexp(out, '0\.21\s+1\.050\s+1\.100000\s+1\.1000\d+\s+1\.2100\d+\s+1\.210000\s+NO\s+NO', 'once')));
%! assert (numel(strfind(out, 'claim holds')), 6);

%!test
%! out = run_demo('demo_convex_rate', figdir);
%! check_pngs(figdir, {'convex_rate.png'});
%! r = num_after(out, 'f_k - f\* <= L R\^2/\(2k\) for all k = 1\.\.\d+ \(max ratio ([\d.]+)\)');
%! assert (r <= 1);
%! r = num_after(out, 'R\^2/\(2t\) at all \d+ times \(max ratio ([\d.]+)\)');
%! assert (r <= 1);
%! % the smallest ratio actual/guaranteed decrease at each of the four steps
%! v = num_after(out, '1\.9\s+1\.90\s+0\.0950\s+([\d.]+)');
%! assert (v >= 1);
%! assert (numel(strfind(out, 'claim holds')), 4);

%!test
%! out = run_demo('demo_linear_rate', figdir);
%! check_pngs(figdir, {'linear_rate.png', 'linear_rate_kappa.png'});
%! % quadratic, eta = 2/(L+mu): the measured f rate is at most the theoretical factor
%! v = num_after(out, 'kappa = 50\s+2/\(L\+mu\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)');
%! assert (v(2) <= v(3) * (1 + 1e-6));
%! assert (v(5) <= 1 + 1e-9);
%! s = num_after(out, 'against kappa: ([\d.]+) \(theory: 1\)');
%! assert (abs(s - 1) < 0.2);

%!test
%! out = run_demo('demo_gf_energy', figdir);
%! check_pngs(figdir, {'gf_energy.png', 'gf_exponential.png', 'gf_modes.png'});
%! r = num_after(out, 'max relative difference of -df/dt and \|\|grad f\|\|\^2: ([\d.e+-]+)');
%! assert (r < 1e-3);
%! v = num_after(out, 'f - f\*: ([\d.]+), \|\|e\|\|\^2: ([\d.]+); the bound''s 2 mu = ([\d.]+)');
%! assert (all(v(1:2) >= v(3)));                 % decays at least as fast as e^{-2 mu t}
%! modes = out(strfind(out, 'measured decay rate'):end);
%! for lam = [0.25 0.5 1 2 4]
%!   m = num_after(modes, sprintf('\\s%g\\s+([\\d.]+)\\s+[\\d.e+-]+\\n', lam));
%!   assert (m, lam, 1e-5 * lam);
%! end

%!test
%! out = run_demo('demo_euler_error', figdir);
%! check_pngs(figdir, {'euler_paths.png', 'euler_error.png'});
%! v = num_after(out, 'fitted orders: GD ([\d.]+) \(ellipse\), ([\d.]+) \(Himmelblau\); Heun (\d+\.\d+); RK4 (\d+\.\d+)');
%! assert (v(1:2), [1 1], 0.05);
%! assert (v(3), 2, 0.15);
%! assert (v(4), 4, 0.3);
%! v = num_after(out, 'local error \(from the 4th eta on\): ([\d.]+) \(ellipse\), ([\d.]+) \(Himmelblau\)');
%! assert (v, [2 2], 0.05);

%!test
%! out = run_demo('demo_backward_euler', figdir);
%! check_pngs(figdir, {'backward_euler.png'});
%! % every row: GD diverges above 2/L, the backward Euler rate equals 1/(1 + eta mu)
%! rows = regexp(out, '\n\s+([\d.e+-]+)\s+([\d.]+)\s+[\d.e+-]+\s+(ok|DIVERGES)\s+([\d.]+)\s+([\d.]+)', 'tokens');
%! assert (numel(rows), 6);
%! for i = 1:numel(rows)
%!   mult = str2double(rows{i}{2});
%!   assert (strcmp(rows{i}{3}, 'ok'), mult < 1);
%!   assert (str2double(rows{i}{4}), str2double(rows{i}{5}), 1e-4 * str2double(rows{i}{5}));
%! end
%! v = num_after(out, 'BE eta = 10\s+40\s+([\d.e+-]+)');
%! assert (v < 1e-10);

%!test
%! out = run_demo('demo_zigzag', figdir);
%! check_pngs(figdir, {'zigzag.png'});
%! it = zeros(1, 3);
%! kap = [1 10 100];
%! for i = 2:3
%!   v = num_after(out, sprintf('\\s%d 2/\\(L\\+mu\\)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([-\\d.]+)', kap(i)));
%!   it(i) = v(1);
%!   assert (v(2), ((kap(i) - 1) / (kap(i) + 1)) ^ 2, 1e-6);
%!   assert (v(3), v(2), 1e-6);
%!   assert (v(4) < 0);                          % consecutive steps point against each other
%! end
%! assert (it(3) > it(2));

%!test
%! out = run_demo('demo_cheatsheet', figdir);
%! check_pngs(figdir, {'cheatsheet.png'});
%! assert (exist(fullfile(figdir, 'cheatsheet.md'), 'file') == 2);
%! md = fileread(fullfile(figdir, 'cheatsheet.md'));
%! assert (numel(strfind(md, '| yes |')), 7);
%! assert (isempty(strfind(md, '| NO |')));
%! v = num_after(out, 'threshold \(bisection\) ([\d.]+)');
%! assert (v, 0.2, 1e-3 * 0.2);

%!test
%! out = run_demo('demo_momentum', figdir);
%! check_pngs(figdir, {'momentum.png'});
%! % iteration counts grow ~kappa for GD and ~sqrt(kappa) for heavy ball and Nesterov
%! v = num_after(out, 'GD (\d+)x, heavy ball (\d+)x, Nesterov (\d+)x');
%! assert (v(1) > 300 && v(2) < 100 && v(3) < 100);

%!test
%! out = run_demo('demo_natural', figdir);
%! check_pngs(figdir, {'natural.png'});
%! v = num_after(out, 'error after one step ([\d.]+e[+-]\d+)');
%! assert (v < 1e-10);
%! v = num_after(out, 'logistic, 120 points \(Fisher\)\s+(\d+)\s+(\d+)\s+(\d+)');
%! assert (v(2) < v(1) && v(3) < v(1) / 5);

%!test
%! out = run_demo('demo_nesterov_ode', figdir);
%! check_pngs(figdir, {'nesterov_ode.png'});
%! v = num_after(out, 'Bessel closed form: max error ([\d.]+e[+-]\d+)');
%! assert (v < 1e-6);
%! v = num_after(out, '0\.04\s+\d+\s+([\d.]+e[+-]\d+)');
%! assert (v < 0.05);

%!test
%! out = run_demo('demo_langevin', figdir);
%! check_pngs(figdir, {'langevin.png'});
%! assert (~isempty(strfind(out, 'the same Seed reproduces the same path bit for bit')));
%! v = num_after(out, 'within 5% of T\*inv\(A - hA\^2/2\) \(([\d.]+)%\)');
%! assert (v < 5);

%!test
%! out = run_demo('demo_coursework', figdir);
%! check_pngs(figdir, {'coursework.png'});
%! assert (~isempty(strfind(out, 'gd_run theta = [-3.6303; 1.1664]')));
%! v = num_after(out, 'largest relative difference in J_history ([\d.]+e[+-]\d+)');
%! assert (v < 1e-12);
%! assert (~isempty(strfind(out, '1.02x diverges (exitflag -2')));

%!test
%! out = run_demo('demo_coursework_ex2', figdir);
%! check_pngs(figdir, {'coursework_ex2.png'});
%! % the generated data are the same everywhere: its minimizer, to the printed digits
%! assert (~isempty(strfind(out, 'theta* = [-20.6045; 0.1703; 0.1567], f* = 0.234403')));
%! % rows: iterations, f evals, time, cost, f - f*, accuracy, |theta - theta*|
%! row = @(name) num_after(out, [name '\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.e+-]+)\s+(\d+)%\s+([\d.e+-]+)']);
%! v = row('natural gradient \(Fisher\), raw');
%! assert (v(1) <= 20 && v(7) <= 1e-6 && v(6) == 89);
%! v = row('GD, 1/L, raw scores');
%! assert (v(1) == 400 && v(5) > 1e-2 && v(7) > 1);
%! v = row('GD, 1/L, scaled features');
%! assert (v(5) <= 1e-8);
%! v = row('gd_minimize\(gd_logistic\(X, y\)\)');
%! assert (v(7) <= 1e-6);
%! v = row('gd_minimize, the same line');
%! assert (v(5) <= 1e-8);
%! v = row('fminunc, the course''s line');          % Octave has fminunc
%! assert (v(5) <= 1e-8);
%! hint = regexp(out, 'its hint: ([^\n]*)', 'tokens', 'once');
%! assert (~isempty(hint) && numel(strtrim(hint{1})) > 10);
%! assert (numel(strfind(out, 'claim holds')), 7);

%!test
%! % run_all_demos runs every demo_*.m, demo_overview first, the lecture's claims in order
%! root = gdf_test_root();
%! old = pwd();  c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos', 'private'));
%! names = gdf_demo_list(fullfile(root, 'demos'));
%! d = dir(fullfile(root, 'demos', 'demo_*.m'));
%! assert (sort(names), sort(regexprep({d.name}, '\.m$', '')));
%! assert (names(1:3), {'demo_overview', 'demo_stability', 'demo_convex_rate'});
%! assert (~isempty(strfind(fileread(fullfile(root, 'demos', 'run_all_demos.m')), 'gdf_demo_list(')));

%!test
%! % a violated claim is an error, not a line of output
%! root = gdf_test_root();
%! old = pwd();  c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos', 'private'));
%! try
%!   gdf_demo_claim(false, 'a bound of %d', 1);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:demo:claimViolated');
%!   assert (err.message, 'claim violated: a bound of 1');
%! end

%!test
%! if exist(figdir, 'dir')
%!   confirm_recursive_rmdir(false, 'local');
%!   rmdir(figdir, 's');
%! end

%!test
%! % gd_plot's LineWidth option (used by the demos) widens paths and streamlines
%! prob = gd_testfun('ellipse', 5);
%! [~, info] = gd_run(prob, [-2; 1], 'StepSize', 0.1, 'MaxIter', 5, 'History', 'full');
%! f = figure('visible', 'off');
%! c = onCleanup(@() close(f));
%! h = gd_plot(prob, info, 'Streamlines', [-2; 1], 'LineWidth', 3);
%! assert (get(h.paths(1), 'linewidth'), 3);
%! assert (get(h.streamlines(1), 'linewidth'), 3.3);
%! clf(f);
%! h = gd_plot(prob, info);
%! assert (get(h.paths(1), 'linewidth'), 2.5);          % the default Style, 'slides'
