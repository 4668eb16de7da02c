//! The certificates `le` trusts for https.
//!
//! On Linux the system's trust store is a bundle file that the distribution keeps
//! (`update-ca-certificates` on Debian, `update-ca-trust` on Fedora), or the one
//! `SSL_CERT_FILE` names, plus a directory (`/etc/ssl/certs`, or `SSL_CERT_DIR`). The
//! platform verifier reqwest would use reads the bundle *and* every file of the directory
//! each time a client is made, which was most of the time of a short command over https
//! (see benches/README.md). `le` reads the bundle alone first, and only when a server's
//! certificate does not verify against it (and `--cacert`) does it ask the platform
//! verifier, which reads everything as before. The bundle is part of what the platform
//! verifier trusts, so what is trusted is exactly what it was: a certificate only in the
//! directory still verifies, at the old cost. On macOS and Windows the platform verifier
//! is used directly. Either way `--cacert` adds its certificates to the system's.

use std::sync::{Arc, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::Root;

/// Where Linux distributions keep the bundle, in the order OpenSSL's probe looks.
#[cfg(target_os = "linux")]
const BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo, Arch
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // Fedora, RHEL, CentOS
    "/etc/pki/tls/certs/ca-bundle.crt",   // older RHEL
    "/etc/ssl/ca-bundle.pem",             // openSUSE
    "/etc/pki/tls/cacert.pem",            // OpenELEC
    "/etc/ssl/cert.pem",                  // Alpine
];

/// The system's roots from its bundle file, read once per process; `None` where the
/// platform verifier finds them itself: not Linux, no bundle file, or a trust store that
/// is not a bundle plus a directory (`SSL_CERT_DIR` alone, see `load`).
pub fn system_bundle() -> Option<&'static [Root]> {
    static BUNDLE: OnceLock<Option<Vec<Root>>> = OnceLock::new();
    BUNDLE.get_or_init(load).as_deref()
}

/// A bundle larger than this is not read here (the largest distributions' are under
/// 300 KB): the platform verifier, which streams it, is left to it.
#[cfg(target_os = "linux")]
const MAX_BUNDLE: u64 = 16 << 20;

/// The bundle, where the platform verifier's store is that bundle plus a directory:
/// `SSL_CERT_FILE` (with or without `SSL_CERT_DIR`), or neither variable and the
/// distribution's file. `SSL_CERT_DIR` alone means that directory only, no bundle: then
/// reading the distribution's bundle would trust more than the platform verifier does.
#[cfg(target_os = "linux")]
fn load() -> Option<Vec<Root>> {
    let file = bundle_path(
        std::env::var_os("SSL_CERT_FILE"),
        std::env::var_os("SSL_CERT_DIR"),
        |p| p.is_file(),
    )?;
    // A regular file of a sane size: never a FIFO that blocks or /dev/zero.
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() || meta.len() > MAX_BUNDLE {
        return None;
    }
    let bytes = std::fs::read(file).ok()?;
    let certs = pem_certificates(&bytes);
    (!certs.is_empty()).then_some(certs)
}

/// The certificates of a PEM bundle; blocks that do not decode are left out, as the
/// platform verifier leaves them. Certificates are public: this decodes base64 with a
/// fast decoder rather than `rustls-pki-types`' constant-time one, which was an eighth of
/// the time of `le get` over https.
pub fn pem_certificates(text: &[u8]) -> Vec<Root> {
    use base64::Engine;
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let mut certs = Vec::new();
    let mut body = Vec::new();
    let mut inside = false;
    for line in text.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        if line == BEGIN {
            inside = true;
            body.clear();
        } else if line == END {
            if inside && let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&body) {
                certs.push(Root::from(der));
            }
            inside = false;
        } else if inside {
            body.extend_from_slice(line);
        }
    }
    certs
}

/// Which bundle file to read, given `SSL_CERT_FILE`, `SSL_CERT_DIR` and a test of
/// whether a path is a file.
#[cfg(target_os = "linux")]
fn bundle_path(
    file: Option<std::ffi::OsString>,
    dir: Option<std::ffi::OsString>,
    exists: impl Fn(&std::path::Path) -> bool,
) -> Option<std::path::PathBuf> {
    match (file, dir) {
        (Some(f), _) => Some(f.into()),
        (None, Some(_)) => None,
        (None, None) => BUNDLES
            .iter()
            .map(std::path::Path::new)
            .find(|p| exists(p))
            .map(|p| p.to_owned()),
    }
}

#[cfg(not(target_os = "linux"))]
fn load() -> Option<Vec<Root>> {
    None
}

/// A TLS configuration trusting what the platform verifier trusts plus every certificate
/// of `extra`, checked against `bundle` (what of it rustls can use, as the platform
/// verifier does) first. `None` when the bundle holds no certificate rustls can use:
/// the platform verifier alone decides then.
pub fn config(bundle: &[Root], extra: &[Root]) -> Result<Option<rustls::ClientConfig>, String> {
    let mut store = RootCertStore::empty();
    let (usable, _) = store.add_parsable_certificates(bundle.iter().cloned());
    if usable == 0 {
        return Ok(None);
    }
    for cert in extra {
        store
            .add(cert.clone())
            .map_err(|e| format!("a certificate of --cacert cannot be trusted: {e}"))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let fast = WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
        .build()
        .map_err(|e| format!("could not set up TLS: {e}"))?;
    let verifier = BundleFirst {
        fast,
        extra: extra.to_vec(),
        provider: provider.clone(),
        platform: OnceLock::new(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("could not set up TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // What reqwest itself offers when it builds the configuration (it speaks HTTP/1.1).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(config))
}

/// Why rustls would not take `cert` as a trust anchor, if it would not.
pub fn refused(cert: &Root) -> Option<String> {
    RootCertStore::empty()
        .add(cert.clone())
        .err()
        .map(|e| e.to_string())
}

/// The bundle's verifier, then, for a certificate it does not take, the platform's.
#[derive(Debug)]
struct BundleFirst {
    fast: Arc<WebPkiServerVerifier>,
    extra: Vec<Root>,
    provider: Arc<CryptoProvider>,
    /// Made (the whole system store read) only when the bundle is not enough.
    platform: OnceLock<Result<rustls_platform_verifier::Verifier, rustls::Error>>,
}

impl ServerCertVerifier for BundleFirst {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let first = match self.fast.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(verified) => return Ok(verified),
            Err(e) => e,
        };
        let platform = self.platform.get_or_init(|| {
            rustls_platform_verifier::Verifier::new_with_extra_roots(
                self.extra.iter().cloned(),
                self.provider.clone(),
            )
        });
        match platform {
            Ok(p) => {
                p.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            }
            // No system store at all: the bundle's answer stands.
            Err(_) => Err(first),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.fast.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.fast.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.fast.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::pki_types::pem::PemObject;

    /// The same certificates as rustls' own PEM reader finds, around comments, CRLF line
    /// ends, other kinds of block and a block that is not base64.
    #[test]
    fn pem_certificates_reads_what_rustls_reads() {
        let pem = |name: &str| {
            rcgen::generate_simple_self_signed(vec![name.to_owned()])
                .unwrap()
                .cert
                .pem()
        };
        let text = format!(
            "# a comment\n{}\r\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n\
             -----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n{}",
            pem("a.example").replace('\n', "\r\n"),
            pem("b.example")
        );
        let ours = pem_certificates(text.as_bytes());
        assert_eq!(ours.len(), 2);
        let without_bad = text.replace(
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
            "",
        );
        let theirs: Vec<Root> = Root::pem_slice_iter(without_bad.as_bytes())
            .filter_map(Result::ok)
            .collect();
        assert_eq!(ours, theirs);
        // And the same as rustls on this machine's own bundle, where it has one.
        if let Ok(bundle) = std::fs::read("/etc/ssl/certs/ca-certificates.crt") {
            let theirs: Vec<Root> = Root::pem_slice_iter(&bundle)
                .filter_map(Result::ok)
                .collect();
            assert!(!theirs.is_empty());
            assert_eq!(pem_certificates(&bundle), theirs);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_bundle_is_read_only_where_the_platform_verifier_reads_one_too() {
        let all = |_: &std::path::Path| true;
        let none = |_: &std::path::Path| false;
        // SSL_CERT_FILE, with or without a directory: that file.
        assert_eq!(
            bundle_path(Some("/x.pem".into()), None, all),
            Some("/x.pem".into())
        );
        assert_eq!(
            bundle_path(Some("/x.pem".into()), Some("/d".into()), all),
            Some("/x.pem".into())
        );
        // SSL_CERT_DIR alone is that directory and nothing else: no bundle.
        assert_eq!(bundle_path(None, Some("/d".into()), all), None);
        // Neither: the distribution's, in the order OpenSSL looks.
        assert_eq!(
            bundle_path(None, None, all),
            Some("/etc/ssl/certs/ca-certificates.crt".into())
        );
        assert_eq!(
            bundle_path(None, None, |p: &std::path::Path| p.starts_with("/etc/pki")),
            Some("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem".into())
        );
        assert_eq!(bundle_path(None, None, none), None);
    }
}
