//===- Pipeline.cpp - the compile pipeline --------------------------------===//
//
// The table of contents of crnc. A compile is, in order:
//   1. lowering:   passes take the front end's IR to formal IR (see
//                  lib/passes/LoweringPipeline.h for the pass order),
//   2. legality:   the formal IR is proven uni/bimolecular, non-negative,
//                  ungated and within the DSD rate range,
//   3. DSD:        a translation scheme turns it into a domain-level design
//                  (signals, fuels at C_max),
//   4. exporters:  PIL (Peppercorn/Nuskell), Visual DSD, JSON, cost table.
// Every artifact stays in memory until all steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/visualdsd/VisualDSDWriter.h"
#include "ir/Printer.h"
#include "lib/analysis/Census.h"
#include "lib/analysis/DotExport.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::driver;

const Artifact *CompileResult::find(llvm::StringRef suffix) const {
  for (const Artifact &artifact : artifacts)
    if (llvm::StringRef(artifact.fileName).endswith(suffix))
      return &artifact;
  return nullptr;
}

template <typename Writer> static std::string render(Writer &&write) {
  std::string text;
  llvm::raw_string_ostream os(text);
  write(os);
  return os.str();
}

static std::string sizeLine(llvm::StringRef stage, const ir::Module &module) {
  analysis::ReactionCensus census = analysis::takeCensus(module);
  return (llvm::Twine(stage) + ": " + llvm::Twine(census.species) +
          " species, " + llvm::Twine(census.reactions) +
          " reactions (max order " + llvm::Twine(census.maxOrder) + ")\n")
      .str();
}

/// Step 1: the lowering passes, standard or user-chosen. A module that is
/// already formal (a `.formal.crnir`) is not lowered again.
static LogicalResult lower(ir::Module &module, CompileOptions &options,
                           DiagnosticEngine &diags) {
  if (options.customPipeline.empty() && isFormal(module)) {
    diags.note(Location(), "module '" + module.name +
                               "' is already formal: lowering skipped, C_max "
                               "and q_max taken from the module");
    options.lowering = formalSettings(module, options.lowering);
    return success();
  }
  PassManager pm(options.instrumentation);
  if (options.customPipeline.empty())
    buildLoweringPipeline(pm, options.lowering);
  else if (failed(pm.addPipeline(options.customPipeline, diags)))
    return failure();
  return pm.run(module, diags);
}

/// `seconds` in the largest unit that keeps it above one (s, min, h, d).
static std::string formatDuration(double seconds) {
  if (seconds < 60)
    return formatSignificant(seconds, 3) + " s";
  if (seconds < 3600)
    return formatSignificant(seconds / 60, 3) + " min";
  if (seconds < 86400)
    return formatSignificant(seconds / 3600, 3) + " h";
  return formatSignificant(seconds / 86400, 3) + " d";
}

/// `lab time: 52 s per model time unit, 0.9 h per phase, ...`.
static std::string labTimeLine(const dna::LabTime &t) {
  std::string line = "lab time: " + formatDuration(t.secondsPerTimeUnit) +
                     " per model time unit";
  if (t.secondsPerPhase)
    line += ", " + formatDuration(*t.secondsPerPhase) + " per phase";
  if (t.secondsPerTrainingSample)
    line += ", " + formatDuration(*t.secondsPerTrainingSample) +
            " per training sample";
  return line + "\n";
}

/// A design above --max-nucleotides is an error; one above 10^6 nt a warning
/// (every nucleotide is synthesised and paid for).
static LogicalResult checkDesignSize(uint64_t nucleotides,
                                     const CompileOptions &options,
                                     DiagnosticEngine &diags) {
  std::string size = std::to_string(nucleotides) + " nt";
  if (options.maxNucleotides && nucleotides > options.maxNucleotides) {
    diags.error(Location(), "the DNA design has " + size +
                                ", more than --max-nucleotides=" +
                                std::to_string(options.maxNucleotides));
    return failure();
  }
  if (nucleotides > 1000000)
    diags.warning(Location(), "the DNA design has " + size +
                                  " (more than 10^6 nt to synthesise); "
                                  "--max-nucleotides=N refuses such designs");
  return success();
}

/// Steps 3 and 4: the DNA design and its exchange formats.
static LogicalResult translateToDNA(const ir::Module &module,
                                    const CompileOptions &options,
                                    DiagnosticEngine &diags,
                                    CompileResult &result) {
  dsd::SchemeOptions scheme = options.scheme;
  scheme.fuelConcentration = options.lowering.cmax;
  unsigned errorsBefore = diags.errorCount();
  llvm::Expected<dna::Design> design = dsd::compile(module, scheme, diags);
  if (!design) {
    std::string message = llvm::toString(design.takeError());
    if (diags.errorCount() == errorsBefore) // not yet reported as diagnostics
      diags.error(Location(), message);
    return failure();
  }
  auto emit = [&](llvm::StringRef suffix, auto write) {
    if (!options.onlyArtifact.empty() && options.onlyArtifact != suffix)
      return;
    result.artifacts.push_back({module.name + suffix.str(), render(write)});
  };
  // Costs once: counting distinct strands hashes every strand of the design.
  dna::DesignCosts totals = dna::computeCosts(*design);
  if (failed(checkDesignSize(totals.total.nucleotides, options, diags)))
    return failure();
  emit(".pil", [&](auto &os) { pil::writePIL(*design, os); });
  emit(".dna", [&](auto &os) { visualdsd::writeVisualDSD(*design, os); });
  emit(".design.json",
       [&](auto &os) { json::writeDesignJSON(*design, totals, os); });
  emit(".costs.txt",
       [&](auto &os) { dna::printCostReport(*design, totals, os); });
  result.summary += "DNA design (" + scheme.scheme +
                    "): " + std::to_string(totals.total.complexes) +
                    " complexes, " + std::to_string(totals.total.strands) +
                    " distinct strands, " +
                    std::to_string(totals.total.nucleotides) + " nt\n";
  if (design->labTime)
    result.summary += labTimeLine(*design->labTime);
  return success();
}

LogicalResult driver::runCompilePipeline(ir::Module &module,
                                         CompileOptions options,
                                         DiagnosticEngine &diags,
                                         CompileResult &result) {
  const std::string name = module.name;
  result.artifacts.push_back(
      {name + ".input.crnir", ir::printModuleToString(module)});
  result.summary += sizeLine("input", module);

  if (failed(lower(module, options, diags)))
    return failure();
  if (module.reactionCount() == 0) {
    diags.error(Location(), "module '" + name +
                                "' has no reaction left after lowering: there "
                                "is nothing to build");
    return failure();
  }
  result.summary += sizeLine("formal", module);
  result.artifacts.push_back(
      {name + ".formal.crnir", ir::printModuleToString(module)});
  result.artifacts.push_back({name + ".formal.dot", render([&](auto &os) {
                                analysis::printReactionGraphDot(module, os);
                              })});
  if (options.stopAfterLowering)
    return success();

  if (options.customPipeline.empty() &&
      failed(verifyLowered(module, options.lowering, diags)))
    return failure();
  return translateToDNA(module, options, diags, result);
}
