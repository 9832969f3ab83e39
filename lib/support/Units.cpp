//===- Units.cpp - concentration and time units ---------------------------===//

#include "lib/support/Units.h"
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
