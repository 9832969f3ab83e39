//===- VerificationJSON.cpp - a verification outcome as JSON --------------===//

#include "backends/json/VerificationJSON.h"

using namespace crnc;
using namespace crnc::verify;

static Json checkToJSON(const CheckOutcome &c) {
  Json j;
  j["notion"] = c.notion;
  j["verdict"] = verdictName(c.verdict).str();
  if (!c.reason.empty())
    j["reason"] = c.reason;
  if (c.counterexample)
    j["counterexample"] = {{"condition", c.counterexample->condition},
                           {"reaction", c.counterexample->reaction},
                           {"message", c.counterexample->message}};
  j["seconds"] = jsonNumber(c.seconds);
  if (!c.method.empty())
    j["method"] = c.method;
  return j;
}

static Json deviationToJSON(const SpeciesDeviation &d) {
  Json j;
  j["species"] = d.species;
  j["represented_by"] = d.representedBy;
  j["deviation"] = jsonNumber(d.deviation);
  j["range"] = jsonNumber(d.range);
  j["worst_time"] = jsonNumber(d.time);
  if (!d.phase.empty())
    j["worst_phase"] = d.phase;
  if (d.firstBeyond) {
    j["first_beyond_threshold_time"] = jsonNumber(*d.firstBeyond);
    j["first_beyond_threshold_phase"] = d.firstBeyondPhase;
  }
  j["formal_at_worst"] = jsonNumber(d.formal);
  j["implementation_at_worst"] = jsonNumber(d.implementation);
  j["formal"] = jsonNumbers(d.formalSeries);
  j["implementation"] = jsonNumbers(d.implementationSeries);
  return j;
}

/// The verdict and the wall time after the other keys.
static Json resimulationBody(const ResimulationOutcome &r);
static Json resimulationToJSON(const ResimulationOutcome &r) {
  Json j = resimulationBody(r);
  j["verdict"] = r.verdict();
  j["wall_seconds"] = jsonNumber(r.wallSeconds);
  return j;
}

/// A model's sample read on the model network, the formal CRN and the DNA
/// design: per output and per weight change, the three values.
static Json readoutsJSON(const verify::ResimulationOutcome &r) {
  auto rows = [](const std::vector<std::string> &names,
                 const std::vector<double> &model,
                 const std::vector<double> &formal,
                 const std::vector<double> &dna) {
    Json out = Json::array();
    for (size_t i = 0; i < names.size() && i < model.size() &&
                       i < formal.size() && i < dna.size();
         ++i)
      out.push_back({{"name", names[i]},
                     {"model", jsonNumber(model[i])},
                     {"formal", jsonNumber(formal[i])},
                     {"dna", jsonNumber(dna[i])}});
    return out;
  };
  return Json{
      {"outputs", rows(r.outputNames, r.modelReadouts.outputs,
                       r.formalReadouts.outputs, r.dnaReadouts.outputs)},
      {"weight_changes",
       rows(r.weightNames, r.modelReadouts.weightChanges,
            r.formalReadouts.weightChanges, r.dnaReadouts.weightChanges)}};
}
static Json resimulationBody(const ResimulationOutcome &r) {
  Json j;
  j["ran"] = r.ran;
  if (!r.problem.empty())
    j["problem"] = r.problem;
  if (!r.notExercised.empty())
    j["not_exercised"] = r.notExercised;
  if (!r.unknown.empty())
    j["unknown"] = r.unknown;
  if (!r.sample.empty()) {
    j["sample"] = r.sample;
    j["phases"] = r.phaseNames;
    j["lab_seconds_per_phase"] = jsonNumber(r.phaseSeconds);
    j["time_axis"] = "lab seconds from the sample's presentation";
    j["sample_origin"] = r.sampleOrigin;
    if (!r.sampleChoice.empty())
      j["sample_choice"] = r.sampleChoice;
    j["readouts"] = readoutsJSON(r);
  }
  if (r.reference.empty())
    return j;
  j["reference"] = r.reference;
  j["interpretation"] = r.interpretation;
  j["t_end"] = jsonNumber(r.tEnd);
  j["time_scale_predicted"] = jsonNumber(r.timeScale);
  j["lab_seconds_per_model_time_unit"] = jsonNumber(r.labSecondsPerModelTime);
  j["conc_scale"] = jsonNumber(r.concScale);
  j["reference_unit"] = r.referenceUnit;
  j["implementation_unit"] = r.implementationUnit;
  j["threshold"] = jsonNumber(r.threshold);
  if (!r.ran)
    return j;
  j["pass"] = r.result.pass;
  j["max_deviation"] = jsonNumber(r.result.maxDeviation);
  j["worst_species"] = r.result.worstSpecies;
  j["time_scale"] = jsonNumber(r.result.timeScale);
  j["time_axis_source"] = r.result.timeAxisSource;
  if (!r.result.timeAxisProblem.empty())
    j["time_axis_problem"] = r.result.timeAxisProblem;
  if (r.result.formulaMaxDeviation)
    j["max_deviation_at_formula_time_scale"] =
        jsonNumber(*r.result.formulaMaxDeviation);
  j["max_deviation_at_predicted_time_scale"] =
      jsonNumber(r.result.predictedMaxDeviation);
  j["worst_species_at_predicted_time_scale"] = r.result.predictedWorstSpecies;
  if (r.result.fittedTimeScale) {
    j["time_scale_fitted"] = jsonNumber(*r.result.fittedTimeScale);
    j["max_deviation_at_fitted_time_scale"] =
        jsonNumber(r.result.fittedMaxDeviation);
  }
  j["times"] = jsonNumbers(r.result.times);
  Json species = Json::array();
  for (const SpeciesDeviation &d : r.result.species)
    species.push_back(deviationToJSON(d));
  j["species"] = std::move(species);
  return j;
}

Json json::verificationToJSON(const VerificationOutcome &o, Json dnaTraining) {
  Json j;
  j["scheme"] = o.scheme;
  j["formal_crn"] = o.formalCrn;
  j["checked_against"] = o.checkedAgainst;
  j["formal_fuels_removed"] = o.formalFuels;
  Json enumeration;
  enumeration["complete"] = o.enumerationStopped.empty();
  if (o.enumerationStopped.empty())
    enumeration["summary"] = o.enumeration;
  else
    enumeration["limit_hit"] = o.enumerationStopped;
  enumeration["implementation_species"] = o.implementationSpecies;
  enumeration["implementation_reactions"] = o.implementationReactions;
  j["enumeration"] = std::move(enumeration);
  Json checks = Json::array();
  for (const CheckOutcome &c : o.checks)
    checks.push_back(checkToJSON(c));
  j["checks"] = std::move(checks);
  if (!o.crosstalk.empty())
    j["crosstalk"] = o.crosstalk;
  j["interpretation_source"] = o.interpretationSource;
  Json interpretation = Json::object();
  for (const auto &[species, meaning] : o.interpretation)
    interpretation[species] = meaning;
  j["interpretation"] = std::move(interpretation);
  j["fuels"] = o.fuels;
  j["wastes"] = o.wastes;
  j["resimulation"] = resimulationToJSON(o.resimulation);
  j["dna_training"] = std::move(dnaTraining);
  return j;
}
