//! Posting a signed webhook: the one sender that `le webhook send` and the sandbox's
//! deliveries share, built on the one HTTP-client builder.

use std::time::{Duration, Instant};

use crate::net::{self, NetOptions};

/// Which signature headers go along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schemes {
    pub current: bool,
    pub legacy: bool,
}

impl Schemes {
    pub const BOTH: Schemes = Schemes {
        current: true,
        legacy: true,
    };
}

/// One delivery of one event.
pub struct Delivery<'a> {
    pub url: &'a str,
    pub event: &'a str,
    pub delivery_id: &'a str,
    pub body: &'a [u8],
    pub secret: &'a [u8],
    pub schemes: Schemes,
    /// The signing time (Unix seconds).
    pub t: i64,
}

impl Delivery<'_> {
    /// The headers it goes out with, as the API sends them.
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (
                super::DELIVERY_HEADER.to_owned(),
                self.delivery_id.to_owned(),
            ),
            (super::EVENT_HEADER.to_owned(), self.event.to_owned()),
        ];
        if self.schemes.current {
            h.push((
                super::SIGNATURE_HEADER.to_owned(),
                super::sign(self.secret, self.t, self.body),
            ));
        }
        if self.schemes.legacy {
            h.push((
                super::LEGACY_SIGNATURE_HEADER.to_owned(),
                super::sign_legacy(self.secret, self.body),
            ));
        }
        h
    }
}

/// How a delivery went.
#[derive(Debug)]
pub struct Sent {
    pub status: Option<u16>,
    /// The receiver's answer, cut at 64 KiB.
    pub answer: Vec<u8>,
    pub error: Option<String>,
    pub elapsed: Duration,
}

/// The receiver's answer is for showing, never for keeping whole.
const MAX_ANSWER: usize = 64 * 1024;

pub struct Sender {
    direct: reqwest::Client,
    proxied: reqwest::Client,
    timeout: Duration,
}

impl Sender {
    /// `roots`: certificates trusted besides the system's for https receivers
    /// (`--cacert`).
    pub fn new(
        timeout: Duration,
        user_agent: &'static str,
        roots: &[net::Root],
    ) -> Result<Sender, String> {
        let mut o = NetOptions::new(timeout);
        o.user_agent = user_agent;
        o.extra_roots = roots.to_vec();
        o.direct = true;
        let direct = net::client(&o)?;
        o.direct = false;
        let proxied = net::client(&o)?;
        Ok(Sender {
            direct,
            proxied,
            timeout,
        })
    }

    /// Posts the event. A receiver on this machine is reached directly; others may need
    /// the environment's proxy (a tunnel to a laptop, say). The receiver has to answer in
    /// full within the timeout, body included.
    pub async fn send(&self, d: &Delivery<'_>) -> Sent {
        let local = reqwest::Url::parse(d.url).is_ok_and(|u| net::is_loopback(&u));
        let client = if local { &self.direct } else { &self.proxied };
        let mut req = client.post(d.url);
        for (k, v) in d.headers() {
            req = req.header(k, v);
        }
        let started = Instant::now();
        let result = async {
            let mut resp = req.body(d.body.to_vec()).send().await?;
            let status = resp.status().as_u16();
            let mut answer = Vec::new();
            while let Some(chunk) = resp.chunk().await? {
                let room = MAX_ANSWER.saturating_sub(answer.len());
                answer.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok::<_, reqwest::Error>((status, answer))
        }
        .await;
        let (status, answer, error) = match result {
            Ok((s, a)) => (Some(s), a, None),
            Err(e) => (None, Vec::new(), Some(self.describe(&e))),
        };
        Sent {
            status,
            answer,
            error,
            elapsed: started.elapsed(),
        }
    }

    fn describe(&self, e: &reqwest::Error) -> String {
        if e.is_timeout() {
            format!("no answer within {} s", self.timeout.as_secs_f64())
        } else {
            net::root_cause(e)
        }
    }
}
