//===- GateLoad.cpp - how much each module's gate consumes ----------------===//
//
// The flux of a direction is measured by a counter species added to its
// products: products never enter a mass-action rate law, so the counters do
// not change the dynamics, and each ends at the integral of its direction's
// propensity over the run.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/GateLoad.h"
#include "ir/LoweringAttributes.h"
#include "lib/analysis/SettlingTime.h"
#include "lib/sim/Simulator.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;

static double amountFactor(const ir::Module &module) {
  return ir::lowering::get(module.attrs, ir::lowering::AmountFactor)
      .value_or(1);
}

double dsd::labHorizon(const ir::Module &module) {
  double slowdown =
      ir::lowering::get(module.attrs, ir::lowering::TimeScale).value_or(1) /
      ir::lowering::get(module.attrs, ir::lowering::RateTimeScale).value_or(1);
  return analysis::settlingHorizon(module) * slowdown;
}

/// How much slower than the formal CRN the design runs where the formal
/// CRN has no buffer modules (time_scale / rate_time_scale: the gates hold
/// the signals instead); 1 where it has them (the buffers slow the formal
/// CRN alike).
static double modelSlowdown(const ir::Module &module) {
  for (const ir::Species &s : module.allSpecies())
    if (ir::lowering::get(s.attrs, ir::lowering::BufferOf))
      return 1;
  double rts =
      ir::lowering::get(module.attrs, ir::lowering::RateTimeScale).value_or(1);
  return ir::lowering::get(module.attrs, ir::lowering::TimeScale)
             .value_or(rts) /
         rts;
}

/// "40 s", "12.5 min", "2.1 h".
static std::string horizonText(double seconds) {
  if (seconds < 120)
    return formatSignificant(seconds, 3) + " s";
  if (seconds < 7200)
    return formatSignificant(seconds / 60, 3) + " min";
  return formatSignificant(seconds / 3600, 3) + " h";
}

/// `module` with every direction a separate irreversible reaction whose
/// products gain a counter species (appended after the module's species,
/// two per reaction: forward, backward); signals start at amount_factor
/// times their initial values, as the lab adds them.
static ir::Module withFluxCounters(const ir::Module &module) {
  ir::Module out(module.name);
  out.unit = module.unit;
  double factor = amountFactor(module);
  for (ir::Species s : module.allSpecies()) {
    if (!s.constant)
      s.initial *= factor;
    out.addSpecies(std::move(s));
  }
  size_t first = out.speciesCount();
  for (size_t j = 0; j < module.reactionCount(); ++j)
    for (const char *dir : {"f", "b"}) {
      ir::Species counter;
      counter.name = "flux_" + std::to_string(j) + dir;
      counter.role = ir::SpeciesRole::Intermediate;
      out.addSpecies(std::move(counter));
    }
  for (size_t j = 0; j < module.reactionCount(); ++j) {
    const ir::Reaction &r = module.allReactions()[j];
    ir::Reaction fwd;
    fwd.reactants = r.reactants;
    fwd.products = r.products;
    fwd.rate = r.rate;
    fwd.products.push_back(ir::Term{ir::SpeciesId(first + 2 * j), 1});
    out.addReaction(fwd);
    if (!r.reverseRate)
      continue;
    ir::Reaction back;
    back.reactants = r.products;
    back.products = r.reactants;
    back.rate = *r.reverseRate;
    back.products.push_back(ir::Term{ir::SpeciesId(first + 2 * j + 1), 1});
    out.addReaction(back);
  }
  return out;
}

/// The largest amount of a reactant `side` consumes net (`other` is the
/// direction's products): a signal's lab amount, or one model unit
/// (conc_scale_nM) for a species the protocol loads (initial 0). 0 when the
/// direction consumes no signal (a catalyst alone).
static double largestConsumed(const ir::Module &module,
                              const ir::TermList &side,
                              const ir::TermList &other) {
  double unit =
      ir::lowering::get(module.attrs, ir::lowering::ConcScaleNM).value_or(1);
  double amount = 0;
  for (const ir::Term &t : side) {
    const ir::Species &s = module.getSpecies(t.species);
    unsigned produced = 0;
    for (const ir::Term &p : other)
      if (p.species == t.species)
        produced += p.count;
    if (s.constant || produced >= t.count)
      continue;
    amount = std::max(amount, t.count * std::max(s.initial, unit));
  }
  return amount * amountFactor(module);
}

static GateLoads reactantBounds(const ir::Module &module, std::string why) {
  GateLoads loads;
  loads.bound = "the largest amount of a reactant it consumes (" + why + ")";
  double largest = 0;
  for (const ir::Species &s : module.allSpecies())
    if (!s.constant)
      largest = std::max(largest, s.initial * amountFactor(module));
  for (const ir::Reaction &r : module.allReactions()) {
    double f = largestConsumed(module, r.reactants, r.products);
    double b =
        r.reverseRate ? largestConsumed(module, r.products, r.reactants) : 0;
    // A direction with only catalysts keeps the design-wide bound.
    loads.forward.push_back(f > 0 ? f : largest);
    loads.backward.push_back(r.reverseRate && !(b > 0) ? largest : b);
  }
  return loads;
}

/// Recorded times of the flux simulation, for the partner levels.
static constexpr unsigned PartnerSamples = 401;

/// The flux-weighted level of `side`'s second reactant (a species other
/// than the first, neither constant) along `trace` (rate `k`), or 0
/// without one.
static double partnerLevel(const ir::Module &module, const sim::Trace &trace,
                           const ir::TermList &side, double k) {
  if (side.size() != 2 || side[0].species == side[1].species ||
      side[0].count != 1 || side[1].count != 1 ||
      module.getSpecies(side[0].species).constant ||
      module.getSpecies(side[1].species).constant)
    return 0;
  double flux = 0, weighted = 0;
  for (size_t row = 0; row + 1 < trace.rows(); ++row) {
    double dt = trace.times[row + 1] - trace.times[row];
    for (size_t at : {row, row + 1}) {
      llvm::ArrayRef<double> x = trace.row(at);
      double f = k * x[side[0].species] * x[side[1].species];
      flux += 0.5 * dt * f;
      weighted += 0.5 * dt * f * x[side[1].species];
    }
  }
  return flux > 0 ? weighted / flux : 0;
}

GateLoads dsd::measureGateLoads(const ir::Module &module) {
  if (ir::lowering::clockPhaseCount(module.attrs) > 0 ||
      !module.allPhases().empty())
    return reactantBounds(module, "a clocked model: its data set and "
                                  "schedule drive it");
  double horizon = labHorizon(module);
  ir::Module counted = withFluxCounters(module);
  sim::SimulateOptions options;
  options.tEnd = horizon / modelSlowdown(module);
  options.points = PartnerSamples;
  llvm::Expected<sim::Trace> trace =
      sim::simulate(counted, sim::Schedule{}, options);
  if (!trace)
    return reactantBounds(module, "the flux simulation failed: " +
                                      llvm::toString(trace.takeError()));
  if (!trace->completed || trace->rows() == 0)
    return reactantBounds(module, "the flux simulation failed: " +
                                      trace->failureReason);
  GateLoads loads;
  loads.simulated = true;
  loads.bound =
      "its flux over the re-simulation horizon (" + horizonText(horizon) + ")";
  llvm::ArrayRef<double> last = trace->row(trace->rows() - 1);
  size_t first = module.speciesCount();
  for (size_t j = 0; j < module.reactionCount(); ++j) {
    loads.forward.push_back(std::max(0.0, last[first + 2 * j]));
    loads.backward.push_back(std::max(0.0, last[first + 2 * j + 1]));
    const ir::Reaction &r = module.allReactions()[j];
    loads.forwardPartner.push_back(
        partnerLevel(module, *trace, r.reactants, r.rate));
    loads.backwardPartner.push_back(
        r.reverseRate ? partnerLevel(module, *trace, r.products, *r.reverseRate)
                      : 0);
  }
  return loads;
}

/// The largest signal concentration of the design.
static double largestSignal(const dna::Design &design) {
  double level = 0;
  for (const dna::NamedComplex &c : design.allComplexes())
    if (c.role == dna::ComplexRole::Signal && !c.constant && c.concentration)
      level = std::max(level, *c.concentration);
  return level;
}

std::vector<GateFloor> dsd::gateFloors(const GateLoads &loads,
                                       const std::vector<Step> &steps,
                                       double gateExcess,
                                       const dna::Design &design) {
  double cap = gateExcess * largestSignal(design);
  std::vector<GateFloor> floors;
  for (const Step &step : steps) {
    GateFloor f;
    f.load = loads.of(step);
    f.byLoad = gateExcess * f.load <= cap;
    f.level = std::min(gateExcess * f.load, cap);
    floors.push_back(f);
  }
  return floors;
}

std::string dsd::describeFloor(const GateFloor &floor, const GateLoads &loads,
                               double gateExcess, llvm::StringRef unit) {
  std::string load = formatSignificant(floor.load, 3) + " " + unit.str();
  if (floor.byLoad)
    return formatNumber(gateExcess) + " x the " + load +
           " it consumes, bounded by " + loads.bound;
  return formatNumber(gateExcess) + " x the largest signal (" +
         formatSignificant(floor.level / gateExcess, 3) + " " + unit.str() +
         "), though it consumes " + load + " (" + loads.bound +
         "): less excess than asked";
}
