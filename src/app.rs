//! One run of `le`: the command line parsed, the context made (`ctx.rs`), the command
//! dispatched, Ctrl-C, and what a dry run described shown. Nothing below imports this.

use crate::api::PlannedRequest;
use crate::cli::{Cli, Command, SandboxCommand, WebhookCommand};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::{self, Outcome};
use crate::render::Output;

/// Parses the command line. A parse error is reported here (as JSON when `--json` was
/// asked for) and becomes the exit code.
pub fn parse() -> std::result::Result<Cli, u8> {
    let parsed = crate::cli::command()
        .try_get_matches()
        .and_then(|mut m| <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            let text = e.render().to_string();
            let message = text
                .split("Usage:")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|l| !l.starts_with("For more information"))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let message = message.trim_start_matches("error: ").to_owned();
            let out = Output::detect(true, Some(false));
            out.error(&Error::Usage(message));
            Err(exit::USAGE)
        }
        Err(e) => {
            let _ = e.print();
            Err(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            })
        }
    }
}

/// Runs a parsed command line to its end.
pub fn run(cli: Cli, out: &Output) -> Result<Outcome> {
    // The served sandbox answers many clients at once; everything else is one request at
    // a time and starts faster on a single thread.
    let serving = matches!(
        &cli.command,
        Command::Sandbox(s) if matches!(s.command, SandboxCommand::Serve(_))
    );
    let runtime = if serving {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))?;
    let mcp = matches!(&cli.command, Command::Mcp(_));
    let result = runtime.block_on(run_async(cli, out.clone()));
    if mcp {
        // A terminal's stdin is read on a blocking thread that only returns with a line:
        // after Ctrl-C, do not wait for one.
        runtime.shutdown_background();
    }
    result
}

async fn run_async(cli: Cli, out: Output) -> Result<Outcome> {
    let ctx = Ctx::new(cli.global, out);
    // Servers stop on Ctrl-C as their way of ending, a create or a watch says where the
    // money is, and a batch what it did; everything else stops where it is: each step it takes is safe to repeat, so a rerun
    // of the same command finishes the job.
    let own_signals = matches!(
        &cli.command,
        Command::Watch(_)
            | Command::Sandbox(crate::cli::SandboxArgs {
                command: SandboxCommand::Serve(_)
            })
            | Command::Webhook(crate::cli::WebhookCmdArgs {
                command: WebhookCommand::Listen(_)
            })
    ) || matches!(&cli.command, Command::Create(_));
    let work = crate::commands::dispatch(&ctx, cli.command);
    let result = if own_signals {
        work.await
    } else {
        // Ctrl-C's handler is registered when its future is first polled: poll it first,
        // so it is in place before the command sends anything.
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted(None)),
            r = work => r,
        }
    };
    // A dry run stops at its first request (or, for commands of several independent
    // requests, after describing each): what was described is its output.
    let mut planned = std::mem::take(&mut *ctx.plans.lock().unwrap_or_else(|p| p.into_inner()));
    // A request that is not the API's (`webhook send`'s) is described by its command.
    let result = match result {
        Ok(Outcome::Planned(own)) => {
            planned.extend(own);
            Ok(Outcome::Done)
        }
        other => other,
    };
    match result {
        Ok(_) | Err(Error::NotSent) if ctx.dry_run() && !planned.is_empty() => {
            show_planned(&ctx, &planned)?;
            Ok(Outcome::Planned(planned))
        }
        Err(Error::NotSent) => Err(Error::internal(
            "a request was held back under --dry-run, and none was described",
        )),
        Err(Error::OutputClosed) => Ok(Outcome::Done),
        other => other,
    }
}

/// `--dry-run` / `--curl`: the requests on stdout instead of their answers.
fn show_planned(ctx: &Ctx, plans: &[PlannedRequest]) -> Result<()> {
    use crate::render::request;
    if plans.iter().any(|p| p.embedded) {
        ctx.out.note("note: this is the sandbox inside this le process, gone once it exits; `le sandbox serve` gives one that curl can reach");
    }
    if ctx.global.curl && plans.iter().any(|p| p.sends_key) {
        let source = ctx
            .settings()
            .map(|s| s.key_source.clone())
            .unwrap_or(crate::config::KeySource::None);
        let embedded = plans.iter().all(|p| p.embedded);
        match (&source, source.export_line()) {
            (crate::config::KeySource::Env(_), _) => {}
            _ if embedded => {}
            (_, Some(export)) => ctx.out.warn(&format!(
                "the line reads the key from $LIGHTNING_API_KEY, but this profile's key comes from {}; first run: {export}",
                source.describe()
            )),
            (crate::config::KeySource::None, None) => ctx.out.warn("the line reads the key from $LIGHTNING_API_KEY, which is not set: export LIGHTNING_API_KEY=le_merchant_… first"),
            (_, None) => ctx.out.warn(&format!(
                "the line reads the key from $LIGHTNING_API_KEY, but the key comes from {}: export LIGHTNING_API_KEY=le_merchant_… first",
                source.describe()
            )),
        }
    }
    for p in plans {
        if ctx.global.curl {
            ctx.out.show(&request::curl(p))?;
        } else if ctx.out.json() {
            ctx.out.json_line(&request::json(p))?;
        } else {
            ctx.out.show(&request::text(p))?;
        }
    }
    Ok(())
}
