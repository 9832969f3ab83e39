//===- ForwardInterpretation.cpp - species read as what they release ------===//
//
//  1. Count, per species, the reactions that consume it; remember the one.
//  2. Species consumed by none are interpreted as nothing.
//  3. Repeat until nothing changes: a species that turns reversibly into one
//     interpreted species (x <=> y, a signal bound to a gate it can leave
//     again) stands for it; a species whose only consuming reaction is its
//     own unimolecular decay into interpreted species takes the sum of their
//     interpretations.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/ForwardInterpretation.h"

using namespace crnc;
using namespace crnc::verify;

Interpretation verify::forwardInterpretation(const Crn &crn,
                                             llvm::ArrayRef<size_t> reactions,
                                             const Interpretation &partial) {
  Interpretation m = partial;
  m.resize(crn.speciesCount());
  std::vector<unsigned> consumers(crn.speciesCount(), 0);
  std::vector<size_t> decay(crn.speciesCount(), SIZE_MAX);
  std::vector<bool> occurs(crn.speciesCount(), false);
  for (size_t r : reactions) {
    const CrnReaction &reaction = crn.reactions[r];
    for (SpeciesIndex s : reaction.products)
      occurs[s] = true;
    for (SpeciesIndex s : reaction.reactants) {
      occurs[s] = true;
      ++consumers[s];
      decay[s] = r;
    }
  }
  for (SpeciesIndex s = 0; s < m.size(); ++s)
    if (occurs[s] && !m[s] && consumers[s] == 0)
      m[s] = Multiset{};
  // Reversible unimolecular pairs x <=> y: x stands for y when y is known.
  std::vector<std::vector<SpeciesIndex>> unbindsTo(crn.speciesCount());
  for (size_t r : reactions) {
    const CrnReaction &reaction = crn.reactions[r];
    if (reaction.reactants.size() == 1 && reaction.products.size() == 1)
      unbindsTo[reaction.reactants[0]].push_back(reaction.products[0]);
  }
  auto reversibleWith = [&](SpeciesIndex x, SpeciesIndex y) {
    return llvm::is_contained(unbindsTo[y], x);
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (SpeciesIndex s = 0; s < m.size(); ++s) {
      if (m[s])
        continue;
      for (SpeciesIndex y : unbindsTo[s])
        if (m[y] && reversibleWith(s, y)) {
          m[s] = m[y];
          changed = true;
          break;
        }
    }
    for (SpeciesIndex s = 0; s < m.size(); ++s) {
      if (m[s] || consumers[s] != 1 ||
          crn.reactions[decay[s]].reactants.size() != 1)
        continue;
      const CrnReaction &reaction = crn.reactions[decay[s]];
      if (llvm::any_of(reaction.products,
                       [&](SpeciesIndex p) { return !m[p]; }))
        continue;
      Multiset sum;
      for (SpeciesIndex p : reaction.products)
        sum = multisetSum(sum, *m[p]);
      canonicalize(sum);
      m[s] = std::move(sum);
      changed = true;
    }
  }
  return m;
}
