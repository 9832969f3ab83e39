// Textual IR: print -> parse -> print is the identity, on random modules too.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include <catch2/catch.hpp>
#include <random>

using namespace crnc;
using namespace crnc::ir;

static std::string roundTrip(llvm::StringRef text, bool &ok) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = parseModuleFromString(text, diags);
  ok = module != nullptr;
  return module ? printModuleToString(*module) : "";
}

TEST_CASE("a hand-written module round-trips") {
  const char *text = R"(module "lv" {
  unit nM
  attr model = "linear_regression"
  param T = 1.5
  phase forward {clock = "C1"}
  species A : signal = 10
  species F : fuel = 100 constant
  species "X y" : hidden = -1 signed {feature = "0"}
  reaction A + F -> 2 A [k = 1.5]
  reaction A <=> "X y" [kf = 1, kr = 2] phase forward
  reaction -> A [k = 0.001]
  reaction A -> [k = 3e-07]
}
)";
  bool ok = false;
  CHECK(roundTrip(text, ok) == text);
  CHECK(ok);
}

TEST_CASE("random modules round-trip exactly, with locations") {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> value(0, 1e6);
  for (int trial = 0; trial < 20; ++trial) {
    Module m("random");
    m.unit = ConcUnit::nM;
    for (int i = 0; i < 30; ++i) {
      Species s;
      s.name = "S" + std::to_string(i);
      s.initial = value(rng) * 1e-3;
      s.loc = Location::get("gen.crn", i + 1, 3);
      m.addSpecies(s);
    }
    for (int j = 0; j < 60; ++j) {
      Reaction r;
      r.reactants.push_back(Term{static_cast<SpeciesId>(rng() % 30),
                                 1 + static_cast<uint32_t>(rng() % 2)});
      r.products.push_back(Term{static_cast<SpeciesId>(rng() % 30), 1});
      r.rate = value(rng) / 7;
      if (j % 3 == 0)
        r.reverseRate = value(rng) / 3;
      r.loc = Location::get("gen.crn", 40 + j, 1);
      m.addReaction(r);
    }
    PrintOptions withLocs;
    withLocs.printLocations = true;
    std::string first = printModuleToString(m, withLocs);
    llvm::SourceMgr sm;
    DiagnosticEngine diags(sm);
    auto parsed = parseModuleFromString(first, diags);
    REQUIRE(parsed);
    CHECK(printModuleToString(*parsed, withLocs) == first);
    CHECK(parsed->allReactions()[5].loc == m.allReactions()[5].loc);
  }
}

TEST_CASE("IR parse errors are located") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  CHECK_FALSE(parseModuleFromString(
      "module \"m\" {\n  reaction A -> B [k = 1]\n}\n", diags));
  REQUIRE(captured.all().size() == 1);
  CHECK(captured.all()[0].loc.line == 2);
  CHECK(captured.all()[0].loc.col == 12);
  CHECK(captured.hasError("undeclared species 'A'"));
}
