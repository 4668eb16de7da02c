//! The sandbox over HTTP: the API's routes, the `/sandbox/…` control routes kept apart
//! from them, key checks and the headers every answer carries.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use super::engine::{Action, Answer, ApiFailure, Engine};

pub struct AppState {
    pub engine: Engine,
    /// Keys accepted; empty means any non-empty key.
    pub api_keys: Vec<String>,
}

type Shared = Arc<AppState>;

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/api/payments", post(create))
        .route("/api/payments/order/{order_id}", get(get_by_order))
        .route("/api/payments/{invoice_id}", get(get_payment))
        .route("/api/payments/{invoice_id}/sync", post(sync))
        .route("/sandbox/payments", get(list))
        .route("/sandbox/payments/{invoice_id}/{action}", post(act))
        .route("/sandbox/reset", post(reset))
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Checks the key (except for `/health`) and stamps every answer with a correlation id
/// and the API version, as the hosted API does.
async fn guard(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let correlation = format!("sbx-{}", crate::rand::hex::<8>());
    let needs_key = req.uri().path() != "/health";
    let mut resp = if needs_key {
        match check_key(&state, req.headers()) {
            Ok(()) => next.run(req).await,
            Err(f) => failure(f),
        }
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&correlation) {
        h.entry("x-correlation-id").or_insert(v);
    }
    h.insert(
        "x-api-version",
        HeaderValue::from_static(concat!("le-sandbox/", env!("CARGO_PKG_VERSION"))),
    );
    resp
}

fn check_key(state: &AppState, headers: &HeaderMap) -> Result<(), ApiFailure> {
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
    Ok(())
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
    let mut body = json!({
        "error": crate::api::reason_phrase(f.status),
        "message": f.message,
        "code": f.code,
    });
    if let Some(d) = f.details {
        body["details"] = d;
    }
    (
        status,
        [("content-type", "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn respond(r: Result<Answer, ApiFailure>) -> Response {
    match r {
        Ok(a) => answer(a),
        Err(f) => failure(f),
    }
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
    respond(r)
}

async fn health() -> Response {
    (
        [("content-type", "application/json; charset=utf-8")],
        json!({ "status": "healthy", "sandbox": true }).to_string(),
    )
        .into_response()
}

async fn create(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let is_json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return failure(ApiFailure::new(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/json",
        ));
    }
    let key = match headers.get("x-idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) => Some(k.to_owned()),
        Some(Err(_)) => {
            return failure(ApiFailure::new(
                400,
                "INVALID_IDEMPOTENCY_KEY",
                "X-Idempotency-Key must be printable ASCII",
            ));
        }
    };
    blocking(s, move |e| e.create(&body, key.as_deref())).await
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

async fn list(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.list()).await
}

async fn reset(State(s): State<Shared>) -> Response {
    blocking(s, |e| e.reset()).await
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
