// The design's pace (lib/verify/LabPace.h): the calibration sample and the
// nearest time along a recorded trajectory (exact figures, worked by hand in
// the comments); the record of phases of different lengths and their pace
// (LabRecord.h).
// The measurement on a network: the lowered formal CRN run by a protocol
// timed at half its pace; on a design through `crnc train --level dna`
// (tests/lit/train/lab-level-dna-*.test).
#include "lib/verify/LabPace.h"
#include "VerifyTestSupport.h"
#include "compiler/driver/Pipeline.h"
#include "compiler/frontend/Frontend.h"
#include "lib/verify/LabNetwork.h"
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
  r.pace = {1.25, 1.5};
  CHECK(r.sampleHours() == Approx(3));
  CHECK(r.trainingHours() == Approx(6));
  ir::Module m("m");
  verify::recordLabTraining(m, r);
  std::optional<verify::LabRecord> back = verify::readLabRecord(m);
  REQUIRE(back);
  CHECK(back->phaseSeconds == 3600);
  CHECK(back->backwardPhaseSeconds() == 7200);
  CHECK(back->sampleHours() == Approx(3));
  CHECK(back->pace == std::vector<double>{1.25, 1.5});
  // Equal phases write one attribute, as before.
  r.backwardSeconds = 0;
  r.pace.clear();
  ir::Module same("m");
  verify::recordLabTraining(same, r);
  CHECK_FALSE(ir::findAttribute(same.attrs, "lab_backward_phase_seconds"));
  CHECK_FALSE(ir::findAttribute(same.attrs, "lab_pace"));
  CHECK(verify::readLabRecord(same)->sampleHours() == Approx(2));
}

// The lowered formal CRN of the regression example (map-rates' own network)
// run by a protocol whose phases are half as long as map-rates' time scale
// says: the calibration finds them twice as long as that protocol's, within
// the formal CRN's own departure from the model at its time scale (its
// pace at the true time scale, measured here too: 1.110 (forward) and 1.164
// (backward) with the gates' holds in the lab network and reduce-order's
// chains unbinding at kr - S (1.12 and 1.17 at kr); the same paces at
// every scale, since those holds make it SSW's time-scaled copy). Tolerance
// 1e-5 relative for the forward phase (the same trajectory sampled at other
// times, 150 points over three phases, and interpolated linearly on each
// segment: measured 1.3e-6 apart) and 1e-3 for the backward one (it starts
// where the calibrated phase 1 ended, itself within 1e-5).
TEST_CASE("a protocol timed at half the network's pace is measured back",
          "[verify][lab]") {
  std::unique_ptr<ir::Module> model =
      test::exampleModule("linear_regression.crn");
  auto mi = train::ModelInterface::fromModule(*model);
  REQUIRE(bool(mi));
  ir::Module formal(*model);
  driver::CompileOptions options;
  options.stopAfterLowering = true;
  // map-rates' automatic scale at C_max 1000 nM (100 nM per unit), not the
  // lab scale search's setting: the figures below are measured there.
  options.concScaleGiven = options.cmaxGiven = true;
  llvm::SourceMgr sourceMgr;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sourceMgr, os);
  driver::CompileResult compiled;
  REQUIRE(
      succeeded(driver::runCompilePipeline(formal, options, diags, compiled)));
  std::vector<std::string> signals = verify::labReadoutSignals(*model, formal);
  sim::SolverOptions solver;
  solver.relTol = 1e-8;
  solver.absTol = 1e-10 * 100;
  train::Dataset rows;
  rows.x = {{2.5, 4.0}, {1.5, 3.0}};
  rows.target = {11.5, 8.0};
  std::array<double, 2> measured[2];
  for (int half = 0; half < 2; ++half) {
    verify::LabNetwork net = verify::formalLabNetwork(formal, signals, false);
    auto protocol = verify::labProtocol(formal, net, mi->horizon);
    REQUIRE(bool(protocol));
    if (half)
      protocol->phaseSeconds /= 2;
    auto lab =
        verify::LabTrainer::create(std::move(net), *mi, *protocol, solver);
    REQUIRE(bool(lab));
    solver.absTol = 1e-10;
    auto pace = verify::calibratePace(**lab, *model, *mi, rows, solver);
    solver.absTol = 1e-10 * 100;
    REQUIRE(bool(pace));
    CHECK(pace->probe == std::vector<double>{2, 3.5});
    CHECK(pace->probeTarget == 8.0);
    for (size_t p = 0; p < 2; ++p) {
      CHECK(pace->fitted[p] > 0);
      CHECK_FALSE(pace->unmet[p]);
      CHECK((*lab)->protocol().pace[p] == pace->factor[p]);
    }
    measured[half] = pace->factor;
  }
  INFO("paces " << measured[0][0] << " " << measured[0][1] << " / "
                << measured[1][0] << " " << measured[1][1]);
  // At map-rates' time scale the formal CRN is within 20 % of the model.
  CHECK(measured[0][0] == Approx(1).epsilon(0.2));
  CHECK(measured[0][1] == Approx(1).epsilon(0.2));
  CHECK(measured[1][0] == Approx(2 * measured[0][0]).epsilon(1e-5));
  CHECK(measured[1][1] == Approx(2 * measured[0][1]).epsilon(1e-3));
}

TEST_CASE("the pace as crnc train prints it", "[verify][lab]") {
  verify::PhasePace pace;
  pace.probe = {2.5, 4};
  pace.probeTarget = 11.8;
  pace.probeWeight = 1;
  pace.factor = {1.169, 1};
  pace.misfit = {0.0001, 1};
  pace.fitted = {1, 3};
  pace.unmet = {false, true};
  CHECK(verify::describePace(pace, 50150) ==
        "measured on a calibration sample (inputs 2.5, 4, target 11.8, every "
        "weight at 1): forward 1.169 x map-rates' 5.015e+04 s (outputs within "
        "< 0.05 % of the model network's); backward map-rates' time kept (the "
        "design's weight changes come no nearer than 100 % to the model "
        "network's: no duration mends that)");
  // A single readout meets the model's between two recorded times: the
  // interpolated misfit is 0, printed as below what the search resolves.
  pace.misfit = {0, 1};
  CHECK(verify::describePace(pace, 50150).find("(outputs within < 0.05 % of") !=
        std::string::npos);
  pace.misfit = {0.0032, 1};
  CHECK(verify::describePace(pace, 50150).find("(outputs within 0.32 % of") !=
        std::string::npos);
  pace.fitted = {0, 3};
  pace.unmet = {false, false};
  pace.atBound = {false, true};
  pace.factor = {1, 3};
  CHECK(verify::describePace(pace, 50150) ==
        "measured on a calibration sample (inputs 2.5, 4, target 11.8, every "
        "weight at 1): forward map-rates' time kept (no outputs moved); "
        "backward 3 x map-rates' 5.015e+04 s (weight changes within 100 % of "
        "the model network's; the end of the search window)");
}
