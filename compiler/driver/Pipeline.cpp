//===- Pipeline.cpp - the compile pipeline --------------------------------===//
//
// The table of contents of crnc. A compile is, in order:
//   1. lowering:   passes take the front end's IR to formal IR (see
//                  lib/passes/LoweringPipeline.h for the pass order),
//   2. legality:   the formal IR is proven uni/bimolecular, non-negative,
//                  ungated and within the DSD rate range,
//   3. DSD:        a translation scheme turns it into a domain-level design
//                  (signals, fuels at C_max),
//   4. exporters:  PIL (Peppercorn/Nuskell), Visual DSD, JSON, cost table,
//                  SBML of the formal CRN.
// Every artifact stays in memory until all steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/sbml/SBML.h"
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
  emit(".pil", [&](auto &os) { pil::writePIL(*design, os); });
  emit(".dna", [&](auto &os) { visualdsd::writeVisualDSD(*design, os); });
  emit(".design.json",
       [&](auto &os) { json::writeDesignJSON(*design, totals, os); });
  emit(".costs.txt",
       [&](auto &os) { dna::printCostReport(*design, totals, os); });
  emit(".formal.sbml", [&](auto &os) { os << sbml::writeSBML(module); });
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
