//===- SparseLuLinearSolver.cpp - SparseLu as a SUNDIALS solver -----------===//

#include "lib/sim/SparseLuLinearSolver.h"
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_sparse.h>

using namespace crnc;
using namespace crnc::sim;

namespace {
struct SolverContent {
  SparseLu *lu;
  int lastFlag = SUNLS_SUCCESS;
};
} // namespace

static SolverContent &contentOf(SUNLinearSolver s) {
  return *static_cast<SolverContent *>(s->content);
}

static SUNLinearSolver_Type solverType(SUNLinearSolver) {
  return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID solverId(SUNLinearSolver) {
  return SUNLINEARSOLVER_CUSTOM;
}

static int initialize(SUNLinearSolver s) {
  contentOf(s).lastFlag = SUNLS_SUCCESS;
  return SUNLS_SUCCESS;
}

static int setup(SUNLinearSolver s, SUNMatrix a) {
  SolverContent &c = contentOf(s);
  if (SUNMatGetID(a) != SUNMATRIX_SPARSE || SM_SPARSETYPE_S(a) != CSC_MAT)
    return c.lastFlag = SUNLS_ILL_INPUT;
  if (!c.lu->analyzed() && !c.lu->analyze(static_cast<size_t>(SM_COLUMNS_S(a)),
                                          SM_INDEXPTRS_S(a), SM_INDEXVALS_S(a)))
    return c.lastFlag = SUNLS_PACKAGE_FAIL_UNREC;
  c.lastFlag =
      c.lu->factor(SM_DATA_S(a)) ? SUNLS_SUCCESS : SUNLS_PACKAGE_FAIL_REC;
  return c.lastFlag;
}

static int solve(SUNLinearSolver s, SUNMatrix, N_Vector x, N_Vector b,
                 realtype) {
  double *xd = N_VGetArrayPointer(x);
  const double *bd = N_VGetArrayPointer(b);
  if (xd != bd)
    contentOf(s).lu->solve(bd, xd);
  else
    contentOf(s).lu->solve(xd);
  return contentOf(s).lastFlag = SUNLS_SUCCESS;
}

static sunindextype lastFlag(SUNLinearSolver s) {
  return contentOf(s).lastFlag;
}

static int freeSolver(SUNLinearSolver s) {
  if (!s)
    return SUNLS_SUCCESS;
  delete static_cast<SolverContent *>(s->content);
  s->content = nullptr;
  SUNLinSolFreeEmpty(s);
  return SUNLS_SUCCESS;
}

SUNLinearSolver sim::makeSparseLuLinearSolver(SparseLu &lu, SUNContext ctx) {
  SUNLinearSolver s = SUNLinSolNewEmpty(ctx);
  if (!s)
    return nullptr;
  s->ops->gettype = solverType;
  s->ops->getid = solverId;
  s->ops->initialize = initialize;
  s->ops->setup = setup;
  s->ops->solve = solve;
  s->ops->lastflag = lastFlag;
  s->ops->free = freeSolver;
  s->content = new SolverContent{&lu};
  return s;
}
