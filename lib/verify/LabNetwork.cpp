//===- LabNetwork.cpp - a network crnc train's protocol runs on -----------===//

#include "lib/verify/LabNetwork.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Units.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <set>

namespace crnc::verify {

/// A side of a reaction without the ignored species.
static Multiset strip(const Multiset &side, const std::vector<bool> &ignore) {
  Multiset out;
  for (SpeciesIndex s : side)
    if (!ignore[s])
      out.push_back(s);
  return out;
}

void closeOverReversibleBinding(const Crn &crn, const std::vector<bool> &ignore,
                                Interpretation &holds) {
  std::vector<std::pair<Multiset, Multiset>> sides;
  std::set<std::pair<Multiset, Multiset>> present;
  for (const CrnReaction &r : crn.reactions) {
    sides.emplace_back(strip(r.reactants, ignore), strip(r.products, ignore));
    present.insert(sides.back());
  }
  // 1. Reactions whose reverse exists: R -> P with one species on P.
  std::vector<std::pair<Multiset, SpeciesIndex>> binding;
  for (const auto &[r, p] : sides)
    if (p.size() == 1 && !r.empty() && r != p && present.count({p, r}))
      binding.emplace_back(r, p.front());
  // 2. Propagate in reaction order until a fixpoint.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto &[r, p] : binding) {
      if (holds[p] || llvm::any_of(r, [&](SpeciesIndex s) {
            return !holds[s].has_value();
          }))
        continue;
      Multiset sum;
      for (SpeciesIndex s : r)
        sum = multisetSum(sum, *holds[s]);
      holds[p] = sum;
      changed = true;
    }
  }
}

/// Whether `p` is the one product of `side` that some reaction consumes,
/// once (the others are wastes).
static bool onlyLiveProduct(const Multiset &side, SpeciesIndex p,
                            const std::vector<bool> &consumed) {
  return llvm::count(side, p) == 1 && llvm::all_of(side, [&](SpeciesIndex s) {
           return s == p || !consumed[s];
         });
}

void closeOverCommittedSteps(const Crn &crn, const std::vector<bool> &ignore,
                             Interpretation &holds) {
  // 1. What each reaction consumes and makes, fuels dropped, and per
  //    species the reactions that make it.
  std::vector<std::pair<Multiset, Multiset>> sides;
  std::vector<bool> consumed(crn.speciesCount(), false);
  std::vector<std::vector<size_t>> producers(crn.speciesCount());
  for (const CrnReaction &r : crn.reactions) {
    sides.emplace_back(strip(r.reactants, ignore), strip(r.products, ignore));
    for (SpeciesIndex s : sides.back().first)
      consumed[s] = true;
    for (SpeciesIndex s : sides.back().second)
      if (producers[s].empty() || producers[s].back() != sides.size() - 1)
        producers[s].push_back(sides.size() - 1);
  }
  // 2. Propagate until a fixpoint.
  for (bool changed = true; changed;) {
    changed = false;
    for (SpeciesIndex p = 0; p < crn.speciesCount(); ++p) {
      if (holds[p] || !consumed[p] || ignore[p] || producers[p].empty())
        continue;
      std::optional<Multiset> held;
      bool ok = true;
      for (size_t i : producers[p]) {
        const auto &[r, q] = sides[i];
        bool read =
            !r.empty() && r.size() <= 2 && llvm::all_of(r, [&](SpeciesIndex s) {
              return s != p && holds[s].has_value();
            });
        if (!read || !onlyLiveProduct(q, p, consumed)) {
          ok = false;
          break;
        }
        Multiset sum;
        for (SpeciesIndex s : r)
          sum = multisetSum(sum, *holds[s]);
        if (held && *held != sum) {
          ok = false;
          break;
        }
        held = sum;
      }
      if (!ok)
        continue;
      holds[p] = held;
      changed = true;
    }
  }
}

/// The module a simulator runs: `crn`'s species and irreversible reactions.
static ir::Module moduleOf(const Crn &crn, const std::vector<bool> &fuel,
                           bool finiteFuels, const ir::Module &formal) {
  ir::Module m(formal.name + ".lab");
  m.unit = formal.unit;
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s) {
    ir::Species sp;
    sp.name = crn.speciesNames[s];
    sp.initial = crn.initial[s];
    sp.constant = fuel[s] && !finiteFuels;
    sp.role = fuel[s] ? ir::SpeciesRole::Fuel : ir::SpeciesRole::Signal;
    m.addSpecies(std::move(sp));
  }
  auto side = [](const Multiset &ms) {
    ir::TermList terms;
    for (SpeciesIndex s : ms) {
      if (!terms.empty() && terms.back().species == ir::SpeciesId(s))
        ++terms.back().count;
      else
        terms.push_back({ir::SpeciesId(s), 1});
    }
    return terms;
  };
  for (const CrnReaction &r : crn.reactions) {
    ir::Reaction reaction;
    reaction.reactants = side(r.reactants);
    reaction.products = side(r.products);
    reaction.rate = r.rate;
    m.addReaction(std::move(reaction));
  }
  return m;
}

/// Fills signals, injection and the empty entries of holds.
static void finish(LabNetwork &net, const Crn &crn,
                   llvm::ArrayRef<std::string> signals,
                   const std::vector<bool> &fuel, Interpretation &holds) {
  net.signals.assign(signals.begin(), signals.end());
  net.injection.assign(signals.size(), std::nullopt);
  for (size_t i = 0; i < signals.size(); ++i)
    if (std::optional<SpeciesIndex> s = crn.lookup(signals[i]))
      if (!fuel[*s])
        net.injection[i] = *s;
  net.holds.clear();
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s)
    net.holds.push_back(fuel[s] || !holds[s] ? Multiset() : *holds[s]);
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s)
    if (fuel[s])
      net.fuels.push_back(s);
  net.reactions = crn.reactions.size();
}

/// What each formal species holds: seeds by name, then reversible binding.
static Interpretation formalHolds(const Crn &crn,
                                  llvm::ArrayRef<std::string> signals) {
  Interpretation holds(crn.speciesCount());
  for (size_t i = 0; i < signals.size(); ++i)
    if (std::optional<SpeciesIndex> s = crn.lookup(signals[i]))
      holds[*s] = Multiset{SpeciesIndex(i)};
  closeOverReversibleBinding(crn, crn.constant, holds);
  return holds;
}

/// The gates' share of SSW's sequestration model, which the formal CRN
/// leaves implicit: per species X with gate_hold h, X <=> held_X (forward
/// h qmax C_max, back qmax C_max: a gate at C_max binds X at q and its
/// backward strand at C_max releases it at qmax), so that X is held by h at
/// equilibrium and, with its buffer, by the sequestration time_scale
/// assumes.
static void addGateHolds(Crn &crn, const ir::Module &formal) {
  using namespace ir::lowering;
  // qmax C_max is a first-order rate: the same in every unit.
  double back = get(formal.attrs, QmaxPerNMs).value_or(0) *
                get(formal.attrs, CmaxNM).value_or(0);
  if (!(back > 0))
    return;
  for (const ir::Species &sp : formal.allSpecies()) {
    std::optional<double> hold = get(sp.attrs, GateHold);
    std::optional<SpeciesIndex> x = crn.lookup(sp.name);
    if (!hold || !(*hold > 0) || !x || crn.constant[*x])
      continue;
    std::string name = "held_" + sp.name;
    while (crn.lookup(name))
      name += "_";
    SpeciesIndex h = crn.getOrAddSpecies(name);
    crn.reactions.push_back({Multiset{*x}, Multiset{h}, *hold * back, sp.loc});
    crn.reactions.push_back({Multiset{h}, Multiset{*x}, back, sp.loc});
  }
}

std::vector<std::string> labReadoutSignals(const ir::Module &model,
                                           const ir::Module &formal) {
  std::vector<std::string> signals;
  for (const ir::Species &s : model.allSpecies())
    signals.push_back(s.name);
  for (const ir::Species &s : formal.allSpecies())
    if (s.role == ir::SpeciesRole::Clock && !model.lookupSpecies(s.name))
      signals.push_back(s.name);
  return signals;
}

LabNetwork formalLabNetwork(const ir::Module &formal,
                            llvm::ArrayRef<std::string> signals,
                            bool finiteFuels) {
  Crn crn = crnFromModule(formal);
  // The lab adds amount_factor times the model's amount of a signal (free
  // and held), as the design's initial concentrations do (the DSD
  // backend); the formal module keeps the model's amounts.
  double factor =
      ir::lowering::get(formal.attrs, ir::lowering::AmountFactor).value_or(1);
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s)
    if (!crn.constant[s])
      crn.initial[s] *= factor;
  addGateHolds(crn, formal);
  Interpretation holds = formalHolds(crn, signals);
  LabNetwork net;
  net.module = moduleOf(crn, crn.constant, finiteFuels, formal);
  finish(net, crn, signals, crn.constant, holds);
  return net;
}

/// A single unpaired strand's domains without its history domains, as a
/// key; empty for anything else.
static std::string strandKey(const dna::Complex &c,
                             const dna::DomainTable &domains) {
  if (c.strandCount() != 1 ||
      llvm::any_of(c.allPartners(), [](int32_t p) { return p >= 0; }))
    return "";
  std::string key;
  for (dna::DomainRef d : c.strand(0))
    if (domains.get(d.id).kind != dna::DomainKind::History)
      key += std::to_string(d.code()) + ",";
  return key;
}

/// The formal species each macrostate stands for: its name, or a free
/// strand equal to a signal strand up to history domains.
static std::vector<std::string>
formalNames(const enumerate::EnumeratedSystem &system,
            const dna::Design &design, const Crn &formal) {
  llvm::StringMap<std::string> byKey;
  for (const dna::NamedComplex &c : design.allComplexes()) {
    std::string key = strandKey(c.complex, design.domains);
    std::string name = c.formal.empty() ? c.name : c.formal;
    if (c.role == dna::ComplexRole::Signal && !key.empty() &&
        formal.lookup(name))
      byKey.try_emplace(key, name);
  }
  std::vector<std::string> names;
  for (const enumerate::RestingMacrostate &m : system.macrostates) {
    std::string name;
    if (formal.lookup(m.name))
      name = m.name;
    else if (m.complexes.size() == 1) {
      auto it = byKey.find(
          strandKey(system.complexes[m.complexes[0]].complex, design.domains));
      if (it != byKey.end())
        name = it->second;
    }
    names.push_back(name);
  }
  return names;
}

/// The condensed network with its fuels (FromEnumeration.h's conventions).
static Crn condensedCrn(const enumerate::EnumeratedSystem &system,
                        const dna::Design &design, ConcUnit unit,
                        std::vector<bool> &fuel) {
  Crn crn;
  for (const enumerate::RestingMacrostate &m : system.macrostates)
    crn.getOrAddSpecies(m.name);
  fuel.assign(crn.speciesCount(), false);
  double designToUnit = concUnitRatio(design.unit, unit);
  for (const enumerate::EnumeratedComplex &c : system.complexes) {
    if (!c.macrostate)
      continue;
    if (c.role == dna::ComplexRole::Fuel)
      fuel[*c.macrostate] = true;
    if (!c.input)
      continue;
    const dna::NamedComplex &named = design.allComplexes()[*c.input];
    crn.initial[*c.macrostate] +=
        named.concentration.value_or(0) * designToUnit;
    if (named.constant)
      fuel[*c.macrostate] = true;
  }
  double molarPerUnit = concUnitInMolar(unit);
  for (const enumerate::CondensedReaction &r : system.condensed) {
    CrnReaction reaction;
    reaction.reactants.assign(r.reactants.begin(), r.reactants.end());
    reaction.products.assign(r.products.begin(), r.products.end());
    canonicalize(reaction.reactants);
    canonicalize(reaction.products);
    reaction.rate = r.rate;
    for (size_t order = 1; order < r.reactants.size(); ++order)
      reaction.rate *= molarPerUnit;
    crn.reactions.push_back(std::move(reaction));
  }
  return crn;
}

LabNetwork dnaLabNetwork(const enumerate::EnumeratedSystem &system,
                         const dna::Design &design, const ir::Module &formal,
                         llvm::ArrayRef<std::string> signals,
                         bool finiteFuels) {
  Crn formalCrn = crnFromModule(formal);
  Interpretation byFormal = formalHolds(formalCrn, signals);
  std::vector<bool> fuel;
  Crn crn = condensedCrn(system, design, formal.unit, fuel);
  std::vector<std::string> names = formalNames(system, design, formalCrn);
  Interpretation holds(crn.speciesCount());
  for (SpeciesIndex s = 0; s < crn.speciesCount(); ++s)
    if (!fuel[s] && !names[s].empty())
      holds[s] = byFormal[*formalCrn.lookup(names[s])];
  closeOverReversibleBinding(crn, fuel, holds);
  closeOverCommittedSteps(crn, fuel, holds);
  LabNetwork net;
  net.module = moduleOf(crn, fuel, finiteFuels, formal);
  finish(net, crn, signals, fuel, holds);
  return net;
}

} // namespace crnc::verify
