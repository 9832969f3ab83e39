//===- LabTrainingJSON.cpp - a lab-level training record as JSON ----------===//

#include "backends/json/LabTrainingJSON.h"
#include "lib/train/TrainingHistory.h"
#include <cmath>

using namespace crnc;
using namespace crnc::verify;

Json json::labTimeToJSON(const LabRecord &r) {
  return {
      {"hours_per_phase", jsonNumber(r.phaseSeconds / 3600)},
      {"hours_per_backward_phase", jsonNumber(r.backwardPhaseSeconds() / 3600)},
      {"hours_per_training_sample", jsonNumber(r.sampleHours())},
      {"training_samples", r.trainingSamples},
      {"training_hours", jsonNumber(r.trainingHours())},
      {"hours_per_evaluated_sample", jsonNumber(r.phaseSeconds / 3600)},
      {"evaluated_samples", r.evaluatedSamples}};
}

/// NaN (no validation rows) as null.
static Json value(double v) { return std::isnan(v) ? Json() : jsonNumber(v); }

static Json optionalValue(const std::optional<double> &v) {
  return v ? value(*v) : Json();
}

/// Per epoch, both networks (accuracies for classifiers only).
static Json epochsJSON(const LabRecord &r,
                       const std::optional<train::TrainingHistory> &model,
                       bool classifier) {
  Json epochs = Json::array();
  for (size_t i = 0; i < r.trainLoss.size(); ++i) {
    Json dna{{"train_loss", value(r.trainLoss[i])},
             {"validation_loss", value(r.validationLoss[i])}};
    if (classifier) {
      dna["train_accuracy"] = value(r.trainAccuracy[i]);
      dna["validation_accuracy"] = value(r.validationAccuracy[i]);
    }
    Json e{{"epoch", i + 1}, {"dna", std::move(dna)}};
    if (model && i < model->trainLoss.size()) {
      e["model"] = {{"train_loss", value(model->trainLoss[i])},
                    {"validation_loss", value(model->validationLoss[i])}};
      if (classifier)
        e["model"]["validation_accuracy"] = value(model->validationAccuracy[i]);
    }
    epochs.push_back(std::move(e));
  }
  return epochs;
}

static Json testJSON(const std::optional<double> &loss,
                     const std::optional<double> &accuracy, bool classifier) {
  Json j{{"loss", optionalValue(loss)}};
  if (classifier)
    j["accuracy"] = optionalValue(accuracy);
  return j;
}

static Json designJSON(const DesignIdentity &d) {
  return {{"scheme", d.scheme},
          {"structure", d.structure},
          {"nM_per_model_unit", jsonNumber(d.concScaleNM)},
          {"cmax_nM", jsonNumber(d.cmaxNM)},
          {"qmax_per_nM_s", jsonNumber(d.qmaxPerNMs)}};
}

Json json::dnaTrainingToJSON(const ir::Module &formal, llvm::StringRef scheme) {
  std::optional<LabRecord> r = readLabRecord(formal);
  if (!r || r->level != "dna")
    return nullptr;
  std::optional<train::TrainingHistory> model =
      train::readTrainingHistory(formal);
  std::vector<std::string> differences =
      designDifferences(r->design, designIdentity(formal, scheme));
  Json j{{"trained_design", designJSON(r->design)},
         {"network", r->network},
         {"fuels", r->finiteFuels ? "finite" : "held"},
         {"same_design", differences.empty()}};
  if (!differences.empty())
    j["differences"] = differences;
  bool classifier =
      ir::findAttribute(formal.attrs, "task").value_or("") != "regression";
  j["epochs"] = epochsJSON(*r, model, classifier);
  j["test"] = {{"dna", testJSON(r->testLoss, r->testAccuracy, classifier)}};
  if (model)
    j["test"]["model"] =
        testJSON(model->testLoss, model->testAccuracy, classifier);
  Json weights = Json::object();
  for (size_t i = 0; i < r->weights.size(); ++i)
    weights[r->weightNames[i]] = jsonNumber(r->weights[i]);
  j["dna_weights"] = std::move(weights);
  j["first_sample"] = {
      {"model_outputs", jsonNumbers(r->firstModelOutputs)},
      {"dna_outputs", jsonNumbers(r->firstOutputs)},
      {"model_weight_changes", jsonNumbers(r->firstModelChanges)},
      {"dna_weight_changes", jsonNumbers(r->firstChanges)}};
  if (r->lowestFuelFraction)
    j["lowest_fuel"] = {{"name", r->lowestFuelName},
                        {"fraction_left", jsonNumber(*r->lowestFuelFraction)}};
  j["lab_time"] = labTimeToJSON(*r);
  if (!r->pace.empty())
    j["pace"] = jsonNumbers(r->pace);
  return j;
}
