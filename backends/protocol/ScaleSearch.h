//===- ScaleSearch.h - the concentration scale a lab can mix and run -*- C++
//-*-===//
//
// Which concentration scale (nM per unit of a dimensionless module) and fuel
// level C_max a design is built at: of the settings tried, the one of least
// lab time at which every DNA module realises map-rates' rate (dsd::rateMiss
// within dsd::RealisedRateTolerance) and the reaction mix fits its volume
// (reactionMixFit). The caller builds the design at each setting it is asked
// for (lowering, scheme, and its own time axis); the search decides which
// settings to try, which to keep, and says why. Used by `crnc compile` and
// by `crnc train --level dna` (through the compile pipeline).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_SCALESEARCH_H
#define CRNC_BACKENDS_PROTOCOL_SCALESEARCH_H

#include "backends/protocol/Protocol.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crnc::protocol {

/// One design the search tried, measured by assessDesign.
struct ScaleTrial {
  double concScaleNM = 0; ///< nM per model unit the design was built at
  double cmaxNM = 0;      ///< its fuel level C_max
  size_t modules = 0;     ///< modules whose rate calibration measured
  size_t modulesOff = 0;  ///< of them, off q beyond the tolerance
  double worstMiss = 1;   ///< the worst dsd::rateMiss (+inf: no rate)
  std::string worstModule;
  MixFit mix;
  /// Lab time per training sample, else per phase, else per model time
  /// unit (`labUnit` says which), and per step (phase, or time unit).
  double labSeconds = 0, stepSeconds = 0;
  std::string labUnit, stepUnit;
  /// labSeconds on map-rates' own time axis at this setting, before the
  /// caller slowed the axis so that every module realises q (set by the
  /// caller; equal to labSeconds when it did not).
  double baseLabSeconds = 0;
  uint64_t nucleotides = 0; ///< the design's size (set by the caller)
  size_t tag = 0;           ///< the caller's, to find the design it built
};

/// Every DNA module realises its rate and the reaction mix fits.
bool satisfiesAll(const ScaleTrial &trial);

/// Measures `design`, the DSD design of `formal` (lowered by map-rates: its
/// conc_scale_nM and cmax_nM attributes; calibrated modules carry their
/// target and realised rates), against both constraints; the mix from the
/// stocks and volume of `lab`. Errors: reactionMixFit's.
llvm::Expected<ScaleTrial> assessDesign(const ir::Module &formal,
                                        const dna::Design &design,
                                        const LabSettings &lab);

struct ScaleSearchOptions {
  /// The first setting: nM per unit (0: map-rates' automatic scale, the
  /// largest its C_max allows) and C_max.
  double concScaleNM = 0;
  double cmaxNM = 0;
  /// A dimensionless module (its notes name the scale).
  bool dimensionless = true;
  /// May the scale move below the first (a dimensionless module without
  /// --conc-scale), and may C_max fall (no --cmax) where the mix does not
  /// fit at the smallest scale?
  bool searchScale = false;
  bool searchCmax = false;
  /// Scales are tried down to the first / this.
  double scaleRange = 100;
  /// C_max falls at most this many times (each to where the mix fits).
  unsigned cmaxRounds = 3;
  /// A first design above this many nucleotides is kept as it is: every
  /// setting tried costs a design of its size, and up to about 15 are
  /// tried (iris_nonlinear, 4.8e5 nt: 138 s searched, about 20 s not;
  /// expert_aggregation, 1.6e5 nt: 11 settings in 11 s CPU, where its first
  /// setting left 404 of 768 modules off their rate and re-simulation
  /// failed by 99.8 %; the regression and Iris classifier examples, below
  /// 2e4 nt, are searched in under a second). nonlinear_classifier (2.4e5
  /// nt) stays above: searched, C_max fell to 0.000486 nM (its fuels'
  /// share of the mix read at 50 nM per unit, beside its signals' strands).
  uint64_t largestSearchedNucleotides = 200000;
};

/// Builds and measures the design at `concScaleNM` (0: automatic) and
/// `cmaxNM`; nullopt when no design could be built there (the search skips
/// the setting).
using ScaleTrialFn = llvm::function_ref<std::optional<ScaleTrial>(
    double concScaleNM, double cmaxNM)>;

struct ScaleChoice {
  std::vector<ScaleTrial> tried; ///< in the order tried
  /// Index into `tried` of the setting kept; nullopt when the first setting
  /// could not be built.
  std::optional<size_t> chosen;
  bool satisfied = false; ///< the setting kept satisfies both constraints
  /// The scale was in question, or more than the first setting was tried.
  bool searched = false;
  /// One sentence: the setting kept, its lab time, why, and what was tried.
  std::string note;
  /// Which constraint the setting kept fails and by how much (when none
  /// tried satisfies both), and a lab time of days per step no lab runs.
  std::vector<std::string> warnings;
};

/// Lab time per step above which a design is flagged: one day.
inline constexpr double LongestStepSeconds = 86400;

/// The search:
///   1. the first setting;
///   2. while the mix does not fit there, nor at the smallest scale, and
///      C_max may fall: C_max falls to where the fuels fit (fittingCmax)
///      and the automatic scale is tried again (at most cmaxRounds times);
///   3. scales from the current one down the 1-2-5 series until one
///      satisfies both constraints, then between it and the last that did
///      not, bisection on the grid of 1.25-fold steps below the first
///      scale (assumes that the constraints, once met, stay met at smaller
///      scales; every setting kept was built and measured), and below it
///      while a smaller scale's unslowed lab time is less than the best's;
///      at each scale of this step where only the mix fails, by a margin
///      that C_max at most 10 % lower absorbs (a line crossing the smallest
///      pipetted volume), the setting at the fitting C_max is tried too
///      and stands for the scale when it satisfies both (when C_max may
///      fall);
///   4. keeps the setting of least lab time that satisfies both; else the
///      one that fails fewest constraints, then fewest modules, then least
///      lab time.
/// Guarantees: deterministic; no setting is built twice; the first setting
/// is the only one when neither scale nor C_max may move, or when its
/// design is above largestSearchedNucleotides (the note says so).
ScaleChoice chooseLabScale(const ScaleSearchOptions &options,
                           ScaleTrialFn trial);

} // namespace crnc::protocol

#endif
