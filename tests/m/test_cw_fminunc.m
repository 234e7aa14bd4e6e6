% Issue 14 ("Coursework drop-in"), fminunc's calling habits: optimset and
% optimoptions-style structs in gd_run, gd_options and gd_minimize (each
% mapped name changes what its fminunc name says; everything else is named
% in one warning), handles that return f only (central differences, found
% on the first evaluation without a second Display header or OutputFcn
% 'init'), MaxFunEvals, and gd_minimize against Octave's fminunc on
% logistic regression with unscaled exam-score data (ex2's shape).

%!function [X, y] = ex2like()
%! % two exam scores in 30..100 and an intercept column: unscaled, kappa ~ 1e6
%! rand('state', 7);  randn('state', 7);
%! m = 100;
%! x = 30 + 70 * rand(m, 2);
%! y = double(x(:, 1) + x(:, 2) + 12 * randn(m, 1) > 130);
%! X = [ones(m, 1), x];
%!endfunction

%!function [J, grad] = costFunction(theta, X, y)
%! % the course's costFunction
%! m = length(y);
%! h = 1 ./ (1 + exp(-X * theta));
%! J = (-y' * log(h) - (1 - y)' * log(1 - h)) / m;
%! grad = X' * (h - y) / m;
%!endfunction

%!function J = cost_f(theta, X, y)
%! % the course's computeCost style: f only
%! J = costFunction(theta, X, y);
%!endfunction

%!function t = newton_ref(X, y)
%! % the optimum by 40 plain Newton steps (the reference)
%! t = zeros(size(X, 2), 1);
%! for k = 1:40
%!   h = 1 ./ (1 + exp(-X * t));
%!   t = t - (X' * (X .* (h .* (1 - h)))) \ (X' * (h - y));
%! end
%!endfunction

%!function stop = count_out(x, ov, state)
%! % OutputFcn that counts its calls by state (in a global) and never stops
%! global CWF_CALLS
%! CWF_CALLS{end + 1} = state;
%! stop = false;
%!endfunction

%!function [f, g] = late_fg(t)
%! % sum(t.^2), failing once t(1) < 0.5 (the fourth GD step with eta = 0.1)
%! if t(1) < 0.5
%!   error('my:late', 'late failure');
%! end
%! f = sum(t .^ 2);
%! g = 2 * t;
%!endfunction

%!shared prob, t0, A, b
%! A = [3 1; 1 2];  b = [1; 1];
%! prob = gd_testfun('rosenbrock');
%! t0 = [-1.2; 1];

%!test
%! % round trip: optimset -> gd_options -> gd_run gives the run of gdflow's own names
%! o = optimset('MaxIter', 40, 'TolFun', 1e-4, 'TolX', 1e-9, 'Display', 'off');
%! g = gd_options(o);
%! assert (g.MaxIter, 40);
%! assert (g.GradTol, 1e-4);
%! assert (g.FunTol, 1e-4);
%! assert (g.StepTol, 1e-9);
%! assert (g.Display, 'off');
%! assert (isempty(g.StepSize));
%! [t1, i1] = gd_run(prob, t0, o, 'StepSize', 'backtracking');
%! [t2, i2] = gd_run(prob, t0, g, 'StepSize', 'backtracking');
%! [t3, i3] = gd_run(prob, t0, 'StepSize', 'backtracking', 'MaxIter', 40, 'GradTol', 1e-4, ...
%!                   'FunTol', 1e-4, 'StepTol', 1e-9, 'Display', 'off');
%! assert (isequal(t1, t2, t3));
%! assert (isequal(i1.f, i2.f, i3.f));
%! assert (i1.iterations <= 40 && i1.iterations > 0);
%! assert (i1.gradient, 'analytic');

%!test
%! % a gd_options struct keeps working exactly as before; a mixed struct works
%! g = gd_options('StepSize', 'backtracking', 'MaxIter', 25);
%! [t1, i1] = gd_run(prob, t0, g);
%! [t2, i2] = gd_run(prob, t0, 'StepSize', 'backtracking', 'MaxIter', 25);
%! assert (isequal(t1, t2) && isequal(i1.f, i2.f));
%! s = struct('StepSize', 'backtracking', 'MaxIterations', 25, 'OptimalityTolerance', []);
%! [t3, i3] = gd_run(prob, t0, s);
%! assert (isequal(t3, t1) && i3.iterations == 25);

%!test
%! % MaxIter / MaxIterations: the iteration limit, exit flag 0
%! [~, i1] = gd_run(prob, t0, optimset('MaxIter', 7), 'StepSize', 'backtracking');
%! [~, i2] = gd_run(prob, t0, struct('MaxIterations', 7), 'StepSize', 'backtracking');
%! assert ([i1.iterations, i2.iterations, i1.exitflag, i2.exitflag], [7 7 0 0]);

%!test
%! % MaxFunEvals / MaxFunctionEvaluations: the evaluation limit, exit flag 0, its own message
%! [~, i1] = gd_run(prob, t0, optimset('MaxFunEvals', 30), 'StepSize', 'backtracking');
%! [~, i2] = gd_run(prob, t0, struct('MaxFunctionEvaluations', 30), 'StepSize', 'backtracking');
%! [~, i3] = gd_run(prob, t0, 'MaxFunEvals', 30, 'StepSize', 'backtracking');
%! assert (i1.exitflag, 0);
%! assert (i1.message, 'Stopped: MaxFunEvals function evaluations reached.');
%! assert (i1.funccount >= 30 && i1.funccount < 30 + 61);
%! assert (isequal(i1.f, i2.f, i3.f));
%! [~, i4] = gd_run(prob, t0, 'StepSize', 'backtracking');
%! assert (i4.iterations > i1.iterations);

%!test
%! % TolFun: gradient (GradTol) and change in f (FunTol); OptimalityTolerance and
%! % FunctionTolerance set one each; TolX / StepTolerance: StepTol
%! q = gd_quadratic([100 0; 0 1], [1; 1]);
%! [~, i0] = gd_run(q, [1; 1], 'StepSize', 0.005, 'MaxIter', 1e5);
%! [~, i1] = gd_run(q, [1; 1], struct('OptimalityTolerance', 1e-3), 'StepSize', 0.005, 'MaxIter', 1e5);
%! assert (i1.exitflag, 1);
%! assert (i1.gradnorm(end) <= 1e-3 && i1.gradnorm(end - 1) > 1e-3);
%! assert (i1.iterations < i0.iterations);
%! [~, i2] = gd_run(q, [1; 1], struct('FunctionTolerance', 1e-6), 'StepSize', 0.005, 'MaxIter', 1e5);
%! assert (i2.exitflag, 3);
%! [~, i3] = gd_run(q, [1; 1], optimset('TolFun', 1e-6), 'StepSize', 0.005, 'MaxIter', 1e5);
%! assert (i3.exitflag, 3);          % FunTol 1e-6 fires before GradTol 1e-6 here
%! assert (i3.iterations, i2.iterations);
%! [~, i4] = gd_run(q, [1; 1], optimset('TolX', 1e-5), 'StepSize', 0.005, 'MaxIter', 1e5);
%! [~, i5] = gd_run(q, [1; 1], struct('StepTolerance', 1e-5), 'StepSize', 0.005, 'MaxIter', 1e5);
%! assert ([i4.exitflag, i5.exitflag], [2 2]);
%! assert (i4.iterations, i5.iterations);

%!test
%! % Display: fminunc's values map to off / iter / final
%! p = gd_quadratic(A, b);
%! txt = evalc('x = gd_run(p, [1; 1], optimset(''Display'', ''iter-detailed''));');
%! assert (numel(strfind(txt, 'Iteration  Func-count')), 1);
%! txt = evalc('x = gd_run(p, [1; 1], optimset(''Display'', ''none''));');
%! assert (isempty(txt));
%! txt = evalc('x = gd_run(p, [1; 1], optimset(''Display'', ''final-detailed''));');
%! assert (~isempty(strfind(txt, 'Converged')) && isempty(strfind(txt, 'Func-count')));
%! txt = evalc('x = gd_run(p, [1; 1], optimset(''Display'', ''notify''));');
%! assert (~isempty(strfind(txt, 'Converged')));

%!test
%! % OutputFcn: a cell of output functions is called in turn; any true stops (exit flag -1)
%! global CWF_CALLS
%! CWF_CALLS = {};
%! stopper = @(x, ov, state) strcmp(state, 'iter') && ov.iteration >= 3;
%! [~, info] = gd_run(prob, t0, optimset('OutputFcn', {@count_out, stopper}), 'StepSize', 'backtracking');
%! assert (info.exitflag, -1);
%! assert (info.iterations, 3);
%! assert (sum(strcmp(CWF_CALLS, 'init')), 1);
%! assert (sum(strcmp(CWF_CALLS, 'iter')), 4);
%! assert (sum(strcmp(CWF_CALLS, 'done')), 1);
%! clear global CWF_CALLS

%!test
%! % GradObj 'off' / SpecifyObjectiveGradient false: central differences even
%! % though FUN returns [f, g]; the counts are values of f (1 + 2d per gradient)
%! fg = @(t) deal(0.5 * t' * A * t - b' * t, A * t - b);
%! [t1, i1] = gd_run(fg, [2; 1], optimset('GradObj', 'off'), 'StepSize', 0.2, 'MaxIter', 30, 'GradTol', 0);
%! [t2, i2] = gd_run(fg, [2; 1], struct('SpecifyObjectiveGradient', false), 'StepSize', 0.2, 'MaxIter', 30, 'GradTol', 0);
%! [t3, i3] = gd_run(fg, [2; 1], optimset('GradObj', 'on'), 'StepSize', 0.2, 'MaxIter', 30, 'GradTol', 0);
%! assert (i1.gradient, 'central differences');
%! assert (i2.gradient, 'central differences');
%! assert (i3.gradient, 'analytic');
%! assert (i1.funccount, 31 * 5);
%! assert (i3.funccount, 31);
%! assert (t1, t3, 1e-9);
%! assert (isequal(t1, t2));

%!test
%! % the options gdflow cannot honour are named in ONE warning; empty optimset fields are unset
%! s = optimset('MaxIter', 3);
%! s.HessUpdate = 'bfgs';  s.LargeScale = 'off';  s.TypicalX = [1; 1];  s.Hessian = 'off';
%! lastwarn('');
%! evalc('[~, info] = gd_run(prob, t0, s, ''StepSize'', ''backtracking'');');   % (quiet)
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:gd_run:ignoredOptions');
%! assert (~isempty(strfind(msg, 'HessUpdate')) && ~isempty(strfind(msg, 'LargeScale')) && ...
%!         ~isempty(strfind(msg, 'TypicalX')) && ~isempty(strfind(msg, 'Hessian')));
%! assert (info.iterations, 3);
%! lastwarn('');
%! evalc('g = gd_options(s);');
%! [msg, id] = lastwarn();
%! assert (id, 'gdflow:gd_options:ignoredOptions');
%! assert (g.MaxIter, 3);
%! lastwarn('');
%! x = gd_run(prob, t0, optimset('MaxIter', 3), 'StepSize', 'backtracking');
%! assert (isempty(lastwarn()));

%!warning id=gdflow:gd_run:ignoredOptions x = gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], struct('MaxIter', 3, 'PlotFcns', @(varargin) false));
%!warning id=gdflow:gd_minimize:ignoredOptions x = gd_minimize(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], struct('ObjectiveLimit', -1e10));
%!warning <ignored: GradObj> x = gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], optimset('GradObj', 'off'));
%!error <did you mean 'MaxIter'> gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], struct('TolX', 1e-3, 'MaxIterr', 3))
%!error id=gdflow:gd_run:badOption gd_run(gd_quadratic([3 1; 1 2], [1; 1]), [1; 1], struct('GradObj', 'maybe'))

%!test
%! % an optimoptions-like OBJECT (MATLAB's optimoptions returns one; here a
%! % classdef stand-in with the same property names): its properties are
%! % read, fminunc's defaults are not reported, the rest is named
%! d = tempname();
%! mkdir(d);
%! fid = fopen(fullfile(d, 'CwFakeOptions.m'), 'w');
%! fprintf(fid, ['classdef CwFakeOptions\n  properties\n    MaxIterations = 5\n' ...
%!               '    OptimalityTolerance = 1e-6\n    Algorithm = ''quasi-newton''\n' ...
%!               '    HessianFcn = []\n    FiniteDifferenceType = ''central''\n' ...
%!               '    SpecifyObjectiveGradient = false\n  end\nend\n']);
%! fclose(fid);
%! addpath(d);
%! c = onCleanup(@() cellfun(@(f) f(), {@() rmpath(d), @() delete(fullfile(d, 'CwFakeOptions.m')), @() rmdir(d)}));
%! o = CwFakeOptions();
%! assert (isobject(o));
%! lastwarn('');
%! evalc('[t, info] = gd_run(gd_testfun(''rosenbrock''), [-1.2; 1], o, ''StepSize'', ''backtracking'');');
%! [msg, id] = lastwarn();
%! assert (info.iterations, 5);
%! assert (id, 'gdflow:gd_run:ignoredOptions');
%! assert (~isempty(strfind(msg, 'FiniteDifferenceType')) && isempty(strfind(msg, 'Algorithm')));
%! evalc('[t, info] = gd_run(@(t) deal(sum(t .^ 2), 2 * t), [1; 1], o);');
%! assert (info.gradient, 'central differences');
%! evalc('g = gd_options(o);');
%! assert (g.MaxIter, 5);
%! assert (g.GradObj, 'off');

%!test
%! % MaxIter given as MATLAB's '<k>*numberOfVariables' string
%! [~, info] = gd_run(prob, t0, optimset('MaxIter', '3*numberOfVariables'), 'StepSize', 'backtracking');
%! assert (info.iterations, 6);

%!test
%! % gradient-free handles: central differences, gradient error ~1e-10 relative
%! A3 = [4 1 0; 1 3 1; 0 1 2];
%! f = @(t) sum(exp(0.3 * t)) + 0.5 * t' * A3 * t + sin(t(1) * t(2));
%! gf = @(t) 0.3 * exp(0.3 * t) + A3 * t + cos(t(1) * t(2)) * [t(2); t(1); 0];
%! for t = {[0.3; -1.2; 2], [2; -3; 1], [0; 0; 0]}
%!   [x, fv, fl, out, g] = gd_minimize(f, t{1}, 'MaxIter', 0);
%!   assert (fl, 0);
%!   assert (out.info.gradient, 'central differences');
%!   assert (norm(g - gf(t{1})) / norm(gf(t{1})) < 1e-9);
%! end
%! % the same optimum as the analytic gradient, in gd_run and gd_minimize
%! fg = @(t) deal(f(t), gf(t));
%! [ta, ia] = gd_run(fg, [1; 1; 1], 'StepSize', 'backtracking', 'GradTol', 1e-9);
%! [tn, in] = gd_run(f, [1; 1; 1], 'StepSize', 'backtracking', 'GradTol', 1e-9);
%! assert (in.gradient, 'central differences');
%! assert (ia.gradient, 'analytic');
%! assert (tn, ta, 1e-8);
%! assert (in.funccount, in.funccount / 7 * 7);
%! xm = gd_minimize(f, [1; 1; 1]);
%! assert (xm, ta, 1e-6);

%!test
%! % a one-output handle is found on the first evaluation: no second Display
%! % header, one OutputFcn 'init'; many starts and a row theta0 work too
%! global CWF_CALLS
%! CWF_CALLS = {};
%! f = @(t) sum((t - [1; 2]) .^ 2);
%! txt = evalc('[th, info] = gd_run(f, [0; 0], ''Display'', ''iter'', ''OutputFcn'', @count_out);');
%! assert (numel(strfind(txt, 'Iteration  Func-count')), 1);
%! assert (~isempty(regexp(txt, '\n\s+1\s+15\s', 'once')));   % Func-count in values of f: 3 gradients x 5
%! assert (~isempty(strfind(txt, 'Converged')));
%! assert (sum(strcmp(CWF_CALLS, 'init')), 1);
%! assert (th, [1; 2], 1e-7);
%! assert (info.gradient, 'central differences');
%! clear global CWF_CALLS
%! [T, info] = gd_run(f, [0 5; 0 -5], 'StepSize', 'backtracking');
%! assert (T, [1 1; 2 2], 1e-7);
%! [tr, info] = gd_run(@(t) sum((t(:) - [1; 2]) .^ 2), [0 0]);
%! assert (tr(:), [1; 2], 1e-7);
%! assert (info.gradient, 'central differences');

%!test
%! % errors of the user's function propagate unchanged, with their identifier
%! bad = @(t) error('my:own:failure', 'my function failed');
%! try
%!   gd_run(bad, [1; 2]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'my:own:failure');
%!   assert (err.message, 'my function failed');
%! end
%! try
%!   gd_minimize(bad, [1; 2]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'my:own:failure');
%! end
%! % an inner "too many outputs" from the user's own code is not taken for f-only
%! inner = @(t) error('Octave:invalid-fun-call', 'helper: function called with too many outputs');
%! try
%!   gd_run(inner, [1; 2]);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'Octave:invalid-fun-call');
%!   assert (~isempty(strfind(err.message, 'helper')));
%! end
%! % an error the function raises at a later iterate propagates too
%! try
%!   x = gd_run(@late_fg, [1; 2], 'StepSize', 0.1);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'my:late');
%! end

%!test
%! % gd_minimize against Octave's fminunc on ex2-shaped data: the same optimum,
%! % exit flags meaning the same; the student's line unchanged but the name
%! [X, y] = ex2like();
%! tref = newton_ref(X, y);
%! options = optimset('GradObj', 'on', 'MaxIter', 400);
%! [theta, cost] = gd_minimize(@(t) costFunction(t, X, y), zeros(3, 1), options);
%! assert (norm(theta - tref) / norm(tref) < 1e-6);
%! [tf, cf, ff] = fminunc(@(t) costFunction(t, X, y), zeros(3, 1), ...
%!                        optimset('GradObj', 'on', 'MaxIter', 400, 'TolFun', 1e-12, 'TolX', 1e-12));
%! assert (norm(theta - tf) / norm(tf) < 1e-6);
%! assert (cost, cf, 1e-10);
%! [theta, cost, fl, out] = gd_minimize(@(t) costFunction(t, X, y), zeros(3, 1), options);
%! [~, ~, ff2] = fminunc(@(t) costFunction(t, X, y), zeros(3, 1), options);
%! assert (fl > 0 && ff > 0 && ff2 > 0);      % both converged
%! assert (out.iterations <= 400);
%! assert (out.firstorderopt <= 1e-6);
%! assert (~isempty(strfind(out.algorithm, 'Newton')));
%! % at MaxIter both say 0
%! [~, ~, fl0] = gd_minimize(@(t) costFunction(t, X, y), zeros(3, 1), optimset('GradObj', 'on', 'MaxIter', 2));
%! [~, ~, ff0] = fminunc(@(t) costFunction(t, X, y), zeros(3, 1), optimset('GradObj', 'on', 'MaxIter', 2));
%! assert ([fl0, ff0], [0 0]);
%! % f only (computeCost style) and the gd_logistic struct reach the same optimum
%! tfo = gd_minimize(@(t) cost_f(t, X, y), zeros(3, 1), optimset('MaxIter', 400));
%! assert (norm(tfo - tref) / norm(tref) < 1e-6);
%! [tl, cl, fll, outl] = gd_minimize(gd_logistic(X, y), zeros(3, 1), options);
%! assert (norm(tl - tref) / norm(tref) < 1e-6);
%! assert (fll, 1);
%! assert (~isempty(strfind(outl.algorithm, 'Fisher')));

%!test
%! % a saddle is never success: gd_minimize returns -2 with a warning (handle and struct)
%! s = @(t) deal(t(1)^2 - t(2)^2, [2 * t(1); -2 * t(2)]);
%! ws = warning('off', 'gdflow:gd_minimize:saddle');
%! c = onCleanup(@() warning(ws));
%! [x, fv, fl, out] = gd_minimize(s, [1; 0]);
%! assert (fl, -2);
%! assert (out.info.stationary, 'saddle');
%! [x, fv, fl] = gd_minimize(gd_quadratic(diag([1 -1])), [1; 0]);
%! assert (fl, -2);
%! [x, fv, fl] = gd_minimize(s, [1; 0], 'Method', 'gd', 'StepSize', 0.25);
%! assert (fl, -2);
%! [x, fv, fl] = gd_minimize(gd_quadratic(-eye(2)), [1; 0]);
%! assert (fl, -3);

%!warning id=gdflow:gd_minimize:saddle x = gd_minimize(@(t) deal(t(1)^2 - t(2)^2, [2 * t(1); -2 * t(2)]), [1; 0]);

%!test
%! % MaxFunEvals stops gd_minimize with exit flag 0 (central differences count 1 + 2d)
%! [x, fv, fl, out] = gd_minimize(gd_testfun('rosenbrock'), [-1.2; 1], 'MaxFunEvals', 10);
%! assert (fl, 0);
%! assert (out.funcCount >= 10 && out.funcCount < 30);
%! [x, fv, fl, out] = gd_minimize(@(t) (1 - t(1))^2 + 100 * (t(2) - t(1)^2)^2, [-1.2; 1], 'MaxFunEvals', 60);
%! assert (fl, 0);
%! assert (out.info.gradient, 'central differences');
%! assert (out.funcCount >= 60);
%! [~, info] = gd_run(@(t) (1 - t(1))^2 + 100 * (t(2) - t(1)^2)^2, [-1.2; 1], 'MaxFunEvals', 100);
%! assert (info.exitflag, 0);
%! assert (info.funccount >= 100 && mod(info.funccount, 5) == 0);

%!error id=gdflow:gd_minimize:badHandleOutput gd_minimize(@(t) deal(sum(t.^2), [1; 2; 3]), [1; 1])
%!error id=gdflow:gd_minimize:badHandleOutput gd_minimize(@(t) deal(sum(t.^2), 2 * t + 1i), [1; 1])
%!error id=gdflow:gd_minimize:badHandleOutput gd_minimize(@(t) 1i * sum(t.^2), [1; 1])
%!error id=gdflow:gd_minimize:badHandleOutput gd_minimize(@(t) [1 2], [1; 1])
%!error id=gdflow:gd_minimize:badHandleOutput gd_minimize(@(t) sum(t.^2), ones(2, 2))
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) [1 2], [1; 1])
%!error id=gdflow:gd_run:badHandleOutput gd_run(@(t) t, [1; 1])
%!error <real vector of 2 elements> gd_minimize(@(t) deal(sum(t.^2), [1; 2; 3]), [1; 1])

%!test
%! % handles with 100 < d <= 1000 (ex3's 401 unknowns): quasi-Newton (BFGS from the gradients),
%! % not Nesterov: the optimum of a convex quadratic (kappa ~ 1e3) to 1e-8 in far fewer than 400
%! % iterations; an f-only handle the same (10 < d: BFGS from a scaled identity)
%! randn('seed', 11);
%! d = 150;
%! Q = randn(d);
%! A = Q' * Q / d + 0.01 * eye(d);
%! b = randn(d, 1);
%! ts = A \ b;
%! o = optimset('GradObj', 'on', 'MaxIter', 400);
%! [x, ~, ef, out] = gd_minimize(@(t) deal(0.5 * t' * A * t - b' * t, A * t - b), zeros(d, 1), o, ...
%!                               'GradTol', 1e-10, 'FunTol', 0, 'StepTol', 0);
%! assert (ef > 0);
%! assert (~isempty(strfind(out.algorithm, 'BFGS')));
%! assert (norm(x - ts) / norm(ts) < 1e-8);
%! assert (out.iterations < 400);
%! [x2, ~, ef2, out2] = gd_minimize(@(t) 0.5 * t' * A * t - b' * t, zeros(d, 1), ...
%!                                  optimset('MaxIter', 400, 'MaxFunEvals', 1e6, 'TolFun', 1e-10));
%! assert (ef2 > 0);
%! assert (~isempty(strfind(out2.algorithm, 'BFGS')));
%! assert (norm(x2 - ts) / norm(ts) < 1e-4);

%!test
%! % one-vs-all logistic regression with 121 unknowns, the course's 50 iterations: the handle's
%! % BFGS ends within 1e-2 (relative) of the optimal cost that Newton's method finds on the
%! % problem struct; Nesterov's 50 steps (the former default) end 30% above it
%! rand('seed', 5);
%! randn('seed', 5);
%! m = 600;  n = 120;
%! X = [ones(m, 1), rand(m, n)];
%! z = X(:, 2:end) * randn(n, 1);
%! y = (z - median(z) + randn(m, 1) > 0);
%! lam = 1;
%! cf = @(t) deal(mean(log1p(exp(X * t)) - y .* (X * t)) + lam / (2 * m) * sum(t(2:end) .^ 2), ...
%!                X' * (1 ./ (1 + exp(-X * t)) - y) / m + lam / m * [0; t(2:end)]);
%! o = optimset('GradObj', 'on', 'MaxIter', 50);
%! [~, c1] = gd_minimize(cf, zeros(n + 1, 1), o);
%! [~, c2] = gd_minimize(gd_logistic(X, y, lam), zeros(n + 1, 1), o);
%! [~, c3] = gd_minimize(cf, zeros(n + 1, 1), o, 'Method', 'nesterov');
%! assert (c1 >= c2 - 1e-12);
%! assert ((c1 - c2) / c2 < 1e-2);
%! assert ((c3 - c2) / c2 > 0.1);

%!test
%! % gf_run with a handle that returns f alone: the flow by central differences, as gd_run;
%! % against the same flow with the analytic gradient (fixed-step rk4: the same steps)
%! A = [3 1; 1 2];
%! b = [1; 1];
%! f1 = @(t) 0.5 * t' * A * t - b' * t;
%! fg = @(t) deal(0.5 * t' * A * t - b' * t, A * t - b);
%! [t1, T1] = gf_run(f1, [2; -1], [0 2], 'Method', 'rk4', 'Step', 0.05);
%! [t2, T2] = gf_run(fg, [2; -1], [0 2], 'Method', 'rk4', 'Step', 0.05);
%! assert (t1, t2, 0);
%! assert (T1, T2, 1e-8);
%! [~, T3] = gf_run(f1, [2; -1], [0 2]);
%! assert (T3(end, :), gf_exact(A, b, [2; -1], 2), 1e-5);

%!test
%! % a GradTol stop without a Hessian (BFGS, d > 100) says that a saddle is not ruled out;
%! % with a Hessian (Newton, d <= 100) it does not need to
%! [~, ~, e1, o1] = gd_minimize(@(t) deal(sum(t .^ 2), 2 * t), ones(150, 1));
%! [~, ~, e2, o2] = gd_minimize(@(t) deal(sum(t .^ 2), 2 * t), ones(3, 1));
%! assert ([e1, e2], [1, 1]);
%! assert (~isempty(strfind(o1.message, 'not ruled out')));
%! assert (isempty(strfind(o2.message, 'not ruled out')));

%!error id=gdflow:gd_eval:badHandleOutput [f, g] = gd_eval(@(t) [1 2], [1; 2])
%!error id=gdflow:gf_run:badHandleOutput gf_run(@(t) [1 2], [1; 2], [0 1])
