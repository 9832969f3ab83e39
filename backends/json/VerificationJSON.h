//===- VerificationJSON.h - a verification outcome as JSON ------*- C++ -*-===//
//
// <name>.verification.json: the verdict per notion (with its counterexample
// or the reason it is unknown), which formal CRN was checked, the
// enumeration or the limit it hit, the interpretation, the fuels and wastes,
// and the re-simulation: scales, deviation per species and both
// trajectories on the reference's time axis; "dna_training": what
// `crnc train --level dna` measured (LabTrainingJSON.h), or null.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_JSON_VERIFICATIONJSON_H
#define CRNC_BACKENDS_JSON_VERIFICATIONJSON_H

#include "lib/support/Json.h"
#include "lib/verify/VerificationOutcome.h"

namespace crnc::json {

Json verificationToJSON(const verify::VerificationOutcome &outcome,
                        Json dnaTraining = nullptr);

} // namespace crnc::json

#endif
