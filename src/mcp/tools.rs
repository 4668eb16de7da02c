//! The tools: what each takes (its input schema), what it tells an agent, and what it
//! does, through the same checks, client and invoice policy as the commands.

use std::time::Duration;

use serde_json::{Map, Value, json};

use super::Options;
use super::args::Args;
use crate::api::{Client, Identity, Payment};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::follow::{End, Follow, MIN_INTERVAL, Tick, check_interval, follow_telling};
use crate::input::check_id;
use crate::input::rows::Row;
use crate::money::Currency;
use crate::refunding::RefundInput;
use crate::verdict::{Asked, Verdict, judge};

/// How long `wait_for_payment` waits when the call does not say.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// One tool as offered.
pub struct Spec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Reads only: offered under `--read-only`.
    pub reads: bool,
    /// Calling it again with the same arguments changes nothing more.
    pub idempotent: bool,
    /// It may do what cannot be undone (send money back): a client should ask first.
    pub destructive: bool,
    pub schema: fn() -> Value,
}

impl Spec {
    /// The argument names the schema lists.
    pub fn accepted(&self) -> Vec<String> {
        (self.schema)()["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
}

fn object(properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn invoice_id() -> Value {
    json!({ "type": "string", "description": "Lightning Enable invoice id of the payment (inv_…), as create_payment returned it" })
}

fn amount(what: &str) -> Value {
    json!({
        "anyOf": [{ "type": "string" }, { "type": "number" }],
        "description": format!("{what}, as a decimal string such as \"49.99\" (preferred) or a number; USD, EUR and GBP take at most 2 decimals, BTC 8, sats none"),
    })
}

fn currency(what: &str) -> Value {
    json!({ "type": "string", "description": format!("{what}: USD, EUR, GBP, BTC or sats (any case)") })
}

pub const SPECS: &[Spec] = &[
    Spec {
        name: "create_payment",
        title: "Create a payment",
        description: "Create a Lightning payment for one of the merchant's orders and return it: the BOLT11 invoice (lightningInvoice) the customer pays, the hosted checkout URL when there is one, the expiry (expiresAt), and the invoice's QR code as an image to show the customer. The invoice has been checked against the payment's amount, network and expiry before it is returned. Safe to retry: the same arguments return the same payment rather than a second one (for a new payment for the same order, pass a new idempotencyKey). If the order was already paid by an earlier payment for the same amount, nothing new is taken and the call fails with code EARLIER_PAYMENT: do not ask the customer to pay again. If the order already has a payment for another amount or currency, it fails with ORDER_CONFLICT; an earlier payment that expired fails with PAYMENT_EXPIRED (its hint says how to take a new one), one that was underpaid with UNDERPAID. Otherwise call wait_for_payment with the invoiceId.",
        reads: false,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({
                    "orderId": { "type": "string", "description": "The merchant's order id this payment is for" },
                    "amount": amount("Amount to charge in currency"),
                    "currency": currency("Currency of amount"),
                    "description": { "type": "string", "description": "Shown to the payer in their wallet" },
                    "customerEmail": { "type": "string", "description": "The customer's email address" },
                    "customerName": { "type": "string", "description": "The customer's name" },
                    "successUrl": { "type": "string", "description": "Where hosted checkout sends the payer after paying (http or https)" },
                    "cancelUrl": { "type": "string", "description": "Where hosted checkout sends the payer on cancel (http or https)" },
                    "metadata": {
                        "type": "object",
                        "description": "Extra data kept with the payment, as key/value strings",
                        "additionalProperties": {
                            "anyOf": [{ "type": "string" }, { "type": "number" }, { "type": "boolean" }],
                        },
                    },
                    "idempotencyKey": { "type": "string", "description": "Leave out to derive one from the request, so a retry returns the same payment; give a new one to make a second payment for the same order" },
                }),
                &["orderId", "amount", "currency"],
            )
        },
    },
    Spec {
        name: "get_payment",
        title: "Get a payment",
        description: "Look up a payment by its invoiceId and return it with its status: unpaid (waiting for the customer), processing (seen, confirming), paid (fulfil the order), expired (never paid; create a new payment) or refunded.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || object(json!({ "invoiceId": invoice_id() }), &["invoiceId"]),
    },
    Spec {
        name: "get_payment_by_order",
        title: "Get an order's payment",
        description: "Look up the newest payment of one of the merchant's order ids, to find out whether an order was paid.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({ "orderId": { "type": "string", "description": "The merchant's order id" } }),
                &["orderId"],
            )
        },
    },
    Spec {
        name: "sync_payment",
        title: "Refresh a payment",
        description: "Ask the API to refresh a payment's status from the Lightning provider (for example when a customer says they paid and the status has not moved), and return the refreshed payment.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || object(json!({ "invoiceId": invoice_id() }), &["invoiceId"]),
    },
    Spec {
        name: "wait_for_payment",
        title: "Wait for a payment",
        description: "Wait until a payment is paid or expires, polling every few seconds, for at most timeout (never longer). Returns outcome: \"paid\" (fulfil the order), \"expired\" (create a new payment if the customer still wants to pay), \"underpaid\" (less than the amount arrived: the order is not paid; settle it with the customer), \"refunded\", or \"timedOut\" (still waiting; call again to keep waiting; if the API never answered at all, the call fails with UNREACHABLE instead), with the payment as last seen. Sends progress notifications while it waits when the call asks for them.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({
                    "invoiceId": invoice_id(),
                    "timeout": {
                        "anyOf": [{ "type": "string" }, { "type": "number" }],
                        "description": "Longest wait, such as \"30s\", \"2m\" or a number of seconds; default 30s. Keep it under your client's request timeout.",
                    },
                    "interval": {
                        "anyOf": [{ "type": "string" }, { "type": "number" }],
                        "description": "Time between polls, at least \"3s\" (the API's limit); default 3s",
                    },
                }),
                &["invoiceId"],
            )
        },
    },
    Spec {
        name: "create_refund",
        title: "Refund a payment",
        description: "Send money back to the customer for a paid payment, to the customer's own Lightning invoice or Bitcoin address. This moves money: only call it when the merchant has approved this refund, and pass confirm: true to say so (unless le mcp was started with --allow-refunds). The refund is checked first: the currency must be the payment's, and a Lightning invoice must be on the payment's network, unexpired, and for the refund's worth. Safe to retry: the same arguments return the same refund.",
        reads: false,
        idempotent: true,
        destructive: true,
        schema: || {
            object(
                json!({
                    "invoiceId": invoice_id(),
                    "amount": amount("Amount to refund, in the payment's currency"),
                    "currency": currency("The payment's currency"),
                    "lightningInvoice": { "type": "string", "description": "The customer's BOLT11 invoice to pay the refund to (give this or bitcoinAddress)" },
                    "bitcoinAddress": { "type": "string", "description": "The customer's on-chain address to pay the refund to (give this or lightningInvoice)" },
                    "reason": { "type": "string", "description": "Why, for the merchant's records" },
                    "idempotencyKey": { "type": "string", "description": "Leave out to derive one from the request" },
                    "confirm": { "type": "boolean", "description": "true: the merchant approved this refund" },
                }),
                &["invoiceId", "amount", "currency"],
            )
        },
    },
    Spec {
        name: "get_refund",
        title: "Get a refund",
        description: "Look up a refund by its refundId and return it with its status (pending, completed or failed).",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({ "refundId": { "type": "string", "description": "The refund's id (ref_…)" } }),
                &["refundId"],
            )
        },
    },
    Spec {
        name: "list_refunds",
        title: "List refunds",
        description: "List refunds, newest first: all of them, or those of one payment.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({ "invoiceId": { "type": "string", "description": "Only the refunds of this payment (inv_…)" } }),
                &[],
            )
        },
    },
    Spec {
        name: "get_rates",
        title: "Exchange rates",
        description: "The price of 1 BTC in USD, EUR and GBP as the API converts amounts, or in one of them.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({ "currency": { "type": "string", "description": "USD, EUR or GBP; all when left out" } }),
                &[],
            )
        },
    },
    Spec {
        name: "decode_invoice",
        title: "Decode an invoice",
        description: "Decode a BOLT11 Lightning invoice offline and check its signature: network, amount, payee, description, creation and expiry times. Use it on an invoice a customer sends for a refund.",
        reads: true,
        idempotent: true,
        destructive: false,
        schema: || {
            object(
                json!({ "invoice": { "type": "string", "description": "The BOLT11 invoice, with or without lightning:" } }),
                &["invoice"],
            )
        },
    },
];

pub fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// What a tool found, before it is checked for secrets and sent.
pub struct Reply {
    pub structured: Value,
    /// PNG images to show (the QR code).
    pub images: Vec<Vec<u8>>,
    /// A result that is a refusal (`isError`), as the CLI's JSON error: the tool did its
    /// work and found it must not go on (an order paid before).
    pub refused: bool,
}

impl Reply {
    fn new(structured: Value) -> Reply {
        Reply {
            structured,
            images: Vec::new(),
            refused: false,
        }
    }
}

/// Tells the MCP client how a wait is going.
pub type ProgressFn<'a> = &'a mut dyn FnMut(f64, Option<f64>, String);

pub async fn call(
    ctx: &Ctx,
    client: &Client,
    opts: &Options,
    spec: &'static Spec,
    args: Map<String, Value>,
    progress: ProgressFn<'_>,
) -> Result<Reply> {
    let mut a = Args::new(spec.name, spec.accepted(), args);
    match spec.name {
        "create_payment" => create_payment(ctx, client, a).await,
        "get_payment" => {
            let id = a.required_text("invoiceId", "inv_abc123")?;
            a.done()?;
            check_id("invoiceId", "\"invoiceId\": \"inv_abc123\"", &id)?;
            payment_reply(ctx, client, client.get_payment(&id).await?)
        }
        "get_payment_by_order" => {
            let id = a.required_text("orderId", "ORDER-1")?;
            a.done()?;
            check_id("orderId", "\"orderId\": \"ORDER-1\"", &id)?;
            payment_reply(ctx, client, client.get_payment_by_order(&id).await?)
        }
        "sync_payment" => {
            let id = a.required_text("invoiceId", "inv_abc123")?;
            a.done()?;
            check_id("invoiceId", "\"invoiceId\": \"inv_abc123\"", &id)?;
            payment_reply(ctx, client, client.sync_payment(&id).await?)
        }
        "wait_for_payment" => wait(ctx, client, a, progress).await,
        "create_refund" => create_refund(ctx, client, opts, a).await,
        "get_refund" => {
            let id = a.required_text("refundId", "ref_abc123")?;
            a.done()?;
            check_id("refundId", "\"refundId\": \"ref_abc123\"", &id)?;
            let r = client.get_refund(&id).await?;
            Ok(Reply::new(json!({ "refund": r.raw() })))
        }
        "list_refunds" => {
            let id = a.text("invoiceId")?;
            a.done()?;
            if let Some(id) = &id {
                check_id("invoiceId", "\"invoiceId\": \"inv_abc123\"", id)?;
            }
            let items = client.list_refunds(id.as_deref()).await?;
            let refunds: Vec<_> = items
                .iter()
                .map(|r| Value::Object(r.raw().clone()))
                .collect();
            Ok(Reply::new(json!({ "refunds": refunds })))
        }
        "get_rates" => {
            let currency = a.text("currency")?;
            a.done()?;
            let currency = match currency {
                Some(c) => {
                    let cur: Currency = c.parse().map_err(|e: String| {
                        Error::usage(format!("{e}, e.g. \"currency\": \"USD\""))
                    })?;
                    if !cur.is_fiat() {
                        return Err(Error::usage(
                            "rates exist for USD, EUR and GBP, e.g. \"currency\": \"EUR\"",
                        ));
                    }
                    Some(cur.as_str())
                }
                None => None,
            };
            let v = client.rates(currency).await?;
            Ok(Reply::new(json!({ "rates": v })))
        }
        "decode_invoice" => {
            let text = a.required_text("invoice", "lnbc…")?;
            a.done()?;
            let d = crate::invoice::decode(&text)
                .map_err(|e| Error::usage(format!("this invoice cannot be used: {e}")))?;
            Ok(Reply::new(json!({ "invoice": d.to_json() })))
        }
        other => Err(Error::internal(format!("no tool named {other}"))),
    }
}

/// A payment, checked before anything of it is handed over: an invoice a customer could
/// still pay that disagrees with the payment is an error, never a result.
fn payment_reply(ctx: &Ctx, client: &Client, p: Payment) -> Result<Reply> {
    ctx.check_payment(client, &p)?;
    Ok(Reply::new(json!({ "payment": p.raw() })))
}

async fn create_payment(ctx: &Ctx, client: &Client, mut a: Args) -> Result<Reply> {
    let order = a.required_text("orderId", "ORDER-1")?;
    let (amount, currency) = a.money()?;
    let row = Row {
        order,
        amount,
        currency,
        description: a.text("description")?,
        customer_email: a.text("customerEmail")?,
        customer_name: a.text("customerName")?,
        success_url: a.text("successUrl")?,
        cancel_url: a.text("cancelUrl")?,
        metadata: a.metadata("metadata")?,
        idempotency_key: a.text("idempotencyKey")?,
    };
    a.done()?;
    let (new, key) = row.prepare()?;
    let created = client.create_payment(&new, &key).await?;
    let p = &created.payment;
    // A payment made by this call cannot be paid yet, whatever the server says of it.
    if created.earlier {
        ctx.check_payment(client, p)?;
    } else {
        ctx.check_new_payment(client, p)?;
    }
    let asked = Asked::Create {
        new: &new,
        earlier: created.earlier,
    };
    let verdict = judge(p, asked);
    // Nothing to sell (settled before, another amount, expired, underpaid, a status le
    // does not know): as the CLI's exit code, a refusal an agent cannot take for a sale
    // to wait on, with the payment it found and never its invoice.
    if verdict.exit_code() != 0 {
        let mut details = verdict.to_json(p, asked);
        // The hint at the top speaks tools; the verdict's own names a command.
        if let Some(d) = details.as_object_mut() {
            d.remove("hint");
        }
        details["payment"] = Value::Object(p.without_means_of_payment().into_raw());
        let hint = match &verdict {
            Verdict::SettledBefore => {
                "do not ask the customer to pay again; a new sale needs a new orderId".to_owned()
            }
            Verdict::Conflict => "nothing was taken: a new sale needs a new orderId; get_payment_by_order shows the order's payment".to_owned(),
            Verdict::Expired { .. } => {
                let fresh = crate::input::rows::fresh_idempotency_key(&new.order_id);
                details["newIdempotencyKey"] = fresh.clone().into();
                format!(
                    "to take a new payment for order {}, call create_payment again with idempotencyKey \"{fresh}\"",
                    new.order_id,
                )
            }
            Verdict::Underpaid => "look at it with get_payment and settle the difference with the customer; a new payment for the order needs a new orderId".to_owned(),
            _ => "look at it with get_payment before doing anything else".to_owned(),
        };
        return Ok(Reply {
            refused: true,
            ..Reply::new(json!({ "error": {
                "code": verdict.code(),
                "message": verdict.words(p, asked),
                "hint": hint,
                "details": details,
            }}))
        });
    }
    let mut body = json!({
        "payment": p.raw(),
        "idempotencyKey": key,
        "earlier": created.earlier,
    });
    if verdict == (Verdict::Payable { again: true }) {
        body["note"] = json!(format!(
            "order {} already had this payment, still unpaid: no new payment was made; give the customer this invoice",
            new.order_id
        ));
    }
    let mut reply = Reply::new(body);
    if verdict.offers_invoice()
        && let Some(inv) = p.lightning_invoice()
    {
        match super::png::qr_png(inv) {
            Ok(png) => reply.images.push(png),
            Err(e) => ctx.out.warn(&e),
        }
    }
    Ok(reply)
}

async fn wait(ctx: &Ctx, client: &Client, mut a: Args, progress: ProgressFn<'_>) -> Result<Reply> {
    let id = a.required_text("invoiceId", "inv_abc123")?;
    let timeout = a.duration("timeout")?.unwrap_or(DEFAULT_WAIT);
    let interval = a.duration("interval")?.unwrap_or(MIN_INTERVAL);
    a.done()?;
    check_id("invoiceId", "\"invoiceId\": \"inv_abc123\"", &id)?;
    check_interval(interval).map_err(|_| {
        Error::usage(format!(
            "wait_for_payment: interval {interval:?} is too short: the API asks clients to poll no more than once every 3s"
        ))
    })?;
    if timeout.is_zero() {
        return Err(Error::usage(
            "wait_for_payment: timeout must be more than 0s, e.g. \"timeout\": \"30s\"",
        ));
    }
    let total = timeout.as_secs_f64();
    let mut listener = |t: Tick<'_>| {
        let what = match (t.trouble, t.last) {
            (Some(why), _) => format!("{id}: the API did not answer ({why}); still trying"),
            (None, Some(p)) => {
                let left = match p.expires_at() {
                    Some(e) if !p.status().is_final() => {
                        let secs = (e - jiff::Timestamp::now()).get_seconds().max(0);
                        format!(
                            ", expires in {}",
                            crate::render::time::human_span(secs as u64)
                        )
                    }
                    _ => String::new(),
                };
                format!("{id}: {}{left}", p.status())
            }
            (None, None) => format!("{id}: waiting for the first answer"),
        };
        progress(t.elapsed.as_secs_f64().min(total), Some(total), what);
    };
    let followed = follow_telling(
        ctx,
        client,
        &Identity::invoice(&id),
        Follow {
            interval,
            timeout: Some(timeout),
            // le mcp goes on serving after a wait: it must stay stoppable.
            stop_on_terminate: false,
        },
        &mut listener,
    )
    .await?;
    let last = followed.last;
    if let Some(p) = &last {
        ctx.check_payment(client, p)?;
    }
    // Not one answer in all that time: "still waiting" would send an agent round again
    // for ever, when the API is what is wrong.
    if last.is_none() && followed.end == End::TimedOut {
        return Err(Error::Unreachable {
            url: client.base_url().to_owned(),
            reason: format!(
                "no answer about {} within {}",
                crate::text::printable(&id),
                crate::render::time::human_span(timeout.as_secs())
            ),
        });
    }
    let outcome = match &followed.end {
        End::Settled(v) => v.outcome_word(),
        End::TimedOut => "timedOut",
        End::Interrupted => return Err(Error::Interrupted(None)),
    };
    // Once it can no longer be paid, the payment comes without any way to pay it.
    let payment = last.as_ref().map(|p| {
        if judge(p, Asked::Paid).offers_invoice() {
            Value::Object(p.raw().clone())
        } else {
            Value::Object(p.without_means_of_payment().into_raw())
        }
    });
    Ok(Reply::new(json!({
        "outcome": outcome,
        "payment": payment,
    })))
}

async fn create_refund(ctx: &Ctx, client: &Client, opts: &Options, mut a: Args) -> Result<Reply> {
    let invoice = a.required_text("invoiceId", "inv_abc123")?;
    let (amount, currency) = a.money()?;
    let input = RefundInput {
        invoice,
        amount,
        currency,
        lightning_invoice: a.text("lightningInvoice")?,
        bitcoin_address: a.text("bitcoinAddress")?,
        reason: a.text("reason")?,
        idempotency_key: a.text("idempotencyKey")?,
    };
    let confirmed = a.flag("confirm")?;
    a.done()?;
    let prepared = input.prepare()?;
    if !confirmed && !opts.allow_refunds {
        return Err(Error::usage(
            "create_refund sends money back to the customer: call it again with \"confirm\": true once the merchant has approved this refund (or start le mcp with --allow-refunds); nothing was sent",
        ));
    }
    prepared.check_against_payment(ctx, client).await?;
    let created = client.create_refund(&prepared.new, &prepared.key).await?;
    Ok(Reply::new(json!({
        "refund": created.refund.raw(),
        "earlier": created.earlier,
    })))
}
