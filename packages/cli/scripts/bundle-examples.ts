// Part of the build: copies the repository's examples into dist/examples, with the toolchain's versions
// (toolchain.json), so that `ml-connector init --example NAME` works from the published package.
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exampleNames, toolchainOf } from "../src/commands/init-example.js";

const repository = fileURLToPath(new URL("../../../", import.meta.url));
const target = fileURLToPath(new URL("../dist/examples/", import.meta.url));

await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
for (const name of exampleNames) {
  await cp(join(repository, "examples", name), join(target, name), {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|test|dist)$/.test(source),
  });
}
const workspace = JSON.parse(await readFile(join(repository, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};
await writeFile(join(target, "toolchain.json"), `${JSON.stringify(toolchainOf(workspace.devDependencies), null, 2)}\n`);
console.log(`examples: ${exampleNames.join(", ")} copied to dist/examples`);
