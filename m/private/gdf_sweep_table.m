function gdf_sweep_table(S)
%GDF_SWEEP_TABLE  GD_SWEEP's compact table: one line per configuration (at most 40), else a summary.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fprintf('\ngd_sweep: %d configurations (%s), %s, backend %s (%d worker%s), %.2f s%s\n', S.n, ...
        strjoin(S.axes, ' x '), S.runner, S.backend, S.workers, plural(S.workers), S.elapsed, ...
        ternary(S.complete, '', sprintf(', stopped early: %d done', nnz(S.done))));
na = numel(S.axes);
hdr = '';
for k = 1:na
  hdr = [hdr, sprintf('%12s ', S.axes{k})]; %#ok<AGROW>
end
fprintf('%s%12s %7s %5s %10s %10s %8s\n', hdr, 'f - f*', 'iters', 'exit', 'rate meas', 'rate theo', 'stable');
show = 1:S.n;
if S.n > 40
  bad = find(S.done(:) & ~isnan(S.theory_stable(:)) & (S.stable(:) ~= (S.theory_stable(:) == 1)));
  fprintf('(%d rows: the first 10%s)\n', S.n, ternary(isempty(bad), '', ' and those where the measured and the theory''s stability differ, at most 20'));
  show = unique([1:10, bad(1:min(20, numel(bad)))']);
end
idx = cell(1, na);
for i = show
  [idx{:}] = ind2sub(S.size, i);
  line = '';
  for k = 1:na
    v = S.values{k};
    if iscell(v)
      x = v{idx{k}};
      if ischar(x)
        s = x;
      else
        s = sprintf('#%d', idx{k});
      end
    else
      s = sprintf('%.4g', v(idx{k}));
    end
    line = [line, sprintf('%12s ', s)]; %#ok<AGROW>
  end
  if ~S.done(i)
    fprintf('%s%12s\n', line, 'not run');
    continue
  end
  st = ternary(S.stable(i), 'yes', 'NO');
  if ~isnan(S.theory_stable(i))
    st = [st, '/', ternary(S.theory_stable(i) == 1, 'yes', 'NO')];
  end
  fprintf('%s%12.4e %7d %5d %10.6f %10.6f %8s\n', line, S.gap(i), S.iterations(i), S.exitflag(i), ...
          S.rate(i), S.theory(i), st);
end
fprintf(['rate: per-iteration factor of f - f* (gd_run; per unit time for gf_run), measured over the\n' ...
         'second half of each run; theory: gd_theory''s; stable: measured/theory.\n']);
end

function s = plural(n)
s = '';
if n ~= 1
  s = 's';
end
end

function s = ternary(c, a, b)
if c
  s = a;
else
  s = b;
end
end
