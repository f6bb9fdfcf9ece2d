//! `--stat`: the fields of `shmid_ds` as IPC_STAT reports them, one per line.

use ipc_core::sysv_shm::ShmStat;
use ipc_core::text::text;

/// A time from shmid_ds: seconds since the epoch, 0 meaning never.
fn when(secs: i64) -> String {
    if secs == 0 {
        text("sysv-reader.stat.never")
    } else {
        utc(secs)
    }
}

/// Seconds since the epoch as `YYYY-MM-DD hh:mm:ss UTC` (Howard Hinnant's civil-from-days).
fn utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The report `--stat` prints, ending with a newline.
pub fn describe(id: i32, st: &ShmStat) -> String {
    let rows: [(&str, String); 12] = [
        ("shmid", id.to_string()),
        ("key", st.key.to_string()),
        ("shm_segsz", format!("{} bytes", st.size)),
        ("mode", format!("0{:o}", st.mode)),
        ("uid/gid", format!("{}/{}", st.uid, st.gid)),
        ("cuid/cgid", format!("{}/{}", st.cuid, st.cgid)),
        ("shm_nattch", st.nattch.to_string()),
        ("shm_cpid", st.cpid.to_string()),
        ("shm_lpid", st.lpid.to_string()),
        ("shm_atime", when(st.atime)),
        ("shm_dtime", when(st.dtime)),
        ("shm_ctime", when(st.ctime)),
    ];
    let mut out = format!("{}\n", text("sysv-reader.stat.title"));
    for (field, value) in rows {
        // Each field's meaning, when the table has one (key `sysv-reader.stat.FIELD`).
        let key = format!("sysv-reader.stat.{field}");
        let meaning = text(&key);
        if meaning == key {
            out.push_str(&format!("  {field:<11} {value}\n"));
        } else {
            out.push_str(&format!("  {field:<11} {value:<24} {meaning}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_700_000_000), "2023-11-14 22:13:20 UTC");
    }
}
