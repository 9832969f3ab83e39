// verify::checkModularBisimulation (Johnson, Dong & Winfree 2019, section
// 3.3): it agrees with the monolithic search on the recorded corpus of
// Nuskell's designs (tests/data/verify, see its README): it proves every
// design the monolithic search proves, with an interpretation that passes
// the monolithic conditions; on the 50-step cascade it proves each of the 50
// modules alone, and names the module that a swapped product breaks.
#include "lib/verify/ModularBisimulation.h"
#include "VerifyTestSupport.h"
#include <fstream>
#include <nlohmann/json.hpp>

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

namespace {
std::string readText(const std::string &path) {
  std::ifstream in(path);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

/// `impl` with its constant species (the fuels) removed.
void removeFuels(verify::Crn &impl) {
  std::vector<verify::SpeciesIndex> fuels;
  for (verify::SpeciesIndex s = 0; s < impl.speciesCount(); ++s)
    if (impl.constant[s])
      fuels.push_back(s);
  verify::removeSpecies(impl, fuels);
}

const std::string cascadeDir = CRNC_TEST_DATA_DIR "/verify/cascade50/";
} // namespace

TEST_CASE("modular: modules are joined by uninterpreted species",
          "[verify][modular]") {
  verify::Crn formal = crnOf("A -> B\nB -> C\n");
  verify::Crn impl = crnOf("A -> i\ni -> B\nB -> j\nj -> C\n");
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  std::vector<verify::ImplementationModule> modules =
      verify::splitModules(impl, partial);
  REQUIRE(modules.size() == 2);
  CHECK(modules[0].reactions == std::vector<size_t>{0, 1});
  CHECK(modules[1].reactions == std::vector<size_t>{2, 3});
  verify::ModularResult r =
      verify::checkModularBisimulation(formal, impl, {partial, 10});
  CHECK(r.verdict == Verdict::Correct);
  CHECK(r.modules[0].implemented == std::vector<size_t>{0});
  CHECK(r.modules[1].implemented == std::vector<size_t>{1});
  CHECK_FALSE(verify::checkInterpretation(formal, impl, r.interpretation,
                                          verify::Deadline(10)));
}

TEST_CASE("modular: the modularity condition fails when an intermediate "
          "keeps what another module needs",
          "[verify][modular]") {
  // i holds A (module 1 turns A into i, then i + B into C); module 2
  // consumes A, but i cannot turn back into A: the union is not permissive
  // for A -> D from state i, so the modular check proves nothing.
  verify::Crn formal = crnOf("A + B -> C\nA -> D\n");
  verify::Crn impl = crnOf("A -> i\ni + B -> C\nA -> j\nj -> D\n");
  verify::ModularResult r = verify::checkModularBisimulation(
      formal, impl, {verify::interpretationFromNames(impl, formal), 10});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK_THAT(r.reason, Catch::Contains("modularity condition fails"));
  // The monolithic search agrees: it is not a CRN bisimulation.
  CHECK(verify::checkCrnBisimulation(
            formal, impl, {verify::interpretationFromNames(impl, formal), 10})
            .verdict == Verdict::Incorrect);
}

TEST_CASE("modular: the 50-step cascade, 50 modules checked alone",
          "[verify][modular]") {
  verify::Crn formal = crnOf(readText(cascadeDir + "formal.crn"));
  verify::Crn impl = crnOf(readText(cascadeDir + "soloveichik2010.crn"));
  removeFuels(impl);
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r =
      verify::checkModularBisimulation(formal, impl, {partial, 30});
  CHECK(r.verdict == Verdict::Correct);
  CHECK(r.modules.size() == 50);
  REQUIRE_FALSE(verify::checkInterpretation(formal, impl, r.interpretation,
                                            verify::Deadline(30)));
}

TEST_CASE("modular: a swapped product breaks one module, and it is named",
          "[verify][modular]") {
  // The gate of X24 + Y24 -> X25 releases X26 instead: module 25 (in the
  // order of the reactions) has no bisimulation, and the whole system none.
  std::string text = readText(cascadeDir + "soloveichik2010.crn");
  std::string from = "i1406 + f74 -> i1417 + X25_1_";
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "i1406 + f74 -> i1417 + X26_1_");
  verify::Crn formal = crnOf(readText(cascadeDir + "formal.crn"));
  verify::Crn impl = crnOf(text);
  removeFuels(impl);
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r =
      verify::checkModularBisimulation(formal, impl, {partial, 30});
  CHECK(r.verdict == Verdict::Unknown);
  REQUIRE(r.brokenModule);
  REQUIRE(r.counterexample);
  CHECK(r.counterexample->condition == "delimiting");
  bool releasesX26 = false;
  for (size_t k : r.modules[*r.brokenModule].reactions)
    releasesX26 |= impl.format(impl.reactions[k]) == "i1406 -> i1417 + X26_1_";
  CHECK(releasesX26);
  verify::StrategyResult whole = verify::checkCrnBisimulation(
      formal, impl, {partial, 30}, verify::BisimulationStrategy::Auto);
  REQUIRE(whole.modular);
  CHECK(whole.bisimulation.verdict == Verdict::Incorrect);
}

TEST_CASE("modular: agrees with the monolithic search on Nuskell's designs",
          "[verify][modular]") {
  nlohmann::json data = nlohmann::json::parse(
      readText(CRNC_TEST_DATA_DIR "/verify/verdicts.json"));
  size_t cases = 0, provedModularly = 0, correct = 0;
  for (const auto &entry : data["cases"]) {
    if (!entry.contains("implementation"))
      continue;
    std::string path = entry["implementation"];
    INFO(path << ": " << entry["crn"].get<std::string>());
    verify::Crn formal = crnOf(entry["crn"].get<std::string>() + "\n");
    verify::Crn impl = crnOf(readText(CRNC_TEST_DATA_DIR "/verify/" + path));
    removeFuels(impl);
    verify::Interpretation partial =
        verify::interpretationFromNames(impl, formal);
    verify::ModularResult modular =
        verify::checkModularBisimulation(formal, impl, {partial, 30});
    Verdict whole =
        verify::checkCrnBisimulation(formal, impl, {partial, 30}).verdict;
    ++cases;
    correct += whole == Verdict::Correct;
    if (modular.verdict != Verdict::Correct)
      continue;
    ++provedModularly;
    CHECK(whole == Verdict::Correct);
    CHECK_FALSE(verify::checkInterpretation(
        formal, impl, modular.interpretation, verify::Deadline(30)));
  }
  // Every design the monolithic search proves correct (170 of 175 when this
  // test was written) is proven module by module too.
  CHECK(cases >= 170);
  CHECK(correct >= 170);
  CHECK(provedModularly == correct);
}
