//===- Reports.cpp - the files a training run writes ----------------------===//

#include "lib/train/Reports.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Format.h"
#include "lib/support/Json.h"
#include "lib/train/TrainingHistory.h"
#include <cmath>

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

std::unique_ptr<ir::Module> train::trainedModule(const ir::Module &m,
                                                 const ChemicalTrainer &chem,
                                                 unsigned epochs,
                                                 const TrainingResult &result) {
  auto out = std::make_unique<ir::Module>(m);
  std::vector<double> state(chem.state().begin(), chem.state().end());
  for (const SignalRef &w : chem.interface().weights) {
    std::vector<double> rails(state.size(), 0.0);
    w.store(rails, w.value(state));
    out->getSpecies(ir::SpeciesId(w.pos)).initial = rails[w.pos];
    if (w.neg)
      out->getSpecies(ir::SpeciesId(*w.neg)).initial = rails[*w.neg];
  }
  ir::model::set(out->attrs, ir::model::TrainedEpochs, uint64_t(epochs));
  recordTrainingHistory(*out, result);
  return out;
}

static void printEpochs(llvm::raw_ostream &os, const TrainingResult &r,
                        const ModelInterface &mi) {
  for (const EpochRecord &e : r.epochs) {
    os << "epoch " << e.epoch << ": train loss "
       << formatSignificant(e.train.loss, 5);
    if (e.validation.samples == 0)
      os << ", no validation rows";
    else
      os << ", validation loss " << formatSignificant(e.validation.loss, 5);
    if (mi.task != Task::Regression && e.validation.samples != 0)
      os << ", validation accuracy "
         << formatSignificant(100 * e.validation.accuracy, 4) << " %";
    os << " (" << formatSignificant(e.seconds, 3) << " s)\n";
  }
  if (r.test.samples == 0) {
    os << "test: no test rows; "
       << formatSignificant(1e3 * r.secondsPerSample, 3) << " ms per sample\n";
    return;
  }
  os << "test: loss " << formatSignificant(r.test.loss, 5);
  if (mi.task != Task::Regression)
    os << ", accuracy " << formatSignificant(100 * r.test.accuracy, 4) << " %";
  os << " on " << r.test.samples << " samples; "
     << formatSignificant(1e3 * r.secondsPerSample, 3) << " ms per sample\n";
}

void train::printSummary(llvm::raw_ostream &os, const TrainingResult &r,
                         const FloatReference *ref, const ModelInterface &mi,
                         llvm::ArrayRef<double> chemWeights) {
  printEpochs(os, r, mi);
  if (!ref)
    return;
  std::vector<double> refW = ref->weightValues();
  double worst = 0;
  for (size_t i = 0; i < refW.size(); ++i)
    worst = std::max(worst, std::abs(chemWeights[i] - refW[i]));
  if (r.test.samples == 0) {
    os << "reference: no test rows; largest |chemical - reference| weight "
          "difference "
       << formatSignificant(worst, 3) << "\n";
    return;
  }
  os << "reference: test loss " << formatSignificant(r.refTest->loss, 5);
  if (mi.task != Task::Regression)
    os << ", accuracy " << formatSignificant(100 * r.refTest->accuracy, 4)
       << " %";
  os << "; largest |chemical - reference| weight difference "
     << formatSignificant(worst, 3) << "\n";
}
