//===- ChemistryMatchesTest.cpp - chemical training equals the algorithm --===//
//
// For every model kind: the same samples in the same order, presented to the
// chemistry (lib/sim, CVODE rtol 1e-8) and to the float reference, give the
// same outputs and the same weights after one epoch (tolerance 1e-5 of the
// largest weight, or 1e-5 absolute below 1), and 1 or 2 evaluation threads
// give identical metrics.
//
//===----------------------------------------------------------------------===//

#include "TrainTestSupport.h"
#include "lib/train/TrainingLoop.h"

using namespace crnc;
using namespace crnc::train;
using namespace crnc::train::testing;

static void checkOneEpoch(const std::string &source, const Dataset &data,
                          size_t rows) {
  auto m = compileModel(source);
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  sim::SolverOptions solver;
  solver.relTol = 1e-8;
  solver.absTol = 1e-10;
  auto chem = unwrap(ChemicalTrainer::create(*m, mi, solver));
  auto ref = unwrap(FloatReference::create(*m, mi));
  for (size_t i = 0; i < rows && i < data.size(); ++i) {
    SampleResult a = unwrap(chem->trainSample(data.x[i], data.target[i]));
    SampleResult b = ref->trainSample(data.x[i], data.target[i]);
    CHECK(worstDifference(a.outputs, b.outputs) < 1e-5);
  }
  double diff = worstDifference(chem->weightValues(), ref->weightValues());
  INFO(ir::model::kindName(mi.kind).str()
       << ": worst weight difference " << diff);
  CHECK(diff < 1e-5);
  Metrics one = unwrap(chem->evaluate(data, 1));
  Metrics two = unwrap(chem->evaluate(data, 2));
  CHECK(one.loss == two.loss);
  CHECK(one.accuracy == two.accuracy);
}

TEST_CASE("linear classifier: chemistry equals the reference", "[train]") {
  Dataset d = generateXor(60, 0.1, 4);
  checkOneEpoch("model c : linear_classifier { inputs = 2 classes = 2 "
                "learning_rate = 0.2 seed = 9 signed_inputs = 1 }",
                d, d.size());
}

TEST_CASE("nonlinear classifier: chemistry equals the reference", "[train]") {
  Dataset d = generateRings(40, 6);
  checkOneEpoch(readSourceFile("examples/rings.crn"), d, d.size());
  checkOneEpoch(
      "model c : nonlinear_classifier { inputs = 2 augment = 3 "
      "gradient = first_order signed_inputs = 1 learning_rate = 0.05 }",
      d, 20);
}

TEST_CASE("expert aggregation: chemistry equals the reference", "[train]") {
  Dataset d = generateXor(30, 0.05, 5);
  for (auto &row : d.x)
    for (double &v : row)
      v = std::abs(v);
  checkOneEpoch("model e : expert_aggregation { inputs = 2 classes = 2 "
                "learning_rate = 0.5 initial_weight = 0.01 }",
                d, d.size());
}
