//===- VerifyOptions.h - `crnc compile`'s verification flags ----*- C++ -*-===//
//
// The flags of compile's steps 5 and 6 (enumeration and verification):
// `--no-verify`, the time limit per check, the enumeration limits and the
// re-simulation horizon and threshold, read into CompileOptions.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYOPTIONS_H
#define CRNC_DRIVER_VERIFYOPTIONS_H

#include "compiler/driver/Pipeline.h"

namespace crnc::driver {

/// Fills the verification fields of `options`; false after a usage error
/// naming the flag.
bool readVerifyOptions(CompileOptions &options);

} // namespace crnc::driver

#endif
