//! `le decode`: a BOLT11 invoice, offline, with no key and no network.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::render::tables::decoded_table;

pub fn run(ctx: &Ctx, source: &str) -> Result<Outcome> {
    // The invoice itself, or `-` to read it from stdin.
    let text = if source == "-" {
        crate::input::read_text(source, "the invoice")?
    } else {
        source.to_owned()
    };
    let d = crate::invoice::decode(&text)
        .map_err(|e| Error::usage(format!("this invoice cannot be used: {e}")))?;
    if ctx.out.json() {
        ctx.out.json_line(&d.to_json())?;
    } else {
        ctx.out.show(&decoded_table(&d, &ctx.out))?;
    }
    Ok(Outcome::Done)
}
