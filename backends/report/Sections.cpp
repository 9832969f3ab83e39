//===- Sections.cpp - the report's sections that copy compile results -----===//
//
// Inputs, lowering, domains and strands, costs and training: figures taken
// as the earlier stages computed them, converted to the report's units.
//
//===----------------------------------------------------------------------===//

#include "backends/report/ReportBuilder.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "lib/thermo/NearestNeighbor.h"
#include "lib/train/TrainingHistory.h"
#include "lib/verify/LabRecord.h"

using namespace crnc;
using namespace crnc::report;

RatesBefore report::snapshotRates(const ir::Module &module) {
  RatesBefore out;
  out.unit = concUnitName(module.unit).str();
  for (const ir::Reaction &r : module.allReactions())
    out.reactions.push_back(
        {r.rate, r.reverseRate, r.order(), r.productOrder()});
  return out;
}

static double attributeNumber(const ir::Module &m, llvm::StringRef key,
                              double fallback) {
  if (std::optional<llvm::StringRef> text = ir::findAttribute(m.attrs, key))
    if (std::optional<double> v = parseNumber(*text))
      return *v;
  return fallback;
}

/// "A + B -> C  k = 0.5" with the rate in the module's unit, and its phase.
static std::string reactionLine(const ir::Module &m, const ir::Reaction &r) {
  std::string line = ir::reactionEquation(m, r);
  if (r.phase != ir::NoPhase)
    line = "[" + m.allPhases()[r.phase].name + "] " + line;
  if (!r.reverseRate)
    return line + "   k = " + formatSignificant(r.rate, 6);
  return line + "   kf = " + formatSignificant(r.rate, 6) +
         ", kr = " + formatSignificant(*r.reverseRate, 6);
}

Inputs report::describeInputs(const ir::Module &input, const ir::Module &formal,
                              llvm::StringRef source, llvm::StringRef scheme,
                              const thermo::Conditions &conditions) {
  Inputs in;
  in.source = source.str();
  in.scheme = scheme.str();
  in.inputUnit = concUnitName(input.unit).str();
  for (const ir::Reaction &r : input.allReactions())
    in.reactions.push_back(reactionLine(input, r));
  in.temperatureC = conditions.temperatureC;
  in.sodiumMM = conditions.sodiumMilliMolar;
  in.magnesiumMM = conditions.magnesiumMilliMolar;
  in.cmaxNM = attributeNumber(formal, "cmax_nM", 0);
  in.qmaxPerMS = attributeNumber(formal, "qmax_per_nM_s", 0) * 1e9;
  in.concScaleNM = attributeNumber(formal, "conc_scale_nM", 1);
  in.timeScale = attributeNumber(formal, "time_scale", 1);
  for (const ir::Species &s : formal.allSpecies())
    in.species.push_back(
        {s.name, ir::roleName(s.role).str(), s.initial, s.constant});
  return in;
}

Lowering report::describeLowering(const ir::Module &input,
                                  std::vector<PassRow> passes,
                                  const ir::Module &formal) {
  Lowering l;
  l.inputSpecies = input.speciesCount();
  l.inputReactions = input.reactionCount();
  for (const ir::Reaction &r : input.allReactions())
    l.inputMaxOrder = std::max(
        {l.inputMaxOrder, r.order(), r.reverseRate ? r.productOrder() : 0u});
  l.passes = std::move(passes);
  for (const char *key :
       {"conc_scale_nM", "cmax_nM", "qmax_per_nM_s", "qmin_per_nM_s",
        "rate_time_scale", "sequestration", "time_scale"})
    if (std::optional<llvm::StringRef> v = ir::findAttribute(formal.attrs, key))
      l.attributes.push_back({key, v->str()});
  return l;
}

Strands
report::describeStrands(const sequences::SequenceDesign &seqs,
                        const sequences::DesignOptions &options,
                        const std::vector<protocol::OrderStrand> &ordered,
                        const protocol::OrderSettings &order) {
  Strands s;
  s.toeholdTargetDG = seqs.toeholdTargetDG;
  s.toeholdToleranceDG = options.toeholdToleranceDG;
  s.hardViolations = seqs.hardViolations;
  for (const sequences::ConstraintResult &c : seqs.constraints)
    s.constraints.push_back(
        {c.name, c.unit, c.hard, c.checked, c.worst, c.limit, c.violations});
  for (const sequences::DomainSequence &d : seqs.domains) {
    DomainRow row{d.name,      dna::domainKindName(d.kind).str(),
                  d.sequence,  unsigned(d.sequence.size()),
                  d.gcPercent, d.dGComplement,
                  std::nullopt};
    if (d.kind == dna::DomainKind::Toehold)
      row.dGError = d.dGComplement - seqs.toeholdTargetDG;
    s.domains.push_back(std::move(row));
  }
  for (const protocol::OrderStrand &o : ordered) {
    protocol::Purification p = protocol::purificationFor(o, order);
    double gc =
        thermo::isDNA(o.sequence) ? 100 * thermo::gcFraction(o.sequence) : 0;
    s.strands.push_back({o.name, protocol::strandRoleName(o.role).str(),
                         o.domains, o.sequence,
                         protocol::purificationCode(p).str(), o.length, gc});
  }
  return s;
}

Costs report::describeCosts(const dna::Design &design,
                            const dna::DesignCosts &costs,
                            std::optional<double> pricePerNt) {
  Costs c;
  c.complexes = costs.total.complexes;
  c.strands = costs.total.strands;
  c.nucleotides = costs.total.nucleotides;
  c.signalStrands = costs.signals.strands;
  c.signalNucleotides = costs.signals.nucleotides;
  for (size_t i = 0; i < costs.perModule.size() && i < design.modules.size();
       ++i)
    c.perModule.push_back({design.modules[i].equation,
                           costs.perModule[i].strands,
                           costs.perModule[i].nucleotides});
  c.pricePerNt = pricePerNt;
  if (pricePerNt)
    c.orderCost = *pricePerNt * double(c.nucleotides);
  return c;
}

/// The module's DNA-level record, or why there is none.
static Part<DnaTraining> describeDnaTraining(const ir::Module &formal,
                                             llvm::StringRef scheme) {
  std::optional<verify::LabRecord> r = verify::readLabRecord(formal);
  if (!r && ir::findAttribute(formal.attrs, "lab_level"))
    return Part<DnaTraining>::skipped(
        "the module's DNA-level record (its lab_* attributes) does not parse; "
        "train again with `crnc train --level dna`");
  if (!r || r->level != "dna")
    return Part<DnaTraining>::skipped(
        "`crnc compile` does not train; `crnc train model.crn --level dna "
        "-o dir/` trains the enumerated design and records it in "
        "dir/trained.crnir: compile that file");
  DnaTraining d;
  d.scheme = r->design.scheme;
  d.network = r->network;
  d.fuels = r->finiteFuels ? "finite (deplete)" : "held at their levels";
  d.trainLoss = r->trainLoss;
  d.validationLoss = r->validationLoss;
  d.validationAccuracy = r->validationAccuracy;
  d.testLoss = r->testLoss;
  if (ir::findAttribute(formal.attrs, "task").value_or("") != "regression")
    d.testAccuracy = r->testAccuracy;
  for (size_t i = 0; i < r->weights.size(); ++i)
    d.weights.emplace_back(r->weightNames[i], r->weights[i]);
  d.firstFormalOutputs = r->firstModelOutputs;
  d.firstOutputs = r->firstOutputs;
  d.firstFormalChanges = r->firstModelChanges;
  d.firstChanges = r->firstChanges;
  d.lowestFuelFraction = r->lowestFuelFraction;
  d.lowestFuelName = r->lowestFuelName;
  d.hoursPerPhase = r->phaseSeconds / 3600;
  d.hoursPerBackwardPhase = r->backwardPhaseSeconds() / 3600;
  d.hoursPerSample = r->sampleHours();
  d.trainingHours = r->trainingHours();
  d.trainingSamples = r->trainingSamples;
  d.evaluatedSamples = r->evaluatedSamples;
  d.differences = verify::designDifferences(
      r->design, verify::designIdentity(formal, scheme));
  return d;
}

Part<Training> report::describeTraining(const ir::Module &formal,
                                        llvm::StringRef scheme) {
  std::optional<llvm::StringRef> kind =
      ir::findAttribute(formal.attrs, "model_kind");
  if (!kind)
    return Part<Training>::skipped("not a learning network");
  std::optional<train::TrainingHistory> h = train::readTrainingHistory(formal);
  if (!h)
    return Part<Training>::skipped(
        "the module carries no training history: train it with `crnc train "
        "model.crn --data ... -o dir/` and compile dir/trained.crnir");
  Training t;
  t.task = ir::findAttribute(formal.attrs, "task").value_or("").str();
  t.trainLoss = h->trainLoss;
  t.validationLoss = h->validationLoss;
  t.validationAccuracy = h->validationAccuracy;
  t.testLoss = h->testLoss;
  t.testAccuracy = h->testAccuracy;
  t.dna = describeDnaTraining(formal, scheme);
  return t;
}
