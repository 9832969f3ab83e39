//===- SchemeBuilder.cpp - shared machinery of the DSD schemes ------------===//

#include "backends/dsd/SchemeBuilder.h"
#include "ir/LoweringAttributes.h"
#include "lib/analysis/JoinOrder.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

SchemeBuilder::SchemeBuilder(const ir::Module &module,
                             const SchemeOptions &options, Design &design)
    : mod(module), opts(options), out(design),
      gateFuel(analysis::gateFuels(module)), cmax(fuelConcentration(module)),
      moduleFuelLevel(cmax) {}

DomainRef SchemeBuilder::toehold() {
  return DomainRef{
      out.domains.fresh("t", opts.toeholdLength, DomainKind::Toehold), false};
}

DomainRef SchemeBuilder::longDomain() {
  return DomainRef{out.domains.fresh("d", opts.domainLength, DomainKind::Long),
                   false};
}

DomainRef SchemeBuilder::history() {
  return DomainRef{
      out.domains.fresh("h", opts.domainLength, DomainKind::History), false};
}

static std::vector<ir::SpeciesId> expand(const ir::TermList &terms) {
  std::vector<ir::SpeciesId> ids;
  for (const ir::Term &t : terms)
    ids.insert(ids.end(), t.count, t.species);
  return ids;
}

static std::string side(const ir::Module &m,
                        const std::vector<ir::SpeciesId> &ids) {
  std::string s;
  for (ir::SpeciesId id : ids)
    s += (s.empty() ? "" : " + ") + m.getSpecies(id).name;
  return s;
}

static Step makeStep(const ir::Module &m, std::vector<ir::SpeciesId> reactants,
                     std::vector<ir::SpeciesId> products, bool reversible,
                     Location loc) {
  Step step;
  step.equation =
      side(m, reactants) + (reversible ? " <=> " : " -> ") + side(m, products);
  if (step.equation.front() == ' ')
    step.equation.erase(0, 1);
  if (step.equation.back() == ' ')
    step.equation.pop_back();
  step.reactants = std::move(reactants);
  step.products = std::move(products);
  step.reversible = reversible;
  step.loc = loc;
  return step;
}

/// Removes the gate fuels from `ids`; returns the level of the last removed.
static double absorbGateFuels(const ir::Module &m,
                              const std::vector<bool> &fuel,
                              std::vector<ir::SpeciesId> &ids) {
  double level = 0;
  std::vector<ir::SpeciesId> kept;
  for (ir::SpeciesId id : ids) {
    if (!fuel[id]) {
      kept.push_back(id);
      continue;
    }
    level = m.getSpecies(id).initial;
  }
  ids = std::move(kept);
  return level;
}

std::vector<Step> SchemeBuilder::steps(bool keepReversible,
                                       bool keepCatalystPlace) const {
  std::vector<Step> list;
  for (size_t index = 0; index < mod.reactionCount(); ++index) {
    const ir::Reaction &r = mod.allReactions()[index];
    auto in = expand(r.reactants), outs = expand(r.products);
    double level = absorbGateFuels(mod, gateFuel, in);
    double backLevel =
        r.isReversible() ? absorbGateFuels(mod, gateFuel, outs) : 0;
    if (r.isReversible() && keepReversible) {
      list.push_back(makeStep(mod, in, outs, true, r.loc));
      list.back().gateFuelLevel = std::max(level, backLevel);
      list.back().rate = r.rate;
      list.back().reaction = index;
      continue;
    }
    list.push_back(makeStep(mod, in, outs, false, r.loc));
    list.back().gateFuelLevel = level;
    list.back().rate = r.rate;
    list.back().reaction = index;
    if (!r.isReversible())
      continue;
    list.push_back(makeStep(
        mod, keepCatalystPlace ? analysis::catalystPlaced(in, outs) : outs, in,
        false, r.loc));
    list.back().gateFuelLevel = backLevel;
    list.back().rate = *r.reverseRate;
    list.back().reaction = index;
    list.back().backward = true;
  }
  return list;
}

/// `x` to 10 significant digits: an amount scaled by amount_factor reads
/// as a lab writes it (20 x 1.005 is 20.1, not 20.099999999999998).
static double roundAmount(double x) {
  if (!(x > 0))
    return x;
  double digits = std::pow(10.0, 9 - std::floor(std::log10(x)));
  return std::round(x * digits) / digits;
}

void SchemeBuilder::addSignal(ir::SpeciesId species, Complex complex) {
  const ir::Species &s = mod.getSpecies(species);
  NamedComplex entry;
  entry.name = s.name;
  entry.formal = s.name;
  entry.complex = std::move(complex);
  entry.role = ComplexRole::Signal;
  // The lab adds amount_factor times the model's amount of a signal (free
  // and held; map-rates).
  double factor = s.constant
                      ? 1
                      : ir::lowering::get(mod.attrs, ir::lowering::AmountFactor)
                            .value_or(1);
  if (s.initial > 0 || s.constant)
    entry.concentration = roundAmount(s.initial * factor);
  entry.constant = s.constant;
  entry.loc = s.loc;
  out.add(std::move(entry));
}

void SchemeBuilder::beginModule(const Step &step) {
  ReactionModule module;
  module.equation = step.equation;
  module.loc = step.loc;
  out.modules.push_back(std::move(module));
  moduleFuelLevel = step.gateFuelLevel > 0 ? step.gateFuelLevel : cmax;
  begun.push_back(step);
}

ComplexIndex SchemeBuilder::fuel(Complex complex) {
  ComplexIndex index = out.addFuel(std::move(complex), moduleFuelLevel);
  out.modules.back().fuels.push_back(index);
  return index;
}

Complex crnc::dsd::singleStrand(std::initializer_list<DomainRef> domains) {
  return singleStrand(std::vector<DomainRef>(domains));
}

Complex crnc::dsd::singleStrand(const std::vector<DomainRef> &domains) {
  return Complex({Strand(domains)},
                 std::vector<int32_t>(domains.size(), Complex::Unpaired));
}
