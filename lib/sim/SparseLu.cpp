//===- SparseLu.cpp - KLU factorization with a flat triangular solve ------===//
//
// KLU returns P, Q, Rs and the factors of the permuted, scaled matrix
//     diag(Rs)^-1 A(P, Q) = L U + F      (Rs in pivot order),
// L and U block diagonal (the BTF blocks), F the entries above the diagonal
// blocks. Solving A x = b therefore runs the blocks from last to first: the
// block's L and U solves, then F's columns of that block update the rows of
// earlier blocks. U's strictly upper part and F are stored together per
// column, so that update is the same loop as the backward substitution.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/SparseLu.h"
#include <klu.h>
#include <cmath>
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
  klu->symbolic = klu_l_analyze(static_cast<SuiteSparse_long>(n),
                                asKlu(colPtr.data()), asKlu(rowIdx.data()),
                                &klu->common);
  work.assign(n, 0.0);
  return klu->symbolic != nullptr;
}

bool SparseLu::factor(const double *values) {
  if (!klu->symbolic)
    return false;
  double *ax = const_cast<double *>(values);
  // Below eps^(2/3) the kept pivots may have grown useless: pivot afresh.
  static const double conditionFloor =
      std::pow(std::numeric_limits<double>::epsilon(), 2.0 / 3.0);
  bool reused = false;
  if (klu->numeric) {
    reused = klu_l_refactor(asKlu(colPtr.data()), asKlu(rowIdx.data()), ax, klu->symbolic,
                            klu->numeric, &klu->common) &&
             klu_l_rcond(klu->symbolic, klu->numeric, &klu->common) &&
             klu->common.rcond >= conditionFloor;
    if (!reused)
      klu_l_free_numeric(&klu->numeric, &klu->common);
  }
  if (reused) {
    ++refactors;
  } else {
    klu->numeric = klu_l_factor(asKlu(colPtr.data()), asKlu(rowIdx.data()), ax,
                                klu->symbolic, &klu->common);
    if (!klu->numeric)
      return false;
    if (klu->common.status == KLU_SINGULAR) {
      klu_l_free_numeric(&klu->numeric, &klu->common);
      return false;
    }
    ++fresh;
  }
  return extract();
}

size_t SparseLu::factorNonZeros() const {
  if (!klu->numeric)
    return 0;
  return static_cast<size_t>(klu->numeric->lnz + klu->numeric->unz +
                             klu->numeric->nzoff);
}

/// Copies KLU's factors into the flat arrays solve() reads.
bool SparseLu::extract() {
  klu_l_numeric *num = klu->numeric;
  size_t lnz = static_cast<size_t>(num->lnz), unz = static_cast<size_t>(num->unz);
  size_t fnz = static_cast<size_t>(num->nzoff);
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

  // Strictly lower L; U's strictly upper part followed by F; 1/diag(U).
  lowerPtr.resize(n + 1);
  lowerIdx.resize(lnz);
  lowerVal.resize(lnz);
  upperPtr.resize(n + 1);
  upperIdx.resize(unz + fnz);
  upperVal.resize(unz + fnz);
  diagInv.assign(n, 0.0);
  size_t nl = 0, nu = 0;
  lowerPtr[0] = upperPtr[0] = 0;
  for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) {
    for (int64_t p = exLp[k]; p < exLp[k + 1]; ++p)
      if (exLi[p] != k) {
        lowerIdx[nl] = exLi[p];
        lowerVal[nl++] = exLx[p];
      }
    lowerPtr[k + 1] = static_cast<int64_t>(nl);
    for (int64_t p = exUp[k]; p < exUp[k + 1]; ++p) {
      if (exUi[p] == k) {
        diagInv[k] = 1.0 / exUx[p];
      } else {
        upperIdx[nu] = exUi[p];
        upperVal[nu++] = exUx[p];
      }
    }
    for (int64_t p = exFp[k]; p < exFp[k + 1]; ++p) {
      upperIdx[nu] = exFi[p];
      upperVal[nu++] = exFx[p];
    }
    upperPtr[k + 1] = static_cast<int64_t>(nu);
  }
  return true;
}

void SparseLu::solve(double *x) const {
  double *X = work.data();
  const int64_t *P = rowPerm.data(), *Q = colPerm.data();
  const double *rs = rowScaleInv.data();
  for (size_t k = 0; k < n; ++k)
    X[k] = x[P[k]] * rs[k];
  const int64_t *lp = lowerPtr.data(), *li = lowerIdx.data();
  const int64_t *up = upperPtr.data(), *ui = upperIdx.data();
  const double *lx = lowerVal.data(), *ux = upperVal.data(), *dinv = diagInv.data();
  for (size_t b = blockStart.size() - 1; b-- > 0;) {
    int64_t k1 = blockStart[b], k2 = blockStart[b + 1];
    for (int64_t k = k1; k < k2; ++k) { // L y = X (unit diagonal)
      double xk = X[k];
      for (int64_t p = lp[k]; p < lp[k + 1]; ++p)
        X[li[p]] -= lx[p] * xk;
    }
    for (int64_t k = k2; k-- > k1;) { // U z = y, then F's updates
      double xk = X[k] * dinv[k];
      X[k] = xk;
      for (int64_t p = up[k]; p < up[k + 1]; ++p)
        X[ui[p]] -= ux[p] * xk;
    }
  }
  for (size_t k = 0; k < n; ++k)
    x[Q[k]] = X[k];
}
