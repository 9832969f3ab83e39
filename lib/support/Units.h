//===- Units.h - concentration and time units -------------------*- C++ -*-===//
//
// Concentrations are stored in one unit per module; rate constants are stored
// in that unit and seconds (a bimolecular k in /unit/s). These helpers convert
// the units a user may write (M, mM, uM, nM, pM; s, min, h).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_UNITS_H
#define CRNC_SUPPORT_UNITS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <utility>

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

/// Parses "L", "mL", "uL", "nL", "pL", "fL" into litres per unit.
std::optional<double> parseVolumeUnitLitres(llvm::StringRef text);

/// Splits "10nM" into 10 and "nM": the longest numeric prefix whose rest
/// (trimmed) is empty or accepted by `isUnit`; nullopt when there is none.
std::optional<std::pair<double, llvm::StringRef>>
splitQuantity(llvm::StringRef text,
              llvm::function_ref<bool(llvm::StringRef)> isUnit);

/// A time in seconds: "3600", "90s", "30min", "2h".
std::optional<double> parseSeconds(llvm::StringRef text);

/// A volume in litres: "1e-15", "1fL", "2uL".
std::optional<double> parseLitres(llvm::StringRef text);

/// A concentration as written: a number and its unit (None when the user
/// wrote no unit): "10nM", "5", "0.1uM".
struct Concentration {
  double value = 0;
  ConcUnit unit = ConcUnit::None;
};
std::optional<Concentration> parseConcentration(llvm::StringRef text);

/// Converts a rate constant written in `units` ("/M/s", "/nM/min", "/s"; ""
/// means already in `target` and seconds) for a reaction of `order` into
/// `target` per second; nullopt when the units are unknown or do not match
/// the order.
std::optional<double> convertRateConstant(double k, llvm::StringRef units,
                                          unsigned order, ConcUnit target);

} // namespace crnc

#endif
