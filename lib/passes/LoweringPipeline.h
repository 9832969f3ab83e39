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
#include <string>

namespace crnc {

/// Which species get SSW buffer modules (map-rates): only where
/// sequestration would change a ratio of rates, every species, or none.
enum class BufferMode { Auto, On, Off };
llvm::StringRef bufferModeName(BufferMode mode);

/// Every knob of the lowering, with the defaults of the individual passes.
struct LoweringOptions {
  std::string gateStrategy = "external"; ///< or "autonomous"
  double clockConc = 1;                  ///< on-level of a clock (module unit)
  double annihilationRate = 1000;        ///< X_p + X_n -> 0 (module unit)
  double epsilon = 0.02;                 ///< reduce-order target relative error
  double maxProducts = 0;                ///< 0: product sides are left alone
  double cmax = 1000;                    ///< fuel concentration, nM
  double qmax = 1e6;                     ///< fastest DSD rate, /M/s
  double qmin = 1;                       ///< slowest DSD rate, /M/s
  double concScale = 0;   ///< nM per unit of a dimensionless module; 0: auto
  double fuelExcess = 10; ///< fuels exceed the largest signal this often
  BufferMode buffers = BufferMode::Auto; ///< SSW buffer modules
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

/// `defaults` with cmax, qmax and qmin taken from a formal module's
/// attributes (the figures it was lowered with).
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
