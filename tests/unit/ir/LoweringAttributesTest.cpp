// The lowering's decisions as typed module attributes
// (ir/LoweringAttributes.h): each value reads back as written, and the text the
// printer shows is the one earlier releases wrote (formal = "true",
// clock_strategy = "external").
#include "ir/LoweringAttributes.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::ir;

TEST_CASE("lowering attributes round-trip through their text") {
  AttributeList attrs;
  CHECK_FALSE(lowering::isFormal(attrs));
  lowering::markFormal(attrs);
  CHECK(lowering::isFormal(attrs));
  CHECK(findAttribute(attrs, "formal") == llvm::StringRef("true"));
  lowering::set(attrs, lowering::CmaxNM, 500.0);
  CHECK(findAttribute(attrs, "cmax_nM") == llvm::StringRef("500"));
  CHECK(lowering::get(attrs, lowering::CmaxNM) == 500.0);
  lowering::set(attrs, lowering::ClockStrategy,
                lowering::GateStrategy::Autonomous);
  CHECK(findAttribute(attrs, "clock_strategy") ==
        llvm::StringRef("autonomous"));
  CHECK(lowering::get(attrs, lowering::ClockStrategy) ==
        lowering::GateStrategy::Autonomous);
  CHECK(lowering::clockPhaseCount(attrs) == 0);
  lowering::set(attrs, lowering::ClockPhases, std::string("p1:C1,p2:C2"));
  CHECK(lowering::clockPhaseCount(attrs) == 2);
}

TEST_CASE("a value of the wrong type reads as absent") {
  AttributeList attrs;
  setAttribute(attrs, "cmax_nM", "lots");
  CHECK_FALSE(lowering::get(attrs, lowering::CmaxNM));
  setAttribute(attrs, "clock_strategy", "sometimes");
  CHECK_FALSE(lowering::get(attrs, lowering::ClockStrategy));
  CHECK(lowering::parseGateStrategy("external") ==
        lowering::GateStrategy::External);
  CHECK_FALSE(lowering::parseGateStrategy("sometimes"));
}
