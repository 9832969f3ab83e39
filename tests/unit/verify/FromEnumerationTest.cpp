// The adapter from an enumerated design to the implementation CRN
// (lib/verify/FromEnumeration.h), over the 31 irreversible CRNs of Nuskell's
// test set: each is compiled the way `crnc verify model.crn` compiles it
// (lowering, DSD scheme, enumeration with Nuskell's limits), turned into the
// implementation CRN and checked for CRN bisimulation against the lowered
// formal CRN. Expected verdicts: the "crnc" column of
// tests/data/nuskell-verdicts.json, the verdict Nuskell gives crnc's design
// of the same CRN (`nuskell --readpil <crnc PIL> --verify crn-bisimulation`,
// recorded there; Nuskell is never run here). Entries whose expectation is
// not a boolean ("polymerization", "timeout", "missing") are skipped and
// counted. All 124 definite verdicts (31 CRNs x 4 schemes) matched when this
// test was written.
#include "VerifyTestSupport.h"
#include "compiler/driver/VerifyModel.h"
#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/PathwayDecomposition.h"
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

using namespace crnc;
using verify::Verdict;

namespace {
/// The CRN-bisimulation verdict (or with `pathway` the pathway-decomposition
/// verdict) on `crn`'s design under `scheme`.
Verdict verdictOf(const std::string &crn, const std::string &scheme,
                  bool pathway = false) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setWarningsSuppressed(true);
  std::unique_ptr<ir::Module> module =
      frontend::compileString(crn + "\n", diags);
  REQUIRE(module);
  driver::ModelVerification model;
  REQUIRE(driver::buildModelVerification(std::move(module), scheme,
                                         driver::nuskellEnumerateOptions(),
                                         model, diags) == 0);
  REQUIRE(model.enumerationStopped.empty());
  if (pathway)
    return verify::checkPathwayDecomposition(model.formal,
                                             model.implementation.crn, {30})
        .verdict;
  return verify::checkCrnBisimulation(model.formal, model.implementation.crn,
                                      {model.implementation.partial, 30})
      .verdict;
}
} // namespace

TEST_CASE("fromEnumeration: one species per macrostate, fuels removed",
          "[verify][enumerate]") {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setWarningsSuppressed(true);
  driver::ModelVerification model;
  REQUIRE(driver::buildModelVerification(
              frontend::compileString("A + B -> C\n", diags), "qian2011",
              driver::nuskellEnumerateOptions(), model, diags) == 0);
  const verify::Crn &impl = model.implementation.crn;
  // Signals keep the formal names and interpret as themselves.
  for (const char *name : {"A", "B", "C"}) {
    std::optional<verify::SpeciesIndex> s = impl.lookup(name);
    REQUIRE(s);
    REQUIRE(model.implementation.partial[*s]);
    CHECK(model.formal.format(*model.implementation.partial[*s]) == name);
  }
  // Fuels are constant, start at C_max (1000 nM in the module's nM) and
  // take part in no reaction once removed.
  REQUIRE(!model.implementation.fuels.empty());
  for (verify::SpeciesIndex f : model.implementation.fuels) {
    CHECK(impl.constant[f]);
    CHECK(impl.initial[f] == Approx(1000).epsilon(1e-12));
    for (const verify::CrnReaction &r : impl.reactions) {
      CHECK(!llvm::is_contained(r.reactants, f));
      CHECK(!llvm::is_contained(r.products, f));
    }
  }
}

TEST_CASE("fromEnumeration: Nuskell's verdicts on crnc's designs",
          "[verify][enumerate]") {
  std::ifstream in(CRNC_TEST_DATA_DIR "/nuskell-verdicts.json");
  REQUIRE(in);
  nlohmann::json data = nlohmann::json::parse(in);
  std::map<std::string, std::pair<int, int>> table; // matches, skipped
  int irreversible = 0;
  for (const auto &entry : data["crns"]) {
    std::string crn = entry["crn"];
    if (crn.find("<=>") != std::string::npos)
      continue;
    ++irreversible;
    for (auto &[scheme, expected] : entry["crnc"].items()) {
      if (!expected.is_boolean()) {
        ++table[scheme].second;
        continue;
      }
      INFO(crn << " under " << scheme);
      Verdict v = verdictOf(crn, scheme);
      CHECK(v ==
            (expected.get<bool>() ? Verdict::Correct : Verdict::Incorrect));
      table[scheme].first +=
          v == (expected.get<bool>() ? Verdict::Correct : Verdict::Incorrect);
    }
  }
  CHECK(irreversible == 31);
  for (const char *scheme :
       {"soloveichik2010", "srinivas2015", "qian2011", "cardelli2013"}) {
    INFO(scheme);
    CHECK(table[scheme].first + table[scheme].second == 31);
    CHECK(table[scheme].second == 0); // every expectation is definite
  }
}

// The "pathway_decomposition" column: Nuskell's pathway-decomposition verdict
// on crnc's qian2011 design (recorded as above). All 31 matched.
TEST_CASE("fromEnumeration: pathway decomposition of qian2011 designs",
          "[verify][enumerate]") {
  std::ifstream in(CRNC_TEST_DATA_DIR "/nuskell-verdicts.json");
  REQUIRE(in);
  nlohmann::json data = nlohmann::json::parse(in);
  int definite = 0;
  for (const auto &entry : data["crns"]) {
    std::string crn = entry["crn"];
    if (!entry.contains("pathway_decomposition"))
      continue;
    const nlohmann::json &expected = entry["pathway_decomposition"]["crnc"];
    if (!expected.is_boolean())
      continue;
    ++definite;
    INFO(crn);
    CHECK(verdictOf(crn, "qian2011", true) ==
          (expected.get<bool>() ? Verdict::Correct : Verdict::Incorrect));
  }
  CHECK(definite == 31);
}
