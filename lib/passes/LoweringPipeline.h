//===- LoweringPipeline.h - the standard lowering order ---------*- C++ -*-===//
//
// The table of contents of the lowering: which passes turn an abstract module
// (signed values, any order, phases, formal rates) into a formal CRN that a
// DSD scheme can compile (uni/bimolecular, non-negative, ungated, rates in
// nM/s within [qmin, qmax]), in which order, and with which options.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_LOWERINGPIPELINE_H
#define CRNC_PASSES_LOWERINGPIPELINE_H

#include "ir/Verifier.h"
#include "lib/passes/PassManager.h"
#include "lib/passes/PassOptions.h"
#include <string>

namespace crnc {

/// Every knob of the lowering: the options of its passes. Defaults are the
/// passes' own (PassOptions.h), except one decision of the standard
/// lowering: a dimensionless module gets the concentration scale of least
/// lab time (map-rates alone keeps 1 nM per unit unless told).
struct LoweringOptions {
  DualRailOptions dualRail;
  GatePhasesOptions gatePhases;
  ReduceOrderOptions reduceOrder;
  MapRatesOptions mapRates = leastLabTimeScale();

private:
  static MapRatesOptions leastLabTimeScale() {
    MapRatesOptions o;
    o.concScale = 0;
    return o;
  }
};

/// Appends the standard lowering to `pm`:
///   1. canonicalize   one form per network (merges, drops no-ops)
///   2. remove-dead    smaller input for everything after
///   3. dual-rail      signed -> two rails (annihilation runs in every phase)
///   4. gate-phases    phases -> clock catalysts (raises orders by one)
///   5. reduce-order   must follow gate-phases: brings every order to <= 2
///   6. map-rates      needs orders <= 2, no signs, no phases: nM, fuels, qmax
/// (No second canonicalize: the rewrites create no no-op reactions, and the
/// rare duplicate they create is harmless; it costs a third of the time.)
void buildLoweringPipeline(PassManager &pm, const LoweringOptions &options);

/// True when `module` is the output of the lowering (map-rates records
/// `formal = "true"`): lowering it again would add a second layer of fuels.
bool isFormal(const ir::Module &module);

/// `defaults` with map-rates' cmax, qmax and qmin taken from a formal
/// module's attributes (the figures it was lowered with).
LoweringOptions formalSettings(const ir::Module &module,
                               LoweringOptions defaults);

/// The legality the end of the lowering guarantees (at most 2 reactants each
/// way, no signed species, no phases, rates within [qmin, qmax] in /nM/s).
ir::LegalityConstraints dsdLegality(const LoweringOptions &options);

/// Checks `module` against dsdLegality(options) and that every initial value
/// is non-negative; reports each violation at its location.
LogicalResult verifyLowered(const ir::Module &module,
                            const LoweringOptions &options,
                            DiagnosticEngine &diags);

} // namespace crnc

#endif
