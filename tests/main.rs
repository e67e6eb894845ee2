//! The single integration-test binary (as in ripgrep): every test module is declared
//! here, so the suite links once.

mod akn;
mod cli;
mod corpus_errors;
mod datatests;
mod diffs;
mod fuzz;
mod hardening_corpus;
mod hardening_http;
mod json_shapes;
mod order_429;
mod parse_cases;
mod parse_kk;
mod properties;
mod registry;
mod restoration;
mod search;
mod services;
mod support;
mod web;
