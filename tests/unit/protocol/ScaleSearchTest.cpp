// The lab scale search (backends/protocol/ScaleSearch.h) on a model of a
// design whose figures follow the laws the real ones do (measured on the
// bundled linear regression, `crnc compile --conc-scale U --cmax C`): the
// automatic scale is C_max / 10 on the 1-2-5 series; every module realises
// its rate below a threshold scale (its gates' floors fall with the
// signals); the mix needs volume in proportion to C_max; lab time goes as
// 1 / (scale x C_max). And the measurements it rests on (reactionMixFit,
// assessDesign) against the protocol a compile builds.
#include "backends/protocol/ScaleSearch.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace crnc;
using namespace crnc::protocol;

namespace {

/// A design whose modules realise q at scales up to `onRateBelow` nM and
/// whose mix needs `ulPerNM` µL per nM of C_max (110 µL prepared).
struct ModelDesign {
  double onRateBelow = 3;
  double ulPerNM = 1.289;
  double stepSecondsAt1 = 1e5; ///< per phase at 1 nM per unit and 1 uM
  std::vector<std::pair<double, double>> built;
  std::set<std::pair<double, double>> failAt;
  /// A scale at which one more line falls under the smallest pipetted
  /// volume and is taken from a dilution: the mix needs `dilutionUL` more.
  double dilutionScale = 0, dilutionUL = 0;

  static double seriesFloor(double v) {
    double decade = std::pow(10, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0})
      if (v >= m * decade * (1 - 1e-9))
        return m * decade;
    return decade;
  }

  std::optional<ScaleTrial> operator()(double scale, double cmax) {
    built.push_back({scale, cmax});
    if (failAt.count({scale, cmax}))
      return std::nullopt;
    ScaleTrial t;
    t.concScaleNM = scale > 0 ? scale : seriesFloor(cmax / 10);
    t.cmaxNM = cmax;
    t.modules = 78;
    t.modulesOff = t.concScaleNM <= onRateBelow ? 0 : 39;
    t.worstMiss = t.modulesOff ? 3.5 : 1;
    t.worstModule = "X + Y -> Z";
    t.mix.preparedUL = 110;
    t.mix.requiredUL = ulPerNM * cmax;
    if (std::fabs(t.concScaleNM - dilutionScale) < 1e-9)
      t.mix.requiredUL += dilutionUL;
    t.mix.fits = t.mix.requiredUL <= 110;
    t.mix.fuelFraction = std::min(1.0, 110 / t.mix.requiredUL);
    t.stepSeconds = stepSecondsAt1 / (t.concScaleNM * cmax / 1000);
    t.labSeconds = 2 * t.stepSeconds;
    t.baseLabSeconds = t.labSeconds;
    t.stepUnit = "phase";
    t.labUnit = "training sample";
    return t;
  }
};

ScaleChoice search(ModelDesign &d, const ScaleSearchOptions &o) {
  return chooseLabScale(
      o,
      [&](double u, double c) -> std::optional<ScaleTrial> { return d(u, c); });
}

ScaleSearchOptions open(double cmax = 1000) {
  ScaleSearchOptions o;
  o.cmaxNM = cmax;
  o.searchScale = true;
  o.searchCmax = true;
  return o;
}

} // namespace

TEST_CASE("the search lowers C_max to where the mix fits, then the scale") {
  ModelDesign d;
  ScaleChoice c = search(d, open());
  REQUIRE(c.chosen);
  const ScaleTrial &t = c.tried[*c.chosen];
  CHECK(c.satisfied);
  CHECK(c.searched);
  // The fuels fit at 110 / 1289 of 1000 nM: 85.3 nM (3 digits, down).
  CHECK(t.cmaxNM == Approx(85.3));
  // The largest scale of the 1.25-fold grid below the automatic 5 nM at
  // or under 3 nM: 5 / 1.25^3 = 2.56.
  CHECK(t.concScaleNM == Approx(2.56));
  CHECK(t.mix.fits);
  CHECK(t.modulesOff == 0);
  // Every setting satisfying both that was tried is no faster.
  for (const ScaleTrial &other : c.tried)
    if (satisfiesAll(other))
      CHECK(other.labSeconds >= t.labSeconds);
  // No setting is built twice.
  std::set<std::pair<double, double>> distinct(d.built.begin(), d.built.end());
  CHECK(distinct.size() == d.built.size());
  CHECK(c.note.find("lab scale: 2.56 nM per unit, C_max 85.3 nM") == 0);
  CHECK(c.note.find("C_max lowered from 1000 nM") != std::string::npos);
}

TEST_CASE("a step of days is flagged") {
  ModelDesign d;
  ScaleChoice c = search(d, open());
  REQUIRE(c.chosen);
  // 1e5 s / (2.56 x 0.0853) = 5.3 d per phase.
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].find("5.3 d per phase") != std::string::npos);
  CHECK(c.warnings[0].find("no lab runs a step of days") != std::string::npos);
  d = ModelDesign();
  d.stepSecondsAt1 = 1e3;
  c = search(d, open());
  CHECK(c.warnings.empty());
}

TEST_CASE("a setting the user fixed is the only one built") {
  ModelDesign d;
  ScaleSearchOptions o;
  o.concScaleNM = 100;
  o.cmaxNM = 1000;
  ScaleChoice c = search(d, o);
  CHECK(d.built.size() == 1);
  REQUIRE(c.chosen);
  CHECK_FALSE(c.satisfied);
  CHECK_FALSE(c.searched);
  CHECK(c.tried[0].concScaleNM == 100);
}

TEST_CASE("with C_max fixed the search keeps the fastest nearest setting "
          "and says by how much it fails") {
  ModelDesign d;
  ScaleSearchOptions o = open();
  o.searchCmax = false;
  ScaleChoice c = search(d, o);
  REQUIRE(c.chosen);
  CHECK_FALSE(c.satisfied);
  const ScaleTrial &t = c.tried[*c.chosen];
  // Every module realises q at 2 nM (the largest of the 1-2-5 series at
  // or under 3 nM); no scale makes the mix fit.
  CHECK(t.concScaleNM == 2);
  CHECK(t.modulesOff == 0);
  REQUIRE_FALSE(c.warnings.empty());
  CHECK(c.warnings[0] ==
        "lab scale: no setting tried lets every DNA module realise its rate "
        "and the reaction mix fit; at 2 nM per unit, C_max 1000 nM, the "
        "reaction mix needs 1289 µL of the 110 µL prepared (its fuels fit at "
        "C_max 85.3 nM)");
}

TEST_CASE("a scale whose mix fits keeps C_max") {
  ModelDesign d;
  d.ulPerNM = 0.1; // fits at 1000 nM
  ScaleChoice c = search(d, open());
  REQUIRE(c.chosen);
  CHECK(c.satisfied);
  CHECK(c.tried[*c.chosen].cmaxNM == 1000);
  // Automatic 100 nM; 3 nM met first at 2 (series), then the grid
  // 100 / 1.25^k between 5 and 2: 2.81 (k = 16) is the largest at or
  // under 3.
  CHECK(c.tried[*c.chosen].concScaleNM == Approx(2.81));
}

TEST_CASE("a setting that cannot be built is skipped") {
  ModelDesign d;
  d.ulPerNM = 0.1;
  d.failAt.insert({2, 1000});
  ScaleChoice c = search(d, open());
  REQUIRE(c.chosen);
  CHECK(c.satisfied);
  CHECK(c.tried[*c.chosen].concScaleNM <= 3);
  for (const ScaleTrial &t : c.tried)
    CHECK_FALSE((t.concScaleNM == 2 && t.cmaxNM == 1000));
}

TEST_CASE("no setting built: nothing chosen") {
  ModelDesign d;
  d.failAt.insert({0, 1000});
  ScaleChoice c = search(d, open());
  CHECK_FALSE(c.chosen);
  CHECK(d.built.size() == 1);
}

TEST_CASE("a slowed axis lets a smaller scale on its own axis win") {
  // Every scale satisfies both, but the caller slowed the automatic one's
  // axis 4-fold: 50 nM per unit (2 times slower unslowed) is faster, 20
  // (5 times) is not tried further.
  ModelDesign d;
  d.ulPerNM = 0.1;
  d.onRateBelow = 1e9;
  auto slowed = [&](double u, double c) -> std::optional<ScaleTrial> {
    std::optional<ScaleTrial> t = d(u, c);
    if (t && u == 0)
      t->labSeconds *= 4;
    return t;
  };
  ScaleChoice c = chooseLabScale(open(), slowed);
  REQUIRE(c.chosen);
  CHECK(c.tried[*c.chosen].concScaleNM == 50);
}

TEST_CASE("a design above the size bound is kept as it is") {
  // Every setting tried costs a design of the first one's size.
  ModelDesign d;
  auto large = [&](double u, double c) -> std::optional<ScaleTrial> {
    std::optional<ScaleTrial> t = d(u, c);
    if (t)
      t->nucleotides = 1050000;
    return t;
  };
  ScaleChoice c = chooseLabScale(open(), large);
  CHECK(d.built.size() == 1);
  REQUIRE(c.chosen);
  CHECK(c.searched);
  CHECK(c.note.find("lab scale: not searched: the design has 1050000 nt") == 0);
}

TEST_CASE("a design of expert_aggregation's size is searched") {
  // expert_aggregation's first design (100 nM per unit, C_max 1000 nM) has
  // 161,780 nt and left 404 of its 768 modules off their rate; searched,
  // it finds a setting with every module on rate (lib/verify/README.md).
  ModelDesign d;
  auto large = [&](double u, double c) -> std::optional<ScaleTrial> {
    std::optional<ScaleTrial> t = d(u, c);
    if (t)
      t->nucleotides = 161780;
    return t;
  };
  ScaleChoice c = chooseLabScale(open(), large);
  CHECK(d.built.size() > 1);
  REQUIRE(c.chosen);
  CHECK(c.satisfied);
  CHECK(c.tried[*c.chosen].modulesOff == 0);
  CHECK(c.note.find("not searched") == std::string::npos);
  // The bound still keeps designs of nonlinear_classifier's and
  // iris_nonlinear's sizes (2.4e5 and 4.8e5 nt) as they are.
  CHECK(ScaleSearchOptions().largestSearchedNucleotides < 242205);
  CHECK(ScaleSearchOptions().largestSearchedNucleotides >= 161780);
}

TEST_CASE("a mix just over its volume at one scale: C_max a little lower "
          "stands for that scale") {
  // At 3.2 nM per unit (on rate below 3.3) one line more needs a dilution:
  // 1.289 x 85.3 + 1 = 110.95 µL of 110. Without the step the bisection
  // would end at 2.56 nM; with it, 3.2 nM at a C_max where the mix fits is
  // kept, the faster setting (3.2 x 83.6 > 2.56 x 85.3): the fuels alone
  // would fit at 110 / 110.95 of 85.3 nM (84.5 nM), but each step lowers
  // C_max by at least 2 %: 83.6 nM, 108.8 µL.
  ModelDesign d;
  d.onRateBelow = 3.3;
  d.dilutionScale = 3.2;
  d.dilutionUL = 1;
  ScaleChoice c = search(d, open());
  REQUIRE(c.chosen);
  const ScaleTrial &t = c.tried[*c.chosen];
  CHECK(c.satisfied);
  CHECK(t.concScaleNM == Approx(3.2));
  CHECK(t.cmaxNM == Approx(83.6));
  CHECK(t.mix.fits);
  std::set<std::pair<double, double>> distinct(d.built.begin(), d.built.end());
  CHECK(distinct.size() == d.built.size());
  // With C_max fixed by the user, the step is not taken.
  ModelDesign fixedDesign = d;
  fixedDesign.built.clear();
  ScaleSearchOptions fixed = open(85.3);
  fixed.searchCmax = false;
  ScaleChoice f = search(fixedDesign, fixed);
  REQUIRE(f.chosen);
  CHECK(f.tried[*f.chosen].concScaleNM == Approx(2.56));
  CHECK(f.tried[*f.chosen].cmaxNM == Approx(85.3));
}
