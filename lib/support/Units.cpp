//===- Units.cpp - concentration and time units ---------------------------===//

#include "lib/support/Units.h"
#include "llvm/ADT/StringSwitch.h"

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

double crnc::concUnitInMolar(ConcUnit unit) {
  switch (unit) {
  case ConcUnit::None:
  case ConcUnit::M:
    return 1;
  case ConcUnit::mM:
    return 1e-3;
  case ConcUnit::uM:
    return 1e-6;
  case ConcUnit::nM:
    return 1e-9;
  case ConcUnit::pM:
    return 1e-12;
  }
  return 1;
}

double crnc::convertConcentration(double value, ConcUnit from, ConcUnit to) {
  if (from == ConcUnit::None || to == ConcUnit::None || from == to)
    return value;
  return value * (concUnitInMolar(from) / concUnitInMolar(to));
}

std::optional<double> crnc::parseTimeUnitSeconds(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<double>>(text)
      .Case("s", 1.0)
      .Case("min", 60.0)
      .Case("h", 3600.0)
      .Default(std::nullopt);
}
