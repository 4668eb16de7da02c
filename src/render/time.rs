//! Times as a person at a till reads them: local clock time and "in 59 min".

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `14:03` today, `2026-11-22 14:03` on another day, in the local time zone.
pub fn local(ts: Timestamp) -> String {
    let tz = TimeZone::system();
    let z = ts.to_zoned(tz.clone());
    let today = Timestamp::now().to_zoned(tz).date();
    if z.date() == today {
        z.strftime("%H:%M:%S").to_string()
    } else {
        z.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

/// `in 59 min`, `in 45 s`, `3 min ago`.
pub fn relative(ts: Timestamp, now: Timestamp) -> String {
    let secs = (ts - now).get_seconds();
    if secs.abs() < 1 {
        return "just now".into();
    }
    let span = human_span(secs.unsigned_abs());
    if secs >= 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

pub fn human_span(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => {
            let m = (secs % 3600) / 60;
            if m == 0 {
                format!("{} h", secs / 3600)
            } else {
                format!("{} h {m} min", secs / 3600)
            }
        }
        _ => format!("{} days", secs / 86_400),
    }
}

/// `58:12` for a countdown.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, (secs % 3600) / 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let later: Timestamp = "2026-01-01T00:59:30Z".parse().unwrap();
        assert_eq!(relative(later, now), "in 59 min");
        assert_eq!(relative(now, later), "59 min ago");
        assert_eq!(human_span(3700), "1 h 1 min");
        assert_eq!(clock(3492), "58:12");
        assert_eq!(clock(3600), "1:00:00");
    }
}
