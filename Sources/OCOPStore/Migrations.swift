import GRDB

/// The versioned schema. Migrations are append-only: a released one is never edited.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog-and-stock-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE producer (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('cooperative', 'enterprise', 'household')),
                    district TEXT NOT NULL,
                    commune TEXT NOT NULL
                ) STRICT;
                CREATE TABLE product (
                    sku TEXT PRIMARY KEY NOT NULL,
                    producer_id TEXT NOT NULL REFERENCES producer(id),
                    name TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    ocop_group TEXT NOT NULL,
                    stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
                    rated_on TEXT NOT NULL,
                    rating_expires_on TEXT NOT NULL CHECK (rating_expires_on >= rated_on),
                    withdrawn INTEGER NOT NULL DEFAULT 0,
                    gtin TEXT UNIQUE,
                    qr_url TEXT,
                    weight_g INTEGER CHECK (weight_g > 0),
                    length_mm INTEGER,
                    width_mm INTEGER,
                    height_mm INTEGER,
                    image_urls TEXT NOT NULL DEFAULT ''
                ) STRICT;
                CREATE INDEX product_producer ON product(producer_id);
                CREATE TABLE variant (
                    sku TEXT PRIMARY KEY NOT NULL,
                    product_sku TEXT NOT NULL REFERENCES product(sku),
                    pack_size TEXT NOT NULL,
                    price_vnd INTEGER NOT NULL CHECK (price_vnd > 0)
                ) STRICT;
                CREATE INDEX variant_product ON variant(product_sku);

                -- The stock ledger: append-only facts from which on-hand and available are derived.
                CREATE TABLE stock_movement (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    variant_sku TEXT NOT NULL REFERENCES variant(sku),
                    kind TEXT NOT NULL CHECK (kind IN ('counted', 'adjusted', 'sold', 'reserved', 'released')),
                    quantity INTEGER NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    reference TEXT,
                    occurred_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    CHECK (kind <> 'counted' OR quantity >= 0),
                    CHECK (kind <> 'reserved' OR quantity <= 0),
                    CHECK (kind <> 'released' OR quantity >= 0)
                ) STRICT;
                CREATE INDEX stock_movement_variant ON stock_movement(variant_sku, kind, id);
                -- One movement per kind and outside reference (an order line), so a repeat is recorded once.
                CREATE UNIQUE INDEX stock_movement_reference ON stock_movement(kind, reference) WHERE reference IS NOT NULL;
                CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement
                    BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;
                CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement
                    BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;

                -- On hand: the last count plus later adjustments and sales. Reserved: open orders (negative).
                CREATE VIEW stock_level AS
                SELECT v.sku AS variant_sku,
                    COALESCE((SELECT c.quantity FROM stock_movement c
                              WHERE c.variant_sku = v.sku AND c.kind = 'counted' ORDER BY c.id DESC LIMIT 1), 0)
                    + COALESCE((SELECT SUM(m.quantity) FROM stock_movement m
                                WHERE m.variant_sku = v.sku AND m.kind IN ('adjusted', 'sold')
                                  AND m.id > COALESCE((SELECT MAX(c.id) FROM stock_movement c
                                                       WHERE c.variant_sku = v.sku AND c.kind = 'counted'), 0)), 0)
                        AS on_hand,
                    COALESCE((SELECT SUM(r.quantity) FROM stock_movement r
                              WHERE r.variant_sku = v.sku AND r.kind IN ('reserved', 'released')), 0) AS reserved
                FROM variant v;
                """)
        }
        migrator.registerMigration("v2-accounts-and-bindings") { db in
            try db.execute(sql: """
                -- The accounts ocopsync has met (from the config) and whether they can be used.
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    health TEXT NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'ok', 'needs_reauth', 'unreachable')),
                    health_message TEXT NOT NULL DEFAULT '',
                    checked_at TEXT
                ) STRICT;

                -- One row per (account, catalog variant) listed on that account: unique on both sides, so a
                -- variant has one listing per account and a listing belongs to one variant.
                CREATE TABLE binding (
                    account_id TEXT NOT NULL REFERENCES account(id),
                    platform TEXT NOT NULL,
                    sku TEXT NOT NULL REFERENCES variant(sku),
                    remote_id TEXT NOT NULL,
                    remote_sku TEXT NOT NULL,
                    matched_by TEXT NOT NULL CHECK (matched_by IN ('sku', 'barcode', 'created')),
                    bound_at TEXT NOT NULL,
                    -- What the platform last showed.
                    remote_status TEXT,
                    remote_reason TEXT,
                    remote_price INTEGER,
                    remote_stock INTEGER,
                    observed_at TEXT,
                    PRIMARY KEY (account_id, sku),
                    UNIQUE (account_id, remote_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v3-operation-queue") { db in
            try db.execute(sql: """
                -- The outbox: every change to make on a platform, durable before it is tried. An operation names
                -- what to bring in line (the stock, price, content or activation of one variant on one account);
                -- the value is read when it is applied, so a retry always sends the newest value. `state` is where
                -- the operation stands, `outcome` what the last try said (a 503 defers, it does not reject).
                CREATE TABLE operation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('stock', 'deactivate', 'price', 'reactivate', 'content', 'create')),
                    sku TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    fact_at TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'rejected', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    not_before TEXT NOT NULL,
                    outcome TEXT NOT NULL DEFAULT '',
                    created_at TEXT NOT NULL,
                    finished_at TEXT
                ) STRICT;
                -- One pending operation per account, kind and variant: a newer fact joins the waiting one.
                CREATE UNIQUE INDEX operation_pending ON operation(account_id, kind, sku) WHERE state = 'pending';
                CREATE INDEX operation_due ON operation(account_id, state, priority, not_before);
                """)
        }
        migrator.registerMigration("v4-order-cursors") { db in
            try db.execute(sql: """
                -- Where each account's order read continues: the change time of the last order seen.
                CREATE TABLE order_cursor (
                    account_id TEXT PRIMARY KEY NOT NULL,
                    updated_after TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v5-oversold-order-lines") { db in
            try db.execute(sql: """
                -- Order lines a platform accepted when the catalog had nothing left to sell: not counted against
                -- stock, kept for the operator to settle with the buyer (cancel or source elsewhere).
                CREATE TABLE oversold_line (
                    account_id TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    available INTEGER NOT NULL,
                    occurred_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    settled INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, order_id, sku)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v6-account-last-full-pass") { db in
            try db.execute(sql: """
                -- When the account last finished a full reconcile (its listings read, its plan applied).
                ALTER TABLE account ADD COLUMN last_full_pass_at TEXT;
                """)
        }
        migrator.registerMigration("v7-coverage-history") { db in
            try db.execute(sql: """
                -- One platform's coverage at the end of a full sync: the points of the trend.
                CREATE TABLE coverage_sample (
                    platform TEXT NOT NULL,
                    taken_at TEXT NOT NULL,
                    live INTEGER NOT NULL,
                    eligible INTEGER NOT NULL,
                    complete INTEGER NOT NULL,
                    PRIMARY KEY (platform, taken_at)
                ) STRICT;
                CREATE INDEX coverage_sample_by_time ON coverage_sample (taken_at);
                """)
        }
        migrator.registerMigration("v8-account-tokens") { db in
            try db.execute(sql: """
                -- The tokens an account last obtained, so a restart neither renews early nor loses a rotated
                -- refresh token. origin: a fingerprint of the credentials file they descend from.
                CREATE TABLE account_token (
                    account_id TEXT PRIMARY KEY,
                    origin TEXT NOT NULL,
                    access_token TEXT NOT NULL,
                    access_expires_at TEXT NOT NULL,
                    refresh_token TEXT,
                    refresh_expires_at TEXT,
                    obtained_at TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v9-binding-agreed-price") { db in
            try db.execute(sql: """
                -- The price ocopsync and the platform last agreed on (ocopsync set it, or the platform showed
                -- what the catalog asks): a platform price that differs from it was edited on the platform.
                ALTER TABLE binding ADD COLUMN agreed_price INTEGER;
                """)
        }
        migrator.registerMigration("v10-catalog-revision") { db in
            try db.execute(sql: """
                -- Bumped by every write to producers, products or variants: a long-running reader reloads the
                -- catalog only when it changed.
                CREATE TABLE catalog_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL) STRICT;
                INSERT INTO catalog_revision (id, revision) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v11-operation-drain-order") { db in
            try db.execute(sql: """
                -- A drain reads an account's pending operations a chunk at a time, by priority then id.
                CREATE INDEX operation_drain ON operation(account_id, priority, id) WHERE state = 'pending';
                """)
        }
        migrator.registerMigration("v12-stock-balance") { db in
            try db.execute(sql: """
                -- Each variant's stock kept up to date by every movement, in the same transaction: a pass reads one
                -- row per variant, however long the ledger grows. The ledger stays the truth: `stock_level`
                -- recomputes it, and `ocopsync stock check` compares the two.
                CREATE TABLE stock_balance (
                    variant_sku TEXT PRIMARY KEY,
                    on_hand INTEGER NOT NULL,
                    reserved INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID;
                INSERT INTO stock_balance (variant_sku, on_hand, reserved)
                    SELECT variant_sku, on_hand, reserved FROM stock_level
                    WHERE variant_sku IN (SELECT DISTINCT variant_sku FROM stock_movement);
                CREATE TRIGGER stock_balance_follows_ledger AFTER INSERT ON stock_movement
                BEGIN
                    INSERT OR IGNORE INTO stock_balance (variant_sku, on_hand, reserved) VALUES (NEW.variant_sku, 0, 0);
                    UPDATE stock_balance SET
                        on_hand = CASE NEW.kind WHEN 'counted' THEN NEW.quantity
                                                WHEN 'adjusted' THEN on_hand + NEW.quantity
                                                WHEN 'sold' THEN on_hand + NEW.quantity
                                                ELSE on_hand END,
                        reserved = CASE WHEN NEW.kind IN ('reserved', 'released') THEN reserved + NEW.quantity ELSE reserved END
                    WHERE variant_sku = NEW.variant_sku;
                END;
                """)
        }
        migrator.registerMigration("v13-account-health-orders-unread") { db in
            // SQLite cannot change a CHECK: the table is rebuilt (foreign keys are checked when the migration ends).
            try db.execute(sql: """
                CREATE TABLE account_new (
                    id TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    health TEXT NOT NULL DEFAULT 'unknown'
                        CHECK (health IN ('unknown', 'ok', 'needs_reauth', 'unreachable', 'orders_unread')),
                    health_message TEXT NOT NULL DEFAULT '',
                    checked_at TEXT,
                    last_full_pass_at TEXT
                ) STRICT;
                INSERT INTO account_new (id, platform, health, health_message, checked_at, last_full_pass_at)
                    SELECT id, platform, health, health_message, checked_at, last_full_pass_at FROM account;
                DROP TABLE account;
                ALTER TABLE account_new RENAME TO account;
                """)
        }
        migrator.registerMigration("v14-catalog-changes") { db in
            try db.execute(sql: """
                -- Every change of the catalog after its first import: who made it, when, from where (a file and
                -- its line, a command, or the daemon adopting a platform's price), and the field's old and new
                -- text as a catalog file writes it. Rows are only ever added.
                CREATE TABLE catalog_change (
                    id INTEGER PRIMARY KEY,
                    changed_at TEXT NOT NULL,
                    user TEXT NOT NULL,
                    source TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    field TEXT NOT NULL,
                    old_value TEXT NOT NULL,
                    new_value TEXT NOT NULL
                ) STRICT;
                CREATE INDEX catalog_change_subject ON catalog_change(subject, id);
                -- The listing content ocopsync and the platform last agreed on: a hash per content field
                -- (`name:1a2b3c4d description:…`); a field whose catalog hash differs is content to send again.
                ALTER TABLE binding ADD COLUMN agreed_content TEXT;
                """)
        }
        migrator.registerMigration("v15-connected-shops") { db in
            try db.execute(sql: """
                -- Shops connected by their owner's consent through one of the province's apps. credentials:
                -- what the account's adapter needs besides the app's keys (the shop's id, its first refresh
                -- token), sealed with the secrets key. A removed shop keeps its row (its history stays).
                CREATE TABLE connected_shop (
                    account_id TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    producer_id TEXT NOT NULL,
                    shop_id TEXT NOT NULL,
                    shop_name TEXT NOT NULL DEFAULT '',
                    credentials TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('active', 'disabled', 'removed')),
                    connected_at TEXT NOT NULL,
                    authorization_expires_at TEXT,
                    changed_at TEXT NOT NULL,
                    UNIQUE (platform, shop_id)
                ) STRICT;
                -- The links a shop owner opens to connect (or reconnect) a shop: only a hash of the link's
                -- secret is kept. Each opening signs a new consent request whose `state` (hashed) the
                -- platform's callback must bring back before it expires.
                CREATE TABLE connect_link (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    platform TEXT NOT NULL,
                    producer_id TEXT NOT NULL,
                    account_id TEXT,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    used_at TEXT,
                    state_hash TEXT UNIQUE,
                    state_expires_at TEXT
                ) STRICT;
                """)
        }
        // The link itself, sealed with the secrets key, so the operator's page can show a link not yet used
        // (and its QR code) while the database alone gives none away.
        migrator.registerMigration("v16-connect-link-sealed-url") { db in
            try db.execute(sql: "ALTER TABLE connect_link ADD COLUMN sealed_url TEXT")
        }
        migrator.registerMigration("v17-category-schema") { db in
            try db.execute(sql: """
                -- A product's own category on a platform and its values of platform attributes the catalog has
                -- no field for, in the text form of catalog files (`key=value; key=value`).
                ALTER TABLE product ADD COLUMN category_ids TEXT NOT NULL DEFAULT '';
                ALTER TABLE product ADD COLUMN attributes TEXT NOT NULL DEFAULT '';
                -- Each platform's category tree as its API last gave it, replaced whole by a refresh.
                CREATE TABLE platform_category (
                    platform TEXT NOT NULL,
                    id TEXT NOT NULL,
                    parent_id TEXT,
                    name TEXT NOT NULL,
                    leaf INTEGER NOT NULL,
                    PRIMARY KEY (platform, id)
                ) STRICT;
                -- What a leaf category asks of a listing: one row per category read, its attributes as JSON.
                CREATE TABLE category_attributes (
                    platform TEXT NOT NULL,
                    category_id TEXT NOT NULL,
                    attributes TEXT NOT NULL,
                    read_at TEXT NOT NULL,
                    PRIMARY KEY (platform, category_id)
                ) STRICT;
                -- When each platform's tree was last read in full.
                CREATE TABLE category_refresh (
                    platform TEXT PRIMARY KEY NOT NULL,
                    refreshed_at TEXT NOT NULL
                ) STRICT;
                -- The operator's choice of a leaf category for an OCOP group, over the manifest's default.
                CREATE TABLE category_mapping (
                    platform TEXT NOT NULL,
                    ocop_group TEXT NOT NULL,
                    category_id TEXT NOT NULL,
                    set_at TEXT NOT NULL,
                    set_by TEXT NOT NULL,
                    PRIMARY KEY (platform, ocop_group)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v18-pictures") { db in
            try db.execute(sql: """
                -- What fetching each picture URL of the catalog found: the picture (its content's SHA-256, format,
                -- bytes, pixels; the bytes are kept in the state directory under pictures/) or why there is none.
                CREATE TABLE picture (
                    url TEXT PRIMARY KEY NOT NULL,
                    content_hash TEXT,
                    format TEXT,
                    bytes INTEGER,
                    width INTEGER,
                    height INTEGER,
                    problem TEXT,
                    fetched_at TEXT NOT NULL
                ) STRICT;
                -- A picture put on an account's platform (Shopee's image id, the URL Lazada hosts it at): each
                -- content once per account.
                CREATE TABLE picture_upload (
                    account_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    remote TEXT NOT NULL,
                    uploaded_at TEXT NOT NULL,
                    PRIMARY KEY (account_id, content_hash)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v19-brands") { db in
            try db.execute(sql: """
                -- Each platform's brand list as last read: per leaf category (Shopee), or under '' where one list
                -- serves every category (Lazada); the brands as JSON.
                CREATE TABLE platform_brand_list (
                    platform TEXT NOT NULL,
                    category_id TEXT NOT NULL,
                    brands TEXT NOT NULL,
                    read_at TEXT NOT NULL,
                    PRIMARY KEY (platform, category_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v20-events") { db in
            try db.execute(sql: """
                -- Each platform event message received, by the key its content gives: the same message again (a
                -- retry, a replay) finds its receipt and changes nothing. Written with the message's effects.
                CREATE TABLE event_receipt (
                    platform TEXT NOT NULL,
                    key TEXT NOT NULL,
                    account_id TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    PRIMARY KEY (platform, key)
                ) STRICT;
                CREATE INDEX event_receipt_age ON event_receipt (received_at);
                -- Units a platform holds back from sale for a campaign (Shopee's reserved stock), per listing,
                -- as it last said: the ledger carries the changes as reservations.
                CREATE TABLE campaign_hold (
                    account_id TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    changed_at TEXT NOT NULL,
                    PRIMARY KEY (account_id, remote_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v21-pushed-authorization-end") { db in
            // When a platform's push said the account's authorisation ends (Shopee code 12, Lazada message 8), for
            // every account, connected by consent or configured with keys of its own.
            try db.execute(sql: "ALTER TABLE account ADD COLUMN authorization_ends_at TEXT")
        }
        migrator.registerMigration("v22-operations-by-sku") { db in
            // A standing refusal is one no later change of the same kind and SKU went through: looked up per
            // refused operation, it read every finished operation of the account without this (82,000 refusals of
            // a shop over its daily listing limit took 21 s a pass at 100,000 products).
            try db.execute(sql: "CREATE INDEX operation_by_sku ON operation(account_id, sku, kind, state, finished_at)")
        }
        migrator.registerMigration("v23-producer-phone") { db in
            // Whom the operator calls about a product missing from a platform (the report page's missing list).
            try db.execute(sql: "ALTER TABLE producer ADD COLUMN phone TEXT")
        }
        migrator.registerMigration("v24-producer-links") { db in
            try db.execute(sql: """
                -- Each producer's private link to its own page, by the SHA-256 of its secret (the secret is never
                -- kept). One live link per producer: a new one revokes the last.
                CREATE TABLE producer_link (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    producer_id TEXT NOT NULL REFERENCES producer(id),
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                ) STRICT;
                CREATE UNIQUE INDEX producer_link_live ON producer_link(producer_id) WHERE revoked_at IS NULL;
                -- Who recorded a movement outside the platforms: `producer:<id>` from its page, `user:<name>` from the CLI.
                ALTER TABLE stock_movement ADD COLUMN author TEXT;
                """)
        }
        migrator.registerMigration("v25-status-counts") { db in
            try db.execute(sql: """
                -- The counts `status` and `/metrics` show, each an index range: an account's failed and refused
                -- operations of the last week (a 100,000-SKU shop holds hundreds of thousands of done ones), and its
                -- listings whose price was edited on the platform. The status query over 8 accounts of 100,000
                -- bindings and operations: 0.21 s -> 0.004 s.
                CREATE INDEX operation_finished ON operation(account_id, state, finished_at);
                CREATE INDEX binding_price_edit ON binding(account_id)
                    WHERE agreed_price IS NOT NULL AND remote_price IS NOT NULL AND remote_price != agreed_price;
                """)
        }
        migrator.registerMigration("v26-plan-inputs") { db in
            // What a comparison of an account is worked out from, counted, so that a periodic pass finds at once that
            // nothing changed since the last one and compares nothing (PlanInputs). Each binding written counts on its
            // account; the platforms' categories, brands, mappings and the pictures count together.
            var sql = """
                ALTER TABLE account ADD COLUMN bindings_version INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE plan_inputs (id INTEGER PRIMARY KEY CHECK (id = 1), schema_version INTEGER NOT NULL) STRICT;
                INSERT INTO plan_inputs (id, schema_version) VALUES (1, 0);

                """
            for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                sql += """
                    CREATE TRIGGER binding_\(event.lowercased())_counts AFTER \(event) ON binding
                    BEGIN UPDATE account SET bindings_version = bindings_version + 1 WHERE id = \(row).account_id; END;

                    """
                for table in ["platform_category", "category_attributes", "platform_brand_list", "category_mapping", "category_refresh", "picture"] {
                    sql += """
                        CREATE TRIGGER \(table)_\(event.lowercased())_counts AFTER \(event) ON \(table)
                        BEGIN UPDATE plan_inputs SET schema_version = schema_version + 1 WHERE id = 1; END;

                        """
                }
            }
            try db.execute(sql: sql)
        }
        return migrator
    }
}
