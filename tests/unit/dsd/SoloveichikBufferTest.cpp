// soloveichik2010's buffer module: map-rates' X + LS <=> HS + BS as one
// reversible toehold-exchange gate (BufferGate.h), LS = h' b( c'( + ) ) a*
// on X = h a b c, BS = h' b c'.
// Reference values: the formal buffer holds X by kf [LS] / (kr [BS])
// (0.00018 * 1000 / (0.0002 * 1000) = 0.9); the gate is put at [LS] kf / kr
// = 900 nM. That the two directions are mirror images (equal condensed
// rates) is measured with crnc's enumerator (Peppercorn's rate model, where a
// branch migration beside a strand break starts 30 times slower: without
// BS's history domain h' the forward direction measured 4.69e4 /M/s against
// 1.41e6 backwards); tolerance 1e-9 relative (the same computation both
// ways).
#include "BufferTestSupport.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

static dna::Design compileBuffered() {
  unsigned warnings = 0;
  dna::Design d = test::compileBuffered(
      "1000", dsd::SchemeKind::Soloveichik2010, &warnings);
  CHECK(warnings == 0);
  return d;
}

TEST_CASE("soloveichik2010 builds a buffer as one gate with its own toehold",
          "[dsd][soloveichik2010][buffers]") {
  dna::Design d = compileBuffered();
  REQUIRE(d.modules.size() == 2);
  const dna::ReactionModule &buffer = d.modules[1];
  CHECK(buffer.equation == "A + LS_A <=> HS_A + BS_A");
  REQUIRE(buffer.fuels.size() == 1);
  // A = h1 t2 d3 t4 (B, C: h5.., h9..); the buffers' toehold is t13.
  CHECK(kernel(d, *d.lookup("A")) == "h1 t2 d3 t4");
  CHECK(kernel(d, *d.lookup("BS_A")) == "h14 d3 t13");
  CHECK(kernel(d, buffer.fuels[0]) == "h14 d3( t13( + ) ) t2*");
  CHECK(*d.getComplex(buffer.fuels[0]).concentration ==
        Approx(900).epsilon(1e-9));
  CHECK(!d.lookup("LS_A"));
  CHECK(!d.lookup("HS_A"));
  for (dna::ComplexIndex f : d.modules[0].fuels)
    CHECK(kernel(d, f).find("t13") == std::string::npos);
}

TEST_CASE("soloveichik2010's buffer gate runs both ways at one rate",
          "[dsd][soloveichik2010][buffers][enumerate]") {
  dna::Design d = compileBuffered();
  dna::ComplexIndex gate = d.modules[1].fuels[0];
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateDesign(d, enumerate::EnumerateOptions());
  REQUIRE(bool(system));
  enumerate::MacrostateId a = macrostateNamed(*system, "A"),
                          g = macrostateNamed(*system, d.getComplex(gate).name),
                          bs = macrostateNamed(*system, "BS_A");
  std::optional<double> forward, backward;
  for (const enumerate::CondensedReaction &r : system->condensed) {
    if (sideHas(r.reactants, a) && sideHas(r.reactants, g))
      forward = r.rate;
    if (sideHas(r.reactants, bs) && sideHas(r.products, a) &&
        sideHas(r.products, g))
      backward = r.rate;
  }
  REQUIRE(forward);
  REQUIRE(backward);
  CHECK(*forward == Approx(*backward).epsilon(1e-9));
  // Held fraction [HS] / [A] = k [gate] / (k [BS]): the formal buffer's.
  double held = heldByGate(d, gate, *forward, *backward);
  CHECK(held == Approx(0.00018 * 1000 / (0.0002 * 1000)).epsilon(1e-9));
}
