//===- SaltCorrection.cpp - Owczarzy 2004 / 2008 salt corrections ---------===//

#include "lib/thermo/SaltCorrection.h"
#include <cassert>
#include <cmath>

using namespace crnc::thermo;

/// Owczarzy 2004, eq. 22: monovalent cations (molar).
static double sodiumCorrection(double gcFraction, double mon) {
  double l = std::log(mon);
  return (4.29 * gcFraction - 3.95) * 1e-5 * l + 9.40e-6 * l * l;
}

/// Owczarzy 2008, eq. 16 with the coefficients of Table 2; eqs. 18-20 adjust
/// a, d and g when monovalent ions compete (mg, mon molar; mon may be 0).
static double magnesiumCorrection(double gcFraction, unsigned basePairs,
                                  double mg, double mon, bool mixed) {
  double a = 3.92e-5, b = -9.11e-6, c = 6.26e-5, d = 1.42e-5;
  double e = -4.82e-4, f = 5.25e-4, g = 8.31e-5;
  if (mixed) {
    double lm = std::log(mon);
    a = 3.92e-5 * (0.843 - 0.352 * std::sqrt(mon) * lm);
    d = 1.42e-5 * (1.279 - 4.03e-3 * lm - 8.03e-3 * lm * lm);
    g = 8.31e-5 * (0.486 - 0.258 * lm + 5.25e-3 * lm * lm * lm);
  }
  double l = std::log(mg);
  return a + b * l + gcFraction * (c + d * l) +
         (e + f * l + g * l * l) / (2.0 * (basePairs - 1));
}

double crnc::thermo::inverseTmCorrection(double gcFraction, unsigned basePairs,
                                         const Conditions &conditions) {
  assert(basePairs >= 2 && "a duplex has at least two pairs");
  double mon = conditions.sodiumMilliMolar * 1e-3;
  double mg = conditions.magnesiumMilliMolar * 1e-3;
  assert((mon > 0 || mg > 0) && "some cations are needed");
  if (mg <= 0)
    return sodiumCorrection(gcFraction, mon);
  if (mon <= 0)
    return magnesiumCorrection(gcFraction, basePairs, mg, mon, false);
  double ratio = std::sqrt(mg) / mon;
  if (ratio < 0.22)
    return sodiumCorrection(gcFraction, mon);
  return magnesiumCorrection(gcFraction, basePairs, mg, mon, ratio < 6.0);
}
