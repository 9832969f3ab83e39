//===- DesignStep.cpp - compile steps 1 to 3b: lower, design --------------===//

#include "compiler/driver/DesignStep.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/RealisableRates.h"
#include "backends/protocol/ScaleSearch.h"
#include "compiler/driver/RateAxis.h"
#include "ir/LoweringAttributes.h"
#include "lib/analysis/Census.h"
#include "lib/support/Format.h"
#include "lib/verify/LabRecord.h"

using namespace crnc;
using namespace crnc::driver;

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
/// is built at the concentration scale and C_max it was trained at, unless
/// `--conc-scale` (or `--cmax`) says otherwise: training moves the initial
/// amounts (the weights), so the lab scale search would build another
/// design than the one whose DNA-level figures the module records.
static void keepTrainedConcScale(const ir::Module &module,
                                 CompileOptions &options,
                                 DiagnosticEngine &diags) {
  if (options.concScaleGiven || !options.customPipeline.empty() ||
      options.lowering.mapRates.concScale != 0 || isFormal(module))
    return;
  std::optional<verify::LabRecord> record = verify::readLabRecord(module);
  if (!record || record->level != "dna" || record->design.concScaleNM <= 0)
    return;
  options.lowering.mapRates.concScale = record->design.concScaleNM;
  options.concScaleGiven = true;
  std::string cmax;
  if (!options.cmaxGiven && record->design.cmaxNM > 0) {
    options.lowering.mapRates.cmax = record->design.cmaxNM;
    options.cmaxGiven = true;
    cmax = " and C_max " + formatSignificant(record->design.cmaxNM, 4) + " nM";
  }
  diags.note(Location(),
             "map-rates: " + formatSignificant(record->design.concScaleNM, 4) +
                 " nM per model unit" + cmax + ", as module '" + module.name +
                 "' was trained at DNA level (--conc-scale and --cmax "
                 "override)");
}

/// Before step 1: a module trained at lab level is built for the input
/// levels it was trained at (reduce-order's compensation there, the joins'
/// calibration and the in-flight holds), unless --data gives others.
static void keepTrainedLevels(const ir::Module &module,
                              CompileOptions &options) {
  std::optional<verify::LabRecord> record = verify::readLabRecord(module);
  if (!record || record->loadLevels.empty() ||
      !options.scheme.loadLevels.empty())
    return;
  buildForLoadLevels(options, record->loadLevels);
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

/// Whether step 3b may move the axis of a compile of `input`: map-rates
/// lowers it, calibration has the mismatch knob and a slowdown is allowed.
static bool mayRetimeInput(const ir::Module &input, const CompileOptions &o) {
  return o.customPipeline.empty() && !isFormal(input) &&
         o.scheme.calibrateRates && o.scheme.mismatchToeholds &&
         !o.scheme.trimToeholds && o.scheme.maxSlowdown > 1;
}

/// Whether the lab scale search may build designs for `input`: map-rates
/// lowers it (not a formal module, no --pass-pipeline).
static bool maySearch(const ir::Module &input, const CompileOptions &o) {
  return o.customPipeline.empty() && !isFormal(input);
}

/// Steps 1 to 3 on a copy of `input` (lowering only, when asked). The
/// lowering's diagnostics are printed unless `hold`; the design's are held.
static Attempt attempt(const ir::Module &input, const CompileOptions &options,
                       const CompileLog &log, DiagnosticEngine &diags,
                       bool hold) {
  Attempt a{input, options, log, std::nullopt, {}, {}, false, ""};
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
  // Lowering alone (--emit=formal) still designs where the lab scale search
  // or step 3b may move the scale or the axis, so that its formal IR is the
  // one a full compile builds from; that design's errors and warnings are
  // not its own.
  bool stop = a.options.stopAfterLowering;
  if (stop && !maySearch(input, a.options)) {
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

/// Step 3b at one setting: where `first` (built with `options`) misses a
/// module's rate, the fastest axis on which every module realises it, at
/// most options.scheme.maxSlowdown times slower: map-rates' time scale from
/// the windows the backend measured (up to three rounds: buffers move q
/// with the axis). None when none serves.
static std::optional<Attempt> realiseEveryRate(const ir::Module &input,
                                               const Attempt &first,
                                               CompileOptions options,
                                               const CompileLog &log,
                                               DiagnosticEngine &diags) {
  auto slowdown = [&](const Attempt &a, double gamma = 0) {
    double rts = rateTimeScale(a.formal);
    return labSecondsPerUnit(a.formal) / labSecondsPerUnit(first.formal) *
           (gamma > 0 ? gamma / rts : 1);
  };
  double limit = options.scheme.maxSlowdown * (1 + 1e-9);
  std::optional<Attempt> a;
  for (int round = 0; round < 3; ++round) {
    const Attempt &last = a ? *a : first;
    if (!last.ok || !mayRetime(input, last))
      break;
    std::optional<double> gamma =
        realisableTimeScale(last.formal, last.stage->design);
    if (!gamma || slowdown(last, *gamma) > limit)
      break;
    options.lowering.mapRates.fixedGamma = *gamma;
    a = attempt(input, options, log, diags, true);
  }
  if (a && a->ok && a->stage && !dsd::missesRates(a->stage->design) &&
      slowdown(*a) <= limit)
    return a;
  return std::nullopt;
}

namespace {
/// One setting the lab scale search tried: its design (on the axis 3b
/// chose there) and what 3b said.
struct Built {
  Attempt attempt;
  std::string retimeNote; ///< when 3b slowed the axis
  bool retimeFailed = false;
  double slowdown = 1; ///< how many times 3b slowed the axis
};
} // namespace

/// The design at `scale` nM per unit (0: map-rates' choice) and fuels at
/// `cmax`, with 3b's axis (`attempt.ok` false when it could not be built).
static Built buildAt(const ir::Module &input, CompileOptions o, double scale,
                     double cmax, const CompileLog &log,
                     DiagnosticEngine &diags) {
  o.lowering.mapRates.concScale = scale;
  o.lowering.mapRates.cmax = cmax;
  Built b{attempt(input, o, log, diags, true), "", false, 1};
  if (!b.attempt.ok || !b.attempt.stage || !mayRetime(input, b.attempt))
    return b;
  std::optional<Attempt> slowed =
      realiseEveryRate(input, b.attempt, o, log, diags);
  if (!slowed) {
    b.retimeFailed = true;
    return b;
  }
  b.slowdown =
      labSecondsPerUnit(slowed->formal) / labSecondsPerUnit(b.attempt.formal);
  b.retimeNote = describeRetiming(b.attempt.formal, b.attempt.stage->design,
                                  slowed->formal);
  slowed->stage->labTimeWhy = "slowed " + formatSignificant(b.slowdown, 3) +
                              "-fold so that every DNA module realises its "
                              "rate";
  b.attempt = std::move(*slowed);
  return b;
}

/// Prints the design's diagnostics `a` held (not for lowering alone).
static Attempt replayDesign(Attempt &a, const CompileOptions &options,
                            DiagnosticEngine &diags) {
  if (!options.stopAfterLowering)
    for (const Diagnostic &d : a.design)
      diags.report(d.severity, d.loc, d.message);
  return std::move(a);
}

/// Prints every diagnostic `a` held: the lowering's, then the design's.
static Attempt replay(Attempt &a, const CompileOptions &options,
                      DiagnosticEngine &diags) {
  for (const Diagnostic &d : a.lowering)
    diags.report(d.severity, d.loc, d.message);
  return replayDesign(a, options, diags);
}

/// The search's settings for a compile of `input` with `options`.
static protocol::ScaleSearchOptions searchOptions(const ir::Module &input,
                                                  const CompileOptions &o) {
  protocol::ScaleSearchOptions s;
  s.concScaleNM = o.lowering.mapRates.concScale;
  s.cmaxNM = o.lowering.mapRates.cmax;
  s.dimensionless = input.unit == ConcUnit::None;
  s.searchScale = s.dimensionless && !o.concScaleGiven && s.concScaleNM == 0;
  // C_max falls only with the scale: map-rates keeps signals ten times
  // below it, which a fixed scale (or a module with units) would not follow.
  s.searchCmax = s.searchScale && !o.cmaxGiven;
  return s;
}

/// The setting kept, its diagnostics printed: the lowering's and the
/// design's, 3b's note, the search's note and warnings.
static Attempt keep(Built &b, const protocol::ScaleChoice &choice,
                    const CompileOptions &options, DiagnosticEngine &diags) {
  Attempt a = replay(b.attempt, options, diags);
  if (!b.retimeNote.empty())
    diags.note(Location(), b.retimeNote);
  if (b.retimeFailed)
    diags.note(Location(), "map-rates: no time axis up to " +
                               formatNumber(options.scheme.maxSlowdown) +
                               " times slower lets every DNA module realise "
                               "its rate (--max-slowdown raises the bound)");
  if (choice.searched)
    diags.note(Location(), choice.note);
  for (const std::string &w : choice.warnings)
    diags.warning(Location(), w);
  a.scaleNote = choice.searched ? choice.note : "";
  return a;
}

/// Steps 1 to 3 at the setting the lab scale search keeps (3b at each);
/// prints the diagnostics of the attempt kept.
Attempt driver::buildDesign(const ir::Module &input,
                            const CompileOptions &given, const CompileLog &log,
                            DiagnosticEngine &diags) {
  CompileOptions options = given;
  keepTrainedConcScale(input, options, diags);
  keepTrainedLevels(input, options);
  if (!maySearch(input, options)) {
    Attempt a = attempt(input, options, log, diags, false);
    return replayDesign(a, options, diags);
  }
  std::vector<Built> built;
  std::optional<Built> firstTried;
  auto trial = [&](double scale,
                   double cmax) -> std::optional<protocol::ScaleTrial> {
    Built b = buildAt(input, options, scale, cmax, log, diags);
    if (!b.attempt.ok || !b.attempt.stage) {
      if (!firstTried)
        firstTried = std::move(b);
      return std::nullopt;
    }
    llvm::Expected<protocol::ScaleTrial> t = protocol::assessDesign(
        b.attempt.formal, b.attempt.stage->design, options.lab);
    if (!t) {
      llvm::consumeError(t.takeError()); // the protocol step reports it
      if (!firstTried)
        firstTried = std::move(b);
      return std::nullopt;
    }
    t->baseLabSeconds = t->labSeconds / b.slowdown;
    t->nucleotides = b.attempt.stage->costs.total.nucleotides;
    t->tag = built.size();
    built.push_back(std::move(b));
    return *t;
  };
  protocol::ScaleChoice choice =
      protocol::chooseLabScale(searchOptions(input, options), trial);
  if (!choice.chosen)
    return replay(firstTried->attempt, options, diags);
  return keep(built[choice.tried[*choice.chosen].tag], choice, options, diags);
}
