// The training reports: metrics.json is one valid JSON document whose values
// are the run's (exact round trip), with the reference only when it ran;
// the CSV files have one row per epoch / weight.
#include "lib/train/Reports.h"
#include "ir/ModelAttributes.h"
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace crnc;
using namespace crnc::train;

static TrainingResult sampleResult(bool withReference) {
  TrainingResult r;
  EpochRecord e;
  e.epoch = 1;
  e.train = Metrics{0.34847948380691235, 0.7285714285714285, 70};
  e.validation = Metrics{0.1617235195717401, 1, 15};
  e.seconds = 0.125;
  if (withReference) {
    e.refTrain = Metrics{0.3484794844354357, 0.75, 70};
    e.refValidation = Metrics{0.25, 1, 15};
    r.refTest = Metrics{0.5, 0.5, 15};
  }
  r.epochs.push_back(e);
  r.test = Metrics{0.12119341020143055, 1, 15};
  r.secondsPerSample = 0.0013;
  return r;
}

static ModelInterface sampleInterface() {
  ModelInterface mi;
  mi.kind = ir::model::Kind::ExpertAggregation;
  mi.name = "tiny \"model\"";
  mi.task = Task::Multiclass;
  return mi;
}

TEST_CASE("metrics.json holds the run's values") {
  std::string text = metricsJson(sampleInterface(), sampleResult(true));
  REQUIRE(text.back() == '\n');
  nlohmann::json doc = nlohmann::json::parse(text);
  CHECK(doc["model"] == "tiny \"model\"");
  CHECK(doc["kind"] == "expert_aggregation");
  CHECK(doc["task"] == "multiclass");
  REQUIRE(doc["epochs"].size() == 1);
  const nlohmann::json &e = doc["epochs"][0];
  CHECK(e["epoch"] == 1);
  CHECK(e["train"]["loss"].get<double>() == 0.34847948380691235);
  CHECK(e["train"]["samples"] == 70);
  CHECK(e["validation"]["accuracy"] == 1);
  CHECK(e["reference"]["train"]["accuracy"].get<double>() == 0.75);
  CHECK(doc["test"]["loss"].get<double>() == 0.12119341020143055);
  CHECK(doc["reference_test"]["loss"].get<double>() == 0.5);
  CHECK(doc["seconds_per_sample"].get<double>() == 0.0013);
}

TEST_CASE("metrics.json and metrics.csv omit the reference that did not run") {
  TrainingResult r = sampleResult(false);
  nlohmann::json doc = nlohmann::json::parse(metricsJson(sampleInterface(), r));
  CHECK(!doc["epochs"][0].contains("reference"));
  CHECK(!doc.contains("reference_test"));
  CHECK(metricsCsv(r, false) ==
        "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
        "seconds\n1,0.34847948380691235,0.7285714285714285,"
        "0.1617235195717401,1,0.125\n");
}
