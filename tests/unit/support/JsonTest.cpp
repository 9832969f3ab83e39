// jsonNumber: integral doubles print as integers (as formatNumber writes
// them), other finite values round-trip exactly, non-finite values become
// null (JSON has no NaN or infinity).
#include "lib/support/Json.h"
#include "lib/support/Format.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace crnc;

TEST_CASE("integral doubles print as integers") {
  CHECK(jsonNumber(0).dump() == "0");
  CHECK(jsonNumber(-0.0).dump() == "0");
  CHECK(jsonNumber(2).dump() == "2");
  CHECK(jsonNumber(-1000).dump() == "-1000");
  CHECK(jsonNumber(9007199254740991.0).dump() == "9007199254740991");
  // At 2^53 and beyond the double form is kept (an integer could overflow).
  CHECK(jsonNumber(1e300).dump() == "1e+300");
}

TEST_CASE("other finite doubles round-trip exactly") {
  for (double v : {0.1, 0.25, -3.5e-9, 1.0 / 3.0, 5.883330819104025,
                   6.02214076e23, 1e-300}) {
    std::string text = jsonNumber(v).dump();
    INFO(text);
    CHECK(Json::parse(text).get<double>() == v);
    CHECK(parseNumber(text) == v);
  }
  CHECK(jsonNumber(0.5).dump() == "0.5");
}

TEST_CASE("non-finite doubles become null") {
  CHECK(jsonNumber(std::nan("")).is_null());
  CHECK(jsonNumber(std::numeric_limits<double>::infinity()).is_null());
  CHECK(
      jsonNumbers({1, -std::numeric_limits<double>::infinity(), 0.5}).dump() ==
      "[1,null,0.5]");
}

TEST_CASE("JsonStream writes the text of the same tree's dump()") {
  std::string text;
  llvm::raw_string_ostream os(text);
  JsonStream js(os);
  js.beginObject();
  js.member("name", "a \"b\"");
  js.key("rows");
  js.beginArray();
  js.value(jsonNumbers({1, 2.5}));
  js.beginObject();
  js.member("empty", Json::array());
  js.endObject();
  js.beginArray();
  js.endArray();
  js.endArray();
  js.member("done", true);
  js.endObject();
  Json tree{
      {"name", "a \"b\""},
      {"rows", Json::array({jsonNumbers({1, 2.5}),
                            Json{{"empty", Json::array()}}, Json::array()})},
      {"done", true}};
  CHECK(os.str() == tree.dump());
}
