//===- LocalSearch.h - k-mer constrained stochastic local search -*- C++
//-*-===//
//
// One restart of the designer: a greedy start (each domain takes the best of
// a few candidates given the domains before it), then moves that resample
// the domain most to blame among a few drawn (tournament), keeping a move
// when the weighted total does not get worse. The total counts, with k-mer
// indexes updated incrementally (no alignments in the loop):
//   - hard: k-mers (uniqueK) shared between domain families (a domain with
//     its complement), maximal forbidden runs (GGGG, CCCC, AAAAA, TTTTT)
//     that cross a domain boundary on some strand (evaluated in a window of
//     a few bases around the domain, so a move costs O(occurrences));
//   - soft: pairs of families sharing a strong k-mer (5 <= k < uniqueK:
//     its perfect duplex alone passes the spurious duplex limit; weighted
//     most), pairs of a toehold family and another family sharing a
//     toeholdK-mer (weighted: the exposed complement of a toehold binds any
//     strand holding part of the toehold), and pairs of families sharing a
//     crosstalkK-mer.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_LOCALSEARCH_H
#define CRNC_BACKENDS_SEQUENCES_LOCALSEARCH_H

#include "backends/sequences/Filters.h"
#include "lib/thermo/SaltCorrection.h"
#include <cstdint>
#include <string>
#include <vector>

namespace crnc::sequences {

struct SearchProblem {
  std::vector<CandidateSource> sources; ///< by DomainId
  std::vector<std::string> fixed;       ///< by DomainId; empty = free
  /// For each domain, where it occurs: (strand index, position on strand).
  std::vector<std::vector<std::pair<unsigned, unsigned>>> occurrencesOf;
  std::vector<dna::Strand> strands;
  std::vector<bool> isToehold; ///< by DomainId
  unsigned uniqueK = 8, crosstalkK = 6, toeholdK = 4;
  unsigned movesPerDomain = 40;
  /// strongKmers[k - StrongMinK][code]: see strongKmerTables. Empty: the
  /// strong term is not scored.
  std::vector<std::vector<bool>> strongKmers;
};

/// Shortest strong k-mer considered.
constexpr unsigned StrongMinK = 5;

/// For k = StrongMinK .. maxK, whether the perfect duplex of each k-mer with
/// its complement, flanked by a terminal mismatch at both ends (the most
/// stable way to embed it), is below `limitDG` under `conditions` (the
/// spurious estimate's energies, Spurious.h). Two domain families sharing
/// such a k-mer form a spurious duplex past the limit wherever both are
/// exposed.
std::vector<std::vector<bool>>
strongKmerTables(const thermo::Conditions &conditions, double limitDG,
                 unsigned maxK);

struct SearchScore {
  unsigned sharedKmers = 0;    ///< hard
  unsigned junctionRuns = 0;   ///< hard
  uint64_t toeholdPairs = 0;   ///< soft, weight ToeholdWeight
  uint64_t crosstalkPairs = 0; ///< soft
  uint64_t strongPairs = 0;    ///< soft, weight StrongWeight
  static constexpr uint64_t ToeholdWeight = 8, StrongWeight = 64;
  unsigned hard() const { return sharedKmers + junctionRuns; }
  /// Hard violations dominate.
  uint64_t total() const {
    return uint64_t(hard()) * 1000000 + StrongWeight * strongPairs +
           ToeholdWeight * toeholdPairs + crosstalkPairs;
  }
};

/// Counts distinct families per k-mer for one k (4^k slots).
class KmerIndex {
public:
  explicit KmerIndex(unsigned k);
  /// Distinct k-mers of a domain family (its sequence and complement).
  std::vector<uint32_t> familyKmers(const std::string &sequence) const;
  void add(const std::vector<uint32_t> &kmers);
  void remove(const std::vector<uint32_t> &kmers);
  /// Change of (shared, pairs) if a family with `kmers` were added.
  void costOfAdding(const std::vector<uint32_t> &kmers, unsigned &shared,
                    uint64_t &pairs) const;
  unsigned families(uint32_t kmer) const { return counts[kmer]; }
  unsigned kmerLength() const { return k; }

private:
  unsigned k;
  std::vector<uint32_t> counts;
};

class LocalSearch {
public:
  LocalSearch(const SearchProblem &problem, uint64_t seed);
  /// Greedy start, then local search. Returns the final score.
  SearchScore run();
  /// Resamples domain `d` with up to `tries` candidates, keeping the best if
  /// it does not raise the total. Used by the spurious repair as well.
  bool resample(unsigned d, unsigned tries, bool allowSideways);
  /// Sets domain `d` to `sequence`, updating the indexes and the score.
  void assign(unsigned d, const std::string &sequence);
  const std::vector<std::string> &sequences() const { return seqs; }
  SearchScore score() const { return current; }
  Rng &rng() { return random; }
  /// Hard-constraint blame of a domain (shared uniqueK-mers, junction runs).
  unsigned hardBlame(unsigned d) const;

private:
  void place(unsigned d, const std::string &sequence);
  void unplace(unsigned d);
  unsigned junctionRunsAround(unsigned d) const;
  char baseOf(dna::DomainRef ref, unsigned i) const;
  uint64_t softBlame(unsigned d) const;
  unsigned pickDomain();
  SearchScore recount() const;
  uint64_t toeholdCost(unsigned d, const std::vector<uint32_t> &kmers) const;
  /// Strong k-mers of a family, in one code space over k (see offsets).
  std::vector<uint32_t> strongFamilyKmers(const std::string &sequence) const;
  uint64_t strongCost(const std::vector<uint32_t> &kmers) const;
  void indexToehold(unsigned d, int sign);

  const SearchProblem &problem;
  Rng random;
  std::vector<std::string> seqs;
  std::vector<std::vector<uint32_t>> unique, crosstalk, shortKmers;
  KmerIndex uniqueIndex, crosstalkIndex, shortIndex;
  /// Toehold families holding each toeholdK-mer.
  std::vector<uint32_t> toeholdCounts;
  /// Strong k-mers per domain; families per strong k-mer; code offsets by k.
  std::vector<std::vector<uint32_t>> strong;
  std::vector<uint32_t> strongCounts, strongOffsets;
  SearchScore current;
  std::vector<unsigned> movable;
};

} // namespace crnc::sequences

#endif
