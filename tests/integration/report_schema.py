#!/usr/bin/env python3
"""report_schema.py SCHEMA REPORT... — each REPORT (report.json of a bundle) validates
against SCHEMA (docs/report-schema.json, JSON Schema 2020-12).  Skips (77) without the
jsonschema module (Debian: python3-jsonschema, in tools/setup)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("report_schema: skipped: no python3 jsonschema module "
          "(apt-get install python3-jsonschema)")
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for e in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
        where = "/".join(str(p) for p in e.absolute_path) or "(top)"
        print(f"{path}: {where}: {e.message}")
        bad += 1
    if not bad:
        print(f"{path}: valid")
sys.exit(1 if bad else 0)
