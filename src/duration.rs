//! Durations as people write them on a command line or in a config file.

use std::time::Duration;

/// The longest duration any option takes: a year is more than any wait `le` makes.
pub const MAX_DURATION: Duration = Duration::from_secs(366 * 86_400);

/// Durations as `3s`, `500ms`, `2m`, `1h30m`, `2d`, or a bare number of seconds, up to a year.
pub fn parse(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "'{}' is not a duration: use e.g. 3s, 500ms, 2m or 1h",
            crate::text::printable(s)
        )
    };
    let days = t
        .strip_suffix('d')
        .and_then(|n| n.trim().parse::<u64>().ok());
    let d = if let Some(n) = days {
        Duration::from_secs(n.saturating_mul(86_400))
    } else if let Ok(secs) = t.parse::<f64>() {
        if !(0.0..1e9).contains(&secs) {
            return Err(bad());
        }
        Duration::from_secs_f64(secs)
    } else {
        let d: jiff::SignedDuration = t.parse().map_err(|_| bad())?;
        if d.is_negative() {
            return Err(bad());
        }
        d.try_into().map_err(|_| bad())?
    };
    if d > MAX_DURATION {
        return Err(format!(
            "'{}' is longer than a year",
            crate::text::printable(s)
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse("3s").unwrap(), Duration::from_secs(3));
        assert_eq!(parse("3").unwrap(), Duration::from_secs(3));
        assert_eq!(parse("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse("1h30m").unwrap(), Duration::from_secs(5400));
        assert!(parse("-1s").is_err());
        assert!(parse("soon").is_err());
        assert!(parse("NaN").is_err());
        assert!(parse("9223372036854775807s").is_err());
        assert!(parse("2562047788015215h").is_err());
        assert!(parse("367d").is_err());
        assert_eq!(parse("2d").unwrap(), Duration::from_secs(172_800));
    }
}
