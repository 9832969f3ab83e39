//===- Design.cpp - a domain-level DSD system -----------------------------===//

#include "lib/dna/Design.h"
#include <cassert>
#include <set>
#include <unordered_set>

using namespace crnc::dna;

llvm::StringRef crnc::dna::complexRoleName(ComplexRole role) {
  switch (role) {
  case ComplexRole::Signal:
    return "signal";
  case ComplexRole::Fuel:
    return "fuel";
  case ComplexRole::Intermediate:
    return "intermediate";
  case ComplexRole::Waste:
    return "waste";
  }
  return "fuel";
}

std::optional<ComplexIndex> Design::lookup(llvm::StringRef name) const {
  auto it = byName.find(name);
  if (it == byName.end())
    return std::nullopt;
  return it->second;
}

ComplexIndex Design::add(NamedComplex complex) {
  assert(!byName.count(complex.name) && "complex named twice");
  ComplexIndex index = static_cast<ComplexIndex>(complexes.size());
  byName[complex.name] = index;
  byHash.emplace(complex.complex.hash(), index);
  complexes.push_back(std::move(complex));
  return index;
}

ComplexIndex Design::addFuel(Complex complex, double concentration) {
  auto range = byHash.equal_range(complex.hash());
  std::optional<ComplexIndex> existing;
  for (auto it = range.first; it != range.second; ++it)
    if (complexes[it->second].role == ComplexRole::Fuel &&
        complexes[it->second].complex.isSameMolecule(complex) &&
        (!existing || it->second < *existing))
      existing = it->second;
  if (existing)
    return *existing;
  std::string name;
  do
    name = "f" + std::to_string(++fuelCounter);
  while (byName.count(name));
  NamedComplex entry;
  entry.name = name;
  entry.complex = std::move(complex);
  entry.role = ComplexRole::Fuel;
  entry.concentration = concentration;
  entry.constant = true;
  return add(std::move(entry));
}

/// A strand's key with history domains replaced by one wildcard.
static std::vector<uint64_t> historyFreeKey(const Strand &strand,
                                            const DomainTable &domains) {
  std::vector<uint64_t> key;
  for (DomainRef d : strand)
    key.push_back(domains.get(d.id).kind == DomainKind::History ? 0
                                                                : d.key() + 1);
  return key;
}

namespace {
/// FNV-1a over a list of codes.
struct CodesHash {
  size_t operator()(const std::vector<uint64_t> &codes) const {
    uint64_t h = 1469598103934665603ULL;
    for (uint64_t c : codes)
      h = (h ^ c) * 1099511628211ULL;
    return static_cast<size_t>(h);
  }
};
} // namespace

static std::vector<uint64_t> strandKey(const Strand &strand) {
  std::vector<uint64_t> key;
  key.reserve(strand.size());
  for (DomainRef d : strand)
    key.push_back(d.key() + 1);
  return key;
}

Cost crnc::dna::costOf(const Design &design,
                       const std::vector<ComplexIndex> &indices) {
  Cost cost;
  std::unordered_set<std::vector<uint64_t>, CodesHash> strands, loose;
  std::set<ComplexIndex> seen(indices.begin(), indices.end());
  cost.complexes = static_cast<unsigned>(seen.size());
  for (ComplexIndex i : seen) {
    for (const Strand &s : design.getComplex(i).complex.allStrands()) {
      unsigned length = strandLength(s, design.domains);
      if (strands.insert(strandKey(s)).second) {
        ++cost.strands;
        cost.nucleotides += length;
      }
      if (loose.insert(historyFreeKey(s, design.domains)).second) {
        ++cost.strandsModuloHistory;
        cost.nucleotidesModuloHistory += length;
      }
    }
  }
  return cost;
}

DesignCosts crnc::dna::computeCosts(const Design &design) {
  DesignCosts costs;
  for (const ReactionModule &m : design.modules)
    costs.perModule.push_back(costOf(design, m.fuels));
  std::vector<ComplexIndex> signals, all;
  for (ComplexIndex i = 0; i < design.complexCount(); ++i) {
    all.push_back(i);
    if (design.getComplex(i).role == ComplexRole::Signal)
      signals.push_back(i);
  }
  costs.signals = costOf(design, signals);
  costs.total = costOf(design, all);
  return costs;
}

static void printCostLine(llvm::raw_ostream &os, llvm::StringRef label,
                          const Cost &c) {
  os << "  " << label << ": " << c.complexes << " complexes, " << c.strands
     << " strands, " << c.nucleotides
     << " nt (modulo history: " << c.strandsModuloHistory << " strands, "
     << c.nucleotidesModuloHistory << " nt)\n";
}

void crnc::dna::printCostReport(const Design &design, llvm::raw_ostream &os) {
  printCostReport(design, computeCosts(design), os);
}

void crnc::dna::printCostReport(const Design &design, const DesignCosts &costs,
                                llvm::raw_ostream &os) {
  os << "costs" << (design.scheme.empty() ? "" : " (" + design.scheme + ")")
     << ":\n";
  for (size_t i = 0; i < design.modules.size(); ++i)
    printCostLine(os, design.modules[i].equation, costs.perModule[i]);
  printCostLine(os, "signals", costs.signals);
  printCostLine(os, "total", costs.total);
}
