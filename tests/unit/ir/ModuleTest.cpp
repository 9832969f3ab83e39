// Module building blocks: species lookup, renumbering on erase, verifier.
#include "ir/Module.h"
#include "ir/Verifier.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::ir;

static Reaction makeReaction(TermList reactants, TermList products, double k) {
  Reaction r;
  r.reactants = std::move(reactants);
  r.products = std::move(products);
  r.rate = k;
  return r;
}

TEST_CASE(
    "eraseSpecies drops reactions that mention a dead species and renumbers") {
  Module m;
  SpeciesId a = m.getOrAddSpecies("A", {});
  SpeciesId b = m.getOrAddSpecies("B", {});
  SpeciesId c = m.getOrAddSpecies("C", {});
  m.addReaction(makeReaction({{a, 1}}, {{b, 1}}, 1));
  m.addReaction(makeReaction({{b, 1}}, {{c, 2}}, 2));
  m.eraseSpecies([&](SpeciesId id) { return id == a; });
  REQUIRE(m.speciesCount() == 2);
  REQUIRE(m.reactionCount() == 1);
  CHECK(m.getSpecies(0).name == "B");
  CHECK(*m.lookupSpecies("C") == 1);
  CHECK(m.allReactions()[0].products[0].species == 1);
  CHECK(m.allReactions()[0].netChange(1) == 2);
}

TEST_CASE("uniqueSpeciesName never collides") {
  Module m;
  m.getOrAddSpecies("I", {});
  m.getOrAddSpecies("I_1", {});
  CHECK(m.uniqueSpeciesName("I") == "I_2");
  CHECK(m.uniqueSpeciesName("J") == "J");
}

TEST_CASE("the verifier rejects negative rates and unsigned negative amounts") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  Module m;
  Species s;
  s.name = "A";
  s.initial = -1;
  SpeciesId a = m.addSpecies(s);
  m.addReaction(makeReaction({{a, 1}}, {}, -2));
  CHECK(failed(verify(m, diags)));
  CHECK(captured.hasError("non-negative unless the species is signed"));
  CHECK(captured.hasError("rate that is negative"));
  m.getSpecies(a).isSigned = true;
  m.allReactions()[0].rate = 2;
  CHECK(succeeded(verify(m, diags)));
}

TEST_CASE("verifyLegality reports trimolecular reactions and signed species") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  Module m;
  SpeciesId a = m.getOrAddSpecies("A", {});
  SpeciesId b = m.getOrAddSpecies("B", {});
  m.addReaction(makeReaction({{a, 2}, {b, 1}}, {{b, 1}}, 1));
  LegalityConstraints c;
  CHECK(failed(verifyLegality(m, c, diags)));
  CHECK(captured.hasError("has 3 reactants"));
}
