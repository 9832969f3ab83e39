//===- SpuriousScore.h - the spurious estimate, score only, fast -*- C++
//-*-===//
//
// The dG that bestDuplex and bestHairpin (Spurious.h) return, without the
// extent of the structure, computed row by row: every cost of the programme
// depends on the row (the base of A) and not on the column, so a row is a
// handful of element-wise minimum and add passes over contiguous floats that
// the compiler vectorises. The same float operations on the same operands as
// Spurious.cpp, so the result is bit-identical -- a check built on it finds
// exactly the structures the full programme finds -- at a fraction of the
// cost. Strands are prepared once (codes both ways, pair keys) and scored
// against many partners.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_THERMO_SPURIOUSSCORE_H
#define CRNC_THERMO_SPURIOUSSCORE_H

#include "lib/thermo/Spurious.h"
#include <cstdint>
#include <utility>
#include <vector>

namespace crnc::thermo {

/// A strand ready for scoring. Requires (prepareStrand): isDNA(sequence);
/// keys empty or one per base.
struct PreparedStrand {
  std::vector<int8_t> codes;     ///< base codes, 5'->3'
  std::vector<int32_t> reversed; ///< base codes, 3'->5'
  std::vector<uint64_t> keys;    ///< pair keys, 5'->3' (may be empty)
  /// (key, index into `reversed`) of every keyed base, sorted.
  std::vector<std::pair<uint64_t, uint32_t>> keyColumns;
};

PreparedStrand prepareStrand(llvm::StringRef sequence, PairKeys keys = {});

/// Guarantees: == bestDuplex(a, b, model, keysA, keysB).dG, bit for bit.
double bestDuplexDG(const PreparedStrand &a, const PreparedStrand &b,
                    const SpuriousModel &model);

/// Guarantees: == bestHairpin(strand, model, keys).dG, bit for bit.
double bestHairpinDG(const PreparedStrand &strand, const SpuriousModel &model);

} // namespace crnc::thermo

#endif
