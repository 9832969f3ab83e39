//===- ReportJSON.cpp - the verification report as JSON -------------------===//
//
// The same figures as the HTML page, section by section; a section that did
// not run is {"not_run": "<reason>"}.
//
//===----------------------------------------------------------------------===//

#include "backends/report/Report.h"
#include "lib/support/Json.h"

using namespace crnc;
using namespace crnc::report;

const char *const report::sectionIds[10] = {
    "inputs",       "lowering",     "strands",  "crosstalk", "kinetics",
    "verification", "resimulation", "training", "costs",     "warnings"};

template <typename T, typename F>
static Json part(const Part<T> &p, F &&toJson) {
  if (!p.ran())
    return Json{{"not_run", p.notRun}};
  return toJson(*p);
}

static Json optionalNumber(const std::optional<double> &v) {
  return v ? jsonNumber(*v) : Json(nullptr);
}

static Json inputsJson(const Inputs &in) {
  Json species = Json::array();
  for (const SpeciesRow &s : in.species)
    species.push_back({{"name", s.name},
                       {"role", s.role},
                       {"initial_nM", jsonNumber(s.initialNM)},
                       {"constant", s.constant}});
  return {{"source", in.source},
          {"reactions", in.reactions},
          {"input_unit", in.inputUnit},
          {"scheme", in.scheme},
          {"temperature_C", jsonNumber(in.temperatureC)},
          {"na_mM", jsonNumber(in.sodiumMM)},
          {"mg_mM", jsonNumber(in.magnesiumMM)},
          {"cmax_nM", jsonNumber(in.cmaxNM)},
          {"qmax_per_M_s", jsonNumber(in.qmaxPerMS)},
          {"conc_scale_nM", jsonNumber(in.concScaleNM)},
          {"time_scale", jsonNumber(in.timeScale)},
          {"species", species}};
}

static Json loweringJson(const Lowering &l) {
  Json passes = Json::array();
  for (const PassRow &p : l.passes)
    passes.push_back({{"pass", p.pass},
                      {"summary", p.summary},
                      {"species", p.species},
                      {"reactions", p.reactions},
                      {"max_order", p.maxOrder},
                      {"seconds", jsonNumber(p.seconds)}});
  Json attrs = Json::object();
  for (const auto &[key, value] : l.attributes)
    attrs[key] = value;
  return {{"input",
           {{"species", l.inputSpecies},
            {"reactions", l.inputReactions},
            {"max_order", l.inputMaxOrder}}},
          {"passes", passes},
          {"attributes", attrs}};
}

static Json strandsJson(const Strands &s) {
  Json domains = Json::array(), strands = Json::array();
  for (const DomainRow &d : s.domains)
    domains.push_back({{"name", d.name},
                       {"kind", d.kind},
                       {"length", d.length},
                       {"sequence", d.sequence},
                       {"gc_percent", jsonNumber(d.gcPercent)},
                       {"dG_kcal", jsonNumber(d.dG)},
                       {"dG_error_kcal", optionalNumber(d.dGError)}});
  for (const StrandRow &r : s.strands)
    strands.push_back({{"name", r.name},
                       {"role", r.role},
                       {"domains", r.domains},
                       {"length", r.length},
                       {"gc_percent", jsonNumber(r.gcPercent)},
                       {"purification", r.purification},
                       {"sequence", r.sequence}});
  Json constraints = Json::array();
  for (const ConstraintRow &c : s.constraints)
    constraints.push_back({{"name", c.name},
                           {"unit", c.unit},
                           {"hard", c.hard},
                           {"checked", c.checked},
                           {"worst", jsonNumber(c.worst)},
                           {"limit", jsonNumber(c.limit)},
                           {"violations", c.violations}});
  return {{"toehold_target_dG_kcal", jsonNumber(s.toeholdTargetDG)},
          {"toehold_tolerance_kcal", jsonNumber(s.toeholdToleranceDG)},
          {"hard_violations", s.hardViolations},
          {"constraints", constraints},
          {"domains", domains},
          {"strands", strands}};
}

static Json crosstalkJson(const Crosstalk &c) {
  Json matrix = Json::array(), worst = Json::array();
  for (const std::vector<double> &row : c.dG)
    matrix.push_back(jsonNumbers(row));
  for (const Crosstalk::Pair &p : c.worst)
    worst.push_back({{"a", p.a}, {"b", p.b}, {"dG_kcal", jsonNumber(p.dG)}});
  return {{"strands_measured", c.strands},
          {"strands_ordered", c.ordered},
          {"pairs", c.pairs},
          {"subset", c.subset},
          {"labels", c.labels},
          {"dG_kcal", matrix},
          {"worst", worst}};
}

static Json kineticsJson(const Kinetics &k) {
  Json rows = Json::array();
  for (const KineticsRow &r : k.rows)
    rows.push_back(
        {{"reaction", r.equation},
         {"formal_rate", optionalNumber(r.formalRate)},
         {"formal_unit", r.formalUnit},
         {"q_per_M_s", jsonNumber(r.qPerMS)},
         {"toehold", r.toehold},
         {"toehold_dG_kcal", jsonNumber(r.toeholdDG)},
         {"predicted_per_M_s", jsonNumber(r.predictedPerMS)},
         {"ratio", jsonNumber(r.ratio)},
         {"gate_level", optionalNumber(r.gateLevel)},
         {"gate_unit", r.gateUnit},
         {"gate_toehold_nt", r.gateToeholdNt ? Json(*r.gateToeholdNt) : Json()},
         {"gate_toehold_mismatches", r.gateToeholdMismatches},
         {"gate_toehold_end_mismatch", r.gateToeholdEndMismatch},
         {"gate_toehold_wobble", r.gateToeholdWobble},
         {"realised_per_M_s", optionalNumber(r.realisedPerMS)},
         {"realised_ratio", optionalNumber(r.realisedRatio)}});
  return {{"model", k.model}, {"reactions", rows}};
}

static Json verificationJson(const Verification &v) {
  Json checks = Json::array();
  for (const Check &c : v.checks)
    checks.push_back({{"notion", c.notion},
                      {"verdict", c.verdict},
                      {"counterexample", c.counterexample}});
  return {{"checked_against", v.checkedAgainst},
          {"enumeration", v.enumeration},
          {"checks", checks},
          {"interpretation", v.interpretation}};
}

static Json resimulationJson(const Resimulation &r) {
  Json species = Json::array();
  for (const Trajectory &t : r.species)
    species.push_back({{"species", t.species},
                       {"deviation", jsonNumber(t.deviation)},
                       {"represented_by", t.representedBy},
                       {"formal", jsonNumbers(t.formal)},
                       {"dna", jsonNumbers(t.dna)}});
  return {{"max_deviation", jsonNumber(r.maxDeviation)},
          {"threshold", jsonNumber(r.threshold)},
          {"pass", r.pass},
          {"note", r.note},
          {"time_unit", r.timeUnit},
          {"concentration_unit", r.concUnit},
          {"times", jsonNumbers(r.times)},
          {"species", species}};
}

static Json dnaTrainingJson(const DnaTraining &d) {
  Json weights = Json::object();
  for (const auto &[name, value] : d.weights)
    weights[name] = jsonNumber(value);
  return {{"scheme", d.scheme},
          {"network", d.network},
          {"fuels", d.fuels},
          {"same_design", d.differences.empty()},
          {"differences", d.differences},
          {"train_loss", jsonNumbers(d.trainLoss)},
          {"validation_loss", jsonNumbers(d.validationLoss)},
          {"validation_accuracy", jsonNumbers(d.validationAccuracy)},
          {"test_loss", optionalNumber(d.testLoss)},
          {"test_accuracy", optionalNumber(d.testAccuracy)},
          {"weights", weights},
          {"first_sample",
           {{"formal_outputs", jsonNumbers(d.firstFormalOutputs)},
            {"dna_outputs", jsonNumbers(d.firstOutputs)},
            {"formal_weight_changes", jsonNumbers(d.firstFormalChanges)},
            {"dna_weight_changes", jsonNumbers(d.firstChanges)}}},
          {"lowest_fuel_fraction", optionalNumber(d.lowestFuelFraction)},
          {"lowest_fuel", d.lowestFuelName},
          {"lab_hours_per_phase", jsonNumber(d.hoursPerPhase)},
          {"lab_hours_per_backward_phase", jsonNumber(d.hoursPerBackwardPhase)},
          {"lab_hours_per_training_sample", jsonNumber(d.hoursPerSample)},
          {"training_samples", d.trainingSamples},
          {"lab_hours_of_training", jsonNumber(d.trainingHours)},
          {"evaluated_samples", d.evaluatedSamples}};
}

static Json trainingJson(const Training &t) {
  Json dnaAccuracy = !t.dna.ran() ? Json{{"not_run", t.dna.notRun}}
                                  : optionalNumber(t.dna->differences.empty()
                                                       ? t.dna->testAccuracy
                                                       : std::nullopt);
  return {{"task", t.task},
          {"train_loss", jsonNumbers(t.trainLoss)},
          {"validation_loss", jsonNumbers(t.validationLoss)},
          {"validation_accuracy", jsonNumbers(t.validationAccuracy)},
          {"test_loss", optionalNumber(t.testLoss)},
          {"formal_test_accuracy", optionalNumber(t.testAccuracy)},
          {"dna_test_accuracy", dnaAccuracy},
          {"dna", part(t.dna, dnaTrainingJson)}};
}

static Json costsJson(const Costs &c) {
  Json modules = Json::array();
  for (const Costs::ModuleCost &m : c.perModule)
    modules.push_back({{"reaction", m.equation},
                       {"strands", m.strands},
                       {"nucleotides", m.nucleotides}});
  return {{"complexes", c.complexes},
          {"strands", c.strands},
          {"nucleotides", c.nucleotides},
          {"signal_strands", c.signalStrands},
          {"signal_nucleotides", c.signalNucleotides},
          {"price_per_nt_usd", optionalNumber(c.pricePerNt)},
          {"order_cost_usd", optionalNumber(c.orderCost)},
          {"per_reaction", modules}};
}

void report::writeReportJSON(const ReportData &d, llvm::raw_ostream &os) {
  Summary s = summarize(d);
  Json doc = {
      {"name", d.name},
      {"summary", {{"status", statusName(s.status)}, {"reasons", s.reasons}}}};
  doc["inputs"] = inputsJson(d.inputs);
  doc["lowering"] = part(d.lowering, loweringJson);
  doc["strands"] = part(d.strands, strandsJson);
  doc["crosstalk"] = part(d.crosstalk, crosstalkJson);
  doc["kinetics"] = part(d.kinetics, kineticsJson);
  doc["verification"] = part(d.verification, verificationJson);
  doc["resimulation"] = part(d.resimulation, resimulationJson);
  doc["training"] = part(d.training, trainingJson);
  doc["costs"] = costsJson(d.costs);
  doc["warnings"] = d.warnings;
  os << doc.dump(1) << "\n";
}
