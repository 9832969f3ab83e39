//===- Census.h - reaction order and arity census ---------------*- C++ -*-===//
//
// Counts reactions by molecularity (reactant and product side), reversible
// and phased reactions, signed and constant species: the figures that tell
// which lowering passes a module still needs.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_CENSUS_H
#define CRNC_ANALYSIS_CENSUS_H

#include "ir/Module.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace crnc::analysis {

struct ReactionCensus {
  size_t species = 0;
  size_t signedSpecies = 0;
  size_t constantSpecies = 0;
  size_t reactions = 0;
  size_t reversible = 0;
  size_t phased = 0;
  /// Directions (a reversible reaction counts twice) by number of reactants.
  std::map<unsigned, size_t> byOrder;
  /// Directions by number of products.
  std::map<unsigned, size_t> byProductCount;
  unsigned maxOrder = 0;
  unsigned maxProductCount = 0;
};

/// Counts `module`. A reversible reaction contributes two directions.
ReactionCensus takeCensus(const ir::Module &module);

/// Prints the census as a short human-readable table.
void printCensus(const ReactionCensus &census, llvm::raw_ostream &os);

} // namespace crnc::analysis

#endif
