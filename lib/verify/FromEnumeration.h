//===- FromEnumeration.h - implementation CRN of an enumerated design -*- C++
//-*-===//
//
// The adapter from lib/enumerate to this library (README, "Feeding it an
// enumerated design"): the condensed network of an enumerated DSD design as
// an ir::Module (fuels constant at their levels: what re-simulation and the
// SBML export read) and as the implementation CRN that CRN bisimulation and
// pathway decomposition check against the formal CRN.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_FROMENUMERATION_H
#define CRNC_VERIFY_FROMENUMERATION_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

/// The implementation CRN, the fuels removed from it and the partial
/// interpretation its names and structures imply.
struct EnumeratedImplementation {
  /// The condensed network with its fuels (species i is macrostate i).
  ir::Module module;
  Crn crn;                         ///< `module` with the fuels removed
  std::vector<SpeciesIndex> fuels; ///< macrostates holding a fuel complex
  Interpretation partial;          ///< signals and their history variants
  /// Per species of `crn`: the design module (index into Design::modules,
  /// one formal reaction's fuels) whose strands it holds, GateNone when it
  /// holds only signal strands (up to history domains), GateShared when it
  /// holds strands of two or more modules (crosstalk). Empty when the
  /// design lists no modules (a PIL made elsewhere).
  std::vector<int32_t> gateModule;
  /// Per design module: its formal reaction ("A + B -> C").
  std::vector<std::string> moduleEquations;
};

constexpr int32_t GateNone = -1, GateShared = -2;

/// Requires: `system` is `design` enumerated and condensed (enumerateDesign).
/// Guarantees: species i is macrostate i, named after its representative
/// complex; its initial amount is the sum of the design concentrations of
/// its input complexes, in `unit`; it is constant with role Fuel when one of
/// its complexes has role Fuel or is an input complex held constant (a
/// constant formal species such as the lowering's `G` in `A + G -> B`). One
/// irreversible reaction per condensed reaction, rate converted from /M/s
/// (bimolecular) or /s to `unit` and seconds.
ir::Module implementationModule(const enumerate::EnumeratedSystem &system,
                                const dna::Design &design, ConcUnit unit,
                                llvm::StringRef name);

/// Requires: as implementationModule; `formal` is the formal CRN the design
/// implements (its species names are the signals' names).
/// Guarantees: `module` is implementationModule(...); `crn` is it with the
/// fuels removed (removeSpecies), and with them the macrostates that equal
/// a fuel complex up to history domains (a gate's output that is a copy of
/// a formal fuel such as a buffer's `BS_X`; not listed in `fuels`, which
/// are the species held constant); `partial` is interpretationFromNames(crn,
/// formal), extended by history variants: a macrostate whose representative
/// complex equals the design's signal complex of X up to its history domains
/// (the output of a gate, named like `e6` by the enumerator) stands for X;
/// `gateModule` is gateModules(...).
EnumeratedImplementation
implementationFromEnumeration(const enumerate::EnumeratedSystem &system,
                              const dna::Design &design, const Crn &formal,
                              ConcUnit unit);

/// Per macrostate of `system`: the design module whose fuels' strands its
/// complexes hold (strands equal to a signal strand up to history domains,
/// and strands in the fuels of several modules, tell no module), GateNone or
/// GateShared as in EnumeratedImplementation. Empty when the design lists
/// no modules.
std::vector<int32_t> gateModules(const enumerate::EnumeratedSystem &system,
                                 const dna::Design &design);

/// True when `a` and `b` are the same molecule up to rotation, a history
/// domain of one matching any history domain of the other.
bool sameUpToHistory(const dna::Complex &a, const dna::Complex &b,
                     const dna::DomainTable &domains);

} // namespace crnc::verify

#endif
