//===- FromEnumeration.cpp - implementation CRN of an enumerated design ---===//

#include "lib/verify/FromEnumeration.h"
#include "lib/support/Units.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::verify;

static bool isHistory(dna::DomainRef d, const dna::DomainTable &domains) {
  return domains.get(d.id).kind == dna::DomainKind::History;
}

/// Same strands and pairs in the same order, history domains as wildcards.
static bool equalUpToHistory(const dna::Complex &a, const dna::Complex &b,
                             const dna::DomainTable &domains) {
  const std::vector<dna::Strand> &sa = a.allStrands(), &sb = b.allStrands();
  if (sa.size() != sb.size() || a.allPartners() != b.allPartners())
    return false;
  for (size_t i = 0; i < sa.size(); ++i) {
    if (sa[i].size() != sb[i].size())
      return false;
    for (size_t j = 0; j < sa[i].size(); ++j)
      if (!(sa[i][j] == sb[i][j]) &&
          !(isHistory(sa[i][j], domains) && isHistory(sb[i][j], domains) &&
            sa[i][j].complement == sb[i][j].complement))
        return false;
  }
  return true;
}

bool verify::sameUpToHistory(const dna::Complex &a, const dna::Complex &b,
                             const dna::DomainTable &domains) {
  if (a.strandCount() != b.strandCount() ||
      a.allPartners().size() != b.allPartners().size())
    return false;
  for (size_t first = 0; first < b.strandCount(); ++first)
    if (equalUpToHistory(a, b.rotated(first), domains))
      return true;
  return false;
}

/// Complexes of the macrostates, resting ones only (a macrostate's
/// representative is the complex it is named after).
static const enumerate::EnumeratedComplex *
representative(const enumerate::EnumeratedSystem &system,
               const enumerate::RestingMacrostate &m) {
  for (enumerate::ComplexId c : m.complexes)
    if (system.complexes[c].name == m.name)
      return &system.complexes[c];
  return m.complexes.empty() ? nullptr : &system.complexes[m.complexes[0]];
}

ir::Module
verify::implementationModule(const enumerate::EnumeratedSystem &system,
                             const dna::Design &design, ConcUnit unit,
                             llvm::StringRef name) {
  ir::Module module(name.str());
  module.unit = unit;
  for (const enumerate::RestingMacrostate &m : system.macrostates) {
    ir::Species s;
    s.name = m.name;
    s.role = ir::SpeciesRole::Intermediate;
    module.addSpecies(std::move(s));
  }
  double designToUnit = concUnitRatio(design.unit, unit);
  for (const enumerate::EnumeratedComplex &c : system.complexes) {
    if (!c.macrostate)
      continue;
    ir::Species &s = module.getSpecies(*c.macrostate);
    if (c.role == dna::ComplexRole::Fuel)
      s.constant = true;
    if (c.role == dna::ComplexRole::Signal && !s.constant)
      s.role = ir::SpeciesRole::Signal;
    if (!c.input)
      continue;
    const dna::NamedComplex &named = design.allComplexes()[*c.input];
    s.initial += named.concentration.value_or(0) * designToUnit;
    if (named.constant) // a constant formal species (a lowering's fuel)
      s.constant = true;
  }
  for (ir::SpeciesId s = 0; s < module.speciesCount(); ++s)
    if (module.getSpecies(s).constant)
      module.getSpecies(s).role = ir::SpeciesRole::Fuel;
  // A bimolecular rate in /M/s is k * (molar per unit) per unit per second.
  double molarPerUnit = concUnitInMolar(unit);
  for (const enumerate::CondensedReaction &c : system.condensed) {
    ir::Reaction r;
    auto side = [](const std::vector<enumerate::MacrostateId> &ids) {
      ir::TermList terms;
      for (enumerate::MacrostateId id : ids) {
        if (!terms.empty() && terms.back().species == id)
          ++terms.back().count;
        else
          terms.push_back({id, 1});
      }
      return terms;
    };
    r.reactants = side(c.reactants);
    r.products = side(c.products);
    r.rate = c.rate;
    for (size_t order = 1; order < c.reactants.size(); ++order)
      r.rate *= molarPerUnit;
    module.addReaction(std::move(r));
  }
  return module;
}

/// Whether `c` is `signal` with each of the signal's history domains
/// replaced by any domain (Nuskell's wildcard: a gate releases a signal
/// whose history position holds one of the gate's own domains).
static bool isSignalVariant(const dna::Complex &c, const dna::Complex &signal,
                            const dna::DomainTable &domains) {
  if (c.strandCount() != signal.strandCount() ||
      c.domainCount() != signal.domainCount())
    return false;
  for (size_t first = 0; first < c.strandCount(); ++first) {
    dna::Complex r = c.rotated(first);
    if (r.allPartners() != signal.allPartners())
      continue;
    bool same = true;
    for (size_t i = 0; same && i < r.strandCount(); ++i)
      same = r.strand(i).size() == signal.strand(i).size();
    for (unsigned p = 0; same && p < r.domainCount(); ++p)
      same = r.domainAt(p) == signal.domainAt(p) ||
             isHistory(signal.domainAt(p), domains);
    if (same)
      return true;
  }
  return false;
}

/// Extends `partial` by the macrostates that are a signal up to history.
static void interpretHistoryVariants(const enumerate::EnumeratedSystem &system,
                                     const dna::Design &design,
                                     const Crn &formal, const Crn &crn,
                                     Interpretation &partial) {
  std::vector<const dna::NamedComplex *> signals;
  for (const dna::NamedComplex &c : design.allComplexes())
    if (c.role == dna::ComplexRole::Signal && formal.lookup(c.name))
      signals.push_back(&c);
  std::vector<SpeciesIndex> used = crn.usedSpecies();
  for (SpeciesIndex s : used) {
    if (partial[s])
      continue;
    const enumerate::EnumeratedComplex *rep =
        representative(system, system.macrostates[s]);
    if (!rep)
      continue;
    for (const dna::NamedComplex *signal : signals)
      if (sameUpToHistory(rep->complex, signal->complex, design.domains) ||
          isSignalVariant(rep->complex, signal->complex, design.domains)) {
        partial[s] = Multiset{*formal.lookup(signal->name)};
        break;
      }
  }
}

/// Macrostates that are a fuel up to history (a gate's output that is a
/// copy of a formal fuel such as a buffer's BS_X): they take part as that
/// fuel does, so they are removed with the fuels.
static std::vector<SpeciesIndex>
fuelVariants(const enumerate::EnumeratedSystem &system,
             const dna::Design &design, const ir::Module &module) {
  std::vector<const dna::NamedComplex *> fuels;
  for (const dna::NamedComplex &c : design.allComplexes())
    if (c.role == dna::ComplexRole::Fuel || c.constant)
      fuels.push_back(&c);
  std::vector<SpeciesIndex> out;
  for (SpeciesIndex s = 0; s < module.speciesCount(); ++s) {
    const enumerate::EnumeratedComplex *rep =
        representative(system, system.macrostates[s]);
    if (module.getSpecies(s).constant || !rep || rep->input)
      continue;
    for (const dna::NamedComplex *fuel : fuels)
      if (sameUpToHistory(rep->complex, fuel->complex, design.domains)) {
        out.push_back(s);
        break;
      }
  }
  return out;
}

/// A strand as text, history domains as one wildcard (complement kept).
static std::string strandKey(const dna::Strand &strand,
                             const dna::DomainTable &domains) {
  std::string key;
  for (dna::DomainRef d : strand) {
    uint32_t id = isHistory(d, domains) ? UINT32_MAX : d.id;
    key.append(reinterpret_cast<const char *>(&id), sizeof id);
    key.push_back(d.complement ? '*' : ' ');
  }
  return key;
}

/// Merges `module` into a species' gate module so far.
static void addGate(int32_t &gate, int32_t module) {
  if (gate == GateNone || gate == module)
    gate = module;
  else
    gate = GateShared;
}

std::vector<int32_t>
verify::gateModules(const enumerate::EnumeratedSystem &system,
                    const dna::Design &design) {
  if (design.modules.empty())
    return {};
  llvm::StringMap<int32_t> owner; // strand key -> module or GateShared
  for (const dna::NamedComplex &c : design.allComplexes())
    if (c.role == dna::ComplexRole::Signal)
      for (const dna::Strand &s : c.complex.allStrands())
        owner[strandKey(s, design.domains)] = GateNone;
  for (size_t k = 0; k < design.modules.size(); ++k)
    for (dna::ComplexIndex f : design.modules[k].fuels)
      for (const dna::Strand &s : design.getComplex(f).complex.allStrands()) {
        auto [it, fresh] =
            owner.try_emplace(strandKey(s, design.domains), int32_t(k));
        if (!fresh && it->second != GateNone && it->second != int32_t(k))
          it->second = GateShared;
      }
  std::vector<int32_t> gate(system.macrostates.size(), GateNone);
  for (size_t m = 0; m < system.macrostates.size(); ++m)
    for (enumerate::ComplexId c : system.macrostates[m].complexes)
      for (const dna::Strand &s : system.complexes[c].complex.allStrands()) {
        auto it = owner.find(strandKey(s, design.domains));
        if (it == owner.end() || it->second < 0)
          continue; // a signal's strand, or one in several modules' fuels
        addGate(gate[m], it->second);
      }
  return gate;
}

EnumeratedImplementation
verify::implementationFromEnumeration(const enumerate::EnumeratedSystem &system,
                                      const dna::Design &design,
                                      const Crn &formal, ConcUnit unit) {
  EnumeratedImplementation out;
  out.module = implementationModule(system, design, unit, "implementation");
  out.crn = crnFromModule(out.module);
  for (SpeciesIndex s = 0; s < out.crn.speciesCount(); ++s)
    if (out.crn.constant[s])
      out.fuels.push_back(s);
  std::vector<SpeciesIndex> removed = out.fuels;
  llvm::append_range(removed, fuelVariants(system, design, out.module));
  removeSpecies(out.crn, removed);
  out.partial = interpretationFromNames(out.crn, formal);
  interpretHistoryVariants(system, design, formal, out.crn, out.partial);
  out.gateModule = gateModules(system, design);
  for (const dna::ReactionModule &m : design.modules)
    out.moduleEquations.push_back(m.equation);
  return out;
}
