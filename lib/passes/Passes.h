//===- Passes.h - factories of every pass -----------------------*- C++ -*-===//
//
// One factory per pass; the contract of each pass is stated in its .cpp's
// header comment and summarised here.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASSES_H
#define CRNC_PASSES_PASSES_H

#include "lib/passes/Pass.h"
#include "lib/passes/PassOptions.h"

namespace crnc {

/// Merges duplicate reactions, sorts terms canonically, drops zero-rate
/// reactions (with a warning).
std::unique_ptr<Pass> createCanonicalizePass();
/// Removes species that can never be produced and reactions that can never
/// fire (reachability from the initial state), with located warnings.
std::unique_ptr<Pass> createRemoveDeadPass();
/// Splits each signed species into two non-negative rails plus annihilation;
/// the rail difference follows the original ODE exactly.
std::unique_ptr<Pass> createDualRailPass(const DualRailOptions &options = {});
/// Replaces phases by clock catalysts (external triggers or an autonomous
/// ring oscillator); afterwards no reaction is in a phase.
std::unique_ptr<Pass>
createGatePhasesPass(const GatePhasesOptions &options = {});
/// Rewrites directions with more than two reactants into fast-equilibrium
/// bimolecular chains (requires gate-phases first).
std::unique_ptr<Pass>
createReduceOrderPass(const ReduceOrderOptions &options = {});
/// Maps rates to DSD (Soloveichik, Seelig & Winfree 2010): nM and seconds,
/// fuels for uni- and zero-molecular steps, time scale, buffer modules.
std::unique_ptr<Pass> createMapRatesPass(const MapRatesOptions &options = {});

} // namespace crnc

#endif
