//===- VerifyResimulation.h - `crnc verify --resimulate` --------*- C++ -*-===//
//
// The re-simulation flags of `crnc verify` (--resimulate, --threshold, --ssa,
// --volume, --runs, --seed) and the lines it prints: both CRNs simulated
// under the interpretation, the largest deviation against the threshold.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_VERIFYRESIMULATION_H
#define CRNC_DRIVER_VERIFYRESIMULATION_H

#include "lib/verify/Resimulation.h"

namespace crnc::driver {

/// True when --resimulate asks for a re-simulation (seconds > 0).
bool resimulationRequested();

/// Checks --threshold, --volume and --runs; false after a usage error.
bool checkResimulationFlags();

/// Re-simulates `formal` and `implementation` (fuels `fuels` held) under
/// `m`, prints the verdict and the worst species; returns whether it passed
/// (a failed simulation is printed with its cause and does not pass). The
/// implementation runs on the formal CRN's time axis (time scale 1), or,
/// for a DNA design (`signalStrands` set: per implementation species, a
/// free signal strand), on the design's own predicted axis
/// (QuasiSteadyAxis.h), with time scale 1 beside it; a `time axis:` line
/// says which.
bool resimulateAndReport(const ir::Module &formalModule,
                         const verify::Crn &formal,
                         const ir::Module &implModule,
                         const verify::Crn &implementation,
                         const verify::Interpretation &m,
                         llvm::ArrayRef<verify::SpeciesIndex> fuels,
                         const std::vector<bool> *signalStrands = nullptr);

} // namespace crnc::driver

#endif
