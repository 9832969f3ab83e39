//===- Sequestration.h - the gate-hold model of map-rates ------*- C++ -*-===//
//
// The sequestration model map-rates balances (Soloveichik, Seelig & Winfree
// 2010): a DSD gate for a direction holds one of its reactants (X1 of SSW)
// before the others arrive, so each species X is partly bound, by the
// fraction alpha_X = sum of q / qmax over the directions that hold it, and a
// direction whose reactants are held by alpha runs slower by
// f = prod (1 + alpha_X). These functions choose the held reactants, measure
// f, and find holds (buffers) or rates under which every direction slows by
// the same factor, so that the DNA-level network is a time-scaled copy.
//
// Units: rates in the module's units after map-rates' conversion (nM and
// seconds), qmax in the same unit; a hold is a dimensionless fraction.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_SEQUESTRATION_H
#define CRNC_PASSES_SEQUESTRATION_H

#include "ir/LoweringAttributes.h"
#include "ir/Module.h"
#include <optional>
#include <vector>

namespace crnc::sequestration {

/// Picks the reactant of `side` that the gate holds: a constant species
/// first (the environment keeps it at its level), a clock last (every gate
/// of its phase would hold it), else the one holding least in `alpha`;
/// fuels are gates themselves and never held.
/// Guarantees: the chosen reactant is moved to the front of `side` (the
/// others keep their order) and returned; nullopt when every reactant is a
/// fuel (side unchanged).
std::optional<ir::SpeciesId> chooseGated(const ir::Module &module,
                                         ir::TermList &side,
                                         const std::vector<double> &alpha);

/// Chooses the held reactant of every direction and returns the holds
/// alpha_X = sum of q / qmax over the directions holding X, per species:
///  - LeastHeld: in reaction order, greedily on the holds so far
///    (chooseGated);
///  - NoOutputCrosstalk: from that order, each direction's reactants are
///    reordered as the scheme must bind them against output crosstalk and,
///    among orders of equal crosstalk, towards evenly spread holds
///    (analysis::orderAgainstOutputCrosstalk over analysis::joinDirections,
///    catalysts placed; prices as chooseGated's preferences), gate fuels
///    last.
/// Guarantees: every direction's held reactant is first in its side (the
/// products of a reversible reaction are its backward direction's
/// reactants); with NoOutputCrosstalk the module's order is a fixed point
/// of the rule, so a scheme that applies it builds what was modelled.
std::vector<double> gatedHolds(ir::Module &module, double qmax,
                               ir::lowering::JoinOrder order);

/// Slowdown of one direction: prod (1 + alpha_X)^count over its reactants
/// that are not constant.
double slowdown(const ir::Module &module, const ir::TermList &side,
                const std::vector<double> &alpha);

/// Every direction (reactants, and products of a reversible reaction), in
/// reaction order.
std::vector<const ir::TermList *> directions(const ir::Module &module);

/// The slowdown every direction shares when the holds `alpha` change no
/// ratio of rates (largest over smallest slowdown within 1 + `tolerance`),
/// else nullopt; 1 for a module without directions.
std::optional<double> commonSlowdown(const ir::Module &module,
                                     const std::vector<double> &alpha,
                                     double tolerance);

/// Holds beta_X >= alpha_X (in gates and buffers) under which every
/// direction slows by the same F = max f within 1 + `tolerance`, raising
/// only species with `candidate` set; nullopt when the greedy search finds
/// none.
std::optional<std::vector<double>>
equalisingHolds(const ir::Module &module, const std::vector<double> &alpha,
                const std::vector<bool> &candidate, double tolerance);

/// Requires: every direction's held reactant is first (gatedHolds).
/// Lowers the rates of the less held directions until every direction
/// slows by the same F without buffers. Guarantees: returns F and rewrites
/// the rates (each at most its old value), or nullopt with the rates
/// untouched when the iteration does not settle.
std::optional<double> equaliseRates(ir::Module &module, double qmax);

/// Requires: every direction's held reactant is first (gatedHolds).
/// The holds alpha_X of the module as it stands: per species, the sum of
/// q / qmax over the directions whose first reactant it is (a constant or
/// fuel first reactant holds nothing); the directions of buffer modules
/// (a reactant carries buffer_of) are left out, since their hold is
/// buffer_hold.
std::vector<double> gateHolds(const ir::Module &module, double qmax);

} // namespace crnc::sequestration

#endif
