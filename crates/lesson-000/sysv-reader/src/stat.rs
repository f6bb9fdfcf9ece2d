//! `--stat`: the fields of `shmid_ds` as IPC_STAT reports them, one per line.

use ipc_sys::shm::ShmidDs;
use ipc_text::{Id, id, t, text};

/// A time from shmid_ds: seconds since the epoch, 0 meaning never.
fn when(secs: i64) -> String {
    if secs == 0 {
        t!("sysv-reader-stat-never")
    } else {
        ipc_support::time::utc_date(secs)
    }
}

/// The report `--stat` prints, ending with a newline.
pub fn describe(id: i32, st: &ShmidDs) -> String {
    let p = &st.shm_perm;
    let rows: [(&str, String, Option<Id>); 12] = [
        ("shmid", id.to_string(), None),
        ("key", p.key.to_string(), None),
        (
            "shm_segsz",
            t!("core-bytes", size = st.shm_segsz),
            Some(id!("sysv-reader-stat-shm-segsz")),
        ),
        (
            "mode",
            format!("0{:o}", p.mode & 0o777),
            Some(id!("sysv-reader-stat-mode")),
        ),
        (
            "uid/gid",
            format!("{}/{}", p.uid, p.gid),
            Some(id!("sysv-reader-stat-uid-gid")),
        ),
        (
            "cuid/cgid",
            format!("{}/{}", p.cuid, p.cgid),
            Some(id!("sysv-reader-stat-cuid-cgid")),
        ),
        (
            "shm_nattch",
            st.shm_nattch.to_string(),
            Some(id!("sysv-reader-stat-shm-nattch")),
        ),
        (
            "shm_cpid",
            st.shm_cpid.to_string(),
            Some(id!("sysv-reader-stat-shm-cpid")),
        ),
        (
            "shm_lpid",
            st.shm_lpid.to_string(),
            Some(id!("sysv-reader-stat-shm-lpid")),
        ),
        (
            "shm_atime",
            when(st.shm_atime),
            Some(id!("sysv-reader-stat-shm-atime")),
        ),
        (
            "shm_dtime",
            when(st.shm_dtime),
            Some(id!("sysv-reader-stat-shm-dtime")),
        ),
        (
            "shm_ctime",
            when(st.shm_ctime),
            Some(id!("sysv-reader-stat-shm-ctime")),
        ),
    ];
    let mut out = format!("{}\n", t!("sysv-reader-stat-title"));
    for (field, value, meaning) in rows {
        match meaning {
            Some(meaning) => {
                out.push_str(&format!("  {field:<11} {value:<24} {}\n", text(meaning)))
            }
            None => out.push_str(&format!("  {field:<11} {value}\n")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_utc_dates_and_0_is_never() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        assert_eq!(when(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(when(0), "0 (never)");
    }
}
