"""libical parses the calendar and runs its restriction check (RFC 5546 rules for METHOD:PUBLISH)."""
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

text = open(sys.argv[1], encoding="utf-8").read()
component = ICalGLib.Component.new_from_string(text)
if component is None:
    print("libical: does not parse")
    sys.exit(1)
ok = ICalGLib.restriction_check(component)
text_out = component.as_ical_string()
bad = [line for line in text_out.splitlines() if "X-LIC-ERROR" in line]
for line in bad:
    print("libical:", line)
print(f"libical: restriction check {'passed' if ok else 'failed'}, {len(bad)} error(s)")
sys.exit(0 if ok and not bad else 1)
