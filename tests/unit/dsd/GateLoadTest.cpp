// Gate loads: what each module consumes of its rate gate over the
// re-simulation horizon, and the per-gate floor calibration reads.
// Reference values are closed forms of mass-action kinetics:
//  - A + G -> B with G constant (A(0) = A0, k' = k G): A = A0 e^{-k't}, the
//    flux over T is A0 (1 - e^{-k'T}); the horizon is 5 / k', so the flux is
//    A0 (1 - e^{-5}).
//  - A + G <=> B + G (forward k' = kf G, backward kr' = kr G, B(0) = 0):
//    A = Aeq + (A0 - Aeq) e^{-(k'+kr')t}, Aeq = A0 kr' / (k' + kr'); the
//    forward flux over T is k' (Aeq T + (A0 - Aeq)(1 - e^{-(k'+kr')T}) /
//    (k' + kr')), the backward one the same minus the net B(T).
// Tolerance: 1e-4 relative (CVODE at relTol 1e-6).
#include "backends/dsd/GateLoad.h"
#include "DsdTestSupport.h"
#include "backends/dsd/RateCalibration.h"
#include <catch2/catch.hpp>
#include <cmath>

using namespace crnc;

static std::unique_ptr<ir::Module> parse(const char *text) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  return test::parseModule(text, diags);
}

static constexpr const char *decay = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 20
  species B : signal = 0
  species G : fuel = 1000 constant
  reaction A + G -> B [k = 0.000002]
})";

TEST_CASE("the load of a decay is its integrated flux", "[dsd][gateload]") {
  auto module = parse(decay);
  double k = 2e-6 * 1000; // /s
  CHECK(dsd::labHorizon(*module) == Approx(5 / k).epsilon(1e-12));
  dsd::GateLoads loads = dsd::measureGateLoads(*module);
  REQUIRE(loads.simulated);
  REQUIRE(loads.forward.size() == 1);
  CHECK(loads.forward[0] == Approx(20 * (1 - std::exp(-5.0))).epsilon(1e-4));
  CHECK(loads.backward[0] == 0);
  CHECK(loads.bound.find("re-simulation horizon") != std::string::npos);
}

static constexpr const char *reversible = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 30
  species B : signal = 0
  species G : fuel = 1000 constant
  reaction A + G <=> B + G [kf = 0.000003, kr = 0.000001]
})";

TEST_CASE("each direction of a reversible reaction has its own load",
          "[dsd][gateload]") {
  auto module = parse(reversible);
  double kf = 3e-3, kr = 1e-3, a0 = 30, s = kf + kr;
  double horizon = 5 / kr; // the slower direction
  CHECK(dsd::labHorizon(*module) == Approx(horizon).epsilon(1e-12));
  double aeq = a0 * kr / s;
  double decayed = (a0 - aeq) * (1 - std::exp(-s * horizon)) / s;
  double forward = kf * (aeq * horizon + decayed);
  double bEnd = a0 - (aeq + (a0 - aeq) * std::exp(-s * horizon));
  dsd::GateLoads loads = dsd::measureGateLoads(*module);
  REQUIRE(loads.simulated);
  CHECK(loads.forward[0] == Approx(forward).epsilon(1e-4));
  CHECK(loads.backward[0] == Approx(forward - bEnd).epsilon(1e-4));
  // Gross fluxes: cycling at equilibrium burns each gate beyond A0 (129 nM
  // forward for 30 nM of A).
  CHECK(loads.forward[0] > 4 * a0);
}

static constexpr const char *clocked = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr conc_scale_nM = "100"
  attr amount_factor = "2"
  attr clock_phases = "forward:clk"
  species X : input = 0
  species W : weight = 30
  species Y : output = 0
  species clk : clock = 100
  reaction X + W -> Y [k = 0.001]
  reaction clk + Y -> clk [k = 0.001]
})";

TEST_CASE("a clocked model's loads are bounded by its reactants",
          "[dsd][gateload]") {
  auto module = parse(clocked);
  dsd::GateLoads loads = dsd::measureGateLoads(*module);
  CHECK_FALSE(loads.simulated);
  CHECK(loads.bound.find("clocked model") != std::string::npos);
  // X + W -> Y consumes X (loaded: one model unit, 100 nM) and W (30 nM);
  // the lab adds amount_factor (2) times each.
  CHECK(loads.forward[0] == Approx(200));
  // clk is a catalyst: Y (loaded through the network, one unit) sets it.
  CHECK(loads.forward[1] == Approx(200));
}

TEST_CASE("a gate's floor is its load, at most the design-wide bound",
          "[dsd][gateload]") {
  dsd::GateLoads loads;
  loads.forward = {3, 80};
  loads.backward = {0, 0};
  loads.bound = "test";
  std::vector<dsd::Step> steps(2);
  steps[1].reaction = 1;
  dna::Design design;
  dna::NamedComplex signal;
  signal.name = "S";
  signal.role = dna::ComplexRole::Signal;
  signal.concentration = 50;
  design.add(signal);
  std::vector<dsd::GateFloor> floors =
      dsd::gateFloors(loads, steps, 10, design);
  REQUIRE(floors.size() == 2);
  CHECK(floors[0].level == Approx(30));
  CHECK(floors[0].byLoad);
  CHECK(floors[1].level == Approx(500)); // 10 x 50 nM, not 10 x 80 nM
  CHECK_FALSE(floors[1].byLoad);
  CHECK(dsd::describeFloor(floors[1], loads, 10, "nM") ==
        "10 x the largest signal (50 nM), though it consumes 80 nM (test): "
        "less excess than asked");
}

// A + B -> C with A(0) = B(0) = 10 nM: A = B = 10 / (1 + 10 k t), the flux
// k A B. Over the horizon 5 / (k 10) (so 1 + 10 k T = 6), the flux-weighted
// level of B is int B^3 / int B^2 = 5 (1 + 1 / 6) = 5.833 nM; A + G -> B
// has no second signal (G is the gate). Tolerance 0.5 % (trapezoids over
// 400 recorded times).
TEST_CASE("a join's second reactant at the level the join fires at",
          "[dsd][gateload]") {
  auto module = parse(test::abcModule);
  dsd::GateLoads loads = dsd::measureGateLoads(*module);
  REQUIRE(loads.simulated);
  REQUIRE(loads.forwardPartner.size() == 1);
  CHECK(loads.forwardPartner[0] == Approx(5.0 * 7 / 6).epsilon(5e-3));
  CHECK(loads.backwardPartner[0] == 0);
  auto decaying = parse(decay);
  CHECK(dsd::measureGateLoads(*decaying).forwardPartner[0] == 0);
}
