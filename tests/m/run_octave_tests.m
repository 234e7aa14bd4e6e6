function run_octave_tests(root)
%RUN_OCTAVE_TESTS  Run the %!test blocks of gdflow and print one summary line.
%   RUN_OCTAVE_TESTS(ROOT) runs Octave's TEST on every tests/m/test_*.m and on
%   every m/*.m file that has test blocks, prints each failure, and ends with
%   "octave: N passed, N failed, N skipped".  Each test block counts once;
%   a block whose %!testif condition is false (say, one that needs the
%   source tree when run from the installed package) counts as skipped.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
files = [dir(fullfile(root, 'tests', 'm', 'test_*.m')); dir(fullfile(root, 'm', '*.m'))];
npass = 0;
ntotal = 0;
nskip = 0;
warning('off', 'Octave:language-extension');
for i = 1:numel(files)
  f = fullfile(files(i).folder, files(i).name);
  txt = fileread(f);
  if isempty(strfind(txt, '%!'))
    continue
  end
  t0 = tic;
  [n, nmax, ~, ~, sk, rtsk] = test(f, 'quiet', stdout);
  fprintf('  %-28s %3d of %3d passed  (%.1f s)\n', files(i).name, n, nmax, toc(t0));
  if sk + rtsk > 0
    fprintf('  %-28s %3d skipped\n', '', sk + rtsk);
  end
  npass = npass + n;
  ntotal = ntotal + nmax;
  nskip = nskip + sk + rtsk;
end
fprintf('octave: %d passed, %d failed, %d skipped\n', npass, ntotal - npass, nskip);
end
