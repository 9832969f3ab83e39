//===- Ilu0.cpp - incomplete LU preconditioner for I - gamma*J ------------===//
//
// Row-oriented (IKJ) ILU(0) following Saad (2003), Algorithm 10.4, on a CSR
// copy of the CSC Jacobian pattern; forward and backward substitution solve.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Ilu0.h"
#include <cassert>
#include <cmath>

using namespace crnc::sim;

Ilu0::Ilu0(size_t n, const int64_t *colPtr, const int64_t *rowIdx)
    : n(n), rowPtr(n + 1, 0), diag(n, -1), work(n, -1) {
  int64_t nnz = colPtr[n];
  for (int64_t e = 0; e < nnz; ++e)
    ++rowPtr[rowIdx[e] + 1];
  for (size_t i = 0; i < n; ++i)
    rowPtr[i + 1] += rowPtr[i];
  colIdx.assign(nnz, 0);
  cscToCsr.assign(nnz, 0);
  lu.assign(nnz, 0);
  std::vector<int64_t> fill(rowPtr.begin(), rowPtr.end() - 1);
  for (size_t j = 0; j < n; ++j)
    for (int64_t e = colPtr[j]; e < colPtr[j + 1]; ++e) {
      int64_t at = fill[rowIdx[e]]++;
      colIdx[at] = static_cast<int64_t>(j); // columns ascend within each row
      cscToCsr[e] = at;
      if (rowIdx[e] == static_cast<int64_t>(j))
        diag[j] = at;
    }
  for (size_t i = 0; i < n; ++i)
    assert(diag[i] >= 0 && "Jacobian pattern lacks a diagonal entry");
}

/// 1. M = I - gamma*J in CSR. 2. For each row i and each k < i in row i:
///    m_ik /= u_kk, then m_ij -= m_ik * u_kj for j > k present in row i.
bool Ilu0::factor(const double *jac, double gamma) {
  for (size_t e = 0; e < lu.size(); ++e)
    lu[cscToCsr[e]] = -gamma * jac[e];
  for (size_t i = 0; i < n; ++i)
    lu[diag[i]] += 1.0;
  for (size_t i = 0; i < n; ++i) {
    for (int64_t e = rowPtr[i]; e < rowPtr[i + 1]; ++e)
      work[colIdx[e]] = e;
    for (int64_t e = rowPtr[i]; e < diag[i]; ++e) {
      int64_t k = colIdx[e];
      lu[e] /= lu[diag[k]];
      double lik = lu[e];
      for (int64_t f = diag[k] + 1; f < rowPtr[k + 1]; ++f)
        if (int64_t at = work[colIdx[f]]; at >= 0)
          lu[at] -= lik * lu[f];
    }
    for (int64_t e = rowPtr[i]; e < rowPtr[i + 1]; ++e)
      work[colIdx[e]] = -1;
    double pivot = lu[diag[i]];
    if (pivot == 0 || !std::isfinite(pivot))
      return false;
  }
  return true;
}

void Ilu0::solve(const double *r, double *z) const {
  for (size_t i = 0; i < n; ++i) {
    double s = r[i];
    for (int64_t e = rowPtr[i]; e < diag[i]; ++e)
      s -= lu[e] * z[colIdx[e]];
    z[i] = s;
  }
  for (size_t i = n; i-- > 0;) {
    double s = z[i];
    for (int64_t e = diag[i] + 1; e < rowPtr[i + 1]; ++e)
      s -= lu[e] * z[colIdx[e]];
    z[i] = s / lu[diag[i]];
  }
}
