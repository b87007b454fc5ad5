import { parseRsx } from "@ml-connector/rsx";
import type { SpsUploadValidator } from "./mailbox.js";

/** The default check of uploads to `in/`: the file must parse and validate as an RSX document, 7.7 or 7.6. */
export const validateRsxUpload: SpsUploadValidator = (content, fileName) => {
  const result = parseRsx(content, { fileName });
  if (result.ok) return { ok: true, type: result.type };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message })),
  };
};
