//===- FromEnumeration.cpp - implementation CRN of an enumerated design ---===//

#include "lib/verify/FromEnumeration.h"
#include "lib/support/Units.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::verify;

/// Macrostate ids are species indices: species i is macrostate i.
static Multiset toMultiset(const std::vector<enumerate::MacrostateId> &ids) {
  Multiset m(ids.begin(), ids.end());
  std::sort(m.begin(), m.end());
  return m;
}

EnumeratedImplementation
verify::implementationFromEnumeration(const enumerate::EnumeratedSystem &system,
                                      const dna::Design &design,
                                      const Crn &formal, ConcUnit unit) {
  EnumeratedImplementation out;
  Crn &crn = out.crn;
  for (const enumerate::RestingMacrostate &m : system.macrostates) {
    SpeciesIndex s = crn.getOrAddSpecies(m.name);
    (void)s;
    assert(s + 1 == crn.speciesCount() && "macrostate names are distinct");
  }
  crn.initial.assign(crn.speciesCount(), 0);
  crn.constant.assign(crn.speciesCount(), false);
  double designToUnit = concUnitRatio(design.unit, unit);
  for (const enumerate::EnumeratedComplex &c : system.complexes) {
    if (!c.macrostate)
      continue;
    if (c.role == dna::ComplexRole::Fuel)
      crn.constant[*c.macrostate] = true;
    if (!c.input)
      continue;
    const dna::NamedComplex &named = design.allComplexes()[*c.input];
    crn.initial[*c.macrostate] +=
        named.concentration.value_or(0) * designToUnit;
    if (named.constant) // a constant formal species (a lowering's fuel)
      crn.constant[*c.macrostate] = true;
  }
  // A bimolecular rate in /M/s is k * (molar per unit) per unit per second.
  double molarPerUnit = concUnitInMolar(unit);
  for (const enumerate::CondensedReaction &r : system.condensed) {
    CrnReaction reaction;
    reaction.reactants = toMultiset(r.reactants);
    reaction.products = toMultiset(r.products);
    reaction.rate = r.rate;
    for (size_t order = 1; order < r.reactants.size(); ++order)
      reaction.rate *= molarPerUnit;
    crn.reactions.push_back(std::move(reaction));
  }
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s)
    if (crn.constant[s])
      out.fuels.push_back(s);
  removeSpecies(crn, out.fuels);
  out.partial = interpretationFromNames(crn, formal);
  return out;
}
