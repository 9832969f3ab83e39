//===- Frontend.h - .crn source to verified IR ------------------*- C++ -*-===//
//
// The front end as one call: parse (with includes), check and generate IR,
// then verify the module. Used by the drivers and by tests.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_FRONTEND_H
#define CRNC_FRONTEND_FRONTEND_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include <memory>

namespace crnc::frontend {

/// Compiles buffer `bufferId` of the engine's SourceMgr. The module is named
/// by its `module` statement, else after the file's stem. Returns null after
/// reporting errors.
std::unique_ptr<ir::Module> compileSource(unsigned bufferId,
                                          DiagnosticEngine &diags);

/// Convenience for tests: compiles `text` as a buffer named `name`.
std::unique_ptr<ir::Module> compileString(llvm::StringRef text,
                                          DiagnosticEngine &diags,
                                          llvm::StringRef name = "input.crn");

} // namespace crnc::frontend

#endif
