//===- Scheme.h - translation schemes from formal CRNs to DSD ---*- C++ -*-===//
//
// The DSD backend turns a legal formal CRN (at most bimolecular in each
// direction, non-negative, no phases) into a domain-level design: one signal
// complex per formal species and, per formal reaction, fuel complexes held at
// C_max. Each scheme lives in its own file with the paper it follows.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_SCHEME_H
#define CRNC_BACKENDS_DSD_SCHEME_H

#include "ir/LoweringAttributes.h"
#include "ir/Module.h"
#include "lib/dna/Design.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>

namespace crnc::dsd {

/// The translation schemes (a closed set; allSchemes() names them).
enum class SchemeKind { Soloveichik2010, Srinivas2015, Qian2011, Cardelli2013 };

/// Options every scheme understands.
struct SchemeOptions {
  SchemeKind kind = SchemeKind::Soloveichik2010;
  unsigned toeholdLength = 5; ///< nucleotides per toehold (5-7 typical)
  /// Nucleotides per long domain: branch-migration and history domains.
  unsigned domainLength = 15;
  /// Set each module's rate-setting gate level so that the rate crnc's
  /// enumerator measures equals map-rates' q (RateCalibration.h).
  bool calibrateRates = true;
  /// Calibration weakens a gate's input toehold by intended mismatches
  /// (ToeholdMismatch.h) where diluting the gate alone cannot reach q.
  bool mismatchToeholds = true;
  /// Calibration may instead trim a gate's input toehold (ToeholdTrim.h;
  /// off: the trimmed waste's dangling toehold causes crosstalk).
  bool trimToeholds = false;
  /// A calibrated gate stays at least this many times above the largest
  /// signal (map-rates' default fuel excess).
  double gateExcess = 10;
  /// Where a gate at its floor is still too fast, calibration lowers a
  /// fuel strand of its own module (FuelStrandKnob.h); compile() sets it
  /// for qian2011, whose gates commit by a fuel strand.
  bool tuneFuelStrands = false;
  /// Where a gate within [floor, level] misses q, calibration sets the
  /// backward strand of its join (the fuel ratio, FuelStrandKnob.h).
  bool tuneBackwardStrands = true;
  /// Where a module misses q, calibration measures what every module can
  /// realise (RealisableRates.h) down to q / maxSlowdown: the slowest time
  /// axis the driver may choose so that every module realises its rate.
  double maxSlowdown = 4;
  /// A clocked model's signal levels the data set (model units), by the
  /// `load` attribute of the species the protocol loads ("x:0",
  /// "target:0"); one unit where absent (InFlightHold.h).
  std::map<std::string, double, std::less<>> loadLevels;
};

/// C_max, the concentration of the fuels, in the design's unit: the
/// module's `cmax_nM` (the lowering's choice), or for a module never lowered
/// ir::lowering::DefaultCmaxNM. Options never override the module.
double fuelConcentration(const ir::Module &module);

class SchemeBuilder;

/// One registered scheme: kebab-free name, one-line summary, the paper.
struct SchemeInfo {
  SchemeKind kind;
  llvm::StringRef name;
  llvm::StringRef summary;
  llvm::StringRef reference;
  /// Builds signals and fuels into the builder's design.
  LogicalResult (*build)(SchemeBuilder &builder);
  /// The order its join gates must bind their reactants in, which map-rates
  /// uses to choose the held reactants (MapRatesOptions::joinOrder).
  ir::lowering::JoinOrder joinOrder = ir::lowering::JoinOrder::LeastHeld;
};

/// Every scheme, in a fixed order (the order `--list-schemes` prints).
llvm::ArrayRef<SchemeInfo> allSchemes();
/// The scheme called `name`, or null.
const SchemeInfo *lookupScheme(llvm::StringRef name);
/// The registry entry of `kind`.
const SchemeInfo &schemeInfo(SchemeKind kind);
/// The scheme called `name`; otherwise the one error every command reports
/// for it: "unknown scheme '<name>' (known: soloveichik2010, ...)".
llvm::Expected<SchemeKind> parseScheme(llvm::StringRef name);

/// Translates `module` with the scheme chosen in `options`.
///
/// Requires: `module` passes ir::verify and ir::verifyLegality with
/// maxReactants = 2 (both directions), no signed species and no phases;
/// every species name is a PIL identifier (letters, digits, '_', '-').
/// Violations are reported as located errors on `diags` and the result is an
/// error.
/// Guarantees: a design whose signal complexes are named after the formal
/// species (in declaration order, with their initial concentrations), whose
/// fuels are named f1, f2, ... (deduplicated up to rotation) at
/// fuelConcentration(module), constant, with one ReactionModule per formal
/// reaction direction the scheme implements. A gate fuel of map-rates (a
/// constant fuel-role species that nothing produces, see
/// SchemeBuilder::isGateFuel) gets no signal: its steps are built without it
/// and their fuel complexes are held at its concentration. Deterministic.
llvm::Expected<dna::Design> compile(const ir::Module &module,
                                    const SchemeOptions &options,
                                    DiagnosticEngine &diags);

/// The lab time of a formal module (attributes time_scale, horizon,
/// clock_phases, model_kind), or nullopt without a time scale. compile()
/// records it in the design.
std::optional<dna::LabTime> labTimeOf(const ir::Module &module);

} // namespace crnc::dsd

#endif
