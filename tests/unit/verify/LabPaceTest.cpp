// The design's pace (lib/verify/LabPace.h): the calibration sample and the
// nearest time along a recorded trajectory (exact figures, worked by hand in
// the comments); the record of phases of different lengths (LabRecord.h).
// The measurement on a design runs through `crnc train --level dna`
// (tests/lit/train/lab-level-dna-*.test).
#include "lib/verify/LabPace.h"
#include "VerifyTestSupport.h"
#include "lib/verify/LabRecord.h"
#include <cmath>

using namespace crnc;

TEST_CASE("the calibration sample is the rows' mean and median target",
          "[verify][lab]") {
  train::Dataset d;
  d.x = {{1, 10}, {3, 20}, {8, 60}, {4, 30}};
  d.target = {0, 1, 1, 0};
  std::vector<double> x;
  double t = -1;
  verify::calibrationSample(d, x, t);
  REQUIRE(x.size() == 2);
  CHECK(x[0] == Approx(4));
  CHECK(x[1] == Approx(30));
  CHECK(t == 0); // the lower median of 0, 0, 1, 1: a label the data holds
  d.target = {5, 2, 9, 7};
  verify::calibrationSample(d, x, t);
  CHECK(t == 5);
}

TEST_CASE("the nearest time along a piecewise-linear trajectory",
          "[verify][lab]") {
  // Two readouts growing at rates 1 and 2: the goal (2.5, 5) is met
  // exactly at t = 2.5, inside the segment [2, 3].
  std::vector<double> times{0, 1, 2, 3, 4};
  std::vector<std::vector<double>> values;
  for (double t : times)
    values.push_back({t, 2 * t});
  auto [t, d] = verify::nearestTime(times, values, {2.5, 5}, {1, 1});
  CHECK(t == Approx(2.5).epsilon(1e-12));
  CHECK(d == Approx(0).margin(1e-20));
  // A goal no time meets: (2, 6) is nearest at the least squares time of
  // (t - 2)^2 + (2t - 6)^2, t = 14 / 5, distance 0.64 + 0.16; weighted by
  // the scales (the second readout counted at a tenth: t = (2 + 2 * 6 / 100)
  // / (1 + 4 / 100)).
  std::tie(t, d) = verify::nearestTime(times, values, {2, 6}, {1, 1});
  CHECK(t == Approx(2.8).epsilon(1e-12));
  CHECK(d == Approx(0.64 + 0.16).epsilon(1e-9));
  std::tie(t, d) = verify::nearestTime(times, values, {2, 6}, {1, 10});
  CHECK(t == Approx((2 + 0.12) / 1.04).epsilon(1e-12));
  // Beyond the window: its end.
  std::tie(t, d) = verify::nearestTime(times, values, {9, 18}, {1, 1});
  CHECK(t == 4);
  CHECK(d == Approx(25 + 100));
}

TEST_CASE("a record with phases of different lengths keeps both",
          "[verify][lab]") {
  verify::LabRecord r;
  r.level = "dna";
  r.phaseSeconds = 3600;
  r.backwardSeconds = 7200;
  r.trainingSamples = 2;
  r.weightNames = {"P"};
  r.weights = {0.5};
  CHECK(r.sampleHours() == Approx(3));
  CHECK(r.trainingHours() == Approx(6));
  ir::Module m("m");
  verify::recordLabTraining(m, r);
  std::optional<verify::LabRecord> back = verify::readLabRecord(m);
  REQUIRE(back);
  CHECK(back->phaseSeconds == 3600);
  CHECK(back->backwardPhaseSeconds() == 7200);
  CHECK(back->sampleHours() == Approx(3));
  // Equal phases write one attribute, as before.
  r.backwardSeconds = 0;
  ir::Module same("m");
  verify::recordLabTraining(same, r);
  CHECK_FALSE(ir::findAttribute(same.attrs, "lab_backward_phase_seconds"));
  CHECK(verify::readLabRecord(same)->sampleHours() == Approx(2));
}
