//! Who acts: a named principal with a role.

use serde::{Deserialize, Serialize};

/// What a principal may do: publishers submit, approve and publish; admins also keep
/// the accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Submits, approves and publishes drafts; records events and corrections.
    Publisher,
    /// A publisher who also manages tokens and reads the audit log.
    Admin,
}

impl Role {
    /// The role as written (`publisher`, `admin`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Publisher => "publisher",
            Role::Admin => "admin",
        }
    }

    /// True when this role may do what `needed` may.
    pub fn allows(self, needed: Role) -> bool {
        self == Role::Admin || needed == Role::Publisher
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        match s {
            "publisher" => Ok(Role::Publisher),
            "admin" => Ok(Role::Admin),
            other => Err(format!("unknown role `{other}`; expected publisher or admin")),
        }
    }
}

/// An authenticated principal: the name its token was created with, and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Principal {
    /// The token's name (what the audit log records as `who`).
    pub name: String,
    /// Its role.
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_may_do_what_publishers_may_and_not_the_reverse() {
        assert!(Role::Admin.allows(Role::Publisher));
        assert!(Role::Admin.allows(Role::Admin));
        assert!(Role::Publisher.allows(Role::Publisher));
        assert!(!Role::Publisher.allows(Role::Admin));
        assert_eq!("admin".parse::<Role>(), Ok(Role::Admin));
        assert!("root".parse::<Role>().is_err());
    }
}
