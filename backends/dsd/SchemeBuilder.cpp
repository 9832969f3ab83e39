//===- SchemeBuilder.cpp - shared machinery of the DSD schemes ------------===//

#include "backends/dsd/SchemeBuilder.h"
#include "ir/LoweringAttributes.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

SchemeBuilder::SchemeBuilder(const ir::Module &module,
                             const SchemeOptions &options, Design &design)
    : mod(module), opts(options), out(design),
      gateFuel(module.speciesCount(), false), cmax(fuelConcentration(module)),
      moduleFuelLevel(cmax) {
  for (ir::SpeciesId id = 0; id < module.speciesCount(); ++id) {
    const ir::Species &s = module.getSpecies(id);
    gateFuel[id] = s.role == ir::SpeciesRole::Fuel && s.constant &&
                   s.initial > 0 &&
                   !ir::lowering::get(s.attrs, ir::lowering::BufferOf);
  }
  // A species that an irreversible reaction produces is a signal, not a gate
  // fuel. In a reversible reaction a gate fuel stands on one side (map-rates
  // gives a direction of order one its fuel: B + A <=> A + G) and is part of
  // that direction's gate, not a product of the other.
  // A buffer module (X + LS <=> HS + BS) keeps LS and BS as fuel complexes.
  auto isBuffer = [&](const ir::Reaction &r) {
    for (const ir::Term &t : r.reactants)
      if (ir::lowering::get(module.getSpecies(t.species).attrs,
                            ir::lowering::BufferOf))
        return true;
    return false;
  };
  for (const ir::Reaction &r : module.allReactions()) {
    if (r.isReversible() && !isBuffer(r))
      continue;
    for (const ir::Term &t : r.products)
      gateFuel[t.species] = false;
    if (r.isReversible())
      for (const ir::Term &t : r.reactants)
        gateFuel[t.species] = false;
  }
}

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

/// The backward direction's reactants of a reversible reaction, with every
/// species on both sides (a catalyst) at the place it has forward, when both
/// directions have two reactants. A gate
/// releases an output strand that starts with its last reactant's long domain
/// and toehold and ends with its products' toeholds. If the catalyst were
/// last forward and first backward, that strand would bind the backward gate
/// after the catalyst, at the next reactant's toehold, and displace the
/// catalyst through a remote toehold: it would stand for the catalyst without
/// the other products being made (B + A <=> C + A is then incorrect under
/// soloveichik2010; Nuskell keeps the written order and verifies it).
static std::vector<ir::SpeciesId>
backwardReactants(const std::vector<ir::SpeciesId> &forward,
                  std::vector<ir::SpeciesId> backward) {
  if (forward.size() < 2 || backward.size() < 2)
    return backward; // one reactant: no second gate step to confuse
  std::vector<bool> placed(backward.size(), false);
  for (size_t i = 0; i < forward.size() && i < backward.size(); ++i) {
    if (backward[i] == forward[i]) {
      placed[i] = true;
      continue;
    }
    for (size_t k = 0; k < backward.size(); ++k)
      if (!placed[k] && backward[k] == forward[i]) {
        std::swap(backward[i], backward[k]);
        placed[i] = true;
        break;
      }
  }
  return backward;
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
    list.push_back(
        makeStep(mod, keepCatalystPlace ? backwardReactants(in, outs) : outs,
                 in, false, r.loc));
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
