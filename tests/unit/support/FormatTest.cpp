// Number formatting: shortest round-trip text, strict parsing.
#include "lib/support/Format.h"
#include <catch2/catch.hpp>
#include <random>

using namespace crnc;

TEST_CASE("formatNumber prints the shortest text that reads back exactly") {
  CHECK(formatNumber(1) == "1");
  CHECK(formatNumber(0.25) == "0.25");
  CHECK(formatNumber(-0.0) == "0");
  CHECK(formatNumber(1e-9) == "1e-09");
  CHECK(formatNumber(0.1) == "0.1");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-30, 30);
  for (int i = 0; i < 10000; ++i) {
    double value = std::pow(10.0, exponent(rng)) * (i % 2 ? 1 : -1);
    std::optional<double> back = parseNumber(formatNumber(value));
    REQUIRE(back);
    CHECK(*back == value);
  }
}

TEST_CASE("parseNumber rejects trailing text and overflow") {
  CHECK(parseNumber("12.5") == 12.5);
  CHECK(parseNumber("+3") == 3.0);
  CHECK_FALSE(parseNumber("12x"));
  CHECK_FALSE(parseNumber(""));
  CHECK_FALSE(parseNumber("1e999"));
}

TEST_CASE("quoteString escapes quotes, backslashes and control bytes") {
  CHECK(quoteString("a\"b") == "\"a\\\"b\"");
  CHECK(quoteString("a\\b") == "\"a\\\\b\"");
  CHECK(quoteString(std::string("\x01", 1)) == "\"\\x01\"");
  // Found by the IR fuzzer: a byte >= 0x80 from an escape must stay escaped,
  // or the printed IR is not valid UTF-8 and cannot be read back.
  CHECK(quoteString("caf\xE9") == "\"caf\\xE9\"");
}
