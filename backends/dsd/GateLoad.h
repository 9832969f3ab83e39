//===- GateLoad.h - how much each module's gate consumes --------*- C++ -*-===//
//
// A rate-setting gate is used up, one complex per firing of its module, so
// its rate stays proportional to its level only while it stays in excess of
// what the module consumes. The floor below which calibration may not
// dilute a gate is therefore the module's own load, not the largest signal
// of the design: a module that fires 5 nM over the experiment may have its
// gate at 50 nM even when another signal of the design is at 1000 nM.
//
// The load of a free-running CRN is measured: the formal CRN is simulated
// the way re-simulation runs it (fuels constant, signals at amount_factor
// times their initial values, over the re-simulation horizon) with a counter
// species added as a product of each direction, so the counter ends at the
// direction's integrated propensity, the total flux through its module. A
// clocked model (gate-phases) is driven by its data set and schedule, which the
// design does not see: there the load is bounded per direction by the largest
// amount of a reactant it consumes.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_GATELOAD_H
#define CRNC_BACKENDS_DSD_GATELOAD_H

#include "backends/dsd/SchemeBuilder.h"
#include <string>
#include <vector>

namespace crnc::dsd {

/// What each direction of each reaction consumes of its gate, in the
/// module's concentration unit.
struct GateLoads {
  /// Indexed by reaction (allReactions()); backward is 0 for irreversible
  /// reactions.
  std::vector<double> forward, backward;
  /// How the loads were found, for the calibration warnings: "its flux over
  /// the re-simulation horizon (2.1 h)" or "the largest amount of a
  /// reactant it consumes (a clocked model)".
  std::string bound;
  /// True when the loads are integrated fluxes (not reactant bounds).
  bool simulated = false;

  /// Per direction, the level of its second reactant (the one its gate
  /// does not hold) weighted by the direction's flux over the run: the level
  /// at which the module fires (forwardPartner, backwardPartner, indexed as
  /// forward; 0 where the loads are not simulated or the direction has no
  /// second reactant, or a constant one).
  std::vector<double> forwardPartner, backwardPartner;

  double of(const Step &step) const {
    const std::vector<double> &v = step.backward ? backward : forward;
    return step.reaction < v.size() ? v[step.reaction] : 0;
  }
  double partnerOf(const Step &step) const {
    const std::vector<double> &v =
        step.backward ? backwardPartner : forwardPartner;
    return step.reaction < v.size() ? v[step.reaction] : 0;
  }
};

/// The horizon re-simulation uses for a free-running module, on the lab's
/// time axis (seconds): analysis::settlingHorizon of the formal module (five
/// times the slowest characteristic time 1 / (k_eff c^(order-1)) of a
/// reaction that is not a buffer module, constant reactants folded into
/// k_eff, c the largest initial value of a species that is not constant),
/// times time_scale / rate_time_scale (the design runs slower than the formal
/// CRN without buffers by that factor). The formal CRN is simulated over the
/// same progress: this horizon where it has buffer modules (they slow it
/// alike), this divided by that factor where it has none.
double labHorizon(const ir::Module &module);

/// The loads of every direction of `module` (a formal module of map-rates:
/// unit set, no phases), and the flux-weighted level of each direction's
/// second reactant (trapezoids over 400 recorded times).
/// Guarantees: deterministic; every load >= 0. A simulation that fails
/// falls back to the reactant bound and says why in `bound`.
GateLoads measureGateLoads(const ir::Module &module);

/// The level below which one rate gate may not be diluted, and what set it.
struct GateFloor {
  double level = 0;
  double load = 0; ///< what the module consumes (GateLoads::of)
  /// True when gateExcess times the load set the floor; false when the
  /// design-wide bound (gateExcess times the largest signal) was lower.
  bool byLoad = true;
};

/// The floor of each step's rate gate: gateExcess times its load, at most
/// gateExcess times the largest signal of `design` (the bound every gate
/// had before loads were measured: a module whose load exceeds the largest
/// signal, an autocatalytic one, keeps that bound and the warning says its
/// excess is smaller).
std::vector<GateFloor> gateFloors(const GateLoads &loads,
                                  const std::vector<Step> &steps,
                                  double gateExcess, const dna::Design &design);

/// "10 x the 8.23 nM it consumes (its flux over the re-simulation horizon
/// (14.7 min))", or, capped, "10 x the largest signal (60 nM), though it
/// consumes 112 nM (...)": for the calibration warnings.
std::string describeFloor(const GateFloor &floor, const GateLoads &loads,
                          double gateExcess, llvm::StringRef unit);

} // namespace crnc::dsd

#endif
