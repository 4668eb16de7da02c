//! The ways a run is asked to stop, other than finishing.

use std::future::Future;

use crate::error::{Error, Result};

/// `work`, or `Error::Interrupted` if Ctrl-C comes first. The handler is in place before
/// `work` is first polled, so nothing is sent that Ctrl-C would not stop.
pub async fn interruptible<T>(work: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::select! {
        biased;
        _ = tokio::signal::ctrl_c() => Err(Error::Interrupted(None)),
        r = work => r,
    }
}

/// Resolves when `le` is asked to stop other than by Ctrl-C: SIGTERM, SIGHUP (its
/// terminal closed) or SIGQUIT. A command that has taken over the terminal races its
/// work against this, so that it can give the terminal back. Never resolves elsewhere.
pub async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut term), Ok(mut hup), Ok(mut quit)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
            signal(SignalKind::quit()),
        ) {
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
                _ = quit.recv() => {}
            }
            return;
        }
    }
    std::future::pending::<()>().await
}
