//===- DesignJSON.cpp - the whole domain-level design as JSON -------------===//

#include "backends/json/DesignJSON.h"
#include "lib/dna/KernelNotation.h"

using namespace crnc;
using namespace crnc::dna;
using nlohmann::ordered_json;

static ordered_json costJSON(const Cost &cost) {
  return ordered_json{{"complexes", cost.complexes},
                      {"strands", cost.strands},
                      {"nucleotides", cost.nucleotides},
                      {"strands_modulo_history", cost.strandsModuloHistory},
                      {"nucleotides_modulo_history",
                       cost.nucleotidesModuloHistory}};
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
  if (!c.formal.empty())
    j["formal"] = c.formal;
  if (c.concentration)
    j["concentration"] = *c.concentration;
  j["constant"] = c.constant;
  return j;
}

ordered_json crnc::json::designToJSON(const Design &design) {
  ordered_json doc;
  doc["scheme"] = design.scheme;
  doc["unit"] = concUnitName(design.unit).str();
  doc["formal_crn"] = design.formalReactions;
  ordered_json domains = ordered_json::array();
  for (const Domain &d : design.domains.all())
    domains.push_back({{"name", d.name},
                       {"length", d.length},
                       {"kind", domainKindName(d.kind).str()}});
  doc["domains"] = std::move(domains);
  ordered_json complexes = ordered_json::array();
  for (const NamedComplex &c : design.allComplexes())
    complexes.push_back(complexJSON(design, c));
  doc["complexes"] = std::move(complexes);
  DesignCosts costs = computeCosts(design);
  ordered_json modules = ordered_json::array();
  for (size_t i = 0; i < design.modules.size(); ++i) {
    ordered_json fuels = ordered_json::array();
    for (ComplexIndex f : design.modules[i].fuels)
      fuels.push_back(design.getComplex(f).name);
    modules.push_back({{"reaction", design.modules[i].equation},
                       {"fuels", std::move(fuels)},
                       {"cost", costJSON(costs.perModule[i])}});
  }
  doc["modules"] = std::move(modules);
  doc["costs"] = {{"signals", costJSON(costs.signals)},
                  {"total", costJSON(costs.total)}};
  return doc;
}

void crnc::json::writeDesignJSON(const Design &design, llvm::raw_ostream &os) {
  os << designToJSON(design).dump(2) << "\n";
}
