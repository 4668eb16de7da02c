//! Rate limits as the API reference describes them: fixed windows per API key, with the
//! `X-RateLimit-*` numbers for every answer and a refusal past the limit.

use std::collections::HashMap;
use std::sync::Mutex;

type WindowKey = (String, &'static str);

/// Counts requests per key and policy in fixed windows, as the hosted API does.
pub struct Limiter {
    policies: Vec<Policy>,
    /// (key, policy) → (window start, requests counted in it)
    windows: Mutex<HashMap<WindowKey, (i64, u32)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub name: &'static str,
    pub limit: u32,
    pub window_secs: u32,
}

/// Which policies a request counts against, besides `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestClass {
    Read,
    Create,
    Other,
}

/// The numbers for the `X-RateLimit-*` headers, or a refusal.
#[derive(Debug, Clone)]
pub struct LimitState {
    pub limit: u32,
    pub remaining: u32,
    pub reset: i64,
    pub window_secs: u32,
}

impl Limiter {
    /// `off`, `real` (the reference's 100 global, 200 read, 10 create per minute), or a
    /// list such as `create=50/1s,read=500/1s` that replaces them.
    pub fn parse(spec: &str) -> Result<Limiter, String> {
        let spec = spec.trim();
        let policies = match spec {
            "off" => Vec::new(),
            "real" => vec![
                Policy {
                    name: "global",
                    limit: 100,
                    window_secs: 60,
                },
                Policy {
                    name: "read",
                    limit: 200,
                    window_secs: 60,
                },
                Policy {
                    name: "create",
                    limit: 10,
                    window_secs: 60,
                },
            ],
            list => list
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(parse_policy)
                .collect::<Result<Vec<_>, _>>()?,
        };
        if policies.is_empty() && spec != "off" {
            return Err("give off, real, or policies like create=50/1s,read=500/1s".into());
        }
        Ok(Limiter {
            policies,
            windows: Mutex::new(HashMap::new()),
        })
    }

    pub fn off() -> Limiter {
        Limiter {
            policies: Vec::new(),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request; `Err` carries the policy that refused it.
    pub fn check(
        &self,
        key: &str,
        class: RequestClass,
        now_ms: i64,
    ) -> Option<Result<LimitState, LimitState>> {
        let applicable: Vec<&Policy> = self
            .policies
            .iter()
            .filter(|p| match p.name {
                "global" => true,
                "read" => class == RequestClass::Read,
                "create" => class == RequestClass::Create,
                _ => false,
            })
            .collect();
        if applicable.is_empty() {
            return None;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let now = now_ms.div_euclid(1000);
        let states: Vec<(&Policy, i64, u32)> = applicable
            .iter()
            .map(|p| {
                let w = p.window_secs as i64;
                let start = now - now.rem_euclid(w);
                let used = match windows.get(&(key.to_owned(), p.name)) {
                    Some((s, n)) if *s == start => *n,
                    _ => 0,
                };
                (*p, start, used)
            })
            .collect();
        let state = |p: &Policy, start: i64, used: u32| LimitState {
            limit: p.limit,
            remaining: p.limit.saturating_sub(used),
            reset: start + p.window_secs as i64,
            window_secs: p.window_secs,
        };
        if let Some((p, start, used)) = states.iter().find(|(p, _, used)| *used >= p.limit) {
            return Some(Err(state(p, *start, *used)));
        }
        let mut tightest: Option<LimitState> = None;
        for (p, start, used) in states {
            windows.insert((key.to_owned(), p.name), (start, used + 1));
            let s = state(p, start, used + 1);
            if tightest.as_ref().is_none_or(|t| s.remaining < t.remaining) {
                tightest = Some(s);
            }
        }
        tightest.map(Ok)
    }
}

fn parse_policy(p: &str) -> Result<Policy, String> {
    let bad = || {
        format!("rate limit '{p}' should look like create=50/1s (policies: global, read, create)")
    };
    let (name, rest) = p.split_once('=').ok_or_else(bad)?;
    let name = match name.trim() {
        "global" => "global",
        "read" => "read",
        "create" => "create",
        _ => return Err(bad()),
    };
    let (limit, window) = rest.split_once('/').ok_or_else(bad)?;
    let limit: u32 = limit
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(bad)?;
    let window = crate::duration::parse(window).map_err(|_| bad())?;
    let window_secs = u32::try_from(window.as_secs())
        .ok()
        .filter(|s| *s >= 1)
        .ok_or_else(bad)?;
    Ok(Policy {
        name,
        limit,
        window_secs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_counts_per_window_and_policy() {
        let l = Limiter::parse("create=2/1s,read=5/1m").unwrap();
        let t = 1_700_000_000_000;
        assert_eq!(
            l.check("k", RequestClass::Create, t)
                .unwrap()
                .unwrap()
                .remaining,
            1
        );
        assert_eq!(
            l.check("k", RequestClass::Create, t + 10)
                .unwrap()
                .unwrap()
                .remaining,
            0
        );
        let refused = l
            .check("k", RequestClass::Create, t + 20)
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.reset, 1_700_000_001);
        assert!(
            l.check("other-key", RequestClass::Create, t + 20)
                .unwrap()
                .is_ok()
        );
        assert!(
            l.check("k", RequestClass::Create, t + 1000)
                .unwrap()
                .is_ok(),
            "next window"
        );
        assert!(
            l.check("k", RequestClass::Other, t).is_none(),
            "no global policy given"
        );
        let real = Limiter::parse("real").unwrap();
        assert_eq!(
            real.check("k", RequestClass::Create, t)
                .unwrap()
                .unwrap()
                .remaining,
            9
        );
        for bad in [
            "",
            "create",
            "create=0/1s",
            "create=5/0s",
            "burst=5/1s",
            "create=5",
        ] {
            assert!(Limiter::parse(bad).is_err(), "{bad}");
        }
    }
}
