//! `ipc-lab hint EXERCISE`: one hint per exercise, in English or Vietnamese (IPC_LAB_LANG).

use ipc_text::t;

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_name = "EXERCISE")]
    exercise: String,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let [(name, _)] = ipc_grade::selected(std::slice::from_ref(&args.exercise))?[..] else {
        unreachable!("one name selects one exercise")
    };
    let exercise = ipc_grade::exercises()
        .iter()
        .find(|e| e.name == name)
        .expect("selected names an exercise of info.toml");
    let file = ipc_grade::workspace_root()
        .join("exercises")
        .join(format!("{name}.rs"));
    println!(
        "{}",
        t!(
            "exercises-hint-header",
            exercise = name,
            title = exercise.shown_title(),
            file = file.display()
        )
    );
    println!("{}", exercise.shown_hint());
    Ok(())
}
