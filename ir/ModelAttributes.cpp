//===- ModelAttributes.cpp - the attributes of a lowered model ------------===//
//
// The table of model kinds and the text form of each attribute type.
//
//===----------------------------------------------------------------------===//

#include "ir/ModelAttributes.h"
#include "lib/support/EnumNames.h"
#include "lib/support/Format.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace crnc;
using namespace crnc::ir;
using namespace crnc::ir::model;

static const KindInfo kindTable[] = {
    {Kind::LinearRegression, "linear_regression",
     "Neural CRN linear regression (Nagipogu & Reif): z(0) = x, "
     "dz/dt = theta*x + h, y = sum z(T)"},
    {Kind::LinearClassifier, "linear_classifier",
     "linear Neural CRN classifier: one output per class or a thresholded "
     "output"},
    {Kind::NonlinearClassifier, "nonlinear_classifier",
     "nonlinear Neural CRN classifier: augmented state, -alpha z^2 "
     "self-interaction, bimolecular exact sensitivity gradient"},
    {Kind::ExpertAggregation, "expert_aggregation",
     "expert-aggregation classifier (Jaffard & Sbalzarini): pairwise input "
     "fluxes as experts, multiplicative-weights learning"},
};

llvm::ArrayRef<KindInfo> model::allKinds() { return kindTable; }

llvm::StringRef model::kindName(Kind kind) {
  for (const KindInfo &info : kindTable)
    if (info.kind == kind)
      return info.name;
  llvm_unreachable("every kind is in the table");
}

std::optional<Kind> model::parseKind(llvm::StringRef name) {
  for (const KindInfo &info : kindTable)
    if (info.name == name)
      return info.kind;
  return std::nullopt;
}

static const EnumName<Task> taskTable[] = {{Task::Regression, "regression"},
                                           {Task::Binary, "binary"},
                                           {Task::Multiclass, "multiclass"}};
static const EnumName<Gradient> gradientTable[] = {
    {Gradient::Exact, "exact"}, {Gradient::FirstOrder, "first_order"}};
static const EnumName<Rail> railTable[] = {{Rail::Positive, "p"},
                                           {Rail::Negative, "n"}};

/// Reads `name` from `table` into `out`; false when it is not there.
template <typename E, size_t N>
static bool readName(const EnumName<E> (&table)[N], llvm::StringRef name,
                     E &out) {
  std::optional<E> value = valueOf(table, name);
  if (value)
    out = *value;
  return value.has_value();
}

llvm::StringRef model::taskName(Task task) { return nameOf(taskTable, task); }

std::optional<Task> model::parseTask(llvm::StringRef name) {
  return valueOf(taskTable, name);
}

std::string model::formatValue(const std::string &value) { return value; }
std::string model::formatValue(double value) { return formatNumber(value); }
std::string model::formatValue(uint64_t value) { return std::to_string(value); }
std::string model::formatValue(bool value) { return value ? "1" : "0"; }
std::string model::formatValue(Kind value) { return kindName(value).str(); }
std::string model::formatValue(Task value) { return taskName(value).str(); }
std::string model::formatValue(Gradient value) {
  return nameOf(gradientTable, value).str();
}
std::string model::formatValue(Rail value) {
  return nameOf(railTable, value).str();
}
std::string model::formatValue(const Load &value) {
  return (value.isTarget ? "target:" : "x:") + std::to_string(value.index);
}
std::string model::formatValue(const InputPair &value) {
  return std::to_string(value.first) + ":" + std::to_string(value.second);
}

bool model::parseValue(llvm::StringRef text, std::string &out) {
  out = text.str();
  return true;
}
bool model::parseValue(llvm::StringRef text, double &out) {
  std::optional<double> value = parseNumber(text);
  if (value)
    out = *value;
  return value.has_value();
}
bool model::parseValue(llvm::StringRef text, uint64_t &out) {
  unsigned long long value = 0;
  if (llvm::getAsUnsignedInteger(text, 10, value))
    return false;
  out = value;
  return true;
}
bool model::parseValue(llvm::StringRef text, bool &out) {
  if (text != "0" && text != "1")
    return false;
  out = text == "1";
  return true;
}
bool model::parseValue(llvm::StringRef text, Kind &out) {
  std::optional<Kind> kind = parseKind(text);
  if (kind)
    out = *kind;
  return kind.has_value();
}
bool model::parseValue(llvm::StringRef text, Task &out) {
  return readName(taskTable, text, out);
}
bool model::parseValue(llvm::StringRef text, Gradient &out) {
  return readName(gradientTable, text, out);
}
bool model::parseValue(llvm::StringRef text, Rail &out) {
  return readName(railTable, text, out);
}
bool model::parseValue(llvm::StringRef text, Load &out) {
  auto [what, index] = text.split(':');
  if (what != "x" && what != "target")
    return false;
  out.isTarget = what == "target";
  return parseValue(index, out.index);
}
bool model::parseValue(llvm::StringRef text, InputPair &out) {
  auto [first, second] = text.split(':');
  return parseValue(first, out.first) && parseValue(second, out.second);
}

std::string model::formatValue(const WeightSlot &value) {
  return std::to_string(value.output) + ":" + std::to_string(value.dimension) +
         ":" + (value.input ? std::to_string(*value.input) : "bias");
}
bool model::parseValue(llvm::StringRef text, WeightSlot &out) {
  llvm::SmallVector<llvm::StringRef, 3> parts;
  text.split(parts, ':');
  if (parts.size() != 3 || !parseValue(parts[0], out.output) ||
      !parseValue(parts[1], out.dimension))
    return false;
  if (parts[2] == "bias") {
    out.input.reset();
    return true;
  }
  uint64_t input = 0;
  if (!parseValue(parts[2], input))
    return false;
  out.input = input;
  return true;
}
