//===- FastVectorOpsTest.cpp - replaced N_Vector ops against SUNDIALS' own ===//
//
// Every operation installFastVectorOps replaces is run on random data (with
// zeros, negatives and the odd lengths that exercise loop tails) next to the
// serial N_Vector's own implementation: element-wise results must be
// bit-identical, reductions equal to 1e-14 relative.
//
//===----------------------------------------------------------------------===//

#include "lib/sim/FastVectorOps.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <sundials/sundials_context.h>

using namespace crnc::sim;

namespace {
/// A SUNDIALS context with one plain and one fast template vector.
struct Vectors {
  SUNContext ctx = nullptr;
  N_Vector plain = nullptr, fast = nullptr;
  explicit Vectors(sunindextype n) {
    SUNContext_Create(nullptr, &ctx);
    plain = N_VNew_Serial(n, ctx);
    fast = N_VNew_Serial(n, ctx);
    N_VEnableFusedOps_Serial(plain, SUNTRUE);
    N_VEnableFusedOps_Serial(fast, SUNTRUE);
    installFastVectorOps(fast);
  }
  ~Vectors() {
    N_VDestroy(plain);
    N_VDestroy(fast);
    SUNContext_Free(&ctx);
  }
  /// A clone of `like` filled with reproducible values (some zero/negative).
  N_Vector filled(N_Vector like, unsigned seed) const {
    N_Vector v = N_VClone(like);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-2, 2);
    double *d = N_VGetArrayPointer(v);
    for (sunindextype i = 0; i < N_VGetLength(v); ++i)
      d[i] = i % 11 == 5 ? 0.0 : u(rng);
    return v;
  }
};

bool sameBits(N_Vector a, N_Vector b) {
  const double *x = N_VGetArrayPointer(a), *y = N_VGetArrayPointer(b);
  for (sunindextype i = 0; i < N_VGetLength(a); ++i)
    if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i]))))
      return false;
  return true;
}
} // namespace

TEST_CASE("fast vector ops equal SUNDIALS' serial ops", "[sim]") {
  for (sunindextype n : {1, 7, 8, 13, 1000, 1003}) {
    INFO("length " << n);
    Vectors v(n);
    // Run `op` on fresh operands cloned from each template; compare `out`.
    auto both = [&](auto op) {
      N_Vector a[2], b[2], c[2], z[2];
      N_Vector tmpl[2] = {v.plain, v.fast};
      for (int s = 0; s < 2; ++s) {
        a[s] = v.filled(tmpl[s], 1);
        b[s] = v.filled(tmpl[s], 2);
        c[s] = v.filled(tmpl[s], 3);
        z[s] = v.filled(tmpl[s], 4);
      }
      double r0 = op(a[0], b[0], c[0], z[0]);
      double r1 = op(a[1], b[1], c[1], z[1]);
      CHECK(sameBits(z[0], z[1]));
      CHECK(sameBits(a[0], a[1])); // in-place forms write their inputs
      CHECK(std::fabs(r0 - r1) <= 1e-14 * std::max(1.0, std::fabs(r0)));
      for (int s = 0; s < 2; ++s)
        for (N_Vector w : {a[s], b[s], c[s], z[s]})
          N_VDestroy(w);
    };
    for (double p : {1.0, -1.0, 0.5}) {
      for (double q : {1.0, -1.0, 3.0}) {
        both([&](N_Vector a, N_Vector b, N_Vector, N_Vector z) {
          N_VLinearSum(p, a, q, b, z);
          return 0.0;
        });
        both([&](N_Vector a, N_Vector b, N_Vector, N_Vector) {
          N_VLinearSum(p, a, q, b, a); // z aliases x
          return 0.0;
        });
      }
      both([&](N_Vector a, N_Vector, N_Vector, N_Vector z) {
        N_VScale(p, a, z);
        return 0.0;
      });
      both([&](N_Vector a, N_Vector, N_Vector, N_Vector) {
        N_VScale(p, a, a);
        return 0.0;
      });
      both([&](N_Vector a, N_Vector, N_Vector, N_Vector z) {
        N_VAddConst(a, p, z);
        return 0.0;
      });
      both([&](N_Vector, N_Vector, N_Vector, N_Vector z) {
        N_VConst(p, z);
        return 0.0;
      });
      both([&](N_Vector a, N_Vector, N_Vector, N_Vector z) {
        N_VCompare(p, a, z);
        return 0.0;
      });
    }
    both([](N_Vector a, N_Vector b, N_Vector, N_Vector z) {
      N_VProd(a, b, z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector b, N_Vector, N_Vector z) {
      N_VDiv(a, b, z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector, N_Vector, N_Vector z) {
      N_VAbs(a, z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector, N_Vector, N_Vector z) {
      N_VInv(a, z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector, N_Vector, N_Vector z) {
      N_VAbs(a, a); // no zeros left: InvTest succeeds and matches
      return double(N_VInvTest(a, z));
    });
    both([](N_Vector a, N_Vector b, N_Vector, N_Vector) {
      return N_VDotProd(a, b);
    });
    both([](N_Vector a, N_Vector b, N_Vector, N_Vector) {
      return N_VWrmsNorm(a, b);
    });
    both(
        [](N_Vector a, N_Vector, N_Vector, N_Vector) { return N_VMaxNorm(a); });
    both([](N_Vector a, N_Vector, N_Vector, N_Vector) { return N_VMin(a); });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector z) {
      // Constraint codes -2..2 in c; the mask goes to z.
      double *cd = N_VGetArrayPointer(c);
      for (sunindextype i = 0; i < N_VGetLength(c); ++i)
        cd[i] = double(int(i % 5) - 2);
      (void)b;
      return double(N_VConstrMask(c, a, z));
    });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector z) {
      double coef[3] = {0.5, -2, 3};
      N_Vector X[3] = {a, b, c};
      N_VLinearCombination(3, coef, X, z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector) {
      double coef[3] = {1, -2, 3}; // z aliases X[0] with c[0] == 1
      N_Vector X[3] = {a, b, c};
      N_VLinearCombination(3, coef, X, a);
      return 0.0;
    });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector z) {
      double coef[2] = {0.25, -4};
      N_Vector Y[2] = {b, c}, Z[2] = {z, b};
      N_VScaleAddMulti(2, coef, a, Y, Z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector z) {
      double coef[2] = {0.25, -4};
      N_Vector X[2] = {a, b}, Z[2] = {z, c};
      N_VScaleVectorArray(2, coef, X, Z);
      return 0.0;
    });
    both([](N_Vector a, N_Vector b, N_Vector c, N_Vector z) {
      N_Vector X[1] = {a}, Y[1] = {b}, Z[1] = {z};
      (void)c;
      N_VLinearSumVectorArray(1, 2.0, X, -0.5, Y, Z);
      return 0.0;
    });
  }
}

TEST_CASE("one-pass error weights equal CVODE's formula", "[sim]") {
  Vectors v(37);
  N_Vector y = v.filled(v.plain, 9), w = N_VClone(v.plain);
  REQUIRE(computeErrorWeights(y, w, 1e-6, 1e-9) == 0);
  const double *yd = N_VGetArrayPointer(y), *wd = N_VGetArrayPointer(w);
  for (sunindextype i = 0; i < 37; ++i)
    CHECK(wd[i] == 1.0 / (1e-6 * std::fabs(yd[i]) + 1e-9));
  // A zero weight denominator (no absolute tolerance, a zero entry) fails.
  CHECK(computeErrorWeights(y, w, 1e-6, 0.0) == -1);
  N_VDestroy(y);
  N_VDestroy(w);
}
