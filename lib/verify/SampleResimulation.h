//===- SampleResimulation.h - one training sample, formal vs DNA -*- C++
//-*-===//
//
// Re-simulation of a Neural CRN model the way the lab runs it: one training
// sample presented by crnc train's lab protocol (LabTraining.h: inputs and
// target added as strands, each clock phase's trigger added and the
// previous one removed) to the lowered formal CRN (with its buffer modules,
// as `crnc train --level formal` runs it) and to the enumerated DNA design
// (as `crnc train --level dna` runs it), both on the lab time axis (horizon x
// time_scale lab seconds per phase, fuels held), every signal read as those
// levels read it (free and bound copies, divided by amount_factor and the
// concentration scale: model units). The deviation of a signal is its
// largest |formal - DNA| over the sample divided by the larger of its range
// and its peak |value| in the formal run (a weight moves by one learning
// step per sample: against that step alone any offset of its level would
// read as thousands of per cent); the phase of the worst time, and the
// first time it exceeds the threshold, are reported with it. The scale is
// at least 1 % of the largest signal of the run (a leak into a rail that
// stays at zero is measured against the signals around it); a range below
// that counts as not moving.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_SAMPLERESIMULATION_H
#define CRNC_VERIFY_SAMPLERESIMULATION_H

#include "lib/train/TrainingHistory.h"
#include "lib/verify/LabTraining.h"
#include "lib/verify/Resimulation.h"
#include "lib/verify/VerificationOutcome.h"

namespace crnc::verify {

struct SampleResimulationOptions {
  double threshold = 0.05;       ///< largest relative deviation that passes
  unsigned pointsPerPhase = 100; ///< recorded lab times per phase
  /// Wall-clock seconds for both runs together (0: no limit): past it the
  /// re-simulation stops and says so (`stopped`).
  double seconds = 30;
  /// crnc train's integrator settings; absTol in model units.
  sim::SolverOptions solver = [] {
    sim::SolverOptions s;
    s.relTol = 1e-8;
    s.absTol = 1e-10;
    return s;
  }();
};

struct SampleResimulation {
  /// The same sample on the model network (crnc train's chemistry), the
  /// formal CRN and the DNA design: what the user's model does beside what
  /// both lab networks do. Names: ModelInterface's signal names.
  SampleReadouts modelReadouts, formalReadouts, dnaReadouts;
  std::vector<std::string> outputNames, weightNames;
  /// One SpeciesDeviation per compared signal (`phase` of its worst time
  /// set), times in lab seconds from the presentation.
  ResimulationResult result;
  /// The phase names (clock_phases order: "forward", "backward").
  std::vector<std::string> phaseNames;
  double phaseSeconds = 0; ///< lab seconds per phase
  /// Non-empty when the wall-clock limit stopped a run: why and where.
  std::string stopped;
  double formalWallSeconds = 0, dnaWallSeconds = 0;
};

/// Requires: `model` is the model module as the front end built it (its
/// species the model's signals), `formal` its lowering (map-rates and
/// gate-phases with external triggers ran), `system` the enumeration of
/// `design`, the DSD translation of `formal`. Fails when the lab protocol
/// cannot be built (LabProtocol's reasons) or an integration fails (with
/// the network, the phase and the integrator's reason).
llvm::Expected<SampleResimulation>
resimulateSample(const ir::Module &model, const ir::Module &formal,
                 const enumerate::EnumeratedSystem &system,
                 const dna::Design &design, const train::RecordedSample &sample,
                 const SampleResimulationOptions &options);

/// The comparison step alone (unit-tested): per signal of `signals` whose
/// `compared` entry is set, the deviation of `dna` from `formal`, which
/// share times and phases. The worst species' phase is
/// result.species[i].phase (a name from `phaseNames`).
ResimulationResult compareSampleTraces(const SampleTrace &formal,
                                       const SampleTrace &dna,
                                       llvm::ArrayRef<std::string> signals,
                                       const std::vector<bool> &compared,
                                       llvm::ArrayRef<std::string> phaseNames,
                                       double threshold);

} // namespace crnc::verify

#endif
