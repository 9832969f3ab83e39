// Quantities with units as users write them (lib/support/Units.h). Reference
// values are the SI definitions (1 min = 60 s, 1 uL = 1e-6 L, 1 M = 1e9 nM);
// every product below is exact in binary or within 1 ulp (Approx default).
#include "lib/support/Units.h"
#include <catch2/catch.hpp>

using namespace crnc;

TEST_CASE("times, volumes and concentrations parse with and without units") {
  CHECK(parseSeconds("3600") == Approx(3600));
  CHECK(parseSeconds("90s") == Approx(90));
  CHECK(parseSeconds("30min") == Approx(1800));
  CHECK(parseSeconds("2 h") == Approx(7200));
  CHECK_FALSE(parseSeconds("2 days"));
  CHECK_FALSE(parseSeconds("min"));
  CHECK(parseLitres("1e-15") == Approx(1e-15));
  CHECK(parseLitres("2uL") == Approx(2e-6));
  CHECK(parseLitres("1fL") == Approx(1e-15));
  CHECK_FALSE(parseLitres("1 gallon"));
  std::optional<Concentration> c = parseConcentration("10nM");
  REQUIRE(c);
  CHECK(c->value == 10);
  CHECK(c->unit == ConcUnit::nM);
  c = parseConcentration("5");
  REQUIRE(c);
  CHECK(c->unit == ConcUnit::None);
  CHECK_FALSE(parseConcentration("5 furlongs"));
}

TEST_CASE("rate constants convert to the target unit per second") {
  // 1e6 /M/s for a bimolecular step is 1e-3 /nM/s.
  CHECK(convertRateConstant(1e6, "/M/s", 2, ConcUnit::nM) == Approx(1e-3));
  // 6 /min unimolecular is 0.1 /s, whatever the concentration unit.
  CHECK(convertRateConstant(6, "/min", 1, ConcUnit::nM) == Approx(0.1));
  // No units written: already in the target's.
  CHECK(convertRateConstant(2.5, "", 2, ConcUnit::nM) == Approx(2.5));
  // Units that do not match the order, or unknown units, are refused.
  CHECK_FALSE(convertRateConstant(1, "/s", 2, ConcUnit::nM));
  CHECK_FALSE(convertRateConstant(1, "/M/fortnight", 2, ConcUnit::nM));
}
