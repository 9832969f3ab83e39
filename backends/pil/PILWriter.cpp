//===- PILWriter.cpp - Pepper Internal Language output --------------------===//

#include "backends/pil/PILWriter.h"
#include "lib/dna/KernelNotation.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::dna;

static void writeHeader(const Design &design, llvm::raw_ostream &os) {
  os << "# Domain-level DSD design (PIL)\n";
  if (!design.scheme.empty())
    os << "# scheme: " << design.scheme << "\n";
  if (!design.formalReactions.empty()) {
    os << "# formal CRN:\n";
    for (const std::string &r : design.formalReactions)
      os << "#   " << r << "\n";
  }
  os << "\n";
}

static void writeComplex(const Design &design, const NamedComplex &c,
                         llvm::raw_ostream &os) {
  // The structure is the verified one; the mismatches only weaken a helix.
  std::string mismatches = describeMismatches(c.complex, design.domains);
  if (!mismatches.empty())
    os << "# " << c.name << " carries intended mismatches: " << mismatches
       << "\n";
  os << c.name << " = " << printKernel(c.complex, design.domains);
  if (c.concentration)
    os << (c.constant ? " @constant " : " @initial ")
       << formatNumber(*c.concentration) << " " << concUnitName(design.unit);
  os << "\n";
}

static void writeReaction(const DomainReaction &r, llvm::raw_ostream &os) {
  auto side = [&](const std::vector<std::string> &names) {
    for (size_t i = 0; i < names.size(); ++i)
      os << (i ? " + " : "") << names[i];
  };
  os << "reaction ";
  if (r.rate) {
    os << "[";
    if (!r.rateType.empty())
      os << r.rateType << " = ";
    os << formatNumber(*r.rate) << " " << r.rateUnits << "] ";
  }
  side(r.reactants);
  os << " -> ";
  side(r.products);
  os << "\n";
}

void crnc::pil::writePIL(const Design &design, llvm::raw_ostream &os) {
  writeHeader(design, os);
  os << "# Domains (" << design.domains.size() << ")\n";
  for (const Domain &d : design.domains.all()) {
    if (d.sequence.empty())
      os << "length " << d.name << " = " << d.length << "\n";
    else
      os << "sequence " << d.name << " = " << d.sequence << "\n";
  }
  static const std::pair<ComplexRole, const char *> groups[] = {
      {ComplexRole::Signal, "Signal"},
      {ComplexRole::Fuel, "Fuel"},
      {ComplexRole::Intermediate, "Intermediate"},
      {ComplexRole::Waste, "Waste"}};
  for (const auto &[role, title] : groups) {
    unsigned count = 0;
    for (const NamedComplex &c : design.allComplexes())
      count += c.role == role;
    if (!count)
      continue;
    os << "\n# " << title << " complexes (" << count << ")\n";
    for (const NamedComplex &c : design.allComplexes())
      if (c.role == role)
        writeComplex(design, c, os);
  }
  if (!design.reactions.empty()) {
    os << "\n# Reactions (" << design.reactions.size() << ")\n";
    for (const DomainReaction &r : design.reactions)
      writeReaction(r, os);
  }
  if (!design.macrostates.empty()) {
    os << "\n# Resting macrostates (" << design.macrostates.size() << ")\n";
    for (const Macrostate &m : design.macrostates) {
      os << "macrostate " << m.name << " = [";
      for (size_t i = 0; i < m.complexes.size(); ++i)
        os << (i ? ", " : "") << m.complexes[i];
      os << "]\n";
    }
  }
}

std::string crnc::pil::printPIL(const Design &design) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writePIL(design, os);
  return os.str();
}
