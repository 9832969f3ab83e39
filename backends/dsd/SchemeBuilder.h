//===- SchemeBuilder.h - shared machinery of the DSD schemes ----*- C++ -*-===//
//
// What every translation scheme needs besides its gate shapes: fresh domains
// of each kind, the formal reactions as steps (reversible ones split when the
// scheme only builds irreversible gates), signal complexes named after the
// formal species, and fuels collected per formal reaction.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_SCHEMEBUILDER_H
#define CRNC_BACKENDS_DSD_SCHEMEBUILDER_H

#include "backends/dsd/Scheme.h"
#include <vector>

namespace crnc::dsd {

/// One reaction direction (or a whole reversible reaction) to implement.
struct Step {
  std::vector<ir::SpeciesId> reactants; ///< expanded: 2A gives A, A
  std::vector<ir::SpeciesId> products;
  bool reversible = false; ///< only when the scheme asked to keep them
  std::string equation;    ///< "A + B -> C"
  Location loc;
};

class SchemeBuilder {
public:
  SchemeBuilder(const ir::Module &module, const SchemeOptions &options,
                dna::Design &design);

  const ir::Module &module() const { return mod; }
  const SchemeOptions &options() const { return opts; }
  dna::Design &design() { return out; }

  /// Fresh domains: toeholds t<n>, long domains d<n>, history domains h<n>.
  dna::DomainRef toehold();
  dna::DomainRef longDomain();
  dna::DomainRef history();

  /// The reactions in order; reversible ones become two steps (forward, then
  /// backward) unless `keepReversible`.
  std::vector<Step> steps(bool keepReversible) const;

  /// Adds the signal complex of formal species `species`.
  void addSignal(ir::SpeciesId species, dna::Complex complex);
  /// Starts the module of `step`; later fuels belong to it.
  void beginModule(const Step &step);
  /// Adds a fuel (deduplicated) to the current module.
  dna::ComplexIndex fuel(dna::Complex complex);

private:
  const ir::Module &mod;
  const SchemeOptions &opts;
  dna::Design &out;
};

/// A single-stranded complex with the given domains, all unpaired.
dna::Complex singleStrand(std::initializer_list<dna::DomainRef> domains);
dna::Complex singleStrand(const std::vector<dna::DomainRef> &domains);

/// The complement of a domain occurrence (shorthand for gate code).
inline dna::DomainRef operator~(dna::DomainRef d) { return d.complemented(); }

} // namespace crnc::dsd

#endif
