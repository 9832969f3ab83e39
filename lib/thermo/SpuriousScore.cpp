//===- SpuriousScore.cpp - the spurious estimate, score only, fast --------===//
//
// Row i of the programme (Spurious.cpp) from rows i-1 .. i-4, for all j:
//   1. E(i, .) = start(i, .)
//   2. for each of the 13 predecessors (stack, bulges, internal loops) at
//      (i - dk, j - dl) with a cost that depends on i only:
//      E(i, j) = min(E(i, j), E(i - dk, j - dl) + cost)
//   3. E(i, j) = Inf where A[i] does not pair with C[j] or the pair is
//      intended (pair keys) or, in a hairpin, closes a loop under 3 nt;
//   4. best(j) = min(best(j), E(i, j) + close(i, j)).
// Rows live in a ring of five, each with four Inf columns in front, so a
// predecessor off the matrix reads Inf. Each step is an element-wise pass;
// the function is compiled for AVX2 and for the baseline, picked at load
// time (both give the same floats: add and min are exact IEEE operations, no
// fused multiply-add is involved).
//
//===----------------------------------------------------------------------===//

#include "lib/thermo/SpuriousScore.h"
#include <algorithm>
#include <limits>

using namespace crnc;
using namespace crnc::thermo;

namespace {
constexpr float Inf = std::numeric_limits<float>::infinity();
constexpr size_t Pad = 4;

struct Predecessor {
  size_t rows, cols;
  float cost;
};

/// One side of the programme: A's codes (rows) and C's codes and keys
/// (columns); `hairpin` selects the hairpin's ends and loop bound.
struct Problem {
  const int8_t *x;
  size_t n;
  const int32_t *c;
  size_t m;
  /// A's pair keys by row and C's (key, column) sorted; null: no mask.
  const uint64_t *keys;
  const std::vector<std::pair<uint64_t, uint32_t>> *keyColumns;
  bool hairpin;
};
} // namespace

/// The loop costs that do not depend on the row, computed once per call.
struct LoopCosts {
  float bulge[4];
  float interior[4][4];
  explicit LoopCosts(const SpuriousModel &model) {
    for (unsigned k = 1; k <= 3; ++k) {
      bulge[k] = model.bulgeDG(k);
      for (unsigned l = 1; k + l <= 4; ++l)
        interior[k][l] = model.interiorDG(k, l);
    }
  }
};

/// The predecessors of row i with their costs, as Spurious.cpp's extend()
/// computes them (same expressions, so the same floats).
static unsigned predecessors(const int8_t *a, size_t i,
                             const SpuriousModel &model, const LoopCosts &loop,
                             Predecessor *out) {
  unsigned count = 0;
  if (i >= 1)
    out[count++] = {1, 1, model.stackDG(a[i - 1], a[i])};
  for (unsigned k = 1; k <= 3; ++k) {
    if (i >= k + 1)
      out[count++] = {k + 1, 1,
                      loop.bulge[k] +
                          (k == 1 ? model.stackDG(a[i - 2], a[i]) : 0)};
    if (i >= 1)
      out[count++] = {1, k + 1,
                      loop.bulge[k] +
                          (k == 1 ? model.stackDG(a[i - 1], a[i]) : 0)};
  }
  for (unsigned k = 1; k <= 3; ++k)
    for (unsigned l = 1; k + l <= 4; ++l)
      if (i >= k + 1)
        out[count++] = {k + 1, l + 1, loop.interior[k][l]};
  return count;
}

/// E(i, j) for j in [0, m) when rows i-1 .. i-4 all exist: the start
/// `s1`, the 13 predecessors and the pairing mask, fused in one pass.
__attribute__((always_inline)) static inline void
relaxAll(float *__restrict cur, const float *const *rows, const Predecessor *q,
         const int32_t *__restrict c, int32_t want, int32_t last, float s1,
         size_t m) {
  const float *__restrict p0 = rows[q[0].rows - 1] - q[0].cols;
  const float c0 = q[0].cost;
  const float *__restrict p1 = rows[q[1].rows - 1] - q[1].cols;
  const float c1 = q[1].cost;
  const float *__restrict p2 = rows[q[2].rows - 1] - q[2].cols;
  const float c2 = q[2].cost;
  const float *__restrict p3 = rows[q[3].rows - 1] - q[3].cols;
  const float c3 = q[3].cost;
  const float *__restrict p4 = rows[q[4].rows - 1] - q[4].cols;
  const float c4 = q[4].cost;
  const float *__restrict p5 = rows[q[5].rows - 1] - q[5].cols;
  const float c5 = q[5].cost;
  const float *__restrict p6 = rows[q[6].rows - 1] - q[6].cols;
  const float c6 = q[6].cost;
  const float *__restrict p7 = rows[q[7].rows - 1] - q[7].cols;
  const float c7 = q[7].cost;
  const float *__restrict p8 = rows[q[8].rows - 1] - q[8].cols;
  const float c8 = q[8].cost;
  const float *__restrict p9 = rows[q[9].rows - 1] - q[9].cols;
  const float c9 = q[9].cost;
  const float *__restrict p10 = rows[q[10].rows - 1] - q[10].cols;
  const float c10 = q[10].cost;
  const float *__restrict p11 = rows[q[11].rows - 1] - q[11].cols;
  const float c11 = q[11].cost;
  const float *__restrict p12 = rows[q[12].rows - 1] - q[12].cols;
  const float c12 = q[12].cost;
  for (size_t j = 0; j < m; ++j) {
    float v = s1;
    v = std::min(v, p0[j] + c0);
    v = std::min(v, p1[j] + c1);
    v = std::min(v, p2[j] + c2);
    v = std::min(v, p3[j] + c3);
    v = std::min(v, p4[j] + c4);
    v = std::min(v, p5[j] + c5);
    v = std::min(v, p6[j] + c6);
    v = std::min(v, p7[j] + c7);
    v = std::min(v, p8[j] + c8);
    v = std::min(v, p9[j] + c9);
    v = std::min(v, p10[j] + c10);
    v = std::min(v, p11[j] + c11);
    v = std::min(v, p12[j] + c12);
    cur[j] = c[j] == want && int32_t(j) < last ? v : Inf;
  }
}

/// The same for the first rows, predecessor by predecessor.
__attribute__((always_inline)) static inline void
relaxSome(float *__restrict cur, const float *const *rows, const Predecessor *q,
          unsigned count, const int32_t *__restrict c, int32_t want,
          int32_t last, float s1, size_t m) {
  for (size_t j = 0; j < m; ++j)
    cur[j] = s1;
  for (unsigned k = 0; k < count; ++k) {
    const float *__restrict prev = rows[q[k].rows - 1] - q[k].cols;
    const float cost = q[k].cost;
    for (size_t j = 0; j < m; ++j)
      cur[j] = std::min(cur[j], prev[j] + cost);
  }
  for (size_t j = 0; j < m; ++j)
    cur[j] = c[j] == want && int32_t(j) < last ? cur[j] : Inf;
}

__attribute__((target_clones("avx2", "default"))) static float
scoreRows(const Problem &p, const SpuriousModel &model) {
  // Columns rounded up to whole vectors; the extra ones never pair.
  size_t m = (p.m + 7) / 8 * 8, width = m + Pad;
  thread_local std::vector<float> ring, close, best, loops;
  thread_local std::vector<int32_t> c;
  ring.assign(5 * width, Inf);
  close.assign(m, 0.f);
  best.assign(m, 0.f);
  c.assign(p.c, p.c + p.m);
  c.resize(m, -8);
  if (p.hairpin) {
    loops.resize(p.n + 1);
    for (size_t l = 3; l <= p.n; ++l)
      loops[l] = model.hairpinDG(unsigned(l));
  }
  const float mm = model.terminalMismatchDG();
  const LoopCosts costs(model);
  Predecessor preds[13];
  const float *rows[4];
  for (size_t i = 0; i < p.n; ++i) {
    float *cur = ring.data() + (i % 5) * width + Pad;
    size_t end = p.m;
    if (p.hairpin) // the partner p = n-1-j must satisfy p >= i + 4
      end = p.n >= i + 4 ? std::min(p.m, p.n - 4 - i) : 0;
    const float term = model.terminalDG(p.x[i]);
    const float s0 = p.hairpin ? term : model.initiationDG() + term;
    const float s1 = i > 0 ? s0 + mm : s0;
    unsigned count = predecessors(p.x, i, model, costs, preds);
    for (size_t r = 1; r <= 4 && r <= i; ++r)
      rows[r - 1] = ring.data() + ((i - r) % 5) * width + Pad;
    const int32_t want = 3 - p.x[i], last = int32_t(end);
    if (count == 13)
      relaxAll(cur, rows, preds, c.data(), want, last, s1, m);
    else
      relaxSome(cur, rows, preds, count, c.data(), want, last, s1, m);
    // Column 0 has no predecessor (they read the Inf padding): the start
    // without a mismatch on the partner's side.
    cur[0] = c[0] == want && 0 < last ? s0 : Inf;
    if (p.keys && p.keys[i] != 0) { // intended pairs: a few columns
      auto range = std::equal_range(
          p.keyColumns->begin(), p.keyColumns->end(),
          std::pair<uint64_t, uint32_t>{p.keys[i], 0},
          [](const auto &x, const auto &y) { return x.first < y.first; });
      for (auto it = range.first; it != range.second; ++it)
        cur[it->second] = Inf;
    }
    if (p.hairpin) {
      for (size_t j = 0; j < end; ++j)
        close[j] = loops[p.n - 2 - i - j] + term + mm;
    } else {
      const float inner = i + 1 < p.n ? term + mm : term;
      for (size_t j = 0; j + 1 < p.m; ++j)
        close[j] = inner;
      close[p.m - 1] = term;
    }
    for (size_t j = 0; j < m; ++j)
      best[j] = std::min(best[j], cur[j] + close[j]);
  }
  float result = 0.f;
  for (float b : best)
    result = std::min(result, b);
  return result;
}

PreparedStrand thermo::prepareStrand(llvm::StringRef sequence, PairKeys keys) {
  PreparedStrand s;
  size_t n = sequence.size();
  s.codes.resize(n), s.reversed.resize(n);
  for (size_t i = 0; i < n; ++i) {
    s.codes[i] = int8_t(baseCode(sequence[i]));
    s.reversed[n - 1 - i] = s.codes[i];
  }
  if (!keys.empty()) {
    s.keys.assign(keys.begin(), keys.end());
    for (size_t i = 0; i < n; ++i)
      if (keys[i] != 0)
        s.keyColumns.push_back({keys[i], uint32_t(n - 1 - i)});
    std::sort(s.keyColumns.begin(), s.keyColumns.end());
  }
  return s;
}

double thermo::bestDuplexDG(const PreparedStrand &a, const PreparedStrand &b,
                            const SpuriousModel &model) {
  bool masked = !a.keys.empty() && !b.keys.empty();
  Problem p{a.codes.data(),
            a.codes.size(),
            b.reversed.data(),
            b.reversed.size(),
            masked ? a.keys.data() : nullptr,
            masked ? &b.keyColumns : nullptr,
            false};
  return scoreRows(p, model);
}

double thermo::bestHairpinDG(const PreparedStrand &s,
                             const SpuriousModel &model) {
  bool masked = !s.keys.empty();
  Problem p{s.codes.data(),
            s.codes.size(),
            s.reversed.data(),
            s.reversed.size(),
            masked ? s.keys.data() : nullptr,
            masked ? &s.keyColumns : nullptr,
            true};
  return scoreRows(p, model);
}
