//===- SpuriousScoreTest.cpp - the fast score equals the full programme ---===//
//
// Provenance of the reference values: thermo::bestDuplex and bestHairpin
// (Spurious.cpp, the cell-by-cell programme with extents, itself checked
// against primer3's ntthal in SpuriousTest.cpp) on the same inputs. The fast
// score must equal them exactly (tolerance 0: the same float operations), on
// random strands (seeded std::mt19937_64) of 1 to 90 nt over four and three
// letters, partners that are mutated complements (so many structures pass
// the -8.35 kcal/mol duplex limit of the designer) and random pair keys.
//
//===----------------------------------------------------------------------===//

#include "lib/thermo/SpuriousScore.h"
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

using namespace crnc::thermo;

namespace {
struct Sample {
  std::string a, b;
  std::vector<uint64_t> keysA, keysB;
};

std::string randomStrand(std::mt19937_64 &rng, size_t length, bool three) {
  const char *letters = three ? "ACT" : "ACGT";
  std::string s;
  for (size_t i = 0; i < length; ++i)
    s.push_back(letters[rng() % (three ? 3 : 4)]);
  return s;
}

/// A partner: random, or the reverse complement of A with point mutations,
/// insertions and deletions, cut and flanked at random.
std::string partner(std::mt19937_64 &rng, const std::string &a) {
  if (rng() % 3 == 0)
    return randomStrand(rng, 1 + rng() % 90, rng() % 2);
  std::string b = reverseComplement(a), out;
  for (char ch : b) {
    unsigned r = rng() % 20;
    if (r == 0)
      continue; // deletion
    out.push_back(r == 1 ? "ACGT"[rng() % 4] : ch);
    if (r == 2)
      out.push_back("ACGT"[rng() % 4]); // insertion
  }
  return randomStrand(rng, rng() % 8, false) + out +
         randomStrand(rng, rng() % 8, false);
}

/// Keys: zero (free) or one of a few values, so that some pairs are masked.
std::vector<uint64_t> randomKeys(std::mt19937_64 &rng, size_t n) {
  std::vector<uint64_t> keys(n);
  for (uint64_t &k : keys)
    k = rng() % 2 ? 0 : 1 + rng() % 6;
  return keys;
}

Sample sample(std::mt19937_64 &rng) {
  Sample s;
  s.a = randomStrand(rng, 1 + rng() % 90, rng() % 2);
  s.b = partner(rng, s.a);
  if (s.b.empty())
    s.b = "A";
  if (rng() % 2) {
    s.keysA = randomKeys(rng, s.a.size());
    s.keysB = randomKeys(rng, s.b.size());
  }
  return s;
}
} // namespace

TEST_CASE("the fast duplex score equals the full programme",
          "[thermo][spurious]") {
  std::mt19937_64 rng(20261129);
  unsigned strong = 0;
  for (Conditions c : {Conditions{}, Conditions{37, 1000, 0}}) {
    SpuriousModel model(c);
    for (unsigned t = 0; t < 1500; ++t) {
      Sample s = sample(rng);
      INFO(s.a << " / " << s.b << " keyed " << !s.keysA.empty());
      double full = bestDuplex(s.a, s.b, model, s.keysA, s.keysB).dG;
      double fast = bestDuplexDG(prepareStrand(s.a, s.keysA),
                                 prepareStrand(s.b, s.keysB), model);
      REQUIRE(fast == full);
      strong += full < -8.35;
    }
  }
  // Most mutated complements form structures past the designer's limit.
  CHECK(strong > 500);
}

TEST_CASE("the fast hairpin score equals the full programme",
          "[thermo][spurious]") {
  std::mt19937_64 rng(7);
  unsigned folded = 0;
  SpuriousModel model(Conditions{});
  for (unsigned t = 0; t < 1500; ++t) {
    Sample s = sample(rng);
    // A strand that can fold: A, a loop, then part of its complement.
    std::string strand = s.a + randomStrand(rng, 3 + rng() % 6, false) +
                         s.b.substr(0, s.b.size() / 2);
    std::vector<uint64_t> keys;
    if (rng() % 2)
      keys = randomKeys(rng, strand.size());
    INFO(strand << " keyed " << !keys.empty());
    double full = bestHairpin(strand, model, keys).dG;
    double fast = bestHairpinDG(prepareStrand(strand, keys), model);
    REQUIRE(fast == full);
    folded += full < -0.17;
  }
  CHECK(folded > 500);
}
