//===- SBMLReader.cpp - SBML mass-action models into an ir::Module --------===//
//
// Parses with libSBML, then reads each kinetic law as a polynomial (sums of
// products of numbers, parameters, species powers) and accepts it when it is
// the mass-action law of its reaction: one term k * prod(reactants) (minus
// kr * prod(products) for a reversible law), times the compartment volume
// and at most one `phase_<p>` factor. Everything else is a located error.
//
//===----------------------------------------------------------------------===//

#include "backends/sbml/SBML.h"
#include "lib/support/Format.h"
#include "lib/support/Lexer.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <sbml/SBMLTypes.h>

using namespace crnc;

namespace {

/// coefficient * prod(name^exponent)
struct Monomial {
  double coefficient = 1;
  std::map<std::string, int> powers;
};
using Polynomial = std::vector<Monomial>;

Monomial multiply(const Monomial &a, const Monomial &b) {
  Monomial m = a;
  m.coefficient *= b.coefficient;
  for (auto &[name, power] : b.powers)
    if ((m.powers[name] += power) == 0)
      m.powers.erase(name);
  return m;
}

std::optional<int> integerValue(const ASTNode *node) {
  if (!node->isNumber())
    return std::nullopt;
  double v = node->getValue();
  if (v != double(int(v)))
    return std::nullopt;
  return int(v);
}

/// Expands `node` into a sum of monomials; nullopt for anything else.
std::optional<Polynomial> expand(const ASTNode *node) {
  if (node->isNumber())
    return Polynomial{Monomial{node->getValue(), {}}};
  if (node->isName())
    return Polynomial{Monomial{1, {{node->getName(), 1}}}};
  ASTNodeType_t type = node->getType();
  if (type == AST_POWER || type == AST_FUNCTION_POWER) {
    std::optional<int> exponent = integerValue(node->getChild(1));
    if (node->getNumChildren() != 2 || !node->getChild(0)->isName() ||
        !exponent)
      return std::nullopt;
    return Polynomial{Monomial{1, {{node->getChild(0)->getName(), *exponent}}}};
  }
  std::vector<Polynomial> parts;
  for (unsigned i = 0; i < node->getNumChildren(); ++i) {
    std::optional<Polynomial> p = expand(node->getChild(i));
    if (!p)
      return std::nullopt;
    parts.push_back(std::move(*p));
  }
  if (type == AST_PLUS || (type == AST_MINUS && parts.size() == 2)) {
    Polynomial sum = parts[0];
    for (Monomial m : parts[1]) {
      m.coefficient *= type == AST_MINUS ? -1 : 1;
      sum.push_back(m);
    }
    for (size_t i = 2; i < parts.size(); ++i)
      sum.insert(sum.end(), parts[i].begin(), parts[i].end());
    return sum;
  }
  if (type == AST_MINUS && parts.size() == 1) {
    for (Monomial &m : parts[0])
      m.coefficient = -m.coefficient;
    return parts[0];
  }
  if (type == AST_TIMES || (type == AST_DIVIDE && parts.size() == 2)) {
    if (type == AST_DIVIDE) { // only a monomial divisor
      if (parts[1].size() != 1 || parts[1][0].coefficient == 0)
        return std::nullopt;
      parts[1][0].coefficient = 1 / parts[1][0].coefficient;
      for (auto &entry : parts[1][0].powers)
        entry.second = -entry.second;
    }
    Polynomial product{Monomial{}};
    for (const Polynomial &p : parts) {
      Polynomial next;
      for (const Monomial &a : product)
        for (const Monomial &b : p)
          next.push_back(multiply(a, b));
      product = std::move(next);
    }
    return product;
  }
  return std::nullopt;
}

class Reader {
public:
  Reader(DiagnosticEngine &diags, llvm::StringRef file)
      : diags(diags), file(file) {}
  std::unique_ptr<ir::Module> run(const Model &model);

private:
  Location at(const SBase *element) const {
    return Location::get(file, element->getLine(), element->getColumn());
  }
  bool fail(const SBase *element, const llvm::Twine &message) {
    diags.error(at(element), message);
    return false;
  }
  bool rejectUnsupported(const Model &model);
  bool readCompartment(const Model &model);
  bool readSpecies(const Model &model);
  bool readReaction(const Model &model, const ::Reaction &rx);
  bool readTerms(const ::Reaction &rx, bool reactants, ir::TermList &terms);
  std::optional<double> rateOf(const ::Reaction &rx, const Monomial &term,
                               const ir::TermList &expected,
                               ir::PhaseId &phase);
  ConcUnit unitOf(const Model &model) const;

  DiagnosticEngine &diags;
  std::string file;
  std::unique_ptr<ir::Module> module;
  std::string compartmentId;
  double volume = 1;
  std::map<std::string, ir::SpeciesId> speciesById;
  std::map<std::string, double> parameters;
  std::map<std::string, std::string> phaseParameters; ///< id -> phase name
};

} // namespace

bool Reader::rejectUnsupported(const Model &model) {
  auto reject = [&](unsigned count, const SBase *first, llvm::StringRef what) {
    if (count == 0)
      return true;
    return fail(first, what + " are not supported (the model has " +
                           llvm::Twine(count) +
                           "); crnc reads mass-action reaction networks only");
  };
  return reject(model.getNumRules(), model.getRule(0u), "rules") &&
         reject(model.getNumEvents(), model.getEvent(0u), "events") &&
         reject(model.getNumConstraints(), model.getConstraint(0u),
                "constraints") &&
         reject(model.getNumInitialAssignments(),
                model.getInitialAssignment(0u), "initial assignments") &&
         reject(model.getNumFunctionDefinitions(),
                model.getFunctionDefinition(0u), "function definitions");
}

bool Reader::readCompartment(const Model &model) {
  if (model.getNumCompartments() != 1)
    return fail(&model, "the model has " +
                            llvm::Twine(model.getNumCompartments()) +
                            " compartments; crnc reads one");
  const Compartment *c = model.getCompartment(0u);
  compartmentId = c->getId();
  volume = c->isSetSize() ? c->getSize() : 1;
  if (!(volume > 0))
    return fail(c, "compartment '" + compartmentId + "' needs a positive size");
  return true;
}

/// The concentration unit: substance mole x 10^e per litre, else none.
ConcUnit Reader::unitOf(const Model &model) const {
  std::string substance = model.getSubstanceUnits();
  if (model.getNumSpecies() > 0 && model.getSpecies(0u)->isSetSubstanceUnits())
    substance = model.getSpecies(0u)->getSubstanceUnits();
  if (substance == "mole")
    return ConcUnit::M;
  const UnitDefinition *def = model.getUnitDefinition(substance);
  if (!def || def->getNumUnits() != 1)
    return ConcUnit::None;
  const Unit *u = def->getUnit(0u);
  if (!u->isMole() || u->getExponent() != 1 || u->getMultiplier() != 1)
    return ConcUnit::None;
  for (ConcUnit unit :
       {ConcUnit::M, ConcUnit::mM, ConcUnit::uM, ConcUnit::nM, ConcUnit::pM})
    if (concUnitExponent(unit) == u->getScale())
      return unit;
  return ConcUnit::None;
}

/// The crnc name of an element: its name when that is a free identifier.
static std::string nameOf(const SBase &element, const ir::Module &module) {
  const std::string &name = element.getName();
  if (isIdentifier(name) && !module.lookupSpecies(name))
    return name;
  return element.getId();
}

bool Reader::readSpecies(const Model &model) {
  for (unsigned i = 0; i < model.getNumSpecies(); ++i) {
    const ::Species *sp = model.getSpecies(i);
    ir::Species s;
    s.name = nameOf(*sp, *module);
    if (module->lookupSpecies(s.name))
      return fail(sp, "two species are named '" + s.name + "'");
    if (sp->isSetInitialConcentration())
      s.initial = sp->getInitialConcentration();
    else if (sp->isSetInitialAmount())
      s.initial = sp->getInitialAmount() / volume;
    else
      diags.warning(at(sp), "species '" + sp->getId() +
                                "' has no initial value; taking 0");
    if (sp->getHasOnlySubstanceUnits() && volume != 1)
      return fail(sp, "species '" + sp->getId() +
                          "' is in amounts (hasOnlySubstanceUnits) in a "
                          "compartment of size " +
                          formatNumber(volume) +
                          "; crnc reads concentrations, or amounts in a "
                          "compartment of size 1");
    s.constant = sp->getBoundaryCondition() || sp->getConstant();
    s.isSigned = s.initial < 0;
    s.loc = at(sp);
    speciesById[sp->getId()] = module->addSpecies(std::move(s));
  }
  return true;
}

bool Reader::readTerms(const ::Reaction &rx, bool reactants,
                       ir::TermList &terms) {
  unsigned n = reactants ? rx.getNumReactants() : rx.getNumProducts();
  for (unsigned i = 0; i < n; ++i) {
    const SpeciesReference *ref =
        reactants ? rx.getReactant(i) : rx.getProduct(i);
    double stoich = ref->isSetStoichiometry() ? ref->getStoichiometry() : 1;
    auto it = speciesById.find(ref->getSpecies());
    if (it == speciesById.end())
      return fail(ref, "unknown species '" + ref->getSpecies() + "'");
    if (!(stoich >= 1) || stoich != double(unsigned(stoich)))
      return fail(ref, "stoichiometry " + formatNumber(stoich) + " of '" +
                           ref->getSpecies() + "' is not a positive integer");
    terms.push_back(ir::Term{it->second, unsigned(stoich)});
  }
  ir::normalizeTerms(terms);
  return true;
}

/// The rate constant of one mass-action term, whose species powers must be
/// those of `expected`; sets `phase` from a phase factor.
std::optional<double> Reader::rateOf(const ::Reaction &rx, const Monomial &term,
                                     const ir::TermList &expected,
                                     ir::PhaseId &phase) {
  double k = std::abs(term.coefficient);
  int compartmentPower = 0;
  std::map<ir::SpeciesId, int> powers;
  const KineticLaw *law = rx.getKineticLaw();
  for (auto &[name, power] : term.powers) {
    if (name == compartmentId) {
      compartmentPower = power;
    } else if (auto s = speciesById.find(name); s != speciesById.end()) {
      powers[s->second] = power;
    } else if (auto p = phaseParameters.find(name);
               p != phaseParameters.end() && power == 1) {
      phase = module->lookupPhase(p->second).value_or(ir::NoPhase);
    } else if (const LocalParameter *lp = law->getLocalParameter(name)) {
      k *= std::pow(lp->getValue(), power);
    } else if (auto g = parameters.find(name); g != parameters.end()) {
      k *= std::pow(g->second, power);
    } else {
      fail(law, "kinetic law of reaction '" + rx.getId() + "' uses '" + name +
                    "', which is not a species or parameter");
      return std::nullopt;
    }
  }
  std::map<ir::SpeciesId, int> wanted;
  for (const ir::Term &t : expected)
    wanted[t.species] = int(t.count);
  if (powers != wanted || compartmentPower > 1 || compartmentPower < 0) {
    fail(law, "kinetic law of reaction '" + rx.getId() +
                  "' is not mass action (k times each reactant to the power "
                  "of its stoichiometry" +
                  (compartmentPower ? ", times the compartment)" : ")"));
    return std::nullopt;
  }
  return compartmentPower == 1 ? k : k / volume;
}

bool Reader::readReaction(const Model &model, const ::Reaction &rx) {
  (void)model;
  ir::Reaction r;
  r.loc = at(&rx);
  if (!readTerms(rx, true, r.reactants) || !readTerms(rx, false, r.products))
    return false;
  const KineticLaw *law = rx.getKineticLaw();
  if (!law || !law->isSetMath())
    return fail(&rx, "reaction '" + rx.getId() + "' has no kinetic law");
  std::optional<Polynomial> poly = expand(law->getMath());
  if (!poly || poly->empty() || poly->size() > 2 ||
      (*poly)[0].coefficient < 0 ||
      (poly->size() == 2 && (*poly)[1].coefficient > 0))
    return fail(law, "kinetic law of reaction '" + rx.getId() +
                         "' is not mass action (one term, or forward minus "
                         "reverse)");
  ir::PhaseId phase = ir::NoPhase, reversePhase = ir::NoPhase;
  std::optional<double> k = rateOf(rx, (*poly)[0], r.reactants, phase);
  if (!k)
    return false;
  r.rate = *k;
  if (poly->size() == 2) {
    std::optional<double> kr = rateOf(rx, (*poly)[1], r.products, reversePhase);
    if (!kr)
      return false;
    if (reversePhase != phase)
      return fail(law, "the two directions of reaction '" + rx.getId() +
                           "' have different phase factors");
    r.reverseRate = *kr;
  }
  r.phase = phase;
  module->addReaction(std::move(r));
  return true;
}

std::unique_ptr<ir::Module> Reader::run(const Model &model) {
  module = std::make_unique<ir::Module>(
      isIdentifier(model.getName()) ? model.getName() : model.getId());
  module->unit = unitOf(model);
  if (!rejectUnsupported(model) || !readCompartment(model) ||
      !readSpecies(model))
    return nullptr;
  for (unsigned i = 0; i < model.getNumParameters(); ++i) {
    const ::Parameter *p = model.getParameter(i);
    if (!p->getConstant() && llvm::StringRef(p->getId()).startswith("phase_")) {
      std::string name = p->isSetName() ? p->getName() : p->getId().substr(6);
      phaseParameters[p->getId()] = name;
      module->addPhase(ir::Phase{name, {}, at(p)});
      continue;
    }
    parameters[p->getId()] = p->getValue();
  }
  bool ok = true;
  for (unsigned i = 0; i < model.getNumReactions(); ++i)
    ok &= readReaction(model, *model.getReaction(i));
  return ok ? std::move(module) : nullptr;
}

std::unique_ptr<ir::Module> sbml::readSBML(unsigned bufferId,
                                           DiagnosticEngine &diags) {
  const llvm::MemoryBuffer *buffer =
      diags.sourceMgr().getMemoryBuffer(bufferId);
  std::string file = buffer->getBufferIdentifier().str();
  SBMLReader reader;
  std::unique_ptr<SBMLDocument> doc(
      reader.readSBMLFromString(buffer->getBuffer().str().c_str()));
  bool failed = false;
  for (unsigned i = 0; i < doc->getNumErrors(); ++i) {
    const SBMLError *e = doc->getError(i);
    if (!e->isError() && !e->isFatal())
      continue;
    diags.error(Location::get(file, e->getLine(), e->getColumn()),
                "SBML: " + llvm::StringRef(e->getShortMessage()).lower() +
                    ": " + llvm::StringRef(e->getMessage()).trim());
    failed = true;
  }
  if (failed)
    return nullptr;
  if (!doc->getModel()) {
    diags.error(Location::get(file, 1, 1), "the SBML document has no model");
    return nullptr;
  }
  return Reader(diags, file).run(*doc->getModel());
}
