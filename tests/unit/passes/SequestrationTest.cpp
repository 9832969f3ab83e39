// map-rates' join order (Sequestration.h, NoOutputCrosstalk): a join that
// takes a model input (an input loaded from a feature, `load` = "x:i")
// binds its partner first, so that the input, which
// stays at its sample's level through both clock phases, is what drains the
// gate (RateCalibration.h measures it there); unless holding the partners
// instead raises the largest hold, which sets the sequestration and the lab
// time. Holds are q / qmax per direction (qmax = 1 here).
#include "lib/passes/Sequestration.h"
#include "LoweringTestSupport.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

static ir::SpeciesId first(const ir::Module &m, size_t reaction) {
  return m.allReactions()[reaction].reactants.front().species;
}

// The README regression's pair, reduced: X + E <=> c + G, c consumed by a
// clocked step. Both orders hold one species by 1 (a tie in the largest
// hold), so the input is left to be the partner.
TEST_CASE("a join taking a model input holds its partner",
          "[passes][map-rates]") {
  auto m = parseIR(R"(module "m" {
  species X : input = 0 {load = "x:0"}
  species E : error = 0
  species c : intermediate = 0
  species G : fuel = 100 constant
  species clk : clock = 1 {phase = "p", clock_on = "1"}
  reaction X + E <=> c + G [kf = 1, kr = 0.5]
  reaction c + clk -> X + E + clk [k = 0.5]
})");
  std::vector<double> alpha = sequestration::gatedHolds(
      *m, 1, ir::lowering::JoinOrder::NoOutputCrosstalk);
  ir::SpeciesId x = *m->lookupSpecies("X"), e = *m->lookupSpecies("E");
  CHECK(first(*m, 0) == e);
  CHECK(alpha[e] == Approx(1));
  CHECK(alpha[x] == 0);
}

// Two joins share the partner E: holding E in both would hold it by 2,
// where holding each input holds every species by at most 1.
TEST_CASE("inputs stay held where that keeps the largest hold lower",
          "[passes][map-rates]") {
  auto m = parseIR(R"(module "m" {
  species X1 : input = 0 {load = "x:0"}
  species X2 : input = 0 {load = "x:1"}
  species E : error = 0
  species c1 : intermediate = 0
  species c2 : intermediate = 0
  species G : fuel = 100 constant
  reaction X1 + E <=> c1 + G [kf = 1, kr = 0.5]
  reaction X2 + E <=> c2 + G [kf = 1, kr = 0.5]
})");
  std::vector<double> alpha = sequestration::gatedHolds(
      *m, 1, ir::lowering::JoinOrder::NoOutputCrosstalk);
  ir::SpeciesId e = *m->lookupSpecies("E");
  double largest = *std::max_element(alpha.begin(), alpha.end());
  CHECK(largest == Approx(1));
  CHECK(alpha[e] < 2);
  CHECK((first(*m, 0) != e || first(*m, 1) != e));
}
