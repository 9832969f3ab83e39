//===- FuelStrandKnob.h - a module's own fuel strand as rate knob -*- C++
//-*-===//
//
// A qian2011 gate fires once a fuel strand (`t f g`, Qian, Soloveichik &
// Winfree 2011, corrected Figure 1) displaces its lone f strand; the signal
// bound before it may leave again through its backward strand, so the
// module's rate is the gate's binding rate times [tfg] / ([tfg] + [back]).
// Where the gate is at its floor and still too fast, lowering that strand
// slows the module by less than a step of the mismatch ladder can:
// lotka_volterra's 'Y ->' realised 4.24e3 /M/s for 3.01e3 with its gate at
// its floor (200 nM, one mismatch), 1.41 times too fast, while the next
// mismatch setting is 10 times slower. The strand is consumed one per
// firing, like the gate, so it keeps the gate's floor. The second knob,
// for every scheme's join, is the backward strand that reverses the join's
// first step (tuneBackwardStrand below): the fuel ratio [gate] / [strand].
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_FUELSTRANDKNOB_H
#define CRNC_BACKENDS_DSD_FUELSTRANDKNOB_H

#include "backends/dsd/ModuleMeasurement.h"

namespace crnc::dsd {

/// Requires: `at` is module `i`'s rate (step `step`) with its rate gate as
/// calibrated, faster than `target` (/M/s).
/// The strand corrects the rate, not what the gate at its floor holds of
/// its first reactant beyond map-rates' model (alpha (realised / target -
/// 1), alpha = q / q_max): where that extra hold exceeds
/// RealisedRateTolerance, nothing changes (approximate_majority under
/// qian2011, 'B + X -> 2 X' at 1.065 q with alpha 0.56, re-simulated 6.76 %
/// with the strand set, 2.59 % without; lotka_volterra's 'Y ->', alpha
/// 0.01, 57.7 % without, 4.70 % with).
/// Tries each single-stranded fuel of module `i` that no other module uses
/// (other than the rate gate): the rate measured with it lowered to `floor`
/// must reach `target`; then its level is found by bisection (in log
/// level, 24 rounds) between `floor` and its level, rounded to 4
/// significant digits. Of several such strands the one left highest is
/// kept. Returns the module's rate afterwards (`at` when no strand
/// reaches the target: nothing changes).
/// Guarantees: deterministic; only that strand's concentration changes.
llvm::Expected<MeasuredRate> tuneFuelStrand(const ir::Module &module,
                                            dna::Design &design, size_t i,
                                            const Step &step, double target,
                                            double floor,
                                            const MeasuredRate &at);

/// A join gate's backward strand as a second rate knob (the fuel ratio):
/// the first step X1 + L <=> H + Bk is reversed by the backward strand Bk
/// that the gate released, so the module runs at k(L X1) [L] / (k(H Bk)
/// [Bk] + k(H X2) X2) k(H X2) and holds X1 by k(L X1) [L] / (k(H Bk) [Bk] +
/// k(H X2) X2): both depend on [L] / [Bk] alone where X2 is low, so raising
/// Bk realises what diluting L below its floor would, rate and hold alike
/// (SSW 2010, eq. for q_i; the rate is measured, not computed).
/// approximate_majority under soloveichik2010: 'Y + X -> X + B' and
/// 'X + Y -> Y + B' at their floor (600 nM, ten times the largest signal)
/// realised 1.2 q and re-simulated 8.34 %; their backward strands at
/// 1200 nM realise q. Bk is not consumed (each firing releases one), so
/// lowering it (a gate at its level too slow) keeps the gate's floor; it
/// is a single strand, not a gate, and may be raised to BackwardStrandCeiling
/// times C_max.
/// Requires: `at` is module `i`'s rate (step `step`) with its rate gate as
/// calibrated, off `target` (/M/s) by more than RealisedRateTolerance.
/// Tries each single-stranded fuel of module `i` that no other module uses
/// whose higher level slows the module; its level realising `target` is
/// found by bisection (in log level, 24 rounds) within [floor, ceiling]
/// and rounded to 4 significant digits; where none reaches it, the bound
/// nearest. Kept only when the module then realises `target` within
/// RealisedRateTolerance: a strand at its bound that only narrows the miss
/// changes what the design holds (the sequence design's spurious limits
/// tighten with the highest concentration) for a module still off q.
/// Returns the module's rate afterwards (`at` when nothing changes).
/// Guarantees: deterministic; only that strand's concentration changes.
llvm::Expected<MeasuredRate> tuneBackwardStrand(const ir::Module &module,
                                                dna::Design &design, size_t i,
                                                const Step &step, double target,
                                                double floor, double ceiling,
                                                const MeasuredRate &at);

/// The single-stranded fuels of module `i` (with a level) that no other
/// module lists, other than `gate`: the strands a knob may move without
/// touching another module.
std::vector<dna::ComplexIndex>
ownStrands(const dna::Design &design, size_t i,
           std::optional<dna::ComplexIndex> gate);

/// The most a backward strand is raised to, in units of C_max.
inline constexpr double BackwardStrandCeiling = 2;

} // namespace crnc::dsd

#endif
