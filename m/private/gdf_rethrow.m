function gdf_rethrow(err)
%GDF_RETHROW  Rethrow an error from a gateway without the host's MEX-name prefix.
%   Octave prefixes MEX errors with the gateway's name ('gd_run_mex: ');
%   the public function's name, already in the message, is what users need.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
% (no regexprep: it refuses messages that are not valid UTF-8, and a message
% may quote a user's bytes, e.g. an option name char(200))
msg = err.message;
k = strfind(msg, '_mex: ');
if ~isempty(k)
  head = msg(1:k(1) - 1);
  if all((head >= 'a' & head <= 'z') | head == '_')
    msg = msg(k(1) + 6:end);
  end
end
s.message = msg;
s.identifier = err.identifier;
s.stack = err.stack;
error(s);
end
