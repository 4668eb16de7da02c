//! The sandbox over HTTP: the API's routes, the merchant endpoints, the hosted checkout
//! pages, the `/sandbox/…` control routes kept apart from them, key checks, account
//! states, rate limits, injected faults, and the headers every answer carries.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Router};
use serde_json::{Value, json};

use super::checkout;
use super::engine::{Action, Answer, ApiFailure, Checkout, Engine, check_account, now_ms};
use super::faults::{Fault, Faults};
use super::limits::{LimitState, Limiter, RequestClass};
use super::store::MerchantRow;
use crate::net::server::{ConnKill, Peer};

pub struct AppState {
    pub engine: Engine,
    /// Where the server's warnings (and, with `log_requests`, its request log) go.
    pub out: crate::render::Output,
    /// Keys accepted; empty means any non-empty key.
    pub api_keys: Vec<String>,
    pub limiter: Limiter,
    pub faults: Faults,
    /// `serve --verbose`: one line per request on stderr.
    pub log_requests: bool,
}

type Shared = Arc<AppState>;

/// The correlation id of a request: the client's, when it sent a usable one.
#[derive(Clone)]
struct Correlation(String);

/// The API key a request came with, checked.
#[derive(Clone)]
struct Caller(String);

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/api/payments", post(create))
        .route("/api/payments/order/{order_id}", get(get_by_order))
        .route("/api/payments/{invoice_id}", get(get_payment))
        .route("/api/payments/{invoice_id}/sync", post(sync))
        .route("/api/refunds", post(create_refund).get(list_refunds))
        .route("/api/refunds/invoice/{invoice_id}", get(refunds_of))
        .route("/api/refunds/{refund_id}", get(get_refund))
        .route("/api/rates", get(rates))
        .route("/api/rates/{currency}", get(rate))
        .route("/api/merchant/me", get(merchant_me))
        .route("/api/merchant/webhook-url", put(set_merchant_webhook))
        .route("/checkout/{invoice_id}", get(checkout_page))
        .route("/checkout/{invoice_id}/status", get(checkout_status))
        .route("/checkout/{invoice_id}/pay", post(checkout_pay))
        .route("/checkout/{invoice_id}/cancel", post(checkout_cancel))
        .route("/sandbox/payments", get(list))
        .route("/sandbox/payments/{invoice_id}/{action}", post(act))
        .route("/sandbox/reset", post(reset))
        .route("/sandbox/deliveries", get(deliveries))
        .route(
            "/sandbox/webhook",
            get(webhook).put(set_webhook).delete(clear_webhook),
        )
        .route("/sandbox/account", get(account).put(set_account))
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        // Faults inside the guard: an injected failure still carries a correlation id,
        // the API version and the rate-limit headers, as a real one would.
        .layer(middleware::from_fn_with_state(state.clone(), faults))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Latency and failures on purpose, for the API's routes only: the control routes, the
/// checkout pages and `/health` stay dependable so that tests can inspect what happened.
async fn faults(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let f = &state.faults;
    if !f.latency.is_zero() {
        tokio::time::sleep(f.latency).await;
    }
    let Some(fault) = f.draw() else {
        return next.run(req).await;
    };
    let correlation = req
        .extensions()
        .get::<Correlation>()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    let kill = req.extensions().get::<ConnKill>().cloned();
    let drop_now = || async {
        if let Some(k) = &kill {
            k.0.notify_one();
        }
        std::future::pending::<Response>().await
    };
    match fault {
        Fault::Status500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [("content-type", "application/json; charset=utf-8")],
            json!({
                "error": "An error occurred processing your request.",
                "correlationId": correlation,
                "timestamp": super::engine::iso(super::engine::now()),
            })
            .to_string(),
        )
            .into_response(),
        Fault::Status502 => (
            StatusCode::BAD_GATEWAY,
            [("content-type", "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
        )
            .into_response(),
        Fault::Status503 => (StatusCode::SERVICE_UNAVAILABLE, [("retry-after", "1")], "").into_response(),
        Fault::Status504 => (
            StatusCode::GATEWAY_TIMEOUT,
            [("content-type", "text/html")],
            "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>",
        )
            .into_response(),
        Fault::Problem => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [("content-type", "application/problem+json")],
            json!({
                "type": "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                "title": "An error occurred while processing your request.",
                "status": 500,
                "detail": "The payment provider did not answer in time.",
                "error": "provider_unavailable",
                "traceId": correlation,
            })
            .to_string(),
        )
            .into_response(),
        Fault::Validation => (
            StatusCode::BAD_REQUEST,
            [("content-type", "application/problem+json")],
            json!({
                "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                "title": "One or more validation errors occurred.",
                "status": 400,
                "errors": { "Amount": ["The field Amount must be between 0.01 and 1000000."] },
                "traceId": correlation,
            })
            .to_string(),
        )
            .into_response(),
        Fault::Bare401 => StatusCode::UNAUTHORIZED.into_response(),
        Fault::DropBefore => drop_now().await,
        Fault::DropAfter => {
            let _committed = next.run(req).await;
            drop_now().await
        }
        Fault::Stall => {
            tokio::time::sleep(f.stall).await;
            drop_now().await
        }
    }
}

/// A correlation id a client sent that is safe to send back: visible ASCII, not too long.
fn clients_correlation(headers: &HeaderMap) -> Option<String> {
    let v = headers.get("x-correlation-id")?.to_str().ok()?.trim();
    let fits = !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic());
    fits.then(|| v.to_owned())
}

/// Routes anyone may use without a key: the health check and the hosted checkout pages
/// (public by their URL, as the provider's are).
fn is_public(path: &str) -> bool {
    path == "/health" || path.starts_with("/checkout/")
}

/// Checks the key (except on public routes), counts the request against the rate limits,
/// and stamps every answer with a correlation id (the client's own when it sent one, in
/// the header and in an error's body alike), the API version and the limits.
async fn guard(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let correlation = clients_correlation(req.headers())
        .unwrap_or_else(|| format!("sbx-{}", crate::rand::hex::<8>()));
    req.extensions_mut()
        .insert(Correlation(correlation.clone()));
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut limit: Option<LimitState> = None;
    let mut resp = if is_public(&path) {
        next.run(req).await
    } else {
        let class = classify(&method, &path);
        match check_key(&state, req.headers()) {
            Err(f) => {
                // Requests without a usable key count against the global limit of where
                // they come from, as the hosted API limits anonymous callers by address.
                let who = match req.extensions().get::<Peer>() {
                    Some(p) => format!("anonymous:{}", p.0.ip()),
                    None => "anonymous".into(),
                };
                match class.and_then(|_| state.limiter.check(&who, RequestClass::Other, now_ms())) {
                    Some(Err(refused)) => {
                        let r = limited(&refused);
                        limit = Some(refused);
                        r
                    }
                    Some(Ok(s)) => {
                        limit = Some(s);
                        failure(f)
                    }
                    None => failure(f),
                }
            }
            Ok(key) => {
                req.extensions_mut().insert(Caller(key.clone()));
                match class.and_then(|c| state.limiter.check(&key, c, now_ms())) {
                    Some(Err(refused)) => {
                        let r = limited(&refused);
                        limit = Some(refused);
                        r
                    }
                    Some(Ok(s)) => {
                        limit = Some(s);
                        next.run(req).await
                    }
                    None => next.run(req).await,
                }
            }
        }
    };
    if resp.status().is_client_error() || resp.status().is_server_error() {
        resp = with_correlation_in_body(resp, &correlation).await;
    }
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&correlation) {
        h.insert("x-correlation-id", v);
    }
    h.insert(
        "x-api-version",
        HeaderValue::from_static(concat!("le-sandbox/", env!("CARGO_PKG_VERSION"))),
    );
    // Its invoices are for regtest: a client that is not told otherwise checks them
    // against that, whatever the host name.
    h.insert(
        crate::api::NETWORK_HEADER,
        HeaderValue::from_static("regtest"),
    );
    if let Some(l) = limit {
        for (name, value) in [
            ("x-ratelimit-limit", l.limit.to_string()),
            ("x-ratelimit-remaining", l.remaining.to_string()),
            ("x-ratelimit-reset", l.reset.to_string()),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(name, v);
            }
        }
    }
    if state.log_requests {
        state.out.trace(&format!(
            "{method} {path} {} {:.1} ms {correlation}",
            resp.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    resp
}

/// An error answer in the API's JSON shape carries its correlation id in the body too,
/// the same as the header's.
async fn with_correlation_in_body(resp: Response, correlation: &str) -> Response {
    let is_json = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        // The body is gone: so is the length it had.
        let mut parts = parts;
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(mut m)) => {
            m.insert(
                "correlationId".into(),
                Value::String(correlation.to_owned()),
            );
            Body::from(Value::Object(m).to_string())
        }
        _ => Body::from(bytes),
    };
    let mut resp = Response::from_parts(parts, body);
    resp.headers_mut().remove("content-length");
    resp
}

/// Which limits a request counts against; `None` for the sandbox's own control routes.
fn classify(method: &Method, path: &str) -> Option<RequestClass> {
    if !path.starts_with("/api/") {
        return None;
    }
    let money = path.starts_with("/api/payments") || path.starts_with("/api/refunds");
    Some(match *method {
        Method::GET if money => RequestClass::Read,
        Method::POST if path == "/api/payments" || path == "/api/refunds" => RequestClass::Create,
        _ => RequestClass::Other,
    })
}

/// A window as the reference writes it: "1 minute", "10 seconds".
fn window_text(secs: u32) -> String {
    let (n, unit) = if secs.is_multiple_of(3600) {
        (secs / 3600, "hour")
    } else if secs.is_multiple_of(60) {
        (secs / 60, "minute")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn limited(l: &LimitState) -> Response {
    let retry_after = (l.reset - now_ms().div_euclid(1000)).max(1);
    let mut resp = failure(
        ApiFailure::new(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded").with_details(
            json!({ "limit": l.limit, "window": window_text(l.window_secs), "retryAfter": retry_after }),
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        resp.headers_mut().insert("retry-after", v);
    }
    resp
}

fn check_key(state: &AppState, headers: &HeaderMap) -> Result<String, ApiFailure> {
    let key = headers
        .get("x-api-key")
        .map(|v| v.to_str().unwrap_or("").trim())
        .unwrap_or("");
    if key.is_empty() {
        return Err(ApiFailure::new(
            401,
            "MISSING_API_KEY",
            "API key is required (X-API-Key header)",
        ));
    }
    if !state.api_keys.is_empty() && !state.api_keys.iter().any(|k| k == key) {
        return Err(ApiFailure::new(401, "INVALID_API_KEY", "Invalid API key"));
    }
    Ok(key.to_owned())
}

fn answer(a: Answer) -> Response {
    let mut resp = (
        StatusCode::from_u16(a.status).unwrap_or(StatusCode::OK),
        [("content-type", "application/json; charset=utf-8")],
        a.body,
    )
        .into_response();
    if a.replayed {
        resp.headers_mut()
            .insert("x-idempotency-replayed", HeaderValue::from_static("true"));
    }
    resp
}

fn failure(f: ApiFailure) -> Response {
    let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = crate::api::wire::ErrorBody {
        error: crate::api::reason_phrase(f.status).into(),
        message: f.message,
        code: f.code.into(),
        details: f.details,
    };
    (
        status,
        [("content-type", "application/json; charset=utf-8")],
        serde_json::to_string(&body).unwrap_or_default(),
    )
        .into_response()
}

/// SQLite calls block; they run off the async threads so one slow lock held by another
/// process does not stall every connection.
async fn blocking(
    state: Shared,
    f: impl FnOnce(&Engine) -> Result<Answer, ApiFailure> + Send + 'static,
) -> Response {
    let r = tokio::task::spawn_blocking(move || f(&state.engine))
        .await
        .unwrap_or_else(|e| Err(ApiFailure::internal(format!("sandbox task failed: {e}"))));
    match r {
        Ok(a) => answer(a),
        Err(f) => failure(f),
    }
}

/// What a route needs of the caller's account.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Payments, refunds, rates: an inactive account or a lapsed plan is refused.
    Paid,
    /// The account itself (`/api/merchant/…`, `/sandbox/…`): always answered, so a
    /// merchant can see and fix what is wrong.
    Account,
}

/// Runs `f` for the merchant of the request's key.
async fn merchant(
    state: Shared,
    caller: Caller,
    gate: Gate,
    f: impl FnOnce(&Engine, &MerchantRow) -> Result<Answer, ApiFailure> + Send + 'static,
) -> Response {
    blocking(state, move |e| {
        let m = e.merchant(&caller.0)?;
        if gate == Gate::Paid {
            check_account(&m)?;
        }
        f(e, &m)
    })
    .await
}

/// The checks a POST with a JSON body gets before it is handled.
fn json_post(headers: &HeaderMap) -> Result<Option<String>, ApiFailure> {
    let is_json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Err(ApiFailure::new(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/json",
        ));
    }
    match headers.get("x-idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) => Ok(Some(k.to_owned())),
        Some(Err(_)) => Err(ApiFailure::new(
            400,
            "INVALID_IDEMPOTENCY_KEY",
            "X-Idempotency-Key must be printable ASCII",
        )),
    }
}

async fn health() -> Response {
    (
        [("content-type", "application/json; charset=utf-8")],
        json!({ "status": "healthy", "sandbox": true }).to_string(),
    )
        .into_response()
}

async fn create(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match json_post(&headers) {
        Ok(key) => {
            merchant(s, c, Gate::Paid, move |e, m| {
                e.create(m, &body, key.as_deref())
            })
            .await
        }
        Err(f) => failure(f),
    }
}

async fn get_payment(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, m| e.get(m, &id)).await
}

async fn get_by_order(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(order): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, m| e.get_by_order(m, &order)).await
}

async fn sync(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, m| e.sync(m, &id)).await
}

async fn create_refund(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match json_post(&headers) {
        Ok(key) => {
            merchant(s, c, Gate::Paid, move |e, m| {
                e.create_refund(m, &body, key.as_deref())
            })
            .await
        }
        Err(f) => failure(f),
    }
}

async fn list_refunds(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Paid, |e, m| e.refunds(m, None)).await
}

async fn refunds_of(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, m| e.refunds(m, Some(&id))).await
}

async fn get_refund(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, m| e.refund(m, &id)).await
}

async fn rates(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Paid, |e, _| e.rates()).await
}

async fn rate(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Path(currency): Path<String>,
) -> Response {
    merchant(s, c, Gate::Paid, move |e, _| e.rate(&currency)).await
}

async fn merchant_me(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.merchant_me(m)).await
}

async fn set_merchant_webhook(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match json_post(&headers) {
        Ok(_) => {
            merchant(s, c, Gate::Account, move |e, m| {
                e.set_merchant_webhook(m, &body)
            })
            .await
        }
        Err(f) => failure(f),
    }
}

async fn act(State(s): State<Shared>, Path((id, action)): Path<(String, String)>) -> Response {
    let Some(action) = Action::parse(&action) else {
        return failure(ApiFailure::new(
            404,
            "NOT_FOUND",
            format!("no sandbox action '{action}': use pay, process, expire or underpay"),
        ));
    };
    blocking(s, move |e| e.act(&id, action)).await
}

#[derive(serde::Deserialize)]
struct Page {
    after: Option<String>,
}

async fn list(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    Query(page): Query<Page>,
) -> Response {
    merchant(s, c, Gate::Account, move |e, m| {
        e.list(m, page.after.as_deref())
    })
    .await
}

async fn reset(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.reset(m)).await
}

async fn deliveries(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.deliveries(m)).await
}

async fn webhook(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.webhook_settings(m)).await
}

async fn set_webhook(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    body: Bytes,
) -> Response {
    merchant(s, c, Gate::Account, move |e, m| e.set_webhook(m, &body)).await
}

async fn clear_webhook(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.set_webhook(m, b"{}")).await
}

async fn account(State(s): State<Shared>, Extension(c): Extension<Caller>) -> Response {
    merchant(s, c, Gate::Account, |e, m| e.account(m)).await
}

async fn set_account(
    State(s): State<Shared>,
    Extension(c): Extension<Caller>,
    body: Bytes,
) -> Response {
    merchant(s, c, Gate::Account, move |e, m| e.set_account(m, &body)).await
}

/// A payment for its checkout page, found off the async threads.
async fn find_checkout(s: Shared, pay_first: bool, id: String) -> Result<Option<Checkout>, String> {
    tokio::task::spawn_blocking(move || {
        if pay_first {
            // Paid already (in another tab, or by `le sandbox pay`) or expired is not a
            // failure here: the page that follows says which.
            let _ = s.engine.act(&id, Action::Pay);
        }
        s.engine.checkout(&id)
    })
    .await
    .map_err(|e| e.to_string())?
}

/// The hosted checkout page of a payment.
async fn checkout_page(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match find_checkout(s, false, id).await {
        Ok(Some(c)) => checkout::page(&c),
        Ok(None) => checkout::not_found(),
        Err(e) => checkout::trouble(&e),
    }
}

/// What the page's script polls: the status, the time left, and where to go when paid.
async fn checkout_status(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match find_checkout(s, false, id).await {
        Ok(Some(c)) => checkout::status(&c),
        Ok(None) => failure(ApiFailure::new(
            404,
            "SETTLEMENT_NOT_FOUND",
            "Settlement not found",
        )),
        Err(e) => failure(ApiFailure::internal(e)),
    }
}

/// The sandbox's "Pay (sandbox)" button: pays the invoice as a wallet would, then sends
/// the payer on to the shop's `successUrl` (or back to the page, which says it is paid).
async fn checkout_pay(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match find_checkout(s, true, id).await {
        Ok(Some(c)) => checkout::after_pay(&c),
        Ok(None) => checkout::not_found(),
        Err(e) => checkout::trouble(&e),
    }
}

/// "Cancel": back to the shop's `cancelUrl`; the payment itself stays as it is, and
/// expires in its own time.
async fn checkout_cancel(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match find_checkout(s, false, id).await {
        Ok(Some(c)) => checkout::after_cancel(&c),
        Ok(None) => checkout::not_found(),
        Err(e) => checkout::trouble(&e),
    }
}

async fn no_route(method: Method, uri: Uri) -> Response {
    failure(ApiFailure::new(
        404,
        "NOT_FOUND",
        format!("no route for {method} {}", uri.path()),
    ))
}

async fn wrong_method(method: Method, uri: Uri) -> Response {
    failure(ApiFailure::new(
        405,
        "METHOD_NOT_ALLOWED",
        format!("{method} is not allowed on {}", uri.path()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_as_the_reference_writes_them() {
        assert_eq!(window_text(60), "1 minute");
        assert_eq!(window_text(120), "2 minutes");
        assert_eq!(window_text(1), "1 second");
        assert_eq!(window_text(90), "90 seconds");
        assert_eq!(window_text(3600), "1 hour");
    }

    #[test]
    fn only_safe_correlation_ids_are_echoed() {
        let mut h = HeaderMap::new();
        h.insert("x-correlation-id", HeaderValue::from_static("shop-123"));
        assert_eq!(clients_correlation(&h).as_deref(), Some("shop-123"));
        h.insert("x-correlation-id", HeaderValue::from_static("has space"));
        assert_eq!(clients_correlation(&h), None);
        let long = "x".repeat(129);
        h.insert("x-correlation-id", HeaderValue::from_str(&long).unwrap());
        assert_eq!(clients_correlation(&h), None);
    }
}
