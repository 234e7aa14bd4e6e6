function gdf_demo_claim(ok, varargin)
%GDF_DEMO_CLAIM  Stop a demo loudly when a measured number violates the claim.
%   GDF_DEMO_CLAIM(OK, FMT, ...) prints "claim holds: <message>" when OK is
%   true, and otherwise raises gdflow:demo:claimViolated with the message.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
msg = sprintf(varargin{:});
if ~all(ok(:))
  error('gdflow:demo:claimViolated', 'claim violated: %s', msg);
end
fprintf('  claim holds: %s\n', msg);
end
