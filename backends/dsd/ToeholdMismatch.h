//===- ToeholdMismatch.h - a gate whose toehold binds weakly ----*- C++ -*-===//
//
// The toehold knob of rate calibration: the rate-setting gate's input-toehold
// complement carries intended base mismatches (dna::DomainRef::mismatches)
// inside the toehold, so the signal's toehold binds it weakly and falls off
// before branch migration more often (Zhang & Winfree, JACS 131:17303 (2009):
// rates span six orders of magnitude with toehold strength). Every complex
// keeps its domain-level structure, so exports and verification see the same
// design; only the enumerator's opening rate (RateModel.h) and the gate
// strand's sequence change.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_TOEHOLDMISMATCH_H
#define CRNC_BACKENDS_DSD_TOEHOLDMISMATCH_H

#include "backends/dsd/RateCalibration.h"
#include "lib/dna/Design.h"
#include <optional>

namespace crnc::dsd {

/// Where the mismatches of `gate`'s input toehold for `signal` go: the
/// longest domain of its input-toehold run (ToeholdTrim.h), and how many
/// internal bases it has (its length minus its two end bases).
struct MismatchSite {
  unsigned position = 0; ///< flat position in the gate
  unsigned capacity = 0; ///< most mismatches it takes
  /// The end of the domain where the toehold helix opens (1: its 5' end,
  /// 2: its 3' end) when the site is the run's outermost domain, else 0:
  /// where an end mismatch (DomainRef::endMismatch) goes.
  uint8_t openEnd = 0;
};

/// One setting of the mismatch knob: central mismatches, whether one sits
/// next to the open end, whether one is a G.T wobble on the middle base.
struct MismatchSetting {
  unsigned central = 0;
  bool end = false;
  bool wobble = false;
};

/// The settings `site` allows, by increasing ddG (RateModel.h): one end
/// mismatch (1.7 kcal/mol), one wobble (3.1), one central (4.2), end and
/// wobble (4.8), end and central (5.9), ... each using one internal base
/// (at most the site's capacity; the wobble needs a domain of 5 nt or more,
/// whose middle base is neither next to an end).
std::vector<MismatchSetting> mismatchLadder(const MismatchSite &site);
std::optional<MismatchSite> mismatchSite(const dna::Design &design,
                                         dna::ComplexIndex gate,
                                         dna::ComplexIndex signal);

/// Sets the mismatches of `gate` at `site` to `setting` (within capacity).
/// Guarantees: pairing, strands and domains unchanged.
void setMismatches(dna::Design &design, dna::ComplexIndex gate,
                   const MismatchSite &site, MismatchSetting setting);

/// Whether one of them sits next to the toehold's open end.
bool inputToeholdEndMismatch(const dna::Design &design, dna::ComplexIndex gate,
                             dna::ComplexIndex signal);
/// Whether one of them is a G.T wobble.
bool inputToeholdWobble(const dna::Design &design, dna::ComplexIndex gate,
                        dna::ComplexIndex signal);

/// The mismatches `gate` carries on its input toehold for `signal`.
unsigned inputToeholdMismatches(const dna::Design &design,
                                dna::ComplexIndex gate,
                                dna::ComplexIndex signal);

/// The weakest setting of the mismatch ladder on the rate gate of module `i`
/// (measured `at`, the gate at its current level) whose window of gate
/// levels [floor, level] reaches `target` (/M/s); where none does (a step
/// of the ladder slows the gate exp(ddG/RT)-fold, more than dilution may
/// span), the setting whose window is closest to it. Sets it and the gate
/// at `level`; changes nothing when the gate diluted to `floor` is not too
/// fast.
///   1. try the settings of mismatchLadder in order,
///   2. measure each with the gate at `level` (a trial copy of the design),
///   3. stop once the target is inside the window or above it.
void chooseMismatches(const ir::Module &module, dna::Design &design, size_t i,
                      const Step &step, double target, double floor,
                      double level, const MeasuredRate &at);

} // namespace crnc::dsd

#endif
