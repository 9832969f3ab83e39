//===- SpuriousCheck.h - unintended duplexes among exposed regions -*- C++
//-*-===//
//
// Evaluates the most stable unintended duplex between every pair of exposed
// regions (a region with itself included: two copies of a strand) and the
// most stable hairpin within each region, with lib/thermo's estimate and the
// designed pairs masked. Every pair is scored with the fast, bit-identical
// score (SpuriousScore.h); the full programme runs again only for the
// structures past a limit, to find the bases (and so the domains) to blame.
// Rows of the pair table run on several threads; the result does not depend
// on how many.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_SPURIOUSCHECK_H
#define CRNC_BACKENDS_SEQUENCES_SPURIOUSCHECK_H

#include "backends/sequences/DesignModel.h"
#include "lib/thermo/Spurious.h"
#include "lib/thermo/SpuriousScore.h"
#include <bitset>
#include <cstdint>
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
  /// order: by first region, its hairpin first, then by second region.
  std::vector<SpuriousHit> violations;
  uint64_t pairsEvaluated = 0;
  uint64_t cellsEvaluated = 0; ///< dynamic-programme cells (work done)
  /// Evaluation stopped early (evaluateAround's `stopAt` reached): only
  /// `violations.size() >= stopAt` is meaningful.
  bool stopped = false;
};

class SpuriousCheck {
public:
  SpuriousCheck(const DesignModel &model, const dna::DomainTable &domains,
                const thermo::Conditions &conditions, double duplexLimitDG,
                double hairpinLimitDG, unsigned threads);
  /// Sets the domain sequences (call before evaluating).
  void update(const std::vector<std::string> &sequences);
  /// Same, when only domain `d` changed since the last update.
  void updateDomain(unsigned d, const std::vector<std::string> &sequences);
  /// Every pair of regions and every region's hairpin.
  SpuriousSummary evaluateAll() const;
  /// Every region's hairpin only.
  SpuriousSummary evaluateHairpins() const;
  /// Only pairs and hairpins involving a region that contains domain `d`,
  /// on the check's threads. Stops early once `stopAt` violations are found
  /// (then `stopped`); whether it stops does not depend on the threads.
  SpuriousSummary evaluateAround(unsigned d, size_t stopAt = SIZE_MAX) const;
  /// The dG of one structure of a summary's table, scored again now.
  double rescore(const SpuriousHit &hit) const;
  /// The limit a structure of this kind must not pass.
  double limitFor(const SpuriousHit &hit) const {
    return hit.hairpin ? hairpinLimit : limit;
  }
  /// Nominal cells of evaluateAround(d) (work, whether or not it stops).
  uint64_t cellsAround(unsigned d) const;
  /// The strongest hairpin of the regions that contain domain `d` (0 when
  /// none forms): linear in their length, for cheap repairs.
  double worstHairpinAround(unsigned d) const;
  const std::vector<unsigned> &regionsWith(unsigned d) const {
    return regionsOfDomain[d];
  }
  const std::string &regionSequence(unsigned r) const { return regionSeqs[r]; }
  /// "X[3..9] / f2.1[0..6]": the regions' strands and base ranges.
  std::string describe(const SpuriousHit &hit) const;

private:
  SpuriousHit duplex(unsigned a, unsigned b) const;
  SpuriousHit hairpin(unsigned a) const;
  void blame(unsigned region, unsigned first, unsigned last,
             std::vector<unsigned> &out) const;
  void merge(SpuriousSummary &into, const SpuriousHit &hit) const;
  static void combine(SpuriousSummary &into, SpuriousSummary &part);
  void orderByPromise(unsigned d,
                      std::vector<std::pair<unsigned, unsigned>> &items) const;

  const DesignModel &model;
  const dna::DomainTable &domains;
  thermo::SpuriousModel energy;
  double limit, hairpinLimit;
  unsigned threads;
  std::vector<std::string> regionSeqs;
  std::vector<thermo::PreparedStrand> prepared;
  std::vector<std::bitset<1024>> regionFiveMers;
  std::vector<std::string> domainSeqs;
  std::vector<std::vector<uint64_t>> regionKeys;
  std::vector<std::vector<unsigned>> regionsOfDomain;
};

} // namespace crnc::sequences

#endif
