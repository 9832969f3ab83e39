//===- Reports.cpp - the files a training run writes ----------------------===//

#include "lib/train/Reports.h"
#include "lib/support/Format.h"
#include "lib/support/Json.h"

using namespace crnc;
using namespace crnc::train;

std::string train::metricsCsv(const TrainingResult &r, bool ref) {
  std::string out = "epoch,train_loss,train_accuracy,validation_loss,"
                    "validation_accuracy,seconds";
  if (ref)
    out += ",ref_train_loss,ref_train_accuracy,ref_validation_loss,"
           "ref_validation_accuracy";
  out += "\n";
  for (const EpochRecord &e : r.epochs) {
    out += std::to_string(e.epoch) + "," + formatNumber(e.train.loss) + "," +
           formatNumber(e.train.accuracy) + "," +
           formatNumber(e.validation.loss) + "," +
           formatNumber(e.validation.accuracy) + "," + formatNumber(e.seconds);
    if (ref)
      out += "," + formatNumber(e.refTrain->loss) + "," +
             formatNumber(e.refTrain->accuracy) + "," +
             formatNumber(e.refValidation->loss) + "," +
             formatNumber(e.refValidation->accuracy);
    out += "\n";
  }
  return out;
}

static Json metricsValue(const Metrics &m) {
  return Json{{"loss", jsonNumber(m.loss)},
              {"accuracy", jsonNumber(m.accuracy)},
              {"samples", m.samples}};
}

static Json epochValue(const EpochRecord &e) {
  Json epoch{{"epoch", e.epoch},
             {"train", metricsValue(e.train)},
             {"validation", metricsValue(e.validation)},
             {"seconds", jsonNumber(e.seconds)}};
  if (e.refTrain)
    epoch["reference"] = Json{{"train", metricsValue(*e.refTrain)},
                              {"validation", metricsValue(*e.refValidation)}};
  return epoch;
}

std::string train::metricsJson(const ModelInterface &mi,
                               const TrainingResult &r) {
  Json doc{{"model", mi.name},
           {"kind", ir::model::kindName(mi.kind).str()},
           {"task", taskName(mi.task).str()}};
  Json epochs = Json::array();
  for (const EpochRecord &e : r.epochs)
    epochs.push_back(epochValue(e));
  doc["epochs"] = std::move(epochs);
  doc["test"] = metricsValue(r.test);
  if (r.refTest)
    doc["reference_test"] = metricsValue(*r.refTest);
  doc["seconds_per_sample"] = jsonNumber(r.secondsPerSample);
  return doc.dump() + "\n";
}

std::string train::weightsCsv(const ModelInterface &mi,
                              llvm::ArrayRef<double> chem,
                              const FloatReference *ref) {
  std::vector<double> refW = ref ? ref->weightValues() : std::vector<double>();
  std::string out =
      ref ? "weight,chemical,reference,difference\n" : "weight,chemical\n";
  for (size_t i = 0; i < mi.weights.size(); ++i) {
    out += mi.weights[i].name + "," + formatNumber(chem[i]);
    if (ref)
      out +=
          "," + formatNumber(refW[i]) + "," + formatNumber(chem[i] - refW[i]);
    out += "\n";
  }
  return out;
}
