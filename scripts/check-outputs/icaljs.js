// ical.js reads the calendar: every event has a start, an end in its time zone, a summary.
const fs = require("fs");
const ICAL = require("ical.js");
const text = fs.readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
const events = root.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
let bad = 0;
for (const e of events) {
  if (!e.startDate || !e.endDate || !e.summary || e.endDate.compare(e.startDate) <= 0) bad++;
  if (e.startDate.zone && e.startDate.zone.tzid === "floating") bad++;
}
console.log(`ical.js: ${events.length} events, ${bad} bad`);
process.exit(events.length && !bad ? 0 : 1);
