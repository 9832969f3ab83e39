//===- LabTrainingJSON.h - a lab-level training record as JSON --*- C++ -*-===//
//
// The lab-level training a trained module carries (lib/verify/LabRecord.h)
// as JSON: "dna_training" of `<name>.verification.json`, and the lab time
// of `crnc train --level`'s lab-training.json.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_JSON_LABTRAININGJSON_H
#define CRNC_BACKENDS_JSON_LABTRAININGJSON_H

#include "lib/support/Json.h"
#include "lib/verify/LabRecord.h"

namespace crnc::json {

/// Hours per phase, per training sample (two phases) and of the whole
/// training (samples in sequence); samples evaluated (one phase each).
Json labTimeToJSON(const verify::LabRecord &record);

/// "dna_training" of `<name>.verification.json` for the lowered module
/// `formal` compiled with `scheme`: null unless the module carries a
/// DNA-level record (`crnc train --level dna`); otherwise per epoch the
/// model network's and the DNA level's training and validation figures,
/// the test figures, the weights, the lab time, the design that was trained
/// (scheme, enumeration, lowering) and whether it is the design compiled
/// now ("same_design"; "differences" says how it is not).
Json dnaTrainingToJSON(const ir::Module &formal, llvm::StringRef scheme);

} // namespace crnc::json

#endif
