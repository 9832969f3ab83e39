// crnc's verdicts on Nuskell's own designs of the 62 test CRNs equal
// crnverifier's (tests/data/verify/verdicts.json, recorded with the commands
// in tests/data/verify/README.md; the peers are never run here), and the
// verdicts Nuskell gives its own designs (tests/data/nuskell-verdicts.json,
// where crnverifier alone timed out or raised an exception).
#include "VerifyTestSupport.h"
#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/PathwayDecomposition.h"
#include <fstream>
#include <nlohmann/json.hpp>

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

namespace {
struct Case {
  std::string name, crn;
  verify::Crn formal, impl;
  nlohmann::json expected;
  nlohmann::json nuskell; ///< Nuskell's verdict on its own design
};

std::vector<Case> peerCases() {
  std::ifstream in(CRNC_TEST_DATA_DIR "/verify/verdicts.json");
  REQUIRE(in);
  nlohmann::json data = nlohmann::json::parse(in);
  std::ifstream nuskellFile(CRNC_TEST_DATA_DIR "/nuskell-verdicts.json");
  REQUIRE(nuskellFile);
  nlohmann::json nuskell = nlohmann::json::parse(nuskellFile);
  std::vector<Case> cases;
  for (const auto &entry : data["cases"]) {
    if (!entry.contains("implementation"))
      continue;
    std::string path = std::string(CRNC_TEST_DATA_DIR "/verify/") +
                       entry["implementation"].get<std::string>();
    std::ifstream file(path);
    REQUIRE(file);
    std::string text((std::istreambuf_iterator<char>(file)),
                     std::istreambuf_iterator<char>());
    Case c{entry["implementation"],
           entry["crn"],
           crnOf(entry["crn"].get<std::string>() + "\n"),
           crnOf(text),
           entry["crnverifier"],
           nuskell["crns"][entry["index"].get<size_t>()]["nuskell"]
                  [entry["scheme"].get<std::string>()]};
    std::vector<verify::SpeciesIndex> fuels;
    for (const auto &fuel : entry["fuels"])
      fuels.push_back(*c.impl.lookup(fuel.get<std::string>()));
    verify::removeSpecies(c.impl, fuels);
    cases.push_back(std::move(c));
  }
  return cases;
}

bool definite(const nlohmann::json &v) {
  return v == "correct" || v == "incorrect";
}
} // namespace

TEST_CASE("crnc agrees with crnverifier on Nuskell's designs") {
  // The search from scratch runs where crnverifier answered (where it timed
  // out crnc's exhaustive search takes seconds, too long for the suite; the
  // benchmark covers those); the search from names and pathway
  // decomposition run on every design.
  std::vector<Case> cases = peerCases();
  REQUIRE(cases.size() >= 170);
  size_t compared = 0, comparedWithNuskell = 0;
  for (const Case &c : cases) {
    INFO(c.name << ": " << c.crn);
    verify::BisimulationOptions byName{
        verify::interpretationFromNames(c.impl, c.formal), 60};
    std::vector<std::pair<std::string, Verdict>> results = {
        {"crn-bisimulation-named",
         verify::checkCrnBisimulation(c.formal, c.impl, byName).verdict},
        {"pathway-decomposition",
         verify::checkPathwayDecomposition(c.formal, c.impl, {60}).verdict}};
    if (definite(c.expected["crn-bisimulation"]))
      results.push_back(
          {"crn-bisimulation",
           verify::checkCrnBisimulation(c.formal, c.impl, {{}, 60}).verdict});
    if (c.nuskell.is_boolean()) {
      CHECK((results[0].second == Verdict::Correct) == c.nuskell.get<bool>());
      ++comparedWithNuskell;
    }
    for (auto &[notion, verdict] : results) {
      INFO(notion);
      CHECK(verdict != Verdict::Unknown);
      if (!definite(c.expected[notion]))
        continue;
      CHECK(verify::verdictName(verdict).str() == c.expected[notion]);
      ++compared;
    }
  }
  CHECK(compared >= 490);
  CHECK(comparedWithNuskell == cases.size());
}
