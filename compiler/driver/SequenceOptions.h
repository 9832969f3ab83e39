//===- SequenceOptions.h - `crnc compile` sequence-design flags -*- C++ -*-===//
//
// The flags of the sequences step (--seed, --temperature, --na, --mg,
// --toehold-dg, --fix-sequences, --threads), range-checked.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_SEQUENCEOPTIONS_H
#define CRNC_DRIVER_SEQUENCEOPTIONS_H

#include "compiler/driver/Pipeline.h"

namespace crnc::driver {

/// Fills `options.sequences` (and loads the --fix-sequences file into diags'
/// SourceMgr). Returns ExitSuccess, or ExitUsageError after printing which
/// flag is out of which range or which file cannot be read.
int readSequenceOptions(CompileOptions &options, DiagnosticEngine &diags);

} // namespace crnc::driver

#endif
