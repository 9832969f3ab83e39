//===- JoinOrder.h - which reactant a join gate binds first -----*- C++ -*-===//
//
// A join gate takes its reactants one after another and holds the first
// until the others arrive, so the order decides both which species the gate
// sequesters (map-rates' rate model) and, in soloveichik2010, whether some
// gate's output strand can stand in for a reactant of another (output
// crosstalk). map-rates decides the order with these functions and writes it
// into the formal IR; the schemes build what the IR says.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_JOINORDER_H
#define CRNC_ANALYSIS_JOINORDER_H

#include "ir/Module.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace crnc::analysis {

/// One reaction direction as a join gate takes it: reactants in binding
/// order (copies expanded: 2 A gives A, A; gate fuels left out), products.
struct JoinDirection {
  std::vector<ir::SpeciesId> reactants;
  std::vector<ir::SpeciesId> products;
};

/// Per species: whether it is a gate fuel of map-rates, the fuel G that makes
/// a unimolecular step bimolecular (`X + G -> Y` at q = k / C_max): a
/// constant species of role fuel at a positive level that is no buffer
/// (`buffer_of`) and that no irreversible reaction, and no side of a buffer
/// module, produces. In DNA the gate complexes themselves are that fuel.
std::vector<bool> gateFuels(const ir::Module &module);

/// The backward reactants of a reversible reaction with every species on
/// both sides (a catalyst) at the place it has among the `forward`
/// reactants, when both sides have two reactants or more; otherwise
/// `backward` unchanged. (A catalyst last forward and first backward would
/// let the forward gate's output strand displace it from the backward gate.)
std::vector<ir::SpeciesId>
catalystPlaced(const std::vector<ir::SpeciesId> &forward,
               std::vector<ir::SpeciesId> backward);

/// The directions of `module` as a scheme builds them: each reaction's
/// reactants, then for a reversible one its products as reactants (placed
/// by catalystPlaced when `placeCatalysts`), gate fuels (`gateFuel`, from
/// gateFuels) left out.
std::vector<JoinDirection> joinDirections(const ir::Module &module,
                                          const std::vector<bool> &gateFuel,
                                          bool placeCatalysts);

/// The number of (gate, join step) pairs where a gate's output strand can
/// enter a join step of soloveichik2010: a gate whose last reactant is X
/// and which makes Y releases a strand starting with X's long domain and
/// toehold that carries Y's toehold; a join gate that binds X just before Y
/// exposes exactly that, and the strand displaces X through a remote
/// toehold, standing for X without its own products being made.
size_t outputCrosstalk(llvm::ArrayRef<JoinDirection> directions);

/// What a join gate's hold costs, for choosing among orders of equal
/// crosstalk: each direction d holds its first reactant by share[d]
/// (map-rates' q / qmax); the balance of an order is
/// sum over species s of price[s] * hold_s^2, lower being better (holds
/// spread evenly slow every direction alike).
struct HoldBalance {
  std::vector<double> share; ///< per direction
  std::vector<double> price; ///< per species (0: holding it costs nothing)
};

/// Reorders two-reactant directions so that outputCrosstalk falls, and
/// among orders of equal crosstalk towards a lower balance (when given):
///  1. for each direction with two different reactants in turn, swap them
///     when that lowers the count, or keeps it and lowers the balance;
///  2. repeat until a round swaps nothing.
/// Each trial costs O(products log n) (the count is kept up to date).
/// Guarantees: the result is a fixed point of this rule with or without a
/// balance (no single swap lowers the count); only two-reactant directions
/// are touched; where every order leaves a pair (A -> B beside B -> A and
/// A + B -> C) it stays. Deterministic.
void orderAgainstOutputCrosstalk(llvm::MutableArrayRef<JoinDirection> dirs,
                                 const HoldBalance *balance = nullptr);

} // namespace crnc::analysis

#endif
