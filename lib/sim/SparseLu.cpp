//===- SparseLu.cpp - KLU factorization with a flat triangular solve ------===//
//
// KLU returns P, Q, Rs and the factors of the permuted, scaled matrix
//     diag(Rs)^-1 A(P, Q) = L U + F      (Rs in pivot order),
// L and U block diagonal (the BTF blocks), F the entries above the diagonal
// blocks. Solving A x = b therefore runs the blocks from last to first:
// solve the block, then let F's columns of that block update the rows of
// earlier blocks. Row scaling only matters inside a block (pivoting and the
// condition check), so F is kept unscaled, small blocks are inverted
// unscaled, and only large blocks apply the scales, to their own rows.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/SparseLu.h"
#include <algorithm>
#include <cmath>
#include <klu.h>
#include <limits>

using namespace crnc;
using namespace crnc::sim;

static_assert(sizeof(SuiteSparse_long) == sizeof(int64_t),
              "KLU's long interface must use 64-bit indices");

struct SparseLu::Klu {
  klu_l_common common;
  klu_l_symbolic *symbolic = nullptr;
  klu_l_numeric *numeric = nullptr;
  Klu() { klu_l_defaults(&common); }
  ~Klu() {
    if (numeric)
      klu_l_free_numeric(&numeric, &common);
    if (symbolic)
      klu_l_free_symbolic(&symbolic, &common);
  }
};

static SuiteSparse_long *asKlu(int64_t *p) {
  return reinterpret_cast<SuiteSparse_long *>(p);
}

SparseLu::SparseLu() : klu(std::make_unique<Klu>()) {}
SparseLu::~SparseLu() = default;

bool SparseLu::analyzed() const { return klu->symbolic != nullptr; }

double SparseLu::estimatedFactorNonZeros() const {
  const klu_l_symbolic *s = klu->symbolic;
  return s ? s->lnz + s->unz + double(s->nzoff) : 0;
}

double SparseLu::estimatedFlops() const {
  return klu->symbolic ? klu->symbolic->est_flops : 0;
}

bool SparseLu::analyze(size_t size, const int64_t *cp, const int64_t *ri) {
  if (klu->numeric)
    klu_l_free_numeric(&klu->numeric, &klu->common);
  if (klu->symbolic)
    klu_l_free_symbolic(&klu->symbolic, &klu->common);
  n = size;
  colPtr.assign(cp, cp + n + 1);
  rowIdx.assign(ri, ri + cp[n]);
  klu->common.ordering = 0; // AMD
  klu->symbolic =
      klu_l_analyze(static_cast<SuiteSparse_long>(n), asKlu(colPtr.data()),
                    asKlu(rowIdx.data()), &klu->common);
  work.assign(n, 0.0);
  columnWork.assign(n, 0.0);
  return klu->symbolic != nullptr;
}

// Below eps^(2/3) the kept pivots may have grown useless: pivot afresh.
static double conditionFloor() {
  static const double floor =
      std::pow(std::numeric_limits<double>::epsilon(), 2.0 / 3.0);
  return floor;
}

bool SparseLu::factor(const double *values) {
  if (!klu->symbolic)
    return false;
  if (klu->numeric && refactor(values)) {
    ++refactors;
    return true;
  }
  if (klu->numeric)
    klu_l_free_numeric(&klu->numeric, &klu->common);
  klu->numeric =
      klu_l_factor(asKlu(colPtr.data()), asKlu(rowIdx.data()),
                   const_cast<double *>(values), klu->symbolic, &klu->common);
  if (!klu->numeric)
    return false;
  if (klu->common.status == KLU_SINGULAR) {
    klu_l_free_numeric(&klu->numeric, &klu->common);
    return false;
  }
  ++fresh;
  double minPivot = std::numeric_limits<double>::infinity(), maxPivot = 0;
  return extract() && invertSmallBlocks(values, minPivot, maxPivot);
}

/// Factors again on the kept pivot sequence and pattern: KLU's max-row
/// scaling, F copied from the input, large blocks left-looking column by
/// column, small blocks densely (invertSmallBlocks), and KLU's cheap
/// condition estimate min|U(k,k)| / max|U(k,k)| on the scaled pivots.
bool SparseLu::refactor(const double *values) {
  if (!refactorReady)
    return false;
  double *rsInv = rowScaleInv.data();
  std::fill(rowScaleInv.begin(), rowScaleInv.end(), 0.0);
  size_t nnz = static_cast<size_t>(colPtr[n]);
  for (size_t p = 0; p < nnz; ++p) {
    double &m = rsInv[entryRow[p]];
    m = std::max(m, std::fabs(values[p]));
    if (entrySlot[p] >= 0)
      offVal[static_cast<size_t>(entrySlot[p])] = values[p];
  }
  for (size_t i = 0; i < n; ++i) {
    if (!(rsInv[i] > 0) || !std::isfinite(rsInv[i]))
      return false;
    rsInv[i] = 1.0 / rsInv[i];
  }
  double *x = columnWork.data();
  double minPivot = std::numeric_limits<double>::infinity(), maxPivot = 0;
  for (Index k = 0; k < static_cast<Index>(n); ++k) {
    if (inSmallBlock[k])
      continue; // invertSmallBlocks() below
    Index k1 = columnBlockStart[k], c = colPerm[k];
    Index uBegin = upperPtr[k], uEnd = upperPtr[k + 1];
    Index lBegin = lowerPtr[k], lEnd = lowerPtr[k + 1];
    for (Index p = uBegin; p < uEnd; ++p)
      x[upperIdx[p]] = 0;
    for (Index p = lBegin; p < lEnd; ++p)
      x[lowerIdx[p]] = 0;
    x[k] = 0;
    for (int64_t p = colPtr[c]; p < colPtr[c + 1]; ++p) {
      Index i = entryRow[p];
      if (i >= k1)
        x[i] = values[p] * rsInv[i];
    }
    for (Index p = uBegin; p < uEnd; ++p) { // rows of U(:,k), ascending
      Index j = upperIdx[p];
      double xj = x[j];
      upperVal[p] = xj;
      for (Index q = lowerPtr[j]; q < lowerPtr[j + 1]; ++q)
        x[lowerIdx[q]] -= lowerVal[q] * xj;
    }
    double pivot = x[k];
    double inv = 1.0 / pivot;
    if (!std::isfinite(inv) || !std::isfinite(pivot))
      return false;
    diagInv[k] = inv;
    for (Index p = lBegin; p < lEnd; ++p)
      lowerVal[p] = x[lowerIdx[p]] * inv;
    minPivot = std::min(minPivot, std::fabs(pivot));
    maxPivot = std::max(maxPivot, std::fabs(pivot));
  }
  if (!invertSmallBlocks(values, minPivot, maxPivot))
    return false;
  return n == 0 || minPivot >= conditionFloor() * maxPivot;
}

size_t SparseLu::factorNonZeros() const {
  if (!klu->numeric)
    return 0;
  return static_cast<size_t>(klu->numeric->lnz + klu->numeric->unz +
                             klu->numeric->nzoff);
}

/// Copies KLU's factors into the flat arrays: strictly lower L, strictly
/// upper U with rows ascending, 1/diag(U), and F unscaled (A's values).
bool SparseLu::extract() {
  klu_l_numeric *num = klu->numeric;
  size_t lnz = static_cast<size_t>(num->lnz),
         unz = static_cast<size_t>(num->unz);
  size_t fnz = static_cast<size_t>(num->nzoff);
  constexpr size_t kIndexLimit =
      static_cast<size_t>(std::numeric_limits<Index>::max());
  if (n >= kIndexLimit || lnz >= kIndexLimit || unz >= kIndexLimit ||
      fnz >= kIndexLimit)
    return false;
  exLp.resize(n + 1);
  exLi.resize(lnz);
  exLx.resize(lnz);
  exUp.resize(n + 1);
  exUi.resize(unz);
  exUx.resize(unz);
  exFp.resize(n + 1);
  exFi.resize(std::max<size_t>(fnz, 1));
  exFx.resize(std::max<size_t>(fnz, 1));
  exP.resize(n);
  exQ.resize(n);
  exRs.resize(n);
  exR.resize(n + 1);
  if (!klu_l_extract(num, klu->symbolic, asKlu(exLp.data()), asKlu(exLi.data()),
                     exLx.data(), asKlu(exUp.data()), asKlu(exUi.data()),
                     exUx.data(), asKlu(exFp.data()), asKlu(exFi.data()),
                     exFx.data(), asKlu(exP.data()), asKlu(exQ.data()),
                     exRs.data(), asKlu(exR.data()), &klu->common))
    return false;

  size_t blocks = static_cast<size_t>(klu->symbolic->nblocks);
  blockStart.assign(exR.begin(), exR.begin() + blocks + 1);
  rowPerm.assign(exP.begin(), exP.end());
  colPerm.assign(exQ.begin(), exQ.end());
  rowScaleInv.resize(n); // in pivot order, as klu_l_extract returns Rs
  bool scaled = klu->common.scale > 0;
  for (size_t i = 0; i < n; ++i)
    rowScaleInv[i] = scaled ? 1.0 / exRs[i] : 1.0;
  columnBlockStart.resize(n);
  for (size_t b = 0; b < blocks; ++b)
    for (Index k = blockStart[b]; k < blockStart[b + 1]; ++k)
      columnBlockStart[k] = blockStart[b];

  lowerPtr.assign(1, 0);
  upperPtr.assign(1, 0);
  offPtr.assign(1, 0);
  lowerIdx.clear();
  lowerVal.clear();
  upperIdx.clear();
  upperVal.clear();
  offIdx.clear();
  offVal.clear();
  diagInv.assign(n, 0.0);
  std::vector<std::pair<Index, double>> column;
  for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) {
    for (int64_t p = exLp[k]; p < exLp[k + 1]; ++p)
      if (exLi[p] != k) {
        lowerIdx.push_back(static_cast<Index>(exLi[p]));
        lowerVal.push_back(exLx[p]);
      }
    lowerPtr.push_back(static_cast<Index>(lowerIdx.size()));
    column.clear();
    for (int64_t p = exUp[k]; p < exUp[k + 1]; ++p) {
      if (exUi[p] == k)
        diagInv[k] = 1.0 / exUx[p];
      else
        column.emplace_back(static_cast<Index>(exUi[p]), exUx[p]);
    }
    std::sort(column.begin(), column.end());
    for (auto &[i, v] : column) {
      upperIdx.push_back(i);
      upperVal.push_back(v);
    }
    upperPtr.push_back(static_cast<Index>(upperIdx.size()));
    for (int64_t p = exFp[k]; p < exFp[k + 1]; ++p) {
      Index i = static_cast<Index>(exFi[p]);
      offIdx.push_back(i);
      offVal.push_back(exFx[p] / rowScaleInv[i]);
    }
    offPtr.push_back(static_cast<Index>(offIdx.size()));
  }
  prepareRefactor();
  return true;
}

/// Maps every input entry to its row in pivot order and, for entries in F,
/// to its slot in offVal; marks the small blocks and sizes their inverses.
/// Without a slot for some F entry (KLU dropped it) only fresh factors are
/// used.
void SparseLu::prepareRefactor() {
  refactorReady = false;
  std::vector<Index> pivotRowOf(n);
  for (size_t k = 0; k < n; ++k)
    pivotRowOf[static_cast<size_t>(rowPerm[k])] = static_cast<Index>(k);
  size_t nnz = static_cast<size_t>(colPtr[n]);
  entryRow.resize(nnz);
  entrySlot.assign(nnz, -1);
  bool complete = true;
  for (size_t k = 0; k < n; ++k) {
    Index c = colPerm[k], k1 = columnBlockStart[k];
    for (int64_t p = colPtr[c]; p < colPtr[c + 1]; ++p) {
      Index i = pivotRowOf[static_cast<size_t>(rowIdx[p])];
      entryRow[p] = i;
      if (i >= k1)
        continue;
      for (Index q = offPtr[k]; q < offPtr[k + 1]; ++q)
        if (offIdx[q] == i)
          entrySlot[p] = q;
      complete = complete && entrySlot[p] >= 0;
    }
  }
  size_t blocks = blockStart.size() - 1, size = 0;
  inverseStart.assign(blocks, -1);
  inSmallBlock.assign(n, 0);
  for (size_t b = 0; b < blocks; ++b) {
    int64_t m = blockStart[b + 1] - blockStart[b];
    if (m > kMaxInvertedBlock)
      continue;
    inverseStart[b] = static_cast<int64_t>(size);
    size += static_cast<size_t>(m * m);
    for (Index k = blockStart[b]; k < blockStart[b + 1]; ++k)
      inSmallBlock[k] = 1;
  }
  blockInverse.assign(size, 0.0);
  refactorReady = complete;
}

namespace {
/// LU of a dense M x M block (rows in pivot order, no further pivoting),
/// then its inverse, row-major, into `inv`. False on a zero or non-finite
/// pivot; otherwise widens [minPivot, maxPivot] by the pivots' magnitudes
/// after row scaling by `rsInv`.
template <int M>
bool invertDenseBlock(double (*a)[SparseLu::kMaxInvertedBlock],
                      const double *rsInv, double *inv, double &minPivot,
                      double &maxPivot) {
  double pivotInv[M];
  for (int c = 0; c < M; ++c) {
    double pivot = a[c][c];
    if (pivot == 0 || !std::isfinite(pivot))
      return false;
    double scaledPivot = std::fabs(pivot * rsInv[c]);
    minPivot = std::min(minPivot, scaledPivot);
    maxPivot = std::max(maxPivot, scaledPivot);
    pivotInv[c] = 1.0 / pivot;
    for (int i = c + 1; i < M; ++i) {
      a[i][c] *= pivotInv[c];
      for (int j = c + 1; j < M; ++j)
        a[i][j] -= a[i][c] * a[c][j];
    }
  }
  bool finite = true;
  for (int j = 0; j < M; ++j) {
    double col[M];
    for (int i = 0; i < M; ++i)
      col[i] = i == j ? 1.0 : 0.0;
    for (int c = 0; c < M; ++c) // L y = e_j
      for (int i = c + 1; i < M; ++i)
        col[i] -= a[i][c] * col[c];
    for (int c = M; c-- > 0;) { // U z = y
      col[c] *= pivotInv[c];
      for (int i = 0; i < c; ++i)
        col[i] -= a[i][c] * col[c];
    }
    for (int i = 0; i < M; ++i) {
      finite = finite && std::isfinite(col[i]);
      inv[i * M + j] = col[i];
    }
  }
  return finite;
}
} // namespace

/// Each block of 1..kMaxInvertedBlock rows of `values` (unscaled, in pivot
/// order), factored densely on the kept pivots and inverted.
bool SparseLu::invertSmallBlocks(const double *values, double &minPivot,
                                 double &maxPivot) {
  double a[kMaxInvertedBlock][kMaxInvertedBlock];
  for (size_t blk = 0; blk + 1 < blockStart.size(); ++blk) {
    if (inverseStart[blk] < 0)
      continue;
    Index k1 = blockStart[blk], m = blockStart[blk + 1] - k1;
    for (Index i = 0; i < m; ++i)
      for (Index j = 0; j < m; ++j)
        a[i][j] = 0;
    for (Index j = 0; j < m; ++j) {
      Index c = colPerm[k1 + j];
      for (int64_t p = colPtr[c]; p < colPtr[c + 1]; ++p) {
        Index i = entryRow[p];
        if (i >= k1)
          a[i - k1][j] = values[p];
      }
    }
    double *inv = blockInverse.data() + inverseStart[blk];
    const double *rs = rowScaleInv.data() + k1;
    bool ok = m == 1   ? invertDenseBlock<1>(a, rs, inv, minPivot, maxPivot)
              : m == 2 ? invertDenseBlock<2>(a, rs, inv, minPivot, maxPivot)
              : m == 3 ? invertDenseBlock<3>(a, rs, inv, minPivot, maxPivot)
                       : invertDenseBlock<4>(a, rs, inv, minPivot, maxPivot);
    if (!ok)
      return false;
  }
  return true;
}

namespace {
/// The arrays one solve reads. X accumulates, per row in pivot order, F's
/// updates from the blocks solved before the row's own; a row's right-hand
/// side is gathered from b only when its block is solved, and its solution is
/// written to x at once, so neither needs a pass of its own. Reading a row of
/// X zeroes it, so X is all zeros between solves without a pass either.
template <typename Index> struct SolveView {
  const double *b;
  double *x, *X;
  const Index *P, *Q, *fp, *fi;
  const double *fv;
  double rhs(Index k) const {
    double r = b[P[k]] + X[k];
    X[k] = 0;
    return r;
  }
  /// F's column k applied to the rows of earlier blocks, for solution xk.
  void scatter(Index k, double xk) const {
    for (Index p = fp[k]; p < fp[k + 1]; ++p)
      X[fi[p]] -= fv[p] * xk;
  }
};

/// Solves one block of M rows from k1 by its row-major inverse. The solution
/// stays in registers for F's updates.
template <int M, typename Index>
inline void solveInvertedBlock(const SolveView<Index> &v, const double *inv,
                               Index k1) {
  double r[M], y[M];
  for (int j = 0; j < M; ++j)
    r[j] = v.rhs(k1 + j);
  for (int i = 0; i < M; ++i) {
    double s = inv[i * M] * r[0];
    for (int j = 1; j < M; ++j)
      s += inv[i * M + j] * r[j];
    y[i] = s;
  }
  for (int i = 0; i < M; ++i) {
    v.x[v.Q[k1 + i]] = y[i];
    v.scatter(k1 + i, y[i]);
  }
}
} // namespace

void SparseLu::solve(double *x) const {
  solveCopy.assign(x, x + n);
  solve(solveCopy.data(), x);
}

void SparseLu::solve(const double *b, double *x) const {
  double *X = work.data(); // all zeros (see SolveView)
  SolveView<Index> v{b,
                     x,
                     X,
                     rowPerm.data(),
                     colPerm.data(),
                     offPtr.data(),
                     offIdx.data(),
                     offVal.data()};
  const Index *lp = lowerPtr.data(), *li = lowerIdx.data();
  const Index *up = upperPtr.data(), *ui = upperIdx.data();
  const double *lx = lowerVal.data(), *ux = upperVal.data(),
               *dinv = diagInv.data();
  const double *rs = rowScaleInv.data();
  for (size_t blk = blockStart.size() - 1; blk-- > 0;) {
    Index k1 = blockStart[blk], k2 = blockStart[blk + 1];
    if (inverseStart[blk] >= 0) {
      const double *inv = blockInverse.data() + inverseStart[blk];
      switch (k2 - k1) {
      case 1:
        solveInvertedBlock<1>(v, inv, k1);
        break;
      case 2:
        solveInvertedBlock<2>(v, inv, k1);
        break;
      case 3:
        solveInvertedBlock<3>(v, inv, k1);
        break;
      default:
        solveInvertedBlock<4>(v, inv, k1);
        break;
      }
      continue;
    }
    for (Index k = k1; k < k2; ++k) // the block's rows, scaled
      X[k] = rs[k] * v.rhs(k);
    for (Index k = k1; k < k2; ++k) { // L y = X (unit diagonal)
      double xk = X[k];
      for (Index p = lp[k]; p < lp[k + 1]; ++p)
        X[li[p]] -= lx[p] * xk;
    }
    for (Index k = k2; k-- > k1;) { // U z = y
      double xk = X[k] * dinv[k];
      X[k] = 0;
      for (Index p = up[k]; p < up[k + 1]; ++p)
        X[ui[p]] -= ux[p] * xk;
      x[v.Q[k]] = xk;
      v.scatter(k, xk);
    }
  }
}
