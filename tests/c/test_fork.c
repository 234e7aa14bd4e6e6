/* test_fork.c - the threaded least-squares / logistic pass in a process made
 * by fork() after the parent used it (issue 12, "Trust": GNU libgomp's thread
 * pool does not survive fork(), and the child's first threaded pass used to
 * wait forever for the parent's dead workers).  A real fork(): the parent
 * runs the pass with threads = 2 at a size above GDF_DATA_PAR_MIN, forks, the
 * child runs the same pass and sends f and g through a pipe; the parent waits
 * with a deadline (waitpid polling; the child also has an alarm), so a
 * regression fails instead of hanging.  The child's numbers must be the
 * parent's bits (the pass gives the same bits for any number of threads),
 * and gdf_data_threads must report what the child really uses (one thread).
 * POSIX only (no fork on Windows).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200112L
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "check.h"
#include "testprob.h"

#ifndef _WIN32
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define M 300000
#define P 4
#define DEADLINE_S 40.0 /* valgrind included; the pass takes milliseconds */
#define CHILD_ALARM 30

typedef struct {
    double f, g[P];
    int threads, usable, status;
} child_result;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* the child: one pass, its result into the pipe, _exit (no atexit, no
 * stdio flush of the parent's buffers) */
static void child_pass(gdf_problem *pb, gdf_data *q, const double *x, int fd)
{
    child_result r;
    memset(&r, 0, sizeof r);
    alarm(CHILD_ALARM); /* a hang kills the child (SIGALRM): the parent sees a signal */
    r.usable = gdf_threads_usable();
    r.threads = gdf_data_threads(q);
    r.status = gdf_eval(pb, x, &r.f, r.g);
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(3);
    _exit(0);
}

/* wait for pid until the deadline; 1 if it exited with code 0 */
static int wait_child(pid_t pid, const char *what)
{
    double t0 = now_s();
    int st = 0;
    for (;;) {
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid)
            break;
        if (w < 0) {
            CHECK(0, "%s: waitpid failed", what);
            return 0;
        }
        if (now_s() - t0 > DEADLINE_S) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            CHECK(0, "%s: the child hung (killed after %g s)", what, DEADLINE_S);
            return 0;
        }
        sleep_ms(5);
    }
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: the child exited normally (status %d%s)", what,
          WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), WIFEXITED(st) ? "" : ", a signal");
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* fork; the child runs the pass; compare with (f0, g0) */
static int hung = 0; /* after one hang, no more forks (each costs the deadline) */

static void fork_and_compare(gdf_problem *pb, gdf_data *q, const double *x, double f0,
                             const double *g0, const char *what)
{
    int fds[2];
    pid_t pid;
    child_result r;
    ssize_t got = 0;
    if (hung) {
        CHECK(0, "%s: skipped after a hang", what);
        return;
    }
    if (pipe(fds) != 0) {
        CHECK(0, "%s: pipe", what);
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        CHECK(0, "%s: fork", what);
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        child_pass(pb, q, x, fds[1]);
    }
    close(fds[1]);
    if (!wait_child(pid, what)) {
        hung = 1;
    } else {
        memset(&r, 0, sizeof r);
        got = read(fds[0], &r, sizeof r);
        CHECK(got == (ssize_t)sizeof r, "%s: the child's result arrived", what);
        if (got == (ssize_t)sizeof r) {
            CHECK(r.status == GDF_OK, "%s: status %d in the child", what, r.status);
            CHECK(memcmp(&r.f, &f0, sizeof f0) == 0 && memcmp(r.g, g0, P * sizeof *g0) == 0,
                  "%s: the child's f and g are the parent's bits (f %.17g vs %.17g)", what, r.f, f0);
            CHECK(r.usable == 0, "%s: the child knows it is a fork child", what);
            CHECK(r.threads == 1, "%s: the child reports the one thread it uses (%d)", what, r.threads);
        }
    }
    close(fds[0]);
}

int main(void)
{
    double *X = malloc((size_t)M * P * sizeof *X), *y = malloc((size_t)M * sizeof *y);
    double *work = malloc(gdf_data_work(M, P) * sizeof *work);
    double x[P] = {0.1, -0.2, 0.3, 0.15}, f0, g0[P], f1, g1[P];
    ptrdiff_t i, j;
    int logi;
    gdf_data q;
    gdf_problem pb;
    alarm(600); /* the whole program: never a hang */
    (void)tp_spd;
    tp_seed(12);
    for (i = 0; i < M; i++) {
        X[i] = 1.0;
        for (j = 1; j < P; j++)
            X[i + j * M] = tp_normal();
        y[i] = tp_uniform() < 0.5 ? 1.0 : 0.0;
    }
    CHECK((double)M * P > GDF_DATA_PAR_MIN, "the problem is above the threading threshold");
    CHECK(gdf_threads_usable() == 1, "the parent may use threads");
    for (logi = 0; logi < 2; logi++) {
        const char *what = logi ? "logistic" : "least squares";
        memset(&q, 0, sizeof q);
        q.m = M; q.p = P; q.X = X; q.y = y; q.work = work; q.threads = 2;
        if (logi)
            gdf_problem_logistic(&pb, &q);
        else
            gdf_problem_leastsq(&pb, &q);
#ifdef _OPENMP
        CHECK(gdf_data_threads(&q) == 2, "%s: the parent uses 2 threads (%d)", what, gdf_data_threads(&q));
#endif
        /* two passes (both directions of the zigzag) so the pool surely exists */
        gdf_eval(&pb, x, &f0, g0);
        gdf_eval(&pb, x, &f1, g1);
        CHECK(f0 == f1 && memcmp(g0, g1, sizeof g0) == 0, "%s: both directions, same bits", what);
        q.calls = 0; /* the child's pass runs in the direction of the first */
        fork_and_compare(&pb, &q, x, f0, g0, what);
        /* the parent is unaffected: still threaded, same bits, and a second
         * fork after the pool was made again works as well */
        CHECK(gdf_threads_usable() == 1, "%s: the parent may still use threads", what);
#ifdef _OPENMP
        CHECK(gdf_data_threads(&q) == 2, "%s: the parent still uses 2 threads", what);
#endif
        q.calls = 0;
        gdf_eval(&pb, x, &f1, g1);
        CHECK(f0 == f1 && memcmp(g0, g1, sizeof g0) == 0, "%s: the parent after the fork, same bits", what);
        q.calls = 0;
        fork_and_compare(&pb, &q, x, f0, g0, what);
    }
    free(X);
    free(y);
    free(work);
    return check_report("test_fork");
}
#else
int main(void)
{
    CHECK(gdf_threads_usable() == 1, "no fork on Windows: threads always usable");
    return check_report("test_fork");
}
#endif
