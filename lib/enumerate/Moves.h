//===- Moves.h - the domain-level reaction types ----------------*- C++ -*-===//
//
// The reactions a complex (or a pair of complexes) can undergo under
// Peppercorn's semantics (Badelt et al. 2020): unimolecular binding (bind11),
// bimolecular binding (bind21), opening of a helix, 3-way and 4-way branch
// migration, all with max-helix zippering and remote toeholds, and with the
// rates of RateModel.h. Moves act on lib/dna Complex values and return
// canonical products, so callers can key maps by them.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_MOVES_H
#define CRNC_ENUMERATE_MOVES_H

#include "lib/dna/Complex.h"
#include "lib/enumerate/RateModel.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <vector>

namespace crnc::enumerate {

enum class ReactionKind : uint8_t {
  Bind11,
  Bind21,
  Open,
  Branch3Way,
  Branch4Way,
  Condensed
};

/// Peppercorn's names: "bind11", "bind21", "open", "branch-3way", ...
llvm::StringRef reactionKindName(ReactionKind kind);

struct MoveOptions {
  bool maxHelix = true;
  /// Longest helix (nt) that opens when the complex stays in one piece (1-1)
  /// or falls apart (1-N). 0 means no limit.
  unsigned releaseCutoff11 = 7;
  unsigned releaseCutoff1N = 7;
  /// Forbid branch migration initiated from a remote toehold.
  bool rejectRemote = false;
  OpeningModel opening;
};

/// One reaction: its type, its products (canonical, connected) and its rate
/// constant (/s for one reactant, /M/s for two).
struct Move {
  ReactionKind kind;
  std::vector<dna::Complex> products;
  double rate = 0;
};

/// All unimolecular moves of `complex` (bind11, open, 3-way, 4-way, in this
/// order; within a type, by position). Products reached by several pathways
/// of one type are listed once, with the fastest pathway's rate: Peppercorn
/// keeps the first pathway it meets, which depends on the strand rotation it
/// happened to store; the maximum is independent of representation.
/// Requires: `complex` is well formed (Complex::check()).
std::vector<Move> unimolecularMoves(const dna::Complex &complex,
                                    const dna::DomainTable &domains,
                                    const MoveOptions &options);

/// All bind21 moves between `a` and `b` (which may be the same complex):
/// an unpaired domain on an exterior loop of each, complementary.
std::vector<Move> bimolecularMoves(const dna::Complex &a, const dna::Complex &b,
                                   const dna::DomainTable &domains,
                                   const MoveOptions &options);

/// The unpaired domains on exterior loops (loops with a strand break): the
/// domains another complex can bind, in position order.
std::vector<dna::DomainRef>
exteriorUnpairedDomains(const dna::Complex &complex,
                        const dna::DomainTable &domains);

/// The connected components of strands with a (possibly disconnected) pair
/// table, each as a canonical Complex, in order of their first strand.
/// Requires: the pairs are non-crossing around the circle of strands.
std::vector<dna::Complex>
splitIntoComplexes(const std::vector<dna::Strand> &strands,
                   const std::vector<int32_t> &partners);

} // namespace crnc::enumerate

#endif
