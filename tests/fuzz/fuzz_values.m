function [vals, labels] = fuzz_values()
%FUZZ_VALUES  The pool of bad (and a few good) argument values of the fuzz harness.
%   [VALS, LABELS] = FUZZ_VALUES() returns two cell arrays of the same length:
%   every value the harness puts into an argument slot, option value or
%   problem field, and a short label for each (the labels name the call in
%   the logs).  The pool covers: empty arrays of every shape, scalars, wrong
%   orientation and size, N-D, integer/single/logical/char/cell/struct/
%   function-handle/sparse/complex classes, NaN, Inf, -0, huge (1e308),
%   denormal values, long and odd strings, a classdef object, and (issue
%   12) diagonal, permutation and range matrices, struct arrays of 0 and 2
%   problems, handles returning nonsymmetric, indefinite or diagonal
%   matrices or a vector.
%   The order is fixed: a case number names the same call on every run.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
p = {};
p(end + 1, :) = {'[]', []};
p(end + 1, :) = {'zeros(0,1)', zeros(0, 1)};
p(end + 1, :) = {'zeros(1,0)', zeros(1, 0)};
p(end + 1, :) = {'zeros(0,3)', zeros(0, 3)};
p(end + 1, :) = {'empty char', ''};
p(end + 1, :) = {'empty cell', {}};
p(end + 1, :) = {'sparse 0x0', sparse(0, 0)};
p(end + 1, :) = {'1', 1};
p(end + 1, :) = {'0', 0};
p(end + 1, :) = {'-1', -1};
p(end + 1, :) = {'0.5', 0.5};
p(end + 1, :) = {'2.5', 2.5};
p(end + 1, :) = {'[1 2]', [1 2]};
p(end + 1, :) = {'[1;2]', [1; 2]};
p(end + 1, :) = {'[1;2;3]', [1; 2; 3]};
p(end + 1, :) = {'[1 2 3]', [1 2 3]};
p(end + 1, :) = {'[2 1;1 2]', [2 1; 1 2]};
p(end + 1, :) = {'ones(3,2)', ones(3, 2)};
p(end + 1, :) = {'ones(2,2,2)', ones(2, 2, 2)};
p(end + 1, :) = {'ones(1000,1)', ones(1000, 1)};
p(end + 1, :) = {'1:3 (range)', 1:3};
p(end + 1, :) = {'int32([1;2])', int32([1; 2])};
p(end + 1, :) = {'int32(5)', int32(5)};
p(end + 1, :) = {'uint8(255)', uint8(255)};
p(end + 1, :) = {'int8([-1;-2])', int8([-1; -2])};
p(end + 1, :) = {'intmax int64', intmax('int64')};
p(end + 1, :) = {'intmax uint64', intmax('uint64')};
p(end + 1, :) = {'single([1;2])', single([1; 2])};
p(end + 1, :) = {'single(0.1)', single(0.1)};
p(end + 1, :) = {'[true;false]', [true; false]};
p(end + 1, :) = {'true', true};
p(end + 1, :) = {'false', false};
p(end + 1, :) = {'''abc''', 'abc'};
p(end + 1, :) = {'''rk45''', 'rk45'};
p(end + 1, :) = {'''1/L''', '1/L'};
p(end + 1, :) = {'''full''', 'full'};
p(end + 1, :) = {'char 2x2', ['ab'; 'cd']};
p(end + 1, :) = {'char column', ['a'; 'b']};
p(end + 1, :) = {'char x5000', repmat('x', 1, 5000)};
p(end + 1, :) = {'char with NUL', char([83 0 116])};
p(end + 1, :) = {'char 200', char([200 201 202])};
p(end + 1, :) = {'{1,2}', {1, 2}};
p(end + 1, :) = {'{[1;2]}', {[1; 2]}};
p(end + 1, :) = {'{''StepSize'',0.1}', {'StepSize', 0.1}};
p(end + 1, :) = {'struct()', struct()};
p(end + 1, :) = {'struct 1x2', struct('a', {1, 2})};
p(end + 1, :) = {'struct 0x0', struct([])};
p(end + 1, :) = {'struct type=5', struct('type', 5)};
p(end + 1, :) = {'struct type=quadratic', struct('type', 'quadratic')};
p(end + 1, :) = {'struct StepSize=-1', struct('StepSize', -1)};
p(end + 1, :) = {'@sin', @sin};
p(end + 1, :) = {'@(x) x', @(x) x};
p(end + 1, :) = {'@() 1', @() 1};
p(end + 1, :) = {'@(x) deal(NaN,x)', @(x) deal(NaN, x)};
p(end + 1, :) = {'@ throws', @(varargin) error('fuzz:callback', 'fuzz callback error')};
p(end + 1, :) = {'@ quadratic', @(x) deal(sum(x(:) .^ 2), 2 * x)};
p(end + 1, :) = {'@ grad too long', @(x) deal(1, [x; x])};
p(end + 1, :) = {'@ int32 f', @(x) deal(int32(1), x)};
p(end + 1, :) = {'@ complex g', @(x) deal(1, x * 1i)};
p(end + 1, :) = {'@ Inf grad', @(x) deal(1, Inf * x)};
p(end + 1, :) = {'sparse([1;2])', sparse([1; 2])};
p(end + 1, :) = {'sparse(eye(2))', sparse(eye(2))};
p(end + 1, :) = {'[1+2i;2]', [1 + 2i; 2]};
p(end + 1, :) = {'1i', 1i};
p(end + 1, :) = {'complex(1,0)', complex(1, 0)};
p(end + 1, :) = {'complex([1;2],0)', complex([1; 2], [0; 0])};
p(end + 1, :) = {'NaN', NaN};
p(end + 1, :) = {'Inf', Inf};
p(end + 1, :) = {'-Inf', -Inf};
p(end + 1, :) = {'[NaN;1]', [NaN; 1]};
p(end + 1, :) = {'[1;Inf]', [1; Inf]};
p(end + 1, :) = {'NaN+NaNi', complex(NaN, NaN)};
p(end + 1, :) = {'-0', -0};
p(end + 1, :) = {'[-0;-0]', [-0; -0]};
p(end + 1, :) = {'1e308', 1e308};
p(end + 1, :) = {'[1e308;1e308]', [1e308; 1e308]};
p(end + 1, :) = {'-1e308', -1e308};
p(end + 1, :) = {'realmax', realmax};
p(end + 1, :) = {'denormal 5e-324', 4.9406564584124654e-324};
p(end + 1, :) = {'[1e-310;-1e-310]', [1e-310; -1e-310]};
p(end + 1, :) = {'1e-300', 1e-300};
p(end + 1, :) = {'2^53+2', 2 ^ 53 + 2};
p(end + 1, :) = {'1e20', 1e20};
p(end + 1, :) = {'2^63', 2 ^ 63};
p(end + 1, :) = {'containers.Map', containers.Map()};
% issue 12: the classes of its findings, as values for every slot.  Octave's
% diagonal, permutation and range matrices (a gateway that asks them for
% their size before their data leaks ~80 bytes per call in Octave 7.3);
% struct arrays of 0 and 2 problems (read field by field, p([]) crashed
% Octave); handles whose output is nonsymmetric, indefinite, diagonal, a
% vector where a logical scalar is due
P2 = eye(2);
P2 = P2(:, [2 1]);
q = gd_quadratic([3 1; 1 2], [1; 1]);
p(end + 1, :) = {'eye(2) (diagonal)', eye(2)};
p(end + 1, :) = {'diag([1 2])', diag([1 2])};
p(end + 1, :) = {'eye(1) (diagonal)', eye(1)};
p(end + 1, :) = {'permutation 2x2', P2};
p(end + 1, :) = {'0:1 (range)', 0:1};
p(end + 1, :) = {'problem p([])', q([])};
p(end + 1, :) = {'problem repmat(p,0,1)', repmat(q, 0, 1)};
p(end + 1, :) = {'problem [p;p]', [q; q]};
p(end + 1, :) = {'struct(''d'',{})', struct('d', {})};
p(end + 1, :) = {'@ nonsymmetric G', @(x) [2 1; 0 2]};
p(end + 1, :) = {'@ indefinite G', @(x) -eye(numel(x))};
p(end + 1, :) = {'@ diagonal out', @(x) eye(numel(x))};
p(end + 1, :) = {'@ vector out', @(varargin) [false true]};
% issue 14: a handle returning f only (central differences), optimset
% structs (the option slot reads them as fminunc's names), a sparse matrix
% with rows (sparse X)
p(end + 1, :) = {'@ f only', @(x) sum(x(:) .^ 2)};
p(end + 1, :) = {'optimset MaxIter=5', struct('MaxIter', 5, 'TolFun', 1e-3)};
p(end + 1, :) = {'optimset GradObj=on', struct('GradObj', 'on', 'MaxFunEvals', -1)};
p(end + 1, :) = {'sparse 3x2', sparse([1 0; 0 2; 1 1])};
labels = p(:, 1)';
vals = p(:, 2)';
end
