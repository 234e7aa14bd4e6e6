/* gdf_why.h - one vocabulary for why a run stopped: gradient descent
 * (gdf_gd.c, gdf_gd_solve.c) and the flows (gdf_gf.c, gdf_langevin.c).
 *
 * The GD reasons keep their numbers (1..12); the flows' own reasons follow
 * (13..22).  Where the event is the same it is one reason: GradTol, MaxTime
 * and a non-finite value are GDF_WHY_GRADTOL, GDF_WHY_MAXTIME and
 * GDF_WHY_NONFINITE for both.  One message function, gdf_why_text, covers
 * every reason; the three shared reasons are worded for the caller's
 * output (GDF_WHY_FOR_GD: gd_run's info.message sentences; GDF_WHY_FOR_FLOW:
 * gf_run's phrases), so neither function's messages change.
 *
 * The flow's GDF_GF_WHY_* names (gdf_gf.h) are aliases of these values, and
 * gdf_gf_why_message(w) is gdf_why_text(w, GDF_WHY_FOR_FLOW).
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef GDF_WHY_H
#define GDF_WHY_H

#ifdef __cplusplus
extern "C" {
#endif

/* GDF_WHY_LINESEARCH (exit flag 2): backtracking found no step that
 * decreases f.  GDF_WHY_STEPROUND (exit flag 2): the trial step no longer
 * changes theta at working precision (a line search that reached rounding
 * level, or a fixed step eta*||g|| below rounding: the iteration is at a
 * floating-point fixed point and could only spin to MaxIter).
 * GDF_WHY_SADDLE / GDF_WHY_MAXIMUM (exit flag -3): see GDF_EXIT_SADDLE.
 * The flows' reasons: see gdf_gf_result in gdf_gf.h. */
enum {
    GDF_WHY_NONE = 0,        /* still running / no reason                     */
    /* gradient descent (and the shared GRADTOL, MAXTIME, NONFINITE) */
    GDF_WHY_GRADTOL = 1,     /* ||grad f|| <= GradTol                         */
    GDF_WHY_STEPTOL,         /* step below StepTol                            */
    GDF_WHY_FUNTOL,          /* change in f below FunTol                      */
    GDF_WHY_MAXITER,         /* MaxIter iterations                            */
    GDF_WHY_MAXTIME,         /* MaxTime seconds                               */
    GDF_WHY_OUTPUTFCN,       /* the OutputFcn asked to stop                   */
    GDF_WHY_NONFINITE,       /* non-finite state, value or gradient           */
    GDF_WHY_DIVLIMIT,        /* f rose past DivergenceLimit                   */
    GDF_WHY_LINESEARCH,      /* backtracking found no decrease                */
    GDF_WHY_STEPROUND,       /* the step no longer changes theta              */
    GDF_WHY_SADDLE,          /* GradTol at a saddle point                     */
    GDF_WHY_MAXIMUM,         /* GradTol at a local maximum                    */
    /* the flows */
    GDF_WHY_TEND = 13,       /* reached the end of tspan                      */
    GDF_WHY_MAXSTEPS,        /* MaxSteps accepted steps                       */
    GDF_WHY_OUTPUT_FULL,     /* the output sink could not grow                */
    GDF_WHY_UNDERFLOW,       /* rk45 step size below 10 eps |t|               */
    GDF_WHY_NEWTON,          /* implicit: Newton's method did not converge    */
    GDF_WHY_CG,              /* implicit, sparse quadratic: CG failed         */
    GDF_WHY_SINGULAR,        /* implicit: I + h H is singular                 */
    GDF_WHY_CALLBACK,        /* the problem's callback returned an error      */
    GDF_WHY_BADARG,          /* invalid argument (GDF_EARG)                   */
    GDF_WHY_STATIONARY,      /* the state became stationary                   */
    /* gradient descent, added later (exit flag 0) */
    GDF_WHY_MAXFEVALS,       /* MaxFunEvals evaluations of f                  */
    GDF_WHY_COUNT            /* one past the last reason                      */
};
enum { GDF_WHY_FOR_GD = 0, GDF_WHY_FOR_FLOW = 1 };

/* The message for why, worded for gd_run (GDF_WHY_FOR_GD) or gf_run
 * (GDF_WHY_FOR_FLOW); "Unknown reason." / "unknown reason" otherwise. */
const char *gdf_why_text(int why, int style);
/* gd_run's message: gdf_why_text(why, GDF_WHY_FOR_GD). */
const char *gdf_why_message(int why);
/* gd_run's exit flag for a GD reason (GDF_EXIT_* of gdflow.h: GRADTOL 1,
 * STEPTOL/LINESEARCH/STEPROUND 2, FUNTOL 3, MAXITER/MAXTIME/MAXFEVALS 0, OUTPUTFCN -1,
 * NONFINITE/DIVLIMIT -2, SADDLE/MAXIMUM -3); 0 for any other reason. */
int gdf_why_exitflag(int why);

#ifdef __cplusplus
}
#endif

#endif
