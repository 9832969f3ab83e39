//===- VerifyStep.h - compile steps 5 and 6: enumerate, verify --*- C++ -*-===//
//
// The verification steps of `crnc compile` (Pipeline.cpp): the design's
// domain-level reactions enumerated within limits (lib/enumerate), written as
// <name>.enumerated.pil and <name>.implementation.sbml, then checked against
// the formal CRN (lib/verify/VerifyDesign.h) and written as
// <name>.verification.json with one summary line per check. A limit or a
// time limit gives `unknown` verdicts, never a failed compile.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYSTEP_H
#define CRNC_DRIVER_VERIFYSTEP_H

#include "compiler/driver/Pipeline.h"

namespace crnc::driver {

/// Step 5. Requires: `design` was built from the lowered module `formal`.
/// Guarantees: the artifacts above when the enumeration finished; the
/// enumeration line in the summary either way.
verify::PreparedDesign enumerateStep(const ir::Module &formal,
                                     const dna::Design &design,
                                     const CompileOptions &options,
                                     CompileResult &result);

/// Step 6. `asWritten` is the model before lowering (the re-simulation's
/// reference). Guarantees: result.verification is set, its JSON written and
/// one line per check (with the counterexample when incorrect) in the
/// summary.
void verifyStep(const verify::PreparedDesign &prepared,
                const ir::Module &formal, const ir::Module &asWritten,
                const CompileOptions &options, CompileResult &result);

/// Exit code of a compile whose files were written: 0 unless a formal check
/// proved the design incorrect (3, with a warning on `errs`); `unknown`
/// verdicts keep 0 (large designs reach the limits) and a failed
/// re-simulation gives a warning only (it is evidence, not a proof).
int verificationExitCode(const CompileResult &result, llvm::raw_ostream &errs);

} // namespace crnc::driver

#endif
