//===- DesignVerification.cpp - a design made elsewhere, ready to check ---===//

#include "lib/verify/DesignVerification.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace crnc;
using namespace crnc::verify;

bool verify::isHistoryVariant(const dna::Complex &c, const dna::Complex &signal,
                              const dna::DomainTable &domains) {
  if (c.strandCount() != signal.strandCount() ||
      c.domainCount() != signal.domainCount())
    return false;
  for (size_t first = 0; first < c.strandCount(); ++first) {
    dna::Complex r = c.rotated(first);
    if (r.allPartners() != signal.allPartners())
      continue;
    bool same = true;
    for (size_t s = 0; same && s < r.strandCount(); ++s)
      same = r.strand(s).size() == signal.strand(s).size();
    for (unsigned p = 0; same && p < r.domainCount(); ++p) {
      dna::DomainRef want = signal.domainAt(p);
      same = r.domainAt(p) == want ||
             domains.get(want.id).kind == dna::DomainKind::History;
    }
    if (same)
      return true;
  }
  return false;
}

static bool hasHistoryDomain(const dna::Complex &c,
                             const dna::DomainTable &domains) {
  for (unsigned p = 0; p < c.domainCount(); ++p)
    if (domains.get(c.domainAt(p).id).kind == dna::DomainKind::History)
      return true;
  return false;
}

std::vector<std::string>
verify::nameHistoryVariants(enumerate::EnumeratedSystem &sys,
                            const dna::Design &design) {
  std::vector<const dna::NamedComplex *> signals;
  for (const dna::NamedComplex &c : design.allComplexes())
    if (c.role == dna::ComplexRole::Signal &&
        hasHistoryDomain(c.complex, design.domains))
      signals.push_back(&c);
  llvm::StringSet<> taken;
  for (const enumerate::RestingMacrostate &m : sys.macrostates)
    taken.insert(m.name);
  llvm::StringMap<unsigned> counters;
  std::vector<std::string> renamed;
  for (enumerate::RestingMacrostate &m : sys.macrostates) {
    const enumerate::EnumeratedComplex *rep = nullptr;
    for (enumerate::ComplexId id : m.complexes)
      if (sys.complexes[id].name == m.name)
        rep = &sys.complexes[id];
    if (!rep || rep->input)
      continue;
    for (const dna::NamedComplex *signal : signals) {
      if (!isHistoryVariant(rep->complex, signal->complex, design.domains))
        continue;
      std::string base = signal->formal.empty() ? signal->name : signal->formal;
      std::string name;
      do
        name = base + "_" + std::to_string(++counters[base]) + "_";
      while (!taken.insert(name).second);
      for (enumerate::ComplexId id : m.complexes)
        if (sys.complexes[id].name == m.name)
          sys.complexes[id].name = name;
      m.name = name;
      renamed.push_back(name);
      break;
    }
  }
  return renamed;
}

std::vector<std::string>
verify::removeFormalFuels(Crn &formal, const Crn &implementation,
                          llvm::ArrayRef<SpeciesIndex> implementationFuels) {
  std::vector<SpeciesIndex> fuels;
  for (SpeciesIndex s = 0; s < formal.speciesCount(); ++s)
    if (formal.constant[s])
      fuels.push_back(s);
  for (SpeciesIndex s : implementationFuels)
    if (auto f = formal.lookup(implementation.speciesNames[s]))
      if (!llvm::is_contained(fuels, *f))
        fuels.push_back(*f);
  std::vector<std::string> names;
  for (SpeciesIndex s : fuels)
    names.push_back(formal.speciesNames[s]);
  removeSpecies(formal, fuels);
  return names;
}

static std::string plural(size_t n, llvm::StringRef word) {
  return std::to_string(n) + " " + word.str() + (n == 1 ? "" : "s");
}

DesignImplementation
verify::implementationFromDesign(dna::Design design, Crn formal, ConcUnit unit,
                                 const enumerate::EnumerateOptions &limits) {
  DesignImplementation out;
  for (dna::ComplexIndex i = 0; i < design.complexCount(); ++i) {
    dna::NamedComplex &c = design.getComplex(i);
    if (c.role == dna::ComplexRole::Signal && c.concentration == 0.0)
      c.concentration.reset();
  }
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateDesign(design, limits);
  if (!system) {
    out.enumerationStopped = llvm::toString(system.takeError());
    out.formal = std::move(formal);
    return out;
  }
  out.variants = nameHistoryVariants(*system, design);
  out.enumerated = std::to_string(system->complexes.size()) + " complexes, " +
                   plural(system->macrostates.size(), "resting macrostate") +
                   ", " +
                   plural(system->condensed.size(), "condensed reaction");
  if (system->ignoredBySize)
    out.enumerated += " (" + std::to_string(system->ignoredBySize) +
                      " binding reactions ignored: product above " +
                      std::to_string(limits.maxComplexSize) + " strands)";
  ConcUnit implUnit = unit == ConcUnit::None ? design.unit : unit;
  out.implementation =
      implementationFromEnumeration(*system, design, formal, implUnit);
  out.formalFuels = removeFormalFuels(formal, out.implementation.crn,
                                      out.implementation.fuels);
  out.formal = std::move(formal);
  out.implementation.partial =
      interpretationFromNames(out.implementation.crn, out.formal);
  return out;
}
