//===- Spurious.h - unintended duplexes and hairpins ------------*- C++ -*-===//
//
// Fast estimates of the most stable unintended structure: the best local
// alignment of complementary stretches of two strands (or of a strand with
// itself, closing a hairpin loop), scored with the SantaLucia 1998 stacks,
// initiation and terminal A.T penalties, and loop penalties of SantaLucia &
// Hicks, Annu. Rev. Biophys. Biomol. Struct. 33:415-440 (2004), Table 4
// (bulges 1-3, internal loops up to 4 nt with the asymmetry term, hairpin
// loops with the Jacobson-Stockmayer extrapolation), and one typical terminal
// mismatch (Table 3) at each helix end flanked on both strands. A dynamic
// programme over base pairs, O(n m) per pair of strands.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_THERMO_SPURIOUS_H
#define CRNC_THERMO_SPURIOUS_H

#include "lib/thermo/NearestNeighbor.h"
#include "llvm/ADT/ArrayRef.h"
#include <array>
#include <cstdint>

namespace crnc::thermo {

/// The best unintended structure found: its dG (kcal/mol; 0 when nothing
/// pairs favourably) and its extent (first and last paired base on each
/// strand, 5'->3' indices; for a hairpin both refer to the one strand).
struct SpuriousStructure {
  double dG = 0;
  unsigned basePairs = 0;
  unsigned firstA = 0, lastA = 0, firstB = 0, lastB = 0;
};

/// Energy terms at one temperature and salt, ready for the inner loops.
/// Every term gets the salt correction of a reference duplex (8 bp, 50 % GC);
/// loop penalties are entropic (dG scales with T).
class SpuriousModel {
public:
  explicit SpuriousModel(const Conditions &conditions);

  float stackDG(int x, int y) const { return stacks[x * 4 + y]; }
  float initiationDG() const { return init; }
  float terminalDG(int base) const { return terminal[base]; }
  float bulgeDG(unsigned n) const { return bulge[n]; } ///< n = 1..3
  float interiorDG(unsigned a, unsigned b) const;      ///< a + b <= 4
  float hairpinDG(unsigned loop) const;                ///< loop >= 3
  /// A helix end with unpaired bases beyond it on both strands.
  float terminalMismatchDG() const { return mismatchEnd; }
  const Conditions &conditions() const { return cond; }

private:
  Conditions cond;
  std::array<float, 16> stacks;
  std::array<float, 4> terminal;
  std::array<float, 4> bulge;
  std::array<float, 5> interior; ///< by total loop size 2..4
  std::array<float, 31> hairpin; ///< by loop size 3..30
  float init;
  float mismatchEnd;
};

/// Pairing keys mark intended pairs: base i of A and base j of B may not pair
/// when keysA[i] != 0 and keysA[i] == keysB[j]. Empty arrays mask nothing.
/// (A domain's k-th base and the complementary base of its complement share
/// one key, so the designed duplexes are excluded and everything else counts.)
using PairKeys = llvm::ArrayRef<uint64_t>;

/// The most stable duplex between A and B (both 5'->3'), intended pairs
/// excluded. Requires: isDNA(a), isDNA(b).
SpuriousStructure bestDuplex(llvm::StringRef a, llvm::StringRef b,
                             const SpuriousModel &model, PairKeys keysA = {},
                             PairKeys keysB = {});

/// The most stable hairpin of one strand (a stem closing a loop of >= 3 nt),
/// intended pairs excluded.
SpuriousStructure bestHairpin(llvm::StringRef strand,
                              const SpuriousModel &model, PairKeys keys = {});

} // namespace crnc::thermo

#endif
