import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultAssetsDir } from "../../src/console/server.js";

const dir = defaultAssetsDir();
const files = readdirSync(dir);
const text = (name: string) => readFileSync(join(dir, name), "utf8");

describe("the console's page as shipped", () => {
  it("is index.html, app.js and app.css, under 200 KB together", () => {
    expect(files.sort()).toEqual(["app.css", "app.js", "index.html"]);
    const bytes = files.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    expect(bytes).toBeLessThan(200 * 1024);
  });

  it("loads nothing from another origin and has no inline script or style", () => {
    for (const name of files) expect(text(name)).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
    expect(text("index.html")).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(text("index.html")).not.toMatch(/\sstyle=|<style/);
    expect(text("app.css")).not.toMatch(/@import|url\(/);
  });

  it("never turns data into markup: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval", () => {
    expect(text("app.js")).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});
