% test_perf2_logistic.m - the logistic pass on the library's own exp and
% log1p (mex/gdf_mathfn.h, issue 15 item 3): f and the gradient of
% gd_logistic problems against an Octave reference computed with Octave's
% exp and log1p (the C library's, as the pass used before), gd_run's
% iterates against the Octave GD loop, the same bits with 1 and 2 threads.
% The pass's exp and log1p are accurate to 0.87 ulp (tests/c/test_perf2_logistic.c),
% so the values agree with the reference to its own rounding: f to 1e-14
% relative (every loss is positive: no cancellation; the reference sums
% with compensation), each gradient component to 1e-14 of the sum of the
% absolute values of its terms (the size of its rounding error).

%!function [f, g, scale] = ref_fg(X, y, lambda, theta)
%! % softplus(z) - y z and sigmoid(z) - y, stably, with Octave's exp and log1p
%! m = size(X, 1);
%! z = X * theta;
%! e = exp(-abs(z));
%! loss = max(z, 0) + log1p(e) - y .* z;
%! ylarge = y == 1 & z > 0;       % softplus(z) - z = log1p(exp(-z)): no cancellation
%! loss(ylarge) = log1p(e(ylarge));
%! sig = (z >= 0) ./ (1 + e) + (z < 0) .* e ./ (1 + e);
%! res = sig - y;
%! res(y == 1 & z >= 0) = -e(y == 1 & z >= 0) ./ (1 + e(y == 1 & z >= 0));
%! s = 0; c = 0;                  % Neumaier's compensated sum
%! for i = 1:m
%!   t = s + loss(i);
%!   if abs(s) >= abs(loss(i))
%!     c = c + ((s - t) + loss(i));
%!   else
%!     c = c + ((loss(i) - t) + s);
%!   end
%!   s = t;
%! end
%! f = (s + c) / m + lambda / (2 * m) * sum(theta(2:end) .^ 2);
%! g = X' * res / m + lambda / m * [0; theta(2:end)];
%! scale = abs(X)' * abs(res) / m + lambda / m * [0; abs(theta(2:end))];

%!function check_fg(X, y, lambda, theta, what)
%! prob = gd_logistic(X, y, lambda);
%! [f, g] = gd_eval(prob, theta);
%! [fr, gr, sc] = ref_fg(X, y, lambda, theta);
%! assert(abs(f - fr) <= 1e-14 * abs(fr), sprintf('%s: f %.17g vs %.17g', what, f, fr));
%! assert(all(abs(g - gr) <= 1e-14 * sc + realmin), sprintf('%s: gradient off by %g', what, max(abs(g - gr) ./ sc)));
%! % threads: the same bits
%! p1 = prob; p1.threads = 1;
%! p2 = prob; p2.threads = 2;
%! [f1, g1] = gd_eval(p1, theta);
%! [f2, g2] = gd_eval(p2, theta);
%! assert(f1 == f2 && isequal(g1, g2), sprintf('%s: 1 and 2 threads differ', what));
%! assert(f == f1 && isequal(g, g1), sprintf('%s: default threads differ from 1', what));

%!test
%! % random problems of several shapes (row tails of 0-3 mod 4, several
%! % blocks), margins ~1, ~30 and ~1000 (exp(-|z|) = 0), lambda 0 and 0.5
%! randn('seed', 15); rand('seed', 15);
%! sizes = [1 1; 7 2; 4001 3; 20003 7; 9002 50];
%! for k = 1:rows(sizes)
%!   m = sizes(k, 1); p = sizes(k, 2);
%!   X = [ones(m, 1), randn(m, p - 1)];
%!   y = double(rand(m, 1) < 0.5);
%!   for sc = [0.3, 10, 400]
%!     theta = sc * randn(p, 1) / sqrt(p);
%!     for lambda = [0, 0.5]
%!       check_fg(X, y, lambda, theta, sprintf('m = %d, p = %d, scale %g, lambda %g', m, p, sc, lambda));
%!     end
%!   end
%! end

%!test
%! % well-classified rows keep every digit: y = 1, z = 30 gives the loss
%! % log1p(exp(-30)) = 9.3576229688397368e-14 and the residual
%! % -exp(-30)/(1 + exp(-30)); z = -800 for y = 0: loss 0, gradient 0;
%! % z = 800 for y = 0: loss 800, residual 1
%! [f, g] = gd_eval(gd_logistic(30, 1), 1);
%! assert(abs(f - 9.35762296883973677938e-14) <= 4e-16 * f);
%! assert(abs(g + 30 * 9.35762296883929895384e-14) <= 4e-16 * abs(g));
%! [f, g] = gd_eval(gd_logistic(-800, 0), 1);
%! assert(f == 0 && g == 0);
%! [f, g] = gd_eval(gd_logistic(800, 0), 1);
%! assert(f == 800 && g == 800);
%! [f, g] = gd_eval(gd_logistic([1; 1], [0; 1]), NaN);
%! assert(isnan(f) && isnan(g));

%!test
%! % gd_run on the pass: the iterates of the Octave GD loop (which uses
%! % Octave's exp), f at the end against the reference
%! randn('seed', 7); rand('seed', 7);
%! m = 5003; p = 8;
%! X = [ones(m, 1), randn(m, p - 1)];
%! w = randn(p, 1);
%! y = double(rand(m, 1) < 1 ./ (1 + exp(-(X * w))));
%! prob = gd_logistic(X, y);
%! alpha = 1 / prob.L;
%! [th, info] = gd_run(prob, zeros(p, 1), 'StepSize', alpha, 'MaxIter', 60, 'GradTol', 0);
%! tho = zeros(p, 1);
%! for k = 1:60
%!   z = X * tho;
%!   e = exp(-abs(z));
%!   sig = (z >= 0) ./ (1 + e) + (z < 0) .* e ./ (1 + e);
%!   tho = tho - (alpha / m) * (X' * (sig - y));
%! end
%! assert(norm(th - tho) <= 1e-13 * norm(tho));
%! fr = ref_fg(X, y, 0, th);
%! assert(abs(info.fval - fr) <= 1e-14 * fr);
%! % and the same iterates with 1 and 2 threads
%! p1 = prob; p1.threads = 1; p2 = prob; p2.threads = 2;
%! assert(isequal(gd_run(p1, zeros(p, 1), 'StepSize', alpha, 'MaxIter', 60, 'GradTol', 0), ...
%!                gd_run(p2, zeros(p, 1), 'StepSize', alpha, 'MaxIter', 60, 'GradTol', 0)));
