//===- FastVectorOps.cpp - quicker kernels for CVODE's serial vectors -----===//
//
// Reductions with eight independent partial sums; element-wise loops written
// so that they vectorise, compiled twice (AVX2 and baseline x86-64, picked at
// load time). Semantics follow the SUNDIALS N_Vector API (6.x), including
// N_VConstrMask's test for constraint codes +-1 and +-2.
//
// Determinism: no kernel uses fused multiply-add (the AVX2 clone does not
// enable FMA), and every reduction adds its eight partial sums in one fixed
// order, so both clones give bit-identical results.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/FastVectorOps.h"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

using namespace crnc;
using namespace crnc::sim;

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define CRNC_VECTOR_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define CRNC_VECTOR_KERNEL
#endif

static sunindextype lengthOf(N_Vector v) { return NV_LENGTH_S(v); }
static double *dataOf(N_Vector v) { return NV_DATA_S(v); }

/// Sum of f(i) over [0, n) with eight partial sums added in a fixed order.
template <typename F> static inline double sumOf(sunindextype n, F f) {
  sunindextype i = 0;
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; ++j)
      s[j] += f(i + j);
  double total =
      ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; ++i)
    total += f(i);
  return total;
}

CRNC_VECTOR_KERNEL
static realtype weightedSquareSum(N_Vector x, N_Vector w) {
  const double *xd = dataOf(x), *wd = dataOf(w);
  return sumOf(lengthOf(x), [&](sunindextype i) {
    double p = xd[i] * wd[i];
    return p * p;
  });
}

static realtype weightedRmsNorm(N_Vector x, N_Vector w) {
  return std::sqrt(weightedSquareSum(x, w) / lengthOf(x));
}

CRNC_VECTOR_KERNEL
static realtype dotProduct(N_Vector x, N_Vector y) {
  const double *xd = dataOf(x), *yd = dataOf(y);
  return sumOf(lengthOf(x), [&](sunindextype i) { return xd[i] * yd[i]; });
}

CRNC_VECTOR_KERNEL
static realtype maxNorm(N_Vector x) {
  const double *xd = dataOf(x);
  double m = 0;
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    m = std::max(m, std::fabs(xd[i]));
  return m;
}

CRNC_VECTOR_KERNEL
static realtype minimum(N_Vector x) {
  const double *xd = dataOf(x);
  double m = std::numeric_limits<double>::max();
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    m = std::min(m, xd[i]);
  return m;
}

CRNC_VECTOR_KERNEL
static void linearSum(realtype a, N_Vector x, realtype b, N_Vector y,
                      N_Vector z) {
  const double *xd = dataOf(x), *yd = dataOf(y);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  if (a == 1.0 && b == 1.0) {
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = xd[i] + yd[i];
  } else if (a == 1.0 && b == -1.0) {
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = xd[i] - yd[i];
  } else if (a == 1.0) {
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = xd[i] + b * yd[i];
  } else if (b == 1.0) {
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = a * xd[i] + yd[i];
  } else {
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = a * xd[i] + b * yd[i];
  }
}

CRNC_VECTOR_KERNEL
static void scale(realtype c, N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  if (c == 1.0) {
    if (zd != xd)
      std::copy(xd, xd + n, zd);
    return;
  }
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = c * xd[i];
}

CRNC_VECTOR_KERNEL
static void addConstant(N_Vector x, realtype b, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    zd[i] = xd[i] + b;
}

CRNC_VECTOR_KERNEL
static void product(N_Vector x, N_Vector y, N_Vector z) {
  const double *xd = dataOf(x), *yd = dataOf(y);
  double *zd = dataOf(z);
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    zd[i] = xd[i] * yd[i];
}

CRNC_VECTOR_KERNEL
static void quotient(N_Vector x, N_Vector y, N_Vector z) {
  const double *xd = dataOf(x), *yd = dataOf(y);
  double *zd = dataOf(z);
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    zd[i] = xd[i] / yd[i];
}

CRNC_VECTOR_KERNEL
static int linearCombination(int nv, realtype *c, N_Vector *X, N_Vector z) {
  double *zd = dataOf(z);
  sunindextype n = lengthOf(z);
  // z may alias X[0]: scale first, then accumulate the rest.
  const double *x0 = dataOf(X[0]);
  if (c[0] != 1.0 || zd != x0)
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

CRNC_VECTOR_KERNEL
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

CRNC_VECTOR_KERNEL
static int scaleVectorArray(int nv, realtype *c, N_Vector *X, N_Vector *Z) {
  sunindextype n = lengthOf(X[0]);
  for (int j = 0; j < nv; ++j) {
    const double *xd = dataOf(X[j]);
    double *zd = dataOf(Z[j]);
    double cj = c[j];
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = cj * xd[i];
  }
  return 0;
}

CRNC_VECTOR_KERNEL
static int linearSumVectorArray(int nv, realtype a, N_Vector *X, realtype b,
                                N_Vector *Y, N_Vector *Z) {
  sunindextype n = lengthOf(X[0]);
  for (int j = 0; j < nv; ++j) {
    const double *xd = dataOf(X[j]), *yd = dataOf(Y[j]);
    double *zd = dataOf(Z[j]);
    for (sunindextype i = 0; i < n; ++i)
      zd[i] = a * xd[i] + b * yd[i];
  }
  return 0;
}

CRNC_VECTOR_KERNEL
static void constant(realtype c, N_Vector z) {
  double *zd = dataOf(z);
  sunindextype n = lengthOf(z);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = c;
}

CRNC_VECTOR_KERNEL
static void absolute(N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = std::fabs(xd[i]);
}

CRNC_VECTOR_KERNEL
static void inverse(N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  sunindextype n = lengthOf(x);
  for (sunindextype i = 0; i < n; ++i)
    zd[i] = 1.0 / xd[i];
}

/// z[i] = 1 where |x[i]| >= c, else 0.
CRNC_VECTOR_KERNEL
static void compare(realtype c, N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i)
    zd[i] = std::fabs(xd[i]) >= c ? 1.0 : 0.0;
}

/// z = 1/x where x != 0; false when some x[i] == 0 (those z[i] untouched
/// by the API's contract are set to 0 here, which it permits).
CRNC_VECTOR_KERNEL
static booleantype inverseTest(N_Vector x, N_Vector z) {
  const double *xd = dataOf(x);
  double *zd = dataOf(z);
  uint64_t zeros = 0;
  for (sunindextype i = 0, n = lengthOf(x); i < n; ++i) {
    bool zero = xd[i] == 0.0;
    zeros |= static_cast<uint64_t>(zero);
    zd[i] = zero ? 0.0 : 1.0 / xd[i];
  }
  return zeros ? SUNFALSE : SUNTRUE;
}

/// m[i] = 1 where x[i] violates constraint c[i] (|c| = 2: strict sign,
/// |c| = 1: sign or zero, 0: none); true when nothing is violated.
CRNC_VECTOR_KERNEL
static booleantype constraintMask(N_Vector c, N_Vector x, N_Vector m) {
  const double *cd = dataOf(c), *xd = dataOf(x);
  double *md = dataOf(m);
  sunindextype n = lengthOf(x);
  uint64_t any = 0;
  for (sunindextype i = 0; i < n; ++i) {
    double a = std::fabs(cd[i]), p = xd[i] * cd[i];
    bool bad = (a > 1.5 && p <= 0) || (a > 0.5 && p < 0);
    md[i] = bad ? 1.0 : 0.0;
    any |= static_cast<uint64_t>(bad);
  }
  return any ? SUNFALSE : SUNTRUE;
}

CRNC_VECTOR_KERNEL
static int errorWeightsKernel(const double *y, double *w, sunindextype n,
                              double relTol, double absTol) {
  // A flag word rather than a running minimum: an OR reduction vectorizes
  // without reordering anything, a floating-point min does not.
  uint64_t bad = 0;
  for (sunindextype i = 0; i < n; ++i) {
    double d = relTol * std::fabs(y[i]) + absTol;
    bad |= static_cast<uint64_t>(!(d > 0));
    w[i] = 1.0 / d;
  }
  return bad ? -1 : 0;
}

int sim::computeErrorWeights(N_Vector y, N_Vector weights, double relTol,
                             double absTol) {
  return errorWeightsKernel(dataOf(y), dataOf(weights), lengthOf(y), relTol,
                            absTol);
}

void sim::installFastVectorOps(N_Vector v) {
  N_Vector_Ops ops = v->ops;
  ops->nvconst = constant;
  ops->nvabs = absolute;
  ops->nvinv = inverse;
  ops->nvinvtest = inverseTest;
  ops->nvinvtestlocal = inverseTest;
  ops->nvcompare = compare;
  ops->nvconstrmask = constraintMask;
  ops->nvconstrmasklocal = constraintMask;
  ops->nvwrmsnorm = weightedRmsNorm;
  ops->nvwsqrsumlocal = weightedSquareSum;
  ops->nvdotprod = dotProduct;
  ops->nvdotprodlocal = dotProduct;
  ops->nvmaxnorm = maxNorm;
  ops->nvmaxnormlocal = maxNorm;
  ops->nvmin = minimum;
  ops->nvminlocal = minimum;
  ops->nvlinearsum = linearSum;
  ops->nvscale = scale;
  ops->nvaddconst = addConstant;
  ops->nvprod = product;
  ops->nvdiv = quotient;
  ops->nvlinearcombination = linearCombination;
  ops->nvscaleaddmulti = scaleAddMulti;
  ops->nvscalevectorarray = scaleVectorArray;
  ops->nvlinearsumvectorarray = linearSumVectorArray;
}
