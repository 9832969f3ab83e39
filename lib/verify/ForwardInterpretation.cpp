//===- ForwardInterpretation.cpp - species read as what they release ------===//
//
//  1. Count, per species, the reactions that consume it; remember the one.
//  2. Species consumed by none are interpreted as nothing.
//  3. Repeat until nothing changes: a species whose only consuming reaction
//     is its own unimolecular decay into interpreted species takes the sum
//     of their interpretations.
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
  for (bool changed = true; changed;) {
    changed = false;
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
