//===- SBMLWriter.cpp - an ir::Module as SBML Level 3 Version 2 -----------===//
//
// Builds the libSBML document object by object (units, the compartment,
// species, one rate-constant parameter per reaction direction, mass-action
// kinetic laws) and serialises it. See SBML.h for the model's conventions.
//
//===----------------------------------------------------------------------===//

#include "backends/sbml/SBML.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringSet.h"
#include <cstdlib>
#include <sbml/SBMLTypes.h>

using namespace crnc;

namespace {

/// Hands out SBML identifiers: the wanted name when it is a valid SId and
/// free, else a sanitised, numbered variant. SIds share one namespace.
class IdAllocator {
public:
  std::string get(llvm::StringRef wanted) {
    std::string base;
    for (char c : wanted)
      base += (llvm::isAlnum(c) || c == '_') ? c : '_';
    if (base.empty() || llvm::isDigit(base.front()))
      base = "_" + base;
    std::string id = base;
    for (unsigned n = 1; used.count(id); ++n)
      id = base + "_" + std::to_string(n);
    used.insert(id);
    return id;
  }

private:
  llvm::StringSet<> used;
};

/// Unit definition ids for concentration^power / second (power may be 0).
std::string rateUnitId(int concPower) {
  if (concPower == 0)
    return "per_second";
  if (concPower > 0)
    return "conc_per_second";
  return "per_conc" + (concPower == -1 ? "" : std::to_string(-concPower)) +
         "_per_second";
}

void addUnit(UnitDefinition *def, UnitKind_t kind, double exponent,
             int scale = 0) {
  Unit *u = def->createUnit();
  u->setKind(kind);
  u->setExponent(exponent);
  u->setScale(scale);
  u->setMultiplier(1);
}

class Writer {
public:
  Writer(const ir::Module &module) : module(module), doc(3, 2) {}
  std::string run();

private:
  void declareUnits();
  void declareRateUnit(int concPower);
  void addSpecies();
  void addReaction(const ir::Reaction &r, size_t index);
  std::string massAction(const ir::TermList &terms) const;
  std::string addRateParameter(llvm::StringRef prefix, size_t index,
                               double value, unsigned order);

  const ir::Module &module;
  SBMLDocument doc;
  Model *model = nullptr;
  IdAllocator ids;
  std::string compartment;
  std::vector<std::string> speciesIds;
  std::vector<std::string> phaseIds;
  llvm::StringSet<> rateUnits;
  bool hasUnit() const { return module.unit != ConcUnit::None; }
};

} // namespace

void Writer::declareUnits() {
  if (!hasUnit())
    return;
  UnitDefinition *substance = model->createUnitDefinition();
  substance->setId("substance");
  substance->setName((concUnitName(module.unit) + " x litre").str());
  addUnit(substance, UNIT_KIND_MOLE, 1, concUnitExponent(module.unit));
  UnitDefinition *conc = model->createUnitDefinition();
  conc->setId(concUnitName(module.unit).str());
  addUnit(conc, UNIT_KIND_MOLE, 1, concUnitExponent(module.unit));
  addUnit(conc, UNIT_KIND_LITRE, -1);
  model->setSubstanceUnits("substance");
  model->setExtentUnits("substance");
  model->setVolumeUnits("litre");
  model->setTimeUnits("second");
}

void Writer::declareRateUnit(int concPower) {
  std::string id = rateUnitId(concPower);
  if (!hasUnit() || !rateUnits.insert(id).second)
    return;
  UnitDefinition *def = model->createUnitDefinition();
  def->setId(id);
  if (concPower != 0) {
    addUnit(def, UNIT_KIND_MOLE, concPower, concUnitExponent(module.unit));
    addUnit(def, UNIT_KIND_LITRE, -concPower);
  }
  addUnit(def, UNIT_KIND_SECOND, -1);
}

void Writer::addSpecies() {
  for (const ir::Species &s : module.allSpecies()) {
    Species *sp = model->createSpecies();
    speciesIds.push_back(ids.get(s.name));
    sp->setId(speciesIds.back());
    sp->setName(s.name);
    sp->setCompartment(compartment);
    sp->setInitialConcentration(s.initial);
    if (hasUnit())
      sp->setSubstanceUnits("substance");
    sp->setHasOnlySubstanceUnits(false);
    sp->setBoundaryCondition(s.constant);
    sp->setConstant(s.constant);
  }
}

std::string Writer::addRateParameter(llvm::StringRef prefix, size_t index,
                                     double value, unsigned order) {
  Parameter *p = model->createParameter();
  p->setId(ids.get((prefix + llvm::Twine(index)).str()));
  p->setValue(value);
  p->setConstant(true);
  int concPower = 1 - int(order);
  declareRateUnit(concPower);
  if (hasUnit())
    p->setUnits(rateUnitId(concPower));
  return p->getId();
}

/// "A^2 * B" for 2A + B; "" for no reactants.
std::string Writer::massAction(const ir::TermList &terms) const {
  std::string text;
  for (const ir::Term &t : terms) {
    text += " * " + speciesIds[t.species];
    if (t.count != 1)
      text += "^" + std::to_string(t.count);
  }
  return text;
}

static void addReferences(Reaction *rx, const ir::TermList &terms,
                          const std::vector<std::string> &speciesIds,
                          bool reactants) {
  for (const ir::Term &t : terms) {
    SpeciesReference *ref =
        reactants ? rx->createReactant() : rx->createProduct();
    ref->setSpecies(speciesIds[t.species]);
    ref->setStoichiometry(t.count);
    ref->setConstant(true);
  }
}

void Writer::addReaction(const ir::Reaction &r, size_t index) {
  Reaction *rx = model->createReaction();
  rx->setId(ids.get("r" + std::to_string(index)));
  rx->setReversible(r.isReversible());
  addReferences(rx, r.reactants, speciesIds, true);
  addReferences(rx, r.products, speciesIds, false);
  std::string law = addRateParameter("k_", index, r.rate, r.order()) +
                    massAction(r.reactants);
  if (r.isReversible())
    law = "(" + law + " - " +
          addRateParameter("kr_", index, *r.reverseRate, r.productOrder()) +
          massAction(r.products) + ")";
  std::string prefix = compartment + " * ";
  if (r.phase != ir::NoPhase)
    prefix += phaseIds[r.phase] + " * ";
  ASTNode *math = SBML_parseL3Formula((prefix + law).c_str());
  assert(math && "crnc writes formulas libSBML parses");
  rx->createKineticLaw()->setMath(math);
  delete math;
}

/// XHTML notes: what the file is and the module's attributes (map-rates'
/// time and concentration scales, the model kind, ...).
static std::string notes(const ir::Module &module) {
  std::string text =
      "<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>CRN '" +
      escapeMarkup(module.name) +
      "' written by crnc: mass-action kinetics, time in "
      "seconds" +
      (module.unit == ConcUnit::None
           ? std::string(", dimensionless concentrations")
           : ", concentrations in " + concUnitName(module.unit).str()) +
      ".</p>";
  if (!module.attrs.empty()) {
    text += "<ul>";
    for (const ir::Attribute &a : module.attrs)
      text += "<li>" + escapeMarkup(a.key) + " = " + escapeMarkup(a.value) +
              "</li>";
    text += "</ul>";
  }
  return text + "</body>";
}

std::string Writer::run() {
  model = doc.createModel();
  model->setId(ids.get(module.name));
  model->setName(module.name);
  model->setNotes(notes(module));
  declareUnits();
  Compartment *c = model->createCompartment();
  compartment = ids.get("solution");
  c->setId(compartment);
  c->setSpatialDimensions(3.0);
  c->setSize(1);
  c->setConstant(true);
  if (hasUnit())
    c->setUnits("litre");
  addSpecies();
  for (const ir::Parameter &p : module.allParameters()) {
    Parameter *param = model->createParameter();
    param->setId(ids.get(p.name));
    param->setName(p.name);
    param->setValue(p.value);
    param->setConstant(true);
  }
  for (const ir::Phase &phase : module.allPhases()) {
    Parameter *param = model->createParameter();
    phaseIds.push_back(ids.get("phase_" + phase.name));
    param->setId(phaseIds.back());
    param->setName(phase.name);
    param->setValue(1);
    param->setConstant(false);
  }
  for (size_t i = 0; i < module.reactionCount(); ++i)
    addReaction(module.allReactions()[i], i + 1);
  SBMLWriter writer;
  char *text = writer.writeSBMLToString(&doc);
  std::string out(text ? text : "");
  free(text);
  return out;
}

std::string sbml::writeSBML(const ir::Module &module) {
  return Writer(module).run();
}

std::string sbml::checkSBMLConsistency(llvm::StringRef text) {
  SBMLReader reader;
  std::unique_ptr<SBMLDocument> doc(
      reader.readSBMLFromString(text.str().c_str()));
  // Modeling-practice checks report warnings only and take most of the time.
  doc->setConsistencyChecks(LIBSBML_CAT_MODELING_PRACTICE, false);
  doc->checkConsistency();
  std::string problems;
  for (unsigned i = 0; i < doc->getNumErrors(); ++i) {
    const SBMLError *e = doc->getError(i);
    if (e->isError() || e->isFatal())
      problems += "line " + std::to_string(e->getLine()) + ": " +
                  e->getMessage() + "\n";
  }
  return problems;
}
