//===- ReversibleCalibration.h - both directions of a gate pair -*- C++ -*-===//
//
// Qian, Soloveichik & Winfree 2011 (Figure 2) build a reversible reaction
// A + B <=> C as a pair of gates sharing one intermediate: the first takes
// A, then B, and releases C, becoming the second, which takes C back and
// releases A and B, becoming the first. The forward rate is set by the
// first gate's level, the backward rate by the second's, and their ratio
// is the reaction's equilibrium constant. Left at C_max, the pair of
// examples/reversible_binding.crn realised 2.52e5 /M/s for 1.01e5 and
// 0.25 /s for 1.89e-4 /s: its equilibrium about 530 times too far towards
// A + B.
// This step sets each direction's gate as RateCalibration does for an
// irreversible module (measured with the enumerator; toehold mismatches,
// then dilution): reversible_binding's pair is then 333 nM and 750 nM
// with one mismatch in C's toehold, realising both rates. Each gate of the pair
// turns into the other as the reaction runs, so it drifts by the net flux of
// the reaction, not by the flux of its direction: its floor is gateExcess times
// that net flux.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_REVERSIBLECALIBRATION_H
#define CRNC_BACKENDS_DSD_REVERSIBLECALIBRATION_H

#include "backends/dsd/GateLoad.h"
#include "backends/dsd/SchemeBuilder.h"

namespace crnc::dsd {

/// The two directions of a reversible step (the forward one first): each
/// an irreversible step over the same module, with its own rate (the
/// reaction's forward or reverse rate) and the step's gate fuel level; the
/// backward one lists its reactants in the order Figure 2's second gate
/// binds them (the step's products, last first).
/// Requires: step.reversible and step.reaction is a reversible reaction of
/// `module`.
std::pair<Step, Step> reversibleDirections(const ir::Module &module,
                                           const Step &step);

/// Calibrates both directions of every reversible module of `design` that
/// is built as a gate pair (a step kept reversible whose directions bind
/// different gates; a one-gate buffer, BufferGate.h, holds by construction
/// and is skipped):
///   1. the floor of both gates is options.gateExcess times the net flux
///      of the reaction (`loads`: forward minus backward flux; the larger
///      of the two bounds for a clocked model), capped as gateFloors caps,
///   2. with options.mismatchToeholds, a direction whose gate diluted to
///      its floor is still too fast gets the weakest setting of the
///      mismatch ladder that brings it within reach (ToeholdMismatch.h),
///      in both gates of the pair (the toehold lies on their shared
///      strand); toehold trimming is not applied to pairs,
///   3. each direction's gate is scaled to its rate; with q_max recorded
///      (qmax_per_nM_s), a strand of the module alone that both directions
///      compete for at the pair's shared intermediate (the branch strand)
///      is moved until the forward gate at its level realises q_max, so
///      that diluted to q it holds its first reactant by q / q_max as
///      map-rates models (at C_max the intermediate goes on or back half
///      each way: 2.52e5 /M/s for the 3.02e5 of the scheme's irreversible
///      gate, and a gate diluted to q held 1.2 times the model's hold; C's
///      release strand at 1.5 C_max realises it); where a direction is
///      still too slow with its gate at its level, the branch strand is
///      moved its way (within the pair's floor and BackwardStrandCeiling
///      times C_max); both gates are scaled again,
///   4. the forward direction is recorded in the ReactionModule (target,
///      realised rate, gate, input toehold).
/// Warns once, naming the worst direction, where one realises its rate off
/// by more than RealisedRateTolerance.
/// Requires: the module is lowered by map-rates (unit nM, cmax_nM set).
/// Guarantees: deterministic; only fuel concentrations (of the pair's gates
/// and of strands no other module lists) and the mismatches of the pair's
/// gates change.
void calibrateReversibleRates(const ir::Module &module,
                              const std::vector<Step> &steps,
                              dna::Design &design, const SchemeOptions &options,
                              const GateLoads &loads, DiagnosticEngine &diags);

} // namespace crnc::dsd

#endif
