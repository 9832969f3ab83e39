//===- Parser.h - the .crn parser -------------------------------*- C++ -*-===//
//
// Parses a .crn buffer (and the files it includes) into a ProgramAST.
// Statements are separated by newlines or ';'. On a malformed statement the
// parser reports a located error, skips to the next line and goes on, so one
// run shows several independent errors (up to a limit).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_PARSER_H
#define CRNC_FRONTEND_PARSER_H

#include "compiler/frontend/AST.h"
#include "lib/support/Diagnostics.h"

namespace crnc::frontend {

/// Parses buffer `bufferId` of the engine's SourceMgr, splicing included files
/// in place. Returns nullopt if any error was reported.
std::optional<ProgramAST> parseProgram(unsigned bufferId,
                                       DiagnosticEngine &diags);

/// Prints one line per token (`line:col kind 'text'`), for `--emit=tokens`.
/// Returns false if the buffer has a lexical error (reported through diags).
bool dumpTokens(unsigned bufferId, DiagnosticEngine &diags,
                llvm::raw_ostream &os);

/// True for the unit keywords that cannot name a parameter (M, nM, s, ...).
bool isUnitKeyword(llvm::StringRef word);

} // namespace crnc::frontend

#endif
