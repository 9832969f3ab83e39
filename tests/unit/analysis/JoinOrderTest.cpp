//===- JoinOrderTest.cpp - the join order map-rates and schemes share -----===//
//
// Output crosstalk of soloveichik2010's join gates, counted by hand on small
// networks (a gate whose last reactant is X and which makes Y releases a
// strand that enters a join binding X just before Y), and the order that
// avoids it.
//
//===----------------------------------------------------------------------===//

#include "lib/analysis/JoinOrder.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::analysis;

namespace {
constexpr ir::SpeciesId A = 0, B = 1, C = 2, D = 3;
} // namespace

TEST_CASE("an output strand enters a join that binds its last reactant "
          "first") {
  // A -> B + C releases (A, B) and (A, C); A + B -> D binding A first
  // exposes (A, B): one place. Binding B first exposes (B, A): none.
  std::vector<JoinDirection> dirs = {{{A}, {B, C}}, {{A, B}, {D}}};
  CHECK(outputCrosstalk(dirs) == 1);
  orderAgainstOutputCrosstalk(dirs);
  CHECK(dirs[1].reactants == std::vector<ir::SpeciesId>{B, A});
  CHECK(dirs[0].reactants == std::vector<ir::SpeciesId>{A});
  CHECK(outputCrosstalk(dirs) == 0);
  // A fixed point: a second call changes nothing.
  std::vector<JoinDirection> again = dirs;
  orderAgainstOutputCrosstalk(again);
  CHECK(again[1].reactants == dirs[1].reactants);
}

TEST_CASE("where every order leaves a place, the written order stays") {
  // A -> B releases (A, B), B -> A releases (B, A): A + B -> C is entered
  // in either order.
  std::vector<JoinDirection> dirs = {{{A}, {B}}, {{B}, {A}}, {{A, B}, {C}}};
  CHECK(outputCrosstalk(dirs) == 1);
  orderAgainstOutputCrosstalk(dirs);
  CHECK(dirs[2].reactants == std::vector<ir::SpeciesId>{A, B});
  CHECK(outputCrosstalk(dirs) == 1);
}

TEST_CASE("among orders of equal crosstalk the holds are balanced") {
  // Nothing releases A or B first: both orders of A + B -> C are free of
  // crosstalk. C -> D holds C; A + B -> C holds A (share 1), and A is held
  // by A + D -> B too: sum of hold^2 is 4 + 1 with A first, 1 + 1 + 1 with
  // B first. Without a balance the written order stays.
  std::vector<JoinDirection> dirs = {{{A, B}, {C}}, {{C}, {D}}, {{A, D}, {B}}};
  std::vector<JoinDirection> plain = dirs;
  orderAgainstOutputCrosstalk(plain);
  CHECK(plain[0].reactants == std::vector<ir::SpeciesId>{A, B});
  HoldBalance balance{{1, 1, 1}, {1, 1, 1, 1}};
  orderAgainstOutputCrosstalk(dirs, &balance);
  CHECK(dirs[0].reactants == std::vector<ir::SpeciesId>{B, A});
  CHECK(dirs[2].reactants == std::vector<ir::SpeciesId>{A, D});
  // A species with price 0 (a constant one) is held for free: B takes the
  // hold of A + B -> C, and A + D -> B keeps A (moving it to D gains 0).
  HoldBalance freeB{{1, 1, 1}, {1, 0, 1, 1}};
  std::vector<JoinDirection> again = {{{A, B}, {C}}, {{C}, {D}}, {{A, D}, {B}}};
  orderAgainstOutputCrosstalk(again, &freeB);
  CHECK(again[0].reactants == std::vector<ir::SpeciesId>{B, A});
  CHECK(again[2].reactants == std::vector<ir::SpeciesId>{A, D});
  // The balance never buys crosstalk: beside A -> B + C, binding A before B
  // is entered by its strand, so B stays first although A holds nothing.
  std::vector<JoinDirection> forced = {{{A}, {B, C}}, {{B, A}, {D}}};
  HoldBalance heavyB{{1, 1}, {0, 10, 1, 1}};
  orderAgainstOutputCrosstalk(forced, &heavyB);
  CHECK(forced[1].reactants == std::vector<ir::SpeciesId>{B, A});
}

TEST_CASE("a catalyst keeps its forward place in the backward direction") {
  // B + A <=> C + A: backward A + C would bind A first, where the forward
  // gate's strand (A, C) enters; C + A keeps A second.
  CHECK(catalystPlaced({B, A}, {A, C}) == std::vector<ir::SpeciesId>{C, A});
  CHECK(catalystPlaced({B, A}, {C, A}) == std::vector<ir::SpeciesId>{C, A});
  // One reactant on a side: unchanged.
  CHECK(catalystPlaced({A}, {C, A}) == std::vector<ir::SpeciesId>{C, A});
  std::vector<JoinDirection> dirs = {{{B, A}, {C, A}}, {{A, C}, {B, A}}};
  CHECK(outputCrosstalk(dirs) == 1);
}

TEST_CASE("join directions leave map-rates' gate fuels out") {
  static llvm::SourceMgr sm;
  static DiagnosticEngine diags(sm);
  // G is map-rates' gate fuel (constant, role fuel, produced by nothing);
  // LS and BS belong to a buffer module and stay.
  auto m = ir::parseModuleFromString(R"(module "m" {
    unit nM
    species X : signal = 10
    species Y : signal = 0
    species G : fuel = 1000 constant
    species LS : fuel = 1000 constant {buffer_of = "X"}
    species HS : intermediate = 0
    species BS : fuel = 1000 constant
    reaction X + G -> Y [k = 1e-6]
    reaction Y + X <=> X + X [kf = 1e-4, kr = 1e-4]
    reaction X + LS <=> HS + BS [kf = 1e-4, kr = 1e-4]
  })",
                                     diags);
  REQUIRE(m);
  std::vector<bool> fuel = gateFuels(*m);
  CHECK(fuel == std::vector<bool>{false, false, true, false, false, false});
  std::vector<JoinDirection> dirs = joinDirections(*m, fuel, true);
  REQUIRE(dirs.size() == 5);
  CHECK(dirs[0].reactants == std::vector<ir::SpeciesId>{0});
  // Y + X <=> X + X: backward X + X (the catalyst X is second forward).
  CHECK(dirs[1].reactants == std::vector<ir::SpeciesId>{1, 0});
  CHECK(dirs[2].reactants == std::vector<ir::SpeciesId>{0, 0});
  CHECK(dirs[3].reactants == std::vector<ir::SpeciesId>{0, 3});
  CHECK(dirs[4].reactants == std::vector<ir::SpeciesId>{4, 5});
}
