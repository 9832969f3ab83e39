//===- SpuriousCheckTest.cpp - the fast check finds what the exhaustive does
//===//
//
// Provenance of the reference: the exhaustive check, written out here --
// thermo::bestDuplex (the full programme with extents, Spurious.cpp) on every
// pair of exposed regions, a region with itself included, and bestHairpin on
// every region, with the designed pairs masked by pairKeys. The designs are
// the rock-paper-scissors CRN (soloveichik2010) with random sequences
// (seeded std::mt19937_64, four letters, so that many structures pass the
// limits). The fast check (SpuriousCheck on SpuriousScore) must list exactly
// the same violations with the same dG (tolerance 0), on 1 and 3 threads,
// and evaluateAround must agree with the exhaustive check around a domain.
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/SpuriousCheck.h"
#include "backends/dsd/Scheme.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <tuple>

using namespace crnc;
using namespace crnc::sequences;

namespace {
constexpr double DuplexLimit = -8.35, HairpinLimit = -0.17;

dna::Design rockPaperScissors() {
  ir::Module m("rps");
  m.unit = ConcUnit::nM;
  for (const char *s : {"A", "B", "C"})
    m.getOrAddSpecies(s, Location());
  for (unsigned r = 0; r < 3; ++r) {
    ir::Reaction rx;
    rx.reactants = {ir::Term{r, 1}, ir::Term{(r + 1) % 3, 1}};
    rx.products = {ir::Term{(r + 1) % 3, 2}};
    ir::normalizeTerms(rx.reactants);
    m.addReaction(rx);
  }
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  llvm::Expected<dna::Design> d = dsd::compile(m, dsd::SchemeOptions(), diags);
  REQUIRE(bool(d));
  return std::move(*d);
}

std::vector<std::string> randomSequences(const dna::Design &design,
                                         uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> seqs;
  for (unsigned d = 0; d < design.domains.size(); ++d) {
    std::string s;
    for (unsigned i = 0; i < design.domains.get(d).length; ++i)
      s.push_back("ACGT"[rng() % 4]);
    seqs.push_back(s);
  }
  return seqs;
}

using Key = std::tuple<unsigned, unsigned, bool, double>;

std::set<Key> keysOf(const std::vector<SpuriousHit> &hits) {
  std::set<Key> out;
  for (const SpuriousHit &h : hits)
    out.insert({h.regionA, h.regionB, h.hairpin, h.dG});
  return out;
}

/// The exhaustive check over the regions for which `wanted(a, b)` holds.
template <typename Wanted>
std::set<Key> exhaustive(const DesignModel &model, const dna::Design &design,
                         const std::vector<std::string> &seqs, Wanted wanted) {
  thermo::SpuriousModel energy{thermo::Conditions{}};
  std::vector<std::string> text;
  std::vector<std::vector<uint64_t>> keys;
  for (const ExposedRegion &r : model.regions) {
    text.push_back(strandSequence(r.domains, seqs));
    keys.push_back(pairKeys(r.domains, design.domains));
  }
  std::set<Key> out;
  for (unsigned a = 0; a < text.size(); ++a) {
    if (wanted(a, a)) {
      double dG = thermo::bestHairpin(text[a], energy, keys[a]).dG;
      if (dG < HairpinLimit)
        out.insert({a, a, true, dG});
    }
    for (unsigned b = a; b < text.size(); ++b)
      if (wanted(a, b)) {
        double dG =
            thermo::bestDuplex(text[a], text[b], energy, keys[a], keys[b]).dG;
        if (dG < DuplexLimit)
          out.insert({a, b, false, dG});
      }
  }
  return out;
}
} // namespace

TEST_CASE("the fast spurious check lists exactly the exhaustive violations",
          "[sequences][spurious]") {
  dna::Design design = rockPaperScissors();
  DesignModel model = analyseDesign(design);
  for (uint64_t seed : {1, 2, 3}) {
    std::vector<std::string> seqs = randomSequences(design, seed);
    std::set<Key> reference = exhaustive(
        model, design, seqs, [](unsigned, unsigned) { return true; });
    REQUIRE(reference.size() > 10); // random four-letter sequences pair
    for (unsigned threads : {1u, 3u}) {
      INFO("seed " << seed << ", threads " << threads);
      SpuriousCheck check(model, design.domains, thermo::Conditions{},
                          DuplexLimit, HairpinLimit, threads);
      check.update(seqs);
      SpuriousSummary all = check.evaluateAll();
      CHECK(keysOf(all.violations) == reference);
      for (const SpuriousHit &h : all.violations)
        CHECK_FALSE(h.blamed.empty());
    }
  }
}

TEST_CASE("evaluateAround agrees with the exhaustive check around a domain",
          "[sequences][spurious]") {
  dna::Design design = rockPaperScissors();
  DesignModel model = analyseDesign(design);
  std::vector<std::string> seqs = randomSequences(design, 11);
  SpuriousCheck one(model, design.domains, thermo::Conditions{}, DuplexLimit,
                    HairpinLimit, 1);
  SpuriousCheck three(model, design.domains, thermo::Conditions{}, DuplexLimit,
                      HairpinLimit, 3);
  one.update(seqs), three.update(seqs);
  for (unsigned d = 0; d < design.domains.size(); d += 3) {
    const std::vector<unsigned> &mine = one.regionsWith(d);
    auto touches = [&](unsigned a, unsigned b) {
      return std::count(mine.begin(), mine.end(), a) ||
             std::count(mine.begin(), mine.end(), b);
    };
    // The exhaustive set, each pair named with its region of d first.
    std::set<Key> reference;
    for (Key k : exhaustive(model, design, seqs, touches)) {
      auto [a, b, hairpin, dG] = k;
      if (!std::count(mine.begin(), mine.end(), a))
        std::swap(a, b);
      reference.insert({a, b, hairpin, dG});
    }
    INFO("domain " << design.domains.get(d).name);
    SpuriousSummary around = one.evaluateAround(d);
    std::set<Key> found;
    for (const SpuriousHit &h : around.violations) {
      auto [a, b] = std::minmax(h.regionA, h.regionB);
      bool aMine = std::count(mine.begin(), mine.end(), a) > 0;
      found.insert({aMine ? a : b, aMine ? b : a, h.hairpin, h.dG});
    }
    CHECK(found == reference);
    CHECK(keysOf(three.evaluateAround(d).violations) ==
          keysOf(around.violations));
    // Stopping early is decided by the count alone.
    if (!around.violations.empty()) {
      CHECK(one.evaluateAround(d, around.violations.size()).stopped);
      CHECK(three.evaluateAround(d, around.violations.size()).stopped);
      CHECK_FALSE(
          three.evaluateAround(d, around.violations.size() + 1).stopped);
    }
  }
}
