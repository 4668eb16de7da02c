//! `le mcp`: le's payment tools for AI assistants, over the Model Context Protocol on
//! stdin and stdout, with the official Rust SDK.
//!
//! The SDK's handler runs on tasks of its own and must be `Send + 'static`; the tools run
//! here, in the command's own task, with the run's `Ctx` (settings, key, the one client,
//! the output) borrowed as every command borrows it. The handler hands each call over a
//! channel and waits for its result. stdout belongs to the protocol: `Output` refuses to
//! write there, and notes and warnings go to stderr, which MCP clients keep as logs.

mod args;
mod png;
mod tools;

use futures_util::stream::{FuturesUnordered, StreamExt};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ProgressNotificationParam, ProgressToken,
    ServerCapabilities, ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, Peer, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Map, Value};
use tokio::sync::{mpsc, oneshot};

use crate::api::Client;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::render::Output;

/// What `le mcp`'s flags allow.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub read_only: bool,
    pub allow_refunds: bool,
}

impl Options {
    fn offers(&self, spec: &tools::Spec) -> bool {
        spec.reads || !self.read_only
    }
}

const INSTRUCTIONS: &str = "Take Bitcoin Lightning payments for a merchant's orders through the Lightning Enable API. \
To take a payment: create_payment (orderId, amount, currency) returns the invoice, checkout URL and QR code to give the customer; \
then wait_for_payment with its invoiceId until the outcome is \"paid\" (fulfil the order) or \"expired\" (offer a new payment); \
\"timedOut\" means call it again. A create_payment that fails with EARLIER_PAYMENT found the order paid before: nothing new was taken. get_payment_by_order tells whether an order was paid. \
Refunds move money: call create_refund only when the merchant has approved it, with confirm: true. \
Errors carry a code (such as SETTLEMENT_NOT_FOUND or INVOICE_MISMATCH) and a message saying what to do.";

/// One tool call, handed from the SDK's task to the command's.
struct Job {
    spec: &'static tools::Spec,
    args: Map<String, Value>,
    progress: Option<(Peer<RoleServer>, ProgressToken)>,
    reply: oneshot::Sender<CallToolResult>,
}

struct Handler {
    jobs: mpsc::UnboundedSender<Job>,
    opts: Options,
    out: Output,
}

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("le", env!("CARGO_PKG_VERSION"))
                    .with_title("le: Lightning Enable payments"),
            )
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(offered(&self.opts)))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, ErrorData> {
        let Some(spec) = tools::spec(&request.name) else {
            return Err(ErrorData::invalid_params(
                format!(
                    "there is no tool named {:?}",
                    crate::text::printable(&request.name)
                ),
                None,
            ));
        };
        if !self.opts.offers(spec) {
            return Ok(refusal(&self.out, &Error::usage(format!(
                "{} changes things, and this le mcp was started with --read-only: it offers only the tools that read",
                spec.name
            )))
            .into());
        }
        let token = context
            .meta
            .get_progress_token()
            .or_else(|| request.meta.as_ref().and_then(|m| m.get_progress_token()));
        let (reply, answer) = oneshot::channel();
        let job = Job {
            spec,
            args: request.arguments.unwrap_or_default(),
            progress: token.map(|t| (context.peer.clone(), t)),
            reply,
        };
        self.jobs
            .send(job)
            .map_err(|_| ErrorData::internal_error("le mcp is stopping", None))?;
        tokio::select! {
            r = answer => r
                .map(Into::into)
                .map_err(|_| ErrorData::internal_error("the tool stopped without an answer", None)),
            _ = context.ct.cancelled() => Err(ErrorData::internal_error("cancelled by the client", None)),
        }
    }
}

/// The tools this server offers, as the client lists them.
fn offered(opts: &Options) -> Vec<Tool> {
    tools::SPECS
        .iter()
        .filter(|s| opts.offers(s))
        .map(|s| {
            let Value::Object(schema) = (s.schema)() else {
                unreachable!("every schema is an object")
            };
            Tool::new(s.name, s.description, schema)
                .with_title(s.title)
                .with_annotations(
                    ToolAnnotations::with_title(s.title)
                        .read_only(s.reads)
                        .destructive(s.destructive)
                        .idempotent(s.idempotent)
                        .open_world(s.name != "decode_invoice"),
                )
        })
        .collect()
}

/// Serves the tools until the client closes the session (or Ctrl-C).
pub async fn serve(ctx: &Ctx, opts: Options) -> Result<Outcome> {
    ctx.out.reserve_stdout();
    // The key is read and the client built before the session starts: a missing key is
    // said once, on stderr, with its exit code, rather than failing every call.
    let client = ctx.client().await?;
    let (jobs, mut incoming) = mpsc::unbounded_channel();
    let (read, write) = rmcp::transport::io::stdio_pipes();
    let running = Handler {
        jobs,
        opts,
        out: ctx.out.clone(),
    }
        .serve((read, write))
        .await
        .map_err(|e| {
            Error::usage(format!(
                "le mcp speaks the Model Context Protocol on stdin and stdout, and no MCP session started ({e}): add `le mcp` to an MCP client's configuration, which starts it"
            ))
        })?;
    ctx.out.note(&format!(
        "le mcp: serving {} tools{}",
        tools::SPECS.iter().filter(|s| opts.offers(s)).count(),
        if opts.read_only { " (read-only)" } else { "" }
    ));
    let ended = running.waiting();
    tokio::pin!(ended);
    let mut calls = FuturesUnordered::new();
    loop {
        tokio::select! {
            job = incoming.recv() => match job {
                Some(job) => calls.push(run(ctx, &client, &opts, job)),
                None => break,
            },
            Some(()) = calls.next(), if !calls.is_empty() => {}
            _ = &mut ended => break,
        }
    }
    Ok(Outcome::Done)
}

/// Runs one call to its result, unless the client gives up on it first.
async fn run(ctx: &Ctx, client: &Client, opts: &Options, job: Job) {
    let Job {
        spec,
        args,
        progress,
        mut reply,
    } = job;
    let (notes, mut queued) = mpsc::unbounded_channel::<ProgressNotificationParam>();
    let mut last = f64::NEG_INFINITY;
    let token = progress.as_ref().map(|(_, t)| t.clone());
    let out = ctx.out.clone();
    // Owns the sender: once the tool is done with it, the forwarding below ends.
    let mut tell = move |done: f64, total: Option<f64>, message: String| {
        let Some(token) = &token else { return };
        // Progress must grow with every notification.
        if done <= last {
            return;
        }
        last = done;
        let mut p = ProgressNotificationParam::new(token.clone(), done)
            .with_message(out.scrub(&message).into_owned());
        if let Some(t) = total {
            p = p.with_total(t);
        }
        let _ = notes.send(p);
    };
    let work = async {
        let r = tools::call(ctx, client, opts, spec, args, &mut tell).await;
        drop(tell);
        r
    };
    let forward = async {
        while let Some(p) = queued.recv().await {
            if let Some((peer, _)) = &progress {
                let _ = peer.notify_progress(p).await;
            }
        }
    };
    let done = tokio::select! {
        (r, ()) = async { tokio::join!(work, forward) } => Some(r),
        _ = reply.closed() => None,
    };
    if let Some(r) = done {
        if let Err(e) = &r {
            ctx.out.warn(&format!("{}: {}", spec.name, e.message()));
        }
        let _ = reply.send(result(&ctx.out, r));
    }
}

/// The result an MCP client sees: the structured object and the same as JSON text, the
/// QR code as an image; an error as the CLI's JSON error with isError. Every string is
/// scrubbed of the key before it is put in.
fn result(out: &Output, r: Result<tools::Reply>) -> CallToolResult {
    match r {
        Ok(mut reply) if reply.refused => {
            out.scrub_value(&mut reply.structured);
            let mut r =
                CallToolResult::error(vec![ContentBlock::text(json_text(&reply.structured))]);
            r.structured_content = Some(reply.structured);
            r
        }
        Ok(mut reply) => {
            out.scrub_value(&mut reply.structured);
            let mut content = vec![ContentBlock::text(json_text(&reply.structured))];
            for png in &reply.images {
                content.push(ContentBlock::image(base64_png(png), "image/png"));
            }
            let mut r = CallToolResult::success(content);
            r.structured_content = Some(reply.structured);
            r
        }
        Err(e) => refusal(out, &e),
    }
}

fn refusal(out: &Output, e: &Error) -> CallToolResult {
    let mut body = e.to_json();
    // A payment whose invoice failed its check is named, but its invoice is not handed
    // to an agent that could pass it on to a customer.
    if let Some(p) = body
        .pointer_mut("/error/details/payment")
        .and_then(Value::as_object_mut)
    {
        p.remove("lightningInvoice");
    }
    out.scrub_value(&mut body);
    let mut r = CallToolResult::error(vec![ContentBlock::text(json_text(&body))]);
    r.structured_content = Some(body);
    r
}

fn json_text(v: &Value) -> String {
    crate::render::to_safe_json(v).unwrap_or_else(|_| v.to_string())
}

fn base64_png(png: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(png)
}
