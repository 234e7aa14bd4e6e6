/* gdf_why.c - the messages and exit flags of the reasons in gdf_why.h.
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#include "gdf_why.h"

/* the flows' wording of every reason they use (gf_run's info.message) */
static const char *flow_text(int why)
{
    switch (why) {
    case GDF_WHY_TEND: return "reached the end of the time span";
    case GDF_WHY_GRADTOL: return "gradient norm at or below GradTol (terminal event)";
    case GDF_WHY_MAXSTEPS: return "maximum number of steps (MaxSteps) reached";
    case GDF_WHY_MAXTIME: return "time limit (MaxTime) reached";
    case GDF_WHY_OUTPUT_FULL: return "the output buffer could not grow";
    case GDF_WHY_NONFINITE: return "non-finite state, objective value or gradient";
    case GDF_WHY_UNDERFLOW: return "step size underflow: the step became too small for the current time";
    case GDF_WHY_NEWTON: return "Newton's method for the implicit step did not converge (try a smaller Step)";
    case GDF_WHY_CG: return "conjugate gradients for the implicit step did not converge (try a smaller Step)";
    case GDF_WHY_SINGULAR: return "the implicit system I + h*H is singular (try a smaller Step)";
    case GDF_WHY_CALLBACK: return "the objective callback failed";
    case GDF_WHY_BADARG: return "invalid argument";
    case GDF_WHY_STATIONARY: return "the flow reached a stationary point; the state is constant from there to tf";
    default: return "unknown reason";
    }
}

/* gd_run's sentences (info.message) */
static const char *gd_text(int why)
{
    switch (why) {
    case GDF_WHY_GRADTOL:
        return "Converged: gradient norm below GradTol.";
    case GDF_WHY_STEPTOL:
        return "Stopped: step below StepTol.";
    case GDF_WHY_FUNTOL:
        return "Stopped: change in f below FunTol.";
    case GDF_WHY_MAXITER:
        return "Stopped: MaxIter iterations reached.";
    case GDF_WHY_MAXTIME:
        return "Stopped: MaxTime exceeded.";
    case GDF_WHY_MAXFEVALS:
        return "Stopped: MaxFunEvals function evaluations reached.";
    case GDF_WHY_OUTPUTFCN:
        return "Stopped by OutputFcn.";
    case GDF_WHY_NONFINITE:
        return "Diverged: f or its gradient became non-finite.";
    case GDF_WHY_DIVLIMIT:
        return "Diverged: f rose above DivergenceLimit times max(1, |f(theta0)|).";
    case GDF_WHY_LINESEARCH:
        return "Stopped: backtracking found no step that decreases f.";
    case GDF_WHY_STEPROUND:
        return "Stopped: the step fell below rounding level (it no longer changes theta): the "
               "gradient may be wrong, or theta is optimal to working precision.";
    case GDF_WHY_SADDLE:
        return "Stopped at a saddle point, not a minimizer: the gradient norm is below GradTol "
               "but the Hessian has a negative eigenvalue.";
    case GDF_WHY_MAXIMUM:
        return "Stopped at a local maximum, not a minimizer: the gradient norm is below GradTol "
               "but the Hessian is negative definite.";
    default:
        return "Unknown reason.";
    }
}

const char *gdf_why_text(int why, int style)
{
    if (style == GDF_WHY_FOR_FLOW)
        return flow_text(why);
    /* a flow-only reason in a GD context: the flows' words, capitalized
     * sentences being gd_run's alone */
    if (why >= GDF_WHY_TEND && why <= GDF_WHY_STATIONARY)
        return flow_text(why);
    return gd_text(why);
}

const char *gdf_why_message(int why)
{
    return gdf_why_text(why, GDF_WHY_FOR_GD);
}

int gdf_why_exitflag(int why)
{
    switch (why) {
    case GDF_WHY_GRADTOL: return 1;
    case GDF_WHY_STEPTOL: case GDF_WHY_LINESEARCH: case GDF_WHY_STEPROUND: return 2;
    case GDF_WHY_FUNTOL: return 3;
    case GDF_WHY_OUTPUTFCN: return -1;
    case GDF_WHY_NONFINITE: case GDF_WHY_DIVLIMIT: return -2;
    case GDF_WHY_SADDLE: case GDF_WHY_MAXIMUM: return -3;
    default: return 0;
    }
}
