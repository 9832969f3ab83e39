//===- Units.cpp - concentration and time units ---------------------------===//

#include "lib/support/Units.h"
#include "lib/support/Format.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"
#include <cmath>

using namespace crnc;

std::optional<ConcUnit> crnc::parseConcUnit(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<ConcUnit>>(text)
      .Case("M", ConcUnit::M)
      .Case("mM", ConcUnit::mM)
      .Case("uM", ConcUnit::uM)
      .Case("\xC2\xB5M", ConcUnit::uM)
      .Case("nM", ConcUnit::nM)
      .Case("pM", ConcUnit::pM)
      .Default(std::nullopt);
}

llvm::StringRef crnc::concUnitName(ConcUnit unit) {
  switch (unit) {
  case ConcUnit::None:
    return "";
  case ConcUnit::M:
    return "M";
  case ConcUnit::mM:
    return "mM";
  case ConcUnit::uM:
    return "uM";
  case ConcUnit::nM:
    return "nM";
  case ConcUnit::pM:
    return "pM";
  }
  return "";
}

int crnc::concUnitExponent(ConcUnit unit) {
  switch (unit) {
  case ConcUnit::None:
  case ConcUnit::M:
    return 0;
  case ConcUnit::mM:
    return -3;
  case ConcUnit::uM:
    return -6;
  case ConcUnit::nM:
    return -9;
  case ConcUnit::pM:
    return -12;
  }
  return 0;
}

double crnc::concUnitInMolar(ConcUnit unit) {
  return std::pow(10.0, concUnitExponent(unit));
}

double crnc::concUnitRatio(ConcUnit from, ConcUnit to) {
  // Powers of ten computed from integer exponents are exact up to 1e22, so
  // 0.01 uM becomes exactly 10 nM.
  int exponent = concUnitExponent(from) - concUnitExponent(to);
  return exponent >= 0 ? std::pow(10.0, exponent)
                       : 1 / std::pow(10.0, -exponent);
}

double crnc::convertConcentration(double value, ConcUnit from, ConcUnit to) {
  if (from == ConcUnit::None || to == ConcUnit::None || from == to)
    return value;
  return value * concUnitRatio(from, to);
}

std::optional<double> crnc::parseTimeUnitSeconds(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<double>>(text)
      .Case("s", 1.0)
      .Case("min", 60.0)
      .Case("h", 3600.0)
      .Default(std::nullopt);
}

std::optional<double> crnc::parseVolumeUnitLitres(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<double>>(text)
      .Case("L", 1.0)
      .Case("mL", 1e-3)
      .Case("uL", 1e-6)
      .Case("nL", 1e-9)
      .Case("pL", 1e-12)
      .Case("fL", 1e-15)
      .Default(std::nullopt);
}

std::optional<std::pair<double, llvm::StringRef>>
crnc::splitQuantity(llvm::StringRef text,
                    llvm::function_ref<bool(llvm::StringRef)> isUnit) {
  for (size_t i = text.size(); i > 0; --i) {
    llvm::StringRef unit = text.drop_front(i).trim();
    if (!unit.empty() && !isUnit(unit))
      continue;
    if (auto value = parseNumber(text.take_front(i).trim()))
      return std::make_pair(*value, unit);
  }
  return std::nullopt;
}

/// A quantity whose unit `scaleOf` turns into a factor (no unit: 1).
static std::optional<double>
parseScaled(llvm::StringRef text,
            std::optional<double> (*scaleOf)(llvm::StringRef)) {
  auto q = splitQuantity(
      text, [&](llvm::StringRef u) { return scaleOf(u).has_value(); });
  if (!q)
    return std::nullopt;
  return q->first * (q->second.empty() ? 1.0 : *scaleOf(q->second));
}

std::optional<double> crnc::parseSeconds(llvm::StringRef text) {
  return parseScaled(text, parseTimeUnitSeconds);
}

std::optional<double> crnc::parseLitres(llvm::StringRef text) {
  return parseScaled(text, parseVolumeUnitLitres);
}

std::optional<Concentration> crnc::parseConcentration(llvm::StringRef text) {
  auto q = splitQuantity(
      text, [](llvm::StringRef u) { return parseConcUnit(u).has_value(); });
  if (!q)
    return std::nullopt;
  Concentration c;
  c.value = q->first;
  if (!q->second.empty())
    c.unit = *parseConcUnit(q->second);
  return c;
}

std::optional<double> crnc::convertRateConstant(double k, llvm::StringRef units,
                                                unsigned order,
                                                ConcUnit target) {
  llvm::SmallVector<llvm::StringRef, 4> parts;
  units.split(parts, '/', -1, /*KeepEmpty=*/false);
  if (parts.empty())
    return k;
  std::optional<double> perTime = parseTimeUnitSeconds(parts.back().trim());
  if (!perTime || parts.size() != order)
    return std::nullopt;
  for (llvm::StringRef p : llvm::ArrayRef<llvm::StringRef>(parts).drop_back()) {
    std::optional<ConcUnit> unit = parseConcUnit(p.trim());
    if (!unit)
      return std::nullopt;
    k *= concUnitInMolar(target) / concUnitInMolar(*unit);
  }
  return k / *perTime;
}
