//! HTTP plumbing shared by the client and the servers: the one place an HTTP client is
//! built (for the API, `le webhook send` and the sandbox's webhook deliveries alike: TLS
//! set up once, timeouts, no redirects, no proxy between `le` and this machine), and the
//! one accept loop the servers run on (`server`).

pub mod roots;
pub mod server;

use std::time::Duration;

/// How a client is set up.
#[derive(Debug, Clone)]
pub struct NetOptions {
    /// The whole exchange, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `le/0.1.0` or `le-sandbox/0.1.0`.
    pub user_agent: &'static str,
    /// Skip proxies from the environment (servers on this machine).
    pub direct: bool,
    /// Whether https will be used at all: when not, no certificate store is loaded, which
    /// is most of a short command's time. It fails closed should TLS ever be tried.
    pub tls: bool,
    /// Certificates trusted besides the system's (`--cacert`), e.g. a served sandbox's.
    pub extra_roots: Vec<Root>,
}

pub const USER_AGENT: &str = concat!("le/", env!("CARGO_PKG_VERSION"));
pub const SANDBOX_USER_AGENT: &str = concat!("le-sandbox/", env!("CARGO_PKG_VERSION"));

impl NetOptions {
    pub fn new(timeout: Duration) -> NetOptions {
        NetOptions {
            timeout,
            connect_timeout: timeout.min(Duration::from_secs(10)),
            user_agent: USER_AGENT,
            direct: false,
            tls: true,
            extra_roots: Vec::new(),
        }
    }

    /// Options for talking to `url`: direct when it is on this machine, TLS only for https.
    pub fn for_url(url: &reqwest::Url, timeout: Duration) -> NetOptions {
        let mut o = NetOptions::new(timeout);
        o.direct = is_loopback(url);
        o.tls = url.scheme() == "https";
        o
    }
}

/// reqwest panics when it builds a client without a TLS provider installed; this installs
/// ours (ring) once, whoever asks first.
pub fn ensure_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A trusted certificate (DER).
pub type Root = rustls::pki_types::CertificateDer<'static>;

pub fn client(o: &NetOptions) -> Result<reqwest::Client, String> {
    ensure_tls_provider();
    let mut b = reqwest::Client::builder()
        .user_agent(o.user_agent)
        .connect_timeout(o.connect_timeout)
        .timeout(o.timeout)
        // Following a redirect could carry the key, or a signed webhook, to another host.
        .redirect(reqwest::redirect::Policy::none());
    if o.direct {
        b = b.no_proxy();
    }
    // Only for https: an http client reads no certificate at all.
    let preconfigured = match o.tls.then(roots::system_bundle).flatten() {
        Some(bundle) => roots::config(bundle, &o.extra_roots)?,
        None => None,
    };
    if !o.tls {
        b = b.tls_certs_only(std::iter::empty());
    } else if let Some(config) = preconfigured {
        b = b.tls_backend_preconfigured(config);
    } else if !o.extra_roots.is_empty() {
        let extra = o
            .extra_roots
            .iter()
            .map(|c| reqwest::Certificate::from_der(c));
        b = b.tls_certs_merge(
            extra
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?,
        );
    }
    b.build()
        .map_err(|e| format!("could not set up HTTP: {}", root_cause(&e)))
}

/// The certificates of a PEM file, to trust besides the system's.
pub fn load_roots(path: &std::path::Path) -> Result<Vec<Root>, String> {
    use rustls::pki_types::pem::PemObject;
    // A file of certificates, of a sane size: never a FIFO that blocks, or /dev/zero.
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file of certificates", path.display()));
    }
    if meta.len() > 16 << 20 {
        return Err(format!(
            "{} is over 16 MiB: not a file of certificates",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let certs = Root::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{} is not a PEM certificate file: {e}", path.display()))?;
    if let Some(bad) = certs.iter().find_map(roots::refused) {
        return Err(format!(
            "{} holds a certificate that cannot be trusted: {bad}",
            path.display()
        ));
    }
    if certs.is_empty() {
        return Err(format!(
            "{} holds no certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(certs)
}

/// Whether a URL names this machine.
pub fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The innermost cause, which is what says what happened ("Connection refused").
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
