% gdflow: gradient descent and gradient flow, with the numerics in C.
% Version 0.1.0 25-Nov-2026
%
% Descent and flow
%   gd_run          - Gradient descent, run in C.
%   gf_run          - Gradient flow dtheta/dt = -grad f(theta), integrated in C.
%   gf_exact        - Closed-form gradient flow and GD iterates of a quadratic.
%   gd_compare      - Run GD and GF variants on one problem; tabulate measured against theoretical rates.
%   gd_theory       - Theoretical rate, bound and stability of a GD or GF method on a problem.
%   gd_minimize     - Minimize like fminunc: [x, fval, exitflag, output, grad], gdflow inside.
%   gd_sgd_cov      - Predicted stationary covariance of constant-step SGD near the minimiser.
%   gd_sweep        - Run a grid of gd_run (or gf_run) configurations; tabulate rates against the theory.
%
% Problems
%   gd_quadratic    - Quadratic objective f = 1/2*theta'*A*theta - b'*theta + c.
%   gd_leastsq      - Least-squares objective f = 1/(2m)*norm(X*theta - y)^2.
%   gd_logistic     - Logistic-regression objective (mean log-loss, optional L2 term).
%   gd_testfun      - Classic optimization test functions, evaluated in C.
%   gd_eval         - Evaluate an objective, its gradient and Hessian (in C for problem structs).
%
% Options and plots
%   gd_options      - Build and validate an options struct for gd_run or gf_run.
%   gd_plot         - Landscapes and convergence plots of gradient descent and gradient flow.
%   gd_explore      - A live step-size explorer: sliders for eta (and kappa) redraw GD.
%   gd_sweep_plot   - Heat map or rate curves of a GD_SWEEP, with the theory's stability boundary.
%
% The toolbox
%   gdflow          - Gradient descent and gradient flow toolbox: version and function list.
%   gdflow_version  - Version of the gdflow toolbox (and of the host it runs on).
%
% Demos (folder demos/; each checks one claim of the theory and saves figures)
%   demo_overview       - Gradient descent on an ill-conditioned bowl at three step sizes.
%   demo_stability      - The stability threshold of gradient descent: eta < 2/L.
%   demo_linear_rate    - Linear convergence of GD under strong convexity.
%   demo_convex_rate    - Sufficient decrease and the O(1/k) rate of GD on a convex problem.
%   demo_euler_error    - GD is forward Euler on the gradient flow: global error O(eta).
%   demo_backward_euler - Backward Euler (proximal point) is stable far beyond eta = 2/L.
%   demo_gf_energy      - Gradient flow dissipates energy: df/dt = -||grad f||^2.
%   demo_zigzag         - Zig-zag and conditioning: GD paths on bowls of condition 1, 10, 100.
%   demo_momentum       - Heavy ball and Nesterov against gradient descent on an ill-conditioned bowl.
%   demo_natural        - Natural gradient against gradient descent.
%   demo_nesterov_ode   - Nesterov's method and its ODE (Su, Boyd and Candes 2016).
%   demo_langevin       - Langevin dynamics: gradient flow plus noise samples the Gibbs density.
%   demo_sgd            - Stochastic gradient descent: the noise ball, its covariance, and where the SDE picture breaks.
%   demo_cheatsheet     - The lecture's cheat sheet (section 9), every row evaluated on one problem.
%   demo_coursework     - The coursework linear-regression loop, replaced by one gd_run call.
%   demo_coursework_ex2 - The coursework's fminunc call for logistic regression, and gdflow's methods beside it.
%   demo_sweep_stability - The stability regions of GD, heavy ball and Nesterov over (eta, kappa).
%
% Building (top folder of the source tree)
%   gdflow_setup    - Put gdflow on the path; build the MEX gateways if missing.
%   gdflow_build    - Compile the MEX gateways with this host's own mex command.
