"""Runs a crnc Opentrons script against a stand-in for the Opentrons
Protocol API v2 (the real package is not in Debian): stock tubes hold their
stock, every transfer moves a share of what the source holds, and the
reaction mix is then measured against the protocol's pipetting table.

usage: run_opentrons.py script.py protocol.json
"""
import json
import sys
import types

BIG = 1e6  # uL in a stock tube: never runs dry


class Well:
    def __init__(self, name):
        self.well_name = name
        self.contents = {}  # stock name -> uL of it

    def volume(self):
        return sum(self.contents.values())


class Labware:
    def __init__(self, load_name, slot, stocks):
        self.slot = slot
        count = 96 if "96" in load_name else 24
        rows = "ABCDEFGH" if count == 96 else "ABCD"
        self._wells = [Well("%s%d" % (r, c + 1))
                       for c in range(count // len(rows)) for r in rows]
        for well, stock in zip(self._wells, stocks):
            well.contents = {stock: BIG}

    def wells(self):
        return self._wells


class Pipette:
    def __init__(self, name):
        self.name = name
        self.limits = (1, 20) if name.startswith("p20") else (20, 300)

    def transfer(self, volume, source, dest, new_tip="always"):
        lo, hi = self.limits
        assert lo <= volume and (volume <= hi or hi == 300), (self.name, volume)
        total = source.volume()
        for key, v in list(source.contents.items()):
            share = volume * v / total
            dest.contents[key] = dest.contents.get(key, 0) + share
            source.contents[key] = v - share

    def pick_up_tip(self):
        pass

    def drop_tip(self):
        pass

    def mix(self, repetitions, volume, well):
        assert volume <= well.volume()


class Context:
    def __init__(self, script):
        self.script, self.labware, self.comments = script, [], []

    def load_labware(self, name, slot):
        slots = self.script["STOCK_SLOTS"]
        stocks = []
        if slot in slots:
            first = slots.index(slot) * 24
            stocks = self.script["STOCKS"][first:first + 24]
        lw = Labware(name, slot, stocks)
        self.labware.append(lw)
        return lw

    def load_instrument(self, name, mount, tip_racks):
        return Pipette(name)

    def comment(self, text):
        self.comments.append(text)


api = types.ModuleType("opentrons.protocol_api")
api.ProtocolContext = Context
sys.modules["opentrons"] = types.ModuleType("opentrons")
sys.modules["opentrons"].protocol_api = api
sys.modules["opentrons.protocol_api"] = api

script = {}
exec(open(sys.argv[1]).read(), script)
ctx = Context(script)
script["run"](ctx)
doc = json.load(open(sys.argv[2]))
table = [m for m in doc["mixes"] if m["name"] == "reaction"][0]
rack = [lw for lw in ctx.labware if lw.slot == 7][0]
reaction = rack.wells()[len(script["POOLS"])]
print("reaction mix: %.6g uL (table: %.6g uL)" %
      (reaction.volume(), table["prepared_uL"]))
worst = 0
for line in table["lines"]:
    if line["pool"]:
        continue
    factor = line["dilution"]["factor"] if line.get("dilution") else 1
    got = reaction.contents.get(line["name"], 0)
    worst = max(worst, abs(got * factor - line["volume_uL"]) / line["volume_uL"])
print("components: %d, largest relative volume error %.1e" %
      (len(table["lines"]), worst))
print("water: %.6g uL (table %.6g)" % (reaction.contents.get("water", 0),
                                       table["water_uL"]))
print(ctx.comments[-1])
