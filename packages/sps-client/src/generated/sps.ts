/**
 * GENERATED FILE: do not edit by hand.
 * Source: packages/sps-client/openapi/sps.yaml, turned into types by openapi-typescript.
 * Regenerate: pnpm --filter @ml-connector/sps-client run generate
 * CI runs `pnpm run check:generated`, which fails when this file and the spec drift apart.
 */

export interface paths {
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain an access token (client_credentials, authorization_code or refresh_token grant).
         * @description Asking for a token on every call earns 429s: cache the token until shortly before it expires.
         *     JSON and form-encoded bodies are both accepted.
         */
        post: operations["requestToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start the authorization-code flow (opened in the user's browser). */
        get: operations["authorize"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the bearer token is accepted. */
        get: operations["authCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/v5/data/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the mailbox root. */
        get: operations["listRoot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/v5/data/{directory}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List one directory, one page at a time.
         * @description Follow `paging.next` (its `cursor`, or its `url` on the same origin) until it is absent or null.
         */
        get: operations["listDirectory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/v5/data/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file such as `out/PO584615-1-v7.7-BulkImport.json`; each segment is percent-encoded, joined by `/`. */
                path: components["parameters"]["FilePath"];
            };
            cookie?: never;
        };
        /** Download a file's raw bytes. */
        get: operations["downloadFile"];
        put?: never;
        /** Upload a file. The same path overwrites, so repeating an upload is safe. */
        post: operations["uploadFile"];
        /** Delete a file (consume a document in `out/` once it has been processed). */
        delete: operations["deleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/v5/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What happened to the mailbox's files (uploaded, downloaded, deleted...). Lags up to 5 minutes. */
        get: operations["viewHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        TokenRequest: components["schemas"]["ClientCredentialsGrant"] | components["schemas"]["AuthorizationCodeGrant"] | components["schemas"]["RefreshTokenGrant"];
        ClientCredentialsGrant: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "client_credentials";
            client_id: string;
            client_secret: string;
            /** @description `https://spscommerce.com` (the legacy `api://api.spscommerce.com/` is retired). */
            audience: string;
        };
        AuthorizationCodeGrant: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "authorization_code";
            client_id: string;
            client_secret: string;
            code: string;
            /** Format: uri */
            redirect_uri: string;
        };
        RefreshTokenGrant: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "refresh_token";
            client_id: string;
            client_secret: string;
            refresh_token: string;
        };
        TokenResponse: {
            /** @description A JWT in practice (Auth0); its `exp` is authoritative. */
            access_token: string;
            /** @example Bearer */
            token_type: string;
            /** @description Seconds the access token lives. */
            expires_in?: number;
            /** @description Only with `offline_access`. Does not expire; store it with care. */
            refresh_token?: string;
            scope?: string;
            id_token?: string;
        };
        OAuthError: {
            /**
             * @example invalid_grant
             * @example access_denied
             * @example too_many_requests
             */
            error: string;
            error_description?: string;
        };
        /** @description application/problem+json as in SPS's API standards. */
        Problem: {
            type?: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            requestId?: string;
            context?: {
                code?: string;
                message: string;
            }[];
        };
        /** @description An older Transaction API error envelope reported by some clients. */
        TransactionError: {
            status?: string;
            error: {
                error?: string;
                errorDescription?: string;
            };
        };
        ListingEntry: {
            /** @example /out/PO584615-1-v7.7-BulkImport.json */
            path: string;
            /** @enum {string} */
            type: "file" | "directory";
            /** Format: uri */
            url?: string;
        };
        /** @description `paging` is absent on some last pages (an empty account root answers `{"results": []}`). */
        ListingPage: {
            results: components["schemas"]["ListingEntry"][];
            paging?: {
                limit: number;
                next?: null | components["schemas"]["NextPage"];
            };
        };
        NextPage: {
            cursor?: string;
            /** Format: uri */
            url?: string;
        };
        UploadResult: {
            path?: string;
            /** Format: uri */
            url?: string;
        };
        HistoryStatus: {
            /** @description uploaded, downloaded, deleted; the sandbox also reports accepted and rejected. */
            status: string;
            /** @description ISO 8601 */
            timestamp: string;
            message?: string;
            /** @description Why a document was rejected (sandbox extension), with JSON paths. */
            reasons?: {
                path: string;
                code: string;
                message: string;
            }[];
        };
        HistoryEntry: {
            id: string;
            path: string;
            /**
             * @example in
             * @example out
             */
            direction: string;
            status_log: components["schemas"]["HistoryStatus"][];
        };
        HistoryPage: {
            results: components["schemas"]["HistoryEntry"][];
            paging: {
                offset: number;
                limit: number;
                total_count?: number;
                next?: null | components["schemas"]["PageLink"];
                previous?: null | components["schemas"]["PageLink"];
            };
        };
        PageLink: {
            /** Format: uri */
            url: string;
        };
    };
    responses: {
        /** @description One page of a directory listing. */
        Listing: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ListingPage"];
            };
        };
        /** @description Stored (an existing file at the same path was overwritten). */
        Uploaded: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UploadResult"];
            };
        };
        /** @description An error, as problem+json (SPS API standards). */
        Problem: {
            headers: {
                "X-Request-ID"?: string;
                /** @description Seconds (or an HTTP date) to wait before trying again; sent with 429 and some 503. */
                "Retry-After"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
                "application/json": components["schemas"]["Problem"] | components["schemas"]["TransactionError"];
            };
        };
        /** @description An Auth0-style error. */
        OAuthError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Too many token requests from this client. Cache tokens instead of asking for one per call. */
        OAuthRateLimited: {
            headers: {
                "Retry-After"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
    };
    parameters: {
        /** @description A directory such as `out` or `out/PO`; each segment is percent-encoded, segments are joined by `/`. */
        DirectoryPath: string;
        /** @description A file such as `out/PO584615-1-v7.7-BulkImport.json`; each segment is percent-encoded, joined by `/`. */
        FilePath: string;
        Limit: number;
        /** @description Opaque; taken from `paging.next.cursor` of the previous page. */
        Cursor: string;
        /** @description Only entries whose name starts with this (case-sensitive). */
        EntryNamePrefix: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    requestToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A token set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["OAuthError"];
            401: components["responses"]["OAuthError"];
            403: components["responses"]["OAuthError"];
            429: components["responses"]["OAuthRateLimited"];
        };
    };
    authorize: {
        parameters: {
            query: {
                response_type: "code";
                client_id: string;
                redirect_uri: string;
                audience: string;
                /** @description Space-separated; `offline_access` makes the token endpoint return a refresh token. */
                scope?: string;
                state: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to `redirect_uri` with `code` and `state` (or `error` and `error_description`). */
            302: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The redirect URI does not exactly match a registered one. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
    authCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is valid. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
        };
    };
    listRoot: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; taken from `paging.next.cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only entries whose name starts with this (case-sensitive). */
                entryNamePrefix?: components["parameters"]["EntryNamePrefix"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Listing"];
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
    listDirectory: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; taken from `paging.next.cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only entries whose name starts with this (case-sensitive). */
                entryNamePrefix?: components["parameters"]["EntryNamePrefix"];
            };
            header?: never;
            path: {
                /** @description A directory such as `out` or `out/PO`; each segment is percent-encoded, segments are joined by `/`. */
                directory: components["parameters"]["DirectoryPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Listing"];
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
    downloadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file such as `out/PO584615-1-v7.7-BulkImport.json`; each segment is percent-encoded, joined by `/`. */
                path: components["parameters"]["FilePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, byte for byte (SPS's own files may start with a UTF-8 BOM). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": Uint8Array;
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
    uploadFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional metadata, sent as `sps-meta-{key}` headers. */
                "sps-meta"?: string;
            };
            path: {
                /** @description A file such as `out/PO584615-1-v7.7-BulkImport.json`; each segment is percent-encoded, joined by `/`. */
                path: components["parameters"]["FilePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": Uint8Array;
            };
        };
        responses: {
            200: components["responses"]["Uploaded"];
            201: components["responses"]["Uploaded"];
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
    deleteFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file such as `out/PO584615-1-v7.7-BulkImport.json`; each segment is percent-encoded, joined by `/`. */
                path: components["parameters"]["FilePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
    viewHistory: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description `YYYY-MM-DDTHH:mm:ss` (UTC) */
                after?: string;
                /** @description `YYYY-MM-DDTHH:mm:ss` (UTC) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
        };
    };
}
