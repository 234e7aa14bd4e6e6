function bw = read_bandwidth(quick)
%READ_BANDWIDTH  This machine's streaming read bandwidth, measured in C.
%   BW = READ_BANDWIDTH(QUICK) compiles gdf_bw_mex.c (next to this file) on
%   first use, with the host's mex command, then reads a 256 MiB buffer
%   (32 MiB when QUICK) with one and with two threads, 9 times each (3 when
%   QUICK).  BW has the fields
%     gbps1, gbps2  median GB/s with one and two threads (NaN: not measured)
%     gbps          the larger of the two: the machine's read bandwidth that
%                   the benchmarks quote fractions of
%     nbytes        the buffer size
%   The result is kept for the rest of the session (per QUICK).  If the
%   kernel cannot be compiled, every field is NaN and a note is printed.
%   This helper is part of the benchmark suite, not of gdflow's API.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent cache
key = 1 + (quick ~= 0);
if ~isempty(cache) && numel(cache) >= key && ~isempty(cache{key})
  bw = cache{key};
  return
end
nbytes = 256 * 2^20;
reps = 9;
if quick
  nbytes = 32 * 2^20;
  reps = 3;
end
bw = struct('gbps1', NaN, 'gbps2', NaN, 'gbps', NaN, 'nbytes', nbytes);
if build_kernel()
  g1 = gdf_bw_mex(nbytes, reps, 1);
  g2 = gdf_bw_mex(nbytes, reps, 2);
  bw.gbps1 = median(g1);
  bw.gbps2 = median(g2);
  bw.gbps = max(bw.gbps1, bw.gbps2);
end
if isempty(cache)
  cache = cell(1, 2);
end
cache{key} = bw;
end

function ok = build_kernel()
here = fileparts(mfilename('fullpath'));
src = fullfile(here, 'gdf_bw_mex.c');
out = fullfile(here, ['gdf_bw_mex.' mexext()]);
s = dir(src);
o = dir(out);
ok = true;
if ~isempty(o) && o.datenum >= s.datenum
  return
end
try
  if exist('OCTAVE_VERSION', 'builtin') ~= 0
    old = getenv('CFLAGS');
    setenv('CFLAGS', [strtrim(mkoctfile('-p', 'CFLAGS')) ' -std=c99 -O2']);
    [msg, status] = mkoctfile('--mex', '-o', out, src, '-lpthread');
    setenv('CFLAGS', old);
    if status ~= 0
      error('gdflow:bench:compile', '%s', msg);
    end
  else
    mex('-silent', '-outdir', here, src);
  end
  clear('gdf_bw_mex');
catch err
  fprintf('  (read bandwidth kernel not compiled: %s)\n', err.message);
  ok = false;
end
end
