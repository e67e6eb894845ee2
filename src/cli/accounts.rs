//! `token create|list|revoke`: the accounts of the state directory.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, print_json};
use crate::publishing::{self, tokens::TokenError};
use crate::state::tokens::TOKENS_FILE;
use crate::state::{Role, StateDir, StateError, TokenStore};

fn state_error(e: StateError) -> CliError {
    match e {
        StateError::BadName(_)
        | StateError::DuplicateName(_)
        | StateError::NoSuchToken(_)
        | StateError::AlreadyRevoked(_) => CliError::BadArgument(e.to_string()),
        other => CliError::State(other),
    }
}

fn token_error(e: TokenError) -> CliError {
    match e {
        TokenError::State(s) => state_error(s),
        TokenError::Corpus(c) => CliError::Corpus(c),
    }
}

/// `nusqa token create --role R --name N`: the token is printed once, alone on the
/// last line of standard output.
pub fn create(state: &Path, corpus: &Path, name: &str, role: &str, who: &str) -> Result<ExitCode, CliError> {
    let role: Role = role.parse().map_err(CliError::BadArgument)?;
    let dir = StateDir::open(state).map_err(state_error)?;
    let token = publishing::create_token(&dir, corpus, name, role, who).map_err(token_error)?;
    outln!("created {} token `{name}`; it is shown once, here:", role.as_str());
    outln!("{}", token.expose());
    Ok(ExitCode::SUCCESS)
}

/// `nusqa token list`: names, roles, creation and revocation; never a hash.
pub fn list(state: &Path, json: bool) -> Result<ExitCode, CliError> {
    let dir = StateDir::open(state).map_err(state_error)?;
    let tokens: TokenStore = dir.read_json(TOKENS_FILE).map_err(state_error)?;
    let list = tokens.list();
    if json {
        print_json(&list)?;
    } else {
        for t in &list {
            let revoked = t.revoked.as_deref().map_or(String::new(), |r| format!("  revoked {r}"));
            outln!("{}  {}  created {}{revoked}", t.name, t.role.as_str(), t.created);
        }
        outln!("{} token(s)", list.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa token revoke NAME`.
pub fn revoke(state: &Path, corpus: &Path, name: &str, who: &str) -> Result<ExitCode, CliError> {
    let dir = StateDir::open(state).map_err(state_error)?;
    publishing::revoke_token(&dir, corpus, name, who).map_err(token_error)?;
    outln!("revoked token `{name}`");
    Ok(ExitCode::SUCCESS)
}
