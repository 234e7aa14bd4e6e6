% gd_explore: the live step-size explorer (issue 17), driven headless: set a
% slider's value, invoke its Callback as a user's drag does, check what is drawn.

%!shared prob, h, theta0, N
%! prob = gd_testfun('ellipse', 10, pi / 6);
%! theta0 = [-3; 2];
%! N = 25;
%! h = gd_explore(prob, 'Visible', 'off', 'Iterations', N, 'Theta0', theta0);

%!test
%! % the handles: a figure, two axes, the sliders and what they redraw
%! assert (ishghandle(h.figure));
%! assert (numel(h.axes), 2);
%! assert (strcmp(get(h.eta_slider, 'style'), 'slider'));
%! assert (strcmp(get(h.kappa_slider, 'style'), 'slider'));   % the built-in bowl
%! assert ([get(h.eta_slider, 'min'), get(h.eta_slider, 'max')], [0.05 2.2]);
%! assert (get(h.eta_slider, 'value'), 1);
%! assert (isa(get(h.eta_slider, 'callback'), 'function_handle'));

%!test
%! % moving the eta slider: the path is exactly gd_run's, the flow is the
%! % exact flow up to t = N*eta, the curve is f - f*, the title shows eta
%! set(h.eta_slider, 'value', 0.7);
%! cb = get(h.eta_slider, 'callback');
%! cb(h.eta_slider, []);
%! eta = 0.7 / prob.L;
%! [~, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', N, 'GradTol', 0, ...
%!                    'DivergenceLimit', Inf, 'History', 'full');
%! assert (get(h.path, 'xdata'), info.theta(1, :), 0);
%! assert (get(h.path, 'ydata'), info.theta(2, :), 0);
%! assert (get(h.curve, 'ydata'), info.f - prob.f_star, 0);
%! fx = get(h.flow, 'xdata'); fy = get(h.flow, 'ydata');
%! assert ([fx(end); fy(end)], gf_exact(prob, theta0, N * eta)', 1e-12);
%! assert (~isempty(strfind(get(h.titles(1), 'string'), '0.7/L')));
%! % the bound is gd_theory's for this step; the run lies below it
%! th = gd_theory(prob, 'gd', eta, theta0, 0:N);
%! assert (get(h.bound, 'ydata'), th.bound(:)', 0);
%! assert (all(info.f - prob.f_star <= th.bound(:)' * (1 + 1e-12)));
%! assert (~isempty(strfind(get(h.message, 'string'), 'stable')));
%! S = h.state(h.figure);
%! assert (S.eta, eta);

%!test
%! % an unstable step (eta > 2/L): the divergence message, |1 - eta L| > 1
%! set(h.eta_slider, 'value', 2.1);
%! cb = get(h.eta_slider, 'callback');
%! cb(h.eta_slider, []);
%! msg = get(h.message, 'string');
%! assert (~isempty(strfind(msg, 'unstable')) && ~isempty(strfind(msg, 'diverges')));
%! assert (~isempty(strfind(get(h.titles(2), 'string'), 'diverges')));
%! y = get(h.curve, 'ydata');
%! assert (y(end) > 10 * y(1));                  % f - f* grows like 1.21^k: 117x over 25 steps in the stiff part
%! % back below 2/L: the message goes
%! set(h.eta_slider, 'value', 1.9);
%! cb(h.eta_slider, []);
%! assert (isempty(strfind(get(h.message, 'string'), 'diverges')));

%!test
%! % the kappa slider rebuilds the bowl (same angle) and reruns GD on it
%! set(h.eta_slider, 'value', 1);
%! set(h.kappa_slider, 'value', 40);
%! cb = get(h.kappa_slider, 'callback');
%! cb(h.kappa_slider, []);
%! p40 = gd_testfun('ellipse', 40, pi / 6);
%! S = h.state(h.figure);
%! assert (S.prob.A, p40.A, 1e-12 * norm(p40.A));
%! [~, info] = gd_run(S.prob, theta0, 'StepSize', 1 / S.prob.L, 'MaxIter', N, 'GradTol', 0, ...
%!                    'DivergenceLimit', Inf, 'History', 'full');
%! assert (get(h.path, 'xdata'), info.theta(1, :), 0);
%! assert (get(h.path, 'ydata'), info.theta(2, :), 0);
%! % the theory's rate on the new bowl: (1 - 1/kappa)^2 per step
%! th = gd_theory(S.prob, 'gd', 1 / S.prob.L, theta0, 0:N);
%! assert (th.rate, (1 - 1 / 40) ^ 2, 1e-12);

%!test
%! % a problem other than the bowl: no kappa slider; the update function
%! % returned is what the callback calls
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! g = gd_explore(q, 'Visible', 'off', 'Eta', 0.5, 'Iterations', 10);
%! c = onCleanup(@() close(g.figure));
%! assert (isempty(g.kappa_slider));
%! [~, info] = gd_run(q, q.theta_star + [-3; 2], 'StepSize', 0.5 / q.L, 'MaxIter', 10, 'GradTol', 0, ...
%!                    'DivergenceLimit', Inf, 'History', 'full');
%! assert (get(g.path, 'xdata'), info.theta(1, :), 0);
%! set(g.eta_slider, 'value', 1.5);
%! g.update(g.figure);
%! [~, info] = gd_run(q, q.theta_star + [-3; 2], 'StepSize', 1.5 / q.L, 'MaxIter', 10, 'GradTol', 0, ...
%!                    'DivergenceLimit', Inf, 'History', 'full');
%! assert (get(g.path, 'ydata'), info.theta(2, :), 0);

%!test
%! % a bowl beyond the slider's usual range keeps its kappa (the slider widens)
%! p400 = gd_testfun('ellipse', 400, 0.3);
%! g = gd_explore(p400, 'Visible', 'off', 'Iterations', 5);
%! c = onCleanup(@() close(g.figure));
%! S = g.state(g.figure);
%! assert (S.prob.A, p400.A, 0);                  % the problem given, not a rebuilt one
%! assert ([get(g.kappa_slider, 'max'), get(g.kappa_slider, 'value')], [p400.kappa p400.kappa]);

%!test
%! close(h.figure);

%!error id=gdflow:gd_explore:notTwoD gd_explore(gd_quadratic(eye(3)))
%!error id=gdflow:gd_explore:noL gd_explore(gd_testfun('rosenbrock'), 'Visible', 'off')
%!error id=gdflow:gd_explore:badProblem gd_explore(42)
%!error id=gdflow:gd_explore:badOption gd_explore(gd_testfun('ellipse', 4), 'Eta', 3, 'Visible', 'off')
%!error id=gdflow:gd_explore:badOption gd_explore(gd_testfun('ellipse', 4), 'Visible', 'maybe')
%!error id=gdflow:gd_explore:unknownOption gd_explore(gd_testfun('ellipse', 4), 'Eat', 1)
