//! `le sandbox`: a local copy of the Lightning Enable API. It shares the `api` types and
//! the webhook signatures with the client and nothing else: it is a server, reached only
//! over HTTP.

mod checkout;
mod deliver;
mod engine;
mod faults;
mod limits;
mod mint;
mod routes;
mod store;
mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use engine::{ACCOUNT_STATES, Hook, Options};
pub use faults::Faults;
pub use limits::Limiter;

use crate::error::{Error, Result};

/// The key `le --sandbox` sends the sandbox inside the process: its merchant is the
/// embedded sandbox's own (and inherits the state of a sandbox older than merchants).
pub const EMBEDDED_KEY: &str = "le_sandbox_embedded";

/// How a sandbox serves, beyond its engine's options.
pub struct ServeOptions {
    /// Where its warnings go.
    pub out: crate::render::Output,
    pub engine: Options,
    /// Keys accepted; empty means any non-empty key.
    pub api_keys: Vec<String>,
    pub limiter: Limiter,
    pub faults: Faults,
    /// Whether this process delivers webhooks and applies time-driven changes on its own.
    pub background: bool,
    pub webhook_timeout: Duration,
    /// Certificates trusted besides the system's for https webhook endpoints: the file
    /// of `--cacert`/`LE_CACERT` (not a profile's, and no config file is read, so that a
    /// broken one never stops the sandbox), read when deliveries start.
    pub webhook_cacert: Option<std::path::PathBuf>,
    /// Serve https with the state's own certificate.
    pub tls: bool,
    /// Where clients reach it when not at the address it listens on (a container, a
    /// proxy): the base of `hostedCheckoutUrl`. Only a served sandbox has checkout pages.
    pub public_url: Option<String>,
    pub checkout: bool,
    /// One line per request on stderr.
    pub log_requests: bool,
}

impl ServeOptions {
    /// The embedded sandbox: no limits, no faults, no background work.
    pub fn embedded(out: &crate::render::Output) -> Result<ServeOptions> {
        Ok(ServeOptions {
            out: out.clone(),
            engine: Options::from_env().map_err(Error::Config)?,
            api_keys: Vec::new(),
            limiter: Limiter::off(),
            faults: Faults::default(),
            background: false,
            webhook_timeout: Duration::from_secs(30),
            webhook_cacert: None,
            tls: false,
            public_url: None,
            checkout: false,
            log_requests: false,
        })
    }
}

/// A sandbox bound to a socket, ready to serve.
pub struct Bound {
    listener: tokio::net::TcpListener,
    state: Arc<routes::AppState>,
    background: bool,
    webhook_timeout: Duration,
    webhook_cacert: Option<std::path::PathBuf>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    pub addr: SocketAddr,
    pub dir: PathBuf,
    pub node_pubkey: String,
    /// With TLS: the certificate clients trust.
    pub cert_path: Option<PathBuf>,
    /// Where payers reach the checkout pages.
    pub public_url: String,
}

pub async fn bind(dir: &Path, addr: &str, opts: ServeOptions) -> Result<Bound> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
    let addr = listener.local_addr().map_err(Error::internal)?;
    let scheme = if opts.tls { "https" } else { "http" };
    let public_url = match &opts.public_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => format!("{scheme}://{}", reachable(addr)),
    };
    let tls = if opts.tls {
        let host = reqwest::Url::parse(&public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned));
        let dir = dir.to_owned();
        Some(
            tokio::task::spawn_blocking(move || tls::prepare(&dir, host.as_deref()))
                .await
                .map_err(Error::internal)?
                .map_err(Error::Config)?,
        )
    } else {
        None
    };
    let dir_owned = dir.to_owned();
    let mut engine_opts = opts.engine;
    engine_opts.checkout_base = opts.checkout.then(|| public_url.clone());
    // Opening SQLite may wait on another process's lock: keep it off the async thread.
    // A state that cannot be used (unwritable, not a database, a planted link) is this
    // machine's to fix, not a bug of le's: exit 2 with what is wrong.
    let engine = tokio::task::spawn_blocking(move || engine::Engine::open(&dir_owned, engine_opts))
        .await
        .map_err(Error::internal)?
        .map_err(Error::Config)?;
    let node_pubkey = engine.node_pubkey();
    let state = Arc::new(routes::AppState {
        engine,
        out: opts.out,
        api_keys: opts.api_keys,
        limiter: opts.limiter,
        faults: opts.faults,
        log_requests: opts.log_requests,
    });
    Ok(Bound {
        listener,
        state,
        background: opts.background,
        webhook_timeout: opts.webhook_timeout,
        webhook_cacert: opts.webhook_cacert,
        cert_path: tls.as_ref().map(|t| t.cert_path.clone()),
        tls: tls.map(|t| t.acceptor),
        addr,
        dir: dir.to_owned(),
        node_pubkey,
        public_url,
    })
}

/// An address a browser on this machine can open: a server listening on every interface
/// is reached over loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

impl Bound {
    /// Where this server answers, as clients on this machine reach it.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", reachable(self.addr))
    }

    /// Serves until `shutdown` resolves, finishing requests already under way.
    pub async fn serve(self, shutdown: impl Future<Output = ()>) {
        let app = routes::router(self.state.clone());
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let background = self.background.then(|| {
            tokio::spawn(deliver::run(
                self.state.clone(),
                self.webhook_timeout,
                self.webhook_cacert.clone(),
                stop_rx,
            ))
        });
        crate::net::server::run_with(self.listener, self.tls, app, shutdown).await;
        let _ = stop_tx.send(true);
        if let Some(b) = background {
            let _ = b.await;
        }
    }

    /// Serves in the background of this process, for `le --sandbox …`.
    pub fn spawn(self) -> String {
        let url = self.url();
        tokio::spawn(self.serve(std::future::pending()));
        url
    }
}
