import { createMemoryStores } from "../src/index.js";
import { runStoreConformanceSuite } from "../src/testing/index.js";

runStoreConformanceSuite("memory", async ({ clock }) => createMemoryStores({ clock }));
