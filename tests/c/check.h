/* check.h - a tiny assertion kit for the C unit tests of gdflow.
 * Each test program ends with one line "N passed, N failed" and exits
 * non-zero when anything failed.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_CHECK_H
#define GDF_CHECK_H
#include <math.h>
#include <stdio.h>

static int check_passed_ = 0, check_failed_ = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (cond) {                                                        \
            check_passed_++;                                               \
        } else {                                                           \
            check_failed_++;                                               \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                  \
            fprintf(stderr, "\n");                                         \
        }                                                                  \
    } while (0)

/* |a - b| <= tol * max(1, |b|) */
#define CHECK_CLOSE(a, b, tol, what)                                       \
    do {                                                                   \
        double a_ = (a), b_ = (b);                                         \
        double s_ = fabs(b_) > 1.0 ? fabs(b_) : 1.0;                       \
        CHECK(fabs(a_ - b_) <= (tol) * s_, "%s: %.17g vs %.17g (tol %g)",  \
              what, a_, b_, (double)(tol));                                \
    } while (0)

static int check_report(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed_, check_failed_);
    return check_failed_ ? 1 : 0;
}
#endif
