//===- NearestNeighbor.cpp - SantaLucia 1998 unified parameters -----------===//

#include "lib/thermo/NearestNeighbor.h"
#include <cassert>
#include <cmath>

using namespace crnc;
using namespace crnc::thermo;

int thermo::baseCode(char base) {
  switch (base) {
  case 'A':
    return 0;
  case 'C':
    return 1;
  case 'G':
    return 2;
  case 'T':
    return 3;
  default:
    return -1;
  }
}

char thermo::baseChar(int code) { return "ACGT"[code & 3]; }

bool thermo::isDNA(llvm::StringRef sequence) {
  for (char c : sequence)
    if (baseCode(c) < 0)
      return false;
  return true;
}

std::string thermo::reverseComplement(llvm::StringRef sequence) {
  std::string out(sequence.size(), 'N');
  for (size_t i = 0; i < sequence.size(); ++i)
    out[sequence.size() - 1 - i] = baseChar(3 - baseCode(sequence[i]));
  return out;
}

double thermo::gcFraction(llvm::StringRef sequence) {
  if (sequence.empty())
    return 0;
  size_t gc = 0;
  for (char c : sequence)
    gc += c == 'G' || c == 'C';
  return double(gc) / double(sequence.size());
}

/// SantaLucia 1998, Table 2 (dH kcal/mol, dS cal/(K mol)), indexed by the
/// 5'->3' top-strand dinucleotide x*4 + y. Each stack and its reverse
/// complement (e.g. AA/TT and TT/AA) are the same entry.
static const Thermo stackTable[16] = {
    /*AA*/ {-7.9, -22.2},  /*AC*/ {-8.4, -22.4},
    /*AG*/ {-7.8, -21.0},  /*AT*/ {-7.2, -20.4},
    /*CA*/ {-8.5, -22.7},  /*CC*/ {-8.0, -19.9},
    /*CG*/ {-10.6, -27.2}, /*CT*/ {-7.8, -21.0},
    /*GA*/ {-8.2, -22.2},  /*GC*/ {-9.8, -24.4},
    /*GG*/ {-8.0, -19.9},  /*GT*/ {-8.4, -22.4},
    /*TA*/ {-7.2, -21.3},  /*TC*/ {-8.2, -22.2},
    /*TG*/ {-8.5, -22.7},  /*TT*/ {-7.9, -22.2}};

Thermo thermo::stack(int x, int y) { return stackTable[x * 4 + y]; }

Thermo thermo::initiation() { return Thermo{2 * 0.1, 2 * -2.8}; }

Thermo thermo::terminalPenalty(int base) {
  if (base == 0 || base == 3)
    return Thermo{2.3 - 0.1, 4.1 - -2.8};
  return Thermo{};
}

Thermo thermo::symmetryCorrection() { return Thermo{0, -1.4}; }

Thermo thermo::duplexThermo(llvm::StringRef sequence) {
  assert(isDNA(sequence) && sequence.size() >= 2);
  Thermo total = initiation();
  total += terminalPenalty(baseCode(sequence.front()));
  total += terminalPenalty(baseCode(sequence.back()));
  for (size_t i = 0; i + 1 < sequence.size(); ++i)
    total += stack(baseCode(sequence[i]), baseCode(sequence[i + 1]));
  if (reverseComplement(sequence) == sequence)
    total += symmetryCorrection();
  return total;
}

Thermo thermo::saltCorrected(const Thermo &thermo, double gc,
                             unsigned basePairs, const Conditions &conditions) {
  double shift = inverseTmCorrection(gc, basePairs, conditions);
  return Thermo{thermo.dH, thermo.dS + thermo.dH * 1000.0 * shift};
}

double thermo::duplexDG(llvm::StringRef sequence,
                        const Conditions &conditions) {
  Thermo t = saltCorrected(duplexThermo(sequence), gcFraction(sequence),
                           sequence.size(), conditions);
  return t.dG(conditions.temperatureK());
}

double thermo::meltingTemperatureC(llvm::StringRef sequence, double c1,
                                   double c2, const Conditions &conditions) {
  Thermo t = duplexThermo(sequence);
  bool selfComplementary = reverseComplement(sequence) == sequence;
  double strands = selfComplementary ? c1 : c1 - c2 / 2.0;
  assert(strands > 0 && "c1 must be at least c2 / 2");
  double tm1M = t.dH * 1000.0 / (t.dS + GasConstant * std::log(strands * 1e-9));
  double shift =
      inverseTmCorrection(gcFraction(sequence), sequence.size(), conditions);
  return 1.0 / (1.0 / tm1M + shift) - 273.15;
}
