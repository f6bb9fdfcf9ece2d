//! Timeouts: parsing `--timeout` and turning it into the absolute CLOCK_REALTIME deadline
//! that `mq_timedsend`, `mq_timedreceive` and `sem_timedwait` expect.

use std::time::Duration;

use nix::sys::time::TimeSpec;
use nix::time::{clock_gettime, ClockId};

/// The longest timeout any program accepts: one day.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// clap value parser for `--timeout SECONDS`: a positive number, fractions allowed (`0.5`).
pub fn parse_seconds(raw: &str) -> Result<Duration, String> {
    let bad = || {
        format!(
            "'{raw}' is not a timeout: give seconds, more than 0 and at most 86400 (e.g. 2 or 0.5)"
        )
    };
    let secs: f64 = raw.trim().parse().map_err(|_| bad())?;
    if !secs.is_finite() || secs <= 0.0 || secs > MAX_TIMEOUT.as_secs_f64() {
        return Err(bad());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Now + `after` on CLOCK_REALTIME, the clock the POSIX timed calls measure against.
pub fn realtime_deadline(after: Duration) -> TimeSpec {
    let now = clock_gettime(ClockId::CLOCK_REALTIME).expect("CLOCK_REALTIME always exists");
    now + TimeSpec::from_duration(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_parse_with_fractions() {
        assert_eq!(parse_seconds("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_seconds("0.5").unwrap(), Duration::from_millis(500));
        for bad in ["0", "-1", "abc", "", "NaN", "inf", "100000"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deadline_is_in_the_future() {
        let now = clock_gettime(ClockId::CLOCK_REALTIME).unwrap();
        let d = realtime_deadline(Duration::from_secs(3));
        assert!(d > now + TimeSpec::from_duration(Duration::from_secs(2)));
    }
}
