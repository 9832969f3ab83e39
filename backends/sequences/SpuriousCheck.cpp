//===- SpuriousCheck.cpp - unintended duplexes among exposed regions ------===//

#include "backends/sequences/SpuriousCheck.h"
#include "lib/support/Threads.h"
#include <algorithm>
#include <atomic>
#include <climits>

using namespace crnc;
using namespace crnc::sequences;

/// The 5-mers of `s`, as a set of 2-bit codes.
static std::bitset<1024> fiveMers(const std::string &s) {
  std::bitset<1024> set;
  uint32_t code = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    code = ((code << 2) | uint32_t(thermo::baseCode(s[i]))) & 1023;
    if (i >= 4)
      set.set(code);
  }
  return set;
}

SpuriousCheck::SpuriousCheck(const DesignModel &model,
                             const dna::DomainTable &domains,
                             const thermo::Conditions &conditions,
                             double duplexLimitDG, double hairpinLimitDG,
                             unsigned threads)
    : model(model), domains(domains), energy(conditions), limit(duplexLimitDG),
      hairpinLimit(hairpinLimitDG), threads(std::max(1u, threads)),
      regionSeqs(model.regions.size()), prepared(model.regions.size()),
      regionFiveMers(model.regions.size()), regionsOfDomain(domains.size()) {
  for (unsigned r = 0; r < model.regions.size(); ++r) {
    regionKeys.push_back(pairKeys(model.regions[r].domains, domains));
    for (dna::DomainRef ref : model.regions[r].domains) {
      std::vector<unsigned> &list = regionsOfDomain[ref.id];
      if (list.empty() || list.back() != r)
        list.push_back(r);
    }
  }
}

void SpuriousCheck::update(const std::vector<std::string> &sequences) {
  for (unsigned r = 0; r < model.regions.size(); ++r) {
    regionSeqs[r] = strandSequence(model.regions[r].domains, sequences);
    prepared[r] = thermo::prepareStrand(regionSeqs[r], regionKeys[r]);
    regionFiveMers[r] = fiveMers(regionSeqs[r]);
  }
  domainSeqs = sequences;
}

void SpuriousCheck::updateDomain(unsigned d,
                                 const std::vector<std::string> &sequences) {
  for (unsigned r : regionsOfDomain[d]) {
    regionSeqs[r] = strandSequence(model.regions[r].domains, sequences);
    prepared[r] = thermo::prepareStrand(regionSeqs[r], regionKeys[r]);
    regionFiveMers[r] = fiveMers(regionSeqs[r]);
  }
  domainSeqs[d] = sequences[d];
}

void SpuriousCheck::blame(unsigned region, unsigned first, unsigned last,
                          std::vector<unsigned> &out) const {
  unsigned offset = 0;
  for (dna::DomainRef ref : model.regions[region].domains) {
    unsigned end = offset + domains.length(ref);
    if (offset <= last && first < end &&
        std::find(out.begin(), out.end(), ref.id) == out.end())
      out.push_back(ref.id);
    offset = end;
  }
}

SpuriousHit SpuriousCheck::duplex(unsigned a, unsigned b) const {
  double dG = thermo::bestDuplexDG(prepared[a], prepared[b], energy);
  if (dG >= limit)
    return SpuriousHit{dG, a, b, false, {}};
  thermo::SpuriousStructure s = thermo::bestDuplex(
      regionSeqs[a], regionSeqs[b], energy, regionKeys[a], regionKeys[b]);
  SpuriousHit hit{s.dG, a, b, false, {}};
  if (s.basePairs) {
    blame(a, s.firstA, s.lastA, hit.blamed);
    blame(b, s.firstB, s.lastB, hit.blamed);
  }
  return hit;
}

SpuriousHit SpuriousCheck::hairpin(unsigned a) const {
  double dG = thermo::bestHairpinDG(prepared[a], energy);
  if (dG >= hairpinLimit)
    return SpuriousHit{dG, a, a, true, {}};
  thermo::SpuriousStructure s =
      thermo::bestHairpin(regionSeqs[a], energy, regionKeys[a]);
  SpuriousHit hit{s.dG, a, a, true, {}};
  if (s.basePairs) {
    blame(a, s.firstA, s.lastA, hit.blamed);
    blame(a, s.firstB, s.lastB, hit.blamed);
  }
  return hit;
}

/// Table order (see SpuriousSummary::violations), a total order on hits.
static bool before(const SpuriousHit &x, const SpuriousHit &y) {
  if (x.regionA != y.regionA)
    return x.regionA < y.regionA;
  if (x.hairpin != y.hairpin)
    return x.hairpin;
  return x.regionB < y.regionB;
}

/// The stronger structure; on equal dG the earlier in table order, so that
/// the worst does not depend on the order of evaluation.
static void keepWorst(SpuriousHit &worst, const SpuriousHit &hit) {
  if (hit.dG < worst.dG ||
      (hit.dG == worst.dG && hit.dG < 0 && before(hit, worst)))
    worst = hit;
}

void SpuriousCheck::merge(SpuriousSummary &into, const SpuriousHit &hit) const {
  ++into.pairsEvaluated;
  into.cellsEvaluated +=
      uint64_t(regionSeqs[hit.regionA].size()) * regionSeqs[hit.regionB].size();
  keepWorst(hit.hairpin ? into.worstHairpin : into.worstDuplex, hit);
  if (hit.dG < (hit.hairpin ? hairpinLimit : limit))
    into.violations.push_back(hit);
}

void SpuriousCheck::combine(SpuriousSummary &into, SpuriousSummary &part) {
  into.pairsEvaluated += part.pairsEvaluated;
  into.cellsEvaluated += part.cellsEvaluated;
  into.stopped |= part.stopped;
  keepWorst(into.worstDuplex, part.worstDuplex);
  keepWorst(into.worstHairpin, part.worstHairpin);
  for (SpuriousHit &hit : part.violations)
    into.violations.push_back(std::move(hit));
}

SpuriousSummary SpuriousCheck::evaluateAll() const {
  unsigned n = unsigned(model.regions.size());
  std::vector<SpuriousSummary> rows(n);
  auto work = [&](unsigned t) {
    for (unsigned a = t; a < n; a += threads) {
      merge(rows[a], hairpin(a));
      for (unsigned b = a; b < n; ++b)
        merge(rows[a], duplex(a, b));
    }
  };
  runOnThreads(threads, work);
  SpuriousSummary total;
  for (SpuriousSummary &row : rows)
    combine(total, row);
  return total;
}

SpuriousSummary SpuriousCheck::evaluateHairpins() const {
  SpuriousSummary summary;
  for (unsigned a = 0; a < model.regions.size(); ++a)
    merge(summary, hairpin(a));
  return summary;
}

SpuriousSummary SpuriousCheck::evaluateAround(unsigned d, size_t stopAt) const {
  const std::vector<unsigned> &mine = regionsOfDomain[d];
  unsigned n = unsigned(model.regions.size());
  // Work items: (a, b) for a in `mine`, b = n meaning a's hairpin; a pair of
  // two affected regions is evaluated once.
  std::vector<std::pair<unsigned, unsigned>> items;
  for (unsigned a : mine) {
    items.push_back({a, n});
    for (unsigned b = 0; b < n; ++b)
      if (!(b < a && std::binary_search(mine.begin(), mine.end(), b)))
        items.push_back({a, b});
  }
  if (stopAt != SIZE_MAX)
    orderByPromise(d, items);
  std::atomic<size_t> found{0};
  std::vector<SpuriousSummary> parts(threads);
  auto work = [&](unsigned t) {
    for (size_t k = t; k < items.size(); k += threads) {
      if (found.load(std::memory_order_relaxed) >= stopAt) {
        parts[t].stopped = true;
        return;
      }
      auto [a, b] = items[k];
      size_t had = parts[t].violations.size();
      // The estimate is not symmetric (a one-base bulge keeps the stack of
      // the first strand): pairs are always scored as evaluateAll does.
      merge(parts[t],
            b == n ? hairpin(a) : duplex(std::min(a, b), std::max(a, b)));
      if (parts[t].violations.size() > had)
        found.fetch_add(1, std::memory_order_relaxed);
    }
  };
  runOnThreads(std::min<unsigned>(threads, unsigned(items.size())), work);
  SpuriousSummary summary;
  for (SpuriousSummary &part : parts)
    combine(summary, part);
  summary.stopped |= summary.violations.size() >= stopAt;
  std::sort(summary.violations.begin(), summary.violations.end(), before);
  return summary;
}

void SpuriousCheck::orderByPromise(
    unsigned d, std::vector<std::pair<unsigned, unsigned>> &items) const {
  // A partner holding a 5-mer of d's family (d or its complement) may pair
  // with d's bases; the more it holds, the earlier it is scored. Hairpins
  // first. Only the order (and so how soon a rejection stops) changes.
  std::bitset<1024> probe = fiveMers(domainSeqs[d]) |
                            fiveMers(thermo::reverseComplement(domainSeqs[d]));
  unsigned n = unsigned(model.regions.size());
  std::vector<unsigned> promise(n + 1, 2048);
  for (unsigned b = 0; b < n; ++b)
    promise[b] = unsigned((regionFiveMers[b] & probe).count());
  std::stable_sort(items.begin(), items.end(),
                   [&](const auto &x, const auto &y) {
                     return promise[x.second] > promise[y.second];
                   });
}

uint64_t SpuriousCheck::cellsAround(unsigned d) const {
  uint64_t total = 0, all = 0;
  for (const std::string &s : regionSeqs)
    all += s.size();
  for (unsigned a : regionsOfDomain[d])
    total += regionSeqs[a].size() * (all + regionSeqs[a].size());
  return total;
}

double SpuriousCheck::rescore(const SpuriousHit &hit) const {
  if (hit.hairpin)
    return thermo::bestHairpinDG(prepared[hit.regionA], energy);
  return thermo::bestDuplexDG(prepared[hit.regionA], prepared[hit.regionB],
                              energy);
}

double SpuriousCheck::worstHairpinAround(unsigned d) const {
  double worst = 0;
  for (unsigned a : regionsOfDomain[d])
    worst = std::min(worst, thermo::bestHairpinDG(prepared[a], energy));
  return worst;
}

std::string SpuriousCheck::describe(const SpuriousHit &hit) const {
  auto name = [&](unsigned r) {
    return model.strands[model.regions[r].strand].name;
  };
  if (hit.hairpin)
    return "hairpin in " + name(hit.regionA);
  return name(hit.regionA) + " / " + name(hit.regionB);
}
