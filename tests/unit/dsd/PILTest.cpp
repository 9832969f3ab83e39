// PIL: crnc's designs round-trip through the writer and reader; the reader
// takes Peppercorn-style enumerated output (reactions, macrostates,
// dot-paren complexes) and reports malformed lines where they are.
#include "DsdTestSupport.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILReader.h"
#include "backends/pil/PILWriter.h"
#include "backends/visualdsd/VisualDSDWriter.h"
#include "lib/dna/KernelNotation.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

TEST_CASE("designs of every scheme round-trip through PIL") {
  for (const dsd::SchemeInfo &scheme : dsd::allSchemes()) {
    for (const char *crn : {"A + B -> C + D", "A <=> B + B", "-> A", "A ->"}) {
      INFO(scheme.name.str() << ": " << crn);
      CompileResult r = compileCRN(crn, scheme.name);
      REQUIRE(r.design);
      std::string text = pil::printPIL(*r.design);
      llvm::SourceMgr sm;
      DiagnosticEngine diags(sm);
      auto back = pil::readPILString(text, diags);
      REQUIRE(back);
      REQUIRE(back->complexCount() == r.design->complexCount());
      for (dna::ComplexIndex i = 0; i < back->complexCount(); ++i) {
        CHECK(back->getComplex(i).role == r.design->getComplex(i).role);
        CHECK(back->getComplex(i).constant == r.design->getComplex(i).constant);
      }
      back->scheme = r.design->scheme;
      back->formalReactions = r.design->formalReactions;
      CHECK(pil::printPIL(*back) == text);
    }
  }
}

static const char *enumerated = R"(# enumerated output
length a = 15
length t = 6
sequence b = NNNNNNNNNNNNNNN
domain h1 = long
strand s1 = a t : 21

A = h1 t a @initial 10 nM
f1 = a( t( + ) ) t* @constant 1 uM
complex i1 =
  h1 t a + a* t* t*
  . ( ( + ) ) .
structure w1 = a t b : . . .

reaction [condensed = 1.2e6 /M/s] A + f1 -> i1
reaction [k = 0.5 /s] i1 -> A + f1
reaction i1 -> w1
macrostate A = [A]
macrostate i1 = [i1, w1]
)";

TEST_CASE("the reader keeps enumerated reactions and macrostates") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto d = pil::readPILString(enumerated, diags);
  REQUIRE(d);
  CHECK(d->domains.size() == 4);
  CHECK(d->domains.get(*d->domains.lookup("t")).kind ==
        dna::DomainKind::Toehold);
  CHECK(d->domains.get(*d->domains.lookup("b")).length == 15);
  CHECK(d->domains.get(*d->domains.lookup("h1")).kind ==
        dna::DomainKind::History);
  REQUIRE(d->complexCount() == 4);
  CHECK(d->getComplex(0).role == dna::ComplexRole::Signal);
  CHECK(d->getComplex(1).role == dna::ComplexRole::Fuel);
  CHECK(*d->getComplex(1).concentration == 1000); // 1 uM in nM
  CHECK(d->getComplex(2).role == dna::ComplexRole::Intermediate);
  CHECK(dna::printKernel(d->getComplex(2).complex, d->domains) ==
        "h1 t( a( + ) ) t*");
  CHECK(d->getComplex(3).role == dna::ComplexRole::Waste);
  REQUIRE(d->reactions.size() == 3);
  CHECK(d->reactions[0].rateType == "condensed");
  CHECK(*d->reactions[0].rate == 1.2e6);
  CHECK(d->reactions[0].rateUnits == "/M/s");
  CHECK(d->reactions[0].reactants == std::vector<std::string>{"A", "f1"});
  CHECK(d->reactions[0].products == std::vector<std::string>{"i1"});
  CHECK(d->reactions[1].rateType == "k");
  CHECK(!d->reactions[2].rate);
  REQUIRE(d->macrostates.size() == 2);
  CHECK(d->macrostates[1].complexes == std::vector<std::string>{"i1", "w1"});
  CHECK(d->otherStatements.size() == 1);
  // What was read is written back and read again unchanged.
  std::string text = pil::printPIL(*d);
  auto again = pil::readPILString(text, diags);
  REQUIRE(again);
  CHECK(pil::printPIL(*again) == text);
}

TEST_CASE("malformed PIL lines get located errors") {
  struct Case {
    const char *text;
    const char *message;
    unsigned line, col;
  } cases[] = {
      {"length a = 15\nX = a( b )\n", "unknown domain 'b'", 2, 8},
      {"length a = 15\nlength a = 5\n", "declared twice", 2, 8},
      {"length a = 15\nX = a @initial 3 furlongs\n", "concentration unit", 2,
       18},
      {"length a = 15\nX = a\nreaction X -> Y\n", "unknown complex 'Y'", 3, 15},
      {"length a = 15\nX = a( \n", "unmatched '('", 2, 5},
      {"frobnicate the gate\n", "expected a PIL statement", 1, 1},
      {"length a = 15\nX = a\nmacrostate M = [X, Z]\n", "unknown complex 'Z'",
       3, 20},
  };
  for (const Case &c : cases) {
    INFO(c.text);
    llvm::SourceMgr sm;
    DiagnosticEngine diags(sm);
    CapturedDiagnostics captured(diags);
    CHECK(!pil::readPILString(c.text, diags, "bad.pil"));
    CHECK(captured.hasError(c.message));
    REQUIRE(!captured.all().empty());
    CHECK(captured.all()[0].loc.line == c.line);
    CHECK(captured.all()[0].loc.col == c.col);
  }
}

TEST_CASE("JSON and Visual DSD exports describe the whole design") {
  CompileResult r = compileCRN("A + B -> C", "soloveichik2010");
  REQUIRE(r.design);
  auto j = json::designToJSON(*r.design);
  CHECK(j["scheme"] == "soloveichik2010");
  CHECK(j["complexes"].size() == r.design->complexCount());
  CHECK(j["domains"].size() == r.design->domains.size());
  CHECK(j["modules"][0]["reaction"] == "A + B -> C");
  CHECK(j["costs"]["total"]["nucleotides"] ==
        dna::computeCosts(*r.design).total.nucleotides);
  CHECK(j["complexes"][0]["kernel"] == "h1 t2 d3 t4");
  std::string term = visualdsd::complexTerm(r.design->getComplex(3).complex,
                                            r.design->domains);
  CHECK(term == "<d3!b1 t4^!b2 t6^!b3> | <d7!b4 t8^!b5 h13 t10^> | "
                "<t8^*!b5 d7*!b4 t6^*!b3 t4^*!b2 d3*!b1 t2^*>");
}

TEST_CASE("the streamed JSON is the JSON tree's text") {
  // Nuskell's test CRNs through every scheme that accepts them.
  std::vector<std::string> crns = testCRNs();
  for (const char *scheme :
       {"soloveichik2010", "srinivas2015", "qian2011", "cardelli2013"}) {
    size_t compared = 0;
    for (size_t i = 0; i < crns.size(); i += 3) {
      CompileResult r = compileCRN(crns[i], scheme);
      if (!r.design)
        continue;
      INFO(scheme << ": " << crns[i]);
      std::string streamed;
      llvm::raw_string_ostream os(streamed);
      json::writeDesignJSON(*r.design, os);
      os.flush();
      CHECK(streamed == json::designToJSON(*r.design).dump(2) + "\n");
      ++compared;
    }
    INFO(scheme);
    CHECK(compared >= 10);
  }
}
