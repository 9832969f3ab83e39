//===- LabNetwork.h - a network crnc train's protocol runs on ---*- C++ -*-===//
//
// The chemistry a lab would actually hold, as a mass-action network, and how
// to read the model's signals out of it: the lowered formal CRN (chemical
// clocks, buffers, reduce-order intermediates, lab seconds) or the condensed
// network of the enumerated DSD design (one species per resting macrostate,
// fuels kept at their levels). Each network species "holds" a multiset of
// signals (the model's species and the clock triggers): a free signal strand
// (history domains ignored) holds its signal, and a species bound reversibly
// to fuels holds what it was bound from (X + gate <=> H + fuel: H holds X;
// X + LS <=> HS + BS: HS holds X; X + P <=> c_X_P: c holds X + P), and the
// complex a gate commits its reactants to holds them (closeOverCommittedSteps:
// a unimolecular gate's reactant, a join's two). Wastes hold nothing.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_LABNETWORK_H
#define CRNC_VERIFY_LABNETWORK_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/verify/ImplementationCrn.h"
#include <optional>

namespace crnc::verify {

struct LabNetwork {
  /// Species and irreversible mass-action reactions in the formal module's
  /// unit and seconds; fuels constant (held at their level) or not (finite).
  ir::Module module;
  /// The readout species: the names given to the builder, in order.
  std::vector<std::string> signals;
  /// Per network species: the signals it holds (indices into `signals`).
  std::vector<Multiset> holds;
  /// Per signal: the network species a lab adds to raise it (the free strand
  /// named like the signal), when the network has one.
  std::vector<std::optional<size_t>> injection;
  std::vector<size_t> fuels; ///< network species that are fuels
  size_t reactions = 0;      ///< irreversible reactions
};

/// The signals a lab reads and adds: the model's species names (in order,
/// so that train::ModelInterface indices are signal indices), then the clock
/// triggers the lowering `formal` of `model` added.
std::vector<std::string> labReadoutSignals(const ir::Module &model,
                                           const ir::Module &formal);

/// Requires: `formal` is a lowered formal module (map-rates ran); `signals`
/// name species of it (absent names hold nothing and have no injection).
/// Guarantees: the network is `formal` with its constant species as fuels
/// (held, or finite when `finiteFuels`), its other species starting at
/// amount_factor times their initial values (what the lab adds, as the
/// design does), and per species X with gate_hold h a held copy
/// X <=> held_X at the ratio h (the gates' share of map-rates'
/// sequestration, which the formal reactions leave implicit: without it a
/// species its buffer holds by less than the sequestration runs free above
/// the level time_scale assumes); holds as in the file comment.
LabNetwork formalLabNetwork(const ir::Module &formal,
                            llvm::ArrayRef<std::string> signals,
                            bool finiteFuels);

/// Requires: `system` is `design` enumerated and condensed; `design` is the
/// scheme's translation of `formal`; `signals` as above.
/// Guarantees: species i is macrostate i; initial amounts from the design's
/// concentrations (converted to `formal`'s unit); fuels are the macrostates
/// holding a fuel or a constant input complex; condensed rates converted
/// from /M/s to the unit. A macrostate that is one free strand equal, up to
/// history domains, to the signal strand of formal species F holds what F
/// holds in formalLabNetwork(formal); reversible binding (fuels ignored)
/// extends that to bound species, then closeOverCommittedSteps to the
/// complexes of unimolecular gates.
LabNetwork dnaLabNetwork(const enumerate::EnumeratedSystem &system,
                         const dna::Design &design, const ir::Module &formal,
                         llvm::ArrayRef<std::string> signals, bool finiteFuels);

/// Interprets unset species of `crn` by reversible binding until nothing
/// changes: when the reactions R -> P and P -> R both exist (species with
/// `ignore` set dropped from both sides), P is one species with no entry and
/// every species of R has one, P holds the sum of what R holds.
void closeOverReversibleBinding(const Crn &crn, const std::vector<bool> &ignore,
                                Interpretation &holds);

/// Interprets unset species of `crn` committed by a gate step until nothing
/// changes: a species P that some reaction consumes, made only by reactions
/// R -> P + wastes (species with `ignore` set dropped; R one or two species
/// with entries, the same sum for every such reaction; the wastes consumed
/// by nothing) holds what R holds together. This is the complex a
/// unimolecular gate commits its reactant to (SSW 2010: X + G -> O, then
/// O + T -> products), whose share of X map-rates counts in gate_hold (k /
/// qmax) and the formal lab network holds as held_X, and a join's committed
/// complex (H + X2 -> O: X1 and X2 until the translator releases the
/// products), whose share the one-gate buffers give up (InFlightHold.h), so
/// that the formal lab network's buffers hold it: read as nothing, the DNA
/// design read the first Iris row's error 3.5 % short of the formal CRN
/// (re-simulation 8.41 %, now 5.46 %) and the README probe 0.751 % (now
/// 0.444 %).
void closeOverCommittedSteps(const Crn &crn, const std::vector<bool> &ignore,
                             Interpretation &holds);

} // namespace crnc::verify

#endif
