//! The sandbox over HTTP: the API's routes, the `/sandbox/…` control routes kept apart
//! from them, key checks, rate limits, injected faults, and the headers every answer
//! carries.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use super::engine::{Action, Answer, ApiFailure, Engine, now_ms};
use super::faults::{Fault, Faults};
use super::limits::{LimitState, Limiter, RequestClass};
use crate::net::server::ConnKill;

pub struct AppState {
    pub engine: Engine,
    /// Where the server's warnings go.
    pub out: crate::render::Output,
    /// Keys accepted; empty means any non-empty key.
    pub api_keys: Vec<String>,
    pub limiter: Limiter,
    pub faults: Faults,
}

type Shared = Arc<AppState>;

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
        .route("/sandbox/payments", get(list))
        .route("/sandbox/payments/{invoice_id}/{action}", post(act))
        .route("/sandbox/reset", post(reset))
        .route("/sandbox/deliveries", get(deliveries))
        .route(
            "/sandbox/webhook",
            get(webhook).put(set_webhook).delete(clear_webhook),
        )
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        // Faults inside the guard: an injected failure still carries a correlation id,
        // the API version and the rate-limit headers, as a real one would.
        .layer(middleware::from_fn_with_state(state.clone(), faults))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Latency and failures on purpose, for the API's routes only: the control routes and
/// `/health` stay dependable so that tests can inspect what happened.
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
                "correlationId": format!("sbx-{}", crate::rand::hex::<8>()),
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

/// Checks the key (except for `/health`), counts the request against the rate limits,
/// and stamps every answer with a correlation id, the API version and the limits.
async fn guard(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let correlation = format!("sbx-{}", crate::rand::hex::<8>());
    let path = req.uri().path().to_owned();
    let mut limit: Option<LimitState> = None;
    let mut resp = if path == "/health" {
        next.run(req).await
    } else {
        match check_key(&state, req.headers()) {
            Err(f) => failure(f),
            Ok(key) => {
                let class = classify(req.method(), &path);
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
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&correlation) {
        h.entry("x-correlation-id").or_insert(v);
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

fn limited(l: &LimitState) -> Response {
    let retry_after = (l.reset - now_ms().div_euclid(1000)).max(1);
    let window = if l.window_secs.is_multiple_of(60) {
        format!("{}m", l.window_secs / 60)
    } else {
        format!("{}s", l.window_secs)
    };
    let mut resp = failure(
        ApiFailure::new(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded")
            .with_details(json!({ "limit": l.limit, "window": window, "retryAfter": retry_after })),
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

async fn create(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    match json_post(&headers) {
        Ok(key) => blocking(s, move |e| e.create(&body, key.as_deref())).await,
        Err(f) => failure(f),
    }
}

async fn get_payment(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(s, move |e| e.get(&id)).await
}

async fn get_by_order(State(s): State<Shared>, Path(order): Path<String>) -> Response {
    blocking(s, move |e| e.get_by_order(&order)).await
}

async fn sync(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(s, move |e| e.sync(&id)).await
}

async fn create_refund(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    match json_post(&headers) {
        Ok(key) => blocking(s, move |e| e.create_refund(&body, key.as_deref())).await,
        Err(f) => failure(f),
    }
}

async fn list_refunds(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.refunds(None)).await
}

async fn refunds_of(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(s, move |e| e.refunds(Some(&id))).await
}

async fn get_refund(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(s, move |e| e.refund(&id)).await
}

async fn rates(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.rates()).await
}

async fn rate(State(s): State<Shared>, Path(currency): Path<String>) -> Response {
    blocking(s, move |e| e.rate(&currency)).await
}

async fn act(State(s): State<Shared>, Path((id, action)): Path<(String, String)>) -> Response {
    let Some(action) = Action::parse(&action) else {
        return failure(ApiFailure::new(
            404,
            "NOT_FOUND",
            format!("no sandbox action '{action}': use pay, process or expire"),
        ));
    };
    blocking(s, move |e| e.act(&id, action)).await
}

#[derive(serde::Deserialize)]
struct Page {
    after: Option<String>,
}

async fn list(State(s): State<Shared>, Query(page): Query<Page>) -> Response {
    blocking(s, move |e| e.list(page.after.as_deref())).await
}

async fn reset(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.reset()).await
}

async fn deliveries(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.deliveries()).await
}

async fn webhook(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.webhook_settings()).await
}

async fn set_webhook(State(s): State<Shared>, body: Bytes) -> Response {
    blocking(s, move |e| e.set_webhook(&body)).await
}

async fn clear_webhook(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.set_webhook(b"{}")).await
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
