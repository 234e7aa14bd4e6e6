#!/usr/bin/env python3
"""References for test_exact.c's balancing tests: expm of two badly scaled
matrices in 80-digit arithmetic (mpmath.expm), printed as C initializers
(column-major).  Run: python3 tests/c/ref/expm_ref.py  (needs mpmath)."""
import mpmath as mp

mp.mp.dps = 80

# Moler's example (Moler & Van Loan; Higham 2009): balancing matters
# (the entries as the C test writes them, rounded to double, then exact)
moler = [[0, 1e-8, 0], [-(2e10 + 4e8 / 6), -3, 2e10], [200 / 3, 0, -200 / 3]]
# isolated eigenvalues (a zero row and column for dgebal to permute away)
# around a badly scaled 3 x 3 block
perm = [[-1, 0, 0, 0, 0],
        [2, -2, 1e6, 0, 3],
        [5, 1e-6, -3, 0, 1],
        [1, 2, 3, -0.5, 4],
        [0, 0, 1e-3, 0, -1]]


def emit(name, rows):
    n = len(rows)
    E = mp.expm(mp.matrix([[mp.mpf(float(v)) for v in r] for r in rows]))
    vals = [E[i, j] for j in range(n) for i in range(n)]
    print('static const double %s[%d] = {' % (name, n * n))
    print(',\n'.join('    ' + mp.nstr(v, 20, min_fixed=1, max_fixed=0) for v in vals))
    print('};')


emit('moler_ref', moler)
emit('perm_ref', perm)
