//===- Design.h - a domain-level DSD system ---------------------*- C++ -*-===//
//
// A Design is what a translation scheme produces and what the exchange
// formats (PIL, Visual DSD, JSON) read and write: the domain table, named
// complexes with their role and concentration, the formal reactions each
// fuel serves, and -- when read from an enumerator's output -- the
// domain-level reactions and resting macrostates it listed.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DNA_DESIGN_H
#define CRNC_DNA_DESIGN_H

#include "lib/dna/Complex.h"
#include "lib/support/Location.h"
#include "lib/support/Units.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crnc::dna {

/// What a complex is for. Names follow the Nuskell convention: fuels f...,
/// wastes w..., intermediates i..., signals named after formal species.
enum class ComplexRole : uint8_t { Signal, Fuel, Intermediate, Waste };
llvm::StringRef complexRoleName(ComplexRole role);

using ComplexIndex = uint32_t;

struct NamedComplex {
  std::string name;
  Complex complex;
  ComplexRole role = ComplexRole::Fuel;
  std::optional<double> concentration; ///< in the design's unit
  bool constant = false;               ///< held at its concentration
  std::string formal;                  ///< formal species (signals)
  Location loc;
};

/// The fuels that implement one formal reaction (one direction, or both for
/// schemes with reversible gates).
struct ReactionModule {
  std::string equation; ///< "A + B -> C"
  std::vector<ComplexIndex> fuels;
  Location loc;
  /// Set by the DSD backend's rate calibration: the rate the formal CRN
  /// asks of the module (q, /M/s), the rate the enumerated module realises
  /// (/M/s, same normalisation) and the gate whose level sets it.
  std::optional<double> targetRate, realisedRate;
  std::optional<ComplexIndex> rateGate;
  /// Nucleotides of the toehold the rate gate exposes to its first reactant,
  /// and the intended mismatches its complement carries there.
  std::optional<unsigned> gateToeholdNt;
  unsigned gateToeholdMismatches = 0;
  /// One of them sits next to the toehold's open end, one is a G.T wobble
  /// (DomainRef).
  bool gateToeholdEndMismatch = false, gateToeholdWobble = false;
  /// Set by rate calibration when some module of the design misses its q:
  /// the rates (/M/s) the rate gate can realise, one [slowest, fastest]
  /// window per toehold setting (the gate between its floor and its level).
  std::vector<std::pair<double, double>> realisableRates = {};
};

/// A domain-level reaction listed in a PIL file (kept for later stages).
struct DomainReaction {
  std::string rateType; ///< "condensed", "bind21", ... or "" when absent
  std::optional<double> rate;
  std::string rateUnits; ///< "/M/s", "/s", ...
  std::vector<std::string> reactants, products;
  Location loc;
};

/// A resting macrostate: a named set of complexes.
struct Macrostate {
  std::string name;
  std::vector<std::string> complexes;
  Location loc;
};

/// How long the design runs in the lab: the formal module's time scale
/// (implemented seconds per formal time unit), per clock phase (a model's
/// horizon) and per training sample (every phase once).
struct LabTime {
  double secondsPerTimeUnit = 0;
  std::optional<double> secondsPerPhase;
  std::optional<double> secondsPerTrainingSample;
  /// Empty: map-rates' time_scale. Else the axis the figures above are on
  /// ("the design's own time axis, ..."), and map-rates' seconds per time
  /// unit beside it.
  std::string axis;
  double mapRatesSecondsPerTimeUnit = 0;
};

class Design {
public:
  DomainTable domains;
  std::string scheme;           ///< translation scheme that made it, if any
  ConcUnit unit = ConcUnit::nM; ///< unit of every concentration
  std::vector<std::string> formalReactions; ///< the input CRN, for headers
  std::optional<LabTime> labTime; ///< set when the module has a time scale
  std::vector<ReactionModule> modules;
  std::vector<DomainReaction> reactions;
  std::vector<Macrostate> macrostates;
  /// Statements read from a file that the model does not interpret (PIL
  /// `strand` and `sup-sequence` lines), kept verbatim for writers.
  std::vector<std::string> otherStatements;

  size_t complexCount() const { return complexes.size(); }
  const NamedComplex &getComplex(ComplexIndex i) const { return complexes[i]; }
  NamedComplex &getComplex(ComplexIndex i) { return complexes[i]; }
  const std::vector<NamedComplex> &allComplexes() const { return complexes; }
  std::optional<ComplexIndex> lookup(llvm::StringRef name) const;
  /// Adds a complex under a new name (asserted).
  ComplexIndex add(NamedComplex complex);
  /// Adds a fuel named `f<n>` unless the same molecule is already present;
  /// returns its index either way.
  ComplexIndex addFuel(Complex complex, double concentration);

private:
  std::vector<NamedComplex> complexes;
  llvm::StringMap<ComplexIndex> byName;
  std::unordered_multimap<uint64_t, ComplexIndex> byHash;
  unsigned fuelCounter = 0;
};

/// Size of a set of complexes, as a lab would order them.
struct Cost {
  unsigned complexes = 0;
  unsigned strands = 0;     ///< distinct strands (same domain sequence)
  unsigned nucleotides = 0; ///< over the distinct strands
  /// Distinct strands and nucleotides when strands that differ only in
  /// history domains count once (how Nuskell reports designs after it
  /// replaces signals by the gate products that stand for them).
  unsigned strandsModuloHistory = 0;
  unsigned nucleotidesModuloHistory = 0;
};

struct DesignCosts {
  std::vector<Cost> perModule; ///< fuels of each module (shared ones count)
  Cost signals;
  Cost total;
};

/// Counts the cost of the given complexes.
Cost costOf(const Design &design, const std::vector<ComplexIndex> &complexes);
DesignCosts computeCosts(const Design &design);
/// A table of the costs: one line per module, then signals and the total.
void printCostReport(const Design &design, llvm::raw_ostream &os);
/// The same with costs already computed by computeCosts(design).
void printCostReport(const Design &design, const DesignCosts &costs,
                     llvm::raw_ostream &os);

} // namespace crnc::dna

#endif
