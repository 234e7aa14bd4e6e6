function stop = gdf_test_trace(theta, ov, state)
%GDF_TEST_TRACE  OutputFcn used by the tests: records (state, theta, iteration).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
global GDF_TRACE
GDF_TRACE{end + 1} = {state, theta, ov.iteration};
stop = false;
end
