//===- VerifyModel.h - `crnc verify model.crn`: what it checks -*- C++ -*-===//
//
// Orchestration for `crnc verify model.crn`: the compile pipeline up to the
// DSD design, enumeration (lib/enumerate) and the adapter to the
// implementation CRN (lib/verify/VerifyDesign.h, shared with `crnc compile`).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYMODEL_H
#define CRNC_DRIVER_VERIFYMODEL_H

#include "lib/enumerate/Enumerator.h"
#include "lib/support/Diagnostics.h"
#include "lib/verify/VerifyDesign.h"
#include <memory>
#include <string>

namespace crnc::driver {

struct ModelVerification {
  std::unique_ptr<ir::Module> formalModule; ///< the lowered formal module
  verify::Crn formal;                       ///< fuels with its names removed
  verify::EnumeratedImplementation implementation;
  std::string checkedAgainst; ///< "the lowered formal CRN (3 species, ...)"
  std::string enumerated;     ///< one line: complexes, macrostates, reactions
  /// Set when enumeration stopped at a limit (the message names it).
  std::string enumerationStopped;
};

/// Nuskell's enumeration limits (verify::nuskellEnumerateOptions).
inline enumerate::EnumerateOptions nuskellEnumerateOptions() {
  return verify::nuskellEnumerateOptions();
}

/// Reads `file`, lowers it and builds `scheme`'s design with compile's
/// defaults, enumerates it under `limits` and fills `out`. Returns an exit
/// code (an unknown scheme is a usage error; input errors are reported
/// through `diags`); a limit reached is not an error: it returns 0 with
/// `out.enumerationStopped` set.
int buildModelVerification(llvm::StringRef file, llvm::StringRef scheme,
                           const enumerate::EnumerateOptions &limits,
                           ModelVerification &out, DiagnosticEngine &diags);
/// Prints `checked against: ...` and `enumeration (<scheme>): ...`; when the
/// enumeration stopped, also `crn-bisimulation: unknown` and/or
/// `pathway-decomposition: unknown` and returns false.
bool printModelHeader(const ModelVerification &model, llvm::StringRef scheme,
                      bool bisimulation, bool pathway, llvm::raw_ostream &os);

/// The same for a module already read (it is lowered in place and kept in
/// `out.formalModule`).
int buildModelVerification(std::unique_ptr<ir::Module> module,
                           llvm::StringRef scheme,
                           const enumerate::EnumerateOptions &limits,
                           ModelVerification &out, DiagnosticEngine &diags);

/// `crnc verify --formal f.crn --pil design.pil`: reads the formal CRN and a
/// design made elsewhere (Nuskell's `_sys.pil` or crnc's PIL) and fills
/// `out` through verify::implementationFromDesign. Returns an exit code
/// (input errors are reported through `diags`); a limit reached is not an
/// error (`out.enumerationStopped`).
int buildDesignVerification(llvm::StringRef formalFile, llvm::StringRef pilFile,
                            const enumerate::EnumerateOptions &limits,
                            ModelVerification &out, DiagnosticEngine &diags);

} // namespace crnc::driver

#endif
