//===- Spurious.cpp - unintended duplexes and hairpins --------------------===//
//
// The programme, for strands A (n bases) and C = reverse(B) (m bases), so that
// A[i] pairs with C[j] in antiparallel orientation:
//   1. E(i,j) = best dG of a helix whose last pair is (i,j), over: starting
//      a helix at (i,j); stacking on (i-1,j-1); a bulge of 1-3 nt on either
//      strand; an internal loop of up to 4 nt (1x1 mismatches included).
//   2. The best structure closes some E(i,j): a terminal penalty (duplex) or
//      a hairpin loop of C-index distance (hairpin).
// Cells are float; the extent of the best helix is carried along.
//
//===----------------------------------------------------------------------===//

#include "lib/thermo/Spurious.h"
#include <cmath>
#include <limits>
#include <vector>

using namespace crnc;
using namespace crnc::thermo;

namespace {
constexpr float Inf = std::numeric_limits<float>::infinity();
constexpr double Kelvin37 = 310.15;

// SantaLucia & Hicks 2004, Table 4, dG37 in kcal/mol (entropic). A 1x1 loop
// (single mismatch) costs two mismatch stacks at their mean, 0.43 kcal/mol,
// over the Allawi & SantaLucia parameters (primer3's stackmm table).
constexpr double BulgeDG37[4] = {0, 4.0, 2.9, 3.1};
constexpr double InteriorDG37[5] = {0, 0, 0.9, 3.2, 3.6};
constexpr double AsymmetryDG37 = 0.3; // per nt of |a-b|
// A helix end flanked by unpaired bases on both strands gains a terminal
// mismatch stack: -0.8 kcal/mol, a typical value of the 2004 Table 3 range.
constexpr double TerminalMismatchDG37 = -0.8;
constexpr double HairpinDG37[11] = {0,   0,   0,   3.5, 3.5, 3.3,
                                    4.0, 4.2, 4.3, 4.5, 4.6};

struct Cell {
  float g = Inf;
  uint16_t firstI = 0, firstJ = 0, pairs = 0;
};
} // namespace

SpuriousModel::SpuriousModel(const Conditions &conditions) : cond(conditions) {
  double kelvin = cond.temperatureK();
  double shift = inverseTmCorrection(0.5, 8, cond);
  auto salted = [&](const Thermo &t) {
    return float(t.dH - kelvin * (t.dS + t.dH * 1000.0 * shift) / 1000.0);
  };
  for (int x = 0; x < 4; ++x)
    for (int y = 0; y < 4; ++y)
      stacks[x * 4 + y] = salted(stack(x, y));
  for (int b = 0; b < 4; ++b)
    terminal[b] = salted(terminalPenalty(b));
  init = salted(initiation());
  mismatchEnd = float(TerminalMismatchDG37);
  double scale = kelvin / Kelvin37;
  for (unsigned n = 0; n < 4; ++n)
    bulge[n] = float(BulgeDG37[n] * scale);
  for (unsigned n = 0; n < 5; ++n)
    interior[n] = float(InteriorDG37[n] * scale);
  for (unsigned n = 0; n < hairpin.size(); ++n) {
    double g = n <= 10 ? HairpinDG37[n]
                       : HairpinDG37[10] + 2.44 * GasConstant * Kelvin37 *
                                               std::log(n / 10.0) / 1000.0;
    hairpin[n] = float(g * scale);
  }
}

float SpuriousModel::interiorDG(unsigned a, unsigned b) const {
  unsigned asym = a > b ? a - b : b - a;
  return interior[a + b] +
         float(AsymmetryDG37 * asym * cond.temperatureK() / Kelvin37);
}

float SpuriousModel::hairpinDG(unsigned loop) const {
  if (loop < hairpin.size())
    return hairpin[loop];
  return hairpin.back() + float(2.44 * GasConstant * cond.temperatureK() *
                                std::log(double(loop) / 30.0) / 1000.0);
}

static std::vector<int8_t> codes(llvm::StringRef s, bool reversed) {
  std::vector<int8_t> out(s.size());
  for (size_t i = 0; i < s.size(); ++i)
    out[reversed ? s.size() - 1 - i : i] = int8_t(baseCode(s[i]));
  return out;
}

/// Step 1 for one cell: the best way to end a helix at pair (i, j).
static Cell extend(const std::vector<Cell> &e, size_t m,
                   const std::vector<int8_t> &a, size_t i, size_t j,
                   float start, const SpuriousModel &model) {
  Cell best{start, uint16_t(i), uint16_t(j), 1};
  auto consider = [&](size_t pi, size_t pj, float cost) {
    const Cell &prev = e[pi * m + pj];
    if (prev.g == Inf || prev.g + cost >= best.g)
      return;
    best =
        Cell{prev.g + cost, prev.firstI, prev.firstJ, uint16_t(prev.pairs + 1)};
  };
  if (i >= 1 && j >= 1)
    consider(i - 1, j - 1, model.stackDG(a[i - 1], a[i]));
  // Bulges of k nt; a single-nucleotide bulge keeps the stack across it.
  for (unsigned k = 1; k <= 3; ++k) {
    if (i >= k + 1 && j >= 1) // on A
      consider(i - 1 - k, j - 1,
               model.bulgeDG(k) + (k == 1 ? model.stackDG(a[i - 2], a[i]) : 0));
    if (i >= 1 && j >= k + 1) // on B: A's bases stay adjacent
      consider(i - 1, j - 1 - k,
               model.bulgeDG(k) + (k == 1 ? model.stackDG(a[i - 1], a[i]) : 0));
  }
  for (unsigned k = 1; k <= 3; ++k)
    for (unsigned l = 1; k + l <= 4; ++l)
      if (i >= k + 1 && j >= l + 1)
        consider(i - 1 - k, j - 1 - l, model.interiorDG(k, l));
  return best;
}

/// Runs the programme; `allowed(i, j)` filters pairs, `start(i, j)` and
/// `close(i, j)` give the end terms (Inf forbids).
template <typename Allowed, typename Start, typename Close>
static SpuriousStructure
run(const std::vector<int8_t> &a, const std::vector<int8_t> &c,
    const SpuriousModel &model, Allowed allowed, Start start, Close close) {
  size_t n = a.size(), m = c.size();
  thread_local std::vector<Cell> e;
  e.assign(n * m, Cell());
  SpuriousStructure best;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < m; ++j) {
      if (a[i] + c[j] != 3 || !allowed(i, j))
        continue;
      Cell cell = extend(e, m, a, i, j, start(i, j), model);
      e[i * m + j] = cell;
      float total = cell.g + close(i, j);
      if (total < best.dG) {
        best.dG = total;
        best.basePairs = cell.pairs;
        best.firstA = cell.firstI, best.lastA = unsigned(i);
        // C is B reversed: B indices run the other way.
        best.firstB = unsigned(m - 1 - j),
        best.lastB = unsigned(m - 1 - cell.firstJ);
      }
    }
  return best;
}

SpuriousStructure thermo::bestDuplex(llvm::StringRef a, llvm::StringRef b,
                                     const SpuriousModel &model, PairKeys keysA,
                                     PairKeys keysB) {
  std::vector<int8_t> x = codes(a, false), c = codes(b, true);
  size_t m = c.size();
  auto allowed = [&](size_t i, size_t j) {
    if (keysA.empty() || keysB.empty())
      return true;
    uint64_t k = keysA[i];
    return k == 0 || k != keysB[m - 1 - j];
  };
  size_t n = x.size();
  auto start = [&](size_t i, size_t j) {
    return model.initiationDG() + model.terminalDG(x[i]) +
           (i > 0 && j > 0 ? model.terminalMismatchDG() : 0.f);
  };
  auto close = [&](size_t i, size_t j) {
    return model.terminalDG(x[i]) +
           (i + 1 < n && j + 1 < m ? model.terminalMismatchDG() : 0.f);
  };
  return run(x, c, model, allowed, start, close);
}

SpuriousStructure thermo::bestHairpin(llvm::StringRef strand,
                                      const SpuriousModel &model,
                                      PairKeys keys) {
  std::vector<int8_t> x = codes(strand, false), c = codes(strand, true);
  size_t n = x.size();
  auto allowed = [&](size_t i, size_t j) {
    size_t p = n - 1 - j;
    if (p < i + 4)
      return false;
    return keys.empty() || keys[i] == 0 || keys[i] != keys[p];
  };
  auto start = [&](size_t i, size_t j) {
    return model.terminalDG(x[i]) +
           (i > 0 && j > 0 ? model.terminalMismatchDG() : 0.f);
  };
  auto close = [&](size_t i, size_t j) {
    return model.hairpinDG(unsigned(n - 1 - j - i - 1)) +
           model.terminalDG(x[i]) + model.terminalMismatchDG();
  };
  return run(x, c, model, allowed, start, close);
}
