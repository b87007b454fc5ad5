/**
 * One schema change. Versions are consecutive from 1; a migration, once released, is never edited. The SQL runs with
 * `search_path` set to the store's schema, so it names tables without a schema.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The schema, as numbered migrations applied in order, in one transaction, under an advisory lock. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      -- Key columns use the "C" collation: byte order, the same on every server whatever its locale, as SQLite sorts.
      CREATE TABLE cursors (
        flow text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        value jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (flow, source)
      );

      CREATE TABLE tokens (
        key text COLLATE "C" PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE locks (
        name text COLLATE "C" PRIMARY KEY,
        owner text NOT NULL,
        token text NOT NULL,
        ttl_ms bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );

      CREATE TABLE sequences (
        name text COLLATE "C" PRIMARY KEY,
        value bigint NOT NULL
      );

      -- Mapping records are stored as validated JSON beside their key columns.
      -- '' stands for "no partner" (global) and "no department" (the partner default).
      CREATE TABLE mapping_partners (
        partner_id text COLLATE "C" PRIMARY KEY,
        record jsonb NOT NULL
      );
      CREATE TABLE mapping_ship_tos (
        partner_id text COLLATE "C" NOT NULL,
        location_number text COLLATE "C" NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (partner_id, location_number)
      );
      CREATE TABLE mapping_items (
        partner_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        value text COLLATE "C" NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (partner_id, kind, value)
      );
      CREATE TABLE mapping_uoms (
        partner_id text COLLATE "C" NOT NULL,
        edi_unit text COLLATE "C" NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (partner_id, edi_unit)
      );
      CREATE TABLE mapping_cost_centres (
        partner_id text COLLATE "C" NOT NULL,
        department text COLLATE "C" NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (partner_id, department)
      );

      CREATE TABLE documents (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        direction text NOT NULL,
        type text NOT NULL,
        partner_id text COLLATE "C" NOT NULL,
        natural_key text COLLATE "C" NOT NULL,
        po_number text COLLATE "C",
        revision integer NOT NULL,
        purpose_code text,
        status text NOT NULL,
        reasons jsonb NOT NULL,
        payload_sha256 text,
        payload_size integer,
        file_name text COLLATE "C",
        x3_key text COLLATE "C",
        flow text COLLATE "C",
        metadata jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      -- Every filter of AuditQuery that a flow or an operator uses often, each with seq so that a page is an index range.
      CREATE INDEX documents_status ON documents (status, seq);
      CREATE INDEX documents_partner ON documents (partner_id, seq);
      CREATE INDEX documents_po ON documents (po_number, seq);
      CREATE INDEX documents_natural_key ON documents (natural_key, revision, seq);
      CREATE INDEX documents_file_name ON documents (file_name, seq);
      CREATE INDEX documents_x3_key ON documents (x3_key, seq);
      CREATE INDEX documents_created_at ON documents (created_at);

      CREATE TABLE payloads (
        document_id text COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        bytes bytea NOT NULL
      );

      CREATE TABLE attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        operation text NOT NULL,
        outcome text NOT NULL,
        http_status integer,
        error_kind text,
        message text,
        duration_ms integer
      );
      CREATE INDEX attempts_document ON attempts (document_id, id);

      CREATE TABLE links (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        from_ref text COLLATE "C" NOT NULL,
        from_json jsonb NOT NULL,
        relation text COLLATE "C" NOT NULL,
        to_ref text COLLATE "C" NOT NULL,
        to_json jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (from_ref, relation, to_ref)
      );
      CREATE INDEX links_to ON links (to_ref);

      CREATE TABLE effects (
        key text COLLATE "C" PRIMARY KEY,
        state text NOT NULL,
        operation text NOT NULL,
        document_id text,
        natural_key text,
        owner text,
        data jsonb,
        result jsonb,
        error jsonb,
        attempts integer NOT NULL,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      -- listInProgress on start: only the unfinished effects, which stay few while the table grows.
      CREATE INDEX effects_in_progress ON effects (started_at, key) WHERE state = 'in-progress';
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
    name: "cursor entries",
    sql: `
      -- A cursor's entries (a change window's records handled in its look-back span), one row each: a page's save
      -- writes the rows it changes instead of rewriting every entry inside the cursor's value.
      CREATE TABLE cursor_entries (
        flow text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (flow, source, key)
      );
    `,
  },
];

/** The schema version this code writes. */
export const schemaVersion = migrations.at(-1)?.version ?? 0;
