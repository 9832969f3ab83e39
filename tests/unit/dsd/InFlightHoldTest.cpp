// What a join's committed complexes hold in flight (InFlightHold.h): per
// free copy of either reactant, (q / qmax) x the partner's operating level /
// C_max. Module: C_max 1000 nM, one model unit 10 nM, qmax 1e-3 /nM/s.
//   E_p + X1 -> C at q = qmax: X1's partner E_p runs at one unit (10 nM,
//   the target's signal has no data level): 1 x 10 / 1000 = 0.01; E_p's
//   partner X1 at 3.5 units with loadLevels["x:0"] = 3.5: 0.035.
//   E_n + X1 -> C at q = qmax / 2: X1's share from the E signal counts once,
//   by its larger rail (0.01, not 0.01 + 0.005); E_n gets 0.5 x 35 / 1000.
//   E_p + E_n -> at q = qmax: rails of one signal, no share.
//   Y + W -> ...: neither is loaded nor a trigger, level 0.
#include "backends/dsd/InFlightHold.h"
#include "DsdTestSupport.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

static constexpr const char *joins = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr conc_scale_nM = "10"
  attr qmax_per_nM_s = "0.001"
  species X1 : input = 0 {load = "x:0"}
  species E_p : error = 0 {signal = "E", rail = "p", load = "target:0"}
  species E_n : error = 0 {signal = "E", rail = "n", load = "target:0"}
  species C : signal = 0
  species Y : signal = 0
  species W : signal = 0
  reaction E_p + X1 -> C [k = 0.001]
  reaction E_n + X1 -> C [k = 0.0005]
  reaction E_p + E_n -> [k = 0.001]
  reaction Y + W -> C [k = 0.001]
})";

TEST_CASE("a join holds each reactant in flight by its partner's level",
          "[dsd][inflight]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::unique_ptr<ir::Module> module = parseModule(joins, diags);
  REQUIRE(module);
  dsd::SchemeOptions options;
  options.calibrateRates = false;
  options.loadLevels["x:0"] = 3.5;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  std::vector<dsd::Step> steps =
      dsd::SchemeBuilder(*module, options, *design).steps(false);
  std::vector<double> s = dsd::inFlightShares(*module, steps, options);
  auto at = [&](const char *name) { return s[*module->lookupSpecies(name)]; };
  CHECK(at("X1") == Approx(0.01));
  CHECK(at("E_p") == Approx(0.035));
  CHECK(at("E_n") == Approx(0.0175));
  CHECK(at("Y") == 0);
  CHECK(at("W") == 0);
  CHECK(at("C") == 0);
}
