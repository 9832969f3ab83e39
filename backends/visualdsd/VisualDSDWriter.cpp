//===- VisualDSDWriter.cpp - Visual DSD (.dna) export ---------------------===//

#include "backends/visualdsd/VisualDSDWriter.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::dna;

static std::string spellDomain(DomainRef d, const DomainTable &domains) {
  std::string s = domains.get(d.id).name;
  if (domains.get(d.id).kind == DomainKind::Toehold)
    s += '^';
  if (d.complement)
    s += '*';
  return s;
}

std::string crnc::visualdsd::complexTerm(const Complex &complex,
                                         const DomainTable &domains) {
  std::vector<unsigned> bond(complex.domainCount(), 0);
  unsigned bonds = 0;
  for (unsigned p = 0; p < complex.domainCount(); ++p)
    if (complex.partner(p) > int32_t(p))
      bond[p] = bond[static_cast<unsigned>(complex.partner(p))] = ++bonds;
  std::string out;
  for (size_t s = 0; s < complex.strandCount(); ++s) {
    out += s ? " | <" : "<";
    for (unsigned i = 0; i < complex.strand(s).size(); ++i) {
      unsigned p = complex.strandStart(s) + i;
      if (i)
        out += ' ';
      out += spellDomain(complex.domainAt(p), domains);
      if (bond[p])
        out += "!b" + std::to_string(bond[p]);
    }
    out += '>';
  }
  return out;
}

void crnc::visualdsd::writeVisualDSD(const Design &design,
                                     llvm::raw_ostream &os) {
  os << "(* Domain-level DSD design";
  if (!design.scheme.empty())
    os << ", scheme " << design.scheme;
  os << "\n";
  for (const std::string &r : design.formalReactions)
    os << "   " << r << "\n";
  os << "*)\n";
  os << "directive units { concentration = " << concUnitName(design.unit)
     << " }\n\n";
  for (const NamedComplex &c : design.allComplexes())
    os << "def " << c.name << "() = " << complexTerm(c.complex, design.domains)
       << "\n";
  os << "\n(";
  bool first = true;
  for (const NamedComplex &c : design.allComplexes()) {
    os << (first ? " " : "\n| ");
    first = false;
    if (c.constant)
      os << "constant ";
    os << formatNumber(c.concentration.value_or(0)) << " * " << c.name << "()";
  }
  os << "\n)\n";
}
