//===- Simulator.h - deterministic simulation of a CRN ----------*- C++ -*-===//
//
// The public entry point of lib/sim for deterministic (ODE) simulation:
//  - OdeSimulator: a reusable CVODE integrator (BDF, Newton, analytic
//    Jacobian) over one shared const CompiledNetwork; the Neural CRN trainer
//    keeps one per thread and integrates one short interval per clock phase.
//  - Schedule + simulate(): a timeline of events (add/set/reset species,
//    switch phases) integrated to the end, recording a Trace.
//
// Contracts (stable; callers may rely on them):
//  1. Kinetics are mass action with stoichiometric reactants (k*A^2 for 2A),
//     reversible reactions contribute both directions; see CompiledNetwork.h.
//  2. A CompiledNetwork is immutable; many OdeSimulators on different threads
//     may share one. An OdeSimulator itself is not thread-safe.
//  3. Phases: a channel whose reaction has phase == ir::NoPhase is always
//     active; any other channel runs only while its phase is active. A new
//     simulator starts with every phase active.
//  4. Constant species are never changed by the dynamics (their derivative is
//     zero); setSpecies/addSpecies/setState may still change them explicitly
//     (an experimenter topping up a buffered species).
//  5. Any change of state, time or phase mask makes the next integrateTo()
//     restart the integrator with CVodeReInit: no reallocation, no stale
//     history, step size chosen afresh. Events are therefore exact
//     discontinuities.
//  6. Solver failures return llvm::Error (a SimulationError carrying the time
//     reached and CVODE's reason); nothing aborts. After a failure the state is
//     the last successful one and the simulator can be reset and reused.
//  7. Non-negativity (default on) is enforced through CVODE's inequality
//     constraints (y >= 0). When CVODE cannot meet them at some step
//     (CV_CONSTR_FAIL, a species near 0 the corrector keeps below 0 at any
//     step size), that output interval is integrated again without them
//     from the last accepted state and values below 0 by at most 1000
//     absolute tolerances read 0; a value further below still fails.
//  8. Sinks that a conservation law ties to other species (SinkLaws.h) are
//     not integrated but reconstructed from the law at every output and at
//     the end of every integrateTo(); state() always holds every species.
//     Round-off below zero in a reconstructed non-negative sink reads 0.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SIMULATOR_H
#define CRNC_SIM_SIMULATOR_H

#include "lib/sim/CompiledNetwork.h"
#include "lib/sim/SinkLaws.h"
#include "lib/sim/Trace.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crnc::sim {

/// The linear solver inside CVODE's Newton iteration.
enum class LinearSolverKind {
  Auto,  ///< Dense for small systems, KLU otherwise (see chooseLinearSolver)
  Dense, ///< SUNDIALS dense LU on the analytic dense Jacobian
  Klu,   ///< SuiteSparse KLU (AMD ordering) on the analytic CSC Jacobian
  Gmres, ///< matrix-free SPGMR, preconditioned by ILU(0) of I - gamma*J
};
llvm::StringRef linearSolverName(LinearSolverKind kind);
std::optional<LinearSolverKind> parseLinearSolver(llvm::StringRef name);
/// KLU's symbolic analysis (AMD ordering) of the Newton matrix pattern.
struct FillEstimate {
  double factorNonZeros = 0; ///< estimated nnz(L) + nnz(U)
  double flops = 0;          ///< estimated flops of one factorization
};
FillEstimate estimateKluFill(const CompiledNetwork &network);
/// What Auto resolves to for `network`: Dense for n <= 64 species (or n <= 400
/// and a Jacobian denser than 30%); otherwise Klu, unless KLU's estimated
/// factorization costs more than 200 flops per Jacobian non-zero (fill from
/// random or hub-heavy coupling), in which case Gmres.
LinearSolverKind chooseLinearSolver(const CompiledNetwork &network);

/// Integration settings.
struct SolverOptions {
  double relTol = 1e-6;
  double absTol = 1e-9; ///< in the module's concentration unit
  LinearSolverKind solver = LinearSolverKind::Auto;
  bool nonNegative = true; ///< constrain y >= 0
  long maxSteps = 1000000; ///< per output interval (CVODE mxstep)
  /// Reconstruct sinks from conservation laws instead of integrating them.
  bool eliminateSinks = true;
  double maxStepSize = 0; ///< 0: unlimited
  /// Called with the time after each output time is recorded (progress bars).
  std::function<void(double)> progress;
};

/// Counters, cumulative over the simulator's life.
struct SolverStats {
  long steps = 0;
  long rhsEvals = 0;
  long jacEvals = 0;
  long linearSetups = 0;
  long linearIters = 0; ///< Krylov iterations (Gmres only)
  long errorTestFails = 0;
  long nonlinConvFails = 0;
  long reinits = 0;
  LinearSolverKind solver = LinearSolverKind::Dense; ///< what was used
  size_t integratedSpecies = 0;                      ///< CVODE's state size
  size_t reconstructedSinks = 0; ///< species left to conservation laws
};

/// "dense solver: 120 steps, 300 RHS evaluations, 4 Jacobian evaluations"
/// plus, when sinks were reconstructed, "; 5 species integrated, 2 sinks
/// reconstructed from conservation laws" (the summary of `crnc simulate`).
std::string describeWork(const SolverStats &stats);

/// The absolute tolerance `crnc simulate` uses without --atol: 1e-12 times
/// the largest initial value, or 1e-12 when every value is 0.
double defaultAbsTol(llvm::ArrayRef<double> initialState);

/// A numerical failure: CVODE could not reach the requested time.
class SimulationError : public llvm::ErrorInfo<SimulationError> {
public:
  static char ID;
  SimulationError(double timeReached, std::string reason)
      : timeReached(timeReached), reason(std::move(reason)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  double timeReached;
  std::string reason;
};

/// A reusable CVODE integrator over one compiled network.
class OdeSimulator {
public:
  /// Allocates every SUNDIALS object once. Fails only when SUNDIALS does.
  static llvm::Expected<std::unique_ptr<OdeSimulator>>
  create(const CompiledNetwork &network, const SolverOptions &options = {});
  ~OdeSimulator();
  OdeSimulator(const OdeSimulator &) = delete;
  OdeSimulator &operator=(const OdeSimulator &) = delete;

  const CompiledNetwork &network() const { return net; }
  /// The network CVODE integrates: network() without the reconstructed
  /// sinks (network() itself when there are none).
  const CompiledNetwork &integratedNetwork() const {
    return reduced ? *reduced : net;
  }
  double time() const { return t; }
  /// The current state (length speciesCount()).
  llvm::ArrayRef<double> state() const { return full; }
  double species(size_t i) const { return state()[i]; }

  /// Sets the whole state and, optionally, the time.
  void setState(llvm::ArrayRef<double> y);
  void setState(llvm::ArrayRef<double> y, double time);
  void setTime(double time);
  /// Resets to the module's initial state at time `t0`, phases unchanged.
  void reset(double t0 = 0);
  void setSpecies(size_t i, double value);
  void addSpecies(size_t i, double amount);
  /// Replaces the phase mask (length phaseCount()).
  void setActivePhases(const std::vector<bool> &active);
  void setPhaseActive(ir::PhaseId phase, bool active);
  const std::vector<bool> &activePhases() const { return phases; }

  /// Integrates from time() to t1 (t1 >= time()). Every output time in
  /// (time(), t1] is recorded into `trace` (whose columns must be the species);
  /// output times outside that window are ignored. On success time() == t1.
  llvm::Error integrateTo(double t1, Trace *trace = nullptr,
                          llvm::ArrayRef<double> outputTimes = {});

  const SolverStats &stats() const { return counters; }
  const SolverOptions &options() const { return opts; }

  struct Impl;

private:
  OdeSimulator(const CompiledNetwork &network, const SolverOptions &options);
  llvm::Error initialize();
  void collectStats();
  void applyPhaseMask();
  /// CVODE's state from the full state, and the sinks' totals.
  void loadIntegratedState();
  /// The full state from CVODE's, sinks reconstructed.
  void storeIntegratedState();

  const CompiledNetwork &net;
  SolverOptions opts;
  SinkLaws sinkLaws;
  std::unique_ptr<CompiledNetwork> reduced; ///< null: nothing eliminated
  std::vector<double> full;                 ///< every species
  std::vector<double> sinkTotals;           ///< per law, since the last restart
  std::unique_ptr<Impl> impl;
  std::vector<bool> phases;
  std::vector<double> rates; ///< channel rates under the phase mask
  double t = 0;
  bool needsReinit = true;
  SolverStats counters;
};

/// One timed intervention.
struct Event {
  enum Kind {
    SetAmount,    ///< species := value
    AddAmount,    ///< species += value
    ResetSpecies, ///< every species in `targets` := value
    SetPhases,    ///< phase mask := `phases`
  };
  double time = 0;
  Kind kind = SetAmount;
  std::vector<size_t> targets; ///< species indices (one for Set/Add)
  double value = 0;
  std::vector<bool> phases; ///< for SetPhases, length phaseCount()
};

/// A timeline of events. Events at equal times apply in insertion order.
struct Schedule {
  std::vector<Event> events;
  Schedule &set(double time, size_t species, double value);
  Schedule &add(double time, size_t species, double amount);
  Schedule &reset(double time, std::vector<size_t> species, double value = 0);
  Schedule &setPhases(double time, std::vector<bool> active);
  /// Events sorted by time, stable.
  std::vector<Event> sorted() const;
};

/// Settings of a whole timeline run.
struct SimulateOptions {
  double t0 = 0;
  double tEnd = 1;
  std::vector<double> outputTimes; ///< empty: linearTimes(t0, tEnd, points)
  unsigned points = 101;
  std::vector<double> initialState; ///< empty: the module's initial values
  std::vector<bool> initialPhases;  ///< empty: all phases active
  SolverOptions solver;
};

/// Runs `schedule` from t0 to tEnd, recording `trace` (which is reset). An
/// output time equal to an event time records the state after the event. On
/// failure the trace keeps every row before it, is marked incomplete, and the
/// SimulationError is returned. `stats` (optional) receives the counters.
llvm::Error simulate(const CompiledNetwork &network, const Schedule &schedule,
                     const SimulateOptions &options, Trace &trace,
                     SolverStats *stats = nullptr);
/// Convenience form that drops a partial trace on failure.
llvm::Expected<Trace> simulate(const CompiledNetwork &network,
                               const Schedule &schedule,
                               const SimulateOptions &options);
llvm::Expected<Trace> simulate(const ir::Module &module,
                               const Schedule &schedule,
                               const SimulateOptions &options);

} // namespace crnc::sim

#endif
