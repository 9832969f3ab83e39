//===- Ssa.h - exact stochastic simulation of a CRN -------------*- C++ -*-===//
//
// Gillespie's direct method (J. Phys. Chem. 81:2340, 1977) and the next
// reaction method of Gibson & Bruck (J. Phys. Chem. A 104:1876, 2000) with an
// indexed binary heap, over the same CompiledNetwork as the ODE solver, and
// seeded ensembles run on several threads with identical results on 1 or N.
//
// Counts and propensities: with Omega molecules per unit concentration
// (moleculesPerUnit), initial counts are round(c * Omega), and a channel with
// rate constant k and reactants sum_i c_i X_i has propensity
//     a = k * Omega^(1 - order) * prod_i n_i (n_i - 1) ... (n_i - c_i + 1),
// the stochastic counterpart of the ODE flux k * prod [X_i]^c_i (so `2A -> B`
// has a = k n (n - 1) / Omega). Traces report counts / Omega, in the module's
// unit, so SSA and ODE traces compare directly.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SSA_H
#define CRNC_SIM_SSA_H

#include "lib/sim/Simulator.h"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace crnc::sim {

enum class SsaMethod {
  Auto,         ///< Direct below 64 channels, NextReaction above
  Direct,       ///< Gillespie direct method, O(channels) per firing
  NextReaction, ///< Gibson-Bruck, O(log channels) per firing
};
llvm::StringRef ssaMethodName(SsaMethod method);
std::optional<SsaMethod> parseSsaMethod(llvm::StringRef name);

/// What Auto resolves to for `network` (Direct below 64 channels).
SsaMethod resolveSsaMethod(const CompiledNetwork &network, SsaMethod method);

/// Molecules per unit concentration: volume [L] * N_A * (molar per unit) for
/// a module with a concentration unit; `volume` itself for unit None.
double moleculesPerUnit(ConcUnit unit, double volume);

/// Stochastic settings.
struct SsaOptions {
  SsaMethod method = SsaMethod::Auto;
  double volume = 1; ///< see moleculesPerUnit
  uint64_t seed = 1; ///< run r uses a stream derived from (seed, r)
  unsigned runs = 1;
  unsigned threads = 0;            ///< 0: std::thread::hardware_concurrency()
  uint64_t maxFirings = 100000000; ///< per run; more is reported as a failure
  /// On a failed run, return the ensemble of the rows every run reached,
  /// with `failure` set, instead of an error.
  bool keepPartial = false;
  std::vector<double> quantiles = {0.05, 0.5, 0.95};
  /// Called with the number of finished runs; calls are serialized (never
  /// concurrent) but may come from any worker thread.
  std::function<void(unsigned)> progress;
};

/// One stochastic trajectory engine; reusable, not thread-safe.
class SsaSimulator {
public:
  SsaSimulator(const CompiledNetwork &network, SsaMethod method, double omega,
               uint64_t seed);
  ~SsaSimulator();

  double time() const { return t; }
  llvm::ArrayRef<int64_t> counts() const { return n; }
  /// Sets counts from concentrations (rounded) and the time.
  void setConcentrations(llvm::ArrayRef<double> conc, double time);
  void setActivePhases(const std::vector<bool> &active);
  /// Applies one schedule event (amounts in concentration, rounded).
  llvm::Error applyEvent(const Event &event);
  /// Fires reactions until t1; records every output time in (time(), t1]
  /// as counts / Omega. Fails after `maxFirings` firings in total.
  llvm::Error runTo(double t1, Trace *trace, llvm::ArrayRef<double> outputTimes,
                    uint64_t maxFirings);
  uint64_t firings() const { return fired; }
  SsaMethod method() const { return kind; }

  struct Engine;

private:
  const CompiledNetwork &net;
  SsaMethod kind;
  double omega;
  double t = 0;
  uint64_t fired = 0;
  std::vector<int64_t> n;
  std::unique_ptr<Engine> engine;
};

/// A seeded ensemble: every run, their mean and quantiles at the output times.
struct Ensemble {
  std::vector<Trace> runs;
  Trace mean;
  std::vector<double> quantileLevels;
  std::vector<Trace> quantiles; ///< one per level
  uint64_t firings = 0;         ///< total over runs
  SsaMethod method = SsaMethod::Direct;
  /// Set (keepPartial) when a run failed: where and why; the traces then end
  /// at the last output time every run reached.
  std::optional<std::pair<double, std::string>> failure;
};

/// Writes {"method":"ssa","runs":n,"mean":<trace>,"quantiles":[{"level":q,
/// "trace":<trace>},...]} and a newline (traces as writeJsonValue).
void writeEnsembleJson(const Ensemble &ensemble, llvm::raw_ostream &os);

/// Runs `options.runs` trajectories of `schedule` (t0, tEnd, output times,
/// initial state and phases from `sim`; its solver settings are unused).
/// Run r depends only on (seed, r): the result is the same on any number of
/// threads. Fails (with the first failing run's error) if any run fails,
/// unless options.keepPartial.
llvm::Expected<Ensemble> simulateSsa(const CompiledNetwork &network,
                                     const Schedule &schedule,
                                     const SimulateOptions &sim,
                                     const SsaOptions &options);

} // namespace crnc::sim

#endif
