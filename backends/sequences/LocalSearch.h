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
//     that cross a domain boundary on some strand (a candidate is scored
//     by the runs in a window of 4 bases around each occurrence, grouped
//     into flank classes cached between moves, so a candidate costs
//     O(classes), not O(occurrences); a kept move updates the score by the
//     runs recounted on the strands holding the domain, so it stays equal
//     to a count from scratch);
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
  /// Forbidden runs that cross a boundary of `d`, over its occurrences:
  /// each occurrence's window of 4 bases either side (fewer at a strand
  /// end, walking over short neighbours). Per flank class (cached until a
  /// domain beside `d` changes); the same count as window by window.
  unsigned junctionRuns(unsigned d) const { return junctionRunsAround(d); }

private:
  void place(unsigned d, const std::string &sequence);
  void unplace(unsigned d);
  unsigned junctionRunsAround(unsigned d) const;
  /// junctionRunsAround without the flank cache (every occurrence's window).
  unsigned junctionRunsByWindow(unsigned d) const;
  /// The flank classes of `d`'s occurrences (see flankClasses below).
  void classifyFlanks(unsigned d) const;
  /// `d`'s sequence changed: the flanks of the domains beside it are stale.
  void flanksChanged(unsigned d);
  void indexNeighbours();
  unsigned strandJunctionRuns(unsigned strand) const;
  unsigned junctionRunsOnStrandsOf(unsigned d) const;
  /// seqs[d] = sequence, counting empty domains.
  void setSequence(unsigned d, const std::string &sequence);
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
  /// Junction runs of a domain depend on its own sequence and, per
  /// occurrence, only on the last base of the 4-base window before it and
  /// the length of that base's run there, the same after it, and whether
  /// the occurrence is complemented: a few dozen classes however many
  /// occurrences. flankClasses[d] holds (class key, occurrences), valid
  /// while flankFresh[d]; besideOf[e] lists the domains within 4 domains of
  /// an occurrence of e (whose windows may hold e's bases). A domain beside
  /// itself (selfBeside) is always counted window by window.
  mutable std::vector<std::vector<std::pair<uint32_t, uint32_t>>> flankClasses;
  mutable std::vector<char> flankFresh;
  std::vector<std::vector<unsigned>> besideOf;
  std::vector<char> selfBeside;
  /// Domains without a sequence yet (the greedy start): windows walk past
  /// them, so the cache is off while any is.
  unsigned emptyDomains = 0;
};

} // namespace crnc::sequences

#endif
