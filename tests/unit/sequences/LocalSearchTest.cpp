//===- LocalSearchTest.cpp - backends/sequences/LocalSearch -------------===//
//
// A domain's junction runs counted per flank class (cached between moves)
// against a window-by-window count written here from the definition
// (every maximal run of 4+ G or C, or 5+ A or T, in the window of 4 bases
// either side of an occurrence that overlaps it and reaches outside it);
// and the score's junction count against the whole-strand count (each
// crossing run once), which the search updates move by move. Checked on a
// random design with a domain on every strand (as a clock or fuel domain
// is), short domains (windows walk over them), complemented occurrences and
// a domain twice on some strands, after the search and after assignments.
// Exact: counts are integers.
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/LocalSearch.h"
#include "lib/thermo/NearestNeighbor.h"
#include <algorithm>
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::sequences;

namespace {

std::string occurrence(const std::vector<std::string> &seqs,
                       dna::DomainRef ref) {
  return ref.complement ? thermo::reverseComplement(seqs[ref.id])
                        : seqs[ref.id];
}

/// Maximal runs of `w` of 4+ G or C, or 5+ A or T, as [begin, end).
std::vector<std::pair<size_t, size_t>> forbiddenRuns(const std::string &w) {
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i])
      ++j;
    if (j - i >= ((w[i] == 'G' || w[i] == 'C') ? 4u : 5u))
      runs.push_back({i, j});
    i = j;
  }
  return runs;
}

/// A domain's blame, by its definition: over its occurrences, the runs in
/// the window of 4 bases either side (fewer at a strand end) that overlap
/// the occurrence and reach outside it.
unsigned referenceJunctionRuns(const SearchProblem &problem,
                               const std::vector<std::string> &seqs,
                               unsigned d) {
  unsigned count = 0;
  for (auto [s, p] : problem.occurrencesOf[d]) {
    const dna::Strand &strand = problem.strands[s];
    std::string before, after;
    for (size_t q = 0; q < p; ++q)
      before += occurrence(seqs, strand[q]);
    for (size_t q = p + 1; q < strand.size(); ++q)
      after += occurrence(seqs, strand[q]);
    before = before.substr(before.size() - std::min<size_t>(4, before.size()));
    after = after.substr(0, 4);
    std::string w = before + occurrence(seqs, strand[p]) + after;
    size_t lo = before.size(), hi = w.size() - after.size();
    for (auto [i, j] : forbiddenRuns(w))
      count += i < hi && j > lo && (i < lo || j > hi);
  }
  return count;
}

/// `domains` domains (every fifth 2 nt long, the rest 3 to 7 nt, over ACGT
/// with wide GC limits so runs are frequent), domain 0 on every strand.
SearchProblem randomProblem(unsigned domains, unsigned strands, uint64_t seed) {
  SearchProblem problem;
  Rng rng(seed);
  for (unsigned d = 0; d < domains; ++d) {
    unsigned length = d % 5 == 4 ? 2 : 3 + unsigned(rng.below(5));
    problem.sources.emplace_back(length, Alphabet::ACGT, 0, 100);
    problem.fixed.emplace_back();
    problem.isToehold.push_back(length < 4);
  }
  problem.occurrencesOf.resize(domains);
  for (unsigned s = 0; s < strands; ++s) {
    dna::Strand strand;
    unsigned length = 3 + unsigned(rng.below(5));
    unsigned shared = unsigned(rng.below(length));
    for (unsigned p = 0; p < length; ++p) {
      dna::DomainRef ref;
      ref.id = p == shared ? 0 : 1 + unsigned(rng.below(domains - 1));
      ref.complement = rng.below(2) == 0;
      if (s % 7 == 0 && p == length - 1 && p != shared) // twice on a strand
        ref.id = strand[0].id;
      problem.occurrencesOf[ref.id].push_back({s, p});
      strand.push_back(ref);
    }
    problem.strands.push_back(strand);
  }
  problem.uniqueK = 6, problem.crosstalkK = 5, problem.toeholdK = 3;
  problem.movesPerDomain = 8;
  return problem;
}

/// Forbidden runs crossing a domain boundary, each once, over all strands
/// (what the search's score counts).
unsigned totalJunctionRuns(const SearchProblem &problem,
                           const std::vector<std::string> &seqs) {
  unsigned count = 0;
  for (const dna::Strand &strand : problem.strands) {
    std::string w;
    std::vector<size_t> ends;
    for (dna::DomainRef ref : strand) {
      w += occurrence(seqs, ref);
      ends.push_back(w.size());
    }
    for (auto [i, j] : forbiddenRuns(w))
      count += std::any_of(ends.begin(), ends.end(),
                           [&](size_t b) { return i < b && b < j; });
  }
  return count;
}

void checkEveryDomain(const SearchProblem &problem, const LocalSearch &search) {
  for (unsigned d = 0; d < problem.sources.size(); ++d) {
    INFO("domain " << d << " with " << problem.occurrencesOf[d].size()
                   << " occurrences");
    CHECK(search.junctionRuns(d) ==
          referenceJunctionRuns(problem, search.sequences(), d));
  }
  CHECK(search.score().junctionRuns ==
        totalJunctionRuns(problem, search.sequences()));
}

} // namespace

TEST_CASE("junction runs per flank class equal the window-by-window count",
          "[sequences]") {
  for (uint64_t seed : {1, 2, 3}) {
    SearchProblem problem = randomProblem(40, 200, seed);
    REQUIRE(problem.occurrencesOf[0].size() >= 200);
    LocalSearch search(problem, seed);
    search.run();
    checkEveryDomain(problem, search);
    // Assignments move the flanks of the domains beside them: the cached
    // classes must follow (runs of G and of A placed to cross boundaries).
    Rng rng(seed + 100);
    for (unsigned step = 0; step < 60; ++step) {
      unsigned d = unsigned(rng.below(problem.sources.size()));
      size_t length = search.sequences()[d].size();
      std::string s = problem.sources[d].draw(rng);
      if (step % 3 == 0)
        s = std::string(length, step % 2 ? 'G' : 'A');
      search.assign(d, s);
      checkEveryDomain(problem, search);
    }
  }
}

TEST_CASE("a run through a whole short domain counts once per occurrence",
          "[sequences]") {
  // Strand: a(CC) b(GG) c(GGAC): b's window CC|GG|GGAC holds GGGG crossing
  // b's end; a's window |CC|GGGG holds no run of C reaching outside.
  SearchProblem problem;
  for (unsigned length : {2u, 2u, 4u}) {
    problem.sources.emplace_back(length, Alphabet::ACGT, 0, 100);
    problem.fixed.emplace_back();
    problem.isToehold.push_back(false);
  }
  problem.fixed = {"CC", "GG", "GGAC"};
  problem.strands = {{dna::DomainRef{0}, dna::DomainRef{1}, dna::DomainRef{2}},
                     {dna::DomainRef{1}, dna::DomainRef{2}}};
  problem.occurrencesOf = {{{0, 0}}, {{0, 1}, {1, 0}}, {{0, 2}, {1, 1}}};
  problem.uniqueK = 4, problem.crosstalkK = 3, problem.toeholdK = 2;
  LocalSearch search(problem, 7);
  search.run();
  CHECK(search.junctionRuns(0) == 0);
  CHECK(search.junctionRuns(1) == 2); // GGGG in both strands
  CHECK(search.junctionRuns(2) == 2);
  checkEveryDomain(problem, search);
}
