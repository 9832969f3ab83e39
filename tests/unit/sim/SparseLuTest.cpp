//===- SparseLuTest.cpp - KLU factors and the flat triangular solve -------===//
//
// Random sparse matrices with the structures Newton matrices of reaction
// networks have: many small strongly connected blocks (BTF), rows that need
// pivoting (zero or tiny diagonal entries), and a dense hub row and column.
// Each solve is checked by its residual |A x - b| / (|A| |x| + |b|) <= 1e-12,
// after a fresh factorization and after refactorizations with new values.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/SparseLu.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <set>

using namespace crnc::sim;

namespace {
/// An n x n CSC pattern with its values.
struct CscMatrix {
  size_t n = 0;
  std::vector<int64_t> colPtr, rowIdx;
  std::vector<double> values;
};

enum class Shape { BlockCascade, Pivoting, Hub };

/// Pattern: diagonal (possibly zero valued) plus shape-specific entries.
CscMatrix randomMatrix(Shape shape, size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<std::set<int64_t>> cols(n);
  for (size_t j = 0; j < n; ++j) {
    cols[j].insert(static_cast<int64_t>(j));
    switch (shape) {
    case Shape::BlockCascade: // 3x3 blocks, each feeding the next block
      for (size_t i = j / 3 * 3; i < std::min(n, j / 3 * 3 + 3); ++i)
        cols[j].insert(static_cast<int64_t>(i));
      if (j + 3 < n)
        cols[j].insert(static_cast<int64_t>(j + 3));
      break;
    case Shape::Pivoting: // random entries; diagonals below are made tiny
      for (int e = 0; e < 3; ++e)
        cols[j].insert(std::uniform_int_distribution<int64_t>(0, n - 1)(rng));
      break;
    case Shape::Hub: // row and column 0 touch everything
      cols[j].insert(0);
      cols[0].insert(static_cast<int64_t>(j));
      if (j + 1 < n)
        cols[j].insert(static_cast<int64_t>(j + 1));
      break;
    }
  }
  CscMatrix m;
  m.n = n;
  m.colPtr.push_back(0);
  for (size_t j = 0; j < n; ++j) {
    for (int64_t i : cols[j]) {
      m.rowIdx.push_back(i);
      m.values.push_back(u(rng));
    }
    m.colPtr.push_back(static_cast<int64_t>(m.rowIdx.size()));
  }
  return m;
}

/// New values on the same pattern; `shape` decides the diagonal.
void fillValues(CscMatrix &m, Shape shape, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  for (size_t j = 0; j < m.n; ++j)
    for (int64_t p = m.colPtr[j]; p < m.colPtr[j + 1]; ++p) {
      double v = u(rng);
      if (m.rowIdx[p] == static_cast<int64_t>(j))
        v = shape == Shape::Pivoting && j % 2 ? 1e-14 * v : 4 + v;
      m.values[p] = v;
    }
}

/// max_i |A x - b|_i / (|A|_inf |x|_inf + |b|_inf)
double relativeResidual(const CscMatrix &m, const std::vector<double> &x,
                        const std::vector<double> &b) {
  std::vector<double> r(b);
  std::vector<double> rowSum(m.n, 0);
  for (size_t j = 0; j < m.n; ++j)
    for (int64_t p = m.colPtr[j]; p < m.colPtr[j + 1]; ++p) {
      r[m.rowIdx[p]] -= m.values[p] * x[j];
      rowSum[m.rowIdx[p]] += std::fabs(m.values[p]);
    }
  auto maxAbs = [](const std::vector<double> &v) {
    double s = 0;
    for (double e : v)
      s = std::max(s, std::fabs(e));
    return s;
  };
  return maxAbs(r) / (maxAbs(rowSum) * maxAbs(x) + maxAbs(b));
}

double solveAndCheck(SparseLu &lu, const CscMatrix &m, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> b(m.n);
  for (double &e : b)
    e = u(rng);
  std::vector<double> x(b);
  lu.solve(x.data());
  return relativeResidual(m, x, b);
}
} // namespace

TEST_CASE("SparseLu solves block, pivoting and hub systems", "[sim][lu]") {
  for (Shape shape : {Shape::BlockCascade, Shape::Pivoting, Shape::Hub}) {
    for (size_t n : {1, 2, 7, 60, 500}) {
      CscMatrix m = randomMatrix(shape, n, 11 + n);
      fillValues(m, shape, 1);
      SparseLu lu;
      REQUIRE(lu.analyze(n, m.colPtr.data(), m.rowIdx.data()));
      bool ok = lu.factor(m.values.data());
      if (!ok) { // a random pivoting pattern may be structurally singular
        CHECK(shape == Shape::Pivoting);
        continue;
      }
      INFO("shape " << int(shape) << " n " << n);
      CHECK(solveAndCheck(lu, m, 2) < 1e-12);
      // New values on the same pattern: refactorization (or a fresh one).
      for (unsigned round = 0; round < 3; ++round) {
        fillValues(m, shape, 100 + round);
        REQUIRE(lu.factor(m.values.data()));
        CHECK(solveAndCheck(lu, m, 3 + round) < 1e-12);
      }
      CHECK(lu.freshFactorizations() + lu.refactorizations() == 4);
      CHECK(lu.factorNonZeros() >= m.rowIdx.size() / 2);
    }
  }
}

TEST_CASE("SparseLu refactors with the old pivots while they stay good",
          "[sim][lu]") {
  CscMatrix m = randomMatrix(Shape::BlockCascade, 300, 5);
  fillValues(m, Shape::BlockCascade, 1);
  SparseLu lu;
  REQUIRE(lu.analyze(m.n, m.colPtr.data(), m.rowIdx.data()));
  REQUIRE(lu.factor(m.values.data()));
  for (double &v : m.values)
    v *= 1.5; // same pivots remain excellent
  REQUIRE(lu.factor(m.values.data()));
  CHECK(lu.freshFactorizations() == 1);
  CHECK(lu.refactorizations() == 1);
  CHECK(solveAndCheck(lu, m, 9) < 1e-12);
}

TEST_CASE("SparseLu pivots afresh when the kept pivots break down",
          "[sim][lu]") {
  // [[d, 1], [1, 1]]: d = 4 pivots on d; then d = 0 makes that pivot zero.
  CscMatrix m;
  m.n = 2;
  m.colPtr = {0, 2, 4};
  m.rowIdx = {0, 1, 0, 1};
  m.values = {4, 1, 1, 1};
  SparseLu lu;
  REQUIRE(lu.analyze(2, m.colPtr.data(), m.rowIdx.data()));
  REQUIRE(lu.factor(m.values.data()));
  m.values[0] = 0;
  REQUIRE(lu.factor(m.values.data()));
  CHECK(lu.freshFactorizations() == 2);
  std::vector<double> x = {1, 2}; // x1 = 2 - x0, x1 = 1 -> x = (1, 1)
  lu.solve(x.data());
  CHECK(x[0] == Approx(1).epsilon(1e-14));
  CHECK(x[1] == Approx(1).epsilon(1e-14));
}

TEST_CASE("SparseLu reports a singular matrix", "[sim][lu]") {
  CscMatrix m;
  m.n = 2;
  m.colPtr = {0, 2, 4};
  m.rowIdx = {0, 1, 0, 1};
  m.values = {1, 2, 2, 4}; // rank one
  SparseLu lu;
  REQUIRE(lu.analyze(2, m.colPtr.data(), m.rowIdx.data()));
  CHECK_FALSE(lu.factor(m.values.data()));
}
