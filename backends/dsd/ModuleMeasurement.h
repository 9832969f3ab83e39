//===- ModuleMeasurement.h - what one module's gates realise ----*- C++ -*-===//
//
// Measurements of a design's modules with crnc's own enumerator (Peppercorn's
// rate model): the rate one reaction module realises. Rate calibration sets
// the design's knobs from it. (A buffer module is one toehold-exchange gate,
// BufferGate.h, which holds X by SSW's formula as built: nothing to measure.)
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_MODULEMEASUREMENT_H
#define CRNC_BACKENDS_DSD_MODULEMEASUREMENT_H

#include "backends/dsd/SchemeBuilder.h"
#include "llvm/Support/Error.h"
#include <optional>

namespace crnc::dsd {

/// The effective rate of one module, measured in the limit of low signal
/// concentrations: the enumerated module (its fuels and the signals of its
/// step) is condensed by the enumerator; fuels are held at their levels,
/// the step's reactant signals at a level eps far below them, product
/// signals and wastes are sinks, and every other resting macrostate is in
/// quasi-steady state (a linear solve; reactions between two intermediates
/// by fixed-point iteration). The rate is the net consumption flux of a
/// reactant (per formal firing) over eps^n * G^(2-n), with n the step's
/// signal reactants and G its gate fuel level: the bimolecular rate q the
/// formal CRN of map-rates sees, in /M/s.
struct MeasuredRate {
  double perMolarSecond = 0;
  /// The fuel the first reactant binds (the gate whose level sets the rate),
  /// or none when the step has no signal reactant.
  std::optional<dna::ComplexIndex> rateGate;
};

/// Measures the module of `step` in `design` (the fuels of
/// design.modules[moduleIndex]). Errors: the enumeration hits a limit, or
/// the quasi-steady state is singular (a module that never completes).
llvm::Expected<MeasuredRate> measureModuleRate(const ir::Module &module,
                                               const dna::Design &design,
                                               size_t moduleIndex,
                                               const Step &step);

/// The complex of `step`'s first reactant, the signal its rate gate binds
/// first; none when the step has no reactant or the design lacks it.
std::optional<dna::ComplexIndex> firstReactant(const ir::Module &module,
                                               const dna::Design &design,
                                               const Step &step);

} // namespace crnc::dsd

#endif
