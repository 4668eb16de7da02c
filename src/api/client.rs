//! The thin HTTP layer. Every request goes through `Client::send`: the key header, the
//! user agent, timeouts, bounded retries with backoff, the idempotency key, the size cap
//! on what is read, and the decoding of errors all live there and nowhere else.

use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::error::ApiError;
use super::types::{NewPayment, NewRefund, Payment, Refund};
use crate::error::{Error, Result};
use crate::secret::SecretString;

/// Everything in a path segment is encoded except RFC 3986's unreserved characters, so an
/// order id like `A/B?#1` stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A response larger than this is refused rather than read into memory.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The longest `Retry-After` we are willing to sleep through inside one command.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub base_url: String,
    pub api_key: Option<SecretString>,
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
    /// Attempts for a request that is safe to repeat (GETs, creates with their key).
    pub max_attempts: u32,
    pub verbose: bool,
    /// Loopback servers we started ourselves: skip proxies from the environment.
    pub direct: bool,
    /// Describe the first request instead of sending it.
    pub dry_run: bool,
    /// Wait out a 429 and try again; off for callers that pace themselves.
    pub retry_rate_limited: bool,
}

impl ClientOptions {
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientOptions {
            base_url: base_url.into(),
            api_key: None,
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_attempts: 4,
            verbose: false,
            direct: false,
            dry_run: false,
            retry_rate_limited: true,
        }
    }
}

pub struct Client {
    http: reqwest::Client,
    opts: ClientOptions,
}

/// A decoded 2xx answer.
#[derive(Debug)]
struct Reply {
    pub body: Value,
    pub attempts: u32,
    recovered: bool,
    rate: Option<RateLimit>,
    /// `X-Idempotency-Replayed: true`: the server answered from its cache.
    pub replayed: bool,
}

/// What `probe` saw.
#[derive(Debug)]
pub struct Probe {
    pub status: u16,
    /// The server's `Date` header.
    pub date: Option<String>,
    pub elapsed: Duration,
    pub error: Option<ApiError>,
}

/// A request described instead of sent (`--dry-run`, `--curl`).
#[derive(Debug, Clone)]
pub struct PlannedRequest {
    pub method: String,
    pub url: String,
    /// Headers as they would be sent, the key redacted.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub sends_key: bool,
    /// Aimed at the sandbox inside this process, which is gone once le exits.
    pub embedded: bool,
}

/// The `X-RateLimit-*` headers of an answer: how many more requests the window allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u32,
    pub remaining: u32,
    /// Unix seconds when the window starts over.
    pub reset: i64,
}

impl RateLimit {
    fn from_headers(h: &HeaderMap) -> Option<RateLimit> {
        let get = |n: &str| h.get(n)?.to_str().ok()?.trim().parse::<i64>().ok();
        Some(RateLimit {
            limit: u32::try_from(get("x-ratelimit-limit")?).ok()?,
            remaining: u32::try_from(get("x-ratelimit-remaining")?.max(0)).ok()?,
            reset: get("x-ratelimit-reset")?,
        })
    }
}

/// The answer to a create.
#[derive(Debug)]
pub struct Created {
    pub payment: Payment,
    /// The server answered from its idempotency cache: this order was created before.
    pub replayed: bool,
    /// How many times it was sent: a replay on a later attempt is the answer to our own
    /// earlier attempt, whose reply was lost.
    pub attempts: u32,
    /// Found by looking the order up after an attempt whose answer was lost.
    pub recovered: bool,
    /// What the server said of its rate limit, if it did.
    pub rate: Option<RateLimit>,
}

struct Request<'a> {
    method: Method,
    segments: &'a [&'a str],
    body: Option<Vec<u8>>,
    idempotency_key: Option<&'a str>,
    /// Whether sending it twice is harmless, and so whether failures are retried.
    repeatable: bool,
    /// For a create: how to find what an earlier attempt may have made.
    recover: Option<&'a NewPayment>,
}

/// What one attempt ended in.
enum Attempt {
    Done(Reply),
    Failed {
        error: Error,
        retry: bool,
        wait: Option<Duration>,
        /// The server may have acted on it even though no answer came back.
        uncertain: bool,
    },
}

/// What looking an order up after a lost answer found.
enum Lookup {
    /// This run's payment: report it.
    Found(Value),
    /// Definitely not made by this run: trying again cannot duplicate it.
    Absent,
    /// No definite answer: trying again might.
    Unknown,
}

/// The error of a create whose outcome is not known, saying so.
fn uncertain_error(new: &NewPayment, error: Error) -> Error {
    let note = format!(
        "order {} may have been created by an attempt whose answer was lost: rerun the same command to find out, it never creates a second payment",
        new.order_id
    );
    match error {
        Error::Unreachable { url, reason } => Error::Unreachable {
            url,
            reason: format!("{reason}; {note}"),
        },
        Error::Api(mut e) => {
            e.message = format!("{}; {note}", e.message);
            Error::Api(e)
        }
        other => other,
    }
}

/// How long before this run's first attempt a payment's `createdAt` may be and still be
/// counted as this run's (clocks differ).
const CLOCK_SLACK_SECS: i64 = 300;

impl Client {
    pub fn new(mut opts: ClientOptions) -> Result<Client> {
        ensure_tls_provider();
        let trimmed = opts.base_url.trim_end_matches('/').to_owned();
        opts.base_url = trimmed;
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("le/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.request_timeout)
            // The API never redirects; following one could carry the key to another host.
            .redirect(reqwest::redirect::Policy::none());
        if opts.direct {
            builder = builder.no_proxy();
        }
        // Plain http (to this machine) never uses TLS, and le follows no redirect to an
        // https URL: an empty trust store skips loading every system certificate, which
        // is most of a short command's time. It fails closed should TLS ever be tried.
        if opts.base_url.starts_with("http://") {
            builder = builder.tls_certs_only(std::iter::empty());
        }
        let http = builder
            .build()
            .map_err(|e| Error::internal(format!("could not set up HTTP: {}", root_cause(&e))))?;
        Ok(Client { http, opts })
    }

    pub fn base_url(&self) -> &str {
        &self.opts.base_url
    }

    pub fn is_dry_run(&self) -> bool {
        self.opts.dry_run
    }

    /// Whether a 429 is waited out here (the default) or handed to the caller at once,
    /// for callers that pace themselves (a batch).
    pub fn retry_rate_limited(&mut self, yes: bool) {
        self.opts.retry_rate_limited = yes;
    }

    pub async fn create_payment(&self, new: &NewPayment, idempotency_key: &str) -> Result<Created> {
        let body = serde_json::to_vec(new).map_err(Error::internal)?;
        let reply = self
            .send(Request {
                method: Method::POST,
                segments: &["api", "payments"],
                body: Some(body),
                idempotency_key: Some(idempotency_key),
                repeatable: true,
                recover: Some(new),
            })
            .await?;
        Ok(Created {
            payment: payment(&reply)?,
            replayed: reply.replayed,
            attempts: reply.attempts,
            recovered: reply.recovered,
            rate: reply.rate,
        })
    }

    pub async fn get_payment(&self, invoice_id: &str) -> Result<Payment> {
        self.read_payment(&["api", "payments", invoice_id]).await
    }

    pub async fn get_payment_by_order(&self, order_id: &str) -> Result<Payment> {
        self.read_payment(&["api", "payments", "order", order_id])
            .await
    }

    /// `POST …/sync` changes nothing but the server's view of the provider, so repeating
    /// it is harmless and it is retried like a read.
    pub async fn sync_payment(&self, invoice_id: &str) -> Result<Payment> {
        let reply = self
            .send(Request {
                method: Method::POST,
                segments: &["api", "payments", invoice_id, "sync"],
                body: None,
                idempotency_key: None,
                repeatable: true,
                recover: None,
            })
            .await?;
        payment(&reply)
    }

    pub async fn create_refund(
        &self,
        new: &NewRefund,
        idempotency_key: &str,
    ) -> Result<(Refund, bool)> {
        let body = serde_json::to_vec(new).map_err(Error::internal)?;
        let reply = self
            .send(Request {
                method: Method::POST,
                segments: &["api", "refunds"],
                body: Some(body),
                idempotency_key: Some(idempotency_key),
                repeatable: true,
                recover: None,
            })
            .await?;
        let refund = refund(&reply.body)?;
        Ok((refund, reply.replayed && reply.attempts == 1))
    }

    pub async fn get_refund(&self, refund_id: &str) -> Result<Refund> {
        refund(&self.get(&["api", "refunds", refund_id]).await?.body)
    }

    /// All refunds, or those of one payment.
    pub async fn list_refunds(&self, invoice_id: Option<&str>) -> Result<Vec<Refund>> {
        let reply = match invoice_id {
            Some(id) => self.get(&["api", "refunds", "invoice", id]).await?,
            None => self.get(&["api", "refunds"]).await?,
        };
        reply
            .body
            .get("refunds")
            .and_then(Value::as_array)
            .ok_or_else(|| bad_shape("a {\"refunds\": […]} list", &reply.body))?
            .iter()
            .map(refund)
            .collect()
    }

    /// `GET /api/rates`, or `/api/rates/{currency}`, as received.
    pub async fn rates(&self, currency: Option<&str>) -> Result<Value> {
        let reply = match currency {
            Some(c) => self.get(&["api", "rates", c]).await?,
            None => self.get(&["api", "rates"]).await?,
        };
        if !reply.body.is_object() {
            return Err(bad_shape("a rates object", &reply.body));
        }
        Ok(reply.body)
    }

    /// One GET with no retries, for `le doctor`: how the server answers, how fast, and
    /// what time it thinks it is.
    pub async fn probe(&self, segments: &[&str], with_key: bool) -> Result<Probe> {
        let url = self.url_for(segments);
        let mut req = self.http.get(&url).header("accept", "application/json");
        if with_key && let Some(k) = &self.opts.api_key {
            let mut v = HeaderValue::from_str(k.expose())
                .map_err(|_| Error::Key("the API key cannot be sent in a header".into()))?;
            v.set_sensitive(true);
            req = req.header("x-api-key", v);
        }
        let started = Instant::now();
        let resp = req.send().await.map_err(|e| Error::Unreachable {
            url: url.clone(),
            reason: if e.is_timeout() {
                self.timeout_reason()
            } else {
                root_cause(&e)
            },
        })?;
        let status = resp.status().as_u16();
        let date = resp
            .headers()
            .get("date")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = resp.bytes().await.unwrap_or_default();
        let error = (status >= 400).then(|| ApiError::decode(status, None, None, None, &body));
        Ok(Probe {
            status,
            date,
            elapsed: started.elapsed(),
            error,
        })
    }

    /// Sandbox control routes (`/sandbox/…`): move a payment along by hand.
    pub async fn sandbox_action(&self, invoice_id: &str, action: &str) -> Result<Payment> {
        let reply = self
            .send(Request {
                method: Method::POST,
                segments: &["sandbox", "payments", invoice_id, action],
                body: None,
                idempotency_key: None,
                repeatable: false,
                recover: None,
            })
            .await?;
        payment(&reply)
    }

    pub async fn sandbox_list(&self) -> Result<Vec<Payment>> {
        let reply = self.get(&["sandbox", "payments"]).await?;
        let items = reply
            .body
            .get("payments")
            .and_then(Value::as_array)
            .ok_or_else(|| bad_shape("a {\"payments\": […]} list", &reply.body))?;
        items
            .iter()
            .map(|v| Payment::from_value(v.clone()).map_err(Error::BadResponse))
            .collect()
    }

    pub async fn sandbox_reset(&self) -> Result<Value> {
        let reply = self
            .send(Request {
                method: Method::POST,
                segments: &["sandbox", "reset"],
                body: None,
                idempotency_key: None,
                repeatable: false,
                recover: None,
            })
            .await?;
        Ok(reply.body)
    }

    pub async fn sandbox_deliveries(&self) -> Result<Vec<Value>> {
        let reply = self.get(&["sandbox", "deliveries"]).await?;
        reply
            .body
            .get("deliveries")
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| bad_shape("a {\"deliveries\": […]} list", &reply.body))
    }

    pub async fn sandbox_webhook(&self) -> Result<Value> {
        Ok(self.get(&["sandbox", "webhook"]).await?.body)
    }

    /// Sets (`Some((url, secret))`) or clears the sandbox state's webhook destination.
    pub async fn sandbox_set_webhook(&self, dest: Option<(&str, &str)>) -> Result<Value> {
        let (method, body) = match dest {
            Some((url, secret)) => (
                Method::PUT,
                Some(
                    serde_json::to_vec(&serde_json::json!({ "url": url, "secret": secret }))
                        .map_err(Error::internal)?,
                ),
            ),
            None => (Method::DELETE, None),
        };
        let reply = self
            .send(Request {
                method,
                segments: &["sandbox", "webhook"],
                body,
                idempotency_key: None,
                repeatable: true,
                recover: None,
            })
            .await?;
        Ok(reply.body)
    }

    async fn read_payment(&self, segments: &[&str]) -> Result<Payment> {
        payment(&self.get(segments).await?)
    }

    async fn get(&self, segments: &[&str]) -> Result<Reply> {
        self.send(Request {
            method: Method::GET,
            segments,
            body: None,
            idempotency_key: None,
            repeatable: true,
            recover: None,
        })
        .await
    }

    pub fn url_for(&self, segments: &[&str]) -> String {
        let mut url = self.opts.base_url.clone();
        for s in segments {
            url.push('/');
            url.extend(utf8_percent_encode(s, SEGMENT));
        }
        url
    }

    /// The one funnel every request goes through.
    async fn send(&self, req: Request<'_>) -> Result<Reply> {
        let url = self.url_for(req.segments);
        if self.opts.dry_run {
            return Err(Error::DryRun(Box::new(self.plan(&req, &url))));
        }
        let attempts = if req.repeatable {
            self.opts.max_attempts.max(1)
        } else {
            1
        };
        let started = jiff::Timestamp::now();
        let mut maybe_done = false;
        let mut attempt = 1;
        loop {
            match self.attempt(&req, &url).await {
                Attempt::Done(mut reply) => {
                    reply.attempts = attempt;
                    return Ok(reply);
                }
                Attempt::Failed {
                    error,
                    retry,
                    wait,
                    uncertain,
                } => {
                    maybe_done |= uncertain;
                    // An answer lost after the write, or a server that refuses the retry
                    // as a duplicate instead of replaying it: look before trying again.
                    let duplicate = matches!(&error, Error::Api(e) if e.code.as_deref() == Some("DUPLICATE_ORDER_ID"));
                    if let Some(new) = req.recover
                        && maybe_done
                        && (uncertain || duplicate)
                    {
                        match self.find_created_patiently(new, started).await {
                            Lookup::Found(found) => {
                                if self.opts.verbose {
                                    eprintln!(
                                        "* found the payment an earlier attempt created; not creating another"
                                    );
                                }
                                return Ok(Reply {
                                    body: found,
                                    replayed: false,
                                    attempts: attempt,
                                    recovered: true,
                                    rate: None,
                                });
                            }
                            Lookup::Absent => {}
                            // Not knowing whether it exists, another POST could make a
                            // second payment on a server that ignores idempotency keys.
                            Lookup::Unknown => {
                                return Err(uncertain_error(new, error));
                            }
                        }
                    }
                    let handed_back = !self.opts.retry_rate_limited
                        && matches!(&error, Error::Api(e) if e.status == 429);
                    let last = handed_back || !(retry && req.repeatable && attempt < attempts);
                    if last {
                        let unsure = matches!(&error, Error::Unreachable { .. })
                            || matches!(&error, Error::Api(e) if e.status >= 500);
                        return Err(match (req.recover, maybe_done && unsure) {
                            (Some(new), true) => uncertain_error(new, error),
                            _ => error,
                        });
                    }
                    let wait = match wait {
                        Some(w) if w > MAX_RETRY_AFTER => return Err(error),
                        Some(w) => w,
                        None => backoff(attempt),
                    };
                    if self.opts.verbose {
                        eprintln!(
                            "* attempt {attempt} of {attempts} failed ({}); retrying in {} ms",
                            error.message(),
                            wait.as_millis()
                        );
                    }
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    /// The request as it would go out, the key redacted.
    fn plan(&self, req: &Request<'_>, url: &str) -> PlannedRequest {
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if let Some(k) = &self.opts.api_key {
            headers.push(("X-API-Key".into(), k.redacted()));
        }
        if req.body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        if let Some(k) = req.idempotency_key {
            headers.push(("X-Idempotency-Key".into(), k.to_owned()));
        }
        PlannedRequest {
            method: req.method.to_string(),
            url: url.to_owned(),
            headers,
            body: req
                .body
                .as_ref()
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            sends_key: self.opts.api_key.is_some(),
            embedded: self.opts.direct
                && self
                    .opts
                    .api_key
                    .as_ref()
                    .is_some_and(|k| k.expose().starts_with("le_sandbox_")),
        }
    }

    /// Looks the order up until the answer is definite, a few times with backoff.
    async fn find_created_patiently(&self, new: &NewPayment, since: jiff::Timestamp) -> Lookup {
        for attempt in 1..=self.opts.max_attempts.max(1) {
            match self.find_created(new, since).await {
                Lookup::Unknown => tokio::time::sleep(backoff(attempt)).await,
                definite => return definite,
            }
        }
        Lookup::Unknown
    }

    /// The payment this run's lost attempt made, if the order has one that matches the
    /// request and is no older than the run. One plain GET: no retries, no recursion.
    async fn find_created(&self, new: &NewPayment, since: jiff::Timestamp) -> Lookup {
        let url = self.url_for(&["api", "payments", "order", &new.order_id]);
        let req = Request {
            method: Method::GET,
            segments: &[],
            body: None,
            idempotency_key: None,
            repeatable: false,
            recover: None,
        };
        let reply = match self.attempt(&req, &url).await {
            Attempt::Done(reply) => reply,
            Attempt::Failed {
                error: Error::Api(e),
                ..
            } if e.status == 404 => return Lookup::Absent,
            Attempt::Failed { .. } => return Lookup::Unknown,
        };
        let Ok(p) = Payment::from_value(reply.body.clone()) else {
            return Lookup::Unknown;
        };
        let same_amount = p
            .amount_text()
            .and_then(|a| a.parse::<rust_decimal::Decimal>().ok())
            .is_some_and(|a| a == new.amount);
        let same_currency = p
            .currency()
            .is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str()));
        let recent = p
            .created_at()
            .is_some_and(|c| c.as_second() >= since.as_second() - CLOCK_SLACK_SECS);
        if p.order_id() == Some(new.order_id.as_str()) && same_amount && same_currency && recent {
            Lookup::Found(reply.body)
        } else {
            // The order's payment is an older one, or another request's: not ours.
            Lookup::Absent
        }
    }

    async fn attempt(&self, req: &Request<'_>, url: &str) -> Attempt {
        let mut headers = HeaderMap::new();
        headers.insert("accept", HeaderValue::from_static("application/json"));
        if let Some(key) = &self.opts.api_key {
            match HeaderValue::from_str(key.expose()) {
                Ok(mut v) => {
                    v.set_sensitive(true);
                    headers.insert("x-api-key", v);
                }
                Err(_) => {
                    return Attempt::Failed {
                        error: Error::Key(
                            "the API key contains characters that cannot be sent in a header (a stray newline or control character?)".into(),
                        ),
                        retry: false,
                        wait: None,
                        uncertain: false,
                    };
                }
            }
        }
        if let Some(k) = req.idempotency_key {
            match HeaderValue::from_str(k) {
                Ok(v) => {
                    headers.insert("x-idempotency-key", v);
                }
                Err(_) => {
                    return Attempt::Failed {
                        error: Error::usage("--idempotency-key must be printable ASCII"),
                        retry: false,
                        wait: None,
                        uncertain: false,
                    };
                }
            }
        }
        let mut builder = self.http.request(req.method.clone(), url);
        if let Some(body) = &req.body {
            headers.insert("content-type", HeaderValue::from_static("application/json"));
            builder = builder.body(body.clone());
        }
        if self.opts.verbose {
            eprintln!("> {} {url}", req.method);
            for (name, value) in &headers {
                let shown = if name == "x-api-key" {
                    self.opts
                        .api_key
                        .as_ref()
                        .map(SecretString::redacted)
                        .unwrap_or_default()
                } else {
                    value.to_str().unwrap_or("?").to_owned()
                };
                eprintln!("> {name}: {shown}");
            }
        }
        let started = Instant::now();
        // reqwest's own timeout covers the body too; this outer one is the guarantee that
        // a server trickling bytes cannot hold us past the limit.
        let outcome = tokio::time::timeout(
            self.opts.request_timeout + Duration::from_millis(250),
            self.exchange(builder.headers(headers)),
        )
        .await;
        let (status, resp_headers, body) = match outcome {
            Ok(Ok(parts)) => parts,
            Ok(Err(e)) => return self.transport_failure(e, url),
            Err(_) => {
                return Attempt::Failed {
                    error: Error::Unreachable {
                        url: url.to_owned(),
                        reason: self.timeout_reason(),
                    },
                    retry: true,
                    wait: None,
                    uncertain: true,
                };
            }
        };
        let header = |name: &str| resp_headers.get(name).and_then(|v| v.to_str().ok());
        if self.opts.verbose {
            eprintln!(
                "< {} ({} ms, {} bytes)",
                status,
                started.elapsed().as_millis(),
                body.len()
            );
            if let Some(id) = header("x-correlation-id") {
                eprintln!("< x-correlation-id: {id}");
            }
        }
        if status.is_success() {
            let replayed =
                header("x-idempotency-replayed").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            return match serde_json::from_slice::<Value>(&body) {
                Ok(body) => Attempt::Done(Reply {
                    body,
                    replayed,
                    attempts: 0,
                    recovered: false,
                    rate: RateLimit::from_headers(&resp_headers),
                }),
                Err(e) => Attempt::Failed {
                    error: Error::BadResponse(self.scrub(format!(
                        "the server answered {status} but its body is not JSON ({e}){}",
                        snippet(&body)
                    ))),
                    retry: false,
                    wait: None,
                    uncertain: false,
                },
            };
        }
        if status.is_redirection() {
            let to = header("location").unwrap_or("nowhere");
            return Attempt::Failed {
                error: Error::BadResponse(format!(
                    "the server answered {status}, redirecting to {}; le does not follow redirects (the key would go along): check --base-url",
                    crate::money::printable(to)
                )),
                retry: false,
                wait: None,
                uncertain: false,
            };
        }
        let retry_after = header("retry-after").and_then(parse_retry_after);
        let mut error = ApiError::decode(
            status.as_u16(),
            header("x-correlation-id"),
            retry_after,
            header("content-type"),
            &body,
        );
        // A server that echoes the request back must not make le print the key.
        if let Some(key) = &self.opts.api_key {
            error.message = error.message.replace(key.expose(), &key.redacted());
            if let Some(d) = &error.details {
                let text = d.to_string();
                if text.contains(key.expose()) {
                    error.details =
                        serde_json::from_str(&text.replace(key.expose(), &key.redacted())).ok();
                }
            }
        }
        let retry = matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS
                | StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        );
        Attempt::Failed {
            error: error.into(),
            retry,
            wait: retry_after,
            uncertain: status.is_server_error(),
        }
    }

    async fn exchange(
        &self,
        builder: reqwest::RequestBuilder,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), reqwest::Error> {
        let mut resp = builder.send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await? {
            if body.len() + chunk.len() > MAX_BODY {
                // Keep what fits: it is enough to show what the server was saying.
                body.extend_from_slice(&chunk[..MAX_BODY - body.len()]);
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body))
    }

    fn transport_failure(&self, e: reqwest::Error, url: &str) -> Attempt {
        let reason = if e.is_timeout() {
            self.timeout_reason()
        } else if e.is_connect() {
            format!("could not connect ({})", root_cause(&e))
        } else {
            format!(
                "the connection failed before the answer was complete ({})",
                root_cause(&e)
            )
        };
        // A refused connection means nothing was sent; anything later may have been acted on.
        Attempt::Failed {
            error: Error::Unreachable {
                url: url.to_owned(),
                reason,
            },
            retry: true,
            wait: None,
            uncertain: !e.is_connect(),
        }
    }

    /// The text with the key, should a server have echoed it, redacted.
    fn scrub(&self, text: String) -> String {
        match &self.opts.api_key {
            Some(k) if text.contains(k.expose()) => text.replace(k.expose(), &k.redacted()),
            _ => text,
        }
    }

    fn timeout_reason(&self) -> String {
        format!(
            "no complete answer within {} s (--request-timeout)",
            self.opts.request_timeout.as_secs_f64()
        )
    }
}

/// reqwest panics when it builds a client without a TLS provider installed. Every place
/// that builds one calls this first; after the first call it does nothing.
pub fn ensure_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn payment(reply: &Reply) -> Result<Payment> {
    Payment::from_value(reply.body.clone())
        .map_err(|e| Error::BadResponse(format!("the server's answer is not a payment: {e}")))
}

fn refund(v: &Value) -> Result<Refund> {
    Refund::from_value(v.clone())
        .map_err(|e| Error::BadResponse(format!("the server's answer is not a refund: {e}")))
}

fn bad_shape(expected: &str, got: &Value) -> Error {
    Error::BadResponse(format!(
        "expected {expected} from the server, got {}",
        super::types::kind(got)
    ))
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", crate::money::printable(text))
    }
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s, … capped at 8 s, each drawn
/// between half and all of that so that many clients do not retry in step.
fn backoff(attempt: u32) -> Duration {
    let full = 250u64
        .saturating_mul(1 << attempt.min(5).saturating_sub(1))
        .min(8_000);
    let half = full / 2;
    Duration::from_millis(half + crate::rand::u64() % (half + 1))
}

/// `Retry-After` is either seconds or an HTTP date.
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let secs = (when - jiff::Timestamp::now()).get_seconds().max(0);
    Some(Duration::from_secs(secs as u64))
}

/// The innermost cause, which is what says what happened ("Connection refused").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        let c = Client::new(ClientOptions::new("http://h:1/")).unwrap();
        assert_eq!(
            c.url_for(&["api", "payments", "order", "A/B?#1"]),
            "http://h:1/api/payments/order/A%2FB%3F%231"
        );
        assert_eq!(c.url_for(&["x", "é ü"]), "http://h:1/x/%C3%A9%20%C3%BC");
    }

    #[test]
    fn backoff_is_bounded() {
        for a in 1..20 {
            let d = backoff(a);
            assert!(d <= Duration::from_secs(8), "{a}: {d:?}");
            assert!(d >= Duration::from_millis(125));
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
