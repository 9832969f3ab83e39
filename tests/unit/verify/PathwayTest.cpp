// Pathway decomposition (Shin, Thachuk & Winfree 2019): formal bases and
// the tidy and regular conditions on implementations whose answer follows
// from the definitions.
#include "VerifyTestSupport.h"
#include "lib/verify/PathwayDecomposition.h"

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

static verify::FormalBasisResult basisOf(const verify::Crn &crn,
                                         llvm::ArrayRef<const char *> formal) {
  std::vector<bool> flags(crn.speciesCount(), false);
  for (const char *name : formal)
    if (auto s = crn.lookup(name))
      flags[*s] = true;
  return verify::formalBasis(crn, flags, verify::Deadline());
}

TEST_CASE("the formal basis of a two-step pathway is its formal reaction") {
  verify::Crn impl = crnOf("A -> i\ni -> B\n");
  verify::FormalBasisResult r = basisOf(impl, {"A", "B"});
  REQUIRE(r.verdict == Verdict::Correct);
  REQUIRE(r.basis.size() == 1);
  CHECK(r.basis[0].first == std::vector<std::string>{"A"});
  CHECK(r.basis[0].second == std::vector<std::string>{"B"});
}

TEST_CASE("a bimolecular module with a reversible first step") {
  // A + B <=> i, i -> C + w: the reverse step gives the trivial pathway
  // A + B -> A + B (dropped), the forward one A + B -> C; w is a waste.
  verify::Crn impl = crnOf("A + B <=> i\ni -> C + w\n");
  verify::FormalBasisResult r = basisOf(impl, {"A", "B", "C"});
  REQUIRE(r.verdict == Verdict::Correct);
  REQUIRE(r.basis.size() == 1);
  CHECK(r.basis[0].first == std::vector<std::string>{"A", "B"});
  CHECK(r.basis[0].second == std::vector<std::string>{"C"});
}

TEST_CASE("an intermediate that needs a formal species to clear is untidy") {
  verify::Crn impl = crnOf("A -> i\ni -> B + j\nj + C -> C\n");
  verify::FormalBasisResult r = basisOf(impl, {"A", "B", "C"});
  REQUIRE(r.verdict == Verdict::Incorrect);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "tidy");
  // The pathway A -> i leaves i, whose only way out leaves j.
  CHECK(r.counterexample->reaction == "A -> i");
  CHECK(r.counterexample->message.find("intermediates i,") !=
        std::string::npos);
}

TEST_CASE("a product made before a reactant is consumed is irregular") {
  // A -> i + C; i + B -> D: C appears before B is taken, no turning point
  // (i -> nothing keeps the CRN tidy).
  verify::Crn impl = crnOf("A -> i + C\ni + B -> D\ni ->\n");
  verify::FormalBasisResult r = basisOf(impl, {"A", "B", "C", "D"});
  REQUIRE(r.verdict == Verdict::Incorrect);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "regular");
  CHECK(r.counterexample->reaction == "A -> i + C; i + B -> D");
}

TEST_CASE("equivalence compares the two formal bases") {
  verify::Crn formal = crnOf("A + B -> C\n");
  CHECK(verify::checkPathwayDecomposition(
            formal, crnOf("A + B <=> i\ni -> C + w\n"), {})
            .verdict == Verdict::Correct);
  verify::PathwayResult wrong = verify::checkPathwayDecomposition(
      formal, crnOf("A + B <=> i\ni -> C + C\n"), {});
  REQUIRE(wrong.verdict == Verdict::Incorrect);
  REQUIRE(wrong.counterexample);
  CHECK(wrong.counterexample->message.find("A + B -> C + C") !=
        std::string::npos);
}
