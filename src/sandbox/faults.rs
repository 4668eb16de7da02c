//! Things going wrong on purpose: latency, error answers, connections dropped before or
//! after the write is committed, and stalls past the client's timeout.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Status500,
    Status502,
    Status503,
    /// Close the connection before the request is handled: nothing was written.
    DropBefore,
    /// Handle the request, then close without answering: the write happened, unseen.
    DropAfter,
    /// Say nothing for a long time, then close.
    Stall,
    /// A gateway in front of the API gave up waiting: 504 with its HTML page.
    Status504,
    /// An RFC 9457 `application/problem+json` body (500), `error` a snake_case slug.
    Problem,
    /// ASP.NET's model validation: 400 with `{"title", "errors": {"Amount": […]}}`.
    Validation,
    /// A bare 401: no body at all, as an authenticating proxy sends it.
    Bare401,
}

impl Fault {
    pub const ALL: [Fault; 10] = [
        Fault::Status500,
        Fault::Status502,
        Fault::Status503,
        Fault::DropBefore,
        Fault::DropAfter,
        Fault::Stall,
        Fault::Status504,
        Fault::Problem,
        Fault::Validation,
        Fault::Bare401,
    ];

    /// The faults a client can ride out by retrying: the default set.
    pub const TRANSIENT: [Fault; 6] = [
        Fault::Status500,
        Fault::Status502,
        Fault::Status503,
        Fault::DropBefore,
        Fault::DropAfter,
        Fault::Stall,
    ];

    fn name(self) -> &'static str {
        match self {
            Fault::Status500 => "500",
            Fault::Status502 => "502",
            Fault::Status503 => "503",
            Fault::DropBefore => "drop-before",
            Fault::DropAfter => "drop-after",
            Fault::Stall => "stall",
            Fault::Status504 => "504",
            Fault::Problem => "problem",
            Fault::Validation => "validation",
            Fault::Bare401 => "401",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Faults {
    pub latency: Duration,
    pub fail_rate: f64,
    pub modes: Vec<Fault>,
    pub stall: Duration,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency: Duration::ZERO,
            fail_rate: 0.0,
            modes: Fault::TRANSIENT.to_vec(),
            stall: Duration::from_secs(60),
        }
    }
}

impl Faults {
    pub fn parse_modes(spec: &str) -> Result<Vec<Fault>, String> {
        let modes = spec
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Fault::ALL
                    .into_iter()
                    .find(|f| f.name() == s)
                    .ok_or_else(|| {
                        format!(
                            "unknown fault '{s}': use {}",
                            Fault::ALL.map(Fault::name).join(", ")
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if modes.is_empty() {
            return Err("give at least one fault mode".into());
        }
        Ok(modes)
    }

    /// Draws whether this request fails, and how.
    pub fn draw(&self) -> Option<Fault> {
        if self.fail_rate <= 0.0 || self.modes.is_empty() {
            return None;
        }
        let r = (crate::rand::u64() >> 11) as f64 / (1u64 << 53) as f64;
        if r >= self.fail_rate {
            return None;
        }
        let i = (crate::rand::u64() % self.modes.len() as u64) as usize;
        Some(self.modes[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_rates() {
        assert_eq!(
            Faults::parse_modes("500, drop-after").unwrap(),
            vec![Fault::Status500, Fault::DropAfter]
        );
        assert!(Faults::parse_modes("explode").is_err());
        assert_eq!(
            Faults::parse_modes("504,problem,validation,401").unwrap(),
            vec![
                Fault::Status504,
                Fault::Problem,
                Fault::Validation,
                Fault::Bare401
            ]
        );
        assert!(Faults::parse_modes("").is_err());
        let always = Faults {
            fail_rate: 1.0,
            modes: vec![Fault::Stall],
            ..Faults::default()
        };
        assert_eq!(always.draw(), Some(Fault::Stall));
        assert_eq!(Faults::default().draw(), None);
        let half = Faults {
            fail_rate: 0.5,
            ..Faults::default()
        };
        let hits = (0..2000).filter(|_| half.draw().is_some()).count();
        assert!((800..1200).contains(&hits), "{hits}");
    }
}
