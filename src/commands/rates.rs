//! `le rates`: what a bitcoin costs, as the API converts.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::money::{RATE_CURRENCIES, rate_currency};
use crate::render::tables::rates_table;

pub async fn run(ctx: &Ctx, currency: Option<&str>) -> Result<Outcome> {
    let currency = match currency {
        Some(c) => Some(rate_currency(c).ok_or_else(|| {
            Error::usage(format!(
                "no rate for '{}': rates exist for {}, e.g. le rates EUR",
                crate::text::printable(c),
                RATE_CURRENCIES.join(", ")
            ))
        })?),
        None => None,
    };
    let client = ctx.client().await?;
    let v = client.rates(currency).await?;
    if ctx.out.json() {
        ctx.out.json_line(&v)?;
    } else {
        ctx.out.show(&rates_table(&v, &ctx.out))?;
    }
    Ok(Outcome::Done)
}
