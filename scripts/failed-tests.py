#!/usr/bin/env python3
"""failed-tests.py: list the failed tests of TRX files with the first lines of each error.

test.sh prints this just before its summary line, so the end of a CI log names what
failed even when the console output above it is cut off.
Usage: scripts/failed-tests.py RESULTS_DIR
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MAX_LINES = 8


def failures(trx: pathlib.Path):
    root = ET.parse(trx).getroot()
    for result in root.iter(NS + "UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}Message") or ""
        stack = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace") or ""
        yield result.get("testName"), result.get("duration"), message.strip(), stack.strip()


def main() -> int:
    found = 0
    for trx in sorted(pathlib.Path(sys.argv[1]).glob("*.trx")):
        try:
            rows = list(failures(trx))
        except ET.ParseError as error:
            print(f"  {trx.name}: unreadable TRX ({error})")
            continue
        for name, duration, message, stack in rows:
            found += 1
            print(f"FAILED {name} [{duration}]")
            for line in (message.splitlines() + stack.splitlines()[:3])[:MAX_LINES]:
                print(f"    {line}")
    return 0 if found == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
