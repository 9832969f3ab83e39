//===- Ilu0.h - incomplete LU preconditioner for I - gamma*J ----*- C++ -*-===//
//
// ILU(0) (Saad, "Iterative Methods for Sparse Linear Systems", 2003, sec. 10.3)
// of the Newton matrix M = I - gamma*J on the Jacobian's own sparsity pattern:
// no fill, so its cost stays linear in the non-zeros even when hub species
// would make a complete factorization fill in (hub rows are ordered last, see
// Ilu0.cpp). Preconditions CVODE's SPGMR.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_ILU0_H
#define CRNC_SIM_ILU0_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crnc::sim {

/// ILU(0) of I - gamma*J, J given in CSC with the diagonal in its pattern.
class Ilu0 {
public:
  /// Prepares the row-wise copy of the CSC pattern (n x n, nnz entries) in
  /// the factorization order.
  Ilu0(size_t n, const int64_t *colPtr, const int64_t *rowIdx);
  /// Factors I - gamma*J for CSC values `jac`; false on a zero pivot.
  bool factor(const double *jac, double gamma);
  /// Solves L U z = r (z may alias r).
  void solve(const double *r, double *z) const;

private:
  size_t n;
  std::vector<int64_t> order;                          // position -> species
  std::vector<int64_t> rowPtr, colIdx, cscToCsr, diag; // in positions
  std::vector<double> lu;
  std::vector<int64_t> work;
  mutable std::vector<double> scratch;
};

} // namespace crnc::sim

#endif
