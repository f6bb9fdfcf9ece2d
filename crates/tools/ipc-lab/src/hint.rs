//! `ipc-lab hint EXERCISE`: one hint per exercise, in English or Vietnamese (IPC_LAB_LANG).

use ipc_text::{text, text_with};

/// Options of `ipc-lab hint`.
#[derive(clap::Args)]
pub struct Args {
    /// The exercise, e.g. ex01 (`ipc-lab list` shows them all).
    #[arg(value_name = "EXERCISE")]
    exercise: String,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let [(name, title)] = ipc_grade::selected(std::slice::from_ref(&args.exercise))?[..] else {
        unreachable!("one name selects one exercise")
    };
    let file = ipc_grade::workspace_root()
        .join("exercises")
        .join(format!("{name}.rs"));
    println!(
        "{}",
        text_with("exercises.hint.header", &[&name, &title, &file.display()])
    );
    println!("{}", text(&format!("exercises.hint.{name}")));
    Ok(())
}
