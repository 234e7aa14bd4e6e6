#!/usr/bin/env bash
# Run every gdflow test and end with one line "N passed, N failed, N skipped".
#   C unit tests: plain, under valgrind memcheck, built with ASan+UBSan
#   Octave tests: every %!test/%!error block in tests/m/*.m and m/*.m
#   Fuzz: a quick subset of tests/fuzz (bad arguments to every gateway and
#     public function, each batch in a child octave-cli)
#   Octave package: when DIST_TARBALL is set (make test does), the tarball is
#     installed in a temporary prefix and tested there (tests/run_dist_test.sh)
#   MATLAB compatibility: ../shared/tools/mcompat over m demos tests bench and
#     the top folder's .m files (gdflow_setup, gdflow_build)
# Exit status 0 only when nothing failed.
set -u
cd "$(dirname "$0")/.."
OCTAVE=${OCTAVE:-octave-cli}
pass=0; fail=0; skip=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

count() { # parse "...: N passed, N failed[, N skipped]" from the last such line of $1
    local line
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        echo "  (no result line: counted as 1 failure)"; fail=$((fail + 1)); return
    fi
    local p f s
    p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')
    f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
    s=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || true)
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + ${s:-0}))
}

CTESTS=$(ls build/ctest/test_* 2>/dev/null)
CSAN=$(ls build/ctest-san/test_* 2>/dev/null)
for mode in plain valgrind asan; do
    bins=$CTESTS
    [ $mode = asan ] && bins=$CSAN
    if [ $mode = valgrind ] && ! command -v valgrind >/dev/null 2>&1; then
        echo "c-valgrind: valgrind not installed: skipped"; skip=$((skip + 1)); continue
    fi
    bash tests/run_ctests.sh $mode $bins > "$log/c-$mode.txt" 2>&1
    tail -n 1 "$log/c-$mode.txt"
    grep -v -E '^c-[a-z]+: [0-9]+ passed' "$log/c-$mode.txt" | head -n 60
    count "$log/c-$mode.txt"
done

# the five builds of the least-squares / logistic pass (SIMD levels, direction, no OpenMP)
# agree bit for bit: make bench-c at a tiny size
make --no-print-directory bench-c BENCH_C_SIZE="40003 7" > "$log/bench-c.txt" 2>&1
tail -n 1 "$log/bench-c.txt"
count "$log/bench-c.txt"

# Windows: every C file compiles with MinGW-w64 as MATLAB's mex would build it
# there (64-bit BLAS integers, -fopenmp); skipped without the cross compiler
MINGW=x86_64-w64-mingw32-gcc
MEXH=$(dirname "$(find /usr/include -name mex.h -path '*octave*' 2>/dev/null | head -n 1)" 2>/dev/null)
if command -v $MINGW >/dev/null 2>&1 && [ -f "$MEXH/mex.h" ]; then
    wfail=0
    for f in mex/*.c; do
        if ! $MINGW -std=c99 -O2 -Wall -Wextra -Wno-unused-parameter -Werror -fopenmp -DGDF_BLAS_INT64 \
                -I"$MEXH" -Imex -fsyntax-only "$f" > "$log/mingw.txt" 2>&1; then
            wfail=$((wfail + 1)); echo "---- mingw: $f"; head -n 20 "$log/mingw.txt"
        fi
    done
    echo "mingw: $((wfail == 0 ? 1 : 0)) passed, $((wfail > 0 ? 1 : 0)) failed (every mex/*.c for Windows)" | tee "$log/mingw-result.txt"
    count "$log/mingw-result.txt"
else
    echo "mingw: 0 passed, 0 failed, 1 skipped (no $MINGW: apt-get install gcc-mingw-w64-x86-64)" | tee "$log/mingw-result.txt"
    count "$log/mingw-result.txt"
fi

$OCTAVE --no-gui --norc --no-history --eval "addpath('$(pwd)/m'); addpath('$(pwd)/tests/m'); run_octave_tests('$(pwd)')" > "$log/octave.txt" 2>&1
grep -v -E '^error: ignoring const execution_exception' "$log/octave.txt" | tail -n 200
count "$log/octave.txt"

# a quick subset of the fuzz harness (make fuzz runs all of it): each bad call
# in a child octave-cli; crashes, hangs and non-gdflow errors count as failed
t0=$SECONDS
OCTAVE="$OCTAVE" bash tests/fuzz/run_fuzz.sh --quick > "$log/fuzz.txt" 2>&1
grep -E '^fuzz-quick: [0-9]+ passed' "$log/fuzz.txt" | sed "s/\$/ ($((SECONDS - t0)) s)/"
grep -q -E '^fuzz-quick: [0-9]+ passed, 0 failed' "$log/fuzz.txt" || tail -n 40 "$log/fuzz.txt"
count "$log/fuzz.txt"

if [ -n "${DIST_TARBALL:-}" ]; then
    t0=$SECONDS
    OCTAVE="$OCTAVE" bash tests/run_dist_test.sh "$DIST_TARBALL" > "$log/dist.txt" 2>&1
    if grep -q '^  FAIL' "$log/dist.txt"; then
        grep -v -E '^(Tests are often skipped|disabled or were not present|The configure script|indicating which|Please help improve|\(see the list in|test-dist:)' "$log/dist.txt" | tail -n 120
    fi
    grep -E '^test-dist:' "$log/dist.txt" | sed "s/\$/ ($((SECONDS - t0)) s)/"
    count "$log/dist.txt"
fi

MCOMPAT=../shared/tools/mcompat
if [ -x "$MCOMPAT" ] && command -v python3 >/dev/null 2>&1; then
    dirs=$(for d in m demos tests bench; do [ -d "$d" ] && echo "$d"; done; ls ./*.m 2>/dev/null)
    if "$MCOMPAT" $dirs > "$log/mcompat.txt" 2>&1; then
        echo "mcompat: 1 passed, 0 failed ($(tail -n 1 "$log/mcompat.txt"))"; pass=$((pass + 1))
    else
        cat "$log/mcompat.txt" | tail -n 40
        echo "mcompat: 0 passed, 1 failed"; fail=$((fail + 1))
    fi
else
    echo "mcompat: ../shared/tools/mcompat not found: MATLAB-compatibility check skipped"
    skip=$((skip + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
