// The recorded CRN-bisimulation verdicts (tests/data/nuskell-verdicts.json):
// every test CRN compiles with every scheme, crnc's designs got the verdict
// Nuskell gives its own implementation, and the verdicts are the ones the
// literature reports. The verification issue checks them again with crnc's
// own verifier; these tests never run Nuskell.
#include "DsdTestSupport.h"
#include <catch2/catch.hpp>
#include <set>

using namespace crnc;
using namespace crnc::test;

TEST_CASE("the verdict file covers 62 CRNs and every scheme") {
  nlohmann::json data = verdictData();
  REQUIRE(data["crns"].size() == 62);
  for (size_t i = 0; i < 31; ++i) {
    std::string irreversible = data["crns"][i]["crn"];
    std::string reversible = data["crns"][i + 31]["crn"];
    CHECK(irreversible.find("->") != std::string::npos);
    CHECK(reversible.find("<=>") != std::string::npos);
  }
  for (const auto &entry : data["crns"])
    for (const dsd::SchemeInfo &s : dsd::allSchemes()) {
      INFO(entry["crn"] << " " << s.name.str());
      CHECK(entry["nuskell"].contains(s.name.str()));
      CHECK(entry["crnc"].contains(s.name.str()));
    }
}

TEST_CASE("crnc's designs get the verdicts of Nuskell's own") {
  nlohmann::json data = verdictData(); // alive for the whole loop
  REQUIRE(data["crns"].size() == 62);
  for (const auto &entry : data["crns"])
    for (const dsd::SchemeInfo &s : dsd::allSchemes()) {
      INFO(entry["crn"] << " " << s.name.str());
      CHECK(entry["crnc"][s.name.str()] == entry["nuskell"][s.name.str()]);
    }
}

/// The irreversible CRNs on which `scheme` is not a CRN bisimulation.
static std::set<std::string> incorrectIrreversible(const std::string &scheme) {
  std::set<std::string> out;
  auto crns = verdictData()["crns"];
  for (size_t i = 0; i < 31; ++i)
    if (crns[i]["crnc"][scheme] == false)
      out.insert(crns[i]["crn"].get<std::string>());
  return out;
}

TEST_CASE("verdicts match the published behaviour of the schemes") {
  CHECK(
      incorrectIrreversible("soloveichik2010") ==
      std::set<std::string>{"A + A -> A", "A + A -> A + B", "A + A -> B + A"});
  CHECK(incorrectIrreversible("srinivas2015") ==
        std::set<std::string>{"A + A -> A"});
  CHECK(incorrectIrreversible("qian2011").empty());
}

TEST_CASE("qian2011 is also correct under pathway decomposition") {
  auto crns = verdictData()["crns"];
  for (size_t i = 0; i < 31; ++i) {
    INFO(crns[i]["crn"]);
    CHECK(crns[i]["pathway_decomposition"]["crnc"] == true);
    CHECK(crns[i]["pathway_decomposition"]["nuskell"] == true);
  }
}
