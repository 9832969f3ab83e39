//===- SettlingTime.cpp - five times a CRN's slowest time -----------------===//

#include "lib/analysis/SettlingTime.h"
#include "ir/LoweringAttributes.h"
#include <algorithm>
#include <cmath>

using namespace crnc;

static bool touchesBuffer(const ir::Module &module, const ir::TermList &side) {
  return llvm::any_of(side, [&](const ir::Term &t) {
    return ir::lowering::get(module.getSpecies(t.species).attrs,
                             ir::lowering::BufferOf)
        .has_value();
  });
}

double analysis::slowestCharacteristicTime(const ir::Module &module) {
  double c = 0;
  for (const ir::Species &s : module.allSpecies())
    if (!s.constant)
      c = std::max(c, s.initial);
  if (!(c > 0))
    c = 1;
  double slowest = 0;
  auto visit = [&](double k, const ir::TermList &side) {
    unsigned order = 0;
    for (const ir::Term &t : side) {
      const ir::Species &s = module.getSpecies(t.species);
      if (s.constant)
        k *= std::pow(s.initial, t.count);
      else
        order += t.count;
    }
    if (k > 0)
      slowest = std::max(slowest, 1 / (k * std::pow(c, double(order) - 1)));
  };
  for (const ir::Reaction &r : module.allReactions()) {
    if (touchesBuffer(module, r.reactants) || touchesBuffer(module, r.products))
      continue;
    visit(r.rate, r.reactants);
    if (r.reverseRate)
      visit(*r.reverseRate, r.products);
  }
  return slowest;
}

double analysis::settlingHorizon(const ir::Module &module) {
  double slowest = slowestCharacteristicTime(module);
  return slowest > 0 ? 5 * slowest : 1;
}
