//===- JacobianTest.cpp - kernels of CompiledNetwork on random networks --===//
//
// Random networks (orders 0-3, repeated reactants, reversible reactions,
// constant species, phases). The RHS is checked against a direct evaluation
// of the module's mass-action law; the analytic dense Jacobian against central
// finite differences (relative 1e-6); the sparse Jacobian and J*v against the
// dense one (1e-12).
//
//===----------------------------------------------------------------------===//

#include "SimTestUtil.h"
#include <random>

using namespace crnc;
using namespace crnc::sim;
using namespace crnc::simtest;

static ir::TermList randomTerms(std::mt19937 &rng, unsigned species,
                                unsigned maxOrder) {
  ir::TermList terms;
  unsigned order = std::uniform_int_distribution<unsigned>(0, maxOrder)(rng);
  for (unsigned i = 0; i < order; ++i)
    terms.push_back(
        {std::uniform_int_distribution<unsigned>(0, species - 1)(rng), 1});
  ir::normalizeTerms(terms);
  return terms;
}

static ir::Module randomModule(unsigned seed, unsigned species,
                               unsigned reactions) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.1, 2.0);
  ir::Module m;
  m.addPhase(ir::Phase{"p0", {}, {}});
  for (unsigned i = 0; i < species; ++i) {
    ir::Species s;
    s.name = "S" + std::to_string(i);
    s.initial = unit(rng);
    s.constant = i % 7 == 3;
    m.addSpecies(s);
  }
  for (unsigned r = 0; r < reactions; ++r) {
    ir::Reaction rx;
    rx.reactants = randomTerms(rng, species, 3);
    rx.products = randomTerms(rng, species, 3);
    rx.rate = unit(rng);
    if (r % 3 == 0)
      rx.reverseRate = unit(rng);
    if (r % 5 == 0)
      rx.phase = 0;
    m.addReaction(rx);
  }
  return m;
}

/// dy/dt straight from the module: the law of ir/Module.h, no compiled arrays.
static std::vector<double> referenceRhs(const ir::Module &m,
                                        const std::vector<double> &y) {
  std::vector<double> f(y.size(), 0);
  auto fire = [&](const ir::TermList &in, const ir::TermList &out, double k) {
    double v = k;
    for (const ir::Term &t : in)
      v *= std::pow(y[t.species], t.count);
    for (const ir::Term &t : in)
      f[t.species] -= t.count * v;
    for (const ir::Term &t : out)
      f[t.species] += t.count * v;
  };
  for (const ir::Reaction &r : m.allReactions()) {
    fire(r.reactants, r.products, r.rate);
    if (r.reverseRate)
      fire(r.products, r.reactants, *r.reverseRate);
  }
  for (size_t i = 0; i < y.size(); ++i)
    if (m.getSpecies(i).constant)
      f[i] = 0;
  return f;
}

TEST_CASE("compiled RHS equals the module's mass-action law") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    ir::Module m = randomModule(seed, 9, 25);
    CompiledNetwork net(m);
    CHECK(net.hubCount() == 0);
    std::vector<double> y(net.initialState().begin(), net.initialState().end());
    std::vector<double> f(net.speciesCount()), v(net.channelCount());
    net.rhs(y.data(), net.rateConstants().data(), f.data(), v.data());
    std::vector<double> want = referenceRhs(m, y);
    for (size_t i = 0; i < f.size(); ++i)
      CHECK(std::fabs(f[i] - want[i]) <= 1e-12 * (1 + std::fabs(want[i])));
  }
}

TEST_CASE("compiled RHS sums hub species right") {
  // Few species, many reactions: the changed species are hubs; constant
  // species (every seventh) never are.
  for (auto [species, reactions] :
       {std::pair{6u, 400u}, std::pair{20u, 500u}}) {
    for (unsigned seed = 1; seed <= 5; ++seed) {
      ir::Module m = randomModule(seed, species, reactions);
      CompiledNetwork net(m);
      CHECK(net.hubCount() > 0);
      CHECK(net.hubCount() < species);
      std::vector<double> y(net.initialState().begin(),
                            net.initialState().end());
      std::vector<double> f(net.speciesCount()), v(net.channelCount());
      net.rhs(y.data(), net.rateConstants().data(), f.data(), v.data());
      std::vector<double> want = referenceRhs(m, y);
      double scale = 0;
      for (double w : want)
        scale = std::max(scale, std::fabs(w));
      for (size_t i = 0; i < f.size(); ++i) {
        INFO("species " << i << " of " << species << ", seed " << seed);
        CHECK(std::fabs(f[i] - want[i]) <= 1e-12 * (1 + scale));
      }
    }
  }
}

TEST_CASE("analytic Jacobians match finite differences on random networks") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    ir::Module m = randomModule(100 + seed, 12, 40);
    CompiledNetwork net(m);
    size_t n = net.speciesCount();
    std::vector<double> k = net.maskedRates({seed % 2 == 0});
    std::vector<double> y(net.initialState().begin(), net.initialState().end());
    std::vector<double> J(n * n), v(net.channelCount());
    net.denseJacobian(y.data(), k.data(), J.data());

    std::vector<double> fp(n), fm(n);
    for (size_t j = 0; j < n; ++j) {
      double h = 1e-6 * std::max(1.0, y[j]);
      std::vector<double> yp = y, ym = y;
      yp[j] += h;
      ym[j] -= h;
      net.rhs(yp.data(), k.data(), fp.data(), v.data());
      net.rhs(ym.data(), k.data(), fm.data(), v.data());
      for (size_t i = 0; i < n; ++i) {
        double fd = (fp[i] - fm[i]) / (2 * h);
        double an = J[j * n + i];
        INFO("seed " << seed << " J[" << i << "," << j << "]");
        CHECK(std::fabs(fd - an) <= 1e-6 * (1 + std::fabs(an)));
      }
    }

    // Sparse values scattered into a dense matrix equal the dense Jacobian.
    std::vector<double> values(net.jacobianNonZeros());
    net.sparseJacobian(y.data(), k.data(), values.data());
    std::vector<double> S(n * n, 0.0);
    auto colPtr = net.jacobianColPtr();
    auto rowIdx = net.jacobianRowIdx();
    for (size_t c = 0; c < n; ++c)
      for (int64_t e = colPtr[c]; e < colPtr[c + 1]; ++e)
        S[c * n + rowIdx[e]] = values[e];
    for (size_t e = 0; e < n * n; ++e)
      CHECK(std::fabs(S[e] - J[e]) <= 1e-12 * (1 + std::fabs(J[e])));

    // J*x without forming J.
    std::vector<double> x(n), Jx(n);
    for (size_t i = 0; i < n; ++i)
      x[i] = std::sin(1.0 + i);
    net.jacobianTimes(y.data(), k.data(), x.data(), Jx.data(), v.data());
    for (size_t i = 0; i < n; ++i) {
      double want = 0;
      for (size_t j = 0; j < n; ++j)
        want += J[j * n + i] * x[j];
      CHECK(std::fabs(Jx[i] - want) <= 1e-12 * (1 + std::fabs(want)));
    }
  }
}

TEST_CASE("constant species have zero Jacobian rows") {
  ir::Module m = randomModule(7, 10, 30);
  CompiledNetwork net(m);
  size_t n = net.speciesCount();
  std::vector<double> J(n * n);
  std::vector<double> y(net.initialState().begin(), net.initialState().end());
  net.denseJacobian(y.data(), net.rateConstants().data(), J.data());
  for (size_t i = 0; i < n; ++i)
    if (net.isConstant(i))
      for (size_t j = 0; j < n; ++j)
        CHECK(J[j * n + i] == 0);
}

TEST_CASE("channels are grouped by order and keep their reaction") {
  ir::Module m = randomModule(11, 8, 30);
  CompiledNetwork net(m);
  for (size_t c = 0; c < net.channelCount(); ++c) {
    unsigned order = 0;
    for (uint32_t cnt : net.reactantCounts(c))
      order += cnt;
    const ir::Reaction &r = m.allReactions()[net.channel(c).reaction];
    CHECK(order == (net.channel(c).reverse ? r.productOrder() : r.order()));
    if (c < net.groupBegin(1))
      CHECK(order == 0);
    else if (c < net.groupBegin(2))
      CHECK(order == 1);
    else if (c < net.groupBegin(4))
      CHECK(order == 2);
    else
      CHECK(order >= 3);
  }
}
