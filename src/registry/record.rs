//! The import record (`redactions/redactions.json`): where each redaction came from,
//! when the registry dates it, and what the registry states of the act's metadata.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Lang, RegistryId};

/// When the registry's text of a redaction holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RedactionDate {
    /// The version date the registry states (front matter or `meta.yaml`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<NaiveDate>,
    /// When no date is stated: the latest day by which the text was in force, from the
    /// evidence named in `basis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<NaiveDate>,
    /// Where the date or the bound comes from.
    pub basis: String,
}

impl RedactionDate {
    /// The latest day by which the redaction's text is known to be in force: the stated
    /// date, else the bound.
    pub fn latest(&self) -> Option<NaiveDate> {
        self.stated.or(self.latest)
    }
}

/// One redaction: a raw registry file kept byte for byte, and its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RedactionRecord {
    /// The file under `redactions/` (the name it had in the imported folder).
    pub file: String,
    /// Its language.
    pub lang: Lang,
    /// The repository it was copied from (`kazakhstan-law/ministerial`).
    pub repository: String,
    /// Its path in that repository.
    pub path: String,
    /// The commit it was read at.
    pub commit: String,
    /// The registry's version id, when stated (`AI86768_2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// When it holds.
    pub date: RedactionDate,
    /// The act whose amendments this redaction applies, as the registry names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<String>,
    /// The registry's page of this redaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// BLAKE3 of the file's bytes, hex.
    pub blake3: String,
}

/// A metadata file of the registry (`meta.yaml`), kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MetadataRecord {
    /// The file under `redactions/`.
    pub file: String,
    /// Its path in the repository.
    pub path: String,
    /// The commit it was read at.
    pub commit: String,
    /// BLAKE3 of the file's bytes, hex.
    pub blake3: String,
}

/// What the registry states of the act's metadata. It overlays `act.json` on load
/// where `act.json` is silent; a contradiction is reported, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ActMetadata {
    /// The date of state registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_date: Option<NaiveDate>,
    /// The registration number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<u32>,
    /// Titles by language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<Lang, String>,
    /// The requisites line by language ("Приказ … Зарегистрирован …").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requisites: BTreeMap<Lang, String>,
    /// The file(s) these values come from.
    pub source: String,
}

/// `redactions/redactions.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ImportRecord {
    /// The act.
    pub act: RegistryId,
    /// The redactions, in the order imported.
    pub redactions: Vec<RedactionRecord>,
    /// The metadata files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata_files: Vec<MetadataRecord>,
    /// The act's metadata as the registry states it.
    #[serde(default)]
    pub metadata: ActMetadata,
}

/// The scalar entries of a simple YAML document (front matter, `meta.yaml`) as
/// `(dotted.key, value)`, in order: nesting by two-space indentation, list items and
/// block scalars skipped, quotes around values removed. Enough for the registry's
/// metadata; not a YAML parser.
pub fn flat_yaml(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("- ") || trimmed == "---" {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        while path.last().is_some_and(|(i, _)| *i >= indent) {
            path.pop();
        }
        let value = value.trim();
        if value.is_empty() {
            path.push((indent, key.trim().to_string()));
            continue;
        }
        let mut full: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).collect();
        full.push(key.trim());
        let v = value.trim_matches('\'').trim_matches('"').to_string();
        out.push((full.join("."), v));
    }
    out
}

/// The value of `key` in a [`flat_yaml`] list.
pub fn yaml_get<'a>(entries: &'a [(String, String)], key: &str) -> Option<&'a str> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_yaml_reads_nested_keys() {
        let y =
            "act_code: '86768'\ntitle:\n  rus: Об\n  kaz: Жар\ntype_codes:\n- ПРАВ\nversion_date:\n  kaz: 2025-12-03\n";
        let e = flat_yaml(y);
        assert_eq!(yaml_get(&e, "act_code"), Some("86768"));
        assert_eq!(yaml_get(&e, "title.rus"), Some("Об"));
        assert_eq!(yaml_get(&e, "version_date.kaz"), Some("2025-12-03"));
        assert_eq!(yaml_get(&e, "type_codes"), None);
    }
}
