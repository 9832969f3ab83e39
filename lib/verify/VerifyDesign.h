//===- VerifyDesign.h - enumerate a design and check it ---------*- C++ -*-===//
//
// What `crnc compile` (steps 5 and 6) and `crnc verify model.crn` share:
// enumerate a DSD design (lib/enumerate) within limits, build its
// implementation CRN (FromEnumeration.h), and check it against the formal
// CRN it was built from: CRN bisimulation, pathway decomposition (each with
// a time limit: out of time is `unknown`, never a wrong verdict) and
// re-simulation against the model as the user wrote it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_VERIFYDESIGN_H
#define CRNC_VERIFY_VERIFYDESIGN_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/enumerate/ModularEnumerator.h"
#include "lib/train/TrainingHistory.h"
#include "lib/verify/FromEnumeration.h"
#include "lib/verify/VerificationOutcome.h"

namespace crnc::verify {

/// Nuskell's enumeration limits: 10 strands, 5000 complexes, 10000
/// reactions, release cutoff 7 nt.
enumerate::EnumerateOptions nuskellEnumerateOptions();

/// The limits `crnc compile` and `crnc verify` enumerate a design within
/// before a check answers 'unknown' (Nuskell stops at 5000 and 10000):
/// complexes and detailed reactions in the whole system or one module, and
/// complexes over all modules when it falls back to module-by-module
/// enumeration. Set from measurement (lib/verify/README.md, "Large
/// models"): examples/expert_aggregation.crn needs a module of 270,271
/// complexes and a union of 839,503 (1,605,710 detailed reactions), which
/// its compile enumerates and checks within 2.8 GB; the whole-system
/// enumerator costs about 1.5 KB per complex, the modular one 2.7 KB per
/// union complex, on the 24 GB, 2-core machine.
inline constexpr size_t DefaultMaxComplexes = 300000;
inline constexpr size_t DefaultMaxReactions = 1000000;
inline constexpr size_t DefaultMaxUnionComplexes = 1000000;
/// Wall-clock seconds a re-simulation may take: expert_aggregation's sample
/// re-simulation takes 23-29 s (quiet machine to load 3) and stopped under a
/// former 30 s limit at load 6; the other examples take under 1 s.
inline constexpr double DefaultResimulationSeconds = 120;

/// `limits` with maxComplexSize raised to one strand above `design`'s
/// largest complex where that is above it: a gate that cannot bind its
/// input (a bound input makes it one strand larger) would realise no
/// reaction at all (qian2011's gate of a five-product catalytic reaction has
/// 12 strands). Unchanged otherwise (Nuskell's designs, whose gates have at
/// most a few strands, keep its 10).
enumerate::EnumerateOptions fitComplexSize(const dna::Design &design,
                                           enumerate::EnumerateOptions limits);

/// "complexes up to N strands (the design's largest gate has N - 1, above
/// the usual U)" when `fitted` raised `usual`'s size limit; "" otherwise.
std::string complexSizeNote(const enumerate::EnumerateOptions &fitted,
                            const enumerate::EnumerateOptions &usual);

/// A design enumerated and turned into an implementation CRN.
struct PreparedDesign {
  Crn formal; ///< the formal CRN, its fuels removed
  std::vector<SpeciesIndex> formalFuels;
  std::string checkedAgainst; ///< "the lowered formal CRN (3 species, ...)"
  std::string enumerated;     ///< complexes, macrostates, condensed reactions
  std::string stopped;        ///< the limit the enumeration hit, if any
  /// Where the module-by-module run stopped, when one ran and stopped
  /// (None: it finished, or the whole system's limit stopped it alone).
  enumerate::ModularStop modularStop = enumerate::ModularStop::None;
  std::optional<enumerate::EnumeratedSystem> system; ///< unset when stopped
  EnumeratedImplementation implementation;           ///< when `system` is set
  dna::Design design; ///< the design enumerated (when `system` is set)
};

/// Requires: `formal` is the (lowered) formal module `design` was built from.
/// Guarantees: every signal of the design takes part in the enumeration,
/// also those initially absent (their amount stays 0). When the whole
/// system reaches a limit and limits.maxUnionComplexCount is set, the design
/// is enumerated module by module (enumerateByModule: the same network when
/// it finishes; `enumerated` says so); a limit reached there too sets
/// `stopped` (both limits, and the module that grew) and leaves `system`
/// unset. The size limit is fitComplexSize's (`enumerated` says when it
/// was raised). The formal CRN's constant species
/// (the lowering's fuels) and any formal species the design made a fuel are
/// removed from `formal` and listed in `checkedAgainst`.
PreparedDesign prepareDesign(const ir::Module &formal, dna::Design design,
                             const enumerate::EnumerateOptions &limits);

struct DesignCheckOptions {
  bool bisimulation = true, pathway = true, resimulate = true;
  double secondsPerCheck = 30; ///< per notion (wall clock); 0: no limit
  /// Re-simulation horizon in the reference's time unit (unset:
  /// defaultHorizon of the reference).
  std::optional<double> tEnd;
  double threshold = 0.05;
  /// Wall-clock seconds re-simulation may take (0: no limit); past it the
  /// verdict is `unknown` with the reason.
  double resimulationSeconds = DefaultResimulationSeconds;
  /// Re-simulation keeps every implementation species' trajectory: above
  /// this many species it is not run (a random 1,000-reaction design has
  /// 49,509 and passed 4 GB). A clocked model's sample re-simulation keeps
  /// only its signals' and is not bounded by it.
  size_t maxResimulationSpecies = 20000;
  /// A Neural CRN model's sample to present instead of the one its module
  /// records (`crnc compile --data`), and where it comes from ("the first
  /// row of rows.csv"). Unset: the recorded one, else a probe
  /// (train/ProbeSample.h).
  std::optional<train::RecordedSample> sample;
  std::string sampleOrigin;
};

/// Runs the checks on a prepared design. `formal` is the lowered formal
/// module; `reference`, when set, is the model as the user wrote it, which
/// re-simulation compares with on map-rates' time and concentration scales
/// (time_scale, conc_scale_nM); without it, or when it has clock phases,
/// the comparison is with `formal` without its buffers, its rates times
/// rate_time_scale (the model's time axis), against the implementation at
/// time_scale. A Neural CRN model with clock phases is re-simulated over
/// one sample (SampleResimulation.h): options.sample, else the training
/// sample its module records, else a probe (train/ProbeSample.h); "not
/// exercised" only when no probe can be chosen.
/// Guarantees: a stopped enumeration gives Unknown verdicts with the limit
/// as reason; the interpretation is the bisimulation's when it holds;
/// pathway decomposition sees history variants merged into their signal
/// (mergeSignalVariants).
VerificationOutcome checkDesign(const PreparedDesign &prepared,
                                const ir::Module &formal,
                                const ir::Module *reference,
                                llvm::StringRef scheme,
                                const DesignCheckOptions &options);

} // namespace crnc::verify

#endif
