import { readFileSync } from "node:fs";
const v = JSON.parse(readFileSync("/tmp/ex/d100000.json", "utf8"));
const { crossCheck } = await import("@td/data");
const { Directory } = await import("@td/schema");
for (let i = 0; i < 3; i++) {
let t = performance.now();
const d = Directory.parse(v); const t1 = performance.now();
crossCheck(d); const t2 = performance.now();
for (const r of d.resources) new URL(r.url); const t3 = performance.now();
const m = new Map(); for (const r of d.resources) { const u = new URL(r.url); m.set(`${u.origin}${u.pathname}${u.search}`, 1); } const t4 = performance.now();
console.log("zod", (t1 - t).toFixed(0), "cross", (t2 - t1).toFixed(0), "url", (t3 - t2).toFixed(0), "url+key", (t4 - t3).toFixed(0));
}
