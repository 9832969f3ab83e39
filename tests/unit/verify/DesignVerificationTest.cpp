// verify::prepareDesign on a design read from PIL (what `crnc verify --formal
// f.crn --pil design.pil` checks): Nuskell's own designs of the 62 test CRNs
// (tests/data/verify/pil, Nuskell's `_sys.pil` files, made with the command
// in tests/data/verify/README.md) are read, enumerated with Nuskell's limits
// and checked; the CRN-bisimulation verdict equals the one Nuskell gives its
// own design (tests/data/nuskell-verdicts.json, "nuskell"; Nuskell is never
// run here). Where Nuskell has no verdict ("polymerization": Peppercorn
// stopped at its limits) crnc's verdict is not compared.
#include "VerifyTestSupport.h"
#include "backends/pil/PILReader.h"
#include "compiler/driver/VerifyModel.h"
#include "compiler/frontend/Frontend.h"
#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/VerifyDesign.h"
#include <fstream>
#include <nlohmann/json.hpp>

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

namespace {
std::optional<std::string> readText(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

verify::PreparedDesign implementationOf(const std::string &crn,
                                        const std::string &pil) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  std::optional<dna::Design> design = pil::readPILString(pil, diags);
  REQUIRE(design);
  std::unique_ptr<ir::Module> formal =
      frontend::compileString(crn + "\n", diags);
  REQUIRE(formal);
  return verify::prepareDesign(*formal, std::move(*design),
                               verify::nuskellEnumerateOptions());
}
} // namespace

TEST_CASE("designs: a history variant of a signal stands for it",
          "[verify][pil]") {
  // Nuskell's soloveichik2010 design of A + B -> C: the released C carries
  // the gate's domain d13 where the signal has its history domain h12.
  std::string pil = "length d13 = 15\nlength d2 = 15\nlength d5 = 15\n"
                    "length d8 = 15\nlength h10 = 15\nlength h11 = 15\n"
                    "length h12 = 15\nlength t1 = 5\nlength t3 = 5\n"
                    "length t4 = 5\nlength t6 = 5\nlength t7 = 5\n"
                    "length t9 = 5\n"
                    "A = h10 t1 d2 t3\nB = h11 t4 d5 t6\nC = h12 t7 d8 t9\n"
                    "f2 = d13( t7( d8 t9 + ) ) t6* @constant 100 nM\n"
                    "f3 = d2 t3 t4 @constant 100 nM\n"
                    "f1 = d2( t3( t4( + d5( t6( d13 t7 + ) ) ) ) ) t1* "
                    "@constant 100 nM\n";
  verify::PreparedDesign d = implementationOf("A + B -> C", pil);
  REQUIRE(d.stopped.empty());
  const verify::Crn &impl = d.implementation.crn;
  // The released C (d13 t7 d8 t9) is not the design's C but stands for it.
  size_t variants = 0;
  for (verify::SpeciesIndex s : impl.usedSpecies())
    if (impl.speciesNames[s] != "C" && d.implementation.partial[s] &&
        meaningOf(d.implementation.partial, impl, d.formal,
                  impl.speciesNames[s]) == "C")
      ++variants;
  CHECK(variants == 1);
  CHECK(d.implementation.fuels.size() == 3);
  verify::BisimulationResult r = verify::checkCrnBisimulation(
      d.formal, impl, {d.implementation.partial, 10});
  CHECK(r.verdict == Verdict::Correct);
}

TEST_CASE("designs: crnc's verdicts on Nuskell's own designs equal Nuskell's",
          "[verify][pil]") {
  std::optional<std::string> verdicts =
      readText(CRNC_TEST_DATA_DIR "/nuskell-verdicts.json");
  REQUIRE(verdicts);
  nlohmann::json data = nlohmann::json::parse(*verdicts);
  size_t compared = 0, designs = 0;
  for (std::string scheme : {"soloveichik2010", "srinivas2015", "qian2011"})
    for (size_t i = 0; i < data["crns"].size(); ++i) {
      std::string name = (i < 10 ? "0" : "") + std::to_string(i);
      std::optional<std::string> pil =
          readText(std::string(CRNC_TEST_DATA_DIR "/verify/pil/") + scheme +
                   "/" + name + ".pil");
      REQUIRE(pil);
      ++designs;
      const nlohmann::json &expected = data["crns"][i]["nuskell"][scheme];
      if (!expected.is_boolean())
        continue;
      std::string crn = data["crns"][i]["crn"];
      INFO(scheme << " " << name << ": " << crn);
      verify::PreparedDesign d = implementationOf(crn, *pil);
      REQUIRE(d.stopped.empty());
      verify::BisimulationResult r = verify::checkCrnBisimulation(
          d.formal, d.implementation.crn, {d.implementation.partial, 30});
      CHECK(r.verdict ==
            (expected.get<bool>() ? Verdict::Correct : Verdict::Incorrect));
      ++compared;
    }
  CHECK(designs == 186);
  CHECK(compared == 176);
}
