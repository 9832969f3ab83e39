//===- Module.cpp - the CRN intermediate representation -------------------===//

#include "ir/Module.h"
#include "lib/support/EnumNames.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>
#include <cassert>

using namespace crnc;
using namespace crnc::ir;

static const EnumName<SpeciesRole> roleNames[] = {
    {SpeciesRole::Signal, "signal"},
    {SpeciesRole::Input, "input"},
    {SpeciesRole::Output, "output"},
    {SpeciesRole::Target, "target"},
    {SpeciesRole::Weight, "weight"},
    {SpeciesRole::Hidden, "hidden"},
    {SpeciesRole::Adjoint, "adjoint"},
    {SpeciesRole::Gradient, "gradient"},
    {SpeciesRole::ErrorSignal, "error"},
    {SpeciesRole::Clock, "clock"},
    {SpeciesRole::Fuel, "fuel"},
    {SpeciesRole::Intermediate, "intermediate"},
    {SpeciesRole::Waste, "waste"},
};

llvm::StringRef ir::roleName(SpeciesRole role) {
  return nameOf(roleNames, role);
}

std::optional<SpeciesRole> ir::parseRole(llvm::StringRef name) {
  return valueOf(roleNames, name);
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
