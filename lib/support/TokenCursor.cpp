//===- TokenCursor.cpp - one-token lookahead over a Lexer -----------------===//

#include "lib/support/TokenCursor.h"
#include "lib/support/Format.h"

using namespace crnc;

TokenCursor::TokenCursor(llvm::StringRef buffer, DiagnosticEngine &diags)
    : lexer(buffer), diags(diags) {
  advance();
}

void TokenCursor::advance() {
  current = lexer.next();
  if (current.kind == TokenKind::Error)
    diags.report(Severity::Error, current.loc(), current.errorMessage,
                 {current.range()});
}

Token TokenCursor::take() {
  Token tok = current;
  if (current.kind != TokenKind::Eof)
    advance();
  return tok;
}

bool TokenCursor::consumeIf(TokenKind kind) {
  if (!at(kind))
    return false;
  take();
  return true;
}

bool TokenCursor::consumeKeywordIf(llvm::StringRef word) {
  if (!atKeyword(word))
    return false;
  take();
  return true;
}

static std::string describe(const Token &tok) {
  switch (tok.kind) {
  case TokenKind::Eof:
  case TokenKind::Newline:
    return tokenKindName(tok.kind).str();
  case TokenKind::Error:
    return "invalid input";
  default:
    break;
  }
  llvm::StringRef text = tok.spelling;
  if (text.size() > 40)
    return "'" + text.take_front(37).str() + "...'";
  return "'" + text.str() + "'";
}

void TokenCursor::errorAt(const Token &tok, const llvm::Twine &message) {
  diags.report(Severity::Error, tok.loc(), message, {tok.range()});
}

void TokenCursor::errorExpected(llvm::StringRef what) {
  // The lexer already reported a malformed token; one error per problem.
  if (current.kind == TokenKind::Error)
    return;
  errorAt(current, "expected " + what + ", found " + describe(current));
}

LogicalResult TokenCursor::expect(TokenKind kind, llvm::StringRef what,
                                  Token *out) {
  if (!at(kind)) {
    errorExpected(what);
    return failure();
  }
  Token tok = take();
  if (out)
    *out = tok;
  return success();
}

LogicalResult TokenCursor::expectKeyword(llvm::StringRef word) {
  if (consumeKeywordIf(word))
    return success();
  errorExpected(("'" + word + "'").str());
  return failure();
}

void TokenCursor::skipSeparators() {
  while (at(TokenKind::Newline) || at(TokenKind::Semicolon))
    take();
}

void TokenCursor::skipLine() {
  while (!at(TokenKind::Newline) && !at(TokenKind::Eof))
    take();
}

Location TokenCursor::locationOf(const Token &tok) const {
  return diags.locationOf(tok.loc());
}

std::optional<double> TokenCursor::numberValue(const Token &tok) {
  std::optional<double> value = parseNumber(tok.spelling);
  if (!value)
    errorAt(tok, "number '" + tok.spelling.take_front(40) +
                     "' is out of range for a double");
  return value;
}

std::optional<uint32_t> TokenCursor::countValue(const Token &tok,
                                                uint32_t limit) {
  uint64_t value = 0;
  if (tok.spelling.getAsInteger(10, value) || value == 0 || value > limit) {
    errorAt(tok, "stoichiometry '" + tok.spelling.take_front(40) +
                     "' must be a whole number from 1 to " +
                     llvm::Twine(limit));
    return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}
