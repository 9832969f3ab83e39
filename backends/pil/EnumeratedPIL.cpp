//===- EnumeratedPIL.cpp - an enumerated system as PIL --------------------===//

#include "backends/pil/EnumeratedPIL.h"
#include "lib/dna/KernelNotation.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

namespace {
class Writer {
public:
  Writer(const Design &input, const EnumeratedSystem &sys,
         llvm::raw_ostream &os)
      : input(input), sys(sys), os(os) {}

  void complexes(bool resting, const char *title) {
    unsigned n = 0;
    for (const EnumeratedComplex &c : sys.complexes)
      n += c.resting == resting;
    os << "\n# " << title << " (" << n << ")\n";
    for (const EnumeratedComplex &c : sys.complexes)
      if (c.resting == resting)
        complex(c);
  }

  void complex(const EnumeratedComplex &c) {
    std::string mismatches = describeMismatches(c.complex, input.domains);
    if (!mismatches.empty())
      os << "# " << c.name << " carries intended mismatches: " << mismatches
         << "\n";
    os << c.name << " = " << printKernel(c.complex, input.domains);
    if (c.input) {
      const NamedComplex &nc = input.getComplex(*c.input);
      if (nc.concentration)
        os << (nc.constant ? " @constant " : " @initial ")
           << formatNumber(*nc.concentration) << " "
           << concUnitName(input.unit);
    }
    os << "\n";
  }

  /// k in /M/s (or /s) as per-unit rate with its unit text.
  void rate(llvm::StringRef kind, double k, size_t order) {
    std::string units;
    for (size_t i = 1; i < order; ++i) {
      k *= concUnitInMolar(input.unit);
      units += "/" + concUnitName(input.unit).str();
    }
    os << "reaction [" << kind << " = " << formatSignificant(k, 7) << " "
       << units << "/s ] ";
  }

  template <typename Names>
  void side(const std::vector<uint32_t> &ids, Names name) {
    for (size_t i = 0; i < ids.size(); ++i)
      os << (i ? " + " : "") << name(ids[i]);
  }

  void condensed() {
    os << "\n# Resting macrostates (" << sys.macrostates.size() << ")\n";
    for (const RestingMacrostate &m : sys.macrostates) {
      os << "macrostate " << m.name << " = [";
      for (size_t i = 0; i < m.complexes.size(); ++i)
        os << (i ? ", " : "") << sys.complexes[m.complexes[i]].name;
      os << "]\n";
    }
    os << "\n# Condensed reactions (" << sys.condensed.size() << ")\n";
    auto name = [&](MacrostateId m) { return sys.macrostates[m].name; };
    for (const CondensedReaction &r : sys.condensed) {
      rate("condensed", r.rate, r.reactants.size());
      side(r.reactants, name);
      os << " -> ";
      side(r.products, name);
      os << "\n";
    }
  }

  void detailed() {
    complexes(false, "Transient complexes");
    os << "\n# Detailed reactions (" << sys.reactions.size() << ")\n";
    auto name = [&](ComplexId c) { return sys.complexes[c].name; };
    for (const DetailedReaction &r : sys.reactions) {
      rate(reactionKindName(r.kind), r.rate, r.reactants.size());
      side(r.reactants, name);
      os << " -> ";
      side(r.products, name);
      os << "\n";
    }
  }

private:
  const Design &input;
  const EnumeratedSystem &sys;
  llvm::raw_ostream &os;
};
} // namespace

void crnc::pil::writeEnumeratedPIL(const Design &input,
                                   const EnumeratedSystem &system,
                                   bool detailed, llvm::raw_ostream &os) {
  os << "# Enumerated by crnc ("
     << (detailed ? "detailed reactions" : "condensed reactions") << ")\n";
  os << "\n# Domains (" << input.domains.size() << ")\n";
  for (const Domain &d : input.domains.all())
    os << "length " << d.name << " = " << d.length << "\n";
  Writer w(input, system, os);
  w.complexes(true, "Resting complexes");
  if (detailed)
    w.detailed();
  else
    w.condensed();
}
