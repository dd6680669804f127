// Copies the built, minified files of the console's browser libraries from
// node_modules (installed by `npm ci`, pinned in package-lock.json) into
// console/static/vendor, which the binary embeds. Nothing is fetched at run
// time: deployments are air-gapped.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "vendor");
mkdirSync(out, { recursive: true });
const files = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["htmx.org/LICENSE", "htmx.LICENSE.txt"],
  ["echarts/dist/echarts.min.js", "echarts.min.js"],
  ["echarts/LICENSE", "echarts.LICENSE.txt"],
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE.txt"],
];
for (const [from, to] of files) {
  copyFileSync(join(here, "node_modules", from), join(out, to));
}
console.log(`vendored ${files.length} files into ${out}`);
