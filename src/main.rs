use std::process::ExitCode;

fn main() -> ExitCode {
    le::render::install_panic_hook();
    let cli = match le::app::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let out = le::render::Output::detect(cli.global.json, cli.global.color);
    let result = le::app::run(cli, &out);
    if let Err(e) = &result {
        out.error(e);
    }
    ExitCode::from(le::exit::code(&result))
}
