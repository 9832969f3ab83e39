//===- FastVectorOps.h - quicker kernels for CVODE's serial vectors -*- C++ -*-===//
//
// CVODE spends much of each step in weighted RMS norms and linear sums over
// the state. The serial N_Vector's reductions run one dependent addition per
// element; these replacements keep eight partial sums (and plain loops the
// compiler vectorises), with the same mathematical results. Installed on the
// template vector, they reach every vector CVODE clones from it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_FASTVECTOROPS_H
#define CRNC_SIM_FASTVECTOROPS_H

#include <nvector/nvector_serial.h>

namespace crnc::sim {

/// Replaces the WRMS-norm, weighted-square-sum, linear-sum, linear
/// combination and scale-add-multi operations of serial vector `v`.
void installFastVectorOps(N_Vector v);

} // namespace crnc::sim

#endif
