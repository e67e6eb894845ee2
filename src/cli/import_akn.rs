//! `nusqa import akn FILE --out DIR`: an Akoma Ntoso document written as a prepared
//! publication (`DIR/<registry id>/act.json`, `text.kk.md`), which `nusqa publish` or
//! a draft can then take through the registry's checks. The corpus is not touched.

use std::path::Path;
use std::process::ExitCode;

use super::CliError;
use crate::akn::import::import;
use crate::model::RegistryId;

/// Reads `file` and writes its act into a new directory under `out`.
pub fn import_akn(file: &Path, out: &Path, id: Option<&str>) -> Result<ExitCode, CliError> {
    let at = |e: &dyn std::fmt::Display| CliError::BadArgument(format!("{}: {e}", file.display()));
    let xml = std::fs::read_to_string(file).map_err(|e| at(&e))?;
    let id = id
        .map(|s| {
            s.parse::<RegistryId>()
                .map_err(|e| CliError::BadArgument(format!("{e}")))
        })
        .transpose()?;
    let mut imp = import(&xml, id).map_err(|e| at(&e))?;
    imp.act.provenance = Some(format!(
        "Imported from the Akoma Ntoso document {} (its version of {}): the text of that version as a base text; the amendments that made it are not in the document.",
        file.file_name()
            .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned()),
        imp.version
    ));
    let dir = out.join(imp.act.id.as_str());
    if dir.exists() {
        return Err(CliError::Refused(format!(
            "{} exists; nothing was written",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir)?;
    let mut act_json = serde_json::to_string_pretty(&imp.act).map_err(|e| at(&e))?;
    act_json.push('\n');
    std::fs::write(dir.join("act.json"), act_json)?;
    std::fs::write(dir.join("text.kk.md"), crate::clause_markdown::write(&imp.nodes))?;
    let mut count = 0;
    for n in &imp.nodes {
        n.walk(&mut |_| count += 1);
    }
    outln!(
        "{}: {} clause(s) of the version of {} written to {}",
        imp.act.id,
        count,
        imp.version,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
