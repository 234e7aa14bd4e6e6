function [theta, info, J_history] = gd_run(fun, theta0, varargin)
%GD_RUN  Gradient descent, run in C: theta_{k+1} = theta_k - eta*grad f(theta_k).
%
%   [THETA, INFO] = GD_RUN(FUN, THETA0) runs gradient descent from THETA0.
%   [THETA, INFO] = GD_RUN(FUN, THETA0, Name, Value, ...) sets options; an
%   options struct from GD_OPTIONS may stand in place of (or before) the
%   name-value pairs.  Option names are case-insensitive.
%
%   FUN is a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%   GD_TESTFUN), evaluated entirely in C, or a function handle returning
%   [f, g] = FUN(theta), called back from the C loop.  A handle that
%   returns f alone (@(t) computeCost(X, y, t)) works too: its gradient is
%   computed by central differences, g_i = (f(t + h_i e_i) - f(t - h_i e_i))
%   / (2 h_i), h_i = eps^(1/3)*max(|t_i|, 1) (fminunc's central rule), 2d
%   more values of f per gradient; INFO.gradient says 'central differences'
%   (else 'analytic'); INFO.funccount, MaxFunEvals, OutputFcn's funccount
%   and the Func-count of Display 'iter' count values of f.  Such a
%   handle is recognised by the error of its first two-output call ("called
%   with too many outputs"), confirmed by a probe at THETA0; any other error
%   of the handle propagates unchanged.  Every trial point of a line search
%   pays for its gradient (the C loop tests it); gd_minimize does not.
%
%   fminunc's options: an OPTIMSET struct (or a MATLAB optimoptions object,
%   whose properties are read; that path is untested here) works in place of
%   a GD_OPTIONS struct.  Names are mapped with fminunc's meaning:
%     MaxIter, MaxIterations            -> MaxIter
%     MaxFunEvals, MaxFunctionEvaluations -> MaxFunEvals
%     TolFun                            -> GradTol and FunTol (MATLAB's TolFun is
%                                          both OptimalityTolerance and
%                                          FunctionTolerance; Octave's fminunc
%                                          tests both with it)
%     OptimalityTolerance -> GradTol;   FunctionTolerance -> FunTol
%     TolX, StepTolerance               -> StepTol
%     Display  'off'/'none', 'iter'/'iter-detailed', 'final'/'final-detailed'/
%              'notify'/'notify-detailed' (both shown as 'final')
%     OutputFcn  a handle or a cell of handles (each called; any true stops);
%              optimValues has gdflow's fields (iteration, fval, funccount and
%              stepsize as in fminunc; gradnorm, no gradient/firstorderopt:
%              GD_MINIMIZE's Newton path gives those too)
%     GradObj, SpecifyObjectiveGradient  'off'/false: central differences
%              even if FUN returns [f, g]; 'on'/true: FUN returns [f, g]
%   The measures differ: GradTol tests norm(grad f) (2-norm, absolute),
%   MATLAB's fminunc the infinity norm (its "first-order optimality", which
%   may be taken relative to max(1, norm(grad f(theta0), Inf))), Octave's
%   fminunc norm(grad f) <= TolFun*d*norm(theta); StepTol is relative,
%   norm(step) <= StepTol*(1 + norm(theta)), as MATLAB's StepTolerance
%   (Octave: TolX*norm(theta)); FunTol |f_k - f_k+1| <= FunTol*(1 + |f_k|)
%   (Octave: relative decrease (f_k - f_k+1)/(|f_k| + |f_k+1|) < TolFun).
%   Every other non-empty fminunc option (HessUpdate, LargeScale, Algorithm,
%   TypicalX, FinDiffType, Hessian, PlotFcns, ObjectiveLimit, ...) is named
%   in one warning gdflow:gd_run:ignoredOptions; empty fields are unset.
%
%   Options
%     StepSize    a positive number, '1/L', '2/(L+mu)' or 'backtracking'
%                 (Armijo, sufficient decrease 1e-4, halving, each iteration
%                 starting from twice the last accepted step).  Default '1/L'
%                 when the problem knows L, else 'backtracking'.  Where the
%                 change in f is below its rounding (16*eps*|f|), the
%                 decrease is judged from the gradients at both ends of the
%                 step (the trapezoid rule, exact for quadratics).  A trial
%                 step that no longer changes theta at working precision
%                 (norm(step, Inf) <= eps*max(norm(theta, Inf), realmin)) ends
%                 the search: exitflag 2, 'the step fell below rounding
%                 level' (the gradient may be wrong, or theta is optimal to
%                 working precision).  A fixed step that leaves theta
%                 unchanged for 100 iterations in a row stops the same way
%                 when GradTol > 0 or MaxIter = Inf (GradTol 0 with a finite
%                 MaxIter takes exactly MaxIter steps).
%     InitialStep first trial step of 'backtracking' (default 1/L, else 1)
%     MaxIter     iteration limit (default 1000; Inf allowed)
%     MaxFunEvals limit on evaluations of f (default Inf): tested before each
%                 step with MaxIter (a line search may pass it by its own
%                 evaluations); exitflag 0, 'Stopped: MaxFunEvals function
%                 evaluations reached.'  Not for Method 'proximal'.
%     GradTol     stop when norm(grad f) <= GradTol (default 1e-8; 0 = off)
%     StepTol     stop when norm(theta_{k+1} - theta_k) <= StepTol*(1 + norm(theta_k)) (default 0 = off)
%     FunTol      stop when |f_k - f_{k+1}| <= FunTol*(1 + |f_k|) (default 0 = off)
%     MaxTime     wall-clock limit in seconds (default Inf)
%     DivergenceLimit  stop as diverged when f_k - f_0 > DivergenceLimit*max(1, |f_0|)
%                 (default 1e8; a non-finite f or gradient always stops the run)
%     History     'f' (default: f and norm(grad f) at every iterate), 'full'
%                 (also every iterate, in INFO.theta) or 'none'
%     Display     'off' (default), 'final' or 'iter' (a table like fminunc's)
%     OutputFcn   STOP = OUTFCN(theta, optimValues, state) with optimValues
%                 fields iteration, fval, gradnorm, stepsize, funccount and
%                 state 'init', 'iter' or 'done'; returning true stops the run
%     Method      'gd' (default); 'heavyball' (Polyak: theta+ = theta - eta*g +
%                 beta*(theta - theta_prev); default eta = 4/(sqrt(L)+sqrt(mu))^2 and
%                 beta = ((sqrt(kappa)-1)/(sqrt(kappa)+1))^2 when L and mu are known,
%                 the optimal pair for quadratics); 'nesterov' (y = theta +
%                 beta_k*(theta - theta_prev), theta+ = y - eta*grad f(y); eta = 1/L,
%                 beta = (sqrt(kappa)-1)/(sqrt(kappa)+1) when mu > 0 is known, else
%                 the (k-1)/(k+2) schedule; backtracking uses f(y - t g) <= f(y) -
%                 t/2*||g||^2 with t non-increasing, and restarts adaptively
%                 (O'Donoghue & Candes): a step that would raise f above
%                 f(theta_k) (by more than rounding, 16*eps*|f|) is rejected, the
%                 momentum restarts from theta_k (schedule from k = 0) and t
%                 from InitialStep, so f never rises and THETA is the best
%                 iterate; fixed-step Nesterov and heavy ball are the textbook
%                 methods, not monotone: THETA is the last iterate, INFO.f
%                 the path); 'proximal' (the proximal
%                 point method = backward Euler: exact linear solve for quadratics,
%                 Newton otherwise; stable for any StepSize); 'natural'
%                 (theta+ = theta - eta*G^{-1}*grad f, default eta = 1);
%                 'sgd' (stochastic gradient descent: see Method 'sgd' below)
%     Momentum    beta in [0, 1), or 'schedule' (Nesterov's (k-1)/(k+2))
%     Metric      for 'natural': an SPD matrix G, a handle G = metric(theta),
%                 'fisher' (gd_logistic: the Fisher information) or 'hessian'
%                 (G = the Hessian: Newton's method).  Default for a
%                 GD_LOGISTIC problem: 'fisher' (the same run, bit for bit);
%                 other problems need one
%     Iterations  N: a fixed-length run, exactly N steps, as the course's
%                 "for iter = 1:num_iters" loop: no GradTol, FunTol, StepTol
%                 or fixed-point stop and DivergenceLimit Inf, so only a
%                 non-finite f or gradient ends it early (exitflag -2, the
%                 gdflow:diverged warning, the history up to the last finite
%                 iterate) -- or MaxTime, an OutputFcn, or a backtracking
%                 search that can no longer move theta.  Not together with
%                 MaxIter, GradTol, FunTol, StepTol or DivergenceLimit
%                 (error gdflow:gd_run:conflictingOptions).  'GradTol', 0
%                 with MaxIter N also takes N steps, but DivergenceLimit (and
%                 a zero gradient) still stop it.  A learning-rate sweep:
%                   for a = [0.01 0.03 0.1 0.3 1 1.3]
%                     [~, ~, J] = gd_run(prob, t0, 'StepSize', a, 'Iterations', 50);
%                   end
%
%   Method 'sgd': stochastic gradient descent on a finite sum
%   f = (1/m) sum_i l_i(theta) + r(theta): a GD_LEASTSQ or GD_LOGISTIC
%   problem (the m rows of X are the examples; r is the problem's own
%   regularisation, lambda/(2m)*||theta(2:end)||^2, whose gradient every
%   step adds in full), or a handle [f, g] = FUN(theta, idx) that returns
%   the MEAN loss over the examples in idx (a column of indices in 1..m)
%   and its gradient, with 'NumExamples', m (a full-data record calls it
%   with idx = (1:m)', or, beyond 2^20 examples, with chunks of 2^20
%   indices whose means it combines).  Step k (k = 0, 1, ...):
%   draw B indices, g = the mean of their gradients, theta_k+1 = theta_k -
%   eta_k*g (+ beta*(theta_k - theta_k-1) with Momentum beta).  The steps
%   run in C (dense X: one contiguous pass over the B rows of a row-major
%   copy of X made once; sparse X: a CSR copy); a handle is called back
%   once per step (slow but correct: use it for models gdflow does not
%   have).  Options of Method 'sgd':
%     BatchSize   B, an integer 1 <= B <= m (default 1).  B = m is
%                 full-batch GD: the full gradient, no sampling, GD's
%                 iterates bit for bit (with Momentum: heavy ball's)
%     Sampling    'with-replacement' (default: B independent uniform
%                 draws), 'without-replacement' (epochs of a random
%                 permutation: every example once per epoch; a batch may
%                 straddle two epochs) or 'cyclic' (1, 2, ..., m, 1, ...)
%     Seed        a nonnegative integer (default 0): the same Seed gives the
%                 same run bit for bit, whatever the number of threads
%                 (gdflow's xoshiro256**; not Octave's rand state)
%     StepSize    eta0: a positive number, '1/L' (default, when the problem
%                 knows L) or '2/(L+mu)'.  Small batches may need a smaller
%                 step than GD's: the per-example curvature can exceed L
%     Schedule    'constant' (default), 'inverse' eta0/(1 + k/k0),
%                 'inverse-sqrt' eta0/sqrt(1 + k/k0), or a handle @(k) eta_k
%                 (a non-positive or non-finite value is the error
%                 gdflow:gd_run:badSchedule)
%     ScheduleK0  k0 > 0 (default m/B: one epoch)
%     Averaging   'off' (default) or 'on': INFO.theta_avg is the
%                 Polyak-Ruppert average of theta_1..theta_k
%     AverageFrom k_start: average theta_k for k >= k_start only (turns
%                 Averaging on; a run that averaged no iterate returns the
%                 last one, with the warning gdflow:gd_run:noAverage)
%     HistoryStride  s (default floor(m/B): one record per epoch): with
%                 History 'f' INFO.f and INFO.gradnorm hold the FULL-data f
%                 and norm(grad f) every s steps and at the last step
%                 (INFO.k: the step indices).  Each record is a full pass
%                 over the data, so a small stride can cost more than the
%                 SGD steps themselves (s = 1 with B = 1 multiplies the cost
%                 by about m); History 'full' adds the iterates there
%     MaxIter / Iterations  the number of SGD steps (default 100 epochs,
%                 ceil(100*m/B)); MaxTime, DivergenceLimit as for GD (the
%                 limit is tested at the records); Momentum a heavy-ball
%                 beta in [0, 1); Display 'final' prints one line, 'iter'
%                 also a row at each record, as the run goes
%   OutputFcn is called at the records (theta_0 and every HistoryStride
%   steps; optimValues.iteration is the step k, fval and gradnorm the
%   full-data values -- NaN with History 'none' --, stepsize eta_k-1, and
%   epoch); true stops the run (exitflag -1).  GradTol, FunTol, StepTol,
%   MaxFunEvals, InitialStep and Metric are refused for 'sgd' (error
%   gdflow:gd_run:badOption): a stochastic step says nothing about
%   convergence.  One starting point only
%   (gdflow:gd_run:sgdManyStarts).  A step that makes theta non-finite, or a
%   record whose f is non-finite or past DivergenceLimit, stops the run
%   (exitflag -2, warning gdflow:diverged; THETA is the last finite
%   iterate).  THETA is the last iterate; INFO adds k, epochs (steps*B/m),
%   theta_avg ([] when Averaging is 'off'), seed, batchsize, sampling,
%   schedule and numexamples; INFO.fval and INFO.gradnorm(end) are
%   full-data values at THETA, INFO.stepsize is eta0, INFO.funccount counts
%   full-data evaluations.
%   Example:
%     X = [ones(500, 1), randn(500, 2)];  y = X * [1; 2; -1] + 0.1 * randn(500, 1);
%     [theta, info] = gd_run(gd_leastsq(X, y), [0; 0; 0], 'Method', 'sgd', 'StepSize', 0.05, ...
%                            'Schedule', 'inverse', 'Averaging', 'on', 'Seed', 1);
%     fprintf('%g epochs: last iterate f = %.4f, averaged %s\n', info.epochs, info.fval, mat2str(info.theta_avg', 3));
%
%   THETA0 may be d-by-m: m starting points, run one after another with the
%   same options (results equal m separate runs).  Then THETA is d-by-m,
%   INFO.iterations, exitflag, fval and funccount are 1-by-m, INFO.message a
%   cell, INFO.f and INFO.gradnorm m-by-(K+1) and INFO.theta d-by-(K+1)-by-m,
%   with K the largest iteration count and NaN after a start has stopped.
%   A row vector THETA0 is one start.
%
%   [THETA, INFO, J_HISTORY] = GD_RUN(...) also returns J_HISTORY, f after
%   each iteration as a COLUMN (K-by-1, INFO.f(2:end).'), the shape of the
%   course's gradientDescent; K-by-m for m starts (NaN after a start
%   stopped).  It needs History 'f' or 'full' and costs nothing unless
%   asked for.  INFO.f stays a row (f at theta_0..theta_K).
%
%   INFO fields
%     iterations  number of steps k taken
%     exitflag    1 GradTol at a minimizer (or a point not shown otherwise:
%                 see stationary), 2 StepTol (or backtracking failed, or the
%                 step fell below rounding level), 3 FunTol, 0 MaxIter,
%                 MaxFunEvals or MaxTime, -1 OutputFcn, -2 diverged, -3 GradTol at a saddle
%                 point or a local maximum: NOT a minimizer
%     message     the reason in words
%     stationary  at a GradTol stop, what the point is: 'minimum' (the
%                 problem is convex, or the Hessian there is positive
%                 definite), 'saddle' or 'maximum' (exitflag -3, warning
%                 gdflow:gd_run:saddle), 'unverified' (no Hessian, d > 500,
%                 or a degenerate Hessian); 'none' after any other stop.
%                 The test: quadratics from L and mu, otherwise the
%                 eigenvalues of the Hessian at THETA (d <= 500), an
%                 eigenvalue counting as negative below -1e3*eps*max|eig|
%     fval        f(theta_k)
%     f, gradnorm rows: f(theta_0..theta_k) and norm(grad f) there (History
%                 'none': final values only; Method 'natural': the norm of the
%                 natural gradient G^{-1} grad f)
%     theta       d-by-(k+1) iterates (History 'full', else [])
%     stepsize    the fixed step, or the row of accepted backtracking steps
%     steprule    'fixed', '1/L', '2/(L+mu)', '4/(sqrt(L)+sqrt(mu))^2' or 'backtracking'
%     method, momentum   the method and its beta ('schedule' for (k-1)/(k+2))
%     L, mu, f_star  from the problem (NaN when unknown)
%     funccount   objective evaluations;   time   seconds in the C loop
%     hint        '' or, when a run stopped at MaxIter (not MaxTime, not
%                 Iterations, GradTol > 0) far from converged on a problem
%                 with a known condition number kappa >= 1e3 (PROB.kappa:
%                 L/mu of a quadratic or of X'X/m, the Hessian at theta_star
%                 for GD_LOGISTIC) -- far meaning that kappa*log(||grad f||/
%                 GradTol) (sqrt(kappa) for 'heavyball' and 'nesterov')
%                 exceeds the iterations taken -- a sentence saying so and
%                 suggesting feature scaling (GD_LEASTSQ, GD_LOGISTIC with
%                 columns of X on different scales, PROB.scale_ratio >= 10)
%                 or a better method; Display 'final' and the printed
%                 summary (no output arguments) show it.  A cell for m starts
%     gradient    'analytic', or 'central differences' (FUN returns f only)
%
%   A problem that records f_star = -Inf (unbounded below) or mu < 0 (not
%   convex) makes every run warn once, gdflow:gd_run:unbounded or
%   gdflow:gd_run:nonconvex: its numbers are not a minimizer's.
%
%   A run that diverges (exitflag -2) warns with identifier gdflow:diverged
%   and returns every iterate up to the blow-up (THETA is the last finite
%   one).  A handle that returns NaN or Inf at THETA0 is an error
%   (gdflow:gd_run:nonFiniteStart); errors thrown by the handle propagate.
%   For a problem struct, an f(THETA0) that overflows (THETA0 = 1e200, say)
%   is divergence: exitflag -2 after 0 iterations, THETA = THETA0.
%   Bad input raises errors with identifiers gdflow:gd_run:<what>.
%
%   Example:
%     prob = gd_quadratic([3 1; 1 2], [1; 1]);
%     [theta, info] = gd_run(prob, [2; 1], 'StepSize', 0.4);
%     fprintf('%d iterations, f = %.6f, %s\n', info.iterations, info.fval, info.message);
%
%   See also GD_OPTIONS, GD_MINIMIZE, GF_RUN, GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC, GD_TESTFUN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
% The common path is one builtin call (nargout) and one MEX call that asks
% for the outputs wanted: info (with info.gradient) is built in C, and only
% when asked for.  Everything else runs only after an error: too few inputs;
% fminunc's options (an optimset struct or an optimoptions object:
% gdf_optimset), refused by the option parser; and handles that return f
% alone, found by the error of the missing gradient.  The call is then made
% again, translated or with central differences.
nout = nargout;
try
  if nout == 1
    theta = gd_run_mex(fun, theta0, varargin{:});
  elseif nout < 3
    [theta, info] = gd_run_mex(fun, theta0, varargin{:});
  else   % J_history only when asked for: no copy otherwise
    [theta, info, J_history] = gd_run_mex(fun, theta0, varargin{:});
  end
catch err
  if nargin < 2
    error('gdflow:gd_run:notEnoughInputs', 'gd_run: usage: [theta, info] = gd_run(fun, theta0, Name, Value, ...).');
  end
  [theta, info, J_history] = run_again(err, fun, theta0, varargin, nout);
end
if nout == 0
  if iscell(info.message)   % many starts
    saddles = '';
    if any(info.exitflag == -3)
      saddles = sprintf(', %d at saddles or maxima (exitflag -3)', sum(info.exitflag == -3));
    end
    fprintf('gd_run (%s): %d starts, %d converged (exitflag 1), %d diverged%s; %d to %d iterations, %.3g s\n', ...
            info.method, numel(info.exitflag), sum(info.exitflag == 1), sum(info.exitflag == -2), ...
            saddles, min(info.iterations), max(info.iterations), info.time);
    hinted = find(~cellfun(@isempty, info.hint), 1);
    if ~isempty(hinted)
      fprintf('  Hint (start %d): %s\n', hinted, info.hint{hinted});
    end
  else
    fprintf('gd_run (%s): %s\n  %d iterations, f = %.10g, ||grad f|| = %.3g, step %s, %.3g s\n', ...
            info.method, info.message, info.iterations, info.fval, info.gradnorm(end), info.steprule, info.time);
    if ~isempty(info.hint)
      fprintf('  Hint: %s\n', info.hint);
    end
  end
end
end

function [theta, info, J_history] = run_again(err, fun, theta0, args, nout)
% the error path: fminunc's options translated, or a handle that returns f
% only run with central differences; any other error propagates
fd = false;
grad = '';
changed = false;
J_history = [];
if ~isempty(args) && any(cellfun('isclass', args, 'struct') | cellfun(@isobject, args))
  [args, grad, changed] = gdf_optimset('gd_run', args, gdf_nvars(fun, theta0), isstruct(fun));
end
if changed
  fd = strcmp(grad, 'off') && isa(fun, 'function_handle');
  if ~fd
    try
      if nout > 2
        [theta, info, J_history] = gd_run_mex(fun, theta0, args{:});
      else
        [theta, info] = gd_run_mex(fun, theta0, args{:});
      end
    catch err
      fd = isempty(grad) && isa(fun, 'function_handle') && gdf_f_only(err, fun, theta0);
      if ~fd
        gdf_rethrow(err);
      end
    end
  end
elseif isa(fun, 'function_handle') && gdf_f_only(err, fun, theta0)
  fd = true;                                   % FUN returns f only: central differences
else
  gdf_rethrow(err);
end
if fd
  [theta, info, J_history] = run_fd(fun, theta0, args, strcmp(grad, 'off'), nout);
end
end

function [theta, info, J_history] = run_fd(fun, theta0, args, asked, nout)
% FUN returns f only (or GradObj 'off'): the gradient by central
% differences (gdf_fd_grad); MaxFunEvals, OutputFcn's funccount and
% info.funccount count values of f (1 + 2d per gradient)
d = gdf_nvars(fun, theta0);
if asked
  fun = gdf_f_of(fun, theta0);   % GradObj 'off' on a handle that may need two outputs
end
per = 1 + 2 * d;
try
  o = gdf_options_mex('gd_run', args{:});
catch err
  gdf_rethrow(err);
end
if ~isempty(o.MaxFunEvals)
  o.MaxFunEvals = max(1, ceil(o.MaxFunEvals / per));
end
user = [];
if ~isempty(o.OutputFcn) && isa(o.OutputFcn, 'function_handle')
  user = o.OutputFcn;
end
if ischar(o.Display) && strcmpi(o.Display, 'iter')
  % the table is printed here, with Func-count in values of f; the C loop
  % prints the final line
  o.Display = 'final';
  o.OutputFcn = @(x, ov, st) fd_monitor(user, x, fd_count(ov, per), st);
elseif ~isempty(user)
  o.OutputFcn = @(x, ov, st) user(x, fd_count(ov, per), st);
end
try
  J_history = [];
  if nout > 2
    [theta, info, J_history] = gd_run_mex(@(t) gdf_fd_grad(fun, t), theta0, o);
  else
    [theta, info] = gd_run_mex(@(t) gdf_fd_grad(fun, t), theta0, o);
  end
catch err
  gdf_rethrow(err);
end
info.funccount = info.funccount * per;
info.gradient = 'central differences';
end

function ov = fd_count(ov, per)
ov.funccount = ov.funccount * per;
end

function stop = fd_monitor(user, x, ov, st)
% Display 'iter' for central differences (the C loop's table and format)
if strcmp(st, 'iter')
  if ov.iteration == 0
    fprintf('\n Iteration  Func-count        f(x)       Step-size   ||grad f||\n');
    fprintf(' %9d  %10d  %14.6g  %14s  %11.4g\n', ov.iteration, ov.funccount, ov.fval, '', ov.gradnorm);
  else
    fprintf(' %9d  %10d  %14.6g  %14.6g  %11.4g\n', ov.iteration, ov.funccount, ov.fval, ov.stepsize, ov.gradnorm);
  end
end
stop = false;
if ~isempty(user)
  stop = user(x, ov, st);
end
end

% Tests of gd_run (Octave: test gd_run; the long suites are tests/m/test_gd_*.m)
%!shared prob, ts
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! ts = [3 1; 1 2] \ [1; 1];

%!test
%! % GD on a quadratic converges to the minimizer A\b, f never increases (beyond rounding)
%! [theta, info] = gd_run(prob, [2; 1], 'StepSize', 0.4);
%! assert (theta, ts, 1e-8);
%! assert (info.exitflag, 1);
%! assert (info.iterations, 26);
%! assert (size(info.f), [1, info.iterations + 1]);
%! assert (all(diff(info.f) <= 4 * eps * max(abs(info.f))));
%! assert (info.fval, info.f(end));
%! assert (info.gradnorm(end) <= 1e-8);

%!test
%! % the iterates are theta* + (I - eta A)^k (theta0 - theta*)
%! eta = 0.3;
%! [~, info] = gd_run(prob, [2; 1], 'StepSize', eta, 'MaxIter', 12, 'GradTol', 0, 'History', 'full');
%! assert (size(info.theta), [2, 13]);
%! for k = [0 1 5 12]
%!   assert (info.theta(:, k + 1), ts + (eye(2) - eta * prob.A) ^ k * ([2; 1] - ts), 1e-12);
%! end

%!test
%! % the step rules '1/L' and '2/(L+mu)' are resolved from the problem's L and mu
%! [~, i1] = gd_run(prob, [2; 1], 'StepSize', '1/L', 'MaxIter', 3, 'GradTol', 0);
%! [~, i2] = gd_run(prob, [2; 1], 'StepSize', '2/(L+mu)', 'MaxIter', 3, 'GradTol', 0);
%! assert (i1.stepsize, 1 / prob.L, 1e-15);
%! assert (i2.stepsize, 2 / (prob.L + prob.mu), 1e-15);

%!test
%! % a function handle gives the same iterates as the problem struct
%! fg = @(t) deal(0.5 * t' * prob.A * t - prob.b' * t, prob.A * t - prob.b);
%! [t1, i1] = gd_run(prob, [2; 1], 'StepSize', 0.2, 'MaxIter', 20, 'GradTol', 0);
%! [t2, i2] = gd_run(fg, [2; 1], 'StepSize', 0.2, 'MaxIter', 20, 'GradTol', 0);
%! assert (t2, t1, 1e-13);
%! assert (i2.f, i1.f, 1e-13);

%!test
%! % m starting points: d-by-m results, equal to separate runs
%! [T, info] = gd_run(prob, [2 -1; 1 3], 'StepSize', 0.4);
%! assert (size(T), [2, 2]);
%! assert (T, [ts, ts], 1e-8);
%! assert (size(info.iterations), [1, 2]);

%!warning id=gdflow:diverged [~, info] = gd_run(prob, [2; 1], 'StepSize', 2.05 / prob.L, 'MaxIter', 10000);

%!test
%! % past the stability threshold 2/L: exitflag -2 with the history up to the blow-up
%! ws = warning('off', 'gdflow:diverged');
%! c = onCleanup(@() warning(ws));
%! [~, info] = gd_run(prob, [2; 1], 'StepSize', 2.05 / prob.L, 'MaxIter', 10000);
%! assert (info.exitflag, -2);
%! assert (info.iterations < 10000);
%! assert (info.f(end) > info.f(1));

%!error id=gdflow:gd_run:notEnoughInputs gd_run(prob)
%!error id=gdflow:gd_run:dimMismatch gd_run(prob, [1; 2; 3])
%!error id=gdflow:gd_run:nonFinite gd_run(prob, [1; NaN])
%!error id=gdflow:gd_run:badProblem gd_run(42, [1; 2])
%!error id=gdflow:gd_run:badOption gd_run(prob, [1; 1], 'StepSize', -1)
%!error <did you mean 'StepSize'> gd_run(prob, [1; 1], 'StepSiz', 0.1)
%!error id=gdflow:gd_run:noLipschitz gd_run(gd_testfun('rosenbrock'), [1; 1], 'StepSize', '1/L')
