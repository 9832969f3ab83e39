//===- RateCalibration.h - each module's realised rate, made q --*- C++ -*-===//
//
// The DSD schemes build every gate from the same toeholds at C_max, so each
// module's rate is what its gates realise, not the q map-rates asks for.
// This pass measures the rate each module realises with crnc's own
// enumerator (Peppercorn's rate model) and sets the knob that SSW 2010 uses
// to set q_i, the rate-setting gate's concentration (the module's rate is
// proportional to it), so that the measured rate equals q.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_RATECALIBRATION_H
#define CRNC_BACKENDS_DSD_RATECALIBRATION_H

#include "backends/dsd/GateLoad.h"
#include "backends/dsd/ModuleMeasurement.h"
#include "backends/dsd/SchemeBuilder.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Error.h"
#include <optional>

namespace crnc::dsd {

/// The search both toehold knobs (ToeholdMismatch.h, ToeholdTrim.h) run on
/// the rate gate of module `i` (measured `at`, the gate at its current
/// level) when the gate diluted to `floor` would still be faster than
/// `target` (/M/s); otherwise it changes nothing. For settings 1, 2, ... up
/// to `settings`, `apply(trial, s)` changes a trial copy of `design` (false:
/// no such setting, stop); the trial's gate is set to `level` and the module
/// measured. The trial whose window of gate levels [floor, level] comes
/// closest to `target` (a factor, 1 inside) replaces `design`; the search
/// stops once a window reaches the target or lies below it. A knob that
/// changes only the complexes `touched` (the gate among them) is tried in
/// place and its best setting applied again, without a copy of the design.
void searchGateKnob(const ir::Module &module, dna::Design &design, size_t i,
                    const Step &step, double target, double floor, double level,
                    const MeasuredRate &at, unsigned settings,
                    llvm::function_ref<bool(dna::Design &, unsigned)> apply,
                    llvm::ArrayRef<dna::ComplexIndex> touched = {});

/// `steps` with each bimolecular step's partnerLevel set from `loads`
/// (simulated loads only) where no gate holds its second reactant: that
/// reactant's flux-weighted level (divided by amount_factor: the free share
/// with buffers). A join gate's held complex is drained by the second
/// reactant beside its backward strand (SSW 2010: H = q [L] X1 / (q_b [B] +
/// q_2 X2)), so a module calibrated at a trace level realises q / (1 + q_2
/// X2 / (q_b [B])) where it fires, and holds its first reactant by as much
/// less: lotka_volterra under srinivas2015 re-simulated 5.63 % with 'Y + X
/// -> 2 Y' calibrated at a trace of X, which drains its gate by 2.9 % at
/// X = 20 nM (3.9 % calibrated at X's level). A second reactant held by
/// gates of its own is drained in turn (approximate_majority: each of X, Y
/// and B is held by one join and drains another); calibrating those joins
/// at their partners' free levels took approximate_majority under
/// srinivas2015 from 2.85 % to 5.42 % (best fit 1.98 %), so they stay
/// measured at a trace level (lib/verify/README.md).
/// A step whose second reactant is a clock trigger (gate-phases'
/// `clock_on`) fires at the trigger's free level, which the lab protocol
/// sets and no flux simulation is needed for (a clocked model's loads are
/// bounds): the lab adds clock_on model units times amount_factor and the
/// trigger's buffer holds all but 1 / amount_factor of it, so clock_on x
/// conc_scale_nM is free. The join gate's held complex is drained by it
/// (the factor 1 / (1 + [trigger] / [Bk]) above): the README regression's
/// 'X1 + clk_forward -> ...' calibrated at a trace of the trigger realised
/// 0.989 q at its 0.839 nM (backward strand at C_max 78.6 nM), and its
/// output ran 1.1 % short of the formal CRN's over the probe sample.
/// A step whose second reactant is a model input held by no join other
/// than beside a trigger (map-rates binds the partner first, Sequestration.h)
/// or, in a classifier, beside its error (within about one unit) is measured
/// at inputLevel: the input stays at its sample's level through both
/// phases, so the drain is constant where the module fires. The Iris rows
/// near the data's levels (x = (6.3, 6), (7.2, 6), (5.9, 5.1)) re-simulated
/// 7.65, 8.62, 6.4 % with the forward joins P + X1 measured at a trace of
/// X1 (held by 'X1 + E1_n'), their outputs 0.92-0.94 of the formal CRN's;
/// at its level 1.43, 2.29, 1.02 %. A regression's error starts at its
/// target and frees the input it holds (README rows: 3.96 -> 7.14 % at the
/// input's level), so there the trace stays.
std::vector<Step> atPartnerLevels(const ir::Module &module,
                                  std::vector<Step> steps,
                                  const GateLoads &loads,
                                  const SchemeOptions &options = {});

/// The free level (module units) of a model input `s` (role input, loaded
/// from a feature: `load` = "x:i"; a plain CRN's species are no such) that
/// atPartnerLevels measures a join taking it second at: its operatingLevel
/// (InFlightHold.h: the data's level of its column, one model unit without
/// data, the level a probe presents; the lab adds amount_factor times it
/// and the holds take the rest); 0 when `s` is no input or the scale is
/// unset.
double inputLevel(const ir::Module &module, ir::SpeciesId s,
                  const SchemeOptions &options = {});

/// The free level (module units) of clock trigger `s` during its phase:
/// clock_on x conc_scale_nM; 0 when `s` is no trigger with both set.
double triggerLevel(const ir::Module &module, ir::SpeciesId s);

/// Calibrates every irreversible module of `design` (built from `steps`,
/// one per module, in order):
///   1. measure the module at its fuel levels, its second reactant at the
///      level it fires at (atPartnerLevels),
///   2. where the gate diluted to its floor would still be too fast, with
///      options.mismatchToeholds put the fewest intended mismatches into
///      its input-toehold complement that bring q within reach
///      (ToeholdMismatch.h), or with options.trimToeholds trim the toehold
///      (ToeholdTrim.h) to the longest length that does,
///   3. scale its rate-setting gate by q / measured (the rate is
///      proportional to the gate's level), at most to the level map-rates
///      wrote (C_max or its diluted gate fuel) and at least to its floor,
///      options.gateExcess times what the module consumes (`loads`,
///      GateLoad.h: the gate stays in excess of its own load),
///   4. measure again and repeat (at most 4 rounds; stops within 0.1 %);
///      where the module is still off q by more than RealisedRateTolerance,
///      or by more than 0.1 % with its gate pinned at a bound, the join's
///      backward strand is tuned (tuneBackwardStrand, FuelStrandKnob.h),
///   5. where some module misses q, with the mismatch knob, measure every
///      calibrated module's realisable windows (RealisableRates.h) for the
///      driver's choice of a time axis on which all of them realise q.
/// Records in each ReactionModule the target q, the realised rate, the gate
/// and its input toehold (nucleotides, mismatches). Warns with the realised
/// rate where it is off q by more than RealisedRateTolerance (the gate at
/// its bound), naming the bound that set the floor.
/// Requires: the module is lowered by map-rates (unit nM, cmax_nM set).
/// Guarantees: deterministic; only fuel concentrations and the mismatches
/// (or, trimming, the toeholds) of rate gates change.
void calibrateRates(const ir::Module &module, const std::vector<Step> &steps,
                    dna::Design &design, const SchemeOptions &options,
                    const GateLoads &loads, DiagnosticEngine &diags);

/// How far a realised rate may be from q before calibration warns: 1 %.
/// Calibration stops within 0.1 %, so only a gate at its bound is further.
inline constexpr double RealisedRateTolerance = 0.01;

/// The factor by which a calibrated module's realised rate misses its q,
/// max(realised / q, q / realised): >= 1, +inf when it realises no rate;
/// nullopt for a module calibration did not measure (no realised or target
/// rate). Every "off q" figure (warnings, step 3b, the DNA-level scale)
/// is this factor.
std::optional<double> rateMiss(const dna::ReactionModule &rm);

/// The rate a module A + B -> C of the scheme in `options` realises with
/// full toeholds and every fuel at `cmaxNM`, in /M/s: the fastest q a
/// design of that scheme can realise (the default q_max of map-rates).
llvm::Expected<double> fullToeholdRate(const SchemeOptions &options,
                                       double cmaxNM);

} // namespace crnc::dsd

#endif
