//===- SparseLu.h - KLU factorization with a flat triangular solve -*- C++
//-*-===//
//
// The direct solver behind CVODE's Newton iteration on sparse networks.
// KLU (Davis & Palamadai Natarajan, ACM TOMS 37(3), 2010) orders the matrix
// (BTF, then AMD inside each block) and factors it with partial pivoting.
// The factors are then copied into flat CSC arrays with the diagonal pulled
// out, so that each solve is one pass over the blocks: CVODE solves several
// times per factorization, and on reaction networks (many tiny diagonal
// blocks) KLU's own block-by-block solve spends most of its time on
// per-block overhead. Blocks of 1 to 4 rows are solved by their explicit
// inverse: one small product per block instead of L and U sweeps, with
// fewer loads and loop iterations (the solve is bound by its loads).
//
// When only the values change, refactor() factors again on the kept pivot
// sequence and pattern, straight into the flat arrays (left-looking, as
// KLU's own refactorization, with KLU's max-row scaling), so no copy out of
// KLU is needed.
//
// Contract:
//  - analyze() once per pattern; factor() any number of times with values on
//    that pattern; solve() after a successful factor().
//  - factor() reuses the previous pivot sequence and falls back to a fresh
//    factorization with partial pivoting when the refactorization breaks
//    down or its cheap reciprocal condition estimate drops below eps^(2/3).
//  - Results are deterministic: same inputs, same bits.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SPARSELU_H
#define CRNC_SIM_SPARSELU_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace crnc::sim {

class SparseLu {
public:
  /// Largest diagonal block solved by its explicit inverse.
  static constexpr int kMaxInvertedBlock = 4;

  SparseLu();
  ~SparseLu();
  SparseLu(const SparseLu &) = delete;
  SparseLu &operator=(const SparseLu &) = delete;

  /// Symbolic analysis of the n x n CSC pattern (colPtr has n+1 entries),
  /// which is copied. False when KLU rejects the pattern.
  bool analyze(size_t n, const int64_t *colPtr, const int64_t *rowIdx);
  /// Numeric factorization of `values` on the analysed pattern. False when
  /// the matrix is singular to working precision (or out of memory).
  bool factor(const double *values);
  /// x := A^{-1} b for the last successful factor(); b and x must not
  /// overlap.
  void solve(const double *b, double *x) const;
  /// x := A^{-1} x (copies x first).
  void solve(double *x) const;

  bool analyzed() const;
  /// KLU's estimates from analyze(): non-zeros of L + U + off-diagonal
  /// blocks, and flops of one factorization (0 before analyze()).
  double estimatedFactorNonZeros() const;
  double estimatedFlops() const;
  /// Factorizations with pivoting, and refactorizations reusing the pivots.
  long freshFactorizations() const { return fresh; }
  long refactorizations() const { return refactors; }
  /// Non-zeros of L + U + the off-diagonal blocks (diagonals included).
  size_t factorNonZeros() const;

private:
  /// Index type of the flat factors; extract() refuses larger factors.
  using Index = int32_t;

  bool extract();
  void prepareRefactor();
  bool refactor(const double *values);
  bool invertSmallBlocks(const double *values, double &minPivot,
                         double &maxPivot);

  struct Klu; // common, symbolic and numeric objects of KLU
  std::unique_ptr<Klu> klu;
  std::vector<int64_t> colPtr, rowIdx; // the analysed pattern
  size_t n = 0;
  long fresh = 0, refactors = 0;

  // Pivot order: row k of the factors is row rowPerm[k] of A, column k is
  // column colPerm[k]; there the matrix is block upper triangular.
  std::vector<Index> rowPerm, colPerm, blockStart, columnBlockStart;
  std::vector<double> rowScaleInv; // KLU's 1/Rs, in pivot order
  // Blocks of more than kMaxInvertedBlock rows: strictly lower L, strictly
  // upper U (rows ascending) and 1/U(k,k), all of KLU's scaled matrix
  // diag(Rs)^-1 A(P, Q).
  std::vector<Index> lowerPtr, lowerIdx, upperPtr, upperIdx;
  std::vector<double> lowerVal, upperVal, diagInv;
  // F, the entries above the diagonal blocks, per column, unscaled (the
  // values of A), so the solve's cross-block updates need no row scales.
  std::vector<Index> offPtr, offIdx;
  std::vector<double> offVal;
  // Blocks of 1 to kMaxInvertedBlock rows are solved by the explicit inverse
  // of the unscaled block (row-major, from inverseStart[b]; -1 for larger
  // blocks): one product instead of dependent L and U sweeps. Their entries
  // of L, U and diagInv are not kept up to date.
  std::vector<int64_t> inverseStart;
  std::vector<uint8_t> inSmallBlock; // per column
  std::vector<double> blockInverse;

  // refactor()'s maps: each input entry's row in pivot order, and its slot
  // in offVal when it lies in F (-1 otherwise).
  std::vector<Index> entryRow;
  std::vector<int64_t> entrySlot;
  bool refactorReady = false;
  mutable std::vector<double> work, solveCopy; // work: zeros between solves
  std::vector<double> columnWork;              // refactor()'s dense column
  // Buffers klu_l_extract writes into.
  std::vector<int64_t> exLp, exLi, exUp, exUi, exFp, exFi, exP, exQ, exR;
  std::vector<double> exLx, exUx, exFx, exRs;
};

} // namespace crnc::sim

#endif
