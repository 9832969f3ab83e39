//===- Lexer.h - tokens shared by the .crn language and textual IR -*- C++
//-*-=//
//
// Both crnc's source language and its textual IR are line-oriented token
// streams with the same lexical shape: identifiers, numbers, strings, arrows,
// punctuation, `#` comments and significant newlines. One lexer serves both.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_LEXER_H
#define CRNC_SUPPORT_LEXER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <string>

namespace crnc {

enum class TokenKind {
  Eof,
  Newline,
  Identifier,
  Number,
  String,
  Arrow,           // ->
  ReversibleArrow, // <=>
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  Equal,
  Comma,
  Semicolon,
  Colon,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  LParen,
  RParen,
  At,
  Error, // malformed input; `errorMessage` says why
};

/// A token: its kind and the exact source text it covers.
struct Token {
  TokenKind kind = TokenKind::Eof;
  llvm::StringRef spelling;
  std::string errorMessage; ///< Set for TokenKind::Error only.

  llvm::SMLoc loc() const {
    return llvm::SMLoc::getFromPointer(spelling.data());
  }
  llvm::SMRange range() const {
    return llvm::SMRange(
        loc(), llvm::SMLoc::getFromPointer(spelling.data() + spelling.size()));
  }
  bool is(TokenKind k) const { return kind == k; }
  bool isKeyword(llvm::StringRef word) const {
    return kind == TokenKind::Identifier && spelling == word;
  }
};

/// Human-readable token kind ("'->'", "identifier") for diagnostics.
llvm::StringRef tokenKindName(TokenKind kind);

/// Splits a buffer into tokens. Never reads past the end of the buffer; any
/// byte it cannot place becomes an Error token, so a parser can always report a
/// located error instead of crashing.
class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer);
  Token next();
  /// The text of a String token without quotes, escapes decoded.
  static std::string unquote(llvm::StringRef spelling);

private:
  Token make(TokenKind kind, const char *start);
  Token makeError(const char *start, const char *end, std::string message);
  Token lexNumber(const char *start);
  Token lexIdentifier(const char *start);
  Token lexString(const char *start);
  void skipComment();
  /// Length of the valid UTF-8 sequence at `p`, or 0 when invalid.
  unsigned utf8Length(const char *p) const;

  const char *cur;
  const char *end;
};

/// True for names that the textual formats accept without quotes.
bool isIdentifier(llvm::StringRef text);

} // namespace crnc

#endif
