//===- Pipeline.h - the compile pipeline ------------------------*- C++ -*-===//
//
// What `crnc compile` does, step by step. Pipeline.cpp is the table of
// contents of crnc: read it first.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_PIPELINE_H
#define CRNC_DRIVER_PIPELINE_H

#include "backends/dsd/Scheme.h"
#include "backends/protocol/Protocol.h"
#include "backends/report/ReportData.h"
#include "backends/sequences/SequenceDesign.h"
#include "ir/Module.h"
#include "lib/dna/Design.h"
#include "lib/passes/LoweringPipeline.h"
#include "lib/passes/PassManager.h"
#include "lib/support/Diagnostics.h"
#include "lib/verify/VerifyDesign.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crnc::driver {

/// Everything a user can choose about a compile.
struct CompileOptions {
  PassManagerOptions instrumentation;
  /// Replaces the standard lowering when non-empty (`--pass-pipeline`).
  std::string customPipeline;
  LoweringOptions lowering;
  /// q_max of map-rates is what the scheme's full toehold realises at C_max
  /// (dsd::fullToeholdRate), not lowering.mapRates' figure; off: `--qmax`.
  bool qmaxFromScheme = true;
  /// `--conc-scale` was given: a module trained at DNA level keeps the scale
  /// it was trained at only when it was not.
  bool concScaleGiven = false;
  /// `--cmax` was given: the lab scale search may not lower C_max.
  bool cmaxGiven = false;
  dsd::SchemeOptions scheme;
  /// Bench settings of the protocol and order sheets.
  protocol::LabSettings lab;
  /// Sequence design (step 7); `fixedSequencesBuffer` is a `name,sequence`
  /// file loaded into the diagnostics' SourceMgr.
  sequences::DesignOptions sequences;
  bool designSequences = true; ///< off: `--no-sequences`
  std::optional<unsigned> fixedSequencesBuffer;
  /// The verification report (step 9); `sourceFile` is named in it.
  report::ReportSettings report;
  std::string sourceFile;
  /// Stop after the lowering (no DNA design): `--emit=formal`, `--emit=dot`.
  bool stopAfterLowering = false;
  /// Stop after the DNA design (step 3) and hand it over in
  /// CompileResult::design (`crnc verify model.crn`).
  bool stopAfterDesign = false;
  /// A design with more nucleotides is an error (0: no limit); above 10^6 nt
  /// a warning says so either way.
  uint64_t maxNucleotides = 0;
  /// Steps 5 and 6 (enumeration, verification); off: `--no-verify`.
  bool verify = true;
  enumerate::EnumerateOptions enumerationLimits =
      verify::nuskellEnumerateOptions();
  verify::DesignCheckOptions verification;
  /// When set, render only the design artifact with this file suffix
  /// (`--emit=pil` needs no JSON of half a million complexes).
  std::string onlyArtifact;
};

/// Builds the design for a sample's input levels (model units keyed by
/// each input's `load`, as train::loadLevels gives them): the joins'
/// calibration and in-flight holds (dsd::SchemeOptions::loadLevels) and
/// reduce-order's compensation of its chains' holds, at those levels.
void buildForLoadLevels(CompileOptions &options,
                        std::map<std::string, double, std::less<>> levels);

/// One output file of a compile, held in memory until the whole pipeline has
/// succeeded, so a failed compile writes nothing.
struct Artifact {
  std::string fileName; ///< relative to the output directory
  std::string contents;
};

struct CompileResult {
  std::vector<Artifact> artifacts;
  /// A few lines for the terminal: sizes at each stage, costs.
  std::string summary;
  /// Set when a step failed because of the settings (exit 2), not the input.
  bool settingsError = false;
  /// Step 3's design, when CompileOptions::stopAfterDesign was set.
  std::optional<dna::Design> design;
  /// How the lab scale search chose the concentration scale and C_max
  /// (empty: they were fixed).
  std::string labScaleNote;
  /// Step 6's outcome, when verification ran (the verification report and
  /// the exit code read it).
  std::optional<verify::VerificationOutcome> verification;
  /// Wall-clock seconds of each step run, in order (`crnc compile
  /// --time-passes` prints them): design (1-3b, the lab scale search with
  /// every setting it built), exporters, enumeration, verification,
  /// sequences, lab outputs, report.
  std::vector<std::pair<std::string, double>> stepSeconds;
  const Artifact *find(llvm::StringRef suffix) const;
};

/// `--time-passes`: the wall time of each step in `result`, as the pass
/// table prints pass times.
void printStepTimes(const CompileResult &result, llvm::raw_ostream &os);

/// Lowers `module` in place to formal IR (unless it is formal already),
/// translates it to a DNA design and produces every artifact.
LogicalResult runCompilePipeline(ir::Module &module, CompileOptions options,
                                 DiagnosticEngine &diags,
                                 CompileResult &result);

} // namespace crnc::driver

#endif
