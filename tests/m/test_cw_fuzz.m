% Regression tests of the issue 14 fuzz findings (tests/fuzz, cw cases).
% Each block failed before its fix: an error without a gdflow identifier,
% an out-of-memory error, or a call that took over a minute.
% Run: test tests/m/test_cw_fuzz.m (m/ and tests/m on the path).

%!shared fg, q, th0
%! fg = @(x) deal(sum((x - [1; 2]) .^ 2), 2 * (x - [1; 2]));
%! q = gd_quadratic([3 1; 1 2], [1; 1]);
%! th0 = [0.5; 0.5];

%!test
%! % gd_minimize: a count of any numeric class or size is a limit (Inf,
%! % 1e20, intmax: gdf_newton preallocated MaxIter entries: out of memory;
%! % int64 broke the arithmetic); the answer is the same
%! for v = {Inf, 1e20, 2 ^ 63, intmax('int64'), intmax('uint64'), int32(50), single(50)}
%!   [x, fval, flag] = gd_minimize(fg, th0, 'MaxIter', v{1});
%!   assert (x, [1; 2], 1e-8);
%!   assert (flag > 0);
%!   [x, ~, flag] = gd_minimize(fg, th0, 'MaxFunEvals', v{1});
%!   assert (x, [1; 2], 1e-8);
%! end
%! [x, ~, ~, out] = gd_minimize(fg, th0, struct('MaxIter', Inf, 'TolFun', 1e-10));
%! assert (x, [1; 2], 1e-8);
%! assert (out.iterations <= 5);

%!test
%! % gd_minimize: a fractional count is refused as gd_run refuses it
%! % (it reached an int64 conversion: "conversion of 1.5 to int64_t value failed")
%! for v = {0.5, 2.5, single(0.1), 1e-300, 4.9406564584124654e-324}
%!   for nm = {'MaxIter', 'MaxFunEvals'}
%!     try
%!       gd_minimize(fg, th0, nm{1}, v{1});
%!       error('no error for %s = %g', nm{1}, double(v{1}));
%!     catch err
%!       assert (err.identifier, 'gdflow:gd_minimize:badOption');
%!       assert (~isempty(strfind(err.message, 'whole number')));
%!     end
%!   end
%! end
%! % MaxIter 0.5 is refused by gd_run too (the same rule)
%! try
%!   gd_run(q, th0, 'MaxIter', 0.5);
%!   error('no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gd_run:badOption');
%! end

%!test
%! % gd_minimize: OutputFcn {} means none (struct() made a 0x0 struct array
%! % of the Newton options: "binary operator '+' not implemented for 'cs-list'")
%! [x, ~, flag] = gd_minimize(fg, th0, 'OutputFcn', {});
%! assert (x, [1; 2], 1e-8);
%! assert (flag > 0);
%! [x, ~, flag] = gd_minimize(fg, th0, 'OutputFcn', '');
%! assert (x, [1; 2], 1e-8);

%!test
%! % gd_minimize: Method must be a string (a cell or a struct reached
%! % sprintf, a handle array_value: errors without an identifier); a bad
%! % StepSize is gd_run's to refuse (it reached num2str)
%! for v = {{1, 2}, struct(), struct('a', {1, 2}), @sin, {'gd'}, ['gd'; 'gd'], 5}
%!   try
%!     gd_minimize(fg, th0, 'Method', v{1});
%!     error('no error for a %s', class(v{1}));
%!   catch err
%!     assert (strncmp(err.identifier, 'gdflow:', 7), err.message);
%!   end
%! end
%! for v = {{1}, @sin, struct(), ones(2, 2, 2), containers.Map()}
%!   try
%!     gd_minimize(q, th0, 'Method', 'gd', 'StepSize', v{1});
%!     error('no error for a %s', class(v{1}));
%!   catch err
%!     assert (err.identifier, 'gdflow:gd_run:badOption');
%!   end
%! end
%! [x, ~, ~, out] = gd_minimize(q, th0, 'Method', 'gd', 'StepSize', 0.3, 'MaxIter', 500);
%! assert (x, [3 1; 1 2] \ [1; 1], 1e-4);
%! assert (~isempty(strfind(out.algorithm, 'StepSize 0.3')));

%!test
%! % gd_minimize: a problem struct array (its field type read as a list:
%! % "Invalid call to strcmp")
%! for P = {[q; q], repmat(q, 1, 3), q([])}
%!   try
%!     gd_minimize(P{1}, th0);
%!     error('no error');
%!   catch err
%!     assert (err.identifier, 'gdflow:gd_minimize:badProblem');
%!     assert (~isempty(strfind(err.message, '1x1')));
%!   end
%! end

%!test
%! % an object that is not an optimoptions object in the option slot is an
%! % option error of the function called (gdf_optimset read any object's
%! % properties: "containers.Map: unknown property 'map'")
%! M = containers.Map();
%! calls = {{'gd_run', {q, th0, M}}, {'gd_run', {q, th0, M, 1}}, {'gd_options', {M}}, ...
%!          {'gd_options', {M, 1}}, {'gd_minimize', {fg, th0, M}}, {'gd_minimize', {q, th0, 'MaxIter', 3, M}}};
%! for k = 1:numel(calls)
%!   fn = calls{k}{1};
%!   try
%!     feval(fn, calls{k}{2}{:});
%!     error('no error from %s', fn);
%!   catch err
%!     assert (err.identifier, ['gdflow:' fn ':badOption']);
%!   end
%! end

%!test
%! % gd_leastsq with fewer rows than columns: the spectrum from XX'/m (the
%! % p x p eigensolver took over a minute for 1 x 4097), as eig(X'X/m)
%! X = reshape(sin((1:120) .^ 2), 3, 40);   % rank 3
%! y = [1; -1; 2];
%! p = gd_leastsq(X, y);
%! ev = eig(X' * X / 3);
%! assert (p.L, max(ev), 1e-12 * max(ev));
%! assert (p.mu, 0);
%! assert (X * p.theta_star, y, 1e-10);      % interpolates: f_star 0
%! assert (p.f_star < 1e-20);
%! assert (p.theta_star, pinv(X) * y, 1e-10);

%!test
%! % the same at 1 x 4097 and 2 x 4000, in a child octave-cli with a
%! % timeout (so that a regression cannot hang make test)
%! mdir = fileparts(which('gd_leastsq'));     % m/ here, inst/ in an installed package
%! code = sprintf(['addpath(''%s''); tic; p = gd_leastsq(ones(1, 4097), 1); ' ...
%!                 'q = gd_leastsq([ones(1, 4000); 1:4000], [1; 2]); t = toc; ' ...
%!                 'fprintf(''%%d %%.17g %%.17g %%g %%.17g\\n'', p.mu == 0 && q.mu == 0, p.L, q.L, t, ' ...
%!                 'norm([ones(1, 4000); 1:4000] * q.theta_star - [1; 2]))'], mdir);
%! [st, out] = system(sprintf('timeout 60 octave-cli --no-gui --norc --no-history --eval "%s" 2>&1', code));
%! assert (st == 0, 'child octave-cli failed: %s', out);
%! v = sscanf(strtrim(out), '%g');
%! assert (numel(v) == 5, 'child printed: %s', out);
%! assert (v(1), 1);
%! assert (v(2), 4097, 1e-9);
%! X = [ones(1, 4000); 1:4000];
%! assert (v(3), max(eig(X * X' / 2)), 1e-9 * v(3));
%! assert (v(4) < 20, sprintf('%g s', v(4)));
%! assert (v(5) < 1e-8);

%!test
%! % optimset GradObj / SpecifyObjectiveGradient: true, false, 0, 1, 'on',
%! % 'off'; anything else is an option error (NaN reached "invalid
%! % conversion from NaN to logical"; [1 0] was read as 'off')
%! for nm = {'GradObj', 'SpecifyObjectiveGradient'}
%!   for v = {NaN, complex(NaN, NaN), [1 0], 2, 1i, 'yes', ['on'; 'on'], {true}, int8(-1)}
%!     for fn = {'gd_run', 'gd_minimize', 'gd_options'}
%!       args = {fg, th0, struct(nm{1}, {v{1}})};
%!       if strcmp(fn{1}, 'gd_options')
%!         args = args(3);
%!       end
%!       try
%!         feval(fn{1}, args{:});
%!         error('no error from %s for %s', fn{1}, nm{1});
%!       catch err
%!         assert (err.identifier, ['gdflow:' fn{1} ':badOption'], err.message);
%!       end
%!     end
%!   end
%!   for v = {true, 1, int8(1), 'on'}
%!     [x, ~, ~, out] = gd_minimize(fg, th0, struct(nm{1}, {v{1}}));
%!     assert (x, [1; 2], 1e-8);
%!     assert (out.info.gradient, 'analytic');
%!   end
%!   for v = {false, 0, 'off'}
%!     [x, ~, ~, out] = gd_minimize(fg, th0, struct(nm{1}, {v{1}}));
%!     assert (x, [1; 2], 1e-6);
%!     assert (out.info.gradient, 'central differences');
%!   end
%! end

%!testif ; exist(fullfile(gdf_test_root(), 'tests', 'fuzz', 'fuzz_classify.m'), 'file') == 2
%! % the fuzz classifier accepts an arity error only from the call itself or
%! % from a handle among its arguments: gd_minimize's own "Invalid call to
%! % strcmp" (a struct array's fields) was counted as accepted
%! addpath(fullfile(gdf_test_root(), 'tests', 'fuzz'));
%! e = struct('identifier', 'Octave:invalid-fun-call', 'message', 'Invalid call to strcmp.', ...
%!            'stack', struct('name', {}));
%! assert (fuzz_classify(e, struct('fn', 'gd_minimize', 'args', {{1, 2}})), 'other');
%! e.message = 'Invalid call to sin.';
%! assert (fuzz_classify(e, struct('fn', 'gd_run', 'args', {{1, 2, 'OutputFcn', @sin}})), 'accepted');
%! assert (fuzz_classify(e, struct('fn', 'gd_run', 'args', {{1, 2, struct('OutputFcn', @sin)}})), 'accepted');
%! e.message = 'gd_run: function called with too many outputs';
%! assert (fuzz_classify(e, struct('fn', 'gd_run', 'args', {{}})), 'accepted');
%! assert (fuzz_classify(e, struct('fn', 'gd_minimize', 'args', {{}})), 'other');
%! assert (fuzz_classify(e), 'accepted');          % without the case: as before
