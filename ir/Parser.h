//===- Parser.h - reads the textual IR --------------------------*- C++ -*-===//
//
// Reads what ir/Printer.h writes. Every species a reaction names must be
// declared first. Errors are reported at their place in the IR text; a
// `loc(...)` suffix, when present, restores the location from the original
// source so later diagnostics point at what the user wrote.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_PARSER_H
#define CRNC_IR_PARSER_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include <memory>

namespace crnc::ir {

/// Parses the buffer `bufferId` of the engine's SourceMgr. Returns null after
/// reporting errors.
std::unique_ptr<Module> parseModule(unsigned bufferId, DiagnosticEngine &diags);

/// Convenience for tests: parses `text` as a buffer named `name`.
std::unique_ptr<Module> parseModuleFromString(llvm::StringRef text,
                                              DiagnosticEngine &diags,
                                              llvm::StringRef name = "<ir>");

} // namespace crnc::ir

#endif
