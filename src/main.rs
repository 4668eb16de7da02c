use std::process::ExitCode;

fn main() -> ExitCode {
    le::render::install_panic_hook();
    // Tab completion: the shell runs `le` with COMPLETE set, and gets the candidates
    // (profile names from the config file included) on stdout; nothing else runs.
    // (clap_complete takes COMPLETE out of the environment before it builds the parser,
    // so whether this is such a run is noted first.)
    le::cli::note_completing(std::env::var_os("COMPLETE").is_some_and(|v| !v.is_empty()));
    clap_complete::CompleteEnv::with_factory(le::cli::command).complete();
    let cli = match le::app::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let out = le::render::Output::detect(cli.global.json, cli.global.color.forced());
    let result = le::app::run(cli, &out);
    if let Err(e) = &result {
        out.error(e);
    }
    ExitCode::from(le::exit::code(&result))
}
