//! The registry's redactions of an act on disk: `acts/<shard>/<id>/redactions/`, raw
//! files kept byte for byte beside `redactions.json` (their provenance and the act's
//! metadata as the registry states it). Loading checks every file against the hash
//! recorded at import; importing refuses to overwrite a different file.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::error::{CorpusError, ErrorKind};
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use super::write::{act_dir, atomic_write};
use crate::library::Library;
use crate::model::{Lang, RegistryId};
use crate::registry::record::{MetadataRecord, flat_yaml, yaml_get};
use crate::registry::{ActMetadata, ImportRecord, RedactionDate, RedactionRecord, markdown};

/// The record's file name.
pub const RECORD: &str = "redactions.json";

fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Reads `dir/redactions/` if present and adds it to `lib`; errors are collected.
pub fn load(dir: &Path, id: &RegistryId, opts: &LoadOptions, lib: &mut Library, errors: &mut Vec<CorpusError>) {
    let rdir = dir.join("redactions");
    let rec_path = rdir.join(RECORD);
    let bytes = match read::read_optional(&rec_path, opts) {
        Ok(Some(b)) => b,
        Ok(None) => return,
        Err(e) => {
            errors.push(e.act(id));
            return;
        }
    };
    let record: ImportRecord = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            errors.push(CorpusError::at(&rec_path, Some(e.line()), ErrorKind::Json(e.to_string())).act(id));
            return;
        }
    };
    if record.act != *id {
        errors.push(
            CorpusError::at(
                &rec_path,
                None,
                ErrorKind::Redaction(format!("the record is for {}, the directory for {id}", record.act)),
            )
            .act(id),
        );
        return;
    }
    let mut texts = Vec::new();
    let mut ok = true;
    for r in &record.redactions {
        let path = rdir.join(&r.file);
        match read::read_file(&path, opts) {
            Ok(b) if hash(&b) != r.blake3 => {
                errors.push(
                    CorpusError::at(
                        &path,
                        None,
                        ErrorKind::Redaction("the file differs from the one imported (its BLAKE3 hash changed)".into()),
                    )
                    .act(id),
                );
                ok = false;
            }
            Ok(b) => match String::from_utf8(b) {
                Ok(t) => texts.push(t),
                Err(_) => {
                    errors.push(CorpusError::at(&path, None, ErrorKind::Redaction("not UTF-8".into())).act(id));
                    ok = false;
                }
            },
            Err(e) => {
                errors.push(e.act(id));
                ok = false;
            }
        }
    }
    if !ok {
        return;
    }
    if let Err(es) = lib.add_redactions(record, &texts) {
        for e in es {
            errors.push(CorpusError::at(rdir.join(&e.file), Some(e.line), ErrorKind::Redaction(e.message)).act(id));
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Files written.
    pub written: Vec<String>,
    /// Files already there, byte for byte.
    pub unchanged: Vec<String>,
}

/// Where the files of an imported folder came from: `SOURCES.md`'s repository, its
/// layout names (`NEW = \`path\``) and its table rows
/// (`| ACT/file | LAYOUT/name | commit | chars | version_date | caused_by |`).
#[derive(Debug, Clone, Default)]
struct Sources {
    repository: String,
    rows: BTreeMap<String, (String, String, String)>,
}

fn sources(text: &str) -> Sources {
    static REPO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\*\*github\.com/([^*\s]+)\*\*").unwrap_or_else(|e| panic!("repository pattern: {e}"))
    });
    static LAYOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^- ([A-Z]+) = `([^`]+)`").unwrap_or_else(|e| panic!("layout pattern: {e}")));
    let repository = REPO
        .captures(text)
        .and_then(|c| c.get(1))
        .map_or(String::new(), |m| m.as_str().to_string());
    let layouts: BTreeMap<String, String> = LAYOUT
        .captures_iter(text)
        .filter_map(|c| {
            Some((
                c.get(1)?.as_str().to_string(),
                c.get(2)?.as_str().trim_end_matches('/').to_string(),
            ))
        })
        .collect();
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 7 {
            continue;
        }
        let (local, repo_file, commit, caused) = (cells[1], cells[2], cells[3], cells[6]);
        if !commit.chars().all(|c| c.is_ascii_hexdigit()) || commit.len() != 40 {
            continue;
        }
        let path = match repo_file.split_once('/') {
            Some((l, rest)) => match layouts.get(l) {
                Some(p) => format!("{p}/{rest}"),
                None => repo_file.to_string(),
            },
            None => repo_file.to_string(),
        };
        rows.insert(local.to_string(), (path, commit.to_string(), caused.to_string()));
    }
    Sources { repository, rows }
}

/// The registration date in a requisites line: "Зарегистрирован … 17 февраля 2015
/// года № 10273" or "… 2015 жылы 17 ақпанда № 10273 тіркелді".
fn registration_date(requisite: &str) -> Option<NaiveDate> {
    use crate::ru::dates::MONTHS_GENITIVE as RU;
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"Зарегистрирован\D*(\d{1,2})\s+(\p{L}+)\s+(\d{4})")
            .unwrap_or_else(|e| panic!("registration pattern: {e}"))
    });
    let c = RE.captures(requisite)?;
    let day: u32 = c.get(1)?.as_str().parse().ok()?;
    let name = c.get(2)?.as_str();
    let month = RU.iter().position(|m| *m == name)? as u32 + 1;
    let year: i32 = c.get(3)?.as_str().parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `nusqa import registry DIR`: imports every `DIR/<registry id>/` folder whose act is
/// in the corpus. The raw files are copied byte for byte into the act's `redactions/`
/// with their provenance from `DIR/SOURCES.md`; a file already imported with the same
/// bytes is left alone, one with other bytes is refused. Every redaction must parse.
pub fn import(lock: &CorpusLock, root: &Path, dir: &Path) -> Result<ImportSummary, CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    let bad = |p: &Path, m: String| CorpusError::at(p, None, ErrorKind::Redaction(m));
    let src_path = dir.join("SOURCES.md");
    let src = fs::read_to_string(&src_path).map_err(|e| io(&src_path, e))?;
    let src = sources(&src);
    if src.repository.is_empty() {
        return Err(bad(
            &src_path,
            "SOURCES.md names no repository (**github.com/OWNER/NAME**)".into(),
        ));
    }
    let mut summary = ImportSummary::default();
    let mut subdirs: Vec<_> = fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<RegistryId>().ok()?, e.path())))
        .collect();
    subdirs.sort();
    for (id, sub) in subdirs {
        let target = act_dir(root, &id);
        if !target.join("act.json").is_file() {
            return Err(bad(&sub, format!("act {id} is not in the corpus")));
        }
        let mut names: Vec<String> = fs::read_dir(&sub)
            .map_err(|e| io(&sub, e))?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter(|n| !n.starts_with('.') && (n.ends_with(".md") || n.ends_with(".yaml")))
            .collect();
        names.sort();
        let rdir = target.join("redactions");
        let rec_path = rdir.join(RECORD);
        let mut record = match fs::read(&rec_path) {
            Ok(b) => serde_json::from_slice::<ImportRecord>(&b)
                .map_err(|e| CorpusError::at(&rec_path, Some(e.line()), ErrorKind::Json(e.to_string())))?,
            Err(_) => ImportRecord {
                act: id,
                redactions: Vec::new(),
                metadata_files: Vec::new(),
                metadata: ActMetadata::default(),
            },
        };
        // The metadata files first: the Kazakh and Russian texts of the newer build
        // take their dates from them.
        let mut metas: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for n in &names {
            let p = sub.join(n);
            let bytes = fs::read(&p).map_err(|e| io(&p, e))?;
            let Some((path, commit, _)) = src.rows.get(&format!("{id}/{n}")) else {
                return Err(bad(
                    &p,
                    format!("SOURCES.md has no row for {id}/{n}: its provenance is unknown"),
                ));
            };
            if n.ends_with(".yaml") {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let label = n.trim_start_matches("meta@").trim_end_matches(".yaml").to_string();
                metas.insert(label, flat_yaml(&text));
                let m = MetadataRecord {
                    file: n.clone(),
                    path: path.clone(),
                    commit: commit.clone(),
                    blake3: hash(&bytes),
                };
                if !record.metadata_files.iter().any(|x| x.file == m.file) {
                    record.metadata_files.push(m);
                }
            }
            files.push((n.clone(), bytes));
        }
        for (n, bytes) in &files {
            let p = sub.join(n);
            if n.ends_with(".md") {
                let Some((path, commit, caused)) = src.rows.get(&format!("{id}/{n}")) else {
                    continue;
                };
                let lang = if n.starts_with("kaz") {
                    Lang::Kk
                } else if n.starts_with("rus") {
                    Lang::Ru
                } else {
                    return Err(bad(&p, "the file name names no language (kaz@…, rus@…)".into()));
                };
                let text = std::str::from_utf8(bytes).map_err(|_| bad(&p, "not UTF-8".into()))?;
                let parsed = markdown::parse(text, lang, n)
                    .map_err(|e| CorpusError::at(&p, Some(e.line), ErrorKind::Redaction(e.message)))?;
                let label = n
                    .split_once('@')
                    .map_or("", |(_, l)| l)
                    .trim_end_matches(".md")
                    .to_string();
                let fm = &parsed.front_matter;
                let meta = metas.get(&label);
                let key = if lang == Lang::Kk { "kaz" } else { "rus" };
                let stated = yaml_get(fm, "version_date")
                    .or_else(|| meta.and_then(|m| yaml_get(m, &format!("version_date.{key}"))))
                    .and_then(|d| d.parse::<NaiveDate>().ok());
                let date = match stated {
                    Some(d) => RedactionDate {
                        stated: Some(d),
                        latest: None,
                        basis: if yaml_get(fm, "version_date").is_some() {
                            "the front matter's version_date".into()
                        } else {
                            format!("version_date.{key} of meta@{label}.yaml")
                        },
                    },
                    None => {
                        let year: Option<i32> = label.get(..4).and_then(|y| y.parse().ok());
                        RedactionDate {
                            stated: None,
                            latest: year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)),
                            basis: format!(
                                "no version date is stated; the file is the registry's redaction of {} (SOURCES.md: {})",
                                year.map_or("an unknown year".into(), |y| y.to_string()),
                                src.rows.get(&format!("{id}/{n}")).map_or("", |r| r.2.as_str())
                            ),
                        }
                    }
                };
                let caused_by = (!caused.starts_with('—') && !caused.starts_with('-') && !caused.is_empty())
                    .then(|| caused.clone());
                let rec = RedactionRecord {
                    file: n.clone(),
                    lang,
                    repository: src.repository.clone(),
                    path: path.clone(),
                    commit: commit.clone(),
                    version_id: yaml_get(fm, "version_id").map(String::from),
                    date,
                    caused_by,
                    source_url: yaml_get(fm, "source")
                        .or_else(|| meta.and_then(|m| yaml_get(m, &format!("source.{key}"))))
                        .map(String::from),
                    blake3: hash(bytes),
                };
                match record.redactions.iter().find(|r| r.file == rec.file) {
                    Some(old) if old.blake3 != rec.blake3 => {
                        return Err(bad(
                            &rdir.join(n),
                            "a different redaction is already imported under this name; it is never overwritten".into(),
                        ));
                    }
                    Some(_) => {}
                    None => record.redactions.push(rec),
                }
                if lang == Lang::Kk {
                    if let Some(r) = yaml_get(fm, "requisite") {
                        record
                            .metadata
                            .requisites
                            .entry(Lang::Kk)
                            .or_insert_with(|| r.to_string());
                    }
                    if let Some(t) = yaml_get(fm, "title") {
                        record.metadata.titles.entry(Lang::Kk).or_insert_with(|| t.to_string());
                    }
                }
                if lang == Lang::Ru
                    && let Some(t) = yaml_get(fm, "title")
                {
                    record.metadata.titles.entry(Lang::Ru).or_insert_with(|| t.to_string());
                }
            }
            let out = rdir.join(n);
            match fs::read(&out) {
                Ok(existing) if existing == *bytes => summary.unchanged.push(format!("{id}/{n}")),
                Ok(_) => {
                    return Err(bad(
                        &out,
                        "a different file is already imported under this name; it is never overwritten".into(),
                    ));
                }
                Err(_) => {
                    atomic_write(&out, bytes)?;
                    summary.written.push(format!("{id}/{n}"));
                }
            }
        }
        // The metadata: the latest meta.yaml states the requisites and titles.
        if let Some((label, m)) = metas.iter().next_back() {
            if let Some(r) = yaml_get(m, "requisite") {
                record
                    .metadata
                    .requisites
                    .entry(Lang::Ru)
                    .or_insert_with(|| r.to_string());
                if record.metadata.registration_date.is_none() {
                    record.metadata.registration_date = registration_date(r);
                }
            }
            for (k, lang) in [("title.rus", Lang::Ru), ("title.kaz", Lang::Kk)] {
                if let Some(t) = yaml_get(m, k) {
                    record.metadata.titles.entry(lang).or_insert_with(|| t.to_string());
                }
            }
            let src_text = format!("meta@{label}.yaml (requisite, title)");
            if record.metadata.source.is_empty() {
                record.metadata.source = src_text;
            }
        }
        let mut json = serde_json::to_string_pretty(&record).map_err(|e| bad(&rec_path, e.to_string()))?;
        json.push('\n');
        if fs::read(&rec_path).ok().as_deref() != Some(json.as_bytes()) {
            atomic_write(&rec_path, json.as_bytes())?;
            summary.written.push(format!("{id}/{RECORD}"));
        }
        let _ = lock;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_registration_dates() {
        let r = "Приказ … от 30 декабря 2014 года № 350. Зарегистрирован в Министерстве юстиции Республики Казахстан 17 февраля 2015 года № 10273";
        assert_eq!(registration_date(r), NaiveDate::from_ymd_opt(2015, 2, 17));
    }
}
