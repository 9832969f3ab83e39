//===- InFlightHold.h - what a join's committed complexes hold --*- C++ -*-===//
//
// A join gate of Soloveichik, Seelig & Winfree 2010 holds its first
// reactant reversibly (map-rates' gate_hold, q / qmax) and, once the second
// arrives, both in a committed complex until the translator releases the
// products: flux / (k_T [T]) = (q / qmax) x partner / C_max per free copy
// of either reactant (k_T ~ qmax, [T] = C_max). The formal CRN has no such
// complex, so each species runs free below the level map-rates' buffers
// assume by that share, in proportion to its partners' levels: the README
// regression's first gen-data row (x = (2.547, 4.009), error 5.6 units)
// held about 6 % of X2 and 7 % of E_n there, and its P2 update ran 5 %
// short. This step lowers each one-gate buffer's hold by the share its
// species' joins hold in flight at the levels the design runs at
// (soloveichik2010 and srinivas2015, whose buffers are one gate each and
// whose reactant gates commit the same way; compile() calls it).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_INFLIGHTHOLD_H
#define CRNC_BACKENDS_DSD_INFLIGHTHOLD_H

#include "backends/dsd/SchemeBuilder.h"

namespace crnc::dsd {

/// The free level (module units) a species runs at in a clocked model's
/// sample, where the design knows it: a clock trigger's schedule level
/// (triggerLevel), a species the lab protocol loads (`load` = "x:i" or
/// "target:0") at options.loadLevels[load] model units (one unit when the
/// data gave none) times conc_scale_nM; 0 for every other species.
double operatingLevel(const ir::Module &module, ir::SpeciesId s,
                      const SchemeOptions &options);

/// Per species, the share of its free level that the join steps of
/// `steps` hold in flight: over the signals its partners stand for (a
/// dual-rail pair counts once, by its larger rail; its own other rail, which
/// it annihilates with, not at all), (q / qmax) x partner level
/// (operatingLevel) / C_max. 0 for a module that map-rates did not lower
/// (no qmax).
std::vector<double> inFlightShares(const ir::Module &module,
                                   const std::vector<Step> &steps,
                                   const SchemeOptions &options);

/// For every one-gate buffer X + LS <=> HS + BS of `module` (buffer_hold
/// h, its BS complex in `design`): BS raised by h / (h - s), s the share of
/// X in flight (inFlightShares, at most h / 2), so that X's total hold stays
/// map-rates' sequestration. Requires: calibrateRates ran. Guarantees:
/// deterministic; only BS concentrations change; a module without clocks
/// (no operating levels) is unchanged.
void compensateInFlight(const ir::Module &module,
                        const std::vector<Step> &steps, dna::Design &design,
                        const SchemeOptions &options);

} // namespace crnc::dsd

#endif
