//! `le sandbox`: a local copy of the Lightning Enable API. It shares the `api` types with
//! the client and nothing else: it is a server, reached only over HTTP.

mod engine;
mod mint;
mod routes;
mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use engine::{Options, Rates};

use crate::error::{Error, Result};

/// A sandbox bound to a socket, ready to serve.
pub struct Bound {
    listener: tokio::net::TcpListener,
    app: axum::Router,
    pub addr: SocketAddr,
    pub dir: PathBuf,
    pub node_pubkey: String,
}

pub async fn bind(dir: &Path, addr: &str, api_keys: Vec<String>) -> Result<Bound> {
    let options = Options::from_env().map_err(Error::Config)?;
    let dir_owned = dir.to_owned();
    // Opening SQLite may wait on another process's lock: keep it off the async thread.
    let engine = tokio::task::spawn_blocking(move || engine::Engine::open(&dir_owned, options))
        .await
        .map_err(Error::internal)?
        .map_err(Error::Internal)?;
    let node_pubkey = engine.node_pubkey();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
    let addr = listener.local_addr().map_err(Error::internal)?;
    let app = routes::router(Arc::new(routes::AppState { engine, api_keys }));
    Ok(Bound {
        listener,
        app,
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
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::internal(format!("sandbox server failed: {e}")))
    }

    /// Serves in the background of this process, for `le --sandbox …`.
    pub fn spawn(self) -> String {
        let url = self.url();
        tokio::spawn(async move {
            let _ = axum::serve(self.listener, self.app).await;
        });
        url
    }
}
