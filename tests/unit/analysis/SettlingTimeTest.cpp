//===- SettlingTimeTest.cpp - five times a CRN's slowest time -------------===//
//
// Characteristic times by hand: 1 / (k_eff c^(order-1)) with constant
// reactants folded into k_eff and c the largest non-constant initial value.
// Exact arithmetic: relative tolerance 1e-12.
//
//===----------------------------------------------------------------------===//

#include "lib/analysis/SettlingTime.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>

using namespace crnc;

static std::unique_ptr<ir::Module> parse(llvm::StringRef text) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(text, diags, "in.crnir");
  REQUIRE(module);
  return module;
}

TEST_CASE("the slowest direction sets the horizon, constants folded in") {
  // A + B -> C at 0.01 /nM/s with c = 20 nM: 1 / (0.01 * 20) = 5 s;
  // A + G -> B with G constant at 1000 nM: k_eff = 2e-6 * 1000 = 2e-3 /s,
  // 500 s; its reverse B -> A at 1e-3 /s: 1000 s, the slowest.
  auto m = parse(R"(module "m" {
  unit nM
  species A : signal = 20
  species B : signal = 10
  species C : signal = 0
  species G : fuel = 1000 constant
  reaction A + B -> C [k = 0.01]
  reaction A + G <=> B + G [kf = 0.000002, kr = 0.000001]
})");
  CHECK(analysis::slowestCharacteristicTime(*m) == Approx(1000).epsilon(1e-12));
  CHECK(analysis::settlingHorizon(*m) == Approx(5000).epsilon(1e-12));
}

TEST_CASE("buffer modules do not set the horizon") {
  // X + LS <=> HS + BS is map-rates' buffer of X (LS carries buffer_of):
  // its slow reverse (1e-9 /nM/s) is left out; X -> at 0.1 /s: 10 s.
  auto m = parse(R"(module "m" {
  unit nM
  species X : signal = 10
  species LS : fuel = 1000 constant { buffer_of = "X" }
  species HS : intermediate = 0
  species BS : fuel = 1000 constant
  reaction X -> [k = 0.1]
  reaction X + LS <=> HS + BS [kf = 0.000001, kr = 0.000000001]
})");
  CHECK(analysis::slowestCharacteristicTime(*m) == Approx(10).epsilon(1e-12));
}

TEST_CASE("a CRN without rates has horizon 1") {
  auto m = parse(R"(module "m" {
  unit nM
  species A : signal = 1
})");
  CHECK(analysis::slowestCharacteristicTime(*m) == 0);
  CHECK(analysis::settlingHorizon(*m) == 1);
}
