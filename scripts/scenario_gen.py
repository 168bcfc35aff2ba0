"""What the scenario generators of the return border procedure, reception conditions and protection
documents share: a case built from a base one, an expected ground, and the writing of the files.
The answers themselves are worked out by hand in each generator."""
import json
import os

# The keys a scenario may carry besides its description, case and expected answer (see
# tests/rules/scenarios_test.cc).
OPTIONAL_KEYS = ("policy_rows", "not_grounds", "not_flags", "not_deadlines")


def merge(base, over):
    """`base` with `over` applied: a dict member merges one level deep, anything else replaces."""
    c = json.loads(json.dumps(base))
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(c.get(k), dict):
            c[k] = {**c[k], **v}
        else:
            c[k] = v
    return c


def ground(rule, effect, **kw):
    return {"rule": rule, "effect": effect, **kw}


def write(scenarios, out, omit_none_in=()):
    """Writes each scenario to out/<name>.json. In the members named by `omit_none_in`, fields set
    to None are left out of the case, so that "omitted" is what is tested."""
    os.makedirs(out, exist_ok=True)
    for name, s in scenarios.items():
        c = s["case"]
        for member in omit_none_in:
            if isinstance(c.get(member), dict):
                c[member] = {k: v for k, v in c[member].items() if v is not None}
        doc = {"description": s["description"], "case": c, "expect": s["expect"]}
        for k in OPTIONAL_KEYS:
            if k in s:
                doc[k] = s[k]
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(len(scenarios), "scenarios written to", os.path.normpath(out))
