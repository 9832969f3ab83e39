//===- RealisableRates.h - the rates each module's gate can reach -*- C++
//-*-===//
//
// Rate calibration sets a module's rate by its gate's level within [floor,
// level] and by the toehold settings of the mismatch ladder, whose steps
// (exp(ddG/RT): 17.6-fold for the weakest, measured) are wider than the
// dilution window of a gate that must stay in excess of its load. Where a
// module misses q, no knob of the gate closes the gap; a time scale at
// which every q falls inside a window can. This file measures each
// module's windows and intersects them into the factors of the time axis
// at which every module realises its rate, for the driver to re-run
// map-rates with (the backend never rewrites the IR).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_REALISABLERATES_H
#define CRNC_BACKENDS_DSD_REALISABLERATES_H

#include "backends/dsd/SchemeBuilder.h"
#include <utility>
#include <vector>

namespace crnc::dsd {

/// A closed interval [first, second].
using Window = std::pair<double, double>;

/// The windows of rates (/M/s) the rate gate of module `i` (already
/// calibrated: rateGate set) realises: for the full toehold and each
/// setting of the mismatch ladder (ToeholdMismatch.h) in order, the rate r
/// measured with the gate at `level`, and [r floor / level, r] (the rate is
/// proportional to the gate's level); the ladder stops at the first setting
/// slower than `slowest` (/M/s). Without a mismatch site, the full toehold's
/// window alone; when a measurement fails, the realised rate as a point.
std::vector<Window> measureRealisableRates(const ir::Module &module,
                                           const dna::Design &design, size_t i,
                                           const Step &step, double floor,
                                           double level, double slowest);

/// The factors s, ascending disjoint intervals within (0, 1], such that
/// every module with realisableRates could realise s times its q (the time
/// axis slowed 1/s-fold); modules without windows impose nothing.
/// Requires: windows measured (ReactionModule::realisableRates).
std::vector<Window> realisableScales(const dna::Design &design);

/// The largest factor by which a calibrated module's realised rate misses
/// its q (>= 1; 1 when the design has no calibrated module).
double worstRateMiss(const dna::Design &design);

/// Whether some calibrated module misses its q by more than
/// RealisedRateTolerance (RateCalibration.h).
bool missesRates(const dna::Design &design);

} // namespace crnc::dsd

#endif
