//===- SpuriousCheck.cpp - unintended duplexes among exposed regions ------===//

#include "backends/sequences/SpuriousCheck.h"
#include "lib/support/Threads.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::sequences;

SpuriousCheck::SpuriousCheck(const DesignModel &model,
                             const dna::DomainTable &domains,
                             const thermo::Conditions &conditions,
                             double duplexLimitDG, double hairpinLimitDG,
                             unsigned threads)
    : model(model), domains(domains), energy(conditions), limit(duplexLimitDG),
      hairpinLimit(hairpinLimitDG), threads(std::max(1u, threads)),
      regionSeqs(model.regions.size()), regionsOfDomain(domains.size()) {
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
  for (unsigned r = 0; r < model.regions.size(); ++r)
    regionSeqs[r] = strandSequence(model.regions[r].domains, sequences);
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
  thermo::SpuriousStructure s =
      thermo::bestHairpin(regionSeqs[a], energy, regionKeys[a]);
  SpuriousHit hit{s.dG, a, a, true, {}};
  if (s.basePairs) {
    blame(a, s.firstA, s.lastA, hit.blamed);
    blame(a, s.firstB, s.lastB, hit.blamed);
  }
  return hit;
}

void SpuriousCheck::merge(SpuriousSummary &into, const SpuriousHit &hit) const {
  ++into.pairsEvaluated;
  into.cellsEvaluated +=
      uint64_t(regionSeqs[hit.regionA].size()) * regionSeqs[hit.regionB].size();
  SpuriousHit &worst = hit.hairpin ? into.worstHairpin : into.worstDuplex;
  if (hit.dG < worst.dG)
    worst = hit;
  if (hit.dG < (hit.hairpin ? hairpinLimit : limit))
    into.violations.push_back(hit);
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
  for (SpuriousSummary &row : rows) {
    total.pairsEvaluated += row.pairsEvaluated;
    total.cellsEvaluated += row.cellsEvaluated;
    if (row.worstDuplex.dG < total.worstDuplex.dG)
      total.worstDuplex = row.worstDuplex;
    if (row.worstHairpin.dG < total.worstHairpin.dG)
      total.worstHairpin = row.worstHairpin;
    for (SpuriousHit &hit : row.violations)
      total.violations.push_back(std::move(hit));
  }
  return total;
}

SpuriousSummary SpuriousCheck::evaluateAround(unsigned d) const {
  SpuriousSummary summary;
  const std::vector<unsigned> &mine = regionsOfDomain[d];
  unsigned n = unsigned(model.regions.size());
  for (unsigned a : mine) {
    merge(summary, hairpin(a));
    for (unsigned b = 0; b < n; ++b) {
      // A pair of two affected regions is evaluated once.
      bool bAffected = std::binary_search(mine.begin(), mine.end(), b);
      if (bAffected && b < a)
        continue;
      merge(summary, duplex(a, b));
    }
  }
  return summary;
}

double SpuriousCheck::worstHairpinAround(unsigned d) const {
  double worst = 0;
  for (unsigned a : regionsOfDomain[d])
    worst = std::min(worst, hairpin(a).dG);
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
