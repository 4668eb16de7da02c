use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use le::cli::{Cli, Command, SandboxCommand};
use le::error::{Error, exit};

fn main() -> ExitCode {
    // A panic is a bug: say so and exit 1, as the exit-code table promises, rather than
    // Rust's 101. Panics on other threads (a sandbox request) are caught where they run.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error (a bug in le, please report it): {info}");
        if std::thread::current().name() == Some("main") {
            std::process::exit(i32::from(exit::INTERNAL));
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            // Scripts that asked for JSON get their parse errors as JSON too.
            let text = e.render().to_string();
            let message = text
                .split("Usage:")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|l| !l.starts_with("For more information"))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let message = message.trim_start_matches("error: ").to_owned();
            report(&Error::Usage(message), true, false);
            return ExitCode::from(exit::USAGE);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let json = cli.global.json;
    let color = le::render::Output::detect(json, cli.global.color).stderr_color;

    // The served sandbox answers many clients at once; everything else is one request
    // at a time and starts faster on a single thread.
    let serving = matches!(
        &cli.command,
        Command::Sandbox(s) if matches!(s.command, SandboxCommand::Serve(_))
    );
    let runtime = if serving {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    let result = match runtime {
        Ok(rt) => rt.block_on(le::commands::run(cli)),
        Err(e) => Err(Error::internal(format!(
            "cannot start the async runtime: {e}"
        ))),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            report(&e, json, color);
            ExitCode::from(e.exit_code())
        }
    }
}

/// The one place an error reaches the user.
fn report(e: &Error, json: bool, color: bool) {
    if matches!(e, Error::Outcome(_) | Error::BrokenPipe) {
        return;
    }
    let mut err = std::io::stderr().lock();
    if json {
        let _ = writeln!(err, "{}", e.to_json());
        return;
    }
    let label = if color {
        "\x1b[31merror:\x1b[0m"
    } else {
        "error:"
    };
    let _ = writeln!(err, "{label} {e}");
    if let Some(hint) = e.hint() {
        let _ = writeln!(err, "  hint: {hint}");
    }
}
