//===- Pipeline.cpp - the compile pipeline --------------------------------===//
//
// The table of contents of crnc. A compile is, in order:
//   1. lowering:     passes take the front end's IR to formal IR (see
//                    lib/passes/LoweringPipeline.h for the pass order),
//   2. legality:     the formal IR is proven uni/bimolecular, non-negative,
//                    ungated and within the DSD rate range (also after a
//                    user-chosen --pass-pipeline),
//   3. DSD scheme:   a translation scheme turns it into a domain-level
//                    design (signals, fuels at C_max),
//   3b. time axis:   where a DNA module cannot realise map-rates' rate,
//                    1 to 3 again on the fastest slower axis on which
//                    every module does (compiler/driver/RateAxis.h),
//   4. exporters:    PIL (Peppercorn/Nuskell), Visual DSD, JSON, cost table,
//                    SBML of the formal CRN,
//   5. enumeration:  domain-level reactions of the design, condensed
//                    (within limits: a large design stops, never hangs),
//   6. verification: the enumerated network against the formal CRN (CRN
//                    bisimulation, pathway decomposition, re-simulation;
//                    `--no-verify` skips 5 and 6),
//   7. sequences:    nucleotide sequences for the domains (nearest-
//                    neighbour thermodynamics, constraint-driven search);
//                    the PIL is rewritten with them (`--no-sequences` skips),
//   8. lab outputs:  the wet-lab protocol (and the order sheets once the
//                    strands have sequences),
//   9. report:       the verification report (HTML and JSON) of everything
//                    above, with the sections not run named as such.
// runCompilePipeline below is that list, one call per step. Steps 1 to 3b
// are compiler/driver/DesignStep.cpp, 5 and 6 compiler/driver/VerifyStep.cpp,
// the others are in this file. Every artifact stays in memory until all
// steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/protocol/Protocol.h"
#include "backends/report/Report.h"
#include "backends/report/ReportBuilder.h"
#include "backends/sbml/SBML.h"
#include "backends/sequences/FixedSequences.h"
#include "backends/sequences/SequenceReport.h"
#include "backends/visualdsd/VisualDSDWriter.h"
#include "compiler/driver/DesignStep.h"
#include "compiler/driver/RateAxis.h"
#include "compiler/driver/VerifyStep.h"
#include "ir/Printer.h"
#include "lib/analysis/Census.h"
#include "lib/analysis/DotExport.h"
#include "lib/support/Format.h"
#include "lib/verify/LabRecord.h"
#include "lib/verify/LabTraining.h"
#include "llvm/Support/Format.h"
#include <chrono>

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

//===----------------------------------------------------------------------===//
// Summary lines for the terminal
//===----------------------------------------------------------------------===//

static std::string sizeLine(llvm::StringRef stage, const ir::Module &module) {
  analysis::ReactionCensus census = analysis::takeCensus(module);
  return (llvm::Twine(stage) + ": " + llvm::Twine(census.species) +
          " species, " + llvm::Twine(census.reactions) +
          " reactions (max order " + llvm::Twine(census.maxOrder) + ")\n")
      .str();
}

static std::string designLine(llvm::StringRef scheme,
                              const dna::DesignCosts &costs) {
  return "DNA design (" + scheme.str() +
         "): " + std::to_string(costs.total.complexes) + " complexes, " +
         std::to_string(costs.total.strands) + " distinct strands, " +
         std::to_string(costs.total.nucleotides) + " nt\n";
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

//===----------------------------------------------------------------------===//
// The steps
//===----------------------------------------------------------------------===//

/// Before step 1: the module as the front end produced it.
static void recordInput(const ir::Module &module, CompileLog &log,
                        CompileResult &result) {
  log.input = module;
  result.artifacts.push_back(
      {module.name + ".input.crnir", ir::printModuleToString(module)});
  result.summary += sizeLine("input", module);
}

/// After step 1: the formal module, as text and as a reaction graph.
static void recordFormal(const ir::Module &module, CompileResult &result) {
  result.summary += sizeLine("formal", module);
  result.artifacts.push_back(
      {module.name + ".formal.crnir", ir::printModuleToString(module)});
  result.artifacts.push_back(
      {module.name + ".formal.dot",
       render([&](auto &os) { analysis::printReactionGraphDot(module, os); })});
}

/// After step 3: the design's size for the terminal.
static void recordDesign(const DesignStage &stage, CompileResult &result) {
  result.summary += designLine(stage.design.scheme, stage.costs);
  if (!stage.design.labTime)
    return;
  std::string line = labTimeLine(*stage.design.labTime);
  if (!stage.labTimeWhy.empty())
    line.insert(line.size() - 1, " (" + stage.labTimeWhy + ")");
  result.summary += line;
}

/// After step 6: where re-simulation took its verdict on the design's own
/// time axis (lib/verify/QuasiSteadyAxis.h), the design's lab time is
/// stated on it, map-rates' beside it: the `lab time:` line, .design.json
/// and (step 8) the protocol.
static void restateLabTime(DesignStage &stage, CompileResult &result) {
  if (!result.verification || !stage.design.labTime)
    return;
  const verify::ResimulationOutcome &r = result.verification->resimulation;
  if (!r.ran || !r.result.designAxis)
    return;
  dna::LabTime &t = *stage.design.labTime;
  double mapRates = t.secondsPerTimeUnit,
         factor = r.result.timeScale / mapRates;
  t.secondsPerTimeUnit = r.result.timeScale;
  if (t.secondsPerPhase)
    *t.secondsPerPhase *= factor;
  if (t.secondsPerTrainingSample)
    *t.secondsPerTrainingSample *= factor;
  t.axis = "the design's own time axis, predicted from its condensed "
           "reactions at quasi-steady state, on which re-simulation took its "
           "verdict";
  t.mapRatesSecondsPerTimeUnit = mapRates;
  std::string line = labTimeLine(t);
  line.insert(line.size() - 1,
              " (the design's own time axis, on which re-simulation took its "
              "verdict; map-rates' " +
                  formatDuration(mapRates) +
                  (stage.labTimeWhy.empty() ? "" : ", " + stage.labTimeWhy) +
                  ")");
  size_t at = result.summary.find("\nlab time: ");
  if (at != std::string::npos)
    result.summary.replace(at + 1, result.summary.find('\n', at + 1) - at,
                           line);
  for (Artifact &artifact : result.artifacts)
    if (llvm::StringRef(artifact.fileName).endswith(".design.json"))
      artifact.contents = render([&](auto &os) {
        json::writeDesignJSON(stage.design, stage.costs, os);
      });
}

/// Step 4: the design's exchange formats (all, or the one `--emit` asks for).
static void exportDesign(const ir::Module &module, const DesignStage &stage,
                         const CompileOptions &options, CompileResult &result) {
  auto emit = [&](llvm::StringRef suffix, auto write) {
    if (!options.onlyArtifact.empty() && options.onlyArtifact != suffix)
      return;
    result.artifacts.push_back({module.name + suffix.str(), render(write)});
  };
  const dna::Design &design = stage.design;
  emit(".pil", [&](auto &os) { pil::writePIL(design, os); });
  emit(".dna", [&](auto &os) { visualdsd::writeVisualDSD(design, os); });
  emit(".design.json",
       [&](auto &os) { json::writeDesignJSON(design, stage.costs, os); });
  emit(".costs.txt",
       [&](auto &os) { dna::printCostReport(design, stage.costs, os); });
  emit(".formal.sbml", [&](auto &os) { os << sbml::writeSBML(module); });
}

/// Step 7: sequences for every domain, attached to the design; their
/// artifacts (domains, strands, FASTA, constraint report) and the PIL again,
/// now with `sequence` lines.
static LogicalResult designSequences(const ir::Module &module,
                                     DesignStage &stage,
                                     const CompileOptions &options,
                                     DiagnosticEngine &diags,
                                     CompileResult &result) {
  sequences::DesignOptions seqOptions = options.sequences;
  if (options.fixedSequencesBuffer) {
    auto fixed = sequences::readFixedSequences(*options.fixedSequencesBuffer,
                                               stage.design, diags);
    if (!fixed)
      return failure();
    seqOptions.fixed = std::move(*fixed);
  }
  llvm::Expected<sequences::SequenceDesign> seqs =
      sequences::designSequences(stage.design, seqOptions);
  if (!seqs) {
    diags.error(Location(),
                "sequence design: " + llvm::toString(seqs.takeError()));
    result.settingsError = true;
    return failure();
  }
  sequences::attachSequences(stage.design, *seqs);
  const std::string &name = module.name;
  auto emit = [&](llvm::StringRef suffix, auto write) {
    if (!options.onlyArtifact.empty() && options.onlyArtifact != suffix)
      return;
    result.artifacts.push_back({name + suffix.str(), render(write)});
  };
  emit(".domains.csv",
       [&](auto &os) { sequences::writeDomainsCSV(*seqs, os); });
  emit(".strands.csv",
       [&](auto &os) { sequences::writeStrandsCSV(*seqs, os); });
  emit(".strands.fasta",
       [&](auto &os) { sequences::writeStrandsFASTA(*seqs, os); });
  emit(".sequences.json",
       [&](auto &os) { sequences::writeSequencesJSON(*seqs, seqOptions, os); });
  for (Artifact &artifact : result.artifacts)
    if (artifact.fileName == name + ".pil")
      artifact.contents = pil::printPIL(stage.design);
  result.summary +=
      "sequences: " + std::to_string(seqs->strands.size()) +
      " strands, toehold dG " + formatSignificant(seqs->toeholdMinDG, 3) +
      " to " + formatSignificant(seqs->toeholdMaxDG, 3) + " kcal/mol" +
      (seqs->mismatchedStrands.empty()
           ? ""
           : " (" + std::to_string(seqs->mismatchedStrands.size()) +
                 " gate strand(s) weakened by intended mismatches)") +
      ", " + std::to_string(seqs->hardViolations) +
      " hard-constraint violations" +
      (seqs->spuriousChecked
           ? ""
           : "; spurious structures not checked: " + seqs->spuriousNotChecked) +
      "\n";
  stage.sequences = std::move(*seqs);
  return success();
}

static bool wantsSequences(const CompileOptions &options) {
  if (options.onlyArtifact.empty())
    return options.designSequences;
  return options.onlyArtifact == ".strands.fasta";
}

/// Hands step 7's strand sequences to the order sheets (same domains, same
/// strand).
static void fillOrderSequences(const DesignStage &stage,
                               std::vector<protocol::OrderStrand> &strands) {
  if (!stage.sequences)
    return;
  llvm::StringMap<std::string> byDomains;
  for (const sequences::StrandSequence &s : stage.sequences->strands)
    byDomains[s.domains] = s.sequence;
  for (protocol::OrderStrand &s : strands) {
    auto it = byDomains.find(s.domains);
    if (it != byDomains.end())
      s.sequence = it->second;
    // A complement strand (the protocol's anti-triggers): the reverse
    // complement of the strand it pairs with.
    it = byDomains.find(protocol::complementDomains(s.domains));
    if (s.sequence.empty() && it != byDomains.end())
      s.sequence = protocol::reverseComplement(it->second);
  }
}

/// Step 8, for the bench: the protocol, and the order sheets once every
/// strand has a sequence (step 7 fills protocol::OrderStrand::sequence).
static LogicalResult
writeLabOutputs(const ir::Module &module, const ir::Module &input,
                DesignStage &stage, const CompileOptions &options,
                DiagnosticEngine &diags, CompileResult &result) {
  protocol::LabSettings settings = options.lab;
  settings.phasePace =
      verify::measuredPace(module, dsd::schemeInfo(options.scheme.kind).name);
  settings.targetWithSecondPhase = verify::targetWaitsForUpdate(input);
  if (const auto &t = stage.design.labTime; t && !t->axis.empty()) {
    settings.secondsPerModelTime = t->secondsPerTimeUnit;
    settings.timeAxis = t->axis;
  }
  llvm::Expected<protocol::Protocol> lab =
      protocol::buildProtocol(module, stage.design, settings);
  if (!lab) {
    diags.error(Location(), "protocol: " + llvm::toString(lab.takeError()));
    result.settingsError = true;
    return failure();
  }
  for (const std::string &warning : lab->warnings)
    diags.warning(Location(), "protocol: " + warning);
  fillOrderSequences(stage, lab->strands);
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
  if (std::optional<std::string> problem = protocol::opentronsProblem(*lab))
    diags.note(Location(), "protocol: no Opentrons script: " + *problem);
  else
    result.artifacts.push_back({name + ".opentrons.py", render([&](auto &os) {
                                  protocol::writeOpentronsScript(*lab, os);
                                })});
  result.summary += "protocol: " + std::to_string(lab->strands.size()) +
                    " strands, reaction mix " +
                    (lab->reaction.fits ? "fits " : "does NOT fit ") +
                    formatNumber(lab->settings.reactionVolumeUL) + " uL\n";
  stage.protocol = *lab;
  if (!protocol::allHaveSequences(lab->strands))
    return success();
  llvm::Expected<protocol::Order> order =
      protocol::buildOrder(lab->strands, options.lab.order);
  if (!order) {
    diags.error(Location(), "order: " + llvm::toString(order.takeError()));
    result.settingsError = true;
    return failure();
  }
  if (order->belowPlateMinimum)
    diags.note(Location(),
               "order: " + std::to_string(order->lines.size()) +
                   " strands are fewer than one plate's minimum; order "
                   "them as tubes (" +
                   name + ".order-idt.csv)");
  result.artifacts.push_back({name + ".order-idt.csv", render([&](auto &os) {
                                protocol::writeIdtBulkCsv(*order, os);
                              })});
  result.artifacts.push_back({name + ".plates.csv", render([&](auto &os) {
                                protocol::writePlatesCsv(*order, os);
                              })});
  return success();
}

/// Step 9: the verification report. Sections whose step has not run carry
/// the reason; nothing is filled in for them.
static void writeReport(const ir::Module &module, const DesignStage &stage,
                        const CompileOptions &options, const CompileLog &log,
                        CompileResult &result) {
  const thermo::Conditions &cond = options.sequences.conditions;
  report::ReportData data;
  data.name = module.name;
  data.inputs =
      report::describeInputs(*log.input, module, options.sourceFile,
                             dsd::schemeInfo(options.scheme.kind).name, cond);
  data.lowering = report::describeLowering(*log.input, log.passes, module);
  const sequences::SequenceDesign *seqs =
      stage.sequences ? &*stage.sequences : nullptr;
  std::string noSeqs = "sequences were not designed (--no-sequences)";
  if (seqs && stage.protocol) {
    data.strands = report::describeStrands(
        *seqs, options.sequences, stage.protocol->strands, options.lab.order);
    data.crosstalk =
        report::measureCrosstalk(*seqs, stage.protocol->strands, cond,
                                 options.report, options.sequences.threads);
  } else {
    data.strands = report::Part<report::Strands>::skipped(noSeqs);
    data.crosstalk = report::Part<report::Crosstalk>::skipped(noSeqs);
  }
  data.kinetics = report::describeKinetics(module, log.ratesBeforeMapping,
                                           stage.design, seqs, cond);
  std::string noVerify = !options.verify
                             ? "--no-verify"
                             : "the verification step did not produce a result";
  if (result.verification) {
    data.verification = report::describeVerification(*result.verification);
    data.resimulation =
        report::describeResimulation(result.verification->resimulation);
  } else {
    data.verification = report::Part<report::Verification>::skipped(noVerify);
    data.resimulation = report::Part<report::Resimulation>::skipped(noVerify);
  }
  data.training = report::describeTraining(
      module, dsd::schemeInfo(options.scheme.kind).name);
  data.costs = report::describeCosts(stage.design, stage.costs,
                                     options.report.pricePerNt);
  if (stage.protocol)
    data.warnings = stage.protocol->warnings;
  const std::string &name = module.name;
  result.artifacts.push_back({name + ".report.html", render([&](auto &os) {
                                report::writeReportHTML(data, os);
                              })});
  result.artifacts.push_back({name + ".report.json", render([&](auto &os) {
                                report::writeReportJSON(data, os);
                              })});
  report::Summary summary = report::summarize(data);
  result.summary += std::string("report: ") +
                    report::statusName(summary.status) + " (open " + name +
                    ".report.html first)\n";
}

//===----------------------------------------------------------------------===//
// The list
//===----------------------------------------------------------------------===//

void driver::printStepTimes(const CompileResult &result,
                            llvm::raw_ostream &os) {
  double total = 0;
  for (const auto &step : result.stepSeconds)
    total += step.second;
  os << "===-------------------------------------------===\n"
     << "  compile step times (wall clock)\n"
     << "===-------------------------------------------===\n";
  for (const auto &[step, seconds] : result.stepSeconds)
    os << llvm::format("  %10.3f s  %5.1f%%  ", seconds,
                       total > 0 ? 100 * seconds / total : 0.0)
       << step << "\n";
  os << llvm::format("  %10.3f s  100.0%%  total\n", total);
}

namespace {
/// Records the wall time of each step into CompileResult::stepSeconds.
class StepClock {
public:
  explicit StepClock(CompileResult &result) : result(result) {}
  void lap(const char *step) {
    auto now = std::chrono::steady_clock::now();
    result.stepSeconds.emplace_back(
        step, std::chrono::duration<double>(now - last).count());
    last = now;
  }

private:
  CompileResult &result;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
};
} // namespace

LogicalResult driver::runCompilePipeline(ir::Module &module,
                                         CompileOptions options,
                                         DiagnosticEngine &diags,
                                         CompileResult &result) {
  StepClock clock(result);
  CompileLog log;
  recordInput(module, log, result);
  // 1. lowering, 2. legality, 3. DSD scheme, and 3b. where a DNA module
  // cannot realise its rate, the same on a slower time axis (DesignStep.h)
  Attempt built = buildDesign(module, options, log, diags);
  clock.lap("design (steps 1-3b, lab scale search)");
  if (!built.ok)
    return failure();
  module = std::move(built.formal);
  options = std::move(built.options);
  result.labScaleNote = std::move(built.scaleNote);
  log = std::move(built.log);
  recordFormal(module, result);
  if (options.stopAfterLowering)
    return success();
  std::optional<DesignStage> stage = std::move(built.stage);
  recordDesign(*stage, result);
  if (options.stopAfterDesign) {
    result.design = std::move(stage->design);
    return success();
  }
  // 4. exporters
  exportDesign(module, *stage, options, result);
  clock.lap("exporters (step 4)");
  if (options.verify && options.onlyArtifact.empty()) {
    // 5. enumeration
    verify::PreparedDesign prepared =
        enumerateStep(module, stage->design, options, result);
    clock.lap("enumeration (step 5)");
    // 6. verification (re-simulation compares with the model as written)
    verifyStep(prepared, module, *log.input, options, result);
    restateLabTime(*stage, result);
    clock.lap("verification and re-simulation (step 6)");
  }
  // 7. sequences
  if (wantsSequences(options)) {
    if (failed(designSequences(module, *stage, options, diags, result)))
      return failure();
    clock.lap("sequences (step 7)");
  }
  // 8. lab outputs: the wet-lab protocol and order sheets
  //    (backends/protocol).
  if (!options.onlyArtifact.empty())
    return success();
  if (failed(
          writeLabOutputs(module, *log.input, *stage, options, diags, result)))
    return failure();
  clock.lap("lab outputs (step 8)");
  // 9. report: the verification report (backends/report).
  writeReport(module, *stage, options, log, result);
  clock.lap("report (step 9)");
  return success();
}

void driver::buildForLoadLevels(
    CompileOptions &options,
    std::map<std::string, double, std::less<>> levels) {
  options.lowering.reduceOrder.loadLevels = levels;
  options.lowering.reduceOrder.compensateHolds = true;
  options.scheme.loadLevels = std::move(levels);
}
