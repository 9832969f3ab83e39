//===- SinkLaws.cpp - sinks the ODE integrator reconstructs ---------------===//
//
// For each sink w, species are gathered best-first from w through the
// channels that change them (fewest channels first), into a set S. A law with
// support in S is a vector c over S with c . n_r = 0 for every channel r that
// changes a species of S (channels changing none of S hold trivially). Reducing
// the matrix [n_r(s)] (rows r, columns S with w last) to reduced row echelon
// form, such a c with c_w != 0 exists exactly when w's column has no pivot;
// it is then c_w = 1 and c_p = -R(i, w) for the pivot column p of row i.
// Adding species to S never loses a law, so the search tries S at a few
// growing sizes and stops at the first law.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/SinkLaws.h"
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

using namespace crnc;
using namespace crnc::sim;

double SinkLaw::total(const double *x) const {
  double t = x[sink];
  for (auto &[s, c] : terms)
    t += c * x[s];
  return t;
}

double SinkLaw::reconstruct(const double *x, double total,
                            bool nonNegative) const {
  double v = total, magnitude = std::fabs(total);
  for (auto &[s, c] : terms) {
    v -= c * x[s];
    magnitude += std::fabs(c * x[s]);
  }
  constexpr double kRoundOff = 64 * std::numeric_limits<double>::epsilon();
  if (nonNegative && v < 0 && v >= -kRoundOff * magnitude)
    return 0;
  return v;
}

namespace {
/// The network's channels per species and the net change of a species in a
/// channel, from the CSR stoichiometry.
struct Stoichiometry {
  const CompiledNetwork &net;
  size_t writers(uint32_t s) const {
    auto ptr = net.stoichRowPtr();
    return static_cast<size_t>(ptr[s + 1] - ptr[s]);
  }
  template <typename F> void forEachWriter(uint32_t s, F f) const {
    auto ptr = net.stoichRowPtr();
    for (int32_t e = ptr[s]; e < ptr[s + 1]; ++e)
      f(static_cast<uint32_t>(net.stoichChannel()[e]), net.stoichValue()[e]);
  }
};

/// Sizes of S at which the search tries for a law.
constexpr size_t kTrySizes[] = {2, 3, 4, 6, 8, 12, 16};
static_assert(kTrySizes[std::size(kTrySizes) - 1] == kMaxLawSpecies,
              "the last try uses the whole search budget");

/// A law over `support` (sink last) or an empty law when none exists.
SinkLaw lawOver(const Stoichiometry &st, const std::vector<uint32_t> &support) {
  size_t m = support.size();
  std::vector<uint32_t> rows;
  for (uint32_t s : support)
    st.forEachWriter(s, [&](uint32_t c, double) { rows.push_back(c); });
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  // A(r, j): net change of support[j] in channel rows[r].
  std::vector<double> A(rows.size() * m, 0.0);
  for (size_t j = 0; j < m; ++j)
    st.forEachWriter(support[j], [&](uint32_t c, double d) {
      size_t r = static_cast<size_t>(
          std::lower_bound(rows.begin(), rows.end(), c) - rows.begin());
      A[r * m + j] = d;
    });
  std::vector<double> original = A;
  // Reduced row echelon form with partial pivoting.
  constexpr double kZero = 1e-9;
  std::vector<size_t> pivotCol;
  size_t rank = 0;
  for (size_t col = 0; col < m && rank < rows.size(); ++col) {
    size_t best = rank;
    for (size_t r = rank + 1; r < rows.size(); ++r)
      if (std::fabs(A[r * m + col]) > std::fabs(A[best * m + col]))
        best = r;
    double p = A[best * m + col];
    if (std::fabs(p) <= kZero)
      continue;
    if (best != rank)
      for (size_t j = 0; j < m; ++j)
        std::swap(A[best * m + j], A[rank * m + j]);
    for (size_t j = 0; j < m; ++j)
      A[rank * m + j] /= p;
    for (size_t r = 0; r < rows.size(); ++r) {
      double f = A[r * m + col];
      if (r == rank || f == 0)
        continue;
      for (size_t j = 0; j < m; ++j)
        A[r * m + j] -= f * A[rank * m + j];
    }
    pivotCol.push_back(col);
    ++rank;
  }
  SinkLaw law{support.back(), {}};
  if (!pivotCol.empty() && pivotCol.back() == m - 1)
    return law; // the sink's column has a pivot: no law within S
  std::vector<double> c(m, 0.0);
  c[m - 1] = 1;
  for (size_t i = 0; i < rank; ++i)
    c[pivotCol[i]] = -A[i * m + (m - 1)];
  for (double &x : c) // stoichiometry is integral: snap round-off
    if (std::fabs(x - std::round(x)) < kZero)
      x = std::round(x);
  for (size_t r = 0; r < rows.size(); ++r) {
    double sum = 0, scale = 0;
    for (size_t j = 0; j < m; ++j) {
      sum += c[j] * original[r * m + j];
      scale += std::fabs(c[j] * original[r * m + j]);
    }
    if (std::fabs(sum) > kZero * std::max(scale, 1.0))
      return law;
  }
  for (size_t j = 0; j + 1 < m; ++j)
    if (c[j] != 0)
      law.terms.emplace_back(support[j], c[j]);
  std::sort(law.terms.begin(), law.terms.end());
  return law;
}
} // namespace

SinkLaws sim::findSinkLaws(const CompiledNetwork &network) {
  size_t n = network.speciesCount();
  Stoichiometry st{network};
  std::vector<uint8_t> read(n, 0), sink(n, 0);
  for (size_t c = 0; c < network.channelCount(); ++c)
    for (uint32_t s : network.reactantSpecies(c))
      read[s] = 1;
  for (uint32_t s = 0; s < n; ++s)
    sink[s] = !read[s] && !network.isConstant(s) && st.writers(s) > 0;
  auto usable = [&](uint32_t s) {
    return !network.isConstant(s) && st.writers(s) <= kMaxLawChannels;
  };

  SinkLaws result;
  std::vector<uint32_t> found, frontier, support;
  for (uint32_t w = 0; w < n; ++w) {
    if (!sink[w] || !usable(w))
      continue;
    // Best-first from w over non-sink usable species: the species changed
    // by the fewest channels first (a gate's private strands before the
    // signals shared by many gates), ties in the order found.
    found.assign(1, w);
    frontier.clear();
    size_t tried = 0;
    auto tryLaw = [&]() {
      support.assign(found.begin() + 1, found.end());
      support.push_back(w);
      SinkLaw law = lawOver(st, support);
      if (law.terms.empty())
        return false;
      result.laws.push_back(std::move(law));
      return true;
    };
    auto expand = [&](uint32_t s) {
      st.forEachWriter(s, [&](uint32_t c, double) {
        for (uint32_t t : network.changeSpecies(c))
          if (!sink[t] && usable(t) &&
              std::find(found.begin(), found.end(), t) == found.end() &&
              std::find(frontier.begin(), frontier.end(), t) == frontier.end())
            frontier.push_back(t);
      });
    };
    expand(w);
    bool done = false;
    while (!done && !frontier.empty() && found.size() < kMaxLawSpecies) {
      auto best = std::min_element(frontier.begin(), frontier.end(),
                                   [&](uint32_t a, uint32_t b) {
                                     return st.writers(a) < st.writers(b);
                                   });
      uint32_t s = *best;
      frontier.erase(best);
      found.push_back(s);
      expand(s);
      bool last = frontier.empty() || found.size() == kMaxLawSpecies;
      if (last ||
          (tried < std::size(kTrySizes) && kTrySizes[tried] == found.size())) {
        while (tried < std::size(kTrySizes) && kTrySizes[tried] <= found.size())
          ++tried;
        done = tryLaw();
      }
    }
  }
  std::vector<uint8_t> eliminated(n, 0);
  for (const SinkLaw &law : result.laws)
    eliminated[law.sink] = 1;
  for (uint32_t s = 0; s < n; ++s)
    if (!eliminated[s])
      result.kept.push_back(s);
  return result;
}
