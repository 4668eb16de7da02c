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
#[cfg(target_os = "linux")]
use rustls::pki_types::pem::PemObject;
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
/// platform verifier finds them (not Linux, or no bundle file).
pub fn system_bundle() -> Option<&'static [Root]> {
    static BUNDLE: OnceLock<Option<Vec<Root>>> = OnceLock::new();
    BUNDLE.get_or_init(load).as_deref()
}

#[cfg(target_os = "linux")]
fn load() -> Option<Vec<Root>> {
    let file = match std::env::var_os("SSL_CERT_FILE") {
        Some(f) => std::path::PathBuf::from(f),
        None => BUNDLES
            .iter()
            .map(std::path::Path::new)
            .find(|p| p.is_file())?
            .to_owned(),
    };
    let bytes = std::fs::read(file).ok()?;
    let certs: Vec<Root> = Root::pem_slice_iter(&bytes)
        .filter_map(Result::ok)
        .collect();
    (!certs.is_empty()).then_some(certs)
}

#[cfg(not(target_os = "linux"))]
fn load() -> Option<Vec<Root>> {
    None
}

/// A TLS configuration trusting what the platform verifier trusts plus every certificate
/// of `extra`, checked against `bundle` (what of it rustls can use, as the platform
/// verifier does) first.
pub fn config(bundle: &[Root], extra: &[Root]) -> Result<rustls::ClientConfig, String> {
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(bundle.iter().cloned());
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
    Ok(config)
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
