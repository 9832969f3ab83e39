//===- VerifyDesign.cpp - enumerate a design and check it -----------------===//

#include "lib/verify/VerifyDesign.h"
#include "lib/enumerate/ModularEnumerator.h"
#include "lib/support/Format.h"
#include "lib/train/ProbeSample.h"
#include "lib/verify/GateModules.h"
#include "lib/verify/LabNetwork.h"
#include "lib/verify/ModularBisimulation.h"
#include "lib/verify/PathwayDecomposition.h"
#include "lib/verify/SampleResimulation.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <chrono>

using namespace crnc;
using namespace crnc::verify;

enumerate::EnumerateOptions verify::nuskellEnumerateOptions() {
  enumerate::EnumerateOptions options;
  options.maxComplexSize = 10;
  options.dropOversized = true; // as Peppercorn under Nuskell
  options.maxComplexCount = 5000;
  options.maxReactionCount = 10000;
  options.releaseCutoff = 7;
  return options;
}

enumerate::EnumerateOptions
verify::fitComplexSize(const dna::Design &design,
                       enumerate::EnumerateOptions limits) {
  unsigned largest = 0;
  for (const dna::NamedComplex &c : design.allComplexes())
    largest = std::max(largest, unsigned(c.complex.strandCount()));
  if (largest + 1 > limits.maxComplexSize)
    limits.maxComplexSize = largest + 1;
  return limits;
}

std::string verify::complexSizeNote(const enumerate::EnumerateOptions &fitted,
                                    const enumerate::EnumerateOptions &usual) {
  if (fitted.maxComplexSize == usual.maxComplexSize)
    return "";
  return "complexes up to " + std::to_string(fitted.maxComplexSize) +
         " strands (the design's largest gate has " +
         std::to_string(fitted.maxComplexSize - 1) + ", above the usual " +
         std::to_string(usual.maxComplexSize) + ")";
}

static std::string plural(size_t n, llvm::StringRef word) {
  return std::to_string(n) + " " + word.str() + (n == 1 ? "" : "s");
}

/// Removes the formal CRN's constant species (the lowering's fuels, such as
/// `G` in `A + G -> B`, which the design holds constant too) and any formal
/// species the design made a fuel, as `crnc verify --fuels` does.
static std::vector<SpeciesIndex>
removeFormalFuels(Crn &formal, const Crn &impl,
                  llvm::ArrayRef<SpeciesIndex> implFuels) {
  std::vector<SpeciesIndex> fuels;
  for (SpeciesIndex s = 0; s < formal.speciesCount(); ++s)
    if (formal.constant[s])
      fuels.push_back(s);
  for (SpeciesIndex s : implFuels)
    if (auto f = formal.lookup(impl.speciesNames[s]))
      if (!llvm::is_contained(fuels, *f))
        fuels.push_back(*f);
  removeSpecies(formal, fuels);
  return fuels;
}

static std::string enumerationLine(const enumerate::EnumeratedSystem &system,
                                   const enumerate::EnumerateOptions &limits) {
  std::string line = std::to_string(system.complexes.size()) + " complexes, " +
                     plural(system.macrostates.size(), "resting macrostate") +
                     ", " +
                     plural(system.condensed.size(), "condensed reaction");
  if (system.ignoredBySize)
    line += " (" + std::to_string(system.ignoredBySize) +
            " binding reactions ignored: product above " +
            std::to_string(limits.maxComplexSize) + " strands)";
  return line;
}

/// The whole system within `limits`; when that reaches a limit and the
/// union has a limit of its own, module by module (each module within
/// `limits`). `byModule` describes the modular run; `stop` says where it
/// stopped.
static llvm::Expected<enumerate::EnumeratedSystem>
enumerateWholeOrByModule(const dna::Design &design,
                         const enumerate::EnumerateOptions &limits,
                         std::string &byModule, enumerate::ModularStop &stop) {
  llvm::Expected<enumerate::EnumeratedSystem> whole =
      enumerate::enumerateDesign(design, limits);
  if (whole || !limits.maxUnionComplexCount)
    return whole;
  std::string wholeError = llvm::toString(whole.takeError());
  enumerate::ModularStats stats;
  llvm::Expected<enumerate::EnumeratedSystem> modular =
      enumerate::enumerateByModule(design, limits, &stats);
  stop = stats.stop;
  if (!modular)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the whole system: %s; module by module (%zu modules): %s",
        wholeError.c_str(), stats.modules,
        llvm::toString(modular.takeError()).c_str());
  byModule = "; module by module (the whole system reached a limit: " +
             wholeError.substr(0, wholeError.find(" while ")) +
             "): " + plural(stats.modules, "module") + ", " +
             std::to_string(stats.enumerated) + " enumerated, " +
             std::to_string(stats.reused) + " reused up to renaming, " +
             std::to_string(stats.crosstalk) +
             " complexes pulled across modules by crosstalk";
  return modular;
}

static llvm::StringMap<std::string> bufferHeld(const ir::Module &formal);

/// The HS species of the buffer modules `design` builds as one gate
/// (BufferGate.h: HS is the gate holding X, no signal complex of its own).
static llvm::StringSet<> oneGateBuffers(const ir::Module &formal,
                                        const dna::Design &design) {
  llvm::StringSet<> hs;
  for (const auto &h : bufferHeld(formal))
    if (!design.lookup(h.getKey()))
      hs.insert(h.getKey());
  return hs;
}

/// `formal` without the reactions that make a species of `hs`: the design
/// implements a one-gate buffer's two directions as trivial reactions (X
/// bound to the gate is X).
static ir::Module withoutBufferReactions(const ir::Module &formal,
                                         const llvm::StringSet<> &hs) {
  ir::Module out = formal;
  llvm::erase_if(out.allReactions(), [&](const ir::Reaction &r) {
    return llvm::any_of(r.products, [&](const ir::Term &t) {
      return hs.count(formal.getSpecies(t.species).name) != 0;
    });
  });
  return out;
}

PreparedDesign
verify::prepareDesign(const ir::Module &formal, dna::Design design,
                      const enumerate::EnumerateOptions &limits) {
  PreparedDesign out;
  // A buffer built as one gate holds X in the gate: its formal reaction
  // X <=> HS is X held, so the check is against the CRN without it.
  llvm::StringSet<> oneGate = oneGateBuffers(formal, design);
  out.formal = crnFromModule(
      oneGate.empty() ? formal : withoutBufferReactions(formal, oneGate));
  out.checkedAgainst =
      "the lowered formal CRN" +
      (oneGate.empty()
           ? std::string()
           : " without its " + plural(oneGate.size(), "buffer module") +
                 " (each one gate; X bound to it reads as X)") +
      " (" + std::to_string(out.formal.usedSpecies().size()) + " species, " +
      plural(out.formal.reactions.size(), "reaction");
  for (dna::ComplexIndex i = 0; i < design.complexCount(); ++i) {
    dna::NamedComplex &c = design.getComplex(i);
    if (c.role == dna::ComplexRole::Signal && c.concentration == 0.0)
      c.concentration.reset();
  }
  std::string byModule;
  enumerate::EnumerateOptions fitted = fitComplexSize(design, limits);
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerateWholeOrByModule(design, fitted, byModule, out.modularStop);
  if (!system) {
    out.stopped = llvm::toString(system.takeError());
    out.checkedAgainst += ")";
    return out;
  }
  std::string size = complexSizeNote(fitted, limits);
  out.enumerated = enumerationLine(*system, fitted) +
                   (size.empty() ? "" : "; " + size) + byModule;
  out.implementation =
      implementationFromEnumeration(*system, design, out.formal, formal.unit);
  out.formalFuels = removeFormalFuels(out.formal, out.implementation.crn,
                                      out.implementation.fuels);
  // The first few fuels by name; verification.json lists them all.
  constexpr size_t namedFuels = 8;
  size_t fuels = out.formalFuels.size();
  for (size_t i = 0; i < std::min(fuels, namedFuels); ++i)
    out.checkedAgainst +=
        (i ? ", " : "; fuels ") + out.formal.speciesNames[out.formalFuels[i]];
  if (fuels > namedFuels)
    out.checkedAgainst +=
        " and " + std::to_string(fuels - namedFuels) + " more";
  out.checkedAgainst += fuels ? " removed)" : ")";
  out.system = std::move(*system);
  out.design = std::move(design);
  return out;
}

//===----------------------------------------------------------------------===//
// The checks
//===----------------------------------------------------------------------===//

static double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

static std::string timeLimitReason(double seconds) {
  return "time limit of " + formatNumber(seconds) + " s reached";
}

/// Module by module first when the signals split the implementation
/// (Johnson, Dong & Winfree's modularity theorem), then the whole system in
/// the time left; an unknown verdict says why the modular proof failed.
static CheckOutcome runBisimulation(const PreparedDesign &p, double seconds,
                                    Interpretation &interpretation) {
  auto start = std::chrono::steady_clock::now();
  StrategyResult both = checkCrnBisimulation(
      p.formal, p.implementation.crn, {p.implementation.partial, seconds},
      BisimulationStrategy::Auto, p.implementation.gateModule);
  BisimulationResult &r = both.bisimulation;
  CheckOutcome out{"crn-bisimulation", r.verdict,           "",
                   r.counterexample,   secondsSince(start), ""};
  if (r.verdict == Verdict::Correct && both.modular &&
      both.modular->verdict == Verdict::Correct)
    out.method = "module by module (Johnson, Dong & Winfree's modularity "
                 "theorem): " +
                 plural(both.modular->modules.size(), "module") +
                 (both.modular->crosstalk.empty()
                      ? ""
                      : " and " +
                            plural(both.modular->crosstalk.size(),
                                   "crosstalk reaction") +
                            " between them") +
                 ", each a CRN bisimulation of its formal reactions; the "
                 "modularity condition holds";
  if (r.verdict == Verdict::Unknown) {
    out.reason =
        r.unknownReason.empty() ? timeLimitReason(seconds) : r.unknownReason;
    if (both.modular && !both.wholeSearched)
      out.reason = "the modular check over " +
                   plural(both.modular->modules.size(), "module") +
                   " found no proof (" + both.modular->reason + "); " +
                   out.reason;
    else if (both.modular)
      out.reason += " (searched as one system after the modular check over " +
                    plural(both.modular->modules.size(), "module") +
                    " found no proof: " + both.modular->reason + ")";
  }
  if (r.verdict == Verdict::Correct)
    interpretation = std::move(r.interpretation);
  return out;
}

static CheckOutcome runPathway(const PreparedDesign &p, double seconds) {
  auto start = std::chrono::steady_clock::now();
  Crn merged = mergeSignalVariants(p.implementation.crn,
                                   p.implementation.partial, p.formal);
  PathwayResult r = checkPathwayDecomposition(p.formal, merged, {seconds});
  CheckOutcome out{"pathway-decomposition", r.verdict,           "",
                   r.counterexample,        secondsSince(start), ""};
  if (r.verdict == Verdict::Unknown)
    out.reason =
        r.unknownReason.empty() ? timeLimitReason(seconds) : r.unknownReason;
  return out;
}

/// The interpretation by name, and the fuels and wastes of the design.
static void describeImplementation(const PreparedDesign &p,
                                   const Interpretation &m,
                                   VerificationOutcome &out) {
  const Crn &impl = p.implementation.crn;
  for (SpeciesIndex s = 0; s < m.size(); ++s) {
    if (!m[s])
      continue;
    std::vector<std::string> meaning;
    for (SpeciesIndex f : *m[s])
      meaning.push_back(p.formal.speciesNames[f]);
    out.interpretation.push_back({impl.speciesNames[s], std::move(meaning)});
  }
  for (SpeciesIndex s : p.implementation.fuels)
    out.fuels.push_back(impl.speciesNames[s]);
  std::vector<bool> signals(impl.speciesCount(), false);
  for (SpeciesIndex s = 0; s < signals.size(); ++s)
    signals[s] =
        p.implementation.partial[s] && !p.implementation.partial[s]->empty();
  std::vector<bool> wastes = findWastes(impl, signals);
  for (SpeciesIndex s = 0; s < wastes.size(); ++s)
    if (wastes[s])
      out.wastes.push_back(impl.speciesNames[s]);
}

static double numberAttribute(const ir::Module &m, llvm::StringRef key,
                              double fallback) {
  std::optional<llvm::StringRef> text = findAttribute(m.attrs, key);
  if (!text)
    return fallback;
  std::optional<double> value = parseNumber(*text);
  return value && *value > 0 ? *value : fallback;
}

/// The model as written when it is a free-running CRN the lowering kept the
/// names of; else the formal module.
static bool usableReference(const ir::Module *reference) {
  return reference && reference->allPhases().empty() &&
         reference->reactionCount() > 0;
}

/// map-rates' buffer modules X + LS <=> HS + BS (LS with `buffer_of` = X):
/// HS is X held by the buffer.
static llvm::StringMap<std::string> bufferHeld(const ir::Module &formal) {
  llvm::StringMap<std::string> held;
  for (const ir::Reaction &r : formal.allReactions())
    for (const ir::Term &t : r.reactants) {
      std::optional<llvm::StringRef> of =
          findAttribute(formal.getSpecies(t.species).attrs, "buffer_of");
      if (!of)
        continue;
      for (const ir::Term &p : r.products)
        if (!formal.getSpecies(p.species).constant)
          held[formal.getSpecies(p.species).name] = of->str();
    }
  return held;
}

/// `formal` without map-rates' buffer modules: the model at rate_time_scale,
/// which the design follows at time_scale (a buffered formal CRN run alone
/// holds its species in buffers but not in gates, and follows neither).
static ir::Module withoutBuffers(const ir::Module &formal) {
  ir::Module out = formal;
  llvm::StringMap<std::string> held = bufferHeld(formal);
  llvm::erase_if(out.allReactions(), [&](const ir::Reaction &r) {
    return llvm::any_of(r.products, [&](const ir::Term &t) {
      return held.count(formal.getSpecies(t.species).name) != 0;
    });
  });
  return out;
}

/// True for a Neural CRN model whose lowering gates its phases with clocks:
/// only a training sample presented by the lab protocol exercises it.
static bool isClockedModel(const ir::Module *model) {
  return model && findAttribute(model->attrs, "model_kind") &&
         !model->allPhases().empty();
}

/// `module` with every rate constant multiplied by `factor` (a time axis
/// `factor` times shorter).
static void scaleRates(ir::Module &module, double factor) {
  for (ir::Reaction &r : module.allReactions()) {
    r.rate *= factor;
    if (r.reverseRate)
      *r.reverseRate *= factor;
  }
}

/// A free-running CRN: the model as written, or (with clock phases) the
/// formal CRN without its buffers on the model's time axis (its rates times
/// rate_time_scale), against the implementation at time_scale lab seconds
/// per model time unit.
static void runFreeRunning(const PreparedDesign &p, const ir::Module &formal,
                           const ir::Module *userModule,
                           const Interpretation &m,
                           const DesignCheckOptions &options,
                           ResimulationOutcome &out) {
  ir::Module unbuffered = withoutBuffers(formal);
  double timeScale = numberAttribute(formal, "time_scale", 1);
  scaleRates(unbuffered, numberAttribute(formal, "rate_time_scale", timeScale));
  const ir::Module &reference =
      usableReference(userModule) ? *userModule : unbuffered;
  out.reference = &reference == &unbuffered
                      ? "the lowered formal CRN without its buffers, on the "
                        "model's time axis"
                      : "the model as written";
  out.timeScale = timeScale;
  out.concScale = 1;
  if (&reference != &unbuffered)
    out.concScale = reference.unit == ConcUnit::None
                        ? numberAttribute(formal, "conc_scale_nM", 1)
                        : concUnitRatio(reference.unit, formal.unit);
  out.referenceUnit = concUnitName(reference.unit).str();
  out.implementationUnit = concUnitName(formal.unit).str();
  out.tEnd = options.tEnd ? *options.tEnd : defaultHorizon(reference);
  ResimulationOptions r;
  r.tEnd = out.tEnd;
  r.threshold = options.threshold;
  r.timeScale = out.timeScale;
  r.concScale = out.concScale;
  r.fuels = p.implementation.fuels;
  r.amountFactor = numberAttribute(formal, "amount_factor", 1);
  r.fitTimeScale = true;
  r.quasiSteadyAxis = true;
  for (const std::optional<Multiset> &meaning : p.implementation.partial)
    r.signalStrands.push_back(meaning && !meaning->empty());
  r.countsAs = bufferHeld(formal);
  r.wallSeconds = options.resimulationSeconds;
  llvm::Expected<ResimulationResult> result = resimulate(
      reference, p.formal, p.implementation.module, p.implementation.crn, m, r);
  if (!result) {
    out.problem = llvm::toString(result.takeError());
    return;
  }
  if (!result->stopped.empty()) {
    out.unknown = result->stopped;
    return;
  }
  out.ran = true;
  out.result = std::move(*result);
}

/// "x = (0.25, 1), target 3.5".
static std::string describeSample(const train::RecordedSample &sample) {
  std::string text = "x = (";
  for (size_t i = 0; i < sample.inputs.size(); ++i)
    text += (i ? ", " : "") + formatSignificant(sample.inputs[i], 4);
  return text + "), target " + formatSignificant(sample.target, 4);
}

/// The sample a clocked model is re-simulated over: the given one, the
/// recorded training row, else a probe; "not exercised" when none can be
/// chosen.
static std::optional<train::RecordedSample>
sampleToPresent(const ir::Module &model, const DesignCheckOptions &options,
                ResimulationOutcome &out) {
  if (options.sample) {
    out.sampleOrigin = options.sampleOrigin;
    return options.sample;
  }
  if (std::optional<train::RecordedSample> recorded =
          train::readRecordedSample(model)) {
    out.sampleOrigin = "one training sample";
    return recorded;
  }
  llvm::Expected<train::ProbeSample> probe = train::chooseProbeSample(model);
  if (!probe) {
    out.notExercised = "the model has no training sample to present and no "
                       "probe could be chosen (" +
                       llvm::toString(probe.takeError()) +
                       "); give one with --data";
    return std::nullopt;
  }
  out.sampleOrigin = "probe sample";
  out.sampleChoice = probe->reason;
  return probe->sample;
}

/// A clocked model: one sample through both lab networks
/// (SampleResimulation.h).
static void runSample(const PreparedDesign &p, const ir::Module &formal,
                      const ir::Module &model,
                      const DesignCheckOptions &options,
                      ResimulationOutcome &out) {
  std::optional<train::RecordedSample> sample =
      sampleToPresent(model, options, out);
  if (!sample)
    return;
  out.sample = describeSample(*sample);
  out.reference = "the lowered formal CRN with its buffers (crnc train "
                  "--level formal)";
  out.timeScale = 1; // both networks in lab seconds
  out.concScale = numberAttribute(formal, "conc_scale_nM", 1);
  out.implementationUnit = concUnitName(formal.unit).str();
  SampleResimulationOptions o;
  o.threshold = options.threshold;
  o.seconds = options.resimulationSeconds;
  llvm::Expected<SampleResimulation> r =
      resimulateSample(model, formal, *p.system, p.design, *sample, o);
  if (!r) {
    out.problem = llvm::toString(r.takeError());
    return;
  }
  out.phaseNames = r->phaseNames;
  out.phaseSeconds = r->phaseSeconds;
  out.tEnd = 2 * r->phaseSeconds;
  if (!r->stopped.empty()) {
    out.unknown = r->stopped;
    return;
  }
  out.ran = true;
  out.result = std::move(r->result);
  out.modelReadouts = std::move(r->modelReadouts);
  out.formalReadouts = std::move(r->formalReadouts);
  out.dnaReadouts = std::move(r->dnaReadouts);
  out.outputNames = std::move(r->outputNames);
  out.weightNames = std::move(r->weightNames);
}

static ResimulationOutcome runResimulation(const PreparedDesign &p,
                                           const ir::Module &formal,
                                           const ir::Module *userModule,
                                           const Interpretation &m,
                                           const DesignCheckOptions &options) {
  auto start = std::chrono::steady_clock::now();
  ResimulationOutcome out;
  out.threshold = options.threshold;
  out.labSecondsPerModelTime = numberAttribute(formal, "time_scale", 1);
  if (isClockedModel(userModule))
    runSample(p, formal, *userModule, options, out);
  else
    runFreeRunning(p, formal, userModule, m, options, out);
  out.wallSeconds = secondsSince(start);
  return out;
}

/// Why re-simulation cannot run when the enumeration stopped (`stop`,
/// where its module-by-module run did): the checks go module by module, a
/// simulation needs the whole network, which the modules share signals in.
static std::string resimulationBlocked(enumerate::ModularStop stop) {
  std::string why = "the enumeration stopped at a limit";
  switch (stop) {
  case enumerate::ModularStop::None:
    return why;
  case enumerate::ModularStop::Module:
    return why + "; module by module, one module alone passed it";
  case enumerate::ModularStop::Union:
    break;
  }
  return why + "; module by module, the union of the modules passed it, and "
               "re-simulation integrates that whole network (the modules "
               "share signals, so they cannot be simulated one by one)";
}

VerificationOutcome verify::checkDesign(const PreparedDesign &p,
                                        const ir::Module &formal,
                                        const ir::Module *reference,
                                        llvm::StringRef scheme,
                                        const DesignCheckOptions &options) {
  VerificationOutcome out;
  out.scheme = scheme.str();
  out.checkedAgainst = p.checkedAgainst;
  for (SpeciesIndex f : p.formalFuels)
    out.formalFuels.push_back(p.formal.speciesNames[f]);
  out.enumeration = p.enumerated;
  out.enumerationStopped = p.stopped;
  auto unknown = [&](llvm::StringRef notion) {
    out.checks.push_back({notion.str(), Verdict::Unknown,
                          "the enumeration stopped at a limit", std::nullopt, 0,
                          ""});
  };
  if (!p.system) {
    if (options.bisimulation)
      unknown("crn-bisimulation");
    if (options.pathway)
      unknown("pathway-decomposition");
    out.resimulation.problem = resimulationBlocked(p.modularStop);
    return out;
  }
  out.implementationSpecies = p.implementation.crn.usedSpecies().size();
  out.implementationReactions = p.implementation.crn.reactions.size();
  Interpretation m = p.implementation.partial;
  out.interpretationSource = "signal names";
  if (options.bisimulation) {
    out.checks.push_back(runBisimulation(p, options.secondsPerCheck, m));
    if (out.checks.back().verdict == Verdict::Correct)
      out.interpretationSource = "crn-bisimulation";
  }
  if (options.pathway)
    out.checks.push_back(runPathway(p, options.secondsPerCheck));
  bool allCorrect = llvm::all_of(out.checks, [](const CheckOutcome &c) {
    return c.verdict == Verdict::Correct;
  });
  if (std::optional<std::string> crosstalk = describeGateCrosstalk(
          p.implementation.crn, p.implementation.gateModule,
          p.implementation.moduleEquations);
      crosstalk && !allCorrect)
    out.crosstalk = *crosstalk;
  if (out.interpretationSource != "crn-bisimulation") {
    // Without a bisimulation, a species bound reversibly from signals (X +
    // gate <=> H + fuel, fuels removed: X <=> H) holds them, as at DNA-level
    // training: copies held in gates count.
    closeOverReversibleBinding(
        p.implementation.crn,
        std::vector<bool>(p.implementation.crn.speciesCount(), false), m);
    out.interpretationSource = "signal names and reversible binding";
  }
  describeImplementation(p, m, out);
  // A clocked model's sample re-simulation records only its signals; the
  // bound on species is for the trajectories of every species.
  if (options.resimulate && !isClockedModel(reference) &&
      out.implementationSpecies > options.maxResimulationSpecies) {
    out.resimulation.problem = "the implementation has " +
                               std::to_string(out.implementationSpecies) +
                               " species, above the " +
                               std::to_string(options.maxResimulationSpecies) +
                               " whose trajectories re-simulation keeps";
    return out;
  }
  if (options.resimulate) {
    out.resimulation = runResimulation(p, formal, reference, m, options);
    out.resimulation.interpretation = out.interpretationSource;
  }
  return out;
}

bool VerificationOutcome::foundIncorrect() const {
  for (const CheckOutcome &c : checks)
    if (c.verdict == Verdict::Incorrect)
      return true;
  return false;
}

bool VerificationOutcome::allHold() const {
  for (const CheckOutcome &c : checks)
    if (c.verdict != Verdict::Correct)
      return false;
  const ResimulationOutcome &r = resimulation;
  return (r.problem.empty() && r.notExercised.empty() && r.unknown.empty()) ||
         r.passed();
}

std::string ResimulationOutcome::verdict() const {
  if (ran)
    return result.pass ? "pass" : "fail";
  if (!unknown.empty())
    return "unknown";
  return notExercised.empty() ? "not run" : "not exercised";
}
