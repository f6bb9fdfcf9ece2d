//! Times: parsing `--timeout`, the absolute CLOCK_REALTIME deadline that `mq_timedsend`,
//! `mq_timedreceive` and `sem_timedwait` expect, and the IPC_STAT times as dates.

use std::time::Duration;

use nix::sys::time::TimeSpec;
use nix::time::{ClockId, clock_gettime};

/// The longest timeout any program accepts: one day.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// clap value parser for `--timeout SECONDS`: a positive number, fractions allowed (`0.5`).
pub fn parse_seconds(raw: &str) -> Result<Duration, String> {
    let bad = || ipc_text::t!("core-arg-timeout-bad", value = raw);
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

/// Seconds since the epoch as `YYYY-MM-DD hh:mm:ss UTC`, as the IPC_STAT times are shown.
pub fn utc_date(secs: i64) -> String {
    let (date, rem) = civil_date(secs);
    format!(
        "{date} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since the epoch as `YYYY-MM-DD hh:mm UTC`, for tables where seconds are noise.
pub fn utc_minute(secs: i64) -> String {
    let (date, rem) = civil_date(secs);
    format!("{date} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

/// `YYYY-MM-DD` and the seconds into that day, with no time-zone database (civil date from a
/// day count: Howard Hinnant's algorithm).
fn civil_date(secs: i64) -> (String, i64) {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (format!("{year:04}-{month:02}-{day:02}"), rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc_date(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_date(86_399), "1970-01-01 23:59:59 UTC");
        assert_eq!(utc_date(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(utc_date(1_767_225_600), "2026-01-01 00:00:00 UTC");
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(1_795_381_153), "2026-11-22 20:59 UTC");
    }

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
