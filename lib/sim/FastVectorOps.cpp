//===- FastVectorOps.cpp - quicker kernels for CVODE's serial vectors -----===//
//
// Reductions with eight independent partial sums; element-wise loops written
// so that they vectorise. Semantics follow the SUNDIALS N_Vector API (6.x),
// including N_VConstrMask's test for constraint codes +-1 and +-2.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/FastVectorOps.h"
#include <cmath>

using namespace crnc;
using namespace crnc::sim;

static sunindextype lengthOf(N_Vector v) { return NV_LENGTH_S(v); }
static double *dataOf(N_Vector v) { return NV_DATA_S(v); }

static realtype weightedSquareSum(N_Vector x, N_Vector w) {
  const double *xd = dataOf(x), *wd = dataOf(w);
  sunindextype n = lengthOf(x), i = 0;
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; ++j) {
      double p = xd[i + j] * wd[i + j];
      s[j] += p * p;
    }
  double total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; ++i)
    total += (xd[i] * wd[i]) * (xd[i] * wd[i]);
  return total;
}

static realtype weightedRmsNorm(N_Vector x, N_Vector w) {
  return std::sqrt(weightedSquareSum(x, w) / lengthOf(x));
}

static void linearSum(realtype a, N_Vector x, realtype b, N_Vector y,
                      N_Vector z) {
  const double *xd = dataOf(x), *yd = dataOf(y);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = a * xd[i] + b * yd[i];
}

static int linearCombination(int nv, realtype *c, N_Vector *X, N_Vector z) {
  double *zd = dataOf(z);
  sunindextype n = lengthOf(z);
  // z may alias X[0]: scale first, then accumulate the rest.
  const double *x0 = dataOf(X[0]);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = c[0] * x0[i];
  for (int j = 1; j < nv; ++j) {
    const double *xj = dataOf(X[j]);
    double cj = c[j];
    for (sunindextype i = 0; i < n; ++i)
      zd[i] += cj * xj[i];
  }
  return 0;
}

static int scaleAddMulti(int nv, realtype *a, N_Vector x, N_Vector *Y,
                         N_Vector *Z) {
  const double *xd = dataOf(x);
  sunindextype n = lengthOf(x);
  for (int j = 0; j < nv; ++j) {
    const double *yd = dataOf(Y[j]);
    double *zd = dataOf(Z[j]);
    double aj = a[j];
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = aj * xd[i] + yd[i];
  }
  return 0;
}

static void constant(realtype c, N_Vector z) {
  double *zd = dataOf(z);
  sunindextype n = lengthOf(z);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = c;
}

static void absolute(N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = std::fabs(xd[i]);
}

static void inverse(N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = 1.0 / xd[i];
}

/// m[i] = 1 where x[i] violates constraint c[i] (|c| = 2: strict sign,
/// |c| = 1: sign or zero, 0: none); true when nothing is violated.
static booleantype constraintMask(N_Vector c, N_Vector x, N_Vector m) {
  const double *cd = dataOf(c), *xd = dataOf(x);
  double *md = dataOf(m);
  sunindextype n = lengthOf(x);
  double any = 0;
  for (sunindextype i = 0; i < n; ++i) {
    double a = std::fabs(cd[i]), p = xd[i] * cd[i];
    bool bad = (a > 1.5 && p <= 0) || (a > 0.5 && p < 0);
    md[i] = bad ? 1.0 : 0.0;
    any = bad ? 1.0 : any;
  }
  return any == 1.0 ? SUNFALSE : SUNTRUE;
}

void sim::installFastVectorOps(N_Vector v) {
  v->ops->nvconst = constant;
  v->ops->nvabs = absolute;
  v->ops->nvinv = inverse;
  v->ops->nvconstrmask = constraintMask;
  v->ops->nvwrmsnorm = weightedRmsNorm;
  v->ops->nvwsqrsumlocal = weightedSquareSum;
  v->ops->nvlinearsum = linearSum;
  v->ops->nvlinearcombination = linearCombination;
  v->ops->nvscaleaddmulti = scaleAddMulti;
}
