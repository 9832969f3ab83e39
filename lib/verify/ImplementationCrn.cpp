//===- ImplementationCrn.cpp - CRNs as verification sees them -------------===//

#include "lib/verify/ImplementationCrn.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <set>

namespace crnc::verify {

SpeciesIndex Crn::getOrAddSpecies(llvm::StringRef name) {
  auto [it, inserted] =
      index.try_emplace(name, static_cast<SpeciesIndex>(speciesNames.size()));
  if (inserted) {
    speciesNames.push_back(name.str());
    initial.push_back(0);
    constant.push_back(false);
  }
  return it->second;
}

std::optional<SpeciesIndex> Crn::lookup(llvm::StringRef name) const {
  auto it = index.find(name);
  if (it == index.end())
    return std::nullopt;
  return it->second;
}

std::vector<SpeciesIndex> Crn::usedSpecies() const {
  std::vector<bool> used(speciesCount(), false);
  for (const CrnReaction &r : reactions) {
    for (SpeciesIndex s : r.reactants)
      used[s] = true;
    for (SpeciesIndex s : r.products)
      used[s] = true;
  }
  std::vector<SpeciesIndex> out;
  for (SpeciesIndex s = 0; s < used.size(); ++s)
    if (used[s])
      out.push_back(s);
  return out;
}

std::string Crn::format(llvm::ArrayRef<SpeciesIndex> m) const {
  if (m.empty())
    return "\xE2\x88\x85"; // the empty set sign
  std::string out;
  for (size_t i = 0; i < m.size();) {
    size_t end = i;
    while (end < m.size() && m[end] == m[i])
      ++end;
    if (!out.empty())
      out += " + ";
    if (end - i > 1)
      out += std::to_string(end - i) + " ";
    out += speciesNames[m[i]];
    i = end;
  }
  return out;
}

std::string Crn::format(const CrnReaction &r) const {
  return format(r.reactants) + " -> " + format(r.products);
}

static Multiset sideOf(const ir::TermList &terms) {
  Multiset m;
  for (const ir::Term &t : terms)
    m.append(t.count, t.species);
  canonicalize(m);
  return m;
}

Crn crnFromModule(const ir::Module &module) {
  Crn crn;
  for (const ir::Species &s : module.allSpecies()) {
    SpeciesIndex i = crn.getOrAddSpecies(s.name);
    crn.initial[i] = s.initial;
    crn.constant[i] = s.constant;
  }
  for (const ir::Reaction &r : module.allReactions()) {
    Multiset reactants = sideOf(r.reactants), products = sideOf(r.products);
    crn.reactions.push_back({reactants, products, r.rate, r.loc});
    if (r.reverseRate)
      crn.reactions.push_back({products, reactants, *r.reverseRate, r.loc});
  }
  return crn;
}

void removeSpecies(Crn &crn, llvm::ArrayRef<SpeciesIndex> species) {
  Multiset removed(species.begin(), species.end());
  canonicalize(removed);
  auto strip = [&](Multiset &side) {
    llvm::erase_if(side, [&](SpeciesIndex s) {
      return std::binary_search(removed.begin(), removed.end(), s);
    });
  };
  std::set<std::pair<Multiset, Multiset>> seen;
  std::vector<CrnReaction> kept;
  for (CrnReaction &r : crn.reactions) {
    strip(r.reactants);
    strip(r.products);
    if (r.reactants == r.products)
      continue;
    if (!seen.insert({r.reactants, r.products}).second)
      continue;
    kept.push_back(std::move(r));
  }
  crn.reactions = std::move(kept);
}

std::vector<bool> findWastes(const Crn &crn, const std::vector<bool> &signals) {
  std::vector<bool> nonWaste = signals;
  nonWaste.resize(crn.speciesCount(), false);
  auto involvesNonWaste = [&](const CrnReaction &r) {
    return llvm::any_of(r.reactants,
                        [&](SpeciesIndex s) { return nonWaste[s]; }) ||
           llvm::any_of(r.products,
                        [&](SpeciesIndex s) { return nonWaste[s]; });
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (const CrnReaction &r : crn.reactions) {
      if (!involvesNonWaste(r))
        continue;
      for (SpeciesIndex s : r.reactants)
        if (!nonWaste[s])
          nonWaste[s] = changed = true;
    }
  }
  std::vector<bool> waste(crn.speciesCount(), false);
  for (SpeciesIndex s : crn.usedSpecies())
    waste[s] = !nonWaste[s];
  return waste;
}

/// The formal name `name` stands for: itself, or itself without a trailing
/// `_<digits>_`.
static llvm::StringRef baseName(llvm::StringRef name) {
  if (!name.endswith("_") || name.size() < 3)
    return name;
  llvm::StringRef body = name.drop_back();
  size_t underscore = body.rfind('_');
  if (underscore == llvm::StringRef::npos || underscore == 0)
    return name;
  llvm::StringRef digits = body.substr(underscore + 1);
  if (digits.empty() ||
      !llvm::all_of(digits, [](char c) { return c >= '0' && c <= '9'; }))
    return name;
  return body.take_front(underscore);
}

Interpretation interpretationFromNames(const Crn &implementation,
                                       const Crn &formal) {
  Interpretation out(implementation.speciesCount());
  std::vector<SpeciesIndex> used = formal.usedSpecies();
  for (SpeciesIndex s : implementation.usedSpecies()) {
    llvm::StringRef name = implementation.speciesNames[s];
    std::optional<SpeciesIndex> f = formal.lookup(name);
    if (!f)
      f = formal.lookup(baseName(name));
    if (f && std::binary_search(used.begin(), used.end(), *f))
      out[s] = Multiset{*f};
  }
  return out;
}

Crn mergeSignalVariants(const Crn &implementation,
                        const Interpretation &partial, const Crn &formal) {
  Crn out = implementation;
  std::vector<SpeciesIndex> target(out.speciesCount());
  for (SpeciesIndex s = 0; s < target.size(); ++s)
    target[s] = s;
  for (SpeciesIndex s : implementation.usedSpecies()) {
    if (s >= partial.size() || !partial[s] || partial[s]->size() != 1)
      continue;
    const std::string &name = formal.speciesNames[partial[s]->front()];
    if (out.speciesNames[s] == name)
      continue;
    if (std::optional<SpeciesIndex> canonical = out.lookup(name)) {
      target[s] = *canonical;
      continue;
    }
    out.index.erase(out.speciesNames[s]);
    out.speciesNames[s] = name;
    out.index[name] = s;
  }
  for (CrnReaction &r : out.reactions) {
    for (SpeciesIndex &s : r.reactants)
      s = target[s];
    for (SpeciesIndex &s : r.products)
      s = target[s];
    canonicalize(r.reactants);
    canonicalize(r.products);
  }
  removeSpecies(out, {});
  return out;
}

std::string formatInterpretation(const Interpretation &interpretation,
                                 const Crn &implementation, const Crn &formal) {
  std::string out;
  for (SpeciesIndex s = 0; s < interpretation.size(); ++s) {
    if (!interpretation[s])
      continue;
    out += implementation.speciesNames[s] + " ->";
    if (!interpretation[s]->empty())
      out += " " + formal.format(*interpretation[s]);
    out += "\n";
  }
  return out;
}

} // namespace crnc::verify

namespace crnc::verify {

bool readInterpretation(const ir::Module &file, const Crn &implementation,
                        const Crn &formal, Interpretation &out,
                        DiagnosticEngine &diags) {
  out.resize(implementation.speciesCount());
  bool ok = true;
  for (const ir::Reaction &r : file.allReactions()) {
    if (r.reactants.size() != 1 || r.reactants[0].count != 1 ||
        r.isReversible()) {
      diags.error(r.loc, "expected 'species -> formal species' in an "
                         "interpretation");
      ok = false;
      continue;
    }
    llvm::StringRef name = file.getSpecies(r.reactants[0].species).name;
    std::optional<SpeciesIndex> s = implementation.lookup(name);
    if (!s) {
      diags.error(r.loc, "'" + name +
                             "' is not a species of the "
                             "implementation CRN");
      ok = false;
      continue;
    }
    Multiset meaning;
    for (const ir::Term &t : r.products) {
      llvm::StringRef fname = file.getSpecies(t.species).name;
      std::optional<SpeciesIndex> f = formal.lookup(fname);
      if (!f) {
        diags.error(r.loc, "'" + fname +
                               "' is not a species of the formal "
                               "CRN");
        ok = false;
        continue;
      }
      meaning.append(t.count, *f);
    }
    canonicalize(meaning);
    out[*s] = std::move(meaning);
  }
  return ok;
}

std::optional<std::string> removeFuels(Crn &formal, Crn &implementation,
                                       llvm::ArrayRef<std::string> fuelNames,
                                       std::vector<SpeciesIndex> &fuels) {
  std::vector<SpeciesIndex> found, formalFuels;
  for (const std::string &name : fuelNames) {
    std::optional<SpeciesIndex> s = implementation.lookup(name);
    if (!s)
      return name;
    found.push_back(*s);
  }
  for (SpeciesIndex s = 0; s < implementation.speciesCount(); ++s)
    if (implementation.constant[s] && !llvm::is_contained(found, s))
      found.push_back(s);
  for (SpeciesIndex s : found)
    if (auto f = formal.lookup(implementation.speciesNames[s]))
      formalFuels.push_back(*f);
  removeSpecies(implementation, found);
  removeSpecies(formal, formalFuels);
  fuels = std::move(found);
  return std::nullopt;
}

std::vector<std::string>
wasteNames(const Crn &implementation,
           const std::vector<std::optional<Multiset>> &partial) {
  std::vector<bool> signals(implementation.speciesCount(), false);
  for (SpeciesIndex s = 0; s < signals.size(); ++s)
    signals[s] = partial[s] && !partial[s]->empty();
  std::vector<bool> wastes = findWastes(implementation, signals);
  std::vector<std::string> names;
  for (SpeciesIndex s = 0; s < wastes.size(); ++s)
    if (wastes[s])
      names.push_back(implementation.speciesNames[s]);
  return names;
}

} // namespace crnc::verify
