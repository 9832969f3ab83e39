//===- SequenceDesignTest.cpp - backends/sequences ------------------------===//
//
// The designer on the rock-paper-scissors CRN (soloveichik2010): complements
// exact, hard constraints hold, the result is the same on 1 and 3 threads,
// fixed sequences are kept; filters and pools on their own.
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/SequenceDesign.h"
#include "backends/dsd/Scheme.h"
#include "backends/sequences/DesignModel.h"
#include "backends/sequences/Filters.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::sequences;

static dna::Design rockPaperScissors() {
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

TEST_CASE("filters: forbidden runs and alphabets", "[sequences]") {
  CHECK(hasForbiddenRun("ACGGGGT"));
  CHECK(hasForbiddenRun("CCCC"));
  CHECK(hasForbiddenRun("TAAAAAC"));
  CHECK_FALSE(hasForbiddenRun("AAAATTTTCCCGGG"));
  CHECK(forbiddenRunCount("CCCCCC") == 3);
  CHECK(fitsAlphabet("ACTTCA", Alphabet::ACT));
  CHECK_FALSE(fitsAlphabet("ACGT", Alphabet::ACT));
  CHECK(hasPalindrome("CAATT", 4)); // AATT pairs with itself
  CHECK(hasPalindrome("TATAC", 4));
  CHECK_FALSE(hasPalindrome("CAATC", 4));
  ToeholdPool pool = enumerateToeholds(5, Alphabet::ACT, thermo::Conditions{});
  // 3^5 sequences minus those with a run: CCCCx/xCCCC (5 with CCCCC), AAAAA,
  // TTTTT.
  CHECK(pool.sequences.size() == 243 - 5 - 2);
  CHECK(std::is_sorted(pool.dG.begin(), pool.dG.end()));
}

TEST_CASE("design model: strands, roles, exposure", "[sequences]") {
  dna::Design design = rockPaperScissors();
  DesignModel model = analyseDesign(design);
  REQUIRE(model.strands.size() == 21);
  CHECK(model.strands[0].name == "A");
  CHECK(model.strands[0].role == "signal");
  for (Alphabet a : model.alphabets)
    CHECK(a == Alphabet::ACT); // every domain is single-stranded on a signal
  CHECK(!model.regions.empty());
}

TEST_CASE("designed sequences satisfy the hard constraints", "[sequences]") {
  dna::Design design = rockPaperScissors();
  DesignOptions options;
  options.threads = 1;
  llvm::Expected<SequenceDesign> one = designSequences(design, options);
  REQUIRE(bool(one));
  CHECK(one->hardViolations == 0);
  for (const ConstraintResult &c : one->constraints)
    if (c.hard) {
      INFO(c.name);
      CHECK(c.violations == 0);
      CHECK(c.margin >= 0);
    }
  CHECK(one->toeholdMaxDG - one->toeholdMinDG <=
        2 * options.toeholdToleranceDG);
  // Strand sequences are the concatenation of the domains (complements exact).
  DesignModel model = analyseDesign(design);
  std::vector<std::string> seqs;
  for (const DomainSequence &d : one->domains)
    seqs.push_back(d.sequence);
  for (size_t s = 0; s < model.strands.size(); ++s)
    CHECK(one->strands[s].sequence ==
          strandSequence(model.strands[s].domains, seqs));
  CHECK(one->strands[5].sequence.find('G') !=
        std::string::npos); // f1.3 has complements

  options.threads = 3;
  llvm::Expected<SequenceDesign> three = designSequences(design, options);
  REQUIRE(bool(three));
  for (size_t d = 0; d < seqs.size(); ++d)
    CHECK(three->domains[d].sequence == seqs[d]);
  options.seed = 99;
  llvm::Expected<SequenceDesign> other = designSequences(design, options);
  REQUIRE(bool(other));
  bool differs = false;
  for (size_t d = 0; d < seqs.size(); ++d)
    differs |= other->domains[d].sequence != seqs[d];
  CHECK(differs);
}

TEST_CASE("fixed sequences are kept; bad ones are errors", "[sequences]") {
  dna::Design design = rockPaperScissors();
  DesignOptions options;
  options.fixed["t2"] = "CTTTC";
  llvm::Expected<SequenceDesign> r = designSequences(design, options);
  REQUIRE(bool(r));
  CHECK(r->domains[1].sequence == "CTTTC");
  CHECK(r->domains[1].fixed);
  options.fixed["t2"] = "CTTT";
  llvm::Expected<SequenceDesign> bad = designSequences(design, options);
  REQUIRE_FALSE(bool(bad));
  CHECK(llvm::toString(bad.takeError()).find("has 4 nt") != std::string::npos);
}

TEST_CASE("an unreachable toehold target names the reachable range",
          "[sequences]") {
  dna::Design design = rockPaperScissors();
  DesignOptions options;
  options.toeholdTargetDG = -15;
  llvm::Expected<SequenceDesign> r = designSequences(design, options);
  REQUIRE_FALSE(bool(r));
  CHECK(llvm::toString(r.takeError()).find("reachable") != std::string::npos);
}
