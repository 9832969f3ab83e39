//===- Module.h - the CRN intermediate representation -----------*- C++ -*-===//
//
// A Module is one chemical reaction network: species, reactions, parameters and
// phases, in declaration order. Every stage of crnc (front end, passes,
// simulation, backends) reads and writes this structure; its textual form is
// printed by ir/Printer.h and read back by ir/Parser.h.
//
// Conventions:
//  - Concentrations are in the module's unit (`Module::unit`), rate constants
//  in
//    that unit and seconds: a reaction of order n has k in unit^(1-n) / s.
//  - Mass action with stoichiometric reactants: `2A -> B` fires at k*A^2 (the
//    Nuskell/Peppercorn convention) and consumes two A per firing.
//  - A reversible reaction has `reverseRate`; its reverse direction fires at
//    kr * prod(products^count).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_MODULE_H
#define CRNC_IR_MODULE_H

#include "lib/support/Location.h"
#include "lib/support/Units.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace crnc::ir {

using SpeciesId = uint32_t;
using PhaseId = uint32_t;
/// The phase of a reaction that runs at all times.
constexpr PhaseId NoPhase = UINT32_MAX;

/// What a species stands for. Passes and backends use the role to decide what
/// to do with it (a fuel is held at C_max, a waste is never read, an input is
/// set by the host before each run, ...).
enum class SpeciesRole {
  Signal,       ///< an ordinary formal species
  Input,        ///< set from data before each run (x_i)
  Output,       ///< read as the result (y-hat)
  Target,       ///< the label presented during training (y)
  Weight,       ///< a learned parameter (theta, w)
  Hidden,       ///< internal state of a model (z)
  Adjoint,      ///< backward-pass state (a)
  Gradient,     ///< gradient accumulator (g)
  ErrorSignal,  ///< prediction error (e)
  Clock,        ///< phase trigger or oscillator species
  Fuel,         ///< supplied in excess by the implementation
  Intermediate, ///< created by a pass between formal steps
  Waste,        ///< produced and never consumed by design
};

llvm::StringRef roleName(SpeciesRole role);
std::optional<SpeciesRole> parseRole(llvm::StringRef name);

/// A key/value annotation that later stages read (for example, which feature
/// an input species carries). Kept in insertion order.
struct Attribute {
  std::string key;
  std::string value;
};
using AttributeList = llvm::SmallVector<Attribute, 0>;

/// Returns the value of `key`, or nullopt.
std::optional<llvm::StringRef> findAttribute(const AttributeList &attrs,
                                             llvm::StringRef key);
/// Sets `key` to `value`, replacing an existing entry in place.
void setAttribute(AttributeList &attrs, llvm::StringRef key,
                  llvm::StringRef value);

struct Species {
  std::string name;
  SpeciesRole role = SpeciesRole::Signal;
  double initial = 0;    ///< in the module's unit
  bool constant = false; ///< held at its initial value (buffered)
  bool isSigned = false; ///< may go negative (abstract; dual-rail removes it)
  AttributeList attrs;
  Location loc;
};

/// `count` copies of one species on one side of a reaction.
struct Term {
  SpeciesId species;
  uint32_t count;
  bool operator==(const Term &o) const {
    return species == o.species && count == o.count;
  }
};
using TermList = llvm::SmallVector<Term, 2>;

struct Reaction {
  TermList reactants;
  TermList products;
  double rate = 1;                   ///< forward rate constant
  std::optional<double> reverseRate; ///< set for `<=>`
  PhaseId phase = NoPhase;
  Location loc;

  bool isReversible() const { return reverseRate.has_value(); }
  /// Sum of reactant stoichiometries (the molecularity of the forward step).
  unsigned order() const;
  /// Sum of product stoichiometries (the molecularity of the reverse step).
  unsigned productOrder() const;
  /// Net change of `species` per forward firing (products minus reactants).
  int netChange(SpeciesId species) const;
  /// Stoichiometry of `species` among the reactants (0 when absent).
  unsigned reactantCount(SpeciesId species) const;
  unsigned productCount(SpeciesId species) const;
};

struct Parameter {
  std::string name;
  double value = 0;
  Location loc;
};

/// A named group of reactions that runs only while its phase is active (a
/// clock phase of a learning network, a stage of a protocol).
struct Phase {
  std::string name;
  AttributeList attrs;
  Location loc;
};

/// One chemical reaction network.
class Module {
public:
  explicit Module(std::string name = "main") : name(std::move(name)) {}

  std::string name;
  ConcUnit unit = ConcUnit::None;
  AttributeList attrs; ///< model-level annotations (model kind, horizon, ...)

  // Species ----------------------------------------------------------------
  size_t speciesCount() const { return species.size(); }
  const Species &getSpecies(SpeciesId id) const { return species[id]; }
  Species &getSpecies(SpeciesId id) { return species[id]; }
  const std::vector<Species> &allSpecies() const { return species; }
  std::optional<SpeciesId> lookupSpecies(llvm::StringRef name) const;
  /// Adds a species; the name must be new (asserted: callers check first).
  SpeciesId addSpecies(Species s);
  /// Returns the existing species named `name`, or adds a signal species.
  SpeciesId getOrAddSpecies(llvm::StringRef name, Location loc);
  /// A name based on `base` that no species has yet (base, base_1, base_2 ...).
  std::string uniqueSpeciesName(llvm::StringRef base) const;
  /// Renames a species; the new name must be free.
  void renameSpecies(SpeciesId id, llvm::StringRef newName);
  /// Removes the species for which `dead` is true and every reaction that
  /// mentions one of them; renumbers the rest in order.
  void eraseSpecies(const std::function<bool(SpeciesId)> &dead);

  // Reactions --------------------------------------------------------------
  size_t reactionCount() const { return reactions.size(); }
  std::vector<Reaction> &allReactions() { return reactions; }
  const std::vector<Reaction> &allReactions() const { return reactions; }
  void addReaction(Reaction r) { reactions.push_back(std::move(r)); }

  // Parameters -------------------------------------------------------------
  std::vector<Parameter> &allParameters() { return parameters; }
  const std::vector<Parameter> &allParameters() const { return parameters; }
  void setParameter(llvm::StringRef name, double value,
                    Location loc = Location());

  // Phases -----------------------------------------------------------------
  std::vector<Phase> &allPhases() { return phases; }
  const std::vector<Phase> &allPhases() const { return phases; }
  std::optional<PhaseId> lookupPhase(llvm::StringRef name) const;
  PhaseId addPhase(Phase p);

private:
  std::vector<Species> species;
  llvm::StringMap<SpeciesId> speciesByName;
  std::vector<Reaction> reactions;
  std::vector<Parameter> parameters;
  std::vector<Phase> phases;
};

/// Sorts a term list by species id and merges repeated species.
void normalizeTerms(TermList &terms);

} // namespace crnc::ir

#endif
