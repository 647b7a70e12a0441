"""python's icalendar reads the calendar: every event has a zoned start and an end after it."""
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = list(calendar.walk("VEVENT"))
bad = [e for e in events if e.decoded("DTEND") <= e.decoded("DTSTART") or e.decoded("DTSTART").tzinfo is None]
print(f"python icalendar: {len(events)} events, {len(bad)} bad")
sys.exit(0 if events and not bad else 1)
