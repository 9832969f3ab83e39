//===- VerificationOutcome.h - what verifying a design found ----*- C++ -*-===//
//
// The result of verifying one DNA design against its formal CRN: which
// formal CRN was checked, the enumeration (or the limit it hit), one verdict
// per notion with its counterexample or the reason it is unknown, the
// interpretation, and the re-simulation with its trajectories. Plain data,
// filled by checkDesign (VerifyDesign.h); `crnc compile` writes it as
// <name>.verification.json (backends/json/VerificationJSON.h) and prints one
// line per check; the verification report reads it from CompileResult.
//
// Where to add a result: a new check appends a CheckOutcome; a result of
// another kind (the DNA-level training of a learning network) gets its own
// std::optional member below `resimulation`, and its own key in
// VerificationJSON ("dna_training").
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_VERIFICATIONOUTCOME_H
#define CRNC_VERIFY_VERIFICATIONOUTCOME_H

#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/Resimulation.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crnc::verify {

/// One notion's verdict.
struct CheckOutcome {
  std::string notion; ///< "crn-bisimulation", "pathway-decomposition"
  Verdict verdict = Verdict::Unknown;
  /// Why the verdict is unknown ("time limit of 10 s reached", "enumeration
  /// stopped: ..."); empty otherwise.
  std::string reason;
  std::optional<Counterexample> counterexample; ///< when Incorrect
  double seconds = 0;                           ///< wall-clock time taken
  /// How a Correct verdict was shown when that is worth saying ("module by
  /// module: 69 modules, ..."); empty otherwise.
  std::string method;
};

/// One sample's readouts on one network, in model units: each output at
/// the end of phase 1 and each weight's change over the cycle
/// (ModelInterface's outputSignals and weights order).
struct SampleReadouts {
  std::vector<double> outputs, weightChanges;
};

/// Re-simulation of the reference and the implementation (Resimulation.h).
struct ResimulationOutcome {
  bool ran = false;    ///< false: skipped or failed, `problem` says why
  std::string problem; ///< why it did not run or did not finish
  /// A learning model with no training sample to present: why (then
  /// nothing is simulated; the verdict is "not exercised", never "pass").
  std::string notExercised;
  /// The wall-clock limit stopped it: why and where (verdict "unknown").
  std::string unknown;
  /// Set when a model was exercised by one training sample presented by
  /// the lab protocol (SampleResimulation.h): the sample, the phases and
  /// their lab seconds; result.times are then lab seconds.
  std::string sample;
  /// Where the sample comes from: "one training sample" (recorded by crnc
  /// train), "the first row of rows.csv" (`--data`) or "probe sample"
  /// (train/ProbeSample.h); and, for a probe, why these values.
  std::string sampleOrigin, sampleChoice;
  /// The sample's readouts on the model network, the formal CRN and the
  /// DNA design (SampleResimulation.h), and the names they are read under.
  SampleReadouts modelReadouts, formalReadouts, dnaReadouts;
  std::vector<std::string> outputNames, weightNames;
  std::vector<std::string> phaseNames;
  double phaseSeconds = 0;
  double wallSeconds = 0;     ///< both runs and the comparison
  std::string reference;      ///< "the model as written", "the formal CRN"
  std::string interpretation; ///< "crn-bisimulation", "signal names"
  double tEnd = 0;            ///< reference time unit (seconds)
  /// Implementation seconds per reference unit by map-rates' formula
  /// (result.timeScale is the axis of the verdict: the design's own,
  /// QuasiSteadyAxis.h, where it can be derived).
  double timeScale = 1;
  /// map-rates' time_scale: lab seconds per model time unit (the `lab
  /// time:` line's), whatever the reference's own time unit.
  double labSecondsPerModelTime = 1;
  double concScale = 1; ///< implementation units per reference unit
  double threshold = 0.05;
  std::string referenceUnit, implementationUnit; ///< "nM", "" (unitless)
  ResimulationResult result; ///< deviations and trajectories when `ran`
  bool passed() const { return ran && result.pass; }
  /// "pass", "fail", "unknown", "not exercised" or "not run".
  std::string verdict() const;
};

struct VerificationOutcome {
  std::string scheme;
  /// "lowered" (the formal CRN after the lowering, with map-rates' fuels
  /// and buffer modules) or "user" (the CRN as written).
  std::string formalCrn = "lowered";
  std::string checkedAgainst;           ///< one line: species, reactions, fuels
  std::vector<std::string> formalFuels; ///< formal species removed as fuels
  std::string enumeration;        ///< one line: complexes, macrostates, ...
  std::string enumerationStopped; ///< the limit hit; then checks are unknown
  size_t implementationSpecies = 0, implementationReactions = 0;
  std::vector<CheckOutcome> checks;
  /// When a check does not hold: the reactions between species of different
  /// formal reactions' gates (describeGateCrosstalk), the likely cause.
  std::string crosstalk;
  /// Implementation species -> formal species (empty: stands for nothing),
  /// from the bisimulation when it holds, else the signal names.
  std::vector<std::pair<std::string, std::vector<std::string>>> interpretation;
  std::string interpretationSource; ///< "crn-bisimulation", "signal names"
  std::vector<std::string> fuels, wastes; ///< implementation species
  ResimulationOutcome resimulation;

  /// Some check proved the design wrong (re-simulation is not a proof: its
  /// failure is reported, see resimulation.passed()).
  bool foundIncorrect() const;
  /// Every check correct and re-simulation (when asked for) passed.
  bool allHold() const;
};

} // namespace crnc::verify

#endif
