// cardelli2013's buffer module: map-rates' X + LS <=> HS + BS as one
// reversible gate step (LS = x( t'( + ) ) t*, BS = x t').
// Reference values: the formal buffer holds X by kf [LS] / (kr [BS])
// (here 0.00018 * 1000 / (0.0002 * 1000) = 0.9, and 2 with BS lowered to
// 500 nM); the gate is put at [LS] kf / kr (900 nM, 1000 nM). That the two
// directions are mirror images (equal condensed rates, so the gate holds X
// by [gate] / [BS]) is measured with crnc's enumerator (Peppercorn's rate
// model); tolerance 1e-9 relative (the same computation both ways).
#include "BufferTestSupport.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

TEST_CASE("cardelli2013 builds a buffer as one gate with its own toehold",
          "[dsd][cardelli2013]") {
  dna::Design d = compileBuffered("1000", dsd::SchemeKind::Cardelli2013);
  REQUIRE(d.modules.size() == 2);
  const dna::ReactionModule &buffer = d.modules[1];
  CHECK(buffer.equation == "A + LS_A <=> HS_A + BS_A");
  REQUIRE(buffer.fuels.size() == 1);
  // A = t1 d2 (B, C: d3, d4); the buffer has a toehold of its own, t5.
  CHECK(kernel(d, *d.lookup("A")) == "t1 d2");
  CHECK(kernel(d, *d.lookup("BS_A")) == "d2 t5");
  CHECK(kernel(d, buffer.fuels[0]) == "d2( t5( + ) ) t1*");
  CHECK(*d.getComplex(buffer.fuels[0]).concentration ==
        Approx(900).epsilon(1e-9));
  CHECK(*d.getComplex(*d.lookup("BS_A")).concentration == 1000);
  // LS is the gate and HS what it becomes: no signal strands of their own.
  CHECK(!d.lookup("LS_A"));
  CHECK(!d.lookup("HS_A"));
  // Its strands are in no other complex.
  for (dna::ComplexIndex f : d.modules[0].fuels)
    CHECK(kernel(d, f).find("t5") == std::string::npos);
}

TEST_CASE("the buffer gate's two directions are mirror images",
          "[dsd][cardelli2013][enumerate]") {
  checkBufferGateMirrors(dsd::SchemeKind::Cardelli2013);
}

TEST_CASE("buffers of two species share their toehold and do not react",
          "[dsd][cardelli2013][enumerate]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Cardelli2013;
  CompiledText compiled = compileText(R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  species LS_A : fuel = 1000 constant {buffer_of = "A"}
  species BS_A : fuel = 1000 constant
  species HS_A : intermediate = 0
  species LS_B : fuel = 1000 constant {buffer_of = "B"}
  species BS_B : fuel = 1000 constant
  species HS_B : intermediate = 0
  reaction A + B -> C [k = 0.0002]
  reaction A + LS_A <=> HS_A + BS_A [kf = 0.00018, kr = 0.0002]
  reaction B + LS_B <=> HS_B + BS_B [kf = 0.0001, kr = 0.0002]
})",
                                      options, diags);
  const dna::Design &d = compiled.design;
  REQUIRE(d.modules.size() == 3);
  CHECK(kernel(d, d.modules[1].fuels[0]) == "d2( t5( + ) ) t1*");
  CHECK(kernel(d, d.modules[2].fuels[0]) == "d3( t5( + ) ) t1*");
  CHECK(*d.getComplex(d.modules[2].fuels[0]).concentration ==
        Approx(500).epsilon(1e-9));
  CHECK(kernel(d, *d.lookup("BS_B")) == "d3 t5");
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateDesign(d, enumerate::EnumerateOptions());
  REQUIRE(bool(system));
  // Each gate binds its own species and gives it back to its own BS: two
  // condensed reactions for each gate and each BS, so none between one
  // buffer and the other's BS.
  auto touching = [&](const std::string &name) {
    size_t n = 0;
    for (const enumerate::CondensedReaction &r : system->condensed)
      for (const auto *side : {&r.reactants, &r.products})
        for (enumerate::MacrostateId m : *side)
          n += system->macrostates[m].name == name;
    return n;
  };
  for (size_t k : {1, 2})
    CHECK(touching(d.getComplex(d.modules[k].fuels[0]).name) == 2);
  CHECK(touching("BS_A") == 2);
  CHECK(touching("BS_B") == 2);
}
