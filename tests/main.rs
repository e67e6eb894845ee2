//! The single integration-test binary (as in ripgrep): every test module is declared
//! here, so the suite links once.

mod akn;
mod browser;
mod cli;
mod corpus_errors;
mod corrections_429;
mod crash_server;
mod datatests;
mod desk_ui;
mod diffs;
mod draft_cli;
mod draft_text;
mod drafts;
mod feeds;
mod fuzz;
mod hardening_corpus;
mod hardening_http;
mod json_shapes;
mod law_6007;
mod live;
mod openapi;
mod order_429;
mod parse_cases;
mod parse_kk;
mod properties;
mod publishing;
mod publishing_http;
mod registry;
mod registry_notes;
mod restoration;
mod search;
mod services;
mod support;
mod web;
