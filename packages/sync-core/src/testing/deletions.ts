import { createHash } from "node:crypto";
import type { AuditStore } from "@ml-connector/state";
import { settledInboundStatuses } from "../flows/orders-in/processing.js";

/** A file deleted from the mailbox, as a mailbox (or its simulator) saw it: its path and a hash of its bytes. */
export interface MailboxDeletion {
  /** `out/PO1-v7.7-BulkImport.json` */
  path: string;
  /** Lower-case hex SHA-256 of the bytes the file held when it was deleted. */
  sha256: string;
}

/** A deletion that broke the rule, and why. */
export interface UnsafeDeletion {
  path: string;
  sha256: string;
  problem: string;
}

/**
 * Checks the rule "nothing leaves the mailbox unless its bytes are stored and its outcome is final" against an audit
 * trail: every deleted file must have an inbound audit document of the same file name whose stored payload has the
 * deleted file's hash (the bytes, not a shorter or different answer) and whose status is final (an X3 effect, a
 * duplicate, an ignored or a rejected document; never `received`, `failed` or `parked`). Returns the deletions that
 * break it (none when all is well). With the SPS sandbox: `findUnsafeDeletions(audit, sps.mailbox.deletions())`.
 */
export async function findUnsafeDeletions(
  audit: AuditStore,
  deletions: readonly MailboxDeletion[],
): Promise<UnsafeDeletion[]> {
  const unsafe: UnsafeDeletion[] = [];
  for (const deletion of deletions) {
    const fileName = deletion.path.slice(deletion.path.lastIndexOf("/") + 1);
    const page = await audit.findDocuments({ fileName, direction: "in", limit: 1000 });
    const sameBytes = page.items.filter((document) => document.payloadSha256 === deletion.sha256);
    const report = (problem: string) => unsafe.push({ path: deletion.path, sha256: deletion.sha256, problem });
    if (sameBytes.length === 0) {
      report(
        page.items.length === 0
          ? "deleted, but no audit document has this file name"
          : `deleted, but none of the ${page.items.length} audit document(s) of this file name stores these bytes`,
      );
      continue;
    }
    const final = sameBytes.filter((document) => settledInboundStatuses.includes(document.status));
    if (final.length === 0) {
      report(`deleted while its document is ${sameBytes.map((document) => document.status).join(", ")} (not final)`);
      continue;
    }
    // The hash is the store's own; read the bytes back once to be sure they are there.
    const [document] = final;
    const payload = document ? await audit.getPayload(document.id) : undefined;
    if (!payload || createHash("sha256").update(payload).digest("hex") !== deletion.sha256) {
      report(`deleted, but the payload stored for document ${document?.id} is missing or differs`);
    }
  }
  return unsafe;
}
