// Order sheets: IDT headers, column-major wells, identical sequences once,
// unique names, the plate minimum (24 per 96-well plate, 96 per 384-well
// plate) with the last plate rebalanced, purification and scale by role and
// length, and the errors for bad settings.
#include "backends/protocol/OrderSheets.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::protocol;

namespace {

/// A distinct 20-nt sequence per index (base-4 digits of i, padded).
std::string sequenceFor(size_t i) {
  std::string s = "TTTTTTTTTT";
  for (size_t k = 0; k < 10; ++k, i /= 4)
    s += "ACGT"[i % 4];
  return s;
}

std::vector<OrderStrand> strands(size_t n) {
  std::vector<OrderStrand> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back(OrderStrand{"s" + std::to_string(i), "d" + std::to_string(i),
                              sequenceFor(i), StrandRole::Fuel, 20});
  return out;
}

std::string render(const Order &order, bool plates) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (plates)
    writePlatesCsv(order, os);
  else
    writeIdtBulkCsv(order, os);
  return os.str();
}

Order build(const std::vector<OrderStrand> &s, const OrderSettings &o = {}) {
  llvm::Expected<Order> order = buildOrder(s, o);
  if (!order)
    FAIL(llvm::toString(order.takeError()));
  return std::move(*order);
}

} // namespace

TEST_CASE("IDT sheets have the vendor's headers, one strand per line") {
  std::vector<OrderStrand> s = {
      {"gate_1", "t1* d2*", "acgtacgtacgtacgtacgtac", StrandRole::Gate, 22},
      {"A", "h1 t2 d3 t4", "TTACGGATCAGT", StrandRole::Signal, 12}};
  Order order = build(s);
  CHECK(render(order, false) == "Name,Sequence,Scale,Purification\n"
                                "gate_1,ACGTACGTACGTACGTACGTAC,100nm,PAGE\n"
                                "A,TTACGGATCAGT,25nm,STD\n");
  CHECK(render(order, true) == "Plate,Well Position,Name,Sequence\n"
                               "Plate 1,A1,gate_1,ACGTACGTACGTACGTACGTAC\n"
                               "Plate 1,B1,A,TTACGGATCAGT\n");
  CHECK(order.belowPlateMinimum);
}

TEST_CASE("wells are filled column-major") {
  CHECK(wellName(0, 96) == "A1");
  CHECK(wellName(1, 96) == "B1");
  CHECK(wellName(7, 96) == "H1");
  CHECK(wellName(8, 96) == "A2");
  CHECK(wellName(95, 96) == "H12");
  CHECK(wellName(15, 384) == "P1");
  CHECK(wellName(16, 384) == "A2");
  CHECK(wellName(383, 384) == "P24");
  Order order = build(strands(30));
  REQUIRE(order.wells.size() == 30);
  CHECK(order.wells[8].well == "A2");
  CHECK(order.wells[29].well == "F4");
  CHECK(order.lines[order.wells[29].line].name == "s29");
}

TEST_CASE("plates hold the vendor minimum; the last one is rebalanced") {
  using V = std::vector<unsigned>;
  CHECK(plateSizes(96, 96) == V{96});
  CHECK(plateSizes(100, 96) == V{76, 24});
  CHECK(plateSizes(119, 96) == V{95, 24});
  CHECK(plateSizes(120, 96) == V{96, 24});
  CHECK(plateSizes(200, 96) == V{96, 80, 24});
  CHECK(plateSizes(400, 384) == V{304, 96});
  CHECK(plateSizes(20, 96) == V{20});
  for (size_t n = 24; n <= 500; ++n) {
    V sizes = plateSizes(n, 96);
    unsigned total = 0;
    for (unsigned s : sizes) {
      CHECK(s >= 24);
      CHECK(s <= 96);
      total += s;
    }
    CHECK(total == n);
  }
  Order order = build(strands(100));
  CHECK(order.plates == 2);
  CHECK(order.wells[75].plate == 1);
  CHECK(order.wells[76].plate == 2);
  CHECK(order.wells[76].well == "A1");
  CHECK_FALSE(order.belowPlateMinimum);
}

TEST_CASE("identical sequences are ordered once, names stay unique") {
  std::vector<OrderStrand> s = strands(3);
  s.push_back({"copy", "x", sequenceFor(1), StrandRole::Fuel, 20});
  s.push_back({"s0", "y", sequenceFor(7), StrandRole::Fuel, 20});
  Order order = build(s);
  REQUIRE(order.lines.size() == 4);
  CHECK(order.lines[1].name == "s1");
  CHECK(order.lines[1].sameAs == std::vector<std::string>{"copy"});
  CHECK(order.lines[3].name == "s0_2");
}

TEST_CASE("purification: PAGE for gates and long strands, overridable") {
  std::vector<OrderStrand> s = {
      {"g", "a", "ACGTACGTAC", StrandRole::Gate, 10},
      {"short", "b", "CCCCCAAAAA", StrandRole::Fuel, 10},
      {"long", "c", std::string(60, 'A'), StrandRole::Signal, 60}};
  Order order = build(s);
  CHECK(order.lines[0].purification == Purification::PAGE);
  CHECK(order.lines[1].purification == Purification::Standard);
  CHECK(order.lines[1].scale == "25nm");
  CHECK(order.lines[2].purification == Purification::PAGE);
  CHECK(order.lines[2].scale == "100nm");
  OrderSettings o;
  o.purification = Purification::HPLC;
  o.perStrand["short"] = Purification::PAGE;
  o.scale = "250nm";
  order = build(s, o);
  CHECK(order.lines[0].purification == Purification::HPLC);
  CHECK(order.lines[1].purification == Purification::PAGE);
  CHECK(order.lines[2].scale == "250nm");
}

TEST_CASE("bad order settings and strands without sequence are errors") {
  auto message = [](const std::vector<OrderStrand> &s, const OrderSettings &o) {
    llvm::Expected<Order> order = buildOrder(s, o);
    REQUIRE_FALSE(bool(order));
    return llvm::toString(order.takeError());
  };
  OrderSettings plate;
  plate.plateSize = 48;
  CHECK(message(strands(2), plate) == "unknown plate size 48 (known: 96, 384)");
  OrderSettings scale;
  scale.scale = "3nm";
  CHECK(message(strands(2), scale).find("unknown synthesis scale '3nm'") == 0);
  OrderSettings unknown;
  unknown.perStrand["nope"] = Purification::PAGE;
  CHECK(message(strands(2), unknown) ==
        "purification override for unknown strand 'nope'");
  std::vector<OrderStrand> missing = strands(2);
  missing[1].sequence = "";
  CHECK(message(missing, {}) ==
        "strand 's1' has no DNA sequence (A, C, G, T) to order");
  missing[1].sequence = "ACGU";
  CHECK(message(missing, {}).find("'s1'") != std::string::npos);
}
