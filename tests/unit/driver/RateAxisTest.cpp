// Step 3b's choices (compiler/driver/RateAxis.h): the time scale from the
// factors every module realises, the note.
// Reference values are arithmetic on the inputs (relative tolerance 1e-12
// unless stated).
#include "compiler/driver/RateAxis.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include <catch2/catch.hpp>

using namespace crnc;

static dna::ReactionModule module(const char *equation, double q,
                                  double realised,
                                  std::vector<std::pair<double, double>> w) {
  dna::ReactionModule rm;
  rm.equation = equation;
  rm.targetRate = q;
  rm.realisedRate = realised;
  rm.realisableRates = std::move(w);
  return rm;
}

static ir::Module formalWith(double gamma, double secondsPerUnit,
                             std::optional<double> concScale = {}) {
  ir::Module m("m");
  ir::lowering::set(m.attrs, ir::lowering::RateTimeScale, gamma);
  ir::lowering::set(m.attrs, ir::lowering::TimeScale, secondsPerUnit);
  if (concScale)
    ir::lowering::set(m.attrs, ir::lowering::ConcScaleNM, *concScale);
  return m;
}

TEST_CASE("the time scale is gamma over the largest common factor",
          "[driver][axis]") {
  dna::Design design;
  // Factors: [0.5, 0.6] and [0.8, 0.9] (q = 100 with windows [20, 60] and
  // [80, 200]; q = 10 with [5, 9]): the largest, 0.9, taken 0.2 % inside.
  design.modules.push_back(module("A ->", 100, 120, {{20, 60}, {80, 200}}));
  design.modules.push_back(module("B ->", 10, 10, {{5, 9}}));
  std::optional<double> gamma =
      driver::realisableTimeScale(formalWith(2, 4), design);
  REQUIRE(gamma);
  CHECK(*gamma == Approx(2 / (0.9 / 1.002)).epsilon(1e-12));
  // A window narrower than the margin: its geometric middle.
  design.modules.push_back(module("C ->", 1, 1, {{0.85, 0.8505}}));
  gamma = driver::realisableTimeScale(formalWith(2, 4), design);
  REQUIRE(gamma);
  CHECK(*gamma == Approx(2 / std::sqrt(0.85 * 0.8505)).epsilon(1e-12));
  // No common factor: none.
  design.modules.push_back(module("D ->", 1, 1, {{0.1, 0.2}}));
  CHECK_FALSE(driver::realisableTimeScale(formalWith(2, 4), design));
}

TEST_CASE("the note names both axes, the scales and the worst module",
          "[driver][axis]") {
  dna::Design first;
  first.modules.push_back(module("A + B -> C", 2.17e5, 6.51e5, {}));
  first.modules.push_back(module("E ->", 814, 957, {}));
  std::string note = driver::describeRetiming(formalWith(1, 1230, 5), first,
                                              formalWith(1, 3750, 1.64));
  CHECK(note == "map-rates: re-run on a slower time axis (1.04 h per model "
                "time unit instead of 20.5 min, one unit taken as 1.64 nM "
                "instead of 5 nM) on which every DNA module realises its "
                "rate: on map-rates' own axis 'A + B -> C' realised "
                "6.51e+05 /M/s for 2.17e+05 /M/s (no toehold setting's "
                "dilution window holds its q)");
  CHECK(formatDuration(59) == "59 s");
  CHECK(formatDuration(90000) == "1.04 d");
}
