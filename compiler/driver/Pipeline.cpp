//===- Pipeline.cpp - the compile pipeline --------------------------------===//
//
// The table of contents of crnc. A compile is, in order:
//   1. lowering:   passes take the front end's IR to formal IR (see
//                  lib/passes/LoweringPipeline.h for the pass order),
//   2. legality:   the formal IR is proven uni/bimolecular, non-negative,
//                  ungated and within the DSD rate range,
//   3. DSD:        a translation scheme turns it into a domain-level design
//                  (signals, fuels at C_max),
//   4. sequences:  nucleotides for every domain (nearest-neighbour
//                  thermodynamics, constraint-driven search), only when the
//                  whole design or its sequences are emitted,
//   5. exporters:  PIL (Peppercorn/Nuskell), Visual DSD, JSON, cost table.
// Every artifact stays in memory until all steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/sequences/FixedSequences.h"
#include "backends/sequences/SequenceReport.h"
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

/// Step 1: the lowering passes, standard or user-chosen.
static LogicalResult lower(ir::Module &module, const CompileOptions &options,
                           DiagnosticEngine &diags) {
  PassManager pm(options.instrumentation);
  if (options.customPipeline.empty())
    buildLoweringPipeline(pm, options.lowering);
  else if (failed(pm.addPipeline(options.customPipeline, diags)))
    return failure();
  return pm.run(module, diags);
}

/// Step 4: sequences for every domain, attached to the design, and their
/// artifacts (domains, strands, FASTA, constraint report).
static LogicalResult designSequences(dna::Design &design,
                                     const std::string &name,
                                     const CompileOptions &options,
                                     DiagnosticEngine &diags,
                                     CompileResult &result) {
  sequences::DesignOptions seqOptions = options.sequences;
  if (options.fixedSequencesBuffer) {
    auto fixed = sequences::readFixedSequences(*options.fixedSequencesBuffer,
                                               design, diags);
    if (!fixed)
      return failure();
    seqOptions.fixed = std::move(*fixed);
  }
  llvm::Expected<sequences::SequenceDesign> seqs =
      sequences::designSequences(design, seqOptions);
  if (!seqs) {
    diags.error(Location(),
                "sequence design: " + llvm::toString(seqs.takeError()));
    return failure();
  }
  sequences::attachSequences(design, *seqs);
  result.artifacts.push_back({name + ".domains.csv", render([&](auto &os) {
                                sequences::writeDomainsCSV(*seqs, os);
                              })});
  result.artifacts.push_back({name + ".strands.csv", render([&](auto &os) {
                                sequences::writeStrandsCSV(*seqs, os);
                              })});
  result.artifacts.push_back({name + ".strands.fasta", render([&](auto &os) {
                                sequences::writeStrandsFASTA(*seqs, os);
                              })});
  result.artifacts.push_back({name + ".sequences.json", render([&](auto &os) {
                                sequences::writeSequencesJSON(*seqs, seqOptions,
                                                              os);
                              })});
  result.summary +=
      "sequences: " + std::to_string(seqs->strands.size()) +
      " strands, toehold dG " + formatSignificant(seqs->toeholdMinDG, 3) +
      " to " + formatSignificant(seqs->toeholdMaxDG, 3) + " kcal/mol, " +
      std::to_string(seqs->hardViolations) + " hard-constraint violations\n";
  return success();
}

static bool wantsSequences(const CompileOptions &options) {
  if (options.onlyArtifact.empty())
    return options.designSequences;
  return options.onlyArtifact == ".strands.fasta";
}

/// Steps 3 to 5: the DNA design, its sequences and its exchange formats.
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
  if (wantsSequences(options) &&
      failed(designSequences(*design, module.name, options, diags, result)))
    return failure();
  auto emit = [&](llvm::StringRef suffix, auto write) {
    if (!options.onlyArtifact.empty() && options.onlyArtifact != suffix)
      return;
    result.artifacts.push_back({module.name + suffix.str(), render(write)});
  };
  // Costs once: counting distinct strands hashes every strand of the design.
  dna::DesignCosts totals = dna::computeCosts(*design);
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
  return success();
}

LogicalResult driver::runCompilePipeline(ir::Module &module,
                                         const CompileOptions &options,
                                         DiagnosticEngine &diags,
                                         CompileResult &result) {
  const std::string name = module.name;
  result.artifacts.push_back(
      {name + ".input.crnir", ir::printModuleToString(module)});
  result.summary += sizeLine("input", module);

  if (failed(lower(module, options, diags)))
    return failure();
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
