function [s, frac, gbps] = bw_note(bytes, t, bw)
%BW_NOTE  "80.4 MB/iter, 14.6 GB/s = 56% of 26.2 GB/s" for BYTES moved in T seconds.
%   BW is the struct of READ_BANDWIDTH; FRAC = achieved / BW.gbps.
%   A helper of the benchmark suite.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
gbps = bytes / t / 1e9;
frac = gbps / bw.gbps;
s = sprintf('%.1f MB/iter, %.1f GB/s = %.0f%% of %.1f GB/s read bandwidth', bytes / 1e6, gbps, 100 * frac, bw.gbps);
end
