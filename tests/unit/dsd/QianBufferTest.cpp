// qian2011's buffer module: map-rates' X + LS <=> HS + BS as one reversible
// gate step (BufferGate.h) on X = `x t y`: LS = y( o( + ) ) t*, BS = y o,
// instead of Figure 2's gate pair, whose intermediates held X three times
// (3.0 for the 0.98 the buffer of examples/bimolecular_cascade.crn asks,
// measured in its enumerated design before the change).
// Reference values: the formal buffer holds X by kf [LS] / (kr [BS])
// (0.00018 * 1000 / (0.0002 * 1000) = 0.9, 1.8 with BS at 500 nM); the gate
// is put at [LS] kf / kr = 900 nM. That the two directions are mirror images
// (equal condensed rates, so the gate holds X by [gate] / [BS]) is measured
// with crnc's enumerator (Peppercorn's rate model); tolerance 1e-9 relative
// (the same computation both ways).
#include "BufferTestSupport.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

TEST_CASE("qian2011 builds a buffer as one gate with its own toehold",
          "[dsd][qian2011]") {
  dna::Design d = compileBuffered("1000", dsd::SchemeKind::Qian2011);
  REQUIRE(d.modules.size() == 2);
  const dna::ReactionModule &buffer = d.modules[1];
  CHECK(buffer.equation == "A + LS_A <=> HS_A + BS_A");
  REQUIRE(buffer.fuels.size() == 1);
  // A = d2 t1 d3: X binds the shared toehold t1 and displaces along d3.
  CHECK(kernel(d, *d.lookup("A")) == "d2 t1 d3");
  std::string bs = kernel(d, *d.lookup("BS_A"));
  REQUIRE(bs.rfind("d3 t", 0) == 0);
  std::string own = bs.substr(3); // the buffers' own toehold
  CHECK(own != "t1");
  CHECK(kernel(d, buffer.fuels[0]) == "d3( " + own + "( + ) ) t1*");
  CHECK(*d.getComplex(buffer.fuels[0]).concentration ==
        Approx(900).epsilon(1e-9));
  CHECK(!d.lookup("LS_A"));
  CHECK(!d.lookup("HS_A"));
  for (dna::ComplexIndex f : d.modules[0].fuels)
    CHECK(kernel(d, f).find(own + "(") == std::string::npos);
}

TEST_CASE("qian2011's buffer gate holds X by [gate] / [BS]",
          "[dsd][qian2011][enumerate]") {
  checkBufferGateMirrors(dsd::SchemeKind::Qian2011);
}
