//! nusqa: a point-in-time database of Kazakhstan's regulatory acts.
//!
//! The core (no I/O): [`model`], [`amend`], [`dates`], [`consolidate`] and [`library`].
//! Around it: [`corpus`] (the files on disk), [`parse`] (reading Kazakh amending acts),
//! [`kk`] (what the project knows of the Kazakh language),
//! [`render`] (text, Markdown, JSON views) and the `nusqa` command line.
//! See ARCHITECTURE.md for the map and the invariants.

pub mod akn;
pub mod amend;
pub mod blame;
pub mod cli;
pub mod consolidate;
pub mod corpus;
pub mod dates;
pub mod diff;
pub mod effect;
pub mod kk;
pub mod library;
pub mod model;
pub mod notes;
pub mod parse;
pub mod render;
pub mod ru;
pub mod search;
pub mod services;
pub mod synth;
pub mod views;
pub mod web;

pub use library::{ActEntry, Library};
