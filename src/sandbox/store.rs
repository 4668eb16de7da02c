//! The sandbox's state: one SQLite file, shared safely by every `le` process that uses
//! the same directory (WAL journal, a busy timeout, and immediate transactions for writes).
//!
//! Webhook events go through an outbox table written in the same transaction as the
//! change they report, so a payment settled by one process is delivered by whichever
//! `le sandbox serve` runs on the state, exactly once per event.

use std::path::Path;
use std::time::Duration;

use bitcoin::secp256k1::SecretKey;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::api::{RefundStatus, Status};

pub const DB_FILE: &str = "sandbox.db";
/// 1: one merchant for the whole state. 2: every API key a merchant of its own.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merchants (
    merchant_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash        TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'active',
    refunds_enabled INTEGER NOT NULL DEFAULT 1,
    balance_sats    INTEGER,
    webhook_url     TEXT,
    webhook_secret  TEXT,
    created_at      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id      TEXT NOT NULL UNIQUE,
    order_id        TEXT NOT NULL,
    status          TEXT NOT NULL,
    amount          TEXT NOT NULL,
    currency        TEXT NOT NULL,
    amount_sats     INTEGER NOT NULL,
    invoice         TEXT NOT NULL,
    payment_hash    TEXT NOT NULL,
    preimage        TEXT NOT NULL,
    description     TEXT,
    customer_email  TEXT,
    customer_name   TEXT,
    success_url     TEXT,
    cancel_url      TEXT,
    metadata        TEXT,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    paid_at         INTEGER,
    expired_at      INTEGER,
    merchant_id     INTEGER NOT NULL DEFAULT 1,
    onchain_address TEXT,
    charge_id       TEXT
);
CREATE TABLE IF NOT EXISTS refunds (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    refund_id      TEXT NOT NULL UNIQUE,
    invoice_id     TEXT NOT NULL,
    status         TEXT NOT NULL,
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    amount_sats    INTEGER NOT NULL,
    reason         TEXT,
    kind           TEXT NOT NULL,
    destination    TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    completes_at   INTEGER NOT NULL,
    completed_at   INTEGER,
    merchant_id    INTEGER NOT NULL DEFAULT 1,
    failure_reason TEXT
);
CREATE TABLE IF NOT EXISTS idempotency (
    merchant_id  INTEGER NOT NULL,
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (merchant_id, scope, key)
);
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    event       TEXT NOT NULL,
    body        TEXT NOT NULL,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at_ms  INTEGER NOT NULL,
    lease_ms    INTEGER NOT NULL DEFAULT 0,
    merchant_id INTEGER NOT NULL DEFAULT 1,
    subject     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS hooks (
    server_id     TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    heartbeat_ms  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT NOT NULL,
    event        TEXT NOT NULL,
    url          TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    at_ms        INTEGER NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    merchant_id  INTEGER NOT NULL DEFAULT 1
);
";

/// Indexes, made after the tables exist in their current shape (new or migrated).
const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS payments_by_merchant_order ON payments (merchant_id, order_id, seq);
CREATE INDEX IF NOT EXISTS payments_by_merchant ON payments (merchant_id, seq);
CREATE INDEX IF NOT EXISTS payments_by_status ON payments (status, expires_at);
CREATE INDEX IF NOT EXISTS refunds_by_invoice ON refunds (invoice_id, seq);
CREATE INDEX IF NOT EXISTS refunds_by_status ON refunds (status, completes_at);
CREATE INDEX IF NOT EXISTS events_due ON events (state, next_at_ms);
CREATE INDEX IF NOT EXISTS events_by_subject ON events (subject, seq);
CREATE INDEX IF NOT EXISTS deliveries_by_merchant ON deliveries (merchant_id, seq);
";

/// From schema 1, where the whole state was one merchant's: its payments, refunds, keys,
/// events and deliveries become those of merchant 1 (made first, see `migrate`).
const MIGRATE_1_TO_2: &str = "
ALTER TABLE payments ADD COLUMN merchant_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE payments ADD COLUMN onchain_address TEXT;
ALTER TABLE payments ADD COLUMN charge_id TEXT;
DROP INDEX IF EXISTS payments_by_order;
ALTER TABLE refunds ADD COLUMN merchant_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE refunds ADD COLUMN failure_reason TEXT;
CREATE TABLE idempotency_v2 (
    merchant_id  INTEGER NOT NULL,
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (merchant_id, scope, key)
);
INSERT INTO idempotency_v2 SELECT 1, scope, key, request_hash, status, body, created_at FROM idempotency;
DROP TABLE idempotency;
ALTER TABLE idempotency_v2 RENAME TO idempotency;
ALTER TABLE events ADD COLUMN merchant_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN merchant_id INTEGER NOT NULL DEFAULT 1;
";

pub type Result<T> = std::result::Result<T, String>;

pub fn db_err(e: rusqlite::Error) -> String {
    format!("sandbox database: {e}")
}

/// How a state names an API key: a hash, so that the state never holds a key a client
/// sent (a merchant's real key, sent to the sandbox by mistake, included).
pub fn key_hash(key: &str) -> String {
    use bitcoin::hashes::{Hash, sha256};
    sha256::Hash::hash(key.as_bytes()).to_string()
}

/// A merchant: one API key's account.
#[derive(Debug, Clone)]
pub struct MerchantRow {
    pub id: i64,
    /// `active`, `inactive`, `subscription-required` or `subscription-expired`.
    pub status: String,
    pub refunds_enabled: bool,
    /// What the payment provider holds for refunds; `None` is no limit.
    pub balance_sats: Option<u64>,
    pub webhook_url: Option<String>,
    pub webhook_secret: Option<String>,
    pub created_at: i64,
}

const MERCHANT_COLUMNS: &str =
    "merchant_id, status, refunds_enabled, balance_sats, webhook_url, webhook_secret, created_at";

impl MerchantRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<MerchantRow> {
        Ok(MerchantRow {
            id: r.get(0)?,
            status: r.get(1)?,
            refunds_enabled: r.get(2)?,
            balance_sats: r.get::<_, Option<i64>>(3)?.map(|b| b.max(0) as u64),
            webhook_url: r.get(4)?,
            webhook_secret: r.get(5)?,
            created_at: r.get(6)?,
        })
    }
}

/// A payment as stored.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub merchant_id: i64,
    pub invoice_id: String,
    pub order_id: String,
    pub status: Status,
    pub amount: String,
    pub currency: String,
    pub amount_sats: u64,
    pub invoice: String,
    pub payment_hash: String,
    pub preimage: String,
    pub description: Option<String>,
    pub customer_email: Option<String>,
    pub customer_name: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub metadata: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    pub expired_at: Option<i64>,
    pub onchain_address: Option<String>,
    pub charge_id: Option<String>,
}

const PAYMENT_COLUMNS: &str = "invoice_id, order_id, status, amount, currency, amount_sats, invoice, \
    payment_hash, preimage, description, customer_email, customer_name, success_url, cancel_url, \
    metadata, created_at, expires_at, paid_at, expired_at, merchant_id, onchain_address, charge_id";

impl PaymentRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<PaymentRow> {
        Ok(PaymentRow {
            invoice_id: r.get(0)?,
            order_id: r.get(1)?,
            status: Status::parse(&r.get::<_, String>(2)?),
            amount: r.get(3)?,
            currency: r.get(4)?,
            amount_sats: r.get::<_, i64>(5)?.max(0) as u64,
            invoice: r.get(6)?,
            payment_hash: r.get(7)?,
            preimage: r.get(8)?,
            description: r.get(9)?,
            customer_email: r.get(10)?,
            customer_name: r.get(11)?,
            success_url: r.get(12)?,
            cancel_url: r.get(13)?,
            metadata: r.get(14)?,
            created_at: r.get(15)?,
            expires_at: r.get(16)?,
            paid_at: r.get(17)?,
            expired_at: r.get(18)?,
            merchant_id: r.get(19)?,
            onchain_address: r.get(20)?,
            charge_id: r.get(21)?,
        })
    }
}

/// A refund as stored.
#[derive(Debug, Clone)]
pub struct RefundRow {
    pub merchant_id: i64,
    pub refund_id: String,
    pub invoice_id: String,
    pub status: RefundStatus,
    pub amount: String,
    pub currency: String,
    pub amount_sats: u64,
    pub reason: Option<String>,
    /// `lightning` or `onchain`.
    pub kind: String,
    pub destination: String,
    pub created_at: i64,
    pub completes_at: i64,
    pub completed_at: Option<i64>,
    pub failure_reason: Option<String>,
}

const REFUND_COLUMNS: &str = "refund_id, invoice_id, status, amount, currency, amount_sats, reason, kind, \
    destination, created_at, completes_at, completed_at, merchant_id, failure_reason";

impl RefundRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<RefundRow> {
        Ok(RefundRow {
            refund_id: r.get(0)?,
            invoice_id: r.get(1)?,
            status: RefundStatus::parse(&r.get::<_, String>(2)?),
            amount: r.get(3)?,
            currency: r.get(4)?,
            amount_sats: r.get::<_, i64>(5)?.max(0) as u64,
            reason: r.get(6)?,
            kind: r.get(7)?,
            destination: r.get(8)?,
            created_at: r.get(9)?,
            completes_at: r.get(10)?,
            completed_at: r.get(11)?,
            merchant_id: r.get(12)?,
            failure_reason: r.get(13)?,
        })
    }
}

/// A webhook event waiting in the outbox.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub merchant_id: i64,
    pub id: String,
    pub event: String,
    pub body: String,
    pub url: String,
    pub secret: String,
    pub attempts: u32,
    /// The lease this claim holds: the outcome is recorded only while it still does.
    pub lease_ms: i64,
}

/// One delivery attempt, for `le sandbox deliveries`.
#[derive(Debug, Clone)]
pub struct DeliveryRow {
    pub event_id: String,
    pub event: String,
    pub url: String,
    pub attempt: u32,
    pub at_ms: i64,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the state in `dir`, making it if needed and bringing an older one up to
    /// date. `legacy_key` is the key whose merchant inherits a schema-1 state.
    pub fn open(dir: &Path, legacy_key: &str) -> Result<Store> {
        // A directory made here is its owner's only; one that was given is left as it is
        // (a project directory, or /tmp with its sticky bit).
        crate::files::create_private_dir(dir)
            .map_err(|e| format!("cannot create the sandbox directory {}: {e}", dir.display()))?;
        // SQLite's NOFOLLOW refuses a link anywhere in the path, and a data directory
        // under a link is common (/home on Fedora Atomic, /tmp on macOS): the directory is
        // resolved first, so that only a link at sandbox.db itself is refused.
        let dir = &dir
            .canonicalize()
            .map_err(|e| format!("cannot use the sandbox directory {}: {e}", dir.display()))?;
        let path = dir.join(DB_FILE);
        // Never through a symbolic link planted in a shared directory: SQLite would
        // write a database into whatever file it names.
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(format!(
                "the sandbox state {} is a symbolic link; le does not follow one there: remove it, or point LE_SANDBOX_DIR (or --dir) at the directory it should be in",
                path.display()
            ));
        }
        let conn = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::default() | rusqlite::OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .map_err(|e| format!("cannot open the sandbox state {}: {e}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(15)).map_err(db_err)?;
        // Switching to WAL takes a lock another process may hold for a moment.
        let mut tries = 0;
        loop {
            let r = conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
                .and_then(|_| conn.execute_batch("PRAGMA synchronous=NORMAL;"))
                .and_then(|_| conn.execute_batch(SCHEMA));
            match r {
                Ok(()) => break,
                Err(e) if tries < 50 && is_busy(&e) => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => {
                    return Err(format!(
                        "cannot prepare the sandbox state {}: {e}",
                        path.display()
                    ));
                }
            }
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(db_err)?;
        // The first version of the sandbox kept idempotency keys without a scope; its
        // state cannot be read now, and saying so beats a 500 on every create.
        if !has_column(&conn, "idempotency", "scope")? {
            return Err(format!(
                "the sandbox state {} was written by an older le and cannot be used: delete it to start over",
                path.display()
            ));
        }
        private(&path);
        if version > SCHEMA_VERSION {
            return Err(format!(
                "the sandbox state {} was written by a newer le (schema {version}); upgrade le or use another LE_SANDBOX_DIR",
                path.display()
            ));
        }
        let mut store = Store { conn };
        if version < SCHEMA_VERSION {
            store.write(|c| migrate(c, legacy_key)).map_err(|e| {
                format!(
                    "cannot bring the sandbox state {} up to date: {e}",
                    path.display()
                )
            })?;
        }
        store.conn.execute_batch(INDEXES).map_err(db_err)?;
        Ok(store)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an immediate transaction: the write lock is taken up front, so two
    /// processes never both decide on the same stale view.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let out = f(&tx)?;
        tx.commit().map_err(db_err)?;
        Ok(out)
    }

    /// The node key signing every invoice, made once per state directory.
    pub fn node_key(&self, fresh: impl FnOnce() -> SecretKey) -> Result<SecretKey> {
        let candidate = fresh().display_secret().to_string();
        self.conn
            .execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('node_secret', ?1)",
                params![candidate],
            )
            .map_err(db_err)?;
        let hex = meta(&self.conn, "node_secret")?.unwrap_or_default();
        hex.parse::<SecretKey>().map_err(|e| {
            format!("the sandbox node key is damaged ({e}); delete {DB_FILE} in the sandbox directory to start over")
        })
    }
}

fn has_column(c: &Connection, table: &str, column: &str) -> Result<bool> {
    c.query_row(
        "SELECT COUNT(*) FROM pragma_table_info(?1) WHERE name = ?2",
        params![table, column],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(db_err)
}

/// Brings a state to the current schema, inside the caller's write transaction; another
/// process may have done it meanwhile, which is checked again here.
fn migrate(c: &Connection, legacy_key: &str) -> Result<()> {
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(db_err)?;
    if version >= SCHEMA_VERSION {
        return Ok(());
    }
    if !has_column(c, "payments", "merchant_id")? {
        let now = jiff::Timestamp::now().as_second();
        c.execute(
            "INSERT INTO merchants (merchant_id, key_hash, webhook_url, webhook_secret, created_at) VALUES \
             (1, ?1, (SELECT value FROM meta WHERE key = 'webhook_url'), (SELECT value FROM meta WHERE key = 'webhook_secret'), ?2)",
            params![key_hash(legacy_key), now],
        )
        .map_err(db_err)?;
        c.execute(
            "DELETE FROM meta WHERE key IN ('webhook_url', 'webhook_secret')",
            [],
        )
        .map_err(db_err)?;
        c.execute_batch(MIGRATE_1_TO_2).map_err(db_err)?;
    }
    c.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
        .map_err(db_err)
}

/// The state holds the node key and webhook secrets: its files are their owner's only,
/// like every file le writes.
fn private(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let p = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
            // The file itself, never what a link planted in its place names.
            if p.symlink_metadata().is_ok_and(|m| m.file_type().is_file()) {
                let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
}

/// The merchant of a key, made on first use.
pub fn merchant_for_key(c: &Transaction<'_>, key: &str, now: i64) -> Result<MerchantRow> {
    let hash = key_hash(key);
    c.execute(
        "INSERT OR IGNORE INTO merchants (key_hash, created_at) VALUES (?1, ?2)",
        params![hash, now],
    )
    .map_err(db_err)?;
    find_merchant(c, &hash)?.ok_or_else(|| "the merchant just made is missing".to_owned())
}

/// The merchant of a key hash, if it was ever used.
pub fn find_merchant(c: &Connection, hash: &str) -> Result<Option<MerchantRow>> {
    c.query_row(
        &format!("SELECT {MERCHANT_COLUMNS} FROM merchants WHERE key_hash = ?1"),
        params![hash],
        MerchantRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

pub fn merchant(c: &Connection, id: i64) -> Result<Option<MerchantRow>> {
    c.query_row(
        &format!("SELECT {MERCHANT_COLUMNS} FROM merchants WHERE merchant_id = ?1"),
        params![id],
        MerchantRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

pub fn set_account(c: &Connection, m: &MerchantRow) -> Result<()> {
    c.execute(
        "UPDATE merchants SET status = ?2, refunds_enabled = ?3, balance_sats = ?4 WHERE merchant_id = ?1",
        params![
            m.id,
            m.status,
            m.refunds_enabled,
            m.balance_sats.map(|b| b.min(i64::MAX as u64) as i64)
        ],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Sets (`Some`) or clears a merchant's webhook endpoint.
pub fn set_merchant_webhook(c: &Connection, id: i64, hook: Option<(&str, &str)>) -> Result<()> {
    let (url, secret) = hook.unzip();
    c.execute(
        "UPDATE merchants SET webhook_url = ?2, webhook_secret = ?3 WHERE merchant_id = ?1",
        params![id, url, secret],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// A running server says where it delivers webhooks, so that changes made by any process
/// on the state are queued for it. Refreshed while it runs; stale after a few seconds.
pub fn announce_hook(
    c: &Connection,
    server_id: &str,
    url: &str,
    secret: &str,
    now_ms: i64,
) -> Result<()> {
    c.execute(
        "INSERT INTO hooks (server_id, url, secret, heartbeat_ms) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (server_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, heartbeat_ms = excluded.heartbeat_ms",
        params![server_id, url, secret, now_ms],
    )
    .map(|_| ())
    .map_err(db_err)
}

pub fn withdraw_hook(c: &Connection, server_id: &str) -> Result<()> {
    c.execute("DELETE FROM hooks WHERE server_id = ?1", params![server_id])
        .map(|_| ())
        .map_err(db_err)
}

/// The destination of a server that is running now, if any.
pub fn live_hook(c: &Connection, now_ms: i64) -> Result<Option<(String, String)>> {
    c.query_row(
        "SELECT url, secret FROM hooks WHERE heartbeat_ms > ?1 ORDER BY heartbeat_ms DESC LIMIT 1",
        params![now_ms - HOOK_STALE_MS],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(db_err)
}

/// How long a server's announcement lasts without a heartbeat.
const HOOK_STALE_MS: i64 = 5_000;

pub fn meta(c: &Connection, key: &str) -> Result<Option<String>> {
    c.query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
        r.get(0)
    })
    .optional()
    .map_err(db_err)
}

/// A payment of a merchant.
pub fn payment(c: &Connection, merchant_id: i64, invoice_id: &str) -> Result<Option<PaymentRow>> {
    c.query_row(
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE invoice_id = ?1 AND merchant_id = ?2"
        ),
        params![invoice_id, merchant_id],
        PaymentRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

/// A payment by its invoice id alone, whoever's it is: what a payer knows.
pub fn payment_by_invoice(c: &Connection, invoice_id: &str) -> Result<Option<PaymentRow>> {
    c.query_row(
        &format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE invoice_id = ?1"),
        params![invoice_id],
        PaymentRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

pub fn newest_for_order(
    c: &Connection,
    merchant_id: i64,
    order_id: &str,
) -> Result<Option<PaymentRow>> {
    c.query_row(
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE merchant_id = ?1 AND order_id = ?2 ORDER BY seq DESC LIMIT 1"
        ),
        params![merchant_id, order_id],
        PaymentRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

/// Up to `limit` of a merchant's payments older than `before` (a `seq`), newest first,
/// with their `seq`.
pub fn payments_page(
    c: &Connection,
    merchant_id: i64,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<(i64, PaymentRow)>> {
    let mut stmt = c
        .prepare(&format!(
            "SELECT {PAYMENT_COLUMNS}, seq FROM payments WHERE merchant_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3"
        ))
        .map_err(db_err)?;
    stmt.query_map(
        params![merchant_id, before.unwrap_or(i64::MAX), limit],
        |r| Ok((r.get(22)?, PaymentRow::from_row(r)?)),
    )
    .map_err(db_err)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(db_err)
}

pub fn insert_payment(c: &Connection, row: &PaymentRow) -> Result<()> {
    c.execute(
        &format!(
            "INSERT INTO payments ({PAYMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
        ),
        params![
            row.invoice_id, row.order_id, row.status.as_str(), row.amount, row.currency, row.amount_sats as i64,
            row.invoice, row.payment_hash, row.preimage, row.description, row.customer_email,
            row.customer_name, row.success_url, row.cancel_url, row.metadata, row.created_at,
            row.expires_at, row.paid_at, row.expired_at, row.merchant_id, row.onchain_address,
            row.charge_id
        ],
    )
    .map(|_| ())
    .map_err(db_err)
}

pub fn set_payment_status(c: &Connection, row: &PaymentRow) -> Result<()> {
    c.execute(
        "UPDATE payments SET status = ?2, paid_at = ?3, expired_at = ?4 WHERE invoice_id = ?1",
        params![
            row.invoice_id,
            row.status.as_str(),
            row.paid_at,
            row.expired_at
        ],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Unpaid payments whose expiry has passed, every merchant's.
pub fn due_expiries(c: &Connection, now: i64) -> Result<Vec<PaymentRow>> {
    let mut stmt = c
        .prepare(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE status = 'unpaid' AND expires_at <= ?1 ORDER BY seq"
        ))
        .map_err(db_err)?;
    stmt.query_map(params![now], PaymentRow::from_row)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)
}

/// Payments an auto-paying server should settle now.
pub fn due_auto_pay(
    c: &Connection,
    created_since: i64,
    created_before: i64,
) -> Result<Vec<PaymentRow>> {
    let mut stmt = c
        .prepare(&format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE status IN ('unpaid', 'processing') \
             AND created_at >= ?1 AND created_at <= ?2 ORDER BY seq"
        ))
        .map_err(db_err)?;
    stmt.query_map(params![created_since, created_before], PaymentRow::from_row)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)
}

pub fn refund(c: &Connection, merchant_id: i64, refund_id: &str) -> Result<Option<RefundRow>> {
    c.query_row(
        &format!("SELECT {REFUND_COLUMNS} FROM refunds WHERE refund_id = ?1 AND merchant_id = ?2"),
        params![refund_id, merchant_id],
        RefundRow::from_row,
    )
    .optional()
    .map_err(db_err)
}

/// A merchant's refunds, newest first: all, or those of one payment.
pub fn refunds(
    c: &Connection,
    merchant_id: i64,
    invoice_id: Option<&str>,
) -> Result<Vec<RefundRow>> {
    let mut stmt = c
        .prepare(&format!(
            "SELECT {REFUND_COLUMNS} FROM refunds WHERE merchant_id = ?1 AND (?2 IS NULL OR invoice_id = ?2) ORDER BY seq DESC"
        ))
        .map_err(db_err)?;
    stmt.query_map(params![merchant_id, invoice_id], RefundRow::from_row)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)
}

/// The refund that already pays this destination, if any (failed ones do not count):
/// an invoice can be paid once, whoever asks.
pub fn refund_to(c: &Connection, destination: &str) -> Result<Option<String>> {
    c.query_row(
        "SELECT refund_id FROM refunds WHERE destination = ?1 AND status != 'failed' LIMIT 1",
        params![destination],
        |r| r.get(0),
    )
    .optional()
    .map_err(db_err)
}

pub fn insert_refund(c: &Connection, r: &RefundRow) -> Result<()> {
    c.execute(
        &format!("INSERT INTO refunds ({REFUND_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            r.refund_id, r.invoice_id, r.status.as_str(), r.amount, r.currency, r.amount_sats as i64, r.reason,
            r.kind, r.destination, r.created_at, r.completes_at, r.completed_at, r.merchant_id,
            r.failure_reason
        ],
    )
    .map(|_| ())
    .map_err(db_err)
}

pub fn due_refunds(c: &Connection, now: i64) -> Result<Vec<RefundRow>> {
    let mut stmt = c
        .prepare(&format!(
            "SELECT {REFUND_COLUMNS} FROM refunds WHERE status = 'pending' AND completes_at <= ?1 ORDER BY seq"
        ))
        .map_err(db_err)?;
    stmt.query_map(params![now], RefundRow::from_row)
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)
}

pub fn complete_refund(c: &Connection, refund_id: &str, at: i64) -> Result<()> {
    c.execute(
        "UPDATE refunds SET status = 'completed', completed_at = ?2 WHERE refund_id = ?1",
        params![refund_id, at],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// A refund that failed never completed: `completedAt` stays null, so that a client
/// reading it as "the money went out" is never misled; `failureReason` says why.
pub fn fail_refund(c: &Connection, refund_id: &str, reason: &str) -> Result<()> {
    c.execute(
        "UPDATE refunds SET status = 'failed', failure_reason = ?2 WHERE refund_id = ?1",
        params![refund_id, reason],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Takes `sats` from a merchant's provider balance, when it has a limit.
pub fn spend_balance(c: &Connection, merchant_id: i64, sats: u64) -> Result<()> {
    c.execute(
        "UPDATE merchants SET balance_sats = balance_sats - ?2 WHERE merchant_id = ?1 AND balance_sats IS NOT NULL",
        params![merchant_id, sats.min(i64::MAX as u64) as i64],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Whether anything is due, checked without taking the write lock.
pub fn anything_due(c: &Connection, now: i64) -> Result<bool> {
    c.query_row(
        "SELECT EXISTS (SELECT 1 FROM payments WHERE status = 'unpaid' AND expires_at <= ?1) \
         OR EXISTS (SELECT 1 FROM refunds WHERE status = 'pending' AND completes_at <= ?1)",
        params![now],
        |r| r.get(0),
    )
    .map_err(db_err)
}

/// What a stored idempotency key says about a new request.
pub enum Replay {
    Same { status: u16, body: String },
    Different,
}

/// Idempotency keys are scoped per merchant: one key's `order-1` is not another's.
pub fn idempotent(
    c: &Connection,
    merchant_id: i64,
    scope: &str,
    key: &str,
    hash: &str,
) -> Result<Option<Replay>> {
    // Keys are kept for 24 hours, as the API promises: an older one is forgotten.
    forget_old_keys(c, jiff::Timestamp::now().as_second())?;
    let found: Option<(String, u16, String)> = c
        .query_row(
            "SELECT request_hash, status, body FROM idempotency WHERE merchant_id = ?1 AND scope = ?2 AND key = ?3",
            params![merchant_id, scope, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(db_err)?;
    Ok(found.map(|(h, status, body)| {
        if h == hash {
            Replay::Same { status, body }
        } else {
            Replay::Different
        }
    }))
}

/// A stored answer to replay, for one merchant's key.
pub struct Remembered<'a> {
    pub merchant_id: i64,
    pub scope: &'a str,
    pub key: &'a str,
    pub hash: &'a str,
    pub status: u16,
    pub body: &'a str,
    pub now: i64,
}

pub fn remember(c: &Connection, r: &Remembered<'_>) -> Result<()> {
    c.execute(
        "INSERT INTO idempotency (merchant_id, scope, key, request_hash, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.merchant_id, r.scope, r.key, r.hash, r.status, r.body, r.now],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Replays are promised for 24 hours.
pub fn forget_old_keys(c: &Connection, now: i64) -> Result<()> {
    c.execute(
        "DELETE FROM idempotency WHERE created_at < ?1",
        params![now - 86_400],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// An event to queue: `subject` (the payment's invoice id) keeps one payment's events in
/// order.
pub struct NewEvent<'a> {
    pub merchant_id: i64,
    pub id: &'a str,
    pub event: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub url: &'a str,
    pub secret: &'a str,
    pub now_ms: i64,
}

pub fn enqueue(c: &Connection, e: &NewEvent<'_>) -> Result<()> {
    c.execute(
        "INSERT INTO events (id, event, body, url, secret, created_at, state, next_at_ms, merchant_id, subject) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)",
        params![
            e.id,
            e.event,
            e.body,
            e.url,
            e.secret,
            e.now_ms / 1000,
            e.now_ms,
            e.merchant_id,
            e.subject
        ],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// The merchants with events queued while no destination was known for them.
pub fn unaddressed(c: &Connection) -> Result<Vec<i64>> {
    let mut stmt = c
        .prepare("SELECT DISTINCT merchant_id FROM events WHERE url = '' AND state = 'pending'")
        .map_err(db_err)?;
    stmt.query_map([], |r| r.get(0))
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)
}

/// Gives a merchant's events queued while no destination was known the destination now
/// in force.
pub fn address_events(c: &Connection, merchant_id: i64, url: &str, secret: &str) -> Result<()> {
    c.execute(
        "UPDATE events SET url = ?2, secret = ?3 WHERE merchant_id = ?1 AND url = '' AND state = 'pending'",
        params![merchant_id, url, secret],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// Takes up to `limit` due events for delivery, leasing them so that another server on
/// the same state does not send them too. An event waits while an earlier one of the same
/// payment is still on its way (or waiting to be retried): a receiver never hears of a
/// refund before the payment it refunds.
pub fn claim_events(
    c: &Connection,
    now_ms: i64,
    lease_ms: i64,
    limit: u32,
) -> Result<Vec<EventRow>> {
    let mut stmt = c
        .prepare(
            "UPDATE events SET state = 'sending', lease_ms = ?2 WHERE seq IN ( \
                 SELECT e.seq FROM events e WHERE e.url != '' \
                 AND ((e.state = 'pending' AND e.next_at_ms <= ?1) OR (e.state = 'sending' AND e.lease_ms <= ?1)) \
                 AND (e.subject = '' OR NOT EXISTS (SELECT 1 FROM events p WHERE p.subject = e.subject \
                      AND p.seq < e.seq AND p.state IN ('pending', 'sending'))) \
                 ORDER BY e.seq LIMIT ?3) \
             RETURNING id, event, body, url, secret, attempts, lease_ms, merchant_id",
        )
        .map_err(db_err)?;
    stmt.query_map(params![now_ms, now_ms + lease_ms, limit], |r| {
        Ok(EventRow {
            id: r.get(0)?,
            event: r.get(1)?,
            body: r.get(2)?,
            url: r.get(3)?,
            secret: r.get(4)?,
            attempts: r.get(5)?,
            lease_ms: r.get(6)?,
            merchant_id: r.get(7)?,
        })
    })
    .map_err(db_err)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(db_err)
}

/// Records one attempt and decides what happens to the event next.
pub fn record_attempt(
    c: &Connection,
    ev: &EventRow,
    d: &DeliveryRow,
    next: Option<i64>,
) -> Result<()> {
    c.execute(
        "INSERT INTO deliveries (event_id, event, url, attempt, at_ms, status_code, error, duration_ms, merchant_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![d.event_id, d.event, d.url, d.attempt, d.at_ms, d.status_code, d.error, d.duration_ms, ev.merchant_id],
    )
    .map_err(db_err)?;
    let delivered = d.status_code.is_some_and(|s| (200..300).contains(&s));
    let (state, next_at) = match (delivered, next) {
        (true, _) => ("delivered", 0),
        (false, Some(at)) => ("pending", at),
        (false, None) => ("failed", 0),
    };
    // Only while this claim's lease holds: a lease that ran out was taken by another
    // server, whose outcome is the one that counts.
    c.execute(
        "UPDATE events SET state = ?2, attempts = ?3, next_at_ms = ?4 \
         WHERE id = ?1 AND state = 'sending' AND lease_ms = ?5",
        params![ev.id, state, d.attempt, next_at, ev.lease_ms],
    )
    .map(|_| ())
    .map_err(db_err)
}

/// A merchant's most recent delivery attempts, oldest first.
pub fn deliveries(c: &Connection, merchant_id: i64, limit: u32) -> Result<Vec<DeliveryRow>> {
    let mut stmt = c
        .prepare(
            "SELECT event_id, event, url, attempt, at_ms, status_code, error, duration_ms FROM deliveries \
             WHERE merchant_id = ?1 ORDER BY seq DESC LIMIT ?2",
        )
        .map_err(db_err)?;
    let mut rows = stmt
        .query_map(params![merchant_id, limit], |r| {
            Ok(DeliveryRow {
                event_id: r.get(0)?,
                event: r.get(1)?,
                url: r.get(2)?,
                attempt: r.get(3)?,
                at_ms: r.get(4)?,
                status_code: r.get(5)?,
                error: r.get(6)?,
                duration_ms: r.get(7)?,
            })
        })
        .map_err(db_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_err)?;
    rows.reverse();
    Ok(rows)
}

/// Forgets a merchant's payments, refunds, keys, events and deliveries; its account and
/// webhook endpoint stay, as do every other merchant's things.
pub fn reset(c: &Connection, merchant_id: i64) -> Result<usize> {
    let n = c
        .execute(
            "DELETE FROM payments WHERE merchant_id = ?1",
            params![merchant_id],
        )
        .map_err(db_err)?;
    for t in ["refunds", "idempotency", "events", "deliveries"] {
        c.execute(
            &format!("DELETE FROM {t} WHERE merchant_id = ?1"),
            params![merchant_id],
        )
        .map_err(db_err)?;
    }
    Ok(n)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
