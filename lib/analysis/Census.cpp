//===- Census.cpp - reaction order and arity census -----------------------===//

#include "lib/analysis/Census.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::analysis;
using namespace crnc::ir;

static void countDirection(ReactionCensus &c, unsigned in, unsigned out) {
  ++c.byOrder[in];
  ++c.byProductCount[out];
  c.maxOrder = std::max(c.maxOrder, in);
  c.maxProductCount = std::max(c.maxProductCount, out);
}

ReactionCensus analysis::takeCensus(const Module &module) {
  ReactionCensus c;
  c.species = module.speciesCount();
  for (const Species &s : module.allSpecies()) {
    c.signedSpecies += s.isSigned;
    c.constantSpecies += s.constant;
  }
  c.reactions = module.reactionCount();
  for (const Reaction &r : module.allReactions()) {
    countDirection(c, r.order(), r.productOrder());
    if (r.isReversible()) {
      ++c.reversible;
      countDirection(c, r.productOrder(), r.order());
    }
    c.phased += r.phase != NoPhase;
  }
  return c;
}

void analysis::printCensus(const ReactionCensus &c, llvm::raw_ostream &os) {
  os << "species: " << c.species << " (" << c.signedSpecies << " signed, "
     << c.constantSpecies << " constant)\n";
  os << "reactions: " << c.reactions << " (" << c.reversible << " reversible, "
     << c.phased << " phased)\n";
  for (const auto &[order, count] : c.byOrder)
    os << "  directions with " << order << " reactant(s): " << count << "\n";
  for (const auto &[arity, count] : c.byProductCount)
    os << "  directions with " << arity << " product(s): " << count << "\n";
}
