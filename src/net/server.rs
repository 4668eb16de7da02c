//! The accept loop of `le`'s servers (the sandbox, `le webhook listen`). axum's router
//! answers requests; this loop owns the connections, so that a client slow to send its
//! headers or its body is cut off, a stop lets requests under way finish, and the
//! sandbox's fault injection can really drop a connection (before or after the handler
//! commits) rather than only answer badly. With a TLS acceptor it serves https, the handshake bounded by
//! the same time limit as a request's headers.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Put into every request: notify it to close the connection without an answer.
#[derive(Clone)]
pub struct ConnKill(pub Arc<Notify>);

/// Put into every request: where it came from.
#[derive(Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// How long finishing requests get when the server is asked to stop.
const DRAIN: Duration = Duration::from_secs(5);
/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's body, from when the handler starts
/// reading it: the bodies these servers take are small (a payment, a webhook), and one
/// trickled a byte at a time must not hold a handler (and `le webhook listen`) for ever.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// A request body that fails once its time is up.
struct Deadline {
    inner: Incoming,
    /// Set when the time ran out, so that the answer says so (408), whatever the handler
    /// made of the failed read.
    expired: Arc<std::sync::atomic::AtomicBool>,
    /// Set at the first read, so that a handler that waits before reading (the sandbox's
    /// `--latency`) does not eat into the client's time.
    sleep: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl hyper::body::Body for Deadline {
    type Data = axum::body::Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        if let Poll::Ready(frame) = std::pin::Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|r| r.map_err(Into::into)));
        }
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(BODY_TIMEOUT)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.expired
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                Poll::Ready(Some(Err(format!(
                    "the request body did not arrive within {} s",
                    BODY_TIMEOUT.as_secs()
                )
                .into())))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

/// The answer to a request whose body did not arrive in time: 408, in the API's error
/// shape, and the connection closed (what is left of the body cannot be told from the
/// next request).
fn body_timed_out() -> axum::response::Response {
    let body = serde_json::json!({
        "error": "Request Timeout",
        "message": format!("the request body did not arrive within {} s", BODY_TIMEOUT.as_secs()),
        "code": "REQUEST_TIMEOUT",
    });
    axum::response::Response::builder()
        .status(408)
        .header("content-type", "application/json")
        .header("connection", "close")
        .body(Body::from(body.to_string()))
        .unwrap_or_default()
}

pub async fn run(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    run_with(listener, None, app, shutdown).await;
}

/// `run`, over TLS when given an acceptor.
pub async fn run_with(
    listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    app: Router,
    shutdown: impl Future<Output = ()>,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut conns = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors and the like: wait rather than spin.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let (app, stop) = (app.clone(), stop_rx.clone());
                match &tls {
                    None => {
                        conns.spawn(connection(stream, peer, app, stop));
                    }
                    Some(acceptor) => {
                        let acceptor = acceptor.clone();
                        conns.spawn(async move {
                            // A client that never finishes its handshake is cut off, as
                            // one that never finishes its headers is.
                            if let Ok(Ok(tls)) =
                                tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await
                            {
                                connection(tls, peer, app, stop).await;
                            }
                        });
                    }
                }
                while conns.try_join_next().is_some() {}
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(DRAIN, async { while conns.join_next().await.is_some() {} }).await;
}

async fn connection<S>(stream: S, peer: SocketAddr, app: Router, mut stop: watch::Receiver<bool>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let kill = Arc::new(Notify::new());
    let k = ConnKill(kill.clone());
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(k.clone());
        req.extensions_mut().insert(Peer(peer));
        let app = app.clone();
        async move {
            let expired = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let deadline = |inner| Deadline {
                inner,
                expired: expired.clone(),
                sleep: None,
            };
            let resp = app
                .oneshot(req.map(|b| Body::new(deadline(b))))
                .await
                .unwrap_or_else(|e| match e {});
            if expired.load(std::sync::atomic::Ordering::Relaxed) {
                return Ok::<_, Infallible>(body_timed_out());
            }
            Ok(resp)
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    loop {
        tokio::select! {
            _ = conn.as_mut() => return,
            // Dropping the connection closes the socket: the client gets no answer.
            _ = kill.notified() => return,
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.as_mut().await;
                    return;
                }
            }
        }
    }
}
