//===- TrainLevel.h - `crnc train --level formal|dna` -----------*- C++ -*-===//
//
// Orchestration for training a model on the chemistry a lab would hold: the
// compile pipeline up to the DSD design (compile's defaults and `--scheme`),
// for `dna` the design enumerated module by module, then lib/verify's
// LabNetwork and LabTrainer beside the model network (lib/train), and the
// report: per-epoch loss, validation and test loss/accuracy of both, weights,
// fuel left, run times and lab time.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_TRAINLEVEL_H
#define CRNC_DRIVER_TRAINLEVEL_H

#include "backends/dsd/Scheme.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/Json.h"
#include "lib/verify/LabPace.h"
#include "lib/verify/LabRecord.h"
#include "lib/verify/LabTraining.h"
#include <memory>
#include <string>

namespace crnc::driver {

enum class TrainLevel { Model, Formal, Dna };

struct LabLevelSettings {
  TrainLevel level = TrainLevel::Dna;
  dsd::SchemeKind scheme = dsd::SchemeOptions().kind;
  bool finiteFuels = false;
  /// nM per model unit; 0: for dna, the scale (and C_max) compile's lab
  /// scale search keeps (backends/protocol/ScaleSearch.h), for formal
  /// map-rates' automatic scale.
  double concScaleNM = 0;
  /// dna: each phase lasts the design's measured pace (lib/verify/LabPace.h)
  /// instead of map-rates' time scale.
  bool measurePace = true;
  enumerate::EnumerateOptions limits; ///< for the design's enumeration
  sim::SolverOptions modelSolver;     ///< the model network's integrator
  sim::SolverOptions labSolver;       ///< the lab network's integrator
  verify::LabLoopOptions loop;
  std::string outDir; ///< `<outDir>/lab-training.json`, `trained.crnir`
};

/// What a lab-level run measured (for the report and the JSON).
struct LabLevelRun {
  std::string levelName; ///< "formal" or "dna (<scheme>)"
  std::string network;   ///< one line: species, reactions, fuels
  verify::LabProtocol protocol;
  std::optional<verify::PhasePace> pace; ///< set when the pace was measured
  /// The lab scale search's note on how the scale was chosen (empty:
  /// given).
  std::string scaleChoice;
  verify::LabTrainingResult result;
  double setupSeconds = 0; ///< lowering, design, enumeration
  /// What the trained module carries of the lab network (lib/verify/LabRecord).
  verify::LabRecord record;
  /// The training rows' input levels the design was built for.
  std::map<std::string, double, std::less<>> loadLevels;
  /// The model with the model network's learned weights, its curves and
  /// `record` (written as trained.crnir).
  std::unique_ptr<ir::Module> trained;
};

/// Requires: `model` is the model module as the front end built it and `mi`
/// its interface; `data` is prepared for it. Lowers a copy, builds the lab
/// network, trains both, and builds the trained module. Returns an exit code
/// (input errors reported through `diags` or printed once).
int trainAtLabLevel(const ir::Module &model, const train::ModelInterface &mi,
                    const train::PreparedData &data,
                    const LabLevelSettings &settings, DiagnosticEngine &diags,
                    LabLevelRun &run);

/// The figures of `run` as JSON (for lab-training.json and the
/// verification report).
Json labLevelJson(const LabLevelRun &run, const train::ModelInterface &mi);

/// Prints the comparison and writes `<outDir>/lab-training.json` and
/// `<outDir>/trained.crnir`.
int reportLabLevel(const LabLevelRun &run, const train::ModelInterface &mi,
                   const LabLevelSettings &settings);

/// `crnc compile`'s summary line for a module that carries a DNA-level
/// training record (empty otherwise): the DNA level's and the formal CRN's
/// test figures, and whether the record is this design's.
std::string dnaTrainingLine(const ir::Module &formal, llvm::StringRef scheme);

} // namespace crnc::driver

#endif
