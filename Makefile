# gdflow - gradient descent and gradient flow for GNU Octave / MATLAB.
#
#   make          build the C library and every MEX gateway (m/private/*.mex)
#   make demo     install what is missing, build, run demos/demo_overview
#   make test     install what is missing, build, run every test
#   make demos    run every demo script (figures under demos/figures/)
#   make gallery  redraw the README's figures in docs/gallery/
#   make animations  the four GIF animations in docs/animations/ (demos/make_animations.m)
#   make handouts publish every demo as an HTML handout in docs/handouts/ (headless;
#                 HANDOUT_STYLE=paper for print, HANDOUT_QUICK=1 for small sizes)
#   make bench    run the benchmarks (bench/README.md keeps the figures)
#   make bench-c  the least-squares / logistic pass in C alone, five builds
#   make check-mem  C unit tests under valgrind and ASan+UBSan (part of test)
#   make fuzz     fuzz every gateway and public function in child octave-cli
#                 processes, then 1e5 calls of each gateway for leaks
#                 (tests/fuzz; make fuzz-asan: gateways under ASan+UBSan)
#   make dist     the Octave package gdflow-X.Y.Z.tar.gz (X.Y.Z: Version in DESCRIPTION)
#   make test-dist  make dist, pkg install it in a temporary prefix, test the
#                 installed copy (part of test unless TEST_DIST=0)
#   make distname print the tarball's name
#   make deps     apt-get the Debian packages that are missing (root)
#   make clean
#
# Every variable may be overridden: make MKOCTFILE=mkoctfile-7 OCTAVE=octave
MKOCTFILE ?= mkoctfile
OCTAVE    ?= octave-cli
CC        ?= gcc
CSTD      ?= -std=c99
COPT      ?= -O2
CWARN     ?= -Wall -Wextra -Wno-unused-parameter
SAN_FLAGS ?= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
DEB_PKGS  ?= octave liboctave-dev libopenblas-dev liblapack-dev gnuplot-nox fonts-freefont-otf ghostscript octave-parallel
DISTDIR   ?= $(CURDIR)
# OpenMP for the one-pass least-squares / logistic evaluation (threads over
# row blocks); empty when the compiler has none (then one thread, same numbers).
# make OPENMP= builds without it.
OPENMP    ?= $(shell echo 'int main(void){return 0;}' | $(CC) -fopenmp -x c - -o /dev/null 2>/dev/null && echo -fopenmp)
TEST_DIST ?= 1

# BLAS/LAPACK as Octave links them (OpenBLAS through Debian's alternatives).
LAPACK_LIBS := $(shell $(MKOCTFILE) -p LAPACK_LIBS 2>/dev/null || echo -llapack)
BLAS_LIBS   := $(shell $(MKOCTFILE) -p BLAS_LIBS 2>/dev/null || echo -lblas)
LINALG      := $(LAPACK_LIBS) $(BLAS_LIBS)

LIB_SRC  := $(filter-out mex/%_mex.c mex/gdf_mexutil.c,$(wildcard mex/gdf_*.c))
LIB_HDR  := $(wildcard mex/*.h)
GATEWAYS := $(wildcard mex/*_mex.c)
MEXFILES := $(patsubst mex/%.c,m/private/%.mex,$(GATEWAYS))
CTESTS   := $(wildcard tests/c/test_*.c)

BUILD := build
LIB_OBJ      := $(patsubst mex/%.c,$(BUILD)/pic/%.o,$(LIB_SRC))
LIB_OBJ_SAN  := $(patsubst mex/%.c,$(BUILD)/san/%.o,$(LIB_SRC))
CTEST_BIN    := $(patsubst tests/c/%.c,$(BUILD)/ctest/%,$(CTESTS))
CTEST_SAN    := $(patsubst tests/c/%.c,$(BUILD)/ctest-san/%,$(CTESTS))

.PHONY: all deps build test demo demos gallery animations handouts bench bench-c bench-quick ctest check-mem clean dist distname test-dist fuzz fuzz-asan

all: build

build: $(MEXFILES)

# ---- the C library: compiled once, linked into every gateway ----------
$(BUILD)/pic/%.o: mex/%.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(COPT) $(CWARN) $(OPENMP) -fPIC -fexceptions -c $< -o $@

$(BUILD)/libgdflow.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/gdf_mexutil.o: mex/gdf_mexutil.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	CFLAGS="$(CSTD) $(COPT) $(CWARN) -fPIC -fexceptions" $(MKOCTFILE) --mex -c $< -o $@

m/private/%.mex: mex/%.c $(BUILD)/gdf_mexutil.o $(BUILD)/libgdflow.a $(LIB_HDR)
	@mkdir -p m/private
	CFLAGS="$(CSTD) $(COPT) $(CWARN) -fPIC" $(MKOCTFILE) --mex -o $@ $< $(BUILD)/gdf_mexutil.o $(BUILD)/libgdflow.a $(LINALG) $(OPENMP)

# ---- C unit tests (no Octave needed) -----------------------------------
# (a test may link extra test objects, listed as prerequisites below)
$(BUILD)/ctest/%: tests/c/%.c $(BUILD)/libgdflow.a tests/c/check.h tests/c/testprob.h tests/c/testsink.h tests/c/test_simd.c $(wildcard tests/c/ref/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) -Imex $< $(filter %.o,$^) $(BUILD)/libgdflow.a $(LINALG) -lm -o $@

# test_simd / test_simd_sse2: a second build of gdf_problems.c, plain C loops
# or SSE2 kernels, its external names prefixed plain_ (mex/gdf_problems_test.h)
SIMD_PLAIN := -DGDF_PLAIN_BUILD -DGDF_NO_SIMD
SIMD_SSE2  := -DGDF_PLAIN_BUILD -DGDF_NO_AVX2
$(BUILD)/ctest/test_simd: $(BUILD)/ctest-obj/gdf_problems_plain.o
$(BUILD)/ctest/test_simd_sse2: $(BUILD)/ctest-obj/gdf_problems_sse2.o
$(BUILD)/ctest-san/test_simd: $(BUILD)/ctest-obj-san/gdf_problems_plain.o
$(BUILD)/ctest-san/test_simd_sse2: $(BUILD)/ctest-obj-san/gdf_problems_sse2.o
$(BUILD)/ctest-obj/gdf_problems_plain.o: mex/gdf_problems.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SIMD_PLAIN) -c $< -o $@
$(BUILD)/ctest-obj/gdf_problems_sse2.o: mex/gdf_problems.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SIMD_SSE2) -c $< -o $@
$(BUILD)/ctest-obj-san/gdf_problems_plain.o: mex/gdf_problems.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) $(SIMD_PLAIN) -c $< -o $@
$(BUILD)/ctest-obj-san/gdf_problems_sse2.o: mex/gdf_problems.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) $(SIMD_SSE2) -c $< -o $@

# test_perf2_batch / test_gd15_lanes: the many-start kernels once more without
# AVX2, their external names prefixed plain_ (the portable variant must give
# the same bits); a test object, so that no C test includes a library .c file
PLAIN_BQ := -DGDF_NO_AVX2 -Dgdf_gd_batchq_applies=plain_gdf_gd_batchq_applies -Dgdf_gd_batchq=plain_gdf_gd_batchq
PLAIN_QL := -DGDF_NO_AVX2 -Dgdf_quad_lanes_applies=plain_gdf_quad_lanes_applies \
            -Dgdf_quad_fg_lanes_work=plain_gdf_quad_fg_lanes_work -Dgdf_quad_fg_lanes=plain_gdf_quad_fg_lanes
$(BUILD)/ctest/test_perf2_batch: $(BUILD)/ctest-obj/gdf_gd_batchq_plain.o
$(BUILD)/ctest-san/test_perf2_batch: $(BUILD)/ctest-obj-san/gdf_gd_batchq_plain.o
$(BUILD)/ctest/test_gd15_lanes: $(BUILD)/ctest-obj/gdf_quad_lanes_plain.o
$(BUILD)/ctest-san/test_gd15_lanes: $(BUILD)/ctest-obj-san/gdf_quad_lanes_plain.o
$(BUILD)/ctest-obj/gdf_gd_batchq_plain.o: mex/gdf_gd_batchq.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(PLAIN_BQ) -c $< -o $@
$(BUILD)/ctest-obj-san/gdf_gd_batchq_plain.o: mex/gdf_gd_batchq.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) $(PLAIN_BQ) -c $< -o $@
$(BUILD)/ctest-obj/gdf_quad_lanes_plain.o: mex/gdf_quad_lanes.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(PLAIN_QL) -c $< -o $@
$(BUILD)/ctest-obj-san/gdf_quad_lanes_plain.o: mex/gdf_quad_lanes.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) $(PLAIN_QL) -c $< -o $@

$(BUILD)/san/%.o: mex/%.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) -c $< -o $@

$(BUILD)/libgdflow-san.a: $(LIB_OBJ_SAN)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/ctest-san/%: tests/c/%.c $(BUILD)/libgdflow-san.a tests/c/check.h tests/c/testprob.h tests/c/testsink.h tests/c/test_simd.c $(wildcard tests/c/ref/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(CWARN) $(OPENMP) $(SAN_FLAGS) -Imex $< $(filter %.o,$^) $(BUILD)/libgdflow-san.a $(LINALG) -lm -o $@

ctest: $(CTEST_BIN)
	@bash tests/run_ctests.sh plain $(CTEST_BIN)

check-mem: $(CTEST_BIN) $(CTEST_SAN)
	@bash tests/run_ctests.sh valgrind $(CTEST_BIN)
	@bash tests/run_ctests.sh asan $(CTEST_SAN)

# ---- set-up, tests, demos, benchmarks ----------------------------------
deps:
	@bash tests/install_deps.sh $(DEB_PKGS)

test: deps
	@$(MAKE) --no-print-directory build $(CTEST_BIN) $(CTEST_SAN)
ifeq ($(TEST_DIST),1)
	@$(MAKE) --no-print-directory dist > /dev/null
	@OCTAVE="$(OCTAVE)" DIST_TARBALL="$(TARBALL)" bash tests/run_all.sh
else
	@OCTAVE="$(OCTAVE)" bash tests/run_all.sh
endif

# the demo targets end clean: Octave 7 prints "error: ignoring const
# execution_exception& while preparing to exit" (bug #62515) at every exit where it
# cannot save its history (no ~/.local/share/octave yet: a newcomer's first run).
# --no-history removes that cause; tools/octave_clean_exit.sh drops the line if it
# comes anyway (it keeps the exit status and every other line)
OCTAVE_RUN := bash $(CURDIR)/tools/octave_clean_exit.sh $(OCTAVE) --no-history

demo: deps
	@$(MAKE) --no-print-directory build
	$(OCTAVE_RUN) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/demos'); demo_overview"

demos: build
	$(OCTAVE_RUN) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/demos'); run_all_demos"

gallery: build
	$(OCTAVE_RUN) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/demos'); GDF_FIGDIR = '$(CURDIR)/docs/gallery'; run_all_demos"

animations: build
	$(OCTAVE_RUN) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/demos'); make_animations"

HANDOUT_STYLE ?= slides
HANDOUT_QUICK ?= 0
handouts: build
	$(OCTAVE_RUN) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/demos'); make_handouts('$(CURDIR)/docs/handouts', $(HANDOUT_QUICK), {}, '$(HANDOUT_STYLE)')"

# the pass over X in C alone (bench/c/bench_pass.c): five builds of its kernels,
# which must give the same bits (make bench-c BENCH_C_SIZE="40003 7": tiny, in make test);
# at the full size also the logistic row transform alone, libm against gdflow's kernels
BENCH_C_SRC := bench/c/bench_pass.c mex/gdf_util.c mex/gdf_gram.c mex/gdf_kernels.c
bench-c:
	@mkdir -p $(BUILD)/bench
	@$(CC) $(CSTD) $(COPT) $(OPENMP) -Imex $(BENCH_C_SRC) $(LINALG) -lm -o $(BUILD)/bench/pass
	@$(CC) $(CSTD) $(COPT) $(OPENMP) -DGDF_NO_AVX2 -Imex $(BENCH_C_SRC) $(LINALG) -lm -o $(BUILD)/bench/pass-sse2
	@$(CC) $(CSTD) $(COPT) $(OPENMP) -DGDF_NO_SIMD -Imex $(BENCH_C_SRC) $(LINALG) -lm -o $(BUILD)/bench/pass-plain
	@$(CC) $(CSTD) $(COPT) $(OPENMP) -DGDF_ZIGZAG=0 -Imex $(BENCH_C_SRC) $(LINALG) -lm -o $(BUILD)/bench/pass-fwd
	@$(CC) $(CSTD) $(COPT) $(CWARN) -Werror -Imex $(BENCH_C_SRC) $(LINALG) -lm -o $(BUILD)/bench/pass-serial
	@echo "ms per pass, n x p = $(if $(BENCH_C_SIZE),$(BENCH_C_SIZE),2e5 x 50) (medians of 41); last columns: checksums of f and g, LS and logistic"
	@echo "variant      LS 1 thr  LS 2 thr  lg 1 thr  lg 2 thr   LS checksum          lg checksum"
	@for v in pass:shipped pass-sse2:sse2 pass-plain:plain pass-fwd:forwards pass-serial:no-openmp; do \
	  $(BUILD)/bench/$${v%%:*} $${v#*:} $(BENCH_C_SIZE) || exit 1; done | tee $(BUILD)/bench/pass.txt
	@if [ $$(awk '{print $$(NF-1)}' $(BUILD)/bench/pass.txt | sort -u | wc -l) -eq 1 ] && \
	    [ $$(awk '{print $$NF}' $(BUILD)/bench/pass.txt | sort -u | wc -l) -eq 1 ]; then \
	  echo "bench-c: 1 passed, 0 failed (the five builds agree bit for bit, least squares and logistic)"; \
	else echo "bench-c: 0 passed, 1 failed (the builds disagree)"; exit 1; fi
	@$(if $(BENCH_C_SIZE),true,for v in pass:shipped pass-sse2:sse2 pass-plain:plain; do \
	  $(BUILD)/bench/$${v%%:*} --rows $${v#*:} || exit 1; done)

bench: build
	$(OCTAVE) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/bench'); bench_all;"

bench-quick: build
	$(OCTAVE) --no-gui --norc --eval "addpath('$(CURDIR)/m'); cd('$(CURDIR)/bench'); bench_all('quick');"

# ---- robustness: tests/README.md has the figures -----------------------------
fuzz: build
	@OCTAVE="$(OCTAVE)" bash tests/fuzz/run_fuzz.sh
	@OCTAVE="$(OCTAVE)" bash tests/fuzz/run_leak.sh

fuzz-asan: build
	@OCTAVE="$(OCTAVE)" bash tests/fuzz/run_fuzz.sh --asan

# ---- the Octave package ---------------------------------------------------
VERSION  := $(shell sed -n 's/^Version:[[:space:]]*//p' DESCRIPTION 2>/dev/null | tr -d '[:space:]')
DISTNAME := gdflow-$(VERSION)
TARBALL  := $(DISTDIR)/$(DISTNAME).tar.gz

dist:
	@mkdir -p $(DISTDIR)
	@bash pkg/make_dist.sh $(DISTDIR)

distname:
	@echo $(DISTNAME).tar.gz

test-dist: dist
	@OCTAVE="$(OCTAVE)" bash tests/run_dist_test.sh $(TARBALL)

clean:
	rm -rf $(BUILD) m/private/*.mex
