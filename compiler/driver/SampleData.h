//===- SampleData.h - the data rows a command reads -------------*- C++ -*-===//
//
// `--features` and `--classes` (one pair of flags for `crnc train` and
// `crnc compile`), and compile's `--data rows.csv`: the row a Neural CRN
// model's re-simulation presents instead of a probe (lib/verify
// VerifyDesign.h, train/ProbeSample.h), read by crnc train's reader
// (train::loadDataset) with the same selection.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_SAMPLEDATA_H
#define CRNC_DRIVER_SAMPLEDATA_H

#include "compiler/driver/Pipeline.h"
#include "lib/train/TrainingLoop.h"

namespace crnc::driver {

/// Reads --features and --classes into `options`; false after a usage
/// error naming the flag.
bool readDataSelection(train::DataOptions &options);

/// compile's --data: sets options.verification.sample and its origin from
/// the first row of the file. Requires: `module` is the module as loaded
/// (before lowering). Returns 0, or the exit code after an error was
/// reported: 2 for usage (--data without a model or with --no-verify, a
/// row that does not fit the model, --features/--classes without --data)
/// and an unreadable file, 1 for a row the model cannot take.
int readSampleData(const ir::Module &module, CompileOptions &options);

} // namespace crnc::driver

#endif
