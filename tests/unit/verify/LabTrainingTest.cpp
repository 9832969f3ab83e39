// crnc train's protocol on the lab's chemistry (lib/verify/LabNetwork.h,
// LabTraining.h) through compiler/driver/TrainLevel.h: what a species holds,
// and the lab-level losses beside the model network's.
#include "VerifyTestSupport.h"
#include "compiler/driver/TrainLevel.h"
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include <cmath>

using namespace crnc;

namespace {

/// Rows y = 1 + 0.5 x1 + x2 on a grid of [0.2, 2]^2 (the regression
/// example's form, smaller so that few epochs suffice).
train::Dataset gridRows(size_t n, double offset) {
  train::Dataset d;
  for (size_t i = 0; i < n; ++i) {
    double x1 = 0.2 + 1.8 * std::fmod(0.37 * double(i) + offset, 1.0);
    double x2 = 0.2 + 1.8 * std::fmod(0.61 * double(i) + 2 * offset, 1.0);
    d.x.push_back({x1, x2});
    d.target.push_back(1 + 0.5 * x1 + x2);
  }
  return d;
}

int runLevel(driver::TrainLevel level, unsigned epochs,
             const train::PreparedData &data, driver::LabLevelRun &run) {
  std::unique_ptr<ir::Module> model =
      test::exampleModule("linear_regression.crn");
  auto mi = train::ModelInterface::fromModule(*model);
  REQUIRE(bool(mi));
  driver::LabLevelSettings s;
  s.level = level;
  s.loop.epochs = epochs;
  s.modelSolver.relTol = s.labSolver.relTol = 1e-8;
  s.modelSolver.absTol = s.labSolver.absTol = 1e-10;
  llvm::SourceMgr sourceMgr;
  std::string messages; // the lowering's remarks and notes
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sourceMgr, os);
  return driver::trainAtLabLevel(*model, *mi, data, s, diags, run);
}

} // namespace

TEST_CASE("reversible binding to fuels extends what a signal holds",
          "[verify][lab]") {
  verify::Crn crn = test::crnOf("species F = 1000 constant, B = 1000 constant\n"
                                "X + F <=> H + B\n"
                                "H + Y -> O\n"
                                "O -> Z\n"
                                "X + P <=> C\n");
  verify::Interpretation holds(crn.speciesCount());
  // Signals X, Y, P, Z are 0, 1, 2, 3.
  const char *signals[] = {"X", "Y", "P", "Z"};
  for (verify::SpeciesIndex i = 0; i < 4; ++i)
    holds[*crn.lookup(signals[i])] = verify::Multiset{i};
  verify::closeOverReversibleBinding(crn, crn.constant, holds);
  CHECK(holds[*crn.lookup("H")] == verify::Multiset{0});    // X in its gate
  CHECK(holds[*crn.lookup("C")] == verify::Multiset{0, 2}); // X + P
  CHECK_FALSE(holds[*crn.lookup("O")].has_value());         // in flight
}

// A species its gates hold (map-rates' gate_hold) gets a held copy in the
// formal CRN's lab network, at the ratio h (forward h qmax C_max, back
// qmax C_max), read as the species; one without the attribute gets none.
TEST_CASE("the formal lab network holds what the gates will", "[verify][lab]") {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  auto formal = ir::parseModuleFromString(R"(module "m" {
  unit nM
  attr formal = "true"
  attr qmax_per_nM_s = "0.001"
  attr cmax_nM = "100"
  attr amount_factor = "2"
  species X : hidden = 3 {gate_hold = "0.25"}
  species Y : hidden = 0
  species G : fuel = 100 constant
  reaction X + G -> Y + G [k = 0.00025]
})",
                                          diags, "in.crnir");
  REQUIRE(formal);
  verify::LabNetwork net = verify::formalLabNetwork(*formal, {"X", "Y"}, false);
  const ir::Module &m = net.module;
  std::optional<ir::SpeciesId> held = m.lookupSpecies("held_X");
  REQUIRE(held);
  CHECK(m.speciesCount() == 4);
  CHECK(m.getSpecies(*m.lookupSpecies("X")).initial == 6); // amount_factor
  CHECK(m.getSpecies(*held).initial == 0);
  CHECK(net.holds[*held] == verify::Multiset{0});
  REQUIRE(m.reactionCount() == 3);
  // X -> held_X at h qmax C_max = 0.025 /s, back at 0.1 /s.
  CHECK(m.allReactions()[1].rate == Approx(0.025));
  CHECK(m.allReactions()[2].rate == Approx(0.1));
  CHECK(m.allReactions()[2].reactants.front().species == *held);
}

// The lowered formal CRN (chemical clocks, buffers, reduce-order's c_X_P,
// lab seconds) trained by the protocol follows the model network. With the
// gates' holds (gate_hold) beside its buffers every species is held by
// lambda, so it is SSW's time-scaled copy of the lowering, and what remains
// is the lowering's own departure from the model. Measured (crnc train
// --level formal, 41 rows x 40 epochs of the example's data): validation
// loss 0.1075 vs 0.1034 (+4 %; 0.1066 before reduce-order's chains unbound
// at kr - S, 0.138, +33 %, when a species was held only by its buffer); the
// weights trade off (P2 1.51 vs 1.00, B 0.56 vs 0.98). On
// this test's rows the per-epoch loss differs by up to 30 % and the weights
// by up to 0.05. Tolerance: 40 % of the model's loss, weights within 0.1.
TEST_CASE("the lowered formal CRN learns like the model network",
          "[verify][lab]") {
  train::PreparedData data{gridRows(12, 0.1), gridRows(8, 0.55), {}};
  driver::LabLevelRun run;
  REQUIRE(runLevel(driver::TrainLevel::Formal, 3, data, run) == 0);
  const verify::LabTrainingResult &r = run.result;
  // horizon 1 x map-rates' time_scale (8676.7 s since reduce-order's
  // compensated first pairs unbind at kr / F - S, F set by these rows'
  // input levels; 9146.0 s at kr - S, q_max = the full toehold's 6.505e5
  // /M/s and the weight updates' dimmer trigger, whose gates hold the error
  // as fast as the gradient's do; 9300.5 s while the chains unbound at kr).
  CHECK(run.protocol.phaseSeconds == Approx(8676.701).epsilon(1e-6));
  // The triggers a lab adds per phase (100 nM per model unit): the forward
  // clock; the backward clock and, for the updates (learning rate 0.01, two
  // decades below the gradient's rate), its dimmer trigger at 1 %.
  REQUIRE(run.protocol.triggers[0].size() == 1);
  CHECK(run.protocol.triggers[0][0].level == Approx(100));
  REQUIRE(run.protocol.triggers[1].size() == 2);
  CHECK(run.protocol.triggers[1][0].level == Approx(100));
  CHECK(run.protocol.triggers[1][1].level == Approx(1));
  REQUIRE(r.epochs.size() == 3);
  for (const verify::LevelEpoch &e : r.epochs)
    CHECK(e.lab.loss == Approx(e.model.loss).epsilon(0.4));
  CHECK(r.labValidation.loss ==
        Approx(r.modelValidation.loss).epsilon(0.4).margin(1e-3));
  for (size_t i = 0; i < r.modelWeights.size(); ++i)
    CHECK(r.labWeights[i] == Approx(r.modelWeights[i]).margin(0.1));
  // The first presentation, from the same weights: the forward computation
  // (measured on this test's first row: output 2.884 vs 2.668, +8 %; on the
  // example's first row 6.578 vs 6.556) and the update (here the error
  // t - y is small and changes sign between the networks: weight changes
  // -0.0017 vs +0.0025, at most 0.0042 apart). Tolerances 10 % and 0.006.
  REQUIRE(r.first);
  CHECK(r.first->labOutputs[0] ==
        Approx(r.first->modelOutputs[0]).epsilon(0.1));
  for (size_t w = 0; w < r.first->modelChanges.size(); ++w)
    CHECK(r.first->labChanges[w] ==
          Approx(r.first->modelChanges[w]).margin(0.006));
  // The validation rows after every epoch; the last is the final figure.
  for (const verify::LevelEpoch &e : r.epochs) {
    CHECK(e.modelValidation.samples == 8);
    CHECK(e.labValidation.samples == 8);
  }
  CHECK(r.epochs.back().labValidation.loss == r.labValidation.loss);
  // The trained module: the model network's weights, its curves and the
  // lab network's record.
  REQUIRE(run.trained);
  std::optional<verify::LabRecord> rec = verify::readLabRecord(*run.trained);
  REQUIRE(rec);
  CHECK(rec->level == "formal");
  CHECK(rec->design.scheme == "formal");
  CHECK(rec->trainingSamples == 36);
  CHECK(rec->evaluatedSamples == 24);
  CHECK(rec->validationLoss.back() == r.labValidation.loss);
  CHECK(rec->weights == r.labWeights);
  CHECK(ir::findAttribute(run.trained->attrs, "training_loss"));
}

TEST_CASE("the target waits for phase 2 only where phase 1 does not read it",
          "[verify][lab]") {
  // linear_regression.crn: E (the target's signal, loaded as -y) is read in
  // phase 2 and by its unclocked annihilation E+ + E- -> 0 only.
  std::unique_ptr<ir::Module> model =
      test::exampleModule("linear_regression.crn");
  auto mi = train::ModelInterface::fromModule(*model);
  REQUIRE(bool(mi));
  CHECK(verify::targetWaitsForUpdate(*model, *mi));
  // A forward-phase reaction that reads E: the target must come with the
  // inputs.
  ir::Module forwardReads(*model);
  std::optional<ir::SpeciesId> e = forwardReads.lookupSpecies("E_p");
  std::optional<ir::SpeciesId> y = forwardReads.lookupSpecies("Y_p");
  REQUIRE(e);
  REQUIRE(y);
  ir::Reaction r;
  r.reactants = {ir::Term{*e, 1}};
  r.products = {ir::Term{*e, 1}, ir::Term{*y, 1}};
  r.rate = 1;
  r.phase = mi->forward;
  forwardReads.addReaction(std::move(r));
  CHECK_FALSE(verify::targetWaitsForUpdate(forwardReads, *mi));
  // An unclocked reaction that reads E beside another signal: the same.
  ir::Module unclocked(*model);
  ir::Reaction u;
  u.reactants = {ir::Term{*e, 1}, ir::Term{*y, 1}};
  u.rate = 1;
  unclocked.addReaction(std::move(u));
  CHECK_FALSE(verify::targetWaitsForUpdate(unclocked, *mi));
}
