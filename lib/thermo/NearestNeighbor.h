//===- NearestNeighbor.h - DNA duplex thermodynamics ------------*- C++ -*-===//
//
// The unified nearest-neighbour model of SantaLucia, "A unified view of
// polymer, dumbbell, and oligonucleotide DNA nearest-neighbor
// thermodynamics", PNAS 95:1460-1465 (1998), Table 2: ten Watson-Crick
// stacks, initiation, the terminal A.T penalty and the symmetry correction,
// at 1 M Na+; salt corrections of Owczarzy 2004/2008 (SaltCorrection.h).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_THERMO_NEARESTNEIGHBOR_H
#define CRNC_THERMO_NEARESTNEIGHBOR_H

#include "lib/thermo/SaltCorrection.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace crnc::thermo {

/// Enthalpy in kcal/mol and entropy in cal/(K mol).
struct Thermo {
  double dH = 0;
  double dS = 0;
  Thermo &operator+=(const Thermo &o) {
    dH += o.dH, dS += o.dS;
    return *this;
  }
  /// Free energy in kcal/mol at `kelvin` (no salt correction).
  double dG(double kelvin) const { return dH - kelvin * dS / 1000.0; }
};

/// Gas constant in cal/(K mol).
constexpr double GasConstant = 1.9872;

/// Bases as codes A=0, C=1, G=2, T=3; the complement of b is 3 - b.
int baseCode(char base);              ///< -1 for anything else
char baseChar(int code);              ///< "ACGT"[code]
bool isDNA(llvm::StringRef sequence); ///< only A, C, G, T (upper case)
std::string reverseComplement(llvm::StringRef sequence);
double gcFraction(llvm::StringRef sequence);

/// The stack 5'-xy-3' / 3'-x'y'-5' where x', y' are the complements.
Thermo stack(int x, int y);
/// Duplex initiation (both ends counted, each as if G.C-terminated):
/// SantaLucia 1998's "initiation with terminal G.C" twice.
Thermo initiation();
/// Extra cost of one A.T terminal pair: 1998's "initiation with terminal
/// A.T" minus "with terminal G.C". Zero for G.C.
Thermo terminalPenalty(int base);
/// Symmetry correction of a self-complementary duplex.
Thermo symmetryCorrection();

/// The perfect duplex of `sequence` with its complement at 1 M Na+:
/// stacks, initiation, terminal penalties and (if self-complementary) the
/// symmetry correction. Requires: isDNA(sequence), length >= 2.
Thermo duplexThermo(llvm::StringRef sequence);

/// Entropy after the salt correction: the 1/Tm shift of Owczarzy 2004/2008
/// taken as an entropy change at fixed enthalpy, dS' = dS + dH * d(1/Tm), so
/// that Tm and dG agree at every temperature.
Thermo saltCorrected(const Thermo &thermo, double gcFraction,
                     unsigned basePairs, const Conditions &conditions);

/// dG (kcal/mol) of the perfect duplex at the conditions' temperature and salt.
double duplexDG(llvm::StringRef sequence, const Conditions &conditions);

/// Toehold binding free energy: the duplex dG of the toehold with its
/// complement under `conditions` (the measure the designer matches to a
/// target).
inline double toeholdDG(llvm::StringRef toehold, const Conditions &conditions) {
  return duplexDG(toehold, conditions);
}

/// Melting temperature in C of `sequence` with its complement, strands at
/// `c1` >= `c2` nM (Tm = dH / (dS + R ln(c1 - c2/2)); self-complementary:
/// R ln c1), then the salt correction on 1/Tm.
double meltingTemperatureC(llvm::StringRef sequence, double c1NanoMolar,
                           double c2NanoMolar, const Conditions &conditions);

} // namespace crnc::thermo

#endif
