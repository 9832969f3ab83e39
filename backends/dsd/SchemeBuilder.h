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
  /// Concentration of the gate fuel absorbed from this step's reactants (see
  /// SchemeBuilder::isGateFuel), or 0 when the step had none.
  double gateFuelLevel = 0;
  /// The direction's rate q in the module's units (map-rates' output).
  double rate = 0;
  /// The IR reaction (index into allReactions()) and direction it realises.
  size_t reaction = 0;
  bool backward = false;
  /// The free level (module units) of the second reactant at which the
  /// module fires, for calibration at the signals' real levels
  /// (RateCalibration.h); 0: measured at a trace level like the first.
  double partnerLevel = 0;
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
  /// backward) unless `keepReversible`; with `keepCatalystPlace`, a species
  /// on both sides of a bimolecular-both-ways reaction keeps its place among
  /// the reactants (the join gates of soloveichik2010 need it). Gate
  /// fuels are left out of the reactants: the gate itself, held at the fuel's
  /// level, stands for them.
  std::vector<Step> steps(bool keepReversible,
                          bool keepCatalystPlace = false) const;

  /// True for the fuel that map-rates adds to make a unimolecular step
  /// bimolecular (`X + G -> Y` at q = k / C_max): a constant species of role
  /// fuel that is no buffer (`buffer_of`) and no product. In DNA the gate
  /// complexes at C_max are that fuel (Soloveichik, Seelig & Winfree 2010), so
  /// it gets no signal complex and its step is built as `X -> Y`.
  bool isGateFuel(ir::SpeciesId species) const { return gateFuel[species]; }

  /// Adds the signal complex of formal species `species`.
  void addSignal(ir::SpeciesId species, dna::Complex complex);
  /// Starts the module of `step`; later fuels belong to it.
  void beginModule(const Step &step);
  /// Adds a fuel (deduplicated) to the current module.
  dna::ComplexIndex fuel(dna::Complex complex);
  /// The step of every module begun so far, in the order of
  /// design().modules.
  const std::vector<Step> &moduleSteps() const { return begun; }

private:
  const ir::Module &mod;
  const SchemeOptions &opts;
  dna::Design &out;
  std::vector<bool> gateFuel;
  double cmax;                ///< fuelConcentration(mod)
  double moduleFuelLevel = 0; ///< fuel concentration of the current module
  std::vector<Step> begun;
};

/// The signal of every formal species except the gate fuels and those
/// `skip(id)` names (a buffer gate's own species), indexed by species id:
/// `make()` draws a signal's domains, `strand(signal)` lists the domains of
/// its single-stranded complex.
template <typename Signal, typename Make, typename Strand, typename Skip>
std::vector<Signal> buildSignals(SchemeBuilder &builder, Make make,
                                 Strand strand, Skip skip);
template <typename Signal, typename Make, typename Strand>
std::vector<Signal> buildSignals(SchemeBuilder &builder, Make make,
                                 Strand strand) {
  return buildSignals<Signal>(builder, make, strand,
                              [](ir::SpeciesId) { return false; });
}

/// The signals of `species`, in order (a step's reactants or products).
template <typename Signal>
std::vector<Signal> signalsOf(const std::vector<Signal> &signals,
                              const std::vector<ir::SpeciesId> &species) {
  std::vector<Signal> picked;
  picked.reserve(species.size());
  for (ir::SpeciesId id : species)
    picked.push_back(signals[id]);
  return picked;
}

/// A single-stranded complex with the given domains, all unpaired.
dna::Complex singleStrand(std::initializer_list<dna::DomainRef> domains);
dna::Complex singleStrand(const std::vector<dna::DomainRef> &domains);

/// The complement of a domain occurrence (shorthand for gate code).
inline dna::DomainRef operator~(dna::DomainRef d) { return d.complemented(); }

template <typename Signal, typename Make, typename Strand, typename Skip>
std::vector<Signal> buildSignals(SchemeBuilder &builder, Make make,
                                 Strand strand, Skip skip) {
  std::vector<Signal> signals(builder.module().speciesCount());
  for (ir::SpeciesId id = 0; id < signals.size(); ++id) {
    if (builder.isGateFuel(id) || skip(id))
      continue; // steps leave these out, so their entry is never read
    signals[id] = make();
    builder.addSignal(id, singleStrand(strand(signals[id])));
  }
  return signals;
}

} // namespace crnc::dsd

#endif
