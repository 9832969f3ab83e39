//===- GatePhases.cpp - make the phases of a module chemical --------------===//
//
// Requires: a verified module.
// Guarantees: the module has no phases and every reaction has phase NoPhase.
// Every reaction of phase p gains a clock species C_p as a catalyst (one more
// reactant and the same product), its rates divided by the clock's on-level,
// so that it runs at its original rate while C_p is at that level and not at
// all while C_p is absent. Ungated reactions are untouched. Clock species have
// role `clock` and attributes `phase` (name) and `clock_on` (on-level); the
// module gets `clock_strategy` and `clock_phases` ("p1:C1,p2:C2", in order).
//
// Strategies (option `strategy`):
//  - external: one trigger species clk_<phase> per phase, supplied and removed
//    by the schedule (a lab adds and sequesters trigger strands at set times).
//    The first phase starts on, the others off. Separation is what the
//    schedule achieves: an inactive phase runs at residual/clock_on of its
//    rate. A reaction at least `dim-triggers` times slower than its phase's
//    fastest (a learning rate's weight update) is catalysed instead by a
//    dimmer trigger clk_<phase>_d<n>, on at clock-conc * 10^-n (n the whole
//    decades between the two rates) and added and removed with the phase's
//    trigger: its rate constant is divided by that lower level, so the
//    spread of rate constants a DNA design must realise shrinks by 10^n
//    (the spread moves into trigger concentrations, which a lab pipettes).
//  - autonomous: a ring oscillator osc_0 .. osc_(N-1) with
//    osc_i + osc_(i+1) -> 2 osc_(i+1) (a rock-paper-scissors ring, the clock of
//    CRN++, Vasic et al. 2020), N = spacing * phases (at least 3); phase p is
//    catalysed by osc_(spacing*p), so `spacing - 1` oscillator species separate
//    consecutive phases. The ring conserves its total and the product of its
//    species, so the amplitude is set by the initial state: osc_0 at
//    clock-conc * (1 - (N-1) * floor), every other at clock-conc * floor.
//    Measured overlap of two phase catalysts (integral of min(c_a, c_b) over
//    integral of c_a + c_b, floor 0.001): 4.8% at spacing 1, 0.61% at 2,
//    0.21% at 3 (tests/unit/passes/PipelineTest.cpp prints it).
// A remark states the separation each strategy guarantees.
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"
#include <cmath>
#include <map>

using namespace crnc;
using namespace crnc::ir;

namespace {

class GatePhasesPass : public Pass, private GatePhasesOptions {
public:
  explicit GatePhasesPass(const GatePhasesOptions &options)
      : GatePhasesOptions(options) {
    addEnumOption("strategy", &strategy, ir::lowering::gateStrategyNames(),
                  "where the phase triggers come from");
    addNumberOption("clock-conc", &clockConc,
                    "on-level of a clock species (autonomous: oscillator "
                    "total), in the module unit");
    addNumberOption("dim-triggers", &dimTriggers,
                    "external: a reaction this many times slower than its "
                    "phase's fastest gets a dimmer trigger (0: never)");
    addNumberOption("osc-rate", &oscRate,
                    "rate constant of the oscillator ring reactions");
    addNumberOption("spacing", &spacing,
                    "oscillator species per phase (autonomous)");
    addNumberOption("floor", &floorFraction,
                    "initial fraction of the total in each non-leading "
                    "oscillator species (autonomous)");
  }
  llvm::StringRef name() const override { return "gate-phases"; }
  llvm::StringRef summary() const override {
    return "replace phases by clock species that catalyse each phase's "
           "reactions (external triggers or an autonomous oscillator)";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;

private:
  LogicalResult checkOptions(const Module &module, DiagnosticEngine &diags);
  std::vector<SpeciesId> addExternalClocks(Module &module);
  /// Returns the number of dimmer triggers added.
  size_t gateReactions(Module &module, const std::vector<SpeciesId> &clocks);
  std::vector<SpeciesId> addOscillator(Module &module);
  void reportSeparation(const Module &module, size_t phases, size_t dimmer,
                        DiagnosticEngine &diags) const;
};

} // namespace

static SpeciesId addClock(Module &module, llvm::StringRef base, double initial,
                          Location loc) {
  Species s;
  s.name = module.uniqueSpeciesName(base);
  s.role = SpeciesRole::Clock;
  s.initial = initial;
  s.loc = loc;
  return module.addSpecies(std::move(s));
}

std::vector<SpeciesId> GatePhasesPass::addExternalClocks(Module &module) {
  std::vector<SpeciesId> clocks;
  const std::vector<Phase> &phases = module.allPhases();
  for (PhaseId p = 0; p < phases.size(); ++p) {
    SpeciesId c = addClock(module, "clk_" + phases[p].name,
                           p == 0 ? clockConc : 0, phases[p].loc);
    module.getSpecies(c).attrs = phases[p].attrs;
    clocks.push_back(c);
  }
  return clocks;
}

/// Adds the ring oscillator; returns the catalyst of each phase.
std::vector<SpeciesId> GatePhasesPass::addOscillator(Module &module) {
  size_t phaseCount = module.allPhases().size();
  size_t step = static_cast<size_t>(spacing);
  size_t n = std::max<size_t>(3, step * phaseCount);
  Location loc = module.allPhases().front().loc;
  std::vector<SpeciesId> ring;
  for (size_t i = 0; i < n; ++i) {
    double initial = i == 0 ? clockConc * (1 - double(n - 1) * floorFraction)
                            : clockConc * floorFraction;
    ring.push_back(addClock(module, "osc_" + std::to_string(i), initial, loc));
    lowering::set(module.getSpecies(ring.back()).attrs, lowering::Oscillator,
                  std::to_string(i));
  }
  for (size_t i = 0; i < n; ++i) {
    Reaction r;
    SpeciesId a = ring[i], b = ring[(i + 1) % n];
    r.reactants = {Term{a, 1}, Term{b, 1}};
    r.products = {Term{b, 2}};
    normalizeTerms(r.reactants);
    r.rate = oscRate;
    r.loc = loc;
    module.addReaction(std::move(r));
  }
  std::vector<SpeciesId> catalysts;
  for (PhaseId p = 0; p < phaseCount; ++p) {
    catalysts.push_back(ring[p * step]);
    for (const Attribute &a : module.allPhases()[p].attrs)
      setAttribute(module.getSpecies(ring[p * step]).attrs, a.key, a.value);
  }
  return catalysts;
}

/// Whole decades between a phase's fastest rate and `rate` when the gap is
/// at least `threshold` (0: no dimmer trigger).
static int dimDecades(double rate, double fastest, double threshold) {
  if (!(threshold > 0) || !(rate > 0) || rate * threshold > fastest)
    return 0;
  return int(std::floor(std::log10(fastest / rate) + 1e-9));
}

/// Adds `clock` as a catalyst of `r` and rescales its rates.
static void gate(Reaction &r, SpeciesId clock, double onLevel) {
  r.reactants.push_back(Term{clock, 1});
  r.products.push_back(Term{clock, 1});
  normalizeTerms(r.reactants);
  normalizeTerms(r.products);
  r.rate /= onLevel;
  if (r.reverseRate)
    *r.reverseRate /= onLevel;
  r.phase = NoPhase;
}

/// Gates every phased reaction by its phase's clock, or (external triggers)
/// by a dimmer trigger of that phase when it is much slower than the
/// phase's fastest reaction.
size_t GatePhasesPass::gateReactions(Module &module,
                                     const std::vector<SpeciesId> &clocks) {
  std::vector<double> fastest(clocks.size(), 0);
  for (const Reaction &r : module.allReactions())
    if (r.phase != NoPhase)
      fastest[r.phase] = std::max(fastest[r.phase], r.rate);
  bool dim = strategy == GateStrategy::External;
  std::map<std::pair<PhaseId, int>, SpeciesId> dimmer;
  for (size_t i = 0; i < module.allReactions().size(); ++i) {
    Reaction &r = module.allReactions()[i];
    if (r.phase == NoPhase)
      continue;
    int n = dim ? dimDecades(r.rate, fastest[r.phase], dimTriggers) : 0;
    if (n == 0) {
      gate(r, clocks[r.phase], clockConc);
      continue;
    }
    double level = clockConc * std::pow(10.0, -n);
    auto [it, added] = dimmer.try_emplace({r.phase, n}, SpeciesId(0));
    if (added) {
      const Species &main = module.getSpecies(clocks[r.phase]);
      Species c = main;
      c.name = module.uniqueSpeciesName(main.name + "_d" + std::to_string(n));
      c.initial = main.initial > 0 ? level : 0;
      lowering::set(c.attrs, lowering::ClockOn, level);
      it->second = module.addSpecies(std::move(c));
    }
    gate(module.allReactions()[i], it->second, level);
  }
  return dimmer.size();
}

LogicalResult GatePhasesPass::checkOptions(const Module &module,
                                           DiagnosticEngine &diags) {
  bool autonomous = strategy == GateStrategy::Autonomous;
  double n = std::max(3.0, spacing * double(module.allPhases().size()));
  bool ok = clockConc > 0 && std::isfinite(clockConc) && oscRate > 0 &&
            spacing >= 1 && spacing == std::floor(spacing) &&
            floorFraction > 0 && (n - 1) * floorFraction < 1;
  if (ok || !autonomous) {
    if (clockConc > 0 && std::isfinite(clockConc))
      return success();
    diags.error(Location(), "gate-phases needs clock-conc > 0, not " +
                                formatNumber(clockConc));
    return failure();
  }
  diags.error(Location(),
              "gate-phases{strategy=autonomous} needs clock-conc > 0, "
              "osc-rate > 0, an integer spacing >= 1 and 0 < floor < 1/(N-1) "
              "for N = " +
                  formatNumber(n) + " oscillator species");
  return failure();
}

/// States the separation the construction guarantees (the autonomous clock's
/// measured overlap is a simulation figure: tests/unit/passes/PipelineTest).
void GatePhasesPass::reportSeparation(const Module &module, size_t phases,
                                      size_t dimmer,
                                      DiagnosticEngine &diags) const {
  Location loc = module.allPhases().front().loc;
  if (strategy == GateStrategy::External) {
    std::string dim =
        dimmer ? " and " + std::to_string(dimmer) +
                     " dimmer trigger(s) for reactions slower by decades"
               : "";
    diags.remark(
        loc, "gate-phases: " + llvm::Twine(phases) + " external clocks" + dim +
                 "; an inactive phase runs at "
                 "(residual clock)/" +
                 formatNumber(clockConc) +
                 " of its rate, 0 when the schedule removes its clock");
    return;
  }
  size_t step = static_cast<size_t>(spacing);
  diags.remark(loc,
               "gate-phases: autonomous ring of " +
                   llvm::Twine(std::max<size_t>(3, step * phases)) +
                   " oscillator species; consecutive phase catalysts are " +
                   llvm::Twine(step) + " ring steps apart (" +
                   llvm::Twine(step - 1) + " species between them)");
}

LogicalResult GatePhasesPass::run(Module &module, DiagnosticEngine &diags) {
  if (failed(checkOptions(module, diags)))
    return failure();
  if (module.allPhases().empty())
    return success();
  std::vector<size_t> perPhase(module.allPhases().size(), 0);
  for (const Reaction &r : module.allReactions())
    if (r.phase != NoPhase)
      ++perPhase[r.phase];
  for (PhaseId p = 0; p < perPhase.size(); ++p)
    if (perPhase[p] == 0)
      diags.warning(module.allPhases()[p].loc,
                    "phase '" + module.allPhases()[p].name +
                        "' has no reactions; its clock is kept for the "
                        "schedule");
  bool autonomous = strategy == GateStrategy::Autonomous;
  std::vector<SpeciesId> clocks =
      autonomous ? addOscillator(module) : addExternalClocks(module);
  std::string schedule;
  for (PhaseId p = 0; p < clocks.size(); ++p) {
    Species &c = module.getSpecies(clocks[p]);
    lowering::set(c.attrs, lowering::ClockPhase, module.allPhases()[p].name);
    lowering::set(c.attrs, lowering::ClockOn, clockConc);
    schedule += (p ? "," : "") + module.allPhases()[p].name + ":" + c.name;
  }
  size_t dimmer = gateReactions(module, clocks);
  lowering::set(module.attrs, lowering::ClockStrategy, strategy);
  lowering::set(module.attrs, lowering::ClockPhases, schedule);
  reportSeparation(module, clocks.size(), dimmer, diags);
  module.allPhases().clear();
  return success();
}

LogicalResult
GatePhasesPass::verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const {
  bool ok = module.allPhases().empty();
  for (const Reaction &r : module.allReactions())
    ok &= r.phase == NoPhase;
  if (!ok)
    diags.error(Location(), "gate-phases left phases in the module");
  return success(ok);
}

std::unique_ptr<Pass>
crnc::createGatePhasesPass(const GatePhasesOptions &options) {
  return std::make_unique<GatePhasesPass>(options);
}
