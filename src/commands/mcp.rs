//! `le mcp`: the payment tools over the Model Context Protocol, on stdin and stdout.

use crate::cli::McpArgs;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::mcp::{Options, serve};

pub async fn run(ctx: &Ctx, args: McpArgs) -> Result<Outcome> {
    if ctx.dry_run() {
        return Err(Error::usage(
            "--dry-run and --curl show one command's request; le mcp serves many: leave them out",
        ));
    }
    // stdin carries the protocol: a key read from it would swallow the client's messages.
    if ctx.global.api_key_file.as_deref() == Some("-") {
        return Err(Error::usage(
            "le mcp reads the MCP client's messages on stdin, so the key cannot come from there: use --api-key-file PATH, LIGHTNING_API_KEY or a profile",
        ));
    }
    serve(
        ctx,
        Options {
            read_only: args.read_only,
            allow_refunds: args.allow_refunds,
        },
    )
    .await
}
