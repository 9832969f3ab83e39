// verify::splitByGates and checkGateModularBisimulation (GateModules.h):
// the gate modules are searched alone, the crosstalk reactions between them
// are interpreted and checked against the union. Hand-made networks in the
// shape of a soloveichik2010 design after fuel removal: module 0 implements
// A -> B (A -> i, i -> B), module 1 implements A + C -> D (A <-> j,
// j + C -> D), and i + j react.
#include "lib/verify/GateModules.h"
#include "VerifyTestSupport.h"

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

namespace {
const char *const formalText = "A -> B\nA + C -> D\n";

/// Gate module per species of `impl` by name: i -> 0, j -> 1, x -> shared,
/// the signals none.
std::vector<int32_t> gatesOf(const verify::Crn &impl) {
  std::vector<int32_t> gate(impl.speciesCount(), -1);
  for (verify::SpeciesIndex s = 0; s < impl.speciesCount(); ++s) {
    const std::string &name = impl.speciesNames[s];
    if (name == "i")
      gate[s] = 0;
    else if (name == "j")
      gate[s] = 1;
    else if (name == "x")
      gate[s] = -2;
  }
  return gate;
}
} // namespace

TEST_CASE("gate modules: crosstalk reactions are set apart from the "
          "modules",
          "[verify][modular]") {
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n"
                           "i + j -> x\nx -> i + j\n");
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::GateSplit split = verify::splitByGates(impl, partial, gatesOf(impl));
  REQUIRE(split.modules.size() == 2);
  CHECK(split.modules[0].reactions == std::vector<size_t>{0, 1});
  CHECK(split.modules[1].reactions == std::vector<size_t>{2, 3, 4});
  CHECK(split.crosstalk == std::vector<size_t>{5, 6});
  REQUIRE(split.crosstalkSpecies.size() == 1);
  CHECK(impl.speciesNames[split.crosstalkSpecies[0]] == "x");
  // Split by shared intermediates instead, i + j joins everything.
  CHECK(verify::splitModules(impl, partial).size() == 1);
}

TEST_CASE("gate modules: reversible crosstalk is proven correct, and the "
          "interpretation passes the whole-system conditions",
          "[verify][modular]") {
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n"
                           "i + j -> x\nx -> i + j\n");
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r = verify::checkGateModularBisimulation(
      formal, impl, {partial, 10}, gatesOf(impl));
  INFO(r.reason);
  REQUIRE(r.verdict == Verdict::Correct);
  CHECK(r.modules[0].implemented == std::vector<size_t>{0});
  CHECK(r.modules[1].implemented == std::vector<size_t>{1});
  // x holds what i and j hold together.
  verify::SpeciesIndex x = *impl.lookup("x");
  REQUIRE(r.interpretation[x]);
  CHECK(r.interpretation[x]->size() == 2);
  CHECK_FALSE(verify::checkInterpretation(formal, impl, r.interpretation,
                                          verify::Deadline(10)));
  // The strategy takes the gate modules when it is given them.
  verify::StrategyResult both = verify::checkCrnBisimulation(
      formal, impl, {partial, 10}, verify::BisimulationStrategy::Auto,
      gatesOf(impl));
  REQUIRE(both.modular);
  CHECK(both.modular->crosstalk.size() == 2);
  CHECK(both.bisimulation.verdict == Verdict::Correct);
}

TEST_CASE("gate modules: crosstalk that traps a signal is never proven "
          "correct",
          "[verify][modular]") {
  // i displaces A from j and sits in the gate as x, which then fires
  // A + C -> D in j's place: x must hold A (with i holding B the crosstalk
  // makes B + C -> D), but alone it can do nothing, so the union is not
  // permissive (the whole-system search: incorrect).
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n"
                           "i + j -> A + x\nx + C -> D\n");
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r = verify::checkGateModularBisimulation(
      formal, impl, {partial, 10}, gatesOf(impl));
  INFO(r.reason);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.reason.find("crosstalk reaction C + x -> D") != std::string::npos);
  CHECK(verify::checkCrnBisimulation(formal, impl, {partial, 10}).verdict ==
        Verdict::Incorrect);
}

TEST_CASE("gate modules: a crosstalk reaction that is neither trivial nor "
          "formal is reported",
          "[verify][modular]") {
  // i + j -> x, x -> D: two copies of A become D.
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n"
                           "i + j -> x\nx -> D\n");
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r = verify::checkGateModularBisimulation(
      formal, impl, {partial, 10}, gatesOf(impl));
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.reason.find("neither a formal reaction nor trivial") !=
        std::string::npos);
}

TEST_CASE("gate modules: the crosstalk is described by the formal reactions "
          "whose gates it joins",
          "[verify][modular]") {
  verify::Crn impl = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n"
                           "i + j -> x\nx -> i + j\n");
  std::vector<std::string> equations{"A -> B", "A + C -> D"};
  // i + j -> x: i of module 0 meets j of module 1. x -> i + j has one
  // reactant, of no single module: it joins nothing.
  CHECK(verify::describeGateCrosstalk(impl, gatesOf(impl), equations) ==
        "1 reaction brings species of different formal reactions' gates "
        "together (a strand one gate releases entering another gate), the "
        "first i + j -> x (the gates of 'A -> B' and 'A + C -> D')");
  // Without the reaction between the modules: nothing to say.
  verify::Crn apart = crnOf("A -> i\ni -> B\nA -> j\nj -> A\nj + C -> D\n");
  CHECK(!verify::describeGateCrosstalk(apart, gatesOf(apart), equations));
  // A design without modules (a PIL made elsewhere) has no gate modules.
  CHECK(!verify::describeGateCrosstalk(impl, {}, {}));
}
