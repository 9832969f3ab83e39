//===- SettlingTime.h - five times a CRN's slowest time ---------*- C++ -*-===//
//
// The horizon over which a free-running CRN settles or shows its dynamics:
// five times the slowest characteristic time of its reactions. Re-simulation
// takes it as its default horizon (lib/verify/Resimulation.h) and the DSD
// backend integrates each gate's load over it (backends/dsd/GateLoad.h), so
// both read one definition.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_SETTLINGTIME_H
#define CRNC_ANALYSIS_SETTLINGTIME_H

#include "ir/Module.h"

namespace crnc::analysis {

/// The slowest characteristic time 1 / (k_eff c^(order-1)) over the
/// directions of `module`'s reactions that touch no buffer species
/// (ir::lowering::BufferOf), in the module's time unit: a constant reactant
/// is folded into k_eff (k times its level per copy), c is the largest
/// initial value of a species that is not constant (1 when all are zero).
/// 0 when no such direction has a positive rate.
double slowestCharacteristicTime(const ir::Module &module);

/// Five times slowestCharacteristicTime; 1 when that is 0.
double settlingHorizon(const ir::Module &module);

} // namespace crnc::analysis

#endif
