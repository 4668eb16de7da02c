//! `le completions` and `le man`, generated from the same clap definition as the parser.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Ctx;
use crate::cli::Cli;
use crate::error::Result;

pub fn completions(ctx: &Ctx, shell: Shell) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "le", &mut buf);
    ctx.out.stdout(|w| w.write_all(&buf))
}

pub fn man(ctx: &Ctx) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    ctx.out.stdout(|w| w.write_all(&buf))
}
