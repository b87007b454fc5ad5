import { expect, it } from "vitest";
import * as api from "../src/index.js";

// Guards the public surface: removing an export by accident fails here.
it("exports the public API", () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      "REPAIR_HINT",
      "SageX3Error",
      "WhereClause",
      "createAuthorizationCodeAuth",
      "createBasicAuth",
      "createConnectedAppAuth",
      "createSageX3Client",
      "createSageX3Pairing",
      "formatKey",
      "formatOrderBy",
      "isSageX3Error",
      "keyFromLocation",
      "mintConnectedAppToken",
      "parseDiagnoses",
      "sageX3Classes",
      "sageX3TokenKey",
      "toSageX3Error",
      "where",
      "whereFor",
      "x3Date",
      "x3Literal",
    ].sort(),
  );
});
