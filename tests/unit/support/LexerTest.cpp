// The shared lexer: token kinds, numbers versus stoichiometry, bad bytes.
#include "lib/support/Lexer.h"
#include <catch2/catch.hpp>
#include <vector>

using namespace crnc;

static std::vector<TokenKind> kindsOf(llvm::StringRef text) {
  Lexer lexer(text);
  std::vector<TokenKind> kinds;
  for (Token t = lexer.next(); !t.is(TokenKind::Eof); t = lexer.next())
    kinds.push_back(t.kind);
  return kinds;
}

TEST_CASE("reactions lex into species, numbers and arrows") {
  using K = TokenKind;
  CHECK(kindsOf("A + 2C -> E [k = 13.78]") ==
        std::vector<K>{K::Identifier, K::Plus, K::Number, K::Identifier,
                       K::Arrow, K::Identifier, K::LBracket, K::Identifier,
                       K::Equal, K::Number, K::RBracket});
  CHECK(kindsOf("C + A <=> D # comment\n") ==
        std::vector<K>{K::Identifier, K::Plus, K::Identifier,
                       K::ReversibleArrow, K::Identifier, K::Newline});
}

TEST_CASE("an exponent needs digits: 2e5 is a number, 2eA is 2 then eA") {
  Lexer a("2e5");
  CHECK(a.next().spelling == "2e5");
  Lexer b("2eA");
  CHECK(b.next().spelling == "2");
  CHECK(b.next().spelling == "eA");
}

TEST_CASE("malformed bytes become error tokens, never a crash") {
  Lexer invalid("A \xFF B");
  invalid.next();
  Token bad = invalid.next();
  CHECK(bad.is(TokenKind::Error));
  CHECK(llvm::StringRef(bad.errorMessage).contains("invalid UTF-8"));
  Lexer unterminated("\"abc");
  CHECK(unterminated.next().is(TokenKind::Error));
  Lexer lone("<");
  CHECK(lone.next().is(TokenKind::Error));
}

TEST_CASE("strings unquote their escapes") {
  CHECK(Lexer::unquote("\"a\\\"b\\n\"") == "a\"b\n");
}
