//===- Units.h - concentration and time units -------------------*- C++ -*-===//
//
// Concentrations are stored in one unit per module; rate constants are stored
// in that unit and seconds (a bimolecular k in /unit/s). These helpers convert
// the units a user may write (M, mM, uM, nM, pM; s, min, h).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_UNITS_H
#define CRNC_SUPPORT_UNITS_H

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace crnc {

/// A concentration unit. `None` is a dimensionless (formal) concentration.
enum class ConcUnit { None, M, mM, uM, nM, pM };

/// Parses "M", "mM", "uM" (or "µM"), "nM", "pM".
std::optional<ConcUnit> parseConcUnit(llvm::StringRef text);
/// The spelling used in output ("nM"); "" for None.
llvm::StringRef concUnitName(ConcUnit unit);
/// How many molar one `unit` is (nM -> 1e-9). None counts as 1.
double concUnitInMolar(ConcUnit unit);
/// The power of ten of one `unit` in molar (nM -> -9). None counts as 0.
int concUnitExponent(ConcUnit unit);
/// The exact factor 10^(exponent(from) - exponent(to)).
double concUnitRatio(ConcUnit from, ConcUnit to);
/// Converts `value` given in `from` into `to`. Either being None is identity.
double convertConcentration(double value, ConcUnit from, ConcUnit to);

/// Parses "s", "min", "h" into seconds per unit.
std::optional<double> parseTimeUnitSeconds(llvm::StringRef text);

} // namespace crnc

#endif
