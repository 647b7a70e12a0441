// commonmark.js parses each Markdown artefact: it must hold no raw HTML and no image.
const fs = require("fs");
const commonmark = require("commonmark");
let bad = 0;
for (const file of process.argv.slice(2)) {
  const walker = new commonmark.Parser().parse(fs.readFileSync(file, "utf8")).walker();
  let event;
  while ((event = walker.next())) {
    const t = event.node.type;
    if (event.entering && (t === "html_block" || t === "html_inline" || t === "image")) {
      bad++;
      console.log(`${file}: ${t}: ${(event.node.literal || event.node.destination || "").slice(0, 80)}`);
    }
  }
}
console.log(`commonmark: ${process.argv.length - 2} files, ${bad} problem(s)`);
process.exit(bad ? 1 : 0);
