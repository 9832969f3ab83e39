// How a lab network reads committed complexes (LabNetwork.h,
// closeOverCommittedSteps): a unimolecular gate's committed complex holds its
// reactant; a join's committed complex and the wastes hold nothing. The
// networks below are the shapes of soloveichik2010's condensed modules
// (SSW 2010: X + G -> O + W, O + T -> products; a join L + A <=> H + B,
// H + B2 -> O2 + W2), fuels G, T, L, B dropped as the design's fuels are.
#include "lib/verify/LabNetwork.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::verify;

namespace {
struct Net {
  Crn crn;
  std::vector<bool> fuel;
  SpeciesIndex add(const char *name, bool isFuel = false) {
    SpeciesIndex s = crn.getOrAddSpecies(name);
    fuel.resize(crn.speciesCount(), false);
    fuel[s] = isFuel;
    return s;
  }
  void react(Multiset r, Multiset p) {
    llvm::sort(r);
    llvm::sort(p);
    crn.reactions.push_back(CrnReaction{r, p, 1.0, {}});
  }
};
} // namespace

TEST_CASE("a unimolecular gate's committed complex holds its reactant",
          "[verify][lab]") {
  Net n;
  SpeciesIndex c = n.add("c"), x = n.add("X"), e = n.add("E"),
               g = n.add("G", true), t = n.add("T", true), o = n.add("O"),
               w = n.add("W"), w2 = n.add("W2");
  // c -> X + E built as c + G -> O + W, O + T -> X + E + W2.
  n.react({c, g}, {o, w});
  n.react({o, t}, {x, e, w2});
  n.react({x}, {}); // X and E are consumed elsewhere
  n.react({e}, {});
  Interpretation holds(n.crn.speciesCount());
  holds[x] = Multiset{0};
  holds[e] = Multiset{1};
  holds[c] = Multiset{0, 1};
  closeOverCommittedSteps(n.crn, n.fuel, holds);
  REQUIRE(holds[o]);
  CHECK(*holds[o] == Multiset{0, 1});
  CHECK(!holds[w]); // wastes: consumed by nothing
  CHECK(!holds[w2]);
}

TEST_CASE("a join's committed complex holds its two reactants; two-way "
          "producers stay unread",
          "[verify][lab]") {
  Net n;
  SpeciesIndex a = n.add("A"), b = n.add("B"), h = n.add("H"),
               l = n.add("L", true), bk = n.add("Bk", true), o = n.add("O"),
               t = n.add("T", true), y = n.add("Y"), p = n.add("P"),
               q = n.add("Q");
  n.react({a, l}, {h, bk});
  n.react({h, bk}, {a, l});
  n.react({h, b}, {o}); // committed by two reactants: holds A + B
  n.react({o, t}, {y});
  n.react({y}, {});
  // P is made from A and from B, which hold different signals: unread.
  n.react({a}, {p});
  n.react({b}, {p});
  n.react({p}, {q});
  Interpretation holds(n.crn.speciesCount());
  holds[a] = Multiset{0};
  holds[b] = Multiset{1};
  holds[h] = Multiset{0}; // reversible binding, as closeOverReversibleBinding
  holds[y] = Multiset{2};
  closeOverCommittedSteps(n.crn, n.fuel, holds);
  REQUIRE(holds[o]);
  CHECK(*holds[o] == Multiset{0, 1});
  CHECK(!holds[p]);
  CHECK(!holds[q]);
}
