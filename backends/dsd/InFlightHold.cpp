//===- InFlightHold.cpp - what a join's committed complexes hold ----------===//
//
// SSW 2010's join: L + X1 <=> H + B, H + X2 -> O, O + T -> products; O holds
// X1 and X2 for 1 / (k_T [T]) each firing.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/InFlightHold.h"
#include "backends/dsd/RateCalibration.h"
#include "ir/LoweringAttributes.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Units.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::dsd;

double dsd::operatingLevel(const ir::Module &module, ir::SpeciesId s,
                           const SchemeOptions &options) {
  using namespace ir::lowering;
  if (double trigger = triggerLevel(module, s); trigger > 0)
    return trigger;
  std::optional<ir::model::Load> load =
      ir::model::get(module.getSpecies(s).attrs, ir::model::SampleLoad);
  std::optional<double> scale = get(module.attrs, ConcScaleNM);
  if (!load || !scale || !(*scale > 0) || module.unit == ConcUnit::None)
    return 0;
  auto given = options.loadLevels.find(ir::model::formatValue(*load));
  double units = given != options.loadLevels.end() ? given->second : 1.0;
  return units * convertConcentration(*scale, ConcUnit::nM, module.unit);
}

/// The signal a species stands for (a dual-rail pair shares it).
static std::string signalOf(const ir::Species &sp) {
  return ir::findAttribute(sp.attrs, "signal").value_or(sp.name).str();
}

std::vector<double> dsd::inFlightShares(const ir::Module &module,
                                        const std::vector<Step> &steps,
                                        const SchemeOptions &options) {
  using namespace ir::lowering;
  std::vector<double> share(module.speciesCount(), 0);
  std::optional<double> qmax = get(module.attrs, QmaxPerNMs);
  double cmax = fuelConcentration(module);
  if (!qmax || !(*qmax > 0) || !(cmax > 0))
    return share;
  double unit = convertConcentration(1, module.unit, ConcUnit::nM);
  // Per species, per partner signal: the largest share one rail gives.
  std::vector<llvm::StringMap<double>> bySignal(module.speciesCount());
  for (const Step &step : steps) {
    if (step.reactants.size() != 2 || step.reactants[0] == step.reactants[1])
      continue;
    double q = step.rate / unit / *qmax;
    for (int i : {0, 1}) {
      ir::SpeciesId self = step.reactants[i], partner = step.reactants[1 - i];
      const ir::Species &me = module.getSpecies(self),
                        &other = module.getSpecies(partner);
      // Two rails of one signal annihilate: one of them is always near 0.
      if (me.constant || other.constant || signalOf(me) == signalOf(other))
        continue;
      double s = q * operatingLevel(module, partner, options) / cmax;
      double &slot = bySignal[self][signalOf(other)];
      slot = std::max(slot, s);
    }
  }
  for (size_t s = 0; s < share.size(); ++s)
    for (const auto &entry : bySignal[s])
      share[s] += entry.getValue();
  return share;
}

void dsd::compensateInFlight(const ir::Module &module,
                             const std::vector<Step> &steps,
                             dna::Design &design,
                             const SchemeOptions &options) {
  using namespace ir::lowering;
  std::vector<double> share = inFlightShares(module, steps, options);
  // Per BS species: the factor its buffer's concentration is raised by.
  llvm::StringMap<double> factorOf;
  for (const ir::Reaction &r : module.allReactions()) {
    if (r.reactants.size() != 2 || r.products.size() != 2 || !r.reverseRate)
      continue;
    const ir::Species &ls = module.getSpecies(r.reactants[1].species);
    std::optional<double> hold = get(ls.attrs, BufferHold);
    double s = share[r.reactants[0].species];
    if (!get(ls.attrs, BufferOf) || !hold || !(*hold > 0) || !(s > 0))
      continue;
    factorOf[module.getSpecies(r.products[1].species).name] =
        *hold / (*hold - std::min(s, *hold / 2));
  }
  if (factorOf.empty())
    return;
  for (size_t c = 0; c < design.allComplexes().size(); ++c) {
    dna::NamedComplex &named = design.getComplex(dna::ComplexIndex(c));
    if (!named.concentration)
      continue;
    auto byName = factorOf.find(named.name);
    auto found =
        byName != factorOf.end() ? byName : factorOf.find(named.formal);
    if (found != factorOf.end())
      *named.concentration *= found->getValue();
  }
}
