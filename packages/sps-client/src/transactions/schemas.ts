import { z } from "zod";

// What the Transaction API answers, checked at the boundary. Unknown fields are kept (SPS may add some).

export const listingPageSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      path: z.string(),
      type: z.enum(["file", "directory"]),
      url: z.string().optional(),
    }),
  ),
  // Absent on some last pages (an empty account root answers `{"results": []}`): no paging means no next page.
  paging: z
    .looseObject({
      limit: z.number().int().optional(),
      next: z.looseObject({ cursor: z.string().optional(), url: z.string().optional() }).nullable().optional(),
    })
    .optional(),
});

// Read on every upload: zod's compiled fast path (`z.core.compile`), same results (a refused value goes to the runtime
// parser), without the runtime parser's walk.
export const uploadResultSchema = z.core.compile(
  z.looseObject({ path: z.string().optional(), url: z.string().optional() }).optional(),
);

const historyStatusSchema = z.looseObject({
  status: z.string(),
  timestamp: z.string(),
  message: z.string().optional(),
  reasons: z.array(z.looseObject({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});

export const historyPageSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]).transform(String),
      path: z.string(),
      direction: z.string(),
      status_log: z.array(historyStatusSchema),
    }),
  ),
  paging: z.looseObject({
    offset: z.number().int().optional(),
    limit: z.number().int().optional(),
    total_count: z.number().int().optional(),
    next: z.looseObject({ url: z.string() }).nullable().optional(),
  }),
});
