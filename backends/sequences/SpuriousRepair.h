//===- SpuriousRepair.h - removing spurious structures ----------*- C++ -*-===//
//
// After the k-mer search, the exact spurious check (SpuriousCheck) lists
// every unintended duplex and hairpin past its limit; the repair resamples
// domains under them while the hard k-mer constraints hold, keeping a new
// sequence only when the exact count of violations around the domain falls.
// The list stays exact throughout: after a move, every pair around the domain
// is replaced by its re-evaluation.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_SPURIOUSREPAIR_H
#define CRNC_BACKENDS_SEQUENCES_SPURIOUSREPAIR_H

#include "backends/sequences/LocalSearch.h"
#include "backends/sequences/SpuriousCheck.h"

namespace crnc::sequences {

struct RepairStats {
  size_t violationsBefore = 0, violationsAfter = 0;
  uint64_t candidates = 0, moves = 0;
};

/// Requires: `check` was built for the design of `problem`. Guarantees:
/// `search`'s hard score does not rise; violationsAfter is the exact count
/// on the final sequences; the result depends on the seed of `search`, not
/// on the threads of `check`. The work is bounded (deterministically) by
/// `attemptsPerViolation` attempts per violation found at the start (plus
/// 40), an attempt evaluating at most 8 candidates around one domain (64
/// for a hairpin, whose screen is cheap); it also stops when no move was
/// kept in the last 48 attempts per violation left.
RepairStats repairSpurious(LocalSearch &search, SpuriousCheck &check,
                           const SearchProblem &problem,
                           unsigned attemptsPerViolation = 16);

} // namespace crnc::sequences

#endif
