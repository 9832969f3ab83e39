//===- Protocol.h - the wet-lab protocol of a design ------------*- C++ -*-===//
//
// Everything a bench scientist needs to run a compiled design, in lab units
// (nM, uL, minutes, degrees C): the buffer, stock concentrations, gate
// annealing (limiting strand at 1x, the strands the gel removes in a small
// excess, 95 -> 20 C at 1 C/min), gel purification, the pipetting of every
// mix, and the experiment timeline derived from the formal IR (inputs and
// clock-phase triggers and their complements per training or inference
// sample, when to read the
// outputs, how many lab minutes one model time unit takes: map-rates'
// time_scale). One Protocol value is rendered as JSON, Markdown and HTML.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_PROTOCOL_H
#define CRNC_BACKENDS_PROTOCOL_PROTOCOL_H

#include "backends/protocol/OrderSheets.h"
#include "backends/protocol/Pipetting.h"
#include "backends/protocol/Strands.h"
#include "ir/Module.h"
#include "lib/dna/Design.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::protocol {

/// The bench settings. Every default is defined here once.
struct LabSettings {
  double reactionVolumeUL = 100; ///< usable volume of the reaction
  double strandStockUM = 100;    ///< ordered strands, resuspended in water
  double gateStockUM = 10;       ///< purified gates, in 1x buffer
  double annealGateUM = 20;      ///< gate concentration while annealing
  double annealVolumeUL = 50;    ///< per gate
  double annealExcess = 1.2;     ///< non-limiting strands, x the limiting
  double annealFromC = 95;       ///< degrees C
  double annealToC = 20;         ///< degrees C
  double annealRateCPerMin = 1;  ///< cooling rate
  double deadVolumePercent = 10; ///< overage on every mix
  double minPipetteUL = 0.5;     ///< smallest volume pipetted directly
  BufferSpec buffer;             ///< 10x TAE / 125 mM Mg2+ -> 1x
  OrderSettings order;           ///< plates, scale, purification
  /// Per clock phase: its duration over horizon x time_scale (the design's
  /// pace measured by `crnc train --level dna`); empty: 1.
  std::vector<double> phasePace;
  /// Lab seconds per model time unit on the axis verification measured
  /// (the design's own, lib/verify/QuasiSteadyAxis.h), and that axis in
  /// words; unset: map-rates' time_scale.
  std::optional<double> secondsPerModelTime;
  std::string timeAxis;
  /// A learning network's target goes in with the second phase's trigger
  /// instead of with the inputs (the first phase does not read it; see
  /// verify::targetWaitsForUpdate), as crnc train and verification run it.
  bool targetWithSecondPhase = false;
};

/// Range checks; the message names the setting and the accepted range.
llvm::Error checkLabSettings(const LabSettings &settings);

/// Gates annealed the same way: same strand count and ratios.
struct AnnealRecipe {
  unsigned strandsPerGate = 0;
  Mix mix; ///< per gate: "limiting strand" at 1x, "strand i" at excess
  /// Per gate: its name, then its strands (limiting strand first).
  std::vector<std::vector<std::string>> gates;
};

/// One timed action of the experiment.
struct TimelineEvent {
  double minute = 0;
  std::string action; ///< "add", "remove", "measure", "start", ...
  std::string what;   ///< strands or species
  std::string amount; ///< in lab units, or ""
};

struct Timeline {
  /// map-rates' time_scale, or LabSettings::secondsPerModelTime
  double labSecondsPerModelTime = 1;
  std::string timeAxis;             ///< empty: map-rates' time_scale
  double nanomolarPerModelUnit = 1; ///< map-rates' conc_scale_nM (free)
  /// What the lab adds per model unit (free and held in gates and
  /// buffers): conc_scale_nM x amount_factor, as the design's initial
  /// concentrations and verification's simulated additions.
  double addedNanomolarPerModelUnit = 1;
  std::string kind;        ///< "learning" or "reaction network"
  double cycleMinutes = 0; ///< one sample presentation (learning)
  std::vector<TimelineEvent> events;
  std::vector<std::string> notes;
};

struct Protocol {
  std::string name;
  std::string scheme;
  LabSettings settings;
  std::vector<OrderStrand> strands;
  std::vector<AnnealRecipe> anneals;
  std::vector<std::string> purification; ///< steps, in order
  std::vector<Mix> pools;                ///< premixed for the reaction mix
  Mix reaction;                          ///< the reaction mix at t = 0
  std::vector<Mix> workingDilutions;     ///< stocks for timeline additions
  Timeline timeline;
  std::vector<std::string> measure; ///< species to read out
  std::vector<std::string> warnings;
};

/// Builds the protocol of `design`, the DSD translation of formal module
/// `formal`. Errors: settings out of range, or a concentration that cannot
/// be reached from its stock. A mix whose components need more than its
/// volume is not an error: it is marked (Mix::fits) and listed in warnings.
llvm::Expected<Protocol> buildProtocol(const ir::Module &formal,
                                       const dna::Design &design,
                                       const LabSettings &settings);

/// Whether the reaction mix of `design` (every fuel, and every signal
/// present at t = 0, from the stocks of `settings`) fits its prepared
/// volume, and what it needs.
struct MixFit {
  bool fits = true;
  double requiredUL = 0; ///< what its components and buffer need
  double preparedUL = 0; ///< usable volume plus dead-volume overage
  /// The largest fraction f <= 1 (to 0.1 %) such that the mix fits with
  /// every fuel at f times its concentration: 1 when it fits, 0 when no
  /// fraction does.
  double fuelFraction = 1;
};

/// The fit buildProtocol reports (Mix::fits, its warning), without the
/// rest of the protocol. Errors: as buildProtocol's for the reaction mix
/// (a concentration its stock cannot reach).
llvm::Expected<MixFit> reactionMixFit(const ir::Module &formal,
                                      const dna::Design &design,
                                      const LabSettings &settings);

/// The C_max at which the mix's fuels fit (fuelFraction x `cmaxNM`, rounded
/// down to 3 significant digits, as the warning suggests): `cmaxNM` when it
/// fits, 0 when no C_max does.
double fittingCmax(const MixFit &fit, double cmaxNM);

void writeProtocolJSON(const Protocol &protocol, llvm::raw_ostream &os);
void writeProtocolMarkdown(const Protocol &protocol, llvm::raw_ostream &os);
/// A self-contained HTML page (inline CSS, no scripts).
void writeProtocolHTML(const Protocol &protocol, llvm::raw_ostream &os);

/// OpentronsScript.cpp: the dilutions, pools and reaction mix as an
/// Opentrons Protocol API v2 script with the tables' volumes.
void writeOpentronsScript(const Protocol &protocol, llvm::raw_ostream &os);
/// Why the script cannot run the mixes (the reaction mix does not fit, a
/// volume under the P20's 1 uL, more stocks than 7 racks of 24 tubes), or
/// nullopt when it can.
std::optional<std::string> opentronsProblem(const Protocol &protocol);

} // namespace crnc::protocol

#endif
