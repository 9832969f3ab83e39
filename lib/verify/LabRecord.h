//===- LabRecord.h - a lab-level training run carried by the module -*- C++
//-*-===//
//
// `crnc train --level formal|dna` records what the lab's network learned as
// attributes (`lab_*`) of the trained module it writes, beside the model
// network's curves (lib/train/TrainingHistory.h). `crnc compile` reads them
// back for `<name>.verification.json` ("dna_training") and the report, and
// compares the design it builds with the one that was trained
// (DesignIdentity): one route for the data, the module.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_LABRECORD_H
#define CRNC_VERIFY_LABRECORD_H

#include "ir/Module.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crnc::verify {

/// What makes two compiles the same design for training purposes: the
/// scheme, the lowered formal CRN's reactions up to their rate constants
/// (what --buffers, --gate and reduce-order decide) and the lowering's
/// concentration settings. Rate constants and buffer levels are left out:
/// map-rates derives them from the initial amounts too, which training
/// changes (the weights).
struct DesignIdentity {
  std::string scheme;    ///< DSD scheme ("formal" for the formal CRN)
  std::string structure; ///< 16 hex digits over species and reactions
  double concScaleNM = 0, cmaxNM = 0, qmaxPerNMs = 0;
};

/// Requires: `formal` is a module lowered by map-rates (its attributes
/// conc_scale_nM, cmax_nM, qmax_per_nM_s; missing ones count as 0).
DesignIdentity designIdentity(const ir::Module &formal, llvm::StringRef scheme);

/// One sentence per way `trained` differs from `now` (empty: the same
/// design, weights aside).
std::vector<std::string> designDifferences(const DesignIdentity &trained,
                                           const DesignIdentity &now);

struct LabRecord {
  std::string level;   ///< "dna" or "formal"
  std::string network; ///< one line: complexes, macrostates, reactions, fuels
  bool finiteFuels = false;
  DesignIdentity design; ///< of the network that was trained
  /// The training rows' input levels the design was built for
  /// (train::loadLevels, keyed by `load`); empty: one unit each.
  std::map<std::string, double, std::less<>> loadLevels;
  /// The lab network per epoch: training rows as presented, then the
  /// validation rows (NaN: no validation rows).
  std::vector<double> trainLoss, trainAccuracy, validationLoss,
      validationAccuracy;
  std::optional<double> testLoss, testAccuracy; ///< unset: no test rows
  std::vector<std::string> weightNames;
  std::vector<double> weights; ///< the lab network's, model units
  /// The first presentation from the same weights (LabTraining.h
  /// FirstSample): phase 1 outputs and phase 2 weight changes of the model
  /// network and of the lab network (empty: no training rows).
  std::vector<double> firstModelOutputs, firstOutputs, firstModelChanges,
      firstChanges;
  /// With finite fuels: the fraction of its level the most depleted fuel
  /// has left at the end, and its name.
  std::optional<double> lowestFuelFraction;
  std::string lowestFuelName;
  /// Lab seconds of the forward phase (what an evaluation takes), and of
  /// the backward phase (0: as long; a measured pace, LabPace.h, may
  /// differ).
  double phaseSeconds = 0, backwardSeconds = 0;
  /// Per clock phase: its duration over horizon x time_scale, the design's
  /// pace measured by `crnc train --level dna` (LabPace.h); empty: 1.
  std::vector<double> pace;
  unsigned trainingSamples = 0;  ///< presented in sequence (two phases each)
  unsigned evaluatedSamples = 0; ///< validation and test (phase 1 each)

  double backwardPhaseSeconds() const {
    return backwardSeconds > 0 ? backwardSeconds : phaseSeconds;
  }
  /// Lab hours of one training sample (two phases).
  double sampleHours() const {
    return (phaseSeconds + backwardPhaseSeconds()) / 3600;
  }
  /// Lab hours of the training: the samples one after the other.
  double trainingHours() const { return trainingSamples * sampleHours(); }
};

/// Sets the `lab_*` attributes of `module` (replacing earlier ones).
void recordLabTraining(ir::Module &module, const LabRecord &record);

/// The record, or nullopt when the module has none or it does not parse.
std::optional<LabRecord> readLabRecord(const ir::Module &module);

/// The pace a DNA-level training of this very design measured (per clock
/// phase, over horizon x time_scale; LabRecord::pace), for the protocol's
/// phase times; empty when `formal` carries no such record, it was trained
/// at map-rates' pace, or another design is built now (designDifferences).
std::vector<double> measuredPace(const ir::Module &formal,
                                 llvm::StringRef scheme);

/// Removes every `lab_*` attribute (the weights changed since).
void clearLabRecord(ir::AttributeList &attrs);

} // namespace crnc::verify

#endif
