/** One schema change. Versions are consecutive from 1; a migration, once released, is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The schema, as numbered migrations applied in order, each in its own transaction. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE cursors (
        flow TEXT NOT NULL,
        source TEXT NOT NULL,
        value TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (flow, source)
      );

      CREATE TABLE tokens (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        token TEXT NOT NULL,
        ttl_ms INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );

      CREATE TABLE sequences (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );

      -- Mapping records are stored as validated JSON beside their key columns.
      -- '' stands for "no partner" (global) and "no department" (the partner default).
      CREATE TABLE mapping_partners (
        partner_id TEXT PRIMARY KEY,
        record TEXT NOT NULL
      );
      CREATE TABLE mapping_ship_tos (
        partner_id TEXT NOT NULL,
        location_number TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (partner_id, location_number)
      );
      CREATE TABLE mapping_items (
        partner_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (partner_id, kind, value)
      );
      CREATE TABLE mapping_uoms (
        partner_id TEXT NOT NULL,
        edi_unit TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (partner_id, edi_unit)
      );
      CREATE TABLE mapping_cost_centres (
        partner_id TEXT NOT NULL,
        department TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (partner_id, department)
      );

      CREATE TABLE documents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL,
        type TEXT NOT NULL,
        partner_id TEXT NOT NULL,
        natural_key TEXT NOT NULL,
        po_number TEXT,
        revision INTEGER NOT NULL,
        purpose_code TEXT,
        status TEXT NOT NULL,
        reasons TEXT NOT NULL,
        payload_sha256 TEXT,
        payload_size INTEGER,
        file_name TEXT,
        x3_key TEXT,
        flow TEXT,
        metadata TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX documents_status ON documents (status, seq);
      CREATE INDEX documents_partner ON documents (partner_id, seq);
      CREATE INDEX documents_po ON documents (po_number, seq);
      CREATE INDEX documents_natural_key ON documents (natural_key, revision, seq);
      CREATE INDEX documents_created_at ON documents (created_at);
      CREATE INDEX documents_x3_key ON documents (x3_key);
      CREATE INDEX documents_file_name ON documents (file_name);

      CREATE TABLE payloads (
        document_id TEXT PRIMARY KEY REFERENCES documents (id),
        bytes BLOB NOT NULL
      );

      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents (id),
        at INTEGER NOT NULL,
        operation TEXT NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER,
        error_kind TEXT,
        message TEXT,
        duration_ms INTEGER
      );
      CREATE INDEX attempts_document ON attempts (document_id, id);

      CREATE TABLE links (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        from_ref TEXT NOT NULL,
        from_json TEXT NOT NULL,
        relation TEXT NOT NULL,
        to_ref TEXT NOT NULL,
        to_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (from_ref, relation, to_ref)
      );
      CREATE INDEX links_to ON links (to_ref);

      CREATE TABLE effects (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        operation TEXT NOT NULL,
        document_id TEXT,
        natural_key TEXT,
        owner TEXT,
        data TEXT,
        result TEXT,
        error TEXT,
        attempts INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE INDEX effects_in_progress ON effects (state, started_at);
    `,
  },
  {
    version: 2,
    name: "documents by type and by flow",
    sql: `
      -- The console's filtered lists (newest first, by type or by flow) read an index instead of scanning.
      CREATE INDEX documents_type ON documents (type, seq);
      CREATE INDEX documents_flow ON documents (flow, seq);
    `,
  },
  {
    version: 3,
    name: "partial indexes for X3 keys and unfinished effects",
    sql: `
      -- Every index entry a document's writes add, move or remove is work, and each index they touch is a page more
      -- that the document's commit writes to the WAL. A document gets its X3 key when it is settled: without the
      -- condition, the entry is added under NULL with the row and moved under the key by the update (two pages).
      -- Lookups by key (x3_key = ?) imply it is not NULL, so SQLite reads this index for them as before.
      DROP INDEX documents_x3_key;
      CREATE INDEX documents_x3_key ON documents (x3_key) WHERE x3_key IS NOT NULL;
      -- Only unfinished effects are listed by state (listInProgress, oldest first): done and failed ones need no entry,
      -- so an effect's entry is added when it is begun and removed when it is done, instead of moved; ordered as the
      -- listing reads it, so it needs no sort.
      DROP INDEX effects_in_progress;
      CREATE INDEX effects_in_progress ON effects (started_at, key) WHERE state = 'in-progress';
    `,
  },
  {
    version: 4,
    name: "fewer b-trees written per document",
    sql: `
      -- A document's commit writes every page its rows and index entries touch to the WAL, one frame each: the
      -- tables below are rebuilt (rows kept) so that a document touches fewer b-trees. Run with foreign keys off (see
      -- migrate), checked before the commit.
      -- No AUTOINCREMENT: it keeps each table's highest id in sqlite_sequence, a page more written by every commit.
      -- An INTEGER PRIMARY KEY alone takes the highest id + 1: ids still increase, and no rows are ever deleted but
      -- the document a failed payload write undoes at once, whose seq nobody saw.
      CREATE TABLE documents_v4 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL,
        type TEXT NOT NULL,
        partner_id TEXT NOT NULL,
        natural_key TEXT NOT NULL,
        po_number TEXT,
        revision INTEGER NOT NULL,
        purpose_code TEXT,
        status TEXT NOT NULL,
        reasons TEXT NOT NULL,
        payload_sha256 TEXT,
        payload_size INTEGER,
        file_name TEXT,
        x3_key TEXT,
        flow TEXT,
        metadata TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO documents_v4 (seq, id, direction, type, partner_id, natural_key, po_number, revision, purpose_code,
          status, reasons, payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at)
        SELECT seq, id, direction, type, partner_id, natural_key, po_number, revision, purpose_code, status, reasons,
          payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at FROM documents;
      DROP TABLE documents;
      ALTER TABLE documents_v4 RENAME TO documents;
      CREATE INDEX documents_status ON documents (status, seq);
      CREATE INDEX documents_partner ON documents (partner_id, seq);
      CREATE INDEX documents_po ON documents (po_number, seq);
      CREATE INDEX documents_natural_key ON documents (natural_key, revision, seq);
      CREATE INDEX documents_created_at ON documents (created_at);
      CREATE INDEX documents_x3_key ON documents (x3_key) WHERE x3_key IS NOT NULL;
      CREATE INDEX documents_file_name ON documents (file_name);
      CREATE INDEX documents_type ON documents (type, seq);
      CREATE INDEX documents_flow ON documents (flow, seq);

      -- A payload is keyed by its document's seq (the rowid): one b-tree, where a TEXT key needed a second (its index).
      CREATE TABLE payloads_v4 (
        document_seq INTEGER PRIMARY KEY REFERENCES documents (seq),
        bytes BLOB NOT NULL
      );
      INSERT INTO payloads_v4 (document_seq, bytes)
        SELECT documents.seq, payloads.bytes FROM payloads JOIN documents ON documents.id = payloads.document_id;
      DROP TABLE payloads;
      ALTER TABLE payloads_v4 RENAME TO payloads;

      CREATE TABLE attempts_v4 (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id),
        at INTEGER NOT NULL,
        operation TEXT NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER,
        error_kind TEXT,
        message TEXT,
        duration_ms INTEGER
      );
      INSERT INTO attempts_v4 (id, document_id, at, operation, outcome, http_status, error_kind, message, duration_ms)
        SELECT id, document_id, at, operation, outcome, http_status, error_kind, message, duration_ms FROM attempts;
      DROP TABLE attempts;
      ALTER TABLE attempts_v4 RENAME TO attempts;
      CREATE INDEX attempts_document ON attempts (document_id, id);

      CREATE TABLE links_v4 (
        id INTEGER PRIMARY KEY,
        from_ref TEXT NOT NULL,
        from_json TEXT NOT NULL,
        relation TEXT NOT NULL,
        to_ref TEXT NOT NULL,
        to_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (from_ref, relation, to_ref)
      );
      INSERT INTO links_v4 (id, from_ref, from_json, relation, to_ref, to_json, created_at)
        SELECT id, from_ref, from_json, relation, to_ref, to_json, created_at FROM links;
      DROP TABLE links;
      ALTER TABLE links_v4 RENAME TO links;
      CREATE INDEX links_to ON links (to_ref);

      -- Effects are read and written by key alone: WITHOUT ROWID keeps the rows in their key's b-tree, where a rowid
      -- table needed that b-tree (its primary key index) and the table's own.
      CREATE TABLE effects_v4 (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        operation TEXT NOT NULL,
        document_id TEXT,
        natural_key TEXT,
        owner TEXT,
        data TEXT,
        result TEXT,
        error TEXT,
        attempts INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        completed_at INTEGER
      ) WITHOUT ROWID;
      INSERT INTO effects_v4 (key, state, operation, document_id, natural_key, owner, data, result, error, attempts,
          started_at, updated_at, completed_at)
        SELECT key, state, operation, document_id, natural_key, owner, data, result, error, attempts, started_at,
          updated_at, completed_at FROM effects;
      DROP TABLE effects;
      ALTER TABLE effects_v4 RENAME TO effects;
      CREATE INDEX effects_in_progress ON effects (started_at, key) WHERE state = 'in-progress';
    `,
  },
  {
    version: 5,
    name: "cursor entries",
    sql: `
      -- A cursor's entries (a change window's records handled in its look-back span), one row each: a page's save
      -- writes the rows it changes instead of rewriting every entry inside the cursor's value.
      CREATE TABLE cursor_entries (
        flow TEXT NOT NULL,
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (flow, source, key)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version this code writes. */
export const schemaVersion = migrations.at(-1)?.version ?? 0;
