//===- PassOptions.h - the typed options of every pass ----------*- C++ -*-===//
//
// One struct per pass that has options; each field's initialiser is the
// option's one default. Code builds passes from these structs (Passes.h);
// text reaches them only through `--pass-pipeline=name{key=value}`, where
// each pass binds its kebab-case option names to these fields.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASSOPTIONS_H
#define CRNC_PASSES_PASSOPTIONS_H

#include "ir/LoweringAttributes.h"
#include "lib/support/EnumNames.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <string>

namespace crnc {

using ir::lowering::GateStrategy;

/// dual-rail.
struct DualRailOptions {
  double annihilationRate = 1000; ///< X_p + X_n -> 0, module unit^-1 s^-1
  bool catalytic = false; ///< keep the pure catalytic form (rails never used)
};

/// gate-phases.
struct GatePhasesOptions {
  GateStrategy strategy = GateStrategy::External;
  double clockConc = 1; ///< on-level of a clock, module unit
  /// External triggers: a reaction this many times slower than its phase's
  /// fastest (or more) is catalysed by a dimmer trigger; 0: never.
  double dimTriggers = 10;
  double oscRate = 1;           ///< oscillator ring rate (autonomous)
  double spacing = 3;           ///< oscillator species per phase (autonomous)
  double floorFraction = 0.001; ///< start of each non-leading oscillator
};

/// reduce-order.
struct ReduceOrderOptions {
  double epsilon = 0.02; ///< target relative error of the chains
  double concScale = 0;  ///< largest concentration expected; 0: from the module
  double maxProducts = 0; ///< split longer product sides; 0: never
  /// Make up for the chains' holds of their reactants at the sample's
  /// starting levels (ReduceOrder.cpp, "Compensation"); the driver turns it
  /// on where data give the input levels (compile --data, crnc train).
  bool compensateHolds = false;
  /// A loaded input's level in model units, keyed by its `load` ("x:0"),
  /// as train::loadLevels gives it from data; 1 unit where absent (the
  /// probe sample's level).
  std::map<std::string, double, std::less<>> loadLevels;
};

/// Which species get SSW buffer modules (map-rates): only where
/// sequestration would change a ratio of rates, every species, or none.
enum class BufferMode { Auto, On, Off };
llvm::ArrayRef<EnumName<BufferMode>> bufferModeNames();
llvm::StringRef bufferModeName(BufferMode mode);

/// map-rates.
struct MapRatesOptions {
  double cmax = ir::lowering::DefaultCmaxNM; ///< fuel concentration C_max, nM
  double qmaxPerMolar = 1e6; ///< fastest realisable bimolecular rate, /M/s
  double qminPerMolar = 1;   ///< slowest realisable bimolecular rate, /M/s
  /// nM per unit of a dimensionless module; 0: the scale of least lab time.
  double concScale = 1;
  double fuelExcess = 10; ///< fuels exceed the largest signal this often
  double fixedGamma = 0;  ///< divide every rate by this; 0: choose it
  BufferMode buffers = BufferMode::Auto;
  /// Which reactant each gate holds (first): by least hold, or also as a
  /// scheme must bind them against output crosstalk (soloveichik2010).
  ir::lowering::JoinOrder joinOrder = ir::lowering::JoinOrder::LeastHeld;
};

} // namespace crnc

#endif
