//! `le completions` and `le man`, generated from the same clap definition as the parser.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::app::Ctx;
use crate::cli::Cli;
use crate::error::Result;
use crate::exit::Outcome;

pub fn completions(ctx: &Ctx, shell: Shell) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "le", &mut buf);
    ctx.out.data(&buf)?;
    Ok(Outcome::Done)
}

pub fn man(ctx: &Ctx) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    ctx.out.data(&buf)?;
    Ok(Outcome::Done)
}
