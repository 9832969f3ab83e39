//===- SpuriousCheck.h - unintended duplexes among exposed regions -*- C++
//-*-===//
//
// Evaluates the most stable unintended duplex between every pair of exposed
// regions (a region with itself included: two copies of a strand) and the
// most stable hairpin within each region, with lib/thermo's estimate and the
// designed pairs masked. Rows of the pair table run on several threads; the
// result does not depend on how many.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_SPURIOUSCHECK_H
#define CRNC_BACKENDS_SEQUENCES_SPURIOUSCHECK_H

#include "backends/sequences/DesignModel.h"
#include "lib/thermo/Spurious.h"
#include <string>
#include <vector>

namespace crnc::sequences {

/// One structure stronger than the limit, or the worst one seen.
struct SpuriousHit {
  double dG = 0;
  unsigned regionA = 0, regionB = 0; ///< equal for a hairpin
  bool hairpin = false;
  std::vector<unsigned> blamed; ///< domains under the paired bases
};

struct SpuriousSummary {
  SpuriousHit worstDuplex, worstHairpin;
  /// dG below the duplex (or, for a hairpin, the hairpin) limit, in table
  /// order.
  std::vector<SpuriousHit> violations;
  uint64_t pairsEvaluated = 0;
  uint64_t cellsEvaluated = 0; ///< dynamic-programme cells (work done)
};

class SpuriousCheck {
public:
  SpuriousCheck(const DesignModel &model, const dna::DomainTable &domains,
                const thermo::Conditions &conditions, double duplexLimitDG,
                double hairpinLimitDG, unsigned threads);
  /// Sets the domain sequences (call before evaluating).
  void update(const std::vector<std::string> &sequences);
  /// Every pair of regions and every region's hairpin.
  SpuriousSummary evaluateAll() const;
  /// Only pairs and hairpins involving a region that contains domain `d`.
  SpuriousSummary evaluateAround(unsigned d) const;
  const std::vector<unsigned> &regionsWith(unsigned d) const {
    return regionsOfDomain[d];
  }
  /// "X[3..9] / f2.1[0..6]": the regions' strands and base ranges.
  std::string describe(const SpuriousHit &hit) const;

private:
  SpuriousHit duplex(unsigned a, unsigned b) const;
  SpuriousHit hairpin(unsigned a) const;
  void blame(unsigned region, unsigned first, unsigned last,
             std::vector<unsigned> &out) const;
  void merge(SpuriousSummary &into, const SpuriousHit &hit) const;

  const DesignModel &model;
  const dna::DomainTable &domains;
  thermo::SpuriousModel energy;
  double limit, hairpinLimit;
  unsigned threads;
  std::vector<std::string> regionSeqs;
  std::vector<std::vector<uint64_t>> regionKeys;
  std::vector<std::vector<unsigned>> regionsOfDomain;
};

} // namespace crnc::sequences

#endif
