//! `le completions` and `le man`, generated from the same clap definition as the parser.

use std::path::Path;

use clap_complete::Shell;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::files::{Mode, write_atomic};
use crate::manual;
use crate::text::printable;

pub fn completions(ctx: &Ctx, shell: Shell, static_script: bool) -> Result<Outcome> {
    let mut buf = Vec::new();
    if static_script {
        clap_complete::generate(shell, &mut crate::cli::command(), "le", &mut buf);
    } else {
        // The script the shell sources: at each TAB it runs this `le` with COMPLETE set
        // (see main), which answers from the parser itself and the config file.
        let shells = clap_complete::env::Shells::builtins();
        let completer = shells
            .completer(&shell.to_string())
            .ok_or_else(|| Error::usage(format!("no completion for {shell}")))?;
        completer
            .write_registration("COMPLETE", "le", "le", &invoked_as(), &mut buf)
            .map_err(Error::internal)?;
    }
    ctx.out.data(&buf)?;
    Ok(Outcome::Done)
}

/// How the shell should run this `le` to ask it for completions: by name when it was
/// found on PATH, else by its absolute path (`./target/debug/le completions bash`).
fn invoked_as() -> String {
    let Some(arg0) = std::env::args_os().next() else {
        return "le".into();
    };
    let path = Path::new(&arg0);
    if path.components().count() <= 1 {
        return "le".into();
    }
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_owned())
        .to_string_lossy()
        .into_owned()
}

pub fn man(ctx: &Ctx, command: &[String], out: Option<&Path>) -> Result<Outcome> {
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::usage(format!(
                "cannot make {}: {e}",
                printable(&dir.display().to_string())
            ))
        })?;
        let pages = manual::pages();
        for (file, text) in &pages {
            let path = dir.join(file);
            write_atomic(&path, text, Mode::Shared).map_err(|e| {
                Error::usage(format!(
                    "cannot write {}: {e}",
                    printable(&path.display().to_string())
                ))
            })?;
        }
        // man looks in the man1 directory of each MANPATH entry (or of the share/man
        // beside each PATH entry, as ~/.local/share/man for ~/.local/bin).
        let shown = printable(&dir.display().to_string());
        let how = if dir.file_name().is_some_and(|n| n == "man1") {
            "`man le-create` reads them when the directory above is in MANPATH, or is share/man beside a directory of your PATH".to_owned()
        } else {
            format!(
                "`man {shown}/le-create.1` reads one; for `man le-create`, write them to a man1 directory, e.g. ~/.local/share/man/man1"
            )
        };
        ctx.out.note(&format!(
            "wrote {} manual pages to {shown}: {how}",
            pages.len()
        ));
        return Ok(Outcome::Done);
    }
    let Some((_, text)) = manual::page(command) else {
        return Err(Error::usage(format!(
            "no manual page for `le {}`; pages: {}",
            printable(&command.join(" ")),
            manual::PAGES.join(", ")
        )));
    };
    ctx.out.data(&text)?;
    Ok(Outcome::Done)
}
