//! `--stat`: the fields of `shmid_ds` as IPC_STAT reports them, one per line.

use ipc_sys::shm::ShmidDs;
use ipc_text::text;

/// A time from shmid_ds: seconds since the epoch, 0 meaning never.
fn when(secs: i64) -> String {
    if secs == 0 {
        text("sysv-reader.stat.never")
    } else {
        ipc_support::time::utc_date(secs)
    }
}

/// The report `--stat` prints, ending with a newline.
pub fn describe(id: i32, st: &ShmidDs) -> String {
    let rows: [(&str, String); 12] = [
        ("shmid", id.to_string()),
        ("key", st.shm_perm.key.to_string()),
        ("shm_segsz", format!("{} bytes", st.shm_segsz)),
        ("mode", format!("0{:o}", st.shm_perm.mode & 0o777)),
        (
            "uid/gid",
            format!("{}/{}", st.shm_perm.uid, st.shm_perm.gid),
        ),
        (
            "cuid/cgid",
            format!("{}/{}", st.shm_perm.cuid, st.shm_perm.cgid),
        ),
        ("shm_nattch", st.shm_nattch.to_string()),
        ("shm_cpid", st.shm_cpid.to_string()),
        ("shm_lpid", st.shm_lpid.to_string()),
        ("shm_atime", when(st.shm_atime)),
        ("shm_dtime", when(st.shm_dtime)),
        ("shm_ctime", when(st.shm_ctime)),
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
    fn epoch_seconds_become_utc_dates_and_0_is_never() {
        ipc_text::set_lang(ipc_text::Lang::En);
        assert_eq!(when(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(when(0), "0 (never)");
    }
}
