// Implementation CRNs: reversible reactions split, fuels removed, wastes
// found, interpretations inferred from names and read from files.
#include "VerifyTestSupport.h"
#include "ir/Module.h"

using namespace crnc;
using namespace crnc::test;

TEST_CASE("a reversible reaction becomes two, forward first") {
  verify::Crn crn = crnOf("A + B <=> C [kf = 2, kr = 3]\n");
  REQUIRE(crn.reactions.size() == 2);
  CHECK(crn.format(crn.reactions[0]) == "A + B -> C");
  CHECK(crn.reactions[0].rate == 2);
  CHECK(crn.format(crn.reactions[1]) == "C -> A + B");
  CHECK(crn.reactions[1].rate == 3);
}

TEST_CASE("removing fuels drops reactions that became trivial or repeated") {
  verify::Crn crn = crnOf("A + f -> i + g\n"
                          "A + g -> i + f\n"
                          "f -> g\n"
                          "i + f -> B\n");
  verify::removeSpecies(crn, {*crn.lookup("f"), *crn.lookup("g")});
  REQUIRE(crn.reactions.size() == 2);
  CHECK(crn.format(crn.reactions[0]) == "A -> i");
  CHECK(crn.format(crn.reactions[1]) == "i -> B");
}

TEST_CASE("wastes are the species that never react with a non-waste") {
  // w is only produced; v reacts only with w; i reacts with A.
  verify::Crn crn = crnOf("A + i -> B + w\nw + v -> v\nA -> i\n");
  std::vector<bool> signals(crn.speciesCount(), false);
  signals[*crn.lookup("A")] = signals[*crn.lookup("B")] = true;
  std::vector<bool> wastes = verify::findWastes(crn, signals);
  CHECK(wastes[*crn.lookup("w")]);
  CHECK(wastes[*crn.lookup("v")]);
  CHECK_FALSE(wastes[*crn.lookup("i")]);
  CHECK_FALSE(wastes[*crn.lookup("A")]);
}

TEST_CASE("species named after formal species (or X_<n>_) interpret as them") {
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("A_1_ -> i\ni -> B\nA -> A_x\n");
  verify::Interpretation m = verify::interpretationFromNames(impl, formal);
  CHECK(meaningOf(m, impl, formal, "A_1_") == "A");
  CHECK(meaningOf(m, impl, formal, "A") == "A");
  CHECK(meaningOf(m, impl, formal, "B") == "B");
  CHECK_FALSE(m[*impl.lookup("i")]);
  CHECK_FALSE(m[*impl.lookup("A_x")]);
}

TEST_CASE("an interpretation file is read as reactions, with located errors") {
  verify::Crn formal = crnOf("A -> B\n");
  verify::Crn impl = crnOf("x -> y\ny -> z\n");
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  CapturedDiagnostics captured(diags);
  auto file = frontend::compileString("x -> A\ny -> 2 A\nz ->\n", diags);
  REQUIRE(file);
  verify::Interpretation m(impl.speciesCount());
  REQUIRE(verify::readInterpretation(*file, impl, formal, m, diags));
  CHECK(meaningOf(m, impl, formal, "y") == "2 A");
  CHECK(meaningOf(m, impl, formal, "z").empty());
  auto bad = frontend::compileString("q -> A\nx -> C\nx + y -> A\n", diags);
  REQUIRE(bad);
  CHECK_FALSE(verify::readInterpretation(*bad, impl, formal, m, diags));
  CHECK(captured.hasError("'q' is not a species of the implementation"));
  CHECK(captured.hasError("'C' is not a species of the formal"));
  CHECK(captured.hasError("expected 'species -> formal species'"));
}
