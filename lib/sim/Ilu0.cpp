//===- Ilu0.cpp - incomplete LU preconditioner for I - gamma*J ------------===//
//
// Row-oriented (IKJ) ILU(0) following Saad (2003), Algorithm 10.4, on a CSR
// copy of the CSC Jacobian pattern in a permuted order; forward and backward
// substitution solve.
//
// Ordering: hub species (rows or columns far denser than the rest: fuels
// shared by every gate) go last. Eliminated early, a hub row would be
// visited once for every row that references it, so one factorization would
// cost O(n * hub row length), quadratic in the network size; last, the hub
// rows are reached only through their own short pivot rows.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/Ilu0.h"
#include <algorithm>
#include <cassert>
#include <cmath>

using namespace crnc::sim;

/// New position -> species: the non-hubs in their own order, then the hubs.
/// A hub has more pattern entries (row plus column) than both 64 and eight
/// times the average.
static std::vector<int64_t> hubsLastOrder(size_t n, const int64_t *colPtr,
                                          const int64_t *rowIdx) {
  std::vector<int64_t> degree(n, 0);
  for (size_t j = 0; j < n; ++j) {
    degree[j] += colPtr[j + 1] - colPtr[j];
    for (int64_t e = colPtr[j]; e < colPtr[j + 1]; ++e)
      ++degree[rowIdx[e]];
  }
  double average = n ? 2.0 * double(colPtr[n]) / double(n) : 0;
  double threshold = std::max(64.0, 8 * average);
  std::vector<int64_t> order;
  order.reserve(n);
  for (size_t i = 0; i < n; ++i)
    if (degree[i] <= threshold)
      order.push_back(static_cast<int64_t>(i));
  for (size_t i = 0; i < n; ++i)
    if (degree[i] > threshold)
      order.push_back(static_cast<int64_t>(i));
  return order;
}

Ilu0::Ilu0(size_t n, const int64_t *colPtr, const int64_t *rowIdx)
    : n(n), rowPtr(n + 1, 0), diag(n, -1), work(n, -1), scratch(n, 0.0) {
  order = hubsLastOrder(n, colPtr, rowIdx);
  std::vector<int64_t> position(n);
  for (size_t p = 0; p < n; ++p)
    position[order[p]] = static_cast<int64_t>(p);
  int64_t nnz = colPtr[n];
  for (int64_t e = 0; e < nnz; ++e)
    ++rowPtr[position[rowIdx[e]] + 1];
  for (size_t i = 0; i < n; ++i)
    rowPtr[i + 1] += rowPtr[i];
  colIdx.assign(nnz, 0);
  cscToCsr.assign(nnz, 0);
  lu.assign(nnz, 0);
  // Columns in new order, so that columns ascend within each new row.
  std::vector<int64_t> fill(rowPtr.begin(), rowPtr.end() - 1);
  for (size_t pj = 0; pj < n; ++pj) {
    int64_t j = order[pj];
    for (int64_t e = colPtr[j]; e < colPtr[j + 1]; ++e) {
      int64_t pi = position[rowIdx[e]];
      int64_t at = fill[pi]++;
      colIdx[at] = static_cast<int64_t>(pj);
      cscToCsr[e] = at;
      if (pi == static_cast<int64_t>(pj))
        diag[pj] = at;
    }
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
  double *w = scratch.data();
  for (size_t p = 0; p < n; ++p)
    w[p] = r[order[p]];
  for (size_t i = 0; i < n; ++i) {
    double s = w[i];
    for (int64_t e = rowPtr[i]; e < diag[i]; ++e)
      s -= lu[e] * w[colIdx[e]];
    w[i] = s;
  }
  for (size_t i = n; i-- > 0;) {
    double s = w[i];
    for (int64_t e = diag[i] + 1; e < rowPtr[i + 1]; ++e)
      s -= lu[e] * w[colIdx[e]];
    w[i] = s / lu[diag[i]];
  }
  for (size_t p = 0; p < n; ++p)
    z[order[p]] = w[p];
}
