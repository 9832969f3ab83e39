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
//                  SBML of the formal CRN; the wet-lab protocol (and the
//                  order sheets once the strands have sequences).
// Every artifact stays in memory until all steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/protocol/Protocol.h"
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

/// Step 4, for the bench: the protocol, and the order sheets once every
/// strand has a sequence (sequence design fills protocol::OrderStrand).
static LogicalResult writeLabOutputs(const ir::Module &module,
                                     const dna::Design &design,
                                     const CompileOptions &options,
                                     DiagnosticEngine &diags,
                                     CompileResult &result) {
  llvm::Expected<protocol::Protocol> lab =
      protocol::buildProtocol(module, design, options.lab);
  if (!lab) {
    diags.error(Location(), "protocol: " + llvm::toString(lab.takeError()));
    result.settingsError = true;
    return failure();
  }
  for (const std::string &warning : lab->warnings)
    diags.warning(Location(), "protocol: " + warning);
  const std::string &name = module.name;
  result.artifacts.push_back({name + ".protocol.md", render([&](auto &os) {
                                protocol::writeProtocolMarkdown(*lab, os);
                              })});
  result.artifacts.push_back({name + ".protocol.html", render([&](auto &os) {
                                protocol::writeProtocolHTML(*lab, os);
                              })});
  result.artifacts.push_back({name + ".protocol.json", render([&](auto &os) {
                                protocol::writeProtocolJSON(*lab, os);
                              })});
  result.summary += "protocol: " + std::to_string(lab->strands.size()) +
                    " strands, reaction mix " +
                    (lab->reaction.fits ? "fits " : "does NOT fit ") +
                    formatNumber(lab->settings.reactionVolumeUL) + " uL\n";
  if (!protocol::allHaveSequences(lab->strands))
    return success();
  llvm::Expected<protocol::Order> order =
      protocol::buildOrder(lab->strands, options.lab.order);
  if (!order) {
    diags.error(Location(), "order: " + llvm::toString(order.takeError()));
    result.settingsError = true;
    return failure();
  }
  result.artifacts.push_back({name + ".order-idt.csv", render([&](auto &os) {
                                protocol::writeIdtBulkCsv(*order, os);
                              })});
  result.artifacts.push_back({name + ".plates.csv", render([&](auto &os) {
                                protocol::writePlatesCsv(*order, os);
                              })});
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
  if (!options.onlyArtifact.empty())
    return success();
  return writeLabOutputs(module, *design, options, diags, result);
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
