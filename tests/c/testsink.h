/* testsink.h - a growable gdf_gf_out sink and a run with fresh workspace,
 * shared by test_gf.c and test_beyond.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_TESTSINK_H
#define GDF_TESTSINK_H
#include <stdlib.h>
#include <string.h>

#include "gdflow.h"
#include "gdf_blas.h"
#include "gdf_gf.h"

/* ------------------------------------------------------------------ */
/* a growable output sink                                               */
/* ------------------------------------------------------------------ */
typedef struct {
    ptrdiff_t d;
    gdf_gf_out o;
} sink;

static int sink_grow(void *ctx, long need, gdf_gf_out *o)
{
    sink *s = (sink *)ctx;
    long cap = o->cap ? o->cap : 4;
    while (cap < need)
        cap *= 2;
    o->t = realloc(o->t, (size_t)cap * sizeof(double));
    o->f = realloc(o->f, (size_t)cap * sizeof(double));
    o->gnorm = realloc(o->gnorm, (size_t)cap * sizeof(double));
    o->theta = realloc(o->theta, (size_t)cap * (size_t)s->d * sizeof(double));
    if (!o->t || !o->f || !o->gnorm || !o->theta)
        return 1;
    o->cap = cap;
    return 0;
}

static void sink_init(sink *s, ptrdiff_t d)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->o.grow = sink_grow;
    s->o.ctx = s;
}

static void sink_free(sink *s)
{
    free(s->o.t);
    free(s->o.f);
    free(s->o.gnorm);
    free(s->o.theta);
    memset(&s->o, 0, sizeof s->o);
}

/* run with freshly allocated workspace */
static int run(gdf_problem *p, const double *th0, const double *tspan, ptrdiff_t nt,
               const gdf_gf_opts *o, sink *s, gdf_gf_result *r)
{
    size_t nw = gdf_gf_work(p->d, o->method, p), niw = gdf_gf_iwork(p->d, o->method, p);
    double *w = malloc(nw * sizeof(double));
    gdf_int *iw = niw ? malloc(niw * sizeof(gdf_int)) : NULL;
    int st;
    sink_free(s);
    sink_init(s, p->d);
    st = gdf_gf_run(p, th0, tspan, nt, o, &s->o, w, iw, r);
    free(w);
    free(iw);
    return st;
}

#endif
