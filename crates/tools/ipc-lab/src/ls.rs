//! `ipc-lab ls`: every System V and POSIX IPC object on this machine in one table — what
//! `ipcs -a` and `ls -l /dev/shm` show, plus POSIX queues — with the ones nothing uses
//! marked dangling. `--json` gives the same with typed values.

use ipc_lab::objects::{self, IpcObject, Listing};
use ipc_text::{id, t, text};
use serde_json::{Value, json};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let listing = objects::list_all();
    if args.json {
        println!("{:#}", to_json(&listing));
    } else {
        print_listing(&listing);
    }
    Ok(())
}

/// The whole listing as JSON: `{"mqueue_mounted": bool, "mqueue_dir": path or null,
/// "objects": [...]}`.
pub fn to_json(listing: &Listing) -> Value {
    json!({
        "mqueue_mounted": listing.mqueue_dir.is_some(),
        "mqueue_dir": listing.mqueue_dir,
        "objects": listing.objects.iter().map(object_json).collect::<Vec<_>>(),
    })
}

fn object_json(o: &IpcObject) -> Value {
    json!({
        "kind": o.kind.label(),
        "name": o.name,
        "key": o.key.map(|k| k.bits()),
        "id": o.id,
        "path": o.path,
        "uid": o.uid,
        "owner": o.owner,
        "mode": o.mode,
        "mode_octal": format!("{:04o}", o.mode),
        "bytes": o.bytes,
        "messages": o.messages,
        "nsems": o.nsems,
        "nattch": o.nattch,
        "creator_pid": o.creator_pid,
        "creator_alive": o.creator_alive,
        "time": o.time,
        "used_by": o.used_by,
        "users_known": o.users_known,
        "dangling": o.dangling,
    })
}

fn print_listing(listing: &Listing) {
    if listing.objects.is_empty() {
        println!("{}", t!("front-ls-none"));
    } else {
        let headers = [
            id!("front-ls-col-kind"),
            id!("front-ls-col-name"),
            id!("front-ls-col-id"),
            id!("front-ls-col-owner"),
            id!("front-ls-col-mode"),
            id!("front-ls-col-bytes"),
            id!("front-ls-col-count"),
            id!("front-ls-col-creator"),
            id!("front-ls-col-time"),
            id!("front-ls-col-users"),
            id!("front-ls-col-state"),
        ]
        .map(text);
        let rows: Vec<Vec<String>> = listing.objects.iter().map(row).collect();
        print_table(&headers, &rows);
        let dangling = listing.objects.iter().filter(|o| o.dangling).count();
        println!();
        println!(
            "{}",
            t!(
                "front-ls-summary",
                count = listing.objects.len(),
                dangling = dangling,
                command = "ipc-lab clean --dangling --dry-run"
            )
        );
    }
    if listing.mqueue_dir.is_none() {
        println!(
            "{}",
            t!(
                "front-ls-mqueue-unmounted",
                dir = ipc_support::mq::MQUEUE_DIR,
                command = "mount -t mqueue none /dev/mqueue"
            )
        );
    }
}

fn row(o: &IpcObject) -> Vec<String> {
    let dash = || "-".to_string();
    let count = if let Some(n) = o.nattch {
        t!("front-ls-count-nattch", count = n)
    } else if let Some(n) = o.messages {
        t!("front-ls-count-messages", count = n)
    } else if let Some(n) = o.nsems {
        t!("front-ls-count-nsems", count = n)
    } else {
        dash()
    };
    let creator = match (o.creator_pid, o.creator_alive) {
        (Some(pid), Some(true)) => t!("front-ls-creator-alive", pid = pid),
        (Some(pid), _) => t!("front-ls-creator-gone", pid = pid),
        _ => dash(),
    };
    let users = if o.used_by.is_empty() {
        dash()
    } else {
        o.used_by
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let state = if !o.users_known {
        t!("faults-ls-state-unknown")
    } else if o.dangling {
        t!("front-ls-state-dangling")
    } else {
        t!("front-ls-state-in-use")
    };
    vec![
        o.kind.label().to_string(),
        o.name.clone(),
        o.id.map_or_else(dash, |i| i.to_string()),
        o.owner.clone(),
        format!("{:04o}", o.mode),
        o.bytes.map_or_else(dash, |b| b.to_string()),
        count,
        creator,
        o.time
            .filter(|t| *t > 0)
            .map_or_else(dash, ipc_support::time::utc_minute),
        users,
        state,
    ]
}

/// Prints rows under headers, each column as wide as its widest cell (counted in characters,
/// so Vietnamese letters with diacritics line up).
pub(crate) fn print_table(headers: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(headers);
    for r in rows {
        line(r);
    }
}
