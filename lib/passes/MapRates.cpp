//===- MapRates.cpp - formal rates to what DNA strand displacement can do -===//
//
// Follows Soloveichik, Seelig & Winfree, "DNA as a universal substrate for
// chemical kinetics" (PNAS 2010).
// Requires: a verified module with no signed species, no phases and at most
// two reactants in every direction (dual-rail, gate-phases, reduce-order).
// Units: a dimensionless module takes conc-scale nM per unit; conc-scale=0
// chooses the scale of least lab time (autoConcScale) and then treats the
// time unit as abstract (gamma may speed the network up to qmax).
// Guarantees: the module unit is nM and rates are in nM and seconds; every
// direction has exactly two reactants: a direction of order d < 2 gains 2 - d
// copies of the fuel G (role fuel, constant at cmax; one species shared by
// every reaction, the scheme makes one gate per reaction) and its rate is
// divided by cmax^(2-d) (so q = k / cmax for a unimolecular step); every rate
// is at most qmax (rates below qmin are reported as warnings: they cannot be
// realised; a fuel step slower than qmin instead uses a diluted copy of the
// fuel, at the 1-2-5 series level that brings its rate into [qmin, 2.5 qmin]
// for a single fuel copy).
//
// Time scale: every rate is divided by gamma (option time-scale, or chosen:
// 1 when every rate already fits [qmin, qmax]; else the factor that brings
// the fastest rate to qmax, or the speed-up that lifts the slowest to qmin
// while the fastest stays within qmax). Buffers (option `buffers`):
//  - auto (default): a direction whose reactants X are held in gates by the
//    fractions alpha_X runs slower by f = prod (1 + alpha_X); when f is the
//    same for every direction the design is a time-scaled copy and needs no
//    buffer (time_scale gets f); otherwise buffers raise the holding of a
//    few reactants until every direction slows by the largest f
//    (equalisingHolds; a species nothing consumes never changes a rate by
//    being held), and where that fails the less held directions of a
//    network without clock phases are slowed instead until every one slows
//    by the same F (equaliseRates: no buffer; the DSD schemes build a
//    buffer's two directions as gates, which hold more than SSW's formula
//    and burn fuel as the buffer exchanges), and otherwise (or where that
//    does not settle) every reactant is buffered as below,
//  - on: every non-constant species X gets SSW buffer modules,
//  - off: none.
// A buffer module is X + LS <=> HS + BS
// (forward q_s, reverse qmax; LS and BS fuels at cmax, LS with attribute
// buffer_of = "X", which is how a scheme recognises a buffer module)
// with q_s = (lambda - alpha_X) qmax, where alpha_X = sum of q / qmax over the
// directions whose gated reactant (X1 of SSW) is X (the fraction of X the
// implementation holds in gates) and lambda = max alpha_X: every species is
// then sequestered by the same fraction and the implementation runs
// (1 + lambda) slower. The gated reactant of each direction is chosen greedily
// (a constant species first, a clock last, else the one holding least so far)
// and moved to the front of its side: with buffers on, the first reactant of
// every direction is the one the scheme must hold in its gate. With
// join-order=no-output-crosstalk (what the driver asks for soloveichik2010)
// the reactants are then reordered as that scheme's join gates must bind
// them, and among such orders towards evenly spread holds
// (sequestration::gatedHolds); join_order records the choice.
// A buffer faster than qmax runs at qmax with [BS] lowered to cmax*qmax/q_s
// (same equilibrium ratio); buffers below qmin are omitted (their effect is
// below qmin/qmax). LS records the fraction of X its buffer must hold
// (buffer_hold = q_s / qmax): the DSD backend's buffer gate holds it as built
// (backends/dsd/BufferGate.h). Every species its gates
// hold records alpha_X (gate_hold; buffers not off), so that a lab network
// of the formal CRN can hold what the gates will (verify::formalLabNetwork).
// Module attributes record the figures: rate_time_scale (gamma), sequestration
// (lambda), amount_factor (lab amount of a signal, free and held, per model
// amount: 1 + lambda with SSW's buffers on every species, else 1; see
// addBuffers), formal = "true" (the module is the lowering's output),
// time_scale (implemented seconds per formal second: gamma, times 1 + lambda
// with buffers), conc_scale_nM (nM per former unit), cmax_nM, qmax_per_nM_s,
// qmin_per_nM_s.
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/passes/FreshNames.h"
#include "lib/passes/Passes.h"
#include "lib/passes/Sequestration.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>
#include <map>

using namespace crnc;
using namespace crnc::ir;

namespace {

class MapRatesPass : public Pass, private MapRatesOptions {
public:
  explicit MapRatesPass(const MapRatesOptions &options)
      : MapRatesOptions(options) {
    addNumberOption("cmax", &cmax, "fuel concentration C_max in nM");
    addNumberOption("qmax", &qmaxPerMolar,
                    "fastest realisable bimolecular rate in /M/s");
    addNumberOption("qmin", &qminPerMolar,
                    "slowest realisable bimolecular rate in /M/s");
    addNumberOption("conc-scale", &concScale,
                    "nM per unit of a dimensionless module (0: the scale "
                    "that minimises lab time)");
    addNumberOption("fuel-excess", &fuelExcess,
                    "how many times the largest signal the fuels exceed");
    addNumberOption("time-scale", &fixedGamma,
                    "divide every rate by this (0: choose automatically)");
    addEnumOption("buffers", &buffers, bufferModeNames(),
                  "buffer modules that equalise sequestration: where "
                  "needed, for every species, or none");
    addEnumOption("join-order", &joinOrder, lowering::joinOrderNames(),
                  "which reactant each gate holds: least held, or as "
                  "soloveichik2010 binds them against output crosstalk");
  }
  llvm::StringRef name() const override { return "map-rates"; }
  llvm::StringRef summary() const override {
    return "map formal rates to DSD-realisable bimolecular rates in nM and "
           "seconds (fuels, time scale, buffer modules)";
  }
  LogicalResult run(Module &module, DiagnosticEngine &diags) override;
  LogicalResult verifyPostconditions(const Module &module,
                                     DiagnosticEngine &diags) const override;

private:
  LogicalResult checkInput(const Module &module, DiagnosticEngine &diags) const;
  void convertUnits(Module &module, DiagnosticEngine &diags, double &scale);
  std::optional<SpeciesId> addFuels(Module &module, FreshNames &names);
  void diluteFuel(Module &module, FreshNames &names, SpeciesId fuel);
  double chooseGamma(const Module &module) const;
  double addBuffers(Module &module, FreshNames &names, double &amountFactor);
  void addBufferModule(Module &module, FreshNames &names, SpeciesId s,
                       double qs);
  double qmax() const { return qmaxPerMolar * 1e-9; }
  double qmin() const { return qminPerMolar * 1e-9; }

  double autoConcScale(const Module &module) const;

  bool speedUp = false; ///< the time unit is abstract: gamma may be < 1
};

} // namespace

LogicalResult MapRatesPass::checkInput(const Module &module,
                                       DiagnosticEngine &diags) const {
  if (!(cmax > 0) || !(qminPerMolar > 0) || !(qmaxPerMolar >= qminPerMolar) ||
      !(concScale >= 0) || fixedGamma < 0 || !std::isfinite(cmax) ||
      !std::isfinite(qmaxPerMolar) || !std::isfinite(concScale) ||
      !(fuelExcess >= 1) || !std::isfinite(fuelExcess)) {
    diags.error(Location(), "map-rates needs cmax > 0, 0 < qmin <= qmax, "
                            "conc-scale >= 0, fuel-excess >= 1 and "
                            "time-scale >= 0");
    return failure();
  }
  bool ok = true;
  for (const Species &s : module.allSpecies()) {
    if (!s.isSigned)
      continue;
    diags.error(s.loc, "species '" + s.name +
                           "' is signed; run 'dual-rail' before 'map-rates'");
    ok = false;
  }
  for (const Reaction &r : module.allReactions()) {
    std::string why;
    if (r.phase != NoPhase)
      why = "is in a phase; run 'gate-phases' before 'map-rates'";
    else if (r.order() > 2 || (r.isReversible() && r.productOrder() > 2))
      why = "has more than two reactants; run 'reduce-order' before "
            "'map-rates'";
    if (why.empty())
      continue;
    diags.error(r.loc, "reaction '" + reactionEquation(module, r) + "' " + why);
    ok = false;
  }
  return success(ok);
}

/// The largest value of the 1-2-5 series (..., 0.1, 0.2, 0.5, 1, 2, ...)
/// not above `x`: few distinct fuel levels, each within 2.5x of the need.
static double seriesFloor(double x) {
  double decade = std::pow(10.0, std::floor(std::log10(x)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * decade <= x)
      return step * decade;
  return decade;
}

/// The scale u (nM per unit) that minimises the lab time of a dimensionless
/// module. After the fuels, a rate of order n runs at k u^(1-n) / cmax^(2-n),
/// and gamma is the fastest of them over qmax:
///   1. signals must stay below the fuels: u <= cmax / (excess * M), with M
///      the largest initial amount (at least 1 unit: data are presented
///      scaled to about one unit),
///   2. bimolecular rates fall with u, zero-order rates grow: take the bound
///      of 1, or the balance point of the fastest of each when it is lower,
///   3. round down to the 1-2-5 series.
double MapRatesPass::autoConcScale(const Module &module) const {
  double level = 1;
  for (const Species &s : module.allSpecies())
    level = std::max(level, std::fabs(s.initial));
  double k0 = 0, k1 = 0, k2 = 0;
  auto note = [&](double k, unsigned order) {
    (order == 0   ? k0
     : order == 1 ? k1
                  : k2) = std::max(order == 0   ? k0
                                   : order == 1 ? k1
                                                : k2,
                                   k);
  };
  for (const Reaction &r : module.allReactions()) {
    note(r.rate, std::min(r.order(), 2u));
    if (r.reverseRate)
      note(*r.reverseRate, std::min(r.productOrder(), 2u));
  }
  double u = cmax / (fuelExcess * level);
  if (k0 > 0 && k2 > 0)
    u = std::min(u, cmax * std::sqrt(k2 / k0));
  else if (k0 > 0 && k1 > 0)
    u = std::min(u, cmax * k1 / k0);
  return seriesFloor(u);
}

/// Rates of order n scale by u^(1-n) when concentrations scale by u.
void MapRatesPass::convertUnits(Module &module, DiagnosticEngine &diags,
                                double &scale) {
  // Units are decades apart: round to the exact power of ten.
  scale = std::pow(10.0, std::round(std::log10(concUnitInMolar(module.unit) /
                                               concUnitInMolar(ConcUnit::nM))));
  if (module.unit == ConcUnit::None) {
    speedUp = concScale == 0;
    scale = speedUp ? autoConcScale(module) : concScale;
    diags.note(Location(),
               "map-rates: module '" + module.name +
                   "' is dimensionless; one unit is taken as " +
                   formatNumber(scale) + " nM" +
                   (speedUp ? " (the scale of least lab time)" : ""));
  }
  for (SpeciesId s = 0; s < module.speciesCount(); ++s)
    module.getSpecies(s).initial *= scale;
  for (Reaction &r : module.allReactions()) {
    r.rate *= std::pow(scale, 1.0 - r.order());
    if (r.reverseRate)
      *r.reverseRate *= std::pow(scale, 1.0 - r.productOrder());
  }
  module.unit = ConcUnit::nM;
}

static SpeciesId addFuel(Module &module, FreshNames &names,
                         llvm::StringRef base, double cmax, Location loc) {
  Species s;
  s.name = names.get(base);
  s.role = SpeciesRole::Fuel;
  s.initial = cmax;
  s.constant = true;
  s.loc = loc;
  return module.addSpecies(std::move(s));
}

/// Gives every direction of order d < 2 exactly 2 - d copies of the shared
/// fuel G (constant at cmax): X -> Y becomes X + G -> Y, 0 -> Y becomes
/// 2 G -> Y. The ODE sees a constant factor cmax^(2-d); the scheme builds one
/// gate per reaction from it.
std::optional<SpeciesId> MapRatesPass::addFuels(Module &module,
                                                FreshNames &names) {
  std::optional<SpeciesId> fuel;
  for (size_t i = 0; i < module.reactionCount(); ++i) {
    const Reaction &r = module.allReactions()[i];
    unsigned missing = 2 - r.order();
    unsigned missingBack = r.isReversible() ? 2 - r.productOrder() : 0;
    if (missing + missingBack == 0)
      continue;
    if (!fuel)
      fuel = addFuel(module, names, "G", cmax, r.loc);
    Reaction &fixed = module.allReactions()[i];
    if (missing)
      fixed.reactants.push_back(Term{*fuel, missing});
    if (missingBack)
      fixed.products.push_back(Term{*fuel, missingBack});
    fixed.rate /= std::pow(cmax, double(missing));
    if (fixed.reverseRate)
      *fixed.reverseRate /= std::pow(cmax, double(missingBack));
  }
  return fuel;
}

/// Replaces `fuel` (count m) on one side by a diluted copy at c < cmax and
/// raises the rate to between qmin and 2.5^m qmin, keeping q * fuel^m: a step
/// slower than qmin at cmax becomes realisable. Diluted fuels are shared per
/// concentration level.
static void diluteSide(Module &module, FreshNames &names, SpeciesId fuel,
                       TermList &side, double &rate, double qmin, double cmax,
                       std::map<std::string, SpeciesId> &diluted) {
  if (rate <= 0 || rate >= qmin)
    return;
  for (Term &t : side) {
    if (t.species != fuel)
      continue;
    double conc =
        seriesFloor(cmax * std::pow(rate / qmin, 1.0 / t.count) * (1 + 1e-9));
    std::string key = formatNumber(conc);
    auto [it, fresh] = diluted.try_emplace(key, 0);
    if (fresh) {
      Species g = module.getSpecies(fuel);
      g.name = names.get("G");
      g.initial = conc;
      it->second = module.addSpecies(std::move(g));
    }
    double exact = module.getSpecies(it->second).initial;
    // conc <= the exact need, so the new rate is >= qmin up to rounding.
    rate = std::max(qmin, rate * std::pow(cmax / exact, double(t.count)));
    t.species = it->second;
    return;
  }
}

void MapRatesPass::diluteFuel(Module &module, FreshNames &names,
                              SpeciesId fuel) {
  std::map<std::string, SpeciesId> diluted;
  for (Reaction &r : module.allReactions()) {
    diluteSide(module, names, fuel, r.reactants, r.rate, qmin(), cmax, diluted);
    if (r.reverseRate)
      diluteSide(module, names, fuel, r.products, *r.reverseRate, qmin(), cmax,
                 diluted);
  }
}

/// gamma: the fastest rate over qmax when the time unit is abstract (auto
/// conc-scale); else 1 when every rate fits [qmin, qmax]; otherwise the
/// smallest slowdown that brings the fastest rate to qmax, or the speed-up that
/// lifts the slowest to qmin when that keeps the fastest within qmax.
double MapRatesPass::chooseGamma(const Module &module) const {
  if (fixedGamma > 0)
    return fixedGamma;
  double fastest = 0, slowest = INFINITY;
  for (const Reaction &r : module.allReactions())
    for (std::optional<double> k :
         {std::optional<double>(r.rate), r.reverseRate}) {
      if (!k || *k <= 0)
        continue;
      fastest = std::max(fastest, *k);
      slowest = std::min(slowest, *k);
    }
  if (fastest == 0)
    return 1;
  double low = fastest / qmax(), high = slowest / qmin();
  if (low > high || speedUp)
    return low;
  return std::max(low, std::min(1.0, high));
}

static bool needsBuffer(const Species &s) {
  return !s.constant && s.role != SpeciesRole::Fuel &&
         s.role != SpeciesRole::Waste;
}

/// Per species: whether some direction has it among its reactants.
static std::vector<bool> reactantSpecies(const Module &module) {
  std::vector<bool> used(module.speciesCount(), false);
  for (const Reaction &r : module.allReactions()) {
    for (const Term &t : r.reactants)
      used[t.species] = true;
    if (r.reverseRate)
      for (const Term &t : r.products)
        used[t.species] = true;
  }
  return used;
}

/// X + LS <=> HS + BS (forward qs, reverse qmax; LS, BS at cmax) holds X by
/// the further fraction qs / qmax.
void MapRatesPass::addBufferModule(Module &module, FreshNames &names,
                                   SpeciesId s, double qs) {
  std::string x = module.getSpecies(s).name;
  Location loc = module.getSpecies(s).loc;
  // HS/X = (kf/kr) [LS]/[BS] at equilibrium; a buffer faster than qmax runs
  // at qmax with [BS] lowered to keep the ratio qs/qmax.
  double kf = std::min(qs, qmax());
  SpeciesId ls = addFuel(module, names, "LS_" + x, cmax, loc);
  SpeciesId bs =
      addFuel(module, names, "BS_" + x, qs > kf ? cmax * kf / qs : cmax, loc);
  lowering::set(module.getSpecies(ls).attrs, lowering::BufferOf, x);
  lowering::set(module.getSpecies(ls).attrs, lowering::BufferHold, qs / qmax());
  Species hs;
  hs.name = names.get("HS_" + x);
  hs.role = SpeciesRole::Intermediate;
  hs.loc = loc;
  SpeciesId h = module.addSpecies(std::move(hs));
  Reaction b;
  b.reactants = {Term{s, 1}, Term{ls, 1}};
  b.products = {Term{h, 1}, Term{bs, 1}};
  b.rate = kf;
  b.reverseRate = qmax();
  b.loc = loc;
  module.addReaction(std::move(b));
}

/// Adds the buffer modules; returns lambda (the common sequestration: every
/// direction runs 1 + lambda slower, resp. every species is held by lambda)
/// and sets `amountFactor`: 1 when the totals of the signals (free and held)
/// are the time-scaled model, 1 + lambda when every species is held by
/// lambda (SSW), where the free signals are: a bimolecular direction slows
/// by (1 + lambda)^2 in totals but a unimolecular one by 1 + lambda, so
/// the totals start at and read as 1 + lambda times the model's amounts.
double MapRatesPass::addBuffers(Module &module, FreshNames &names,
                                double &amountFactor) {
  amountFactor = 1;
  if (buffers == BufferMode::Off)
    return 0;
  module.allReactions().reserve(module.reactionCount() + module.speciesCount());
  std::vector<double> alpha =
      sequestration::gatedHolds(module, qmax(), joinOrder);
  std::vector<bool> buffered(module.speciesCount(), false);
  std::vector<bool> isReactant = reactantSpecies(module);
  for (SpeciesId s = 0; s < module.speciesCount(); ++s)
    buffered[s] = needsBuffer(module.getSpecies(s)) &&
                  (buffers == BufferMode::On || isReactant[s]);
  std::vector<double> hold = alpha;
  double lambda = 0, tol = qmin() / qmax();
  std::optional<std::vector<double>> equal;
  if (buffers == BufferMode::Auto) {
    if (std::optional<double> f =
            sequestration::commonSlowdown(module, alpha, tol))
      return *f - 1;
    equal = sequestration::equalisingHolds(module, alpha, buffered, tol);
    // A clocked network (gate-phases) keeps SSW's buffers: its DNA-level
    // training reads free signals (amount_factor).
    if (!equal && lowering::clockPhaseCount(module.attrs) == 0)
      if (std::optional<double> f =
              sequestration::equaliseRates(module, qmax()))
        return *f - 1;
  }
  if (equal) {
    hold = *equal;
    for (const TermList *side : sequestration::directions(module))
      lambda =
          std::max(lambda, sequestration::slowdown(module, *side, hold) - 1);
  } else {
    for (SpeciesId s = 0; s < module.speciesCount(); ++s)
      if (buffered[s])
        lambda = std::max(lambda, alpha[s]);
    for (SpeciesId s = 0; s < module.speciesCount(); ++s)
      if (buffered[s])
        hold[s] = lambda;
    amountFactor = 1 + lambda;
  }
  size_t original = module.speciesCount();
  for (SpeciesId s = 0; s < original; ++s) {
    double qs = (hold[s] - alpha[s]) * qmax();
    if (qs >= qmin())
      addBufferModule(module, names, s, qs);
  }
  return lambda;
}

/// Warns at each reaction with a rate outside [qmin, qmax]: the first
/// `maxListed` individually, the rest in one summary.
static void warnUnrealisable(const Module &module, double qmin, double qmax,
                             DiagnosticEngine &diags) {
  constexpr size_t maxListed = 20;
  size_t count = 0;
  for (const Reaction &r : module.allReactions())
    for (std::optional<double> k :
         {std::optional<double>(r.rate), r.reverseRate}) {
      if (!k || *k == 0 ||
          (*k >= qmin * (1 - 1e-12) && *k <= qmax * (1 + 1e-12)))
        continue;
      if (++count > maxListed)
        continue;
      diags.warning(r.loc, "rate " + formatSignificant(*k * 1e9, 6) +
                               " /M/s of '" + reactionEquation(module, r) +
                               "' cannot be realised by strand displacement "
                               "(range " +
                               formatSignificant(qmin * 1e9, 6) + " to " +
                               formatSignificant(qmax * 1e9, 6) + " /M/s)");
    }
  if (count > maxListed)
    diags.warning(Location(), llvm::Twine(count - maxListed) +
                                  " more rates cannot be realised by strand "
                                  "displacement");
}

LogicalResult MapRatesPass::run(Module &module, DiagnosticEngine &diags) {
  if (failed(checkInput(module, diags)))
    return failure();
  double scale = 1;
  convertUnits(module, diags, scale);
  FreshNames names(module);
  std::optional<SpeciesId> fuel = addFuels(module, names);
  double gamma = chooseGamma(module);
  for (Reaction &r : module.allReactions()) {
    r.rate /= gamma;
    if (r.reverseRate)
      *r.reverseRate /= gamma;
  }
  if (fuel)
    diluteFuel(module, names, *fuel);
  warnUnrealisable(module, qmin(), qmax(), diags);
  double amountFactor = 1;
  double lambda = addBuffers(module, names, amountFactor);
  if (buffers != BufferMode::Off) {
    std::vector<double> alpha = sequestration::gateHolds(module, qmax());
    for (SpeciesId s = 0; s < module.speciesCount(); ++s)
      if (alpha[s] > 0)
        lowering::set(module.getSpecies(s).attrs, lowering::GateHold, alpha[s]);
  }
  AttributeList &attrs = module.attrs;
  lowering::markFormal(attrs);
  lowering::set(attrs, lowering::ConcScaleNM, scale);
  lowering::set(attrs, lowering::CmaxNM, cmax);
  lowering::set(attrs, lowering::QmaxPerNMs, qmax());
  lowering::set(attrs, lowering::QminPerNMs, qmin());
  lowering::set(attrs, lowering::RateTimeScale, gamma);
  lowering::set(attrs, lowering::Sequestration, lambda);
  lowering::set(attrs, lowering::AmountFactor, amountFactor);
  lowering::set(attrs, lowering::TimeScale, gamma * (1 + lambda));
  if (buffers != BufferMode::Off)
    lowering::set(attrs, lowering::JoinInputOrder, joinOrder);
  return success();
}

LogicalResult
MapRatesPass::verifyPostconditions(const Module &module,
                                   DiagnosticEngine &diags) const {
  bool ok = module.unit == ConcUnit::nM;
  for (const Reaction &r : module.allReactions()) {
    bool bimolecular =
        r.order() == 2 && (!r.isReversible() || r.productOrder() == 2);
    double limit = qmax() * (1 + 1e-12);
    bool fast = fixedGamma == 0 &&
                (r.rate > limit || (r.reverseRate && *r.reverseRate > limit));
    if (bimolecular && !fast)
      continue;
    diags.error(r.loc, "map-rates left '" + reactionEquation(module, r) +
                           "' not bimolecular or faster than qmax");
    ok = false;
  }
  if (module.unit != ConcUnit::nM)
    diags.error(Location(), "map-rates left the module unit not nM");
  return success(ok);
}

std::unique_ptr<Pass> crnc::createMapRatesPass(const MapRatesOptions &options) {
  return std::make_unique<MapRatesPass>(options);
}
