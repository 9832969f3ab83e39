//===- Filters.h - per-domain hard filters and candidate pools --*- C++ -*-===//
//
// The hard filters a domain's sequence passes on its own: its alphabet, no
// GGGG or CCCC, no run of five A or five T, the GC window (long and history
// domains), and the toehold dG window. Toehold candidates come from a pool
// enumerating every sequence of the alphabet that passes; long domains are
// drawn at random and filtered.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_FILTERS_H
#define CRNC_BACKENDS_SEQUENCES_FILTERS_H

#include "backends/sequences/DesignModel.h"
#include "backends/sequences/Random.h"
#include "lib/thermo/NearestNeighbor.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace crnc::sequences {

/// True when `s` contains GGGG, CCCC, AAAAA or TTTTT.
bool hasForbiddenRun(llvm::StringRef s);
/// How many forbidden runs start in `s` (overlapping ones count).
unsigned forbiddenRunCount(llvm::StringRef s);
/// True when `s` holds a self-complementary k-mer (AATT, ATAT, ...): such a
/// stretch pairs with every other copy of itself, on the same strand or not.
bool hasPalindrome(llvm::StringRef s, unsigned k);
/// True when every letter of `s` belongs to `alphabet`.
bool fitsAlphabet(llvm::StringRef s, Alphabet alphabet);

/// Every sequence of `length` over `alphabet` with no forbidden run, with its
/// toehold dG under `conditions`, sorted by dG then sequence. length <= 12.
struct ToeholdPool {
  std::vector<std::string> sequences;
  std::vector<double> dG;
};
ToeholdPool enumerateToeholds(unsigned length, Alphabet alphabet,
                              const thermo::Conditions &conditions);

/// Draws sequences for one domain.
class CandidateSource {
public:
  /// A toehold source: uniform over the pool's sequences with dG in
  /// [lo, hi], leaving out those with a self-complementary 4-mer unless
  /// nothing else is in the window; empty() when none is.
  CandidateSource(const ToeholdPool &pool, double lo, double hi);
  /// A long-domain source: random sequences of `length` over `alphabet` with
  /// GC percent in [gcMin, gcMax] and no forbidden run.
  CandidateSource(unsigned length, Alphabet alphabet, double gcMin,
                  double gcMax);

  bool empty() const { return isToehold && pool.empty(); }
  /// A toehold source keeps only the sequences `keep` accepts.
  void restrict(llvm::function_ref<bool(llvm::StringRef)> keep);
  std::string draw(Rng &rng) const;

private:
  bool isToehold;
  std::vector<std::string> pool;
  unsigned length = 0;
  Alphabet alphabet = Alphabet::ACT;
  double gcMin = 0, gcMax = 100;
};

} // namespace crnc::sequences

#endif
