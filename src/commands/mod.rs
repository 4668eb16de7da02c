//! One module per subcommand. Each `run` returns how the command ended (`Outcome`) or
//! the `Error` that stopped it; none of them writes to the terminal except through
//! `ctx.out`, and none imports another.

mod batch;
mod config;
mod create;
mod decode;
mod docs;
mod doctor;
mod login;
mod mcp;
mod merchant;
mod pos;
mod rates;
mod refund;
mod sandbox;
mod show;
mod watch;
mod watch_many;
mod webhook;

use crate::cli::Command;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::exit::Outcome;

pub async fn dispatch(ctx: &Ctx, command: Command) -> Result<Outcome> {
    match command {
        Command::Create(a) if a.from.is_some() => batch::run(ctx, a).await,
        Command::Create(a) => create::run(ctx, a).await,
        Command::Get(a) => show::get(ctx, &a.invoice_id, a.qr).await,
        Command::GetOrder(a) => show::get_order(ctx, &a.order_id).await,
        Command::Sync(a) => show::sync(ctx, &a.invoice_id).await,
        Command::Watch(a)
            if a.invoice_ids.len() != 1 || !a.order.is_empty() || a.from.is_some() =>
        {
            watch_many::run(ctx, a).await
        }
        Command::Watch(a) => watch::run(ctx, a).await,
        Command::Decode { invoice } => decode::run(ctx, &invoice),
        Command::Refund(a) => refund::run(ctx, a.command).await,
        Command::Webhook(a) => webhook::run(ctx, a.command).await,
        Command::Whoami => merchant::whoami(ctx).await,
        Command::Rates { currency } => rates::run(ctx, currency.as_deref()).await,
        Command::Sandbox(a) => sandbox::run(ctx, a.command).await,
        Command::Login(a) => login::run(ctx, a).await,
        Command::Config(a) => config::run(ctx, a.command),
        Command::Doctor => doctor::run(ctx).await,
        Command::Mcp(a) => mcp::run(ctx, a).await,
        Command::Completions {
            shell,
            static_script,
        } => docs::completions(ctx, shell, static_script),
        Command::Man { command, out } => docs::man(ctx, &command, out.as_deref()),
        Command::Pos(a) => pos::run(ctx, a).await,
    }
}
