// CRN bisimulation (Johnson, Dong & Winfree 2019): the three conditions on
// hand-made implementations whose verdict follows from the definitions, the
// search for an interpretation, and the time limit.
#include "VerifyTestSupport.h"
#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/PermissiveCheck.h"

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

static verify::BisimulationResult
check(const verify::Crn &formal, const verify::Crn &impl, bool byName = true) {
  verify::BisimulationOptions options;
  if (byName)
    options.partial = verify::interpretationFromNames(impl, formal);
  return verify::checkCrnBisimulation(formal, impl, options);
}

TEST_CASE("a two-step implementation of A -> B is a bisimulation") {
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A -> i\ni -> B\n");
  verify::BisimulationResult r = check(formal, impl);
  REQUIRE(r.verdict == Verdict::Correct);
  // i -> B makes i interpret as A (A -> A trivial, A -> B formal) or as B.
  std::string i = meaningOf(r.interpretation, impl, formal, "i");
  CHECK((i == "A" || i == "B"));
}

TEST_CASE("without names, the search finds the interpretation") {
  verify::Crn formal = crnOf("A + B -> C\n");
  verify::Crn impl = crnOf("x + y -> j\nj -> z\n");
  verify::BisimulationResult r = check(formal, impl, /*byName=*/false);
  REQUIRE(r.verdict == Verdict::Correct);
  CHECK(meaningOf(r.interpretation, impl, formal, "z") == "C");
}

TEST_CASE("an extra formal-level reaction breaks the delimiting condition") {
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A -> B\nB -> A\n");
  verify::BisimulationResult r = check(formal, impl);
  REQUIRE(r.verdict == Verdict::Incorrect);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "delimiting");
  CHECK(r.counterexample->reaction == "B -> A");
  CHECK(r.counterexample->message.find("B -> A") != std::string::npos);
}

TEST_CASE("a formal species with no species of its own breaks atomicity") {
  verify::Crn formal = crnOf("A + B -> C\n");
  verify::Crn impl = crnOf("AB -> C\n");
  verify::BisimulationResult r = check(formal, impl);
  REQUIRE(r.verdict == Verdict::Incorrect);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "atomic");
}

TEST_CASE("a reaction that needs a species never produced is not permitted") {
  // A + x -> B implements A -> B only if x is around; x interprets as
  // nothing, and nothing produces it.
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A + x -> B\n");
  verify::BisimulationResult r = check(formal, impl);
  REQUIRE(r.verdict == Verdict::Incorrect);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "permissive");
  CHECK(r.counterexample->message.find("state A") != std::string::npos);
}

TEST_CASE("null species made by a loop are available to the permissive "
          "check") {
  // From A, the loop A -> A + x (trivial) makes x, then A + x -> B fires.
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A -> A + x\nA + x -> B\n");
  verify::Interpretation m(impl.speciesCount());
  m[*impl.lookup("A")] = verify::Multiset{*formal.lookup("A")};
  m[*impl.lookup("B")] = verify::Multiset{*formal.lookup("B")};
  m[*impl.lookup("x")] = verify::Multiset{};
  verify::Deadline none;
  CHECK_FALSE(verify::checkInterpretation(formal, impl, m, none));
}

TEST_CASE("minimal implementation states cover the formal reactants") {
  verify::Crn formal = crnOf("A + B -> C\n");
  verify::Crn impl = crnOf("a + b -> c\nab -> c\n");
  verify::Interpretation m(impl.speciesCount());
  verify::SpeciesIndex A = *formal.lookup("A"), B = *formal.lookup("B");
  m[*impl.lookup("a")] = verify::Multiset{A};
  m[*impl.lookup("b")] = verify::Multiset{B};
  m[*impl.lookup("ab")] = verify::Multiset{A, B};
  m[*impl.lookup("c")] = verify::Multiset{*formal.lookup("C")};
  std::vector<verify::Multiset> states = verify::minimalImplementationStates(
      formal.reactions[0].reactants, m, impl.usedSpecies());
  // {a, b} and {ab}; {a, ab} is not minimal.
  REQUIRE(states.size() == 2);
  CHECK(impl.format(states[0]) == "a + b");
  CHECK(impl.format(states[1]) == "ab");
}

TEST_CASE("a time limit gives unknown, not a verdict") {
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A -> i\ni -> B\n");
  verify::BisimulationOptions options;
  options.timeLimitSeconds = 1e-12;
  CHECK(verify::checkCrnBisimulation(formal, impl, options).verdict ==
        Verdict::Unknown);
}
