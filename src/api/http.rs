//! The funnel every request goes through: the key header, timeouts, the size cap on what
//! is read, retries with backoff (within a time budget for creates), `Retry-After`, the
//! decoding of errors, and the recovery of creates whose answer was lost. Nothing here
//! writes to the terminal: what a person should hear of goes to the `Observer`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::error::ApiError;
use super::plan::{PlanSink, PlannedRequest};
use super::recover::{Lookup, Recover};
use crate::error::{Error, Result};
use crate::invoice::Network;
use crate::net::{self, NetOptions, root_cause};
use crate::secret::{Redactor, SecretString};

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
/// The header a served sandbox names its invoices' network in.
pub const NETWORK_HEADER: &str = "x-sandbox-network";

/// What the person running `le` may want to hear of while requests go out.
pub trait Observer: Send + Sync {
    /// A request is about to go out (headers with the key redacted).
    fn sending(&self, _method: &str, _url: &str, _headers: &[(String, String)]) {}
    /// An answer came back.
    fn answered(
        &self,
        _status: u16,
        _elapsed: Duration,
        _bytes: usize,
        _correlation: Option<&str>,
    ) {
    }
    /// An attempt failed and another follows after `wait`.
    fn retrying(&self, _attempt: u32, _reason: &str, _wait: Duration) {}
    /// A wait of more than a second that is not a plain retry: the rate limit.
    fn waiting(&self, _wait: Duration, _why: &str) {}
    /// An earlier attempt's lost answer was found by looking.
    fn recovered(&self, _what: &str) {}
}

/// An observer that hears nothing.
pub struct Silent;
impl Observer for Silent {}

#[derive(Clone)]
pub struct ClientOptions {
    pub base_url: String,
    pub api_key: Option<SecretString>,
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
    /// Attempts for a read.
    pub read_attempts: u32,
    /// How long a create (or refund) keeps trying, retries and look-ups included.
    pub create_budget: Duration,
    /// Loopback servers: skip proxies from the environment.
    pub direct: bool,
    /// `--dry-run` / `--curl`: each request is described here instead of being sent, and
    /// the command stops at it (`Error::NotSent`).
    pub plans: Option<PlanSink>,
    /// Wait out a 429 and try again; off for callers that pace themselves.
    pub retry_rate_limited: bool,
    /// The sandbox inside this process, gone once `le` exits.
    pub embedded: bool,
    /// Certificates trusted for https besides the system's (`--cacert`).
    pub extra_roots: Vec<crate::net::Root>,
    pub observer: Arc<dyn Observer>,
}

impl ClientOptions {
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientOptions {
            base_url: base_url.into(),
            api_key: None,
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            read_attempts: 4,
            create_budget: Duration::from_secs(30),
            direct: false,
            plans: None,
            retry_rate_limited: true,
            embedded: false,
            extra_roots: Vec::new(),
            observer: Arc::new(Silent),
        }
    }
}

pub struct Client {
    http: reqwest::Client,
    pub(super) opts: ClientOptions,
    /// Takes the key out of whatever the server echoes back.
    redactor: Redactor,
    /// The network a served sandbox said its invoices are for.
    announced: Mutex<Option<Network>>,
}

/// How a request may be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Once only.
    Never,
    /// A read: a few attempts on transient failures.
    Read,
    /// A create carrying its idempotency key: retried on every failure that may pass,
    /// 500 included, within the create budget, looking before each retry when unsure.
    Create,
}

/// A request to make. Endpoints (`endpoints.rs`) are the only makers of calls.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub method: Method,
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
    pub idempotency_key: Option<String>,
    pub retry: Retry,
    pub with_key: bool,
}

impl Call {
    pub fn new(method: Method, segments: &[&str]) -> Call {
        Call {
            method,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            idempotency_key: None,
            retry: Retry::Never,
            with_key: true,
        }
    }

    pub fn get(segments: &[&str]) -> Call {
        Call {
            retry: Retry::Read,
            ..Call::new(Method::GET, segments)
        }
    }
}

/// What a rate-limited API said of its window, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateInfo {
    /// The answer carried `X-RateLimit-*` headers.
    Headers(RateLimit),
    /// The server answered without them.
    Absent,
    /// No direct answer to read them from (a create recovered by a look-up).
    Unknown,
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

/// A decoded 2xx answer.
#[derive(Debug)]
pub(super) struct Reply {
    pub body: Value,
    pub attempts: u32,
    pub recovered: bool,
    pub rate: RateInfo,
    /// `X-Idempotency-Replayed: true`: the server answered from its cache.
    pub replayed: bool,
    /// The server's clock when it answered (its `Date` header).
    pub date: Option<jiff::Timestamp>,
}

/// One exchange as it went over the wire.
pub(super) struct Exchanged {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub elapsed: Duration,
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

/// What a one-off request for `le doctor` and `le login` saw.
#[derive(Debug)]
pub struct Probe {
    pub status: u16,
    /// The server's `Date` header.
    pub date: Option<String>,
    pub elapsed: Duration,
    pub error: Option<ApiError>,
}

impl Client {
    pub fn new(mut opts: ClientOptions) -> Result<Client> {
        opts.base_url = opts.base_url.trim_end_matches('/').to_owned();
        let mut net_opts = NetOptions::new(opts.request_timeout);
        net_opts.connect_timeout = opts.connect_timeout.min(opts.request_timeout);
        net_opts.direct = opts.direct;
        // Plain http (to this machine) never uses TLS, and le follows no redirect to an
        // https URL: no certificate store needs loading.
        net_opts.tls = !opts.base_url.starts_with("http://");
        net_opts.extra_roots = opts.extra_roots.clone();
        let http = net::client(&net_opts).map_err(Error::Internal)?;
        Ok(Client {
            http,
            redactor: opts.api_key.as_ref().map(Redactor::of).unwrap_or_default(),
            opts,
            announced: Mutex::new(None),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.opts.base_url
    }

    pub fn is_dry_run(&self) -> bool {
        self.opts.plans.is_some()
    }

    pub fn is_embedded(&self) -> bool {
        self.opts.embedded
    }

    pub fn has_key(&self) -> bool {
        self.opts.api_key.is_some()
    }

    /// Whether a 429 is waited out here (the default) or handed to the caller at once,
    /// for callers that pace themselves (a batch).
    pub fn retry_rate_limited(&mut self, yes: bool) {
        self.opts.retry_rate_limited = yes;
    }

    /// The network a served sandbox announced for its invoices, once it has answered.
    pub fn announced_network(&self) -> Option<Network> {
        *self.announced.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn url_for(&self, call: &Call) -> String {
        let mut url = self.opts.base_url.clone();
        for s in &call.segments {
            url.push('/');
            url.extend(utf8_percent_encode(s, SEGMENT));
        }
        for (i, (k, v)) in call.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(k);
            url.push('=');
            url.extend(utf8_percent_encode(v, SEGMENT));
        }
        url
    }

    /// One exchange, no retries, no judgement: for `le doctor` and `le login`, which
    /// report how the server answered whatever it answered.
    pub(super) async fn probe(&self, call: &Call) -> Result<Probe> {
        let url = self.url_for(call);
        self.plan_instead(call)?;
        let ex = self
            .exchange(call, &url)
            .await
            .map_err(|e| self.transport_error(&e, &url).0)?;
        let status = ex.status.as_u16();
        let error = (status >= 400).then(|| self.decode_error(&ex));
        Ok(Probe {
            status,
            date: header(&ex.headers, "date").map(str::to_owned),
            elapsed: ex.elapsed,
            error,
        })
    }

    /// `--dry-run` and `--curl` are a mode of the funnel: the request is described for
    /// the run to show, and not sent; the command stops here.
    fn plan_instead(&self, call: &Call) -> Result<()> {
        if let Some(sink) = &self.opts.plans {
            sink.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(self.plan(call));
            return Err(Error::NotSent);
        }
        Ok(())
    }

    /// Sends a request, retrying as its `Retry` allows; a create is recovered by `recover`
    /// when an answer was lost.
    pub(super) async fn send(&self, call: &Call, recover: Option<Recover<'_>>) -> Result<Reply> {
        let url = self.url_for(call);
        self.plan_instead(call)?;
        let began = Instant::now();
        let deadline = began + self.opts.create_budget;
        let since = jiff::Timestamp::now();
        let mut maybe_done = false;
        let mut attempt = 1u32;
        let mut refusals = 0u32;
        loop {
            let (error, retry, wait, uncertain) = match self.attempt(call, &url).await {
                Attempt::Done(mut reply) => {
                    reply.attempts = attempt;
                    return Ok(reply);
                }
                Attempt::Failed {
                    error,
                    retry,
                    wait,
                    uncertain,
                } => (error, retry, wait, uncertain),
            };
            maybe_done |= uncertain;
            // An answer lost after the write, or a server that refuses the retry as a
            // duplicate instead of replaying it: look before trying again.
            let duplicate = matches!(&error, Error::Api(e) if matches!(e.code.as_deref(), Some("DUPLICATE_ORDER_ID" | "DUPLICATE_REFUND")));
            if let Some(r) = &recover
                && maybe_done
                && (uncertain || duplicate)
            {
                match self.look_up(r, since, deadline).await {
                    Lookup::Found(found) => {
                        self.opts.observer.recovered(r.what());
                        return Ok(Reply {
                            body: found,
                            replayed: false,
                            date: None,
                            attempts: attempt,
                            recovered: true,
                            rate: RateInfo::Unknown,
                        });
                    }
                    Lookup::Absent => {}
                    // Not knowing whether it exists, another POST could make a second one
                    // on a server that ignores idempotency keys.
                    Lookup::Unknown => return Err(r.uncertain_error(error)),
                }
            }
            let limited = matches!(&error, Error::Api(e) if e.status == 429);
            // A 429 or a 503 is the server saying it has too much to do: whatever its
            // Retry-After says, le waits a second at least, doubling while it lasts.
            let overloaded = limited || matches!(&error, Error::Api(e) if e.status == 503);
            if overloaded {
                refusals += 1;
            } else {
                refusals = 0;
            }
            let handed_back = limited && !self.opts.retry_rate_limited;
            let wait = wait_before_retry(wait, attempt, overloaded.then_some(refusals));
            let in_budget = match call.retry {
                Retry::Never => false,
                Retry::Read => attempt < self.opts.read_attempts.max(1),
                Retry::Create => Instant::now()
                    .checked_add(wait)
                    .is_some_and(|t| t < deadline),
            };
            if !retry || handed_back || !in_budget || wait > MAX_RETRY_AFTER {
                let unsure = matches!(&error, Error::Unreachable { .. })
                    || matches!(&error, Error::Api(e) if e.status >= 500);
                return Err(match &recover {
                    Some(r) if maybe_done && unsure => r.uncertain_error(error),
                    _ => error,
                });
            }
            if overloaded && wait > Duration::from_secs(1) {
                self.opts.observer.waiting(
                    wait,
                    if limited {
                        "the API's rate limit refused the request (429 Too Many Requests)"
                    } else {
                        "the API is overloaded (503 Service Unavailable)"
                    },
                );
            }
            self.opts.observer.retrying(attempt, &error.message(), wait);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, call: &Call, url: &str) -> Attempt {
        match self.exchange(call, url).await {
            Ok(ex) => self.judge(call, ex),
            Err(e) => {
                let (error, uncertain) = self.transport_error(&e, url);
                Attempt::Failed {
                    error,
                    retry: !is_tls_refusal(&e),
                    wait: None,
                    uncertain,
                }
            }
        }
    }

    /// The headers a request goes out with; the key as sent.
    fn headers(&self, call: &Call) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        headers.insert("accept", HeaderValue::from_static("application/json"));
        if call.with_key
            && let Some(key) = &self.opts.api_key
        {
            let mut v = HeaderValue::from_str(key.expose()).map_err(|_| {
                Error::Key(
                    "the API key contains characters that cannot be sent in a header (a stray newline or control character?)".into(),
                )
            })?;
            v.set_sensitive(true);
            headers.insert("x-api-key", v);
        }
        if let Some(k) = &call.idempotency_key {
            let v = HeaderValue::from_str(k)
                .map_err(|_| Error::usage("--idempotency-key must be printable ASCII"))?;
            headers.insert("x-idempotency-key", v);
        }
        if call.body.is_some() {
            headers.insert("content-type", HeaderValue::from_static("application/json"));
        }
        Ok(headers)
    }

    /// The headers as a person may see them: the key redacted.
    pub(super) fn shown_headers(&self, call: &Call) -> Vec<(String, String)> {
        let mut shown = vec![("Accept".to_owned(), "application/json".to_owned())];
        if call.with_key {
            shown.push((
                "X-API-Key".into(),
                self.opts
                    .api_key
                    .as_ref()
                    .map_or_else(|| "(your key)".into(), SecretString::redacted),
            ));
        }
        if call.body.is_some() {
            shown.push(("Content-Type".into(), "application/json".into()));
        }
        if let Some(k) = &call.idempotency_key {
            shown.push(("X-Idempotency-Key".into(), k.clone()));
        }
        shown
    }

    /// One request and its whole answer (up to the size cap), within the request timeout.
    async fn exchange(&self, call: &Call, url: &str) -> Result<Exchanged, Transport> {
        let headers = self.headers(call).map_err(Transport::Refused)?;
        self.opts
            .observer
            .sending(call.method.as_str(), url, &self.shown_headers(call));
        let mut builder = self.http.request(call.method.clone(), url).headers(headers);
        if let Some(body) = &call.body {
            builder = builder.body(body.clone());
        }
        let started = Instant::now();
        // reqwest's own timeout covers the body too; this outer one is the guarantee that
        // a server trickling bytes cannot hold us past the limit.
        let read = async {
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
            Ok::<_, reqwest::Error>((status, headers, body))
        };
        let (status, headers, body) =
            tokio::time::timeout(self.opts.request_timeout + Duration::from_millis(250), read)
                .await
                .map_err(|_| Transport::TimedOut)?
                .map_err(Transport::Http)?;
        // A server or proxy that echoes the request back must not make le show the key,
        // whole or cut short by whatever later shortens the text: it goes at the source.
        let body = self.redactor.bytes(body);
        let elapsed = started.elapsed();
        self.opts.observer.answered(
            status.as_u16(),
            elapsed,
            body.len(),
            header(&headers, "x-correlation-id"),
        );
        if let Some(n) = header(&headers, NETWORK_HEADER).and_then(|v| v.parse::<Network>().ok()) {
            *self.announced.lock().unwrap_or_else(|p| p.into_inner()) = Some(n);
        }
        Ok(Exchanged {
            status,
            headers,
            body,
            elapsed,
        })
    }

    /// What an answer means: a reply, or an error that may be worth another attempt.
    fn judge(&self, call: &Call, ex: Exchanged) -> Attempt {
        let status = ex.status;
        if status.is_success() {
            let replayed = header(&ex.headers, "x-idempotency-replayed")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            return match serde_json::from_slice::<Value>(&ex.body) {
                Ok(body) => Attempt::Done(Reply {
                    body,
                    replayed,
                    date: header(&ex.headers, "date")
                        .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
                        .map(|z| z.timestamp()),
                    attempts: 0,
                    recovered: false,
                    rate: RateLimit::from_headers(&ex.headers)
                        .map_or(RateInfo::Absent, RateInfo::Headers),
                }),
                Err(e) => Attempt::Failed {
                    error: Error::BadResponse(self.scrub(format!(
                        "the server answered {status} but its body is not JSON ({e}){}",
                        snippet(&ex.body)
                    ))),
                    retry: false,
                    wait: None,
                    uncertain: false,
                },
            };
        }
        if status.is_redirection() {
            let to = self.scrub(
                header(&ex.headers, "location")
                    .unwrap_or("nowhere")
                    .to_owned(),
            );
            return Attempt::Failed {
                error: Error::BadResponse(self.scrub(format!(
                    "the server answered {status}, redirecting to {}; le does not follow redirects (the key would go along): check --base-url",
                    crate::text::printable(&to)
                ))),
                retry: false,
                wait: None,
                uncertain: false,
            };
        }
        let error = self.decode_error(&ex);
        let retry = matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS
                | StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        ) || (status == StatusCode::INTERNAL_SERVER_ERROR
            && call.retry == Retry::Create);
        Attempt::Failed {
            wait: error.retry_after,
            error: error.into(),
            retry,
            uncertain: status.is_server_error(),
        }
    }

    fn decode_error(&self, ex: &Exchanged) -> ApiError {
        let mut error = ApiError::decode(
            ex.status.as_u16(),
            header(&ex.headers, "x-correlation-id"),
            header(&ex.headers, "retry-after").and_then(parse_retry_after),
            header(&ex.headers, "content-type"),
            &ex.body,
        );
        // A server that echoes the request back must not make le show the key.
        error.scrub(&self.redactor);
        error
    }

    fn transport_error(&self, e: &Transport, url: &str) -> (Error, bool) {
        let (reason, uncertain) = match e {
            Transport::Refused(err) => return (clone_error(err), false),
            Transport::TimedOut => (self.timeout_reason(), true),
            Transport::Http(e) if e.is_timeout() => (self.timeout_reason(), true),
            // A refused connection means nothing was sent; anything later may have been
            // acted on.
            Transport::Http(e) if e.is_connect() => {
                (format!("could not connect ({})", root_cause(e)), false)
            }
            Transport::Http(e) => (
                format!(
                    "the connection failed before the answer was complete ({})",
                    root_cause(e)
                ),
                true,
            ),
        };
        (
            Error::Unreachable {
                url: url.to_owned(),
                reason,
            },
            uncertain,
        )
    }

    /// The text with the key, should a server have echoed it, redacted.
    pub(super) fn scrub(&self, text: String) -> String {
        self.redactor.text(&text).into_owned()
    }

    fn timeout_reason(&self) -> String {
        format!(
            "no complete answer within {} s (--request-timeout)",
            self.opts.request_timeout.as_secs_f64()
        )
    }
}

impl Client {
    /// What `call` would send, for `--dry-run` and `--curl`.
    fn plan(&self, call: &Call) -> PlannedRequest {
        PlannedRequest {
            method: call.method.to_string(),
            url: self.url_for(call),
            headers: self.shown_headers(call),
            body: call
                .body
                .as_ref()
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            sends_key: call.with_key,
            embedded: self.is_embedded(),
        }
    }
}

/// Why an exchange produced no answer.
enum Transport {
    /// Refused on this side before sending (a key that cannot be a header).
    Refused(Error),
    TimedOut,
    Http(reqwest::Error),
}

/// A TLS handshake this side refused (a certificate this machine does not trust, or
/// that names another host; nothing in common to speak) ends the same way on every
/// attempt: retrying it would only make the person wait, in silence, for a minute.
fn is_tls_refusal(e: &Transport) -> bool {
    let Transport::Http(e) = e else {
        return false;
    };
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        // (A platform verifier's InvalidCertificate can, on macOS and Windows, come of a
        // failed fetch of a revocation list; a rerun retries that.) InvalidMessage: the
        // server does not speak TLS at all (an http port given as https).
        if let Some(
            rustls::Error::InvalidCertificate(_)
            | rustls::Error::PeerIncompatible(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::InvalidMessage(_)
            | rustls::Error::AlertReceived(
                rustls::AlertDescription::HandshakeFailure
                | rustls::AlertDescription::ProtocolVersion,
            ),
        ) = err.downcast_ref::<rustls::Error>()
        {
            return true;
        }
        // The connector wraps rustls' error in io::Errors (two deep), whose source()
        // skips what they wrap: step into them.
        cur = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    false
}

fn clone_error(e: &Error) -> Error {
    match e {
        Error::Key(m) => Error::Key(m.clone()),
        Error::Usage(m) => Error::Usage(m.clone()),
        other => Error::internal(other),
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", crate::text::printable(text))
    }
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s, … capped at 8 s, each drawn
/// between half and all of that so that many clients do not retry in step.
pub(super) fn backoff(attempt: u32) -> Duration {
    let full = 250u64
        .saturating_mul(1 << attempt.min(6).saturating_sub(1))
        .min(8_000);
    let half = full / 2;
    Duration::from_millis(half + crate::rand::u64() % (half + 1))
}

/// How long to wait before trying again: what the server asked for, but never less than
/// the backoff, and after a 429 or a 503 at least a second, doubling each time it refuses
/// again (`refusals` in a row): a `Retry-After: 0` is no invitation to hammer it.
pub(super) fn wait_before_retry(
    asked: Option<Duration>,
    attempt: u32,
    refusals: Option<u32>,
) -> Duration {
    let floor = match refusals {
        Some(n) => Duration::from_secs(1 << (n.clamp(1, 7) - 1)),
        None => backoff(attempt),
    };
    asked.unwrap_or_default().max(floor)
}

/// The longest wait a server's word is taken for; anything past it is reported, not
/// waited out (and no arithmetic on it can overflow).
const MAX_ASKED_WAIT: Duration = Duration::from_secs(366 * 86_400);

/// `Retry-After` is either seconds or an HTTP date.
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_ASKED_WAIT));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let secs = (when - jiff::Timestamp::now()).get_seconds().max(0);
    Some(Duration::from_secs(secs as u64).min(MAX_ASKED_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_queries_are_encoded() {
        let c = Client::new(ClientOptions::new("http://h:1/")).unwrap();
        let mut call = Call::get(&["api", "payments", "order", "A/B?#1"]);
        assert_eq!(
            c.url_for(&call),
            "http://h:1/api/payments/order/A%2FB%3F%231"
        );
        call.query.push(("after", "x y".into()));
        assert!(c.url_for(&call).ends_with("?after=x%20y"));
        assert_eq!(
            c.url_for(&Call::get(&["x", "é ü"])),
            "http://h:1/x/%C3%A9%20%C3%BC"
        );
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
    fn server_waits_are_floored_and_capped() {
        assert!(wait_before_retry(Some(Duration::ZERO), 3, None) >= Duration::from_millis(500));
        assert_eq!(
            wait_before_retry(Some(Duration::ZERO), 1, Some(1)),
            Duration::from_secs(1)
        );
        assert_eq!(wait_before_retry(None, 1, Some(3)), Duration::from_secs(4));
        assert_eq!(
            parse_retry_after("18446744073709551615"),
            Some(MAX_ASKED_WAIT)
        );
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
