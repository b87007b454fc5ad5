import { z } from "zod";
import { NoteCode } from "../../code-lists/index.js";

export const notesSchema = z.strictObject({
  NoteCode: NoteCode.schema.optional(),
  Note: z.string().optional(),
  LanguageCode: z.string().optional(),
});
export type { Notes } from "../../generated/document-types.js";
