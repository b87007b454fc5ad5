import type { SpsClient, SpsHistoryStatus } from "@ml-connector/sps-client";
import type { Reason } from "@ml-connector/state";
import type { UploadVerdict, VerdictSource } from "../ports/verdict-source.js";

const verdictStatuses: Readonly<Record<string, UploadVerdict["verdict"]>> = {
  accepted: "accepted",
  rejected: "rejected",
};

function reasonsOf(status: SpsHistoryStatus): Reason[] {
  if (status.reasons && status.reasons.length > 0) {
    return status.reasons.map(({ path, code, message }) => ({ path, code: `sps:${code}`, message }));
  }
  return [{ path: "", code: "sps_rejected", message: status.message ?? "SPS rejected the document without a reason." }];
}

/**
 * SPS's verdicts on our uploads, read from the Transaction API history (`GET /transactions/v5/history`, offset
 * paging): for each file we uploaded (`direction: in`), its last `accepted` or `rejected` status, with SPS's reasons.
 * Statuses that are not verdicts (uploaded, downloaded, deleted) are passed over.
 */
export function createSpsVerdictSource(sps: SpsClient): VerdictSource {
  return {
    name: "sps:history",
    async *verdicts(since, signal) {
      const found: UploadVerdict[] = [];
      for await (const entry of sps.history({ ...(since ? { after: since } : {}), signal })) {
        if (entry.direction !== "in") continue;
        const last = entry.statusLog.filter((item) => verdictStatuses[item.status.toLowerCase()] !== undefined).at(-1);
        if (!last) continue;
        const verdict = verdictStatuses[last.status.toLowerCase()] ?? "accepted";
        found.push({
          path: entry.path,
          fileName: entry.path.slice(entry.path.lastIndexOf("/") + 1),
          verdict,
          at: last.timestamp,
          reasons: verdict === "rejected" ? reasonsOf(last) : [],
        });
      }
      found.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      yield* found;
    },
  };
}
