function [X, y] = gdf_cw_ex2data()
%GDF_CW_EX2DATA  Generated data of the ex2data1 shape (the same in Octave and MATLAB).
%   [X, Y] = GDF_CW_EX2DATA() returns 100 applicants: X = [1, exam 1, exam 2]
%   with scores uniform in 30..100 (not scaled) and Y = 1 (admitted) or 0,
%   drawn from the logistic model P(admitted) = 1/(1 + exp(-X*[-20; 0.16; 0.16])).
%   The uniform numbers come from the Park-Miller linear congruential
%   generator s <- 16807*s mod (2^31 - 1), seed 2014: every product is an
%   exact integer in double precision, so Octave and MATLAB give the same
%   data bit for bit (rand and randn streams differ between the two).
%   Only this generated data is shipped, not the course's data file.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
s = 2014;
u = zeros(300, 1);
for i = 1:300
  s = mod(16807 * s, 2147483647);
  u(i) = s / 2147483647;
end
X = [ones(100, 1), 30 + 70 * reshape(u(1:200), 100, 2)];
y = double(u(201:300) < 1 ./ (1 + exp(-X * [-20; 0.16; 0.16])));
end
