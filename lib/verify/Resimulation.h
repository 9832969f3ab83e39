//===- Resimulation.h - formal vs implementation trajectories ---*- C++ -*-===//
//
// Simulates a reference CRN (the formal CRN, or the model as the user wrote
// it) and the implementation CRN (fuels constant at their declared levels,
// each signal starting at its formal species' initial value, everything else
// at zero) and compares, for every formal species X the reference has, X(t)
// with the sum over implementation species s of m(s)[X] * s(timeScale * t)
// / (concScale amountFactor) (free and bound copies, per the
// interpretation): the implementation runs on map-rates' time axis
// (`time_scale` implementation seconds per reference time unit), in its own
// concentration unit, and its signals start at amountFactor times the
// formal initial values (map-rates' amount_factor: with SSW's buffers the
// free signals follow the model, and every signal is held by the same
// fraction, so the lab adds and reads 1 + lambda times the model). The
// deviation of X is the largest |difference| over the output times divided by
// X's range (max - min) in the reference trajectory; the check passes when
// every deviation is within the threshold.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_RESIMULATION_H
#define CRNC_VERIFY_RESIMULATION_H

#include "lib/sim/Simulator.h"
#include "lib/sim/Ssa.h"
#include "lib/verify/Deadline.h"
#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

struct ResimulationOptions {
  double tEnd = 1;         ///< in the reference's time unit (seconds)
  unsigned points = 201;   ///< output times, evenly spaced from 0
  double threshold = 0.05; ///< largest relative deviation that passes
  /// Implementation seconds per reference time unit (map-rates' time_scale).
  double timeScale = 1;
  /// Implementation concentration units per reference unit (map-rates'
  /// conc_scale_nM for a dimensionless model).
  double concScale = 1;
  /// Lab amount of a signal, free and held, per formal amount (map-rates'
  /// amount_factor): the implementation's signals start at this multiple
  /// of the formal initial values, and its sums are divided by it.
  double amountFactor = 1;
  sim::SolverOptions solver; ///< for the ODE runs
  /// Set: SSA ensemble means instead; `volume` is read in the
  /// implementation's unit (litres when it has one) and the reference is
  /// sampled at the same molecules per unit.
  std::optional<sim::SsaOptions> ssa;
  /// Also measure the time scale, as information: the one in
  /// [timeScale / 4, 4 timeScale] with the smallest largest deviation
  /// (ResimulationResult::fittedTimeScale). The verdict stays on a
  /// predicted axis (map-rates' formula, or the design's own with
  /// quasiSteadyAxis), never on the fit.
  bool fitTimeScale = false;
  /// Take the verdict on the design's own time axis (QuasiSteadyAxis.h:
  /// its condensed reactions at quasi-steady state along the reference's
  /// trajectory) instead of `timeScale` (map-rates' formula), which stays
  /// the fallback when that axis cannot be derived (within a third of
  /// wallSeconds).
  bool quasiSteadyAxis = false;
  /// Per implementation species: a free signal strand (a signal or one of
  /// its history variants; FromEnumeration's partial interpretation). The
  /// quasi-steady axis treats these as slow and everything else as
  /// intermediates.
  std::vector<bool> signalStrands;
  /// Formal species compared as part of another reference species: a
  /// buffer's held copy `HS_X` counts as `X` (the model as written has no
  /// buffers; its X is free and held X together).
  llvm::StringMap<std::string> countsAs;
  /// Implementation species held constant besides the declared constants.
  std::vector<SpeciesIndex> fuels;
  /// Wall-clock seconds for both runs (0: no limit); past it the result is
  /// returned with `stopped` set and nothing compared.
  double wallSeconds = 0;
};

struct SpeciesDeviation {
  std::string species;  ///< reference species
  double deviation = 0; ///< max |formal - implementation| / range
  double range = 0;     ///< max - min of the reference trajectory
  double time = 0;      ///< where the deviation is largest (reference time)
  double formal = 0, implementation = 0; ///< the two values there
  /// The clock phase at that time (a model's sample re-simulation,
  /// SampleResimulation.h); empty for a free-running CRN.
  std::string phase;
  /// The first time the deviation exceeds the threshold, and its phase
  /// (a model's sample re-simulation); unset when it never does.
  std::optional<double> firstBeyond;
  std::string firstBeyondPhase;
  /// The implementation species summed for it (with multiplicity > 1 as
  /// "2 x"), by name.
  std::vector<std::string> representedBy;
  /// Both trajectories at ResimulationResult::times, in reference units.
  std::vector<double> formalSeries, implementationSeries;
};

struct ResimulationResult {
  std::vector<SpeciesDeviation> species; ///< one per compared formal species
  std::vector<double> times;             ///< output times, reference time unit
  double maxDeviation = 0;
  std::string worstSpecies;
  bool pass = false; ///< maxDeviation <= threshold
  /// The implementation seconds per reference unit of `species`: the
  /// predicted one, on which the verdict is taken (the design's own axis
  /// with options.quasiSteadyAxis, else options.timeScale).
  double timeScale = 1;
  /// Where timeScale comes from: "map-rates' formula" or "the design's
  /// condensed reactions at quasi-steady state along the model's
  /// trajectory"; and why not the latter when it was asked for.
  std::string timeAxisSource, timeAxisProblem;
  /// timeScale is the design's own axis (QuasiSteadyAxis.h), not
  /// map-rates' formula.
  bool designAxis = false;
  /// options.timeScale (map-rates' formula), and with fitTimeScale the
  /// largest deviation on it when it is not the verdict's axis.
  double formulaTimeScale = 1;
  std::optional<double> formulaMaxDeviation;
  /// The largest deviation on the predicted axis (= maxDeviation).
  double predictedMaxDeviation = 0;
  /// With fitTimeScale: the time scale that fits best, and the largest
  /// deviation there (information only).
  std::optional<double> fittedTimeScale;
  double fittedMaxDeviation = 0;
  std::string predictedWorstSpecies;
  /// Set when the wall-clock limit stopped a run: why, and which run.
  std::string stopped;
  /// The raw runs: the reference on its time axis, the implementation on
  /// its own (seconds; with fitTimeScale 4 times as long, 32 times denser).
  sim::Trace formalTrace, implementationTrace;
};

/// Requires: `implCrn` was built from `implementation` (same species
/// indices); `formalCrn`'s species are the ones `interpretation` maps to;
/// formal species are found in `reference` by name (those it lacks, such as
/// a buffer's held species, are not compared; the formal species' initial
/// values are formalCrn.initial). Fails with the simulator's error (time
/// reached and cause) if either simulation fails, or when no formal species
/// can be compared. Past options.wallSeconds: a result with `stopped` set
/// and nothing compared.
llvm::Expected<ResimulationResult>
resimulate(const ir::Module &reference, const Crn &formalCrn,
           const ir::Module &implementation, const Crn &implCrn,
           const Interpretation &interpretation,
           const ResimulationOptions &options);

/// A horizon for `reference`: analysis::settlingHorizon, five times its
/// slowest reaction's characteristic time 1 / (k c^(order-1)), c the largest
/// initial value of a species that is not constant (1 when all are zero).
double defaultHorizon(const ir::Module &reference);

} // namespace crnc::verify

#endif
