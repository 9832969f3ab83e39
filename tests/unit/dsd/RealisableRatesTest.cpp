// What each module's rate gate can realise (RealisableRates.h), and the
// factors of the time axis on which every module realises its q.
// Reference values: soloveichik2010's A + B -> C realises 6.505e5 /M/s
// with the full 5-nt toehold at C_max = 1000 nM (RateCalibrationTest.cpp);
// one mismatch next to the toehold's open end divides it by
// exp(1.7 kcal/mol / RT) = 17.6 at 25 C (the join step's equilibrium
// shift, measured: 3.69e4 /M/s). The intersections are exact arithmetic.
// Tolerances: 0.1 % on measured rates, 1e-12 relative on arithmetic.
#include "backends/dsd/RealisableRates.h"
#include "DsdTestSupport.h"
#include "backends/dsd/RateCalibration.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::test;

static dna::ReactionModule withWindows(double q,
                                       std::vector<dsd::Window> windows) {
  dna::ReactionModule rm;
  rm.targetRate = q;
  rm.realisedRate = q;
  rm.realisableRates = std::move(windows);
  return rm;
}

TEST_CASE("the factors every module realises are the windows' intersection",
          "[dsd][rates][axis]") {
  dna::Design design;
  // q = 100: windows [20, 60] and [80, 200] give factors [0.2, 0.6] and
  // [0.8, 2]; q = 10: [5, 9] gives [0.5, 0.9]. Common, within (0, 1]:
  // [0.5, 0.6] and [0.8, 0.9].
  design.modules.push_back(withWindows(100, {{80, 200}, {20, 60}}));
  design.modules.push_back(withWindows(10, {{5, 9}}));
  // A module without windows (not measured) imposes nothing.
  design.modules.push_back(withWindows(1, {}));
  std::vector<dsd::Window> s = dsd::realisableScales(design);
  REQUIRE(s.size() == 2);
  CHECK(s[0].first == Approx(0.5).epsilon(1e-12));
  CHECK(s[0].second == Approx(0.6).epsilon(1e-12));
  CHECK(s[1].first == Approx(0.8).epsilon(1e-12));
  CHECK(s[1].second == Approx(0.9).epsilon(1e-12));
  // Overlapping windows of one module merge; disjoint modules leave none.
  design.modules.push_back(withWindows(100, {{10, 15}, {12, 30}}));
  CHECK(dsd::realisableScales(design).empty());
}

TEST_CASE("the worst miss is the largest factor off q, either way",
          "[dsd][rates][axis]") {
  dna::Design design;
  CHECK(dsd::worstRateMiss(design) == 1);
  CHECK_FALSE(dsd::missesRates(design));
  design.modules.push_back(withWindows(100, {}));
  design.modules.back().realisedRate = 100.5; // within 1 %
  CHECK_FALSE(dsd::missesRates(design));
  design.modules.push_back(withWindows(100, {}));
  design.modules.back().realisedRate = 80; // 1.25 too slow
  design.modules.push_back(withWindows(100, {}));
  design.modules.back().realisedRate = 120; // 1.2 too fast
  CHECK(dsd::worstRateMiss(design) == Approx(1.25).epsilon(1e-12));
  CHECK(dsd::missesRates(design));
}

TEST_CASE("a join gate's windows: full toehold, then the mismatch ladder",
          "[dsd][rates][axis]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto [module, design] = compileText(abcModule, dsd::SchemeOptions(), diags);
  dsd::SchemeOptions options;
  dsd::SchemeBuilder builder(*module, options, design);
  // As calibration measures them: at the level B fires at (its gate at
  // 310.1 nM for q = 2e5, RateCalibrationTest.cpp).
  std::vector<dsd::Step> steps = dsd::atPartnerLevels(
      *module, builder.steps(false), dsd::measureGateLoads(*module));
  REQUIRE(steps.front().partnerLevel > 0);
  // Floor 100 nM, level 1000 nM: each window spans a factor of 10.
  std::vector<dsd::Window> w = dsd::measureRealisableRates(
      *module, design, 0, steps.front(), 100, 1000, 1e4);
  REQUIRE(w.size() == 2); // the wobble (3.47e3 /M/s) is below 1e4: stop
  CHECK(w[0].second == Approx(2e5 * 1000 / 310.1).epsilon(1e-3));
  CHECK(w[0].first == Approx(2e4 * 1000 / 310.1).epsilon(1e-3));
  // 6.505e5 and 3.69e4 at a trace of B: the end mismatch slows the join
  // 17.6-fold (exp(1.7 kcal/mol / RT) = 17.6), the drain by B alike.
  CHECK(w[0].second / w[1].second == Approx(17.6).epsilon(3e-3));
  // The design's own gate is left as calibration set it.
  CHECK(design.modules.front().gateToeholdMismatches == 0u);
}
