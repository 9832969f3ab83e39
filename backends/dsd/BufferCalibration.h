//===- BufferCalibration.h - each buffer module holds what map-rates asks
//--===//
//
// Map-rates' buffer modules X + LS <=> HS + BS (Soloveichik, Seelig &
// Winfree 2010) exist to hold X by a set fraction (LS's `buffer_hold`), so
// that every species is held alike. SSW's formula (HS / X = q_s / qmax)
// counts HS alone, but a scheme builds the buffer's directions as gate
// modules, whose gates and output steps hold X and HS as well: measured,
// a buffer of srinivas2015 held 1.87 for 1 and one of qian2011 3.13 for 1.
// This step measures each buffer's hold and sets it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_BUFFERCALIBRATION_H
#define CRNC_BACKENDS_DSD_BUFFERCALIBRATION_H

#include "backends/dsd/GateLoad.h"
#include "backends/dsd/SchemeBuilder.h"

namespace crnc::dsd {

/// For every buffer module of `module` (a reaction with an LS reactant
/// carrying buffer_of and buffer_hold):
///   1. measure the fraction of X it holds (measureBufferHold, over the
///      design modules of its directions),
///   2. scale the gate that X binds in its forward direction by target /
///      measured (the hold is proportional to that gate's level while X is
///      dilute), within [gateExcess times what the forward module
///      consumes (`loads`, GateLoad.h), the level map-rates wrote], and
///      measure again (at most 4 rounds; stops within 0.1 %).
/// The forward module's realised rate is measured again afterwards (a
/// buffer's rate does not matter, its hold does). Warns once, naming the
/// worst buffer, where a hold stays off its target by more than 1 %.
/// Requires: calibrateRates ran (it sets the forward gate).
/// Guarantees: deterministic; only fuel concentrations change.
void calibrateBufferHolds(const ir::Module &module,
                          const std::vector<Step> &steps, dna::Design &design,
                          double gateExcess, const GateLoads &loads,
                          DiagnosticEngine &diags);

} // namespace crnc::dsd

#endif
