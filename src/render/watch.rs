//! What `watch` shows while it waits: a spinner with a countdown on a terminal, one line
//! per status change otherwise; for several payments, a live table.

use comfy_table::{Table, presets};
use jiff::Timestamp;

use super::time::{clock, relative};
use super::{Live, Output, Screen, Spinner, clean};
use crate::api::{Payment, Status};

/// The view of one payment being watched.
pub struct WatchView {
    out: Output,
    spinner: Option<Spinner>,
    id: String,
    status: Option<Status>,
    expires: Option<Timestamp>,
}

impl WatchView {
    pub fn new(out: &Output, id: &str) -> WatchView {
        WatchView {
            spinner: out.spinner(&format!("{id}: waiting for the first answer")),
            out: out.clone(),
            id: id.to_owned(),
            status: None,
            expires: None,
        }
    }

    pub fn update(&mut self, p: &Payment) {
        let changed = self.status.as_ref() != Some(&p.status());
        self.status = Some(p.status());
        self.expires = p.expires_at();
        if self.spinner.is_some() {
            self.redraw();
        } else if changed {
            let left = match (p.status(), self.expires) {
                (Status::Unpaid | Status::Processing, Some(e)) => {
                    format!(" (expires {})", relative(e, Timestamp::now()))
                }
                _ => String::new(),
            };
            self.out.note(&format!(
                "{} {}: {}{left}",
                Timestamp::now().strftime("%H:%M:%S"),
                clean(&self.id),
                clean(p.status().as_str())
            ));
        }
    }

    /// The API is away for now; the watch goes on.
    pub fn trouble(&self, why: &str) {
        let msg = format!(
            "{}: the API did not answer ({}); still trying",
            clean(&self.id),
            clean(why)
        );
        match &self.spinner {
            Some(s) => s.set(&msg),
            None => self
                .out
                .note(&format!("{} {msg}", Timestamp::now().strftime("%H:%M:%S"))),
        }
    }

    /// Refreshes the countdown.
    pub fn redraw(&self) {
        let (Some(s), Some(status)) = (&self.spinner, &self.status) else {
            return;
        };
        let left = match self.expires {
            Some(e) if !status.is_final() => {
                let secs = (e - Timestamp::now()).get_seconds().max(0) as u64;
                format!(" · expires in {}", clock(secs))
            }
            _ => String::new(),
        };
        s.set(&format!(
            "{}: {}{left}",
            clean(&self.id),
            clean(status.as_str())
        ));
    }

    /// Clears the spinner.
    pub fn finish(&mut self) {
        self.spinner = None;
    }
}

/// One row of the live table.
pub struct Row<'a> {
    pub id: &'a str,
    pub last: Option<&'a Payment>,
    pub error: Option<&'a str>,
}

fn status_text(r: &Row<'_>) -> String {
    match (r.error, r.last) {
        (Some(err), _) => format!("error: {err}"),
        (None, None) => "…".into(),
        (None, Some(p)) => {
            let left = match (p.status(), p.expires_at()) {
                (s, Some(x)) if !s.is_final() => format!(
                    " · {}",
                    clock((x.as_second() - Timestamp::now().as_second()).max(0) as u64)
                ),
                _ => String::new(),
            };
            format!("{}{left}", p.status())
        }
    }
}

/// The table of several payments being watched, no wider than `cols` when given: a
/// long cell ends in `…` rather than wrapping, so each payment stays one line.
pub fn many_table(rows: &[Row<'_>], cols: Option<usize>) -> Screen {
    let mut t = Table::new();
    t.load_style(presets::UTF8_HORIZONTAL_ONLY);
    t.force_no_tty();
    if let Some(c) = cols {
        t.set_width(u16::try_from(c).unwrap_or(u16::MAX));
        t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        t.set_truncation_indicator("…");
    }
    t.set_header(vec!["Invoice", "Order", "Status", "Amount"]);
    if cols.is_some() {
        // The status and its countdown matter most; long ids give way first.
        if let Some(col) = t.column_mut(2) {
            col.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
                comfy_table::Width::Fixed(16),
            ));
        }
    }
    for r in rows {
        let mut row = comfy_table::Row::new();
        row.max_height(1);
        for cell in [
            clean(r.id).into_owned(),
            clean(r.last.and_then(Payment::order_id).unwrap_or("")).into_owned(),
            clean(&status_text(r)).into_owned(),
            r.last
                .map(|p| clean(&super::amount_text(p)).into_owned())
                .unwrap_or_default(),
        ] {
            row.add_cell(comfy_table::Cell::new(cell));
        }
        t.add_row(row);
    }
    Screen::new(format!("{t}\n"))
}

/// The live table, redrawn in place while a person watches.
pub struct LiveTable {
    live: Option<Live>,
    out: Output,
}

impl LiveTable {
    pub fn new(out: &Output) -> LiveTable {
        LiveTable {
            live: out.live(),
            out: out.clone(),
        }
    }

    pub fn is_live(&self) -> bool {
        self.live.is_some()
    }

    pub fn draw(&self, rows: &[Row<'_>]) {
        if let Some(l) = &self.live {
            // As wide as the bars draw (two columns short of the terminal), so no line
            // wraps and every redraw clears exactly what it drew.
            let cols = self
                .out
                .stderr_size()
                .map(|(_, c)| c.saturating_sub(2).max(20));
            l.set(&many_table(rows, cols));
        }
    }

    pub fn finish(&mut self) {
        self.live = None;
    }
}
