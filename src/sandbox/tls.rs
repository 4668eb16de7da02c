//! `le sandbox serve --tls`: https on this machine, as the hosted API is https-only.
//!
//! The sandbox makes its own small certificate authority and, signed by it, a server
//! certificate for 127.0.0.1, ::1 and localhost (and the `--public-url` host). The
//! authority's certificate is written to `<dir>/tls/cert.pem` for clients to trust
//! (`le --cacert`, `curl --cacert`, a merchant's own HTTP client); the server's key and
//! certificates stay in `<dir>/tls/server.pem`, readable by its owner only. Both are kept
//! across restarts, so a client told to trust the file once keeps working, and are made
//! again when the names change or the certificate nears its end.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::files::{self, Mode};

/// What a served sandbox needs for https.
pub struct Tls {
    pub acceptor: tokio_rustls::TlsAcceptor,
    /// The certificate clients trust.
    pub cert_path: PathBuf,
}

/// How long a certificate is made for, and how close to its end it is made anew.
const VALID_DAYS: i64 = 365;
const RENEW_DAYS: i64 = 30;

/// The first line of `server.pem`: which names it was made for, and until when.
fn header(names: &[String], not_after: i64) -> String {
    format!(
        "# le sandbox: names={} not_after={not_after}\n",
        names.join(",")
    )
}

/// The certificate's names: loopback under every name, and the public host if any.
pub fn names(public_host: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = ["localhost", "127.0.0.1", "::1"]
        .map(str::to_owned)
        .to_vec();
    if let Some(h) = public_host {
        let h = h.trim_start_matches('[').trim_end_matches(']').to_owned();
        if !h.is_empty() && !names.contains(&h) {
            names.push(h);
        }
    }
    names
}

/// The directory of the server's key must be this user's and writable by no one else:
/// in a shared state directory (`/tmp`), another user could otherwise have put a key and
/// an authority of their own there first, which `le` would serve and tell clients to
/// trust.
#[cfg(unix)]
fn owned_by_us(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let m = dir
        .symlink_metadata()
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let me = rustix::process::geteuid().as_raw();
    if m.uid() != me || m.mode() & 0o022 != 0 {
        return Err(format!(
            "{} belongs to another user or others may write to it: le keeps the server's key only in a directory of its own; remove it, or use a state directory of your own (--dir)",
            dir.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn owned_by_us(_dir: &Path) -> Result<(), String> {
    Ok(())
}

/// Loads the state's certificate, or makes one, and readies the server side of TLS.
pub fn prepare(dir: &Path, public_host: Option<&str>) -> Result<Tls, String> {
    let tls_dir = dir.join("tls");
    files::create_private_dir(&tls_dir)
        .map_err(|e| format!("cannot create {}: {e}", tls_dir.display()))?;
    let server_path = tls_dir.join("server.pem");
    let cert_path = tls_dir.join("cert.pem");
    // As for the state itself: a link planted where these go would have the sandbox
    // write its key or certificate into the file it names.
    for p in [&tls_dir, &server_path, &cert_path] {
        if p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(format!(
                "{} is a symbolic link; le does not follow one there: remove it",
                p.display()
            ));
        }
    }
    owned_by_us(&tls_dir)?;
    let names = names(public_host);
    let now = jiff::Timestamp::now().as_second();
    let kept = std::fs::read_to_string(&server_path).ok().filter(|text| {
        let first = text.lines().next().unwrap_or_default();
        let wanted = header(&names, 0);
        let (want_names, _) = wanted.trim_end().rsplit_once(' ').unwrap_or_default();
        let (have_names, have_end) = first.rsplit_once(' ').unwrap_or_default();
        let end: i64 = have_end
            .strip_prefix("not_after=")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        have_names == want_names && end > now + RENEW_DAYS * 86_400
    });
    let (server_pem, ca_pem) = match kept {
        Some(text) => {
            let ca = ca_of(&text)?;
            (text, ca)
        }
        None => {
            let made = make(&names, now)?;
            files::write_atomic(&server_path, made.0.as_bytes(), Mode::Private)
                .map_err(|e| format!("cannot write {}: {e}", server_path.display()))?;
            made
        }
    };
    // The file to trust is rewritten whenever it differs, so that it always names the
    // authority this server's certificate comes from.
    if std::fs::read_to_string(&cert_path).ok().as_deref() != Some(ca_pem.as_str()) {
        files::write_atomic(&cert_path, ca_pem.as_bytes(), Mode::Shared)
            .map_err(|e| format!("cannot write {}: {e}", cert_path.display()))?;
    }
    Ok(Tls {
        acceptor: acceptor(&server_pem)?,
        cert_path,
    })
}

/// A new authority and server certificate: `server.pem`'s text and the authority's PEM.
fn make(names: &[String], now: i64) -> Result<(String, String), String> {
    let bad = |e: rcgen::Error| format!("cannot make the TLS certificate: {e}");
    let date = |secs: i64| {
        let d = jiff::Timestamp::from_second(secs)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        rcgen::date_time_ymd(i32::from(d.year()), d.month() as u8, d.day() as u8)
    };
    let not_after = now + VALID_DAYS * 86_400;

    let ca_key = rcgen::KeyPair::generate().map_err(bad)?;
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(bad)?;
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "le sandbox local authority");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Constrained(0));
    ca.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    ca.not_before = date(now - 86_400);
    ca.not_after = date(not_after);
    let ca = rcgen::CertifiedIssuer::self_signed(ca, ca_key).map_err(bad)?;

    let key = rcgen::KeyPair::generate().map_err(bad)?;
    let mut leaf = rcgen::CertificateParams::new(names.to_vec()).map_err(bad)?;
    leaf.distinguished_name
        .push(rcgen::DnType::CommonName, "le sandbox");
    leaf.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    leaf.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    leaf.not_before = date(now - 86_400);
    leaf.not_after = date(not_after);
    let cert = leaf.signed_by(&key, &ca).map_err(bad)?;

    let server = format!(
        "{}{}{}{}",
        header(names, not_after),
        key.serialize_pem(),
        cert.pem(),
        ca.pem()
    );
    Ok((server, ca.pem()))
}

/// The authority's certificate: the last certificate in `server.pem`.
fn ca_of(server_pem: &str) -> Result<String, String> {
    let begin = "-----BEGIN CERTIFICATE-----";
    let at = server_pem
        .rfind(begin)
        .ok_or("the sandbox's TLS file has no certificate: delete its tls/ directory")?;
    Ok(server_pem[at..].trim_end().to_owned() + "\n")
}

fn acceptor(server_pem: &str) -> Result<tokio_rustls::TlsAcceptor, String> {
    let damaged = |what: &str| {
        format!(
            "the sandbox's TLS file is damaged ({what}): delete its tls/ directory to make a new one"
        )
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(server_pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| damaged(&e.to_string()))?;
    if certs.is_empty() {
        return Err(damaged("no certificate"));
    }
    let key = PrivateKeyDer::from_pem_slice(server_pem.as_bytes())
        .map_err(|e| damaged(&e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| damaged(&e.to_string()))?;
    // The server speaks HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_loopback_and_the_public_host() {
        assert_eq!(names(None), vec!["localhost", "127.0.0.1", "::1"]);
        assert_eq!(names(Some("localhost")).len(), 3);
        assert_eq!(names(Some("[::1]")).len(), 3);
        assert_eq!(names(Some("sandbox.internal"))[3], "sandbox.internal");
    }

    #[test]
    fn a_certificate_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = prepare(dir.path(), None).unwrap();
        let first = std::fs::read_to_string(&a.cert_path).unwrap();
        assert!(first.starts_with("-----BEGIN CERTIFICATE-----"), "{first}");
        let b = prepare(dir.path(), None).unwrap();
        assert_eq!(std::fs::read_to_string(&b.cert_path).unwrap(), first);
        // Another name: a new certificate, and a new file to trust.
        let c = prepare(dir.path(), Some("sandbox.internal")).unwrap();
        assert_ne!(std::fs::read_to_string(&c.cert_path).unwrap(), first);
    }
}
