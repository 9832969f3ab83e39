//===- Condense.cpp - resting macrostates and condensed reactions ---------===//
//
// Condensation as in Grun et al. 2014 and Peppercorn 1.1:
//  1. Strongly connected components of the fast 1-1 reactions.
//  2. A component with no fast exit is a resting macrostate; its stationary
//     distribution comes from its internal reactions.
//  3. A transient component ends, through each fast exit reaction, in a
//     distribution over multisets of macrostates ("fates"); the absorption
//     probabilities B = (I - Q)^-1 R weigh the exits.
//  4. A slow detailed reaction between resting complexes becomes condensed
//     reactions to each fate of its products, with rate
//     sum of stationary(reactants) * k * P(fate).
//
//===----------------------------------------------------------------------===//

#include "lib/enumerate/Enumerator.h"
#include "lib/enumerate/Tarjan.h"
#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>

using namespace crnc;
using namespace crnc::enumerate;

namespace {
using Fate = std::vector<MacrostateId>; ///< sorted multiset
using FateDistribution = std::map<Fate, double>;
using Matrix = std::vector<std::vector<double>>;

/// Solves A X = B in place by Gaussian elimination with partial pivoting
/// (A is n x n, B is n x m); X replaces B.
void solveDense(Matrix a, Matrix &b) {
  size_t n = a.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r)
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col]))
        pivot = r;
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    double d = a[col][col];
    if (d == 0)
      continue;
    for (size_t r = 0; r < n; ++r) {
      if (r == col || a[r][col] == 0)
        continue;
      double f = a[r][col] / d;
      for (size_t c = col; c < n; ++c)
        a[r][c] -= f * a[col][c];
      for (size_t c = 0; c < b[r].size(); ++c)
        b[r][c] -= f * b[col][c];
    }
  }
  for (size_t r = 0; r < n; ++r)
    for (double &x : b[r])
      x = a[r][r] == 0 ? 0 : x / a[r][r];
}

/// Strongly connected components of the fast 1-1 reactions, in emission
/// order (a component comes after every component it reaches).
std::vector<std::vector<ComplexId>>
fastComponents(const EnumeratedSystem &sys,
               const std::vector<std::vector<size_t>> &out) {
  return stronglyConnectedComponents(
      sys.complexes.size(), [&](uint32_t v, std::vector<uint32_t> &next) {
        for (size_t r : out[v])
          if (sys.reactions[r].products.size() == 1)
            next.push_back(sys.reactions[r].products.front());
      });
}

class Condenser {
public:
  Condenser(EnumeratedSystem &sys, bool peppercornRates)
      : sys(sys), peppercornRates(peppercornRates) {}
  void run();

private:
  void restingComponent(const std::vector<ComplexId> &component);
  void transientComponent(const std::vector<ComplexId> &component,
                          const std::vector<size_t> &exits);
  FateDistribution productFates(const std::vector<ComplexId> &products,
                                std::map<Fate, double> *ways = nullptr) const;
  void condensedReactions();
  double compatibleRate(const Fate &reactants, const Fate &products) const;

  EnumeratedSystem &sys;
  bool peppercornRates;
  std::vector<std::vector<size_t>> fastOut;
  std::vector<FateDistribution> fates;
  std::vector<double> stationary;
};
} // namespace

void Condenser::restingComponent(const std::vector<ComplexId> &component) {
  MacrostateId ms = static_cast<MacrostateId>(sys.macrostates.size());
  size_t n = component.size();
  std::map<ComplexId, size_t> local;
  for (size_t i = 0; i < n; ++i)
    local[component[i]] = i;
  // Stationary distribution: pi G = 0 with sum(pi) = 1, where G holds the
  // internal rates; the last balance equation is replaced by the sum.
  Matrix a(n, std::vector<double>(n, 0.0));
  for (ComplexId c : component)
    for (size_t r : fastOut[c]) {
      const DetailedReaction &rx = sys.reactions[r];
      size_t i = local[c], j = local.at(rx.products.front());
      a[j][i] += rx.rate;
      a[i][i] -= rx.rate;
    }
  for (size_t i = 0; i < n; ++i)
    a[n - 1][i] = 1.0;
  Matrix b(n, std::vector<double>(1, 0.0));
  b[n - 1][0] = 1.0;
  solveDense(a, b);
  RestingMacrostate m;
  ComplexId representative = component.front();
  for (ComplexId c : component)
    if (sys.complexes[c].input) {
      representative = c;
      break;
    }
  m.name = sys.complexes[representative].name;
  for (size_t i = 0; i < n; ++i) {
    ComplexId c = component[i];
    m.complexes.push_back(c);
    m.stationary.push_back(b[i][0]);
    stationary[c] = b[i][0];
    fates[c] = {{Fate{ms}, 1.0}};
    sys.complexes[c].macrostate = ms;
  }
  sys.macrostates.push_back(std::move(m));
}

/// The fates of a set of products: the convolution of their distributions.
/// `ways` counts the combinations of product fates that sum to each fate.
FateDistribution Condenser::productFates(const std::vector<ComplexId> &products,
                                         std::map<Fate, double> *ways) const {
  if (products.size() == 1) { // the common case: no convolution
    if (ways)
      for (const auto &entry : fates[products.front()])
        (*ways)[entry.first] = 1.0;
    return fates[products.front()];
  }
  FateDistribution result{{Fate{}, 1.0}};
  std::map<Fate, double> count{{Fate{}, 1.0}};
  for (ComplexId p : products) {
    FateDistribution next;
    std::map<Fate, double> nextCount;
    for (const auto &[fate, prob] : result)
      for (const auto &[pf, pp] : fates[p]) {
        Fate sum = fate;
        sum.insert(sum.end(), pf.begin(), pf.end());
        std::sort(sum.begin(), sum.end());
        next[sum] += prob * pp;
        nextCount[sum] += count[fate];
      }
    result = std::move(next);
    count = std::move(nextCount);
  }
  if (ways)
    *ways = std::move(count);
  return result;
}

void Condenser::transientComponent(const std::vector<ComplexId> &component,
                                   const std::vector<size_t> &exits) {
  size_t n = component.size(), e = exits.size();
  std::map<ComplexId, size_t> local;
  for (size_t i = 0; i < n; ++i)
    local[component[i]] = i;
  std::map<size_t, size_t> exitIndex;
  for (size_t j = 0; j < e; ++j)
    exitIndex[exits[j]] = j;
  // (I - Q) B = R with Q, R the jump probabilities inside and out.
  Matrix a(n, std::vector<double>(n, 0.0)), b(n, std::vector<double>(e, 0.0));
  for (size_t i = 0; i < n; ++i) {
    double total = 0;
    for (size_t r : fastOut[component[i]])
      total += sys.reactions[r].rate;
    a[i][i] = 1.0;
    for (size_t r : fastOut[component[i]]) {
      double p = sys.reactions[r].rate / total;
      auto it = exitIndex.find(r);
      if (it != exitIndex.end())
        b[i][it->second] += p;
      else
        a[i][local.at(sys.reactions[r].products.front())] -= p;
    }
  }
  solveDense(a, b);
  std::vector<FateDistribution> exitFates;
  for (size_t r : exits) {
    std::map<Fate, double> ways;
    exitFates.push_back(productFates(sys.reactions[r].products, &ways));
    // Peppercorn 1.1 adds P(exit -> fate) once per combination of product
    // fates that sums to the fate.
    if (peppercornRates)
      for (auto &[fate, prob] : exitFates.back())
        prob *= ways[fate];
  }
  for (size_t i = 0; i < n; ++i) {
    FateDistribution &f = fates[component[i]];
    for (size_t j = 0; j < e; ++j)
      for (const auto &[fate, prob] : exitFates[j])
        f[fate] += b[i][j] * prob;
  }
}

void Condenser::condensedReactions() {
  std::map<std::pair<Fate, Fate>, double> rates;
  for (const DetailedReaction &r : sys.reactions) {
    if (r.fast)
      continue;
    Fate reactants;
    double weight = r.rate;
    for (ComplexId c : r.reactants) {
      assert(sys.complexes[c].macrostate && "slow reaction of a transient");
      reactants.push_back(*sys.complexes[c].macrostate);
      weight *= stationary[c];
    }
    std::sort(reactants.begin(), reactants.end());
    for (const auto &[fate, prob] : productFates(r.products))
      if (fate != reactants)
        rates[{reactants, fate}] += weight * prob;
  }
  for (const auto &[key, rate] : rates)
    sys.condensed.push_back(CondensedReaction{
        key.first, key.second,
        peppercornRates ? compatibleRate(key.first, key.second) : rate});
}

/// Peppercorn 1.1's condensed rate: the sum over every detailed reaction
/// that consumes a complex of any reactant macrostate (whatever its other
/// reactants) of stationary(reactants) * k * P(products -> fate).
double Condenser::compatibleRate(const Fate &reactants,
                                 const Fate &products) const {
  std::vector<bool> member(sys.complexes.size(), false);
  for (MacrostateId m : reactants)
    for (ComplexId c : sys.macrostates[m].complexes)
      member[c] = true;
  double rate = 0;
  for (const DetailedReaction &r : sys.reactions) {
    bool consumes = false;
    for (ComplexId c : r.reactants)
      consumes |= member[c];
    if (!consumes)
      continue;
    FateDistribution dist = productFates(r.products);
    auto it = dist.find(products);
    if (it == dist.end())
      continue;
    double weight = r.rate * it->second;
    for (ComplexId c : r.reactants)
      weight *= stationary[c];
    rate += weight;
  }
  return rate;
}

void Condenser::run() {
  size_t n = sys.complexes.size();
  fastOut.assign(n, {});
  fates.assign(n, {});
  stationary.assign(n, 0.0);
  for (size_t r = 0; r < sys.reactions.size(); ++r)
    if (sys.reactions[r].fast)
      fastOut[sys.reactions[r].reactants.front()].push_back(r);
  std::vector<std::vector<ComplexId>> components = fastComponents(sys, fastOut);
  // Products of a 1-N reaction have fewer strands than its reactant, so
  // components by strand count, each group in Tarjan order, see every
  // product's fate before they need it.
  std::stable_sort(components.begin(), components.end(),
                   [&](const auto &x, const auto &y) {
                     return sys.complexes[x.front()].complex.strandCount() <
                            sys.complexes[y.front()].complex.strandCount();
                   });
  for (const std::vector<ComplexId> &component : components) {
    std::vector<size_t> exits;
    for (ComplexId c : component)
      for (size_t r : fastOut[c]) {
        const DetailedReaction &rx = sys.reactions[r];
        if (rx.products.size() != 1 ||
            !std::binary_search(component.begin(), component.end(),
                                rx.products.front()))
          exits.push_back(r);
      }
    if (exits.empty())
      restingComponent(component);
    else
      transientComponent(component, exits);
  }
  condensedReactions();
}

void crnc::enumerate::condense(EnumeratedSystem &sys, bool peppercornRates) {
  sys.macrostates.clear();
  sys.condensed.clear();
  for (EnumeratedComplex &c : sys.complexes)
    c.macrostate.reset();
  Condenser(sys, peppercornRates).run();
}
