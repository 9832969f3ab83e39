//===- LoweringAttributes.cpp - what the lowering decides -----------------===//

#include "ir/LoweringAttributes.h"
#include "lib/support/EnumNames.h"

using namespace crnc;
using namespace crnc::ir;

static const EnumName<lowering::GateStrategy> gateStrategyTable[] = {
    {lowering::GateStrategy::External, "external"},
    {lowering::GateStrategy::Autonomous, "autonomous"},
};

llvm::ArrayRef<EnumName<lowering::GateStrategy>> lowering::gateStrategyNames() {
  return gateStrategyTable;
}

llvm::StringRef lowering::gateStrategyName(GateStrategy strategy) {
  return nameOf(gateStrategyTable, strategy);
}

std::optional<lowering::GateStrategy>
lowering::parseGateStrategy(llvm::StringRef name) {
  return valueOf(gateStrategyTable, name);
}

std::string lowering::formatValue(GateStrategy value) {
  return gateStrategyName(value).str();
}

bool lowering::parseValue(llvm::StringRef text, GateStrategy &out) {
  std::optional<GateStrategy> value = parseGateStrategy(text);
  if (value)
    out = *value;
  return value.has_value();
}

bool lowering::isFormal(const AttributeList &attrs) {
  return findAttribute(attrs, "formal") == llvm::StringRef("true");
}

void lowering::markFormal(AttributeList &attrs) {
  setAttribute(attrs, "formal", "true");
}

size_t lowering::clockPhaseCount(const AttributeList &attrs) {
  std::optional<llvm::StringRef> phases = findAttribute(attrs, "clock_phases");
  return phases ? 1 + phases->count(',') : 0;
}
