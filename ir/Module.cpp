//===- Module.cpp - the CRN intermediate representation -------------------===//

#include "ir/Module.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>
#include <cassert>

using namespace crnc;
using namespace crnc::ir;

llvm::StringRef ir::roleName(SpeciesRole role) {
  switch (role) {
  case SpeciesRole::Signal:
    return "signal";
  case SpeciesRole::Input:
    return "input";
  case SpeciesRole::Output:
    return "output";
  case SpeciesRole::Target:
    return "target";
  case SpeciesRole::Weight:
    return "weight";
  case SpeciesRole::Hidden:
    return "hidden";
  case SpeciesRole::Adjoint:
    return "adjoint";
  case SpeciesRole::Gradient:
    return "gradient";
  case SpeciesRole::ErrorSignal:
    return "error";
  case SpeciesRole::Clock:
    return "clock";
  case SpeciesRole::Fuel:
    return "fuel";
  case SpeciesRole::Intermediate:
    return "intermediate";
  case SpeciesRole::Waste:
    return "waste";
  }
  return "signal";
}

std::optional<SpeciesRole> ir::parseRole(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<SpeciesRole>>(name)
      .Case("signal", SpeciesRole::Signal)
      .Case("input", SpeciesRole::Input)
      .Case("output", SpeciesRole::Output)
      .Case("target", SpeciesRole::Target)
      .Case("weight", SpeciesRole::Weight)
      .Case("hidden", SpeciesRole::Hidden)
      .Case("adjoint", SpeciesRole::Adjoint)
      .Case("gradient", SpeciesRole::Gradient)
      .Case("error", SpeciesRole::ErrorSignal)
      .Case("clock", SpeciesRole::Clock)
      .Case("fuel", SpeciesRole::Fuel)
      .Case("intermediate", SpeciesRole::Intermediate)
      .Case("waste", SpeciesRole::Waste)
      .Default(std::nullopt);
}

std::optional<llvm::StringRef> ir::findAttribute(const AttributeList &attrs,
                                                 llvm::StringRef key) {
  for (const Attribute &a : attrs)
    if (a.key == key)
      return llvm::StringRef(a.value);
  return std::nullopt;
}

void ir::setAttribute(AttributeList &attrs, llvm::StringRef key,
                      llvm::StringRef value) {
  for (Attribute &a : attrs)
    if (a.key == key) {
      a.value = value.str();
      return;
    }
  attrs.push_back(Attribute{key.str(), value.str()});
}

static unsigned sumCounts(const TermList &terms) {
  unsigned total = 0;
  for (const Term &t : terms)
    total += t.count;
  return total;
}

static unsigned countOf(const TermList &terms, SpeciesId species) {
  unsigned total = 0;
  for (const Term &t : terms)
    if (t.species == species)
      total += t.count;
  return total;
}

unsigned Reaction::order() const { return sumCounts(reactants); }
unsigned Reaction::productOrder() const { return sumCounts(products); }
unsigned Reaction::reactantCount(SpeciesId s) const {
  return countOf(reactants, s);
}
unsigned Reaction::productCount(SpeciesId s) const {
  return countOf(products, s);
}
int Reaction::netChange(SpeciesId s) const {
  return static_cast<int>(productCount(s)) - static_cast<int>(reactantCount(s));
}

std::optional<SpeciesId> Module::lookupSpecies(llvm::StringRef name) const {
  auto it = speciesByName.find(name);
  if (it == speciesByName.end())
    return std::nullopt;
  return it->second;
}

SpeciesId Module::addSpecies(Species s) {
  assert(!speciesByName.count(s.name) && "duplicate species name");
  SpeciesId id = static_cast<SpeciesId>(species.size());
  speciesByName[s.name] = id;
  species.push_back(std::move(s));
  return id;
}

SpeciesId Module::getOrAddSpecies(llvm::StringRef name, Location loc) {
  if (auto id = lookupSpecies(name))
    return *id;
  Species s;
  s.name = name.str();
  s.loc = loc;
  return addSpecies(std::move(s));
}

std::string Module::uniqueSpeciesName(llvm::StringRef base) const {
  if (!speciesByName.count(base))
    return base.str();
  for (unsigned suffix = 1;; ++suffix) {
    std::string candidate =
        (llvm::Twine(base) + "_" + llvm::Twine(suffix)).str();
    if (!speciesByName.count(candidate))
      return candidate;
  }
}

void Module::renameSpecies(SpeciesId id, llvm::StringRef newName) {
  assert(!speciesByName.count(newName) && "rename onto an existing species");
  speciesByName.erase(species[id].name);
  species[id].name = newName.str();
  speciesByName[newName] = id;
}

void Module::eraseSpecies(const std::function<bool(SpeciesId)> &dead) {
  std::vector<SpeciesId> newId(species.size(), UINT32_MAX);
  std::vector<Species> kept;
  for (SpeciesId id = 0; id < species.size(); ++id) {
    if (dead(id))
      continue;
    newId[id] = static_cast<SpeciesId>(kept.size());
    kept.push_back(std::move(species[id]));
  }
  auto mentionsDead = [&](const Reaction &r) {
    for (const Term &t : r.reactants)
      if (newId[t.species] == UINT32_MAX)
        return true;
    for (const Term &t : r.products)
      if (newId[t.species] == UINT32_MAX)
        return true;
    return false;
  };
  reactions.erase(
      std::remove_if(reactions.begin(), reactions.end(), mentionsDead),
      reactions.end());
  for (Reaction &r : reactions) {
    for (Term &t : r.reactants)
      t.species = newId[t.species];
    for (Term &t : r.products)
      t.species = newId[t.species];
  }
  species = std::move(kept);
  speciesByName.clear();
  for (SpeciesId id = 0; id < species.size(); ++id)
    speciesByName[species[id].name] = id;
}

const Parameter *Module::lookupParameter(llvm::StringRef name) const {
  for (const Parameter &p : parameters)
    if (p.name == name)
      return &p;
  return nullptr;
}

void Module::setParameter(llvm::StringRef name, double value, Location loc) {
  for (Parameter &p : parameters)
    if (p.name == name) {
      p.value = value;
      return;
    }
  parameters.push_back(Parameter{name.str(), value, loc});
}

std::optional<PhaseId> Module::lookupPhase(llvm::StringRef name) const {
  for (PhaseId id = 0; id < phases.size(); ++id)
    if (phases[id].name == name)
      return id;
  return std::nullopt;
}

PhaseId Module::addPhase(Phase p) {
  phases.push_back(std::move(p));
  return static_cast<PhaseId>(phases.size() - 1);
}

void ir::normalizeTerms(TermList &terms) {
  std::stable_sort(
      terms.begin(), terms.end(),
      [](const Term &a, const Term &b) { return a.species < b.species; });
  TermList merged;
  for (const Term &t : terms) {
    if (!merged.empty() && merged.back().species == t.species) {
      merged.back().count += t.count;
      continue;
    }
    merged.push_back(t);
  }
  terms = std::move(merged);
}
