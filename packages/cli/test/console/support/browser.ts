import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium (or CHROMIUM_PATH): the browser tests need a real one and say how to get it. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((path): path is string => path !== undefined && path !== "" && existsSync(path));
  if (!found) {
    throw new Error(
      "The console's browser tests need Chromium: `apt-get update && apt-get install -y chromium` (Debian), " +
        "or set CHROMIUM_PATH to a Chromium/Chrome binary. .ci/run installs it when missing.",
    );
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox"] });
}
