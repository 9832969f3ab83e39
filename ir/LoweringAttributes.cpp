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

static const EnumName<lowering::JoinOrder> joinOrderTable[] = {
    {lowering::JoinOrder::LeastHeld, "least-held"},
    {lowering::JoinOrder::NoOutputCrosstalk, "no-output-crosstalk"},
};

llvm::ArrayRef<EnumName<lowering::JoinOrder>> lowering::joinOrderNames() {
  return joinOrderTable;
}

llvm::StringRef lowering::joinOrderName(JoinOrder order) {
  return nameOf(joinOrderTable, order);
}

std::string lowering::formatValue(JoinOrder value) {
  return joinOrderName(value).str();
}

bool lowering::parseValue(llvm::StringRef text, JoinOrder &out) {
  std::optional<JoinOrder> value = valueOf(joinOrderTable, text);
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
