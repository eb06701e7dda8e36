#!/usr/bin/env python3
"""Checks JSON answers against an OpenAPI 3.1 document: validates the document itself, then each
answer file against the named component schema.

usage: openapi-conform.py SPEC.yaml [SCHEMA_NAME ANSWER.json]...
Exit 0 when all conform; 1 with one line per problem otherwise.
"""
import json
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


def main(argv):
    if len(argv) < 2 or len(argv) % 2 != 0:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        spec = yaml.safe_load(f)
    validate(spec)
    problems = []
    pairs = argv[2:]
    for name, path in zip(pairs[0::2], pairs[1::2]):
        if name not in spec["components"]["schemas"]:
            problems.append(f"{path}: no schema {name}")
            continue
        schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        with open(path) as f:
            answer = json.load(f)
        for error in Draft202012Validator(schema).iter_errors(answer):
            location = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{path} ({name}) at /{location}: {error.message}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
