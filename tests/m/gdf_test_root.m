function root = gdf_test_root()
%GDF_TEST_ROOT  The folder the tests belong to: the source tree or the installed package.
%   ROOT = GDF_TEST_ROOT() is the folder two levels above tests/m: the top of
%   the source tree, or the folder of an installed Octave package (which
%   keeps the tests in tests/m too).  Tests that need the source tree
%   (README.md, mex/, bench/) check for it with %!testif.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
root = fileparts(fileparts(fileparts(mfilename('fullpath'))));
end
