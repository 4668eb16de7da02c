//! `le`: a command-line client for the Lightning Enable merchant API, with a local
//! sandbox of that API. The binary is a thin `main` over these modules.

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod duration;
pub mod error;
pub mod invoice;
pub mod money;
pub mod rand;
pub mod render;
pub mod sandbox;
pub mod secret;
pub mod webhook;
