//===- FixedSequences.h - domain sequences a user fixes ---------*- C++ -*-===//
//
// Reads `name,sequence` rows (a lab reusing its reporters): one domain per
// line, an optional `name,sequence` header, '#' comments and blank lines.
// Problems are located errors (`file:line:col: error: ...`).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_FIXEDSEQUENCES_H
#define CRNC_BACKENDS_SEQUENCES_FIXEDSEQUENCES_H

#include "lib/dna/Design.h"
#include "lib/support/Diagnostics.h"
#include <map>
#include <optional>
#include <string>

namespace crnc::sequences {

/// Parses the buffer `bufferId` of diags' SourceMgr. Requires nothing of the
/// design beyond its domain table. Guarantees: on success every name is a
/// domain of `design`, listed once, with a sequence of its length over
/// A, C, G, T (lower case accepted, stored upper case).
std::optional<std::map<std::string, std::string>>
readFixedSequences(unsigned bufferId, const dna::Design &design,
                   DiagnosticEngine &diags);

} // namespace crnc::sequences

#endif
