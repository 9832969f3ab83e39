// srinivas2015's buffer module: map-rates' X + LS <=> HS + BS as one
// reversible toehold-exchange gate (BufferGate.h), LS = h' m( o( + ) ) f* on
// X = h f m s, BS = h' m o, instead of a reactant and a product gate each
// way. Built as gate pairs, X's copies in each direction's committed
// intermediates read as no species: examples/linear_regression.crn at 1 nM
// per unit, C_max 1000 nM, read its inputs at 0.79 of the formal CRN's and
// its output at 0.82 (166 % re-simulated at the lab scale search's
// setting), measured with crnc compile before the change.
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

TEST_CASE("srinivas2015 builds a buffer as one gate with its own toehold",
          "[dsd][srinivas2015][buffers]") {
  unsigned warnings = 0;
  dna::Design d =
      compileBuffered("1000", dsd::SchemeKind::Srinivas2015, &warnings);
  CHECK(warnings == 0);
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
  // The reaction's gates use neither the buffers' toehold nor BS's history.
  for (dna::ComplexIndex f : d.modules[0].fuels) {
    CHECK(kernel(d, f).find("t13") == std::string::npos);
    CHECK(kernel(d, f).find("h14") == std::string::npos);
  }
}

TEST_CASE("srinivas2015's buffer gate holds X by [gate] / [BS]",
          "[dsd][srinivas2015][buffers][enumerate]") {
  checkBufferGateMirrors(dsd::SchemeKind::Srinivas2015);
}
