//===- MapRates.cpp - formal rates to what DNA strand displacement can do -===//
//
// Follows Soloveichik, Seelig & Winfree, "DNA as a universal substrate for
// chemical kinetics" (PNAS 2010).
// Requires: a verified module with no signed species, no phases and at most
// two reactants in every direction (dual-rail, gate-phases, reduce-order).
// Guarantees: the module unit is nM and rates are in nM and seconds; every
// direction has exactly two reactants: a direction of order d < 2 gains 2 - d
// fresh fuel species (role fuel, constant at cmax) and its rate is divided by
// cmax^(2-d) (so q = k / cmax for a unimolecular step); every rate is at most
// qmax (rates below qmin are reported as warnings: they cannot be realised).
//
// Time scale: every rate is divided by gamma (option time-scale, or chosen:
// 1 when every rate already fits [qmin, qmax]; else the factor that brings
// the fastest rate to qmax, or the speed-up that lifts the slowest to qmin
// while the fastest stays within qmax). With `buffers` (default) every
// non-constant species X gets SSW buffer modules X + LS <=> HS + BS
// (forward q_s, reverse qmax; LS and BS fuels at cmax, attribute buffer_of)
// with q_s = (lambda - alpha_X) qmax, where alpha_X = sum of q / qmax over the
// directions whose first reactant is X (the fraction of X the implementation
// holds in gates) and lambda = max alpha_X: every species is then sequestered
// by the same fraction and the implementation runs (1 + lambda) slower.
// Buffers below qmin are omitted (their effect is below qmin/qmax). Module
// attributes record the figures: rate_time_scale (gamma), sequestration
// (lambda), time_scale (implemented seconds per formal second: gamma, times
// 1 + lambda with buffers), conc_scale_nM (nM per former unit), cmax_nM,
// qmax_per_nM_s, qmin_per_nM_s.
//
//===----------------------------------------------------------------------===//

#include "ir/Printer.h"
#include "lib/passes/FreshNames.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::ir;

namespace {

class MapRatesPass : public Pass {
public:
  MapRatesPass() {
    addNumberOption("cmax", &cmax, 1000, "fuel concentration C_max in nM");
    addNumberOption("qmax", &qmaxPerMolar, 1e6,
                    "fastest realisable bimolecular rate in /M/s");
    addNumberOption("qmin", &qminPerMolar, 1,
                    "slowest realisable bimolecular rate in /M/s");
    addNumberOption("conc-scale", &concScale, 1,
                    "nM per unit of a dimensionless module");
    addNumberOption("time-scale", &fixedGamma, 0,
                    "divide every rate by this (0: choose automatically)");
    addFlagOption("buffers", &buffers, true,
                  "add buffer modules that equalise sequestration");
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
  void addFuels(Module &module, FreshNames &names);
  double chooseGamma(const Module &module) const;
  double addBuffers(Module &module, FreshNames &names);
  double qmax() const { return qmaxPerMolar * 1e-9; }
  double qmin() const { return qminPerMolar * 1e-9; }

  double cmax, qmaxPerMolar, qminPerMolar, concScale, fixedGamma;
  bool buffers;
};

} // namespace

LogicalResult MapRatesPass::checkInput(const Module &module,
                                       DiagnosticEngine &diags) const {
  if (!(cmax > 0) || !(qminPerMolar > 0) || !(qmaxPerMolar >= qminPerMolar) ||
      !(concScale > 0) || fixedGamma < 0 || !std::isfinite(cmax) ||
      !std::isfinite(qmaxPerMolar)) {
    diags.error(Location(), "map-rates needs cmax > 0, 0 < qmin <= qmax, "
                            "conc-scale > 0 and time-scale >= 0");
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

/// Rates of order n scale by u^(1-n) when concentrations scale by u.
void MapRatesPass::convertUnits(Module &module, DiagnosticEngine &diags,
                                double &scale) {
  // Units are decades apart: round to the exact power of ten.
  scale = std::pow(10.0, std::round(std::log10(concUnitInMolar(module.unit) /
                                               concUnitInMolar(ConcUnit::nM))));
  if (module.unit == ConcUnit::None) {
    scale = concScale;
    diags.note(Location(), "map-rates: module '" + module.name +
                               "' is dimensionless; one unit is taken as " +
                               formatNumber(concScale) + " nM");
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

/// Gives every direction of order d < 2 exactly 2 - d fuel reactants.
void MapRatesPass::addFuels(Module &module, FreshNames &names) {
  for (size_t i = 0; i < module.reactionCount(); ++i) {
    Reaction &r = module.allReactions()[i];
    unsigned missing = 2 - r.order();
    unsigned missingBack = r.isReversible() ? 2 - r.productOrder() : 0;
    Location loc = r.loc;
    for (unsigned j = 0; j < missing; ++j) {
      SpeciesId g = addFuel(module, names, "G", cmax, loc);
      module.allReactions()[i].reactants.push_back(Term{g, 1});
    }
    for (unsigned j = 0; j < missingBack; ++j) {
      SpeciesId g = addFuel(module, names, "G", cmax, loc);
      module.allReactions()[i].products.push_back(Term{g, 1});
    }
    Reaction &fixed = module.allReactions()[i];
    fixed.rate /= std::pow(cmax, double(missing));
    if (fixed.reverseRate)
      *fixed.reverseRate /= std::pow(cmax, double(missingBack));
  }
}

/// gamma: 1 when every rate fits [qmin, qmax]; otherwise the smallest
/// slowdown that brings the fastest rate to qmax, or the speed-up that lifts
/// the slowest to qmin when that keeps the fastest within qmax.
double MapRatesPass::chooseGamma(const Module &module) const {
  if (fixedGamma > 0)
    return fixedGamma;
  double fastest = 0, slowest = INFINITY;
  for (const Reaction &r : module.allReactions())
    for (std::optional<double> k : {std::optional<double>(r.rate), r.reverseRate}) {
      if (!k || *k <= 0)
        continue;
      fastest = std::max(fastest, *k);
      slowest = std::min(slowest, *k);
    }
  if (fastest == 0)
    return 1;
  double low = fastest / qmax(), high = slowest / qmin();
  if (low > high)
    return low;
  return std::max(low, std::min(1.0, high));
}

/// First reactant that the implementation holds in a gate (fuels are gates
/// themselves, so the first non-fuel reactant).
static std::optional<SpeciesId> gatedReactant(const Module &module,
                                              const TermList &side) {
  for (const Term &t : side)
    if (module.getSpecies(t.species).role != SpeciesRole::Fuel)
      return t.species;
  return std::nullopt;
}

static bool needsBuffer(const Species &s) {
  return !s.constant && s.role != SpeciesRole::Fuel &&
         s.role != SpeciesRole::Waste;
}

/// Adds the SSW buffer modules; returns lambda (the common sequestration).
double MapRatesPass::addBuffers(Module &module, FreshNames &names) {
  std::vector<double> alpha(module.speciesCount(), 0);
  for (const Reaction &r : module.allReactions()) {
    if (auto s = gatedReactant(module, r.reactants))
      alpha[*s] += r.rate / qmax();
    if (r.reverseRate)
      if (auto s = gatedReactant(module, r.products))
        alpha[*s] += *r.reverseRate / qmax();
  }
  double lambda = 0;
  size_t original = module.speciesCount();
  for (SpeciesId s = 0; s < original; ++s)
    if (needsBuffer(module.getSpecies(s)))
      lambda = std::max(lambda, alpha[s]);
  for (SpeciesId s = 0; s < original; ++s) {
    if (!needsBuffer(module.getSpecies(s)))
      continue;
    double qs = (lambda - alpha[s]) * qmax();
    std::string x = module.getSpecies(s).name;
    Location loc = module.getSpecies(s).loc;
    // A buffer faster than qmax is split into several modules.
    while (qs >= qmin()) {
      double q = std::min(qs, qmax());
      qs -= q;
      SpeciesId ls = addFuel(module, names, "LS_" + x, cmax, loc);
      SpeciesId bs = addFuel(module, names, "BS_" + x, cmax, loc);
      setAttribute(module.getSpecies(ls).attrs, "buffer_of", x);
      setAttribute(module.getSpecies(bs).attrs, "buffer_of", x);
      Species hs;
      hs.name = names.get("HS_" + x);
      hs.role = SpeciesRole::Intermediate;
      hs.loc = loc;
      setAttribute(hs.attrs, "buffer_of", x);
      SpeciesId h = module.addSpecies(std::move(hs));
      Reaction b;
      b.reactants = {Term{s, 1}, Term{ls, 1}};
      b.products = {Term{h, 1}, Term{bs, 1}};
      b.rate = q;
      b.reverseRate = qmax();
      b.loc = loc;
      module.addReaction(std::move(b));
    }
  }
  return lambda;
}

static void warnUnrealisable(const Module &module, double qmin, double qmax,
                             DiagnosticEngine &diags) {
  for (const Reaction &r : module.allReactions())
    for (std::optional<double> k : {std::optional<double>(r.rate), r.reverseRate}) {
      if (!k || *k == 0 || (*k >= qmin * (1 - 1e-12) && *k <= qmax * (1 + 1e-12)))
        continue;
      diags.warning(r.loc, "rate " + formatSignificant(*k * 1e9, 6) +
                               " /M/s of '" +
                               reactionEquation(module, r) +
                               "' cannot be realised by strand displacement "
                               "(range " + formatSignificant(qmin * 1e9, 6) +
                               " to " + formatSignificant(qmax * 1e9, 6) +
                               " /M/s)");
    }
}

LogicalResult MapRatesPass::run(Module &module, DiagnosticEngine &diags) {
  if (failed(checkInput(module, diags)))
    return failure();
  double scale = 1;
  convertUnits(module, diags, scale);
  FreshNames names(module);
  addFuels(module, names);
  double gamma = chooseGamma(module);
  for (Reaction &r : module.allReactions()) {
    r.rate /= gamma;
    if (r.reverseRate)
      *r.reverseRate /= gamma;
  }
  warnUnrealisable(module, qmin(), qmax(), diags);
  double lambda = buffers ? addBuffers(module, names) : 0;
  setAttribute(module.attrs, "conc_scale_nM", formatNumber(scale));
  setAttribute(module.attrs, "cmax_nM", formatNumber(cmax));
  setAttribute(module.attrs, "qmax_per_nM_s", formatNumber(qmax()));
  setAttribute(module.attrs, "qmin_per_nM_s", formatNumber(qmin()));
  setAttribute(module.attrs, "rate_time_scale", formatNumber(gamma));
  setAttribute(module.attrs, "sequestration", formatNumber(lambda));
  setAttribute(module.attrs, "time_scale", formatNumber(gamma * (1 + lambda)));
  return success();
}

LogicalResult
MapRatesPass::verifyPostconditions(const Module &module,
                                   DiagnosticEngine &diags) const {
  bool ok = module.unit == ConcUnit::nM;
  for (const Reaction &r : module.allReactions()) {
    bool bimolecular = r.order() == 2 &&
                       (!r.isReversible() || r.productOrder() == 2);
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

std::unique_ptr<Pass> crnc::createMapRatesPass() {
  return std::make_unique<MapRatesPass>();
}
