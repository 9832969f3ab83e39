//===- RateCalibration.h - each module's realised rate, made q --*- C++ -*-===//
//
// The DSD schemes build every gate from the same toeholds at C_max, so each
// module's rate is what its gates realise, not the q map-rates asks for.
// This pass measures the rate each module realises with crnc's own
// enumerator (Peppercorn's rate model) and sets the knob that SSW 2010 uses
// to set q_i, the rate-setting gate's concentration (the module's rate is
// proportional to it), so that the measured rate equals q.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_RATECALIBRATION_H
#define CRNC_BACKENDS_DSD_RATECALIBRATION_H

#include "backends/dsd/SchemeBuilder.h"
#include "llvm/Support/Error.h"

namespace crnc::dsd {

/// The effective rate of one module, measured in the limit of low signal
/// concentrations: the enumerated module (its fuels and the signals of its
/// step) is condensed by the enumerator; fuels are held at their levels,
/// the step's reactant signals at a level eps far below them, product
/// signals and wastes are sinks, and every other resting macrostate is in
/// quasi-steady state (a linear solve; reactions between two intermediates
/// by fixed-point iteration). The rate is the net consumption flux of a
/// reactant (per formal firing) over eps^n * G^(2-n), with n the step's
/// signal reactants and G its gate fuel level: the bimolecular rate q the
/// formal CRN of map-rates sees, in /M/s.
struct MeasuredRate {
  double perMolarSecond = 0;
  /// The fuel the first reactant binds (the gate whose level sets the rate),
  /// or none when the step has no signal reactant.
  std::optional<dna::ComplexIndex> rateGate;
};

/// Measures the module of `step` in `design` (the fuels of
/// design.modules[moduleIndex]). Errors: the enumeration hits a limit, or
/// the quasi-steady state is singular (a module that never completes).
llvm::Expected<MeasuredRate> measureModuleRate(const ir::Module &module,
                                               const dna::Design &design,
                                               size_t moduleIndex,
                                               const Step &step);

/// The species of one of map-rates' buffer modules X + LS <=> HS + BS.
struct BufferSpecies {
  ir::SpeciesId x, ls, hs, bs;
};

/// The fraction of X that the buffer built by design.modules[i] for i in
/// `modules` holds (both directions' gates and intermediates, and HS, per
/// free X), measured as measureModuleRate does: X at a trace level, LS, BS
/// and the fuels at their levels, wastes as sinks, every other macrostate
/// in quasi-steady state, each weighted by the copies of X it carries
/// (conserved along the loop's reactions). Errors: as measureModuleRate.
llvm::Expected<double> measureBufferHold(const ir::Module &module,
                                         const dna::Design &design,
                                         llvm::ArrayRef<size_t> modules,
                                         const BufferSpecies &buffer);

/// Calibrates every irreversible module of `design` (built from `steps`,
/// one per module, in order):
///   1. measure the module at its fuel levels,
///   2. where the gate diluted to its floor would still be too fast, with
///      options.mismatchToeholds put the fewest intended mismatches into
///      its input-toehold complement that bring q within reach
///      (ToeholdMismatch.h), or with options.trimToeholds trim the toehold
///      (ToeholdTrim.h) to the longest length that does,
///   3. scale its rate-setting gate by q / measured (the rate is
///      proportional to the gate's level), at most to the level map-rates
///      wrote (C_max or its diluted gate fuel) and at least to
///      options.gateExcess times the largest signal (the gate stays in
///      excess),
///   4. measure again and repeat (at most 4 rounds; stops within 0.1 %).
/// Records in each ReactionModule the target q, the realised rate, the gate
/// and its input toehold (nucleotides, mismatches). Warns with the realised
/// rate where it is off q by more than RealisedRateTolerance (the gate at
/// its bound).
/// Requires: the module is lowered by map-rates (unit nM, cmax_nM set).
/// Guarantees: deterministic; only fuel concentrations and the mismatches
/// (or, trimming, the toeholds) of rate gates change.
void calibrateRates(const ir::Module &module, const std::vector<Step> &steps,
                    dna::Design &design, const SchemeOptions &options,
                    DiagnosticEngine &diags);

/// How far a realised rate may be from q before calibration warns: 1 %.
/// Calibration stops within 0.1 %, so only a gate at its bound is further.
inline constexpr double RealisedRateTolerance = 0.01;

/// The rate a module A + B -> C of the scheme in `options` realises with
/// full toeholds and every fuel at `cmaxNM`, in /M/s: the fastest q a
/// design of that scheme can realise (the default q_max of map-rates).
llvm::Expected<double> fullToeholdRate(const SchemeOptions &options,
                                       double cmaxNM);

} // namespace crnc::dsd

#endif
