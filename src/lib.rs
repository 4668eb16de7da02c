//! `le`: a command-line client for the Lightning Enable merchant API, with a local
//! sandbox of that API. The binary is a thin `main` over these modules; data flows one
//! way: `cli` → `settings` (once, in `ctx::Ctx`) → `commands` → `api` → `render` → the
//! terminal, and outcomes and errors come back up to `exit`.

pub mod api;
pub mod app;
pub mod cli;
pub mod clients;
pub mod commands;
pub mod config;
pub mod ctx;
pub mod duration;
pub mod error;
pub mod exit;
pub mod files;
pub mod follow;
pub mod input;
pub mod invocation;
pub mod invoice;
pub mod journal;
pub mod manual;
pub mod mcp;
pub mod money;
pub mod net;
pub mod pacer;
pub mod policy;
pub mod present;
pub mod rand;
pub mod refunding;
pub mod render;
pub mod sandbox;
pub mod secret;
pub mod settings;
pub mod stop;
pub mod text;
pub mod verdict;
pub mod webhook;
