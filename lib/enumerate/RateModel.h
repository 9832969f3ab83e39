//===- RateModel.h - Peppercorn's domain-level rate constants ---*- C++ -*-===//
//
// The rate constants of the domain-level reaction types, as in Peppercorn
// 1.1 (Badelt, Grun, Sarma, Wolfe, Shin & Winfree 2020, "A domain-level DNA
// strand displacement reaction enumerator allowing arbitrary non-pseudoknotted
// secondary structures"): binding, toehold opening, 3-way and 4-way branch
// migration, with the polymer-linker slowdown for remote toeholds.
// Rates are in /s (unimolecular) or /M/s (bimolecular).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_RATEMODEL_H
#define CRNC_ENUMERATE_RATEMODEL_H

namespace crnc::enumerate {

/// A stretch of a loop between two reacting domains: whether it crosses a
/// strand break (open), its unpaired nucleotides and the stems leaving it.
struct LoopStats {
  bool open = false;
  unsigned bases = 0;
  unsigned stems = 0;
  /// Closed, one stem, no unpaired bases: the reacting helices are adjacent.
  bool isAdjacentStem() const { return !open && stems == 1 && bases == 0; }
};

/// Thermodynamic parameters of the opening rate.
struct OpeningModel {
  double dGbp = -1.7;   ///< kcal/mol per base pair
  double dGassoc = 1.9; ///< kcal/mol association penalty
  /// kcal/mol one intended internal mismatch costs a helix (the domain-level
  /// value of dna::DomainRef::mismatches): the mean over 12 internal
  /// non-wobble single mismatches (A.A, C.C, G.A, T.C; 3.0 to 5.5) measured
  /// with primer3's ntthal (SantaLucia & Hicks 2004 nearest-neighbour and
  /// mismatch parameters) at 25 C as dG(mismatched) - dG(perfect) of 20-bp
  /// duplexes: the two stacks the mismatch breaks plus its own terms.
  double dGmismatch = 4.2;
  /// kcal/mol a mismatch on the second base from the end where a helix
  /// opens costs it (dna::DomainRef::endMismatch): the terminal pair beyond
  /// it frays, so it costs about one base pair (dGbp) rather than two
  /// stacks. Measured as dGmismatch is: mean over 48 random 20-bp duplexes
  /// (seed 14) of dG(mismatched) - dG(perfect), non-wobble (A.A, C.C, G.A,
  /// T.C) on the second base from one end, 1.70 (-0.24 to 3.70; a central
  /// mismatch over the same duplexes: 4.82, 3.00 to 8.64).
  double dGendMismatch = 1.7;
  /// kcal/mol one G.T wobble on a helix's middle base costs it
  /// (dna::DomainRef::wobble): measured as above over the same duplexes
  /// (the G or T nearest the middle paired with T or G instead), 3.08
  /// (1.92 to 3.80).
  double dGwobble = 3.1;
  double kelvin = 298.15;
};

/// Equivalent single-stranded length (nt) of the shorter of two linkers;
/// +infinity for an open linker. Requires: not both open.
double linkerLength(const LoopStats &before, const LoopStats &after);

/// Hairpin closing rate for a loop of `length` nt: min(1e6 L^-2.5, 3.3e4) /s.
double hairpinClosingRate(double length);

/// Bimolecular binding of a toehold of `length` nt: 3e5 * L /M/s.
double bimolecularBindingRate(unsigned length);

/// Unimolecular binding (zippering 1e6/L, bubble closing 1e4, or hairpin /
/// bulge closing over the shorter linker) of `length` nt.
double unimolecularBindingRate(unsigned length, const LoopStats &before,
                               const LoopStats &after);

/// Opening of a helix of `length` nt with `mismatches` intended mismatches:
/// k_bind * exp((L dG_bp + dG_assoc + mismatches ddG_mm)/RT). Binding is
/// unchanged: a mismatch makes a toehold fall off sooner, not bind slower
/// (Zhang & Winfree 2009's weak-toehold regime).
double openingRate(unsigned length, const OpeningModel &model = {},
                   unsigned mismatches = 0);

/// The same with `ddG` kcal/mol of intended mismatches (mismatchPenalty).
double openingRateWithPenalty(unsigned length, const OpeningModel &model,
                              double ddG);

/// kcal/mol the intended mismatches of `central` central, `end` end and
/// `wobbles` G.T wobble mismatches cost a helix.
double mismatchPenalty(unsigned central, unsigned end, unsigned wobbles = 0,
                       const OpeningModel &model = {});

/// 3-way branch migration over `length` nt: 1e4/L /s when the displaced side
/// continues (dangling end), 333/L when it ends at a strand break, slowed by
/// the linker ratio when the toehold is remote.
double branch3WayRate(unsigned length, const LoopStats &before,
                      const LoopStats &after, bool afterStartsWithBreak);

/// 4-way branch migration over `length` nt (Dabby 2013 step times).
double branch4WayRate(unsigned length, const LoopStats &before,
                      const LoopStats &after);

} // namespace crnc::enumerate

#endif
