//===- SaltCorrection.h - Na+ and Mg2+ corrections of duplex stability -*- C++
//-*-===//
//
// Owczarzy et al., "Effects of sodium ions on DNA duplex oligomers: improved
// predictions of melting temperatures", Biochemistry 43:3537-3554 (2004), eq.
// 22, and Owczarzy et al., "Predicting stability of DNA duplexes in solutions
// containing magnesium and monovalent cations", Biochemistry 47:5336-5353
// (2008), eqs. 16-20 with the ratio R = sqrt([Mg2+])/[Mon+] deciding which
// ions dominate. Both correct 1/Tm of a duplex measured at 1 M Na+.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_THERMO_SALTCORRECTION_H
#define CRNC_THERMO_SALTCORRECTION_H

namespace crnc::thermo {

/// Solution conditions. Monovalent cations count as Na+ equivalents: Tris
/// contributes half its concentration (it is about half protonated near pH
/// 8.3, the convention of Owczarzy 2008), so 1x TAE (40 mM Tris) is 20 mM.
/// The defaults are those of DSD experiments: 25 C, 1x TAE with 12.5 mM Mg2+.
struct Conditions {
  double temperatureC = 25;
  double sodiumMilliMolar = 20; ///< Na+ + K+ + Tris/2
  double magnesiumMilliMolar = 12.5;

  double temperatureK() const { return temperatureC + 273.15; }
};

/// The change of 1/Tm (in 1/K) from 1 M Na+ to `conditions` for a duplex of
/// `basePairs` pairs with GC fraction `gcFraction`:
///   - no Mg2+: Owczarzy 2004 (Na+ only);
///   - Mg2+ and R < 0.22: monovalent ions dominate, Owczarzy 2004;
///   - 0.22 <= R < 6: Owczarzy 2008 with a, d, g adjusted for [Mon+];
///   - R >= 6 or no monovalent ions: Owczarzy 2008 (Mg2+ only).
/// Requires: basePairs >= 2; at least one of the ion concentrations > 0.
double inverseTmCorrection(double gcFraction, unsigned basePairs,
                           const Conditions &conditions);

} // namespace crnc::thermo

#endif
