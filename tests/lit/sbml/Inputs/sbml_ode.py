# An independent reading of an SBML file under the SBML Level 3 semantics
# (d[S]/dt = sum over reactions of stoichiometry * kinetic law / compartment
# size; boundary species stay fixed), integrated with SciPy's BDF at tight
# tolerances. It shares no code with crnc: it checks that an exported file
# means what crnc simulates. Supports the MathML that crnc writes (apply
# with times, plus, minus, divide, power; ci; cn).
#   sbml_ode.py model.sbml t_end points  ->  CSV like `crnc simulate`
import sys
import xml.etree.ElementTree as ET

import numpy as np
from scipy.integrate import solve_ivp

SBML = "{http://www.sbml.org/sbml/level3/version2/core}"
MML = "{http://www.w3.org/1998/Math/MathML}"


def evaluate(node, env):
    tag = node.tag.replace(MML, "")
    if tag == "math":
        return evaluate(node[0], env)
    if tag == "ci":
        return env[node.text.strip()]
    if tag == "cn":
        return float(node.text.strip())
    assert tag == "apply", tag
    op, args = node[0].tag.replace(MML, ""), [evaluate(c, env) for c in node[1:]]
    if op == "times":
        return np.prod(args)
    if op == "plus":
        return sum(args)
    if op == "minus":
        return -args[0] if len(args) == 1 else args[0] - args[1]
    if op == "divide":
        return args[0] / args[1]
    if op == "power":
        return args[0] ** args[1]
    raise ValueError(op)


model = ET.parse(sys.argv[1]).getroot().find(SBML + "model")
env = {}
for c in model.iter(SBML + "compartment"):
    env[c.get("id")] = float(c.get("size"))
for p in model.iter(SBML + "parameter"):
    env[p.get("id")] = float(p.get("value"))
species = list(model.iter(SBML + "species"))
ids = [s.get("id") for s in species]
fixed = [s.get("boundaryCondition") == "true" for s in species]
volume = [env[s.get("compartment")] for s in species]
y0 = [float(s.get("initialConcentration")) for s in species]
reactions = []
for r in model.iter(SBML + "reaction"):
    change = {}
    for side, sign in (("listOfReactants", -1), ("listOfProducts", 1)):
        for ref in r.find(SBML + side) or []:
            sid = ref.get("species")
            change[sid] = change.get(sid, 0) + sign * float(ref.get("stoichiometry"))
    law = r.find(SBML + "kineticLaw").find(MML + "math")
    reactions.append((change, law))


def rhs(t, y):
    local = dict(env)
    local.update(zip(ids, y))
    dy = np.zeros(len(y))
    for change, law in reactions:
        v = evaluate(law, local)
        for sid, n in change.items():
            i = ids.index(sid)
            if not fixed[i]:
                dy[i] += n * v / volume[i]
    return dy


t_end, points = float(sys.argv[2]), int(sys.argv[3])
times = np.linspace(0, t_end, points)
sol = solve_ivp(rhs, (0, t_end), y0, method="BDF", t_eval=times,
                rtol=1e-11, atol=1e-13)
assert sol.success, sol.message
print(",".join(["time"] + ids))
for k, t in enumerate(times):
    print(",".join([repr(float(t))] + [repr(float(v)) for v in sol.y[:, k]]))
