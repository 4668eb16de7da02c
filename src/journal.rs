//! A batch's journal: one JSON line per step, so that a batch stopped at any moment,
//! rerun, never makes a second payment for an order.
//!
//! - Before a create is sent: `{"order","key","state":"sending"}`. A rerun that finds
//!   this without a `done` reuses that key and looks the order up before sending, even
//!   when the row was edited in between.
//! - Once the API confirms: `{"order","key","state":"done","invoiceId"}`.
//! - An order made anew (its payment expired, and its row was given another idempotency
//!   key) gets lines of its own after those: the latest lines of an order win, but a
//!   `sending` never undoes a `done` of the same key.
//!
//! Each line is written with one `write` on a file opened for appending, so lines never
//! interleave; a last line cut short by a crash is found and removed when the journal is
//! opened; and the file is locked, so a second batch on the same journal is refused.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// What the journal knows of an order.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A create was sent (or about to be) with this key, for this amount and currency
    /// (absent in journals written before they were recorded); its outcome is not.
    Sending {
        key: String,
        amount: Option<String>,
        currency: Option<String>,
        /// The order's earlier payment this create makes anew (it expired): found by a
        /// look at the order, it is not this create's.
        replaces: Option<String>,
    },
    /// The API confirmed the payment.
    Done { key: String, invoice_id: Value },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    order: String,
    key: String,
    /// Absent in journals written before states were recorded: those lines are `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invoice_id: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replaces: Option<String>,
}

pub struct Journal {
    file: File,
    path: PathBuf,
    entries: HashMap<String, Entry>,
    /// A last line cut short by a crash was removed on opening.
    pub repaired: bool,
}

impl Journal {
    /// Opens (or creates) the journal, locks it, reads it, and repairs a torn last line.
    /// A path that is not a regular file (a symlink someone planted, a device, a pipe), or
    /// a file that is not a journal, is refused before anything in it is changed.
    pub fn open(path: &Path) -> Result<Journal> {
        let shown = path.display();
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::usage(format!(
                    "the journal {shown} is a symbolic link: le writes journals only as regular files, give --journal the file itself"
                )));
            }
            Ok(m) if !m.is_file() => {
                return Err(Error::usage(format!(
                    "the journal {shown} is not a regular file"
                )));
            }
            _ => {}
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| Error::usage(format!("cannot open the journal {shown}: {e}")))?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(Error::usage(format!(
                "the journal {shown} is not a regular file"
            )));
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::usage(format!(
                    "another batch is using the journal {shown}: wait for it to finish, or give this one --journal OTHER_PATH"
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::usage(format!(
                    "cannot lock the journal {shown}: {e}"
                )));
            }
        }
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(|e| Error::usage(format!("cannot read the journal {shown}: {e}")))?;
        let mut repaired = false;
        let complete = match text.rfind('\n') {
            Some(i) => i + 1,
            None => 0,
        };
        // Every whole line must be a journal entry before anything is repaired: a path
        // that names some other file is refused as it is, untouched.
        for line in text[..complete].lines().filter(|l| !l.trim().is_empty()) {
            if serde_json::from_str::<Line>(line).is_err() {
                return Err(Error::usage(format!(
                    "{shown} is not a journal of le's (a line reads '{}'): give --journal a file of its own",
                    crate::text::printable(line)
                )));
            }
        }
        // A line cut short by le is the start of one of its entries, which always begin so.
        if complete < text.len() && !text[complete..].starts_with("{\"order\":") {
            return Err(Error::usage(format!(
                "{shown} is not a journal of le's: give --journal a file of its own"
            )));
        }
        if complete < text.len() {
            let tail = &text[complete..];
            if serde_json::from_str::<Line>(tail).is_ok() {
                // Whole, only its line break missing: finish the line.
                file.write_all(b"\n")
                    .map_err(|e| Error::usage(format!("cannot write the journal {shown}: {e}")))?;
                text.push('\n');
            } else {
                // Cut short while being written: it recorded nothing that happened (a
                // line is written before the step it records completes), so it goes.
                file.set_len(complete as u64)
                    .and_then(|()| file.seek(std::io::SeekFrom::End(0)).map(|_| ()))
                    .map_err(|e| Error::usage(format!("cannot repair the journal {shown}: {e}")))?;
                text.truncate(complete);
                repaired = true;
            }
        }
        let mut entries = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(l) = serde_json::from_str::<Line>(line) else {
                return Err(Error::usage(format!(
                    "the journal {shown} has a line that is not a journal entry: '{}'; it was not written by le, or was edited",
                    crate::text::printable(line)
                )));
            };
            let entry = match l.state.as_deref() {
                Some("sending") => Entry::Sending {
                    key: l.key,
                    amount: l.amount,
                    currency: l.currency,
                    replaces: l.replaces,
                },
                _ => Entry::Done {
                    key: l.key,
                    invoice_id: l.invoice_id.unwrap_or(Value::Null),
                },
            };
            // Later lines win, but a `done` is final for its key: a later `sending` with
            // the same key cannot undo it. One with another key is the order being made
            // anew (its payment expired, and the row was given a new key).
            let undoes_done = matches!(
                (entries.get(&l.order), &entry),
                (Some(Entry::Done { key: done, .. }), Entry::Sending { key: sent, .. }) if done == sent
            );
            if !undoes_done {
                entries.insert(l.order, entry);
            }
        }
        Ok(Journal {
            file,
            path: path.to_owned(),
            entries,
            repaired,
        })
    }

    pub fn get(&self, order: &str) -> Option<&Entry> {
        self.entries.get(order)
    }

    /// Records that a create for `order` with `key`, for `amount` `currency`, is about to
    /// be sent; `replaces`, the order's expired payment it makes anew.
    pub fn sending(
        &mut self,
        order: &str,
        key: &str,
        amount: &str,
        currency: &str,
        replaces: Option<&str>,
    ) -> Result<()> {
        self.append(Line {
            order: order.to_owned(),
            key: key.to_owned(),
            state: Some("sending".into()),
            invoice_id: None,
            amount: Some(amount.to_owned()),
            currency: Some(currency.to_owned()),
            replaces: replaces.map(str::to_owned),
        })?;
        self.entries.insert(
            order.to_owned(),
            Entry::Sending {
                key: key.to_owned(),
                amount: Some(amount.to_owned()),
                currency: Some(currency.to_owned()),
                replaces: replaces.map(str::to_owned),
            },
        );
        Ok(())
    }

    /// Records that the API confirmed the payment for `order`.
    pub fn done(&mut self, order: &str, key: &str, invoice_id: Value) -> Result<()> {
        self.append(Line {
            order: order.to_owned(),
            key: key.to_owned(),
            state: Some("done".into()),
            invoice_id: Some(invoice_id.clone()),
            amount: None,
            currency: None,
            replaces: None,
        })?;
        self.entries.insert(
            order.to_owned(),
            Entry::Done {
                key: key.to_owned(),
                invoice_id,
            },
        );
        Ok(())
    }

    /// One line, one write, synced before the step it records goes on.
    fn append(&mut self, line: Line) -> Result<()> {
        let mut text = serde_json::to_string(&line).map_err(Error::internal)?;
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|e| {
                Error::internal(format!(
                    "cannot write the journal {}: {e}",
                    self.path.display()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_steps_repairs_a_torn_line_and_locks() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("j");
        {
            let mut j = Journal::open(&p).unwrap();
            j.sending("A", "k1", "1", "USD", None).unwrap();
            j.done("A", "k1", "inv_1".into()).unwrap();
            j.sending("B", "k2", "2", "EUR", None).unwrap();
            assert!(Journal::open(&p).is_err(), "a second batch is refused");
        }
        let whole = std::fs::read_to_string(&p).unwrap();
        assert_eq!(whole.lines().count(), 3);
        // A crash in the middle of a line.
        std::fs::write(&p, format!("{whole}{{\"order\":\"C\",\"ke")).unwrap();
        let j = Journal::open(&p).unwrap();
        assert!(j.repaired);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), whole);
        assert!(matches!(j.get("A"), Some(Entry::Done { .. })));
        assert_eq!(
            j.get("B"),
            Some(&Entry::Sending {
                key: "k2".into(),
                amount: Some("2".into()),
                currency: Some("EUR".into()),
                replaces: None,
            })
        );
        assert_eq!(j.get("C"), None);
        drop(j);
        // A journal from before states were written: its lines are done.
        std::fs::write(
            &p,
            "{\"order\":\"O\",\"key\":\"k\",\"invoiceId\":\"inv_9\"}\n",
        )
        .unwrap();
        let j = Journal::open(&p).unwrap();
        assert!(matches!(j.get("O"), Some(Entry::Done { .. })));
        drop(j);
        // The same key sent again after its done: still done. Another key: made anew.
        std::fs::write(
            &p,
            concat!(
                "{\"order\":\"O\",\"key\":\"k\",\"state\":\"done\",\"invoiceId\":\"inv_9\"}\n",
                "{\"order\":\"O\",\"key\":\"k\",\"state\":\"sending\"}\n",
                "{\"order\":\"P\",\"key\":\"k\",\"state\":\"done\",\"invoiceId\":\"inv_8\"}\n",
                "{\"order\":\"P\",\"key\":\"k2\",\"state\":\"sending\"}\n",
            ),
        )
        .unwrap();
        let j = Journal::open(&p).unwrap();
        assert!(matches!(j.get("O"), Some(Entry::Done { .. })));
        assert!(matches!(j.get("P"), Some(Entry::Sending { key, .. }) if key == "k2"));
    }
}
