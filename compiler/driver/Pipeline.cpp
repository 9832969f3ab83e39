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
// runCompilePipeline below is that list, one call per step. Every artifact
// stays in memory until all steps succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/RealisableRates.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/protocol/Protocol.h"
#include "backends/report/Report.h"
#include "backends/report/ReportBuilder.h"
#include "backends/sbml/SBML.h"
#include "backends/sequences/FixedSequences.h"
#include "backends/sequences/SequenceReport.h"
#include "backends/visualdsd/VisualDSDWriter.h"
#include "compiler/driver/RateAxis.h"
#include "compiler/driver/VerifyStep.h"
#include "ir/LoweringAttributes.h"
#include "ir/Printer.h"
#include "lib/analysis/Census.h"
#include "lib/analysis/DotExport.h"
#include "lib/support/Format.h"
#include "lib/verify/LabRecord.h"

using namespace crnc;
using namespace crnc::driver;

const Artifact *CompileResult::find(llvm::StringRef suffix) const {
  for (const Artifact &artifact : artifacts)
    if (llvm::StringRef(artifact.fileName).endswith(suffix))
      return &artifact;
  return nullptr;
}

namespace {
/// The DNA design of step 3 and what every later step shares about it.
struct DesignStage {
  dna::Design design;
  /// Costs once: counting distinct strands hashes every strand of the design.
  dna::DesignCosts costs;
  /// Step 7's result, when sequences were designed.
  std::optional<sequences::SequenceDesign> sequences;
  /// Step 8's protocol (its strands carry step 7's sequences).
  std::optional<protocol::Protocol> protocol;
  /// Why step 3b slowed the time axis, for the lab time line; empty if not.
  std::string labTimeWhy;
};

/// What the report needs from the steps before the design: the module as
/// the front end made it, what each lowering pass did, and the rates before
/// map-rates changed them.
struct CompileLog {
  std::optional<ir::Module> input;
  std::vector<report::PassRow> passes;
  /// Set when map-rates ran: the rates it started from.
  report::RatesBefore ratesBeforeMapping;
};

/// Steps 1 to 3 once, on a copy of the input: the formal module, its
/// design, and the diagnostics held back for step 3b to keep or drop.
struct Attempt {
  ir::Module formal;
  CompileOptions options;
  CompileLog log;
  std::optional<DesignStage> stage;
  std::vector<Diagnostic> lowering, design;
  bool ok = false;
};
} // namespace

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

/// Before step 1: q_max from the scheme's full toehold, so that the time
/// axis map-rates predicts is the one the design runs on (a user's
/// --pass-pipeline keeps map-rates' own default).
static LogicalResult chooseQmax(CompileOptions &options,
                                DiagnosticEngine &diags) {
  if (!options.qmaxFromScheme || !options.customPipeline.empty())
    return success();
  llvm::Expected<double> q =
      dsd::fullToeholdRate(options.scheme, options.lowering.mapRates.cmax);
  if (!q) {
    diags.error(Location(), llvm::toString(q.takeError()));
    return failure();
  }
  options.lowering.mapRates.qmaxPerMolar = *q;
  return success();
}

/// Before step 1: a module trained at DNA level (`crnc train --level dna`)
/// is built at the concentration scale it was trained at, unless
/// `--conc-scale` says otherwise: training moves the initial amounts (the
/// weights), so the automatic scale would build another design than the
/// one whose DNA-level figures the module records.
static void keepTrainedConcScale(const ir::Module &module,
                                 CompileOptions &options,
                                 DiagnosticEngine &diags) {
  if (options.concScaleGiven || !options.customPipeline.empty() ||
      options.lowering.mapRates.concScale != 0)
    return;
  std::optional<verify::LabRecord> record = verify::readLabRecord(module);
  if (!record || record->level != "dna" || record->design.concScaleNM <= 0)
    return;
  options.lowering.mapRates.concScale = record->design.concScaleNM;
  diags.note(Location(),
             "map-rates: " + formatSignificant(record->design.concScaleNM, 4) +
                 " nM per model unit, as module '" + module.name +
                 "' was trained at DNA level (--conc-scale overrides)");
}

/// Step 1: the lowering passes, standard or user-chosen. A module that is
/// already formal (a `.formal.crnir`) is not lowered again.
static LogicalResult lower(ir::Module &module, CompileOptions &options,
                           CompileLog &log, DiagnosticEngine &diags) {
  if (options.customPipeline.empty() && isFormal(module)) {
    diags.note(Location(), "module '" + module.name +
                               "' is already formal: lowering skipped, C_max "
                               "and q_max taken from the module");
    options.lowering = formalSettings(module, options.lowering);
    return success();
  }
  keepTrainedConcScale(module, options, diags);
  if (failed(chooseQmax(options, diags)))
    return failure();
  // map-rates models the gates holding the reactants the scheme binds first.
  options.lowering.mapRates.joinOrder =
      dsd::schemeInfo(options.scheme.kind).joinOrder;
  PassManagerOptions instrumentation = options.instrumentation;
  report::RatesBefore last = report::snapshotRates(module);
  instrumentation.afterPass = [&](const Pass &pass, const ir::Module &m,
                                  double seconds) {
    analysis::ReactionCensus census = analysis::takeCensus(m);
    log.passes.push_back({pass.name().str(), pass.summary().str(),
                          unsigned(census.species), unsigned(census.reactions),
                          census.maxOrder, seconds});
    if (pass.name() == "map-rates")
      log.ratesBeforeMapping = std::move(last);
    last = report::snapshotRates(m);
  };
  PassManager pm(instrumentation);
  if (options.customPipeline.empty())
    buildLoweringPipeline(pm, options.lowering);
  else if (failed(pm.addPipeline(options.customPipeline, diags)))
    return failure();
  return pm.run(module, diags);
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

/// Step 2: what the DSD schemes require of their input, whichever passes
/// produced it.
static LogicalResult checkLegality(const ir::Module &module,
                                   const CompileOptions &options,
                                   DiagnosticEngine &diags) {
  return verifyLowered(module, options.lowering, diags);
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

/// Step 3: the domain-level design of the chosen scheme.
static std::optional<DesignStage> translateToDNA(const ir::Module &module,
                                                 const CompileOptions &options,
                                                 DiagnosticEngine &diags) {
  unsigned errorsBefore = diags.errorCount();
  llvm::Expected<dna::Design> design =
      dsd::compile(module, options.scheme, diags);
  if (!design) {
    std::string message = llvm::toString(design.takeError());
    if (diags.errorCount() == errorsBefore) // not yet reported as diagnostics
      diags.error(Location(), message);
    return std::nullopt;
  }
  dna::DesignCosts costs = dna::computeCosts(*design);
  if (failed(checkDesignSize(costs.total.nucleotides, options, diags)))
    return std::nullopt;
  return DesignStage{std::move(*design), std::move(costs), std::nullopt,
                     std::nullopt, ""};
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

/// Whether step 3b may move the axis of a compile of `input`: map-rates
/// lowers it, calibration has the mismatch knob and a slowdown is allowed.
static bool mayRetimeInput(const ir::Module &input, const CompileOptions &o) {
  return o.customPipeline.empty() && !isFormal(input) &&
         o.scheme.calibrateRates && o.scheme.mismatchToeholds &&
         !o.scheme.trimToeholds && o.scheme.maxSlowdown > 1;
}

/// Steps 1 to 3 on a copy of `input` (lowering only, when asked). The
/// lowering's diagnostics are printed unless `hold`; the design's are held.
static Attempt attempt(const ir::Module &input, const CompileOptions &options,
                       const CompileLog &log, DiagnosticEngine &diags,
                       bool hold) {
  Attempt a{input, options, log, std::nullopt, {}, {}, false};
  DiagnosticEngine lowering(diags.sourceMgr()), design(diags.sourceMgr());
  lowering.setHandler([&](const Diagnostic &d) { a.lowering.push_back(d); });
  design.setHandler([&](const Diagnostic &d) { a.design.push_back(d); });
  DiagnosticEngine &first = hold ? lowering : diags;
  if (failed(lower(a.formal, a.options, a.log, first)))
    return a;
  if (a.formal.reactionCount() == 0) {
    first.error(Location(), "module '" + a.formal.name +
                                "' has no reaction left after lowering: there "
                                "is nothing to build");
    return a;
  }
  // Lowering alone (--emit=formal) still designs where step 3b may move
  // the axis, so that its formal IR is the one a full compile builds from;
  // that design's errors and warnings are not its own.
  bool stop = a.options.stopAfterLowering;
  if (stop && !mayRetimeInput(input, a.options)) {
    a.ok = true;
    return a;
  }
  if (succeeded(checkLegality(a.formal, a.options, design)))
    a.stage = translateToDNA(a.formal, a.options, design);
  a.ok = stop || a.stage;
  if (stop && !a.stage)
    a.design.clear();
  return a;
}

/// Whether step 3b may move the time axis of `a`: a free-running module
/// lowered by map-rates, calibrated with the mismatch knob, whose design
/// misses some module's rate.
static bool mayRetime(const ir::Module &input, const Attempt &a) {
  return a.stage && mayRetimeInput(input, a.options) &&
         a.formal.allPhases().empty() &&
         ir::lowering::clockPhaseCount(a.formal.attrs) == 0 &&
         dsd::missesRates(a.stage->design);
}

/// Step 3b: where `first` misses a module's rate, the fastest axis tried on
/// which every module realises it, at most options.scheme.maxSlowdown times
/// slower: map-rates' time scale from the windows the backend measured (up
/// to three rounds: buffers move q with the axis), at the first
/// concentration scale and, for a dimensionless module at the automatic
/// one, at smaller scales (RateAxis.h). None when none serves.
static std::optional<Attempt> realiseEveryRate(const ir::Module &input,
                                               const Attempt &first,
                                               const CompileOptions &options,
                                               const CompileLog &log,
                                               DiagnosticEngine &diags) {
  std::vector<double> scales = {0}; // 0: the first attempt's
  std::optional<double> u =
      ir::lowering::get(first.formal.attrs, ir::lowering::ConcScaleNM);
  if (input.unit == ConcUnit::None && !options.concScaleGiven &&
      options.lowering.mapRates.concScale == 0 && u)
    for (double v : smallerConcScales(*u))
      scales.push_back(v);
  auto slowdown = [&](const Attempt &a, double gamma = 0) {
    double rts = rateTimeScale(a.formal);
    return labSecondsPerUnit(a.formal) / labSecondsPerUnit(first.formal) *
           (gamma > 0 ? gamma / rts : 1);
  };
  double limit = options.scheme.maxSlowdown * (1 + 1e-9);
  for (double scale : scales) {
    CompileOptions o = options;
    if (scale > 0)
      o.lowering.mapRates.concScale = scale;
    Attempt a = scale > 0 ? attempt(input, o, log, diags, true) : first;
    if (a.ok && slowdown(a) > limit)
      break; // smaller scales run slower still
    for (int round = 0; round < 3 && a.ok && mayRetime(input, a); ++round) {
      std::optional<double> gamma =
          realisableTimeScale(a.formal, a.stage->design);
      if (!gamma || slowdown(a, *gamma) > limit)
        break;
      o.lowering.mapRates.fixedGamma = *gamma;
      a = attempt(input, o, log, diags, true);
    }
    if (a.ok && a.stage && !dsd::missesRates(a.stage->design) &&
        slowdown(a) <= limit)
      return a;
  }
  return std::nullopt;
}

/// Prints the design's diagnostics `a` held (not for lowering alone).
static Attempt replayDesign(Attempt &a, const CompileOptions &options,
                            DiagnosticEngine &diags) {
  if (!options.stopAfterLowering)
    for (const Diagnostic &d : a.design)
      diags.report(d.severity, d.loc, d.message);
  return std::move(a);
}

/// Steps 1 to 3, with 3b where it finds an axis; prints the diagnostics
/// of the attempt kept (a re-run's lowering notes are replaced by 3b's).
static Attempt buildDesign(const ir::Module &input,
                           const CompileOptions &options, const CompileLog &log,
                           DiagnosticEngine &diags) {
  Attempt built = attempt(input, options, log, diags, false);
  if (!built.ok || !mayRetime(input, built))
    return replayDesign(built, options, diags);
  std::optional<Attempt> retimed =
      realiseEveryRate(input, built, options, log, diags);
  if (!retimed) {
    Attempt kept = replayDesign(built, options, diags);
    diags.note(Location(), "map-rates: no time axis up to " +
                               formatNumber(options.scheme.maxSlowdown) +
                               " times slower lets every DNA module realise "
                               "its rate (--max-slowdown raises the bound)");
    return kept;
  }
  double firstLab = labSecondsPerUnit(built.formal);
  diags.note(Location(), describeRetiming(built.formal, built.stage->design,
                                          retimed->formal));
  built = std::move(*retimed);
  built.stage->labTimeWhy =
      "slowed " +
      formatSignificant(labSecondsPerUnit(built.formal) / firstLab, 3) +
      "-fold so that every DNA module realises its rate";
  for (const Diagnostic &d : built.lowering)
    if (d.severity != Severity::Note)
      diags.report(d.severity, d.loc, d.message);
  return replayDesign(built, options, diags);
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
static LogicalResult writeLabOutputs(const ir::Module &module,
                                     DesignStage &stage,
                                     const CompileOptions &options,
                                     DiagnosticEngine &diags,
                                     CompileResult &result) {
  protocol::LabSettings settings = options.lab;
  settings.phasePace =
      verify::measuredPace(module, dsd::schemeInfo(options.scheme.kind).name);
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

LogicalResult driver::runCompilePipeline(ir::Module &module,
                                         CompileOptions options,
                                         DiagnosticEngine &diags,
                                         CompileResult &result) {
  CompileLog log;
  recordInput(module, log, result);
  // 1. lowering, 2. legality, 3. DSD scheme, and 3b. where a DNA module
  // cannot realise its rate, the same on a slower time axis (RateAxis.h)
  Attempt built = buildDesign(module, options, log, diags);
  if (!built.ok)
    return failure();
  module = std::move(built.formal);
  options = std::move(built.options);
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
  if (options.verify && options.onlyArtifact.empty()) {
    // 5. enumeration
    verify::PreparedDesign prepared =
        enumerateStep(module, stage->design, options, result);
    // 6. verification (re-simulation compares with the model as written)
    verifyStep(prepared, module, *log.input, options, result);
  }
  // 7. sequences
  if (wantsSequences(options) &&
      failed(designSequences(module, *stage, options, diags, result)))
    return failure();
  // 8. lab outputs: the wet-lab protocol and order sheets
  //    (backends/protocol).
  if (!options.onlyArtifact.empty())
    return success();
  if (failed(writeLabOutputs(module, *stage, options, diags, result)))
    return failure();
  // 9. report: the verification report (backends/report).
  writeReport(module, *stage, options, log, result);
  return success();
}
