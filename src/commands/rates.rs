//! `le rates`: what a bitcoin costs, as the API converts.

use crate::api::Call;
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::money::Currency;
use crate::render::tables::rates_table;

pub async fn run(ctx: &Ctx, currency: Option<&str>) -> Result<Outcome> {
    let currency = match currency {
        Some(c) => {
            let cur: Currency = c
                .parse()
                .map_err(|e: String| Error::usage(format!("{e}, e.g. le rates USD")))?;
            if !cur.is_fiat() {
                return Err(Error::usage(
                    "rates exist for USD, EUR and GBP, e.g. le rates EUR",
                ));
            }
            Some(cur.as_str())
        }
        None => None,
    };
    let client = ctx.client().await?;
    if let Some(plan) = ctx.plan(&client, &Call::rates(currency)) {
        return Ok(plan);
    }
    let v = client.rates(currency).await?;
    if ctx.out.json() {
        ctx.out.json_line(&v)?;
    } else {
        ctx.out.show(&rates_table(&v, &ctx.out))?;
    }
    Ok(Outcome::Done)
}
