//! `le whoami`: the merchant account behind the key, against any API (the hosted one or
//! a sandbox).

use crate::ctx::Ctx;
use crate::error::Result;
use crate::exit::Outcome;
use crate::render::merchant::{account_problem, account_table};

pub async fn whoami(ctx: &Ctx) -> Result<Outcome> {
    let client = ctx.client().await?;
    let me = client.merchant_me().await?;
    if ctx.out.json() {
        ctx.out.json_line(&me)?;
    } else {
        ctx.out.show(&account_table(&me, &ctx.out))?;
    }
    if let Some(problem) = account_problem(&me) {
        ctx.out.warn(&problem);
    }
    Ok(Outcome::Done)
}
