//===- SolverChoiceTest.cpp - linear solvers on generated networks -------===//
//
// The Auto rule picks dense for small systems, KLU where AMD keeps the fill
// low (cascades, DSD-like networks) and ILU(0)-preconditioned GMRES where a
// complete factorization fills in (random coupling). All three solvers must
// give the same trajectory: 1e-5 relative (floor 1e-3 of the largest value)
// at relTol 1e-8, absTol 1e-12 x the largest initial value.
//
//===----------------------------------------------------------------------===//

#include "SimTestUtil.h"
#include "tests/bench/NetworkGenerators.h"

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

TEST_CASE("auto chooses the linear solver by size and estimated fill") {
  CHECK(chooseLinearSolver(CompiledNetwork(bench::randomSparse(60, 1))) ==
        LinearSolverKind::Dense);
  CHECK(chooseLinearSolver(CompiledNetwork(bench::cascade(1000, 1))) ==
        LinearSolverKind::Klu);
  CHECK(chooseLinearSolver(CompiledNetwork(bench::dsdLike(1000, 1))) ==
        LinearSolverKind::Klu);
  CompiledNetwork random(bench::randomSparse(1000, 1));
  CHECK(estimateKluFill(random).flops > 200.0 * random.jacobianNonZeros());
  CHECK(chooseLinearSolver(random) == LinearSolverKind::Gmres);
}

TEST_CASE("dense, KLU and GMRES agree on a DSD-like network") {
  CompiledNetwork net(bench::dsdLike(200, 3));
  std::vector<double> times = linearTimes(0, 3600, 7);
  Trace ref;
  for (LinearSolverKind kind : {LinearSolverKind::Dense, LinearSolverKind::Klu,
                                LinearSolverKind::Gmres}) {
    INFO("solver " << linearSolverName(kind).str());
    SolverOptions o;
    o.relTol = 1e-8;
    o.absTol = 1e-12 * 1e4;
    o.solver = kind;
    Trace tr = run(net, times, o);
    if (kind == LinearSolverKind::Dense) {
      ref = tr;
      continue;
    }
    CHECK(maxRelativeDifference(tr, ref) < 1e-5);
  }
}

TEST_CASE("KLU and GMRES agree where fuels are hubs") {
  // 200 formal reactions share three fuels: each is changed by ~130
  // channels, so the RHS sums them from the fluxes and ILU(0) orders them
  // last; the two Newton solvers must still give one trajectory.
  CompiledNetwork net(bench::dsdLike(1000, 5));
  CHECK(net.hubCount() == 3);
  std::vector<double> times = linearTimes(0, 3600, 7);
  SolverOptions o;
  o.relTol = 1e-8;
  o.absTol = 1e-12 * 1e4;
  o.solver = LinearSolverKind::Klu;
  Trace ref = run(net, times, o);
  o.solver = LinearSolverKind::Gmres;
  Trace tr = run(net, times, o);
  CHECK(maxRelativeDifference(tr, ref) < 1e-5);
}
