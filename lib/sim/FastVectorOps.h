//===- FastVectorOps.h - quicker kernels for CVODE's serial vectors -*- C++
//-*-===//
//
// On networks of a few thousand species CVODE spends about half of each step
// in vector operations (linear sums, scalings, norms, error weights). The
// serial N_Vector's reductions run one dependent addition per element and its
// element-wise loops are built for baseline x86-64; these replacements keep
// eight partial sums and are compiled for AVX2 too (chosen at load time, the
// same bits either way), with the same mathematical results. Installed on the
// template vector, they reach every vector CVODE clones from it.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_FASTVECTOROPS_H
#define CRNC_SIM_FASTVECTOROPS_H

#include <nvector/nvector_serial.h>

namespace crnc::sim {

/// Replaces the element-wise, reduction, fused and vector-array operations
/// CVODE and SPGMR use on serial vector `v`.
void installFastVectorOps(N_Vector v);

/// CVODE's error weights in one pass (for CVodeWFtolerances):
/// w[i] = 1 / (relTol * |y[i]| + absTol). Returns -1 when some denominator
/// is not positive (CVODE then reports illegal tolerances), else 0.
int computeErrorWeights(N_Vector y, N_Vector weights, double relTol,
                        double absTol);

} // namespace crnc::sim

#endif
