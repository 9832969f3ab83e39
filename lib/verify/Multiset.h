//===- Multiset.h - sorted multisets of species -----------------*- C++ -*-===//
//
// States, reactant and product sides and interpretations are multisets of
// species indices, kept as sorted vectors so that equality, containment and
// difference are linear merges and a multiset can be hashed as a key.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_MULTISET_H
#define CRNC_VERIFY_MULTISET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <string>

namespace crnc::verify {

using SpeciesIndex = uint32_t;
/// A multiset of species: indices in ascending order, repeated by count.
using Multiset = llvm::SmallVector<SpeciesIndex, 4>;

/// Sorts `m` into canonical form.
void canonicalize(Multiset &m);
/// a + b.
Multiset multisetSum(llvm::ArrayRef<SpeciesIndex> a,
                     llvm::ArrayRef<SpeciesIndex> b);
/// a - b, ignoring elements of b that a lacks (never negative).
Multiset multisetDifference(llvm::ArrayRef<SpeciesIndex> a,
                            llvm::ArrayRef<SpeciesIndex> b);
/// True if every element of a occurs in b at least as often.
bool multisetContains(llvm::ArrayRef<SpeciesIndex> b,
                      llvm::ArrayRef<SpeciesIndex> a);
/// The multiset repeated `times` times.
Multiset multisetScale(llvm::ArrayRef<SpeciesIndex> m, unsigned times);
/// Number of occurrences of `s` in `m`.
unsigned multisetCount(llvm::ArrayRef<SpeciesIndex> m, SpeciesIndex s);
/// Appends a key (indices separated by ',') for hashing.
void appendKey(std::string &key, llvm::ArrayRef<SpeciesIndex> m);

/// Every way to write `target` as sum_j weights[j] * X_j with multisets X_j
/// (empty X_j allowed), in a deterministic order; at most `limit` ways.
/// Requires: weights are positive.
std::vector<llvm::SmallVector<Multiset, 2>>
distribute(llvm::ArrayRef<SpeciesIndex> target,
           llvm::ArrayRef<unsigned> weights, size_t limit = SIZE_MAX);

} // namespace crnc::verify

#endif
