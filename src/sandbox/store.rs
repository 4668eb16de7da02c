//! The sandbox's state: one SQLite file, shared safely by every `le` process that uses
//! the same directory (WAL journal, a busy timeout, and immediate transactions for writes).

use std::path::{Path, PathBuf};
use std::time::Duration;

use bitcoin::secp256k1::SecretKey;
use rusqlite::{Connection, OptionalExtension, Row, params};

pub const DB_FILE: &str = "sandbox.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id     TEXT NOT NULL UNIQUE,
    order_id       TEXT NOT NULL,
    status         TEXT NOT NULL,
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    amount_sats    INTEGER NOT NULL,
    invoice        TEXT NOT NULL,
    payment_hash   TEXT NOT NULL,
    preimage       TEXT NOT NULL,
    description    TEXT,
    customer_email TEXT,
    customer_name  TEXT,
    success_url    TEXT,
    cancel_url     TEXT,
    metadata       TEXT,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    paid_at        INTEGER,
    expired_at     INTEGER
);
CREATE INDEX IF NOT EXISTS payments_by_order ON payments (order_id, seq);
CREATE INDEX IF NOT EXISTS payments_by_status ON payments (status, expires_at);
CREATE TABLE IF NOT EXISTS idempotency (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
";

/// A payment as stored.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub invoice_id: String,
    pub order_id: String,
    pub status: String,
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
}

const COLUMNS: &str = "invoice_id, order_id, status, amount, currency, amount_sats, invoice, \
    payment_hash, preimage, description, customer_email, customer_name, success_url, cancel_url, \
    metadata, created_at, expires_at, paid_at, expired_at";

impl PaymentRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<PaymentRow> {
        Ok(PaymentRow {
            invoice_id: r.get(0)?,
            order_id: r.get(1)?,
            status: r.get(2)?,
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
        })
    }
}

/// What a create found in the way, if anything.
pub enum Existing {
    /// The same idempotency key with the same request: the stored answer.
    Replay { status: u16, body: String },
    /// The same idempotency key with another request.
    KeyReused,
    /// No key, and the order already has a payment.
    DuplicateOrder { invoice_id: String },
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

pub type Result<T> = std::result::Result<T, String>;

fn db_err(e: rusqlite::Error) -> String {
    format!("sandbox database: {e}")
}

impl Store {
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the sandbox directory {}: {e}", dir.display()))?;
        let path = dir.join(DB_FILE);
        let conn = Connection::open(&path)
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
        Ok(Store { conn, path })
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
        let hex: String = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'node_secret'",
                [],
                |r| r.get(0),
            )
            .map_err(db_err)?;
        hex.parse::<SecretKey>().map_err(|e| {
            format!(
                "the sandbox node key in {} is damaged ({e}); delete that file to start over",
                self.path.display()
            )
        })
    }

    /// Marks unpaid payments whose expiry has passed as expired.
    pub fn expire_due(&self, now: i64) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE payments SET status = 'expired', expired_at = expires_at \
                 WHERE status = 'unpaid' AND expires_at <= ?1",
                params![now],
            )
            .map_err(db_err)
    }

    pub fn payment(&self, invoice_id: &str) -> Result<Option<PaymentRow>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM payments WHERE invoice_id = ?1"),
                params![invoice_id],
                PaymentRow::from_row,
            )
            .optional()
            .map_err(db_err)
    }

    pub fn newest_for_order(&self, order_id: &str) -> Result<Option<PaymentRow>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM payments WHERE order_id = ?1 ORDER BY seq DESC LIMIT 1"
                ),
                params![order_id],
                PaymentRow::from_row,
            )
            .optional()
            .map_err(db_err)
    }

    pub fn list(&self) -> Result<Vec<PaymentRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM payments ORDER BY seq DESC"))
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], PaymentRow::from_row)
            .map_err(db_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_err)?;
        Ok(rows)
    }

    /// Inserts a payment unless something is in the way, all in one immediate
    /// transaction so that two processes cannot both create the same order.
    /// `answer` turns the stored row into the response body kept for replays.
    pub fn create(
        &mut self,
        row: &PaymentRow,
        idempotency: Option<(&str, &str)>,
        answer: impl FnOnce(&PaymentRow) -> String,
        now: i64,
    ) -> Result<std::result::Result<String, Existing>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        if let Some((key, hash)) = idempotency {
            let found: Option<(String, u16, String)> = tx
                .query_row(
                    "SELECT request_hash, status, body FROM idempotency WHERE key = ?1",
                    params![key],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(db_err)?;
            if let Some((stored_hash, status, body)) = found {
                return Ok(Err(if stored_hash == hash {
                    Existing::Replay { status, body }
                } else {
                    Existing::KeyReused
                }));
            }
        } else {
            let dup: Option<String> = tx
                .query_row(
                    "SELECT invoice_id FROM payments WHERE order_id = ?1 ORDER BY seq DESC LIMIT 1",
                    params![row.order_id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(db_err)?;
            if let Some(invoice_id) = dup {
                return Ok(Err(Existing::DuplicateOrder { invoice_id }));
            }
        }
        tx.execute(
            &format!("INSERT INTO payments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"),
            params![
                row.invoice_id, row.order_id, row.status, row.amount, row.currency, row.amount_sats as i64,
                row.invoice, row.payment_hash, row.preimage, row.description, row.customer_email,
                row.customer_name, row.success_url, row.cancel_url, row.metadata, row.created_at,
                row.expires_at, row.paid_at, row.expired_at
            ],
        )
        .map_err(db_err)?;
        let body = answer(row);
        if let Some((key, hash)) = idempotency {
            tx.execute(
                "INSERT INTO idempotency (key, request_hash, status, body, created_at) VALUES (?1, ?2, 201, ?3, ?4)",
                params![key, hash, body, now],
            )
            .map_err(db_err)?;
        }
        tx.commit().map_err(db_err)?;
        Ok(Ok(body))
    }

    /// Moves a payment from one of `from` to `to`, atomically; returns the row after the
    /// change, or the row as it was when the transition is not allowed.
    pub fn transition(
        &mut self,
        invoice_id: &str,
        from: &[&str],
        to: &str,
        now: i64,
    ) -> Result<Option<std::result::Result<PaymentRow, PaymentRow>>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let current: Option<PaymentRow> = tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM payments WHERE invoice_id = ?1"),
                params![invoice_id],
                PaymentRow::from_row,
            )
            .optional()
            .map_err(db_err)?;
        let Some(current) = current else {
            return Ok(None);
        };
        if !from.contains(&current.status.as_str()) {
            return Ok(Some(Err(current)));
        }
        let (paid_at, expired_at) = match to {
            "paid" => (Some(now), current.expired_at),
            "expired" => (current.paid_at, Some(now)),
            _ => (current.paid_at, current.expired_at),
        };
        tx.execute(
            "UPDATE payments SET status = ?2, paid_at = ?3, expired_at = ?4 WHERE invoice_id = ?1",
            params![invoice_id, to, paid_at, expired_at],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(Some(Ok(PaymentRow {
            status: to.to_owned(),
            paid_at,
            expired_at,
            ..current
        })))
    }

    /// Forgets every payment and idempotency key; the node key stays so that pinned
    /// payee keys keep working.
    pub fn reset(&mut self) -> Result<usize> {
        let tx = self.conn.transaction().map_err(db_err)?;
        let n = tx.execute("DELETE FROM payments", []).map_err(db_err)?;
        tx.execute("DELETE FROM idempotency", []).map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        Ok(n)
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
