//===- Strands.cpp - the strands a lab orders -----------------------------===//

#include "backends/protocol/Strands.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace crnc;
using namespace crnc::protocol;

llvm::StringRef protocol::strandRoleName(StrandRole role) {
  switch (role) {
  case StrandRole::Gate:
    return "gate";
  case StrandRole::Fuel:
    return "fuel";
  case StrandRole::Signal:
    return "signal";
  case StrandRole::Input:
    return "input";
  case StrandRole::Trigger:
    return "trigger";
  }
  return "fuel";
}

static std::string spellStrand(const dna::Strand &strand,
                               const dna::DomainTable &domains) {
  std::string text;
  for (const dna::DomainRef &ref : strand)
    text += (text.empty() ? "" : " ") + domains.spellMarked(ref);
  return text;
}

/// "_mm<n>" for a strand with n intended mismatches, else "".
static std::string mismatchSuffix(const dna::Strand &strand) {
  unsigned n = 0;
  for (const dna::DomainRef &ref : strand)
    n += ref.mismatchCount();
  return n ? "_mm" + std::to_string(n) : "";
}

static StrandRole signalRole(const dna::NamedComplex &c,
                             const ir::Module &module) {
  std::optional<ir::SpeciesId> id = module.lookupSpecies(c.formal);
  if (!id)
    return StrandRole::Signal;
  switch (module.getSpecies(*id).role) {
  case ir::SpeciesRole::Input:
  case ir::SpeciesRole::Target:
    return StrandRole::Input;
  case ir::SpeciesRole::Clock:
    return StrandRole::Trigger;
  default:
    return StrandRole::Signal;
  }
}

static bool isGate(const dna::NamedComplex &c) {
  return c.role == dna::ComplexRole::Fuel && c.complex.strandCount() > 1;
}

StrandSet protocol::collectStrands(const dna::Design &design,
                                   const ir::Module &module) {
  StrandSet set;
  set.ofComplex.resize(design.complexCount());
  llvm::StringMap<size_t> byDomains;
  llvm::StringSet<> names;
  auto visit = [&](dna::ComplexIndex ci, size_t i, std::string name) {
    const dna::NamedComplex &c = design.getComplex(ci);
    std::string domains = spellStrand(c.complex.strand(i), design.domains);
    auto [it, added] = byDomains.try_emplace(domains, set.strands.size());
    if (added) {
      OrderStrand s;
      // A strand with an intended mismatch says so on the order sheet.
      s.name = name + mismatchSuffix(c.complex.strand(i));
      for (unsigned n = 2; !names.insert(s.name).second; ++n)
        s.name = name + "_" + std::to_string(n);
      s.domains = domains;
      s.length = dna::strandLength(c.complex.strand(i), design.domains);
      s.role = c.role == dna::ComplexRole::Signal ? signalRole(c, module)
                                                  : StrandRole::Fuel;
      set.strands.push_back(std::move(s));
    }
    if (isGate(c))
      set.strands[it->second].role = StrandRole::Gate;
    set.ofComplex[ci].push_back(it->second);
  };
  // Single-stranded complexes first, so a shared strand takes their name.
  for (dna::ComplexIndex c = 0; c < design.complexCount(); ++c)
    if (design.getComplex(c).complex.strandCount() == 1)
      visit(c, 0, design.getComplex(c).name);
  for (dna::ComplexIndex c = 0; c < design.complexCount(); ++c) {
    const dna::NamedComplex &nc = design.getComplex(c);
    for (size_t i = 0;
         nc.complex.strandCount() > 1 && i < nc.complex.strandCount(); ++i)
      visit(c, i, nc.name + "_" + std::to_string(i + 1));
  }
  return set;
}

bool protocol::allHaveSequences(const std::vector<OrderStrand> &strands) {
  for (const OrderStrand &s : strands)
    if (s.sequence.empty())
      return false;
  return !strands.empty();
}

std::string protocol::complementDomains(llvm::StringRef domains) {
  llvm::SmallVector<llvm::StringRef, 8> parts;
  domains.split(parts, ' ', -1, false);
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    std::string flipped =
        it->endswith("*") ? it->drop_back().str() : it->str() + "*";
    out += (out.empty() ? "" : " ") + flipped;
  }
  return out;
}

std::string protocol::reverseComplement(llvm::StringRef sequence) {
  std::string out;
  for (size_t i = sequence.size(); i-- > 0;) {
    char c = sequence[i];
    out += c == 'A'   ? 'T'
           : c == 'T' ? 'A'
           : c == 'C' ? 'G'
           : c == 'G' ? 'C'
                      : c;
  }
  return out;
}
