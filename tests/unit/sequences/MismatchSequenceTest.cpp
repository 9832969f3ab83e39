// An intended mismatch (dna::DomainRef::mismatches) in a strand's sequence:
// the complement of toehold AATCA is TGATT; one mismatch replaces its middle
// base (A, facing T) by C (a T.C mismatch, no G-T wobble); two replace the
// internal bases 1 and 3, three every internal base; the end bases stay.
// Reference values worked by hand from the rule in DesignModel.h.
#include "backends/sequences/DesignModel.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::sequences;

TEST_CASE("mismatches replace internal bases by non-pairing ones",
          "[sequences][mismatch]") {
  std::vector<std::string> seqs{"AATCA", "GGCAT"};
  dna::DomainRef t{0, true};
  CHECK(occurrenceSequence(t, seqs) == "TGATT");
  t.mismatches = 1;
  CHECK(occurrenceSequence(t, seqs) == "TGCTT");
  t.mismatches = 2;
  // G (facing C) -> C (C.C); T (facing A) -> A (A.A).
  CHECK(occurrenceSequence(t, seqs) == "TCAAT");
  t.mismatches = 3;
  CHECK(occurrenceSequence(t, seqs) == "TCCAT");
  // The top strand too: G (facing C) -> C, A (facing T) -> C.
  dna::DomainRef top{1, false, 2};
  CHECK(occurrenceSequence(top, seqs) == "GCCCT");
  // Strands concatenate occurrences with their mismatches.
  dna::Strand strand{dna::DomainRef{1, false}, dna::DomainRef{0, true, 1}};
  CHECK(strandSequence(strand, seqs) == "GGCATTGCTT");
}

// An end mismatch (dna::DomainRef::endMismatch) sits on the second base from
// the end where the helix opens; central ones then keep off that base. The
// complement of AATCA is TGATT: from its 3' end, T (facing A) -> A (A.A);
// from its 5' end, G (facing C) -> C (C.C). Worked by hand as above.
TEST_CASE("an end mismatch replaces the second base from that end",
          "[sequences][mismatch]") {
  std::vector<std::string> seqs{"AATCA"};
  dna::DomainRef t{0, true};
  t.endMismatch = 2;
  CHECK(occurrenceSequence(t, seqs) == "TGAAT");
  t.mismatches = 1; // central over bases 1-2: base 2, A (facing T) -> C
  CHECK(occurrenceSequence(t, seqs) == "TGCAT");
  t = dna::DomainRef{0, true};
  t.endMismatch = 1;
  CHECK(occurrenceSequence(t, seqs) == "TCATT");
  t.mismatches = 1; // central over bases 2-3: base 3, T (facing A) -> A
  CHECK(occurrenceSequence(t, seqs) == "TCAAT");
}

// A G.T wobble (dna::DomainRef::wobble) on the middle base: C -> T (facing
// G), A -> G (facing T). TGATT's middle A becomes G; a central mismatch then
// takes the internal base left furthest along (base 3, T -> A). GGCAT's
// middle C becomes T. Worked by hand.
TEST_CASE("a wobble turns the middle base into a G.T pair",
          "[sequences][mismatch]") {
  std::vector<std::string> seqs{"AATCA", "GGCAT"};
  dna::DomainRef t{0, true};
  t.wobble = true;
  CHECK(occurrenceSequence(t, seqs) == "TGGTT");
  t.mismatches = 1;
  CHECK(occurrenceSequence(t, seqs) == "TGGAT");
  dna::DomainRef top{1, false};
  top.wobble = true;
  CHECK(occurrenceSequence(top, seqs) == "GGTAT");
  CHECK(wobblePosition(5) == 2);
  CHECK(canWobble('C'));
  CHECK(canWobble('A'));
  CHECK_FALSE(canWobble('G'));
  CHECK_FALSE(canWobble('T'));
}
