//===- RateCalibration.cpp - each module's realised rate, made q ----------===//
//
// Soloveichik, Seelig & Winfree 2010 realise a formal rate q_i by the
// strength of the gate's input toehold and the gate's concentration: the
// join step X1 + L <=> H + B followed by H + X2 -> O runs at
// k(L X1) [L] / [B] * k(H X2) / k(H B), proportional to [L]. Every gate of
// a scheme has the same toeholds, so q is set here by [L] alone, measured
// rather than computed from a formula per scheme: the module is enumerated
// with crnc's enumerator and its quasi-steady-state rate computed from the
// condensed reactions (the same network re-simulation integrates), which
// holds for every scheme.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/FuelStrandKnob.h"
#include "backends/dsd/GateLoad.h"
#include "backends/dsd/InFlightHold.h"
#include "backends/dsd/RealisableRates.h"
#include "backends/dsd/ToeholdMismatch.h"
#include "backends/dsd/ToeholdTrim.h"
#include "ir/LoweringAttributes.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Format.h"
#include "llvm/Support/SourceMgr.h"
#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

static bool isShared(const Design &design, size_t moduleIndex,
                     ComplexIndex gate) {
  for (size_t i = 0; i < design.modules.size(); ++i) {
    const auto &fuels = design.modules[i].fuels;
    if (i != moduleIndex &&
        std::find(fuels.begin(), fuels.end(), gate) != fuels.end())
      return true;
  }
  return false;
}

/// A level as a lab writes it: 4 significant digits (0.05 % at most).
static double roundLevel(double c) {
  double digits = std::pow(10.0, 3 - std::floor(std::log10(c)));
  return std::round(c * digits) / digits;
}

/// A floor as a lab writes it: 4 significant digits, rounded up.
static double roundFloorUp(double c) {
  if (!(c > 0))
    return c;
  double digits = std::pow(10.0, 3 - std::floor(std::log10(c)));
  return std::ceil(c * digits * (1 - 1e-12)) / digits;
}

/// How far `target` is from the window [lo, hi] (a factor >= 1).
static double missFactor(double target, double lo, double hi) {
  return target > hi ? target / hi : target < lo ? lo / target : 1;
}

/// Setting `s` of `apply` on a copy of `design`, or on `design` itself when
/// the knob changes only the complexes `touched` (their old values in
/// `saved`, put back after the measurement): the rate of module `i` with
/// `gate` at `level`, or nullopt when there is no such setting or the
/// measurement fails. A copy of the whole design per setting was a third
/// of expert_aggregation's design time.
static std::optional<MeasuredRate>
trySetting(const ir::Module &module, Design &design, size_t i, const Step &step,
           ComplexIndex gate, double level, unsigned s,
           llvm::function_ref<bool(Design &, unsigned)> apply,
           llvm::ArrayRef<ComplexIndex> touched,
           llvm::ArrayRef<NamedComplex> saved, std::optional<Design> &copy) {
  copy.reset();
  if (touched.empty())
    copy = design;
  Design &trial = copy ? *copy : design;
  std::optional<MeasuredRate> out;
  if (apply(trial, s)) {
    trial.getComplex(gate).concentration = level;
    llvm::Expected<MeasuredRate> m = measureModuleRate(module, trial, i, step);
    if (m)
      out = *m;
    else
      llvm::consumeError(m.takeError());
  }
  for (size_t k = 0; k < touched.size(); ++k)
    design.getComplex(touched[k]) = saved[k];
  return out;
}

void dsd::searchGateKnob(const ir::Module &module, Design &design, size_t i,
                         const Step &step, double target, double floor,
                         double level, const MeasuredRate &at,
                         unsigned settings,
                         llvm::function_ref<bool(Design &, unsigned)> apply,
                         llvm::ArrayRef<ComplexIndex> touched) {
  ComplexIndex gate = *at.rateGate;
  assert((touched.empty() || llvm::is_contained(touched, gate)) &&
         "the knob's gate is one of the complexes it touches");
  double conc = *design.getComplex(gate).concentration;
  if (at.perMolarSecond * floor / conc <= target)
    return;
  std::vector<NamedComplex> saved;
  for (ComplexIndex c : touched)
    saved.push_back(design.getComplex(c));
  std::optional<Design> best, copy;
  unsigned bestSetting = 0;
  double bestMiss = missFactor(target, at.perMolarSecond * floor / conc,
                               at.perMolarSecond * level / conc);
  for (unsigned s = 1; s <= settings; ++s) {
    std::optional<MeasuredRate> m = trySetting(
        module, design, i, step, gate, level, s, apply, touched, saved, copy);
    if (!m)
      break;
    double hi = m->perMolarSecond;
    double off = missFactor(target, hi * floor / level, hi);
    if (off < bestMiss)
      best = std::move(copy), bestSetting = s, bestMiss = off;
    if (hi <= target || off == 1)
      break;
  }
  if (best)
    design = std::move(*best);
  else if (bestSetting && apply(design, bestSetting))
    design.getComplex(gate).concentration = level;
}

/// The toehold-trimming knob (off by default): the signal's toehold is
/// trimmed in the gate, from the full toehold minus one nucleotide down to
/// 1 nt, through searchGateKnob.
static void chooseToehold(const ir::Module &module, Design &design, size_t i,
                          const Step &step, double target, double floor,
                          double level, const MeasuredRate &at) {
  ComplexIndex gate = *at.rateGate;
  std::optional<ComplexIndex> signal = firstReactant(module, design, step);
  std::optional<GateToeholdRun> run =
      signal ? inputToeholdRun(design, gate, *signal) : std::nullopt;
  if (!run)
    return;
  unsigned full = run->nucleotides;
  searchGateKnob(module, design, i, step, target, floor, level, at, full - 1,
                 [&](Design &trial, unsigned s) {
                   return trimInputToehold(trial, gate, *signal, full - s);
                 });
}

/// Scales the rate-setting gate of module `i` until it realises `target`
/// (/M/s) within [floor, level]; returns the last measurement.
static llvm::Expected<MeasuredRate> tuneGate(const ir::Module &module,
                                             Design &design, size_t i,
                                             const Step &step, double target,
                                             double floor, double level,
                                             const SchemeOptions &options) {
  llvm::Expected<MeasuredRate> m = measureModuleRate(module, design, i, step);
  if (!m || !m->rateGate || isShared(design, i, *m->rateGate))
    return m;
  if (options.mismatchToeholds)
    chooseMismatches(module, design, i, step, target, floor, level, *m);
  else if (options.trimToeholds)
    chooseToehold(module, design, i, step, target, floor, level, *m);
  m = measureModuleRate(module, design, i, step);
  if (!m)
    return m;
  std::optional<double> &conc = design.getComplex(*m->rateGate).concentration;
  for (int round = 0; round < 4 && m->perMolarSecond > 0; ++round) {
    double ratio = target / m->perMolarSecond;
    double next = std::clamp(roundLevel(*conc * ratio), floor, level);
    if (std::fabs(ratio - 1) < 1e-3 || next == *conc)
      break;
    conc = next;
    m = measureModuleRate(module, design, i, step);
    if (!m)
      return m;
  }
  if (options.tuneFuelStrands &&
      m->perMolarSecond > target * (1 + RealisedRateTolerance)) {
    m = tuneFuelStrand(module, design, i, step, target, floor, *m);
    if (!m)
      return m;
  }
  // The backward strand also takes over where the gate is pinned at a
  // bound short of the calibration's precision.
  double off = std::fabs(m->perMolarSecond / target - 1);
  bool pinned = (*conc >= level || *conc <= floor) && off > 1e-3;
  if (options.tuneBackwardStrands && m->perMolarSecond > 0 &&
      (off > RealisedRateTolerance || pinned))
    return tuneBackwardStrand(module, design, i, step, target, floor,
                              BackwardStrandCeiling * fuelConcentration(module),
                              *m);
  return m;
}

/// One warning for every module off q by more than the tolerance: how
/// many, and the worst with its gate.
std::optional<double> dsd::rateMiss(const ReactionModule &rm) {
  if (!rm.realisedRate || !rm.targetRate)
    return std::nullopt;
  double ratio = *rm.realisedRate / *rm.targetRate;
  return std::max(ratio, 1 / ratio);
}

static void warnOffTarget(const Design &design, const std::vector<Step> &steps,
                          const GateLoads &loads,
                          const std::vector<GateFloor> &floors,
                          double gateExcess, DiagnosticEngine &diags) {
  size_t off = 0, worst = 0;
  double worstFactor = 1;
  for (size_t i = 0; i < design.modules.size(); ++i) {
    std::optional<double> miss = rateMiss(design.modules[i]);
    if (!miss)
      continue;
    double factor = *miss;
    if (factor - 1 <= RealisedRateTolerance)
      continue;
    ++off;
    if (factor > worstFactor)
      worstFactor = factor, worst = i;
  }
  if (!off)
    return;
  const ReactionModule &rm = design.modules[worst];
  std::string gate;
  if (rm.rateGate) {
    const NamedComplex &g = design.getComplex(*rm.rateGate);
    gate = " (gate " + g.name + " at " +
           formatSignificant(g.concentration.value_or(0), 3) + " " +
           concUnitName(design.unit).str() + ")";
  }
  bool fast = *rm.realisedRate > *rm.targetRate;
  std::string slowWhy =
      rm.gateToeholdMismatches
          ? ": slower than its gate realises at C_max with " +
                std::to_string(rm.gateToeholdMismatches) +
                " mismatch(es) in its toehold, faster at its floor with the "
                "next weaker setting (one step of the mismatch ladder changes "
                "the rate more than dilution can)"
          : ": faster than a full toehold at C_max realises; lower --qmax";
  diags.warning(steps[worst].loc,
                llvm::Twine(off) + " of " + llvm::Twine(design.modules.size()) +
                    " DNA modules do not realise map-rates' rate within " +
                    formatNumber(100 * RealisedRateTolerance) +
                    " %; the worst, '" + rm.equation + "', realises " +
                    formatSignificant(*rm.realisedRate, 3) + " /M/s for " +
                    formatSignificant(*rm.targetRate, 3) + " /M/s" + gate +
                    (fast ? ": its gate is at its floor, " +
                                describeFloor(floors[worst], loads, gateExcess,
                                              concUnitName(design.unit))
                          : slowWhy));
}

/// Step 5 of calibrateRates: the windows of every calibrated module whose
/// gate is its own, those that miss q first, each down to q / maxSlowdown;
/// stops once the modules measured share no factor in [1 / maxSlowdown, 1]
/// (the rest stay unmeasured: no axis serves anyway).
static void measureWindows(const ir::Module &module,
                           const std::vector<Step> &steps,
                           const std::vector<Window> &bounds,
                           double maxSlowdown, Design &design) {
  std::vector<size_t> order;
  for (size_t i = 0; i < design.modules.size() && i < steps.size(); ++i)
    if (design.modules[i].targetRate && design.modules[i].rateGate &&
        !isShared(design, i, *design.modules[i].rateGate))
      order.push_back(i);
  auto misses = [&](size_t i) {
    const ReactionModule &rm = design.modules[i];
    double ratio = rm.realisedRate.value_or(0) / *rm.targetRate;
    return !(std::fabs(ratio - 1) <= RealisedRateTolerance);
  };
  std::stable_partition(order.begin(), order.end(), misses);
  for (size_t i : order) {
    ReactionModule &rm = design.modules[i];
    rm.realisableRates =
        measureRealisableRates(module, design, i, steps[i], bounds[i].first,
                               bounds[i].second, *rm.targetRate / maxSlowdown);
    std::vector<Window> scales = realisableScales(design);
    if (scales.empty() || scales.back().second < 1 / maxSlowdown)
      return;
  }
}

/// map-rates' hold of `x` by the gates that bind it first (alpha = sum of
/// q / q_max over the bimolecular steps that start with it).
static double gateHold(const ir::Module &module, const std::vector<Step> &steps,
                       ir::SpeciesId x) {
  std::optional<double> qmax =
      ir::lowering::get(module.attrs, ir::lowering::QmaxPerNMs);
  if (!qmax || !(*qmax > 0))
    return 0;
  double unit = convertConcentration(1, module.unit, ConcUnit::nM);
  double alpha = 0;
  for (const Step &s : steps)
    if (s.reactants.size() == 2 && s.reactants[0] == x)
      alpha += s.rate / unit / *qmax;
  return alpha;
}

double dsd::triggerLevel(const ir::Module &module, ir::SpeciesId s) {
  using namespace ir::lowering;
  const ir::Species &sp = module.getSpecies(s);
  std::optional<double> on = get(sp.attrs, ClockOn);
  std::optional<double> scale = get(module.attrs, ConcScaleNM);
  if (sp.role != ir::SpeciesRole::Clock || !on || !scale || !(*on > 0) ||
      !(*scale > 0) || module.unit == ConcUnit::None)
    return 0;
  return *on * convertConcentration(*scale, ConcUnit::nM, module.unit);
}

/// Whether every bimolecular step that binds `x` first takes a clock
/// trigger or a constant species (its buffer) second: its hold is drained
/// only at levels the schedule and the fuels set.
static bool heldOnlyWithTriggers(const ir::Module &module,
                                 const std::vector<Step> &steps,
                                 ir::SpeciesId x) {
  return llvm::all_of(steps, [&](const Step &s) {
    return s.reactants.size() != 2 || s.reactants[0] != x ||
           module.getSpecies(s.reactants[1]).constant ||
           triggerLevel(module, s.reactants[1]) > 0;
  });
}

/// Whether the model's targets are class labels (0 or 1 per output): its
/// error then stays within about one unit, so a join that holds an input
/// beside the error is drained (SSW's H = q [L] X1 / (q_b [B] + q_2 E)) by
/// about 1 % of what its trace calibration assumes, and the input runs free
/// at the level the protocol sets. A regression's error starts at its
/// target (11.8 units on the README's gen-data rows): that drain then
/// frees the input above its level.
static bool labelTargets(const ir::Module &module) {
  std::optional<ir::model::Task> task =
      ir::model::get(module.attrs, ir::model::ModelTask);
  return task && *task != ir::model::Task::Regression;
}

double dsd::inputLevel(const ir::Module &module, ir::SpeciesId s,
                       const SchemeOptions &options) {
  const ir::Species &sp = module.getSpecies(s);
  if (sp.role != ir::SpeciesRole::Input || !ir::model::featureColumn(sp.attrs))
    return 0;
  return operatingLevel(module, s, options);
}

std::vector<Step> dsd::atPartnerLevels(const ir::Module &module,
                                       std::vector<Step> steps,
                                       const GateLoads &loads,
                                       const SchemeOptions &options) {
  double factor =
      ir::lowering::get(module.attrs, ir::lowering::AmountFactor).value_or(1);
  for (Step &step : steps) {
    if (step.reactants.size() != 2 ||
        module.getSpecies(step.reactants[1]).constant)
      continue;
    // A trigger's free level is the schedule's (its holds included).
    if (double trigger = triggerLevel(module, step.reactants[1]); trigger > 0) {
      step.partnerLevel = trigger;
      continue;
    }
    // An input the sample set, held only beside triggers (or beside a
    // classifier's error): its level.
    if (double input = inputLevel(module, step.reactants[1], options);
        input > 0 && (heldOnlyWithTriggers(module, steps, step.reactants[1]) ||
                      labelTargets(module))) {
      step.partnerLevel = input;
      continue;
    }
    double total = loads.simulated ? loads.partnerOf(step) : 0;
    if (total > 0 && !(gateHold(module, steps, step.reactants[1]) > 0))
      step.partnerLevel = total / factor;
  }
  return steps;
}

void dsd::calibrateRates(const ir::Module &module,
                         const std::vector<Step> &moduleSteps, Design &design,
                         const SchemeOptions &options, const GateLoads &loads,
                         DiagnosticEngine &diags) {
  std::vector<Step> steps =
      atPartnerLevels(module, moduleSteps, loads, options);
  double unit = concUnitInMolar(design.unit), cmax = fuelConcentration(module);
  std::vector<GateFloor> floors =
      gateFloors(loads, steps, options.gateExcess, design);
  std::vector<Window> bounds(design.modules.size());
  for (size_t i = 0; i < design.modules.size() && i < steps.size(); ++i) {
    const Step &step = steps[i];
    if (step.reversible || !(step.rate > 0))
      continue;
    double target = step.rate / unit;
    double level = step.gateFuelLevel > 0 ? step.gateFuelLevel : cmax;
    bounds[i] = {std::min(roundFloorUp(floors[i].level), level), level};
    llvm::Expected<MeasuredRate> m =
        tuneGate(module, design, i, step, target, bounds[i].first,
                 bounds[i].second, options);
    if (!m) {
      diags.warning(step.loc,
                    "rate calibration: " + llvm::toString(m.takeError()));
      continue;
    }
    ReactionModule &rm = design.modules[i];
    rm.targetRate = target;
    rm.realisedRate = m->perMolarSecond;
    rm.rateGate = m->rateGate;
    std::optional<ComplexIndex> signal = firstReactant(module, design, step);
    if (m->rateGate && signal)
      if (auto run = inputToeholdRun(design, *m->rateGate, *signal)) {
        rm.gateToeholdNt = run->nucleotides;
        rm.gateToeholdMismatches =
            inputToeholdMismatches(design, *m->rateGate, *signal);
        rm.gateToeholdEndMismatch =
            inputToeholdEndMismatch(design, *m->rateGate, *signal);
        rm.gateToeholdWobble =
            inputToeholdWobble(design, *m->rateGate, *signal);
      }
  }
  warnOffTarget(design, steps, loads, floors, options.gateExcess, diags);
  if (options.mismatchToeholds && !options.trimToeholds &&
      options.maxSlowdown > 1 && missesRates(design))
    measureWindows(module, steps, bounds, options.maxSlowdown, design);
}

llvm::Expected<double> dsd::fullToeholdRate(const SchemeOptions &options,
                                            double cmaxNM) {
  ir::Module m;
  m.name = "reference";
  m.unit = ConcUnit::nM;
  ir::lowering::set(m.attrs, ir::lowering::CmaxNM, cmaxNM);
  for (const char *name : {"A", "B", "C"}) {
    ir::Species s;
    s.name = name;
    s.role = ir::SpeciesRole::Signal;
    m.addSpecies(std::move(s));
  }
  ir::Reaction r;
  r.reactants = {ir::Term{0, 1}, ir::Term{1, 1}};
  r.products = {ir::Term{2, 1}};
  r.rate = 1e-3;
  m.addReaction(std::move(r));
  SchemeOptions uncalibrated = options;
  uncalibrated.calibrateRates = false;
  llvm::SourceMgr sources;
  DiagnosticEngine quiet(sources, llvm::nulls());
  llvm::Expected<Design> design = compile(m, uncalibrated, quiet);
  if (!design)
    return design.takeError();
  SchemeBuilder builder(m, uncalibrated, *design);
  std::vector<Step> steps = builder.steps(/*keepReversible=*/false);
  llvm::Expected<MeasuredRate> rate =
      measureModuleRate(m, *design, 0, steps.front());
  if (!rate)
    return rate.takeError();
  return rate->perMolarSecond;
}
