// The sample an untrained model is re-simulated over
// (lib/train/ProbeSample.h), and the first row `crnc compile --data` reads.
// Reference values: the regression example's output is x1 + x2 from zero
// initial weights (z(0) = x, dz/dt = theta x = 0: y_hat = 2 at x = (1, 1)),
// within the training integrator's tolerance (rtol 1e-8: 1e-6 here).
#include "lib/train/ProbeSample.h"
#include "TrainTestSupport.h"

using namespace crnc;
using namespace crnc::train;
using namespace crnc::train::testing;

TEST_CASE("a regression's probe is unit inputs one unit off the output",
          "[train]") {
  auto m = compileModel(readSourceFile("examples/linear_regression.crn"));
  ProbeSample p = unwrap(chooseProbeSample(*m));
  CHECK(p.sample.inputs == std::vector<double>{1, 1});
  REQUIRE(p.outputs.size() == 1);
  CHECK(p.outputs[0] == Approx(2).margin(1e-6));
  CHECK(p.sample.target == Approx(1).margin(1e-6));
  CHECK(p.reason.find("minus 1") != std::string::npos);
  // Deterministic: the same module gives the same probe.
  ProbeSample again = unwrap(chooseProbeSample(*m));
  CHECK(again.sample.target == p.sample.target);
}

TEST_CASE("a regression whose output is below 1 gets a target above it",
          "[train]") {
  auto m = compileModel("model r : linear_regression { inputs = 1\n"
                        "  initial_weights = [-0.9, 0.0] }\n");
  ProbeSample p = unwrap(chooseProbeSample(*m));
  REQUIRE(p.outputs.size() == 1);
  CHECK(p.outputs[0] < 1);
  CHECK(p.sample.target == Approx(p.outputs[0] + 1).margin(1e-9));
}

TEST_CASE("a classifier's probe target is the label of largest loss",
          "[train]") {
  auto m = compileModel(readSourceFile("examples/linear_classifier.crn"));
  auto mi = unwrap(ModelInterface::fromModule(*m));
  ProbeSample p = unwrap(chooseProbeSample(*m));
  CHECK(p.sample.inputs == std::vector<double>{1, 1});
  double chosen = scoreOutputs(mi, p.outputs, p.sample.target).loss;
  for (size_t k = 0; k < mi.classes; ++k)
    CHECK(scoreOutputs(mi, p.outputs, double(k)).loss <= chosen);
  // The update is not zero: the chosen label is not the predicted class.
  CHECK(mi.predictedClass(p.outputs) != size_t(p.sample.target));
}

TEST_CASE("a module without a model has no probe", "[train]") {
  auto m = compileModel("species A = 1\nA -> B [k = 1]\n");
  llvm::Expected<ProbeSample> p = chooseProbeSample(*m);
  CHECK_FALSE(bool(p));
  llvm::consumeError(p.takeError());
}

TEST_CASE("firstRow selects features and classes as prepareData does",
          "[train]") {
  Dataset d;
  d.x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  d.target = {2, 0, 1};
  DataOptions o;
  RecordedSample all = unwrap(firstRow(d, o));
  CHECK(all.inputs == std::vector<double>{1, 2, 3});
  CHECK(all.target == 2);
  o.features = {2, 0};
  o.classes = {1, 0};
  o.divisor = 2;
  RecordedSample kept = unwrap(firstRow(d, o)); // the second row (label 0 -> 1)
  CHECK(kept.inputs == std::vector<double>{3, 2});
  CHECK(kept.target == 1);
  o.features = {3};
  llvm::Expected<RecordedSample> bad = firstRow(d, o);
  REQUIRE_FALSE(bool(bad));
  CHECK(llvm::toString(bad.takeError()) ==
        "feature 4 does not exist (the data has 3)");
}

// Each input's level over the rows kept, flux-weighted: sum x^2 / sum |x|.
// Column 1 of the three rows: (1 + 16 + 49) / (1 + 4 + 7) = 5.5; with the
// classes 1, 0 kept (rows 2 and 3), features 3, 1 and the divisor 2: the
// first kept column is (3, 4.5), 29.25 / 7.5 = 3.9; the second (2, 3.5),
// 16.25 / 5.5. A column of zeros has no level.
TEST_CASE("loadLevels gives each input's flux-weighted level", "[train]") {
  Dataset d;
  d.x = {{1, 2, 0}, {4, 5, 0}, {7, 8, 0}};
  d.target = {2, 0, 1};
  DataOptions o;
  auto all = loadLevels(d, o);
  CHECK(all.at("x:0") == Approx(5.5));
  CHECK(all.at("x:1") == Approx((4 + 25 + 64) / 15.0));
  CHECK(all.count("x:2") == 0);
  CHECK(all.count("target:0") == 0);
  d.x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  o.features = {2, 0};
  o.classes = {1, 0};
  o.divisor = 2;
  auto kept = loadLevels(d, o);
  CHECK(kept.at("x:0") == Approx(29.25 / 7.5));
  CHECK(kept.at("x:1") == Approx(16.25 / 5.5));
}

TEST_CASE("every model kind gets a probe its forward phase answers",
          "[train]") {
  for (const char *example :
       {"examples/nonlinear_classifier.crn", "examples/expert_aggregation.crn",
        "examples/iris_nonlinear.crn"}) {
    INFO(example);
    auto m = compileModel(readSourceFile(example));
    auto mi = unwrap(ModelInterface::fromModule(*m));
    ProbeSample p = unwrap(chooseProbeSample(*m));
    CHECK(p.sample.inputs == std::vector<double>(mi.inputs, 1.0));
    CHECK(std::isfinite(p.sample.target));
    // The worst label of a 0..1 output is at least 1/2 away: loss >= 1/8.
    CHECK(scoreOutputs(mi, p.outputs, p.sample.target).loss >= 0.125);
  }
}
