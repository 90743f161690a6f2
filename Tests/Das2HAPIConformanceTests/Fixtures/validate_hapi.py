"""Validates HAPI JSON bodies against the HAPI 3.3 schema.

Usage: validate_hapi.py SCHEMA < items

The input is a JSON array of objects {"label": ..., "kind": ..., "body": ...} where kind is a
top-level member of the schema (about, capabilities, catalog, info, error). The schema's shared
parts identify themselves with a top-level "id" such as "/HAPIDateTime" and are referenced as
"$ref": "/HAPIDateTime"; they are registered under those names. Because the schema's
HAPIDateTime admits any string, the time members are also checked against its pattern
alternatives and the calendar (day of month, day 366 only in leap years), as the schema's
README asks. Every problem is printed as "label: path: message"; the exit status is 1 when
there was one.
"""

import json
import re
import sys

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

TIME_MEMBERS = ("startDate", "stopDate", "sampleStartDate", "sampleStopDate")


def leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def time_problem(text, patterns):
    if not isinstance(text, str) or not any(re.match(p, text) for p in patterns):
        return "not a HAPI time string: %r" % (text,)
    year = int(text[:4])
    fields = re.split("[-TZ]", text)
    if len(fields) > 1 and len(fields[1]) == 3:
        day_of_year = int(fields[1])
        if day_of_year == 0 or day_of_year > (366 if leap(year) else 365):
            return "day of year out of range: %s" % text
    elif len(fields) > 2 and fields[2]:
        month, day = int(fields[1]), int(fields[2])
        days = [31, 29 if leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day == 0 or day > days:
            return "day of month out of range: %s" % text
    return None


def time_values(kind, body):
    """(path, value) of every time member of a body."""
    found = []
    if kind == "info":
        found += [(name, body[name]) for name in TIME_MEMBERS if name in body]
    if kind == "catalog":
        for index, entry in enumerate(body.get("catalog", [])):
            info = entry.get("info", {}) if isinstance(entry, dict) else {}
            found += [("catalog/%d/info/%s" % (index, name), info[name]) for name in TIME_MEMBERS if name in info]
    if kind == "about" and isinstance(body.get("dataTest"), dict):
        query = body["dataTest"].get("query", {})
        found += [("dataTest/query/" + name, query[name]) for name in ("start", "stop") if name in query]
    return found


def main():
    schema = json.load(open(sys.argv[1]))
    resources = [
        (value["id"], Resource.from_contents(value, default_specification=DRAFT7))
        for value in schema.values()
        if isinstance(value, dict) and str(value.get("id", "")).startswith("/")
    ]
    registry = Registry().with_resources(resources)
    patterns = [alternative["pattern"] for alternative in schema["HAPIDateTime"]["anyOf"] if "pattern" in alternative]
    failures = 0
    for item in json.load(sys.stdin):
        validator = Draft7Validator(schema[item["kind"]], registry=registry)
        for error in sorted(validator.iter_errors(item["body"]), key=lambda e: list(e.path)):
            failures += 1
            print("%s: %s: %s" % (item["label"], "/".join(map(str, error.path)), error.message))
        for path, value in time_values(item["kind"], item["body"]):
            problem = time_problem(value, patterns)
            if problem:
                failures += 1
                print("%s: %s: %s" % (item["label"], path, problem))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
