// axe-core over every html artefact in a folder, in headless Chromium at 390 and
// 1280 px; also checks that no page scrolls sideways at 390 px and that chart text
// is at least 11 px. With a second argument, saves report screenshots there.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
(async () => {
  const [dir, shots] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  let problems = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
    for (const width of [390, 1280]) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      // The page's own policy forbids scripts; axe is injected past it.
      await page.setBypassCSP(true);
      await page.goto("file://" + path.join(dir, file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) {
        problems++;
        console.log(`axe ${file} @${width}: ${v.id} (${v.impact}): ${v.nodes.length} node(s): ${v.nodes[0].html.slice(0, 120)}`);
      }
      const layout = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        smallest: Math.min(1000, ...[...document.querySelectorAll("svg text")].map((t) => t.getBoundingClientRect().height)),
      }));
      if (layout.scroll > 0) { problems++; console.log(`${file} @${width}: scrolls sideways by ${layout.scroll} px`); }
      if (layout.smallest < 11) { problems++; console.log(`${file} @${width}: chart text ${layout.smallest.toFixed(1)} px tall`); }
      if (shots && file.startsWith("report-")) {
        await page.screenshot({ path: path.join(shots, `${file.replace(".html", "")}-${width}.png`), fullPage: true });
      }
      await page.close();
    }
  }
  await browser.close();
  console.log(`axe and layout: ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
