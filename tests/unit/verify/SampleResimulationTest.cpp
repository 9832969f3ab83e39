// Re-simulation of one training sample (lib/verify/SampleResimulation.h,
// LabTrainer::traceSample): the comparison of two recorded samples, the
// recording against crnc train's own presentation, and the formal lab
// network's starting amounts.
#include "lib/verify/SampleResimulation.h"
#include "VerifyTestSupport.h"
#include "compiler/driver/Pipeline.h"
#include "lib/verify/VerifyDesign.h"
#include <cmath>

using namespace crnc;
using namespace crnc::verify;

namespace {

/// Two signals over two phases of 10 s, 5 rows per phase: "Z" ramps 0 -> 2
/// then stays, "W" stays at 0.
SampleTrace twoSignals() {
  SampleTrace t;
  t.values.resize(2);
  for (unsigned phase = 0; phase < 2; ++phase)
    for (int i = 0; i < 5; ++i) {
      double time = 10 * phase + 2.5 * i;
      t.times.push_back(time);
      t.phase.push_back(phase);
      t.values[0].push_back(std::min(time, 10.0) / 5);
      t.values[1].push_back(0);
    }
  return t;
}

/// `model` lowered as compile lowers it, and its DSD design.
ir::Module lowered(const ir::Module &model, dna::Design *design = nullptr) {
  ir::Module formal(model);
  driver::CompileOptions options;
  options.stopAfterDesign = true;
  // map-rates' automatic scale at C_max 1000 nM (100 nM per unit), not the
  // lab scale search's setting: the figures below are measured there.
  options.concScaleGiven = options.cmaxGiven = true;
  driver::CompileResult result;
  llvm::SourceMgr sourceMgr;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sourceMgr, os);
  REQUIRE(
      succeeded(driver::runCompilePipeline(formal, options, diags, result)));
  if (design)
    *design = std::move(*result.design);
  return formal;
}

} // namespace

TEST_CASE("a sample's deviation is measured against the signal's range or "
          "peak, with the phase where it is worst and first too large",
          "[verify][resimulation]") {
  SampleTrace formal = twoSignals(), dna = twoSignals();
  std::vector<std::string> signals{"Z", "W"}, phases{"forward", "backward"};
  ResimulationResult same =
      compareSampleTraces(formal, dna, signals, {true, true}, phases, 0.05);
  CHECK(same.pass);
  CHECK(same.maxDeviation == 0);
  REQUIRE(same.species.size() == 2);
  CHECK(same.species[0].range == 2);
  CHECK(same.species[1].range == 0); // W does not move
  // Z lags by 0.3 at 5 s (forward) and by 0.5 at the end (backward): 15 %
  // and 25 % of its range 2; W leaks 0.01, 0.5 % of the largest signal (2),
  // measured against 1 % of it (0.02): 50 %.
  dna.values[0][2] -= 0.3;
  dna.values[0][9] -= 0.5;
  dna.values[1][7] = 0.01;
  ResimulationResult r =
      compareSampleTraces(formal, dna, signals, {true, true}, phases, 0.05);
  CHECK_FALSE(r.pass);
  CHECK(r.worstSpecies == "W");
  CHECK(r.maxDeviation == Approx(0.5));
  const SpeciesDeviation &z = r.species[0];
  CHECK(z.deviation == Approx(0.25));
  CHECK(z.time == 20);
  CHECK(z.phase == "backward");
  REQUIRE(z.firstBeyond);
  CHECK(*z.firstBeyond == 5);
  CHECK(z.firstBeyondPhase == "forward");
  CHECK(z.formal == 2);
  CHECK(z.implementation == Approx(1.5));
  // A signal one network does not hold is left out.
  ResimulationResult onlyZ =
      compareSampleTraces(formal, dna, signals, {true, false}, phases, 0.3);
  REQUIRE(onlyZ.species.size() == 1);
  CHECK(onlyZ.pass);
  CHECK(onlyZ.worstSpecies == "Z");
}

// The recording is the protocol crnc train runs: its phase-1 outputs and
// its weights after phase 2 are LabTrainer::trainSample's (the same
// integrator stopped at more times: within 1e-6 relative). The formal lab
// network starts at amount_factor times the model's amounts, as the design
// does, so it reads the model's weights at the start (1e-9).
TEST_CASE("a recorded sample is the lab protocol's presentation",
          "[verify][resimulation]") {
  std::unique_ptr<ir::Module> model =
      test::exampleModule("linear_regression.crn");
  std::optional<ir::SpeciesId> p1 = model->lookupSpecies("P1_p");
  REQUIRE(p1);
  model->getSpecies(*p1).initial = 0.5;
  ir::Module formal = lowered(*model);
  auto mi = train::ModelInterface::fromModule(*model);
  REQUIRE(bool(mi));
  std::vector<std::string> signals = labReadoutSignals(*model, formal);
  LabNetwork net = formalLabNetwork(formal, signals, false);
  auto protocol = labProtocol(formal, net, mi->horizon);
  REQUIRE(bool(protocol));
  sim::SolverOptions solver;
  solver.relTol = 1e-8;
  solver.absTol = 1e-10 * protocol->concScale;
  auto lab = LabTrainer::create(net, *mi, *protocol, solver);
  REQUIRE(bool(lab));
  std::vector<double> x{1.5, 2.0};
  auto trace = (*lab)->traceSample(x, 4.0, 20, Deadline());
  REQUIRE(bool(trace));
  CHECK(trace->stopped.empty());
  REQUIRE(trace->times.size() == 42);
  CHECK(trace->times.back() == Approx(2 * protocol->phaseSeconds));
  size_t p1Signal = *p1;
  CHECK(trace->values[p1Signal][0] == Approx(0.5).epsilon(1e-9));
  auto reference = LabTrainer::create(net, *mi, *protocol, solver);
  REQUIRE(bool(reference));
  auto sample = (*reference)->trainSample(x, 4.0);
  REQUIRE(bool(sample));
  size_t endOfForward = 20;
  const train::SignalRef &y = mi->outputSignals[0];
  double yTrace = trace->values[y.pos][endOfForward] -
                  (y.neg ? trace->values[*y.neg][endOfForward] : 0.0);
  CHECK(trace->phase[endOfForward] == 0);
  CHECK(yTrace == Approx(sample->outputs[0]).epsilon(1e-6));
  std::vector<double> weights = (*reference)->weightValues();
  for (size_t w = 0; w < mi->weights.size(); ++w) {
    const train::SignalRef &s = mi->weights[w];
    double traced = trace->values[s.pos].back() -
                    (s.neg ? trace->values[*s.neg].back() : 0.0);
    CHECK(traced == Approx(weights[w]).epsilon(1e-6).margin(1e-9));
  }
  // A deadline already passed stops it at the start, saying so.
  auto stopped = (*lab)->traceSample(x, 4.0, 20, Deadline(1e-9, 0));
  REQUIRE(bool(stopped));
  CHECK(stopped->stopped == "time limit of 1e-09 s reached");
  CHECK(stopped->stoppedAt == 0);
  CHECK(stopped->times.size() == 1);
}

// The whole comparison on the regression example's soloveichik2010 design,
// enumerated as compile does (module by module past 5000 complexes): every
// readout signal both networks hold is compared (the model's 24 species and
// the 3 triggers), each phase horizon x time_scale = 9145.990 s (the lab
// time line's 2.54 h), and at the presentation both networks hold the
// sample's inputs exactly (the DNA level adds x amount_factor of them as
// free strands and reads them back; 1e-9).
TEST_CASE("one training sample through the formal CRN and the DNA design",
          "[verify][resimulation]") {
  std::unique_ptr<ir::Module> model =
      test::exampleModule("linear_regression.crn");
  dna::Design design;
  ir::Module formal = lowered(*model, &design);
  enumerate::EnumerateOptions limits = nuskellEnumerateOptions();
  limits.maxComplexCount = 50000;
  limits.maxReactionCount = 100000;
  limits.maxUnionComplexCount = 100000;
  PreparedDesign p = prepareDesign(formal, std::move(design), limits);
  REQUIRE(p.system);
  train::RecordedSample sample{{1.5, 2.0}, 4.0};
  SampleResimulationOptions options;
  auto r =
      resimulateSample(*model, formal, *p.system, p.design, sample, options);
  REQUIRE(bool(r));
  CHECK(r->stopped.empty());
  CHECK(r->phaseSeconds == Approx(9145.990).epsilon(1e-6));
  CHECK(r->phaseNames == std::vector<std::string>{"forward", "backward"});
  REQUIRE(r->result.species.size() == 27);
  const SpeciesDeviation &x1 = r->result.species[0];
  CHECK(x1.species == "X1");
  CHECK(x1.formalSeries[0] == Approx(1.5).epsilon(1e-9));
  CHECK(x1.implementationSeries[0] == Approx(1.5).epsilon(1e-9));
  CHECK_FALSE(x1.representedBy.empty());
  CHECK(r->result.times.back() == Approx(2 * r->phaseSeconds));
  CHECK(r->result.pass == (r->result.maxDeviation <= 0.05));
  // The model network's readouts beside both lab networks': from zero
  // weights y = x1 + x2 = 3.5 (z(0) = x, dz/dt = 0), error -0.5, and each
  // weight moves by -learning_rate x e x T x (x1, x2, 1) = 0.01 x 0.5 x
  // (1.5, 2, 1) (rtol 1e-8: 1e-6 here).
  CHECK(r->outputNames == std::vector<std::string>{"Y"});
  CHECK(r->weightNames == std::vector<std::string>{"P1", "P2", "B"});
  REQUIRE(r->modelReadouts.outputs.size() == 1);
  CHECK(r->modelReadouts.outputs[0] == Approx(3.5).margin(1e-6));
  REQUIRE(r->modelReadouts.weightChanges.size() == 3);
  CHECK(r->modelReadouts.weightChanges[0] == Approx(0.0075).margin(1e-6));
  CHECK(r->modelReadouts.weightChanges[1] == Approx(0.01).margin(1e-6));
  CHECK(r->modelReadouts.weightChanges[2] == Approx(0.005).margin(1e-6));
  // The lab networks' readouts come from their traces: the output at the
  // end of the forward phase.
  REQUIRE(r->formalReadouts.outputs.size() == 1);
  REQUIRE(r->dnaReadouts.weightChanges.size() == 3);
  size_t y = 0;
  while (r->result.species[y].species != "Y_p")
    ++y;
  size_t endForward = r->result.times.size() / 2 - 1;
  CHECK(r->formalReadouts.outputs[0] ==
        Approx(r->result.species[y].formalSeries[endForward]).margin(1e-9));
  // The recorded sample must fit the model.
  train::RecordedSample wrong{{1.5}, 4.0};
  auto bad =
      resimulateSample(*model, formal, *p.system, p.design, wrong, options);
  REQUIRE_FALSE(bool(bad));
  CHECK(llvm::toString(bad.takeError()) ==
        "the recorded sample has 1 inputs, the model 2");
}
