//===- IRGen.cpp - semantic checks and IR generation ----------------------===//

#include "compiler/frontend/IRGen.h"
#include "compiler/frontend/ModelLowering.h"
#include "compiler/frontend/ValueEvaluator.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringSet.h"

using namespace crnc;
using namespace crnc::frontend;

namespace {

class IRGenerator {
public:
  IRGenerator(const ProgramAST &program, llvm::StringRef defaultName,
              DiagnosticEngine &diags)
      : program(program), diags(diags),
        module(std::make_unique<ir::Module>(defaultName.str())),
        evaluator(ConcUnit::None, diags) {}

  std::unique_ptr<ir::Module> run();

private:
  template <typename T, typename F> void forEach(F &&f) {
    for (const StatementAST &s : program.statements)
      if (const T *node = std::get_if<T>(&s))
        f(*node);
  }
  void error(llvm::SMRange range, const llvm::Twine &message) {
    diags.report(Severity::Error, range.Start, message, {range});
  }
  void note(llvm::SMLoc loc, const llvm::Twine &message) {
    diags.report(Severity::Note, loc, message);
  }
  Location locOf(llvm::SMLoc loc) const { return diags.locationOf(loc); }

  void chooseNameAndUnit();
  bool programWritesUnits() const;
  void declareParameter(const ParamDeclAST &decl);
  void declarePhase(const PhaseDeclAST &decl);
  void lowerModelDecl(const ModelDeclAST &decl);
  std::optional<ModelValue> modelValue(const ModelValueAST &value);
  void declareSpecies(const SpeciesDeclAST &decl);
  void generateReaction(const ReactionAST &reaction);
  bool resolveTerms(const std::vector<TermAST> &terms, ir::TermList &out);
  bool resolveRates(const ReactionAST &ast, ir::Reaction &reaction);
  std::optional<double> rateValue(const RateArgAST &arg, unsigned order);
  void warnUnusedSpecies();
  void markUnknownAmountsAsInputs();

  const ProgramAST &program;
  DiagnosticEngine &diags;
  std::unique_ptr<ir::Module> module;
  ValueEvaluator evaluator;
  llvm::StringMap<llvm::SMLoc> paramLocs;
  llvm::StringMap<llvm::SMLoc> declaredSpecies; ///< by `species` statements
  llvm::StringSet<> usedSpecies;
  /// Species given an amount or a role by a `species` statement.
  llvm::StringSet<> specifiedSpecies;
};

} // namespace

bool IRGenerator::programWritesUnits() const {
  auto hasUnit = [](const ValueAST &v) { return v.unit.has_value(); };
  for (const StatementAST &s : program.statements) {
    if (auto *p = std::get_if<ParamDeclAST>(&s); p && hasUnit(p->value))
      return true;
    if (auto *d = std::get_if<SpeciesDeclAST>(&s);
        d && d->amount && hasUnit(*d->amount))
      return true;
    if (auto *r = std::get_if<ReactionAST>(&s))
      for (const RateArgAST &arg : r->rates)
        if (hasUnit(arg.value))
          return true;
    if (auto *m = std::get_if<ModelDeclAST>(&s))
      for (const ModelParamAST &p : m->params)
        if (p.value.kind == ModelValueAST::Kind::Value &&
            hasUnit(p.value.value))
          return true;
  }
  return false;
}

void IRGenerator::chooseNameAndUnit() {
  const UnitDeclAST *unitDecl = nullptr;
  const ModuleNameAST *nameDecl = nullptr;
  forEach<UnitDeclAST>([&](const UnitDeclAST &decl) {
    if (unitDecl) {
      error(decl.range, "the module unit is declared twice");
      note(unitDecl->range.Start, "first declared here");
      return;
    }
    unitDecl = &decl;
    if (std::optional<ConcUnit> unit = parseConcUnit(decl.unit))
      module->unit = *unit;
    else
      error(decl.range, "unknown concentration unit '" + decl.unit +
                            "' (expected M, mM, uM, nM or pM)");
  });
  forEach<ModuleNameAST>([&](const ModuleNameAST &decl) {
    if (nameDecl) {
      error(decl.range, "the module name is declared twice");
      return;
    }
    nameDecl = &decl;
    module->name = decl.name;
  });
  if (!unitDecl && programWritesUnits())
    module->unit = ConcUnit::nM;
  evaluator.setModuleUnit(module->unit);
}

void IRGenerator::declareParameter(const ParamDeclAST &decl) {
  auto [it, inserted] = paramLocs.try_emplace(decl.name, decl.range.Start);
  if (!inserted) {
    error(decl.range, "parameter '" + decl.name + "' is declared twice");
    note(it->second, "first declared here");
    return;
  }
  std::optional<Quantity> q = evaluator.evaluate(decl.value);
  if (!q)
    return;
  evaluator.defineParameter(decl.name, *q);
  module->setParameter(decl.name, q->value, locOf(decl.range.Start));
}

void IRGenerator::declarePhase(const PhaseDeclAST &decl) {
  if (module->lookupPhase(decl.name))
    return; // a phase block may be reopened
  ir::Phase phase;
  phase.name = decl.name;
  phase.loc = locOf(decl.range.Start);
  module->addPhase(std::move(phase));
}

std::optional<ModelValue> IRGenerator::modelValue(const ModelValueAST &ast) {
  ModelValue value;
  value.loc = locOf(ast.range.Start);
  switch (ast.kind) {
  case ModelValueAST::Kind::String:
    value.kind = ModelValue::Kind::String;
    value.text = ast.text;
    return value;
  case ModelValueAST::Kind::Identifier:
    if (std::optional<Quantity> q = evaluator.lookup(ast.text)) {
      value.kind = ModelValue::Kind::Number;
      value.number = q->value;
      return value;
    }
    value.kind = ModelValue::Kind::Identifier;
    value.text = ast.text;
    return value;
  case ModelValueAST::Kind::List:
    value.kind = ModelValue::Kind::List;
    for (const ValueAST &item : ast.list) {
      std::optional<Quantity> q = evaluator.evaluate(item);
      if (!q)
        return std::nullopt;
      value.list.push_back(q->value);
    }
    return value;
  case ModelValueAST::Kind::Value: {
    std::optional<Quantity> q = evaluator.evaluate(ast.value);
    if (!q)
      return std::nullopt;
    value.kind = ModelValue::Kind::Number;
    value.number = q->value;
    return value;
  }
  }
  return std::nullopt;
}

void IRGenerator::lowerModelDecl(const ModelDeclAST &ast) {
  ModelDecl decl;
  decl.name = ast.name;
  decl.kind = ast.kind;
  decl.loc = locOf(ast.range.Start);
  decl.kindLoc = locOf(ast.kindRange.Start);
  llvm::StringMap<llvm::SMLoc> seen;
  for (const ModelParamAST &param : ast.params) {
    auto [it, inserted] = seen.try_emplace(param.key, param.range.Start);
    if (!inserted) {
      error(param.range, "model parameter '" + param.key + "' is set twice");
      note(it->second, "first set here");
      return;
    }
    std::optional<ModelValue> value = modelValue(param.value);
    if (!value)
      return;
    decl.params.push_back(
        ModelParam{param.key, *value, locOf(param.range.Start)});
  }
  (void)lowerModel(decl, *module, diags);
}

void IRGenerator::declareSpecies(const SpeciesDeclAST &decl) {
  auto [it, inserted] =
      declaredSpecies.try_emplace(decl.name, decl.range.Start);
  if (!inserted) {
    error(decl.range, "species '" + decl.name + "' is declared twice");
    note(it->second, "first declared here");
    return;
  }
  if (paramLocs.count(decl.name)) {
    error(decl.range, "'" + decl.name + "' is already a parameter");
    return;
  }
  ir::SpeciesId id =
      module->getOrAddSpecies(decl.name, locOf(decl.range.Start));
  ir::Species &species = module->getSpecies(id);
  species.loc = locOf(decl.range.Start);
  if (decl.role) {
    std::optional<ir::SpeciesRole> role = ir::parseRole(*decl.role);
    if (!role) {
      error(decl.roleRange, "unknown species role '" + *decl.role + "'");
      return;
    }
    species.role = *role;
  }
  species.constant |= decl.constant;
  species.isSigned |= decl.isSigned;
  if (decl.role || decl.amount || decl.constant)
    specifiedSpecies.insert(decl.name);
  if (!decl.amount)
    return;
  std::optional<Quantity> q = evaluator.evaluate(*decl.amount);
  if (!q)
    return;
  if (q->dim.kind == Dimension::Kind::Rate) {
    error(decl.amount->range, "initial amount of '" + decl.name + "' is " +
                                  q->dim.describe() + ", not a concentration");
    return;
  }
  if (q->value < 0 && !species.isSigned) {
    error(decl.amount->range,
          "initial concentration of '" + decl.name + "' is negative (" +
              formatNumber(q->value) +
              "); declare the species 'signed' if it may be negative");
    return;
  }
  species.initial = q->value;
}

bool IRGenerator::resolveTerms(const std::vector<TermAST> &terms,
                               ir::TermList &out) {
  for (const TermAST &term : terms) {
    if (paramLocs.count(term.species)) {
      error(term.range, "'" + term.species +
                            "' is a parameter and cannot appear in a reaction");
      return false;
    }
    usedSpecies.insert(term.species);
    std::optional<ir::SpeciesId> id = module->lookupSpecies(term.species);
    if (!id)
      id = module->getOrAddSpecies(term.species, locOf(term.range.Start));
    out.push_back(ir::Term{*id, term.count});
  }
  return true;
}

std::optional<double> IRGenerator::rateValue(const RateArgAST &arg,
                                             unsigned order) {
  std::optional<Quantity> q = evaluator.evaluate(arg.value);
  if (!q)
    return std::nullopt;
  if (q->dim.kind == Dimension::Kind::Concentration) {
    error(arg.value.range, "rate '" + arg.key +
                               "' is a concentration, not a "
                               "rate constant");
    return std::nullopt;
  }
  if (q->dim.kind == Dimension::Kind::Rate && q->dim.order != order) {
    error(arg.value.range, "rate '" + arg.key + "' has the unit of " +
                               q->dim.describe() + " but its step has " +
                               llvm::Twine(order) + " reactant" +
                               (order == 1 ? "" : "s"));
    return std::nullopt;
  }
  if (q->value < 0) {
    error(arg.value.range, "rate '" + arg.key + "' is negative (" +
                               formatNumber(q->value) + ")");
    return std::nullopt;
  }
  return q->value;
}

bool IRGenerator::resolveRates(const ReactionAST &ast, ir::Reaction &reaction) {
  llvm::StringMap<const RateArgAST *> args;
  for (const RateArgAST &arg : ast.rates) {
    bool known =
        ast.reversible ? (arg.key == "kf" || arg.key == "kr") : arg.key == "k";
    if (!known) {
      error(llvm::SMRange(arg.loc, arg.loc),
            "unknown rate '" + arg.key + "': " +
                (ast.reversible ? "a reversible reaction takes 'kf' and 'kr'"
                                : "an irreversible reaction takes 'k'"));
      return false;
    }
    if (!args.try_emplace(arg.key, &arg).second) {
      error(llvm::SMRange(arg.loc, arg.loc),
            "rate '" + arg.key + "' is given twice");
      return false;
    }
  }
  if (ast.rates.empty()) {
    if (ast.reversible)
      reaction.reverseRate = 1;
    return true; // Nuskell's default: every rate constant 1
  }
  auto get = [&](llvm::StringRef key, unsigned order) -> std::optional<double> {
    auto it = args.find(key);
    if (it == args.end()) {
      error(llvm::SMRange(ast.loc, ast.loc),
            "reversible reaction is missing its rate '" + key + "'");
      return std::nullopt;
    }
    return rateValue(*it->second, order);
  };
  if (!ast.reversible) {
    std::optional<double> k = get("k", reaction.order());
    reaction.rate = k.value_or(0);
    return k.has_value();
  }
  std::optional<double> kf = get("kf", reaction.order());
  std::optional<double> kr = get("kr", reaction.productOrder());
  if (!kf || !kr)
    return false;
  reaction.rate = *kf;
  reaction.reverseRate = *kr;
  return true;
}

void IRGenerator::generateReaction(const ReactionAST &ast) {
  if (ast.reactants.empty() && ast.products.empty()) {
    error(ast.arrowRange, "reaction has neither reactants nor products");
    return;
  }
  ir::Reaction reaction;
  reaction.loc = locOf(ast.loc);
  if (!resolveTerms(ast.reactants, reaction.reactants) ||
      !resolveTerms(ast.products, reaction.products) ||
      !resolveRates(ast, reaction))
    return;
  if (!ast.phase.empty())
    reaction.phase = *module->lookupPhase(ast.phase);
  module->addReaction(std::move(reaction));
}

void IRGenerator::warnUnusedSpecies() {
  for (const auto &entry : declaredSpecies) {
    if (usedSpecies.count(entry.getKey()))
      continue;
    ir::SpeciesId id = *module->lookupSpecies(entry.getKey());
    bool usedByModel = false;
    for (const ir::Reaction &r : module->allReactions())
      usedByModel |= r.reactantCount(id) || r.productCount(id);
    if (!usedByModel)
      diags.report(Severity::Warning, entry.getValue(),
                   "species '" + entry.getKey() +
                       "' is declared but takes part in no reaction");
  }
}

/// A species of the reactions that no statement gives an amount (Nuskell's
/// plain CRNs give none) is an input of unknown amount: the design must work
/// for every amount of it, so later passes treat it as present.
void IRGenerator::markUnknownAmountsAsInputs() {
  for (const auto &entry : usedSpecies) {
    if (specifiedSpecies.count(entry.getKey()))
      continue;
    ir::Species &s = module->getSpecies(*module->lookupSpecies(entry.getKey()));
    if (s.role == ir::SpeciesRole::Signal && s.initial == 0)
      s.role = ir::SpeciesRole::Input;
  }
}

std::unique_ptr<ir::Module> IRGenerator::run() {
  unsigned errorsBefore = diags.errorCount();
  chooseNameAndUnit();
  forEach<ParamDeclAST>([&](const ParamDeclAST &d) { declareParameter(d); });
  forEach<PhaseDeclAST>([&](const PhaseDeclAST &d) { declarePhase(d); });
  forEach<ModelDeclAST>([&](const ModelDeclAST &d) { lowerModelDecl(d); });
  forEach<SpeciesDeclAST>([&](const SpeciesDeclAST &d) { declareSpecies(d); });
  forEach<ReactionAST>([&](const ReactionAST &r) { generateReaction(r); });
  if (diags.errorCount() != errorsBefore)
    return nullptr;
  warnUnusedSpecies();
  markUnknownAmountsAsInputs();
  return std::move(module);
}

std::unique_ptr<ir::Module> frontend::generateIR(const ProgramAST &program,
                                                 llvm::StringRef defaultName,
                                                 DiagnosticEngine &diags) {
  return IRGenerator(program, defaultName, diags).run();
}
