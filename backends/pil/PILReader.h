//===- PILReader.h - Pepper Internal Language input -------------*- C++ -*-===//
//
// Reads the PIL that Peppercorn, Nuskell and crnc write: domain declarations
// (`length`, `domain`, `sequence`), kernel complexes with `@initial` or
// `@constant` concentrations, `complex`/`structure` dot-paren complexes,
// domain-level `reaction`/`kinetic` lines with their rate box, and
// `macrostate`/`state` lines, and `strand`/`sup-sequence` composite domains
// (a name for a run of domains, usable in kernel and `structure` complexes;
// the lines are also kept verbatim). Every malformed line gets a located
// error.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PIL_PILREADER_H
#define CRNC_BACKENDS_PIL_PILREADER_H

#include "lib/dna/Design.h"
#include "lib/support/Diagnostics.h"
#include <optional>

namespace crnc::pil {

/// Reads buffer `bufferId` of the engine's SourceMgr.
///
/// Conventions: a domain of length < 10 (or declared `short`) is a toehold;
/// a longer domain whose name starts with 'h' is a history domain. A complex
/// named f... is a fuel, w... a waste, i... an intermediate, anything else a
/// signal (Nuskell's convention). Concentrations are converted to the unit
/// of the first concentration in the file.
/// Returns nullopt when any error was reported.
std::optional<dna::Design> readPIL(unsigned bufferId, DiagnosticEngine &diags);

/// Adds `text` to the SourceMgr as `bufferName` and reads it.
std::optional<dna::Design> readPILString(llvm::StringRef text,
                                         DiagnosticEngine &diags,
                                         llvm::StringRef bufferName = "<pil>");

} // namespace crnc::pil

#endif
