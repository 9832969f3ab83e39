//===- KernelNotation.h - kernel and dot-paren text of complexes -*- C++
//-*-===//
//
// Kernel notation (Peppercorn, Nuskell): `a( b c* + ) d`, where `x(` pairs x
// with the complementary domain standing at its matching `)`, and `+` breaks
// strands. Dot-paren notation gives the domains and the structure apart:
// "a b c* + b* a* d" with "( . . + ) ) .". Both parse with located errors
// and print in one normal form, so parse -> print -> parse is the identity.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DNA_KERNELNOTATION_H
#define CRNC_DNA_KERNELNOTATION_H

#include "lib/dna/Complex.h"
#include "lib/support/Diagnostics.h"
#include <optional>
#include <string>

namespace crnc::dna {

/// Kernel notation, tokens separated by single spaces: `a( b + ) c*`.
std::string printKernel(const Complex &complex, const DomainTable &domains);

/// Dot-paren notation: the domain sequence and its structure, token by token.
struct DotParen {
  std::string sequence;  ///< "a b + b* a*"
  std::string structure; ///< "( . + . )"
};
DotParen printDotParen(const Complex &complex, const DomainTable &domains);

struct KernelParseOptions {
  /// Declare domains not yet in the table (length `unknownLength`; a name
  /// written `x^` becomes a toehold). When false an unknown name is an error.
  bool declareUnknown = true;
  unsigned unknownLength = 0;
};

/// Parses kernel notation. `text` must lie inside a buffer of the
/// DiagnosticEngine's SourceMgr so errors point at the offending character.
/// Returns nullopt after reporting an error (unbalanced parentheses, empty
/// strand, unknown domain, disconnected complex).
std::optional<Complex> parseKernel(llvm::StringRef text, DomainTable &domains,
                                   DiagnosticEngine &diags,
                                   const KernelParseOptions &options = {});

/// Parses dot-paren notation (both strings inside SourceMgr buffers).
/// Reports length mismatches, misplaced '+', unbalanced or
/// non-complementary pairs, pseudoknots cannot arise (parentheses nest).
std::optional<Complex> parseDotParen(llvm::StringRef sequence,
                                     llvm::StringRef structure,
                                     DomainTable &domains,
                                     DiagnosticEngine &diags,
                                     const KernelParseOptions &options = {});

/// Adds `text` to the SourceMgr as buffer `bufferName`, then parseKernel.
std::optional<Complex>
parseKernelString(llvm::StringRef text, DomainTable &domains,
                  DiagnosticEngine &diags,
                  llvm::StringRef bufferName = "<kernel>",
                  const KernelParseOptions &options = {});

} // namespace crnc::dna

#endif
