//! nusqa: a point-in-time database of Kazakhstan's regulatory acts.
//!
//! The core (no I/O): [`model`], [`amend`], [`dates`], [`consolidate`] and [`library`].
//! Around it: [`corpus`] (the files on disk), [`parse`] (reading Kazakh amending acts),
//! [`kk`] (what the project knows of the Kazakh language),
//! [`views`] (the typed answers), [`audit`] (the audit chain), [`state`] (tokens and
//! sessions, outside the corpus), [`publishing`] (the write workflows), [`render`] (text and Markdown), [`search`], [`web`]
//! (the only module that knows HTTP) and the `nusqa` command line.
//!
//! `missing_docs` is on: every public item says what it is.
//! See ARCHITECTURE.md for the map and the invariants.

#![warn(missing_docs)]

pub mod akn;
pub mod amend;
pub mod audit;
pub mod blame;
pub mod citation;
pub mod clause_markdown;
pub mod cli;
pub mod consolidate;
pub mod corpus;
pub mod correction;
pub mod crash_drill;
pub use model::dates;
pub mod diff;
pub mod digest;
pub mod draft;
pub mod effect;
pub mod feed;
pub mod fixtures;
pub mod fuzz;
pub mod kk;
pub mod library;
pub mod markup;
pub mod model;
pub mod notes;
pub mod parse;
pub mod publishing;
pub mod registry;
pub mod registry_notes;
pub mod render;
pub mod ru;
pub mod search;
pub mod services;
pub mod state;
pub mod synth;
pub mod views;
pub mod web;
pub mod what_if;

pub use library::{ActEntry, Library};
