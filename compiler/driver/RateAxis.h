//===- RateAxis.h - a time axis on which every DNA module realises q -*- C++
//-*-===//
//
// Step 3b of the compile pipeline: where rate calibration leaves a DNA module
// off map-rates' rate (its toehold settings step more coarsely than its
// gate may be diluted), the driver re-runs map-rates on a slower time axis
// that the backend measured every module can realise (dsd::realisableScales),
// at each concentration scale the lab scale search tries
// (backends/protocol/ScaleSearch.h). These helpers choose the axis and word
// the note; DesignStep.cpp runs them.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_COMPILER_DRIVER_RATEAXIS_H
#define CRNC_COMPILER_DRIVER_RATEAXIS_H

#include "ir/Module.h"
#include "lib/dna/Design.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::driver {

/// map-rates' time scale gamma (its `time-scale` option) on which every
/// module of `design`, lowered from `formal`, could realise its rate:
/// formal's rate_time_scale over the largest factor s of
/// dsd::realisableScales, taken 0.2 % inside its window where the window
/// allows; none when no factor in (0, 1] serves every module.
/// Requires: `design` calibrated with its windows measured.
std::optional<double> realisableTimeScale(const ir::Module &formal,
                                          const dna::Design &design);

/// The note saying why the axis changed: from the first design's lab time
/// and its worst module to the chosen one's.
std::string describeRetiming(const ir::Module &firstFormal,
                             const dna::Design &first,
                             const ir::Module &formal);

/// Lab seconds per model time unit of a module map-rates lowered
/// (time_scale), and map-rates' gamma (rate_time_scale); 1 when unset.
double labSecondsPerUnit(const ir::Module &formal);
double rateTimeScale(const ir::Module &formal);

} // namespace crnc::driver

#endif
