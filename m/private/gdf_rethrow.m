function gdf_rethrow(err)
%GDF_RETHROW  Rethrow an error from a gateway without the host's MEX-name prefix.
%   Octave prefixes MEX errors with the gateway's name ('gd_run_mex: ');
%   the public function's name, already in the message, is what users need.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
s.message = regexprep(err.message, '^[a-z_]+_mex: ', '');
s.identifier = err.identifier;
s.stack = err.stack;
error(s);
end
