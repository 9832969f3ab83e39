//===- DesignJSON.cpp - the whole domain-level design as JSON -------------===//

#include "backends/json/DesignJSON.h"
#include "lib/dna/KernelNotation.h"

using namespace crnc;
using namespace crnc::dna;
using nlohmann::ordered_json;

static ordered_json costJSON(const Cost &cost) {
  return ordered_json{
      {"complexes", cost.complexes},
      {"strands", cost.strands},
      {"nucleotides", cost.nucleotides},
      {"strands_modulo_history", cost.strandsModuloHistory},
      {"nucleotides_modulo_history", cost.nucleotidesModuloHistory}};
}

static ordered_json complexJSON(const Design &design, const NamedComplex &c) {
  ordered_json strands = ordered_json::array();
  for (const Strand &s : c.complex.allStrands()) {
    ordered_json names = ordered_json::array();
    for (DomainRef d : s)
      names.push_back(design.domains.spell(d));
    strands.push_back(std::move(names));
  }
  DotParen dp = printDotParen(c.complex, design.domains);
  ordered_json j{{"name", c.name},
                 {"role", complexRoleName(c.role).str()},
                 {"kernel", printKernel(c.complex, design.domains)},
                 {"sequence", dp.sequence},
                 {"structure", dp.structure},
                 {"strands", std::move(strands)},
                 {"nucleotides", c.complex.nucleotides(design.domains)}};
  std::string mismatches = describeMismatches(c.complex, design.domains);
  if (!mismatches.empty())
    j["mismatches"] = mismatches;
  if (!c.formal.empty())
    j["formal"] = c.formal;
  if (c.concentration)
    j["concentration"] = *c.concentration;
  j["constant"] = c.constant;
  return j;
}

static ordered_json domainJSON(const Domain &d) {
  return ordered_json{{"name", d.name},
                      {"length", d.length},
                      {"kind", domainKindName(d.kind).str()}};
}

static ordered_json moduleJSON(const Design &design, const DesignCosts &costs,
                               size_t i) {
  ordered_json fuels = ordered_json::array();
  for (ComplexIndex f : design.modules[i].fuels)
    fuels.push_back(design.getComplex(f).name);
  return ordered_json{{"reaction", design.modules[i].equation},
                      {"fuels", std::move(fuels)},
                      {"cost", costJSON(costs.perModule[i])}};
}

/// Seconds per formal time unit, per phase, per training sample (the last
/// two only where the model defines them); null without a time scale.
static ordered_json labTimeJSON(const Design &design) {
  if (!design.labTime)
    return nullptr;
  const LabTime &t = *design.labTime;
  ordered_json j{{"seconds_per_time_unit", t.secondsPerTimeUnit}};
  if (t.secondsPerPhase)
    j["seconds_per_phase"] = *t.secondsPerPhase;
  if (t.secondsPerTrainingSample)
    j["seconds_per_training_sample"] = *t.secondsPerTrainingSample;
  if (!t.axis.empty()) {
    j["axis"] = t.axis;
    j["map_rates_seconds_per_time_unit"] = t.mapRatesSecondsPerTimeUnit;
  }
  return j;
}

static ordered_json costsJSON(const DesignCosts &costs) {
  return ordered_json{{"signals", costJSON(costs.signals)},
                      {"total", costJSON(costs.total)}};
}

ordered_json crnc::json::designToJSON(const Design &design) {
  ordered_json doc;
  doc["scheme"] = design.scheme;
  doc["unit"] = concUnitName(design.unit).str();
  doc["lab_time"] = labTimeJSON(design);
  doc["formal_crn"] = design.formalReactions;
  ordered_json domains = ordered_json::array();
  for (const Domain &d : design.domains.all())
    domains.push_back(domainJSON(d));
  doc["domains"] = std::move(domains);
  ordered_json complexes = ordered_json::array();
  for (const NamedComplex &c : design.allComplexes())
    complexes.push_back(complexJSON(design, c));
  doc["complexes"] = std::move(complexes);
  DesignCosts costs = computeCosts(design);
  ordered_json modules = ordered_json::array();
  for (size_t i = 0; i < design.modules.size(); ++i)
    modules.push_back(moduleJSON(design, costs, i));
  doc["modules"] = std::move(modules);
  doc["costs"] = costsJSON(costs);
  return doc;
}

namespace {
/// Writes `value` pretty-printed (two-space indent) as if it sat `depth`
/// levels deep in a larger document: nlohmann's layout, lines re-indented.
void writeNested(llvm::raw_ostream &os, const ordered_json &value,
                 unsigned depth) {
  std::string text = value.dump(2);
  std::string pad(2 * depth, ' ');
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos;
       nl = text.find('\n', start)) {
    os << llvm::StringRef(text).slice(start, nl + 1) << pad;
    start = nl + 1;
  }
  os << llvm::StringRef(text).substr(start);
}

/// `"key": value` one level deep; `last` omits the comma.
void writeMember(llvm::raw_ostream &os, llvm::StringRef key,
                 const ordered_json &value, bool last = false) {
  os << "  " << ordered_json(key.str()).dump() << ": ";
  writeNested(os, value, 1);
  os << (last ? "\n" : ",\n");
}

/// `"key": [ element(0), ... ]` one level deep, one element at a time.
template <typename Element>
void writeArrayMember(llvm::raw_ostream &os, llvm::StringRef key, size_t count,
                      Element element) {
  os << "  " << ordered_json(key.str()).dump() << ": ";
  if (count == 0) {
    os << "[],\n";
    return;
  }
  os << "[\n";
  for (size_t i = 0; i < count; ++i) {
    os << "    ";
    writeNested(os, element(i), 2);
    os << (i + 1 < count ? ",\n" : "\n");
  }
  os << "  ],\n";
}
} // namespace

/// The same text as designToJSON(design).dump(2), written one complex at a
/// time: a design of half a million complexes never exists as one JSON tree.
void crnc::json::writeDesignJSON(const Design &design, llvm::raw_ostream &os) {
  writeDesignJSON(design, computeCosts(design), os);
}

void crnc::json::writeDesignJSON(const Design &design, const DesignCosts &costs,
                                 llvm::raw_ostream &os) {
  os << "{\n";
  writeMember(os, "scheme", design.scheme);
  writeMember(os, "unit", concUnitName(design.unit).str());
  writeMember(os, "lab_time", labTimeJSON(design));
  writeMember(os, "formal_crn", design.formalReactions);
  auto domains = design.domains.all();
  writeArrayMember(os, "domains", domains.size(),
                   [&](size_t i) { return domainJSON(domains[i]); });
  auto complexes = design.allComplexes();
  writeArrayMember(os, "complexes", complexes.size(),
                   [&](size_t i) { return complexJSON(design, complexes[i]); });
  writeArrayMember(os, "modules", design.modules.size(),
                   [&](size_t i) { return moduleJSON(design, costs, i); });
  writeMember(os, "costs", costsJSON(costs), /*last=*/true);
  os << "}\n";
}
