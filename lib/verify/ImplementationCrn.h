//===- ImplementationCrn.h - CRNs as verification sees them -----*- C++ -*-===//
//
// The CRN that formal verification works on: species names, irreversible
// reactions over multisets, rates kept for re-simulation. Built from an
// ir::Module (a formal CRN or a condensed implementation network); fuels are
// removed, wastes detected, and an interpretation (implementation species ->
// multiset of formal species) read from a file or inferred from names.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_IMPLEMENTATIONCRN_H
#define CRNC_VERIFY_IMPLEMENTATIONCRN_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/verify/Multiset.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::verify {

struct CrnReaction {
  Multiset reactants; ///< canonical (sorted)
  Multiset products;  ///< canonical (sorted)
  double rate = 1;    ///< in the module's unit and seconds
  Location loc;       ///< where the user wrote it (a reversible pair shares it)
};

/// A CRN over named species. Species keep their index for the CRN's life.
struct Crn {
  std::vector<std::string> speciesNames;
  std::vector<double> initial; ///< initial amount per species
  std::vector<bool> constant;  ///< declared constant (buffered) species
  std::vector<CrnReaction> reactions;
  llvm::StringMap<SpeciesIndex> index;

  size_t speciesCount() const { return speciesNames.size(); }
  SpeciesIndex getOrAddSpecies(llvm::StringRef name);
  std::optional<SpeciesIndex> lookup(llvm::StringRef name) const;
  /// Species that occur in some reaction, ascending.
  std::vector<SpeciesIndex> usedSpecies() const;
  /// "A + 2 B" style text of a multiset ("∅" when empty).
  std::string format(llvm::ArrayRef<SpeciesIndex> m) const;
  std::string format(const CrnReaction &r) const;
};

/// Guarantees: one reaction per direction (a reversible reaction becomes two,
/// forward first), species in module order, initial amounts and constants as
/// declared.
Crn crnFromModule(const ir::Module &module);

/// Removes `species` from every reaction, then drops reactions that became
/// trivial (reactants == products) and repeated reactions (first one kept).
void removeSpecies(Crn &crn, llvm::ArrayRef<SpeciesIndex> species);

/// The fuels of a check: the species named in `fuelNames`, then every other
/// constant species of `implementation`, removed from it (removeSpecies) and
/// from `formal` where a formal species has the same name.
/// Guarantees: on success `fuels` lists them in that order (indices into the
/// implementation before removal); otherwise returns the first name that is
/// no species of `implementation` and changes nothing.
std::optional<std::string> removeFuels(Crn &formal, Crn &implementation,
                                       llvm::ArrayRef<std::string> fuelNames,
                                       std::vector<SpeciesIndex> &fuels);

/// Waste species (Nuskell's definition): starting from `signals`, a species is
/// a non-waste if it is a reactant of a reaction that involves a non-waste;
/// every other used species is a waste (it can never take part in producing
/// or consuming a signal). Returns a flag per species.
std::vector<bool> findWastes(const Crn &crn, const std::vector<bool> &signals);

/// An interpretation: for each implementation species, the multiset of formal
/// species (indices into the formal CRN) it stands for, or none if unknown.
using Interpretation = std::vector<std::optional<Multiset>>;

/// The names of the wastes of `implementation` (findWastes) whose signals
/// are the species `partial` interprets as a non-empty formal multiset.
std::vector<std::string>
wasteNames(const Crn &implementation,
           const std::vector<std::optional<Multiset>> &partial);

/// The interpretation implied by names: a used implementation species named
/// like a formal species, or like one followed by `_<digits>_` (Nuskell's
/// names for signal complexes that differ in history domains), stands for it
/// when that formal species occurs in a formal reaction (a formal fuel that
/// was removed stands for nothing by name: its variants are searched).
Interpretation interpretationFromNames(const Crn &implementation,
                                       const Crn &formal);

/// The implementation with every used species that `partial` interprets as
/// exactly one formal species X under another name (a history variant of
/// X's signal) replaced by the species named X (renamed to X when there is
/// none): pathway decomposition takes formal species by name, and history
/// domains do not make a different species.
/// Guarantees: species keep their indices; reactions that became trivial or
/// repeated are dropped (removeSpecies).
Crn mergeSignalVariants(const Crn &implementation,
                        const Interpretation &partial, const Crn &formal);

/// Reads an interpretation written as reactions `x -> A + B` (one reactant,
/// an implementation species; products formal species; `x ->` for nothing)
/// into `out`, which keeps entries the file does not mention. Reports
/// located errors and returns false on any.
bool readInterpretation(const ir::Module &file, const Crn &implementation,
                        const Crn &formal, Interpretation &out,
                        DiagnosticEngine &diags);

/// "x -> A + B" lines, one per interpreted species, in species order.
std::string formatInterpretation(const Interpretation &interpretation,
                                 const Crn &implementation, const Crn &formal);

} // namespace crnc::verify

#endif
