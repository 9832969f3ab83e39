//===- Conservation.h - stoichiometry and conservation laws -----*- C++ -*-===//
//
// The stoichiometric matrix N (species x reactions, net change per forward
// firing) and its left null space: every integer vector c with c^T N = 0 is a
// conservation law (sum_i c_i x_i stays constant under any kinetics). The basis
// is computed exactly, with rational Gauss-Jordan elimination on N^T.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_CONSERVATION_H
#define CRNC_ANALYSIS_CONSERVATION_H

#include "ir/Module.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crnc::analysis {

/// Dense net-stoichiometry rows: one row per reaction, one column per species
/// (that is, N^T). Reversible reactions contribute one row (the reverse
/// direction is its negation and adds no constraint).
std::vector<std::vector<int64_t>> stoichiometryRows(const ir::Module &module);

/// One conservation law: integer coefficients per species (gcd 1, first
/// non-zero coefficient positive).
struct ConservationLaw {
  std::vector<int64_t> coefficients;
  /// The law's value at the module's initial state.
  double initialValue(const ir::Module &module) const;
  /// "A + 2 C" (species with zero coefficient omitted).
  std::string toString(const ir::Module &module) const;
};

/// An integer basis of the left null space of N, one law per free species
/// column of the reduced row-echelon form of N^T (so the basis has
/// species - rank(N) laws; pivots are taken from the last species backwards,
/// which yields totals such as "E + ES" for typical networks), in the order of
/// their free species. Returns nullopt if an intermediate value overflows
/// 64 bits (networks with huge stoichiometries).
std::optional<std::vector<ConservationLaw>>
computeConservationLaws(const ir::Module &module);

/// Rank of N over the rationals (nullopt on overflow).
std::optional<size_t> stoichiometricRank(const ir::Module &module);

} // namespace crnc::analysis

#endif
