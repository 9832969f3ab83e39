// The fuel-strand knob of qian2011 (FuelStrandKnob.h): where a gate at its
// floor is still too fast, the module's own commit strand (`t f g`) is
// lowered. Reference values: the module is lotka_volterra's 'Y ->' as
// map-rates lowers it (q = 3.00991e-6 /nM/s with G at 1000 nM, i.e.
// 3.00991e3 /M/s; q_max 3.02489e-4 /nM/s); its gate's floor is 10 times
// the Y it consumes, about 200 nM, where one mismatch next to the
// toehold's open end realises 4.24e3 /M/s (measured with crnc's
// enumerator, Peppercorn's rate model; the commit strand at 1000 nM).
// Tolerance: 1 % (calibration's RealisedRateTolerance).
#include "backends/dsd/FuelStrandKnob.h"
#include "backends/dsd/RateCalibration.h"
#include "ir/Parser.h"
#include <catch2/catch.hpp>

using namespace crnc;

static constexpr const char *decay = R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  attr qmax_per_nM_s = "0.00030248900251454383"
  species Y : signal = 20
  species G : fuel = 1000 constant
  reaction Y + G -> [k = 3.009914955041613e-06]
})";

static dna::Design compileDecay(ir::Module &module, bool calibrate) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Qian2011;
  options.calibrateRates = calibrate;
  llvm::Expected<dna::Design> design = dsd::compile(module, options, diags);
  REQUIRE(bool(design));
  CHECK(diags.warningCount() == 0);
  return std::move(*design);
}

/// The commit strand of the module: its single strand of three domains.
static dna::ComplexIndex commitStrand(const dna::Design &d) {
  for (dna::ComplexIndex f : d.modules.front().fuels)
    if (d.getComplex(f).complex.strandCount() == 1 &&
        d.getComplex(f).complex.domainCount() == 3)
      return f;
  FAIL("no commit strand");
  return 0;
}

TEST_CASE("qian2011's commit strand brings a gate at its floor to q",
          "[dsd][qian2011][rates]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(decay, diags, "decay.crnir");
  REQUIRE(module);
  dna::Design d = compileDecay(*module, /*calibrate=*/true);
  const dna::ReactionModule &rm = d.modules.front();
  REQUIRE(rm.realisedRate);
  REQUIRE(rm.rateGate);
  CHECK(*rm.realisedRate == Approx(3.00991e3).epsilon(0.01));
  // The gate at its floor, 10 x the 19.9 nM of Y it consumes (Y decays
  // alone here): 198.7 nM.
  double gate = *d.getComplex(*rm.rateGate).concentration;
  CHECK(gate == Approx(198.7).epsilon(1e-3));
  CHECK(rm.gateToeholdMismatches == 1u);
  double commit = *d.getComplex(commitStrand(d)).concentration;
  CHECK(commit < 1000);
  CHECK(commit >= gate);
}

TEST_CASE("the commit strand is left where the gate holds more than modelled",
          "[dsd][qian2011][rates]") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto module = ir::parseModuleFromString(decay, diags, "decay.crnir");
  REQUIRE(module);
  dna::Design d = compileDecay(*module, /*calibrate=*/false);
  dsd::SchemeOptions options;
  options.kind = dsd::SchemeKind::Qian2011;
  dna::Design scratch = d;
  dsd::SchemeBuilder builder(*module, options, scratch);
  dsd::Step step = builder.steps(false).front();
  llvm::Expected<dsd::MeasuredRate> at =
      dsd::measureModuleRate(*module, d, 0, step);
  REQUIRE(bool(at));
  double commit = *d.getComplex(commitStrand(d)).concentration;
  // As modelled (alpha = 0.00995): 2 % too fast, extra hold 2e-4: tuned.
  dna::Design tuned = d;
  llvm::Expected<dsd::MeasuredRate> m = dsd::tuneFuelStrand(
      *module, tuned, 0, step, at->perMolarSecond / 1.02, 200, *at);
  REQUIRE(bool(m));
  CHECK(m->perMolarSecond == Approx(at->perMolarSecond / 1.02).epsilon(0.01));
  CHECK(*tuned.getComplex(commitStrand(tuned)).concentration < commit);
  // The same direction asked at q_max (alpha = 1), 2 % too fast: the gate
  // holds 2 % more than modelled, beyond the 1 % tolerance: unchanged.
  step.rate = 3.0248900251454383e-4;
  dna::Design kept = d;
  m = dsd::tuneFuelStrand(*module, kept, 0, step, at->perMolarSecond / 1.02,
                          200, *at);
  REQUIRE(bool(m));
  CHECK(m->perMolarSecond == at->perMolarSecond);
  CHECK(*kept.getComplex(commitStrand(kept)).concentration == commit);
}
