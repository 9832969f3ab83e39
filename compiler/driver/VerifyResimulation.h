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
/// (a failed simulation is printed with its cause and does not pass).
bool resimulateAndReport(const ir::Module &formalModule,
                         const verify::Crn &formal,
                         const ir::Module &implModule,
                         const verify::Crn &implementation,
                         const verify::Interpretation &m,
                         llvm::ArrayRef<verify::SpeciesIndex> fuels);

} // namespace crnc::driver

#endif
