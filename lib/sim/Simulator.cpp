//===- Simulator.cpp - CVODE driver over a compiled network ---------------===//
//
// OdeSimulator wraps one CVODE instance (BDF, Newton) with the analytic
// Jacobian of CompiledNetwork and a dense, KLU (AMD ordering) or
// ILU(0)-preconditioned SPGMR linear solver (Hindmarsh et al., "SUNDIALS",
// ACM TOMS 31(3), 2005). State changes restart it through CVodeReInit.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Simulator.h"
#include "lib/sim/FastVectorOps.h"
#include "lib/sim/Ilu0.h"
#include "lib/sim/SparseLuLinearSolver.h"
#include "lib/support/EnumNames.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_spgmr.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_sparse.h>

using namespace crnc;
using namespace crnc::sim;

/// Values below 0 by at most this many absolute tolerances are round-off
/// when an interval is integrated again without the constraints.
static constexpr double kConstraintSlack = 1000;

char SimulationError::ID = 0;

void SimulationError::log(llvm::raw_ostream &os) const {
  os << "integration failed at t=" << formatNumber(timeReached) << ": "
     << reason;
}

std::error_code SimulationError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

static const EnumName<LinearSolverKind> linearSolverNames[] = {
    {LinearSolverKind::Auto, "auto"},
    {LinearSolverKind::Dense, "dense"},
    {LinearSolverKind::Klu, "klu"},
    {LinearSolverKind::Gmres, "gmres"},
};

llvm::StringRef sim::linearSolverName(LinearSolverKind kind) {
  return nameOf(linearSolverNames, kind);
}

std::optional<LinearSolverKind> sim::parseLinearSolver(llvm::StringRef name) {
  return valueOf(linearSolverNames, name);
}

/// KLU's symbolic analysis of the Jacobian pattern into `lu`, and its
/// estimates (zeros when KLU rejects the pattern).
static FillEstimate analyzeFill(const CompiledNetwork &network, SparseLu &lu) {
  FillEstimate est;
  if (lu.analyze(network.speciesCount(), network.jacobianColPtr().data(),
                 network.jacobianRowIdx().data())) {
    est.factorNonZeros = lu.estimatedFactorNonZeros();
    est.flops = lu.estimatedFlops();
  }
  return est;
}

FillEstimate sim::estimateKluFill(const CompiledNetwork &network) {
  SparseLu lu;
  return analyzeFill(network, lu);
}

/// chooseLinearSolver, keeping the symbolic analysis (if one was needed) in
/// `lu` so that a KLU solver built on it does not analyse the pattern again.
static LinearSolverKind chooseKeepingAnalysis(const CompiledNetwork &network,
                                              SparseLu &lu) {
  size_t n = network.speciesCount();
  double nnz = double(network.jacobianNonZeros());
  double density = n ? nnz / (double(n) * n) : 1;
  if (n <= 64 || (n <= 400 && density > 0.3))
    return LinearSolverKind::Dense;
  FillEstimate est = analyzeFill(network, lu);
  if (est.flops > 200 * nnz)
    return LinearSolverKind::Gmres;
  return LinearSolverKind::Klu;
}

LinearSolverKind sim::chooseLinearSolver(const CompiledNetwork &network) {
  SparseLu lu;
  return chooseKeepingAnalysis(network, lu);
}

//===----------------------------------------------------------------------===//
// SUNDIALS objects and callbacks
//===----------------------------------------------------------------------===//

struct OdeSimulator::Impl {
  OdeSimulator *owner = nullptr;
  SUNContext ctx = nullptr;
  N_Vector y = nullptr;
  N_Vector constraints = nullptr;
  SUNMatrix A = nullptr;
  SUNLinearSolver LS = nullptr;
  void *cvode = nullptr;
  std::vector<double> scratch; // channel fluxes
  std::string lastError;
  // Sparse direct solver state: the factorization, and the CSC positions of
  // the diagonal for forming I - gamma*J from the Jacobian values.
  SparseLu lu;
  std::vector<int64_t> diagonal;
  // SPGMR preconditioner state; jacValues also holds the sparse solver's J.
  std::unique_ptr<Ilu0> ilu;
  std::vector<double> jacValues;
  long precSetups = 0;
  SolverStats base; // counters from before the last CVodeReInit

  ~Impl() {
    if (cvode)
      CVodeFree(&cvode);
    if (LS)
      SUNLinSolFree(LS);
    if (A)
      SUNMatDestroy(A);
    if (constraints)
      N_VDestroy(constraints);
    if (y)
      N_VDestroy(y);
    if (ctx)
      SUNContext_Free(&ctx);
  }

  const double *k() const { return owner->rates.data(); }
  const CompiledNetwork &net() const { return owner->integratedNetwork(); }

  /// Error weights 1 / (rtol |y| + atol) in one pass instead of CVODE's five.
  static int errorWeights(N_Vector y, N_Vector ewt, void *data) {
    const SolverOptions &o = static_cast<Impl *>(data)->owner->opts;
    return computeErrorWeights(y, ewt, o.relTol, o.absTol);
  }

  static int rhs(realtype, N_Vector y, N_Vector ydot, void *data) {
    auto *im = static_cast<Impl *>(data);
    im->net().rhs(N_VGetArrayPointer(y), im->k(), N_VGetArrayPointer(ydot),
                  im->scratch.data());
    return 0;
  }

  static int jacDense(realtype, N_Vector y, N_Vector, SUNMatrix J, void *data,
                      N_Vector, N_Vector, N_Vector) {
    auto *im = static_cast<Impl *>(data);
    im->net().denseJacobian(N_VGetArrayPointer(y), im->k(), SM_DATA_D(J));
    return 0;
  }

  /// The Newton matrix M = I - gamma*J in place, on the Jacobian's pattern
  /// (set once when the matrix is created), in one pass. J is evaluated
  /// afresh at every setup, even when CVODE would reuse the saved one (jok):
  /// an analytic sparse J costs about one RHS, far less than the
  /// refactorization that follows, and DSD networks, whose Jacobian changes
  /// quickly, then need a third fewer steps (793 -> 517 on the 10^3-reaction
  /// benchmark) with fewer Newton failures.
  static int linearSystem(realtype, N_Vector y, N_Vector, SUNMatrix M,
                          booleantype, booleantype *jcur, realtype gamma,
                          void *data, N_Vector, N_Vector, N_Vector) {
    auto *im = static_cast<Impl *>(data);
    double *J = im->jacValues.data();
    im->net().sparseJacobian(N_VGetArrayPointer(y), im->k(), J);
    *jcur = SUNTRUE;
    double *m = SM_DATA_S(M);
    for (size_t e = 0, nnz = im->jacValues.size(); e < nnz; ++e)
      m[e] = -gamma * J[e];
    for (int64_t d : im->diagonal)
      m[d] += 1.0;
    return 0;
  }

  static int jacTimes(N_Vector v, N_Vector Jv, realtype, N_Vector y, N_Vector,
                      void *data, N_Vector) {
    auto *im = static_cast<Impl *>(data);
    im->net().jacobianTimes(N_VGetArrayPointer(y), im->k(),
                            N_VGetArrayPointer(v), N_VGetArrayPointer(Jv),
                            im->scratch.data());
    return 0;
  }

  static int precSetup(realtype, N_Vector y, N_Vector, booleantype jok,
                       booleantype *jcur, realtype gamma, void *data) {
    auto *im = static_cast<Impl *>(data);
    if (!jok) {
      im->net().sparseJacobian(N_VGetArrayPointer(y), im->k(),
                               im->jacValues.data());
      ++im->precSetups;
    }
    *jcur = !jok;
    return im->ilu->factor(im->jacValues.data(), gamma) ? 0 : 1;
  }

  static int precSolve(realtype, N_Vector, N_Vector, N_Vector r, N_Vector z,
                       realtype, realtype, int, void *data) {
    auto *im = static_cast<Impl *>(data);
    im->ilu->solve(N_VGetArrayPointer(r), N_VGetArrayPointer(z));
    return 0;
  }

  static void errorHandler(int code, const char *, const char *function,
                           char *msg, void *data) {
    if (code >= 0)
      return; // warnings (for example t + h == t) are not failures
    auto *im = static_cast<Impl *>(data);
    im->lastError = std::string(function) + ": " + msg;
  }
};

static llvm::Error sundialsFailure(const char *what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "SUNDIALS setup failed: %s", what);
}

OdeSimulator::OdeSimulator(const CompiledNetwork &network,
                           const SolverOptions &options)
    : net(network), opts(options),
      full(network.initialState().begin(), network.initialState().end()),
      impl(std::make_unique<Impl>()), phases(network.phaseCount(), true) {
  if (opts.eliminateSinks) {
    sinkLaws = findSinkLaws(network);
    if (!sinkLaws.empty())
      reduced = std::make_unique<CompiledNetwork>(network, sinkLaws.kept);
  }
  rates = integratedNetwork().maskedRates(std::vector<bool>());
  impl->owner = this;
  impl->scratch.assign(std::max<size_t>(1, network.channelCount()), 0);
}

OdeSimulator::~OdeSimulator() = default;

llvm::Expected<std::unique_ptr<OdeSimulator>>
OdeSimulator::create(const CompiledNetwork &network,
                     const SolverOptions &options) {
  std::unique_ptr<OdeSimulator> sim(new OdeSimulator(network, options));
  if (llvm::Error e = sim->initialize())
    return e;
  return sim;
}

/// Attaches the linear solver named by the options (Auto resolved here).
static llvm::Error attachLinearSolver(OdeSimulator::Impl &im,
                                      const CompiledNetwork &net,
                                      LinearSolverKind kind) {
  sunindextype n = static_cast<sunindextype>(net.speciesCount());
  switch (kind) {
  case LinearSolverKind::Auto:
  case LinearSolverKind::Dense:
    im.A = SUNDenseMatrix(n, n, im.ctx);
    im.LS = im.A ? SUNLinSol_Dense(im.y, im.A, im.ctx) : nullptr;
    if (!im.LS || CVodeSetLinearSolver(im.cvode, im.LS, im.A) != CVLS_SUCCESS ||
        CVodeSetJacFn(im.cvode, OdeSimulator::Impl::jacDense) != CVLS_SUCCESS)
      return sundialsFailure("dense linear solver");
    return llvm::Error::success();
  case LinearSolverKind::Klu: {
    auto colPtr = net.jacobianColPtr();
    auto rowIdx = net.jacobianRowIdx();
    im.A = SUNSparseMatrix(n, n, static_cast<sunindextype>(rowIdx.size()),
                           CSC_MAT, im.ctx);
    if (!im.A)
      return sundialsFailure("sparse Newton matrix");
    std::copy(colPtr.begin(), colPtr.end(), SM_INDEXPTRS_S(im.A));
    std::copy(rowIdx.begin(), rowIdx.end(), SM_INDEXVALS_S(im.A));
    im.jacValues.assign(rowIdx.size(), 0);
    im.diagonal.clear();
    for (sunindextype j = 0; j < n; ++j)
      for (int64_t p = colPtr[j]; p < colPtr[j + 1]; ++p)
        if (rowIdx[p] == j)
          im.diagonal.push_back(p);
    im.LS = makeSparseLuLinearSolver(im.lu, im.ctx);
    if (!im.LS || CVodeSetLinearSolver(im.cvode, im.LS, im.A) != CVLS_SUCCESS ||
        CVodeSetLinSysFn(im.cvode, OdeSimulator::Impl::linearSystem) !=
            CVLS_SUCCESS)
      return sundialsFailure("KLU linear solver");
    return llvm::Error::success();
  }
  case LinearSolverKind::Gmres:
    im.ilu =
        std::make_unique<Ilu0>(net.speciesCount(), net.jacobianColPtr().data(),
                               net.jacobianRowIdx().data());
    im.jacValues.assign(net.jacobianNonZeros(), 0);
    im.LS = SUNLinSol_SPGMR(im.y, SUN_PREC_LEFT, 30, im.ctx);
    if (!im.LS ||
        CVodeSetLinearSolver(im.cvode, im.LS, nullptr) != CVLS_SUCCESS ||
        CVodeSetJacTimes(im.cvode, nullptr, OdeSimulator::Impl::jacTimes) !=
            CVLS_SUCCESS ||
        CVodeSetPreconditioner(im.cvode, OdeSimulator::Impl::precSetup,
                               OdeSimulator::Impl::precSolve) != CVLS_SUCCESS)
      return sundialsFailure("SPGMR linear solver");
    return llvm::Error::success();
  }
  return sundialsFailure("unknown linear solver");
}

llvm::Error OdeSimulator::initialize() {
  Impl &im = *impl;
  const CompiledNetwork &integ = integratedNetwork();
  if (SUNContext_Create(nullptr, &im.ctx) != 0)
    return sundialsFailure("context");
  sunindextype n = static_cast<sunindextype>(integ.speciesCount());
  im.y = N_VNew_Serial(std::max<sunindextype>(n, 1), im.ctx);
  if (!im.y)
    return sundialsFailure("state vector");
  // Fused vector operations: CVODE's linear combinations over the history
  // array then take one pass over memory instead of several.
  N_VEnableFusedOps_Serial(im.y, SUNTRUE);
  installFastVectorOps(im.y);
  loadIntegratedState();
  if (LinearSolverKind::Auto == opts.solver)
    opts.solver = chooseKeepingAnalysis(integ, im.lu);
  counters.solver = opts.solver;
  counters.integratedSpecies = integ.speciesCount();
  counters.reconstructedSinks = sinkLaws.laws.size();
  if (n == 0)
    return llvm::Error::success(); // nothing to integrate; time just advances
  im.cvode = CVodeCreate(CV_BDF, im.ctx);
  if (!im.cvode || CVodeInit(im.cvode, Impl::rhs, 0.0, im.y) != CV_SUCCESS ||
      CVodeSetUserData(im.cvode, &im) != CV_SUCCESS ||
      CVodeSetErrHandlerFn(im.cvode, Impl::errorHandler, &im) != CV_SUCCESS ||
      !(opts.relTol >= 0 && opts.absTol >= 0 &&
        opts.relTol + opts.absTol > 0) ||
      CVodeWFtolerances(im.cvode, Impl::errorWeights) != CV_SUCCESS ||
      CVodeSetMaxNumSteps(im.cvode, opts.maxSteps) != CV_SUCCESS)
    return sundialsFailure("CVODE (check the tolerances)");
  if (opts.maxStepSize > 0)
    CVodeSetMaxStep(im.cvode, opts.maxStepSize);
  // CVODE refuses a constraint vector with no constraint in it, so a module
  // whose species are all signed integrates unconstrained.
  bool anyUnsigned = false;
  for (sunindextype i = 0; i < n && !anyUnsigned; ++i)
    anyUnsigned = !integ.isSigned(i);
  if (opts.nonNegative && anyUnsigned) {
    im.constraints = N_VNew_Serial(n, im.ctx);
    double *c = N_VGetArrayPointer(im.constraints);
    for (sunindextype i = 0; i < n; ++i)
      c[i] = integ.isSigned(i) ? 0.0 : 1.0;
    if (CVodeSetConstraints(im.cvode, im.constraints) != CV_SUCCESS)
      return sundialsFailure("non-negativity constraints");
  }
  return attachLinearSolver(im, integ, opts.solver);
}

//===----------------------------------------------------------------------===//
// State, phases, integration
//===----------------------------------------------------------------------===//

void OdeSimulator::loadIntegratedState() {
  double *y = N_VGetArrayPointer(impl->y);
  if (!reduced) {
    std::copy(full.begin(), full.end(), y);
    return;
  }
  for (size_t i = 0; i < sinkLaws.kept.size(); ++i)
    y[i] = full[sinkLaws.kept[i]];
  sinkTotals.resize(sinkLaws.laws.size());
  for (size_t l = 0; l < sinkLaws.laws.size(); ++l)
    sinkTotals[l] = sinkLaws.laws[l].total(full.data());
}

void OdeSimulator::storeIntegratedState() {
  const double *y = N_VGetArrayPointer(impl->y);
  if (!reduced) {
    std::copy(y, y + full.size(), full.begin());
    return;
  }
  for (size_t i = 0; i < sinkLaws.kept.size(); ++i)
    full[sinkLaws.kept[i]] = y[i];
  for (size_t l = 0; l < sinkLaws.laws.size(); ++l) {
    const SinkLaw &law = sinkLaws.laws[l];
    full[law.sink] =
        law.reconstruct(full.data(), sinkTotals[l],
                        opts.nonNegative && !net.isSigned(law.sink));
  }
}

void OdeSimulator::setState(llvm::ArrayRef<double> y) {
  assert(y.size() == net.speciesCount() && "state size differs from species");
  std::copy(y.begin(), y.end(), full.begin());
  needsReinit = true;
}

void OdeSimulator::setState(llvm::ArrayRef<double> y, double time) {
  setState(y);
  setTime(time);
}

void OdeSimulator::setTime(double time) {
  t = time;
  needsReinit = true;
}

void OdeSimulator::reset(double t0) { setState(net.initialState(), t0); }

void OdeSimulator::setSpecies(size_t i, double value) {
  assert(i < net.speciesCount() && "species index out of range");
  full[i] = value;
  needsReinit = true;
}

void OdeSimulator::addSpecies(size_t i, double amount) {
  assert(i < net.speciesCount() && "species index out of range");
  full[i] += amount;
  needsReinit = true;
}

void OdeSimulator::setActivePhases(const std::vector<bool> &active) {
  assert(active.size() == net.phaseCount() && "phase mask size differs");
  phases = active;
  applyPhaseMask();
}

void OdeSimulator::setPhaseActive(ir::PhaseId phase, bool active) {
  assert(phase < phases.size() && "phase out of range");
  if (phases[phase] == active)
    return;
  phases[phase] = active;
  applyPhaseMask();
}

/// Recomputes the channel rates under the phase mask in place (no allocation:
/// the trainer switches phases thousands of times per epoch).
void OdeSimulator::applyPhaseMask() {
  const CompiledNetwork &integ = integratedNetwork();
  auto base = integ.rateConstants();
  for (size_t c = 0; c < rates.size(); ++c) {
    ir::PhaseId p = integ.channel(c).phase;
    bool off = p != ir::NoPhase && p < phases.size() && !phases[p];
    rates[c] = off ? 0.0 : base[c];
  }
  needsReinit = true;
}

void OdeSimulator::collectStats() {
  if (!impl->cvode)
    return;
  void *m = impl->cvode;
  long steps = 0, rhs = 0, jac = 0, setups = 0, etf = 0, ncf = 0, lrhs = 0,
       liters = 0;
  CVodeGetNumSteps(m, &steps);
  CVodeGetNumRhsEvals(m, &rhs);
  CVodeGetNumLinRhsEvals(m, &lrhs);
  CVodeGetNumLinSolvSetups(m, &setups);
  CVodeGetNumErrTestFails(m, &etf);
  CVodeGetNumNonlinSolvConvFails(m, &ncf);
  if (opts.solver == LinearSolverKind::Gmres) {
    jac = impl->precSetups;
    CVodeGetNumLinIters(m, &liters);
  } else
    CVodeGetNumJacEvals(m, &jac);
  const SolverStats &b = impl->base;
  counters.steps = b.steps + steps;
  counters.rhsEvals = b.rhsEvals + rhs + lrhs;
  counters.jacEvals =
      opts.solver == LinearSolverKind::Gmres ? jac : b.jacEvals + jac;
  counters.linearSetups = b.linearSetups + setups;
  counters.linearIters = b.linearIters + liters;
  counters.errorTestFails = b.errorTestFails + etf;
  counters.nonlinConvFails = b.nonlinConvFails + ncf;
}

static std::string failureReason(int flag, const std::string &detail,
                                 const SolverOptions &opts) {
  std::string why;
  switch (flag) {
  case CV_TOO_MUCH_WORK:
    why = "step limit reached (" + std::to_string(opts.maxSteps) +
          " steps in one output interval); the system may be very stiff or "
          "the tolerances too tight";
    break;
  case CV_TOO_MUCH_ACC:
    why = "the requested accuracy cannot be met (tolerances below machine "
          "precision)";
    break;
  case CV_ERR_FAILURE:
    why = "repeated error-test failures (a singularity or an extremely "
          "fast transient)";
    break;
  case CV_CONV_FAILURE:
    why = "repeated Newton convergence failures (stiffness the Jacobian "
          "does not capture)";
    break;
  case CV_CONSTR_FAIL:
    why = "cannot keep every species non-negative";
    break;
  default:
    why = std::string("CVODE returned ") + CVodeGetReturnFlagName(flag);
  }
  if (!detail.empty())
    why += " [" + detail + "]";
  return why;
}

/// When the state has run away (a non-finite value or one above 1e100), the
/// real cause of a failure: unbounded growth, named with its species.
static std::optional<std::string> runawayReason(const CompiledNetwork &net,
                                                llvm::ArrayRef<double> state) {
  size_t worst = 0;
  for (size_t i = 0; i < state.size(); ++i)
    if (!std::isfinite(state[i]) ||
        std::fabs(state[i]) > std::fabs(state[worst]))
      worst = i;
  if (state.empty() ||
      (std::isfinite(state[worst]) && std::fabs(state[worst]) <= 1e100))
    return std::nullopt;
  return "the state grows without bound ('" + net.speciesName(worst) +
         "' reached " + formatSignificant(state[worst], 3) +
         "); an autocatalytic step such as A -> 2A runs away: simulate to an "
         "earlier time";
}

/// Advances CVODE to `tout` (<= the stop time); updates t on success and on
/// failure (to the time reached).
static int advance(OdeSimulator::Impl &im, double tout, double &t) {
  double tret = t;
  im.lastError.clear();
  int flag = CVode(im.cvode, tout, im.y, &tret, CV_NORMAL);
  t = tret;
  return flag;
}

/// After CV_CONSTR_FAIL (CVODE's constraint test failed ten times at one
/// step: a species near 0 that the corrector keeps taking below 0 however
/// small the step), integrates the same output interval again from the last
/// accepted state without the constraints and sets values below 0 by at
/// most `slack` to 0 (the round-off of the implicit step). A value further
/// below 0 keeps the failure. restoreConstraints() must follow.
static int advanceUnconstrained(OdeSimulator::Impl &im,
                                const CompiledNetwork &integ, double tout,
                                double tStop, double slack, double &t) {
  if (CVodeSetConstraints(im.cvode, nullptr) != CV_SUCCESS ||
      CVodeReInit(im.cvode, t, im.y) != CV_SUCCESS)
    return CV_CONSTR_FAIL;
  CVodeSetStopTime(im.cvode, tStop);
  int flag = advance(im, tout, t);
  double *y = N_VGetArrayPointer(im.y);
  double lowest = 0;
  for (size_t i = 0; i < integ.speciesCount(); ++i)
    if (!integ.isSigned(i) && y[i] < 0) {
      lowest = std::min(lowest, y[i]);
      y[i] = y[i] >= -slack ? 0.0 : y[i];
    }
  if (flag >= 0 && lowest < -slack) {
    im.lastError = "without the constraints a species reached " +
                   formatSignificant(lowest, 3);
    flag = CV_CONSTR_FAIL;
  }
  return flag;
}

/// The constraints back on, CVODE restarted at (t, y).
static bool restoreConstraints(OdeSimulator::Impl &im, double t, double tStop) {
  if (CVodeSetConstraints(im.cvode, im.constraints) != CV_SUCCESS ||
      CVodeReInit(im.cvode, t, im.y) != CV_SUCCESS)
    return false;
  CVodeSetStopTime(im.cvode, tStop);
  return true;
}

/// Whether `b - a` is below what CVODE can resolve as a step from a.
static bool negligibleInterval(double a, double b) {
  return b - a <= 1e-14 * std::max(1.0, std::fabs(a));
}

llvm::Error OdeSimulator::integrateTo(double t1, Trace *trace,
                                      llvm::ArrayRef<double> outputTimes) {
  if (!(t1 >= t))
    return llvm::make_error<SimulationError>(
        t, "end time " + formatNumber(t1) + " lies before the current time");
  auto outBegin = std::upper_bound(outputTimes.begin(), outputTimes.end(), t);
  auto outEnd = std::upper_bound(outBegin, outputTimes.end(), t1);
  if (!impl->cvode || negligibleInterval(t, t1)) {
    t = t1;
    for (auto it = outBegin; trace && it != outEnd; ++it)
      trace->addRow(*it, state());
    return llvm::Error::success();
  }
  if (needsReinit) {
    loadIntegratedState();
    collectStats();
    impl->base = counters;
    if (CVodeReInit(impl->cvode, t, impl->y) != CV_SUCCESS)
      return llvm::make_error<SimulationError>(t, "CVodeReInit failed");
    ++counters.reinits;
    needsReinit = false;
  }
  CVodeSetStopTime(impl->cvode, t1);
  for (auto it = outBegin; it != outEnd || t < t1; ++it) {
    double tout = it != outEnd ? *it : t1;
    if (tout > t && !negligibleInterval(t, tout)) {
      int flag = advance(*impl, tout, t);
      if (flag == CV_CONSTR_FAIL && impl->constraints) {
        collectStats(); // a restart zeroes CVODE's counters
        impl->base = counters;
        flag = advanceUnconstrained(*impl, integratedNetwork(), tout, t1,
                                    kConstraintSlack * opts.absTol, t);
        collectStats();
        impl->base = counters;
        counters.reinits += 2;
        if (!restoreConstraints(*impl, t, t1) && flag >= 0)
          flag = CV_CONSTR_FAIL;
      }
      storeIntegratedState();
      if (flag < 0) {
        collectStats();
        needsReinit = true;
        std::optional<std::string> runaway = runawayReason(net, state());
        return llvm::make_error<SimulationError>(
            t, runaway ? *runaway : failureReason(flag, impl->lastError, opts));
      }
    }
    t = tout;
    if (trace && it != outEnd)
      trace->addRow(tout, state());
    if (opts.progress)
      opts.progress(tout);
    if (it == outEnd)
      break;
  }
  t = t1;
  collectStats();
  return llvm::Error::success();
}

double sim::defaultAbsTol(llvm::ArrayRef<double> initialState) {
  double scale = 0;
  for (double y : initialState)
    scale = std::max(scale, std::fabs(y));
  return scale > 0 ? 1e-12 * scale : 1e-12;
}

std::string sim::describeWork(const SolverStats &stats) {
  std::string work = linearSolverName(stats.solver).str() +
                     " solver: " + std::to_string(stats.steps) + " steps, " +
                     std::to_string(stats.rhsEvals) + " RHS evaluations, " +
                     std::to_string(stats.jacEvals) + " Jacobian evaluations";
  if (stats.reconstructedSinks)
    work += "; " + std::to_string(stats.integratedSpecies) +
            " species integrated, " + std::to_string(stats.reconstructedSinks) +
            (stats.reconstructedSinks == 1 ? " sink" : " sinks") +
            " reconstructed from conservation laws";
  return work;
}
