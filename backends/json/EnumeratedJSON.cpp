//===- EnumeratedJSON.cpp - an enumerated system as JSON ------------------===//

#include "backends/json/EnumeratedJSON.h"
#include "lib/dna/KernelNotation.h"

using namespace crnc;
using namespace crnc::enumerate;
using nlohmann::ordered_json;

static const char *unitsOf(size_t order) { return order == 1 ? "/s" : "/M/s"; }

ordered_json
crnc::json::enumeratedToJSON(const dna::Design &input,
                             const enumerate::EnumeratedSystem &sys) {
  ordered_json complexes = ordered_json::array();
  for (const EnumeratedComplex &c : sys.complexes) {
    ordered_json j;
    j["name"] = c.name;
    j["kernel"] = dna::printKernel(c.complex, input.domains);
    j["role"] = dna::complexRoleName(c.role).str();
    j["input"] = c.input.has_value();
    j["resting"] = c.resting;
    if (c.macrostate)
      j["macrostate"] = sys.macrostates[*c.macrostate].name;
    complexes.push_back(std::move(j));
  }
  auto names = [&](const std::vector<ComplexId> &ids) {
    ordered_json list = ordered_json::array();
    for (ComplexId id : ids)
      list.push_back(sys.complexes[id].name);
    return list;
  };
  ordered_json detailed = ordered_json::array();
  for (const DetailedReaction &r : sys.reactions)
    detailed.push_back({{"type", reactionKindName(r.kind).str()},
                        {"reactants", names(r.reactants)},
                        {"products", names(r.products)},
                        {"rate", r.rate},
                        {"units", unitsOf(r.reactants.size())},
                        {"fast", r.fast}});
  ordered_json macrostates = ordered_json::array();
  for (const RestingMacrostate &m : sys.macrostates)
    macrostates.push_back({{"name", m.name},
                           {"complexes", names(m.complexes)},
                           {"stationary", m.stationary}});
  auto msNames = [&](const std::vector<MacrostateId> &ids) {
    ordered_json list = ordered_json::array();
    for (MacrostateId id : ids)
      list.push_back(sys.macrostates[id].name);
    return list;
  };
  ordered_json condensed = ordered_json::array();
  for (const CondensedReaction &r : sys.condensed)
    condensed.push_back({{"reactants", msNames(r.reactants)},
                         {"products", msNames(r.products)},
                         {"rate", r.rate},
                         {"units", unitsOf(r.reactants.size())}});
  ordered_json doc;
  doc["complexes"] = std::move(complexes);
  doc["detailed_reactions"] = std::move(detailed);
  doc["resting_macrostates"] = std::move(macrostates);
  doc["condensed_reactions"] = std::move(condensed);
  return doc;
}
