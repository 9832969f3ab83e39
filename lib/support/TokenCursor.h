//===- TokenCursor.h - one-token lookahead over a Lexer ---------*- C++ -*-===//
//
// The parsing helper shared by the .crn parser and the IR parser: peek, take,
// expect-with-a-located-error, and number conversion with range checks. Lexer
// errors surface as diagnostics at the offending byte the first time they are
// peeked, so a parser never has to handle Error tokens itself.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_TOKENCURSOR_H
#define CRNC_SUPPORT_TOKENCURSOR_H

#include "lib/support/Diagnostics.h"
#include "lib/support/Lexer.h"
#include "lib/support/LogicalResult.h"
#include <optional>

namespace crnc {

class TokenCursor {
public:
  TokenCursor(llvm::StringRef buffer, DiagnosticEngine &diags);

  const Token &peek() const { return current; }
  /// The token after the current one (no diagnostics for it yet).
  Token peekSecond() const {
    Lexer copy = lexer;
    return copy.next();
  }
  bool at(TokenKind kind) const { return current.kind == kind; }
  bool atKeyword(llvm::StringRef word) const { return current.isKeyword(word); }
  /// Returns the current token and advances.
  Token take();
  /// Takes the current token if it has `kind`.
  bool consumeIf(TokenKind kind);
  bool consumeKeywordIf(llvm::StringRef word);
  /// Takes a token of `kind` or reports "expected <what>".
  LogicalResult expect(TokenKind kind, llvm::StringRef what,
                       Token *out = nullptr);
  LogicalResult expectKeyword(llvm::StringRef word);
  /// Skips newlines and semicolons (statement separators).
  void skipSeparators();
  /// Skips to the next newline (error recovery).
  void skipLine();

  /// Reports an error at the current token: "expected X, found 'y'".
  void errorExpected(llvm::StringRef what);
  void errorAt(const Token &tok, const llvm::Twine &message);
  Location locationOf(const Token &tok) const;

  /// Converts a Number token to a finite double, reporting overflow.
  std::optional<double> numberValue(const Token &tok);
  /// Converts a Number token to a positive integer (stoichiometry) <= limit.
  std::optional<uint32_t> countValue(const Token &tok, uint32_t limit);

  DiagnosticEngine &diagnostics() { return diags; }

private:
  void advance();
  Lexer lexer;
  DiagnosticEngine &diags;
  Token current;
};

} // namespace crnc

#endif
