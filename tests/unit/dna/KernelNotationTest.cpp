// Kernel and dot-paren notation: round trips and located errors.
#include "lib/dna/KernelNotation.h"
#include "llvm/Support/MemoryBuffer.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::dna;

namespace {
struct Fixture {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  CapturedDiagnostics captured{diags};
  DomainTable domains;
  std::optional<Complex> parse(llvm::StringRef text) {
    return parseKernelString(text, domains, diags, "k.txt");
  }
  /// Column of the first error, or 0.
  unsigned errorColumn() const {
    for (const Diagnostic &d : captured.all())
      if (d.severity == Severity::Error)
        return d.loc.col;
    return 0;
  }
};
} // namespace

TEST_CASE("kernel notation round-trips") {
  const char *cases[] = {
      "f1 d2( t3( t4( + d5( t6( d13 t7 + ) ) ) ) ) t1*",
      "d17( t7( d8 t9 + d18( t10( d11 t12 + ) ) ) ) t6*",
      "a b c",
      "a( b* + c( + ) ) d",
      "x( )",
  };
  for (const char *text : cases) {
    Fixture f;
    auto c = f.parse(text);
    REQUIRE(c);
    std::string printed = printKernel(*c, f.domains);
    CHECK(printed == text);
    auto again = f.parse(printed);
    REQUIRE(again);
    CHECK(*again == *c);
  }
}

TEST_CASE("kernel notation tolerates spacing and normalises it") {
  Fixture f;
  auto c = f.parse("  a(  b( +   ) )c* ");
  REQUIRE(c);
  CHECK(printKernel(*c, f.domains) == "a( b( + ) ) c*");
}

TEST_CASE("toehold markers declare toeholds") {
  Fixture f;
  auto c = f.parse("t^ x( + ) ");
  REQUIRE(c);
  CHECK(f.domains.get(*f.domains.lookup("t")).kind == DomainKind::Toehold);
  CHECK(f.domains.get(*f.domains.lookup("x")).kind == DomainKind::Long);
}

TEST_CASE("malformed kernels give located errors") {
  struct Case {
    const char *text;
    const char *message;
    unsigned column;
  } cases[] = {
      {"a( b", "unmatched '('", 1},
      {"a b )", "unmatched ')'", 5},
      {"+ a", "empty strand", 1},
      {"a + + b", "empty strand", 5},
      {"a +", "'+' must be followed by a domain", 3},
      {"a $ b", "unexpected character '$'", 3},
      {"a + b", "not connected", 5},
  };
  for (const Case &c : cases) {
    Fixture f;
    CHECK(!f.parse(c.text));
    INFO(c.text);
    CHECK(f.captured.hasError(c.message));
    CHECK(f.errorColumn() == c.column);
  }
}

TEST_CASE("unknown domains are errors when declaration is required") {
  Fixture f;
  KernelParseOptions strict;
  strict.declareUnknown = false;
  f.domains.add("a", 15, DomainKind::Long);
  CHECK(!parseKernelString("a( b )", f.domains, f.diags, "k", strict));
  CHECK(f.captured.hasError("unknown domain 'b'"));
}

TEST_CASE("dot-paren notation round-trips and agrees with kernel") {
  Fixture f;
  auto k = f.parse("d2( t3( + d5( t6( d13 + ) ) ) ) t1*");
  REQUIRE(k);
  DotParen dp = printDotParen(*k, f.domains);
  CHECK(dp.sequence == "d2 t3 + d5 t6 d13 + t6* d5* t3* d2* t1*");
  CHECK(dp.structure == "( ( + ( ( . + ) ) ) ) .");
  auto seq = llvm::MemoryBuffer::getMemBufferCopy(dp.sequence, "seq");
  auto st = llvm::MemoryBuffer::getMemBufferCopy(dp.structure, "st");
  llvm::StringRef s1 = seq->getBuffer(), s2 = st->getBuffer();
  f.sm.AddNewSourceBuffer(std::move(seq), llvm::SMLoc());
  f.sm.AddNewSourceBuffer(std::move(st), llvm::SMLoc());
  auto c = parseDotParen(s1, s2, f.domains, f.diags);
  REQUIRE(c);
  CHECK(*c == *k);
}

TEST_CASE("dot-paren errors: mismatch, non-complementary pairs") {
  Fixture f;
  auto add = [&](llvm::StringRef text) {
    auto b = llvm::MemoryBuffer::getMemBufferCopy(text, "dp");
    llvm::StringRef s = b->getBuffer();
    f.sm.AddNewSourceBuffer(std::move(b), llvm::SMLoc());
    return s;
  };
  CHECK(!parseDotParen(add("a b a*"), add("( . )  ."), f.domains, f.diags));
  CHECK(f.captured.hasError("structure is longer"));
  CHECK(!parseDotParen(add("a b"), add("( )"), f.domains, f.diags));
  CHECK(f.captured.hasError("not complementary"));
  CHECK(!parseDotParen(add("a + a*"), add("( . )"), f.domains, f.diags));
  CHECK(f.captured.hasError("expected '+'"));
}
