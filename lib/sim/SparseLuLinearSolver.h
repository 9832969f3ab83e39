//===- SparseLuLinearSolver.h - SparseLu as a SUNDIALS solver ---*- C++ -*-===//
//
// A SUNDIALS direct linear solver (SUNLinearSolver, type DIRECT) that factors
// the CSC SUNSparseMatrix CVODE hands it with SparseLu and solves with
// SparseLu's flat triangular solve.
//
// Contract:
//  - `lu` must outlive the solver; the solver never frees it.
//  - The first setup analyses the matrix's pattern; later setups must pass a
//    matrix with the same pattern (CVODE always passes the same matrix).
//  - A matrix singular to working precision is a recoverable failure
//    (SUNLS_PACKAGE_FAIL_REC): CVODE retries with a smaller step.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SPARSELULINEARSOLVER_H
#define CRNC_SIM_SPARSELULINEARSOLVER_H

#include "lib/sim/SparseLu.h"
#include <sundials/sundials_linearsolver.h>

namespace crnc::sim {

/// A new solver over `lu`; free it with SUNLinSolFree. Null when SUNDIALS
/// cannot allocate it.
SUNLinearSolver makeSparseLuLinearSolver(SparseLu &lu, SUNContext ctx);

} // namespace crnc::sim

#endif
