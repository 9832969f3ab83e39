//===- Resimulation.h - formal vs implementation trajectories ---*- C++ -*-===//
//
// Simulates the formal CRN and the implementation CRN (fuels constant at their
// declared levels, each signal starting at its formal species' initial value,
// everything else at zero) and compares, for every formal species X, X(t) with
// the sum over implementation species s of m(s)[X] * s(t) (free and bound
// copies, per the interpretation). The deviation of X is the largest
// |difference| over the output times divided by X's range (max - min) in the
// formal trajectory; the check passes when every deviation is within the
// threshold. Rates are taken as written in both modules.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_RESIMULATION_H
#define CRNC_VERIFY_RESIMULATION_H

#include "lib/sim/Simulator.h"
#include "lib/sim/Ssa.h"
#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

struct ResimulationOptions {
  double tEnd = 1;           ///< seconds
  unsigned points = 201;     ///< output times, evenly spaced from 0
  double threshold = 0.05;   ///< largest relative deviation that passes
  sim::SolverOptions solver; ///< for the ODE runs
  /// Set: SSA ensemble means instead; `volume` is read in the
  /// implementation's unit (litres when it has one) and the formal CRN is
  /// sampled at the same molecules per unit.
  std::optional<sim::SsaOptions> ssa;
  /// Implementation species held constant besides the declared constants.
  std::vector<SpeciesIndex> fuels;
};

struct SpeciesDeviation {
  std::string species;  ///< formal species
  double deviation = 0; ///< max |formal - implementation| / range
  double range = 0;     ///< max - min of the formal trajectory
  double time = 0;      ///< where the deviation is largest (seconds)
  double formal = 0, implementation = 0; ///< the two values there
};

struct ResimulationResult {
  std::vector<SpeciesDeviation> species; ///< one per formal species
  double maxDeviation = 0;
  std::string worstSpecies;
  bool pass = false;
  sim::Trace formalTrace, implementationTrace;
};

/// Requires: `formalCrn`/`implCrn` were built from `formal`/`implementation`
/// (same species indices); `interpretation` maps implementation species to
/// formal ones (unset entries count as nothing). Fails with the simulator's
/// error (time reached and cause) if either simulation fails.
llvm::Expected<ResimulationResult>
resimulate(const ir::Module &formal, const Crn &formalCrn,
           const ir::Module &implementation, const Crn &implCrn,
           const Interpretation &interpretation,
           const ResimulationOptions &options);

} // namespace crnc::verify

#endif
