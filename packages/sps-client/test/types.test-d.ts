// Type-level checks, compiled by `tsc -p tsconfig.json` (typecheck in CI).
import { expectTypeOf } from "vitest";
import {
  createSpsClient,
  type SpsClient,
  type SpsComponents,
  type SpsHistoryEntry,
  type SpsListEntry,
  type SpsPaths,
  type SpsUploadResult,
} from "../src/index.js";

const client = createSpsClient({ credentials: { clientId: "id", clientSecret: "secret" } });
expectTypeOf(client).toEqualTypeOf<SpsClient>();
expectTypeOf(client.list("out")).toEqualTypeOf<AsyncIterable<SpsListEntry>>();
expectTypeOf(client.history()).toEqualTypeOf<AsyncIterable<SpsHistoryEntry>>();
expectTypeOf(client.download("out/a.json")).resolves.toEqualTypeOf<Uint8Array>();
expectTypeOf(client.upload("in/a.json", new Uint8Array())).resolves.toEqualTypeOf<SpsUploadResult>();
expectTypeOf(client.delete("out/a.json")).resolves.toEqualTypeOf<void>();
expectTypeOf<SpsListEntry["type"]>().toEqualTypeOf<"file" | "directory">();

// The generated types follow the spec.
expectTypeOf<SpsComponents["schemas"]["ListingEntry"]["type"]>().toEqualTypeOf<"file" | "directory">();
expectTypeOf<
  SpsPaths["/transactions/v5/data/{path}"]["post"]["requestBody"]["content"]["application/octet-stream"]
>().toEqualTypeOf<Uint8Array>();
expectTypeOf<SpsComponents["schemas"]["TokenRequest"]["grant_type"]>().toEqualTypeOf<
  "client_credentials" | "authorization_code" | "refresh_token"
>();

// @ts-expect-error credentials are required
createSpsClient({});
