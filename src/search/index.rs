//! Building, opening and updating the index; the corpus generation it was built from.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use super::SearchError;
use super::analyzer;
use super::schema::{self, Fields, OPEN_END, SCHEMA_VERSION, day_number};
use crate::consolidate::NodeTimeline;
use crate::corpus::LoadOptions;
use crate::library::Library;
use crate::model::{Act, EId, Lang, RegistryId, Version};

/// What the index directory records beside tantivy's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Generation {
    /// The corpus generation the index was built from ([`corpus_generation`]).
    pub corpus: String,
    /// The schema version ([`SCHEMA_VERSION`]).
    pub schema: u32,
}

/// Figures of a build or an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BuildStats {
    /// Documents (clause versions) added.
    pub added: usize,
    /// Nodes whose documents were deleted first (updates only).
    pub nodes_replaced: usize,
    /// Seconds spent.
    pub seconds: f64,
    /// Size of the index directory in bytes.
    pub bytes: u64,
}

/// An open index. A clone shares the tantivy index and its reader: what one clone
/// commits ([`SearchIndex::update`]) the others see after the reload it does.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    dir: PathBuf,
    generation: Generation,
}

fn tantivy_dir(dir: &Path) -> PathBuf {
    dir.join("tantivy")
}

fn generation_file(dir: &Path) -> PathBuf {
    dir.join("generation.json")
}

/// The corpus generation of `root`: a hash of the content of every corpus file,
/// computed by [`crate::corpus::generation`] (content, not sizes or modification times:
/// a stale index is never served).
pub fn corpus_generation(root: &Path, opts: &LoadOptions) -> Result<String, SearchError> {
    crate::corpus::generation::generation(root, opts).map_err(|e| SearchError::Corpus(Box::new(e)))
}

fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

impl SearchIndex {
    /// Opens the index in `dir` (`index/`), or says there is none usable.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let missing = || SearchError::Missing(dir.display().to_string());
        let generation: Generation = fs::read_to_string(generation_file(dir))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or_else(missing)?;
        if generation.schema != SCHEMA_VERSION {
            return Err(missing());
        }
        let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|_| missing())?;
        analyzer::register(&index);
        let fields = schema::fields(&index.schema())?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex {
            index,
            fields,
            reader,
            dir: dir.to_path_buf(),
            generation,
        })
    }

    /// The generation the index was built from.
    pub fn generation(&self) -> &Generation {
        &self.generation
    }

    /// Builds a fresh index of every clause version in `lib` into `dir`, replacing what
    /// was there. `threads` indexing threads (1 for the single-core benchmark).
    pub fn build(
        lib: &Library,
        dir: &Path,
        corpus: &str,
        threads: usize,
    ) -> Result<(SearchIndex, BuildStats), SearchError> {
        let start = Instant::now();
        let tdir = tantivy_dir(dir);
        if tdir.exists() {
            fs::remove_dir_all(&tdir)?;
        }
        fs::create_dir_all(&tdir)?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(&tdir, schema)?;
        analyzer::register(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(threads.max(1), 64_000_000 * threads.max(1))?;
        let mut added = 0;
        for act in lib.acts() {
            if let Some(tl) = lib.timeline(&act.id) {
                let mut eids: Vec<&EId> = tl.nodes.keys().collect();
                eids.sort();
                for eid in eids {
                    added += add_node(&writer, &fields, act, eid, &tl.nodes[eid])?;
                }
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let generation = Generation {
            corpus: corpus.to_string(),
            schema: SCHEMA_VERSION,
        };
        write_generation(dir, &generation)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let stats = BuildStats {
            added,
            nodes_replaced: 0,
            seconds: start.elapsed().as_secs_f64(),
            bytes: dir_size(&tdir),
        };
        Ok((
            SearchIndex {
                index,
                fields,
                reader,
                dir: dir.to_path_buf(),
                generation,
            },
            stats,
        ))
    }

    /// Re-indexes only the nodes of `acts` whose versions differ between `old` and `new`
    /// (the library before and after an amending act was added or an event recorded).
    /// This is what publishing calls: the rest of the index is untouched.
    pub fn update(
        &mut self,
        old: &Library,
        new: &Library,
        acts: &[RegistryId],
        corpus: &str,
    ) -> Result<BuildStats, SearchError> {
        let start = Instant::now();
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, 32_000_000)?;
        let empty = HashMap::new();
        let mut stats = BuildStats::default();
        for id in acts {
            let Some(act) = new.act(id) else { continue };
            let new_nodes = new.timeline(id).map_or(&empty, |t| &t.nodes);
            let old_nodes = old.timeline(id).map_or(&empty, |t| &t.nodes);
            let mut eids: Vec<&EId> = new_nodes.keys().chain(old_nodes.keys()).collect();
            eids.sort();
            eids.dedup();
            for eid in eids {
                let (o, n) = (old_nodes.get(eid), new_nodes.get(eid));
                if o.map(|x| &x.versions) == n.map(|x| &x.versions) {
                    continue;
                }
                writer.delete_term(Term::from_field_text(self.fields.node_key, &node_key(id, eid)));
                stats.nodes_replaced += 1;
                if let Some(n) = n {
                    stats.added += add_node(&writer, &self.fields, act, eid, n)?;
                }
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.generation = Generation {
            corpus: corpus.to_string(),
            schema: SCHEMA_VERSION,
        };
        write_generation(&self.dir, &self.generation)?;
        self.reader.reload()?;
        stats.seconds = start.elapsed().as_secs_f64();
        stats.bytes = dir_size(&tantivy_dir(&self.dir));
        Ok(stats)
    }

    /// The number of documents (clause versions) in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn write_generation(dir: &Path, g: &Generation) -> Result<(), SearchError> {
    let text = serde_json::to_string_pretty(g).map_err(|e| SearchError::Io(std::io::Error::other(e)))?;
    let tmp = dir.join(".generation.json.tmp");
    fs::write(&tmp, text)?;
    fs::rename(tmp, generation_file(dir))?;
    Ok(())
}

fn node_key(act: &RegistryId, eid: &EId) -> String {
    format!("{act}|{eid}")
}

/// Adds one document per version of `node` that has a text. Returns how many.
fn add_node(writer: &IndexWriter, f: &Fields, act: &Act, eid: &EId, node: &NodeTimeline) -> Result<usize, SearchError> {
    let mut n = 0;
    for v in &node.versions {
        if let Some(doc) = document(f, act, eid, v) {
            writer.add_document(doc)?;
            n += 1;
        }
    }
    Ok(n)
}

fn document(f: &Fields, act: &Act, eid: &EId, v: &Version) -> Option<TantivyDocument> {
    if v.state.content == crate::model::Content::Repealed {
        return None;
    }
    let text = v.state.content.text().filter(|t| !t.trim().is_empty());
    let heading = v.state.heading.as_deref();
    if text.is_none() && heading.is_none() {
        return None;
    }
    let mut doc = TantivyDocument::default();
    doc.add_text(f.node_key, node_key(&act.id, eid));
    doc.add_text(f.act, act.id.as_str());
    doc.add_text(f.act_title, act.title(Lang::Kk));
    doc.add_text(f.kind, act.kind.akn_subtype());
    doc.add_text(f.issuer, &act.issuer.office);
    doc.add_text(f.lang, "kk");
    doc.add_text(f.eid, eid.as_str());
    if let Some(num) = &v.state.num {
        doc.add_text(f.num, num);
    }
    if let Some(h) = heading {
        doc.add_text(f.heading, h);
    }
    if let Some(t) = text {
        doc.add_text(f.text, t);
        doc.add_text(f.text_kk, t);
        doc.add_text(f.exact, t);
    }
    doc.add_i64(f.valid_from, day_number(v.validity.from));
    doc.add_i64(f.valid_to, v.validity.to.map_or(OPEN_END, day_number));
    doc.add_text(f.status, if text.is_some() { "in_force" } else { "heading_only" });
    doc.add_text(f.source_act, v.state.source.act.as_str());
    if let Some(item) = &v.state.source.item {
        doc.add_text(f.source_item, item);
    }
    Some(doc)
}
