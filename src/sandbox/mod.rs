//! `le sandbox`: a local copy of the Lightning Enable API. It shares the `api` types and
//! the webhook signatures with the client and nothing else: it is a server, reached only
//! over HTTP.

mod deliver;
mod engine;
mod faults;
mod limits;
mod mint;
mod routes;
mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use engine::{Hook, Options};
pub use faults::Faults;
pub use limits::Limiter;

use crate::error::{Error, Result};

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
        })
    }
}

/// A sandbox bound to a socket, ready to serve.
pub struct Bound {
    listener: tokio::net::TcpListener,
    state: Arc<routes::AppState>,
    background: bool,
    webhook_timeout: Duration,
    pub addr: SocketAddr,
    pub dir: PathBuf,
    pub node_pubkey: String,
}

pub async fn bind(dir: &Path, addr: &str, opts: ServeOptions) -> Result<Bound> {
    let dir_owned = dir.to_owned();
    let engine_opts = opts.engine;
    // Opening SQLite may wait on another process's lock: keep it off the async thread.
    let engine = tokio::task::spawn_blocking(move || engine::Engine::open(&dir_owned, engine_opts))
        .await
        .map_err(Error::internal)?
        .map_err(Error::Internal)?;
    let node_pubkey = engine.node_pubkey();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
    let addr = listener.local_addr().map_err(Error::internal)?;
    let state = Arc::new(routes::AppState {
        engine,
        out: opts.out,
        api_keys: opts.api_keys,
        limiter: opts.limiter,
        faults: opts.faults,
    });
    Ok(Bound {
        listener,
        state,
        background: opts.background,
        webhook_timeout: opts.webhook_timeout,
        addr,
        dir: dir.to_owned(),
        node_pubkey,
    })
}

impl Bound {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until `shutdown` resolves, finishing requests already under way.
    pub async fn serve(self, shutdown: impl Future<Output = ()>) {
        let app = routes::router(self.state.clone());
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let background = self.background.then(|| {
            tokio::spawn(deliver::run(
                self.state.clone(),
                self.webhook_timeout,
                stop_rx,
            ))
        });
        crate::net::server::run(self.listener, app, shutdown).await;
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
