import type { z } from "zod";

/**
 * SPS's 856 allows one kind of child level under each level (e.g. a PackLevel holds either ItemLevel or PackLevel
 * entries, not both). Returns a superRefine callback reporting the extra kinds at their own path.
 */
export function atMostOneChildLevel(levels: readonly string[]) {
  return (value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
    const present = levels.filter((level) => value[level] !== undefined);
    for (const level of present.slice(1)) {
      ctx.addIssue({
        code: "custom",
        path: [level],
        message: `A level holds one kind of child level: found ${present.join(" and ")}; keep only ${present[0]}`,
      });
    }
  };
}
