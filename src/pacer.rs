//! Spending an API's rate-limit window without being refused: requests go out as fast as
//! the window's remaining count allows (minus what is in flight), up to a concurrency
//! limit; when the window is spent, everyone waits for the reset the API announced; a
//! refusal (429) stops everyone for at least a second, longer each time it repeats.

use std::cell::RefCell;
use std::time::Duration;

use tokio::time::Instant;

use crate::api::{RateInfo, RateLimit};

/// Why a request has to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The window is spent until its reset.
    WindowSpent,
    /// The API refused a request (429).
    Refused,
    /// Requests in flight use the room there is.
    Busy,
}

#[derive(Debug)]
pub struct Pacer {
    concurrency: u32,
    in_flight: u32,
    /// `None` until the API has said; then what its latest answer said.
    remaining: Option<u32>,
    reset_at: Option<Instant>,
    /// The window (its reset, Unix seconds) that `remaining` describes.
    window: Option<i64>,
    /// Whether any answer has carried rate-limit headers.
    seen_headers: bool,
    /// The API answers without rate-limit headers and has never sent any: it does not
    /// limit, and concurrency alone paces.
    unlimited: bool,
    /// 429s in a row, for the backoff.
    refusals: u32,
    /// Set by a 429: nobody goes before then.
    blocked_until: Option<Instant>,
}

impl Pacer {
    pub fn new(concurrency: u32) -> Pacer {
        Pacer {
            concurrency: concurrency.max(1),
            in_flight: 0,
            remaining: None,
            reset_at: None,
            window: None,
            seen_headers: false,
            unlimited: false,
            refusals: 0,
            blocked_until: None,
        }
    }

    /// Takes room for one request, or says how long to wait and why.
    pub fn try_acquire(&mut self, now: Instant) -> Result<(), (Duration, Why)> {
        if let Some(until) = self.blocked_until {
            if now < until {
                return Err((until - now, Why::Refused));
            }
            self.blocked_until = None;
        }
        if self.reset_at.is_some_and(|r| now >= r) {
            // A new window: learn its size from the next answer.
            self.reset_at = None;
            self.remaining = None;
            self.window = None;
        }
        let room = if self.unlimited {
            self.concurrency
        } else {
            match self.remaining {
                // Unknown: one request at a time until the API says.
                None => 1,
                Some(r) => r.min(self.concurrency),
            }
        };
        if self.in_flight < room {
            self.in_flight += 1;
            return Ok(());
        }
        match self.reset_at {
            Some(r) if self.in_flight == 0 => Err((
                r.saturating_duration_since(now) + Duration::from_millis(50),
                Why::WindowSpent,
            )),
            _ => Err((Duration::from_millis(20), Why::Busy)),
        }
    }

    /// A request ended without saying anything about the rate limit (it failed).
    pub fn release_err(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// A request was answered; `now_unix` is this machine's clock in Unix seconds.
    pub fn release_ok(&mut self, info: RateInfo, now_unix: i64, now: Instant) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.refusals = 0;
        match info {
            RateInfo::Headers(r) => {
                self.seen_headers = true;
                self.unlimited = false;
                self.learn(r, now_unix, now);
            }
            // A server that has never sent the headers does not limit. One that has, and
            // now answers without them (a recovered create, a proxy's answer), says
            // nothing new: the pacing stays as it was.
            RateInfo::Absent if !self.seen_headers => self.unlimited = true,
            RateInfo::Absent | RateInfo::Unknown => {}
        }
    }

    fn learn(&mut self, r: RateLimit, now_unix: i64, now: Instant) {
        // What is in flight may not have been counted by the API yet.
        let fresh = r.remaining.saturating_sub(self.in_flight);
        match self.window {
            // An answer about a window that has ended (read late) says nothing about the
            // current one: probe that with a single request.
            _ if r.reset <= now_unix => {
                self.window = None;
                self.remaining = None;
                self.reset_at = None;
            }
            // Within one window the count only falls: answers read out of order must not
            // raise it.
            Some(w) if w == r.reset => {
                self.remaining = Some(self.remaining.map_or(fresh, |x| x.min(fresh)));
            }
            Some(w) if r.reset < w => {}
            _ => {
                self.window = Some(r.reset);
                self.remaining = Some(fresh);
                let secs = (r.reset - now_unix).max(0) as u64;
                // Just past the announced reset, for the moment between the server's clock
                // turning and its answer reaching us.
                self.reset_at =
                    Some(now + Duration::from_secs(secs.min(3600)) + Duration::from_millis(50));
            }
        }
    }

    /// The API refused a request for the rate: everyone waits at least a second, and
    /// longer each time it refuses again in a row, whatever `Retry-After` said (0 too).
    pub fn blocked(&mut self, retry_after: Option<Duration>, now: Instant) -> Duration {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.refusals += 1;
        let backoff = Duration::from_secs(1 << self.refusals.min(7).saturating_sub(1));
        let wait = retry_after
            .unwrap_or_default()
            .max(backoff)
            .min(Duration::from_secs(3600));
        self.remaining = Some(0);
        self.window = None;
        self.unlimited = false;
        self.reset_at = Some(now + wait);
        self.blocked_until = Some(now + wait);
        wait
    }
}

/// Waits for room, telling `on_wait` of waits longer than a second (once per wait);
/// `Err(waited)` when there is none before `give_up`.
pub async fn acquire(
    pacer: &RefCell<Pacer>,
    give_up: Instant,
    on_wait: impl Fn(Duration, Why),
) -> Result<(), Duration> {
    let began = Instant::now();
    let mut told_until: Option<Instant> = None;
    loop {
        let now = Instant::now();
        let (wait, why) = match pacer.borrow_mut().try_acquire(now) {
            Ok(()) => return Ok(()),
            Err(w) => w,
        };
        if now + wait > give_up {
            return Err(began.elapsed());
        }
        if wait > Duration::from_secs(1) && told_until.is_none_or(|t| now >= t) {
            on_wait(wait, why);
            told_until = Some(now + wait);
        }
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(remaining: u32, reset: i64) -> RateInfo {
        RateInfo::Headers(RateLimit {
            limit: 10,
            remaining,
            reset,
        })
    }

    #[tokio::test(start_paused = true)]
    async fn spends_the_window_then_waits_for_its_reset() {
        let p = RefCell::new(Pacer::new(4));
        let t0 = Instant::now();
        // Unknown window: one at a time.
        assert!(p.borrow_mut().try_acquire(t0).is_ok());
        assert!(p.borrow_mut().try_acquire(t0).is_err());
        p.borrow_mut()
            .release_ok(headers(2, 1_000_060), 1_000_000, t0);
        // Two left: both may go at once.
        assert!(p.borrow_mut().try_acquire(t0).is_ok());
        assert!(p.borrow_mut().try_acquire(t0).is_ok());
        assert!(p.borrow_mut().try_acquire(t0).is_err());
        p.borrow_mut()
            .release_ok(headers(1, 1_000_060), 1_000_000, t0);
        p.borrow_mut()
            .release_ok(headers(0, 1_000_060), 1_000_000, t0);
        let (wait, why) = p.borrow_mut().try_acquire(t0).unwrap_err();
        assert_eq!(why, Why::WindowSpent);
        assert!(wait >= Duration::from_secs(60), "{wait:?}");
        // With the clock paused, acquire sleeps through the window and gets in.
        let told = std::cell::Cell::new(0);
        acquire(&p, t0 + Duration::from_secs(3600), |_, _| {
            told.set(told.get() + 1)
        })
        .await
        .unwrap();
        assert!(Instant::now() >= t0 + Duration::from_secs(60));
        assert_eq!(told.get(), 1, "a long wait is announced once");
    }

    #[test]
    fn an_answer_without_headers_never_switches_pacing_off() {
        let mut p = Pacer::new(4);
        let t0 = Instant::now();
        p.try_acquire(t0).unwrap();
        p.release_ok(headers(0, 2_000_060), 2_000_000, t0);
        // A recovered create and a header-less answer say nothing new.
        for info in [RateInfo::Unknown, RateInfo::Absent] {
            p.in_flight += 1;
            p.release_ok(info, 2_000_000, t0);
            assert!(p.try_acquire(t0).is_err(), "{info:?} turned pacing off");
        }
        // A server that never sent headers does not limit: concurrency paces.
        let mut q = Pacer::new(3);
        q.try_acquire(t0).unwrap();
        q.release_ok(RateInfo::Absent, 0, t0);
        for _ in 0..3 {
            q.try_acquire(t0).unwrap();
        }
        assert!(q.try_acquire(t0).is_err());
    }

    #[test]
    fn refusals_wait_at_least_a_second_and_back_off() {
        let mut p = Pacer::new(4);
        let t0 = Instant::now();
        let mut waits = Vec::new();
        for _ in 0..4 {
            p.try_acquire(t0 + waits.iter().sum::<Duration>()).ok();
            waits.push(p.blocked(Some(Duration::ZERO), t0));
        }
        assert_eq!(waits[0], Duration::from_secs(1));
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
        assert_eq!(
            p.blocked(Some(Duration::from_secs(90)), t0),
            Duration::from_secs(90)
        );
    }
}
