//===- VerifyOptions.h - the verification flags ----------------*- C++ -*-===//
//
// The flags of compile's steps 5 and 6 (enumeration and verification):
// `--no-verify`, the time limit per check, the enumeration limits and the
// re-simulation horizon and threshold, read into CompileOptions; and the
// enumeration limits of `crnc verify model.crn` (and `--pil`), with the same
// module-by-module fallback (verify::prepareDesign).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYOPTIONS_H
#define CRNC_DRIVER_VERIFYOPTIONS_H

#include "compiler/driver/Pipeline.h"

namespace crnc::driver {

/// Fills the verification fields of `options`; false after a usage error
/// naming the flag.
bool readVerifyOptions(CompileOptions &options);

/// `crnc verify`'s --list-limit: most names or lines it prints of the
/// fuels, the wastes and the interpretation (0: all).
size_t verifyListLimit();

/// `crnc verify`'s enumeration limits: --max-complex-count and
/// --max-reaction-count (compile's defaults) for the whole system and each
/// module, --max-union-complexes for the union when the design is enumerated
/// module by module (0: no modular enumeration). None after a usage error
/// naming the flag.
std::optional<enumerate::EnumerateOptions> readVerifyCommandLimits();

} // namespace crnc::driver

#endif
