//===- DesignStep.h - compile steps 1 to 3b: lower, design -----*- C++ -*-===//
//
// The design-building steps of `crnc compile` (Pipeline.cpp): 1. lowering
// (lib/passes/LoweringPipeline.h), 2. legality (verifyLowered), 3. the DSD
// scheme's domain-level design (backends/dsd), and 3b. where a DNA module
// cannot realise map-rates' rate, 1 to 3 again on the fastest slower time
// axis on which every module does (RateAxis.h chooses it); all of it at
// each concentration scale and C_max the lab scale search tries
// (backends/protocol/ScaleSearch.h). The later steps
// share the design and the log of the lowering through the structs below.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_DESIGNSTEP_H
#define CRNC_DRIVER_DESIGNSTEP_H

#include "backends/report/ReportBuilder.h"
#include "compiler/driver/Pipeline.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::driver {

/// The DNA design of step 3 and what every later step shares about it.
struct DesignStage {
  dna::Design design;
  /// Costs once: counting distinct strands hashes every strand of the design.
  dna::DesignCosts costs;
  /// Step 7's result, when sequences were designed.
  std::optional<sequences::SequenceDesign> sequences;
  /// Step 8's protocol (its strands carry step 7's sequences).
  std::optional<protocol::Protocol> protocol;
  /// Why step 3b slowed the time axis, for the lab time line; empty if not.
  std::string labTimeWhy;
};

/// What the report needs from the steps before the design: the module as
/// the front end made it, what each lowering pass did, and the rates before
/// map-rates changed them.
struct CompileLog {
  std::optional<ir::Module> input;
  std::vector<report::PassRow> passes;
  /// Set when map-rates ran: the rates it started from.
  report::RatesBefore ratesBeforeMapping;
};

/// Steps 1 to 3 once, on a copy of the input: the formal module, its
/// design, and the diagnostics held back for step 3b to keep or drop.
struct Attempt {
  ir::Module formal;
  CompileOptions options;
  CompileLog log;
  std::optional<DesignStage> stage;
  std::vector<Diagnostic> lowering, design;
  bool ok = false;
  /// The lab scale search's note on the setting kept (empty: not searched).
  std::string scaleNote;
};

/// Steps 1 to 3 on a copy of `input` at the concentration scale and C_max
/// the lab scale search keeps (backends/protocol/ScaleSearch.h: of those
/// --conc-scale and --cmax leave open, the one of least lab time at which
/// every DNA module realises its rate and the reaction mix fits), with 3b
/// at each setting tried. Requires: `log` holds the input as the front end
/// made it (its passes are appended to a copy). Guarantees: `input` is
/// untouched; the diagnostics of the attempt kept are printed on `diags`
/// (then 3b's note and the search's); when `ok`, `formal` is the formal
/// module with the options and log it was built with, and `stage` holds its
/// design unless options.stopAfterLowering (set as well when --emit=formal
/// may move the axis, so that the formal IR is the one a full compile
/// builds from); when 3b moved the axis, stage->labTimeWhy says why.
Attempt buildDesign(const ir::Module &input, const CompileOptions &options,
                    const CompileLog &log, DiagnosticEngine &diags);

} // namespace crnc::driver

#endif
